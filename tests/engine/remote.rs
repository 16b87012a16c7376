//! Remote engines, for real: alacrity reaches the one-node swarm through an OpenSSH server
//! (`docker system dial-stdio` behind a forced command), through the engine's own TLS listener
//! (certificates made by `scripts/remote` with openssl), and through docker contexts that the
//! docker CLI itself writes into a temporary DOCKER_CONFIG. deploy, plan, apps ls, volumes ls and
//! binds ls work each way; each broken way in fails with exit 1, says which step failed and how
//! to fix it, and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use crate::common::*;

/// No command here may hang, whatever goes wrong (ssh never prompts without a terminal).
const LIMIT: Duration = Duration::from_secs(120);

/// What `scripts/remote` set up (see its header).
struct Remote {
    /// `ssh -F .../ssh_config`: Host aliases ala-ssh, ala-refused, ala-unknownhost, ala-down,
    /// ala-nodocker, ala-deadengine.
    ssh_command: String,
    ssh_port: String,
    /// tcp://10.250.I.2:2376, node1's TLS listener.
    tls_host: String,
    /// ca.pem, cert.pem, key.pem of a client the engine trusts.
    tls_dir: PathBuf,
    /// The same from another CA.
    stranger_dir: PathBuf,
}

#[track_caller]
fn remote() -> Remote {
    Remote {
        ssh_command: required_env("ALACRITY_TEST_SSH_COMMAND"),
        ssh_port: required_env("ALACRITY_TEST_SSH_PORT"),
        tls_host: required_env("ALACRITY_TEST_TLS_HOST"),
        tls_dir: PathBuf::from(required_env("ALACRITY_TEST_TLS_DIR")),
        stranger_dir: PathBuf::from(required_env("ALACRITY_TEST_TLS_STRANGER_DIR")),
    }
}

/// A docker CLI configuration directory of the test's own (contexts go there), removed at the end.
struct Config {
    dir: tempfile::TempDir,
}

