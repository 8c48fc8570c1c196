//! One typed settings struct, resolved once: defaults < `kpilot.toml` <
//! `KPILOT_*` environment < flags. Only the binary reads settings; it passes
//! plain values down.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use kpilot_core::kpi::Lang;
use serde::Deserialize;

use crate::cli::{GlobalArgs, LangArg};

#[derive(Debug, Clone)]
pub struct Settings {
    /// The SQLite workspace file; `None` when neither the user nor the
    /// system names one (no data directory), which only matters to the
    /// commands that open the workspace.
    pub db: Option<PathBuf>,
    pub lang: Lang,
}

/// The settings file's keys, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    db: Option<PathBuf>,
    lang: Option<LangArg>,
}

impl Settings {
    /// Flags and environment arrive together through clap (a flag wins over
    /// its variable); the settings file fills what neither gave.
    pub fn resolve(args: &GlobalArgs) -> Result<Settings> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None => {
                let local = Path::new("kpilot.toml");
                if local.is_file() {
                    read_file(local)?
                } else {
                    SettingsFile::default()
                }
            }
        };
        let db = args.db.clone().or(file.db).or_else(default_db);
        let lang = match args.lang.or(file.lang) {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Fr) => Lang::Fr,
            None => locale_lang(),
        };
        Ok(Settings { db, lang })
    }
}

fn read_file(path: &Path) -> Result<SettingsFile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("settings file {}", path.display()))
}

/// `kpilot/workspace.db` in the user's data directory, if there is one.
fn default_db() -> Option<PathBuf> {
    Some(dirs::data_dir()?.join("kpilot").join("workspace.db"))
}

/// The language of the user's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`):
/// English for an English or other non-French locale, French for a French
/// one and when the locale names no language (`C`, `POSIX`, unset), since
/// kpilot's first users speak French.
fn locale_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    let language = locale
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match language.as_str() {
        "" | "c" | "posix" | "fr" => Lang::Fr,
        _ => Lang::En,
    }
}
