//! `kpilot kpi KPI --from DATE --to DATE`: a KPI's value from the imported
//! results, with the components it was computed from, the previous window
//! of the same length, and a series or a breakdown when asked.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::catalogue;
use kpilot_core::display;
use kpilot_core::engine::{By, Components, Grain, Span, Value, periods};
use kpilot_core::kpi::{KpiDef, Lang};
use kpilot_store::Store;
use kpilot_workspace::data::{self, Filters};
use serde_json::{Map, json};

use crate::cli::{ByArg, GrainArg, KpiArgs, KpiFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &KpiArgs) -> Result<ExitCode> {
    let lang = settings.lang;
    if args.to < args.from {
        bail!(
            "--to {} is before --from {}: the window has no day",
            args.to,
            args.from
        );
    }
    let store = super::open_store(settings)?;
    let (kpi, currency) = find_kpi(store.as_ref(), &args.kpi, args.plan.as_deref())?;
    let window = Span {
        from: args.from,
        to: args.to,
    };
    let previous = window.previous();
    let grain = match args.grain {
        GrainArg::Total => Grain::Total,
        GrainArg::Day => Grain::Day,
        GrainArg::Week => Grain::Week,
        GrainArg::Month => Grain::Month,
    };
    let by = args.by.map(|by| match by {
        ByArg::Channel => By::Channel,
        ByArg::Segment => By::Segment,
    });
    let span = Span {
        from: previous.from,
        to: window.to,
    };
    let (channel, segment) = (args.channel.as_deref(), args.segment.as_deref());
    let filters = Filters {
        channel,
        segment,
        by: None,
    };
    let cube = data::cube(store.as_ref(), &kpi, span, filters)?;
    let breakdown = match by {
        Some(by) => Some((
            by,
            data::cube(
                store.as_ref(),
                &kpi,
                window,
                Filters {
                    by: Some(by),
                    ..filters
                },
            )?,
        )),
        None => None,
    };
    let answer = Answer {
        kpi: &kpi,
        window,
        channel,
        segment,
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
    };
    let out = match args.format {
        KpiFormat::Json => serde_json::to_string_pretty(&answer.json())? + "\n",
        KpiFormat::Csv => answer.csv(),
        KpiFormat::Table => answer.table(&currency, lang),
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A built-in KPI, or one of a stored plan's own, with the plan's currency.
fn find_kpi(store: &dyn Store, id: &str, plan: Option<&str>) -> Result<(KpiDef, String)> {
    if let Some(plan) = plan {
        let stored = super::plan::find_plan(store, Some(plan))?;
        let currency = stored.plan.currency.as_str().to_owned();
        if let Some(kpi) = stored.plan.kpis.iter().find(|kpi| kpi.id == id) {
            return Ok((kpi.clone(), currency));
        }
        if let Some(kpi) = catalogue::find(id) {
            return Ok((kpi.clone(), currency));
        }
    } else if let Some(kpi) = catalogue::find(id) {
        // The workspace's currency when it holds one plan.
        let plans = store.plans()?;
        let currency = match plans.as_slice() {
            [only] => super::plan::find_plan(store, Some(&only.id))?
                .plan
                .currency
                .as_str()
                .to_owned(),
            _ => "EUR".to_owned(),
        };
        return Ok((kpi.clone(), currency));
    }
    bail!("no KPI `{id}`: `kpilot kpis` lists them (add --plan ID for a plan's own)")
}

/// A CSV row: the period or group, whether the period is partial, the value.
type CsvRow<'v> = (String, Option<bool>, &'v Value);

/// Everything the command says.
struct Answer<'a> {
    kpi: &'a KpiDef,
    window: Span,
    channel: Option<&'a str>,
    segment: Option<&'a str>,
    total: Value,
    previous: Value,
    /// (period, partial, value).
    series: Option<Vec<(String, bool, Value)>>,
    /// (by, [(group, value)]).
    breakdown: Option<(By, Vec<(String, Value)>)>,
}

