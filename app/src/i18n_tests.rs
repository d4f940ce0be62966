//! The texts are looked up by string id, so nothing but these tests stops a
//! page from showing a bare id: every id the code names must exist in both
//! languages, and both languages must have the same ids.

use super::*;
use crate::domain::proposal::{Moderation, ProposalKind, Sort, Stance, Status};
use crate::domain::queue::Target;
use crate::domain::staff::{Role, ADMIN_AREAS};
use fluent_bundle::FluentResource;
use regex::Regex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LOCALES: [Locale; 2] = [Locale::Da, Locale::En];

fn ids(locale: Locale, file: &str) -> BTreeSet<String> {
    let (_, text) = sources(locale).into_iter().find(|(f, _)| *f == file).expect("a file of the split");
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(_, e)| panic!("{file}.ftl: {e:?}"));
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

fn exists(id: &str) -> bool {
    LOCALES.iter().all(|l| bundle_for(*l).get_message(id).and_then(|m| m.value()).is_some())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("i18n_tests.rs") {
            out.push(path);
        }
    }
}

/// The source of the crates that show texts: this one, the server and the domain.
fn sources_of_code() -> String {
    sources_under(&["src", "../server/src", "../domain/src"])
}

fn sources_under(dirs: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 10, "found only {} source files under {dirs:?}", files.len());
    files.iter().map(|f| std::fs::read_to_string(f).expect("a readable source file")).collect::<Vec<_>>().join("\n")
}

#[test]
fn both_languages_have_text() {
    assert_eq!(tr(Locale::Da, "nav-home"), "Forside");
    assert_eq!(tr(Locale::En, "nav-home"), "Home");
}

#[test]
fn every_file_parses_and_no_id_is_repeated() {
    for locale in LOCALES {
        for (file, text) in sources(locale) {
            if let Err((_, errors)) = FluentResource::try_new(text.to_owned()) {
                panic!("{}/{file}.ftl: {errors:?}", locale.code());
            }
        }
        // Repeated ids across files are refused by the bundle.
        let _ = bundle(locale);
    }
}

#[test]
fn both_languages_have_the_same_ids_in_the_same_files() {
    for (file, _) in sources(Locale::Da) {
        let (da, en) = (ids(Locale::Da, file), ids(Locale::En, file));
        assert!(!da.is_empty(), "{file}.ftl has no messages");
        assert_eq!(da.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "only in da/{file}.ftl");
        assert_eq!(en.difference(&da).collect::<Vec<_>>(), Vec::<&String>::new(), "only in en/{file}.ftl");
    }
}

