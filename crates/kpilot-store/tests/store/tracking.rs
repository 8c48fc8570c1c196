//! Tracking data: an action's updates come back in the order recorded
//! (which is what `progress::execution` folds), each occurrence of a
//! recurring action with its own; check-ins come back by day then number,
//! of one objective when asked, with their exact value; every row keeps
//! who recorded it and when; plans stay apart; the data version follows
//! the writes; what would not read back as recorded is refused and writes
//! nothing.

use std::fmt::Write as _;

use jiff::civil::{Date, date};
use jiff::{SignedDuration, Timestamp};
use kpilot_core::ids::{ActionId, ObjectiveId, PlanId};
use kpilot_core::progress::{self, ActionUpdate, Change, CheckIn, Confidence, State};
use kpilot_store::{OutOfRange, Store, StoreError, StoredActionUpdate, StoredCheckIn};
use rust_decimal::Decimal;

use crate::plans::example;

on_every_store!(
    action_updates_come_back_in_the_order_recorded_with_who_and_when,
    an_occurrences_updates_are_its_own,
    checkins_come_back_by_day_with_their_exact_value,
    checkins_of_one_objective,
    another_plans_tracking_is_apart,
    tracking_writes_move_the_data_version,
    a_percent_above_100_is_refused,
    what_would_not_read_back_is_refused,
);

pub fn update(action: &str, occurrence: Option<u32>, change: Change, on: Date) -> ActionUpdate {
    ActionUpdate {
        action: ActionId::parse(action).unwrap(),
        occurrence,
        change,
        on,
    }
}

pub fn progress(percent: Option<u8>, expected_end: Option<Date>) -> Change {
    Change::Progress {
        percent,
        expected_end,
    }
}

pub fn checkin(
    objective: &str,
    on: Date,
    confidence: Confidence,
    comment: &str,
    value: Option<&str>,
) -> CheckIn {
    CheckIn {
        objective: ObjectiveId::parse(objective).unwrap(),
        on,
        confidence,
        comment: comment.to_owned(),
        value: value.map(|value| value.parse().unwrap()),
    }
}

/// Stored updates as `ID ACTION[#OCCURRENCE] DAY CHANGE by WHO`, without
/// their times.
pub fn render_updates(stored: &[StoredActionUpdate]) -> String {
    let mut text = String::new();
    for s in stored {
        let occurrence = s
            .update
            .occurrence
            .map_or_else(String::new, |occurrence| format!("#{occurrence}"));
        writeln!(
            text,
            "{} {}{occurrence} {} {:?} by {}",
            s.id, s.update.action, s.update.on, s.update.change, s.recorded_by
        )
        .unwrap();
    }
    text
}

/// Stored check-ins as `ID DAY OBJECTIVE CONFIDENCE VALUE "COMMENT" by
/// WHO`, `-` for no value (shown as stored: its scale is part of it),
/// without their times.
pub fn render_checkins(stored: &[StoredCheckIn]) -> String {
    let mut text = String::new();
    for s in stored {
        let value = s
            .checkin
            .value
            .map_or_else(|| "-".to_owned(), |value| value.to_string());
        writeln!(
            text,
            "{} {} {} {} {value} {:?} by {}",
            s.id,
            s.checkin.on,
            s.checkin.objective,
            s.checkin.confidence.code(),
            s.checkin.comment,
            s.recorded_by
        )
        .unwrap();
    }
    text
}

/// The moment just before a write and just after, as stores keep it
/// (PostgreSQL to the microsecond).
fn around() -> (Timestamp, Timestamp) {
    let now = Timestamp::now();
    (
        now - SignedDuration::from_secs(1),
        now + SignedDuration::from_secs(60),
    )
}

