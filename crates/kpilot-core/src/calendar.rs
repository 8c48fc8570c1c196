//! Working days: the days the rétroplanning counts. A plan's `Calendar` (its
//! `[calendar]` table, plain data the plan holds) names its weekend days
//! (Saturday and Sunday by default), whether France's public holidays are
//! off (computed for any year: Easter by the Gregorian computus, not a
//! list), and its own days off; `WorkDays` counts with them.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// The plan's working days (`[calendar]`): what the rétroplanning counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Days of the week not worked (Saturday and Sunday by default).
    pub weekend: Vec<Weekday>,
    /// France's public holidays (`holidays = "fr"`), computed for any year.
    pub french_holidays: bool,
    /// Other days off.
    pub days_off: Vec<Date>,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar {
            weekend: vec![Weekday::Saturday, Weekday::Sunday],
            french_holidays: false,
            days_off: Vec::new(),
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Always March or April, day 22 to 31 or 1 to 25.
    Date::constant(year, month as i8, day as i8)
}

/// France's eleven public holidays of a year (metropolitan France): New
/// Year, Easter Monday, 1 and 8 May, Ascension (Easter + 39 days), Whit
/// Monday (Easter + 50), 14 July, 15 August, 1 and 11 November, Christmas.
/// Each with its French and English names, in date order.
pub fn french_holidays(year: i16) -> Vec<(Date, &'static str, &'static str)> {
    let easter = easter_sunday(year);
    let after_easter = |days: i64| easter.checked_add(days.days()).unwrap_or(easter);
    let fixed = |month: i8, day: i8| Date::constant(year, month, day);
    let mut days = vec![
        (fixed(1, 1), "Jour de l’an", "New Year's Day"),
        (after_easter(1), "Lundi de Pâques", "Easter Monday"),
        (fixed(5, 1), "Fête du Travail", "Labour Day"),
        (fixed(5, 8), "Victoire 1945", "Victory in Europe Day"),
        (after_easter(39), "Ascension", "Ascension Day"),
        (after_easter(50), "Lundi de Pentecôte", "Whit Monday"),
        (fixed(7, 14), "Fête nationale", "Bastille Day"),
        (fixed(8, 15), "Assomption", "Assumption Day"),
        (fixed(11, 1), "Toussaint", "All Saints' Day"),
        (fixed(11, 11), "Armistice 1918", "Armistice Day"),
        (fixed(12, 25), "Noël", "Christmas Day"),
    ];
    days.sort_by_key(|(day, _, _)| *day);
    days
}

/// A plan's working days, ready to count with.
#[derive(Debug, Clone)]
pub struct WorkDays {
    /// Indexed by `Weekday::to_monday_zero_offset`.
    weekend: [bool; 7],
    french_holidays: bool,
    days_off: BTreeSet<Date>,
}

impl WorkDays {
    /// A calendar's working days. With every day of the week off (which a
    /// plan file refuses) every day is taken as worked.
    pub fn new(calendar: &Calendar) -> WorkDays {
        let mut weekend = [false; 7];
        for day in &calendar.weekend {
            weekend[day.to_monday_zero_offset() as usize] = true;
        }
        if weekend.iter().all(|off| *off) {
            weekend = [false; 7];
        }
        WorkDays {
            weekend,
            french_holidays: calendar.french_holidays,
            days_off: calendar.days_off.iter().copied().collect(),
        }
    }

    /// Monday to Friday, no holidays.
    pub fn weekdays() -> WorkDays {
        WorkDays::new(&Calendar::default())
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        let off = self.weekend[day.weekday().to_monday_zero_offset() as usize]
            || self.days_off.contains(&day)
            || (self.french_holidays && is_french_holiday(day));
        !off
    }

    /// `day` when worked, else the next working day.
    pub fn on_or_after(&self, day: Date) -> Date {
        self.walk(day, 1)
    }

    /// `day` when worked, else the working day before.
    pub fn on_or_before(&self, day: Date) -> Date {
        self.walk(day, -1)
    }