impl Config {
    fn new() -> Config {
        Config {
            dir: tempfile::tempdir().expect("a temporary DOCKER_CONFIG"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `docker context create NAME --docker ENDPOINT`, by the docker CLI itself.
    #[track_caller]
    fn create_context(&self, name: &str, docker_endpoint: &str) {
        let out = std::process::Command::new("docker")
            .env("DOCKER_CONFIG", self.path())
            .env_remove("DOCKER_HOST")
            .env_remove("DOCKER_CONTEXT")
            .args(["context", "create", name, "--docker", docker_endpoint])
            .output()
            .expect("run docker context create");
        assert!(
            out.status.success(),
            "docker context create {name} failed: {}",
            stderr(&out)
        );
    }
}

/// alacrity with nothing naming an engine but what the test adds: no DOCKER_* from outside, its
/// own DOCKER_CONFIG, and the harness's ssh configuration.
fn bare(config: &Config) -> assert_cmd::Command {
    let mut cmd = alacrity();
    only_what_the_test_adds(&mut cmd, config);
    cmd
}

fn only_what_the_test_adds(cmd: &mut assert_cmd::Command, config: &Config) {
    for var in [
        "DOCKER_HOST",
        "DOCKER_CONTEXT",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("DOCKER_CONFIG", config.path())
        .env("ALACRITY_SSH_COMMAND", remote().ssh_command)
        .timeout(LIMIT);
}

/// `bare`, as if alacrity ran on a laptop: in a mount namespace of its own where the engine's data
/// directory (so its node's swarm certificate) and `hidden` are empty: this machine's files are
/// not the node's. (The engine and its node are untouched: the namespace is alacrity's alone.)
fn laptop(config: &Config, hidden: &Path) -> assert_cmd::Command {
    let data_root = Swarm::single().docker_ok(&["info", "--format", "{{.DockerRootDir}}"]);
    let mut cmd = assert_cmd::Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg(
            "mount -t tmpfs laptop \"$1\" && mount -t tmpfs laptop \"$2\" && shift 2 && \
             exec \"$@\"",
        )
        .arg("laptop")
        .arg(data_root.trim())
        .arg(hidden)
        .arg(assert_cmd::cargo::cargo_bin!("alacrity"))
        .current_dir(repo())
        .env("NO_COLOR", "1");
    only_what_the_test_adds(&mut cmd, config);
    cmd
}

fn tls_flags(dir: &Path, ca_dir: &Path) -> Vec<String> {
    vec![
        "--tlsverify".into(),
        "--tlscacert".into(),
        ca_dir.join("ca.pem").display().to_string(),
        "--tlscert".into(),
        dir.join("cert.pem").display().to_string(),
        "--tlskey".into(),
        dir.join("key.pem").display().to_string(),
    ]
}

/// The spec of a persistent app with a managed volume and a host directory.
fn spec(scope: &Scope) -> (PathBuf, String, String, PathBuf) {
    let name = scope.name("db");
    let label = scope.name("data");
    let dir = scope.host_dir("backups");
    let spec = scope.write_file(
        "remote.toml",
        &format!(
            "{}persistent = true\n\
             [[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n\
             [[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/backups\"\n",
            app(&name, ""),
            dir.display()
        ),
    );
    (spec, name, label, dir)
}

#[track_caller]
fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

#[track_caller]
fn json_list(out: &Output, what: &str) -> Vec<Value> {
    let text = ok(out, what);
    let document = serde_json::from_str::<Value>(&text)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"));
    // The listing's one list: `apps`, `volumes` or `binds` (beside `errors`).
    document
        .as_object()
        .and_then(|fields| {
            fields
                .iter()
                .find(|(key, value)| *key != "errors" && value.is_array())
        })
        .and_then(|(_, list)| list.as_array())
        .unwrap_or_else(|| panic!("{what}: no JSON list: {text}"))
        .clone()
}

/// plan, deploy, apps ls, volumes ls (with sizes: a request of alacrity's own over the same
/// transport) and binds ls, each through `through`, checked with the docker CLI on the socket.
#[track_caller]
fn deploy_and_list(scope: &Scope, through: &dyn Fn() -> assert_cmd::Command) {
    let (spec, app, label, dir) = spec(scope);
    let plan = ok(&through().arg("plan").arg(&spec).output().unwrap(), "plan");
    assert!(plan.contains(&app), "the plan names the app: {plan}");
    assert!(!scope.swarm().service_exists(&app), "plan wrote nothing");

    ok(
        &through().arg("deploy").arg(&spec).output().unwrap(),
        "deploy",
    );
    assert!(scope.swarm().service_exists(&app));
    assert_eq!(scope.running_nodes(&app), ["node1"]);

    let apps = json_list(
        &through()
            .args(["apps", "ls", "-o", "json"])
            .output()
            .unwrap(),
        "apps ls",
    );
    assert!(apps.iter().any(|a| a["name"] == app.as_str()), "{apps:?}");

    let volume = format!("alacran--{label}");
    let volumes = json_list(
        &through()
            .args(["volumes", "ls", "--size", "-o", "json"])
            .output()
            .unwrap(),
        "volumes ls --size",
    );
    let listed = volumes
        .iter()
        .find(|v| v["name"] == volume.as_str())
        .unwrap_or_else(|| panic!("{volume} is listed: {volumes:?}"));
    assert!(listed["size_bytes"].is_u64(), "its size was read: {listed}");

    let binds = json_list(
        &through()
            .args(["binds", "ls", "-o", "json"])
            .output()
            .unwrap(),
        "binds ls",
    );
    let path = dir.display().to_string();
    assert!(
        binds.iter().any(|b| b["path"] == path.as_str()),
        "{path} is listed: {binds:?}"
    );
}

/// A deploy through `through` that must fail at connecting: exit 1, the given words, a command
/// to try at the end, and no service.
#[track_caller]
fn refused(scope: &Scope, through: assert_cmd::Command, words: &[&str]) -> String {
    let (spec, app, _, _) = spec(scope);
    let mut through = through;
    let out = through.arg("deploy").arg(&spec).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit 1:\n{err}");
    for w in words {
        assert!(err.contains(w), "stderr says `{w}`:\n{err}");
    }
    assert!(
        err.trim_end().ends_with('`'),
        "the error ends with a command to try:\n{err}"
    );
    assert!(!err.contains("PRIVATE KEY"), "no key is ever printed");
    assert!(!scope.swarm().service_exists(&app), "nothing was written");
    err
}

#[test]
fn through_an_ssh_url_with_user_and_port() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let url = format!("ssh://root@127.0.0.1:{}", remote().ssh_port);
    deploy_and_list(&scope, &|| {
        let mut cmd = bare(&config);
        cmd.arg("--host").arg(&url);
        cmd
    });
}

#[test]
fn through_docker_host_ssh_with_an_ssh_config_alias() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    deploy_and_list(&scope, &|| {
        let mut cmd = bare(&config);
        cmd.env("DOCKER_HOST", "ssh://ala-ssh");
        cmd
    });
}

#[test]
fn through_tls_with_the_flags() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let r = remote();
    deploy_and_list(&scope, &|| {
        let mut cmd = bare(&config);
        cmd.args(tls_flags(&r.tls_dir, &r.tls_dir))
            .arg("--host")
            .arg(&r.tls_host);
        cmd
    });
}

#[test]
fn through_tls_with_docker_tls_verify_and_docker_cert_path() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let r = remote();
    deploy_and_list(&scope, &|| {
        let mut cmd = bare(&config);
        cmd.env("DOCKER_HOST", &r.tls_host)
            .env("DOCKER_TLS_VERIFY", "1")
            .env("DOCKER_CERT_PATH", &r.tls_dir);
        cmd
    });
}

