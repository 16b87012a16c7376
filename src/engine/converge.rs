//! Waiting until deployed apps run: every desired task running the current spec, and the
//! service's update (if one started) complete. A task that cannot start, or an update the swarm
//! paused or rolled back, ends the wait with the engine's reason.
//!
//! Tasks of the current spec are told apart by the template hash alacrity puts on their
//! container labels; tasks that existed before the deploy wrote anything do not count as new
//! failures (the swarm keeps old failed tasks in its history).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use anyhow::Context;
use bollard::models::{Service, ServiceUpdateStatusStateEnum, Task, TaskState};
use bollard::query_parameters::{ListServicesOptions, ListTasksOptions};
use serde::Serialize;

use super::mapping;
use super::services::update_started;
use super::{Engine, engine_error, is_not_found};

/// How often the swarm is asked again while waiting. A task's new state reaches the manager's
/// store up to 100 ms after its node saw it (the dispatcher batches status updates), so with
/// 100 ms here `deploy` returns about 0.1 s (at most about 0.2 s) after the last task runs.
/// Each look is two light calls, whatever the number of apps.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// One app to wait for, as a deploy (or scale) left it.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    pub desired: u64,
    pub(in crate::engine) service_id: String,
    pub(in crate::engine) template_hash: String,
    /// Tasks that existed before the write: their failures are history, not this deploy's.
    pub(in crate::engine) known_tasks: HashSet<String>,
    /// When the update before this deploy started: a status that starts later is ours.
    pub(in crate::engine) update_started: Option<String>,
}

/// Where an app stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppProgress {
    pub name: String,
    /// Tasks of the current spec that run.
    pub running: u64,
    pub desired: u64,
    pub state: ProgressState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "lowercase")]
pub enum ProgressState {
    /// Not there yet, and why (e.g. "preparing", "pending: no suitable node ...").
    Waiting(String),
    Converged,
    /// It cannot get there: the engine's reason.
    Failed(String),
    /// Another deploy changed the app while this one waited: the swarm now runs the other
    /// spec (the last write wins). Says who changed what, as far as the service tells.
    Superseded(String),
}

