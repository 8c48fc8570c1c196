//! The start page: the workspace's plans, and a form that creates an empty
//! plan. With exactly one plan it goes straight to that plan's dashboard.

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use kpilot_core::calendar::Calendar;
use kpilot_core::ids::PlanId;
use kpilot_core::plan::{Budget, Currency, Plan, Tracking};
use kpilot_store::PlanSummary;
use maud::{Markup, html};
use serde::Deserialize;

use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking};

pub async fn list(State(state): State<AppState>, ui: Ui) -> Result<Response, AppError> {
    let store = state.store.clone();
    let plans = blocking(move || Ok(store.plans()?)).await?;
    if let [plan] = plans.as_slice() {
        return Ok(ui.redirect(&format!("/plans/{}", plan.id)));
    }
    Ok(page(&ui, &plans, &NewPlan::default(), &[], StatusCode::OK))
}

/// The form that creates a plan.
#[derive(Debug, Default, Deserialize)]
pub struct NewPlan {
    csrf: Option<String>,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    currency: String,
}

/// Creates an empty plan (no goal yet, a bottom-up budget) and opens its
/// editor; a value that cannot be read shows the form again with why.
pub async fn create(
    State(state): State<AppState>,
    ui: Ui,
    Form(form): Form<NewPlan>,
) -> Result<Response, AppError> {
    ui.verify(form.csrf.as_deref())?;
    let store = state.store.clone();
    let plans = blocking(move || Ok(store.plans()?)).await?;
    let mut errors: Vec<(&str, String)> = Vec::new();
    let id = PlanId::parse(form.id.trim());
    match &id {
        Err(_) => errors.push(("id", ui.t("editor-problem-bad-id"))),
        Ok(id) if plans.iter().any(|plan| plan.id == id.as_str()) => {
            errors.push(("id", ui.t("plans-new-exists")));
        }
        Ok(_) => {}
    }
    if form.name.trim().is_empty() {
        errors.push(("name", ui.t("editor-problem-required")));
    }
    let date = |text: &str| text.trim().parse::<Date>().ok();
    let bad_date = |text: &str| ui.tr.t_with("error-bad-date", &[("value", text.into())]);
    let (start, end) = (date(&form.start), date(&form.end));
    if start.is_none() {
        errors.push(("start", bad_date(&form.start)));
    }
    if end.is_none() {
        errors.push(("end", bad_date(&form.end)));
    }
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.push(("end", ui.t("plans-new-end-before-start")));
    }
    let currency = Currency::parse(form.currency.trim());
    if currency.is_err() {
        errors.push(("currency", ui.t("plans-new-bad-currency")));
    }
    let (Ok(id), Some(start), Some(end), Ok(currency), true) =
        (id, start, end, currency, errors.is_empty())
    else {
        return Ok(page(
            &ui,
            &plans,
            &form,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let plan = Plan {
        id,
        name: form.name.trim().to_owned(),
        mission: String::new(),
        vision: String::new(),
        start,
        end,
        currency,
        budget: Budget::BottomUp,
        goals: Vec::new(),
        objectives: Vec::new(),
        kpis: Vec::new(),
        segments: Vec::new(),
        channels: Vec::new(),
        strategies: Vec::new(),
        tactics: Vec::new(),
        actions: Vec::new(),
        experiments: Vec::new(),
        tracking: Tracking::default(),
        calendar: Calendar::default(),
    };
    let to = format!("/plans/{}/edit", plan.id);
    blocking(move || {
        state.store.apply_plan(&plan, "web")?;
        Ok(())
    })
    .await?;
    Ok(ui.redirect(&to))
}

fn page(
    ui: &Ui,
    plans: &[PlanSummary],
    form: &NewPlan,
    errors: &[(&str, String)],
    status: StatusCode,
) -> Response {
    let body = html! {
        @if plans.is_empty() {
            p.notice { (ui.t("plans-empty")) }
        } @else {
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (ui.t("plans-name")) }
                        th scope="col" { (ui.t("plans-period")) }
                        th scope="col" class="number" { (ui.t("plans-revision")) }
                    } }
                    tbody {
                        @for plan in plans {
                            tr {
                                td { a href={ "/plans/" (plan.id) } { (plan.name) } }
                                td { (plan.start) " → " (plan.end) }
                                td.number { (plan.revision) }
                            }
                        }
                    }
                }
            }
        }
        section.panel aria-labelledby="new-plan-title" {
            h2 #new-plan-title { (ui.t("plans-new-title")) }
            @if !errors.is_empty() {
                p.error role="alert" { (ui.t("editor-refused")) }
            }
            form.stacked method="post" action="/plans" {
                (ui.csrf_field())
                (field(ui, "id", "text", &form.id, errors))
                (field(ui, "name", "text", &form.name, errors))
                (field(ui, "start", "date", &form.start, errors))
                (field(ui, "end", "date", &form.end, errors))
                (field(ui, "currency", "text", if form.currency.is_empty() { "EUR" } else { &form.currency }, errors))
                div { button type="submit" { (ui.t("plans-new-submit")) } }
            }
        }
    };
    ui.page_with_status(status, &ui.t("plans-title"), Nav::Plans, None, body)
}

fn field(ui: &Ui, name: &str, kind: &str, value: &str, errors: &[(&str, String)]) -> Markup {
    let id = format!("new-plan-{name}");
    let message_id = format!("{id}-message");
    let messages: Vec<&String> = errors
        .iter()
        .filter(|(field, _)| *field == name)
        .map(|(_, message)| message)
        .collect();
    let invalid = !messages.is_empty();
    html! {
        div.field {
            label for=(id) { (ui.t(&format!("plans-new-{name}"))) }
            input id=(id) type=(kind) name=(name) value=(value) required
                aria-invalid=[invalid.then_some("true")]
                aria-describedby=[invalid.then_some(message_id.as_str())];
            @if invalid {
                p.error id=(message_id) { @for message in &messages { (message) br; } }
            }
        }
    }
}
