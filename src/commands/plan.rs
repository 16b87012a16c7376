//! `alacrity plan FILE... [--app NAME]...`: what `deploy` would do, app by app, changing nothing.

use serde::Serialize;

use super::table;
use crate::cli::PlanArgs;
use crate::engine::{Action, AppPlan, Connector, Plan};
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::{Paint, Printer};
use crate::spec::App;

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
    let apps = load_apps(&args.files, &args.apps)?;
    let engine = engine.connect().await?;
    let plan = engine.plan(&apps).await?;
    if printer.is_json() {
        let planned: Vec<PlannedApp> = plan.apps.iter().map(planned).collect();
        printer.json(&planned);
    } else {
        printer.data(plan_table(&plan));
    }
    warn_about_moves(&plan, printer);
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

/// The apps of the spec files (valid, or exit 2 with every diagnostic), restricted to `names`
/// when given (an unknown name is exit 2 too).
pub fn load_apps(files: &[std::path::PathBuf], names: &[String]) -> anyhow::Result<Vec<App>> {
    let spec = crate::spec::load(files)?;
    let apps: Vec<App> = spec.apps().cloned().collect();
    if names.is_empty() {
        return Ok(apps);
    }
    let unknown: Vec<&String> = names
        .iter()
        .filter(|name| !apps.iter().any(|app| &app.name == *name))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = apps.iter().map(|app| app.name.as_str()).collect();
        return Err(InvalidInput(format!(
            "no app {} in the given files; they define: {}",
            unknown
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        ))
        .into());
    }
    Ok(apps
        .into_iter()
        .filter(|app| names.contains(&app.name))
        .collect())
}
