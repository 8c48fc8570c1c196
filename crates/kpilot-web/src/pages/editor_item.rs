//! The plan editor's item forms: create, change and delete a goal, an
//! objective, a KPI, a strategy, a tactic, an action, a segment or a
//! channel. Every change goes through the plan file ([`crate::plan_edit`]):
//! nothing is saved when a value cannot be read, when the file no longer
//! reads, or when the change brings a new error; the form then shows why,
//! next to its fields. With htmx, the findings beside the form follow the
//! typing (`…/check`, the same path as saving, without saving).

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kpilot_core::catalogue;
use kpilot_core::check::Located;
use kpilot_core::plan::{BUILTIN_CHANNELS, BUILTIN_SEGMENTS, ItemKind, Plan};
use maud::{Markup, html};

use crate::error::AppError;
use crate::pages::editor::{self, Extra};
use crate::plan_edit::{
    self, Attempt, Choices, Document, Field, FieldError, Input, Kind, METRIC_KPI, METRIC_STAGE,
    MILESTONE_DATE, MILESTONE_TARGET, Problem, VARIANT_CONTROL, VARIANT_ID, VARIANT_NAME,
    VARIANT_SPLIT, Values,
};
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load};

/// The path segment of a form that creates an item.
const NEW: &str = "new";

type ItemPath = Path<(String, String, String)>;

fn kind(slug: &str) -> Result<&'static Kind, AppError> {
    plan_edit::kind(slug).ok_or_else(|| AppError::NotFound(format!("no kind of item `{slug}`")))
}

