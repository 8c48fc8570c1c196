//! The plan editor through the router, without a socket: item forms that
//! create, change and delete, what they refuse and say, the live check, and
//! the plan as its TOML file, downloaded and uploaded.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kpilot_core::ids::PlanId;
use kpilot_core::plan::Plan;
use kpilot_core::plan_file;
use kpilot_store::{SqliteStore, Store};

mod common;

use common::{Answer, EXAMPLE, PLAN, form_post as post, get_in, store_with_example};

/// The stored plan and its revision.
fn stored(store: &Arc<dyn Store>) -> (Plan, i64) {
    let stored = store.plan(&PlanId::parse(PLAN).unwrap()).unwrap().unwrap();
    (stored.plan, stored.revision)
}

async fn call(store: &Arc<dyn Store>, request: Request<Body>) -> Answer {
    common::send(store, request).await
}

/// The CSRF token a browser gets on its first page.
async fn token(store: &Arc<dyn Store>) -> String {
    let answer = call(store, get_in(&format!("/plans/{PLAN}/edit"), "fr")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    common::csrf_token(&answer)
}

/// A multipart upload of `file` as the plan file.
fn upload(cookie: &str, lang: &str, file: &str) -> Request<Body> {
    upload_with_token(cookie, cookie, lang, file)
}

fn upload_with_token(cookie: &str, token: &str, lang: &str, file: &str) -> Request<Body> {
    let boundary = "kpilot-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.toml\"\r\n\
         Content-Type: application/toml\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    Request::post(format!("/plans/{PLAN}/plan.toml"))
        .header(header::COOKIE, format!("kpilot_csrf={cookie}"))
        .header(header::ACCEPT_LANGUAGE, lang)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn objective_fields<'a>(csrf: &'a str, id: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("id", id),
        ("title", "Doubler les sessions du site"),
        ("goal", "experience"),
        ("kpi", "sessions"),
        ("baseline", "10000"),
        ("target", "20000"),
        ("deadline", "2026-06-30"),
        ("channel", "website"),
        ("segment", ""),
        ("owner", "yasmin"),
    ]
}

#[tokio::test]
async fn an_objective_created_through_the_form_is_stored_and_listed() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let form = objective_fields(&csrf, "sessions-site");
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/objective/new"),
            &csrf,
            "fr",
            &form,
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/plans/cloud-kicks-2026-h1/edit?saved=sessions-site#kind-objective"
    );
    let (plan, revision) = stored(&store);
    assert_eq!(revision, 2);
    let objective = plan.objectives.last().unwrap();
    assert_eq!(objective.id.as_str(), "sessions-site");
    assert_eq!(objective.target, Some(20000.0));
    assert_eq!(objective.deadline, Some(jiff::civil::date(2026, 6, 30)));
    assert_eq!(objective.channel.as_ref().unwrap().as_str(), "website");
    assert_eq!(objective.segment, None);

    let page = call(
        &store,
        get_in(&format!("/plans/{PLAN}/edit?saved=sessions-site"), "fr"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"fr\">"));
    assert!(page.body.contains("« sessions-site » est enregistré."));
    assert!(page.body.contains("Doubler les sessions du site"));
    assert!(
        page.body
            .contains("href=\"/plans/cloud-kicks-2026-h1/edit/objective/sessions-site\"")
    );
    // The new objective serves no strategy yet: a warning of the whole plan.
    assert!(page.body.contains("structure.unlinked"), "{}", page.body);
}

