//! Waiting: until deployed apps converge (`core::converge` gives the verdicts), and until no other
//! container runs on a persistent app's data before it is written (`core::writers`).

use crate::core::converge::*;

use super::{Engine, engine_error, is_not_found};
use crate::core::mapping::Pin;
use crate::core::nodes::hostname_of;
use crate::core::tasks::{
    CheckResult, KILLED_EXIT_CODE, container_id, exit_code, is_unhealthy, out_of_memory_reason,
    unhealthy_reason,
};
use crate::core::writers::*;
use crate::spec::App;
use anyhow::Context;
use bollard::models::{HealthStatusEnum, Service, Task};
use bollard::query_parameters::{ListServicesOptions, ListTasksOptions};
use std::collections::HashMap;
use std::time::{Duration, Instant};

impl Engine {
    /// Waits until every target has converged, calling `on_progress` after each look. A new
    /// task counts once it has been seen running for `monitor` (zero: at once).
    ///
    /// Ends as soon as an app fails, or when `timeout` passes: a [`WaitEnd`] says how (an error
    /// is the engine's).
    pub async fn wait(
        &self,
        targets: &[Target],
        timeout: Duration,
        monitor: Duration,
        mut on_progress: impl FnMut(&[AppProgress]),
    ) -> anyhow::Result<Result<Vec<AppProgress>, WaitEnd>> {
        let deadline = Instant::now() + timeout;
        let mut first_seen: HashMap<String, Instant> = HashMap::new();
        loop {
            let look = self.look(targets).await?;
            let now = Instant::now();
            note_running(&look.tasks, &look.nodes, now, &mut first_seen);
            let watch = Watch {
                window: monitor,
                first_seen: &first_seen,
                now,
            };
            let mut progress = progress_of_all(targets, &look, &watch);
            self.explain_failures(targets, &look.tasks, &mut progress)
                .await;
            on_progress(&progress);
            let failed: Vec<AppProgress> = progress
                .iter()
                .filter(|p| matches!(p.state, ProgressState::Failed(_)))
                .cloned()
                .collect();
            if !failed.is_empty() {
                return Ok(Err(WaitEnd::Failed(failed)));
            }
            if let Some(superseded) = progress
                .iter()
                .find(|p| matches!(p.state, ProgressState::Superseded(_)))
            {
                return Ok(Err(WaitEnd::Superseded(superseded.clone())));
            }
            if progress.iter().all(|p| p.state == ProgressState::Converged) {
                return Ok(Ok(progress));
            }
            if Instant::now() >= deadline {
                return Ok(Err(WaitEnd::TimedOut { progress, timeout }));
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Why a failed container stopped is not all in its task: whether the kernel killed it for
    /// memory (only its exit code, 137, which any SIGKILL gives) and what its health check said
    /// last are in the container, which only the engine of its node can inspect. For a container
    /// that failed on this engine's node, look, and say so for sure. Once per failure (a failure
    /// ends the wait); anything that cannot be looked at keeps the task's own reason.
    async fn explain_failures(
        &self,
        targets: &[Target],
        tasks: &[Task],
        progress: &mut [AppProgress],
    ) {
        for app in progress.iter_mut() {
            if !matches!(app.state, ProgressState::Failed(_)) {
                continue;
            }
            let Some(target) = targets.iter().find(|target| target.name == app.name) else {
                continue;
            };
            let own: Vec<Task> = tasks
                .iter()
                .filter(|task| task.service_id.as_deref() == Some(target.service_id.as_str()))
                .cloned()
                .collect();
            // A container stopped as unhealthy may exit 0 (its app handles SIGTERM): then its
            // task is complete, not failed, and the swarm's update says only "early termination".
            let Some(task) = failed_task(target, &own).or_else(|| ended_task(target, &own)) else {
                continue;
            };
            let Some(container) = container_id(task) else {
                continue;
            };
            let Ok(here) = self.local_node_id().await else {
                continue;
            };
            if task.node_id.as_deref() != Some(here) {
                continue;
            }
            let Ok(inspected) = self.docker.inspect_container(container, None).await else {
                continue;
            };
            let state = inspected.state.unwrap_or_default();
            let health = state.health.unwrap_or_default();
            if is_unhealthy(task) || health.status == Some(HealthStatusEnum::UNHEALTHY) {
                let last = health
                    .log
                    .and_then(|log| log.into_iter().last())
                    .map(|result| CheckResult {
                        exit_code: result.exit_code.unwrap_or_default(),
                        output: result.output.unwrap_or_default(),
                    });
                app.state = ProgressState::Failed(unhealthy_reason(last.as_ref()));
            } else if exit_code(task) == Some(KILLED_EXIT_CODE) && state.oom_killed == Some(true) {
                app.state = ProgressState::Failed(out_of_memory_reason(task));
            }
        }
    }

    /// The services, their tasks and the swarm's nodes: three API calls however many apps (a
    /// deploy of many apps polls often). The nodes are read alongside the services.
    async fn look(&self, targets: &[Target]) -> anyhow::Result<Look> {
        let ids: Vec<String> = targets.iter().map(|t| t.service_id.clone()).collect();
        let (services_and_tasks, nodes) = tokio::join!(self.services_and_tasks(&ids), self.nodes());
        // The services' error first: it is the one that says the engine stopped answering.
        let (services, tasks) = services_and_tasks?;
        Ok(Look {
            services,
            tasks,
            nodes: nodes?,
        })
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
    /// Every task of the swarm, on every node, a removed service's tasks included while they
    /// are listed (a filter naming a removed service is refused by the engine).
    pub(crate) async fn all_tasks(&self) -> anyhow::Result<Vec<Task>> {
        self.docker
            .list_tasks(None::<ListTasksOptions>)
            .await
            .map_err(engine_error)
            .context("cannot list the swarm's tasks")
    }

    /// The tasks of some services. The engine refuses a filter naming a service that is gone
    /// (404), and another client may remove one between the read of the services and this one
    /// (`apps rm` while `apps ls` runs): then every task is read, and kept by service here.
    pub(crate) async fn tasks_of(&self, service_ids: &[String]) -> anyhow::Result<Vec<Task>> {
        let filters = HashMap::from([("service".to_string(), service_ids.to_vec())]);
        match self
            .docker
            .list_tasks(Some(ListTasksOptions {
                filters: Some(filters),
            }))
            .await
        {
            Ok(tasks) => Ok(tasks),
            Err(err) if is_not_found(&err) => {
                let wanted: std::collections::HashSet<&String> = service_ids.iter().collect();
                Ok(self
                    .all_tasks()
                    .await?
                    .into_iter()
                    .filter(|task| {
                        task.service_id
                            .as_ref()
                            .is_some_and(|id| wanted.contains(id))
                    })
                    .collect())
            }
            Err(err) => Err(engine_error(err)).context("cannot list the swarm's tasks"),
        }
    }
}

impl Engine {
    /// Waits until no container other than its own service's runs on the data of each app
    /// (`app`, its pin, its service if deployed); `waiting` is told about the ones waited for,
    /// once per app. The result is per app: an error names the node where one still runs.
    pub(crate) async fn wait_for_sole_writer(
        &self,
        apps: &[(&App, Option<&Pin>, Option<&str>)],
        waiting: impl Fn(&App, &[Writer]),
    ) -> anyhow::Result<Vec<anyhow::Result<()>>> {
        let deadline = Instant::now() + DATA_FREE_TIMEOUT;
        let mut told = vec![false; apps.len()];
        loop {
            let tasks = self.all_tasks().await?;
            let writers: Vec<Vec<Writer>> = apps
                .iter()
                .map(|(app, pin, service)| writers_on(app, *pin, *service, &tasks))
                .collect();
            if writers.iter().all(Vec::is_empty) {
                return Ok(apps.iter().map(|_| Ok(())).collect());
            }
            if Instant::now() >= deadline {
                let nodes = self.nodes().await.unwrap_or_default();
                return Ok(apps
                    .iter()
                    .zip(writers)
                    .map(|((app, _, _), writers)| match writers.first() {
                        None => Ok(()),
                        Some(writer) => Err(anyhow::anyhow!(
                            "a container on its data ({}) still runs on node {} after {}s \
                             (task {}); alacrity never starts a persistent app beside another \
                             container on its data: stop that container (`docker service ps \
                             {}`), then run the same command again",
                            writer.data,
                            hostname_of(&nodes, &writer.node_id),
                            DATA_FREE_TIMEOUT.as_secs(),
                            writer.task_id,
                            app.name
                        )),
                    })
                    .collect());
            }
            for (index, ((app, _, _), writers)) in apps.iter().zip(&writers).enumerate() {
                if !writers.is_empty() && !told[index] {
                    waiting(app, writers);
                    told[index] = true;
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }
}
