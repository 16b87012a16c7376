//! The registry harness itself (scripts/registry, tests/common/registry.rs), before any test of
//! alacrity relies on it: the registry refuses a pull without credentials and with a wrong
//! password, an image pushed through node1 is pulled by a worker that never had it (docker login
//! and docker pull through the worker's own engine, which trusts the registry's CA), a new push to
//! the same tag is another digest, the one-node swarm reaches it at its own address, and the
//! credential helper answers for this registry only. No output shows the password.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::*;

/// Images a test pulled onto nodes, removed from them when it ends (also when it fails).
struct Pulled<'a> {
    swarm: &'a Swarm,
    images: Vec<(usize, String)>,
}

impl<'a> Pulled<'a> {
    fn new(swarm: &'a Swarm) -> Pulled<'a> {
        Pulled {
            swarm,
            images: Vec::new(),
        }
    }

    fn add(&mut self, node: usize, image: &str) {
        self.images.push((node, image.to_string()));
    }
}

impl Drop for Pulled<'_> {
    fn drop(&mut self) {
        for (node, image) in &self.images {
            self.swarm.docker_on(*node, &["rmi", "-f", image]);
        }
    }
}

/// `docker pull IMAGE` on node `node` with the docker configuration in `config`.
fn pull(registry: &Registry, swarm: &Swarm, node: usize, config: &Path, image: &str) -> Output {
    registry.docker_in(swarm, node, config, &["pull", image])
}

/// What `/variant` holds in `image` on node `node`.
#[track_caller]
fn variant_on(swarm: &Swarm, node: usize, image: &str) -> String {
    swarm.docker_ok_on(
        node,
        &["run", "--rm", "--network", "none", image, "cat", "/variant"],
    )
}

/// The registry's refusal for want of (right) credentials, as the engine words it.
fn is_refusal(text: &str) -> bool {
    let text = text.to_lowercase();
    text.contains("unauthorized") || text.contains("no basic auth credentials")
}

#[test]
fn the_registry_refuses_a_pull_without_credentials_and_with_a_wrong_password() {
    let scope = Scope::new(&Swarm::cluster());
    let registry = Registry::cluster();
    let mut pulled = Pulled::new(scope.swarm());
    let repo = scope.name("img");
    let image = registry.image(&repo, "1");
    registry.push(scope.swarm(), &repo, "1", "one");
    pulled.add(2, &image);

    // The registry itself: TLS checked with its CA, 401 without or with wrong credentials.
    assert_eq!(registry.status(None), 401);
    let wrong = format!("{}:not-the-password", registry.user());
    assert_eq!(registry.status(Some(&wrong)), 401);
    let right = format!("{}:{}", registry.user(), registry.password());
    assert_eq!(registry.status(Some(&right)), 200);

    // A worker's engine (its API: `docker pull` may hang on a refusal, see no_prompt): without
    // credentials, with a wrong password; and docker login with a wrong password.
    let none = registry.engine_pull(scope.swarm(), 2, &image, None);
    assert!(
        !none.pulled() && is_refusal(&none.body),
        "a pull without credentials is refused: {none:?}"
    );
    let wrong = registry.engine_pull(
        scope.swarm(),
        2,
        &image,
        Some((registry.user(), "not-the-password")),
    );
    assert!(
        !wrong.pulled() && is_refusal(&wrong.body),
        "a pull with a wrong password is refused: {wrong:?}"
    );
    let login = scope.host_dir("login");
    let out = registry.login(scope.swarm(), 2, &login, Some("not-the-password"));
    assert!(!out.status.success(), "docker login with a wrong password");
    assert!(is_refusal(&stderr(&out)), "{}", stderr(&out));
    registry.assert_no_secret_in(&out, "docker login with a wrong password");
    assert!(
        repo_digests_on(scope.swarm(), 2, &image).is_empty(),
        "node2 has not got the image"
    );

    // The same with the password (the engine's API), and through the docker CLI with the
    // config Registry::docker_config writes: they pull.
    let password = registry.password();
    let right = registry.engine_pull(scope.swarm(), 2, &image, Some((registry.user(), &password)));
    assert!(right.pulled(), "a pull with the password: {right:?}");
    registry.assert_no_secret(&right.body, "the engine's answer to a pull");
    scope.docker_ok_on(2, &["rmi", &image]);
    let good = scope.host_dir("good");
    registry.docker_config(&good);
    let out = pull(&registry, scope.swarm(), 2, &good, &image);
    assert!(
        out.status.success(),
        "pull with docker_config: {}",
        stderr(&out)
    );
    registry.assert_no_secret_in(&out, "a pull with the right credentials");
}

