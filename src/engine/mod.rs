//! The engine adapter: the only code that holds a `bollard::Docker`. It connects, reads what the
//! core's decisions need (lazily), executes the writes the core decided, waits, and reaches the
//! data of a node. Its public API is what this file exports; the decisions and the types they
//! speak of are in `crate::core`.
//!
//! - `connect`: where the engine is (`--host`, `DOCKER_HOST`, the docker context), connecting,
//!   "not a swarm manager" and friends; `error`: the engine's answers as typed errors.
//! - `snapshot`: reading what a plan needs; `nodes`, `services`, `resources`, `records`,
//!   `usage`, `health`: the swarm's objects, read (and, for services, networks, volumes and
//!   records, written).
//! - `write`: executing the writes of a plan; `wait`: waiting for convergence and for a sole
//!   writer on persistent data; `lock`: the swarm-wide lock.
//! - `data`: the engine of the node that holds retained data, and a manager; `volumes`, `binds`:
//!   that data; `disk_usage`: volume sizes; `machine`: whether alacrity runs on the node's
//!   machine; `credentials`: the docker CLI's registry credentials; `images`: tags resolved
//!   to digests, credentials sent with services; `host_paths`: host paths looked at on a node (probes that never run).
//! - `reach`: the engine of a given node (`--node-host`, a context named like it, the engine
//!   named); `archive`: the data door, reading and writing a node's volume or directory as a
//!   tar stream; `tar_stream`: tar streams rewritten and their manifests, as they flow.

mod api_version;
mod archive;
mod binds;
mod connect;
mod credentials;
mod data;
mod disk_usage;
mod error;
mod files;
mod health;
mod host_paths;
mod images;
mod lock;
mod logs;
mod machine;
mod moving;
mod nodes;
mod portable;
mod raw;
mod reach;
mod records;
mod resources;
mod rollback;
mod services;
mod snapshot;
mod tar_stream;
mod transport;
mod usage;
mod volumes;
mod wait;
mod write;
use std::sync::Arc;

use bollard::Docker;
use bollard::models::SystemInfo;
use tokio::sync::OnceCell;

use crate::core::nodes::{Node, sole_manager};
use credentials::Credentials;

pub use api_version::{MIN_API, MIN_DOCKER};
pub use archive::{Access, DOOR_IMAGE, DOOR_LABEL, DataDoor, MissingHostDir, MissingVolume, Mount};
pub use connect::{Address, Origin, Target, TlsOptions};
pub use data::DataAccess;
pub use images::ImageOptions;
pub use lock::now;
pub use logs::{AppLogs, LogOptions};
pub use reach::{NodeHost, NodeReach, NodeUnreachable};
pub use rollback::Returning;
pub use services::retry_delay;
pub use tar_stream::{ManifestReceiver, TarError, TarStream, manifest_of, with_manifest};
pub use transport::TransportFailure;

/// How to reach the engine, connecting only when a command first needs it (commands that need
/// no engine never connect, and spec errors are reported before any connection).
#[derive(Clone)]
pub struct Connector {
    target: Target,
    tracer: Option<Tracer>,
    /// Told which engine was chosen and why (`-v`).
    reporter: Option<Tracer>,
    lock_timeout: std::time::Duration,
}

/// How long a command waits for another one's deploy lock, unless told otherwise.
pub const DEFAULT_LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Receives one line per engine API call (`GET /services?...`), for `-vv`.
pub type Tracer = Arc<dyn Fn(&str) + Send + Sync>;

