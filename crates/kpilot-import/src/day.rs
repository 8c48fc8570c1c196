//! Reading a day as exports write it: `2026-01-31`, `31/01/2026`,
//! `01/31/2026`, `3/9/17 18:54`, `31.01.2026`, `2026/01/31`, GA4's
//! `20260131` and `2026013114` (`YYYYMMDDHH`), month names (`Jan 15, 2026
//! 10:00 AM`, `15 janv. 2026`), and date-times reduced to their day.
//!
//! `01/02/2026` is the 1st of February day-first and the 2nd of January
//! month-first: the order is one per column, decided from the whole column
//! ([`DateEvidence`]). A first part above 12 proves day-first, a second part
//! above 12 proves month-first; a column with both is an error; a column
//! where nothing proves it is read in the order the caller assumes (the
//! preset's or the language's), and the caller says so. Two-digit years are
//! read with a pivot: `00`–`69` are 2000–2069, `70`–`99` 1970–1999.

use jiff::civil::Date;
use kpilot_text::Message;

/// The order of a date's parts, for dates whose parts are all short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `31/01/2026`: France and most of the world.
    Dmy,
    /// `01/31/2026`: the United States, and Excel re-saves there.
    Mdy,
    /// `2026/01/31`, or `26/01/31` when told so.
    Ymd,
}

impl DateOrder {
    /// `dmy`, `mdy` or `ymd` (`--date-order`, a contract).
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            "ymd" => Some(DateOrder::Ymd),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }
}

/// Why a text is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message().render(kpilot_text::Lang::En))]
pub struct DayError {
    pub text: String,
    pub reason: DayReason,
}

/// What is wrong with a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayReason {
    Empty,
    /// Not three parts, nor a month name, nor `20260131`.
    Shape,
    NotDigits,
    /// A year of three digits or more than four.
    Year,
    /// No such day in the calendar (`31/02/2026`, a 13th month).
    NoSuchDay,
    /// The column is read in this order, and the day reads only in the
    /// other (`01/13/2026` in a day-first column).
    WrongOrder(DateOrder),
}

impl DayError {
    pub fn message(&self) -> Message {
        let message = match self.reason {
            DayReason::Empty => Message::new("import-day-empty"),
            DayReason::Shape => Message::new("import-day-shape"),
            DayReason::NotDigits => Message::new("import-day-digits"),
            DayReason::Year => Message::new("import-day-year"),
            DayReason::NoSuchDay => Message::new("import-day-calendar"),
            DayReason::WrongOrder(order) => {
                Message::new("import-day-order").with("order", order.name())
            }
        };
        message.with("text", self.text.as_str())
    }
}

/// Reads a day in the order `02/03/2026` is the 2nd of March: what the
/// readers without a column decision use (experiment results).
pub fn parse_day(text: &str) -> Result<Date, DayError> {
    read_day(text, DateOrder::Dmy)
}

/// Reads a day; `order` decides dates whose parts are all short.
pub fn read_day(text: &str, order: DateOrder) -> Result<Date, DayError> {
    let error = |reason| DayError {
        text: text.to_owned(),
        reason,
    };
    match shape(text) {
        Shape::Empty => Err(error(DayReason::Empty)),
        Shape::Bad(reason) => Err(error(reason)),
        Shape::Fixed(day, _) => Ok(day),
        Shape::Short {
            first,
            second,
            year,
            ..
        } => {
            let (year, month, day) = match order {
                DateOrder::Dmy => (year, second, first),
                DateOrder::Mdy => (year, first, second),
                // Told the first part is the year: `26/01/31`.
                DateOrder::Ymd => (pivot(first), second, year_part_as_day(year)),
            };
            let other = match order {
                DateOrder::Dmy => DateOrder::Mdy,
                _ => DateOrder::Dmy,
            };
            calendar(year, month, day).ok_or_else(|| {
                let reads_otherwise =
                    order != DateOrder::Ymd && calendar(year, day, month).is_some() && month > 12;
                error(if reads_otherwise {
                    DayReason::WrongOrder(other)
                } else {
                    DayReason::NoSuchDay
                })
            })
        }
    }
}

