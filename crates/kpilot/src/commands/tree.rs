//! The plan's chain as an indented tree: mission and vision, goals with their
//! objectives (KPI, baseline → target by deadline), then strategies with
//! their tactics and actions. Used by `plan show`.

use std::fmt::Write as _;

use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_core::{budget, display};

pub fn render(plan: &Plan, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut out = String::new();
    let currency = plan.currency.as_str();
    let money = |amount: f64| display::value(Some(amount), Unit::Currency, currency, lang);
    let _ = writeln!(out, "{} ({})", plan.name, plan.id);
    let horizon = match plan.horizon_months() {
        Some(months) if fr => format!(" ({months} mois)"),
        Some(1) => " (1 month)".to_owned(),
        Some(months) => format!(" ({months} months)"),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "  {} → {}{horizon} · budget {} ({})",
        plan.start,
        plan.end,
        budget::envelope(plan, None).map_or_else(
            || {
                if fr {
                    "part du CA des 12 mois précédents".to_owned()
                } else {
                    "share of the previous 12 months' revenue".to_owned()
                }
            },
            |amount| money(amount.value())
        ),
        plan.budget.method()
    );
    if !plan.mission.is_empty() {
        let _ = writeln!(out, "  Mission : {}", plan.mission);
    }
    if !plan.vision.is_empty() {
        let _ = writeln!(out, "  Vision : {}", plan.vision);
    }
    for goal in &plan.goals {
        let _ = writeln!(
            out,
            "\n{} {} — {}",
            if fr { "But" } else { "Goal" },
            goal.id,
            goal.title
        );
        for objective in plan.objectives_of(&goal.id) {
            let _ = writeln!(
                out,
                "  {} {} — {}",
                if fr { "Objectif" } else { "Objective" },
                objective.id,
                objective.title
            );
            let kpi = objective.kpi.as_ref().and_then(|id| plan.kpi(id.as_str()));
            let (name, unit) = match kpi {
                Some(kpi) => (kpi.name.get(lang).to_owned(), kpi.unit),
                None => (
                    objective
                        .kpi
                        .as_ref()
                        .map_or("?".to_owned(), |id| id.to_string()),
                    Unit::Ratio,
                ),
            };
            let deadline = objective.deadline.map_or("—".to_owned(), |d| d.to_string());
            let scope = [
                objective.channel.as_ref().map(|c| c.to_string()),
                objective.segment.as_ref().map(|s| s.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
            let _ = writeln!(
                out,
                "    {name}: {} → {} {} {deadline}{}{}",
                display::value(objective.baseline, unit, currency, lang),
                display::value(objective.target, unit, currency, lang),
                if fr { "au" } else { "by" },
                if scope.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", scope.join(" · "))
                },
                objective
                    .owner
                    .as_ref()
                    .map_or(String::new(), |o| format!(" · {o}")),
            );
        }
    }
    for strategy in &plan.strategies {
        let objectives: Vec<&str> = strategy.objectives.iter().map(|id| id.as_str()).collect();
        let _ = writeln!(
            out,
            "\n{} {} — {} [{}]",
            if fr { "Stratégie" } else { "Strategy" },
            strategy.id,
            strategy.title,
            objectives.join(", ")
        );
        for tactic in plan.tactics.iter().filter(|t| t.strategy == strategy.id) {
            let metrics: Vec<&str> = tactic.metrics.iter().map(|m| m.kpi.as_str()).collect();
            let _ = writeln!(
                out,
                "  {} {} ({}) — {} [{}]",
                if fr { "Tactique" } else { "Tactic" },
                tactic.id,
                tactic.channel,
                tactic.title,
                metrics.join(", ")
            );
            for action in plan.actions.iter().filter(|a| a.tactic == tactic.id) {
                let kind = match (action.kind, fr) {
                    (ActionKind::OneOff, true) => "ponctuelle",
                    (ActionKind::OneOff, false) => "one-off",
                    (ActionKind::Recurring, true) => "récurrente",
                    (ActionKind::Recurring, false) => "recurring",
                    (ActionKind::Continuous, true) => "continue",
                    (ActionKind::Continuous, false) => "continuous",
                };
                let dates = match (action.start, action.due) {
                    (Some(start), Some(due)) => format!("{start} → {due}"),
                    (None, Some(due)) => format!("→ {due}"),
                    (Some(start), None) => format!("{start} →"),
                    (None, None) => "—".to_owned(),
                };
                let _ = writeln!(
                    out,
                    "    Action {} — {} · {kind} · {dates} · {} · {}",
                    action.id,
                    action.title,
                    action.owner.as_ref().map_or("—", |o| o.name.as_str()),
                    action.budget.map_or("—".to_owned(), |b| money(b.value())),
                );
            }
        }
    }
    out
}
