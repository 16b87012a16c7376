//! The private registry that `scripts/registry` starts (Debian's docker-registry, TLS with a CA of
//! its own, one user with a random password, see its header), found through the environment it
//! exports, and what tests do with it: push an image made from the test image, write a docker CLI
//! configuration or a credential helper that gives its credentials, ask it what a tag points at.
//!
//! Every node of both swarms trusts its CA (`/etc/docker/certs.d/ADDRESS/ca.crt`, see
//! `scripts/engine`). A swarm's nodes reach it at the host's address on their own bridge, so each
//! swarm has its own address: [`Registry::cluster`] for the three-node swarm, [`Registry::single`]
//! for the one-node swarm. The password stays in a file: it is never in the environment, on a
//! command line or in an output (the docker CLI and curl get it on stdin).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;

use crate::common::engine::{Swarm, docker_command, lines, test_image};
use crate::common::{stderr, stdout};

/// host:port of the registry as the three-node swarm's nodes reach it (10.250.(I+1).1:PORT).
pub const REGISTRY_ENV: &str = "ALACRITY_TEST_REGISTRY";
/// host:port of the registry as the one-node swarm's node reaches it (10.250.I.1:PORT).
pub const REGISTRY_SINGLE_ENV: &str = "ALACRITY_TEST_REGISTRY_SINGLE";
/// The registry's one user.
pub const REGISTRY_USER_ENV: &str = "ALACRITY_TEST_REGISTRY_USER";
/// The file that holds the user's password (the password itself is in no variable).
pub const REGISTRY_PASSWORD_FILE_ENV: &str = "ALACRITY_TEST_REGISTRY_PASSWORD_FILE";
/// The CA (PEM) that signed the registry's certificate.
pub const REGISTRY_CA_ENV: &str = "ALACRITY_TEST_REGISTRY_CA";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The value of a variable that `scripts/registry env` exports; panics (the test fails, it does
/// not skip) with how to get it.
#[track_caller]
fn registry_env(name: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => value,
        _ => panic!(
            "{name} is not set: this test needs the private registry that `scripts/test` starts \
             (scripts/registry) with the private Docker engines. Run the tests with `scripts/test` \
             (e.g. `scripts/test --test engine -- registry::`), or start it by hand after the \
             engines: `scripts/registry up && eval \"$(scripts/registry env)\"` (same \
             ALACRITY_ENGINE_ID as the one-node swarm)"
        ),
    }
}

/// The test registry, at the address one swarm's nodes use.
#[derive(Debug, Clone)]
pub struct Registry {
    address: String,
    user: String,
    password_file: PathBuf,
    ca: PathBuf,
}

impl Registry {
    /// The registry as the three-node swarm ([`Swarm::cluster`]) reaches it.
    #[track_caller]
    pub fn cluster() -> Registry {
        Registry::at(registry_env(REGISTRY_ENV))
    }

    /// The registry as the one-node swarm ([`Swarm::single`]) reaches it.
    #[track_caller]
    pub fn single() -> Registry {
        Registry::at(registry_env(REGISTRY_SINGLE_ENV))
    }

    /// The registry for `swarm`: [`Registry::cluster`] or [`Registry::single`].
    #[track_caller]
    pub fn of(swarm: &Swarm) -> Registry {
        if swarm.is_cluster() {
            Registry::cluster()
        } else {
            Registry::single()
        }
    }

    #[track_caller]
    fn at(address: String) -> Registry {
        Registry {
            address,
            user: registry_env(REGISTRY_USER_ENV),
            password_file: PathBuf::from(registry_env(REGISTRY_PASSWORD_FILE_ENV)),
            ca: PathBuf::from(registry_env(REGISTRY_CA_ENV)),
        }
    }

    /// `host:port`, as an image reference starts with it: `10.250.6.1:5005`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The user the registry knows.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The user's password, read from its file (never print it).
    #[track_caller]
    pub fn password(&self) -> String {
        fs::read_to_string(&self.password_file)
            .unwrap_or_else(|e| {
                panic!(
                    "read the registry's password file {:?}: {e}",
                    self.password_file
                )
            })
            .trim()
            .to_string()
    }

    /// The file that holds the password.
    pub fn password_file(&self) -> &Path {
        &self.password_file
    }

