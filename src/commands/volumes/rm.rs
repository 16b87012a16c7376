//! `alacrity volumes rm NAME|LABEL... [--yes]`: delete managed volumes that no one uses, from the
//! node alacrity talks to, after asking.
//!
//! Every target is checked first (alacrity's, on this node, not in use); the ones that pass are
//! listed in one confirmation; a failure of one target never stops the others, and every
//! failure is reported (exit 1). A volume already gone but still recorded on this node (an
//! interrupted removal) only has its record dropped, and counts as done (exit 0). A name alacrity
//! has no trace of fails like `docker volume rm` does (exit 1).

use serde::Serialize;

use crate::cli::VolumesRmArgs;
use crate::commands::lock::locked;
use crate::commands::retained::{Failed, Target, confirm_deletion, print_failures, volume_refusal};
use crate::core::records::VolumeRecord;
use crate::core::usage::Targets;
use crate::core::usage::Usage;
use crate::core::volumes::{VolumeRefusal, VolumeRemoval};
use crate::engine::Connector;
use crate::engine::DataAccess;
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::Printer;
use crate::spec::label_problem;
use crate::spec::model::{label_of, volume_name};

/// One volume dealt with, in `volumes rm --output json`.
#[derive(Debug, Serialize)]
struct Removed {
    name: String,
    label: String,
    node: String,
    result: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Outcome {
    Removed,
    /// The volume was gone already: only its record was left, and is dropped.
    AlreadyGone,
    /// `--forget`: the record is dropped, the volume kept.
    Forgotten,
}

#[derive(Debug, Serialize)]
struct Report {
    removed: Vec<Removed>,
    failed: Vec<Failed>,
}

pub async fn run(
    args: &VolumesRmArgs,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    let labels = labels_of(&args.names)?;
    let access = engine.connect_data(args.manager.manager.as_deref()).await?;
    let names: Vec<String> = labels.iter().map(|label| volume_name(label)).collect();
    let usage = access
        .settled_usage(Targets::Volumes(&names), |containers| {
            printer.info(format!(
                "waiting for the swarm to remove the containers of removed apps ({})",
                containers.join(", ")
            ))
        })
        .await?;
    let records = access.volume_records().await?;
    let (checked, refusals) = check_all(&access, &labels, &usage, &records, args.forget).await;
    print_failures(&refusals, printer);
    if !confirmed(&checked, &access, yes, printer)? {
        anyhow::bail!("nothing was deleted");
    }
    let mut report = Report {
        removed: Vec::new(),
        failed: refusals,
    };
    let refused = report.failed.len();
    // Under the swarm's lock, who uses what is read again and every volume checked again right
    // before it goes: a deploy that started meanwhile either finished (and its app is a user
    // now) or waits until this is done (and records the volume it creates).
    let labels: Vec<String> = checked.iter().map(|c| c.label().to_string()).collect();
    let results = locked(access.manager(), engine, "volumes rm", printer, async {
        let (usage, records) = tokio::try_join!(access.usage(), access.volume_records())?;
        let (checked, refused) = check_all(&access, &labels, &usage, &records, args.forget).await;
        let mut results: Vec<Result<Removed, Failed>> = refused.into_iter().map(Err).collect();
        crate::testhook::pause("volumes-rm-checked");
        for removal in checked {
            let result = access.remove_volume(&removal, &records).await;
            results.push(match result {
                Ok(gone) => Ok(removed(&removal, gone, &access)),
                Err(err) => Err(Failed::new(Target::Name(removal.name()), &err)),
            });
        }
        Ok(results)
    })
    .await?;
    for result in results {
        match result {
            Ok(done) => report.removed.push(done),
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

/// The removal of every label that passes the checks, and the refusals of the others.
async fn check_all(
    access: &DataAccess,
    labels: &[String],
    usage: &Usage,
    records: &[VolumeRecord],
    forget: bool,
) -> (Vec<VolumeRemoval>, Vec<Failed>) {
    let mut checked = Vec::new();
    let mut refusals = Vec::new();
    for label in labels {
        let removal = match forget {
            true => access.volume_forgetting(label, usage, records),
            false => access.volume_removal(label, usage, records).await,
        };
        match removal {
            Ok(removal) => checked.push(removal),
            Err(err) => {
                let target = Target::Name(volume_name(label));
                refusals.push(match err.downcast_ref::<VolumeRefusal>() {
                    Some(refusal) => Failed {
                        target,
                        error: volume_refusal(refusal, access),
                    },
                    None => Failed::new(target, &err),
                });
            }
        }
    }
    (checked, refusals)
}

/// The labels of the names given (a label or `alacran--LABEL`), each once; a name no label
/// could make is invalid input.
fn labels_of(names: &[String]) -> anyhow::Result<Vec<String>> {
    let mut labels: Vec<String> = Vec::new();
    for name in names {
        let label = label_of(name).unwrap_or(name);
        if let Some(problem) = label_problem(label) {
            return Err(InvalidInput(format!(
                "`{name}` cannot be an alacrity volume: the label `{label}` {problem}; \
                 `alacrity volumes ls` lists the volumes by name and label"
            ))
            .into());
        }
        if !labels.iter().any(|seen| seen == label) {
            labels.push(label.to_string());
        }
    }
    Ok(labels)
}

/// Asks about the volumes that would be deleted (none: nothing to ask).
fn confirmed(
    checked: &[VolumeRemoval],
    access: &DataAccess,
    yes: bool,
    printer: &Printer,
) -> anyhow::Result<bool> {
    let items: Vec<String> = checked
        .iter()
        .filter_map(|removal| match removal {
            VolumeRemoval::Delete { app: Some(app), .. } => {
                Some(format!("{} (last used by app {app})", removal.name()))
            }
            VolumeRemoval::Delete { app: None, .. } => Some(removal.name()),
            VolumeRemoval::Gone { .. } | VolumeRemoval::Forget { .. } => None,
        })
        .collect();
    if items.is_empty() {
        return Ok(true);
    }
    let heading = format!(
        "{} deleted from {}, with all the data in {}:",
        if items.len() == 1 {
            "This volume will be"
        } else {
            "These volumes will be"
        },
        access.hostname(access.node_id()),
        if items.len() == 1 { "it" } else { "them" }
    );
    let question = if items.len() == 1 {
        "Delete it?"
    } else {
        "Delete them?"
    };
    let names: Vec<String> = checked
        .iter()
        .filter(|removal| matches!(removal, VolumeRemoval::Delete { .. }))
        .map(VolumeRemoval::name)
        .collect();
    let action = format!(
        "delete {} {} from {}",
        if names.len() == 1 {
            "volume"
        } else {
            "volumes"
        },
        names.join(", "),
        access.hostname(access.node_id())
    );
    confirm_deletion(&heading, &items, question, &action, yes, printer)
}

fn removed(removal: &VolumeRemoval, gone: bool, access: &DataAccess) -> Removed {
    let (node, result) = match removal {
        VolumeRemoval::Forget { node_id, .. } => (node_id.as_str(), Outcome::Forgotten),
        _ if gone => (access.node_id(), Outcome::AlreadyGone),
        _ => (access.node_id(), Outcome::Removed),
    };
    Removed {
        name: removal.name(),
        label: removal.label().to_string(),
        node: access.hostname(node),
        result,
    }
}

fn print(report: &Report, printer: &Printer) {
    if printer.is_json() {
        printer.json(report);
        return;
    }
    for removed in &report.removed {
        printer.data(match removed.result {
            Outcome::Removed => format!("removed volume {} from {}", removed.name, removed.node),
            Outcome::AlreadyGone => format!(
                "volume {} was already gone from {}; dropped its record",
                removed.name, removed.node
            ),
            Outcome::Forgotten => format!(
                "forgot volume {} on {}; the volume itself is kept, unrecorded",
                removed.name, removed.node
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_full_names_are_the_same_volume() {
        let names = ["my-volume", "alacran--my-volume", "other"].map(String::from);
        assert_eq!(labels_of(&names).unwrap(), ["my-volume", "other"]);
    }

    #[test]
    fn a_name_no_label_makes_is_invalid_input() {
        for bad in ["alacran--", "x", "-x", "a/b"] {
            let err = labels_of(&[bad.to_string()]).unwrap_err();
            assert!(err.is::<InvalidInput>(), "{bad}: {err}");
            assert!(err.to_string().contains("volumes ls"), "{err}");
        }
    }
}
