//! Executing the writes of a plan (`core::apply` decides them): the network, the volumes and
//! records, then the services, each app on its own so that one failure does not stop the others.

use crate::core::apply::*;

use super::Engine;
use crate::core::converge::Target;
use crate::core::mapping;
use crate::core::plan::{AppPlan, Plan};
use crate::core::writers::Writer;
use crate::spec::App;
use anyhow::Context;
use futures_util::future::try_join_all;
use std::collections::{HashMap, HashSet};

impl Engine {
    /// Performs a plan. Apps are written concurrently, at most `IN_FLIGHT` at once; one app's
    /// failure does not stop the others, and every failure is returned (a rerun finishes the
    /// job). With `wait`, the tasks that exist before the writes are noted, so that waiting can
    /// tell this deploy's failures from the swarm's history.
    ///
    /// A persistent app to run is written only once no other container runs on its data (see
    /// `writers`); `waiting` is told when one must be waited for.
    pub async fn apply(
        &self,
        plan: &Plan,
        wait: bool,
        waiting: impl Fn(&App, &[Writer]),
    ) -> anyhow::Result<(Vec<Applied>, Vec<ApplyFailure>)> {
        let writes: Vec<AppWrites> = plan
            .apps
            .iter()
            .map(|app| writes_of(app, &plan.records))
            .collect();
        let network = async {
            match network_needed(plan) {
                true => self.create_network().await,
                false => Ok(()),
            }
        };
        let (network, data, known_tasks) = tokio::join!(
            network,
            super::bounded(
                plan.apps
                    .iter()
                    .zip(&writes)
                    .map(|(app, writes)| self.write_data(&app.app.name, &writes.data))
            ),
            async {
                match wait {
                    true => self.known_tasks(plan).await,
                    false => Ok(HashMap::new()),
                }
            },
        );
        network?;
        let known_tasks = known_tasks?;
        let guarded: Vec<usize> = (0..plan.apps.len())
            .filter(|&i| single_writer_matters(&plan.apps[i]))
            .collect();
        let mut sole: Vec<anyhow::Result<()>> = plan.apps.iter().map(|_| Ok(())).collect();
        if !guarded.is_empty() {
            let apps: Vec<_> = guarded
                .iter()
                .map(|&i| {
                    let app = &plan.apps[i];
                    let service = app.current.as_ref().map(|c| c.service_id.as_str());
                    (&app.app, app.pin.as_ref(), service)
                })
                .collect();
            let results = self.wait_for_sole_writer(&apps, waiting).await?;
            for (index, result) in guarded.into_iter().zip(results) {
                sole[index] = result;
            }
        }
        let data: Vec<anyhow::Result<()>> = data
            .into_iter()
            .zip(sole)
            .map(|(data, sole)| data.and(sole))
            .collect();
        // A few dozen apps at a time (`IN_FLIGHT`): memory stays bounded at any number of apps.
        let results = super::bounded(plan.apps.iter().zip(data).zip(writes).map(
            |((app, data), writes)| {
                let known = known_tasks
                    .get(&current_id(app))
                    .cloned()
                    .unwrap_or_default();
                async move {
                    data.with_context(|| format!("cannot deploy `{}`", app.app.name))?;
                    self.apply_app(app, writes.service, known).await
                }
            },
        ))
        .await;
        let mut applied = Vec::new();
        let mut failures = Vec::new();
        for (app, result) in plan.apps.iter().zip(results) {
            match result {
                Ok(done) => applied.push(done),
                Err(error) => failures.push(ApplyFailure {
                    name: app.app.name.clone(),
                    error,
                }),
            }
        }
        Ok((applied, failures))
    }

    async fn apply_app(
        &self,
        plan: &AppPlan,
        service: Option<ServiceWrite>,
        known_tasks: HashSet<String>,
    ) -> anyhow::Result<Applied> {
        let name = &plan.app.name;
        let (service_id, warnings) = match (service, &plan.current) {
            (None, _) => (current_id(plan), Vec::new()),
            (Some(ServiceWrite::Create(spec)), _) => {
                let spec = self.with_files(&plan.app, spec).await?;
                let credentials = self.service_credentials(&plan.app.image).await?;
                self.create_service(spec, credentials)
                    .await
                    .with_context(|| format!("cannot deploy `{name}`"))?
            }
            (Some(ServiceWrite::Update { service_id, spec }), Some(current)) => {
                let spec = self.with_failure_action(self.with_files(&plan.app, spec).await?);
                let credentials = self.service_credentials(&plan.app.image).await?;
                let warnings = self
                    .update_service(current, spec, credentials)
                    .await
                    .with_context(|| format!("cannot deploy `{name}`"))?;
                (service_id, warnings)
            }
            (Some(ServiceWrite::Update { .. }), None) => {
                unreachable!("an update is planned only for a deployed app")
            }
        };
        let template_hash = mapping::template_hash(plan.spec.task_template.as_ref())
            .unwrap_or_default()
            .to_string();
        Ok(Applied {
            name: name.clone(),
            action: plan.action,
            warnings,
            target: Target {
                name: name.clone(),
                desired: plan.app.instances,
                service_id,
                template_hash,
                known_tasks,
                update_started: plan.current.as_ref().and_then(|c| c.update_started.clone()),
                rollback: false,
            },
        })
    }

    /// What must exist before an app's service: its volumes, and the records of its persistent
    /// directories (so that they are found again after the app is gone), all at once.
    async fn write_data(&self, app: &str, writes: &[DataWrite]) -> anyhow::Result<()> {
        try_join_all(writes.iter().map(|write| async move {
            match write {
                DataWrite::Volume { label } => self.create_volume(label, app).await,
                DataWrite::Record { record, replaces } => {
                    self.write_record(record, replaces.as_deref()).await
                }
            }
        }))
        .await
        .map(|_| ())
    }

    /// The tasks of the deployed apps of a plan, by service: one call for all.
    async fn known_tasks(&self, plan: &Plan) -> anyhow::Result<HashMap<String, HashSet<String>>> {
        let ids: Vec<String> = plan
            .apps
            .iter()
            .filter_map(|app| app.current.as_ref().map(|c| c.service_id.clone()))
            .collect();
        let mut known: HashMap<String, HashSet<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(known);
        }
        for task in self.tasks_of(&ids).await? {
            if let (Some(service), Some(id)) = (task.service_id, task.id) {
                known.entry(service).or_default().insert(id);
            }
        }
        Ok(known)
    }

    pub(crate) async fn task_ids(&self, service_id: &str) -> anyhow::Result<HashSet<String>> {
        Ok(self
            .tasks_of(&[service_id.to_string()])
            .await?
            .into_iter()
            .filter_map(|task| task.id)
            .collect())
    }

    /// A target to wait for an app as it is now (after `apps scale`).
    pub(crate) fn target_now(
        app: &crate::core::services::DeployedApp,
        known_tasks: HashSet<String>,
    ) -> Target {
        Target {
            name: app.app.name.clone(),
            desired: app.app.instances,
            service_id: app.service_id.clone(),
            template_hash: mapping::template_hash(app.spec.task_template.as_ref())
                .unwrap_or_default()
                .to_string(),
            known_tasks,
            update_started: app.update_started.clone(),
            rollback: false,
        }
    }
}
