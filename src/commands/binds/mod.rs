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

/// Where `binds export|import` find a directory: the swarm's manager, the node that holds it,
/// the command to run again, and the directory in words.
pub(crate) struct Located {
    pub manager: crate::engine::Engine,
    pub node: crate::core::nodes::Node,
    pub retry: String,
    pub what: String,
}

/// The node of `path` for `binds VERB PATH FILE [--node NODE]`: `--node`, else its records and
/// the apps that mount it.
pub(crate) async fn locate(
    connector: &Connector,
    verb: &str,
    path: &std::path::Path,
    file: &std::path::Path,
    given: Option<&str>,
) -> anyhow::Result<Located> {
    let manager = connector.connect().await?;
    let (nodes, records, services) = tokio::try_join!(
        manager.nodes(),
        manager.bind_records(),
        manager.service_mounts()
    )?;
    let mut retry = format!(
        "alacrity binds {verb} {} {}",
        path.display(),
        file.display()
    );
    if let Some(node) = given {
        retry.push_str(&format!(" --node {node}"));
    }
    let what = format!("directory {}", path.display());
    let known = crate::core::portable::dir_nodes(path, &records, &services);
    let node = crate::commands::portable::pick_node(&nodes, given, known, &what, &retry)?.clone();
    Ok(Located {
        manager,
        node,
        retry,
        what,
    })
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
