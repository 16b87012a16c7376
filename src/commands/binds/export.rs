//! `alacrity binds export PATH [FILE|-] [--stop|--live] [--node NODE]`: a host directory's
//! content as a tar archive, read on its node through that node's engine. A directory in use is
//! refused unless `--stop` or `--live`, as for volumes.

use super::{Located, locate};
use crate::cli::BindsExportArgs;
use crate::commands::portable::{Destination, Export, export, while_used};
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
    let Located {
        manager,
        node,
        retry,
        what,
    } = locate(connector, "export", &path, &args.file, args.node.as_deref()).await?;
    let node = &node;
    let reach = NodeReach::from_args(&args.reach, connector).knowing(&manager);
    let engine = reach.engine_of(node).await?;
    let usage = manager.usage_on(&engine, &node.id).await?;
    let users = usage.bind_users(&path, &node.id);
    let mode = while_used(&args.while_used);
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
