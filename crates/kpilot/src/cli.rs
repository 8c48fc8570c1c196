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
    /// Show the Cloud Kicks demo plan: its structure and its check.
    Demo,
    /// Serve the workspace over HTTP (the JSON API), until Ctrl-C.
    Serve {
        /// The address to listen on; loopback unless told otherwise.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan file (TOML).
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
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
