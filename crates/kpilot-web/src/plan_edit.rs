//! The plan editor's model: the kinds of item a form creates, changes or
//! deletes, their fields, and how a form's values become a change of the
//! plan.
//!
//! The plan file stays the one source of truth. The stored plan is written
//! as its canonical text, read back as a TOML document, and the item's table
//! is changed there: the keys a form does not show (an objective's
//! milestones, a KPI's guidance) are kept as they were. The changed document
//! is then read by `plan_file::parse` and checked like any plan file, so the
//! editor and the file share every rule and every message.

use jiff::civil::Date;
use kpilot_core::check::{self, Located, Severity};
use kpilot_core::ids;
use kpilot_core::kpi::{Definition, Lang};
use kpilot_core::plan::{ItemKind, Plan};
use kpilot_core::plan_file;
use toml::{Table, Value};

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A day, `YYYY-MM-DD`.
    Date,
    /// A decimal number (a comma is read as the decimal separator).
    Number,
    /// A whole number, 0 or more.
    Whole,
    /// One of a list, or none.
    Choice(Choices),
    /// Any number of a list.
    Many(Choices),
    /// A tactic's metrics: rows of a KPI and the stage it measures.
    Metrics,
    /// An objective's milestones: rows of a day and the target on that day.
    Milestones,
    /// An experiment's variants: rows of an id, a name and a split, one of
    /// them the control.
    Variants,
    /// Yes or no: a checkbox, `true` when checked, absent otherwise.
    Flag,
}

/// The lists a choice is made from: fixed ones, and the plan's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    GoalKind,
    FunnelStage,
    Unit,
    Direction,
    ActionKind,
    MetricStage,
    Window,
    Goal,
    Objective,
    Kpi,
    Segment,
    Channel,
    Strategy,
    Tactic,
    Action,
    TestMethod,
}

/// One field of an item's form. `key` is the key in the item's table
/// (`owner.name`: `name` in the `owner` table) and the form field's name.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub input: Input,
    pub required: bool,
}

const fn field(key: &'static str, input: Input) -> Field {
    Field {
        key,
        input,
        required: false,
    }
}

const fn required(key: &'static str, input: Input) -> Field {
    Field {
        key,
        input,
        required: true,
    }
}

/// A kind of item: its name in URLs, the arrays of tables that hold it in
/// the plan file, and its form's fields (the id first).
#[derive(Debug)]
pub struct Kind {
    pub slug: &'static str,
    pub item_kind: ItemKind,
    pub arrays: &'static [&'static str],
    pub fields: &'static [Field],
}

const ID: Field = required("id", Input::Text);

