//! What the checker says about a plan: rule codes (`Rule`, a contract with
//! other programs: never rename one), severities and findings. The checker
//! (`check`) and the schedule's notices (`schedule::notices`) both speak it.

use std::fmt;

use serde::Serialize;

use crate::kpi::Localized;
use crate::plan::ItemKind;

/// A message in French and English, formatted with the same arguments.
macro_rules! tr {
    ($fr:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::kpi::Localized::new(format!($fr $(, $arg)*), format!($en $(, $arg)*))
    };
}
pub(crate) use tr;

/// A fixed text in French and English.
pub(crate) fn l(fr: &str, en: &str) -> Localized {
    Localized::new(fr, en)
}

/// Whether a finding blocks the plan (`Error`) or deserves a look (`Warning`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The rules the checker applies. Codes are a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Rule {
    /// The objective has no KPI.
    #[serde(rename = "smart.specific")]
    SmartSpecific,
    /// No numeric target, or a KPI nobody defines, or a percent written as a
    /// whole number.
    #[serde(rename = "smart.measurable")]
    SmartMeasurable,
    /// No baseline (warning); a target on the wrong side of the baseline.
    #[serde(rename = "smart.achievable")]
    SmartAchievable,
    /// The objective serves no existing goal.
    #[serde(rename = "smart.realistic")]
    SmartRealistic,
    /// No deadline (error); a deadline or milestone outside the horizon.
    #[serde(rename = "smart.time_bound")]
    SmartTimeBound,
    #[serde(rename = "structure.too_many_goals")]
    TooManyGoals,
    #[serde(rename = "structure.too_many_objectives")]
    TooManyObjectives,
    #[serde(rename = "structure.too_many_metrics")]
    TooManyMetrics,
    /// A tactic measured by fewer than two metrics.
    #[serde(rename = "structure.too_few_metrics")]
    TooFewMetrics,
    /// An item that nothing below or above it uses: a goal without
    /// objectives, an objective no strategy serves, a strategy without
    /// tactics, a tactic without actions.
    #[serde(rename = "structure.unlinked")]
    Unlinked,
    #[serde(rename = "ref.unknown_id")]
    UnknownId,
    #[serde(rename = "ref.unknown_kpi")]
    UnknownKpi,
    /// Two items of one kind share an id, or a plan KPI reuses a built-in id.
    #[serde(rename = "ref.duplicate_id")]
    DuplicateId,
    #[serde(rename = "ref.cycle")]
    Cycle,
    /// A formula or aggregation that cannot be computed from summed measures.
    #[serde(rename = "kpi.formula")]
    KpiFormula,
    #[serde(rename = "plan.horizon")]
    PlanHorizon,
    /// The plan has no mission or no vision statement.
    #[serde(rename = "plan.mission")]
    PlanMission,
    /// An action without an owner, or an owner nobody can reach.
    #[serde(rename = "action.owner")]
    ActionOwner,
    /// An action's dates contradict each other or the plan.
    #[serde(rename = "action.dates")]
    ActionDates,
    /// A bottom-up budget with actions that have no budget.
    #[serde(rename = "budget.missing")]
    BudgetMissing,
    /// An experiment without two variants, exactly one control, and
    /// splits between 0 and 1 that add up to 1.
    #[serde(rename = "experiment.variants")]
    ExperimentVariants,
    /// An experiment judged on a KPI that is not a rate or an amount per
    /// visitor.
    #[serde(rename = "experiment.kpi")]
    ExperimentKpi,
    /// No minimum detectable effect (warning: no sample size), or one that
    /// cannot be.
    #[serde(rename = "experiment.mde")]
    ExperimentMde,
    /// An experiment's dates missing, reversed or outside the plan.
    #[serde(rename = "experiment.dates")]
    ExperimentDates,
    /// An experiment without a hypothesis.
    #[serde(rename = "experiment.hypothesis")]
    ExperimentHypothesis,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::SmartSpecific => "smart.specific",
            Rule::SmartMeasurable => "smart.measurable",
            Rule::SmartAchievable => "smart.achievable",
            Rule::SmartRealistic => "smart.realistic",
            Rule::SmartTimeBound => "smart.time_bound",
            Rule::TooManyGoals => "structure.too_many_goals",
            Rule::TooManyObjectives => "structure.too_many_objectives",
            Rule::TooManyMetrics => "structure.too_many_metrics",
            Rule::TooFewMetrics => "structure.too_few_metrics",
            Rule::Unlinked => "structure.unlinked",
            Rule::UnknownId => "ref.unknown_id",
            Rule::UnknownKpi => "ref.unknown_kpi",
            Rule::DuplicateId => "ref.duplicate_id",
            Rule::Cycle => "ref.cycle",
            Rule::KpiFormula => "kpi.formula",
            Rule::PlanHorizon => "plan.horizon",
            Rule::PlanMission => "plan.mission",
            Rule::ActionOwner => "action.owner",
            Rule::ActionDates => "action.dates",
            Rule::BudgetMissing => "budget.missing",
            Rule::ExperimentVariants => "experiment.variants",
            Rule::ExperimentKpi => "experiment.kpi",
            Rule::ExperimentMde => "experiment.mde",
            Rule::ExperimentDates => "experiment.dates",
            Rule::ExperimentHypothesis => "experiment.hypothesis",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One thing the checker has to say about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// The kind of the item the finding is about.
    pub kind: ItemKind,
    /// The id of that item.
    pub item: String,
    pub message: Localized,
    /// How to fix it.
    pub help: Localized,
}

impl Finding {
    pub fn new(
        rule: Rule,
        severity: Severity,
        kind: ItemKind,
        item: &str,
        message: Localized,
        help: Localized,
    ) -> Finding {
        Finding {
            rule,
            severity,
            kind,
            item: item.to_owned(),
            message,
            help,
        }
    }
}
