//! The workshop builder's rows without JavaScript: "move up" and "remove"
//! are submit buttons whose value names the row (`up:2`, `remove:1`); the
//! form comes back rearranged, nothing saved, everything typed kept.

/// The form field of the builder's row buttons.
pub const ROW_FIELD: &str = "row";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOp {
    /// Swap row `n` with the one above it.
    Up(usize),
    /// Drop row `n`; the rows below move up and an empty row is added last.
    Remove(usize),
}

impl RowOp {
    /// `up:N` (N ≥ 1) or `remove:N`, for a row that exists.
    pub fn parse(value: &str, rows: usize) -> Option<RowOp> {
        let (op, n) = value.split_once(':')?;
        let n: usize = n.parse().ok().filter(|n| *n < rows)?;
        match op {
            "up" if n > 0 => Some(RowOp::Up(n)),
            "remove" => Some(RowOp::Remove(n)),
            _ => None,
        }
    }

    pub fn value(self) -> String {
        match self {
            RowOp::Up(n) => format!("up:{n}"),
            RowOp::Remove(n) => format!("remove:{n}"),
        }
    }
}

/// The row of an `activities.{row}.{name}` field.
fn row_of(name: &str) -> Option<(usize, &str)> {
    let (n, rest) = name.strip_prefix("activities.")?.split_once('.')?;
    Some((n.parse().ok()?, rest))
}

/// The form's fields with the rows rearranged; other fields (the title, the
/// button itself) are kept as they were, except the row button.
pub fn rearrange(pairs: &[(String, String)], op: RowOp) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(k, _)| k != ROW_FIELD)
        .filter_map(|(k, v)| {
            let Some((n, rest)) = row_of(k) else { return Some((k.clone(), v.clone())) };
            let to = match op {
                RowOp::Up(m) if n == m => m - 1,
                RowOp::Up(m) if n == m - 1 => m,
                RowOp::Remove(m) if n == m => return None,
                RowOp::Remove(m) if n > m => n - 1,
                _ => n,
            };
            Some((format!("activities.{to}.{rest}"), v.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn value<'a>(p: &'a [(String, String)], k: &str) -> Option<&'a str> {
        p.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    #[test]
    fn buttons_name_an_existing_row() {
        assert_eq!(RowOp::parse("up:2", 6), Some(RowOp::Up(2)));
        assert_eq!(RowOp::parse("remove:0", 6), Some(RowOp::Remove(0)));
        assert_eq!(RowOp::parse("up:0", 6), None, "the first row cannot move up");
        assert_eq!(RowOp::parse("remove:6", 6), None, "no such row");
        assert_eq!(RowOp::parse("up:-1", 6), None);
        assert_eq!(RowOp::parse("drop:1", 6), None);
        assert_eq!(RowOp::parse("", 6), None);
        for op in [RowOp::Up(3), RowOp::Remove(5)] {
            assert_eq!(RowOp::parse(&op.value(), 6), Some(op));
        }
    }

    #[test]
    fn moving_up_swaps_two_rows_and_keeps_the_rest() {
        let form = pairs(&[
            ("title", "Ungeråd"),
            ("activities.0.kind", "poll"),
            ("activities.0.title", "A"),
            ("activities.1.kind", "ideas"),
            ("activities.1.title", "B"),
            ("activities.2.kind", "dots"),
            ("row", "up:1"),
        ]);
        let out = rearrange(&form, RowOp::Up(1));
        assert_eq!(value(&out, "activities.0.title"), Some("B"));
        assert_eq!(value(&out, "activities.0.kind"), Some("ideas"));
        assert_eq!(value(&out, "activities.1.title"), Some("A"));
        assert_eq!(value(&out, "activities.2.kind"), Some("dots"));
        assert_eq!(value(&out, "title"), Some("Ungeråd"));
        assert_eq!(value(&out, "row"), None, "the button is not echoed");
    }

    #[test]
    fn removing_a_row_moves_the_rows_below_up() {
        let form = pairs(&[
            ("activities.0.title", "A"),
            ("activities.1.title", "B"),
            ("activities.2.title", "C"),
            ("activities.2.lines", "x\ny"),
        ]);
        let out = rearrange(&form, RowOp::Remove(1));
        assert_eq!(value(&out, "activities.0.title"), Some("A"));
        assert_eq!(value(&out, "activities.1.title"), Some("C"));
        assert_eq!(value(&out, "activities.1.lines"), Some("x\ny"));
        assert_eq!(value(&out, "activities.2.title"), None);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn odd_field_names_are_left_alone() {
        let form = pairs(&[("activities.x.title", "?"), ("activities.3", "?"), ("activities.1.title", "B")]);
        let out = rearrange(&form, RowOp::Up(1));
        assert_eq!(value(&out, "activities.x.title"), Some("?"));
        assert_eq!(value(&out, "activities.3"), Some("?"));
        assert_eq!(value(&out, "activities.0.title"), Some("B"));
    }
}
