//! `alacrity apps move` on the three-node swarm (node1 the manager, node2 and node3 workers,
//! reached with `--node-host`): the data moves with the app, verified, and the old node keeps
//! its copy, listed as retained; a target engine that stops mid-copy puts the app back on its
//! old node on its untouched data, and a rerun finishes; a host directory moves to the same
//! path; the refusals; and a deploy that still names the old node is refused.

use std::path::Path;
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

/// A persistent app pinned to `node`, its volume `label` on /data.
fn with_volume(name: &str, label: &str, node: &str) -> String {
    app(
        name,
        &format!(
            "persistent = true\nnode = \"{node}\"\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
        ),
    )
}

/// A persistent app pinned to `node`, bind-mounting `dir` on /data.
fn with_dir(name: &str, dir: &Path, node: &str) -> String {
    app(
        name,
        &format!(
            "persistent = true\nnode = \"{node}\"\n[[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/data\"\n",
            dir.display()
        ),
    )
}

/// `alacrity apps move APP --to NODE --yes`, every worker reached with --node-host.
fn move_command(scope: &Scope, app: &str, to: &str) -> assert_cmd::Command {
    let swarm = scope.swarm();
    let mut command = scope.alacrity();
    command.args(["apps", "move", app, "--to", to, "--timeout", "90s"]);
    for node in 2..=swarm.node_count() {
        command.args([
            "--node-host",
            &format!("node{node}={}", swarm.node_host(node)),
        ]);
    }
    command.arg("--yes");
    command
}

/// Every entry under /data in the app's container on `node`: path, type, owner, mode, size,
/// link target, link count, and the content's checksum (what the manifest compares, seen from
/// inside the container).
fn tree(swarm: &Swarm, node: usize, container: &str) -> String {
    exec_in(
        swarm,
        node,
        container,
        "cd /data && find . | sort | while read -r p; do \
           s=$(stat -c '%F %u:%g %a %s %h' \"$p\"); \
           l=''; [ -L \"$p\" ] && l=$(readlink \"$p\"); \
           c=''; [ -f \"$p\" ] && [ ! -L \"$p\" ] && c=$(sha256sum \"$p\" | cut -c1-16); \
           echo \"$p $s $l $c\"; done",
    )
}

