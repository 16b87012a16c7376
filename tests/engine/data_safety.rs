//! Data safety under races and outside changes, on the real engines: each test reproduces a way
//! data was lost or hidden (two deploys claiming one volume, `volumes rm` racing a deploy, a stale
//! plan re-sent, a redeploy on empty data away from the data, changes made with the docker CLI,
//! a port clash found half-way, two containers on one volume).
//!
//! Races are made real with alacrity's test hooks (`ALACRITY_TEST_HOOK_<POINT>`, see
//! `src/testhook.rs`): one command is held between its checks and its writes while the other
//! runs, never left to timing.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::common::*;
use serde_json::Value;

fn persistent_with(name: &str, source: &str) -> String {
    app(
        name,
        &format!(
            "persistent = true\n[[apps.{name}.volumes]]\n{source}\ncontainer_path = \"/data\"\n"
        ),
    )
}

/// `alacrity deploy SPEC`, asserted to succeed.
fn deploy_ok(scope: &Scope, spec: &Path) {
    scope.alacrity().arg("deploy").arg(spec).assert().success();
}

/// `alacrity apps rm --yes NAME`, asserted to succeed.
fn remove_app(scope: &Scope, name: &str) {
    scope
        .alacrity()
        .args(["apps", "rm", "--yes", name])
        .assert()
        .success();
}

fn deploy_cmd(scope: &Scope, spec: &Path) -> assert_cmd::Command {
    let mut cmd = scope.alacrity();
    cmd.args(["deploy", "--timeout", "120s"]).arg(spec);
    cmd
}

/// Finding 1: two deploys at the same moment, of two apps on the same data (a label, a host
/// directory, nested host directories). The first is held between its checks and its writes;
/// the second must wait for it, then be refused like the sequential case, writing nothing.
#[test]
fn two_deploys_at_once_never_give_one_data_directory_to_two_apps() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("shared");
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    let label = scope.name("data");
    let cases = [
        (
            "label",
            format!("label = \"{label}\""),
            format!("label = \"{label}\""),
            "label-shared",
        ),
        (
            "path",
            format!("host_path = \"{}\"", dir.display()),
            format!("host_path = \"{}\"", dir.display()),
            "host-path-shared",
        ),
        (
            "nested",
            format!("host_path = \"{}\"", dir.display()),
            format!("host_path = \"{}\"", dir.join("inner").display()),
            "host-path-shared",
        ),
    ];
    for (round, (what, first, second, rule)) in cases.iter().enumerate() {
        let (a, b) = (
            scope.name(&format!("a{round}")),
            scope.name(&format!("b{round}")),
        );
        let spec_a = scope.write_file(&format!("a{round}.toml"), &persistent_with(&a, first));
        let spec_b = scope.write_file(&format!("b{round}.toml"), &persistent_with(&b, second));
        let hook = Hook::new(&scope, &format!("race{round}"));
        let held = hook.hold(&mut deploy_cmd(&scope, &spec_a), "planned");
        hook.wait_reached();
        let mut racer = Running::start(&deploy_cmd(&scope, &spec_b));
        racer.wait_for_stderr("waiting for the swarm's deploy lock", secs(60));
        assert!(
            !scope.service_exists(&b),
            "{what}: the racer waits, writing nothing"
        );
        hook.release();
        let first = held.finish(secs(180));
        assert_eq!(first.code(), Some(0), "{what}: {}", first.stderr);
        let second = racer.finish(secs(180));
        assert_eq!(second.code(), Some(2), "{what}: {}", second.stderr);
        assert!(second.stderr.contains(rule), "{what}: {}", second.stderr);
        assert!(
            !scope.service_exists(&b),
            "{what}: the loser never gets a service"
        );
        remove_app(&scope, &a);
    }
}

/// Apps on distinct data deployed at the same moment all succeed (they wait their turn).
#[test]
fn apps_with_distinct_data_deployed_at_once_all_succeed() {
    let scope = Scope::new(&Swarm::single());
    let running: Vec<(String, Running)> = (0..4)
        .map(|i| {
            let name = scope.name(&format!("d{i}"));
            let label = scope.name(&format!("v{i}"));
            let spec = scope.write_file(
                &format!("d{i}.toml"),
                &persistent_with(&name, &format!("label = \"{label}\"")),
            );
            (name, Running::start(&deploy_cmd(&scope, &spec)))
        })
        .collect();
    for (name, run) in running {
        let done = run.finish(secs(240));
        assert_eq!(done.code(), Some(0), "{name}: {}", done.stderr);
        assert_eq!(scope.running_nodes(&name).len(), 1, "{name} runs");
    }
}

