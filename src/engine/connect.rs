//! Where the engine is (`--host`, `--context`, `DOCKER_HOST`, `DOCKER_CONTEXT`, the docker CLI's
//! current context, else the local socket, as the docker CLI orders them), how to reach it (a
//! socket, TCP, TLS, SSH), and connecting to it with errors that say what to do.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use bollard::models::{LocalNodeState, SwarmInfo, SystemInfo};
use bollard::{ClientVersion, Docker};
use sha2::{Digest, Sha256};

use super::transport::{self, Dialer, SshDialer, TlsDialer};
pub use super::transport::{SshTarget, TlsFiles};
use super::{Engine, Tracer};

/// The local socket, used when nothing else names an engine.
pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

/// How long one API call may take; deploys poll, so no single call needs long.
const REQUEST_TIMEOUT_SECS: u64 = 60;
/// How long the first contact may take before the engine counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An engine address, where it came from, and its TLS material (error messages say both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub url: String,
    pub origin: Origin,
    /// The TLS material, when the engine is reached over TLS (`tcp://` with verification).
    pub tls: Option<TlsFiles>,
    /// Why this engine and not another, for `-v` (what else was set and lost).
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `--host`.
    Flag,
    /// `--context NAME`.
    ContextFlag(String),
    DockerHost,
    /// `DOCKER_CONTEXT=NAME`.
    DockerContext(String),
    /// `currentContext` of the docker CLI's config.json.
    Context(String),
    /// `--node-host NODE=URL`.
    NodeHost(String),
    /// A docker context named like the node (see `reach`).
    NodeContext(String),
    Default,
}

impl Address {
    /// An address given as is (e.g. `--manager URL`), with the TLS settings of the flags and
    /// the environment.
    pub fn given(url: &str, origin: Origin, tls: &TlsOptions) -> anyhow::Result<Address> {
        let env = SystemEnv;
        Ok(Address {
            url: url.to_string(),
            tls: host_tls(url, tls, &env, &config_dir(&env))?,
            origin,
            why: String::new(),
        })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Origin::Flag => write!(f, "{} (from --host)", self.url),
            Origin::ContextFlag(name) => {
                write!(f, "{} (docker context `{name}`, from --context)", self.url)
            }
            Origin::DockerHost => write!(f, "{} (from DOCKER_HOST)", self.url),
            Origin::DockerContext(name) => {
                write!(
                    f,
                    "{} (docker context `{name}`, from DOCKER_CONTEXT)",
                    self.url
                )
            }
            Origin::Context(name) => write!(f, "{} (docker context `{name}`)", self.url),
            Origin::NodeHost(node) => write!(f, "{} (from --node-host {node}=...)", self.url),
            Origin::NodeContext(name) => {
                write!(
                    f,
                    "{} (docker context `{name}`, named like the node)",
                    self.url
                )
            }
            Origin::Default => write!(f, "{}", self.url),
        }
    }
}

/// The TLS options of the command line (`--tlsverify --tlscacert --tlscert --tlskey`), as in the
/// docker CLI; `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH` fill in what they leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsOptions {
    pub verify: bool,
    pub ca: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

/// What names the engine on the command line: `--host`, `--context`, the TLS options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    pub host: Option<String>,
    pub context: Option<String>,
    pub tls: TlsOptions,
}

/// The environment and files that resolution reads (injected in tests).
pub(crate) trait Env {
    fn var(&self, name: &str) -> Option<String>;
    fn read(&self, path: &Path) -> Option<String>;
    fn exists(&self, path: &Path) -> bool;
    /// The names of the entries of a directory.
    fn list(&self, dir: &Path) -> Vec<String>;
}

struct SystemEnv;

impl Env for SystemEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
    fn read(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
    fn list(&self, dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }
}

/// Finds the engine as the docker CLI does: `--host`, `--context`, `DOCKER_HOST`,
/// `DOCKER_CONTEXT`, the current context of config.json, the local socket, in that order.
pub fn resolve(target: &Target) -> anyhow::Result<Address> {
    resolve_with(target, &SystemEnv)
}

/// The docker CLI's configuration directory: `DOCKER_CONFIG`, else `~/.docker`.
fn config_dir(env: &dyn Env) -> PathBuf {
    match env.var("DOCKER_CONFIG") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env.var("HOME").unwrap_or_default()).join(".docker"),
    }
}

