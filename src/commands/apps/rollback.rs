//! `alacrity apps rollback APP [--timeout DURATION] [--monitor DURATION]`: return an app to the
//! spec it ran before its last deploy (the swarm keeps it), and wait until it runs it.
//!
//! Refused, saying why, when there is none, when it is not alacrity's, or when it would pin a
//! persistent app to another node than the one its data is on. Rolling back twice returns to the
//! version rolled back from, as `docker service rollback` does (the swarm swaps the two specs).

use serde::Serialize;

use crate::cli::AppsRollbackArgs;
use crate::commands::lock::locked;
use crate::commands::rollback::{refusal_words, wait_for_returns};
use crate::core::nodes::hostname_of;
use crate::core::tasks::humanize;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// The result of `apps rollback -o json`.
#[derive(Debug, Serialize)]
struct RolledBack<'a> {
    name: &'a str,
    /// `rolled-back`.
    state: &'static str,
    instances: u64,
    running: u64,
}

pub async fn run(
    args: &AppsRollbackArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let connector = engine;
    let engine = connector.connect().await?;
    let rolling = engine.roll_back(&args.app);
    let (app, target) = match locked(&engine, connector, "apps rollback", printer, rolling).await? {
        Ok(started) => started,
        Err(refusal) => {
            let nodes = engine.nodes().await.unwrap_or_default();
            anyhow::bail!(refusal_words(&args.app, &refusal, |id| hostname_of(
                &nodes, id
            )));
        }
    };
    printer.info(format!(
        "rolling back {} to its previous version; waiting up to {} for it",
        app.name(),
        humanize(args.timeout)
    ));
    let instances = target.desired;
    let ends = wait_for_returns(
        &engine,
        std::slice::from_ref(&target),
        args.timeout,
        args.monitor,
        printer,
    )
    .await?;
    let running = match ends.into_iter().next() {
        Some(Ok(running)) => running,
        Some(Err(reason)) => anyhow::bail!(
            "the rollback of `{}` failed: {reason}\n  see its tasks with `alacrity apps ps {}`",
            app.name(),
            app.name()
        ),
        None => 0,
    };
    match printer.is_json() {
        true => printer.json(&RolledBack {
            name: app.name(),
            state: "rolled-back",
            instances,
            running,
        }),
        false => printer.data(format!(
            "{}: rolled back, {running}/{instances} running its previous version",
            app.name()
        )),
    }
    Ok(ExitStatus::Success)
}
