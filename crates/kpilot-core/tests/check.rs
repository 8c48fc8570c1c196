//! The SMART checker, rule by rule: for every rule code a plan that triggers
//! it, and the clean base plan that does not.

use expect_test::{Expect, expect};
use kpilot_core::check::has_errors;
use kpilot_core::plan_file;

/// A small plan that passes every rule: the base each test edits.
const BASE: &str = r#"
[plan]
id = "base"
name = "Base plan"
mission = "Sell comfortable shoes"
vision = "The simplest omnichannel shop"
start = 2026-01-01
end = 2026-06-30
currency = "EUR"

[budget]
method = "fixed"
amount = 10000

[[goals]]
id = "sales"
title = "Sell more"
kind = "sales"

[[objectives]]
id = "conv"
goal = "sales"
title = "Raise the conversion rate by 2 points"
kpi = "conversion_rate"
baseline = 0.021
target = 0.041
deadline = 2026-06-30
channel = "website"
owner = "yasmin"

[[strategies]]
id = "checkout"
title = "Simplify the checkout"
objectives = ["conv"]

[[tactics]]
id = "ab"
strategy = "checkout"
channel = "website"
title = "A/B test the one-page checkout"
metrics = [{ kpi = "sessions", type = "acquisition" }, { kpi = "conversion_rate", type = "conversion" }]

[[actions]]
id = "build"
tactic = "ab"
title = "Build the variant"
owner = { name = "Yasmin Ahmad", email = "yasmin@example.com" }
kind = "one_off"
due = 2026-03-01
duration_days = 10
budget = 3000
"#;

/// Checks `BASE` edited by `edit`, and prints each finding as
/// `severity rule item: message`.
fn check(edit: impl Fn(&str) -> String, expect: Expect) {
    let text = edit(BASE);
    let parsed = plan_file::parse(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
    let findings = kpilot_core::check(&parsed.plan);
    let rendered: String = findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}: {}\n",
                f.severity.as_str(),
                f.rule,
                f.item,
                f.message.en
            )
        })
        .collect();
    expect.assert_eq(&rendered);
}

fn replace(from: &'static str, to: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| {
        assert!(text.contains(from), "the base plan has no `{from}`");
        text.replacen(from, to, 1)
    }
}

fn append(extra: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| format!("{text}\n{extra}")
}

#[test]
fn base_plan_is_clean() {
    check(|text| text.to_owned(), expect![[""]]);
}

