//! Taking, releasing and breaking the swarm-wide lock (`core::lock` has its contract); this
//! process as a holder (its user, machine, pid and start time).

use crate::core::lock::*;

use super::{Engine, engine_error, is_conflict, is_not_found};
use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::models::ConfigSpec;
use bollard::query_parameters::ListConfigsOptions;
use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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
        let me = me(command);
        let deadline = Instant::now() + timeout;
        let mut announced: Option<String> = None;
        loop {
            let spec = ConfigSpec {
                name: Some(LOCK_NAME.to_string()),
                labels: Some(me.labels(now())),
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
                return Err(LockBusy {
                    holder,
                    waited: timeout,
                }
                .into());
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

/// How often a held lock is looked at again while waiting for it.
const POLL: Duration = Duration::from_millis(100);

/// This process, as a lock holder.
fn me(command: &str) -> Me {
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

/// Seconds since the Unix epoch, now (for lock ages).
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_reused_pid_is_not_the_holder() {
        let pid = std::process::id();
        let start = process_start(pid);
        assert!(start.is_some());
        assert!(process_alive(pid, start));
        assert!(!process_alive(pid, start.map(|s| s + 1)));
        assert!(!process_alive(u32::MAX - 1, None));
    }
}
