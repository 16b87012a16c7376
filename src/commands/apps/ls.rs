//! `alacrity apps ls`: every deployed app with its image, instances, nodes and data, and why an
//! app that is not fully running is not.
//!
//! [`run`] reads the engine into a list of [`ListedApp`] (the view: plain data); [`render`]
//! prints it, as a table or JSON.

use serde::Serialize;

use crate::cli::AppsLsArgs;
use crate::commands::table;
use crate::core::health::AppHealth;
use crate::core::images;
use crate::core::nodes::Node;
use crate::core::nodes::hostname_of;
use crate::core::services::DeployedApp;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// One app in `apps ls --output json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ListedApp {
    pub name: String,
    /// The image as the spec wrote it (its tag), without the digest.
    pub image: String,
    /// The digest the image was pinned to at deploy (`sha256:...`), if it was.
    pub digest: Option<String>,
    pub persistent: bool,
    /// Desired instances.
    pub instances: u64,
    /// Instances running on nodes that are up.
    pub running: u64,
    /// The hostname of the node a persistent app is pinned to.
    pub node: Option<String>,
    /// A persistent app's pinned node; another app's nodes with a running instance.
    pub nodes: Vec<String>,
    /// Managed volume names (`alacran--LABEL`) and host paths.
    pub volumes: Vec<String>,
    /// Why fewer instances run than desired: the engine's reason, or a node that is down.
    pub reason: Option<String>,
    /// A persistent app running more than one instance (changed outside alacrity): several
    /// containers on one storage path corrupt its data. `alacrity deploy` corrects it.
    pub data_at_risk: bool,
}

pub async fn run(
    _args: &AppsLsArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let engine = engine.connect().await?;
    let (apps, nodes, health) = engine.apps_with_health().await?;
    crate::testhook::pause("apps-listed");
    let listed: Vec<ListedApp> = apps
        .iter()
        .zip(health)
        .map(|(app, health)| listed(app, health, &nodes))
        .collect();
    render(&listed, printer);
    Ok(ExitStatus::Success)
}

/// The apps, on stdout: a table, or JSON (with none, a note on stderr instead of the table).
pub fn render(apps: &[ListedApp], printer: &Printer) {
    if printer.is_json() {
        printer.json(&serde_json::json!({ "apps": apps }));
    } else if apps.is_empty() {
        printer.info("no apps deployed; deploy some with `alacrity deploy FILE`");
    } else {
        printer.data(table(apps));
    }
}

fn listed(deployed: &DeployedApp, health: AppHealth, nodes: &[Node]) -> ListedApp {
    let app = &deployed.app;
    ListedApp {
        name: app.name.clone(),
        image: images::without_digest(&app.image).to_string(),
        digest: images::digest_of(&app.image).map(String::from),
        persistent: app.persistent,
        instances: app.instances,
        running: health.running,
        node: deployed
            .pin
            .as_ref()
            .map(|pin| hostname_of(nodes, &pin.node_id)),
        nodes: health.nodes,
        volumes: app.volumes.iter().map(|v| v.source.to_string()).collect(),
        data_at_risk: app.persistent && health.running > 1,
        reason: health.reason,
    }
}

fn table(apps: &[ListedApp]) -> String {
    let rows = apps
        .iter()
        .map(|app| {
            vec![
                app.name.clone(),
                match &app.digest {
                    Some(digest) => format!("{}@{}", app.image, images::short_digest(digest)),
                    None => app.image.clone(),
                },
                if app.persistent { "yes" } else { "no" }.to_string(),
                format!("{}/{}", app.running, app.instances),
                or_dash(app.nodes.join(", ")),
                app.volumes.join(", "),
                status(app),
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
            "STATUS",
        ],
        rows,
    )
}

fn or_dash(text: String) -> String {
    if text.is_empty() { "-".into() } else { text }
}

/// `running`, `stopped` (0 instances wanted), or why not all instances run.
fn status(app: &ListedApp) -> String {
    if app.data_at_risk {
        return format!(
            "DATA AT RISK: {} containers of a persistent app on its data (changed outside \
             alacrity); `alacrity deploy` sets it back to 1",
            app.running
        );
    }
    match &app.reason {
        Some(reason) => reason.clone(),
        None if app.instances == 0 => "stopped".into(),
        None => "running".into(),
    }
}
