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
use std::time::Duration;

use super::labels;

/// The name of the swarm config that is the lock.
pub const LOCK_NAME: &str = "alacrity-lock";

pub(crate) const COMMAND: &str = "io.alacrity.lock.command";
pub(crate) const USER: &str = "io.alacrity.lock.user";
pub(crate) const HOST: &str = "io.alacrity.lock.host";
pub(crate) const PID: &str = "io.alacrity.lock.pid";
pub(crate) const PROCESS_START: &str = "io.alacrity.lock.process-start";
pub(crate) const SINCE: &str = "io.alacrity.lock.since";

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
    pub(crate) config_id: String,
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
    /// The labels of the lock this holder takes, at `now_secs`.
    pub(crate) fn labels(&self, now_secs: u64) -> HashMap<String, String> {
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

/// The lock, held by this process: give it back with `Engine::release_lock`.
#[derive(Debug)]
#[must_use = "a held lock must be released"]
pub struct HeldLock {
    pub(crate) config_id: String,
}

/// Whether a holder is gone for sure: it ran on this machine and its process no longer exists
/// (or the pid now belongs to a process started at another time). A holder on another machine
/// cannot be checked from here.
pub fn is_stale(holder: &LockHolder, me: &Me, alive: impl Fn(u32, Option<u64>) -> bool) -> bool {
    holder.host == me.host && holder.pid != me.pid && !alive(holder.pid, holder.process_start)
}

/// Field 22 of a /proc/PID/stat line; the command name (field 2) may hold spaces and parentheses.
pub(crate) fn parse_process_start(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    // Fields after the name start at field 3, so field 22 is the 20th of them.
    after_name.split_whitespace().nth(19)?.parse().ok()
}

/// The lock stayed held by another command for the whole wait (commands say what to do).
#[derive(Debug, Clone, thiserror::Error)]
#[error("another alacrity command holds the swarm's deploy lock: {}", holder.describe())]
pub struct LockBusy {
    pub holder: LockHolder,
    pub waited: Duration,
}

/// Events while taking the lock, for the command to put into words.
#[derive(Debug, Clone)]
pub enum LockEvent<'a> {
    /// Someone else holds it: waiting.
    Waiting(&'a LockHolder),
    /// The holder's process is gone: its lock is taken over.
    Stale(&'a LockHolder),
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
