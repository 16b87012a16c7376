//! `alacrity volumes import NAME [FILE|-] [--replace] [--node NODE]` and `alacrity volumes
//! import NAME --from-volume OTHER [--live]`: a tar archive (plain, gzip or zstd), or another
//! Docker volume of the same node, into a new or empty managed volume, written on its node
//! through that node's engine and read back to check it.
//!
//! Never into a volume in use. A volume that holds data needs `--replace` and a confirmation
//! (its data is deleted first: the engine can add files to a volume, not take them away). A
//! failed import removes only what it made: the volume it created and its record.

use crate::cli::VolumesImportArgs;
use crate::commands::lock::locked_to_the_end;
use crate::commands::portable::{
    Copied, import, pick_node, read_archive, render_copied, users_text,
};
use crate::core::portable::volume_nodes;
use crate::core::resources::VolumeState;
use crate::engine::{Access, Connector, DataDoor, Mount, NodeReach, TarStream};
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::Printer;
use crate::spec::model::volume_name;

pub async fn run(
    args: &VolumesImportArgs,
    connector: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    let label = super::label_arg(&args.name)?;
    let name = volume_name(&label);
    if args.from_volume.as_deref() == Some(name.as_str()) {
        return Err(InvalidInput(format!(
            "--from-volume names the volume {name} itself: name another volume to copy from"
        ))
        .into());
    }
    if let Some(file) = args.file.as_ref().filter(|f| f.as_os_str() != "-") {
        if !file.is_file() {
            return Err(InvalidInput(format!(
                "there is no archive file {}: name an existing .tar, .tar.gz or .tar.zst file, \
                 or - for stdin",
                file.display()
            ))
            .into());
        }
    }
    let manager = connector.connect().await?;
    let (nodes, records, services) = tokio::try_join!(
        manager.nodes(),
        manager.volume_records(),
        manager.service_mounts()
    )?;
    let source_words = match (&args.from_volume, &args.file) {
        (Some(other), _) => format!("--from-volume {other}"),
        (None, Some(file)) => file.display().to_string(),
        (None, None) => "-".to_string(),
    };
    let mut retry = format!("alacrity volumes import {label} {source_words}");
    if let Some(node) = &args.node {
        retry.push_str(&format!(" --node {node}"));
    }
    let what = format!("volume {name}");
    let known = volume_nodes(&label, &name, &records, &services);
    let node = pick_node(&nodes, args.node.as_deref(), known, &what, &retry)?;
    let host = node.hostname.clone();
    // The app the volume is for, when alacrity knows it (its labels and record say so).
    let app = records
        .iter()
        .find(|r| r.label == label && r.node_id == node.id)
        .map(|r| r.app.clone())
        .or_else(|| {
            services
                .iter()
                .find(|s| {
                    s.managed
                        && s.sources.iter().any(|source| {
                            matches!(source, crate::core::usage::Source::Volume(v) if *v == name)
                        })
                })
                .map(|s| s.name.clone())
        })
        .unwrap_or_default();
    let reach = NodeReach::from_args(&args.reach, connector).knowing(&manager);
    let engine = reach.engine_of(node).await?;
    let work = async {
        let usage = manager.usage_on(&engine, &node.id).await?;
        let users = usage.volume_users(&name, &node.id);
        if !users.is_empty() {
            anyhow::bail!(
                "the volume {name} on {host} is in use by {}: alacrity never writes into a \
                 volume in use\n  Stop it first (e.g. `alacrity apps scale APP 0`), then run \
                 `{retry}` again",
                users_text(&users)
            );
        }
        if let Some(other) = &args.from_volume {
            if !engine.volume_exists(other).await? {
                anyhow::bail!(
                    "there is no volume {other} on {host} to copy from; `docker volume ls` on \
                     that node lists its volumes"
                );
            }
            let users = usage.volume_users(other, &node.id);
            if !users.is_empty() && !args.live {
                anyhow::bail!(
                    "the volume {other} on {host} is in use by {}: a copy of data being written \
                     can be inconsistent\n  Stop them first, or copy it as it is with `{retry} \
                     --live` (fine for plain files, not for a database)",
                    users_text(&users)
                );
            }
        }
        let state = engine.managed_volume_state(&label).await?;
        let state_was_missing = state == VolumeState::Missing;
        let created = match state {
            VolumeState::Unmanaged => {
                return Err(InvalidInput(format!(
                    "the volume {name} on {host} was not made by alacrity, so alacrity does not \
                     write into it; import into another name"
                ))
                .into());
            }
            VolumeState::Missing => {
                engine.create_managed_volume(&label, &app).await?;
                true
            }
            VolumeState::Managed => {
                let door =
                    DataDoor::open(&engine, Mount::Volume(name.clone()), Access::Read).await?;
                let empty = door.is_empty().await;
                door.close().await?;
                match (empty?, args.replace) {
                    (true, _) => false,
                    (false, false) => anyhow::bail!(
                        "the volume {name} on {host} holds data already: alacrity imports only \
                         into a new or empty volume\n  To delete what it holds and import in \
                         its place, run `{retry} --replace`"
                    ),
                    (false, true) => {
                        let heading = format!(
                            "The volume {name} on {host} holds data: --replace deletes all of it, \
                             then imports in its place."
                        );
                        let action = format!("delete the data of the volume {name} on {host}");
                        if !printer.confirm_listing(
                            &[heading],
                            "Delete its data and import?",
                            &action,
                            yes,
                        )? {
                            anyhow::bail!("nothing was changed");
                        }
                        engine.remove_managed_volume(&name).await?;
                        engine.create_managed_volume(&label, &app).await?;
                        true
                    }
                }
            }
        };
        let recorded = manager.record_volume(&label, &app, &node.id).await?;
        let result = fill(args, &engine, &name, &what, &host, printer).await;
        match (&result, created) {
            (Ok(_), _) => {}
            // A new volume: it goes, with the record written for it.
            (Err(_), true) if !args.replace || state_was_missing => {
                let removed = engine.remove_managed_volume(&name).await;
                if recorded {
                    let _ = manager.forget_volume_on(&label, &node.id).await;
                }
                if removed.is_ok() {
                    printer.info(format!(
                        "removed the volume {name} this import made on {host}"
                    ));
                }
            }
            (Err(_), _) => printer.warn(format!(
                "the volume {name} on {host} may now hold part of the archive; import again \
                 with `{retry} --replace`"
            )),
        }
        result
    };
    let copied = locked_to_the_end(&manager, connector, "volumes import", printer, work).await?;
    render_copied(&copied, printer);
    Ok(ExitStatus::Success)
}

/// Copies the archive or the other volume in.
async fn fill(
    args: &VolumesImportArgs,
    engine: &crate::engine::Engine,
    name: &str,
    what: &str,
    host: &str,
    printer: &Printer,
) -> anyhow::Result<Copied> {
    let target = Mount::Volume(name.to_string());
    match &args.from_volume {
        Some(other) => {
            let door = DataDoor::open(engine, Mount::Volume(other.clone()), Access::Read).await?;
            let total = engine.volume_size(other).await;
            let source: TarStream = door.read();
            let archive = format!("the volume {other} (left as it was)");
            let result = import(engine, target, source, total, what, host, &archive, printer).await;
            let closed = door.close().await;
            let copied = result?;
            closed?;
            Ok(copied)
        }
        None => {
            let file = args.file.clone().unwrap_or_else(|| "-".into());
            let (source, total) = read_archive(&file, printer)?;
            let archive = file.display().to_string();
            import(engine, target, source, total, what, host, &archive, printer).await
        }
    }
}
