//! The writes a deploy plan needs, decided here and executed by the engine adapter in two
//! rounds: first the network, every app's volumes and the records of its persistent
//! directories, all at once; then every app's service, all at once. Unchanged apps get no
//! volume and no service write, only the records of their data that went missing.

use std::collections::HashMap;
use std::path::PathBuf;

use bollard::models::ServiceSpec;

use super::converge::Target;
use super::labels;
use super::plan::{Action, AppPlan, Plan};
use super::records::Records;
use super::resources::NetworkState;
use crate::spec::VolumeSource;
use crate::spec::model::volume_name;

/// A record of persistent data to write (see `labels` for the contract).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewRecord {
    /// App `app` bind-mounts the host directory `path` of node `node_id`.
    Bind {
        path: PathBuf,
        app: String,
        node_id: String,
    },
    /// App `app` uses the managed volume of `label` on node `node_id`.
    Volume {
        label: String,
        app: String,
        node_id: String,
    },
}

impl NewRecord {
    /// The swarm config's name.
    pub fn name(&self) -> String {
        match self {
            NewRecord::Bind { path, node_id, .. } => labels::bind_record_name(path, node_id),
            NewRecord::Volume { label, node_id, .. } => labels::volume_record_name(label, node_id),
        }
    }

    /// The swarm config's labels.
    pub fn labels(&self) -> HashMap<String, String> {
        match self {
            NewRecord::Bind { path, app, node_id } => {
                labels::bind_record_labels(path, app, node_id)
            }
            NewRecord::Volume {
                label,
                app,
                node_id,
            } => labels::volume_record_labels(label, app, node_id),
        }
    }

    /// The swarm config's data (before encoding), and what is recorded in messages: the path,
    /// or the volume's name.
    pub fn data(&self) -> String {
        match self {
            NewRecord::Bind { path, .. } => path.to_string_lossy().into_owned(),
            NewRecord::Volume { label, .. } => volume_name(label),
        }
    }
}

/// One write of an app's data, before its service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataWrite {
    /// Create the managed volume of a label on the engine's node, labelled for the app.
    Volume { label: String },
    /// Write a record; `replaces`: the config of the record of the same data and node that
    /// names another app, deleted first (configs are immutable).
    Record {
        record: NewRecord,
        replaces: Option<String>,
    },
}

/// The write of an app's service.
#[derive(Debug, Clone)]
pub enum ServiceWrite {
    Create(ServiceSpec),
    /// From the version the plan read (see `services::ChangedMeanwhile`).
    Update {
        service_id: String,
        spec: ServiceSpec,
    },
}

/// Everything a deploy writes for one app.
#[derive(Debug, Clone)]
pub struct AppWrites {
    pub data: Vec<DataWrite>,
    pub service: Option<ServiceWrite>,
}

/// Whether a deploy of the plan creates the shared network: some app is written and the
/// network is missing.
pub fn network_needed(plan: &Plan) -> bool {
    plan.network == NetworkState::Missing
        && plan.apps.iter().any(|app| app.action != Action::Unchanged)
}

/// Whether a deploy of the plan writes anything at all (an unchanged redeploy writes nothing,
/// not even the lock).
pub fn has_writes(plan: &Plan) -> bool {
    network_needed(plan)
        || plan.apps.iter().any(|app| {
            let writes = writes_of(app, &plan.records);
            writes.service.is_some() || !writes.data.is_empty()
        })
}

/// Whether every write of the plan stays within what its apps hold already, so that a plan made
/// before the swarm-wide lock stays right under it, with no second reading of the swarm: no
/// network to create, and every app written is an update of its deployed service that keeps its
/// node and claims no persistent directory and no published port it did not have, with no
/// volume and no record to write. What such a plan checked cannot have been taken meanwhile: a
/// deployed service holds its directories, ports and node, and every alacrity command's checks
/// see it. What another command did to the service itself makes the update fail (the write
/// carries the version the plan read) and the app is planned again.
pub fn claims_nothing_new(plan: &Plan) -> bool {
    if network_needed(plan) {
        return false;
    }
    plan.apps.iter().all(|app| {
        let writes = writes_of(app, &plan.records);
        if writes.service.is_none() && writes.data.is_empty() {
            return true;
        }
        let Some(current) = app.current.as_ref() else {
            return false;
        };
        let held_ports: Vec<_> = current
            .app
            .ports
            .iter()
            .map(|port| (port.published, port.protocol))
            .collect();
        let held_data: Vec<&VolumeSource> = current.app.volumes.iter().map(|v| &v.source).collect();
        app.action == Action::Update
            && writes.data.is_empty()
            && app.node_move.is_none()
            && app.pin == current.pin
            && app
                .app
                .ports
                .iter()
                .all(|port| held_ports.contains(&(port.published, port.protocol)))
            && app
                .app
                .volumes
                .iter()
                .all(|volume| held_data.contains(&&volume.source))
    })
}