fn volumes_json(scope: &Scope) -> Vec<Value> {
    let out = scope
        .alacrity()
        .args(["-o", "json", "volumes", "ls"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let document: Value = serde_json::from_slice(&out.stdout).unwrap();
    document["volumes"].as_array().unwrap().clone()
}

fn listed_volume(scope: &Scope, name: &str) -> Option<Value> {
    volumes_json(scope).into_iter().find(|v| v["name"] == name)
}

/// Finding 6: `volumes rm` racing a deploy of an app on that volume. Whichever goes first, the
/// app that runs has its volume recorded, and `volumes rm` never drops the record of a volume
/// that a service mounts.
#[test]
fn volumes_rm_racing_a_deploy_never_drops_the_record_of_what_runs() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    let spec = scope.write_file(
        "db.toml",
        &persistent_with(&db, &format!("label = \"{label}\"")),
    );
    deploy_ok(&scope, &spec);
    let container = running_container(scope.swarm(), 1, &db, None);
    let sum = write_files(scope.swarm(), 1, &container, "/data");
    remove_app(&scope, &db);
    assert_eq!(
        listed_volume(&scope, &volume).unwrap()["status"],
        "retained"
    );

    // The deploy first, held between its checks and its writes: `volumes rm` waits, then finds
    // the volume in use and keeps it, and its record.
    let hook = Hook::new(&scope, "deploy-first");
    let held = hook.hold(&mut deploy_cmd(&scope, &spec), "planned");
    hook.wait_reached();
    let mut rm = scope.alacrity();
    rm.args(["volumes", "rm", "--yes", &label]);
    let mut rm = Running::start(&rm);
    rm.wait_for_stderr("waiting for the swarm's deploy lock", secs(60));
    hook.release();
    assert_eq!(held.finish(secs(180)).code(), Some(0));
    let removal = rm.finish(secs(120));
    assert_eq!(removal.code(), Some(1), "{}", removal.stderr);
    assert!(
        removal.stderr.contains("in use by app"),
        "{}",
        removal.stderr
    );
    let listed = listed_volume(&scope, &volume).expect("the volume stays listed");
    assert_eq!(listed["status"], "in-use");
    let container = running_container(scope.swarm(), 1, &db, None);
    assert_eq!(
        checksum_in(scope.swarm(), 1, &container, "/data"),
        sum,
        "the data is intact"
    );
    remove_app(&scope, &db);

    // `volumes rm` first, held between its last check and the deletion: the deploy waits, then
    // creates the app on a new volume, and records it.
    let hook = Hook::new(&scope, "rm-first");
    let mut rm = scope.alacrity();
    rm.args(["volumes", "rm", "--yes", &label]);
    let held = hook.hold(&mut rm, "volumes-rm-checked");
    hook.wait_reached();
    let mut deploy = Running::start(&deploy_cmd(&scope, &spec));
    deploy.wait_for_stderr("waiting for the swarm's deploy lock", secs(60));
    hook.release();
    let removal = held.finish(secs(120));
    assert_eq!(removal.code(), Some(0), "{}", removal.stderr);
    let deployed = deploy.finish(secs(180));
    assert_eq!(deployed.code(), Some(0), "{}", deployed.stderr);
    let listed = listed_volume(&scope, &volume).expect("the new volume is recorded");
    assert_eq!(listed["status"], "in-use");
    remove_app(&scope, &db);
    let listed = listed_volume(&scope, &volume).expect("still listed once the app is gone");
    assert_eq!(listed["status"], "retained");
    scope
        .alacrity()
        .args(["volumes", "rm", "--yes", &label])
        .assert()
        .success();
}

/// The swarm config that records a volume label, as `docker config ls` names it.
fn volume_records(scope: &Scope, label: &str) -> Vec<String> {
    let filter = format!("label=io.alacrity.volume.label={label}");
    lines(&scope.docker_ok(&["config", "ls", "-q", "--filter", &filter]))
        .map(str::to_string)
        .collect()
}

/// Finding 6 too: a deploy that mounts a label always leaves its record, even when the app is
/// otherwise unchanged.
#[test]
fn an_unchanged_deploy_writes_a_lost_record_again() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file(
        "db.toml",
        &persistent_with(&db, &format!("label = \"{label}\"")),
    );
    deploy_ok(&scope, &spec);
    let records = volume_records(&scope, &label);
    assert_eq!(records.len(), 1);
    scope.docker_ok(&["config", "rm", &records[0]]);
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["apps"][0]["action"], "unchanged");
    assert_eq!(
        volume_records(&scope, &label).len(),
        1,
        "the record is back"
    );
}

