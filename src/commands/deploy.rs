//! `alacrity deploy FILE... [--app NAME]... [--detach] [--timeout DURATION] [--move-node]`:
//! create or update the apps' services, then wait until they run.
//!
//! The result is a [`DeployReport`] (plain data, built by [`report`]), printed by
//! [`render_report`] as a table or JSON.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use anyhow::bail;
use serde::Serialize;

use super::lock::locked;
use super::rollback::{self, AfterFailure};
use super::{plan, table};
use crate::cli::DeployArgs;
use crate::core::apply::ApplyFailure;
use crate::core::apply::{Applied, claims_nothing_new, has_writes};
use crate::core::converge::ProgressState;
use crate::core::converge::{AppProgress, WaitEnd, is_missing_bind_source};
use crate::core::nodes::hostname_of;
use crate::core::plan::Action;
use crate::core::plan::{AppPlan, LeftOut, Plan};
use crate::core::services::DeployedApp;
use crate::core::services::{REPLAN_ATTEMPTS, is_changed_meanwhile};
use crate::core::tasks::{humanize, is_out_of_memory};
use crate::core::writers::Writer;
use crate::engine::Connector;
use crate::engine::Engine;
use crate::engine::EngineError;
use crate::engine::is_engine_lost;
use crate::engine::retry_delay;
use crate::exit::{ExitStatus, Interrupted, InvalidInput};
use crate::printer::{Paint, Printer, Progress};
use crate::spec::{App, Spec};

pub async fn run(
    args: &DeployArgs,
    engine: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    if args.prune && !args.apps.is_empty() {
        return Err(InvalidInput(
            "--prune removes the apps the specs no longer declare, so it needs every app of \
             them: drop --app, or remove single apps with `alacrity apps rm APP`"
                .to_string(),
        )
        .into());
    }
    let (spec, apps) = plan::load_apps(&args.files, &args.apps, engine)?;
    let connector = engine;
    let mut engine = connector
        .connect()
        .await?
        .with_images(super::images::options(&args.images));
    if args.no_rollback {
        engine = engine.without_rollback();
    }
    // A first plan, read only: when nothing is to be written (every app unchanged, every record
    // of its data there), the deploy writes nothing at all, not even the lock.
    let started = std::time::Instant::now();
    let first = plan::checked_plan(&engine, &spec, &apps, printer).await?;
    let planned = started.elapsed();
    let declared: Vec<&str> = spec.apps().map(|app| app.name.as_str()).collect();
    let left = first.left_out(&declared);
    let files = plan::files_words(&args.files);
    let prune: Vec<DeployedApp> = match args.prune {
        true => confirm_prune(&left, yes, printer)?,
        false => {
            plan::left_out_notes(&left, &files, printer);
            Vec::new()
        }
    };
    let deploying = Deploying {
        engine: &engine,
        args,
        spec: &spec,
        apps: &apps,
        yes,
        printer,
    };
    let (plan, applied, failures) = match has_writes(&first) {
        // The checks and the writes under the swarm's lock, from a plan made under it: no other
        // alacrity command can claim the same data, port or node in between. A plan whose
        // writes claim nothing its apps do not hold already (updates on the same node, data and
        // ports) stays right under the lock, and the swarm is not read a second time.
        true => {
            let again = !claims_nothing_new(&first);
            locked(
                &engine,
                connector,
                "deploy",
                printer,
                deploying.run(first, again),
            )
            .await?
        }
        false => deploying.run(first, false).await?,
    };
    let written = started.elapsed();
    printer.detail(format!(
        "deploy: planned in {} ms; {} app(s) written in {} ms (under the lock when anything was \
         to be written)",
        planned.as_millis(),
        applied
            .iter()
            .filter(|done| plan
                .apps
                .iter()
                .any(|p| p.app.name == done.name && p.action != Action::Unchanged))
            .count(),
        (written - planned).as_millis()
    ));
    for app in &applied {
        for warning in &app.warnings {
            printer.warn(format!("{}: {warning}", app.name));
        }
    }
    if !failures.is_empty() {
        // With --output json, the one document says what was written too.
        if printer.is_json() {
            render_report(&report(&plan, &applied, &[]), printer);
        }
        return Err(failures_error(&failures));
    }
    if args.detach {
        let report = report(&plan, &applied, &[]);
        let pruned = report_and_prune(&engine, connector, &prune, report, printer).await?;
        printer.hint("the swarm starts the apps now; follow them with `alacrity apps ls`");
        return Ok(pruned);
    }
    let targets: Vec<_> = applied.iter().map(|app| app.target.clone()).collect();
    let mut display = Display::new(printer, &applied);
    let waiting = engine.wait(&targets, args.timeout, args.monitor, |progress| {
        display.show(progress)
    });
    let ended = tokio::select! {
        biased;
        _ = tokio::signal::ctrl_c() => Err(interrupted_while_waiting(&applied)),
        ended = waiting => ended,
    };
    display.finish();
    printer.detail(format!(
        "deploy: waited {} ms for the apps to converge",
        (started.elapsed() - written).as_millis()
    ));
    let ended = match ended {
        Ok(ended) => ended,
        Err(err) => {
            render_report(&report(&plan, &applied, &display.last), printer);
            return Err(err);
        }
    };
    if let Err(end) = ended {
        // A failed update returns to the version before it (or says why not).
        let failed = rollback::failed_apps(&end);
        let outcomes = rollback::return_failed(
            &engine,
            &plan,
            &applied,
            &failed,
            (args.timeout, args.monitor),
            printer,
        )
        .await;
        let mut report = report(&plan, &applied, &display.last);
        if let Ok(outcomes) = &outcomes {
            for (name, outcome) in outcomes {
                let app = report.apps.iter_mut().find(|app| &app.name == name);
                if let (Some(app), Some(state)) = (app, outcome.state()) {
                    app.state = state.to_string();
                    if let AfterFailure::RolledBack { running, .. } = outcome {
                        app.running = Some(*running);
                    }
                }
            }
        }
        render_report(&report, printer);
        return Err(deploy_error(end, &outcomes?));
    }
    let done = report(&plan, &applied, &display.last);
    let pruned = report_and_prune(&engine, connector, &prune, done, printer).await?;
    // Converged: the secrets and configs of contents the updated apps no longer use go (an
    // unchanged app made none, and reads nothing more).
    let apps: Vec<&str> = plan
        .apps
        .iter()
        .filter(|app| app.action != Action::Unchanged)
        .map(|app| app.app.name.as_str())
        .collect();
    let removed = match apps.is_empty() {
        true => Ok(Vec::new()),
        false => engine.remove_unused_files(&apps).await,
    };
    match removed {
        Ok(removed) => {
            for object in removed {
                printer.detail(format!(
                    "{}: removed the {} {} (no longer used)",
                    object.app,
                    object.kind.word(),
                    object.name
                ));
            }
        }
        Err(err) => printer.warn(format!(
            "the apps run, but old secrets or configs are left: {err:#}; the next deploy \
             removes them"
        )),
    }
    Ok(pruned)
}