#[test]
fn an_app_moves_with_its_data_verified_and_the_old_copy_is_kept_as_retained() {
    let scope = Scope::new(&Swarm::cluster());
    let swarm = scope.swarm();
    let (name, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.deploy_spec("db.toml", &with_volume(&name, &label, "node2"));
    let old = running_container(swarm, 2, &name, None);
    exec_in(
        swarm,
        2,
        &old,
        "set -e; cd /data; mkdir -p private empty sub; chmod 0700 private; \
         echo secret > private/key; chown -R 999:999 private; \
         echo hello > sub/a; chown 1000:1001 sub/a; chmod 0640 sub/a; \
         ln -s sub/a link; ln sub/a sub/hard; \
         head -c 200000000 /dev/urandom > big; sync",
    );
    let before = tree(swarm, 2, &old);
    assert!(
        before.contains("./private directory 999:999 700"),
        "{before}"
    );
    let out = move_command(&scope, &name, "node3").output().unwrap();
    assert!(out.status.success(), "apps move failed: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("volume alacran--{label}")) && err.contains("copied and verified"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("moved to node3 with its data"),
        "{}",
        stdout(&out)
    );
    // Running on node3, on the same tree.
    assert_eq!(swarm.running_nodes(&name), vec!["node3".to_string()]);
    let new = running_container(swarm, 3, &name, None);
    assert_eq!(tree(swarm, 3, &new), before);
    // node2 still holds the original, listed as retained there.
    let volume = format!("alacran--{label}");
    assert!(
        swarm
            .docker_on(2, &["volume", "inspect", &volume])
            .status
            .success()
    );
    let listed = scope
        .alacrity()
        .args(["volumes", "ls", "-o", "json"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let listed = listed["volumes"].as_array().unwrap().clone();
    let on = |node: &str| {
        listed
            .iter()
            .find(|v| v["name"] == volume.as_str() && v["node"] == node)
            .unwrap_or_else(|| panic!("{volume} on {node} not listed: {listed:?}"))
    };
    assert_eq!(on("node2")["status"], "retained");
    assert_eq!(on("node3")["status"], "in-use");
    // A deploy of the spec that still names node2 is refused, at its `node` line.
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("db.toml:")
            && err.contains("moved to node node3")
            && err.contains("node = \"node3\""),
        "{err}"
    );
    // Even with --move-node: never onto the stale copy.
    let out = scope
        .alacrity()
        .args(["deploy", "--move-node", "--yes"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(swarm.running_nodes(&name), vec!["node3".to_string()]);
    // The spec updated to node3: unchanged.
    let moved = scope.write_file("db3.toml", &with_volume(&name, &label, "node3"));
    let out = scope.alacrity().arg("deploy").arg(&moved).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
}

#[test]
fn a_target_engine_stopping_mid_copy_puts_the_app_back_and_a_rerun_finishes() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let swarm = scope.swarm();
    let (name, label) = (scope.name("db"), scope.name("data"));
    scope.deploy_spec("db.toml", &with_volume(&name, &label, "node2"));
    let old = running_container(swarm, 2, &name, None);
    write_files(swarm, 2, &old, "/data");
    exec_in(
        swarm,
        2,
        &old,
        "head -c 20000000 /dev/urandom > /data/filler; sync",
    );
    let sum = checksum_in(swarm, 2, &old, "/data");
    let hook = Hook::new(&scope, "copying");
    let running = hook.hold(&mut move_command(&scope, &name, "node3"), "move-copying");
    hook.wait_reached();
    scope.stop_node(3, true);
    hook.release();
    let finished = running.finish(Duration::from_secs(180));
    assert_eq!(finished.code(), Some(1), "{}", finished.stderr);
    assert!(
        finished
            .stderr
            .contains("back on node2, running on its untouched data"),
        "{}",
        finished.stderr
    );
    // Running on node2 again, the data unchanged.
    let back = running_container(swarm, 2, &name, Some(&old));
    assert_eq!(checksum_in(swarm, 2, &back, "/data"), sum);
    assert_eq!(swarm.running_nodes(&name), vec!["node2".to_string()]);
    // node3 back: the rerun finishes the move (the leftover replaced).
    scope.start_node(3);
    let out = move_command(&scope, &name, "node3").output().unwrap();
    assert!(out.status.success(), "rerun failed: {}", stderr(&out));
    let new = running_container(swarm, 3, &name, None);
    assert_eq!(checksum_in(swarm, 3, &new, "/data"), sum);
}

#[test]
fn a_host_directory_moves_to_the_same_empty_path() {
    let scope = Scope::new(&Swarm::cluster());
    let swarm = scope.swarm();
    let name = scope.name("files");
    // Empty on node2 and node3 (each worker has its own empty node-local directory), here on
    // the host for alacrity's own checks.
    let dir = scope.node_local_dir("files");
    let base = swarm.node_local_base();
    let leaf = dir.file_name().unwrap().to_string_lossy().to_string();
    for node in [2, 3] {
        swarm.docker_ok_on(
            node,
            &[
                "run",
                "--rm",
                "-v",
                &format!("{}:/base", base.display()),
                &test_image(),
                "mkdir",
                "-p",
                &format!("/base/{leaf}"),
            ],
        );
    }
    scope.deploy_spec("files.toml", &with_dir(&name, &dir, "node2"));
    let old = running_container(swarm, 2, &name, None);
    let sum = write_files(swarm, 2, &old, "/data");
    let out = move_command(&scope, &name, "node3").output().unwrap();
    assert!(out.status.success(), "apps move failed: {}", stderr(&out));
    let new = running_container(swarm, 3, &name, None);
    assert_eq!(checksum_in(swarm, 3, &new, "/data"), sum);
    // The original stays on node2.
    let copy = swarm.docker_ok_on(
        2,
        &[
            "run",
            "--rm",
            "-v",
            &format!("{}:/d", dir.display()),
            &test_image(),
            "ls",
            "/d",
        ],
    );
    assert!(copy.contains("table.txt"), "{copy}");
}

#[test]
fn moves_are_refused_before_anything_stops() {
    let scope = Scope::new(&Swarm::cluster());
    let swarm = scope.swarm();
    let (db, web) = (scope.name("db"), scope.name("web"));
    let label = scope.name("data");
    let stateless = app(&web, "");
    scope.deploy_spec(
        "apps.toml",
        &format!("{}\n{stateless}", with_volume(&db, &label, "node2")),
    );
    let refused = |app: &str, to: &str| {
        let out = move_command(&scope, app, to).output().unwrap();
        (out.status.code(), stderr(&out))
    };
    let (code, err) = refused(&web, "node3");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a persistent app"), "{err}");
    let (code, err) = refused(&db, "node2");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("on node node2 already"), "{err}");
    let (code, err) = refused(&db, "node9");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no node `node9`"), "{err}");
    // A non-empty volume of that name on the target: never overwritten.
    let volume = format!("alacran--{label}");
    swarm.docker_ok_on(
        3,
        &[
            "volume",
            "create",
            "--label",
            "io.alacrity.managed=true",
            "--label",
            &format!("io.alacrity.volume.label={label}"),
            &volume,
        ],
    );
    swarm.docker_ok_on(
        3,
        &[
            "run",
            "--rm",
            "-v",
            &format!("{volume}:/v"),
            &test_image(),
            "sh",
            "-c",
            "echo x > /v/f",
        ],
    );
    let (code, err) = refused(&db, "node3");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("already holds a volume") && err.contains("nothing was changed"),
        "{err}"
    );
    swarm.docker_ok_on(3, &["volume", "rm", &volume]);
    // Nothing stopped.
    assert_eq!(swarm.running_nodes(&db), vec!["node2".to_string()]);
    // Without a terminal and without --yes: refused, with the command to run.
    let out = scope
        .alacrity()
        .args(["apps", "move", &db, "--to", "node3"])
        .args(["--node-host", &format!("node2={}", swarm.node_host(2))])
        .args(["--node-host", &format!("node3={}", swarm.node_host(3))])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes`"), "{}", stderr(&out));
    // No way to reach node3.
    let out = scope
        .alacrity()
        .args(["apps", "move", &db, "--to", "node3", "--yes"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("--node-host"), "{}", stderr(&out));
    assert_eq!(swarm.running_nodes(&db), vec!["node2".to_string()]);
}

#[test]
fn ctrl_c_mid_copy_puts_the_app_back_and_a_rerun_completes_the_copy() {
    let scope = Scope::new(&Swarm::cluster());
    let swarm = scope.swarm();
    let (name, label) = (scope.name("db"), scope.name("data"));
    // A host directory first (copied first), then a volume.
    let dir = worker_dir(&scope, "files");
    let spec = format!(
        "{}[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/vol\"\n",
        with_dir(&name, &dir, "node2")
    );
    scope.deploy_spec("db.toml", &spec);
    let old = running_container(swarm, 2, &name, None);
    write_files(swarm, 2, &old, "/data");
    exec_in(
        swarm,
        2,
        &old,
        "head -c 8000000 /dev/urandom > /data/filler; echo v > /vol/v; sync",
    );
    let sums = |node: usize, container: &str| {
        (
            checksum_in(swarm, node, container, "/data"),
            checksum_in(swarm, node, container, "/vol"),
        )
    };
    let before = sums(2, &old);
    let hook = Hook::new(&scope, "copying");
    let running = hook.hold(&mut move_command(&scope, &name, "node3"), "move-copying");
    hook.wait_reached();
    running.interrupt();
    hook.release();
    let finished = running.finish(Duration::from_secs(120));
    assert_eq!(finished.code(), Some(130), "{}", finished.stderr);
    for words in [
        "interrupted: the move was called off".to_string(),
        "back on node2, running on its untouched data".to_string(),
        format!(
            "what was copied into {} on node3 stays there",
            dir.display()
        ),
    ] {
        assert!(
            finished.stderr.contains(&words),
            "{words}: {}",
            finished.stderr
        );
    }
    // The volume's copy had not started: nothing of it on node3.
    let volume = format!("alacran--{label}");
    assert!(
        !swarm
            .docker_on(3, &["volume", "inspect", &volume])
            .status
            .success()
    );
    let back = running_container(swarm, 2, &name, Some(&old));
    assert_eq!(sums(2, &back), before);
    // The lock was given back, and the rerun completes the copy into the directory.
    let out = move_command(&scope, &name, "node3").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let new = running_container(swarm, 3, &name, None);
    assert_eq!(sums(3, &new), before);
}

/// A new directory that is empty on node2 and node3 (each worker has its own node-local
/// directory), and exists here for alacrity's own checks.
fn worker_dir(scope: &Scope, what: &str) -> std::path::PathBuf {
    let swarm = scope.swarm();
    let dir = scope.node_local_dir(what);
    let base = swarm.node_local_base();
    let leaf = dir.file_name().unwrap().to_string_lossy().to_string();
    for node in [2, 3] {
        swarm.docker_ok_on(
            node,
            &[
                "run",
                "--rm",
                "-v",
                &format!("{}:/base", base.display()),
                &test_image(),
                "mkdir",
                "-p",
                &format!("/base/{leaf}"),
            ],
        );
    }
    dir
}