/// Finding 12: a record of a node that left the swarm is shown as such and can be forgotten,
/// without that node's engine.
#[test]
fn a_record_of_a_node_that_left_the_swarm_can_be_forgotten() {
    let scope = Scope::new(&Swarm::single());
    let label = scope.name("gone");
    let volume = format!("alacran--{label}");
    let config = scope.name("rec");
    let data = scope.write_file("record", &volume);
    scope.docker_ok(&[
        "config",
        "create",
        "--label",
        "io.alacrity.managed=true",
        "--label",
        &format!("io.alacrity.volume.label={label}"),
        "--label",
        "io.alacrity.app=old-db",
        "--label",
        "io.alacrity.node=nodegone0000000000000000",
        // Named like alacrity's records, so that the scope removes it if the test fails.
        &format!("alacrity-volume-{config}"),
        data.to_str().unwrap(),
    ]);
    let listed = listed_volume(&scope, &volume).expect("the record is listed");
    assert_eq!(listed["status"], "node-gone");
    let out = scope
        .alacrity()
        .args(["volumes", "rm", "--yes", &label])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = scope
        .alacrity()
        .args(["volumes", "rm", "--forget", "--yes", &label])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("forgot volume"), "{}", stdout(&out));
    assert!(listed_volume(&scope, &volume).is_none());
    assert!(volume_records(&scope, &label).is_empty());
}

