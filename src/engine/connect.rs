//! Where the engine is (`--host`, else `DOCKER_HOST`, else the docker CLI's current context, else
//! the local socket), and connecting to it with errors that say what to do.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use bollard::models::{LocalNodeState, SwarmInfo, SystemInfo};
use bollard::{ClientVersion, Docker};
use sha2::{Digest, Sha256};

use super::{Engine, Tracer};

/// The local socket, used when nothing else names an engine.
pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

/// How long one API call may take; deploys poll, so no single call needs long.
const REQUEST_TIMEOUT_SECS: u64 = 60;
/// How long the first contact may take before the engine counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An engine address and where it came from (error messages say both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub url: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag,
    DockerHost,
    Context(String),
    Default,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Origin::Flag => write!(f, "{} (from --host)", self.url),
            Origin::DockerHost => write!(f, "{} (from DOCKER_HOST)", self.url),
            Origin::Context(name) => write!(f, "{} (docker context `{name}`)", self.url),
            Origin::Default => write!(f, "{}", self.url),
        }
    }
}

/// Finds the engine address from the flag, the environment and the docker CLI's configuration.
pub fn resolve(flag: Option<&str>) -> anyhow::Result<Address> {
    resolve_with(flag, &|name| std::env::var(name).ok(), &|path| {
        std::fs::read_to_string(path).ok()
    })
}

/// `resolve` with the environment and file reads injected (for tests).
pub fn resolve_with(
    flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    read: &dyn Fn(&Path) -> Option<String>,
) -> anyhow::Result<Address> {
    let address = |url: &str, origin| Address {
        url: url.to_string(),
        origin,
    };
    if let Some(url) = flag.filter(|url| !url.is_empty()) {
        return Ok(address(url, Origin::Flag));
    }
    if let Some(url) = env("DOCKER_HOST").filter(|url| !url.is_empty()) {
        return Ok(address(&url, Origin::DockerHost));
    }
    let config_dir = match env("DOCKER_CONFIG").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env("HOME").unwrap_or_default()).join(".docker"),
    };
    match current_context(env, read, &config_dir) {
        Some(name) if name != "default" => {
            let url = context_endpoint(read, &config_dir, &name)?;
            Ok(address(&url, Origin::Context(name)))
        }
        _ => Ok(address(DEFAULT_HOST, Origin::Default)),
    }
}

/// `DOCKER_CONTEXT`, else `currentContext` of the CLI's config.json.
fn current_context(
    env: &dyn Fn(&str) -> Option<String>,
    read: &dyn Fn(&Path) -> Option<String>,
    config_dir: &Path,
) -> Option<String> {
    if let Some(name) = env("DOCKER_CONTEXT").filter(|name| !name.is_empty()) {
        return Some(name);
    }
    let config: serde_json::Value =
        serde_json::from_str(&read(&config_dir.join("config.json"))?).ok()?;
    let name = config.get("currentContext")?.as_str()?;
    (!name.is_empty()).then(|| name.to_string())
}

/// The docker endpoint of a named context: `contexts/meta/<sha256 of name>/meta.json`.
fn context_endpoint(
    read: &dyn Fn(&Path) -> Option<String>,
    config_dir: &Path,
    name: &str,
) -> anyhow::Result<String> {
    let digest = hex::encode(Sha256::digest(name.as_bytes()));
    let meta_path = config_dir
        .join("contexts")
        .join("meta")
        .join(digest)
        .join("meta.json");
    let meta = read(&meta_path).ok_or_else(|| {
        anyhow!(
            "the docker context `{name}` is current, but {} cannot be read; \
             list the contexts with `docker context ls`, or pass --host",
            meta_path.display()
        )
    })?;
    let meta: serde_json::Value = serde_json::from_str(&meta)
        .with_context(|| format!("{} is not valid JSON", meta_path.display()))?;
    meta.pointer("/Endpoints/docker/Host")
        .and_then(|host| host.as_str())
        .map(str::to_string)
        .ok_or_else(|| {
            anyhow!(
                "the docker context `{name}` has no docker endpoint ({} lacks Endpoints.docker.Host); \
                 check it with `docker context inspect {name}`, or pass --host",
                meta_path.display()
            )
        })
}

/// How to reach an address: a unix socket path or an HTTP `host:port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(String),
    Http(String),
}

