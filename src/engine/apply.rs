//! The writes of a deploy plan: the network first, then every app concurrently (its volumes,
//! the records of its host directories, its service). Unchanged apps are not written to.

use std::collections::HashSet;
use std::fmt::Write;

use anyhow::Context;
use futures_util::future::join_all;

use super::Engine;
use super::converge::Target;
use super::mapping;
use super::plan::{Action, AppPlan, Plan};
use super::resources::NetworkState;
use crate::spec::VolumeSource;

/// An app the deploy wrote (or left unchanged), ready to be waited for.
#[derive(Debug, Clone)]
pub struct Applied {
    pub name: String,
    pub action: Action,
    /// Warnings the engine returned with the write (e.g. an image it could not resolve).
    pub warnings: Vec<String>,
    pub target: Target,
}

/// An app whose writes failed.
#[derive(Debug)]
pub struct ApplyFailure {
    pub name: String,
    pub error: anyhow::Error,
}

impl Engine {
    /// Performs a plan. Apps are written concurrently; one app's failure does not stop the
    /// others, and every failure is returned (a rerun finishes the job).
    pub async fn apply(&self, plan: &Plan) -> anyhow::Result<(Vec<Applied>, Vec<ApplyFailure>)> {
        let writes = plan.apps.iter().any(|app| app.action != Action::Unchanged);
        if writes && plan.network == NetworkState::Missing {
            self.create_network().await?;
        }
        let results = join_all(plan.apps.iter().map(|app| self.apply_app(app))).await;
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

    async fn apply_app(&self, plan: &AppPlan) -> anyhow::Result<Applied> {
        let name = &plan.app.name;
        let known_tasks = match &plan.current {
            Some(current) => self.task_ids(&current.service_id).await?,
            None => HashSet::new(),
        };
        let (service_id, warnings) = match plan.action {
            Action::Unchanged => (current_id(plan), Vec::new()),
            Action::Create | Action::Update => self
                .write_app(plan)
                .await
                .with_context(|| format!("cannot deploy `{name}`"))?,
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
            },
        })
    }

    /// Volumes, the records of the app's data, then the service itself.
    async fn write_app(&self, plan: &AppPlan) -> anyhow::Result<(String, Vec<String>)> {
        let name = &plan.app.name;
        for label in &plan.volumes_to_create {
            self.create_volume(label, name).await?;
        }
        if let Some(pin) = &plan.pin {
            for volume in &plan.app.volumes {
                match &volume.source {
                    VolumeSource::HostPath(path) => {
                        self.record_bind(path, name, &pin.node_id).await?
                    }
                    VolumeSource::Label(label) => {
                        self.record_volume(label, name, &pin.node_id).await?
                    }
                }
            }
        }
        match &plan.current {
            None => self.create_service(plan.spec.clone()).await,
            Some(current) => {
                let warnings = self.update_service(current, plan.spec.clone()).await?;
                Ok((current.service_id.clone(), warnings))
            }
        }
    }

    pub(in crate::engine) async fn task_ids(
        &self,
        service_id: &str,
    ) -> anyhow::Result<HashSet<String>> {
        Ok(self
            .tasks_of(&[service_id.to_string()])
            .await?
            .into_iter()
            .filter_map(|task| task.id)
            .collect())
    }

    /// A target to wait for an app as it is now (after `apps scale`).
    pub(in crate::engine) fn target_now(
        app: &super::DeployedApp,
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
        }
    }
}

fn current_id(plan: &AppPlan) -> String {
    plan.current
        .as_ref()
        .map(|current| current.service_id.clone())
        .unwrap_or_default()
}

/// Every failure as one error (the messages carry their cause chains).
pub fn failures_error(failures: &[ApplyFailure]) -> anyhow::Error {
    let mut text = String::from("the deploy failed for some apps:");
    for failure in failures {
        write!(text, "\n  app `{}`: {:#}", failure.name, failure.error).unwrap_or_default();
    }
    text.push_str("\n  the other apps were deployed; fix the cause and run the same deploy again");
    // Keep "the engine stopped answering" visible to the one place that reports it.
    if failures.iter().any(|f| super::is_engine_lost(&f.error)) {
        return super::EngineLost(text).into();
    }
    anyhow::anyhow!(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{EngineLost, is_engine_lost};

    #[test]
    fn a_lost_engine_among_the_failures_stays_visible() {
        let failure = |name: &str, error: anyhow::Error| ApplyFailure {
            name: name.into(),
            error,
        };
        let refused = failure("db", anyhow::anyhow!("image refused"));
        let err = failures_error(&[refused]);
        assert!(!is_engine_lost(&err));
        let lost = failure("web", EngineLost("Connection refused".into()).into());
        let refused = failure("db", anyhow::anyhow!("image refused"));
        let err = failures_error(&[refused, lost]);
        assert!(is_engine_lost(&err));
        let text = err.to_string();
        assert!(
            text.contains("app `db`: image refused")
                && text.contains("app `web`: Connection refused"),
            "{text}"
        );
    }
}
