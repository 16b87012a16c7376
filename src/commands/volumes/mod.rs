//! `alacrity volumes ls|rm|export|import`: the managed volumes (`alacran--LABEL`) that apps keep
//! their data in, which outlive the apps; backed up and restored as tar archives.

pub mod export;
pub mod import;
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
        VolumesCommand::Export(args) => export::run(args, engine, printer).await,
        VolumesCommand::Import(args) => import::run(args, engine, printer, yes).await,
    }
}

/// The label of a volume named by its label or full name (invalid input otherwise).
pub(crate) fn label_arg(name: &str) -> anyhow::Result<String> {
    let label = crate::spec::model::label_of(name).unwrap_or(name);
    if let Some(problem) = crate::spec::label_problem(label) {
        return Err(crate::exit::InvalidInput(format!(
            "`{name}` cannot be an alacrity volume: the label `{label}` {problem}; \
             `alacrity volumes ls` lists the volumes by name and label"
        ))
        .into());
    }
    Ok(label.to_string())
}