/// What a day's text looks like, before the column's order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Empty,
    Bad(DayReason),
    /// A day that reads one way only (ISO, `20260131`, a month name), and
    /// whether it has a time of day other than midnight.
    Fixed(Date, bool),
    /// Three short parts and a year: `01/02/2026`, `3/9/17`.
    Short {
        first: i16,
        second: i16,
        year: i16,
        timed: bool,
        two_digit_year: bool,
    },
}

fn shape(text: &str) -> Shape {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Shape::Empty;
    }
    if let Some(shape) = compact(trimmed) {
        return shape;
    }
    // The date part of a date-time ends at a `T` or a space; the rest is
    // the time.
    let (date_part, time_part) = match trimmed.split_once(|c: char| c == 'T' || c.is_whitespace()) {
        Some((date, time)) => (date, time.trim()),
        None => (trimmed, ""),
    };
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if parts.len() != 3 {
        return match month_name_day(trimmed) {
            Some((day, timed)) => Shape::Fixed(day, timed),
            None => Shape::Bad(DayReason::Shape),
        };
    }
    if !parts
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return match month_name_day(trimmed) {
            Some((day, timed)) => Shape::Fixed(day, timed),
            None => Shape::Bad(DayReason::NotDigits),
        };
    }
    let timed = has_time(time_part);
    let number = |part: &str| part.parse::<i16>().ok();
    let (Some(a), Some(b), Some(c)) = (number(parts[0]), number(parts[1]), number(parts[2])) else {
        return Shape::Bad(DayReason::Year);
    };
    if parts[0].len() == 4 {
        return match calendar(a, b, c) {
            Some(day) => Shape::Fixed(day, timed),
            None => Shape::Bad(DayReason::NoSuchDay),
        };
    }
    if parts[0].len() > 2 || parts[1].len() > 2 {
        return Shape::Bad(DayReason::Year);
    }
    let (year, two_digit_year) = match parts[2].len() {
        4 => (c, false),
        1 | 2 => (pivot(c), true),
        _ => return Shape::Bad(DayReason::Year),
    };
    Shape::Short {
        first: a,
        second: b,
        year,
        timed,
        two_digit_year,
    }
}

/// GA4's `20260131`, `2026013114` (`YYYYMMDDHH`) and `202601311430`.
fn compact(text: &str) -> Option<Shape> {
    if !matches!(text.len(), 8 | 10 | 12) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().ok();
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    if text.len() > 8 && number(8..10)? > 23 {
        return Some(Shape::Bad(DayReason::NoSuchDay));
    }
    Some(match calendar(year, month, day) {
        Some(date) => Shape::Fixed(date, text.len() > 8),
        None => Shape::Bad(DayReason::NoSuchDay),
    })
}

/// A time of day other than midnight: `18:54`, `10:00 AM`, `09:46 pm`.
fn has_time(time: &str) -> bool {
    time.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .take(3)
        .any(|part| part.bytes().any(|b| b != b'0'))
}

/// `00`–`69` are 2000–2069, `70`–`99` 1970–1999.
fn pivot(year: i16) -> i16 {
    match year {
        0..=69 => 2000 + year,
        70..=99 => 1900 + year,
        _ => year,
    }
}

/// With `ymd` on a short first part, the last part is the day, which was
/// read as a year (and pivoted when it had two digits).
fn year_part_as_day(year: i16) -> i16 {
    if year >= 1970 { year % 100 } else { year }
}

