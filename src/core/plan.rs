//! What a deploy would do, app by app, decided from what the swarm holds, without writing.
//!
//! Every check that can refuse a deploy runs here, before any write, and all problems are
//! reported at once: a same-named service alacrity does not manage, a node that does not
//! exist, data (a label or host path) that another deployed app uses, a same-named volume
//! alacrity does not manage, a network named `alacrity` that is not alacrity's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use bollard::models::ServiceSpec;
use serde::Serialize;

use super::env::{self, EnvChange};
use super::files::{self, FileChange};
use super::images::{ImageResolution, ResolveFailure};
use super::mapping::{self, Pin};
use super::nodes::{self, Node, NodeLookup};
use super::records::Records;
use super::resources::{NetworkState, VolumeState};
use super::services::{DeployedApp, Lookup};
use crate::spec::{App, Port, Protocol, VolumeSource};

/// What a deploy does to one app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Unchanged,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
        })
    }
}

/// The plan for one app.
#[derive(Debug, Clone)]
pub struct AppPlan {
    pub app: App,
    pub action: Action,
    /// For an update: the spec fields that change (`node` when the pin moves).
    pub changes: Vec<String>,
    /// The node a persistent app is (to be) pinned to.
    pub pin: Option<Pin>,
    /// A persistent app whose pin changes, or that would start away from the node its
    /// recorded data is on: its data stays on the old node.
    pub node_move: Option<NodeMove>,
    /// For an update: fields the swarm has that differ from what alacrity last deployed (a
    /// change made outside alacrity, e.g. `docker service scale`), which this deploy undoes.
    pub drift: Vec<Drift>,
    /// For an update: the environment variables it adds, removes or changes (values hidden
    /// where the name looks secret).
    pub env_changes: Vec<EnvChange>,
    /// For an update: the secrets and configs it adds, removes or changes (by name only).
    pub file_changes: Vec<FileChange>,
    /// For an update of a persistent app: persistent directories it gets that it did not have
    /// (a new label starts on a new, empty volume), and those it no longer mounts (kept).
    pub new_data: Vec<VolumeSource>,
    pub left_data: Vec<VolumeSource>,
    pub(crate) spec: ServiceSpec,
    pub(crate) current: Option<DeployedApp>,
    /// Labels whose volumes are created on the engine alacrity talks to before the service.
    pub(crate) volumes_to_create: Vec<String>,
}

/// A persistent app pinned to another node than before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeMove {
    pub from: Pin,
    pub to: Pin,
    /// The app's persistent directories that stay behind on the old node.
    pub data: Vec<VolumeSource>,
    /// `from` is where the records of persistent data say the app's data is (the app is not
    /// deployed, e.g. after `apps rm`, or gets data it had elsewhere), rather than its pin.
    pub recorded: bool,
}

/// The facts of [`ProblemKind::MovedAway`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedAway {
    pub data: VolumeSource,
    pub from: String,
    pub to: String,
    pub at: Option<String>,
}

/// A field of a deployed app that differs from what alacrity deployed: changed outside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    /// The spec's name of the field (`instances`, `env`, ...; `node` for the placement,
    /// `update order` for how updates replace tasks).
    pub field: String,
    /// The values, for the fields that have one short value (instances, image, those of
    /// resources and of the restart policy).
    pub swarm: Option<String>,
    pub spec: Option<String>,
}

/// The plan of a deploy: every app, in the order given.
#[derive(Debug, Clone)]
pub struct Plan {
    pub apps: Vec<AppPlan>,
    pub nodes: Vec<Node>,
    pub(crate) network: NetworkState,
    /// The records of persistent data, read when some app's data is to be recorded.
    pub(crate) records: Records,
    /// The states of the volumes of the engine's node that the plan looked at, by label (a plan
    /// made again under the lock reuses them: volumes are created idempotently).
    pub(crate) volume_states: HashMap<String, VolumeState>,
    /// What became of each app's image (resolved to a digest, kept, by tag), in the apps' order.
    pub images: Vec<ImageResolution>,
    /// The deployed apps of the projects of the planned apps that are not planned, in name
    /// order: those the specs no longer declare, among others (see [`Plan::left_out`]).
    pub(crate) project_apps: Vec<DeployedApp>,
}

/// A deployed app of a project whose specs no longer declare it: it runs on until removed
/// (`deploy --prune`, `apps rm`).
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub name: String,
    pub project: String,
    /// The node a persistent app is pinned to (its hostname).
    pub node: Option<String>,
    #[serde(skip)]
    pub deployed: DeployedApp,
}

/// The deployed apps of the same projects as `apps` that are not among them, in name order.
pub(crate) fn project_apps(services: &HashMap<String, Lookup>, apps: &[App]) -> Vec<DeployedApp> {
    let projects: HashSet<&str> = apps
        .iter()
        .filter_map(|app| app.project.as_deref())
        .collect();
    if projects.is_empty() {
        return Vec::new();
    }
    let planned: HashSet<&str> = apps.iter().map(|app| app.name.as_str()).collect();
    let mut found: Vec<DeployedApp> = services
        .values()
        .filter_map(|lookup| match lookup {
            Lookup::Managed(deployed) => Some(deployed.as_ref()),
            _ => None,
        })
        .filter(|deployed| !planned.contains(deployed.name()))
        .filter(|deployed| {
            deployed
                .app
                .project
                .as_deref()
                .is_some_and(|project| projects.contains(project))
        })
        .cloned()
        .collect();
    found.sort_by(|a, b| a.name().cmp(b.name()));
    found
}

impl Plan {
    /// The deployed apps of the plan's projects that none of `declared` (every app of the spec
    /// files, also those a `--app` left out of the plan) names: they left the specs.
    pub fn left_out(&self, declared: &[&str]) -> Vec<LeftOut> {
        self.project_apps
            .iter()
            .filter(|deployed| !declared.contains(&deployed.name()))
            .map(|deployed| LeftOut {
                name: deployed.name().to_string(),
                project: deployed.app.project.clone().unwrap_or_default(),
                node: deployed.pin.as_ref().map(|pin| self.hostname(pin)),
                deployed: deployed.clone(),
            })
            .collect()
    }

    /// The hostname of a pin's node (its ID when the node is gone).
    pub fn hostname(&self, pin: &Pin) -> String {
        nodes::hostname_of(&self.nodes, &pin.node_id)
    }

    /// The apps to run (1 instance) whose pinned node cannot run them now, with what is wrong with
    /// the node ("node node2 is down"): the swarm will not start them elsewhere.
    pub fn stranded(&self) -> impl Iterator<Item = (&AppPlan, String)> {
        self.apps.iter().filter_map(|plan| {
            let pin = plan.pin.as_ref().filter(|_| plan.app.instances > 0)?;
            nodes::node_trouble(&self.nodes, &pin.node_id).map(|trouble| (plan, trouble))
        })
    }

