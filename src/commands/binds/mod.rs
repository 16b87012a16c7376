//! `alacrity binds ls|rm`: the host directories that apps bind-mounted, recorded in the swarm at
//! deploy time, which outlive the apps.

pub mod ls;
pub mod rm;

use crate::cli::BindsCommand;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub async fn run(
    command: &BindsCommand,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    match command {
        BindsCommand::Ls(args) => ls::run(args, engine, printer).await,
        BindsCommand::Rm(args) => rm::run(args, engine, printer, yes).await,
    }
}
