//! `alacrity binds ls|rm|export|import`: the host directories that apps bind-mounted, recorded in the swarm at
//! deploy time, which outlive the apps.

pub mod export;
pub mod import;
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
        BindsCommand::Export(args) => export::run(args, engine, printer).await,
        BindsCommand::Import(args) => import::run(args, engine, printer).await,
    }
}

/// A host directory given on the command line: absolute, normalized (invalid input otherwise).
pub(crate) fn path_arg(path: &std::path::Path) -> anyhow::Result<std::path::PathBuf> {
    let text = path.to_string_lossy();
    crate::spec::paths::normalize_absolute(&text).map_err(|problem| {
        crate::exit::InvalidInput(format!(
            "the path `{text}` {}: give the directory as an absolute path, e.g. /srv/app/data",
            problem.describe()
        ))
        .into()
    })
}