    /// The apps whose pin moves to another node.
    pub fn moves(&self) -> impl Iterator<Item = (&AppPlan, &NodeMove)> {
        self.apps
            .iter()
            .filter_map(|plan| plan.node_move.as_ref().map(|m| (plan, m)))
    }
}

/// One reason a deploy cannot go ahead (commands put it into words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub app: Option<String>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Rule 6 against the swarm: the app's volume with this index (in `App::volumes`), `ours`,
    /// uses data (`theirs`) that the deployed app `other` uses. The spec must change (exit 2).
    SharedData {
        volume: usize,
        ours: VolumeSource,
        theirs: VolumeSource,
        other: String,
    },
    /// The app's port with this index (in `App::ports`) is published by the service `other`
    /// already (`managed`: an app alacrity deployed): the engine would refuse it half-way
    /// through the deploy. Exit 2.
    PortTaken {
        port: usize,
        published: Port,
        other: String,
        managed: bool,
    },
    /// The app would start on a node whose copy of its data it left behind when it moved with
    /// its data (`apps move`) to the node `to`: that copy is stale (exit 2, at the spec's
    /// `node`). `from`, `to`: hostnames; `at`: where the spec names the node (filled in by the
    /// command, which has the spec's positions).
    MovedAway(Box<MovedAway>),
    /// The spec names a node the swarm does not have, or several nodes share the name (exit 2).
    UnknownNode {
        lookup: NodeLookup,
        nodes: Vec<Node>,
    },
    /// A service of the app's name that alacrity did not deploy (exit 1).
    UnmanagedService,
    /// A volume `alacran--LABEL` that alacrity did not create (exit 1).
    UnmanagedVolume { label: String },
    /// What the engine said about the swarm's state, e.g. a network `alacrity` that is not
    /// alacrity's (exit 1).
    Swarm(String),
    /// An image that no node could pull, or not with these credentials (exit 1): its registry
    /// refused the credentials, has no such image or tag, presents a certificate the engine
    /// does not trust, or the credentials could not be read.
    Image {
        image: String,
        registry: String,
        failure: ResolveFailure,
    },
}

impl Problem {
    /// Whether the spec must change (exit 2), rather than the swarm (exit 1).
    pub fn is_invalid_spec(&self) -> bool {
        matches!(
            self.kind,
            ProblemKind::SharedData { .. }
                | ProblemKind::PortTaken { .. }
                | ProblemKind::UnknownNode { .. }
                | ProblemKind::MovedAway(_)
        )
    }
}

/// Every reason a planned deploy cannot go ahead (nothing was written); commands put it into
/// words and point the spec's problems at its lines.
#[derive(Debug, Clone)]
pub struct Refused {
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot deploy: {} problem(s)", self.problems.len())
    }
}

impl std::error::Error for Refused {}

/// What the swarm holds, as the pure planning needs it.
pub(crate) struct Swarm<'a> {
    pub(crate) services: &'a HashMap<String, Lookup>,
    pub(crate) nodes: &'a [Node],
    pub(crate) local_node: &'a str,
    /// The data and ports of the services outside this deploy (the apps of this deploy: their
    /// deployed state does not count against the rules), indexed once (see [`Swarm::new`]):
    /// each app's checks look up its own, not every other service's.
    others: Others<'a>,
}

/// What the services outside a deploy hold that an app of it may not take: the labels and host
/// paths of the managed apps, the ports of every service.
#[derive(Default)]
struct Others<'a> {
    /// By label: the deployed apps that mount it.
    labels: HashMap<&'a str, Vec<&'a str>>,
    /// By host path (ordered, so that the paths inside one are a range): the apps that mount it.
    paths: BTreeMap<&'a Path, Vec<&'a str>>,
    /// By published port and protocol: the first service that publishes it.
    ports: BTreeMap<(u16, Protocol), &'a str>,
}

impl<'a> Swarm<'a> {
    /// The swarm as the planning sees it (`ports`: the ports every service publishes, with the
    /// service's name), with what the services outside the deploy (the `deploying` apps' names)
    /// hold indexed once: linear in services, whatever the apps.
    pub(crate) fn new(
        services: &'a HashMap<String, Lookup>,
        ports: &'a [(String, Port)],
        nodes: &'a [Node],
        local_node: &'a str,
        deploying: HashSet<&'a str>,
    ) -> Self {
        let mut others = Others::default();
        for (name, lookup) in services {
            let Lookup::Managed(other) = lookup else {
                continue;
            };
            if deploying.contains(name.as_str()) {
                continue;
            }
            for volume in &other.app.volumes {
                match &volume.source {
                    VolumeSource::Label(label) => {
                        others.labels.entry(label).or_default().push(name)
                    }
                    VolumeSource::HostPath(path) => {
                        others.paths.entry(path).or_default().push(name)
                    }
                }
            }
        }
        for (name, port) in ports {
            if !deploying.contains(name.as_str()) {
                others
                    .ports
                    .entry((port.published, port.protocol))
                    .or_insert(name);
            }
        }
        Swarm {
            services,
            nodes,
            local_node,
            others,
        }
    }

    /// The deployed apps outside the deploy whose data is the same as `source`'s, each with its
    /// own source: the same label; a host path that is the same directory, one of its parents,
    /// or one inside it.
    fn data_users(&self, source: &VolumeSource) -> Vec<(VolumeSource, &'a str)> {
        let mut users = Vec::new();
        match source {
            VolumeSource::Label(label) => {
                for name in self.others.labels.get(label.as_str()).into_iter().flatten() {
                    users.push((source.clone(), *name));
                }
            }
            VolumeSource::HostPath(path) => {
                // The path itself and its parents: one lookup each.
                for parent in path.ancestors() {
                    for name in self.others.paths.get(parent).into_iter().flatten() {
                        users.push((VolumeSource::HostPath(parent.to_path_buf()), *name));
                    }
                }
                // The paths inside it: a range of the ordered map.
                let inside = self
                    .others
                    .paths
                    .range::<Path, _>((
                        std::ops::Bound::Excluded(path.as_path()),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(|(other, _)| other.starts_with(path));
                for (other, names) in inside {
                    for name in names {
                        users.push((VolumeSource::HostPath(PathBuf::from(other)), *name));
                    }
                }
            }
        }
        users
    }
}

/// The deployed app of a name, if alacrity deployed it.
pub(crate) fn managed<'a>(
    services: &'a HashMap<String, Lookup>,
    name: &str,
) -> Option<&'a DeployedApp> {
    match services.get(name) {
        Some(Lookup::Managed(app)) => Some(app),
        _ => None,
    }
}

/// Whether an app is pinned to the node of the engine alacrity talks to: a persistent app that
/// names no node and is not pinned yet.
pub(crate) fn goes_to_local_node(app: &App, current: Option<&DeployedApp>) -> bool {
    app.persistent && app.node.is_none() && current.and_then(|c| c.pin.as_ref()).is_none()
}

