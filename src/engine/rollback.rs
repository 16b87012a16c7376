//! Returning apps to their previous spec: after a failed update (unless `--no-rollback`), and on
//! `apps rollback` (`core::rollback` decides whether an app may, and what to wait for).

use anyhow::Context;
use bollard::models::{ServiceSpec, ServiceSpecUpdateConfigFailureActionEnum};
use bollard::query_parameters::UpdateServiceOptions;

use super::{Engine, engine_error, is_out_of_sequence};
use crate::core::converge::Target;
use crate::core::rollback::*;
use crate::core::services::{DeployedApp, REPLAN_ATTEMPTS};

/// How a failed update's app is returned to the spec before it.
#[derive(Debug, Clone)]
pub enum Returning {
    /// alacrity asked the swarm to roll back: wait for this.
    Asked(Target),
    /// The swarm had already started rolling back by itself (its update's failure action): wait
    /// for this.
    BySwarm(Target),
    /// The service runs neither the failed spec nor the one before it: another client wrote it
    /// meanwhile, and it is left alone.
    ChangedMeanwhile,
}

impl Engine {
    /// Updates written from now on leave a failed update in place (`--no-rollback`): the swarm
    /// pauses it rather than rolling it back.
    pub fn without_rollback(mut self) -> Self {
        self.rollback = false;
        self
    }

    /// Whether a failed update is rolled back.
    pub fn rolls_back(&self) -> bool {
        self.rollback
    }

    /// The failure action of an update this engine writes (not part of the spec's hash: it is
    /// how this deploy treats a failure, not what the app is).
    pub(crate) fn with_failure_action(&self, mut spec: ServiceSpec) -> ServiceSpec {
        if !self.rollback
            && let Some(update) = spec.update_config.as_mut()
        {
            update.failure_action = Some(ServiceSpecUpdateConfigFailureActionEnum::PAUSE);
        }
        spec
    }

    /// Returns an app whose update to template hash `deployed` failed to `before`, the spec it
    /// ran before the update: asks the swarm to roll back, unless the swarm already does.
    pub async fn return_after_failure(
        &self,
        failed: &Target,
        before: &ServiceSpec,
    ) -> anyhow::Result<Returning> {
        let mut attempts = REPLAN_ATTEMPTS;
        loop {
            let service = self.inspect(&failed.service_id, &failed.name).await?;
            let spec = service.spec.clone().unwrap_or_default();
            let known = self.task_ids(&failed.service_id).await?;
            let target = return_target(&failed.name, &failed.service_id, before, known);
            match swarm_returned(&spec, &failed.template_hash, before) {
                None => return Ok(Returning::ChangedMeanwhile),
                Some(true) => return Ok(Returning::BySwarm(target)),
                Some(false) => {}
            }
            let version = service.version.and_then(|v| v.index).unwrap_or(0);
            match self
                .ask_rollback(&failed.service_id, &failed.name, spec, version)
                .await
            {
                Ok(()) => return Ok(Returning::Asked(target)),
                // The swarm (its own rollback) or another client wrote it meanwhile: look again.
                Err(err) if is_out_of_sequence_error(&err) && attempts > 1 => attempts -= 1,
                Err(err) => return Err(err),
            }
        }
    }

    /// What the swarm does with an app whose update (to `failed`'s task template) failed and
    /// that alacrity leaves as it is.
    pub async fn swarm_does(&self, failed: &Target) -> anyhow::Result<SwarmDoes> {
        let (service, tasks) = tokio::try_join!(
            self.inspect(&failed.service_id, &failed.name),
            self.tasks_of(std::slice::from_ref(&failed.service_id))
        )?;
        Ok(swarm_does(&service, &tasks, &failed.template_hash))
    }

    /// `apps rollback`: returns a deployed app to its previous spec, if it may (else why not).
    /// Returns the app as it was, and the target to wait for.
    pub async fn roll_back(
        &self,
        name: &str,
    ) -> anyhow::Result<Result<(DeployedApp, Target), NoReturn>> {
        let app = self.managed_app(name).await?;
        let previous = self.previous_spec(&app.service_id).await?;
        if let Err(refusal) = check_return(&app.spec, previous.as_ref()) {
            return Ok(Err(refusal));
        }
        let previous = previous.unwrap_or_default();
        let known = self.task_ids(&app.service_id).await?;
        let target = return_target(name, &app.service_id, &previous, known);
        self.ask_rollback(&app.service_id, name, app.spec.clone(), app.version)
            .await?;
        Ok(Ok((app, target)))
    }

    async fn inspect(
        &self,
        service_id: &str,
        name: &str,
    ) -> anyhow::Result<bollard::models::Service> {
        self.docker
            .inspect_service(service_id, None)
            .await
            .map_err(engine_error)
            .with_context(|| format!("cannot read the service `{name}`"))
    }

    /// `POST /services/ID/update?rollback=previous` from `version`: the swarm returns the service
    /// to its previous spec (and pulls its image with the credentials it was given then).
    async fn ask_rollback(
        &self,
        service_id: &str,
        name: &str,
        spec: ServiceSpec,
        version: u64,
    ) -> anyhow::Result<()> {
        let options = UpdateServiceOptions {
            version: version as i32,
            registry_auth_from: "previous-spec".into(),
            rollback: Some("previous".into()),
        };
        self.docker
            .update_service(service_id, spec, options, None)
            .await
            .map(|_| ())
            .map_err(|err| {
                let out_of_sequence = is_out_of_sequence(&err);
                let err = engine_error(err);
                match out_of_sequence {
                    true => err.context(OutOfSequence),
                    false => err,
                }
            })
            .with_context(|| format!("cannot roll back `{name}`"))
    }
}

/// Marks a rollback refused because the service changed since it was read.
#[derive(Debug, thiserror::Error)]
#[error("the service changed since it was read")]
struct OutOfSequence;

fn is_out_of_sequence_error(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<OutOfSequence>())
}
