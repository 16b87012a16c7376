//! Managed volumes kept by alacrity (`alacran--LABEL` with its label), on every node: listing
//! them and removing those of the node alacrity talks to.
//!
//! A volume lives on one node, and a node's engine only shows its own. The list combines:
//! - the volumes of the node alacrity talks to that carry alacrity's label (an `alacran--`
//!   volume without it was made by hand or by another tool: never alacrity's, never removed);
//! - the records deploy writes (volume, app, node), for the volumes of other nodes;
//! - the swarm's services: an app pinned to a node uses its volumes there.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::records::VolumeRecord;
use super::usage::{Source, Usage, User};
use crate::spec::model::{label_of, volume_name};

/// A managed volume on some node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownVolume {
    /// `alacran--LABEL`.
    pub name: String,
    pub label: String,
    /// The app that last used it, as far as alacrity knows.
    pub app: Option<String>,
    pub node_id: String,
    /// Who uses it now; empty for a retained volume.
    pub users: Vec<User>,
    /// Bytes on disk, for volumes of the node alacrity talks to, when asked for.
    pub size_bytes: Option<u64>,
}

/// What `volumes ls` shows.
#[derive(Debug, Clone, Default)]
pub struct VolumeListing {
    pub volumes: Vec<KnownVolume>,
    /// `alacran--` volumes of the node alacrity talks to without alacrity's label.
    pub unmanaged: Vec<String>,
}

/// A removal that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeRemoval {
    /// On the node alacrity talks to, alacrity's, used by no one.
    Delete { label: String, app: Option<String> },
    /// Not on the node any more but still recorded there (an earlier removal was interrupted):
    /// only the record goes.
    Gone { label: String },
    /// `--forget`: the record of the volume on `node_id` goes, the volume stays (or its node
    /// left the swarm, with it).
    Forget { label: String, node_id: String },
}

impl VolumeRemoval {
    pub fn label(&self) -> &str {
        match self {
            VolumeRemoval::Delete { label, .. }
            | VolumeRemoval::Gone { label }
            | VolumeRemoval::Forget { label, .. } => label,
        }
    }

    pub fn name(&self) -> String {
        volume_name(self.label())
    }
}

/// A volume of the node alacrity talks to, as its engine lists it.
#[derive(Debug, Clone)]
pub(crate) struct NodeVolume {
    pub(crate) name: String,
    pub(crate) managed: bool,
    /// The app that created it (its alacrity label).
    pub(crate) app: Option<String>,
}

/// What the engine of the node alacrity talks to says of a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeSeen {
    /// alacrity's (it carries the label), created for `app`.
    Managed {
        app: Option<String>,
    },
    /// Made by hand or by another tool.
    Unmanaged,
    Missing,
}

/// Why a volume may not be removed (or its record forgotten): facts, which commands put into
/// words with what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VolumeRefusal {
    /// Someone uses it: alacrity never deletes data in use.
    #[error("{name} is in use")]
    InUse {
        name: String,
        node_id: String,
        users: Vec<User>,
    },
    /// A volume alacrity did not create.
    #[error("{name} is not alacrity's")]
    NotManaged { name: String, node_id: String },
    /// Not on this node, and the swarm knows of no other node holding it.
    #[error("there is no volume {name}")]
    Unknown { name: String, node_id: String },
    /// On other nodes (`holders`) only: their engines must act (`command` is what to run there).
    #[error("{name} is on another node")]
    Elsewhere {
        name: String,
        node_id: String,
        holders: Vec<String>,
        command: String,
    },
    /// `--forget` of a volume the swarm has no record of.
    #[error("no record of {name}")]
    NoRecord { name: String },
}

