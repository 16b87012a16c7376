//! What apps share or keep besides their services: the `alacrity` overlay network, managed
//! volumes (`alacran--LABEL`) and the records of bind-mounted host directories (swarm configs,
//! see `labels` for their names and labels).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use bollard::models::{ConfigSpec, NetworkCreateRequest, VolumeCreateRequest};
use bollard::query_parameters::{ListConfigsOptions, ListNetworksOptions};
use serde::Serialize;

use super::{Engine, engine_error, is_conflict, is_not_found, labels};
use crate::spec::model::volume_name;

/// The state of the apps' network before a deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkState {
    Present,
    Missing,
}

/// The state of a managed volume's name on the engine alacrity talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeState {
    Missing,
    /// Created by alacrity (possibly for an app since removed: its data is adopted).
    Managed,
    /// Same name, no alacrity label: never used.
    Unmanaged,
}

/// The record of a host directory an app bind-mounted, kept in the swarm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BindRecord {
    pub path: PathBuf,
    /// The app that last deployed with it.
    pub app: String,
    /// The node whose directory it is.
    pub node_id: String,
    #[serde(skip)]
    config_id: String,
}

impl Engine {
    /// Whether the apps' network exists; an unmanaged network of that name is an error.
    pub(in crate::engine) async fn network_state(&self) -> anyhow::Result<NetworkState> {
        let filters = HashMap::from([("name".to_string(), vec![labels::NETWORK.to_string()])]);
        let networks = self
            .docker
            .list_networks(Some(ListNetworksOptions {
                filters: Some(filters),
            }))
            .await
            .map_err(engine_error)
            .context("cannot list the engine's networks")?;
        let same_name: Vec<_> = networks
            .iter()
            .filter(|n| n.name.as_deref() == Some(labels::NETWORK))
            .collect();
        if same_name.is_empty() {
            return Ok(NetworkState::Missing);
        }
        if same_name
            .iter()
            .any(|n| labels::is_managed(n.labels.as_ref()))
        {
            return Ok(NetworkState::Present);
        }
        bail!(
            "a network named `{net}` exists but alacrity did not create it (it lacks the label \
             {}=true), and alacrity attaches apps only to its own network; rename or remove \
             that network (`docker network inspect {net}`)",
            labels::MANAGED,
            net = labels::NETWORK
        )
    }

    /// Creates the apps' overlay network (attachable, so one-off containers can join it too).
    pub(in crate::engine) async fn create_network(&self) -> anyhow::Result<()> {
        let request = NetworkCreateRequest {
            name: labels::NETWORK.to_string(),
            driver: Some("overlay".to_string()),
            attachable: Some(true),
            labels: Some(HashMap::from([(
                labels::MANAGED.to_string(),
                "true".to_string(),
            )])),
            ..Default::default()
        };
        match self.docker.create_network(request).await {
            Ok(_) => Ok(()),
            // Another deploy created it meanwhile: fine if it is ours.
            Err(err) if is_conflict(&err) => self.network_state().await.map(|_| ()),
            Err(err) => Err(engine_error(err)).with_context(|| {
                format!("cannot create the overlay network `{}`", labels::NETWORK)
            }),
        }
    }

    /// The state of the volume of a label on the engine alacrity talks to.
    pub(in crate::engine) async fn volume_state(&self, label: &str) -> anyhow::Result<VolumeState> {
        let name = volume_name(label);
        match self.docker.inspect_volume(&name).await {
            Ok(volume) if labels::is_managed(Some(&volume.labels)) => Ok(VolumeState::Managed),
            Ok(_) => Ok(VolumeState::Unmanaged),
            Err(err) if is_not_found(&err) => Ok(VolumeState::Missing),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot inspect the volume `{name}`")),
        }
    }

    /// Creates a managed volume on the engine alacrity talks to.
    pub(in crate::engine) async fn create_volume(
        &self,
        label: &str,
        app: &str,
    ) -> anyhow::Result<()> {
        let name = volume_name(label);
        let request = VolumeCreateRequest {
            name: Some(name.clone()),
            driver: Some("local".to_string()),
            labels: Some(labels::volume_labels(label, app)),
            ..Default::default()
        };
        self.docker
            .create_volume(request)
            .await
            .map_err(engine_error)
            .with_context(|| format!("cannot create the volume `{name}`"))?;
        Ok(())
    }

    /// Every recorded host directory.
    pub async fn bind_records(&self) -> anyhow::Result<Vec<BindRecord>> {
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
            .context("cannot list the swarm's configs (the records of host directories)")?;
        let mut records: Vec<BindRecord> = configs
            .into_iter()
            .filter_map(|config| {
                let spec = config.spec?;
                let name = spec.name?;
                let mut labels = spec.labels?;
                if !name.starts_with(labels::BIND_RECORD_PREFIX) {
                    return None;
                }
                Some(BindRecord {
                    path: PathBuf::from(labels.remove(labels::BIND_PATH)?),
                    app: labels.remove(labels::APP).unwrap_or_default(),
                    node_id: labels.remove(labels::NODE).unwrap_or_default(),
                    config_id: config.id?,
                })
            })
            .collect();
        records.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(records)
    }

    /// Records that an app bind-mounts a host directory of a node; a record that names
    /// another app or node is replaced (configs are immutable).
    pub(in crate::engine) async fn record_bind(
        &self,
        path: &Path,
        app: &str,
        node_id: &str,
    ) -> anyhow::Result<()> {
        let existing = self.bind_records().await?;
        if let Some(record) = existing.iter().find(|r| r.path == path) {
            if record.app == app && record.node_id == node_id {
                return Ok(());
            }
            self.forget_bind(record).await?;
        }
        let spec = ConfigSpec {
            name: Some(labels::bind_record_name(path)),
            labels: Some(labels::bind_record_labels(path, app, node_id)),
            data: Some(base64(path.to_string_lossy().as_bytes())),
            ..Default::default()
        };
        match self.docker.create_config(spec).await {
            Ok(_) => Ok(()),
            // Another deploy recorded it meanwhile.
            Err(err) if is_conflict(&err) => Ok(()),
            Err(err) => Err(engine_error(err)).with_context(|| {
                format!(
                    "cannot record the host directory {} in the swarm",
                    path.display()
                )
            }),
        }
    }

    /// Deletes the record of a host directory (the directory itself is not touched).
    pub async fn forget_bind(&self, record: &BindRecord) -> anyhow::Result<()> {
        match self.docker.delete_config(&record.config_id).await {
            Ok(()) => Ok(()),
            Err(err) if is_not_found(&err) => Ok(()),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot delete the record of {}", record.path.display())),
        }
    }
}

/// Standard base64 with padding: the encoding the engine expects for config data.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"/srv/todo/backups"), "L3Nydi90b2RvL2JhY2t1cHM=");
    }
}
