//! Moving a persistent app with its data to another node (`apps move`), decided without I/O:
//! what is copied, what refuses the move before anything stops, the order of the steps, and what
//! becomes of the app when a step fails.
//!
//! The order: check everything that can refuse (here, from facts the engine read), stop the app
//! (0 instances, its container gone, so that the copy is consistent), copy each persistent
//! directory to the new node and verify it (the manifests of both sides equal), re-pin the app to
//! the new node and start it, record where the data now is (the old node's copy stays, recorded
//! as left behind by a move), wait for it as deploy does. Until the re-pin, a failure (or Ctrl-C)
//! removes only what the move wrote on the new node and starts the app again on its old node, on
//! its untouched data; after it, the app is on the new node and a failure to start is reported
//! like a deploy's.

use std::path::PathBuf;

use bollard::models::ServiceSpec;

use super::labels;
use super::mapping::{self, Pin};
use super::nodes::{self, Node, NodeLookup};
use super::records::Records;
use crate::spec::VolumeSource;

/// What the move needs to know about the app, as its service says.
#[derive(Debug, Clone)]
pub struct MovingApp {
    pub name: String,
    pub persistent: bool,
    /// The node it is pinned to.
    pub node_id: Option<String>,
    /// Its instances (0 or 1 for a persistent app): a stopped app is moved and stays stopped.
    pub instances: u64,
    /// Its persistent directories, in the spec's order.
    pub data: Vec<VolumeSource>,
}

/// A move that can go ahead as far as the swarm says (the target's directories are checked
/// next, on the target node, with [`check_target`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovePlan {
    pub app: String,
    pub from: Node,
    pub to: Node,
    /// Every persistent directory, copied in this order.
    pub data: Vec<VolumeSource>,
    /// The instances to start on the new node (0: the app was stopped and stays so).
    pub instances: u64,
}

impl MovePlan {
    /// The steps, in order.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if self.instances > 0 {
            steps.push(Step::Stop);
        }
        for source in &self.data {
            steps.push(Step::Copy(source.clone()));
        }
        steps.push(Step::Repin);
        steps.push(Step::Record);
        if self.instances > 0 {
            steps.push(Step::Wait);
        }
        steps
    }
}

/// One step of a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Scale the app to 0 and wait until its container is gone.
    Stop,
    /// Copy one persistent directory to the new node, then read it back and compare.
    Copy(VolumeSource),
    /// Pin the app to the new node, with its instances back.
    Repin,
    /// Record the data on the new node, and the old node's copy as left behind by the move
    /// (after the re-pin: until then the old copy is the app's live data).
    Record,
    /// Wait until it runs there, as deploy does.
    Wait,
}

impl Step {
    /// Whether a failure at this step leaves the app on its old node (put back there, running
    /// on its untouched data): every step before the re-pin.
    pub fn is_before_repin(&self) -> bool {
        matches!(self, Step::Stop | Step::Copy(_))
    }
}

/// Why a move is refused, before anything stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveRefusal {
    /// A stateless app runs anywhere: nothing to move.
    NotPersistent { app: String },
    /// A persistent app that is not pinned (it never ran): nothing to move.
    NotPinned { app: String },
    /// It is on that node already.
    AlreadyThere { app: String, node: String },
    /// The swarm has no such node, or several of that hostname.
    UnknownNode {
        lookup: NodeLookup,
        nodes: Vec<Node>,
    },
    /// The target cannot run the app now (down, drained, paused).
    TargetUnavailable { node: String, trouble: String },
    /// The old node is not there to read the data from.
    SourceUnavailable { node: String, trouble: String },
    /// A host directory is missing on the target (it must exist, empty, at the same path).
    HostDirMissing { path: PathBuf, node: String },
    /// A host directory on the target is not a directory.
    HostDirNotDirectory { path: PathBuf, node: String },
    /// A host directory on the target holds something already.
    HostDirNotEmpty {
        path: PathBuf,
        node: String,
        entries: u64,
    },
    /// The target holds the copy the app left there when it moved away (stale).
    StaleCopy { label: String, node: String },
    /// The target holds a volume of that name with data in it that is not a partial copy of a
    /// move.
    VolumeNotEmpty { label: String, node: String },
    /// The target holds a volume of that name that alacrity did not create.
    UnmanagedVolume { label: String, node: String },
}

