//! The action plan page and its calendar through the router, without a
//! socket: the table and its filters, the Gantt timeline against the
//! schedule's critical path, the iCalendar download against the CLI's
//! writer.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::http::{StatusCode, header};
use jiff::civil::date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::display;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_core::progress::State;
use kpilot_core::schedule;
use kpilot_store::Store;

mod common;

use common::{Answer, TODAY, example_plan as plan, store_with_example};

const PAGE: &str = "/plans/cloud-kicks-2026-h1/actions";

async fn call(store: Arc<dyn Store>, uri: &str, lang: &str) -> Answer {
    common::get(&store, uri, lang).await
}

async fn page(uri: &str, lang: &str) -> String {
    let answer = call(store_with_example(), uri, lang).await;
    assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
    answer.body
}

/// The ids of the table's rows, in order.
fn row_ids(body: &str) -> Vec<String> {
    body.split("<tr id=\"action-")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

/// The Gantt's bars: (action, critical), from `<rect class="bar …">`.
fn bars(body: &str) -> Vec<(String, bool)> {
    body.split("<rect class=\"bar ")
        .skip(1)
        .map(|rest| {
            let tag = &rest[..rest.find('>').unwrap()];
            let classes = &tag[..tag.find('"').unwrap()];
            let action = tag.split("data-action=\"").nth(1).unwrap();
            let action = &action[..action.find('"').unwrap()];
            (
                action.to_owned(),
                classes.split(' ').any(|class| class == "critical"),
            )
        })
        .collect()
}

fn ids(plan: &Plan, keep: impl Fn(&kpilot_core::plan::Action) -> bool) -> Vec<String> {
    plan.actions
        .iter()
        .filter(|action| keep(action))
        .map(|action| action.id.to_string())
        .collect()
}

#[tokio::test]
async fn the_table_lists_every_action_with_its_owner_and_budget_in_each_language() {
    let plan = plan();
    let work = WorkDays::new(&plan.calendar);
    for (accept, lang, heading) in [
        ("fr-FR,fr;q=0.9", Lang::Fr, "Plan d’actions"),
        ("en-US,en;q=0.9", Lang::En, "Action plan"),
    ] {
        let body = page(PAGE, accept).await;
        assert!(body.contains(heading), "{lang:?}");
        assert!(body.contains("aria-current=\"page\""));
        assert_eq!(
            row_ids(&body),
            ids(&plan, |_| true),
            "{lang:?}: every action, in plan order"
        );
        for action in &plan.actions {
            let row = body
                .split(&format!("<tr id=\"action-{}\"", action.id))
                .nth(1)
                .unwrap();
            let row = &row[..row.find("</tr>").unwrap()];
            let owner = &action.owner.as_ref().unwrap().name;
            assert!(
                row.contains(owner.as_str()),
                "{lang:?} {}: {owner}",
                action.id
            );
            let budget = display::value(
                Some(schedule::allocated(action, &plan, &work)),
                Unit::Currency,
                plan.currency.as_str(),
                lang,
            );
            assert!(
                row.contains(&budget),
                "{lang:?} {}: {budget} in {row}",
                action.id
            );
        }
        // The amounts are the language's: the French one is not the English one.
        let amount = |lang| display::value(Some(12_000.0), Unit::Currency, "EUR", lang);
        let (other, wanted) = match lang {
            Lang::Fr => (amount(Lang::En), amount(Lang::Fr)),
            Lang::En => (amount(Lang::Fr), amount(Lang::En)),
        };
        assert_ne!(other, wanted);
        assert!(
            body.contains(&wanted) && !body.contains(&other),
            "{lang:?}: {wanted}"
        );
        // The dates too.
        match lang {
            Lang::Fr => assert!(body.contains("27/03/2026")),
            Lang::En => assert!(body.contains("2026-03-27")),
        }
    }
}

#[tokio::test]
async fn the_filters_keep_the_actions_asked_for_and_their_values() {
    let plan = plan();
    let everything = ids(&plan, |_| true);

    // By owner (a name with an accent, encoded in the link).
    let owner = "Léo Martin";
    let body = page(
        &format!("{PAGE}?owner=L%C3%A9o+Martin&channel=&status="),
        "fr",
    )
    .await;
    let expected = ids(&plan, |a| a.owner.as_ref().is_some_and(|o| o.name == owner));
    assert!(!expected.is_empty() && expected.len() < everything.len());
    assert_eq!(row_ids(&body), expected);
    assert!(
        body.contains("<option value=\"Léo Martin\" selected>"),
        "the filter keeps its value"
    );
    assert!(body.contains(&format!(
        "{} actions affichées sur {}",
        expected.len(),
        everything.len()
    )));
    // The Gantt shows the same actions.
    let drawn: Vec<String> = bars(&body).into_iter().map(|(id, _)| id).collect();
    assert_eq!(drawn, expected);

    // By channel: the channel of each action's tactic.
    let channel = plan
        .channel_of_action("heatmap-paiement")
        .unwrap()
        .to_string();
    let body = page(&format!("{PAGE}?channel={channel}"), "en").await;
    let expected = ids(&plan, |a| {
        plan.channel_of_action(a.id.as_str()).map(|c| c.to_string()) == Some(channel.clone())
    });
    assert!(!expected.is_empty() && expected.len() < everything.len());
    assert_eq!(row_ids(&body), expected);
    assert!(body.contains(&format!("<option value=\"{channel}\" selected>")));

    // By status at the day, from the schedule that knows what was done:
    // each filter keeps the rows of its status, and every row has one.
    let store = store_with_example();
    let stored_plan = plan.clone();
    let mut seen = BTreeSet::new();
    for at in [date(2026, 1, 2), date(2026, 2, 16), TODAY] {
        let scheduled =
            kpilot_workspace::tracking::schedule(store.as_ref(), &stored_plan, at).unwrap();
        let status_of = |line: &schedule::Scheduled| match line.state {
            State::Done { .. } => "done",
            State::Cancelled { .. } => "cancelled",
            _ if line.late_days > 0 => "late",
            _ if line.planned.is_none() => "undated",
            State::Started { .. } => "in_progress",
            State::Todo => "planned",
        };
        let mut all = Vec::new();
        for status in [
            "done",
            "late",
            "in_progress",
            "planned",
            "cancelled",
            "undated",
        ] {
            let expected: Vec<String> = scheduled
                .actions
                .iter()
                .filter(|line| status_of(line) == status)
                .map(|line| line.id.to_string())
                .collect();
            seen.extend(expected.iter().map(|_| status));
            let body = call(
                store.clone(),
                &format!("{PAGE}?status={status}&at={at}"),
                "en",
            )
            .await
            .body;
            assert_eq!(row_ids(&body), expected, "{status} at {at}");
            assert!(body.contains(&format!("<option value=\"{status}\" selected>")));
            assert!(body.contains(&format!("value=\"{at}\"")));
            all.extend(expected);
        }
        all.sort();
        let mut everything_sorted = everything.clone();
        everything_sorted.sort();
        assert_eq!(
            all, everything_sorted,
            "every action has one status at {at}"
        );
    }
    // Nothing recorded: past actions are late, none is done.
    assert!(
        seen.contains("late") && seen.contains("planned"),
        "{seen:?}"
    );
    assert!(!seen.contains("done"));
    let at = TODAY;

    // Filters add up; none left says so.
    let body = page(
        &format!("{PAGE}?owner=L%C3%A9o+Martin&status=late&at={at}"),
        "en",
    )
    .await;
    let scheduled = kpilot_workspace::tracking::schedule(store.as_ref(), &plan, at).unwrap();
    let expected: Vec<String> = ids(&plan, |a| {
        a.owner.as_ref().is_some_and(|o| o.name == owner)
            && scheduled.of(&a.id).is_some_and(|line| line.late_days > 0)
    });
    assert!(!expected.is_empty());
    assert_eq!(row_ids(&body), expected);
    let body = page(&format!("{PAGE}?owner=Nobody"), "en").await;
    assert!(row_ids(&body).is_empty());
    assert!(body.contains("No action matches these filters."));
}

#[tokio::test]
async fn the_gantt_has_a_bar_per_action_and_marks_the_critical_path() {
    let plan = plan();
    for (query, at) in [("", TODAY), ("?at=2026-02-02", date(2026, 2, 2))] {
        let body = page(&format!("{PAGE}{query}"), "fr").await;
        let scheduled = schedule::schedule(&plan, at, &Default::default());
        let expected: Vec<(String, bool)> = scheduled
            .actions
            .iter()
            .map(|line| (line.id.to_string(), line.critical))
            .collect();
        assert!(expected.iter().any(|(_, critical)| *critical), "{at}");
        assert!(expected.iter().any(|(_, critical)| !*critical), "{at}");
        assert_eq!(
            bars(&body),
            expected,
            "{at}: one bar per action, critical as scheduled"
        );
        // The chart is an image with a name, the critical bars have more
        // than a colour, and the table says the same.
        assert!(body.contains(
            "<svg class=\"gantt\" role=\"img\" aria-labelledby=\"gantt-title gantt-desc\""
        ));
        assert!(body.contains("<title id=\"gantt-title\">"));
        let stars = body.matches("<text class=\"critical-mark\"").count();
        let critical = expected.iter().filter(|(_, critical)| *critical).count();
        assert_eq!(stars, critical);
        assert_eq!(body.matches("★ oui").count(), critical);
        // The day of the schedule is marked.
        let day = kpilot_report::document::date_text(at, Lang::Fr);
        assert!(body.contains(&format!("Au {day}")), "{at}");
    }
    // A recurring action's occurrences are drawn on its bar; each one-off
    // action has its deadline.
    let body = page(PAGE, "fr").await;
    let work = WorkDays::new(&plan.calendar);
    let occurrences: usize = plan
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::Recurring)
        .map(|a| schedule::occurrences(a, &plan, &work).len())
        .sum();
    assert!(occurrences > 0);
    assert_eq!(
        body.matches("<rect class=\"occurrence").count(),
        occurrences + 2,
        "plus the legend's two"
    );
    let one_off = plan
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::OneOff)
        .count();
    assert_eq!(
        body.matches("<polygon class=\"deadline\"").count(),
        one_off + 1,
        "plus the legend's"
    );
    let dependencies: usize = plan.actions.iter().map(|a| a.depends_on.len()).sum();
    assert_eq!(
        body.matches("<path class=\"dependency\"").count(),
        dependencies + 1,
        "plus the legend's"
    );
    // No inline style: the CSP would block it.
    assert!(!body.contains("style="));
}