#[tokio::test]
async fn editing_a_target_keeps_the_rest_of_the_objective() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let uri = format!("/plans/{PLAN}/edit/objective/taux-conversion");
    let form = call(&store, get_in(&uri, "en")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("<html lang=\"en\">"));
    assert!(form.body.contains("Edit objective “taux-conversion”"));
    assert!(form.body.contains("value=\"0.041\""), "the current target");
    assert!(form.body.contains("value=\"2026-05-31\""), "a milestone");
    assert!(form.body.contains("<label for=\"field-target\">Target"));
    assert!(form.body.contains(&format!("hx-post=\"{uri}/check\"")));
    assert!(!form.body.contains("style="));

    let (before, _) = stored(&store);
    let answer = call(
        &store,
        post(
            &uri,
            &csrf,
            "en",
            &[
                ("csrf", &csrf),
                ("id", "ignored-on-edit"),
                ("title", &before.objectives[0].title),
                ("goal", "experience"),
                ("kpi", "conversion_rate"),
                ("baseline", "0.021"),
                ("target", "0.05"),
                ("deadline", "2026-06-30"),
                ("channel", "website"),
                ("owner", "yasmin"),
                // The milestones as the form shows them, one empty row more.
                ("milestones.date", "2026-02-28"),
                ("milestones.target", "0.024"),
                ("milestones.date", "2026-03-31"),
                ("milestones.target", "0.028"),
                ("milestones.date", "2026-04-30"),
                ("milestones.target", "0.033"),
                ("milestones.date", "2026-05-31"),
                ("milestones.target", "0.037"),
                ("milestones.date", ""),
                ("milestones.target", ""),
                ("window", ""),
                ("window_days", ""),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (after, revision) = stored(&store);
    assert_eq!(revision, 2);
    let objective = &after.objectives[0];
    assert_eq!(objective.id.as_str(), "taux-conversion");
    assert_eq!(objective.target, Some(0.05));
    assert_eq!(objective.milestones, before.objectives[0].milestones);
    assert_eq!(after.objectives.len(), before.objectives.len());
}

#[tokio::test]
async fn an_unused_item_is_deleted() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/action/seo-continu/delete"),
            &csrf,
            "fr",
            &[("csrf", &csrf)],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (plan, revision) = stored(&store);
    assert_eq!(revision, 2);
    assert!(
        plan.actions
            .iter()
            .all(|action| action.id.as_str() != "seo-continu")
    );
}

#[tokio::test]
async fn a_referenced_item_is_not_deleted_and_its_referrers_are_named() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/channel/crm/delete"),
            &csrf,
            "fr",
            &[("csrf", &csrf)],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        answer.body.contains(
            "« crm » n’est pas supprimé : objectif fiches-invalides, tactique revue-architecture s’y réfèrent."
        ),
        "{}",
        answer.body
    );
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/goal/experience/delete"),
            &csrf,
            "en",
            &[("csrf", &csrf)],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        answer.body.contains("objective taux-conversion"),
        "{}",
        answer.body
    );
    assert_eq!(stored(&store).1, 1, "nothing saved");
}

#[tokio::test]
async fn a_bad_date_or_a_missing_field_shows_the_form_again_and_saves_nothing() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let uri = format!("/plans/{PLAN}/edit/objective/new");
    let mut form = objective_fields(&csrf, "mauvaise-date");
    form.retain(|(key, _)| *key != "deadline");
    form.push(("deadline", "2026-02-30"));
    let answer = call(&store, post(&uri, &csrf, "fr", &form)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("Rien n’a été enregistré"));
    assert!(
        answer
            .body
            .contains("Date invalide « 2026-02-30 » : attendu AAAA-MM-JJ."),
        "{}",
        answer.body
    );
    // The message is tied to its field, and the values sent are kept.
    assert!(
        answer
            .body
            .contains("aria-describedby=\"field-deadline-message\"")
    );
    assert!(answer.body.contains("id=\"field-deadline-message\""));
    assert!(answer.body.contains("value=\"mauvaise-date\""));

    let mut form = objective_fields(&csrf, "sans-titre");
    form.retain(|(key, _)| *key != "title");
    let answer = call(&store, post(&uri, &csrf, "en", &form)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("This field is required."),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("id=\"field-title-message\""));

    // A change that brings an error (an objective without a deadline) is
    // refused with the SMART finding next to the field.
    let mut form = objective_fields(&csrf, "sans-echeance");
    form.retain(|(key, _)| *key != "deadline");
    let answer = call(&store, post(&uri, &csrf, "en", &form)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains("objective `sans-echeance` has no deadline"),
        "{}",
        answer.body
    );
    assert_eq!(stored(&store).1, 1, "nothing saved");
}

#[tokio::test]
async fn a_change_without_the_token_is_refused() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let uri = format!("/plans/{PLAN}/edit/objective/new");
    let mut form = objective_fields("", "sans-jeton");
    form.retain(|(key, _)| *key != "csrf");
    let answer = call(&store, post(&uri, &csrf, "fr", &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("jeton de sécurité"), "{}", answer.body);
    let wrong = "0".repeat(32);
    let form = objective_fields(&wrong, "mauvais-jeton");
    let answer = call(&store, post(&uri, &csrf, "fr", &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/action/seo-continu/delete"),
            &csrf,
            "fr",
            &[],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&store).1, 1, "nothing saved");
}

