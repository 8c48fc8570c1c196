//! `kpilot check FILE`: findings like a compiler's, or JSON for programs.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use kpilot_core::Severity;
use kpilot_core::check::{Located, check_text};
use kpilot_core::kpi::Lang;
use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &CheckArgs) -> Result<ExitCode> {
    let text = super::read_text(&args.file)?;
    let report = report(&args.file, &text, settings.lang);
    match args.format {
        CheckFormat::Text => super::emit(&render_text(&report, settings.lang))?,
        CheckFormat::Json => {
            let json = serde_json::to_string_pretty(&report)?;
            super::emit(&format!("{json}\n"))?;
        }
    }
    Ok(exit_code(&report.findings))
}

/// The findings on one file: `{"file", "findings": [{"rule", "severity",
/// "item", "message", …}]}` in JSON. The four keys of a finding are a
/// contract; `kind`, `help`, `line` and `column` are extra.
#[derive(Serialize)]
pub struct Report {
    pub file: String,
    pub findings: Vec<Located>,
}

/// Reads and checks a plan file.
pub fn report(path: &Path, text: &str, lang: Lang) -> Report {
    let file = path.display().to_string();
    let findings = check_text(&file, text, lang);
    Report { file, findings }
}

pub fn exit_code(findings: &[Located]) -> ExitCode {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `FILE:LINE:COL: severity[rule]: message` then `  = help: …`, and a count.
pub fn render_text(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let place = match (finding.line, finding.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", report.file),
            _ => report.file.clone(),
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
    // French puts 0 and 1 in the singular, English only 1.
    let plural = |count: usize| match lang {
        Lang::Fr if count > 1 => "s",
        Lang::En if count != 1 => "s",
        _ => "",
    };
    let (error, warning) = match lang {
        Lang::Fr => ("erreur", "avertissement"),
        Lang::En => ("error", "warning"),
    };
    out.push_str(&format!(
        "{}: {errors} {error}{}, {warnings} {warning}{}\n",
        report.file,
        plural(errors),
        plural(warnings)
    ));
    out
}
