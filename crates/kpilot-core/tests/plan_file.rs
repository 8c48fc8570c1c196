//! The plan file: read errors point at their line and column; any plan the
//! model can hold is written and read back unchanged; writing is canonical.

use expect_test::{Expect, expect};
use jiff::civil::{Date, Weekday};
use kpilot_core::calendar::Calendar;
use kpilot_core::formula::Formula;
use kpilot_core::ids::{
    ActionId, ChannelId, ExperimentId, GoalId, KpiId, ObjectiveId, PlanId, SegmentId, StrategyId,
    TacticId, VariantId,
};
use kpilot_core::kpi::{Aggregation, Definition, Direction, Guidance, KpiDef, Localized, Unit};
use kpilot_core::plan::{
    Action, ActionKind, Amount, Budget, Channel, Currency, Experiment, FunnelStage, Goal, GoalKind,
    ItemKind, Metric, MetricStage, Milestone, Objective, Owner, Plan, Rate, Recurrence,
    RecurrenceDay, RecurrenceUnit, RevenueBase, Segment, Strategy as PlanStrategy, Tactic,
    TestMethod, Tracking, Variant, Window,
};
use kpilot_core::plan_file;
use proptest::prelude::*;

const HEADER: &str =
    "[plan]\nid = \"p\"\nname = \"P\"\nstart = 2026-01-01\nend = 2026-06-30\ncurrency = \"EUR\"\n";

/// Reads `text` and prints the error with its location.
fn check_error(text: &str, expect: Expect) {
    match plan_file::parse(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(error) => expect.assert_eq(&error.to_string()),
    }
}

