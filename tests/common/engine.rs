//! The private swarms that `scripts/test` starts, found through the environment it exports, and the
//! docker CLI and alacrity pointed at them.
//!
//! Every docker CLI call names its engine with `-H` and runs with DOCKER_HOST / DOCKER_CONTEXT
//! cleared: the machine's default engine is never used. The docker CLI is independent of alacrity's
//! own engine code, which makes it a good witness of what alacrity did.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

use crate::common::{stderr, stdout};

/// unix://... address of the one-node swarm's engine.
pub const HOST_ENV: &str = "ALACRITY_TEST_HOST";
/// The one-node swarm's instance id (ALACRITY_ENGINE_ID for `scripts/engine stop-node 1`).
pub const SINGLE_ID_ENV: &str = "ALACRITY_TEST_SINGLE_ID";
/// Comma-separated addresses of the three-node swarm's engines, node1 (the manager) first.
pub const CLUSTER_HOSTS_ENV: &str = "ALACRITY_TEST_CLUSTER_HOSTS";
/// The three-node swarm's instance id (ALACRITY_ENGINE_ID for `scripts/engine stop-node`).
pub const CLUSTER_ID_ENV: &str = "ALACRITY_TEST_CLUSTER_ID";
/// The test image, present on every node: busybox, runs forever, exits promptly on SIGTERM.
pub const IMAGE_ENV: &str = "ALACRITY_TEST_IMAGE";
/// A directory that exists on the host and on node1 of the three-node swarm, and is an empty tmpfs
/// on node2 and node3: a directory made under it exists on node1 only.
pub const NODE_LOCAL_DIR_ENV: &str = "ALACRITY_TEST_NODE_LOCAL_DIR";
/// A directory that exists on the host and is an empty tmpfs on the one-node swarm's node: a
/// directory made under it exists on the host (where alacrity checks specs) but not on the node.
pub const HOST_ONLY_DIR_ENV: &str = "ALACRITY_TEST_HOST_ONLY_DIR";
/// The same for the three-node swarm (an empty tmpfs on every node).
pub const CLUSTER_HOST_ONLY_DIR_ENV: &str = "ALACRITY_TEST_CLUSTER_HOST_ONLY_DIR";

/// The value of an environment variable that `scripts/test` sets; panics (the test fails, it does
/// not skip) with how to get it if it is missing.
#[track_caller]
pub fn required_env(name: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => value,
        _ => panic!(
            "{name} is not set: this test needs the private Docker engines that `scripts/test` starts. \
             Run the tests with `scripts/test` (e.g. `scripts/test -- some_filter`), or start the engines \
             by hand: `scripts/engine up && ALACRITY_ENGINE_ID=1 scripts/engine up --nodes 3 && \
             eval \"$(scripts/engine env)\" && eval \"$(ALACRITY_ENGINE_ID=1 scripts/engine env)\"`"
        ),
    }
}

/// The name of the test image on every node (`alacrity-test/busybox:latest`).
#[track_caller]
pub fn test_image() -> String {
    required_env(IMAGE_ENV)
}

/// A command that runs forever and exits at once on SIGTERM (so stop-first updates are quick).
pub const RUN_FOREVER: &str =
    r#"command = ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]"#;

/// A command that runs forever and takes about 9 s to stop on SIGTERM (within the swarm's 10 s
/// grace period), like a database flushing its data: its container still runs, and writes to its
/// volume, for a while after it was told to stop.
pub const SLOW_TO_STOP: &str =
    r#"command = ["sh", "-c", "trap 'sleep 8; exit 0' TERM; while true; do sleep 1; done"]"#;

/// The spec of app `name` running the test image forever, slow to stop ([`SLOW_TO_STOP`]);
/// `extra` goes in its table.
#[track_caller]
pub fn slow_app(name: &str, extra: &str) -> String {
    format!(
        "[apps.{name}]\nimage = \"{}\"\n{SLOW_TO_STOP}\n{extra}\n",
        test_image()
    )
}

/// The IDs of the running containers of service `service` on node `node` (`docker ps`).
#[track_caller]
pub fn running_containers_on(swarm: &Swarm, node: usize, service: &str) -> Vec<String> {
    let label = format!("label=com.docker.swarm.service.name={service}");
    let out = swarm.docker_ok_on(node, &["ps", "-q", "--no-trunc", "--filter", &label]);
    lines(&out).map(str::to_string).collect()
}

