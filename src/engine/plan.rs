//! What a deploy would do, app by app, decided from what the swarm holds, without writing.
//!
//! Every check that can refuse a deploy runs here, before any write, and all problems are
//! reported at once: a same-named service alacrity does not manage, a node that does not
//! exist, data (a label or host path) that another deployed app uses, a same-named volume
//! alacrity does not manage, a network named `alacrity` that is not alacrity's.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use bollard::models::ServiceSpec;
use futures_util::future::join_all;
use serde::Serialize;

use super::mapping::{self, Pin};
use super::nodes::{self, Node};
use super::resources::{NetworkState, VolumeState};
use super::services::{DeployedApp, Lookup};
use super::{Engine, labels};
use crate::exit::InvalidInput;
use crate::spec::{App, VolumeSource};

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
    /// A persistent app whose pin changes: its data stays on the old node.
    pub node_move: Option<NodeMove>,
    pub(in crate::engine) spec: ServiceSpec,
    pub(in crate::engine) current: Option<DeployedApp>,
    /// Labels whose volumes are created on the engine alacrity talks to before the service.
    pub(in crate::engine) volumes_to_create: Vec<String>,
}

/// A persistent app pinned to another node than before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeMove {
    pub from: Pin,
    pub to: Pin,
    /// The app's persistent directories that stay behind on the old node.
    pub data: Vec<VolumeSource>,
}

/// The plan of a deploy: every app, in the order given.
#[derive(Debug, Clone)]
pub struct Plan {
    pub apps: Vec<AppPlan>,
    pub nodes: Vec<Node>,
    pub(in crate::engine) network: NetworkState,
}

impl Plan {
    /// The hostname of a pin's node (its ID when the node is gone).
    pub fn hostname(&self, pin: &Pin) -> String {
        nodes::hostname_of(&self.nodes, &pin.node_id)
    }

    /// The apps whose pin moves to another node.
    pub fn moves(&self) -> impl Iterator<Item = (&AppPlan, &NodeMove)> {
        self.apps
            .iter()
            .filter_map(|plan| plan.node_move.as_ref().map(|m| (plan, m)))
    }
}

/// One reason a deploy cannot go ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    app: Option<String>,
    message: String,
    /// The spec must change (exit 2), rather than the swarm (exit 1).
    invalid: bool,
}

impl Problem {
    fn invalid(app: &str, message: String) -> Self {
        Problem {
            app: Some(app.to_string()),
            message,
            invalid: true,
        }
    }

    fn refusal(app: Option<&str>, message: String) -> Self {
        Problem {
            app: app.map(str::to_string),
            message,
            invalid: false,
        }
    }
}

/// What the swarm holds, as the pure planning needs it.
struct Swarm<'a> {
    services: &'a HashMap<String, Lookup>,
    nodes: &'a [Node],
    local_node: &'a str,
    /// The apps of this deploy: their deployed state does not count against the rules.
    deploying: HashSet<&'a str>,
}

impl Engine {
    /// Plans a deploy of apps (already valid on their own), reading the swarm only.
    pub async fn plan(&self, apps: &[App]) -> anyhow::Result<Plan> {
        let (nodes, services, network) =
            tokio::join!(self.nodes(), self.all_services(), self.network_state());
        let (nodes, services) = (nodes?, services?);
        let mut problems = Vec::new();
        let network = network.unwrap_or_else(|err| {
            problems.push(Problem::refusal(None, format!("{err:#}")));
            NetworkState::Present
        });
        let swarm = Swarm {
            services: &services,
            nodes: &nodes,
            local_node: self.local_node_id(),
            deploying: apps.iter().map(|app| app.name.as_str()).collect(),
        };
        let mut plans = Vec::new();
        for app in apps {
            match plan_app(app, &swarm) {
                Ok(plan) => plans.push(plan),
                Err(mut found) => problems.append(&mut found),
            }
        }
        problems.append(&mut self.check_volumes(&mut plans).await?);
        if !problems.is_empty() {
            return Err(problems_error(&problems));
        }
        Ok(Plan {
            apps: plans,
            nodes,
            network,
        })
    }

