//! The plan file: TOML text in, [`Plan`] out, and back.
//!
//! The file is flat: `[plan]`, `[budget]`, then one array of tables per kind
//! of item (`[[goals]]`, `[[objectives]]`, …), items referring to each other
//! by id. This keeps a plan readable and its git diffs small. Unknown keys are
//! errors (a misspelt `dealine` must not silently drop a deadline).
//!
//! Reading keeps where each item's id stands in the text ([`SourceMap`]), so
//! that findings can point at a line like a compiler does. Writing produces
//! one canonical text: the same plan always gives the same bytes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use toml::Spanned;

use crate::calendar::Calendar;
use crate::formula::Formula;
use crate::ids::{
    ActionId, ChannelId, ExperimentId, GoalId, KpiId, ObjectiveId, PlanId, SegmentId, StrategyId,
    TacticId, VariantId,
};
use crate::kpi::{Aggregation, Definition, Direction, Guidance, KpiDef, Localized, Unit};
use crate::plan::{
    Action, ActionKind, Amount, Budget, Channel, Currency, Experiment, FunnelStage, Goal, GoalKind,
    ItemKind, Metric, MetricStage, Milestone, Objective, Owner, Plan, Rate, Recurrence,
    RecurrenceDay, RecurrenceUnit, RevenueBase, Segment, Strategy, Tactic, TestMethod, Tracking,
    Variant, Window,
};

/// A plan file that cannot be read, with the place of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", location.map(|l| format!("line {}, column {}: ", l.line, l.column)).unwrap_or_default())]
pub struct PlanFileError {
    pub message: String,
    pub location: Option<Location>,
}

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |index| index + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        Location { line, column }
    }
}

/// Where each item's id stands in the file it was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    items: HashMap<(ItemKind, String), Location>,
}

impl SourceMap {
    pub fn locate(&self, kind: ItemKind, id: &str) -> Option<Location> {
        self.items.get(&(kind, id.to_owned())).copied()
    }
}

/// A plan read from its file, with the locations of its items.
#[derive(Debug, Clone)]
pub struct ParsedPlan {
    pub plan: Plan,
    pub source_map: SourceMap,
}

/// Reads a plan file.
pub fn parse(text: &str) -> Result<ParsedPlan, PlanFileError> {
    let file: FileDoc = toml::from_str(text).map_err(|error| PlanFileError {
        message: error.message().trim_end().to_owned(),
        location: error
            .span()
            .map(|span| Location::of_offset(text, span.start)),
    })?;
    let mut reader = Reader {
        text,
        source_map: SourceMap::default(),
    };
    let plan = reader.plan(file)?;
    Ok(ParsedPlan {
        plan,
        source_map: reader.source_map,
    })
}