impl MoveRefusal {
    /// Whether the user asked for something that cannot be (exit 2), rather than the swarm or
    /// the target being in the way (exit 1).
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            MoveRefusal::NotPersistent { .. }
                | MoveRefusal::NotPinned { .. }
                | MoveRefusal::AlreadyThere { .. }
                | MoveRefusal::UnknownNode { .. }
        )
    }
}

/// Whether the move can go ahead as far as the swarm says: the app, the target node, the old one.
pub fn plan_move(app: &MovingApp, nodes: &[Node], to: &str) -> Result<MovePlan, MoveRefusal> {
    if !app.persistent {
        return Err(MoveRefusal::NotPersistent {
            app: app.name.clone(),
        });
    }
    let Some(from_id) = &app.node_id else {
        return Err(MoveRefusal::NotPinned {
            app: app.name.clone(),
        });
    };
    let target = nodes::find_node(nodes, to).map_err(|lookup| MoveRefusal::UnknownNode {
        lookup,
        nodes: nodes.to_vec(),
    })?;
    if &target.id == from_id {
        return Err(MoveRefusal::AlreadyThere {
            app: app.name.clone(),
            node: target.hostname.clone(),
        });
    }
    if let Some(trouble) = nodes::node_trouble(nodes, &target.id) {
        return Err(MoveRefusal::TargetUnavailable {
            node: target.hostname.clone(),
            trouble,
        });
    }
    let from = nodes.iter().find(|node| &node.id == from_id);
    // The old node only has to answer: drained or paused, its data is still readable.
    let from = match from {
        Some(node) if node.state == "ready" => node.clone(),
        _ => {
            return Err(MoveRefusal::SourceUnavailable {
                node: nodes::hostname_of(nodes, from_id),
                trouble: nodes::node_trouble(nodes, from_id)
                    .unwrap_or_else(|| "not ready".to_string()),
            });
        }
    };
    Ok(MovePlan {
        app: app.name.clone(),
        from,
        to: target.clone(),
        data: app.data.clone(),
        instances: app.instances,
    })
}

/// A host directory on the target node, as a data door saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostDirState {
    Missing,
    NotDirectory,
    /// Its entries (0: empty).
    Entries(u64),
}

/// A managed volume's name on the target node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeTarget {
    /// No such volume: the move creates it.
    Absent,
    /// A volume of that name without alacrity's labels.
    Unmanaged,
    /// alacrity's volume, with its entries; `partial`: created by a move of this app that did
    /// not finish (no record puts the data there), whose leftover the rerun replaces.
    Managed { entries: u64, partial: bool },
}

/// What the target node holds at each persistent directory's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetState {
    HostDir(HostDirState),
    Volume(VolumeTarget),
}

/// What to do with one persistent directory's place on the target before copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepare {
    /// Create the volume (it is ours to remove on failure).
    CreateVolume,
    /// An empty volume of ours is there already (left by a move that did not finish): reuse it.
    ReuseVolume,
    /// The leftover of a move of this app that did not finish: remove it and create it again.
    ReplaceLeftover,
    /// Write into the empty host directory (on failure, only what the move wrote is removed).
    FillHostDir,
}

