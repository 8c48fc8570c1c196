//! The action plan: the actions as a table (owner, kind, channel, dates,
//! allocated budget, status at a day, slack, critical path) with filters by
//! owner, channel and status; the rétroplanning as a Gantt timeline drawn
//! in SVG; the schedule's findings; and the calendar as an iCalendar
//! download, the same file as `kpilot schedule --format ics`.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::ToSpan;
use jiff::civil::Date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::display;
use kpilot_core::ids::ActionId;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::plan::{Action, ActionKind, BUILTIN_CHANNELS, Plan};
use kpilot_core::progress::{ActionUpdate, Change, State as ActionState};
use kpilot_core::schedule::{self, Occurrence, OccurrenceState, Scheduled};
use kpilot_report::document::date_text;
use maud::{Markup, html};
use serde::Deserialize;

use crate::error::AppError;
use crate::ui::{Nav, Ui};
use crate::{AppState, blocking, load};

/// The filter form's fields, as the query string gives them (an empty
/// field is no filter).
#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    owner: Option<String>,
    channel: Option<String>,
    status: Option<String>,
    at: Option<String>,
}

fn chosen(field: &Option<String>) -> Option<&str> {
    field
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// Where an action stands at the day of the schedule, from what the team
/// recorded (its execution) and the rétroplanning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Marked done (a recurring action: every occurrence closed).
    Done,
    Cancelled,
    /// Not started by its latest start, not done by its due day, or held
    /// up by what it depends on (its `late_days`).
    Late,
    /// Started (a recurring action: an occurrence started or done) and on
    /// time.
    InProgress,
    /// To do, on time.
    Planned,
    /// Without the dates to place it.
    Undated,
}

impl Status {
    const ALL: [Status; 6] = [
        Status::Done,
        Status::InProgress,
        Status::Late,
        Status::Planned,
        Status::Cancelled,
        Status::Undated,
    ];

    fn code(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Cancelled => "cancelled",
            Status::InProgress => "in_progress",
            Status::Late => "late",
            Status::Planned => "planned",
            Status::Undated => "undated",
        }
    }

    fn of(line: &Scheduled) -> Status {
        match line.state {
            ActionState::Done { .. } => Status::Done,
            ActionState::Cancelled { .. } => Status::Cancelled,
            _ if line.late_days > 0 => Status::Late,
            _ if line.planned.is_none() && line.earliest_start.is_none() => Status::Undated,
            ActionState::Started { .. } => Status::InProgress,
            ActionState::Todo => Status::Planned,
        }
    }
}

/// One action with what the page shows of it.
struct Row<'a> {
    action: &'a Action,
    line: &'a Scheduled,
    times: Vec<Occurrence>,
    channel: Option<&'a str>,
    allocated: f64,
    status: Status,
}

impl Row<'_> {
    /// Its planned days: the plan's, or those the rétroplanning derives.
    fn span(&self) -> Option<(Date, Date)> {
        self.line
            .planned
            .or_else(|| Some((self.times.first()?.start, self.times.last()?.end)))
    }

    fn owner(&self) -> Option<&str> {
        self.action.owner.as_ref().map(|owner| owner.name.as_str())
    }

    /// A recurring action's first occurrence still open.
    fn next_occurrence(&self) -> Option<&OccurrenceState> {
        self.line.occurrences.iter().find(|o| !o.state.is_closed())
    }
}

fn rows<'a>(plan: &'a Plan, lines: &'a [Scheduled]) -> Vec<Row<'a>> {
    let work = WorkDays::new(&plan.calendar);
    plan.actions
        .iter()
        .zip(lines)
        .map(|(action, line)| {
            let times = schedule::occurrences(action, plan, &work);
            Row {
                action,
                line,
                status: Status::of(line),
                times,
                channel: plan
                    .channel_of_action(action.id.as_str())
                    .map(|channel| channel.as_str()),
                allocated: schedule::allocated(action, plan, &work),
            }
        })
        .collect()
}

