//! How alacrity reaches the engine of a given swarm node (its volumes and directories are only
//! there), in this order, as docker CLI users set things up:
//!
//! 1. `--node-host NODE=URL` (NODE: the node's hostname as `docker node ls` shows it, or its ID;
//!    URL as for `--host`: `unix://`, `tcp://` with the TLS options, `ssh://`);
//! 2. a docker context named exactly like the node's hostname (a context per server);
//! 3. the engine named by `--host`, `--context` or `DOCKER_HOST` (or any engine the command
//!    already holds), when it is that node.
//!
//! An engine reached is checked to be that node (its swarm node ID, `GET /info`), and refused
//! otherwise. A node with no way to reach it is a [`NodeUnreachable`] error, which says what to
//! set.

use std::collections::HashMap;
use std::str::FromStr;

use anyhow::Context;

use super::connect::{self, Address, Origin};
use super::{Connector, Engine};
use crate::core::nodes::Node;

/// `--node-host NODE=URL`: how to reach one node's engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeHost {
    /// The node's hostname or ID.
    pub node: String,
    pub url: String,
}

impl FromStr for NodeHost {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let example = "e.g. --node-host node2=ssh://admin@node2";
        let Some((node, url)) = text.split_once('=') else {
            return Err(format!(
                "`{text}` is not NODE=URL ({example}; NODE is a hostname or ID from `docker node ls`)"
            ));
        };
        let (node, url) = (node.trim(), url.trim());
        if node.is_empty() {
            return Err(format!("`{text}` names no node before `=` ({example})"));
        }
        let schemes = ["unix://", "tcp://", "ssh://", "http://"];
        if !schemes.iter().any(|scheme| url.starts_with(scheme)) {
            return Err(format!(
                "`{url}` is not an engine address: use unix://PATH, tcp://HOST:PORT or \
                 ssh://[USER@]HOST ({example})"
            ));
        }
        Ok(NodeHost {
            node: node.to_string(),
            url: url.to_string(),
        })
    }
}

impl std::fmt::Display for NodeHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.node, self.url)
    }
}

/// No way to reach a node's engine was given (exit 2: the command needs one more option).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "alacrity cannot reach the engine of node {hostname}: no --node-host names it, there is no \
     docker context named `{hostname}`, and the engine alacrity talks to{main} is another node.\n  \
     Say how to reach it with --node-host (or create that context: `docker context create \
     {hostname} --docker host=ssh://USER@{hostname}`), e.g. add `--node-host \
     {hostname}=ssh://USER@{hostname}` to the command"
)]
pub struct NodeUnreachable {
    pub hostname: String,
    pub node_id: String,
    /// ` (ADDRESS)`, or nothing.
    main: String,
}

/// Finds and connects to the engines of swarm nodes, once each.
pub struct NodeReach {
    connector: Connector,
    hosts: Vec<NodeHost>,
    /// Engines the command holds already (the node of `--host`, a manager).
    known: Vec<Engine>,
    cache: tokio::sync::Mutex<HashMap<String, Engine>>,
}

impl std::fmt::Debug for NodeReach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeReach")
            .field("hosts", &self.hosts)
            .finish()
    }
}

impl NodeReach {
    /// `--node-host` of the command line, and the engine it names (`connector`).
    pub fn from_args(arg: &crate::cli::NodeHostArg, connector: &Connector) -> NodeReach {
        NodeReach::new(connector, arg.node_hosts.clone())
    }

    pub fn new(connector: &Connector, hosts: Vec<NodeHost>) -> NodeReach {
        NodeReach {
            connector: connector.clone(),
            hosts,
            known: Vec::new(),
            cache: tokio::sync::Mutex::default(),
        }
    }

    /// An engine the command holds already: used for its node when nothing comes before it.
    pub fn knowing(mut self, engine: &Engine) -> NodeReach {
        self.known.push(engine.clone());
        self
    }

    /// The engine of `node`, checked to be that node.
    pub async fn engine_of(&self, node: &Node) -> anyhow::Result<Engine> {
        let mut cache = self.cache.lock().await;
        if let Some(engine) = cache.get(&node.id) {
            return Ok(engine.clone());
        }
        let engine = self.find(node).await?;
        cache.insert(node.id.clone(), engine.clone());
        Ok(engine)
    }

    async fn find(&self, node: &Node) -> anyhow::Result<Engine> {
        if let Some(host) = self
            .hosts
            .iter()
            .find(|host| host.node == node.hostname || host.node == node.id)
        {
            let address = Address::given(
                &host.url,
                Origin::NodeHost(host.node.clone()),
                &self.connector.target.tls,
            )
            .with_context(|| format!("cannot use --node-host {host}"))?;
            return self.checked(address, node).await;
        }
        if let Some(address) = connect::context_named(&node.hostname)? {
            return self.checked(address, node).await;
        }
        for engine in &self.known {
            if engine.local_node_id().await.ok() == Some(node.id.as_str()) {
                return Ok(engine.clone());
            }
        }
        let address = self.connector.chosen_address()?;
        let main = format!(" ({address})");
        if !self.known.iter().any(|e| e.address().url == address.url) {
            let (engine, _) = Engine::connect_member(address, self.connector.tracer.clone())
                .await
                .context("cannot reach the engine alacrity talks to")?;
            if engine.local_node_id().await? == node.id {
                return Ok(engine);
            }
        }
        Err(NodeUnreachable {
            hostname: node.hostname.clone(),
            node_id: node.id.clone(),
            main,
        }
        .into())
    }

    /// Connects to `address` and checks that its engine is `node`.
    async fn checked(&self, address: Address, node: &Node) -> anyhow::Result<Engine> {
        let shown = address.to_string();
        let (engine, _) = Engine::connect_member(address, self.connector.tracer.clone())
            .await
            .with_context(|| format!("cannot reach the engine of node {}", node.hostname))?;
        let id = engine.local_node_id().await?.to_string();
        if id != node.id {
            let name = engine
                .info()
                .await
                .ok()
                .and_then(|info| info.name.clone())
                .unwrap_or_default();
            anyhow::bail!(
                "the engine at {shown} is not node {} ({}): it is node {name} ({id}); point it at \
                 the engine of {} and try again, e.g. `--node-host {}=ssh://USER@{}`",
                node.hostname,
                node.id,
                node.hostname,
                node.hostname,
                node.hostname
            );
        }
        Ok(engine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_hosts_are_node_equals_url() {
        let parsed: NodeHost = "node2=ssh://admin@node2".parse().unwrap();
        assert_eq!(parsed.node, "node2");
        assert_eq!(parsed.url, "ssh://admin@node2");
        assert_eq!(parsed.to_string(), "node2=ssh://admin@node2");
        let tcp: NodeHost = "abc123=tcp://10.0.0.5:2376".parse().unwrap();
        assert_eq!(tcp.url, "tcp://10.0.0.5:2376");
        for bad in ["node2", "=ssh://x", "node2=node2", "node2="] {
            let err = bad.parse::<NodeHost>().unwrap_err();
            assert!(err.contains("--node-host node2=ssh://"), "{bad}: {err}");
        }
    }

    #[test]
    fn an_unreachable_node_says_what_to_set() {
        let err = NodeUnreachable {
            hostname: "node3".into(),
            node_id: "x".into(),
            main: " (unix:///run/docker.sock)".into(),
        };
        let words = err.to_string();
        assert!(words.contains("node node3"), "{words}");
        assert!(words.contains("docker context create node3"), "{words}");
        assert!(
            words.ends_with("`--node-host node3=ssh://USER@node3` to the command"),
            "{words}"
        );
    }
}
