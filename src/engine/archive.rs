//! The data door: how alacrity reads and writes a volume or a host directory on one node,
//! through that node's engine alone, with no helper image and no tool in any image.
//!
//! A door is a container that is created and never started, with the data mounted at `/data`
//! (read-only for reading). Its content is read with `GET /containers/{id}/archive` (a tar
//! stream) and written with `PUT /containers/{id}/archive?copyUIDGID=1`; owners, modes,
//! symlinks, hard links, empty directories and times are kept, the top directory's own too.
//! Its image is alacrity's own, `alacrity/door:1`: an empty one imported on the node
//! (`POST /images/create?fromSrc=-`), whose command never runs. Nothing is pulled.
//!
//! Every door is labelled as alacrity's (`io.alacrity.door`: when it was made; `.owner`: the
//! machine and process that made it). `close` removes it on every path; one left by an alacrity
//! that was killed (its process gone from this machine, or older than a day) is removed by the
//! next door opened on that node.
//!
//! The streams are alacrity's form of a tree (`./`, `./a/f`: as `tar -C DIR -c .` writes it);
//! the engine's form (`data/a/f`) is rewritten as it flows, in constant memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use bollard::errors::Error;
use bollard::models::{ContainerCreateBody, HostConfig, Mount as DockerMount, MountType};
use bollard::query_parameters::{
    CreateContainerOptions, CreateImageOptions, DownloadFromContainerOptions,
    ListContainersOptions, RemoveContainerOptions, UploadToContainerOptions,
};
use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};

use super::error::probe_state;
use super::lock::now;
use super::tar_stream::{Rewriter, TarStream, door_to_portable, portable_to_door, process};
use super::{Engine, EngineError, engine_error, is_not_found};
use crate::core::host_paths::{PathState, probe_source};
use crate::core::labels;

/// alacrity's door image on every node: empty, its command never runs.
pub const DOOR_IMAGE: &str = "alacrity/door:1";
const DOOR_REPO: &str = "alacrity/door";
const DOOR_TAG: &str = "1";
/// Where a door mounts the data.
const DOOR_TARGET: &str = "/data";
/// The label on a door (and its image): when it was made, in seconds since the epoch.
pub const DOOR_LABEL: &str = "io.alacrity.door";
/// The label on a door: `HOSTNAME/PID` of the alacrity that made it.
const DOOR_OWNER: &str = "io.alacrity.door.owner";
/// A door older than this was left behind, whoever made it.
const STALE_DOOR_SECS: u64 = 24 * 3600;
/// How long writing a tree may take: as long as it needs (the engine answers at the end).
const WRITE_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 3600);

/// What a door opens onto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mount {
    /// A volume of the node (it must exist: a door never creates one).
    Volume(String),
    /// A directory of the node's file system (absolute; it must exist).
    HostDir(PathBuf),
}

impl std::fmt::Display for Mount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mount::Volume(name) => write!(f, "volume {name}"),
            Mount::HostDir(path) => write!(f, "directory {}", path.display()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Mounted read-only: the door can only be read.
    Read,
    Write,
}

/// A host directory that does not exist on the node (or is no directory).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no directory {} on that node{}", path.display(), match .not_directory {
    true => " (the path is something else than a directory)",
    false => "",
})]
pub struct MissingHostDir {
    pub path: PathBuf,
    pub not_directory: bool,
}

/// A volume that does not exist on the node.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no volume {name} on that node")]
pub struct MissingVolume {
    pub name: String,
}

/// An open door onto one volume or directory of one node. Close it with [`DataDoor::close`]; a
/// door dropped unclosed is removed in the background (best effort).
#[derive(Debug)]
pub struct DataDoor {
    engine: Engine,
    id: String,
    mount: Mount,
    access: Access,
    closed: bool,
}

