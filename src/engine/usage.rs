//! Who uses a volume or a host directory: the swarm's services (any service, alacrity's or not)
//! and the containers on the node alacrity talks to (any container, running or stopped: the
//! engine itself refuses to remove a volume a stopped container still names).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use bollard::models::{ContainerSummary, ContainerSummaryStateEnum, MountType, Service};
use bollard::query_parameters::{ListContainersOptions, ListServicesOptions};
use serde::Serialize;

use super::{Engine, engine_error, labels, mapping};
use crate::spec::paths::{is_within, normalize_absolute};

/// The label the swarm puts on its tasks' containers.
const SWARM_SERVICE_ID: &str = "com.docker.swarm.service.id";

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
        }
    }
}

/// The refusal for data in use: who uses it, and what to do first.
pub fn in_use(what: &str, users: &[User]) -> String {
    let names =
        |kind: fn(&User) -> Option<&str>| -> Vec<&str> { users.iter().filter_map(kind).collect() };
    let apps = names(|u| matches!(u, User::App { .. }).then(|| u.name()));
    let services = names(|u| matches!(u, User::Service { .. }).then(|| u.name()));
    let containers = names(|u| matches!(u, User::Container { .. }).then(|| u.name()));
    let mut steps = Vec::new();
    if !apps.is_empty() {
        steps.push(format!(
            "remove the app first with `alacrity apps rm {}` (it keeps its data)",
            apps.join(" ")
        ));
    }
    if !services.is_empty() {
        steps.push(format!(
            "remove the service first with `docker service rm {}`",
            services.join(" ")
        ));
    }
    if !containers.is_empty() {
        steps.push(format!(
            "remove the container first with `docker rm --force {}`",
            containers.join(" ")
        ));
    }
    let users: Vec<String> = users.iter().map(ToString::to_string).collect();
    format!(
        "{what} is in use by {}: alacrity never deletes data in use; {}, then run this again",
        users.join(", "),
        steps.join("; ")
    )
}

