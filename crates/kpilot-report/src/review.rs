//! The operation review (bilan) as a [`Document`]: objectives against
//! their initial targets and how they were judged, the levers, the budget,
//! the actions, the segments, the checks and the lessons, and the data by
//! day for the spreadsheet.

use std::collections::BTreeMap;

use jiff::civil::Date;
use kpilot_core::budget::{self, Report};
use kpilot_core::engine::Components;
use kpilot_core::experiment::Judgement;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::Plan;
use kpilot_core::progress::State;
use kpilot_core::review::{Lever, ObjectiveReview, Results, achieved};
use kpilot_core::schedule::Schedule;
use kpilot_core::tracking::Status;

use crate::document::{
    Band, Cell, Chart, Column, Document, Kind, Line, Section, Stroke, Table, date_text, kind_of,
    number_text,
};

/// Everything the review shows, gathered by the caller.
#[derive(Debug)]
pub struct Review<'a> {
    pub plan: &'a Plan,
    pub from: Date,
    pub to: Date,
    /// The last day with data in the workspace (`None` without any): the
    /// subtitle says it when the review reaches it.
    pub last_data: Option<Date>,
    pub lang: Lang,
    pub objectives: Vec<ObjectiveReview>,
    pub results: Results,
    pub levers: Vec<Lever>,
    /// The budget at the review's last day, by channel, tactic, action and
    /// month (in that order).
    pub budget: Vec<(budget::By, Report)>,
    pub schedule: Schedule,
    pub segments: Vec<SegmentView>,
    pub checks: Vec<Check>,
    pub notes: Vec<Note>,
    /// The experiments of the period, judged at its last day.
    pub experiments: Vec<ExperimentView>,
    /// The measures of [`Review::days`], in column order.
    pub measures: Vec<String>,
    pub days: Vec<DayRow>,
}

/// An objective's KPI in each segment, over its window at the last day.
#[derive(Debug, Clone)]
pub struct SegmentView {
    pub objective: String,
    pub kpi: String,
    pub unit: Unit,
    pub rows: Vec<(String, Option<f64>, Components)>,
}

/// A finding for the reader, with its rule code (a contract, as in
/// `kpilot status`).
#[derive(Debug, Clone)]
pub struct Check {
    pub rule: String,
    pub item: String,
    pub message: String,
}

/// An experiment of the period: its hypothesis, its judgement, and each
/// comparison's verdict in a sentence (in the review's language).
#[derive(Debug, Clone)]
pub struct ExperimentView {
    pub hypothesis: String,
    pub judgement: Judgement,
    pub sentences: Vec<String>,
}

/// A lesson noted on an objective or a lever (`kpilot note`).
#[derive(Debug, Clone)]
pub struct Note {
    pub item: String,
    pub day: Date,
    pub text: String,
}

/// One day's measures in one channel.
#[derive(Debug, Clone)]
pub struct DayRow {
    pub day: Date,
    pub channel: Option<String>,
    pub values: Vec<Option<f64>>,
}