/// Checks the target's places of every persistent directory (in `plan.data`'s order), with the
/// records of persistent data: each is refused or prepared. Every refusal is found before
/// anything stops.
pub fn check_target(
    plan: &MovePlan,
    states: &[TargetState],
    records: &Records,
) -> Result<Vec<Prepare>, Vec<MoveRefusal>> {
    let node = plan.to.hostname.clone();
    let mut prepared = Vec::new();
    let mut refused = Vec::new();
    for (source, state) in plan.data.iter().zip(states) {
        let outcome = match (source, state) {
            (VolumeSource::HostPath(path), TargetState::HostDir(dir)) => match dir {
                HostDirState::Entries(0) => Ok(Prepare::FillHostDir),
                // What a move of this app that stopped short wrote there: completed.
                HostDirState::Entries(_)
                    if records.partial_dirs.iter().any(|r| {
                        &r.path == path && r.node_id == plan.to.id && r.app == plan.app
                    }) =>
                {
                    Ok(Prepare::FillHostDir)
                }
                HostDirState::Missing => Err(MoveRefusal::HostDirMissing {
                    path: path.clone(),
                    node: node.clone(),
                }),
                HostDirState::NotDirectory => Err(MoveRefusal::HostDirNotDirectory {
                    path: path.clone(),
                    node: node.clone(),
                }),
                HostDirState::Entries(entries) => Err(MoveRefusal::HostDirNotEmpty {
                    path: path.clone(),
                    node: node.clone(),
                    entries: *entries,
                }),
            },
            (VolumeSource::Label(label), TargetState::Volume(volume)) => {
                let stale = records
                    .volumes
                    .iter()
                    .any(|r| &r.label == label && r.node_id == plan.to.id && r.moved_to.is_some());
                let recorded = records
                    .volumes
                    .iter()
                    .any(|r| &r.label == label && r.node_id == plan.to.id);
                match volume {
                    _ if stale => Err(MoveRefusal::StaleCopy {
                        label: label.clone(),
                        node: node.clone(),
                    }),
                    VolumeTarget::Absent => Ok(Prepare::CreateVolume),
                    VolumeTarget::Unmanaged => Err(MoveRefusal::UnmanagedVolume {
                        label: label.clone(),
                        node: node.clone(),
                    }),
                    VolumeTarget::Managed { entries: 0, .. } => Ok(Prepare::ReuseVolume),
                    VolumeTarget::Managed { partial: true, .. } if !recorded => {
                        Ok(Prepare::ReplaceLeftover)
                    }
                    VolumeTarget::Managed { .. } => Err(MoveRefusal::VolumeNotEmpty {
                        label: label.clone(),
                        node: node.clone(),
                    }),
                }
            }
            // The engine read the wrong kind of place: a bug, refused rather than guessed.
            (source, _) => Err(MoveRefusal::HostDirNotDirectory {
                path: PathBuf::from(source.to_string()),
                node: node.clone(),
            }),
        };
        match outcome {
            Ok(prepare) => prepared.push(prepare),
            Err(refusal) => refused.push(refusal),
        }
    }
    match refused.is_empty() {
        true => Ok(prepared),
        false => Err(refused),
    }
}

/// Where the app stands after a failure (or Ctrl-C) at a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Before the re-pin: the app is back on its old node (running again if it ran), on its
    /// untouched data; what the move wrote on the target is removed.
    PutBack,
    /// At or after the re-pin: the app is on the new node; the old node's copy is kept.
    OnNewNode,
}

/// The verdict of a failure at `step`.
pub fn verdict(step: &Step) -> Verdict {
    match step.is_before_repin() {
        true => Verdict::PutBack,
        false => Verdict::OnNewNode,
    }
}

/// The instances a move restores: those of the app, or, while a move that did not finish has it
/// stopped, those the move recorded on its service when it stopped it.
pub fn instances_to_restore(spec: &ServiceSpec, instances: u64) -> u64 {
    spec.labels
        .as_ref()
        .and_then(|labels| labels.get(labels::MOVING))
        .and_then(|value| value.parse().ok())
        .unwrap_or(instances)
}