/// Whether the volume of `label` may be removed from node `here`, from who uses what, what its
/// engine says of it, and the records.
pub fn removal_verdict(
    label: &str,
    here: &str,
    seen: VolumeSeen,
    usage: &Usage,
    records: &[VolumeRecord],
) -> Result<VolumeRemoval, VolumeRefusal> {
    let name = volume_name(label);
    let users = usage.volume_users(&name, here);
    if !users.is_empty() {
        return Err(VolumeRefusal::InUse {
            name,
            node_id: here.to_string(),
            users,
        });
    }
    match seen {
        VolumeSeen::Managed { app } => Ok(VolumeRemoval::Delete {
            label: label.to_string(),
            app,
        }),
        VolumeSeen::Unmanaged => Err(VolumeRefusal::NotManaged {
            name,
            node_id: here.to_string(),
        }),
        // Recorded here but gone: an earlier removal was interrupted; only the record is left.
        VolumeSeen::Missing
            if records
                .iter()
                .any(|r| r.label == label && r.node_id == here) =>
        {
            Ok(VolumeRemoval::Gone {
                label: label.to_string(),
            })
        }
        VolumeSeen::Missing => {
            let holders = nodes_holding(&name, records, usage);
            match holders.is_empty() {
                true => Err(VolumeRefusal::Unknown {
                    name,
                    node_id: here.to_string(),
                }),
                false => Err(VolumeRefusal::Elsewhere {
                    name,
                    node_id: here.to_string(),
                    holders,
                    command: format!("volumes rm {label}"),
                }),
            }
        }
    }
}

/// Whether the record of the volume of `label` may be dropped (`volumes rm --forget`): the
/// record of node `here`, or else the only one there is (e.g. of a node that left the swarm);
/// never one whose volume an app still mounts.
pub fn forget_verdict(
    label: &str,
    here: &str,
    usage: &Usage,
    records: &[VolumeRecord],
) -> Result<VolumeRemoval, VolumeRefusal> {
    let name = volume_name(label);
    let recorded: Vec<&VolumeRecord> = records.iter().filter(|r| r.label == label).collect();
    let record = match recorded.iter().find(|r| r.node_id == here) {
        Some(record) => *record,
        None if recorded.len() == 1 => recorded[0],
        None if recorded.is_empty() => return Err(VolumeRefusal::NoRecord { name }),
        None => {
            return Err(VolumeRefusal::Elsewhere {
                name,
                node_id: here.to_string(),
                holders: recorded.iter().map(|r| r.node_id.clone()).collect(),
                command: format!("volumes rm --forget {label}"),
            });
        }
    };
    let users = usage.volume_users(&name, &record.node_id);
    if !users.is_empty() {
        return Err(VolumeRefusal::InUse {
            name,
            node_id: record.node_id.clone(),
            users,
        });
    }
    Ok(VolumeRemoval::Forget {
        label: label.to_string(),
        node_id: record.node_id.clone(),
    })
}

/// The nodes where the swarm knows of the volume `name`: from records and pinned apps.
pub(crate) fn nodes_holding(name: &str, records: &[VolumeRecord], usage: &Usage) -> Vec<String> {
    let recorded = records
        .iter()
        .filter(|r| r.name() == name)
        .map(|r| r.node_id.clone());
    let pinned = usage
        .services
        .iter()
        .filter(|s| s.sources.contains(&Source::Volume(name.to_string())))
        .filter_map(|s| s.pin.clone());
    let nodes: BTreeSet<String> = recorded.chain(pinned).collect();
    nodes.into_iter().collect()
}

