//! `alacrity volumes ls|rm`: the managed volumes (`alacran--LABEL`) that apps keep their data in,
//! which outlive the apps.

pub mod ls;
pub mod rm;

use crate::cli::VolumesCommand;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub async fn run(
    command: &VolumesCommand,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    match command {
        VolumesCommand::Ls(args) => ls::run(args, engine, printer).await,
        VolumesCommand::Rm(args) => rm::run(args, engine, printer, yes).await,
    }
}