/// Finding 9: changes made outside alacrity (`docker service scale`, `docker service update`)
/// are drift: `plan` shows them, `deploy` undoes them, and `apps ls` flags a persistent app
/// running twice on its data.
#[test]
fn changes_made_outside_alacrity_are_shown_and_undone() {
    let scope = Scope::new(&Swarm::single());
    let (db, web) = (scope.name("db"), scope.name("web"));
    let label = scope.name("data");
    let spec = scope.write_file(
        "apps.toml",
        &format!(
            "{}\n{}",
            persistent_with(&db, &format!("label = \"{label}\"")),
            app(&web, "env = { A = \"1\" }")
        ),
    );
    deploy_ok(&scope, &spec);
    scope.docker_ok(&["service", "scale", "--detach", &format!("{db}=2")]);
    scope.docker_ok(&[
        "service",
        "update",
        "--detach",
        "--env-add",
        "B=2",
        "--replicas",
        "3",
        &web,
    ]);
    wait_until(secs(60), "both db containers run", || {
        scope.running_nodes(&db).len() == 2
    });
    let ls = scope
        .alacrity()
        .args(["-o", "json", "apps", "ls"])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&ls.stdout).unwrap();
    let listed = document["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == db.as_str())
        .unwrap();
    assert_eq!(listed["data_at_risk"], true, "{listed}");

    let out = scope
        .alacrity()
        .args(["-o", "json", "plan"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let plan = plan["apps"].as_array().unwrap();
    let planned = |name: &str| plan.iter().find(|p| p["name"] == name).unwrap().clone();
    assert_eq!(planned(&db)["action"], "update");
    assert_eq!(planned(&db)["drift"][0]["field"], "instances");
    assert_eq!(planned(&db)["drift"][0]["swarm"], "2");
    assert_eq!(planned(&db)["drift"][0]["spec"], "1");
    let web_changes: Vec<String> = planned(&web)["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(web_changes, ["instances", "env"]);
    let text = scope.alacrity().args(["plan"]).arg(&spec).output().unwrap();
    assert!(
        stderr(&text).contains("instances 2 -> 1, changed outside alacrity"),
        "{}",
        stderr(&text)
    );

    deploy_ok(&scope, &spec);
    assert_eq!(
        scope.running_nodes(&db).len(),
        1,
        "one container on the data again"
    );
    let env = scope.docker_ok(&[
        "service",
        "inspect",
        "--format",
        "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
        &web,
    ]);
    assert_eq!(env, "[\"A=1\"]");
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    for app in report["apps"].as_array().unwrap() {
        assert_eq!(app["action"], "unchanged", "{app}");
    }
}

/// Finding 11: a port that an app of another spec file publishes is refused at plan time, before
/// any app of the deploy is written.
#[test]
fn a_port_published_by_another_spec_is_refused_before_any_write() {
    let scope = Scope::new(&Swarm::single());
    let (site, a, b) = (scope.name("site"), scope.name("a"), scope.name("b"));
    let port = 20_000 + (std::process::id() % 20_000) as u16;
    let site_spec = scope.write_file(
        "site.toml",
        &app(&site, &format!("ports = [\"{port}:80\"]")),
    );
    deploy_ok(&scope, &site_spec);
    let other = scope.write_file(
        "other.toml",
        &format!(
            "{}\n{}",
            app(&a, ""),
            app(&b, &format!("ports = [\"{port}:8080\"]"))
        ),
    );
    for command in ["plan", "deploy"] {
        let out = scope.alacrity().arg(command).arg(&other).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        let text = stderr(&out);
        assert!(text.contains("error[port-duplicate]"), "{text}");
        assert!(
            text.contains(&format!("already published by the deployed app `{site}`")),
            "{text}"
        );
        assert!(text.contains("other.toml:"), "{text}");
        assert!(!scope.service_exists(&a), "{command}: nothing was written");
    }
}

/// Finding 5: a persistent app removed and deployed again without `node` must not start on
/// another node on an empty volume while its data sits on the old one.
#[test]
fn a_redeploy_after_apps_rm_never_starts_on_empty_data_on_another_node() {
    let scope = Scope::new(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let source = format!("label = \"{label}\"");
    let pinned = scope.write_file(
        "pinned.toml",
        &persistent_with(&db, &source)
            .replace("persistent = true", "persistent = true\nnode = \"node2\""),
    );
    deploy_ok(&scope, &pinned);
    let container = running_container(scope.swarm(), 2, &db, None);
    let sum = write_files(scope.swarm(), 2, &container, "/data");
    remove_app(&scope, &db);

    let unpinned = scope.write_file("unpinned.toml", &persistent_with(&db, &source));
    let plan = scope
        .alacrity()
        .arg("plan")
        .arg(&unpinned)
        .output()
        .unwrap();
    assert!(plan.status.success());
    assert!(
        stderr(&plan).contains("is recorded on node node2"),
        "{}",
        stderr(&plan)
    );
    let out = scope
        .alacrity()
        .arg("deploy")
        .arg(&unpinned)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("set node = \"node2\""),
        "{}",
        stderr(&out)
    );
    assert!(!scope.service_exists(&db), "nothing was written");

    deploy_ok(&scope, &pinned);
    let container = running_container(scope.swarm(), 2, &db, None);
    assert_eq!(
        checksum_in(scope.swarm(), 2, &container, "/data"),
        sum,
        "the same data"
    );
}

/// Finding 7: another client changes the service between a deploy's plan and its write (here
/// the docker CLI moves the app to node3); the deploy plans again from the swarm as it is, and
/// never moves the app back without --move-node.
#[test]
fn a_change_made_meanwhile_is_planned_again_never_undone() {
    let scope = Scope::new(&Swarm::cluster());
    let db = scope.name("db");
    let spec = |env: &str| {
        app(
            &db,
            &format!("persistent = true\nenv = {{ V = \"{env}\" }}"),
        )
    };
    let first = scope.write_file("v1.toml", &spec("1"));
    let second = scope.write_file("v2.toml", &spec("2"));
    deploy_ok(&scope, &first);
    assert_eq!(scope.running_nodes(&db), ["node1"]);
    let (node1, node3) = (scope.swarm().node_id(1), scope.swarm().node_id(3));
    for round in 0..3 {
        let (from, to) = if round % 2 == 0 {
            (&node1, &node3)
        } else {
            (&node3, &node1)
        };
        let hook = Hook::new(&scope, &format!("meanwhile{round}"));
        let spec = if round % 2 == 0 { &second } else { &first };
        let held = hook.hold(&mut deploy_cmd(&scope, spec), "planned");
        hook.wait_reached();
        // Another client moves the app, the way alacrity itself pins it.
        scope.docker_ok(&[
            "service",
            "update",
            "--detach",
            "--constraint-rm",
            &format!("node.id=={from}"),
            "--constraint-add",
            &format!("node.id=={to}"),
            "--label-add",
            &format!("io.alacrity.node={to}"),
            &db,
        ]);
        hook.release();
        let done = held.finish(secs(180));
        assert_eq!(done.code(), Some(0), "round {round}: {}", done.stderr);
        assert!(
            done.stderr.contains("planning again"),
            "round {round}: {}",
            done.stderr
        );
        let pin = scope.docker_ok(&[
            "service",
            "inspect",
            "--format",
            "{{json .Spec.TaskTemplate.Placement.Constraints}}",
            &db,
        ]);
        assert_eq!(
            pin,
            format!("[\"node.id=={to}\"]"),
            "round {round}: the move stays"
        );
    }
}

/// Finding 8: a persistent app's new task never starts while its old container still runs on
/// its data: scaled to 0 with the docker CLI (the container takes seconds to stop), or its
/// service removed with the docker CLI, and deployed again at once.
#[test]
fn a_persistent_app_never_runs_two_containers_on_its_volume() {
    let scope = Scope::new(&Swarm::cluster());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    let slow = format!(
        "[apps.{db}]\nimage = \"{}\"\npersistent = true\nnode = \"node3\"\n\
         command = [\"sh\", \"-c\", \"trap 'sleep 4; exit 0' TERM; while true; do sleep 1; done\"]\n\
         [[apps.{db}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n",
        test_image()
    );
    let spec = scope.write_file("db.toml", &slow);
    deploy_ok(&scope, &spec);
    let container = running_container(scope.swarm(), 3, &db, None);
    let sum = write_files(scope.swarm(), 3, &container, "/data");
    let swarm = scope.swarm().clone();
    let most = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (most, stop, volume) = (Arc::clone(&most), Arc::clone(&stop), volume.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let filter = format!("volume={volume}");
                let out = swarm.docker_on(
                    3,
                    &[
                        "ps",
                        "-q",
                        "--filter",
                        &filter,
                        "--filter",
                        "status=running",
                    ],
                );
                let count = lines(&stdout(&out)).count();
                most.fetch_max(count, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        })
    };
    for round in 0..2 {
        scope.docker_ok(&["service", "scale", "--detach", &format!("{db}=0")]);
        let out = deploy_cmd(&scope, &spec).output().unwrap();
        assert!(out.status.success(), "round {round}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("waiting for the old container on its data"),
            "round {round}: {}",
            stderr(&out)
        );
    }
    scope.docker_ok(&["service", "rm", &db]);
    let out = deploy_cmd(&scope, &spec).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("waiting for the old container on its data"),
        "{}",
        stderr(&out)
    );
    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap();
    assert_eq!(
        most.load(Ordering::SeqCst),
        1,
        "never two containers on {volume}"
    );
    let container = running_container(scope.swarm(), 3, &db, None);
    assert_eq!(
        checksum_in(scope.swarm(), 3, &container, "/data"),
        sum,
        "the data is intact"
    );
}

/// Writes the deploy lock the way alacrity does, held by `host` and `pid`.
fn fake_lock(scope: &Scope, host: &str, pid: &str) {
    let data = scope.write_file("lock", "deploy");
    scope.docker_ok(&[
        "config",
        "create",
        "--label",
        "io.alacrity.managed=true",
        "--label",
        "io.alacrity.lock.command=deploy",
        "--label",
        "io.alacrity.lock.user=ci",
        "--label",
        &format!("io.alacrity.lock.host={host}"),
        "--label",
        &format!("io.alacrity.lock.pid={pid}"),
        "--label",
        "io.alacrity.lock.since=1",
        "alacrity-lock",
        data.to_str().unwrap(),
    ]);
}

fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap()
        .trim()
        .to_string()
}

