//! The operation review's data (`kpilot review`): the objectives judged
//! over the review's days, the levers compared, the budget, the action plan,
//! the checks, the lessons noted and the data by day, read from the
//! workspace for kpilot-report's [`Review`]; with its JSON.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use kpilot_core::budget::{self, By as BudgetBy};
use kpilot_core::display;
use kpilot_core::engine::{By, Span, measures_of};
use kpilot_core::kpi::{KpiDef, Lang, Unit};
use kpilot_core::plan::{BUILTIN_CHANNELS, Objective, Plan};
use kpilot_core::review::{self, LeverSums, ObjectiveReview};
use kpilot_report::review::{Check, DayRow, ExperimentView, Note, Review, SegmentView};
use kpilot_store::{Scope, Store, TotalsQuery, TotalsScope};
use rust_decimal::prelude::ToPrimitive;
use serde_json::json;

use crate::Error;
use crate::budget::cents;
use crate::data::{self, Filters};

/// The measures a lever's results are counted in.
const LEVER_MEASURES: [&str; 4] = ["cost", "conversions", "transactions", "revenue"];

fn sum(value: &rust_decimal::Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The days a review covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    /// The last day with data in the workspace, `None` without any.
    pub last_data: Option<Date>,
}

impl Period {
    /// Whether its first day comes after its last: a period the caller
    /// refuses, saying both days.
    pub fn is_reversed(&self) -> bool {
        self.from > self.to
    }
}