/// The writes of one app of a plan (`records`: the records as the plan read them).
pub fn writes_of(plan: &AppPlan, records: &Records) -> AppWrites {
    let mut data: Vec<DataWrite> = match plan.action {
        Action::Unchanged => Vec::new(),
        _ => plan
            .volumes_to_create
            .iter()
            .map(|label| DataWrite::Volume {
                label: label.clone(),
            })
            .collect(),
    };
    if let Some(pin) = &plan.pin {
        for volume in &plan.app.volumes {
            let record = match &volume.source {
                VolumeSource::HostPath(path) => NewRecord::Bind {
                    path: path.clone(),
                    app: plan.app.name.clone(),
                    node_id: pin.node_id.clone(),
                },
                VolumeSource::Label(label) => NewRecord::Volume {
                    label: label.clone(),
                    app: plan.app.name.clone(),
                    node_id: pin.node_id.clone(),
                },
            };
            data.extend(record_write(record, records));
        }
    }
    let service = match (plan.action, &plan.current) {
        (Action::Unchanged, _) => None,
        (_, None) => Some(ServiceWrite::Create(plan.spec.clone())),
        (_, Some(current)) => Some(ServiceWrite::Update {
            service_id: current.service_id.clone(),
            spec: plan.spec.clone(),
        }),
    };
    AppWrites { data, service }
}

/// The record rule: the record of the same data and node is kept when it names the same app,
/// replaced when it names another, written when there is none.
pub fn record_write(record: NewRecord, records: &Records) -> Option<DataWrite> {
    let existing = match &record {
        NewRecord::Bind { path, node_id, .. } => records
            .binds
            .iter()
            .find(|r| &r.path == path && &r.node_id == node_id)
            .map(|r| (r.app.as_str(), r.config_id.as_str())),
        NewRecord::Volume { label, node_id, .. } => records
            .volumes
            .iter()
            .find(|r| &r.label == label && &r.node_id == node_id)
            .map(|r| (r.app.as_str(), r.config_id.as_str())),
    };
    let app = match &record {
        NewRecord::Bind { app, .. } | NewRecord::Volume { app, .. } => app.as_str(),
    };
    match existing {
        Some((same, _)) if same == app => None,
        Some((_, config_id)) => Some(DataWrite::Record {
            record,
            replaces: Some(config_id.to_string()),
        }),
        None => Some(DataWrite::Record {
            record,
            replaces: None,
        }),
    }
}

/// An app the deploy wrote (or left unchanged), ready to be waited for.
#[derive(Debug, Clone)]
pub struct Applied {
    pub name: String,
    pub action: Action,
    /// Warnings the engine returned with the write (e.g. an image it could not resolve).
    pub warnings: Vec<String>,
    pub target: Target,
}

/// An app whose writes failed.
#[derive(Debug)]
pub struct ApplyFailure {
    pub name: String,
    pub error: anyhow::Error,
}

/// A persistent app this deploy writes and that is to run: its new task must not start beside
/// another container on its data.
pub(crate) fn single_writer_matters(plan: &AppPlan) -> bool {
    plan.app.persistent
        && plan.app.instances > 0
        && !plan.app.volumes.is_empty()
        && plan.action != Action::Unchanged
}

