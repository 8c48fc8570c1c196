//! `kpilot spend ACTION AMOUNT --date D [--note N]`: spend entered by hand
//! against an action of a plan, beside the cost imported with action ids.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::display;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_store::NewSpend;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::cli::SpendArgs;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &SpendArgs) -> Result<ExitCode> {
    let amount = parse_amount(&args.amount)?;
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let Some(action) = plan.actions.iter().find(|a| a.id.as_str() == args.action) else {
        let known: Vec<&str> = plan.actions.iter().map(|a| a.id.as_str()).collect();
        bail!(
            "plan `{}` has no action `{}`; its actions: {}",
            plan.id,
            args.action,
            known.join(", ")
        );
    };
    if args.date < plan.start || args.date > plan.end {
        bail!(
            "{} is outside plan `{}` ({} to {}): spend is counted within the plan's days",
            args.date,
            plan.id,
            plan.start,
            plan.end
        );
    }
    let id = store.record_spend(&NewSpend {
        plan: plan.id.clone(),
        action: action.id.to_string(),
        day: args.date,
        amount,
        note: args.note.clone(),
        entered_by: super::plan::whoami(),
    })?;
    let money = display::value(
        amount.to_f64(),
        Unit::Currency,
        plan.currency.as_str(),
        settings.lang,
    );
    super::emit(&match settings.lang {
        Lang::Fr => format!(
            "dépense n° {id} enregistrée : {money} le {} pour « {} »\n",
            args.date, action.title
        ),
        Lang::En => format!(
            "spend #{id} recorded: {money} on {} for “{}”\n",
            args.date, action.title
        ),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// An amount as a person types it: `1234.56`, `1 234,56`, `-50` (a credit).
fn parse_amount(text: &str) -> Result<Decimal> {
    let amount = super::amount(text)?;
    if amount.is_zero() {
        bail!("amount `{text}` is zero: there is nothing to record");
    }
    Ok(amount)
}
