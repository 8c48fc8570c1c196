//! A plan's experiments judged from their stored results
//! ([`kpilot_core::experiment::judge`]), the JSON of `kpilot experiment
//! --format json` (a contract), the verdict in plain French or English,
//! and the checks a batch of results passes before it is stored.

use jiff::civil::Date;
use kpilot_core::abtest::Verdict;
use kpilot_core::display;
use kpilot_core::experiment::{Comparison, ExperimentRow, Judgement, judge};
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::{Experiment, PerVisitor, Plan, TestMethod};
use kpilot_store::Store;
use serde_json::{Value, json};

use crate::Error;

/// `experiment` judged at `at` from its results in `store`.
pub fn judged(
    store: &dyn Store,
    plan: &Plan,
    experiment: &Experiment,
    at: Date,
) -> Result<Judgement, Error> {
    let rows: Vec<ExperimentRow> = store
        .experiment_rows(&plan.id, experiment.id.as_str(), Some(at))?
        .into_iter()
        .map(|stored| stored.row)
        .collect();
    Ok(judge(plan, experiment, &rows, at)?)
}

/// Where an experiment stands in the plan's chain: its action, the action's
/// tactic and channel, and the objectives the tactic's strategy serves.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chain {
    pub action: String,
    pub tactic: Option<String>,
    pub channel: Option<String>,
    pub objectives: Vec<String>,
}

