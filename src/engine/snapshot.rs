//! Reading what a plan needs from the swarm (nodes, services and the ports they publish, the
//! network, the volumes of apps pinned to this engine's node, the records), lazily: a read
//! happens only when some app needs it. The decisions are `core::plan`'s.

use crate::core::plan::*;

use super::Engine;
use crate::core::records::Records;
use crate::core::resources::{NetworkState, VolumeState};
use crate::spec::App;
use std::collections::HashMap;

impl Engine {
    /// Plans a deploy of apps (already valid on their own), reading the swarm only.
    ///
    /// When the deploy cannot go ahead, the error is a `Refused` listing every problem; call
    /// `Refused::into_error` (or point its problems at the spec) to report it.
    pub async fn plan(&self, apps: &[App]) -> anyhow::Result<Plan> {
        self.plan_knowing(apps, None).await
    }

    /// Plans again, from the swarm as it is now (its services, the network, the records), but
    /// with the nodes and the volume states of an earlier plan of the same command: alacrity's
    /// other commands change neither, and a volume is created idempotently.
    pub async fn replan(&self, apps: &[App], earlier: &Plan) -> anyhow::Result<Plan> {
        self.plan_knowing(apps, Some(earlier)).await
    }

    async fn plan_knowing(&self, apps: &[App], earlier: Option<&Plan>) -> anyhow::Result<Plan> {
        let nodes = async {
            match earlier {
                Some(plan) => Ok(plan.nodes.clone()),
                None => self.nodes().await,
            }
        };
        let (nodes, services, network) =
            tokio::join!(nodes, self.services_and_ports(), self.network_state());
        let (nodes, (services, ports)) = (nodes?, services?);
        // Each app's image: pinned to its digest now, or as the plan of this command found it.
        let deployed = |name: &str| managed(&services, name).cloned();
        let (apps, images, mut image_problems) = self
            .images_of(apps, &deployed, earlier.map(|plan| plan.images.as_slice()))
            .await?;
        let apps = apps.as_slice();
        let mut problems = Vec::new();
        problems.append(&mut image_problems);
        let network = network.unwrap_or_else(|err| {
            problems.push(Problem {
                app: None,
                kind: ProblemKind::Swarm(format!("{err:#}")),
            });
            NetworkState::Present
        });
        // The node of the engine alacrity talks to is read only when an app goes there.
        let goes_local = apps
            .iter()
            .any(|app| goes_to_local_node(app, managed(&services, &app.name)));
        let local_node = match goes_local {
            true => self.local_node_among(&nodes).await?.to_string(),
            false => String::new(),
        };
        let swarm = Swarm::new(
            &services,
            &ports,
            &nodes,
            &local_node,
            apps.iter().map(|app| app.name.as_str()).collect(),
        );
        let mut plans = Vec::new();
        for app in apps {
            match plan_app(app, &swarm) {
                Ok(plan) => plans.push(plan),
                Err(mut found) => problems.append(&mut found),
            }
        }
        let records_needed = plans.iter().any(records_data);
        let known = earlier.map(|plan| &plan.volume_states);
        let (volumes, records) = tokio::join!(self.check_volumes(&mut plans, known), async {
            match records_needed {
                true => self.records().await,
                false => Ok(Records::default()),
            }
        });
        let (mut volume_problems, volume_states) = volumes?;
        problems.append(&mut volume_problems);
        if !problems.is_empty() {
            return Err(anyhow::Error::new(Refused { problems }));
        }
        let records = records?;
        let index = RecordIndex::new(&records);
        let moved: Vec<Problem> = plans
            .iter()
            .filter_map(|plan| moved_away(plan, &index, &nodes))
            .collect();
        if !moved.is_empty() {
            return Err(anyhow::Error::new(Refused { problems: moved }));
        }
        for plan in &mut plans {
            if plan.node_move.is_none() {
                plan.node_move = data_elsewhere(plan, &index, &nodes);
            }
        }
        let project_apps = project_apps(&services, apps);
        Ok(Plan {
            project_apps,
            apps: plans,
            nodes,
            network,
            records,
            volume_states,
            images,
        })
    }

    /// Looks at the volumes of apps pinned to the engine alacrity talks to: a same-named
    /// unmanaged volume is refused; missing ones are created before their service. (Volumes
    /// of other nodes are not visible from here: they carry alacrity's labels through the
    /// mount's volume options when their node creates them.)
    async fn check_volumes(
        &self,
        plans: &mut [AppPlan],
        known: Option<&HashMap<String, VolumeState>>,
    ) -> anyhow::Result<(Vec<Problem>, HashMap<String, VolumeState>)> {
        let pinned_with_volumes = |plan: &&AppPlan| {
            plan.action != Action::Unchanged
                && plan.pin.is_some()
                && !volume_labels(&plan.app).is_empty()
        };
        if !plans.iter().any(|plan| pinned_with_volumes(&plan)) {
            return Ok((Vec::new(), HashMap::new()));
        }
        let here = self.local_node_id().await?;
        // Every volume of every app at once: one round trip however many apps.
        let wanted: Vec<(usize, String)> = plans
            .iter()
            .enumerate()
            .filter(|(_, plan)| {
                pinned_with_volumes(plan) && plan.pin.as_ref().is_some_and(|p| p.node_id == here)
            })
            .flat_map(|(index, plan)| {
                volume_labels(&plan.app)
                    .into_iter()
                    .map(move |label| (index, label))
            })
            .collect();
        let states = super::bounded(wanted.iter().map(|(_, label)| async {
            match known.and_then(|known| known.get(label)) {
                Some(state) => Ok(*state),
                None => self.volume_state(label).await,
            }
        }))
        .await;
        let mut problems = Vec::new();
        let mut seen = HashMap::new();
        for ((index, label), state) in wanted.into_iter().zip(states) {
            let plan = &mut plans[index];
            let state = state?;
            seen.insert(label.clone(), state);
            match state {
                VolumeState::Missing => plan.volumes_to_create.push(label),
                VolumeState::Managed => {}
                VolumeState::Unmanaged => problems.push(unmanaged_volume(&plan.app, &label)),
            }
        }
        Ok((problems, seen))
    }
}