/// Whether a deploy records an app's persistent directories (see `apply`): every deploy of a
/// pinned app with some, unchanged or not, so that a record lost meanwhile is written again.
/// The records also say where the data of a label or path is (see `data_elsewhere`).
pub(crate) fn records_data(plan: &AppPlan) -> bool {
    plan.pin.is_some() && !plan.app.volumes.is_empty()
}

/// The records of persistent data, by label and by host path: the nodes each is recorded on,
/// and for each, the node the app moved to with its data when that node's copy is the stale one
/// a move left behind (`apps move`).
pub(crate) struct RecordIndex<'a> {
    labels: HashMap<&'a str, Vec<Recorded<'a>>>,
    paths: HashMap<&'a Path, Vec<Recorded<'a>>>,
}

/// One record in the index: the node, and where the app moved from it (if it did).
struct Recorded<'a> {
    node_id: &'a str,
    moved_to: Option<&'a str>,
}

impl<'a> RecordIndex<'a> {
    /// Indexes the records once, so that looking up an app's data does not read them all.
    pub(crate) fn new(records: &'a Records) -> Self {
        let mut index = RecordIndex {
            labels: HashMap::new(),
            paths: HashMap::new(),
        };
        for record in &records.volumes {
            index
                .labels
                .entry(&record.label)
                .or_default()
                .push(Recorded {
                    node_id: &record.node_id,
                    moved_to: record.moved_to.as_deref(),
                });
        }
        for record in &records.binds {
            index.paths.entry(&record.path).or_default().push(Recorded {
                node_id: &record.node_id,
                moved_to: record.moved_to.as_deref(),
            });
        }
        index
    }

    fn of(&self, source: &VolumeSource) -> &[Recorded<'a>] {
        let found = match source {
            VolumeSource::Label(label) => self.labels.get(label.as_str()),
            VolumeSource::HostPath(path) => self.paths.get(path.as_path()),
        };
        found.map(Vec::as_slice).unwrap_or_default()
    }

    /// The nodes that hold the current copy of `source`: every recorded node but those a move
    /// left behind.
    fn nodes_of(&self, source: &VolumeSource) -> impl Iterator<Item = &'a str> + '_ {
        self.of(source)
            .iter()
            .filter(|recorded| recorded.moved_to.is_none())
            .map(|recorded| recorded.node_id)
    }

    /// Where the app moved with its data from `node_id`, when that node's copy of `source` is
    /// the one a move left behind.
    fn moved_to(&self, source: &VolumeSource, node_id: &str) -> Option<&'a str> {
        self.of(source)
            .iter()
            .find(|recorded| recorded.node_id == node_id)
            .and_then(|recorded| recorded.moved_to)
    }
}

/// A persistent app that would start on a node where none of the records put some of its data,
/// while they put it on another node that is still in the swarm: after `apps rm`, or a label
/// another app used before. Starting there means a new, empty volume (or another machine's
/// directory) while the data sits on the other node: as much a move as changing the pin. A copy
/// that a move left behind is not where the data is.
pub(crate) fn data_elsewhere(
    plan: &AppPlan,
    records: &RecordIndex,
    nodes: &[Node],
) -> Option<NodeMove> {
    let pin = plan.pin.as_ref()?;
    let mounted_here: Vec<&VolumeSource> = plan
        .current
        .as_ref()
        .filter(|current| current.pin.as_ref() == Some(pin))
        .map(|current| current.app.volumes.iter().map(|v| &v.source).collect())
        .unwrap_or_default();
    let mut from: Option<String> = None;
    let mut data = Vec::new();
    for volume in &plan.app.volumes {
        if mounted_here.contains(&&volume.source) {
            continue;
        }
        let in_swarm: Vec<&str> = records
            .nodes_of(&volume.source)
            .filter(|id| nodes.iter().any(|node| node.id == *id))
            .collect();
        if in_swarm.is_empty() || in_swarm.contains(&pin.node_id.as_str()) {
            continue;
        }
        from.get_or_insert_with(|| in_swarm[0].to_string());
        data.push(volume.source.clone());
    }
    Some(NodeMove {
        from: Pin::new(from?),
        to: pin.clone(),
        data,
        recorded: true,
    })
}

/// A persistent app that would start on the stale copy of its data that it left behind when it
/// moved with its data (`apps move`): refused, with or without `--move-node` (alacrity never
/// starts an app on stale data silently; to go back, `apps move` it back once the stale copy is
/// removed).
pub(crate) fn moved_away(plan: &AppPlan, records: &RecordIndex, nodes: &[Node]) -> Option<Problem> {
    let pin = plan.pin.as_ref()?;
    plan.app.volumes.iter().find_map(|volume| {
        let to = records.moved_to(&volume.source, &pin.node_id)?;
        Some(Problem {
            app: Some(plan.app.name.clone()),
            kind: ProblemKind::MovedAway(Box::new(MovedAway {
                data: volume.source.clone(),
                from: nodes::hostname_of(nodes, &pin.node_id),
                to: nodes::hostname_of(nodes, to),
                at: None,
            })),
        })
    })
}

pub(crate) fn unmanaged_volume(app: &App, label: &str) -> Problem {
    Problem {
        app: Some(app.name.clone()),
        kind: ProblemKind::UnmanagedVolume {
            label: label.to_string(),
        },
    }
}

