//! Waiting until deployed apps run: every desired task running the current spec, and the
//! service's update (if one started) complete. A task that cannot start, or an update the swarm
//! paused or rolled back, ends the wait with the engine's reason.
//!
//! Converged means what it says, on every node (the manager sees every node's tasks):
//!
//! - the new tasks have stayed up for a short monitor window, seen with alacrity's own clock
//!   (a container that crashes a second after it started fails the deploy);
//! - no container that should stop still runs: an app scaled or deployed to 0 instances has
//!   converged only when its containers are gone, and a persistent app's old container only
//!   counts as stopped once it is (it writes to the app's data until then);
//! - a persistent app whose node is down, drained or gone cannot converge: the wait ends at once
//!   saying so, and so does a container that should stop on a node that is down (nobody can say
//!   whether it still runs).
//!
//! Tasks of the current spec are told apart by the template hash alacrity puts on their
//! container labels; tasks that existed before the deploy wrote anything do not count as new
//! failures (the swarm keeps old failed tasks in its history).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use bollard::models::{Service, ServiceUpdateStatusStateEnum, Task, TaskState};
use serde::Serialize;

use super::mapping;
use super::nodes::{Node, hostname_of};
use super::tasks::{has_healthcheck, humanize, is_live_state, task_reason, update_started};

/// How often the swarm is asked again while waiting. A task's new state reaches the manager's
/// store up to 100 ms after its node saw it (the dispatcher batches status updates), so with
/// 100 ms here `deploy` returns about 0.1 s (at most about 0.2 s) after the monitor window of the
/// last task to run ends. Each look is three light calls, whatever the number of apps.
pub(crate) const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// One app to wait for, as a deploy (or scale) left it.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    pub desired: u64,
    pub(crate) service_id: String,
    pub(crate) template_hash: String,
    /// Tasks that existed before the write: their failures are history, not this deploy's.
    pub(crate) known_tasks: HashSet<String>,
    /// When the update before this deploy started: a status that starts later is ours.
    pub(crate) update_started: Option<String>,
    /// A rollback: the swarm returns the app to its previous spec (whose template hash this
    /// target has), and its status says how that goes.
    pub(crate) rollback: bool,
}

/// Where an app stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppProgress {
    pub name: String,
    /// Tasks of the current spec that run (on nodes that are up), at most the desired number.
    pub running: u64,
    pub desired: u64,
    /// Containers that should stop and still run (their app was scaled down, updated or set to
    /// 0 instances).
    pub stopping: u64,
    /// Its containers have a health check of the spec's: a task runs only once the check passed,
    /// so the running ones are healthy.
    pub health_checked: bool,
    pub state: ProgressState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "lowercase")]
pub enum ProgressState {
    /// Not there yet, and why (e.g. "preparing", "pending: no suitable node ...", "stopping (1
    /// container still runs on node2)", "watching for 2s").
    Waiting(String),
    Converged,
    /// It cannot get there: the engine's reason, or a node that is down.
    Failed(String),
    /// Another deploy changed the app while this one waited: the swarm now runs the other
    /// spec (the last write wins). Says who changed what, as far as the service tells.
    Superseded(String),
}

/// The monitor window, and when alacrity first saw each task running (its own clock).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Watch<'a> {
    pub window: Duration,
    pub first_seen: &'a HashMap<String, Instant>,
    pub now: Instant,
}

/// What one look at the swarm returns.
pub(crate) struct Look {
    pub(crate) services: Vec<Service>,
    pub(crate) tasks: Vec<Task>,
    pub(crate) nodes: Vec<Node>,
}

/// Notes, for every task that runs now and was not seen running before, that it was first seen
/// running `now`.
pub(crate) fn note_running(
    tasks: &[Task],
    nodes: &[Node],
    now: Instant,
    first_seen: &mut HashMap<String, Instant>,
) {
    for task in tasks.iter().filter(|task| is_running(task, nodes)) {
        if let Some(id) = &task.id {
            first_seen.entry(id.clone()).or_insert(now);
        }
    }
}

