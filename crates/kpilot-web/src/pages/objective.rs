//! An objective's page: where it stands (its value against its target,
//! its status), its chart with each check-in marked on the time axis, the
//! check-ins (who said what, when, how confident), and the form for this
//! week's, with the check-in before shown to write it against. The
//! check-in goes through kpilot-workspace's `tracking`, as `kpilot checkin`
//! does.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use kpilot_core::display;
use kpilot_core::ids::ObjectiveId;
use kpilot_core::kpi::Lang;
use kpilot_core::progress::{CheckIn, Confidence};
use kpilot_report::document::{Band, Chart, date_text};
use kpilot_store::StoredCheckIn;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::day_of;
use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load};

/// Who a check-in made from the web is recorded as, until there are
/// accounts.
const CHECKED_IN_BY: &str = "web";

#[derive(Deserialize)]
pub struct ObjectiveQuery {
    at: Option<String>,
}

/// `GET /plans/{id}/objectives/{objective}`.
pub async fn page(
    State(state): State<AppState>,
    Path((id, objective)): Path<(String, String)>,
    Query(query): Query<ObjectiveQuery>,
    ui: Ui,
) -> Result<Response, AppError> {
    let at = day_of(&ui, query.at.as_deref())?.unwrap_or(ui.today);
    render(&state, &ui, &id, &objective, at, None, StatusCode::OK).await
}

