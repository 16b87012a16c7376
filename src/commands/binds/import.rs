//! `alacrity binds import PATH FILE|- [--node NODE]`: a tar archive into an existing, empty
//! host directory of a node, written through that node's engine and read back to check it.
//! Never into a directory in use or one that holds anything (alacrity does not empty a host
//! directory for an import: `binds rm` removes one).

use crate::cli::BindsImportArgs;
use crate::commands::lock::locked;
use crate::commands::portable::{
    door_error, import, pick_node, read_archive, render_copied, users_text,
};
use crate::core::portable::dir_nodes;
use crate::engine::{Access, Connector, DataDoor, Mount, NodeReach};
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::Printer;

pub async fn run(
    args: &BindsImportArgs,
    connector: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let path = super::path_arg(&args.path)?;
    if args.file.as_os_str() != "-" && !args.file.is_file() {
        return Err(InvalidInput(format!(
            "there is no archive file {}: name an existing .tar, .tar.gz or .tar.zst file, or - \
             for stdin",
            args.file.display()
        ))
        .into());
    }
    let manager = connector.connect().await?;
    let (nodes, records, services) = tokio::try_join!(
        manager.nodes(),
        manager.bind_records(),
        manager.service_mounts()
    )?;
    let mut retry = format!(
        "alacrity binds import {} {}",
        path.display(),
        args.file.display()
    );
    if let Some(node) = &args.node {
        retry.push_str(&format!(" --node {node}"));
    }
    let what = format!("directory {}", path.display());
    let known = dir_nodes(&path, &records, &services);
    let node = pick_node(&nodes, args.node.as_deref(), known, &what, &retry)?;
    let host = node.hostname.clone();
    let reach = NodeReach::from_args(&args.reach, connector).knowing(&manager);
    let engine = reach.engine_of(node).await?;
    let work = async {
        let usage = manager.usage_on(&engine, &node.id).await?;
        let users = usage.bind_users(&path, &node.id);
        if !users.is_empty() {
            anyhow::bail!(
                "the {what} on {host} is in use by {}: alacrity never writes into a directory \
                 in use\n  Stop it first (e.g. `alacrity apps scale APP 0`), then run `{retry}` \
                 again",
                users_text(&users)
            );
        }
        let door = DataDoor::open(&engine, Mount::HostDir(path.clone()), Access::Read)
            .await
            .map_err(|err| door_error(err, &what, &host))?;
        let empty = door.is_empty().await;
        door.close().await?;
        if !empty? {
            anyhow::bail!(
                "the {what} on {host} is not empty: alacrity imports only into an empty \
                 directory\n  Import into a new empty directory, or empty this one first, then \
                 run `{retry}` again"
            );
        }
        let (source, total) = read_archive(&args.file, printer)?;
        import(
            &engine,
            Mount::HostDir(path.clone()),
            source,
            total,
            &what,
            &host,
            &args.file.display().to_string(),
            printer,
        )
        .await
    };
    let copied = locked(&manager, connector, "binds import", printer, work).await?;
    render_copied(&copied, printer);
    Ok(ExitStatus::Success)
}
