//! The Docker engine, in the product's words. The ONLY module that uses bollard: everything else
//! speaks of apps, pins, nodes and volumes.
//!
//! - `error`: the engine's answers as typed errors (the one place that reads their text).
//! - `connect`: where the engine is, connecting, "not a swarm manager" and friends.
//! - `labels`: the labels and records alacrity writes (the contract with other commands).
//! - `mapping`: App <-> service spec, pure.
//! - `nodes`: the swarm's nodes; finding one by hostname or ID.
//! - `services`: deployed apps (read, create, update with retries, scale, remove).
//! - `plan`: what a deploy would do, checked against the swarm without writing anything.
//! - `apply`: the writes of a plan (network, volumes, bind records, services), concurrently.
//! - `converge`: waiting until the apps run, with the engine's reasons when they do not.
//! - `resources`: the shared network and managed volumes.
//! - `records`: the records of persistent data (host directories, volumes) in the swarm.
//! - `data`: access to retained data (the node's engine and a manager); `usage`: who uses a
//!   volume or directory; `volumes`, `binds`: listing and removing them; `disk_usage`: sizes;
//!   `machine`: whether alacrity runs on the node's machine.
//! - `writers`: one writer on persistent data (no new task beside a container still on it).
//! - `lock`: the swarm-wide lock around the checks and writes of commands that write.
//! - `health`: how deployed apps are doing: running instances, their nodes, why not running.

pub mod apply;
pub mod binds;
pub mod connect;
pub mod converge;
pub mod data;
pub mod disk_usage;
mod error;
pub mod health;
pub mod lock;
mod machine;
pub mod nodes;
pub mod plan;
pub mod records;
pub mod resources;
pub mod services;
pub mod usage;
pub mod volumes;
pub mod writers;

use std::sync::Arc;

use bollard::Docker;
use bollard::models::SystemInfo;
use tokio::sync::OnceCell;

use crate::core::nodes::{Node, sole_manager};

pub use connect::{Address, Origin};
pub use data::DataAccess;

/// How to reach the engine, connecting only when a command first needs it (commands that need
/// no engine never connect, and spec errors are reported before any connection).
#[derive(Clone)]
pub struct Connector {
    host_flag: Option<String>,
    tracer: Option<Tracer>,
    lock_timeout: std::time::Duration,
}

/// How long a command waits for another one's deploy lock, unless told otherwise.
pub const DEFAULT_LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Receives one line per engine API call (`GET /services?...`), for `-vv`.
pub type Tracer = Arc<dyn Fn(&str) + Send + Sync>;

impl Connector {
    /// `host_flag` is `--host`; without it, `DOCKER_HOST`, the docker context, the local socket.
    pub fn new(host_flag: Option<String>) -> Self {
        Connector {
            host_flag,
            tracer: None,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
        }
    }

    /// How long commands that write wait for the swarm's deploy lock.
    pub fn with_lock_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.lock_timeout = timeout;
        self
    }

    pub fn lock_timeout(&self) -> std::time::Duration {
        self.lock_timeout
    }

    /// Reports every engine API call to `tracer`.
    pub fn with_tracer(mut self, tracer: Tracer) -> Self {
        self.tracer = Some(tracer);
        self
    }

    /// Where the engine is (without connecting).
    pub fn address(&self) -> anyhow::Result<Address> {
        connect::resolve(self.host_flag.as_deref())
    }

    pub async fn connect(&self) -> anyhow::Result<Engine> {
        let address = self.address()?;
        Engine::connect(address, self.tracer.clone()).await
    }
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connector")
            .field("host_flag", &self.host_flag)
            .field("tracing", &self.tracer.is_some())
            .finish()
    }
}

/// A connection to a swarm manager (or, for the commands on a node's own data, to any node).
#[derive(Clone)]
pub struct Engine {
    docker: Docker,
    address: Address,
    /// Told every engine API call (`-vv`), also those made without bollard.
    tracer: Option<Tracer>,
    /// The swarm node ID of the engine alacrity talks to (where unpinned persistent apps go),
    /// read when first needed: most commands never need it, and reading it is slow.
    node_id: Arc<OnceCell<String>>,
    /// `GET /info`, read once, when first needed.
    info: Arc<OnceCell<SystemInfo>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("address", &self.address)
            .field("tracing", &self.tracer.is_some())
            .finish()
    }
}

impl Engine {
    fn new(
        docker: Docker,
        address: Address,
        tracer: Option<Tracer>,
        node_id: Option<String>,
        info: Option<SystemInfo>,
    ) -> Self {
        Engine {
            docker,
            address,
            tracer,
            node_id: Arc::new(OnceCell::new_with(node_id)),
            info: Arc::new(OnceCell::new_with(info)),
        }
    }

    pub fn address(&self) -> &Address {
        &self.address
    }

    /// The node ID of the engine alacrity talks to.
    pub async fn local_node_id(&self) -> anyhow::Result<&str> {
        self.node_id
            .get_or_try_init(|| self.read_local_node_id())
            .await
            .map(String::as_str)
    }

    /// The node ID of the engine alacrity talks to, knowing the swarm's nodes: in a swarm with
    /// one manager it is that one (`connect` checked that this engine is a manager), with no
    /// further call.
    pub(crate) async fn local_node_among(&self, nodes: &[Node]) -> anyhow::Result<&str> {
        if let Some(manager) = sole_manager(nodes) {
            let _ = self.node_id.set(manager.to_string());
        }
        self.local_node_id().await
    }
}

pub use error::{EngineError, engine_error, is_engine_lost};
pub(crate) use error::{is_conflict, is_not_found, is_out_of_sequence};