pub(crate) fn resolve_with(target: &Target, env: &dyn Env) -> anyhow::Result<Address> {
    let config_dir = config_dir(env);
    let docker_host = env.var("DOCKER_HOST");
    let docker_context = env.var("DOCKER_CONTEXT");
    let current = current_context(env, &config_dir);
    // What else named an engine, lower in the order, for `-v`.
    let mut lower: Vec<String> = Vec::new();
    if target.context.is_some() {
        lower.push("--context".into());
    }
    if docker_host.is_some() {
        lower.push("DOCKER_HOST".into());
    }
    if docker_context.is_some() {
        lower.push("DOCKER_CONTEXT".into());
    }
    if let Some(name) = current.as_ref().filter(|name| *name != "default") {
        lower.push(format!("the current context `{name}`"));
    }
    let why = |first: &str, skip: usize| {
        let rest: Vec<&str> = lower.iter().skip(skip).map(String::as_str).collect();
        if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}, which comes before {}", rest.join(", "))
        }
    };
    let host_address = |url: &str, origin: Origin, why: String| -> anyhow::Result<Address> {
        Ok(Address {
            url: url.to_string(),
            tls: host_tls(url, &target.tls, env, &config_dir)?,
            origin,
            why,
        })
    };
    if let Some(url) = target.host.as_deref().filter(|url| !url.is_empty()) {
        return host_address(url, Origin::Flag, why("--host", 0));
    }
    let skip_context_flag = usize::from(target.context.is_some());
    if let Some(name) = target.context.as_deref() {
        if name == "default" {
            // The default context is DOCKER_HOST, else the local socket.
            let url = docker_host.as_deref().unwrap_or(DEFAULT_HOST);
            return host_address(
                url,
                if docker_host.is_some() {
                    Origin::DockerHost
                } else {
                    Origin::Default
                },
                "--context default (DOCKER_HOST, else the local socket)".into(),
            );
        }
        return context_address(
            env,
            &config_dir,
            name,
            Origin::ContextFlag(name.into()),
            why(&format!("--context {name}"), 1),
        );
    }
    if let Some(url) = docker_host.as_deref() {
        return host_address(
            url,
            Origin::DockerHost,
            // What comes after DOCKER_HOST itself.
            why("DOCKER_HOST", skip_context_flag + 1),
        );
    }
    // What comes after DOCKER_CONTEXT itself.
    let skip = skip_context_flag + usize::from(docker_host.is_some()) + 1;
    if let Some(name) = docker_context.as_deref().filter(|name| *name != "default") {
        return context_address(
            env,
            &config_dir,
            name,
            Origin::DockerContext(name.into()),
            why(&format!("DOCKER_CONTEXT={name}"), skip),
        );
    }
    if docker_context.is_none() {
        if let Some(name) = current.as_deref().filter(|name| *name != "default") {
            return context_address(
                env,
                &config_dir,
                name,
                Origin::Context(name.into()),
                format!(
                    "the current docker context `{name}` (currentContext in {})",
                    config_dir.join("config.json").display()
                ),
            );
        }
    }
    host_address(
        DEFAULT_HOST,
        Origin::Default,
        "the local socket: neither --host, --context, DOCKER_HOST, DOCKER_CONTEXT nor a current \
         docker context names another engine"
            .into(),
    )
}

