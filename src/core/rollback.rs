//! Returning an app to the spec it ran before its last update (the swarm keeps it as the
//! service's previous spec): after a failed update, and on `apps rollback`. Whether it may, and
//! what to wait for then.

use std::collections::HashSet;

use bollard::models::{Service, ServiceSpec, ServiceUpdateStatusStateEnum, Task, TaskState};

use super::converge::Target;
use super::labels;
use super::mapping::{self, Pin};

/// What the swarm does with an app whose update failed and that alacrity did not return (a new
/// app, `--no-rollback`, a moved app), as its update status and its tasks say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwarmDoes {
    /// The update is paused (its failure action): `new` containers of the failed version and
    /// `old` of the previous one run.
    Paused { new: usize, old: usize },
    /// The swarm rolled the update back itself.
    RolledBack,
    /// The swarm is rolling it back.
    RollingBack,
    /// The update goes on: `new` containers of the new version and `old` of the previous run.
    Updating { new: usize, old: usize },
    /// The update completed after all.
    Completed,
    /// No update (the app was created): the swarm restarts its containers as they fail.
    Retrying,
}

/// What the swarm does with an app's failed update to the task template `template_hash`, from
/// its service (update status) and its tasks (pure).
pub fn swarm_does(service: &Service, tasks: &[Task], template_hash: &str) -> SwarmDoes {
    use ServiceUpdateStatusStateEnum as State;
    let running = |new: bool| {
        tasks
            .iter()
            .filter(|task| {
                task.desired_state == Some(TaskState::RUNNING)
                    && task.status.as_ref().and_then(|s| s.state) == Some(TaskState::RUNNING)
                    && (mapping::template_hash(task.spec.as_ref()) == Some(template_hash)) == new
            })
            .count()
    };
    match service
        .update_status
        .as_ref()
        .and_then(|status| status.state)
    {
        Some(State::PAUSED) => SwarmDoes::Paused {
            new: running(true),
            old: running(false),
        },
        Some(State::UPDATING) => SwarmDoes::Updating {
            new: running(true),
            old: running(false),
        },
        Some(State::ROLLBACK_COMPLETED) => SwarmDoes::RolledBack,
        Some(State::ROLLBACK_STARTED | State::ROLLBACK_PAUSED) => SwarmDoes::RollingBack,
        Some(State::COMPLETED) => SwarmDoes::Completed,
        _ => SwarmDoes::Retrying,
    }
}

/// Why an app cannot return to its previous spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoReturn {
    /// It was never updated since it was created: there is no previous spec.
    NoPrevious,
    /// Its previous spec is not one alacrity wrote (the service was written by another tool
    /// before).
    NotAlacritys,
    /// A persistent app whose previous spec pins it to another node: returning would start it
    /// there, away from its data.
    MovesAway { from: Pin, to: Option<Pin> },
}

/// Whether an app whose service has spec `current` may return to `previous` (pure).
pub(crate) fn check_return(
    current: &ServiceSpec,
    previous: Option<&ServiceSpec>,
) -> Result<(), NoReturn> {
    let Some(previous) = previous else {
        return Err(NoReturn::NoPrevious);
    };
    if !labels::is_managed(previous.labels.as_ref()) {
        return Err(NoReturn::NotAlacritys);
    }
    let (now, before) = (mapping::read_pin(current), mapping::read_pin(previous));
    match (&now, &before) {
        (Some(from), to) if to.as_ref() != Some(from) => Err(NoReturn::MovesAway {
            from: from.clone(),
            to: before,
        }),
        _ => Ok(()),
    }
}

/// What to wait for while an app returns to `spec` (its previous one): its tasks running, and
/// the swarm's rollback complete. Tasks that exist now (`known_tasks`) are history: their failures
/// are not the rollback's.
pub(crate) fn return_target(
    name: &str,
    service_id: &str,
    spec: &ServiceSpec,
    known_tasks: HashSet<String>,
) -> Target {
    let desired = spec
        .mode
        .as_ref()
        .and_then(|mode| mode.replicated.as_ref())
        .and_then(|replicated| replicated.replicas)
        .map_or(0, |replicas| replicas.max(0) as u64);
    Target {
        name: name.to_string(),
        desired,
        service_id: service_id.to_string(),
        template_hash: mapping::template_hash(spec.task_template.as_ref())
            .unwrap_or_default()
            .to_string(),
        known_tasks,
        update_started: None,
        rollback: true,
    }
}

