//! The swarm's nodes, and finding one by the name a spec gives (hostname or ID).

use bollard::models::NodeSpecRoleEnum;
use serde::Serialize;

/// A swarm node, in the words `docker node ls` uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: String,
    pub hostname: String,
    /// `manager` (also while being promoted or demoted) or `worker`.
    pub role: String,
    /// `ready`, `down`, ...
    pub state: String,
    /// `active`, `pause` or `drain`.
    pub availability: String,
}

pub(crate) fn node_from(node: bollard::models::Node) -> Node {
    let spec = node.spec.unwrap_or_default();
    // A node being demoted is still a manager until it leaves the managers' quorum.
    let role = match (spec.role, &node.manager_status) {
        (Some(NodeSpecRoleEnum::MANAGER), _) | (_, Some(_)) => "manager",
        _ => "worker",
    };
    Node {
        id: node.id.unwrap_or_default(),
        hostname: node
            .description
            .and_then(|description| description.hostname)
            .unwrap_or_default(),
        role: role.to_string(),
        state: node
            .status
            .and_then(|status| status.state)
            .map(|state| state.to_string())
            .unwrap_or_default(),
        availability: spec
            .availability
            .map(|availability| availability.to_string())
            .unwrap_or_default(),
    }
}

/// A `node` of a spec that names no node of the swarm, or several (by hostname).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeLookup {
    pub wanted: String,
    /// How many nodes have that hostname (0: none at all).
    pub same_hostname: usize,
}

/// The node a spec names: by exact ID, else by hostname, else by a unique ID prefix (as the
/// docker CLI accepts). An unknown or ambiguous name is for the spec to change (exit 2).
pub fn find_node<'a>(nodes: &'a [Node], wanted: &str) -> Result<&'a Node, NodeLookup> {
    if let Some(node) = nodes.iter().find(|node| node.id == wanted) {
        return Ok(node);
    }
    let by_hostname: Vec<&Node> = nodes.iter().filter(|n| n.hostname == wanted).collect();
    match by_hostname.as_slice() {
        [node] => return Ok(node),
        [] => {}
        several => {
            return Err(NodeLookup {
                wanted: wanted.to_string(),
                same_hostname: several.len(),
            });
        }
    }
    let by_prefix: Vec<&Node> = nodes.iter().filter(|n| n.id.starts_with(wanted)).collect();
    match by_prefix.as_slice() {
        [node] => Ok(node),
        _ => Err(NodeLookup {
            wanted: wanted.to_string(),
            same_hostname: 0,
        }),
    }
}

/// The only manager of a swarm, if it has only one.
pub(crate) fn sole_manager(nodes: &[Node]) -> Option<&str> {
    match nodes
        .iter()
        .filter(|node| node.role == "manager")
        .collect::<Vec<_>>()
        .as_slice()
    {
        [manager] => Some(&manager.id),
        _ => None,
    }
}

/// The hostname of a node ID, or the ID itself when the node is gone.
pub fn hostname_of(nodes: &[Node], node_id: &str) -> String {
    nodes
        .iter()
        .find(|node| node.id == node_id)
        .map_or_else(|| node_id.to_string(), |node| node.hostname.clone())
}

/// What keeps a node from running tasks, in words: gone, down, drained, paused.
pub fn node_trouble(nodes: &[Node], node_id: &str) -> Option<String> {
    let Some(node) = nodes.iter().find(|node| node.id == node_id) else {
        return Some(format!("node {node_id} is no longer in the swarm"));
    };
    let name = &node.hostname;
    if node.state != "ready" {
        return Some(format!("node {name} is {}", node.state));
    }
    match node.availability.as_str() {
        "drain" => Some(format!("node {name} is drained")),
        "pause" => Some(format!("node {name} is paused")),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A ready, active manager: the usual node in unit tests.
    pub(crate) fn node(id: &str, hostname: &str) -> Node {
        Node {
            id: id.into(),
            hostname: hostname.into(),
            role: "manager".into(),
            state: "ready".into(),
            availability: "active".into(),
        }
    }

    #[test]
    fn a_node_is_found_by_id_hostname_or_unique_prefix() {
        let nodes = [node("abc111", "one"), node("abd222", "two")];
        assert_eq!(find_node(&nodes, "abc111").unwrap().hostname, "one");
        assert_eq!(find_node(&nodes, "two").unwrap().id, "abd222");
        assert_eq!(find_node(&nodes, "abd").unwrap().id, "abd222");
    }

    #[test]
    fn an_unknown_node_is_not_found() {
        let nodes = [node("abc111", "one"), node("abd222", "two")];
        let err = find_node(&nodes, "three").unwrap_err();
        assert_eq!((err.wanted.as_str(), err.same_hostname), ("three", 0));
        // A prefix shared by two IDs is no answer either.
        assert!(find_node(&nodes, "ab").is_err());
    }

    #[test]
    fn a_hostname_shared_by_two_nodes_is_ambiguous() {
        let nodes = [node("abc111", "same"), node("abd222", "same")];
        let err = find_node(&nodes, "same").unwrap_err();
        assert_eq!(err.same_hostname, 2);
        assert_eq!(find_node(&nodes, "abd222").unwrap().id, "abd222");
    }

    #[test]
    fn the_sole_manager_only_when_there_is_one() {
        let worker = |id: &str| Node {
            role: "worker".into(),
            ..node(id, id)
        };
        assert_eq!(sole_manager(&[node("m1", "a"), worker("w1")]), Some("m1"));
        assert_eq!(sole_manager(&[node("m1", "a"), node("m2", "b")]), None);
        assert_eq!(sole_manager(&[worker("w1")]), None);
    }
}
