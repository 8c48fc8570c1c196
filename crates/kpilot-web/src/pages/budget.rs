//! The Budget page: the envelope against what the actions are allocated,
//! planned, spent and have left, and the forecast at the current pace — the
//! figures of `kpilot budget`, from the same kpilot-workspace report — with
//! the breakdowns by channel and by month (or the one asked), their charts
//! and the findings (overspend…).

use axum::extract::{Path, Query, State};
use axum::response::Response;
use jiff::civil::Date;
use kpilot_core::budget::{By, Line, Report};
use kpilot_core::display;
use kpilot_core::kpi::Unit;
use kpilot_core::plan::Plan;
use kpilot_report::document::{Chart, Kind};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::day_of;
use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load};

#[derive(Debug, Deserialize)]
pub struct BudgetQuery {
    at: Option<String>,
    by: Option<String>,
}

/// The breakdowns the select offers, as `kpilot budget --by` names them.
const BREAKDOWNS: [By; 5] = [By::Channel, By::Tactic, By::Action, By::Week, By::Month];

/// What the page shows, read off the async workers.
struct Figures {
    /// The report without breakdown: the plan's totals and findings.
    total: Report,
    /// One report per breakdown shown.
    breakdowns: Vec<(By, Report)>,
    /// The part of the spend observed as cost, and the part entered by
    /// hand: their sum is the report's spent.
    observed: f64,
    entered: f64,
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<BudgetQuery>,
    ui: Ui,
) -> Result<Response, AppError> {
    let at = day_of(&ui, query.at.as_deref())?.unwrap_or(ui.today);
    let by = match query
        .by
        .as_deref()
        .map(str::trim)
        .filter(|by| !by.is_empty())
    {
        None => None,
        Some(name) => Some(
            BREAKDOWNS
                .into_iter()
                .find(|by| kpilot_workspace::budget::by_name(*by) == name)
                .ok_or_else(|| {
                    AppError::BadRequest(ui.tr.t_with("budget-bad-by", &[("value", name.into())]))
                })?,
        ),
    };
    let stored = load(state.clone(), id).await?;
    let plan = stored.plan;
    let (plan, figures) = blocking(move || {
        let store = state.store.as_ref();
        let total = kpilot_workspace::budget::report(store, &plan, at, None)?;
        let shown = match by {
            Some(by) => vec![by],
            None => vec![By::Channel, By::Month],
        };
        let mut breakdowns = Vec::new();
        for by in shown {
            breakdowns.push((
                by,
                kpilot_workspace::budget::report(store, &plan, at, Some(by))?,
            ));
        }
        let (observed, entered) = spent_parts(store, &plan, at)?;
        Ok((
            plan,
            Figures {
                total,
                breakdowns,
                observed,
                entered,
            },
        ))
    })
    .await?;
    let body = body(&ui, &plan, at, by, &figures);
    Ok(ui.page(
        &ui.tr
            .t_with("budget-title", &[("name", plan.name.clone().into())]),
        Nav::Budget,
        Some(plan.id.as_str()),
        body,
    ))
}

/// The spend counted by the report, split as it counts it: the cost
/// observed and the spend entered by hand on the plan's days up to `at`.
fn spent_parts(
    store: &dyn kpilot_store::Store,
    plan: &Plan,
    at: Date,
) -> Result<(f64, f64), AppError> {
    let spending = kpilot_workspace::data::spending(store, plan, at)?;
    let to = at.min(plan.end);
    let within = |day: &Date| *day >= plan.start && *day <= to;
    let observed = spending
        .observed
        .iter()
        .filter(|(day, _, _)| within(day))
        .map(|(_, _, amount)| amount)
        .sum();
    let entered = spending
        .entered
        .iter()
        .filter(|(day, _, _)| within(day))
        .map(|(_, _, amount)| amount)
        .sum();
    Ok((observed, entered))
}