#[test]
fn through_a_tls_context_given_with_context() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let r = remote();
    let d = &r.tls_dir;
    config.create_context(
        "tls-ctx",
        &format!(
            "host={},ca={},cert={},key={}",
            r.tls_host,
            d.join("ca.pem").display(),
            d.join("cert.pem").display(),
            d.join("key.pem").display()
        ),
    );
    deploy_and_list(&scope, &|| {
        let mut cmd = bare(&config);
        // --context comes before DOCKER_HOST: this one leads nowhere.
        cmd.args(["--context", "tls-ctx"])
            .env("DOCKER_HOST", "unix:///nonexistent.sock");
        cmd
    });
}

#[test]
fn through_an_ssh_context_given_with_docker_context() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    config.create_context("ssh-ctx", "host=ssh://ala-ssh");
    // The current context would lead nowhere: DOCKER_CONTEXT comes before it.
    config.create_context("nowhere", "host=unix:///nonexistent.sock");
    std::fs::write(
        config.path().join("config.json"),
        r#"{"currentContext":"nowhere"}"#,
    )
    .unwrap();
    deploy_and_list(&scope, &|| {
        let mut cmd = bare(&config);
        cmd.env("DOCKER_CONTEXT", "ssh-ctx");
        cmd
    });
}

#[test]
fn verbose_says_which_engine_and_why() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    config.create_context("ssh-ctx", "host=ssh://ala-ssh");
    let out = bare(&config)
        .args(["-v", "--context", "ssh-ctx", "apps", "ls"])
        .env("DOCKER_HOST", "unix:///nonexistent.sock")
        .output()
        .unwrap();
    ok(&out, "apps ls");
    let err = stderr(&out);
    assert!(
        err.contains(
            "engine: ssh://ala-ssh (chosen by --context ssh-ctx, which comes before DOCKER_HOST)"
        ),
        "{err}"
    );
    // The current context, when nothing else names an engine.
    std::fs::write(
        config.path().join("config.json"),
        r#"{"currentContext":"ssh-ctx"}"#,
    )
    .unwrap();
    let out = bare(&config).args(["-v", "apps", "ls"]).output().unwrap();
    ok(&out, "apps ls");
    assert!(
        stderr(&out)
            .contains("engine: ssh://ala-ssh (chosen by the current docker context `ssh-ctx`"),
        "{}",
        stderr(&out)
    );
    drop(scope);
}

#[test]
fn a_certificate_from_another_ca_does_not_verify() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let r = remote();
    // The engine's certificate, checked against another CA.
    let mut cmd = bare(&config);
    cmd.env("DOCKER_HOST", &r.tls_host)
        .env("DOCKER_TLS_VERIFY", "1")
        .env("DOCKER_CERT_PATH", &r.stranger_dir);
    refused(
        &scope,
        cmd,
        &[
            "the engine's TLS certificate does not verify against the CA",
            "signed by another CA",
            "docker --tlsverify",
        ],
    );
    // A client certificate the engine does not trust.
    let mut cmd = bare(&config);
    cmd.args(tls_flags(&r.stranger_dir, &r.tls_dir))
        .arg("--host")
        .arg(&r.tls_host);
    refused(
        &scope,
        cmd,
        &["the engine refused alacrity's client certificate"],
    );
    // No client certificate at all: TLS was asked for, so never plain HTTP.
    let mut cmd = bare(&config);
    cmd.arg("--tlscacert")
        .arg(r.tls_dir.join("ca.pem"))
        .arg("--host")
        .arg(&r.tls_host);
    refused(&scope, cmd, &["refused alacrity's client certificate"]);
    // A CA file that is not there.
    let mut cmd = bare(&config);
    cmd.args([
        "--tlsverify",
        "--tlscacert",
        "/nonexistent/ca.pem",
        "--host",
    ])
    .arg(&r.tls_host);
    refused(
        &scope,
        cmd,
        &["cannot read the TLS CA certificate /nonexistent/ca.pem"],
    );
}

#[test]
fn a_refused_key_says_authentication_refused() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let mut cmd = bare(&config);
    cmd.args(["--host", "ssh://ala-refused"]);
    refused(
        &scope,
        cmd,
        &["authentication refused", "Permission denied", "ssh-add"],
    );
}

