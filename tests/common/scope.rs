//! [`Scope`]: what one test made on a private swarm, and its cleanup.
//!
//! Tests run in parallel on the same swarms, so everything a test makes carries a name from
//! [`Scope::name`] (unique per test, process and call). When the scope is dropped (at the end of the
//! test, also when it panics), it removes from the swarm every service, volume (so `alacran--NAME`
//! too), swarm config and network whose name or labels contain its prefix, on every reachable node,
//! and the host directories and files it made.

use std::collections::BTreeSet;
use std::fs;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use crate::common::engine::{Swarm, lines};
use crate::common::{stderr, stdout};

/// Longest name Docker accepts for a service (a DNS label).
pub const MAX_NAME_LEN: usize = 63;

/// Tests on the three-node swarm hold this shared; a test that stops nodes holds it exclusively, so
/// node faults never run alongside each other or alongside other cluster tests (every engine test
/// is in the one test binary tests/engine, so these locks cover them all).
static CLUSTER_LOCK: RwLock<()> = RwLock::new(());
/// The same for the one-node swarm: a test that stops its engine runs alone on it.
static SINGLE_LOCK: RwLock<()> = RwLock::new(());
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// How long the cleanup waits for removed services' containers to go before removing volumes.
const CLEANUP_TIMEOUT: Duration = Duration::from_secs(60);

