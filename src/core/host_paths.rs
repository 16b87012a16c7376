//! Host paths looked at on the node an app runs on (a laptop or a CI runner is not that node):
//! which paths a plan needs looked at, where, and what a node's answer means.

use std::path::PathBuf;

use super::plan::{Action, Plan};
use crate::spec::VolumeSource;

/// One host path of an app, to look at on the app's node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPathCheck {
    pub app: String,
    /// The volume's index in `App::volumes` (where the spec writes it).
    pub volume: usize,
    pub path: PathBuf,
    pub node_id: String,
}

/// What a node says of a host path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathState {
    Directory,
    Missing,
    NotDirectory,
    /// The node could not be asked, or answered something else: why.
    Unknown(String),
}

/// Where a host path is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vantage {
    /// On this machine's filesystem: the app's node is the engine's, on this machine (every
    /// rule, symlinks to system directories included, at no cost).
    Here,
    /// Through the engine alacrity talks to, on its own node.
    Engine,
    /// Through the swarm, on another node.
    Swarm,
}

/// The host paths of the apps a plan creates or updates (an unchanged app runs already), with
/// their node. Apps with host paths are persistent, so pinned.
pub fn host_path_checks(plan: &Plan) -> Vec<HostPathCheck> {
    plan.apps
        .iter()
        .filter(|app| app.action != Action::Unchanged)
        .filter_map(|app| Some((app, app.pin.as_ref()?)))
        .flat_map(|(app, pin)| {
            app.app
                .volumes
                .iter()
                .enumerate()
                .filter_map(move |(volume, v)| match &v.source {
                    VolumeSource::HostPath(path) => Some(HostPathCheck {
                        app: app.app.name.clone(),
                        volume,
                        path: path.clone(),
                        node_id: pin.node_id.clone(),
                    }),
                    VolumeSource::Label(_) => None,
                })
        })
        .collect()
}

/// Where a path of `node_id` is looked at, when alacrity talks to the engine of `engine_node`,
/// which is on this machine when `engine_here`.
pub fn vantage(node_id: &str, engine_node: &str, engine_here: bool) -> Vantage {
    match (node_id == engine_node, engine_here) {
        (true, true) => Vantage::Here,
        (true, false) => Vantage::Engine,
        (false, _) => Vantage::Swarm,
    }
}

/// The path a probe mounts: with a trailing `/.`, resolving it fails unless it is a directory,
/// so that the engine tells a file from a directory.
pub fn probe_source(path: &std::path::Path) -> String {
    let text = path.to_string_lossy();
    match text.trim_end_matches('/') {
        "" => "/.".to_string(),
        trimmed => format!("{trimmed}/."),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use super::*;
    use crate::core::plan::tests::{app, deployed, label, plan_with};
    use crate::core::records::Records;
    use crate::core::resources::NetworkState;

    fn host(path: &str) -> VolumeSource {
        VolumeSource::HostPath(path.into())
    }

    #[test]
    fn the_host_paths_of_created_and_updated_apps_are_checked_on_their_node() {
        let mut db = app("db", true, &[label("db-data"), host("/srv/db/dumps")]);
        db.node = Some("one".into());
        let mut files = app("files", true, &[host("/srv/files")]);
        files.node = Some("two".into());
        let mut files_before = files.clone();
        files_before.image = "busybox:old".into();
        let same = app("same", true, &[host("/srv/same")]);
        let services = HashMap::from([
            ("files".to_string(), deployed(&files_before, Some("n2"))),
            ("same".to_string(), deployed(&same, Some("n1"))),
        ]);
        let apps: Vec<_> = [&db, &files, &same]
            .iter()
            .map(|app| plan_with(app, &services).unwrap())
            .collect();
        let actions: Vec<_> = apps.iter().map(|app| app.action).collect();
        assert_eq!(actions, [Action::Create, Action::Update, Action::Unchanged]);
        let plan = Plan {
            apps,
            nodes: vec![],
            network: NetworkState::Present,
            records: Records::default(),
            volume_states: HashMap::new(),
            images: Vec::new(),
            project_apps: Vec::new(),
        };
        assert_eq!(
            host_path_checks(&plan),
            [
                HostPathCheck {
                    app: "db".into(),
                    volume: 1,
                    path: "/srv/db/dumps".into(),
                    node_id: "n1".into(),
                },
                HostPathCheck {
                    app: "files".into(),
                    volume: 0,
                    path: "/srv/files".into(),
                    node_id: "n2".into(),
                },
            ]
        );
    }

    #[test]
    fn only_the_engines_own_node_on_this_machine_is_looked_at_here() {
        assert_eq!(vantage("n1", "n1", true), Vantage::Here);
        assert_eq!(vantage("n1", "n1", false), Vantage::Engine);
        assert_eq!(vantage("n2", "n1", true), Vantage::Swarm);
        assert_eq!(vantage("n2", "n1", false), Vantage::Swarm);
    }

    #[test]
    fn a_probe_mounts_the_directory_itself() {
        assert_eq!(probe_source(Path::new("/srv/files")), "/srv/files/.");
        assert_eq!(probe_source(Path::new("/srv/files/")), "/srv/files/.");
        assert_eq!(probe_source(Path::new("/")), "/.");
    }
}
