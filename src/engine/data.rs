//! Access to retained data: the engine of the node that holds it, and a manager that knows the
//! swarm (services, nodes, records).
//!
//! Volumes live on one node and only that node's engine lists or removes them; host directories
//! are removed by alacrity itself, on the machine it runs on. So `volumes` and `binds` talk to
//! the engine named by `--host` as "the node", which may be a worker, and ask a manager (the same
//! engine when `--host` is a manager, else `--manager`) which apps use what. Data of another node
//! is listed from the records, and removing it says which node holds it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::connect::{Address, Origin};
use super::{Connector, Engine, machine};
use crate::core::nodes::{Node, hostname_of};
use crate::core::usage::{Source, Targets, Usage};

/// How long a removal waits for the swarm to remove the containers of removed apps.
const LEFTOVER_TIMEOUT: Duration = Duration::from_secs(30);
const LEFTOVER_POLL: Duration = Duration::from_millis(250);

/// The node alacrity acts on, and the swarm's view.
#[derive(Debug, Clone)]
pub struct DataAccess {
    /// The engine named by `--host`: its node's volumes and containers.
    pub(crate) node: Engine,
    /// The swarm node ID of that engine.
    node_id: String,
    /// A manager of the same swarm (the same engine when `--host` is a manager).
    pub(crate) manager: Engine,
    /// The swarm's nodes.
    pub(crate) nodes: Vec<Node>,
    /// The engine's data directory on the node (never deleted).
    data_root: Option<PathBuf>,
    /// Why this machine is not the node's, if it is not (see `machine`): then the directories
    /// alacrity sees are not the node's.
    elsewhere: Option<String>,
}

impl Connector {
    /// Connects to the node named by `--host` (manager or worker) and to a manager: `manager`
    /// (`--manager`), else the node itself, which must then be a manager.
    pub async fn connect_data(&self, manager: Option<&str>) -> anyhow::Result<DataAccess> {
        let address = self.chosen_address()?;
        // The nodes are read with the engine's `GET /info` when it is the manager to ask.
        let (node, is_manager, listed) =
            Engine::connect_member_reading(address, self.tracer.clone(), manager.is_none()).await?;
        let manager = match manager {
            Some(url) => self.connect_manager(url).await?,
            None if is_manager => node.clone(),
            None => bail!(
                "the engine at {} is a swarm worker: its volumes and directories are there, but \
                 only a manager knows which apps use them; add `--manager URL` with the address \
                 of a manager's engine (`docker node ls` on a manager lists the managers)",
                node.address
            ),
        };
        // Known since `connect_member`: no engine call.
        let node_id = node.local_node_id().await?.to_string();
        let nodes = match listed {
            Some(nodes) => nodes,
            None => manager.nodes().await?,
        };
        if !nodes.iter().any(|n| n.id == node_id) {
            bail!(
                "the engine at {} (node {}) is not a node of the swarm that {} manages; point \
                 --manager at a manager of its own swarm",
                node.address,
                node_id,
                manager.address
            );
        }
        let data_root = node.data_root().await?;
        let elsewhere = machine::elsewhere(data_root.as_deref(), &node_id);
        Ok(DataAccess {
            node,
            node_id,
            manager,
            nodes,
            data_root,
            elsewhere,
        })
    }

    async fn connect_manager(&self, url: &str) -> anyhow::Result<Engine> {
        let address = Address::given(url, Origin::Default, &self.target.tls)
            .context("cannot use the manager given with --manager")?;
        Engine::connect(address, self.tracer.clone())
            .await
            .context("cannot use the manager given with --manager")
    }
}

impl DataAccess {
    /// The node ID of the engine alacrity acts on.
    pub fn node_id(&self) -> &str {
        &self.node_id
    }

    /// A manager of the swarm (where the deploy lock and the records are).
    pub fn manager(&self) -> &Engine {
        &self.manager
    }