fn action_updates_come_back_in_the_order_recorded_with_who_and_when(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let (before, after) = around();
    let recorded = [
        (
            update("heatmap-paiement", None, Change::Started, date(2026, 3, 2)),
            "leo",
        ),
        (
            update(
                "heatmap-paiement",
                None,
                progress(Some(40), Some(date(2026, 3, 20))),
                date(2026, 3, 9),
            ),
            "leo",
        ),
        // Recorded later about an earlier day: still after, as recorded.
        (
            update(
                "cartographie-parcours",
                None,
                Change::Cancelled {
                    reason: "Budget « parcours » réaffecté\nau test A/B".to_owned(),
                },
                date(2026, 2, 27),
            ),
            "yasmin",
        ),
        (
            update(
                "heatmap-paiement",
                None,
                progress(None, None),
                date(2026, 3, 10),
            ),
            "leo",
        ),
        (
            update("heatmap-paiement", None, Change::Done, date(2026, 3, 16)),
            "leo",
        ),
        (
            update(
                "heatmap-paiement",
                None,
                Change::Reopened,
                date(2026, 3, 17),
            ),
            "ann",
        ),
        (
            update(
                "heatmap-paiement",
                None,
                progress(Some(100), None),
                date(2026, 3, 18),
            ),
            "ann",
        ),
        (
            update(
                "cartographie-parcours",
                None,
                Change::Cancelled {
                    reason: String::new(),
                },
                date(2026, 3, 1),
            ),
            "yasmin",
        ),
    ];
    let ids: Vec<i64> = recorded
        .iter()
        .map(|(update, by)| store.record_action_update(&plan.id, update, by).unwrap())
        .collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{ids:?}");

    let stored = store.action_updates(&plan.id).unwrap();
    assert_eq!(stored.iter().map(|s| s.id).collect::<Vec<_>>(), ids);
    for (stored, (update, by)) in stored.iter().zip(&recorded) {
        assert_eq!(&stored.update, update);
        assert_eq!(stored.recorded_by, *by);
        assert!(
            before < stored.recorded_at && stored.recorded_at < after,
            "{} not in {before}..{after}",
            stored.recorded_at
        );
    }
    assert!(
        stored
            .windows(2)
            .all(|pair| pair[0].recorded_at <= pair[1].recorded_at)
    );
    let first = ids[0];
    let renumbered: String = render_updates(&stored)
        .lines()
        .map(|line| {
            let (id, rest) = line.split_once(' ').unwrap();
            format!("+{} {rest}\n", id.parse::<i64>().unwrap() - first)
        })
        .collect();
    expect_test::expect![[r#"
        +0 heatmap-paiement 2026-03-02 Started by leo
        +1 heatmap-paiement 2026-03-09 Progress { percent: Some(40), expected_end: Some(2026-03-20) } by leo
        +2 cartographie-parcours 2026-02-27 Cancelled { reason: "Budget « parcours » réaffecté\nau test A/B" } by yasmin
        +3 heatmap-paiement 2026-03-10 Progress { percent: None, expected_end: None } by leo
        +4 heatmap-paiement 2026-03-16 Done by leo
        +5 heatmap-paiement 2026-03-17 Reopened by ann
        +6 heatmap-paiement 2026-03-18 Progress { percent: Some(100), expected_end: None } by ann
        +7 cartographie-parcours 2026-03-01 Cancelled { reason: "" } by yasmin
    "#]]
    .assert_eq(&renumbered);

    // Folded in the order read, the updates give what they say.
    let execution = |action: &str| {
        progress::execution(
            stored
                .iter()
                .map(|s| &s.update)
                .filter(|update| update.action.as_str() == action),
        )
    };
    let heatmap = execution("heatmap-paiement");
    assert_eq!(
        heatmap.state,
        State::Started {
            on: date(2026, 3, 18)
        }
    );
    assert_eq!(heatmap.progress, Some(100));
    assert_eq!(
        execution("cartographie-parcours").state,
        State::Cancelled {
            on: date(2026, 3, 1),
            reason: String::new()
        }
    );
}

fn an_occurrences_updates_are_its_own(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let action = "tests-ab-mensuels";
    let record = |occurrence, change, on| {
        store
            .record_action_update(&plan.id, &update(action, occurrence, change, on), "leo")
            .unwrap()
    };
    record(Some(1), Change::Started, date(2026, 5, 4));
    record(Some(2), Change::Started, date(2026, 6, 1));
    record(Some(1), Change::Done, date(2026, 5, 29));
    record(
        Some(2),
        progress(Some(30), Some(date(2026, 7, 3))),
        date(2026, 6, 8),
    );
    // The action as a whole, and an occurrence far beyond the plan's (the
    // caller checks that it exists; the store keeps any).
    record(
        None,
        progress(None, Some(date(2026, 7, 10))),
        date(2026, 6, 8),
    );
    record(Some(u32::MAX), Change::Started, date(2026, 6, 9));

    let stored = store.action_updates(&plan.id).unwrap();
    let execution = |occurrence: Option<u32>| {
        progress::execution(
            stored
                .iter()
                .map(|s| &s.update)
                .filter(|update| update.occurrence == occurrence),
        )
    };
    let first = execution(Some(1));
    assert_eq!(
        first.state,
        State::Done {
            on: date(2026, 5, 29)
        }
    );
    assert_eq!(first.progress, Some(100));
    let second = execution(Some(2));
    assert_eq!(
        second.state,
        State::Started {
            on: date(2026, 6, 1)
        }
    );
    assert_eq!(second.progress, Some(30));
    assert_eq!(second.expected_end, Some(date(2026, 7, 3)));
    let whole = execution(None);
    assert_eq!(
        whole.state,
        State::Started {
            on: date(2026, 6, 8)
        }
    );
    assert_eq!(whole.progress, None);
    assert_eq!(whole.expected_end, Some(date(2026, 7, 10)));
    assert_eq!(
        execution(Some(u32::MAX)).state,
        State::Started {
            on: date(2026, 6, 9)
        }
    );
    assert_eq!(execution(Some(3)), progress::Execution::default());
}

fn checkins_come_back_by_day_with_their_exact_value(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let (before, after) = around();
    let max = Decimal::MAX.to_string();
    let min = Decimal::MIN.to_string();
    let recorded = [
        checkin(
            "audit-parcours",
            date(2026, 3, 9),
            Confidence::Score(7),
            "Ateliers faits ; rapport en cours.",
            Some("62.50"),
        ),
        checkin(
            "taux-conversion",
            date(2026, 3, 2),
            Confidence::OnTrack,
            "",
            None,
        ),
        checkin(
            "audit-parcours",
            date(2026, 3, 9),
            Confidence::AtRisk,
            "Correction : « 62,5 % » était l’estimation\nd’hier.",
            Some("0.0000000000000000000000000001"),
        ),
        checkin(
            "tickets-support",
            date(2026, 2, 23),
            Confidence::OffTrack,
            "Pic après la migration.",
            Some(&max),
        ),
        checkin(
            "tickets-support",
            date(2026, 3, 16),
            Confidence::Score(0),
            "",
            Some(&min),
        ),
        checkin(
            "taux-conversion",
            date(2026, 3, 16),
            Confidence::Score(10),
            "",
            Some("-3"),
        ),
    ];
    let ids: Vec<i64> = recorded
        .iter()
        .map(|checkin| store.record_checkin(&plan.id, checkin, "yasmin").unwrap())
        .collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{ids:?}");

    let stored = store.checkins(&plan.id, None).unwrap();
    // By day, then in the order recorded.
    let order = [3, 1, 0, 2, 4, 5];
    assert_eq!(
        stored.iter().map(|s| s.id).collect::<Vec<_>>(),
        order.map(|index| ids[index])
    );
    for (stored, index) in stored.iter().zip(order) {
        assert_eq!(stored.checkin, recorded[index]);
        assert_eq!(stored.recorded_by, "yasmin");
        assert!(before < stored.recorded_at && stored.recorded_at < after);
    }
    // Exact: the scale as given, the largest and smallest decimals, the
    // smallest step.
    let text: String = render_checkins(&stored)
        .lines()
        .map(|line| line.split_once(' ').unwrap().1.to_owned() + "\n")
        .collect();
    expect_test::expect![[r#"
        2026-02-23 tickets-support off_track 79228162514264337593543950335 "Pic après la migration." by yasmin
        2026-03-02 taux-conversion on_track - "" by yasmin
        2026-03-09 audit-parcours 7 62.50 "Ateliers faits ; rapport en cours." by yasmin
        2026-03-09 audit-parcours at_risk 0.0000000000000000000000000001 "Correction : « 62,5 % » était l’estimation\nd’hier." by yasmin
        2026-03-16 tickets-support 0 -79228162514264337593543950335 "" by yasmin
        2026-03-16 taux-conversion 10 -3 "" by yasmin
    "#]]
    .assert_eq(&text);

    // Zero is kept with its scale, without a sign: PostgreSQL has no
    // negative zero, and both stores give back the same.
    let mut negative_zero = Decimal::new(0, 2);
    negative_zero.set_sign_negative(true);
    let zero = CheckIn {
        value: Some(negative_zero),
        on: date(2026, 3, 23),
        ..recorded[0].clone()
    };
    store.record_checkin(&plan.id, &zero, "yasmin").unwrap();
    let stored = store.checkins(&plan.id, None).unwrap();
    let value = stored.last().unwrap().checkin.value.unwrap();
    assert_eq!(value.to_string(), "0.00");
    assert!(value.is_sign_positive());
}

fn checkins_of_one_objective(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let record = |objective, day, confidence| {
        store
            .record_checkin(
                &plan.id,
                &checkin(objective, day, confidence, "", None),
                "ann",
            )
            .unwrap()
    };
    let late = record("optin-sms", date(2026, 4, 6), Confidence::AtRisk);
    record("audit-parcours", date(2026, 3, 30), Confidence::OnTrack);
    let early = record("optin-sms", date(2026, 3, 30), Confidence::OnTrack);
    let same_day = record("optin-sms", date(2026, 3, 30), Confidence::OffTrack);
    // An id that sorts between two others, and one that starts like one.
    record("optin-sms-2", date(2026, 3, 30), Confidence::OnTrack);
    record("optin", date(2026, 3, 30), Confidence::OnTrack);

    let of = |objective: &str| -> Vec<i64> {
        store
            .checkins(&plan.id, Some(&ObjectiveId::parse(objective).unwrap()))
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(of("optin-sms"), [early, same_day, late]);
    assert_eq!(of("audit-parcours").len(), 1);
    assert_eq!(of("etude-mobile"), []);
    let stored = store
        .checkins(&plan.id, Some(&ObjectiveId::parse("optin-sms").unwrap()))
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|s| s.checkin.objective.as_str() == "optin-sms")
    );
    assert_eq!(store.checkins(&plan.id, None).unwrap().len(), 6);
}

fn another_plans_tracking_is_apart(store: &dyn Store) {
    let cloud_kicks = example("cloud-kicks.toml");
    let boutique = example("boutique.toml");
    store.apply_plan(&cloud_kicks, "ann").unwrap();
    store.apply_plan(&boutique, "ann").unwrap();
    let started = update("seo-continu", None, Change::Started, date(2026, 1, 5));
    let on_track = checkin(
        "clients-par-jour",
        date(2026, 1, 12),
        Confidence::OnTrack,
        "",
        None,
    );
    let ours = store
        .record_action_update(&cloud_kicks.id, &started, "ann")
        .unwrap();
    // The same action and objective ids in the other plan.
    let theirs = store
        .record_action_update(&boutique.id, &started, "bob")
        .unwrap();
    let their_checkin = store
        .record_checkin(&boutique.id, &on_track, "bob")
        .unwrap();
    let our_checkin = store
        .record_checkin(&cloud_kicks.id, &on_track, "ann")
        .unwrap();
    let ids = |updates: Vec<StoredActionUpdate>| updates.iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(store.action_updates(&cloud_kicks.id).unwrap()), [ours]);
    assert_eq!(ids(store.action_updates(&boutique.id).unwrap()), [theirs]);
    let checkin_ids = |checkins: Vec<StoredCheckIn>| {
        checkins
            .iter()
            .map(|s| (s.id, s.recorded_by.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        checkin_ids(store.checkins(&cloud_kicks.id, None).unwrap()),
        [(our_checkin, "ann".to_owned())]
    );
    assert_eq!(
        checkin_ids(
            store
                .checkins(&boutique.id, Some(&on_track.objective))
                .unwrap()
        ),
        [(their_checkin, "bob".to_owned())]
    );

    // Nothing is kept for a plan not stored: the caller checks first, and
    // the store refuses rather than keep orphans.
    let nowhere = PlanId::parse("another-plan").unwrap();
    assert!(store.action_updates(&nowhere).unwrap().is_empty());
    assert!(store.checkins(&nowhere, None).unwrap().is_empty());
    let version = store.data_version().unwrap();
    assert!(matches!(
        store.record_action_update(&nowhere, &started, "ann"),
        Err(StoreError::Database(_) | StoreError::Postgres(_))
    ));
    assert!(matches!(
        store.record_checkin(&nowhere, &on_track, "ann"),
        Err(StoreError::Database(_) | StoreError::Postgres(_))
    ));
    assert!(store.action_updates(&nowhere).unwrap().is_empty());
    assert!(store.checkins(&nowhere, None).unwrap().is_empty());
    assert_eq!(store.data_version().unwrap(), version);
}

fn tracking_writes_move_the_data_version(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "ann").unwrap();
    let before = store.data_version().unwrap();
    store
        .record_action_update(
            &plan.id,
            &update("seo-continu", None, Change::Started, date(2026, 1, 5)),
            "ann",
        )
        .unwrap();
    let updated = store.data_version().unwrap();
    assert_ne!(updated, before, "an action update");

    store.action_updates(&plan.id).unwrap();
    store.checkins(&plan.id, None).unwrap();
    store
        .checkins(&plan.id, Some(&ObjectiveId::parse("optin-sms").unwrap()))
        .unwrap();
    assert_eq!(store.data_version().unwrap(), updated, "reads");

    store
        .record_checkin(
            &plan.id,
            &checkin(
                "optin-sms",
                date(2026, 1, 12),
                Confidence::AtRisk,
                "",
                Some("0.41"),
            ),
            "ann",
        )
        .unwrap();
    let checked_in = store.data_version().unwrap();
    assert!(
        checked_in != updated && checked_in != before,
        "a check-in: {before}, {updated}, {checked_in}"
    );
}

fn a_percent_above_100_is_refused(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "ann").unwrap();
    let version = store.data_version().unwrap();
    for percent in [101, u8::MAX] {
        let refused = store.record_action_update(
            &plan.id,
            &update(
                "tests-ab-mensuels",
                Some(2),
                progress(Some(percent), Some(date(2026, 6, 30))),
                date(2026, 6, 8),
            ),
            "ann",
        );
        match refused {
            Err(StoreError::TrackingOutOfRange { item, what }) => {
                assert_eq!(item, "action `tests-ab-mensuels`, occurrence 2");
                assert_eq!(what, OutOfRange::Percent(percent));
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    assert!(store.action_updates(&plan.id).unwrap().is_empty());
    assert_eq!(store.data_version().unwrap(), version);
    // 100 % is the most there is, and is kept.
    store
        .record_action_update(
            &plan.id,
            &update(
                "seo-continu",
                None,
                progress(Some(100), None),
                date(2026, 6, 8),
            ),
            "ann",
        )
        .unwrap();
    assert_eq!(store.action_updates(&plan.id).unwrap().len(), 1);
}

fn what_would_not_read_back_is_refused(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "ann").unwrap();
    let version = store.data_version().unwrap();
    let before_year_zero = date(-1, 12, 31);
    let refusal = |result: Result<i64, StoreError>| match result {
        Err(StoreError::TrackingOutOfRange { what, .. }) => what,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let record_update = |update| refusal(store.record_action_update(&plan.id, &update, "ann"));
    assert_eq!(
        record_update(update(
            "tests-ab-mensuels",
            Some(0),
            Change::Started,
            date(2026, 5, 4)
        )),
        OutOfRange::Occurrence
    );
    assert_eq!(
        record_update(update("seo-continu", None, Change::Done, before_year_zero)),
        OutOfRange::Day(before_year_zero)
    );
    assert_eq!(
        record_update(update(
            "seo-continu",
            None,
            progress(Some(50), Some(before_year_zero)),
            date(2026, 5, 4)
        )),
        OutOfRange::Day(before_year_zero)
    );
    let record_checkin = |checkin| refusal(store.record_checkin(&plan.id, &checkin, "ann"));
    assert_eq!(
        record_checkin(checkin(
            "optin-sms",
            date(2026, 5, 4),
            Confidence::Score(11),
            "",
            None
        )),
        OutOfRange::Score(11)
    );
    assert_eq!(
        record_checkin(checkin(
            "optin-sms",
            before_year_zero,
            Confidence::OnTrack,
            "",
            None
        )),
        OutOfRange::Day(before_year_zero)
    );
    assert!(store.action_updates(&plan.id).unwrap().is_empty());
    assert!(store.checkins(&plan.id, None).unwrap().is_empty());
    assert_eq!(store.data_version().unwrap(), version);

    // The edges are kept and read back: year 0, the last day jiff knows.
    let edges = [date(0, 1, 1), date(9999, 12, 31)];
    for day in edges {
        store
            .record_action_update(
                &plan.id,
                &update("seo-continu", None, progress(None, Some(day)), day),
                "ann",
            )
            .unwrap();
        store
            .record_checkin(
                &plan.id,
                &checkin("optin-sms", day, Confidence::OnTrack, "", None),
                "ann",
            )
            .unwrap();
    }
    let days: Vec<Date> = store
        .action_updates(&plan.id)
        .unwrap()
        .iter()
        .map(|s| s.update.on)
        .collect();
    assert_eq!(days, edges);
    let days: Vec<Date> = store
        .checkins(&plan.id, None)
        .unwrap()
        .iter()
        .map(|s| s.checkin.on)
        .collect();
    assert_eq!(days, edges);
}
