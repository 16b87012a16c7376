//! `alacrity volumes ls [--retained] [--size]`: every managed volume alacrity knows of, on
//! every node, with the app that used it and who uses it now.
//!
//! [`run`] reads the engine into a [`VolumesView`]; [`render`] prints it, as a table or JSON.

use serde::Serialize;

use crate::cli::VolumesLsArgs;
use crate::commands::retained::{ListedUser, listed_users, size_cell, status, used_by};
use crate::commands::table;
use crate::core::volumes::KnownVolume;
use crate::engine::Connector;
use crate::engine::DataAccess;
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// What `volumes ls` prints: plain data, no engine in it.
#[derive(Debug, Clone, Default)]
pub struct VolumesView {
    pub volumes: Vec<ListedVolume>,
    /// `--retained`: only the volumes nothing uses (what to say when there are none).
    pub retained: bool,
    /// `--size`: a SIZE column.
    pub with_size: bool,
    /// Said on stderr after the list (what it does not show, and why).
    pub notes: Vec<String>,
}

/// One volume in `volumes ls --output json`.
#[derive(Debug, Clone, Serialize)]
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
    pub status: String,
    pub used_by: Vec<ListedUser>,
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
    printer.detail(format!(
        "volumes: {} managed volume(s) from the records and {}'s engine, {} unmanaged \
         alacran-- volume(s) there",
        listing.volumes.len(),
        access.hostname(access.node_id()),
        listing.unmanaged.len()
    ));
    let mut view = VolumesView {
        volumes: listing
            .volumes
            .iter()
            .filter(|volume| !args.retained || volume.users.is_empty())
            .map(|volume| listed(volume, &access))
            .collect(),
        retained: args.retained,
        with_size: args.size,
        notes: Vec::new(),
    };
    if args.size
        && listing
            .volumes
            .iter()
            .any(|v| v.node_id != access.node_id())
    {
        view.notes.push(format!(
            "sizes are measured on {} only, the node alacrity talks to; \
             point --host at another node's engine for its volumes",
            access.hostname(access.node_id())
        ));
    }
    view.notes.extend(unmanaged_note(&listing.unmanaged));
    render(&view, printer);
    Ok(ExitStatus::Success)
}

/// The view, on stdout (a table, or JSON), and its notes on stderr.
pub fn render(view: &VolumesView, printer: &Printer) {
    if printer.is_json() {
        printer.json(&serde_json::json!({ "volumes": view.volumes }));
    } else if view.volumes.is_empty() {
        printer.info(nothing_listed(view.retained));
    } else {
        printer.data(table(&view.volumes, view.with_size));
    }
    for note in &view.notes {
        printer.info(note);
    }
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
        }
        .to_string(),
        used_by: listed_users(&volume.users),
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
fn unmanaged_note(names: &[String]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    Some(format!(
        "not listed: {} (named alacran--* but without alacrity's label \
         io.alacrity.managed=true, so not alacrity's: it neither lists nor removes them; \
         see `docker volume inspect {}`)",
        names.join(", "),
        names[0]
    ))
}

fn table(volumes: &[ListedVolume], with_size: bool) -> String {
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
                volume.status.clone(),
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
