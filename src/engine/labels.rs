//! The labels and records alacrity writes into the swarm: the contract between `deploy`, `apps`,
//! and the retained-data commands (`volumes`, `binds`).
//!
//! On every service alacrity creates (service labels):
//! - `io.alacrity.managed=true`: alacrity owns it; anything without it is never touched.
//! - `io.alacrity.app=NAME`: the app (equal to the service name).
//! - `io.alacrity.spec-hash=HEX`: the hash of the service spec alacrity generated, pin included;
//!   an equal hash means "unchanged", and no write happens.
//! - `io.alacrity.persistent=true|false`.
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
//! Host directories: one swarm config object per bind-mounted path, named
//! `alacrity-bind-<first 16 hex digits of sha256(path)>`, data = the path, labels
//! `io.alacrity.managed=true`, `io.alacrity.bind.path=PATH`, `io.alacrity.app=NAME`,
//! `io.alacrity.node=NODE_ID`. Configs live in the swarm's store, so the record outlives the app
//! and every machine driving the swarm sees it. Configs are immutable: when the app or node of a
//! path changes, the record is removed and written again.

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

pub const MANAGED: &str = "io.alacrity.managed";
pub const APP: &str = "io.alacrity.app";
pub const SPEC_HASH: &str = "io.alacrity.spec-hash";
pub const TEMPLATE_HASH: &str = "io.alacrity.template-hash";
pub const PERSISTENT: &str = "io.alacrity.persistent";
pub const NODE: &str = "io.alacrity.node";
pub const VOLUMES: &str = "io.alacrity.volumes";
pub const BINDS: &str = "io.alacrity.binds";
pub const VOLUME_LABEL: &str = "io.alacrity.volume.label";
pub const BIND_PATH: &str = "io.alacrity.bind.path";

/// Every label key alacrity writes starts with this; user labels may not.
pub const PREFIX: &str = crate::spec::model::RESERVED_LABEL_PREFIX;

/// The overlay network every app joins; apps reach each other by app name on it.
pub const NETWORK: &str = "alacrity";

/// The prefix of the swarm config objects that record bind-mounted host directories.
pub const BIND_RECORD_PREFIX: &str = "alacrity-bind-";

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

/// The name of the swarm config that records a bind-mounted host directory.
pub fn bind_record_name(path: &Path) -> String {
    let hash = hex(&Sha256::digest(path.to_string_lossy().as_bytes()));
    format!("{BIND_RECORD_PREFIX}{}", &hash[..16])
}

/// The labels of the record of a bind-mounted host directory.
pub fn bind_record_labels(path: &Path, app: &str, node_id: &str) -> HashMap<String, String> {
    HashMap::from([
        (MANAGED.to_string(), "true".to_string()),
        (BIND_PATH.to_string(), path.to_string_lossy().into_owned()),
        (APP.to_string(), app.to_string()),
        (NODE.to_string(), node_id.to_string()),
    ])
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_record_names_are_short_stable_and_distinct() {
        let a = bind_record_name(Path::new("/srv/a"));
        assert_eq!(a, bind_record_name(Path::new("/srv/a")));
        assert_ne!(a, bind_record_name(Path::new("/srv/b")));
        assert_eq!(a.len(), BIND_RECORD_PREFIX.len() + 16);
        assert!(a.starts_with("alacrity-bind-"));
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