    /// The working day `n` working days after a day (`n` < 0: before); for
    /// `n` = 0, `day` itself. A day off counts from the working day on its
    /// side: two working days after a Saturday is the Tuesday.
    pub fn add(&self, day: Date, n: i64) -> Date {
        let step = if n >= 0 { 1 } else { -1 };
        let mut day = day;
        for _ in 0..n.unsigned_abs() {
            day = self.walk(next(day, step), step);
        }
        day
    }

    /// The steps of working days from `from` to `to`: the working days
    /// after `from` up to `to` included, negative when `to` comes first.
    /// For two working days, `add(from, between(from, to)) == to`.
    pub fn between(&self, from: Date, to: Date) -> i64 {
        if to < from {
            -self.between(to, from)
        } else {
            self.count(from, to) - i64::from(self.is_working_day(from))
        }
    }

    /// Working days in `from..=to`.
    pub fn count(&self, from: Date, to: Date) -> i64 {
        let mut count = 0;
        let mut day = from;
        while day <= to {
            count += i64::from(self.is_working_day(day));
            let after = next(day, 1);
            if after == day {
                break; // the calendar's last day
            }
            day = after;
        }
        count
    }

    /// The nearest working day from `day` in the direction of `step`
    /// (`day` itself when worked). Gives up after ten years of days off.
    fn walk(&self, day: Date, step: i64) -> Date {
        let mut day = day;
        for _ in 0..3660 {
            if self.is_working_day(day) {
                return day;
            }
            day = next(day, step);
        }
        day
    }
}

/// The day `step` days after (saturating at the ends of the calendar).
fn next(day: Date, step: i64) -> Date {
    day.checked_add(step.days()).unwrap_or(day)
}

pub fn is_french_holiday(day: Date) -> bool {
    let (month, date) = (day.month(), day.day());
    if matches!(
        (month, date),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    ) {
        return true;
    }
    let easter = easter_sunday(day.year());
    let offset = (day - easter).get_days();
    matches!(offset, 1 | 39 | 50)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn easter_matches_the_published_dates() {
        // Dates published by the Church (and any almanac).
        for (year, month, day) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(year), date(year, month, day), "{year}");
        }
    }

    #[test]
    fn france_has_eleven_public_holidays() {
        let days: Vec<Date> = french_holidays(2026).iter().map(|(d, _, _)| *d).collect();
        assert_eq!(
            days,
            [
                date(2026, 1, 1),
                date(2026, 4, 6),
                date(2026, 5, 1),
                date(2026, 5, 8),
                date(2026, 5, 14),
                date(2026, 5, 25),
                date(2026, 7, 14),
                date(2026, 8, 15),
                date(2026, 11, 1),
                date(2026, 11, 11),
                date(2026, 12, 25),
            ]
        );
        for day in days {
            assert!(is_french_holiday(day), "{day}");
        }
        assert!(!is_french_holiday(date(2026, 4, 5)));
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_days_off() {
        let calendar = Calendar {
            french_holidays: true,
            days_off: vec![date(2026, 5, 15)],
            ..Calendar::default()
        };
        let work = WorkDays::new(&calendar);
        // Thursday 14 May 2026 is Ascension, Friday 15 a day off.
        assert_eq!(work.on_or_after(date(2026, 5, 14)), date(2026, 5, 18));
        assert_eq!(work.on_or_before(date(2026, 5, 17)), date(2026, 5, 13));
        assert_eq!(work.add(date(2026, 5, 13), 1), date(2026, 5, 18));
        assert_eq!(work.add(date(2026, 5, 18), -1), date(2026, 5, 13));
        assert_eq!(work.add(date(2026, 5, 16), 2), date(2026, 5, 19));
        assert_eq!(work.count(date(2026, 5, 11), date(2026, 5, 22)), 8);
        assert_eq!(work.between(date(2026, 5, 11), date(2026, 5, 22)), 7);
        assert_eq!(work.between(date(2026, 5, 22), date(2026, 5, 11)), -7);
        assert_eq!(work.between(date(2026, 5, 13), date(2026, 5, 18)), 1);
        let plain = WorkDays::weekdays();
        assert_eq!(plain.count(date(2026, 5, 11), date(2026, 5, 22)), 10);
    }
}
