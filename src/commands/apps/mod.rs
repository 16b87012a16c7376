//! `alacrity apps ls|ps|logs|scale|rm|rollback|move`: the deployed apps.

pub mod logs;
pub mod ls;
pub mod r#move;
pub mod ps;
pub mod rm;
pub mod rollback;
pub mod scale;

use crate::cli::AppsCommand;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub async fn run(
    command: &AppsCommand,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    match command {
        AppsCommand::Ls(args) => ls::run(args, engine, printer).await,
        AppsCommand::Ps(args) => ps::run(args, engine, printer).await,
        AppsCommand::Logs(args) => logs::run(args, engine, printer).await,
        AppsCommand::Scale(args) => scale::run(args, engine, printer).await,
        AppsCommand::Rm(args) => rm::run(args, engine, printer, yes).await,
        AppsCommand::Rollback(args) => rollback::run(args, engine, printer).await,
        AppsCommand::Move(args) => r#move::run(args, engine, printer, yes).await,
    }
}
