//! The persistence promises on several servers, proven on the harness's three-node swarm (node1 is
//! the manager, node2 and node3 are workers):
//!
//! - a non-persistent app moves to another server when its server goes down;
//! - a persistent app is locked to its server: when that server is down, no second copy starts
//!   elsewhere on an empty volume, and when it is back, the app runs again with its data;
//! - moving a persistent app is refused without `--move-node`, and with it, the data stays behind;
//! - a host directory missing on the pinned server fails the deploy at once, with the engine's reason;
//! - the pins and the "unchanged" verdict do not depend on the manager alacrity talks to.
//!
//! Tests that stop nodes or promote one hold the cluster exclusively (`Scope::exclusive`), and the
//! scope (or a guard) puts the cluster back as it was, also when the test fails.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::Value;

/// How long the swarm may take to see a stopped node down (about 15 s with its 5 s heartbeat).
const NODE_DOWN_TIMEOUT: Duration = Duration::from_secs(90);
/// How long a deploy or a rescheduled task may take to run.
const RUN_TIMEOUT: Duration = Duration::from_secs(90);
/// How long, once its node is down and the swarm tried to reschedule it, a persistent app is watched
/// for a copy starting elsewhere. The swarm reschedules at once when it sees a node down, so a
/// copy would show up within seconds.
const NO_COPY_WINDOW: Duration = Duration::from_secs(15);

/// A persistent app with the volume `alacran--LABEL` on /data, pinned by `node` (a hostname, an ID
/// or "" for none).
fn persistent(name: &str, label: &str, node: &str) -> String {
    let node = if node.is_empty() {
        String::new()
    } else {
        format!("node = \"{node}\"\n")
    };
    app(
        name,
        &format!(
            "persistent = true\n{node}[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
        ),
    )
}

/// `alacrity -o json deploy SPEC ARGS...` through node `node`'s engine, asserted to succeed.
fn deploy_on(scope: &Scope, node: usize, spec: &Path, args: &[&str]) -> Value {
    let out = scope
        .alacrity_on(node)
        .args(["-o", "json", "deploy", "--timeout", "90s"])
        .arg(spec)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "deploy through node{node} failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).expect("deploy -o json prints JSON")
}

fn deploy(scope: &Scope, spec: &Path, args: &[&str]) -> Value {
    deploy_on(scope, 1, spec, args)
}

/// The entry of `app` in a deploy's JSON result.
fn deployed<'a>(result: &'a Value, app: &str) -> &'a Value {
    result["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == app)
        .unwrap_or_else(|| panic!("{app} is not in {result}"))
}

