//! The engine side of `core::records`: the records of persistent data: which host directories and managed volumes apps used, on

use crate::core::records::*;

use super::{Engine, engine_error, is_conflict, is_not_found};
use crate::core::labels;
use crate::spec::model::volume_name;
use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::models::ConfigSpec;
use bollard::query_parameters::ListConfigsOptions;
use std::collections::HashMap;
use std::path::Path;

impl Engine {
    /// Every recorded host directory, by path then node.
    pub async fn bind_records(&self) -> anyhow::Result<Vec<BindRecord>> {
        Ok(bind_records_of(self.configs().await?))
    }

    /// Every recorded managed volume, by label then node.
    pub async fn volume_records(&self) -> anyhow::Result<Vec<VolumeRecord>> {
        Ok(volume_records_of(self.configs().await?))
    }

    /// Every record of both kinds, from one call.
    pub(crate) async fn records(&self) -> anyhow::Result<Records> {
        let configs = self.configs().await?;
        let (binds, volumes): (Vec<Config>, Vec<Config>) = configs
            .into_iter()
            .partition(|config| config.name.starts_with(labels::BIND_RECORD_PREFIX));
        Ok(Records {
            binds: bind_records_of(binds),
            volumes: volume_records_of(volumes),
        })
    }

    /// Records that an app bind-mounts a host directory of a node; the record of that path and
    /// node is replaced when it names another app (configs are immutable). `existing`: the
    /// records as the deploy's plan read them.
    pub(crate) async fn record_bind(
        &self,
        existing: &[BindRecord],
        path: &Path,
        app: &str,
        node_id: &str,
    ) -> anyhow::Result<()> {
        let same = existing
            .iter()
            .find(|r| r.path == path && r.node_id == node_id);
        if let Some(record) = same {
            if record.app == app {
                return Ok(());
            }
            self.forget_bind(record).await?;
        }
        let spec = ConfigSpec {
            name: Some(labels::bind_record_name(path, node_id)),
            labels: Some(labels::bind_record_labels(path, app, node_id)),
            data: Some(STANDARD.encode(path.to_string_lossy().as_bytes())),
            ..Default::default()
        };
        self.create_record(spec)
            .await
            .with_context(|| format!("cannot record the host directory {}", path.display()))
    }

    /// Records that an app uses the managed volume of a label on a node (replaced when it
    /// names another app). `existing`: the records as the deploy's plan read them.
    pub(crate) async fn record_volume(
        &self,
        existing: &[VolumeRecord],
        label: &str,
        app: &str,
        node_id: &str,
    ) -> anyhow::Result<()> {
        let same = existing
            .iter()
            .find(|r| r.label == label && r.node_id == node_id);
        if let Some(record) = same {
            if record.app == app {
                return Ok(());
            }
            self.forget_volume(record).await?;
        }
        let spec = ConfigSpec {
            name: Some(labels::volume_record_name(label, node_id)),
            labels: Some(labels::volume_record_labels(label, app, node_id)),
            data: Some(STANDARD.encode(volume_name(label).as_bytes())),
            ..Default::default()
        };
        self.create_record(spec)
            .await
            .with_context(|| format!("cannot record the volume {}", volume_name(label)))
    }

    /// Deletes the record of a host directory (the directory itself is not touched).
    pub async fn forget_bind(&self, record: &BindRecord) -> anyhow::Result<()> {
        self.delete_record(&record.config_id)
            .await
            .with_context(|| format!("cannot delete the record of {}", record.path.display()))
    }

    /// Deletes the record of a managed volume (the volume itself is not touched).
    pub async fn forget_volume(&self, record: &VolumeRecord) -> anyhow::Result<()> {
        self.delete_record(&record.config_id)
            .await
            .with_context(|| format!("cannot delete the record of the volume {}", record.name()))
    }

    /// The configs alacrity wrote.
    async fn configs(&self) -> anyhow::Result<Vec<Config>> {
        let filters = HashMap::from([(
            "label".to_string(),
            vec![format!("{}=true", labels::MANAGED)],
        )]);
        let configs = self
            .docker
            .list_configs(Some(ListConfigsOptions {
                filters: Some(filters),
            }))
            .await
            .map_err(engine_error)
            .context("cannot list the swarm's configs (where alacrity records persistent data)")?;
        Ok(configs
            .into_iter()
            .filter_map(|config| {
                let spec = config.spec?;
                Some(Config {
                    name: spec.name?,
                    id: config.id?,
                    labels: spec.labels?,
                })
            })
            .collect())
    }

    async fn create_record(&self, spec: ConfigSpec) -> anyhow::Result<()> {
        match self.docker.create_config(spec).await {
            Ok(_) => Ok(()),
            // Another deploy recorded it meanwhile.
            Err(err) if is_conflict(&err) => Ok(()),
            Err(err) => Err(engine_error(err)).context("cannot write a swarm config"),
        }
    }

    async fn delete_record(&self, config_id: &str) -> anyhow::Result<()> {
        match self.docker.delete_config(config_id).await {
            // Already gone: another run deleted it.
            Err(err) if is_not_found(&err) => Ok(()),
            result => result
                .map_err(engine_error)
                .with_context(|| format!("cannot delete the swarm config {config_id}")),
        }
    }
}
