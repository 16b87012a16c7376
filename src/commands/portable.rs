//! What `volumes export|import` and `binds export|import` share: finding the node that holds
//! the data and its engine, archive files (plain tar, gzip or zstd) read and written as they
//! stream, the copy with its progress, and stopping apps for a consistent export.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use bytes::Bytes;
use futures_util::StreamExt;
use serde::Serialize;

use crate::core::manifest::{Difference, Manifest, Mismatch};
use crate::core::nodes::{Node, find_node};
use crate::core::portable::{ExportStart, NodeChoice, WhileUsed, export_start, transfer_done};
use crate::core::usage::User;
use crate::engine::{
    Access, Connector, DataDoor, Engine, MissingHostDir, Mount, TarStream, manifest_of,
    with_manifest,
};
use crate::exit::{ExitStatus, HandlingCtrlC, Interrupted, InvalidInput};
use crate::printer::Printer;

/// How long `--stop` waits for an app to stop, and to run again.
const STOP_TIMEOUT: Duration = Duration::from_secs(300);
/// The size of the chunks read from an archive file.
const CHUNK: usize = 256 * 1024;
/// Chunks in flight between the file's thread and the engine.
const IN_FLIGHT: usize = 8;

/// The node `--node` names, else the one alacrity knows holds the data; `what` names the data
/// (`volume alacran--db`), `retry` is the command to suggest with `--node`.
pub fn pick_node<'a>(
    nodes: &'a [Node],
    given: Option<&str>,
    known: NodeChoice,
    what: &str,
    retry: &str,
) -> anyhow::Result<&'a Node> {
    if let Some(wanted) = given {
        return find_node(nodes, wanted).map_err(|_| {
            InvalidInput(format!(
                "there is no node `{wanted}` in the swarm (--node); `docker node ls` lists them"
            ))
            .into()
        });
    }
    let hostname = |id: &str| crate::core::nodes::hostname_of(nodes, id);
    match known {
        NodeChoice::One(id) => nodes.iter().find(|n| n.id == id).ok_or_else(|| {
            anyhow!(
                "the {what} is on node {id}, which is no longer in the swarm; its data is \
                 gone with it"
            )
        }),
        NodeChoice::Several(ids) => {
            let names: Vec<String> = ids.iter().map(|id| hostname(id)).collect();
            Err(InvalidInput(format!(
                "the {what} is on several nodes ({}); say which with --node, e.g. `{retry} --node {}`",
                names.join(", "),
                names[0]
            ))
            .into())
        }
        NodeChoice::Unknown if nodes.len() == 1 => Ok(&nodes[0]),
        NodeChoice::Unknown => Err(InvalidInput(format!(
            "alacrity has no record of the {what} and no app uses it, so it cannot tell which \
             node holds it; say which with --node, e.g. `{retry} --node {}`",
            nodes.first().map_or("NODE", |n| n.hostname.as_str())
        ))
        .into()),
    }
}

/// Users of some data, in words.
pub fn users_text(users: &[User]) -> String {
    users
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an archive is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression a file's name asks for: `.gz`/`.tgz` gzip, `.zst`/`.tzst` zstd, else none.
pub fn compression_of(path: &Path) -> Compression {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".gz") || name.ends_with(".tgz") {
        Compression::Gzip
    } else if name.ends_with(".zst") || name.ends_with(".zstd") || name.ends_with(".tzst") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// The compression an archive's first bytes show (files are read whatever their name).
fn compression_seen(head: &[u8]) -> Compression {
    match head {
        [0x1f, 0x8b, ..] => Compression::Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
        _ => Compression::None,
    }
}

/// Where an export goes: a file (written beside it first, then renamed), or stdout.
pub enum Destination {
    File(PathBuf),
    Stdout,
}

impl Destination {
    /// `-` is stdout (refused when it is a terminal); a file must not exist yet.
    pub fn of(arg: &Path, printer: &Printer) -> anyhow::Result<Destination> {
        if arg == Path::new("-") {
            if printer.stdout_is_terminal() {
                return Err(InvalidInput(
                    "refusing to write an archive to a terminal: name a file, e.g. `backup.tar.zst`, \
                     or send stdout to one (`> backup.tar`)"
                        .into(),
                )
                .into());
            }
            if printer.is_json() {
                return Err(InvalidInput(
                    "the archive goes to stdout, so the JSON document cannot: export to a file \
                     for `--output json` (e.g. `backup.tar.zst`)"
                        .into(),
                )
                .into());
            }
            return Ok(Destination::Stdout);
        }
        if arg.exists() {
            return Err(InvalidInput(format!(
                "{} exists already, and alacrity never overwrites a file: remove it or name \
                 another one",
                arg.display()
            ))
            .into());
        }
        Ok(Destination::File(arg.to_path_buf()))
    }

    pub fn describe(&self) -> String {
        match self {
            Destination::File(path) => path.display().to_string(),
            Destination::Stdout => "stdout".into(),
        }
    }
}

/// The file an export is written to until it is complete.
fn partial_of(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.alacrity-partial"))
}

enum Sink {
    Plain(Box<dyn Write + Send>),
    Gzip(flate2::write::GzEncoder<Box<dyn Write + Send>>),
    Zstd(zstd::stream::write::Encoder<'static, Box<dyn Write + Send>>),
}

impl Sink {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Plain(w) => w.write_all(bytes),
            Sink::Gzip(w) => w.write_all(bytes),
            Sink::Zstd(w) => w.write_all(bytes),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Plain(mut w) => w.flush(),
            Sink::Gzip(w) => w.finish()?.flush(),
            Sink::Zstd(w) => w.finish()?.flush(),
        }
    }
}

