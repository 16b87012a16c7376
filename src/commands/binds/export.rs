//! `alacrity binds export PATH [FILE|-] [--stop|--live] [--node NODE]`: a host directory's
//! content as a tar archive, read on its node through that node's engine. A directory in use is
//! refused unless `--stop` or `--live`, as for volumes.

use crate::cli::BindsExportArgs;
use crate::commands::portable::{Destination, Export, export, pick_node};
use crate::core::portable::{WhileUsed, dir_nodes};
use crate::engine::{Connector, Mount, NodeReach};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub async fn run(
    args: &BindsExportArgs,
    connector: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let path = super::path_arg(&args.path)?;
    let destination = Destination::of(&args.file, printer)?;
    let manager = connector.connect().await?;
    let (nodes, records, services) = tokio::try_join!(
        manager.nodes(),
        manager.bind_records(),
        manager.service_mounts()
    )?;
    let mut retry = format!(
        "alacrity binds export {} {}",
        path.display(),
        args.file.display()
    );
    if let Some(node) = &args.node {
        retry.push_str(&format!(" --node {node}"));
    }
    let what = format!("directory {}", path.display());
    let known = dir_nodes(&path, &records, &services);
    let node = pick_node(&nodes, args.node.as_deref(), known, &what, &retry)?;
    let reach = NodeReach::from_args(&args.reach, connector).knowing(&manager);
    let engine = reach.engine_of(node).await?;
    let usage = manager.usage_on(&engine, &node.id).await?;
    let users = usage.bind_users(&path, &node.id);
    let mode = match (args.while_used.stop, args.while_used.live) {
        (true, _) => WhileUsed::Stop,
        (_, true) => WhileUsed::Live,
        _ => WhileUsed::Refuse,
    };
    let job = Export {
        manager: &manager,
        connector,
        node,
        engine,
        mount: Mount::HostDir(path.clone()),
        what,
        users,
        mode,
        destination,
        total: None,
        command: "binds export",
        retry,
    };
    export(job, printer).await
}