/// The kinds of item, in the order of the chain.
pub const KINDS: [Kind; 9] = [
    Kind {
        slug: "goal",
        item_kind: ItemKind::Goal,
        arrays: &["goals"],
        fields: &[
            ID,
            required("title", Input::Text),
            required("kind", Input::Choice(Choices::GoalKind)),
            field("funnel_stage", Input::Choice(Choices::FunnelStage)),
            field("impact", Input::LongText),
        ],
    },
    Kind {
        slug: "objective",
        item_kind: ItemKind::Objective,
        arrays: &["objectives"],
        fields: &[
            ID,
            required("title", Input::Text),
            field("goal", Input::Choice(Choices::Goal)),
            field("kpi", Input::Choice(Choices::Kpi)),
            field("baseline", Input::Number),
            field("target", Input::Number),
            field("deadline", Input::Date),
            field("channel", Input::Choice(Choices::Channel)),
            field("segment", Input::Choice(Choices::Segment)),
            field("owner", Input::Text),
            field("milestones", Input::Milestones),
            field("window", Input::Choice(Choices::Window)),
            field("window_days", Input::Whole),
        ],
    },
    Kind {
        slug: "kpi",
        item_kind: ItemKind::Kpi,
        arrays: &["kpis", "measures"],
        fields: &[
            ID,
            field("name.fr", Input::Text),
            field("name.en", Input::Text),
            required("unit", Input::Choice(Choices::Unit)),
            required("direction", Input::Choice(Choices::Direction)),
            field("formula", Input::Text),
            field("aggregation", Input::Text),
            field("why.fr", Input::LongText),
            field("why.en", Input::LongText),
            field("where_to_find.fr", Input::LongText),
            field("where_to_find.en", Input::LongText),
            field("how_to_improve.fr", Input::LongText),
            field("how_to_improve.en", Input::LongText),
        ],
    },
    Kind {
        slug: "strategy",
        item_kind: ItemKind::Strategy,
        arrays: &["strategies"],
        fields: &[
            ID,
            required("title", Input::Text),
            field("objectives", Input::Many(Choices::Objective)),
            field("description", Input::LongText),
        ],
    },
    Kind {
        slug: "tactic",
        item_kind: ItemKind::Tactic,
        arrays: &["tactics"],
        fields: &[
            ID,
            required("title", Input::Text),
            required("strategy", Input::Choice(Choices::Strategy)),
            required("channel", Input::Choice(Choices::Channel)),
            field("metrics", Input::Metrics),
        ],
    },
    Kind {
        slug: "action",
        item_kind: ItemKind::Action,
        arrays: &["actions"],
        fields: &[
            ID,
            required("title", Input::Text),
            required("tactic", Input::Choice(Choices::Tactic)),
            required("kind", Input::Choice(Choices::ActionKind)),
            field("owner.name", Input::Text),
            field("owner.email", Input::Text),
            field("owner.phone", Input::Text),
            field("start", Input::Date),
            field("due", Input::Date),
            field("duration_days", Input::Whole),
            field("every", Input::Text),
            field("budget", Input::Number),
            field("depends_on", Input::Many(Choices::Action)),
            field("kpis", Input::Many(Choices::Kpi)),
        ],
    },
    Kind {
        slug: "experiment",
        item_kind: ItemKind::Experiment,
        arrays: &["experiments"],
        fields: &[
            ID,
            required("action", Input::Choice(Choices::Action)),
            field("hypothesis", Input::LongText),
            required("kpi", Input::Choice(Choices::Kpi)),
            field("variants", Input::Variants),
            field("start", Input::Date),
            field("end", Input::Date),
            field("mde", Input::Number),
            field("relative", Input::Flag),
            field("method", Input::Choice(Choices::TestMethod)),
        ],
    },
    Kind {
        slug: "segment",
        item_kind: ItemKind::Segment,
        arrays: &["segments"],
        fields: &[
            ID,
            required("name", Input::Text),
            field("description", Input::LongText),
        ],
    },
    Kind {
        slug: "channel",
        item_kind: ItemKind::Channel,
        arrays: &["channels"],
        fields: &[ID, required("name", Input::Text)],
    },
];

/// The plan itself: its `[plan]` table, one per file, changed but never
/// created or deleted by a form.
pub const PLAN: Kind = Kind {
    slug: "plan",
    item_kind: ItemKind::Plan,
    arrays: &[],
    fields: &[
        ID,
        required("name", Input::Text),
        field("mission", Input::LongText),
        field("vision", Input::LongText),
        required("start", Input::Date),
        required("end", Input::Date),
        required("currency", Input::Text),
    ],
};

/// The kind named `slug` in a URL.
pub fn kind(slug: &str) -> Option<&'static Kind> {
    KINDS.iter().chain([&PLAN]).find(|kind| kind.slug == slug)
}

/// The kind of an item kind of the core.
pub fn kind_of(item_kind: ItemKind) -> Option<&'static Kind> {
    KINDS
        .iter()
        .chain([&PLAN])
        .find(|kind| kind.item_kind == item_kind)
}

/// A form's values, in the order sent (a multiple choice sends one pair per
/// chosen option; metrics send their KPI and stage rows in order).
#[derive(Debug, Clone, Default)]
pub struct Values(pub Vec<(String, String)>);

