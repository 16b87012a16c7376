//! Reading who mounts what: the swarm's services and tasks, and the node's containers.

use crate::core::usage::*;

use super::{Engine, engine_error};
use anyhow::Context;
use bollard::query_parameters::{ListContainersOptions, ListServicesOptions};

impl Engine {
    /// The mounts of the swarm's tasks that still run or are about to, on every node, also of
    /// removed services (this engine must be a manager). Every task is listed: a removed
    /// service's tasks have the desired state `remove` while their containers still run.
    pub(crate) async fn task_uses(&self) -> anyhow::Result<Vec<TaskUse>> {
        Ok(self
            .all_tasks()
            .await?
            .into_iter()
            .filter_map(task_use)
            .collect())
    }

    /// Every service of the swarm, as the engine has it (this engine must be a manager).
    pub(crate) async fn every_service(&self) -> anyhow::Result<Vec<bollard::models::Service>> {
        self.docker
            .list_services(None::<ListServicesOptions>)
            .await
            .map_err(engine_error)
            .context("cannot list the swarm's services")
    }

    /// The mounts of every service of the swarm (this engine must be a manager).
    pub(crate) async fn service_uses(&self) -> anyhow::Result<Vec<ServiceUse>> {
        let services = self.every_service().await?;
        Ok(services.into_iter().filter_map(service_use).collect())
    }

    /// The mounts of every container of this engine's node, running or not.
    pub(crate) async fn container_uses(&self) -> anyhow::Result<Vec<ContainerUse>> {
        let options = ListContainersOptions {
            all: true,
            ..Default::default()
        };
        let containers = self
            .docker
            .list_containers(Some(options))
            .await
            .map_err(engine_error)
            .context("cannot list the node's containers")?;
        Ok(containers.into_iter().map(container_use).collect())
    }
}