/// Where each app stands after one look.
pub(crate) fn progress_of_all(targets: &[Target], look: &Look, watch: &Watch) -> Vec<AppProgress> {
    // Services and tasks by service ID once: linear in apps + tasks, not their product.
    let services: HashMap<&str, &Service> = look
        .services
        .iter()
        .filter_map(|s| s.id.as_deref().map(|id| (id, s)))
        .collect();
    let tasks = super::tasks::by_service(&look.tasks);
    targets
        .iter()
        .map(|target| {
            let id = target.service_id.as_str();
            let Some(service) = services.get(id) else {
                let removed = "its service was removed while waiting".to_string();
                return progress_of(target, 0, 0, ProgressState::Failed(removed));
            };
            let own = tasks.get(id).map(Vec::as_slice).unwrap_or_default();
            evaluate(target, service, own, &look.nodes, watch)
        })
        .collect()
}

pub(crate) fn progress_of(
    target: &Target,
    running: u64,
    stopping: u64,
    state: ProgressState,
) -> AppProgress {
    AppProgress {
        name: target.name.clone(),
        running,
        desired: target.desired,
        stopping,
        health_checked: false,
        state,
    }
}

/// How much longer the monitor window lasts for tasks first seen running at these times: none
/// once every one of them has been seen running for the whole window (pure).
pub(crate) fn left_to_watch(
    first_seen: impl IntoIterator<Item = Instant>,
    now: Instant,
    window: Duration,
) -> Option<Duration> {
    let last = first_seen.into_iter().max()?;
    let watched = now.saturating_duration_since(last);
    (watched < window).then(|| window - watched)
}

/// Where an app stands, from its service, its tasks (current and past) and the swarm's nodes
/// (pure).
pub(crate) fn evaluate(
    target: &Target,
    service: &Service,
    tasks: &[Task],
    nodes: &[Node],
    watch: &Watch,
) -> AppProgress {
    let persistent = service
        .spec
        .as_ref()
        .and_then(mapping::read_pin)
        .map(|pin| pin.node_id);
    let ours: Vec<&Task> = tasks
        .iter()
        .filter(|task| mapping::template_hash(task.spec.as_ref()) == Some(&target.template_hash))
        .collect();
    let running_tasks: Vec<&Task> = ours
        .iter()
        .copied()
        .filter(|t| is_running(t, nodes))
        .collect();
    let all_running = running_tasks.len() as u64;
    // Beyond the desired number, a running task is one the swarm is about to stop (it has not
    // marked it yet right after a scale down).
    let excess = all_running.saturating_sub(target.desired);
    let running = all_running - excess;
    let to_stop: Vec<&Task> = tasks
        .iter()
        .filter(|task| should_stop_but_runs(task))
        .collect();
    let (stopped_unseen, stopping_tasks): (Vec<&Task>, Vec<&Task>) = to_stop
        .into_iter()
        .partition(|task| node_is_down(task, nodes));
    // A container that should stop on a node that is down cannot say whether it stopped: a
    // persistent app's fails the wait (below); a non-persistent app's holds no data, the swarm
    // replaced it, and it is not waited for.
    let stopping = stopping_tasks.len() as u64 + excess;
    let health_checked =
        has_healthcheck(service.spec.as_ref().and_then(|s| s.task_template.as_ref()));
    let state = |state| AppProgress {
        health_checked,
        ..progress_of(target, running, stopping, state)
    };
    if let Some(failed) = failed_task(target, tasks) {
        return state(ProgressState::Failed(task_reason(failed)));
    }
    let update = match update_of_this_deploy(target, service) {
        Update::Failed(reason) => return state(ProgressState::Failed(reason)),
        update => update,
    };
    if let Some(reason) = superseded(target, service) {
        return state(ProgressState::Superseded(reason));
    }
    if let Some(pin) = &persistent {
        if let Some(reason) = pinned_node_trouble(nodes, pin, target.desired) {
            return state(ProgressState::Failed(reason));
        }
        if let Some(task) = stopped_unseen.first() {
            let node = hostname_of(nodes, task.node_id.as_deref().unwrap_or_default());
            return state(ProgressState::Failed(format!(
                "node {node} is down: a container of the app may still run there, on its data"
            )));
        }
    }
    if stopping > 0 {
        let mut on: Vec<&Task> = stopping_tasks.clone();
        if excess > 0 {
            on.extend(running_tasks.iter().copied());
        }
        return state(ProgressState::Waiting(stopping_reason(
            stopping, &on, nodes,
        )));
    }
    if running >= target.desired && update != Update::InProgress {
        let new_running = running_tasks.iter().filter(|task| !is_known(target, task));
        let first_seen = new_running.map(|task| {
            let id = task.id.as_deref().unwrap_or_default();
            watch.first_seen.get(id).copied().unwrap_or(watch.now)
        });
        return match left_to_watch(first_seen, watch.now, watch.window) {
            None => state(ProgressState::Converged),
            Some(_) => state(ProgressState::Waiting(format!(
                "watching for {}",
                humanize(watch.window)
            ))),
        };
    }
    let not_running = ours.iter().copied().filter(|t| !is_running(t, nodes));
    let reason = match latest(not_running) {
        Some(task) if node_is_down(task, nodes) => {
            let node = hostname_of(nodes, task.node_id.as_deref().unwrap_or_default());
            format!("node {node} is down (a task of the app is there; the swarm moves it)")
        }
        Some(task) => task_reason(task),
        None if update == Update::InProgress && target.rollback => "rolling back".to_string(),
        None if update == Update::InProgress => "updating".to_string(),
        None => "waiting for the swarm to schedule its tasks".to_string(),
    };
    state(ProgressState::Waiting(reason))
}