impl DataDoor {
    /// Opens a door onto `mount` on `engine`'s node (removing doors left there before).
    pub async fn open(engine: &Engine, mount: Mount, access: Access) -> anyhow::Result<DataDoor> {
        engine.remove_stale_doors().await;
        engine.ensure_door_image().await?;
        let source = match &mount {
            Mount::Volume(name) => {
                match engine.docker.inspect_volume(name).await {
                    Ok(_) => {}
                    Err(err) if is_not_found(&err) => {
                        return Err(anyhow::Error::new(EngineError::from(err)))
                            .context(MissingVolume { name: name.clone() });
                    }
                    Err(err) => {
                        return Err(engine_error(err))
                            .with_context(|| format!("cannot look at the volume {name}"));
                    }
                }
                name.clone()
            }
            Mount::HostDir(path) => {
                if !path.is_absolute() {
                    bail!("{} is not an absolute path", path.display());
                }
                probe_source(path)
            }
        };
        let typ = match mount {
            Mount::Volume(_) => MountType::VOLUME,
            Mount::HostDir(_) => MountType::BIND,
        };
        let body = ContainerCreateBody {
            image: Some(DOOR_IMAGE.into()),
            labels: Some(door_labels()),
            network_disabled: Some(true),
            host_config: Some(HostConfig {
                mounts: Some(vec![DockerMount {
                    typ: Some(typ),
                    source: Some(source),
                    target: Some(DOOR_TARGET.into()),
                    read_only: Some(access == Access::Read),
                    ..Default::default()
                }]),
                network_mode: Some("none".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let options = CreateContainerOptions {
            name: Some(door_name()),
            ..Default::default()
        };
        let created = match engine.docker.create_container(Some(options), body).await {
            Ok(created) => created,
            Err(err) => return Err(open_failure(err, &mount)),
        };
        Ok(DataDoor {
            engine: engine.clone(),
            id: created.id,
            mount,
            access,
            closed: false,
        })
    }

    pub fn mount(&self) -> &Mount {
        &self.mount
    }

    /// The container's ID (for tests and traces).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The tree behind the door, as a tar stream in alacrity's form (`./...`).
    pub fn read(&self) -> TarStream {
        let mount = self.mount.clone();
        let raw = self
            .engine
            .docker
            .download_from_container(
                &self.id,
                Some(DownloadFromContainerOptions {
                    path: DOOR_TARGET.into(),
                }),
            )
            .map_err(move |err| {
                anyhow::Error::new(EngineError::from(err))
                    .context(format!("cannot read the {mount} through the engine"))
            });
        process(Box::pin(raw), Rewriter::new(door_to_portable))
    }

    /// Writes a tar stream in alacrity's form (`./...`, or relative paths) into the tree behind
    /// the door, keeping owners, modes and times (its top directory's too). What is there
    /// already stays unless the archive has the same paths. A failure may leave part of it
    /// written.
    pub async fn write(&self, tar: TarStream) -> anyhow::Result<()> {
        if self.access != Access::Write {
            bail!("the door onto the {} is read-only", self.mount);
        }
        // The first error of the stream itself (a bad archive, a broken source), to be told
        // rather than the engine's complaint about a body cut short.
        let failure: std::sync::Arc<std::sync::Mutex<Option<anyhow::Error>>> =
            std::sync::Arc::default();
        let seen = failure.clone();
        let body = process(tar, Rewriter::new(portable_to_door)).map(move |item| {
            item.map_err(|err| {
                let words = format!("{err:#}");
                if let Ok(mut first) = seen.lock() {
                    first.get_or_insert(err);
                }
                std::io::Error::other(words)
            })
        });
        let docker = self.engine.docker.clone().with_timeout(WRITE_TIMEOUT);
        let options = UploadToContainerOptions {
            path: "/".into(),
            copy_uidgid: Some("1".into()),
            ..Default::default()
        };
        let result = docker
            .upload_to_container(&self.id, Some(options), bollard::body_try_stream(body))
            .await;
        if let Some(err) = failure.lock().ok().and_then(|mut first| first.take()) {
            return Err(err);
        }
        result
            .map_err(engine_error)
            .with_context(|| format!("cannot write into the {} through the engine", self.mount))
    }

    /// Whether the tree holds nothing but its top directory (reads no more than its first
    /// entries).
    pub async fn is_empty(&self) -> anyhow::Result<bool> {
        let mut tar = self.read();
        let mut parser = super::tar_stream::Parser::default();
        let mut events = Vec::new();
        let mut entries = 0;
        while let Some(chunk) = tar.next().await {
            parser.feed(chunk?, &mut events)?;
            for event in events.drain(..) {
                if let super::tar_stream::Event::Entry(_) = event {
                    entries += 1;
                }
            }
            if entries > 1 {
                return Ok(false);
            }
            if parser.ended() {
                break;
            }
        }
        Ok(entries <= 1)
    }

    /// Removes the door (whatever happened before).
    pub async fn close(mut self) -> anyhow::Result<()> {
        self.closed = true;
        self.engine.remove_door(&self.id).await
    }
}

impl Drop for DataDoor {
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let engine = self.engine.clone();
            let id = self.id.clone();
            runtime.spawn(async move {
                let _ = engine.remove_door(&id).await;
            });
        }
    }
}

/// Why a door could not be made, in words: a missing directory has its own error.
fn open_failure(err: Error, mount: &Mount) -> anyhow::Error {
    if let (Mount::HostDir(path), Error::DockerResponseServerError { message, .. }) = (mount, &err)
    {
        let missing = |not_directory| MissingHostDir {
            path: path.clone(),
            not_directory,
        };
        match probe_state(message) {
            PathState::Missing => return missing(false).into(),
            PathState::NotDirectory => return missing(true).into(),
            _ => {}
        }
    }
    engine_error(err).context(format!(
        "cannot open the {mount} on the engine's node (a container that never starts)"
    ))
}

fn door_labels() -> HashMap<String, String> {
    HashMap::from([
        (DOOR_LABEL.to_string(), now().to_string()),
        (DOOR_OWNER.to_string(), owner()),
        (labels::MANAGED.to_string(), "true".to_string()),
    ])
}

/// `HOSTNAME/PID` of this process.
fn owner() -> String {
    format!("{}/{}", this_host(), std::process::id())
}

fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

fn door_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("alacrity-door-{}-{nanos:08x}", std::process::id())
}

/// Whether a door with these labels was left behind by an alacrity that is gone.
fn is_stale(
    labels: &HashMap<String, String>,
    now: u64,
    host: &str,
    alive: impl Fn(u32) -> bool,
) -> bool {
    let made = labels.get(DOOR_LABEL).and_then(|t| t.parse::<u64>().ok());
    if made.is_none_or(|made| now.saturating_sub(made) > STALE_DOOR_SECS) {
        return true;
    }
    let Some((owner_host, pid)) = labels.get(DOOR_OWNER).and_then(|o| o.rsplit_once('/')) else {
        return false;
    };
    let pid = pid.parse::<u32>().ok();
    owner_host == host && !host.is_empty() && pid.is_some_and(|pid| !alive(pid))
}

impl Engine {
    /// Removes a door, if it is still there.
    async fn remove_door(&self, id: &str) -> anyhow::Result<()> {
        let options = RemoveContainerOptions {
            force: true,
            v: false,
            ..Default::default()
        };
        match self.docker.remove_container(id, Some(options)).await {
            Ok(()) => Ok(()),
            Err(err) if is_not_found(&err) => Ok(()),
            Err(err) => Err(engine_error(err)).context("cannot remove alacrity's data door"),
        }
    }

