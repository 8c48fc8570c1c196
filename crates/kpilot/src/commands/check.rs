//! `kpilot check FILE`: findings like a compiler's, or JSON for programs.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use kpilot_core::plan_file::{self, Location, ParsedPlan};
use kpilot_core::{Finding, Severity, check};
use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let text = super::read_text(&args.file)?;
    let report = report(&args.file, &text);
    match args.format {
        CheckFormat::Text => super::emit(&render_text(&report))?,
        CheckFormat::Json => {
            let json = serde_json::to_string_pretty(&JsonReport::from(&report))?;
            super::emit(&format!("{json}\n"))?;
        }
    }
    Ok(exit_code(&report))
}

/// The findings on a file, each with its place in the file when known.
pub struct Report {
    pub file: String,
    pub findings: Vec<Located>,
}

pub struct Located {
    pub rule: String,
    pub severity: Severity,
    pub kind: Option<&'static str>,
    pub item: String,
    pub message: String,
    pub help: Option<String>,
    pub location: Option<Location>,
}

/// Reads and checks a plan file. A file that cannot be read as a plan gives
/// one `plan.syntax` error with its line and column.
pub fn report(path: &Path, text: &str) -> Report {
    let file = path.display().to_string();
    let findings = match plan_file::parse(text) {
        Err(error) => vec![Located {
            rule: "plan.syntax".to_owned(),
            severity: Severity::Error,
            kind: None,
            item: file.clone(),
            message: error.message,
            help: None,
            location: error.location,
        }],
        Ok(parsed) => locate(&parsed, check(&parsed.plan)),
    };
    Report { file, findings }
}

pub fn locate(parsed: &ParsedPlan, findings: Vec<Finding>) -> Vec<Located> {
    findings
        .into_iter()
        .map(|finding| Located {
            rule: finding.rule.code().to_owned(),
            severity: finding.severity,
            kind: Some(finding.kind.as_str()),
            location: parsed.source_map.locate(finding.kind, &finding.item),
            item: finding.item,
            message: finding.message,
            help: Some(finding.help),
        })
        .collect()
}

pub fn exit_code(report: &Report) -> ExitCode {
    if report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `FILE:LINE:COL: severity[rule]: message` then `  = help: …`, and a count.
pub fn render_text(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let place = match finding.location {
            Some(location) => format!("{}:{}:{}", report.file, location.line, location.column),
            None => report.file.clone(),
        };
        out.push_str(&format!(
            "{place}: {}[{}]: {}\n",
            finding.severity.as_str(),
            finding.rule,
            finding.message
        ));
        if let Some(help) = &finding.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = report.findings.len() - errors;
    out.push_str(&format!(
        "{}: {} error{}, {} warning{}\n",
        report.file,
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" }
    ));
    out
}

/// `{"findings": [{"rule", "severity", "item", "message", …}]}`: the first
/// four keys are a contract; `kind`, `help`, `line` and `column` are extra.
#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    item: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl<'a> From<&'a Report> for JsonReport<'a> {
    fn from(report: &'a Report) -> JsonReport<'a> {
        JsonReport {
            file: &report.file,
            findings: report
                .findings
                .iter()
                .map(|f| JsonFinding {
                    rule: &f.rule,
                    severity: f.severity.as_str(),
                    item: &f.item,
                    message: &f.message,
                    kind: f.kind,
                    help: f.help.as_deref(),
                    line: f.location.map(|l| l.line),
                    column: f.location.map(|l| l.column),
                })
                .collect(),
        }
    }
}