/// Why a persistent app cannot run on its node: the node is down, drained or gone (a paused
/// node keeps its running tasks, and the wait goes on). Nothing when the app is to stop.
pub(crate) fn pinned_node_trouble(nodes: &[Node], node_id: &str, desired: u64) -> Option<String> {
    if desired == 0 {
        return None;
    }
    let trouble = match nodes.iter().find(|node| node.id == node_id) {
        None => format!("node {node_id} is no longer in the swarm"),
        Some(node) if node.state != "ready" => format!("node {} is {}", node.hostname, node.state),
        Some(node) if node.availability == "drain" => format!("node {} is drained", node.hostname),
        Some(_) => return None,
    };
    Some(format!("{trouble} (the app is pinned to it)"))
}

/// "stopping (1 container still runs on node2)".
pub(crate) fn stopping_reason(stopping: u64, tasks: &[&Task], nodes: &[Node]) -> String {
    let mut on: Vec<String> = tasks
        .iter()
        .filter_map(|task| task.node_id.as_deref())
        .map(|id| hostname_of(nodes, id))
        .collect();
    on.sort();
    on.dedup();
    let containers = match stopping {
        1 => "1 container still runs".to_string(),
        n => format!("{n} containers still run"),
    };
    match on.is_empty() {
        true => format!("stopping ({containers})"),
        false => format!("stopping ({containers} on {})", on.join(", ")),
    }
}

/// Why the service no longer has the task template this deploy wrote, if it does not: another
/// writer (a concurrent deploy, `docker service update`) replaced it. Without this, the wait
/// would watch for tasks the swarm will never start until the timeout.
pub(crate) fn superseded(target: &Target, service: &Service) -> Option<String> {
    let spec = service.spec.as_ref();
    let now = mapping::template_hash(spec.and_then(|s| s.task_template.as_ref()));
    if now == Some(target.template_hash.as_str()) {
        return None;
    }
    Some("changed by another deploy (or `docker service update`) while this one waited".into())
}

/// The service's rolling update, as far as this deploy is concerned.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Update {
    /// None started since the deploy (an older status is history).
    None,
    InProgress,
    Done,
    /// Paused or rolled back: the engine's message.
    Failed(String),
}

