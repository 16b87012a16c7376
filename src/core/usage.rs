//! Who uses a volume or a host directory: the swarm's services (any service, alacrity's or not),
//! the swarm's tasks that still run or are about to (of any node, also of removed services), and
//! the containers on the node alacrity talks to (any container, running or stopped: the engine
//! itself refuses to remove a volume a stopped container still names).
//!
//! A volume is a node's own, so an app pinned to another node does not use it. A host path is
//! not: with shared storage (NFS...) the same path is the same directory on every node, and
//! alacrity cannot tell, so a service or task mounting it counts on every node, as deploy's
//! `host-path-shared` check counts it.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use bollard::models::{
    ContainerSummary, ContainerSummaryStateEnum, Mount, MountType, Service, Task,
};

use super::tasks::is_live_state;
use serde::Serialize;

use super::{labels, mapping};
use crate::spec::paths::{is_within, normalize_absolute};

/// The label the swarm puts on its tasks' containers.
pub(crate) const SWARM_SERVICE_ID: &str = "com.docker.swarm.service.id";

/// Something that uses a volume or a directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum User {
    /// An app alacrity deployed.
    App { name: String },
    /// A swarm service alacrity did not deploy.
    Service { name: String },
    /// A container on the node that is not a task of a listed service: started with
    /// `docker run`, or a task of a removed service that the swarm has not cleaned up yet.
    Container { name: String, running: bool },
    /// A task of a removed service that still runs (or is about to), on any node: its
    /// container is not gone yet. Named by its task ID.
    Task { name: String },
}

impl fmt::Display for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            User::App { name } => write!(f, "app {name}"),
            User::Service { name } => write!(f, "service {name}"),
            User::Container {
                name,
                running: true,
            } => write!(f, "container {name}"),
            User::Container {
                name,
                running: false,
            } => write!(f, "container {name} (stopped)"),
            User::Task { name } => write!(f, "task {name} of a removed service"),
        }
    }
}

impl User {
    pub fn name(&self) -> &str {
        match self {
            User::App { name }
            | User::Service { name }
            | User::Container { name, .. }
            | User::Task { name } => name,
        }
    }
}

/// What a removal is about: volumes by name, or host directories.
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a> {
    Volumes(&'a [String]),
    Dirs(&'a [PathBuf]),
}

impl Targets<'_> {
    pub(crate) fn used_by(&self, source: &Source) -> bool {
        match (self, source) {
            (Targets::Volumes(names), Source::Volume(name)) => names.contains(name),
            (Targets::Dirs(paths), Source::Bind(used)) => paths
                .iter()
                .any(|path| is_within(used, path) || is_within(path, used)),
            _ => false,
        }
    }
}

/// What a service or container mounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Volume(String),
    /// A bind-mounted host path (lexically normalized when possible).
    Bind(PathBuf),
}

#[derive(Debug, Clone)]
pub(crate) struct ServiceUse {
    pub id: String,
    pub name: String,
    pub managed: bool,
    /// The node an alacrity app is pinned to; `None` for other services (they may run anywhere).
    pub pin: Option<String>,
    pub sources: Vec<Source>,
}

/// A swarm task that still runs or is about to (its state is not final), on any node.
#[derive(Debug, Clone)]
pub(crate) struct TaskUse {
    pub id: String,
    pub service_id: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone)]
pub(crate) struct ContainerUse {
    pub name: String,
    pub running: bool,
    /// The swarm service of a task's container.
    pub service_id: Option<String>,
    pub sources: Vec<Source>,
}

/// Every use of volumes and host paths that alacrity can see from one node.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub(crate) services: Vec<ServiceUse>,
    /// The swarm's tasks that still run or are about to, of every node.
    pub(crate) tasks: Vec<TaskUse>,
    /// The containers of `local_node`.
    pub(crate) containers: Vec<ContainerUse>,
    pub(crate) local_node: String,
}

impl Usage {
    /// Who uses the volume `name` of node `node_id`.
    pub fn volume_users(&self, name: &str, node_id: &str) -> Vec<User> {
        self.users(
            node_id,
            Reach::Node,
            |source| matches!(source, Source::Volume(used) if used == name),
        )
    }

