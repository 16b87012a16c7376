//! Smoke tests of the test harness itself (scripts/engine and tests/common), with the docker CLI
//! only: the private swarms are real, run services with volumes and bind mounts, spread tasks over
//! three nodes, survive a node going down, and have node-local directories.

use std::fs;
use std::path::PathBuf;

use crate::common::*;

/// A command for the test image that writes `/data/f` (on a volume) and copies it to `/out/written`
/// (a bind mount), then runs until SIGTERM.
const WRITE_THEN_RUN: &str = "echo hello > /data/f && cat /data/f > /out/written; trap 'exit 0' TERM; while true; do sleep 1; done";

#[test]
fn one_node_service_with_volume_and_bind_mount_converges() {
    let scope = Scope::new(&Swarm::single());
    let service = scope.name("web");
    let volume = format!("alacran--{}", scope.name("data"));
    let bind = scope.host_dir("out");
    scope.foreign_service(
        &service,
        &[
            "--mount",
            &format!("type=volume,source={volume},target=/data"),
            "--mount",
            &format!("type=bind,source={},target=/out", bind.display()),
        ],
        &["sh", "-c", WRITE_THEN_RUN],
    );

    wait_until(secs(60), "the service's task runs", || {
        scope.running_nodes(&service) == ["node1"]
    });
    let written = bind.join("written");
    wait_until(secs(30), "the container writes into the bind mount", || {
        fs::read_to_string(&written).is_ok_and(|s| s.trim() == "hello")
    });
    assert_eq!(
        scope.docker_ok(&["volume", "inspect", "--format", "{{.Name}}", &volume]),
        volume
    );
}

#[test]
fn the_single_node_is_node1_and_has_the_test_image() {
    let swarm = Swarm::single();
    // Not while a test of another module stops this engine (all engine tests share one process).
    let _scope = Scope::new(&swarm);
    assert_eq!(
        swarm.node_statuses(),
        [("node1".to_string(), "Ready".to_string())]
    );
    let cmd = swarm.docker_ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .Config.Cmd}}",
        &test_image(),
    ]);
    assert!(
        cmd.contains("trap 'exit 0' TERM"),
        "unexpected CMD of the test image: {cmd}"
    );
}

#[test]
fn the_test_image_stops_promptly_on_sigterm() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("stop");
    // A plain container (not a service) so that the test sees the exit code itself.
    scope.docker_ok(&["run", "--detach", "--name", &name, &test_image()]);
    wait_until(secs(30), "the container runs", || {
        scope.docker_ok(&["inspect", "--format", "{{.State.Running}}", &name]) == "true"
    });
    // `docker stop -t 30` sends SIGTERM and waits up to 30 s before SIGKILL: exit code 0 (not 137)
    // proves the image's command handled SIGTERM.
    scope.docker_ok(&["stop", "-t", "30", &name]);
    assert_eq!(
        scope.docker_ok(&["inspect", "--format", "{{.State.ExitCode}}", &name]),
        "0"
    );
    let tools = scope.docker_ok(&[
        "run",
        "--rm",
        &test_image(),
        "sh",
        "-c",
        "for t in sh sleep cat echo sha256sum ls mkdir rm touch; do command -v $t; done",
    ]);
    assert_eq!(
        tools.lines().count(),
        9,
        "missing tools in the test image:\n{tools}"
    );
}

#[test]
fn the_scope_removes_what_the_test_made_even_when_it_panics() {
    let swarm = Swarm::single();
    let made = std::panic::catch_unwind(|| {
        let scope = Scope::new(&swarm);
        let service = scope.name("gone");
        let volume = format!("alacran--{}", scope.name("gone"));
        let dir = scope.host_dir("gone");
        scope.foreign_service(
            &service,
            &[
                "--mount",
                &format!("type=volume,source={volume},target=/data"),
            ],
            &[],
        );
        let content = scope.write_file("config.txt", "x");
        scope.docker_ok(&[
            "config",
            "create",
            &scope.name("cfg"),
            &content.to_string_lossy(),
        ]);
        wait_until(secs(60), "the service runs", || {
            scope.running_nodes(&service).len() == 1
        });
        std::panic::panic_any((service, volume, scope.name("cfg"), dir, content));
    })
    .expect_err("the closure panics");
    type Made = (String, String, String, PathBuf, PathBuf);
    let (service, volume, config, dir, file) = *made.downcast::<Made>().unwrap();

    assert!(!swarm.service_exists(&service), "service {service} is left");
    assert!(
        !swarm
            .docker(&["volume", "inspect", &volume])
            .status
            .success(),
        "volume {volume} is left"
    );
    assert!(
        !swarm
            .docker(&["config", "inspect", &config])
            .status
            .success(),
        "config {config} is left"
    );
    assert!(!dir.exists(), "{} is left", dir.display());
    assert!(!file.exists(), "{} is left", file.display());
}

#[test]
fn three_nodes_are_ready() {
    let swarm = Swarm::cluster();
    let _scope = Scope::new(&swarm);
    let mut nodes = swarm.node_statuses();
    nodes.sort();
    let expected: Vec<(String, String)> = (1..=3)
        .map(|k| (format!("node{k}"), "Ready".to_string()))
        .collect();
    assert_eq!(nodes, expected);
    for k in 1..=3 {
        assert_eq!(
            swarm.docker_ok_on(k, &["info", "--format", "{{.Name}}"]),
            format!("node{k}")
        );
        swarm.docker_ok_on(k, &["image", "inspect", &test_image()]);
    }
}