/// The plan of one app, or every problem with it.
pub(crate) fn plan_app(app: &App, swarm: &Swarm) -> Result<AppPlan, Vec<Problem>> {
    let current = match swarm.services.get(&app.name) {
        Some(Lookup::Unmanaged) => return Err(vec![unmanaged_service(&app.name)]),
        Some(Lookup::Managed(current)) => Some(current.as_ref().clone()),
        Some(Lookup::Missing) | None => None,
    };
    let mut problems = shared_data(app, swarm);
    problems.extend(ports_taken(app, swarm));
    let pin = match decide_pin(app, current.as_ref(), swarm) {
        Ok(pin) => pin,
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let spec = mapping::service_spec(app, pin.as_ref());
    let (action, changes, drift) = action_of(app, pin.as_ref(), current.as_ref(), &spec);
    let node_move = node_move(current.as_ref(), pin.as_ref());
    let (new_data, left_data) = match (&current, action) {
        (Some(current), Action::Update) if app.persistent => data_change(&current.app, app),
        _ => (Vec::new(), Vec::new()),
    };
    let file_changes = match (&current, action) {
        (Some(current), Action::Update) => files::file_changes(&current.app.files, &app.files),
        _ => Vec::new(),
    };
    let env_changes = match (&current, action) {
        (Some(current), Action::Update) => env::env_changes(&current.app.env, &app.env),
        _ => Vec::new(),
    };
    Ok(AppPlan {
        app: app.clone(),
        action,
        changes,
        pin,
        node_move,
        drift,
        env_changes,
        file_changes,
        new_data,
        left_data,
        spec,
        current,
        volumes_to_create: Vec::new(),
    })
}

pub(crate) fn unmanaged_service(name: &str) -> Problem {
    Problem {
        app: Some(name.to_string()),
        kind: ProblemKind::UnmanagedService,
    }
}

/// Where a persistent app goes: the spec's node; else where it already is; else the node of
/// the engine alacrity talks to.
pub(crate) fn decide_pin(
    app: &App,
    current: Option<&DeployedApp>,
    swarm: &Swarm,
) -> Result<Option<Pin>, Problem> {
    if !app.persistent {
        return Ok(None);
    }
    if let Some(wanted) = &app.node {
        let node = nodes::find_node(swarm.nodes, wanted).map_err(|lookup| Problem {
            app: Some(app.name.clone()),
            kind: ProblemKind::UnknownNode {
                lookup,
                nodes: swarm.nodes.to_vec(),
            },
        })?;
        return Ok(Some(Pin::new(&node.id)));
    }
    if let Some(pin) = current.and_then(|current| current.pin.clone()) {
        return Ok(Some(pin));
    }
    // `plan` read it, since `goes_to_local_node` holds for this app.
    debug_assert!(!swarm.local_node.is_empty());
    Ok(Some(Pin::new(swarm.local_node)))
}

pub(crate) fn node_move(current: Option<&DeployedApp>, pin: Option<&Pin>) -> Option<NodeMove> {
    let current = current?;
    let (from, to) = (current.pin.as_ref()?, pin?);
    (from != to).then(|| NodeMove {
        from: from.clone(),
        to: to.clone(),
        data: current
            .app
            .volumes
            .iter()
            .map(|v| v.source.clone())
            .collect(),
        recorded: false,
    })
}

/// The persistent directories an update adds, and those it leaves (kept where they are).
pub(crate) fn data_change(deployed: &App, wanted: &App) -> (Vec<VolumeSource>, Vec<VolumeSource>) {
    let sources =
        |app: &App| -> Vec<VolumeSource> { app.volumes.iter().map(|v| v.source.clone()).collect() };
    let (before, after) = (sources(deployed), sources(wanted));
    let new = after
        .iter()
        .filter(|s| !before.contains(s))
        .cloned()
        .collect();
    let left = before
        .iter()
        .filter(|s| !after.contains(s))
        .cloned()
        .collect();
    (new, left)
}

/// Ports of the app that a service outside this deploy already publishes (same number and
/// protocol): the engine refuses them only when the service is written, after the other apps
/// of the deploy were; found here, nothing is written.
pub(crate) fn ports_taken(app: &App, swarm: &Swarm) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, port) in app.ports.iter().enumerate() {
        let taken = swarm.others.ports.get(&(port.published, port.protocol));
        if let Some(other) = taken {
            let managed = matches!(swarm.services.get(*other), Some(Lookup::Managed(_)));
            problems.push(Problem {
                app: Some(app.name.clone()),
                kind: ProblemKind::PortTaken {
                    port: index,
                    published: *port,
                    other: other.to_string(),
                    managed,
                },
            });
        }
    }
    problems
}

/// Rule 6 against the swarm: a label or host path of the app that another deployed app (not
/// part of this deploy) uses.
pub(crate) fn shared_data(app: &App, swarm: &Swarm) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, volume) in app.volumes.iter().enumerate() {
        // One problem per other app, naming the first of its sources that clashes.
        let mut named: Vec<&str> = Vec::new();
        for (theirs, other) in swarm.data_users(&volume.source) {
            if named.contains(&other) {
                continue;
            }
            named.push(other);
            problems.push(Problem {
                app: Some(app.name.clone()),
                kind: ProblemKind::SharedData {
                    volume: index,
                    ours: volume.source.clone(),
                    theirs,
                    other: other.to_string(),
                },
            });
        }
    }
    problems
}

/// Create, update (with the fields that change) or unchanged: the app as the swarm runs it
/// (read back from the service's actual spec, not from the hash alacrity wrote) has every field
/// the spec asks for. A field that differs while the hash says alacrity deployed this very spec
/// was changed outside alacrity: drift, which the update undoes.
pub(crate) fn action_of(
    app: &App,
    pin: Option<&Pin>,
    current: Option<&DeployedApp>,
    spec: &ServiceSpec,
) -> (Action, Vec<String>, Vec<Drift>) {
    let Some(current) = current else {
        return (Action::Create, Vec::new(), Vec::new());
    };
    let mut changes: Vec<String> = mapping::changed_fields(&current.app, app)
        .into_iter()
        .map(str::to_string)
        .collect();
    if current.pin.as_ref() != pin || mapping::placement(&current.spec) != mapping::placement(spec)
    {
        changes.push("node".to_string());
    }
    if mapping::update_order(&current.spec) != mapping::update_order(spec) {
        changes.push("update order".to_string());
    }
    let same_hash =
        current.spec_hash().is_some() && current.spec_hash() == mapping::spec_hash(spec);
    // A project to record (an app deployed before projects existed, or moved to the spec of
    // another project): a label of the service, outside the hash; its tasks stay as they are.
    let project = app.project.is_some() && current.app.project != app.project;
    if same_hash && changes.is_empty() && !project {
        return (Action::Unchanged, Vec::new(), Vec::new());
    }
    let drift = match same_hash {
        true => changes
            .iter()
            .map(|field| drift_of(field, &current.app, app))
            .collect(),
        false => Vec::new(),
    };
    if changes.is_empty() && !same_hash {
        // Same app, different service spec: made by another alacrity version, or edited
        // with the docker CLI in a field alacrity does not read back.
        changes.push("service settings".to_string());
    }
    if project {
        changes.push("project".to_string());
    }
    (Action::Update, changes, drift)
}

pub(crate) fn drift_of(field: &str, swarm: &App, spec: &App) -> Drift {
    let (swarm, spec) = match field {
        "instances" => (
            Some(swarm.instances.to_string()),
            Some(spec.instances.to_string()),
        ),
        "image" => (Some(swarm.image.clone()), Some(spec.image.clone())),
        _ => (
            mapping::field_value(swarm, field),
            mapping::field_value(spec, field),
        ),
    };
    Drift {
        field: field.to_string(),
        swarm,
        spec,
    }
}

