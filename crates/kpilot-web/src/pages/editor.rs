//! The plan editor's overview: the plan's items by kind with their edit and
//! delete controls and an add link per kind, the SMART findings of the
//! whole plan, and the plan as its TOML file, to download or to replace by
//! an upload.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kpilot_core::check::{self, Located, Severity};
use kpilot_core::kpi::Lang;
use kpilot_core::plan::{ItemKind, Plan};
use kpilot_core::plan_file;
use maud::{Markup, html};
use serde::Deserialize;

use crate::error::AppError;
use crate::plan_edit::{self, KINDS, Kind};
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load};

/// What the page says after a change (POST-redirect-GET).
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
    deleted: Option<String>,
    uploaded: Option<String>,
}

/// What the overview shows besides the plan.
#[derive(Debug, Default)]
pub struct Extra {
    /// A change that went through.
    pub notice: Option<String>,
    /// A change that was refused, and why.
    pub refusal: Option<String>,
    /// The findings that stopped an upload or a deletion.
    pub blocking: Vec<Located>,
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(done): Query<Done>,
    ui: Ui,
) -> Result<Response, AppError> {
    let stored = load(state, id).await?;
    let name = |key: &str, item: String| ui.tr.t_with(key, &[("name", item.into())]);
    let notice = match done {
        Done {
            saved: Some(item), ..
        } => Some(name("editor-saved", item)),
        Done {
            deleted: Some(item),
            ..
        } => Some(name("editor-deleted", item)),
        Done {
            uploaded: Some(_), ..
        } => Some(ui.t("editor-uploaded")),
        _ => None,
    };
    let extra = Extra {
        notice,
        ..Extra::default()
    };
    Ok(overview(&ui, &stored.plan, StatusCode::OK, extra))
}

/// The overview page of `plan`.
pub fn overview(ui: &Ui, plan: &Plan, status: StatusCode, extra: Extra) -> Response {
    let lang = ui.lang();
    let plan_id = plan.id.as_str();
    let base = format!("/plans/{plan_id}");
    let findings = plan_edit::findings(plan, lang);
    let body = html! {
        @if let Some(notice) = &extra.notice {
            p.notice role="status" { (notice) }
        }
        @if let Some(refusal) = &extra.refusal {
            div.refusal role="alert" {
                p.error { (refusal) }
                @if !extra.blocking.is_empty() {
                    (findings_list(ui, plan_id, &extra.blocking.iter().collect::<Vec<_>>()))
                }
            }
        }
        p { (ui.t("editor-intro")) }
        section.panel aria-labelledby="kind-plan" {
            h2 #kind-plan { (ui.t("editor-kind-plan")) }
            dl.figures {
                div { dt { (ui.t("field-name")) } dd { (plan.name) } }
                div { dt { (ui.t("plans-period")) } dd { (plan.start) " → " (plan.end) } }
                div { dt { (ui.t("field-currency")) } dd { (plan.currency) } }
            }
            @for (key, text) in [("field-mission", &plan.mission), ("field-vision", &plan.vision)] {
                @if !text.is_empty() {
                    p { strong { (ui.t(key)) } " " (text) }
                }
            }
            p {
                a.button.secondary href={ (base) "/edit/plan/" (plan_id) } { (ui.t("editor-edit-plan-link")) }
            }
        }
        nav.downloads aria-label=(ui.t("editor-kinds-label")) {
            @for kind in &KINDS {
                a href={ "#kind-" (kind.slug) } { (ui.t(&format!("editor-kind-{}", kind.slug))) }
            }
            a href="#findings-title" { (ui.t("editor-findings-title")) }
            a href="#file-title" { (ui.t("editor-file-title")) }
        }
        @for kind in &KINDS {
            (kind_section(ui, plan, kind))
        }
        section aria-labelledby="findings-title" {
            h2 #findings-title { (ui.t("editor-findings-title")) }
            (findings_list(ui, plan_id, &findings.iter().collect::<Vec<_>>()))
        }
        section.panel aria-labelledby="file-title" {
            h2 #file-title { (ui.t("editor-file-title")) }
            p { (ui.t("editor-file-intro")) }
            p.downloads {
                a.button href={ (base) "/plan.toml" } download { (ui.t("editor-download")) }
            }
            form.stacked method="post" action={ (base) "/plan.toml" } enctype="multipart/form-data" {
                (ui.csrf_field())
                label for="plan-file" {
                    (ui.t("editor-upload-file"))
                    input #plan-file type="file" name="file" accept=".toml,application/toml,text/plain" required aria-describedby="plan-file-help";
                }
                p #plan-file-help .muted { (ui.t("editor-upload-help")) }
                div { button type="submit" { (ui.t("editor-upload-submit")) } }
            }
        }
    };
    ui.page_with_status(
        status,
        &ui.t("editor-title"),
        Nav::Editor,
        Some(plan_id),
        body,
    )
}

