//! The dashboard: the mission and vision, then each goal with its
//! objectives — status, progress against the expected pace, value against
//! target with the sums it is computed from, forecast, and a chart of the
//! KPI against its target line, expected pace and forecast band — and the
//! alerts. `?at=` shows the plan as it stood on an earlier day.
//!
//! The figures are `kpilot status`'s (the same [`kpilot_workspace::status`]
//! call), so the page and the command line never disagree.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use jiff::civil::Date;
use kpilot_core::display;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::Plan;
use kpilot_core::progress::Confidence;
use kpilot_core::review::ObjectiveReview;
use kpilot_core::tracking::{NoForecast, RollUp, Status};
use kpilot_report::document::{Band, date_text};
use kpilot_store::{Store, StoredCheckIn};
use kpilot_workspace::status::{ObjectiveStatus, StatusReport};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::day_of;
use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load_with_version, memo};

#[derive(Deserialize)]
pub struct DashboardQuery {
    at: Option<String>,
}

/// What the page shows, read from the workspace in one blocking call.
struct Seen {
    status: StatusReport,
    /// Each tracked objective's weekly history, in the status's order.
    histories: Vec<ObjectiveReview>,
    /// The plan's check-ins, by day.
    checkins: Vec<StoredCheckIn>,
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<DashboardQuery>,
    ui: Ui,
) -> Result<Response, AppError> {
    let (stored, data_version) = load_with_version(state.clone(), id).await?;
    let plan = &stored.plan;
    let at = day_of(&ui, query.at.as_deref())?.unwrap_or(ui.today);
    let lang = ui.lang();
    let key = memo::Key {
        plan: plan.id.to_string(),
        data_version,
        at,
        lang,
    };
    let store = state.store.clone();
    let body = state
        .dashboards
        .get(key, || async {
            let read = stored.clone();
            let seen = blocking(move || see(store.as_ref(), &read.plan, at, lang)).await?;
            Ok(render(&ui, plan, at, &seen).into_string())
        })
        .await?;
    Ok(ui.page(
        &plan.name,
        Nav::Dashboard,
        Some(plan.id.as_str()),
        PreEscaped(body.as_str()),
    ))
}

/// The status of `plan` at `at` and each tracked objective's history.
fn see(store: &dyn Store, plan: &Plan, at: Date, lang: Lang) -> Result<Seen, AppError> {
    let status = kpilot_workspace::status::status(store, plan, at, lang)
        .map_err(|error| AppError::Internal(error.to_string()))?;
    let mut histories = Vec::new();
    for row in &status.objectives {
        let objective = plan
            .objectives
            .iter()
            .find(|objective| objective.id.as_str() == row.id)
            .expect("the status's objectives are the plan's");
        histories.push(
            kpilot_workspace::review::history(
                store,
                plan,
                objective,
                &row.kpi,
                plan.start.min(at),
                at,
            )
            .map_err(|error| AppError::Internal(error.to_string()))?,
        );
    }
    let checkins = kpilot_workspace::tracking::checkins(store, plan, None)
        .map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(Seen {
        status,
        histories,
        checkins,
    })
}