impl Connector {
    /// `target` is `--host`, `--context` and the TLS options; without them, `DOCKER_HOST`,
    /// `DOCKER_CONTEXT`, the current docker context, the local socket.
    pub fn new(target: Target) -> Self {
        Connector {
            target,
            tracer: None,
            reporter: None,
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

    /// Whether the command line names the engine (`--host` or `--context`), rather than the
    /// environment or the docker CLI's configuration.
    pub fn named_on_command_line(&self) -> bool {
        self.target.host.is_some() || self.target.context.is_some()
    }

    /// Reports every engine API call to `tracer`.
    pub fn with_tracer(mut self, tracer: Tracer) -> Self {
        self.tracer = Some(tracer);
        self
    }

    /// Tells `reporter` which engine a command uses, and why (`-v`).
    pub fn with_reporter(mut self, reporter: Tracer) -> Self {
        self.reporter = Some(reporter);
        self
    }

    /// Where the engine is (without connecting).
    pub fn address(&self) -> anyhow::Result<Address> {
        connect::resolve(&self.target)
    }

    /// Where the engine is, told to the reporter (`-v`).
    fn chosen_address(&self) -> anyhow::Result<Address> {
        let address = self.address()?;
        if let Some(report) = &self.reporter {
            let tls = match &address.tls {
                Some(files) => format!(
                    "; TLS, verified with the CA {} ({})",
                    files.ca.display(),
                    files.source
                ),
                None => String::new(),
            };
            report(&format!(
                "engine: {} (chosen by {}{tls})",
                address.url, address.why
            ));
        }
        Ok(address)
    }

    pub async fn connect(&self) -> anyhow::Result<Engine> {
        let address = self.chosen_address()?;
        Engine::connect(address, self.tracer.clone()).await
    }
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connector")
            .field("target", &self.target)
            .field("tracing", &self.tracer.is_some())
            .finish()
    }
}

/// A connection to a swarm manager (or, for the commands on a node's own data, to any node).
#[derive(Clone)]
pub struct Engine {
    docker: Docker,
    /// Opens connections of its own to the same engine (requests made without bollard).
    dialer: transport::Dialer,
    address: Address,
    /// Told every engine API call (`-vv`), also those made without bollard.
    tracer: Option<Tracer>,
    /// The swarm node ID of the engine alacrity talks to (where unpinned persistent apps go),
    /// read when first needed: most commands never need it, and reading it is slow.
    node_id: Arc<OnceCell<String>>,
    /// `GET /info`, read once, when first needed.
    info: Arc<OnceCell<SystemInfo>>,
    /// How the command treats images (resolving tags, sending credentials).
    images: ImageOptions,
    /// The registries' credentials, by registry, looked up once per command.
    credentials: Arc<tokio::sync::Mutex<CredentialCache>>,
    /// Whether an update the swarm sees fail is rolled back (else paused: `--no-rollback`).
    rollback: bool,
}

type CredentialCache = std::collections::HashMap<String, Result<Option<Credentials>, String>>;

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
        dialer: transport::Dialer,
        address: Address,
        tracer: Option<Tracer>,
        node_id: Option<String>,
        info: Option<SystemInfo>,
    ) -> Self {
        Engine {
            docker,
            dialer,
            address,
            tracer,
            node_id: Arc::new(OnceCell::new_with(node_id)),
            info: Arc::new(OnceCell::new_with(info)),
            images: ImageOptions::default(),
            credentials: Arc::default(),
            rollback: true,
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

/// How many requests of one kind a command sends to the engine at once (the writes of a deploy,
/// the volumes its plan checks). Sending every one at once (1,003 writes for a cold deploy of 500
/// apps) held a connection, a request and an answer for each: 35 MB resident. A few dozen keep
/// the engine as busy (it applies a swarm's writes one at a time anyway) in bounded memory.
pub(crate) const IN_FLIGHT: usize = 32;

/// Runs `futures` with at most [`IN_FLIGHT`] of them at once, their outputs in their order.
pub(crate) async fn bounded<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    use futures_util::stream::{self, StreamExt};
    stream::iter(futures).buffered(IN_FLIGHT).collect().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn at_most_in_flight_at_once_in_their_order() {
        let now = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let outputs = bounded((0..500).map(|i| {
            let (now, peak) = (&now, &peak);
            async move {
                let running = now.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(running, Ordering::SeqCst);
                // Later ones finish first: the order of the outputs is still the input's.
                tokio::time::sleep(std::time::Duration::from_micros(500 - i)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                i
            }
        }))
        .await;
        assert_eq!(outputs, (0..500).collect::<Vec<_>>());
        assert_eq!(peak.load(Ordering::SeqCst), IN_FLIGHT);
    }
}
