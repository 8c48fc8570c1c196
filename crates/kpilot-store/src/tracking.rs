//! Tracking data (issue 18): what a team records week after week about a
//! stored plan, an action's updates and an objective's check-ins, as
//! kpilot-core's `progress` types, kept with who recorded them and when.
//! Rows are only ever added, so the history stays whole.
//!
//! What both stores do alike is decided here, so that they agree: what
//! they refuse before writing, the columns a change is stored in, and how
//! a stored row reads back into kpilot-core's types. The stores only read
//! and write rows.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use kpilot_core::ids::{ActionId, ObjectiveId};
use kpilot_core::progress::{ActionUpdate, Change, CheckIn, Confidence};
use rust_decimal::Decimal;

use crate::StoreError;

/// An action update as stored, with its number, when it was recorded and
/// by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredActionUpdate {
    /// Given in the order recorded, never given again.
    pub id: i64,
    pub update: ActionUpdate,
    pub recorded_at: Timestamp,
    pub recorded_by: String,
}

/// A check-in as stored, with its number, when it was recorded and by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCheckIn {
    /// Given in the order recorded, never given again.
    pub id: i64,
    pub checkin: CheckIn,
    pub recorded_at: Timestamp,
    pub recorded_by: String,
}

/// What of an action update or a check-in no store can keep as given, so
/// that it would not read back as it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutOfRange {
    /// A progress above 100 %.
    Percent(u8),
    /// A confidence score above 10, which is no confidence
    /// (`Confidence::parse` reads 0 to 10).
    Score(u8),
    /// Occurrence 0: occurrences count from 1.
    Occurrence,
    /// A day before year 0, which days stored as numbers yyyymmdd cannot
    /// hold.
    Day(Date),
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutOfRange::Percent(percent) => {
                write!(formatter, "a progress of {percent} % is above 100 %")
            }
            OutOfRange::Score(score) => {
                write!(formatter, "a confidence score of {score} is above 10")
            }
            OutOfRange::Occurrence => formatter.write_str("occurrences count from 1, not 0"),
            OutOfRange::Day(day) => write!(formatter, "the day {day} is before year 0"),
        }
    }
}

/// Refuses an update that would not read back as recorded, before
/// anything is written.
pub(crate) fn check_update(update: &ActionUpdate) -> Result<(), StoreError> {
    let refuse = |what| StoreError::TrackingOutOfRange {
        item: match update.occurrence {
            Some(occurrence) => format!("action `{}`, occurrence {occurrence}", update.action),
            None => format!("action `{}`", update.action),
        },
        what,
    };
    if update.occurrence == Some(0) {
        return Err(refuse(OutOfRange::Occurrence));
    }
    let mut days = vec![update.on];
    if let Change::Progress {
        percent,
        expected_end,
    } = &update.change
    {
        if let Some(percent) = percent.filter(|percent| *percent > 100) {
            return Err(refuse(OutOfRange::Percent(percent)));
        }
        days.extend(*expected_end);
    }
    if let Some(day) = days.into_iter().find(|day| day.year() < 0) {
        return Err(refuse(OutOfRange::Day(day)));
    }
    Ok(())
}

/// Refuses a check-in that would not read back as recorded, before
/// anything is written.
pub(crate) fn check_checkin(checkin: &CheckIn) -> Result<(), StoreError> {
    let refuse = |what| StoreError::TrackingOutOfRange {
        item: format!("objective `{}`", checkin.objective),
        what,
    };
    if let Confidence::Score(score @ 11..) = checkin.confidence {
        return Err(refuse(OutOfRange::Score(score)));
    }
    if checkin.on.year() < 0 {
        return Err(refuse(OutOfRange::Day(checkin.on)));
    }
    Ok(())
}

/// A check-in's value as both stores write it: as given, scale included
/// (12.50 stays 12.50), but a zero without a sign, since PostgreSQL's
/// NUMERIC has no negative zero and SQLite must give back the same.
pub(crate) fn stored_value(value: Option<Decimal>) -> Option<Decimal> {
    value.map(|mut value| {
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        value
    })
}

/// The columns a change is stored in: its kind (`Change::code()`), a
/// cancellation's reason, a progress update's percent and expected end;
/// the columns a kind has not are `None`.
pub(crate) struct ChangeColumns<'a> {
    pub kind: &'static str,
    pub reason: Option<&'a str>,
    pub percent: Option<u8>,
    pub expected_end: Option<Date>,
}

impl ChangeColumns<'_> {
    pub(crate) fn of(change: &Change) -> ChangeColumns<'_> {
        let mut columns = ChangeColumns {
            kind: change.code(),
            reason: None,
            percent: None,
            expected_end: None,
        };
        match change {
            Change::Cancelled { reason } => columns.reason = Some(reason),
            Change::Progress {
                percent,
                expected_end,
            } => {
                columns.percent = *percent;
                columns.expected_end = *expected_end;
            }
            Change::Started | Change::Done | Change::Reopened => {}
        }
        columns
    }
}

/// An action update's row as a store read it, its days and time already
/// decoded (each store stores them its own way).
pub(crate) struct UpdateRow {
    pub id: i64,
    pub action: String,
    pub occurrence: Option<i64>,
    pub kind: String,
    pub reason: Option<String>,
    pub percent: Option<i64>,
    pub expected_end: Option<Date>,
    pub on: Date,
    pub recorded_at: Timestamp,
    pub recorded_by: String,
}

