//! What `kpi` and `status` read from the workspace: the store's daily
//! totals, so that their cost grows with the days and series shown, not
//! with the observations stored.

use anyhow::Result;
use jiff::civil::Date;
use kpilot_core::engine::{By, Cube, Span, measures_of, series_of};
use kpilot_core::kpi::{Aggregation, Definition, KpiDef};
use kpilot_store::{
    ObservationQuery, Scope, Store, StoredObservation, StoredTotal, TotalsQuery, TotalsScope,
};

/// Where the values of a KPI are taken: its filters and breakdown.
#[derive(Debug, Clone, Copy)]
pub struct Filters<'a> {
    pub channel: Option<&'a str>,
    pub segment: Option<&'a str>,
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
) -> Result<Vec<StoredTotal>> {
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
pub fn cube(store: &dyn Store, kpi: &KpiDef, span: Span, filters: Filters<'_>) -> Result<Cube> {
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
