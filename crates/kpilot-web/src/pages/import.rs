//! The Import page: upload an export (CSV, XLSX, ODS…), see what kpilot
//! found in it (format, encoding, delimiter, decimal mark, what each column
//! holds), change the mapping, see the dry run with every bad line, then
//! confirm; and the workspace's imports, each with its undo.
//!
//! The file is read exactly as `kpilot import` reads it (kpilot-import's
//! `Reader` on its background thread, the store's all-or-nothing import),
//! and a batch records the same canonical options, so a file imported the
//! same way twice, from the command line or from here, is recognised.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use kpilot_core::catalogue;
use kpilot_core::display;
use kpilot_core::kpi::Lang;
use kpilot_import::background::{Background, Finished};
use kpilot_import::header::{Column, Mapping, normalize};
use kpilot_import::number::DecimalMark;
use kpilot_import::reader::{FileError, Format, MAX_LISTED_ERRORS, Options, Reader};
use kpilot_store::{
    Batch, ImportMode, ImportReport, MAX_REPORTED, NewBatch, Observation, ObservationSource, Store,
};
use maud::{Markup, html};

use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::uploads::Upload;
use crate::{AppState, blocking};

/// Who a batch imported from the web is recorded as, until there are
/// accounts.
const IMPORTED_BY: &str = "web";

/// The file types the upload offers (the reader takes any text file).
const ACCEPT: &str = ".csv,.txt,.tsv,.xlsx,.xlsm,.ods,.xls";

/// How the user asked for the file to be read: the command line's
/// `--format`, `--map`, `--channel` and `--segment`.
#[derive(Debug, Clone, Default)]
struct Choices {
    /// `auto`, `long`, `wide` or a preset's name.
    format: String,
    channel: Option<String>,
    segment: Option<String>,
    /// The column selects' choices, `Header=target`, in column order.
    columns: Vec<String>,
    /// Further `Header=target` entries typed by hand, one per line.
    more: String,
}

impl Choices {
    /// The choices of a form's fields, and its CSRF token.
    fn from_fields(fields: &[(String, String)]) -> (Choices, Option<String>) {
        let mut choices = Choices {
            format: "auto".to_owned(),
            ..Choices::default()
        };
        let mut csrf = None;
        let given = |value: &str| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
        for (name, value) in fields {
            match name.as_str() {
                "csrf" => csrf = Some(value.clone()),
                "format" => choices.format = given(value).unwrap_or_else(|| "auto".to_owned()),
                "channel" => choices.channel = given(value),
                "segment" => choices.segment = given(value),
                "map" => choices.columns.extend(given(value)),
                // The textarea sends one field; the confirmation form one
                // hidden field per line (hidden fields keep no line breaks
                // in every browser).
                "more" => {
                    if !choices.more.is_empty() {
                        choices.more.push('\n');
                    }
                    choices.more.push_str(value);
                }
                _ => {}
            }
        }
        (choices, csrf)
    }

    /// Every `--map` entry, the columns' first.
    fn maps(&self) -> Vec<String> {
        self.columns
            .iter()
            .cloned()
            .chain(
                self.more
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned),
            )
            .collect()
    }

    /// The target chosen for the column `header`, if one was.
    fn target_of(&self, header: &str) -> Option<&str> {
        let wanted = normalize(header);
        self.columns.iter().find_map(|entry| {
            let (column, target) = entry.rsplit_once('=')?;
            (normalize(column) == wanted).then_some(target.trim())
        })
    }

    /// The same choices as hidden fields, for the confirmation form.
    fn hidden(&self) -> Markup {
        html! {
            input type="hidden" name="format" value=(self.format);
            @if let Some(channel) = &self.channel { input type="hidden" name="channel" value=(channel); }
            @if let Some(segment) = &self.segment { input type="hidden" name="segment" value=(segment); }
            @for entry in &self.columns { input type="hidden" name="map" value=(entry); }
            @for line in self.more.lines().map(str::trim).filter(|line| !line.is_empty()) {
                input type="hidden" name="more" value=(line);
            }
        }
    }
}

/// What reading the file gave.
enum Outcome {
    /// `format` names no format.
    BadFormat(String),
    /// A mapping entry cannot be read.
    BadMap(String),
    /// The file cannot be read at all (no header, unknown columns…).
    Unreadable(FileError),
    /// Committing found the same file imported the same way: nothing to do.
    Already(Batch),
    /// The file was read and the store ran the import (or its dry run).
    Read {
        finished: Box<Finished>,
        report: ImportReport,
        /// The batch that already holds this file read this way.
        earlier: Option<Batch>,
    },
}

