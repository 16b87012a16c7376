//! One writer on persistent data, always: a persistent app's new task never starts while a
//! container of it, or any container on its data, still runs on any node.
//!
//! The swarm stops an old task before starting its replacement within one service update
//! (stop-first), but not across services or scale steps: `apps rm` then `deploy` creates a new
//! service whose task starts at once, while the old service's container on the same volume may
//! still be stopping (a database flushing to disk); scaling to 0 and back to 1 starts a new slot
//! beside the one still stopping. So before alacrity writes a persistent app that is to run, it
//! waits (bounded) until no such container runs, reading the swarm's tasks, which the manager
//! knows for every node (the tasks of a removed service stay listed until their container is
//! gone).

use std::path::Path;
use std::time::Duration;

use bollard::models::{MountType, Task, TaskState};

use super::mapping::Pin;
use super::tasks::is_live_state;
use crate::spec::model::volume_name;
use crate::spec::paths::is_within;
use crate::spec::{App, VolumeSource};

/// How long a write waits for the old containers on an app's data to stop.
pub const DATA_FREE_TIMEOUT: Duration = Duration::from_secs(90);
pub(crate) const POLL: Duration = Duration::from_millis(200);

/// A container (a swarm task) that still runs on an app's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub task_id: String,
    /// The node it runs on (its ID).
    pub node_id: String,
    /// The service it belongs to (it may be removed already).
    pub service_id: String,
    /// The data it mounts.
    pub data: VolumeSource,
}

/// The containers that still run on the data of `app`, to start pinned to `pin`, other than
/// the running tasks of its own service (`service_id`) that the swarm replaces itself: tasks of
/// other services (removed ones included), and tasks of its own that are being stopped.
pub fn writers_on(
    app: &App,
    pin: Option<&Pin>,
    service_id: Option<&str>,
    tasks: &[Task],
) -> Vec<Writer> {
    let mut writers = Vec::new();
    for task in tasks
        .iter()
        .filter(|task| is_live_state(task.status.as_ref().and_then(|status| status.state)))
    {
        let own = service_id.is_some() && task.service_id.as_deref() == service_id;
        if own && task.desired_state == Some(TaskState::RUNNING) {
            continue;
        }
        let node_id = task.node_id.clone().unwrap_or_default();
        let mounts = task
            .spec
            .as_ref()
            .and_then(|spec| spec.container_spec.as_ref())
            .and_then(|container| container.mounts.as_deref())
            .unwrap_or_default();
        let shared = app.volumes.iter().find(|volume| {
            mounts.iter().any(|mount| {
                let source = mount.source.as_deref().unwrap_or_default();
                match (&volume.source, mount.typ) {
                    // A volume is its node's: the same name elsewhere is other data.
                    (VolumeSource::Label(label), Some(MountType::VOLUME)) => {
                        source == volume_name(label) && pin.is_none_or(|pin| pin.node_id == node_id)
                    }
                    // A directory may be shared storage: the same path on any node counts.
                    (VolumeSource::HostPath(path), Some(MountType::BIND)) => {
                        is_within(Path::new(source), path) || is_within(path, Path::new(source))
                    }
                    _ => false,
                }
            })
        });
        if let Some(volume) = shared {
            writers.push(Writer {
                task_id: task.id.clone().unwrap_or_default(),
                node_id,
                service_id: task.service_id.clone().unwrap_or_default(),
                data: volume.source.clone(),
            });
        }
    }
    writers
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use bollard::models::{Mount, TaskSpec, TaskSpecContainerSpec, TaskStatus};

    use super::*;
    use crate::spec::Volume;

    fn app(sources: &[VolumeSource]) -> App {
        App {
            name: "db".into(),
            image: "busybox".into(),
            persistent: true,
            instances: 1,
            command: None,
            entrypoint: None,
            env: BTreeMap::new(),
            labels: BTreeMap::new(),
            ports: vec![],
            volumes: sources
                .iter()
                .map(|source| Volume {
                    source: source.clone(),
                    container_path: "/data".into(),
                    read_only: false,
                })
                .collect(),
            node: None,
            resources: Default::default(),
            restart_policy: Default::default(),
            healthcheck: Default::default(),
            project: None,
            files: Vec::new(),
        }
    }

    fn task(
        service: &str,
        node: &str,
        desired: TaskState,
        state: TaskState,
        mount: (MountType, &str),
    ) -> Task {
        Task {
            id: Some(format!("t-{service}-{node}")),
            service_id: Some(service.into()),
            node_id: Some(node.into()),
            desired_state: Some(desired),
            status: Some(TaskStatus {
                state: Some(state),
                ..Default::default()
            }),
            spec: Some(TaskSpec {
                container_spec: Some(TaskSpecContainerSpec {
                    mounts: Some(vec![Mount {
                        typ: Some(mount.0),
                        source: Some(mount.1.into()),
                        ..Default::default()
                    }]),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    use TaskState::{REMOVE, RUNNING, SHUTDOWN};

    #[test]
    fn a_removed_services_container_on_the_volume_blocks_until_it_stops() {
        let db = app(&[VolumeSource::Label("data".into())]);
        let pin = Pin::new("n3");
        let old = task(
            "old",
            "n3",
            REMOVE,
            RUNNING,
            (MountType::VOLUME, "alacran--data"),
        );
        let writers = writers_on(&db, Some(&pin), None, std::slice::from_ref(&old));
        assert_eq!(writers.len(), 1);
        assert_eq!(writers[0].node_id, "n3");
        let stopped = task(
            "old",
            "n3",
            REMOVE,
            SHUTDOWN,
            (MountType::VOLUME, "alacran--data"),
        );
        assert!(writers_on(&db, Some(&pin), None, &[stopped]).is_empty());
        // The same volume name on another node is other data.
        let elsewhere = task(
            "old",
            "n1",
            REMOVE,
            RUNNING,
            (MountType::VOLUME, "alacran--data"),
        );
        assert!(writers_on(&db, Some(&pin), None, &[elsewhere]).is_empty());
    }

    #[test]
    fn its_own_running_task_is_the_swarms_to_replace_but_one_being_stopped_blocks() {
        let db = app(&[VolumeSource::Label("data".into())]);
        let pin = Pin::new("n1");
        let running = task(
            "svc",
            "n1",
            RUNNING,
            RUNNING,
            (MountType::VOLUME, "alacran--data"),
        );
        assert!(writers_on(&db, Some(&pin), Some("svc"), &[running]).is_empty());
        let stopping = task(
            "svc",
            "n1",
            SHUTDOWN,
            RUNNING,
            (MountType::VOLUME, "alacran--data"),
        );
        assert_eq!(
            writers_on(&db, Some(&pin), Some("svc"), &[stopping]).len(),
            1
        );
    }

    #[test]
    fn a_host_directory_counts_on_every_node_and_nested() {
        let db = app(&[VolumeSource::HostPath("/srv/a".into())]);
        let pin = Pin::new("n1");
        let inside = task(
            "other",
            "n2",
            RUNNING,
            RUNNING,
            (MountType::BIND, "/srv/a/b"),
        );
        assert_eq!(writers_on(&db, Some(&pin), None, &[inside]).len(), 1);
        let beside = task(
            "other",
            "n2",
            RUNNING,
            RUNNING,
            (MountType::BIND, "/srv/ab"),
        );
        assert!(writers_on(&db, Some(&pin), None, &[beside]).is_empty());
    }
}
