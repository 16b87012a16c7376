//! A node's managed volumes: listing, checking and removing them (`core::volumes` decides).

use crate::core::volumes::*;

use super::data::DataAccess;
use super::{engine_error, is_not_found};
use crate::core::labels;
use crate::core::records::VolumeRecord;
use crate::core::usage::{Usage, in_use};
use crate::spec::model::{label_of, volume_name};
use anyhow::{Context, bail};
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

    /// Checks that the volume of `label` may be removed from the node alacrity talks to.
    pub async fn volume_removal(
        &self,
        label: &str,
        usage: &Usage,
        records: &[VolumeRecord],
    ) -> anyhow::Result<VolumeRemoval> {
        let name = volume_name(label);
        let users = usage.volume_users(&name, self.node_id());
        if !users.is_empty() {
            bail!(in_use(&name, &users));
        }
        let host = self.hostname(self.node_id());
        match self.node.docker.inspect_volume(&name).await {
            Ok(volume) if labels::is_managed(Some(&volume.labels)) => Ok(VolumeRemoval::Delete {
                label: label.to_string(),
                app: volume.labels.get(labels::APP).cloned(),
            }),
            Ok(_) => bail!(
                "the volume {name} on {host} was not created by alacrity (it lacks the label \
                 {}=true), so alacrity leaves it alone; if it is yours to delete: \
                 `docker volume rm {name}`",
                labels::MANAGED
            ),
            Err(err) if is_not_found(&err) => self.missing_volume(label, usage, records),
            Err(err) => Err(engine_error(err))
                .with_context(|| format!("cannot inspect the volume {name} on {host}")),
        }
    }

    /// A volume not on this node: recorded here (gone already), or on another node, or unknown.
    fn missing_volume(
        &self,
        label: &str,
        usage: &Usage,
        records: &[VolumeRecord],
    ) -> anyhow::Result<VolumeRemoval> {
        let name = volume_name(label);
        let here = self.node_id();
        if records
            .iter()
            .any(|r| r.label == label && r.node_id == here)
        {
            return Ok(VolumeRemoval::Gone {
                label: label.to_string(),
            });
        }
        let host = self.hostname(here);
        let elsewhere = nodes_holding(&name, records, usage);
        let Some(first) = elsewhere.first() else {
            bail!(
                "there is no volume {name} on {host} (the node alacrity talks to), and the swarm \
                 has no record of one on another node; `alacrity volumes ls` lists alacrity's volumes"
            );
        };
        let holders: Vec<String> = elsewhere.iter().map(|id| self.hostname(id)).collect();
        bail!(
            "the volume {name} is on {}, not on {host} (the node alacrity talks to): a volume \
             lives on its node, and only that node's engine can remove it; {}",
            holders.join(" and "),
            self.reach_hint(first, &format!("volumes rm {label}"), false)
        )
    }

    /// Checks that the record of the volume of `label` may be dropped (`volumes rm --forget`):
    /// the record of this node, or else the only one there is (e.g. of a node that left the
    /// swarm); never one whose volume an app still mounts.
    pub fn volume_forgetting(
        &self,
        label: &str,
        usage: &Usage,
        records: &[VolumeRecord],
    ) -> anyhow::Result<VolumeRemoval> {
        let name = volume_name(label);
        let recorded: Vec<&VolumeRecord> = records.iter().filter(|r| r.label == label).collect();
        let record = match recorded.iter().find(|r| r.node_id == self.node_id()) {
            Some(record) => *record,
            None if recorded.len() == 1 => recorded[0],
            None if recorded.is_empty() => bail!(
                "the swarm has no record of the volume {name}: there is nothing to forget;                  `alacrity volumes ls` lists the volumes alacrity knows of"
            ),
            None => {
                let nodes: Vec<String> =
                    recorded.iter().map(|r| self.hostname(&r.node_id)).collect();
                bail!(
                    "the volume {name} is recorded on {}, not on {} (the node alacrity talks to); {}",
                    nodes.join(" and "),
                    self.hostname(self.node_id()),
                    self.reach_hint(
                        &recorded[0].node_id,
                        &format!("volumes rm --forget {label}"),
                        false
                    )
                )
            }
        };
        let users = usage.volume_users(&name, &record.node_id);
        if !users.is_empty() {
            bail!(in_use(
                &format!("{name} on {}", self.hostname(&record.node_id)),
                &users
            ));
        }
        Ok(VolumeRemoval::Forget {
            label: label.to_string(),
            node_id: record.node_id.clone(),
        })
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
