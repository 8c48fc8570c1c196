//! `kpilot kpi KPI --from DATE --to DATE`: a KPI's value from the imported
//! results, with the components it was computed from, the previous window
//! of the same length, and a series or a breakdown when asked.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::display;
use kpilot_core::engine::{By, Components, Grain, Span, Value};
use kpilot_core::kpi::Lang;
use kpilot_workspace::data::Filters;
use kpilot_workspace::kpi::{Answer, Found};

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
    let plan = match args.plan.as_deref() {
        Some(plan) => Some(super::plan::find_plan(store.as_ref(), Some(plan))?.plan),
        None => None,
    };
    let Some(Found { kpi, currency }) =
        kpilot_workspace::kpi::find(store.as_ref(), &args.kpi, plan.as_ref())?
    else {
        bail!(
            "no KPI `{}`: `kpilot kpis` lists them (add --plan ID for a plan's own)",
            args.kpi
        )
    };
    let window = Span {
        from: args.from,
        to: args.to,
    };
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
    let filters = Filters {
        channel: args.channel.as_deref(),
        segment: args.segment.as_deref(),
        by,
    };
    let answer = kpilot_workspace::kpi::query(store.as_ref(), &kpi, window, grain, filters)?;
    let out = match args.format {
        KpiFormat::Json => serde_json::to_string_pretty(&answer.to_json())? + "\n",
        KpiFormat::Csv => answer.to_csv(),
        KpiFormat::Table => table(&answer, &currency, lang),
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The answer as a plain-text table, money in `currency`.
fn table(answer: &Answer, currency: &str, lang: Lang) -> String {
    let format = |value: Option<f64>| display::value(value, answer.kpi.unit, currency, lang);
    let mut out = format!(
        "{} — {}, {} → {}",
        answer.kpi.id,
        answer.kpi.name.get(lang),
        answer.window.from,
        answer.window.to
    );
    if let Some(channel) = answer.channel.as_deref() {
        out.push_str(&format!(", {} {channel}", tr(lang, "canal", "channel")));
    }
    if let Some(segment) = answer.segment.as_deref() {
        out.push_str(&format!(", segment {segment}"));
    }
    out.push('\n');
    out.push_str(&format!(
        "  {:<12} {}   {}\n",
        tr(lang, "valeur", "value"),
        format(answer.total.value),
        components_text(&answer.total.components, lang)
    ));
    out.push_str(&format!(
        "  {:<12} {}   {}  ({} → {})\n",
        tr(lang, "précédente", "previous"),
        format(answer.previous.value),
        components_text(&answer.previous.components, lang),
        answer.window.previous().from,
        answer.window.previous().to
    ));
    let names = answer.component_names();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = Vec::new();
    if let Some(series) = &answer.series {
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
    } else if let Some((by, groups)) = &answer.breakdown {
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

fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}
