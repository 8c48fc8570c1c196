//! A KPI's value from the imported results (`kpilot kpi`), with the
//! components it was computed from, the previous window of the same length,
//! and a series or a breakdown when asked; with its JSON and CSV.

use kpilot_core::catalogue;
use kpilot_core::engine::{By, Components, Grain, Span, Value, periods};
use kpilot_core::ids::PlanId;
use kpilot_core::kpi::KpiDef;
use kpilot_core::plan::Plan;
use kpilot_store::Store;
use serde_json::{Map, json};

use crate::Error;
use crate::data::{self, Filters};

/// A KPI found by its id, with the currency its money is shown in.
#[derive(Debug, Clone)]
pub struct Found {
    pub kpi: KpiDef,
    /// The plan's currency; `EUR` without a plan.
    pub currency: String,
}

/// A built-in KPI, or one of `plan`'s own, with the plan's currency.
/// Without a plan, a built-in KPI with the currency of the workspace's plan
/// when it holds one. `None`: no such KPI.
pub fn find(store: &dyn Store, id: &str, plan: Option<&Plan>) -> Result<Option<Found>, Error> {
    if let Some(plan) = plan {
        let currency = plan.currency.as_str().to_owned();
        if let Some(kpi) = plan.kpis.iter().find(|kpi| kpi.id == id) {
            return Ok(Some(Found {
                kpi: kpi.clone(),
                currency,
            }));
        }
        if let Some(kpi) = catalogue::find(id) {
            return Ok(Some(Found {
                kpi: kpi.clone(),
                currency,
            }));
        }
    } else if let Some(kpi) = catalogue::find(id) {
        // The workspace's currency when it holds one plan.
        let plans = store.plans()?;
        let only = match plans.as_slice() {
            // A listed plan's id is well spelled and the plan is there:
            // plans are never removed.
            [only] => match PlanId::parse(&only.id) {
                Ok(id) => store.plan(&id)?,
                Err(_) => None,
            },
            _ => None,
        };
        let currency = match only {
            Some(stored) => stored.plan.currency.as_str().to_owned(),
            None => "EUR".to_owned(),
        };
        return Ok(Some(Found {
            kpi: kpi.clone(),
            currency,
        }));
    }
    Ok(None)
}

/// A KPI's values over `window` where `filters` say: the total, the
/// previous window of the same length, a series by `grain` (none for
/// [`Grain::Total`]), and a breakdown when `filters.by` asks for one.
pub fn query(
    store: &dyn Store,
    kpi: &KpiDef,
    window: Span,
    grain: Grain,
    filters: Filters<'_>,
) -> Result<Answer, Error> {
    let previous = window.previous();
    let by = filters.by;
    let span = Span {
        from: previous.from,
        to: window.to,
    };
    let (channel, segment) = (filters.channel, filters.segment);
    let filters = Filters {
        channel,
        segment,
        by: None,
    };
    let cube = data::cube(store, kpi, span, filters)?;
    let breakdown = match by {
        Some(by) => Some((
            by,
            data::cube(
                store,
                kpi,
                window,
                Filters {
                    by: Some(by),
                    ..filters
                },
            )?,
        )),
        None => None,
    };
    Ok(Answer {
        kpi: kpi.clone(),
        window,
        channel: channel.map(str::to_owned),
        segment: segment.map(str::to_owned),
        total: cube.value(window, None),
        previous: cube.value(previous, None),
        series: (grain != Grain::Total).then(|| {
            periods(window, grain)
                .into_iter()
                .map(|period| {
                    let value = cube.value(period.span, None);
                    (period.label, period.partial, value)
                })
                .collect()
        }),
        breakdown: breakdown.map(|(by, groups)| {
            let rows = groups
                .groups()
                .into_iter()
                .map(|group| {
                    let value = groups.value(window, group.as_deref());
                    (group.unwrap_or_default(), value)
                })
                .collect();
            (by, rows)
        }),
    })
}

/// A CSV row: the period or group, whether the period is partial, the value.
type CsvRow<'v> = (String, Option<bool>, &'v Value);

/// Everything `kpilot kpi` says.
#[derive(Debug, Clone)]
pub struct Answer {
    pub kpi: KpiDef,
    pub window: Span,
    pub channel: Option<String>,
    pub segment: Option<String>,
    /// The value over the window.
    pub total: Value,
    /// The value over the window of the same length just before.
    pub previous: Value,
    /// (period, partial, value).
    pub series: Option<Vec<(String, bool, Value)>>,
    /// (by, [(group, value)]); the group is empty for values without one.
    pub breakdown: Option<(By, Vec<(String, Value)>)>,
}

fn components_json(components: &Components) -> serde_json::Value {
    let map: Map<String, serde_json::Value> = components
        .iter()
        .map(|(name, sum)| (name.clone(), decimal_json(*sum)))
        .collect();
    serde_json::Value::Object(map)
}

/// An exact decimal as a JSON number when it is one exactly, else a string.
pub(crate) fn decimal_json(value: rust_decimal::Decimal) -> serde_json::Value {
    let text = value.normalize().to_string();
    match serde_json::from_str::<serde_json::Number>(&text) {
        Ok(number) if number.to_string() == text => serde_json::Value::Number(number),
        _ => serde_json::Value::String(text),
    }
}

