//! How bytes reach an engine that is not a plain socket: TLS (`tcp://` with verified certificates)
//! and SSH (`ssh://`, through the system's `ssh` client and `docker system dial-stdio` on the
//! remote, as the docker CLI does). Both are a [`Dialer`] that opens one stream; bollard gets them
//! as a custom transport (a pooling HTTP/1 client over those streams), and the few requests made
//! without bollard (`disk_usage`) dial the same way.
//!
//! Why the system `ssh` and not bollard's `ssh` feature (the `openssh` crate): the system client
//! is what users configure and what the docker CLI runs, so `~/.ssh/config` (aliases, `User`,
//! `Port`, `IdentityFile`, `ProxyJump`), agents, known_hosts and certificates behave as they do
//! with `docker -H ssh://...`; its words on stderr say which step failed; and it needs no
//! multiplexing master socket nor extra crates. Errors are read from its stderr and exit status.

use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bollard::{BollardRequest, ClientVersion, Docker};
use http_body_util::BodyExt;
use http_body_util::combinators::UnsyncBoxBody;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpStream, UnixStream};
use tokio::process::{ChildStdin, ChildStdout};
use tokio::sync::{Notify, Semaphore};

use super::Tracer;

/// The address given to bollard for a custom transport: its requests go to `http://docker/...`
/// and the dialer decides where the bytes go.
const CUSTOM_BASE: &str = "http://docker";
/// At most this many requests at once through SSH: each new connection is an SSH handshake, and
/// sshd drops unauthenticated connections beyond 10 by default (`MaxStartups`).
const SSH_CONCURRENCY: usize = 4;
/// How long to wait for a failed `ssh` to exit and say why.
const SSH_EXIT_WAIT: Duration = Duration::from_secs(3);
/// The stderr of `ssh` kept for error messages (its end, which says why it failed).
const STDERR_KEEP: usize = 8 * 1024;

/// A failure of the transport in the product's words: which step failed and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}")]
pub struct TransportFailure {
    /// What failed, e.g. "ssh could not authenticate to deploy@manager: ...".
    pub what: String,
    /// What to do about it, ending with a command to try.
    pub fix: String,
}

impl TransportFailure {
    fn into_bollard(self) -> bollard::errors::Error {
        bollard::errors::Error::IOError {
            err: io::Error::other(self),
        }
    }
}

/// The transport failure inside a bollard error, if the error is one.
pub(crate) fn failure_of(err: &bollard::errors::Error) -> Option<&TransportFailure> {
    match err {
        bollard::errors::Error::IOError { err } => err.get_ref()?.downcast_ref(),
        _ => None,
    }
}

/// The TLS material of an engine: the CA that signed the engine's certificate (only that CA is
/// trusted, as with the docker CLI), and the client certificate and key, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub ca: PathBuf,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    /// Where these paths come from, for messages ("--tlscacert", "DOCKER_CERT_PATH", ...).
    pub source: String,
}

/// An `ssh://[user@]host[:port][/path]` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshTarget {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The engine's socket on the remote, when not its default.
    pub path: Option<String>,
}

