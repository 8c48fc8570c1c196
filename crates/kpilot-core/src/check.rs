//! The SMART checker: reads a plan as a reviewer would and reports what makes
//! an objective not Specific, Measurable, Achievable, Realistic or Time-bound
//! (seed 001), what breaks the chain's structure (seed 000: 2–3 goals, 2–3
//! objectives per goal, 2–3 metrics per tactic), and references that point
//! nowhere.
//!
//! Rule codes are a contract with other programs: never rename one.

use std::collections::HashSet;

use serde::Serialize;

use crate::calendar::WorkDays;
use crate::catalogue;
// The checker's vocabulary lives below it, in `finding`, so that the
// schedule can say the same things; it is named from here too.
pub use crate::finding::{Finding, Rule, Severity};
use crate::finding::{l, tr};
use crate::kpi::{Aggregation, Definition, Direction, KpiDef, Lang, Localized};
use crate::plan::{Budget, ItemKind, Plan};
use crate::schedule;

/// Checks a plan. Findings come in plan order: the plan, its goals,
/// objectives, KPIs, strategies, tactics, actions, then experiments.
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
    checker.experiments();
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
        message: Localized,
        help: Localized,
    ) {
        self.findings
            .push(Finding::new(rule, severity, kind, item, message, help));
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
                tr!(
                    "le plan se termine le {} avant de commencer le {}",
                    "the plan ends on {} before it starts on {}",
                    plan.end,
                    plan.start
                ),
                l(
                    "placez `end` après `start` : un plan couvre en général 3, 6 ou 12 mois",
                    "set `end` after `start`: a plan usually spans 3, 6 or 12 months",
                ),
            );
        }
        for (key, text) in [("mission", &plan.mission), ("vision", &plan.vision)] {
            if text.trim().is_empty() {
                self.push(
                    Rule::PlanMission,
                    Severity::Warning,
                    ItemKind::Plan,
                    id,
                    tr!("le plan n’a pas de {key}", "the plan has no {key}"),
                    match key {
                        "mission" => l("ajoutez `mission` : pourquoi l’organisation existe, en une phrase", "add `mission`: why the organisation exists, in one sentence"),
                        _ => l("ajoutez `vision` : l’ambition à long terme que le plan sert (par exemple « fournir une expérience d’achat omni-canale simple… »)", "add `vision`: the long-term ambition the plan serves (seed: « fournir une expérience d'achat omni-canale simple… »)"),
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
                tr!(
                    "le plan a {} buts ; 2 ou 3 au plus le gardent centré",
                    "the plan has {} goals; 2 or 3 at most keep it focused",
                    plan.goals.len()
                ),
                l(
                    "regroupez les buts proches ou reportez-en à un plan ultérieur",
                    "merge related goals or move some to a later plan",
                ),
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
                    tr!(
                        "le budget est ascendant (bottom_up), mais {} action(s) n’ont pas de budget : {}", "the budget is bottom-up, but {} action(s) have no budget: {}",
                        missing.len(),
                        missing.join(", ")
                    ),
                    l("donnez un `budget` à chaque action (0 si elle ne coûte rien)", "give each action a `budget` (0 if it costs nothing)"),
                );
            }
        }
    }

    fn duplicates(&mut self) {
        let plan = self.plan;
        let lists: [(ItemKind, Vec<&str>); 9] = [
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
            (
                ItemKind::Experiment,
                plan.experiments.iter().map(|x| x.id.as_str()).collect(),
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
                        tr!(
                            "deux éléments « {} » ont l’id `{id}`",
                            "two {}s have the id `{id}`",
                            kind.as_str()
                        ),
                        l(
                            "donnez à chaque élément son propre id",
                            "give each item its own id",
                        ),
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
                    tr!(
                        "`{}` est un KPI intégré ; le plan ne peut pas le redéfinir",
                        "`{}` is a built-in KPI; the plan cannot redefine it",
                        kpi.id
                    ),
                    l(
                        "utilisez le KPI intégré tel quel, ou donnez un autre id au vôtre",
                        "use the built-in KPI as it is, or give yours another id",
                    ),
                );
            }
            if kpi.id == "days" {
                self.push(
                    Rule::DuplicateId,
                    Severity::Error,
                    ItemKind::Kpi,
                    &kpi.id,
                    l("`days` est réservé : dans une formule, c’est le nombre de jours de la fenêtre", "`days` is reserved: in a formula it is the number of days in the window"),
                    l("choisissez un autre id", "choose another id"),
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
                    tr!(
                        "le but `{}` a {count} objectifs ; 2 ou 3 au plus",
                        "goal `{}` has {count} objectives; 2 or 3 at most",
                        goal.id
                    ),
                    l(
                        "gardez les objectifs qui montrent le mieux que le but est atteint",
                        "keep the objectives that best show the goal is reached",
                    ),
                );
            }
            if count == 0 {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Goal,
                    goal.id.as_str(),
                    tr!(
                        "le but `{}` n’a aucun objectif",
                        "goal `{}` has no objective",
                        goal.id
                    ),
                    l(
                        "ajoutez un objectif SMART avec `goal = \"…\"`, ou supprimez le but",
                        "add a SMART objective with `goal = \"…\"`, or remove the goal",
                    ),
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
            let mut push = |rule, severity, message: Localized, help: Localized| {
                self.findings.push(Finding {
                    rule,
                    severity,
                    kind: ItemKind::Objective,
                    item: id.to_owned(),
                    message,
                    help,
                })
            };

            // Specific and measurable: a known KPI and a numeric target.
            let kpi = match &objective.kpi {
                None => {
                    push(
                        Rule::SmartSpecific,
                        Severity::Error,
                        tr!(
                            "l’objectif `{id}` ne nomme aucun KPI",
                            "objective `{id}` names no KPI"
                        ),
                        l(
                            "ajoutez `kpi = \"…\"` : un KPI intégré comme `conversion_rate` (voir `kpilot kpis`) ou l’un des `[[kpis]]` du plan",
                            "add `kpi = \"…\"`: a built-in KPI such as `conversion_rate` (see `kpilot kpis`) or one of the plan's `[[kpis]]`",
                        ),
                    );
                    None
                }
                Some(kpi_id) => match plan.kpi(kpi_id.as_str()) {
                    Some(kpi) => Some(kpi),
                    None => {
                        let message = tr!(
                            "l’objectif `{id}` utilise le KPI `{kpi_id}`, que ni le catalogue ni le plan ne définissent",
                            "objective `{id}` uses KPI `{kpi_id}`, which neither the catalogue nor the plan defines"
                        );
                        let help = l(
                            "utilisez un KPI intégré (`kpilot kpis` les liste) ou définissez-le dans une table `[[kpis]]`",
                            "use a built-in KPI (`kpilot kpis` lists them) or define it in a `[[kpis]]` table",
                        );
                        push(
                            Rule::SmartMeasurable,
                            Severity::Error,
                            message.clone(),
                            help.clone(),
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
                    tr!(
                        "l’objectif `{id}` n’a pas de cible chiffrée",
                        "objective `{id}` has no numeric target"
                    ),
                    l(
                        "ajoutez `target = …` dans l’unité du KPI (pourcentages en fractions : 0.041 pour 4,1 %)",
                        "add `target = …` in the KPI's unit (percentages as fractions: 0.041 for 4.1 %)",
                    ),
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
                        tr!(
                            "objectif `{id}` : `{}` est un pourcentage, mais sa valeur de départ ou sa cible dépasse 1 (100 %)",
                            "objective `{id}`: `{}` is a percentage, yet its baseline or target is above 1 (100 %)",
                            kpi.id
                        ),
                        l(
                            "écrivez les pourcentages en fractions : 0.041 pour 4,1 %",
                            "write percentages as fractions: 0.041 for 4.1 %",
                        ),
                    );
                }
            }

            // Achievable: a baseline, and a target that improves on it.
            match (objective.baseline, objective.target) {
                (None, _) => push(
                    Rule::SmartAchievable,
                    Severity::Warning,
                    tr!(
                        "l’objectif `{id}` n’a pas de valeur de départ : la progression ne peut pas être mesurée depuis le début du plan",
                        "objective `{id}` has no baseline: progress cannot be measured from where the plan starts"
                    ),
                    l(
                        "ajoutez `baseline = …` : la valeur du KPI au début du plan",
                        "add `baseline = …`: the KPI's value when the plan starts",
                    ),
                ),
                (Some(baseline), Some(target)) => {
                    if let Some(kpi) = kpi {
                        if target == baseline {
                            push(
                                Rule::SmartAchievable,
                                Severity::Warning,
                                tr!(
                                    "objectif `{id}` : la cible est égale à la valeur de départ ({target}), il n’y a donc aucune progression à mesurer",
                                    "objective `{id}`: the target equals the baseline ({target}), so there is no progress to measure"
                                ),
                                l(
                                    "fixez une cible qui améliore la valeur de départ",
                                    "set a target that improves on the baseline",
                                ),
                            );
                        } else if !kpi.direction.improves(baseline, target) {
                            let (better_fr, better_en) = match kpi.direction {
                                Direction::Up => (
                                    "plus c’est haut, mieux c’est : la cible doit dépasser la valeur de départ",
                                    "higher is better: the target must be above the baseline",
                                ),
                                Direction::Down => (
                                    "plus c’est bas, mieux c’est : la cible doit être inférieure à la valeur de départ",
                                    "lower is better: the target must be below the baseline",
                                ),
                            };
                            push(
                                Rule::SmartAchievable,
                                Severity::Error,
                                Localized::new(
                                    format!(
                                        "objectif `{id}` : la cible {target} est du mauvais côté de la valeur de départ {baseline} ; pour `{}`, {better_fr}",
                                        kpi.id
                                    ),
                                    format!(
                                        "objective `{id}`: target {target} is on the wrong side of baseline {baseline}; for `{}`, {better_en}",
                                        kpi.id
                                    ),
                                ),
                                l(
                                    "vérifiez la cible et la valeur de départ, ou le sens du KPI",
                                    "check the target and baseline, or the KPI's direction",
                                ),
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
                    tr!(
                        "l’objectif `{id}` ne sert aucun but",
                        "objective `{id}` serves no goal"
                    ),
                    l(
                        "ajoutez `goal = \"…\"` avec l’id de l’un des buts du plan",
                        "add `goal = \"…\"` with the id of one of the plan's goals",
                    ),
                ),
                Some(goal) if plan.goal(goal).is_none() => {
                    let message = tr!(
                        "l’objectif `{id}` sert le but `{goal}`, qui n’existe pas",
                        "objective `{id}` serves goal `{goal}`, which does not exist"
                    );
                    push(
                        Rule::SmartRealistic,
                        Severity::Error,
                        message.clone(),
                        l(
                            "utilisez l’id de l’un des `[[goals]]` du plan",
                            "use the id of one of the plan's `[[goals]]`",
                        ),
                    );
                    push(
                        Rule::UnknownId,
                        Severity::Error,
                        message,
                        l(
                            "utilisez l’id de l’un des `[[goals]]` du plan",
                            "use the id of one of the plan's `[[goals]]`",
                        ),
                    );
                }
                Some(_) => {}
            }

            // Time-bound: a deadline inside the plan, milestones in order.
            match objective.deadline {
                None => push(
                    Rule::SmartTimeBound,
                    Severity::Error,
                    tr!(
                        "l’objectif `{id}` n’a pas d’échéance",
                        "objective `{id}` has no deadline"
                    ),
                    l(
                        "ajoutez `deadline = AAAA-MM-JJ`, dans l’horizon du plan",
                        "add `deadline = YYYY-MM-DD`, within the plan's horizon",
                    ),
                ),
                Some(deadline) if deadline < plan.start || deadline > plan.end => push(
                    Rule::SmartTimeBound,
                    Severity::Warning,
                    tr!(
                        "objectif `{id}` : l’échéance {deadline} est hors du plan (du {} au {})",
                        "objective `{id}`: deadline {deadline} is outside the plan ({} to {})",
                        plan.start,
                        plan.end
                    ),
                    l(
                        "ramenez l’échéance dans l’horizon du plan, ou prolongez le plan",
                        "move the deadline into the plan's horizon, or extend the plan",
                    ),
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
                        tr!(
                            "objectif `{id}` : le jalon du {} est hors de la période du {} au {last_day}",
                            "objective `{id}`: milestone {} is outside {} to {last_day}",
                            milestone.date,
                            plan.start
                        ),
                        l(
                            "placez les cibles intermédiaires entre le début du plan et l’échéance",
                            "put intermediate targets between the plan start and the deadline",
                        ),
                    );
                }
                if previous.is_some_and(|date| milestone.date <= date) {
                    push(
                        Rule::SmartTimeBound,
                        Severity::Warning,
                        tr!(
                            "objectif `{id}` : le jalon du {} ne vient pas après le précédent",
                            "objective `{id}`: milestone {} is not after the one before it",
                            milestone.date
                        ),
                        l(
                            "listez les jalons dans l’ordre des dates, un par date",
                            "list milestones in date order, one per date",
                        ),
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
                    tr!(
                        "l’objectif `{id}` porte sur le canal `{channel}`, qui n’existe pas",
                        "objective `{id}` is on channel `{channel}`, which does not exist"
                    ),
                    l(
                        "utilisez un canal intégré (email, sms, search, social, display, website, store, events) ou déclarez-le dans `[[channels]]`",
                        "use a built-in channel (email, sms, search, social, display, website, store, events) or declare it in `[[channels]]`",
                    ),
                );
            }
            if let Some(segment) = &objective.segment
                && !plan.knows_segment(segment)
            {
                push(
                    Rule::UnknownId,
                    Severity::Error,
                    tr!(
                        "l’objectif `{id}` cible le segment `{segment}`, qui n’existe pas",
                        "objective `{id}` targets segment `{segment}`, which does not exist"
                    ),
                    l(
                        "utilisez un segment intégré (families, working_people, seniors, students) ou déclarez-le dans `[[segments]]`",
                        "use a built-in segment (families, working_people, seniors, students) or declare it in `[[segments]]`",
                    ),
                );
            }
            if !served.contains(id) {
                push(
                    Rule::Unlinked,
                    Severity::Warning,
                    tr!(
                        "aucune stratégie ne sert l’objectif `{id}`",
                        "no strategy serves objective `{id}`"
                    ),
                    l(
                        "listez l’objectif dans les `objectives` d’une stratégie",
                        "list the objective in a strategy's `objectives`",
                    ),
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
                                tr!("la formule de `{}` utilise `{name}`, qui n’est pas une mesure connue", "the formula of `{}` uses `{name}`, which is no known measure", kpi.id),
                                l("utilisez les mesures intégrées (sessions, transactions, revenue, cost, …) ou déclarez-la dans `[[measures]]`", "use built-in measures (sessions, transactions, revenue, cost, …) or declare it in `[[measures]]`"),
                            ),
                            Some(used) if !used.is_additive_measure() => self.push(
                                Rule::KpiFormula,
                                Severity::Error,
                                ItemKind::Kpi,
                                &kpi.id,
                                tr!(
                                    "la formule de `{}` utilise `{name}`, qui n’est pas une mesure additive", "the formula of `{}` uses `{name}`, which is not an additive measure",
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
                            tr!(
                                "la mesure `{}` est une moyenne pondérée par `{weight}`, qui n’est pas une mesure additive", "measure `{}` is a mean weighted by `{weight}`, which is no additive measure",
                                kpi.id
                            ),
                            l("pondérez la moyenne par un nombre comme `sessions` ou `impressions`", "weight the mean by a count such as `sessions` or `impressions`"),
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
                        tr!(
                            "la stratégie `{}` sert l’objectif `{objective}`, qui n’existe pas",
                            "strategy `{}` serves objective `{objective}`, which does not exist",
                            strategy.id
                        ),
                        l(
                            "utilisez l’id de l’un des `[[objectives]]` du plan",
                            "use the id of one of the plan's `[[objectives]]`",
                        ),
                    );
                }
            }
            if strategy.objectives.is_empty() {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Strategy,
                    strategy.id.as_str(),
                    tr!(
                        "la stratégie `{}` ne sert aucun objectif",
                        "strategy `{}` serves no objective",
                        strategy.id
                    ),
                    l(
                        "listez les objectifs qu’elle sert dans `objectives = [\"…\"]`",
                        "list the objectives it serves in `objectives = [\"…\"]`",
                    ),
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
                    tr!("la stratégie `{}` n’a aucune tactique", "strategy `{}` has no tactic", strategy.id),
                    l("ajoutez une entrée `[[tactics]]` avec `strategy = \"…\"` : ce qui sera fait, sur quel canal", "add a `[[tactics]]` entry with `strategy = \"…\"`: what will be done, on which channel"),
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
                    tr!(
                        "la tactique `{id}` relève de la stratégie `{}`, qui n’existe pas",
                        "tactic `{id}` belongs to strategy `{}`, which does not exist",
                        tactic.strategy
                    ),
                    l(
                        "utilisez l’id de l’une des `[[strategies]]` du plan",
                        "use the id of one of the plan's `[[strategies]]`",
                    ),
                );
            }
            if !plan.knows_channel(&tactic.channel) {
                self.push(
                    Rule::UnknownId,
                    Severity::Error,
                    ItemKind::Tactic,
                    id,
                    tr!("la tactique `{id}` porte sur le canal `{}`, qui n’existe pas", "tactic `{id}` is on channel `{}`, which does not exist", tactic.channel),
                    l("utilisez un canal intégré (email, sms, search, social, display, website, store, events) ou déclarez-le dans `[[channels]]`", "use a built-in channel (email, sms, search, social, display, website, store, events) or declare it in `[[channels]]`"),
                );
            }
            for metric in &tactic.metrics {
                if plan.kpi(metric.kpi.as_str()).is_none() {
                    self.push(
                        Rule::UnknownKpi,
                        Severity::Error,
                        ItemKind::Tactic,
                        id,
                        tr!("la tactique `{id}` est mesurée par `{}`, que ni le catalogue ni le plan ne définissent", "tactic `{id}` is measured by `{}`, which neither the catalogue nor the plan defines", metric.kpi),
                        l("utilisez un KPI intégré (`kpilot kpis`) ou définissez-le dans `[[kpis]]` ou `[[measures]]`", "use a built-in KPI (`kpilot kpis`) or define it in `[[kpis]]` or `[[measures]]`"),
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
                    tr!(
                        "la tactique `{id}` a {count} métriques ; 2 ou 3 suffisent",
                        "tactic `{id}` has {count} metrics; 2 or 3 are enough"
                    ),
                    l(
                        "gardez une métrique par étape : acquisition, comportement, conversion",
                        "keep one metric per stage: acquisition, behaviour, conversion",
                    ),
                );
            } else if count < 2 {
                self.push(
                    Rule::TooFewMetrics,
                    Severity::Warning,
                    ItemKind::Tactic,
                    id,
                    tr!("la tactique `{id}` a {count} métrique(s) ; mesurez-la avec 2 ou 3", "tactic `{id}` has {count} metric(s); measure it with 2 or 3"),
                    l("ajoutez `metrics = [{ kpi = \"…\", type = \"acquisition\" }, …]`, de type acquisition, behaviour ou conversion", "add `metrics = [{ kpi = \"…\", type = \"acquisition\" }, …]`, typed acquisition, behaviour or conversion"),
                );
            }
            if !plan.actions.iter().any(|action| action.tactic == tactic.id) {
                self.push(
                    Rule::Unlinked,
                    Severity::Warning,
                    ItemKind::Tactic,
                    id,
                    tr!("la tactique `{id}` n’a aucune action", "tactic `{id}` has no action"),
                    l("ajoutez une entrée `[[actions]]` avec `tactic = \"…\"` : qui fait quoi, quand, pour combien", "add an `[[actions]]` entry with `tactic = \"…\"`: who does what, when, for how much"),
                );
            }
        }
    }

    fn experiments(&mut self) {
        let plan = self.plan;
        for experiment in &plan.experiments {
            let id = experiment.id.as_str();
            let mut push = |rule, severity, message, help| {
                self.findings.push(Finding {
                    rule,
                    severity,
                    kind: ItemKind::Experiment,
                    item: id.to_owned(),
                    message,
                    help,
                });
            };
            if plan.action(&experiment.action).is_none() {
                push(
                    Rule::UnknownId,
                    Severity::Error,
                    tr!(
                        "l’expérience `{id}` relève de l’action `{}`, qui n’existe pas",
                        "experiment `{id}` belongs to action `{}`, which does not exist",
                        experiment.action
                    ),
                    l(
                        "utilisez l’id de l’une des `[[actions]]` du plan : l’action dit quelle tactique et quel canal le test sert",
                        "use the id of one of the plan's `[[actions]]`: the action says which tactic and channel the test serves",
                    ),
                );
            }
            if experiment.hypothesis.trim().is_empty() {
                push(
                    Rule::ExperimentHypothesis,
                    Severity::Warning,
                    tr!(
                        "l’expérience `{id}` n’a pas d’hypothèse",
                        "experiment `{id}` has no hypothesis"
                    ),
                    l(
                        "ajoutez `hypothesis` : ce que la variante change et pourquoi elle devrait faire mieux (« un panier en une page convertit mieux »)",
                        "add `hypothesis`: what the variant changes and why it should do better (\"a one-page cart converts better\")",
                    ),
                );
            }
            let kpi = experiment.kpi.as_str();
            match plan.kpi(kpi) {
                None => push(
                    Rule::UnknownKpi,
                    Severity::Error,
                    tr!(
                        "l’expérience `{id}` est jugée sur `{kpi}`, que ni le catalogue ni le plan ne définissent",
                        "experiment `{id}` is judged on `{kpi}`, which neither the catalogue nor the plan defines"
                    ),
                    l(
                        "utilisez un KPI intégré (`kpilot kpis`) ou définissez-le dans `[[kpis]]`",
                        "use a built-in KPI (`kpilot kpis`) or define it in `[[kpis]]`",
                    ),
                ),
                Some(definition) if crate::plan::PerVisitor::of(definition).is_none() => push(
                    Rule::ExperimentKpi,
                    Severity::Error,
                    tr!(
                        "l’expérience `{id}` est jugée sur `{kpi}`, qui n’est ni un taux ni un montant par visiteur",
                        "experiment `{id}` is judged on `{kpi}`, which is neither a rate nor an amount per visitor"
                    ),
                    l(
                        "jugez un test A/B sur un taux (`conversion_rate`, `ctr`) ou un montant par visiteur (`revenue_per_visitor`)",
                        "judge an A/B test on a rate (`conversion_rate`, `ctr`) or an amount per visitor (`revenue_per_visitor`)",
                    ),
                ),
                Some(_) => {}
            }
            self.experiment_variants(experiment);
            let push = |checker: &mut Self, rule, severity, message, help| {
                checker.push(rule, severity, ItemKind::Experiment, id, message, help);
            };
            match experiment.mde {
                None => push(
                    self,
                    Rule::ExperimentMde,
                    Severity::Warning,
                    tr!(
                        "l’expérience `{id}` n’a pas d’effet minimal détectable : sa taille d’échantillon est inconnue",
                        "experiment `{id}` has no minimum detectable effect: its sample size is unknown"
                    ),
                    l(
                        "ajoutez `mde` : le plus petit écart qui vaudrait le changement (0.01 = un point de taux ; avec `relative = true`, 0.1 = 10 %)",
                        "add `mde`: the smallest difference worth the change (0.01 = one point of rate; with `relative = true`, 0.1 = 10 %)",
                    ),
                ),
                Some(mde) if !(mde > 0.0 && mde.is_finite()) => push(
                    self,
                    Rule::ExperimentMde,
                    Severity::Error,
                    tr!(
                        "l’effet minimal détectable de l’expérience `{id}` vaut {mde} : il doit être positif",
                        "experiment `{id}`'s minimum detectable effect is {mde}: it must be positive"
                    ),
                    l(
                        "écrivez un écart positif, sans signe : le test cherche une hausse comme une baisse",
                        "write a positive difference, without a sign: the test looks for a rise as well as a fall",
                    ),
                ),
                Some(mde)
                    if mde >= 1.0
                        && (experiment.relative
                            || plan.kpi(kpi).and_then(crate::plan::PerVisitor::of)
                                == Some(crate::plan::PerVisitor::Rate)) =>
                {
                    push(
                        self,
                        Rule::ExperimentMde,
                        Severity::Error,
                        tr!(
                            "l’effet minimal détectable de l’expérience `{id}` vaut {mde}, soit {} %",
                            "experiment `{id}`'s minimum detectable effect is {mde}, that is {} %",
                            mde * 100.0
                        ),
                        l(
                            "écrivez un pourcentage en fraction : 0.01 pour un point, 0.1 pour 10 %",
                            "write a percentage as a fraction: 0.01 for one point, 0.1 for 10 %",
                        ),
                    );
                }
                Some(_) => {}
            }
            match (experiment.start, experiment.end) {
                (None, _) => push(
                    self,
                    Rule::ExperimentDates,
                    Severity::Warning,
                    tr!(
                        "l’expérience `{id}` n’a pas de date de début",
                        "experiment `{id}` has no start date"
                    ),
                    l(
                        "ajoutez `start` : les résultats comptent à partir de ce jour",
                        "add `start`: results count from that day",
                    ),
                ),
                (Some(start), Some(end)) if end < start => push(
                    self,
                    Rule::ExperimentDates,
                    Severity::Error,
                    tr!(
                        "l’expérience `{id}` se termine le {end} avant de commencer le {start}",
                        "experiment `{id}` ends on {end} before it starts on {start}"
                    ),
                    l("placez `end` après `start`", "set `end` after `start`"),
                ),
                (Some(start), _) if start < plan.start || start > plan.end => push(
                    self,
                    Rule::ExperimentDates,
                    Severity::Warning,
                    tr!(
                        "l’expérience `{id}` commence le {start}, hors de la période du plan ({} – {})",
                        "experiment `{id}` starts on {start}, outside the plan's period ({} – {})",
                        plan.start,
                        plan.end
                    ),
                    l(
                        "faites commencer le test pendant le plan, ou déplacez-le dans le plan de sa période",
                        "start the test within the plan, or move it to the plan of its period",
                    ),
                ),
                _ => {}
            }
        }
    }

    fn experiment_variants(&mut self, experiment: &crate::plan::Experiment) {
        let id = experiment.id.as_str();
        let mut problems: Vec<Localized> = Vec::new();
        if experiment.variants.len() < 2 {
            problems.push(tr!(
                "l’expérience `{id}` a {} variante(s) : il en faut au moins deux, un témoin et une variante testée",
                "experiment `{id}` has {} variant(s): it needs at least two, a control and a treatment",
                experiment.variants.len()
            ));
        }
        let controls = experiment.variants.iter().filter(|v| v.control).count();
        if controls != 1 {
            problems.push(tr!(
                "l’expérience `{id}` a {controls} témoin(s) : marquez exactement une variante `control = true`",
                "experiment `{id}` has {controls} control(s): mark exactly one variant `control = true`"
            ));
        }
        let mut seen = HashSet::new();
        for variant in &experiment.variants {
            if !seen.insert(variant.id.as_str()) {
                problems.push(tr!(
                    "l’expérience `{id}` a deux variantes `{}`",
                    "experiment `{id}` has two variants `{}`",
                    variant.id
                ));
            }
            if !(variant.split > 0.0 && variant.split < 1.0) {
                problems.push(tr!(
                    "la variante `{}` de l’expérience `{id}` reçoit une part de {} : écrivez une fraction entre 0 et 1 (0.5 pour la moitié)",
                    "variant `{}` of experiment `{id}` gets a split of {}: write a fraction between 0 and 1 (0.5 for half)",
                    variant.id,
                    variant.split
                ));
            }
        }
        let total: f64 = experiment.variants.iter().map(|v| v.split).sum();
        if !experiment.variants.is_empty() && (total - 1.0).abs() > 1e-6 {
            problems.push(tr!(
                "les parts des variantes de l’expérience `{id}` font {} au total, pas 1",
                "the splits of experiment `{id}`'s variants add up to {}, not 1",
                total
            ));
        }
        for message in problems {
            self.push(
                Rule::ExperimentVariants,
                Severity::Error,
                ItemKind::Experiment,
                id,
                message,
                l(
                    "par exemple `variants = [{ id = \"A\", split = 0.5, control = true }, { id = \"B\", split = 0.5 }]`",
                    "for example `variants = [{ id = \"A\", split = 0.5, control = true }, { id = \"B\", split = 0.5 }]`",
                ),
            );
        }
    }

    fn actions(&mut self) {
        let plan = self.plan;
        let work = WorkDays::new(&plan.calendar);
        for action in &plan.actions {
            let id = action.id.as_str();
            self.findings.extend(schedule::link_findings(plan, action));
            for kpi in &action.kpis {
                if plan.kpi(kpi.as_str()).is_none() {
                    self.push(
                        Rule::UnknownKpi,
                        Severity::Error,
                        ItemKind::Action,
                        id,
                        tr!("l’action `{id}` doit faire bouger `{kpi}`, que ni le catalogue ni le plan ne définissent", "action `{id}` should move `{kpi}`, which neither the catalogue nor the plan defines"),
                        l("utilisez un KPI intégré (`kpilot kpis`) ou définissez-le dans `[[kpis]]`", "use a built-in KPI (`kpilot kpis`) or define it in `[[kpis]]`"),
                    );
                }
            }
            match &action.owner {
                None => self.push(
                    Rule::ActionOwner,
                    Severity::Warning,
                    ItemKind::Action,
                    id,
                    tr!("l’action `{id}` n’a pas de responsable", "action `{id}` has no owner"),
                    l("ajoutez `owner = { name = \"…\", email = \"…\" }` : un plan doit être clair, même pour un inconnu", "add `owner = { name = \"…\", email = \"…\" }`: a plan must be clear even to a stranger"),
                ),
                Some(owner) if owner.email.is_none() && owner.phone.is_none() => self.push(
                    Rule::ActionOwner,
                    Severity::Warning,
                    ItemKind::Action,
                    id,
                    tr!("action `{id}` : le responsable {} n’a ni e-mail ni téléphone", "action `{id}`: owner {} has no email or phone", owner.name),
                    l("ajoutez `email` ou `phone` au responsable", "add `email` or `phone` to the owner"),
                ),
                Some(_) => {}
            }
            self.findings
                .extend(schedule::date_findings(plan, action, &work));
        }
    }

    /// Reports each dependency cycle among actions once.
    fn cycles(&mut self) {
        self.findings.extend(schedule::cycle_findings(self.plan));
    }
}

fn not_additive_help(kpi: &KpiDef) -> Localized {
    match &kpi.definition {
        Definition::Formula(formula) => tr!(
            "`{}` est elle-même une formule : écrivez sa formule à la place (`{}`), pour que le résultat soit calculé sur des mesures sommées",
            "`{}` is itself a formula: write its formula in place (`{}`), so that the result is computed from summed measures",
            kpi.id,
            formula.source()
        ),
        _ => tr!(
            "`{}` est une moyenne ou une dernière valeur et ne peut pas être sommée sur une fenêtre ; utilisez-la directement comme KPI",
            "`{}` is an average or a last value and cannot be summed over a window; use it directly as a KPI",
            kpi.id
        ),
    }
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
/// Messages are in `lang`, except a syntax error's, which comes from the
/// TOML reader in English.
pub fn check_text(file: &str, text: &str, lang: Lang) -> Vec<Located> {
    match crate::plan_file::parse(text) {
        Err(error) => vec![Located::syntax(file, error)],
        Ok(parsed) => locate(&parsed, check(&parsed.plan), lang),
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
pub fn locate(
    parsed: &crate::plan_file::ParsedPlan,
    findings: Vec<Finding>,
    lang: Lang,
) -> Vec<Located> {
    findings
        .into_iter()
        .map(|finding| {
            let location = parsed.source_map.locate(finding.kind, &finding.item);
            Located {
                rule: finding.rule.code(),
                severity: finding.severity,
                item: finding.item,
                message: finding.message.get(lang).to_owned(),
                kind: Some(finding.kind),
                help: Some(finding.help.get(lang).to_owned()),
                line: location.map(|l| l.line),
                column: location.map(|l| l.column),
            }
        })
        .collect()
}