/// A channel's name: the plan's own, else the built-in one in the
/// language, else its id.
fn channel_name(plan: &Plan, id: &str, lang: Lang) -> String {
    if let Some(channel) = plan.channels.iter().find(|c| c.id.as_str() == id) {
        return channel.name.clone();
    }
    BUILTIN_CHANNELS
        .iter()
        .find(|(builtin, _, _)| *builtin == id)
        .map_or_else(
            || id.to_owned(),
            |(_, french, english)| match lang {
                Lang::Fr => (*french).to_owned(),
                Lang::En => (*english).to_owned(),
            },
        )
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(filters): Query<Filters>,
    ui: Ui,
) -> Result<Response, AppError> {
    let at = super::day_of(&ui, filters.at.as_deref())?.unwrap_or(ui.today);
    render(&state, &ui, id, &filters, at, None, StatusCode::OK).await
}

/// The page at `at`, with `problem` said above the table when an update
/// was refused.
async fn render(
    state: &AppState,
    ui: &Ui,
    id: String,
    filters: &Filters,
    at: Date,
    problem: Option<String>,
    status_code: StatusCode,
) -> Result<Response, AppError> {
    let stored = load(state.clone(), id).await?;
    let read = stored.clone();
    let store = state.store.clone();
    let scheduled = blocking(move || {
        Ok(kpilot_workspace::tracking::schedule(
            store.as_ref(),
            &read.plan,
            at,
        )?)
    })
    .await?;
    let plan = &stored.plan;
    let lang = ui.lang();
    let notices = schedule::notices(plan, &scheduled);
    let all = rows(plan, &scheduled.actions);

    let (owner, channel, status) = (
        chosen(&filters.owner),
        chosen(&filters.channel),
        chosen(&filters.status),
    );
    let shown: Vec<&Row> = all
        .iter()
        .filter(|row| owner.is_none_or(|owner| row.owner().unwrap_or_default() == owner))
        .filter(|row| channel.is_none_or(|channel| row.channel == Some(channel)))
        .filter(|row| status.is_none_or(|status| row.status.code() == status))
        .collect();

    let mut owners: Vec<&str> = all.iter().filter_map(Row::owner).collect();
    owners.sort_unstable();
    owners.dedup();
    let mut channels: Vec<&str> = all.iter().filter_map(|row| row.channel).collect();
    channels.sort_unstable();
    channels.dedup();

    let money =
        |amount: f64| display::value(Some(amount), Unit::Currency, plan.currency.as_str(), lang);
    let day = |day: Option<Date>| day.map_or_else(|| "—".to_owned(), |day| date_text(day, lang));
    let total: f64 = shown.iter().map(|row| row.allocated).sum();
    let base = format!("/plans/{}", plan.id);

    let body = html! {
        p { (ui.t("actions-intro")) }
        form.inline method="get" action={ (base) "/actions" } aria-label=(ui.t("actions-filters")) {
            label {
                (ui.t("actions-owner"))
                select name="owner" {
                    option value="" { (ui.t("actions-all")) }
                    @for name in &owners {
                        option value=(name) selected[owner == Some(*name)] { (name) }
                    }
                }
            }
            label {
                (ui.t("actions-channel"))
                select name="channel" {
                    option value="" { (ui.t("actions-all")) }
                    @for id in &channels {
                        option value=(id) selected[channel == Some(*id)] { (channel_name(plan, id, lang)) }
                    }
                }
            }
            label {
                (ui.t("actions-status"))
                select name="status" {
                    option value="" { (ui.t("actions-all")) }
                    @for choice in Status::ALL {
                        option value=(choice.code()) selected[status == Some(choice.code())] {
                            (ui.t(&format!("actions-status-{}", choice.code())))
                        }
                    }
                }
            }
            label {
                (ui.t("at-label"))
                input type="date" name="at" value=(at);
            }
            button type="submit" { (ui.t("actions-filter-submit")) }
        }
        p role="status" {
            (ui.tr.t_with("actions-count", &[("count", shown.len().into()), ("total", all.len().into())]))
        }
        div.downloads {
            a.button.secondary href={ (base) "/actions.ics" } download { (ui.t("actions-ics")) }
        }
        p.muted { (ui.t("actions-ics-help")) }

        h2 { (ui.t("actions-timeline")) }
        @if shown.is_empty() {
            p.notice { (ui.t("actions-none")) }
        } @else {
            (gantt(ui, plan, &shown, at))
        }

        h2 #table { (ui.t("actions-table")) }
        @if let Some(problem) = &problem {
            p.error role="alert" { (problem) }
        }
        p.muted { (ui.t("actions-status-help")) }
        div.table-wrap {
            table.actions {
                thead { tr {
                    th scope="col" { (ui.t("actions-action")) }
                    th scope="col" { (ui.t("actions-owner")) }
                    th scope="col" { (ui.t("actions-kind")) }
                    th scope="col" { (ui.t("actions-channel")) }
                    th scope="col" { (ui.t("actions-start")) }
                    th scope="col" { (ui.t("actions-end")) }
                    th scope="col" { (ui.t("actions-actual")) }
                    th scope="col" class="number" { (ui.t("actions-budget")) }
                    th scope="col" { (ui.t("actions-status")) }
                    th scope="col" class="number" { (ui.t("actions-slack")) }
                    th scope="col" { (ui.t("actions-critical")) }
                    th scope="col" { (ui.t("actions-track")) }
                } }
                tbody {
                    @for row in &shown {
                        tr id={ "action-" (row.action.id) } {
                            th scope="row" {
                                span.action-title { (row.action.title) }
                                br;
                                code { (row.action.id) }
                                @if !row.action.depends_on.is_empty() {
                                    br;
                                    span.muted {
                                        (ui.t("actions-depends")) " "
                                        @for (i, dependency) in row.action.depends_on.iter().enumerate() {
                                            @if i > 0 { ", " }
                                            a href={ "#action-" (dependency) } { (dependency) }
                                        }
                                    }
                                }
                            }
                            td {
                                @match &row.action.owner {
                                    Some(owner) => {
                                        @if let Some(email) = &owner.email {
                                            a href={ "mailto:" (email) } title=(email) { (owner.name) }
                                        } @else {
                                            (owner.name)
                                        }
                                    }
                                    None => { span.muted { (ui.t("actions-no-owner")) } }
                                }
                            }
                            td { (kind_text(ui, row)) }
                            td { @if let Some(id) = row.channel { (channel_name(plan, id, lang)) } }
                            td.date {
                                (day(row.span().map(|span| span.0)))
                                @if row.line.derived {
                                    br; span.muted { (ui.t("actions-derived")) }
                                }
                            }
                            td.date { (day(row.span().map(|span| span.1))) }
                            td.date { (actual(ui, row.line)) }
                            td.number { (money(row.allocated)) }
                            td {
                                span class={ "badge action-" (row.status.code()) } {
                                    (ui.t(&format!("actions-status-{}", row.status.code())))
                                }
                                @if row.line.late_days > 0 {
                                    br;
                                    span.late-days {
                                        (ui.tr.t_with("actions-late-days", &[("count", row.line.late_days.into())]))
                                    }
                                }
                                @if let Some(progress) = row.line.progress.filter(|_| !row.line.state.is_closed()) {
                                    br; span.muted { (progress) " %" }
                                }
                            }
                            td.number {
                                (row.line.slack_days.map_or_else(|| "—".to_owned(), |slack| slack.to_string()))
                            }
                            td {
                                @if row.line.critical {
                                    strong.critical { "★ " (ui.t("actions-yes")) }
                                } @else {
                                    (ui.t("actions-no"))
                                }
                            }
                            td.track { (track(ui, plan, row, at)) }
                        }
                    }
                }
                tfoot { tr {
                    th scope="row" colspan="7" { (ui.t("actions-total")) }
                    td.number { (money(total)) }
                    td colspan="4" {}
                } }
            }
        }

        section.panel aria-labelledby="findings" {
            h2 #findings { (ui.t("actions-findings")) }
            @if notices.is_empty() {
                p { (ui.t("actions-findings-none")) }
            } @else {
                ul.findings {
                    @for notice in &notices {
                        li {
                            code { (notice.rule) } " "
                            a href={ "#action-" (notice.item) } { (notice.item) } " — "
                            (notice.message.get(lang))
                        }
                    }
                }
            }
        }
    };
    Ok(ui.page_with_status(
        status_code,
        &ui.t("actions-title"),
        Nav::Actions,
        Some(plan.id.as_str()),
        body,
    ))
}

