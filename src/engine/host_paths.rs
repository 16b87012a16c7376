//! Host paths looked at on a node, without running anything there.
//!
//! The engine refuses a bind mount whose source does not resolve before it looks for the image.
//! A probe mounts `PATH/.` (which resolves only for a directory) from an image that never
//! exists (`sha256:` and zeros), so the engine's answer says what the path is, and nothing is
//! pulled, created or run:
//! - on the node of the engine alacrity talks to, a container create, refused either way;
//! - on another node, a swarm job pinned to it, whose one task the node rejects either way
//!   (the node skips pulling an image named by digest). The job is removed at once; one left
//!   by a killed alacrity is removed by the next probe.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use bollard::errors::Error;
use bollard::models::{
    ContainerCreateBody, HostConfig, Mount, MountType, ServiceSpec, ServiceSpecMode,
    ServiceSpecModeReplicatedJob, TaskSpec, TaskSpecContainerSpec, TaskSpecPlacement,
    TaskSpecRestartPolicy, TaskSpecRestartPolicyConditionEnum, TaskState,
};
use bollard::query_parameters::{ListServicesOptions, ListTasksOptions, RemoveContainerOptions};
use futures_util::future::join_all;

use super::error::{engine_error, probe_state};
use super::lock::now;
use super::{Engine, machine};
use crate::core::host_paths::{PathState, probe_source};
use crate::core::labels;

/// An image that no engine has: a digest of zeros.
const PROBE_IMAGE: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
/// Where a probe mounts the path (never used: nothing runs).
const PROBE_TARGET: &str = "/alacrity-probe";
/// How long a node has to reject a probe's task (it does so within a second when it is up).
const PROBE_TIMEOUT: Duration = Duration::from_secs(20);
const PROBE_POLL: Duration = Duration::from_millis(100);
/// A probe job older than this was left by an alacrity that was killed.
const STALE_PROBE_SECS: u64 = 120;

impl Engine {
    /// Why this engine's node is not this machine, as far as alacrity can tell (`None`: it is).
    pub async fn elsewhere(&self) -> anyhow::Result<Option<String>> {
        let data_root = self.data_root().await?;
        let node_id = self.local_node_id().await?;
        Ok(machine::elsewhere(data_root.as_deref(), node_id))
    }

    /// What node `node_id` says of each of `paths` (normalized, absolute).
    pub async fn host_path_states(
        &self,
        node_id: &str,
        paths: &[PathBuf],
    ) -> anyhow::Result<Vec<PathState>> {
        let own = node_id == self.local_node_id().await?;
        if !own {
            self.remove_stale_probes().await;
        }
        let states = join_all(paths.iter().map(|path| async move {
            match own {
                true => self.probe_here(path).await,
                false => self.probe_on(node_id, path).await,
            }
        }))
        .await;
        states.into_iter().collect()
    }

    /// A container create on this engine's node, refused whatever the path is.
    async fn probe_here(&self, path: &std::path::Path) -> anyhow::Result<PathState> {
        let body = ContainerCreateBody {
            image: Some(PROBE_IMAGE.into()),
            labels: Some(HashMap::from([(labels::PROBE.into(), now().to_string())])),
            host_config: Some(HostConfig {
                mounts: Some(vec![probe_mount(path)]),
                ..Default::default()
            }),
            ..Default::default()
        };
        match self.docker.create_container(None, body).await {
            Err(Error::DockerResponseServerError { message, .. }) => Ok(probe_state(&message)),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot look at {} on the engine's node", path.display())),
            // An engine that has the image after all: the path was mounted, so it is a
            // directory. The container never started; it goes at once.
            Ok(created) => {
                let options = RemoveContainerOptions {
                    force: true,
                    ..Default::default()
                };
                let _ = self
                    .docker
                    .remove_container(&created.id, Some(options))
                    .await;
                Ok(PathState::Directory)
            }
        }
    }

    /// A swarm job pinned to `node_id`, whose task the node rejects whatever the path is.
    async fn probe_on(&self, node_id: &str, path: &std::path::Path) -> anyhow::Result<PathState> {
        let spec = probe_job(node_id, path);
        let created = self
            .docker
            .create_service(spec, None)
            .await
            .map_err(engine_error)
            .with_context(|| {
                format!(
                    "cannot look at {} on node {node_id} (a probe job)",
                    path.display()
                )
            })?;
        let id = created.id.unwrap_or_default();
        let state = self.probe_outcome(&id).await;
        // Removed whatever happened: its task never ran.
        let _ = self.docker.delete_service(&id).await;
        state
    }