struct Analysis {
    /// Every measure a column may be read as.
    measures: Vec<String>,
    outcome: Outcome,
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

/// Reads the upload as `choices` say and runs the store's import in `mode`.
fn analyse(
    store: &dyn Store,
    upload: &Upload,
    choices: &Choices,
    mode: ImportMode,
) -> Result<Analysis, AppError> {
    let own_measures = kpilot_workspace::import::plans_own_measures(store)?;
    let mut mapping = Mapping::new(own_measures.iter().map(String::as_str));
    let measures = mapping
        .known_measures()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let analysis = |outcome| Ok(Analysis { measures, outcome });
    let format = match choices.format.as_str() {
        "auto" => Format::Auto,
        "long" => Format::Long,
        "wide" => Format::Wide,
        other => match kpilot_import::find_preset(other) {
            Some(preset) => Format::Preset(preset),
            None => return analysis(Outcome::BadFormat(other.to_owned())),
        },
    };
    let maps = choices.maps();
    for entry in &maps {
        if mapping.add(entry).is_err() {
            return analysis(Outcome::BadMap(entry.clone()));
        }
    }
    let options = Options {
        format,
        mapping,
        channel: choices.channel.clone(),
        segment: choices.segment.clone(),
    };
    let reader = match Reader::open(&upload.file_name, upload.bytes.clone(), options) {
        Ok(reader) => reader,
        Err(error) => return analysis(Outcome::Unreadable(error)),
    };
    let read_as = reader.info().format;
    let batch = NewBatch {
        file_name: upload.file_name.clone(),
        content_hash: kpilot_store::sha256_hex(&upload.bytes),
        format: read_as.name().to_owned(),
        options: kpilot_workspace::import::canonical_options(
            read_as.name(),
            &maps,
            choices.channel.as_deref(),
            choices.segment.as_deref(),
        ),
        imported_by: IMPORTED_BY.to_owned(),
    };
    let earlier = store.batch_with_hash(&batch.content_hash, &batch.options)?;
    if mode == ImportMode::Commit
        && let Some(earlier) = earlier
    {
        return analysis(Outcome::Already(earlier));
    }
    let background = Background::start(reader)
        .map_err(|error| AppError::Internal(format!("cannot start reading: {error}")))?;
    let mut source = Source(background);
    let report = store.import(&batch, &mut source, mode);
    // The reading thread ends before any error of the store is reported.
    let finished = source.0.finish();
    analysis(Outcome::Read {
        finished: Box::new(finished),
        report: report?,
        earlier,
    })
}

/// Runs [`analyse`] off the async workers.
async fn run(
    state: &AppState,
    upload: Arc<Upload>,
    choices: Choices,
    mode: ImportMode,
) -> Result<Analysis, AppError> {
    let store = state.store.clone();
    blocking(move || analyse(store.as_ref(), &upload, &choices, mode)).await
}

/// The upload `id` of this browser, or 404.
fn find_upload(state: &AppState, ui: &Ui, id: &str) -> Result<Arc<Upload>, AppError> {
    state
        .uploads
        .get(id, &ui.csrf)
        .ok_or_else(|| AppError::NotFound(ui.t("import-upload-gone")))
}

/// `GET /import`: the upload form and the history, with the message of the
/// change just made.
pub async fn page(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
    ui: Ui,
) -> Result<Response, AppError> {
    let store = state.store.clone();
    let batches = blocking(move || Ok(store.batches()?)).await?;
    let number = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, value)| value.parse::<i64>().ok())
    };
    let find = |id: Option<i64>| batches.iter().find(|batch| Some(batch.id) == id);
    let message = if let Some(batch) = find(number("imported")) {
        Some(ui.tr.t_with(
            "import-done",
            &[
                ("batch", batch.id.into()),
                ("file", batch.file_name.clone().into()),
                ("rows", batch.rows.into()),
                ("inserted", batch.inserted.into()),
                ("replaced", batch.replaced.into()),
                ("unchanged", batch.unchanged.into()),
            ],
        ))
    } else if let Some(batch) = find(number("already")) {
        Some(already_message(&ui, batch))
    } else if let Some(batch) = number("undone") {
        Some(ui.tr.t_with(
            "import-undone",
            &[
                ("batch", batch.into()),
                ("removed", number("removed").unwrap_or(0).into()),
                ("restored", number("restored").unwrap_or(0).into()),
            ],
        ))
    } else {
        None
    };
    let body = html! {
        @if let Some(message) = &message {
            p.notice role="status" { (message) }
        }
        p { (ui.t("import-intro")) }
        (upload_form(&ui))
        (history(&ui, &batches))
    };
    Ok(ui.page(&ui.t("import-title"), Nav::Import, None, body))
}