/// The page, with `problem` said above the form when a check-in was
/// refused.
async fn render(
    state: &AppState,
    ui: &Ui,
    id: &str,
    objective: &str,
    at: Date,
    problem: Option<String>,
    status_code: StatusCode,
) -> Result<Response, AppError> {
    let stored = load(state.clone(), id.to_owned()).await?;
    let plan = stored.plan.clone();
    let Some(found) = plan
        .objectives
        .iter()
        .find(|o| o.id.as_str() == objective)
        .cloned()
    else {
        return Err(AppError::NotFound(ui.t("objective-not-found")));
    };
    let lang = ui.lang();
    let store = state.store.clone();
    let read_plan = plan.clone();
    let read_objective = found.clone();
    let (row, history, checkins) = blocking(move || {
        let status = kpilot_workspace::status::status(store.as_ref(), &read_plan, at, lang)?;
        let row = status
            .objectives
            .into_iter()
            .find(|row| row.id == read_objective.id.as_str());
        let history = match &row {
            Some(row) => Some(kpilot_workspace::review::history(
                store.as_ref(),
                &read_plan,
                &read_objective,
                &row.kpi,
                read_plan.start.min(at),
                at,
            )?),
            None => None,
        };
        let checkins = kpilot_workspace::tracking::checkins(
            store.as_ref(),
            &read_plan,
            Some(&read_objective.id),
        )?;
        Ok((row, history, checkins))
    })
    .await?;
    let currency = plan.currency.as_str();
    let value = |value: Option<f64>| match &row {
        Some(row) => display::value(value, row.kpi.unit, currency, lang),
        None => "—".to_owned(),
    };
    let marks: Vec<(Date, String)> = checkins
        .iter()
        .filter(|stored| stored.checkin.on <= at)
        .map(|stored| {
            (
                stored.checkin.on,
                confidence_text(ui, stored.checkin.confidence),
            )
        })
        .collect();
    let chart = history.as_ref().and_then(|history| {
        let band = row.as_ref().and_then(|row| {
            let forecast = row.forecast.as_ref().ok()?;
            Some(Band {
                name: ui.t("dashboard-forecast-band"),
                from: (at, row.value?),
                to: found.deadline.unwrap_or(plan.end),
                low: forecast.low,
                high: forecast.high,
                value: forecast.value,
            })
        });
        let mut chart = kpilot_report::review::objective_chart(history, band, lang)?;
        if let Chart::Lines { marks: drawn, .. } = &mut chart {
            *drawn = marks.clone();
        }
        Some(chart)
    });
    let previous = checkins.iter().rev().find(|stored| stored.checkin.on <= at);
    let title = found.title.clone();
    let body = html! {
        p { a href={ "/plans/" (plan.id) "#objective-" (found.id) } { (ui.t("objective-back")) } }
        @if let Some(row) = &row {
            p.muted { (row.kpi.name.get(lang)) " · " (ui.t(&format!("status-{}", row.status.as_str()))) }
            dl.figures {
                div { dt { (ui.t("dashboard-value")) } dd.value { (value(row.value)) } }
                div { dt { (ui.t("dashboard-target")) } dd.target { (value(row.target)) } }
                div { dt { (ui.t("dashboard-deadline")) } dd { (date_text(found.deadline.unwrap_or(plan.end), lang)) } }
            }
        }
        @if let Some(chart) = &chart {
            figure.chart {
                div role="img" aria-label=(ui.tr.t_with("objective-chart-label", &[("name", title.clone().into())])) {
                    (PreEscaped(kpilot_report::chart::svg(chart, currency, lang)))
                }
                @if !marks.is_empty() {
                    figcaption { (ui.t("objective-chart-marks")) }
                }
            }
        }
        h2 { (ui.t("objective-checkins")) }
        @if checkins.is_empty() {
            p.notice { (ui.t("objective-no-checkins")) }
        } @else {
            div.table-wrap {
                table #checkins {
                    thead { tr {
                        th scope="col" { (ui.t("objective-checkin-day")) }
                        th scope="col" { (ui.t("objective-checkin-confidence")) }
                        th scope="col" { (ui.t("objective-checkin-comment")) }
                        th scope="col" class="number" { (ui.t("objective-checkin-value")) }
                        th scope="col" { (ui.t("objective-checkin-by")) }
                    } }
                    tbody {
                        @for stored in checkins.iter().rev() {
                            tr data-confidence=(stored.checkin.confidence.code()) {
                                th scope="row" { (date_text(stored.checkin.on, lang)) }
                                td { (confidence_text(ui, stored.checkin.confidence)) }
                                td { (stored.checkin.comment) }
                                td.number { @if let Some(v) = stored.checkin.value { (display::decimal(v, lang)) } }
                                td { (stored.recorded_by) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (ui.t("objective-checkin-title")) }
        @if let Some(previous) = previous {
            p.muted { (previous_text(ui, previous, lang)) }
        }
        @if let Some(problem) = &problem {
            p.error role="alert" { (problem) }
        }
        (form(ui, plan.id.as_str(), found.id.as_str(), at))
    };
    Ok(ui.page_with_status(
        status_code,
        &title,
        Nav::Dashboard,
        Some(plan.id.as_str()),
        body,
    ))
}

fn form(ui: &Ui, plan: &str, objective: &str, at: Date) -> Markup {
    html! {
        form.stacked #checkin-form method="post" action={ "/plans/" (plan) "/objectives/" (objective) "/checkins" } {
            (ui.csrf_field())
            label {
                (ui.t("objective-checkin-confidence"))
                select name="confidence" required {
                    @for code in ["on_track", "at_risk", "off_track"] {
                        option value=(code) { (ui.t(&format!("confidence-{code}"))) }
                    }
                    @for score in (0..=10).rev() {
                        option value=(score) { (score) "/10" }
                    }
                }
            }
            label {
                (ui.t("objective-checkin-comment"))
                textarea name="comment" {}
                span.muted { (ui.t("objective-checkin-comment-help")) }
            }
            label {
                (ui.t("objective-checkin-value"))
                input type="text" name="value" inputmode="decimal";
                span.muted { (ui.t("objective-checkin-value-help")) }
            }
            label {
                (ui.t("objective-checkin-day"))
                input type="date" name="on" value=(at.to_string()) required;
            }
            div { button type="submit" { (ui.t("objective-checkin-submit")) } }
        }
    }
}

fn confidence_text(ui: &Ui, confidence: Confidence) -> String {
    match confidence {
        Confidence::Score(score) => format!("{score}/10"),
        other => ui.t(&format!("confidence-{}", other.code())),
    }
}

fn previous_text(ui: &Ui, previous: &StoredCheckIn, lang: Lang) -> String {
    ui.tr.t_with(
        "objective-previous",
        &[
            ("day", date_text(previous.checkin.on, lang).into()),
            ("by", previous.recorded_by.clone().into()),
            (
                "confidence",
                confidence_text(ui, previous.checkin.confidence).into(),
            ),
            ("comment", previous.checkin.comment.clone().into()),
        ],
    )
}

/// `POST /plans/{id}/objectives/{objective}/checkins`: records the week's
/// check-in, then shows the page again (or why it was refused).
pub async fn check_in(
    State(state): State<AppState>,
    Path((id, objective)): Path<(String, String)>,
    ui: Ui,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    ui.verify(field("csrf").as_deref())?;
    let on = day_of(&ui, field("on").as_deref())?.unwrap_or(ui.today);
    let refuse = |problem: String| {
        let state = state.clone();
        let ui = &ui;
        let id = id.clone();
        let objective = objective.clone();
        async move {
            render(
                &state,
                ui,
                &id,
                &objective,
                on,
                Some(problem),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let Some(confidence) = field("confidence").as_deref().and_then(Confidence::parse) else {
        return refuse(ui.t("objective-bad-confidence")).await;
    };
    let value = match field("value") {
        None => None,
        Some(text) => {
            use kpilot_import::number::{DecimalMark, parse_number};
            let mark = DecimalMark::detect(std::iter::once(text.as_str()), b';');
            match parse_number(&text, mark) {
                Ok(value) => Some(value),
                Err(error) => return refuse(error.message().render(ui.lang())).await,
            }
        }
    };
    let Ok(objective_id) = ObjectiveId::parse(&objective) else {
        return Err(AppError::NotFound(ui.t("objective-not-found")));
    };
    let stored = load(state.clone(), id.clone()).await?;
    let checkin = CheckIn {
        objective: objective_id,
        on,
        confidence,
        comment: field("comment").unwrap_or_default(),
        value,
    };
    let store = state.store.clone();
    let result = blocking(move || {
        Ok(kpilot_workspace::tracking::check_in(
            store.as_ref(),
            &stored.plan,
            &checkin,
            CHECKED_IN_BY,
        )?)
    })
    .await?;
    match result {
        Ok(_) => Ok(ui.redirect(&format!("/plans/{id}/objectives/{objective}#checkins"))),
        Err(refused) => refuse(refused.message().render(ui.lang())).await,
    }
}