impl SshTarget {
    /// Parses `ssh://[user@]host[:port][/path]` as the docker CLI does (no password, query or
    /// fragment).
    pub fn parse(url: &str) -> Result<SshTarget, String> {
        let example = "use ssh://[user@]host[:port], e.g. ssh://deploy@10.0.0.5";
        let rest = url
            .strip_prefix("ssh://")
            .ok_or_else(|| format!("`{url}` is not an ssh:// address"))?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((user, hostport)) => (Some(user), hostport),
            None => (None, authority),
        };
        if let Some(user) = user {
            if let Some((name, _)) = user.split_once(':') {
                // The password is never repeated.
                return Err(format!(
                    "ssh:// addresses take no password (`ssh://{name}:...@`): use an ssh key or \
                     an agent"
                ));
            }
            if user.is_empty() {
                return Err(format!("`{url}` names an empty user: {example}"));
            }
        }
        if rest.contains('?') || rest.contains('#') {
            return Err(format!("`{url}` has a query or fragment: {example}"));
        }
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (host, after) = v6
                .split_once(']')
                .ok_or_else(|| format!("`{url}` has an unclosed [: {example}"))?;
            (host, after.strip_prefix(':'))
        } else {
            match hostport.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (hostport, None),
            }
        };
        if host.is_empty() || host.starts_with('-') {
            return Err(format!("`{url}` names no host: {example}"));
        }
        let port = match port {
            Some(port) => Some(
                port.parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| format!("`{url}` has an invalid port `{port}`: {example}"))?,
            ),
            None => None,
        };
        let path = Some(path.trim_end_matches('/'))
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        Ok(SshTarget {
            user: user.map(str::to_string),
            host: host.to_string(),
            port,
            path,
        })
    }

    /// The command run on the remote: the docker CLI's `docker system dial-stdio`.
    fn remote_command(&self) -> Vec<String> {
        let mut command = vec!["docker".to_string()];
        if let Some(path) = &self.path {
            command.push(shell_quote(&format!("--host=unix://{path}")));
        }
        command.extend(["system".to_string(), "dial-stdio".to_string()]);
        command
    }

    /// `ssh [-p PORT] [USER@]HOST`, for the commands an error suggests.
    pub fn ssh_words(&self) -> String {
        let port = self.port.map(|p| format!("-p {p} ")).unwrap_or_default();
        let user = self
            .user
            .as_ref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        format!("ssh {port}{user}{}", self.host)
    }

    /// The command an error suggests to check the whole path: ssh, then docker on the remote.
    fn check_command(&self) -> String {
        let host = self
            .path
            .as_ref()
            .map(|p| format!(" --host=unix://{p}"))
            .unwrap_or_default();
        format!("{} docker{host} version", self.ssh_words())
    }
}

