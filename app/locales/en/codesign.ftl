### English: proposals, stances, comments, moderation and answers.
### Ids are <part>-<name>; counts choose their form with { $n -> [one] … *[other] … }.

proposals-title = Proposals from young people
proposals-intro = Here you can suggest how the municipality's services for young people should work. The municipality answers every proposal – also when the answer is no.
proposals-new = Make a proposal
proposals-mine = Your proposals
proposals-mine_hint = Only you can see this list. It is remembered on this phone or computer.
proposals-all = All proposals
proposals-sort = Sort proposals
proposals-none = There are no proposals yet. Be the first!
sort-nyeste = Newest
sort-stoette = Most supported
sort-besvaret = Recently answered
kind-add = New principle
kind-change = Change a principle
kind-remove = Remove a principle
kind-idea = Idea for a service
kind_hint-add = something every service should do that is missing today
kind_hint-change = a principle that should say something else
kind_hint-remove = a principle that does not make sense
kind_hint-idea = an idea for a place you go to
status-received = Received
status-considering = Under consideration
status-adopted = Adopted
status-partly_adopted = Partly adopted
status-not_adopted = Not adopted
moderation-pending = Waiting for approval
moderation-approved = Approved
moderation-rejected = Not published
moderation-pending_mine = An adult reads it before others can see it.
moderation-rejected_mine = Not shown to others. Reason:
propose-title = Make a proposal
propose-intro = You are anonymous. You get a receipt code so you can follow your proposal and see the municipality's answer.
propose-kind = What do you want to propose?
propose-principle = Do you want to change one of the chain's shared rules (principles)?
propose-principle_hint = The principles are the rules every place in the chain has promised to follow. Choose the one you want to change or remove. If you have a new idea, leave this as it is.
propose-no_principle = None – it is a new idea
propose-service = Is it about a particular service? (optional)
propose-no_service = No particular service
propose-title_label = Title
propose-text_label = Your proposal
propose-optional = optional
propose-reason_label = Why does it matter?
propose-max =
    At most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
propose-no_names = Do not write names, phone numbers or CPR numbers – we hide them.
propose-what_happens = Your proposal is shown to everyone straight away. If you wrote something an adult must see first – a name, a phone number or swearing, say – it is shown once an adult has read it. The municipality must answer within its deadline, and you can see the answer with your code.
propose-send = Send proposal
receipt-title = Receipt
receipt-find = Find your proposal with your code
receipt-thanks = Thank you! Your proposal has been received.
receipt-keep = Keep your receipt code. With it you can always see what happens to your proposal:
receipt-keep_hint = Take a screenshot or write the code down. It cannot be found again if you lose it.
receipt-pending = An adult reads your proposal before it is shown to others.
receipt-rejected = Your proposal is not shown to others.
receipt-reason = Reason
receipt-public_page = See the proposal as others see it
receipt-code_label = Your receipt code
receipt-code_hint = 16 characters, e.g. 7QK2-M9XD-4HNB-T0RC. Upper or lower case does not matter.
receipt-look_up = Find proposal
receipt-unknown = We cannot find a proposal with that code. Check that you typed it correctly.
proposal-sent = Sent
proposal-about_principle = About the principle
proposal-about_service = About the service
proposal-why = Why
proposal-answer = The municipality's answer
proposal-history = What has happened
proposal-ok-stance = Thanks, your view has been saved.
proposal-ok-comment = Thanks, your comment is shown.
proposal-ok-comment_held = Thanks. An adult reads your comment before it is shown.
event-status-received = The proposal was received
event-status-considering = The municipality is considering the proposal
event-status-adopted = The proposal was adopted
event-status-partly_adopted = The proposal was partly adopted
event-status-not_adopted = The proposal was not adopted
event-moderation-approved = The proposal was approved and shown to everyone
event-moderation-rejected = The proposal was not published
event-moderation-pending = The proposal is waiting for an adult
role_name-young_person = young person
role_name-moderator = moderator
role_name-manager = manager
role_name-system = Stemme
stance-title = What do you think?
stance-for = Support
stance-against = Oppose
stance-mine-for = You support the proposal.
stance-mine-against = You oppose the proposal.
stance-withdraw = Undo
stance-for_count =
    { $n ->
        [one] { $n } supports
       *[other] { $n } support
    }
