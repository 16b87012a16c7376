//! `alacrity apps move APP --to NODE [--node-host NODE=URL]... [--timeout D] [--monitor D]`:
//! move a persistent app with its data to another node (decided in `core::moving`).
//!
//! The plan is shown first (what is copied, the sizes the engine reports, the free space on the
//! target, which no engine reports), then confirmed. Under the swarm's lock: stop the app, copy
//! each persistent directory from the old node's engine to the new one's through alacrity (a
//! data door on each side, the source's manifest computed while it streams, the copy read back
//! and compared), re-pin, record, start, wait as deploy does. Before the re-pin, a failure or a
//! Ctrl-C removes the volumes the move created on the new node and puts the app back on its old
//! node, running on its untouched data. What it copied into an empty host directory stays there
//! (no file is deleted through the engine), recorded so that the rerun completes it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use bytes::Bytes;
use futures_util::StreamExt;

use crate::cli::AppsMoveArgs;
use crate::commands::deploy::{progress_line, wait_error};
use crate::commands::lock::locked_to_the_end;
use crate::commands::refusals::node_lookup_text;
use crate::commands::retained::human_size;
use crate::core::converge::Target;
use crate::core::mapping::Pin;
use crate::core::moving::{
    self, HostDirState, MovePlan, MoveRefusal, MovingApp, Prepare, TargetState, VolumeTarget,
};
use crate::core::tasks::humanize;
use crate::engine::{
    Access, Connector, DataDoor, Engine, MissingHostDir, Mount, NodeReach, TarStream, manifest_of,
    with_manifest,
};
use crate::exit::{ExitStatus, HandlingCtrlC, Interrupted, InvalidInput};
use crate::printer::Printer;
use crate::spec::VolumeSource;
use crate::spec::model::volume_name;

pub async fn run(
    args: &AppsMoveArgs,
    connector: &Connector,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<ExitStatus> {
    let engine = connector.connect().await?;
    let reach = NodeReach::from_args(&args.nodes, connector).knowing(&engine);
    let (plan, prepared) = checked_plan(&engine, &reach, args).await?;
    let (source, target) = (
        reach.engine_of(&plan.from).await?,
        reach.engine_of(&plan.to).await?,
    );
    let sizes = source.volume_sizes().await.ok();
    show_plan(&plan, sizes.as_ref(), printer);
    confirm(&plan, args, printer, yes)?;
    let moving = Moving {
        engine: &engine,
        source: &source,
        target: &target,
        args,
        printer,
    };
    let work = async {
        // Checked again under the lock: no other command changed the app or the target meanwhile.
        let (again, prepared_again) = checked_plan(&engine, &reach, args).await?;
        if again != plan || prepared_again != prepared {
            return Err(anyhow!(
                "the app or the target node changed while the move waited for confirmation; \
                 nothing was changed: run `{}` again",
                rerun(args)
            ));
        }
        moving.run(&plan, &prepared, sizes.as_ref()).await
    };
    let ended = locked_to_the_end(&engine, connector, "apps move", printer, work).await?;
    let running = ended.first().map_or(0, |p| p.running);
    if printer.is_json() {
        printer.json(&MoveReport {
            name: &plan.app,
            from: &plan.from.hostname,
            to: &plan.to.hostname,
            data: plan.data.iter().map(ToString::to_string).collect(),
            instances: plan.instances,
            running,
        });
        return Ok(ExitStatus::Success);
    }
    printer.data(format!(
        "{}: moved to {} with its data ({running}/{} running); the copy on {} is kept, listed \
         as retained by `alacrity volumes ls` and `alacrity binds ls`",
        plan.app, plan.to.hostname, plan.instances, plan.from.hostname
    ));
    printer.hint(format!(
        "set node = \"{}\" in the spec of `{}`: a deploy that names {} is refused",
        plan.to.hostname, plan.app, plan.from.hostname
    ));
    Ok(ExitStatus::Success)
}

/// The result of `apps move --output json`.
#[derive(Debug, serde::Serialize)]
struct MoveReport<'a> {
    name: &'a str,
    from: &'a str,
    to: &'a str,
    /// The persistent directories copied (`alacran--LABEL` volumes, host paths).
    data: Vec<String>,
    instances: u64,
    running: u64,
}

