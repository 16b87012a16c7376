//! alacrity: deploy apps to Docker Swarm from TOML app specs, and keep their persistent data safe.
//!
//! - `cli`: the command line (clap), no logic.
//! - `commands`: one module per subcommand, each `run(args, ..., printer) -> Result<ExitStatus>`.
//! - `spec`: the app spec model, its parser and its rules (no I/O but reading the files).
//! - `engine`: the only module that talks to Docker (wraps bollard).
//! - `hostdir`: the host directories `binds rm` deletes (checks against symlinks, sizes).
//! - `printer`: all output; `exit`: exit codes.

pub mod cli;
pub mod commands;
pub mod engine;
pub mod exit;
pub mod hostdir;
pub mod printer;
pub mod spec;

use std::future::Future;

use anyhow::Context;
use cli::{Cli, Command};
use engine::Connector;
use exit::{ExitStatus, Interrupted};
use printer::Printer;

/// Runs one command line.
pub fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let mut engine = Connector::new(cli.global.host.clone());
    if printer.verbosity() > 1 {
        let tracer = printer.clone();
        engine = engine.with_tracer(std::sync::Arc::new(move |line: &str| tracer.trace(line)));
    }
    let yes = cli.global.yes;
    match cli.command {
        Command::Validate(args) => commands::validate::run(&args, printer),
        Command::Completions(args) => commands::completions::run(&args, printer),
        Command::Man => commands::completions::man(printer),
        Command::Plan(args) => block_on(commands::plan::run(&args, &engine, printer)),
        Command::Deploy(args) => block_on(commands::deploy::run(&args, &engine, printer, yes)),
        Command::Apps(command) => block_on(commands::apps::run(&command, &engine, printer, yes)),
        Command::Volumes(command) => {
            block_on(commands::volumes::run(&command, &engine, printer, yes))
        }
        Command::Binds(command) => block_on(commands::binds::run(&command, &engine, printer, yes)),
    }
}

/// Runs an engine command on a runtime made for it (commands without an engine never pay for
/// one); Ctrl-C ends it with exit code 130.
fn block_on(
    command: impl Future<Output = anyhow::Result<ExitStatus>>,
) -> anyhow::Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        tokio::select! {
            result = command => result,
            _ = tokio::signal::ctrl_c() => Err(Interrupted(
                "interrupted: what was already sent to the swarm stays; run the same command \
                 again to finish".into(),
            ).into()),
        }
    })
}