#[test]
fn replicas_spread_over_the_three_nodes() {
    let scope = Scope::new(&Swarm::cluster());
    let service = scope.name("spread");
    scope.foreign_service(
        &service,
        &["--replicas", "3", "--replicas-max-per-node", "1"],
        &[],
    );
    wait_until(secs(60), "one task runs on each node", || {
        scope.running_nodes(&service) == ["node1", "node2", "node3"]
    });
}

#[test]
fn a_stopped_node_loses_its_task_to_another_node_and_comes_back() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let service = scope.name("move");
    scope.foreign_service(&service, &["--replicas", "3"], &[]);
    wait_until(secs(60), "the three tasks run on three nodes", || {
        scope.running_nodes(&service) == ["node1", "node2", "node3"]
    });

    scope.stop_node(3, false);
    wait_until(secs(90), "node3's task runs on another node", || {
        let nodes = scope.running_nodes(&service);
        nodes.len() == 3 && !nodes.iter().any(|n| n == "node3")
    });
    assert!(
        scope
            .node_statuses()
            .contains(&("node3".to_string(), "Down".to_string())),
        "node3 is not Down: {:?}",
        scope.node_statuses()
    );

    scope.start_node(3);
    assert!(
        scope
            .node_statuses()
            .contains(&("node3".to_string(), "Ready".to_string()))
    );
    assert_eq!(
        scope.docker_ok_on(3, &["info", "--format", "{{.Swarm.LocalNodeState}}"]),
        "active"
    );
}

/// The harness's special directories must be usable in app specs: alacrity refuses system paths.
fn assert_alacrity_accepts_host_path(scope: &Scope, dir: &std::path::Path) {
    let app = scope.name("uses-dir");
    let spec = scope.write_file(
        "host-path.toml",
        &format!(
            "[apps.{app}]\nimage = \"{}\"\npersistent = true\n\n[[apps.{app}.volumes]]\n\
             host_path = \"{}\"\ncontainer_path = \"/data\"\n",
            test_image(),
            dir.display()
        ),
    );
    scope
        .alacrity()
        .arg("validate")
        .arg(&spec)
        .assert()
        .success();
}

#[test]
fn a_host_only_dir_exists_on_the_host_but_not_on_the_node() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_only_dir("data");
    assert!(dir.is_dir());
    assert_alacrity_accepts_host_path(&scope, &dir);
    let service = scope.name("host-only");
    let mount = format!("type=bind,source={},target=/data", dir.display());
    scope.foreign_service(&service, &["--mount", &mount], &[]);
    let error = wait_for(secs(60), "the service fails on node1", || {
        scope
            .tasks(&service)
            .into_iter()
            .map(|t| t.error)
            .find(|e| !e.is_empty())
    });
    assert!(
        error.contains("bind source path does not exist")
            && error.contains(&*dir.to_string_lossy()),
        "unexpected error: {error}"
    );
}

#[test]
fn a_node_local_dir_exists_on_node1_only() {
    let scope = Scope::new(&Swarm::cluster());
    let dir = scope.node_local_dir("data");
    assert_alacrity_accepts_host_path(&scope, &dir);
    let mount = format!("type=bind,source={},target=/data", dir.display());
    let on_node1 = scope.name("on-node1");
    let on_node2 = scope.name("on-node2");
    scope.foreign_service(
        &on_node1,
        &["--constraint", "node.hostname==node1", "--mount", &mount],
        &[],
    );
    scope.foreign_service(
        &on_node2,
        &["--constraint", "node.hostname==node2", "--mount", &mount],
        &[],
    );

    wait_until(secs(60), "the service on node1 runs", || {
        scope.running_nodes(&on_node1) == ["node1"]
    });
    let error = wait_for(secs(60), "the service on node2 fails", || {
        scope
            .tasks(&on_node2)
            .into_iter()
            .map(|t| t.error)
            .find(|e| !e.is_empty())
    });
    assert!(
        error.contains("bind source path does not exist")
            && error.contains(&*dir.to_string_lossy()),
        "unexpected error on node2: {error}"
    );
    assert!(scope.running_nodes(&on_node2).is_empty());
}

#[test]
fn an_exclusive_scope_starts_the_nodes_it_stopped_when_it_ends() {
    let swarm = Swarm::cluster();
    {
        let scope = Scope::exclusive(&swarm);
        scope.stop_node(2, true);
        assert_ne!(
            scope.docker_on(2, &["version"]).status.code(),
            Some(0),
            "node2 still answers"
        );
        // The test "forgets" to start node2 again (as a failing test would): the scope does.
    }
    let _scope = Scope::new(&swarm);
    assert_eq!(
        swarm.docker_ok_on(2, &["info", "--format", "{{.Swarm.LocalNodeState}}"]),
        "active"
    );
    assert!(
        swarm
            .node_statuses()
            .contains(&("node2".to_string(), "Ready".to_string()))
    );
}
