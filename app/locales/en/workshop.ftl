### English: workshops (the presenter's screen, the phones, the staff page).
### Ids are <part>-<name>; counts choose their form with { $n -> [one] … *[other] … }.

workshop-results_wait =
    Results show once at least { $needed ->
        [one] { $needed } has answered
       *[other] { $needed } have answered
    } ({ $answered } so far)
workshop-opinion_groups =
    { $n ->
        [one] { $n } opinion group
       *[other] { $n } opinion groups
    } (people: { $sizes })
workshop-ratings =
    { $n ->
        [one] { $n } rating in the workshop
       *[other] { $n } ratings in the workshop
    }
workshop-participants =
    { $n ->
        [one] { $n } participant
       *[other] { $n } participants
    }
workshop-answered =
    { $n ->
        [one] { $n } has answered
       *[other] { $n } have answered
    }

## The workshop pages, the facilitator's controls and the server's workshop messages.
workshop-agree = Agree
workshop-disagree = Disagree
workshop-pass = Pass
workshop-what_unites_all_groups = What unites all groups
workshop-what_divides_groups = What divides the groups
workshop-under_5_answers_yet = Under 5 answers yet
workshop-word_cloud = Word cloud
workshop-waiting_for_everyone_to = Waiting for everyone to join
workshop-running = Running
workshop-paused = Paused
workshop-has_ended_thank = The workshop has ended. Thank you for taking part!
workshop-workshops = Workshops
workshop-run_workshop_with_youth = Run a workshop with the youth council: young people join on their phones with a code, results show live on the screen, and everything lands in the same record as ratings and proposals.
workshop-no_workshops_yet = No workshops yet.
workshop-prepare_workshop = Prepare a workshop
workshop-none = (none)
workshop-quick_poll_single_choice = Quick poll (single choice)
workshop-statements_agree_disagree = Statements: agree / disagree
workshop-ideas = Ideas
workshop-dot_voting_spread_n = Dot-voting (spread N dots)
workshop-rate_services = Rate services
workshop-title = Title
workshop-e_g_youth_council = E.g. “Youth council November”.
workshop-kind = Kind
workshop-question_or_heading = Question or heading
workshop-options_statements_or_services = Options, statements or services – one per line
workshop-dots_per_person = Dots per person
workshop-dots_on = Dots on
workshop-options_above = the options above
workshop-young_people_s_proposals = the young people's proposals
workshop-principles = the principles
workshop-create_workshop = Create workshop
workshop-start = Start
workshop-next = Next
workshop-back = Back
workshop-pause = Pause
workshop-resume = Resume
workshop-reveal_results = Reveal results
workshop-hide_results = Hide results
workshop-close_workshop = Close workshop
workshop-close_explained = Once the workshop is closed, nobody can answer any more and it cannot be started again. The results are kept.
workshop-close_confirm = Yes, close the workshop
workshop-code = Code:{" "}
workshop-open_projector_screen = Open the projector screen
workshop-download_csv = Download CSV
workshop-controls = Controls
workshop-live = Live
workshop-all_activities = All activities
workshop-became_proposal = Became a proposal
workshop-make_it_proposal = Make it a proposal
workshop-waiting_for_you = Waiting for you
workshop-show = Show
workshop-reject = Reject
workshop-rejected = Rejected
workshop-may_be_about_self = May be about self-harm: talk to the young person if you can, and refer to Børnetelefonen 116 111.
workshop-go_to = Go to
workshop-and_type_code = and type the code
workshop-qr_code_to_join = QR code to join
workshop-join_workshop = Join a workshop
workshop-type_code_from_screen = Type the code from the screen. You are anonymous: we do not store your name.
workshop-code_6_characters = Code (6 characters)
workshop-nickname_optional = Nickname (optional)
workshop-shown_only_during_workshop = Shown only during the workshop and deleted afterwards.
workshop-join = Join
workshop-facilitator_has_moved_on = The facilitator has moved on.
workshop-show_new_activity = Show the new activity
workshop-name = Workshop
workshop-you_are_taking_part_2 = You are taking part. You are anonymous.
workshop-your_answer_is_saved = Your answer is saved. You can change it while the activity is open.
workshop-activity_closed_before_your = The activity closed before your answer arrived. See the current activity below.
workshop-results = Results
workshop-see_young_people_s = See the young people's proposals
workshop-refresh_page = Refresh the page
workshop-you_have_not_joined = You have not joined this workshop yet.
workshop-join_with_code_from = Join with the code from the screen
workshop-rate_services_with_usual = Rate the services with the usual questions. Your answers count in the municipality's overview.
workshop-choose_one_answer = Choose one answer
workshop-answer_as_many_as = Answer as many as you like.
workshop-your_idea = Your idea
workshop-at_most_200_characters = At most 200 characters. Do not write names, phone numbers or e-mails. You can send several ideas.
workshop-send = Send
workshop-we_do_not_know = We do not know that button. Try again from the page.
workshop-had_already_changed = The workshop had already changed (perhaps a double click). Here it is as it is now.
workshop-idea_has_already_been = The idea has already been decided (perhaps by another facilitator), or it does not exist.
workshop-that_cannot_become_proposal = That cannot become a proposal: only ideas shown to the room and statements can.
workshop-we_do_not_know_2 = We do not know that action. Try again from the page.
workshop-unknown_command = Unknown command.
workshop-you_already_have_workshop = You already have the workshop open in too many tabs. Close one, and this one follows along shortly.
workshop-there_are_too_many = There are too many open connections from your network right now. Try again shortly.
workshop-activity_of = Activity { $n } of { $total }
workshop-activity_n = Activity { $n }
workshop-dots_to_give = { $dots ->
    [one] You have 1 dot.
   *[other] You have { $dots } dots. You may give several to the same one.
}
# The live script puts the number where # stands.
workshop-dots_left_one = 1 dot left
workshop-dots_left_other = # dots left
workshop-dot_add = Give a dot to
workshop-dot_remove = Take a dot from
workshop-taking_part_as = You are taking part as { $name }.
workshop-rate_service = Rate { $name }
workshop-urgent_idea_alert = An idea in this workshop may be about self-harm or suicide. It is not shown to anyone, and the municipality's moderators have it. You find it under its activity below. If someone is in danger right now, call 112. Børnetelefonen (116 111) and Livslinien (70 201 201) can help.
workshop-move_up = Move up
workshop-remove = Remove