/// The review's days: `from` and `to` when asked; otherwise from the
/// plan's start to `today` kept within the plan's days, or to the last day
/// with data when that comes first (a review read a week after the last
/// import judges the objectives on the data, not on days nobody has
/// measured yet). `kpilot review` and the web Review page both ask here.
pub fn period(
    store: &dyn Store,
    plan: &Plan,
    today: Date,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Period, Error> {
    let last_data = store.data_days()?.map(|(_, last)| last);
    let from = from.unwrap_or(plan.start);
    let to = to.unwrap_or_else(|| {
        let within = today.clamp(plan.start, plan.end.max(plan.start));
        match last_data {
            Some(last) if last < within => last.max(from),
            _ => within,
        }
    });
    Ok(Period {
        from,
        to,
        last_data,
    })
}

/// How `objective` stood at the end of each week from `from` to `to` (and
/// on `to`): the review's objective row and the dashboard's chart.
pub fn history(
    store: &dyn Store,
    plan: &Plan,
    objective: &Objective,
    kpi: &KpiDef,
    from: Date,
    to: Date,
) -> Result<ObjectiveReview, Error> {
    let judged = review::judgement_days(from.max(plan.start), to);
    let filters = Filters {
        channel: objective.channel.as_ref().map(|c| c.as_str()),
        segment: objective.segment.as_ref().map(|s| s.as_str()),
        by: None,
    };
    let span = Span {
        from: review::cube_start(plan, objective, kpi, &judged),
        to,
    };
    let cube = data::cube(store, kpi, span, filters)?;
    Ok(review::objective(plan, objective, kpi, &cube, from, to))
}

/// Everything the review of `plan` from `from` to `to` shows, read from
/// the workspace, texts in `lang`.
pub fn gather<'a>(
    store: &dyn Store,
    plan: &'a Plan,
    from: Date,
    to: Date,
    lang: Lang,
) -> Result<Review<'a>, Error> {
    // Objectives, judged every week.
    let mut objectives: Vec<ObjectiveReview> = Vec::new();
    let mut segments = Vec::new();
    for objective in &plan.objectives {
        let Some(kpi) = plan.kpi_of(objective) else {
            continue;
        };
        let filters = Filters {
            channel: objective.channel.as_ref().map(|c| c.as_str()),
            segment: objective.segment.as_ref().map(|s| s.as_str()),
            by: None,
        };
        let reviewed = history(store, plan, objective, kpi, from, to)?;
        if let (Some(_), Some(window)) = (&objective.segment, reviewed.window) {
            let by_segment = data::cube(
                store,
                kpi,
                window,
                Filters {
                    segment: None,
                    by: Some(By::Segment),
                    ..filters
                },
            )?;
            segments.push(SegmentView {
                objective: objective.id.to_string(),
                kpi: kpi.id.clone(),
                unit: kpi.unit,
                rows: by_segment
                    .groups()
                    .into_iter()
                    .map(|group| {
                        let value = by_segment.value(window, group.as_deref());
                        (group.unwrap_or_default(), value.value, value.components)
                    })
                    .collect(),
            });
        }
        objectives.push(reviewed);
    }

    // Levers: what each channel spent and brought over the review's days.
    let spending = data::spending(store, plan, to)?;
    let lever_totals = store.daily_totals(&TotalsQuery {
        series: LEVER_MEASURES.iter().map(|m| (*m).to_owned()).collect(),
        scope: TotalsScope::Market {
            channel: Scope::Each,
            segment: Scope::All,
        },
        from: Some(from),
        to,
    })?;
    let mut by_channel: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for total in &lever_totals {
        let channel = total.channel.clone().unwrap_or_default();
        *by_channel
            .entry(channel)
            .or_default()
            .entry(total.series.clone())
            .or_insert(0.0) += sum(&total.value);
    }
    for (day, action, amount) in &spending.entered {
        if *day >= from && *day <= to {
            let channel = plan
                .channel_of_action(action)
                .map(ToString::to_string)
                .unwrap_or_default();
            *by_channel
                .entry(channel)
                .or_default()
                .entry("entered".to_owned())
                .or_insert(0.0) += amount;
        }
    }
    for channel in plan.tactics.iter().map(|t| t.channel.to_string()).chain(
        plan.objectives
            .iter()
            .filter_map(|o| Some(o.channel.as_ref()?.to_string())),
    ) {
        by_channel.entry(channel).or_default();
    }
    let mut lever_sums = Vec::new();
    for (channel, sums) in &by_channel {
        let get = |measure: &str| sums.get(measure).copied();
        let mut kpis: Vec<String> = plan
            .objectives
            .iter()
            .filter(|o| o.channel.as_ref().map(|c| c.as_str()) == Some(channel.as_str()))
            .filter_map(|o| Some(o.kpi.as_ref()?.to_string()))
            .chain(
                plan.tactics
                    .iter()
                    .filter(|t| t.channel.as_str() == channel)
                    .flat_map(|t| t.metrics.iter().map(|m| m.kpi.to_string())),
            )
            .collect();
        kpis.dedup();
        let mut seen = BTreeSet::new();
        kpis.retain(|kpi| seen.insert(kpi.clone()));
        let window = Span { from, to };
        let mut values = Vec::new();
        for id in kpis {
            let Some(kpi) = plan.kpi(&id) else {
                continue;
            };
            let filters = Filters {
                channel: (!channel.is_empty()).then_some(channel.as_str()),
                segment: None,
                by: None,
            };
            let value = data::cube(store, kpi, window, filters)?.value(window, None);
            values.push((id, kpi.unit, value.value));
        }
        lever_sums.push(LeverSums {
            channel: channel.clone(),
            name: channel_name(plan, channel, lang),
            spend: get("cost").unwrap_or(0.0) + get("entered").unwrap_or(0.0),
            conversions: get("conversions"),
            transactions: get("transactions"),
            revenue: get("revenue"),
            kpis: values,
        });
    }
    let (results, levers) = review::levers(lever_sums);

    // The budget at the last day.
    let envelope = data::envelope(store, plan)?;
    let budget: Vec<(BudgetBy, budget::Report)> = [
        BudgetBy::Channel,
        BudgetBy::Tactic,
        BudgetBy::Action,
        BudgetBy::Month,
    ]
    .into_iter()
    .map(|by| (by, budget::report(plan, to, envelope, &spending, Some(by))))
    .collect();
    let schedule = crate::tracking::schedule(store, plan, to)?;

    // The data by day, per channel: every measure the review reads.
    let mut measures: BTreeSet<String> = LEVER_MEASURES.iter().map(|m| (*m).to_owned()).collect();
    for objective in &plan.objectives {
        if let Some(kpi) = plan.kpi_of(objective) {
            measures.extend(measures_of(kpi));
        }
    }
    let measures: Vec<String> = measures.into_iter().collect();
    let daily = store.daily_totals(&TotalsQuery {
        series: measures.clone(),
        scope: TotalsScope::Market {
            channel: Scope::Each,
            segment: Scope::All,
        },
        from: Some(from),
        to,
    })?;
    let mut rows: BTreeMap<(Date, Option<String>), Vec<Option<f64>>> = BTreeMap::new();
    let mut seen_days: BTreeMap<&str, BTreeSet<Date>> = BTreeMap::new();
    let mut channel_days: BTreeMap<String, BTreeSet<Date>> = BTreeMap::new();
    for total in &daily {
        let Some(index) = measures.iter().position(|m| *m == total.series) else {
            continue;
        };
        let row = rows
            .entry((total.day, total.channel.clone()))
            .or_insert_with(|| vec![None; measures.len()]);
        row[index] = Some(row[index].unwrap_or(0.0) + sum(&total.value));
        seen_days
            .entry(measures[index].as_str())
            .or_default()
            .insert(total.day);
        channel_days
            .entry(total.channel.clone().unwrap_or_default())
            .or_default()
            .insert(total.day);
    }
    let days: Vec<DayRow> = rows
        .into_iter()
        .map(|((day, channel), values)| DayRow {
            day,
            channel,
            values,
        })
        .collect();

    // Checks.
    let mut checks = Vec::new();
    let check = |rule: &str, item: &str, fr: String, en: String| Check {
        rule: rule.to_owned(),
        item: item.to_owned(),
        message: match lang {
            Lang::Fr => fr,
            Lang::En => en,
        },
    };
    for reviewed in &objectives {
        let kpi = plan.kpi(&reviewed.kpi);
        let has_data = kpi.is_some_and(|kpi| {
            measures_of(kpi)
                .iter()
                .any(|m| seen_days.get(m.as_str()).is_some_and(|d| !d.is_empty()))
        });
        if reviewed.value.is_none() && !has_data {
            checks.push(check(
                "data.missing",
                &reviewed.id,
                format!("« {} » n’a aucune donnée sur la période", reviewed.title),
                format!("“{}” has no data in the period", reviewed.title),
            ));
        }
    }
    // Days without any data of a channel that has some in the period.
    for (channel, seen) in &channel_days {
        let name = channel_name(plan, channel, lang);
        for gap in review::gaps(channel, seen, from, to) {
            checks.push(check(
                "data.gap",
                channel,
                format!(
                    "{name} : aucune donnée du {} au {} ({} jour(s))",
                    gap.from, gap.to, gap.days
                ),
                format!(
                    "{name}: no data from {} to {} ({} day(s))",
                    gap.from, gap.to, gap.days
                ),
            ));
        }
    }
    if let Some((cpa, aov)) = data::cpa_above_aov(store, plan, Span { from, to })? {
        let money = |v| display::value(Some(v), Unit::Currency, plan.currency.as_str(), lang);
        checks.push(check(
                "kpi.cpa_above_aov",
                plan.id.as_str(),
                format!(
                    "sur la période, chaque vente a coûté {} pour un panier moyen de {} : elle coûte plus qu’elle ne rapporte",
                    money(cpa),
                    money(aov)
                ),
                format!(
                    "over the period each sale cost {} for an average purchase of {}: it costs more than it brings",
                    money(cpa),
                    money(aov)
                ),
            ));
    }
    for lever in levers.iter().filter(|l| l.overweight) {
        let share = |v: Option<f64>| display::value(v, Unit::Percent, "", lang);
        checks.push(check(
            "lever.overweight",
            &lever.sums.channel,
            format!(
                "{} : {} de la dépense pour {} des résultats",
                lever.sums.name,
                share(lever.spend_share),
                share(lever.results_share)
            ),
            format!(
                "{}: {} of the spend for {} of the results",
                lever.sums.name,
                share(lever.spend_share),
                share(lever.results_share)
            ),
        ));
    }
    if let Some((_, report)) = budget.first() {
        for finding in report.findings.iter().chain(&schedule.findings) {
            checks.push(Check {
                rule: finding.rule.to_owned(),
                item: finding.item.clone(),
                message: finding.message.get(lang).to_owned(),
            });
        }
    }

    // Lessons, objectives first in plan order, then levers and the rest.
    let order = crate::note::items(plan);
    let mut notes: Vec<Note> = store
        .notes(&plan.id)?
        .into_iter()
        .map(|note| Note {
            day: note.written_at.to_zoned(jiff::tz::TimeZone::UTC).date(),
            item: note.item,
            text: note.text,
        })
        .collect();
    notes.sort_by_key(|note| order.iter().position(|item| *item == note.item));

    // The experiments that ran during the period, judged at its end.
    let mut experiments = Vec::new();
    for experiment in &plan.experiments {
        let ran = experiment.start.is_none_or(|start| start <= to)
            && experiment.end.is_none_or(|end| end >= from);
        if !ran {
            continue;
        }
        match crate::experiment::judged(store, plan, experiment, to) {
            Ok(judgement) => experiments.push(ExperimentView {
                hypothesis: experiment.hypothesis.clone(),
                sentences: judgement
                    .comparisons
                    .iter()
                    .map(|comparison| crate::experiment::sentence(&judgement, comparison, lang))
                    .collect(),
                judgement,
            }),
            Err(Error::Experiment(error)) => checks.push(Check {
                rule: "experiment.results".to_owned(),
                item: experiment.id.to_string(),
                message: error.to_string(),
            }),
            Err(error) => return Err(error),
        }
    }

    Ok(Review {
        plan,
        from,
        to,
        last_data: store.data_days()?.map(|(_, last)| last),
        lang,
        objectives,
        results,
        levers,
        budget,
        schedule,
        segments,
        checks,
        notes,
        experiments,
        measures,
        days,
    })
}