/// Writes stdout through the printer (which owns it).
struct PrinterOut(Printer);

impl Write for PrinterOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.raw(buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes `tar` to `destination` (compressed as its name says), telling `transfer` every chunk;
/// a file appears under its name only once complete. Returns the bytes of tar written.
pub async fn write_archive(
    mut tar: TarStream,
    destination: &Destination,
    printer: &Printer,
    transfer: &mut crate::printer::Transfer<'_>,
) -> anyhow::Result<()> {
    let (sink, partial) = match destination {
        Destination::File(path) => {
            let partial = partial_of(path);
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let out: Box<dyn Write + Send> =
                Box::new(std::io::BufWriter::with_capacity(CHUNK, file));
            let sink = match compression_of(path) {
                Compression::None => Sink::Plain(out),
                Compression::Gzip => Sink::Gzip(flate2::write::GzEncoder::new(
                    out,
                    flate2::Compression::default(),
                )),
                Compression::Zstd => Sink::Zstd(zstd::stream::write::Encoder::new(out, 3)?),
            };
            (sink, Some(partial))
        }
        Destination::Stdout => (
            Sink::Plain(Box::new(std::io::BufWriter::with_capacity(
                CHUNK,
                PrinterOut(printer.clone()),
            ))),
            None,
        ),
    };
    let (send, mut receive) = tokio::sync::mpsc::channel::<Bytes>(IN_FLIGHT);
    let writer = tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        let mut sink = sink;
        while let Some(chunk) = receive.blocking_recv() {
            sink.write_all(&chunk)?;
        }
        sink.finish()
    });
    let mut failure: Option<anyhow::Error> = None;
    while let Some(chunk) = tar.next().await {
        match chunk {
            Ok(chunk) => {
                transfer.advance(chunk.len() as u64);
                if send.send(chunk).await.is_err() {
                    break;
                }
            }
            Err(err) => {
                failure = Some(err);
                break;
            }
        }
    }
    drop(send);
    let written = writer
        .await
        .map_err(|err| anyhow!("the archive writer stopped: {err}"))?;
    let result = match (failure, written) {
        (Some(err), _) => Err(err),
        (None, Err(err)) => Err(anyhow::Error::new(err).context(format!(
            "cannot write the archive to {}",
            destination.describe()
        ))),
        (None, Ok(())) => Ok(()),
    };
    match (&result, partial, destination) {
        (Ok(()), Some(partial), Destination::File(path)) => std::fs::rename(&partial, path)
            .with_context(|| format!("cannot rename {} to {}", partial.display(), path.display())),
        (Err(_), Some(partial), _) => {
            let _ = std::fs::remove_file(&partial);
            result
        }
        _ => result,
    }
}

