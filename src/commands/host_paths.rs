//! Host paths looked at on the node each app runs on, once the plan says which node that is:
//! `plan` and `deploy` (and `validate --host`) refuse a missing one at the spec's line (exit 2),
//! before any write. The machine alacrity runs on is looked at only when it is that node.

use std::collections::BTreeMap;

use futures_util::future::join_all;

use crate::core::host_paths::{HostPathCheck, PathState, Vantage, host_path_checks, vantage};
use crate::core::nodes::hostname_of;
use crate::core::plan::Plan;
use crate::engine::{Connector, Engine};
use crate::printer::Printer;
use crate::spec::report::UncheckedPath;
use crate::spec::{
    Diagnostic, HostPathProblem, Invalid, Part, RealHostFs, RuleId, Spec, VolumeSource,
    host_path_problem,
};

/// Looks at the host paths of the apps the plan creates or updates, each on its app's node.
/// Every path missing, or not a directory, is a diagnostic at its line (exit 2); a node that
/// cannot be asked is a warning (the node itself refuses the app if the path is missing).
pub async fn check(
    engine: &Engine,
    plan: &Plan,
    spec: &Spec,
    printer: &Printer,
) -> anyhow::Result<()> {
    let checks = host_path_checks(plan);
    if checks.is_empty() {
        return Ok(());
    }
    let engine_node = engine.local_node_id().await?.to_string();
    let elsewhere = engine.elsewhere().await?;
    let mut diagnostics = Vec::new();
    let mut remote: BTreeMap<&str, Vec<&HostPathCheck>> = BTreeMap::new();
    for check in &checks {
        let node = hostname_of(&plan.nodes, &check.node_id);
        match vantage(&check.node_id, &engine_node, elsewhere.is_none()) {
            Vantage::Here => {
                printer.detail(format!(
                    "host path {} of `{}`: looked at on this machine, which is node {node}",
                    check.path.display(),
                    check.app
                ));
                if let Some(problem) = host_path_problem(&check.path, &RealHostFs) {
                    diagnostics.push(diagnostic(spec, check, problem));
                }
            }
            vantage => {
                let why = match (vantage, &elsewhere) {
                    (Vantage::Engine, Some(why)) => format!("through its engine ({why})"),
                    _ => "through the swarm".to_string(),
                };
                printer.detail(format!(
                    "host path {} of `{}`: looked at on node {node}, {why}",
                    check.path.display(),
                    check.app
                ));
                remote.entry(&check.node_id).or_default().push(check);
            }
        }
    }
    let answers = join_all(remote.iter().map(|(node_id, checks)| {
        let paths: Vec<_> = checks.iter().map(|check| check.path.clone()).collect();
        async move { engine.host_path_states(node_id, &paths).await }
    }))
    .await;
    for ((node_id, checks), states) in remote.iter().zip(answers) {
        let node = hostname_of(&plan.nodes, node_id);
        for (check, state) in checks.iter().zip(states?) {
            match state {
                PathState::Directory => {}
                PathState::Missing => diagnostics.push(diagnostic(
                    spec,
                    check,
                    missing_on(&check.path.display().to_string(), &node),
                )),
                PathState::NotDirectory => diagnostics.push(diagnostic(
                    spec,
                    check,
                    HostPathProblem {
                        rule: RuleId::HostPathNotDirectory,
                        message: format!(
                            "`{}` on node {node} is not a directory",
                            check.path.display()
                        ),
                        hint: "point host_path at a directory: alacrity mounts directories, \
                               not single files"
                            .into(),
                    },
                )),
                PathState::Unknown(why) => printer.warn(format!(
                    "app `{}`: cannot tell whether {} is a directory on node {node}: {why}; \
                     going on (the node refuses to start the app if it is not)",
                    check.app,
                    check.path.display()
                )),
            }
        }
    }
    match diagnostics.is_empty() {
        true => Ok(()),
        false => Err(Invalid { diagnostics }.into()),
    }
}

