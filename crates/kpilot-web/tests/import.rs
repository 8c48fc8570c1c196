//! The Import page through the router, without a socket: upload, dry run,
//! mapping, confirmation, history and undo, and how bad requests fail.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kpilot_store::{ObservationQuery, SqliteStore, Store};

const BOUNDARY: &str = "kpilot-test-boundary-7MA4YWxkTrZu0gW";

/// A French Excel export: `;`, decimal comma, `31/01/2026`, grouped
/// thousands, Windows-1252 (`Coût`, `Réseaux sociaux`).
const FRENCH_EXPORT: &[u8] = b"Date;Canal;Visites;Co\xfbt\r\n\
31/01/2026;E-mail;1 200;1 234,56\r\n\
01/02/2026;R\xe9seaux sociaux;800;99,90\r\n";

/// Lines 3 and 5 are bad; lines 2 and 4 are good.
const BAD_LINES: &[u8] = b"Date;Visites\n\
31/01/2026;12\n\
32/01/2026;5\n\
01/02/2026;7\n\
02/02/2026;douze\n";

mod common;

use common::Answer;

/// One server (one upload cache) and one browser (its CSRF cookie).
struct Browser {
    router: Router,
    store: Arc<dyn Store>,
    token: String,
    lang: &'static str,
}

