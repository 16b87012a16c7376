//! A node's managed volumes: listing, checking and removing them (`core::volumes` decides).

use crate::core::volumes::*;

use super::data::DataAccess;
use super::{engine_error, is_not_found};
use crate::core::labels;
use crate::core::records::VolumeRecord;
use crate::core::usage::Usage;
use crate::spec::model::{label_of, volume_name};
use anyhow::Context;
use bollard::query_parameters::{ListVolumesOptions, RemoveVolumeOptions};
use std::collections::HashMap;

impl DataAccess {
    /// The records of managed volumes, from the manager.
    pub async fn volume_records(&self) -> anyhow::Result<Vec<VolumeRecord>> {
        self.manager.volume_records().await
    }

    /// Every managed volume alacrity knows of, with its users; sizes (slow) when asked for.
    /// What it needs is read all at once.
    pub async fn volumes(&self, with_sizes: bool) -> anyhow::Result<VolumeListing> {
        let sizes = async {
            match with_sizes {
                true => self.node.volume_sizes().await,
                false => Ok(HashMap::new()),
            }
        };
        let (usage, here, records, sizes) = tokio::try_join!(
            self.usage(),
            self.node_volumes(),
            self.volume_records(),
            sizes
        )?;
        let mut volumes = merge(self.node_id(), &here, &records, &usage);
        for volume in &mut volumes {
            if volume.node_id == self.node_id() {
                volume.size_bytes = sizes.get(&volume.name).copied();
            }
        }
        let unmanaged = here
            .into_iter()
            .filter(|v| !v.managed)
            .map(|v| v.name)
            .collect();
        Ok(VolumeListing { volumes, unmanaged })
    }

    /// Checks that the volume of `label` may be removed from the node alacrity talks to (a
    /// refusal is a [`VolumeRefusal`] in the error).
    pub async fn volume_removal(
        &self,
        label: &str,
        usage: &Usage,
        records: &[VolumeRecord],
    ) -> anyhow::Result<VolumeRemoval> {
        let name = volume_name(label);
        let seen = match self.node.docker.inspect_volume(&name).await {
            Ok(volume) if labels::is_managed(Some(&volume.labels)) => VolumeSeen::Managed {
                app: volume.labels.get(labels::APP).cloned(),
            },
            Ok(_) => VolumeSeen::Unmanaged,
            Err(err) if is_not_found(&err) => VolumeSeen::Missing,
            Err(err) => {
                return Err(engine_error(err)).with_context(|| {
                    format!(
                        "cannot inspect the volume {name} on {}",
                        self.hostname(self.node_id())
                    )
                });
            }
        };
        Ok(removal_verdict(
            label,
            self.node_id(),
            seen,
            usage,
            records,
        )?)
    }

    /// Checks that the record of the volume of `label` may be dropped (`volumes rm --forget`).
    pub fn volume_forgetting(
        &self,
        label: &str,
        usage: &Usage,
        records: &[VolumeRecord],
    ) -> anyhow::Result<VolumeRemoval> {
        Ok(forget_verdict(label, self.node_id(), usage, records)?)
    }

    /// Removes a checked volume from the node, then its record. Returns `true` when the volume
    /// was already gone.
    pub async fn remove_volume(
        &self,
        removal: &VolumeRemoval,
        records: &[VolumeRecord],
    ) -> anyhow::Result<bool> {
        let name = removal.name();
        if let VolumeRemoval::Forget { label, node_id } = removal {
            for record in records
                .iter()
                .filter(|r| &r.label == label && &r.node_id == node_id)
            {
                self.manager.forget_volume(record).await?;
            }
            return Ok(false);
        }
        let mut gone = matches!(removal, VolumeRemoval::Gone { .. });
        if !gone {
            match self
                .node
                .docker
                .remove_volume(&name, None::<RemoveVolumeOptions>)
                .await
            {
                Ok(()) => {}
                Err(err) if is_not_found(&err) => gone = true,
                Err(err) => {
                    return Err(engine_error(err)).with_context(|| {
                        format!(
                            "cannot remove the volume {name} from {}",
                            self.hostname(self.node_id())
                        )
                    });
                }
            }
        }
        let here = self.node_id();
        for record in records
            .iter()
            .filter(|r| r.label == removal.label() && r.node_id == here)
        {
            self.manager.forget_volume(record).await?;
        }
        Ok(gone)
    }

    /// The `alacran--` volumes of the node alacrity talks to.
    async fn node_volumes(&self) -> anyhow::Result<Vec<NodeVolume>> {
        let filters = HashMap::from([("name".to_string(), vec![volume_name("")])]);
        let listed = self
            .node
            .docker
            .list_volumes(Some(ListVolumesOptions {
                filters: Some(filters),
            }))
            .await
            .map_err(engine_error)
            .with_context(|| {
                format!(
                    "cannot list the volumes of {}",
                    self.hostname(self.node_id())
                )
            })?;
        Ok(listed
            .volumes
            .unwrap_or_default()
            .into_iter()
            .filter(|v| label_of(&v.name).is_some())
            .map(|v| NodeVolume {
                managed: labels::is_managed(Some(&v.labels)),
                app: v.labels.get(labels::APP).cloned(),
                name: v.name,
            })
            .collect())
    }
}
