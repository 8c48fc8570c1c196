//! `kpilot import FILE`, `kpilot import --list`, `kpilot import --undo BATCH`.
//!
//! A file is read whole before anything is kept: the reader lends its
//! observations to the store, which writes them in one transaction and
//! commits only if every row was good and no key came twice.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kpilot_core::display;
use kpilot_core::kpi::Lang;
use kpilot_import::background::{Background, Summary};
use kpilot_import::header::Mapping;
use kpilot_import::reader::{Format, Options, Reader};
use kpilot_store::{
    ImportMode, ImportReport, NewBatch, Observation, ObservationSource, SqliteStore, Store,
};

use super::tr;
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
                tr(
                    lang,
                    &format!("il n’y a pas d’import n° {batch} (voir kpilot import --list)"),
                    &format!("there is no import batch {batch} (see kpilot import --list)")
                )
            );
        };
        super::emit(&tr(
            lang,
            &format!(
                "import n° {batch} annulé : {} valeur(s) retirée(s), {} valeur(s) antérieure(s) rétablie(s)\n",
                undone.removed, undone.restored
            ),
            &format!(
                "import batch {batch} undone: {} value(s) removed, {} earlier value(s) restored\n",
                undone.removed, undone.restored
            ),
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.file else {
        bail!("name a file to import, or use --list or --undo BATCH");
    };
    import_file(settings, args, path)
}

fn import_file(settings: &Settings, args: &ImportArgs, path: &Path) -> Result<ExitCode> {
    let lang = settings.lang;
    let name = path.display().to_string();
    let format = match args.format.as_str() {
        "auto" => Format::Auto,
        "long" => Format::Long,
        "wide" => Format::Wide,
        other => match kpilot_import::find_preset(other) {
            Some(preset) => Format::Preset(preset),
            None => bail!(
                "unknown format `{other}`: use auto, long, wide or one of {}",
                kpilot_import::preset_names().join(", ")
            ),
        },
    };
    check_size(settings, path)?;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let content_hash = kpilot_store::sha256_hex(&bytes);
    let mode = if args.dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Commit
    };
    // The workspace when there is one: its plans' own measures are read as
    // the catalogue's are. A new one is created once the file is read.
    let existing: Option<Box<dyn Store>> = match (&settings.database_url, &settings.db) {
        (None, Some(db)) if !db.exists() => None,
        _ => Some(super::open_store(settings)?),
    };
    let own_measures = match &existing {
        Some(store) => kpilot_workspace::import::plans_own_measures(store.as_ref())?,
        None => Vec::new(),
    };
    let mut mapping = Mapping::new(own_measures.iter().map(String::as_str));
    for entry in &args.maps {
        mapping.add(entry)?;
    }
    let options = Options {
        format,
        mapping,
        channel: args.channel.clone(),
        segment: args.segment.clone(),
    };
    let reader =
        Reader::open(&name, bytes, options).map_err(|error| anyhow::anyhow!("{name}: {error}"))?;
    let info = reader.info().clone();
    let batch = NewBatch {
        file_name: name.clone(),
        content_hash,
        format: info.format.name().to_owned(),
        options: kpilot_workspace::import::canonical_options(
            info.format.name(),
            &args.maps,
            args.channel.as_deref(),
            args.segment.as_deref(),
        ),
        imported_by: super::plan::whoami(),
    };
    let store: Box<dyn Store> = match (existing, mode) {
        (Some(store), _) => store,
        // A dry run creates no workspace: a new one would be empty anyway.
        (None, ImportMode::DryRun) => Box::new(SqliteStore::open_in_memory()?),
        (None, ImportMode::Commit) => super::open_store(settings)?,
    };
    if mode == ImportMode::Commit
        && let Some(earlier) = store.batch_with_hash(&batch.content_hash, &batch.options)?
    {
        super::emit(&tr(
            lang,
            &format!(
                "{name} a déjà été importé ainsi (import n° {}, le {}, par {}) : rien à faire\n",
                earlier.id,
                earlier.imported_at.strftime("%Y-%m-%d %H:%M"),
                earlier.imported_by
            ),
            &format!(
                "{name} was already imported this way (batch {}, on {}, by {}): nothing to do\n",
                earlier.id,
                earlier.imported_at.strftime("%Y-%m-%d %H:%M"),
                earlier.imported_by
            ),
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut source = Source(Background::start(reader).context("cannot start reading")?);
    let report = store.import(&batch, &mut source, mode);
    // The reading thread ends before any error of the store is reported.
    let finished = source.0.finish();
    let report = report?;
    let mut out = describe_file(&name, &info, lang);
    let bad_rows = finished.error_count;
    if bad_rows > 0 || report.duplicate_count > 0 {
        let mut errors = String::new();
        for error in &finished.errors {
            let place = match error.column {
                Some(column) => format!("{name}:{}:{column}", error.line),
                None => format!("{name}:{}", error.line),
            };
            let field = error
                .header
                .as_ref()
                .map(|header| format!("[{header}] "))
                .unwrap_or_default();
            errors.push_str(&format!("{place}: error: {field}{}\n", error.message));
        }
        let listed = finished.errors.len() as u64;
        if bad_rows > listed {
            errors.push_str(&tr(
                lang,
                &format!("… et {} autre(s) ligne(s) en erreur\n", bad_rows - listed),
                &format!("… and {} more bad row(s)\n", bad_rows - listed),
            ));
        }
        for duplicate in &report.duplicates {
            errors.push_str(&tr(
                lang,
                &format!(
                    "{name}:{}: error: même jour ({}), mesure, canal, segment et action que la ligne {}\n",
                    duplicate.line, duplicate.day, duplicate.first_line
                ),
                &format!(
                    "{name}:{}: error: same day ({}), measure, channel, segment and action as line {}\n",
                    duplicate.line, duplicate.day, duplicate.first_line
                ),
            ));
        }
        let listed = report.duplicates.len() as u64;
        if report.duplicate_count > listed {
            errors.push_str(&tr(
                lang,
                &format!(
                    "… et {} autre(s) doublon(s)\n",
                    report.duplicate_count - listed
                ),
                &format!(
                    "… and {} more duplicate(s)\n",
                    report.duplicate_count - listed
                ),
            ));
        }
        eprint!("{errors}");
        eprint!(
            "{}",
            tr(
                lang,
                &format!(
                    "rien n’a été importé : {} ligne(s) en erreur, {} doublon(s) ; corrigez le fichier et relancez\n",
                    bad_rows, report.duplicate_count
                ),
                &format!(
                    "nothing was imported: {} bad row(s), {} duplicate(s); fix the file and run again\n",
                    bad_rows, report.duplicate_count
                ),
            )
        );
        return Ok(ExitCode::from(1));
    }
    out.push_str(&render_summary(&finished.summary, lang));
    out.push_str(&outcome(&report, lang));
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Feeds the store from the reading thread.
struct Source(Background);

impl ObservationSource for Source {
    fn next_observation(&mut self) -> Option<Observation<'_>> {
        self.0.next_observation()
    }

    fn is_clean(&self) -> bool {
        self.0.is_clean()
    }
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
    let (channels, segments) = (list(&summary.channels), list(&summary.segments));
    let mut out = tr(
        lang,
        &format!(
            "  {} valeur(s) sur {} jour(s){span} ; canaux : {channels} ; segments : {segments}\n",
            summary.values, summary.days,
        ),
        &format!(
            "  {} value(s) over {} day(s){span}; channels: {channels}; segments: {segments}\n",
            summary.values, summary.days,
        ),
    );
    out.push_str(&tr(
        lang,
        "  totaux par mesure :\n",
        "  totals by measure:\n",
    ));
    for (measure, (count, total)) in &summary.measures {
        let total = match total {
            Some(total) => display::decimal(*total, lang),
            None => tr(lang, "trop grand", "too large"),
        };
        out.push_str(&format!("    {measure:<22} {total:>20}  ({count})\n"));
    }
    out
}

fn describe_file(name: &str, info: &kpilot_import::reader::FileInfo, lang: Lang) -> String {
    let mut parts = vec![info.container.to_owned()];
    if let Some(encoding) = info.encoding {
        parts.push(encoding.name().to_owned());
    }
    if let Some(delimiter) = info.delimiter {
        parts.push(match delimiter {
            b'\t' => tr(lang, "séparateur tabulation", "tab-separated"),
            other => tr(
                lang,
                &format!("séparateur « {} »", other as char),
                &format!("`{}`-separated", other as char),
            ),
        });
    }
    parts.push(match info.decimal_mark {
        kpilot_import::number::DecimalMark::Comma => tr(lang, "virgule décimale", "decimal comma"),
        kpilot_import::number::DecimalMark::Point => tr(lang, "point décimal", "decimal point"),
    });
    parts.push(format!("format {}", info.format.name()));
    let mut out = format!("{name}: {}\n", parts.join(", "));
    if !info.ignored_columns.is_empty() {
        out.push_str(&tr(
            lang,
            &format!(
                "  colonnes ignorées : {}\n",
                info.ignored_columns.join(", ")
            ),
            &format!("  columns ignored: {}\n", info.ignored_columns.join(", ")),
        ));
    }
    out
}

fn outcome(report: &ImportReport, lang: Lang) -> String {
    let counts = |fr: bool| {
        if fr {
            format!(
                "{} nouvelle(s), {} remplacée(s), {} inchangée(s)",
                report.inserted, report.replaced, report.unchanged
            )
        } else {
            format!(
                "{} new, {} replaced, {} unchanged",
                report.inserted, report.replaced, report.unchanged
            )
        }
    };
    match report.batch {
        Some(batch) => tr(
            lang,
            &format!("importé (import n° {batch}) : {}\n", counts(true)),
            &format!("imported as batch {batch}: {}\n", counts(false)),
        ),
        None => tr(
            lang,
            &format!("essai à blanc, rien n’a été écrit : {}\n", counts(true)),
            &format!("dry run, nothing was written: {}\n", counts(false)),
        ),
    }
}

fn render_batches(store: &dyn Store, lang: Lang) -> Result<String> {
    let batches = store.batches()?;
    if batches.is_empty() {
        return Ok(tr(
            lang,
            "aucun import dans cet espace de travail\n",
            "no imports in this workspace\n",
        ));
    }
    let header = match lang {
        Lang::Fr => [
            "n°", "date", "par", "format", "valeurs", "nouv.", "rempl.", "inch.", "fichier",
        ],
        Lang::En => [
            "batch",
            "imported at",
            "by",
            "format",
            "values",
            "new",
            "replaced",
            "same",
            "file",
        ],
    };
    let mut rows = vec![header.map(str::to_owned).to_vec()];
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
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
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
            "{name} is {}, above the import size limit of {}: raise it with --max-size, KPILOT_IMPORT_MAX_SIZE or import_max_size in kpilot.toml",
            human_size(size),
            human_size(settings.import_max_size)
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