impl Browser {
    async fn open(upload_limit: usize, lang: &'static str) -> Browser {
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
        let config = kpilot_web::Config {
            today: Some(jiff::civil::date(2026, 4, 30)),
            upload_limit,
        };
        let mut browser = Browser {
            router: kpilot_web::router(store.clone(), config),
            store,
            token: String::new(),
            lang,
        };
        // The first visit gives the browser its token.
        let answer = browser.send(Request::get("/import")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        browser.token = common::csrf_token(&answer);
        browser
    }

    async fn french() -> Browser {
        Browser::open(20 * 1024 * 1024, "fr").await
    }

    async fn send(&self, request: axum::http::request::Builder) -> Answer {
        self.send_body(request, Body::empty()).await
    }

    async fn send_body(&self, request: axum::http::request::Builder, body: Body) -> Answer {
        let mut request = request.header(header::ACCEPT_LANGUAGE, self.lang);
        if !self.token.is_empty() {
            request = request.header(header::COOKIE, format!("kpilot_csrf={}", self.token));
        }
        common::respond(self.router.clone(), request.body(body).unwrap()).await
    }

    /// `POST /import` with the file and the fields; the CSRF field unless
    /// `with_token` is false.
    async fn upload(
        &self,
        file_name: &str,
        bytes: &[u8],
        fields: &[(&str, &str)],
        with_token: bool,
    ) -> Answer {
        self.upload_to("/import", file_name, bytes, fields, with_token)
            .await
    }

    /// A file posted to `uri` as a form's upload.
    async fn upload_to(
        &self,
        uri: &str,
        file_name: &str,
        bytes: &[u8],
        fields: &[(&str, &str)],
        with_token: bool,
    ) -> Answer {
        let mut body = Vec::new();
        let mut part = |headers: String, content: &[u8]| {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n{headers}\r\n\r\n").as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        };
        if with_token {
            part(
                "Content-Disposition: form-data; name=\"csrf\"".to_owned(),
                self.token.as_bytes(),
            );
        }
        for (name, value) in fields {
            part(
                format!("Content-Disposition: form-data; name=\"{name}\""),
                value.as_bytes(),
            );
        }
        part(
            format!(
                "Content-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv"
            ),
            bytes,
        );
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let request = Request::post(uri).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
        self.send_body(request, Body::from(body)).await
    }

    /// A form posted to `uri`, with the CSRF field unless `with_token` is
    /// false.
    async fn post(&self, uri: &str, fields: &[(&str, &str)], with_token: bool) -> Answer {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        if with_token {
            pairs.push(("csrf", &self.token));
        }
        let body = pairs
            .iter()
            .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let request =
            Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send_body(request, Body::from(body)).await
    }

    fn batches(&self) -> usize {
        self.store.batches().unwrap().len()
    }

    fn observations(&self) -> Vec<kpilot_store::StoredObservation> {
        self.store
            .observations(&ObservationQuery::default())
            .unwrap()
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The upload id in a dry run page's forms.
fn upload_id(page: &str) -> String {
    let start = page.find("action=\"/import/").expect(page) + "action=\"/import/".len();
    let rest = &page[start..];
    rest[..rest.find('/').unwrap()].to_owned()
}

/// The confirmation form's hidden fields, as the browser would send them.
fn hidden_fields(page: &str) -> Vec<(String, String)> {
    let form = &page[page.find("/confirm\"").expect(page)..];
    let form = &form[..form.find("</form>").unwrap()];
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|input| {
            let attribute = |name: &str| {
                let start = input.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                input[start..start + input[start..].find('"').unwrap()]
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
            };
            (attribute("name"), attribute("value"))
        })
        .filter(|(name, _)| name != "csrf")
        .collect()
}

async fn confirm(browser: &Browser, page: &str) -> Answer {
    let fields = hidden_fields(page);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let uri = format!("/import/{}/confirm", upload_id(page));
    browser.post(&uri, &fields, true).await
}

#[tokio::test]
async fn a_french_export_is_read_as_detected_then_imported_on_confirmation() {
    let browser = Browser::french().await;
    let answer = browser
        .upload("export-janvier.csv", FRENCH_EXPORT, &[], true)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let page = &answer.body;
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("Import de « export-janvier.csv »"), "{page}");
    for detected in [
        "Windows-1252",
        "point-virgule (;)",
        "virgule décimale",
        "<dd>wide</dd>",
    ] {
        assert!(page.contains(detected), "{detected}: {page}");
    }
    // The mapping: each column, what it was read as, a select to change it.
    for (number, header, detected) in [
        (1, "Date", "Comme détecté : le jour"),
        (2, "Canal", "Comme détecté : le canal"),
        (3, "Visites", "Comme détecté : la mesure sessions"),
        (4, "Coût", "Comme détecté : la mesure cost"),
    ] {
        assert!(
            page.contains(&format!("<label for=\"map-{number}\">{header}</label>")),
            "{header}: {page}"
        );
        assert!(page.contains(detected), "{detected}");
    }
    assert!(page.contains("<option value=\"Coût=revenue\">"));
    // The dry run: four new values, the totals in French, nothing stored.
    assert!(page.contains("<dt>Nouvelles</dt><dd>4</dd>"), "{page}");
    assert!(
        page.contains("334,46</td>"),
        "the cost's total, 1 334,46: {page}"
    );
    assert!(
        page.contains("email, social"),
        "channels named by their ids"
    );
    assert_eq!(browser.batches(), 0);

    let answer = confirm(&browser, page).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.headers[header::LOCATION], "/import?imported=1");
    let stored = browser.observations();
    assert_eq!(stored.len(), 4);
    let cost = stored
        .iter()
        .find(|observation| observation.measure == "cost" && observation.line == 2)
        .unwrap();
    assert_eq!(cost.value.to_string(), "1234.56");
    assert_eq!(cost.day, jiff::civil::date(2026, 1, 31));
    assert_eq!(cost.channel.as_deref(), Some("email"));

    let history = browser.send(Request::get("/import?imported=1")).await;
    assert!(
        history
            .body
            .contains("« export-janvier.csv » importé (import n° 1) : 4 valeurs, 4 nouvelles"),
        "{}",
        history.body
    );
    assert!(history.body.contains("id=\"batch-1\""));
    assert!(history.body.contains("action=\"/import/batches/1/undo\""));

    // The upload is gone once imported.
    let again = browser
        .post(&format!("/import/{}/preview", upload_id(page)), &[], true)
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    // The same file, the same way: recognised, nothing to do, as on the
    // command line.
    let answer = browser
        .upload("export-janvier.csv", FRENCH_EXPORT, &[], true)
        .await;
    assert!(
        answer
            .body
            .contains("a déjà été importé ainsi (import n° 1"),
        "{}",
        answer.body
    );
    let answer = confirm(&browser, &answer.body).await;
    assert_eq!(answer.headers[header::LOCATION], "/import?already=1");
    assert_eq!(browser.batches(), 1);
}

#[tokio::test]
async fn every_bad_line_is_named_and_confirmation_is_refused() {
    let browser = Browser::french().await;
    let answer = browser.upload("visites.csv", BAD_LINES, &[], true).await;
    assert_eq!(answer.status, StatusCode::OK);
    let page = &answer.body;
    assert!(page.contains("2 lignes en erreur"), "{page}");
    assert!(page.contains("role=\"alert\""));
    // Each bad line with its column and header; the good ones are not listed.
    for (line, column, header) in [(3, 1, "Date"), (5, 2, "Visites")] {
        assert!(
            page.contains(&format!(
                "<th scope=\"row\" class=\"number\">{line}</th><td class=\"number\">{column}</td><td>{header}</td>"
            )),
            "line {line}: {page}"
        );
    }
    assert!(!page.contains("<th scope=\"row\" class=\"number\">4</th>"));
    // No confirmation button is offered…
    assert!(!page.contains("/confirm\""));
    assert!(page.contains("une fois le fichier lu sans erreur"));
    // …and forcing it imports nothing.
    let uri = format!("/import/{}/confirm", upload_id(page));
    let answer = browser.post(&uri, &[("format", "auto")], true).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.body.contains("Rien n’a été importé"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("2 lignes en erreur"));
    assert_eq!(browser.batches(), 0);
    assert!(browser.observations().is_empty());
}

#[tokio::test]
async fn changing_the_mapping_changes_the_dry_run() {
    let browser = Browser::open(20 * 1024 * 1024, "en").await;
    let file = b"Date,Pages vues,Likes\n2026-01-31,10,3\n2026-02-01,12,4\n";
    let answer = browser.upload("pages.csv", file, &[], true).await;
    let page = &answer.body;
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        page.contains("unknown columns 2 `Pages vues`, 3 `Likes`"),
        "{page}"
    );
    assert!(page.contains("<option value=\"\" selected>— choose —</option>"));
    assert!(!page.contains("/confirm\""));