#[test]
fn syntax_error_has_line_and_column() {
    check_error(
        &format!("{HEADER}[[goals]]\nid = \"g\"\ntitle = \"Sell\nkind = \"sales\"\n"),
        expect![[r#"line 9, column 14: invalid basic string, expected `"`"#]],
    );
}

#[test]
fn misspelt_key_is_an_error_not_a_silent_drop() {
    check_error(
        &format!("{HEADER}[[objectives]]\nid = \"o\"\ntitle = \"O\"\ndealine = 2026-06-30\n"),
        expect![
            "line 10, column 1: unknown field `dealine`, expected one of `id`, `goal`, `title`, `kpi`, `baseline`, `target`, `deadline`, `milestones`, `channel`, `segment`, `owner`, `window`, `window_days`"
        ],
    );
}

#[test]
fn bad_values_name_their_place() {
    check_error(
        &HEADER.replace("2026-06-30", "2026-02-30"),
        expect!["line 5, column 7: invalid date, expected day between 01 and 28"],
    );
    check_error(
        &HEADER.replace("2026-06-30", "2026-06-30T10:00:00"),
        expect![
            "line 5, column 7: expected a date such as 2026-06-30 (no time, no quotes), found 2026-06-30T10:00:00"
        ],
    );
    check_error(
        &HEADER.replace("\"p\"", "\"plan d'été\""),
        expect![
            "line 2, column 6: id `plan d'été` contains ` `: use letters, digits, `_`, `-` or `.` (for example `plan_d_ete`)"
        ],
    );
    check_error(
        &HEADER.replace("EUR", "euro"),
        expect![
            "line 6, column 12: currency `euro` is not a three-letter ISO 4217 code such as `EUR`"
        ],
    );
    check_error(
        &format!("{HEADER}[[goals]]\nid = \"g\"\ntitle = \"G\"\nkind = \"growth\"\n"),
        expect![
            "line 10, column 8: unknown variant `growth`, expected one of `acquisition`, `retention`, `animation`, `traffic`, `satisfaction`, `data_quality`, `sales`, `other`"
        ],
    );
    check_error(
        &format!("{HEADER}[budget]\nmethod = \"fixed\"\n"),
        expect!["line 7, column 1: budget method `fixed` needs `amount`"],
    );
    check_error(
        &format!("{HEADER}[budget]\nmethod = \"revenue_share\"\nrate = 5\nrevenue_base = 100000\n"),
        expect!["line 9, column 8: rate 5 must be between 0 and 1 (write 0.05 for 5 %)"],
    );
}

#[test]
fn formula_errors_point_at_the_column_in_the_file() {
    check_error(
        &format!(
            "{HEADER}[[kpis]]\nid = \"k\"\nformula = \"(revenue - cost / cost\"\nunit = \"ratio\"\ndirection = \"up\"\n"
        ),
        expect![
            "line 9, column 34: formula `(revenue - cost / cost`: unclosed `(` opened at column 1"
        ],
    );
}

#[test]
fn source_map_locates_items() {
    let text = format!("{HEADER}\n[[goals]]\nid = \"sales\"\ntitle = \"Sell\"\nkind = \"sales\"\n");
    let parsed = plan_file::parse(&text).unwrap();
    let location = parsed.source_map.locate(ItemKind::Goal, "sales").unwrap();
    assert_eq!((location.line, location.column), (9, 6));
    let plan = parsed.source_map.locate(ItemKind::Plan, "p").unwrap();
    assert_eq!((plan.line, plan.column), (2, 6));
}

#[test]
fn writing_is_canonical_and_reads_back() {
    let text = format!(
        "{HEADER}[budget]\nmethod = \"revenue_share\"\nrate = 0.05\nrevenue_base = 2400000\n\n[[goals]]\nid = \"g\"\ntitle = \"Sell « more »\"\nkind = \"sales\"\nfunnel_stage = \"do\"\n"
    );
    let plan = plan_file::parse(&text).unwrap().plan;
    let written = plan_file::write(&plan);
    expect![[r#"
        [plan]
        id = "p"
        name = "P"
        mission = ""
        vision = ""
        start = 2026-01-01
        end = 2026-06-30
        currency = "EUR"

        [budget]
        method = "revenue_share"
        rate = 0.05
        revenue_base = 2400000

        [[goals]]
        id = "g"
        title = "Sell « more »"
        kind = "sales"
        funnel_stage = "do"
    "#]]
    .assert_eq(&written);
    let again = plan_file::parse(&written).unwrap().plan;
    assert_eq!(again, plan);
    assert_eq!(plan_file::write(&again), written);
}

// Property: any plan the model can hold round-trips through the file.

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_.-]{0,11}"
}

fn text() -> impl Strategy<Value = String> {
    // Any characters TOML strings can carry, accents, quotes and newlines
    // included.
    "[\\PC\n\t\"'\\\\]{0,20}"
}

fn date() -> impl Strategy<Value = Date> {
    (1990i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(|v| v as f64),
        -1e9f64..1e9,
        0.0f64..1.0,
    ]
}

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![(0u32..1_000_000).prop_map(f64::from), 0.0f64..1e7]
        .prop_map(|v| Amount::new(v).unwrap())
}

fn localized() -> impl Strategy<Value = Localized> {
    prop_oneof![
        text().prop_map(Localized::same),
        (text(), text()).prop_map(|(fr, en)| Localized { fr, en }),
    ]
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(Unit::ALL.to_vec())
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![Just(Direction::Up), Just(Direction::Down)]
}

fn kpi() -> impl Strategy<Value = KpiDef> {
    let definition = prop_oneof![
        prop::sample::select(vec![
            "cost / sessions",
            "(revenue - cost) / cost",
            "customers / days",
            "a + b * c - -d",
            "transactions/sessions*100",
        ])
        .prop_map(|f| Definition::Formula(Formula::parse(f).unwrap())),
        Just(Definition::Measure(Aggregation::Sum)),
        Just(Definition::Measure(Aggregation::Last)),
        id().prop_map(|weight| Definition::Measure(Aggregation::WeightedMean { weight })),
    ];
    (
        id(),
        localized(),
        unit(),
        direction(),
        definition,
        (localized(), localized(), localized()),
    )
        .prop_map(
            |(id, name, unit, direction, definition, (why, where_to_find, how_to_improve))| {
                KpiDef {
                    id,
                    name,
                    unit,
                    direction,
                    definition,
                    guidance: Guidance {
                        why,
                        where_to_find,
                        how_to_improve,
                    },
                    builtin: false,
                }
            },
        )
}

fn objective() -> impl Strategy<Value = Objective> {
    let window = prop_oneof![
        Just(None),
        Just(Some(Window::Cumulative)),
        (1u32..400).prop_map(|days| Some(Window::Trailing { days })),
    ];
    (
        (id(), prop::option::of(id()), text(), prop::option::of(id())),
        (
            prop::option::of(value()),
            prop::option::of(value()),
            prop::option::of(date()),
        ),
        prop::collection::vec((date(), value()), 0..3),
        (
            prop::option::of(id()),
            prop::option::of(id()),
            prop::option::of(text()),
            window,
        ),
    )
        .prop_map(
            |(
                (id, goal, title, kpi),
                (baseline, target, deadline),
                milestones,
                (channel, segment, owner, window),
            )| Objective {
                id: ObjectiveId::parse(&id).unwrap(),
                goal: goal.map(|g| GoalId::parse(&g).unwrap()),
                title,
                kpi: kpi.map(|k| KpiId::parse(&k).unwrap()),
                baseline,
                target,
                deadline,
                milestones: milestones
                    .into_iter()
                    .map(|(date, target)| Milestone { date, target })
                    .collect(),
                channel: channel.map(|c| ChannelId::parse(&c).unwrap()),
                segment: segment.map(|s| SegmentId::parse(&s).unwrap()),
                owner,
                window,
            },
        )
}

fn action() -> impl Strategy<Value = Action> {
    let owner = prop::option::of((text(), prop::option::of(text()), prop::option::of(text())))
        .prop_map(|owner| owner.map(|(name, email, phone)| Owner { name, email, phone }));
    let kind = prop_oneof![
        Just(ActionKind::OneOff),
        Just(ActionKind::Recurring),
        Just(ActionKind::Continuous),
    ];
    (
        (id(), id(), text(), owner, kind),
        (
            prop::option::of(date()),
            prop::option::of(date()),
            prop::option::of(0u32..400),
        ),
        (
            prop::collection::vec(id(), 0..3),
            prop::option::of(amount()),
            prop::collection::vec(id(), 0..3),
            prop::option::of(recurrence()),
        ),
    )
        .prop_map(
            |(
                (id, tactic, title, owner, kind),
                (start, due, duration_days),
                (depends_on, budget, kpis, repeat),
            )| Action {
                repeat,
                id: ActionId::parse(&id).unwrap(),
                tactic: TacticId::parse(&tactic).unwrap(),
                title,
                owner,
                kind,
                start,
                due,
                duration_days,
                depends_on: depends_on
                    .iter()
                    .map(|d| ActionId::parse(d).unwrap())
                    .collect(),
                budget,
                kpis: kpis.iter().map(|k| KpiId::parse(k).unwrap()).collect(),
            },
        )
}

fn weekday() -> impl Strategy<Value = Weekday> {
    prop::sample::select(vec![
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ])
}

fn recurrence() -> impl Strategy<Value = Recurrence> {
    let rule = prop_oneof![
        Just((RecurrenceUnit::Day, None)),
        prop::option::of(weekday())
            .prop_map(|day| (RecurrenceUnit::Week, day.map(RecurrenceDay::Weekday))),
        (1u8..=31).prop_map(|day| (RecurrenceUnit::Month, Some(RecurrenceDay::DayOfMonth(day)))),
        (prop::sample::select(vec![1i8, 2, 3, 4, 5, -1]), weekday()).prop_map(|(nth, weekday)| (
            RecurrenceUnit::Month,
            Some(RecurrenceDay::NthWeekday { nth, weekday })
        )),
        Just((RecurrenceUnit::Month, None)),
    ];
    (1u32..13, rule, prop::option::of(1u32..60)).prop_map(|(every, (unit, on), count)| Recurrence {
        every,
        unit,
        on,
        count,
    })
}

fn calendar() -> impl Strategy<Value = Calendar> {
    (
        prop::collection::btree_set(0i8..7, 0..7),
        any::<bool>(),
        prop::collection::vec(date(), 0..3),
    )
        .prop_map(|(weekend, french_holidays, days_off)| Calendar {
            // In the order the file is written: Monday first.
            weekend: weekend
                .into_iter()
                .map(|offset| Weekday::from_monday_zero_offset(offset).unwrap())
                .collect(),
            french_holidays,
            days_off,
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    let budget = prop_oneof![
        amount().prop_map(|amount| Budget::Fixed { amount }),
        (0.0f64..=1.0, amount()).prop_map(|(rate, revenue_base)| Budget::RevenueShare {
            rate: Rate::new(rate).unwrap(),
            base: RevenueBase::Amount(revenue_base),
        }),
        (0.0f64..=1.0).prop_map(|rate| Budget::RevenueShare {
            rate: Rate::new(rate).unwrap(),
            base: RevenueBase::Last12Months,
        }),
        Just(Budget::BottomUp),
    ];
    let goal = (
        id(),
        text(),
        prop::sample::select(vec![
            GoalKind::Acquisition,
            GoalKind::Retention,
            GoalKind::Animation,
            GoalKind::Traffic,
            GoalKind::Satisfaction,
            GoalKind::DataQuality,
            GoalKind::Sales,
            GoalKind::Other,
        ]),
        prop::option::of(prop::sample::select(vec![
            FunnelStage::See,
            FunnelStage::Think,
            FunnelStage::Do,
            FunnelStage::Care,
        ])),
        prop::option::of(text()),
    )
        .prop_map(|(id, title, kind, funnel_stage, impact)| Goal {
            id: GoalId::parse(&id).unwrap(),
            title,
            kind,
            funnel_stage,
            impact,
        });
    let strategy = (
        id(),
        text(),
        prop::collection::vec(id(), 0..3),
        prop::option::of(text()),
    )
        .prop_map(|(id, title, objectives, description)| PlanStrategy {
            id: StrategyId::parse(&id).unwrap(),
            title,
            objectives: objectives
                .iter()
                .map(|o| ObjectiveId::parse(o).unwrap())
                .collect(),
            description,
        });
    let stage = prop_oneof![
        Just(MetricStage::Acquisition),
        Just(MetricStage::Behaviour),
        Just(MetricStage::Conversion),
    ];
    let tactic = (
        id(),
        id(),
        id(),
        text(),
        prop::collection::vec((id(), stage), 0..4),
    )
        .prop_map(|(id, strategy, channel, title, metrics)| Tactic {
            id: TacticId::parse(&id).unwrap(),
            strategy: StrategyId::parse(&strategy).unwrap(),
            channel: ChannelId::parse(&channel).unwrap(),
            title,
            metrics: metrics
                .into_iter()
                .map(|(kpi, stage)| Metric {
                    kpi: KpiId::parse(&kpi).unwrap(),
                    stage,
                })
                .collect(),
        });
    let segment =
        (id(), text(), prop::option::of(text())).prop_map(|(id, name, description)| Segment {
            id: SegmentId::parse(&id).unwrap(),
            name,
            description,
        });
    let channel = (id(), text()).prop_map(|(id, name)| Channel {
        id: ChannelId::parse(&id).unwrap(),
        name,
    });
    let variant = (id(), prop::option::of(text()), 1u32..100, any::<bool>()).prop_map(
        |(id, name, percent, control)| Variant {
            id: VariantId::parse(&id).unwrap(),
            name,
            split: f64::from(percent) / 100.0,
            control,
        },
    );
    let experiment = (
        (id(), id(), text(), id()),
        prop::collection::vec(variant, 0..4),
        (
            prop::option::of(date()),
            prop::option::of(date()),
            prop::option::of(1u32..5000),
            any::<bool>(),
            prop_oneof![Just(TestMethod::Sequential), Just(TestMethod::Fixed)],
        ),
    )
        .prop_map(
            |((id, action, hypothesis, kpi), variants, (start, end, mde, relative, method))| {
                Experiment {
                    id: ExperimentId::parse(&id).unwrap(),
                    action: ActionId::parse(&action).unwrap(),
                    hypothesis,
                    kpi: KpiId::parse(&kpi).unwrap(),
                    variants,
                    start,
                    end,
                    mde: mde.map(|mde| f64::from(mde) / 10_000.0),
                    relative,
                    method,
                }
            },
        );
    (
        (
            id(),
            text(),
            text(),
            text(),
            date(),
            date(),
            "[A-Z]{3}",
            budget,
        ),
        (
            prop::collection::vec(goal, 0..4),
            prop::collection::vec(objective(), 0..4),
            prop::collection::vec(kpi(), 0..3),
        ),
        (
            prop::collection::vec(segment, 0..2),
            prop::collection::vec(channel, 0..2),
            prop::collection::vec(strategy, 0..3),
            prop::collection::vec(tactic, 0..3),
            prop::collection::vec(action(), 0..4),
            prop::collection::vec(experiment, 0..3),
            prop_oneof![
                Just(Tracking::default()),
                (1u32..100, 0i64..=365, 1i64..=366).prop_map(
                    |(percent, critical_slack, checkin_every)| Tracking {
                        at_risk: f64::from(percent) / 100.0,
                        critical_slack,
                        checkin_every,
                    }
                ),
            ],
            calendar(),
        ),
    )
        .prop_map(
            |(
                (id, name, mission, vision, start, end, currency, budget),
                (goals, objectives, kpis),
                (segments, channels, strategies, tactics, actions, experiments, tracking, calendar),
            )| Plan {
                calendar,
                id: PlanId::parse(&id).unwrap(),
                name,
                mission,
                vision,
                start,
                end,
                currency: Currency::parse(&currency).unwrap(),
                budget,
                goals,
                objectives,
                // The file lists formula KPIs before measures.
                kpis: {
                    let (mut formulas, measures): (Vec<_>, Vec<_>) =
                        kpis.into_iter().partition(KpiDef::is_formula);
                    formulas.extend(measures);
                    formulas
                },
                segments,
                channels,
                strategies,
                tactics,
                actions,
                experiments,
                tracking,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_plan_round_trips_through_the_file(plan in plan()) {
        let text = plan_file::write(&plan);
        let read = plan_file::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&read.plan, &plan, "{}", text);
        prop_assert_eq!(plan_file::write(&read.plan), text);
    }

    #[test]
    fn reading_never_panics(text in "\\PC{0,200}") {
        let _ = plan_file::parse(&text);
    }

    #[test]
    fn reading_edited_plans_never_panics(cut in 0usize..2000, insert in "[\\[\\]=\"{},.0-9a-z\n ]{0,8}") {
        let base = include_str!("../../../examples/cloud-kicks.toml");
        let mut cut = cut.min(base.len());
        while !base.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = format!("{}{}{}", &base[..cut], insert, &base[cut..]);
        let _ = plan_file::parse(&text);
    }
}

#[test]
fn the_at_risk_threshold_is_read_written_and_checked() {
    let base = "[plan]\nid = \"p\"\nname = \"P\"\nstart = 2026-01-01\nend = 2026-06-30\ncurrency = \"EUR\"\n";
    let plan = plan_file::parse(base).unwrap().plan;
    assert_eq!(plan.tracking.at_risk, 0.75);
    assert!(!plan_file::write(&plan).contains("[tracking]"));
    let custom = plan_file::parse(&format!("{base}[tracking]\nat_risk = 0.9\n"))
        .unwrap()
        .plan;
    assert_eq!(custom.tracking.at_risk, 0.9);
    assert!(plan_file::write(&custom).contains("[tracking]\nat_risk = 0.9\n"));
    let error = plan_file::parse(&format!("{base}[tracking]\nat_risk = 75\n")).unwrap_err();
    assert!(
        error.to_string().contains("tracking.at_risk is 75"),
        "{error}"
    );
    assert_eq!(error.location.map(|l| l.line), Some(8));
}
