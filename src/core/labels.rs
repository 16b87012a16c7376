//! The labels and records alacrity writes into the swarm: the contract between `deploy`, `apps`,
//! and the retained-data commands (`volumes`, `binds`).
//!
//! On every service alacrity creates (service labels):
//! - `io.alacrity.managed=true`: alacrity owns it; anything without it is never touched.
//! - `io.alacrity.app=NAME`: the app (equal to the service name).
//! - `io.alacrity.spec-hash=HEX`: the hash of the service spec alacrity generated, pin included;
//!   an equal hash means "unchanged", and no write happens.
//! - `io.alacrity.persistent=true|false`.
//! - `io.alacrity.project=NAME`: the project of the spec file it was deployed from (outside the
//!   spec hash), so that `plan` and `deploy` name the apps of a project its specs left out.
//! - `io.alacrity.node=NODE_ID`: the node a persistent app is pinned to (absent otherwise).
//! - `io.alacrity.volumes=["label", ...]` and `io.alacrity.binds=["/host/path", ...]`: JSON lists of
//!   the app's persistent directories, so listings need not decode mounts.
//!
//! On the service's containers (container labels): `io.alacrity.app` and
//! `io.alacrity.template-hash=HEX`, the hash of the task template, which tells the tasks of the
//! current spec from older ones while a deploy waits for convergence.
//!
//! On every volume alacrity creates (`alacran--LABEL`, also set through the mount's volume
//! options so that a node creating it on first use labels it the same): `io.alacrity.managed=true`,
//! `io.alacrity.volume.label=LABEL`, `io.alacrity.app=NAME` (the app that created it).
//!
//! On the apps' network (`alacrity`, an attachable overlay): `io.alacrity.managed=true`.
//!
//! Records of persistent data, so that it can be listed and removed after its app is gone, from
//! any manager: swarm config objects, which live in the swarm's store, outlive the app, and every
//! machine driving the swarm sees. One record per directory or volume and node (the same path or
//! label on two nodes is two sets of data: a persistent app moved to another node leaves its data
//! behind, still recorded):
//! - a bind-mounted host directory: `alacrity-bind-<first 16 hex digits of
//!   sha256(path NUL node)>`, data = the path, labels `io.alacrity.managed=true`,
//!   `io.alacrity.bind.path=PATH`, `io.alacrity.app=NAME`, `io.alacrity.node=NODE_ID`;
//! - a managed volume: `alacrity-volume-<same hash of label NUL node>`, data = the volume name,
//!   labels `io.alacrity.managed=true`, `io.alacrity.volume.label=LABEL`, `io.alacrity.app=NAME`,
//!   `io.alacrity.node=NODE_ID`.
//!
//! Deploy writes them before the service; configs are immutable, so when the app of a record
//! changes, it is removed and written again. `volumes rm` and `binds rm` delete them.

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

pub const MANAGED: &str = "io.alacrity.managed";
pub const APP: &str = "io.alacrity.app";
pub const SPEC_HASH: &str = "io.alacrity.spec-hash";
pub const TEMPLATE_HASH: &str = "io.alacrity.template-hash";
/// On a container spec: its health check (the engine's JSON of it). The engine answers with the
/// check under a key (`Healthcheck`) that its API's own models, and so bollard's, spell otherwise
/// (`HealthCheck`): read back, the check is lost, and this label is how alacrity, and its task
/// verdicts, know it.
pub const HEALTHCHECK: &str = "io.alacrity.healthcheck";
pub const PERSISTENT: &str = "io.alacrity.persistent";
/// On a service: the project of the spec file it was deployed from (its `project`, else the
/// file's directory). Not part of the spec hash.
pub const PROJECT: &str = "io.alacrity.project";
pub const NODE: &str = "io.alacrity.node";
pub const VOLUMES: &str = "io.alacrity.volumes";
pub const BINDS: &str = "io.alacrity.binds";
pub const VOLUME_LABEL: &str = "io.alacrity.volume.label";
pub const BIND_PATH: &str = "io.alacrity.bind.path";
/// On a secret or config alacrity made: `secret` or `config`, the file's name in the spec, and
/// the hash of its content (see `core::files`).
pub const FILE_KIND: &str = "io.alacrity.file.kind";
pub const FILE_NAME: &str = "io.alacrity.file.name";
pub const FILE_DIGEST: &str = "io.alacrity.file.digest";
/// On a probe that looks at a host path on a node (a job or a container that never runs): when
/// it was made, in seconds since the epoch.
pub const PROBE: &str = "io.alacrity.probe";