    let uri = format!("/import/{}/preview", upload_id(page));
    let answer = browser
        .post(
            &uri,
            &[
                ("map", "Pages vues=sessions"),
                ("map", "Likes=-"),
                ("format", "auto"),
            ],
            true,
        )
        .await;
    let page = &answer.body;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(page.contains("As detected: measure sessions"), "{page}");
    assert!(page.contains("<option value=\"Likes=-\" selected>ignored</option>"));
    assert!(page.contains("<dt>New</dt><dd>2</dd>"), "{page}");

    // An entry naming no column of the file is refused, never ignored.
    let answer = browser
        .post(
            &uri,
            &[
                ("map", "Pages vues=clicks"),
                ("more", "Likes=-\r\n\r\nCommentaires=-"),
            ],
            true,
        )
        .await;
    assert!(
        answer.body.contains(
            "--map `Commentaires`: the file has no such column, so the entry would be ignored"
        ),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains("/confirm\""));

    // Read as clicks instead: the dry run follows.
    let answer = browser
        .post(
            &uri,
            &[("map", "Pages vues=clicks"), ("more", "Likes=-\r\n\r\n")],
            true,
        )
        .await;
    let page = &answer.body;
    assert!(page.contains("As detected: measure clicks"), "{page}");
    assert!(page.contains("<th scope=\"row\">clicks"), "{page}");
    assert!(!page.contains("<th scope=\"row\">sessions"));

