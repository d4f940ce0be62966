use super::*;

fn held(text: &str) -> bool {
    let f = find(text);
    f.person || f.address
}

#[test]
fn examples() {
    assert!(find("jeg hedder Mads Jensen").person);
    assert!(find("Karin fra jobcentret").person);
    assert!(find("Vestergade 12, 2. th").address);
    assert!(!find("Vestergade 12, 2. th").person);
    assert!(!held("Per uge får vi to timer"));
    assert!(find("Per Hansen sagde nej").person);
    assert!(!held("Mark dine fraværsdage"));
    assert!(!held("Jeg har søgt praktikplads 20 steder"));
    assert!(find("Rådhuspladsen 1").address);
}

#[test]
fn the_name_list_is_well_formed() {
    let n = &*NAMES;
    assert!(n.names.len() >= 400, "{} names", n.names.len());
    for name in &n.names {
        assert!(name.chars().all(|c| c.is_alphabetic() || c == '-'), "bad name {name:?}");
    }
}

#[test]
fn corpus() {
    let corpus = include_str!("../data/names-corpus.tsv");
    let (mut cases, mut false_positives, mut false_negatives) = (0, Vec::new(), Vec::new());
    for (n, line) in corpus.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (kind, text) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab: {line:?}", n + 1));
        cases += 1;
        let f = find(text);
        let ok = match kind {
            "person" => f.person,
            "address" => f.address,
            "keep" => !f.person && !f.address,
            other => panic!("line {}: unknown kind {other:?}", n + 1),
        };
        if !ok {
            let list = if kind == "keep" { &mut false_positives } else { &mut false_negatives };
            list.push(format!("line {}: {kind} {text:?} -> {f:?}", n + 1));
        }
    }
    // The masking corpus's texts are ordinary too, except those that name someone.
    let masking = include_str!("../data/masking-corpus.tsv");
    let mut masking_keep = 0;
    for line in masking.lines().filter(|l| l.starts_with("keep\t")) {
        let text = &line[5..];
        masking_keep += 1;
        if held(text) {
            false_positives.push(format!("masking corpus: {text:?} -> {:?}", find(text)));
        }
    }
    println!(
        "names corpus: {cases} cases (+ {masking_keep} ordinary texts of the masking corpus), false positives: {}, false negatives: {}",
        false_positives.len(),
        false_negatives.len()
    );
    for f in &false_positives {
        println!("  false positive {f}");
    }
    for f in &false_negatives {
        println!("  false negative {f}");
    }
    assert!(cases >= 100, "the corpus should stay large");
    assert_eq!(false_positives.len(), 0, "false positives");
    assert_eq!(false_negatives.len(), 0, "false negatives");
}
