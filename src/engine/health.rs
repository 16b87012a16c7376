//! Reading the tasks that say how deployed apps are doing (`core::health` judges).

use crate::core::health::*;

use super::Engine;
use crate::core::nodes::Node;
use crate::core::services::DeployedApp;
use bollard::models::Task;

impl Engine {
    /// The health of each app, in the same order, from one look at the swarm's tasks.
    pub async fn health(
        &self,
        apps: &[DeployedApp],
        nodes: &[Node],
    ) -> anyhow::Result<Vec<AppHealth>> {
        let ids: Vec<String> = apps.iter().map(|app| app.service_id.clone()).collect();
        let tasks = if ids.is_empty() {
            Vec::new()
        } else {
            self.tasks_of(&ids).await?
        };
        Ok(apps
            .iter()
            .map(|app| {
                let own: Vec<Task> = tasks
                    .iter()
                    .filter(|task| task.service_id.as_deref() == Some(app.service_id.as_str()))
                    .cloned()
                    .collect();
                health_of(app, &own, nodes)
            })
            .collect())
    }
}