stance-against_count = { $n } against
comments-title = Comments
comments-none = No comments yet.
comments-write = Write a comment
comments-hint =
    At most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }. Do not write names or phone numbers.
comments-send = Send comment
comments-count =
    { $n ->
        [one] { $n } comment
       *[other] { $n } comments
    }
help-title = Are you having a hard time right now?
help-intro = You do not have to be alone with it. You can talk to someone right now – anonymously and free:
help-bt = for children and young people, free and anonymous
help-livslinien = if you are thinking about suicide
help-emergency = call if a life is in danger right now
results-title = You said – we did
results-link = See what came of the proposals
results-intro = Here you can see the municipality's answers to young people's proposals, and what has changed.
results-proposals = Proposals
results-share_answered = Answered
results-median_days = Days to answer (median)
results-share_changed = Led to a change
results-deadline =
    The municipality has promised to answer within { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
results-answered = Answered proposals
results-none = No proposals have been answered yet.
results-answered_on = Answered
results-changed_principle = Changed the principle
results-removed_principle = Removed the principle
results-version = version
form-conflict = Someone else just changed it. Try again.
form-not_saved = We could not save it right now. Try again shortly – what you wrote is still here.
admin-area-moderation = Moderation
admin-area_intro-moderation = Read young people's texts that wait before they are shown.
admin-area-forslag = Proposals and answers
admin-area_intro-forslag = Give the municipality's official answer to young people's proposals.
admin-ok-approved = Approved and shown.
admin-ok-rejected = Rejected. The young person can see the reason with their code.
admin-ok-answered = The answer is saved and visible to the young person.
moderation-intro = Texts wait here when something was hidden (CPR, phone, e-mail, link), when there is swearing, when the text may name a person or an address, or when it may be about self-harm. Urgent ones are at the top.
moderation-empty = No texts are waiting.
moderation-urgent = Urgent – may be about self-harm or suicide
moderation-arrived = Arrived
moderation-keep_hidden = Keep hidden (reject)
moderation-approve_anyway = Show anyway
moderation-urgent_what_to_do = What to do now:
moderation-urgent_danger = Does it say someone is in danger right now? Call
moderation-urgent_advice = Not sure what to do? Get advice day and night from
moderation-urgent_procedure = Follow the municipality's procedure when worried about a child or young person (a notification if they may be under 18). The text is anonymous: Stemme does not know the name.
moderation-urgent_keep_hidden = Keep the text hidden. Write a kind reason that points to help, such as Børnetelefonen 116 111 or Livslinien 70 201 201.
moderation-held_for = Held because
moderation-reason = Reason (the young person sees it with their receipt code when it is a proposal)
moderation-reason_hint = Required when you reject. Write kindly and briefly.
moderation-approve = Approve and show
moderation-reject = Reject
held-masked = personal data was hidden
held-swearing = swearing
held-self_harm = possible self-harm or suicide
held-person = May name a person
held-address = May be an address
target-proposal = Proposal
target-comment = Comment on
target-rating = Rating of
target-idea = Idea from the workshop
manage-intro =
    Move proposals from received to under consideration and to an answer. The answer is public and needs a reason. The deadline is { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
manage-overdue = Overdue
manage-overdue_count =
    { $n ->
        [one] { $n } proposal has waited longer than the deadline.
       *[other] { $n } proposals have waited longer than the deadline.
    }
manage-status = New status
manage-reason = Public reason
manage-reason_hint = Required for adopted, partly adopted and not adopted. Write so a 15-year-old can understand it.
manage-principle_text = The principle's new text
manage-principle_hint = When the proposal is adopted, this becomes a new version of the principle, linked to the proposal. English may be left empty.
manage-save = Save status
manage-conflict = Someone else just changed the proposal. See the new status and try again.
settings-response_days = Response deadline for proposals (days)
settings-response_days_hint = Young people's proposals must get an official answer within this many days (1–365). The default is 30.
proposals-link = Propose a change – or see other proposals
principles-propose_change = Propose a change
admin-waiting_held =
    { $n ->
        [one] { $n } text is waiting
       *[other] { $n } texts are waiting
    }, { $u } urgent.
manage-apply_text = Save the text as a new version of the principle (when partly adopted; when adopted it always happens)
manage-wait_for_moderation = The proposal is waiting for moderation. It can be answered once approved.
overdue-days =
    { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
