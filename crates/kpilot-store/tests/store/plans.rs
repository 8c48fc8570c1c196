//! Plans: applied, re-applied unchanged, updated, read back and listed; a
//! failed apply writes nothing.

use jiff::{SignedDuration, Timestamp};
use kpilot_core::ids::PlanId;
use kpilot_core::plan_file;
use kpilot_store::{Applied, Store, StoreError};

on_every_store!(plan_story, a_failed_apply_writes_nothing);

pub fn example(name: &str) -> kpilot_core::Plan {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    plan_file::parse(&text).unwrap().plan
}

fn plan_story(store: &dyn Store) {
    assert!(store.plans().unwrap().is_empty());

    let before = Timestamp::now() - SignedDuration::from_secs(1);
    let mut plan = example("cloud-kicks.toml");
    let id = plan.id.clone();
    assert_eq!(
        store.apply_plan(&plan, "yasmin").unwrap(),
        Applied::Created { revision: 1 }
    );
    assert_eq!(
        store.apply_plan(&plan, "yasmin").unwrap(),
        Applied::Unchanged { revision: 1 }
    );

    let stored = store.plan(&id).unwrap().unwrap();
    assert_eq!(stored.plan, plan);
    assert_eq!(stored.revision, 1);
    assert_eq!(stored.applied_by, "yasmin");
    assert_eq!(stored.content_hash.len(), 64);
    let after = Timestamp::now() + SignedDuration::from_secs(1);
    assert!(before < stored.applied_at && stored.applied_at < after);

    plan.name.push_str(" (v2)");
    assert_eq!(
        store.apply_plan(&plan, "ann").unwrap(),
        Applied::Updated { revision: 2 }
    );
    let stored = store.plan(&id).unwrap().unwrap();
    assert_eq!(stored.plan.name, plan.name);
    assert_eq!(stored.revision, 2);
    assert_eq!(stored.applied_by, "ann");

    let other = example("boutique.toml");
    store.apply_plan(&other, "ann").unwrap();
    let listed: Vec<(String, String, String, String, i64)> = store
        .plans()
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.name, p.start, p.end, p.revision))
        .collect();
    let summary = |plan: &kpilot_core::Plan, revision| {
        (
            plan.id.to_string(),
            plan.name.clone(),
            plan.start.to_string(),
            plan.end.to_string(),
            revision,
        )
    };
    let mut expected = vec![summary(&other, 1), summary(&plan, 2)];
    expected.sort();
    assert_eq!(listed, expected);

    assert!(
        store
            .plan(&PlanId::parse("nope").unwrap())
            .unwrap()
            .is_none()
    );
}

fn a_failed_apply_writes_nothing(store: &dyn Store) {
    let mut plan = example("boutique.toml");
    store.apply_plan(&plan, "ann").unwrap();
    // Two goals with one id break the item index's key halfway through the
    // write: the whole revision must be rolled back.
    let duplicate = plan.goals[0].clone();
    plan.goals.push(duplicate);
    plan.name.push_str(" (broken)");
    assert!(matches!(
        store.apply_plan(&plan, "ann"),
        Err(StoreError::Database(_) | StoreError::Postgres(_))
    ));
    let stored = store.plan(&plan.id).unwrap().unwrap();
    assert_eq!(stored.revision, 1);
    assert!(!stored.plan.name.ends_with("(broken)"));
    assert_eq!(store.plans().unwrap()[0].revision, 1);
}