    /// Looks at the volumes of apps pinned to the engine alacrity talks to: a same-named
    /// unmanaged volume is refused; missing ones are created before their service. (Volumes
    /// of other nodes are not visible from here: they carry alacrity's labels through the
    /// mount's volume options when their node creates them.)
    async fn check_volumes(&self, plans: &mut [AppPlan]) -> anyhow::Result<Vec<Problem>> {
        let mut problems = Vec::new();
        for plan in plans.iter_mut() {
            if plan.action == Action::Unchanged || !self.pinned_here(plan.pin.as_ref()) {
                continue;
            }
            let labels = volume_labels(&plan.app);
            let states = join_all(labels.iter().map(|label| self.volume_state(label))).await;
            for (label, state) in labels.iter().zip(states) {
                match state? {
                    VolumeState::Missing => plan.volumes_to_create.push(label.clone()),
                    VolumeState::Managed => {}
                    VolumeState::Unmanaged => problems.push(unmanaged_volume(&plan.app, label)),
                }
            }
        }
        Ok(problems)
    }

    fn pinned_here(&self, pin: Option<&Pin>) -> bool {
        pin.is_some_and(|pin| pin.node_id == self.local_node_id())
    }
}

fn unmanaged_volume(app: &App, label: &str) -> Problem {
    let name = crate::spec::model::volume_name(label);
    Problem::refusal(
        Some(&app.name),
        format!(
            "the volume `{name}` exists but alacrity did not create it (it lacks the label \
             {}=true), so alacrity will not use it; choose another label, or check the volume \
             with `docker volume inspect {name}`",
            labels::MANAGED
        ),
    )
}

/// The plan of one app, or every problem with it.
fn plan_app(app: &App, swarm: &Swarm) -> Result<AppPlan, Vec<Problem>> {
    let current = match swarm.services.get(&app.name) {
        Some(Lookup::Unmanaged) => return Err(vec![unmanaged_service(&app.name)]),
        Some(Lookup::Managed(current)) => Some(current.as_ref().clone()),
        Some(Lookup::Missing) | None => None,
    };
    let mut problems = shared_data(app, swarm);
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
    let (action, changes) = action_of(app, pin.as_ref(), current.as_ref(), &spec);
    let node_move = node_move(current.as_ref(), pin.as_ref());
    Ok(AppPlan {
        app: app.clone(),
        action,
        changes,
        pin,
        node_move,
        spec,
        current,
        volumes_to_create: Vec::new(),
    })
}

fn unmanaged_service(name: &str) -> Problem {
    Problem::refusal(
        Some(name),
        format!(
            "a service named `{name}` exists but alacrity did not deploy it (it lacks the label \
             {}=true), so alacrity leaves it untouched; rename the app, or remove that service \
             yourself if it is no longer needed (`docker service rm {name}`)",
            labels::MANAGED
        ),
    )
}

/// Where a persistent app goes: the spec's node; else where it already is; else the node of
/// the engine alacrity talks to.
fn decide_pin(
    app: &App,
    current: Option<&DeployedApp>,
    swarm: &Swarm,
) -> Result<Option<Pin>, Problem> {
    if !app.persistent {
        return Ok(None);
    }
    if let Some(wanted) = &app.node {
        let node = nodes::find_node(swarm.nodes, wanted)
            .map_err(|err| Problem::invalid(&app.name, err.0))?;
        return Ok(Some(Pin::new(&node.id)));
    }
    if let Some(pin) = current.and_then(|current| current.pin.clone()) {
        return Ok(Some(pin));
    }
    Ok(Some(Pin::new(swarm.local_node)))
}

fn node_move(current: Option<&DeployedApp>, pin: Option<&Pin>) -> Option<NodeMove> {
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
    })
}

/// Rule 6 against the swarm: a label or host path of the app that another deployed app (not
/// part of this deploy) uses.
fn shared_data(app: &App, swarm: &Swarm) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (name, lookup) in swarm.services {
        let Lookup::Managed(other) = lookup else {
            continue;
        };
        if swarm.deploying.contains(name.as_str()) {
            continue;
        }
        for volume in &app.volumes {
            if other.app.volumes.iter().any(|v| v.source == volume.source) {
                problems.push(Problem::invalid(
                    &app.name,
                    shared_message(&volume.source, name),
                ));
            }
        }
    }
    problems
}

