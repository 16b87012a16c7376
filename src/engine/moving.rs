//! The writes of a move (`apps move`, decided in `core::moving`): stopping the app for the copy,
//! putting it back on its old node, re-pinning it, recording where its data is, and the volumes
//! of the target node (on that node's engine).

use std::collections::HashMap;

use anyhow::Context;
use bollard::query_parameters::RemoveVolumeOptions;

use super::{Engine, engine_error, is_not_found};
use crate::core::apply::NewRecord;
use crate::core::converge::Target;
use crate::core::labels;
use crate::core::mapping::Pin;
use crate::core::moving::{self, MovePlan, VolumeTarget};
use crate::core::records::Records;
use crate::core::services::DeployedApp;
use crate::spec::VolumeSource;
use crate::spec::model::volume_name;

impl Engine {
    /// Stops the app for its move: 0 instances, the instances to restore recorded on its
    /// service. Returns what to wait for (its container gone).
    pub async fn stop_for_move(&self, app: &DeployedApp, instances: u64) -> anyhow::Result<Target> {
        let spec = moving::stopped_spec(&app.spec, instances);
        self.rewrite(app, spec).await
    }

    /// Puts the app back as it was before its move stopped it: on its old node, its instances
    /// back. Returns what to wait for.
    pub async fn put_back(&self, name: &str) -> anyhow::Result<Target> {
        let app = self.managed_app(name).await?;
        let instances = moving::instances_to_restore(&app.spec, app.app.instances);
        let spec = moving::restored_spec(&app.spec, instances);
        self.rewrite(&app, spec).await
    }

    /// Pins the app to its new node with its instances back. Returns what to wait for.
    pub async fn repin(&self, name: &str, pin: &Pin, instances: u64) -> anyhow::Result<Target> {
        let app = self.managed_app(name).await?;
        let spec = moving::repinned_spec(&app.spec, &app.app, pin, instances);
        self.rewrite(&app, spec).await
    }

    async fn rewrite(
        &self,
        app: &DeployedApp,
        spec: bollard::models::ServiceSpec,
    ) -> anyhow::Result<Target> {
        let known_tasks = self.task_ids(&app.service_id).await?;
        self.update_service(app, spec, None)
            .await
            .with_context(|| format!("cannot update the service of `{}`", app.name()))?;
        let now = self.managed_app(app.name()).await?;
        let mut target = Engine::target_now(&now, known_tasks);
        target.update_started = app.update_started.clone();
        Ok(target)
    }

    /// Records the move: the app's data on the new node, and the old node's copies as left
    /// behind (the records say where the data went; the copies themselves are not touched).
    pub async fn record_move(&self, plan: &MovePlan, records: &Records) -> anyhow::Result<()> {
        for source in &plan.data {
            let record = match source {
                VolumeSource::Label(label) => NewRecord::Volume {
                    label: label.clone(),
                    app: plan.app.clone(),
                    node_id: plan.to.id.clone(),
                },
                VolumeSource::HostPath(path) => NewRecord::Bind {
                    path: path.clone(),
                    app: plan.app.clone(),
                    node_id: plan.to.id.clone(),
                },
            };
            let existing = existing_record(records, &record.name());
            self.write_record(&record, existing.as_deref()).await?;
            let old = match source {
                VolumeSource::Label(label) => NewRecord::Volume {
                    label: label.clone(),
                    app: plan.app.clone(),
                    node_id: plan.from.id.clone(),
                },
                VolumeSource::HostPath(path) => NewRecord::Bind {
                    path: path.clone(),
                    app: plan.app.clone(),
                    node_id: plan.from.id.clone(),
                },
            };
            let existing = existing_record(records, &old.name());
            let moved = HashMap::from([(labels::MOVED_TO.to_string(), plan.to.id.clone())]);
            self.write_record_with(&old, existing.as_deref(), &moved)
                .await?;
        }
        Ok(())
    }

    /// The volume of a label on this engine's node, for a move to it.
    pub async fn move_target_volume(&self, label: &str, app: &str) -> anyhow::Result<VolumeTarget> {
        let name = volume_name(label);
        match self.docker.inspect_volume(&name).await {
            Ok(volume) if labels::is_managed(Some(&volume.labels)) => {
                let partial = volume.labels.contains_key(labels::MOVED_FROM)
                    && volume.labels.get(labels::APP).map(String::as_str) == Some(app);
                // The entries are counted through a data door by the caller; 1 stands for
                // "not known to be empty" until then.
                Ok(VolumeTarget::Managed {
                    entries: 1,
                    partial,
                })
            }
            Ok(_) => Ok(VolumeTarget::Unmanaged),
            Err(err) if is_not_found(&err) => Ok(VolumeTarget::Absent),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot inspect the volume `{name}`")),
        }
    }

    /// Creates the managed volume of a label on this engine's node for a move from `from`
    /// (labelled so that a leftover of a move that did not finish is known as such).
    pub async fn create_moved_volume(
        &self,
        label: &str,
        app: &str,
        from: &str,
    ) -> anyhow::Result<()> {
        let mut volume_labels = labels::volume_labels(label, app);
        volume_labels.insert(labels::MOVED_FROM.to_string(), from.to_string());
        self.create_volume_labelled(label, volume_labels).await
    }

    /// Removes a volume this move created on this engine's node (its partial copy).
    pub async fn remove_moved_volume(&self, label: &str) -> anyhow::Result<()> {
        let name = volume_name(label);
        match self
            .docker
            .remove_volume(&name, None::<RemoveVolumeOptions>)
            .await
        {
            Ok(()) => Ok(()),
            Err(err) if is_not_found(&err) => Ok(()),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot remove the partial copy `{name}`")),
        }
    }
}

/// The config ID of the record of this name, if any.
fn existing_record(records: &Records, name: &str) -> Option<String> {
    let volumes = records.volumes.iter().map(|r| {
        (
            r.config_id.as_str(),
            crate::core::labels::volume_record_name(&r.label, &r.node_id),
        )
    });
    let binds = records.binds.iter().map(|r| {
        (
            r.config_id.as_str(),
            crate::core::labels::bind_record_name(&r.path, &r.node_id),
        )
    });
    volumes
        .chain(binds)
        .find(|(_, record)| record == name)
        .map(|(id, _)| id.to_string())
}