/// Single-quotes a word for the remote shell when it needs it.
fn shell_quote(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Opens one byte stream to an engine.
#[derive(Clone)]
pub(crate) enum Dialer {
    Unix(String),
    Tcp(String),
    Tls(Arc<TlsDialer>),
    Ssh(Arc<SshDialer>),
}

/// Opens a TCP connection to `HOST:PORT` (a `tcp://` engine, with or without TLS). The name is
/// resolved by the system (getaddrinfo: /etc/hosts, DNS, as nsswitch.conf says); if that fails,
/// `localhost` and `*.localhost` are the loopback addresses (RFC 6761) and a name in /etc/hosts
/// is its addresses there. So a static build (its glibc cannot load NSS modules of another glibc)
/// still reaches `tcp://localhost:2375` or an engine named in /etc/hosts, on a machine without
/// /etc/hosts or with an nsswitch.conf it cannot follow.
pub(crate) async fn connect_tcp(authority: &str) -> io::Result<TcpStream> {
    let addrs: Vec<std::net::SocketAddr> = match tokio::net::lookup_host(authority).await {
        Ok(addrs) => addrs.collect(),
        Err(err) => {
            let hosts = std::fs::read_to_string("/etc/hosts").unwrap_or_default();
            let fallback = fallback_addrs(authority, &hosts);
            if fallback.is_empty() {
                return Err(err);
            }
            fallback
        }
    };
    TcpStream::connect(&addrs[..]).await
}

/// The addresses of `HOST:PORT` without the system's resolver: loopback for `localhost`, else the
/// lines of `hosts` (the text of /etc/hosts) that name HOST; none if neither knows it.
pub(crate) fn fallback_addrs(authority: &str, hosts: &str) -> Vec<std::net::SocketAddr> {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
    let Some((host, port)) = authority.rsplit_once(':') else {
        return Vec::new();
    };
    let Ok(port) = port.parse::<u16>() else {
        return Vec::new();
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let host = host.strip_suffix('.').unwrap_or(host);
    let lower = host.to_ascii_lowercase();
    let ips: Vec<IpAddr> = if lower == "localhost" || lower.ends_with(".localhost") {
        vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()]
    } else {
        hosts
            .lines()
            .filter_map(|line| {
                let line = line.split('#').next().unwrap_or("");
                let mut fields = line.split_whitespace();
                let ip: IpAddr = fields.next()?.parse().ok()?;
                fields
                    .any(|name| name.eq_ignore_ascii_case(host))
                    .then_some(ip)
            })
            .collect()
    };
    ips.into_iter()
        .map(|ip| SocketAddr::new(ip, port))
        .collect()
}

impl Dialer {
    pub(crate) async fn dial(&self) -> io::Result<Stream> {
        match self {
            Dialer::Unix(path) => Ok(Stream::Unix(UnixStream::connect(path).await?)),
            Dialer::Tcp(authority) => Ok(Stream::Tcp(connect_tcp(authority).await?)),
            Dialer::Tls(tls) => tls.dial().await,
            Dialer::Ssh(ssh) => ssh.dial().await,
        }
    }

    /// The failure behind a transport error, in words, once it is known (an `ssh` that exited
    /// says why on its stderr; a TLS error says which certificate).
    async fn explain(&self, err: &hyper_util::client::legacy::Error) -> Option<TransportFailure> {
        if let Some(failure) = self.explain_now(err) {
            return Some(failure);
        }
        match self {
            Dialer::Ssh(ssh) => ssh.failure().await,
            _ => None,
        }
    }

    /// [`Dialer::explain`] from the error alone.
    fn explain_now(&self, err: &(dyn std::error::Error + 'static)) -> Option<TransportFailure> {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(current) = cause {
            if let Some(failure) = current.downcast_ref::<TransportFailure>() {
                return Some(failure.clone());
            }
            if let Some(inner) = current
                .downcast_ref::<io::Error>()
                .and_then(io::Error::get_ref)
            {
                if let Some(failure) = inner.downcast_ref::<TransportFailure>() {
                    return Some(failure.clone());
                }
                if let (Some(tls), Dialer::Tls(dialer)) =
                    (inner.downcast_ref::<rustls::Error>(), self)
                {
                    return Some(dialer.failure(tls));
                }
            }
            if let (Some(tls), Dialer::Tls(dialer)) =
                (current.downcast_ref::<rustls::Error>(), self)
            {
                return Some(dialer.failure(tls));
            }
            cause = current.source();
        }
        None
    }
}

/// A bollard client whose requests go through `dialer` (TLS or SSH), pooling connections.
pub(crate) fn custom_docker(
    dialer: Dialer,
    timeout_secs: u64,
    version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    let client: Client<PoolConnector, UnsyncBoxBody<bytes::Bytes, BoxError>> =
        Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(PoolConnector {
                dialer: dialer.clone(),
            });
    let limit = Arc::new(Semaphore::new(match dialer {
        Dialer::Ssh(_) => SSH_CONCURRENCY,
        _ => Semaphore::MAX_PERMITS,
    }));
    let transport = move |request: BollardRequest| {
        let client = client.clone();
        let limit = limit.clone();
        let dialer = dialer.clone();
        async move {
            let _permit = limit.acquire_owned().await.ok();
            let request = request.map(|body| body.map_err(BoxError::from).boxed_unsync());
            match client.request(request).await {
                Ok(response) => Ok(response),
                Err(err) => match dialer.explain(&err).await {
                    Some(failure) => Err(failure.into_bollard()),
                    None => Err(bollard::errors::Error::from(err)),
                },
            }
        }
    };
    Docker::connect_with_custom_transport(transport, Some(CUSTOM_BASE), timeout_secs, version)
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The connector of the pooling client: every new connection is one dial.
#[derive(Clone)]
struct PoolConnector {
    dialer: Dialer,
}

impl tower_service::Service<hyper::Uri> for PoolConnector {
    type Response = Io;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<Io>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: hyper::Uri) -> Self::Future {
        let dialer = self.dialer.clone();
        Box::pin(async move { Ok(Io(TokioIo::new(dialer.dial().await?))) })
    }
}

/// A stream as hyper's client wants it.
struct Io(TokioIo<Stream>);

impl Connection for Io {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

impl hyper::rt::Read for Io {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for Io {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

/// One connection to an engine, whatever carries it.
pub(crate) enum Stream {
    Unix(UnixStream),
    Tcp(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
    Ssh(SshStream),
}

macro_rules! each_stream {
    ($self:ident, $s:ident => $e:expr) => {
        match $self.get_mut() {
            Stream::Unix($s) => $e,
            Stream::Tcp($s) => $e,
            Stream::Tls($s) => $e,
            Stream::Ssh($s) => $e,
        }
    };
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        each_stream!(self, s => Pin::new(s).poll_read(cx, buf))
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        each_stream!(self, s => Pin::new(s).poll_write(cx, buf))
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        each_stream!(self, s => Pin::new(s).poll_flush(cx))
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        each_stream!(self, s => Pin::new(s).poll_shutdown(cx))
    }
}

// ------------------------------------------------------------------------------------------------
// TLS

/// Connects over TCP and verifies the engine's certificate against the given CA only.
pub(crate) struct TlsDialer {
    /// `host:port`.
    authority: String,
    server_name: ServerName<'static>,
    config: Arc<rustls::ClientConfig>,
    files: TlsFiles,
    /// The engine's URL, for messages.
    url: String,
}

impl TlsDialer {
    /// Reads the TLS material now, so that a missing or broken file is said before any
    /// connection (and never becomes a connection without TLS).
    pub(crate) fn load(
        url: &str,
        authority: &str,
        host: &str,
        files: &TlsFiles,
    ) -> anyhow::Result<TlsDialer> {
        let fix = "give the engine's CA with --tlscacert (or ca.pem in DOCKER_CERT_PATH, ~/.docker \
                   by default), the client certificate and key with --tlscert and --tlskey";
        let ca_bytes = read_pem_file(&files.ca, "CA certificate", fix)?;
        let cas: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&ca_bytes)
            .collect::<Result<_, _>>()
            .map_err(|_| pem_error(&files.ca, "CA certificate", fix))?;
        if cas.is_empty() {
            return Err(pem_error(&files.ca, "CA certificate", fix));
        }
        let mut roots = rustls::RootCertStore::empty();
        for ca in cas {
            roots.add(ca).map_err(|err| {
                anyhow::anyhow!(
                    "the CA certificate {} ({}) is not usable: {err}; {fix}",
                    files.ca.display(),
                    files.source
                )
            })?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|err| anyhow::anyhow!("cannot set up TLS: {err}"))?
            .with_root_certificates(roots);
        let config =
            match (&files.cert, &files.key) {
                (Some(cert), Some(key)) => {
                    let cert_bytes = read_pem_file(cert, "client certificate", fix)?;
                    let chain: Vec<CertificateDer<'static>> =
                        CertificateDer::pem_slice_iter(&cert_bytes)
                            .collect::<Result<_, _>>()
                            .ok()
                            .filter(|chain: &Vec<_>| !chain.is_empty())
                            .ok_or_else(|| pem_error(cert, "client certificate", fix))?;
                    let key_bytes = read_pem_file(key, "client key", fix)?;
                    let private = PrivateKeyDer::from_pem_slice(&key_bytes)
                        .map_err(|_| pem_error(key, "client key", fix))?;
                    builder.with_client_auth_cert(chain, private).map_err(|err| {
                    anyhow::anyhow!(
                        "the client certificate {} and key {} ({}) do not go together: {err}; \
                         {fix}; check with `openssl x509 -noout -subject -in {}`",
                        cert.display(),
                        key.display(),
                        files.source,
                        cert.display()
                    )
                })?
                }
                (None, None) => builder.with_no_client_auth(),
                (Some(cert), None) => anyhow::bail!(
                    "a client certificate ({}) without its key ({}): give both, with --tlscert and \
                 --tlskey (or cert.pem and key.pem in DOCKER_CERT_PATH); check with `ls -l {}`",
                    cert.display(),
                    files.source,
                    cert.parent().unwrap_or(Path::new("/")).display()
                ),
                (None, Some(key)) => anyhow::bail!(
                    "a client key ({}) without its certificate ({}): give both, with --tlscert and \
                 --tlskey (or cert.pem and key.pem in DOCKER_CERT_PATH); check with `ls -l {}`",
                    key.display(),
                    files.source,
                    key.parent().unwrap_or(Path::new("/")).display()
                ),
            };
        let server_name = ServerName::try_from(host.to_string()).map_err(|_| {
            anyhow::anyhow!("`{host}` (in {url}) is neither a host name nor an IP address")
        })?;
        Ok(TlsDialer {
            authority: authority.to_string(),
            server_name,
            config: Arc::new(config),
            files: files.clone(),
            url: url.to_string(),
        })
    }

    async fn dial(&self) -> io::Result<Stream> {
        let tcp = connect_tcp(&self.authority).await?;
        let connector = tokio_rustls::TlsConnector::from(self.config.clone());
        match connector.connect(self.server_name.clone(), tcp).await {
            Ok(tls) => Ok(Stream::Tls(Box::new(tls))),
            Err(err) => match err
                .get_ref()
                .and_then(|e| e.downcast_ref::<rustls::Error>())
            {
                Some(tls) => Err(io::Error::other(self.failure(tls))),
                None => Err(err),
            },
        }
    }

    /// The words of a TLS error: whose certificate failed, and what to do.
    fn failure(&self, err: &rustls::Error) -> TransportFailure {
        use rustls::AlertDescription as Alert;
        let ca = self.files.ca.display();
        let source = &self.files.source;
        let check = self.check_command();
        match err {
            rustls::Error::InvalidCertificate(why) => TransportFailure {
                what: format!(
                    "the engine's TLS certificate does not verify against the CA {ca} ({source}): \
                     {}",
                    certificate_words(why)
                ),
                fix: format!(
                    "Use the CA that signed the engine's certificate, and an address that the \
                     certificate names; check with `{check}`"
                ),
            },
            rustls::Error::AlertReceived(
                Alert::BadCertificate
                | Alert::CertificateRequired
                | Alert::UnknownCA
                | Alert::CertificateUnknown
                | Alert::UnsupportedCertificate
                | Alert::CertificateExpired
                | Alert::CertificateRevoked
                | Alert::AccessDenied,
            ) => TransportFailure {
                what: format!(
                    "the engine refused alacrity's client certificate ({}): {err}",
                    match &self.files.cert {
                        Some(cert) => format!("{}, {source}", cert.display()),
                        None => format!("none was given: no cert.pem and key.pem, {source}"),
                    }
                ),
                fix: format!(
                    "Give a client certificate and key signed by the CA the engine trusts \
                     (--tlscert and --tlskey, or cert.pem and key.pem in DOCKER_CERT_PATH); check \
                     with `{check}`"
                ),
            },
            rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. } => {
                TransportFailure {
                    what: format!("the engine at {} does not answer in TLS: {err}", self.url),
                    fix: format!(
                        "Point at the engine's TLS port (2376 by convention); check with `{check}`"
                    ),
                }
            }
            other => TransportFailure {
                what: format!("the TLS connection to {} failed: {other}", self.url),
                fix: format!("Check the engine's TLS setup with `{check}`"),
            },
        }
    }

    fn check_command(&self) -> String {
        let mut words = format!("docker --tlsverify --tlscacert {}", self.files.ca.display());
        if let (Some(cert), Some(key)) = (&self.files.cert, &self.files.key) {
            words += &format!(" --tlscert {} --tlskey {}", cert.display(), key.display());
        }
        words + &format!(" -H {} version", self.url)
    }
}

fn certificate_words(err: &rustls::CertificateError) -> String {
    use rustls::CertificateError as E;
    match err {
        E::UnknownIssuer => "it is signed by another CA".into(),
        E::NotValidForName | E::NotValidForNameContext { .. } => {
            "it does not name the address alacrity connected to".into()
        }
        E::Expired | E::ExpiredContext { .. } => "it has expired".into(),
        E::NotValidYet | E::NotValidYetContext { .. } => "it is not valid yet".into(),
        E::BadSignature => "its signature is invalid".into(),
        other => format!("{other:?}"),
    }
}

fn read_pem_file(path: &Path, what: &str, fix: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|err| {
        anyhow::anyhow!(
            "cannot read the TLS {what} {}: {err}; {fix}; check with `ls -l {}`",
            path.display(),
            path.display()
        )
    })
}

fn pem_error(path: &Path, what: &str, fix: &str) -> anyhow::Error {
    let tool = if what.contains("key") { "pkey" } else { "x509" };
    anyhow::anyhow!(
        "the TLS {what} {} holds no usable PEM data; {fix}; check with `openssl {tool} -noout \
         -in {}`",
        path.display(),
        path.display()
    )
}

// ------------------------------------------------------------------------------------------------
// SSH

/// Runs `ssh ... docker system dial-stdio` for every connection, and remembers why the last one
/// that failed did.
pub(crate) struct SshDialer {
    target: SshTarget,
    url: String,
    /// The ssh client and its own options: `ALACRITY_SSH_COMMAND`, else `ssh`.
    program: Vec<String>,
    /// No terminal to prompt on: `-o BatchMode=yes`.
    batch: bool,
    last_failure: Mutex<Option<TransportFailure>>,
    failed: Notify,
    tracer: Option<Tracer>,
}

impl SshDialer {
    pub(crate) fn new(
        url: &str,
        target: SshTarget,
        program: Vec<String>,
        batch: bool,
        tracer: Option<Tracer>,
    ) -> SshDialer {
        SshDialer {
            target,
            url: url.to_string(),
            program,
            batch,
            last_failure: Mutex::new(None),
            failed: Notify::new(),
            tracer,
        }
    }

    /// The arguments of `ssh`, as the docker CLI gives them (plus batch mode without a terminal).
    pub(crate) fn args(&self) -> Vec<String> {
        let mut args: Vec<String> = self.program.iter().skip(1).cloned().collect();
        args.extend(["-o", "ConnectTimeout=30", "-T"].map(String::from));
        if self.batch {
            args.extend(["-o", "BatchMode=yes"].map(String::from));
        }
        if let Some(user) = &self.target.user {
            args.extend(["-l".to_string(), user.clone()]);
        }
        if let Some(port) = self.target.port {
            args.extend(["-p".to_string(), port.to_string()]);
        }
        args.extend(["--".to_string(), self.target.host.clone()]);
        args.extend(self.target.remote_command());
        args
    }

    async fn dial(self: &Arc<Self>) -> io::Result<Stream> {
        let program = self.program.first().map_or("ssh", String::as_str);
        let args = self.args();
        if let Some(tracer) = &self.tracer {
            tracer(&format!("engine: {program} {}", args.join(" ")));
        }
        let mut child = tokio::process::Command::new(program)
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|err| {
                io::Error::other(TransportFailure {
                    what: format!("cannot run the ssh client `{program}`: {err}"),
                    fix: "Install OpenSSH's client (Debian: `apt-get install openssh-client`), or \
                          name it with ALACRITY_SSH_COMMAND; check with `ssh -V`"
                        .into(),
                })
            })?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(io::Error::other("ssh started without its pipes"));
        };
        let dialer = self.clone();
        tokio::spawn(async move {
            let said = read_tail(stderr).await;
            let status = child.wait().await;
            let code = status.as_ref().ok().and_then(|s| s.code());
            if status.as_ref().is_ok_and(|s| s.success()) {
                return;
            }
            let failure = dialer.classify(code, &said);
            *dialer
                .last_failure
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = Some(failure);
            dialer.failed.notify_waiters();
        });
        Ok(Stream::Ssh(SshStream { stdin, stdout }))
    }

    /// Why the last `ssh` failed, waiting a moment for one that is exiting to say so.
    async fn failure(&self) -> Option<TransportFailure> {
        let deadline = tokio::time::Instant::now() + SSH_EXIT_WAIT;
        loop {
            let notified = self.failed.notified();
            if let Some(failure) = self
                .last_failure
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
            {
                return Some(failure);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return None;
            }
        }
    }

    /// Which step failed, from ssh's exit code and stderr.
    fn classify(&self, code: Option<i32>, stderr: &str) -> TransportFailure {
        let target = &self.target;
        let check = target.check_command();
        let said = last_lines(stderr);
        let has = |needle: &str| stderr.contains(needle);
        let host = &target.host;
        if has("REMOTE HOST IDENTIFICATION HAS CHANGED") {
            return TransportFailure {
                what: format!(
                    "ssh refused {host}: its host key differs from the one in known_hosts ({said})"
                ),
                fix: format!(
                    "If the server was reinstalled, remove the old key with `ssh-keygen -R {host}` \
                     and check the new one's fingerprint; check with `{check}`"
                ),
            };
        }
        if has("Host key verification failed") || has("host key is known") {
            return TransportFailure {
                what: format!("ssh does not know the host key of {host} ({said})"),
                fix: format!(
                    "Add it to ~/.ssh/known_hosts once, checking its fingerprint: run `{}` on a \
                     terminal and answer yes (or `ssh-keyscan` it into known_hosts); check with \
                     `{check}`",
                    target.ssh_words()
                ),
            };
        }
        if has("Permission denied") || has("Too many authentication failures") {
            return TransportFailure {
                what: format!("ssh could not log in to {host}: authentication refused ({said})"),
                fix: format!(
                    "Give ssh a key the server accepts: load it into the agent (`ssh-add KEY`) or \
                     name it in ~/.ssh/config (IdentityFile), check the user ({}), and that the \
                     key is in the remote user's ~/.ssh/authorized_keys; check with `{check}`",
                    target
                        .user
                        .as_deref()
                        .unwrap_or("yours, or User in ~/.ssh/config")
                ),
            };
        }
        let unreachable = [
            "Could not resolve hostname",
            "Connection refused",
            "No route to host",
            "Connection timed out",
            "Network is unreachable",
            "Operation timed out",
            "Connection closed by",
            "Connection reset",
            "port 22: ",
            "kex_exchange_identification",
        ];
        if code == Some(255) && unreachable.iter().any(|n| has(n)) {
            return TransportFailure {
                what: format!("ssh cannot reach {host}: host unreachable ({said})"),
                fix: format!(
                    "Check the host name and port, that sshd runs there and that the network lets \
                     you through (ProxyJump in ~/.ssh/config for a bastion); check with `{check}`"
                ),
            };
        }
        if code == Some(127) || has("docker: not found") || has("docker: command not found") {
            return TransportFailure {
                what: format!("there is no docker CLI on {host} ({said})"),
                fix: format!(
                    "ssh:// needs the docker CLI on the remote (it runs `docker system \
                     dial-stdio`): install it there (Debian: `apt-get install docker.io` or \
                     docker-ce-cli), or put it on the remote user's PATH; check with `{check}`"
                ),
            };
        }
        if has("Cannot connect to the Docker daemon")
            || has("permission denied while trying")
            || has("raw stream connection")
        {
            return TransportFailure {
                what: format!("docker on {host} cannot reach its engine ({said})"),
                fix: format!(
                    "Start dockerd on {host}, or log in as a user allowed to use its socket (the \
                     docker group); check with `{check}`"
                ),
            };
        }
        let status = code.map_or("was killed".to_string(), |c| format!("exited with {c}"));
        TransportFailure {
            what: format!(
                "the ssh connection to {} failed: ssh {status}{}",
                self.url,
                if said.is_empty() {
                    String::new()
                } else {
                    format!(" ({said})")
                }
            ),
            fix: format!("Check the path with `{check}`"),
        }
    }
}

