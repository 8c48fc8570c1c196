//! Reading a day as exports write it: `2026-01-31`, `31/01/2026`,
//! `31.01.2026`, `2026/01/31`, and date-times reduced to their day
//! (`2026-01-31T23:10:00+01:00`, `31/01/2026 08:15`). Day-first, as in
//! France: `02/03/2026` is the 2nd of March.

use jiff::civil::Date;

/// Why a text is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date: {reason} (expected 2026-01-31, 31/01/2026 or 31.01.2026)")]
pub struct DayError {
    pub text: String,
    pub reason: &'static str,
}

pub fn parse_day(text: &str) -> Result<Date, DayError> {
    let error = |reason| DayError {
        text: text.to_owned(),
        reason,
    };
    let trimmed = text.trim();
    // Keep the date part of a date-time: it ends at a `T` or a space.
    let date_part = trimmed
        .split(|c: char| c == 'T' || c.is_whitespace())
        .next()
        .unwrap_or_default();
    if date_part.is_empty() {
        return Err(error("empty"));
    }
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(error("a date has three parts"));
    };
    if !parts
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(error("its parts must be digits"));
    }
    let (year, month, day) = if a.len() == 4 {
        (*a, *b, *c)
    } else if c.len() == 4 {
        (*c, *b, *a)
    } else {
        return Err(error("the year must have four digits"));
    };
    let number = |part: &str| part.parse::<i16>().map_err(|_| error("a part is too long"));
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    let month = i8::try_from(month).map_err(|_| error("no such month"))?;
    let day = i8::try_from(day).map_err(|_| error("no such day"))?;
    Date::new(year, month, day).map_err(|_| error("no such day in the calendar"))
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    fn check(input: &str, expect: Expect) {
        let actual = match parse_day(input) {
            Ok(day) => day.to_string(),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn reads_the_usual_spellings() {
        check("2026-01-31", expect!["2026-01-31"]);
        check("31/01/2026", expect!["2026-01-31"]);
        check("31.01.2026", expect!["2026-01-31"]);
        check("2026/01/31", expect!["2026-01-31"]);
        check("02/03/2026", expect!["2026-03-02"]);
        check(" 2026-01-31T23:10:00+01:00 ", expect!["2026-01-31"]);
        check("31/01/2026 08:15", expect!["2026-01-31"]);
    }

    #[test]
    fn says_what_is_wrong() {
        check(
            "31/02/2026",
            expect![
                "error: `31/02/2026` is not a date: no such day in the calendar (expected 2026-01-31, 31/01/2026 or 31.01.2026)"
            ],
        );
        check(
            "31/01/26",
            expect![
                "error: `31/01/26` is not a date: the year must have four digits (expected 2026-01-31, 31/01/2026 or 31.01.2026)"
            ],
        );
        check(
            "janvier 2026",
            expect![
                "error: `janvier 2026` is not a date: a date has three parts (expected 2026-01-31, 31/01/2026 or 31.01.2026)"
            ],
        );
        check(
            "",
            expect![
                "error: `` is not a date: empty (expected 2026-01-31, 31/01/2026 or 31.01.2026)"
            ],
        );
        check(
            "2026-1x-01",
            expect![
                "error: `2026-1x-01` is not a date: its parts must be digits (expected 2026-01-31, 31/01/2026 or 31.01.2026)"
            ],
        );
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,30}") {
            let _ = parse_day(&text);
        }

        #[test]
        fn every_spelling_of_a_day_gives_that_day(y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28) {
            let day = Date::new(y, m, d).unwrap();
            for text in [
                format!("{y:04}-{m:02}-{d:02}"),
                format!("{d:02}/{m:02}/{y:04}"),
                format!("{d}.{m}.{y:04}"),
                format!("{y:04}-{m:02}-{d:02}T12:00:00Z"),
            ] {
                prop_assert_eq!(parse_day(&text), Ok(day));
            }
        }
    }
}