fn say(lang: Lang, fr: &str, en: &str) -> String {
    match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

pub fn document(review: &Review<'_>) -> Document {
    let lang = review.lang;
    let plan = review.plan;
    let currency = plan.currency.as_str().to_owned();
    let mut subtitle = match lang {
        Lang::Fr => format!(
            "{} — du {} au {}",
            plan.id.as_str(),
            date_text(review.from, lang),
            date_text(review.to, lang)
        ),
        Lang::En => format!(
            "{} — {} to {}",
            plan.id.as_str(),
            date_text(review.from, lang),
            date_text(review.to, lang)
        ),
    };
    // Where the data stops within the period, the reader is told: the
    // figures of the days after it are not zeros but unknown.
    match review.last_data {
        Some(last) if last <= review.to => subtitle.push_str(&match lang {
            Lang::Fr => format!(" — dernières données le {}", date_text(last, lang)),
            Lang::En => format!(" — last data on {}", date_text(last, lang)),
        }),
        None => subtitle.push_str(&say(lang, " — aucune donnée", " — no data")),
        Some(_) => {}
    }
    let sections = vec![
        summary(review),
        objectives(review),
        history(review),
        weeks(review),
        levers(review),
        lever_kpis(review),
        budget_section(review),
        actions(review),
        segments(review),
        checks(review),
        experiments(review),
        notes(review),
        days(review),
    ];
    Document {
        lang,
        currency,
        title: match lang {
            Lang::Fr => format!("Bilan : {}", plan.name),
            Lang::En => format!("Review: {}", plan.name),
        },
        subtitle,
        sections,
    }
}

fn money(value: Option<f64>, review: &Review<'_>) -> String {
    match value {
        Some(value) => number_text(
            value,
            Kind::Money,
            review.plan.currency.as_str(),
            review.lang,
        ),
        None => "—".to_owned(),
    }
}

fn summary(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("summary", say(lang, "Synthèse", "Summary"));
    if !review.plan.mission.is_empty() {
        section.paragraphs.push(format!(
            "{} {}",
            say(lang, "Mission :", "Mission:"),
            review.plan.mission
        ));
    }
    let reached = review
        .objectives
        .iter()
        .filter(|o| achieved(o) == Some(true))
        .count();
    let count = |status: Status| {
        review
            .objectives
            .iter()
            .filter(|o| o.status == status)
            .count()
    };
    section.paragraphs.push(match lang {
        Lang::Fr => format!(
            "{reached} objectif(s) sur {} atteint(s) à ce jour ; {} en bonne voie, {} à risque, {} en retard, {} manqué(s), {} sans données.",
            review.objectives.len(),
            count(Status::OnTrack),
            count(Status::AtRisk),
            count(Status::OffTrack),
            count(Status::Missed),
            count(Status::NoData)
        ),
        Lang::En => format!(
            "{reached} of {} objective(s) reached so far; {} on track, {} at risk, {} off track, {} missed, {} without data.",
            review.objectives.len(),
            count(Status::OnTrack),
            count(Status::AtRisk),
            count(Status::OffTrack),
            count(Status::Missed),
            count(Status::NoData)
        ),
    });
    if let Some((_, report)) = review.budget.first() {
        section.paragraphs.push(match lang {
            Lang::Fr => format!(
                "Budget : enveloppe {}, alloué {}, dépensé {}, reste {}.",
                money(report.envelope, review),
                money(Some(report.allocated), review),
                money(Some(report.spent), review),
                money(report.remaining, review)
            ),
            Lang::En => format!(
                "Budget: envelope {}, allocated {}, spent {}, remaining {}.",
                money(report.envelope, review),
                money(Some(report.allocated), review),
                money(Some(report.spent), review),
                money(report.remaining, review)
            ),
        });
    }
    section
}

/// The components of a value as a reader checks it: `transactions = 120 ;
/// sessions = 4 000`.
fn components_text(components: &Components, lang: Lang) -> String {
    components
        .iter()
        .map(|(name, sum)| format!("{name} = {}", kpilot_core::display::decimal(*sum, lang)))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Fr => " ; ",
            Lang::En => "; ",
        })
}

fn objectives(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("objectives", say(lang, "Objectifs", "Objectives"));
    section.paragraphs.push(say(
        lang,
        "Chaque objectif face à sa cible initiale : valeur finale (échéance passée) ou actuelle, écart à la cible (valeur − cible) et progression depuis la valeur de départ.",
        "Each objective against its initial target: final value (deadline passed) or current value, gap to target (value − target) and progress from the baseline.",
    ));
    // Columns 5 baseline, 6 target, 8 value: the gap and the progress are
    // live formulas of them.
    let columns = vec![
        Column::new(say(lang, "Objectif", "Objective"), Kind::Text),
        Column::new(say(lang, "Intitulé", "Title"), Kind::Text),
        Column::new("KPI", Kind::Text),
        Column::new(say(lang, "Canal", "Channel"), Kind::Text),
        Column::new(say(lang, "Segment", "Segment"), Kind::Text),
        Column::new(say(lang, "Départ", "Baseline"), Kind::Ratio),
        Column::new(say(lang, "Cible", "Target"), Kind::Ratio),
        Column::new(say(lang, "Échéance", "Deadline"), Kind::Date),
        Column::new(say(lang, "Valeur", "Value"), Kind::Ratio),
        Column::derived(
            say(lang, "Écart", "Gap"),
            Kind::Ratio,
            r#"IF(OR({8}="",{6}=""),"",{8}-{6})"#,
        ),
        Column::derived(
            say(lang, "Progression", "Progress"),
            Kind::Percent,
            r#"IF(OR({8}="",{6}="",{6}-N({5})=0),"",({8}-N({5}))/({6}-N({5})))"#,
        ),
        Column::new(say(lang, "Attendu", "Expected"), Kind::Percent),
        Column::new(say(lang, "Statut", "Status"), Kind::Text),
        Column::new(say(lang, "Composantes", "Components"), Kind::Text),
    ];
    let rows = review
        .objectives
        .iter()
        .map(|o| {
            vec![
                Cell::text(&o.id),
                Cell::text(&o.title),
                Cell::text(&o.kpi),
                Cell::text(o.channel.clone().unwrap_or_default()),
                Cell::text(o.segment.clone().unwrap_or_default()),
                Cell::unit(o.baseline, o.unit),
                Cell::unit(o.target, o.unit),
                Cell::Date(o.deadline),
                Cell::unit(o.value, o.unit),
                Cell::unit(o.gap, o.unit),
                Cell::number(o.progress, Kind::Percent),
                Cell::number(o.target.map(|_| o.expected_progress), Kind::Percent),
                Cell::Status(o.status),
                Cell::text(match o.as_of {
                    // The window at the last day has no data: the value
                    // is the last window's that had some, and says so.
                    Some(day) => match lang {
                        Lang::Fr => format!(
                            "dernière fenêtre avec données, au {} ; {}",
                            date_text(day, lang),
                            components_text(&o.components, lang)
                        ),
                        Lang::En => format!(
                            "last window with data, on {}; {}",
                            date_text(day, lang),
                            components_text(&o.components, lang)
                        ),
                    },
                    None => components_text(&o.components, lang),
                }),
            ]
        })
        .collect();
    section.table = Some(Table { columns, rows });
    for o in &review.objectives {
        section.charts.extend(objective_chart(o, None, lang));
    }
    section
}

