//! The app model: what a valid spec says, in the product's words, with no source positions.
//!
//! `spec::load` turns TOML files into these types once every rule passes; the engine module
//! turns them into swarm services. Nothing here does I/O.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use super::units::{Cpus, Size};

/// The prefix of every Docker volume alacrity manages: label `my-volume` is volume `alacran--my-volume`.
pub const VOLUME_PREFIX: &str = "alacran--";

/// Service label keys alacrity keeps for itself: a spec's `labels` may not use them, so that a
/// user label can never make alacrity mistake what it manages.
pub const RESERVED_LABEL_PREFIX: &str = "io.alacrity.";

/// One app: becomes one swarm service of the same name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct App {
    pub name: String,
    pub image: String,
    pub persistent: bool,
    /// Desired number of running containers (at most 1 for a persistent app).
    pub instances: u64,
    /// Overrides the image's CMD.
    pub command: Option<Vec<String>>,
    /// Overrides the image's ENTRYPOINT.
    pub entrypoint: Option<Vec<String>>,
    /// The environment: the env files' variables in their order (a later file wins), then the
    /// spec's `env` on top.
    pub env: BTreeMap<String, String>,
    /// User labels put on the service (alacrity's own labels are added on top).
    pub labels: BTreeMap<String, String>,
    pub ports: Vec<Port>,
    pub volumes: Vec<Volume>,
    /// The node a persistent app is pinned to, by hostname or ID, as the spec says it.
    pub node: Option<String>,
    /// CPU and memory limits and reservations (none by default).
    pub resources: Resources,
    /// When the swarm restarts the app's containers.
    pub restart_policy: RestartPolicy,
    /// Secrets, then config files: files the swarm puts into the containers.
    pub files: Vec<FileMount>,
    /// How the swarm tells that a container is healthy.
    pub healthcheck: Healthcheck,
    /// The project the app was deployed from (its spec file's `project`, else the file's
    /// directory): `plan` and `deploy` tell which apps of a project its specs no longer declare.
    pub project: Option<String>,
}

/// How the swarm tells that an app's container is healthy. A container with a health check
/// counts as running only once healthy (its task stays `starting` until then), and one that turns
/// unhealthy is stopped and replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Healthcheck {
    /// Nothing in the spec: the image's own health check applies, if it has one.
    #[default]
    Image,
    /// `healthcheck = false`: none, even if the image has one.
    Disabled,
    /// The spec's own check.
    Check(HealthCheck),
}

/// A health check of the spec, each field filled (Docker's defaults where the spec gives none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthCheck {
    /// As the engine takes it: `["CMD", program, args...]` or `["CMD-SHELL", command]`.
    pub test: Vec<String>,
    /// Between two checks.
    pub interval: Duration,
    /// A check that runs longer fails.
    pub timeout: Duration,
    /// Failed checks in a row that make the container unhealthy.
    pub retries: u64,
    /// Time to start in: failed checks do not count until it passes (a healthy one ends it).
    pub start_period: Duration,
}

/// Docker's defaults for the fields a health check leaves out.
pub const DEFAULT_HEALTH_INTERVAL: Duration = Duration::from_secs(30);
pub const DEFAULT_HEALTH_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_HEALTH_RETRIES: u64 = 3;
/// No start period: failed checks count from the first.
pub const DEFAULT_HEALTH_START_PERIOD: Duration = Duration::ZERO;
/// The shortest interval, timeout or start period the engine takes (0 aside, which it reads as
/// its default).
pub const MIN_HEALTH_DURATION: Duration = Duration::from_millis(1);

impl HealthCheck {
    /// The longest a container can take to be found unhealthy: its start period, then `retries`
    /// failed checks, each up to its interval apart and its timeout long. The swarm must watch a
    /// new container at least that long before it calls an update good, or a bad release is
    /// reported as complete (swarmcli#475).
    pub fn verdict_within(&self) -> Duration {
        let retries = u32::try_from(self.retries.max(1)).unwrap_or(u32::MAX);
        self.start_period
            .saturating_add((self.interval.saturating_add(self.timeout)).saturating_mul(retries))
    }
}

/// CPU and memory for each container of an app, as docker compose's `deploy.resources`: limits
/// are enforced on the node (a container over its memory limit is killed), reservations are what
/// the swarm sets aside on a node before it places a container there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Resources {
    pub limits: ResourceSet,
    pub reservations: ResourceSet,
}

impl Resources {
    pub fn is_empty(&self) -> bool {
        self.limits.is_empty() && self.reservations.is_empty()
    }
}

/// A number of CPUs and an amount of memory, each optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ResourceSet {
    pub cpus: Option<Cpus>,
    pub memory: Option<Size>,
}

impl ResourceSet {
    pub fn is_empty(&self) -> bool {
        self.cpus.is_none() && self.memory.is_none()
    }
}

