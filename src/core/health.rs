//! How deployed apps are doing across the swarm's nodes: how many instances really run, on which
//! nodes, and, for an app that is not fully running, why (the engine's reason, or its node being
//! down).
//!
//! The swarm's own service status is not enough for this: it counts a task as running as long as
//! its last report said so, and a node that went down reports nothing more. So an app pinned to a
//! node that is down would look running, and a moved task counted twice. Here a task runs only if
//! it should, says it does, and its node is up.

use bollard::models::{Task, TaskState};
use serde::Serialize;

use super::mapping;
use super::nodes::{Node, hostname_of, node_trouble};
use super::services::DeployedApp;
use super::tasks::task_reason;

/// Where one app stands, across the nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppHealth {
    /// Tasks that run on a node that is up.
    pub running: u64,
    /// A persistent app: its pinned node. Another app: the nodes its running tasks are on (sorted,
    /// each once).
    pub nodes: Vec<String>,
    /// Why fewer instances run than desired (none when all of them run).
    pub reason: Option<String>,
}

/// The health of an app from its tasks (current and past) and the swarm's nodes (pure).
pub(crate) fn health_of(app: &DeployedApp, tasks: &[Task], nodes: &[Node]) -> AppHealth {
    let live: Vec<&Task> = tasks.iter().filter(|task| is_live(task, nodes)).collect();
    let running = live.len() as u64;
    let nodes_shown = match &app.pin {
        Some(pin) => vec![hostname_of(nodes, &pin.node_id)],
        None => {
            let mut on: Vec<String> = live
                .iter()
                .map(|task| hostname_of(nodes, task.node_id.as_deref().unwrap_or_default()))
                .collect();
            on.sort();
            on.dedup();
            on
        }
    };
    let reason = (running < app.app.instances).then(|| why_not_running(app, tasks, nodes));
    AppHealth {
        running,
        nodes: nodes_shown,
        reason,
    }
}

/// A task that should run, says it runs, on a node that is up (a node that is down cannot say
/// its tasks stopped).
pub(crate) fn is_live(task: &Task, nodes: &[Node]) -> bool {
    let state = task.status.as_ref().and_then(|status| status.state);
    task.desired_state == Some(TaskState::RUNNING)
        && state == Some(TaskState::RUNNING)
        && node_of(task, nodes).is_some_and(|node| node.state == "ready")
}

pub(crate) fn node_of<'a>(task: &Task, nodes: &'a [Node]) -> Option<&'a Node> {
    let id = task.node_id.as_deref()?;
    nodes.iter().find(|node| node.id == id)
}