/// The end of a child's stderr, as text.
async fn read_tail(mut stderr: tokio::process::ChildStderr) -> String {
    use tokio::io::AsyncReadExt;
    let mut kept = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stderr.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                kept.extend_from_slice(&buf[..n]);
                if kept.len() > STDERR_KEEP {
                    kept.drain(..kept.len() - STDERR_KEEP);
                }
            }
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// The last meaningful lines of ssh's stderr, on one line, without its warnings and banners.
fn last_lines(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Warning: Permanently added"))
        .filter(|l| l.chars().all(|c| !c.is_control()))
        .collect();
    let start = lines.len().saturating_sub(2);
    lines[start..].join("; ")
}

/// The pipes of one `ssh ... dial-stdio`: what is written goes to the remote engine.
pub(crate) struct SshStream {
    stdin: ChildStdin,
    stdout: ChildStdout,
}

impl AsyncRead for SshStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdout).poll_read(cx, buf)
    }
}

impl AsyncWrite for SshStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stdin).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdin).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdin).poll_shutdown(cx)
    }
}

/// Whether ssh may prompt: only with a terminal to prompt on (never in CI or a pipe).
pub(crate) fn has_terminal() -> bool {
    use std::io::IsTerminal;
    (std::io::stdin().is_terminal() || std::io::stderr().is_terminal())
        && std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_without_the_system_from_loopback_and_etc_hosts() {
        let hosts = "127.0.0.1 localhost\n# 10.0.0.9 commented\n10.1.2.3\tswarm-manager  manager # the manager\n::1 ip6-localhost\nfe80::1 manager\n";
        let addrs = |a: &str| -> Vec<String> {
            fallback_addrs(a, hosts)
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        assert_eq!(addrs("localhost:2375"), ["127.0.0.1:2375", "[::1]:2375"]);
        assert_eq!(addrs("engine.LOCALHOST.:1"), ["127.0.0.1:1", "[::1]:1"]);
        assert_eq!(addrs("Manager:2376"), ["10.1.2.3:2376", "[fe80::1]:2376"]);
        assert_eq!(addrs("swarm-manager:2376"), ["10.1.2.3:2376"]);
        assert!(addrs("commented:1").is_empty());
        assert!(addrs("elsewhere:2375").is_empty());
        assert!(addrs("manager").is_empty());
        assert!(addrs("manager:port").is_empty());
    }

    #[test]
    fn ssh_addresses_parse_as_the_docker_cli_does() {
        let t = SshTarget::parse("ssh://deploy@manager:2222/run/docker.sock").unwrap();
        assert_eq!(t.user.as_deref(), Some("deploy"));
        assert_eq!(t.host, "manager");
        assert_eq!(t.port, Some(2222));
        assert_eq!(t.path.as_deref(), Some("/run/docker.sock"));
        let t = SshTarget::parse("ssh://manager").unwrap();
        assert_eq!((t.user, t.port, t.path), (None, None, None));
        let t = SshTarget::parse("ssh://[::1]:22/").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.path), ("::1", Some(22), None));
        for bad in [
            "ssh://me:secret@host",
            "ssh://",
            "ssh://host:0",
            "ssh://host:x",
            "ssh://host?x=1",
            "ssh://-oProxyCommand=x",
            "ssh://@host",
        ] {
            assert!(SshTarget::parse(bad).is_err(), "{bad}");
        }
        let err = SshTarget::parse("ssh://me:secret@host").unwrap_err();
        assert!(!err.contains("secret"), "{err}");
    }

    fn dialer(url: &str, batch: bool) -> SshDialer {
        let target = SshTarget::parse(url).unwrap();
        SshDialer::new(
            url,
            target,
            vec!["ssh".into(), "-F".into(), "/cfg".into()],
            batch,
            None,
        )
    }

    #[test]
    fn ssh_runs_dial_stdio_in_batch_mode_without_a_terminal() {
        let args = dialer("ssh://deploy@manager:2222", true).args().join(" ");
        assert_eq!(
            args,
            "-F /cfg -o ConnectTimeout=30 -T -o BatchMode=yes -l deploy -p 2222 -- manager \
             docker system dial-stdio"
        );
        let args = dialer("ssh://manager/var/run/my docker.sock", false)
            .args()
            .join(" ");
        assert_eq!(
            args,
            "-F /cfg -o ConnectTimeout=30 -T -- manager \
             docker '--host=unix:///var/run/my docker.sock' system dial-stdio"
        );
    }

    #[test]
    fn ssh_failures_say_which_step_failed() {
        let d = dialer("ssh://deploy@manager:2222", true);
        let cases = [
            (
                255,
                "ssh: connect to host manager port 2222: Connection refused\r\n",
                "host unreachable",
            ),
            (
                255,
                "ssh: Could not resolve hostname manager: Name or service not known\n",
                "host unreachable",
            ),
            (
                255,
                "deploy@manager: Permission denied (publickey).\n",
                "authentication refused",
            ),
            (
                255,
                "No ED25519 host key is known for [manager]:2222 and you have requested strict \
                 checking.\nHost key verification failed.\n",
                "does not know the host key",
            ),
            (127, "sh: 1: docker: not found\n", "no docker CLI"),
            (
                1,
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the \
                 docker daemon running?\n",
                "cannot reach its engine",
            ),
            (
                1,
                "failed to open the raw stream connection: dial unix /var/run/docker.sock: \
                 connect: no such file or directory\n",
                "cannot reach its engine",
            ),
        ];
        for (code, stderr, words) in cases {
            let failure = d.classify(Some(code), stderr);
            assert!(failure.what.contains(words), "{stderr}: {failure:?}");
            assert!(
                failure
                    .fix
                    .ends_with("`ssh -p 2222 deploy@manager docker version`"),
                "{failure:?}"
            );
        }
    }
}
