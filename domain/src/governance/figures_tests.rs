use super::*;

fn m(y: i64, n: i64) -> Month {
    Month::new(y, n).unwrap()
}

fn scope(services: &[i64]) -> Scope {
    Scope {
        services: services.iter().copied().collect(),
        questions: vec![
            ScaleQuestion { key: "listened".into(), criterion: 6, min: 1, max: 5 },
            ScaleQuestion { key: "fits".into(), criterion: 7, min: 1, max: 5 },
            ScaleQuestion { key: "overall".into(), criterion: 7, min: 1, max: 5 },
        ],
    }
}

/// `people` ratings of `service` in `month`, each answering every question with `value`.
fn add(cells: &mut Cells, service: i64, month: Month, people: i64, value: i64) {
    cells.answers.push((service, String::new(), month, people, 0, 0, people));
    for q in ["listened", "fits", "overall"] {
        cells.answers.push((service, q.into(), month, people, people * value, people * value * value, people));
    }
    cells.participation.push((service, "channel", "web".into(), month, people, people));
    cells.participation.push((service, "age_band", String::new(), month, people, people));
}

#[test]
fn spans_are_calendar_nodes() {
    assert_eq!(Span::Quarter.node(m(2026, 11)), Period { from: m(2026, 10), to: m(2026, 12) });
    assert_eq!(Span::of(m(2026, 1), m(2026, 12)), Some(Span::Year));
    assert_eq!(Span::of(m(2026, 2), m(2026, 4)), None);
    assert_eq!(year_nodes(2026).len(), 17);
}

#[test]
fn four_answers_are_hidden_five_are_shown() {
    let march = Span::Month.node(m(2026, 3));
    let mut four = Cells::default();
    add(&mut four, 1, m(2026, 3), 4, 4);
    let d = Decided::new(&four.clone().sorted(), &scope(&[1]), &[], [2026]);
    assert_eq!(d.get(march, &Key::Cell(1, 6)).n, None);
    assert_eq!(d.get(march, &Key::Cell(1, 6)).shown, Shown::TooFew);
    assert_eq!(d.get(march, &Key::Grand).mean, None);
    let mut cells = Cells::default();
    add(&mut cells, 2, m(2026, 3), 5, 2);
    let d = Decided::new(&cells.clone().sorted(), &scope(&[2]), &[], [2026]);
    let five = d.get(march, &Key::Cell(2, 6));
    assert_eq!((five.n, five.mean), (Some(5), Some(2.0)));
    // Criterion 7 pools two questions but counts people, not answers.
    assert_eq!(d.get(march, &Key::Cell(2, 7)).n, Some(5));
}

#[test]
fn a_hidden_cell_cannot_be_worked_out_from_its_column_total() {
    // Column 6: service 1 has 3 people, service 2 has 8, service 3 has 20.
    let mut cells = Cells::default();
    add(&mut cells, 1, m(2026, 3), 3, 1);
    add(&mut cells, 2, m(2026, 3), 8, 3);
    add(&mut cells, 3, m(2026, 3), 20, 5);
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1, 2, 3]), &[], [2026]);
    let march = Span::Month.node(m(2026, 3));
    assert_eq!(d.get(march, &Key::Cell(1, 6)).shown, Shown::TooFew);
    assert_eq!(d.get(march, &Key::Cell(2, 6)).shown, Shown::Protects);
    assert!(d.get(march, &Key::Cell(3, 6)).shown.visible());
    assert!(d.get(march, &Key::Col(6)).shown.visible());
    // The same holds for the grand total over the rows.
    assert!(!d.get(march, &Key::Row(1)).shown.visible() && !d.get(march, &Key::Row(2)).shown.visible());
}

#[test]
fn a_hidden_month_cannot_be_worked_out_from_its_quarter() {
    // Jan 10, Feb 3, Mar 10: the quarter (23) minus Jan and Mar would give Feb.
    let mut cells = Cells::default();
    for (month, people) in [(1, 10), (2, 3), (3, 10)] {
        add(&mut cells, 1, m(2026, month), people, 4);
    }
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1]), &[], [2026]);
    let q1 = Span::Quarter.node(m(2026, 1));
    let shown_months: Vec<bool> = (1..=3).map(|i| d.get(Span::Month.node(m(2026, i)), &Key::Row(1)).shown.visible()).collect();
    assert!(d.get(q1, &Key::Row(1)).shown.visible());
    assert_eq!(shown_months.iter().filter(|v| !**v).count(), 2, "February and one more month are hidden: {shown_months:?}");
}

