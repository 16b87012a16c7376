//! `alacrity plan FILE... [--app NAME]...`: what `deploy` would do, app by app, changing nothing.
//!
//! [`run`] reads the engine's plan into a [`PlanView`] (plain data); [`render`] prints it, as a
//! table or JSON.

use std::path::PathBuf;

use serde::Serialize;

use super::table;
use crate::cli::PlanArgs;
use crate::core::env::{EnvChange, EnvChangeKind};
use crate::core::files::{FileChange, FileChangeKind};
use crate::core::plan::Action;
use crate::core::plan::AppPlan;
use crate::core::plan::Drift;
use crate::core::plan::NodeMove;
use crate::core::plan::{LeftOut, Plan};
use crate::engine::{Connector, Engine};
use crate::exit::{ExitStatus, InvalidInput};
use crate::printer::{Paint, Printer};
use crate::spec::{App, Spec, VolumeSource};

/// What `plan` prints: plain data, no engine in it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanView {
    pub apps: Vec<PlannedApp>,
    /// The deployed apps of the specs' projects that the specs no longer declare.
    pub not_in_specs: Vec<NotInSpecs>,
    /// Said on stderr after the plan, as warnings: node moves, apps whose node is down.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// A deployed app of the specs' projects that the specs no longer declare, in `plan --output
/// json`.
#[derive(Debug, Clone, Serialize)]
pub struct NotInSpecs {
    pub name: String,
    pub project: String,
    /// The node a persistent app is pinned to.
    pub node: Option<String>,
}

impl From<&LeftOut> for NotInSpecs {
    fn from(app: &LeftOut) -> Self {
        NotInSpecs {
            name: app.name.clone(),
            project: app.project.clone(),
            node: app.node.clone(),
        }
    }
}

/// One app in `plan --output json`.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedApp {
    pub name: String,
    /// `create`, `update` or `unchanged`.
    pub action: String,
    pub changes: Vec<String>,
    /// Fields changed outside alacrity, which the deploy undoes.
    pub drift: Vec<PlannedDrift>,
    /// The environment variables an update adds, removes or changes, by name; a value is
    /// `null` where the name looks secret (`hidden`), and a URL's password is masked.
    pub env_changes: Vec<EnvChange>,
    /// The node a persistent app is (to be) pinned to.
    pub node: Option<String>,
    /// Persistent directories an update adds (a new label is a new, empty volume) and leaves
    /// (kept where they are).
    pub new_data: Vec<String>,
    pub kept_data: Vec<String>,
    /// What the CHANGES column cannot say (see [`details`]): on stderr under the table, not in
    /// the JSON (which has `drift`, `new_data` and `kept_data`).
    #[serde(skip)]
    pub details: Vec<String>,
}

/// A field changed outside alacrity, in `plan --output json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedDrift {
    /// The spec's name of the field.
    pub field: String,
    /// The values, for the fields that have one short value (instances, image).
    pub swarm: Option<String>,
    pub spec: Option<String>,
}

impl From<&Drift> for PlannedDrift {
    fn from(drift: &Drift) -> Self {
        PlannedDrift {
            field: drift.field.clone(),
            swarm: drift.swarm.clone(),
            spec: drift.spec.clone(),
        }
    }
}

pub async fn run(
    args: &PlanArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let (spec, apps) = load_apps(&args.files, &args.apps, engine)?;
    let engine = engine
        .connect()
        .await?
        .with_images(super::images::options(&args.images));
    let plan = checked_plan(&engine, &spec, &apps, printer).await?;
    let declared: Vec<&str> = spec.apps().map(|app| app.name.as_str()).collect();
    let left = plan.left_out(&declared);
    let view = PlanView {
        not_in_specs: left.iter().map(NotInSpecs::from).collect(),
        ..view(&plan)
    };
    render(&view, printer);
    left_out_notes(&left, &files_words(&args.files), printer);
    Ok(ExitStatus::Success)
}