    let answer = confirm(&browser, page).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let measures: Vec<_> = browser
        .observations()
        .into_iter()
        .map(|observation| observation.measure)
        .collect();
    assert_eq!(measures, ["clicks", "clicks"]);
    let batch = &browser.store.batches().unwrap()[0];
    assert_eq!(
        batch.options,
        "format=wide\nmap=Pages vues=clicks\nmap=Likes=-"
    );
    assert_eq!(batch.imported_by, "web");
}

#[tokio::test]
async fn undo_removes_the_batch() {
    let browser = Browser::french().await;
    let answer = browser.upload("export.csv", FRENCH_EXPORT, &[], true).await;
    confirm(&browser, &answer.body).await;
    assert_eq!(browser.batches(), 1);

    let answer = browser.post("/import/batches/1/undo", &[], true).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let location = answer.headers[header::LOCATION].to_str().unwrap();
    assert_eq!(location, "/import?undone=1&removed=4&restored=0");
    assert_eq!(browser.batches(), 0);
    assert!(browser.observations().is_empty());
    let page = browser.send(Request::get(location)).await.body;
    assert!(
        page.contains("Import n° 1 annulé : 4 valeurs retirées"),
        "{page}"
    );
    assert!(page.contains("Aucun import pour l’instant."));

    for uri in ["/import/batches/1/undo", "/import/batches/x/undo"] {
        let answer = browser.post(uri, &[], true).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

#[tokio::test]
async fn an_oversized_upload_is_refused_with_413() {
    let browser = Browser::open(1024, "fr").await;
    let mut file = b"Date;Visites\n".to_vec();
    while file.len() < 4096 {
        file.extend_from_slice(b"31/01/2026;12\n");
    }
    let answer = browser.upload("gros.csv", &file, &[], true).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        answer
            .body
            .contains("Le fichier envoyé dépasse la taille permise."),
        "{}",
        answer.body
    );
    assert_eq!(browser.batches(), 0);
}

#[tokio::test]
async fn without_the_csrf_token_nothing_happens() {
    let browser = Browser::french().await;
    let answer = browser
        .upload("export.csv", FRENCH_EXPORT, &[], false)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    let answer = browser.upload("export.csv", FRENCH_EXPORT, &[], true).await;
    let uri = format!("/import/{}/confirm", upload_id(&answer.body));
    let answer = browser.post(&uri, &[("format", "auto")], false).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("jeton de sécurité"), "{}", answer.body);
    assert_eq!(browser.batches(), 0);

    // Another browser (another token) does not find this upload.
    let other = Browser::french().await;
    let stranger = Browser {
        router: browser.router.clone(),
        store: browser.store.clone(),
        token: other.token.clone(),
        lang: "fr",
    };
    let answer = stranger.post(&uri, &[("format", "auto")], true).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(browser.batches(), 0);
}