#[test]
fn a_filter_that_leaves_out_a_few_people_is_hidden() {
    // 9 aged 15–17 out of 12: "everyone minus 15–17" would be 3 people.
    let mut all = Cells::default();
    add(&mut all, 1, m(2026, 3), 12, 4);
    let mut young = Cells::default();
    add(&mut young, 1, m(2026, 3), 9, 4);
    let s = scope(&[1]);
    let d = Decided::new(&young.clone().sorted(), &s, &[(&all.clone().sorted(), &s)], [2026]);
    assert_eq!(d.get(Span::Month.node(m(2026, 3)), &Key::Row(1)).shown, Shown::TooFew);
    let d = Decided::new(&all.clone().sorted(), &s, &[(&all.clone().sorted(), &s)], [2026]);
    assert!(d.get(Span::Month.node(m(2026, 3)), &Key::Row(1)).shown.visible());
}

#[test]
fn handovers_show_the_fit_of_the_path() {
    let mut cells = Cells::default();
    add(&mut cells, 2, m(2026, 3), 6, 4);
    cells.handovers.push((1, 2, String::new(), m(2026, 3), 6, 0, 0, 6));
    cells.handovers.push((1, 2, "fits".into(), m(2026, 3), 6, 18, 54, 6));
    cells.handovers.push((1, 2, "listened".into(), m(2026, 3), 6, 30, 150, 6));
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1, 2]), &[], [2026]);
    let h = d.get(Span::Month.node(m(2026, 3)), &Key::Handover(1, 2));
    assert_eq!((h.n, h.mean), (Some(6), Some(3.0)));
}

#[test]
fn a_row_minus_its_handovers_cannot_single_out_a_few() {
    // 7 ratings of service 2, 6 of them came from service 1: showing the
    // handover beside the row would give the 1 who did not say.
    let mut cells = Cells::default();
    add(&mut cells, 2, m(2026, 3), 7, 4);
    cells.handovers.push((1, 2, String::new(), m(2026, 3), 6, 0, 0, 6));
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1, 2]), &[], [2026]);
    let march = Span::Month.node(m(2026, 3));
    assert!(d.get(march, &Key::Row(2)).shown.visible());
    assert_eq!(d.get(march, &Key::Handover(1, 2)).shown, Shown::Protects);
    assert!(d.at(march).all(|(k, _, _)| !matches!(k, Key::NotSaid(_))), "the rest is never shown");
    // With 5 or more who did not say, both are shown.
    let mut cells = Cells::default();
    add(&mut cells, 2, m(2026, 3), 11, 4);
    cells.handovers.push((1, 2, String::new(), m(2026, 3), 6, 0, 0, 6));
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1, 2]), &[], [2026]);
    assert!(d.get(march, &Key::Handover(1, 2)).shown.visible());
}

#[test]
fn arrivals_count_people_not_answers() {
    // Criterion 7 has two questions; 5 people answering both are 5 arrivals.
    let mut cells = Cells::default();
    add(&mut cells, 1, m(2026, 3), 5, 4);
    add(&mut cells, 2, m(2026, 3), 3, 4);
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1, 2]), &[], [2026]);
    let march = Span::Month.node(m(2026, 3));
    let arrivals = |key: Key| d.at(march).find(|(k, _, _)| **k == key).map(|(_, _, a)| a);
    assert_eq!(arrivals(Key::Cell(1, 7)), Some(5));
    assert_eq!(arrivals(Key::Row(1)), Some(5));
    assert_eq!(arrivals(Key::Col(7)), Some(8));
    assert_eq!(arrivals(Key::Grand), Some(8));
    assert_eq!(arrivals(Key::Channel("web".into())), Some(8));
}

/// The attack: five people all answered 3. Mean 3,0 with n = 5 is allowed,
/// but an interval of 3,0–3,0 beside it says what each one answered. Under
/// 30 answers no interval is published; from 30 on it is.
#[test]
fn a_small_group_gets_no_interval_that_reveals_each_answer() {
    let march = Span::Month.node(m(2026, 3));
    let mut cells = Cells::default();
    add(&mut cells, 1, m(2026, 3), 5, 3);
    add(&mut cells, 2, m(2026, 3), 29, 4);
    add(&mut cells, 3, m(2026, 3), 30, 2);
    add(&mut cells, 3, m(2026, 3), 10, 5);
    let d = Decided::new(&cells.clone().sorted(), &scope(&[1, 2, 3]), &[], [2026]);
    let five = d.get(march, &Key::Cell(1, 6));
    assert_eq!((five.n, five.mean, five.interval), (Some(5), Some(3.0), None));
    assert_eq!(d.get(march, &Key::Cell(2, 6)).interval, None, "29 answers");
    let (lo, hi) = d.get(march, &Key::Cell(3, 6)).interval.expect("40 answers have an interval");
    assert!(lo < hi, "{lo}–{hi}");
}
