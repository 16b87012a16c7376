//! `alacrity binds rm PATH... [--yes] [--forget]`: delete recorded host directories that no one
//! uses, on the machine alacrity runs on, after asking; or, with `--forget`, drop their records
//! and keep the directories.
//!
//! Only recorded directories, of the node alacrity talks to, on the machine it runs on (a
//! directory is a node's: deleting it from another machine would delete something else). Every
//! target is checked first (see `hostdir` for the checks on disk); the ones that pass are listed
//! in one confirmation; a failure never stops the others and every one is reported (exit 1). A
//! directory already gone only has its record dropped, and counts as done.
//!
//! The user may take a while to answer, and an app may start using a directory meanwhile: right
//! before each deletion, who uses it is read again from the swarm (and the checks on disk run
//! again), and a directory now in use is refused and kept, with its record.

use std::path::{Path, PathBuf};

use anyhow::bail;
use serde::Serialize;

use crate::cli::BindsRmArgs;
use crate::commands::lock::locked;
use crate::commands::retained::{
    Failed, Target, confirm_deletion, human_size, in_use, print_failures, reach_hint,
};
use crate::core::records::BindRecord;
use crate::core::usage::Targets;
use crate::core::usage::Usage;
use crate::engine::Connector;
use crate::engine::DataAccess;
use crate::exit::{ExitStatus, InvalidInput};
use crate::hostdir::{self, DirState, quoted};
use crate::printer::Printer;
use crate::spec::paths::normalize_absolute;

/// What is done to one recorded directory.
#[derive(Debug, Clone)]
enum Step {
    Delete {
        record: BindRecord,
        size_bytes: u64,
    },
    /// Already gone from disk: only the record is left.
    Gone {
        record: BindRecord,
    },
    /// `--forget`: the record goes, the directory stays.
    Forget {
        record: BindRecord,
    },
}

impl Step {
    fn record(&self) -> &BindRecord {
        match self {
            Step::Delete { record, .. } | Step::Gone { record } | Step::Forget { record } => record,
        }
    }
}

/// One directory dealt with, in `binds rm --output json`.
#[derive(Debug, Serialize)]
struct Removed {
    path: String,
    node: String,
    result: Outcome,
    /// The bytes deleted, for `removed`.
    size_bytes: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Outcome {
    Removed,
    /// The directory was gone already: its record is dropped.
    AlreadyGone,
    /// `--forget`: the record is dropped, the directory kept.
    Forgotten,
}

#[derive(Debug, Serialize)]
struct Report {
    removed: Vec<Removed>,
    failed: Vec<Failed>,
}

/// What every check needs, read once.
struct Context<'a> {
    access: &'a DataAccess,
    usage: Usage,
    records: Vec<BindRecord>,
}

pub async fn run(
    args: &BindsRmArgs,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    let paths = absolute_paths(&args.paths)?;
    let access = engine.connect_data(args.manager.manager.as_deref()).await?;
    let context = Context {
        usage: access
            .settled_usage(Targets::Dirs(&paths), |containers| {
                printer.info(format!(
                    "waiting for the swarm to remove the containers of removed apps ({})",
                    containers.join(", ")
                ))
            })
            .await?,
        records: access.bind_records().await?,
        access: &access,
    };
    let (steps, refusals) = check_all(&paths, args.forget, &context);
    print_failures(&refusals, printer);
    if !confirmed(&steps, &access, yes, printer)? {
        bail!("nothing was deleted");
    }
    let mut report = Report {
        removed: Vec::new(),
        failed: refusals,
    };
    let refused = report.failed.len();
    // Under the swarm's lock: no deploy can start using a directory between the last check of
    // who uses it and its deletion.
    let performing = async {
        let mut results = Vec::new();
        for step in &steps {
            results.push(perform(step, &context).await.map_err(|err| {
                Failed::new(Target::Path(step.record().path.display().to_string()), &err)
            }));
        }
        Ok(results)
    };
    let results = match steps.is_empty() {
        true => Vec::new(),
        false => locked(access.manager(), engine, "binds rm", printer, performing).await?,
    };
    for result in results {
        match result {
            Ok(removed) => report.removed.push(removed),
            Err(failed) => report.failed.push(failed),
        }
    }
    print(&report, printer);
    print_failures(&report.failed[refused..], printer);
    Ok(match report.failed.is_empty() {
        true => ExitStatus::Success,
        false => ExitStatus::Failure,
    })
}