/// An archive to import: a file or stdin (`-`), plain, gzip or zstd (told by its first bytes),
/// read on a thread of its own as the engine takes it. Also its size on disk, when a file.
pub fn read_archive(arg: &Path, printer: &Printer) -> anyhow::Result<(TarStream, Option<u64>)> {
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if arg == Path::new("-") {
        if printer.stdin_is_terminal() {
            return Err(InvalidInput(
                "refusing to read an archive from a terminal: name a file, or send one to stdin \
                 (`< backup.tar`)"
                    .into(),
            )
            .into());
        }
        (Box::new(std::io::stdin()), None)
    } else {
        let file = std::fs::File::open(arg).map_err(|err| {
            InvalidInput(format!("cannot read the archive {}: {err}", arg.display()))
        })?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let (send, receive) = tokio::sync::mpsc::channel::<anyhow::Result<Bytes>>(IN_FLIGHT);
    let name = arg.display().to_string();
    tokio::task::spawn_blocking(move || {
        let mut buffered = BufReader::with_capacity(CHUNK, input);
        let head = match buffered.fill_buf() {
            Ok(head) => head.to_vec(),
            Err(err) => {
                let _ = send.blocking_send(Err(anyhow!("cannot read {name}: {err}")));
                return;
            }
        };
        let mut reader: Box<dyn Read> = match compression_seen(&head) {
            Compression::None => Box::new(buffered),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
            Compression::Zstd => match zstd::stream::read::Decoder::with_buffer(buffered) {
                Ok(decoder) => Box::new(decoder),
                Err(err) => {
                    let _ = send.blocking_send(Err(anyhow!("cannot read {name}: {err}")));
                    return;
                }
            },
        };
        loop {
            let mut chunk = vec![0u8; CHUNK];
            match reader.read(&mut chunk) {
                Ok(0) => return,
                Ok(n) => {
                    chunk.truncate(n);
                    if send.blocking_send(Ok(Bytes::from(chunk))).is_err() {
                        return;
                    }
                }
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => {
                    let _ = send.blocking_send(Err(anyhow!("cannot read {name}: {err}")));
                    return;
                }
            }
        }
    });
    let stream = futures_util::stream::unfold(receive, |mut receive| async move {
        receive.recv().await.map(|item| (item, receive))
    });
    Ok((Box::pin(stream), size))
}

/// `tar`, telling `transfer` of every chunk that flows.
pub fn counted<'a>(
    tar: TarStream,
    transfer: std::sync::Arc<std::sync::Mutex<crate::printer::Transfer<'a>>>,
) -> impl futures_util::Stream<Item = anyhow::Result<Bytes>> + 'a {
    tar.map(move |chunk| {
        if let (Ok(chunk), Ok(mut transfer)) = (&chunk, transfer.lock()) {
            transfer.advance(chunk.len() as u64);
        }
        chunk
    })
}

/// An app stopped for an export, and how many instances it had.
pub struct Stopped {
    pub app: String,
    pub instances: u64,
}

/// Stops `apps` (scales them to 0 and waits until none of their containers runs), under the
/// swarm's lock.
pub async fn stop_apps(
    manager: &Engine,
    connector: &Connector,
    apps: &[String],
    command: &str,
    printer: &Printer,
    stopped: &mut Vec<Stopped>,
) -> anyhow::Result<()> {
    for app in apps {
        let current = manager.managed_app(app).await?;
        let instances = current.app.instances;
        printer.info(format!("stopping app {app} for a consistent copy"));
        // Counted before it is scaled: whatever happens next, it is started again.
        stopped.push(Stopped {
            app: app.clone(),
            instances,
        });
        let (_, target) = crate::commands::lock::locked(
            manager,
            connector,
            command,
            printer,
            manager.scale(app, 0),
        )
        .await?;
        manager
            .wait(
                std::slice::from_ref(&target),
                STOP_TIMEOUT,
                Duration::ZERO,
                |_| {},
            )
            .await?
            .map_err(|end| {
                anyhow!(
                    "app {app} did not stop: {}",
                    crate::commands::deploy::wait_error(end)
                )
            })?;
    }
    Ok(())
}