/// The spec files as a command's words (`a.toml b.toml`).
pub fn files_words(files: &[PathBuf]) -> String {
    let words: Vec<String> = files
        .iter()
        .map(|file| crate::hostdir::quoted(file).to_string())
        .collect();
    words.join(" ")
}

/// `c2, db (on node2)`: the apps the specs left out, with the node of a pinned one.
pub fn left_out_names(left: &[LeftOut]) -> String {
    let names: Vec<String> = left
        .iter()
        .map(|app| match &app.node {
            Some(node) => format!("{} (on {node})", app.name),
            None => app.name.clone(),
        })
        .collect();
    names.join(", ")
}

/// Says which deployed apps of the specs' projects the specs no longer declare, and how to
/// remove them.
pub fn left_out_notes(left: &[LeftOut], files: &str, printer: &Printer) {
    if left.is_empty() {
        return;
    }
    printer.warn(format!(
        "not in these specs, left running: {}",
        left_out_names(left)
    ));
    printer.hint(format!(
        "to remove them (their data is kept): alacrity deploy --prune {files}"
    ));
}

/// A plan of `apps` (read only), with every check before a write: the plan's refusals pointed
/// at the spec's lines, the images' notes, and the host paths on their nodes.
pub async fn checked_plan(
    engine: &Engine,
    spec: &Spec,
    apps: &[App],
    printer: &Printer,
) -> anyhow::Result<Plan> {
    let started = std::time::Instant::now();
    let plan = engine
        .plan(apps)
        .await
        .map_err(|err| super::refusals::with_positions(err, spec))?;
    super::images::report(&plan.images, printer);
    super::host_paths::check(engine, &plan, spec, printer).await?;
    if printer.verbosity() > 0 {
        for line in reasons(&plan, started.elapsed()) {
            printer.detail(line);
        }
    }
    Ok(plan)
}

/// What `-v` says of a plan: how long it took and what it read, then why each app gets what it
/// gets.
pub fn reasons(plan: &Plan, took: std::time::Duration) -> Vec<String> {
    let count = |action: Action| plan.apps.iter().filter(|a| a.action == action).count();
    let mut lines = vec![format!(
        "plan: made in {} ms from {} node(s): {} to create, {} to update, {} unchanged",
        took.as_millis(),
        plan.nodes.len(),
        count(Action::Create),
        count(Action::Update),
        count(Action::Unchanged)
    )];
    let records = &plan.records;
    if !records.volumes.is_empty() || !records.binds.is_empty() {
        lines.push(format!(
            "plan: read the records of persistent data: {} volume(s), {} host director(ies)",
            records.volumes.len(),
            records.binds.len()
        ));
    }
    lines.extend(plan.apps.iter().map(|app| reason(app, plan)));
    lines
}

/// Why the plan does what it does with one app, in one line.
fn reason(app: &AppPlan, plan: &Plan) -> String {
    let what = match app.action {
        Action::Create => "create: no service of that name yet".to_string(),
        Action::Unchanged => "unchanged: its service carries this spec's hash".to_string(),
        Action::Update => {
            let mut why = format!("update: {} differ", app.changes.join(", "));
            if !app.drift.is_empty() {
                let fields: Vec<&str> = app.drift.iter().map(|d| d.field.as_str()).collect();
                why.push_str(&format!(
                    " ({} changed outside alacrity, undone)",
                    fields.join(", ")
                ));
            }
            why
        }
    };
    let pin = app.pin.as_ref().map(|pin| {
        let current = app.current.as_ref().and_then(|c| c.pin.as_ref());
        let why = match (&app.app.node, current == Some(pin)) {
            (Some(_), _) => "the spec's node",
            (None, true) => "where it is pinned already",
            (None, false) => "the node of the engine alacrity talks to",
        };
        format!("; pinned to {} ({why})", plan.hostname(pin))
    });
    format!("{}: {what}{}", app.app.name, pin.unwrap_or_default())
}