#[tokio::test]
async fn an_unknown_upload_answers_404() {
    let browser = Browser::open(20 * 1024 * 1024, "en").await;
    for uri in [
        "/import/0123456789abcdef0123456789abcdef/preview",
        "/import/nothing/confirm",
    ] {
        let answer = browser.post(uri, &[("format", "auto")], true).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            answer.body.contains("no longer waiting"),
            "{uri}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn the_page_offers_the_upload_form_and_history_in_both_languages() {
    let english = Browser::open(20 * 1024 * 1024, "en").await;
    let page = english.send(Request::get("/import")).await.body;
    assert!(page.contains("<h1>Import results</h1>"), "{page}");
    assert!(page.contains("enctype=\"multipart/form-data\""));
    assert!(page.contains("accept=\".csv,.txt,.tsv,.xlsx,.xlsm,.ods,.xls\""));
    assert!(
        page.contains("<option value=\"ga4\">"),
        "the presets: {page}"
    );
    assert!(page.contains("name=\"csrf\""));
    assert!(page.contains("No imports yet."));
    assert!(page.contains("aria-current=\"page\">Import</a>"));
    assert!(!page.contains("style="), "no inline style under the CSP");

    let french = Browser::french().await;
    let page = french.send(Request::get("/import")).await.body;
    assert!(page.contains("<h1>Import des résultats</h1>"), "{page}");
    assert!(page.contains("Canal de toutes les lignes (facultatif)"));
}

#[tokio::test]
async fn a_default_channel_is_recorded_like_the_commands() {
    let browser = Browser::french().await;
    let file = b"Date;Visites\n31/01/2026;12\n";
    let answer = browser
        .upload(
            "visites.csv",
            file,
            &[("format", "wide"), ("channel", "email")],
            true,
        )
        .await;
    assert!(answer.body.contains("<dd>wide</dd>"), "{}", answer.body);
    confirm(&browser, &answer.body).await;
    let stored = browser.observations();
    assert_eq!(stored[0].channel.as_deref(), Some("email"));
    let batch = &browser.store.batches().unwrap()[0];
    assert_eq!(batch.options, "format=wide\nchannel=email");

    // A channel given for a file that has a channel column is an error,
    // in the page's language.
    let answer = browser
        .upload("export.csv", FRENCH_EXPORT, &[("channel", "email")], true)
        .await;
    assert!(
        answer
            .body
            .contains("le fichier a une colonne de canal (colonne 2)"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn workbooks_are_read_directly() {
    // kpilot-import's own test workbooks: the same eight values in each.
    for (name, bytes) in [
        (
            "wide.xlsx",
            &include_bytes!("../../kpilot-import/tests/data/wide.xlsx")[..],
        ),
        (
            "wide.ods",
            &include_bytes!("../../kpilot-import/tests/data/wide.ods")[..],
        ),
    ] {
        let browser = Browser::open(20 * 1024 * 1024, "en").await;
        let answer = browser.upload(name, bytes, &[], true).await;
        let page = &answer.body;
        let container = name.rsplit('.').next().unwrap();
        assert!(
            page.contains(&format!("<dt>File type</dt><dd>{container}</dd>")),
            "{name}: {page}"
        );
        assert!(!page.contains("<dt>Encoding</dt>"), "{name}");
        assert!(page.contains("<dt>New</dt><dd>8</dd>"), "{name}: {page}");
        let answer = confirm(&browser, page).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{name}");
        assert_eq!(browser.observations().len(), 8, "{name}");
    }
}

#[tokio::test]
async fn repeated_keys_and_many_bad_lines_are_reported_as_the_command_does() {
    let browser = Browser::open(20 * 1024 * 1024, "en").await;
    let file = b"date,sessions\n2026-01-31,5\n2026-02-01,6\n2026-01-31,7\n";
    let answer = browser.upload("twice.csv", file, &[], true).await;
    let page = &answer.body;
    assert!(page.contains("1 duplicate: same day"), "{page}");
    assert!(
        page.contains("<th scope=\"row\" class=\"number\">4</th><td>2026-01-31</td><td class=\"number\">2</td>"),
        "{page}"
    );
    let uri = format!("/import/{}/confirm", upload_id(page));
    let answer = browser.post(&uri, &[("format", "auto")], true).await;
    assert!(answer.body.contains("Nothing was imported"));
    assert_eq!(browser.batches(), 0);

    // kpilot-import details the first 50 bad lines and counts the rest:
    // the page says so.
    let mut file = b"date,sessions\n".to_vec();
    for _ in 0..60 {
        file.extend_from_slice(b"2026-01-31,many\n");
    }
    let answer = browser.upload("many.csv", &file, &[], true).await;
    let page = &answer.body;
    assert!(page.contains("60 bad lines"), "{page}");
    assert!(
        page.contains("The first 50 are detailed; 10 more bad lines are only counted."),
        "{page}"
    );
    assert!(page.contains("<th scope=\"row\" class=\"number\">51</th>"));
    assert!(!page.contains("<th scope=\"row\" class=\"number\">52</th>"));
}

#[tokio::test]
async fn an_upload_without_a_file_is_a_bad_request() {
    let browser = Browser::french().await;
    let answer = browser.upload("", b"", &[], true).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body.contains("Choisissez un fichier à importer."),
        "{}",
        answer.body
    );
}

/// An experiment's results uploaded on its page: stored all or nothing,
/// every bad line named, the page's figures then from the file.
#[tokio::test]
async fn experiment_results_upload_on_the_experiments_page() {
    let browser = Browser::open(20 * 1024 * 1024, "en").await;
    browser
        .store
        .apply_plan(&common::example_plan(), "tester")
        .unwrap();
    let uri = "/plans/cloud-kicks-2026-h1/experiments/ab-paiement/results";
    let bad = "date;variant;visitors;conversions\n\
               10/02/2026;A;1 000;20\n\
               10/02/2026;C;1 000;20\n\
               11/02/2026;B;100;120\n";
    let answer = browser
        .upload_to(uri, "bad.csv", bad.as_bytes(), &[], true)
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("Nothing was stored: bad.csv has 2 bad lines"),
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("line 3: variant `C` is not one of experiment"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("line 4"), "{}", answer.body);
    let plan = kpilot_core::ids::PlanId::parse("cloud-kicks-2026-h1").unwrap();
    assert!(
        browser
            .store
            .experiment_rows(&plan, "ab-paiement", None)
            .unwrap()
            .is_empty()
    );

    let good = "Jour;Variante;Visiteurs;Conversions\n\
                10/02/2026;A;1 000;20\n\
                10/02/2026;B;1 000;31\n";
    let answer = browser
        .upload_to(uri, "good.csv", good.as_bytes(), &[], true)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/plans/cloud-kicks-2026-h1/experiments/ab-paiement"
    );
    let stored = browser
        .store
        .experiment_rows(&plan, "ab-paiement", None)
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].source, "good.csv");
    let page = browser
        .send(Request::get(
            "/plans/cloud-kicks-2026-h1/experiments/ab-paiement",
        ))
        .await;
    assert!(
        page.body
            .contains("<td class=\"number visitors\">1,000</td>"),
        "{}",
        page.body
    );

    // Without the token, nothing.
    let answer = browser
        .upload_to(uri, "good.csv", good.as_bytes(), &[], false)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_page_says_what_was_read_and_assumed_in_the_pages_language() {
    // A Google Ads export with a ratio column, a total row and a channel
    // no plan has: the page says each, in French, as the command line does.
    let file = "Campaign report\n\"January 5, 2026 - January 6, 2026\"\n\
                Day,Campaign,Campaign type,Cost,CTR,Conv. value / cost\n\
                2026-01-05,Marque,Search,10.00,2.5%,3.1\n\
                Total: Account,,,10.00,2.5%,3.1\n";
    let browser = Browser::french().await;
    let answer = browser
        .upload("rapport.csv", file.as_bytes(), &[], true)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let page = &answer.body;
    for french in [
        "lu comme un export Google Ads",
        "Colonnes lues :",
        "Day → le jour",
        "Cost → la mesure cost",
        "taux et moyennes écartés",
        "CTR, Conv. value / cost",
        "une ligne de synthèse ou de total ignorée, jamais additionnée (ligne 5)",
    ] {
        assert!(page.contains(french), "{french}: {page}");
    }
    for english in ["read as", "skipped", "left out", "Columns read"] {
        assert!(!page.contains(english), "{english}: {page}");
    }
    // The same page in English.
    let browser = Browser::open(20 * 1024 * 1024, "en").await;
    let answer = browser
        .upload("report.csv", file.as_bytes(), &[], true)
        .await;
    let page = &answer.body;
    assert!(page.contains("read as a Google Ads"), "{page}");
    assert!(page.contains("2 rates and averages left out"), "{page}");
}
