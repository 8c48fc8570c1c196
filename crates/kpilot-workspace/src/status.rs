//! A plan's status at a day (`kpilot status`): every objective against its
//! target — value, progress, expected progress, status, forecast — goals
//! and the plan rolled up, and the alerts; with its JSON.

use jiff::civil::Date;
use kpilot_core::display;
use kpilot_core::engine::{Components, Span, measures_of};
use kpilot_core::ids::PlanId;
use kpilot_core::kpi::{Direction, KpiDef, Lang};
use kpilot_core::plan::{Objective, Plan};
use kpilot_core::tracking::{
    self, Aim, Forecast, ForecastInput, NoForecast, RollUp, Status, forecast_misses, window_at,
};
use kpilot_store::{Store, StoredTotal};
use serde_json::json;

use crate::Error;
use crate::data::{self, Filters};

/// Days without data before `data.stale`.
const STALE_DAYS: i64 = 7;
/// The window of `kpi.cpa_above_aov`.
const CPA_DAYS: i64 = 28;
/// The most days of history a forecast is fitted on.
const HISTORY_DAYS: i64 = 365;

/// A plan's status at a day.
#[derive(Debug, Clone)]
pub struct StatusReport {
    pub plan: PlanId,
    pub at: Date,
    /// The objectives whose KPI is known, in plan order.
    pub objectives: Vec<ObjectiveStatus>,
    /// Every goal, in plan order, with the statuses of its objectives.
    pub goals: Vec<GoalStatus>,
    /// The plan's roll-up: the worst status of each goal.
    pub summary: RollUp,
    pub alerts: Vec<Alert>,
}

/// One objective's line.
#[derive(Debug, Clone)]
pub struct ObjectiveStatus {
    pub id: String,
    pub title: String,
    pub goal: Option<String>,
    pub kpi: KpiDef,
    /// The objective's scope: its value is the KPI's in this channel and
    /// segment only.
    pub channel: Option<String>,
    pub segment: Option<String>,
    /// The window the value is taken over at the day (`None`: none yet).
    pub window: Option<Span>,
    pub value: Option<f64>,
    /// The exact sums the value was computed from.
    pub components: Components,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// The objective's own deadline (the plan's end when `None`).
    pub deadline: Option<Date>,
    /// Progress from baseline to target, as a fraction.
    pub progress: Option<f64>,
    /// The progress expected at the day, as a fraction.
    pub expected: f64,
    pub status: Status,
    /// Target, direction and deadline (the plan's end by default) when the
    /// objective has a target.
    pub aim: Option<Aim>,
    /// The forecast of the value at the deadline, or why there is none.
    pub forecast: Result<Forecast, NoForecast>,
}

/// A goal rolled up from its objectives.
#[derive(Debug, Clone)]
pub struct GoalStatus {
    pub id: String,
    pub title: String,
    pub roll_up: RollUp,
}

/// An alert: its rule code (a contract), the item it is about (an
/// objective, the plan, an action or a channel) and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub rule: &'static str,
    pub item: String,
    pub message: String,
}