pub(crate) fn update_of_this_deploy(target: &Target, service: &Service) -> Update {
    let status = service.update_status.as_ref();
    let started = update_started(status);
    if started.is_none() || started == target.update_started {
        return Update::None;
    }
    let message = status.and_then(|u| u.message.clone()).unwrap_or_default();
    if target.rollback {
        return match status.and_then(|u| u.state) {
            Some(ServiceUpdateStatusStateEnum::ROLLBACK_COMPLETED) => Update::Done,
            Some(ServiceUpdateStatusStateEnum::ROLLBACK_PAUSED) => Update::Failed(format!(
                "the rollback failed too, and the swarm paused it: {message}"
            )),
            // Started, or the failed update's status before the rollback's replaces it.
            _ => Update::InProgress,
        };
    }
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

/// A task meant to run that runs, on a node that is up (a node that is down cannot say its
/// tasks stopped).
pub(crate) fn is_running(task: &Task, nodes: &[Node]) -> bool {
    task.desired_state == Some(TaskState::RUNNING)
        && state_of(task) == Some(TaskState::RUNNING)
        && !node_is_down(task, nodes)
}

pub(crate) fn state_of(task: &Task) -> Option<TaskState> {
    task.status.as_ref().and_then(|status| status.state)
}

/// A task the swarm wants stopped (scaled down, replaced by an update, its service removed)
/// whose container may still be there: it is on a node and its last state is not final.
pub(crate) fn should_stop_but_runs(task: &Task) -> bool {
    let wanted = matches!(
        task.desired_state,
        Some(TaskState::RUNNING | TaskState::READY)
    );
    !wanted
        && task.node_id.as_deref().is_some_and(|id| !id.is_empty())
        && is_live_state(state_of(task))
}

/// Whether a task's node is down or gone from the swarm (a task on no node is on no node that
/// is down).
pub(crate) fn node_is_down(task: &Task, nodes: &[Node]) -> bool {
    match task.node_id.as_deref() {
        None | Some("") => false,
        Some(id) => nodes
            .iter()
            .find(|node| node.id == id)
            .is_none_or(|node| node.state != "ready"),
    }
}

/// A task that existed before the deploy wrote anything.
pub(crate) fn is_known(target: &Target, task: &Task) -> bool {
    target
        .known_tasks
        .contains(task.id.as_deref().unwrap_or_default())
}

/// The latest task of this deploy's spec that the swarm rejected or that failed, if any: what
/// fails the wait.
pub(crate) fn failed_task<'a>(target: &Target, tasks: &'a [Task]) -> Option<&'a Task> {
    let ours =
        |task: &&Task| mapping::template_hash(task.spec.as_ref()) == Some(&target.template_hash);
    latest(
        tasks
            .iter()
            .filter(ours)
            .filter(|task| is_new_failure(target, task)),
    )
}

/// A task of this deploy that the swarm rejected or that failed.
/// The latest task of the current spec, new since the deploy, whose container ended, whatever
/// its exit: a container stopped for failing its health check may exit 0.
pub(crate) fn ended_task<'a>(target: &Target, tasks: &'a [Task]) -> Option<&'a Task> {
    let ours =
        |task: &&Task| mapping::template_hash(task.spec.as_ref()) == Some(&target.template_hash);
    latest(tasks.iter().filter(ours).filter(|task| {
        !is_known(target, task)
            && matches!(
                state_of(task),
                Some(
                    TaskState::FAILED
                        | TaskState::REJECTED
                        | TaskState::COMPLETE
                        | TaskState::SHUTDOWN
                )
            )
    }))
}

pub(crate) fn is_new_failure(target: &Target, task: &Task) -> bool {
    !is_known(target, task)
        && matches!(
            state_of(task),
            Some(TaskState::FAILED | TaskState::REJECTED)
        )
}

/// The most recently changed task.
pub(crate) fn latest<'a>(tasks: impl Iterator<Item = &'a Task>) -> Option<&'a Task> {
    tasks.max_by_key(|task| task.version.as_ref().and_then(|v| v.index).unwrap_or(0))
}

/// How a wait ended without every app converging: the facts, which commands put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitEnd {
    /// Some apps cannot start (each with its reason in `ProgressState::Failed`).
    Failed(Vec<AppProgress>),
    /// Another writer replaced an app's spec while this one waited.
    Superseded(AppProgress),
    /// The timeout passed; where every app stands.
    TimedOut {
        progress: Vec<AppProgress>,
        timeout: Duration,
    },
}

