//! `alacrity apps ps APP...`: every task of each app, like `docker service ps`: the current ones
//! first, then the recent history the swarm keeps of each slot, with the node, the states, the
//! health, the error and how long ago it last changed.
//!
//! [`run`] reads the engine into a list of [`AppTasks`] (the view: plain data); [`render`] prints
//! it, as a table or JSON.

use std::cmp::Reverse;

use bollard::models::Task;
use serde::Serialize;

use crate::cli::AppsPsArgs;
use crate::commands::table;
use crate::core::nodes::{Node, hostname_of};
use crate::core::tasks::{TaskHealth, is_live_state, task_age, task_health};
use crate::engine::{Connector, Engine};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// One app in `apps ps --output json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AppTasks {
    pub name: String,
    /// Current tasks first, then the history, each by slot, newest first.
    pub tasks: Vec<ListedTask>,
}

/// One task of an app.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ListedTask {
    pub id: String,
    /// The instance it runs or ran (1, 2, ...).
    pub slot: Option<u64>,
    /// A current task (the swarm wants it to run), as opposed to history.
    pub current: bool,
    /// The hostname of its node; none before the swarm assigned it one.
    pub node: Option<String>,
    /// What the swarm wants of it (`running`, `shutdown`, ...).
    pub desired_state: String,
    /// Where it is (`running`, `failed`, ...).
    pub current_state: String,
    /// `starting`, `healthy` or `unhealthy` when its health check says so.
    pub health: Option<TaskHealth>,
    /// The engine's error, for a task that failed or was rejected.
    pub error: Option<String>,
    /// When it last changed state (RFC 3339, as the engine says).
    pub since: Option<String>,
    /// How many seconds ago that was.
    pub age_secs: Option<u64>,
}