/// The command to run again (with --yes).
fn rerun(args: &AppsMoveArgs) -> String {
    let mut text = format!("alacrity apps move {} --to {}", args.app, args.to);
    for host in &args.nodes.node_hosts {
        text.push_str(&format!(" --node-host {host}"));
    }
    text.push_str(" --yes");
    text
}

/// The move's plan and what to do with each directory's place on the target, or why not.
async fn checked_plan(
    engine: &Engine,
    reach: &NodeReach,
    args: &AppsMoveArgs,
) -> anyhow::Result<(MovePlan, Vec<Prepare>)> {
    let (app, nodes, records) = tokio::try_join!(
        engine.managed_app(&args.app),
        engine.nodes(),
        engine.records()
    )?;
    let moving_app = MovingApp {
        name: app.app.name.clone(),
        persistent: app.app.persistent,
        node_id: app.pin.as_ref().map(|pin| pin.node_id.clone()),
        instances: moving::instances_to_restore(&app.spec, app.app.instances),
        data: app.app.volumes.iter().map(|v| v.source.clone()).collect(),
    };
    let plan = moving::plan_move(&moving_app, &nodes, &args.to)
        .map_err(|refusal| refused(&[refusal], args))?;
    let target = reach.engine_of(&plan.to).await?;
    let mut states = Vec::new();
    for source in &plan.data {
        states.push(target_state(&target, source, &plan.app).await?);
    }
    let prepared = moving::check_target(&plan, &states, &records)
        .map_err(|refusals| refused(&refusals, args))?;
    Ok((plan, prepared))
}

/// What the target node holds at a directory's place.
async fn target_state(
    target: &Engine,
    source: &VolumeSource,
    app: &str,
) -> anyhow::Result<TargetState> {
    match source {
        VolumeSource::Label(label) => {
            let state = target.move_target_volume(label, app).await?;
            let VolumeTarget::Managed { partial, .. } = state else {
                return Ok(TargetState::Volume(state));
            };
            let empty = is_empty(target, Mount::Volume(volume_name(label))).await?;
            Ok(TargetState::Volume(VolumeTarget::Managed {
                entries: u64::from(!empty),
                partial,
            }))
        }
        VolumeSource::HostPath(path) => {
            match DataDoor::open(target, Mount::HostDir(path.clone()), Access::Read).await {
                Ok(door) => {
                    let empty = door.is_empty().await;
                    door.close().await?;
                    Ok(TargetState::HostDir(HostDirState::Entries(u64::from(
                        !empty?,
                    ))))
                }
                Err(err) => match err.downcast_ref::<MissingHostDir>() {
                    Some(missing) if missing.not_directory => {
                        Ok(TargetState::HostDir(HostDirState::NotDirectory))
                    }
                    Some(_) => Ok(TargetState::HostDir(HostDirState::Missing)),
                    None => Err(err),
                },
            }
        }
    }
}

async fn is_empty(engine: &Engine, mount: Mount) -> anyhow::Result<bool> {
    let door = DataDoor::open(engine, mount, Access::Read).await?;
    let empty = door.is_empty().await;
    door.close().await?;
    empty
}

/// Refusals in words: exit 2 when the user asked for what cannot be, else 1.
fn refused(refusals: &[MoveRefusal], args: &AppsMoveArgs) -> anyhow::Error {
    let mut text = format!("cannot move `{}` to {}:", args.app, args.to);
    for refusal in refusals {
        text.push_str("\n  ");
        text.push_str(&refusal_text(refusal, args));
    }
    text.push_str("\n  nothing was changed");
    match refusals.iter().any(MoveRefusal::is_invalid_input) {
        true => InvalidInput(text).into(),
        false => anyhow!(text),
    }
}