#[tokio::test]
async fn unknown_plans_kinds_and_items_are_404() {
    let store = store_with_example();
    for uri in [
        "/plans/ghost/edit",
        "/plans/ghost/plan.toml",
        "/plans/ghost/edit/goal/new",
        "/plans/cloud-kicks-2026-h1/edit/widget/new",
        "/plans/cloud-kicks-2026-h1/edit/goal/nothing",
        "/plans/cloud-kicks-2026-h1/edit/goal/taux-conversion",
    ] {
        let answer = call(&store, get_in(uri, "en")).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(answer.body.contains("This page does not exist"), "{uri}");
    }
    let csrf = token(&store).await;
    for uri in [
        "/plans/cloud-kicks-2026-h1/edit/goal/nothing/delete",
        "/plans/cloud-kicks-2026-h1/edit/widget/x",
        "/plans/ghost/edit/goal/new",
    ] {
        let answer = call(&store, post(uri, &csrf, "fr", &[("csrf", &csrf)])).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

#[tokio::test]
async fn the_plan_file_downloads_as_written() {
    let store = store_with_example();
    let answer = call(&store, get_in(&format!("/plans/{PLAN}/plan.toml"), "fr")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, plan_file::write(&stored(&store).0));
    assert_eq!(
        answer.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"cloud-kicks-2026-h1.toml\""
    );
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/toml")
    );
    let page = call(&store, get_in(&format!("/plans/{PLAN}/edit"), "en")).await;
    assert!(
        page.body
            .contains("href=\"/plans/cloud-kicks-2026-h1/plan.toml\"")
    );
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
}

#[tokio::test]
async fn an_uploaded_valid_file_replaces_the_plan() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let changed = EXAMPLE.replace(
        "name = \"Cloud Kicks : plan stratégique sur six mois\"",
        "name = \"Cloud Kicks : le plan revu\"",
    );
    let answer = call(&store, upload(&csrf, "fr", &changed)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (plan, revision) = stored(&store);
    assert_eq!(revision, 2);
    assert_eq!(plan.name, "Cloud Kicks : le plan revu");
    let page = call(
        &store,
        get_in(&format!("/plans/{PLAN}/edit?uploaded=1"), "fr"),
    )
    .await;
    assert!(
        page.body
            .contains("Le plan a été remplacé par le fichier envoyé.")
    );
}

#[tokio::test]
async fn an_uploaded_broken_file_shows_its_findings_and_changes_nothing() {
    let store = store_with_example();
    let csrf = token(&store).await;
    // Not a plan file: the reader's error, with its line.
    let broken = EXAMPLE.replace("currency = \"EUR\"", "currency = EUR");
    let answer = call(&store, upload(&csrf, "en", &broken)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("The file was not applied"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("plan.syntax"));
    assert!(answer.body.contains("line 23, column"), "{}", answer.body);

    // A readable plan with an error: the SMART finding, placed in the file.
    let no_deadline = EXAMPLE.replacen("deadline = 2026-06-30\n", "", 1);
    let answer = call(&store, upload(&csrf, "fr", &no_deadline)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("smart.time_bound"), "{}", answer.body);
    assert!(answer.body.contains("ligne 67, colonne"), "{}", answer.body);

    // Another plan's file.
    let other = EXAMPLE.replace("id = \"cloud-kicks-2026-h1\"", "id = \"autre-plan\"");
    let answer = call(&store, upload(&csrf, "fr", &other)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains("Ce fichier décrit le plan « autre-plan »"),
        "{}",
        answer.body
    );

    // Without the token.
    let answer = call(
        &store,
        upload_with_token(&csrf, &"0".repeat(32), "fr", EXAMPLE),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&store).1, 1, "nothing saved");
}

#[tokio::test]
async fn the_live_check_lists_the_findings_without_saving() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("id", "brouillon"),
        ("title", "Un objectif en cours d’écriture"),
        ("goal", "canaux"),
        ("kpi", "sessions"),
        ("baseline", "100"),
    ];
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/objective/new/check"),
            &csrf,
            "fr",
            &form,
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(!answer.body.contains("<html"), "a fragment");
    assert!(answer.body.contains("smart.time_bound"), "{}", answer.body);
    assert!(
        answer
            .body
            .contains("l’objectif `brouillon` n’a pas d’échéance")
    );
    assert!(answer.body.contains("smart.measurable"));
    assert!(answer.body.contains("n’a pas de cible chiffrée"));
    assert_eq!(stored(&store).1, 1, "nothing saved");

    // A value that cannot be read is named in the fragment too.
    let answer = call(
        &store,
        post(
            &format!("/plans/{PLAN}/edit/objective/taux-conversion/check"),
            &csrf,
            "en",
            &[("csrf", &csrf), ("title", "T"), ("target", "lots")],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.body.contains("Invalid number “lots”."),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn every_kind_has_a_form_in_both_languages() {
    let store = store_with_example();
    for (kind, item) in [
        ("goal", "experience"),
        ("objective", "optin-sms"),
        ("kpi", "tickets_per_order"),
        ("kpi", "audit_completion"),
        ("strategy", "omnicanal"),
        ("tactic", "pilote-sms"),
        ("action", "test-ab-paiement"),
        ("experiment", "ab-paiement"),
        ("channel", "crm"),
        ("segment", "new"),
    ] {
        for lang in ["fr", "en"] {
            let uri = format!("/plans/{PLAN}/edit/{kind}/{item}");
            let answer = call(&store, get_in(&uri, lang)).await;
            assert_eq!(answer.status, StatusCode::OK, "{uri}");
            assert!(answer.body.contains("name=\"csrf\""), "{uri}");
            // Every control has its label.
            for (index, _) in answer.body.match_indices("<select id=\"") {
                let id = &answer.body[index + 12..];
                let id = &id[..id.find('"').unwrap()];
                assert!(
                    answer.body.contains(&format!("for=\"{id}\"")),
                    "{uri}: {id}"
                );
            }
            for prefix in [">field-", ">editor-", ">opt-", ">unit-", ">direction-"] {
                assert!(
                    !answer.body.contains(prefix),
                    "{uri}: a missing text {prefix}"
                );
            }
        }
    }
    // A KPI's guidance shows in both languages.
    let kpi = call(
        &store,
        get_in(&format!("/plans/{PLAN}/edit/kpi/tickets_per_order"), "en"),
    )
    .await;
    assert!(
        kpi.body
            .contains("A clear purchase journey raises fewer questions")
    );
    assert!(
        kpi.body
            .contains("value=\"support_tickets / transactions\"")
    );
    // A tactic's metrics and an action's owner show their current values.
    let tactic = call(
        &store,
        get_in(&format!("/plans/{PLAN}/edit/tactic/pilote-sms"), "fr"),
    )
    .await;
    assert!(tactic.body.contains("<option value=\"clicks\" selected>"));
    let action = call(
        &store,
        get_in(&format!("/plans/{PLAN}/edit/action/test-ab-paiement"), "fr"),
    )
    .await;
    assert!(
        action
            .body
            .contains("value=\"leo.martin@cloudkicks.example\"")
    );
    assert!(
        action
            .body
            .contains("<option value=\"heatmap-paiement\" selected>")
    );
}

#[tokio::test]
async fn a_new_empty_plan_is_created_from_the_start_page() {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
    let start = call(&store, get_in("/", "fr")).await;
    assert_eq!(start.status, StatusCode::OK);
    assert!(start.body.contains("action=\"/plans\""));
    assert!(
        start
            .body
            .contains("<label for=\"new-plan-start\">Début</label>")
    );
    let cookie = start.headers[header::SET_COOKIE].to_str().unwrap();
    let csrf = cookie
        .strip_prefix("kpilot_csrf=")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let fields = |id: &'static str, end: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("id", id.to_owned()),
            ("name", "Plan 2027".to_owned()),
            ("start", "2027-01-01".to_owned()),
            ("end", end.to_owned()),
            ("currency", "EUR".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post("/plans", &csrf, "fr", &pairs)
    };
    let answer = call(&store, send(fields("plan-2027", "2026-12-31"))).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("La fin doit venir après le début."));
    assert!(store.plans().unwrap().is_empty());

    let answer = call(&store, send(fields("plan-2027", "2027-12-31"))).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.headers[header::LOCATION], "/plans/plan-2027/edit");
    let editor = call(&store, get_in("/plans/plan-2027/edit", "en")).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert!(editor.body.contains("Nothing yet."));
    assert!(
        editor.body.contains("the plan has no mission"),
        "{}",
        editor.body
    );

    let answer = call(&store, send(fields("plan-2027", "2027-12-31"))).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("Un plan porte déjà cet identifiant."));
    assert_eq!(store.plans().unwrap().len(), 1);
}