/// When the swarm restarts a container that stopped, as docker compose's
/// `deploy.restart_policy`. The default is what alacrity always did: restart whatever the exit,
/// 5 seconds after it, without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RestartPolicy {
    pub condition: RestartCondition,
    /// The pause before a restart.
    pub delay: Duration,
    /// How many restarts before giving up; 0: no limit.
    pub max_attempts: u64,
    /// How long a restarted container must run to count as a successful restart; 0: at once.
    pub window: Duration,
}

/// The pause before a restart when the spec gives none, so that a crashing app does not spin.
pub const DEFAULT_RESTART_DELAY: Duration = Duration::from_secs(5);

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy {
            condition: RestartCondition::Any,
            delay: DEFAULT_RESTART_DELAY,
            max_attempts: 0,
            window: Duration::ZERO,
        }
    }
}

/// Which exits the swarm restarts a container after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestartCondition {
    /// Never: a container that stops stays stopped.
    None,
    /// Only after a non-zero exit.
    OnFailure,
    /// Whatever the exit.
    Any,
}

impl RestartCondition {
    pub const ALL: [RestartCondition; 3] = [
        RestartCondition::None,
        RestartCondition::OnFailure,
        RestartCondition::Any,
    ];

    /// The word of the spec (and of docker compose).
    pub fn word(self) -> &'static str {
        match self {
            RestartCondition::None => "none",
            RestartCondition::OnFailure => "on-failure",
            RestartCondition::Any => "any",
        }
    }
}

impl fmt::Display for RestartCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

impl FromStr for RestartCondition {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|condition| condition.word() == text)
            .ok_or(())
    }
}

/// A secret (kept in the swarm's encrypted store, in memory on the node) or a config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Secret,
    Config,
}

impl FileKind {
    /// Its word for people and labels: `secret`, `config`.
    pub fn word(self) -> &'static str {
        match self {
            FileKind::Secret => "secret",
            FileKind::Config => "config",
        }
    }

    /// Where the file goes in the container when the spec does not say: as docker does.
    pub fn default_target(self, name: &str) -> String {
        match self {
            FileKind::Secret => format!("/run/secrets/{name}"),
            FileKind::Config => format!("/{name}"),
        }
    }
}

/// A secret or config file of an app: which swarm object holds its content (named after the
/// app, the file and the content's hash, see `core::files`), and where and how it is in the
/// container. Two mounts are the same when they mount the same object the same way: `name` is
/// for people, and the content (known for a spec's app only) is compared through the object.
#[derive(Debug, Clone, Eq, Serialize)]
pub struct FileMount {
    pub kind: FileKind,
    /// The file's name in the spec (`name = "db-password"`).
    pub name: String,
    /// The swarm object's name.
    pub object: String,
    /// Absolute path in the container.
    pub target: String,
    pub uid: String,
    pub gid: String,
    pub mode: u32,
    /// The content, for the deploy that creates the object; `None` when read from the swarm.
    #[serde(skip)]
    pub content: Option<Content>,
}

impl PartialEq for FileMount {
    fn eq(&self, other: &Self) -> bool {
        (
            self.kind,
            &self.object,
            &self.target,
            &self.uid,
            &self.gid,
            self.mode,
        ) == (
            other.kind,
            &other.object,
            &other.target,
            &other.uid,
            &other.gid,
            other.mode,
        )
    }
}

/// A secret's or config's mode in the container when the spec does not say: readable by all,
/// as docker does (the container's user is rarely root).
pub const DEFAULT_FILE_MODE: u32 = 0o444;
/// The largest secret or config the swarm takes.
pub const MAX_FILE_BYTES: usize = 500 * 1024;

/// The longest name the swarm takes for a secret or a config.
pub const MAX_OBJECT_NAME: usize = 64;
/// How many hex digits of the content's hash a name carries.
const HASH_IN_NAME: usize = 12;

/// The hash of a file's content, as names and labels carry it (hex SHA-256).
pub fn content_digest(content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The swarm object of an app's file with this content: `APP--FILE--HASH12`, the app and file
/// parts shortened (each keeps at least its first characters) when the whole would exceed the
/// swarm's 64 characters. Two contents never share a name; the labels say the rest.
pub fn object_name(app: &str, file: &str, digest: &str) -> String {
    let hash = &digest[..HASH_IN_NAME.min(digest.len())];
    let room = MAX_OBJECT_NAME - hash.len() - 4;
    let (mut app_len, mut file_len) = (app.chars().count(), file.chars().count());
    while app_len + file_len > room {
        if app_len >= file_len {
            app_len -= 1;
        } else {
            file_len -= 1;
        }
    }
    let app: String = app.chars().take(app_len).collect();
    let file: String = file.chars().take(file_len).collect();
    format!("{app}--{file}--{hash}")
}

/// A file's content: never shown (its `Debug` says how long it is), never serialized.
#[derive(Clone, PartialEq, Eq)]
pub struct Content {
    bytes: std::sync::Arc<[u8]>,
    /// Hex SHA-256 of the bytes.
    pub digest: String,
}

impl Content {
    pub fn new(bytes: Vec<u8>, digest: String) -> Self {
        Content {
            bytes: bytes.into(),
            digest,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Content({} bytes, not shown)", self.bytes.len())
    }
}

/// A published port: `published:target[/tcp|/udp]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Port {
    pub published: u16,
    pub target: u16,
    pub protocol: Protocol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        })
    }
}