fn refusal_text(refusal: &MoveRefusal, args: &AppsMoveArgs) -> String {
    let app = &args.app;
    match refusal {
        MoveRefusal::NotPersistent { app } => format!(
            "`{app}` is not a persistent app: it keeps no data and runs on any node, so there is \
             nothing to move (see where it runs with `alacrity apps ps {app}`)"
        ),
        MoveRefusal::NotPinned { app } => {
            format!("`{app}` is not pinned to a node yet: deploy it first (`alacrity deploy FILE`)")
        }
        MoveRefusal::AlreadyThere { app, node } => format!(
            "`{app}` is on node {node} already (`alacrity apps ps {app}` shows where it runs)"
        ),
        MoveRefusal::UnknownNode { lookup, nodes } => node_lookup_text(lookup, nodes),
        MoveRefusal::TargetUnavailable { trouble, .. } => format!(
            "{trouble}, so the app cannot run there; bring it back (`docker node ls`, `docker \
             node update --availability active NODE`) and run `{}` again",
            rerun(args)
        ),
        MoveRefusal::SourceUnavailable { trouble, .. } => format!(
            "{trouble}: its data cannot be read; bring the node back and run `{}` again",
            rerun(args)
        ),
        MoveRefusal::HostDirMissing { path, node } => format!(
            "the host directory {} does not exist on {node}: a host directory moves to the same \
             path, which must exist there, empty; create it on {node} (`mkdir -p {}`) and run \
             `{}` again",
            path.display(),
            path.display(),
            rerun(args)
        ),
        MoveRefusal::HostDirNotDirectory { path, node } => format!(
            "{} on {node} is not a directory: a host directory moves to the same path, which \
             must be an empty directory there",
            path.display()
        ),
        MoveRefusal::HostDirNotEmpty { path, node, .. } => format!(
            "the host directory {} on {node} is not empty: alacrity copies only into an empty \
             directory and never deletes what is there; empty it on {node} yourself once sure, \
             then run `{}` again",
            path.display(),
            rerun(args)
        ),
        MoveRefusal::StaleCopy { label, node } => format!(
            "{node} holds the volume {} that `{app}` left there when it moved away: a stale copy, \
             never overwritten; remove it once sure (`alacrity volumes rm {label}` against \
             {node}'s engine), then run `{}` again",
            volume_name(label),
            rerun(args)
        ),
        MoveRefusal::VolumeNotEmpty { label, node } => format!(
            "{node} already holds a volume {} with data in it: alacrity never overwrites it; \
             check it (`alacrity volumes ls`), remove it once sure (`alacrity volumes rm \
             {label}` against {node}'s engine), then run `{}` again",
            volume_name(label),
            rerun(args)
        ),
        MoveRefusal::UnmanagedVolume { label, node } => format!(
            "{node} has a volume {} that alacrity did not create: it is left alone; rename or \
             remove it yourself (`docker volume inspect {}` on {node})",
            volume_name(label),
            volume_name(label)
        ),
    }
}

/// The plan, on stderr: what is copied, the sizes, the free space.
fn show_plan(
    plan: &MovePlan,
    sizes: Option<&std::collections::HashMap<String, u64>>,
    printer: &Printer,
) {
    printer.info(format!(
        "moving `{}` from {} to {}, with its data:",
        plan.app, plan.from.hostname, plan.to.hostname
    ));
    for source in &plan.data {
        let size = match source {
            VolumeSource::Label(label) => sizes
                .and_then(|sizes| sizes.get(&volume_name(label)))
                .map_or("size not reported by the engine".to_string(), |s| {
                    human_size(*s)
                }),
            VolumeSource::HostPath(_) => "size not reported by the engine".to_string(),
        };
        let what = match source {
            VolumeSource::Label(label) => format!("volume {}", volume_name(label)),
            VolumeSource::HostPath(path) => {
                format!("host directory {} (same path)", path.display())
            }
        };
        printer.info(format!("  {what}: {size}"));
    }
    printer.info(format!(
        "  free space on {}: not reported by its engine (check with `df` there)",
        plan.to.hostname
    ));
    let stop = match plan.instances {
        0 => "it is stopped and stays stopped".to_string(),
        _ => format!(
            "it stops for the copy and starts on {} after it",
            plan.to.hostname
        ),
    };
    printer.info(format!(
        "  {stop}; the data on {} is kept (listed as retained)",
        plan.from.hostname
    ));
}