fn calendar(year: i16, month: i16, day: i16) -> Option<Date> {
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// `Jan 15, 2026`, `January 15, 2026 10:00 AM`, `Jun 01, 2023 09:46 pm`,
/// `15 janv. 2026`, `15 janvier 2026 10:00`; and whether a time of day
/// follows.
fn month_name_day(text: &str) -> Option<(Date, bool)> {
    const MONTHS: [(&str, i8); 24] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("janv", 1),
        ("fevr", 2),
        ("mars", 3),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juil", 7),
        ("aout", 8),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    let normal = crate::header::normalize(text);
    let words: Vec<&str> = normal.split(' ').collect();
    let month_of = |word: &str| {
        MONTHS
            .iter()
            .filter(|(prefix, _)| word.starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, month)| *month)
    };
    let number = |word: &str| word.parse::<i16>().ok();
    // English: month day year; French: day month year.
    let (month, day, year) = match words.as_slice() {
        [first, second, third, ..] if month_of(first).is_some() => {
            (month_of(first)?, number(second)?, number(third)?)
        }
        [first, second, third, ..] => (month_of(second)?, number(first)?, number(third)?),
        _ => return None,
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let timed = has_time(&words.get(3..).unwrap_or_default().join(" "));
    Some((Date::new(year, month, i8::try_from(day).ok()?).ok()?, timed))
}

/// What a day column shows about its order and its times, gathered value
/// by value over the whole column.
#[derive(Debug, Clone, Default)]
pub struct DateEvidence {
    /// The first value whose first part is above 12 (line, text).
    day_first: Option<(u64, String)>,
    /// The first value whose second part is above 12.
    month_first: Option<(u64, String)>,
    /// Whether any value has short parts (its order matters).
    short: bool,
    /// The first value with a two-digit year.
    two_digit_year: Option<(u64, String)>,
    /// Whether any value has a time of day (hourly rows).
    timed: bool,
    /// Whether any value is an hour of the day as a dimension
    /// (`YYYYMMDDHH`).
    hourly: bool,
}

/// How the column's order was decided, for the import's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderBasis {
    /// No value's order is in doubt (ISO days, `20260131`, month names).
    NotNeeded,
    /// `--date-order`.
    Given,
    /// A value proves it: (line, text).
    Proved(u64, String),
    /// Nothing proves it: the caller's default, which the summary states,
    /// and what gave that default.
    Assumed(Default),
}

/// What gave the order assumed for a column that proves none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    /// The file is written as European spreadsheets write it (`;`, decimal
    /// comma): day first.
    Dialect,
    /// The run's language: day first in French, month first in English.
    Language,
}

/// The column's order and what else the summary says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateDecision {
    pub order: DateOrder,
    pub basis: OrderBasis,
    /// Rows with a time of day: summed into their day.
    pub timed: bool,
    /// The first two-digit year (line, text), read with the pivot.
    pub two_digit_year: Option<(u64, String)>,
}

/// The order assumed for a date column that proves none: day first for a
/// file written as European spreadsheets write it (`;`-separated, or with
/// a decimal comma that its values show), else the run's language's.
pub fn assumed_order(
    language: DateOrder,
    delimiter: Option<u8>,
    mark: Option<crate::number::DecimalMark>,
) -> (DateOrder, Default) {
    if delimiter == Some(b';') || mark == Some(crate::number::DecimalMark::Comma) {
        (DateOrder::Dmy, Default::Dialect)
    } else {
        (language, Default::Language)
    }
}

/// A column whose values prove both orders: (line, text) of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderConflict {
    pub day_first: (u64, String),
    pub month_first: (u64, String),
}

