//! Health checks, automatic rollback and `apps rollback` on the private swarms: a deploy waits
//! until its apps are healthy, a failed update returns to the version before it (start-first
//! keeps capacity, a persistent app never runs two containers), `--no-rollback` leaves it, and
//! `apps rollback` returns, or refuses with a reason.
//!
//! The test apps' health is controlled from their environment (`HEALTH = "ok"` passes the check)
//! or from a file their command makes after a while (they start unhealthy, then turn healthy).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

/// A health check of `HEALTH`: passes when it is `ok`, and says what it saw.
const CHECK_ENV: &str = r#"healthcheck = { test = ["CMD-SHELL", "echo health is $HEALTH; test \"$HEALTH\" = ok"], interval = "1s", timeout = "2s", retries = 2 }"#;

/// A health check that passes once the app made /tmp/up.
const CHECK_FILE: &str = r#"healthcheck = { test = ["CMD", "test", "-f", "/tmp/up"], interval = "1s", timeout = "2s", retries = 5 }"#;

/// Runs forever, stops at once on SIGTERM, and makes /tmp/up after `seconds`.
fn up_after(seconds: u32) -> String {
    format!(
        r#"command = ["sh", "-c", "trap 'exit 0' TERM; sleep {seconds}; touch /tmp/up; while true; do sleep 1; done"]"#
    )
}

/// An app whose health follows `HEALTH` (its check: [`CHECK_ENV`]).
fn env_checked(name: &str, health: &str, extra: &str) -> String {
    app(
        name,
        &format!("env = {{ HEALTH = \"{health}\" }}\n{CHECK_ENV}\n{extra}"),
    )
}

fn deploy(scope: &Scope, spec: &Path, args: &[&str]) -> std::process::Output {
    scope
        .alacrity()
        .args(["deploy", "--timeout", "120s"])
        .args(args)
        .arg(spec)
        .output()
        .unwrap()
}

fn deploy_json(scope: &Scope, spec: &Path, args: &[&str]) -> (std::process::Output, Value) {
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy", "--timeout", "120s"])
        .args(args)
        .arg(spec)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("deploy -o json prints JSON ({e}): {}", stderr(&out)));
    (out, report)
}

fn env_of(scope: &Scope, service: &str) -> String {
    scope.docker_ok(&[
        "service",
        "inspect",
        "--format",
        "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
        service,
    ])
}

fn running(scope: &Scope, service: &str) -> usize {
    scope
        .tasks(service)
        .iter()
        .filter(|t| t.is_running())
        .count()
}

/// Samples `sample` every 100 ms on a thread until the returned guard is stopped; the samples.
struct Sampler {
    stop: Arc<AtomicBool>,
    handle: thread::JoinHandle<Vec<usize>>,
}

impl Sampler {
    fn start(sample: impl Fn() -> usize + Send + 'static) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let handle = thread::spawn(move || {
            let mut samples = Vec::new();
            while !stopping.load(Ordering::SeqCst) {
                samples.push(sample());
                thread::sleep(Duration::from_millis(100));
            }
            samples
        });
        Sampler { stop, handle }
    }

    fn stop(self) -> Vec<usize> {
        self.stop.store(true, Ordering::SeqCst);
        self.handle.join().unwrap()
    }
}

/// Running tasks of a service on the swarm, as `docker service ps` shows them.
fn running_sampler(swarm: &Swarm, service: &str) -> Sampler {
    let (swarm, service) = (swarm.clone(), service.to_string());
    Sampler::start(move || {
        swarm
            .tasks(&service)
            .iter()
            .filter(|t| t.is_running())
            .count()
    })
}

#[test]
fn a_deploy_waits_until_its_apps_are_healthy() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    // The check passes after about 3 s: until then the task is starting, not running.
    let spec = app(&name, &format!("{CHECK_FILE}\n")).replace(RUN_FOREVER, &up_after(3));
    let spec = scope.write_file("web.toml", &spec);

    let out = deploy(&scope, &spec, &[]);

    let words = stderr(&out);
    assert!(out.status.success(), "{words}");
    assert!(
        words.contains(&format!("{name}: 0/1 healthy (starting)")),
        "{words}"
    );
    assert!(
        words.contains(&format!("{name}: 1/1 healthy, ready")),
        "{words}"
    );
    let container = running_containers_on(&scope, 1, &name);
    assert_eq!(container.len(), 1, "{container:?}");
    let health = scope.docker_ok(&[
        "inspect",
        "--format",
        "{{.State.Health.Status}}",
        &container[0],
    ]);
    assert_eq!(
        health, "healthy",
        "deploy returned before the app was healthy"
    );
}

