//! Images from a private registry, for real: the harness's registry (Debian's docker-registry,
//! htpasswd and TLS, trusted by every node; see scripts/registry) on the three-node swarm. Apps
//! are pinned to the digest their tag points at, run on workers that never had the image
//! (the credentials go with the service), a new push to the tag is an update, an unchanged
//! redeploy writes nothing, and every refusal comes before any write. The password and its
//! base64 form never show in any output, trace or label.

use std::path::Path;
use std::process::Output;

use base64::Engine as _;
use serde_json::Value;

use crate::common::*;

#[track_caller]
fn no_secret(out: &Output, registry: &Registry, what: &str) {
    registry.assert_no_secret_in(out, what);
}

/// A persistent app pinned to node2 (which never had the image) from the registry.
fn pinned_to_node2(name: &str, image: &str) -> String {
    format!(
        "[apps.{name}]\nimage = \"{image}\"\npersistent = true\nnode = \"node2\"\n\
         command = [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1; done\"]\n"
    )
}

/// alacrity against the cluster with the docker CLI configuration in `config` and `path` first
/// on PATH (for a credential helper).
fn with_config(scope: &Scope, config: &Path, path: Option<&Path>) -> assert_cmd::Command {
    let mut cmd = scope.alacrity();
    cmd.env("DOCKER_CONFIG", config);
    if let Some(dir) = path {
        let inherited = std::env::var("PATH").unwrap_or_default();
        cmd.env("PATH", format!("{}:{inherited}", dir.display()));
    }
    cmd
}

/// A deploy of `name` (pinned to node2, running `image`) with the docker CLI configuration in
/// `config`, which must be refused before any write: exit 1, no service. Returns its stderr.
#[track_caller]
fn refused_deploy(scope: &Scope, config: &Path, name: &str, image: &str) -> (Output, String) {
    let spec = scope.write_file(&format!("{name}.toml"), &pinned_to_node2(name, image));
    let out = with_config(scope, config, None)
        .arg("deploy")
        .arg(&spec)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!scope.swarm().service_exists(name), "nothing was written");
    (out, err)
}

fn service_image(scope: &Scope, name: &str) -> String {
    scope
        .docker_ok(&[
            "service",
            "inspect",
            "--format",
            "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
            name,
        ])
        .trim()
        .to_string()
}

fn service_version(scope: &Scope, name: &str) -> String {
    scope
        .docker_ok(&["service", "inspect", "--format", "{{.Version.Index}}", name])
        .trim()
        .to_string()
}

fn planned(out: &Output, app: &str) -> Value {
    assert!(out.status.success(), "plan failed: {}", stderr(out));
    let plan: Value = serde_json::from_slice(&out.stdout).expect("plan -o json prints JSON");
    plan["apps"]
        .as_array()
        .and_then(|apps| apps.iter().find(|a| a["app"] == app || a["name"] == app))
        .cloned()
        .unwrap_or_else(|| panic!("{app} in the plan: {plan}"))
}

