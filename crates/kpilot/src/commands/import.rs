//! `kpilot import FILE`, `kpilot import --list`, `kpilot import --undo BATCH`.
//!
//! The import itself is kpilot-workspace's (`import::import`), the same
//! for the web app: this command reads the file from disk, opens the
//! workspace (a new one only once the import is stored: a refused import
//! creates none), and lays out what happened in the run's language.

use std::path::{Path, PathBuf};

use super::{remove_database, with_suffix};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kpilot_core::display;
use kpilot_core::kpi::Lang;
use kpilot_import::background::Summary;
use kpilot_import::number::DecimalMark;
use kpilot_import::reader::FileInfo;
use kpilot_store::{ImportMode, ImportReport, SqliteStore, Store};
use kpilot_text::Message;
use kpilot_workspace::import::{How, Imported, Input, Outcome, Refusal, Request};

use crate::cli::ImportArgs;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ImportArgs) -> Result<ExitCode> {
    let lang = settings.lang;
    if args.list {
        let store = super::open_store(settings)?;
        super::emit(&render_batches(store.as_ref(), lang)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(batch) = args.undo {
        let store = super::open_store(settings)?;
        let Some(undone) = store.undo_import(batch)? else {
            bail!(
                "{}",
                Message::new("import-cli-no-batch")
                    .with("batch", batch.to_string())
                    .render(lang)
            );
        };
        super::emit(&line(
            Message::new("import-cli-undone")
                .with("batch", batch.to_string())
                .with("removed", undone.removed)
                .with("restored", undone.restored),
            lang,
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.file else {
        bail!("{}", Message::new("import-cli-no-file").render(lang));
    };
    import_file(settings, args, path)
}

/// Where the import writes: the workspace, or a new one that only comes
/// into being once the import is stored.
enum Target {
    Existing(Box<dyn Store>),
    /// A dry run with no workspace yet: nothing to read from, nothing kept.
    Memory(SqliteStore),
    /// A new SQLite workspace, written beside its place and renamed into
    /// it once the import is committed.
    New {
        store: SqliteStore,
        temporary: PathBuf,
        path: PathBuf,
    },
}

impl Target {
    fn open(settings: &Settings, mode: ImportMode) -> Result<Target> {
        let path = match (&settings.database_url, &settings.db) {
            (None, Some(path)) if !path.exists() => path.clone(),
            _ => return Ok(Target::Existing(super::open_store(settings)?)),
        };
        if mode == ImportMode::DryRun {
            return Ok(Target::Memory(SqliteStore::open_in_memory()?));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
        let temporary = with_suffix(&path, ".importing");
        remove_database(&temporary);
        let store = SqliteStore::open(&temporary)
            .with_context(|| format!("cannot create workspace {}", temporary.display()))?;
        Ok(Target::New {
            store,
            temporary,
            path,
        })
    }

    fn store(&self) -> &dyn Store {
        match self {
            Target::Existing(store) => store.as_ref(),
            Target::Memory(store) | Target::New { store, .. } => store,
        }
    }

    /// Keeps a new workspace when the import was stored, removes it
    /// otherwise; says where it is when it was kept.
    fn finish(self, stored: bool, lang: Lang) -> Result<()> {
        let Target::New {
            store,
            temporary,
            path,
        } = self
        else {
            return Ok(());
        };
        // Closing the store folds its journal into the file.
        drop(store);
        if !stored {
            remove_database(&temporary);
            return Ok(());
        }
        std::fs::rename(&temporary, &path)
            .with_context(|| format!("cannot write workspace {}", path.display()))?;
        eprint!(
            "{}",
            line(
                Message::new("import-cli-created").with("path", path.display().to_string()),
                lang
            )
        );
        Ok(())
    }
}

fn import_file(settings: &Settings, args: &ImportArgs, path: &Path) -> Result<ExitCode> {
    let lang = settings.lang;
    let name = path.display().to_string();
    check_size(settings, path)?;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let mode = if args.dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Commit
    };
    let target = Target::open(settings, mode)?;
    let outcome = kpilot_workspace::import::import(
        target.store(),
        Request {
            input: Input::File {
                name: name.clone(),
                bytes,
            },
            how: How {
                format: args.format.clone(),
                maps: args.maps.clone(),
                channel: args.channel.clone(),
                segment: args.segment.clone(),
                date_order: args.date_order.clone(),
            },
            lang,
            allow_empty: args.allow_empty,
            mode,
            imported_by: super::plan::whoami(),
        },
    );
    let stored = matches!(
        &outcome,
        Ok(Outcome::Imported(imported)) if imported.report.batch.is_some()
    );
    target.finish(stored, lang)?;
    match outcome? {
        Outcome::Imported(imported) => {
            super::emit(&render_imported(&name, &imported, lang))?;
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Already { batch, .. } => {
            super::emit(&line(
                Message::new("import-cli-already")
                    .with("name", name.as_str())
                    .with("batch", batch.id.to_string())
                    .with(
                        "at",
                        batch.imported_at.strftime("%Y-%m-%d %H:%M").to_string(),
                    )
                    .with("by", batch.imported_by.as_str()),
                lang,
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Refused(refusal) => refuse(&name, &refusal, lang),
    }
}

/// Says why nothing was imported: bad options are the command's error
/// (exit 2); a file at fault is named with its place (exit 1).
fn refuse(name: &str, refusal: &Refusal, lang: Lang) -> Result<ExitCode> {
    let mut out = String::new();
    match refusal {
        Refusal::Format(_) | Refusal::Map(_) | Refusal::DateOrder(_) => {
            bail!("{}", refusal.message().render(lang));
        }
        Refusal::File(error) => {
            let place = match error.line() {
                Some(at) => format!("{name}:{at}"),
                None => name.to_owned(),
            };
            out.push_str(&line(
                Message::new("import-cli-error")
                    .with("place", place)
                    .with("reason", error.message()),
                lang,
            ));
        }
        Refusal::Rows {
            file,
            errors,
            error_count,
            duplicates,
            duplicate_count,
        } => {
            if let Some(file) = file {
                out.push_str(&describe_file(name, file, lang));
            }
            for error in errors {
                let place = match error.column {
                    Some(column) => format!("{name}:{}:{column}", error.line),
                    None => format!("{name}:{}", error.line),
                };
                let reason = match &error.header {
                    Some(header) => Message::new("import-cli-field")
                        .with("header", header.as_str())
                        .with("reason", error.message.clone()),
                    None => error.message.clone(),
                };
                out.push_str(&line(
                    Message::new("import-cli-error")
                        .with("place", place)
                        .with("reason", reason),
                    lang,
                ));
            }
            let listed = errors.len() as u64;
            if *error_count > listed {
                out.push_str(&line(
                    Message::new("import-cli-more-errors").with("count", error_count - listed),
                    lang,
                ));
            }
            for duplicate in duplicates {
                out.push_str(&line(
                    Message::new("import-cli-error")
                        .with("place", format!("{name}:{}", duplicate.line))
                        .with(
                            "reason",
                            Message::new("import-cli-duplicate")
                                .with("day", duplicate.day.to_string())
                                .with("first", duplicate.first_line.to_string()),
                        ),
                    lang,
                ));
            }
            let listed = duplicates.len() as u64;
            if *duplicate_count > listed {
                out.push_str(&line(
                    Message::new("import-cli-more-duplicates")
                        .with("count", duplicate_count - listed),
                    lang,
                ));
            }
            out.push_str(&line(refusal.message(), lang));
        }
        Refusal::Empty { file, why } => {
            if let Some(file) = file {
                out.push_str(&describe_file(name, file, lang));
            }
            out.push_str(&line(
                Message::new("import-cli-error")
                    .with("place", name)
                    .with("reason", why.clone()),
                lang,
            ));
        }
    }
    eprint!("{out}");
    Ok(ExitCode::from(1))
}

/// A message on a line of its own.
fn line(message: Message, lang: Lang) -> String {
    format!("{}\n", message.render(lang))
}

fn render_imported(name: &str, imported: &Imported, lang: Lang) -> String {
    let mut out = match &imported.file {
        Some(file) => describe_file(name, file, lang),
        None => String::new(),
    };
    out.push_str(&render_summary(&imported.summary, lang));
    if let Some(earlier) = &imported.earlier {
        out.push_str(&line(
            Message::new("import-cli-earlier")
                .with("batch", earlier.id.to_string())
                .with(
                    "at",
                    earlier.imported_at.strftime("%Y-%m-%d %H:%M").to_string(),
                ),
            lang,
        ));
    }
    out.push_str(&outcome(&imported.report, imported.file.as_ref(), lang));
    out
}

fn render_summary(summary: &Summary, lang: Lang) -> String {
    let span = match (summary.first_day, summary.last_day) {
        (Some(first), Some(last)) => format!(" ({first} → {last})"),
        _ => String::new(),
    };
    let list = |names: &[String]| {
        if names.is_empty() {
            "—".to_owned()
        } else {
            names.join(", ")
        }
    };
    let mut out = format!(
        "  {}",
        line(
            Message::new("import-cli-values")
                .with("values", summary.values)
                .with("days", summary.days)
                .with("span", span)
                .with("channels", list(&summary.channels))
                .with("segments", list(&summary.segments)),
            lang
        )
    );
    out.push_str(&format!(
        "  {}",
        line(Message::new("import-cli-totals"), lang)
    ));
    for (measure, (count, total)) in &summary.measures {
        let total = match total {
            Some(total) => display::decimal(*total, lang),
            None => Message::new("import-cli-too-large").render(lang),
        };
        out.push_str(&format!("    {measure:<22} {total:>20}  ({count})\n"));
    }
    out
}

/// The file's first lines: what it was found to be, the columns read and
/// every note (what was detected, assumed, skipped, left out).
fn describe_file(name: &str, info: &FileInfo, lang: Lang) -> String {
    let mut parts = vec![info.container.to_owned()];
    if let Some(encoding) = info.encoding {
        parts.push(encoding.name().to_owned());
    }
    if let Some(delimiter) = info.delimiter {
        let delimiter = match delimiter {
            b'\t' => "tab".to_owned(),
            other => (other as char).to_string(),
        };
        parts.push(
            Message::new("import-cli-delimiter")
                .with("delimiter", delimiter)
                .render(lang),
        );
    }
    let mark = match info.decimal_mark {
        DecimalMark::Comma => "comma",
        DecimalMark::Point => "point",
    };
    parts.push(
        Message::new("import-cli-mark")
            .with("mark", mark)
            .render(lang),
    );
    parts.push(format!("format {}", info.format.name()));
    let mut out = format!("{name}: {}\n", parts.join(", "));
    if let Some(detected) = &info.detected {
        out.push_str(&format!("  {}", line(detected.why.clone(), lang)));
    }
    if !info.columns.is_empty() {
        let columns: Vec<String> = info
            .columns
            .iter()
            .map(|column| format!("{} → {}", column.header, column.role.message().render(lang)))
            .collect();
        out.push_str(&format!(
            "  {}",
            line(
                Message::new("import-cli-columns").with("columns", columns.join(", ")),
                lang
            )
        ));
    }
    for note in kpilot_workspace::import::notes(info) {
        out.push_str(&format!("  {}", line(note, lang)));
    }
    out
}

fn outcome(report: &ImportReport, file: Option<&FileInfo>, lang: Lang) -> String {
    let counts = Message::new("import-cli-counts")
        .with("inserted", report.inserted)
        .with("replaced", report.replaced)
        .with("unchanged", report.unchanged);
    let mut out = String::new();
    if file.is_some_and(|file| file.orders.is_some()) {
        out.push_str(&line(
            Message::new("import-cli-orders").with(
                "counts",
                Message::new("import-cli-counts")
                    .with("inserted", report.orders.inserted)
                    .with("replaced", report.orders.replaced)
                    .with("unchanged", report.orders.unchanged),
            ),
            lang,
        ));
    }
    out.push_str(&line(
        match report.batch {
            Some(batch) => Message::new("import-cli-imported")
                .with("batch", batch.to_string())
                .with("counts", counts),
            None => Message::new("import-cli-dry-run").with("counts", counts),
        },
        lang,
    ));
    out
}

fn render_batches(store: &dyn Store, lang: Lang) -> Result<String> {
    let batches = store.batches()?;
    if batches.is_empty() {
        return Ok(line(Message::new("import-cli-no-imports"), lang));
    }
    let header = [
        "import-cli-list-batch",
        "import-cli-list-at",
        "import-cli-list-by",
        "import-cli-list-format",
        "import-cli-list-values",
        "import-cli-list-new",
        "import-cli-list-replaced",
        "import-cli-list-same",
        "import-cli-list-file",
    ]
    .map(|id| Message::new(id).render(lang));
    let mut rows = vec![header.to_vec()];
    for batch in &batches {
        rows.push(vec![
            batch.id.to_string(),
            batch.imported_at.strftime("%Y-%m-%d %H:%M").to_string(),
            batch.imported_by.clone(),
            batch.format.clone(),
            batch.rows.to_string(),
            batch.inserted.to_string(),
            batch.replaced.to_string(),
            batch.unchanged.to_string(),
            batch.file_name.clone(),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// Refuses a file above the import size limit, before a byte is read.
pub(super) fn check_size(settings: &Settings, path: &Path) -> Result<()> {
    let name = path.display();
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {name}"))?
        .len();
    if size > settings.import_max_size {
        bail!(
            "{}",
            Message::new("import-cli-too-big")
                .with("name", name.to_string())
                .with("size", human_size(size))
                .with("limit", human_size(settings.import_max_size))
                .render(settings.lang)
        );
    }
    Ok(())
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
