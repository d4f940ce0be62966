//! Sorting the heatmap: its rows by a column (a criterion, all criteria, or
//! the service's name) and its columns by a row (a service, or all
//! services). The order is part of the page's address (`raekker`,
//! `kolonner`), so it works without JavaScript and survives a shared link.
//!
//! A hidden figure goes last in either direction: "too few answers" is not a
//! low score, and sorting must not hint at what a hidden cell holds.

use super::HeatmapRow;
use crate::domain::governance::figures::Figure;
use std::cmp::Ordering;

/// What the rows are sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Criterion(i64),
    /// The "all criteria" column.
    All,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HeatmapSort {
    /// Rows by a column; `true` = highest first. `None`: the chain's order.
    pub rows: Option<(Column, bool)>,
    /// Columns by a row (a service's slug; `None` inside = all services),
    /// lowest first, since a manager looks for what works worst.
    pub columns: Option<Option<String>>,
}

impl HeatmapSort {
    /// From `raekker` (`navn`, `alle`, `K3`; a leading `-` = highest first)
    /// and `kolonner` (`alle` or a service's slug). Anything else means
    /// the default order: the sort only arranges what the page shows anyway.
    pub fn parse(rows: Option<&str>, columns: Option<&str>) -> HeatmapSort {
        let rows = rows.map(str::trim).filter(|v| !v.is_empty()).and_then(|v| {
            let (desc, key) = v.strip_prefix('-').map_or((false, v), |k| (true, k));
            let column = match key {
                "navn" => Column::Name,
                "alle" => Column::All,
                k => Column::Criterion(k.strip_prefix('K').and_then(|c| c.parse().ok())?),
            };
            Some((column, desc))
        });
        let columns = columns.map(str::trim).filter(|v| !v.is_empty()).map(|v| (v != "alle").then(|| v.to_string()));
        HeatmapSort { rows, columns }
    }

    /// The query string part (`raekker=…&kolonner=…`), empty by default.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some((column, desc)) = self.rows {
            let key = match column {
                Column::Name => "navn".to_string(),
                Column::All => "alle".to_string(),
                Column::Criterion(c) => format!("K{c}"),
            };
            parts.push(format!("raekker={}{key}", if desc { "-" } else { "" }));
        }
        if let Some(row) = &self.columns {
            parts.push(format!("kolonner={}", row.as_deref().unwrap_or("alle")));
        }
        parts.join("&")
    }

    /// The sort after a click on a column's header: by that column, and the
    /// other way round if it already was.
    pub fn by_column(&self, column: Column) -> HeatmapSort {
        let desc = matches!(self.rows, Some((c, false)) if c == column);
        HeatmapSort { rows: Some((column, desc)), columns: self.columns.clone() }
    }

    /// The sort after a click on a row's header (`None` = all services).
    pub fn by_row(&self, row: Option<&str>) -> HeatmapSort {
        HeatmapSort { rows: self.rows, columns: Some(row.map(str::to_string)) }
    }

    /// `"ascending"`/`"descending"` for the header the rows are sorted by.
    pub fn aria_sort(&self, column: Column) -> Option<&'static str> {
        match self.rows {
            Some((c, desc)) if c == column => Some(if desc { "descending" } else { "ascending" }),
            _ => None,
        }
    }

    /// The rows' order, as indexes into `rows`.
    pub fn row_order(&self, rows: &[HeatmapRow], criteria: &[i64]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        match self.rows {
            None => {}
            Some((Column::Name, desc)) => order.sort_by(|&a, &b| {
                let o = danish_key(&rows[a].service.name).cmp(&danish_key(&rows[b].service.name));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            }),
            Some((column, desc)) => {
                let at = criteria.iter().position(|c| Column::Criterion(*c) == column);
                let figure = |r: &HeatmapRow| match at {
                    Some(i) => r.cells.get(i).copied(),
                    None if column == Column::All => Some(r.total),
                    None => None,
                };
                order.sort_by(|&a, &b| by_mean(figure(&rows[a]), figure(&rows[b]), desc));
            }
        }
        order
    }

    /// The criteria columns' order, as indexes into `criteria` (the "all"
    /// column stays last). `footer` is the all-services row.
    pub fn column_order(&self, rows: &[HeatmapRow], footer: &[Figure], criteria: &[i64]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..criteria.len()).collect();
        let line: Option<&[Figure]> = match &self.columns {
            None => None,
            Some(None) => Some(footer),
            Some(Some(slug)) => rows.iter().find(|r| &r.service.slug == slug).map(|r| r.cells.as_slice()),
        };
        if let Some(line) = line {
            order.sort_by(|&a, &b| by_mean(line.get(a).copied(), line.get(b).copied(), false));
        }
        order
    }
}