impl UpdateRow {
    /// The update it stores; a row no write gives (an unknown kind, a
    /// percent out of range) is corrupt.
    pub(crate) fn read(self) -> Result<StoredActionUpdate, StoreError> {
        let id = self.id;
        let corrupt =
            |what: &str| StoreError::CorruptData(format!("action update {id}: unreadable {what}"));
        let percent = self
            .percent
            .map(|percent| {
                u8::try_from(percent)
                    .ok()
                    .filter(|percent| *percent <= 100)
                    .ok_or_else(|| corrupt("percent"))
            })
            .transpose()?;
        let change = match (self.kind.as_str(), self.reason) {
            ("started", None) => Change::Started,
            ("done", None) => Change::Done,
            ("cancelled", Some(reason)) => Change::Cancelled { reason },
            ("progress", None) => Change::Progress {
                percent,
                expected_end: self.expected_end,
            },
            ("reopened", None) => Change::Reopened,
            _ => return Err(corrupt("change")),
        };
        if !matches!(change, Change::Progress { .. })
            && (percent.is_some() || self.expected_end.is_some())
        {
            return Err(corrupt("change"));
        }
        Ok(StoredActionUpdate {
            id,
            update: ActionUpdate {
                action: ActionId::parse(&self.action).map_err(|_| corrupt("action"))?,
                occurrence: self
                    .occurrence
                    .map(|occurrence| {
                        u32::try_from(occurrence)
                            .ok()
                            .filter(|occurrence| *occurrence > 0)
                            .ok_or_else(|| corrupt("occurrence"))
                    })
                    .transpose()?,
                change,
                on: self.on,
            },
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by,
        })
    }
}

/// A check-in's row as a store read it, its day, time and value already
/// decoded (each store stores them its own way).
pub(crate) struct CheckInRow {
    pub id: i64,
    pub objective: String,
    pub on: Date,
    pub confidence: String,
    pub comment: String,
    pub value: Option<Decimal>,
    pub recorded_at: Timestamp,
    pub recorded_by: String,
}

impl CheckInRow {
    /// The check-in it stores; a row no write gives (an unknown
    /// confidence) is corrupt.
    pub(crate) fn read(self) -> Result<StoredCheckIn, StoreError> {
        let id = self.id;
        let corrupt =
            |what: &str| StoreError::CorruptData(format!("check-in {id}: unreadable {what}"));
        Ok(StoredCheckIn {
            id,
            checkin: CheckIn {
                objective: ObjectiveId::parse(&self.objective).map_err(|_| corrupt("objective"))?,
                on: self.on,
                // `parse` trims, so a stored code must also be its own
                // spelling to be one.
                confidence: Confidence::parse(&self.confidence)
                    .filter(|confidence| confidence.code() == self.confidence)
                    .ok_or_else(|| corrupt("confidence"))?,
                comment: self.comment,
                value: self.value,
            },
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by,
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn update(change: Change, occurrence: Option<u32>, on: Date) -> ActionUpdate {
        ActionUpdate {
            action: ActionId::parse("audit").unwrap(),
            occurrence,
            change,
            on,
        }
    }

    fn refusal(result: Result<(), StoreError>) -> String {
        match result {
            Err(error @ StoreError::TrackingOutOfRange { .. }) => error.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn what_does_not_read_back_is_refused_with_its_item() {
        let day = date(2026, 3, 2);
        let progress = |percent, expected_end| Change::Progress {
            percent,
            expected_end,
        };
        assert!(check_update(&update(progress(Some(100), Some(day)), Some(3), day)).is_ok());
        assert_eq!(
            refusal(check_update(&update(
                progress(Some(101), None),
                Some(3),
                day
            ))),
            "action `audit`, occurrence 3: a progress of 101 % is above 100 %; nothing was recorded"
        );
        assert_eq!(
            refusal(check_update(&update(Change::Done, Some(0), day))),
            "action `audit`, occurrence 0: occurrences count from 1, not 0; nothing was recorded"
        );
        let before_year_zero = date(-1, 12, 31);
        assert_eq!(
            refusal(check_update(&update(
                progress(None, Some(before_year_zero)),
                None,
                day
            ))),
            "action `audit`: the day -000001-12-31 is before year 0; nothing was recorded"
        );
        assert!(check_update(&update(Change::Started, None, date(0, 1, 1))).is_ok());

        let checkin = |confidence, on| CheckIn {
            objective: ObjectiveId::parse("conversion").unwrap(),
            on,
            confidence,
            comment: String::new(),
            value: None,
        };
        assert!(check_checkin(&checkin(Confidence::Score(10), day)).is_ok());
        assert_eq!(
            refusal(check_checkin(&checkin(Confidence::Score(11), day))),
            "objective `conversion`: a confidence score of 11 is above 10; nothing was recorded"
        );
        assert_eq!(
            refusal(check_checkin(&checkin(
                Confidence::OnTrack,
                before_year_zero
            ))),
            "objective `conversion`: the day -000001-12-31 is before year 0; nothing was recorded"
        );
    }

    #[test]
    fn a_stored_value_keeps_its_scale_and_loses_the_sign_of_zero() {
        let value = |text: &str| Some(text.parse::<Decimal>().unwrap());
        let shown = |value: Option<Decimal>| stored_value(value).map(|value| value.to_string());
        assert_eq!(shown(value("12.50")), Some("12.50".to_owned()));
        assert_eq!(shown(value("-0.00")), Some("0.00".to_owned()));
        assert_eq!(shown(None), None);
    }
}