pub(crate) fn current_id(plan: &AppPlan) -> String {
    plan.current
        .as_ref()
        .map(|current| current.service_id.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::core::nodes::tests::node;
    use crate::core::plan::tests::{app, deployed, label, plan_with, port, records};
    use crate::core::records::VolumeRecord;
    use crate::spec::App;

    fn volume_record(app: &str, node: &str) -> VolumeRecord {
        VolumeRecord {
            label: "data".into(),
            app: app.into(),
            node_id: node.into(),
            moved_to: None,
            config_id: format!("cfg-{app}-{node}"),
        }
    }

    fn new(app: &str) -> NewRecord {
        NewRecord::Volume {
            label: "data".into(),
            app: app.into(),
            node_id: "n1".into(),
        }
    }

    #[test]
    fn a_record_is_kept_for_its_app_replaced_for_another_and_written_when_missing() {
        let records = Records {
            partial_dirs: Vec::new(),
            binds: vec![],
            volumes: vec![volume_record("db", "n1"), volume_record("old", "n2")],
        };
        assert_eq!(record_write(new("db"), &records), None);
        assert_eq!(
            record_write(new("other"), &records),
            Some(DataWrite::Record {
                record: new("other"),
                replaces: Some("cfg-db-n1".into()),
            })
        );
        let none = Records::default();
        assert_eq!(
            record_write(new("db"), &none),
            Some(DataWrite::Record {
                record: new("db"),
                replaces: None,
            })
        );
        assert!(new("db").name().starts_with("alacrity-volume-"));
        assert_eq!(new("db").data(), "alacran--data");
    }

    #[test]
    fn an_unchanged_deploy_writes_only_a_missing_record() {
        let db = app("db", true, &[label("data")]);
        let mut plan = plan_of(&db, Some((&db, "n1")), "n1");
        assert_eq!(plan.apps[0].action, Action::Unchanged);
        assert!(
            !has_writes(&plan),
            "unchanged and recorded: nothing to write"
        );
        plan.records = records(&[("data", "n2")], &[]);
        assert!(has_writes(&plan), "the record of n1 is missing");
        plan.records = records(&[("data", "n1")], &[]);
        plan.apps[0].action = Action::Update;
        assert!(has_writes(&plan));
    }

    fn plan_of(wanted: &App, deployed_as: Option<(&App, &str)>, pin: &str) -> Plan {
        let services: HashMap<String, _> = deployed_as
            .map(|(before, node)| (before.name.clone(), deployed(before, Some(node))))
            .into_iter()
            .collect();
        let mut wanted = wanted.clone();
        wanted.node = Some(pin.into());
        let nodes = vec![node("n1", "one"), node("n2", "two")];
        Plan {
            apps: vec![plan_with(&wanted, &services).unwrap()],
            nodes,
            network: NetworkState::Present,
            records: records(&[("data", "n1")], &[]),
            volume_states: HashMap::new(),
            images: Vec::new(),
            project_apps: Vec::new(),
        }
    }

    #[test]
    fn only_an_update_that_claims_nothing_new_skips_the_second_plan_under_the_lock() {
        let mut db = app("db", true, &[label("data")]);
        db.ports = vec![port(5432)];
        let mut new_image = db.clone();
        new_image.image = "busybox:2".into();
        let plan = plan_of(&new_image, Some((&db, "n1")), "n1");
        assert_eq!(plan.apps[0].action, Action::Update);
        assert!(
            claims_nothing_new(&plan),
            "a new image, the same data, port and node"
        );

        let unchanged = plan_of(&db, Some((&db, "n1")), "n1");
        assert!(claims_nothing_new(&unchanged));

        let created = plan_of(&db, None, "n1");
        assert!(
            !claims_nothing_new(&created),
            "a new service claims its data and port"
        );

        let mut more_data = new_image.clone();
        more_data.volumes.push(crate::spec::Volume {
            source: label("more"),
            container_path: "/more".into(),
            read_only: false,
        });
        let plan = plan_of(&more_data, Some((&db, "n1")), "n1");
        assert!(!claims_nothing_new(&plan), "a label it did not have");

        let mut host_path = new_image.clone();
        host_path.volumes = vec![crate::spec::Volume {
            source: VolumeSource::HostPath("/srv/db".into()),
            ..new_image.volumes[0].clone()
        }];
        let plan = plan_of(&host_path, Some((&db, "n1")), "n1");
        assert!(!claims_nothing_new(&plan), "a host path it did not have");

        let mut more_ports = new_image.clone();
        more_ports.ports.push(port(8080));
        let plan = plan_of(&more_ports, Some((&db, "n1")), "n1");
        assert!(!claims_nothing_new(&plan), "a port it did not publish");

        let mut fewer = new_image.clone();
        fewer.ports.clear();
        let plan = plan_of(&fewer, Some((&db, "n1")), "n1");
        assert!(claims_nothing_new(&plan), "giving a port up claims nothing");

        let plan = plan_of(&new_image, Some((&db, "n1")), "n2");
        assert!(!claims_nothing_new(&plan), "another node");

        let mut unrecorded = plan_of(&new_image, Some((&db, "n1")), "n1");
        unrecorded.records = records(&[], &[]);
        assert!(!claims_nothing_new(&unrecorded), "a record to write");

        let mut no_network = plan_of(&new_image, Some((&db, "n1")), "n1");
        no_network.network = NetworkState::Missing;
        assert!(!claims_nothing_new(&no_network), "the network to create");
    }
}