/// `app` as `alacrity apps ls -o json` lists it.
fn listed(scope: &Scope, app: &str) -> Value {
    let out = scope
        .alacrity()
        .args(["apps", "ls", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "apps ls failed: {}", stderr(&out));
    let apps: Value = serde_json::from_slice(&out.stdout).expect("apps ls -o json prints JSON");
    apps["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == app)
        .cloned()
        .unwrap_or_else(|| panic!("{app} is not in `apps ls`: {apps}"))
}

/// The row of `app` in the `alacrity apps ls` table.
fn table_row(scope: &Scope, app: &str) -> String {
    let out = scope.alacrity().args(["apps", "ls"]).output().unwrap();
    assert!(out.status.success(), "apps ls failed: {}", stderr(&out));
    stdout(&out)
        .lines()
        .find(|line| line.starts_with(&format!("{app} ")))
        .unwrap_or_else(|| panic!("{app} is not in `apps ls`:\n{}", stdout(&out)))
        .to_string()
}

fn node_status(scope: &Scope, node: usize) -> String {
    let hostname = format!("node{node}");
    scope
        .node_statuses()
        .into_iter()
        .find(|(h, _)| *h == hostname)
        .map(|(_, status)| status)
        .unwrap_or_else(|| panic!("{hostname} is not in the swarm"))
}

/// Stops node `node`'s engine and waits until the swarm sees it down.
fn take_down(scope: &Scope, node: usize) {
    scope.stop_node(node, false);
    wait_until(
        NODE_DOWN_TIMEOUT,
        &format!("the swarm sees node{node} down"),
        || node_status(scope, node) == "Down",
    );
}

/// Writes files into the app's volume through its container on node `node`, as the app would;
/// returns their checksum.
fn write_data(scope: &Scope, node: usize, service: &str) -> String {
    let container = running_container(scope, node, service, None);
    write_files(scope, node, &container, "/data")
}

/// The checksum of the files in the app's volume, read through its container on node `node` ("" when
/// there are none).
fn read_data(scope: &Scope, node: usize, service: &str) -> String {
    let container = running_container(scope, node, service, None);
    checksum_in(scope, node, &container, "/data")
}

/// The checksum of the files in volume `volume` on node `node`, read by a container of its own.
fn read_volume(scope: &Scope, node: usize, volume: &str) -> String {
    let mount = format!("{volume}:/data:ro");
    let script = "cd /data && find . -type f | sort | xargs -r sha256sum";
    let image = test_image();
    let args = ["run", "--rm", "-v", &mount, &image, "sh", "-c", script];
    scope.docker_ok_on(node, &args)
}

/// The entries of `alacrity volumes ls -o json` named `volume` (one per node that has it).
fn listed_volumes(scope: &Scope, volume: &str) -> Vec<Value> {
    let out = scope
        .alacrity()
        .args(["volumes", "ls", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "volumes ls failed: {}", stderr(&out));
    let all: Value = serde_json::from_slice(&out.stdout).expect("volumes ls -o json prints JSON");
    all["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["name"] == volume)
        .cloned()
        .collect()
}

/// The volume names on node `node`.
fn volumes_on(scope: &Scope, node: usize) -> Vec<String> {
    let out = scope.docker_ok_on(node, &["volume", "ls", "--format", "{{.Name}}"]);
    lines(&out).map(str::to_string).collect()
}

/// The nodes that any task of `service` was ever assigned to (running or not), sorted.
fn assigned_nodes(scope: &Scope, service: &str) -> Vec<String> {
    let mut nodes: Vec<String> = scope
        .tasks(service)
        .into_iter()
        .map(|task| task.node)
        .filter(|node| !node.is_empty())
        .collect();
    nodes.sort();
    nodes.dedup();
    nodes
}

#[test]
fn a_non_persistent_app_moves_off_a_node_that_goes_down() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&web, "instances = 3"));
    deploy(&scope, &spec, &[]);
    wait_until(RUN_TIMEOUT, "one instance runs on each node", || {
        scope.running_nodes(&web) == ["node1", "node2", "node3"]
    });
    let before = listed(&scope, &web);
    assert_eq!(before["running"], 3);
    assert_eq!(
        before["nodes"],
        serde_json::json!(["node1", "node2", "node3"])
    );

    take_down(&scope, 3);

    wait_until(RUN_TIMEOUT, "node3's instance runs on another node", || {
        let nodes = scope.running_nodes(&web);
        nodes.len() == 3 && !nodes.iter().any(|n| n == "node3")
    });
    // The swarm still calls node3's task running (node3 cannot say otherwise): alacrity must not
    // count it, nor show node3.
    let after = wait_for(RUN_TIMEOUT, "apps ls shows 3 running off node3", || {
        let app = listed(&scope, &web);
        let nodes = app["nodes"].as_array()?.clone();
        (app["running"] == 3 && !nodes.iter().any(|n| n == "node3")).then_some(app)
    });
    assert_eq!(after["reason"], Value::Null, "{after}");
    let row = table_row(&scope, &web);
    assert!(
        row.contains(" 3/3 ") && row.trim_end().ends_with(" running"),
        "{row}"
    );
    assert!(!row.contains("node3"), "{row}");
}

#[test]
fn a_persistent_app_waits_for_its_node_with_its_data_and_never_starts_elsewhere() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    let spec = scope.write_file("db.toml", &persistent(&db, &label, "node2"));
    let result = deploy(&scope, &spec, &[]);
    assert_eq!(deployed(&result, &db)["node"], "node2");
    let checksum = write_data(&scope, 2, &db);

    take_down(&scope, 2);

    // The swarm tried to reschedule the app and found no node for it.
    let down = wait_for(
        RUN_TIMEOUT,
        "apps ls says why the app is not running",
        || {
            let app = listed(&scope, &db);
            app["reason"]
                .as_str()?
                .contains("no suitable node")
                .then_some(app)
        },
    );
    assert_eq!(down["running"], 0, "{down}");
    assert_eq!(down["nodes"], serde_json::json!(["node2"]), "{down}");
    let reason = down["reason"].as_str().unwrap();
    assert!(reason.contains("node node2 is down"), "{reason}");
    let row = table_row(&scope, &db);
    assert!(
        row.contains(" 0/1 ") && row.contains("node node2 is down"),
        "{row}"
    );

    // Deploying it now would not start it anywhere: plan says so.
    let plan = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    assert!(plan.status.success(), "{}", stderr(&plan));
    assert!(
        stderr(&plan).contains("will not run until its node is back: node node2 is down"),
        "{}",
        stderr(&plan)
    );

    let watch_until = Instant::now() + NO_COPY_WINDOW;
    while Instant::now() < watch_until {
        assert_eq!(
            assigned_nodes(&scope, &db),
            ["node2"],
            "a copy started elsewhere"
        );
        assert_eq!(listed(&scope, &db)["running"], 0);
        std::thread::sleep(POLL_INTERVAL);
    }
    for node in [1, 3] {
        assert!(
            !volumes_on(&scope, node).contains(&volume),
            "an empty {volume} was made on node{node}"
        );
    }

    scope.start_node(2);

    wait_until(RUN_TIMEOUT, "the app runs again on node2", || {
        scope.running_nodes(&db) == ["node2"] && listed(&scope, &db)["running"] == 1
    });
    assert_eq!(read_data(&scope, 2, &db), checksum, "the data changed");
    assert_eq!(listed(&scope, &db)["reason"], Value::Null);
    assert_eq!(assigned_nodes(&scope, &db), ["node2"]);
}

