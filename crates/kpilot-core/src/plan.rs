//! The planning chain of seeds 000, 001, 002 and 004 as types: a plan has a
//! mission and a vision, 2–3 goals, SMART objectives measured by KPIs,
//! strategies serving objectives, tactics (one strategy on one channel) and
//! actions (one tactic, an owner, dates and a budget).
//!
//! Items refer to each other by id, as in the plan file. A `Plan` is a plan
//! *as written*: references may point nowhere and an objective may still lack
//! its deadline. That is what a user holds while drafting; the SMART checker
//! ([`mod@crate::check`]) says what is missing, instead of the parser refusing it.

use std::fmt;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::catalogue;
use crate::ids::{
    ActionId, ChannelId, ExperimentId, GoalId, KpiId, ObjectiveId, PlanId, SegmentId, StrategyId,
    TacticId, VariantId,
};
use crate::kpi::{Aggregation, Definition, KpiDef};

/// A marketing plan: the root of the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: PlanId,
    pub name: String,
    pub mission: String,
    pub vision: String,
    pub start: Date,
    pub end: Date,
    pub currency: Currency,
    pub budget: Budget,
    pub goals: Vec<Goal>,
    pub objectives: Vec<Objective>,
    /// The plan's own KPIs (formulas) and measures (recorded values).
    pub kpis: Vec<KpiDef>,
    pub segments: Vec<Segment>,
    pub channels: Vec<Channel>,
    pub strategies: Vec<Strategy>,
    pub tactics: Vec<Tactic>,
    pub actions: Vec<Action>,
    /// A/B tests, each of an action.
    pub experiments: Vec<Experiment>,
    /// How objectives are judged (`[tracking]` in the plan file).
    pub tracking: Tracking,
    /// The working days (`[calendar]` in the plan file).
    pub calendar: Calendar,
}

/// How a plan's objectives and actions are followed (`[tracking]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tracking {
    /// An objective behind its expected progress is "at risk" from this
    /// share of it (0.75: 75 %), "off track" below.
    pub at_risk: f64,
    /// An open action is critical when its slack is at most this many
    /// working days (0: only actions with no slack left, or late ones).
    pub critical_slack: i64,
    /// Days between two check-ins of an objective: one not checked in for
    /// that long is due in "this week" (7: every week).
    pub checkin_every: i64,
}

impl Tracking {
    pub const DEFAULT_AT_RISK: f64 = 0.75;
    pub const DEFAULT_CRITICAL_SLACK: i64 = 0;
    pub const DEFAULT_CHECKIN_EVERY: i64 = 7;
}

impl Default for Tracking {
    fn default() -> Tracking {
        Tracking {
            at_risk: Tracking::DEFAULT_AT_RISK,
            critical_slack: Tracking::DEFAULT_CRITICAL_SLACK,
            checkin_every: Tracking::DEFAULT_CHECKIN_EVERY,
        }
    }
}

/// An ISO 4217 currency code such as `EUR`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Currency(String);

