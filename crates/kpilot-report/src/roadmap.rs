//! The roadmap for leadership (seed 001): the plan on one page — horizon,
//! vision, the SMART table (Impact | Specific | Measurable | Achievable &
//! realistic | Time-bound) and the strategies and tactics under each
//! objective.

use kpilot_core::calendar::WorkDays;
use kpilot_core::kpi::Lang;
use kpilot_core::plan::Plan;
use kpilot_core::schedule::allocated;

use crate::document::{Cell, Column, Document, Kind, Section, Table, date_text, kind_of};

fn say(lang: Lang, fr: &str, en: &str) -> String {
    match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// How many objectives an action serves: those of the strategy of its
/// tactic (at least one, so that a budget is never divided by zero).
fn objectives_served(plan: &Plan, action: &kpilot_core::plan::Action) -> usize {
    plan.tactics
        .iter()
        .filter(|tactic| tactic.id == action.tactic)
        .flat_map(|tactic| {
            plan.strategies
                .iter()
                .filter(move |s| s.id == tactic.strategy)
        })
        .map(|strategy| strategy.objectives.len())
        .sum::<usize>()
        .max(1)
}

/// An objective's own budget, from the actions that serve it: an action
/// serving several objectives (its strategy serves them all) is shared
/// equally among them, so that the objectives' budgets add up to the
/// actions', never one strategy's whole budget counted on each objective.
fn objective_budget(plan: &Plan, actions: &[&kpilot_core::plan::Action], work: &WorkDays) -> f64 {
    actions
        .iter()
        .map(|action| allocated(action, plan, work) / objectives_served(plan, action) as f64)
        .sum()
}

pub fn document(plan: &Plan, lang: Lang) -> Document {
    let currency = plan.currency.as_str();
    let work = WorkDays::new(&plan.calendar);
    let mut head = Section::new("roadmap", say(lang, "Feuille de route", "Roadmap"));
    head.paragraphs.push(match lang {
        Lang::Fr => format!(
            "Horizon : du {} au {}.",
            date_text(plan.start, lang),
            date_text(plan.end, lang)
        ),
        Lang::En => format!(
            "Horizon: {} to {}.",
            date_text(plan.start, lang),
            date_text(plan.end, lang)
        ),
    });
    if !plan.vision.is_empty() {
        head.paragraphs.push(format!(
            "{} : {}",
            say(lang, "Énoncé de vision", "Vision statement"),
            plan.vision
        ));
    }
    if !plan.mission.is_empty() {
        head.paragraphs.push(format!(
            "{} : {}",
            say(lang, "Mission", "Mission"),
            plan.mission
        ));
    }
    let columns = vec![
        Column::new("Impact", Kind::Text),
        Column::new(say(lang, "Spécifique", "Specific"), Kind::Text),
        Column::new(say(lang, "Mesurable", "Measurable"), Kind::Text),
        Column::new(
            say(lang, "Atteignable et réaliste", "Achievable & realistic"),
            Kind::Text,
        ),
        Column::new(
            say(lang, "Délimité dans le temps", "Time-bound"),
            Kind::Date,
        ),
    ];
    let mut rows = Vec::new();
    let mut strategies = Section::new(
        "strategies",
        say(lang, "Stratégies et tactiques", "Strategies and tactics"),
    );
    // A goal's impact is said once, on its first objective's row.
    let mut impacts_said = Vec::new();
    for objective in &plan.objectives {
        let goal = objective.goal.as_ref().and_then(|id| plan.goal(id));
        let first_of_goal = match &objective.goal {
            Some(id) if impacts_said.contains(&id) => false,
            Some(id) => {
                impacts_said.push(id);
                true
            }
            None => true,
        };
        let impact = if first_of_goal {
            goal.and_then(|g| g.impact.clone())
                .or_else(|| goal.map(|g| g.title.clone()))
                .unwrap_or_default()
        } else {
            String::new()
        };
        let mut specific = objective.title.clone();
        let scope: Vec<String> = [
            objective.channel.as_ref().map(|c| c.to_string()),
            objective.segment.as_ref().map(|s| s.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !scope.is_empty() {
            specific.push_str(&format!(" ({})", scope.join(", ")));
        }
        let kpi = plan.kpi_of(objective);
        let measurable = match kpi {
            Some(kpi) => {
                let value = |v: Option<f64>| {
                    v.map_or("—".to_owned(), |v| {
                        Cell::Number(v, kind_of(kpi.unit)).display(currency, lang)
                    })
                };
                format!(
                    "{} : {} → {}",
                    kpi.name.get(lang),
                    value(objective.baseline),
                    value(objective.target)
                )
            }
            None => say(lang, "sans KPI", "no KPI"),
        };
        // What makes it achievable: who carries it and with what means.
        let tactics: Vec<_> = plan
            .strategies
            .iter()
            .filter(|s| s.objectives.contains(&objective.id))
            .flat_map(|s| plan.tactics.iter().filter(move |t| t.strategy == s.id))
            .collect();
        let actions: Vec<_> = plan
            .actions
            .iter()
            .filter(|a| tactics.iter().any(|t| t.id == a.tactic))
            .collect();
        let budget = objective_budget(plan, &actions, &work);
        let owner = objective
            .owner
            .clone()
            .unwrap_or_else(|| say(lang, "sans responsable", "no owner"));
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count > 1 { many } else { one })
        };
        let achievable = match lang {
            Lang::Fr => format!(
                "{owner} ; {}, {}, {} alloués",
                plural(tactics.len(), "tactique", "tactiques"),
                plural(actions.len(), "action", "actions"),
                Cell::Number(budget, Kind::Money).display(currency, lang)
            ),
            Lang::En => format!(
                "{owner}; {}, {}, {} allocated",
                plural(tactics.len(), "tactic", "tactics"),
                plural(actions.len(), "action", "actions"),
                Cell::Number(budget, Kind::Money).display(currency, lang)
            ),
        };
        rows.push(vec![
            Cell::text(impact),
            Cell::text(specific),
            Cell::text(measurable),
            Cell::text(achievable),
            Cell::Date(objective.deadline.unwrap_or(plan.end)),
        ]);
        for strategy in plan
            .strategies
            .iter()
            .filter(|s| s.objectives.contains(&objective.id))
        {
            let tactics: Vec<String> = plan
                .tactics
                .iter()
                .filter(|t| t.strategy == strategy.id)
                .map(|t| format!("{} ({})", t.title, t.channel))
                .collect();
            strategies.items.push(format!(
                "{} — {} : {}",
                objective.title,
                strategy.title,
                if tactics.is_empty() {
                    say(lang, "aucune tactique", "no tactic")
                } else {
                    tactics.join(" ; ")
                }
            ));
        }
    }
    head.table = Some(Table { columns, rows });
    Document {
        lang,
        currency: currency.to_owned(),
        title: plan.name.clone(),
        subtitle: plan.id.as_str().to_owned(),
        sections: vec![head, strategies],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_objectives_budgets_add_up_to_the_actions_once() {
        // The demo's roadmap once showed each strategy's whole budget on
        // each of its objectives: about 328 k€ for a 120 k€ envelope.
        let text = include_str!("../../../examples/cloud-kicks.toml");
        let plan = kpilot_core::plan_file::parse(text)
            .expect("the example reads")
            .plan;
        let work = WorkDays::new(&plan.calendar);
        let mut total = 0.0;
        for objective in &plan.objectives {
            let actions: Vec<_> = plan
                .actions
                .iter()
                .filter(|action| {
                    plan.tactics.iter().any(|tactic| {
                        tactic.id == action.tactic
                            && plan.strategies.iter().any(|strategy| {
                                strategy.id == tactic.strategy
                                    && strategy.objectives.contains(&objective.id)
                            })
                    })
                })
                .collect();
            total += objective_budget(&plan, &actions, &work);
        }
        let serving: f64 = plan
            .actions
            .iter()
            .filter(|action| {
                plan.tactics.iter().any(|tactic| {
                    tactic.id == action.tactic
                        && plan
                            .strategies
                            .iter()
                            .any(|s| s.id == tactic.strategy && !s.objectives.is_empty())
                })
            })
            .map(|action| allocated(action, &plan, &work))
            .sum();
        assert!((total - serving).abs() < 0.01, "{total} against {serving}");
        assert!(total <= kpilot_core::budget::actions_budget(&plan).value() + 0.01);
        // Each goal's impact once.
        let document = document(&plan, Lang::Fr);
        let table = document
            .sections
            .iter()
            .find_map(|section| section.table.as_ref())
            .expect("the SMART table");
        let impacts: Vec<String> = table
            .rows
            .iter()
            .filter_map(|row| match &row[0] {
                Cell::Text(text) if !text.is_empty() => Some(text.clone()),
                _ => None,
            })
            .collect();
        let mut unique = impacts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(impacts.len(), unique.len(), "{impacts:?}");
    }
}