#[test]
fn an_unhealthy_update_rolls_back_keeping_capacity_and_the_previous_version_runs() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    scope.deploy_spec("web.toml", &env_checked(&name, "ok", "instances = 2"));
    assert_eq!(running(&scope, &name), 2);

    let spec = scope.write_file("web.toml", &env_checked(&name, "bad", "instances = 2"));
    let sampler = running_sampler(&scope, &name);
    let (out, report) = deploy_json(&scope, &spec, &[]);
    let samples = sampler.stop();

    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(words.contains("unhealthy"), "{words}");
    assert!(
        words.contains("health is bad"),
        "the check's last output: {words}"
    );
    assert!(
        words.contains("back: its previous version runs again"),
        "{words}"
    );
    assert_eq!(report["apps"][0]["state"], "rolled-back", "{report}");
    assert!(env_of(&scope, &name).contains("HEALTH=ok"));
    assert_eq!(running(&scope, &name), 2);
    // Start-first: the old containers ran until new ones were healthy, which never happened.
    assert!(!samples.is_empty());
    assert!(
        samples.iter().all(|&n| n >= 2),
        "fewer than 2 instances ran during the update: {samples:?}"
    );
}

#[test]
fn start_first_keeps_every_instance_running_through_a_slow_healthy_update() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let version = |v: u32| {
        app(
            &name,
            &format!("instances = 2\nenv = {{ VERSION = \"{v}\" }}\n{CHECK_FILE}\n"),
        )
        .replace(RUN_FOREVER, &up_after(2))
    };
    scope.deploy_spec("web.toml", &version(1));

    let spec = scope.write_file("web.toml", &version(2));
    let sampler = running_sampler(&scope, &name);
    let out = deploy(&scope, &spec, &[]);
    let samples = sampler.stop();

    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env_of(&scope, &name).contains("VERSION=2"));
    assert!(
        samples.iter().all(|&n| n >= 2),
        "fewer than 2 instances ran during the update: {samples:?}"
    );
}

#[test]
fn a_persistent_app_never_runs_two_containers_while_it_rolls_back() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let volume = format!(
        "persistent = true\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
    );
    scope.deploy_spec("db.toml", &env_checked(&name, "ok", &volume));

    let spec = scope.write_file("db.toml", &env_checked(&name, "bad", &volume));
    let (swarm, service) = (scope.swarm().clone(), name.clone());
    let sampler = Sampler::start(move || running_containers_on(&swarm, 1, &service).len());
    let out = deploy(&scope, &spec, &[]);
    let samples = sampler.stop();

    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(words.contains("previous version runs again"), "{words}");
    assert!(env_of(&scope, &name).contains("HEALTH=ok"));
    assert_eq!(running(&scope, &name), 1);
    assert!(
        samples.iter().all(|&n| n <= 1),
        "two containers of a persistent app ran at once: {samples:?}"
    );
}

#[test]
fn no_rollback_leaves_a_failed_update_and_apps_rollback_returns_it() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    scope.deploy_spec("web.toml", &env_checked(&name, "ok", ""));

    let spec = scope.write_file("web.toml", &env_checked(&name, "bad", ""));
    let (out, report) = deploy_json(&scope, &spec, &["--no-rollback"]);
    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(
        words.contains("left as it failed (--no-rollback)"),
        "{words}"
    );
    // What the swarm did: it paused the update (its failure action), the previous version
    // still running (start-first).
    assert!(
        words.contains("the swarm paused its update, with")
            && words.contains("and 1 container of the previous one running"),
        "{words}"
    );
    assert_eq!(report["apps"][0]["state"], "paused", "{report}");
    assert_eq!(report["errors"][0]["kind"], "failure", "{report}");
    assert!(
        words.contains(&format!("alacrity apps rollback {name}")),
        "{words}"
    );
    assert!(env_of(&scope, &name).contains("HEALTH=bad"));

    let out = scope
        .alacrity()
        .args(["apps", "rollback", "--timeout", "120s"])
        .arg(&name)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{name}: rolled back, 1/1 running")),
        "{}",
        stdout(&out)
    );
    assert!(env_of(&scope, &name).contains("HEALTH=ok"));
    assert_eq!(running(&scope, &name), 1);
}

