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
use kpilot_import::background::Summary;
use kpilot_import::header::{Mapping, normalize};
use kpilot_import::number::DecimalMark;
use kpilot_import::reader::{FileError, FileInfo, MAX_LISTED_ERRORS};
use kpilot_import::record::RowError;
use kpilot_import::report::Role;
use kpilot_store::{Batch, Duplicate, ImportMode, ImportReport, MAX_REPORTED, Store};
use kpilot_workspace::import::{How, Input, Outcome, Refusal, Request};
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
    /// `dmy`, `mdy` or `ymd`: the order of dates the file does not prove.
    date_order: Option<String>,
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
                "date_order" => choices.date_order = given(value),
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
            @if let Some(order) = &self.date_order { input type="hidden" name="date_order" value=(order); }
            @for entry in &self.columns { input type="hidden" name="map" value=(entry); }
            @for line in self.more.lines().map(str::trim).filter(|line| !line.is_empty()) {
                input type="hidden" name="more" value=(line);
            }
        }
    }
}

struct Analysis {
    /// Every measure a column may be read as.
    measures: Vec<String>,
    outcome: Outcome,
}

/// Reads the upload as `choices` say and runs the import in `mode`:
/// kpilot-workspace's import, the command line's.
fn analyse(
    store: &dyn Store,
    upload: &Upload,
    choices: &Choices,
    mode: ImportMode,
    ui_lang: Lang,
) -> Result<Analysis, AppError> {
    let own_measures = kpilot_workspace::import::plans_own_measures(store)?;
    let measures = Mapping::new(own_measures.iter().map(String::as_str))
        .known_measures()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let outcome = kpilot_workspace::import::import(
        store,
        Request {
            input: Input::File {
                name: upload.file_name.clone(),
                bytes: upload.bytes.clone(),
            },
            how: How {
                format: choices.format.clone(),
                maps: choices.maps(),
                channel: choices.channel.clone(),
                segment: choices.segment.clone(),
                date_order: choices.date_order.clone(),
            },
            lang: ui_lang,
            allow_empty: false,
            mode,
            imported_by: IMPORTED_BY.to_owned(),
        },
    )?;
    Ok(Analysis { measures, outcome })
}