impl Currency {
    pub fn parse(text: &str) -> Result<Currency, String> {
        if text.len() == 3 && text.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Currency(text.to_owned()))
        } else {
            Err(format!(
                "currency `{text}` is not a three-letter ISO 4217 code such as `EUR`"
            ))
        }
    }

    fn parse_owned(text: String) -> Result<Currency, String> {
        Currency::parse(&text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount of money in the plan's currency: finite and not negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Amount(f64);

impl Amount {
    pub const ZERO: Amount = Amount(0.0);

    pub fn new(value: f64) -> Result<Amount, String> {
        if value.is_finite() && value >= 0.0 {
            // Normalise -0.0 so that it prints and compares as 0.
            Ok(Amount(value + 0.0))
        } else {
            Err(format!("amount {value} must be a finite number, 0 or more"))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

macro_rules! serde_through {
    ($name:ident, $inner:ty, $constructor:path, $getter:expr) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$name, D::Error> {
                let raw = <$inner>::deserialize(deserializer)?;
                $constructor(raw).map_err(serde::de::Error::custom)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let getter: fn(&$name) -> $inner = $getter;
                getter(self).serialize(serializer)
            }
        }
    };
}

serde_through!(Amount, f64, Amount::new, |amount| amount.0);
serde_through!(Rate, f64, Rate::new, |rate| rate.0);
serde_through!(Currency, String, Currency::parse_owned, |currency| currency
    .0
    .clone());

/// A share between 0 and 1 (0.05 is 5 %).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Rate(f64);

impl Rate {
    pub fn new(value: f64) -> Result<Rate, String> {
        if (0.0..=1.0).contains(&value) {
            Ok(Rate(value + 0.0))
        } else {
            Err(format!(
                "rate {value} must be between 0 and 1 (write 0.05 for 5 %)"
            ))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

/// How the marketing budget is set (seed 002): a fixed envelope, a share of
/// revenue, or the sum of what the actions need.
#[derive(Debug, Clone, PartialEq)]
pub enum Budget {
    Fixed { amount: Amount },
    RevenueShare { rate: Rate, base: RevenueBase },
    BottomUp,
}

/// The revenue a `revenue_share` budget is a share of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RevenueBase {
    /// An amount written in the plan (`revenue_base = 500000`).
    Amount(Amount),
    /// The revenue observed over the 12 months before the plan starts
    /// (`base = "last_12_months"`).
    Last12Months,
}

impl Budget {
    pub fn method(&self) -> &'static str {
        match self {
            Budget::Fixed { .. } => "fixed",
            Budget::RevenueShare { .. } => "revenue_share",
            Budget::BottomUp => "bottom_up",
        }
    }
}

/// What a goal is about (seed 004's list, plus seed 000's acquisition and
/// retention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalKind {
    Acquisition,
    Retention,
    Animation,
    Traffic,
    Satisfaction,
    DataQuality,
    Sales,
    Other,
}

/// The See / Think / Do / Care stage of the funnel a goal works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelStage {
    See,
    Think,
    Do,
    Care,
}

/// A goal ("but"): where the plan wants to go this year.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: GoalId,
    pub title: String,
    pub kind: GoalKind,
    pub funnel_stage: Option<FunnelStage>,
    /// The business impact (seed 001's "Impact" column).
    pub impact: Option<String>,
}

/// A SMART objective: a goal with a KPI, a baseline, a target and a deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    pub id: ObjectiveId,
    pub goal: Option<GoalId>,
    pub title: String,
    pub kpi: Option<KpiId>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub deadline: Option<Date>,
    /// Intermediate targets by date, for a time-phased objective.
    pub milestones: Vec<Milestone>,
    /// `None`: every channel (omnichannel).
    pub channel: Option<ChannelId>,
    /// `None`: every segment.
    pub segment: Option<SegmentId>,
    pub owner: Option<String>,
    /// `None`: the default for the KPI, see [`Objective::window_for`].
    pub window: Option<Window>,
}

impl Objective {
    /// The window the objective is judged on: as written, or by default
    /// cumulative since the plan start for an additive measure or a "last
    /// value" measure (a count, money, a completion rate), and the trailing
    /// 28 days for a KPI defined by a formula or a weighted mean (rates,
    /// averages, costs per unit), whose cumulative value would hide change.
    pub fn window_for(&self, kpi: &KpiDef) -> Window {
        self.window.unwrap_or(match &kpi.definition {
            Definition::Measure(Aggregation::Sum | Aggregation::Last) => Window::Cumulative,
            Definition::Measure(Aggregation::WeightedMean { .. }) | Definition::Formula(_) => {
                Window::Trailing {
                    days: Window::DEFAULT_TRAILING_DAYS,
                }
            }
        })
    }
}

/// An intermediate target of a time-phased objective.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub date: Date,
    pub target: f64,
}

/// The days over which an objective's KPI is computed on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// From the plan start up to the day.
    Cumulative,
    /// The `days` days ending on the day.
    Trailing { days: u32 },
}

impl Window {
    pub const DEFAULT_TRAILING_DAYS: u32 = 28;
}

/// A target segment. The built-in ones need no declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub id: SegmentId,
    pub name: String,
    pub description: Option<String>,
}

/// A channel (lever). The built-in ones need no declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    pub id: ChannelId,
    pub name: String,
}

/// The segments every plan knows (seed 004), with their French names.
pub const BUILTIN_SEGMENTS: [(&str, &str, &str); 4] = [
    ("families", "Familles", "Families"),
    ("working_people", "Actifs", "Working people"),
    ("seniors", "Seniors", "Seniors"),
    ("students", "Étudiants", "Students"),
];

