//! What a KPI is: its unit, its direction, and how its value is obtained from
//! the measures recorded over a window (a measure's own aggregation, or a
//! formula on summed components).
//!
//! Plain measures (sessions, revenue, cost…) are KPIs too: an objective may
//! target `sessions` as well as `conversion_rate`. The built-in set lives in
//! [`crate::catalogue`]; a plan adds its own through `[[kpis]]` (formulas) and
//! `[[measures]]` (recorded values).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::formula::Formula;

/// The unit a KPI's value is expressed in. `Percent` values are stored as
/// fractions (0.021 is 2.1 %), whatever the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Percent,
    Currency,
    Ratio,
    Duration,
    Score,
}

impl Unit {
    pub const ALL: [Unit; 6] = [
        Unit::Count,
        Unit::Percent,
        Unit::Currency,
        Unit::Ratio,
        Unit::Duration,
        Unit::Score,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::Currency => "currency",
            Unit::Ratio => "ratio",
            Unit::Duration => "duration",
            Unit::Score => "score",
        }
    }

    pub fn parse(text: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|unit| unit.as_str() == text)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way is better: `Up` (higher is better, e.g. revenue) or `Down`
/// (lower is better, e.g. cost per acquisition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }

    pub fn parse(text: &str) -> Option<Direction> {
        match text {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }

    /// True when going from `from` to `to` is an improvement (or no change).
    pub fn improves(self, from: f64, to: f64) -> bool {
        match self {
            Direction::Up => to >= from,
            Direction::Down => to <= from,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a recorded measure combines over several days, channels or segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aggregation {
    /// Additive: the window's value is the sum (sessions, revenue, cost).
    Sum,
    /// A mean weighted by another, additive measure: average search position
    /// weighted by impressions, time on site weighted by sessions.
    WeightedMean { weight: String },
    /// The latest recorded value in the window (a completion rate, a stock).
    Last,
}

impl Aggregation {
    /// The text used in plan files: `sum`, `last` or `mean:WEIGHT`.
    pub fn to_text(&self) -> String {
        match self {
            Aggregation::Sum => "sum".to_owned(),
            Aggregation::Last => "last".to_owned(),
            Aggregation::WeightedMean { weight } => format!("mean:{weight}"),
        }
    }

    pub fn parse(text: &str) -> Option<Aggregation> {
        match text {
            "sum" => Some(Aggregation::Sum),
            "last" => Some(Aggregation::Last),
            _ => {
                let weight = text.strip_prefix("mean:")?.trim();
                (!weight.is_empty()).then(|| Aggregation::WeightedMean {
                    weight: weight.to_owned(),
                })
            }
        }
    }
}

/// A text in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

impl Localized {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Localized {
        Localized {
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages (a name the user wrote once).
    pub fn same(text: impl Into<String>) -> Localized {
        let text = text.into();
        Localized {
            fr: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// An interface language: kpilot-text's, where every sentence's catalogue is.
pub use kpilot_text::Lang;

/// Why to measure a KPI, where to find its data and how to improve it
/// (the pattern of seed 003).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Guidance {
    pub why: Localized,
    pub where_to_find: Localized,
    pub how_to_improve: Localized,
}

/// How a KPI's value is obtained.
#[derive(Debug, Clone, PartialEq)]
pub enum Definition {
    /// A recorded measure, combined with its aggregation.
    Measure(Aggregation),
    /// A formula over additive measures, evaluated on the window's sums.
    Formula(Formula),
}

/// One KPI of the catalogue, built in or defined by a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiDef {
    pub id: String,
    pub name: Localized,
    pub unit: Unit,
    pub direction: Direction,
    pub definition: Definition,
    /// Empty for a plan's own KPI unless the plan says more.
    pub guidance: Guidance,
    pub builtin: bool,
}

impl KpiDef {
    pub fn is_formula(&self) -> bool {
        matches!(self.definition, Definition::Formula(_))
    }

    /// A percentage that cannot pass 100 %: a recorded percentage, or a part
    /// divided by its whole (`transactions / sessions`). A return on
    /// investment is a percentage too, but may well exceed 100 %.
    pub fn is_share(&self) -> bool {
        use crate::formula::{BinOp, Expr};
        self.unit == Unit::Percent
            && match &self.definition {
                Definition::Measure(_) => true,
                Definition::Formula(formula) => matches!(
                    formula.expr(),
                    Expr::Binary { op: BinOp::Div, lhs, rhs }
                        if matches!(**lhs, Expr::Measure(_)) && matches!(**rhs, Expr::Measure(_))
                ),
            }
    }

    /// An additive measure: its value over a window is the sum of its days.
    pub fn is_additive_measure(&self) -> bool {
        matches!(self.definition, Definition::Measure(Aggregation::Sum))
    }
}