/// The step for every path that passes the checks, and the refusals of the others.
fn check_all(paths: &[PathBuf], forget: bool, context: &Context<'_>) -> (Vec<Step>, Vec<Failed>) {
    let mut steps = Vec::new();
    let mut refusals = Vec::new();
    for path in paths {
        match step_for(path, forget, context) {
            Ok(step) => steps.push(step),
            Err(err) => refusals.push(Failed::new(Target::Path(path.display().to_string()), &err)),
        }
    }
    (steps, refusals)
}

/// The paths given, normalized as records are (`/srv/x/` is `/srv/x`), each once. A relative
/// path is invalid input: a record is an absolute path.
fn absolute_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut clean: Vec<PathBuf> = Vec::new();
    for path in paths {
        let text = path.to_string_lossy();
        let normalized = normalize_absolute(&text).map_err(|problem| {
            InvalidInput(format!(
                "the path `{text}` {}: give each directory as `alacrity binds ls` shows it, \
                 e.g. /srv/app/data",
                problem.describe()
            ))
        })?;
        if !clean.contains(&normalized) {
            clean.push(normalized);
        }
    }
    Ok(clean)
}

/// What to do with one path, or why nothing may be done.
fn step_for(path: &Path, forget: bool, context: &Context<'_>) -> anyhow::Result<Step> {
    let access = context.access;
    let recorded: Vec<&BindRecord> = context.records.iter().filter(|r| r.path == path).collect();
    if recorded.is_empty() {
        bail!(
            "{} is not a recorded host directory: alacrity deletes only directories its apps \
             bind-mounted (recorded when they were deployed); `alacrity binds ls` lists them",
            path.display()
        );
    }
    let record = match recorded.iter().find(|r| r.node_id == access.node_id()) {
        Some(record) => (*record).clone(),
        None if forget && recorded.len() == 1 => recorded[0].clone(),
        None => return Err(elsewhere(path, &recorded, forget, access)),
    };
    let host = access.hostname(&record.node_id);
    let users = context.usage.bind_users(path, &record.node_id);
    if !users.is_empty() {
        bail!(in_use(&format!("{} on {host}", path.display()), &users));
    }
    if forget {
        return Ok(Step::Forget { record });
    }
    if let Some(why) = access.elsewhere() {
        bail!(
            "{} is a directory of {host}, and alacrity deletes directories on the machine it \
             runs on, which it cannot tell is {host}: {why}; {}",
            path.display(),
            reach_hint(access, &record.node_id, &rm_command(path), true)
        );
    }
    match hostdir::check(path, access.data_root())? {
        DirState::Missing => Ok(Step::Gone { record }),
        DirState::Removable { size_bytes } => Ok(Step::Delete { record, size_bytes }),
    }
}

/// The refusal for a directory recorded on other nodes only.
fn elsewhere(
    path: &Path,
    recorded: &[&BindRecord],
    forget: bool,
    access: &DataAccess,
) -> anyhow::Error {
    let nodes: Vec<String> = recorded
        .iter()
        .map(|r| access.hostname(&r.node_id))
        .collect();
    let command = match forget {
        true => format!("{} --forget", rm_command(path)),
        false => rm_command(path),
    };
    anyhow::anyhow!(
        "{} is recorded as a directory of {}, not of {} (the node alacrity talks to): each \
         node has its own; {}",
        path.display(),
        nodes.join(" and "),
        access.hostname(access.node_id()),
        reach_hint(access, &recorded[0].node_id, &command, !forget)
    )
}

fn rm_command(path: &Path) -> String {
    format!("binds rm {}", quoted(path))
}