/// The status of `plan` at `at`, messages in `lang`.
pub fn status(store: &dyn Store, plan: &Plan, at: Date, lang: Lang) -> Result<StatusReport, Error> {
    let tracked: Vec<(&Objective, KpiDef)> = plan
        .objectives
        .iter()
        .filter_map(|objective| Some((objective, plan.kpi_of(objective)?.clone())))
        .collect();
    let mut objectives = Vec::new();
    let mut lasts = Vec::new();
    let mut histories = Vec::new();
    for (objective, kpi) in &tracked {
        let (row, last, history) = track(store, plan, objective, kpi, at)?;
        objectives.push(row);
        lasts.push(last);
        histories.push(history);
    }
    // The forecasts, all at once on every core; then each row's.
    let inputs: Vec<ForecastInput<'_>> = histories
        .iter()
        .zip(&objectives)
        .filter_map(|(history, row)| Some(history.as_ref().ok()?.input(&row.kpi, at)))
        .collect();
    let mut forecasts = tracking::forecasts(&inputs).into_iter();
    for (row, history) in objectives.iter_mut().zip(histories) {
        row.forecast = match history {
            Ok(_) => forecasts.next().expect("one forecast per history"),
            Err(reason) => Err(reason),
        };
    }
    let mut alerts = Vec::new();
    for ((objective, kpi), (row, last)) in tracked.iter().zip(objectives.iter().zip(lasts)) {
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

    let goals: Vec<GoalStatus> = plan
        .goals
        .iter()
        .map(|goal| {
            let statuses = objectives
                .iter()
                .filter(|row| row.goal.as_deref() == Some(goal.id.as_str()))
                .map(|row| row.status);
            GoalStatus {
                id: goal.id.to_string(),
                title: goal.title.clone(),
                roll_up: RollUp::of(statuses),
            }
        })
        .collect();
    let summary = RollUp::of(goals.iter().filter_map(|goal| goal.roll_up.worst));
    Ok(StatusReport {
        plan: plan.id.clone(),
        at,
        objectives,
        goals,
        summary,
        alerts,
    })
}

impl StatusReport {
    /// The status as `kpilot status --format json` prints it (a contract:
    /// its keys are never renamed).
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "plan": self.plan.as_str(),
            "at": self.at.to_string(),
            "objectives": self.objectives.iter().map(ObjectiveStatus::to_json).collect::<Vec<_>>(),
            "goals": self.goals.iter().map(|GoalStatus { id, title, roll_up: roll }| json!({
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
            "summary": self.summary,
            "alerts": self.alerts.iter().map(|Alert { rule, item, message }| json!({
                "rule": rule,
                "item": item,
                "message": message,
            })).collect::<Vec<_>>(),
        })
    }
}

fn days_before(day: Date, days: i64) -> Date {
    day.checked_sub(jiff::Span::new().days(days - 1))
        .unwrap_or(day)
}

/// What `track` gives.
type Tracked = (ObjectiveStatus, Option<Date>, Result<History, NoForecast>);

/// One objective's line (without its forecast), the last day with data
/// for it up to `at`, and what its forecast is made from.
fn track(
    store: &dyn Store,
    plan: &Plan,
    objective: &Objective,
    kpi: &KpiDef,
    at: Date,
) -> Result<Tracked, Error> {
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
    let row = ObjectiveStatus {
        aim,
        // Made from `history` with the other objectives' forecasts.
        forecast: Err(NoForecast::NoTarget),
        id: objective.id.to_string(),
        title: objective.title.clone(),
        goal: objective.goal.as_ref().map(|g| g.to_string()),
        kpi: kpi.clone(),
        channel: objective.channel.as_ref().map(|c| c.to_string()),
        segment: objective.segment.as_ref().map(|s| s.to_string()),
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

impl ObjectiveStatus {
    /// The direction the KPI should move in.
    pub fn direction(&self) -> Direction {
        self.kpi.direction
    }

    fn to_json(&self) -> serde_json::Value {
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

/// What the forecast of an objective's value at its deadline is made from:
/// the daily totals of its components (channel and segment as the
/// objective says) over up to a year before `at` (`recent`), starting on
/// the first day with data.
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

fn alert(rule: &'static str, item: &str, lang: Lang, fr: String, en: String) -> Alert {
    let message = match lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    Alert {
        rule,
        item: item.to_owned(),
        message,
    }
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
) -> Result<(), Error> {
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
) -> Result<(), Error> {
    let report = crate::budget::report(store, plan, at, None)?;
    for notice in report.findings {
        if notice.rule == "budget.overspend" {
            alerts.push(Alert {
                rule: notice.rule,
                item: notice.item,
                message: notice.message.get(lang).to_owned(),
            });
        }
    }
    Ok(())
}

fn percent(value: Option<f64>, lang: Lang) -> String {
    display::value(value, kpilot_core::kpi::Unit::Percent, "EUR", lang)
}