    /// The CA (PEM) that signed the registry's certificate.
    pub fn ca(&self) -> &Path {
        &self.ca
    }

    /// `ADDRESS/REPO:TAG`.
    pub fn image(&self, repo: &str, tag: &str) -> String {
        format!("{}/{repo}:{tag}", self.address)
    }

    /// `user:password` in base64, as `auth` in a docker config.json (a secret too).
    pub fn auth(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            self.user,
            self.password()
        ))
    }

    /// What no output may show: the password and the `auth` made of it.
    pub fn secrets(&self) -> Vec<String> {
        vec![self.password(), self.auth()]
    }

    /// Panics if `text` (the output of `what`) shows a secret; says which, not what it is.
    #[track_caller]
    pub fn assert_no_secret(&self, text: &str, what: &str) {
        let [password, auth] = [self.password(), self.auth()];
        assert!(
            !text.contains(&password),
            "{what} shows the registry's password"
        );
        assert!(
            !text.contains(&auth),
            "{what} shows the registry's credentials in base64"
        );
    }

    /// [`Registry::assert_no_secret`] on a command's stdout and stderr.
    #[track_caller]
    pub fn assert_no_secret_in(&self, out: &Output, what: &str) {
        self.assert_no_secret(&format!("{}{}", stdout(out), stderr(out)), what);
    }

    /// Writes `dir/config.json` (made if missing) with the registry's credentials under `auths`,
    /// as `docker login` writes them.
    #[track_caller]
    pub fn docker_config(&self, dir: &Path) {
        let config = serde_json::json!({ "auths": { &self.address: { "auth": self.auth() } } });
        write_private(&dir.join("config.json"), &format!("{config:#}\n"));
    }

    /// Writes a docker credential helper for the registry, `dir/bin/docker-credential-test`, and
    /// `dir/config.json` that names it for the registry (`credHelpers`); returns `dir/bin`, to put
    /// first on PATH. The helper answers `get` for this registry (its address, with or without a
    /// scheme or a path) with the user and the password (read from the password file at each
    /// call), and "credentials not found in native keychain" (exit 1) for any other server; it
    /// logs each call's action and server URL (never a secret) to `dir/helper.log`.
    #[track_caller]
    pub fn credential_helper(&self, dir: &Path) -> PathBuf {
        let bin = dir.join("bin");
        fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("create {bin:?}: {e}"));
        let script = format!(
            r#"#!/bin/sh
# docker-credential-test: the docker credential helper protocol for the test registry
# (tests/common/registry.rs). get: the server URL on stdin, its credentials on stdout.
address={address}
user={user}
password_file={password_file}
log={log}
action=${{1:-}}
case $action in
get)
    server=$(cat)
    printf '%s %s\n' "$action" "$server" >>"$log"
    host=${{server#*://}}
    host=${{host%%/*}}
    if [ "$host" = "$address" ]; then
        secret=$(cat "$password_file") || exit 1
        printf '{{"ServerURL":"%s","Username":"%s","Secret":"%s"}}\n' "$server" "$user" "$secret"
        exit 0
    fi
    echo "credentials not found in native keychain"
    exit 1
    ;;
list)
    printf '%s\n' "$action" >>"$log"
    printf '{{"%s":"%s"}}\n' "$address" "$user"
    ;;
*)
    # store (its stdin holds a secret: never logged), erase, anything else.
    cat >/dev/null
    printf '%s\n' "$action" >>"$log"
    echo "docker-credential-test answers get and list only, not '$action'"
    exit 1
    ;;
esac
"#,
            address = sh_quote(&self.address),
            user = sh_quote(&self.user),
            password_file = sh_quote(&self.password_file.to_string_lossy()),
            log = sh_quote(&dir.join("helper.log").to_string_lossy()),
        );
        let helper = bin.join("docker-credential-test");
        fs::write(&helper, script).unwrap_or_else(|e| panic!("write {helper:?}: {e}"));
        fs::set_permissions(&helper, fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("chmod {helper:?}: {e}"));
        let config = serde_json::json!({ "credHelpers": { &self.address: "test" } });
        write_private(&dir.join("config.json"), &format!("{config:#}\n"));
        bin
    }

    /// The docker CLI against node `node` of `swarm` with the docker configuration in `config`
    /// (its own DOCKER_CONFIG, never the machine's ~/.docker). To run it, prefer
    /// [`Registry::docker_in`], [`no_prompt`] or [`Registry::engine_pull`] for a pull or push the
    /// registry may refuse: the docker CLI would hang.
    #[track_caller]
    pub fn docker_with(&self, swarm: &Swarm, node: usize, config: &Path) -> Command {
        let mut cmd = docker_command(swarm.node_host(node));
        cmd.env("DOCKER_CONFIG", config);
        cmd
    }

    /// Runs the docker CLI (`args`) against node `node` of `swarm` with the docker configuration
    /// in `config`, through [`no_prompt`]: a refused pull or push fails, it never hangs. Whatever
    /// the outcome.
    #[track_caller]
    pub fn docker_in(&self, swarm: &Swarm, node: usize, config: &Path, args: &[&str]) -> Output {
        no_prompt(self.docker_with(swarm, node, config).args(args))
    }

    /// Pulls `image` (`ADDRESS/REPO:TAG`) with the Engine API of node `node` (`POST
    /// /images/create`, curl on the node's socket), with `credentials` (user, password) in
    /// `X-Registry-Auth` or none, and returns what the engine answered: its own words for a
    /// refusal, on every Docker release, where `docker pull` may hang (see [`no_prompt`]). The
    /// credentials go to curl on its stdin.
    #[track_caller]
    pub fn engine_pull(
        &self,
        swarm: &Swarm,
        node: usize,
        image: &str,
        credentials: Option<(&str, &str)>,
    ) -> EnginePull {
        let host = swarm.node_host(node);
        let socket = host
            .strip_prefix("unix://")
            .unwrap_or_else(|| panic!("node{node}'s engine is not on a unix socket: {host}"));
        let last = image.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match image[last..].rfind(':') {
            Some(i) => (&image[..last + i], &image[last + i + 1..]),
            None => (image, "latest"),
        };
        let url = format!("http://docker/images/create?fromImage={name}&tag={tag}");
        let config = credentials.map(|(user, password)| {
            let auth = serde_json::json!({
                "username": user,
                "password": password,
                "serveraddress": &self.address,
            });
            let header = base64::engine::general_purpose::URL_SAFE.encode(auth.to_string());
            format!("header = \"X-Registry-Auth: {header}\"\n")
        });
        let out = curl(
            &[
                "-sS",
                "--max-time",
                "120",
                "--unix-socket",
                socket,
                "-X",
                "POST",
                "-w",
                "\n%{http_code}",
                &url,
            ],
            config.as_deref(),
        );
        assert!(
            out.status.success(),
            "curl POST {url} on {socket} failed: {}",
            stderr(&out).trim()
        );
        let text = stdout(&out);
        let (body, status) = text
            .trim_end()
            .rsplit_once('\n')
            .unwrap_or(("", text.trim()));
        EnginePull {
            status: status.trim().parse().unwrap_or(0),
            body: body.to_string(),
        }
    }

    /// `docker login` to the registry through node `node`'s engine (which checks the credentials
    /// with the registry), writing into `config`; `password` None: the right one. The password
    /// goes on stdin. Whatever the outcome.
    #[track_caller]
    pub fn login(
        &self,
        swarm: &Swarm,
        node: usize,
        config: &Path,
        password: Option<&str>,
    ) -> Output {
        let password = password.map_or_else(|| self.password(), str::to_string);
        // A config.json with an `auths` entry already (empty): the docker CLI then keeps the
        // credentials in it, and never in a credential store it would find on PATH.
        if !config.join("config.json").exists() {
            let empty = serde_json::json!({ "auths": { &self.address: {} } });
            write_private(&config.join("config.json"), &format!("{empty:#}\n"));
        }
        let mut child = self
            .docker_with(swarm, node, config)
            .args([
                "login",
                "--username",
                &self.user,
                "--password-stdin",
                &self.address,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("run docker login: {e}"));
        {
            let mut stdin = child.stdin.take().expect("docker login's stdin");
            stdin
                .write_all(password.as_bytes())
                .unwrap_or_else(|e| panic!("give docker login its password: {e}"));
        }
        child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("wait for docker login: {e}"))
    }

    /// Pushes `ADDRESS/REPO:TAG` through node1 of `swarm` and returns its digest (`sha256:...`):
    /// an image that differs from the test image by `/variant`, a file holding `variant` (its
    /// command and environment are the test image's). It is made on node1 (`docker run
    /// --network none`, then `docker commit`), pushed with credentials given by `docker login`
    /// in a temporary DOCKER_CONFIG of its own, and its tag removed from node1 afterwards (so a
    /// deploy pulls it, on node1 too). A second push to the same tag gives another digest.
    #[track_caller]
    pub fn push(&self, swarm: &Swarm, repo: &str, tag: &str, variant: &str) -> String {
        let image = self.image(repo, tag);
        let base = test_image();
        let container = format!(
            "registry-push-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let cmd = swarm.docker_ok(&[
            "image",
            "inspect",
            "--format",
            "{{json .Config.Cmd}}",
            &base,
        ]);
        let made = swarm.docker(&[
            "run",
            "--network",
            "none",
            "--name",
            &container,
            &base,
            "sh",
            "-c",
            r#"echo "$1" > /variant"#,
            "sh",
            variant,
        ]);
        let mut commit = vec!["commit"];
        let change = format!("CMD {cmd}");
        if cmd != "null" {
            commit.extend(["--change", &change]);
        }
        commit.extend([container.as_str(), image.as_str()]);
        let committed = made.status.success().then(|| swarm.docker(&commit));
        swarm.docker(&["rm", "-f", &container]);
        assert!(
            made.status.success(),
            "docker run {base} (to write /variant) on {} failed: {}",
            swarm.host(),
            stderr(&made).trim()
        );
        let committed = committed.expect("committed");
        assert!(
            committed.status.success(),
            "docker commit {container} {image} failed: {}",
            stderr(&committed).trim()
        );

        let config = tempfile::tempdir().expect("a temporary DOCKER_CONFIG");
        let login = self.login(swarm, 1, config.path(), None);
        assert!(
            login.status.success(),
            "docker login {} through {} failed: {}",
            self.address,
            swarm.host(),
            stderr(&login).trim()
        );
        let pushed = self.docker_in(swarm, 1, config.path(), &["push", &image]);
        swarm.docker(&["rmi", &image]);
        assert!(
            pushed.status.success(),
            "docker push {image} through {} failed: {}{}",
            swarm.host(),
            stdout(&pushed),
            stderr(&pushed).trim()
        );
        // "TAG: digest: sha256:... size: N"
        let out = stdout(&pushed);
        lines(&out)
            .find_map(|l| l.split_once("digest: ").map(|(_, rest)| rest))
            .and_then(|rest| rest.split_whitespace().next())
            .filter(|d| d.starts_with("sha256:"))
            .unwrap_or_else(|| panic!("no digest in the output of docker push {image}: {out}"))
            .to_string()
    }

    /// The digest the registry has for `repo:tag` (its `Docker-Content-Digest` for the manifest),
    /// None if it has no such tag. Asked over HTTPS with the CA and the credentials (curl; the
    /// credentials on its stdin).
    #[track_caller]
    pub fn digest_of(&self, repo: &str, tag: &str) -> Option<String> {
        let url = format!("https://{}/v2/{repo}/manifests/{tag}", self.address);
        let accept = [
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
        ]
        .join(", ");
        let curl_config = format!("user = \"{}:{}\"\n", self.user, self.password());
        let out = curl(
            &[
                "-sS",
                "--head",
                "--max-time",
                "20",
                "-o",
                "/dev/null",
                "-D",
                "-",
                "-H",
                &format!("Accept: {accept}"),
                "--cacert",
                &self.ca.to_string_lossy(),
                &url,
            ],
            Some(&curl_config),
        );
        assert!(
            out.status.success(),
            "curl {url} failed: {}",
            stderr(&out).trim()
        );
        let headers = stdout(&out);
        let status = headers
            .lines()
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("");
        match status {
            "200" => Some(
                headers
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("docker-content-digest")
                            .then(|| value.trim().to_string())
                    })
                    .unwrap_or_else(|| panic!("no Docker-Content-Digest from {url}: {headers}")),
            ),
            "404" => None,
            _ => panic!("unexpected answer of the registry to HEAD {url}: {headers}"),
        }
    }

    /// The HTTP status of `GET https://ADDRESS/v2/` with `credentials` (`user:password`, given to
    /// curl on stdin) or none, checking the registry's certificate with its CA.
    #[track_caller]
    pub fn status(&self, credentials: Option<&str>) -> u16 {
        let url = format!("https://{}/v2/", self.address);
        let config = credentials.map(|c| format!("user = \"{c}\"\n"));
        let out = curl(
            &[
                "-sS",
                "--max-time",
                "20",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--cacert",
                &self.ca.to_string_lossy(),
                &url,
            ],
            config.as_deref(),
        );
        assert!(
            out.status.success(),
            "curl {url} failed: {}",
            stderr(&out).trim()
        );
        stdout(&out)
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("curl {url} gave no status: {}", stdout(&out)))
    }
}

/// What an engine answered to a pull through its API ([`Registry::engine_pull`]).
#[derive(Debug, Clone)]
pub struct EnginePull {
    /// The HTTP status: 200 once the pull started (it may still fail: see `body`), 401 or 500
    /// (among others) when the engine refused at once.
    pub status: u16,
    /// The engine's answer: `{"message": "..."}` for a refusal, else the progress stream (one JSON
    /// object a line, `{"error": ...}` if it failed along the way).
    pub body: String,
}

impl EnginePull {
    /// True if the engine pulled the image.
    pub fn pulled(&self) -> bool {
        self.status == 200 && !self.body.contains(r#""error""#)
    }
}

/// Runs a docker CLI command with stdin a pipe that gives an empty line, and returns its output.
/// When the registry refuses the credentials of a pull or push, a Docker 28 engine answers 401
/// (20.10 answers 500; without credentials both answer 500), and the docker CLI (28.2 here) then
/// asks for a user name on stdin ("Login prior to pull"): with stdin empty or closed it waits
/// forever; with an empty line it goes on and fails at once, "inappropriate ioctl for device" (no
/// terminal for the password), without the engine's words: [`Registry::engine_pull`] has them.
#[track_caller]
pub fn no_prompt(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {cmd:?}: {e}"));
    {
        let mut stdin = child.stdin.take().expect("the command's stdin");
        // The command may exit without reading it.
        let _ = stdin.write_all(b"\n");
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait for {cmd:?}: {e}"))
}

/// The repository digests (`REPO@sha256:...`) node `node` of `swarm` has for `image`; empty if it
/// does not have the image.
#[track_caller]
pub fn repo_digests_on(swarm: &Swarm, node: usize, image: &str) -> Vec<String> {
    let out = swarm.docker_on(
        node,
        &[
            "image",
            "inspect",
            "--format",
            "{{json .RepoDigests}}",
            image,
        ],
    );
    if !out.status.success() {
        return Vec::new();
    }
    serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|e| panic!("unexpected RepoDigests of {image}: {} ({e})", stdout(&out)))
}

/// curl with `args`; `config` (curl's `-K` syntax, e.g. a `user = ...` line) on its stdin.
fn curl(args: &[&str], config: Option<&str>) -> Output {
    let mut cmd = Command::new("curl");
    if config.is_some() {
        cmd.args(["-K", "-"]);
    }
    let mut child = cmd
        .args(args)
        .stdin(if config.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run curl (scripts/registry installs it): {e}"));
    if let Some(config) = config {
        let mut stdin = child.stdin.take().expect("curl's stdin");
        stdin
            .write_all(config.as_bytes())
            .unwrap_or_else(|e| panic!("give curl its config: {e}"));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait for curl: {e}"))
}

/// Writes `contents` to `path` (its directory made if missing), readable by its owner only, as the
/// docker CLI writes config.json.
#[track_caller]
fn write_private(path: &Path, contents: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("create {dir:?}: {e}"));
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .unwrap_or_else(|e| panic!("write {path:?}: {e}"));
    file.write_all(contents.as_bytes())
        .unwrap_or_else(|e| panic!("write {path:?}: {e}"));
}

/// `value` single-quoted for sh.
fn sh_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}