/// `--prune`: the apps to remove once the deploy worked, confirmed now, before anything is
/// written (a "no" changes nothing at all).
fn confirm_prune(
    left: &[LeftOut],
    yes: bool,
    printer: &Printer,
) -> anyhow::Result<Vec<DeployedApp>> {
    if left.is_empty() {
        return Ok(Vec::new());
    }
    let apps: Vec<DeployedApp> = left.iter().map(|app| app.deployed.clone()).collect();
    let lines = vec![format!(
        "not in these specs: {} (--prune removes them once the deploy worked)",
        plan::left_out_names(left)
    )];
    let names: Vec<&str> = apps.iter().map(DeployedApp::name).collect();
    let action = format!("remove {} (--prune)", names.join(", "));
    if !printer.confirm_listing(&lines, &super::apps::rm::question(&apps), &action, yes)? {
        bail!("not deployed: nothing was changed");
    }
    Ok(apps)
}

/// Prints the deploy's result, and removes the apps `--prune` confirmed (after the result's
/// table; inside the one JSON document). Failure when one could not be removed or may still run
/// on its data.
async fn report_and_prune(
    engine: &Engine,
    connector: &Connector,
    apps: &[DeployedApp],
    mut report: DeployReport,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    if apps.is_empty() {
        render_report(&report, printer);
        return Ok(ExitStatus::Success);
    }
    if !printer.is_json() {
        render_report(&report, printer);
    }
    let (pruned, failed) = super::apps::rm::prune(engine, connector, apps, printer).await?;
    report.pruned = Some(pruned);
    if printer.is_json() {
        render_report(&report, printer);
    }
    Ok(match failed {
        true => ExitStatus::Failure,
        false => ExitStatus::Success,
    })
}

/// One deploy's plan and writes, with what they need.
#[derive(Clone, Copy)]
struct Deploying<'a> {
    engine: &'a Engine,
    args: &'a DeployArgs,
    spec: &'a Spec,
    apps: &'a [App],
    yes: bool,
    printer: &'a Printer,
}

