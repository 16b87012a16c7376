//! alacrity: deploy apps to Docker Swarm from TOML app specs, and keep their persistent data safe.
//!
//! - `cli`: the command line (clap), no logic.
//! - `commands`: one module per subcommand, each `run(args, ..., printer) -> Result<ExitStatus>`.
//! - `spec`: the app spec model, its parser and its rules (no I/O but reading the files).
//! - `engine`: the only module that talks to Docker (wraps bollard).
//! - `printer`: all output; `exit`: exit codes.

pub mod cli;
pub mod commands;
pub mod exit;
pub mod printer;
pub mod spec;

use cli::{Cli, Command};
use exit::ExitStatus;
use printer::Printer;

/// Runs one command line.
pub fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Validate(args) => commands::validate::run(&args, printer),
        Command::Completions(args) => commands::completions::run(&args, printer),
        Command::Man => commands::completions::man(printer),
        _ => anyhow::bail!("this command is not built yet"),
    }
}