fn body(ui: &Ui, plan: &Plan, at: Date, by: Option<By>, figures: &Figures) -> Markup {
    let lang = ui.lang();
    let currency = plan.currency.as_str();
    let money = |value: Option<f64>| display::value(value, Unit::Currency, currency, lang);
    let total = &figures.total;
    let method = ui.t(&format!("budget-method-{}", plan.budget.method()));
    let date = |day: Date| kpilot_report::document::date_text(day, lang);
    html! {
        form.inline method="get" {
            label {
                (ui.t("at-label"))
                input type="date" name="at" value=(at) min=(plan.start) max=(plan.end);
            }
            label {
                (ui.t("budget-by-label"))
                select name="by" {
                    option value="" selected[by.is_none()] { (ui.t("budget-by-default")) }
                    @for option in BREAKDOWNS {
                        option value=(kpilot_workspace::budget::by_name(option)) selected[by == Some(option)] {
                            (ui.t(&format!("budget-by-{}", kpilot_workspace::budget::by_name(option))))
                        }
                    }
                }
            }
            button type="submit" { (ui.t("at-submit")) }
        }
        p.muted { (ui.tr.t_with("budget-at", &[("at", date(total.at).into())])) }
        dl.figures #budget-figures {
            div {
                dt { (ui.t("budget-envelope")) }
                dd #envelope { (money(total.envelope)) }
                dd.components { (method) }
            }
            div {
                dt { (ui.t("budget-allocated")) }
                dd #allocated { (money(Some(total.allocated))) }
            }
            div {
                dt { (ui.t("budget-planned")) }
                dd #planned { (money(Some(total.planned))) }
            }
            div {
                dt { (ui.t("budget-spent")) }
                dd #spent { (money(Some(total.spent))) }
                dd.components {
                    (ui.tr.t_with("budget-spent-parts", &[
                        ("first", money(Some(figures.observed)).into()),
                        ("second", money(Some(figures.entered)).into()),
                    ]))
                }
            }
            div {
                dt { (ui.t("budget-remaining")) }
                dd #remaining { (money(total.remaining)) }
                dd.components { (ui.t("budget-remaining-how")) }
            }
            div {
                dt { (ui.t("budget-forecast")) }
                dd #forecast { (money(total.forecast)) }
                dd.components { (ui.tr.t_with("budget-forecast-how", &[("day", date(plan.end).into())])) }
            }
        }
        section.panel aria-labelledby="findings-title" {
            h2 #findings-title { (ui.t("budget-findings")) }
            @if total.findings.is_empty() {
                p { (ui.t("budget-no-findings")) }
            } @else {
                ul.findings role="alert" {
                    @for notice in &total.findings {
                        li.error {
                            (notice.message.get(lang))
                            " " code { (notice.rule) " · " (notice.item) }
                        }
                    }
                }
            }
        }
        @for (by, report) in &figures.breakdowns {
            (breakdown(ui, plan, *by, report))
        }
    }
}

/// One breakdown: its table (the figures) and its chart (the same figures
/// drawn).
fn breakdown(ui: &Ui, plan: &Plan, by: By, report: &Report) -> Markup {
    let lang = ui.lang();
    let currency = plan.currency.as_str();
    let money = |value: f64| display::value(Some(value), Unit::Currency, currency, lang);
    let name = kpilot_workspace::budget::by_name(by);
    let title = ui.t(&format!("budget-table-{name}"));
    // The keys as `kpilot budget` prints them: channel, tactic or action
    // ids, weeks, months, `—` for cost without a channel.
    let key = |line: &Line| line.key.clone();
    let chart = Chart::Bars {
        title: title.clone(),
        kind: Kind::Money,
        categories: report.lines.iter().map(key).collect(),
        series: vec![
            (
                ui.t("budget-column-budget"),
                report.lines.iter().map(|line| line.budget).collect(),
            ),
            (
                ui.t("budget-column-planned"),
                report.lines.iter().map(|line| line.planned).collect(),
            ),
            (
                ui.t("budget-column-spent"),
                report.lines.iter().map(|line| line.spent).collect(),
            ),
        ],
    };
    let svg = kpilot_report::chart::svg(&chart, currency, lang);
    let svg = svg.find("<svg").map_or(svg.as_str(), |start| &svg[start..]);
    html! {
        section id={ "by-" (name) } {
            h2 { (title) }
            @if report.lines.is_empty() {
                p { (ui.t("budget-no-lines")) }
            } @else {
                div.table-wrap {
                    table {
                        caption { (title) " — " (ui.t("budget-caption")) }
                        thead { tr {
                            th scope="col" { (ui.t(&format!("budget-by-{name}"))) }
                            th.number scope="col" { (ui.t("budget-column-budget")) }
                            th.number scope="col" { (ui.t("budget-column-planned")) }
                            th.number scope="col" { (ui.t("budget-column-spent")) }
                            th.number scope="col" { (ui.t("budget-column-remaining")) }
                        } }
                        tbody {
                            @for line in &report.lines {
                                tr class=[(line.spent > line.budget + 0.005).then_some("over")] {
                                    th scope="row" { (key(line)) }
                                    td.number { (money(line.budget)) }
                                    td.number { (money(line.planned)) }
                                    td.number { (money(line.spent)) }
                                    td.number { (money(line.remaining())) }
                                }
                            }
                        }
                    }
                }
                div.chart role="img" aria-label={ (title) ". " (ui.t("budget-chart-alt")) } {
                    (PreEscaped(svg))
                }
            }
        }
    }
}