impl Deploying<'_> {
    /// Writes what the plan needs: the `first` plan as it is, or with `again`, a plan made again
    /// now (under the lock) from the swarm as it is. Returns the plan, the apps written and those
    /// that failed. An app another client changed between the plan and the write is planned
    /// again.
    async fn run(
        &self,
        first: Plan,
        again: bool,
    ) -> anyhow::Result<(Plan, Vec<Applied>, Vec<ApplyFailure>)> {
        let Deploying {
            engine,
            args,
            spec,
            apps,
            yes,
            printer,
        } = *self;
        let mut plan = match again {
            false => first,
            true => engine
                .replan(apps, &first)
                .await
                .map_err(|err| super::refusals::with_positions(err, spec))?,
        };
        let files: Vec<String> = args.files.iter().map(|f| f.display().to_string()).collect();
        check_moves(&plan, &files.join(" "), args.move_node, yes, printer)?;
        announce(&plan, printer);
        crate::testhook::pause("planned");
        let waiting = |app: &App, writers: &[Writer]| {
            let nodes: Vec<String> = writers
                .iter()
                .map(|w| hostname_of(&plan.nodes, &w.node_id))
                .collect();
            printer.info(format!(
                "{}: waiting for the old container on its data ({}) to stop on {} before \
                 starting it: one writer at a time",
                app.name,
                writers[0].data,
                nodes.join(", ")
            ));
        };
        let (mut applied, mut failures) = engine.apply(&plan, !args.detach, &waiting).await?;
        // An app another client changed between the plan and the write got nothing written:
        // plan it again from the swarm as it is now (the pin rules too), never re-send the old.
        for _ in 1..REPLAN_ATTEMPTS {
            let stale: Vec<App> = failures
                .iter()
                .filter(|failure| is_changed_meanwhile(&failure.error))
                .filter_map(|failure| apps.iter().find(|app| app.name == failure.name))
                .cloned()
                .collect();
            if stale.is_empty() {
                break;
            }
            failures.retain(|failure| !is_changed_meanwhile(&failure.error));
            let names: Vec<&str> = stale.iter().map(|app| app.name.as_str()).collect();
            printer.info(format!(
                "{}: changed by another client meanwhile; planning again from the swarm as it is",
                names.join(", ")
            ));
            tokio::time::sleep(retry_delay()).await;
            let again = engine
                .plan(&stale)
                .await
                .map_err(|err| super::refusals::with_positions(err, spec))?;
            check_moves(&again, &files.join(" "), args.move_node, yes, printer)?;
            announce(&again, printer);
            let (more, failed) = engine.apply(&again, !args.detach, &waiting).await?;
            applied.retain(|done| !names.contains(&done.name.as_str()));
            applied.extend(more);
            failures.extend(failed);
            for app in again.apps {
                if let Some(slot) = plan.apps.iter_mut().find(|p| p.app.name == app.app.name) {
                    *slot = app;
                }
            }
        }
        Ok((plan, applied, failures))
    }
}

/// Ctrl-C stops the waiting, not the deployment: the swarm carries on with what it was given
/// (as the docker CLI says, "operation continuing in background").
fn interrupted_while_waiting(applied: &[Applied]) -> anyhow::Error {
    let names: Vec<&str> = applied.iter().map(|app| app.name.as_str()).collect();
    let tasks = match names.as_slice() {
        [one] => format!("`docker service ps --no-trunc {one}`"),
        _ => format!(
            "`docker service ps --no-trunc APP` (APP: {})",
            names.join(", ")
        ),
    };
    Interrupted(format!(
        "interrupted: stopped waiting, but the deployment continues in the swarm in the \
         background\n  watch it with `alacrity apps ls`, or its tasks with {tasks}; \
         run the same deploy again to wait for it"
    ))
    .into()
}