impl DateEvidence {
    /// Takes one value of the column into account.
    pub fn add(&mut self, line: u64, text: &str) {
        let trimmed = text.trim();
        if matches!(trimmed.len(), 10 | 12) && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            self.hourly = true;
        }
        match shape(text) {
            Shape::Fixed(_, timed) => self.timed |= timed,
            Shape::Short {
                first,
                second,
                timed,
                two_digit_year,
                ..
            } => {
                self.short = true;
                self.timed |= timed;
                if two_digit_year && self.two_digit_year.is_none() {
                    self.two_digit_year = Some((line, text.trim().to_owned()));
                }
                // A value with both parts above 12 is no day at all: its
                // row is an error, not evidence.
                if first > 12 && second <= 12 && self.day_first.is_none() {
                    self.day_first = Some((line, text.trim().to_owned()));
                }
                if second > 12 && first <= 12 && self.month_first.is_none() {
                    self.month_first = Some((line, text.trim().to_owned()));
                }
            }
            Shape::Empty | Shape::Bad(_) => {}
        }
    }

    /// Whether a value already proves the order.
    pub fn proved(&self) -> bool {
        self.day_first.is_some() || self.month_first.is_some()
    }

    /// Whether some value is an hour as a dimension (`2023051514`).
    pub fn hourly(&self) -> bool {
        self.hourly
    }

    /// Whether some value's order is in doubt.
    pub fn needs_order(&self) -> bool {
        self.short
    }

    /// The column's decision: `given` (`--date-order`) wins; else what the
    /// values prove; else `default`.
    pub fn decide(
        self,
        given: Option<DateOrder>,
        (default, why): (DateOrder, Default),
    ) -> Result<DateDecision, OrderConflict> {
        let decision = |order, basis| DateDecision {
            order,
            basis,
            timed: self.timed,
            two_digit_year: self.two_digit_year.clone(),
        };
        if let Some(order) = given {
            return Ok(decision(order, OrderBasis::Given));
        }
        if !self.short {
            return Ok(decision(default, OrderBasis::NotNeeded));
        }
        match (&self.day_first, &self.month_first) {
            (Some(day_first), Some(month_first)) => Err(OrderConflict {
                day_first: day_first.clone(),
                month_first: month_first.clone(),
            }),
            (Some((line, text)), None) => Ok(decision(
                DateOrder::Dmy,
                OrderBasis::Proved(*line, text.clone()),
            )),
            (None, Some((line, text))) => Ok(decision(
                DateOrder::Mdy,
                OrderBasis::Proved(*line, text.clone()),
            )),
            (None, None) => Ok(decision(default, OrderBasis::Assumed(why))),
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    fn check(input: &str, order: DateOrder, expect: Expect) {
        let actual = match read_day(input, order) {
            Ok(day) => day.to_string(),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn reads_the_usual_spellings() {
        use DateOrder::{Dmy, Mdy};
        check("2026-01-31", Dmy, expect!["2026-01-31"]);
        check("31/01/2026", Dmy, expect!["2026-01-31"]);
        check("31.01.2026", Dmy, expect!["2026-01-31"]);
        check("2026/01/31", Mdy, expect!["2026-01-31"]);
        check("02/03/2026", Dmy, expect!["2026-03-02"]);
        check("02/03/2026", Mdy, expect!["2026-02-03"]);
        check(" 2026-01-31T23:10:00+01:00 ", Mdy, expect!["2026-01-31"]);
        check("31/01/2026 08:15", Dmy, expect!["2026-01-31"]);
        check("3/9/17 18:54", Mdy, expect!["2017-03-09"]);
        check("3/9/17 18:54", Dmy, expect!["2017-09-03"]);
        check("1/1/70", Dmy, expect!["1970-01-01"]);
        check("20260131", Dmy, expect!["2026-01-31"]);
        check("2026013114", Dmy, expect!["2026-01-31"]);
        check("Jan 15, 2026 10:00 AM", Dmy, expect!["2026-01-15"]);
        check("Jun 01, 2023 09:46 pm", Dmy, expect!["2023-06-01"]);
        check("January 5, 2026", Dmy, expect!["2026-01-05"]);
        check("15 janv. 2026", Mdy, expect!["2026-01-15"]);
        check("3 février 2026 08:00", Dmy, expect!["2026-02-03"]);
        check("1 août 2026", Dmy, expect!["2026-08-01"]);
        check("2026-01-05 10:22:33 +0100", Dmy, expect!["2026-01-05"]);
    }

    #[test]
    fn says_what_is_wrong() {
        use DateOrder::{Dmy, Mdy};
        check(
            "31/02/2026",
            Dmy,
            expect!["error: `31/02/2026` is not a date: no such day in the calendar"],
        );
        check(
            "01/13/2026",
            Dmy,
            expect![
                "error: `01/13/2026` is not a date in this column's order: it reads only month-first (mdy); say --date-order mdy if the whole column is written so"
            ],
        );
        check(
            "13/01/2026",
            Mdy,
            expect![
                "error: `13/01/2026` is not a date in this column's order: it reads only day-first (dmy); say --date-order dmy if the whole column is written so"
            ],
        );
        check(
            "31/01/202",
            Dmy,
            expect!["error: `31/01/202` is not a date: its year must have two or four digits"],
        );
        check(
            "janvier 2026",
            Dmy,
            expect![
                "error: `janvier 2026` is not a date: expected 2026-01-31, 31/01/2026, 20260131 or Jan 31, 2026"
            ],
        );
        check("", Dmy, expect!["error: the date is empty"]);
        check(
            "2026-1x-01",
            Dmy,
            expect!["error: `2026-1x-01` is not a date: its parts must be digits"],
        );
        check(
            "20261331",
            Dmy,
            expect!["error: `20261331` is not a date: no such day in the calendar"],
        );
        check(
            "Smarch 5, 2026",
            Dmy,
            expect![
                "error: `Smarch 5, 2026` is not a date: expected 2026-01-31, 31/01/2026, 20260131 or Jan 31, 2026"
            ],
        );
    }

    fn decide(values: &[&str], given: Option<DateOrder>) -> String {
        let mut evidence = DateEvidence::default();
        for (index, value) in values.iter().enumerate() {
            evidence.add(index as u64 + 2, value);
        }
        match evidence.decide(given, (DateOrder::Dmy, Default::Language)) {
            Ok(decision) => format!("{decision:?}"),
            Err(conflict) => format!("conflict: {conflict:?}"),
        }
    }

    #[test]
    fn the_whole_column_decides_its_order() {
        // 9 March, not 3 September: the 13th proves month-first.
        expect![[r#"DateDecision { order: Mdy, basis: Proved(4, "3/13/17 9:00"), timed: true, two_digit_year: Some((2, "3/9/17 18:54")) }"#]]
        .assert_eq(&decide(&["3/9/17 18:54", "3/10/17", "3/13/17 9:00"], None));
        expect![[r#"DateDecision { order: Dmy, basis: Proved(3, "13/01/2026"), timed: false, two_digit_year: None }"#]]
        .assert_eq(&decide(&["01/01/2026", "13/01/2026"], None));
        expect![[r#"DateDecision { order: Dmy, basis: Assumed(Language), timed: false, two_digit_year: None }"#]]
        .assert_eq(&decide(&["01/02/2026", "03/04/2026"], None));
        expect![[
            r#"DateDecision { order: Mdy, basis: Given, timed: false, two_digit_year: None }"#
        ]]
        .assert_eq(&decide(&["01/02/2026"], Some(DateOrder::Mdy)));
        expect![[
            r#"DateDecision { order: Dmy, basis: NotNeeded, timed: false, two_digit_year: None }"#
        ]]
        .assert_eq(&decide(&["2026-01-31", "20260201", "Jan 5, 2026"], None));
        expect![[r#"conflict: OrderConflict { day_first: (2, "13/01/2026"), month_first: (3, "01/13/2026") }"#]]
        .assert_eq(&decide(&["13/01/2026", "01/13/2026"], None));
        // Midnight is no time of day; an hour is.
        expect![[
            r#"DateDecision { order: Dmy, basis: NotNeeded, timed: false, two_digit_year: None }"#
        ]]
        .assert_eq(&decide(&["2026-01-31 00:00:00"], None));
        expect![[
            r#"DateDecision { order: Dmy, basis: NotNeeded, timed: true, two_digit_year: None }"#
        ]]
        .assert_eq(&decide(&["2026013114"], None));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,30}") {
            let _ = read_day(&text, DateOrder::Dmy);
            let _ = read_day(&text, DateOrder::Mdy);
            let _ = read_day(&text, DateOrder::Ymd);
            DateEvidence::default().add(1, &text);
        }

        #[test]
        fn every_spelling_of_a_day_gives_that_day(y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28) {
            let day = Date::new(y, m, d).unwrap();
            for text in [
                format!("{y:04}-{m:02}-{d:02}"),
                format!("{d:02}/{m:02}/{y:04}"),
                format!("{d}.{m}.{y:04}"),
                format!("{y:04}-{m:02}-{d:02}T12:00:00Z"),
                format!("{y:04}{m:02}{d:02}"),
            ] {
                prop_assert_eq!(read_day(&text, DateOrder::Dmy), Ok(day));
            }
            prop_assert_eq!(read_day(&format!("{m}/{d}/{y:04}"), DateOrder::Mdy), Ok(day));
        }
    }
}
