//! `kpilot roadmap [--plan ID] --format html|pdf|md [-o FILE]`: the plan
//! on one page for leadership (seed 001).

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{RoadmapArgs, RoadmapFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &RoadmapArgs) -> Result<ExitCode> {
    let format = match (
        args.format,
        super::output::extension(args.output.as_deref()),
    ) {
        (Some(format), _) => format,
        (None, Some(extension)) => match extension.as_str() {
            "html" | "htm" => RoadmapFormat::Html,
            "pdf" => RoadmapFormat::Pdf,
            "md" | "markdown" => RoadmapFormat::Md,
            other => bail!("no roadmap format has the extension `.{other}`: pass --format"),
        },
        (None, None) => RoadmapFormat::Md,
    };
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let document = kpilot_report::roadmap::document(&stored.plan, settings.lang);
    let output = args.output.as_deref();
    match format {
        RoadmapFormat::Html => super::output::write(
            output,
            kpilot_report::html::write(&document).as_bytes(),
            false,
        ),
        RoadmapFormat::Md => super::output::write(
            output,
            kpilot_report::markdown::write(&document).as_bytes(),
            false,
        ),
        RoadmapFormat::Pdf => {
            let bytes = kpilot_report::pdf::write(&document)
                .map_err(|error| anyhow::anyhow!("cannot typeset the PDF: {error}"))?;
            super::output::write(output, &bytes, true)
        }
    }?;
    Ok(ExitCode::SUCCESS)
}