/// A persistent app pinned elsewhere than before loses access to its data: refused without
/// `--move-node`, and confirmed with it.
fn check_moves(
    plan: &Plan,
    files: &str,
    move_node: bool,
    yes: bool,
    printer: &Printer,
) -> anyhow::Result<()> {
    let moves: Vec<String> = plan
        .moves()
        .map(|(app, node_move)| plan::move_text(plan, &app.app.name, node_move))
        .collect();
    if moves.is_empty() {
        return Ok(());
    }
    if !move_node {
        let recorded: Vec<String> = plan
            .moves()
            .filter(|(_, node_move)| node_move.recorded)
            .map(|(app, node_move)| {
                format!(
                    "set node = \"{}\" in the spec of `{}` to start it where its data is",
                    plan.hostname(&node_move.from),
                    app.app.name
                )
            })
            .collect();
        let keep = match recorded.is_empty() {
            true => "keep the app where it is (drop `node` from its spec, or name its current \
                     node)"
                .to_string(),
            false => recorded.join("; "),
        };
        bail!(
            "cannot deploy: a persistent app would move to another node, away from its data:\n  {}\n  \
             nothing was changed; {keep}, or start it there anyway on new, empty data with \
             `alacrity deploy --move-node {}` (the old data is kept), after copying it over if \
             it is needed",
            moves.join("\n  "),
            files
        );
    }
    for text in &moves {
        printer.warn(format!("moving {text}"));
    }
    let question = match moves.len() {
        1 => "Move this app to the other node? Its data does not follow.".to_string(),
        n => format!("Move these {n} apps to other nodes? Their data does not follow."),
    };
    let action = format!(
        "move {} to another node",
        plan.moves()
            .map(|(app, _)| format!("`{}`", app.app.name))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !printer.confirm(&question, &action, yes)? {
        bail!("not moved: nothing was changed");
    }
    Ok(())
}

/// What is about to happen, on stderr: a line per app that changes, then how many apps do what
/// (an unchanged app is only counted, named with --verbose: at hundreds of apps, the few that
/// change must not drown among the others).
fn announce(plan: &Plan, printer: &Printer) {
    for app in &plan.apps {
        if app.action == Action::Unchanged {
            printer.detail(format!(
                "{:<9} {}",
                app.action,
                printer.paint(Paint::Bold, &app.app.name)
            ));
            continue;
        }
        let mut line = format!(
            "{:<9} {}",
            plan::paint_action(app.action, printer),
            printer.paint(Paint::Bold, &app.app.name)
        );
        if !app.changes.is_empty() {
            line.push_str(&format!(" ({})", app.changes.join(", ")));
        }
        if let (Some(pin), Action::Create) = (&app.pin, app.action) {
            line.push_str(&format!(", pinned to node {}", plan.hostname(pin)));
        }
        printer.info(line);
        for detail in plan::details(app) {
            printer.info(format!("  {detail}"));
        }
    }
    let unchanged = plan.apps.iter().any(|app| app.action == Action::Unchanged);
    if plan.apps.len() > 1 || unchanged {
        printer.info(plan_summary(plan));
    }
    for warning in plan::stranded_warnings(plan) {
        printer.warn(warning);
    }
}

/// `197 unchanged, 2 to update, 1 to create`: how many apps the plan does what to.
fn plan_summary(plan: &Plan) -> String {
    let count = |action: Action| plan.apps.iter().filter(|app| app.action == action).count();
    let parts = [
        (count(Action::Unchanged), "unchanged"),
        (count(Action::Update), "to update"),
        (count(Action::Create), "to create"),
    ];
    counted(parts)
}

/// `197 unchanged, 2 updated`: the counts that are not 0, with their words.
fn counted<'w>(parts: impl IntoIterator<Item = (usize, &'w str)>) -> String {
    let words: Vec<String> = parts
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
    words.join(", ")
}

/// Progress while waiting (see `Printer::progress_of_some`). On a terminal: a live line per app
/// still moving, and a summary line counting the others (`197 unchanged, 2 updated, 1
/// creating...`). Otherwise, plain lines: one per change of an app the deploy changes (or of an
/// unchanged one that does not run as it should), then the summary once at the end. An
/// unchanged app that runs is only counted.
struct Display<'a> {
    progress: Progress<'a>,
    actions: HashMap<String, Action>,
    live: bool,
    last: Vec<AppProgress>,
}

impl<'a> Display<'a> {
    fn new(printer: &'a Printer, applied: &[Applied]) -> Self {
        Display {
            progress: printer.progress_of_some(),
            actions: applied
                .iter()
                .map(|app| (app.name.clone(), app.action))
                .collect(),
            live: printer.is_interactive(),
            last: Vec::new(),
        }
    }

    fn show(&mut self, progress: &[AppProgress]) {
        for app in progress {
            let converged = matches!(app.state, ProgressState::Converged);
            let unchanged = action_of(&self.actions, &app.name) == Action::Unchanged;
            match converged && (unchanged || self.live) {
                true => self.progress.hide(&app.name),
                false => self.progress.show(&app.name, progress_line(app)),
            }
        }
        self.progress
            .summary(progress_summary(&self.actions, progress, false));
        self.last = progress.to_vec();
    }

    fn finish(&self) {
        for app in &self.last {
            self.progress.finish(&app.name, progress_line(app));
        }
        if !self.last.is_empty() {
            self.progress
                .finish_summary(progress_summary(&self.actions, &self.last, true));
        }
    }
}

/// What the deploy did to an app (an app it did not write counts as updated).
fn action_of(actions: &HashMap<String, Action>, name: &str) -> Action {
    actions.get(name).copied().unwrap_or(Action::Update)
}

