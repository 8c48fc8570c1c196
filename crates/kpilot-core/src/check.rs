//! The SMART checker: reads a plan as a reviewer would and reports what makes
//! an objective not Specific, Measurable, Achievable, Realistic or Time-bound
//! (seed 001), what breaks the chain's structure (seed 000: 2–3 goals, 2–3
//! objectives per goal, 2–3 metrics per tactic), and references that point
//! nowhere.
//!
//! Rule codes are a contract with other programs: never rename one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::catalogue;
use crate::ids::ActionId;
use crate::kpi::{Aggregation, Definition, Direction, KpiDef};
use crate::plan::{ActionKind, Budget, ItemKind, Plan};

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
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Checks a plan. Findings come in plan order: the plan, its goals,
/// objectives, KPIs, strategies, tactics, then actions.
pub fn check(plan: &Plan) -> Vec<Finding> {
    let mut checker = Checker {
        plan,
        findings: Vec::new(),
    };
    checker.plan();
    checker.duplicates();
    checker.goals();
    checker.objectives();
    checker.kpis();
    checker.strategies();
    checker.tactics();
    checker.actions();
    checker.cycles();
    checker.findings
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|finding| finding.severity == Severity::Error)
}

struct Checker<'a> {
    plan: &'a Plan,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        kind: ItemKind,
        item: &str,
        message: String,
        help: impl Into<String>,
    ) {
        self.findings.push(Finding {
            rule,
            severity,
            kind,
            item: item.to_owned(),
            message,
            help: help.into(),
        });
    }

    fn plan(&mut self) {
        let plan = self.plan;
        let id = plan.id.as_str();
        if plan.end < plan.start {
            self.push(
                Rule::PlanHorizon,
                Severity::Error,
                ItemKind::Plan,
                id,
                format!(
                    "the plan ends on {} before it starts on {}",
                    plan.end, plan.start
                ),
                "set `end` after `start`: a plan usually spans 3, 6 or 12 months",
            );
        }
        for (key, text) in [("mission", &plan.mission), ("vision", &plan.vision)] {
            if text.trim().is_empty() {
                self.push(
                    Rule::PlanMission,
                    Severity::Warning,
                    ItemKind::Plan,
                    id,
                    format!("the plan has no {key}"),
                    match key {
                        "mission" => "add `mission`: why the organisation exists, in one sentence",
                        _ => "add `vision`: the long-term ambition the plan serves (seed: « fournir une expérience d'achat omni-canale simple… »)",
                    },
                );
            }
        }
        if plan.goals.len() > 3 {
            self.push(
                Rule::TooManyGoals,
                Severity::Warning,
                ItemKind::Plan,
                id,
                format!(
                    "the plan has {} goals; 2 or 3 at most keep it focused",
                    plan.goals.len()
                ),
                "merge related goals or move some to a later plan",
            );
        }
        if let Budget::BottomUp = plan.budget {
            let missing: Vec<&str> = plan
                .actions
                .iter()
                .filter(|action| action.budget.is_none())
                .map(|action| action.id.as_str())
                .collect();
            if !missing.is_empty() {
                self.push(
                    Rule::BudgetMissing,
                    Severity::Warning,
                    ItemKind::Plan,
                    id,
                    format!(
                        "the budget is bottom-up, but {} action(s) have no budget: {}",
                        missing.len(),
                        missing.join(", ")
                    ),
                    "give each action a `budget` (0 if it costs nothing)",
                );
            }
        }
    }

    fn duplicates(&mut self) {
        let plan = self.plan;
        let lists: [(ItemKind, Vec<&str>); 8] = [
            (
                ItemKind::Goal,
                plan.goals.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Objective,
                plan.objectives.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Kpi,
                plan.kpis.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Segment,
                plan.segments.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Channel,
                plan.channels.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Strategy,
                plan.strategies.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Tactic,
                plan.tactics.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                ItemKind::Action,
                plan.actions.iter().map(|x| x.id.as_str()).collect(),
            ),
        ];
        for (kind, ids) in lists {
            let mut seen = HashSet::new();
            for id in ids {
                if !seen.insert(id) {
                    self.push(
                        Rule::DuplicateId,
                        Severity::Error,
                        kind,
                        id,
                        format!("two {}s have the id `{id}`", kind.as_str()),
                        "give each item its own id",
                    );
                }
            }
        }
        for kpi in &plan.kpis {
            if catalogue::find(&kpi.id).is_some() {
                self.push(
                    Rule::DuplicateId,
                    Severity::Error,
                    ItemKind::Kpi,
                    &kpi.id,
                    format!(
                        "`{}` is a built-in KPI; the plan cannot redefine it",
                        kpi.id
                    ),
                    "use the built-in KPI as it is, or give yours another id",
                );
            }
            if kpi.id == "days" {
                self.push(
                    Rule::DuplicateId,
                    Severity::Error,
                    ItemKind::Kpi,
                    &kpi.id,
                    "`days` is reserved: in a formula it is the number of days in the window"
                        .to_owned(),
                    "choose another id",
                );
            }
        }
    }

    fn goals(&mut self) {
        let plan = self.plan;
        for goal in &plan.goals {
            let count = plan.objectives_of(&goal.id).count();
            if count > 3 {
                self.push(
                    Rule::TooManyObjectives,
                    Severity::Warning,
                    ItemKind::Goal,
                    goal.id.as_str(),
                    format!("goal `{}` has {count} objectives; 2 or 3 at most", goal.id),
                    "keep the objectives that best show the goal is reached",
                );
            }
            if count == 0 {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Goal,
                    goal.id.as_str(),
                    format!("goal `{}` has no objective", goal.id),
                    "add a SMART objective with `goal = \"…\"`, or remove the goal",
                );
            }
        }
    }

    fn objectives(&mut self) {
        let plan = self.plan;
        let served: HashSet<&str> = plan
            .strategies
            .iter()
            .flat_map(|strategy| strategy.objectives.iter().map(|id| id.as_str()))
            .collect();
        for objective in &plan.objectives {
            let id = objective.id.as_str();
            let mut push = |rule, severity, message: String, help: &str| {
                self.findings.push(Finding {
                    rule,
                    severity,
                    kind: ItemKind::Objective,
                    item: id.to_owned(),
                    message,
                    help: help.to_owned(),
                })
            };

            // Specific and measurable: a known KPI and a numeric target.
            let kpi = match &objective.kpi {
                None => {
                    push(
                        Rule::SmartSpecific,
                        Severity::Error,
                        format!("objective `{id}` names no KPI"),
                        "add `kpi = \"…\"`: a built-in KPI such as `conversion_rate` (see `kpilot kpis`) or one of the plan's `[[kpis]]`",
                    );
                    None
                }
                Some(kpi_id) => match plan.kpi(kpi_id.as_str()) {
                    Some(kpi) => Some(kpi),
                    None => {
                        let message = format!(
                            "objective `{id}` uses KPI `{kpi_id}`, which neither the catalogue nor the plan defines"
                        );
                        let help = "use a built-in KPI (`kpilot kpis` lists them) or define it in a `[[kpis]]` table";
                        push(
                            Rule::SmartMeasurable,
                            Severity::Error,
                            message.clone(),
                            help,
                        );
                        push(Rule::UnknownKpi, Severity::Error, message, help);
                        None
                    }
                },
            };
            if objective.target.is_none() {
                push(
                    Rule::SmartMeasurable,
                    Severity::Error,
                    format!("objective `{id}` has no numeric target"),
                    "add `target = …` in the KPI's unit (percentages as fractions: 0.041 for 4.1 %)",
                );
            }
            if let Some(kpi) = kpi
                && kpi.is_share()
            {
                let values = [objective.baseline, objective.target];
                if values.into_iter().flatten().any(|value| value.abs() > 1.0) {
                    push(
                        Rule::SmartMeasurable,
                        Severity::Warning,
                        format!(
                            "objective `{id}`: `{}` is a percentage, yet its baseline or target is above 1 (100 %)",
                            kpi.id
                        ),
                        "write percentages as fractions: 0.041 for 4.1 %",
                    );
                }
            }

            // Achievable: a baseline, and a target that improves on it.
            match (objective.baseline, objective.target) {
                (None, _) => push(
                    Rule::SmartAchievable,
                    Severity::Warning,
                    format!(
                        "objective `{id}` has no baseline: progress cannot be measured from where the plan starts"
                    ),
                    "add `baseline = …`: the KPI's value when the plan starts",
                ),
                (Some(baseline), Some(target)) => {
                    if let Some(kpi) = kpi {
                        if target == baseline {
                            push(
                                Rule::SmartAchievable,
                                Severity::Warning,
                                format!(
                                    "objective `{id}`: the target equals the baseline ({target}), so there is no progress to measure"
                                ),
                                "set a target that improves on the baseline",
                            );
                        } else if !kpi.direction.improves(baseline, target) {
                            let better = match kpi.direction {
                                Direction::Up => {
                                    "higher is better: the target must be above the baseline"
                                }
                                Direction::Down => {
                                    "lower is better: the target must be below the baseline"
                                }
                            };
                            push(
                                Rule::SmartAchievable,
                                Severity::Error,
                                format!(
                                    "objective `{id}`: target {target} is on the wrong side of baseline {baseline}; for `{}`, {better}",
                                    kpi.id
                                ),
                                "check the target and baseline, or the KPI's direction",
                            );
                        }
                    }
                }
                (Some(_), None) => {}
            }

            // Realistic: the objective serves an existing goal.
            match &objective.goal {
                None => push(
                    Rule::SmartRealistic,
                    Severity::Error,
                    format!("objective `{id}` serves no goal"),
                    "add `goal = \"…\"` with the id of one of the plan's goals",
                ),
                Some(goal) if plan.goal(goal).is_none() => {
                    let message =
                        format!("objective `{id}` serves goal `{goal}`, which does not exist");
                    push(
                        Rule::SmartRealistic,
                        Severity::Error,
                        message.clone(),
                        "use the id of one of the plan's `[[goals]]`",
                    );
                    push(
                        Rule::UnknownId,
                        Severity::Error,
                        message,
                        "use the id of one of the plan's `[[goals]]`",
                    );
                }
                Some(_) => {}
            }

            // Time-bound: a deadline inside the plan, milestones in order.
            match objective.deadline {
                None => push(
                    Rule::SmartTimeBound,
                    Severity::Error,
                    format!("objective `{id}` has no deadline"),
                    "add `deadline = YYYY-MM-DD`, within the plan's horizon",
                ),
                Some(deadline) if deadline < plan.start || deadline > plan.end => push(
                    Rule::SmartTimeBound,
                    Severity::Warning,
                    format!(
                        "objective `{id}`: deadline {deadline} is outside the plan ({} to {})",
                        plan.start, plan.end
                    ),
                    "move the deadline into the plan's horizon, or extend the plan",
                ),
                Some(_) => {}
            }
            let last_day = objective.deadline.unwrap_or(plan.end);
            let mut previous = None;
            for milestone in &objective.milestones {
                if milestone.date < plan.start || milestone.date > last_day {
                    push(
                        Rule::SmartTimeBound,
                        Severity::Warning,
                        format!(
                            "objective `{id}`: milestone {} is outside {} to {last_day}",
                            milestone.date, plan.start
                        ),
                        "put intermediate targets between the plan start and the deadline",
                    );
                }
                if previous.is_some_and(|date| milestone.date <= date) {
                    push(
                        Rule::SmartTimeBound,
                        Severity::Warning,
                        format!(
                            "objective `{id}`: milestone {} is not after the one before it",
                            milestone.date
                        ),
                        "list milestones in date order, one per date",
                    );
                }
                previous = Some(milestone.date);
            }

            if let Some(channel) = &objective.channel
                && !plan.knows_channel(channel)
            {
                push(
                    Rule::UnknownId,
                    Severity::Error,
                    format!("objective `{id}` is on channel `{channel}`, which does not exist"),
                    "use a built-in channel (email, sms, search, social, display, website, store, events) or declare it in `[[channels]]`",
                );
            }
            if let Some(segment) = &objective.segment
                && !plan.knows_segment(segment)
            {
                push(
                    Rule::UnknownId,
                    Severity::Error,
                    format!("objective `{id}` targets segment `{segment}`, which does not exist"),
                    "use a built-in segment (families, working_people, seniors, students) or declare it in `[[segments]]`",
                );
            }
            if !served.contains(id) {
                push(
                    Rule::Unlinked,
                    Severity::Warning,
                    format!("no strategy serves objective `{id}`"),
                    "list the objective in a strategy's `objectives`",
                );
            }
        }
    }

    fn kpis(&mut self) {
        let plan = self.plan;
        for kpi in &plan.kpis {
            match &kpi.definition {
                Definition::Formula(formula) => {
                    for name in formula.measures() {
                        match plan.kpi(name) {
                            None => self.push(
                                Rule::UnknownKpi,
                                Severity::Error,
                                ItemKind::Kpi,
                                &kpi.id,
                                format!("the formula of `{}` uses `{name}`, which is no known measure", kpi.id),
                                "use built-in measures (sessions, transactions, revenue, cost, …) or declare it in `[[measures]]`",
                            ),
                            Some(used) if !used.is_additive_measure() => self.push(
                                Rule::KpiFormula,
                                Severity::Error,
                                ItemKind::Kpi,
                                &kpi.id,
                                format!(
                                    "the formula of `{}` uses `{name}`, which is not an additive measure",
                                    kpi.id
                                ),
                                not_additive_help(used),
                            ),
                            Some(_) => {}
                        }
                    }
                }
                Definition::Measure(Aggregation::WeightedMean { weight }) => {
                    if !plan.kpi(weight).is_some_and(KpiDef::is_additive_measure) {
                        self.push(
                            Rule::KpiFormula,
                            Severity::Error,
                            ItemKind::Kpi,
                            &kpi.id,
                            format!(
                                "measure `{}` is a mean weighted by `{weight}`, which is no additive measure",
                                kpi.id
                            ),
                            "weight the mean by a count such as `sessions` or `impressions`",
                        );
                    }
                }
                Definition::Measure(_) => {}
            }
        }
    }

    fn strategies(&mut self) {
        let plan = self.plan;
        for strategy in &plan.strategies {
            for objective in &strategy.objectives {
                if plan.objective(objective).is_none() {
                    self.push(
                        Rule::UnknownId,
                        Severity::Error,
                        ItemKind::Strategy,
                        strategy.id.as_str(),
                        format!(
                            "strategy `{}` serves objective `{objective}`, which does not exist",
                            strategy.id
                        ),
                        "use the id of one of the plan's `[[objectives]]`",
                    );
                }
            }
            if strategy.objectives.is_empty() {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Strategy,
                    strategy.id.as_str(),
                    format!("strategy `{}` serves no objective", strategy.id),
                    "list the objectives it serves in `objectives = [\"…\"]`",
                );
            }
            if !plan
                .tactics
                .iter()
                .any(|tactic| tactic.strategy == strategy.id)
            {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Strategy,
                    strategy.id.as_str(),
                    format!("strategy `{}` has no tactic", strategy.id),
                    "add a `[[tactics]]` entry with `strategy = \"…\"`: what will be done, on which channel",
                );
            }
        }
    }

    fn tactics(&mut self) {
        let plan = self.plan;
        for tactic in &plan.tactics {
            let id = tactic.id.as_str();
            if plan.strategy(&tactic.strategy).is_none() {
                self.push(
                    Rule::UnknownId,
                    Severity::Error,
                    ItemKind::Tactic,
                    id,
                    format!(
                        "tactic `{id}` belongs to strategy `{}`, which does not exist",
                        tactic.strategy
                    ),
                    "use the id of one of the plan's `[[strategies]]`",
                );
            }
            if !plan.knows_channel(&tactic.channel) {
                self.push(
                    Rule::UnknownId,
                    Severity::Error,
                    ItemKind::Tactic,
                    id,
                    format!("tactic `{id}` is on channel `{}`, which does not exist", tactic.channel),
                    "use a built-in channel (email, sms, search, social, display, website, store, events) or declare it in `[[channels]]`",
                );
            }
            for metric in &tactic.metrics {
                if plan.kpi(metric.kpi.as_str()).is_none() {
                    self.push(
                        Rule::UnknownKpi,
                        Severity::Error,
                        ItemKind::Tactic,
                        id,
                        format!("tactic `{id}` is measured by `{}`, which neither the catalogue nor the plan defines", metric.kpi),
                        "use a built-in KPI (`kpilot kpis`) or define it in `[[kpis]]` or `[[measures]]`",
                    );
                }
            }
            let count = tactic.metrics.len();
            if count > 3 {
                self.push(
                    Rule::TooManyMetrics,
                    Severity::Warning,
                    ItemKind::Tactic,
                    id,
                    format!("tactic `{id}` has {count} metrics; 2 or 3 are enough"),
                    "keep one metric per stage: acquisition, behaviour, conversion",
                );
            } else if count < 2 {
                self.push(
                    Rule::TooFewMetrics,
                    Severity::Warning,
                    ItemKind::Tactic,
                    id,
                    format!("tactic `{id}` has {count} metric(s); measure it with 2 or 3"),
                    "add `metrics = [{ kpi = \"…\", type = \"acquisition\" }, …]`, typed acquisition, behaviour or conversion",
                );
            }
            if !plan.actions.iter().any(|action| action.tactic == tactic.id) {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Tactic,
                    id,
                    format!("tactic `{id}` has no action"),
                    "add an `[[actions]]` entry with `tactic = \"…\"`: who does what, when, for how much",
                );
            }
        }
    }

    fn actions(&mut self) {
        let plan = self.plan;
        for action in &plan.actions {
            let id = action.id.as_str();
            if plan.tactic(&action.tactic).is_none() {
                self.push(
                    Rule::UnknownId,
                    Severity::Error,
                    ItemKind::Action,
                    id,
                    format!(
                        "action `{id}` belongs to tactic `{}`, which does not exist",
                        action.tactic
                    ),
                    "use the id of one of the plan's `[[tactics]]`",
                );
            }
            for dependency in &action.depends_on {
                if plan.action(dependency).is_none() {
                    self.push(
                        Rule::UnknownId,
                        Severity::Error,
                        ItemKind::Action,
                        id,
                        format!("action `{id}` depends on `{dependency}`, which does not exist"),
                        "use the id of one of the plan's `[[actions]]`",
                    );
                }
            }
            for kpi in &action.kpis {
                if plan.kpi(kpi.as_str()).is_none() {
                    self.push(
                        Rule::UnknownKpi,
                        Severity::Error,
                        ItemKind::Action,
                        id,
                        format!("action `{id}` should move `{kpi}`, which neither the catalogue nor the plan defines"),
                        "use a built-in KPI (`kpilot kpis`) or define it in `[[kpis]]`",
                    );
                }
            }
            match &action.owner {
                None => self.push(
                    Rule::ActionOwner,
                    Severity::Warning,
                    ItemKind::Action,
                    id,
                    format!("action `{id}` has no owner"),
                    "add `owner = { name = \"…\", email = \"…\" }`: a plan must be clear even to a stranger",
                ),
                Some(owner) if owner.email.is_none() && owner.phone.is_none() => self.push(
                    Rule::ActionOwner,
                    Severity::Warning,
                    ItemKind::Action,
                    id,
                    format!("action `{id}`: owner {} has no email or phone", owner.name),
                    "add `email` or `phone` to the owner",
                ),
                Some(_) => {}
            }
            if let (Some(start), Some(due)) = (action.start, action.due)
                && due < start
            {
                self.push(
                    Rule::ActionDates,
                    Severity::Error,
                    ItemKind::Action,
                    id,
                    format!("action `{id}` is due on {due}, before it starts on {start}"),
                    "set `due` on or after `start`",
                );
            }
            if action.start.is_none() && action.due.is_none() {
                self.push(
                    Rule::ActionDates,
                    Severity::Warning,
                    ItemKind::Action,
                    id,
                    format!("action `{id}` has no dates"),
                    "add `due` (and `duration_days`), or `start` and `due` for a span",
                );
            } else if action.kind != ActionKind::OneOff
                && (action.start.is_none() || action.due.is_none())
            {
                self.push(
                    Rule::ActionDates,
                    Severity::Warning,
                    ItemKind::Action,
                    id,
                    format!(
                        "action `{id}` is {}, but has no span: it needs both `start` and `due`",
                        match action.kind {
                            ActionKind::Recurring => "recurring",
                            _ => "continuous",
                        }
                    ),
                    "add the missing `start` or `due`",
                );
            }
            for date in [action.start, action.due].into_iter().flatten() {
                if date < plan.start || date > plan.end {
                    self.push(
                        Rule::ActionDates,
                        Severity::Warning,
                        ItemKind::Action,
                        id,
                        format!(
                            "action `{id}`: {date} is outside the plan ({} to {})",
                            plan.start, plan.end
                        ),
                        "move the action into the plan's horizon, or extend the plan",
                    );
                    break;
                }
            }
        }
    }

    /// Reports each dependency cycle among actions once, naming its actions
    /// in order from the smallest id.
    fn cycles(&mut self) {
        let plan = self.plan;
        let edges: BTreeMap<&ActionId, Vec<&ActionId>> = plan
            .actions
            .iter()
            .map(|action| {
                let known = action
                    .depends_on
                    .iter()
                    .filter(|dependency| plan.action(dependency).is_some())
                    .collect();
                (&action.id, known)
            })
            .collect();
        for cycle in find_cycles(&edges) {
            let names: Vec<String> = cycle.iter().map(|id| format!("`{id}`")).collect();
            let first = names.first().cloned().unwrap_or_default();
            self.push(
                Rule::Cycle,
                Severity::Error,
                ItemKind::Action,
                cycle[0].as_str(),
                format!(
                    "actions depend on each other in a cycle: {} → {first}",
                    names.join(" → ")
                ),
                "remove one of these `depends_on` links: a cycle cannot be scheduled",
            );
        }
    }
}