/// How a scope holds its swarm's lock (released when the scope is dropped, after its cleanup).
enum SwarmUse {
    Shared(#[allow(dead_code)] RwLockReadGuard<'static, ()>),
    Exclusive(#[allow(dead_code)] RwLockWriteGuard<'static, ()>),
}

/// One test's use of a swarm. Derefs to [`Swarm`], so `scope.docker(..)`, `scope.alacrity()`,
/// `scope.tasks(..)` work directly. Create one per test, at its start; not `Send`.
pub struct Scope {
    swarm: Swarm,
    prefix: String,
    /// Directories and files to remove on drop.
    paths: Mutex<Vec<PathBuf>>,
    /// Nodes this scope stopped and has not started again.
    stopped: Mutex<BTreeSet<usize>>,
    hold: SwarmUse,
}

impl Scope {
    /// A scope for a test that uses the swarm like any app would (it may run alongside others).
    /// A test takes one scope at a time: a second one could wait for an exclusive scope that
    /// waits for the first.
    pub fn new(swarm: &Swarm) -> Scope {
        let guard = lock_of(swarm).read().unwrap_or_else(|e| e.into_inner());
        Scope::with(swarm, SwarmUse::Shared(guard))
    }

    /// A scope for a test that stops and starts nodes (on the one-node swarm: its only engine):
    /// it waits until no other test of this test binary uses the swarm, and none starts until it
    /// is dropped. Nodes it stopped are started again on drop.
    pub fn exclusive(swarm: &Swarm) -> Scope {
        let guard = lock_of(swarm).write().unwrap_or_else(|e| e.into_inner());
        Scope::with(swarm, SwarmUse::Exclusive(guard))
    }

    fn with(swarm: &Swarm, hold: SwarmUse) -> Scope {
        let test = std::thread::current().name().unwrap_or("test").to_string();
        Scope {
            swarm: swarm.clone(),
            prefix: unique_prefix(
                &test,
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed),
            ),
            paths: Mutex::new(Vec::new()),
            stopped: Mutex::new(BTreeSet::new()),
            hold,
        }
    }

    /// The swarm this scope works on.
    pub fn swarm(&self) -> &Swarm {
        &self.swarm
    }

    /// This scope's prefix, e.g. `t-deploy-creates-db-4242-3`: every name it hands out starts with
    /// `PREFIX-`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// A unique name for something the test makes (an app, a volume label, a config...):
    /// `PREFIX-what`, a valid DNS label of at most 63 characters. `what` is lowercase letters,
    /// digits and hyphens. The volume of label `scope.name("data")` is `alacran--` + that.
    #[track_caller]
    pub fn name(&self, what: &str) -> String {
        let name = format!("{}-{what}", self.prefix);
        assert!(
            is_dns_label(&name),
            "test name {name:?} is not a DNS label of at most {MAX_NAME_LEN} characters: \
             use a shorter `what` of lowercase letters, digits and hyphens"
        );
        name
    }

    /// A new, empty host directory (under the system temp dir), removed with its contents on drop.
    /// On the three-node swarm it exists on every node (they share the host's filesystem).
    #[track_caller]
    pub fn host_dir(&self, what: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join("alacrity-tests")
            .join(self.name(what));
        self.make_dir(dir)
    }

    /// A new directory that exists on the host and on node1 of the three-node swarm but not on
    /// node2 or node3 (a "node-local" directory), removed on drop.
    #[track_caller]
    pub fn node_local_dir(&self, what: &str) -> PathBuf {
        let dir = self.swarm.node_local_base().join(self.name(what));
        self.make_dir(dir)
    }

    /// A new directory that exists on the host (so alacrity's own checks, which run here, find it)
    /// but on no node of the swarm: a bind mount of it fails on the node with the engine's "bind
    /// source path does not exist". Removed on drop.
    #[track_caller]
    pub fn host_only_dir(&self, what: &str) -> PathBuf {
        let dir = self.swarm.host_only_base().join(self.name(what));
        self.make_dir(dir)
    }

    /// Writes `contents` to a new file `file_name` in this scope's own directory (e.g. an app spec)
    /// and returns its path; removed on drop.
    #[track_caller]
    pub fn write_file(&self, file_name: &str, contents: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join("alacrity-tests")
            .join(format!("{}-files", self.prefix));
        if !dir.exists() {
            self.make_dir(dir.clone());
        }
        let path = dir.join(file_name);
        fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }

    /// `alacrity deploy SPEC` (waiting up to 2 minutes), asserted to succeed (its stderr shown if
    /// not).
    #[track_caller]
    pub fn deploy_ok(&self, spec: &Path) {
        let out = self
            .alacrity()
            .args(["deploy", "--timeout", "120s"])
            .arg(spec)
            .output()
            .unwrap_or_else(|e| panic!("cannot run alacrity: {e}"));
        assert!(out.status.success(), "deploy failed: {}", stderr(&out));
    }

    /// Writes a spec file (see [`Scope::write_file`]) and deploys it ([`Scope::deploy_ok`]);
    /// returns its path.
    #[track_caller]
    pub fn deploy_spec(&self, file_name: &str, contents: &str) -> PathBuf {
        let spec = self.write_file(file_name, contents);
        self.deploy_ok(&spec);
        spec
    }

    /// Removes `path` (a directory with its contents, or a file) on drop.
    pub fn remove_on_drop(&self, path: impl Into<PathBuf>) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.into());
    }

    #[track_caller]
    fn make_dir(&self, dir: PathBuf) -> PathBuf {
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        self.remove_on_drop(dir.clone());
        dir
    }

    /// Creates service `name` with the docker CLI, not with alacrity: a service alacrity did not
    /// deploy (it carries alacrity's labels only if `options` give them). `options` go to `docker
    /// service create` (e.g. `--replicas`, `--mount`, `--label`), `command` after the test image
    /// (empty: the image's own, which runs forever). Detached: it does not wait for a task. Name it
    /// with [`Scope::name`], so that the scope removes it.
    #[track_caller]
    pub fn foreign_service(&self, name: &str, options: &[&str], command: &[&str]) {
        let image = crate::common::engine::test_image();
        let mut args = vec![
            "service",
            "create",
            "--detach",
            "--no-resolve-image",
            "--name",
            name,
        ];
        args.extend_from_slice(options);
        args.push(&image);
        args.extend_from_slice(command);
        self.swarm.docker_ok(&args);
    }

    /// Stops node `node`'s engine (`scripts/engine stop-node`; its data is kept), like a server
    /// going down. Exclusive scopes only. `kill`: SIGKILL at once instead of a clean stop.
    #[track_caller]
    pub fn stop_node(&self, node: usize, kill: bool) {
        self.require_exclusive("stop_node");
        let k = node.to_string();
        let mut args = vec!["stop-node", k.as_str()];
        if kill {
            args.push("--kill");
        }
        self.engine_script(&args);
        self.stopped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(node);
    }

    /// Starts node `node`'s engine again and waits until the swarm lists it Ready.
    #[track_caller]
    pub fn start_node(&self, node: usize) {
        self.require_exclusive("start_node");
        self.engine_script(&["start-node", &node.to_string()]);
        self.stopped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&node);
    }

    #[track_caller]
    fn require_exclusive(&self, what: &str) {
        assert!(
            matches!(self.hold, SwarmUse::Exclusive(_)),
            "{what} needs Scope::exclusive(..): node faults must not run alongside other tests"
        );
    }

    #[track_caller]
    fn engine_script(&self, args: &[&str]) {
        let out = self.engine_script_output(args);
        assert!(
            out.status.success(),
            "`scripts/engine {}` failed ({}):\n{}{}",
            args.join(" "),
            out.status,
            stdout(&out),
            stderr(&out)
        );
    }

    fn engine_script_output(&self, args: &[&str]) -> std::process::Output {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/engine");
        let id = self.swarm.instance().unwrap_or_else(|| {
            panic!(
                "the swarm's instance id is unknown: run the tests with `scripts/test` (it \
                 exports {})",
                crate::common::engine::SINGLE_ID_ENV
            )
        });
        let mut command = Command::new(&script);
        command.args(args).env("ALACRITY_ENGINE_ID", id);
        // The one-node swarm's node1 keeps its TLS listener when it starts again (scripts/remote).
        if let (false, Ok(flags)) = (
            self.swarm.is_cluster(),
            std::env::var("ALACRITY_TEST_SINGLE_DOCKERD_FLAGS"),
        ) {
            command.env("ALACRITY_DOCKERD_FLAGS", flags);
        }
        command
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()))
    }

    /// True if `name` (or its labels) belongs to this scope.
    fn owns(&self, name_and_labels: &str) -> bool {
        name_and_labels.contains(&format!("{}-", self.prefix))
    }

    /// Removes what the test made. Best effort and bounded: it must not panic (a panic while the
    /// test is already panicking aborts the test binary), so problems are printed instead.
    fn clean_up(&self) {
        let stopped: Vec<usize> = self
            .stopped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .copied()
            .collect();
        for node in stopped {
            let out = self.engine_script_output(&["start-node", &node.to_string()]);
            if !out.status.success() {
                eprintln!("cleanup: cannot start node{node} again: {}", stderr(&out));
            }
        }
        let services = self.owned(1, &["service", "ls", "--format", "{{.Name}}"]);
        if !services.is_empty() {
            self.quiet_docker(1, &[&["service", "rm"][..], &as_strs(&services)].concat());
        }
        let deadline = Instant::now() + CLEANUP_TIMEOUT;
        for node in 1..=self.swarm.node_count() {
            self.clean_up_node(node, deadline);
        }
        for (kind, format) in [
            ("config", "{{.Name}}\t{{.Labels}}"),
            ("network", "{{.Name}}\t{{.Labels}}"),
        ] {
            let names = self.owned(1, &[kind, "ls", "--format", format]);
            if !names.is_empty() {
                self.quiet_docker(1, &[&[kind, "rm"][..], &as_strs(&names)].concat());
            }
        }
        for path in self
            .paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .rev()
        {
            let result = if path.is_dir() {
                fs::remove_dir_all(path)
            } else {
                fs::remove_file(path)
            };
            match result {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    eprintln!("cleanup: cannot remove {}: {e}", path.display())
                }
                _ => {}
            }
        }
    }

    /// On one node: removes the scope's containers (those of its removed services, and plain ones),
    /// waits until they are gone, then removes the scope's volumes (volumes are per node). A
    /// stopped node is skipped.
    fn clean_up_node(&self, node: usize, deadline: Instant) {
        let list = ["ps", "-a", "--format", "{{.Names}}\t{{.Labels}}"];
        loop {
            let out = self.swarm.docker_on(node, &list);
            if !out.status.success() {
                return; // node down: nothing reachable to clean there
            }
            let containers: Vec<String> = lines(&stdout(&out))
                .filter(|l| self.owns(l))
                .filter_map(|l| l.split('\t').next().map(str::to_string))
                .collect();
            if containers.is_empty() {
                break;
            }
            if Instant::now() >= deadline {
                eprintln!("cleanup: containers still on node{node}: {containers:?}");
                break;
            }
            // Errors are expected here: swarm removes its tasks' containers at the same time.
            let _ = self.swarm.docker_on(
                node,
                &[&["rm", "--force"][..], &as_strs(&containers)].concat(),
            );
            std::thread::sleep(Duration::from_millis(250));
        }
        let volumes = self.owned(
            node,
            &["volume", "ls", "--format", "{{.Name}}\t{{.Labels}}"],
        );
        if !volumes.is_empty() {
            self.quiet_docker(
                node,
                &[&["volume", "rm", "--force"][..], &as_strs(&volumes)].concat(),
            );
        }
    }

    /// The names (first column) of the objects listed by `docker <args>` on `node` that this scope
    /// owns.
    fn owned(&self, node: usize, args: &[&str]) -> Vec<String> {
        let out = self.swarm.docker_on(node, args);
        if !out.status.success() {
            return Vec::new();
        }
        lines(&stdout(&out))
            .filter(|l| self.owns(l))
            .filter_map(|l| l.split('\t').next().map(str::to_string))
            .collect()
    }

    fn quiet_docker(&self, node: usize, args: &[&str]) {
        let out = self.swarm.docker_on(node, args);
        if !out.status.success() {
            eprintln!(
                "cleanup: `docker {}` on node{node} failed: {}",
                args.join(" "),
                stderr(&out).trim()
            );
        }
    }
}