#[test]
fn an_unknown_host_key_never_prompts() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let mut cmd = bare(&config);
    cmd.args(["--host", "ssh://ala-unknownhost"]);
    refused(&scope, cmd, &["does not know the host key", "known_hosts"]);
}

#[test]
fn a_dead_tunnel_says_which_end_is_dead() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    // Nothing listens where ssh goes.
    let mut cmd = bare(&config);
    cmd.env("DOCKER_HOST", "ssh://ala-down");
    refused(&scope, cmd, &["host unreachable", "Connection refused"]);
    // sshd answers, but the remote's docker reaches no engine.
    let mut cmd = bare(&config);
    cmd.env("DOCKER_HOST", "ssh://ala-deadengine");
    refused(&scope, cmd, &["cannot reach its engine", "dockerd"]);
    // sshd answers, but there is no docker on the remote.
    let mut cmd = bare(&config);
    cmd.env("DOCKER_HOST", "ssh://ala-nodocker");
    refused(&scope, cmd, &["no docker CLI", "docker: not found"]);
}

#[test]
fn a_missing_context_lists_those_that_exist() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    config.create_context("ssh-ctx", "host=ssh://ala-ssh");
    let mut cmd = bare(&config);
    cmd.args(["--context", "staging"]);
    refused(
        &scope,
        cmd,
        &[
            "there is no docker context `staging`",
            "the contexts are: default, ssh-ctx",
        ],
    );
    let mut cmd = bare(&config);
    cmd.env("DOCKER_CONTEXT", "staging");
    refused(&scope, cmd, &["named by DOCKER_CONTEXT"]);
}

/// From a laptop over SSH: host paths are looked at on the node, not on the laptop. A path only
/// the laptop has is refused at its line (exit 2) before any write, and so is a file; a path
/// only the node has is deployed; `validate` without an engine says what it did not check.
#[test]
fn from_a_laptop_host_paths_are_looked_at_on_the_node() {
    let scope = Scope::new(&Swarm::single());
    let config = Config::new();
    let url = format!("ssh://root@127.0.0.1:{}", remote().ssh_port);
    let db = scope.name("db");
    // On the laptop, not on the node.
    let laptop_only = scope.host_only_dir("laptop");
    // On the node, not on the laptop (hidden there).
    let hidden = scope.host_dir("hidden");
    let node_only = hidden.join("data");
    std::fs::create_dir(&node_only).unwrap();
    let file = hidden.join("file");
    std::fs::write(&file, "a file").unwrap();
    let volumes = |paths: &[&Path]| -> String {
        paths
            .iter()
            .enumerate()
            .map(|(i, path)| {
                format!(
                    "[[apps.{db}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/d{i}\"\n",
                    path.display()
                )
            })
            .collect()
    };
    let bad = scope.write_file(
        "bad.toml",
        &format!(
            "{}persistent = true\n{}",
            app(&db, ""),
            volumes(&[&laptop_only, &node_only, &file])
        ),
    );
    let through = || {
        let mut cmd = laptop(&config, &hidden);
        cmd.arg("--host").arg(&url);
        cmd
    };

    for command in ["plan", "deploy"] {
        let out = through()
            .args([command, "-o", "json"])
            .arg(&bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let found: Vec<(String, u64)> = report["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                (
                    e["rule"].as_str().unwrap().to_string(),
                    e["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("host-path-missing".to_string(), 7),
                ("host-path-not-directory".to_string(), 13)
            ],
            "{report}"
        );
        let text = report.to_string();
        assert!(text.contains("does not exist on node node1"), "{text}");
        assert!(
            !scope.swarm().service_exists(&db),
            "{command} wrote nothing"
        );
    }

    // validate alone cannot look at the node: it says so, lists the paths, exits 0.
    let out = laptop(&config, &hidden)
        .env("DOCKER_HOST", &url)
        .arg("validate")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("3 host paths were not checked here"), "{err}");
    assert!(err.contains(&laptop_only.display().to_string()), "{err}");
    assert!(
        err.contains(&format!("`alacrity --host {url} validate")),
        "{err}"
    );
    // validate --host looks at them on the node.
    let out = through().arg("validate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("does not exist on node node1"),
        "{}",
        stderr(&out)
    );

    let good = scope.write_file(
        "good.toml",
        &format!(
            "{}persistent = true\n{}",
            app(&db, ""),
            volumes(&[&node_only])
        ),
    );
    let out = through()
        .args(["-v", "deploy"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("looked at on node node1, through its engine"),
        "{}",
        stderr(&out)
    );
    assert_eq!(scope.running_nodes(&db), ["node1"]);
}