    /// [`Usage::volume_users`] for many volumes: the services and containers indexed by the
    /// volumes they mount once, so that listing every volume is linear in volumes + services +
    /// containers, not their product.
    pub(crate) fn volume_index(&self) -> VolumeIndex<'_> {
        VolumeIndex {
            usage: self,
            services: by_volume(&self.services, |service| &service.sources),
            containers: by_volume(&self.containers, |container| &container.sources),
        }
    }

    /// Who uses the host directory `path` of node `node_id`, or anything inside it or around
    /// it (removing a directory takes its subdirectories, and pulls data out from under a
    /// mount of a parent). Services and tasks count whatever node they run on: the same path
    /// may be the same directory there (shared storage).
    pub fn bind_users(&self, path: &Path, node_id: &str) -> Vec<User> {
        self.users(node_id, Reach::AnyNode, |source| match source {
            Source::Bind(used) => is_within(used, path) || is_within(path, used),
            Source::Volume(_) => false,
        })
    }

    /// Containers on the node, of tasks whose service is gone, that use one of `targets`: the
    /// swarm removes them shortly after their service (e.g. right after `apps rm`).
    /// For host directories, also the swarm's tasks of removed services that still run, on any
    /// node (named by task ID).
    pub fn leftover_tasks(&self, targets: &Targets<'_>) -> Vec<&str> {
        let services: HashSet<&str> = self.services.iter().map(|s| s.id.as_str()).collect();
        let containers = self
            .containers
            .iter()
            .filter(|c| {
                c.service_id
                    .as_deref()
                    .is_some_and(|id| !services.contains(id))
            })
            .filter(|c| c.sources.iter().any(|source| targets.used_by(source)))
            .map(|c| c.name.as_str());
        let tasks = self
            .tasks
            .iter()
            .filter(|_| matches!(targets, Targets::Dirs(_)))
            .filter(|t| !services.contains(t.service_id.as_str()))
            .filter(|t| t.sources.iter().any(|source| targets.used_by(source)))
            .map(|t| t.id.as_str());
        containers.chain(tasks).collect()
    }

    pub(crate) fn users(
        &self,
        node_id: &str,
        reach: Reach,
        uses: impl Fn(&Source) -> bool,
    ) -> Vec<User> {
        self.users_among(
            self.services.iter(),
            self.containers.iter(),
            (node_id, reach),
            uses,
        )
    }

    /// [`Usage::users`] among some of the services and containers (the others known not to
    /// use the data): the same verdicts.
    fn users_among<'a>(
        &'a self,
        services: impl Iterator<Item = &'a ServiceUse>,
        containers: impl Iterator<Item = &'a ContainerUse>,
        (node_id, reach): (&str, Reach),
        uses: impl Fn(&Source) -> bool,
    ) -> Vec<User> {
        let mut counted: HashSet<&str> = HashSet::new();
        let mut users = Vec::new();
        let as_user = |service: &ServiceUse| match service.managed {
            true => User::App {
                name: service.name.clone(),
            },
            false => User::Service {
                name: service.name.clone(),
            },
        };
        for service in services {
            let on_node =
                reach == Reach::AnyNode || service.pin.as_deref().is_none_or(|pin| pin == node_id);
            if on_node && service.sources.iter().any(&uses) {
                counted.insert(&service.id);
                users.push(as_user(service));
            }
        }
        if reach == Reach::AnyNode {
            // A task may still mount what its service's spec no longer does (an update under
            // way), or belong to a service removed a moment ago.
            for task in &self.tasks {
                if counted.contains(task.service_id.as_str()) || !task.sources.iter().any(&uses) {
                    continue;
                }
                counted.insert(&task.service_id);
                match self.services.iter().find(|s| s.id == task.service_id) {
                    Some(service) => users.push(as_user(service)),
                    None => users.push(User::Task {
                        name: task.id.clone(),
                    }),
                }
            }
        }
        if node_id != self.local_node {
            return users;
        }
        for container in containers {
            let of_counted = container
                .service_id
                .as_deref()
                .is_some_and(|id| counted.contains(id));
            if !of_counted && container.sources.iter().any(&uses) {
                users.push(User::Container {
                    name: container.name.clone(),
                    running: container.running,
                });
            }
        }
        users
    }
}

/// The users (services or containers) of each volume, by the volume's name: each user once per
/// volume, however often it mounts it.
fn by_volume<T>(users: &[T], sources: impl Fn(&T) -> &[Source]) -> HashMap<&str, Vec<&T>> {
    let mut index: HashMap<&str, Vec<&T>> = HashMap::new();
    for user in users {
        let mut names: Vec<&str> = sources(user).iter().filter_map(volume_name).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            index.entry(name).or_default().push(user);
        }
    }
    index
}

