//! Returning apps to their previous version: after a failed update in `deploy` (unless
//! `--no-rollback`), and on `apps rollback`. The swarm does the returning (its update's failure
//! action, or alacrity's request); this waits for it and says what became of each app.

use std::time::Duration;

use crate::core::apply::Applied;
use crate::core::converge::{AppProgress, ProgressState, Target, WaitEnd};
use crate::core::plan::{Action, Plan};
use crate::core::rollback::{NoReturn, SwarmDoes};
use crate::engine::{Engine, Returning};
use crate::exit::Interrupted;
use crate::printer::Printer;

use super::deploy::progress_line;

/// What became of an app whose update failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterFailure {
    /// It runs its previous version again, `running` instances of it; `by_swarm`: the swarm
    /// started the rollback itself.
    RolledBack { by_swarm: bool, running: u64 },
    /// Its rollback failed too (the swarm's reason), or did not finish in time.
    RollbackFailed(String),
    /// Created by this deploy: there is no previous version. What the swarm does with it, when
    /// it could be read.
    New(Option<SwarmDoes>),
    /// `--no-rollback`: left as it failed.
    LeftAsFailed(Option<SwarmDoes>),
    /// This deploy moved it to another node (`--move-node`): returning would move it back, so it
    /// is left as it failed.
    Moved(Option<SwarmDoes>),
    /// Another client wrote it meanwhile: left alone.
    ChangedMeanwhile,
}

impl AfterFailure {
    /// The state `deploy -o json` reports for the app.
    pub fn state(&self) -> Option<&'static str> {
        match self {
            AfterFailure::RolledBack { .. } => Some("rolled-back"),
            AfterFailure::RollbackFailed(_) => Some("rollback-failed"),
            AfterFailure::New(does)
            | AfterFailure::LeftAsFailed(does)
            | AfterFailure::Moved(does) => match does {
                Some(SwarmDoes::Paused { .. }) => Some("paused"),
                Some(SwarmDoes::Updating { .. }) => Some("updating"),
                Some(SwarmDoes::RollingBack) => Some("rolling-back"),
                Some(SwarmDoes::RolledBack) => Some("rolled-back"),
                _ => None,
            },
            AfterFailure::ChangedMeanwhile => None,
        }
    }

    /// One line of the deploy's error about the app.
    pub fn words(&self, app: &str) -> String {
        match self {
            AfterFailure::RolledBack {
                by_swarm: false, ..
            } => {
                format!("`{app}` was rolled back: its previous version runs again")
            }
            AfterFailure::RolledBack { by_swarm: true, .. } => {
                format!("the swarm rolled `{app}` back: its previous version runs again")
            }
            AfterFailure::RollbackFailed(reason) => format!(
                "`{app}` could not be rolled back: {reason}; see its tasks with `alacrity apps ps \
                 {app}`"
            ),
            AfterFailure::New(does) => format!(
                "`{app}` is new: there is no previous version to return to; {} (`alacrity apps \
                 rm {app}` removes it)",
                swarm_words(*does)
            ),
            AfterFailure::LeftAsFailed(does) => format!(
                "`{app}` is left as it failed (--no-rollback): {}; `alacrity apps rollback {app}` \
                 returns it to its previous version",
                swarm_words(*does)
            ),
            AfterFailure::Moved(does) => format!(
                "`{app}` moved to another node in this deploy: alacrity does not roll it back \
                 (that would move it again), and {}",
                swarm_words(*does)
            ),
            AfterFailure::ChangedMeanwhile => {
                format!("`{app}` was changed by another client meanwhile: it is not rolled back")
            }
        }
    }
}

