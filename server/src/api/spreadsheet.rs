//! The one CSV writer every export uses. The default is what Danish Excel
//! opens by double-click: UTF-8 with BOM, `;` between cells, decimal comma.
//! `?sep=comma` gives the international format (decimal point unless
//! `decimal=comma` is asked for).
//!
//! Excel splits at its locale's separator whatever we meant, so a cell is
//! quoted when it holds *either* separator (or a quote or line break), and a
//! cell that Excel would run as a formula gets a leading `'`.

use crate::error::ApiError;
use app::domain::rating::{FieldError, FieldErrors};
use app::domain::Locale;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CsvFormat {
    pub sep: char,
    pub decimal_comma: bool,
}

impl Default for CsvFormat {
    fn default() -> Self {
        CsvFormat { sep: ';', decimal_comma: true }
    }
}

impl CsvFormat {
    /// From `sep` (`semicolon` default, `comma`) and `decimal` (`comma` or
    /// `point`; by default the one that does not clash with the separator).
    pub fn from_query(q: &HashMap<String, String>, locale: Locale) -> Result<CsvFormat, ApiError> {
        let bad = |field: &str| ApiError::invalid(&FieldErrors::from([(field.to_string(), FieldError::NotAnOption)]), locale);
        let sep = match q.get("sep").map(String::as_str) {
            None | Some("semicolon") => ';',
            Some("comma") => ',',
            Some(_) => return Err(bad("sep")),
        };
        let decimal_comma = match q.get("decimal").map(String::as_str) {
            None => sep == ';',
            Some("comma") => true,
            Some("point") => false,
            Some(_) => return Err(bad("decimal")),
        };
        Ok(CsvFormat { sep, decimal_comma })
    }

    /// `v` with `decimals` places, in this format's decimal mark.
    pub fn number(&self, v: f64, decimals: usize) -> String {
        let s = format!("{v:.decimals$}");
        if self.decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    }

    fn cell(&self, text: &str) -> String {
        let text = spreadsheet_safe(text);
        if text.contains([',', ';', '"', '\n', '\r', '\t']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }

    /// The whole file: BOM, `head`, then `rows`, CRLF line ends (as Excel writes them).
    pub fn write<R: AsRef<[String]>>(&self, head: &[&str], rows: &[R]) -> String {
        let mut out = String::from("\u{feff}");
        let mut line = |cells: &mut dyn Iterator<Item = &str>| {
            let cells: Vec<String> = cells.map(|c| self.cell(c)).collect();
            out.push_str(&cells.join(&self.sep.to_string()));
            out.push_str("\r\n");
        };
        line(&mut head.iter().copied());
        for r in rows {
            line(&mut r.as_ref().iter().map(String::as_str));
        }
        out
    }

    /// A CSV attachment, never cached (it holds a municipality's figures).
    pub fn download<R: AsRef<[String]>>(&self, head: &[&str], rows: &[R], filename: &str) -> Response {
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            self.write(head, rows),
        )
            .into_response()
    }
}

/// A plain number (`-1`, `3,50`) is not a formula and stays a number.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    ok(whole) && parts.next().is_none_or(ok)
}

/// Text that a spreadsheet would run as a formula gets a leading quote
/// (OWASP's advice on CSV injection).
pub(crate) fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits one line as Excel does with `sep`: honouring quotes.
    fn excel_cells(line: &str, sep: char) -> Vec<String> {
        let (mut cells, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == sep && !quoted => cells.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        cells.push(cur);
        cells
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("UU – vejledning"), "UU – vejledning");
        assert_eq!(spreadsheet_safe("-1"), "-1");
        assert_eq!(spreadsheet_safe("-0,25"), "-0,25");
        assert_eq!(spreadsheet_safe("-1+1"), "'-1+1");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn either_separator_is_quoted_in_both_formats() {
        for format in [CsvFormat::default(), CsvFormat { sep: ',', decimal_comma: false }] {
            let csv = format.write(&["a", "b"], &[vec!["ok;=1+1;".to_string(), "x,=2+2".to_string()]]);
            assert!(csv.starts_with('\u{feff}'));
            let row = csv.trim_start_matches('\u{feff}').lines().nth(1).unwrap_or_default();
            for sep in [';', ','] {
                for cell in excel_cells(row, sep) {
                    assert!(!cell.starts_with(['=', '+', '-', '@']), "{format:?} split at {sep:?}: {row}");
                }
            }
            assert_eq!(excel_cells(row, format.sep), ["ok;=1+1;", "x,=2+2"]);
        }
    }

    #[test]
    fn quotes_and_line_breaks_survive() {
        let csv = CsvFormat::default().write(&["a"], &[vec!["sagde \"hej\"\nfarvel".to_string()]]);
        assert!(csv.contains("\"sagde \"\"hej\"\"\nfarvel\""), "{csv}");
    }

    #[test]
    fn numbers_follow_the_format() {
        assert_eq!(CsvFormat::default().number(3.0, 2), "3,00");
        assert_eq!(CsvFormat { sep: ',', decimal_comma: false }.number(3.456, 2), "3.46");
    }

    #[test]
    fn the_query_picks_the_format() {
        let q = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<HashMap<_, _>>();
        let f = |pairs: &[(&str, &str)]| CsvFormat::from_query(&q(pairs), Locale::Da).ok();
        assert_eq!(f(&[]), Some(CsvFormat::default()));
        assert_eq!(f(&[("sep", "comma")]), Some(CsvFormat { sep: ',', decimal_comma: false }));
        assert_eq!(f(&[("sep", "semicolon"), ("decimal", "point")]), Some(CsvFormat { sep: ';', decimal_comma: false }));
        assert_eq!(f(&[("sep", "tab")]), None);
        assert_eq!(f(&[("decimal", "x")]), None);
    }
}
