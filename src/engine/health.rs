//! Reading the tasks that say how deployed apps are doing (`core::health` judges).

use crate::core::health::*;

use super::Engine;
use crate::core::nodes::Node;
use crate::core::services::DeployedApp;
use bollard::models::Task;
use std::collections::HashMap;

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
        // Grouped by service once: linear in apps + tasks, not their product.
        let mut by_service: HashMap<&str, Vec<Task>> = HashMap::new();
        for task in &tasks {
            if let Some(id) = task.service_id.as_deref() {
                by_service.entry(id).or_default().push(task.clone());
            }
        }
        Ok(apps
            .iter()
            .map(|app| {
                let own = by_service
                    .get(app.service_id.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                health_of(app, own, nodes)
            })
            .collect())
    }
}
