//! The week's tracking through the router: an objective's page with its
//! check-ins and the form for this week's, which records it and shows it
//! on the dashboard's card.

use std::sync::Arc;

use axum::http::StatusCode;
use kpilot_core::ids::{ObjectiveId, PlanId};
use kpilot_store::Store;

mod common;

use common::{Answer, PLAN, form_post, get_in, store_with_example};

async fn call(store: &Arc<dyn Store>, request: axum::http::Request<axum::body::Body>) -> Answer {
    common::send(store, request).await
}

#[tokio::test]
async fn a_checkin_is_written_on_the_objectives_page_and_shown_on_its_card() {
    let store = store_with_example();
    let page = call(
        &store,
        get_in(&format!("/plans/{PLAN}/objectives/tickets-support"), "fr"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Aucun point d’étape pour l’instant"),
        "{}",
        page.body
    );
    assert!(page.body.contains("name=\"confidence\""));
    let cookie = common::csrf_token(&page);
    let uri = format!("/plans/{PLAN}/objectives/tickets-support/checkins");
    let answer = call(
        &store,
        form_post(
            &uri,
            &cookie,
            "fr",
            &[
                ("csrf", &cookie),
                ("confidence", "at_risk"),
                ("comment", "Trop de tickets sur le paiement"),
                ("value", "0,6"),
                ("on", "2026-03-02"),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let stored = store
        .checkins(
            &PlanId::parse(PLAN).unwrap(),
            Some(&ObjectiveId::parse("tickets-support").unwrap()),
        )
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].checkin.value.map(|v| v.to_string()).as_deref(),
        Some("0.6")
    );
    assert_eq!(stored[0].recorded_by, "web");
    // The page lists it, with the one before shown to write the next.
    let page = call(
        &store,
        get_in(&format!("/plans/{PLAN}/objectives/tickets-support"), "fr"),
    )
    .await;
    assert!(
        page.body.contains("Trop de tickets sur le paiement"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-confidence=\"at_risk\""));
    assert!(
        page.body
            .contains("Le point précédent, le 02/03/2026 par web : à risque."),
        "{}",
        page.body
    );
    // The dashboard's card says it.
    let dashboard = call(&store, get_in(&format!("/plans/{PLAN}"), "fr")).await;
    assert!(
        dashboard.body.contains(
            "Dernier point, le 02/03/2026 par web : à risque. Trop de tickets sur le paiement"
        ),
        "{}",
        dashboard.body
    );
    // What is refused is said on the page, nothing stored.
    let answer = call(
        &store,
        form_post(
            &uri,
            &cookie,
            "en",
            &[
                ("csrf", &cookie),
                ("confidence", "sure"),
                ("on", "2026-03-09"),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Choose a confidence"),
        "{}",
        answer.body
    );
    let answer = call(
        &store,
        form_post(
            &uri,
            &cookie,
            "en",
            &[("csrf", &cookie), ("confidence", "7"), ("on", "2027-01-04")],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("is outside the plan"),
        "{}",
        answer.body
    );
    // Without the token, nothing happens.
    let answer = call(
        &store,
        form_post(&uri, &cookie, "en", &[("confidence", "7")]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let all = store.checkins(&PlanId::parse(PLAN).unwrap(), None).unwrap();
    assert_eq!(all.len(), 1);
    // An unknown objective is a 404 page.
    let page = call(
        &store,
        get_in(&format!("/plans/{PLAN}/objectives/nope"), "fr"),
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}
