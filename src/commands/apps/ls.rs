//! `alacrity apps ls`: every deployed app with its image, instances, pinned node and data.

use serde::Serialize;

use crate::cli::AppsLsArgs;
use crate::commands::table;
use crate::engine::{Connector, DeployedApp, Node, hostname_of};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// One app in `apps ls --output json`.
#[derive(Debug, Serialize, PartialEq)]
pub struct ListedApp {
    pub name: String,
    pub image: String,
    pub persistent: bool,
    /// Desired instances.
    pub instances: u64,
    pub running: u64,
    /// The hostname of the node a persistent app is pinned to.
    pub node: Option<String>,
    /// Managed volume names (`alacran--LABEL`) and host paths.
    pub volumes: Vec<String>,
}

pub async fn run(
    _args: &AppsLsArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let engine = engine.connect().await?;
    let (apps, nodes) = tokio::try_join!(engine.apps(), engine.nodes())?;
    let listed: Vec<ListedApp> = apps.iter().map(|app| listed(app, &nodes)).collect();
    if printer.is_json() {
        printer.json(&listed);
    } else if listed.is_empty() {
        printer.info("no apps deployed; deploy some with `alacrity deploy FILE`");
    } else {
        printer.data(render(&listed));
    }
    Ok(ExitStatus::Success)
}

fn listed(deployed: &DeployedApp, nodes: &[Node]) -> ListedApp {
    let app = &deployed.app;
    ListedApp {
        name: app.name.clone(),
        image: app.image.clone(),
        persistent: app.persistent,
        instances: app.instances,
        running: deployed.running,
        node: deployed
            .pin
            .as_ref()
            .map(|pin| hostname_of(nodes, &pin.node_id)),
        volumes: app.volumes.iter().map(|v| v.source.to_string()).collect(),
    }
}

fn render(apps: &[ListedApp]) -> String {
    let rows = apps
        .iter()
        .map(|app| {
            vec![
                app.name.clone(),
                app.image.clone(),
                if app.persistent { "yes" } else { "no" }.to_string(),
                format!("{}/{}", app.running, app.instances),
                app.node.clone().unwrap_or_else(|| "-".into()),
                app.volumes.join(", "),
            ]
        })
        .collect();
    table::render(
        &[
            "NAME",
            "IMAGE",
            "PERSISTENT",
            "INSTANCES",
            "NODE",
            "VOLUMES",
        ],
        rows,
    )
}
