//! `alacrity volumes export NAME [FILE|-] [--stop|--live] [--node NODE]`: a managed volume's
//! content as a tar archive (gzip or zstd by the file's extension), read on its node through
//! that node's engine (see `engine::archive`). A volume in use is refused unless `--stop` (its
//! app stops for the copy and starts again, also when the copy fails) or `--live`.

use crate::cli::VolumesExportArgs;
use crate::commands::portable::{Destination, Export, export, pick_node};
use crate::core::portable::{WhileUsed, volume_nodes};
use crate::core::resources::VolumeState;
use crate::engine::{Connector, Mount, NodeReach};
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::Printer;
use crate::spec::model::volume_name;

pub async fn run(
    args: &VolumesExportArgs,
    connector: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let label = super::label_arg(&args.name)?;
    let name = volume_name(&label);
    let destination = Destination::of(&args.file, printer)?;
    let manager = connector.connect().await?;
    let (nodes, records, services) = tokio::try_join!(
        manager.nodes(),
        manager.volume_records(),
        manager.service_mounts()
    )?;
    let mut retry = format!("alacrity volumes export {label} {}", args.file.display());
    if let Some(node) = &args.node {
        retry.push_str(&format!(" --node {node}"));
    }
    let known = volume_nodes(&label, &name, &records, &services);
    let what = format!("volume {name}");
    let node = pick_node(&nodes, args.node.as_deref(), known, &what, &retry)?;
    let reach = NodeReach::from_args(&args.reach, connector).knowing(&manager);
    let engine = reach.engine_of(node).await?;
    match engine.managed_volume_state(&label).await? {
        VolumeState::Managed => {}
        VolumeState::Missing => anyhow::bail!(
            "there is no volume {name} on {}; `alacrity volumes ls` lists the volumes and their \
             nodes",
            node.hostname
        ),
        VolumeState::Unmanaged => {
            return Err(InvalidInput(format!(
                "the volume {name} on {} was not made by alacrity, so alacrity does not export \
                 it; copy it into a managed volume first with `alacrity volumes import \
                 {label}-copy --from-volume {name} --node {}`",
                node.hostname, node.hostname
            ))
            .into());
        }
    }
    let usage = manager.usage_on(&engine, &node.id).await?;
    let users = usage.volume_users(&name, &node.id);
    let total = engine.volume_size(&name).await;
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
        mount: Mount::Volume(name.clone()),
        what,
        users,
        mode,
        destination,
        total,
        command: "volumes export",
        retry,
    };
    export(job, printer).await
}
