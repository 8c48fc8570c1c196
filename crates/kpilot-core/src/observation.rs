//! One recorded value, the unit every part of kpilot passes around: read
//! from an export, stored, and summed by the engine.

use jiff::civil::Date;
use rust_decimal::Decimal;

/// A measure's value on a day, optionally for one channel, segment and
/// action of the plan, borrowing its names. `line` is where it was read in
/// its file, kept so that a figure can be traced back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation<'a> {
    pub line: u64,
    pub day: Date,
    pub measure: &'a str,
    pub value: Decimal,
    pub channel: Option<&'a str>,
    pub segment: Option<&'a str>,
    pub action: Option<&'a str>,
}