#[test]
fn a_worker_pulls_a_pushed_image_and_a_new_push_to_the_tag_is_another_digest() {
    let scope = Scope::new(&Swarm::cluster());
    let registry = Registry::cluster();
    let mut pulled = Pulled::new(scope.swarm());
    let repo = scope.name("img");
    let image = registry.image(&repo, "1");
    assert_eq!(registry.digest_of(&repo, "1"), None, "a new repository");

    let first = registry.push(scope.swarm(), &repo, "1", "one");
    pulled.add(2, &image);
    assert!(first.starts_with("sha256:") && first.len() == 71, "{first}");
    assert_eq!(
        registry.digest_of(&repo, "1").as_deref(),
        Some(first.as_str())
    );
    assert!(
        repo_digests_on(scope.swarm(), 1, &image).is_empty(),
        "push removed its tag from node1"
    );
    assert!(
        repo_digests_on(scope.swarm(), 2, &image).is_empty(),
        "node2 never had the image"
    );

    // node2, a worker: docker login and docker pull through its own engine.
    let config = scope.host_dir("config");
    let out = registry.login(scope.swarm(), 2, &config, None);
    assert!(
        out.status.success(),
        "docker login on node2: {}",
        stderr(&out)
    );
    registry.assert_no_secret_in(&out, "docker login");
    let out = pull(&registry, scope.swarm(), 2, &config, &image);
    assert!(
        out.status.success(),
        "docker pull on node2: {}",
        stderr(&out)
    );
    registry.assert_no_secret_in(&out, "docker pull");
    let expected = format!("{}/{repo}@{first}", registry.address());
    assert_eq!(repo_digests_on(scope.swarm(), 2, &image), [expected]);
    assert_eq!(variant_on(scope.swarm(), 2, &image), "one");

    // Another variant to the same tag: another digest, which the worker pulls.
    let second = registry.push(scope.swarm(), &repo, "1", "two");
    assert_ne!(first, second);
    assert_eq!(
        registry.digest_of(&repo, "1").as_deref(),
        Some(second.as_str())
    );
    let out = pull(&registry, scope.swarm(), 2, &config, &image);
    assert!(
        out.status.success(),
        "docker pull on node2: {}",
        stderr(&out)
    );
    let expected = format!("{}/{repo}@{second}", registry.address());
    assert_eq!(repo_digests_on(scope.swarm(), 2, &image), [expected]);
    assert_eq!(variant_on(scope.swarm(), 2, &image), "two");
    // The pushed image keeps the test image's command (it runs forever, stops on SIGTERM).
    let cmd = |image: &str| {
        scope.docker_ok_on(
            2,
            &[
                "image",
                "inspect",
                "--format",
                "{{json .Config.Cmd}}",
                image,
            ],
        )
    };
    let base = scope.docker_ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.Cmd}}",
        &test_image(),
    ]);
    assert_eq!(cmd(&image), base);
}

#[test]
fn the_one_node_swarm_pushes_and_pulls_at_its_own_address() {
    let scope = Scope::new(&Swarm::single());
    let registry = Registry::single();
    assert_ne!(registry.address(), Registry::cluster().address());
    let mut pulled = Pulled::new(scope.swarm());
    let repo = scope.name("img");
    let image = registry.image(&repo, "v1");
    let digest = registry.push(scope.swarm(), &repo, "v1", "single");
    pulled.add(1, &image);
    assert_eq!(
        registry.digest_of(&repo, "v1").as_deref(),
        Some(digest.as_str())
    );
    let config = scope.host_dir("config");
    let out = registry.login(scope.swarm(), 1, &config, None);
    assert!(out.status.success(), "docker login: {}", stderr(&out));
    let out = pull(&registry, scope.swarm(), 1, &config, &image);
    assert!(out.status.success(), "docker pull: {}", stderr(&out));
    registry.assert_no_secret_in(&out, "docker pull");
    assert_eq!(variant_on(scope.swarm(), 1, &image), "single");
}

/// Runs the helper with `action` and `input` on stdin.
fn helper(bin: &Path, action: &str, input: &str) -> Output {
    let mut child = Command::new(bin.join("docker-credential-test"))
        .arg(action)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run docker-credential-test");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_credential_helper_answers_for_the_registry_and_refuses_another_server() {
    let scope = Scope::new(&Swarm::cluster());
    let registry = Registry::cluster();
    let mut pulled = Pulled::new(scope.swarm());
    let dir = scope.host_dir("helper");
    let bin = registry.credential_helper(&dir);

    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).unwrap()).unwrap();
    assert_eq!(
        config["credHelpers"][registry.address()],
        "test",
        "{config}"
    );

    for server in [
        registry.address().to_string(),
        format!("https://{}", registry.address()),
    ] {
        let out = helper(&bin, "get", &server);
        assert!(out.status.success(), "get {server}: {}", stdout(&out));
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(answer["ServerURL"], server.as_str());
        assert_eq!(answer["Username"], registry.user());
        assert!(
            answer["Secret"] == registry.password().as_str(),
            "the password"
        );
    }
    let out = helper(&bin, "get", "registry.example:5000");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out).trim(),
        "credentials not found in native keychain"
    );
    registry.assert_no_secret_in(&out, "get of another server");
    let out = helper(&bin, "store", &format!(r#"{{"Secret": "{}"}}"#, "s3cr3t"));
    assert_eq!(out.status.code(), Some(1), "store is refused");

    // The docker CLI itself uses it: a pull on node2 with only the helper for credentials.
    let repo = scope.name("img");
    let image = registry.image(&repo, "1");
    registry.push(scope.swarm(), &repo, "1", "helped");
    pulled.add(2, &image);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = no_prompt(
        registry
            .docker_with(scope.swarm(), 2, &dir)
            .env("PATH", path)
            .args(["pull", &image]),
    );
    assert!(
        out.status.success(),
        "pull through the helper: {}",
        stderr(&out)
    );
    registry.assert_no_secret_in(&out, "a pull through the helper");
    assert_eq!(variant_on(scope.swarm(), 2, &image), "helped");

    let log = std::fs::read_to_string(dir.join("helper.log")).unwrap();
    assert!(
        log.lines()
            .any(|l| l == format!("get {}", registry.address())),
        "the docker CLI asked the helper: {log:?}"
    );
    assert!(log.contains("get registry.example:5000"), "{log:?}");
    assert!(log.lines().any(|l| l == "store"), "{log:?}");
    registry.assert_no_secret(&log, "the helper's log");
    assert!(
        !log.contains("s3cr3t"),
        "the helper's log shows what store got"
    );
}
