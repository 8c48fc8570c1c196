//! What the KPIs, the status, the budget and the review read from the
//! workspace: the store's daily totals, so that their cost grows with the
//! days and series shown, not with the observations stored.

use jiff::civil::Date;
use kpilot_core::budget::{self, Spending};
use kpilot_core::catalogue;
use kpilot_core::engine::{By, Cube, Span, measures_of, series_of};
use kpilot_core::kpi::{Aggregation, Definition, KpiDef};
use kpilot_core::plan::{Budget, GoalKind, Plan, RevenueBase};
use kpilot_store::{
    ObservationQuery, Scope, Store, StoredObservation, StoredTotal, TotalsQuery, TotalsScope,
};
use rust_decimal::prelude::ToPrimitive;

use crate::Error;

/// Where the values of a KPI are taken: its filters and breakdown.
#[derive(Debug, Clone, Copy)]
pub struct Filters<'a> {
    /// Only this channel's values (`None`: every channel).
    pub channel: Option<&'a str>,
    /// Only this segment's values (`None`: every segment).
    pub segment: Option<&'a str>,
    /// A breakdown by channel or by segment, one group each.
    pub by: Option<By>,
}

impl Filters<'_> {
    /// The scope of the store's totals: a filter is one channel (or
    /// segment), a breakdown each of them, otherwise all together.
    fn scope(&self) -> TotalsScope {
        let scope = |filter: Option<&str>, by: By| match filter {
            Some(name) => Scope::Only(name.to_owned()),
            None if self.by == Some(by) => Scope::Each,
            None => Scope::All,
        };
        TotalsScope::Market {
            channel: scope(self.channel, By::Channel),
            segment: scope(self.segment, By::Segment),
        }
    }
}

/// The daily totals of `series` on the days `from..=to` (`None`: from the
/// first day with data).
pub fn totals(
    store: &dyn Store,
    series: Vec<String>,
    filters: Filters<'_>,
    from: Option<Date>,
    to: Date,
) -> Result<Vec<StoredTotal>, Error> {
    Ok(store.daily_totals(&TotalsQuery {
        series,
        scope: filters.scope(),
        from,
        to,
    })?)
}

/// A KPI's cube over `span`. The store keeps the products of the
/// catalogue's weighted means only: a plan's own weighted mean is computed
/// from its observations.
pub fn cube(
    store: &dyn Store,
    kpi: &KpiDef,
    span: Span,
    filters: Filters<'_>,
) -> Result<Cube, Error> {
    if let Definition::Measure(Aggregation::WeightedMean { weight }) = &kpi.definition
        && !kpilot_store::kept_pairs().contains(&(kpi.id.as_str(), weight.as_str()))
    {
        let observations = store.observations(&ObservationQuery {
            from: Some(span.from),
            to: Some(span.to),
            measures: Some(measures_of(kpi).into_iter().collect()),
            batch: None,
        })?;
        return Ok(Cube::build(
            kpi,
            span,
            filters.channel,
            filters.segment,
            filters.by,
            observations.iter().map(StoredObservation::as_observation),
        ));
    }
    let totals = totals(store, series_of(kpi), filters, Some(span.from), span.to)?;
    Ok(Cube::from_totals(
        kpi,
        span,
        filters.by,
        totals.iter().map(|total| total.as_daily_total(filters.by)),
    ))
}

/// The plan's budget envelope; a share of the last 12 months' revenue is
/// taken from the revenue observed over the 12 months before the plan
/// starts (`None` when there is none).
pub fn envelope(store: &dyn Store, plan: &Plan) -> Result<Option<f64>, Error> {
    let revenue = match &plan.budget {
        Budget::RevenueShare {
            base: RevenueBase::Last12Months,
            ..
        } => {
            let (from, to) = plan.last_12_months();
            let totals = totals(
                store,
                vec!["revenue".to_owned()],
                Filters {
                    channel: None,
                    segment: None,
                    by: None,
                },
                Some(from),
                to,
            )?;
            (!totals.is_empty()).then(|| {
                totals
                    .iter()
                    .map(|total| total.value.to_f64().unwrap_or(0.0))
                    .sum()
            })
        }
        _ => None,
    };
    Ok(budget::envelope(plan, revenue).map(|amount| amount.value()))
}

/// What was spent since the plan's start up to `at`: the cost observed
/// per channel and per action, and the spend entered by hand.
pub fn spending(store: &dyn Store, plan: &Plan, at: Date) -> Result<Spending, Error> {
    let cost = |scope| {
        store.daily_totals(&TotalsQuery {
            series: vec!["cost".to_owned()],
            scope,
            from: Some(plan.start),
            to: at,
        })
    };
    let by_channel = cost(TotalsScope::Market {
        channel: Scope::Each,
        segment: Scope::All,
    })?;
    let by_action = cost(TotalsScope::Action(Scope::Each))?;
    let value = |total: &StoredTotal| total.value.to_f64().unwrap_or(0.0);
    let entered = store
        .spend_entries(&plan.id)?
        .into_iter()
        .filter(|entry| entry.day >= plan.start && entry.day <= at)
        .map(|entry| {
            (
                entry.day,
                entry.action,
                entry.amount.to_f64().unwrap_or(0.0),
            )
        })
        .collect();
    Ok(Spending {
        observed: by_channel
            .iter()
            .map(|total| (total.day, total.channel.clone(), value(total)))
            .collect(),
        observed_by_action: by_action
            .iter()
            .filter_map(|total| Some((total.day, total.action.clone()?, value(total))))
            .collect(),
        entered,
    })
}

/// `kpi.cpa_above_aov`: on a plan with a sales goal, the cost per
/// acquisition and the average purchase value over `window` when each sale
/// cost at least what it brought (Σcost ≥ Σrevenue over the same sales).
pub fn cpa_above_aov(
    store: &dyn Store,
    plan: &Plan,
    window: Span,
) -> Result<Option<(f64, f64)>, Error> {
    if !plan.goals.iter().any(|goal| goal.kind == GoalKind::Sales) {
        return Ok(None);
    }
    let everywhere = Filters {
        channel: None,
        segment: None,
        by: None,
    };
    let value_of = |id: &str| -> Result<Option<f64>, Error> {
        let Some(kpi) = catalogue::find(id) else {
            return Ok(None);
        };
        Ok(cube(store, kpi, window, everywhere)?
            .value(window, None)
            .value)
    };
    Ok(
        match (value_of("cpa")?, value_of("average_purchase_value")?) {
            (Some(cpa), Some(aov)) if cpa >= aov => Some((cpa, aov)),
            _ => None,
        },
    )
}