pub async fn run(
    args: &AppsPsArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let engine = engine.connect().await?;
    let nodes = engine.nodes().await?;
    let now = crate::engine::now();
    let mut shown: Vec<AppTasks> = Vec::new();
    let mut failed = false;
    for name in &args.apps {
        if shown.iter().any(|app| &app.name == name) {
            continue;
        }
        // An unknown or foreign app is told, and the others are still shown.
        match tasks_of(&engine, name).await {
            Ok(tasks) => shown.push(AppTasks {
                name: name.clone(),
                tasks: listed(&tasks, &nodes, now),
            }),
            Err(err) => {
                printer.error(&anyhow::anyhow!(
                    "cannot show the tasks of `{name}`: {err:#}"
                ));
                failed = true;
            }
        }
    }
    render(&shown, printer);
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

async fn tasks_of(engine: &Engine, name: &str) -> anyhow::Result<Vec<Task>> {
    let app = engine.managed_app(name).await?;
    engine.app_tasks(&app).await
}

/// The tasks, in the order shown: current first, then by slot, newest first.
pub(crate) fn listed(tasks: &[Task], nodes: &[Node], now_secs: u64) -> Vec<ListedTask> {
    let mut listed: Vec<ListedTask> = tasks
        .iter()
        .map(|task| {
            let status = task.status.clone().unwrap_or_default();
            let state = |state: Option<bollard::models::TaskState>| {
                state.map_or_else(|| "unknown".to_string(), |state| state.to_string())
            };
            ListedTask {
                id: task.id.clone().unwrap_or_default(),
                slot: task.slot.and_then(|slot| u64::try_from(slot).ok()),
                current: is_live_state(task.desired_state),
                node: task
                    .node_id
                    .as_deref()
                    .filter(|id| !id.is_empty())
                    .map(|id| hostname_of(nodes, id)),
                desired_state: state(task.desired_state),
                current_state: state(status.state),
                health: task_health(task),
                error: status.err.filter(|err| !err.is_empty()),
                since: status.timestamp.clone(),
                age_secs: task_age(task, now_secs).map(|age| age.as_secs()),
            }
        })
        .collect();
    listed.sort_by_key(|task| {
        (
            Reverse(task.current),
            task.slot,
            task.age_secs.unwrap_or(u64::MAX),
            task.id.clone(),
        )
    });
    listed
}

/// The tasks, on stdout: a table, or JSON.
pub fn render(apps: &[AppTasks], printer: &Printer) {
    if printer.is_json() {
        printer.json(&serde_json::json!({ "apps": apps }));
        return;
    }
    if apps.is_empty() {
        return;
    }
    if apps.iter().all(|app| app.tasks.is_empty()) {
        printer.info(
            "no tasks: the swarm has none of these apps' tasks (0 instances, and no history)",
        );
        return;
    }
    printer.data(table(apps));
}

fn table(apps: &[AppTasks]) -> String {
    let rows = apps
        .iter()
        .flat_map(|app| {
            app.tasks.iter().map(|task| {
                let name = match task.slot {
                    Some(slot) => format!("{}.{slot}", app.name),
                    None => app.name.clone(),
                };
                vec![
                    // History under its slot's current task, as `docker service ps` shows it.
                    if task.current {
                        name
                    } else {
                        format!(r"\_ {name}")
                    },
                    task.node.clone().unwrap_or_else(|| "-".into()),
                    task.desired_state.clone(),
                    task.current_state.clone(),
                    task.health
                        .map_or("-", |health| match health {
                            TaskHealth::Starting => "starting",
                            TaskHealth::Healthy => "healthy",
                            TaskHealth::Unhealthy => "unhealthy",
                        })
                        .to_string(),
                    task.age_secs.map_or_else(|| "-".into(), ago),
                    task.error.clone().unwrap_or_default(),
                ]
            })
        })
        .collect();
    table::render(
        &[
            "TASK", "NODE", "DESIRED", "CURRENT", "HEALTH", "SINCE", "ERROR",
        ],
        rows,
    )
}

/// `3s ago`, `2m ago`, `5h ago`, `3d ago`: the largest whole unit, as `docker ps` rounds.
pub fn ago(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs}s ago"),
        60..3_600 => format!("{}m ago", secs / 60),
        3_600..86_400 => format!("{}h ago", secs / 3_600),
        _ => format!("{}d ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::{TaskState, TaskStatus};

    fn task(id: &str, slot: i64, desired: TaskState, timestamp: &str) -> Task {
        Task {
            id: Some(id.into()),
            slot: Some(slot),
            node_id: Some("n2".into()),
            desired_state: Some(desired),
            status: Some(TaskStatus {
                state: Some(TaskState::FAILED),
                err: Some("task: non-zero exit (1)".into()),
                timestamp: Some(timestamp.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn current_tasks_come_first_then_each_slots_history_newest_first() {
        let nodes = [Node {
            id: "n2".into(),
            hostname: "node2".into(),
            role: "worker".into(),
            state: "ready".into(),
            availability: "active".into(),
        }];
        let tasks = [
            task("old", 1, TaskState::SHUTDOWN, "2026-11-30T21:00:00Z"),
            task("two", 2, TaskState::RUNNING, "2026-11-30T21:59:00Z"),
            task("newer", 1, TaskState::SHUTDOWN, "2026-11-30T21:30:00Z"),
            task("one", 1, TaskState::RUNNING, "2026-11-30T21:59:30Z"),
        ];
        // 2026-11-30T22:00:00Z
        let listed = listed(&tasks, &nodes, 1_796_076_000);
        let order: Vec<&str> = listed.iter().map(|task| task.id.as_str()).collect();
        assert_eq!(order, ["one", "two", "newer", "old"]);
        assert_eq!(listed[0].age_secs, Some(30));
        assert_eq!(listed[0].node.as_deref(), Some("node2"));
        assert_eq!(listed[0].error.as_deref(), Some("task: non-zero exit (1)"));
        assert!(listed[0].current && !listed[2].current);
    }

    #[test]
    fn ages_are_in_their_largest_whole_unit() {
        assert_eq!(ago(0), "0s ago");
        assert_eq!(ago(59), "59s ago");
        assert_eq!(ago(60), "1m ago");
        assert_eq!(ago(3_599), "59m ago");
        assert_eq!(ago(3_600), "1h ago");
        assert_eq!(ago(86_399), "23h ago");
        assert_eq!(ago(3 * 86_400 + 5), "3d ago");
    }
}
