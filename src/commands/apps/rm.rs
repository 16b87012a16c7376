//! `alacrity apps rm APP... [--yes]`: remove apps' services, and wait until their containers
//! have stopped on every node; their volumes and host directories are kept, and the command says
//! how to remove them. A container that may still run (its node is down, or it did not stop in
//! time) is named: for a persistent app that is an error, since it may still write to the data.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::cli::AppsRmArgs;
use crate::commands::lock::locked;
use crate::core::services::DeployedApp;
use crate::core::services::StillRuns;
use crate::engine::Connector;
use crate::engine::Engine;
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::spec::VolumeSource;
use crate::spec::model::label_of;

/// One removed app in `apps rm --output json`.
#[derive(Debug, Clone, Serialize)]
struct Removed {
    name: String,
    /// Managed volumes kept (`alacran--LABEL`).
    kept_volumes: Vec<String>,
    /// Host directories kept.
    kept_paths: Vec<String>,
    /// Where a container of the app may still run (none once they all stopped).
    still_runs: Vec<StillRuns>,
    /// Its secrets and configs, removed with it (a secret is not data): the swarm objects' names.
    removed_files: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Failed {
    name: String,
    error: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    removed: Vec<Removed>,
    failed: Vec<Failed>,
}

pub async fn run(
    args: &AppsRmArgs,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    let connector = engine;
    let engine = connector.connect().await?;
    let mut report = Report {
        removed: Vec::new(),
        failed: Vec::new(),
    };
    let found = find_apps(&engine, &args.apps, &mut report).await;
    // Unknown and unmanaged apps are reported before asking about the others.
    print_failures(&report.failed, printer);
    let reported = report.failed.len();
    if !found.is_empty() {
        let names: Vec<&str> = found.iter().map(DeployedApp::name).collect();
        let action = format!("remove {}", names.join(", "));
        if !printer.confirm(&question(&found), &action, yes)? {
            anyhow::bail!("not removed: nothing was changed");
        }
    }
    let data_at_risk = remove(&engine, connector, &found, printer, &mut report).await?;
    print(&report, printer);
    print_failures(&report.failed[reported..], printer);
    print_all_still_runs(&found, &report, printer);
    if found.len() > 1 && !printer.is_json() {
        printer.info(rm_summary(&report));
    }
    if report.failed.is_empty() && !data_at_risk {
        Ok(ExitStatus::Success)
    } else {
        Ok(ExitStatus::Failure)
    }
}

/// What may still run of each removed app, found by name once (not a scan per app).
fn print_all_still_runs(found: &[DeployedApp], report: &Report, printer: &Printer) {
    let by_name: HashMap<&str, &DeployedApp> = found.iter().map(|app| (app.name(), app)).collect();
    for removed in &report.removed {
        if let Some(app) = by_name.get(removed.name.as_str()) {
            print_still_runs(app, removed, printer);
        }
    }
}

/// Removes `found` under the lock, keeping their data, into `report`. Returns whether a
/// persistent app's container may still run (its data at risk).
async fn remove(
    engine: &Engine,
    connector: &Connector,
    found: &[DeployedApp],
    printer: &Printer,
    report: &mut Report,
) -> anyhow::Result<bool> {
    let removing = async {
        let results = engine.remove_apps(found).await;
        let gone: Vec<&str> = found
            .iter()
            .zip(&results)
            .filter(|(_, result)| result.is_ok())
            .map(|(app, _)| app.name())
            .collect();
        let files = engine.remove_unused_files(&gone).await;
        Ok((results, files))
    };
    let (results, files) = match found.is_empty() {
        true => (Vec::new(), Ok(Vec::new())),
        false => locked(engine, connector, "apps rm", printer, removing).await?,
    };
    let files = files.unwrap_or_else(|err| {
        printer.warn(format!(
            "the apps are removed, but not their secrets and configs: {err:#}; run the same \
             command again to remove them"
        ));
        Vec::new()
    });
    let mut data_at_risk = false;
    // By app once: linear in apps + objects.
    let mut removed_files: HashMap<&str, Vec<String>> = HashMap::new();
    for object in &files {
        removed_files
            .entry(object.app.as_str())
            .or_default()
            .push(object.name.clone());
    }
    for (app, result) in found.iter().zip(results) {
        match result {
            Ok(still_runs) => {
                data_at_risk |= app.app.persistent && !still_runs.is_empty();
                let mut removed = kept(app, still_runs);
                removed.removed_files = removed_files.remove(app.name()).unwrap_or_default();
                report.removed.push(removed);
            }
            Err(err) => report.failed.push(failed(app.name(), &err)),
        }
    }
    Ok(data_at_risk)
}

/// `deploy --prune`: removes the apps its specs left out (confirmed before the deploy), as
/// `apps rm` does. Prints what was removed and kept unless the output is JSON (the deploy's
/// report carries it then). Returns the report and whether a failure or a persistent app's
/// container that may still run makes it a failure.
pub(crate) async fn prune(
    engine: &Engine,
    connector: &Connector,
    apps: &[DeployedApp],
    printer: &Printer,
) -> anyhow::Result<(Report, bool)> {
    let mut report = Report::default();
    let data_at_risk = remove(engine, connector, apps, printer, &mut report).await?;
    if !printer.is_json() {
        print(&report, printer);
    }
    print_failures(&report.failed, printer);
    print_all_still_runs(apps, &report, printer);
    let failed = !report.failed.is_empty() || data_at_risk;
    Ok((report, failed))
}

/// The apps that exist and are alacrity's; the others go to the failures (the rest still goes).
/// One listing of the services, whatever the number of apps.
async fn find_apps(engine: &Engine, names: &[String], report: &mut Report) -> Vec<DeployedApp> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for (name, app) in names.iter().zip(engine.managed_apps(names).await) {
        match app {
            Ok(app) if seen.insert(name.as_str()) => found.push(app),
            Ok(_) => {}
            Err(err) => report.failed.push(failed(name, &err)),
        }
    }
    found
}