impl User {
    pub fn name(&self) -> &str {
        match self {
            User::App { name } | User::Service { name } | User::Container { name, .. } => name,
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
    fn used_by(&self, source: &Source) -> bool {
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
pub(in crate::engine) enum Source {
    Volume(String),
    /// A bind-mounted host path (lexically normalized when possible).
    Bind(PathBuf),
}

#[derive(Debug, Clone)]
pub(in crate::engine) struct ServiceUse {
    pub id: String,
    pub name: String,
    pub managed: bool,
    /// The node an alacrity app is pinned to; `None` for other services (they may run anywhere).
    pub pin: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone)]
pub(in crate::engine) struct ContainerUse {
    pub name: String,
    pub running: bool,
    /// The swarm service of a task's container.
    pub service_id: Option<String>,
    pub sources: Vec<Source>,
}

/// Every use of volumes and host paths that alacrity can see from one node.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub(in crate::engine) services: Vec<ServiceUse>,
    /// The containers of `local_node`.
    pub(in crate::engine) containers: Vec<ContainerUse>,
    pub(in crate::engine) local_node: String,
}

impl Usage {
    /// Who uses the volume `name` of node `node_id`.
    pub fn volume_users(&self, name: &str, node_id: &str) -> Vec<User> {
        self.users(
            node_id,
            |source| matches!(source, Source::Volume(used) if used == name),
        )
    }

    /// Who uses the host directory `path` of node `node_id`, or anything inside it or around
    /// it (removing a directory takes its subdirectories, and pulls data out from under a
    /// mount of a parent).
    pub fn bind_users(&self, path: &Path, node_id: &str) -> Vec<User> {
        self.users(node_id, |source| match source {
            Source::Bind(used) => is_within(used, path) || is_within(path, used),
            Source::Volume(_) => false,
        })
    }

    /// Containers on the node, of tasks whose service is gone, that use one of `targets`: the
    /// swarm removes them shortly after their service (e.g. right after `apps rm`).
    pub fn leftover_tasks(&self, targets: &Targets<'_>) -> Vec<&str> {
        let services: HashSet<&str> = self.services.iter().map(|s| s.id.as_str()).collect();
        self.containers
            .iter()
            .filter(|c| {
                c.service_id
                    .as_deref()
                    .is_some_and(|id| !services.contains(id))
            })
            .filter(|c| c.sources.iter().any(|source| targets.used_by(source)))
            .map(|c| c.name.as_str())
            .collect()
    }

    fn users(&self, node_id: &str, uses: impl Fn(&Source) -> bool) -> Vec<User> {
        let mut counted: HashSet<&str> = HashSet::new();
        let mut users = Vec::new();
        for service in &self.services {
            let on_node = service.pin.as_deref().is_none_or(|pin| pin == node_id);
            if on_node && service.sources.iter().any(&uses) {
                counted.insert(&service.id);
                users.push(match service.managed {
                    true => User::App {
                        name: service.name.clone(),
                    },
                    false => User::Service {
                        name: service.name.clone(),
                    },
                });
            }
        }
        if node_id != self.local_node {
            return users;
        }
        for container in &self.containers {
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

impl Engine {
    /// The mounts of every service of the swarm (this engine must be a manager).
    pub(in crate::engine) async fn service_uses(&self) -> anyhow::Result<Vec<ServiceUse>> {
        let services = self
            .docker
            .list_services(None::<ListServicesOptions>)
            .await
            .map_err(engine_error)
            .context("cannot list the swarm's services")?;
        Ok(services.into_iter().filter_map(service_use).collect())
    }

    /// The mounts of every container of this engine's node, running or not.
    pub(in crate::engine) async fn container_uses(&self) -> anyhow::Result<Vec<ContainerUse>> {
        let options = ListContainersOptions {
            all: true,
            ..Default::default()
        };
        let containers = self
            .docker
            .list_containers(Some(options))
            .await
            .map_err(engine_error)
            .context("cannot list the node's containers")?;
        Ok(containers.into_iter().map(container_use).collect())
    }
}

fn service_use(service: Service) -> Option<ServiceUse> {
    let spec = service.spec?;
    let managed = labels::is_managed(spec.labels.as_ref());
    let mounts = spec
        .task_template
        .as_ref()
        .and_then(|task| task.container_spec.as_ref())
        .and_then(|container| container.mounts.clone())
        .unwrap_or_default();
    let sources = mounts
        .iter()
        .filter_map(|mount| match mount.typ {
            Some(MountType::VOLUME) => mount.source.clone().map(Source::Volume),
            Some(MountType::BIND) => mount.source.as_deref().map(bind_source),
            _ => None,
        })
        .collect();
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

fn container_use(container: ContainerSummary) -> ContainerUse {
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
fn bind_source(source: &str) -> Source {
    Source::Bind(normalize_absolute(source).unwrap_or_else(|_| PathBuf::from(source)))
}

#[cfg(test)]
mod tests {
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
    fn an_app_uses_a_volume_only_on_its_node() {
        let usage = Usage {
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
    fn leftover_tasks_are_containers_of_removed_services() {
        let usage = Usage {
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
    fn the_refusal_names_every_user_and_what_to_do() {
        let users = [
            app("db"),
            User::Container {
                name: "backup".into(),
                running: false,
            },
        ];
        let text = in_use("alacran--d", &users);
        assert!(
            text.starts_with("alacran--d is in use by app db, container backup (stopped)"),
            "{text}"
        );
        assert!(text.contains("`alacrity apps rm db`"), "{text}");
        assert!(text.contains("`docker rm --force backup`"), "{text}");
    }

    #[test]
    fn bind_sources_are_normalized() {
        assert_eq!(bind_source("//srv/x/"), bind("/srv/x"));
        assert_eq!(bind_source("relative"), bind("relative"));
    }
}