fn volume_name(source: &Source) -> Option<&str> {
    match source {
        Source::Volume(name) => Some(name),
        Source::Bind(_) => None,
    }
}

/// The users of volumes, indexed by volume name (see [`Usage::volume_index`]).
pub(crate) struct VolumeIndex<'a> {
    usage: &'a Usage,
    services: HashMap<&'a str, Vec<&'a ServiceUse>>,
    containers: HashMap<&'a str, Vec<&'a ContainerUse>>,
}

impl VolumeIndex<'_> {
    /// The same as [`Usage::volume_users`], among the services and containers that mount it.
    pub(crate) fn volume_users(&self, name: &str, node_id: &str) -> Vec<User> {
        self.usage.users_among(
            self.services.get(name).into_iter().flatten().copied(),
            self.containers.get(name).into_iter().flatten().copied(),
            (node_id, Reach::Node),
            |source| matches!(source, Source::Volume(used) if used == name),
        )
    }
}

/// Which services and tasks count for data of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Those that run on the node (volumes: each node has its own).
    Node,
    /// Those of every node (host paths: the same path may be the same directory everywhere).
    AnyNode,
}

pub(crate) fn service_use(service: Service) -> Option<ServiceUse> {
    let spec = service.spec?;
    let managed = labels::is_managed(spec.labels.as_ref());
    let sources = mount_sources(
        spec.task_template
            .as_ref()
            .and_then(|task| task.container_spec.as_ref())
            .and_then(|container| container.mounts.as_deref()),
    );
    Some(ServiceUse {
        id: service.id?,
        name: spec.name.clone()?,
        managed,
        pin: managed
            .then(|| mapping::read_pin(&spec).map(|pin| pin.node_id))
            .flatten(),
        sources,
    })
}

/// A task whose state is not final, with what its container mounts; `None` for a task that
/// is done (complete, shut down, failed, rejected, removed, orphaned).
pub(crate) fn task_use(task: Task) -> Option<TaskUse> {
    let state = task.status.as_ref().and_then(|status| status.state)?;
    if !is_live_state(Some(state)) {
        return None;
    }
    let sources = mount_sources(
        task.spec
            .as_ref()
            .and_then(|spec| spec.container_spec.as_ref())
            .and_then(|container| container.mounts.as_deref()),
    );
    Some(TaskUse {
        id: task.id?,
        service_id: task.service_id?,
        sources,
    })
}

/// The volumes and host paths of a service's or task's mounts.
pub(crate) fn mount_sources(mounts: Option<&[Mount]>) -> Vec<Source> {
    mounts
        .unwrap_or_default()
        .iter()
        .filter_map(|mount| match mount.typ {
            Some(MountType::VOLUME) => mount.source.clone().map(Source::Volume),
            Some(MountType::BIND) => mount.source.as_deref().map(bind_source),
            _ => None,
        })
        .collect()
}

pub(crate) fn container_use(container: ContainerSummary) -> ContainerUse {
    let labels: HashMap<String, String> = container.labels.unwrap_or_default();
    let name = container
        .names
        .and_then(|names| names.into_iter().next())
        .map(|name| name.trim_start_matches('/').to_string())
        .or(container.id)
        .unwrap_or_default();
    let sources = container
        .mounts
        .unwrap_or_default()
        .iter()
        .filter_map(|mount| match mount.typ.as_deref() {
            Some("volume") => mount.name.clone().map(Source::Volume),
            Some("bind") => mount.source.as_deref().map(bind_source),
            _ => None,
        })
        .collect();
    ContainerUse {
        name,
        running: container.state == Some(ContainerSummaryStateEnum::RUNNING),
        service_id: labels.get(SWARM_SERVICE_ID).cloned(),
        sources,
    }
}

/// A bind source, normalized like recorded paths (`//srv/x/` is `/srv/x`).
pub(crate) fn bind_source(source: &str) -> Source {
    Source::Bind(normalize_absolute(source).unwrap_or_else(|_| PathBuf::from(source)))
}

#[cfg(test)]
mod tests {
    use bollard::models::TaskState;

    use super::*;