/// The spec of app `name` running the test image forever; `extra` goes in its table.
#[track_caller]
pub fn app(name: &str, extra: &str) -> String {
    format!(
        "[apps.{name}]\nimage = \"{}\"\n{RUN_FOREVER}\n{extra}\n",
        test_image()
    )
}

/// A `docker` command against the engine at `host` and nothing else.
pub fn docker_command(host: &str) -> Command {
    let mut cmd = Command::new("docker");
    cmd.arg("-H").arg(host);
    for var in [
        "DOCKER_HOST",
        "DOCKER_CONTEXT",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// One task of a service, as `docker service ps --no-trunc` shows it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Task {
    #[serde(rename = "ID")]
    pub id: String,
    /// `service.slot`, e.g. `web.1`.
    pub name: String,
    /// The node's hostname (`node1`...); empty while the task is not assigned.
    pub node: String,
    /// `Running`, `Shutdown`, ...
    pub desired_state: String,
    /// e.g. `Running 3 seconds ago`, `Rejected 2 seconds ago`, `Pending 5 seconds ago`.
    pub current_state: String,
    /// The engine's reason when the task failed, e.g. `invalid mount config for type "bind": bind
    /// source path does not exist: /x`.
    pub error: String,
}

impl Task {
    /// True if the task is meant to run and does.
    pub fn is_running(&self) -> bool {
        self.desired_state == "Running" && self.current_state.starts_with("Running")
    }
}

/// A private swarm: one engine per node, node1 first (the manager).
#[derive(Debug, Clone)]
pub struct Swarm {
    hosts: Vec<String>,
    /// The `scripts/engine` instance id, needed to stop and start nodes (an older `scripts/engine
    /// env` did not export it for the one-node swarm).
    instance: Option<String>,
    cluster: bool,
    node_local_dir: Option<PathBuf>,
    host_only_dir: Option<PathBuf>,
}

/// An optional path from the environment (its absence only fails the tests that need it).
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

impl Swarm {
    /// The one-node swarm (ALACRITY_TEST_HOST). Tests share it: name everything with a [`Scope`].
    ///
    /// [`Scope`]: crate::common::Scope
    #[track_caller]
    pub fn single() -> Swarm {
        Swarm {
            hosts: vec![required_env(HOST_ENV)],
            instance: std::env::var(SINGLE_ID_ENV)
                .ok()
                .filter(|id| !id.is_empty()),
            cluster: false,
            node_local_dir: None,
            host_only_dir: env_path(HOST_ONLY_DIR_ENV),
        }
    }

    /// The three-node swarm: node1 is the manager, node2 and node3 are workers.
    #[track_caller]
    pub fn cluster() -> Swarm {
        let hosts: Vec<String> = required_env(CLUSTER_HOSTS_ENV)
            .split(',')
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .collect();
        assert!(
            hosts.len() >= 2,
            "{CLUSTER_HOSTS_ENV} must list several engines, node1 first; got {hosts:?}"
        );
        Swarm {
            hosts,
            instance: Some(required_env(CLUSTER_ID_ENV)),
            cluster: true,
            node_local_dir: env_path(NODE_LOCAL_DIR_ENV),
            host_only_dir: env_path(CLUSTER_HOST_ONLY_DIR_ENV),
        }
    }

    /// The address (unix://...) of node1's engine, the swarm manager: what `--host` gets.
    pub fn host(&self) -> &str {
        &self.hosts[0]
    }

    /// The address of node `node`'s engine (1-based: node1, node2, ...).
    #[track_caller]
    pub fn node_host(&self, node: usize) -> &str {
        assert!(
            (1..=self.hosts.len()).contains(&node),
            "this swarm has nodes 1..={}, not {node}",
            self.hosts.len()
        );
        &self.hosts[node - 1]
    }

    pub fn node_count(&self) -> usize {
        self.hosts.len()
    }

    /// True for the multi-node swarm.
    pub fn is_cluster(&self) -> bool {
        self.cluster
    }

    /// The `scripts/engine` instance id of this swarm.
    pub(crate) fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The directory that exists on the host and node1 only (three-node swarm only); prefer
    /// [`Scope::node_local_dir`](crate::common::Scope::node_local_dir), which cleans up.
    #[track_caller]
    pub fn node_local_base(&self) -> PathBuf {
        assert!(
            self.is_cluster(),
            "node-local directories exist on the three-node swarm only: use Swarm::cluster()"
        );
        self.node_local_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(required_env(NODE_LOCAL_DIR_ENV)))
    }

    /// The directory that exists on the host and on no node; prefer
    /// [`Scope::host_only_dir`](crate::common::Scope::host_only_dir), which cleans up.
    #[track_caller]
    pub fn host_only_base(&self) -> PathBuf {
        let var = if self.is_cluster() {
            CLUSTER_HOST_ONLY_DIR_ENV
        } else {
            HOST_ONLY_DIR_ENV
        };
        self.host_only_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(required_env(var)))
    }

    /// `alacrity` (the binary under test, in the repository root) against this swarm's manager:
    /// `--host` set, NO_COLOR, and DOCKER_HOST / DOCKER_CONTEXT cleared so nothing else can pick the
    /// engine. Add the subcommand and its arguments:
    /// `swarm.alacrity().arg("deploy").arg(&spec).assert().success()`.
    pub fn alacrity(&self) -> assert_cmd::Command {
        self.alacrity_on(1)
    }

    /// [`Swarm::alacrity`] against node `node`'s engine (it must be a manager to deploy).
    #[track_caller]
    pub fn alacrity_on(&self, node: usize) -> assert_cmd::Command {
        let mut cmd = crate::common::alacrity();
        cmd.arg("--host").arg(self.node_host(node));
        for var in [
            "DOCKER_HOST",
            "DOCKER_CONTEXT",
            "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }

    /// Runs the docker CLI on the manager (node1); whatever the outcome.
    pub fn docker(&self, args: &[&str]) -> Output {
        self.docker_on(1, args)
    }

    /// Runs the docker CLI on node `node`; whatever the outcome.
    #[track_caller]
    pub fn docker_on(&self, node: usize, args: &[&str]) -> Output {
        let host = self.node_host(node);
        docker_command(host)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run `docker -H {host} {}`: {e}", args.join(" ")))
    }

    /// Runs the docker CLI on the manager, panics (with its stderr) if it fails, returns its
    /// trimmed stdout.
    #[track_caller]
    pub fn docker_ok(&self, args: &[&str]) -> String {
        self.docker_ok_on(1, args)
    }

    /// [`Swarm::docker_ok`] on node `node`.
    #[track_caller]
    pub fn docker_ok_on(&self, node: usize, args: &[&str]) -> String {
        let out = self.docker_on(node, args);
        assert!(
            out.status.success(),
            "`docker -H {} {}` failed ({}): {}",
            self.node_host(node),
            args.join(" "),
            out.status,
            stderr(&out).trim()
        );
        stdout(&out).trim().to_string()
    }

    /// The swarm node ID of node `node` (what a `node.id==` constraint names).
    #[track_caller]
    pub fn node_id(&self, node: usize) -> String {
        self.docker_ok(&[
            "node",
            "inspect",
            "--format",
            "{{.ID}}",
            &format!("node{node}"),
        ])
    }

    /// `docker node ls` as (hostname, status) pairs, e.g. ("node2", "Ready").
    #[track_caller]
    pub fn node_statuses(&self) -> Vec<(String, String)> {
        lines(&self.docker_ok(&["node", "ls", "--format", "{{.Hostname}} {{.Status}}"]))
            .filter_map(|l| l.split_once(' '))
            .map(|(h, s)| (h.to_string(), s.to_string()))
            .collect()
    }

    /// True if the swarm has a service named `name` (`docker service inspect` finds it).
    #[track_caller]
    pub fn service_exists(&self, name: &str) -> bool {
        self.docker(&["service", "inspect", name]).status.success()
    }

    /// The tasks of `service` (all of them, current and past); empty if the service does not exist.
    #[track_caller]
    pub fn tasks(&self, service: &str) -> Vec<Task> {
        let out = self.docker(&[
            "service",
            "ps",
            "--no-trunc",
            "--format",
            "{{json .}}",
            service,
        ]);
        if !out.status.success() {
            return Vec::new();
        }
        lines(&stdout(&out))
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("unexpected `docker service ps` line {l:?}: {e}"))
            })
            .collect()
    }

    /// The hostnames of the nodes where `service` has a running task, sorted (one entry per task).
    #[track_caller]
    pub fn running_nodes(&self, service: &str) -> Vec<String> {
        let mut nodes: Vec<String> = self
            .tasks(service)
            .into_iter()
            .filter(Task::is_running)
            .map(|t| t.node)
            .collect();
        nodes.sort();
        nodes
    }
}

/// The non-empty lines of a command's output.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}
