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
    /// The demo's workspace (`kpilot demo`), which each run replaces:
    /// `--db` or `KPILOT_DB`, else `kpilot/demo.sqlite` in the user's data
    /// directory. The settings file's `db` is not used: it names the user's
    /// own workspace.
    pub demo_db: Option<PathBuf>,
    /// A PostgreSQL workspace, which wins over `db` when given.
    pub database_url: Option<String>,
    pub lang: Lang,
    /// The largest file `kpilot import` reads, in bytes.
    pub import_max_size: u64,
}

/// 2 GiB: far above any export, below what would exhaust a laptop.
const DEFAULT_IMPORT_MAX_SIZE: u64 = 2 << 30;

/// The settings file's keys, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    db: Option<PathBuf>,
    database_url: Option<String>,
    lang: Option<LangArg>,
    import_max_size: Option<String>,
}

impl Settings {
    /// Flags and environment arrive together through clap (a flag wins over
    /// its variable); the settings file fills what neither gave.
    pub fn resolve(args: &GlobalArgs, import_max_size: Option<&str>) -> Result<Settings> {
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
        let demo_db = args.db.clone().or_else(|| data_file("demo.sqlite"));
        let db = args
            .db
            .clone()
            .or(file.db)
            .or_else(|| data_file("workspace.db"));
        let lang = match args.lang.or(file.lang) {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Fr) => Lang::Fr,
            None => locale_lang(),
        };
        let database_url = args.database_url.clone().or(file.database_url);
        let import_max_size = match import_max_size.or(file.import_max_size.as_deref()) {
            Some(text) => {
                parse_size(text).with_context(|| format!("import size limit `{text}`"))?
            }
            None => DEFAULT_IMPORT_MAX_SIZE,
        };
        Ok(Settings {
            db,
            demo_db,
            database_url,
            lang,
            import_max_size,
        })
    }
}

/// A size as people write it: `1000000`, `500MB`, `500 MiB`, `2GB`, `2G`.
/// Decimal units are powers of 1000, binary ones (`KiB`, `MiB`, `GiB`) of 1024.
pub fn parse_size(text: &str) -> Result<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)
        .context("expected a number of bytes, optionally with a unit: 500MB, 2GiB")?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        "t" | "tb" => 1_000_000_000_000,
        "tib" => 1 << 40,
        other => anyhow::bail!("unknown unit `{other}`: use B, KB, MB, GB, KiB, MiB or GiB"),
    };
    Ok((number * factor as f64).round() as u64)
}

fn read_file(path: &Path) -> Result<SettingsFile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("settings file {}", path.display()))
}

/// `kpilot/NAME` in the user's data directory, if there is one: the
/// default workspace (`workspace.db`) and the demo's (`demo.sqlite`).
fn data_file(name: &str) -> Option<PathBuf> {
    Some(dirs::data_dir()?.join("kpilot").join(name))
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