/// A channel's name: the plan's, the built-in one's, or its id.
fn channel_name(plan: &Plan, channel: &str, lang: Lang) -> String {
    if channel.is_empty() {
        return match lang {
            Lang::Fr => "(sans canal)".to_owned(),
            Lang::En => "(no channel)".to_owned(),
        };
    }
    if let Some(own) = plan.channels.iter().find(|c| c.id.as_str() == channel) {
        return own.name.clone();
    }
    BUILTIN_CHANNELS
        .iter()
        .find(|(id, _, _)| *id == channel)
        .map_or(channel.to_owned(), |(_, fr, en)| match lang {
            Lang::Fr => (*fr).to_owned(),
            Lang::En => (*en).to_owned(),
        })
}

/// The review's figures for other programs (the same as every format's),
/// as `kpilot review --format json` writes them.
pub fn to_json(review: &Review<'_>) -> serde_json::Value {
    let components = |c: &kpilot_core::engine::Components| {
        c.iter()
            .map(|(name, sum)| (name.clone(), json!(sum.normalize().to_string())))
            .collect::<serde_json::Map<_, _>>()
    };
    let (_, total) = &review.budget[0];
    json!({
        "plan": review.plan.id.as_str(),
        "from": review.from.to_string(),
        "to": review.to.to_string(),
        "last_data": review.last_data.map(|day| day.to_string()),
        "objectives": review.objectives.iter().map(|o| json!({
            "id": o.id,
            "kpi": o.kpi,
            "baseline": o.baseline,
            "target": o.target,
            "deadline": o.deadline.to_string(),
            "window": o.window.map(|w| json!({"from": w.from.to_string(), "to": w.to.to_string()})),
            "value": o.value,
            "components": components(&o.components),
            "gap": o.gap,
            "progress": o.progress,
            "expected_progress": o.expected_progress,
            "status": o.status,
            "achieved": review::achieved(o),
            "closed": o.closed,
            "value_as_of": o.as_of.map(|day| day.to_string()),
            "history": o.history.iter().map(|j| json!({
                "at": j.at.to_string(),
                "value": j.value,
                "expected": j.expected,
                "progress": j.progress,
                "status": j.status,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "results": review.results,
        "levers": review.levers.iter().map(|l| json!({
            "channel": l.sums.channel,
            "spend": l.sums.spend,
            "spend_share": l.spend_share,
            "conversions": l.sums.conversions,
            "transactions": l.sums.transactions,
            "revenue": l.sums.revenue,
            "results_share": l.results_share,
            "cpa": l.cpa,
            "roi": l.roi,
            "roas": l.roas,
            "rank": l.rank,
            "overweight": l.overweight,
            "kpis": l.sums.kpis.iter().map(|(kpi, _, value)| (kpi.clone(), json!(value))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        // Rounded to the cent, as `kpilot budget` gives them.
        "budget": {
            "envelope": total.envelope.map(cents),
            "allocated": cents(total.allocated),
            "planned": cents(total.planned),
            "spent": cents(total.spent),
            "remaining": total.remaining.map(cents),
            "forecast": total.forecast.map(cents),
        },
        "segments": review.segments.iter().map(|s| json!({
            "objective": s.objective,
            "kpi": s.kpi,
            "values": s.rows.iter().map(|(segment, value, _)| (segment.clone(), json!(value))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "checks": review.checks.iter().map(|c| json!({
            "rule": c.rule,
            "item": c.item,
            "message": c.message,
        })).collect::<Vec<_>>(),
        "notes": review.notes.iter().map(|n| json!({
            "item": n.item,
            "day": n.day.to_string(),
            "text": n.text,
        })).collect::<Vec<_>>(),
        "experiments": review.experiments.iter().map(|e| {
            let mut judged = crate::experiment::to_json(&e.judgement);
            judged["hypothesis"] = json!(e.hypothesis);
            judged["sentences"] = json!(e.sentences);
            judged
        }).collect::<Vec<_>>(),
    })
}