fn already_message(ui: &Ui, batch: &Batch) -> String {
    ui.tr.t_with(
        "import-already",
        &[
            ("file", batch.file_name.clone().into()),
            ("batch", batch.id.into()),
            (
                "at",
                batch
                    .imported_at
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
                    .into(),
            ),
            ("by", batch.imported_by.clone().into()),
        ],
    )
}

/// The form fields every reading shares: the format, the channel and the
/// segment.
fn option_fields(ui: &Ui, choices: &Choices) -> Markup {
    let presets = kpilot_import::preset::all();
    html! {
        label {
            (ui.t("import-format"))
            select name="format" {
                @for (value, label) in [
                    ("auto", ui.t("import-format-auto")),
                    ("long", ui.t("import-format-long")),
                    ("wide", ui.t("import-format-wide")),
                ] {
                    option value=(value) selected[choices.format == value] { (label) }
                }
                optgroup label=(ui.t("import-format-presets")) {
                    @for preset in presets {
                        option value=(preset.name) selected[choices.format == preset.name] {
                            (preset.title)
                        }
                    }
                }
            }
        }
        label {
            (ui.t("import-channel"))
            input type="text" name="channel" value=[choices.channel.as_deref()];
            span.muted { (ui.t("import-channel-help")) }
        }
        label {
            (ui.t("import-segment"))
            input type="text" name="segment" value=[choices.segment.as_deref()];
        }
    }
}

fn upload_form(ui: &Ui) -> Markup {
    let choices = Choices {
        format: "auto".to_owned(),
        ..Choices::default()
    };
    html! {
        h2 { (ui.t("import-upload")) }
        form.stacked method="post" action="/import" enctype="multipart/form-data" {
            (ui.csrf_field())
            label {
                (ui.t("import-file"))
                input type="file" name="file" accept=(ACCEPT) required;
                span.muted { (ui.t("import-file-help")) }
            }
            (option_fields(ui, &choices))
            div { button type="submit" { (ui.t("import-read")) } }
        }
    }
}

