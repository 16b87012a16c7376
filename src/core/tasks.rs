//! Swarm tasks and service updates, read as facts: whether a task's container may still be
//! running, a task's state and the engine's reason, a task's health, when a service's update
//! started; and durations as alacrity's flags write them.

use std::collections::HashMap;
use std::time::Duration;

use bollard::models::{ServiceUpdateStatusStateEnum, Task, TaskSpec, TaskState};

use serde::Serialize;

use crate::spec::units::Size;

/// The tasks of each service, by service ID, grouped once: looking up an app's own tasks is then
/// linear in apps + tasks, not their product.
pub(crate) fn by_service(tasks: &[Task]) -> HashMap<&str, Vec<Task>> {
    let mut grouped: HashMap<&str, Vec<Task>> = HashMap::new();
    for task in tasks {
        if let Some(id) = task.service_id.as_deref() {
            grouped.entry(id).or_default().push(task.clone());
        }
    }
    grouped
}

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

/// A task's state and the engine's reason (see `engine_reason`); for a container killed while
/// the app has a memory limit (exit code 137: SIGKILL, which the kernel's out-of-memory killer
/// sends), the likely cause, which the task's status does not say.
pub(crate) fn task_reason(task: &Task) -> String {
    if is_unhealthy(task) {
        return unhealthy_reason(None);
    }
    let reason = engine_reason(task);
    match (exit_code(task), memory_limit(task)) {
        (Some(KILLED_EXIT_CODE), Some(limit)) => {
            format!("{reason}: killed, likely out of memory (its memory limit is {limit})")
        }
        _ => reason,
    }
}

/// The reason of a task whose container the engine says the kernel killed for memory
/// (`OOMKilled`, which only the node's engine knows).
pub(crate) fn out_of_memory_reason(task: &Task) -> String {
    let reason = engine_reason(task);
    match memory_limit(task) {
        Some(limit) => format!(
            "{reason}: out of memory: the kernel killed it at its memory limit of {limit} \
             (OOMKilled)"
        ),
        None => format!(
            "{reason}: out of memory: the kernel killed it (OOMKilled) with no memory limit \
             set: its node is short of memory"
        ),
    }
}

/// Whether a reason says that a container was killed for memory (likely or for sure).
pub fn is_out_of_memory(reason: &str) -> bool {
    reason.contains("out of memory")
}

/// The exit code of a process killed by SIGKILL (128 + 9), which is how a container killed by
/// the kernel's out-of-memory killer exits.
pub(crate) const KILLED_EXIT_CODE: i64 = 137;

/// The exit code of a task's container, once it exited.
pub(crate) fn exit_code(task: &Task) -> Option<i64> {
    let status = task.status.as_ref()?.container_status.as_ref()?;
    status.exit_code.filter(|code| *code != 0)
}

/// The ID of a task's container, once it has one.
pub(crate) fn container_id(task: &Task) -> Option<&str> {
    let status = task.status.as_ref()?.container_status.as_ref()?;
    status.container_id.as_deref().filter(|id| !id.is_empty())
}

/// The memory limit of a task's containers, if any.
pub(crate) fn memory_limit(task: &Task) -> Option<Size> {
    let limits = task.spec.as_ref()?.resources.as_ref()?.limits.as_ref()?;
    limits
        .memory_bytes
        .filter(|bytes| *bytes > 0)
        .map(|bytes| Size::from_bytes(bytes.unsigned_abs()))
}

/// A task's state and the engine's own reason: its error, else its status message (alone when
/// it already says the state, as in "pending task scheduling").
fn engine_reason(task: &Task) -> String {
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

/// Whether a task's containers have a health check of the spec's (one that is not `NONE`). An
/// image's own check is not in the task: only its container says so.
pub(crate) fn has_healthcheck(spec: Option<&TaskSpec>) -> bool {
    let check = spec
        .and_then(|spec| spec.container_spec.as_ref())
        .and_then(crate::core::mapping::health_config_of);
    let test = check.and_then(|check| check.test);
    match test.as_ref().and_then(|test| test.first()) {
        None => false,
        Some(first) => first != "NONE",
    }
}

/// Whether a task failed because its container turned unhealthy: the node's agent stopped it
/// (its error says "unhealthy container").
pub(crate) fn is_unhealthy(task: &Task) -> bool {
    task.status
        .as_ref()
        .and_then(|status| status.err.as_deref())
        .is_some_and(|err| err.contains("unhealthy container"))
}

/// The reason of a task stopped as unhealthy, with the last output of its check when its node's
/// engine could tell (one line, at most [`CHECK_OUTPUT_CHARS`] characters of it).
pub(crate) fn unhealthy_reason(last_check: Option<&CheckResult>) -> String {
    match last_check {
        None => "unhealthy: its health check failed".to_string(),
        Some(check) => {
            let output: String = check
                .output
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut output: String = output.chars().take(CHECK_OUTPUT_CHARS).collect();
            if output.is_empty() {
                output = "no output".into();
            }
            format!(
                "unhealthy: its health check failed (exit {}: {output})",
                check.exit_code
            )
        }
    }
}

/// What a health check printed last, as far as it is shown.
pub(crate) const CHECK_OUTPUT_CHARS: usize = 200;

/// The result of one health check of a container, as its engine keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckResult {
    pub exit_code: i64,
    pub output: String,
}