impl Deref for Scope {
    type Target = Swarm;

    fn deref(&self) -> &Swarm {
        &self.swarm
    }
}

/// The lock that scopes on this swarm take.
fn lock_of(swarm: &Swarm) -> &'static RwLock<()> {
    if swarm.is_cluster() {
        &CLUSTER_LOCK
    } else {
        &SINGLE_LOCK
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        self.clean_up();
    }
}

fn as_strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

/// `t-<test>-<pid>-<counter>`: the test's own name (last path segment, as a DNS label, at most 20
/// characters), the process id and a per-process counter, so parallel tests and test binaries
/// never collide. Leaves at least 20 characters for what [`Scope::name`] appends.
pub fn unique_prefix(test: &str, pid: u32, counter: usize) -> String {
    let last = test.rsplit("::").next().unwrap_or(test);
    let mut label = String::new();
    for c in last.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            label.push(c);
        } else if !label.is_empty() && !label.ends_with('-') {
            label.push('-');
        }
    }
    label.truncate(20);
    let label = label.trim_end_matches('-');
    let label = if label.is_empty() { "test" } else { label };
    format!("t-{label}-{pid}-{counter}")
}

/// True for a valid DNS label (what Docker accepts as a service name): 1..=63 lowercase letters,
/// digits and hyphens, starting with a letter and not ending with a hyphen.
pub fn is_dns_label(name: &str) -> bool {
    (1..=MAX_NAME_LEN).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