#[test]
fn smart_specific_no_kpi() {
    check(
        replace("kpi = \"conversion_rate\"\n", ""),
        expect![[r#"
            error smart.specific conv: objective `conv` names no KPI
        "#]],
    );
}

#[test]
fn smart_measurable_no_target_unknown_kpi_and_percent_as_whole_number() {
    check(
        replace("target = 0.041\n", ""),
        expect![[r#"
            error smart.measurable conv: objective `conv` has no numeric target
        "#]],
    );
    check(
        replace("kpi = \"conversion_rate\"", "kpi = \"conversion\""),
        expect![[r#"
            error smart.measurable conv: objective `conv` uses KPI `conversion`, which neither the catalogue nor the plan defines
            error ref.unknown_kpi conv: objective `conv` uses KPI `conversion`, which neither the catalogue nor the plan defines
        "#]],
    );
    check(
        replace("target = 0.041", "target = 4.1"),
        expect![[r#"
            warning smart.measurable conv: objective `conv`: `conversion_rate` is a percentage, yet its baseline or target is above 1 (100 %)
        "#]],
    );
}

#[test]
fn smart_achievable_baseline_and_direction() {
    check(
        replace("baseline = 0.021\n", ""),
        expect![[r#"
            warning smart.achievable conv: objective `conv` has no baseline: progress cannot be measured from where the plan starts
        "#]],
    );
    check(
        replace("target = 0.041", "target = 0.011"),
        expect![[r#"
            error smart.achievable conv: objective `conv`: target 0.011 is on the wrong side of baseline 0.021; for `conversion_rate`, higher is better: the target must be above the baseline
        "#]],
    );
    // Lower is better for a cost per acquisition: a lower target is right,
    // a higher one is wrong.
    check(
        replace(
            "kpi = \"conversion_rate\"\nbaseline = 0.021\ntarget = 0.041",
            "kpi = \"cpa\"\nbaseline = 40\ntarget = 30",
        ),
        expect![[""]],
    );
    check(
        replace(
            "kpi = \"conversion_rate\"\nbaseline = 0.021\ntarget = 0.041",
            "kpi = \"cpa\"\nbaseline = 40\ntarget = 50",
        ),
        expect![[r#"
            error smart.achievable conv: objective `conv`: target 50 is on the wrong side of baseline 40; for `cpa`, lower is better: the target must be below the baseline
        "#]],
    );
}

#[test]
fn smart_realistic_goal_missing_or_unknown() {
    check(
        replace("goal = \"sales\"\n", ""),
        expect![[r#"
            warning structure.unlinked sales: goal `sales` has no objective
            error smart.realistic conv: objective `conv` serves no goal
        "#]],
    );
    check(
        replace("goal = \"sales\"\n", "goal = \"growth\"\n"),
        expect![[r#"
            warning structure.unlinked sales: goal `sales` has no objective
            error smart.realistic conv: objective `conv` serves goal `growth`, which does not exist
            error ref.unknown_id conv: objective `conv` serves goal `growth`, which does not exist
        "#]],
    );
}

#[test]
fn smart_time_bound_deadline_and_milestones() {
    check(
        replace("deadline = 2026-06-30\n", ""),
        expect![[r#"
            error smart.time_bound conv: objective `conv` has no deadline
        "#]],
    );
    check(
        replace("deadline = 2026-06-30", "deadline = 2026-12-31"),
        expect![[r#"
            warning smart.time_bound conv: objective `conv`: deadline 2026-12-31 is outside the plan (2026-01-01 to 2026-06-30)
        "#]],
    );
    check(
        replace(
            "deadline = 2026-06-30\n",
            "deadline = 2026-06-30\nmilestones = [{ date = 2026-04-30, target = 0.03 }, { date = 2026-03-31, target = 0.025 }]\n",
        ),
        expect![[r#"
            warning smart.time_bound conv: objective `conv`: milestone 2026-03-31 is not after the one before it
        "#]],
    );
}

#[test]
fn plan_horizon_end_before_start() {
    check(
        replace("end = 2026-06-30", "end = 2025-12-31"),
        expect![[r#"
            error plan.horizon base: the plan ends on 2025-12-31 before it starts on 2026-01-01
            warning smart.time_bound conv: objective `conv`: deadline 2026-06-30 is outside the plan (2026-01-01 to 2025-12-31)
            warning action.dates build: action `build`: 2026-03-01 is outside the plan (2026-01-01 to 2025-12-31)
        "#]],
    );
}

#[test]
fn plan_mission_and_vision() {
    check(
        replace("vision = \"The simplest omnichannel shop\"\n", ""),
        expect![[r#"
            warning plan.mission base: the plan has no vision
        "#]],
    );
}

#[test]
fn structure_too_many_goals() {
    check(
        append(
            r#"
[[goals]]
id = "g2"
title = "Two"
kind = "traffic"
[[goals]]
id = "g3"
title = "Three"
kind = "retention"
[[goals]]
id = "g4"
title = "Four"
kind = "animation"
"#,
        ),
        expect![[r#"
            warning structure.too_many_goals base: the plan has 4 goals; 2 or 3 at most keep it focused
            warning structure.unlinked g2: goal `g2` has no objective
            warning structure.unlinked g3: goal `g3` has no objective
            warning structure.unlinked g4: goal `g4` has no objective
        "#]],
    );
}

#[test]
fn structure_too_many_objectives() {
    let extra = |id: &str| {
        format!(
            "[[objectives]]\nid = \"{id}\"\ngoal = \"sales\"\ntitle = \"More sessions\"\nkpi = \"sessions\"\nbaseline = 100\ntarget = 200\ndeadline = 2026-06-30\n"
        )
    };
    check(
        |text| {
            let mut text = text.replace(
                "objectives = [\"conv\"]",
                "objectives = [\"conv\", \"o2\", \"o3\", \"o4\"]",
            );
            for id in ["o2", "o3", "o4"] {
                text.push_str(&extra(id));
            }
            text
        },
        expect![[r#"
            warning structure.too_many_objectives sales: goal `sales` has 4 objectives; 2 or 3 at most
        "#]],
    );
}

#[test]
fn structure_metrics_per_tactic() {
    check(
        replace(
            "{ kpi = \"conversion_rate\", type = \"conversion\" }]",
            "{ kpi = \"conversion_rate\", type = \"conversion\" }, { kpi = \"clicks\", type = \"behaviour\" }, { kpi = \"revenue\", type = \"conversion\" }]",
        ),
        expect![[r#"
            warning structure.too_many_metrics ab: tactic `ab` has 4 metrics; 2 or 3 are enough
        "#]],
    );
    check(
        replace(
            ", { kpi = \"conversion_rate\", type = \"conversion\" }]",
            "]",
        ),
        expect![[r#"
            warning structure.too_few_metrics ab: tactic `ab` has 1 metric(s); measure it with 2 or 3
        "#]],
    );
}

#[test]
fn ref_unknown_ids_everywhere() {
    check(
        |text| {
            text.replace(
                "channel = \"website\"\nowner",
                "channel = \"tiktok\"\nsegment = \"gamers\"\nowner",
            )
            .replace("strategy = \"checkout\"", "strategy = \"nowhere\"")
            .replace(
                "objectives = [\"conv\"]",
                "objectives = [\"conv\", \"ghost\"]",
            )
            .replace(
                "duration_days = 10",
                "duration_days = 10\ndepends_on = [\"brief\"]\nkpis = [\"likes\"]",
            )
        },
        expect![[r#"
            error ref.unknown_id conv: objective `conv` is on channel `tiktok`, which does not exist
            error ref.unknown_id conv: objective `conv` targets segment `gamers`, which does not exist
            error ref.unknown_id checkout: strategy `checkout` serves objective `ghost`, which does not exist
            warning structure.unlinked checkout: strategy `checkout` has no tactic
            error ref.unknown_id ab: tactic `ab` belongs to strategy `nowhere`, which does not exist
            error ref.unknown_id build: action `build` depends on `brief`, which does not exist
            error ref.unknown_kpi build: action `build` should move `likes`, which neither the catalogue nor the plan defines
        "#]],
    );
    // Declared channels and segments are known.
    check(
        |text| {
            let text = text.replace(
                "channel = \"website\"\nowner",
                "channel = \"tiktok\"\nsegment = \"gamers\"\nowner",
            );
            format!(
                "{text}\n[[channels]]\nid = \"tiktok\"\nname = \"TikTok\"\n[[segments]]\nid = \"gamers\"\nname = \"Gamers\"\n"
            )
        },
        expect![[""]],
    );
}

#[test]
fn ref_duplicate_ids() {
    check(
        append(
            "[[goals]]\nid = \"sales\"\ntitle = \"Again\"\nkind = \"other\"\n[[kpis]]\nid = \"cpa\"\nformula = \"cost / conversions\"\nunit = \"currency\"\ndirection = \"down\"\n",
        ),
        expect![[r#"
            error ref.duplicate_id sales: two goals have the id `sales`
            error ref.duplicate_id cpa: `cpa` is a built-in KPI; the plan cannot redefine it
        "#]],
    );
}

#[test]
fn ref_cycle_names_the_actions() {
    check(
        |text| {
            let text = text.replace(
                "duration_days = 10",
                "duration_days = 10\ndepends_on = [\"test\"]",
            );
            format!(
                "{text}\n[[actions]]\nid = \"test\"\ntactic = \"ab\"\ntitle = \"Run the test\"\nowner = {{ name = \"Ann\", phone = \"+33 1 23 45 67 89\" }}\nkind = \"one_off\"\ndue = 2026-04-01\ndepends_on = [\"analyse\"]\nbudget = 0\n\n[[actions]]\nid = \"analyse\"\ntactic = \"ab\"\ntitle = \"Analyse\"\nowner = {{ name = \"Ann\", phone = \"+33 1 23 45 67 89\" }}\nkind = \"one_off\"\ndue = 2026-05-01\ndepends_on = [\"build\"]\nbudget = 0\n"
            )
        },
        expect![[r#"
            error ref.cycle analyse: actions depend on each other in a cycle: `analyse` → `build` → `test` → `analyse`
        "#]],
    );
}

#[test]
fn custom_kpis_formulas_and_measures() {
    check(
        append(
            r#"
[[kpis]]
id = "cost_per_visit"
formula = "cost / visits"
unit = "currency"
direction = "down"

[[kpis]]
id = "rate_of_rates"
formula = "conversion_rate * 2"
unit = "percent"
direction = "up"

[[measures]]
id = "audit_completion"
unit = "percent"
direction = "up"
aggregation = "last"

[[measures]]
id = "nps"
unit = "score"
direction = "up"
aggregation = "mean:audit_completion"
"#,
        ),
        expect![[r#"
            error ref.unknown_kpi cost_per_visit: the formula of `cost_per_visit` uses `visits`, which is no known measure
            error kpi.formula rate_of_rates: the formula of `rate_of_rates` uses `conversion_rate`, which is not an additive measure
            error kpi.formula nps: measure `nps` is a mean weighted by `audit_completion`, which is no additive measure
        "#]],
    );
}

#[test]
fn action_owner_dates_and_budget() {
    check(
        |text| {
            text.replace(
                "owner = { name = \"Yasmin Ahmad\", email = \"yasmin@example.com\" }\n",
                "",
            )
            .replace("due = 2026-03-01", "start = 2026-03-10\ndue = 2026-03-01")
            .replace(
                "method = \"fixed\"\namount = 10000",
                "method = \"bottom_up\"",
            )
            .replace("budget = 3000\n", "")
        },
        expect![[r#"
            warning budget.missing base: the budget is bottom-up, but 1 action(s) have no budget: build
            warning action.owner build: action `build` has no owner
            error action.dates build: action `build` is due on 2026-03-01, before it starts on 2026-03-10
        "#]],
    );
    check(
        replace("kind = \"one_off\"", "kind = \"continuous\""),
        expect![[r#"
            warning action.dates build: action `build` is continuous, but has no span: it needs both `start` and `due`
        "#]],
    );
}

/// Every day from Friday 6 to Tuesday 10 March 2026: the Saturday and the
/// Sunday are days off, and the day before each is already an occurrence's,
/// so no working day is left in their one-day periods: they do not take
/// place, and the checker says why.
#[test]
fn action_dates_occurrences_on_days_off_with_no_working_day_before_them() {
    const DAILY: &str = r#"
[[actions]]
id = "daily"
tactic = "ab"
title = "Read the results"
owner = { name = "Yasmin Ahmad", email = "yasmin@example.com" }
kind = "recurring"
start = 2026-03-06
due = 2026-03-10
every = "day"
"#;
    check(
        append(DAILY),
        expect![[r#"
            warning action.dates daily: 2 occurrences of action `daily` do not take place (2026-03-07, 2026-03-08): they are days off in the plan's calendar, and no working day is left before them in their period (from the day after the occurrence before, or the plan's start)
        "#]],
    );
    let parsed = plan_file::parse(&format!("{BASE}\n{DAILY}")).unwrap();
    let said: String = kpilot_core::check(&parsed.plan)
        .into_iter()
        .map(|f| format!("{}\n{}\n", f.message.fr, f.help.fr))
        .collect();
    expect![[r#"
        2 occurrences de l’action `daily` n’ont pas lieu (2026-03-07, 2026-03-08) : ce sont des jours non ouvrés du calendrier du plan, et il ne reste aucun jour ouvré avant eux dans leur période (depuis le lendemain de l’occurrence précédente, ou le début du plan)
        placez l’action sur des jours ouvrés (`on = …`), espacez ses occurrences, ou rendez ces jours ouvrés dans `[calendar]` (`weekend`, `holidays`, `days_off`)
    "#]].assert_eq(&said);
}

#[test]
fn errors_and_warnings_decide_the_outcome() {
    let clean = plan_file::parse(BASE).unwrap();
    assert!(!has_errors(&kpilot_core::check(&clean.plan)));
    let broken = plan_file::parse(&BASE.replace("deadline = 2026-06-30\n", "")).unwrap();
    assert!(has_errors(&kpilot_core::check(&broken.plan)));
}

#[test]
fn a_return_on_investment_may_pass_100_percent() {
    check(
        replace(
            "kpi = \"conversion_rate\"\nbaseline = 0.021\ntarget = 0.041",
            "kpi = \"roi\"\nbaseline = 1.5\ntarget = 2.5",
        ),
        expect![[""]],
    );
}

#[test]
fn findings_speak_french_and_english() {
    let text = BASE.replace("deadline = 2026-06-30\n", "");
    let parsed = plan_file::parse(&text).unwrap();
    let findings = kpilot_core::check(&parsed.plan);
    let finding = &findings[0];
    assert_eq!(finding.message.fr, "l’objectif `conv` n’a pas d’échéance");
    assert_eq!(finding.message.en, "objective `conv` has no deadline");
    assert_eq!(
        finding.help.fr,
        "ajoutez `deadline = AAAA-MM-JJ`, dans l’horizon du plan"
    );
}

/// A clean experiment of the base plan's action.
const EXPERIMENT: &str = r#"
[[experiments]]
id = "ab-panier"
action = "build"
hypothesis = "A one-page checkout converts better"
kpi = "conversion_rate"
variants = [{ id = "A", split = 0.5, control = true }, { id = "B", split = 0.5 }]
start = 2026-03-20
mde = 0.01
"#;

fn experiment(from: &'static str, to: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| {
        assert!(EXPERIMENT.contains(from), "the experiment has no `{from}`");
        format!("{text}\n{}", EXPERIMENT.replacen(from, to, 1))
    }
}

#[test]
fn experiment_clean_and_references() {
    check(append(EXPERIMENT), expect![[""]]);
    check(
        experiment("action = \"build\"", "action = \"launch\""),
        expect![[r#"
            error ref.unknown_id ab-panier: experiment `ab-panier` belongs to action `launch`, which does not exist
        "#]],
    );
    check(
        experiment("kpi = \"conversion_rate\"", "kpi = \"conversion\""),
        expect![[r#"
            error ref.unknown_kpi ab-panier: experiment `ab-panier` is judged on `conversion`, which neither the catalogue nor the plan defines
        "#]],
    );
    check(
        experiment("hypothesis = \"A one-page checkout converts better\"\n", ""),
        expect![[r#"
            warning experiment.hypothesis ab-panier: experiment `ab-panier` has no hypothesis
        "#]],
    );
    check(
        |text: &str| format!("{}\n{}", append(EXPERIMENT)(text), EXPERIMENT),
        expect![[r#"
            error ref.duplicate_id ab-panier: two experiments have the id `ab-panier`
        "#]],
    );
}

#[test]
fn experiment_kpi_must_be_a_rate_or_an_amount_per_visitor() {
    check(
        experiment("kpi = \"conversion_rate\"", "kpi = \"sessions\""),
        expect![[r#"
            error experiment.kpi ab-panier: experiment `ab-panier` is judged on `sessions`, which is neither a rate nor an amount per visitor
        "#]],
    );
    check(
        experiment("kpi = \"conversion_rate\"", "kpi = \"revenue_per_visitor\""),
        expect![[""]],
    );
}

#[test]
fn experiment_variants_need_one_control_and_splits_adding_to_one() {
    check(
        experiment(
            "{ id = \"B\", split = 0.5 }",
            "{ id = \"B\", split = 0.4 }, { id = \"A\", split = 0.2, control = true }",
        ),
        expect![[r#"
            error experiment.variants ab-panier: experiment `ab-panier` has 2 control(s): mark exactly one variant `control = true`
            error experiment.variants ab-panier: experiment `ab-panier` has two variants `A`
            error experiment.variants ab-panier: the splits of experiment `ab-panier`'s variants add up to 1.1, not 1
        "#]],
    );
    check(
        experiment(", { id = \"B\", split = 0.5 }", ""),
        expect![[r#"
            error experiment.variants ab-panier: experiment `ab-panier` has 1 variant(s): it needs at least two, a control and a treatment
            error experiment.variants ab-panier: the splits of experiment `ab-panier`'s variants add up to 0.5, not 1
        "#]],
    );
    check(
        experiment("split = 0.5, control = true", "split = 0, control = true"),
        expect![[r#"
            error experiment.variants ab-panier: variant `A` of experiment `ab-panier` gets a split of 0: write a fraction between 0 and 1 (0.5 for half)
            error experiment.variants ab-panier: the splits of experiment `ab-panier`'s variants add up to 0.5, not 1
        "#]],
    );
}

#[test]
fn experiment_mde_and_dates() {
    check(
        experiment("mde = 0.01\n", ""),
        expect![[r#"
            warning experiment.mde ab-panier: experiment `ab-panier` has no minimum detectable effect: its sample size is unknown
        "#]],
    );
    check(
        experiment("mde = 0.01", "mde = -0.01"),
        expect![[r#"
            error experiment.mde ab-panier: experiment `ab-panier`'s minimum detectable effect is -0.01: it must be positive
        "#]],
    );
    check(
        experiment("mde = 0.01", "mde = 2"),
        expect![[r#"
            error experiment.mde ab-panier: experiment `ab-panier`'s minimum detectable effect is 2, that is 200 %
        "#]],
    );
    check(
        experiment("start = 2026-03-20", "start = 2026-03-20\nend = 2026-03-01"),
        expect![[r#"
            error experiment.dates ab-panier: experiment `ab-panier` ends on 2026-03-01 before it starts on 2026-03-20
        "#]],
    );
    check(
        experiment("start = 2026-03-20", "start = 2025-03-20"),
        expect![[r#"
            warning experiment.dates ab-panier: experiment `ab-panier` starts on 2025-03-20, outside the plan's period (2026-01-01 – 2026-06-30)
        "#]],
    );
}