fn render(ui: &Ui, plan: &Plan, at: Date, seen: &Seen) -> Markup {
    let lang = ui.lang();
    let status = &seen.status;
    let rows: Vec<(&ObjectiveStatus, &ObjectiveReview)> =
        status.objectives.iter().zip(&seen.histories).collect();
    let ungrouped: Vec<_> = rows.iter().filter(|(row, _)| row.goal.is_none()).collect();
    html! {
        @if !plan.mission.is_empty() || !plan.vision.is_empty() {
            section.mission aria-label=(ui.t("dashboard-mission-label")) {
                @if !plan.mission.is_empty() {
                    p { strong { (ui.t("dashboard-mission")) } " " (plan.mission) }
                }
                @if !plan.vision.is_empty() {
                    p { strong { (ui.t("dashboard-vision")) } " " (plan.vision) }
                }
            }
        }
        form.inline method="get" action={ "/plans/" (plan.id) } {
            label {
                (ui.t("at-label"))
                input type="date" name="at" value=(at.to_string())
                    min=(plan.start.to_string()) required;
            }
            button type="submit" { (ui.t("at-submit")) }
            span.muted {
                (ui.tr.t_with("dashboard-period", &[
                    ("start", date_text(plan.start, lang).into()),
                    ("end", date_text(plan.end, lang).into()),
                ]))
            }
        }
        div.two-columns {
            div {
                p #summary {
                    (ui.t("dashboard-summary")) " "
                    @for (state, count) in counts(&RollUp::of(status.objectives.iter().map(|row| row.status))) {
                        @if count > 0 {
                            span class={ "badge status-" (state.as_str()) } {
                                (count) " " (ui.t(&format!("status-{}", state.as_str())))
                            }
                            " "
                        }
                    }
                }
            }
            section.panel aria-labelledby="alerts-title" {
                h2 #alerts-title {
                    (ui.t("dashboard-alerts")) " ("
                    (ui.tr.t_with("alerts-count", &[("count", status.alerts.len().into())]))
                    ")"
                }
                @if status.alerts.is_empty() {
                    p { (ui.t("dashboard-no-alerts")) }
                } @else {
                    ul.alerts {
                        @for alert in &status.alerts {
                            li data-rule=(alert.rule) {
                                code { (alert.rule) } " " (alert.message)
                            }
                        }
                    }
                }
            }
        }
        ul.tree {
            @for goal in &status.goals {
                li.goal #{ "goal-" (goal.id) } {
                    h2 {
                        (goal.title)
                        @if let Some(worst) = goal.roll_up.worst {
                            (badge(ui, worst))
                        }
                    }
                    @let mine: Vec<_> = rows.iter().filter(|(row, _)| row.goal.as_deref() == Some(goal.id.as_str())).collect();
                    @if mine.is_empty() {
                        p.muted { (ui.t("dashboard-goal-empty")) }
                    } @else {
                        ul.objectives {
                            @for (row, history) in mine {
                                (objective(ui, plan, at, row, history, last_checkin(&seen.checkins, &row.id, at)))
                            }
                        }
                    }
                }
            }
            @if !ungrouped.is_empty() {
                li.goal {
                    h2 { (ui.t("dashboard-no-goal")) }
                    ul.objectives {
                        @for (row, history) in ungrouped {
                            (objective(ui, plan, at, row, history, last_checkin(&seen.checkins, &row.id, at)))
                        }
                    }
                }
            }
        }
    }
}

fn counts(roll: &RollUp) -> [(Status, usize); 6] {
    [
        (Status::Achieved, roll.achieved),
        (Status::OnTrack, roll.on_track),
        (Status::AtRisk, roll.at_risk),
        (Status::OffTrack, roll.off_track),
        (Status::Missed, roll.missed),
        (Status::NoData, roll.no_data),
    ]
}

fn badge(ui: &Ui, status: Status) -> Markup {
    html! {
        span class={ "badge status-" (status.as_str()) } {
            (ui.t(&format!("status-{}", status.as_str())))
        }
    }
}

fn objective(
    ui: &Ui,
    plan: &Plan,
    at: Date,
    row: &ObjectiveStatus,
    history: &ObjectiveReview,
    checkin: Option<&StoredCheckIn>,
) -> Markup {
    let lang = ui.lang();
    let currency = plan.currency.as_str();
    let value = |v: Option<f64>| display::value(v, row.kpi.unit, currency, lang);
    let percent = |v: Option<f64>| display::value(v, Unit::Percent, currency, lang);
    let deadline = row.deadline.unwrap_or(plan.end);
    let band = row.forecast.as_ref().ok().and_then(|forecast| {
        Some(Band {
            name: ui.t("dashboard-forecast-band"),
            from: (at, row.value?),
            to: deadline,
            low: forecast.low,
            high: forecast.high,
            value: forecast.value,
        })
    });
    let chart = kpilot_report::review::objective_chart(history, band, lang);
    html! {
        li.objective #{ "objective-" (row.id) } data-status=(row.status.as_str()) {
            h3 { a href={ "/plans/" (plan.id) "/objectives/" (row.id) } { (row.title) } (badge(ui, row.status)) }
            p.muted {
                (row.kpi.name.get(lang)) " · "
                a href=(explorer_link(plan.id.as_str(), row)) { code { (row.kpi.id) } }
                " · " (ui.t(match row.kpi.direction {
                    kpilot_core::kpi::Direction::Up => "direction-up",
                    kpilot_core::kpi::Direction::Down => "direction-down",
                }))
            }
            dl.figures {
                div { dt { (ui.t("dashboard-value")) } dd.value { (value(row.value)) } }
                div { dt { (ui.t("dashboard-target")) } dd.target { (value(row.target)) } }
                div { dt { (ui.t("dashboard-baseline")) } dd { (value(row.baseline)) } }
                div { dt { (ui.t("dashboard-deadline")) } dd { (date_text(deadline, lang)) } }
                div { dt { (ui.t("dashboard-progress")) } dd.progress-value { (percent(row.progress)) } }
                div { dt { (ui.t("dashboard-expected")) } dd { (percent(row.target.map(|_| row.expected))) } }
            }
            (progress_bar(ui, row))
            p.components {
                @if let Some(window) = row.window {
                    (ui.tr.t_with("dashboard-window", &[
                        ("from", date_text(window.from, lang).into()),
                        ("to", date_text(window.to, lang).into()),
                    ]))
                    " "
                }
                @if !row.components.is_empty() {
                    (ui.t("dashboard-components")) " "
                    @for (index, (name, sum)) in row.components.iter().enumerate() {
                        @if index > 0 { " · " }
                        span.component data-name=(name) { (crate::pages::explorer::component_label(ui, &row.kpi, name)) " = " (display::decimal(*sum, lang)) }
                    }
                }
            }
            p.forecast { (forecast_text(ui, row, lang, currency)) }
            p.checkin {
                @match checkin {
                    Some(stored) => {
                        (ui.tr.t_with("dashboard-last-checkin", &[
                            ("day", date_text(stored.checkin.on, lang).into()),
                            ("by", stored.recorded_by.clone().into()),
                            ("confidence", match stored.checkin.confidence {
                                Confidence::Score(score) => format!("{score}/10"),
                                other => ui.t(&format!("confidence-{}", other.code())),
                            }.into()),
                            ("comment", stored.checkin.comment.clone().into()),
                        ]))
                        " "
                    }
                    None => { (ui.t("dashboard-no-checkin")) " " }
                }
                a href={ "/plans/" (plan.id) "/objectives/" (row.id) "#checkins" } { (ui.t("dashboard-checkin-link")) }
            }
            @if let Some(chart) = chart {
                figure.chart {
                    div role="img" aria-label=(ui.tr.t_with("dashboard-chart-label", &[("name", row.title.clone().into())])) {
                        (PreEscaped(kpilot_report::chart::svg(&chart, currency, lang)))
                    }
                }
            }
        }
    }
}