/// A task's health as its own record says it: the swarm puts a task with a health check in
/// `starting` until the first check passes, in `running` once one has, and fails it with the
/// error "task: non-zero exit (137): dockerexec: unhealthy container" when its checks fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskHealth {
    /// Started, its health check has not passed yet.
    Starting,
    /// Running, so its health check passed (the swarm only runs a checked task once it does).
    Healthy,
    /// Failed because its health check failed.
    Unhealthy,
}

/// The health of a task, from the task alone (no container inspected): none for a task whose
/// container has no health check, or whose state says nothing of it.
pub(crate) fn task_health(task: &Task) -> Option<TaskHealth> {
    let status = task.status.as_ref()?;
    match status.state? {
        TaskState::STARTING if has_healthcheck(task.spec.as_ref()) => Some(TaskHealth::Starting),
        TaskState::RUNNING if has_healthcheck(task.spec.as_ref()) => Some(TaskHealth::Healthy),
        TaskState::FAILED if is_unhealthy(task) => Some(TaskHealth::Unhealthy),
        _ => None,
    }
}

/// How long ago a task last changed state (its status's timestamp), at `now_secs` (seconds since
/// 1970); none without a readable timestamp. A clock behind the swarm's gives zero.
pub(crate) fn task_age(task: &Task, now_secs: u64) -> Option<Duration> {
    let since = task
        .status
        .as_ref()?
        .timestamp
        .as_deref()
        .and_then(crate::core::health::utc_seconds)?;
    let now = i64::try_from(now_secs).ok()?;
    Some(Duration::from_secs(
        now.saturating_sub(since).max(0).unsigned_abs(),
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::{HealthConfig, TaskSpec, TaskSpecContainerSpec, TaskStatus};

    fn task(state: TaskState, test: Option<&[&str]>, err: Option<&str>) -> Task {
        Task {
            spec: Some(TaskSpec {
                container_spec: Some(TaskSpecContainerSpec {
                    health_check: test.map(|test| HealthConfig {
                        test: Some(test.iter().map(|word| word.to_string()).collect()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            status: Some(TaskStatus {
                state: Some(state),
                err: err.map(String::from),
                timestamp: Some("2026-11-30T22:00:00.123456789Z".into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    const CHECK: &[&str] = &["CMD-SHELL", "wget -q -O- http://localhost/"];

    #[test]
    fn a_checked_task_is_starting_then_healthy() {
        let health = |state| task_health(&task(state, Some(CHECK), None));
        assert_eq!(health(TaskState::STARTING), Some(TaskHealth::Starting));
        assert_eq!(health(TaskState::RUNNING), Some(TaskHealth::Healthy));
        assert_eq!(health(TaskState::PREPARING), None);
        assert_eq!(health(TaskState::SHUTDOWN), None);
    }

    #[test]
    fn a_task_without_a_check_has_no_health() {
        for test in [None, Some(&["NONE"][..]), Some(&[][..])] {
            assert_eq!(task_health(&task(TaskState::RUNNING, test, None)), None);
            assert_eq!(task_health(&task(TaskState::STARTING, test, None)), None);
        }
        assert_eq!(task_health(&Task::default()), None);
    }

    #[test]
    fn a_task_failed_by_its_checks_is_unhealthy() {
        let unhealthy = "task: non-zero exit (137): dockerexec: unhealthy container";
        assert_eq!(
            task_health(&task(TaskState::FAILED, Some(CHECK), Some(unhealthy))),
            Some(TaskHealth::Unhealthy)
        );
        // Whatever its spec says: the error is the engine's verdict.
        assert_eq!(
            task_health(&task(TaskState::FAILED, None, Some(unhealthy))),
            Some(TaskHealth::Unhealthy)
        );
        let crashed = "task: non-zero exit (1)";
        assert_eq!(
            task_health(&task(TaskState::FAILED, Some(CHECK), Some(crashed))),
            None
        );
    }

    #[test]
    fn a_tasks_age_is_since_its_last_change() {
        let task = task(TaskState::RUNNING, None, None);
        // 2026-11-30T22:00:00Z
        let then = 1_796_076_000;
        assert_eq!(task_age(&task, then + 75), Some(Duration::from_secs(75)));
        // A clock behind the swarm's.
        assert_eq!(task_age(&task, then - 5), Some(Duration::ZERO));
        assert_eq!(task_age(&Task::default(), then), None);
    }
}