fn history(ui: &Ui, batches: &[Batch]) -> Markup {
    html! {
        h2 { (ui.t("import-history")) }
        @if batches.is_empty() {
            p.notice { (ui.t("import-history-empty")) }
        } @else {
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" class="number" { (ui.t("import-batch")) }
                        th scope="col" { (ui.t("import-when")) }
                        th scope="col" { (ui.t("import-who")) }
                        th scope="col" { (ui.t("import-file-name")) }
                        th scope="col" { (ui.t("import-format-read")) }
                        th scope="col" class="number" { (ui.t("import-rows")) }
                        th scope="col" class="number" { (ui.t("import-inserted")) }
                        th scope="col" class="number" { (ui.t("import-replaced")) }
                        th scope="col" class="number" { (ui.t("import-unchanged")) }
                        th scope="col" { span.visually-hidden { (ui.t("import-undo")) } }
                    } }
                    tbody {
                        // The latest first: the one an undo is most often for.
                        @for batch in batches.iter().rev() {
                            tr id={ "batch-" (batch.id) } {
                                th scope="row" class="number" { (batch.id) }
                                td { (batch.imported_at.strftime("%Y-%m-%d %H:%M")) }
                                td { (batch.imported_by) }
                                td { (batch.file_name) }
                                td { (batch.format) }
                                td.number { (batch.rows) }
                                td.number { (batch.inserted) }
                                td.number { (batch.replaced) }
                                td.number { (batch.unchanged) }
                                td {
                                    form method="post" action={ "/import/batches/" (batch.id) "/undo" } {
                                        (ui.csrf_field())
                                        button.secondary type="submit" aria-label=(ui.tr.t_with("import-undo-batch", &[("batch", batch.id.into())])) {
                                            (ui.t("import-undo"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.muted { (ui.t("import-undo-help")) }
        }
    }
}

/// A file's name without the folders some browsers send.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .trim()
        .to_owned()
}

/// `POST /import`: keeps the file and shows its dry run.
pub async fn upload(
    State(state): State<AppState>,
    ui: Ui,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut fields = Vec::new();
    let mut file = None;
    loop {
        // A body over the limit fails here, as 413.
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return Ok(error.into_response()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = base_name(field.file_name().unwrap_or_default());
            match field.bytes().await {
                Ok(bytes) => file = Some((file_name, bytes.to_vec())),
                Err(error) => return Ok(error.into_response()),
            }
        } else {
            match field.text().await {
                Ok(text) => fields.push((name, text)),
                Err(error) => return Ok(error.into_response()),
            }
        }
    }
    let (choices, csrf) = Choices::from_fields(&fields);
    ui.verify(csrf.as_deref())?;
    let Some((file_name, bytes)) =
        file.filter(|(name, bytes)| !name.is_empty() || !bytes.is_empty())
    else {
        return Err(AppError::BadRequest(ui.t("import-no-file")));
    };
    let file_name = if file_name.is_empty() {
        "upload.csv".to_owned()
    } else {
        file_name
    };
    let id = state.uploads.put(Upload {
        file_name,
        bytes,
        owner: ui.csrf.clone(),
    });
    dry_run_page(&state, &ui, &id, &choices).await
}

/// The dry run of upload `id` read as `choices` say, on its page.
async fn dry_run_page(
    state: &AppState,
    ui: &Ui,
    id: &str,
    choices: &Choices,
) -> Result<Response, AppError> {
    let upload = find_upload(state, ui, id)?;
    let analysis = run(state, upload.clone(), choices.clone(), ImportMode::DryRun).await?;
    Ok(preview_page(ui, id, &upload, choices, &analysis, false))
}

/// `POST /import/{upload}/preview`: the dry run again, read as the form
/// now says.
pub async fn preview(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ui: Ui,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (choices, csrf) = Choices::from_fields(&fields);
    ui.verify(csrf.as_deref())?;
    dry_run_page(&state, &ui, &id, &choices).await
}

/// `POST /import/{upload}/confirm`: imports the file, all or nothing. A
/// file with bad lines is refused, as by `kpilot import`, and its dry run
/// shown again.
pub async fn confirm(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ui: Ui,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (choices, csrf) = Choices::from_fields(&fields);
    ui.verify(csrf.as_deref())?;
    let upload = find_upload(&state, &ui, &id)?;
    let analysis = run(&state, upload.clone(), choices.clone(), ImportMode::Commit).await?;
    match &analysis.outcome {
        Outcome::Read {
            report: ImportReport {
                batch: Some(batch), ..
            },
            ..
        } => {
            state.uploads.remove(&id);
            Ok(ui.redirect(&format!("/import?imported={batch}")))
        }
        Outcome::Already(batch) => {
            state.uploads.remove(&id);
            Ok(ui.redirect(&format!("/import?already={}", batch.id)))
        }
        _ => Ok(preview_page(&ui, &id, &upload, &choices, &analysis, true)),
    }
}

/// `POST /import/batches/{n}/undo`.
pub async fn undo(
    State(state): State<AppState>,
    Path(batch): Path<String>,
    ui: Ui,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (_, csrf) = Choices::from_fields(&fields);
    ui.verify(csrf.as_deref())?;
    let gone = || AppError::NotFound(ui.t("import-no-batch"));
    let batch: i64 = batch.parse().map_err(|_| gone())?;
    let store = state.store.clone();
    let undone = blocking(move || Ok(store.undo_import(batch)?))
        .await?
        .ok_or_else(gone)?;
    Ok(ui.redirect(&format!(
        "/import?undone={batch}&removed={}&restored={}",
        undone.removed, undone.restored
    )))
}

/// What a column holds, in words.
fn column_text(ui: &Ui, column: &Column) -> String {
    match column {
        Column::Day => ui.t("import-col-day"),
        Column::Channel => ui.t("import-col-channel"),
        Column::Segment => ui.t("import-col-segment"),
        Column::Action => ui.t("import-col-action"),
        Column::MeasureName => ui.t("import-col-measure-name"),
        Column::Value => ui.t("import-col-value"),
        Column::Measure(id) => ui
            .tr
            .t_with("import-col-measure", &[("name", id.clone().into())]),
        Column::Skip => ui.t("import-col-skip"),
    }
}

/// A measure's id and, for a built-in one, its name in the page's language.
fn measure_label(id: &str, lang: Lang) -> String {
    match catalogue::builtin()
        .iter()
        .find(|kpi| kpi.id.as_str() == id)
    {
        Some(kpi) => format!("{id} — {}", kpi.name.get(lang)),
        None => id.to_owned(),
    }
}

/// Why a file cannot be read, in the page's language.
fn file_error(ui: &Ui, error: &FileError) -> String {
    let tr = ui.tr;
    match error {
        FileError::Empty => ui.t("import-error-empty"),
        FileError::Workbook(detail) => tr.t_with(
            "import-error-workbook",
            &[("detail", detail.clone().into())],
        ),
        FileError::NoSheet => ui.t("import-error-no-sheet"),
        FileError::UnknownColumns { columns, .. } => {
            let listed = columns
                .iter()
                .map(|(column, header)| format!("{column} « {header} »"))
                .collect::<Vec<_>>()
                .join(", ");
            tr.t_with(
                "import-error-unknown-columns",
                &[("count", columns.len().into()), ("detail", listed.into())],
            )
        }
        FileError::NoDayColumn { line } => {
            tr.t_with("import-error-no-day", &[("line", (*line).into())])
        }
        FileError::LongWithoutMeasure { line } => {
            tr.t_with("import-error-long", &[("line", (*line).into())])
        }
        FileError::NoMeasureColumn { line } => {
            tr.t_with("import-error-no-measure", &[("line", (*line).into())])
        }
        FileError::SameColumnTwice {
            line,
            first,
            second,
            header,
            what,
        } => tr.t_with(
            "import-error-same-column",
            &[
                ("line", (*line).into()),
                ("first", (*first).into()),
                ("second", (*second).into()),
                ("header", header.clone().into()),
                ("what", what.clone().into()),
            ],
        ),
        FileError::FlagAndColumn { line, what, column } => tr.t_with(
            "import-error-flag-and-column",
            &[
                ("line", (*line).into()),
                ("what", ui.t(&format!("import-what-{what}")).into()),
                ("column", (*column).into()),
            ],
        ),
    }
}

/// A column of the file, as the mapping form shows it.
struct FileColumn {
    /// From 1.
    number: usize,
    header: String,
    /// What kpilot reads it as; `None` when it does not know.
    detected: Option<Column>,
}

/// The columns the mapping form offers: every column of a file that was
/// read, else the columns an error is about.
fn file_columns(outcome: &Outcome) -> Vec<FileColumn> {
    match outcome {
        Outcome::Read { finished, .. } => finished
            .info
            .columns
            .iter()
            .enumerate()
            .map(|(index, (header, column))| FileColumn {
                number: index + 1,
                header: header.clone(),
                detected: Some(column.clone()),
            })
            .collect(),
        Outcome::Unreadable(FileError::UnknownColumns { columns, .. }) => columns
            .iter()
            .map(|(number, header)| FileColumn {
                number: *number,
                header: header.clone(),
                detected: None,
            })
            .collect(),
        Outcome::Unreadable(FileError::SameColumnTwice { second, header, .. }) => {
            vec![FileColumn {
                number: *second,
                header: header.clone(),
                detected: None,
            }]
        }
        _ => Vec::new(),
    }
}

/// The select of one column: as detected, ignored, a dimension or a
/// measure. Each option's value is the `--map` entry it stands for.
fn column_select(ui: &Ui, column: &FileColumn, choices: &Choices, measures: &[String]) -> Markup {
    let chosen = choices.target_of(&column.header);
    let header = &column.header;
    let automatic = match &column.detected {
        Some(detected) => ui.tr.t_with(
            "import-map-auto",
            &[("name", column_text(ui, detected).into())],
        ),
        None => ui.t("import-map-choose"),
    };
    let dimensions = [
        ("-", ui.t("import-col-skip")),
        ("date", ui.t("import-col-day")),
        ("channel", ui.t("import-col-channel")),
        ("segment", ui.t("import-col-segment")),
        ("action", ui.t("import-col-action")),
    ];
    html! {
        select id={ "map-" (column.number) } name="map" {
            option value="" selected[chosen.is_none()] { (automatic) }
            @for (target, label) in &dimensions {
                option value={ (header) "=" (target) } selected[chosen == Some(*target)] { (label) }
            }
            optgroup label=(ui.t("import-map-measures")) {
                @for measure in measures {
                    option value={ (header) "=" (measure) } selected[chosen == Some(measure.as_str())] {
                        (measure_label(measure, ui.lang()))
                    }
                }
            }
        }
    }
}

/// The page of one upload: what was found, the mapping form, the dry run
/// and the confirmation.
fn preview_page(
    ui: &Ui,
    id: &str,
    upload: &Upload,
    choices: &Choices,
    analysis: &Analysis,
    refused: bool,
) -> Response {
    let outcome = &analysis.outcome;
    let columns = file_columns(outcome);
    let problem = match outcome {
        Outcome::BadFormat(format) => Some(
            ui.tr
                .t_with("import-error-format", &[("value", format.clone().into())]),
        ),
        Outcome::BadMap(entry) => Some(
            ui.tr
                .t_with("import-error-map", &[("value", entry.clone().into())]),
        ),
        Outcome::Unreadable(error) => Some(file_error(ui, error)),
        _ => None,
    };
    let clean = matches!(
        outcome,
        Outcome::Read { finished, report, .. }
            if finished.error_count == 0 && report.duplicate_count == 0
    );
    let title = ui.tr.t_with(
        "import-preview-title",
        &[("file", upload.file_name.clone().into())],
    );
    let body = html! {
        @if refused {
            p.error role="alert" { (ui.t("import-refused")) }
        }
        @if let Some(problem) = &problem {
            div.panel role="alert" {
                p.error { (ui.t("import-unreadable")) }
                p { (problem) }
            }
        }
        @if let Outcome::Read { finished, report, earlier } = outcome {
            (detected(ui, finished))
            @if let Some(earlier) = earlier {
                p.notice role="status" { (already_message(ui, earlier)) }
            }
            (dry_run(ui, finished, report))
        }
        h2 { (ui.t("import-mapping")) }
        form.stacked method="post" action={ "/import/" (id) "/preview" } {
            (ui.csrf_field())
            @if !columns.is_empty() {
                div.table-wrap {
                    table {
                        caption { (ui.t("import-mapping-caption")) }
                        thead { tr {
                            th scope="col" class="number" { (ui.t("import-column")) }
                            th scope="col" { (ui.t("import-header")) }
                            th scope="col" { (ui.t("import-read-as")) }
                        } }
                        tbody {
                            @for column in &columns {
                                tr {
                                    td.number { (column.number) }
                                    th scope="row" {
                                        label for={ "map-" (column.number) } { (column.header) }
                                    }
                                    td { (column_select(ui, column, choices, &analysis.measures)) }
                                }
                            }
                        }
                    }
                }
            }
            label {
                (ui.t("import-more"))
                textarea name="more" { (choices.more) }
                span.muted { (ui.t("import-more-help")) }
            }
            (option_fields(ui, choices))
            div { button type="submit" { (ui.t("import-preview")) } }
        }
        h2 { (ui.t("import-confirm-title")) }
        @if clean {
            form method="post" action={ "/import/" (id) "/confirm" } {
                (ui.csrf_field())
                (choices.hidden())
                p { (ui.t("import-confirm-help")) }
                button type="submit" { (ui.t("import-confirm")) }
            }
        } @else {
            p.notice { (ui.t("import-cannot-confirm")) }
        }
        p { a href="/import" { (ui.t("import-another")) } }
    };
    ui.page(&title, Nav::Import, None, body)
}

/// What kpilot found out about the file.
fn detected(ui: &Ui, finished: &Finished) -> Markup {
    let info = &finished.info;
    let delimiter = info.delimiter.map(|delimiter| match delimiter {
        b'\t' => ui.t("import-delimiter-tab"),
        b';' => ui.t("import-delimiter-semicolon"),
        b',' => ui.t("import-delimiter-comma"),
        other => format!("« {} »", other as char),
    });
    let mark = match info.decimal_mark {
        DecimalMark::Comma => ui.t("import-decimal-comma"),
        DecimalMark::Point => ui.t("import-decimal-point"),
    };
    html! {
        h2 { (ui.t("import-detected")) }
        dl.figures {
            div { dt { (ui.t("import-container")) } dd { (info.container) } }
            @if let Some(encoding) = info.encoding {
                div { dt { (ui.t("import-encoding")) } dd { (encoding.name()) } }
            }
            @if let Some(delimiter) = &delimiter {
                div { dt { (ui.t("import-delimiter")) } dd { (delimiter) } }
            }
            div { dt { (ui.t("import-decimal")) } dd { (mark) } }
            div { dt { (ui.t("import-format-read")) } dd { (info.format.name()) } }
        }
        @if !info.ignored_columns.is_empty() {
            p { (ui.t("import-ignored")) " " (info.ignored_columns.join(", ")) }
        }
    }
}

/// The dry run's counts, the totals and every bad line.
fn dry_run(ui: &Ui, finished: &Finished, report: &ImportReport) -> Markup {
    let lang = ui.lang();
    let summary = &finished.summary;
    let listed = finished.errors.len() as u64;
    let list = |names: &[String]| {
        if names.is_empty() {
            "—".to_owned()
        } else {
            names.join(", ")
        }
    };
    html! {
        h2 { (ui.t("import-dry-run")) }
        dl.figures {
            div { dt { (ui.t("import-rows")) } dd { (report.rows) } }
            div { dt { (ui.t("import-inserted")) } dd { (report.inserted) } }
            div { dt { (ui.t("import-replaced")) } dd { (report.replaced) } }
            div { dt { (ui.t("import-unchanged")) } dd { (report.unchanged) } }
            div { dt { (ui.t("import-duplicates")) } dd { (report.duplicate_count) } }
            div { dt { (ui.t("import-bad-lines")) } dd { (finished.error_count) } }
        }
        p {
            (ui.tr.t_with("import-span", &[("count", summary.values.into()), ("days", summary.days.into())]))
            @if let (Some(first), Some(last)) = (summary.first_day, summary.last_day) {
                " (" (first) " → " (last) ")"
            }
            ". " (ui.t("import-channels")) " " (list(&summary.channels))
            " ; " (ui.t("import-segments")) " " (list(&summary.segments))
        }
        @if !summary.measures.is_empty() {
            div.table-wrap {
                table {
                    caption { (ui.t("import-totals")) }
                    thead { tr {
                        th scope="col" { (ui.t("import-measure")) }
                        th scope="col" class="number" { (ui.t("import-values")) }
                        th scope="col" class="number" { (ui.t("import-total")) }
                    } }
                    tbody {
                        @for (measure, (count, total)) in &summary.measures {
                            tr {
                                th scope="row" { (measure_label(measure, lang)) }
                                td.number { (count) }
                                td.number {
                                    @match total {
                                        Some(total) => (display::decimal(*total, lang)),
                                        None => (ui.t("import-too-large")),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if finished.error_count > 0 {
            div role="alert" {
                h3 { (ui.tr.t_with("import-bad-lines-title", &[("count", finished.error_count.into())])) }
                @if finished.error_count > listed {
                    p { (ui.tr.t_with("import-bad-lines-capped", &[("count", MAX_LISTED_ERRORS.into()), ("rows", (finished.error_count - listed).into())])) }
                }
            }
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" class="number" { (ui.t("import-line")) }
                        th scope="col" class="number" { (ui.t("import-column")) }
                        th scope="col" { (ui.t("import-field")) }
                        th scope="col" { (ui.t("import-reason")) }
                    } }
                    tbody {
                        @for error in &finished.errors {
                            tr {
                                th scope="row" class="number" { (error.line) }
                                td.number { @if let Some(column) = error.column { (column) } }
                                td { @if let Some(header) = &error.header { (header) } }
                                // kpilot-import words its reasons in English.
                                td lang="en" { (error.message) }
                            }
                        }
                    }
                }
            }
        }
        @if report.duplicate_count > 0 {
            div role="alert" {
                h3 { (ui.tr.t_with("import-duplicates-title", &[("count", report.duplicate_count.into())])) }
                @if report.duplicate_count > report.duplicates.len() as u64 {
                    p { (ui.tr.t_with("import-duplicates-capped", &[("count", MAX_REPORTED.into()), ("rows", (report.duplicate_count - report.duplicates.len() as u64).into())])) }
                }
            }
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" class="number" { (ui.t("import-line")) }
                        th scope="col" { (ui.t("import-day")) }
                        th scope="col" class="number" { (ui.t("import-first-line")) }
                    } }
                    tbody {
                        @for duplicate in &report.duplicates {
                            tr {
                                th scope="row" class="number" { (duplicate.line) }
                                td { (duplicate.day) }
                                td.number { (duplicate.first_line) }
                            }
                        }
                    }
                }
            }
        }
    }
}