/// Whether a failure is a bind source missing on the node (the engine's words for it).
pub fn is_missing_bind_source(state: &ProgressState) -> bool {
    matches!(state, ProgressState::Failed(reason) if reason.contains("bind source path does not exist"))
}

#[cfg(test)]
mod tests {
    use bollard::models::{
        ObjectVersion, ServiceSpec, ServiceUpdateStatus, TaskSpec, TaskSpecContainerSpec,
        TaskStatus,
    };

    use super::*;
    use crate::core::labels;
    use crate::core::nodes::tests::node;

    /// n1, n2, n3: ready and active.
    fn nodes() -> Vec<Node> {
        ["n1", "n2", "n3"].iter().map(|id| node(id, id)).collect()
    }

    /// Where the app stands with every node up and no monitor window.
    fn eval(target: &Target, service: &Service, tasks: &[Task]) -> AppProgress {
        eval_on(target, service, tasks, &nodes())
    }

    fn eval_on(target: &Target, service: &Service, tasks: &[Task], nodes: &[Node]) -> AppProgress {
        let first_seen = HashMap::new();
        let watch = Watch {
            window: Duration::ZERO,
            first_seen: &first_seen,
            now: Instant::now(),
        };
        evaluate(target, service, tasks, nodes, &watch)
    }

    /// `task` on node `node`.
    fn on(node: &str, mut task: Task) -> Task {
        task.node_id = Some(node.into());
        task
    }

    /// A service of the target's template ("new"), pinned to node `pin`.
    fn pinned(pin: &str) -> Service {
        let mut service = service_of("new");
        if let Some(spec) = service.spec.as_mut() {
            spec.labels = Some(HashMap::from([(labels::NODE.into(), pin.into())]));
        }
        service
    }