/// After a failed update to the spec of template hash `deployed`: whether the swarm already
/// returned the service to the spec before it (`before`, whose template hash the service now
/// has), or it still runs the failed spec and must be asked to; `None`: the service runs
/// neither (another client wrote it meanwhile), and is left alone.
pub(crate) fn swarm_returned(
    service: &ServiceSpec,
    deployed: &str,
    before: &ServiceSpec,
) -> Option<bool> {
    let now = mapping::template_hash(service.task_template.as_ref());
    if now == Some(deployed) {
        return Some(false);
    }
    (now.is_some() && now == mapping::template_hash(before.task_template.as_ref())).then_some(true)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use bollard::models::{ServiceSpecMode, ServiceSpecModeReplicated};

    use super::*;
    use crate::spec::App;

    fn spec(persistent: Option<&str>, command: &str) -> ServiceSpec {
        let app = App {
            command: Some(vec![command.into()]),
            ..crate::core::plan::tests::app("web", persistent.is_some(), &[])
        };
        mapping::service_spec(&app, persistent.map(Pin::new).as_ref())
    }

    #[test]
    fn an_app_returns_to_an_alacrity_spec_on_the_same_node_only() {
        let now = spec(Some("n1"), "new");
        assert_eq!(check_return(&now, None), Err(NoReturn::NoPrevious));
        assert_eq!(check_return(&now, Some(&spec(Some("n1"), "old"))), Ok(()));
        assert_eq!(
            check_return(&now, Some(&spec(Some("n2"), "old"))),
            Err(NoReturn::MovesAway {
                from: Pin::new("n1"),
                to: Some(Pin::new("n2"))
            })
        );
        let stateless = spec(None, "new");
        assert_eq!(check_return(&stateless, Some(&spec(None, "old"))), Ok(()));
        let mut foreign = spec(None, "old");
        foreign.labels = Some(HashMap::new());
        assert_eq!(
            check_return(&stateless, Some(&foreign)),
            Err(NoReturn::NotAlacritys)
        );
    }

    #[test]
    fn the_return_target_waits_for_the_previous_spec_as_a_rollback() {
        let mut before = spec(None, "old");
        before.mode = Some(ServiceSpecMode {
            replicated: Some(ServiceSpecModeReplicated { replicas: Some(3) }),
            ..Default::default()
        });
        let target = return_target("web", "svc", &before, HashSet::from(["t1".to_string()]));
        assert_eq!(target.desired, 3);
        assert!(target.rollback);
        assert_eq!(
            Some(target.template_hash.as_str()),
            mapping::template_hash(before.task_template.as_ref())
        );
        assert!(target.known_tasks.contains("t1"));
    }

    #[test]
    fn a_service_the_swarm_already_returned_is_not_asked_again() {
        let (before, failed) = (spec(None, "old"), spec(None, "new"));
        let deployed = mapping::template_hash(failed.task_template.as_ref()).unwrap();
        assert_eq!(swarm_returned(&failed, deployed, &before), Some(false));
        assert_eq!(swarm_returned(&before, deployed, &before), Some(true));
        assert_eq!(
            swarm_returned(&spec(None, "theirs"), deployed, &before),
            None
        );
    }

    fn task(template: &str, state: TaskState) -> Task {
        let app = App {
            command: Some(vec![template.into()]),
            ..crate::core::plan::tests::app("web", false, &[])
        };
        Task {
            spec: mapping::service_spec(&app, None).task_template,
            desired_state: Some(TaskState::RUNNING),
            status: Some(bollard::models::TaskStatus {
                state: Some(state),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn what_the_swarm_does_comes_from_the_update_status_and_the_running_tasks() {
        use ServiceUpdateStatusStateEnum as State;
        let new = task("new", TaskState::RUNNING);
        let hash = mapping::template_hash(new.spec.as_ref())
            .unwrap()
            .to_string();
        let tasks = [
            new,
            task("new", TaskState::FAILED),
            task("old", TaskState::RUNNING),
        ];
        let service = |state: Option<State>| Service {
            update_status: state.map(|state| bollard::models::ServiceUpdateStatus {
                state: Some(state),
                ..Default::default()
            }),
            ..Default::default()
        };
        let does = |state| swarm_does(&service(state), &tasks, &hash);
        assert_eq!(
            does(Some(State::PAUSED)),
            SwarmDoes::Paused { new: 1, old: 1 }
        );
        assert_eq!(
            does(Some(State::UPDATING)),
            SwarmDoes::Updating { new: 1, old: 1 }
        );
        assert_eq!(does(Some(State::ROLLBACK_STARTED)), SwarmDoes::RollingBack);
        assert_eq!(does(Some(State::ROLLBACK_COMPLETED)), SwarmDoes::RolledBack);
        assert_eq!(does(Some(State::COMPLETED)), SwarmDoes::Completed);
        assert_eq!(does(None), SwarmDoes::Retrying);
    }
}