fn kind_section(ui: &Ui, plan: &Plan, kind: &Kind) -> Markup {
    let plan_id = plan.id.as_str();
    let rows = rows(plan, kind.item_kind, ui.lang());
    let heading = format!("kind-{}", kind.slug);
    html! {
        section aria-labelledby=(heading) {
            h2 id=(heading) { (ui.t(&format!("editor-kind-{}", kind.slug))) }
            @if rows.is_empty() {
                p.muted { (ui.t("editor-empty")) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (ui.t("editor-col-id")) }
                            th scope="col" { (ui.t("editor-col-title")) }
                            th scope="col" { span.visually-hidden { (ui.t("editor-col-controls")) } }
                        } }
                        tbody {
                            @for (id, title) in &rows {
                                @let edit = format!("/plans/{plan_id}/edit/{}/{id}", kind.slug);
                                @let named = ui.tr.t_with("editor-item-named", &[("name", id.as_str().into())]);
                                tr {
                                    td { code { (id) } }
                                    td { (title) }
                                    td.controls {
                                        a href=(edit) aria-label={ (ui.t("editor-edit")) " " (named) } { (ui.t("editor-edit")) }
                                        form.delete method="post" action={ (edit) "/delete" } {
                                            (ui.csrf_field())
                                            button.danger type="submit" aria-label={ (ui.t("editor-delete")) " " (named) } {
                                                (ui.t("editor-delete"))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p {
                a.button.secondary href={ "/plans/" (plan_id) "/edit/" (kind.slug) "/new" } {
                    (ui.t(&format!("editor-add-{}", kind.slug)))
                }
            }
        }
    }
}

/// The items of one kind as (id, title) rows, in plan order.
fn rows(plan: &Plan, kind: ItemKind, lang: Lang) -> Vec<(String, String)> {
    if kind == ItemKind::Kpi {
        return plan
            .kpis
            .iter()
            .map(|kpi| (kpi.id.clone(), kpi.name.get(lang).to_owned()))
            .collect();
    }
    plan.items()
        .into_iter()
        .filter(|(item_kind, _, _)| *item_kind == kind)
        .map(|(_, id, title)| (id.to_owned(), title.to_owned()))
        .collect()
}

/// Findings as a list: severity in words (not only in colour), the rule's
/// code, the message, where it stands in the plan file and how to fix it;
/// a finding about an item links to its form.
pub fn findings_list(ui: &Ui, plan_id: &str, findings: &[&Located]) -> Markup {
    html! {
        @if findings.is_empty() {
            p { (ui.t("editor-findings-none")) }
        } @else {
            ul.findings {
                @for finding in findings {
                    @let error = finding.severity == Severity::Error;
                    li class=(if error { "error" } else { "warning" }) {
                        strong {
                            (ui.t(if error { "editor-severity-error" } else { "editor-severity-warning" }))
                        }
                        " "
                        code { (finding.rule) }
                        " — "
                        (finding.message)
                        @if let (Some(line), Some(column)) = (finding.line, finding.column) {
                            " "
                            span.muted {
                                "(" (ui.tr.t_with("editor-location", &[("line", line.into()), ("column", column.into())])) ")"
                            }
                        }
                        @if let Some(kind) = finding.kind.and_then(plan_edit::kind_of) {
                            " "
                            a href={ "/plans/" (plan_id) "/edit/" (kind.slug) "/" (finding.item) } {
                                (ui.tr.t_with("editor-item-named", &[("name", finding.item.as_str().into())]))
                            }
                        }
                        @if let Some(help) = finding.help.as_deref().filter(|help| !help.is_empty()) {
                            br;
                            span.muted { (help) }
                        }
                    }
                }
            }
        }
    }
}

/// The plan as its file, to download.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = load(state, id).await?;
    let disposition = format!("attachment; filename=\"{}.toml\"", stored.plan.id);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        plan_file::write(&stored.plan),
    )
        .into_response())
}

/// Replaces the plan by an uploaded plan file, when it reads, names this
/// plan and has no error; otherwise shows why and changes nothing.
pub async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ui: Ui,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut token = None;
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|error| AppError::BadRequest(error.body_text()))?
    {
        match field.name() {
            Some("csrf") => {
                token = Some(
                    field
                        .text()
                        .await
                        .map_err(|error| AppError::BadRequest(error.body_text()))?,
                );
            }
            Some("file") => {
                file = Some(
                    field
                        .bytes()
                        .await
                        .map_err(|error| AppError::BadRequest(error.body_text()))?,
                );
            }
            _ => {}
        }
    }
    ui.verify(token.as_deref())?;
    let stored = load(state.clone(), id).await?;
    let file = file.ok_or_else(|| AppError::BadRequest(ui.t("editor-upload-missing")))?;
    let refuse = |refusal: String, blocking: Vec<Located>| {
        let extra = Extra {
            refusal: Some(refusal),
            blocking,
            ..Extra::default()
        };
        overview(&ui, &stored.plan, StatusCode::UNPROCESSABLE_ENTITY, extra)
    };
    let Ok(text) = std::str::from_utf8(&file) else {
        return Ok(refuse(ui.t("editor-upload-not-text"), Vec::new()));
    };
    let parsed = match plan_file::parse(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let finding = Located::syntax("plan.toml", error);
            return Ok(refuse(ui.t("editor-upload-refused"), vec![finding]));
        }
    };
    if parsed.plan.id != stored.plan.id {
        let refusal = ui.tr.t_with(
            "editor-upload-wrong-plan",
            &[
                ("name", parsed.plan.id.as_str().into()),
                ("value", stored.plan.id.as_str().into()),
            ],
        );
        return Ok(refuse(refusal, Vec::new()));
    }
    let findings = check::locate(&parsed, check::check(&parsed.plan), ui.lang());
    if findings
        .iter()
        .any(|finding| finding.severity == Severity::Error)
    {
        let errors = findings
            .into_iter()
            .filter(|finding| finding.severity == Severity::Error)
            .collect();
        return Ok(refuse(ui.t("editor-upload-refused"), errors));
    }
    let plan = parsed.plan;
    let to = format!("/plans/{}/edit?uploaded=1", plan.id);
    blocking(move || {
        state.store.apply_plan(&plan, "web")?;
        Ok(())
    })
    .await?;
    Ok(ui.redirect(&to))
}
