//! The start page: the workspace's plans. With exactly one plan it goes
//! straight to that plan's dashboard.

use axum::extract::State;
use axum::response::Response;
use maud::html;

use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking};

pub async fn list(State(state): State<AppState>, ui: Ui) -> Result<Response, AppError> {
    let store = state.store.clone();
    let plans = blocking(move || Ok(store.plans()?)).await?;
    if let [plan] = plans.as_slice() {
        return Ok(ui.redirect(&format!("/plans/{}", plan.id)));
    }
    let body = html! {
        @if plans.is_empty() {
            p.notice { (ui.t("plans-empty")) }
        } @else {
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (ui.t("plans-name")) }
                        th scope="col" { (ui.t("plans-period")) }
                        th scope="col" class="number" { (ui.t("plans-revision")) }
                    } }
                    tbody {
                        @for plan in &plans {
                            tr {
                                td { a href={ "/plans/" (plan.id) } { (plan.name) } }
                                td { (plan.start) " → " (plan.end) }
                                td.number { (plan.revision) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(ui.page(&ui.t("plans-title"), Nav::Plans, None, body))
}
