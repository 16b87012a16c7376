//! `alacrity lock status|release`, and [`locked`]: how the commands that write hold the
//! swarm-wide lock around their checks and writes (see `engine::lock`).

use std::future::Future;

use serde::Serialize;

use crate::cli::LockCommand;
use crate::core::lock::LockHolder;
use crate::core::lock::{LockBusy, LockEvent};
use crate::engine::Connector;
use crate::engine::Engine;
use crate::engine::now;
use crate::exit::{ExitStatus, HandlingCtrlC, Interrupted};
use crate::printer::Printer;

pub async fn run(
    command: &LockCommand,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    let engine = engine.connect().await?;
    match command {
        LockCommand::Status => {
            let holder = engine.lock_holder().await?;
            print_holder(holder.as_ref(), printer, "held");
        }
        LockCommand::Release => {
            let Some(holder) = engine.lock_holder().await? else {
                print_holder(None, printer, "released");
                return Ok(ExitStatus::Success);
            };
            printer.warn(format!(
                "the lock is held by {}{}; release it only if that command is no longer running",
                holder.describe(),
                age_text(&holder)
            ));
            if !printer.confirm("Release the lock?", "release the swarm's deploy lock", yes)? {
                anyhow::bail!("not released: the lock is still held");
            }
            let released = engine.break_lock().await?;
            print_holder(released.as_ref(), printer, "released");
        }
    }
    Ok(ExitStatus::Success)
}

/// `lock status` / `lock release` in JSON.
#[derive(Debug, Serialize)]
struct LockReport<'a> {
    /// `held` or `free` (status); `released` or `free` (release).
    state: &'a str,
    holder: Option<&'a LockHolder>,
    age_seconds: Option<u64>,
}

fn print_holder(holder: Option<&LockHolder>, printer: &Printer, verb: &str) {
    let state = if holder.is_some() { verb } else { "free" };
    if printer.is_json() {
        printer.json(&LockReport {
            state,
            holder,
            age_seconds: holder.and_then(|h| h.age(now())).map(|age| age.as_secs()),
        });
        return;
    }
    match holder {
        None => printer.data("the swarm's deploy lock is free"),
        Some(holder) if verb == "held" => {
            printer.data(format!("held by {}{}", holder.describe(), age_text(holder)))
        }
        Some(holder) => printer.data(format!(
            "released the lock held by {}{}",
            holder.describe(),
            age_text(holder)
        )),
    }
}

fn age_text(holder: &LockHolder) -> String {
    holder
        .age(now())
        .map(|age| format!(" for {}s", age.as_secs()))
        .unwrap_or_default()
}

/// Runs `work` holding the swarm's deploy lock, for `command` (`deploy`, `volumes rm`, ...): waits
/// for another holder up to the `--lock-timeout`, and gives the lock back however `work` ends,
/// Ctrl-C included.
pub async fn locked<T>(
    engine: &Engine,
    connector: &Connector,
    command: &str,
    printer: &Printer,
    work: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    locked_with(engine, connector, command, printer, work, true).await
}

/// [`locked`], for `work` that handles Ctrl-C itself (it cleans up after an interruption, and
/// ends with an error then): Ctrl-C never drops it half-way.
pub async fn locked_to_the_end<T>(
    engine: &Engine,
    connector: &Connector,
    command: &str,
    printer: &Printer,
    work: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    locked_with(engine, connector, command, printer, work, false).await
}

async fn locked_with<T>(
    engine: &Engine,
    connector: &Connector,
    command: &str,
    printer: &Printer,
    work: impl Future<Output = anyhow::Result<T>>,
    drop_on_ctrl_c: bool,
) -> anyhow::Result<T> {
    let lock = engine
        .acquire_lock(command, connector.lock_timeout(), |event| match event {
            LockEvent::Waiting(holder) => printer.info(format!(
                "waiting for the swarm's deploy lock, held by {}{}",
                holder.describe(),
                age_text(holder)
            )),
            LockEvent::Stale(holder) => printer.warn(format!(
                "taking over the swarm's deploy lock from {}: that process is gone",
                holder.describe()
            )),
        })
        .await
        .map_err(|err| match err.downcast::<LockBusy>() {
            Ok(busy) => anyhow::anyhow!(
                "another alacrity command holds the swarm's deploy lock: {}{}; waited {}s for \
                 it\n  wait for it to finish and run this again (or with a longer \
                 --lock-timeout); if its process is gone, see it with `alacrity lock status` \
                 and remove it with `alacrity lock release`",
                busy.holder.describe(),
                age_text(&busy.holder),
                busy.waited.as_secs()
            ),
            Err(err) => err,
        })?;
    let handling = HandlingCtrlC::start();
    let interrupted = async {
        match drop_on_ctrl_c {
            true => tokio::signal::ctrl_c().await,
            false => std::future::pending().await,
        }
    };
    let result = tokio::select! {
        biased;
        _ = interrupted => Err(Interrupted(format!(
            "interrupted: `{command}` stopped; what it already sent to the swarm stays, \
             run the same command again to finish"
        )).into()),
        result = work => result,
    };
    let released = engine.release_lock(lock).await;
    drop(handling);
    match (result, released) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(err)) => Err(err),
        (Err(err), Ok(())) => Err(err),
        (Err(err), Err(release)) => {
            printer.warn(format!("{release:#}"));
            Err(err)
        }
    }
}