/// Parses an engine URL: `unix:///path`, `tcp://host[:port]`, `http://host[:port]`.
pub fn endpoint(url: &str) -> anyhow::Result<Endpoint> {
    if let Some(path) = url.strip_prefix("unix://") {
        if path.is_empty() {
            bail!("`{url}` names no socket: use e.g. unix:///var/run/docker.sock");
        }
        return Ok(Endpoint::Unix(path.to_string()));
    }
    for scheme in ["tcp://", "http://"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            let authority = rest.trim_end_matches('/');
            if authority.is_empty() || authority.contains('/') {
                bail!("`{url}` is not an engine address: use e.g. tcp://10.0.0.5:2375");
            }
            // The docker CLI's default port for plain TCP.
            let with_port = if authority
                .rsplit_once(':')
                .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
            {
                authority.to_string()
            } else {
                format!("{authority}:2375")
            };
            return Ok(Endpoint::Http(with_port));
        }
    }
    match url.split_once("://") {
        Some((scheme @ ("ssh" | "https" | "npipe"), _)) => bail!(
            "{scheme}:// engine addresses are not supported (`{url}`): use unix:// or tcp://, \
             e.g. through an SSH tunnel: `ssh -NL /tmp/docker.sock:/var/run/docker.sock HOST` \
             then --host unix:///tmp/docker.sock"
        ),
        _ => bail!(
            "`{url}` is not an engine address: use unix:///path/to/docker.sock or tcp://HOST:PORT"
        ),
    }
}

impl Engine {
    /// Connects to the engine at an address and checks that it is a swarm manager, with one
    /// light call (`GET /swarm`, which only a manager answers). The node ID of the engine is read
    /// later, and only if a command needs it (`local_node_id`).
    pub async fn connect(address: Address, tracer: Option<Tracer>) -> anyhow::Result<Engine> {
        let docker = open_traced(&address, tracer.clone())?;
        let (swarm, api) = tokio::join!(
            tokio::time::timeout(CONNECT_TIMEOUT, docker.inspect_swarm()),
            super::api_version::require(&docker, &address, tracer.as_ref()),
        );
        api?;
        match swarm {
            Ok(Ok(_)) => Ok(Engine::new(docker, address, tracer.clone(), None, None)),
            // Not a manager, not in a swarm, or locked: `GET /info` says which (or that it
            // is a manager after all, e.g. promoted meanwhile).
            Ok(Err(err)) if is_unavailable(&err) => {
                let info = system_info(&docker, &address).await?;
                let node_id = swarm_manager_node(&address, &swarm_of(&info))?;
                Ok(Engine::new(
                    docker,
                    address,
                    tracer.clone(),
                    Some(node_id),
                    Some(info),
                ))
            }
            Ok(Err(err)) => Err(unreachable(
                &address,
                &super::EngineError::from(err).to_string(),
            )),
            Err(_) => Err(unreachable(&address, "no answer within 10 seconds")),
        }
    }

    /// Connects to the engine of any active swarm node, manager or worker (the commands that
    /// act on a node's own data need that node's engine); `true` with a manager.
    pub async fn connect_member(
        address: Address,
        tracer: Option<Tracer>,
    ) -> anyhow::Result<(Engine, bool)> {
        let docker = open_traced(&address, tracer.clone())?;
        let (info, api) = tokio::join!(
            tokio::time::timeout(CONNECT_TIMEOUT, system_info(&docker, &address)),
            super::api_version::require(&docker, &address, tracer.as_ref()),
        );
        api?;
        let info = match info {
            Ok(info) => info?,
            Err(_) => return Err(unreachable(&address, "no answer within 10 seconds")),
        };
        let swarm = swarm_of(&info);
        let manager = match swarm.local_node_state {
            Some(LocalNodeState::ACTIVE) => swarm.control_available == Some(true),
            // Not an active member (swarm mode off, locked, joining): the same error as for a
            // manager; `swarm_manager_node` never accepts these states.
            _ => {
                swarm_manager_node(&address, &swarm)?;
                false
            }
        };
        let node_id = swarm.node_id.unwrap_or_default();
        let engine = Engine::new(docker, address, tracer.clone(), Some(node_id), Some(info));
        Ok((engine, manager))
    }

    /// The engine's `GET /info`, read once.
    pub(crate) async fn info(&self) -> anyhow::Result<&SystemInfo> {
        self.info
            .get_or_try_init(|| system_info(&self.docker, &self.address))
            .await
    }

    /// The swarm node ID of the engine alacrity talks to, from `GET /info`.
    pub(crate) async fn read_local_node_id(&self) -> anyhow::Result<String> {
        let swarm = swarm_of(self.info().await?);
        swarm_manager_node(&self.address, &swarm)
    }
}