impl Values {
    /// The first value of `key`, trimmed; empty when absent.
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map_or("", |(_, value)| value.trim())
    }

    /// Every value of `key`, trimmed, in order (empty ones included, so
    /// that rows stay paired).
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(name, _)| name == key)
            .map(|(_, value)| value.trim())
            .collect()
    }

    fn push(&mut self, key: &str, value: String) {
        self.0.push((key.to_owned(), value));
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    BadId,
    TakenId,
    BadDate(String),
    BadNumber(String),
    BadWhole(String),
    /// A metric row with a KPI but no stage.
    MetricWithoutStage,
    /// A milestone row with a day but no target, or the other way round.
    MilestoneIncomplete,
    /// A variant row with an id but no split, or the other way round.
    VariantIncomplete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

/// The form keys of a tactic's metric rows.
pub const METRIC_KPI: &str = "metrics.kpi";
pub const METRIC_STAGE: &str = "metrics.type";
/// The form keys of an objective's milestone rows.
pub const MILESTONE_DATE: &str = "milestones.date";
pub const MILESTONE_TARGET: &str = "milestones.target";
/// The form keys of an experiment's variant rows; the control is the
/// number of its row.
pub const VARIANT_ID: &str = "variants.id";
pub const VARIANT_NAME: &str = "variants.name";
pub const VARIANT_SPLIT: &str = "variants.split";
pub const VARIANT_CONTROL: &str = "variants.control";

/// A plan file as a TOML document.
#[derive(Debug, Clone)]
pub struct Document {
    table: Table,
}

impl Document {
    /// The document of a plan's canonical file.
    pub fn of(plan: &Plan) -> Result<Document, String> {
        let text = plan_file::write(plan);
        text.parse::<Table>()
            .map(|table| Document { table })
            .map_err(|error| format!("the plan's own file does not read as TOML: {error}"))
    }

    /// The text of the document, for `plan_file::parse`.
    pub fn text(&self) -> String {
        toml::to_string(&self.table).unwrap_or_default()
    }

    /// Where item `id` of `kind` stands: its array and index.
    fn position(&self, kind: &Kind, id: &str) -> Option<(&'static str, usize)> {
        kind.arrays.iter().find_map(|array| {
            self.table
                .get(*array)
                .and_then(Value::as_array)?
                .iter()
                .position(|item| item.get("id").and_then(Value::as_str) == Some(id))
                .map(|index| (*array, index))
        })
    }

    /// The table of item `id` of `kind`.
    pub fn item(&self, kind: &Kind, id: &str) -> Option<&Table> {
        if kind.item_kind == ItemKind::Plan {
            return self.plan_table(id);
        }
        let (array, index) = self.position(kind, id)?;
        self.table.get(array)?.as_array()?.get(index)?.as_table()
    }

    /// The `[plan]` table, when the plan's id is `id`.
    fn plan_table(&self, id: &str) -> Option<&Table> {
        let table = self.table.get("plan")?.as_table()?;
        (table.get("id").and_then(Value::as_str) == Some(id)).then_some(table)
    }

    /// Removes item `id` of `kind`; false when there is none.
    pub fn remove(&mut self, kind: &Kind, id: &str) -> bool {
        let Some((array, index)) = self.position(kind, id) else {
            return false;
        };
        if let Some(items) = self.table.get_mut(array).and_then(Value::as_array_mut) {
            items.remove(index);
        }
        true
    }

    /// Writes the form's `values` into the item `original` of `kind` (a new
    /// item when `None`, added at the end of its list) and returns the
    /// item's id. Keys the form does not show are kept.
    pub fn set(
        &mut self,
        kind: &Kind,
        original: Option<&str>,
        values: &Values,
    ) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let position = original.and_then(|id| self.position(kind, id));
        let mut item = position
            .and_then(|(array, index)| self.table.get(array)?.as_array()?.get(index)?.as_table())
            .cloned()
            .unwrap_or_default();
        let id = match original {
            Some(id) => id.to_owned(),
            None => {
                let id = values.get("id");
                if id.is_empty() {
                    errors.push(FieldError {
                        field: "id",
                        problem: Problem::Required,
                    });
                } else if ids::validate(id).is_err() || id == "new" {
                    errors.push(FieldError {
                        field: "id",
                        problem: Problem::BadId,
                    });
                } else if self.position(kind, id).is_some() {
                    errors.push(FieldError {
                        field: "id",
                        problem: Problem::TakenId,
                    });
                }
                id.to_owned()
            }
        };
        item.insert("id".to_owned(), Value::String(id.clone()));
        for field in kind.fields.iter().filter(|field| field.key != "id") {
            match read(field, values) {
                Ok(value) => put(&mut item, field.key, value),
                Err(problem) => errors.push(FieldError {
                    field: field.key,
                    problem,
                }),
            }
        }
        // An owner's contact details belong to a named owner.
        if let Some(owner) = item.get("owner").and_then(Value::as_table)
            && !owner.contains_key("name")
        {
            errors.push(FieldError {
                field: "owner.name",
                problem: Problem::Required,
            });
        }
        // A KPI's texts are one text for both languages or one per
        // language: a text given in one language only serves both.
        for key in ["name", "why", "where_to_find", "how_to_improve"] {
            let Some(Value::Table(texts)) = item.get(key) else {
                continue;
            };
            let text = |lang: &str| texts.get(lang).and_then(Value::as_str).map(str::to_owned);
            let single = match (text("fr"), text("en")) {
                (Some(fr), Some(en)) if fr == en => Some(fr),
                (Some(_), Some(_)) => None,
                (Some(one), None) | (None, Some(one)) => Some(one),
                (None, None) => None,
            };
            if let Some(single) = single {
                item.insert(key.to_owned(), Value::String(single));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if kind.item_kind == ItemKind::Plan {
            self.table.insert("plan".to_owned(), Value::Table(item));
            return Ok(id);
        }
        // A KPI with a formula is a `[[kpis]]` entry, without one a
        // `[[measures]]` entry.
        let array = if kind.item_kind == ItemKind::Kpi {
            if item.contains_key("formula") {
                item.remove("aggregation");
                "kpis"
            } else {
                "measures"
            }
        } else {
            kind.arrays[0]
        };
        match position {
            Some((old, index)) if old == array => {
                if let Some(items) = self.table.get_mut(array).and_then(Value::as_array_mut) {
                    items[index] = Value::Table(item);
                }
            }
            _ => {
                if let Some(id) = original {
                    self.remove(kind, id);
                }
                let items = self
                    .table
                    .entry(array)
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Some(items) = items.as_array_mut() {
                    items.push(Value::Table(item));
                }
            }
        }
        Ok(id)
    }
}

/// A field's value from the form: `None` to remove the key.
fn read(field: &Field, values: &Values) -> Result<Option<Value>, Problem> {
    if let Input::Metrics = field.input {
        return metrics(values).map(Some);
    }
    if let Input::Milestones = field.input {
        return milestones(values).map(Some);
    }
    if let Input::Variants = field.input {
        return variants(values).map(Some);
    }
    if let Input::Flag = field.input {
        return Ok((values.get(field.key) == "true").then_some(Value::Boolean(true)));
    }
    if let Input::Many(_) = field.input {
        let chosen: Vec<Value> = values
            .all(field.key)
            .into_iter()
            .filter(|value| !value.is_empty())
            .map(|value| Value::String(value.to_owned()))
            .collect();
        return Ok((!chosen.is_empty()).then_some(Value::Array(chosen)));
    }
    let text = values.get(field.key);
    if text.is_empty() {
        return if field.required {
            Err(Problem::Required)
        } else {
            Ok(None)
        };
    }
    let value = match field.input {
        Input::Text | Input::Choice(_) => Value::String(text.to_owned()),
        Input::LongText => Value::String(text.replace("\r\n", "\n")),
        Input::Date => date(text)?,
        Input::Number => number(text)?,
        Input::Whole => {
            let number: u32 = text
                .parse()
                .map_err(|_| Problem::BadWhole(text.to_owned()))?;
            Value::Integer(i64::from(number))
        }
        Input::Many(_) | Input::Metrics | Input::Milestones | Input::Variants | Input::Flag => {
            unreachable!("handled above")
        }
    };
    Ok(Some(value))
}

/// A day, `YYYY-MM-DD`, as a TOML date.
fn date(text: &str) -> Result<Value, Problem> {
    let bad = || Problem::BadDate(text.to_owned());
    let date: Date = text.parse().map_err(|_| bad())?;
    let datetime = date
        .to_string()
        .parse::<toml::value::Datetime>()
        .map_err(|_| bad())?;
    Ok(Value::Datetime(datetime))
}

/// A decimal number; a comma is read as the decimal separator and spaces
/// between digit groups are ignored.
fn number(text: &str) -> Result<Value, Problem> {
    let number: f64 = text
        .replace(',', ".")
        .replace([' ', '\u{a0}', '\u{202f}'], "")
        .parse()
        .map_err(|_| Problem::BadNumber(text.to_owned()))?;
    if !number.is_finite() {
        return Err(Problem::BadNumber(text.to_owned()));
    }
    Ok(Value::Float(number))
}

/// The milestone rows of an objective's form: empty rows are left out.
fn milestones(values: &Values) -> Result<Value, Problem> {
    let days = values.all(MILESTONE_DATE);
    let targets = values.all(MILESTONE_TARGET);
    let mut rows = Vec::new();
    for index in 0..days.len().max(targets.len()) {
        let day = days.get(index).copied().unwrap_or_default();
        let target = targets.get(index).copied().unwrap_or_default();
        match (day.is_empty(), target.is_empty()) {
            (true, true) => continue,
            (false, false) => {}
            _ => return Err(Problem::MilestoneIncomplete),
        }
        let mut row = Table::new();
        row.insert("date".to_owned(), date(day)?);
        row.insert("target".to_owned(), number(target)?);
        rows.push(Value::Table(row));
    }
    Ok(Value::Array(rows))
}

/// The variant rows of an experiment's form: empty rows are left out; the
/// row whose number the control names is the control.
fn variants(values: &Values) -> Result<Value, Problem> {
    let ids = values.all(VARIANT_ID);
    let names = values.all(VARIANT_NAME);
    let splits = values.all(VARIANT_SPLIT);
    let control = values.get(VARIANT_CONTROL);
    let mut rows = Vec::new();
    for (index, id) in ids.iter().enumerate() {
        let id = id.trim();
        let split = splits.get(index).copied().unwrap_or_default().trim();
        match (id.is_empty(), split.is_empty()) {
            (true, true) => continue,
            (false, false) => {}
            _ => return Err(Problem::VariantIncomplete),
        }
        if ids::validate(id).is_err() {
            return Err(Problem::BadId);
        }
        let mut row = Table::new();
        row.insert("id".to_owned(), Value::String(id.to_owned()));
        let name = names.get(index).copied().unwrap_or_default().trim();
        if !name.is_empty() {
            row.insert("name".to_owned(), Value::String(name.to_owned()));
        }
        row.insert("split".to_owned(), number(split)?);
        if control == index.to_string() {
            row.insert("control".to_owned(), Value::Boolean(true));
        }
        rows.push(Value::Table(row));
    }
    Ok(Value::Array(rows))
}

/// The metric rows of a tactic's form: rows without a KPI are left out.
fn metrics(values: &Values) -> Result<Value, Problem> {
    let kpis = values.all(METRIC_KPI);
    let stages = values.all(METRIC_STAGE);
    let mut rows = Vec::new();
    for (index, kpi) in kpis.iter().enumerate() {
        if kpi.is_empty() {
            continue;
        }
        let stage = stages.get(index).copied().unwrap_or_default();
        if stage.is_empty() {
            return Err(Problem::MetricWithoutStage);
        }
        let mut row = Table::new();
        row.insert("kpi".to_owned(), Value::String((*kpi).to_owned()));
        row.insert("type".to_owned(), Value::String(stage.to_owned()));
        rows.push(Value::Table(row));
    }
    Ok(Value::Array(rows))
}

/// Sets (or removes) `key` in `item`; `a.b` is key `b` of table `a`, and
/// an emptied table `a` is removed.
fn put(item: &mut Table, key: &str, value: Option<Value>) {
    let Some((parent, child)) = key.split_once('.') else {
        match value {
            Some(Value::Array(rows)) if rows.is_empty() => {
                item.remove(key);
            }
            Some(value) => {
                item.insert(key.to_owned(), value);
            }
            None => {
                item.remove(key);
            }
        }
        return;
    };
    let entry = item
        .entry(parent)
        .or_insert_with(|| Value::Table(Table::new()));
    if !entry.is_table() {
        // A text written once for both languages becomes one per language.
        let same = entry.as_str().map(str::to_owned);
        let mut table = Table::new();
        if let Some(same) = same {
            table.insert("fr".to_owned(), Value::String(same.clone()));
            table.insert("en".to_owned(), Value::String(same));
        }
        *entry = Value::Table(table);
    }
    if let Some(table) = entry.as_table_mut() {
        match value {
            Some(value) => {
                table.insert(child.to_owned(), value);
            }
            None => {
                table.remove(child);
            }
        }
        if table.is_empty() {
            item.remove(parent);
        }
    }
}

/// The form's values of an item as it stands in the document.
pub fn values_of(kind: &Kind, item: &Table) -> Values {
    let mut values = Values::default();
    for field in kind.fields {
        if let Input::Metrics = field.input {
            for row in item
                .get("metrics")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = |key| row.get(key).map(text_of).unwrap_or_default();
                values.push(METRIC_KPI, text("kpi"));
                values.push(METRIC_STAGE, text("type"));
            }
            continue;
        }
        if let Input::Variants = field.input {
            for (index, row) in item
                .get("variants")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let text = |key| row.get(key).map(text_of).unwrap_or_default();
                values.push(VARIANT_ID, text("id"));
                values.push(VARIANT_NAME, text("name"));
                values.push(VARIANT_SPLIT, text("split"));
                if row.get("control").and_then(Value::as_bool) == Some(true) {
                    values.push(VARIANT_CONTROL, index.to_string());
                }
            }
            continue;
        }
        if let Input::Milestones = field.input {
            for row in item
                .get("milestones")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = |key| row.get(key).map(text_of).unwrap_or_default();
                values.push(MILESTONE_DATE, text("date"));
                values.push(MILESTONE_TARGET, text("target"));
            }
            continue;
        }
        let value = match field.key.split_once('.') {
            None => item.get(field.key),
            Some((parent, child)) => match item.get(parent) {
                Some(Value::Table(table)) => table.get(child),
                // A text written once for both languages.
                Some(same @ Value::String(_)) => Some(same),
                _ => None,
            },
        };
        match value {
            Some(Value::Array(list)) => {
                for element in list {
                    values.push(field.key, text_of(element));
                }
            }
            Some(value) => values.push(field.key, text_of(value)),
            None => {}
        }
    }
    values
}

