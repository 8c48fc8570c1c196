//! The KPI explorer: any KPI over a window, by period (day, ISO week,
//! month), for a channel or a segment, or broken down by channel or
//! segment — a chart and a table with the sums behind every figure, the
//! previous window of the same length, and the same answer as CSV
//! (`kpilot kpi --format csv`).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::civil::{Date, ISOWeekDate, Weekday};
use kpilot_core::catalogue;
use kpilot_core::display;
use kpilot_core::engine::{By, Span, Value};
use kpilot_core::kpi::{KpiDef, Lang};
use kpilot_core::plan::{BUILTIN_CHANNELS, Plan};
use kpilot_report::document::{Chart, Line, Stroke, date_text, kind_of};
use kpilot_workspace::kpi::Answer;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use crate::error::AppError;
use crate::kpi_query::{self, KpiParams};
use crate::ui::{Nav, Ui};
use crate::{AppState, load};

#[derive(Deserialize)]
pub struct Which {
    kpi: Option<String>,
}

/// The page's defaults: the plan from its start to today (within the
/// plan), week by week, the first objective's KPI.
fn defaults(plan: &Plan, today: Date) -> (Span, String) {
    let to = today.clamp(plan.start, plan.end);
    let kpi = plan
        .objectives
        .iter()
        .find_map(|objective| objective.kpi.as_ref().map(|kpi| kpi.to_string()))
        .unwrap_or_else(|| "conversion_rate".to_owned());
    (
        Span {
            from: plan.start,
            to,
        },
        kpi,
    )
}

async fn ask(
    state: &AppState,
    ui: &Ui,
    id: String,
    which: &Which,
    params: &KpiParams,
) -> Result<(Plan, Answer, String, String), AppError> {
    let plan = load(state.clone(), id).await?.plan;
    let (window, default_kpi) = defaults(&plan, ui.today);
    let mut params = params.clone();
    if params.grain.as_deref().is_none_or(str::is_empty)
        && params.by.as_deref().is_none_or(str::is_empty)
    {
        params.grain = Some("week".to_owned());
    }
    let asked = params.read(window).map_err(|invalid| {
        AppError::BadRequest(ui.tr.t_with(
            "explorer-invalid",
            &[
                ("name", invalid.parameter.into()),
                ("value", invalid.value.into()),
            ],
        ))
    })?;
    let kpi = which
        .kpi
        .clone()
        .filter(|kpi| !kpi.trim().is_empty())
        .unwrap_or(default_kpi);
    let (answer, currency) = kpi_query::answer(state, kpi.clone(), Some(plan.clone()), asked)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                ui.tr
                    .t_with("explorer-no-kpi", &[("name", kpi.clone().into())]),
            )
        })?;
    Ok((plan, answer, currency, kpi))
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(which): Query<Which>,
    Query(params): Query<KpiParams>,
    ui: Ui,
) -> Result<Response, AppError> {
    let (plan, answer, currency, kpi) = ask(&state, &ui, id, &which, &params).await?;
    let body = render(&ui, &plan, &answer, &currency, &kpi, &params);
    Ok(ui.page(
        &ui.t("explorer-title"),
        Nav::Explorer,
        Some(plan.id.as_str()),
        body,
    ))
}

/// The same answer as CSV.
pub async fn csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(which): Query<Which>,
    Query(params): Query<KpiParams>,
    ui: Ui,
) -> Result<Response, AppError> {
    let (_, answer, _, kpi) = ask(&state, &ui, id, &which, &params).await?;
    let name = format!("{kpi}-{}-{}.csv", answer.window.from, answer.window.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        answer.to_csv(),
    )
        .into_response())
}

/// Every KPI the explorer offers: the plan's objectives' first, then the
/// plan's own, then the catalogue's.
fn choices(plan: &Plan) -> Vec<&KpiDef> {
    let mut all: Vec<&KpiDef> = Vec::new();
    for objective in &plan.objectives {
        if let Some(kpi) = plan.kpi_of(objective)
            && !all.iter().any(|known| known.id == kpi.id)
        {
            all.push(kpi);
        }
    }
    for kpi in plan.kpis.iter().chain(catalogue::builtin()) {
        if !all.iter().any(|known| known.id == kpi.id) {
            all.push(kpi);
        }
    }
    all
}