/// `197 unchanged, 2 updated, 1 creating...`: how many apps stand where, by what the deploy did
/// to them; `...` while some still move (not `done`).
fn progress_summary(
    actions: &HashMap<String, Action>,
    progress: &[AppProgress],
    done: bool,
) -> String {
    // unchanged, updated, created, updating, creating, waiting, failed, superseded
    let mut counts = [0usize; 8];
    for app in progress {
        let slot = match (&app.state, action_of(actions, &app.name)) {
            (ProgressState::Converged, Action::Unchanged) => 0,
            (ProgressState::Converged, Action::Update) => 1,
            (ProgressState::Converged, Action::Create) => 2,
            (ProgressState::Waiting(_), Action::Update) => 3,
            (ProgressState::Waiting(_), Action::Create) => 4,
            (ProgressState::Waiting(_), Action::Unchanged) => 5,
            (ProgressState::Failed(_), _) => 6,
            (ProgressState::Superseded(_), _) => 7,
        };
        counts[slot] += 1;
    }
    let words = [
        "unchanged",
        "updated",
        "created",
        "updating",
        "creating",
        "waiting",
        "failed",
        "changed by another deploy",
    ];
    let moving = counts[3] + counts[4] + counts[5] > 0;
    let mut line = counted(counts.into_iter().zip(words));
    if moving && !done {
        line.push_str("...");
    }
    line
}

/// `web: 2/2 running, ready`, `web: 2/2 healthy, ready` (with a health check), `web: 0/2
/// healthy (starting)`, `web: 2/2 running, watching for 2s`, `db: 0/0 running, 1 stopping
/// (1 container still runs on node2)`, `web: 0/2 running (preparing)`.
pub(crate) fn progress_line(app: &AppProgress) -> String {
    // With a health check, a task runs only once healthy.
    let word = if app.health_checked {
        "healthy"
    } else {
        "running"
    };
    let mut counts = format!("{}/{} {word}", app.running, app.desired);
    if app.stopping > 0 {
        counts.push_str(&format!(", {} stopping", app.stopping));
    }
    match &app.state {
        ProgressState::Converged => format!("{}: {counts}, ready", app.name),
        ProgressState::Waiting(reason) if reason.starts_with("watching") => {
            format!("{}: {counts}, {reason}", app.name)
        }
        ProgressState::Waiting(reason) => {
            // The counts already say "stopping".
            let detail = reason
                .strip_prefix("stopping (")
                .and_then(|rest| rest.strip_suffix(')'))
                .filter(|_| app.stopping > 0)
                .unwrap_or(reason);
            format!("{}: {counts} ({detail})", app.name)
        }
        // The engine's reason often starts with the task's state: "failed: failed: ..." says
        // it twice.
        ProgressState::Failed(reason) => format!(
            "{}: failed: {}",
            app.name,
            reason.strip_prefix("failed: ").unwrap_or(reason)
        ),
        ProgressState::Superseded(_) => format!("{}: changed by another deploy", app.name),
    }
}

/// The result of `deploy`: plain data, no engine in it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DeployReport {
    pub apps: Vec<DeployedReport>,
    /// With `--prune`: the apps removed because the specs no longer declare them, what was kept
    /// of their data, and what could not be removed (as `apps rm --output json` says).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pruned: Option<super::apps::rm::Report>,
}

/// One app in the result of `deploy --output json`.
#[derive(Debug, Clone, Serialize)]
pub struct DeployedReport {
    pub name: String,
    /// `create`, `update` or `unchanged`.
    pub action: String,
    pub changes: Vec<String>,
    pub instances: u64,
    pub running: Option<u64>,
    pub node: Option<String>,
    /// `converged`, `waiting`, `failed`, `superseded` (another deploy changed the app
    /// meanwhile), or `detached` (not waited for).
    pub state: String,
    pub reason: Option<String>,
}

/// The result: what was done to each app written, and where it stands.
fn report(plan: &Plan, applied: &[Applied], progress: &[AppProgress]) -> DeployReport {
    // By name once: linear in apps, not their square.
    let plans: HashMap<&str, &AppPlan> = plan
        .apps
        .iter()
        .map(|app| (app.app.name.as_str(), app))
        .collect();
    let progress: HashMap<&str, &AppProgress> =
        progress.iter().map(|p| (p.name.as_str(), p)).collect();
    DeployReport {
        apps: applied
            .iter()
            .filter_map(|done| {
                let app = plans.get(done.name.as_str())?;
                let now = progress.get(done.name.as_str()).copied();
                Some(app_report(plan, app, now))
            })
            .collect(),
        pruned: None,
    }
}

/// The result, on stdout: a table, or JSON.
pub fn render_report(report: &DeployReport, printer: &Printer) {
    if printer.is_json() {
        printer.json(report);
    } else {
        printer.data(report_table(&report.apps));
    }
}

