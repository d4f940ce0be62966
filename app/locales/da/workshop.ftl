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