#[test]
fn moving_a_persistent_app_needs_the_flag_and_leaves_its_data_behind() {
    let scope = Scope::new(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    let spec = scope.write_file("db.toml", &persistent(&db, &label, "node2"));
    deploy(&scope, &spec, &[]);
    let checksum = write_data(&scope, 2, &db);

    std::fs::write(&spec, persistent(&db, &label, "node3")).unwrap();
    let refused = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let message = stderr(&refused);
    for expected in [
        "from node node2",
        "to node node3",
        "stays behind on node2",
        "--move-node",
    ] {
        assert!(message.contains(expected), "no {expected:?} in: {message}");
    }
    assert!(message.contains(&volume), "names the data: {message}");
    assert_eq!(scope.running_nodes(&db), ["node2"]);
    assert_eq!(read_data(&scope, 2, &db), checksum);

    let moved = deploy(&scope, &spec, &["--move-node", "--yes"]);

    assert_eq!(deployed(&moved, &db)["node"], "node3");
    assert_eq!(scope.running_nodes(&db), ["node3"]);
    assert_eq!(read_data(&scope, 3, &db), "", "the data followed the app");
    assert_eq!(listed(&scope, &db)["nodes"], serde_json::json!(["node3"]));
    assert!(
        volumes_on(&scope, 2).contains(&volume),
        "{volume} left node2"
    );
    // The data is still on node2, intact, for whoever migrates it; and alacrity lists it there.
    assert_eq!(read_volume(&scope, 2, &volume), checksum);
    let volumes = listed_volumes(&scope, &volume);
    let on = |node: &str| volumes.iter().find(|v| v["node"] == node).cloned();
    let old = on("node2").unwrap_or_else(|| panic!("no {volume} on node2 in {volumes:?}"));
    assert_eq!(old["status"], "retained", "{old}");
    let new = on("node3").unwrap_or_else(|| panic!("no {volume} on node3 in {volumes:?}"));
    assert_eq!(new["status"], "in-use", "{new}");
}

/// The spec of app `name`, pinned to node2, with the host directory `dir`.
fn on_node2_with(scope: &Scope, name: &str, dir: &Path) -> std::path::PathBuf {
    scope.write_file(
        "files.toml",
        &app(
            name,
            &format!(
                "persistent = true\nnode = \"node2\"\n[[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/files\"\n",
                dir.display()
            ),
        ),
    )
}

#[test]
fn a_host_directory_missing_on_the_pinned_node_is_refused_at_its_line_before_any_write() {
    let scope = Scope::new(&Swarm::cluster());
    let files = scope.name("files");
    // It exists here, where alacrity runs, and on node1, but not on node2.
    let dir = scope.node_local_dir("files");
    let spec = on_node2_with(&scope, &files, &dir);
    for command in ["plan", "deploy"] {
        let out = scope
            .alacrity()
            .args([command, "-o", "json"])
            .arg(&spec)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let errors = report["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 1, "{report}");
        assert_eq!(errors[0]["rule"], "host-path-missing", "{report}");
        assert_eq!(errors[0]["line"], 7, "at the host_path line: {report}");
        let message = errors[0]["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("`{}` does not exist on node node2", dir.display())),
            "{message}"
        );
        assert!(
            !scope.swarm().service_exists(&files),
            "{command} wrote nothing"
        );
    }
    // The probes are gone (other tests' probes live a second at most).
    wait_until(Duration::from_secs(10), "no probe job is left", || {
        scope
            .docker_ok(&["service", "ls", "--filter", "label=io.alacrity.probe", "-q"])
            .trim()
            .is_empty()
    });
}

#[test]
fn a_host_directory_only_on_the_pinned_node_is_found_there_and_deployed() {
    let scope = Scope::new(&Swarm::cluster());
    let files = scope.name("files");
    // Made on node2 only: in node2's own tmpfs at the node-local path (through a container
    // there); neither this machine nor node1 has it.
    let dir = scope.swarm().node_local_base().join(scope.name("on-node2"));
    let base = scope.swarm().node_local_base();
    scope.docker_ok_on(
        2,
        &[
            "run",
            "--rm",
            "--network",
            "none",
            "-v",
            &format!("{}:/base", base.display()),
            &test_image(),
            "mkdir",
            &format!("/base/{}", dir.file_name().unwrap().to_string_lossy()),
        ],
    );
    assert!(!dir.exists(), "not on this machine");
    let spec = on_node2_with(&scope, &files, &dir);
    let out = scope
        .alacrity()
        .args(["-v", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "host path {} of `{files}`: looked at on node node2, through the swarm",
            dir.display()
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(scope.running_nodes(&files), ["node2"]);
}

/// How long the swarm may take to settle after a manager joins or leaves: Docker 20.10 sometimes
/// stalls writes for a while after a promotion (its leader reports "data store lock held too long"
/// and hands leadership over), so tests wait until writes go through again.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(120);

/// Promotes node2 to a manager, and demotes it again when dropped, so that later tests see the
/// cluster as before (node1 the only manager).
struct Promoted<'a> {
    scope: &'a Scope,
}

impl<'a> Promoted<'a> {
    fn node2(scope: &'a Scope) -> Self {
        scope.docker_ok(&["node", "promote", "node2"]);
        let promoted = Promoted { scope };
        wait_until(
            SETTLE_TIMEOUT,
            "node2 is a manager that takes writes",
            || !manager_status(scope, "node2").is_empty() && takes_writes(scope, 2),
        );
        promoted
    }
}

impl Drop for Promoted<'_> {
    fn drop(&mut self) {
        // Must not panic (the test may be panicking already): report instead.
        let scope = self.scope;
        let out = scope.docker(&["node", "demote", "node2"]);
        if !out.status.success() {
            eprintln!("cleanup: cannot demote node2: {}", stderr(&out));
        }
        let deadline = Instant::now() + SETTLE_TIMEOUT;
        while Instant::now() < deadline {
            if manager_status(scope, "node1") == "Leader"
                && manager_status(scope, "node2").is_empty()
                && !scope.docker_on(2, &["node", "ls"]).status.success()
                && takes_writes(scope, 1)
            {
                return;
            }
            std::thread::sleep(POLL_INTERVAL);
        }
        eprintln!(
            "cleanup: the swarm did not settle with node1 its only manager in {SETTLE_TIMEOUT:?}"
        );
    }
}

/// `Leader`, `Reachable`, ... or "" for a worker.
fn manager_status(scope: &Scope, hostname: &str) -> String {
    let format = "{{.Hostname}}:{{.ManagerStatus}}";
    let out = scope.docker(&["node", "ls", "--format", format]);
    lines(&stdout(&out))
        .filter_map(|line| line.split_once(':'))
        .find(|(host, _)| *host == hostname)
        .map(|(_, status)| status.trim().to_string())
        .unwrap_or_default()
}

/// Whether the swarm takes a write through node `node` now: creates and removes a config.
fn takes_writes(scope: &Scope, node: usize) -> bool {
    let name = scope.name("probe");
    let file = scope.write_file("probe", "probe");
    let created = scope.docker_on(node, &["config", "create", &name, &file.to_string_lossy()]);
    let _ = scope.docker_on(node, &["config", "rm", &name]);
    created.status.success()
}

#[test]
fn deploys_through_two_managers_agree() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let (db, data) = (scope.name("db"), scope.name("data"));
    let (cache, web) = (scope.name("cache"), scope.name("web"));
    let node3 = scope.node_id(3);
    let stack = persistent(&db, &data, "")
        + &persistent(&cache, &scope.name("cache-data"), &node3)
        + &app(&web, "instances = 2");
    let spec = scope.write_file("stack.toml", &stack);
    let first = deploy_on(&scope, 1, &spec, &[]);
    assert_eq!(deployed(&first, &db)["node"], "node1");
    assert_eq!(deployed(&first, &cache)["node"], "node3");

    let _promoted = Promoted::node2(&scope);

    let plan = scope
        .alacrity_on(2)
        .args(["-o", "json", "plan"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(plan.status.success(), "{}", stderr(&plan));
    let second = deploy_on(&scope, 2, &spec, &[]);
    for app in [&db, &cache, &web] {
        assert_eq!(deployed(&second, app)["action"], "unchanged", "{second}");
    }
    assert!(
        stdout(&plan).matches("\"unchanged\"").count() == 3,
        "{}",
        stdout(&plan)
    );
    assert_eq!(deployed(&second, &db)["node"], "node1");
    assert_eq!(scope.running_nodes(&db), ["node1"]);

    // A new persistent app without `node` goes to the engine alacrity talks to on its first
    // deploy (node2 here), and stays there when deployed through node1.
    let (late, late_data) = (scope.name("late"), scope.name("late-data"));
    let late_spec = scope.write_file("late.toml", &persistent(&late, &late_data, ""));
    let created = deploy_on(&scope, 2, &late_spec, &[]);
    assert_eq!(deployed(&created, &late)["node"], "node2");
    assert!(volumes_on(&scope, 2).contains(&format!("alacran--{late_data}")));
    let again = deploy_on(&scope, 1, &late_spec, &[]);
    assert_eq!(deployed(&again, &late)["action"], "unchanged");
    assert_eq!(deployed(&again, &late)["node"], "node2");
    assert_eq!(scope.running_nodes(&late), ["node2"]);
}

/// A persistent app slow to stop (about 9 s), with the volume `alacran--LABEL`, pinned to `node`.
fn slow_persistent(name: &str, label: &str, node: &str) -> String {
    slow_app(
        name,
        &format!(
            "persistent = true\nnode = \"{node}\"\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
        ),
    )
}

#[test]
fn apps_rm_returns_once_the_container_on_another_node_is_gone() {
    let scope = Scope::new(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &slow_persistent(&db, &label, "node3"));
    deploy(&scope, &spec, &[]);
    assert_eq!(running_containers_on(&scope, 3, &db).len(), 1);

    let out = scope
        .alacrity()
        .args(["apps", "rm", "--yes", &db])
        .output()
        .unwrap();

    // alacrity talks to node1; the container ran on node3, and is gone when the command returns.
    assert_eq!(running_containers_on(&scope, 3, &db), Vec::<String>::new());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("may still run"), "{}", stderr(&out));
}

#[test]
fn apps_rm_of_a_persistent_app_on_a_node_that_is_down_says_its_container_may_still_run() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &slow_persistent(&db, &label, "node3"));
    deploy(&scope, &spec, &[]);
    // A power cut: node3 cannot tell the swarm that anything stopped.
    scope.stop_node(3, true);
    wait_until(NODE_DOWN_TIMEOUT, "the swarm sees node3 down", || {
        node_status(&scope, 3) == "Down"
    });

    let out = scope
        .alacrity()
        .args(["-o", "json", "apps", "rm", "--yes", &db])
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains(&format!(
            "app {db}: a container may still run on node3 (down); do not start it elsewhere"
        )),
        "{message}"
    );
    assert!(message.contains("`docker node ps node3`"), "{message}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("apps rm -o json prints JSON");
    assert_eq!(report["removed"][0]["name"], db.as_str(), "{report}");
    assert_eq!(
        report["removed"][0]["still_runs"][0]["node"], "node3",
        "{report}"
    );
    assert!(!scope.service_exists(&db));
}

#[test]
fn a_deploy_ends_when_the_pinned_node_goes_down_while_it_waits() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&db, &label, "node3"));
    // A long monitor window keeps the deploy waiting while its container runs on node3.
    let mut command = scope.alacrity();
    command
        .args(["deploy", "--timeout", "120s", "--monitor", "100s"])
        .arg(&spec);
    let mut deploy = Running::start(&command);
    deploy.wait_for_stderr("1/1 running, watching for", RUN_TIMEOUT);

    scope.stop_node(3, true);

    // Well before the monitor window (and the timeout) would end.
    let finished = deploy.finish(Duration::from_secs(90));
    assert_eq!(finished.code(), Some(1), "{}", finished.stderr);
    assert!(
        finished.stderr.contains(&format!(
            "app `{db}` cannot start: node node3 is down (the app is pinned to it)"
        )),
        "{}",
        finished.stderr
    );
}
