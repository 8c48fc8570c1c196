//! The command line: every command, flag and option, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// kpilot: write a marketing plan, feed it results, steer with it.
#[derive(Debug, Parser)]
#[command(name = "kpilot", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The workspace: an SQLite file (default: in the user's data directory).
    #[arg(long, global = true, env = "KPILOT_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// A team workspace on PostgreSQL (postgres://…), instead of the SQLite file.
    #[arg(long, global = true, env = "KPILOT_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// A settings file (default: ./kpilot.toml when present).
    #[arg(long, global = true, env = "KPILOT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The language of texts: fr or en.
    #[arg(long, global = true, env = "KPILOT_LANG", value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a plan file: SMART objectives, structure and references.
    Check(CheckArgs),
    /// Store, export, list and show plans.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// The KPI catalogue: formulas, units, directions, and why/where/how texts.
    Kpis(KpisArgs),
    /// A KPI's value over a window, from the results imported: with its
    /// components, the previous window, a series or a breakdown.
    Kpi(KpiArgs),
    /// Every objective against its target at a day: progress, pacing,
    /// status; goals rolled up; alerts.
    Status(StatusArgs),
    /// The rétroplanning: each action's latest dates walked back from the
    /// deadlines, earliest dates from a day, slack and critical path; or an
    /// iCalendar file of the actions.
    Schedule(ScheduleArgs),
    /// The budget at a day: envelope, allocated, planned, spent, remaining
    /// and forecast, by channel, tactic, action or month.
    Budget(BudgetArgs),
    /// Record spend entered by hand against an action of a plan.
    Spend(SpendArgs),
    /// Say what really happened to an action this week: started, done,
    /// cancelled, how far along (tracking data, never the plan file).
    #[command(subcommand)]
    Action(ActionCommand),
    /// Check in on an objective: how confident you are, what happened and
    /// what is next, and a value measured by hand.
    Checkin(CheckinArgs),
    /// This week: objectives to check in on, actions due or late, alerts
    /// and budget overruns — what the team looks at on Monday.
    Week(WeekArgs),
    /// The operation review (bilan): objectives against their targets and
    /// how they were judged, levers, budget, segments, checks and lessons,
    /// as HTML, PDF, XLSX (the tracking sheet), CSV or Markdown.
    Review(ReviewArgs),
    /// The plan on one page for leadership: horizon, vision, the SMART
    /// table and the strategies and tactics under each objective.
    Roadmap(RoadmapArgs),
    /// Note a lesson on an objective, a lever (channel), a goal or an
    /// action, printed in the review; without text, list the notes.
    Note(NoteArgs),
    /// Import results (CSV, XLSX, ODS exports) into the workspace; list or undo imports.
    Import(ImportArgs),
    /// A/B tests: judge one (`kpilot experiment EXP`), list them, import or
    /// record their results, or size one before it starts.
    Experiment(ExperimentArgs),
    /// Create a fresh demo workspace (the Cloud Kicks plan with eighteen
    /// months of synthetic results) and serve it, as `serve` does.
    Demo(DemoArgs),
    /// Serve the workspace over HTTP (the JSON API), until Ctrl-C.
    Serve {
        /// The address to listen on; loopback unless told otherwise.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The day the pages take as today (YYYY-MM-DD): to look at a plan as
        /// it stood, or to pin the day in tests. Default: today in UTC.
        #[arg(long)]
        today: Option<jiff::civil::Date>,
    },
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Create the workspace and say where it is, without serving it.
    #[arg(long, conflicts_with = "addr")]
    pub no_serve: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan file (TOML).
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["file", "list", "undo"]))]
pub struct ImportArgs {
    /// The export to import: .csv, .txt, .tsv, .xlsx, .ods or .xls.
    pub file: Option<PathBuf>,
    /// The file's shape: auto, long, wide, or a tool's export (ga4,
    /// google-ads, meta-ads, mailchimp, brevo, shopify, woocommerce,
    /// prestashop).
    #[arg(long, default_value = "auto", value_name = "FORMAT")]
    pub format: String,
    /// Name a column: 'Header=measure', or 'Header=-' to skip it. Repeatable.
    #[arg(long = "map", value_name = "HEADER=MEASURE")]
    pub maps: Vec<String>,
    /// The channel of every row, for a file without a channel column.
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// The segment of every row, for a file without a segment column.
    #[arg(long, value_name = "SEGMENT")]
    pub segment: Option<String>,
    /// The order of dates like 01/02/2026 when the file does not prove it:
    /// dmy (day first), mdy (month first) or ymd.
    #[arg(long, value_name = "ORDER")]
    pub date_order: Option<String>,
    /// Store an import that holds no value (every order awaiting payment,
    /// only total rows…) instead of refusing it.
    #[arg(long)]
    pub allow_empty: bool,
    /// Read and check the file, say what would be stored, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse files larger than this (e.g. 500MB, 2GiB; default 2GiB).
    #[arg(long, env = "KPILOT_IMPORT_MAX_SIZE", value_name = "SIZE")]
    pub max_size: Option<String>,
    /// List the imports of the workspace.
    #[arg(long, conflicts_with_all = ["file", "undo"])]
    pub list: bool,
    /// Undo an import: remove its values and restore those it replaced.
    #[arg(long, value_name = "BATCH", conflicts_with = "file")]
    pub undo: Option<i64>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Store a plan in the workspace, or update it (refused if it has errors).
    Apply {
        /// The plan file (TOML).
        file: PathBuf,
    },
    /// Write a stored plan as its plan file.
    Export {
        /// The plan's id (optional when the workspace holds one plan).
        id: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the plans of the workspace.
    List,
    /// Show a stored plan's chain: goals, objectives, strategies, tactics, actions.
    Show {
        /// The plan's id (optional when the workspace holds one plan).
        id: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct KpisArgs {
    /// Show one KPI in full.
    pub id: Option<String>,
    /// Include the KPIs of this stored plan.
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct KpiArgs {
    /// The KPI (`kpilot kpis` lists them).
    pub kpi: String,
    /// The first day of the window (included).
    #[arg(long, value_name = "DATE")]
    pub from: jiff::civil::Date,
    /// The last day of the window (included).
    #[arg(long, value_name = "DATE")]
    pub to: jiff::civil::Date,
    /// Only this channel.
    #[arg(long)]
    pub channel: Option<String>,
    /// Only this segment.
    #[arg(long)]
    pub segment: Option<String>,
    /// Cut the window into days, ISO weeks or months.
    #[arg(long, value_enum, default_value = "total")]
    pub grain: GrainArg,
    /// Break the value down by channel or by segment.
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// Look the KPI up among this stored plan's own KPIs too.
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: KpiFormat,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The day to judge at (default: today, in UTC).
    #[arg(long, value_name = "DATE")]
    pub at: Option<jiff::civil::Date>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// For the benchmark (`bench/status`): computes the status this many
    /// times in this process and writes each run's time to stderr, which is
    /// what a long-running process (the web app) pays per request.
    #[arg(long, hide = true, default_value_t = 1, value_name = "N")]
    pub repeat: u32,
}

#[derive(Debug, Args)]
pub struct WeekArgs {
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The week's first day (default: today, in UTC). `2026-05-04` or
    /// `04/05/2026`.
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub at: Option<jiff::civil::Date>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The day to schedule from (default: today, in UTC).
    #[arg(long, value_name = "DATE")]
    pub at: Option<jiff::civil::Date>,
    /// `ics`: an iCalendar file (RFC 5545), one event per action and per
    /// occurrence of a recurring action.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ScheduleFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScheduleFormat {
    Table,
    Json,
    Ics,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The day to report at (default: today, in UTC).
    #[arg(long, value_name = "DATE")]
    pub at: Option<jiff::civil::Date>,
    /// Break the figures down.
    #[arg(long, value_enum)]
    pub by: Option<BudgetByArg>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BudgetByArg {
    Channel,
    Tactic,
    Action,
    Week,
    Month,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ExperimentArgs {
    #[command(subcommand)]
    pub command: Option<ExperimentCommand>,
    /// The experiment to judge; without it, the plan's experiments are listed.
    #[arg(value_name = "EXP")]
    pub experiment: Option<String>,
    /// The day to judge at (default: today, in UTC).
    #[arg(long, value_name = "DATE")]
    pub at: Option<jiff::civil::Date>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ExperimentCommand {
    /// Import an experiment's daily results: a CSV, XLSX or ODS file with
    /// the columns date, variant, visitors, conversions [, revenue
    /// [, revenue_squares]]; all or nothing.
    Import {
        /// The experiment's id.
        #[arg(value_name = "EXP")]
        experiment: String,
        file: PathBuf,
        /// The plan (optional when the workspace holds one).
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// The largest file accepted, as `kpilot import --max-size`.
        #[arg(long, value_name = "SIZE", env = "KPILOT_IMPORT_MAX_SIZE")]
        max_size: Option<String>,
    },
    /// Record one day's results of one variant, typed in (replaces that
    /// day's figures of that variant, if any).
    Record {
        /// The experiment's id.
        #[arg(value_name = "EXP")]
        experiment: String,
        #[arg(long, value_name = "V")]
        variant: String,
        #[arg(long, value_name = "N")]
        visitors: u64,
        #[arg(long, value_name = "X")]
        conversions: u64,
        /// The revenue of those visitors, for a KPI per visitor.
        #[arg(long, value_name = "AMOUNT")]
        revenue: Option<String>,
        /// The sum of each visitor's revenue squared (from the testing
        /// tool), which the variance of revenue per visitor needs.
        #[arg(long, value_name = "AMOUNT")]
        revenue_squares: Option<String>,
        /// The day (default: today, in UTC).
        #[arg(long, value_name = "DATE")]
        date: Option<jiff::civil::Date>,
        /// The plan (optional when the workspace holds one).
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
    },
    /// Visitors needed per variant to detect an effect (80 % power, 5 %
    /// two-sided by default).
    Size {
        /// The control's conversion rate, as a fraction (0.2 for 20 %).
        #[arg(long)]
        baseline: f64,
        /// The minimum detectable effect: absolute (0.05 = 5 points), or
        /// relative to the baseline with --relative (0.1 = 10 %).
        #[arg(long)]
        mde: f64,
        #[arg(long)]
        relative: bool,
        #[arg(long, default_value_t = 0.8)]
        power: f64,
        #[arg(long, default_value_t = 0.05)]
        alpha: f64,
    },
}

#[derive(Debug, Args)]
pub struct SpendArgs {
    /// The action's id.
    pub action: String,
    /// The amount, as written in French or English (`1234.56`, `1 234,56`).
    pub amount: String,
    /// The day of the expense.
    #[arg(long, value_name = "DATE")]
    pub date: jiff::civil::Date,
    /// What it was (an invoice, a supplier).
    #[arg(long, default_value = "")]
    pub note: String,
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
}

/// A day as people write it: `2026-04-30` or `30/04/2026`.
pub fn day(text: &str) -> Result<jiff::civil::Date, String> {
    kpilot_import::day::read_day(text, kpilot_import::day::DateOrder::Dmy)
        .map_err(|error| error.to_string())
}

/// What every action update takes.
#[derive(Debug, Args)]
pub struct ActionTarget {
    /// The action's id.
    pub action: String,
    /// The day it happened (default: today). `2026-04-30` or `30/04/2026`.
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub on: Option<jiff::civil::Date>,
    /// For a recurring action: the occurrence, from 1.
    #[arg(long, value_name = "N")]
    pub occurrence: Option<u32>,
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// The action has started.
    Start(ActionTarget),
    /// The action is done.
    Done(ActionTarget),
    /// The action is given up, and why.
    Cancel {
        #[command(flatten)]
        target: ActionTarget,
        /// Why it is cancelled.
        #[arg(long)]
        reason: String,
    },
    /// How far along the action is, in percent (`60`), and when it is now
    /// expected to end.
    Progress {
        #[command(flatten)]
        target: ActionTarget,
        /// From 0 to 100.
        percent: String,
        /// The new expected end. `2026-04-30` or `30/04/2026`.
        #[arg(long, value_name = "DATE", value_parser = day)]
        expected_end: Option<jiff::civil::Date>,
    },
    /// The action is to do again (a start or an end recorded by mistake).
    Reopen(ActionTarget),
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The objective's id.
    pub objective: String,
    /// on_track, at_risk, off_track, or a score from 0 to 10.
    #[arg(long)]
    pub confidence: String,
    /// What happened, what is next.
    #[arg(long, default_value = "")]
    pub comment: String,
    /// For a KPI measured by hand: its value (`0.6`, `60 %`, `1 234,5`).
    #[arg(long)]
    pub value: Option<String>,
    /// The day checked in for (default: today).
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub on: Option<jiff::civil::Date>,
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The first day reviewed (default: the plan's start).
    #[arg(long, value_name = "DATE")]
    pub from: Option<jiff::civil::Date>,
    /// The last day reviewed (default: today, within the plan's days).
    #[arg(long, value_name = "DATE")]
    pub to: Option<jiff::civil::Date>,
    /// The format (default: from the output file's extension, else md).
    #[arg(long, value_enum)]
    pub format: Option<ReviewFormat>,
    /// The file to write (for csv, a directory gets one file per table);
    /// default: standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Html,
    Pdf,
    Xlsx,
    Csv,
    Md,
    /// The figures for other programs.
    Json,
}

#[derive(Debug, Args)]
pub struct RoadmapArgs {
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The format (default: from the output file's extension, else md).
    #[arg(long, value_enum)]
    pub format: Option<RoadmapFormat>,
    /// The file to write; default: standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoadmapFormat {
    Html,
    Pdf,
    Md,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// An objective, goal or action id, or a channel (a lever).
    pub item: String,
    /// The lesson; without it, the item's notes are listed (`all` lists
    /// every note of the plan).
    pub text: Option<String>,
    /// The plan (optional when the workspace holds one).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GrainArg {
    Total,
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ByArg {
    Channel,
    Segment,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KpiFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangArg {
    Fr,
    En,
}