/// The chain of `experiment` in `plan`; ids stand in for items that do not
/// exist.
pub fn chain(plan: &Plan, experiment: &Experiment) -> Chain {
    let action = plan.action(&experiment.action);
    let tactic = action.and_then(|action| plan.tactic(&action.tactic));
    let strategy = tactic.and_then(|tactic| plan.strategy(&tactic.strategy));
    Chain {
        action: action.map_or_else(|| experiment.action.to_string(), |a| a.title.clone()),
        tactic: tactic.map(|tactic| tactic.title.clone()),
        channel: tactic.map(|tactic| tactic.channel.to_string()),
        objectives: strategy
            .map(|strategy| {
                strategy
                    .objectives
                    .iter()
                    .map(|id| {
                        plan.objective(id)
                            .map_or_else(|| id.to_string(), |o| o.title.clone())
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// What is wrong with a row of results for `experiment`, if anything: a
/// variant the plan does not list, or a day outside the plan.
pub fn row_problem(plan: &Plan, experiment: &Experiment, row: &ExperimentRow) -> Option<String> {
    if !experiment
        .variants
        .iter()
        .any(|variant| variant.id.as_str() == row.variant)
    {
        let known: Vec<&str> = experiment.variants.iter().map(|v| v.id.as_str()).collect();
        return Some(format!(
            "variant `{}` is not one of experiment `{}`'s: {}",
            row.variant,
            experiment.id,
            known.join(", ")
        ));
    }
    if row.day < plan.start || row.day > plan.end {
        return Some(format!(
            "{} is outside plan `{}` ({} to {})",
            row.day, plan.id, plan.start, plan.end
        ));
    }
    None
}

/// The rows of a results file for `experiment`, each with its line: those
/// fit to store, and the line and problem of every other (see
/// [`row_problem`]). A file is stored only when none has a problem.
pub fn checked(
    plan: &Plan,
    experiment: &Experiment,
    records: impl IntoIterator<Item = (u64, ExperimentRow)>,
) -> (Vec<ExperimentRow>, Vec<(u64, String)>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (line, row) in records {
        match row_problem(plan, experiment, &row) {
            Some(problem) => problems.push((line, problem)),
            None => rows.push(row),
        }
    }
    (rows, problems)
}

/// The JSON of `kpilot experiment --format json` (a contract): the
/// experiment, its KPI, each treatment against the control, and the sample
/// size per variant; the method, the days counted and each variant's totals
/// beside them. Numbers that cannot be computed are `null`.
pub fn to_json(judgement: &Judgement) -> Value {
    json!({
        "experiment": judgement.experiment,
        "kpi": judgement.kpi,
        "method": judgement.method.as_str(),
        "from": judgement.from.map(|day| day.to_string()),
        "to": judgement.to.to_string(),
        "variants": judgement.variants.iter().map(|v| json!({
            "variant": v.id,
            "name": v.name,
            "control": v.control,
            "split": v.split,
            "visitors": v.visitors,
            "conversions": v.conversions,
            "revenue": v.revenue,
            "value": v.value.and_then(finite),
        })).collect::<Vec<_>>(),
        "comparisons": judgement.comparisons.iter().map(comparison_json).collect::<Vec<_>>(),
        "sample_size_per_variant": judgement.sample_size_per_variant,
        "visitors_still_needed": judgement.visitors_still_needed,
    })
}

fn comparison_json(c: &Comparison) -> Value {
    let fixed = |pick: fn(&kpilot_core::abtest::Interval) -> f64| {
        c.fixed.as_ref().map(pick).and_then(finite)
    };
    let sequential = |pick: fn(&kpilot_core::abtest::Interval) -> f64| {
        c.sequential.as_ref().map(pick).and_then(finite)
    };
    json!({
        "variant": c.variant,
        "control": c.control,
        "lift": fixed(|i| i.lift),
        "ci_low": fixed(|i| i.ci_low),
        "ci_high": fixed(|i| i.ci_high),
        "p_value": fixed(|i| i.p_value),
        "sequential": {
            "ci_low": sequential(|i| i.ci_low),
            "ci_high": sequential(|i| i.ci_high),
            "p_value": sequential(|i| i.p_value),
        },
        "chance_to_win": c.chance_to_win.and_then(finite),
        "expected_loss": c.expected_loss.and_then(finite),
        "srm_p_value": c.srm_p_value.and_then(finite),
        "verdict": c.verdict.as_str(),
    })
}

/// A number for JSON: `None` rather than NaN or infinity.
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// The unit a variant's value is shown in.
pub fn unit(judgement: &Judgement) -> Unit {
    match judgement.metric {
        PerVisitor::Rate => Unit::Percent,
        PerVisitor::Amount => Unit::Currency,
    }
}

/// A relative lift as a signed percentage: `+12,3 %`, `−4.0 %`.
pub fn lift_text(lift: f64, lang: Lang) -> String {
    let text = display::value(Some(lift.abs()), Unit::Percent, "EUR", lang);
    if lift > 0.0 {
        format!("+{text}")
    } else if lift < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

/// The verdict of one comparison in a sentence a marketer can act on.
pub fn sentence(judgement: &Judgement, comparison: &Comparison, lang: Lang) -> String {
    let (variant, control) = (&comparison.variant, &comparison.control);
    // The interval the verdict came from: a winner or a loser always has it.
    let (decision, interval_fr, interval_en) = match judgement.method {
        TestMethod::Sequential => (
            &comparison.sequential,
            "intervalle séquentiel",
            "sequential interval",
        ),
        TestMethod::Fixed => (&comparison.fixed, "intervalle à 95 %", "95% interval"),
    };
    let (low, high) = decision.as_ref().map_or_else(Default::default, |i| {
        (lift_text(i.ci_low, lang), lift_text(i.ci_high, lang))
    });
    let lift = comparison
        .fixed
        .as_ref()
        .map_or_else(String::new, |interval| lift_text(interval.lift, lang));
    let p_srm = p_text(comparison.srm_p_value, lang);
    let still = judgement
        .visitors_still_needed
        .filter(|needed| *needed > 0)
        .map(|needed| display::number(needed as f64, 0, lang));
    let kpi = &judgement.kpi;
    match (comparison.verdict, lang) {
        (Verdict::InvalidSrm, Lang::Fr) => format!(
            "Résultat non valide : la répartition des visiteurs s’écarte de celle prévue (p = {p_srm}). Vérifiez l’outil de test (redirections, robots, cache) avant de lire {variant} contre {control}."
        ),
        (Verdict::InvalidSrm, Lang::En) => format!(
            "Invalid result: the visitors' split departs from the planned one (p = {p_srm}). Check the testing tool (redirects, bots, caching) before reading {variant} against {control}."
        ),
        (Verdict::Winner, Lang::Fr) => format!(
            "{variant} gagne : {lift} sur {kpi} face à {control} ({interval_fr} {low} à {high}). Vous pouvez déployer {variant}.",
        ),
        (Verdict::Winner, Lang::En) => format!(
            "{variant} wins: {lift} on {kpi} against {control} ({interval_en} {low} to {high}). You can roll {variant} out.",
        ),
        (Verdict::Loser, Lang::Fr) => format!(
            "{variant} perd : {lift} sur {kpi} face à {control} ({interval_fr} {low} à {high}). Gardez {control}.",
        ),
        (Verdict::Loser, Lang::En) => format!(
            "{variant} loses: {lift} on {kpi} against {control} ({interval_en} {low} to {high}). Keep {control}.",
        ),
        (Verdict::Inconclusive, Lang::Fr) => format!(
            "Pas de différence : l’échantillon prévu est atteint et {variant} ne s’écarte pas de {control} d’au moins l’effet minimal visé. Arrêtez le test ; gardez la variante la plus simple."
        ),
        (Verdict::Inconclusive, Lang::En) => format!(
            "No difference: the planned sample is reached and {variant} does not differ from {control} by the minimum effect sought. Stop the test; keep the simpler variant."
        ),
        (Verdict::KeepRunning, Lang::Fr) => match still {
            Some(still) => format!(
                "Continuez : rien n’est encore sûr entre {variant} et {control} ; il manque {still} visiteurs par variante pour l’effet minimal visé."
            ),
            None => format!(
                "Continuez : rien n’est encore sûr entre {variant} et {control}. Ne décidez pas sur l’écart du jour."
            ),
        },
        (Verdict::KeepRunning, Lang::En) => match still {
            Some(still) => format!(
                "Keep running: nothing is sure yet between {variant} and {control}; each variant needs {still} more visitors for the minimum effect sought."
            ),
            None => format!(
                "Keep running: nothing is sure yet between {variant} and {control}. Do not decide on today's gap."
            ),
        },
    }
}

/// A p-value as text: `0,0004`, `< 0.0001`.
pub fn p_text(p: Option<f64>, lang: Lang) -> String {
    match p {
        None => "—".to_owned(),
        Some(p) if p < 0.0001 => format!("< {}", display::number(0.0001, 4, lang)),
        Some(p) => display::number(p, 4, lang),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use kpilot_core::plan_file;

    use super::*;

    /// The sentence quotes the interval the verdict came from: the
    /// sequential one by default, the fixed-horizon one for a fixed test.
    #[test]
    fn the_sentence_quotes_the_interval_that_decided() {
        let text = include_str!("../../../examples/cloud-kicks.toml");
        let plan = plan_file::parse(text).unwrap().plan;
        let mut experiment = plan.experiment("ab-paiement").unwrap().clone();
        let rows: Vec<ExperimentRow> = [("A", 2_000), ("B", 2_600)]
            .into_iter()
            .map(|(variant, conversions)| ExperimentRow {
                day: date(2026, 2, 10),
                variant: variant.to_owned(),
                visitors: 100_000,
                conversions,
                revenue: None,
                revenue_squares: None,
            })
            .collect();
        for (method, words) in [
            (TestMethod::Sequential, "sequential interval"),
            (TestMethod::Fixed, "95% interval"),
        ] {
            experiment.method = method;
            let judgement = judge(&plan, &experiment, &rows, date(2026, 3, 1)).unwrap();
            let comparison = &judgement.comparisons[0];
            assert_eq!(comparison.verdict, Verdict::Winner, "{method:?}");
            let decided = match method {
                TestMethod::Sequential => comparison.sequential.unwrap(),
                TestMethod::Fixed => comparison.fixed.unwrap(),
            };
            let expected = format!(
                "({words} {} to {})",
                lift_text(decided.ci_low, Lang::En),
                lift_text(decided.ci_high, Lang::En)
            );
            let said = sentence(&judgement, comparison, Lang::En);
            assert!(said.contains(&expected), "{said}");
        }
    }
}