/// The channels every plan knows, with their French and English names.
pub const BUILTIN_CHANNELS: [(&str, &str, &str); 8] = [
    ("email", "E-mail", "Email"),
    ("sms", "SMS", "SMS"),
    ("search", "Moteurs de recherche", "Search"),
    ("social", "Réseaux sociaux", "Social"),
    ("display", "Display", "Display"),
    ("website", "Site web", "Website"),
    ("store", "Magasin", "Store"),
    ("events", "Événements", "Events"),
];

/// A strategy: how the plan reaches some of its objectives.
#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    pub id: StrategyId,
    pub title: String,
    pub objectives: Vec<ObjectiveId>,
    pub description: Option<String>,
}

/// What a tactic's metric tells about the visitor's path (seed 000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricStage {
    Acquisition,
    Behaviour,
    Conversion,
}

/// A metric that measures a tactic.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub kpi: KpiId,
    pub stage: MetricStage,
}

/// A tactic: the concrete work of one strategy on one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Tactic {
    pub id: TacticId,
    pub strategy: StrategyId,
    pub channel: ChannelId,
    pub title: String,
    pub metrics: Vec<Metric>,
}

/// One-off, recurring or continuous (seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    OneOff,
    Recurring,
    Continuous,
}

/// How a recurring action comes back: every `every` days, weeks or months
/// from its `start`, until its `due` day or `count` occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub every: u32,
    pub unit: RecurrenceUnit,
    pub on: Option<RecurrenceDay>,
    pub count: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurrenceUnit {
    Day,
    Week,
    Month,
}

/// Which day of the week or month an occurrence falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurrenceDay {
    /// Weekly: this day of the week.
    Weekday(Weekday),
    /// Monthly: the `nth` (1 to 5, or -1 for the last) such day of the month.
    NthWeekday { nth: i8, weekday: Weekday },
    /// Monthly: this day of the month (the month's last day when shorter).
    DayOfMonth(u8),
}

/// The person in charge of an action, and how to reach them.
#[derive(Debug, Clone, PartialEq)]
pub struct Owner {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An action of the action plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub id: ActionId,
    pub tactic: TacticId,
    pub title: String,
    pub owner: Option<Owner>,
    pub kind: ActionKind,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub duration_days: Option<u32>,
    pub depends_on: Vec<ActionId>,
    /// How a recurring action comes back.
    pub repeat: Option<Recurrence>,
    /// Planned budget: the amount of a one-off action, per occurrence for a
    /// recurring one, per month for a continuous one.
    pub budget: Option<Amount>,
    /// The KPIs or metrics the action should move.
    pub kpis: Vec<KpiId>,
}

/// An A/B test (seeds 000 and 002: "il faut réaliser des analyses et des
/// tests"): variants of a page, an email or an ad shown to shares of the
/// visitors, judged on one KPI, planned with the smallest effect worth
/// detecting so that the sample size is known before the test starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    pub id: ExperimentId,
    /// The action it belongs to, hence its tactic, channel and objectives.
    pub action: ActionId,
    pub hypothesis: String,
    /// The KPI it is judged on: a rate (conversions per visitor) or an
    /// amount per visitor (revenue per visitor).
    pub kpi: KpiId,
    /// The control and the treatments, with their planned split.
    pub variants: Vec<Variant>,
    pub start: Option<Date>,
    /// The planned end, if any.
    pub end: Option<Date>,
    /// The minimum detectable effect: absolute (0.01 = one point of
    /// conversion rate) unless `relative` (0.1 = 10 % of the control).
    pub mde: Option<f64>,
    pub relative: bool,
    pub method: TestMethod,
}

impl Experiment {
    /// The control variant, when exactly one is marked.
    pub fn control(&self) -> Option<&Variant> {
        let mut controls = self.variants.iter().filter(|variant| variant.control);
        let control = controls.next()?;
        controls.next().is_none().then_some(control)
    }
}

/// What an experiment's KPI counts per visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerVisitor {
    /// A rate (a percent KPI such as `conversion_rate`): conversions per
    /// visitor, each visitor converting or not.
    Rate,
    /// An amount per visitor (a currency KPI such as
    /// `revenue_per_visitor`): revenue per visitor.
    Amount,
}