/// One app's line of the result: what was done and where it stands.
fn app_report(plan: &Plan, app: &AppPlan, now: Option<&AppProgress>) -> DeployedReport {
    let (state, reason) = match now.map(|p| &p.state) {
        None => ("detached", None),
        Some(ProgressState::Converged) => ("converged", None),
        Some(ProgressState::Waiting(reason)) => ("waiting", Some(reason)),
        Some(ProgressState::Failed(reason)) => ("failed", Some(reason)),
        Some(ProgressState::Superseded(reason)) => ("superseded", Some(reason)),
    };
    DeployedReport {
        name: app.app.name.clone(),
        action: app.action.to_string(),
        changes: app.changes.clone(),
        instances: app.app.instances,
        running: now.map(|p| p.running),
        node: app.pin.as_ref().map(|pin| plan.hostname(pin)),
        state: state.to_string(),
        reason: reason.cloned(),
    }
}

fn report_table(apps: &[DeployedReport]) -> String {
    let rows = apps
        .iter()
        .map(|app| {
            let running = app.running.map_or("-".to_string(), |r| r.to_string());
            vec![
                app.name.clone(),
                app.action.clone(),
                format!("{running}/{}", app.instances),
                app.node.clone().unwrap_or_default(),
                app.state.clone(),
            ]
        })
        .collect();
    table::render(&["APP", "ACTION", "INSTANCES", "NODE", "STATE"], rows)
}

/// Every failure as one error (the messages carry their cause chains).
fn failures_error(failures: &[ApplyFailure]) -> anyhow::Error {
    let mut text = String::from("the deploy failed for some apps:");
    for failure in failures {
        write!(text, "\n  app `{}`: {:#}", failure.name, failure.error).unwrap_or_default();
    }
    text.push_str("\n  the other apps were deployed; fix the cause and run the same deploy again");
    // Keep "the engine stopped answering" visible to the one place that reports it.
    if failures.iter().any(|f| is_engine_lost(&f.error)) {
        return EngineError::Lost(text).into();
    }
    anyhow::anyhow!(text)
}

/// A wait that ended without every app converging, in words: what failed and why, what to do.
pub fn wait_error(end: WaitEnd) -> anyhow::Error {
    deploy_error(end, &[])
}

/// A deploy's wait that ended without every app converging, in words: what failed and why, what
/// became of each failed app (rolled back, or why not), and what to do.
fn deploy_error(end: WaitEnd, outcomes: &[(String, AfterFailure)]) -> anyhow::Error {
    let mut text = match &end {
        WaitEnd::Failed(failed) => failed_error(failed),
        WaitEnd::Superseded(app) => return superseded_error(app),
        WaitEnd::TimedOut { progress, timeout } => timeout_error(progress, *timeout),
    };
    for (app, outcome) in outcomes {
        write!(text, "\n  {}", outcome.words(app)).unwrap_or_default();
    }
    let first = match &end {
        WaitEnd::Failed(failed) => failed.first().map(|app| app.name.as_str()),
        _ => outcomes.first().map(|(name, _)| name.as_str()),
    };
    match (&end, first, outcomes.is_empty()) {
        (WaitEnd::TimedOut { .. }, _, true) => text.push_str(
            "\n  the swarm keeps trying; watch with `alacrity apps ls`, or deploy again with a \
             longer --timeout",
        ),
        (WaitEnd::TimedOut { .. }, _, false) => {
            text.push_str("\n  fix the cause, or deploy again with a longer --timeout")
        }
        (_, Some(first), true) => write!(
            text,
            "\n  the swarm keeps retrying; fix the cause and deploy again (every attempt: \
             `alacrity apps ps {first}`)"
        )
        .unwrap_or_default(),
        (_, Some(first), false) => write!(
            text,
            "\n  fix the cause and deploy again (every attempt: `alacrity apps ps {first}`)"
        )
        .unwrap_or_default(),
        (_, None, _) => {}
    }
    anyhow::anyhow!(text)
}

fn failed_error(failed: &[AppProgress]) -> String {
    let mut text = String::from("the deploy failed:");
    for app in failed {
        if let ProgressState::Failed(reason) = &app.state {
            text.push_str(&format!("\n  app `{}` cannot start: {reason}", app.name));
        }
    }
    if failed.iter().any(|app| is_missing_bind_source(&app.state)) {
        text.push_str(MISSING_BIND_SOURCE_HINT);
    }
    let out_of_memory = |app: &&AppProgress| matches!(&app.state, ProgressState::Failed(reason) if is_out_of_memory(reason));
    if let Some(app) = failed.iter().find(out_of_memory) {
        text.push_str(&format!(
            "\n  `{}` was killed for lack of memory: give it more with resources.limits.memory \
             in its spec (on nodes that have it), or make the app use less",
            app.name
        ));
    }
    text
}