    fn service(name: &str, managed: bool, pin: Option<&str>, sources: Vec<Source>) -> ServiceUse {
        ServiceUse {
            id: format!("id-{name}"),
            name: name.into(),
            managed,
            pin: pin.map(str::to_string),
            sources,
        }
    }

    fn container(name: &str, service: Option<&str>, sources: Vec<Source>) -> ContainerUse {
        ContainerUse {
            name: name.into(),
            running: true,
            service_id: service.map(|s| format!("id-{s}")),
            sources,
        }
    }

    fn task(id: &str, service: &str, sources: Vec<Source>) -> TaskUse {
        TaskUse {
            id: id.into(),
            service_id: format!("id-{service}"),
            sources,
        }
    }

    fn volume(name: &str) -> Source {
        Source::Volume(name.into())
    }

    fn bind(path: &str) -> Source {
        Source::Bind(path.into())
    }

    fn app(name: &str) -> User {
        User::App { name: name.into() }
    }

    #[test]
    fn the_volume_index_finds_the_same_users_as_a_scan() {
        let usage = Usage {
            tasks: vec![],
            services: vec![
                service(
                    "db",
                    true,
                    Some("n1"),
                    vec![volume("alacran--d"), volume("alacran--d")],
                ),
                service("old", true, Some("n2"), vec![volume("alacran--d")]),
                service(
                    "theirs",
                    false,
                    None,
                    vec![volume("alacran--e"), bind("/srv")],
                ),
            ],
            containers: vec![
                container("db.1.x", Some("db"), vec![volume("alacran--d")]),
                container(
                    "backup",
                    None,
                    vec![volume("alacran--d"), volume("alacran--e")],
                ),
            ],
            local_node: "n1".into(),
        };
        let index = usage.volume_index();
        for name in ["alacran--d", "alacran--e", "alacran--none"] {
            for node in ["n1", "n2", "n3"] {
                assert_eq!(
                    index.volume_users(name, node),
                    usage.volume_users(name, node),
                    "{name} on {node}"
                );
            }
        }
        assert_eq!(index.volume_users("alacran--d", "n1").len(), 2);
    }

    #[test]
    fn an_app_uses_a_volume_only_on_its_node() {
        let usage = Usage {
            tasks: vec![],
            services: vec![service("db", true, Some("n2"), vec![volume("alacran--d")])],
            containers: vec![],
            local_node: "n1".into(),
        };
        assert_eq!(usage.volume_users("alacran--d", "n2"), [app("db")]);
        assert!(usage.volume_users("alacran--d", "n1").is_empty());
        assert!(usage.volume_users("alacran--other", "n2").is_empty());
    }

    #[test]
    fn other_services_count_on_every_node() {
        let usage = Usage {
            tasks: vec![],
            services: vec![service("theirs", false, None, vec![volume("alacran--d")])],
            containers: vec![],
            local_node: "n1".into(),
        };
        let them = [User::Service {
            name: "theirs".into(),
        }];
        assert_eq!(usage.volume_users("alacran--d", "n1"), them);
        assert_eq!(usage.volume_users("alacran--d", "n3"), them);
    }

    #[test]
    fn containers_count_on_their_node_and_once_with_their_service() {
        let usage = Usage {
            tasks: vec![],
            services: vec![service("db", true, Some("n1"), vec![volume("alacran--d")])],
            containers: vec![
                container("db.1.x", Some("db"), vec![volume("alacran--d")]),
                container("backup", None, vec![volume("alacran--d")]),
            ],
            local_node: "n1".into(),
        };
        let backup = User::Container {
            name: "backup".into(),
            running: true,
        };
        assert_eq!(
            usage.volume_users("alacran--d", "n1"),
            [app("db"), backup.clone()]
        );
        // The containers seen are node n1's: they say nothing about n2's volume.
        assert!(usage.volume_users("alacran--d", "n2").is_empty());
    }