#[test]
fn a_private_image_runs_on_a_worker_pinned_to_its_digest_and_a_new_push_is_an_update() {
    let scope = Scope::new(&Swarm::cluster());
    let registry = Registry::cluster();
    let name = scope.name("private");
    let repo = scope.name("img");
    let image = registry.image(&repo, "1");
    let first = registry.push(scope.swarm(), &repo, "1", "one");
    let config = scope.host_dir("config");
    registry.docker_config(&config);
    let spec = scope.write_file("private.toml", &pinned_to_node2(&name, &image));

    let out = with_config(&scope, &config, None)
        .args(["-vv", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    no_secret(&out, &registry, "deploy -vv");
    assert_eq!(scope.running_nodes(&name), ["node2"]);
    assert_eq!(service_image(&scope, &name), format!("{image}@{first}"));
    let inspect = scope.docker_ok(&["service", "inspect", &name]);
    registry.assert_no_secret(&inspect, "the service's spec and labels");

    // apps ls: the tag, and the digest.
    let out = with_config(&scope, &config, None)
        .args(["apps", "ls", "-o", "json"])
        .output()
        .unwrap();
    let apps: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed = apps["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name.as_str())
        .unwrap();
    assert_eq!(listed["image"], image.as_str());
    assert_eq!(listed["digest"], first.as_str());

    // Unchanged: nothing written.
    let version = service_version(&scope, &name);
    let out = with_config(&scope, &config, None)
        .args(["plan", "-o", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(planned(&out, &name)["action"], "unchanged");
    let out = with_config(&scope, &config, None)
        .arg("deploy")
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        service_version(&scope, &name),
        version,
        "nothing was written"
    );

    // A new push to the same tag: an update, rolled out.
    let second = registry.push(scope.swarm(), &repo, "1", "two");
    assert_ne!(first, second);
    // Unless told not to look: `changed` and `never` keep the digest the app runs.
    for when in ["changed", "never"] {
        let out = with_config(&scope, &config, None)
            .args(["plan", "-o", "json", "--resolve-image", when])
            .arg(&spec)
            .output()
            .unwrap();
        assert_eq!(
            planned(&out, &name)["action"],
            "unchanged",
            "--resolve-image {when}"
        );
    }
    let out = with_config(&scope, &config, None)
        .args(["plan", "-o", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    let app = planned(&out, &name);
    assert_eq!(app["action"], "update", "{app}");
    assert_eq!(
        app["changes"],
        serde_json::json!(["image (new digest)"]),
        "{app}"
    );
    let out = with_config(&scope, &config, None)
        .arg("deploy")
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(service_image(&scope, &name), format!("{image}@{second}"));
    let container = running_container(scope.swarm(), 2, &name, None);
    assert_eq!(
        exec_in(scope.swarm(), 2, &container, "cat /variant").trim(),
        "two"
    );
}

#[test]
fn wrong_credentials_a_missing_tag_and_a_missing_helper_are_refused_before_any_write() {
    let scope = Scope::new(&Swarm::cluster());
    let registry = Registry::cluster();
    let name = scope.name("refused");
    let repo = scope.name("img");
    registry.push(scope.swarm(), &repo, "1", "one");
    let image = registry.image(&repo, "1");

    // A wrong password.
    let wrong = scope.host_dir("wrong");
    let auth = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:not-the-password", registry.user()));
    std::fs::write(
        wrong.join("config.json"),
        format!(
            r#"{{"auths": {{"{}": {{"auth": "{auth}"}}}}}}"#,
            registry.address()
        ),
    )
    .unwrap();
    let (_, err) = refused_deploy(&scope, &wrong, &name, &image);
    assert!(
        err.contains(&format!(
            "the registry {} refuses the credentials for {image}",
            registry.address()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("`docker login {}`", registry.address())),
        "{err}"
    );
    assert!(
        !err.contains("not-the-password") && !err.contains(&auth),
        "{err}"
    );

    // A tag that does not exist.
    let config = scope.host_dir("config");
    registry.docker_config(&config);
    let missing = format!("{}/{repo}:404", registry.address());
    let (out, err) = refused_deploy(&scope, &config, &name, &missing);
    assert!(err.contains(&format!("has no image {missing}")), "{err}");
    no_secret(&out, &registry, "deploy of a missing tag");

    // A credential helper that is not installed.
    let helperless = scope.host_dir("helperless");
    std::fs::write(
        helperless.join("config.json"),
        format!(
            r#"{{"credHelpers": {{"{}": "absent"}}}}"#,
            registry.address()
        ),
    )
    .unwrap();
    let (_, err) = refused_deploy(&scope, &helperless, &name, &image);
    assert!(
        err.contains("docker-credential-absent is not installed"),
        "{err}"
    );
}

#[test]
fn a_credential_helper_gives_the_credentials() {
    let scope = Scope::new(&Swarm::cluster());
    let registry = Registry::cluster();
    let name = scope.name("helped");
    let repo = scope.name("img");
    let digest = registry.push(scope.swarm(), &repo, "1", "helped");
    let image = registry.image(&repo, "1");
    let config = scope.host_dir("config");
    let bin = registry.credential_helper(&config);
    let spec = scope.write_file("helped.toml", &pinned_to_node2(&name, &image));
    let out = with_config(&scope, &config, Some(&bin))
        .args(["-vv", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    no_secret(&out, &registry, "deploy -vv through a helper");
    assert!(
        stderr(&out).contains("with the credentials of the helper docker-credential-test"),
        "-v says where the credentials came from: {}",
        stderr(&out)
    );
    assert_eq!(service_image(&scope, &name), format!("{image}@{digest}"));
    assert_eq!(scope.running_nodes(&name), ["node2"]);
    let log = std::fs::read_to_string(config.join("helper.log")).unwrap_or_default();
    assert!(log.contains("get"), "the helper was asked: {log:?}");
}

/// Moves a file aside, and back when dropped.
struct Aside {
    path: std::path::PathBuf,
    away: std::path::PathBuf,
}

impl Aside {
    fn new(path: std::path::PathBuf) -> Aside {
        let away = path.with_extension("away");
        std::fs::rename(&path, &away)
            .unwrap_or_else(|e| panic!("move {} aside: {e}", path.display()));
        Aside { path, away }
    }
}

impl Drop for Aside {
    fn drop(&mut self) {
        if let Err(err) = std::fs::rename(&self.away, &self.path) {
            eprintln!("cleanup: cannot put {} back: {err}", self.path.display());
        }
    }
}

#[test]
fn a_registry_whose_certificate_the_nodes_do_not_trust_is_refused_before_any_write() {
    // The nodes' trust of the registry goes for the length of the test: no other test may
    // deploy from it meanwhile.
    let scope = Scope::exclusive(&Swarm::cluster());
    let registry = Registry::cluster();
    let name = scope.name("untrusted");
    let repo = scope.name("img");
    registry.push(scope.swarm(), &repo, "1", "one");
    let image = registry.image(&repo, "1");
    let config = scope.host_dir("config");
    registry.docker_config(&config);
    let trust = Path::new(&format!(
        "/run/ala{}",
        required_env("ALACRITY_TEST_CLUSTER_ID")
    ))
    .join("certs.d")
    .join(registry.address())
    .join("ca.crt");
    let _aside = Aside::new(trust);
    let (out, err) = refused_deploy(&scope, &config, &name, &image);
    assert!(
        err.contains(&format!(
            "the registry {} presents a TLS certificate the engine does not trust",
            registry.address()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "/etc/docker/certs.d/{}/ca.crt",
            registry.address()
        )),
        "{err}"
    );
    no_secret(&out, &registry, "deploy from an untrusted registry");
}
