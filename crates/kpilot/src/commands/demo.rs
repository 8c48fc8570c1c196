//! `kpilot demo`: the Cloud Kicks plan of seed 001, its chain and its check.
//! It needs nothing but the binary: the plan file is built in.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use kpilot_core::plan_file;

use super::check::{render_text, report};
use crate::settings::Settings;

/// The example plan, compiled into the binary.
pub const CLOUD_KICKS: &str = include_str!("../../../../examples/cloud-kicks.toml");

pub fn run(settings: &Settings) -> Result<ExitCode> {
    let parsed = plan_file::parse(CLOUD_KICKS)?;
    let tree = super::tree::render(&parsed.plan, settings.lang);
    let check = render_text(
        &report(
            Path::new("examples/cloud-kicks.toml"),
            CLOUD_KICKS,
            settings.lang,
        ),
        settings.lang,
    );
    super::emit(&format!("{tree}\n{check}"))?;
    Ok(ExitCode::SUCCESS)
}
