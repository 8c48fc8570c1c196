//! The KPI catalogue: each KPI's formula, unit, direction and the why /
//! where / how texts (seed 003), built in and the plan's own.

use axum::extract::{Path, State};
use axum::response::Response;
use kpilot_core::catalogue;
use kpilot_core::kpi::{Definition, Direction, KpiDef};
use maud::html;

use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, load};

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ui: Ui,
) -> Result<Response, AppError> {
    let stored = load(state, id).await?;
    let plan = &stored.plan;
    let lang = ui.lang();
    let used: Vec<&str> = plan
        .objectives
        .iter()
        .filter_map(|objective| objective.kpi.as_ref().map(|kpi| kpi.as_str()))
        .collect();
    let groups: [(String, Vec<&KpiDef>); 2] = [
        (ui.t("catalogue-plan-kpis"), plan.kpis.iter().collect()),
        (
            ui.t("catalogue-builtin"),
            catalogue::builtin().iter().collect(),
        ),
    ];
    let body = html! {
        p { (ui.t("catalogue-intro")) }
        @for (title, kpis) in &groups {
            @if !kpis.is_empty() {
                h2 { (title) }
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (ui.t("catalogue-kpi")) }
                            th scope="col" { (ui.t("catalogue-definition")) }
                            th scope="col" { (ui.t("catalogue-unit")) }
                            th scope="col" { (ui.t("catalogue-direction")) }
                            th scope="col" { (ui.t("catalogue-guidance")) }
                        } }
                        tbody {
                            @for kpi in kpis {
                                tr id={ "kpi-" (kpi.id) } {
                                    td {
                                        strong { (kpi.name.get(lang)) }
                                        br;
                                        code { (kpi.id) }
                                        @if used.contains(&kpi.id.as_str()) {
                                            " " span.badge.status-on_track { (ui.t("catalogue-used")) }
                                        }
                                    }
                                    td { code { (definition(kpi)) } }
                                    td { (ui.t(&format!("unit-{}", kpi.unit.as_str()))) }
                                    td {
                                        (ui.t(match kpi.direction {
                                            Direction::Up => "direction-up",
                                            Direction::Down => "direction-down",
                                        }))
                                    }
                                    td {
                                        @for (key, text) in [
                                            ("catalogue-why", &kpi.guidance.why),
                                            ("catalogue-where", &kpi.guidance.where_to_find),
                                            ("catalogue-how", &kpi.guidance.how_to_improve),
                                        ] {
                                            @if !text.get(lang).is_empty() {
                                                p { strong { (ui.t(key)) } " " (text.get(lang)) }
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
    };
    Ok(ui.page(
        &ui.t("catalogue-title"),
        Nav::Catalogue,
        Some(plan.id.as_str()),
        body,
    ))
}

/// The KPI's definition as the plan file writes it: a formula, or the
/// aggregation of a recorded measure.
fn definition(kpi: &KpiDef) -> String {
    match &kpi.definition {
        Definition::Formula(formula) => formula.to_string(),
        Definition::Measure(aggregation) => aggregation.to_text(),
    }
}
