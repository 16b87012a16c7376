//! `alacrity apps scale APP N [--monitor DURATION]`: set the number of instances of a deployed
//! app, and wait until that many run and no other still does.

use std::time::Duration;

use crate::cli::AppsScaleArgs;
use crate::commands::deploy::{progress_line, wait_error};
use crate::commands::lock::locked;
use crate::core::tasks::humanize;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// `apps scale --output json`.
#[derive(Debug, serde::Serialize)]
struct Scaled {
    name: String,
    instances: u64,
    running: u64,
}

/// How long scaling waits for the new instances, like deploy's default.
const TIMEOUT: Duration = Duration::from_secs(300);

pub async fn run(
    args: &AppsScaleArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let connector = engine;
    let engine = connector.connect().await?;
    let scaling = engine.scale(&args.app, args.instances);
    let (app, target) = locked(&engine, connector, "apps scale", printer, scaling).await?;
    printer.info(format!(
        "scaling {} to {} instance{}; waiting up to {} for them",
        app.name(),
        args.instances,
        if args.instances == 1 { "" } else { "s" },
        humanize(TIMEOUT)
    ));
    // One line per change, on stderr: where the app stands while it scales.
    let mut lines = printer.progress_lines();
    let progress = engine
        .wait(
            std::slice::from_ref(&target),
            TIMEOUT,
            args.monitor,
            |progress| {
                for app in progress {
                    lines.show(&app.name, progress_line(app));
                }
            },
        )
        .await?
        .map_err(wait_error)?;
    let running = progress.first().map_or(0, |p| p.running);
    match printer.is_json() {
        true => printer.json(&Scaled {
            name: app.name().to_string(),
            instances: args.instances,
            running,
        }),
        false => printer.data(format!(
            "{}: {running}/{} running",
            app.name(),
            args.instances
        )),
    }
    Ok(ExitStatus::Success)
}