/// A client for the engine at an address; `tracer` is told every API call.
///
/// No version negotiation: bollard 0.21 sends unversioned paths (`/services`, not
/// `/v1.41/services`), which the engine answers in its own current API version, so negotiating
/// would cost a round trip for nothing (and on Docker 20.10 `GET /version` runs `runc --version`
/// and `docker-init --version`: about 6 ms). The client version is set to the oldest engine API
/// alacrity supports, in case a later bollard puts it in the paths.
fn open_traced(address: &Address, tracer: Option<Tracer>) -> anyhow::Result<Docker> {
    let endpoint = endpoint(&address.url)?;
    let mut docker = open(&endpoint).map_err(|err| unreachable(address, &err.to_string()))?;
    if let Some(tracer) = tracer {
        docker = docker.with_request_modifier(move |request| {
            let path = request.uri().path_and_query().map_or("", |p| p.as_str());
            tracer(&format!("engine: {} {path}", request.method()));
            request
        });
    }
    Ok(docker)
}

/// `GET /info`: about 10 ms on Docker 20.10, which runs `runc` and `docker-init` to answer it.
async fn system_info(docker: &Docker, address: &Address) -> anyhow::Result<SystemInfo> {
    docker
        .info()
        .await
        .map_err(|err| unreachable(address, &super::EngineError::from(err).to_string()))
}

fn swarm_of(info: &SystemInfo) -> SwarmInfo {
    info.swarm.clone().unwrap_or_default()
}

/// The engine's answer to a manager-only call on an engine that is no manager.
fn is_unavailable(err: &bollard::errors::Error) -> bool {
    matches!(
        err,
        bollard::errors::Error::DockerResponseServerError {
            status_code: 503,
            ..
        }
    )
}

/// The oldest engine API alacrity supports (Docker 20.10).
const MIN_API_VERSION: ClientVersion = ClientVersion {
    major_version: 1,
    minor_version: 41,
};

fn open(endpoint: &Endpoint) -> Result<Docker, bollard::errors::Error> {
    let version = &MIN_API_VERSION;
    match endpoint {
        Endpoint::Unix(path) => Docker::connect_with_unix(path, REQUEST_TIMEOUT_SECS, version),
        Endpoint::Http(authority) => Docker::connect_with_http(
            &format!("http://{authority}"),
            REQUEST_TIMEOUT_SECS,
            version,
        ),
    }
}

fn unreachable(address: &Address, cause: &str) -> anyhow::Error {
    anyhow!(
        "cannot reach the Docker engine at {address}: {cause}\n  \
         Is dockerd running? Start it, or point --host (or DOCKER_HOST) at a running engine; \
         check with `docker -H {} info`",
        address.url
    )
}