/// An objective's value at each judgement against its target and the
/// expected pace, with its forecast when given; `None` without a target or
/// a value to draw.
pub fn objective_chart(o: &ObjectiveReview, forecast: Option<Band>, lang: Lang) -> Option<Chart> {
    if o.target.is_none() || o.history.iter().all(|j| j.value.is_none()) {
        return None;
    }
    let points = |f: &dyn Fn(&kpilot_core::tracking::Judgement) -> Option<f64>| {
        o.history
            .iter()
            .filter_map(|j| Some((j.at, f(j)?)))
            .collect::<Vec<_>>()
    };
    let mut target = points(&|_| o.target);
    let mut pace = points(&|j| j.expected);
    // With a forecast the chart runs to the deadline, where the pace meets
    // the target.
    if let (Some(band), Some(value)) = (&forecast, o.target) {
        target.push((band.to, value));
        pace.push((band.to, value));
    }
    Some(Chart::Lines {
        title: format!("{} — {}", o.id, o.title),
        kind: kind_of(o.unit),
        lines: vec![
            Line {
                name: o.kpi.clone(),
                points: points(&|j| j.value),
                style: Stroke::Data,
            },
            Line {
                name: say(lang, "cible", "target"),
                points: target,
                style: Stroke::Reference,
            },
            Line {
                name: say(lang, "rythme attendu", "expected pace"),
                points: pace,
                style: Stroke::Reference,
            },
        ],
        band: forecast,
        marks: Vec::new(),
    })
}