impl PerVisitor {
    /// How a KPI can judge an experiment: a formula KPI in percent or in
    /// currency, or `None` (counts, scores, durations are not judged per
    /// visitor).
    pub fn of(kpi: &KpiDef) -> Option<PerVisitor> {
        if !matches!(kpi.definition, Definition::Formula(_)) {
            return None;
        }
        match kpi.unit {
            crate::kpi::Unit::Percent => Some(PerVisitor::Rate),
            crate::kpi::Unit::Currency => Some(PerVisitor::Amount),
            _ => None,
        }
    }
}

/// A variant of an experiment and the share of visitors planned for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub id: VariantId,
    pub name: Option<String>,
    pub split: f64,
    pub control: bool,
}

/// How an experiment is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestMethod {
    /// Intervals valid however often the results are looked at: the
    /// verdict can come as soon as the evidence is there.
    #[default]
    Sequential,
    /// The classic fixed-horizon test: valid once, when the planned sample
    /// size is reached; looking earlier decides nothing.
    Fixed,
}

impl TestMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            TestMethod::Sequential => "sequential",
            TestMethod::Fixed => "fixed",
        }
    }
}

/// The kinds of item a plan holds, for findings and source locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Plan,
    Goal,
    Objective,
    Kpi,
    Segment,
    Channel,
    Strategy,
    Tactic,
    Action,
    Experiment,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Plan => "plan",
            ItemKind::Goal => "goal",
            ItemKind::Objective => "objective",
            ItemKind::Kpi => "kpi",
            ItemKind::Segment => "segment",
            ItemKind::Channel => "channel",
            ItemKind::Strategy => "strategy",
            ItemKind::Tactic => "tactic",
            ItemKind::Action => "action",
            ItemKind::Experiment => "experiment",
        }
    }
}

impl Plan {
    /// The items the plan holds, as (kind, id, title) rows: what stored
    /// results, spend and notes can refer to.
    pub fn items(&self) -> Vec<(ItemKind, &str, &str)> {
        let mut items = Vec::new();
        items.extend(
            self.goals
                .iter()
                .map(|x| (ItemKind::Goal, x.id.as_str(), x.title.as_str())),
        );
        items.extend(
            self.objectives
                .iter()
                .map(|x| (ItemKind::Objective, x.id.as_str(), x.title.as_str())),
        );
        items.extend(
            self.kpis
                .iter()
                .map(|x| (ItemKind::Kpi, x.id.as_str(), x.name.fr.as_str())),
        );
        items.extend(
            self.segments
                .iter()
                .map(|x| (ItemKind::Segment, x.id.as_str(), x.name.as_str())),
        );
        items.extend(
            self.channels
                .iter()
                .map(|x| (ItemKind::Channel, x.id.as_str(), x.name.as_str())),
        );
        items.extend(
            self.strategies
                .iter()
                .map(|x| (ItemKind::Strategy, x.id.as_str(), x.title.as_str())),
        );
        items.extend(
            self.tactics
                .iter()
                .map(|x| (ItemKind::Tactic, x.id.as_str(), x.title.as_str())),
        );
        items.extend(
            self.actions
                .iter()
                .map(|x| (ItemKind::Action, x.id.as_str(), x.title.as_str())),
        );
        items.extend(
            self.experiments
                .iter()
                .map(|x| (ItemKind::Experiment, x.id.as_str(), x.hypothesis.as_str())),
        );
        items
    }

    pub fn experiment(&self, id: &str) -> Option<&Experiment> {
        self.experiments
            .iter()
            .find(|experiment| experiment.id.as_str() == id)
    }

    /// A KPI by id: the plan's own first, then the built-in catalogue.
    pub fn kpi(&self, id: &str) -> Option<&KpiDef> {
        self.kpis
            .iter()
            .find(|kpi| kpi.id == id)
            .or_else(|| catalogue::find(id))
    }

    /// The channel an action works on: its tactic's.
    pub fn channel_of_action(&self, action: &str) -> Option<&ChannelId> {
        let action = self.actions.iter().find(|a| a.id.as_str() == action)?;
        Some(&self.tactic(&action.tactic)?.channel)
    }

    /// The KPI an objective is measured by, if it names one that exists.
    pub fn kpi_of(&self, objective: &Objective) -> Option<&KpiDef> {
        self.kpi(objective.kpi.as_ref()?.as_str())
    }

    pub fn goal(&self, id: &GoalId) -> Option<&Goal> {
        self.goals.iter().find(|goal| &goal.id == id)
    }

