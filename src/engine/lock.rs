//! The swarm-wide lock that makes alacrity's checks and writes atomic: one alacrity command at a
//! time between "is this data free?" and the write that claims it.
//!
//! Two deploys started at the same moment used to both pass the checks (no other app uses this
//! volume label, this host path, this port) before either wrote anything, and both went ahead:
//! two apps on one data directory. Claims on every label and every ancestor of every path would
//! close that for data, but not for ports, pins or records; one lock closes all of it, and is what
//! Kamal does (`kamal lock`). Commands that write take it around their checks and writes (not
//! around a deploy's wait for convergence): `deploy`, `apps scale`, `apps rm`, `volumes rm`,
//! `binds rm`. Read-only commands never take it.
//!
//! The lock is a swarm config named `alacrity-lock`: creating a config whose name exists fails,
//! so taking it is atomic across every manager and machine. Its labels say who holds it (the
//! command, the user, the machine and process) and since when; `alacrity lock status` shows them
//! and `alacrity lock release` removes a lock left behind. A lock whose holder ran on this
//! machine and whose process is gone (killed, or the engine stopped while it ran) is stale, and
//! is taken over with a notice. Anyone else waits, with a bound, and is told who holds it.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::models::ConfigSpec;
use bollard::query_parameters::ListConfigsOptions;

use super::{Engine, engine_error, is_conflict, is_not_found, labels};

/// The name of the swarm config that is the lock.
pub const LOCK_NAME: &str = "alacrity-lock";

const COMMAND: &str = "io.alacrity.lock.command";
const USER: &str = "io.alacrity.lock.user";
const HOST: &str = "io.alacrity.lock.host";
const PID: &str = "io.alacrity.lock.pid";
const PROCESS_START: &str = "io.alacrity.lock.process-start";
const SINCE: &str = "io.alacrity.lock.since";

/// How often a held lock is looked at again while waiting for it.
const POLL: Duration = Duration::from_millis(100);

/// Who holds the lock.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LockHolder {
    /// The alacrity command that holds it (`deploy`, `volumes rm`, ...).
    pub command: String,
    pub user: String,
    /// The machine the holder runs on.
    pub host: String,
    pub pid: u32,
    /// When the holder's process started (clock ticks since boot), to tell a reused pid apart.
    #[serde(skip)]
    pub process_start: Option<u64>,
    /// When it was taken, in seconds since the Unix epoch.
    pub since: Option<u64>,
    #[serde(skip)]
    config_id: String,
}

impl LockHolder {
    /// `deploy by root on host1 (pid 42)`.
    pub fn describe(&self) -> String {
        format!(
            "`{}` by {} on {} (pid {})",
            self.command, self.user, self.host, self.pid
        )
    }

    /// How long it has been held, as far as the clocks agree.
    pub fn age(&self, now_secs: u64) -> Option<Duration> {
        self.since
            .map(|since| Duration::from_secs(now_secs.saturating_sub(since)))
    }
}

/// This process, as a lock holder.
#[derive(Debug, Clone)]
pub struct Me {
    pub command: String,
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub process_start: Option<u64>,
}

impl Me {
    pub fn new(command: &str) -> Self {
        let pid = std::process::id();
        Me {
            command: command.to_string(),
            user: std::env::var("USER")
                .or_else(|_| std::env::var("LOGNAME"))
                .ok()
                .or_else(this_user)
                .unwrap_or_else(|| "unknown".into()),
            host: this_host(),
            pid,
            process_start: process_start(pid),
        }
    }

    fn labels(&self, now_secs: u64) -> HashMap<String, String> {
        let mut labels = HashMap::from([
            (labels::MANAGED.to_string(), "true".to_string()),
            (COMMAND.to_string(), self.command.clone()),
            (USER.to_string(), self.user.clone()),
            (HOST.to_string(), self.host.clone()),
            (PID.to_string(), self.pid.to_string()),
            (SINCE.to_string(), now_secs.to_string()),
        ]);
        if let Some(start) = self.process_start {
            labels.insert(PROCESS_START.to_string(), start.to_string());
        }
        labels
    }
}

