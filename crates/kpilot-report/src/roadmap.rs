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
    for objective in &plan.objectives {
        let goal = objective.goal.as_ref().and_then(|id| plan.goal(id));
        let impact = goal
            .and_then(|g| g.impact.clone())
            .or_else(|| goal.map(|g| g.title.clone()))
            .unwrap_or_default();
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
        let budget: f64 = actions.iter().map(|a| allocated(a, plan, &work)).sum();
        let owner = objective
            .owner
            .clone()
            .unwrap_or_else(|| say(lang, "sans responsable", "no owner"));
        let achievable = match lang {
            Lang::Fr => format!(
                "{owner} ; {} tactique(s), {} action(s), {} alloués",
                tactics.len(),
                actions.len(),
                Cell::Number(budget, Kind::Money).display(currency, lang)
            ),
            Lang::En => format!(
                "{owner}; {} tactic(s), {} action(s), {} allocated",
                tactics.len(),
                actions.len(),
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