    /// The state of a probe job's task once the node decided, or why it did not.
    async fn probe_outcome(&self, service_id: &str) -> anyhow::Result<PathState> {
        let deadline = Instant::now() + PROBE_TIMEOUT;
        let filters = HashMap::from([("service".to_string(), vec![service_id.to_string()])]);
        loop {
            let tasks = self
                .docker
                .list_tasks(Some(ListTasksOptions {
                    filters: Some(filters.clone()),
                }))
                .await
                .map_err(engine_error)
                .context("cannot read a probe job's task")?;
            let status = tasks.iter().find_map(|task| task.status.as_ref());
            if let Some(status) = status {
                match status.state {
                    Some(TaskState::REJECTED | TaskState::FAILED) => {
                        let said = status.err.as_deref().or(status.message.as_deref());
                        return Ok(probe_state(said.unwrap_or_default()));
                    }
                    Some(TaskState::COMPLETE | TaskState::RUNNING | TaskState::STARTING) => {
                        return Ok(PathState::Directory);
                    }
                    _ => {}
                }
            }
            if Instant::now() >= deadline {
                let said = status
                    .and_then(|s| s.err.clone().or_else(|| s.message.clone()))
                    .unwrap_or_default();
                return Ok(PathState::Unknown(format!(
                    "the node did not take the probe within {}s{}",
                    PROBE_TIMEOUT.as_secs(),
                    match said.is_empty() {
                        true => String::new(),
                        false => format!(" (the swarm says: {said})"),
                    }
                )));
            }
            tokio::time::sleep(PROBE_POLL).await;
        }
    }

    /// Probe jobs an alacrity left when it was killed mid-probe.
    async fn remove_stale_probes(&self) {
        let options = ListServicesOptions {
            filters: Some(HashMap::from([(
                "label".to_string(),
                vec![labels::PROBE.to_string()],
            )])),
            ..Default::default()
        };
        let Ok(services) = self.docker.list_services(Some(options)).await else {
            return;
        };
        for service in services {
            let made = service
                .spec
                .as_ref()
                .and_then(|spec| spec.labels.as_ref())
                .and_then(|labels| labels.get(labels::PROBE))
                .and_then(|made| made.parse::<u64>().ok());
            let stale = made.is_none_or(|made| now().saturating_sub(made) > STALE_PROBE_SECS);
            if let (true, Some(id)) = (stale, service.id.as_deref()) {
                let _ = self.docker.delete_service(id).await;
            }
        }
    }
}

fn probe_mount(path: &std::path::Path) -> Mount {
    Mount {
        typ: Some(MountType::BIND),
        source: Some(probe_source(path)),
        target: Some(PROBE_TARGET.into()),
        read_only: Some(true),
        ..Default::default()
    }
}

/// A one-task job on `node_id` mounting `path`, never retried.
fn probe_job(node_id: &str, path: &std::path::Path) -> ServiceSpec {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    ServiceSpec {
        name: Some(format!(
            "alacrity-probe-{}-{:08x}",
            std::process::id(),
            nanos
        )),
        labels: Some(HashMap::from([(labels::PROBE.into(), now().to_string())])),
        mode: Some(ServiceSpecMode {
            replicated_job: Some(ServiceSpecModeReplicatedJob {
                max_concurrent: Some(1),
                total_completions: Some(1),
            }),
            ..Default::default()
        }),
        task_template: Some(TaskSpec {
            container_spec: Some(TaskSpecContainerSpec {
                image: Some(PROBE_IMAGE.into()),
                mounts: Some(vec![probe_mount(path)]),
                ..Default::default()
            }),
            restart_policy: Some(TaskSpecRestartPolicy {
                condition: Some(TaskSpecRestartPolicyConditionEnum::NONE),
                max_attempts: Some(0),
                ..Default::default()
            }),
            placement: Some(TaskSpecPlacement {
                constraints: Some(vec![format!("node.id=={node_id}")]),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}