    /// The doors of this node that alacrity left behind.
    pub(crate) async fn remove_stale_doors(&self) {
        let options = ListContainersOptions {
            all: true,
            filters: Some(HashMap::from([(
                "label".to_string(),
                vec![DOOR_LABEL.to_string()],
            )])),
            ..Default::default()
        };
        let Ok(doors) = self.docker.list_containers(Some(options)).await else {
            return;
        };
        let host = this_host();
        let alive = |pid: u32| Path::new(&format!("/proc/{pid}")).exists();
        for door in doors {
            let stale = door
                .labels
                .as_ref()
                .is_some_and(|labels| is_stale(labels, now(), &host, alive));
            if let (true, Some(id)) = (stale, door.id.as_deref()) {
                let _ = self.remove_door(id).await;
            }
        }
    }

    /// Imports alacrity's empty door image on this node, unless it is there.
    async fn ensure_door_image(&self) -> anyhow::Result<()> {
        match self.docker.inspect_image(DOOR_IMAGE).await {
            Ok(_) => return Ok(()),
            Err(err) if is_not_found(&err) => {}
            Err(err) => {
                return Err(engine_error(err)).context("cannot look for alacrity's door image");
            }
        }
        let options = CreateImageOptions {
            from_src: Some("-".into()),
            repo: Some(DOOR_REPO.into()),
            tag: Some(DOOR_TAG.into()),
            changes: vec![
                "CMD [\"/alacrity-door-never-runs\"]".into(),
                format!("LABEL {}=true {DOOR_LABEL}=image", labels::MANAGED),
            ],
            ..Default::default()
        };
        // An empty tar: two zero blocks.
        let empty = bollard::body_full(Bytes::from(vec![0u8; 1024]));
        let mut progress = self.docker.create_image(Some(options), Some(empty), None);
        while let Some(item) = progress.next().await {
            let info = item
                .map_err(engine_error)
                .context("cannot import alacrity's empty door image on the node")?;
            if let Some(detail) = info.error_detail {
                bail!(
                    "cannot import alacrity's empty door image on the node: {}",
                    detail.message.unwrap_or_default()
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doors_left_behind_are_told_from_live_ones() {
        let labels = |made: u64, owner: &str| {
            HashMap::from([
                (DOOR_LABEL.to_string(), made.to_string()),
                (DOOR_OWNER.to_string(), owner.to_string()),
            ])
        };
        let now = 1_000_000;
        let alive = |pid| pid == 42;
        // Ours, its process alive: kept.
        assert!(!is_stale(&labels(now - 10, "here/42"), now, "here", alive));
        // Ours, its process gone: removed.
        assert!(is_stale(&labels(now - 10, "here/43"), now, "here", alive));
        // Another machine's, recent: kept (its process cannot be seen from here).
        assert!(!is_stale(&labels(now - 10, "there/43"), now, "here", alive));
        // Anyone's, older than a day: removed.
        assert!(is_stale(
            &labels(now - 2 * 86_400, "there/43"),
            now,
            "here",
            alive
        ));
        // No time: removed.
        assert!(is_stale(&HashMap::new(), now, "here", alive));
    }
}