pub(crate) fn volume_labels(app: &App) -> Vec<String> {
    app.volumes
        .iter()
        .filter_map(|volume| match &volume.source {
            VolumeSource::Label(label) => Some(label.clone()),
            VolumeSource::HostPath(_) => None,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::nodes::tests::node;
    use crate::spec::Volume;

    pub(crate) fn app(name: &str, persistent: bool, volumes: &[VolumeSource]) -> App {
        App {
            name: name.into(),
            image: "busybox".into(),
            persistent,
            instances: 1,
            command: None,
            entrypoint: None,
            env: BTreeMap::new(),
            labels: BTreeMap::new(),
            ports: vec![],
            volumes: volumes
                .iter()
                .enumerate()
                .map(|(i, source)| Volume {
                    source: source.clone(),
                    container_path: format!("/data{i}"),
                    read_only: false,
                })
                .collect(),
            node: None,
            resources: Default::default(),
            restart_policy: Default::default(),
            healthcheck: Default::default(),
            files: Vec::new(),
            project: None,
        }
    }

    pub(crate) fn deployed(app: &App, pin: Option<&str>) -> Lookup {
        let pin = pin.map(Pin::new);
        let spec = mapping::service_spec(app, pin.as_ref());
        Lookup::Managed(Box::new(DeployedApp {
            app: mapping::read_app(&spec),
            pin,
            running: 1,
            desired: 1,
            service_id: format!("id-{}", app.name),
            version: 7,
            spec,
            update_started: None,
        }))
    }

    pub(crate) fn plan_with(
        app: &App,
        services: &HashMap<String, Lookup>,
    ) -> Result<AppPlan, Vec<Problem>> {
        plan_with_ports(app, services, &[])
    }

    fn plan_with_ports(
        app: &App,
        services: &HashMap<String, Lookup>,
        ports: &[(String, Port)],
    ) -> Result<AppPlan, Vec<Problem>> {
        let nodes = [node("n1", "one"), node("n2", "two")];
        let swarm = Swarm::new(
            services,
            ports,
            &nodes,
            "n1",
            HashSet::from([app.name.as_str()]),
        );
        plan_app(app, &swarm)
    }

    /// A TCP port published as `published`, to the container's port 80.
    pub(crate) fn port(published: u16) -> Port {
        Port {
            published,
            target: 80,
            protocol: Protocol::Tcp,
        }
    }

    pub(crate) fn label(name: &str) -> VolumeSource {
        VolumeSource::Label(name.into())
    }

    #[test]
    fn a_persistent_app_on_a_node_that_is_down_is_stranded_and_others_are_not() {
        let mut db = app("db", true, &[label("data")]);
        db.node = Some("two".into());
        let mut stopped = app("stopped", true, &[]);
        stopped.node = Some("two".into());
        stopped.instances = 0;
        let web = app("web", false, &[]);
        let apps = [&db, &stopped, &web]
            .iter()
            .map(|app| plan_with(app, &HashMap::new()).unwrap())
            .collect();
        let mut nodes = vec![node("n1", "one"), node("n2", "two")];
        nodes[1].state = "down".into();
        let plan = Plan {
            apps,
            nodes,
            network: NetworkState::Present,
            records: Records::default(),
            volume_states: HashMap::new(),
            images: Vec::new(),
            project_apps: Vec::new(),
        };
        let stranded: Vec<(&str, String)> = plan
            .stranded()
            .map(|(app, trouble)| (app.app.name.as_str(), trouble))
            .collect();
        assert_eq!(stranded, vec![("db", "node two is down".to_string())]);
    }

    #[test]
    fn a_new_app_is_created_and_a_persistent_one_pinned_to_the_local_node() {
        let db = app("db", true, &[label("data")]);
        let plan = plan_with(&db, &HashMap::new()).unwrap();
        assert_eq!(plan.action, Action::Create);
        assert_eq!(plan.pin, Some(Pin::new("n1")));
        let web = app("web", false, &[]);
        assert_eq!(plan_with(&web, &HashMap::new()).unwrap().pin, None);
    }

    #[test]
    fn the_same_app_again_is_unchanged_and_a_changed_one_an_update_naming_fields() {
        let db = app("db", true, &[label("data")]);
        let services = HashMap::from([("db".to_string(), deployed(&db, Some("n1")))]);
        let plan = plan_with(&db, &services).unwrap();
        assert_eq!(plan.action, Action::Unchanged);
        let mut changed = db.clone();
        changed.image = "busybox:2".into();
        changed.env.insert("A".into(), "1".into());
        let plan = plan_with(&changed, &services).unwrap();
        assert_eq!(plan.action, Action::Update);
        assert_eq!(plan.changes, vec!["image", "env"]);
    }

    #[test]
    fn an_update_names_the_variables_it_changes_and_a_new_limit_by_its_path() {
        let mut web = app("web", false, &[]);
        web.env.insert("LOG_LEVEL".into(), "info".into());
        web.env.insert("API_KEY".into(), "k1".into());
        let services = HashMap::from([("web".to_string(), deployed(&web, None))]);
        web.env.insert("LOG_LEVEL".into(), "debug".into());
        web.env.insert("API_KEY".into(), "k2".into());
        web.resources.limits.memory = Some("64M".parse().unwrap());
        let plan = plan_with(&web, &services).unwrap();
        assert_eq!(plan.changes, vec!["env", "resources.limits.memory"]);
        let names: Vec<(&str, bool)> = plan
            .env_changes
            .iter()
            .map(|c| (c.name.as_str(), c.hidden))
            .collect();
        assert_eq!(names, [("API_KEY", true), ("LOG_LEVEL", false)]);
        assert!(!format!("{:?}", plan.env_changes).contains("k2"));
        // A new app has nothing to compare with.
        let created = plan_with(&web, &HashMap::new()).unwrap();
        assert!(created.env_changes.is_empty());
    }

    #[test]
    fn a_limit_changed_outside_alacrity_is_drift_with_its_values() {
        let mut web = app("web", false, &[]);
        web.resources.limits.memory = Some("64M".parse().unwrap());
        let edited = edited(&web, None, |spec| {
            let task = spec.task_template.as_mut().unwrap();
            let limits = task.resources.as_mut().unwrap().limits.as_mut().unwrap();
            limits.memory_bytes = Some(128 << 20);
        });
        let services = HashMap::from([("web".to_string(), edited)]);
        let plan = plan_with(&web, &services).unwrap();
        assert_eq!(
            plan.drift,
            vec![Drift {
                field: "resources.limits.memory".into(),
                swarm: Some("128M".into()),
                spec: Some("64M".into()),
            }]
        );
    }

    fn with_healthcheck(mut app: App, interval: u64) -> App {
        app.healthcheck = crate::spec::Healthcheck::Check(crate::spec::HealthCheck {
            test: vec!["CMD".into(), "pg_isready".into()],
            interval: std::time::Duration::from_secs(interval),
            timeout: std::time::Duration::from_secs(3),
            retries: 3,
            start_period: std::time::Duration::ZERO,
        });
        app
    }

    #[test]
    fn a_new_or_changed_healthcheck_is_an_update_naming_it() {
        let db = app("db", true, &[label("data")]);
        let services = HashMap::from([("db".to_string(), deployed(&db, Some("n1")))]);
        let checked = with_healthcheck(db.clone(), 5);
        let plan = plan_with(&checked, &services).unwrap();
        assert_eq!(plan.action, Action::Update);
        assert_eq!(plan.changes, vec!["healthcheck"]);
        let services = HashMap::from([("db".to_string(), deployed(&checked, Some("n1")))]);
        assert_eq!(
            plan_with(&checked, &services).unwrap().action,
            Action::Unchanged
        );
        let slower = with_healthcheck(db, 10);
        let plan = plan_with(&slower, &services).unwrap();
        assert_eq!(plan.changes, vec!["healthcheck.interval"]);
    }

    #[test]
    fn a_healthcheck_changed_outside_alacrity_is_drift_with_its_values() {
        let web = with_healthcheck(app("web", false, &[]), 5);
        let slowed = edited(&web, None, |spec| {
            let task = spec.task_template.as_mut().unwrap();
            let container = task.container_spec.as_mut().unwrap();
            container.health_check.as_mut().unwrap().interval = Some(60_000_000_000);
        });
        let services = HashMap::from([("web".to_string(), slowed)]);
        let plan = plan_with(&web, &services).unwrap();
        assert_eq!(
            plan.drift,
            vec![Drift {
                field: "healthcheck.interval".into(),
                swarm: Some("1m".into()),
                spec: Some("5s".into()),
            }]
        );
        // `docker service update --no-healthcheck` on an app that keeps the image's.
        let plain = app("web", false, &[]);
        let disabled = edited(&plain, None, |spec| {
            let task = spec.task_template.as_mut().unwrap();
            task.container_spec.as_mut().unwrap().health_check =
                Some(bollard::models::HealthConfig {
                    test: Some(vec!["NONE".into()]),
                    ..Default::default()
                });
        });
        let services = HashMap::from([("web".to_string(), disabled)]);
        let plan = plan_with(&plain, &services).unwrap();
        assert_eq!(
            plan.drift,
            vec![Drift {
                field: "healthcheck".into(),
                swarm: Some("false".into()),
                spec: Some("image".into()),
            }]
        );
    }

    #[test]
    fn the_existing_pin_wins_over_the_local_node() {
        let db = app("db", true, &[label("data")]);
        let services = HashMap::from([("db".to_string(), deployed(&db, Some("n2")))]);
        let plan = plan_with(&db, &services).unwrap();
        assert_eq!(plan.pin, Some(Pin::new("n2")));
        assert_eq!(plan.action, Action::Unchanged);
        assert!(plan.node_move.is_none());
    }

    #[test]
    fn naming_another_node_is_a_move_that_names_the_data_left_behind() {
        let mut db = app("db", true, &[label("data")]);
        let services = HashMap::from([("db".to_string(), deployed(&db, Some("n1")))]);
        db.node = Some("two".into());
        let plan = plan_with(&db, &services).unwrap();
        assert_eq!(plan.pin, Some(Pin::new("n2")));
        assert_eq!(plan.changes, vec!["node"]);
        let node_move = plan.node_move.unwrap();
        assert_eq!(node_move.from, Pin::new("n1"));
        assert_eq!(node_move.data, vec![label("data")]);
    }

    #[test]
    fn an_unknown_node_is_invalid_input() {
        let mut db = app("db", true, &[]);
        db.node = Some("nine".into());
        let problems = plan_with(&db, &HashMap::new()).unwrap_err();
        assert!(matches!(
            &problems[0].kind,
            ProblemKind::UnknownNode { lookup, nodes } if lookup.wanted == "nine" && nodes.len() == 2
        ));
        assert!(problems[0].is_invalid_spec());
    }

    #[test]
    fn an_unmanaged_service_of_the_same_name_is_refused() {
        let services = HashMap::from([("web".to_string(), Lookup::Unmanaged)]);
        let problems = plan_with(&app("web", false, &[]), &services).unwrap_err();
        assert_eq!(problems[0].kind, ProblemKind::UnmanagedService);
        assert!(!problems[0].is_invalid_spec());
    }

    #[test]
    fn data_used_by_another_deployed_app_is_refused_naming_it() {
        let other = app(
            "old-db",
            true,
            &[label("data"), VolumeSource::HostPath("/srv/x".into())],
        );
        let services = HashMap::from([("old-db".to_string(), deployed(&other, Some("n1")))]);
        let db = app(
            "db",
            true,
            &[label("data"), VolumeSource::HostPath("/srv/x".into())],
        );
        let problems = plan_with(&db, &services).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[1].kind,
            ProblemKind::SharedData {
                volume: 1,
                ours: VolumeSource::HostPath("/srv/x".into()),
                theirs: VolumeSource::HostPath("/srv/x".into()),
                other: "old-db".into()
            }
        );
        assert!(problems.iter().all(Problem::is_invalid_spec));
        let inside = app("db", true, &[VolumeSource::HostPath("/srv/x/y".into())]);
        let problems = plan_with(&inside, &services).unwrap_err();
        assert!(
            matches!(&problems[0].kind, ProblemKind::SharedData { theirs, .. } if theirs == &VolumeSource::HostPath("/srv/x".into())),
            "{problems:?}"
        );
        let beside = app("db", true, &[VolumeSource::HostPath("/srv/xy".into())]);
        assert!(plan_with(&beside, &services).is_ok());
    }

    #[test]
    fn a_host_path_that_holds_another_apps_is_refused_too() {
        let other = app("old-db", true, &[VolumeSource::HostPath("/srv/x/y".into())]);
        let services = HashMap::from([("old-db".to_string(), deployed(&other, Some("n1")))]);
        let parent = app("db", true, &[VolumeSource::HostPath("/srv/x".into())]);
        let problems = plan_with(&parent, &services).unwrap_err();
        assert!(
            matches!(&problems[..], [Problem { kind: ProblemKind::SharedData { theirs, other, .. }, .. }]
                if theirs == &VolumeSource::HostPath("/srv/x/y".into()) && other == "old-db"),
            "{problems:?}"
        );
        let beside = app("db", true, &[VolumeSource::HostPath("/srv/x-y".into())]);
        assert!(plan_with(&beside, &services).is_ok());
    }

    /// At scale (5,000 apps deploying, 1,000 more deployed apps outside the deploy, their
    /// ports and the records of their data), the plan is right: every check finds what it must
    /// without reading every other service for each app (a quadratic plan would take minutes
    /// here). Its speed is measured by `scripts/bench --scale`, not asserted.
    #[test]
    fn a_plan_of_five_thousand_apps_against_a_large_swarm_is_right() {
        const APPS: usize = 5_000;
        const OTHERS: usize = 1_000;
        let started = std::time::Instant::now();
        let wanted: Vec<App> = (0..APPS)
            .map(|i| {
                let persistent = i % 2 == 0;
                let volumes = match persistent {
                    true => vec![label(&format!("data{i}"))],
                    false => Vec::new(),
                };
                let mut app = app(&format!("s{i}"), persistent, &volumes);
                if !persistent {
                    app.instances = 2;
                }
                app.ports = vec![port(10_000 + i as u16)];
                app
            })
            .collect();
        let mut services = HashMap::new();
        let mut ports = Vec::new();
        for (i, app) in wanted.iter().enumerate() {
            // 1% not deployed yet, 1% deployed with another image, the rest as wanted.
            let pin = app.persistent.then_some("n1");
            match i % 100 {
                0 => continue,
                1 => {
                    let mut before = app.clone();
                    before.image = "busybox:old".into();
                    services.insert(app.name.clone(), deployed(&before, pin));
                }
                _ => {
                    services.insert(app.name.clone(), deployed(app, pin));
                }
            }
            ports.push((app.name.clone(), app.ports[0]));
        }
        for i in 0..OTHERS {
            let volumes = [
                label(&format!("theirs{i}")),
                VolumeSource::HostPath(format!("/srv/other/{i}").into()),
            ];
            let other = app(&format!("other{i}"), true, &volumes);
            services.insert(other.name.clone(), deployed(&other, Some("n2")));
            ports.push((other.name.clone(), port(20_000 + i as u16)));
        }
        let nodes = [node("n1", "one"), node("n2", "two")];
        let built = started.elapsed();
        let planning = std::time::Instant::now();
        let swarm = Swarm::new(
            &services,
            &ports,
            &nodes,
            "n1",
            wanted.iter().map(|app| app.name.as_str()).collect(),
        );
        let plans: Vec<AppPlan> = wanted
            .iter()
            .map(|app| plan_app(app, &swarm).expect("no problem"))
            .collect();
        // Shown with --nocapture: building the synthetic snapshot (6,000 service specs) and the
        // plan itself, apart.
        eprintln!(
            "5,000-app plan: snapshot built in {built:?}, planned in {:?}",
            planning.elapsed()
        );
        let count = |action| plans.iter().filter(|p| p.action == action).count();
        assert_eq!(count(Action::Create), APPS / 100);
        assert_eq!(count(Action::Update), APPS / 100);
        assert_eq!(count(Action::Unchanged), APPS - APPS / 50);
        assert!(plans.iter().all(|p| p.node_move.is_none()));
        let updated = plans.iter().find(|p| p.app.name == "s1").unwrap();
        assert_eq!(updated.changes, vec!["image".to_string()]);
        // The records put every deployed label where it is: no app's data is elsewhere.
        let recorded: Vec<(String, &str)> = (0..APPS)
            .step_by(2)
            .map(|i| (format!("data{i}"), "n1"))
            .chain((0..OTHERS).map(|i| (format!("theirs{i}"), "n2")))
            .collect();
        let recorded: Vec<(&str, &str)> = recorded.iter().map(|(l, n)| (l.as_str(), *n)).collect();
        let all = records(&recorded, &[]);
        let index = RecordIndex::new(&all);
        assert!(
            plans
                .iter()
                .all(|p| data_elsewhere(p, &index, &nodes).is_none())
        );
        // One more app that takes an outside app's label, host path and port: all three found.
        let mut late = app(
            "late",
            true,
            &[
                label("theirs999"),
                VolumeSource::HostPath("/srv/other/999/sub".into()),
            ],
        );
        late.ports = vec![port(20_999)];
        let problems = plan_app(&late, &swarm).unwrap_err();
        let named: Vec<&str> = problems
            .iter()
            .map(|p| match &p.kind {
                ProblemKind::SharedData { other, .. } => other.as_str(),
                ProblemKind::PortTaken { other, .. } => other.as_str(),
                _ => "?",
            })
            .collect();
        assert_eq!(named, ["other999", "other999", "other999"]);
        // A new app whose label the records put on the other node only: a move, found among
        // the other records.
        let mut moved = recorded.clone();
        moved.retain(|(label, _)| *label != "data0");
        moved.push(("data0", "n2"));
        let moved = records(&moved, &[]);
        let found = data_elsewhere(&plans[0], &RecordIndex::new(&moved), &nodes).unwrap();
        assert_eq!(
            (found.from, found.data),
            (Pin::new("n2"), vec![label("data0")])
        );
    }

    /// A deployed app whose service was then changed with the docker CLI.
    fn edited(app: &App, pin: Option<&str>, edit: impl FnOnce(&mut ServiceSpec)) -> Lookup {
        let Lookup::Managed(mut deployed) = deployed(app, pin) else {
            unreachable!()
        };
        edit(&mut deployed.spec);
        deployed.app = mapping::read_app(&deployed.spec);
        Lookup::Managed(deployed)
    }

    #[test]
    fn a_change_made_outside_alacrity_is_drift_that_the_deploy_undoes() {
        let db = app("db", true, &[label("data")]);
        let scaled = edited(&db, Some("n1"), |spec| {
            spec.mode = Some(bollard::models::ServiceSpecMode {
                replicated: Some(bollard::models::ServiceSpecModeReplicated { replicas: Some(2) }),
                ..Default::default()
            });
        });
        let services = HashMap::from([("db".to_string(), scaled)]);
        let plan = plan_with(&db, &services).unwrap();
        assert_eq!(plan.action, Action::Update);
        assert_eq!(plan.changes, vec!["instances"]);
        assert_eq!(
            plan.drift,
            vec![Drift {
                field: "instances".into(),
                swarm: Some("2".into()),
                spec: Some("1".into()),
            }]
        );
        let unpinned = edited(&db, Some("n1"), |spec| {
            if let Some(task) = spec.task_template.as_mut() {
                task.placement = None;
            }
        });
        let services = HashMap::from([("db".to_string(), unpinned)]);
        let plan = plan_with(&db, &services).unwrap();
        assert_eq!(plan.changes, vec!["node"]);
        assert_eq!(plan.drift.len(), 1);
    }

    #[test]
    fn a_port_another_service_publishes_is_refused_before_any_write() {
        let mut web = app("web", false, &[]);
        web.ports = vec!["8090:80".parse().unwrap(), "53:53/udp".parse().unwrap()];
        let taken = [
            ("site".to_string(), "8090:8080".parse().unwrap()),
            ("dns".to_string(), "53:53".parse().unwrap()),
            ("web".to_string(), "53:53/udp".parse().unwrap()),
        ];
        let problems = plan_with_ports(&web, &HashMap::new(), &taken).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(matches!(
            &problems[0].kind,
            ProblemKind::PortTaken { port: 0, other, managed: false, .. } if other == "site"
        ));
        assert!(problems[0].is_invalid_spec());
    }

    pub(crate) fn records(volumes: &[(&str, &str)], binds: &[(&str, &str)]) -> Records {
        use crate::core::records::{BindRecord, VolumeRecord};
        Records {
            partial_dirs: Vec::new(),
            volumes: volumes
                .iter()
                .map(|(label, node)| VolumeRecord {
                    label: label.to_string(),
                    app: "db".into(),
                    node_id: node.to_string(),
                    moved_to: None,
                    config_id: String::new(),
                })
                .collect(),
            binds: binds
                .iter()
                .map(|(path, node)| BindRecord {
                    path: path.into(),
                    app: "db".into(),
                    node_id: node.to_string(),
                    moved_to: None,
                    config_id: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_new_app_away_from_its_recorded_data_is_a_move() {
        let nodes = [node("n1", "one"), node("n2", "two")];
        let db = app(
            "db",
            true,
            &[label("data"), VolumeSource::HostPath("/srv/db".into())],
        );
        let plan = plan_with(&db, &HashMap::new()).unwrap();
        assert_eq!(plan.pin, Some(Pin::new("n1")));
        let elsewhere = data_elsewhere(
            &plan,
            &RecordIndex::new(&records(&[("data", "n2")], &[])),
            &nodes,
        )
        .unwrap();
        assert_eq!((elsewhere.from, elsewhere.recorded), (Pin::new("n2"), true));
        assert_eq!(elsewhere.data, vec![label("data")]);
        let here = records(&[("data", "n2"), ("data", "n1")], &[("/srv/db", "n1")]);
        assert_eq!(
            data_elsewhere(&plan, &RecordIndex::new(&here), &nodes),
            None
        );
        // A node that left the swarm took its data along: nothing to go back to.
        let gone = records(&[("data", "n9")], &[]);
        assert_eq!(
            data_elsewhere(&plan, &RecordIndex::new(&gone), &nodes),
            None
        );
        let path = records(&[], &[("/srv/db", "n2")]);
        let elsewhere = data_elsewhere(&plan, &RecordIndex::new(&path), &nodes).unwrap();
        assert_eq!(
            elsewhere.data,
            vec![VolumeSource::HostPath("/srv/db".into())]
        );
    }

    #[test]
    fn a_label_change_names_the_new_empty_volume_and_the_kept_one() {
        let db = app("db", true, &[label("old")]);
        let services = HashMap::from([("db".to_string(), deployed(&db, Some("n1")))]);
        let renamed = app("db", true, &[label("new")]);
        let plan = plan_with(&renamed, &services).unwrap();
        assert_eq!(plan.new_data, vec![label("new")]);
        assert_eq!(plan.left_data, vec![label("old")]);
    }

    #[test]
    fn starting_on_the_copy_a_move_left_behind_is_refused_and_it_is_not_where_the_data_is() {
        let nodes = [node("n1", "one"), node("n2", "two")];
        let db = app("db", true, &[label("data")]);
        // Pinned to n1 (the spec names it), while the app moved to n2 with its data.
        let plan = plan_with(&db, &HashMap::new()).unwrap();
        let mut moved = records(&[("data", "n1"), ("data", "n2")], &[]);
        moved.volumes[0].moved_to = Some("n2".into());
        let problem = moved_away(&plan, &RecordIndex::new(&moved), &nodes).unwrap();
        assert_eq!(
            problem.kind,
            ProblemKind::MovedAway(Box::new(MovedAway {
                data: label("data"),
                from: "one".into(),
                to: "two".into(),
                at: None
            }))
        );
        assert!(problem.is_invalid_spec());
        // Not left behind: no refusal.
        let plain = records(&[("data", "n1")], &[]);
        assert_eq!(moved_away(&plan, &RecordIndex::new(&plain), &nodes), None);
        // The copy left behind is not where the data is: only n2's counts.
        let mut only_stale = records(&[("data", "n2")], &[]);
        only_stale.volumes[0].moved_to = Some("n1".into());
        let on_n1 = plan_with(&db, &HashMap::new()).unwrap();
        assert_eq!(
            data_elsewhere(&on_n1, &RecordIndex::new(&only_stale), &nodes),
            None
        );
    }

    fn in_project(app: App, project: &str) -> App {
        App {
            project: Some(project.to_string()),
            ..app
        }
    }

    #[test]
    fn recording_a_project_is_an_update_of_that_alone_and_not_drift() {
        let old = app("web", false, &[]);
        let services = HashMap::from([("web".to_string(), deployed(&old, None))]);
        let wanted = in_project(old, "shop");
        let plan = plan_with(&wanted, &services).unwrap();
        assert_eq!(plan.action, Action::Update);
        assert_eq!(plan.changes, ["project"]);
        assert!(plan.drift.is_empty());
        // Recorded: unchanged, and the project is outside the spec hash.
        let services = HashMap::from([("web".to_string(), deployed(&wanted, None))]);
        assert_eq!(
            plan_with(&wanted, &services).unwrap().action,
            Action::Unchanged
        );
        assert_eq!(
            mapping::spec_hash(&mapping::service_spec(&wanted, None)),
            mapping::spec_hash(&mapping::service_spec(&app("web", false, &[]), None))
        );
        // An app without a project (none could be named) leaves the label alone.
        let services = HashMap::from([("web".to_string(), deployed(&wanted, None))]);
        let plain = app("web", false, &[]);
        assert_eq!(
            plan_with(&plain, &services).unwrap().action,
            Action::Unchanged
        );
    }

    #[test]
    fn the_apps_left_out_are_those_of_the_same_projects_the_specs_do_not_declare() {
        let deployed_in = |name: &str, project: Option<&str>, pin: Option<&str>| {
            let mut app = app(name, pin.is_some(), &[]);
            app.project = project.map(str::to_string);
            (name.to_string(), deployed(&app, pin))
        };
        let services = HashMap::from([
            deployed_in("web", Some("shop"), None),
            deployed_in("old-db", Some("shop"), Some("n2")),
            deployed_in("worker", Some("shop"), None),
            deployed_in("blog", Some("blog"), None),
            deployed_in("legacy", None, None),
            ("foreign".to_string(), Lookup::Unmanaged),
        ]);
        // `--app web`: worker is in the specs, only not deployed this time.
        let planned = [in_project(app("web", false, &[]), "shop")];
        let found = project_apps(&services, &planned);
        let names: Vec<&str> = found.iter().map(DeployedApp::name).collect();
        assert_eq!(names, ["old-db", "worker"]);
        let plan = Plan {
            apps: Vec::new(),
            nodes: vec![node("n1", "one"), node("n2", "two")],
            network: NetworkState::Present,
            records: Records::default(),
            volume_states: HashMap::new(),
            images: Vec::new(),
            project_apps: found,
        };
        let left = plan.left_out(&["web", "worker"]);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "old-db");
        assert_eq!(left[0].project, "shop");
        assert_eq!(left[0].node.as_deref(), Some("two"));
        // Apps without a project have no apps left out.
        assert!(project_apps(&services, &[app("web", false, &[])]).is_empty());
    }
}