/// The plan as plain data.
pub fn view(plan: &Plan) -> PlanView {
    let mut warnings = move_warnings(plan);
    warnings.extend(stranded_warnings(plan));
    PlanView {
        apps: plan.apps.iter().map(|app| planned(app, plan)).collect(),
        not_in_specs: Vec::new(),
        warnings,
    }
}

/// The plan on stdout (a table, or JSON); the details under the table and the warnings on
/// stderr.
pub fn render(view: &PlanView, printer: &Printer) {
    if printer.is_json() {
        printer.json(view);
    } else {
        printer.data(plan_table(&view.apps));
        for app in &view.apps {
            for line in &app.details {
                printer.info(format!("{}: {line}", app.name));
            }
        }
    }
    for warning in &view.warnings {
        printer.warn(warning);
    }
}

fn planned(app: &AppPlan, plan: &Plan) -> PlannedApp {
    let names = |data: &[VolumeSource]| data.iter().map(ToString::to_string).collect();
    PlannedApp {
        name: app.app.name.clone(),
        action: app.action.to_string(),
        changes: app.changes.clone(),
        drift: app.drift.iter().map(PlannedDrift::from).collect(),
        env_changes: app.env_changes.clone(),
        node: app.pin.as_ref().map(|pin| plan.hostname(pin)),
        new_data: names(&app.new_data),
        kept_data: names(&app.left_data),
        details: details(app),
    }
}

/// A secret or config that an update adds, removes or changes: its name, never its content.
pub fn file_line(change: &FileChange) -> String {
    let how = match change.how {
        FileChangeKind::Added => "added",
        FileChangeKind::Removed => "removed (the app no longer gets it)",
        FileChangeKind::Content => "changed (a new content, not shown)",
        FileChangeKind::Mount => "mounted otherwise (target, owner or mode)",
    };
    format!("{} {} {how}", change.kind.word(), change.name)
}

/// What the CHANGES column cannot say: changes made outside alacrity, the environment
/// variables that change, and what a change of persistent directories means for the data.
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
    lines.extend(app.env_changes.iter().map(env_line));
    lines.extend(app.file_changes.iter().map(file_line));
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

/// `env LOG_LEVEL: "info" -> "debug"`, `env API_TOKEN: changed (value not shown: ...)`.
pub fn env_line(change: &EnvChange) -> String {
    let name = quoted_text(&change.name);
    let what = match (change.change, change.hidden) {
        (EnvChangeKind::Removed, _) => "removed".to_string(),
        (EnvChangeKind::Added, true) => "added (value not shown: the name looks secret)".into(),
        (EnvChangeKind::Changed, true) => "changed (value not shown: the name looks secret)".into(),
        (EnvChangeKind::Added, false) => {
            format!("added, {}", quoted(change.spec.as_deref()))
        }
        (EnvChangeKind::Changed, false) if change.swarm == change.spec => {
            "changed, in a part not shown (a URL's password)".to_string()
        }
        (EnvChangeKind::Changed, false) => format!(
            "{} -> {}",
            quoted(change.swarm.as_deref()),
            quoted(change.spec.as_deref())
        ),
    };
    format!("env {name}: {what}")
}

/// A value in a line of text: quoted, control and invisible characters escaped, long ones cut.
fn quoted(value: Option<&str>) -> String {
    format!("\"{}\"", quoted_text(value.unwrap_or_default()))
}

fn quoted_text(text: &str) -> String {
    crate::spec::diagnostic::shorten(text)
        .escape_debug()
        .to_string()
}