fn confirm(
    plan: &MovePlan,
    args: &AppsMoveArgs,
    printer: &Printer,
    yes: bool,
) -> anyhow::Result<()> {
    if !yes && !printer.can_ask() {
        return Err(InvalidInput(format!(
            "refusing to move `{}` without a confirmation, and there is no terminal to ask on; \
             nothing was changed: run `{}`",
            plan.app,
            rerun(args)
        ))
        .into());
    }
    let question = format!("Move `{}` to {} with its data?", plan.app, plan.to.hostname);
    let action = format!("move `{}` to {}", plan.app, plan.to.hostname);
    if !printer.confirm(&question, &action, yes)? {
        anyhow::bail!("not moved: nothing was changed");
    }
    Ok(())
}

/// What a move wrote on the target, for the put-back after a failure.
#[derive(Debug, Default)]
struct Written {
    /// Volumes it created (removed).
    volumes: Vec<String>,
    /// Host directories it copied into (what it wrote stays, recorded for the rerun).
    dirs: Vec<std::path::PathBuf>,
}

/// One move, with the engines it talks to.
struct Moving<'a> {
    /// A manager (services, records, the lock).
    engine: &'a Engine,
    source: &'a Engine,
    target: &'a Engine,
    args: &'a AppsMoveArgs,
    printer: &'a Printer,
}

