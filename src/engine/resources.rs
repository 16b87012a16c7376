//! The shared network and managed volumes: their states, and creating them.

use crate::core::resources::*;

use super::{Engine, engine_error, is_conflict, is_not_found};
use crate::core::labels;
use crate::spec::model::volume_name;
use anyhow::{Context, bail};
use bollard::models::{NetworkCreateRequest, VolumeCreateRequest};
use bollard::query_parameters::ListNetworksOptions;
use std::collections::HashMap;

impl Engine {
    /// Whether the apps' network exists; an unmanaged network of that name is an error.
    pub(crate) async fn network_state(&self) -> anyhow::Result<NetworkState> {
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
    pub(crate) async fn create_network(&self) -> anyhow::Result<()> {
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
    pub(crate) async fn volume_state(&self, label: &str) -> anyhow::Result<VolumeState> {
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
    pub(crate) async fn create_volume(&self, label: &str, app: &str) -> anyhow::Result<()> {
        self.create_volume_labelled(label, labels::volume_labels(label, app))
            .await
    }

    /// Creates the managed volume of `label` with `volume_labels` (alacrity's, and more).
    pub(crate) async fn create_volume_labelled(
        &self,
        label: &str,
        volume_labels: HashMap<String, String>,
    ) -> anyhow::Result<()> {
        let name = volume_name(label);
        let request = VolumeCreateRequest {
            name: Some(name.clone()),
            driver: Some("local".to_string()),
            labels: Some(volume_labels),
            ..Default::default()
        };
        self.docker
            .create_volume(request)
            .await
            .map_err(engine_error)
            .with_context(|| format!("cannot create the volume `{name}`"))?;
        Ok(())
    }
}
