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
