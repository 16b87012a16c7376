//! Deployed apps: swarm services that carry alacrity's labels. Reading them, and the writes
//! (create, update with the version index and retries, scale, remove).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use bollard::models::{Service, ServiceSpec, ServiceUpdateStatusStateEnum, Task};
use bollard::query_parameters::{ListContainersOptions, ListServicesOptions, UpdateServiceOptions};
use serde::Serialize;

use super::converge::{Target, humanize, is_live_state};
use super::mapping::{self, Pin};
use super::nodes::{Node, hostname_of};
use super::{Engine, describe, engine_error, is_conflict, labels};
use crate::exit::InvalidInput;
use crate::spec::{App, Port};

/// How long `remove_apps` waits for the removed services' containers to stop on every node
/// (a container has up to its 10 s grace period to stop).
const CONTAINERS_GONE_TIMEOUT: Duration = Duration::from_secs(60);

/// How often `remove_apps` looks again while it waits.
const GONE_POLL_INTERVAL: Duration = Duration::from_millis(250);

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
    pub(in crate::engine) service_id: String,
    #[serde(skip)]
    pub(in crate::engine) version: u64,
    #[serde(skip)]
    pub(in crate::engine) spec: ServiceSpec,
    /// When the service's last update started (to tell a new update's status from an old one).
    #[serde(skip)]
    pub(in crate::engine) update_started: Option<String>,
}

impl DeployedApp {
    pub fn name(&self) -> &str {
        &self.app.name
    }