/// The status at the last judgement of each month.
fn history(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new(
        "history",
        say(lang, "Historique des statuts", "Status history"),
    );
    section.paragraphs.push(say(
        lang,
        "Le statut de chaque objectif en fin de mois (le détail semaine par semaine est dans la feuille « weeks »).",
        "Each objective's status at the end of each month (week by week in the “weeks” sheet).",
    ));
    let mut months: Vec<(i16, i8)> = review
        .objectives
        .iter()
        .flat_map(|o| o.history.iter().map(|j| (j.at.year(), j.at.month())))
        .collect();
    months.sort();
    months.dedup();
    let mut columns = vec![Column::new(say(lang, "Objectif", "Objective"), Kind::Text)];
    columns.extend(
        months
            .iter()
            .map(|(year, month)| Column::new(format!("{year}-{month:02}"), Kind::Text)),
    );
    let rows = review
        .objectives
        .iter()
        .map(|o| {
            let mut row = vec![Cell::text(&o.id)];
            row.extend(months.iter().map(|(year, month)| {
                o.history
                    .iter()
                    .rev()
                    .find(|j| j.at.year() == *year && j.at.month() == *month)
                    .map_or(Cell::Empty, |j| Cell::Status(j.status))
            }));
            row
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

fn weeks(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("weeks", say(lang, "Statuts par semaine", "Status by week"));
    section.printed = false;
    let columns = vec![
        Column::new(say(lang, "Objectif", "Objective"), Kind::Text),
        Column::new(say(lang, "Jour", "Day"), Kind::Date),
        Column::new(say(lang, "Valeur", "Value"), Kind::Ratio),
        Column::new(say(lang, "Valeur attendue", "Expected value"), Kind::Ratio),
        Column::new(say(lang, "Progression", "Progress"), Kind::Percent),
        Column::new(
            say(lang, "Progression attendue", "Expected progress"),
            Kind::Percent,
        ),
        Column::new(say(lang, "Statut", "Status"), Kind::Text),
    ];
    let rows = review
        .objectives
        .iter()
        .flat_map(|o| {
            o.history.iter().map(|j| {
                vec![
                    Cell::text(&o.id),
                    Cell::Date(j.at),
                    Cell::unit(j.value, o.unit),
                    Cell::unit(j.expected, o.unit),
                    Cell::number(j.progress, Kind::Percent),
                    Cell::number(o.target.map(|_| j.expected_progress), Kind::Percent),
                    Cell::Status(j.status),
                ]
            })
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

fn levers(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("levers", say(lang, "Par levier", "By lever"));
    let (basis_fr, basis_en) = match review.results {
        Results::Revenue => (
            "Les résultats sont le chiffre d’affaires ; les leviers sont classés du ROAS le plus haut au plus bas.",
            "Results are revenue; levers are ranked from the highest ROAS to the lowest.",
        ),
        Results::Conversions => (
            "Les résultats sont les conversions ; les leviers sont classés du coût par acquisition le plus bas au plus haut.",
            "Results are conversions; levers are ranked from the lowest cost per acquisition to the highest.",
        ),
    };
    section.paragraphs.push(say(lang, basis_fr, basis_en));
    // Columns: 2 spend, 4 conversions, 5 transactions, 6 revenue.
    let results_col = match review.results {
        Results::Revenue => 6,
        Results::Conversions => 4,
    };
    let columns = vec![
        Column::new(say(lang, "Canal", "Channel"), Kind::Text),
        Column::new(say(lang, "Levier", "Lever"), Kind::Text),
        Column::new(say(lang, "Dépense", "Spend"), Kind::Money),
        Column::derived(
            say(lang, "Part de la dépense", "Share of spend"),
            Kind::Percent,
            r#"IF(SUM({2:all})=0,"",{2}/SUM({2:all}))"#,
        ),
        Column::new("Conversions", Kind::Count),
        Column::new("Transactions", Kind::Count),
        Column::new(say(lang, "Chiffre d’affaires", "Revenue"), Kind::Money),
        Column::derived(
            say(lang, "Part des résultats", "Share of results"),
            Kind::Percent,
            format!(
                r#"IF(SUM({{{results_col}:all}})=0,"",N({{{results_col}}})/SUM({{{results_col}:all}}))"#
            ),
        ),
        Column::derived(
            say(lang, "Coût par acquisition", "Cost per acquisition"),
            Kind::Money,
            r#"IF({4}<>"",IF({4}=0,"",{2}/{4}),IF(N({5})=0,"",{2}/{5}))"#,
        ),
        Column::derived(
            "ROI",
            Kind::Percent,
            r#"IF(OR({6}="",{2}=0),"",({6}-{2})/{2})"#,
        ),
        Column::derived("ROAS", Kind::Ratio, r#"IF(OR({6}="",{2}=0),"",{6}/{2})"#),
        Column::new(say(lang, "Rang", "Rank"), Kind::Count),
        Column::new(
            say(lang, "Dépense > résultats", "Spend > results"),
            Kind::Text,
        ),
    ];
    let rows = review
        .levers
        .iter()
        .map(|lever| {
            vec![
                Cell::text(&lever.sums.channel),
                Cell::text(&lever.sums.name),
                Cell::Number(lever.sums.spend, Kind::Money),
                Cell::number(lever.spend_share, Kind::Percent),
                Cell::number(lever.sums.conversions, Kind::Count),
                Cell::number(lever.sums.transactions, Kind::Count),
                Cell::number(lever.sums.revenue, Kind::Money),
                Cell::number(lever.results_share, Kind::Percent),
                Cell::number(lever.cpa, Kind::Money),
                Cell::number(lever.roi, Kind::Percent),
                Cell::number(lever.roas, Kind::Ratio),
                Cell::number(lever.rank.map(|r| r as f64), Kind::Count),
                Cell::text(if lever.overweight {
                    say(lang, "oui", "yes")
                } else {
                    String::new()
                }),
            ]
        })
        .collect();
    section.table = Some(Table { columns, rows });
    // The charts leave out the levers that neither spent nor brought.
    let charted: Vec<&Lever> = review
        .levers
        .iter()
        .filter(|l| l.sums.spend > 0.0 || l.results_share.is_some_and(|s| s > 0.0))
        .collect();
    let names: Vec<String> = charted.iter().map(|l| l.sums.name.clone()).collect();
    section.charts.push(Chart::Bars {
        title: say(
            lang,
            "Part de la dépense et part des résultats par levier",
            "Share of spend and share of results by lever",
        ),
        kind: Kind::Percent,
        categories: names.clone(),
        series: vec![
            (
                say(lang, "dépense", "spend"),
                charted
                    .iter()
                    .map(|l| l.spend_share.unwrap_or(0.0))
                    .collect(),
            ),
            (
                say(lang, "résultats", "results"),
                charted
                    .iter()
                    .map(|l| l.results_share.unwrap_or(0.0))
                    .collect(),
            ),
        ],
    });
    if review.results == Results::Revenue {
        section.charts.push(Chart::Bars {
            title: say(
                lang,
                "Dépense et chiffre d’affaires par levier",
                "Spend and revenue by lever",
            ),
            kind: Kind::Money,
            categories: names,
            series: vec![
                (
                    say(lang, "dépense", "spend"),
                    charted.iter().map(|l| l.sums.spend).collect(),
                ),
                (
                    say(lang, "chiffre d’affaires", "revenue"),
                    review
                        .levers
                        .iter()
                        .map(|l| l.sums.revenue.unwrap_or(0.0))
                        .collect(),
                ),
            ],
        });
    }
    // The levers pointed out, in the words of their check.
    section.items.extend(
        review
            .checks
            .iter()
            .filter(|check| check.rule == "lever.overweight")
            .map(|check| check.message.clone()),
    );
    section
}

fn lever_kpis(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new(
        "lever-kpis",
        say(lang, "KPI suivis par levier", "KPIs tracked by lever"),
    );
    let columns = vec![
        Column::new(say(lang, "Canal", "Channel"), Kind::Text),
        Column::new("KPI", Kind::Text),
        Column::new(say(lang, "Valeur", "Value"), Kind::Ratio),
    ];
    let rows = review
        .levers
        .iter()
        .flat_map(|lever| {
            lever.sums.kpis.iter().map(|(kpi, unit, value)| {
                vec![
                    Cell::text(&lever.sums.channel),
                    Cell::text(kpi),
                    Cell::unit(*value, *unit),
                ]
            })
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

fn budget_section(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("budget", say(lang, "Par budget", "By budget"));
    let Some((_, total)) = review.budget.first() else {
        return section;
    };
    section.paragraphs.push(match lang {
        Lang::Fr => format!(
            "Au {} : enveloppe {}, alloué aux actions {}, prévu à date {}, dépensé {}, reste {} ; au rythme actuel, {} dépensés à la fin du plan.",
            date_text(total.at, lang),
            money(total.envelope, review),
            money(Some(total.allocated), review),
            money(Some(total.planned), review),
            money(Some(total.spent), review),
            money(total.remaining, review),
            money(total.forecast, review)
        ),
        Lang::En => format!(
            "At {}: envelope {}, allocated to actions {}, planned to date {}, spent {}, remaining {}; at the current pace, {} spent by the plan's end.",
            date_text(total.at, lang),
            money(total.envelope, review),
            money(Some(total.allocated), review),
            money(Some(total.planned), review),
            money(Some(total.spent), review),
            money(total.remaining, review),
            money(total.forecast, review)
        ),
    });
    // Columns 2 budget, 3 planned, 4 spent.
    let columns = vec![
        Column::new(say(lang, "Niveau", "Level"), Kind::Text),
        Column::new(say(lang, "Poste", "Item"), Kind::Text),
        Column::new(say(lang, "Budget", "Budget"), Kind::Money),
        Column::new(say(lang, "Prévu à date", "Planned to date"), Kind::Money),
        Column::new(say(lang, "Dépensé", "Spent"), Kind::Money),
        Column::derived(
            say(lang, "Reste", "Remaining"),
            Kind::Money,
            r#"IF({2}="","",{2}-{4})"#,
        ),
        Column::derived(
            say(lang, "Dépensé − prévu", "Spent − planned"),
            Kind::Money,
            "{4}-{3}",
        ),
    ];
    let mut rows = vec![vec![
        Cell::text(say(lang, "plan", "plan")),
        Cell::text(say(lang, "enveloppe", "envelope")),
        Cell::number(total.envelope, Kind::Money),
        Cell::Number(total.planned, Kind::Money),
        Cell::Number(total.spent, Kind::Money),
        Cell::number(total.remaining, Kind::Money),
        Cell::Number(total.spent - total.planned, Kind::Money),
    ]];
    for (by, report) in &review.budget {
        let level = match by {
            budget::By::Channel => say(lang, "canal", "channel"),
            budget::By::Tactic => say(lang, "tactique", "tactic"),
            budget::By::Action => "action".to_owned(),
            budget::By::Week => say(lang, "semaine", "week"),
            budget::By::Month => say(lang, "mois", "month"),
        };
        for line in &report.lines {
            rows.push(vec![
                Cell::text(&level),
                Cell::text(&line.key),
                Cell::Number(line.budget, Kind::Money),
                Cell::Number(line.planned, Kind::Money),
                Cell::Number(line.spent, Kind::Money),
                Cell::Number(line.remaining(), Kind::Money),
                Cell::Number(line.spent - line.planned, Kind::Money),
            ]);
        }
    }
    section.table = Some(Table { columns, rows });
    if let Some((_, months)) = review
        .budget
        .iter()
        .find(|(by, _)| *by == budget::By::Month)
    {
        section.charts.push(Chart::Bars {
            title: say(
                lang,
                "Calendrier des coûts : prévu et dépensé par mois",
                "Cost calendar: planned and spent by month",
            ),
            kind: Kind::Money,
            categories: months.lines.iter().map(|l| l.key.clone()).collect(),
            series: vec![
                (
                    say(lang, "prévu", "planned"),
                    months.lines.iter().map(|l| l.budget).collect(),
                ),
                (
                    say(lang, "dépensé", "spent"),
                    months.lines.iter().map(|l| l.spent).collect(),
                ),
            ],
        });
    }
    section
}

fn actions(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("actions", "Actions");
    let spent: BTreeMap<&str, (f64, f64)> = review
        .budget
        .iter()
        .filter(|(by, _)| *by == budget::By::Action)
        .flat_map(|(_, report)| {
            report
                .lines
                .iter()
                .map(|l| (l.key.as_str(), (l.budget, l.spent)))
        })
        .collect();
    section.paragraphs.push(say(
        lang,
        "Chaque action avec ses dates prévues (du plan, ou déduites du rétroplanning), ses dates réelles (commencée, faite) et, tant qu’elle n’est pas faite, sa fin attendue ; son état et son retard en jours ouvrés au dernier jour du bilan.",
        "Each action with its planned dates (the plan's, or derived by the schedule), its actual dates (started, done) and, while it is not done, its expected end; its state and how many working days late it is on the review's last day.",
    ));
    // Columns 15 allocated, 16 spent.
    let columns = vec![
        Column::new("Action", Kind::Text),
        Column::new(say(lang, "Intitulé", "Title"), Kind::Text),
        Column::new(say(lang, "Tactique", "Tactic"), Kind::Text),
        Column::new(say(lang, "Canal", "Channel"), Kind::Text),
        Column::new(say(lang, "Responsable", "Owner"), Kind::Text),
        Column::new(say(lang, "Début prévu", "Planned start"), Kind::Date),
        Column::new(say(lang, "Fin prévue", "Planned end"), Kind::Date),
        Column::new(say(lang, "Début réel", "Actual start"), Kind::Date),
        Column::new(say(lang, "Fin réelle", "Actual end"), Kind::Date),
        Column::new(say(lang, "Fin attendue", "Expected end"), Kind::Date),
        Column::new(say(lang, "État", "State"), Kind::Text),
        Column::new(
            say(lang, "Retard (jours ouvrés)", "Late (working days)"),
            Kind::Count,
        ),
        Column::new(
            say(lang, "Marge (jours ouvrés)", "Slack (working days)"),
            Kind::Count,
        ),
        Column::new(say(lang, "Critique", "Critical"), Kind::Text),
        Column::new(say(lang, "Avancement", "Progress"), Kind::Percent),
        Column::new(say(lang, "Alloué", "Allocated"), Kind::Money),
        Column::new(say(lang, "Dépensé", "Spent"), Kind::Money),
        Column::derived(
            say(lang, "Reste", "Remaining"),
            Kind::Money,
            "N({15})-N({16})",
        ),
    ];
    let rows = review
        .plan
        .actions
        .iter()
        .map(|action| {
            let scheduled = review.schedule.of(&action.id);
            let channel = review
                .plan
                .tactic(&action.tactic)
                .map(|tactic| tactic.channel.to_string())
                .unwrap_or_default();
            let (allocated, spent) = spent.get(action.id.as_str()).copied().unwrap_or((0.0, 0.0));
            let date = |d: Option<Date>| d.map_or(Cell::Empty, Cell::Date);
            let planned = scheduled.and_then(|s| s.planned);
            let open = scheduled.is_some_and(|s| !s.state.is_closed());
            vec![
                Cell::text(action.id.as_str()),
                Cell::text(&action.title),
                Cell::text(action.tactic.as_str()),
                Cell::text(channel),
                Cell::text(
                    action
                        .owner
                        .as_ref()
                        .map(|o| o.name.clone())
                        .unwrap_or_default(),
                ),
                date(planned.map(|(start, _)| start)),
                date(planned.map(|(_, end)| end)),
                date(scheduled.and_then(|s| s.actual_start)),
                date(scheduled.and_then(|s| s.actual_end)),
                date(scheduled.and_then(|s| s.expected_end).filter(|_| open)),
                Cell::text(scheduled.map_or_else(String::new, |s| state_text(&s.state, lang))),
                Cell::number(
                    scheduled
                        .map(|s| s.late_days)
                        .filter(|d| *d > 0)
                        .map(|d| d as f64),
                    Kind::Count,
                ),
                Cell::number(
                    scheduled.and_then(|s| s.slack_days).map(|d| d as f64),
                    Kind::Count,
                ),
                Cell::text(if scheduled.is_some_and(|s| s.critical) {
                    say(lang, "oui", "yes")
                } else {
                    String::new()
                }),
                Cell::number(
                    scheduled
                        .and_then(|s| s.progress)
                        .map(|p| f64::from(p) / 100.0),
                    Kind::Percent,
                ),
                Cell::Number(allocated, Kind::Money),
                Cell::Number(spent, Kind::Money),
                Cell::Number(allocated - spent, Kind::Money),
            ]
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

/// An action's state in a word: à faire, commencée, faite, annulée (and
/// why).
fn state_text(state: &State, lang: Lang) -> String {
    match state {
        State::Todo => say(lang, "à faire", "to do"),
        State::Started { .. } => say(lang, "commencée", "started"),
        State::Done { .. } => say(lang, "faite", "done"),
        State::Cancelled { reason, .. } => match lang {
            Lang::Fr => format!("annulée : {reason}"),
            Lang::En => format!("cancelled: {reason}"),
        },
    }
}

fn segments(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("segments", say(lang, "Par segment", "By segment"));
    section.paragraphs.push(say(
        lang,
        "Pour chaque objectif ciblant un segment, son KPI dans chaque segment sur la même fenêtre.",
        "For each objective aimed at a segment, its KPI in every segment over the same window.",
    ));
    let columns = vec![
        Column::new(say(lang, "Objectif", "Objective"), Kind::Text),
        Column::new("KPI", Kind::Text),
        Column::new("Segment", Kind::Text),
        Column::new(say(lang, "Valeur", "Value"), Kind::Ratio),
        Column::new(say(lang, "Composantes", "Components"), Kind::Text),
    ];
    let rows = review
        .segments
        .iter()
        .flat_map(|view| {
            view.rows.iter().map(|(segment, value, components)| {
                vec![
                    Cell::text(&view.objective),
                    Cell::text(&view.kpi),
                    Cell::text(if segment.is_empty() {
                        say(lang, "(sans segment)", "(no segment)")
                    } else {
                        segment.clone()
                    }),
                    Cell::unit(*value, view.unit),
                    Cell::text(components_text(components, lang)),
                ]
            })
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

fn checks(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("checks", say(lang, "Contrôles", "Checks"));
    if review.checks.is_empty() {
        section.paragraphs.push(say(
            lang,
            "Aucun point à signaler.",
            "Nothing to point out.",
        ));
    }
    let columns = vec![
        Column::new(say(lang, "Règle", "Rule"), Kind::Text),
        Column::new(say(lang, "Élément", "Item"), Kind::Text),
        Column::new("Message", Kind::Text),
    ];
    let rows = review
        .checks
        .iter()
        .map(|c| {
            vec![
                Cell::text(&c.rule),
                Cell::text(&c.item),
                Cell::text(&c.message),
            ]
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

fn experiments(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("experiments", say(lang, "Tests A/B", "A/B tests"));
    if review.experiments.is_empty() {
        section.paragraphs.push(say(
            lang,
            "Aucune expérience pendant la période.",
            "No experiment during the period.",
        ));
    }
    let columns = vec![
        Column::new(say(lang, "Expérience", "Experiment"), Kind::Text),
        Column::new(say(lang, "Hypothèse", "Hypothesis"), Kind::Text),
        Column::new("KPI", Kind::Text),
        Column::new(say(lang, "Variante", "Variant"), Kind::Text),
        Column::new(say(lang, "Témoin", "Control"), Kind::Text),
        Column::new(say(lang, "Visiteurs", "Visitors"), Kind::Count),
        Column::new(say(lang, "Hausse relative", "Relative lift"), Kind::Percent),
        Column::new(say(lang, "Séquentiel bas", "Sequential low"), Kind::Percent),
        Column::new(
            say(lang, "Séquentiel haut", "Sequential high"),
            Kind::Percent,
        ),
        Column::new(
            say(lang, "Chance de gagner", "Chance to win"),
            Kind::Percent,
        ),
        Column::new("Verdict", Kind::Text),
    ];
    let mut rows = Vec::new();
    for view in &review.experiments {
        let judgement = &view.judgement;
        for comparison in &judgement.comparisons {
            let visitors: u64 = judgement
                .variants
                .iter()
                .filter(|v| v.id == comparison.variant || v.id == comparison.control)
                .map(|v| v.visitors)
                .sum();
            let finite = |value: Option<f64>| value.filter(|v| v.is_finite());
            rows.push(vec![
                Cell::text(&judgement.experiment),
                Cell::text(&view.hypothesis),
                Cell::text(&judgement.kpi),
                Cell::text(&comparison.variant),
                Cell::text(&comparison.control),
                Cell::number(Some(visitors as f64), Kind::Count),
                Cell::number(finite(comparison.fixed.map(|i| i.lift)), Kind::Percent),
                Cell::number(
                    finite(comparison.sequential.map(|i| i.ci_low)),
                    Kind::Percent,
                ),
                Cell::number(
                    finite(comparison.sequential.map(|i| i.ci_high)),
                    Kind::Percent,
                ),
                Cell::number(finite(comparison.chance_to_win), Kind::Percent),
                Cell::text(comparison.verdict.as_str()),
            ]);
        }
        for sentence in &view.sentences {
            section
                .items
                .push(format!("{} — {sentence}", judgement.experiment));
        }
    }
    section.table = Some(Table { columns, rows });
    section
}

fn notes(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("notes", say(lang, "Enseignements", "Lessons"));
    if review.notes.is_empty() {
        section.paragraphs.push(say(
            lang,
            "Aucune note : ajoutez-en avec « kpilot note ITEM \"texte\" ».",
            "No note yet: add some with `kpilot note ITEM \"text\"`.",
        ));
    }
    let columns = vec![
        Column::new(say(lang, "Élément", "Item"), Kind::Text),
        Column::new(say(lang, "Date", "Date"), Kind::Date),
        Column::new("Note", Kind::Text),
    ];
    let rows = review
        .notes
        .iter()
        .map(|n| vec![Cell::text(&n.item), Cell::Date(n.day), Cell::text(&n.text)])
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

fn days(review: &Review<'_>) -> Section {
    let lang = review.lang;
    let mut section = Section::new("days", say(lang, "Données par jour", "Data by day"));
    section.printed = false;
    let mut columns = vec![
        Column::new(say(lang, "Jour", "Day"), Kind::Date),
        Column::new(say(lang, "Canal", "Channel"), Kind::Text),
    ];
    columns.extend(review.measures.iter().map(|measure| {
        let kind = measure_kind(measure);
        Column::new(measure.clone(), kind)
    }));
    let rows = review
        .days
        .iter()
        .map(|day| {
            let mut row = vec![
                Cell::Date(day.day),
                Cell::text(day.channel.clone().unwrap_or_default()),
            ];
            row.extend(
                day.values
                    .iter()
                    .zip(&review.measures)
                    .map(|(value, measure)| Cell::number(*value, measure_kind(measure))),
            );
            row
        })
        .collect();
    section.table = Some(Table { columns, rows });
    section
}

/// A measure's kind, from the catalogue's unit.
fn measure_kind(measure: &str) -> Kind {
    kpilot_core::catalogue::find(measure).map_or(Kind::Ratio, |kpi| kind_of(kpi.unit))
}