/// The item's id, or `None` for a new one; 404 when the plan has no such
/// item.
fn original<'a>(plan: &Plan, kind: &Kind, item: &'a str) -> Result<Option<&'a str>, AppError> {
    if item == NEW && kind.item_kind != ItemKind::Plan {
        return Ok(None);
    }
    let document = Document::of(plan).map_err(AppError::Internal)?;
    match document.item(kind, item) {
        Some(_) => Ok(Some(item)),
        None => Err(AppError::NotFound(format!(
            "no {} `{item}` in plan `{}`",
            kind.slug, plan.id
        ))),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((id, slug, item)): ItemPath,
    ui: Ui,
) -> Result<Response, AppError> {
    let kind = kind(&slug)?;
    let stored = load(state, id).await?;
    let plan = &stored.plan;
    let original = original(plan, kind, &item)?;
    let document = Document::of(plan).map_err(AppError::Internal)?;
    let values = original
        .and_then(|id| document.item(kind, id))
        .map(|table| plan_edit::values_of(kind, table))
        .unwrap_or_default();
    let attempt = Attempt {
        item: original.unwrap_or_default().to_owned(),
        findings: plan_edit::findings(plan, ui.lang()),
        ..Attempt::default()
    };
    Ok(form_page(
        &ui,
        plan,
        kind,
        original,
        &values,
        &attempt,
        StatusCode::OK,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    Path((id, slug, item)): ItemPath,
    ui: Ui,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let values = Values(form);
    ui.verify(Some(values.get("csrf")))?;
    let kind = kind(&slug)?;
    let stored = load(state.clone(), id).await?;
    let plan = &stored.plan;
    let original = original(plan, kind, &item)?;
    let mut attempt =
        plan_edit::attempt(plan, kind, original, &values, ui.lang()).map_err(AppError::Internal)?;
    let Some(changed) = attempt.plan.take() else {
        return Ok(form_page(
            &ui,
            plan,
            kind,
            original,
            &values,
            &attempt,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let to = format!(
        "/plans/{}/edit?saved={}#kind-{}",
        plan.id, attempt.item, kind.slug
    );
    blocking(move || {
        state.store.apply_plan(&changed, "web")?;
        Ok(())
    })
    .await?;
    Ok(ui.redirect(&to))
}

/// The findings the plan would have with the form's values: an HTML
/// fragment for the panel beside the form. Nothing is saved.
pub async fn check(
    State(state): State<AppState>,
    Path((id, slug, item)): ItemPath,
    ui: Ui,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let values = Values(form);
    ui.verify(Some(values.get("csrf")))?;
    let kind = kind(&slug)?;
    let stored = load(state, id).await?;
    let plan = &stored.plan;
    let original = original(plan, kind, &item)?;
    let attempt =
        plan_edit::attempt(plan, kind, original, &values, ui.lang()).map_err(AppError::Internal)?;
    let fragment = findings_panel(&ui, plan, kind, &attempt);
    Ok(Html(fragment.into_string()).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    Path((id, slug, item)): ItemPath,
    ui: Ui,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    ui.verify(Some(Values(form).get("csrf")))?;
    let kind = kind(&slug)?;
    let stored = load(state.clone(), id).await?;
    let plan = &stored.plan;
    let Some(item) = original(plan, kind, &item)? else {
        return Err(AppError::NotFound(format!("no {} `{NEW}`", kind.slug)));
    };
    let name = |key: &str| ui.tr.t_with(key, &[("name", item.into())]);
    let referrers = plan_edit::referrers(plan, kind.item_kind, item);
    if !referrers.is_empty() {
        let named: Vec<String> = referrers
            .iter()
            .map(|(referrer, id)| format!("{} {id}", one(&ui, *referrer)))
            .collect();
        let refusal = ui.tr.t_with(
            "editor-delete-refused",
            &[("name", item.into()), ("value", named.join(", ").into())],
        );
        let extra = Extra {
            refusal: Some(refusal),
            ..Extra::default()
        };
        return Ok(editor::overview(&ui, plan, StatusCode::CONFLICT, extra));
    }
    let mut attempt = plan_edit::attempt_removal(plan, kind, item, ui.lang())
        .map_err(AppError::Internal)?
        .ok_or_else(|| AppError::NotFound(format!("no {} `{item}`", kind.slug)))?;
    let Some(changed) = attempt.plan.take() else {
        let mut blocking = attempt.introduced;
        blocking.extend(attempt.syntax);
        let extra = Extra {
            refusal: Some(name("editor-delete-breaks")),
            blocking,
            ..Extra::default()
        };
        return Ok(editor::overview(&ui, plan, StatusCode::CONFLICT, extra));
    };
    let to = format!("/plans/{}/edit?deleted={item}#kind-{}", plan.id, kind.slug);
    blocking(move || {
        state.store.apply_plan(&changed, "web")?;
        Ok(())
    })
    .await?;
    Ok(ui.redirect(&to))
}

/// "objective", "tactic"… in the user's language.
fn one(ui: &Ui, kind: ItemKind) -> String {
    ui.t(&format!("editor-one-{}", kind.as_str()))
}

fn form_page(
    ui: &Ui,
    plan: &Plan,
    kind: &Kind,
    original: Option<&str>,
    values: &Values,
    attempt: &Attempt,
    status: StatusCode,
) -> Response {
    let plan_id = plan.id.as_str();
    let action = format!(
        "/plans/{plan_id}/edit/{}/{}",
        kind.slug,
        original.unwrap_or(NEW)
    );
    let title = match original {
        None => ui.t(&format!("editor-new-{}", kind.slug)),
        Some(item) => ui.tr.t_with(
            &format!("editor-edit-{}", kind.slug),
            &[("name", item.into())],
        ),
    };
    let refused = status != StatusCode::OK;
    // The item's own findings, next to the fields they are about.
    let own = attempt.own_findings(kind);
    let body = html! {
        @if refused {
            p.error role="alert" { (ui.t("editor-refused")) }
        }
        div.two-columns {
            form.stacked method="post" action=(action)
                hx-post={ (action) "/check" } hx-trigger="input delay:400ms"
                hx-target="#findings" hx-swap="innerHTML" {
                (ui.csrf_field())
                @for field in kind.fields {
                    (control(ui, plan, field, original, values, &attempt.field_errors, &own))
                }
                div.downloads {
                    button type="submit" { (ui.t("editor-save")) }
                    a.button.secondary href={ "/plans/" (plan_id) "/edit#kind-" (kind.slug) } {
                        (ui.t("editor-cancel"))
                    }
                }
            }
            aside aria-labelledby="findings-title" {
                h2 #findings-title { (ui.t("editor-item-findings")) }
                p.muted { (ui.t("editor-live-hint")) }
                div #findings aria-live="polite" {
                    (findings_panel(ui, plan, kind, attempt))
                }
            }
        }
    };
    ui.page_with_status(status, &title, Nav::Editor, Some(plan_id), body)
}

/// What the panel beside the form lists: unreadable values, a file that no
/// longer reads, the item's findings and the errors the change would bring
/// elsewhere.
fn findings_panel(ui: &Ui, plan: &Plan, kind: &Kind, attempt: &Attempt) -> Markup {
    let plan_id = plan.id.as_str();
    let own = attempt.own_findings(kind);
    let elsewhere = attempt.introduced_elsewhere(kind);
    html! {
        @if !attempt.field_errors.is_empty() {
            ul.findings {
                @for error in &attempt.field_errors {
                    li.error {
                        strong { (label(ui, error.field)) } " — " (problem(ui, &error.problem))
                    }
                }
            }
        }
        @if let Some(syntax) = &attempt.syntax {
            p.error { (ui.t("editor-syntax")) }
            (editor::findings_list(ui, plan_id, &[syntax]))
        }
        @if attempt.field_errors.is_empty() && attempt.syntax.is_none() {
            (editor::findings_list(ui, plan_id, &own))
        }
        @if !elsewhere.is_empty() {
            p.error { (ui.t("editor-introduced")) }
            (editor::findings_list(ui, plan_id, &elsewhere))
        }
    }
}

/// The form field of a rule's findings about an item, where one field is
/// what the finding asks to change.
fn field_of_rule(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "smart.specific" => "kpi",
        "smart.measurable" => "target",
        "smart.achievable" => "baseline",
        "smart.realistic" => "goal",
        "smart.time_bound" => "deadline",
        "action.owner" => "owner.name",
        "action.dates" => "due",
        "structure.too_few_metrics" | "structure.too_many_metrics" => "metrics",
        "experiment.variants" => "variants",
        "experiment.kpi" => "kpi",
        "experiment.mde" => "mde",
        "experiment.dates" => "start",
        "experiment.hypothesis" => "hypothesis",
        _ => return None,
    })
}

fn label(ui: &Ui, key: &str) -> String {
    ui.t(&format!("field-{}", key.replace(['.', '_'], "-")))
}

fn problem(ui: &Ui, problem: &Problem) -> String {
    let with = |key: &str, value: &str| ui.tr.t_with(key, &[("value", value.into())]);
    match problem {
        Problem::Required => ui.t("editor-problem-required"),
        Problem::BadId => ui.t("editor-problem-bad-id"),
        Problem::TakenId => ui.t("editor-problem-taken-id"),
        Problem::BadDate(value) => with("error-bad-date", value),
        Problem::BadNumber(value) => with("editor-problem-bad-number", value),
        Problem::BadWhole(value) => with("editor-problem-bad-whole", value),
        Problem::MetricWithoutStage => ui.t("editor-problem-metric-stage"),
        Problem::MilestoneIncomplete => ui.t("editor-problem-milestone"),
        Problem::VariantIncomplete => ui.t("editor-problem-variant"),
    }
}

/// One field: its label, its control with the current or sent values, and
/// the messages about it, tied to the control by `aria-describedby`.
fn control(
    ui: &Ui,
    plan: &Plan,
    field: &Field,
    original: Option<&str>,
    values: &Values,
    errors: &[FieldError],
    own: &[&Located],
) -> Markup {
    let id = format!("field-{}", field.key.replace(['.', '_'], "-"));
    let message_id = format!("{id}-message");
    let mut messages: Vec<String> = errors
        .iter()
        .filter(|error| error.field == field.key)
        .map(|error| problem(ui, &error.problem))
        .collect();
    messages.extend(
        own.iter()
            .filter(|finding| field_of_rule(finding.rule) == Some(field.key))
            .map(|finding| finding.message.clone()),
    );
    let invalid = !messages.is_empty();
    let described = invalid.then_some(message_id.as_str());
    let value = values.get(field.key);
    let text = label(ui, field.key);
    let control = match field.input {
        _ if field.key == "id" => html! {
            @if let Some(item) = original {
                input id=(id) type="text" name="id" value=(item) readonly aria-describedby=[described];
            } @else {
                input id=(id) type="text" name="id" value=(value) required
                    pattern="[A-Za-z0-9_.\\-]{1,64}" maxlength="64" autocomplete="off"
                    aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
            }
        },
        Input::Text => {
            let kind = match field.key {
                "owner.email" => "email",
                "owner.phone" => "tel",
                _ => "text",
            };
            html! {
                input id=(id) type=(kind) name=(field.key) value=(value) required[field.required]
                    aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
            }
        }
        Input::LongText => html! {
            textarea id=(id) name=(field.key) required[field.required]
                aria-invalid=[invalid.then_some("true")] aria-describedby=[described] { (value) }
        },
        Input::Date => html! {
            input id=(id) type="date" name=(field.key) value=(value) required[field.required]
                aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
        },
        Input::Number => html! {
            input id=(id) type="number" step="any" name=(field.key) value=(value) required[field.required]
                aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
        },
        Input::Whole => html! {
            input id=(id) type="number" step="1" min="0" name=(field.key) value=(value) required[field.required]
                aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
        },
        Input::Choice(choices) => {
            let options = with_current(options(ui, plan, choices), &[value]);
            html! {
                select id=(id) name=(field.key) required[field.required]
                    aria-invalid=[invalid.then_some("true")] aria-describedby=[described] {
                    option value="" { (ui.t("editor-none")) }
                    @for (option, name) in &options {
                        option value=(option) selected[option == value] { (name) }
                    }
                }
            }
        }
        Input::Many(choices) => {
            let chosen = values.all(field.key);
            let options = with_current(options(ui, plan, choices), &chosen);
            html! {
                select id=(id) name=(field.key) multiple size=(options.len().clamp(2, 8))
                    aria-invalid=[invalid.then_some("true")] aria-describedby=[described] {
                    @for (option, name) in &options {
                        option value=(option) selected[chosen.contains(&option.as_str())] { (name) }
                    }
                }
            }
        }
        Input::Metrics => return metrics(ui, plan, values, &messages, &message_id),
        Input::Milestones => return milestones(ui, values, &messages, &message_id),
        Input::Variants => return variants(ui, values, &messages, &message_id),
        Input::Flag => html! {
            input id=(id) type="checkbox" name=(field.key) value="true" checked[value == "true"]
                aria-invalid=[invalid.then_some("true")] aria-describedby=[described];
        },
    };
    html! {
        div.field {
            label for=(id) {
                (text)
                @if field.required { " " span.muted { (ui.t("editor-required-mark")) } }
            }
            (control)
            @if invalid {
                p.error id=(message_id) {
                    @for message in &messages { (message) br; }
                }
            }
        }
    }
}

/// A tactic's metrics: one row per metric and one more, at least three.
fn metrics(ui: &Ui, plan: &Plan, values: &Values, messages: &[String], message_id: &str) -> Markup {
    let kpis = values.all(METRIC_KPI);
    let stages = values.all(METRIC_STAGE);
    let rows = (kpis.iter().filter(|kpi| !kpi.is_empty()).count() + 1).max(3);
    let kpi_options = with_current(options(ui, plan, Choices::Kpi), &kpis);
    let stage_options = options(ui, plan, Choices::MetricStage);
    let invalid = !messages.is_empty();
    html! {
        fieldset.metrics aria-describedby=[invalid.then_some(message_id)] {
            legend { (label(ui, "metrics")) }
            @for row in 0..rows {
                @let kpi = kpis.get(row).copied().unwrap_or_default();
                @let stage = stages.get(row).copied().unwrap_or_default();
                @let number = ui.tr.t_with("editor-metric-number", &[("count", (row + 1).into())]);
                div.metric {
                    label for={ "field-metrics-kpi-" (row) } {
                        (number) " — " (ui.t("editor-metric-kpi"))
                        select id={ "field-metrics-kpi-" (row) } name=(METRIC_KPI) {
                            option value="" { (ui.t("editor-none")) }
                            @for (option, name) in &kpi_options {
                                option value=(option) selected[option == kpi] { (name) }
                            }
                        }
                    }
                    label for={ "field-metrics-type-" (row) } {
                        (number) " — " (ui.t("editor-metric-stage"))
                        select id={ "field-metrics-type-" (row) } name=(METRIC_STAGE) {
                            option value="" { (ui.t("editor-none")) }
                            @for (option, name) in &stage_options {
                                option value=(option) selected[option == stage] { (name) }
                            }
                        }
                    }
                }
            }
            @if invalid {
                p.error id=(message_id) {
                    @for message in messages { (message) br; }
                }
            }
        }
    }
}

/// An experiment's variants: one row per variant and one more, at least
/// three; a radio button per row marks the control.
fn variants(ui: &Ui, values: &Values, messages: &[String], message_id: &str) -> Markup {
    let ids = values.all(VARIANT_ID);
    let names = values.all(VARIANT_NAME);
    let splits = values.all(VARIANT_SPLIT);
    let control = values.get(VARIANT_CONTROL);
    let rows = (ids.iter().filter(|id| !id.is_empty()).count() + 1).max(3);
    let invalid = !messages.is_empty();
    let cell = |list: &[&str], row: usize| list.get(row).copied().unwrap_or_default().to_owned();
    html! {
        fieldset.metrics aria-describedby=[invalid.then_some(message_id)] {
            legend { (label(ui, "variants")) }
            @for row in 0..rows {
                @let number = ui.tr.t_with("editor-variant-number", &[("count", (row + 1).into())]);
                div.metric {
                    label for={ "field-variants-id-" (row) } {
                        (number) " — " (ui.t("editor-variant-id"))
                        input id={ "field-variants-id-" (row) } type="text" name=(VARIANT_ID)
                            value=(cell(&ids, row)) pattern="[A-Za-z0-9_.\\-]{1,64}";
                    }
                    label for={ "field-variants-name-" (row) } {
                        (number) " — " (ui.t("editor-variant-name"))
                        input id={ "field-variants-name-" (row) } type="text" name=(VARIANT_NAME)
                            value=(cell(&names, row));
                    }
                    label for={ "field-variants-split-" (row) } {
                        (number) " — " (ui.t("editor-variant-split"))
                        input id={ "field-variants-split-" (row) } type="number" step="any" min="0" max="1"
                            name=(VARIANT_SPLIT) value=(cell(&splits, row));
                    }
                    label for={ "field-variants-control-" (row) } {
                        input id={ "field-variants-control-" (row) } type="radio" name=(VARIANT_CONTROL)
                            value=(row) checked[control == row.to_string()];
                        " " (number) " — " (ui.t("editor-variant-control"))
                    }
                }
            }
            @if invalid {
                p.error id=(message_id) {
                    @for message in messages { (message) br; }
                }
            }
        }
    }
}

/// An objective's milestones: one row per milestone and one more, at least
/// two.
fn milestones(ui: &Ui, values: &Values, messages: &[String], message_id: &str) -> Markup {
    let days = values.all(MILESTONE_DATE);
    let targets = values.all(MILESTONE_TARGET);
    let rows = (days.len().max(targets.len()) + 1).max(2);
    let invalid = !messages.is_empty();
    html! {
        fieldset.metrics aria-describedby=[invalid.then_some(message_id)] {
            legend { (label(ui, "milestones")) }
            @for row in 0..rows {
                @let number = ui.tr.t_with("editor-milestone-number", &[("count", (row + 1).into())]);
                div.metric {
                    label for={ "field-milestones-date-" (row) } {
                        (number) " — " (ui.t("editor-milestone-date"))
                        input id={ "field-milestones-date-" (row) } type="date" name=(MILESTONE_DATE)
                            value=(days.get(row).copied().unwrap_or_default());
                    }
                    label for={ "field-milestones-target-" (row) } {
                        (number) " — " (ui.t("editor-milestone-target"))
                        input id={ "field-milestones-target-" (row) } type="number" step="any"
                            name=(MILESTONE_TARGET) value=(targets.get(row).copied().unwrap_or_default());
                    }
                }
            }
            @if invalid {
                p.error id=(message_id) {
                    @for message in messages { (message) br; }
                }
            }
        }
    }
}

/// Adds the current values that the list lacks (a reference to an item
/// that no longer exists), so that showing a form never changes a value.
fn with_current(mut options: Vec<(String, String)>, current: &[&str]) -> Vec<(String, String)> {
    for value in current {
        if !value.is_empty() && !options.iter().any(|(option, _)| option == value) {
            options.push(((*value).to_owned(), (*value).to_owned()));
        }
    }
    options
}

/// The (value, label) options of a list.
fn options(ui: &Ui, plan: &Plan, choices: Choices) -> Vec<(String, String)> {
    let lang = ui.lang();
    let fixed = |prefix: &str, values: &[&str]| -> Vec<(String, String)> {
        values
            .iter()
            .map(|value| ((*value).to_owned(), ui.t(&format!("{prefix}{value}"))))
            .collect()
    };
    let items = |kind: ItemKind| -> Vec<(String, String)> {
        plan.items()
            .into_iter()
            .filter(|(item_kind, _, _)| *item_kind == kind)
            .map(|(_, id, title)| (id.to_owned(), format!("{title} ({id})")))
            .collect()
    };
    let pick = |fr: &str, en: &str| -> String {
        match lang {
            kpilot_core::kpi::Lang::Fr => fr.to_owned(),
            kpilot_core::kpi::Lang::En => en.to_owned(),
        }
    };
    match choices {
        Choices::GoalKind => fixed(
            "opt-goal-",
            &[
                "acquisition",
                "retention",
                "animation",
                "traffic",
                "satisfaction",
                "data_quality",
                "sales",
                "other",
            ],
        ),
        Choices::FunnelStage => fixed("opt-funnel-", &["see", "think", "do", "care"]),
        Choices::Unit => fixed(
            "unit-",
            &["count", "percent", "currency", "ratio", "duration", "score"],
        ),
        Choices::Direction => fixed("direction-", &["up", "down"]),
        Choices::ActionKind => fixed("opt-action-", &["one_off", "recurring", "continuous"]),
        Choices::MetricStage => fixed("opt-stage-", &["acquisition", "behaviour", "conversion"]),
        Choices::Window => fixed("opt-window-", &["cumulative", "trailing"]),
        Choices::TestMethod => fixed("opt-method-", &["sequential", "fixed"]),
        Choices::Goal => items(ItemKind::Goal),
        Choices::Objective => items(ItemKind::Objective),
        Choices::Strategy => items(ItemKind::Strategy),
        Choices::Tactic => items(ItemKind::Tactic),
        Choices::Action => items(ItemKind::Action),
        Choices::Kpi => plan
            .kpis
            .iter()
            .chain(catalogue::builtin())
            .map(|kpi| {
                (
                    kpi.id.clone(),
                    format!("{} ({})", kpi.name.get(lang), kpi.id),
                )
            })
            .collect(),
        Choices::Segment => BUILTIN_SEGMENTS
            .iter()
            .map(|(id, fr, en)| ((*id).to_owned(), pick(fr, en)))
            .chain(
                plan.segments
                    .iter()
                    .map(|segment| (segment.id.to_string(), segment.name.clone())),
            )
            .collect(),
        Choices::Channel => BUILTIN_CHANNELS
            .iter()
            .map(|(id, fr, en)| ((*id).to_owned(), pick(fr, en)))
            .chain(
                plan.channels
                    .iter()
                    .map(|channel| (channel.id.to_string(), channel.name.clone())),
            )
            .collect(),
    }
}