/// The service spec that stops the app for its move: 0 instances, and the instances to restore
/// recorded on the service (so that a rerun after a crash starts it again).
pub fn stopped_spec(current: &ServiceSpec, instances: u64) -> ServiceSpec {
    let mut spec = current.clone();
    set_replicas(&mut spec, 0);
    spec.labels
        .get_or_insert_with(Default::default)
        .insert(labels::MOVING.into(), instances.to_string());
    spec
}

/// The service spec of the app on its old node again, with its instances back (the move is
/// called off): `current`'s spec as it was before the move stopped it.
pub fn restored_spec(current: &ServiceSpec, instances: u64) -> ServiceSpec {
    let mut spec = current.clone();
    set_replicas(&mut spec, instances as i64);
    if let Some(labels) = spec.labels.as_mut() {
        labels.remove(labels::MOVING);
    }
    spec
}

/// The service spec of the app pinned to its new node with its instances back: the current spec
/// with the placement, the node label and both hashes those of the spec alacrity generates for
/// the app there (so that a deploy naming the new node finds it unchanged).
pub fn repinned_spec(
    current: &ServiceSpec,
    app: &crate::spec::App,
    pin: &Pin,
    instances: u64,
) -> ServiceSpec {
    let wanted = crate::spec::App {
        instances,
        ..app.clone()
    };
    let generated = mapping::service_spec(&wanted, Some(pin));
    let mut spec = restored_spec(current, instances);
    if let Some(task) = spec.task_template.as_mut() {
        let placement = task.placement.get_or_insert_with(Default::default);
        let mut constraints: Vec<String> = placement
            .constraints
            .take()
            .unwrap_or_default()
            .into_iter()
            .filter(|c| !c.starts_with("node.id=="))
            .collect();
        constraints.push(pin.constraint());
        placement.constraints = Some(constraints);
        let template_hash = mapping::template_hash(generated.task_template.as_ref());
        if let (Some(container), Some(hash)) = (task.container_spec.as_mut(), template_hash) {
            container
                .labels
                .get_or_insert_with(Default::default)
                .insert(labels::TEMPLATE_HASH.into(), hash.to_string());
        }
    }
    let labels = spec.labels.get_or_insert_with(Default::default);
    labels.insert(labels::NODE.into(), pin.node_id.clone());
    if let Some(hash) = mapping::spec_hash(&generated) {
        labels.insert(labels::SPEC_HASH.into(), hash.to_string());
    }
    spec
}

