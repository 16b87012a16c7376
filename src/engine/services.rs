//! Deployed apps' services: reading them, creating and updating them from the version read,
//! scaling, removing them and waiting until their containers are gone on every node.

use crate::core::services::*;

use super::{Engine, engine_error, is_conflict, is_out_of_sequence};
use crate::core::converge::Target;
use crate::core::labels;
use crate::core::mapping::{self};
use crate::exit::InvalidInput;
use crate::spec::{App, Port};
use anyhow::{Context, bail};
use bollard::auth::DockerCredentials;
use bollard::models::ServiceSpec;
use bollard::query_parameters::{ListContainersOptions, ListServicesOptions, UpdateServiceOptions};
use std::collections::HashMap;
use std::time::{Duration, Instant};

impl Engine {
    /// Every service in the swarm by name: alacrity's read back as apps, the others as unmanaged.
    pub(crate) async fn all_services(&self) -> anyhow::Result<HashMap<String, Lookup>> {
        Ok(self.services_and_ports().await?.0)
    }

    /// Every service by name, and the ports each publishes (with its name), from one call.
    pub(crate) async fn services_and_ports(
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
        managed_from(name, self.app(name).await?)
    }

    /// The apps deployed under these names, each or an error saying it is unknown or not
    /// alacrity's, from one listing of the services (not one per name). A failed listing fails
    /// every name.
    pub async fn managed_apps(&self, names: &[String]) -> Vec<anyhow::Result<DeployedApp>> {
        let services = match self.all_services().await {
            Ok(services) => services,
            Err(err) => {
                let err = format!("{err:#}");
                return names
                    .iter()
                    .map(|_| Err(anyhow::anyhow!("{err}")))
                    .collect();
            }
        };
        names
            .iter()
            .map(|name| {
                let lookup = services.get(name).cloned().unwrap_or(Lookup::Missing);
                managed_from(name, lookup)
            })
            .collect()
    }
}

/// The deployed app a lookup of `name` found, or an error saying it is unknown or not
/// alacrity's.
fn managed_from(name: &str, lookup: Lookup) -> anyhow::Result<DeployedApp> {
    match lookup {
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

impl Engine {
    /// Creates a service. If one of the same name appeared since the plan was made (another
    /// client), nothing is written: the error is [`ChangedMeanwhile`], and the app must be
    /// planned again from the swarm as it is now.
    /// `credentials`: for the nodes to pull its image (`X-Registry-Auth`).
    pub(crate) async fn create_service(
        &self,
        spec: ServiceSpec,
        credentials: Option<DockerCredentials>,
    ) -> anyhow::Result<(String, Vec<String>)> {
        let name = spec.name.clone().unwrap_or_default();
        match self.docker.create_service(spec, credentials).await {
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
    /// `credentials`: for the nodes to pull its image; without them, the swarm keeps those it
    /// was given last.
    pub(crate) async fn update_service(
        &self,
        current: &DeployedApp,
        spec: ServiceSpec,
        credentials: Option<DockerCredentials>,
    ) -> anyhow::Result<Vec<String>> {
        let name = current.name();
        let options = UpdateServiceOptions {
            version: current.version as i32,
            ..Default::default()
        };
        match self
            .docker
            .update_service(&current.service_id, spec, options, credentials)
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
        self.update_service(&current, spec, None).await?;
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

/// 20 to 220 ms, different in each process and attempt (no randomness crate needed: the clock's
/// nanoseconds and the process id differ between concurrent writers).
pub fn retry_delay() -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let spread = (nanos ^ std::process::id().wrapping_mul(2_654_435_761)) % 200;
    Duration::from_millis(20 + u64::from(spread))
}