/// What really happened: the real start, the real end once done, else the
/// expected end of a started action.
fn actual(ui: &Ui, line: &Scheduled) -> Markup {
    let lang = ui.lang();
    let day = |day: Date| date_text(day, lang);
    html! {
        @match &line.state {
            ActionState::Done { on } => {
                @if let Some(start) = line.actual_start {
                    (day(start)) " → "
                }
                (ui.tr.t_with("actions-done-on", &[("day", day(*on).into())]))
            }
            ActionState::Started { on } => {
                (ui.tr.t_with("actions-started-on", &[("day", day(*on).into())]))
                @if let Some(end) = line.expected_end {
                    br;
                    span.muted { (ui.tr.t_with("actions-expected-end", &[("day", day(end).into())])) }
                }
            }
            ActionState::Cancelled { reason, .. } => {
                (ui.t("actions-status-cancelled")) " : " (reason)
            }
            ActionState::Todo => {
                @if let Some(end) = line.expected_end.filter(|_| line.late_days > 0) {
                    span.muted { (ui.tr.t_with("actions-expected-end", &[("day", day(end).into())])) }
                } @else {
                    "—"
                }
            }
        }
    }
}

/// One click per row: start, done, progress, cancel (with its reason) or
/// reopen the action, or for a recurring one, its next open occurrence;
/// each a form posted to `/plans/{id}/actions/{action}/updates`.
fn track(ui: &Ui, plan: &Plan, row: &Row, at: Date) -> Markup {
    let action = row.action.id.as_str();
    let target = format!("/plans/{}/actions/{action}/updates", plan.id);
    let button = |change: &str, occurrence: Option<u32>, label: String| {
        html! {
            form.inline method="post" action=(target) {
                (ui.csrf_field())
                input type="hidden" name="change" value=(change);
                input type="hidden" name="at" value=(at);
                @if let Some(number) = occurrence {
                    input type="hidden" name="occurrence" value=(number);
                }
                button.small type="submit" name="action" value=(action) { (label) }
            }
        }
    };
    let cancel = |occurrence: Option<u32>| {
        html! {
            details.cancel {
                summary { (ui.t("actions-cancel")) }
                form method="post" action=(target) {
                    (ui.csrf_field())
                    input type="hidden" name="change" value="cancelled";
                    input type="hidden" name="at" value=(at);
                    @if let Some(number) = occurrence {
                        input type="hidden" name="occurrence" value=(number);
                    }
                    label {
                        (ui.t("actions-cancel-reason"))
                        input type="text" name="reason" required;
                    }
                    button.small type="submit" { (ui.t("actions-cancel-submit")) }
                }
            }
        }
    };
    let lang = ui.lang();
    html! {
        @if row.action.kind == ActionKind::Recurring && !row.line.state.is_closed() {
            @if let Some(next) = row.next_occurrence() {
                (button("done", Some(next.number), ui.tr.t_with("actions-mark-occurrence", &[
                    ("count", next.number.into()),
                    ("day", date_text(next.start, lang).into()),
                ])))
                (cancel(Some(next.number)))
            }
        } @else {
            @match row.line.state {
                ActionState::Todo => {
                    (button("started", None, ui.t("actions-mark-started")))
                    (button("done", None, ui.t("actions-mark-done")))
                    (cancel(None))
                }
                ActionState::Started { .. } => {
                    (button("done", None, ui.t("actions-mark-done")))
                    details.progress {
                        summary { (ui.t("actions-progress")) }
                        form method="post" action=(target) {
                            (ui.csrf_field())
                            input type="hidden" name="change" value="progress";
                            input type="hidden" name="at" value=(at);
                            label {
                                (ui.t("actions-progress-percent"))
                                input type="number" name="percent" min="0" max="100" step="1"
                                    value=[row.line.progress];
                            }
                            label {
                                (ui.t("actions-progress-end"))
                                input type="date" name="expected_end";
                            }
                            button.small type="submit" { (ui.t("actions-progress-submit")) }
                        }
                    }
                    (cancel(None))
                }
                ActionState::Done { .. } | ActionState::Cancelled { .. } => {
                    (button("reopened", None, ui.t("actions-mark-reopened")))
                }
            }
        }
    }
}

