//! `kpilot experiment`: A/B tests. `EXP [--at D] [--format table|json]`
//! judges one, with no EXP the plan's experiments are listed; `import EXP
//! FILE` and `record EXP --variant V …` store results; `size` says how many
//! visitors a test needs before it starts.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use jiff::civil::Date;
use kpilot_core::abtest;
use kpilot_core::display;
use kpilot_core::experiment::{ALPHA, Judgement};
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::{Experiment, PerVisitor, Plan};
use kpilot_import::experiment::read_experiment;
use kpilot_store::{ExperimentRow, Store};
use kpilot_workspace::experiment::{
    checked, judged, lift_text, p_text, row_problem, sentence, to_json,
};

use super::tr;
use crate::cli::{ExperimentArgs, ExperimentCommand, TableFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: ExperimentArgs) -> Result<ExitCode> {
    let lang = settings.lang;
    match args.command {
        Some(ExperimentCommand::Size {
            baseline,
            mde,
            relative,
            power,
            alpha,
        }) => size(lang, baseline, mde, relative, power, alpha),
        Some(ExperimentCommand::Import {
            experiment,
            file,
            plan,
            max_size: _,
        }) => import(settings, &experiment, &file, plan.as_deref()),
        Some(ExperimentCommand::Record {
            experiment,
            variant,
            visitors,
            conversions,
            revenue,
            revenue_squares,
            date,
            plan,
        }) => {
            let row = ExperimentRow {
                day: date.unwrap_or_else(super::today),
                variant,
                visitors,
                conversions,
                revenue: revenue.as_deref().map(super::amount).transpose()?,
                revenue_squares: revenue_squares.as_deref().map(super::amount).transpose()?,
            };
            record(settings, &experiment, row, plan.as_deref())
        }
        None => {
            let store = super::open_store(settings)?;
            let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
            let at = args.at.unwrap_or_else(super::today);
            let out = match args.experiment {
                Some(id) => {
                    let experiment = find(&stored.plan, &id)?;
                    let judgement = judged(store.as_ref(), &stored.plan, experiment, at)?;
                    match args.format {
                        TableFormat::Json => {
                            serde_json::to_string_pretty(&to_json(&judgement))? + "\n"
                        }
                        TableFormat::Table => table(&stored.plan, experiment, &judgement, lang),
                    }
                }
                None => list(store.as_ref(), &stored.plan, at, args.format, lang)?,
            };
            super::emit(&out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn find<'p>(plan: &'p Plan, id: &str) -> Result<&'p Experiment> {
    plan.experiment(id).ok_or_else(|| {
        let known: Vec<&str> = plan.experiments.iter().map(|e| e.id.as_str()).collect();
        anyhow!(
            "plan `{}` has no experiment `{id}`; its experiments: {}",
            plan.id,
            if known.is_empty() {
                "none (add `[[experiments]]` to the plan file)".to_owned()
            } else {
                known.join(", ")
            }
        )
    })
}

fn size(
    lang: Lang,
    baseline: f64,
    mde: f64,
    relative: bool,
    power: f64,
    alpha: f64,
) -> Result<ExitCode> {
    for (name, value) in [
        ("--baseline", baseline),
        ("--power", power),
        ("--alpha", alpha),
    ] {
        if !(value > 0.0 && value < 1.0) {
            bail!("{name} is {value}: write a fraction between 0 and 1 (0.2 for 20 %)");
        }
    }
    if !(mde > 0.0 && mde.is_finite()) {
        bail!("--mde is {mde}: write a positive difference (0.05 for 5 points)");
    }
    let target = if relative {
        baseline * (1.0 + mde)
    } else {
        baseline + mde
    };
    let needed = abtest::sample_size(baseline, mde, relative, power, alpha).ok_or_else(|| {
        anyhow!(
            "no sample size: the baseline plus the effect ({}) is not a rate between 0 and 100 %",
            display::value(Some(target), Unit::Percent, "EUR", Lang::En)
        )
    })?;
    let percent = |value: f64| display::value(Some(value), Unit::Percent, "EUR", lang);
    let count = |value: u64| display::number(value as f64, 0, lang);
    let out = match lang {
        Lang::Fr => format!(
            "{} visiteurs par variante ({} pour un témoin et une variante) pour détecter {} → {}, puissance {}, risque {} bilatéral\n",
            count(needed),
            count(needed * 2),
            percent(baseline),
            percent(target),
            percent(power),
            percent(alpha)
        ),
        Lang::En => format!(
            "{} visitors per variant ({} for a control and one treatment) to detect {} → {} at {} power, {} two-sided\n",
            count(needed),
            count(needed * 2),
            percent(baseline),
            percent(target),
            percent(power),
            percent(alpha)
        ),
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn import(settings: &Settings, id: &str, file: &Path, plan: Option<&str>) -> Result<ExitCode> {
    let lang = settings.lang;
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), plan)?;
    let experiment = find(&stored.plan, id)?;
    super::import::check_size(settings, file)?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let read = read_experiment(&name, bytes).map_err(|error| anyhow!("{name}: {error}"))?;
    let (rows, refused) = checked(
        &stored.plan,
        experiment,
        read.records
            .into_iter()
            .map(|record| (record.line, record.row)),
    );
    let problems: Vec<String> = read
        .errors
        .iter()
        .map(|error| format!("{name}: {error}"))
        .chain(
            refused
                .iter()
                .map(|(line, problem)| format!("{name}: line {line}: {problem}")),
        )
        .collect();
    let bad = read.error_count + refused.len() as u64;
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("{problem}");
        }
        eprintln!(
            "{}",
            match lang {
                Lang::Fr => format!(
                    "rien n’a été enregistré : {bad} ligne(s) en erreur ; corrigez le fichier et relancez"
                ),
                Lang::En =>
                    format!("nothing was recorded: {bad} bad row(s); fix the file and run again"),
            }
        );
        return Ok(ExitCode::from(1));
    }
    let written = store.record_experiment(
        &stored.plan.id,
        experiment.id.as_str(),
        &rows,
        &name,
        &super::plan::whoami(),
    )?;
    super::emit(&match lang {
        Lang::Fr => format!(
            "{} : {} ligne(s) lue(s) pour l’expérience `{id}` : {} ajoutée(s), {} remplacée(s), {} inchangée(s)\n",
            name,
            rows.len(),
            written.inserted,
            written.replaced,
            written.unchanged
        ),
        Lang::En => format!(
            "{}: {} row(s) read for experiment `{id}`: {} added, {} replaced, {} unchanged\n",
            name,
            rows.len(),
            written.inserted,
            written.replaced,
            written.unchanged
        ),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn record(
    settings: &Settings,
    id: &str,
    row: ExperimentRow,
    plan: Option<&str>,
) -> Result<ExitCode> {
    if row.conversions > row.visitors {
        bail!(
            "--conversions {} is more than --visitors {}: a visitor converts once at most",
            row.conversions,
            row.visitors
        );
    }
    if row
        .revenue_squares
        .is_some_and(|squares| squares.is_sign_negative())
    {
        bail!("--revenue-squares cannot be negative: it is a sum of squares");
    }
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), plan)?;
    let experiment = find(&stored.plan, id)?;
    if let Some(problem) = row_problem(&stored.plan, experiment, &row) {
        bail!("{problem}");
    }
    let written = store.record_experiment(
        &stored.plan.id,
        experiment.id.as_str(),
        std::slice::from_ref(&row),
        "record",
        &super::plan::whoami(),
    )?;
    let replaced = written.replaced > 0;
    super::emit(&match (settings.lang, replaced) {
        (Lang::Fr, false) => format!(
            "enregistré : {} le {}, {} visiteurs, {} conversions\n",
            row.variant, row.day, row.visitors, row.conversions
        ),
        (Lang::Fr, true) => format!(
            "remplacé : {} le {}, désormais {} visiteurs, {} conversions\n",
            row.variant, row.day, row.visitors, row.conversions
        ),
        (Lang::En, false) => format!(
            "recorded: {} on {}, {} visitors, {} conversions\n",
            row.variant, row.day, row.visitors, row.conversions
        ),
        (Lang::En, true) => format!(
            "replaced: {} on {}, now {} visitors, {} conversions\n",
            row.variant, row.day, row.visitors, row.conversions
        ),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The plan's experiments, each with its first comparison's verdict.
fn list(
    store: &dyn Store,
    plan: &Plan,
    at: Date,
    format: TableFormat,
    lang: Lang,
) -> Result<String> {
    let mut judged_all = Vec::new();
    for experiment in &plan.experiments {
        judged_all.push((experiment, judged(store, plan, experiment, at)));
    }
    if matches!(format, TableFormat::Json) {
        let items: Vec<serde_json::Value> = judged_all
            .iter()
            .map(|(experiment, judgement)| match judgement {
                Ok(judgement) => to_json(judgement),
                Err(error) => serde_json::json!({
                    "experiment": experiment.id.as_str(),
                    "error": error.to_string(),
                }),
            })
            .collect();
        return Ok(serde_json::to_string_pretty(&items)? + "\n");
    }
    if plan.experiments.is_empty() {
        return Ok(tr(
            lang,
            "ce plan n’a pas d’expérience : ajoutez `[[experiments]]` au fichier du plan\n",
            "this plan has no experiments: add `[[experiments]]` to the plan file\n",
        ));
    }
    let mut cells = vec![
        match lang {
            Lang::Fr => [
                "expérience",
                "action",
                "KPI",
                "début",
                "visiteurs",
                "verdict",
            ],
            Lang::En => [
                "experiment",
                "action",
                "KPI",
                "start",
                "visitors",
                "verdict",
            ],
        }
        .map(str::to_owned)
        .to_vec(),
    ];
    for (experiment, judgement) in &judged_all {
        let (visitors, verdict) = match judgement {
            Ok(judgement) => (
                display::number(
                    judgement.variants.iter().map(|v| v.visitors).sum::<u64>() as f64,
                    0,
                    lang,
                ),
                judgement
                    .comparisons
                    .iter()
                    .map(|c| format!("{}: {}", c.variant, c.verdict.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Err(error) => ("—".to_owned(), error.to_string()),
        };
        cells.push(vec![
            experiment.id.to_string(),
            experiment.action.to_string(),
            experiment.kpi.to_string(),
            experiment
                .start
                .map_or("—".to_owned(), |day| day.to_string()),
            visitors,
            verdict,
        ]);
    }
    Ok(super::table::grid(&cells, |column| column == 4))
}

fn table(plan: &Plan, experiment: &Experiment, judgement: &Judgement, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let unit = kpilot_workspace::experiment::unit(judgement);
    let currency = plan.currency.as_str();
    let mut out = format!("{} — {}\n", experiment.id, experiment.hypothesis);
    let chain = kpilot_workspace::experiment::chain(plan, experiment);
    out.push_str(&format!(
        "{} {}{}{}\n",
        tr(lang, "action :", "action:"),
        chain.action,
        chain.tactic.as_ref().zip(chain.channel.as_ref()).map_or(
            String::new(),
            |(tactic, channel)| format!(
                " · {} {tactic} ({channel})",
                tr(lang, "tactique :", "tactic:")
            )
        ),
        if chain.objectives.is_empty() {
            String::new()
        } else {
            format!(
                " · {} {}",
                tr(lang, "objectifs :", "objectives:"),
                chain.objectives.join(" ; ")
            )
        }
    ));
    out.push_str(&format!(
        "KPI {} · {} · {} → {}\n\n",
        judgement.kpi,
        judgement.method.as_str(),
        judgement.from.map_or("—".to_owned(), |day| day.to_string()),
        judgement.to
    ));
    let mut cells = vec![
        if fr {
            [
                "variante",
                "part prévue",
                "visiteurs",
                "conversions",
                "valeur",
            ]
        } else {
            [
                "variant",
                "planned split",
                "visitors",
                "conversions",
                "value",
            ]
        }
        .map(str::to_owned)
        .to_vec(),
    ];
    for variant in &judgement.variants {
        let name = if variant.control {
            format!("{} ({})", variant.id, if fr { "témoin" } else { "control" })
        } else {
            variant.id.clone()
        };
        cells.push(vec![
            name,
            display::value(Some(variant.split), Unit::Percent, currency, lang),
            display::number(variant.visitors as f64, 0, lang),
            display::number(variant.conversions as f64, 0, lang),
            display::value(variant.value, unit, currency, lang),
        ]);
    }
    out.push_str(&super::table::grid(&cells, |column| column > 0));
    let interval = |interval: Option<&abtest::Interval>| match interval {
        Some(interval) => format!(
            "{} [{} ; {}]   p = {}",
            lift_text(interval.lift, lang),
            lift_text(interval.ci_low, lang),
            lift_text(interval.ci_high, lang),
            p_text(Some(interval.p_value), lang)
        ),
        None => "—".to_owned(),
    };
    let confidence = display::value(Some(1.0 - ALPHA), Unit::Percent, currency, lang);
    for comparison in &judgement.comparisons {
        out.push_str(&format!(
            "\n{} vs {}\n",
            comparison.variant, comparison.control
        ));
        let loss = match judgement.metric {
            PerVisitor::Rate => comparison
                .expected_loss
                .map(|loss| format!("{} pt", display::number(loss * 100.0, 3, lang))),
            PerVisitor::Amount => comparison
                .expected_loss
                .map(|loss| display::value(Some(loss), Unit::Currency, currency, lang)),
        };
        let lines = [
            (
                if fr {
                    format!("hausse relative, {confidence}")
                } else {
                    format!("relative lift, {confidence}")
                },
                interval(comparison.fixed.as_ref()),
            ),
            (
                tr(lang, "séquentiel (décision)", "sequential (decides)"),
                interval(comparison.sequential.as_ref()),
            ),
            (
                tr(lang, "chance de gagner", "chance to win"),
                display::value(comparison.chance_to_win, Unit::Percent, currency, lang),
            ),
            (
                tr(lang, "perte attendue", "expected loss"),
                loss.unwrap_or_else(|| "—".to_owned()),
            ),
            (
                tr(lang, "répartition (SRM)", "sample ratio (SRM)"),
                format!("p = {}", p_text(comparison.srm_p_value, lang)),
            ),
            ("verdict".to_owned(), comparison.verdict.as_str().to_owned()),
        ];
        for (label, value) in lines {
            out.push_str(&format!("  {label:<28} {value}\n"));
        }
        out.push_str(&format!("  {}\n", sentence(judgement, comparison, lang)));
    }
    match judgement.sample_size_per_variant {
        Some(needed) => out.push_str(&format!(
            "\n{} {} ({} {})\n",
            if fr {
                "taille d’échantillon par variante :"
            } else {
                "sample size per variant:"
            },
            display::number(needed as f64, 0, lang),
            if fr { "encore" } else { "still needed:" },
            display::number(judgement.visitors_still_needed.unwrap_or(0) as f64, 0, lang),
        )),
        None => out.push_str(&tr(
            lang,
            "\ntaille d’échantillon inconnue : donnez un `mde` à l’expérience, et des résultats au témoin\n",
            "\nsample size unknown: give the experiment an `mde`, and the control some results\n",
        )),
    }
    out
}