/// Why an app runs fewer instances than desired: its pinned node's trouble, then the engine's
/// latest reason for its tasks of the current spec.
pub(crate) fn why_not_running(app: &DeployedApp, tasks: &[Task], nodes: &[Node]) -> String {
    let pin_trouble = app.pin.as_ref().and_then(|pin| {
        node_trouble(nodes, &pin.node_id)
            .map(|trouble| format!("{trouble} (the app is pinned to it)"))
    });
    let task_trouble = task_trouble(app, tasks, nodes);
    match (pin_trouble, task_trouble) {
        (Some(pin), Some(task)) => format!("{pin}; {task}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "waiting for the swarm to schedule its tasks".to_string(),
    }
}

/// How soon after a task failed the swarm's replacement for it is created (its restart delay is
/// 5 s; the rest is margin): a task meant to run created that soon is the retry of the failure,
/// which stays the reason until the retry runs. One created later is a new start, and the old
/// failure is history.
pub(crate) const RETRY_WINDOW_SECS: i64 = 30;

/// The engine's most recent reason among the tasks of the current spec: an error (a rejected or
/// failed task, or a pending one that no node can take) newer than the last task that started
/// running, since older errors are history, unless a newer task is meant to run that is not its
/// retry (an old failure is not shown while a later start gets going); else a task that should
/// run but does not, and where it is stuck.
pub(crate) fn task_trouble(app: &DeployedApp, tasks: &[Task], nodes: &[Node]) -> Option<String> {
    let template = mapping::template_hash(app.spec.task_template.as_ref());
    let current: Vec<&Task> = tasks
        .iter()
        .filter(|task| template.is_none() || mapping::template_hash(task.spec.as_ref()) == template)
        .collect();
    let last_live = current
        .iter()
        .filter(|task| is_live(task, nodes))
        .map(|task| version(task))
        .max()
        .unwrap_or(0);
    // A replacement waits out the restart delay with desired state `ready`.
    let wanted = [Some(TaskState::RUNNING), Some(TaskState::READY)];
    let is_wanted = |task: &Task| wanted.contains(&task.desired_state);
    let current_error = |error: &Task| {
        !current.iter().any(|newer| {
            is_wanted(newer) && version(newer) > version(error) && !is_retry_of(newer, error)
        })
    };
    let new_errors = current
        .iter()
        .copied()
        .filter(|task| has_error(task) && version(task) > last_live && current_error(task));
    if let Some(task) = latest(new_errors) {
        return Some(task_reason(task));
    }
    let stuck = current
        .iter()
        .copied()
        .filter(|task| is_wanted(task) && !is_live(task, nodes));
    let task = latest(stuck)?;
    match node_of(task, nodes).and_then(|node| node_trouble(nodes, &node.id)) {
        Some(trouble) => Some(format!("{trouble} (a task ran there)")),
        None => Some(task_reason(task)),
    }
}

/// Whether `newer` was created within the retry window after `failed` last changed (both times
/// from the manager's clock); without both times, it is not.
pub(crate) fn is_retry_of(newer: &Task, failed: &Task) -> bool {
    let created = newer.created_at.as_deref().and_then(utc_seconds);
    let failed_at = failed
        .status
        .as_ref()
        .and_then(|status| status.timestamp.as_deref())
        .and_then(utc_seconds);
    match (created, failed_at) {
        (Some(created), Some(failed_at)) => created - failed_at <= RETRY_WINDOW_SECS,
        _ => false,
    }
}

/// Seconds since 1970 of an RFC 3339 UTC time as the engine writes it
/// (`2024-05-01T12:00:00.123456789Z`); the fraction is dropped.
pub(crate) fn utc_seconds(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if text.get(10..11)? != "T" || !text.ends_with('Z') {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

pub(crate) fn has_error(task: &Task) -> bool {
    task.status
        .as_ref()
        .and_then(|status| status.err.as_deref())
        .is_some_and(|err| !err.is_empty())
}

/// The swarm's version index of a task: it grows with every change, across the swarm.
pub(crate) fn version(task: &Task) -> u64 {
    task.version.as_ref().and_then(|v| v.index).unwrap_or(0)
}

/// The most recently changed task.
pub(crate) fn latest<'a>(tasks: impl Iterator<Item = &'a Task>) -> Option<&'a Task> {
    tasks.max_by_key(|task| version(task))
}

/// The health of each app, in the same order, from the swarm's tasks (any service's): grouped
/// by service once, linear in apps + tasks, not their product.
pub(crate) fn health_by_app(
    apps: &[DeployedApp],
    tasks: &[Task],
    nodes: &[Node],
) -> Vec<AppHealth> {
    let by_service = super::tasks::by_service(tasks);
    apps.iter()
        .map(|app| {
            let own = by_service
                .get(app.service_id.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            health_of(app, own, nodes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use bollard::models::{ObjectVersion, TaskSpec, TaskSpecContainerSpec, TaskStatus};

    use super::*;
    use crate::core::labels;
    use crate::core::mapping::Pin;
    use crate::spec::App;

    use TaskState::{FAILED, PENDING, PREPARING, REJECTED, RUNNING, SHUTDOWN};

    fn node(id: &str, state: &str, availability: &str) -> Node {
        Node {
            id: id.into(),
            hostname: format!("host-{id}"),
            role: "worker".into(),
            state: state.into(),
            availability: availability.into(),
        }
    }

    fn ready_nodes() -> Vec<Node> {
        ["n1", "n2", "n3"]
            .iter()
            .map(|id| node(id, "ready", "active"))
            .collect()
    }

    fn app(instances: u64, pin: Option<&str>) -> DeployedApp {
        let app = App {
            name: "web".into(),
            image: "busybox".into(),
            persistent: pin.is_some(),
            instances,
            command: None,
            entrypoint: None,
            env: BTreeMap::new(),
            labels: BTreeMap::new(),
            ports: vec![],
            volumes: vec![],
            node: None,
            resources: Default::default(),
            restart_policy: Default::default(),
            healthcheck: Default::default(),
            project: None,
            files: Vec::new(),
        };
        let pin = pin.map(Pin::new);
        let spec = mapping::service_spec(&app, pin.as_ref());
        DeployedApp {
            app: mapping::read_app(&spec),
            pin,
            running: 0,
            desired: instances,
            service_id: "svc".into(),
            version: 1,
            spec,
            update_started: None,
        }
    }

    /// A task of `app`'s current spec.
    fn task(app: &DeployedApp, node: &str, desired: TaskState, state: TaskState) -> Task {
        let hash = mapping::template_hash(app.spec.task_template.as_ref()).unwrap();
        Task {
            service_id: Some("svc".into()),
            node_id: (!node.is_empty()).then(|| node.to_string()),
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
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn with(mut task: Task, index: u64, err: &str) -> Task {
        task.version = Some(ObjectVersion { index: Some(index) });
        if let Some(status) = task.status.as_mut() {
            status.err = (!err.is_empty()).then(|| err.to_string());
        }
        task
    }

    #[test]
    fn each_app_is_judged_on_its_own_tasks_and_other_services_tasks_are_skipped() {
        let web = app(1, None);
        let mut db = app(2, None);
        db.service_id = "db-svc".into();
        let mut theirs = task(&web, "n2", RUNNING, RUNNING);
        theirs.service_id = Some("not-alacritys".into());
        let mut db_task = task(&db, "n3", RUNNING, RUNNING);
        db_task.service_id = Some("db-svc".into());
        let tasks = [task(&web, "n1", RUNNING, RUNNING), theirs, db_task];
        let health = health_by_app(&[web, db], &tasks, &ready_nodes());
        assert_eq!(health.len(), 2);
        assert_eq!(
            (health[0].running, health[0].nodes.clone()),
            (1, vec!["host-n1".into()])
        );
        assert_eq!(
            (health[1].running, health[1].nodes.clone()),
            (1, vec!["host-n3".into()])
        );
    }

    #[test]
    fn a_running_app_shows_the_nodes_of_its_tasks_and_no_reason() {
        let web = app(3, None);
        let tasks = [
            task(&web, "n3", RUNNING, RUNNING),
            task(&web, "n1", RUNNING, RUNNING),
            task(&web, "n3", RUNNING, RUNNING),
            task(&web, "n2", SHUTDOWN, FAILED),
        ];
        let health = health_of(&web, &tasks, &ready_nodes());
        assert_eq!(health.running, 3);
        assert_eq!(health.nodes, vec!["host-n1", "host-n3"]);
        assert_eq!(health.reason, None);
    }

    #[test]
    fn a_task_on_a_node_that_is_down_does_not_count_as_running() {
        let web = app(3, None);
        let mut nodes = ready_nodes();
        nodes[2].state = "down".into();
        // What the swarm shows after node n3 went down: its task still "running" (its node
        // cannot say otherwise), and a replacement on n1.
        let tasks = [
            task(&web, "n1", RUNNING, RUNNING),
            task(&web, "n2", RUNNING, RUNNING),
            task(&web, "n3", SHUTDOWN, RUNNING),
            task(&web, "n1", RUNNING, RUNNING),
        ];
        let health = health_of(&web, &tasks, &nodes);
        assert_eq!(health.running, 3);
        assert_eq!(health.nodes, vec!["host-n1", "host-n2"]);
        // Before the swarm replaced it, the task still desired running on n3 is the reason.
        let tasks = [
            task(&web, "n1", RUNNING, RUNNING),
            task(&web, "n2", RUNNING, RUNNING),
            task(&web, "n3", RUNNING, RUNNING),
        ];
        let health = health_of(&web, &tasks, &nodes);
        assert_eq!(health.running, 2);
        assert_eq!(
            health.reason.as_deref(),
            Some("node host-n3 is down (a task ran there)")
        );
    }

    #[test]
    fn a_persistent_app_whose_node_is_down_is_not_running_and_says_why() {
        let db = app(1, Some("n2"));
        let mut nodes = ready_nodes();
        nodes[1].state = "down".into();
        let no_node = "no suitable node (scheduling constraints not satisfied on 3 nodes)";
        let tasks = [
            with(task(&db, "n2", SHUTDOWN, RUNNING), 10, ""),
            with(task(&db, "", RUNNING, PENDING), 11, no_node),
        ];
        let health = health_of(&db, &tasks, &nodes);
        assert_eq!(health.running, 0);
        assert_eq!(health.nodes, vec!["host-n2"]);
        assert_eq!(
            health.reason.as_deref(),
            Some(
                format!("node host-n2 is down (the app is pinned to it); pending: {no_node}")
                    .as_str()
            )
        );
    }

    #[test]
    fn a_drained_or_vanished_pinned_node_is_the_reason() {
        let db = app(1, Some("n2"));
        let mut nodes = ready_nodes();
        nodes[1].availability = "drain".into();
        let health = health_of(&db, &[], &nodes);
        assert_eq!(
            health.reason.as_deref(),
            Some("node host-n2 is drained (the app is pinned to it)")
        );
        let gone = app(1, Some("n9"));
        let health = health_of(&gone, &[], &nodes);
        assert_eq!(health.nodes, vec!["n9"]);
        assert_eq!(
            health.reason.as_deref(),
            Some("node n9 is no longer in the swarm (the app is pinned to it)")
        );
    }

    /// `task` created at `created` and last changed at `changed` (RFC 3339 times).
    fn at(mut task: Task, created: &str, changed: &str) -> Task {
        task.created_at = Some(created.into());
        if let Some(status) = task.status.as_mut() {
            status.timestamp = Some(changed.into());
        }
        task
    }

    #[test]
    fn the_latest_rejection_is_the_reason_while_a_retry_waits() {
        let db = app(1, Some("n2"));
        let missing = "invalid mount config for type \"bind\": bind source path does not exist: /x";
        let (t0, t1) = ("2024-05-01T12:00:00.5Z", "2024-05-01T12:00:05.1Z");
        let tasks = [
            with(task(&db, "n2", SHUTDOWN, REJECTED), 5, "older"),
            at(
                with(task(&db, "n2", SHUTDOWN, REJECTED), 8, missing),
                t0,
                t0,
            ),
            at(with(task(&db, "n2", RUNNING, PREPARING), 9, ""), t1, t1),
        ];
        let health = health_of(&db, &tasks, &ready_nodes());
        assert_eq!(
            health.reason.as_deref(),
            Some(format!("rejected: {missing}").as_str())
        );
    }

    #[test]
    fn an_old_failure_is_not_the_reason_while_a_later_start_gets_going() {
        // Failed minutes ago; then stopped (scaled to 0); now started again.
        let web = app(1, None);
        let failed = "2024-05-01T12:00:00Z";
        let started = "2024-05-01T12:04:00.25Z";
        let tasks = [
            at(
                with(task(&web, "n1", SHUTDOWN, FAILED), 3, "exit 1"),
                failed,
                failed,
            ),
            at(
                with(task(&web, "n1", SHUTDOWN, SHUTDOWN), 4, ""),
                failed,
                started,
            ),
            at(
                with(task(&web, "n2", RUNNING, PREPARING), 9, ""),
                started,
                started,
            ),
        ];
        let health = health_of(&web, &tasks, &ready_nodes());
        assert_eq!(health.reason.as_deref(), Some("preparing"));
        // Without a newer task meant to run, the failure is the reason.
        let health = health_of(&web, &tasks[..2], &ready_nodes());
        assert_eq!(health.reason.as_deref(), Some("failed: exit 1"));
        // A newer task meant to run without a creation time is not taken for a retry.
        let mut unknown = tasks.clone();
        unknown[2].created_at = None;
        let health = health_of(&web, &unknown, &ready_nodes());
        assert_eq!(health.reason.as_deref(), Some("preparing"));
    }

    #[test]
    fn engine_times_read_as_seconds_since_1970() {
        assert_eq!(utc_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            utc_seconds("2024-05-01T12:00:00.123456789Z"),
            Some(1_714_564_800)
        );
        assert_eq!(utc_seconds("2000-03-01T00:00:01Z"), Some(951_868_801));
        assert_eq!(utc_seconds("2024-05-01 12:00:00"), None);
        assert_eq!(utc_seconds(""), None);
    }

    #[test]
    fn errors_older_than_the_last_running_task_are_history() {
        let web = app(3, None);
        let tasks = [
            with(task(&web, "n1", SHUTDOWN, FAILED), 3, "exit 1"),
            with(task(&web, "n1", RUNNING, RUNNING), 4, ""),
            with(task(&web, "n2", RUNNING, RUNNING), 5, ""),
            with(task(&web, "n3", RUNNING, PREPARING), 6, ""),
        ];
        let health = health_of(&web, &tasks, &ready_nodes());
        assert_eq!(health.running, 2);
        assert_eq!(health.reason.as_deref(), Some("preparing"));
    }

    #[test]
    fn a_replacement_waiting_out_its_restart_delay_is_the_reason() {
        let web = app(2, None);
        let tasks = [
            with(task(&web, "n1", RUNNING, RUNNING), 4, ""),
            with(task(&web, "n1", TaskState::READY, TaskState::READY), 6, ""),
        ];
        let health = health_of(&web, &tasks, &ready_nodes());
        assert_eq!(health.reason.as_deref(), Some("ready"));
    }

    #[test]
    fn tasks_of_an_older_spec_do_not_give_the_reason() {
        let web = app(1, None);
        let mut old = with(task(&web, "n1", SHUTDOWN, FAILED), 9, "old image");
        old.spec = None;
        let health = health_of(&web, &[old], &ready_nodes());
        assert_eq!(
            health.reason.as_deref(),
            Some("waiting for the swarm to schedule its tasks")
        );
    }

    #[test]
    fn a_stopped_app_needs_no_reason() {
        let web = app(0, None);
        let health = health_of(&web, &[], &ready_nodes());
        assert_eq!((health.running, health.reason), (0, None));
        assert!(health.nodes.is_empty());
    }
}