/// TLS for an address given as a URL (`--host`, `DOCKER_HOST`): with `--tlsverify` (or any of
/// `--tlscacert`, `--tlscert`, `--tlskey`, or `DOCKER_TLS_VERIFY` set), for a `tcp://` engine,
/// from the flags, else `DOCKER_CERT_PATH` (`~/.docker` by default).
fn host_tls(
    url: &str,
    flags: &TlsOptions,
    env: &dyn Env,
    config_dir: &Path,
) -> anyhow::Result<Option<TlsFiles>> {
    let verify = flags.verify
        || flags.ca.is_some()
        || flags.cert.is_some()
        || flags.key.is_some()
        || env.var("DOCKER_TLS_VERIFY").is_some();
    if !verify || !url.starts_with("tcp://") {
        if verify && url.starts_with("http://") {
            bail!(
                "`{url}` is plain HTTP, but TLS is asked for (--tlsverify or DOCKER_TLS_VERIFY): \
                 use tcp://HOST:2376"
            );
        }
        return Ok(None);
    }
    let cert_path = env.var("DOCKER_CERT_PATH");
    let dir = cert_path
        .as_deref()
        .map_or_else(|| config_dir.to_path_buf(), PathBuf::from);
    let dir_words = match &cert_path {
        Some(_) => format!("DOCKER_CERT_PATH={}", dir.display()),
        None => format!("{} (DOCKER_CERT_PATH unset)", dir.display()),
    };
    // A file named by a flag must exist; a default one is used if it exists.
    let pick = |flag: &Option<PathBuf>, default: &str| match flag {
        Some(path) => Some(path.clone()),
        None => Some(dir.join(default)).filter(|path| env.exists(path)),
    };
    let ca = flags.ca.clone().unwrap_or_else(|| dir.join("ca.pem"));
    let mut sources = Vec::new();
    for (flag, name) in [
        (&flags.ca, "--tlscacert"),
        (&flags.cert, "--tlscert"),
        (&flags.key, "--tlskey"),
    ] {
        if flag.is_some() {
            sources.push(name.to_string());
        }
    }
    if flags.ca.is_none() || flags.cert.is_none() || flags.key.is_none() {
        sources.push(dir_words);
    }
    Ok(Some(TlsFiles {
        ca,
        cert: pick(&flags.cert, "cert.pem"),
        key: pick(&flags.key, "key.pem"),
        source: sources.join(", "),
    }))
}

/// The engine of the docker context named `name`, if there is one (see `reach`).
pub(crate) fn context_named(name: &str) -> anyhow::Result<Option<Address>> {
    let env = SystemEnv;
    let config_dir = config_dir(&env);
    let meta = config_dir
        .join("contexts")
        .join("meta")
        .join(digest(name))
        .join("meta.json");
    if name.is_empty() || name == "default" || !env.exists(&meta) {
        return Ok(None);
    }
    context_address(
        &env,
        &config_dir,
        name,
        Origin::NodeContext(name.to_string()),
        format!("the docker context `{name}`, named like the node"),
    )
    .map(Some)
}

/// `currentContext` of the CLI's config.json.
fn current_context(env: &dyn Env, config_dir: &Path) -> Option<String> {
    let config: serde_json::Value =
        serde_json::from_str(&env.read(&config_dir.join("config.json"))?).ok()?;
    let name = config.get("currentContext")?.as_str()?;
    (!name.is_empty()).then(|| name.to_string())
}

fn digest(name: &str) -> String {
    hex::encode(Sha256::digest(name.as_bytes()))
}