/// Starts again the apps `stop_apps` stopped (whatever happened in between), and waits until
/// they run; every failure is told.
pub async fn start_apps(
    manager: &Engine,
    connector: &Connector,
    stopped: &[Stopped],
    command: &str,
    printer: &Printer,
) -> anyhow::Result<()> {
    // Ctrl-C now would leave the apps stopped: it waits until they run again.
    let _handling = HandlingCtrlC::start();
    let mut failures = Vec::new();
    for Stopped { app, instances } in stopped {
        printer.info(format!("starting app {app} again"));
        let scaled = crate::commands::lock::locked(
            manager,
            connector,
            command,
            printer,
            manager.scale(app, *instances),
        )
        .await;
        let result = match scaled {
            Ok((_, target)) => manager
                .wait(
                    std::slice::from_ref(&target),
                    STOP_TIMEOUT,
                    Duration::from_secs(2),
                    |_| {},
                )
                .await
                .and_then(|end| end.map(|_| ()).map_err(crate::commands::deploy::wait_error)),
            Err(err) => Err(err),
        };
        if let Err(err) = result {
            failures.push(format!(
                "app {app} did not start again: {err:#}; start it with `alacrity apps scale {app} {instances}`"
            ));
        }
    }
    match failures.is_empty() {
        true => Ok(()),
        false => bail!("{}", failures.join("\n")),
    }
}

/// Runs `work` with Ctrl-C handled: an interrupted copy ends with an error, so that what must
/// follow it (apps started again, a partial volume removed) still happens.
pub async fn interruptible<T>(
    work: impl std::future::Future<Output = anyhow::Result<T>>,
    what: &str,
) -> anyhow::Result<T> {
    let _handling = HandlingCtrlC::start();
    tokio::select! {
        biased;
        _ = tokio::signal::ctrl_c() => Err(Interrupted(format!("interrupted: {what} stopped")).into()),
        result = work => result,
    }
}

/// An export: what to read, where its users are, where to write.
pub struct Export<'a> {
    pub manager: &'a Engine,
    pub connector: &'a Connector,
    pub node: &'a Node,
    pub engine: Engine,
    pub mount: Mount,
    /// `volume alacran--db`, `directory /srv/db`.
    pub what: String,
    pub users: Vec<User>,
    pub mode: WhileUsed,
    pub destination: Destination,
    /// The size of the data, when the engine tells.
    pub total: Option<u64>,
    /// `volumes export`.
    pub command: &'static str,
    /// The command line to suggest, without --stop or --live.
    pub retry: String,
}

/// Exports the data as the users allow: refused while in use, unless `--stop` (the apps stop
/// for the copy and start again, also when it fails) or `--live`.
pub async fn export(job: Export<'_>, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let host = &job.node.hostname;
    let to_stop = match export_start(&job.users, job.mode) {
        ExportStart::Free => Vec::new(),
        ExportStart::InUse(users) => bail!("{}", in_use(&job.what, host, &users, &job.retry)),
        ExportStart::CannotStop(users) => {
            bail!("{}", cannot_stop(&job.what, host, &users, &job.retry))
        }
        ExportStart::Live(users) => {
            printer.warn(live_warning(&job.what, &users));
            Vec::new()
        }
        ExportStart::StopApps(apps) => apps,
    };
    // Stopping, then the copy: whatever fails or is interrupted, the apps stopped so far are
    // started again.
    let mut stopped = Vec::new();
    let work = async {
        stop_apps(
            job.manager,
            job.connector,
            &to_stop,
            job.command,
            printer,
            &mut stopped,
        )
        .await?;
        copy_out(&job, printer).await
    };
    let copy = interruptible(work, job.command).await;
    let started = start_apps(job.manager, job.connector, &stopped, job.command, printer).await;
    let copied = copy?;
    started?;
    render_copied(&copied, printer);
    Ok(ExitStatus::Success)
}

/// An export refused because the data is in use.
pub fn in_use(what: &str, host: &str, users: &[User], retry: &str) -> String {
    format!(
        "the {what} on {host} is in use by {}: a copy of data being written can be \
         inconsistent (a running database's is)\n  Stop its app for the copy with `{retry} \
         --stop`, or copy it as it is with `{retry} --live` (fine for plain files, not for a \
         database)",
        users_text(users)
    )
}

/// `--stop` refused: some users are not apps.
pub fn cannot_stop(what: &str, host: &str, users: &[User], retry: &str) -> String {
    format!(
        "the {what} on {host} is in use by {}, which --stop cannot stop (it stops only \
         alacrity's apps)\n  Stop them yourself and run `{retry}` again, or copy it as it is \
         with `{retry} --live`",
        users_text(users)
    )
}

/// The warning of `--live`.
pub fn live_warning(what: &str, users: &[User]) -> String {
    format!(
        "copying the {what} while it is in use by {} (--live): files being written may be \
         copied half-written",
        users_text(users)
    )
}