/// Every label key alacrity writes starts with this; user labels may not.
pub const PREFIX: &str = crate::spec::model::RESERVED_LABEL_PREFIX;

/// The overlay network every app joins; apps reach each other by app name on it.
pub const NETWORK: &str = "alacrity";

/// The prefix of the swarm config objects that record bind-mounted host directories.
pub const BIND_RECORD_PREFIX: &str = "alacrity-bind-";

/// The prefix of the swarm config objects that record managed volumes.
pub const VOLUME_RECORD_PREFIX: &str = "alacrity-volume-";

/// Whether labels (of a service, volume, network or config) mark it as alacrity's.
pub fn is_managed(labels: Option<&HashMap<String, String>>) -> bool {
    labels
        .and_then(|labels| labels.get(MANAGED))
        .is_some_and(|value| value == "true")
}

/// The labels of a managed volume.
pub fn volume_labels(label: &str, app: &str) -> HashMap<String, String> {
    HashMap::from([
        (MANAGED.to_string(), "true".to_string()),
        (VOLUME_LABEL.to_string(), label.to_string()),
        (APP.to_string(), app.to_string()),
    ])
}

/// The name of the swarm config that records a bind-mounted host directory of a node.
pub fn bind_record_name(path: &Path, node_id: &str) -> String {
    record_name(BIND_RECORD_PREFIX, &path.to_string_lossy(), node_id)
}

/// The labels of the record of a bind-mounted host directory.
pub fn bind_record_labels(path: &Path, app: &str, node_id: &str) -> HashMap<String, String> {
    record_labels(BIND_PATH, &path.to_string_lossy(), app, node_id)
}

/// The name of the swarm config that records the managed volume of a label on a node.
pub fn volume_record_name(label: &str, node_id: &str) -> String {
    record_name(VOLUME_RECORD_PREFIX, label, node_id)
}

/// The labels of the record of a managed volume.
pub fn volume_record_labels(label: &str, app: &str, node_id: &str) -> HashMap<String, String> {
    record_labels(VOLUME_LABEL, label, app, node_id)
}

/// Config names are short: a prefix and a hash of what is recorded and where.
fn record_name(prefix: &str, key: &str, node_id: &str) -> String {
    let hash = hex::encode(Sha256::digest(format!("{key}\0{node_id}").as_bytes()));
    format!("{prefix}{}", &hash[..16])
}

fn record_labels(key_label: &str, key: &str, app: &str, node_id: &str) -> HashMap<String, String> {
    HashMap::from([
        (MANAGED.to_string(), "true".to_string()),
        (key_label.to_string(), key.to_string()),
        (APP.to_string(), app.to_string()),
        (NODE.to_string(), node_id.to_string()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_names_are_short_stable_and_distinct_per_node() {
        let a = bind_record_name(Path::new("/srv/a"), "n1");
        assert_eq!(a, bind_record_name(Path::new("/srv/a"), "n1"));
        assert_ne!(a, bind_record_name(Path::new("/srv/b"), "n1"));
        assert_ne!(a, bind_record_name(Path::new("/srv/a"), "n2"));
        assert_eq!(a.len(), BIND_RECORD_PREFIX.len() + 16);
        assert!(a.starts_with("alacrity-bind-"));
        let v = volume_record_name("data", "n1");
        assert!(v.starts_with("alacrity-volume-"));
        assert_ne!(v, volume_record_name("data", "n2"));
        assert_eq!(v.len(), VOLUME_RECORD_PREFIX.len() + 16);
    }

    #[test]
    fn only_the_managed_marker_counts() {
        let mut labels = HashMap::new();
        assert!(!is_managed(Some(&labels)));
        assert!(!is_managed(None));
        labels.insert(MANAGED.to_string(), "true".to_string());
        assert!(is_managed(Some(&labels)));
    }
}
