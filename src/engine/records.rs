//! The records of persistent data (swarm configs): reading, writing, deleting them.

use crate::core::apply::NewRecord;
use crate::core::records::*;

use super::{Engine, engine_error, is_conflict, is_not_found};
use crate::core::labels;
use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::models::ConfigSpec;
use bollard::query_parameters::ListConfigsOptions;
use std::collections::HashMap;

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
        let (partial, configs): (Vec<Config>, Vec<Config>) = configs
            .into_iter()
            .partition(|config| config.name.starts_with(labels::MOVE_PARTIAL_PREFIX));
        let (binds, volumes): (Vec<Config>, Vec<Config>) = configs
            .into_iter()
            .partition(|config| config.name.starts_with(labels::BIND_RECORD_PREFIX));
        Ok(Records {
            binds: bind_records_of(binds),
            volumes: volume_records_of(volumes),
            partial_dirs: partial_dirs_of(partial),
        })
    }

    /// Writes a record, deleting first the config it `replaces` (configs are immutable).
    pub(crate) async fn write_record(
        &self,
        record: &NewRecord,
        replaces: Option<&str>,
    ) -> anyhow::Result<()> {
        self.write_record_with(record, replaces, &HashMap::new())
            .await
    }

    /// `write_record`, with more labels (a move's `moved-to` on the copy it left behind).
    pub(crate) async fn write_record_with(
        &self,
        record: &NewRecord,
        replaces: Option<&str>,
        more: &HashMap<String, String>,
    ) -> anyhow::Result<()> {
        if let Some(config_id) = replaces {
            self.delete_record(config_id)
                .await
                .with_context(|| format!("cannot replace the record of {}", record.data()))?;
        }
        let spec = ConfigSpec {
            name: Some(record.name()),
            labels: Some(record.labels().into_iter().chain(more.clone()).collect()),
            data: Some(STANDARD.encode(record.data().as_bytes())),
            ..Default::default()
        };
        self.create_record(spec)
            .await
            .with_context(|| format!("cannot record {}", record.data()))
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

    /// Records that a move copies into the host directory `path` of node `node_id`.
    pub(crate) async fn mark_partial_dir(
        &self,
        path: &std::path::Path,
        app: &str,
        node_id: &str,
    ) -> anyhow::Result<()> {
        let spec = ConfigSpec {
            name: Some(labels::move_partial_name(path, node_id)),
            labels: Some(labels::bind_record_labels(path, app, node_id)),
            data: Some(STANDARD.encode(path.to_string_lossy().as_bytes())),
            ..Default::default()
        };
        self.create_record(spec)
            .await
            .with_context(|| format!("cannot record the copy into {} under way", path.display()))
    }

    /// Drops the record of a move's copy into a host directory (the move ended).
    pub(crate) async fn unmark_partial_dir(&self, record: &BindRecord) -> anyhow::Result<()> {
        self.delete_record(&record.config_id).await
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
