### Danish: proposals, stances, comments, moderation and answers.
### Ids are <part>-<name>; counts choose their form with { $n -> [one] … *[other] … }.

proposals-title = Forslag fra unge
proposals-intro = Her kan du foreslå, hvordan kommunens tilbud til unge skal arbejde. Kommunen svarer på alle forslag – også hvis svaret er nej.
proposals-new = Kom med et forslag
proposals-mine = Dine forslag
proposals-mine_hint = Kun du kan se denne liste. Den huskes på denne telefon eller computer.
proposals-all = Alle forslag
proposals-sort = Sortér forslag
proposals-none = Der er ingen forslag endnu. Bliv den første!
sort-nyeste = Nyeste
sort-stoette = Mest støttede
sort-besvaret = Senest besvaret
kind-add = Nyt princip
kind-change = Ændre et princip
kind-remove = Fjerne et princip
kind-idea = Idé til et tilbud
kind_hint-add = noget, alle tilbud skal gøre, som mangler i dag
kind_hint-change = et princip, der skal siges på en anden måde
kind_hint-remove = et princip, der ikke giver mening
kind_hint-idea = en idé til et bestemt sted, du kommer
status-received = Modtaget
status-considering = Bliver overvejet
status-adopted = Vedtaget
status-partly_adopted = Delvist vedtaget
status-not_adopted = Ikke vedtaget
moderation-pending = Venter på godkendelse
moderation-approved = Godkendt
moderation-rejected = Ikke offentliggjort
moderation-pending_mine = En voksen læser det, før andre kan se det.
moderation-rejected_mine = Ikke vist for andre. Begrundelse:
propose-title = Kom med et forslag
propose-intro = Du er anonym. Du får en kvitteringskode, så du kan følge dit forslag og se kommunens svar.
propose-kind = Hvad vil du foreslå?
propose-principle = Vil du ændre en af kædens fælles regler (principper)?
propose-principle_hint = Principperne er de regler, alle steder i kæden har lovet at følge. Vælg den, du vil ændre eller fjerne. Har du en ny idé, så lad feltet stå.
propose-no_principle = Ingen – det er en ny idé
propose-service = Handler det om et bestemt tilbud? (valgfrit)
propose-no_service = Intet bestemt tilbud
propose-title_label = Overskrift
propose-text_label = Dit forslag
propose-optional = frivilligt
propose-reason_label = Hvorfor er det vigtigt?
propose-max = Højst { $max } tegn.
propose-no_names = Skriv ikke navne, telefonnumre eller CPR-numre – vi skjuler dem.
propose-what_happens = Dit forslag bliver vist for alle med det samme. Har du skrevet noget, en voksen skal se først – fx et navn, et telefonnummer eller bandeord – bliver det vist, når en voksen har læst det. Kommunen skal svare inden for fristen, og svaret kan du se med din kode.
propose-send = Send forslag
receipt-title = Kvittering
receipt-find = Find dit forslag med din kode
receipt-thanks = Tak! Dit forslag er modtaget.
receipt-keep = Gem din kvitteringskode. Med den kan du altid se, hvad der sker med dit forslag:
receipt-keep_hint = Tag et skærmbillede, eller skriv koden ned. Den kan ikke findes igen, hvis du mister den.
receipt-pending = En voksen læser dit forslag, før det bliver vist for andre.
receipt-rejected = Dit forslag bliver ikke vist for andre.
receipt-reason = Begrundelse
receipt-public_page = Se forslaget, som andre ser det
receipt-code_label = Din kvitteringskode
receipt-code_hint = 16 tegn, fx 7QK2-M9XD-4HNB-T0RC. Store eller små bogstaver er lige meget.
receipt-look_up = Find forslag
receipt-unknown = Vi kan ikke finde et forslag med den kode. Tjek, at du har skrevet den rigtigt.
proposal-sent = Sendt
proposal-about_principle = Handler om princippet
proposal-about_service = Handler om tilbuddet
proposal-why = Hvorfor
proposal-answer = Kommunens svar
proposal-history = Det er sket
proposal-ok-stance = Tak, din holdning er gemt.
proposal-ok-comment = Tak, din kommentar er vist.
proposal-ok-comment_held = Tak. En voksen læser din kommentar, før den bliver vist.
event-status-received = Forslaget blev modtaget
event-status-considering = Kommunen overvejer forslaget
event-status-adopted = Forslaget blev vedtaget
event-status-partly_adopted = Forslaget blev delvist vedtaget
event-status-not_adopted = Forslaget blev ikke vedtaget
event-moderation-approved = Forslaget blev godkendt og vist for alle
event-moderation-rejected = Forslaget blev ikke offentliggjort
event-moderation-pending = Forslaget venter på en voksen
role_name-young_person = ung
role_name-moderator = moderator
role_name-manager = leder
role_name-system = Stemme
stance-title = Hvad synes du?
stance-for = Støt
stance-against = Imod
stance-mine-for = Du støtter forslaget.
stance-mine-against = Du er imod forslaget.
stance-withdraw = Fortryd
stance-for_count = { $n } støtter
stance-against_count = { $n } imod
comments-title = Kommentarer
comments-none = Ingen kommentarer endnu.
comments-write = Skriv en kommentar
comments-hint = Højst { $max } tegn. Skriv ikke navne eller telefonnumre.
comments-send = Send kommentar
comments-count =
    { $n ->
        [one] { $n } kommentar
       *[other] { $n } kommentarer
    }