fn shared_message(source: &VolumeSource, other: &str) -> String {
    let what = match source {
        VolumeSource::Label(label) => format!("the volume label `{label}` ({source})"),
        VolumeSource::HostPath(path) => format!("the host path {}", path.display()),
    };
    format!(
        "{what} is already used by the deployed app `{other}` [rule shared-data]: two apps on \
         one data directory corrupt it; use another one, or remove `{other}` first \
         (`alacrity apps rm {other}`)"
    )
}

/// Create, update (with the fields that change) or unchanged (same spec hash).
fn action_of(
    app: &App,
    pin: Option<&Pin>,
    current: Option<&DeployedApp>,
    spec: &ServiceSpec,
) -> (Action, Vec<String>) {
    let Some(current) = current else {
        return (Action::Create, Vec::new());
    };
    if current.spec_hash().is_some() && current.spec_hash() == mapping::spec_hash(spec) {
        return (Action::Unchanged, Vec::new());
    }
    let mut changes: Vec<String> = mapping::changed_fields(&current.app, app)
        .into_iter()
        .map(str::to_string)
        .collect();
    if current.pin.as_ref() != pin {
        changes.push("node".to_string());
    }
    if changes.is_empty() {
        // Same app, different service spec: made by another alacrity version, or edited
        // with the docker CLI.
        changes.push("service settings".to_string());
    }
    (Action::Update, changes)
}

fn volume_labels(app: &App) -> Vec<String> {
    app.volumes
        .iter()
        .filter_map(|volume| match &volume.source {
            VolumeSource::Label(label) => Some(label.clone()),
            VolumeSource::HostPath(_) => None,
        })
        .collect()
}

/// All problems as one error: invalid input (exit 2) if any needs the spec changed.
fn problems_error(problems: &[Problem]) -> anyhow::Error {
    let mut text = match problems.len() {
        1 => "cannot deploy:".to_string(),
        count => format!("cannot deploy ({count} problems):"),
    };
    for problem in problems {
        match &problem.app {
            Some(app) => write!(text, "\n  app `{app}`: {}", problem.message),
            None => write!(text, "\n  {}", problem.message),
        }
        .unwrap_or_default();
    }
    text.push_str("\n  nothing was changed");
    if problems.iter().any(|p| p.invalid) {
        InvalidInput(text).into()
    } else {
        anyhow::anyhow!(text)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::spec::Volume;

    fn app(name: &str, persistent: bool, volumes: &[VolumeSource]) -> App {
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
        }
    }

    fn deployed(app: &App, pin: Option<&str>) -> Lookup {
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

    fn node(id: &str, hostname: &str) -> Node {
        Node {
            id: id.into(),
            hostname: hostname.into(),
            role: "manager".into(),
            state: "ready".into(),
            availability: "active".into(),
        }
    }

    fn plan_with(app: &App, services: &HashMap<String, Lookup>) -> Result<AppPlan, Vec<Problem>> {
        let nodes = [node("n1", "one"), node("n2", "two")];
        let swarm = Swarm {
            services,
            nodes: &nodes,
            local_node: "n1",
            deploying: HashSet::from([app.name.as_str()]),
        };
        plan_app(app, &swarm)
    }

    fn label(name: &str) -> VolumeSource {
        VolumeSource::Label(name.into())
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
        assert!(problems[0].invalid);
        assert!(problems[0].message.contains("no node `nine`"));
    }

    #[test]
    fn an_unmanaged_service_of_the_same_name_is_refused() {
        let services = HashMap::from([("web".to_string(), Lookup::Unmanaged)]);
        let problems = plan_with(&app("web", false, &[]), &services).unwrap_err();
        assert!(!problems[0].invalid);
        assert!(problems[0].message.contains("leaves it untouched"));
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
        assert!(
            problems
                .iter()
                .all(|p| p.invalid && p.message.contains("`old-db`"))
        );
        let err = problems_error(&problems);
        assert_eq!(crate::exit::status_for(&err).code(), 2);
    }

    #[test]
    fn refusals_are_exit_1() {
        let err = problems_error(&[unmanaged_service("web")]);
        assert_eq!(crate::exit::status_for(&err).code(), 1);
        assert!(err.to_string().contains("nothing was changed"));
    }
}