/// Before any engine is reached: looks at host paths on this machine where it can be the app's
/// node (the engine is a local socket, and the app names no other node), so that a local engine
/// keeps the fast path (every rule, symlinks included, before connecting); returns the others,
/// which `check` looks at once planned (`validate` lists them).
pub fn check_here(spec: &Spec, engine: &Connector) -> anyhow::Result<Vec<UncheckedPath>> {
    let engine_here = match engine.address() {
        Ok(address) if is_local(&address.url) => Ok(()),
        Ok(address) => Err(format!(
            "the engine, {address}, is reached over the network"
        )),
        Err(err) => Err(format!("no engine is known here ({err:#})")),
    };
    let hostname = this_hostname();
    let mut diagnostics = Vec::new();
    let mut unchecked = Vec::new();
    for file in &spec.files {
        for app in &file.apps {
            let elsewhere = match (&engine_here, &app.node) {
                (Err(why), _) => Some(why.clone()),
                (Ok(()), Some(node)) if Some(node) != hostname.as_ref() => Some(format!(
                    "the app runs on node `{node}`, and this machine is {}",
                    hostname.as_deref().unwrap_or("of unknown name")
                )),
                (Ok(()), _) => None,
            };
            for (index, volume) in app.volumes.iter().enumerate() {
                let VolumeSource::HostPath(path) = &volume.source else {
                    continue;
                };
                match &elsewhere {
                    None => {
                        if let Some(problem) = host_path_problem(path, &RealHostFs) {
                            diagnostics.push(
                                spec.diagnostic(
                                    &app.name,
                                    crate::spec::Part::Volume(index),
                                    problem.rule,
                                    problem.message,
                                )
                                .hint(problem.hint),
                            );
                        }
                    }
                    Some(why) => {
                        let origin = file
                            .origins
                            .get(&app.name)
                            .and_then(|origin| origin.volumes.get(index));
                        unchecked.push(UncheckedPath {
                            file: file.path.display().to_string(),
                            line: origin.map_or(0, |o| o.line),
                            column: origin.map_or(0, |o| o.column),
                            app: app.name.clone(),
                            path: path.display().to_string(),
                            reason: why.clone(),
                        });
                    }
                }
            }
        }
    }
    match diagnostics.is_empty() {
        true => Ok(unchecked),
        false => Err(Invalid { diagnostics }.into()),
    }
}

/// A socket on this machine (it may still be a tunnel to another: `plan` finds out).
pub fn is_local(url: &str) -> bool {
    url.starts_with("unix://") || url.starts_with("npipe://")
}

/// This machine's hostname (what `docker node ls` shows for its node).
fn this_hostname() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

fn missing_on(path: &str, node: &str) -> HostPathProblem {
    HostPathProblem {
        rule: RuleId::HostPathMissing,
        message: format!("`{path}` does not exist on node {node}, where the app runs"),
        hint: format!(
            "create it on {node} first: mkdir -p {path} (alacrity never creates host \
             directories: a typo would silently start the app on an empty one), or pin the app \
             to the node that has it with `node = \"...\"`"
        ),
    }
}

fn diagnostic(spec: &Spec, check: &HostPathCheck, problem: HostPathProblem) -> Diagnostic {
    spec.diagnostic(
        &check.app,
        Part::Volume(check.volume),
        problem.rule,
        problem.message,
    )
    .hint(problem.hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_missing_on_a_node_names_the_node_and_what_to_do() {
        let problem = missing_on("/srv/files", "node2");
        assert_eq!(problem.rule, RuleId::HostPathMissing);
        assert_eq!(
            problem.message,
            "`/srv/files` does not exist on node node2, where the app runs"
        );
        assert!(
            problem
                .hint
                .starts_with("create it on node2 first: mkdir -p /srv/files")
        );
    }
}