#[tokio::test]
async fn the_findings_are_the_schedules() {
    let plan = plan();
    let notices = schedule::notices(
        &plan,
        &schedule::schedule(&plan, TODAY, &Default::default()),
    );
    assert!(!notices.is_empty());
    let body = page(PAGE, "en").await;
    let panel = &body[body.find("id=\"findings\"").unwrap()..];
    for notice in &notices {
        assert!(panel.contains(notice.rule));
        assert!(
            panel.contains(notice.message.get(Lang::En)),
            "{}",
            notice.message.en
        );
    }
}

#[tokio::test]
async fn a_bad_day_is_a_400_page_and_an_unknown_plan_a_404() {
    let answer = call(store_with_example(), &format!("{PAGE}?at=2026-13-45"), "fr").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        answer.body.contains("Date invalide « 2026-13-45 »"),
        "{}",
        answer.body
    );
    let answer = call(store_with_example(), &format!("{PAGE}?at=tomorrow"), "en").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("Invalid date"), "{}", answer.body);

    for uri in ["/plans/ghost/actions", "/plans/ghost/actions.ics"] {
        let answer = call(store_with_example(), uri, "en").await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(answer.body.contains("This page does not exist"), "{uri}");
    }
}

#[tokio::test]
async fn the_calendar_download_is_the_clis_file() {
    let store = store_with_example();
    let stored = store
        .plan(&kpilot_core::ids::PlanId::parse("cloud-kicks-2026-h1").unwrap())
        .unwrap()
        .unwrap();
    let answer = call(store, "/plans/cloud-kicks-2026-h1/actions.ics", "fr").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    assert_eq!(
        answer.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"cloud-kicks-2026-h1.ics\""
    );
    // The same bytes as `kpilot schedule --format ics`, but the time stamp.
    let without_stamp = |text: &str| -> String {
        text.split_inclusive("\r\n")
            .filter(|line| !line.starts_with("DTSTAMP:"))
            .collect()
    };
    let scheduled = schedule::schedule(&stored.plan, TODAY, &Default::default());
    let cli = kpilot_report::ics::write(
        &stored.plan,
        &scheduled,
        stored.revision,
        jiff::Timestamp::UNIX_EPOCH,
        Lang::Fr,
    );
    assert_eq!(without_stamp(&answer.body), without_stamp(&cli));
    assert!(
        answer
            .body
            .contains(&format!("\r\nSEQUENCE:{}\r\n", stored.revision))
    );

    let calendars: Vec<_> = ical::IcalParser::new(answer.body.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(calendars.len(), 1);
    let plan = plan();
    let work = WorkDays::new(&plan.calendar);
    let occurrences: usize = plan
        .actions
        .iter()
        .map(|a| schedule::occurrences(a, &plan, &work).len())
        .sum();
    assert_eq!(
        calendars[0].events.len(),
        occurrences,
        "one event per occurrence"
    );
    let uids: BTreeSet<String> = calendars[0]
        .events
        .iter()
        .map(|event| {
            event
                .properties
                .iter()
                .find(|p| p.name == "UID")
                .and_then(|p| p.value.clone())
                .unwrap()
        })
        .collect();
    assert_eq!(uids.len(), occurrences, "unique UIDs");
}
