//! The `kpilot` binary, run as a user would, in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use expect_test::expect;
use kpilot_core::plan_file;

struct Workspace {
    folder: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        Workspace {
            folder: tempfile::tempdir().unwrap(),
        }
    }

    /// A workspace holding the example plan `cloud-kicks.toml`.
    fn with_cloud_kicks() -> Workspace {
        let workspace = Workspace::new();
        let example = examples()
            .into_iter()
            .find(|path| path.ends_with("cloud-kicks.toml"))
            .unwrap();
        let output = workspace.run(&["plan", "apply", example.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        workspace
    }

    fn db(&self) -> PathBuf {
        self.folder.path().join("workspace.db")
    }

    /// Runs kpilot in the folder with this workspace and no settings from
    /// the environment of the machine running the tests.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kpilot"))
            .args(args)
            .current_dir(self.folder.path())
            .env("KPILOT_DB", self.db())
            .env_remove("KPILOT_CONFIG")
            .env_remove("KPILOT_LANG")
            // The locale decides the default language: none here, so French.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("KPILOT_USER", "tester")
            .output()
            .unwrap()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.folder.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn examples() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "examples/ holds the example plans");
    files
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn every_example_passes_check_without_findings() {
    let workspace = Workspace::new();
    for example in examples() {
        let output = workspace.run(&["check", example.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        assert!(
            stdout(&output).ends_with(": 0 erreur, 0 avertissement\n"),
            "{}",
            stdout(&output)
        );
    }
}

#[test]
fn export_after_apply_gives_the_same_plan_for_every_example() {
    let workspace = Workspace::new();
    for example in examples() {
        let text = std::fs::read_to_string(&example).unwrap();
        let plan = plan_file::parse(&text).unwrap().plan;

        let output = workspace.run(&["plan", "apply", example.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            stdout(&output),
            format!("plan `{}` stored (revision 1)\n", plan.id)
        );

        let output = workspace.run(&["plan", "export", plan.id.as_str()]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let exported = stdout(&output);
        assert_eq!(plan_file::parse(&exported).unwrap().plan, plan);
        assert_eq!(exported, plan_file::write(&plan));

        // The exported file applies as "unchanged", and exports to a file.
        let path = workspace.write("exported.toml", &exported);
        let output = workspace.run(&["plan", "apply", path.to_str().unwrap()]);
        assert_eq!(
            stdout(&output),
            format!("plan `{}` unchanged (revision 1)\n", plan.id)
        );
        let output = workspace.run(&["plan", "export", plan.id.as_str(), "-o", "again.toml"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let again = std::fs::read_to_string(workspace.folder.path().join("again.toml")).unwrap();
        assert_eq!(again, exported);
    }
    let output = workspace.run(&["plan", "list"]);
    assert_eq!(stdout(&output).lines().count(), examples().len());
}

#[test]
fn check_reports_errors_like_a_compiler_and_exits_1() {
    let workspace = Workspace::new();
    let example = std::fs::read_to_string(&examples()[0]).unwrap();
    // Drop the first objective's deadline: a time_bound error on that objective.
    let broken = example.replacen("deadline = ", "# deadline = ", 1);
    let path = workspace.write("broken.toml", &broken);
    let output = workspace.run(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error[smart.time_bound]"), "{text}");
    assert!(text.contains("broken.toml:"), "{text}");
    assert!(
        text.contains("  = help: add `deadline = YYYY-MM-DD`"),
        "{text}"
    );

    let output = workspace.run(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "smart.time_bound");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("n’a pas d’échéance")
    );
    let output = workspace.run(&[
        "--lang",
        "en",
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert!(finding["item"].is_string());
    assert!(finding["message"].as_str().unwrap().contains("no deadline"));
    assert!(finding["line"].as_u64().unwrap() > 1);
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let workspace = Workspace::new();
    let path = workspace.write(
        "bad.toml",
        "[plan]\nid = \"p\"\nname = \"P\nstart = 2026-01-01\n",
    );
    let output = workspace.run(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "plan.syntax");
    assert_eq!(finding["line"], 3);
    assert!(finding["column"].as_u64().is_some());

    let output = workspace.run(&["plan", "apply", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("bad.toml:3:"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("error[plan.syntax]"));
    assert!(
        !workspace.db().exists(),
        "nothing is written for an unreadable plan"
    );
}

#[test]
fn apply_refuses_a_plan_with_errors_and_stores_nothing() {
    let workspace = Workspace::new();
    let example = std::fs::read_to_string(&examples()[0]).unwrap();
    let broken = example.replacen("deadline = ", "# deadline = ", 1);
    let path = workspace.write("broken.toml", &broken);
    let output = workspace.run(&["plan", "apply", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("plan not applied"));
    let output = workspace.run(&["plan", "list"]);
    assert_eq!(
        stdout(&output),
        "no plan yet: `kpilot plan apply FILE` stores one\n"
    );
}

#[test]
fn missing_file_and_unknown_plan_exit_2_with_a_message() {
    let workspace = Workspace::new();
    let output = workspace.run(&["check", "nowhere.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read nowhere.toml"));
    let output = workspace.run(&["plan", "export", "ghost"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no plan `ghost` in the workspace"));
}

#[test]
fn the_command_that_creates_the_workspace_says_where() {
    let workspace = Workspace::new();
    let output = workspace.run(&["plan", "list"]);
    assert!(stderr(&output).contains(&format!("created workspace {}", workspace.db().display())));
    let output = workspace.run(&["plan", "list"]);
    assert!(!stderr(&output).contains("created workspace"));
}

#[test]
fn settings_file_sets_the_workspace_and_flags_win() {
    let workspace = Workspace::new();
    workspace.write("kpilot.toml", "db = \"from-file.db\"\nlang = \"en\"\n");
    let output = Command::new(env!("CARGO_BIN_EXE_kpilot"))
        .args(["plan", "list"])
        .current_dir(workspace.folder.path())
        .env_remove("KPILOT_DB")
        .env_remove("KPILOT_LANG")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(workspace.folder.path().join("from-file.db").exists());
    let output = workspace.run(&["--db", "from-flag.db", "plan", "list"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(workspace.folder.path().join("from-flag.db").exists());
}

#[test]
fn demo_creates_a_workspace_with_one_objective_off_track_and_one_action_over_budget() {
    let workspace = Workspace::new();
    let output = workspace.run(&["demo", "--no-serve"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let db = workspace.db().display().to_string();
    assert!(
        text.starts_with(&format!("Démo Cloud Kicks créée dans {db}\n")),
        "{text}"
    );
    assert!(
        text.contains("  examples/cloud-kicks.toml: 0 erreur, 0 avertissement\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("kpilot --db {db} status --at 2026-04-30\n")),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("  pour la servir : kpilot --db {db} serve\n")),
        "{text}"
    );

    let output = workspace.run(&["status", "--at", "2026-04-30", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let status: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let objectives = status["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 8);
    let with = |wanted: &str| -> Vec<&str> {
        objectives
            .iter()
            .filter(|o| o["status"] == wanted)
            .map(|o| o["id"].as_str().unwrap())
            .collect()
    };
    assert_eq!(with("off_track"), ["tickets-support"]);
    assert!(with("no_data").is_empty() && with("missed").is_empty());
    assert!(!with("on_track").is_empty());
    assert!(!with("at_risk").is_empty());
    assert!(!with("achieved").is_empty());
    let rules: Vec<(&str, &str)> = status["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["rule"].as_str().unwrap(), a["item"].as_str().unwrap()))
        .collect();
    assert!(
        rules.contains(&("objective.off_track", "tickets-support")),
        "{rules:?}"
    );
    assert!(
        rules.iter().all(|(rule, _)| !rule.starts_with("data.")),
        "{rules:?}"
    );

    let output = workspace.run(&["budget", "--at", "2026-04-30", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let budget: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let overspent: Vec<&str> = budget["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "budget.overspend")
        .map(|f| f["item"].as_str().unwrap())
        .collect();
    assert_eq!(overspent, ["developpement-centre"]);
    assert!(budget["spent"].as_f64().unwrap() < budget["envelope"].as_f64().unwrap());

    // The plan's chain, as `demo` used to print it.
    let output = workspace.run(&["plan", "show"]);
    let tree = stdout(&output);
    assert!(
        tree.starts_with("Cloud Kicks : plan stratégique sur six mois (cloud-kicks-2026-h1)\n")
    );
    assert!(
        tree.contains("Taux de conversion: 2,1\u{202f}% → 4,1\u{202f}% au 2026-06-30"),
        "{tree}"
    );
    let output = workspace.run(&["note", "all"]);
    assert_eq!(stdout(&output).lines().count(), 2, "{}", stdout(&output));

    // Each run replaces the workspace: still one import, and nothing left
    // beside it.
    let output = workspace.run(&["demo", "--no-serve"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = workspace.run(&["--lang", "en", "import", "--list"]);
    let batches = stdout(&output);
    assert_eq!(batches.lines().count(), 2, "{batches}");
    assert!(batches.contains(" demo "), "{batches}");
    let mut files: Vec<String> = std::fs::read_dir(workspace.folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["workspace.db"]);
}

#[test]
fn demo_leaves_a_workspace_that_is_not_a_demo_alone() {
    let workspace = Workspace::new();
    let boutique = examples()
        .into_iter()
        .find(|path| path.ends_with("boutique.toml"))
        .unwrap();
    workspace.run(&["plan", "apply", boutique.to_str().unwrap()]);
    let before = std::fs::read(workspace.db()).unwrap();
    let output = workspace.run(&["--lang", "en", "demo", "--no-serve"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a demo workspace"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(workspace.db()).unwrap(), before);
}

#[test]
fn kpis_lists_the_catalogue_with_texts() {
    let workspace = Workspace::new();
    let output = workspace.run(&["kpis", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let kpis = json["kpis"].as_array().unwrap();
    let cpa = kpis.iter().find(|k| k["id"] == "cpa").unwrap();
    assert_eq!(cpa["direction"], "down");
    assert_eq!(cpa["definition"], "= cost / conversions");
    assert!(!cpa["why"]["fr"].as_str().unwrap().is_empty());
    let output = workspace.run(&["--lang", "en", "kpis", "conversion_rate"]);
    expect![[r#"
        conversion_rate — Conversion rate
          unit: percent, direction: up, = transactions / sessions"#]]
    .assert_eq(
        &stdout(&output)
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

#[test]
fn closed_output_pipe_ends_quietly_without_panic() {
    let workspace = Workspace::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kpilot"))
        .args(["kpis"])
        .current_dir(workspace.folder.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end at once, as `kpilot kpis | head -0` would.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

/// Reads the server's standard output up to the line that gives its
/// address, and returns the address.
fn served_address(child: &mut std::process::Child) -> String {
    use std::io::{BufRead, BufReader};

    let mut lines = BufReader::new(child.stdout.as_mut().unwrap()).lines();
    let mut seen = String::new();
    loop {
        let line = lines
            .next()
            .unwrap_or_else(|| panic!("no address in:\n{seen}"))
            .unwrap();
        if let Some(rest) = line.strip_prefix("kpilot serving http://") {
            return rest.split_whitespace().next().unwrap().to_owned();
        }
        seen.push_str(&line);
        seen.push('\n');
    }
}

/// A GET over a plain socket: the whole response, headers and body.
fn get(address: &str, path: &str) -> String {
    use std::io::{Read, Write};

    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_answers_on_loopback_and_stops_cleanly_on_interrupt() {
    let workspace = Workspace::new();
    let example = &examples()[0];
    workspace.run(&["plan", "apply", example.to_str().unwrap()]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kpilot"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(workspace.folder.path())
        .env("KPILOT_DB", workspace.db())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let address = served_address(&mut child);
    assert!(address.starts_with("127.0.0.1:"), "{address}");

    let response = get(&address, "/api/v1/plans");
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("kpilot stopped"));
}

#[test]
fn demo_serves_its_workspace_and_prints_the_address() {
    let workspace = Workspace::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kpilot"))
        .args(["--lang", "en", "demo", "--addr", "127.0.0.1:0"])
        .current_dir(workspace.folder.path())
        .env("KPILOT_DB", workspace.db())
        .env_remove("KPILOT_DATABASE_URL")
        .env_remove("KPILOT_CONFIG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let address = served_address(&mut child);
    let port: u16 = address
        .strip_prefix("127.0.0.1:")
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("{address}"));
    assert_ne!(port, 0);

    let response = get(&address, "/api/v1/plans");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.contains("\"cloud-kicks-2026-h1\""), "{response}");
}

#[test]
fn the_locale_chooses_the_language_unless_told() {
    let workspace = Workspace::with_cloud_kicks();
    let english = Command::new(env!("CARGO_BIN_EXE_kpilot"))
        .args(["plan", "show"])
        .current_dir(workspace.folder.path())
        .env("KPILOT_DB", workspace.db())
        .env_remove("KPILOT_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(stdout(&english).contains("Conversion rate: 2.1% → 4.1% by 2026-06-30"));
    let french = workspace.run(&["plan", "show"]);
    assert!(
        stdout(&french).contains("Taux de conversion: 2,1\u{202f}% → 4,1\u{202f}% au 2026-06-30")
    );
}

/// `kpilot experiment size`: Evan Miller's figure for a 20 % baseline and
/// a 5-point effect, in both languages.
#[test]
fn experiment_size_gives_the_visitors_per_variant() {
    let workspace = Workspace::new();
    let output = workspace.run(&[
        "--lang",
        "en",
        "experiment",
        "size",
        "--baseline",
        "0.2",
        "--mde",
        "0.05",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("1,030 visitors per variant"),
        "{}",
        stdout(&output)
    );
    let output = workspace.run(&["experiment", "size", "--baseline", "0.2", "--mde", "0.05"]);
    assert!(stdout(&output).starts_with("1\u{202f}030 visiteurs par variante"));
    let output = workspace.run(&["experiment", "size", "--baseline", "20", "--mde", "0.05"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--baseline is 20"),
        "{}",
        stderr(&output)
    );
}

/// An experiment's results imported from a French spreadsheet export, then
/// judged: the JSON contract, totals that add up, and a verdict.
#[test]
fn experiment_import_then_judge_gives_the_json_contract() {
    let workspace = Workspace::with_cloud_kicks();
    // Windows-1252, `;`, French days and thousands, a French header.
    let mut file = b"Date;Variante;Visiteurs;Conversions\r\n".to_vec();
    for day in 10..=23 {
        file.extend_from_slice(format!("{day}/02/2026;A;1 000;20\r\n").as_bytes());
        file.extend_from_slice(format!("{day}/02/2026;B;1 000;31\r\n").as_bytes());
    }
    let path = workspace.folder.path().join("résultats.csv");
    std::fs::write(&path, &file).unwrap();
    let output = workspace.run(&[
        "experiment",
        "import",
        "ab-paiement",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("28 ligne(s) lue(s)"),
        "{}",
        stdout(&output)
    );

    let output = workspace.run(&[
        "experiment",
        "ab-paiement",
        "--at",
        "2026-03-31",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["experiment"], "ab-paiement");
    assert_eq!(json["kpi"], "conversion_rate");
    let comparison = &json["comparisons"][0];
    let keys: Vec<&str> = comparison
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "variant",
        "control",
        "lift",
        "ci_low",
        "ci_high",
        "p_value",
        "sequential",
        "chance_to_win",
        "expected_loss",
        "srm_p_value",
        "verdict",
    ] {
        assert!(keys.contains(&key), "`{key}` in {keys:?}");
    }
    for key in ["ci_low", "ci_high", "p_value"] {
        assert!(comparison["sequential"][key].is_f64(), "sequential.{key}");
    }
    assert_eq!(
        (
            comparison["variant"].as_str(),
            comparison["control"].as_str()
        ),
        (Some("B"), Some("A"))
    );
    // 14 days of 1 000 visitors: 280 conversions against 434, a lift of
    // 434/280 − 1 = 55 %, computed from the sums.
    assert_eq!(json["variants"][0]["visitors"], 14_000);
    assert_eq!(json["variants"][1]["conversions"], 434);
    let lift = comparison["lift"].as_f64().unwrap();
    assert!((lift - (434.0 / 280.0 - 1.0)).abs() < 1e-12, "{lift}");
    assert!(comparison["ci_low"].as_f64().unwrap() > 0.0);
    assert_eq!(comparison["verdict"], "winner");
    assert!(comparison["chance_to_win"].as_f64().unwrap() > 0.99);
    assert!(json["sample_size_per_variant"].as_u64().unwrap() > 1000);

    // The table says the same in words.
    let output = workspace.run(&[
        "--lang",
        "en",
        "experiment",
        "ab-paiement",
        "--at",
        "2026-03-31",
    ]);
    let table = stdout(&output);
    assert!(
        table.contains(
            "action: Test A/B : paiement sur une page contre tunnel en trois étapes · tactic:"
        ),
        "{table}"
    );
    assert!(
        table.contains("B wins: +55.0% on conversion_rate against A"),
        "{table}"
    );
    // The list shows it with its verdict.
    let output = workspace.run(&["experiment", "--at", "2026-03-31"]);
    assert!(stdout(&output).contains("B: winner"), "{}", stdout(&output));
}

/// A results file with bad lines records nothing and names every line; a
/// typed-in day replaces that day's figures.
#[test]
fn experiment_results_are_all_or_nothing_and_record_replaces() {
    let workspace = Workspace::with_cloud_kicks();
    let path = workspace.write(
        "bad.csv",
        "date,variant,visitors,conversions\n\
         2026-02-10,A,1000,20\n\
         2026-02-10,C,1000,20\n\
         2026-02-11,B,100,120\n\
         2026-02-12,B,12.5,1\n",
    );
    let output = workspace.run(&[
        "--lang",
        "en",
        "experiment",
        "import",
        "ab-paiement",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "bad.csv: line 3: variant `C` is not one of experiment `ab-paiement`'s: A, B"
        ),
        "{errors}"
    );
    assert!(errors.contains("bad.csv: line 4"), "{errors}");
    assert!(errors.contains("bad.csv: line 5"), "{errors}");
    assert!(
        errors.contains("nothing was recorded: 3 bad row(s)"),
        "{errors}"
    );
    let judged = |workspace: &Workspace| {
        let output = workspace.run(&[
            "experiment",
            "ab-paiement",
            "--at",
            "2026-03-31",
            "--format",
            "json",
        ]);
        serde_json::from_str::<serde_json::Value>(&stdout(&output)).unwrap()
    };
    assert_eq!(judged(&workspace)["variants"][0]["visitors"], 0);
    assert!(
        judged(&workspace)["comparisons"][0]["lift"].is_null(),
        "no value, not 0"
    );

    let record = |visitors: &str| {
        workspace.run(&[
            "--lang",
            "en",
            "experiment",
            "record",
            "ab-paiement",
            "--variant",
            "A",
            "--visitors",
            visitors,
            "--conversions",
            "12",
            "--date",
            "2026-02-10",
        ])
    };
    assert_eq!(
        stdout(&record("400")),
        "recorded: A on 2026-02-10, 400 visitors, 12 conversions\n"
    );
    assert_eq!(
        stdout(&record("500")),
        "replaced: A on 2026-02-10, now 500 visitors, 12 conversions\n"
    );
    assert_eq!(judged(&workspace)["variants"][0]["visitors"], 500);
    let output = record("10");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--conversions 12 is more than --visitors 10"));
    // The import's size limit holds here too, before a byte is read.
    let output = workspace.run(&[
        "experiment",
        "import",
        "ab-paiement",
        path.to_str().unwrap(),
        "--max-size",
        "10B",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("au-delà de la limite d’import"),
        "{}",
        stderr(&output)
    );
}