/// The engine of a named context: `contexts/meta/<sha256 of name>/meta.json`, and its TLS
/// material in `contexts/tls/<sha256 of name>/docker/`, as `docker context create` writes them.
fn context_address(
    env: &dyn Env,
    config_dir: &Path,
    name: &str,
    origin: Origin,
    why: String,
) -> anyhow::Result<Address> {
    let contexts = config_dir.join("contexts");
    let meta_path = contexts.join("meta").join(digest(name)).join("meta.json");
    let Some(meta) = env.read(&meta_path) else {
        let mut names: Vec<String> = env
            .list(&contexts.join("meta"))
            .iter()
            .filter_map(|entry| {
                let text = env.read(&contexts.join("meta").join(entry).join("meta.json"))?;
                let meta: serde_json::Value = serde_json::from_str(&text).ok()?;
                Some(meta.get("Name")?.as_str()?.to_string())
            })
            .collect();
        names.sort();
        names.insert(0, "default".into());
        bail!(
            "there is no docker context `{name}` (named by {}; looked for {}); the contexts are: \
             {}\n  Pick one of them, or create it with `docker context create {name} --docker \
             host=ssh://USER@HOST`; list them with `docker context ls`",
            origin_words(&origin),
            meta_path.display(),
            names.join(", ")
        );
    };
    let meta: serde_json::Value = serde_json::from_str(&meta)
        .with_context(|| format!("{} is not valid JSON", meta_path.display()))?;
    let endpoint = meta.pointer("/Endpoints/docker");
    let url = endpoint
        .and_then(|e| e.get("Host"))
        .and_then(|host| host.as_str())
        .map(str::to_string)
        .ok_or_else(|| {
            anyhow!(
                "the docker context `{name}` has no docker endpoint ({} lacks Endpoints.docker.Host); \
                 check it with `docker context inspect {name}`, or pass --host",
                meta_path.display()
            )
        })?;
    let tls_dir = contexts.join("tls").join(digest(name)).join("docker");
    let file = |f: &str| Some(tls_dir.join(f)).filter(|path| env.exists(path));
    let (ca, cert, key) = (file("ca.pem"), file("cert.pem"), file("key.pem"));
    let skip_verify = endpoint
        .and_then(|e| e.get("SkipTLSVerify"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    let tls = if url.starts_with("tcp://") && (ca.is_some() || cert.is_some() || skip_verify) {
        if skip_verify {
            bail!(
                "the docker context `{name}` skips verifying the engine's TLS certificate \
                 (SkipTLSVerify), which alacrity never does: give the context the engine's CA \
                 with `docker context update {name} --docker host={url},ca=CA.pem,cert=CERT.pem,key=KEY.pem`"
            );
        }
        let Some(ca) = ca else {
            bail!(
                "the docker context `{name}` has a client certificate but no CA certificate \
                 ({}/ca.pem): alacrity trusts only the CA given for the engine; add it with \
                 `docker context update {name} --docker host={url},ca=CA.pem,cert=CERT.pem,key=KEY.pem`",
                tls_dir.display()
            );
        };
        Some(TlsFiles {
            ca,
            cert,
            key,
            source: format!("docker context `{name}`, {}", tls_dir.display()),
        })
    } else {
        None
    };
    Ok(Address {
        url,
        origin,
        tls,
        why,
    })
}

fn origin_words(origin: &Origin) -> &'static str {
    match origin {
        Origin::Flag => "--host",
        Origin::ContextFlag(_) => "--context",
        Origin::DockerHost => "DOCKER_HOST",
        Origin::DockerContext(_) => "DOCKER_CONTEXT",
        Origin::Context(_) => "currentContext in the docker CLI's config.json",
        Origin::NodeHost(_) => "--node-host",
        Origin::NodeContext(_) => "the node's name",
        Origin::Default => "default",
    }
}

/// How to reach an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(String),
    Http(String),
    /// `host:port`, and the host the certificate must name.
    Tls {
        authority: String,
        host: String,
    },
    Ssh(SshTarget),
}

/// Parses an engine URL: `unix:///path`, `tcp://host[:port]` (TLS when the address has TLS
/// material), `http://host[:port]`, `ssh://[user@]host[:port][/path]`.
pub fn endpoint(address: &Address) -> anyhow::Result<Endpoint> {
    let url = address.url.as_str();
    if let Some(path) = url.strip_prefix("unix://") {
        if path.is_empty() {
            bail!("`{url}` names no socket: use e.g. unix:///var/run/docker.sock");
        }
        return Ok(Endpoint::Unix(path.to_string()));
    }
    if url.starts_with("ssh://") {
        return SshTarget::parse(url)
            .map(Endpoint::Ssh)
            .map_err(|err| anyhow!("{err}"));
    }
    for scheme in ["tcp://", "http://"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            let authority = rest.trim_end_matches('/');
            if authority.is_empty() || authority.contains('/') {
                bail!("`{url}` is not an engine address: use e.g. tcp://10.0.0.5:2375");
            }
            // The docker CLI's default ports: 2376 with TLS, 2375 without.
            let default_port = if address.tls.is_some() { 2376 } else { 2375 };
            let (host, authority) = match authority.rsplit_once(':') {
                Some((host, p)) if p.parse::<u16>().is_ok() => (host, authority.to_string()),
                _ => (authority, format!("{authority}:{default_port}")),
            };
            let host = host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string();
            return Ok(match address.tls {
                Some(_) => Endpoint::Tls { authority, host },
                None => Endpoint::Http(authority),
            });
        }
    }
    match url.split_once("://") {
        Some(("https", rest)) => bail!(
            "https:// engine addresses are not how docker names a TLS engine (`{url}`): use \
             tcp://{rest} with --tlsverify (or DOCKER_TLS_VERIFY=1), --tlscacert, --tlscert and \
             --tlskey"
        ),
        Some((scheme @ "npipe", _)) => bail!(
            "{scheme}:// engine addresses are not supported (`{url}`): use unix://, tcp:// or ssh://"
        ),
        _ => bail!(
            "`{url}` is not an engine address: use unix:///path/to/docker.sock, tcp://HOST:PORT \
             or ssh://USER@HOST"
        ),
    }
}

