//! kpilot as a user runs it, on the binary, against a real workspace: an
//! SQLite file, and a PostgreSQL database on the server `bash scripts/test`
//! starts. Every guarantee of the import (here and in `read_right`), the
//! figures that follow (`status`, `kpi`, `budget`), the review (`review`)
//! and the weekly loop (`tracking`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use expect_test::expect;
use kpilot_store::{ObservationQuery, PostgresStore, SqliteStore, Store, StoredObservation};

mod read_right;
mod review;

use read_right::{
    a_french_run_says_everything_in_french, a_refused_first_import_creates_no_workspace,
    a_shop_whose_orders_are_all_pending_is_refused_saying_why,
    one_days_orders_over_two_files_add_up,
};

use review::{
    a_review_ends_at_the_last_data_and_a_stale_window_says_its_day,
    libreoffice_recomputes_the_same_figures, the_pdf_and_html_carry_the_key_figures,
    the_review_shows_the_figures_of_status_and_kpi,
    the_tracking_sheet_holds_the_same_figures_with_live_formulas,
};

/// Every test runs on both kinds of workspace.
macro_rules! on_both_stores {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $test() {
                    super::$test(&super::Workspace::sqlite());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $test() {
                    super::$test(&super::Workspace::postgres());
                }
            )*
        }
    };
}

on_both_stores!(
    a_french_export_is_imported_exactly,
    a_file_with_a_bad_line_imports_nothing_and_lists_every_bad_line,
    a_file_that_repeats_a_key_imports_nothing,
    a_dry_run_writes_nothing_and_says_what_would_be_stored,
    importing_twice_changes_nothing_and_a_correction_replaces_then_undo_restores,
    a_file_above_the_size_limit_is_refused_before_it_is_read,
    an_import_killed_midway_leaves_the_workspace_as_it_was,
    unknown_format_and_bad_map_are_clear_errors,
    a_shop_export_becomes_days_of_orders,
    kpi_values_are_ratios_of_the_imported_sums,
    weighted_means_weigh_each_value_by_its_own_weight,
    status_tracks_every_objective_of_the_plan,
    sales_that_cost_more_than_they_bring_and_overspend_raise_alerts,
    both_example_plans_have_a_schedule_a_budget_and_a_calendar,
    spend_entered_by_hand_adds_to_the_cost_imported,
    an_experiment_on_revenue_per_visitor_is_judged_from_its_file,
    a_share_of_last_years_revenue_sets_the_envelope,
    the_review_shows_the_figures_of_status_and_kpi,
    the_tracking_sheet_holds_the_same_figures_with_live_formulas,
    libreoffice_recomputes_the_same_figures,
    the_pdf_and_html_carry_the_key_figures,
    one_days_orders_over_two_files_add_up,
    a_shop_whose_orders_are_all_pending_is_refused_saying_why,
    a_refused_first_import_creates_no_workspace,
    a_french_run_says_everything_in_french,
    a_review_ends_at_the_last_data_and_a_stale_window_says_its_day,
);

struct Workspace {
    folder: tempfile::TempDir,
    postgres: Option<TestDatabase>,
}

impl Workspace {
    fn sqlite() -> Workspace {
        Workspace {
            folder: tempfile::tempdir().unwrap(),
            postgres: None,
        }
    }

    fn postgres() -> Workspace {
        Workspace {
            folder: tempfile::tempdir().unwrap(),
            postgres: Some(TestDatabase::create()),
        }
    }