#[tokio::test]
async fn the_plan_itself_is_edited_but_neither_created_nor_deleted() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let uri = format!("/plans/{PLAN}/edit/plan/{PLAN}");
    let form = call(&store, get_in(&uri, "fr")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("Modifier le plan « cloud-kicks-2026-h1 »")
    );
    assert!(form.body.contains("value=\"2026-01-01\""));
    let (before, _) = stored(&store);
    let answer = call(
        &store,
        post(
            &uri,
            &csrf,
            "fr",
            &[
                ("csrf", &csrf),
                ("name", "Cloud Kicks, premier semestre"),
                ("mission", ""),
                ("vision", &before.vision),
                ("start", "2026-01-01"),
                ("end", "2026-06-30"),
                ("currency", "EUR"),
            ],
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (after, revision) = stored(&store);
    assert_eq!(revision, 2);
    assert_eq!(after.name, "Cloud Kicks, premier semestre");
    assert_eq!(after.mission, "");
    assert_eq!(after.goals, before.goals);
    // The missing mission is now a finding of the plan, linked to its form.
    let page = call(&store, get_in(&format!("/plans/{PLAN}/edit"), "en")).await;
    assert!(page.body.contains("the plan has no mission"));
    assert!(page.body.contains(&format!("href=\"{uri}\"")));

    for uri in [
        format!("/plans/{PLAN}/edit/plan/new"),
        format!("/plans/{PLAN}/edit/plan/other"),
    ] {
        assert_eq!(
            call(&store, get_in(&uri, "fr")).await.status,
            StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
    let answer = call(
        &store,
        post(&format!("{uri}/delete"), &csrf, "fr", &[("csrf", &csrf)]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&store).1, 2);
}

/// An A/B test created through the form: its variant rows with the control
/// marked, its effect and rule; then shown again with its values; then a
/// form whose splits do not add up saves nothing and says why.
#[tokio::test]
async fn an_experiment_is_created_and_edited_through_the_form() {
    let store = store_with_example();
    let csrf = token(&store).await;
    let uri = format!("/plans/{PLAN}/edit/experiment/new");
    let fields = |split_b: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("id", "ab-newsletter".to_owned()),
            ("action", "test-ab-paiement".to_owned()),
            (
                "hypothesis",
                "Un objet personnalisé fait cliquer".to_owned(),
            ),
            ("kpi", "conversion_rate".to_owned()),
            ("variants.id", "A".to_owned()),
            ("variants.name", "Objet actuel".to_owned()),
            ("variants.split", "0,5".to_owned()),
            ("variants.id", "B".to_owned()),
            ("variants.name", String::new()),
            ("variants.split", split_b.to_owned()),
            ("variants.id", String::new()),
            ("variants.name", String::new()),
            ("variants.split", String::new()),
            ("variants.control", "0".to_owned()),
            ("start", "2026-05-04".to_owned()),
            ("mde", "0,1".to_owned()),
            ("relative", "true".to_owned()),
            ("method", "fixed".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(&uri, &csrf, "en", &pairs)
    };
    let answer = call(&store, send(fields("0.5"))).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (plan, revision) = stored(&store);
    assert_eq!(revision, 2);
    let experiment = plan.experiment("ab-newsletter").unwrap();
    assert_eq!(experiment.variants.len(), 2);
    assert!(experiment.variants[0].control && !experiment.variants[1].control);
    assert_eq!(experiment.variants[0].name.as_deref(), Some("Objet actuel"));
    assert_eq!(experiment.variants[1].split, 0.5);
    assert_eq!((experiment.mde, experiment.relative), (Some(0.1), true));
    assert_eq!(experiment.method, kpilot_core::plan::TestMethod::Fixed);

    // The form shows it again as stored.
    let form = call(
        &store,
        get_in(
            &format!("/plans/{PLAN}/edit/experiment/ab-newsletter"),
            "en",
        ),
    )
    .await;
    assert!(
        form.body.contains("value=\"Objet actuel\""),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains("name=\"variants.control\" value=\"0\" checked"),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains("name=\"relative\" value=\"true\" checked")
    );
    assert!(form.body.contains("<option value=\"fixed\" selected>"));

    // Splits adding up to 1.1: the checker's error, nothing saved.
    let mut fields = fields("0.6");
    fields[1].1 = "ab-other".to_owned();
    let answer = call(&store, send(fields)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("add up to 1.1, not 1"),
        "{}",
        answer.body
    );
    assert_eq!(stored(&store).1, 2);
}
