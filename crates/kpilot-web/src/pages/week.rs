//! "This week" (`/plans/{id}/week`): what the team must look at on Monday,
//! kpilot-workspace's `week` as `kpilot week` prints it — objectives to
//! check in on (each linking to its page and form), actions due or late
//! (to the Actions page, where one click marks them), alerts and budget
//! overruns. The navigation bar counts the same things.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use kpilot_core::display;
use kpilot_workspace::week::Week;
use maud::{Markup, html};
use serde::Deserialize;

use super::day_of;
use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, week_of};

#[derive(Debug, Deserialize)]
pub struct WeekQuery {
    at: Option<String>,
}

/// `GET /plans/{id}/week`.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<WeekQuery>,
    ui: Ui,
) -> Result<Response, AppError> {
    let at = day_of(&ui, query.at.as_deref())?.unwrap_or(ui.today);
    let (stored, week) = week_of(&state, id, at, ui.lang()).await?;
    let plan = &stored.plan;
    let body = render(&ui, plan.id.as_str(), &week);
    Ok(ui.page(&ui.t("week-title"), Nav::Week, Some(plan.id.as_str()), body))
}

fn render(ui: &Ui, plan: &str, week: &Week) -> Markup {
    let lang = ui.lang();
    let day = |day| display::date(day, lang);
    let base = format!("/plans/{plan}");
    let who = |owner: &Option<String>| {
        html! {
            @if let Some(owner) = owner { (owner) } @else { span.muted { (ui.t("week-no-owner")) } }
        }
    };
    let overruns: Vec<_> = week.budget_overruns().collect();
    let alerts: Vec<_> = week
        .alerts
        .iter()
        .filter(|alert| alert.rule != "budget.overspend")
        .collect();
    html! {
        p.subtitle {
            (ui.tr.t_with("week-period", &[
                ("from", day(week.at).into()),
                ("until", day(week.until).into()),
            ]))
        }
        form.inline method="get" action={ (base) "/week" } {
            label {
                (ui.t("week-from"))
                input type="date" name="at" value=(week.at);
            }
            button type="submit" { (ui.t("week-submit")) }
        }
        p role="status" { (ui.tr.t_with("week-count", &[("count", week.count().into())])) }

        section.panel aria-labelledby="week-checkins" {
            h2 #week-checkins {
                (ui.tr.t_with("week-checkins", &[("every", week.checkin_every.into())]))
            }
            @if week.checkins_due.is_empty() {
                p { (ui.t("week-checkins-none")) }
            } @else {
                table.week {
                    thead { tr {
                        th scope="col" { (ui.t("week-objective")) }
                        th scope="col" { (ui.t("week-owner")) }
                        th scope="col" { (ui.t("week-last-checkin")) }
                        th scope="col" {}
                    } }
                    tbody {
                        @for due in &week.checkins_due {
                            tr data-objective=(due.objective) {
                                th scope="row" { (due.title) }
                                td { (who(&due.owner)) }
                                td {
                                    @match (due.last_checkin, &due.last_confidence) {
                                        (Some(on), Some(confidence)) => {
                                            (day(on)) " — "
                                            (confidence_text(ui, confidence))
                                        }
                                        _ => { span.muted { (ui.t("week-never")) } }
                                    }
                                }
                                td {
                                    a.button.small href={ (base) "/objectives/" (due.objective) "#checkin-form" } {
                                        (ui.t("week-write-checkin"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        section.panel aria-labelledby="week-due" {
            h2 #week-due { (ui.t("week-due")) }
            @if week.actions_due.is_empty() {
                p { (ui.t("week-due-none")) }
            } @else {
                table.week {
                    thead { tr {
                        th scope="col" { (ui.t("week-action")) }
                        th scope="col" { (ui.t("week-owner")) }
                        th scope="col" { (ui.t("week-due-day")) }
                    } }
                    tbody {
                        @for due in &week.actions_due {
                            tr data-action=(due.action) {
                                th scope="row" {
                                    a href={ (base) "/actions#action-" (due.action) } { (due.title) }
                                    @if let Some(number) = due.occurrence {
                                        " " span.muted { (ui.tr.t_with("week-occurrence", &[("count", number.into())])) }
                                    }
                                }
                                td { (who(&due.owner)) }
                                td.date { (day(due.due)) }
                            }
                        }
                    }
                }
            }
        }

        section.panel aria-labelledby="week-late" {
            h2 #week-late { (ui.t("week-late")) }
            @if week.actions_late.is_empty() {
                p { (ui.t("week-late-none")) }
            } @else {
                table.week {
                    thead { tr {
                        th scope="col" { (ui.t("week-action")) }
                        th scope="col" { (ui.t("week-owner")) }
                        th scope="col" class="number" { (ui.t("week-late-days")) }
                    } }
                    tbody {
                        @for late in &week.actions_late {
                            tr data-action=(late.action) {
                                th scope="row" {
                                    a href={ (base) "/actions#action-" (late.action) } { (late.title) }
                                }
                                td { (who(&late.owner)) }
                                td.number { (late.late_days) }
                            }
                        }
                    }
                }
            }
        }

        section.panel aria-labelledby="week-budget" {
            h2 #week-budget { (ui.t("week-budget")) }
            @if overruns.is_empty() {
                p { (ui.t("week-budget-none")) }
            } @else {
                ul.findings {
                    @for alert in &overruns {
                        li { (alert.message) }
                    }
                }
            }
        }

        section.panel aria-labelledby="week-alerts" {
            h2 #week-alerts { (ui.t("week-alerts")) }
            @if alerts.is_empty() {
                p { (ui.t("week-alerts-none")) }
            } @else {
                ul.findings {
                    @for alert in &alerts {
                        li data-rule=(alert.rule) { (alert.message) }
                    }
                }
            }
        }
    }
}

/// A confidence in words, or a score out of ten.
fn confidence_text(ui: &Ui, confidence: &str) -> String {
    match confidence {
        "on_track" | "at_risk" | "off_track" => ui.t(&format!("confidence-{confidence}")),
        score => format!("{score}/10"),
    }
}
