//! One module per command. Each returns the process exit code, or an error
//! that `main` prints (exit code 2).

mod action;
mod budget;
mod check;
mod checkin;
mod demo;
mod experiment;
mod import;
mod kpi;
mod kpis;
mod note;
mod output;
mod plan;
mod review;
mod roadmap;
mod schedule;
mod serve;
mod spend;
mod status;
mod table;
mod tree;
mod week;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use kpilot_store::{SqliteStore, Store};

use crate::cli::{Cli, Command};
use crate::settings::Settings;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let max_size = match &cli.command {
        Command::Import(args) => args.max_size.as_deref(),
        Command::Experiment(crate::cli::ExperimentArgs {
            command: Some(crate::cli::ExperimentCommand::Import { max_size, .. }),
            ..
        }) => max_size.as_deref(),
        _ => None,
    };
    let settings = Settings::resolve(&cli.global, max_size)?;
    match cli.command {
        Command::Check(args) => check::run(&settings, &args),
        Command::Plan(command) => plan::run(&settings, command),
        Command::Kpis(args) => kpis::run(&settings, &args),
        Command::Kpi(args) => kpi::run(&settings, &args),
        Command::Status(args) => status::run(&settings, &args),
        Command::Schedule(args) => schedule::run(&settings, &args),
        Command::Budget(args) => budget::run(&settings, &args),
        Command::Spend(args) => spend::run(&settings, &args),
        Command::Action(command) => action::run(&settings, command),
        Command::Checkin(args) => checkin::run(&settings, &args),
        Command::Week(args) => week::run(&settings, &args),
        Command::Review(args) => review::run(&settings, &args),
        Command::Roadmap(args) => roadmap::run(&settings, &args),
        Command::Note(args) => note::run(&settings, &args),
        Command::Import(args) => import::run(&settings, &args),
        Command::Experiment(args) => experiment::run(&settings, args),
        Command::Demo(args) => demo::run(&settings, &args),
        Command::Serve { addr, today } => serve::run(&settings, addr, today),
    }
}

/// The workspace file, or why there is none.
fn db_path(settings: &Settings) -> Result<&Path> {
    settings
        .db
        .as_deref()
        .context("no data directory is known for this user: pass --db PATH or set KPILOT_DB")
}

/// Opens the workspace: the PostgreSQL database when one is named, else
/// the SQLite file, created (saying where) when it is new.
fn open_store(settings: &Settings) -> Result<Box<dyn Store>> {
    if let Some(url) = &settings.database_url {
        return open_postgres(url);
    }
    Ok(Box::new(open_sqlite(settings)?))
}

fn open_postgres(url: &str) -> Result<Box<dyn Store>> {
    let store = kpilot_store::PostgresStore::connect(url)
        .with_context(|| format!("cannot open workspace {}", redact(url)))?;
    Ok(Box::new(store))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Where the workspace is, for messages.
fn workspace_name(settings: &Settings) -> String {
    match (&settings.database_url, &settings.db) {
        (Some(url), _) => redact(url),
        (None, Some(path)) => path.display().to_string(),
        (None, None) => "(none)".to_owned(),
    }
}

fn open_sqlite(settings: &Settings) -> Result<SqliteStore> {
    let path = db_path(settings)?;
    let is_new = !path.exists();
    if is_new && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
    }
    let store = SqliteStore::open(path)
        .with_context(|| format!("cannot open workspace {}", path.display()))?;
    if is_new {
        eprintln!("created workspace {}", path.display());
    }
    Ok(store)
}

/// Removes an SQLite file and its journal, if there are any.
pub(super) fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads a text file, naming it in the error.
fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes a file whole or not at all: to a temporary file beside it, then
/// renamed over the target, so that a crash never leaves half a file.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let temporary = folder.join(format!(".{}.kpilot-tmp", file_name.to_string_lossy()));
    std::fs::write(&temporary, text)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes command output to standard output. A closed pipe (`kpilot … |
/// head`) ends the program quietly instead of panicking, as `print!` would.
fn emit(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        result => result.context("cannot write to standard output"),
    }
}

/// Today in UTC (kpilot reads no time zone database): pass `--at` to be
/// sure of the day around midnight.
/// The text of `lang`.
fn tr(lang: kpilot_core::kpi::Lang, fr: &str, en: &str) -> String {
    match lang {
        kpilot_core::kpi::Lang::Fr => fr.to_owned(),
        kpilot_core::kpi::Lang::En => en.to_owned(),
    }
}

/// An amount as a person types it: `1234.56`, `1 234,56`, `-50`.
fn amount(text: &str) -> Result<rust_decimal::Decimal> {
    use kpilot_import::number::{DecimalMark, parse_number};
    let mark = DecimalMark::detect(std::iter::once(text), b';');
    parse_number(text, mark)
        .map_err(|error| anyhow::anyhow!("{error}"))
        .with_context(|| format!("amount `{text}` is not a number"))
}

pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}