fn not_additive_help(kpi: &KpiDef) -> String {
    match &kpi.definition {
        Definition::Formula(formula) => format!(
            "`{}` is itself a formula: write its formula in place (`{}`), so that the result is computed from summed measures",
            kpi.id,
            formula.source()
        ),
        _ => format!(
            "`{}` is an average or a last value and cannot be summed over a window; use it directly as a KPI",
            kpi.id
        ),
    }
}

/// Finds the elementary cycles reachable in a dependency graph, each rotated
/// to start at its smallest node and reported once. A depth-first search
/// with colours finds one cycle per back edge, which is what a user needs to
/// break them one at a time.
fn find_cycles<'a>(edges: &BTreeMap<&'a ActionId, Vec<&'a ActionId>>) -> Vec<Vec<&'a ActionId>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let mut colour: HashMap<&ActionId, Colour> =
        edges.keys().map(|id| (*id, Colour::White)).collect();
    let mut cycles: Vec<Vec<&ActionId>> = Vec::new();
    let mut seen: HashSet<Vec<&ActionId>> = HashSet::new();

    for &root in edges.keys() {
        if colour[root] != Colour::White {
            continue;
        }
        // An explicit stack of (node, index of the next edge to follow), so
        // that a long chain of dependencies cannot overflow the call stack.
        let mut path: Vec<(&ActionId, usize)> = vec![(root, 0)];
        colour.insert(root, Colour::Grey);
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            let targets = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = targets.get(*next) {
                *next += 1;
                match colour.get(target).copied().unwrap_or(Colour::Black) {
                    Colour::White => {
                        colour.insert(target, Colour::Grey);
                        path.push((target, 0));
                    }
                    Colour::Grey => {
                        let start = path.iter().position(|(id, _)| *id == target).unwrap_or(0);
                        let mut cycle: Vec<&ActionId> =
                            path[start..].iter().map(|(id, _)| *id).collect();
                        let smallest = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, id)| **id)
                            .map_or(0, |(index, _)| index);
                        cycle.rotate_left(smallest);
                        if seen.insert(cycle.clone()) {
                            cycles.push(cycle);
                        }
                    }
                    Colour::Black => {}
                }
            } else {
                colour.insert(node, Colour::Black);
                path.pop();
            }
        }
    }
    cycles
}