/// A scalar as a form shows it.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Float(number) => number.to_string(),
        Value::Integer(number) => number.to_string(),
        Value::Boolean(flag) => flag.to_string(),
        Value::Datetime(datetime) => datetime.to_string(),
        Value::Array(_) | Value::Table(_) => String::new(),
    }
}

/// What a form's change would do to the plan.
#[derive(Debug, Default)]
pub struct Attempt {
    /// The item's id (the new one when the form creates it).
    pub item: String,
    pub field_errors: Vec<FieldError>,
    /// The changed file no longer reads as a plan.
    pub syntax: Option<Located>,
    /// Every finding of the changed plan.
    pub findings: Vec<Located>,
    /// Its error-level findings that the plan did not have before.
    pub introduced: Vec<Located>,
    /// The changed plan, when nothing above stops it from being saved.
    pub plan: Option<Plan>,
}

impl Attempt {
    /// The findings about the item itself.
    pub fn own_findings(&self, kind: &Kind) -> Vec<&Located> {
        self.findings
            .iter()
            .filter(|finding| finding.kind == Some(kind.item_kind) && finding.item == self.item)
            .collect()
    }

    /// The new errors about other items (a broken reference elsewhere).
    pub fn introduced_elsewhere(&self, kind: &Kind) -> Vec<&Located> {
        self.introduced
            .iter()
            .filter(|finding| !(finding.kind == Some(kind.item_kind) && finding.item == self.item))
            .collect()
    }
}