/// Which way a copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Exported,
    Imported,
}

/// A copy done: what `export` and `import` print (`--output json` too).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Copied {
    pub direction: Direction,
    /// `volume alacran--db`, `directory /srv/db`.
    pub data: String,
    /// The node's hostname.
    pub node: String,
    /// The archive file, `-` for stdout or stdin, or `volume NAME` (`--from-volume`).
    pub archive: String,
    pub bytes: u64,
    pub seconds: f64,
    /// The entries imported (imports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entries: Option<usize>,
    /// Whether what was written was read back and found equal to the archive (imports).
    pub verified: bool,
}

impl Copied {
    pub fn words(&self) -> String {
        let done = transfer_done(self.bytes, Duration::from_secs_f64(self.seconds));
        let archive = match self.archive.as_str() {
            "-" if self.direction == Direction::Exported => "stdout".to_string(),
            "-" => "stdin".to_string(),
            other => other.to_string(),
        };
        match self.direction {
            Direction::Exported => format!(
                "exported the {} of {} to {archive}: {done}",
                self.data, self.node
            ),
            Direction::Imported => format!(
                "imported {archive} into the {} on {}: {} entries, {done}{}",
                self.data,
                self.node,
                self.entries.unwrap_or_default(),
                if self.verified { ", verified" } else { "" }
            ),
        }
    }
}

/// Prints a copy done: on stdout (data), unless stdout is the archive (then on stderr, in
/// words).
pub fn render_copied(copied: &Copied, printer: &Printer) {
    // The archive went to stdout (never with --output json): the words go to stderr.
    let archive_on_stdout = copied.direction == Direction::Exported && copied.archive == "-";
    match (printer.is_json(), archive_on_stdout) {
        (_, true) => printer.info(copied.words()),
        (true, false) => printer.json(copied),
        (false, false) => printer.data(copied.words()),
    }
}

async fn copy_out(job: &Export<'_>, printer: &Printer) -> anyhow::Result<Copied> {
    let door = DataDoor::open(&job.engine, job.mount.clone(), Access::Read)
        .await
        .map_err(|err| door_error(err, &job.what, &job.node.hostname))?;
    let mut transfer = printer.transfer(&job.what, job.total);
    let written = write_archive(door.read(), &job.destination, printer, &mut transfer).await;
    transfer.finish();
    let closed = door.close().await;
    written?;
    closed?;
    Ok(Copied {
        direction: Direction::Exported,
        data: job.what.clone(),
        node: job.node.hostname.clone(),
        archive: match &job.destination {
            Destination::File(path) => path.display().to_string(),
            Destination::Stdout => "-".into(),
        },
        bytes: transfer.done(),
        seconds: transfer.elapsed().as_secs_f64(),
        entries: None,
        verified: false,
    })
}

/// A door that cannot open, in the product's words.
pub fn door_error(err: anyhow::Error, what: &str, host: &str) -> anyhow::Error {
    if let Some(missing) = err.downcast_ref::<MissingHostDir>() {
        let words = format!("there is no {what} on {host}");
        return match missing.not_directory {
            true => anyhow!("{words}: that path is not a directory there"),
            false => anyhow!(
                "{words}: create it there first (e.g. `mkdir -p {}`)",
                missing.path.display()
            ),
        };
    }
    err.context(format!("cannot reach the {what} on {host}"))
}

/// Writes `source` (from `archive`: a file, `-`, `volume NAME`) into the (new or empty) data
/// behind `mount`, then reads it back and checks that it holds what the archive did.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    engine: &Engine,
    mount: Mount,
    source: TarStream,
    total: Option<u64>,
    what: &str,
    host: &str,
    archive: &str,
    printer: &Printer,
) -> anyhow::Result<Copied> {
    let door = DataDoor::open(engine, mount, Access::Write)
        .await
        .map_err(|err| door_error(err, what, host))?;
    let result = interruptible(fill(&door, source, total, what, printer), "the import").await;
    let closed = door.close().await;
    let (entries, bytes, seconds) = result?;
    closed?;
    Ok(Copied {
        direction: Direction::Imported,
        data: what.to_string(),
        node: host.to_string(),
        archive: archive.to_string(),
        bytes,
        seconds,
        entries: Some(entries),
        verified: true,
    })
}

