//! Reading the tasks that say how deployed apps are doing (`core::health` judges).

use crate::core::health::*;

use super::Engine;
use crate::core::nodes::Node;
use crate::core::services::DeployedApp;

impl Engine {
    /// Every app alacrity deployed (by name), the swarm's nodes, and the health of each app in
    /// the same order: the services, the nodes and every task read side by side (one round trip,
    /// not a listing of the tasks after the services'; every task, since a filter naming the
    /// apps' services needs the services first). The tasks of other services are skipped here.
    pub async fn apps_with_health(
        &self,
    ) -> anyhow::Result<(Vec<DeployedApp>, Vec<Node>, Vec<AppHealth>)> {
        let (apps, nodes, tasks) = tokio::try_join!(self.apps(), self.nodes(), self.all_tasks())?;
        let health = health_by_app(&apps, &tasks, &nodes);
        Ok((apps, nodes, health))
    }
}
