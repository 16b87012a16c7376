//! `alacrity plan FILE... [--app NAME]...`: what `deploy` would do, app by app, changing nothing.

use std::path::PathBuf;

use serde::Serialize;

use super::table;
use crate::cli::PlanArgs;
use crate::core::plan::Action;
use crate::core::plan::AppPlan;
use crate::core::plan::Plan;
use crate::core::plan::{Drift, Problem, ProblemKind, Refused};
use crate::engine::Connector;
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::{Paint, Printer};
use crate::spec::{App, Diagnostic, Invalid, Part, RuleId, Spec, VolumeSource};

/// One app in `plan --output json`.
#[derive(Debug, Serialize)]
struct PlannedApp<'a> {
    app: &'a str,
    action: Action,
    changes: &'a [String],
    /// Fields changed outside alacrity, which the deploy undoes.
    drift: &'a [Drift],
    /// The node a persistent app is (to be) pinned to.
    node: Option<String>,
    /// Persistent directories an update adds (a new label is a new, empty volume) and leaves
    /// (kept where they are).
    new_data: Vec<String>,
    kept_data: Vec<String>,
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
        let planned: Vec<PlannedApp> = plan.apps.iter().map(|app| planned(app, &plan)).collect();
        printer.json(&planned);
    } else {
        printer.data(plan_table(&plan));
        for app in &plan.apps {
            for line in details(app) {
                printer.info(format!("{}: {line}", app.app.name));
            }
        }
    }
    warn_about_moves(&plan, printer);
    warn_about_stranded(&plan, printer);
    Ok(ExitStatus::Success)
}

fn planned<'a>(app: &'a AppPlan, plan: &Plan) -> PlannedApp<'a> {
    let names = |data: &[VolumeSource]| data.iter().map(ToString::to_string).collect();
    PlannedApp {
        app: &app.app.name,
        action: app.action,
        changes: &app.changes,
        drift: &app.drift,
        node: app.pin.as_ref().map(|pin| plan.hostname(pin)),
        new_data: names(&app.new_data),
        kept_data: names(&app.left_data),
    }
}

/// What the CHANGES column cannot say: changes made outside alacrity, and what a change of
/// persistent directories means for the data.
pub fn details(app: &AppPlan) -> Vec<String> {
    let mut lines = Vec::new();
    for drift in &app.drift {
        let values = match (&drift.swarm, &drift.spec) {
            (Some(swarm), Some(spec)) => format!(" {swarm} -> {spec}"),
            _ => String::new(),
        };
        lines.push(format!(
            "{}{values}, changed outside alacrity: this deploy sets it back to the spec",
            drift.field
        ));
    }
    for source in &app.new_data {
        lines.push(match source {
            VolumeSource::Label(_) => format!("{source}: a new, empty volume"),
            VolumeSource::HostPath(_) => {
                format!("{source}: a host directory it did not mount before")
            }
        });
    }
    for source in &app.left_data {
        lines.push(format!(
            "{source}: no longer mounted; kept with its data (see `alacrity {} ls`)",
            match source {
                VolumeSource::Label(_) => "volumes",
                VolumeSource::HostPath(_) => "binds",
            }
        ));
    }
    lines
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
            "{}; `alacrity deploy` needs --move-node for that",
            super::deploy::move_text(plan, &app.app.name, node_move)
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
    let (shared, others): (Vec<Problem>, Vec<Problem>) =
        refused.problems.into_iter().partition(|p| {
            matches!(
                p.kind,
                ProblemKind::SharedData { .. } | ProblemKind::PortTaken { .. }
            )
        });
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
    let app = problem.app.as_deref()?;
    let volume = match problem.kind {
        ProblemKind::SharedData { volume, .. } => volume,
        ProblemKind::PortTaken { port, .. } => {
            spec.app(app)?.ports.get(port)?;
            return Some(spec.diagnostic(
                app,
                Part::Port(port),
                RuleId::PortDuplicate,
                &problem.message,
            ));
        }
        _ => return None,
    };
    let rule = match spec.app(app)?.volumes.get(volume)?.source {
        VolumeSource::Label(_) => RuleId::LabelShared,
        VolumeSource::HostPath(_) => RuleId::HostPathShared,
    };
    Some(spec.diagnostic(app, Part::Volume(volume), rule, &problem.message))
}