impl Engine {
    /// Connects to the engine at an address and checks that it is a swarm manager, with one
    /// light call (`GET /swarm`, which only a manager answers). The node ID of the engine is read
    /// later, and only if a command needs it (`local_node_id`).
    pub async fn connect(address: Address, tracer: Option<Tracer>) -> anyhow::Result<Engine> {
        let (docker, dialer) = open_traced(&address, tracer.clone())?;
        let (swarm, api) = tokio::join!(
            tokio::time::timeout(CONNECT_TIMEOUT, docker.inspect_swarm()),
            super::api_version::require(&docker, &address, tracer.as_ref()),
        );
        api?;
        match swarm {
            Ok(Ok(_)) => Ok(Engine::new(
                docker,
                dialer,
                address,
                tracer.clone(),
                None,
                None,
            )),
            // Not a manager, not in a swarm, or locked: `GET /info` says which (or that it
            // is a manager after all, e.g. promoted meanwhile).
            Ok(Err(err)) if is_unavailable(&err) => {
                let info = system_info(&docker, &address).await?;
                let node_id = swarm_manager_node(&address, &swarm_of(&info))?;
                Ok(Engine::new(
                    docker,
                    dialer,
                    address,
                    tracer.clone(),
                    Some(node_id),
                    Some(info),
                ))
            }
            Ok(Err(err)) => Err(unreachable_by(&address, err)),
            Err(_) => Err(unreachable(&address, "no answer within 10 seconds")),
        }
    }

    /// Connects to the engine of any active swarm node, manager or worker (the commands that
    /// act on a node's own data need that node's engine); `true` with a manager.
    pub async fn connect_member(
        address: Address,
        tracer: Option<Tracer>,
    ) -> anyhow::Result<(Engine, bool)> {
        let (engine, manager, _) = Self::connect_member_reading(address, tracer, false).await?;
        Ok((engine, manager))
    }