/// The findings of a plan, placed on its canonical file.
pub fn findings(plan: &Plan, lang: Lang) -> Vec<Located> {
    check::check_text(plan.id.as_str(), &plan_file::write(plan), lang)
}

/// Applies a form to a copy of `current` and reads and checks the result,
/// without saving anything.
pub fn attempt(
    current: &Plan,
    kind: &Kind,
    original: Option<&str>,
    values: &Values,
    lang: Lang,
) -> Result<Attempt, String> {
    let mut document = Document::of(current)?;
    let mut attempt = Attempt::default();
    match document.set(kind, original, values) {
        Ok(id) => attempt.item = id,
        Err(errors) => {
            attempt.item = original.unwrap_or(values.get("id")).to_owned();
            attempt.field_errors = errors;
            return Ok(attempt);
        }
    }
    judge(current, &document.text(), lang, &mut attempt);
    Ok(attempt)
}

/// Removes an item from a copy of `current` and reads and checks the result.
pub fn attempt_removal(
    current: &Plan,
    kind: &Kind,
    id: &str,
    lang: Lang,
) -> Result<Option<Attempt>, String> {
    let mut document = Document::of(current)?;
    if !document.remove(kind, id) {
        return Ok(None);
    }
    let mut attempt = Attempt {
        item: id.to_owned(),
        ..Attempt::default()
    };
    judge(current, &document.text(), lang, &mut attempt);
    Ok(Some(attempt))
}

