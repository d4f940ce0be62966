### Danish: workshops (the presenter's screen, the phones, the staff page).
### Ids are <part>-<name>; counts choose their form with { $n -> [one] … *[other] … }.

workshop-results_wait = Resultatet vises, når mindst { $needed } har svaret ({ $answered } indtil nu)
workshop-opinion_groups =
    { $n ->
        [one] { $n } meningsgruppe
       *[other] { $n } meningsgrupper
    } (personer: { $sizes })
workshop-ratings =
    { $n ->
        [one] { $n } bedømmelse i workshoppen
       *[other] { $n } bedømmelser i workshoppen
    }
workshop-participants =
    { $n ->
        [one] { $n } deltager
       *[other] { $n } deltagere
    }
workshop-answered = { $n } har svaret

## The workshop pages, the facilitator's controls and the server's workshop messages.
workshop-agree = Enig
workshop-disagree = Uenig
workshop-pass = Ved ikke
workshop-what_unites_all_groups = Det samler alle grupper
workshop-what_divides_groups = Det deler grupperne
workshop-under_5_answers_yet = Under 5 svar endnu
workshop-word_cloud = Ordsky
workshop-waiting_for_everyone_to = Vi venter på, at alle er med
workshop-running = I gang
workshop-paused = Pause
workshop-has_ended_thank = Workshoppen er slut. Tak fordi du var med!
workshop-workshops = Workshops
workshop-run_workshop_with_youth = Kør en workshop med ungerådet: de unge deltager på mobilen med en kode, resultaterne vises live på skærmen, og alt lander i samme overblik som bedømmelser og forslag.
workshop-no_workshops_yet = Ingen workshops endnu.
workshop-prepare_workshop = Forbered en workshop
workshop-none = (ingen)
workshop-quick_poll_single_choice = Hurtig afstemning (ét svar)
workshop-statements_agree_disagree = Udsagn: enig / uenig
workshop-ideas = Idéer
workshop-dot_voting_spread_n = Prikker (fordel N prikker)
workshop-rate_services = Bedøm tilbud
workshop-title = Titel
workshop-e_g_youth_council = Fx “Ungerådet november”.
workshop-kind = Slags
workshop-question_or_heading = Spørgsmål eller overskrift
workshop-options_statements_or_services = Valgmuligheder, udsagn eller tilbud – én pr. linje
workshop-dots_per_person = Prikker pr. person
workshop-dots_on = Prikker på
workshop-options_above = valgmulighederne ovenfor
workshop-young_people_s_proposals = de unges forslag
workshop-principles = principperne
workshop-create_workshop = Opret workshop
workshop-start = Start
workshop-next = Næste
workshop-back = Forrige
workshop-pause = Pause
workshop-resume = Fortsæt
workshop-reveal_results = Vis resultat
workshop-hide_results = Skjul resultat
workshop-close_workshop = Afslut workshop
workshop-close_explained = Når workshoppen er afsluttet, kan ingen svare mere, og den kan ikke startes igen. Resultaterne bliver gemt.
workshop-close_confirm = Ja, afslut workshoppen
workshop-code = Kode:{" "}
workshop-open_projector_screen = Åbn skærmen til projektoren
workshop-download_csv = Hent CSV
workshop-controls = Styring
workshop-live = Live
workshop-all_activities = Alle aktiviteter
workshop-became_proposal = Blev til et forslag
workshop-make_it_proposal = Gør til forslag
workshop-waiting_for_you = Venter på dig
workshop-show = Vis
workshop-reject = Afvis
workshop-rejected = Afvist
workshop-may_be_about_self = Kan handle om selvskade: tal med den unge, hvis du kan, og henvis til Børnetelefonen 116 111.
workshop-go_to = Gå til
workshop-and_type_code = og skriv koden
workshop-qr_code_to_join = QR-kode til at deltage
workshop-join_workshop = Deltag i en workshop
workshop-type_code_from_screen = Skriv koden fra skærmen. Du er anonym: vi gemmer ikke dit navn.
workshop-code_6_characters = Kode (6 tegn)
workshop-nickname_optional = Kaldenavn (frivilligt)
workshop-shown_only_during_workshop = Vises kun under workshoppen og slettes bagefter.
workshop-join = Deltag
workshop-facilitator_has_moved_on = Facilitatoren er gået videre.
workshop-show_new_activity = Vis den nye aktivitet
workshop-name = Workshop
workshop-you_are_taking_part_2 = Du er med. Du er anonym.
workshop-your_answer_is_saved = Dit svar er gemt. Du kan ændre det, så længe aktiviteten er åben.
workshop-activity_closed_before_your = Aktiviteten var lukket, før dit svar kom frem. Se den aktuelle aktivitet herunder.
workshop-results = Resultat
workshop-see_young_people_s = Se forslagene fra de unge
workshop-refresh_page = Opdater siden
workshop-you_have_not_joined = Du er ikke med i denne workshop endnu.
workshop-join_with_code_from = Deltag med koden fra skærmen
workshop-rate_services_with_usual = Bedøm tilbuddene med de samme spørgsmål som altid. Dine svar tæller med i kommunens overblik.
workshop-choose_one_answer = Vælg ét svar
workshop-answer_as_many_as = Svar på så mange, du vil.
workshop-your_idea = Din idé
workshop-at_most_200_characters = Højst 200 tegn. Skriv ikke navne, telefonnumre eller e-mails. Du kan sende flere idéer.
workshop-send = Send
workshop-we_do_not_know = Den knap kender vi ikke. Prøv igen fra siden.
workshop-had_already_changed = Workshoppen var allerede blevet ændret (måske et dobbeltklik). Her er den, som den er nu.
workshop-idea_has_already_been = Idéen er allerede afgjort (måske af en anden facilitator), eller den findes ikke.
workshop-that_cannot_become_proposal = Det kan ikke blive et forslag: kun viste idéer og udsagn kan.
workshop-we_do_not_know_2 = Den handling kender vi ikke. Prøv igen fra siden.
workshop-unknown_command = Ukendt kommando.
workshop-you_already_have_workshop = Du har allerede workshoppen åben i for mange faner. Luk en af dem, så følger denne med om lidt.
workshop-there_are_too_many = Der er for mange åbne forbindelser fra dit netværk lige nu. Prøv igen om lidt.
workshop-activity_of = Aktivitet { $n } af { $total }
workshop-activity_n = Aktivitet { $n }
workshop-dots_to_give = { $dots ->
    [one] Du har 1 prik.
   *[other] Du har { $dots } prikker. Giv gerne flere til det samme.
}
# The live script puts the number where # stands.
workshop-dots_left_one = 1 prik tilbage
workshop-dots_left_other = # prikker tilbage
workshop-dot_add = Giv en prik til
workshop-dot_remove = Tag en prik fra
workshop-taking_part_as = Du er med som { $name }.
workshop-rate_service = Bedøm { $name }
workshop-urgent_idea_alert = En idé i denne workshop kan handle om selvskade eller selvmord. Den vises ikke for nogen, og kommunens moderatorer har fået den. Du finder den under aktiviteten nedenfor. Er nogen i fare lige nu, så ring 112. Børnetelefonen (116 111) og Livslinien (70 201 201) kan hjælpe.
workshop-move_up = Flyt op
workshop-remove = Fjern