async fn fill(
    door: &DataDoor,
    source: TarStream,
    total: Option<u64>,
    what: &str,
    printer: &Printer,
) -> anyhow::Result<(usize, u64, f64)> {
    let transfer = std::sync::Arc::new(std::sync::Mutex::new(printer.transfer(what, total)));
    let (tar, sent) = with_manifest(source);
    let counted = counted(tar, transfer.clone());
    // The door takes a 'static stream: the counting happens on this side of a channel.
    let (send, receive) = tokio::sync::mpsc::channel::<anyhow::Result<Bytes>>(IN_FLIGHT);
    let body: TarStream = Box::pin(futures_util::stream::unfold(
        receive,
        |mut receive| async move { receive.recv().await.map(|item| (item, receive)) },
    ));
    let pump = async move {
        let mut counted = std::pin::pin!(counted);
        while let Some(item) = counted.next().await {
            let failed = item.is_err();
            if send.send(item).await.is_err() || failed {
                break;
            }
        }
    };
    let (written, ()) = tokio::join!(door.write(body), pump);
    written?;
    let archive = sent.manifest().await?;
    let copy = manifest_of(door.read())
        .await
        .context("cannot read back what was imported")?;
    verify_import(&archive, &copy)?;
    let transfer = transfer.lock().map_err(|_| anyhow!("progress lost"))?;
    transfer.finish();
    Ok((
        archive.len(),
        transfer.done(),
        transfer.elapsed().as_secs_f64(),
    ))
}

/// The imported tree holds every entry of the archive as it was; besides, only the top
/// directory and the directories the archive's paths imply (an archive need not list them).
fn verify_import(archive: &Manifest, copy: &Manifest) -> anyhow::Result<()> {
    let implied = |path: &str| {
        path == "."
            || archive
                .entries()
                .any(|e| e.path.starts_with(path) && e.path[path.len()..].starts_with('/'))
    };
    let differences: Vec<Difference> = archive
        .differences(copy)
        .into_iter()
        .filter(|d| match d {
            Difference::Extra(path) => !implied(path),
            _ => true,
        })
        .collect();
    match differences.is_empty() {
        true => Ok(()),
        false => Err(anyhow!(
            "{}\n  the data is written but differs from the archive; look at it before using it",
            Mismatch { differences }.summary(5)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_is_by_name_when_writing_and_by_content_when_reading() {
        assert_eq!(compression_of(Path::new("a.tar")), Compression::None);
        assert_eq!(compression_of(Path::new("a.tar.gz")), Compression::Gzip);
        assert_eq!(compression_of(Path::new("a.TGZ")), Compression::Gzip);
        assert_eq!(compression_of(Path::new("a.tar.zst")), Compression::Zstd);
        assert_eq!(compression_seen(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            compression_seen(&[0x28, 0xb5, 0x2f, 0xfd]),
            Compression::Zstd
        );
        assert_eq!(compression_seen(b"./\0\0"), Compression::None);
        assert_eq!(
            partial_of(Path::new("/b/x.tar")),
            PathBuf::from("/b/.x.tar.alacrity-partial")
        );
    }

    fn node(id: &str, hostname: &str) -> Node {
        Node {
            id: id.into(),
            hostname: hostname.into(),
            role: "worker".into(),
            state: "ready".into(),
            availability: "active".into(),
        }
    }

    #[test]
    fn the_node_is_the_one_given_or_known() {
        let nodes = [node("n1", "node1"), node("n2", "node2")];
        let pick = |given, known| {
            pick_node(
                &nodes,
                given,
                known,
                "volume alacran--db",
                "alacrity volumes export db",
            )
            .map(|n| n.hostname.clone())
        };
        assert_eq!(pick(Some("node2"), NodeChoice::Unknown).unwrap(), "node2");
        assert_eq!(pick(None, NodeChoice::One("n1".into())).unwrap(), "node1");
        let err = pick(None, NodeChoice::Several(vec!["n1".into(), "n2".into()])).unwrap_err();
        assert!(err.is::<InvalidInput>());
        assert!(
            err.to_string()
                .ends_with("`alacrity volumes export db --node node1`"),
            "{err}"
        );
        let err = pick(None, NodeChoice::Unknown).unwrap_err();
        assert!(err.to_string().contains("no record"), "{err}");
        assert!(pick(Some("node9"), NodeChoice::Unknown).is_err());
    }
}