    #[test]
    fn a_directory_is_used_by_mounts_of_it_inside_it_or_around_it() {
        let usage = Usage {
            tasks: vec![],
            services: vec![
                service("same", true, Some("n1"), vec![bind("/srv/a")]),
                service("inside", false, None, vec![bind("/srv/b/sub")]),
                service("around", false, None, vec![bind("/srv")]),
                service("beside", false, None, vec![bind("/srv/ab")]),
            ],
            containers: vec![],
            local_node: "n1".into(),
        };
        let names = |path: &str| -> Vec<String> {
            usage
                .bind_users(Path::new(path), "n1")
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(names("/srv/a"), ["app same", "service around"]);
        assert_eq!(names("/srv/b"), ["service inside", "service around"]);
        assert_eq!(names("/opt/x"), Vec::<String>::new());
    }

    #[test]
    fn a_host_path_is_used_by_an_app_pinned_to_any_node() {
        let usage = Usage {
            services: vec![service("far", true, Some("n2"), vec![bind("/srv/shared")])],
            tasks: vec![],
            containers: vec![],
            local_node: "n1".into(),
        };
        // Shared storage makes /srv/shared of n1 the directory the app on n2 writes to.
        assert_eq!(
            usage.bind_users(Path::new("/srv/shared"), "n1"),
            [app("far")]
        );
        assert_eq!(
            usage.bind_users(Path::new("/srv/shared"), "n2"),
            [app("far")]
        );
        assert!(usage.bind_users(Path::new("/srv/other"), "n1").is_empty());
    }

    #[test]
    fn live_tasks_use_a_host_path_on_any_node_once_with_their_service() {
        let usage = Usage {
            services: vec![
                service("db", true, Some("n2"), vec![bind("/srv/new")]),
                service("web", false, None, vec![]),
            ],
            tasks: vec![
                // An update under way: the old task still mounts the old path.
                task("t-old", "db", vec![bind("/srv/old")]),
                task("t-new", "db", vec![bind("/srv/new")]),
                task("t-web", "web", vec![bind("/srv/old/logs")]),
                // Its service was removed a moment ago; its container still runs.
                task("t-gone", "gone", vec![bind("/srv/old")]),
            ],
            containers: vec![container(
                "gone.1.t-gone",
                Some("gone"),
                vec![bind("/srv/old")],
            )],
            local_node: "n1".into(),
        };
        let names = |path: &str| -> Vec<String> {
            usage
                .bind_users(Path::new(path), "n1")
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            names("/srv/old"),
            ["app db", "service web", "task t-gone of a removed service"]
        );
        assert_eq!(names("/srv/new"), ["app db"]);
        assert_eq!(names("/srv/elsewhere"), Vec::<String>::new());
        // Tasks do not count for volumes, which are per node (the engine guards those).
        let with_volume = Usage {
            tasks: vec![task("t-gone", "gone", vec![volume("alacran--d")])],
            ..usage.clone()
        };
        assert!(with_volume.volume_users("alacran--d", "n1").is_empty());
        assert_eq!(
            usage.leftover_tasks(&Targets::Dirs(&[PathBuf::from("/srv/old")])),
            ["gone.1.t-gone", "t-gone"]
        );
    }

    #[test]
    fn only_tasks_that_run_or_may_still_start_are_live() {
        for state in [TaskState::NEW, TaskState::PENDING, TaskState::RUNNING] {
            assert!(is_live_state(Some(state)), "{state}");
        }
        for state in [
            TaskState::COMPLETE,
            TaskState::SHUTDOWN,
            TaskState::FAILED,
            TaskState::REJECTED,
            TaskState::REMOVE,
            TaskState::ORPHANED,
        ] {
            assert!(!is_live_state(Some(state)), "{state}");
        }
    }

    #[test]
    fn leftover_tasks_are_containers_of_removed_services() {
        let usage = Usage {
            tasks: vec![],
            services: vec![service("db", true, Some("n1"), vec![])],
            containers: vec![
                container("db.1.x", Some("db"), vec![volume("alacran--d")]),
                container("gone.1.y", Some("gone"), vec![volume("alacran--g")]),
                container("plain", None, vec![volume("alacran--p")]),
            ],
            local_node: "n1".into(),
        };
        let gone = ["alacran--g".to_string()];
        assert_eq!(usage.leftover_tasks(&Targets::Volumes(&gone)), ["gone.1.y"]);
        let others = ["alacran--p".to_string()];
        assert!(usage.leftover_tasks(&Targets::Volumes(&others)).is_empty());
        assert!(
            usage
                .leftover_tasks(&Targets::Dirs(&[PathBuf::from("/srv")]))
                .is_empty()
        );
    }

    #[test]
    fn bind_sources_are_normalized() {
        assert_eq!(bind_source("//srv/x/"), bind("/srv/x"));
        assert_eq!(bind_source("relative"), bind("relative"));
    }
}