help-title = Har du det svært lige nu?
help-intro = Du behøver ikke være alene med det. Du kan tale med nogen med det samme – anonymt og gratis:
help-bt = for børn og unge, gratis og anonymt
help-livslinien = hvis du tænker på selvmord
help-emergency = ring, hvis der er fare for liv lige nu
results-title = I sagde – vi gjorde
results-link = Se hvad der er kommet ud af forslagene
results-intro = Her kan du se kommunens svar på unges forslag, og hvad der er blevet ændret.
results-proposals = Forslag
results-share_answered = Besvaret
results-median_days = Dage til svar (median)
results-share_changed = Førte til en ændring
results-deadline =
    Kommunen har lovet at svare inden for { $days ->
        [one] { $days } dag
       *[other] { $days } dage
    }.
results-answered = Besvarede forslag
results-none = Ingen forslag er besvaret endnu.
results-answered_on = Besvaret
results-changed_principle = Ændrede princippet
results-removed_principle = Fjernede princippet
results-version = version
form-conflict = Det er lige blevet ændret af en anden. Prøv igen.
form-not_saved = Vi kunne ikke gemme det lige nu. Prøv igen om lidt – det du skrev, står her stadig.
admin-area-moderation = Moderation
admin-area_intro-moderation = Læs tekster fra unge, der venter, før de vises.
admin-area-forslag = Forslag og svar
admin-area_intro-forslag = Giv kommunens officielle svar på unges forslag.
admin-ok-approved = Godkendt og vist.
admin-ok-rejected = Afvist. Den unge kan se begrundelsen med sin kode.
admin-ok-answered = Svaret er gemt og kan ses af den unge.
moderation-intro = Tekster venter her, hvis noget blev skjult (CPR, telefon, e-mail, link), hvis der er bandeord, hvis teksten kan nævne en person eller en adresse, eller hvis den kan handle om selvskade. Dem, der haster, står øverst.
moderation-empty = Ingen tekster venter.
moderation-urgent = Haster – kan handle om selvskade eller selvmord
moderation-arrived = Kom ind
moderation-keep_hidden = Hold skjult (afvis)
moderation-approve_anyway = Vis alligevel
moderation-urgent_what_to_do = Hvad du gør nu:
moderation-urgent_danger = Står der, at nogen er i fare lige nu? Ring
moderation-urgent_advice = Er du i tvivl om, hvad du skal gøre? Få råd døgnet rundt hos
moderation-urgent_procedure = Følg kommunens procedure ved bekymring for et barn eller en ung (underretning, hvis den unge kan være under 18). Teksten er anonym: Stemme kender ikke navnet.
moderation-urgent_keep_hidden = Hold teksten skjult. Skriv en venlig begrundelse, der peger på hjælp, fx Børnetelefonen 116 111 eller Livslinien 70 201 201.
moderation-held_for = Holdt tilbage fordi
moderation-reason = Begrundelse (den unge ser den med sin kvitteringskode, når det er et forslag)
moderation-reason_hint = Skal udfyldes, hvis du afviser. Skriv venligt og kort.
moderation-approve = Godkend og vis
moderation-reject = Afvis
held-masked = personlige oplysninger blev skjult
held-swearing = bandeord
held-self_harm = mulig selvskade eller selvmord
held-person = Kan nævne en person
held-address = Kan være en adresse
target-proposal = Forslag
target-comment = Kommentar til
target-rating = Bedømmelse af
target-idea = Idé fra workshoppen
manage-intro =
    Flyt forslag fra modtaget til overvejes og til et svar. Svaret er offentligt og skal have en begrundelse. Fristen er { $days ->
        [one] { $days } dag
       *[other] { $days } dage
    }.
manage-overdue = Over fristen
manage-overdue_count = { $n } forslag har ventet længere end fristen.
manage-status = Ny status
manage-reason = Offentlig begrundelse
manage-reason_hint = Skal udfyldes ved vedtaget, delvist vedtaget og ikke vedtaget. Skriv, så en ung på 15 kan forstå det.
manage-principle_text = Princippets nye tekst
manage-principle_hint = Når forslaget vedtages, bliver dette en ny version af princippet, koblet til forslaget. Engelsk kan stå tomt.
manage-save = Gem status
manage-conflict = En anden har lige ændret forslaget. Se den nye status, og prøv igen.
settings-response_days = Svarfrist for forslag (dage)
settings-response_days_hint = Unges forslag skal have et officielt svar inden for dette antal dage (1–365). Standard er 30.
proposals-link = Foreslå en ændring – eller se andres forslag
principles-propose_change = Foreslå en ændring
admin-waiting_held =
    { $n ->
        [one] { $n } tekst venter
       *[other] { $n } tekster venter
    }, { $u } haster.
manage-apply_text = Gem teksten som ny version af princippet (ved delvist vedtaget; ved vedtaget sker det altid)
manage-wait_for_moderation = Forslaget venter på moderation. Det kan besvares, når det er godkendt.
overdue-days =
    { $n ->
        [one] { $n } dag
       *[other] { $n } dage
    }