/// What the swarm does with an app alacrity leaves as it failed, in words.
fn swarm_words(does: Option<SwarmDoes>) -> String {
    let containers = |n: usize| match n {
        1 => "1 container".to_string(),
        n => format!("{n} containers"),
    };
    match does {
        Some(SwarmDoes::Paused { new, old }) => format!(
            "the swarm paused its update, with {} of the new version and {} of the previous \
             one running",
            containers(new),
            containers(old)
        ),
        Some(SwarmDoes::Updating { new, old }) => format!(
            "the swarm is still updating it ({} of the new version and {} of the previous one \
             run so far)",
            containers(new),
            containers(old)
        ),
        Some(SwarmDoes::RollingBack) => "the swarm is rolling it back by itself".to_string(),
        Some(SwarmDoes::RolledBack) => {
            "the swarm rolled it back by itself: its previous version runs again".to_string()
        }
        Some(SwarmDoes::Completed) => "the swarm completed its update since".to_string(),
        Some(SwarmDoes::Retrying) => {
            "the swarm keeps restarting its containers as they fail".to_string()
        }
        None => "the swarm keeps retrying it".to_string(),
    }
}

/// The apps of a failed wait that did not get where they should.
pub fn failed_apps(end: &WaitEnd) -> Vec<String> {
    match end {
        WaitEnd::Failed(failed) => failed.iter().map(|app| app.name.clone()).collect(),
        WaitEnd::TimedOut { progress, .. } => progress
            .iter()
            .filter(|app| app.state != ProgressState::Converged)
            .map(|app| app.name.clone())
            .collect(),
        WaitEnd::Superseded(_) => Vec::new(),
    }
}

/// Returns the updated apps among `failed` to their previous version (or says why not), and
/// waits up to `timeout` for them to run it.
pub async fn return_failed(
    engine: &Engine,
    plan: &Plan,
    applied: &[Applied],
    failed: &[String],
    (timeout, monitor): (Duration, Duration),
    printer: &Printer,
) -> anyhow::Result<Vec<(String, AfterFailure)>> {
    let mut outcomes = Vec::new();
    let mut returning = Vec::new();
    for name in failed {
        let (Some(done), Some(planned)) = (
            applied.iter().find(|app| &app.name == name),
            plan.apps.iter().find(|app| &app.app.name == name),
        ) else {
            continue;
        };
        // What the swarm does with an app alacrity leaves as it is (none when it cannot be
        // read: the words stay general then).
        let does = || async { engine.swarm_does(&done.target).await.ok() };
        let before = match (&planned.current, done.action) {
            (Some(current), Action::Update) => &current.spec,
            _ => {
                outcomes.push((name.clone(), AfterFailure::New(does().await)));
                continue;
            }
        };
        let outcome = if !engine.rolls_back() {
            Some(AfterFailure::LeftAsFailed(does().await))
        } else if plan.moves().any(|(app, _)| &app.app.name == name) {
            Some(AfterFailure::Moved(does().await))
        } else {
            None
        };
        if let Some(outcome) = outcome {
            outcomes.push((name.clone(), outcome));
            continue;
        }
        match engine.return_after_failure(&done.target, before).await {
            Ok(Returning::Asked(target)) => {
                printer.info(format!("{name}: rolling back to its previous version"));
                returning.push((target, false));
            }
            Ok(Returning::BySwarm(target)) => {
                printer.info(format!(
                    "{name}: the swarm is rolling it back to its previous version"
                ));
                returning.push((target, true));
            }
            Ok(Returning::ChangedMeanwhile) => {
                outcomes.push((name.clone(), AfterFailure::ChangedMeanwhile));
            }
            Err(err) => outcomes.push((
                name.clone(),
                AfterFailure::RollbackFailed(format!("{err:#}")),
            )),
        }
    }
    let targets: Vec<Target> = returning.iter().map(|(target, _)| target.clone()).collect();
    let ends = wait_for_returns(engine, &targets, timeout, monitor, printer).await?;
    for ((target, by_swarm), end) in returning.into_iter().zip(ends) {
        let outcome = match end {
            Ok(running) => AfterFailure::RolledBack { by_swarm, running },
            Err(reason) => AfterFailure::RollbackFailed(reason),
        };
        outcomes.push((target.name, outcome));
    }
    Ok(outcomes)
}

