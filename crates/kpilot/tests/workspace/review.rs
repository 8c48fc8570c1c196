//! `kpilot review`, `kpilot roadmap` and `kpilot note` on a workspace with
//! two months of a shop's results: every figure of the review is the
//! engine's (`kpilot status`, `kpilot kpi`), in the JSON and in the
//! spreadsheet; the PDF and the HTML carry them.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use super::{Workspace, json_of, stderr, stdout};

const TO: &str = "2026-02-28";

/// The shop's plan and 59 days of results: customers in the shop; social
/// media for students and families at a cost; search with revenue.
fn shop(workspace: &Workspace) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/boutique.toml");
    let applied = workspace.run(&["plan", "apply", plan.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    let mut store = String::from("date;canal;clients\n");
    let mut ads =
        String::from("date;canal;segment;coût;conversions;transactions;chiffre d'affaires\n");
    let start = jiff::civil::date(2026, 1, 1);
    for i in 0..59i64 {
        let day = start.checked_add(jiff::Span::new().days(i)).unwrap();
        store.push_str(&format!("{day};store;{}\n", 40 + i % 7));
        ads.push_str(&format!(
            "{day};social;students;{},5;{};{};{}\n",
            30 + i % 5,
            2 + i % 2,
            1 + i % 2,
            35 + i % 9
        ));
        ads.push_str(&format!("{day};social;families;12;1;1;41\n"));
        // Search has a hole of three days in February.
        if !(40..43).contains(&i) {
            ads.push_str(&format!(
                "{day};search;;{};4;3;{}\n",
                20 + i % 3,
                90 + i % 11
            ));
        }
    }
    workspace.write("store.csv", store);
    workspace.write("ads.csv", ads);
    for file in ["store.csv", "ads.csv"] {
        let output = workspace.run(&["import", file]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

fn review_json(workspace: &Workspace) -> Value {
    let output = workspace.run(&["review", "--to", TO, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    json_of(&output)
}

fn kpi_json(workspace: &Workspace, args: &[&str]) -> Value {
    let mut all = vec!["kpi"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let output = workspace.run(&all);
    assert!(output.status.success(), "{}", stderr(&output));
    json_of(&output)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

pub fn the_review_shows_the_figures_of_status_and_kpi(workspace: &Workspace) {
    shop(workspace);
    let review = review_json(workspace);
    assert_eq!(review["from"], "2026-01-01");
    assert_eq!(review["to"], TO);

    // Every objective as `kpilot status` judges it on the last day, and on
    // every Sunday of its history as `status --at` that Sunday.
    let status = json_of(&workspace.run(&["status", "--at", TO, "--format", "json"]));
    let objectives = review["objectives"].as_array().unwrap();
    assert!(!objectives.is_empty());
    for objective in objectives {
        let id = objective["id"].as_str().unwrap();
        let tracked = status["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == id)
            .unwrap();
        for key in [
            "value",
            "components",
            "progress",
            "status",
            "expected_progress",
        ] {
            assert_eq!(objective[key], tracked[key], "{id}.{key}");
        }
        if let (Some(value), Some(target)) =
            (objective["value"].as_f64(), objective["target"].as_f64())
        {
            assert_eq!(objective["gap"].as_f64(), Some(value - target), "{id}");
        }
        let history = objective["history"].as_array().unwrap();
        assert_eq!(history.last().unwrap()["at"], TO);
        assert_eq!(history.last().unwrap()["status"], tracked["status"]);
    }
    let customers = objectives
        .iter()
        .find(|o| o["id"] == "clients-par-jour")
        .unwrap();
    let sunday = &customers["history"][2];
    assert_eq!(sunday["at"], "2026-01-18");
    let then = json_of(&workspace.run(&["status", "--at", "2026-01-18", "--format", "json"]));
    let then = then["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "clients-par-jour")
        .unwrap()
        .clone();
    assert_eq!(sunday["value"], then["value"]);
    assert_eq!(sunday["status"], then["status"]);
    assert_eq!(sunday["progress"], then["progress"]);

    // Levers: the sums of `kpi` by channel over the same days, and the
    // cost per acquisition and ROAS are the catalogue's formulas on them.
    let window = ["--from", "2026-01-01", "--to", TO, "--by", "channel"];
    let by_channel = |kpi: &str| -> Vec<Value> {
        let mut args = vec![kpi];
        args.extend_from_slice(&window);
        kpi_json(workspace, &args)["breakdown"]
            .as_array()
            .unwrap()
            .clone()
    };
    let levers = review["levers"].as_array().unwrap();
    assert_eq!(review["results"], "revenue");
    for (kpi, key) in [
        ("cost", "spend"),
        ("conversions", "conversions"),
        ("revenue", "revenue"),
        ("cpa", "cpa"),
        ("roas", "roas"),
        ("roi", "roi"),
    ] {
        for line in by_channel(kpi) {
            let channel = line["channel"].as_str().unwrap();
            let lever = levers.iter().find(|l| l["channel"] == channel).unwrap();
            let (ours, engine) = (lever[key].as_f64(), line["value"].as_f64());
            match (ours, engine) {
                (Some(ours), Some(engine)) => {
                    assert!(close(ours, engine), "{channel}.{key}: {ours} vs {engine}")
                }
                (ours, engine) => assert_eq!(ours, engine, "{channel}.{key}"),
            }
        }
    }
    let search = levers.iter().find(|l| l["channel"] == "search").unwrap();
    let social = levers.iter().find(|l| l["channel"] == "social").unwrap();
    // Search brings the most revenue per euro.
    assert_eq!(search["rank"], 1);
    assert_eq!(social["rank"], 2);
    let shares: f64 = levers
        .iter()
        .filter_map(|l| l["spend_share"].as_f64())
        .sum();
    assert!(close(shares, 1.0));
    // The shop's store has no spend: a KPI it tracks, but no rank.
    let store = levers.iter().find(|l| l["channel"] == "store").unwrap();
    assert_eq!(store["rank"], Value::Null);
    assert!(store["kpis"]["customers_per_day"].is_number());

    // By segment: the student objective's KPI in each segment.
    let segments = review["segments"].as_array().unwrap();
    let students = segments
        .iter()
        .find(|s| s["objective"] == "cpa-etudiants")
        .unwrap();
    let cpa = kpi_json(
        workspace,
        &[
            "cpa",
            "--channel",
            "social",
            "--by",
            "segment",
            "--from",
            "2026-02-01",
            "--to",
            TO,
        ],
    );
    for line in cpa["breakdown"].as_array().unwrap() {
        let segment = line["segment"].as_str().unwrap();
        assert_eq!(students["values"][segment], line["value"], "{segment}");
    }

    // The checks: the search gap, and no data for the opt-in.
    let checks: Vec<(String, String)> = review["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_owned(),
                c["item"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        checks.contains(&("data.missing".to_owned(), "optin-email".to_owned())),
        "{checks:?}"
    );
    let gap = review["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "data.gap" && c["item"] == "search")
        .unwrap();
    assert!(
        gap["message"]
            .as_str()
            .unwrap()
            .contains("2026-02-10 to 2026-02-12"),
        "{gap}"
    );

    // The budget: `kpilot budget` at the same day.
    let budget = json_of(&workspace.run(&["budget", "--at", TO, "--format", "json"]));
    for key in ["envelope", "allocated", "planned", "spent", "remaining"] {
        assert_eq!(review["budget"][key], budget[key], "budget.{key}");
    }
}

fn cell(sheet: &calamine::Range<Data>, row: usize, column: &str) -> Data {
    let header = sheet.rows().next().unwrap();
    let index = header
        .iter()
        .position(|c| *c == Data::String(column.to_owned()))
        .unwrap_or_else(|| panic!("no column {column}: {header:?}"));
    sheet.get((row, index)).cloned().unwrap_or(Data::Empty)
}

fn number(data: &Data) -> Option<f64> {
    match data {
        Data::Float(v) => Some(*v),
        Data::Int(v) => Some(*v as f64),
        _ => None,
    }
}

pub fn the_tracking_sheet_holds_the_same_figures_with_live_formulas(workspace: &Workspace) {
    shop(workspace);
    let review = review_json(workspace);
    let output = workspace.run(&["review", "--to", TO, "-o", "bilan.xlsx"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = workspace.folder.path().join("bilan.xlsx");
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let names = workbook.sheet_names();
    for sheet in ["objectives", "weeks", "levers", "budget", "actions", "days"] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }

    let objectives = workbook.worksheet_range("objectives").unwrap();
    for (row, objective) in review["objectives"].as_array().unwrap().iter().enumerate() {
        let row = row + 1;
        assert_eq!(
            cell(&objectives, row, "Objective").to_string(),
            objective["id"]
        );
        assert_eq!(
            number(&cell(&objectives, row, "Value")),
            objective["value"].as_f64()
        );
        assert_eq!(
            number(&cell(&objectives, row, "Target")),
            objective["target"].as_f64()
        );
        let gap = number(&cell(&objectives, row, "Gap"));
        match objective["gap"].as_f64() {
            Some(expected) => assert!(close(gap.unwrap(), expected)),
            None => assert_eq!(gap, None),
        }
        assert_eq!(
            cell(&objectives, row, "Status").to_string(),
            objective["status"]
        );
    }
    let formulas = workbook.worksheet_formula("objectives").unwrap();
    assert!(
        formulas
            .used_cells()
            .any(|(_, _, f)| f == r#"IF(OR(I2="",G2=""),"",I2-G2)"#),
        "the gap of the first objective is a formula"
    );

    let levers = workbook.worksheet_range("levers").unwrap();
    for (row, lever) in review["levers"].as_array().unwrap().iter().enumerate() {
        let row = row + 1;
        assert_eq!(cell(&levers, row, "Channel").to_string(), lever["channel"]);
        for (column, key) in [
            ("Spend", "spend"),
            ("Cost per acquisition", "cpa"),
            ("ROI", "roi"),
            ("ROAS", "roas"),
            ("Share of spend", "spend_share"),
            ("Share of results", "results_share"),
        ] {
            let ours = number(&cell(&levers, row, column));
            match lever[key].as_f64() {
                Some(expected) => assert!(
                    ours.is_some_and(|v| close(v, expected)),
                    "{column}: {ours:?} vs {expected}"
                ),
                None => assert_eq!(ours, None, "{column}"),
            }
        }
    }
    let lever_formulas = workbook.worksheet_formula("levers").unwrap();
    assert!(
        lever_formulas
            .used_cells()
            .any(|(_, _, f)| f == r#"IF(E2<>"",IF(E2=0,"",C2/E2),IF(N(F2)=0,"",C2/F2))"#),
        "the first lever's cost per acquisition is a formula"
    );

    let budget = workbook.worksheet_range("budget").unwrap();
    assert_eq!(cell(&budget, 1, "Item").to_string(), "envelope");
    assert_eq!(
        number(&cell(&budget, 1, "Remaining")),
        review["budget"]["remaining"].as_f64()
    );
    assert_eq!(
        number(&cell(&budget, 1, "Spent")),
        review["budget"]["spent"].as_f64()
    );

    // The data by day: the customers of 1 January in the shop.
    let days = workbook.worksheet_range("days").unwrap();
    let first_store = (1..days.height())
        .find(|row| cell(&days, *row, "Channel") == Data::String("store".to_owned()))
        .unwrap();
    assert_eq!(number(&cell(&days, first_store, "customers")), Some(40.0));
}

/// LibreOffice recomputes every formula of the sheet: they give kpilot's
/// figures. Runs where `soffice` is installed (`bash scripts/test` installs
/// it).
pub fn libreoffice_recomputes_the_same_figures(workspace: &Workspace) {
    let Some(soffice) = ["soffice", "libreoffice"]
        .into_iter()
        .find(|name| which(name))
    else {
        panic!("LibreOffice (soffice) is not installed: `bash scripts/test` installs it");
    };
    shop(workspace);
    let review = review_json(workspace);
    let output = workspace.run(&["review", "--to", TO, "-o", "bilan.xlsx"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The cached results are dropped first, so that what LibreOffice shows
    // is its own computation.
    let folder = workspace.folder.path();
    let stripped = strip_cached_results(&std::fs::read(folder.join("bilan.xlsx")).unwrap());
    std::fs::create_dir_all(folder.join("lo")).unwrap();
    std::fs::write(folder.join("lo/bilan.xlsx"), stripped).unwrap();
    let mut bare: Xlsx<_> = open_workbook(folder.join("lo/bilan.xlsx")).unwrap();
    let bare = bare.worksheet_range("levers").unwrap();
    assert!(
        (1..bare.height()).all(|row| number(&cell(&bare, row, "ROAS")).is_none()),
        "the results to recompute are gone"
    );
    let converted = std::process::Command::new(soffice)
        .args([
            "--headless",
            "--norestore",
            &format!(
                "-env:UserInstallation=file://{}/lo-profile",
                folder.display()
            ),
            "--convert-to",
            "ods",
            "--outdir",
            folder.join("lo/out").to_str().unwrap(),
            folder.join("lo/bilan.xlsx").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let mut workbook: calamine::Ods<_> = open_workbook(folder.join("lo/out/bilan.ods")).unwrap();
    let levers = workbook.worksheet_range("levers").unwrap();
    for (row, lever) in review["levers"].as_array().unwrap().iter().enumerate() {
        for (column, key) in [
            ("Cost per acquisition", "cpa"),
            ("ROI", "roi"),
            ("ROAS", "roas"),
            ("Share of spend", "spend_share"),
            ("Share of results", "results_share"),
        ] {
            let theirs = number(&cell(&levers, row + 1, column));
            match lever[key].as_f64() {
                Some(expected) => assert!(
                    theirs.is_some_and(|v| close(v, expected)),
                    "{column}: LibreOffice {theirs:?}, kpilot {expected}"
                ),
                None => assert_eq!(theirs, None, "{column}"),
            }
        }
    }
    let objectives = workbook.worksheet_range("objectives").unwrap();
    for (row, objective) in review["objectives"].as_array().unwrap().iter().enumerate() {
        for (column, key) in [("Gap", "gap"), ("Progress", "progress")] {
            let theirs = number(&cell(&objectives, row + 1, column));
            match objective[key].as_f64() {
                Some(expected) => assert!(
                    theirs.is_some_and(|v| close(v, expected)),
                    "{column}: LibreOffice {theirs:?}, kpilot {expected}"
                ),
                None => assert_eq!(theirs, None, "{column}"),
            }
        }
    }
    let budget = workbook.worksheet_range("budget").unwrap();
    assert_eq!(
        number(&cell(&budget, 1, "Remaining")),
        review["budget"]["remaining"].as_f64()
    );
}

fn which(name: &str) -> bool {
    std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The workbook without the cached results of its formulas (the `<v>`
/// after an `<f>`), so that a spreadsheet must compute them.
fn strip_cached_results(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        if name.starts_with("xl/worksheets/") {
            let mut kept = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(at) = rest.find("</f><v>") {
                kept.push_str(&rest[..at + "</f>".len()]);
                let end = rest[at..].find("</v>").unwrap() + at + "</v>".len();
                rest = &rest[end..];
            }
            kept.push_str(rest);
            text = kept;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

pub fn the_pdf_and_html_carry_the_key_figures(workspace: &Workspace) {
    shop(workspace);
    let noted = workspace.run(&[
        "note",
        "social",
        "Les étudiants répondent mieux aux stories qu’aux posts.",
    ]);
    assert!(noted.status.success(), "{}", stderr(&noted));
    let refused = workspace.run(&["note", "tiktok", "rien"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("no objective, goal, action or channel `tiktok`"));

    let review = review_json(workspace);
    let search = review["levers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["channel"] == "search")
        .unwrap()
        .clone();
    for lang in ["fr", "en"] {
        let pdf = format!("bilan-{lang}.pdf");
        let output = workspace.run(&["--lang", lang, "review", "--to", TO, "-o", &pdf]);
        assert!(output.status.success(), "{}", stderr(&output));
        let path = workspace.folder.path().join(&pdf);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = pdf_text(&path);
        // The search spend, as the reader of each language reads it.
        let spend = search["spend"].as_f64().unwrap();
        let written = match lang {
            "fr" => kpilot_core::display::value(
                Some(spend),
                kpilot_core::kpi::Unit::Currency,
                "EUR",
                kpilot_core::kpi::Lang::Fr,
            ),
            _ => kpilot_core::display::value(
                Some(spend),
                kpilot_core::kpi::Unit::Currency,
                "EUR",
                kpilot_core::kpi::Lang::En,
            ),
        };
        let plain = |s: &str| s.replace(['\u{a0}', '\u{202f}'], " ");
        assert!(
            plain(&text).contains(&plain(&written)),
            "{written} not in the {lang} PDF:\n{text}"
        );
        let heading = if lang == "fr" {
            "Par levier"
        } else {
            "By lever"
        };
        assert!(text.contains(heading), "{text}");
        assert!(text.contains("clients-par-jour"));
        assert!(text.contains("Les étudiants répondent mieux aux stories"));
    }

    let output = workspace.run(&["review", "--to", TO, "-o", "bilan.html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(workspace.folder.path().join("bilan.html")).unwrap();
    assert!(html.contains("<svg"), "charts are inline");
    for external in ["http://", "https://", "src=", "<link", "@import", "url("] {
        let found = html
            .match_indices(external)
            .map(|(at, _)| &html[at.saturating_sub(40)..(at + 60).min(html.len())])
            .find(|around| {
                !around.contains("www.w3.org/2000/svg") && !around.contains("www.w3.org/1999/xlink")
            });
        assert_eq!(found, None, "an external reference in the HTML");
    }
    assert!(html.contains("clients-par-jour"));

    let markdown = stdout(&workspace.run(&["review", "--to", TO, "--format", "md"]));
    assert!(markdown.contains("## By lever"), "{markdown}");
    assert!(markdown.contains("| search |"), "{markdown}");
    let csv = stdout(&workspace.run(&["review", "--to", TO, "--format", "csv"]));
    assert!(csv.starts_with("# objectives.csv\n"), "{csv}");
    assert!(csv.contains("# levers.csv\n"));

    // The other example, Cloud Kicks: its review without results yet, and
    // its roadmap, the SMART table of seed 001.
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/cloud-kicks.toml");
    let applied = workspace.run(&["plan", "apply", plan.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    let cloud_kicks = "cloud-kicks-2026-h1";
    let output = workspace.run(&[
        "--lang",
        "fr",
        "review",
        "--plan",
        cloud_kicks,
        "--to",
        TO,
        "-o",
        "cloud-kicks.pdf",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&workspace.folder.path().join("cloud-kicks.pdf"));
    assert!(text.contains("taux-conversion"), "{text}");
    assert!(
        text.replace(['\u{a0}', '\u{202f}'], " ")
            .contains("enveloppe 120 000,00 €"),
        "{text}"
    );
    for (format, file) in [
        ("pdf", "roadmap.pdf"),
        ("html", "roadmap.html"),
        ("md", "roadmap.md"),
    ] {
        let output = workspace.run(&[
            "roadmap",
            "--plan",
            cloud_kicks,
            "--format",
            format,
            "-o",
            file,
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let roadmap = pdf_text(&workspace.folder.path().join("roadmap.pdf"));
    assert!(roadmap.contains("Achievable & realistic"), "{roadmap}");
    assert!(roadmap.contains("Time-bound"), "{roadmap}");
    assert!(roadmap.contains("omni-canale"), "the vision: {roadmap}");
    let markdown = std::fs::read_to_string(workspace.folder.path().join("roadmap.md")).unwrap();
    assert!(
        markdown.contains("| Impact | Specific | Measurable |"),
        "{markdown}"
    );
}

/// The text of a PDF, by poppler's `pdftotext` (`bash scripts/test`
/// installs it).
fn pdf_text(path: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by `bash scripts/test`");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// Without `--to`, the review ends on the last day with data (the shop's
/// results stop on 28 February) and says so, in English and in French; a
/// trailing-window objective whose last window has no data shows the last
/// window that had some, marked, instead of "no data".
pub fn a_review_ends_at_the_last_data_and_a_stale_window_says_its_day(workspace: &Workspace) {
    shop(workspace);
    let output = workspace.run(&["review", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let review = json_of(&output);
    assert_eq!(review["from"], "2026-01-01");
    assert_eq!(review["to"], TO);
    assert_eq!(review["last_data"], TO);
    let markdown = stdout(&workspace.run(&["review", "--format", "md"]));
    assert!(
        markdown.contains("2026-01-01 to 2026-02-28 — last data on 2026-02-28"),
        "{markdown}"
    );
    let french = workspace
        .command(&["review", "--format", "md"])
        .env("KPILOT_LANG", "fr")
        .output()
        .unwrap();
    assert!(
        stdout(&french).contains("du 01/01/2026 au 28/02/2026 — dernières données le 28/02/2026"),
        "{}",
        stdout(&french)
    );

    // Two months later: customers a day over a trailing 30 days has no data
    // in April, so the review shows the window ending on 28 February:
    // Σcustomers from 30 January to 28 February = 30 × 40 + 87 = 1,287
    // over 30 days.
    let later = workspace.run(&["review", "--to", "2026-04-30", "--format", "json"]);
    assert!(later.status.success(), "{}", stderr(&later));
    let later = json_of(&later);
    assert_eq!(later["last_data"], TO);
    let customers = later["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "clients-par-jour")
        .unwrap();
    assert_eq!(customers["value_as_of"], TO);
    assert!(
        close(customers["value"].as_f64().unwrap(), 1287.0 / 30.0),
        "{customers}"
    );
    assert_eq!(customers["components"]["customers"], "1287");
    assert_eq!(customers["window"]["from"], "2026-01-30");
    assert_ne!(customers["status"], "no_data");
    // The same figure as `kpilot status` on that day.
    let status = json_of(&workspace.run(&["status", "--at", TO, "--format", "json"]));
    let on_the_day = status["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "clients-par-jour")
        .unwrap();
    assert_eq!(on_the_day["value"], customers["value"]);
    // A cumulative objective (its window from the plan's start) keeps its
    // own window: it is never "as of".
    for objective in later["objectives"].as_array().unwrap() {
        if objective["window"]["from"] == "2026-01-01" {
            assert!(objective["value_as_of"].is_null(), "{objective}");
        }
    }
    let markdown = stdout(&workspace.run(&["review", "--to", "2026-04-30", "--format", "md"]));
    assert!(
        markdown.contains("last window with data, on 2026-02-28; customers = 1,287"),
        "{markdown}"
    );
}