/// A finding with its place in the plan file, as reported to people and
/// programs. A file that cannot be read as a plan gives one `plan.syntax`
/// error located where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    pub rule: &'static str,
    pub severity: Severity,
    pub item: String,
    pub message: String,
    /// The kind of item (absent for `plan.syntax`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// The rule code of a file that is not a readable plan.
pub const SYNTAX_RULE: &str = "plan.syntax";

/// Reads and checks a plan file's text; `file` names it in a syntax error.
pub fn check_text(file: &str, text: &str) -> Vec<Located> {
    match crate::plan_file::parse(text) {
        Err(error) => vec![Located::syntax(file, error)],
        Ok(parsed) => locate(&parsed, check(&parsed.plan)),
    }
}

impl Located {
    /// The one finding on a file that is not a readable plan.
    pub fn syntax(file: &str, error: crate::plan_file::PlanFileError) -> Located {
        Located {
            rule: SYNTAX_RULE,
            severity: Severity::Error,
            item: file.to_owned(),
            message: error.message,
            kind: None,
            help: None,
            line: error.location.map(|l| l.line),
            column: error.location.map(|l| l.column),
        }
    }
}

/// Places findings on a parsed plan's source map.
pub fn locate(parsed: &crate::plan_file::ParsedPlan, findings: Vec<Finding>) -> Vec<Located> {
    findings
        .into_iter()
        .map(|finding| {
            let location = parsed.source_map.locate(finding.kind, &finding.item);
            Located {
                rule: finding.rule.code(),
                severity: finding.severity,
                item: finding.item,
                message: finding.message,
                kind: Some(finding.kind),
                help: Some(finding.help),
                line: location.map(|l| l.line),
                column: location.map(|l| l.column),
            }
        })
        .collect()
}
