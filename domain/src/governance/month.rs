//! Calendar months in Danish time, the unit of every aggregate. Periods are
//! whole months on purpose: if a manager could move a period by one day,
//! two overlapping periods would single out the few young people who
//! answered on that day (see `disclosure`).

use serde::{Deserialize, Serialize};

/// A calendar month, stored as `year * 12 + (month - 1)` so that months
/// can be counted and compared; the database keeps `YYYYMM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month(i64);

impl Month {
    pub fn new(year: i64, month: i64) -> Option<Month> {
        ((1..=12).contains(&month) && (1970..=9999).contains(&year)).then_some(Month(year * 12 + month - 1))
    }

    pub fn year(self) -> i64 {
        self.0.div_euclid(12)
    }

    /// 1–12.
    pub fn number(self) -> i64 {
        self.0.rem_euclid(12) + 1
    }

    pub fn yyyymm(self) -> i64 {
        self.year() * 100 + self.number()
    }

    pub fn from_yyyymm(v: i64) -> Option<Month> {
        Month::new(v / 100, v % 100)
    }

    pub fn plus(self, months: i64) -> Month {
        Month(self.0 + months)
    }

    /// Months from `self` to `other` (negative when `other` is earlier).
    pub fn until(self, other: Month) -> i64 {
        other.0 - self.0
    }

    /// The month a moment falls in, in Danish time (CET/CEST).
    pub fn of_unix(secs: i64) -> Month {
        let (y, m, _, _, _) = civil(secs + danish_offset(secs));
        Month(y * 12 + m - 1)
    }

    /// Reads `YYYY-MM` or `YYYY-MM-DD` (the day is ignored: periods are
    /// whole months).
    pub fn parse(s: &str) -> Option<Month> {
        let s = s.trim();
        let mut parts = s.split('-');
        let year = parts.next()?.parse::<i64>().ok()?;
        let month = parts.next()?.parse::<i64>().ok()?;
        if let Some(day) = parts.next() {
            let d = day.parse::<i64>().ok()?;
            if !(1..=days_in(year, month)).contains(&d) || parts.next().is_some() {
                return None;
            }
        }
        if s.len() != 7 && s.len() != 10 {
            return None;
        }
        Month::new(year, month)
    }

    /// `2026-11`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year(), self.number())
    }

    /// The first moment of the month in Danish time, as Unix seconds.
    pub fn start_unix(self) -> i64 {
        let t = days_from_civil(self.year(), self.number(), 1);
        t - danish_offset(t)
    }

    pub fn first_day(self) -> String {
        format!("{}-01", self.iso())
    }

    pub fn last_day(self) -> String {
        format!("{}-{:02}", self.iso(), days_in(self.year(), self.number()))
    }

    /// "nov. 2026" / "Nov 2026".
    pub fn short(self, locale: super::super::Locale) -> String {
        const DA: [&str; 12] = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
        const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let i = (self.number() - 1) as usize;
        format!("{} {}", locale.pick(DA[i], EN[i]), self.year())
    }
}

fn days_in(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A moment's date in Danish time, written the Danish way: `24.11.2026`.
pub fn date_of(secs: i64) -> String {
    let (y, m, d, _, _) = danish_civil(secs);
    format!("{d}.{m}.{y}")
}

/// Unix seconds as (year, month, day, hour, minute) in Danish time.
pub fn danish_civil(secs: i64) -> (i64, i64, i64, i64, i64) {
    civil(secs + danish_offset(secs))
}

/// Unix seconds as (year, month, day, hour, minute) in UTC
/// (Howard Hinnant's civil-from-days).
pub fn civil(secs: i64) -> (i64, i64, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(mo <= 2), mo, d, rem / 3600, rem % 3600 / 60)
}

/// Unix seconds of midnight UTC on a civil date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// Seconds to add to UTC for Danish time: summer time runs from 01:00 UTC
/// on the last Sunday of March to 01:00 UTC on the last Sunday of October.
fn danish_offset(secs: i64) -> i64 {
    let (y, _, _, _, _) = civil(secs);
    let last_sunday = |m: i64| {
        let end = days_from_civil(y, m, 31);
        let weekday = (end.div_euclid(86_400) + 4).rem_euclid(7); // 0 = Sunday
        end - weekday * 86_400 + 3600
    };
    if secs >= last_sunday(3) && secs < last_sunday(10) {
        7200
    } else {
        3600
    }
}

/// A run of whole months, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub from: Month,
    pub to: Month,
}

impl Period {
    /// `None` when `to` is before `from` or the span is over ten years.
    pub fn new(from: Month, to: Month) -> Option<Period> {
        (from <= to && from.until(to) < 120).then_some(Period { from, to })
    }

    pub fn len(self) -> i64 {
        self.from.until(self.to) + 1
    }

    /// The period of the same length just before this one.
    pub fn previous(self) -> Period {
        Period { from: self.from.plus(-self.len()), to: self.from.plus(-1) }
    }

    pub fn months(self) -> impl Iterator<Item = Month> {
        (0..self.len()).map(move |i| self.from.plus(i))
    }

    pub fn contains(self, m: Month) -> bool {
        self.from <= m && m <= self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_in_danish_time() {
        // 2026-12-07 13:05 UTC is 14:05 in winter; 2026-07-01 12:00 UTC is 14:00 in summer.
        assert_eq!(danish_civil(1_796_648_700), (2026, 12, 7, 14, 5));
        assert_eq!(danish_civil(1_782_907_200), (2026, 7, 1, 14, 0));
    }

    #[test]
    fn months_in_danish_time() {
        // 2026-10-31 23:30 UTC is already November in Copenhagen (CET).
        assert_eq!(Month::of_unix(1_793_489_400).iso(), "2026-11");
        // 2026-06-30 22:30 UTC is 00:30 on 1 July in summer time.
        assert_eq!(Month::of_unix(1_782_858_600).iso(), "2026-07");
        // 2026-06-30 21:30 UTC is still June.
        assert_eq!(Month::of_unix(1_782_855_000).iso(), "2026-06");
    }

    #[test]
    fn parse_whole_months_and_dates() {
        assert_eq!(Month::parse("2026-02").map(Month::yyyymm), Some(202602));
        assert_eq!(Month::parse("2024-02-29").map(Month::yyyymm), Some(202402));
        for bad in ["2025-02-29", "2026-13", "2026-1", "26-01", "2026-01-01-01", "", "x", "2026-00"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(Month::from_yyyymm(202612).map(|m| m.plus(1).iso()), Some("2027-01".into()));
    }

    #[test]
    fn periods_and_their_predecessors() {
        let p = Period::new(Month::new(2026, 1).unwrap(), Month::new(2026, 3).unwrap()).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!((p.previous().from.iso(), p.previous().to.iso()), ("2025-10".into(), "2025-12".into()));
        assert_eq!(p.from.last_day(), "2026-01-31");
        assert!(Period::new(p.to, p.from).is_none());
    }
}
