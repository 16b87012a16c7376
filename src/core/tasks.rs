//! Swarm tasks and service updates, read as facts: whether a task's container may still be
//! running, a task's state and the engine's reason, when a service's update started; and
//! durations as alacrity's flags write them.

use std::time::Duration;

use bollard::models::{ServiceUpdateStatusStateEnum, Task, TaskState};

/// Whether a task's state is one a container may be in (from `new` to `running`), as opposed to
/// a final one (`complete`, `shutdown`, `failed`, `rejected`, `remove`, `orphaned`).
pub(crate) fn is_live_state(state: Option<TaskState>) -> bool {
    matches!(
        state,
        Some(
            TaskState::NEW
                | TaskState::ALLOCATED
                | TaskState::PENDING
                | TaskState::ASSIGNED
                | TaskState::ACCEPTED
                | TaskState::PREPARING
                | TaskState::READY
                | TaskState::STARTING
                | TaskState::RUNNING
        )
    )
}

/// A task's state and the engine's reason: its error, else its status message (alone when it
/// already says the state, as in "pending task scheduling").
pub(crate) fn task_reason(task: &Task) -> String {
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

pub(crate) fn update_started(
    status: Option<&bollard::models::ServiceUpdateStatus>,
) -> Option<String> {
    let status = status?;
    match status.state {
        None | Some(ServiceUpdateStatusStateEnum::EMPTY) => None,
        Some(_) => status.started_at.clone(),
    }
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
