//! `kpilot budget [--plan ID] [--at DATE] [--by channel|tactic|action|month]`:
//! the envelope against what the actions are allocated, planned, spent and
//! have left, and where spend ends up at the current pace.

use std::process::ExitCode;

use anyhow::Result;
use kpilot_core::budget::{By, Report};
use kpilot_core::display;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::Plan;
use kpilot_workspace::budget::by_name;

use crate::cli::{BudgetArgs, BudgetByArg, TableFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &BudgetArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let at = args.at.unwrap_or_else(super::today);
    let by = args.by.map(|by| match by {
        BudgetByArg::Channel => By::Channel,
        BudgetByArg::Tactic => By::Tactic,
        BudgetByArg::Action => By::Action,
        BudgetByArg::Week => By::Week,
        BudgetByArg::Month => By::Month,
    });
    let report = kpilot_workspace::budget::report(store.as_ref(), plan, at, by)?;
    let lang = settings.lang;
    let out = match args.format {
        TableFormat::Json => {
            let value = kpilot_workspace::budget::to_json(plan, &report, by, lang);
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        TableFormat::Table => table(plan, &report, by, lang),
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn table(plan: &Plan, report: &Report, by: Option<By>, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let money = |v: Option<f64>| display::value(v, Unit::Currency, plan.currency.as_str(), lang);
    let method = match (plan.budget.method(), fr) {
        ("fixed", true) => "fixe",
        ("revenue_share", true) => "part du chiffre d’affaires",
        ("bottom_up", true) => "somme des actions",
        (method, _) => method,
    };
    let mut out = if fr {
        format!("Budget de {} ({}) au {}\n", plan.name, plan.id, report.at)
    } else {
        format!("Budget of {} ({}) at {}\n", plan.name, plan.id, report.at)
    };
    let label = |fr_text: &'static str, en: &'static str| if fr { fr_text } else { en };
    let summary = vec![
        vec![
            label("enveloppe", "envelope").to_owned(),
            money(report.envelope),
            format!("({method})"),
        ],
        vec![
            label("alloué aux actions", "allocated to actions").to_owned(),
            money(Some(report.allocated)),
            String::new(),
        ],
        vec![
            label("prévu à date", "planned to date").to_owned(),
            money(Some(report.planned)),
            String::new(),
        ],
        vec![
            label("dépensé à date", "spent to date").to_owned(),
            money(Some(report.spent)),
            String::new(),
        ],
        vec![
            label("reste", "remaining").to_owned(),
            money(report.remaining),
            String::new(),
        ],
        vec![
            label("prévision à la fin", "forecast at the end").to_owned(),
            money(report.forecast),
            format!("({})", plan.end),
        ],
    ];
    for line in super::table::grid(&summary, |column| column == 1).lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    if let Some(by) = by {
        let head = match (by, fr) {
            (By::Channel, true) => "canal",
            (By::Tactic, true) => "tactique",
            (By::Action, true) => "action",
            (By::Week, true) => "semaine",
            (By::Month, true) => "mois",
            (by, false) => by_name(by),
        };
        let mut cells = vec![vec![
            head.to_owned(),
            "budget".to_owned(),
            label("prévu", "planned").to_owned(),
            label("dépensé", "spent").to_owned(),
            label("reste", "remaining").to_owned(),
        ]];
        for line in &report.lines {
            cells.push(vec![
                line.key.clone(),
                money(Some(line.budget)),
                money(Some(line.planned)),
                money(Some(line.spent)),
                money(Some(line.remaining())),
            ]);
        }
        out.push('\n');
        out.push_str(&super::table::grid(&cells, |column| column > 0));
    }
    if !report.findings.is_empty() {
        out.push('\n');
        for notice in &report.findings {
            out.push_str(&format!(
                "{} [{}] {}\n",
                notice.rule,
                notice.item,
                notice.message.get(lang)
            ));
        }
    }
    out
}