    /// The hash of the spec it was deployed from.
    pub(in crate::engine) fn spec_hash(&self) -> Option<&str> {
        mapping::spec_hash(&self.spec)
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

impl Engine {
    /// Every service in the swarm by name: alacrity's read back as apps, the others as unmanaged.
    pub(in crate::engine) async fn all_services(&self) -> anyhow::Result<HashMap<String, Lookup>> {
        Ok(self.services_and_ports().await?.0)
    }

    /// Every service by name, and the ports each publishes (with its name), from one call.
    pub(in crate::engine) async fn services_and_ports(
        &self,
    ) -> anyhow::Result<(HashMap<String, Lookup>, Vec<(String, Port)>)> {
        let options = ListServicesOptions {
            status: Some(true),
            ..Default::default()
        };
        let services = self
            .docker
            .list_services(Some(options))
            .await
            .map_err(engine_error)
            .context("cannot list the swarm's services")?;
        let mut ports = Vec::new();
        let mut lookups = HashMap::new();
        for service in services {
            let Some(name) = service.spec.as_ref().and_then(|spec| spec.name.clone()) else {
                continue;
            };
            let endpoint = service.spec.as_ref().and_then(|s| s.endpoint_spec.as_ref());
            for port in mapping::read_ports(endpoint) {
                ports.push((name.clone(), port));
            }
            lookups.insert(name, lookup_of(service));
        }
        Ok((lookups, ports))
    }

    /// Every app alacrity deployed, by name.
    pub async fn apps(&self) -> anyhow::Result<Vec<DeployedApp>> {
        let mut apps: Vec<DeployedApp> = self
            .all_services()
            .await?
            .into_values()
            .filter_map(|lookup| match lookup {
                Lookup::Managed(app) => Some(*app),
                _ => None,
            })
            .collect();
        apps.sort_by(|a, b| a.app.name.cmp(&b.app.name));
        Ok(apps)
    }

    /// What is deployed under one app name.
    pub async fn app(&self, name: &str) -> anyhow::Result<Lookup> {
        Ok(self
            .all_services()
            .await?
            .remove(name)
            .unwrap_or(Lookup::Missing))
    }

    /// The app deployed under a name, or an error saying it is unknown or not alacrity's.
    pub async fn managed_app(&self, name: &str) -> anyhow::Result<DeployedApp> {
        match self.app(name).await? {
            Lookup::Managed(app) => Ok(*app),
            Lookup::Missing => bail!(
                "there is no app `{name}` in the swarm; `alacrity apps ls` lists the deployed apps"
            ),
            Lookup::Unmanaged => bail!(
                "the service `{name}` was not deployed by alacrity (it lacks the label {}=true), \
                 so alacrity leaves it alone; manage it with `docker service`",
                labels::MANAGED
            ),
        }
    }

    /// Creates a service. If one of the same name appeared since the plan was made (another
    /// client), nothing is written: the error is [`ChangedMeanwhile`], and the app must be
    /// planned again from the swarm as it is now.
    pub(in crate::engine) async fn create_service(
        &self,
        spec: ServiceSpec,
    ) -> anyhow::Result<(String, Vec<String>)> {
        let name = spec.name.clone().unwrap_or_default();
        match self.docker.create_service(spec, None).await {
            Ok(created) => Ok((
                created.id.unwrap_or_default(),
                created.warnings.unwrap_or_default(),
            )),
            Err(err) if is_conflict(&err) => Err(ChangedMeanwhile(name).into()),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot create the service `{name}`")),
        }
    }

    /// Updates a service from the version the plan read. When another client wrote it in
    /// between ("update out of sequence"), nothing is written: the error is
    /// [`ChangedMeanwhile`], and the app must be planned again (its pin rules included) from the
    /// service as it is now; re-sending the old plan's spec would undo the other write.
    pub(in crate::engine) async fn update_service(
        &self,
        current: &DeployedApp,
        spec: ServiceSpec,
    ) -> anyhow::Result<Vec<String>> {
        let name = current.name();
        let options = UpdateServiceOptions {
            version: current.version as i32,
            ..Default::default()
        };
        match self
            .docker
            .update_service(&current.service_id, spec, options, None)
            .await
        {
            Ok(response) => Ok(response.warnings.unwrap_or_default()),
            Err(err) if is_out_of_sequence(&err) => Err(ChangedMeanwhile(name.to_string()).into()),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot update the service `{name}`")),
        }
    }

    /// Sets the number of instances of an app, keeping everything else of its service.
    ///
    /// Its spec hash is recomputed as a deploy of the same app with that many instances would,
    /// so a later deploy of a spec that says so reports it unchanged.
    ///
    /// Returns the app as scaled, and the target to wait for.
    pub async fn scale(&self, name: &str, instances: u64) -> anyhow::Result<(DeployedApp, Target)> {
        let mut attempt = 0;
        loop {
            match self.scale_once(name, instances).await {
                Err(err) if is_changed_meanwhile(&err) && attempt + 1 < REPLAN_ATTEMPTS => {
                    attempt += 1;
                    tokio::time::sleep(retry_delay()).await;
                }
                result => return result,
            }
        }
    }

    /// `scale`, from one reading of the service.
    async fn scale_once(
        &self,
        name: &str,
        instances: u64,
    ) -> anyhow::Result<(DeployedApp, Target)> {
        let current = self.managed_app(name).await?;
        if current.app.persistent && instances > 1 {
            return Err(InvalidInput(format!(
                "`{name}` is a persistent app: it runs at most 1 instance, since several \
                 containers writing one storage path corrupt its data; \
                 use `alacrity apps scale {name} 1` (or 0 to stop it)"
            ))
            .into());
        }
        let mut spec = current.spec.clone();
        if let Some(replicated) = spec.mode.as_mut().and_then(|m| m.replicated.as_mut()) {
            replicated.replicas = Some(instances as i64);
        } else {
            bail!("the service `{name}` is not replicated, so it cannot be scaled");
        }
        let scaled = App {
            instances,
            ..current.app.clone()
        };
        let generated = mapping::service_spec(&scaled, current.pin.as_ref());
        if let (Some(labels), Some(hash)) = (spec.labels.as_mut(), mapping::spec_hash(&generated)) {
            labels.insert(labels::SPEC_HASH.into(), hash.to_string());
        }
        if current.app.persistent && instances > 0 && !current.app.volumes.is_empty() {
            let own = (
                &current.app,
                current.pin.as_ref(),
                Some(current.service_id.as_str()),
            );
            for result in self.wait_for_sole_writer(&[own], |_, _| {}).await? {
                result.with_context(|| format!("cannot scale `{name}`"))?;
            }
        }
        let known_tasks = self.task_ids(&current.service_id).await?;
        self.update_service(&current, spec).await?;
        let scaled = self.managed_app(name).await?;
        let mut target = Engine::target_now(&scaled, known_tasks);
        target.update_started = current.update_started.clone();
        Ok((scaled, target))
    }

    /// Removes apps' services (their volumes and host directories stay), each on its own: one
    /// that cannot be removed does not stop the others. Then waits (up to a minute) until their
    /// containers have stopped on every node, and are gone from this engine's node (so that
    /// their volumes are free to remove right after).
    ///
    /// Returns, for each removed app, where a container may still run: on a node that is down
    /// (it cannot say whether its container stopped, so it is not waited for), or one still
    /// stopping when the minute was up.
    pub async fn remove_apps(&self, apps: &[DeployedApp]) -> Vec<anyhow::Result<Vec<StillRuns>>> {
        let mut results = Vec::new();
        for app in apps {
            let result = self
                .docker
                .delete_service(&app.service_id)
                .await
                .map_err(engine_error)
                .with_context(|| format!("cannot remove the service `{}`", app.name()));
            results.push(result);
        }
        let removed: Vec<String> = apps
            .iter()
            .zip(&results)
            .filter(|(_, r)| r.is_ok())
            .map(|(app, _)| app.service_id.clone())
            .collect();
        let deadline = Instant::now() + CONTAINERS_GONE_TIMEOUT;
        let mut still_runs = self.wait_for_tasks_stopped(&removed, deadline).await;
        let local = removed
            .iter()
            .map(|id| self.wait_for_containers_gone(id, deadline));
        futures_util::future::join_all(local).await;
        apps.iter()
            .zip(results)
            .map(|(app, result)| {
                result.map(|()| still_runs.remove(&app.service_id).unwrap_or_default())
            })
            .collect()
    }

    /// Waits until no task of these (removed) services may still have a container on a node
    /// that is up, or until `deadline`. Every task is listed, whatever its service: a task
    /// filter naming a removed service is refused. Returns, by service, where a container may
    /// still run.
    async fn wait_for_tasks_stopped(
        &self,
        service_ids: &[String],
        deadline: Instant,
    ) -> HashMap<String, Vec<StillRuns>> {
        if service_ids.is_empty() {
            return HashMap::new();
        }
        loop {
            let (tasks, nodes) = tokio::join!(self.all_tasks(), self.nodes());
            let look = match (tasks, nodes) {
                (Ok(tasks), Ok(nodes)) => Ok(still_running(service_ids, &tasks, &nodes)),
                (Err(err), _) | (_, Err(err)) => Err(err),
            };
            let timed_out = Instant::now() >= deadline;
            match look {
                Ok(found) if timed_out || found.values().flatten().all(|s| s.node_down) => {
                    return found;
                }
                Err(err) if timed_out => {
                    let unknown = StillRuns {
                        node: "an unknown node".into(),
                        node_down: false,
                        why: format!("cannot list the swarm's tasks: {err:#}"),
                    };
                    return service_ids
                        .iter()
                        .map(|id| (id.clone(), vec![unknown.clone()]))
                        .collect();
                }
                _ => tokio::time::sleep(GONE_POLL_INTERVAL).await,
            }
        }
    }

    /// Waits (until `deadline`) until no container of a removed service is left on this
    /// engine's node. Best effort: the swarm removes them anyway, this only saves the user a
    /// retry of `volumes rm`.
    async fn wait_for_containers_gone(&self, service_id: &str, deadline: Instant) {
        let filters = HashMap::from([(
            "label".to_string(),
            vec![format!("com.docker.swarm.service.id={service_id}")],
        )]);
        let options = ListContainersOptions {
            all: true,
            filters: Some(filters),
            ..Default::default()
        };
        while Instant::now() < deadline {
            match self.docker.list_containers(Some(options.clone())).await {
                Ok(containers) if !containers.is_empty() => {
                    tokio::time::sleep(GONE_POLL_INTERVAL).await;
                }
                _ => return,
            }
        }
    }
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
fn still_running(
    service_ids: &[String],
    tasks: &[Task],
    nodes: &[Node],
) -> HashMap<String, Vec<StillRuns>> {
    let mut found: HashMap<String, Vec<StillRuns>> = HashMap::new();
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

fn lookup_of(service: Service) -> Lookup {
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

pub(in crate::engine) fn update_started(
    status: Option<&bollard::models::ServiceUpdateStatus>,
) -> Option<String> {
    let status = status?;
    match status.state {
        None | Some(ServiceUpdateStatusStateEnum::EMPTY) => None,
        Some(_) => status.started_at.clone(),
    }
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

/// 20 to 220 ms, different in each process and attempt (no randomness crate needed: the clock's
/// nanoseconds and the process id differ between concurrent writers).
pub fn retry_delay() -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let spread = (nanos ^ std::process::id().wrapping_mul(2_654_435_761)) % 200;
    Duration::from_millis(20 + u64::from(spread))
}

/// The engine's answer when the version index passed with an update is stale.
fn is_out_of_sequence(err: &bollard::errors::Error) -> bool {
    describe(err).contains("update out of sequence")
}

#[cfg(test)]
mod tests {
    use bollard::models::{TaskState, TaskStatus};

    use super::*;
    use crate::engine::nodes::tests::node;

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

    #[test]
    fn a_stale_version_is_recognised_and_other_errors_are_not() {
        let stale = bollard::errors::Error::DockerResponseServerError {
            status_code: 500,
            message: "rpc error: code = Unknown desc = update out of sequence".into(),
        };
        assert!(is_out_of_sequence(&stale));
        let other = bollard::errors::Error::DockerResponseServerError {
            status_code: 500,
            message: "rpc error: code = Unknown desc = something else".into(),
        };
        assert!(!is_out_of_sequence(&other));
    }
}