fn set_replicas(spec: &mut ServiceSpec, replicas: i64) {
    if let Some(replicated) = spec.mode.as_mut().and_then(|m| m.replicated.as_mut()) {
        replicated.replicas = Some(replicas);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::nodes::tests::node;
    use crate::core::records::VolumeRecord;

    fn nodes() -> Vec<Node> {
        vec![
            node("n1", "node1"),
            node("n2", "node2"),
            node("n3", "node3"),
        ]
    }

    fn db() -> MovingApp {
        MovingApp {
            name: "db".into(),
            persistent: true,
            node_id: Some("n1".into()),
            instances: 1,
            data: vec![
                VolumeSource::Label("data".into()),
                VolumeSource::HostPath("/srv/db".into()),
            ],
        }
    }

    #[test]
    fn a_move_copies_every_directory_between_the_stop_and_the_repin() {
        let plan = plan_move(&db(), &nodes(), "node2").unwrap();
        assert_eq!(plan.from.hostname, "node1");
        assert_eq!(plan.to.id, "n2");
        assert_eq!(
            plan.steps(),
            vec![
                Step::Stop,
                Step::Copy(VolumeSource::Label("data".into())),
                Step::Copy(VolumeSource::HostPath("/srv/db".into())),
                Step::Repin,
                Step::Record,
                Step::Wait,
            ]
        );
        let stopped = MovingApp {
            instances: 0,
            ..db()
        };
        let steps = plan_move(&stopped, &nodes(), "n3").unwrap().steps();
        assert_eq!(
            steps.first(),
            Some(&Step::Copy(VolumeSource::Label("data".into())))
        );
        assert_eq!(steps.last(), Some(&Step::Record));
    }

    #[test]
    fn failures_before_the_repin_put_the_app_back() {
        assert_eq!(verdict(&Step::Stop), Verdict::PutBack);
        assert_eq!(
            verdict(&Step::Copy(VolumeSource::Label("data".into()))),
            Verdict::PutBack
        );
        assert_eq!(verdict(&Step::Repin), Verdict::OnNewNode);
        assert_eq!(verdict(&Step::Record), Verdict::OnNewNode);
        assert_eq!(verdict(&Step::Wait), Verdict::OnNewNode);
    }

    #[test]
    fn refusals_of_the_app_and_the_nodes() {
        let web = MovingApp {
            persistent: false,
            node_id: None,
            ..db()
        };
        let refused = plan_move(&web, &nodes(), "node2").unwrap_err();
        assert!(matches!(refused, MoveRefusal::NotPersistent { .. }));
        assert!(refused.is_invalid_input());
        let there = plan_move(&db(), &nodes(), "node1").unwrap_err();
        assert_eq!(
            there,
            MoveRefusal::AlreadyThere {
                app: "db".into(),
                node: "node1".into()
            }
        );
        let unknown = plan_move(&db(), &nodes(), "node9").unwrap_err();
        assert!(matches!(unknown, MoveRefusal::UnknownNode { .. }));
        let mut down = nodes();
        down[1].state = "down".into();
        let refused = plan_move(&db(), &down, "node2").unwrap_err();
        assert_eq!(
            refused,
            MoveRefusal::TargetUnavailable {
                node: "node2".into(),
                trouble: "node node2 is down".into()
            }
        );
        assert!(!refused.is_invalid_input());
        let mut drained = nodes();
        drained[1].availability = "drain".into();
        assert!(matches!(
            plan_move(&db(), &drained, "node2"),
            Err(MoveRefusal::TargetUnavailable { .. })
        ));
        // A drained old node still serves its data; a down one does not.
        let mut old = nodes();
        old[0].availability = "drain".into();
        assert!(plan_move(&db(), &old, "node2").is_ok());
        old[0].state = "down".into();
        assert!(matches!(
            plan_move(&db(), &old, "node2"),
            Err(MoveRefusal::SourceUnavailable { .. })
        ));
    }

    fn record(label: &str, node: &str, moved_to: Option<&str>) -> VolumeRecord {
        VolumeRecord {
            label: label.into(),
            app: "db".into(),
            node_id: node.into(),
            moved_to: moved_to.map(Into::into),
            config_id: format!("c-{label}-{node}"),
        }
    }

    #[test]
    fn the_target_must_be_empty_or_a_leftover_of_this_move() {
        let plan = plan_move(&db(), &nodes(), "node2").unwrap();
        let empty = TargetState::HostDir(HostDirState::Entries(0));
        let states = [TargetState::Volume(VolumeTarget::Absent), empty.clone()];
        assert_eq!(
            check_target(&plan, &states, &Records::default()),
            Ok(vec![Prepare::CreateVolume, Prepare::FillHostDir])
        );
        let leftover = TargetState::Volume(VolumeTarget::Managed {
            entries: 4,
            partial: true,
        });
        assert_eq!(
            check_target(
                &plan,
                &[leftover.clone(), empty.clone()],
                &Records::default()
            ),
            Ok(vec![Prepare::ReplaceLeftover, Prepare::FillHostDir])
        );
        // Recorded on the target: in use there, never a leftover.
        let records = Records {
            volumes: vec![record("data", "n2", None)],
            binds: Vec::new(),
            partial_dirs: Vec::new(),
        };
        assert_eq!(
            check_target(&plan, &[leftover, empty.clone()], &records),
            Err(vec![MoveRefusal::VolumeNotEmpty {
                label: "data".into(),
                node: "node2".into()
            }])
        );
        // The copy the app left there when it moved away: stale, even if empty.
        let stale = Records {
            volumes: vec![record("data", "n2", Some("n1"))],
            binds: Vec::new(),
            partial_dirs: Vec::new(),
        };
        let empty_volume = TargetState::Volume(VolumeTarget::Managed {
            entries: 0,
            partial: false,
        });
        assert_eq!(
            check_target(&plan, &[empty_volume.clone(), empty.clone()], &stale),
            Err(vec![MoveRefusal::StaleCopy {
                label: "data".into(),
                node: "node2".into()
            }])
        );
        assert_eq!(
            check_target(&plan, &[empty_volume, empty], &Records::default()),
            Ok(vec![Prepare::ReuseVolume, Prepare::FillHostDir])
        );
    }

    #[test]
    fn a_host_directory_a_move_of_the_app_stopped_short_in_is_completed() {
        let plan = plan_move(&db(), &nodes(), "node2").unwrap();
        let states = [
            TargetState::Volume(VolumeTarget::Absent),
            TargetState::HostDir(HostDirState::Entries(1)),
        ];
        let partial = |app: &str, node: &str| Records {
            partial_dirs: vec![crate::core::records::BindRecord {
                path: "/srv/db".into(),
                app: app.into(),
                node_id: node.into(),
                moved_to: None,
                config_id: "c".into(),
            }],
            ..Records::default()
        };
        assert_eq!(
            check_target(&plan, &states, &partial("db", "n2")),
            Ok(vec![Prepare::CreateVolume, Prepare::FillHostDir])
        );
        // Another app's, or another node's: not this move's leftover.
        assert!(check_target(&plan, &states, &partial("other", "n2")).is_err());
        assert!(check_target(&plan, &states, &partial("db", "n3")).is_err());
    }

    #[test]
    fn a_host_directory_must_exist_on_the_target_and_be_empty() {
        let plan = plan_move(&db(), &nodes(), "node2").unwrap();
        let absent = TargetState::Volume(VolumeTarget::Absent);
        let refusals = |dir| {
            check_target(
                &plan,
                &[absent.clone(), TargetState::HostDir(dir)],
                &Records::default(),
            )
            .unwrap_err()
        };
        assert_eq!(
            refusals(HostDirState::Missing),
            vec![MoveRefusal::HostDirMissing {
                path: "/srv/db".into(),
                node: "node2".into()
            }]
        );
        assert_eq!(
            refusals(HostDirState::Entries(3)),
            vec![MoveRefusal::HostDirNotEmpty {
                path: "/srv/db".into(),
                node: "node2".into(),
                entries: 3
            }]
        );
        assert!(matches!(
            refusals(HostDirState::NotDirectory)[0],
            MoveRefusal::HostDirNotDirectory { .. }
        ));
        // Every refusal at once.
        let unmanaged = TargetState::Volume(VolumeTarget::Unmanaged);
        let both = check_target(
            &plan,
            &[unmanaged, TargetState::HostDir(HostDirState::Missing)],
            &Records::default(),
        )
        .unwrap_err();
        assert_eq!(both.len(), 2);
    }

    #[test]
    fn the_repinned_spec_is_what_a_deploy_there_would_write() {
        use crate::core::plan::tests::app;
        let db = app("db", true, &[crate::core::plan::tests::label("data")]);
        let old = mapping::service_spec(&db, Some(&Pin::new("n1")));
        let stopped = stopped_spec(&old, 1);
        assert_eq!(instances_to_restore(&stopped, 0), 1);
        assert_eq!(instances_to_restore(&old, 1), 1);
        let back = restored_spec(&stopped, 1);
        assert_eq!(back, old);
        let moved = repinned_spec(&stopped, &db, &Pin::new("n2"), 1);
        let deployed_there = mapping::service_spec(&db, Some(&Pin::new("n2")));
        assert_eq!(moved, deployed_there);
        assert_eq!(mapping::read_pin(&moved), Some(Pin::new("n2")));
    }
}
