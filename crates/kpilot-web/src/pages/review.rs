//! The Review page: the operation review (bilan) of a period on screen —
//! kpilot-report's document, laid out by `html::body` in the app's layout —
//! and its downloads as HTML, PDF and XLSX, the same bytes as `kpilot
//! review --format …` writes for the same period and language.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use kpilot_core::plan::Plan;
use kpilot_report::Document;
use kpilot_report::document::date_text;
use maud::html;
use serde::Deserialize;

use super::day_of;
use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load};

#[derive(Debug, Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

/// The formats a review downloads as.
#[derive(Debug, Clone, Copy)]
enum Format {
    Html,
    Pdf,
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The review's document, gathered off the async workers, and its days:
/// the query's, else kpilot-workspace's default (the plan's start, and
/// today within the plan or the last day with data when that comes first),
/// as `kpilot review` takes them; 400 when the first comes after the last.
async fn document(
    state: AppState,
    ui: &Ui,
    id: String,
    query: &Period,
) -> Result<(Plan, Date, Date, Document), AppError> {
    let plan = load(state.clone(), id).await?.plan;
    let lang = ui.lang();
    let today = ui.today;
    let from = day_of(ui, query.from.as_deref())?;
    let to = day_of(ui, query.to.as_deref())?;
    let bad_order = |from: Date, to: Date| {
        ui.tr.t_with(
            "review-bad-order",
            &[
                ("first", date_text(from, lang).into()),
                ("second", date_text(to, lang).into()),
            ],
        )
    };
    let gathered = blocking(move || {
        let store = state.store.as_ref();
        let period = kpilot_workspace::review::period(store, &plan, today, from, to)?;
        if period.is_reversed() {
            return Ok(Err((period.from, period.to)));
        }
        let (from, to) = (period.from, period.to);
        let review = kpilot_workspace::review::gather(store, &plan, from, to, lang)?;
        let document = kpilot_report::review::document(&review);
        Ok(Ok((plan, from, to, document)))
    })
    .await?;
    gathered.map_err(|(from, to)| AppError::BadRequest(bad_order(from, to)))
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<Period>,
    ui: Ui,
) -> Result<Response, AppError> {
    let (plan, from, to, document) = document(state, &ui, id, &query).await?;
    let base = format!("/plans/{}/review", plan.id);
    let download = |format: Format| format!("{base}.{}?from={from}&to={to}", format.extension());
    let body = html! {
        p.subtitle { (document.subtitle) }
        form.inline method="get" action=(base) {
            label {
                (ui.t("review-from"))
                input type="date" name="from" value=(from) required;
            }
            label {
                (ui.t("review-to"))
                input type="date" name="to" value=(to) required;
            }
            button type="submit" { (ui.t("review-submit")) }
        }
        nav.downloads aria-label=(ui.t("review-downloads")) {
            a.button href=(download(Format::Html)) download { (ui.t("review-download-html")) }
            a.button href=(download(Format::Pdf)) download { (ui.t("review-download-pdf")) }
            a.button href=(download(Format::Xlsx)) download { (ui.t("review-download-xlsx")) }
        }
        div.review { (kpilot_report::html::body(&document)) }
    };
    Ok(ui.page(&document.title, Nav::Review, Some(plan.id.as_str()), body))
}

pub async fn html(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<Period>,
    ui: Ui,
) -> Result<Response, AppError> {
    download(state, ui, id, query, Format::Html).await
}

pub async fn pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<Period>,
    ui: Ui,
) -> Result<Response, AppError> {
    download(state, ui, id, query, Format::Pdf).await
}

pub async fn xlsx(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<Period>,
    ui: Ui,
) -> Result<Response, AppError> {
    download(state, ui, id, query, Format::Xlsx).await
}

/// The review written as `format`, as an attachment named after the plan
/// and the period.
async fn download(
    state: AppState,
    ui: Ui,
    id: String,
    query: Period,
    format: Format,
) -> Result<Response, AppError> {
    let (plan, from, to, document) = document(state, &ui, id, &query).await?;
    // Typesetting the PDF takes a while: off the async workers too.
    let bytes = blocking(move || match format {
        Format::Html => Ok(kpilot_report::html::write(&document).into_bytes()),
        Format::Pdf => kpilot_report::pdf::write(&document)
            .map_err(|error| AppError::Internal(format!("cannot typeset the PDF: {error}"))),
        Format::Xlsx => kpilot_report::xlsx::write(&document)
            .map_err(|error| AppError::Internal(format!("cannot write the spreadsheet: {error}"))),
    })
    .await?;
    // Plan ids are letters, digits, `_`, `-` and `.`: nothing to quote.
    let disposition = format!(
        "attachment; filename=\"review-{}-{from}-{to}.{}\"",
        plan.id,
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
