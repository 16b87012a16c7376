//! `alacrity volumes ls [--retained] [--size]`: every managed volume alacrity knows of, on
//! every node, with the app that used it and who uses it now.

use serde::Serialize;

use crate::cli::VolumesLsArgs;
use crate::commands::retained::{size_cell, status, used_by};
use crate::commands::table;
use crate::core::usage::User;
use crate::core::volumes::KnownVolume;
use crate::engine::Connector;
use crate::engine::DataAccess;
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// One volume in `volumes ls --output json`.
#[derive(Debug, Serialize)]
pub struct ListedVolume {
    /// `alacran--LABEL`.
    pub name: String,
    pub label: String,
    /// The app that last used it.
    pub app: Option<String>,
    /// The hostname of the node that holds it.
    pub node: String,
    /// `in-use`, `retained`, or `node-gone` (recorded on a node that left the swarm: the
    /// volume went with it; `alacrity volumes rm --forget LABEL` drops the record).
    pub status: &'static str,
    pub used_by: Vec<User>,
    /// Only with --size, for volumes of the node alacrity talks to.
    pub size_bytes: Option<u64>,
}

pub async fn run(
    args: &VolumesLsArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let access = engine.connect_data(args.manager.manager.as_deref()).await?;
    let listing = access.volumes(args.size).await?;
    let listed: Vec<ListedVolume> = listing
        .volumes
        .iter()
        .filter(|volume| !args.retained || volume.users.is_empty())
        .map(|volume| listed(volume, &access))
        .collect();
    if printer.is_json() {
        printer.json(&listed);
    } else if listed.is_empty() {
        printer.info(nothing_listed(args.retained));
    } else {
        printer.data(render(&listed, args.size));
    }
    if args.size
        && listing
            .volumes
            .iter()
            .any(|v| v.node_id != access.node_id())
    {
        printer.info(format!(
            "sizes are measured on {} only, the node alacrity talks to; \
             point --host at another node's engine for its volumes",
            access.hostname(access.node_id())
        ));
    }
    note_unmanaged(&listing.unmanaged, printer);
    Ok(ExitStatus::Success)
}

fn listed(volume: &KnownVolume, access: &DataAccess) -> ListedVolume {
    ListedVolume {
        name: volume.name.clone(),
        label: volume.label.clone(),
        app: volume.app.clone(),
        node: access.hostname(&volume.node_id),
        status: match access.node_exists(&volume.node_id) {
            true => status(&volume.users),
            false => "node-gone",
        },
        used_by: volume.users.clone(),
        size_bytes: volume.size_bytes,
    }
}

fn nothing_listed(retained: bool) -> &'static str {
    if retained {
        "no retained volumes: every volume alacrity knows of is in use"
    } else {
        "no volumes: apps get one from a `label` in their spec's volumes"
    }
}

/// Volumes named like alacrity's that are not: said once, on stderr, so that nobody wonders
/// why `docker volume ls` shows more.
fn note_unmanaged(names: &[String], printer: &Printer) {
    if names.is_empty() {
        return;
    }
    printer.info(format!(
        "not listed: {} (named alacran--* but without alacrity's label \
         io.alacrity.managed=true, so not alacrity's: it neither lists nor removes them; \
         see `docker volume inspect {}`)",
        names.join(", "),
        names[0]
    ));
}

fn render(volumes: &[ListedVolume], with_size: bool) -> String {
    let mut header = vec!["NAME", "LABEL", "APP", "NODE", "STATUS", "USED BY"];
    if with_size {
        header.push("SIZE");
    }
    let rows = volumes
        .iter()
        .map(|volume| {
            let mut row = vec![
                volume.name.clone(),
                volume.label.clone(),
                volume.app.clone().unwrap_or_else(|| "-".into()),
                volume.node.clone(),
                volume.status.to_string(),
                used_by(&volume.used_by),
            ];
            if with_size {
                row.push(size_cell(volume.size_bytes));
            }
            row
        })
        .collect();
    table::render(&header, rows)
}
