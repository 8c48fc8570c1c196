//! Spend entered by hand: entries add up (two on the same day are two
//! expenses), keep their exact amount, note and author, and belong to a
//! plan. Notes (lessons on an item) keep the order they were written in.

use jiff::civil::date;
use kpilot_core::ids::PlanId;
use kpilot_store::{NewNote, NewSpend, Store};
use rust_decimal::Decimal;

use crate::plans::example;

on_every_store!(
    spend_entries_add_up_exactly,
    notes_keep_their_order_author_and_plan
);

fn spend_entries_add_up_exactly(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let entry = |day, amount: &str, note: &str| NewSpend {
        plan: plan.id.clone(),
        action: "seo-continu".to_owned(),
        day,
        amount: amount.parse().unwrap(),
        note: note.to_owned(),
        entered_by: "yasmin".to_owned(),
    };
    let first = store
        .record_spend(&entry(date(2026, 3, 2), "1999.99", "agence SEO, mars"))
        .unwrap();
    let second = store
        .record_spend(&entry(date(2026, 2, 2), "0.01", ""))
        .unwrap();
    let third = store
        .record_spend(&entry(date(2026, 3, 2), "120.50", "outil de suivi"))
        .unwrap();
    assert!(first != second && second != third);

    let entries = store.spend_entries(&plan.id).unwrap();
    // By day, then in the order entered.
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, [second, first, third]);
    let total: Decimal = entries.iter().map(|e| e.amount).sum();
    assert_eq!(total, "2120.50".parse::<Decimal>().unwrap());
    assert_eq!(entries[1].note, "agence SEO, mars");
    assert_eq!(entries[0].day, date(2026, 2, 2));
    assert!(
        entries
            .iter()
            .all(|e| e.entered_by == "yasmin" && e.action == "seo-continu")
    );
    assert!(entries[0].entered_at.starts_with("20"));

    assert!(
        store
            .spend_entries(&PlanId::parse("another-plan").unwrap())
            .unwrap()
            .is_empty()
    );
}

fn notes_keep_their_order_author_and_plan(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let note = |item: &str, text: &str| NewNote {
        plan: plan.id.clone(),
        item: item.to_owned(),
        text: text.to_owned(),
        written_by: "yasmin".to_owned(),
    };
    let first = store
        .add_note(&note(
            "conversion",
            "La refonte du tunnel a porté ses fruits.",
        ))
        .unwrap();
    let second = store
        .add_note(&note(
            "email",
            "Trop d’envois en février : « désabonnements » en hausse.",
        ))
        .unwrap();
    assert_ne!(first, second);
    let notes = store.notes(&plan.id).unwrap();
    let written: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| (n.item.as_str(), n.text.as_str()))
        .collect();
    assert_eq!(
        written,
        [
            ("conversion", "La refonte du tunnel a porté ses fruits."),
            (
                "email",
                "Trop d’envois en février : « désabonnements » en hausse."
            ),
        ]
    );
    assert!(notes.iter().all(|n| n.written_by == "yasmin"));
    assert!(notes[0].written_at <= notes[1].written_at);
    assert!(
        store
            .notes(&PlanId::parse("another-plan").unwrap())
            .unwrap()
            .is_empty()
    );
}