impl Moving<'_> {
    async fn run(
        &self,
        plan: &MovePlan,
        prepared: &[Prepare],
        sizes: Option<&std::collections::HashMap<String, u64>>,
    ) -> anyhow::Result<Vec<crate::core::converge::AppProgress>> {
        let _handling = HandlingCtrlC::start();
        let mut created = Written::default();
        let before = async {
            if plan.instances > 0 {
                self.stop(plan).await?;
            }
            for (source, prepare) in plan.data.iter().zip(prepared) {
                self.copy(plan, source, *prepare, sizes, &mut created)
                    .await?;
            }
            anyhow::Ok(())
        };
        let outcome = tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(anyhow::Error::new(Interrupted(
                "interrupted".to_string()
            ))),
            outcome = before => outcome,
        };
        if let Err(err) = outcome {
            return Err(self.put_back(plan, &created, err).await);
        }
        crate::testhook::pause("move-copied");
        let target = self
            .engine
            .repin(&plan.app, &Pin::new(&plan.to.id), plan.instances)
            .await
            .map_err(|err| {
                err.context(format!(
                    "the data is copied to {}, but `{}` could not be pinned there; it stays \
                     stopped on {}; run `{}` again to finish",
                    plan.to.hostname,
                    plan.app,
                    plan.from.hostname,
                    rerun(self.args)
                ))
            })?;
        let records = self.engine.records().await?;
        if let Err(err) = self.engine.record_move(plan, &records).await {
            self.printer.warn(format!(
                "`{}` is on {} now, but the records of its data could not all be written: \
                 {err:#}; `alacrity volumes ls` may not list the old copy as left behind",
                plan.app, plan.to.hostname
            ));
        }
        if let Err(err) = self.unmark_partial_dirs(plan).await {
            self.printer.warn(format!("{err:#}"));
        }
        self.printer.info(format!(
            "{}: pinned to {}; waiting up to {} for it",
            plan.app,
            plan.to.hostname,
            humanize(self.args.timeout)
        ));
        self.wait(&target).await
    }

    /// Stops the app and waits until its container is gone.
    async fn stop(&self, plan: &MovePlan) -> anyhow::Result<()> {
        let app = self.engine.managed_app(&plan.app).await?;
        self.printer.info(format!(
            "{}: stopping it on {} for the copy",
            plan.app, plan.from.hostname
        ));
        let target = self.engine.stop_for_move(&app, plan.instances).await?;
        self.wait(&target).await?;
        self.printer.info(format!(
            "{}: stopped; its container on {} is gone",
            plan.app, plan.from.hostname
        ));
        Ok(())
    }

    async fn wait(
        &self,
        target: &Target,
    ) -> anyhow::Result<Vec<crate::core::converge::AppProgress>> {
        let mut lines = self.printer.progress_lines();
        self.engine
            .wait(
                std::slice::from_ref(target),
                self.args.timeout,
                self.args.monitor,
                |progress| {
                    for app in progress {
                        lines.show(&app.name, progress_line(app));
                    }
                },
            )
            .await?
            .map_err(wait_error)
    }

    /// Copies one directory to the target and verifies it.
    async fn copy(
        &self,
        plan: &MovePlan,
        source: &VolumeSource,
        prepare: Prepare,
        sizes: Option<&std::collections::HashMap<String, u64>>,
        created: &mut Written,
    ) -> anyhow::Result<()> {
        let (mount, shown, total) = match source {
            VolumeSource::Label(label) => {
                let name = volume_name(label);
                match prepare {
                    Prepare::ReplaceLeftover => {
                        self.target.remove_moved_volume(label).await?;
                        self.target
                            .create_moved_volume(label, &plan.app, &plan.from.id)
                            .await?;
                    }
                    Prepare::CreateVolume => {
                        self.target
                            .create_moved_volume(label, &plan.app, &plan.from.id)
                            .await?;
                    }
                    Prepare::ReuseVolume | Prepare::FillHostDir => {}
                }
                if prepare != Prepare::FillHostDir {
                    created.volumes.push(label.clone());
                }
                let total = sizes.and_then(|sizes| sizes.get(&name)).copied();
                (Mount::Volume(name.clone()), format!("volume {name}"), total)
            }
            VolumeSource::HostPath(path) => {
                // Recorded first: what the copy writes there stays if it stops short (no file is
                // deleted through the engine), and the rerun completes it.
                self.engine
                    .mark_partial_dir(path, &plan.app, &plan.to.id)
                    .await?;
                created.dirs.push(path.clone());
                (
                    Mount::HostDir(path.clone()),
                    format!("host directory {}", path.display()),
                    None,
                )
            }
        };
        let reader = DataDoor::open(self.source, mount.clone(), Access::Read)
            .await
            .with_context(|| format!("cannot read the {shown} on {}", plan.from.hostname))?;
        let writer = match DataDoor::open(self.target, mount, Access::Write).await {
            Ok(writer) => writer,
            Err(err) => {
                let _ = reader.close().await;
                return Err(
                    err.context(format!("cannot write the {shown} on {}", plan.to.hostname))
                );
            }
        };
        let copied = self.stream(plan, &reader, &writer, &shown, total).await;
        let closed = (reader.close().await, writer.close().await);
        copied?;
        closed.0?;
        closed.1?;
        Ok(())
    }

    async fn stream(
        &self,
        plan: &MovePlan,
        reader: &DataDoor,
        writer: &DataDoor,
        shown: &str,
        total: Option<u64>,
    ) -> anyhow::Result<()> {
        let (tar, manifest) = with_manifest(reader.read());
        let copied = Arc::new(AtomicU64::new(0));
        let write = writer.write(counting(tar, copied.clone()));
        tokio::pin!(write);
        // A live line on a terminal, redrawn 5 times a second; a plain line every 5 s otherwise.
        let every = match self.printer.is_interactive() {
            true => Duration::from_millis(200),
            false => Duration::from_secs(5),
        };
        let mut progress = self.printer.progress([shown]);
        let started = Instant::now();
        let written = loop {
            tokio::select! {
                written = &mut write => break written,
                _ = tokio::time::sleep(every) => {
                    let line = copy_line(shown, copied.load(Ordering::Relaxed), total, started);
                    progress.show(shown, line);
                }
            }
        };
        progress.finish(
            shown,
            copy_line(shown, copied.load(Ordering::Relaxed), total, started),
        );
        written.with_context(|| {
            format!(
                "cannot copy the {shown} from {} to {}",
                plan.from.hostname, plan.to.hostname
            )
        })?;
        let original = manifest.manifest().await?;
        let copy = manifest_of(writer.read()).await.with_context(|| {
            format!(
                "cannot read back the copy of the {shown} on {}",
                plan.to.hostname
            )
        })?;
        original.verify(&copy).map_err(|mismatch| {
            anyhow!(
                "the copy of the {shown} on {} differs from the original: {}",
                plan.to.hostname,
                mismatch.summary(5)
            )
        })?;
        self.printer.info(format!(
            "{}: {shown} copied and verified ({} entries, {})",
            plan.app,
            original.len(),
            human_size(original.content_bytes())
        ));
        Ok(())
    }

    /// The copies into host directories are complete: their records of a copy under way go.
    async fn unmark_partial_dirs(&self, plan: &MovePlan) -> anyhow::Result<()> {
        let records = self.engine.records().await?;
        for record in records
            .partial_dirs
            .iter()
            .filter(|r| r.app == plan.app && r.node_id == plan.to.id)
        {
            self.engine.unmark_partial_dir(record).await?;
        }
        Ok(())
    }

    /// Removes a volume the move created on the target. A copy cut short by Ctrl-C leaves its
    /// door (the container on the volume) to be removed in the background: the volume is in use
    /// until then, for a moment.
    async fn remove_partial(&self, label: &str) -> anyhow::Result<()> {
        let mut attempt = 0;
        loop {
            match self.target.remove_moved_volume(label).await {
                Err(err) if attempt < 20 && format!("{err:#}").contains("in use") => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                result => return result,
            }
        }
    }

    /// A failure before the re-pin: the volumes the move created on the target go, the app
    /// starts again on its old node, on its untouched data. Returns the error to report.
    async fn put_back(
        &self,
        plan: &MovePlan,
        created: &Written,
        err: anyhow::Error,
    ) -> anyhow::Error {
        let interrupted = err.is::<Interrupted>() || err.downcast_ref::<Interrupted>().is_some();
        let mut notes = Vec::new();
        for label in &created.volumes {
            match self.remove_partial(label).await {
                Ok(()) => notes.push(format!(
                    "the partial copy {} on {} was removed",
                    volume_name(label),
                    plan.to.hostname
                )),
                Err(remove) => notes.push(format!(
                    "the partial copy {} on {} could not be removed ({remove:#}); the rerun \
                     replaces it",
                    volume_name(label),
                    plan.to.hostname
                )),
            }
        }
        for path in &created.dirs {
            notes.push(format!(
                "what was copied into {} on {} stays there (alacrity deletes no files through \
                 the engine): do not use it; the rerun completes it",
                path.display(),
                plan.to.hostname
            ));
        }
        let back = async {
            let target = self.engine.put_back(&plan.app).await?;
            self.wait(&target).await
        };
        let state = match back.await {
            Ok(_) if plan.instances > 0 => format!(
                "`{}` is back on {}, running on its untouched data",
                plan.app, plan.from.hostname
            ),
            Ok(_) => format!(
                "`{}` is still on {}, its data untouched",
                plan.app, plan.from.hostname
            ),
            Err(back) => format!(
                "`{}` is still pinned to {} with its data untouched, but could not be started \
                 again: {back:#}; start it with `alacrity apps scale {} {}`",
                plan.app, plan.from.hostname, plan.app, plan.instances
            ),
        };
        let what = match interrupted {
            true => "interrupted: the move was called off".to_string(),
            false => format!("the move failed: {err:#}"),
        };
        let text = format!(
            "{what}\n  {state}\n  {}\n  run `{}` to try again",
            notes.join("\n  "),
            rerun(self.args)
        )
        .replace("\n  \n", "\n");
        match interrupted {
            true => Interrupted(text).into(),
            false => anyhow!(text),
        }
    }
}

/// The tar stream, counted as it flows (into `copied`); the test hook `move-copying` holds it
/// once 1 MiB went through.
fn counting(tar: TarStream, copied: Arc<AtomicU64>) -> TarStream {
    let mut hooked = false;
    let counted = tar.map(move |chunk: anyhow::Result<Bytes>| {
        if let Ok(bytes) = &chunk {
            let now = copied.fetch_add(bytes.len() as u64, Ordering::Relaxed) + bytes.len() as u64;
            if !hooked && now >= 1 << 20 {
                hooked = true;
                crate::testhook::pause("move-copying");
            }
        }
        chunk
    });
    Box::pin(counted)
}

/// `copying volume alacran--data: 120.5MB of ~1.0GB (45.2MB/s)`.
fn copy_line(shown: &str, copied: u64, total: Option<u64>, started: Instant) -> String {
    let seconds = started.elapsed().as_secs_f64().max(0.001);
    let rate = human_size((copied as f64 / seconds) as u64);
    let of = total
        .map(|t| format!(" of ~{}", human_size(t)))
        .unwrap_or_default();
    format!("copying {shown}: {}{of} ({rate}/s)", human_size(copied))
}