fn components_json(components: &Components) -> serde_json::Value {
    let map: Map<String, serde_json::Value> = components
        .iter()
        .map(|(name, sum)| (name.clone(), decimal_json(*sum)))
        .collect();
    serde_json::Value::Object(map)
}

/// An exact decimal as a JSON number when it is one exactly, else a string.
fn decimal_json(value: rust_decimal::Decimal) -> serde_json::Value {
    let text = value.normalize().to_string();
    match serde_json::from_str::<serde_json::Number>(&text) {
        Ok(number) if number.to_string() == text => serde_json::Value::Number(number),
        _ => serde_json::Value::String(text),
    }
}

impl Answer<'_> {
    fn json(&self) -> serde_json::Value {
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

    /// One row per period or group (one row for the window alone), with
    /// every component as a column.
    fn csv(&self) -> String {
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

    fn table(&self, currency: &str, lang: Lang) -> String {
        let format = |value: Option<f64>| display::value(value, self.kpi.unit, currency, lang);
        let mut out = format!(
            "{} — {}, {} → {}",
            self.kpi.id,
            self.kpi.name.get(lang),
            self.window.from,
            self.window.to
        );
        if let Some(channel) = self.channel {
            out.push_str(&format!(", {} {channel}", tr(lang, "canal", "channel")));
        }
        if let Some(segment) = self.segment {
            out.push_str(&format!(", segment {segment}"));
        }
        out.push('\n');
        out.push_str(&format!(
            "  {:<12} {}   {}\n",
            tr(lang, "valeur", "value"),
            format(self.total.value),
            components_text(&self.total.components, lang)
        ));
        out.push_str(&format!(
            "  {:<12} {}   {}  ({} → {})\n",
            tr(lang, "précédente", "previous"),
            format(self.previous.value),
            components_text(&self.previous.components, lang),
            self.window.previous().from,
            self.window.previous().to
        ));
        let names = self.component_names();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = Vec::new();
        if let Some(series) = &self.series {
            header.push(tr(lang, "période", "period").to_owned());
            header.push(tr(lang, "valeur", "value").to_owned());
            header.extend(names.iter().cloned());
            for (period, partial, value) in series {
                let mut row = vec![
                    if *partial {
                        format!("{period} ({})", tr(lang, "partielle", "partial"))
                    } else {
                        period.clone()
                    },
                    format(value.value),
                ];
                row.extend(names.iter().map(|name| component(value, name, lang)));
                rows.push(row);
            }
        } else if let Some((by, groups)) = &self.breakdown {
            header.push(
                match by {
                    By::Channel => tr(lang, "canal", "channel"),
                    By::Segment => "segment",
                }
                .to_owned(),
            );
            header.push(tr(lang, "valeur", "value").to_owned());
            header.extend(names.iter().cloned());
            for (group, value) in groups {
                let mut row = vec![
                    if group.is_empty() {
                        tr(lang, "(aucun)", "(none)").to_owned()
                    } else {
                        group.clone()
                    },
                    format(value.value),
                ];
                row.extend(names.iter().map(|name| component(value, name, lang)));
                rows.push(row);
            }
        }
        if !rows.is_empty() {
            out.push('\n');
            out.push_str(&render_table(&header, &rows));
        }
        out
    }

    /// Every component named in any row, sorted.
    fn component_names(&self) -> Vec<String> {
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

fn component(value: &Value, name: &str, lang: Lang) -> String {
    value
        .components
        .get(name)
        .map_or_else(|| "—".to_owned(), |sum| display::decimal(*sum, lang))
}

/// `transactions 10 · sessions 1 000`, exact.
fn components_text(components: &Components, lang: Lang) -> String {
    if components.is_empty() {
        return tr(lang, "(aucune donnée)", "(no data)").to_owned();
    }
    components
        .iter()
        .map(|(name, sum)| format!("{name} {}", display::decimal(*sum, lang)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn render_table(header: &[String], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .chain([header[column].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(index, (cell, width))| {
                if index == 0 {
                    format!("{cell:<width$}")
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect();
        format!("  {}\n", padded.join("  ").trim_end())
    };
    let mut out = line(header);
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}