    /// Like `connect_member`, and when `nodes`, reads the swarm's nodes at the same time (in
    /// the same round trip as `GET /info`): the nodes when the engine is a manager, `None` from
    /// a worker (which cannot list them).
    pub async fn connect_member_reading(
        address: Address,
        tracer: Option<Tracer>,
        nodes: bool,
    ) -> anyhow::Result<(Engine, bool, Option<Vec<crate::core::nodes::Node>>)> {
        let (docker, dialer) = open_traced(&address, tracer.clone())?;
        let listing = async {
            match nodes {
                true => docker.list_nodes(None).await.ok(),
                false => None,
            }
        };
        let (info, api, listed) = tokio::join!(
            tokio::time::timeout(CONNECT_TIMEOUT, system_info(&docker, &address)),
            super::api_version::require(&docker, &address, tracer.as_ref()),
            listing,
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
        let engine = Engine::new(
            docker,
            dialer,
            address,
            tracer.clone(),
            Some(node_id),
            Some(info),
        );
        let nodes = listed.filter(|_| manager).map(|listed| {
            listed
                .into_iter()
                .map(crate::core::nodes::node_from)
                .collect()
        });
        Ok((engine, manager, nodes))
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

/// A client for the engine at an address, and how to open more connections to it (for the
/// requests made without bollard); `tracer` is told every API call.
///
/// No version negotiation: bollard 0.21 sends unversioned paths (`/services`, not
/// `/v1.41/services`), which the engine answers in its own current API version, so negotiating
/// would cost a round trip for nothing (and on Docker 20.10 `GET /version` runs `runc --version`
/// and `docker-init --version`: about 6 ms). The client version is set to the oldest engine API
/// alacrity supports, in case a later bollard puts it in the paths.
fn open_traced(address: &Address, tracer: Option<Tracer>) -> anyhow::Result<(Docker, Dialer)> {
    let endpoint = endpoint(address)?;
    let dialer = dialer(address, &endpoint, tracer.clone())?;
    let mut docker =
        open(&endpoint, &dialer).map_err(|err| unreachable(address, &err.to_string()))?;
    if let Some(tracer) = tracer {
        docker = docker.with_request_modifier(move |request| {
            let path = request.uri().path_and_query().map_or("", |p| p.as_str());
            tracer(&format!("engine: {} {path}", request.method()));
            request
        });
    }
    Ok((docker, dialer))
}

/// How to open a connection to an endpoint. TLS material is read here, before any connection.
fn dialer(
    address: &Address,
    endpoint: &Endpoint,
    tracer: Option<Tracer>,
) -> anyhow::Result<Dialer> {
    Ok(match endpoint {
        Endpoint::Unix(path) => Dialer::Unix(path.clone()),
        Endpoint::Http(authority) => Dialer::Tcp(authority.clone()),
        Endpoint::Tls { authority, host } => {
            let files = address
                .tls
                .as_ref()
                .ok_or_else(|| anyhow!("no TLS material for {address}"))?;
            let tls = TlsDialer::load(&address.url, authority, host, files)
                .with_context(|| format!("cannot use TLS for the Docker engine at {address}"))?;
            Dialer::Tls(std::sync::Arc::new(tls))
        }
        Endpoint::Ssh(target) => {
            let program = ssh_program();
            Dialer::Ssh(std::sync::Arc::new(SshDialer::new(
                &address.url,
                target.clone(),
                program,
                !transport::has_terminal(),
                tracer,
            )))
        }
    })
}

/// The ssh client and options of its own: `ALACRITY_SSH_COMMAND` (split on spaces, e.g.
/// `ssh -F /ci/ssh_config`), else `ssh`.
fn ssh_program() -> Vec<String> {
    let words: Vec<String> = std::env::var("ALACRITY_SSH_COMMAND")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        vec!["ssh".to_string()]
    } else {
        words
    }
}

/// `GET /info`: about 10 ms on Docker 20.10, which runs `runc` and `docker-init` to answer it.
async fn system_info(docker: &Docker, address: &Address) -> anyhow::Result<SystemInfo> {
    docker
        .info()
        .await
        .map_err(|err| unreachable_by(address, err))
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

fn open(endpoint: &Endpoint, dialer: &Dialer) -> Result<Docker, bollard::errors::Error> {
    let version = &MIN_API_VERSION;
    match endpoint {
        Endpoint::Unix(path) => Docker::connect_with_unix(path, REQUEST_TIMEOUT_SECS, version),
        // Plain tcp:// too goes through alacrity's dialer: its name lookup falls back to
        // /etc/hosts and loopback (transport::connect_tcp), which hyper's resolver does not.
        Endpoint::Http(_) | Endpoint::Tls { .. } | Endpoint::Ssh(_) => {
            transport::custom_docker(dialer.clone(), REQUEST_TIMEOUT_SECS, version)
        }
    }
}

/// A failed first call: a transport failure (ssh, TLS) in its own words and fix, else the
/// engine's or the network's.
fn unreachable_by(address: &Address, err: bollard::errors::Error) -> anyhow::Error {
    match transport::failure_of(&err) {
        Some(failure) => anyhow!(
            "cannot reach the Docker engine at {address}: {}\n  {}",
            failure.what,
            failure.fix
        ),
        None => unreachable(address, &super::EngineError::from(err).to_string()),
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

    struct FakeEnv {
        vars: HashMap<String, String>,
        files: HashMap<PathBuf, String>,
    }

    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.vars.get(name).cloned().filter(|v| !v.is_empty())
        }
        fn read(&self, path: &Path) -> Option<String> {
            self.files.get(path).cloned()
        }
        fn exists(&self, path: &Path) -> bool {
            self.files.contains_key(path)
        }
        fn list(&self, dir: &Path) -> Vec<String> {
            self.files
                .keys()
                .filter_map(|p| p.strip_prefix(dir).ok())
                .filter_map(|rest| rest.iter().next())
                .map(|first| first.to_string_lossy().into_owned())
                .collect()
        }
    }

    fn resolve_target(
        target: &Target,
        env: &[(&str, &str)],
        files: &[(&str, &str)],
    ) -> anyhow::Result<Address> {
        let env = FakeEnv {
            vars: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            files: files
                .iter()
                .map(|(k, v)| (PathBuf::from(k), v.to_string()))
                .collect(),
        };
        resolve_with(target, &env)
    }

    fn resolve_in(
        flag: Option<&str>,
        env: &[(&str, &str)],
        files: &[(&str, &str)],
    ) -> anyhow::Result<Address> {
        let target = Target {
            host: flag.map(str::to_string),
            ..Target::default()
        };
        resolve_target(&target, env, files)
    }

    const META_DIR: &str = "/home/u/.docker/contexts/meta";

    fn meta_path(name: &str) -> String {
        format!("{META_DIR}/{}/meta.json", digest(name))
    }

    fn meta(name: &str, host: &str) -> String {
        format!(
            r#"{{"Name":"{name}","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":false}}}}}}"#
        )
    }

    #[test]
    fn precedence_is_the_docker_clis() {
        let (prod, ci, cur) = (meta_path("prod"), meta_path("ci"), meta_path("cur"));
        let files = [
            ("/home/u/.docker/config.json", r#"{"currentContext":"cur"}"#),
            (prod.as_str(), &meta("prod", "ssh://deploy@prod") as &str),
            (ci.as_str(), &meta("ci", "tcp://10.0.0.2:2375")),
            (cur.as_str(), &meta("cur", "unix:///run/cur.sock")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, *b)).collect();
        let all = [
            ("HOME", "/home/u"),
            ("DOCKER_HOST", "tcp://10.0.0.1:2375"),
            ("DOCKER_CONTEXT", "ci"),
        ];
        let both = Target {
            host: Some("unix:///flag.sock".into()),
            context: Some("prod".into()),
            ..Target::default()
        };
        let a = resolve_target(&both, &all, &files).unwrap();
        assert_eq!(
            (a.url.as_str(), &a.origin),
            ("unix:///flag.sock", &Origin::Flag)
        );
        assert!(
            a.why
                .contains("before --context, DOCKER_HOST, DOCKER_CONTEXT"),
            "{}",
            a.why
        );
        let context = Target {
            context: Some("prod".into()),
            ..Target::default()
        };
        let a = resolve_target(&context, &all, &files).unwrap();
        assert_eq!(a.url, "ssh://deploy@prod");
        assert_eq!(a.origin, Origin::ContextFlag("prod".into()));
        let none = Target::default();
        let a = resolve_target(&none, &all, &files).unwrap();
        assert_eq!(a.origin, Origin::DockerHost);
        // What it wins over, never itself.
        assert_eq!(
            a.why,
            "DOCKER_HOST, which comes before DOCKER_CONTEXT, the current context `cur`"
        );
        let a = resolve_target(
            &none,
            &all[..1]
                .iter()
                .chain(&all[2..])
                .copied()
                .collect::<Vec<_>>(),
            &files,
        )
        .unwrap();
        assert_eq!(
            (a.url.as_str(), &a.origin),
            ("tcp://10.0.0.2:2375", &Origin::DockerContext("ci".into()))
        );
        assert_eq!(
            a.why,
            "DOCKER_CONTEXT=ci, which comes before the current context `cur`"
        );
        let a = resolve_target(&none, &all[..1], &files).unwrap();
        assert_eq!(
            (a.url.as_str(), &a.origin),
            ("unix:///run/cur.sock", &Origin::Context("cur".into()))
        );
        // DOCKER_CONTEXT=default is the local socket, whatever config.json says.
        let a = resolve_target(
            &none,
            &[("HOME", "/home/u"), ("DOCKER_CONTEXT", "default")],
            &files,
        )
        .unwrap();
        assert_eq!(a.url, DEFAULT_HOST);
        // --context default is DOCKER_HOST if set.
        let default = Target {
            context: Some("default".into()),
            ..Target::default()
        };
        assert_eq!(
            resolve_target(&default, &all, &files).unwrap().url,
            "tcp://10.0.0.1:2375"
        );
    }

    #[test]
    fn a_missing_context_lists_the_contexts_that_exist() {
        let prod = meta_path("prod");
        let files = [(prod.as_str(), meta("prod", "ssh://deploy@prod"))];
        let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
        let target = Target {
            context: Some("staging".into()),
            ..Target::default()
        };
        let err = resolve_target(&target, &[("HOME", "/home/u")], &files)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("there is no docker context `staging`"),
            "{err}"
        );
        assert!(err.contains("the contexts are: default, prod"), "{err}");
        assert!(err.ends_with("`docker context ls`"), "{err}");
    }

    #[test]
    fn tls_from_the_environment_and_the_flags() {
        let env = [
            ("HOME", "/home/u"),
            ("DOCKER_HOST", "tcp://10.0.0.1"),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", "/certs"),
        ];
        let files = [
            ("/certs/ca.pem", "x"),
            ("/certs/cert.pem", "x"),
            ("/certs/key.pem", "x"),
        ];
        let a = resolve_in(None, &env, &files).unwrap();
        let tls = a.tls.clone().unwrap();
        assert_eq!(tls.ca, PathBuf::from("/certs/ca.pem"));
        assert_eq!(tls.cert, Some(PathBuf::from("/certs/cert.pem")));
        assert_eq!(tls.key, Some(PathBuf::from("/certs/key.pem")));
        assert_eq!(
            endpoint(&a).unwrap(),
            Endpoint::Tls {
                authority: "10.0.0.1:2376".into(),
                host: "10.0.0.1".into()
            }
        );
        // Without DOCKER_CERT_PATH: ~/.docker; a missing client pair is left out.
        let a = resolve_in(None, &env[..3], &[]).unwrap();
        let tls = a.tls.unwrap();
        assert_eq!(tls.ca, PathBuf::from("/home/u/.docker/ca.pem"));
        assert_eq!((tls.cert, tls.key), (None, None));
        // A TLS flag alone turns TLS on: never plain HTTP when TLS was asked for.
        let target = Target {
            host: Some("tcp://h:2376".into()),
            tls: TlsOptions {
                ca: Some("/x/ca.pem".into()),
                ..TlsOptions::default()
            },
            ..Target::default()
        };
        let a = resolve_target(&target, &[("HOME", "/home/u")], &[]).unwrap();
        assert_eq!(a.tls.unwrap().ca, PathBuf::from("/x/ca.pem"));
        // Without any, plain.
        let a = resolve_in(Some("tcp://h:2375"), &[("HOME", "/home/u")], &[]).unwrap();
        assert_eq!(a.tls, None);
        assert_eq!(endpoint(&a).unwrap(), Endpoint::Http("h:2375".into()));
    }

    #[test]
    fn a_context_carries_its_tls_material() {
        let d = digest("tls-ctx");
        let meta = meta_path("tls-ctx");
        let tls_dir = format!("/home/u/.docker/contexts/tls/{d}/docker");
        let (ca, cert, key) = (
            format!("{tls_dir}/ca.pem"),
            format!("{tls_dir}/cert.pem"),
            format!("{tls_dir}/key.pem"),
        );
        let body = meta_body("tls-ctx", "tcp://10.0.0.3:2376", false);
        let files = [
            (meta.as_str(), body.as_str()),
            (ca.as_str(), "x"),
            (cert.as_str(), "x"),
            (key.as_str(), "x"),
        ];
        let target = Target {
            context: Some("tls-ctx".into()),
            ..Target::default()
        };
        // DOCKER_TLS_VERIFY and DOCKER_CERT_PATH do not apply to a context.
        let env = [("HOME", "/home/u"), ("DOCKER_CERT_PATH", "/elsewhere")];
        let a = resolve_target(&target, &env, &files).unwrap();
        let tls = a.tls.unwrap();
        assert_eq!(tls.ca, PathBuf::from(&ca));
        assert_eq!(tls.key, Some(PathBuf::from(&key)));
        let skip = meta_body("tls-ctx", "tcp://10.0.0.3:2376", true);
        let files = [(meta.as_str(), skip.as_str())];
        let err = resolve_target(&target, &env, &files).unwrap_err();
        assert!(err.to_string().contains("SkipTLSVerify"), "{err}");
    }

    fn meta_body(name: &str, host: &str, skip: bool) -> String {
        format!(
            r#"{{"Name":"{name}","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":{skip}}}}}}}"#
        )
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
            tls: None,
            why: String::new(),
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
        let at = |url: &str| {
            endpoint(&Address {
                url: url.into(),
                origin: Origin::Flag,
                tls: None,
                why: String::new(),
            })
        };
        assert_eq!(
            at("unix:///var/run/docker.sock").unwrap(),
            Endpoint::Unix("/var/run/docker.sock".into())
        );
        assert_eq!(
            at("tcp://10.0.0.1:2376").unwrap(),
            Endpoint::Http("10.0.0.1:2376".into())
        );
        assert_eq!(
            at("tcp://10.0.0.1").unwrap(),
            Endpoint::Http("10.0.0.1:2375".into())
        );
        assert_eq!(
            at("http://localhost:2375/").unwrap(),
            Endpoint::Http("localhost:2375".into())
        );
        match at("ssh://me@host:2222").unwrap() {
            Endpoint::Ssh(target) => {
                assert_eq!((target.host.as_str(), target.port), ("host", Some(2222)))
            }
            other => panic!("{other:?}"),
        }
        assert!(
            at("https://host:2376")
                .unwrap_err()
                .to_string()
                .contains("--tlsverify")
        );
        assert!(at("ssh://me:pw@host").is_err());
        assert!(at("/var/run/docker.sock").is_err());
        assert!(at("unix://").is_err());
    }
}