/// One entry per volume and node: this node's labelled volumes, records (but those of this
/// node whose volume is gone), and the volumes of pinned apps; the app that used each last.
pub(crate) fn merge(
    node: &str,
    here: &[NodeVolume],
    records: &[VolumeRecord],
    usage: &Usage,
) -> Vec<KnownVolume> {
    let mut known: BTreeMap<(String, String), Option<String>> = BTreeMap::new();
    for volume in here.iter().filter(|v| v.managed) {
        known.insert((volume.name.clone(), node.to_string()), volume.app.clone());
    }
    for record in records {
        let key = (record.name(), record.node_id.clone());
        if record.node_id != node || known.contains_key(&key) {
            known.insert(key, Some(record.app.clone()));
        }
    }
    let unmanaged_here: HashSet<&str> = here
        .iter()
        .filter(|v| !v.managed)
        .map(|v| v.name.as_str())
        .collect();
    for service in usage.services.iter().filter(|s| s.managed) {
        let Some(pin) = &service.pin else { continue };
        for source in &service.sources {
            let Source::Volume(name) = source else {
                continue;
            };
            let unmanaged = pin == node && unmanaged_here.contains(name.as_str());
            if label_of(name).is_some() && !unmanaged {
                known.insert((name.clone(), pin.clone()), Some(service.name.clone()));
            }
        }
    }
    let index = usage.volume_index();
    known
        .into_iter()
        .map(|((name, node_id), app)| KnownVolume {
            label: label_of(&name).unwrap_or_default().to_string(),
            users: index.volume_users(&name, &node_id),
            name,
            app,
            node_id,
            size_bytes: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::usage::ServiceUse;
    use super::*;

    fn here(name: &str, managed: bool) -> NodeVolume {
        NodeVolume {
            name: name.into(),
            managed,
            app: managed.then(|| "creator".to_string()),
        }
    }

    fn app(name: &str, pin: &str, volume: &str) -> ServiceUse {
        ServiceUse {
            id: format!("id-{name}"),
            name: name.into(),
            managed: true,
            pin: Some(pin.into()),
            sources: vec![Source::Volume(volume.into())],
        }
    }

    fn record(label: &str, node: &str, app: &str) -> VolumeRecord {
        VolumeRecord {
            label: label.into(),
            app: app.into(),
            node_id: node.into(),
            moved_to: None,
            config_id: String::new(),
        }
    }

    fn usage(services: Vec<ServiceUse>) -> Usage {
        Usage {
            services,
            tasks: vec![],
            containers: vec![],
            local_node: "n1".into(),
        }
    }

    fn summary(volumes: &[KnownVolume]) -> Vec<(String, String, Option<String>, usize)> {
        volumes
            .iter()
            .map(|v| {
                (
                    v.name.clone(),
                    v.node_id.clone(),
                    v.app.clone(),
                    v.users.len(),
                )
            })
            .collect()
    }

    #[test]
    fn only_labelled_volumes_of_this_node_are_listed() {
        let listed = merge(
            "n1",
            &[here("alacran--a", true), here("alacran--b", false)],
            &[],
            &usage(vec![]),
        );
        assert_eq!(
            summary(&listed),
            [("alacran--a".into(), "n1".into(), Some("creator".into()), 0)]
        );
        assert_eq!(listed[0].label, "a");
    }

    #[test]
    fn pinned_apps_list_their_volumes_on_their_node_even_elsewhere() {
        let listed = merge(
            "n1",
            &[],
            &[],
            &usage(vec![app("db", "n2", "alacran--data")]),
        );
        assert_eq!(
            summary(&listed),
            [("alacran--data".into(), "n2".into(), Some("db".into()), 1)]
        );
    }

    #[test]
    fn an_unlabelled_volume_here_is_not_listed_even_if_an_app_names_it() {
        let listed = merge(
            "n1",
            &[here("alacran--x", false)],
            &[],
            &usage(vec![app("db", "n1", "alacran--x")]),
        );
        assert!(listed.is_empty());
    }

    #[test]
    fn records_list_volumes_of_other_nodes_but_not_those_gone_from_here() {
        let records = [
            record("kept", "n1", "db"),
            record("gone", "n1", "db"),
            record("far", "n2", "web"),
        ];
        let listed = merge(
            "n1",
            &[here("alacran--kept", true)],
            &records,
            &usage(vec![]),
        );
        assert_eq!(
            summary(&listed),
            [
                ("alacran--far".into(), "n2".into(), Some("web".into()), 0),
                ("alacran--kept".into(), "n1".into(), Some("db".into()), 0),
            ]
        );
        let far = nodes_holding("alacran--far", &records, &usage(vec![]));
        assert_eq!(far, ["n2"]);
    }

    #[test]
    fn plain_names_are_never_listed() {
        let listed = merge("n1", &[], &[], &usage(vec![app("db", "n1", "not-ours")]));
        assert!(listed.is_empty());
    }
}