    pub fn objective(&self, id: &ObjectiveId) -> Option<&Objective> {
        self.objectives.iter().find(|objective| &objective.id == id)
    }

    pub fn strategy(&self, id: &StrategyId) -> Option<&Strategy> {
        self.strategies.iter().find(|strategy| &strategy.id == id)
    }

    pub fn tactic(&self, id: &TacticId) -> Option<&Tactic> {
        self.tactics.iter().find(|tactic| &tactic.id == id)
    }

    pub fn action(&self, id: &ActionId) -> Option<&Action> {
        self.actions.iter().find(|action| &action.id == id)
    }

    /// Whether a segment id is built in or declared by the plan.
    pub fn knows_segment(&self, id: &SegmentId) -> bool {
        BUILTIN_SEGMENTS.iter().any(|(b, _, _)| *b == id.as_str())
            || self.segments.iter().any(|segment| &segment.id == id)
    }

    /// Whether a channel id is built in or declared by the plan.
    pub fn knows_channel(&self, id: &ChannelId) -> bool {
        BUILTIN_CHANNELS.iter().any(|(b, _, _)| *b == id.as_str())
            || self.channels.iter().any(|channel| &channel.id == id)
    }

    /// The objectives of a goal, in plan order.
    pub fn objectives_of<'a>(&'a self, goal: &'a GoalId) -> impl Iterator<Item = &'a Objective> {
        self.objectives
            .iter()
            .filter(move |objective| objective.goal.as_ref() == Some(goal))
    }

    /// The 12 months before the plan starts: the days a `last_12_months`
    /// revenue base is observed on.
    pub fn last_12_months(&self) -> (Date, Date) {
        let to = self.start.yesterday().unwrap_or(self.start);
        let from = self
            .start
            .checked_sub(jiff::Span::new().years(1))
            .unwrap_or(self.start);
        (from, to)
    }

    /// The plan's horizon in whole months when it is one (3, 6 or 12 months
    /// from the first of a month to the last day of a month), else `None`.
    pub fn horizon_months(&self) -> Option<i32> {
        if self.start.day() != 1 || self.end.tomorrow().ok()?.day() != 1 {
            return None;
        }
        let after = self.end.tomorrow().ok()?;
        let months = (i32::from(after.year()) - i32::from(self.start.year())) * 12
            + i32::from(after.month())
            - i32::from(self.start.month());
        (months > 0).then_some(months)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::plan_file;

    fn plan() -> Plan {
        let text = "[plan]\nid = \"p\"\nname = \"P\"\nstart = 2026-01-01\nend = 2026-06-30\ncurrency = \"EUR\"\n";
        plan_file::parse(text).unwrap().plan
    }

    #[test]
    fn horizon_in_months() {
        let mut six = plan();
        assert_eq!(six.horizon_months(), Some(6));
        six.end = date(2026, 3, 31);
        assert_eq!(six.horizon_months(), Some(3));
        six.end = date(2026, 12, 31);
        assert_eq!(six.horizon_months(), Some(12));
        six.end = date(2026, 3, 15);
        assert_eq!(six.horizon_months(), None);
    }

    #[test]
    fn default_window_follows_the_kpi() {
        let plan = plan();
        let objective = |window| Objective {
            id: ObjectiveId::parse("o").unwrap(),
            goal: None,
            title: String::new(),
            kpi: None,
            baseline: None,
            target: None,
            deadline: None,
            milestones: Vec::new(),
            channel: None,
            segment: None,
            owner: None,
            window,
        };
        let kpi = |id: &str| plan.kpi(id).unwrap();
        let trailing = Window::Trailing { days: 28 };
        assert_eq!(
            objective(None).window_for(kpi("sessions")),
            Window::Cumulative
        );
        assert_eq!(
            objective(None).window_for(kpi("revenue")),
            Window::Cumulative
        );
        assert_eq!(objective(None).window_for(kpi("conversion_rate")), trailing);
        assert_eq!(objective(None).window_for(kpi("cpa")), trailing);
        assert_eq!(objective(None).window_for(kpi("time_on_site")), trailing);
        let seven = Window::Trailing { days: 7 };
        assert_eq!(objective(Some(seven)).window_for(kpi("sessions")), seven);
        assert_eq!(
            objective(Some(Window::Cumulative)).window_for(kpi("cpa")),
            Window::Cumulative
        );
    }
}