/// `POST /plans/{id}/actions/{action}/updates`: records a change of an
/// action (or of one of its occurrences) made on the Actions page, through
/// kpilot-workspace's `tracking` as `kpilot action` does, then shows the
/// page again at its row (or why it was refused, 422).
pub async fn update(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    ui: Ui,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    ui.verify(field("csrf").as_deref())?;
    let at = super::day_of(&ui, field("at").as_deref())?.unwrap_or(ui.today);
    // The day it happened: the page's day, never after today.
    let on = super::day_of(&ui, field("on").as_deref())?.unwrap_or(at.min(ui.today));
    let bad = |key: &str| AppError::BadRequest(ui.t(key));
    let change = match field("change").as_deref() {
        Some("started") => Change::Started,
        Some("done") => Change::Done,
        Some("reopened") => Change::Reopened,
        Some("cancelled") => Change::Cancelled {
            reason: field("reason").unwrap_or_default(),
        },
        Some("progress") => Change::Progress {
            percent: match field("percent") {
                None => None,
                Some(text) => Some(text.parse::<u8>().map_err(|_| bad("actions-bad-percent"))?),
            },
            expected_end: super::day_of(&ui, field("expected_end").as_deref())?,
        },
        _ => return Err(bad("actions-bad-change")),
    };
    let occurrence = match field("occurrence") {
        None => None,
        Some(text) => Some(text.parse::<u32>().map_err(|_| bad("actions-bad-change"))?),
    };
    let Ok(action_id) = ActionId::parse(&action) else {
        return Err(AppError::NotFound(ui.t("actions-not-found")));
    };
    let stored = load(state.clone(), id.clone()).await?;
    let update = ActionUpdate {
        action: action_id,
        occurrence,
        change,
        on,
    };
    let store = state.store.clone();
    let result = blocking(move || {
        Ok(kpilot_workspace::tracking::update_action(
            store.as_ref(),
            &stored.plan,
            &update,
            UPDATED_BY,
        )?)
    })
    .await?;
    match result {
        Ok(_) => Ok(ui.redirect(&format!("/plans/{id}/actions?at={at}#action-{action}"))),
        Err(refused) => {
            let problem = refused.message().render(ui.lang());
            let filters = Filters::default();
            render(
                &state,
                &ui,
                id,
                &filters,
                at,
                Some(problem),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// Who an update made from the web is recorded as, until there are
/// accounts.
const UPDATED_BY: &str = "web";

fn kind_text(ui: &Ui, row: &Row) -> String {
    match row.action.kind {
        ActionKind::OneOff => ui.t("actions-kind-one_off"),
        ActionKind::Recurring => ui.tr.t_with(
            "actions-kind-recurring",
            &[("count", row.times.len().into())],
        ),
        ActionKind::Continuous => ui.t("actions-kind-continuous"),
    }
}

// The timeline's geometry, in the SVG's own units (it scales to the page).
const LABELS: f64 = 210.0;
const CHART: f64 = 770.0;
const WIDTH: f64 = LABELS + CHART + 20.0;
const TOP: f64 = 44.0;
const ROW: f64 = 24.0;
const BAR: f64 = 14.0;

/// The Gantt timeline: months across the plan's period, one row per
/// action shown, the day of the schedule as a vertical line. A bar runs
/// from an action's first day to its last; a recurring action's period is
/// a light bar with each occurrence drawn on it; a one-off's deadline is a
/// diamond; arrows join an action to those it waits for. Critical actions
/// are hatched, outlined thickly and marked with a star, so that colour is
/// never the only sign; the table carries the same facts.
fn gantt(ui: &Ui, plan: &Plan, rows: &[&Row], at: Date) -> Markup {
    let lang = ui.lang();
    let spans: Vec<(Date, Date)> = rows.iter().filter_map(|row| row.span()).collect();
    let first = spans
        .iter()
        .map(|span| span.0)
        .chain([plan.start, at])
        .min()
        .unwrap_or(plan.start)
        .first_of_month();
    let last = spans
        .iter()
        .map(|span| span.1)
        .chain([plan.end, at])
        .max()
        .unwrap_or(plan.end)
        .last_of_month();
    let days = days_between(first, last) + 1;
    let day_width = CHART / days as f64;
    // The left edge of a day.
    let x = |day: Date| LABELS + days_between(first, day) as f64 * day_width;
    let height = TOP + ROW * rows.len() as f64 + 8.0;
    let y = |index: usize| TOP + ROW * index as f64;
    let middle = |index: usize| y(index) + ROW / 2.0;
    let critical_count = rows.iter().filter(|row| row.line.critical).count();

    let months: Vec<Date> = first
        .series(1.month())
        .take_while(|month| *month <= last)
        .collect();
    let index_of = |id: &str| rows.iter().position(|row| row.action.id.as_str() == id);
    // Arrows from the end of what an action waits for to its start.
    let mut dependencies = Vec::new();
    for (to, row) in rows.iter().enumerate() {
        let Some((start, _)) = row.span() else {
            continue;
        };
        for dependency in &row.action.depends_on {
            let Some(from) = index_of(dependency.as_str()) else {
                continue;
            };
            let Some((_, end)) = rows[from].span() else {
                continue;
            };
            let (x1, y1) = (x(end) + day_width, middle(from));
            let (x2, y2) = (x(start), middle(to));
            let bend = x1 + 6.0;
            dependencies.push(format!(
                "M{x1:.1} {y1:.1} H{bend:.1} V{y2:.1} H{x2:.1}",
                x2 = x2.max(bend + 2.0)
            ));
        }
    }
    let title = ui.tr.t_with(
        "actions-timeline-title",
        &[("day", date_text(at, lang).into())],
    );
    let description = ui.tr.t_with(
        "actions-timeline-desc",
        &[
            ("count", rows.len().into()),
            ("value", critical_count.into()),
        ],
    );
    let view_box = format!("0 0 {WIDTH} {height:.0}");
    let at_x = x(at) + day_width / 2.0;
    html! {
        figure.gantt {
            svg.gantt role="img" aria-labelledby="gantt-title gantt-desc" viewBox=(view_box)
                xmlns="http://www.w3.org/2000/svg" font-size="11" {
                title #gantt-title { (title) }
                desc #gantt-desc { (description) }
                defs {
                    pattern #gantt-hatch width="6" height="6" patternUnits="userSpaceOnUse"
                        patternTransform="rotate(45)" {
                        rect.hatch-ground width="6" height="6" fill="#b42318" {}
                        line.hatch-line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5" {}
                    }
                    marker #gantt-arrow viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7"
                        markerHeight="7" orient="auto-start-reverse" {
                        path.arrow-head d="M0 0 L8 4 L0 8 z" fill="#4a5263" {}
                    }
                }
                // Months across, with their grid lines.
                @for month in &months {
                    line.grid x1=(num(x(*month))) y1=(num(TOP - 16.0)) x2=(num(x(*month))) y2=(num(height))
                        stroke="#c9ced8" stroke-width="1" {}
                    text.month x=(num(x(*month) + 3.0)) y=(num(TOP - 6.0)) fill="#4a5263" {
                        (ui.t(&format!("month-{}", month.month())))
                        @if month.month() == 1 || *month == first { " " (month.year()) }
                    }
                }
                @for (index, row) in rows.iter().enumerate() {
                    @if index % 2 == 1 {
                        rect.stripe x="0" y=(num(y(index))) width=(WIDTH) height=(ROW) fill="#f4f6f9" {}
                    }
                    text.label x=(num(LABELS - 8.0)) y=(num(middle(index) + 4.0)) text-anchor="end" fill="#1d2330" {
                        (row.action.id)
                    }
                }
                @for path in &dependencies {
                    path.dependency d=(path) fill="none" stroke="#4a5263" stroke-width="1.2"
                        marker-end="url(#gantt-arrow)" {}
                }
                @for (index, row) in rows.iter().enumerate() {
                    @if let Some((start, end)) = row.span() {
                        (bar(ui, row, x(start), x(end) + day_width, y(index) + (ROW - BAR) / 2.0))
                        @if row.action.kind == ActionKind::Recurring {
                            @for occurrence in &row.line.occurrences {
                                @let (class, fill) = match occurrence.state {
                                    ActionState::Done { .. } => ("occurrence done", "#1e5631"),
                                    ActionState::Cancelled { .. } => ("occurrence cancelled", "#9aa1ad"),
                                    _ if occurrence.late_days > 0 => ("occurrence late", "#b42318"),
                                    _ => ("occurrence", "#1f4fa8"),
                                };
                                rect class=(class) x=(num(x(occurrence.start)))
                                    y=(num(y(index) + (ROW - BAR) / 2.0 + 2.0))
                                    width=(num(((days_between(occurrence.start, occurrence.end) + 1) as f64 * day_width).max(3.0)))
                                    height=(num(BAR - 4.0)) fill=(fill) {}
                            }
                        }
                        @if row.action.kind == ActionKind::OneOff {
                            (diamond(x(end) + day_width, middle(index)))
                        }
                        @if row.line.critical {
                            text.critical-mark x=(num(x(end) + day_width + 8.0)) y=(num(middle(index) + 4.0))
                                fill="#7a1c1c" font-weight="bold" { "★" }
                        } @else if row.status == Status::Done {
                            text.done-mark x=(num(x(end) + day_width + 8.0)) y=(num(middle(index) + 4.0))
                                fill="#1e5631" font-weight="bold" { "✓" }
                        } @else if row.status == Status::Cancelled {
                            text.cancelled-mark x=(num(x(end) + day_width + 8.0)) y=(num(middle(index) + 4.0))
                                fill="#4a5263" font-weight="bold" { "✕" }
                        }
                    }
                }
                line.at x1=(num(at_x)) y1=(num(TOP - 16.0)) x2=(num(at_x)) y2=(num(height))
                    stroke="#1d2330" stroke-width="2" stroke-dasharray="4 3" {}
                text.at-label x=(num(at_x + 3.0)) y=(num(TOP - 20.0)) fill="#1d2330" font-weight="bold" {
                    (ui.tr.t_with("actions-at-marker", &[("day", date_text(at, lang).into())]))
                }
            }
            figcaption {
                strong { (ui.t("actions-legend")) }
                ul.legend {
                    li { (swatch("bar one_off")) " " (ui.t("actions-legend-one-off")) }
                    li { (swatch("bar one_off critical")) " ★ " (ui.t("actions-legend-critical")) }
                    li { (swatch("bar recurring")) " " (ui.t("actions-legend-recurring")) }
                    li { (swatch("bar done")) " ✓ " (ui.t("actions-legend-done")) }
                    li { (swatch("bar cancelled")) " ✕ " (ui.t("actions-legend-cancelled")) }
                    li { (swatch("bar continuous")) " " (ui.t("actions-legend-continuous")) }
                    li {
                        svg.swatch width="16" height="14" viewBox="0 0 16 14" aria-hidden="true" {
                            (diamond(8.0, 7.0))
                        }
                        " " (ui.t("actions-legend-deadline"))
                    }
                    li {
                        svg.swatch width="16" height="14" viewBox="0 0 16 14" aria-hidden="true" {
                            line.at x1="8" y1="0" x2="8" y2="14" stroke="#1d2330" stroke-width="2" stroke-dasharray="4 3" {}
                        }
                        " " (ui.t("actions-legend-at"))
                    }
                    li {
                        svg.swatch width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" {
                            path.dependency d="M1 7 H25" fill="none" stroke="#4a5263" stroke-width="1.2" {}
                        }
                        " → " (ui.t("actions-legend-dependency"))
                    }
                }
            }
        }
    }
}

/// An action's bar, with its title for a pointer's tooltip.
fn bar(ui: &Ui, row: &Row, left: f64, right: f64, top: f64) -> Markup {
    let lang = ui.lang();
    let kind = match row.action.kind {
        ActionKind::OneOff => "one_off",
        ActionKind::Recurring => "recurring",
        ActionKind::Continuous => "continuous",
    };
    let critical = row.line.critical;
    let state = match row.status {
        Status::Done => " done",
        Status::Cancelled => " cancelled",
        Status::Late => " late",
        _ => "",
    };
    let class = if critical {
        format!("bar {kind} critical{state}")
    } else {
        format!("bar {kind}{state}")
    };
    // Done: a calm green; cancelled: an empty dashed outline; critical:
    // hatched; so that colour is never the only sign, the table and the
    // marks after the bar (✓, ✕, ★) say the same.
    let (fill, stroke, stroke_width) = match (row.status, critical, row.action.kind) {
        (Status::Done, _, _) => ("#7fb28a", "#1e5631", "1"),
        (Status::Cancelled, _, _) => ("none", "#4a5263", "1"),
        (_, true, _) => ("url(#gantt-hatch)", "#7a1c1c", "2.5"),
        (_, false, ActionKind::OneOff) => ("#1f4fa8", "#1d2330", "0.5"),
        (_, false, _) => ("#c5d3ee", "#1f4fa8", "1"),
    };
    let dashed = (row.status == Status::Cancelled).then_some("4 2");
    let mut tooltip = format!("{} — {}", row.action.id, row.action.title);
    if let Some((start, end)) = row.span() {
        tooltip.push_str(&format!(
            " ({} → {})",
            date_text(start, lang),
            date_text(end, lang)
        ));
    }
    tooltip.push_str(&format!(
        " — {}",
        ui.t(&format!("actions-status-{}", row.status.code()))
    ));
    if critical {
        tooltip.push_str(&format!(" ★ {}", ui.t("actions-critical")));
    }
    html! {
        rect class=(class) data-action=(row.action.id) x=(num(left)) y=(num(top))
            width=(num((right - left).max(2.0))) height=(num(BAR)) rx="2"
            fill=(fill) stroke=(stroke) stroke-width=(stroke_width) stroke-dasharray=[dashed] {
            title { (tooltip) }
        }
    }
}

/// A deadline's diamond, centred on (`x`, `y`).
fn diamond(x: f64, y: f64) -> Markup {
    let points = format!(
        "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        x,
        y - 6.0,
        x + 5.0,
        y,
        x,
        y + 6.0,
        x - 5.0,
        y
    );
    html! {
        polygon.deadline points=(points) fill="#1d2330" stroke="#ffffff" stroke-width="1" {}
    }
}

/// A legend's sample of a bar.
fn swatch(class: &str) -> Markup {
    let critical = class.contains("critical");
    let (fill, stroke, stroke_width) = if class.contains("done") {
        ("#7fb28a", "#1e5631", "1")
    } else if class.contains("cancelled") {
        ("none", "#4a5263", "1")
    } else if critical {
        ("url(#gantt-hatch)", "#7a1c1c", "2.5")
    } else if class.contains("one_off") {
        ("#1f4fa8", "#1d2330", "0.5")
    } else {
        ("#c5d3ee", "#1f4fa8", "1")
    };
    let dashed = class.contains("cancelled").then_some("4 2");
    let swatch_class = class.replace("bar", "sample");
    html! {
        svg.swatch width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" {
            rect class=(swatch_class) x="1.5" y="1.5" width="25" height="11" rx="2"
                fill=(fill) stroke=(stroke) stroke-width=(stroke_width) stroke-dasharray=[dashed] {}
            @if class.contains("recurring") {
                rect.occurrence x="5" y="3.5" width="4" height="7" fill="#1f4fa8" {}
                rect.occurrence x="17" y="3.5" width="4" height="7" fill="#1f4fa8" {}
            }
        }
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

fn num(value: f64) -> String {
    format!("{value:.1}")
}

/// The plan's calendar, the file `kpilot schedule --format ics` writes:
/// named after the plan, to download.
pub async fn calendar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ui: Ui,
) -> Result<Response, AppError> {
    let stored = load(state.clone(), id).await?;
    let read = stored.clone();
    let (today, lang) = (ui.today, ui.lang());
    let text = blocking(move || {
        let scheduled =
            kpilot_workspace::tracking::schedule(state.store.as_ref(), &read.plan, today)?;
        Ok(kpilot_report::ics::write(
            &read.plan,
            &scheduled,
            read.revision,
            jiff::Timestamp::now(),
            lang,
        ))
    })
    .await?;
    let disposition = format!("attachment; filename=\"{}.ics\"", stored.plan.id);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}