/// The lock, held by this process: give it back with [`Engine::release_lock`].
#[derive(Debug)]
#[must_use = "a held lock must be released"]
pub struct HeldLock {
    config_id: String,
}

/// Whether a holder is gone for sure: it ran on this machine and its process no longer exists
/// (or the pid now belongs to a process started at another time). A holder on another machine
/// cannot be checked from here.
pub fn is_stale(holder: &LockHolder, me: &Me, alive: impl Fn(u32, Option<u64>) -> bool) -> bool {
    holder.host == me.host && holder.pid != me.pid && !alive(holder.pid, holder.process_start)
}

/// Whether process `pid` exists and, when known, started at `start`.
pub fn process_alive(pid: u32, start: Option<u64>) -> bool {
    match (process_start(pid), start) {
        (None, _) => std::path::Path::new(&format!("/proc/{pid}")).exists(),
        (Some(now), Some(then)) => now == then,
        (Some(_), None) => true,
    }
}

/// The start time of a process (field 22 of /proc/PID/stat, clock ticks since boot).
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_process_start(&stat)
}

/// Field 22 of a /proc/PID/stat line; the command name (field 2) may hold spaces and parentheses.
fn parse_process_start(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    // Fields after the name start at field 3, so field 22 is the 20th of them.
    after_name.split_whitespace().nth(19)?.parse().ok()
}

/// The name of this process's user, from /etc/passwd (when USER is not set, as under cron or CI).
fn this_user() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.get(2) == Some(&uid.as_str())).then(|| fields[0].to_string())
    })
}

