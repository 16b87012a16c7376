//! `alacrity apps rm APP... [--yes]`: remove apps' services; their volumes and host directories
//! are kept, and the command says how to remove them.

use serde::Serialize;

use crate::cli::AppsRmArgs;
use crate::commands::confirm;
use crate::commands::lock::locked;
use crate::engine::{Connector, DeployedApp, Engine};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::spec::VolumeSource;
use crate::spec::model::label_of;

/// One removed app in `apps rm --output json`.
#[derive(Debug, Serialize)]
struct Removed {
    name: String,
    /// Managed volumes kept (`alacran--LABEL`).
    kept_volumes: Vec<String>,
    /// Host directories kept.
    kept_paths: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Failed {
    name: String,
    error: String,
}

#[derive(Debug, Serialize)]
struct Report {
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
        if !confirm::confirm(&question(&found), &action, yes)? {
            anyhow::bail!("not removed: nothing was changed");
        }
    }
    let removing = async { Ok(engine.remove_apps(&found).await) };
    let results = match found.is_empty() {
        true => Vec::new(),
        false => locked(&engine, connector, "apps rm", printer, removing).await?,
    };
    for (app, result) in found.iter().zip(results) {
        match result {
            Ok(()) => report.removed.push(kept(app)),
            Err(err) => report.failed.push(failed(app.name(), &err)),
        }
    }
    print(&report, printer);
    print_failures(&report.failed[reported..], printer);
    if report.failed.is_empty() {
        Ok(ExitStatus::Success)
    } else {
        Ok(ExitStatus::Failure)
    }
}

/// The apps that exist and are alacrity's; the others go to the failures (the rest still goes).
async fn find_apps(engine: &Engine, names: &[String], report: &mut Report) -> Vec<DeployedApp> {
    let mut found = Vec::new();
    for name in names {
        match engine.managed_app(name).await {
            Ok(app) if !found.iter().any(|f: &DeployedApp| f.name() == name) => found.push(app),
            Ok(_) => {}
            Err(err) => report.failed.push(failed(name, &err)),
        }
    }
    found
}

fn question(apps: &[DeployedApp]) -> String {
    let names: Vec<&str> = apps.iter().map(DeployedApp::name).collect();
    if apps.len() == 1 {
        format!(
            "Remove app {}? Its volumes and host directories are kept.",
            names[0]
        )
    } else {
        format!(
            "Remove apps {}? Their volumes and host directories are kept.",
            names.join(", ")
        )
    }
}

fn kept(app: &DeployedApp) -> Removed {
    let mut removed = Removed {
        name: app.name().to_string(),
        kept_volumes: Vec::new(),
        kept_paths: Vec::new(),
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