/// The Danish alphabet ends … x, y, z, æ, ø, å; code points put å first.
fn danish_key(name: &str) -> Vec<u32> {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => 'z' as u32 + 1,
            'ø' | 'ö' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// Shown means in order, hidden ones after them whichever the direction.
fn by_mean(a: Option<Figure>, b: Option<Figure>, desc: bool) -> Ordering {
    match (a.and_then(|f| f.mean), b.and_then(|f| f.mean)) {
        (Some(x), Some(y)) => {
            let o = x.total_cmp(&y);
            if desc {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::governance::disclosure::Shown;
    use crate::domain::service::ServiceKind;
    use crate::governance::ServiceRef;

    fn fig(mean: Option<f64>) -> Figure {
        match mean {
            Some(m) => Figure { n: Some(9), mean: Some(m), interval: None, shown: Shown::Yes },
            None => Figure { n: None, mean: None, interval: None, shown: Shown::TooFew },
        }
    }

    fn row(slug: &str, name: &str, cells: [Option<f64>; 2], total: Option<f64>) -> HeatmapRow {
        HeatmapRow {
            service: ServiceRef { id: 1, slug: slug.into(), name: name.into(), kind: ServiceKind::Internal },
            total: fig(total),
            cells: cells.into_iter().map(fig).collect(),
        }
    }

    fn rows() -> Vec<HeatmapRow> {
        vec![
            row("a", "Ungdomsklub", [Some(4.0), None], Some(4.0)),
            row("b", "FGU", [None, Some(2.0)], Some(2.0)),
            row("c", "Bibliotek", [Some(2.5), Some(4.5)], None),
        ]
    }

    #[test]
    fn rows_sort_by_a_criterion_with_hidden_cells_last_both_ways() {
        let r = rows();
        let up = HeatmapSort::parse(Some("K3"), None);
        assert_eq!(up.row_order(&r, &[3, 7]), vec![2, 0, 1]);
        let down = up.by_column(Column::Criterion(3));
        assert_eq!(down.to_query(), "raekker=-K3");
        assert_eq!(down.row_order(&r, &[3, 7]), vec![0, 2, 1]);
        assert_eq!(down.aria_sort(Column::Criterion(3)), Some("descending"));
        assert_eq!(down.aria_sort(Column::All), None);
    }

    #[test]
    fn rows_sort_by_total_and_by_name() {
        let r = rows();
        assert_eq!(HeatmapSort::parse(Some("alle"), None).row_order(&r, &[3, 7]), vec![1, 0, 2]);
        assert_eq!(HeatmapSort::parse(Some("navn"), None).row_order(&r, &[3, 7]), vec![2, 1, 0]);
        assert_eq!(HeatmapSort::parse(Some("-navn"), None).row_order(&r, &[3, 7]), vec![0, 1, 2]);
    }

    #[test]
    fn columns_sort_by_a_service_or_all_services_lowest_first() {
        let r = rows();
        let footer = [fig(Some(3.9)), fig(Some(3.1))];
        assert_eq!(HeatmapSort::parse(None, Some("c")).column_order(&r, &footer, &[3, 7]), vec![0, 1]);
        assert_eq!(HeatmapSort::parse(None, Some("alle")).column_order(&r, &footer, &[3, 7]), vec![1, 0]);
        // FGU's first cell is hidden, so it goes last.
        assert_eq!(HeatmapSort::default().by_row(Some("b")).column_order(&r, &footer, &[3, 7]), vec![1, 0]);
        assert_eq!(HeatmapSort::default().by_row(None).to_query(), "kolonner=alle");
    }

    #[test]
    fn names_sort_in_the_danish_alphabet() {
        let r = vec![row("a", "Åben skole", [None, None], None), row("b", "Ørsted", [None, None], None), row("c", "Æblehaven", [None, None], None)];
        assert_eq!(HeatmapSort::parse(Some("navn"), None).row_order(&r, &[3, 7]), vec![2, 1, 0]);
    }

    #[test]
    fn unknown_values_keep_the_chain_s_order() {
        let r = rows();
        let s = HeatmapSort::parse(Some("K"), Some(" "));
        assert_eq!(s, HeatmapSort::default());
        assert_eq!(s.row_order(&r, &[3, 7]), vec![0, 1, 2]);
        assert_eq!(HeatmapSort::parse(None, Some("nope")).column_order(&r, &[], &[3, 7]), vec![0, 1]);
        assert_eq!(HeatmapSort::parse(Some("K99"), None).row_order(&r, &[3, 7]), vec![0, 1, 2]);
    }
}
