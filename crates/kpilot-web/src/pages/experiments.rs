//! The Experiments pages: the plan's A/B tests with their verdicts, and one
//! test's result — each variant's sums and value, each treatment against
//! the control (lift, fixed-horizon and sequential intervals drawn against
//! no change and the effect sought, chance to win, expected loss, sample
//! ratio check), the sample size and the verdict in words. The figures are
//! `kpilot experiment`'s ([`kpilot_workspace::experiment`]).

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use kpilot_core::abtest::{Interval, Verdict};
use kpilot_core::display;
use kpilot_core::experiment::Judgement;
use kpilot_core::kpi::Unit;
use kpilot_core::plan::{Experiment, PerVisitor, Plan};
use kpilot_report::document::{Chart, IntervalRow, Kind};
use kpilot_workspace::experiment::{checked, judged, lift_text, p_text, sentence, unit};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::day_of;
use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load, load_with_version};

#[derive(Debug, Deserialize)]
pub struct ExperimentsQuery {
    at: Option<String>,
}

/// Every experiment of the plan, judged at `?at=` (default today).
pub async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ExperimentsQuery>,
    ui: Ui,
) -> Result<Response, AppError> {
    let at = day_of(&ui, query.at.as_deref())?.unwrap_or(ui.today);
    let plan = load(state.clone(), id).await?.plan;
    let (plan, judgements) = blocking(move || {
        let mut judgements = Vec::new();
        for experiment in &plan.experiments {
            judgements.push(
                judged(state.store.as_ref(), &plan, experiment, at).map_err(|e| e.to_string()),
            );
        }
        Ok((plan, judgements))
    })
    .await?;
    let lang = ui.lang();
    let body = html! {
        (at_form(&ui, &format!("/plans/{}/experiments", plan.id), at))
        @if plan.experiments.is_empty() {
            p { (ui.t("experiments-none")) }
        } @else {
            div.table-wrap {
                table #experiments {
                    caption { (ui.t("experiments-caption")) }
                    thead { tr {
                        th scope="col" { (ui.t("experiments-column-experiment")) }
                        th scope="col" { (ui.t("experiments-column-action")) }
                        th scope="col" { "KPI" }
                        th scope="col" { (ui.t("experiments-column-dates")) }
                        th.number scope="col" { (ui.t("experiments-column-visitors")) }
                        th scope="col" { (ui.t("experiments-column-verdict")) }
                    } }
                    tbody {
                        @for (experiment, judgement) in plan.experiments.iter().zip(&judgements) {
                            tr data-experiment=(experiment.id) {
                                th scope="row" {
                                    a href={ "/plans/" (plan.id) "/experiments/" (experiment.id) "?at=" (at) } {
                                        (experiment.id)
                                    }
                                    br;
                                    span.muted { (experiment.hypothesis) }
                                }
                                td { (kpilot_workspace::experiment::chain(&plan, experiment).action) }
                                td { code { (experiment.kpi) } }
                                td { (dates(experiment, lang)) }
                                @match judgement {
                                    Ok(judgement) => {
                                        td.number {
                                            (display::number(judgement.variants.iter().map(|v| v.visitors).sum::<u64>() as f64, 0, lang))
                                        }
                                        td {
                                            @for comparison in &judgement.comparisons {
                                                (badge(&ui, comparison.verdict, &comparison.variant))
                                                " "
                                            }
                                        }
                                    }
                                    Err(error) => {
                                        td.number { "—" }
                                        td { (error) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(ui.page(
        &ui.tr
            .t_with("experiments-title", &[("name", plan.name.clone().into())]),
        Nav::Experiments,
        Some(plan.id.as_str()),
        body,
    ))
}

/// One experiment's result at `?at=`.
pub async fn page(
    State(state): State<AppState>,
    Path((id, experiment_id)): Path<(String, String)>,
    Query(query): Query<ExperimentsQuery>,
    ui: Ui,
) -> Result<Response, AppError> {
    let at = day_of(&ui, query.at.as_deref())?.unwrap_or(ui.today);
    let (stored, _) = load_with_version(state.clone(), id).await?;
    let experiment = find(&ui, &stored.plan, &experiment_id)?.clone();
    let (stored, experiment, judgement) = blocking(move || {
        let judgement = judged(state.store.as_ref(), &stored.plan, &experiment, at)?;
        Ok((stored, experiment, judgement))
    })
    .await?;
    let plan = &stored.plan;
    let body = result(&ui, plan, &experiment, &judgement, at);
    Ok(ui.page(
        &ui.tr.t_with(
            "experiment-title",
            &[("id", experiment.id.to_string().into())],
        ),
        Nav::Experiments,
        Some(plan.id.as_str()),
        body,
    ))
}

/// The plan's experiment `id`, or a 404 page naming it.
fn find<'p>(ui: &Ui, plan: &'p Plan, id: &str) -> Result<&'p Experiment, AppError> {
    plan.experiment(id).ok_or_else(|| {
        AppError::NotFound(ui.tr.t_with("experiments-unknown", &[("id", id.into())]))
    })
}

fn at_form(ui: &Ui, action: &str, at: Date) -> Markup {
    html! {
        form.inline method="get" action=(action) {
            label {
                (ui.t("at-label"))
                input type="date" name="at" value=(at.to_string()) required;
            }
            button type="submit" { (ui.t("at-submit")) }
        }
    }
}

fn dates(experiment: &Experiment, lang: kpilot_core::kpi::Lang) -> String {
    let day = |day: Option<Date>| {
        day.map_or("…".to_owned(), |day| {
            kpilot_report::document::date_text(day, lang)
        })
    };
    format!("{} → {}", day(experiment.start), day(experiment.end))
}

fn badge(ui: &Ui, verdict: Verdict, variant: &str) -> Markup {
    html! {
        span class={ "badge verdict-" (verdict.as_str()) } data-verdict=(verdict.as_str()) {
            (variant) " : " (ui.t(&format!("verdict-{}", verdict.as_str())))
        }
    }
}

fn result(
    ui: &Ui,
    plan: &Plan,
    experiment: &Experiment,
    judgement: &Judgement,
    at: Date,
) -> Markup {
    let lang = ui.lang();
    let currency = plan.currency.as_str();
    let value_unit = unit(judgement);
    let value = |value: Option<f64>| display::value(value, value_unit, currency, lang);
    let count = |count: u64| display::number(count as f64, 0, lang);
    let percent = |value: Option<f64>| display::value(value, Unit::Percent, currency, lang);
    let numerator = match judgement.metric {
        PerVisitor::Rate => ui.t("experiment-conversions"),
        PerVisitor::Amount => ui.t("experiment-revenue"),
    };
    html! {
        p.lead { (experiment.hypothesis) }
        @let chain = kpilot_workspace::experiment::chain(plan, experiment);
        dl.chain {
            div { dt { (ui.t("experiment-action")) } dd { (chain.action) } }
            @if let Some(tactic) = &chain.tactic {
                div { dt { (ui.t("experiment-tactic")) } dd { (tactic) } }
            }
            @if let Some(channel) = &chain.channel {
                div { dt { (ui.t("experiment-channel")) } dd { code { (channel) } } }
            }
            @if !chain.objectives.is_empty() {
                div { dt { (ui.t("experiment-objectives")) } dd { (chain.objectives.join(" ; ")) } }
            }
            div { dt { "KPI" } dd { code { (judgement.kpi) } } }
            div { dt { (ui.t("experiment-rule")) } dd { (ui.t(&format!("experiment-method-{}", judgement.method.as_str()))) } }
            div { dt { (ui.t("experiments-column-dates")) } dd { (dates(experiment, lang)) } }
        }
        (at_form(ui, &format!("/plans/{}/experiments/{}", plan.id, experiment.id), at))
        section aria-labelledby="variants-title" {
            h2 #variants-title { (ui.t("experiment-variants")) }
            div.table-wrap {
                table #variants {
                    caption {
                        (ui.tr.t_with("experiment-variants-caption", &[
                            ("from", judgement.from.map_or("…".to_owned(), |d| kpilot_report::document::date_text(d, lang)).into()),
                            ("to", kpilot_report::document::date_text(judgement.to, lang).into()),
                        ]))
                    }
                    thead { tr {
                        th scope="col" { (ui.t("experiment-variant")) }
                        th.number scope="col" { (ui.t("experiment-split")) }
                        th.number scope="col" { (ui.t("experiment-visitors")) }
                        th.number scope="col" { (numerator) }
                        th.number scope="col" { (ui.t("experiment-value")) }
                    } }
                    tbody {
                        @for variant in &judgement.variants {
                            tr data-variant=(variant.id) {
                                th scope="row" {
                                    (variant.id)
                                    @if let Some(name) = &variant.name { " — " (name) }
                                    @if variant.control { " (" (ui.t("experiment-control")) ")" }
                                }
                                td.number { (percent(Some(variant.split))) }
                                td.number.visitors { (count(variant.visitors)) }
                                td.number {
                                    @match judgement.metric {
                                        PerVisitor::Rate => (count(variant.conversions)),
                                        PerVisitor::Amount => (display::value(Some(variant.revenue), Unit::Currency, currency, lang)),
                                    }
                                }
                                td.number.value { (value(variant.value)) }
                            }
                        }
                    }
                }
            }
            p.components { (ui.tr.t_with("experiment-value-how", &[("numerator", numerator.clone().into())])) }
        }
        @for comparison in &judgement.comparisons {
            section.comparison data-variant=(comparison.variant) aria-labelledby={ "comparison-" (comparison.variant) } {
                h2 id={ "comparison-" (comparison.variant) } {
                    (comparison.variant) " vs " (comparison.control) " "
                    (badge(ui, comparison.verdict, &comparison.variant))
                }
                p.verdict { (sentence(judgement, comparison, lang)) }
                dl.figures {
                    div { dt { (ui.t("experiment-lift")) } dd.lift { (interval_text(comparison.fixed.as_ref(), lang)) } }
                    div { dt { (ui.t("experiment-p-value")) } dd { (p_text(comparison.fixed.as_ref().map(|i| i.p_value), lang)) } }
                    div { dt { (ui.t("experiment-sequential")) } dd.sequential { (interval_text(comparison.sequential.as_ref(), lang)) } }
                    div { dt { (ui.t("experiment-sequential-p")) } dd { (p_text(comparison.sequential.as_ref().map(|i| i.p_value), lang)) } }
                    div { dt { (ui.t("experiment-chance")) } dd.chance { (percent(comparison.chance_to_win)) } }
                    div { dt { (ui.t("experiment-loss")) } dd { (loss_text(judgement, comparison.expected_loss, currency, lang)) } }
                    div { dt { (ui.t("experiment-srm")) } dd.srm { "p = " (p_text(comparison.srm_p_value, lang)) } }
                }
                (interval_chart(ui, experiment, judgement, comparison))
            }
        }
        section aria-labelledby="sample-title" {
            h2 #sample-title { (ui.t("experiment-sample")) }
            @match judgement.sample_size_per_variant {
                Some(needed) => {
                    @let fewest = judgement.variants.iter().map(|v| v.visitors).min().unwrap_or(0);
                    p #sample {
                        (ui.tr.t_with("experiment-sample-needed", &[
                            ("needed", count(needed).into()),
                            ("fewest", count(fewest).into()),
                            ("still", count(judgement.visitors_still_needed.unwrap_or(0)).into()),
                        ]))
                    }
                    progress.sample max=(needed) value=(fewest.min(needed)) aria-label=(ui.t("experiment-sample")) {}
                }
                None => p #sample { (ui.t("experiment-sample-unknown")) }
            }
            p.muted { (ui.t("experiment-method-how")) }
        }
        section aria-labelledby="results-title" {
            h2 #results-title { (ui.t("experiment-upload")) }
            p { (ui.t("experiment-upload-how")) }
            form.stacked method="post" enctype="multipart/form-data"
                action={ "/plans/" (plan.id) "/experiments/" (experiment.id) "/results" } {
                (ui.csrf_field())
                label {
                    (ui.t("experiment-upload-file"))
                    input type="file" name="file" required
                        accept=".csv,.txt,.tsv,.xlsx,.ods,text/csv";
                }
                button type="submit" { (ui.t("experiment-upload-submit")) }
            }
        }
    }
}

/// A results file uploaded on an experiment's page: read as `kpilot
/// experiment import` reads it, stored all or nothing; on any bad line, a
/// page that lists every one and stores nothing.
pub async fn upload(
    State(state): State<AppState>,
    Path((id, experiment_id)): Path<(String, String)>,
    ui: Ui,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut token = None;
    let mut file = None;
    let bad =
        |error: axum::extract::multipart::MultipartError| AppError::BadRequest(error.body_text());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => token = Some(field.text().await.map_err(bad)?),
            Some("file") => {
                let name = field.file_name().unwrap_or("results.csv").to_owned();
                file = Some((name, field.bytes().await.map_err(bad)?));
            }
            _ => {}
        }
    }
    ui.verify(token.as_deref())?;
    let plan = load(state.clone(), id).await?.plan;
    let Some(experiment) = plan.experiment(&experiment_id).cloned() else {
        return Err(AppError::NotFound(
            ui.tr
                .t_with("experiments-unknown", &[("id", experiment_id.into())]),
        ));
    };
    let (name, bytes) = file
        .filter(|(_, bytes)| !bytes.is_empty())
        .ok_or_else(|| AppError::BadRequest(ui.t("experiment-upload-missing")))?;
    let back = format!("/plans/{}/experiments/{}", plan.id, experiment.id);
    let read = kpilot_import::experiment::read_experiment(&name, bytes.to_vec())
        .map_err(|error| AppError::BadRequest(format!("{name}: {error}")))?;
    let (rows, refused) = checked(
        &plan,
        &experiment,
        read.records
            .into_iter()
            .map(|record| (record.line, record.row)),
    );
    let problems: Vec<String> = read
        .errors
        .iter()
        .map(ToString::to_string)
        .chain(
            refused
                .iter()
                .map(|(line, problem)| format!("line {line}: {problem}")),
        )
        .collect();
    let bad = read.error_count + refused.len() as u64;
    if bad > 0 {
        let body = html! {
            p.refusal role="alert" {
                (ui.tr.t_with("experiment-upload-refused", &[
                    ("file", name.clone().into()),
                    ("count", bad.into()),
                ]))
            }
            ul.problems {
                @for problem in &problems { li { (name) " : " (problem) } }
            }
            p { a href=(back) { (ui.t("experiment-upload-back")) } }
        };
        return Ok(ui.page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ui.tr.t_with(
                "experiment-title",
                &[("id", experiment.id.to_string().into())],
            ),
            Nav::Experiments,
            Some(plan.id.as_str()),
            body,
        ));
    }
    blocking(move || {
        state
            .store
            .record_experiment(&plan.id, experiment.id.as_str(), &rows, &name, "web")?;
        Ok(())
    })
    .await?;
    Ok(ui.redirect(&back))
}

fn interval_text(interval: Option<&Interval>, lang: kpilot_core::kpi::Lang) -> String {
    match interval {
        Some(interval) => format!(
            "{} [{} ; {}]",
            lift_text(interval.lift, lang),
            lift_text(interval.ci_low, lang),
            lift_text(interval.ci_high, lang)
        ),
        None => "—".to_owned(),
    }
}

fn loss_text(
    judgement: &Judgement,
    loss: Option<f64>,
    currency: &str,
    lang: kpilot_core::kpi::Lang,
) -> String {
    match (judgement.metric, loss) {
        (_, None) => "—".to_owned(),
        (PerVisitor::Rate, Some(loss)) => format!("{} pt", display::number(loss * 100.0, 3, lang)),
        (PerVisitor::Amount, Some(loss)) => {
            display::value(Some(loss), Unit::Currency, currency, lang)
        }
    }
}

/// The lift with its intervals: fixed-horizon (thick) inside the
/// sequential one (thin), against no change and the effect sought.
fn interval_chart(
    ui: &Ui,
    experiment: &Experiment,
    judgement: &Judgement,
    comparison: &kpilot_core::experiment::Comparison,
) -> Markup {
    let Some(fixed) = comparison.fixed.as_ref() else {
        return html! {};
    };
    let mut marks = vec![(ui.t("experiment-chart-zero"), 0.0)];
    // The effect sought, as a relative lift: relative already, or the
    // absolute effect over the control's value.
    let control_value = judgement
        .variants
        .iter()
        .find(|variant| variant.control)
        .and_then(|variant| variant.value);
    let sought = match (experiment.mde, experiment.relative, control_value) {
        (Some(mde), true, _) => Some(mde),
        (Some(mde), false, Some(value)) if value > 0.0 => Some(mde / value),
        _ => None,
    };
    if let Some(sought) = sought {
        let sign = if judgement.lower_is_better { -1.0 } else { 1.0 };
        marks.push((ui.t("experiment-chart-mde"), sign * sought));
    }
    let title = ui.tr.t_with(
        "experiment-chart-title",
        &[
            ("variant", comparison.variant.clone().into()),
            ("control", comparison.control.clone().into()),
        ],
    );
    let chart = Chart::Intervals {
        title: title.clone(),
        kind: Kind::Percent,
        rows: vec![IntervalRow {
            label: comparison.variant.clone(),
            value: fixed.lift,
            low: fixed.ci_low,
            high: fixed.ci_high,
            wide: comparison
                .sequential
                .as_ref()
                .map(|sequential| (sequential.ci_low, sequential.ci_high)),
        }],
        names: (
            ui.t("experiment-chart-fixed"),
            ui.t("experiment-chart-sequential"),
        ),
        marks,
    };
    let svg = kpilot_report::chart::svg(&chart, "EUR", ui.lang());
    let svg = svg.find("<svg").map_or(svg.as_str(), |start| &svg[start..]);
    html! {
        div.chart role="img" aria-label={ (title) ". " (ui.t("experiment-chart-alt")) } {
            (PreEscaped(svg))
        }
    }
}