/// Progress as a bar, with a tick at the progress expected by now. The
/// numbers are written beside it; the bar only shows them.
fn progress_bar(ui: &Ui, row: &ObjectiveStatus) -> Markup {
    const WIDTH: f64 = 200.0;
    let Some(progress) = row.progress else {
        return html! {};
    };
    let filled = (progress.clamp(0.0, 1.0) * WIDTH).round();
    let expected = (row.expected.clamp(0.0, 1.0) * WIDTH).round();
    html! {
        svg.progress viewBox="0 0 200 16" preserveAspectRatio="none" aria-hidden="true" focusable="false" {
            rect.progress-track x="0" y="3" width="200" height="10" rx="2" {}
            rect class={ "progress-fill status-" (row.status.as_str()) } x="0" y="3" width=(filled) height="10" rx="2" {}
            line.progress-expected x1=(expected) x2=(expected) y1="0" y2="16" {}
        }
        span.visually-hidden {
            (ui.tr.t_with("dashboard-progress-text", &[
                ("progress", display::value(Some(progress), Unit::Percent, "EUR", ui.lang()).into()),
                ("expected", display::value(Some(row.expected), Unit::Percent, "EUR", ui.lang()).into()),
            ]))
        }
    }
}

fn forecast_text(ui: &Ui, row: &ObjectiveStatus, lang: Lang, currency: &str) -> String {
    let value = |v: f64| display::value(Some(v), row.kpi.unit, currency, lang);
    match &row.forecast {
        Ok(forecast) => ui.tr.t_with(
            "dashboard-forecast",
            &[
                ("value", value(forecast.value).into()),
                ("low", value(forecast.low).into()),
                ("high", value(forecast.high).into()),
                (
                    "chance",
                    display::value(Some(forecast.probability), Unit::Percent, currency, lang)
                        .into(),
                ),
            ],
        ),
        Err(NoForecast::TooLittleData) => ui.t("dashboard-forecast-too-little"),
        Err(NoForecast::DeadlinePassed) => ui.t("dashboard-forecast-passed"),
        Err(NoForecast::NotForecastable) => ui.t("dashboard-forecast-not-forecastable"),
        Err(NoForecast::NoTarget) => ui.t("dashboard-forecast-no-target"),
    }
}

/// The KPI explorer on the objective's own figure: its KPI, channel,
/// segment and window, so that both pages show the same value.
fn explorer_link(plan: &str, row: &ObjectiveStatus) -> String {
    let mut link = format!("/plans/{plan}/kpis?kpi={}", row.kpi.id);
    if let Some(window) = row.window {
        link.push_str(&format!("&from={}&to={}", window.from, window.to));
    }
    for (key, value) in [("channel", &row.channel), ("segment", &row.segment)] {
        if let Some(value) = value {
            link.push_str(&format!("&{key}={value}"));
        }
    }
    link
}

/// An objective's latest check-in on or before `at`.
fn last_checkin<'a>(
    checkins: &'a [StoredCheckIn],
    objective: &str,
    at: Date,
) -> Option<&'a StoredCheckIn> {
    checkins
        .iter()
        .rev()
        .find(|stored| stored.checkin.objective.as_str() == objective && stored.checkin.on <= at)
}
