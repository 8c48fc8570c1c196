//! The `kpilot` command: parses the command line, resolves the settings, and
//! runs one command. Exit codes: 0 success, 1 the plan has errors, 2 the
//! command could not run (bad arguments, unreadable file, database problem).

mod cli;
mod commands;
mod demo;
mod settings;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
