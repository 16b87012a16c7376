//! `alacrity binds ls [--retained] [--size]`: every recorded host directory, on every node, with
//! the app that used it, whether it exists, and who uses it now.
//!
//! [`run`] reads the engine and the host into a [`BindsView`]; [`render`] prints it, as a table
//! or JSON.

use serde::Serialize;

use crate::cli::BindsLsArgs;
use crate::commands::retained::{ListedUser, listed_users, size_cell, status, used_by};
use crate::commands::table;
use crate::core::records::BindRecord;
use crate::core::usage::Usage;
use crate::engine::Connector;
use crate::engine::DataAccess;
use crate::exit::ExitStatus;
use crate::hostdir;
use crate::printer::Printer;

/// What `binds ls` prints: plain data, no engine in it.
#[derive(Debug, Clone, Default)]
pub struct BindsView {
    pub dirs: Vec<ListedDir>,
    /// `--retained`: only the directories nothing uses (what to say when there are none).
    pub retained: bool,
    /// `--size`: a SIZE column.
    pub with_size: bool,
    /// Said on stderr after the list (what it cannot show, and why).
    pub notes: Vec<String>,
}

/// One directory in `binds ls --output json`.
#[derive(Debug, Clone, Serialize)]
pub struct ListedDir {
    pub path: String,
    /// The app that last used it.
    pub app: String,
    /// The hostname of the node whose directory it is.
    pub node: String,
    /// Whether something is at the path; `null` when alacrity cannot look (another node).
    pub exists: Option<bool>,
    /// `in-use` or `retained`.
    pub status: String,
    pub used_by: Vec<ListedUser>,
    /// Only with --size, for directories alacrity can look at.
    pub size_bytes: Option<u64>,
}

pub async fn run(
    args: &BindsLsArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let access = engine.connect_data(args.manager.manager.as_deref()).await?;
    let (records, usage) = tokio::try_join!(access.bind_records(), access.dir_usage())?;
    printer.detail(format!(
        "binds: {} record(s) of host directories read from the swarm",
        records.len()
    ));
    let dirs: Vec<ListedDir> = records
        .iter()
        .map(|record| listed(record, &usage, &access, args.size))
        .filter(|dir| !args.retained || dir.used_by.is_empty())
        .collect();
    let mut notes = Vec::new();
    if dirs.iter().any(|dir| dir.exists.is_none()) {
        notes.push(unknown_existence(&access));
    }
    let view = BindsView {
        dirs,
        retained: args.retained,
        with_size: args.size,
        notes,
    };
    render(&view, printer);
    Ok(ExitStatus::Success)
}

/// The view, on stdout (a table, or JSON), and its notes on stderr.
pub fn render(view: &BindsView, printer: &Printer) {
    if printer.is_json() {
        printer.json(&serde_json::json!({ "binds": view.dirs }));
    } else if view.dirs.is_empty() {
        printer.info(nothing_listed(view.retained));
    } else {
        printer.data(table(&view.dirs, view.with_size));
    }
    for note in &view.notes {
        printer.info(note);
    }
}

fn listed(record: &BindRecord, usage: &Usage, access: &DataAccess, with_size: bool) -> ListedDir {
    let visible = record.node_id == access.node_id() && access.on_node_machine();
    let users = usage.bind_users(&record.path, &record.node_id);
    ListedDir {
        path: record.path.display().to_string(),
        app: record.app.clone(),
        node: access.hostname(&record.node_id),
        exists: visible.then(|| hostdir::exists(&record.path)),
        status: match access.node_exists(&record.node_id) {
            true => status(&users),
            false => "node-gone",
        }
        .to_string(),
        used_by: listed_users(&users),
        size_bytes: (visible && with_size)
            .then(|| hostdir::size(&record.path))
            .flatten(),
    }
}

fn nothing_listed(retained: bool) -> &'static str {
    if retained {
        "no retained host directories: every recorded one is in use"
    } else {
        "no host directories recorded: apps record theirs when deployed with a `host_path`"
    }
}

fn unknown_existence(access: &DataAccess) -> String {
    let here = access.hostname(access.node_id());
    match access.elsewhere() {
        None => format!(
            "EXISTS shows `-` for directories of other nodes: alacrity looks only at this \
             machine, {here}'s"
        ),
        Some(why) => format!(
            "EXISTS shows `-`: alacrity looks only at the machine it runs on, and cannot tell \
             that it is {here}'s ({why})"
        ),
    }
}

fn table(dirs: &[ListedDir], with_size: bool) -> String {
    let mut header = vec!["PATH", "APP", "NODE", "EXISTS", "STATUS", "USED BY"];
    if with_size {
        header.push("SIZE");
    }
    let rows = dirs
        .iter()
        .map(|dir| {
            let mut row = vec![
                dir.path.clone(),
                dir.app.clone(),
                dir.node.clone(),
                match dir.exists {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "-",
                }
                .to_string(),
                dir.status.clone(),
                used_by(&dir.used_by),
            ];
            if with_size {
                row.push(size_cell(dir.size_bytes));
            }
            row
        })
        .collect();
    table::render(&header, rows)
}