#[test]
fn apps_rollback_returns_a_good_update_and_refuses_without_a_previous_version() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    scope.deploy_spec("web.toml", &app(&name, "env = { V = \"1\" }"));

    let out = scope
        .alacrity()
        .args(["apps", "rollback"])
        .arg(&name)
        .output()
        .unwrap();
    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(words.contains("it has no previous version"), "{words}");
    assert!(words.contains("alacrity deploy"), "{words}");

    let spec = scope.deploy_spec("web.toml", &app(&name, "env = { V = \"2\" }"));
    assert!(env_of(&scope, &name).contains("V=2"));
    let out = scope
        .alacrity()
        .args(["-o", "json", "apps", "rollback"])
        .arg(&name)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["name"], name.as_str());
    assert_eq!(result["state"], "rolled-back");
    assert!(env_of(&scope, &name).contains("V=1"));
    // The next deploy of the spec brings the new version back.
    scope.deploy_ok(&spec);
    assert!(env_of(&scope, &name).contains("V=2"));

    let out = scope
        .alacrity()
        .args(["apps", "rollback", "no-such-app-here"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("alacrity apps ls"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn apps_rollback_never_moves_a_persistent_app_away_from_its_data() {
    let scope = Scope::new(&Swarm::cluster());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let on = |node: &str| {
        app(
            &name,
            &format!(
                "persistent = true\nnode = \"{node}\"\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
            ),
        )
    };
    scope.deploy_spec("db.toml", &on("node2"));
    let spec = scope.write_file("db.toml", &on("node3"));
    let out = deploy(&scope, &spec, &["--move-node", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = scope
        .alacrity()
        .args(["apps", "rollback"])
        .arg(&name)
        .output()
        .unwrap();
    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(
        words.contains("its previous version runs on node node2"),
        "{words}"
    );
    assert!(words.contains("on node node3 now"), "{words}");
    assert!(words.contains("away from its data"), "{words}");
    assert_eq!(scope.running_nodes(&name), ["node3"]);
}

#[test]
fn a_crashing_update_is_rolled_back_and_an_update_that_cannot_start_is_asked_back() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    scope.deploy_spec("web.toml", &app(&name, "env = { V = \"1\" }"));

    // The new containers exit: the swarm sees it within its monitor window and rolls back.
    let crashing = app(&name, "env = { V = \"2\" }")
        .replace("while true; do sleep 1; done", "sleep 1; exit 3");
    let spec = scope.write_file("web.toml", &crashing);
    let (out, report) = deploy_json(&scope, &spec, &[]);
    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(words.contains("non-zero exit (3)"), "{words}");
    assert!(words.contains("previous version runs again"), "{words}");
    assert_eq!(report["apps"][0]["state"], "rolled-back", "{report}");
    assert_eq!(report["apps"][0]["running"], 1, "{report}");
    assert!(env_of(&scope, &name).contains("V=1"));

    // No node can hold the new containers: they stay pending until --timeout, and alacrity asks
    // the swarm to roll back.
    let pending = app(
        &name,
        "env = { V = \"3\" }\n[apps.NAME.resources.reservations]\nmemory = \"100000G\"",
    )
    .replace("NAME", &name);
    let spec = scope.write_file("web.toml", &pending);
    let out = scope
        .alacrity()
        .args(["deploy", "--timeout", "5s"])
        .arg(&spec)
        .output()
        .unwrap();
    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    assert!(words.contains("did not converge within 5s"), "{words}");
    assert!(
        words.contains(&format!("`{name}` was rolled back")),
        "{words}"
    );
    assert!(env_of(&scope, &name).contains("V=1"));
    assert_eq!(running(&scope, &name), 1);
}

#[test]
fn an_update_still_going_at_the_timeout_is_said_to_be_updating() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let version = |v: u32, up: u32| {
        app(
            &name,
            &format!("env = {{ VERSION = \"{v}\" }}\n{CHECK_FILE}\n"),
        )
        .replace(RUN_FOREVER, &up_after(up))
    };
    scope.deploy_spec("web.toml", &version(1, 0));

    // Healthy only after a minute: still starting when the deploy stops waiting, and with
    // --no-rollback nothing returns it. The swarm goes on with the update.
    let spec = scope.write_file("web.toml", &version(2, 60));
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy", "--no-rollback", "--timeout", "4s"])
        .arg(&spec)
        .output()
        .unwrap();
    let words = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{words}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert!(
        // The new container is still starting (not healthy yet): the previous one runs.
        words.contains("the swarm is still updating it (0 containers of the new version and 1 container of the previous one run so far)"),
        "{words}"
    );
    assert_eq!(report["apps"][0]["state"], "updating", "{report}");
    assert!(!words.contains("keeps retrying"), "{words}");
}