    /// Whether a node is still in the swarm (a record may name one that left).
    pub fn node_exists(&self, node_id: &str) -> bool {
        self.nodes.iter().any(|node| node.id == node_id)
    }

    /// The hostname of a node (its ID when the node is gone).
    pub fn hostname(&self, node_id: &str) -> String {
        hostname_of(&self.nodes, node_id)
    }

    /// Whether alacrity runs on the machine of the node it acts on.
    pub fn on_node_machine(&self) -> bool {
        self.elsewhere.is_none()
    }

    /// Why alacrity cannot tell that it runs on the node's machine, if so.
    pub fn elsewhere(&self) -> Option<&str> {
        self.elsewhere.as_deref()
    }

    /// The engine's data directory on the node.
    pub fn data_root(&self) -> Option<&Path> {
        self.data_root.as_deref()
    }

    /// Every use of volumes: the swarm's services and the node's containers. On the node's
    /// machine, a bind source that is a symlink counts under its target too.
    pub async fn usage(&self) -> anyhow::Result<Usage> {
        self.usage_with(false).await
    }

    /// `usage`, and the swarm's live tasks of every node: a host directory is in use wherever a
    /// task still mounts it (shared storage), which volumes, one per node, do not need.
    pub async fn dir_usage(&self) -> anyhow::Result<Usage> {
        self.usage_with(true).await
    }

    async fn usage_with(&self, with_tasks: bool) -> anyhow::Result<Usage> {
        let tasks = async {
            match with_tasks {
                true => self.manager.task_uses().await,
                false => Ok(Vec::new()),
            }
        };
        let (services, tasks, containers) = tokio::try_join!(
            self.manager.service_uses(),
            tasks,
            self.node.container_uses()
        )?;
        let mut usage = Usage {
            services,
            tasks,
            containers,
            local_node: self.node_id.clone(),
        };
        if self.on_node_machine() {
            add_resolved_binds(&mut usage);
        }
        Ok(usage)
    }

    /// Like `usage`, after waiting (bounded) for the swarm to remove the containers of apps
    /// removed just before that use `targets` (`apps rm db` on a worker's app, then
    /// `volumes rm db-data` there): until they are gone, the engine counts them as users.
    /// `waiting` is told which containers it waits for.
    pub async fn settled_usage(
        &self,
        targets: Targets<'_>,
        waiting: impl Fn(&[&str]),
    ) -> anyhow::Result<Usage> {
        let deadline = Instant::now() + LEFTOVER_TIMEOUT;
        let mut told = false;
        loop {
            let usage = match targets {
                Targets::Volumes(_) => self.usage().await?,
                Targets::Dirs(_) => self.dir_usage().await?,
            };
            let leftovers = usage.leftover_tasks(&targets);
            if leftovers.is_empty() || Instant::now() >= deadline {
                return Ok(usage);
            }
            if !told {
                waiting(&leftovers);
                told = true;
            }
            tokio::time::sleep(LEFTOVER_POLL).await;
        }
    }

    /// Whether a node is a worker (alacrity must be told a manager with `--manager` there).
    pub fn is_worker(&self, node_id: &str) -> bool {
        self.nodes
            .iter()
            .any(|n| n.id == node_id && n.role == "worker")
    }
}

/// Adds, for every bind source that resolves through a symlink on this machine, its target.
fn add_resolved_binds(usage: &mut Usage) {
    let resolve = |sources: &mut Vec<Source>| {
        let resolved: Vec<Source> = sources
            .iter()
            .filter_map(|source| match source {
                Source::Bind(path) => canonical_if_different(path).map(Source::Bind),
                Source::Volume(_) => None,
            })
            .collect();
        sources.extend(resolved);
    };
    for service in &mut usage.services {
        resolve(&mut service.sources);
    }
    for task in &mut usage.tasks {
        resolve(&mut task.sources);
    }
    for container in &mut usage.containers {
        resolve(&mut container.sources);
    }
}

fn canonical_if_different(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok().filter(|real| real != path)
}