    fn db(&self) -> PathBuf {
        self.folder.path().join("workspace.db")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kpilot"));
        command
            .args(args)
            .current_dir(self.folder.path())
            .env("KPILOT_DB", self.db())
            .env_remove("KPILOT_DATABASE_URL")
            .env_remove("KPILOT_CONFIG")
            .env_remove("KPILOT_IMPORT_MAX_SIZE")
            .env("KPILOT_LANG", "en")
            .env("KPILOT_USER", "tester");
        if let Some(database) = &self.postgres {
            command.env("KPILOT_DATABASE_URL", &database.url);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn store(&self) -> Box<dyn Store> {
        match &self.postgres {
            Some(database) => Box::new(PostgresStore::connect(&database.url).unwrap()),
            None => Box::new(SqliteStore::open(&self.db()).unwrap()),
        }
    }

    /// The workspace's observations, read through the store.
    fn observations(&self) -> Vec<StoredObservation> {
        self.store()
            .observations(&ObservationQuery::default())
            .unwrap()
    }

    fn values(&self) -> String {
        self.observations()
            .iter()
            .map(|o| {
                format!(
                    "{} {} {} {} = {} (batch {}, line {})\n",
                    o.day,
                    o.measure,
                    o.channel.as_deref().unwrap_or("-"),
                    o.segment.as_deref().unwrap_or("-"),
                    o.value,
                    o.batch,
                    o.line
                )
            })
            .collect()
    }

    /// What the command says on standard error, without the line saying a
    /// new SQLite workspace was created.
    fn stderr(&self, output: &Output) -> String {
        stderr(output).replace(&format!("created workspace {}\n", self.db().display()), "")
    }
}

/// A database of its own on the test server, dropped at the end.
struct TestDatabase {
    url: String,
    admin: String,
    name: String,
}

impl TestDatabase {
    fn create() -> TestDatabase {
        let admin = std::env::var("KPILOT_TEST_DATABASE_URL").unwrap_or_else(|_| {
            panic!(
                "KPILOT_TEST_DATABASE_URL is not set: these tests also run on PostgreSQL. \
                 Run them with `bash scripts/test`, which starts a throwaway server."
            )
        });
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!(
            "kpilot_cli_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let mut client = ::postgres::Client::connect(&admin, ::postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let (base, _) = admin.rsplit_once('/').expect("a URL ending in /DATABASE");
        TestDatabase {
            url: format!("{base}/{name}"),
            admin,
            name,
        }
    }

    /// Whether a client of this database is running a statement that
    /// starts with `prefix`.
    fn busy_with(&self, prefix: &str) -> bool {
        let mut client = ::postgres::Client::connect(&self.admin, ::postgres::NoTls).unwrap();
        let row = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = $1 AND state = 'active' AND query ILIKE $2",
                &[&self.name, &format!("{prefix}%")],
            )
            .unwrap();
        row.get::<_, i64>(0) > 0
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = ::postgres::Client::connect(&self.admin, ::postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Lines that change from run to run (times) are masked.
fn batches(workspace: &Workspace) -> String {
    let output = workspace.run(&["import", "--list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .map(|line| {
            let mut words: Vec<&str> = line.split_whitespace().collect();
            if words.first().is_some_and(|w| w.parse::<i64>().is_ok()) {
                words[1] = "DAY";
                words[2] = "TIME";
            }
            words.join(" ") + "\n"
        })
        .collect()
}

const FRENCH: &str = "Journée;Canal;Visites;Commandes;Chiffre d'affaires\r\n\
                      31/01/2026;email;1 200;24;1 234,56\r\n\
                      01/02/2026;search;980;12;0,10\r\n";

fn a_french_export_is_imported_exactly(workspace: &Workspace) {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(FRENCH);
    workspace.write("export.csv", &bytes);
    let output = workspace.run(&["import", "export.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    expect![[r#"
        export.csv: csv, Windows-1252, `;`-separated, decimal comma, format wide
          read as kpilot's own layout: its header names Journée, Canal, Visites, Commandes, Chiffre d'affaires
          columns read: Journée → the day, Canal → the channel, Visites → measure sessions, Commandes → measure transactions, Chiffre d'affaires → measure revenue
          dates of `Journée` read dmy, as `31/01/2026` on line 2 proves
          6 values over 2 days (2026-01-31 → 2026-02-01); channels: email, search; segments: —
          totals by measure:
            revenue                            1,234.66  (2)
            sessions                              2,180  (2)
            transactions                             36  (2)
        imported as batch 1: 6 new, 0 replaced, 0 unchanged
    "#]]
    .assert_eq(&stdout(&output));
    if workspace.postgres.is_none() {
        assert!(stderr(&output).contains("created workspace"));
    }
    expect![[r#"
        2026-01-31 revenue email - = 1234.56 (batch 1, line 2)
        2026-01-31 sessions email - = 1200 (batch 1, line 2)
        2026-01-31 transactions email - = 24 (batch 1, line 2)
        2026-02-01 revenue search - = 0.1 (batch 1, line 3)
        2026-02-01 sessions search - = 980 (batch 1, line 3)
        2026-02-01 transactions search - = 12 (batch 1, line 3)
    "#]]
    .assert_eq(&workspace.values());
}

fn a_file_with_a_bad_line_imports_nothing_and_lists_every_bad_line(workspace: &Workspace) {
    workspace.write("good.csv", "date,measure,value\n2026-01-01,sessions,5\n");
    assert!(workspace.run(&["import", "good.csv"]).status.success());
    let before = workspace.values();

    let mut text = String::from("date,measure,value,channel\n");
    for day in 1..=28 {
        text.push_str(&format!("2026-02-{day:02},sessions,{day},email\n"));
    }
    text.push_str("2026-02-30,sessions,1,email\n");
    text.push_str("2026-03-01,sessions,un,email\n");
    text.push_str("2026-03-02,sesions,1,email\n");
    text.push_str("2026-03-03,sessions,1\n");
    for _ in 0..60 {
        text.push_str("hier,sessions,1,email\n");
    }
    text.push_str("2026-02-01,sessions,9,email\n");
    workspace.write("bad.csv", text);
    let output = workspace.run(&["import", "bad.csv"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    // What the file was read as comes first, then every bad line.
    assert!(errors.starts_with("bad.csv: csv, UTF-8"), "{errors}");
    let lines: Vec<&str> = errors
        .lines()
        .skip_while(|line| !line.contains(": error: "))
        .collect();
    assert_eq!(
        lines[0],
        "bad.csv:30:1: error: [date] `2026-02-30` is not a date: no such day in the calendar"
    );
    assert_eq!(
        lines[1],
        "bad.csv:31:3: error: [value] `un` is not a number: expected digits, a decimal point and commas between thousands"
    );
    assert!(lines[2].starts_with(
        "bad.csv:32:2: error: [measure] unknown measure `sesions`; known measures: clicks,"
    ));
    assert_eq!(
        lines[3],
        "bad.csv:33: error: 3 fields where the header has 4"
    );
    assert_eq!(
        lines[4],
        "bad.csv:34:1: error: [date] `hier` is not a date: expected 2026-01-31, 31/01/2026, 20260131 or Jan 31, 2026"
    );
    // 50 listed, then a count, then the key given twice.
    assert_eq!(lines[50], "… and 14 more bad rows");
    assert_eq!(
        lines[51],
        "bad.csv:94: error: same day (2026-02-01), measure, channel, segment and action as line 2"
    );
    assert_eq!(
        lines[52],
        "nothing was imported: 64 bad rows, 1 duplicate; fix the file and run again"
    );
    assert_eq!(workspace.values(), before);
    expect![[r#"
        batch imported at by format values new replaced same file
        1 DAY TIME tester long 1 1 0 0 good.csv
    "#]]
    .assert_eq(&batches(workspace));
}

fn a_file_that_repeats_a_key_imports_nothing(workspace: &Workspace) {
    workspace.write(
        "twice.csv",
        "date,measure,value,channel\n2026-01-01,sessions,5,email\n2026-01-01,clicks,2,email\n2026-01-01,sessions,6,email\n",
    );
    let output = workspace.run(&["import", "twice.csv"]);
    assert_eq!(output.status.code(), Some(1));
    expect![[r#"
        twice.csv: csv, UTF-8, `,`-separated, decimal point, format long
          read as kpilot's own layout: its header names date, measure, value, channel
          columns read: date → the day, measure → the measure's name, value → the value, channel → the channel
        twice.csv:4: error: same day (2026-01-01), measure, channel, segment and action as line 2
        nothing was imported: 0 bad rows, 1 duplicate; fix the file and run again
    "#]]
    .assert_eq(&workspace.stderr(&output));
    assert_eq!(workspace.values(), "");
}

fn a_dry_run_writes_nothing_and_says_what_would_be_stored(workspace: &Workspace) {
    workspace.write("export.csv", FRENCH);
    let output = workspace.run(&["import", "export.csv", "--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with("dry run, nothing was written: 6 new, 0 replaced, 0 unchanged\n"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output)
            .contains("6 values over 2 days (2026-01-31 → 2026-02-01); channels: email, search")
    );
    assert!(!workspace.db().exists(), "a dry run creates no workspace");
    assert_eq!(workspace.values(), "");

    // On a workspace that holds the file, a corrected file's dry run says
    // what would be replaced, and replaces nothing.
    assert!(workspace.run(&["import", "export.csv"]).status.success());
    let before = workspace.values();
    workspace.write("export.csv", FRENCH.replace("1 234,56", "1 300"));
    let output = workspace.run(&["import", "export.csv", "--dry-run"]);
    assert!(
        stdout(&output).ends_with("dry run, nothing was written: 0 new, 1 replaced, 5 unchanged\n"),
        "{}",
        stdout(&output)
    );
    assert_eq!(workspace.values(), before);
}

fn importing_twice_changes_nothing_and_a_correction_replaces_then_undo_restores(
    workspace: &Workspace,
) {
    workspace.write("export.csv", FRENCH);
    assert!(workspace.run(&["import", "export.csv"]).status.success());
    let first = workspace.values();

    let again = workspace.run(&["import", "export.csv"]);
    assert!(again.status.success());
    assert!(
        stdout(&again).starts_with("export.csv was already imported this way (batch 1, on "),
        "{}",
        stdout(&again)
    );
    assert_eq!(workspace.values(), first);

    // The same day, measure and channel from a corrected export: replaced.
    workspace.write("corrected.csv", FRENCH.replace("1 234,56", "1 300"));
    let output = workspace.run(&["import", "corrected.csv"]);
    assert!(
        stdout(&output).ends_with("imported as batch 2: 0 new, 1 replaced, 5 unchanged\n"),
        "{}",
        stdout(&output)
    );
    assert!(
        workspace
            .values()
            .contains("2026-01-31 revenue email - = 1300 (batch 2, line 2)")
    );
    expect![[r#"
        batch imported at by format values new replaced same file
        1 DAY TIME tester wide 6 6 0 0 export.csv
        2 DAY TIME tester wide 6 0 1 5 corrected.csv
    "#]]
    .assert_eq(&batches(workspace));

    let undo = workspace.run(&["import", "--undo", "2"]);
    assert!(undo.status.success(), "{}", stderr(&undo));
    expect![[r#"
        import batch 2 undone: 6 values removed, 6 earlier values restored
    "#]]
    .assert_eq(&stdout(&undo));
    assert_eq!(workspace.values(), first);

    let missing = workspace.run(&["import", "--undo", "7"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "error: there is no import batch 7 (see kpilot import --list)\n"
    );
}

fn a_file_above_the_size_limit_is_refused_before_it_is_read(workspace: &Workspace) {
    workspace.write("export.csv", FRENCH);
    let output = workspace.run(&["import", "export.csv", "--max-size", "100B"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: export.csv is {} B, above the import size limit of 100 B: raise it with --max-size, KPILOT_IMPORT_MAX_SIZE or import_max_size in kpilot.toml\n",
            FRENCH.len()
        )
    );
    assert!(!workspace.db().exists());
    // The limit also comes from the settings file.
    workspace.write("kpilot.toml", "import_max_size = \"1KB\"\n");
    workspace.write(
        "big.csv",
        "date,sessions\n".to_owned() + &"2026-01-01,1\n".repeat(100),
    );
    let output = workspace.run(&["import", "big.csv"]);
    assert!(
        stderr(&output).contains("above the import size limit of 1000 B"),
        "{}",
        stderr(&output)
    );
    assert!(workspace.run(&["import", "export.csv"]).status.success());
}

/// A long file of `rows` rows, unique keys, in day order.
fn long_file(rows: usize) -> String {
    let mut text = String::with_capacity(rows * 40);
    text.push_str("date,measure,value,channel,segment\n");
    let start = jiff::civil::date(2024, 1, 1);
    let measures = ["sessions", "transactions", "revenue", "cost"];
    let mut written = 0;
    'days: for day in 0.. {
        let date = start.checked_add(jiff::Span::new().days(day)).unwrap();
        for measure in measures {
            for segment in 0..250 {
                if written == rows {
                    break 'days;
                }
                text.push_str(&format!(
                    "{date},{measure},{}.25,email,s{segment}\n",
                    written % 997
                ));
                written += 1;
            }
        }
    }
    text
}

fn an_import_killed_midway_leaves_the_workspace_as_it_was(workspace: &Workspace) {
    workspace.write("first.csv", "date,measure,value\n2024-01-01,sessions,5\n");
    assert!(workspace.run(&["import", "first.csv"]).status.success());
    let before = (workspace.values(), batches(workspace));

    workspace.write("large.csv", long_file(1_500_000));
    let wal = PathBuf::from(format!("{}-wal", workspace.db().display()));
    let wal_size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let start_size = wal_size(&wal);
    // The import is writing its transaction when the SQLite write-ahead log
    // has grown by a few megabytes, or when the PostgreSQL server is
    // receiving its rows.
    let writing = || match &workspace.postgres {
        None => wal_size(&wal) >= start_size + (4 << 20),
        Some(database) => database.busy_with("COPY"),
    };
    let mut child = workspace
        .command(&["import", "large.csv"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it there, with no chance to clean up.
    let deadline = Instant::now() + Duration::from_secs(120);
    while !writing() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be killed: make the file larger"
        );
        assert!(
            Instant::now() < deadline,
            "the import never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix.
    let status = child.wait().unwrap();
    assert!(!status.success());

    assert_eq!((workspace.values(), batches(workspace)), before);
    if workspace.postgres.is_none() {
        let connection = rusqlite::Connection::open(workspace.db()).unwrap();
        let check: String = connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    // And the workspace takes the file afterwards.
    let output = workspace.run(&["import", "large.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with("imported as batch 2: 1,500,000 new, 0 replaced, 0 unchanged\n")
    );
}

fn unknown_format_and_bad_map_are_clear_errors(workspace: &Workspace) {
    workspace.write("export.csv", FRENCH);
    let output = workspace.run(&["import", "export.csv", "--format", "excel"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .starts_with("error: unknown format `excel`: use auto, long, wide or one of")
    );
    let output = workspace.run(&["import", "export.csv", "--map", "Visites"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --map `Visites`: write `Header=measure`, or `Header=-` to skip the column\n"
    );
    let output = workspace.run(&["import"]);
    assert_eq!(output.status.code(), Some(2));
}

fn a_shop_export_becomes_days_of_orders(workspace: &Workspace) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kpilot-import/tests/data/presets/shopify.csv");
    workspace.write("orders.csv", std::fs::read(sample).unwrap());
    let output = workspace.run(&["import", "orders.csv", "--format", "shopify"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("  11 columns not read: Email, Paid at,"),
        "{}",
        stdout(&output)
    );
    expect![[r#"
        2026-01-05 revenue website - = 71.9 (batch 1, line 2)
        2026-01-05 transactions website - = 2 (batch 1, line 2)
        2026-01-06 revenue store - = 36 (batch 1, line 7)
        2026-01-06 revenue website - = 0 (batch 1, line 6)
        2026-01-06 transactions store - = 1 (batch 1, line 7)
        2026-01-06 transactions website - = 0 (batch 1, line 6)
    "#]]
    .assert_eq(&workspace.values());
    expect![[r#"
        batch imported at by format values new replaced same file
        1 DAY TIME tester shopify 6 6 0 0 orders.csv
    "#]]
    .assert_eq(&batches(workspace));
}

fn kpi_values_are_ratios_of_the_imported_sums(workspace: &Workspace) {
    // Day 1: 1 order for 10 visits (10 %); day 2: 9 for 990 (0.9 %). The
    // week's rate is 10 / 1000 = 1 %, not the mean of daily rates (5.45 %).
    workspace.write(
        "week.csv",
        "Date;Canal;Visites;Commandes\n\
         01/01/2026;email;10;1\n\
         02/01/2026;email;990;9\n\
         02/01/2026;search;500;0\n\
         05/01/2026;search;0;0\n",
    );
    assert!(workspace.run(&["import", "week.csv"]).status.success());
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec![
            "kpi",
            "conversion_rate",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-07",
        ];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let output = workspace.run(&all);
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let email = json(&["--channel", "email"]);
    assert_eq!(email["value"], serde_json::json!(0.01));
    assert_eq!(
        email["components"],
        serde_json::json!({"sessions": 1000, "transactions": 10})
    );
    assert_eq!(email["channel"], "email");
    assert_eq!(email["previous"], serde_json::Value::Null);
    // A day with sessions at zero has no rate: null, never 0.
    let by_day = json(&["--channel", "search", "--grain", "day"]);
    let series = by_day["series"].as_array().unwrap();
    assert_eq!(series.len(), 7);
    assert_eq!(series[1]["value"], serde_json::json!(0.0));
    assert_eq!(series[4]["period"], "2026-01-05");
    assert_eq!(series[4]["value"], serde_json::Value::Null);
    assert_eq!(
        series[4]["components"],
        serde_json::json!({"sessions": 0, "transactions": 0})
    );
    let breakdown = json(&["--by", "channel"]);
    assert_eq!(
        breakdown["breakdown"],
        serde_json::json!([
            {"channel": "email", "value": 0.01, "components": {"sessions": 1000, "transactions": 10}},
            {"channel": "search", "value": 0.0, "components": {"sessions": 500, "transactions": 0}},
        ])
    );
    let table = workspace.run(&[
        "kpi",
        "conversion_rate",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-07",
        "--grain",
        "week",
    ]);
    expect![[r#"
        conversion_rate — Conversion rate, 2026-01-01 → 2026-01-07
          value        0.7%   sessions 1,500 · transactions 10
          previous     —   (no data)  (2025-12-25 → 2025-12-31)

          period              value  sessions  transactions
          2026-W01 (partial)   0.7%     1,500            10
          2026-W02 (partial)      —         0             0
    "#]]
    .assert_eq(&stdout(&table));
}

fn weighted_means_weigh_each_value_by_its_own_weight(workspace: &Workspace) {
    // A plan with a weighted mean of its own (the store keeps the products
    // of the catalogue's only: this one is computed from the observations).
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/cloud-kicks.toml");
    let mut plan = std::fs::read_to_string(example).unwrap();
    plan.push_str(
        "\n[[measures]]\nid = \"page_rating\"\nname = { fr = \"Note des pages\", en = \"Page rating\" }\n\
         unit = \"score\"\ndirection = \"up\"\naggregation = \"mean:sessions\"\n",
    );
    workspace.write("plan.toml", plan);
    let applied = workspace.run(&["plan", "apply", "plan.toml"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    // Position 2 on 100 impressions and 5 on 300: (200 + 1 500) / 400 =
    // 4.25. A position without impressions weighs nothing. Rating 4 on 100
    // sessions and 2 on 300: (400 + 600) / 400 = 2.5; sessions without a
    // rating weigh nothing.
    workspace.write(
        "means.csv",
        "date,measure,value,channel\n\
         2026-01-01,search_position,2,search\n\
         2026-01-01,impressions,100,search\n\
         2026-01-01,search_position,5,email\n\
         2026-01-01,impressions,300,email\n\
         2026-01-02,search_position,9,search\n\
         2026-01-01,page_rating,4,search\n\
         2026-01-01,sessions,100,search\n\
         2026-01-01,page_rating,2,email\n\
         2026-01-01,sessions,300,email\n\
         2026-01-03,sessions,50,display\n",
    );
    let imported = workspace.run(&["import", "means.csv"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let json = |kpi: &str| -> serde_json::Value {
        let output = workspace.run(&[
            "kpi",
            kpi,
            "--plan",
            "cloud-kicks-2026-h1",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-07",
            "--by",
            "channel",
            "--format",
            "json",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let position = json("search_position");
    assert_eq!(position["value"], serde_json::json!(4.25));
    assert_eq!(
        position["components"],
        serde_json::json!({"search_position×impressions": 1700, "impressions": 400})
    );
    assert_eq!(
        position["breakdown"],
        serde_json::json!([
            {"channel": "email", "value": 5.0, "components": {"search_position×impressions": 1500, "impressions": 300}},
            {"channel": "search", "value": 2.0, "components": {"search_position×impressions": 200, "impressions": 100}},
        ])
    );
    let rating = json("page_rating");
    assert_eq!(rating["value"], serde_json::json!(2.5));
    assert_eq!(
        rating["components"],
        serde_json::json!({"page_rating×sessions": 1000, "sessions": 400})
    );
    assert_eq!(
        rating["breakdown"],
        serde_json::json!([
            {"channel": "email", "value": 2.0, "components": {"page_rating×sessions": 600, "sessions": 300}},
            {"channel": "search", "value": 4.0, "components": {"page_rating×sessions": 400, "sessions": 100}},
        ])
    );
}

fn status_tracks_every_objective_of_the_plan(workspace: &Workspace) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/boutique.toml");
    let applied = workspace.run(&["plan", "apply", plan.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    // 59 days from 1 January: 40 to 46 customers a day in the shop
    // (43 a day on average over any 28 days), and students on social media
    // at 30 to 34 € a day for 2 sales a day.
    let mut store = String::from("date;canal;clients\n");
    let mut social = String::from("date;canal;segment;coût;conversions\n");
    let start = jiff::civil::date(2026, 1, 1);
    for i in 0..59i64 {
        let day = start.checked_add(jiff::Span::new().days(i)).unwrap();
        store.push_str(&format!("{day};store;{}\n", 40 + i % 7));
        social.push_str(&format!("{day};social;students;{};2\n", 30 + i % 5));
    }
    workspace.write("store.csv", store);
    workspace.write("social.csv", social);
    assert!(workspace.run(&["import", "store.csv"]).status.success());
    assert!(workspace.run(&["import", "social.csv"]).status.success());
    let output = workspace.run(&["status", "--at", "2026-03-10", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let status: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(status["plan"], "comptoir-des-jeux-2026");
    assert_eq!(status["at"], "2026-03-10");
    let objectives = status["objectives"].as_array().unwrap();
    let find = |id: &str| objectives.iter().find(|o| o["id"] == id).unwrap().clone();
    // Customers a day over the 30 days to 10 March (the objective's
    // trailing window), whose data stops on 28 February: (Σ customers of
    // 9-28 Feb) / 30 days.
    let customers = find("clients-par-jour");
    for key in [
        "id",
        "kpi",
        "value",
        "baseline",
        "target",
        "progress",
        "expected_progress",
        "status",
        "forecast",
    ] {
        assert!(
            customers.get(key).is_some(),
            "{key} is part of the contract"
        );
    }
    let sum: i64 = (39..59).map(|i| 40 + i % 7).sum();
    let value = sum as f64 / 30.0;
    assert_eq!(customers["value"].as_f64(), Some(value));
    assert_eq!(
        customers["components"]["customers"],
        serde_json::json!(sum.to_string())
    );
    // 20 days of data in a 30-day window: far below the 38 of the
    // baseline, off track (and the data is stale, below).
    assert_eq!(customers["status"], "off_track");
    // A cost per acquisition from 18 € towards 12 € (lower is better).
    let cpa = find("cpa-etudiants");
    assert_eq!(cpa["kpi"], "cpa");
    let progress = cpa["progress"].as_f64().unwrap();
    let value = cpa["value"].as_f64().unwrap();
    assert!((progress - (value - 18.0) / (12.0 - 18.0)).abs() < 1e-12);
    assert_eq!(find("optin-email")["status"], "no_data");
    // 59 days of data: a forecast at the deadline, with its 80 % interval
    // and the chance of reaching the target.
    let forecast = &customers["forecast"];
    for key in ["value", "low", "high", "probability"] {
        assert!(forecast[key].is_number(), "forecast.{key}: {forecast}");
    }
    assert!(forecast["low"].as_f64() <= forecast["value"].as_f64());
    assert!(forecast["value"].as_f64() <= forecast["high"].as_f64());
    assert_eq!(find("optin-email")["forecast"], serde_json::Value::Null);
    assert_eq!(find("optin-email")["no_forecast"], "too_little_data");
    let rules: Vec<(String, String)> = status["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["rule"].as_str().unwrap().to_owned(),
                a["item"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // The shop's and social data stopped on 28 February: stale on 10 March.
    assert!(
        rules.contains(&("data.stale".to_owned(), "clients-par-jour".to_owned())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("data.stale".to_owned(), "cpa-etudiants".to_owned())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("data.missing".to_owned(), "optin-email".to_owned())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&(
            "objective.off_track".to_owned(),
            "clients-par-jour".to_owned()
        )),
        "{rules:?}"
    );
    let goals = status["goals"].as_array().unwrap();
    assert_eq!(goals[0]["id"], "conquete");
    assert_eq!(goals[0]["no_data"], 1);
}

fn sales_that_cost_more_than_they_bring_and_overspend_raise_alerts(workspace: &Workspace) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/cloud-kicks.toml");
    assert!(
        workspace
            .run(&["plan", "apply", plan.to_str().unwrap()])
            .status
            .success()
    );
    // Cloud Kicks has a sales goal and a fixed envelope of 120 000 €. Over
    // the 28 days to 28 February: 4 800 € spent a day for 40 sales of
    // 100 €: each sale costs 120 € (cost per acquisition) and brings 100 €
    // (average purchase value). The heatmap action (a one-off budget of
    // 2 500 €) spent 3 000 €. In all, 59 days × 4 800 € = 283 200 € spent:
    // above the envelope.
    let mut text = String::from("date,measure,value,channel,action\n");
    let start = jiff::civil::date(2026, 1, 1);
    for i in 0..59i64 {
        let day = start.checked_add(jiff::Span::new().days(i)).unwrap();
        text.push_str(&format!("{day},cost,4800,search,\n"));
        text.push_str(&format!("{day},conversions,40,search,\n"));
        text.push_str(&format!("{day},transactions,40,search,\n"));
        text.push_str(&format!("{day},revenue,4000,search,\n"));
    }
    text.push_str("2026-01-20,cost,3000,website,heatmap-paiement\n");
    workspace.write("spend.csv", text);
    let imported = workspace.run(&["import", "spend.csv"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let output = workspace.run(&["status", "--at", "2026-02-28", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let status: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let alerts = status["alerts"].as_array().unwrap();
    let find = |rule: &str, item: &str| {
        alerts
            .iter()
            .find(|a| a["rule"] == rule && a["item"] == item)
            .unwrap_or_else(|| panic!("no {rule} on {item}: {alerts:?}"))
            .clone()
    };
    expect![[r#"
        "over the last 28 days each sale cost €120.00 for an average purchase of €100.00: it costs more than it brings"
    "#]]
    .assert_eq(&format!("{}\n", find("kpi.cpa_above_aov", "cloud-kicks-2026-h1")["message"]));
    expect![[r#"
        "spend of €286,200.00 above the plan's envelope (€120,000.00)"
    "#]]
    .assert_eq(&format!(
        "{}\n",
        find("budget.overspend", "cloud-kicks-2026-h1")["message"]
    ));
    assert!(
        find("budget.overspend", "heatmap-paiement")["message"]
            .as_str()
            .unwrap()
            .ends_with("spent €3,000.00 against a budget of €2,500.00")
    );
}

fn json_of(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn both_example_plans_have_a_schedule_a_budget_and_a_calendar(workspace: &Workspace) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for (file, id) in [
        ("cloud-kicks.toml", "cloud-kicks-2026-h1"),
        ("boutique.toml", "comptoir-des-jeux-2026"),
    ] {
        let path = examples.join(file);
        let applied = workspace.run(&["plan", "apply", path.to_str().unwrap()]);
        assert!(applied.status.success(), "{}", stderr(&applied));
        let schedule = json_of(&workspace.run(&[
            "schedule",
            "--plan",
            id,
            "--at",
            "2026-01-02",
            "--format",
            "json",
        ]));
        assert_eq!(schedule["plan"], id);
        assert_eq!(schedule["at"], "2026-01-02");
        let actions = schedule["actions"].as_array().unwrap();
        assert!(actions.len() >= 10, "{file}");
        for action in actions {
            for key in [
                "id",
                "earliest_start",
                "latest_start",
                "latest_finish",
                "slack_days",
                "critical",
                "state",
                "late_days",
            ] {
                assert!(action.get(key).is_some(), "{file}: {key} in {action}");
            }
            // Every action of the examples has dates: each is placed.
            assert!(action["latest_start"].is_string(), "{file}: {action}");
            // Nothing recorded yet: every action is to do.
            assert_eq!(action["state"], "todo", "{file}: {action}");
            assert!(action["late_days"].is_i64(), "{file}: {action}");
            assert!(action["critical"].is_boolean(), "{file}: {action}");
        }
        for finding in schedule["findings"].as_array().unwrap() {
            assert!(finding["rule"].is_string() && finding["message"].is_string());
        }
        let table = workspace.run(&["schedule", "--plan", id, "--at", "2026-01-02"]);
        assert!(
            stdout(&table).contains("latest start"),
            "{}",
            stdout(&table)
        );

        for by in ["channel", "tactic", "action", "week", "month"] {
            let budget = json_of(&workspace.run(&[
                "budget",
                "--plan",
                id,
                "--at",
                "2026-06-30",
                "--by",
                by,
                "--format",
                "json",
            ]));
            let lines = budget["lines"].as_array().unwrap();
            assert!(!lines.is_empty(), "{file} by {by}");
            // The lines' budgets add up to the actions' allocation (a
            // month's to what is planned in it: the same money).
            let sum: f64 = lines.iter().map(|l| l["budget"].as_f64().unwrap()).sum();
            let allocated = budget["allocated"].as_f64().unwrap();
            assert!(
                (sum - allocated).abs() < 0.05,
                "{file} by {by}: {sum} vs {allocated}"
            );
            assert!(lines.iter().all(|l| l.get(by).is_some()), "{file} by {by}");
        }

        // The calendar, read back with an iCalendar parser.
        let ics = workspace.run(&["schedule", "--plan", id, "--format", "ics"]);
        assert!(ics.status.success(), "{}", stderr(&ics));
        let text = String::from_utf8(ics.stdout.clone()).unwrap();
        assert!(
            text.lines().all(|line| line.len() <= 76),
            "lines are folded"
        );
        assert!(text.contains("\r\n"));
        let calendars: Vec<_> = ical::IcalParser::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(calendars.len(), 1);
        let events = &calendars[0].events;
        let occurrences: usize = actions
            .iter()
            .map(|a| a["occurrences"].as_array().unwrap().len())
            .sum();
        assert_eq!(
            events.len(),
            occurrences,
            "{file}: one event per occurrence"
        );
        let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        let mut uids: Vec<String> = events.iter().map(|e| property(e, "UID").unwrap()).collect();
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), events.len(), "{file}: UIDs are unique");
        for event in events {
            let start = property(event, "DTSTART").unwrap();
            let end = property(event, "DTEND").unwrap();
            assert_eq!(start.len(), 8, "an all-day date: {start}");
            assert!(
                end > start,
                "DTEND is the day after the last: {start} {end}"
            );
            assert!(property(event, "SUMMARY").is_some());
            assert!(property(event, "ORGANIZER").unwrap().starts_with("mailto:"));
        }
        // A second export keeps the UIDs: a calendar updates its events.
        let again = workspace.run(&["schedule", "--plan", id, "--format", "ics"]);
        let again = String::from_utf8(again.stdout).unwrap();
        let uid_lines = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(uid_lines(&text), uid_lines(&again));
    }
    // The Tuesday-afternoon game of the shop comes back on the second
    // Tuesday of each month, February to December: 11 events.
    let schedule = json_of(&workspace.run(&[
        "schedule",
        "--plan",
        "comptoir-des-jeux-2026",
        "--at",
        "2026-01-02",
        "--format",
        "json",
    ]));
    let seniors = schedule["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "apres-midi-seniors")
        .unwrap()
        .clone();
    let days: Vec<&str> = seniors["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start"].as_str().unwrap())
        .collect();
    assert_eq!(days.len(), 11);
    assert_eq!(days[0], "2026-02-10");
    assert_eq!(days[10], "2026-12-08");
    assert_eq!(seniors["budget"], 1320.0);
}

/// An A/B test judged on revenue per visitor: its results file (French,
/// with revenue and the sum of its squares) stored exactly in either
/// workspace, and the judgement computed from the sums.
fn an_experiment_on_revenue_per_visitor_is_judged_from_its_file(workspace: &Workspace) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/cloud-kicks.toml");
    let plan = std::fs::read_to_string(example).unwrap()
        + r#"
[[experiments]]
id = "ab-lots"
action = "test-ab-paiement"
hypothesis = "Les lots font dépenser davantage"
kpi = "revenue_per_visitor"
variants = [{ id = "A", split = 0.5, control = true }, { id = "B", split = 0.5 }]
start = 2026-02-09
mde = 0.1
relative = true
"#;
    let path = workspace.write("plan.toml", plan);
    let applied = workspace.run(&["plan", "apply", path.to_str().unwrap()]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    let mut file = "jour;variante;visiteurs;conversions;chiffre d'affaires;CA²\n".to_owned();
    for day in 10..=20 {
        file.push_str(&format!("{day}/02/2026;A;1 000;30;1 500,25;95 000,5\n"));
        file.push_str(&format!("{day}/02/2026;B;1 000;32;1 800,75;130 000\n"));
    }
    let path = workspace.write("lots.csv", file);
    let imported = workspace.run(&["experiment", "import", "ab-lots", path.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(stdout(&imported).contains("22 row(s) read for experiment `ab-lots`: 22 added"));
    let rows = workspace
        .store()
        .experiment_rows(
            &kpilot_core::ids::PlanId::parse("cloud-kicks-2026-h1").unwrap(),
            "ab-lots",
            None,
        )
        .unwrap();
    assert_eq!(rows.len(), 22);
    assert_eq!(rows[0].row.revenue, Some("1500.25".parse().unwrap()));
    assert_eq!(
        rows[0].row.revenue_squares,
        Some("95000.5".parse().unwrap())
    );

    let judged = workspace.run(&[
        "experiment",
        "ab-lots",
        "--at",
        "2026-03-01",
        "--format",
        "json",
    ]);
    assert!(judged.status.success(), "{}", stderr(&judged));
    let json: serde_json::Value = serde_json::from_str(&stdout(&judged)).unwrap();
    // Revenue per visitor from the sums: 11 × 1 500,25 / 11 000.
    let value = |variant: usize| json["variants"][variant]["value"].as_f64().unwrap();
    assert!((value(0) - 1.50025).abs() < 1e-12, "{}", value(0));
    assert!((value(1) - 1.80075).abs() < 1e-12, "{}", value(1));
    let comparison = &json["comparisons"][0];
    let lift = comparison["lift"].as_f64().unwrap();
    assert!((lift - (1.80075 / 1.50025 - 1.0)).abs() < 1e-12, "{lift}");
    assert!(comparison["ci_low"].as_f64().unwrap() < lift);
    assert!(
        comparison["sequential"]["ci_low"].as_f64().unwrap()
            < comparison["ci_low"].as_f64().unwrap()
    );
    assert!(json["sample_size_per_variant"].as_u64().is_some());
}

fn spend_entered_by_hand_adds_to_the_cost_imported(workspace: &Workspace) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/cloud-kicks.toml");
    assert!(
        workspace
            .run(&["plan", "apply", plan.to_str().unwrap()])
            .status
            .success()
    );
    // 1 500 € of cost imported for the SEO work, 1 234,56 € entered by hand
    // for it, 99 € by hand for the mobile survey.
    workspace.write(
        "cost.csv",
        "date,measure,value,channel,action\n2026-02-02,cost,1500,search,seo-continu\n",
    );
    assert!(workspace.run(&["import", "cost.csv"]).status.success());
    let entered = workspace.run(&[
        "spend",
        "seo-continu",
        "1 234,56",
        "--date",
        "2026-03-02",
        "--note",
        "agence SEO",
    ]);
    assert!(entered.status.success(), "{}", stderr(&entered));
    assert!(
        stdout(&entered).contains("€1,234.56"),
        "{}",
        stdout(&entered)
    );
    assert!(
        workspace
            .run(&["spend", "enquete-mobile", "99", "--date", "2026-03-03"])
            .status
            .success()
    );
    // Refused, with the reason: an unknown action, a day outside the plan,
    // an amount that is not one.
    let unknown = workspace.run(&["spend", "seo", "10", "--date", "2026-03-02"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("has no action `seo`"),
        "{}",
        stderr(&unknown)
    );
    let outside = workspace.run(&["spend", "seo-continu", "10", "--date", "2027-01-04"]);
    assert_eq!(outside.status.code(), Some(2));
    assert!(
        stderr(&outside).contains("outside plan"),
        "{}",
        stderr(&outside)
    );
    let nonsense = workspace.run(&["spend", "seo-continu", "dix", "--date", "2026-03-02"]);
    assert_eq!(nonsense.status.code(), Some(2));
    assert!(
        stderr(&nonsense).contains("amount `dix`"),
        "{}",
        stderr(&nonsense)
    );

    let budget = json_of(&workspace.run(&[
        "budget",
        "--at",
        "2026-03-31",
        "--by",
        "action",
        "--format",
        "json",
    ]));
    let line = |id: &str| {
        budget["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["action"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(line("seo-continu")["spent"], 2734.56);
    // Six months begun from 5 January to 30 June at 2 000 €.
    assert_eq!(line("seo-continu")["budget"], 12000.0);
    assert_eq!(line("enquete-mobile")["spent"], 99.0);
    assert_eq!(budget["spent"], 2833.56);
    assert_eq!(budget["envelope"], 120000.0);
    assert_eq!(budget["remaining"], 117166.44);
    assert_eq!(budget["method"], "fixed");
    // By channel: the imported cost in its channel, the hand-entered spend
    // in its action's.
    let by_channel = json_of(&workspace.run(&[
        "budget",
        "--at",
        "2026-03-31",
        "--by",
        "channel",
        "--format",
        "json",
    ]));
    let search = by_channel["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["channel"] == "search")
        .unwrap()
        .clone();
    assert_eq!(search["spent"], 2734.56);
}

fn a_share_of_last_years_revenue_sets_the_envelope(workspace: &Workspace) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/boutique.toml");
    let text = std::fs::read_to_string(plan)
        .unwrap()
        .replace("revenue_base = 500000", "base = \"last_12_months\"");
    assert!(text.contains("base = \"last_12_months\""));
    workspace.write("plan.toml", text);
    let applied = workspace.run(&["plan", "apply", "plan.toml"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    // Without revenue in 2025, the envelope is unknown, and said so.
    let unknown = json_of(&workspace.run(&["budget", "--at", "2026-03-31", "--format", "json"]));
    assert_eq!(unknown["envelope"], serde_json::Value::Null);
    // 2025's revenue: 12 months of 40 000,50 €, and one day of 2026 (not
    // counted: the base is the 12 months before the plan).
    let mut revenue = String::from("date;measure;value\n");
    for month in 1..=12 {
        revenue.push_str(&format!("15/{month:02}/2025;revenue;40000,50\n"));
    }
    revenue.push_str("02/01/2026;revenue;99999\n");
    workspace.write("revenue.csv", revenue);
    let imported = workspace.run(&["import", "revenue.csv"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let budget = json_of(&workspace.run(&["budget", "--at", "2026-03-31", "--format", "json"]));
    // 5 % of 480 006 €.
    assert_eq!(budget["envelope"], 24000.3);
    assert_eq!(budget["method"], "revenue_share");
}