    fn target(known: &[&str]) -> Target {
        Target {
            name: "web".into(),
            desired: 2,
            service_id: "svc".into(),
            template_hash: "new".into(),
            known_tasks: known.iter().map(|s| s.to_string()).collect(),
            update_started: Some("2024-01-01T00:00:00Z".into()),
            rollback: false,
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
        let progress = eval(&target(&[]), &service(None, ""), &tasks);
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
        let progress = eval(&target(&[]), &service(None, ""), &tasks);
        assert_eq!(progress.running, 0);
        assert_eq!(progress.state, ProgressState::Waiting("preparing".into()));
    }

    #[test]
    fn a_rejected_new_task_fails_with_the_engines_reason() {
        let err = "invalid mount config for type \"bind\": bind source path does not exist: /x";
        let tasks = [task("a", "new", SHUTDOWN, REJECTED, Some(err), 5)];
        let progress = eval(&target(&[]), &service(None, ""), &tasks);
        assert_eq!(
            progress.state,
            ProgressState::Failed(format!("rejected: {err}"))
        );
    }

    #[test]
    fn failures_from_before_the_deploy_are_only_a_reason_to_wait() {
        let tasks = [task("a", "new", SHUTDOWN, FAILED, Some("exit 1"), 5)];
        let progress = eval(&target(&["a"]), &service(None, ""), &tasks);
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
        let progress = eval(&target(&[]), &updating, &tasks);
        assert!(matches!(progress.state, ProgressState::Waiting(_)));
        let rolled_back = service(
            Some(ServiceUpdateStatusStateEnum::ROLLBACK_COMPLETED),
            "2024-02-01T00:00:00Z",
        );
        let progress = eval(&target(&[]), &rolled_back, &[]);
        assert!(
            matches!(progress.state, ProgressState::Failed(ref r) if r.contains("rolled it back"))
        );
    }

    #[test]
    fn a_rollback_is_waited_for_until_complete_and_fails_when_paused() {
        let returning = Target {
            rollback: true,
            update_started: None,
            ..target(&[])
        };
        let tasks = [
            task("a", "new", RUNNING, RUNNING, None, 5),
            task("b", "new", RUNNING, RUNNING, None, 6),
        ];
        let status = |state| service(Some(state), "2024-02-01T00:00:00Z");
        use ServiceUpdateStatusStateEnum::*;
        for before in [UPDATING, PAUSED, COMPLETED, ROLLBACK_STARTED] {
            let progress = eval(&returning, &status(before), &tasks);
            assert!(
                matches!(progress.state, ProgressState::Waiting(_)),
                "{before:?}: {progress:?}"
            );
        }
        let progress = eval(&returning, &status(ROLLBACK_STARTED), &[]);
        assert_eq!(
            progress.state,
            ProgressState::Waiting("rolling back".into())
        );
        let progress = eval(&returning, &status(ROLLBACK_COMPLETED), &tasks);
        assert_eq!(progress.state, ProgressState::Converged);
        let progress = eval(&returning, &status(ROLLBACK_PAUSED), &tasks);
        assert!(
            matches!(progress.state, ProgressState::Failed(ref r) if r.contains("the rollback failed too")),
            "{progress:?}"
        );
    }

    #[test]
    fn a_paused_update_fails_with_the_swarms_message() {
        let paused = service(
            Some(ServiceUpdateStatusStateEnum::PAUSED),
            "2024-02-01T00:00:00Z",
        );
        let progress = eval(&target(&[]), &paused, &[]);
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
        let progress = eval(&target(&[]), &stale, &tasks);
        assert_eq!(progress.state, ProgressState::Converged);
    }

    #[test]
    fn a_service_another_deploy_rewrote_is_superseded_not_waited_for() {
        let tasks = [
            task("a", "new", SHUTDOWN, SHUTDOWN, None, 5),
            task("b", "theirs", RUNNING, RUNNING, None, 6),
        ];
        let progress = eval(&target(&[]), &service_of("theirs"), &tasks);
        assert!(
            matches!(progress.state, ProgressState::Superseded(ref r) if r.contains("changed by another deploy")),
            "{progress:?}"
        );
        let progress = eval(&target(&[]), &service_of("new"), &tasks);
        assert!(matches!(progress.state, ProgressState::Waiting(_)));
    }

    /// A target for `desired` instances.
    fn wanting(desired: u64) -> Target {
        Target {
            desired,
            ..target(&[])
        }
    }

    #[test]
    fn an_app_scaled_to_zero_converges_only_once_its_container_is_gone() {
        let stopping = [on("n2", task("a", "new", SHUTDOWN, RUNNING, None, 5))];
        let progress = eval(&wanting(0), &service(None, ""), &stopping);
        assert_eq!((progress.running, progress.stopping), (0, 1));
        assert_eq!(
            progress.state,
            ProgressState::Waiting("stopping (1 container still runs on n2)".into())
        );
        let gone = [on("n2", task("a", "new", SHUTDOWN, SHUTDOWN, None, 6))];
        let progress = eval(&wanting(0), &service(None, ""), &gone);
        assert_eq!(progress.state, ProgressState::Converged);
        assert_eq!(progress.stopping, 0);
    }

    #[test]
    fn a_running_task_beyond_the_desired_count_is_stopping_before_the_swarm_marks_it() {
        // Right after `apps scale web 0`: the swarm has not yet told the task to stop.
        let tasks = [on("n1", task("a", "new", RUNNING, RUNNING, None, 5))];
        let progress = eval(&wanting(0), &service(None, ""), &tasks);
        assert_eq!((progress.running, progress.stopping), (0, 1));
        assert_eq!(
            progress.state,
            ProgressState::Waiting("stopping (1 container still runs on n1)".into())
        );
    }

    #[test]
    fn an_old_container_that_still_runs_after_an_update_is_waited_for() {
        let tasks = [
            on("n1", task("a", "new", RUNNING, RUNNING, None, 5)),
            on("n2", task("b", "new", RUNNING, RUNNING, None, 6)),
            on("n3", task("old1", "old", SHUTDOWN, RUNNING, None, 4)),
            on(
                "n1",
                task(
                    "old2",
                    "old",
                    TaskState::REMOVE,
                    TaskState::STARTING,
                    None,
                    3,
                ),
            ),
            on("n1", task("done", "old", SHUTDOWN, SHUTDOWN, None, 2)),
        ];
        let progress = eval(&target(&[]), &service(None, ""), &tasks);
        assert_eq!((progress.running, progress.stopping), (2, 2));
        assert_eq!(
            progress.state,
            ProgressState::Waiting("stopping (2 containers still run on n1, n3)".into())
        );
    }

    #[test]
    fn a_persistent_app_whose_node_is_down_drained_or_gone_fails_at_once() {
        let tasks = [on("n3", task("a", "new", RUNNING, RUNNING, None, 5))];
        let mut nodes = nodes();
        nodes[2].state = "down".into();
        let progress = eval_on(&wanting(1), &pinned("n3"), &tasks, &nodes);
        assert_eq!(
            progress.state,
            ProgressState::Failed("node n3 is down (the app is pinned to it)".into())
        );
        assert_eq!(
            progress.running, 0,
            "a task on a node that is down does not run"
        );
        let mut nodes = self::nodes();
        nodes[2].availability = "drain".into();
        let progress = eval_on(&wanting(1), &pinned("n3"), &tasks, &nodes);
        assert_eq!(
            progress.state,
            ProgressState::Failed("node n3 is drained (the app is pinned to it)".into())
        );
        let progress = eval(&wanting(1), &pinned("n9"), &[]);
        assert_eq!(
            progress.state,
            ProgressState::Failed(
                "node n9 is no longer in the swarm (the app is pinned to it)".into()
            )
        );
        // A paused node keeps its tasks: the wait goes on.
        let mut nodes = self::nodes();
        nodes[2].availability = "pause".into();
        let pending = [task("p", "new", RUNNING, TaskState::PENDING, None, 6)];
        let progress = eval_on(&wanting(1), &pinned("n3"), &pending, &nodes);
        assert!(
            matches!(progress.state, ProgressState::Waiting(_)),
            "{progress:?}"
        );
    }

    #[test]
    fn a_container_to_stop_on_a_node_that_is_down_fails_a_persistent_app_only() {
        let tasks = [on("n3", task("a", "new", SHUTDOWN, RUNNING, None, 5))];
        let mut nodes = nodes();
        nodes[2].state = "down".into();
        let progress = eval_on(&wanting(0), &pinned("n3"), &tasks, &nodes);
        assert!(
            matches!(progress.state, ProgressState::Failed(ref r)
                if r.starts_with("node n3 is down: a container of the app may still run there")),
            "{progress:?}"
        );
        let progress = eval_on(&wanting(0), &service(None, ""), &tasks, &nodes);
        assert_eq!(progress.state, ProgressState::Converged);
    }

    #[test]
    fn a_new_task_on_a_node_that_is_down_is_not_running_and_says_so() {
        let tasks = [
            on("n1", task("a", "new", RUNNING, RUNNING, None, 5)),
            on("n2", task("b", "new", RUNNING, RUNNING, None, 6)),
        ];
        let mut nodes = nodes();
        nodes[1].state = "down".into();
        let progress = eval_on(&target(&[]), &service(None, ""), &tasks, &nodes);
        assert_eq!(progress.running, 1);
        assert!(
            matches!(progress.state, ProgressState::Waiting(ref r) if r.starts_with("node n2 is down")),
            "{progress:?}"
        );
    }

    #[test]
    fn the_window_is_left_until_the_last_task_to_run_was_seen_running_long_enough() {
        let now = Instant::now() + Duration::from_secs(10);
        let window = Duration::from_secs(2);
        let ago = |secs: u64| now - Duration::from_secs(secs);
        assert_eq!(left_to_watch([], now, window), None);
        assert_eq!(left_to_watch([ago(5), ago(2)], now, window), None);
        assert_eq!(
            left_to_watch([ago(5), ago(1)], now, window),
            Some(Duration::from_secs(1))
        );
        assert_eq!(left_to_watch([now], now, Duration::ZERO), None);
    }

    #[test]
    fn new_tasks_converge_only_after_the_monitor_window_and_known_ones_at_once() {
        let tasks = [
            on("n1", task("a", "new", RUNNING, RUNNING, None, 5)),
            on("n2", task("b", "new", RUNNING, RUNNING, None, 6)),
        ];
        let now = Instant::now() + Duration::from_secs(10);
        let check = |target: &Target, b_seen: u64| {
            let first_seen = HashMap::from([
                ("a".to_string(), now - Duration::from_secs(5)),
                ("b".to_string(), now - Duration::from_secs(b_seen)),
            ]);
            let watch = Watch {
                window: Duration::from_secs(2),
                first_seen: &first_seen,
                now,
            };
            evaluate(target, &service(None, ""), &tasks, &nodes(), &watch)
        };
        let progress = check(&target(&[]), 1);
        assert_eq!(progress.running, 2);
        assert_eq!(
            progress.state,
            ProgressState::Waiting("watching for 2s".into())
        );
        assert_eq!(check(&target(&[]), 2).state, ProgressState::Converged);
        // Tasks that ran before the deploy are not new: nothing to watch.
        assert_eq!(check(&target(&["b"]), 1).state, ProgressState::Converged);
    }

    #[test]
    fn a_task_that_crashes_within_the_window_fails_with_its_exit() {
        let tasks = [on(
            "n1",
            task(
                "a",
                "new",
                SHUTDOWN,
                FAILED,
                Some("task: non-zero exit (1)"),
                7,
            ),
        )];
        let progress = eval(&wanting(1), &service(None, ""), &tasks);
        assert_eq!(
            progress.state,
            ProgressState::Failed("failed: task: non-zero exit (1)".into())
        );
    }

    /// A container that exits 137 (SIGKILL) under a memory limit, as Docker 20.10 to 28 put it
    /// in the task: the exit code and nothing else.
    fn killed(limit: Option<i64>) -> Task {
        let mut killed = on(
            "n1",
            task(
                "a",
                "new",
                SHUTDOWN,
                FAILED,
                Some("task: non-zero exit (137)"),
                7,
            ),
        );
        if let Some(status) = killed.status.as_mut() {
            status.container_status = Some(bollard::models::ContainerStatus {
                container_id: Some("c0ffee".into()),
                pid: Some(0),
                exit_code: Some(137),
            });
        }
        if let (Some(spec), Some(bytes)) = (killed.spec.as_mut(), limit) {
            spec.resources = Some(bollard::models::TaskSpecResources {
                limits: Some(bollard::models::Limit {
                    memory_bytes: Some(bytes),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
        killed
    }

    #[test]
    fn a_container_killed_under_a_memory_limit_is_likely_out_of_memory() {
        let tasks = [killed(Some(16 << 20))];
        let progress = eval(&wanting(1), &service(None, ""), &tasks);
        let reason = "failed: task: non-zero exit (137): killed, likely out of memory (its \
                      memory limit is 16M)";
        assert_eq!(progress.state, ProgressState::Failed(reason.into()));
        assert_eq!(failed_task(&wanting(1), &tasks), Some(&tasks[0]));
        assert_eq!(
            crate::core::tasks::out_of_memory_reason(&tasks[0]),
            "failed: task: non-zero exit (137): out of memory: the kernel killed it at its \
             memory limit of 16M (OOMKilled)"
        );
        // Without a limit, a SIGKILL is only what the engine says.
        let tasks = [killed(None)];
        let progress = eval(&wanting(1), &service(None, ""), &tasks);
        assert_eq!(
            progress.state,
            ProgressState::Failed("failed: task: non-zero exit (137)".into())
        );
    }

    #[test]
    fn durations_read_like_the_flag() {
        assert_eq!(humanize(Duration::from_secs(90)), "1m30s");
        assert_eq!(humanize(Duration::from_secs(300)), "5m");
        assert_eq!(humanize(Duration::from_secs(20)), "20s");
        assert_eq!(humanize(Duration::from_millis(500)), "500ms");
    }
}