/// Runs [`analyse`] off the async workers.
async fn run(
    state: &AppState,
    upload: Arc<Upload>,
    choices: Choices,
    mode: ImportMode,
    lang: Lang,
) -> Result<Analysis, AppError> {
    let store = state.store.clone();
    blocking(move || analyse(store.as_ref(), &upload, &choices, mode, lang)).await
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
        label {
            (ui.t("import-date-order"))
            select name="date_order" {
                @for (value, label) in [
                    ("", ui.t("import-date-order-auto")),
                    ("dmy", ui.t("import-date-order-dmy")),
                    ("mdy", ui.t("import-date-order-mdy")),
                    ("ymd", ui.t("import-date-order-ymd")),
                ] {
                    option value=(value) selected[choices.date_order.as_deref().unwrap_or("") == value] { (label) }
                }
            }
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
    let analysis = run(
        state,
        upload.clone(),
        choices.clone(),
        ImportMode::DryRun,
        ui.lang(),
    )
    .await?;
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
    let analysis = run(
        &state,
        upload.clone(),
        choices.clone(),
        ImportMode::Commit,
        ui.lang(),
    )
    .await?;
    match &analysis.outcome {
        Outcome::Imported(imported) if imported.report.batch.is_some() => {
            state.uploads.remove(&id);
            let batch = imported.report.batch.unwrap_or_default();
            Ok(ui.redirect(&format!("/import?imported={batch}")))
        }
        Outcome::Already { batch, .. } => {
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

/// A column of the file, as the mapping form shows it.
struct FileColumn {
    /// From 1.
    number: usize,
    header: String,
    /// What kpilot reads it as; `None` when it does not (unknown, or left
    /// out).
    role: Option<Role>,
}

/// What was found of the file, whatever the outcome.
fn file_of(outcome: &Outcome) -> Option<&FileInfo> {
    match outcome {
        Outcome::Imported(imported) => imported.file.as_ref(),
        Outcome::Already { file, .. } => Some(file),
        Outcome::Refused(refusal) => match refusal.as_ref() {
            Refusal::Rows { file, .. } | Refusal::Empty { file, .. } => file.as_deref(),
            _ => None,
        },
    }
}

/// The columns the mapping form offers: every column of a file that was
/// read (those read and those left out), else the columns an error is
/// about.
fn file_columns(outcome: &Outcome) -> Vec<FileColumn> {
    if let Some(file) = file_of(outcome) {
        let mut columns: Vec<FileColumn> = file
            .columns
            .iter()
            .map(|column| FileColumn {
                number: column.column,
                header: column.header.clone(),
                role: Some(column.role.clone()),
            })
            .chain(file.left_out.iter().map(|left| FileColumn {
                number: left.column,
                header: left.header.clone(),
                role: None,
            }))
            .collect();
        columns.sort_by_key(|column| column.number);
        return columns;
    }
    let Outcome::Refused(refusal) = outcome else {
        return Vec::new();
    };
    match refusal.as_ref() {
        Refusal::File(FileError::UnknownColumns { columns, .. }) => columns
            .iter()
            .map(|(number, header)| FileColumn {
                number: *number,
                header: header.clone(),
                role: None,
            })
            .collect(),
        Refusal::File(FileError::SameColumnTwice { second, header, .. }) => {
            vec![FileColumn {
                number: *second,
                header: header.clone(),
                role: None,
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
    let lang = ui.lang();
    let automatic = match &column.role {
        Some(role) => ui.tr.t_with(
            "import-map-auto",
            &[("name", role.message().render(lang).into())],
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
                        (measure_label(measure, lang))
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
    let lang = ui.lang();
    let outcome = &analysis.outcome;
    let columns = file_columns(outcome);
    let refusal = match outcome {
        Outcome::Refused(refusal) => Some(refusal.as_ref()),
        _ => None,
    };
    // A file that cannot be read, or holds nothing: one sentence says why.
    let problem = refusal.and_then(|refusal| match refusal {
        Refusal::Rows { .. } => None,
        other => Some(other.message().render(lang)),
    });
    let clean = matches!(outcome, Outcome::Imported(_));
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
        @if let Some(file) = file_of(outcome) {
            (detected(ui, file))
        }
        @if let Outcome::Imported(imported) = outcome {
            @if let Some(earlier) = &imported.earlier {
                p.notice role="status" { (already_message(ui, earlier)) }
            }
            (dry_run(ui, &imported.summary, &imported.report))
        }
        @if let Some(Refusal::Rows { errors, error_count, duplicates, duplicate_count, .. }) = refusal {
            (bad_lines(ui, errors, *error_count))
            (duplicate_lines(ui, duplicates, *duplicate_count))
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

/// What kpilot found out about the file: its dialect, the format it was
/// read as and why, each column read, and every note (what was assumed,
/// skipped, left out).
fn detected(ui: &Ui, info: &FileInfo) -> Markup {
    let lang = ui.lang();
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
    let notes: Vec<_> = info
        .detected
        .iter()
        .map(|detected| detected.why.clone())
        .chain(kpilot_workspace::import::notes(info))
        .collect();
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
        @if !info.columns.is_empty() {
            p {
                (ui.t("import-columns-read")) " "
                @for (index, column) in info.columns.iter().enumerate() {
                    @if index > 0 { ", " }
                    (column.header) " → " (column.role.message().render(lang))
                }
            }
        }
        @if !notes.is_empty() {
            ul.notes {
                @for note in &notes {
                    li { (note.render(lang)) }
                }
            }
        }
    }
}

/// The dry run's counts and totals.
fn dry_run(ui: &Ui, summary: &Summary, report: &ImportReport) -> Markup {
    let lang = ui.lang();
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
    }
}

/// Every bad line, with its place and its reason in the page's language.
fn bad_lines(ui: &Ui, errors: &[RowError], count: u64) -> Markup {
    let listed = errors.len() as u64;
    html! {
        @if count > 0 {
            div role="alert" {
                h3 { (ui.tr.t_with("import-bad-lines-title", &[("count", count.into())])) }
                @if count > listed {
                    p { (ui.tr.t_with("import-bad-lines-capped", &[("count", MAX_LISTED_ERRORS.into()), ("rows", (count - listed).into())])) }
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
                        @for error in errors {
                            tr {
                                th scope="row" class="number" { (error.line) }
                                td.number { @if let Some(column) = error.column { (column) } }
                                td { @if let Some(header) = &error.header { (header) } }
                                td { (error.message.render(ui.lang())) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The keys the file gives twice.
fn duplicate_lines(ui: &Ui, duplicates: &[Duplicate], count: u64) -> Markup {
    html! {
        @if count > 0 {
            div role="alert" {
                h3 { (ui.tr.t_with("import-duplicates-title", &[("count", count.into())])) }
                @if count > duplicates.len() as u64 {
                    p { (ui.tr.t_with("import-duplicates-capped", &[("count", MAX_REPORTED.into()), ("rows", (count - duplicates.len() as u64).into())])) }
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
                        @for duplicate in duplicates {
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