fn render(
    ui: &Ui,
    plan: &Plan,
    answer: &Answer,
    currency: &str,
    kpi: &str,
    params: &KpiParams,
) -> Markup {
    let lang = ui.lang();
    let value = |v: Option<f64>| display::value(v, answer.kpi.unit, currency, lang);
    let names = answer.component_names();
    let selected =
        |current: &Option<String>, option: &str| current.as_deref().unwrap_or_default() == option;
    let grain = match (&answer.series, &answer.breakdown) {
        (Some(_), _) => params.grain.clone().unwrap_or_else(|| "week".to_owned()),
        _ => params.grain.clone().unwrap_or_default(),
    };
    let query = query_string(kpi, answer, params);
    let channels: Vec<(String, String)> = plan
        .channels
        .iter()
        .map(|channel| (channel.id.to_string(), channel.name.clone()))
        .chain(BUILTIN_CHANNELS.iter().map(|(id, fr, en)| {
            (
                (*id).to_owned(),
                match lang {
                    Lang::Fr => (*fr).to_owned(),
                    Lang::En => (*en).to_owned(),
                },
            )
        }))
        .collect();
    html! {
        form.inline method="get" action={ "/plans/" (plan.id) "/kpis" } {
            label {
                (ui.t("explorer-kpi"))
                select name="kpi" {
                    @for choice in choices(plan) {
                        option value=(choice.id) selected[choice.id == kpi] {
                            (choice.name.get(lang)) " (" (choice.id) ")"
                        }
                    }
                }
            }
            label {
                (ui.t("explorer-from"))
                input type="date" name="from" value=(answer.window.from.to_string()) required;
            }
            label {
                (ui.t("explorer-to"))
                input type="date" name="to" value=(answer.window.to.to_string()) required;
            }
            label {
                (ui.t("explorer-grain"))
                select name="grain" {
                    @for option in ["total", "day", "week", "month"] {
                        option value=(option) selected[grain == option] { (ui.t(&format!("explorer-grain-{option}"))) }
                    }
                }
            }
            label {
                (ui.t("explorer-channel"))
                select name="channel" {
                    option value="" { (ui.t("explorer-all")) }
                    @for (id, name) in &channels {
                        option value=(id) selected[selected(&params.channel, id)] { (name) }
                    }
                }
            }
            label {
                (ui.t("explorer-segment"))
                select name="segment" {
                    option value="" { (ui.t("explorer-all")) }
                    @for segment in &plan.segments {
                        option value=(segment.id) selected[selected(&params.segment, segment.id.as_str())] { (segment.name) }
                    }
                }
            }
            label {
                (ui.t("explorer-by"))
                select name="by" {
                    option value="" { (ui.t("explorer-by-none")) }
                    option value="channel" selected[selected(&params.by, "channel")] { (ui.t("explorer-channel")) }
                    option value="segment" selected[selected(&params.by, "segment")] { (ui.t("explorer-segment")) }
                }
            }
            button type="submit" { (ui.t("explorer-submit")) }
        }
        section #headline {
            h2 { (answer.kpi.name.get(lang)) }
            p.muted {
                code { (answer.kpi.id) } " · "
                (ui.tr.t_with("explorer-window", &[
                    ("from", date_text(answer.window.from, lang).into()),
                    ("to", date_text(answer.window.to, lang).into()),
                ]))
            }
            dl.figures {
                div { dt { (ui.t("explorer-value")) } dd #total { (value(answer.total.value)) } }
                div { dt { (ui.t("explorer-previous")) } dd #previous { (value(answer.previous.value)) } }
            }
            p.components { (components(ui, &answer.kpi, &answer.total, lang)) }
            p.muted { (ui.t("explorer-how")) }
        }
        div.downloads {
            a.button.secondary href={ "/plans/" (plan.id) "/kpis.csv?" (query) } download { (ui.t("explorer-csv")) }
        }
        @if let Some(chart) = chart(ui, answer) {
            figure.chart {
                div role="img" aria-label=(ui.t("explorer-chart-label")) {
                    (PreEscaped(kpilot_report::chart::svg(&chart, currency, lang)))
                }
            }
        }
        @let rows = rows(answer);
        div.table-wrap {
            table #figures {
                caption { (ui.t("explorer-table")) }
                thead { tr {
                    th scope="col" { (match answer.breakdown.as_ref().map(|(by, _)| *by) {
                        Some(By::Channel) => ui.t("explorer-channel"),
                        Some(By::Segment) => ui.t("explorer-segment"),
                        None => ui.t("explorer-period"),
                    }) }
                    th.number scope="col" { (ui.t("explorer-value")) }
                    @for name in &names { th.number scope="col" { (component_label(ui, &answer.kpi, name)) } }
                } }
                tbody {
                    @for (label, partial, row) in &rows {
                        tr {
                            th scope="row" {
                                (label)
                                @if *partial { " " span.muted { (ui.t("explorer-partial")) } }
                            }
                            td.number { (value(row.value)) }
                            @for name in &names {
                                td.number {
                                    @if let Some(sum) = row.components.get(name) { (display::decimal(*sum, lang)) } @else { "—" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A component's name as its value was gathered: `Σsessions` for a sum,
/// the latest value of a stock said so, never with a Σ.
pub(crate) fn component_label(ui: &Ui, kpi: &KpiDef, name: &str) -> String {
    match kpilot_core::engine::gathered(kpi, name) {
        kpilot_core::engine::Gathered::Sum => format!("Σ{name}"),
        kpilot_core::engine::Gathered::Latest => ui
            .tr
            .t_with("component-latest", &[("name", name.to_owned().into())]),
    }
}

fn components(ui: &Ui, kpi: &KpiDef, value: &Value, lang: Lang) -> String {
    value
        .components
        .iter()
        .map(|(name, sum)| {
            format!(
                "{} = {}",
                component_label(ui, kpi, name),
                display::decimal(*sum, lang)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The table's rows: each period, or each group, or the window alone.
fn rows(answer: &Answer) -> Vec<(String, bool, &Value)> {
    match (&answer.series, &answer.breakdown) {
        (Some(series), _) => series
            .iter()
            .map(|(period, partial, value)| (period.clone(), *partial, value))
            .collect(),
        (None, Some((_, groups))) => groups
            .iter()
            .map(|(group, value)| (group.clone(), false, value))
            .collect(),
        (None, None) => vec![(
            format!("{} → {}", answer.window.from, answer.window.to),
            false,
            &answer.total,
        )],
    }
}

/// The first day of a period's label: `2026-01-05`, `2026-W02`, `2026-01`.
fn first_day(label: &str) -> Option<Date> {
    if let Ok(day) = label.parse::<Date>() {
        return Some(day);
    }
    if let Some((year, week)) = label.split_once("-W") {
        let date =
            ISOWeekDate::new(year.parse().ok()?, week.parse().ok()?, Weekday::Monday).ok()?;
        return Some(date.date());
    }
    format!("{label}-01").parse().ok()
}

fn chart(ui: &Ui, answer: &Answer) -> Option<Chart> {
    let kind = kind_of(answer.kpi.unit);
    if let Some(series) = &answer.series {
        let points: Vec<(Date, f64)> = series
            .iter()
            .filter_map(|(label, _, value)| Some((first_day(label)?, value.value?)))
            .collect();
        if points.is_empty() {
            return None;
        }
        return Some(Chart::Lines {
            title: answer.kpi.name.get(ui.lang()).to_owned(),
            kind,
            lines: vec![Line {
                name: answer.kpi.id.clone(),
                points,
                style: Stroke::Data,
            }],
            band: None,
            marks: Vec::new(),
        });
    }
    let (_, groups) = answer.breakdown.as_ref()?;
    let shown: Vec<&(String, Value)> = groups
        .iter()
        .filter(|(_, value)| value.value.is_some())
        .collect();
    if shown.is_empty() {
        return None;
    }
    Some(Chart::Bars {
        title: answer.kpi.name.get(ui.lang()).to_owned(),
        kind,
        categories: shown
            .iter()
            .map(|(group, _)| {
                if group.is_empty() {
                    "—".to_owned()
                } else {
                    group.clone()
                }
            })
            .collect(),
        series: vec![(
            answer.kpi.id.clone(),
            shown.iter().filter_map(|(_, value)| value.value).collect(),
        )],
    })
}

/// The page's query again, for the CSV link.
fn query_string(kpi: &str, answer: &Answer, params: &KpiParams) -> String {
    let mut pairs = vec![
        ("kpi", kpi.to_owned()),
        ("from", answer.window.from.to_string()),
        ("to", answer.window.to.to_string()),
    ];
    for (name, value) in [
        ("grain", &params.grain),
        ("channel", &params.channel),
        ("segment", &params.segment),
        ("by", &params.by),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            pairs.push((name, value.to_owned()));
        }
    }
    if !pairs.iter().any(|(name, _)| *name == "grain") && answer.series.is_some() {
        pairs.push(("grain", "week".to_owned()));
    }
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes a query value (ids and dates need little, but a value
/// typed in the URL may hold anything).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_on_their_first_day() {
        assert_eq!(first_day("2026-01-05"), Some(jiff::civil::date(2026, 1, 5)));
        assert_eq!(first_day("2026-W02"), Some(jiff::civil::date(2026, 1, 5)));
        assert_eq!(first_day("2026-03"), Some(jiff::civil::date(2026, 3, 1)));
        assert_eq!(first_day("total"), None);
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode("a b&c=é"), "a%20b%26c%3D%C3%A9");
    }
}