fn plan_table(apps: &[PlannedApp]) -> String {
    let rows = apps
        .iter()
        .map(|app| {
            vec![
                app.name.clone(),
                app.action.clone(),
                app.changes.join(", "),
                app.node.clone().unwrap_or_default(),
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
fn move_warnings(plan: &Plan) -> Vec<String> {
    plan.moves()
        .map(|(app, node_move)| {
            format!(
                "{}; `alacrity deploy` needs --move-node for that",
                move_text(plan, &app.app.name, node_move)
            )
        })
        .collect()
}

/// A move in words: a pin that changes, or an app that would start away from its data.
pub fn move_text(plan: &Plan, app: &str, node_move: &NodeMove) -> String {
    let (from, to) = (plan.hostname(&node_move.from), plan.hostname(&node_move.to));
    let data = data_list(&node_move.data);
    match node_move.recorded {
        false => format!(
            "`{app}` from node {from} to node {to}: its data ({data}) stays behind on {from}"
        ),
        true => format!(
            "`{app}` would start on node {to}, but its data ({data}) is recorded on node {from}: \
             on {to} it would start on new, empty data"
        ),
    }
}

/// The persistent directories of an app, for messages: `alacran--data, /srv/uploads`.
pub fn data_list(data: &[VolumeSource]) -> String {
    if data.is_empty() {
        return "no persistent directories".to_string();
    }
    let names: Vec<String> = data.iter().map(ToString::to_string).collect();
    names.join(", ")
}

/// A persistent app whose node is down (or drained, or gone) does not run anywhere else: say so,
/// so that nobody waits for it unawares.
pub fn stranded_warnings(plan: &Plan) -> Vec<String> {
    plan.stranded()
        .map(|(app, trouble)| {
            format!(
                "`{}` will not run until its node is back: {trouble}, and the app is pinned to \
                 it (its data is there); the swarm starts it there when the node is ready again",
                app.app.name
            )
        })
        .collect()
}

/// The spec files (valid, or exit 2 with every diagnostic) and their apps, restricted to
/// `names` when given (an unknown name is exit 2 too). Host paths are looked at here when this
/// machine can be their node, else left to [`host_paths::check`](super::host_paths::check), on
/// each app's node, once planned.
pub fn load_apps(
    files: &[PathBuf],
    names: &[String],
    engine: &Connector,
) -> anyhow::Result<(Spec, Vec<App>)> {
    let mut spec = crate::spec::load_with(files, &crate::spec::DeferredHostFs)?;
    name_projects(&mut spec);
    super::host_paths::check_here(&spec, engine)?;
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

/// Gives each spec file its project: its `project`, else its directory's name; its apps carry
/// it.
fn name_projects(spec: &mut Spec) {
    for file in &mut spec.files {
        if file.project.is_none() {
            let dir = std::path::absolute(&file.path)
                .ok()
                .and_then(|path| path.parent().map(std::path::Path::to_path_buf));
            file.project = dir.and_then(|dir| crate::spec::project::default_project(&dir));
        }
        for app in &mut file.apps {
            app.project = file.project.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::env::env_changes;

    #[test]
    fn env_changes_in_words_never_show_a_secret_value() {
        let swarm: BTreeMap<String, String> = [
            ("LOG_LEVEL", "info"),
            ("API_TOKEN", "old-token"),
            ("OLD", "x"),
            ("DATABASE_URL", "postgres://app:one@db/app"),
            ("MOTD", "line one\nline two\u{1b}[31m"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut spec = swarm.clone();
        spec.insert("LOG_LEVEL".into(), "debug".into());
        spec.insert("API_TOKEN".into(), "new-token".into());
        spec.remove("OLD");
        spec.insert("NEW_SECRET".into(), "hunter2".into());
        spec.insert("NEW".into(), "".into());
        spec.insert("DATABASE_URL".into(), "postgres://app:two@db/app".into());
        spec.insert("MOTD".into(), "hi".into());
        let lines: Vec<String> = env_changes(&swarm, &spec).iter().map(env_line).collect();
        assert_eq!(
            lines,
            [
                "env API_TOKEN: changed (value not shown: the name looks secret)",
                "env DATABASE_URL: changed, in a part not shown (a URL's password)",
                "env LOG_LEVEL: \"info\" -> \"debug\"",
                "env MOTD: \"line one\\nline two\\u{1b}[31m\" -> \"hi\"",
                "env NEW: added, \"\"",
                "env NEW_SECRET: added (value not shown: the name looks secret)",
                "env OLD: removed",
            ]
        );
    }
}