/// `validate` checks host paths where alacrity runs, which on several servers need not be where the
/// app runs: the engine's words alone do not say which machine lacks the directory.
const MISSING_BIND_SOURCE_HINT: &str = "\n  a host_path must exist on the node the app runs on \
     (`alacrity apps ls` shows it), not only where alacrity runs: create it there, or set `node` \
     to a node that has it";

fn superseded_error(app: &AppProgress) -> anyhow::Error {
    let reason = match &app.state {
        ProgressState::Superseded(reason) => reason.as_str(),
        _ => "changed by another deploy",
    };
    anyhow::anyhow!(
        "conflict: app `{}` was {reason}: the swarm runs the spec written last, not this \
         deploy's\n  check what runs with `alacrity apps ls`; run this deploy again if its spec \
         should win",
        app.name
    )
}

fn timeout_error(progress: &[AppProgress], timeout: Duration) -> String {
    let mut text = format!("the apps did not converge within {}:", humanize(timeout));
    for app in progress {
        if let ProgressState::Waiting(reason) = &app.state {
            text.push_str(&format!(
                "\n  app `{}`: {}/{} running; {reason}",
                app.name, app.running, app.desired
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::OutputFormat;
    use crate::core::converge::Target;
    use crate::core::plan::tests::{app, deployed, plan_with};
    use crate::core::records::Records;
    use crate::core::resources::NetworkState;

    /// 200 apps: 197 deployed as they are, 2 deployed with another image, 1 new.
    fn plan_of_200() -> Plan {
        let apps: Vec<AppPlan> = (0..200)
            .map(|i| {
                let wanted = app(&format!("s{i}"), false, &[]);
                let mut services = std::collections::HashMap::new();
                match i {
                    7 => {}
                    3 | 150 => {
                        let mut before = wanted.clone();
                        before.image = "busybox:old".into();
                        services.insert(wanted.name.clone(), deployed(&before, None));
                    }
                    _ => {
                        services.insert(wanted.name.clone(), deployed(&wanted, None));
                    }
                }
                plan_with(&wanted, &services).unwrap()
            })
            .collect();
        Plan {
            apps,
            nodes: Vec::new(),
            network: NetworkState::Present,
            records: Records::default(),
            volume_states: Default::default(),
            images: Vec::new(),
            project_apps: Vec::new(),
        }
    }

    fn applied(plan: &Plan) -> Vec<Applied> {
        plan.apps
            .iter()
            .map(|p| Applied {
                name: p.app.name.clone(),
                action: p.action,
                warnings: Vec::new(),
                target: Target {
                    name: p.app.name.clone(),
                    desired: 1,
                    service_id: format!("id-{}", p.app.name),
                    template_hash: String::new(),
                    known_tasks: Default::default(),
                    update_started: None,
                    rollback: false,
                },
            })
            .collect()
    }

    fn look(plan: &Plan, moving: &[&str]) -> Vec<AppProgress> {
        plan.apps
            .iter()
            .map(|p| {
                let waiting = moving.contains(&p.app.name.as_str());
                AppProgress {
                    name: p.app.name.clone(),
                    running: u64::from(!waiting),
                    desired: 1,
                    stopping: 0,
                    health_checked: false,
                    state: match waiting {
                        true => ProgressState::Waiting("preparing".into()),
                        false => ProgressState::Converged,
                    },
                }
            })
            .collect()
    }

    #[test]
    fn at_scale_the_plan_names_only_the_apps_that_change_then_counts() {
        let plan = plan_of_200();
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        announce(&plan, &printer);
        assert_eq!(
            buffers.take().stderr,
            "update    s3 (image)\n\
             create    s7\n\
             update    s150 (image)\n\
             197 unchanged, 2 to update, 1 to create\n"
        );
        // With --verbose, the unchanged ones are named too.
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        announce(&plan, &printer.with_levels(false, 1));
        let stderr = buffers.take().stderr;
        assert_eq!(stderr.lines().count(), 201, "{stderr}");
        assert!(stderr.contains("unchanged s0\n"), "{stderr}");
    }

    #[test]
    fn at_scale_without_a_terminal_the_wait_names_only_the_apps_that_change_then_counts() {
        let plan = plan_of_200();
        let applied = applied(&plan);
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        let mut display = Display::new(&printer, &applied);
        display.show(&look(&plan, &["s3", "s7", "s150"]));
        display.show(&look(&plan, &["s7"]));
        display.show(&look(&plan, &["s7"]));
        display.show(&look(&plan, &[]));
        display.finish();
        assert_eq!(
            buffers.take().stderr,
            "s3: 0/1 running (preparing)\n\
             s7: 0/1 running (preparing)\n\
             s150: 0/1 running (preparing)\n\
             s3: 1/1 running, ready\n\
             s150: 1/1 running, ready\n\
             s7: 1/1 running, ready\n\
             197 unchanged, 2 updated, 1 created\n"
        );
        // An unchanged app that stops running is named, and counted as waiting.
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        let mut display = Display::new(&printer, &applied);
        display.show(&look(&plan, &["s0"]));
        display.finish();
        assert_eq!(
            buffers.take().stderr,
            "s0: 0/1 running (preparing)\n\
             s3: 1/1 running, ready\n\
             s7: 1/1 running, ready\n\
             s150: 1/1 running, ready\n\
             196 unchanged, 2 updated, 1 created, 1 waiting\n"
        );
    }

    #[test]
    fn the_summary_says_what_still_moves() {
        let plan = plan_of_200();
        let actions: HashMap<String, Action> = plan
            .apps
            .iter()
            .map(|p| (p.app.name.clone(), p.action))
            .collect();
        let now = look(&plan, &["s3", "s7"]);
        assert_eq!(
            progress_summary(&actions, &now, false),
            "197 unchanged, 1 updated, 1 updating, 1 creating..."
        );
        let mut ended = look(&plan, &[]);
        ended[7].state = ProgressState::Failed("rejected".into());
        assert_eq!(
            progress_summary(&actions, &ended, true),
            "197 unchanged, 2 updated, 1 failed"
        );
    }

    #[test]
    fn json_still_lists_every_app() {
        let plan = plan_of_200();
        let report = report(&plan, &applied(&plan), &look(&plan, &[]));
        assert_eq!(report.apps.len(), 200);
        assert_eq!(report.apps[0].action, "unchanged");
        assert_eq!(report.apps[7].action, "create");
        assert_eq!(report.apps[7].state, "converged");
    }

    #[test]
    fn a_lost_engine_among_the_failures_stays_visible() {
        let failure = |name: &str, error: anyhow::Error| ApplyFailure {
            name: name.into(),
            error,
        };
        let refused = failure("db", anyhow::anyhow!("image refused"));
        let err = failures_error(&[refused]);
        assert!(!is_engine_lost(&err));
        let lost = failure("web", EngineError::Lost("Connection refused".into()).into());
        let refused = failure("db", anyhow::anyhow!("image refused"));
        let err = failures_error(&[refused, lost]);
        assert!(is_engine_lost(&err));
        let text = err.to_string();
        assert!(
            text.contains("app `db`: image refused")
                && text.contains("app `web`: Connection refused"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_bind_source_says_where_the_directory_must_exist() {
        let missing = AppProgress {
            name: "db".into(),
            running: 0,
            desired: 1,
            stopping: 0,
            health_checked: false,
            state: ProgressState::Failed(
                "rejected: invalid mount config for type \"bind\": bind source path does not exist: /x"
                    .into(),
            ),
        };
        let text = failed_error(std::slice::from_ref(&missing));
        assert!(
            text.contains("must exist on the node the app runs on"),
            "{text}"
        );
        let other = AppProgress {
            state: ProgressState::Failed("failed: exit 1".into()),
            ..missing.clone()
        };
        let text = failed_error(&[other]);
        assert!(!text.contains("host_path"), "{text}");
    }

    #[test]
    fn progress_says_healthy_with_a_check_and_a_failure_once() {
        let app = AppProgress {
            name: "web".into(),
            running: 2,
            desired: 2,
            stopping: 0,
            health_checked: true,
            state: ProgressState::Converged,
        };
        assert_eq!(progress_line(&app), "web: 2/2 healthy, ready");
        let starting = AppProgress {
            running: 0,
            state: ProgressState::Waiting("starting".into()),
            ..app.clone()
        };
        assert_eq!(progress_line(&starting), "web: 0/2 healthy (starting)");
        let failed = AppProgress {
            health_checked: false,
            state: ProgressState::Failed("failed: task: non-zero exit (3)".into()),
            ..app
        };
        assert_eq!(
            progress_line(&failed),
            "web: failed: task: non-zero exit (3)"
        );
    }

    #[test]
    fn a_container_killed_for_memory_says_how_to_give_it_more() {
        let killed = AppProgress {
            name: "web".into(),
            running: 0,
            desired: 1,
            stopping: 0,
            health_checked: false,
            state: ProgressState::Failed(
                "failed: task: non-zero exit (137): out of memory: the kernel killed it at its \
                 memory limit of 16M (OOMKilled)"
                    .into(),
            ),
        };
        let text = failed_error(&[killed]);
        assert!(
            text.contains(
                "`web` was killed for lack of memory: give it more with resources.limits.memory"
            ),
            "{text}"
        );
    }
}
