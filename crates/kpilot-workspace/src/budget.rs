//! The budget report of `kpilot budget`: the envelope against what the
//! actions are allocated, planned, spent and have left, and where spend
//! ends up at the current pace; with its JSON.

use jiff::civil::Date;
use kpilot_core::budget::{self, By, Report};
use kpilot_core::kpi::Lang;
use kpilot_core::plan::Plan;
use kpilot_store::Store;
use serde_json::json;

use crate::{Error, data};

/// The budget report of `plan` at `at`, its lines broken down `by` a
/// channel, tactic, action, week or month when asked.
pub fn report(store: &dyn Store, plan: &Plan, at: Date, by: Option<By>) -> Result<Report, Error> {
    let envelope = data::envelope(store, plan)?;
    let spending = data::spending(store, plan, at)?;
    Ok(budget::report(plan, at, envelope, &spending, by))
}

/// The name of a breakdown, as `--by` spells it and the JSON keys its lines.
pub fn by_name(by: By) -> &'static str {
    match by {
        By::Channel => "channel",
        By::Tactic => "tactic",
        By::Action => "action",
        By::Week => "week",
        By::Month => "month",
    }
}

/// Money rounded to the cent, as JSON numbers.
pub fn cents(value: f64) -> f64 {
    // + 0.0: no "-0.0".
    (value * 100.0).round() / 100.0 + 0.0
}

/// The report as `kpilot budget --format json` prints it (a contract:
/// its keys are never renamed), messages in `lang`.
pub fn to_json(plan: &Plan, report: &Report, by: Option<By>, lang: Lang) -> serde_json::Value {
    json!({
        "plan": plan.id.as_str(),
        "at": report.at.to_string(),
        "currency": plan.currency.as_str(),
        "method": plan.budget.method(),
        "envelope": report.envelope.map(cents),
        "allocated": cents(report.allocated),
        "planned": cents(report.planned),
        "spent": cents(report.spent),
        "remaining": report.remaining.map(cents),
        "forecast": report.forecast.map(cents),
        "by": by.map(by_name),
        "lines": report.lines.iter().map(|line| {
            let mut object = serde_json::Map::new();
            object.insert(by.map_or("key", by_name).to_owned(), json!(line.key));
            object.insert("budget".to_owned(), json!(cents(line.budget)));
            object.insert("planned".to_owned(), json!(cents(line.planned)));
            object.insert("spent".to_owned(), json!(cents(line.spent)));
            object.insert("remaining".to_owned(), json!(cents(line.remaining())));
            serde_json::Value::Object(object)
        }).collect::<Vec<_>>(),
        "findings": report.findings.iter().map(|notice| json!({
            "rule": notice.rule,
            "item": notice.item,
            "message": notice.message.get(lang),
        })).collect::<Vec<_>>(),
    })
}