fn judge(current: &Plan, text: &str, lang: Lang, attempt: &mut Attempt) {
    let parsed = match plan_file::parse(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            attempt.syntax = Some(Located::syntax("plan.toml", error));
            return;
        }
    };
    let before = findings(current, lang);
    attempt.findings = check::locate(&parsed, check::check(&parsed.plan), lang);
    let same = |a: &Located, b: &Located| {
        a.rule == b.rule && a.kind == b.kind && a.item == b.item && a.message == b.message
    };
    attempt.introduced = attempt
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .filter(|finding| !before.iter().any(|old| same(old, finding)))
        .cloned()
        .collect();
    if attempt.introduced.is_empty() {
        attempt.plan = Some(parsed.plan);
    }
}

/// The items that refer to item `id` of `kind`, as (kind, id): what stops
/// it from being deleted.
pub fn referrers(plan: &Plan, kind: ItemKind, id: &str) -> Vec<(ItemKind, String)> {
    let mut found = Vec::new();
    let mut add = |kind: ItemKind, referrer: &str| {
        let entry = (kind, referrer.to_owned());
        if !found.contains(&entry) {
            found.push(entry);
        }
    };
    match kind {
        ItemKind::Goal => {
            for objective in &plan.objectives {
                if objective
                    .goal
                    .as_ref()
                    .is_some_and(|goal| goal.as_str() == id)
                {
                    add(ItemKind::Objective, objective.id.as_str());
                }
            }
        }
        ItemKind::Objective => {
            for strategy in &plan.strategies {
                if strategy
                    .objectives
                    .iter()
                    .any(|objective| objective.as_str() == id)
                {
                    add(ItemKind::Strategy, strategy.id.as_str());
                }
            }
        }
        ItemKind::Kpi => {
            for objective in &plan.objectives {
                if objective.kpi.as_ref().is_some_and(|kpi| kpi.as_str() == id) {
                    add(ItemKind::Objective, objective.id.as_str());
                }
            }
            for kpi in &plan.kpis {
                let uses = match &kpi.definition {
                    Definition::Formula(formula) => formula.measures().contains(&id),
                    Definition::Measure(aggregation) => {
                        aggregation.to_text().strip_prefix("mean:") == Some(id)
                    }
                };
                if uses && kpi.id != id {
                    add(ItemKind::Kpi, &kpi.id);
                }
            }
            for tactic in &plan.tactics {
                if tactic
                    .metrics
                    .iter()
                    .any(|metric| metric.kpi.as_str() == id)
                {
                    add(ItemKind::Tactic, tactic.id.as_str());
                }
            }
            for action in &plan.actions {
                if action.kpis.iter().any(|kpi| kpi.as_str() == id) {
                    add(ItemKind::Action, action.id.as_str());
                }
            }
            for experiment in &plan.experiments {
                if experiment.kpi.as_str() == id {
                    add(ItemKind::Experiment, experiment.id.as_str());
                }
            }
        }
        ItemKind::Segment => {
            for objective in &plan.objectives {
                if objective.segment.as_ref().is_some_and(|s| s.as_str() == id) {
                    add(ItemKind::Objective, objective.id.as_str());
                }
            }
        }
        ItemKind::Channel => {
            for objective in &plan.objectives {
                if objective.channel.as_ref().is_some_and(|c| c.as_str() == id) {
                    add(ItemKind::Objective, objective.id.as_str());
                }
            }
            for tactic in &plan.tactics {
                if tactic.channel.as_str() == id {
                    add(ItemKind::Tactic, tactic.id.as_str());
                }
            }
        }
        ItemKind::Strategy => {
            for tactic in &plan.tactics {
                if tactic.strategy.as_str() == id {
                    add(ItemKind::Tactic, tactic.id.as_str());
                }
            }
        }
        ItemKind::Tactic => {
            for action in &plan.actions {
                if action.tactic.as_str() == id {
                    add(ItemKind::Action, action.id.as_str());
                }
            }
        }
        ItemKind::Action => {
            for action in &plan.actions {
                if action.depends_on.iter().any(|d| d.as_str() == id) {
                    add(ItemKind::Action, action.id.as_str());
                }
            }
            for experiment in &plan.experiments {
                if experiment.action.as_str() == id {
                    add(ItemKind::Experiment, experiment.id.as_str());
                }
            }
        }
        ItemKind::Plan | ItemKind::Experiment => {}
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../examples/cloud-kicks.toml");

    fn example() -> Plan {
        plan_file::parse(EXAMPLE).unwrap().plan
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        Values(
            pairs
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn the_document_of_a_plan_reads_back_as_the_same_plan() {
        let plan = example();
        let text = Document::of(&plan).unwrap().text();
        assert_eq!(plan_file::parse(&text).unwrap().plan, plan);
    }

    #[test]
    fn editing_keeps_the_keys_the_form_does_not_show() {
        let plan = example();
        let kind = kind("objective").unwrap();
        let mut document = Document::of(&plan).unwrap();
        let mut form = values_of(kind, document.item(kind, "taux-conversion").unwrap());
        for (key, value) in &mut form.0 {
            if key == "target" {
                *value = "0,045".to_owned();
            }
        }
        document.set(kind, Some("taux-conversion"), &form).unwrap();
        let changed = plan_file::parse(&document.text()).unwrap().plan;
        let objective = &changed.objectives[0];
        assert_eq!(objective.target, Some(0.045));
        assert_eq!(objective.milestones, plan.objectives[0].milestones);
        assert_eq!(changed.objectives.len(), plan.objectives.len());
    }

    #[test]
    fn milestones_are_rows_of_a_day_and_a_target() {
        let plan = example();
        let kind = kind("objective").unwrap();
        let mut document = Document::of(&plan).unwrap();
        let mut form = values_of(kind, document.item(kind, "architecture-donnees").unwrap());
        assert_eq!(form.all(MILESTONE_DATE), ["2026-03-31"]);
        form.0
            .extend(values(&[(MILESTONE_DATE, "2026-05-29"), (MILESTONE_TARGET, "0,8")]).0);
        document
            .set(kind, Some("architecture-donnees"), &form)
            .unwrap();
        let changed = plan_file::parse(&document.text()).unwrap().plan;
        let milestones = &changed
            .objective(&"architecture-donnees".parse().unwrap())
            .unwrap()
            .milestones;
        assert_eq!(milestones.len(), 2);
        assert_eq!(milestones[1].target, 0.8);

        form.0
            .push((MILESTONE_DATE.to_owned(), "2026-06-15".to_owned()));
        form.0.push((MILESTONE_TARGET.to_owned(), String::new()));
        let errors = document
            .set(kind, Some("architecture-donnees"), &form)
            .unwrap_err();
        assert_eq!(errors[0].problem, Problem::MilestoneIncomplete);
    }

    #[test]
    fn a_kpi_moves_between_formulas_and_measures() {
        let plan = example();
        let kind = kind("kpi").unwrap();
        let mut document = Document::of(&plan).unwrap();
        let form = values(&[
            ("name.fr", "Tickets"),
            ("name.en", "Tickets"),
            ("unit", "count"),
            ("direction", "down"),
            ("aggregation", "sum"),
        ]);
        document
            .set(kind, Some("tickets_per_order"), &form)
            .unwrap();
        let changed = plan_file::parse(&document.text()).unwrap().plan;
        let kpi = changed.kpi("tickets_per_order").unwrap();
        assert!(!kpi.is_formula());
        assert_eq!(kpi.name.en, "Tickets");
    }

    #[test]
    fn bad_values_are_reported_by_field() {
        let plan = example();
        let kind = kind("action").unwrap();
        let mut document = Document::of(&plan).unwrap();
        let form = values(&[
            ("id", "bad id"),
            ("tactic", "pilote-sms"),
            ("kind", "one_off"),
            ("start", "2026-13-01"),
            ("budget", "douze"),
            ("owner.email", "a@b.example"),
        ]);
        let errors = document.set(kind, None, &form).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|error| error.field).collect();
        assert_eq!(fields, ["id", "title", "start", "budget", "owner.name"]);
    }

    #[test]
    fn referrers_name_what_uses_an_item() {
        let plan = example();
        assert_eq!(
            referrers(&plan, ItemKind::Channel, "crm"),
            [
                (ItemKind::Objective, "fiches-invalides".to_owned()),
                (ItemKind::Tactic, "revue-architecture".to_owned())
            ]
        );
        assert!(referrers(&plan, ItemKind::Kpi, "checkout_abandonments").len() == 3);
        assert!(referrers(&plan, ItemKind::Action, "seo-continu").is_empty());
    }
}
