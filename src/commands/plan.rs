//! `alacrity plan FILE... [--app NAME]...`: what `deploy` would do, app by app, changing nothing.

use std::path::PathBuf;

use serde::Serialize;

use super::table;
use crate::cli::PlanArgs;
use crate::engine::plan::{Problem, ProblemKind, Refused};
use crate::engine::{Action, AppPlan, Connector, Plan};
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::{Paint, Printer};
use crate::spec::{App, Diagnostic, Invalid, Part, RuleId, Spec, VolumeSource};

/// One app in `plan --output json`.
#[derive(Debug, Serialize)]
struct PlannedApp<'a> {
    app: &'a str,
    action: Action,
    changes: &'a [String],
}

pub async fn run(
    args: &PlanArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let (spec, apps) = load_apps(&args.files, &args.apps)?;
    let engine = engine.connect().await?;
    let plan = engine
        .plan(&apps)
        .await
        .map_err(|err| with_positions(err, &spec))?;
    if printer.is_json() {
        let planned: Vec<PlannedApp> = plan.apps.iter().map(planned).collect();
        printer.json(&planned);
    } else {
        printer.data(plan_table(&plan));
    }
    warn_about_moves(&plan, printer);
    warn_about_stranded(&plan, printer);
    Ok(ExitStatus::Success)
}

fn planned(plan: &AppPlan) -> PlannedApp<'_> {
    PlannedApp {
        app: &plan.app.name,
        action: plan.action,
        changes: &plan.changes,
    }
}

fn plan_table(plan: &Plan) -> String {
    let rows = plan
        .apps
        .iter()
        .map(|app| {
            vec![
                app.app.name.clone(),
                app.action.to_string(),
                app.changes.join(", "),
                app.pin
                    .as_ref()
                    .map(|pin| plan.hostname(pin))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table::render(&["APP", "ACTION", "CHANGES", "NODE"], rows)
}

pub fn paint_action(action: Action, printer: &Printer) -> String {
    let paint = match action {
        Action::Create => Paint::Green,
        Action::Update => Paint::Yellow,
        Action::Unchanged => Paint::Dim,
    };
    printer.paint(paint, action)
}

/// A planned node move needs `--move-node` and leaves the data behind: say so before deploy does.
fn warn_about_moves(plan: &Plan, printer: &Printer) {
    for (app, node_move) in plan.moves() {
        printer.warn(format!(
            "`{}` would move from node {} to node {}: its data ({}) stays behind on {}; \
             `alacrity deploy` needs --move-node for that",
            app.app.name,
            plan.hostname(&node_move.from),
            plan.hostname(&node_move.to),
            super::deploy::data_list(&node_move.data),
            plan.hostname(&node_move.from),
        ));
    }
}

/// A persistent app whose node is down (or drained, or gone) does not run anywhere else: say so,
/// so that nobody waits for it unawares.
pub fn warn_about_stranded(plan: &Plan, printer: &Printer) {
    for (app, trouble) in plan.stranded() {
        printer.warn(format!(
            "`{}` will not run until its node is back: {trouble}, and the app is pinned to it \
             (its data is there); the swarm starts it there when the node is ready again",
            app.app.name
        ));
    }
}

/// The spec files (valid, or exit 2 with every diagnostic) and their apps, restricted to
/// `names` when given (an unknown name is exit 2 too).
pub fn load_apps(files: &[PathBuf], names: &[String]) -> anyhow::Result<(Spec, Vec<App>)> {
    let spec = crate::spec::load(files)?;
    let apps: Vec<App> = spec.apps().cloned().collect();
    let unknown: Vec<String> = names
        .iter()
        .filter(|name| spec.app(name).is_none())
        .map(|name| format!("`{name}`"))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = apps.iter().map(|app| app.name.as_str()).collect();
        return Err(InvalidInput(format!(
            "no app {} in the given files; they define: {}",
            unknown.join(", "),
            known.join(", ")
        ))
        .into());
    }
    let selected = apps
        .into_iter()
        .filter(|app| names.is_empty() || names.contains(&app.name))
        .collect();
    Ok((spec, selected))
}

/// A refused plan as the error to report: data that a deployed app already uses is a rule-6
/// diagnostic pointing at the spec's line (exit 2); the other problems keep their words.
pub fn with_positions(err: anyhow::Error, spec: &Spec) -> anyhow::Error {
    let refused = match err.downcast::<Refused>() {
        Ok(refused) => refused,
        Err(err) => return err,
    };
    let (shared, others): (Vec<Problem>, Vec<Problem>) = refused
        .problems
        .into_iter()
        .partition(|p| matches!(p.kind, ProblemKind::SharedData { .. }));
    let diagnostics: Vec<_> = shared
        .iter()
        .filter_map(|p| shared_diagnostic(p, spec))
        .collect();
    if diagnostics.is_empty() {
        return Refused { problems: others }.into_error();
    }
    let invalid = Invalid { diagnostics };
    if others.is_empty() {
        return invalid.into();
    }
    anyhow::Error::new(invalid).context(Refused { problems: others }.to_string())
}

fn shared_diagnostic(problem: &Problem, spec: &Spec) -> Option<Diagnostic> {
    let ProblemKind::SharedData { volume, .. } = problem.kind else {
        return None;
    };
    let app = problem.app.as_deref()?;
    let rule = match spec.app(app)?.volumes.get(volume)?.source {
        VolumeSource::Label(_) => RuleId::LabelShared,
        VolumeSource::HostPath(_) => RuleId::HostPathShared,
    };
    Some(spec.diagnostic(app, Part::Volume(volume), rule, &problem.message))
}