/// Waits until each target (a returning app) runs its previous version: per target, the number
/// of its instances that run, or why not (the swarm's reason, or the time it took). A failing app does not stop the wait for the
/// others. Ctrl-C stops the waiting, not the rollbacks.
pub async fn wait_for_returns(
    engine: &Engine,
    targets: &[Target],
    timeout: Duration,
    monitor: Duration,
    printer: &Printer,
) -> anyhow::Result<Vec<Result<u64, String>>> {
    let mut ends: Vec<Option<Result<u64, String>>> = vec![None; targets.len()];
    let deadline = tokio::time::Instant::now() + timeout;
    let mut progress = printer.progress(targets.iter().map(|target| target.name.as_str()));
    let mut last: Vec<AppProgress> = Vec::new();
    loop {
        let waiting: Vec<Target> = targets
            .iter()
            .zip(&ends)
            .filter(|(_, end)| end.is_none())
            .map(|(target, _)| target.clone())
            .collect();
        if waiting.is_empty() {
            break;
        }
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let wait = engine.wait(&waiting, left, monitor, |now| {
            for app in now {
                progress.show(&app.name, progress_line(app));
            }
            last = now.to_vec();
        });
        let ended = tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => {
                return Err(Interrupted(
                    "interrupted: stopped waiting, but the rollback continues in the swarm; \
                     watch it with `alacrity apps ls`".into(),
                )
                .into());
            }
            ended = wait => ended?,
        };
        let mut settle = |name: &str, end: Result<u64, String>| {
            if let Some(index) = targets.iter().position(|target| target.name == name) {
                ends[index].get_or_insert(end);
            }
        };
        match ended {
            Ok(done) => done
                .iter()
                .for_each(|app| settle(&app.name, Ok(app.running))),
            Err(WaitEnd::Failed(failed)) => {
                for app in failed {
                    if let ProgressState::Failed(reason) = &app.state {
                        settle(&app.name, Err(reason.clone()));
                    }
                }
            }
            Err(WaitEnd::Superseded(app)) => settle(
                &app.name,
                Err("changed by another client while it rolled back".into()),
            ),
            Err(WaitEnd::TimedOut {
                progress,
                timeout: _,
            }) => {
                for app in progress {
                    let end = match app.state {
                        ProgressState::Converged => Ok(app.running),
                        _ => Err(format!(
                            "the rollback did not finish within {} ({})",
                            crate::core::tasks::humanize(timeout),
                            progress_line(&app)
                        )),
                    };
                    settle(&app.name, end);
                }
            }
        }
    }
    for app in &last {
        progress.finish(&app.name, progress_line(app));
    }
    Ok(ends
        .into_iter()
        .map(|end| end.unwrap_or_else(|| Err("not waited for".into())))
        .collect())
}

/// Why `apps rollback` cannot return an app, in words, with what to do.
pub fn refusal_words(app: &str, refusal: &NoReturn, hostname: impl Fn(&str) -> String) -> String {
    match refusal {
        NoReturn::NoPrevious => format!(
            "cannot roll back `{app}`: it has no previous version (it was not updated since it \
             was created); deploy the version you want with `alacrity deploy`"
        ),
        NoReturn::NotAlacritys => format!(
            "cannot roll back `{app}`: its previous version was not deployed by alacrity; deploy \
             the version you want with `alacrity deploy`"
        ),
        NoReturn::MovesAway { from, to } => format!(
            "cannot roll back `{app}`: its previous version runs on {}, but the app and its data \
             are on node {} now; rolling back would start it away from its data. Deploy the \
             version you want with `alacrity deploy` instead",
            to.as_ref().map_or("any node".to_string(), |to| format!(
                "node {}",
                hostname(&to.node_id)
            )),
            hostname(&from.node_id)
        ),
    }
}
