//! Deployed apps: swarm services that carry alacrity's labels. Reading them, and the writes
//! (create, update with the version index and retries, scale, remove).

use std::collections::HashMap;
use std::time::Duration;

use bollard::models::{Service, ServiceSpec, Task};
use serde::Serialize;

use super::labels;
use super::mapping::{self, Pin};
use super::nodes::{Node, hostname_of};
use super::tasks::{humanize, is_live_state, update_started};
use crate::spec::App;

/// How long `remove_apps` waits for the removed services' containers to stop on every node
/// (a container has up to its 10 s grace period to stop).
pub(crate) const CONTAINERS_GONE_TIMEOUT: Duration = Duration::from_secs(60);

/// How often `remove_apps` looks again while it waits.
pub(crate) const GONE_POLL_INTERVAL: Duration = Duration::from_millis(250);

/// How many times a command plans an app again when another client changed it in between.
pub const REPLAN_ATTEMPTS: usize = 5;

/// An app deployed by alacrity, read back from its service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeployedApp {
    /// The app as its service describes it (`node` is empty: see `pin`).
    pub app: App,
    /// The node a persistent app is pinned to.
    pub pin: Option<Pin>,
    /// Running tasks, as the swarm counts them.
    pub running: u64,
    /// Desired tasks, as the swarm counts them.
    pub desired: u64,
    #[serde(skip)]
    pub(crate) service_id: String,
    #[serde(skip)]
    pub(crate) version: u64,
    #[serde(skip)]
    pub(crate) spec: ServiceSpec,
    /// When the service's last update started (to tell a new update's status from an old one).
    #[serde(skip)]
    pub(crate) update_started: Option<String>,
}

impl DeployedApp {
    pub fn name(&self) -> &str {
        &self.app.name
    }

    /// The hash of the spec it was deployed from.
    pub(crate) fn spec_hash(&self) -> Option<&str> {
        mapping::spec_hash(&self.spec)
    }

    /// Whether its containers have a terminal (their logs are then raw bytes, not frames).
    pub(crate) fn has_tty(&self) -> bool {
        self.spec
            .task_template
            .as_ref()
            .and_then(|task| task.container_spec.as_ref())
            .and_then(|container| container.tty)
            .unwrap_or(false)
    }

    /// The logging driver its service names, if any (else each node's engine uses its default).
    pub fn log_driver(&self) -> Option<&str> {
        self.spec
            .task_template
            .as_ref()
            .and_then(|task| task.log_driver.as_ref())
            .and_then(|driver| driver.name.as_deref())
            .filter(|name| !name.is_empty())
    }
}

/// What stands under an app's name in the swarm.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// No service of that name.
    Missing,
    /// A service alacrity did not create: never touched.
    Unmanaged,
    Managed(Box<DeployedApp>),
}

/// Where a removed app's container may still run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StillRuns {
    /// The node's hostname.
    pub node: String,
    /// Its node is down or gone: nobody can say whether the container stopped.
    pub node_down: bool,
    /// In words: "down", "still stopping after 1m".
    pub why: String,
}

/// The tasks of these services whose container may still be on a node (assigned to one, in a
/// state from `new` to `running`), one per service and node (pure).
pub(crate) fn still_running(
    service_ids: &[String],
    tasks: &[Task],
    nodes: &[Node],
) -> HashMap<String, Vec<StillRuns>> {
    let mut found: HashMap<String, Vec<StillRuns>> = HashMap::new();
    // A set: linear in tasks + services, not their product.
    let service_ids: std::collections::HashSet<&String> = service_ids.iter().collect();
    for task in tasks {
        let (Some(service), Some(node_id)) = (task.service_id.as_ref(), task.node_id.as_deref())
        else {
            continue;
        };
        let state = task.status.as_ref().and_then(|status| status.state);
        if node_id.is_empty() || !service_ids.contains(service) || !is_live_state(state) {
            continue;
        }
        let node_down = nodes
            .iter()
            .find(|node| node.id == node_id)
            .is_none_or(|node| node.state != "ready");
        let why = match node_down {
            true => "down".to_string(),
            false => format!("still stopping after {}", humanize(CONTAINERS_GONE_TIMEOUT)),
        };
        let node = hostname_of(nodes, node_id);
        let on = found.entry(service.clone()).or_default();
        if !on.iter().any(|s| s.node == node) {
            on.push(StillRuns {
                node,
                node_down,
                why,
            });
        }
    }
    found.retain(|_, on| !on.is_empty());
    found
}

pub(crate) fn lookup_of(service: Service) -> Lookup {
    let Some(spec) = service.spec.clone() else {
        return Lookup::Unmanaged;
    };
    if !labels::is_managed(spec.labels.as_ref()) {
        return Lookup::Unmanaged;
    }
    let status = service.service_status.unwrap_or_default();
    Lookup::Managed(Box::new(DeployedApp {
        app: mapping::read_app(&spec),
        pin: mapping::read_pin(&spec),
        running: status.running_tasks.unwrap_or(0),
        desired: status.desired_tasks.unwrap_or(0),
        service_id: service.id.unwrap_or_default(),
        version: service.version.and_then(|v| v.index).unwrap_or(0),
        update_started: update_started(service.update_status.as_ref()),
        spec,
    }))
}

/// A service changed between reading it and writing it (another client wrote it): nothing was
/// written, and the app is to be planned again from the swarm as it is now.
#[derive(Debug, thiserror::Error)]
#[error(
    "app `{0}` was changed by another client while this command ran (nothing was written to \
     it); run the same command again: it starts from the swarm as it is now"
)]
pub struct ChangedMeanwhile(pub String);

/// Whether an error says the app changed meanwhile (see [`ChangedMeanwhile`]).
pub fn is_changed_meanwhile(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<ChangedMeanwhile>())
}

#[cfg(test)]
mod tests {
    use bollard::models::{TaskState, TaskStatus};

    use super::*;
    use crate::core::nodes::tests::node;

    fn task(service: &str, node: &str, state: TaskState) -> Task {
        Task {
            service_id: Some(service.into()),
            node_id: (!node.is_empty()).then(|| node.into()),
            desired_state: Some(TaskState::REMOVE),
            status: Some(TaskStatus {
                state: Some(state),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_removed_apps_container_still_runs_until_its_task_is_final_and_a_down_node_is_named() {
        let mut nodes = vec![node("n1", "node1"), node("n2", "node2")];
        nodes[1].state = "down".into();
        let removed = ["gone".to_string(), "db".to_string()];
        let tasks = [
            task("db", "n1", TaskState::RUNNING),
            task("db", "n1", TaskState::RUNNING),
            task("db", "n2", TaskState::RUNNING),
            task("db", "", TaskState::PENDING),
            task("db", "n1", TaskState::SHUTDOWN),
            task("gone", "n1", TaskState::COMPLETE),
            task("other", "n1", TaskState::RUNNING),
        ];
        let found = still_running(&removed, &tasks, &nodes);
        assert_eq!(found.len(), 1, "{found:?}");
        let db = &found["db"];
        assert_eq!(
            db.iter()
                .map(|s| (s.node.as_str(), s.node_down, s.why.as_str()))
                .collect::<Vec<_>>(),
            [
                ("node1", false, "still stopping after 1m"),
                ("node2", true, "down")
            ]
        );
    }
}