/// The local node's ID, when the engine is a swarm manager; otherwise what to do about it.
fn swarm_manager_node(address: &Address, swarm: &SwarmInfo) -> anyhow::Result<String> {
    let node_id = swarm.node_id.clone().unwrap_or_default();
    match swarm.local_node_state {
        Some(LocalNodeState::ACTIVE) if swarm.control_available == Some(true) => Ok(node_id),
        Some(LocalNodeState::ACTIVE) => bail!(
            "the engine at {address} is a swarm worker, not a manager: alacrity needs a manager; \
             point --host at a manager node (`docker node ls` on a manager lists them)"
        ),
        Some(LocalNodeState::LOCKED) => bail!(
            "the swarm of the engine at {address} is locked: unlock it with `docker swarm unlock`"
        ),
        Some(LocalNodeState::PENDING) => bail!(
            "the engine at {address} is still joining its swarm: wait a moment and retry, \
             or see `docker info`"
        ),
        Some(LocalNodeState::ERROR) => bail!(
            "the engine at {address} reports a swarm error: {}; see `docker info`",
            swarm.error.clone().unwrap_or_default()
        ),
        _ => bail!(
            "the engine at {address} is not a swarm manager (swarm mode is off): \
             run `docker swarm init` on it, or point --host at a swarm manager"
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn resolve_in(
        flag: Option<&str>,
        env: &[(&str, &str)],
        files: &[(&str, &str)],
    ) -> anyhow::Result<Address> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let files: HashMap<PathBuf, String> = files
            .iter()
            .map(|(k, v)| (PathBuf::from(k), v.to_string()))
            .collect();
        resolve_with(flag, &|name| env.get(name).cloned(), &|path| {
            files.get(path).cloned()
        })
    }

    const META_DIR: &str = "/home/u/.docker/contexts/meta";

    fn meta_path(name: &str) -> String {
        format!(
            "{META_DIR}/{}/meta.json",
            hex::encode(Sha256::digest(name.as_bytes()))
        )
    }

    #[test]
    fn the_flag_wins_then_docker_host() {
        let env = [("DOCKER_HOST", "tcp://10.0.0.1:2375"), ("HOME", "/home/u")];
        let address = resolve_in(Some("unix:///x.sock"), &env, &[]).unwrap();
        assert_eq!(address.url, "unix:///x.sock");
        assert_eq!(address.origin, Origin::Flag);
        let address = resolve_in(None, &env, &[]).unwrap();
        assert_eq!(address.url, "tcp://10.0.0.1:2375");
        assert_eq!(address.origin, Origin::DockerHost);
    }

    #[test]
    fn without_anything_the_local_socket() {
        let address = resolve_in(None, &[("HOME", "/home/u")], &[]).unwrap();
        assert_eq!(address.url, DEFAULT_HOST);
        let config = [(
            "/home/u/.docker/config.json",
            r#"{"currentContext":"default"}"#,
        )];
        let address = resolve_in(None, &[("HOME", "/home/u")], &config).unwrap();
        assert_eq!(address.url, DEFAULT_HOST);
    }

    #[test]
    fn the_current_context_of_config_json() {
        let meta = meta_path("prod");
        let files = [
            (
                "/home/u/.docker/config.json",
                r#"{"currentContext":"prod"}"#,
            ),
            (
                meta.as_str(),
                r#"{"Name":"prod","Endpoints":{"docker":{"Host":"tcp://10.0.0.9:2375"}}}"#,
            ),
        ];
        let address = resolve_in(None, &[("HOME", "/home/u")], &files).unwrap();
        assert_eq!(address.url, "tcp://10.0.0.9:2375");
        assert_eq!(address.origin, Origin::Context("prod".into()));
    }

    #[test]
    fn docker_context_and_docker_config_override_the_config() {
        let meta =
            "/cfg/contexts/meta/".to_string() + &hex::encode(Sha256::digest(b"ci")) + "/meta.json";
        let files = [
            ("/cfg/config.json", r#"{"currentContext":"other"}"#),
            (
                meta.as_str(),
                r#"{"Endpoints":{"docker":{"Host":"unix:///run/ci.sock"}}}"#,
            ),
        ];
        let env = [("DOCKER_CONFIG", "/cfg"), ("DOCKER_CONTEXT", "ci")];
        let address = resolve_in(None, &env, &files).unwrap();
        assert_eq!(address.url, "unix:///run/ci.sock");
    }

    #[test]
    fn a_missing_context_says_how_to_list_them() {
        let files = [(
            "/home/u/.docker/config.json",
            r#"{"currentContext":"gone"}"#,
        )];
        let err = resolve_in(None, &[("HOME", "/home/u")], &files).unwrap_err();
        assert!(err.to_string().contains("docker context ls"), "{err}");
    }

    fn swarm(state: LocalNodeState, manager: bool) -> bollard::models::SwarmInfo {
        bollard::models::SwarmInfo {
            node_id: Some("n1".into()),
            local_node_state: Some(state),
            control_available: Some(manager),
            ..Default::default()
        }
    }

    #[test]
    fn only_a_swarm_manager_will_do() {
        let address = Address {
            url: DEFAULT_HOST.into(),
            origin: Origin::Default,
        };
        let node = swarm_manager_node(&address, &swarm(LocalNodeState::ACTIVE, true));
        assert_eq!(node.unwrap(), "n1");
        let worker = swarm_manager_node(&address, &swarm(LocalNodeState::ACTIVE, false));
        assert!(
            worker
                .unwrap_err()
                .to_string()
                .contains("point --host at a manager")
        );
        let off = swarm_manager_node(&address, &swarm(LocalNodeState::INACTIVE, false));
        assert!(
            off.unwrap_err()
                .to_string()
                .contains("run `docker swarm init`")
        );
        let locked = swarm_manager_node(&address, &swarm(LocalNodeState::LOCKED, false));
        assert!(
            locked
                .unwrap_err()
                .to_string()
                .contains("docker swarm unlock")
        );
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            endpoint("unix:///var/run/docker.sock").unwrap(),
            Endpoint::Unix("/var/run/docker.sock".into())
        );
        assert_eq!(
            endpoint("tcp://10.0.0.1:2376").unwrap(),
            Endpoint::Http("10.0.0.1:2376".into())
        );
        assert_eq!(
            endpoint("tcp://10.0.0.1").unwrap(),
            Endpoint::Http("10.0.0.1:2375".into())
        );
        assert_eq!(
            endpoint("http://localhost:2375/").unwrap(),
            Endpoint::Http("localhost:2375".into())
        );
        assert!(
            endpoint("ssh://me@host")
                .unwrap_err()
                .to_string()
                .contains("SSH tunnel")
        );
        assert!(endpoint("/var/run/docker.sock").is_err());
        assert!(endpoint("unix://").is_err());
    }
}