impl Engine {
    /// Waits until every target has converged, calling `on_progress` after each look.
    ///
    /// Fails as soon as an app fails (every failed app is named), or when `timeout` passes
    /// (every pending app is named, with why).
    pub async fn wait(
        &self,
        targets: &[Target],
        timeout: Duration,
        mut on_progress: impl FnMut(&[AppProgress]),
    ) -> anyhow::Result<Vec<AppProgress>> {
        let deadline = Instant::now() + timeout;
        loop {
            let progress = self.progress(targets).await?;
            on_progress(&progress);
            let failed: Vec<&AppProgress> = progress
                .iter()
                .filter(|p| matches!(p.state, ProgressState::Failed(_)))
                .collect();
            if !failed.is_empty() {
                return Err(failed_error(&failed));
            }
            if let Some(superseded) = progress
                .iter()
                .find(|p| matches!(p.state, ProgressState::Superseded(_)))
            {
                return Err(superseded_error(superseded));
            }
            if progress.iter().all(|p| p.state == ProgressState::Converged) {
                return Ok(progress);
            }
            if Instant::now() >= deadline {
                return Err(timeout_error(&progress, timeout));
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Where each app stands now: two API calls however many apps (a deploy of many apps
    /// polls often).
    pub async fn progress(&self, targets: &[Target]) -> anyhow::Result<Vec<AppProgress>> {
        let ids: Vec<String> = targets.iter().map(|t| t.service_id.clone()).collect();
        let (services, tasks) = self.services_and_tasks(&ids).await?;
        Ok(targets
            .iter()
            .map(|target| {
                let id = Some(target.service_id.as_str());
                let Some(service) = services.iter().find(|s| s.id.as_deref() == id) else {
                    let removed = "its service was removed while waiting".to_string();
                    return progress_of(target, 0, ProgressState::Failed(removed));
                };
                let own: Vec<Task> = tasks
                    .iter()
                    .filter(|t| t.service_id.as_deref() == id)
                    .cloned()
                    .collect();
                evaluate(target, service, &own)
            })
            .collect())
    }

    /// The services of these IDs that exist, and their tasks. The engine refuses a task
    /// filter naming a service that does not exist, so a service removed between the two calls
    /// means asking again.
    async fn services_and_tasks(
        &self,
        ids: &[String],
    ) -> anyhow::Result<(Vec<Service>, Vec<Task>)> {
        let mut attempts = 3;
        loop {
            let filters = HashMap::from([("id".to_string(), ids.to_vec())]);
            let services = self
                .docker
                .list_services(Some(ListServicesOptions {
                    filters: Some(filters),
                    ..Default::default()
                }))
                .await
                .map_err(engine_error)
                .context("cannot list the swarm's services")?;
            let present: Vec<String> = services.iter().filter_map(|s| s.id.clone()).collect();
            if present.is_empty() {
                return Ok((services, Vec::new()));
            }
            let filters = HashMap::from([("service".to_string(), present)]);
            let options = ListTasksOptions {
                filters: Some(filters),
            };
            match self.docker.list_tasks(Some(options)).await {
                Ok(tasks) => return Ok((services, tasks)),
                Err(err) if is_not_found(&err) && attempts > 1 => attempts -= 1,
                Err(err) => {
                    return Err(engine_error(err)).context("cannot list the swarm's tasks");
                }
            }
        }
    }

    /// The tasks of services (current and the history the swarm keeps).
    pub(in crate::engine) async fn tasks_of(
        &self,
        service_ids: &[String],
    ) -> anyhow::Result<Vec<Task>> {
        let filters = HashMap::from([("service".to_string(), service_ids.to_vec())]);
        self.docker
            .list_tasks(Some(ListTasksOptions {
                filters: Some(filters),
            }))
            .await
            .map_err(engine_error)
            .context("cannot list the swarm's tasks")
    }
}

fn progress_of(target: &Target, running: u64, state: ProgressState) -> AppProgress {
    AppProgress {
        name: target.name.clone(),
        running,
        desired: target.desired,
        state,
    }
}

/// Where an app stands, from its service and tasks (pure).
pub(in crate::engine) fn evaluate(
    target: &Target,
    service: &Service,
    tasks: &[Task],
) -> AppProgress {
    let ours: Vec<&Task> = tasks
        .iter()
        .filter(|task| mapping::template_hash(task.spec.as_ref()) == Some(&target.template_hash))
        .collect();
    let running = ours.iter().filter(|t| is_running(t)).count() as u64;
    let state = |state| progress_of(target, running, state);
    if let Some(failed) = latest(ours.iter().copied().filter(|t| is_new_failure(target, t))) {
        return state(ProgressState::Failed(task_reason(failed)));
    }
    let update = match update_of_this_deploy(target, service) {
        Update::Failed(reason) => return state(ProgressState::Failed(reason)),
        update => update,
    };
    if let Some(reason) = superseded(target, service) {
        return state(ProgressState::Superseded(reason));
    }
    if running >= target.desired && update != Update::InProgress {
        return state(ProgressState::Converged);
    }
    let not_running = ours.iter().copied().filter(|t| !is_running(t));
    let reason = match latest(not_running) {
        Some(task) => task_reason(task),
        None if update == Update::InProgress => "updating".to_string(),
        None => "waiting for the swarm to schedule its tasks".to_string(),
    };
    state(ProgressState::Waiting(reason))
}

/// Why the service no longer has the task template this deploy wrote, if it does not: another
/// writer (a concurrent deploy, `docker service update`) replaced it. Without this, the wait
/// would watch for tasks the swarm will never start until the timeout.
fn superseded(target: &Target, service: &Service) -> Option<String> {
    let spec = service.spec.as_ref();
    let now = mapping::template_hash(spec.and_then(|s| s.task_template.as_ref()));
    if now == Some(target.template_hash.as_str()) {
        return None;
    }
    Some("changed by another deploy (or `docker service update`) while this one waited".into())
}

/// The service's rolling update, as far as this deploy is concerned.
#[derive(Debug, PartialEq, Eq)]
enum Update {
    /// None started since the deploy (an older status is history).
    None,
    InProgress,
    Done,
    /// Paused or rolled back: the engine's message.
    Failed(String),
}

fn update_of_this_deploy(target: &Target, service: &Service) -> Update {
    let status = service.update_status.as_ref();
    let started = update_started(status);
    if started.is_none() || started == target.update_started {
        return Update::None;
    }
    let message = status.and_then(|u| u.message.clone()).unwrap_or_default();
    match status.and_then(|u| u.state) {
        Some(ServiceUpdateStatusStateEnum::UPDATING) => Update::InProgress,
        Some(ServiceUpdateStatusStateEnum::PAUSED) => {
            Update::Failed(format!("the swarm paused the update: {message}"))
        }
        Some(
            ServiceUpdateStatusStateEnum::ROLLBACK_STARTED
            | ServiceUpdateStatusStateEnum::ROLLBACK_PAUSED
            | ServiceUpdateStatusStateEnum::ROLLBACK_COMPLETED,
        ) => Update::Failed(format!(
            "the update failed and the swarm rolled it back: {message}"
        )),
        _ => Update::Done,
    }
}

/// A task meant to run that runs.
fn is_running(task: &Task) -> bool {
    task.desired_state == Some(TaskState::RUNNING) && state_of(task) == Some(TaskState::RUNNING)
}

fn state_of(task: &Task) -> Option<TaskState> {
    task.status.as_ref().and_then(|status| status.state)
}

/// A task of this deploy that the swarm rejected or that failed.
fn is_new_failure(target: &Target, task: &Task) -> bool {
    let id = task.id.as_deref().unwrap_or_default();
    !target.known_tasks.contains(id)
        && matches!(
            state_of(task),
            Some(TaskState::FAILED | TaskState::REJECTED)
        )
}

/// The most recently changed task.
fn latest<'a>(tasks: impl Iterator<Item = &'a Task>) -> Option<&'a Task> {
    tasks.max_by_key(|task| task.version.as_ref().and_then(|v| v.index).unwrap_or(0))
}

/// A task's state and the engine's reason: its error, else its status message (alone when it
/// already says the state, as in "pending task scheduling").
pub(in crate::engine) fn task_reason(task: &Task) -> String {
    let status = task.status.clone().unwrap_or_default();
    let state = status
        .state
        .map(|s| s.to_string())
        .unwrap_or_else(|| "unknown".into());
    let detail = status
        .err
        .filter(|err| !err.is_empty())
        .or(status.message.filter(|message| !message.is_empty()));
    match detail {
        Some(detail) if detail.starts_with(&state) => detail,
        Some(detail) => format!("{state}: {detail}"),
        None => state,
    }
}

fn failed_error(failed: &[&AppProgress]) -> anyhow::Error {
    let mut text = String::from("the deploy failed:");
    for app in failed {
        if let ProgressState::Failed(reason) = &app.state {
            text.push_str(&format!("\n  app `{}` cannot start: {reason}", app.name));
        }
    }
    if failed.iter().any(|app| is_missing_bind_source(&app.state)) {
        text.push_str(MISSING_BIND_SOURCE_HINT);
    }
    let first = &failed[0].name;
    text.push_str(&format!(
        "\n  the swarm keeps retrying; fix the cause and deploy again \
         (every attempt: `docker service ps {first} --no-trunc`)"
    ));
    anyhow::anyhow!(text)
}

/// `validate` checks host paths where alacrity runs, which on several servers need not be where the
/// app runs: the engine's words alone do not say which machine lacks the directory.
const MISSING_BIND_SOURCE_HINT: &str = "\n  a host_path must exist on the node the app runs on \
     (`alacrity apps ls` shows it), not only where alacrity runs: create it there, or set `node` \
     to a node that has it";

fn is_missing_bind_source(state: &ProgressState) -> bool {
    matches!(state, ProgressState::Failed(reason) if reason.contains("bind source path does not exist"))
}

fn superseded_error(app: &AppProgress) -> anyhow::Error {
    let reason = match &app.state {
        ProgressState::Superseded(reason) => reason.as_str(),
        _ => "changed by another deploy",
    };
    anyhow::anyhow!(
        "conflict: app `{}` was {reason}: the swarm runs the spec written last, not this \
         deploy's\n  check what runs with `alacrity apps ls`; run this deploy again if its spec \
         should win",
        app.name
    )
}

fn timeout_error(progress: &[AppProgress], timeout: Duration) -> anyhow::Error {
    let mut text = format!("the apps did not converge within {}:", humanize(timeout));
    for app in progress {
        if let ProgressState::Waiting(reason) = &app.state {
            text.push_str(&format!(
                "\n  app `{}`: {}/{} running; {reason}",
                app.name, app.running, app.desired
            ));
        }
    }
    text.push_str(
        "\n  the swarm keeps trying; watch with `alacrity apps ls`, or deploy again with a longer --timeout",
    );
    anyhow::anyhow!(text)
}

/// `90s`, `5m`, `1m30s`.
pub fn humanize(duration: Duration) -> String {
    let secs = duration.as_secs();
    match (secs / 60, secs % 60) {
        (0, 0) => format!("{}ms", duration.as_millis()),
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use bollard::models::{
        ObjectVersion, ServiceSpec, ServiceUpdateStatus, TaskSpec, TaskSpecContainerSpec,
        TaskStatus,
    };

    use super::*;
    use crate::engine::labels;

    fn target(known: &[&str]) -> Target {
        Target {
            name: "web".into(),
            desired: 2,
            service_id: "svc".into(),
            template_hash: "new".into(),
            known_tasks: known.iter().map(|s| s.to_string()).collect(),
            update_started: Some("2024-01-01T00:00:00Z".into()),
        }
    }

    fn task(
        id: &str,
        hash: &str,
        desired: TaskState,
        state: TaskState,
        err: Option<&str>,
        index: u64,
    ) -> Task {
        Task {
            id: Some(id.into()),
            version: Some(ObjectVersion { index: Some(index) }),
            spec: Some(TaskSpec {
                container_spec: Some(TaskSpecContainerSpec {
                    labels: Some(HashMap::from([(labels::TEMPLATE_HASH.into(), hash.into())])),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            desired_state: Some(desired),
            status: Some(TaskStatus {
                state: Some(state),
                err: err.map(str::to_string),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    /// A service whose task template is `hash`.
    fn service_of(hash: &str) -> Service {
        let template = task("", hash, TaskState::RUNNING, TaskState::RUNNING, None, 0).spec;
        Service {
            spec: Some(ServiceSpec {
                task_template: template,
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    /// A service with the target's template ("new") and this update status.
    fn service(state: Option<ServiceUpdateStatusStateEnum>, started: &str) -> Service {
        Service {
            update_status: state.map(|state| ServiceUpdateStatus {
                state: Some(state),
                started_at: Some(started.into()),
                message: Some("update paused due to failure".into()),
                ..Default::default()
            }),
            ..service_of("new")
        }
    }

    use TaskState::{FAILED, PREPARING, REJECTED, RUNNING, SHUTDOWN};

    #[test]
    fn converged_when_every_desired_task_of_the_new_spec_runs() {
        let tasks = [
            task("a", "new", RUNNING, RUNNING, None, 5),
            task("b", "new", RUNNING, RUNNING, None, 6),
            task("old", "old", SHUTDOWN, RUNNING, None, 4),
        ];
        let progress = evaluate(&target(&[]), &service(None, ""), &tasks);
        assert_eq!(progress.state, ProgressState::Converged);
        assert_eq!(progress.running, 2);
    }

    #[test]
    fn old_tasks_do_not_count_as_running() {
        let tasks = [
            task("a", "new", RUNNING, PREPARING, None, 5),
            task("old1", "old", RUNNING, RUNNING, None, 3),
            task("old2", "old", RUNNING, RUNNING, None, 4),
        ];
        let progress = evaluate(&target(&[]), &service(None, ""), &tasks);
        assert_eq!(progress.running, 0);
        assert_eq!(progress.state, ProgressState::Waiting("preparing".into()));
    }

    #[test]
    fn a_rejected_new_task_fails_with_the_engines_reason() {
        let err = "invalid mount config for type \"bind\": bind source path does not exist: /x";
        let tasks = [task("a", "new", SHUTDOWN, REJECTED, Some(err), 5)];
        let progress = evaluate(&target(&[]), &service(None, ""), &tasks);
        assert_eq!(
            progress.state,
            ProgressState::Failed(format!("rejected: {err}"))
        );
    }

    #[test]
    fn failures_from_before_the_deploy_are_only_a_reason_to_wait() {
        let tasks = [task("a", "new", SHUTDOWN, FAILED, Some("exit 1"), 5)];
        let progress = evaluate(&target(&["a"]), &service(None, ""), &tasks);
        assert_eq!(
            progress.state,
            ProgressState::Waiting("failed: exit 1".into())
        );
    }

    #[test]
    fn a_running_update_is_waited_for_and_a_rollback_fails() {
        let tasks = [
            task("a", "new", RUNNING, RUNNING, None, 5),
            task("b", "new", RUNNING, RUNNING, None, 6),
        ];
        let updating = service(
            Some(ServiceUpdateStatusStateEnum::UPDATING),
            "2024-02-01T00:00:00Z",
        );
        let progress = evaluate(&target(&[]), &updating, &tasks);
        assert!(matches!(progress.state, ProgressState::Waiting(_)));
        let rolled_back = service(
            Some(ServiceUpdateStatusStateEnum::ROLLBACK_COMPLETED),
            "2024-02-01T00:00:00Z",
        );
        let progress = evaluate(&target(&[]), &rolled_back, &[]);
        assert!(
            matches!(progress.state, ProgressState::Failed(ref r) if r.contains("rolled it back"))
        );
    }

    #[test]
    fn a_paused_update_fails_with_the_swarms_message() {
        let paused = service(
            Some(ServiceUpdateStatusStateEnum::PAUSED),
            "2024-02-01T00:00:00Z",
        );
        let progress = evaluate(&target(&[]), &paused, &[]);
        assert!(
            matches!(progress.state, ProgressState::Failed(ref r) if r.contains("update paused due to failure"))
        );
    }

    #[test]
    fn an_update_status_from_an_earlier_deploy_is_ignored() {
        let tasks = [
            task("a", "new", RUNNING, RUNNING, None, 5),
            task("b", "new", RUNNING, RUNNING, None, 6),
        ];
        let stale = service(
            Some(ServiceUpdateStatusStateEnum::ROLLBACK_COMPLETED),
            "2024-01-01T00:00:00Z",
        );
        let progress = evaluate(&target(&[]), &stale, &tasks);
        assert_eq!(progress.state, ProgressState::Converged);
    }

    #[test]
    fn a_service_another_deploy_rewrote_is_superseded_not_waited_for() {
        let tasks = [
            task("a", "new", SHUTDOWN, SHUTDOWN, None, 5),
            task("b", "theirs", RUNNING, RUNNING, None, 6),
        ];
        let progress = evaluate(&target(&[]), &service_of("theirs"), &tasks);
        assert!(
            matches!(progress.state, ProgressState::Superseded(ref r) if r.contains("changed by another deploy")),
            "{progress:?}"
        );
        let progress = evaluate(&target(&[]), &service_of("new"), &tasks);
        assert!(matches!(progress.state, ProgressState::Waiting(_)));
    }

    #[test]
    fn a_missing_bind_source_says_where_the_directory_must_exist() {
        let missing = AppProgress {
            name: "db".into(),
            running: 0,
            desired: 1,
            state: ProgressState::Failed(
                "rejected: invalid mount config for type \"bind\": bind source path does not exist: /x"
                    .into(),
            ),
        };
        let text = failed_error(&[&missing]).to_string();
        assert!(
            text.contains("must exist on the node the app runs on"),
            "{text}"
        );
        let other = AppProgress {
            state: ProgressState::Failed("failed: exit 1".into()),
            ..missing.clone()
        };
        let text = failed_error(&[&other]).to_string();
        assert!(!text.contains("host_path"), "{text}");
    }

    #[test]
    fn durations_read_like_the_flag() {
        assert_eq!(humanize(Duration::from_secs(90)), "1m30s");
        assert_eq!(humanize(Duration::from_secs(300)), "5m");
        assert_eq!(humanize(Duration::from_secs(20)), "20s");
        assert_eq!(humanize(Duration::from_millis(500)), "500ms");
    }
}
