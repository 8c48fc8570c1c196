//! `kpilot review [--plan ID] [--from D] [--to D] --format …`: the
//! operation review (bilan) from the plan and the workspace's results, as
//! HTML, PDF, XLSX, CSV, Markdown or JSON.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_workspace::review::{gather, to_json};

use crate::cli::{ReviewArgs, ReviewFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ReviewArgs) -> Result<ExitCode> {
    let format = match (
        args.format,
        super::output::extension(args.output.as_deref()),
    ) {
        (Some(format), _) => format,
        (None, Some(extension)) => match extension.as_str() {
            "html" | "htm" => ReviewFormat::Html,
            "pdf" => ReviewFormat::Pdf,
            "xlsx" => ReviewFormat::Xlsx,
            "csv" => ReviewFormat::Csv,
            "md" | "markdown" => ReviewFormat::Md,
            "json" => ReviewFormat::Json,
            other => bail!("no review format has the extension `.{other}`: pass --format"),
        },
        (None, None) => ReviewFormat::Md,
    };
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let period =
        kpilot_workspace::review::period(store.as_ref(), plan, super::today(), args.from, args.to)?;
    let (from, to) = (period.from, period.to);
    if period.is_reversed() {
        bail!("the review starts on {from}, after its last day {to}");
    }
    let review = gather(store.as_ref(), plan, from, to, settings.lang)?;
    let document = kpilot_report::review::document(&review);
    let output = args.output.as_deref();
    match format {
        ReviewFormat::Html => super::output::write(
            output,
            kpilot_report::html::write(&document).as_bytes(),
            false,
        ),
        ReviewFormat::Md => super::output::write(
            output,
            kpilot_report::markdown::write(&document).as_bytes(),
            false,
        ),
        ReviewFormat::Json => {
            let text = serde_json::to_string_pretty(&to_json(&review))? + "\n";
            super::output::write(output, text.as_bytes(), false)
        }
        ReviewFormat::Csv => match output {
            Some(dir) if dir.is_dir() => {
                for (name, text) in kpilot_report::csv::files(&document) {
                    super::output::write(Some(&dir.join(name)), text.as_bytes(), false)?;
                }
                Ok(())
            }
            _ => super::output::write(
                output,
                kpilot_report::csv::write(&document).as_bytes(),
                false,
            ),
        },
        ReviewFormat::Xlsx => {
            let bytes = kpilot_report::xlsx::write(&document)
                .map_err(|error| anyhow::anyhow!("cannot write the spreadsheet: {error}"))?;
            super::output::write(output, &bytes, true)
        }
        ReviewFormat::Pdf => {
            let bytes = kpilot_report::pdf::write(&document)
                .map_err(|error| anyhow::anyhow!("cannot typeset the PDF: {error}"))?;
            super::output::write(output, &bytes, true)
        }
    }?;
    Ok(ExitCode::SUCCESS)
}
