//! The records of persistent data: which host directories and managed volumes apps used, on
//! which node, kept as swarm configs (see `labels` for their names and labels). They are what
//! `volumes` and `binds` list and remove after the apps are gone, the same from any manager.

use std::collections::HashMap;
use std::path::PathBuf;

use super::labels;
use crate::spec::model::volume_name;

/// The record of a host directory an app bind-mounted on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindRecord {
    pub path: PathBuf,
    /// The app that last deployed with it.
    pub app: String,
    /// The node whose directory it is.
    pub node_id: String,
    /// Set when the app moved away with its data (`apps move`) to this node: this copy is the
    /// one left behind, stale.
    pub moved_to: Option<String>,
    pub(crate) config_id: String,
}

/// The record of a managed volume an app used on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeRecord {
    pub label: String,
    /// The app that last deployed with it.
    pub app: String,
    /// The node that holds the volume (volumes are per node).
    pub node_id: String,
    /// Set when the app moved away with its data (`apps move`) to this node: this copy is the
    /// one left behind, stale.
    pub moved_to: Option<String>,
    pub(crate) config_id: String,
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
    /// Host directories an `apps move` was copying into when it stopped short (a record of the
    /// same shape as a bind's): what it wrote there stays (no file is deleted through the
    /// engine), and its rerun may complete it.
    pub partial_dirs: Vec<BindRecord>,
}

/// A config alacrity wrote: its name, ID and labels.
pub(crate) struct Config {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) labels: HashMap<String, String>,
}

impl Config {
    pub(crate) fn take(&mut self, key: &str) -> Option<String> {
        self.labels.remove(key)
    }
}

pub(crate) fn bind_records_of(configs: Vec<Config>) -> Vec<BindRecord> {
    dir_records_of(configs, labels::BIND_RECORD_PREFIX)
}

/// The records of host directories a move was copying into (see `Records::partial_dirs`).
pub(crate) fn partial_dirs_of(configs: Vec<Config>) -> Vec<BindRecord> {
    dir_records_of(configs, labels::MOVE_PARTIAL_PREFIX)
}

fn dir_records_of(configs: Vec<Config>, prefix: &str) -> Vec<BindRecord> {
    let mut records: Vec<BindRecord> = configs
        .into_iter()
        .filter(|config| config.name.starts_with(prefix))
        .filter_map(|mut config| {
            Some(BindRecord {
                path: PathBuf::from(config.take(labels::BIND_PATH)?),
                app: config.take(labels::APP).unwrap_or_default(),
                node_id: config.take(labels::NODE).unwrap_or_default(),
                moved_to: config.take(labels::MOVED_TO),
                config_id: config.id,
            })
        })
        .collect();
    records.sort_by(|a, b| (&a.path, &a.node_id).cmp(&(&b.path, &b.node_id)));
    records
}

pub(crate) fn volume_records_of(configs: Vec<Config>) -> Vec<VolumeRecord> {
    let mut records: Vec<VolumeRecord> = configs
        .into_iter()
        .filter(|config| config.name.starts_with(labels::VOLUME_RECORD_PREFIX))
        .filter_map(|mut config| {
            Some(VolumeRecord {
                label: config.take(labels::VOLUME_LABEL)?,
                app: config.take(labels::APP).unwrap_or_default(),
                node_id: config.take(labels::NODE).unwrap_or_default(),
                moved_to: config.take(labels::MOVED_TO),
                config_id: config.id,
            })
        })
        .collect();
    records.sort_by(|a, b| (&a.label, &a.node_id).cmp(&(&b.label, &b.node_id)));
    records
}
