//! The records of persistent data: which host directories and managed volumes apps used, on
//! which node, kept as swarm configs (see `labels` for their names and labels). They are what
//! `volumes` and `binds` list and remove after the apps are gone, the same from any manager.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use bollard::models::ConfigSpec;
use bollard::query_parameters::ListConfigsOptions;

use super::{Engine, engine_error, is_conflict, is_not_found, labels};
use crate::spec::model::volume_name;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The record of a host directory an app bind-mounted on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindRecord {
    pub path: PathBuf,
    /// The app that last deployed with it.
    pub app: String,
    /// The node whose directory it is.
    pub node_id: String,
    pub(in crate::engine) config_id: String,
}

/// The record of a managed volume an app used on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeRecord {
    pub label: String,
    /// The app that last deployed with it.
    pub app: String,
    /// The node that holds the volume (volumes are per node).
    pub node_id: String,
    pub(in crate::engine) config_id: String,
}

impl VolumeRecord {
    /// `alacran--LABEL`.
    pub fn name(&self) -> String {
        volume_name(&self.label)
    }
}

/// Every record, read with one call (what a deploy consults before writing records).
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub binds: Vec<BindRecord>,
    pub volumes: Vec<VolumeRecord>,
}

/// A config alacrity wrote: its name, ID and labels.
struct Config {
    name: String,
    id: String,
    labels: HashMap<String, String>,
}

impl Config {
    fn take(&mut self, key: &str) -> Option<String> {
        self.labels.remove(key)
    }
}

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
    pub(in crate::engine) async fn records(&self) -> anyhow::Result<Records> {
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
    pub(in crate::engine) async fn record_bind(
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
    pub(in crate::engine) async fn record_volume(
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

fn bind_records_of(configs: Vec<Config>) -> Vec<BindRecord> {
    let mut records: Vec<BindRecord> = configs
        .into_iter()
        .filter(|config| config.name.starts_with(labels::BIND_RECORD_PREFIX))
        .filter_map(|mut config| {
            Some(BindRecord {
                path: PathBuf::from(config.take(labels::BIND_PATH)?),
                app: config.take(labels::APP).unwrap_or_default(),
                node_id: config.take(labels::NODE).unwrap_or_default(),
                config_id: config.id,
            })
        })
        .collect();
    records.sort_by(|a, b| (&a.path, &a.node_id).cmp(&(&b.path, &b.node_id)));
    records
}

fn volume_records_of(configs: Vec<Config>) -> Vec<VolumeRecord> {
    let mut records: Vec<VolumeRecord> = configs
        .into_iter()
        .filter(|config| config.name.starts_with(labels::VOLUME_RECORD_PREFIX))
        .filter_map(|mut config| {
            Some(VolumeRecord {
                label: config.take(labels::VOLUME_LABEL)?,
                app: config.take(labels::APP).unwrap_or_default(),
                node_id: config.take(labels::NODE).unwrap_or_default(),
                config_id: config.id,
            })
        })
        .collect();
    records.sort_by(|a, b| (&a.label, &a.node_id).cmp(&(&b.label, &b.node_id)));
    records
}
