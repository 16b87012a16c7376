//! The engine side of `core::writers`: one writer on persistent data, always: a persistent app's new task never starts while a

use crate::core::writers::*;

use super::Engine;
use crate::core::mapping::Pin;
use crate::core::nodes::hostname_of;
use crate::spec::App;
use std::time::Instant;

impl Engine {
    /// Waits until no container other than its own service's runs on the data of each app
    /// (`app`, its pin, its service if deployed); `waiting` is told about the ones waited for,
    /// once per app. The result is per app: an error names the node where one still runs.
    pub(crate) async fn wait_for_sole_writer(
        &self,
        apps: &[(&App, Option<&Pin>, Option<&str>)],
        waiting: impl Fn(&App, &[Writer]),
    ) -> anyhow::Result<Vec<anyhow::Result<()>>> {
        let deadline = Instant::now() + DATA_FREE_TIMEOUT;
        let mut told = vec![false; apps.len()];
        loop {
            let tasks = self.all_tasks().await?;
            let writers: Vec<Vec<Writer>> = apps
                .iter()
                .map(|(app, pin, service)| writers_on(app, *pin, *service, &tasks))
                .collect();
            if writers.iter().all(Vec::is_empty) {
                return Ok(apps.iter().map(|_| Ok(())).collect());
            }
            if Instant::now() >= deadline {
                let nodes = self.nodes().await.unwrap_or_default();
                return Ok(apps
                    .iter()
                    .zip(writers)
                    .map(|((app, _, _), writers)| match writers.first() {
                        None => Ok(()),
                        Some(writer) => Err(anyhow::anyhow!(
                            "a container on its data ({}) still runs on node {} after {}s \
                             (task {}); alacrity never starts a persistent app beside another \
                             container on its data: stop that container (`docker service ps \
                             {}`), then run the same command again",
                            writer.data,
                            hostname_of(&nodes, &writer.node_id),
                            DATA_FREE_TIMEOUT.as_secs(),
                            writer.task_id,
                            app.name
                        )),
                    })
                    .collect());
            }
            for (index, ((app, _, _), writers)) in apps.iter().zip(&writers).enumerate() {
                if !writers.is_empty() && !told[index] {
                    waiting(app, writers);
                    told[index] = true;
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }
}