// The file's shape. Fields that the checker judges (deadline, target, …) are
// optional here and in the model; fields without which an item means nothing
// (an id, a tactic's strategy) are required, and their absence is a read error.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    plan: FilePlan,
    budget: Option<Spanned<FileBudget>>,
    tracking: Option<Spanned<FileTracking>>,
    calendar: Option<Spanned<FileCalendar>>,
    #[serde(default)]
    goals: Vec<FileGoal>,
    #[serde(default)]
    objectives: Vec<FileObjective>,
    #[serde(default)]
    kpis: Vec<FileKpi>,
    #[serde(default)]
    measures: Vec<FileMeasure>,
    #[serde(default)]
    segments: Vec<FileSegment>,
    #[serde(default)]
    channels: Vec<FileChannel>,
    #[serde(default)]
    strategies: Vec<FileStrategy>,
    #[serde(default)]
    tactics: Vec<FileTactic>,
    #[serde(default)]
    actions: Vec<FileAction>,
    #[serde(default)]
    experiments: Vec<FileExperiment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTracking {
    at_risk: Option<Spanned<f64>>,
    critical_slack: Option<Spanned<i64>>,
    checkin_every: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCalendar {
    weekend: Option<Vec<Spanned<String>>>,
    holidays: Option<Spanned<String>>,
    #[serde(default)]
    days_off: Vec<FileDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePlan {
    id: Spanned<PlanId>,
    name: String,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    vision: String,
    start: FileDate,
    end: FileDate,
    currency: Currency,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBudget {
    method: FileBudgetMethod,
    amount: Option<Amount>,
    rate: Option<Rate>,
    revenue_base: Option<Amount>,
    base: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum FileBudgetMethod {
    Fixed,
    RevenueShare,
    BottomUp,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileGoal {
    id: Spanned<GoalId>,
    title: String,
    kind: GoalKind,
    funnel_stage: Option<FunnelStage>,
    impact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileObjective {
    id: Spanned<ObjectiveId>,
    goal: Option<GoalId>,
    title: String,
    kpi: Option<KpiId>,
    baseline: Option<f64>,
    target: Option<f64>,
    deadline: Option<FileDate>,
    #[serde(default)]
    milestones: Vec<FileMilestone>,
    channel: Option<ChannelId>,
    segment: Option<SegmentId>,
    owner: Option<String>,
    window: Option<FileWindow>,
    window_days: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMilestone {
    date: FileDate,
    target: f64,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum FileWindow {
    Cumulative,
    Trailing,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKpi {
    id: Spanned<KpiId>,
    name: Option<FileText>,
    formula: Spanned<String>,
    unit: Unit,
    direction: Direction,
    why: Option<FileText>,
    where_to_find: Option<FileText>,
    how_to_improve: Option<FileText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMeasure {
    id: Spanned<KpiId>,
    name: Option<FileText>,
    unit: Unit,
    direction: Direction,
    #[serde(default = "sum_text")]
    aggregation: Spanned<String>,
    why: Option<FileText>,
    where_to_find: Option<FileText>,
    how_to_improve: Option<FileText>,
}

fn sum_text() -> Spanned<String> {
    Spanned::new(0..0, "sum".to_owned())
}

/// A text written once for both languages, or as `{ fr = "…", en = "…" }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum FileText {
    Same(String),
    Both { fr: String, en: String },
}

impl From<FileText> for Localized {
    fn from(text: FileText) -> Localized {
        match text {
            FileText::Same(text) => Localized::same(text),
            FileText::Both { fr, en } => Localized { fr, en },
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSegment {
    id: Spanned<SegmentId>,
    name: String,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileChannel {
    id: Spanned<ChannelId>,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileStrategy {
    id: Spanned<StrategyId>,
    title: String,
    #[serde(default)]
    objectives: Vec<ObjectiveId>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTactic {
    id: Spanned<TacticId>,
    strategy: StrategyId,
    channel: ChannelId,
    title: String,
    #[serde(default)]
    metrics: Vec<FileMetric>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMetric {
    kpi: KpiId,
    #[serde(rename = "type")]
    stage: MetricStage,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAction {
    id: Spanned<ActionId>,
    tactic: TacticId,
    title: String,
    owner: Option<FileOwner>,
    kind: ActionKind,
    start: Option<FileDate>,
    due: Option<FileDate>,
    duration_days: Option<u32>,
    every: Option<Spanned<String>>,
    on: Option<Spanned<FileOn>>,
    count: Option<u32>,
    #[serde(default)]
    depends_on: Vec<ActionId>,
    budget: Option<Amount>,
    #[serde(default)]
    kpis: Vec<KpiId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExperiment {
    id: Spanned<ExperimentId>,
    action: ActionId,
    #[serde(default)]
    hypothesis: String,
    kpi: KpiId,
    variants: Vec<FileVariant>,
    start: Option<FileDate>,
    end: Option<FileDate>,
    mde: Option<f64>,
    #[serde(default)]
    relative: bool,
    #[serde(default)]
    method: TestMethod,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileVariant {
    id: VariantId,
    name: Option<String>,
    split: f64,
    #[serde(default)]
    control: bool,
}

/// `on = "first thursday"` or `on = 15`.
#[derive(Deserialize)]
#[serde(untagged)]
enum FileOn {
    Day(i64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileOwner {
    name: String,
    email: Option<String>,
    phone: Option<String>,
}

/// A TOML date (`2026-06-30`, no time, no offset).
struct FileDate(Date);

impl<'de> Deserialize<'de> for FileDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FileDate, D::Error> {
        use serde::de::Error;
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        let expected = || {
            D::Error::custom(format!(
                "expected a date such as 2026-06-30 (no time, no quotes), found {datetime}"
            ))
        };
        if datetime.time.is_some() || datetime.offset.is_some() {
            return Err(expected());
        }
        let date = datetime.date.ok_or_else(expected)?;
        let year = i16::try_from(date.year).map_err(|_| expected())?;
        Date::new(year, date.month as i8, date.day as i8)
            .map(FileDate)
            .map_err(|_| expected())
    }
}

struct Reader<'a> {
    text: &'a str,
    source_map: SourceMap,
}

impl Reader<'_> {
    fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> PlanFileError {
        PlanFileError {
            message: message.into(),
            location: Some(Location::of_offset(self.text, span.start)),
        }
    }

    /// Records where an item's id stands and returns the id.
    fn item<T: AsRef<str>>(&mut self, kind: ItemKind, id: Spanned<T>) -> T {
        let location = Location::of_offset(self.text, id.span().start);
        let id = id.into_inner();
        self.source_map
            .items
            .entry((kind, id.as_ref().to_owned()))
            .or_insert(location);
        id
    }

    fn plan(&mut self, file: FileDoc) -> Result<Plan, PlanFileError> {
        let id = self.item(ItemKind::Plan, file.plan.id);
        let budget = match file.budget {
            None => Budget::BottomUp,
            Some(budget) => self.budget(budget)?,
        };
        let goals = file
            .goals
            .into_iter()
            .map(|goal| Goal {
                id: self.item(ItemKind::Goal, goal.id),
                title: goal.title,
                kind: goal.kind,
                funnel_stage: goal.funnel_stage,
                impact: goal.impact,
            })
            .collect();
        let objectives = file
            .objectives
            .into_iter()
            .map(|objective| self.objective(objective))
            .collect::<Result<_, _>>()?;
        let mut kpis = file
            .kpis
            .into_iter()
            .map(|kpi| self.kpi(kpi))
            .collect::<Result<Vec<_>, _>>()?;
        for measure in file.measures {
            kpis.push(self.measure(measure)?);
        }
        let segments = file
            .segments
            .into_iter()
            .map(|segment| Segment {
                id: self.item(ItemKind::Segment, segment.id),
                name: segment.name,
                description: segment.description,
            })
            .collect();
        let channels = file
            .channels
            .into_iter()
            .map(|channel| Channel {
                id: self.item(ItemKind::Channel, channel.id),
                name: channel.name,
            })
            .collect();
        let strategies = file
            .strategies
            .into_iter()
            .map(|strategy| Strategy {
                id: self.item(ItemKind::Strategy, strategy.id),
                title: strategy.title,
                objectives: strategy.objectives,
                description: strategy.description,
            })
            .collect();
        let tactics = file
            .tactics
            .into_iter()
            .map(|tactic| Tactic {
                id: self.item(ItemKind::Tactic, tactic.id),
                strategy: tactic.strategy,
                channel: tactic.channel,
                title: tactic.title,
                metrics: tactic
                    .metrics
                    .into_iter()
                    .map(|metric| Metric {
                        kpi: metric.kpi,
                        stage: metric.stage,
                    })
                    .collect(),
            })
            .collect();
        let actions = file
            .actions
            .into_iter()
            .map(|action| self.action(action))
            .collect::<Result<_, _>>()?;
        let experiments = file
            .experiments
            .into_iter()
            .map(|experiment| Experiment {
                id: self.item(ItemKind::Experiment, experiment.id),
                action: experiment.action,
                hypothesis: experiment.hypothesis,
                kpi: experiment.kpi,
                variants: experiment
                    .variants
                    .into_iter()
                    .map(|variant| Variant {
                        id: variant.id,
                        name: variant.name,
                        split: variant.split,
                        control: variant.control,
                    })
                    .collect(),
                start: experiment.start.map(|date| date.0),
                end: experiment.end.map(|date| date.0),
                mde: experiment.mde,
                relative: experiment.relative,
                method: experiment.method,
            })
            .collect();
        let calendar = match file.calendar {
            None => Calendar::default(),
            Some(calendar) => self.calendar(calendar)?,
        };
        let tracking = match file.tracking {
            None => Tracking::default(),
            Some(tracking) => {
                let tracking = tracking.into_inner();
                let (span, at_risk) = match tracking.at_risk {
                    Some(at_risk) => (at_risk.span(), at_risk.into_inner()),
                    None => (0..0, Tracking::DEFAULT_AT_RISK),
                };
                if !(at_risk > 0.0 && at_risk < 1.0) {
                    return Err(self.error_at(
                        span,
                        format!(
                            "tracking.at_risk is {at_risk}: write the share of the expected progress from which an objective behind it is at risk rather than off track, between 0 and 1 (0.75 for 75 %)"
                        ),
                    ));
                }
                let critical_slack = match tracking.critical_slack {
                    Some(slack) if !(0..=365).contains(slack.get_ref()) => {
                        return Err(self.error_at(
                            slack.span(),
                            format!(
                                "tracking.critical_slack is {}: write the working days of slack at or below which an action is critical, from 0 to 365 (0: only actions with no slack left)",
                                slack.get_ref()
                            ),
                        ));
                    }
                    Some(slack) => slack.into_inner(),
                    None => Tracking::DEFAULT_CRITICAL_SLACK,
                };
                let checkin_every = match tracking.checkin_every {
                    Some(every) if !(1..=366).contains(every.get_ref()) => {
                        return Err(self.error_at(
                            every.span(),
                            format!(
                                "tracking.checkin_every is {}: write the days between two check-ins of an objective, from 1 to 366 (7 for every week)",
                                every.get_ref()
                            ),
                        ));
                    }
                    Some(every) => every.into_inner(),
                    None => Tracking::DEFAULT_CHECKIN_EVERY,
                };
                Tracking {
                    at_risk,
                    critical_slack,
                    checkin_every,
                }
            }
        };
        Ok(Plan {
            tracking,
            calendar,
            id,
            name: file.plan.name,
            mission: file.plan.mission,
            vision: file.plan.vision,
            start: file.plan.start.0,
            end: file.plan.end.0,
            currency: file.plan.currency,
            budget,
            goals,
            objectives,
            kpis,
            segments,
            channels,
            strategies,
            tactics,
            actions,
            experiments,
        })
    }

    fn budget(&self, budget: Spanned<FileBudget>) -> Result<Budget, PlanFileError> {
        let span = budget.span();
        let budget = budget.into_inner();
        let stray = |key: &str| {
            self.error_at(
                span.clone(),
                format!(
                    "budget method `{}` takes no `{key}`",
                    method_name(budget.method)
                ),
            )
        };
        let missing = |key: &str| {
            self.error_at(
                span.clone(),
                format!(
                    "budget method `{}` needs `{key}`",
                    method_name(budget.method)
                ),
            )
        };
        match budget.method {
            FileBudgetMethod::Fixed => {
                if budget.rate.is_some() {
                    return Err(stray("rate"));
                }
                if budget.revenue_base.is_some() {
                    return Err(stray("revenue_base"));
                }
                if budget.base.is_some() {
                    return Err(stray("base"));
                }
                Ok(Budget::Fixed {
                    amount: budget.amount.ok_or_else(|| missing("amount"))?,
                })
            }
            FileBudgetMethod::RevenueShare => {
                if budget.amount.is_some() {
                    return Err(stray("amount"));
                }
                let base = match (budget.revenue_base, &budget.base) {
                    (Some(amount), None) => RevenueBase::Amount(amount),
                    (None, Some(base)) if base.get_ref() == "last_12_months" => {
                        RevenueBase::Last12Months
                    }
                    (None, Some(base)) => {
                        return Err(self.error_at(
                            base.span(),
                            format!(
                                "budget.base = {:?}: write \"last_12_months\" (the revenue observed over the 12 months before the plan starts), or give `revenue_base = AMOUNT` instead",
                                base.get_ref()
                            ),
                        ));
                    }
                    (Some(_), Some(_)) => {
                        return Err(self.error_at(
                            span.clone(),
                            "budget method `revenue_share` takes `revenue_base` or `base`, not both",
                        ));
                    }
                    (None, None) => return Err(missing("revenue_base` or `base")),
                };
                Ok(Budget::RevenueShare {
                    rate: budget.rate.ok_or_else(|| missing("rate"))?,
                    base,
                })
            }
            FileBudgetMethod::BottomUp => {
                for (key, present) in [
                    ("amount", budget.amount.is_some()),
                    ("rate", budget.rate.is_some()),
                    ("revenue_base", budget.revenue_base.is_some()),
                    ("base", budget.base.is_some()),
                ] {
                    if present {
                        return Err(stray(key));
                    }
                }
                Ok(Budget::BottomUp)
            }
        }
    }

    fn action(&mut self, action: FileAction) -> Result<Action, PlanFileError> {
        let repeat = match action.every {
            None => {
                if let Some(on) = &action.on {
                    return Err(self.error_at(
                        on.span(),
                        "`on` says which day a recurring action comes back: add `every` (\"week\", \"2 weeks\", \"month\"…)",
                    ));
                }
                if action.count.is_some() {
                    return Err(self.error_at(
                        action.id.span(),
                        "`count` is the number of occurrences of a recurring action: add `every`",
                    ));
                }
                None
            }
            Some(every) => {
                let span = every.span();
                let (every, unit) = parse_every(every.get_ref()).ok_or_else(|| {
                    self.error_at(
                        span,
                        format!(
                            "every = {:?}: write how often the action comes back, as \"day\", \"week\", \"month\" or \"N days\", \"N weeks\", \"N months\"",
                            every.get_ref()
                        ),
                    )
                })?;
                let on = match action.on {
                    None => None,
                    Some(on) => {
                        let span = on.span();
                        Some(
                            parse_on(on.get_ref(), unit)
                                .map_err(|message| self.error_at(span, message))?,
                        )
                    }
                };
                Some(Recurrence {
                    every,
                    unit,
                    on,
                    count: action.count,
                })
            }
        };
        Ok(Action {
            id: self.item(ItemKind::Action, action.id),
            tactic: action.tactic,
            title: action.title,
            owner: action.owner.map(|owner| Owner {
                name: owner.name,
                email: owner.email,
                phone: owner.phone,
            }),
            kind: action.kind,
            start: action.start.map(|date| date.0),
            due: action.due.map(|date| date.0),
            duration_days: action.duration_days,
            depends_on: action.depends_on,
            repeat,
            budget: action.budget,
            kpis: action.kpis,
        })
    }

    fn calendar(&self, calendar: Spanned<FileCalendar>) -> Result<Calendar, PlanFileError> {
        let span = calendar.span();
        let calendar = calendar.into_inner();
        let mut weekend = match calendar.weekend {
            None => Calendar::default().weekend,
            Some(days) => days
                .into_iter()
                .map(|day| {
                    weekday(day.get_ref()).ok_or_else(|| {
                        self.error_at(
                            day.span(),
                            format!(
                                "calendar.weekend: `{}` is not a day of the week (monday … sunday, or lundi … dimanche)",
                                day.get_ref()
                            ),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        weekend.sort_by_key(|day| day.to_monday_zero_offset());
        weekend.dedup();
        if weekend.len() >= 7 {
            return Err(self.error_at(
                span,
                "calendar.weekend lists every day of the week: leave at least one working day",
            ));
        }
        let french_holidays = match calendar.holidays {
            None => false,
            Some(set) => match set.get_ref().as_str() {
                "fr" => true,
                "none" => false,
                other => {
                    return Err(self.error_at(
                        set.span(),
                        format!(
                            "calendar.holidays = {other:?}: write \"fr\" for France's public holidays, or \"none\""
                        ),
                    ));
                }
            },
        };
        Ok(Calendar {
            weekend,
            french_holidays,
            days_off: calendar.days_off.into_iter().map(|day| day.0).collect(),
        })
    }

    fn objective(&mut self, objective: FileObjective) -> Result<Objective, PlanFileError> {
        let window = match (objective.window, objective.window_days) {
            (None, None) => None,
            (Some(FileWindow::Cumulative), None) => Some(Window::Cumulative),
            (Some(FileWindow::Trailing), days) => {
                let days = match days {
                    None => Window::DEFAULT_TRAILING_DAYS,
                    Some(days) if *days.get_ref() == 0 => {
                        return Err(self.error_at(days.span(), "`window_days` must be 1 or more"));
                    }
                    Some(days) => days.into_inner(),
                };
                Some(Window::Trailing { days })
            }
            (_, Some(days)) => {
                return Err(self.error_at(
                    days.span(),
                    "`window_days` goes with `window = \"trailing\"`",
                ));
            }
        };
        Ok(Objective {
            id: self.item(ItemKind::Objective, objective.id),
            goal: objective.goal,
            title: objective.title,
            kpi: objective.kpi,
            baseline: finite(objective.baseline),
            target: finite(objective.target),
            deadline: objective.deadline.map(|date| date.0),
            milestones: objective
                .milestones
                .into_iter()
                .map(|milestone| Milestone {
                    date: milestone.date.0,
                    target: milestone.target,
                })
                .collect(),
            channel: objective.channel,
            segment: objective.segment,
            owner: objective.owner,
            window,
        })
    }

    fn kpi(&mut self, kpi: FileKpi) -> Result<KpiDef, PlanFileError> {
        let formula_span = kpi.formula.span();
        let formula = Formula::parse(kpi.formula.get_ref()).map_err(|error| {
            // Point inside the quoted text: the span starts at the opening quote.
            let offset = self
                .text
                .get(formula_span.start + 1..)
                .and_then(|rest| rest.char_indices().nth(error.column.saturating_sub(1)))
                .map_or(formula_span.start, |(index, _)| {
                    formula_span.start + 1 + index
                });
            self.error_at(
                offset..offset,
                format!("formula `{}`: {}", kpi.formula.get_ref(), error.message),
            )
        })?;
        let id = self.item(ItemKind::Kpi, kpi.id);
        Ok(KpiDef {
            name: kpi
                .name
                .map_or_else(|| Localized::same(id.as_str()), Localized::from),
            id: id.as_str().to_owned(),
            unit: kpi.unit,
            direction: kpi.direction,
            definition: Definition::Formula(formula),
            guidance: guidance(kpi.why, kpi.where_to_find, kpi.how_to_improve),
            builtin: false,
        })
    }

    fn measure(&mut self, measure: FileMeasure) -> Result<KpiDef, PlanFileError> {
        let aggregation = Aggregation::parse(measure.aggregation.get_ref()).ok_or_else(|| {
            self.error_at(
                measure.aggregation.span(),
                format!(
                    "aggregation `{}` is not `sum`, `last` or `mean:WEIGHT` (a mean weighted by another measure, such as `mean:sessions`)",
                    measure.aggregation.get_ref()
                ),
            )
        })?;
        let id = self.item(ItemKind::Kpi, measure.id);
        Ok(KpiDef {
            name: measure
                .name
                .map_or_else(|| Localized::same(id.as_str()), Localized::from),
            id: id.as_str().to_owned(),
            unit: measure.unit,
            direction: measure.direction,
            definition: Definition::Measure(aggregation),
            guidance: guidance(measure.why, measure.where_to_find, measure.how_to_improve),
            builtin: false,
        })
    }
}

fn method_name(method: FileBudgetMethod) -> &'static str {
    match method {
        FileBudgetMethod::Fixed => "fixed",
        FileBudgetMethod::RevenueShare => "revenue_share",
        FileBudgetMethod::BottomUp => "bottom_up",
    }
}

/// TOML allows `nan` and `inf`; a target or baseline cannot be either, and is
/// treated as absent so that the checker reports it as missing.
fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|value| value.is_finite())
}

fn guidance(
    why: Option<FileText>,
    where_to_find: Option<FileText>,
    how_to_improve: Option<FileText>,
) -> Guidance {
    Guidance {
        why: why.map(Localized::from).unwrap_or_default(),
        where_to_find: where_to_find.map(Localized::from).unwrap_or_default(),
        how_to_improve: how_to_improve.map(Localized::from).unwrap_or_default(),
    }
}

/// Writes a plan as its canonical file text.
pub fn write(plan: &Plan) -> String {
    let mut out = Writer::default();
    out.table("plan");
    out.key("id", plan.id.as_str());
    out.key("name", &plan.name);
    out.key("mission", &plan.mission);
    out.key("vision", &plan.vision);
    out.date("start", plan.start);
    out.date("end", plan.end);
    out.key("currency", plan.currency.as_str());

    out.table("budget");
    out.key("method", plan.budget.method());
    match &plan.budget {
        Budget::Fixed { amount } => out.number("amount", amount.value()),
        Budget::RevenueShare { rate, base } => {
            out.number("rate", rate.value());
            match base {
                RevenueBase::Amount(amount) => out.number("revenue_base", amount.value()),
                RevenueBase::Last12Months => out.key("base", "last_12_months"),
            }
        }
        Budget::BottomUp => {}
    }

    if plan.tracking != Tracking::default() {
        let tracking = plan.tracking;
        out.table("tracking");
        if tracking.at_risk != Tracking::DEFAULT_AT_RISK {
            out.number("at_risk", tracking.at_risk);
        }
        if tracking.critical_slack != Tracking::DEFAULT_CRITICAL_SLACK {
            out.raw("critical_slack", &tracking.critical_slack.to_string());
        }
        if tracking.checkin_every != Tracking::DEFAULT_CHECKIN_EVERY {
            out.raw("checkin_every", &tracking.checkin_every.to_string());
        }
    }

    if plan.calendar != Calendar::default() {
        out.table("calendar");
        out.list(
            "weekend",
            plan.calendar.weekend.iter().map(|day| weekday_name(*day)),
        );
        if plan.calendar.french_holidays {
            out.key("holidays", "fr");
        }
        if !plan.calendar.days_off.is_empty() {
            let days: Vec<String> = plan.calendar.days_off.iter().map(Date::to_string).collect();
            out.raw("days_off", &format!("[{}]", days.join(", ")));
        }
    }

    for goal in &plan.goals {
        out.array_table("goals");
        out.key("id", goal.id.as_str());
        out.key("title", &goal.title);
        out.raw("kind", &quoted(goal.kind));
        if let Some(stage) = goal.funnel_stage {
            out.raw("funnel_stage", &quoted(stage));
        }
        out.opt_key("impact", goal.impact.as_deref());
    }

    for objective in &plan.objectives {
        out.array_table("objectives");
        out.key("id", objective.id.as_str());
        out.opt_key("goal", objective.goal.as_ref().map(GoalId::as_str));
        out.key("title", &objective.title);
        out.opt_key("kpi", objective.kpi.as_ref().map(KpiId::as_str));
        if let Some(baseline) = objective.baseline {
            out.number("baseline", baseline);
        }
        if let Some(target) = objective.target {
            out.number("target", target);
        }
        if let Some(deadline) = objective.deadline {
            out.date("deadline", deadline);
        }
        if !objective.milestones.is_empty() {
            let items: Vec<String> = objective
                .milestones
                .iter()
                .map(|m| format!("{{ date = {}, target = {} }}", m.date, number(m.target)))
                .collect();
            out.raw("milestones", &format!("[{}]", items.join(", ")));
        }
        out.opt_key("channel", objective.channel.as_ref().map(ChannelId::as_str));
        out.opt_key("segment", objective.segment.as_ref().map(SegmentId::as_str));
        out.opt_key("owner", objective.owner.as_deref());
        match objective.window {
            None => {}
            Some(Window::Cumulative) => out.key("window", "cumulative"),
            Some(Window::Trailing { days }) => {
                out.key("window", "trailing");
                out.raw("window_days", &days.to_string());
            }
        }
    }

    for kpi in plan.kpis.iter().filter(|kpi| kpi.is_formula()) {
        out.array_table("kpis");
        write_kpi(&mut out, kpi);
    }
    for kpi in plan.kpis.iter().filter(|kpi| !kpi.is_formula()) {
        out.array_table("measures");
        write_kpi(&mut out, kpi);
    }

    for segment in &plan.segments {
        out.array_table("segments");
        out.key("id", segment.id.as_str());
        out.key("name", &segment.name);
        out.opt_key("description", segment.description.as_deref());
    }
    for channel in &plan.channels {
        out.array_table("channels");
        out.key("id", channel.id.as_str());
        out.key("name", &channel.name);
    }
    for strategy in &plan.strategies {
        out.array_table("strategies");
        out.key("id", strategy.id.as_str());
        out.key("title", &strategy.title);
        out.list(
            "objectives",
            strategy.objectives.iter().map(ObjectiveId::as_str),
        );
        out.opt_key("description", strategy.description.as_deref());
    }
    for tactic in &plan.tactics {
        out.array_table("tactics");
        out.key("id", tactic.id.as_str());
        out.key("strategy", tactic.strategy.as_str());
        out.key("channel", tactic.channel.as_str());
        out.key("title", &tactic.title);
        let metrics: Vec<String> = tactic
            .metrics
            .iter()
            .map(|metric| {
                format!(
                    "{{ kpi = {}, type = {} }}",
                    string(metric.kpi.as_str()),
                    quoted(metric.stage)
                )
            })
            .collect();
        out.raw("metrics", &format!("[{}]", metrics.join(", ")));
    }
    for action in &plan.actions {
        out.array_table("actions");
        out.key("id", action.id.as_str());
        out.key("tactic", action.tactic.as_str());
        out.key("title", &action.title);
        if let Some(owner) = &action.owner {
            let mut fields = vec![format!("name = {}", string(&owner.name))];
            if let Some(email) = &owner.email {
                fields.push(format!("email = {}", string(email)));
            }
            if let Some(phone) = &owner.phone {
                fields.push(format!("phone = {}", string(phone)));
            }
            out.raw("owner", &format!("{{ {} }}", fields.join(", ")));
        }
        out.raw("kind", &quoted(action.kind));
        if let Some(start) = action.start {
            out.date("start", start);
        }
        if let Some(due) = action.due {
            out.date("due", due);
        }
        if let Some(days) = action.duration_days {
            out.raw("duration_days", &days.to_string());
        }
        if let Some(repeat) = &action.repeat {
            out.key("every", &every_text(repeat));
            match repeat.on {
                None => {}
                Some(RecurrenceDay::DayOfMonth(day)) => out.raw("on", &day.to_string()),
                Some(RecurrenceDay::Weekday(day)) => out.key("on", weekday_name(day)),
                Some(RecurrenceDay::NthWeekday { nth, weekday }) => {
                    let ordinal = ORDINALS
                        .iter()
                        .find(|(_, n)| *n == nth)
                        .map_or("first", |(name, _)| name);
                    out.key("on", &format!("{ordinal} {}", weekday_name(weekday)));
                }
            }
            if let Some(count) = repeat.count {
                out.raw("count", &count.to_string());
            }
        }
        out.list("depends_on", action.depends_on.iter().map(ActionId::as_str));
        if let Some(budget) = action.budget {
            out.number("budget", budget.value());
        }
        if !action.kpis.is_empty() {
            out.list("kpis", action.kpis.iter().map(KpiId::as_str));
        }
    }
    for experiment in &plan.experiments {
        out.array_table("experiments");
        out.key("id", experiment.id.as_str());
        out.key("action", experiment.action.as_str());
        out.key("hypothesis", &experiment.hypothesis);
        out.key("kpi", experiment.kpi.as_str());
        let variants: Vec<String> = experiment
            .variants
            .iter()
            .map(|variant| {
                let mut fields = vec![format!("id = {}", string(variant.id.as_str()))];
                if let Some(name) = &variant.name {
                    fields.push(format!("name = {}", string(name)));
                }
                fields.push(format!("split = {}", number(variant.split)));
                if variant.control {
                    fields.push("control = true".to_owned());
                }
                format!("{{ {} }}", fields.join(", "))
            })
            .collect();
        out.raw("variants", &format!("[{}]", variants.join(", ")));
        if let Some(start) = experiment.start {
            out.date("start", start);
        }
        if let Some(end) = experiment.end {
            out.date("end", end);
        }
        if let Some(mde) = experiment.mde {
            out.number("mde", mde);
        }
        if experiment.relative {
            out.raw("relative", "true");
        }
        if experiment.method != TestMethod::default() {
            out.raw("method", &quoted(experiment.method));
        }
    }
    out.text
}

fn write_kpi(out: &mut Writer, kpi: &KpiDef) {
    out.key("id", &kpi.id);
    out.raw("name", &localized(&kpi.name));
    match &kpi.definition {
        Definition::Formula(formula) => out.key("formula", formula.source()),
        Definition::Measure(aggregation) => out.key("aggregation", &aggregation.to_text()),
    }
    out.key("unit", kpi.unit.as_str());
    out.key("direction", kpi.direction.as_str());
    for (key, text) in [
        ("why", &kpi.guidance.why),
        ("where_to_find", &kpi.guidance.where_to_find),
        ("how_to_improve", &kpi.guidance.how_to_improve),
    ] {
        if !text.fr.is_empty() || !text.en.is_empty() {
            out.raw(key, &localized(text));
        }
    }
}

/// Builds the text table by table. Values go through the `toml` crate's own
/// encoder for strings, so that escaping is never ours to get wrong.
#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    fn table(&mut self, name: &str) {
        self.separate();
        let _ = writeln!(self.text, "[{name}]");
    }

    fn array_table(&mut self, name: &str) {
        self.separate();
        let _ = writeln!(self.text, "[[{name}]]");
    }

    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
    }

    fn raw(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.text, "{key} = {value}");
    }

    fn key(&mut self, key: &str, value: &str) {
        self.raw(key, &string(value));
    }

    fn opt_key(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(key, value);
        }
    }

    fn number(&mut self, key: &str, value: f64) {
        self.raw(key, &number(value));
    }

    fn date(&mut self, key: &str, value: Date) {
        self.raw(key, &value.to_string());
    }

    fn list<'a>(&mut self, key: &str, values: impl Iterator<Item = &'a str>) {
        let items: Vec<String> = values.map(string).collect();
        self.raw(key, &format!("[{}]", items.join(", ")));
    }
}

fn string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

/// A number as TOML: integral values without a fraction (`120000`), others in
/// the shortest form that reads back to the same `f64`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        toml::Value::Float(value).to_string()
    }
}

fn quoted<T: serde::Serialize>(value: T) -> String {
    toml::Value::try_from(value)
        .map(|value| value.to_string())
        .unwrap_or_default()
}

fn localized(text: &Localized) -> String {
    if text.fr == text.en {
        string(&text.fr)
    } else {
        format!("{{ fr = {}, en = {} }}", string(&text.fr), string(&text.en))
    }
}

/// Days of the week as written in a plan file, English first.
const WEEKDAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Monday, "monday", "lundi"),
    (Weekday::Tuesday, "tuesday", "mardi"),
    (Weekday::Wednesday, "wednesday", "mercredi"),
    (Weekday::Thursday, "thursday", "jeudi"),
    (Weekday::Friday, "friday", "vendredi"),
    (Weekday::Saturday, "saturday", "samedi"),
    (Weekday::Sunday, "sunday", "dimanche"),
];

/// Which one of a month's weekdays, English first (the written form).
const ORDINALS: [(&str, i8); 16] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("last", -1),
    ("1st", 1),
    ("2nd", 2),
    ("3rd", 3),
    ("4th", 4),
    ("5th", 5),
    ("premier", 1),
    ("1er", 1),
    ("2e", 2),
    ("3e", 3),
    ("dernier", -1),
];

fn weekday(text: &str) -> Option<Weekday> {
    let text = text.trim().to_lowercase();
    WEEKDAYS
        .iter()
        .find(|(_, en, fr)| *en == text || *fr == text)
        .map(|(day, _, _)| *day)
}

fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(d, _, _)| *d == day)
        .map_or("monday", |(_, en, _)| en)
}

/// `"week"`, `"2 weeks"`, `"mois"`, `"3 jours"`…
fn parse_every(text: &str) -> Option<(u32, RecurrenceUnit)> {
    let text = text.trim().to_lowercase();
    let (count, unit) = match text.split_once(char::is_whitespace) {
        Some((count, unit)) => (count.parse::<u32>().ok()?, unit.trim()),
        None => (1, text.as_str()),
    };
    let unit = match unit {
        "day" | "days" | "jour" | "jours" => RecurrenceUnit::Day,
        "week" | "weeks" | "semaine" | "semaines" => RecurrenceUnit::Week,
        "month" | "months" | "mois" => RecurrenceUnit::Month,
        _ => return None,
    };
    (count >= 1).then_some((count, unit))
}

fn every_text(repeat: &Recurrence) -> String {
    let unit = match repeat.unit {
        RecurrenceUnit::Day => "day",
        RecurrenceUnit::Week => "week",
        RecurrenceUnit::Month => "month",
    };
    match repeat.every {
        1 => unit.to_owned(),
        n => format!("{n} {unit}s"),
    }
}

/// `on` for a recurrence of `unit`: a weekday for weeks; a day of the
/// month or "first thursday" for months.
fn parse_on(on: &FileOn, unit: RecurrenceUnit) -> Result<RecurrenceDay, String> {
    match (on, unit) {
        (FileOn::Day(day), RecurrenceUnit::Month) => u8::try_from(*day)
            .ok()
            .filter(|day| (1..=31).contains(day))
            .map(RecurrenceDay::DayOfMonth)
            .ok_or_else(|| format!("on = {day}: a day of the month is 1 to 31")),
        (FileOn::Day(day), _) => Err(format!(
            "on = {day}: a day of the month only fits `every = \"month\"`; for weeks write a day of the week (\"thursday\")"
        )),
        (FileOn::Text(text), RecurrenceUnit::Week) => {
            weekday(text).map(RecurrenceDay::Weekday).ok_or_else(|| {
                format!("on = {text:?}: write a day of the week (\"thursday\", \"jeudi\")")
            })
        }
        (FileOn::Text(text), RecurrenceUnit::Month) => {
            let lower = text.trim().to_lowercase();
            let parsed = lower
                .split_once(char::is_whitespace)
                .and_then(|(nth, day)| {
                    let nth = ORDINALS.iter().find(|(name, _)| *name == nth)?.1;
                    Some(RecurrenceDay::NthWeekday {
                        nth,
                        weekday: weekday(day)?,
                    })
                });
            parsed.ok_or_else(|| {
                format!(
                    "on = {text:?}: write which day of the month, as \"first thursday\", \"last friday\", \"premier jeudi\", or a day number (on = 15)"
                )
            })
        }
        (FileOn::Text(text), RecurrenceUnit::Day) => Err(format!(
            "on = {text:?}: an action every N days comes back N days after the last time; remove `on`, or repeat by weeks or months"
        )),
    }
}
