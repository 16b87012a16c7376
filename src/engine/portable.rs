//! What `volumes export|import` and `binds export|import` read and write besides the data door:
//! who uses the data of a given node (the swarm's services and tasks from a manager, that
//! node's containers from its own engine), volume sizes, and volumes made and removed for an
//! import.

use anyhow::Context;
use bollard::query_parameters::RemoveVolumeOptions;

use super::{Engine, engine_error, is_not_found};
use crate::core::resources::VolumeState;
use crate::core::usage::{ServiceUse, Usage};

impl Engine {
    /// The swarm's services (this engine must be a manager).
    pub(crate) async fn service_mounts(&self) -> anyhow::Result<Vec<ServiceUse>> {
        self.service_uses().await
    }

    /// Every use of data of `node_id`, whose engine is `node`: the swarm's services and live
    /// tasks (this engine, a manager) and the node's containers. Doors left behind there by a
    /// killed alacrity are removed first (they would count as users).
    pub async fn usage_on(&self, node: &Engine, node_id: &str) -> anyhow::Result<Usage> {
        node.remove_stale_doors().await;
        let (services, tasks, containers) =
            tokio::try_join!(self.service_uses(), self.task_uses(), node.container_uses())?;
        Ok(Usage {
            services,
            tasks,
            containers,
            local_node: node_id.to_string(),
        })
    }

    /// Whether the volume of `label` exists on this engine's node, and is alacrity's.
    pub async fn managed_volume_state(&self, label: &str) -> anyhow::Result<VolumeState> {
        self.volume_state(label).await
    }

    /// Whether a volume of any name exists on this engine's node.
    pub async fn volume_exists(&self, name: &str) -> anyhow::Result<bool> {
        match self.docker.inspect_volume(name).await {
            Ok(_) => Ok(true),
            Err(err) if is_not_found(&err) => Ok(false),
            Err(err) => {
                Err(engine_error(err)).with_context(|| format!("cannot look at the volume {name}"))
            }
        }
    }

    /// Creates the managed volume of `label` on this engine's node (labelled for `app`).
    pub async fn create_managed_volume(&self, label: &str, app: &str) -> anyhow::Result<()> {
        self.create_volume(label, app).await
    }

    /// Removes a volume of this engine's node (one alacrity made, or one the user agreed to
    /// replace).
    pub async fn remove_managed_volume(&self, name: &str) -> anyhow::Result<()> {
        match self
            .docker
            .remove_volume(name, None::<RemoveVolumeOptions>)
            .await
        {
            Ok(()) => Ok(()),
            Err(err) if is_not_found(&err) => Ok(()),
            Err(err) => {
                Err(engine_error(err)).with_context(|| format!("cannot remove the volume {name}"))
            }
        }
    }

    /// The size of a volume, as the engine counts it (`None` when it cannot tell).
    pub async fn volume_size(&self, name: &str) -> Option<u64> {
        self.volume_sizes().await.ok()?.get(name).copied()
    }

    /// Records a managed volume of `label` on `node_id`, used by `app`, unless a record of it
    /// on that node exists: whether it wrote one.
    pub async fn record_volume(
        &self,
        label: &str,
        app: &str,
        node_id: &str,
    ) -> anyhow::Result<bool> {
        let records = self.volume_records().await?;
        if records
            .iter()
            .any(|r| r.label == label && r.node_id == node_id)
        {
            return Ok(false);
        }
        let record = crate::core::apply::NewRecord::Volume {
            label: label.to_string(),
            app: app.to_string(),
            node_id: node_id.to_string(),
        };
        self.write_record(&record, None).await.map(|()| true)
    }

    /// Deletes the record of a managed volume of `label` on `node_id`, if any.
    pub async fn forget_volume_on(&self, label: &str, node_id: &str) -> anyhow::Result<()> {
        for record in self.volume_records().await? {
            if record.label == label && record.node_id == node_id {
                self.forget_volume(&record).await?;
            }
        }
        Ok(())
    }
}