impl Answer {
    /// The answer as `kpilot kpi --format json` prints it (a contract: its
    /// keys are never renamed).
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = json!({
            "kpi": self.kpi.id,
            "from": self.window.from.to_string(),
            "to": self.window.to.to_string(),
            "channel": self.channel,
            "segment": self.segment,
            "unit": self.kpi.unit.as_str(),
            "direction": self.kpi.direction.as_str(),
            "value": self.total.value,
            "components": components_json(&self.total.components),
            "previous": self.previous.value,
            "previous_components": components_json(&self.previous.components),
        });
        if let Some(series) = &self.series {
            out["series"] = series
                .iter()
                .map(|(period, partial, value)| {
                    json!({
                        "period": period,
                        "value": value.value,
                        "partial": partial,
                        "components": components_json(&value.components),
                    })
                })
                .collect();
        }
        if let Some((by, rows)) = &self.breakdown {
            out["breakdown"] = rows
                .iter()
                .map(|(group, value)| {
                    let mut row = json!({
                        "value": value.value,
                        "components": components_json(&value.components),
                    });
                    row[by.as_str()] = json!(group);
                    row
                })
                .collect();
        }
        out
    }

    /// The answer as `kpilot kpi --format csv` prints it: one row per
    /// period or group (one row for the window alone), with every component
    /// as a column.
    pub fn to_csv(&self) -> String {
        let names = self.component_names();
        let (first, rows): (&str, Vec<CsvRow<'_>>) = match (&self.series, &self.breakdown) {
            (Some(series), _) => (
                "period",
                series
                    .iter()
                    .map(|(period, partial, value)| (period.clone(), Some(*partial), value))
                    .collect(),
            ),
            (None, Some((by, rows))) => (
                by.as_str(),
                rows.iter()
                    .map(|(group, value)| (group.clone(), None, value))
                    .collect(),
            ),
            (None, None) => (
                "window",
                vec![(
                    format!("{}..{}", self.window.from, self.window.to),
                    None,
                    &self.total,
                )],
            ),
        };
        let mut out = format!("{first},value");
        if self.series.is_some() {
            out.push_str(",partial");
        }
        for name in &names {
            out.push(',');
            out.push_str(&csv_field(name));
        }
        out.push('\n');
        for (label, partial, value) in rows {
            out.push_str(&csv_field(&label));
            out.push(',');
            out.push_str(&value.value.map(|v| v.to_string()).unwrap_or_default());
            if let Some(partial) = partial {
                out.push_str(if partial { ",true" } else { ",false" });
            }
            for name in &names {
                out.push(',');
                if let Some(sum) = value.components.get(name) {
                    out.push_str(&sum.normalize().to_string());
                }
            }
            out.push('\n');
        }
        out
    }

    /// Every component named in any row, sorted.
    pub fn component_names(&self) -> Vec<String> {
        let mut names: std::collections::BTreeSet<String> =
            self.total.components.keys().cloned().collect();
        if let Some(series) = &self.series {
            for (_, _, value) in series {
                names.extend(value.components.keys().cloned());
            }
        }
        if let Some((_, rows)) = &self.breakdown {
            for (_, value) in rows {
                names.extend(value.components.keys().cloned());
            }
        }
        names.into_iter().collect()
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use kpilot_core::plan_file;
    use kpilot_store::SqliteStore;

    use super::*;

    const BOUTIQUE: &str = include_str!("../../../examples/boutique.toml");
    const CLOUD_KICKS: &str = include_str!("../../../examples/cloud-kicks.toml");

    fn plan(text: &str) -> Plan {
        plan_file::parse(text).unwrap().plan
    }

    /// The currency `find` gives, `None` when it finds no KPI.
    fn currency(store: &dyn Store, id: &str, plan: Option<&Plan>) -> Option<String> {
        Some(find(store, id, plan).unwrap()?.currency)
    }

    #[test]
    fn a_kpi_is_shown_in_the_currency_of_its_plan_or_of_the_only_plan() {
        let store = SqliteStore::open_in_memory().unwrap();
        let boutique = plan(&BOUTIQUE.replace("currency = \"EUR\"", "currency = \"CHF\""));
        assert_eq!(currency(&store, "cpa", None).as_deref(), Some("EUR"));

        store.apply_plan(&boutique, "test").unwrap();
        assert_eq!(currency(&store, "cpa", None).as_deref(), Some("CHF"));
        // A plan's own KPI is found in that plan only.
        assert_eq!(currency(&store, "revenue_per_participant", None), None);
        assert_eq!(
            currency(&store, "revenue_per_participant", Some(&boutique)).as_deref(),
            Some("CHF")
        );
        assert_eq!(currency(&store, "no_such_kpi", Some(&boutique)), None);

        // With two plans, no plan's currency is the workspace's.
        store.apply_plan(&plan(CLOUD_KICKS), "test").unwrap();
        assert_eq!(currency(&store, "cpa", None).as_deref(), Some("EUR"));
        assert_eq!(
            currency(&store, "cpa", Some(&boutique)).as_deref(),
            Some("CHF")
        );
    }
}
