//! Reading the swarm's nodes.

use crate::core::nodes::*;

use super::Engine;
use anyhow::Context;

impl Engine {
    /// Every node of the swarm.
    pub async fn nodes(&self) -> anyhow::Result<Vec<Node>> {
        let nodes = self
            .docker
            .list_nodes(None)
            .await
            .map_err(super::engine_error)
            .context("cannot list the swarm's nodes")?;
        Ok(nodes.into_iter().map(node_from).collect())
    }
}
