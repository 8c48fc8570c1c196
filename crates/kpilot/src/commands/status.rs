//! `kpilot status [--plan ID] [--at DATE]`: every objective of a plan
//! against its target at a day — value, progress, expected progress,
//! status — goals and the plan rolled up, and the alerts.

use std::process::ExitCode;

use anyhow::Result;
use jiff::civil::Date;
use kpilot_core::display;
use kpilot_core::engine::{Components, Span, measures_of};
use kpilot_core::kpi::{KpiDef, Lang};
use kpilot_core::plan::{Objective, Plan};
use kpilot_core::tracking::{
    self, Aim, Forecast, ForecastInput, NoForecast, RollUp, Status, forecast_misses, window_at,
};
use kpilot_store::{Store, StoredTotal};
use kpilot_workspace::data::{self, Filters};
use serde_json::json;

use crate::cli::{StatusArgs, TableFormat};
use crate::settings::Settings;

/// Days without data before `data.stale`.
const STALE_DAYS: i64 = 7;
/// The window of `kpi.cpa_above_aov`.
const CPA_DAYS: i64 = 28;
/// The most days of history a forecast is fitted on.
const HISTORY_DAYS: i64 = 365;

pub fn run(settings: &Settings, args: &StatusArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let mut out = report(store.as_ref(), settings.lang, args)?;
    for run in 1..args.repeat {
        let started = std::time::Instant::now();
        out = report(store.as_ref(), settings.lang, args)?;
        eprintln!(
            "run {run}: {:.3} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The status of the plan, as the format asks.
fn report(store: &dyn Store, lang: Lang, args: &StatusArgs) -> Result<String> {
    let stored = super::plan::find_plan(store, args.plan.as_deref())?;
    let plan = &stored.plan;
    let at = args.at.unwrap_or_else(super::today);
    let tracked: Vec<(&Objective, KpiDef)> = plan
        .objectives
        .iter()
        .filter_map(|objective| Some((objective, plan.kpi_of(objective)?.clone())))
        .collect();
    let mut rows = Vec::new();
    let mut lasts = Vec::new();
    let mut histories = Vec::new();
    for (objective, kpi) in &tracked {
        let (row, last, history) = track(store, plan, objective, kpi, at)?;
        rows.push(row);
        lasts.push(last);
        histories.push(history);
    }
    // The forecasts, all at once on every core; then each row's.
    let inputs: Vec<ForecastInput<'_>> = histories
        .iter()
        .zip(&rows)
        .filter_map(|(history, row)| Some(history.as_ref().ok()?.input(&row.kpi, at)))
        .collect();
    let mut forecasts = tracking::forecasts(&inputs).into_iter();
    for (row, history) in rows.iter_mut().zip(histories) {
        row.forecast = match history {
            Ok(_) => forecasts.next().expect("one forecast per history"),
            Err(reason) => Err(reason),
        };
    }
    let mut alerts = Vec::new();
    for ((objective, kpi), (row, last)) in tracked.iter().zip(rows.iter().zip(lasts)) {
        if row.status == Status::OffTrack {
            alerts.push(alert(
                "objective.off_track",
                objective.id.as_str(),
                lang,
                format!(
                    "« {} » est en retard : {} de progression pour {} attendus",
                    objective.title,
                    percent(row.progress, lang),
                    percent(Some(row.expected), lang)
                ),
                format!(
                    "“{}” is off track: {} progress where {} was expected",
                    objective.title,
                    percent(row.progress, lang),
                    percent(Some(row.expected), lang)
                ),
            ));
        }
        if let (Some(forecast), Some(aim)) = (&row.forecast.as_ref().ok(), row.aim)
            && forecast_misses(forecast, aim)
        {
            let value = |v| display::value(Some(v), kpi.unit, plan.currency.as_str(), lang);
            alerts.push(alert(
                "objective.forecast_miss",
                objective.id.as_str(),
                lang,
                format!(
                    "« {} » : la prévision au {} ({} à {}) manque la cible de {}",
                    objective.title,
                    aim.deadline,
                    value(forecast.low),
                    value(forecast.high),
                    value(aim.target)
                ),
                format!(
                    "“{}”: the forecast for {} ({} to {}) misses the target of {}",
                    objective.title,
                    aim.deadline,
                    value(forecast.low),
                    value(forecast.high),
                    value(aim.target)
                ),
            ));
        }
        data_alerts(objective, kpi, at, last, lang, &mut alerts);
    }
    sales_alert(store, plan, at, lang, &mut alerts)?;
    budget_alerts(store, plan, at, lang, &mut alerts)?;

    let goals: Vec<(String, String, RollUp)> = plan
        .goals
        .iter()
        .map(|goal| {
            let statuses = rows
                .iter()
                .filter(|row| row.goal.as_deref() == Some(goal.id.as_str()))
                .map(|row| row.status);
            (
                goal.id.to_string(),
                goal.title.clone(),
                RollUp::of(statuses),
            )
        })
        .collect();
    let overall = RollUp::of(goals.iter().filter_map(|(_, _, roll)| roll.worst));
    let out = match args.format {
        TableFormat::Json => {
            let value = json!({
                "plan": plan.id.as_str(),
                "at": at.to_string(),
                "objectives": rows.iter().map(Row::json).collect::<Vec<_>>(),
                "goals": goals.iter().map(|(id, title, roll)| json!({
                    "id": id,
                    "title": title,
                    "achieved": roll.achieved,
                    "on_track": roll.on_track,
                    "at_risk": roll.at_risk,
                    "off_track": roll.off_track,
                    "missed": roll.missed,
                    "no_data": roll.no_data,
                    "worst": roll.worst,
                })).collect::<Vec<_>>(),
                "summary": overall,
                "alerts": alerts.iter().map(|(rule, item, message)| json!({
                    "rule": rule,
                    "item": item,
                    "message": message,
                })).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&value)? + "\n"
        }
        TableFormat::Table => table(plan, at, &rows, &goals, &alerts, lang),
    };
    Ok(out)
}

fn days_before(day: Date, days: i64) -> Date {
    day.checked_sub(jiff::Span::new().days(days - 1))
        .unwrap_or(day)
}

/// One objective's line.
struct Row {
    id: String,
    goal: Option<String>,
    kpi: KpiDef,
    window: Option<Span>,
    value: Option<f64>,
    components: Components,
    baseline: Option<f64>,
    target: Option<f64>,
    deadline: Option<Date>,
    progress: Option<f64>,
    expected: f64,
    status: Status,
    aim: Option<Aim>,
    forecast: Result<Forecast, NoForecast>,
}

/// One objective's line (without its forecast), the last day with data
/// for it up to `at`, and what its forecast is made from.
fn track(
    store: &dyn Store,
    plan: &Plan,
    objective: &Objective,
    kpi: &KpiDef,
    at: Date,
) -> Result<(Row, Option<Date>, Result<History, NoForecast>)> {
    let filters = Filters {
        channel: objective.channel.as_ref().map(|c| c.as_str()),
        segment: objective.segment.as_ref().map(|s| s.as_str()),
        by: None,
    };
    let window = window_at(plan, objective, kpi, at);
    let computed = match window {
        Some(window) => Some(data::cube(store, kpi, window, filters)?.value(window, None)),
        None => None,
    };
    // The daily totals of its measures over the last year: the forecast's
    // history, and the last day with data.
    let measures: Vec<String> = measures_of(kpi).into_iter().collect();
    let recent = data::totals(
        store,
        measures.clone(),
        filters,
        Some(days_before(at, HISTORY_DAYS)),
        at,
    )?;
    let last = match recent.iter().map(|total| total.day).max() {
        Some(last) => Some(last),
        None => data::totals(store, measures, filters, None, at)?
            .iter()
            .map(|total| total.day)
            .max(),
    };
    let (value, components) = match computed {
        Some(value) => (value.value, value.components),
        None => (None, Components::new()),
    };
    let deadline = objective.deadline.unwrap_or(plan.end);
    let aim = objective.target.map(|target| Aim {
        target,
        direction: kpi.direction,
        deadline,
    });
    let judged = tracking::judge(plan, objective, kpi, value, at);
    let history = match aim {
        Some(aim) => history_of(plan, objective, kpi, at, aim, &recent),
        None => Err(NoForecast::NoTarget),
    };
    let row = Row {
        aim,
        // Made from `history` with the other objectives' forecasts.
        forecast: Err(NoForecast::NoTarget),
        id: objective.id.to_string(),
        goal: objective.goal.as_ref().map(|g| g.to_string()),
        kpi: kpi.clone(),
        window,
        value,
        components,
        baseline: objective.baseline,
        target: objective.target,
        deadline: objective.deadline,
        progress: judged.progress,
        expected: judged.expected_progress,
        status: judged.status,
    };
    Ok((row, last, history))
}

impl Row {
    fn json(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "goal": self.goal,
            "kpi": self.kpi.id,
            "value": self.value,
            "components": self.components.iter()
                .map(|(name, sum)| (name.clone(), json!(sum.normalize().to_string())))
                .collect::<serde_json::Map<_, _>>(),
            "window": self.window.map(|w| json!({"from": w.from.to_string(), "to": w.to.to_string()})),
            "baseline": self.baseline,
            "target": self.target,
            "deadline": self.deadline.map(|d| d.to_string()),
            "direction": self.kpi.direction.as_str(),
            "progress": self.progress,
            "expected_progress": self.expected,
            "status": self.status,
            "forecast": match &self.forecast {
                Ok(forecast) => json!(forecast),
                Err(_) => serde_json::Value::Null,
            },
            "no_forecast": self.forecast.as_ref().err(),
        })
    }
}

/// The forecast of an objective's value at its deadline, from the daily
/// totals of its components (channel and segment as the objective says)
/// over up to a year before `at` (`recent`), starting on the first day with
/// data.
/// What an objective's forecast is made from: its measures' daily totals
/// over the last year.
struct History {
    daily: Vec<(String, Vec<f64>)>,
    start: Date,
    final_window: Span,
    aim: Aim,
    seed: u64,
}

impl History {
    fn input<'a>(&'a self, kpi: &'a KpiDef, at: Date) -> ForecastInput<'a> {
        ForecastInput {
            kpi,
            history: &self.daily,
            history_start: self.start,
            at,
            final_window: self.final_window,
            aim: self.aim,
            seed: self.seed,
        }
    }
}

fn history_of(
    plan: &Plan,
    objective: &Objective,
    kpi: &KpiDef,
    at: Date,
    aim: Aim,
    recent: &[StoredTotal],
) -> Result<History, NoForecast> {
    let final_window = window_at(plan, objective, kpi, aim.deadline).ok_or(NoForecast::NoTarget)?;
    let start = recent
        .iter()
        .map(|total| total.day)
        .min()
        .ok_or(NoForecast::TooLittleData)?;
    let days = usize::try_from((at - start).get_days() + 1).unwrap_or(0);
    let daily: Vec<(String, Vec<f64>)> = measures_of(kpi)
        .into_iter()
        .map(|measure| {
            let mut daily = vec![0.0; days];
            for total in recent.iter().filter(|total| total.series == measure) {
                if let Some(slot) = usize::try_from((total.day - start).get_days())
                    .ok()
                    .and_then(|index| daily.get_mut(index))
                {
                    *slot +=
                        rust_decimal::prelude::ToPrimitive::to_f64(&total.value).unwrap_or(0.0);
                }
            }
            (measure, daily)
        })
        .collect();
    Ok(History {
        daily,
        start,
        final_window,
        aim,
        seed: seed_of(objective.id.as_str()),
    })
}

/// A seed from an objective's id (FNV-1a): each objective its own
/// simulation, the same on every run.
fn seed_of(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

type Alert = (&'static str, String, String);

fn alert(rule: &'static str, item: &str, lang: Lang, fr: String, en: String) -> Alert {
    let message = match lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    (rule, item.to_owned(), message)
}

/// `data.missing` and `data.stale` for one objective, whose last day with
/// data up to `at` is `last`.
fn data_alerts(
    objective: &Objective,
    kpi: &KpiDef,
    at: Date,
    last: Option<Date>,
    lang: Lang,
    alerts: &mut Vec<Alert>,
) {
    let measures = measures_of(kpi);
    let names = measures.iter().cloned().collect::<Vec<_>>().join(", ");
    match last {
        None => alerts.push(alert(
            "data.missing",
            objective.id.as_str(),
            lang,
            format!("aucune donnée pour « {} » ({names}) : importez des résultats", objective.title),
            format!("no data for “{}” ({names}): import results", objective.title),
        )),
        Some(last) if last < days_before(at, STALE_DAYS) => alerts.push(alert(
            "data.stale",
            objective.id.as_str(),
            lang,
            format!(
                "pas de donnée pour « {} » depuis le {last} (plus de {STALE_DAYS} jours avant le {at})",
                objective.title
            ),
            format!(
                "no data for “{}” since {last} (over {STALE_DAYS} days before {at})",
                objective.title
            ),
        )),
        Some(_) => {}
    }
}

/// `kpi.cpa_above_aov`: on a plan with a sales goal, each sale of the last
/// 28 days cost at least what it brought (cost per acquisition ≥ average
/// purchase value, i.e. Σcost ≥ Σrevenue over the same transactions).
fn sales_alert(
    store: &dyn Store,
    plan: &Plan,
    at: Date,
    lang: Lang,
    alerts: &mut Vec<Alert>,
) -> Result<()> {
    let window = Span {
        from: days_before(at, CPA_DAYS),
        to: at,
    };
    if let Some((cpa, aov)) = data::cpa_above_aov(store, plan, window)? {
        let money = |v| {
            display::value(
                Some(v),
                kpilot_core::kpi::Unit::Currency,
                plan.currency.as_str(),
                lang,
            )
        };
        alerts.push(alert(
            "kpi.cpa_above_aov",
            plan.id.as_str(),
            lang,
            format!(
                "sur les {CPA_DAYS} derniers jours, chaque vente coûte {} pour un panier moyen de {} : elle coûte plus qu’elle ne rapporte",
                money(cpa),
                money(aov)
            ),
            format!(
                "over the last {CPA_DAYS} days each sale cost {} for an average purchase of {}: it costs more than it brings",
                money(cpa),
                money(aov)
            ),
        ));
    }
    Ok(())
}

/// `budget.overspend`: spend since the plan start above its envelope, or an
/// action's or a channel's spend above its budget: the budget report's
/// findings of that rule (`kpilot budget`).
fn budget_alerts(
    store: &dyn Store,
    plan: &Plan,
    at: Date,
    lang: Lang,
    alerts: &mut Vec<Alert>,
) -> Result<()> {
    let envelope = data::envelope(store, plan)?;
    let spending = data::spending(store, plan, at)?;
    let report = kpilot_core::budget::report(plan, at, envelope, &spending, None);
    for notice in report.findings {
        if notice.rule == "budget.overspend" {
            alerts.push((
                notice.rule,
                notice.item,
                notice.message.get(lang).to_owned(),
            ));
        }
    }
    Ok(())
}

fn percent(value: Option<f64>, lang: Lang) -> String {
    display::value(value, kpilot_core::kpi::Unit::Percent, "EUR", lang)
}

fn table(
    plan: &Plan,
    at: Date,
    rows: &[Row],
    goals: &[(String, String, RollUp)],
    alerts: &[Alert],
    lang: Lang,
) -> String {
    let currency = plan.currency.as_str();
    let fr = lang == Lang::Fr;
    let mut out = format!("{} — {} {at}\n\n", plan.name, if fr { "au" } else { "at" });
    let header: Vec<String> = if fr {
        [
            "objectif",
            "KPI",
            "valeur",
            "cible",
            "progression",
            "attendue",
            "statut",
            "prévision à l’échéance (80 %)",
            "chance",
        ]
    } else {
        [
            "objective",
            "KPI",
            "value",
            "target",
            "progress",
            "expected",
            "status",
            "forecast at deadline (80%)",
            "chance",
        ]
    }
    .map(str::to_owned)
    .to_vec();
    let mut cells = vec![header];
    for row in rows {
        cells.push(vec![
            row.id.clone(),
            row.kpi.id.clone(),
            display::value(row.value, row.kpi.unit, currency, lang),
            display::value(row.target, row.kpi.unit, currency, lang),
            percent(row.progress, lang),
            percent(Some(row.expected), lang),
            row.status.label(lang).to_owned(),
            match &row.forecast {
                Ok(f) => format!(
                    "{} ({} – {})",
                    display::value(Some(f.value), row.kpi.unit, currency, lang),
                    display::value(Some(f.low), row.kpi.unit, currency, lang),
                    display::value(Some(f.high), row.kpi.unit, currency, lang)
                ),
                Err(NoForecast::TooLittleData) => (if fr {
                    "moins de 28 jours de données"
                } else {
                    "under 28 days of data"
                })
                .to_owned(),
                Err(_) => "—".to_owned(),
            },
            match &row.forecast {
                Ok(f) => percent(Some(f.probability), lang),
                Err(_) => "—".to_owned(),
            },
        ]);
    }
    out.push_str(&super::table::grid(&cells, |column| {
        (2..6).contains(&column)
    }));
    out.push('\n');
    for (id, title, roll) in goals {
        let worst = roll.worst.map_or("—", |s| s.label(lang));
        out.push_str(&format!(
            "{id} — {title}: {} {}, {} {}, {} {}, {} {}, {} {}, {} {} ({} {worst})\n",
            roll.achieved,
            Status::Achieved.label(lang),
            roll.on_track,
            Status::OnTrack.label(lang),
            roll.at_risk,
            Status::AtRisk.label(lang),
            roll.off_track,
            Status::OffTrack.label(lang),
            roll.missed,
            Status::Missed.label(lang),
            roll.no_data,
            Status::NoData.label(lang),
            if fr { "au pire" } else { "worst" },
        ));
    }
    if !alerts.is_empty() {
        out.push_str(if fr { "\nalertes\n" } else { "\nalerts\n" });
        for (rule, item, message) in alerts {
            out.push_str(&format!("  [{rule}] {item}: {message}\n"));
        }
    }
    out
}