/// Parses `published:target[/tcp|/udp]`, as docker's `--publish` writes it (without a host address,
/// which swarm's ingress does not support). The error says what is wrong with the text.
impl FromStr for Port {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (numbers, protocol) = match text.split_once('/') {
            Some((numbers, protocol)) => (numbers, parse_protocol(protocol)?),
            None => (text, Protocol::Tcp),
        };
        let parts: Vec<&str> = numbers.split(':').collect();
        let [published, target] = parts[..] else {
            return Err(if parts.len() == 1 {
                "has no published port: write both, published:target".to_string()
            } else {
                "has a host address, which swarm does not support: write published:target"
                    .to_string()
            });
        };
        Ok(Port {
            published: parse_port_number(published)?,
            target: parse_port_number(target)?,
            protocol,
        })
    }
}

fn parse_protocol(text: &str) -> Result<Protocol, String> {
    match text {
        "tcp" => Ok(Protocol::Tcp),
        "udp" => Ok(Protocol::Udp),
        other => Err(format!("has the protocol `{other}`: use tcp or udp")),
    }
}

fn parse_port_number(text: &str) -> Result<u16, String> {
    if text.contains('-') && !text.starts_with('-') {
        return Err(format!("has the range `{text}`: list each port on its own"));
    }
    let all_digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<u16>() {
        Ok(port) if all_digits && port > 0 => Ok(port),
        _ if all_digits => Err(format!("has the port {text}: ports go from 1 to 65535")),
        _ => Err(format!("has `{text}` where a port number belongs")),
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}/{}", self.published, self.target, self.protocol)
    }
}

/// A persistent directory of an app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volume {
    pub source: VolumeSource,
    /// Absolute path inside the container.
    pub container_path: String,
    pub read_only: bool,
}

/// Where a persistent directory's data lives on the host.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeSource {
    /// A named volume managed by alacrity: `alacran--<label>`.
    Label(String),
    /// An existing directory on the node, bind-mounted.
    HostPath(PathBuf),
}

impl VolumeSource {
    /// The Docker volume name of a label (`alacran--<label>`), `None` for a host path.
    pub fn volume_name(&self) -> Option<String> {
        match self {
            VolumeSource::Label(label) => Some(volume_name(label)),
            VolumeSource::HostPath(_) => None,
        }
    }
}

impl fmt::Display for VolumeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VolumeSource::Label(label) => f.write_str(&volume_name(label)),
            VolumeSource::HostPath(path) => write!(f, "{}", path.display()),
        }
    }
}

/// `my-volume` -> `alacran--my-volume`; a name that already has the prefix is kept as is.
pub fn volume_name(label_or_name: &str) -> String {
    if label_or_name.starts_with(VOLUME_PREFIX) {
        label_or_name.to_string()
    } else {
        format!("{VOLUME_PREFIX}{label_or_name}")
    }
}

/// `alacran--my-volume` -> `Some("my-volume")`; `None` for a volume alacrity does not manage.
pub fn label_of(volume_name: &str) -> Option<&str> {
    volume_name
        .strip_prefix(VOLUME_PREFIX)
        .filter(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_volume_names() {
        assert_eq!(volume_name("my-volume"), "alacran--my-volume");
        assert_eq!(volume_name("alacran--my-volume"), "alacran--my-volume");
        assert_eq!(label_of("alacran--my-volume"), Some("my-volume"));
        assert_eq!(label_of("my-volume"), None);
        assert_eq!(label_of("alacran--"), None);
    }

    #[test]
    fn ports_print_like_docker() {
        let port = Port {
            published: 8080,
            target: 80,
            protocol: Protocol::Tcp,
        };
        assert_eq!(port.to_string(), "8080:80/tcp");
    }

    #[test]
    fn ports_parse_like_docker_publish() {
        let port = |text: &str| text.parse::<Port>();
        assert_eq!(port("8080:80").unwrap().to_string(), "8080:80/tcp");
        assert_eq!(port("53:53/udp").unwrap().to_string(), "53:53/udp");
        assert_eq!(port("1:65535/tcp").unwrap().to_string(), "1:65535/tcp");
        for bad in [
            "80",
            "0:80",
            "8080:0",
            "70000:80",
            "8080:80/sctp",
            "a:80",
            "8080:",
            ":80",
            "",
            "127.0.0.1:8080:80",
            "8000-8010:8000-8010",
            "+80:80",
            "-1:80",
            " 80:80",
            "8080:80/",
        ] {
            assert!(port(bad).is_err(), "{bad:?} parsed");
        }
        assert!(port("8000-8010:80").unwrap_err().contains("range"));
        assert!(port("99999:80").unwrap_err().contains("1 to 65535"));
    }
}