/// The lock: a holder on another machine is waited for (with a bound, naming it), shown by
/// `lock status`, and removed by `lock release`; a holder on this machine whose process is gone
/// is taken over.
#[test]
fn the_deploy_lock_is_waited_for_shown_released_and_taken_over_when_stale() {
    // The lock is swarm-wide: no other test of this binary may deploy meanwhile.
    let scope = Scope::exclusive(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&web, ""));
    fake_lock(&scope, "ci-runner-7", "4242");
    let out = scope.alacrity().args(["lock", "status"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("`deploy` by ci on ci-runner-7 (pid 4242)"),
        "{}",
        stdout(&out)
    );
    let out = scope
        .alacrity()
        .args(["--lock-timeout", "1s", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("on ci-runner-7 (pid 4242)"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("alacrity lock release"),
        "{}",
        stderr(&out)
    );
    assert!(!scope.service_exists(&web));
    let out = scope.alacrity().args(["lock", "release"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "no terminal and no --yes: {}",
        stderr(&out)
    );
    scope
        .alacrity()
        .args(["lock", "release", "--yes"])
        .assert()
        .success();
    let out = scope
        .alacrity()
        .args(["-o", "json", "lock", "status"])
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["state"], "free");

    // A holder of this machine whose process is gone (killed, or lost its engine) is stale.
    fake_lock(&scope, &this_host(), &(u32::MAX - 7).to_string());
    let out = scope
        .alacrity()
        .args(["--lock-timeout", "5s", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("that process is gone"),
        "{}",
        stderr(&out)
    );
    let out = scope
        .alacrity()
        .args(["-o", "json", "lock", "status"])
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["state"], "free", "released after the deploy");
}

/// An unchanged redeploy writes nothing at all: not even the lock (the engine calls of `-vv`).
#[test]
fn an_unchanged_redeploy_makes_no_write_not_even_the_lock() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file(
        "db.toml",
        &persistent_with(&db, &format!("label = \"{label}\"")),
    );
    let first = scope
        .alacrity()
        .args(["-vv", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("POST /configs/create"),
        "the lock is taken: {}",
        stderr(&first)
    );
    let again = scope
        .alacrity()
        .args(["-vv", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    let text = stderr(&again);
    let writes: Vec<&str> = text
        .lines()
        .filter(|line| {
            ["POST ", "PUT ", "DELETE "]
                .iter()
                .any(|verb| line.contains(verb))
        })
        .collect();
    assert!(writes.is_empty(), "no writes: {writes:?}\n{text}");
    assert!(
        text.contains("GET /configs"),
        "the records were read: {text}"
    );
}

/// Finding 13: changing a persistent app's label says that it starts on a new, empty volume and
/// that the old one is kept (with its data, listed as retained).
#[test]
fn a_label_change_says_new_empty_volume_and_keeps_the_old_one() {
    let scope = Scope::new(&Swarm::single());
    let (db, old, new) = (scope.name("db"), scope.name("old"), scope.name("new"));
    let spec = scope.write_file(
        "db.toml",
        &persistent_with(&db, &format!("label = \"{old}\"")),
    );
    deploy_ok(&scope, &spec);
    let container = running_container(scope.swarm(), 1, &db, None);
    let sum = write_files(scope.swarm(), 1, &container, "/data");
    std::fs::write(&spec, persistent_with(&db, &format!("label = \"{new}\""))).unwrap();
    let plan = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    let text = stderr(&plan);
    assert!(
        text.contains(&format!("alacran--{new}: a new, empty volume")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "alacran--{old}: no longer mounted; kept with its data"
        )),
        "{text}"
    );
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a new, empty volume"),
        "{}",
        stderr(&out)
    );
    let listed = listed_volume(&scope, &format!("alacran--{old}")).expect("the old one is kept");
    // Kept, and no app uses it (the old task's stopped container may, until the swarm prunes
    // its task history).
    assert!(
        !listed["used_by"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["kind"] == "app"),
        "{listed}"
    );
    let mount = format!("alacran--{old}:/data:ro");
    let image = test_image();
    let script = "cd /data && find . -type f | sort | xargs -r sha256sum";
    let kept = scope.docker_ok(&["run", "--rm", "-v", &mount, &image, "sh", "-c", script]);
    assert_eq!(kept, sum, "the old volume keeps its data");
}