#[test]
fn every_id_named_in_the_code_exists_in_both_languages() {
    let code = sources_of_code();
    // `t("id")`, `tr(locale, "id")`, `tr_args(locale, "id", …)`, and the
    // server's `refused("id", status)`.
    let patterns =
        [r#"\bt\(\s*"([^"]+)""#, r#"\b(?:tr|tr_args)\(\s*[^,()]*(?:\([^()]*\))?[^,()]*,\s*"([^"]+)""#, r#"\brefused\(\s*"([^"]+)""#];
    let mut named = BTreeSet::new();
    for p in patterns {
        for c in Regex::new(p).expect("a valid pattern").captures_iter(&code) {
            named.insert(c[1].to_owned());
        }
    }
    assert!(named.len() > 250, "found only {} ids: has the call syntax changed?", named.len());
    let missing: Vec<_> = named.iter().filter(|id| !exists(id)).collect();
    assert!(missing.is_empty(), "ids used in the code without a text in da and en: {missing:?}");
}

/// Ids built at run time (`t(&format!("kind-{}", …))`, `Status::key`): each
/// family's prefix must have texts, and the families over a closed set of
/// values have one text for each value.
#[test]
fn every_id_built_from_a_code_exists_in_both_languages() {
    let code = sources_of_code();
    let built = Regex::new(r#"(?:\bt\(&format!\(|fn (?:key|label_key)\(self\) -> String \{\s*format!\()"([a-z][a-z0-9_-]*-)\{"#)
        .expect("a valid pattern");
    let prefixes: BTreeSet<String> = built.captures_iter(&code).map(|c| c[1].to_owned()).collect();
    assert!(prefixes.len() >= 15, "found only {} id families: {prefixes:?}", prefixes.len());
    let all: BTreeSet<String> = sources(Locale::Da).into_iter().flat_map(|(file, _)| ids(Locale::Da, file)).collect();
    for prefix in &prefixes {
        assert!(all.iter().any(|id| id.starts_with(prefix.as_str())), "no text starts with {prefix}");
    }

    let mut ids: Vec<String> = Vec::new();
    ids.extend(Status::ALL.iter().flat_map(|s| [s.key(), format!("event-status-{}", s.as_str())]));
    ids.extend(Moderation::ALL.iter().flat_map(|m| [m.key(), format!("event-moderation-{}", m.as_str())]));
    ids.extend(ProposalKind::ALL.iter().flat_map(|k| [format!("kind-{}", k.as_str()), format!("kind_hint-{}", k.as_str())]));
    ids.extend(Stance::ALL.iter().flat_map(|s| [format!("stance-{}", s.as_str()), format!("stance-mine-{}", s.as_str())]));
    ids.extend(Sort::ALL.iter().map(|s| format!("sort-{}", s.code())));
    ids.extend(ADMIN_AREAS.iter().flat_map(|(a, _)| [format!("admin-area-{a}"), format!("admin-area_intro-{a}")]));
    ids.extend(["operator", "admin", "manager", "facilitator", "moderator"].into_iter().filter_map(Role::parse).map(Role::label_key));
    ids.extend(Target::ALL.into_iter().map(|t| format!("target-{}", t.as_str())));
    // ProposalEvent::role, Screening::reasons, the proposal page's `?ok=` codes.
    ids.extend(["young_person", "moderator", "manager", "system"].map(|r| format!("role_name-{r}")));
    ids.extend(["masked", "swearing", "self_harm", "person", "address"].map(|r| format!("held-{r}")));
    ids.extend(["stance", "comment", "comment_held"].map(|c| format!("proposal-ok-{c}")));
    // The staff pages' `?ok=` codes, as the server sends them: in a URL, to
    // `Post::done`, or as a workshop action's outcome ("moved" redirects
    // without a confirmation).
    let server = sources_under(&["../server/src"]);
    let ok = Regex::new(r#"\?ok=([a-z_]+)|\bdone\(([^;]*?)\)|\.map\(\|_\| "([a-z_]+)"\)"#).expect("a valid pattern");
    let word = Regex::new(r#""([a-z_]+)""#).expect("a valid pattern");
    let mut codes = BTreeSet::new();
    for c in ok.captures_iter(&server) {
        if let Some(code) = c.get(1).or(c.get(3)) {
            codes.insert(code.as_str().to_owned());
        } else if let Some(args) = c.get(2) {
            codes.extend(word.captures_iter(args.as_str()).map(|w| w[1].to_owned()));
        }
    }
    codes.remove("moved");
    // The proposal page's codes have their own texts (above).
    for c in ["stance", "comment", "comment_held"] {
        assert!(codes.remove(c), "the server no longer sends ?ok={c}");
    }
    assert!(codes.len() >= 12, "found only {} ?ok= codes: {codes:?}", codes.len());
    ids.extend(codes.iter().map(|c| format!("admin-ok-{c}")));
    let missing: Vec<_> = ids.iter().filter(|id| !exists(id)).collect();
    assert!(missing.is_empty(), "ids built in the code without a text in da and en: {missing:?}");
}

#[test]
fn counts_take_the_plural_form_of_each_language() {
    let count = |l, n: i64| tr_args(l, "comments-count", &[("n", n.into())]);
    assert_eq!(count(Locale::Da, 1), "1 kommentar");
    assert_eq!(count(Locale::Da, 2), "2 kommentarer");
    assert_eq!(count(Locale::Da, 0), "0 kommentarer");
    assert_eq!(count(Locale::En, 1), "1 comment");
    assert_eq!(count(Locale::En, 0), "0 comments");
    assert_eq!(count(Locale::En, 1000), "1000 comments");

    let overdue = |l, n: i64| tr_args(l, "manage-overdue_count", &[("n", n.into())]);
    assert_eq!(overdue(Locale::Da, 1), "1 forslag har ventet længere end fristen.");
    assert_eq!(overdue(Locale::En, 1), "1 proposal has waited longer than the deadline.");
    assert_eq!(overdue(Locale::En, 3), "3 proposals have waited longer than the deadline.");

    let participants = |l, n: i64| tr_args(l, "workshop-participants", &[("n", n.into())]);
    assert_eq!(participants(Locale::Da, 1), "1 deltager");
    assert_eq!(participants(Locale::Da, 2), "2 deltagere");
    assert_eq!(participants(Locale::En, 1), "1 participant");
    let answered = |l, n: usize| tr_args(l, "workshop-answered", &[("n", n.into())]);
    assert_eq!(answered(Locale::Da, 1), "1 har svaret");
    assert_eq!(answered(Locale::En, 1), "1 has answered");
    assert_eq!(answered(Locale::En, 2), "2 have answered");

    let held = |l, n: i64, u: i64| tr_args(l, "admin-waiting_held", &[("n", n.into()), ("u", u.into())]);
    assert_eq!(held(Locale::Da, 1, 0), "1 tekst venter, 0 haster.");
    assert_eq!(held(Locale::Da, 4, 1), "4 tekster venter, 1 haster.");
    assert_eq!(held(Locale::En, 1, 1), "1 text is waiting, 1 urgent.");

    let deadline = |l, days: i64| tr_args(l, "results-deadline", &[("days", days.into())]);
    assert_eq!(deadline(Locale::Da, 1), "Kommunen har lovet at svare inden for 1 dag.");
    assert_eq!(deadline(Locale::Da, 30), "Kommunen har lovet at svare inden for 30 dage.");
    assert_eq!(deadline(Locale::En, 1), "The municipality has promised to answer within 1 day.");
}

#[test]
fn a_public_count_under_5_reads_as_a_plural() {
    let count = |l, n: i64| tr_args(l, "comments-count", &[("n", PublicCount::of(n).into())]);
    assert_eq!(count(Locale::Da, 1), "under 5 kommentarer");
    assert_eq!(count(Locale::En, 1), "under 5 comments");
    assert_eq!(count(Locale::Da, 7), "7 kommentarer");
}

#[test]
fn texts_have_no_bidi_isolation_marks() {
    let text = tr_args(Locale::Da, "rate-title", &[("service", "FGU".into())]);
    assert_eq!(text, "Hvad synes du om FGU?");
}

#[test]
fn an_unknown_id_shows_as_itself_and_a_missing_argument_shows() {
    assert_eq!(tr(Locale::Da, "no-such-text"), "no-such-text");
    assert!(tr(Locale::En, "comments-count").contains("$n"));
}

#[test]
fn dates_read_naturally() {
    assert_eq!(format_date(Locale::Da, 1_795_428_000), "23. november 2026");
    assert_eq!(format_date(Locale::En, 951_782_400), "29 February 2000");
}

#[test]
fn danish_decimals_use_a_comma() {
    assert_eq!(format_decimal(Locale::Da, 3.25, 1), "3,2");
    assert_eq!(format_decimal(Locale::En, 3.5, 1), "3.5");
}

#[test]
fn dates_and_clock_times_are_danish_time() {
    // 2026-12-07 13:05 UTC; 2026-10-31 23:30 UTC is already 1 November in Copenhagen.
    assert_eq!(format_date_time(Locale::Da, 1_796_648_700), "7. december 2026 kl. 14.05");
    assert_eq!(format_date_time(Locale::En, 1_796_648_700), "7 December 2026, 14:05");
    assert_eq!(format_date(Locale::Da, 1_793_489_400), "1. november 2026");
}