/// `500 apps removed; 250 volumes kept`, after the lines of many apps: how it ended, in one
/// line.
fn rm_summary(report: &Report) -> String {
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    let mut parts = vec![format!("{} removed", plural(report.removed.len(), "app"))];
    let volumes: usize = report.removed.iter().map(|r| r.kept_volumes.len()).sum();
    let paths: usize = report.removed.iter().map(|r| r.kept_paths.len()).sum();
    if volumes > 0 {
        parts.push(format!("{} kept", plural(volumes, "volume")));
    }
    if paths > 0 {
        let paths = match paths {
            1 => "1 host directory".to_string(),
            n => format!("{n} host directories"),
        };
        parts.push(format!("{paths} kept"));
    }
    if !report.failed.is_empty() {
        parts.push(format!(
            "{} not removed",
            plural(report.failed.len(), "app")
        ));
    }
    parts.join("; ")
}

/// Up to this many names in the question; beyond, the first ones and how many more.
const NAMES_ASKED: usize = 10;

pub(crate) fn question(apps: &[DeployedApp]) -> String {
    let names: Vec<String> = apps.iter().map(|app| app.name().to_string()).collect();
    if apps.len() == 1 {
        format!(
            "Remove app {}? Its volumes and host directories are kept.",
            names[0]
        )
    } else {
        format!(
            "Remove {} apps ({})? Their volumes and host directories are kept.",
            apps.len(),
            crate::commands::some_names(&names, NAMES_ASKED)
        )
    }
}

fn kept(app: &DeployedApp, still_runs: Vec<StillRuns>) -> Removed {
    let mut removed = Removed {
        name: app.name().to_string(),
        kept_volumes: Vec::new(),
        kept_paths: Vec::new(),
        still_runs,
        removed_files: Vec::new(),
    };
    for volume in &app.app.volumes {
        match &volume.source {
            VolumeSource::Label(_) => removed.kept_volumes.push(volume.source.to_string()),
            VolumeSource::HostPath(path) => removed.kept_paths.push(path.display().to_string()),
        }
    }
    removed
}

fn failed(name: &str, err: &anyhow::Error) -> Failed {
    Failed {
        name: name.to_string(),
        error: format!("{err:#}"),
    }
}

fn print(report: &Report, printer: &Printer) {
    if printer.is_json() {
        printer.json(report);
        return;
    }
    for removed in &report.removed {
        printer.data(format!("removed {}", removed.name));
        if !removed.removed_files.is_empty() {
            printer.info(format!(
                "  and its secrets and configs: {}",
                removed.removed_files.join(", ")
            ));
        }
        print_kept(removed, printer);
    }
}

fn print_failures(failures: &[Failed], printer: &Printer) {
    for failed in failures {
        printer.error(&anyhow::anyhow!(
            "cannot remove `{}`: {}",
            failed.name,
            failed.error
        ));
    }
}

/// Where a removed app's container may still run, plainly: an error for a persistent app (it may
/// still write to its data, and a copy started elsewhere would not see those writes), a warning
/// for another.
fn print_still_runs(app: &DeployedApp, removed: &Removed, printer: &Printer) {
    if removed.still_runs.is_empty() {
        return;
    }
    let name = app.name();
    let mut nodes: Vec<String> = removed
        .still_runs
        .iter()
        .map(|s| format!("{} ({})", s.node, s.why))
        .collect();
    nodes.dedup();
    let node = &removed.still_runs[0].node;
    let check = format!("check with `docker node ps {node}`");
    if app.app.persistent {
        printer.error(&anyhow::anyhow!(
            "app {name}: a container may still run on {}; do not start it elsewhere until \
             that node is back and the container is gone, since it may still write to the \
             app's data; {check}",
            nodes.join(", ")
        ));
    } else {
        printer.warn(format!(
            "app {name}: a container may still run on {}; it stops once the node is back; {check}",
            nodes.join(", ")
        ));
    }
}

/// What stays, and the exact commands that would remove it.
fn print_kept(removed: &Removed, printer: &Printer) {
    for volume in &removed.kept_volumes {
        let label = label_of(volume).unwrap_or(volume);
        printer.data(format!(
            "  kept volume {volume}; to remove it: alacrity volumes rm {label}"
        ));
    }
    for path in &removed.kept_paths {
        // Quoted when needed, so that the command can be pasted as is.
        let word = crate::hostdir::quoted(std::path::Path::new(path));
        printer.data(format!(
            "  kept host directory {path}; to remove it: alacrity binds rm {word}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(name: &str, volumes: usize) -> Removed {
        Removed {
            name: name.into(),
            kept_volumes: (0..volumes)
                .map(|i| format!("alacran--{name}-{i}"))
                .collect(),
            kept_paths: Vec::new(),
            still_runs: Vec::new(),
            removed_files: Vec::new(),
        }
    }

    #[test]
    fn many_apps_removed_end_with_one_line_that_counts_them() {
        let report = Report {
            removed: (0..500).map(|i| removed(&format!("s{i}"), i % 2)).collect(),
            failed: vec![Failed {
                name: "nope".into(),
                error: "there is no app `nope`".into(),
            }],
        };
        assert_eq!(
            rm_summary(&report),
            "500 apps removed; 250 volumes kept; 1 app not removed"
        );
    }
}