/// This machine's name.
fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|name| name.trim().to_string())
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Events while taking the lock, for the command to put into words.
#[derive(Debug, Clone)]
pub enum LockEvent<'a> {
    /// Someone else holds it: waiting.
    Waiting(&'a LockHolder),
    /// The holder's process is gone: its lock is taken over.
    Stale(&'a LockHolder),
}

impl Engine {
    /// Who holds the lock, if anyone.
    pub async fn lock_holder(&self) -> anyhow::Result<Option<LockHolder>> {
        let filters = HashMap::from([("name".to_string(), vec![LOCK_NAME.to_string()])]);
        let configs = self
            .docker
            .list_configs(Some(ListConfigsOptions {
                filters: Some(filters),
            }))
            .await
            .map_err(engine_error)
            .context("cannot read the swarm's deploy lock (a swarm config)")?;
        Ok(configs.into_iter().find_map(|config| {
            let spec = config.spec?;
            (spec.name.as_deref() == Some(LOCK_NAME)).then_some(())?;
            let mut labels = spec.labels.unwrap_or_default();
            let mut take = |key: &str| labels.remove(key).unwrap_or_default();
            Some(LockHolder {
                command: take(COMMAND),
                user: take(USER),
                host: take(HOST),
                pid: take(PID).parse().unwrap_or(0),
                process_start: take(PROCESS_START).parse().ok(),
                since: take(SINCE).parse().ok(),
                config_id: config.id?,
            })
        }))
    }

    /// Takes the lock for `command`, waiting up to `timeout` for its holder to release it.
    pub async fn acquire_lock(
        &self,
        command: &str,
        timeout: Duration,
        mut on_event: impl FnMut(LockEvent<'_>),
    ) -> anyhow::Result<HeldLock> {
        let me = Me::new(command);
        let deadline = Instant::now() + timeout;
        let mut announced: Option<String> = None;
        loop {
            let spec = ConfigSpec {
                name: Some(LOCK_NAME.to_string()),
                labels: Some(me.labels(now_secs())),
                data: Some(STANDARD.encode(me.command.as_bytes())),
                ..Default::default()
            };
            match self.docker.create_config(spec).await {
                Ok(created) => {
                    return Ok(HeldLock {
                        config_id: created.id,
                    });
                }
                Err(err) if is_conflict(&err) => {}
                Err(err) => {
                    return Err(engine_error(err))
                        .context("cannot take the swarm's deploy lock (a swarm config)");
                }
            }
            let Some(holder) = self.lock_holder().await? else {
                continue; // Released in between: try again at once.
            };
            if is_stale(&holder, &me, process_alive) {
                on_event(LockEvent::Stale(&holder));
                self.delete_lock(&holder.config_id).await?;
                continue;
            }
            if announced.as_deref() != Some(holder.config_id.as_str()) {
                on_event(LockEvent::Waiting(&holder));
                announced = Some(holder.config_id.clone());
            }
            if Instant::now() >= deadline {
                let age = holder
                    .age(now_secs())
                    .map(|age| format!(" for {}s", age.as_secs()))
                    .unwrap_or_default();
                bail!(
                    "another alacrity command holds the swarm's deploy lock: {}{age}; waited \
                     {}s for it\n  wait for it to finish and run this again (or with a longer \
                     --lock-timeout); if its process is gone, see it with `alacrity lock status` \
                     and remove it with `alacrity lock release`",
                    holder.describe(),
                    timeout.as_secs()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Gives the lock back.
    pub async fn release_lock(&self, lock: HeldLock) -> anyhow::Result<()> {
        self.delete_lock(&lock.config_id).await
    }

    /// Removes the lock whoever holds it (`alacrity lock release`); returns who held it.
    pub async fn break_lock(&self) -> anyhow::Result<Option<LockHolder>> {
        let holder = self.lock_holder().await?;
        if let Some(holder) = &holder {
            self.delete_lock(&holder.config_id).await?;
        }
        Ok(holder)
    }

    async fn delete_lock(&self, config_id: &str) -> anyhow::Result<()> {
        match self.docker.delete_config(config_id).await {
            Err(err) if is_not_found(&err) => Ok(()),
            result => result.map_err(engine_error).context(
                "cannot release the swarm's deploy lock; remove it with `alacrity lock release`",
            ),
        }
    }
}

/// Seconds since the Unix epoch, now (for lock ages).
pub fn now() -> u64 {
    now_secs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(host: &str, pid: u32) -> LockHolder {
        LockHolder {
            command: "deploy".into(),
            user: "ci".into(),
            host: host.into(),
            pid,
            process_start: Some(100),
            since: Some(1_000),
            config_id: "c".into(),
        }
    }

    fn me() -> Me {
        Me {
            command: "deploy".into(),
            user: "me".into(),
            host: "laptop".into(),
            pid: 7,
            process_start: Some(5),
        }
    }

    #[test]
    fn only_a_dead_holder_on_this_machine_is_stale() {
        let dead = |_: u32, _: Option<u64>| false;
        let alive = |_: u32, _: Option<u64>| true;
        assert!(is_stale(&holder("laptop", 42), &me(), dead));
        assert!(!is_stale(&holder("laptop", 42), &me(), alive));
        // Another machine's process cannot be checked from here.
        assert!(!is_stale(&holder("ci-runner", 42), &me(), dead));
    }

    #[test]
    fn this_process_is_alive_and_a_reused_pid_is_not_the_holder() {
        let pid = std::process::id();
        let start = process_start(pid);
        assert!(start.is_some());
        assert!(process_alive(pid, start));
        assert!(!process_alive(pid, start.map(|s| s + 1)));
        assert!(!process_alive(u32::MAX - 1, None));
    }

    #[test]
    fn the_start_time_is_field_22_even_with_odd_command_names() {
        let stat = "42 (a (b) c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assert_eq!(parse_process_start(stat), Some(987_654));
        assert_eq!(parse_process_start("garbage"), None);
    }

    #[test]
    fn the_holder_is_described_with_its_age() {
        let holder = holder("ci-runner", 42);
        assert_eq!(holder.describe(), "`deploy` by ci on ci-runner (pid 42)");
        assert_eq!(holder.age(1_030), Some(Duration::from_secs(30)));
    }
}