/// Asks about the directories that would be deleted (none: nothing to ask).
fn confirmed(
    steps: &[Step],
    access: &DataAccess,
    yes: bool,
    printer: &Printer,
) -> anyhow::Result<bool> {
    let items: Vec<String> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Delete { record, size_bytes } => Some(format!(
                "{} ({}, last used by app {})",
                record.path.display(),
                human_size(*size_bytes),
                record.app
            )),
            _ => None,
        })
        .collect();
    if items.is_empty() {
        return Ok(true);
    }
    let one = items.len() == 1;
    let heading = format!(
        "{} deleted from {}, with everything in {}:",
        if one {
            "This directory will be"
        } else {
            "These directories will be"
        },
        access.hostname(access.node_id()),
        if one { "it" } else { "them" }
    );
    let question = if one { "Delete it?" } else { "Delete them?" };
    let paths: Vec<String> = steps
        .iter()
        .filter(|step| matches!(step, Step::Delete { .. }))
        .map(|step| step.record().path.display().to_string())
        .collect();
    let action = format!(
        "delete {} from {}",
        paths.join(", "),
        access.hostname(access.node_id())
    );
    confirm_deletion(&heading, &items, question, &action, yes, printer)
}

async fn perform(step: &Step, context: &Context<'_>) -> anyhow::Result<Removed> {
    let record = step.record();
    let (result, size_bytes) = match step {
        Step::Delete { .. } => match delete_unused(record, context.access).await? {
            DirState::Removable { size_bytes } => (Outcome::Removed, Some(size_bytes)),
            DirState::Missing => (Outcome::AlreadyGone, None),
        },
        Step::Gone { .. } => (Outcome::AlreadyGone, None),
        Step::Forget { .. } => {
            refuse_if_used(record, context.access).await?;
            (Outcome::Forgotten, None)
        }
    };
    context.access.forget_bind(record).await?;
    Ok(Removed {
        path: record.path.display().to_string(),
        node: context.access.hostname(&record.node_id),
        result,
        size_bytes,
    })
}

/// Deletes a recorded directory of this node if no one uses it now: who uses it is read again
/// (services and tasks of every node, containers of this one) right before deleting, since an
/// app may have started on it while the user read the question.
async fn delete_unused(record: &BindRecord, access: &DataAccess) -> anyhow::Result<DirState> {
    refuse_if_used(record, access).await?;
    hostdir::delete(&record.path, access.data_root())
}

/// Refuses a recorded directory that some app, service or container uses now.
async fn refuse_if_used(record: &BindRecord, access: &DataAccess) -> anyhow::Result<()> {
    let usage = access.dir_usage().await?;
    let users = usage.bind_users(&record.path, &record.node_id);
    if !users.is_empty() {
        let what = format!(
            "{} on {}, checked again after the question,",
            record.path.display(),
            access.hostname(&record.node_id)
        );
        bail!(in_use(&what, &users));
    }
    Ok(())
}

fn print(report: &Report, printer: &Printer) {
    if printer.is_json() {
        printer.json(report);
        return;
    }
    for removed in &report.removed {
        let (path, node) = (&removed.path, &removed.node);
        printer.data(match removed.result {
            Outcome::Removed => format!(
                "removed {path} from {node} ({})",
                human_size(removed.size_bytes.unwrap_or(0))
            ),
            Outcome::AlreadyGone => {
                format!("{path} was already gone from {node}; dropped its record")
            }
            Outcome::Forgotten => {
                format!("forgot {path} on {node}; the directory stays on disk, unrecorded")
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_like_records_and_must_be_absolute() {
        let given = ["/srv/x/", "//srv/x", "/srv/y"].map(PathBuf::from);
        assert_eq!(
            absolute_paths(&given).unwrap(),
            [PathBuf::from("/srv/x"), PathBuf::from("/srv/y")]
        );
        for bad in ["data", "/srv/../etc", "./x"] {
            let err = absolute_paths(&[PathBuf::from(bad)]).unwrap_err();
            assert!(err.is::<InvalidInput>(), "{bad}: {err}");
        }
    }
}
