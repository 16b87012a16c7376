//! `alacrity binds ls|rm` against the private swarms: only recorded directories are listed or
//! deleted, never one in use, never a system path, never through a symlink, never without a
//! confirmation; `--forget` keeps the directory; directories of other nodes are listed with their
//! node and deleted on that node.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;
use serde_json::{Value, json};

/// A persistent app that bind-mounts `dir` (and writes a file into it), deployed on `node` then
/// removed: `dir` is recorded and retained. Returns the app's name.
fn retained_dir_of_removed_app(scope: &Scope, node: &str, dir: &Path) -> String {
    let app = scope.name("app");
    let spec = scope.write_file(
        "app.toml",
        &format!(
            "[apps.{app}]\nimage = \"{}\"\npersistent = true\nnode = \"{node}\"\n\
             command = [\"sh\", \"-c\", \"echo kept > /out/file; trap 'exit 0' TERM; while true; do sleep 1; done\"]\n\
             [[apps.{app}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/out\"\n",
            test_image(),
            dir.display()
        ),
    );
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(&spec)
        .assert()
        .success();
    wait_until(secs(30), "the app writes into its directory", || {
        dir.join("file").is_file()
    });
    scope
        .alacrity()
        .args(["apps", "rm", "--yes", &app])
        .assert()
        .success();
    app
}

fn ls(scope: &Scope) -> Vec<Value> {
    let out = scope
        .alacrity()
        .args(["binds", "ls", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["binds"]
        .as_array()
        .expect("a JSON list")
        .clone()
}

fn listed(scope: &Scope, dir: &Path) -> Option<Value> {
    let path = dir.display().to_string();
    ls(scope).into_iter().find(|d| d["path"] == path.as_str())
}

fn rm(scope: &Scope, args: &[&str], dir: &Path) -> Output {
    scope
        .alacrity()
        .args(["binds", "rm"])
        .args(args)
        .arg(dir)
        .output()
        .unwrap()
}

fn record_of(scope: &Scope, dir: &Path) -> String {
    scope.docker_ok(&[
        "config",
        "ls",
        "--format",
        "{{.Name}}",
        "--filter",
        &format!("label=io.alacrity.bind.path={}", dir.display()),
    ])
}

/// A directory outside everything the test removes, with a file in it: what a symlink points to.
fn bystander(scope: &Scope) -> PathBuf {
    let dir = scope.host_dir("bystander");
    std::fs::write(dir.join("precious"), "keep me").unwrap();
    dir
}

#[test]
fn an_unrecorded_directory_is_neither_listed_nor_deleted() {
    let scope = Scope::new(&Swarm::single());
    let dir = bystander(&scope);

    assert_eq!(listed(&scope, &dir), None);
    let out = rm(&scope, &["--yes"], &dir);

    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a recorded host directory"),
        "{}",
        stderr(&out)
    );
    assert!(dir.join("precious").is_file());
}

#[test]
fn forget_drops_the_record_and_keeps_the_directory() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("kept");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    assert!(!record_of(&scope, &dir).is_empty());

    let out = rm(&scope, &["--forget"], &dir);

    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!(
            "forgot {} on node1; the directory stays on disk, unrecorded",
            dir.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("file")).unwrap().trim(),
        "kept"
    );
    assert_eq!(record_of(&scope, &dir), "");
    assert_eq!(listed(&scope, &dir), None);
}

#[test]
fn a_symlink_at_the_recorded_path_is_refused_and_nothing_outside_is_deleted() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("swapped");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    let outside = bystander(&scope);

    std::fs::remove_dir_all(&dir).unwrap();
    for target in [outside.as_path(), Path::new("/etc")] {
        symlink(target, &dir).unwrap();

        let out = rm(&scope, &["--yes"], &dir);

        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("is a symlink (to {})", target.display())),
            "{}",
            stderr(&out)
        );
        assert!(dir.is_symlink(), "the link itself is left alone");
        std::fs::remove_file(&dir).unwrap();
    }
    assert!(outside.join("precious").is_file());
    assert!(Path::new("/etc/passwd").is_file());
    assert!(!record_of(&scope, &dir).is_empty(), "the record stays");
}

#[test]
fn a_parent_swapped_for_a_symlink_is_refused() {
    let scope = Scope::new(&Swarm::single());
    let parent = scope.host_dir("parent");
    let dir = parent.join("data");
    std::fs::create_dir(&dir).unwrap();
    retained_dir_of_removed_app(&scope, "node1", &dir);
    // The parent is moved away and replaced by a link to another tree with a `data` inside.
    let outside = bystander(&scope);
    std::fs::create_dir(outside.join("data")).unwrap();
    std::fs::write(outside.join("data/precious"), "keep me too").unwrap();
    let moved = parent.with_extension("moved");
    scope.remove_on_drop(&moved);
    std::fs::rename(&parent, &moved).unwrap();
    symlink(&outside, &parent).unwrap();

    let out = rm(&scope, &["--yes"], &dir);

    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("through a symlink among its parents"),
        "{}",
        stderr(&out)
    );
    assert!(outside.join("data/precious").is_file());
    assert!(moved.join("data/file").is_file());
}

#[test]
fn a_system_path_is_refused_even_when_recorded() {
    let scope = Scope::new(&Swarm::single());
    // A record nobody could deploy (the spec refuses system paths), forged like alacrity's.
    let record = scope.name("forged");
    let data = scope.write_file("forged", "/etc");
    scope.docker_ok(&[
        "config",
        "create",
        "--label",
        "io.alacrity.managed=true",
        "--label",
        "io.alacrity.bind.path=/etc",
        "--label",
        &format!("io.alacrity.app={record}"),
        "--label",
        &format!("io.alacrity.node={}", scope.node_id(1)),
        &format!("alacrity-bind-{record}"),
        &data.to_string_lossy(),
    ]);

    let out = rm(&scope, &["--yes"], Path::new("/etc"));

    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/etc is a system path"),
        "{}",
        stderr(&out)
    );
    assert!(Path::new("/etc/passwd").is_file());
}

#[test]
fn a_directory_already_gone_has_its_record_dropped() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("gone");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(listed(&scope, &dir).unwrap()["exists"], false);

    let out = rm(&scope, &["--yes"], &dir);

    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!(
            "{} was already gone from node1; dropped its record",
            dir.display()
        )
    );
    assert_eq!(record_of(&scope, &dir), "");
}

#[test]
fn a_directory_used_by_a_plain_container_is_refused_naming_it() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("shared");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    let container = scope.name("reader");
    // It mounts a directory inside the recorded one: deleting would pull it from under it.
    std::fs::create_dir(dir.join("sub")).unwrap();
    scope.docker_ok(&[
        "create",
        "--name",
        &container,
        "-v",
        &format!("{}:/in", dir.join("sub").display()),
        &test_image(),
    ]);

    let listed = listed(&scope, &dir).expect("listed");
    assert_eq!(listed["status"], "in-use");
    let out = rm(&scope, &["--yes"], &dir);

    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("in use by container {container} (stopped)")),
        "{}",
        stderr(&out)
    );
    assert!(dir.join("file").is_file());
}

#[test]
fn answering_no_keeps_the_directory_and_no_terminal_needs_yes() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("asked");
    let app = retained_dir_of_removed_app(&scope, "node1", &dir);
    let path = dir.display().to_string();

    let no = alacrity_on_terminal(scope.host(), &["binds", "rm", &path], "n");
    assert_eq!(no.code, Some(1), "{}", no.screen);
    assert!(
        no.screen
            .contains(&format!("  {path} (5B, last used by app {app})"))
            && no.screen.contains("Delete it?"),
        "{}",
        no.screen
    );
    assert!(dir.join("file").is_file());

    let out = rm(&scope, &[], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("refusing to delete {path}"))
            && stderr(&out).contains("pass --yes"),
        "{}",
        stderr(&out)
    );
    assert!(dir.join("file").is_file());
}

#[test]
fn ls_and_rm_print_json() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("json");
    let app = retained_dir_of_removed_app(&scope, "node1", &dir);
    let path = dir.display().to_string();

    assert_eq!(
        listed(&scope, &dir).unwrap(),
        json!({
            "path": path,
            "app": app,
            "node": "node1",
            "exists": true,
            "status": "retained",
            "used_by": [],
            "size_bytes": null,
        })
    );
    let out = rm(&scope, &["--yes", "-o", "json"], &dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        json!({
            "removed": [{"path": path, "node": "node1", "result": "removed", "size_bytes": 5}],
            "failed": [],
            "errors": [],
        })
    );
    assert!(!dir.exists());
}

#[test]
fn on_a_cluster_a_directory_of_another_node_is_listed_and_deleted_only_there() {
    let scope = Scope::new(&Swarm::cluster());
    let dir = scope.host_dir("far");
    retained_dir_of_removed_app(&scope, "node2", &dir);

    let far = listed(&scope, &dir).expect("listed from node1");
    assert_eq!(far["node"], "node2");
    assert_eq!(far["exists"], Value::Null, "node1 cannot see node2's disk");
    let refused = rm(&scope, &["--yes"], &dir);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("is recorded as a directory of node2, not of node1"),
        "{}",
        stderr(&refused)
    );
    assert!(dir.join("file").is_file());

    let removed = crate::common::alacrity()
        .args(["--host", scope.node_host(2), "binds", "rm", "--yes"])
        .arg(&dir)
        .args(["--manager", scope.host()])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(!dir.exists());
    assert_eq!(listed(&scope, &dir), None);
}

#[test]
fn every_host_path_of_an_app_is_recorded_and_outlives_it() {
    let scope = Scope::new(&Swarm::single());
    let (first, second) = (scope.host_dir("first"), scope.host_dir("second"));
    let app = scope.name("two");
    let mounts: String = [(&first, "/a"), (&second, "/b")]
        .iter()
        .map(|(dir, target)| {
            format!(
                "[[apps.{app}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"{target}\"\n",
                dir.display()
            )
        })
        .collect();
    let spec = scope.write_file(
        "two.toml",
        &format!(
            "[apps.{app}]\nimage = \"{}\"\npersistent = true\n{mounts}",
            test_image()
        ),
    );
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(&spec)
        .assert()
        .success();
    for dir in [&first, &second] {
        let entry = listed(&scope, dir).expect("recorded at deploy");
        assert_eq!(entry["status"], "in-use");
        assert_eq!(entry["used_by"], json!([{"kind": "app", "name": app}]));
    }

    scope
        .alacrity()
        .args(["apps", "rm", "--yes", &app])
        .assert()
        .success();

    for dir in [&first, &second] {
        let entry = listed(&scope, dir).expect("the record outlives the app");
        assert_eq!(entry["status"], "retained");
        assert_eq!(entry["app"], app.as_str());
    }
}

#[test]
fn on_a_cluster_every_manager_sees_the_same_records() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let dir = scope.host_dir("seen");
    let app = retained_dir_of_removed_app(&scope, "node2", &dir);
    let seen_from = |node: usize| -> Vec<Value> {
        let out = crate::common::alacrity()
            .args(["--host", scope.node_host(node), "binds", "ls", "-o", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let list: Value = serde_json::from_slice(&out.stdout).unwrap();
        list["binds"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["app"] == app.as_str())
            .map(|d| json!([d["path"], d["node"], d["status"]]))
            .collect()
    };
    // Seen from node2 itself, a container the swarm has yet to remove would still use it.
    wait_until(secs(60), "the app's container on node2 is gone", || {
        let filter = format!("label=com.docker.swarm.service.name={app}");
        scope
            .docker_ok_on(2, &["ps", "-aq", "--filter", &filter])
            .is_empty()
    });
    let promoted = Promoted::new(&scope, 2);

    let (from_node1, from_node2) = (seen_from(1), seen_from(2));

    drop(promoted);
    assert_eq!(
        from_node1,
        [json!([dir.display().to_string(), "node2", "retained"])]
    );
    assert_eq!(from_node2, from_node1);
}

/// A worker promoted to manager for the length of a test, demoted again on drop (also when the
/// test panics).
struct Promoted<'a> {
    scope: &'a Scope,
    node: usize,
}

impl<'a> Promoted<'a> {
    fn new(scope: &'a Scope, node: usize) -> Self {
        scope.docker_ok(&["node", "promote", &format!("node{node}")]);
        let promoted = Promoted { scope, node };
        wait_until(secs(60), "the node answers as a manager", || {
            scope.docker_on(node, &["node", "ls"]).status.success()
        });
        promoted
    }
}

impl Drop for Promoted<'_> {
    fn drop(&mut self) {
        let node = format!("node{}", self.node);
        let out = self.scope.docker(&["node", "demote", &node]);
        if !out.status.success() {
            eprintln!("cannot demote {node}: {}", stderr(&out));
            return;
        }
        // A panic here would abort the test binary: wait without asserting.
        let deadline = std::time::Instant::now() + secs(60);
        while self
            .scope
            .docker_on(self.node, &["node", "ls"])
            .status
            .success()
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(POLL_INTERVAL);
        }
    }
}

/// `mount --bind SOURCE POINT` on this machine (the tests run as root), unmounted on drop: a
/// bind mount of the same file system, which device numbers do not reveal. Declare it after
/// the scope, so that it is unmounted before the scope removes its directories.
struct BindMount {
    point: PathBuf,
}

impl BindMount {
    #[track_caller]
    fn new(source: &Path, point: &Path) -> BindMount {
        let out = std::process::Command::new("mount")
            .arg("--bind")
            .arg(source)
            .arg(point)
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "mount --bind {} {} failed (the engine tests run as root): {}",
            source.display(),
            point.display(),
            stderr(&out)
        );
        BindMount {
            point: point.to_path_buf(),
        }
    }
}

impl Drop for BindMount {
    fn drop(&mut self) {
        let out = std::process::Command::new("umount")
            .arg(&self.point)
            .output();
        if !matches!(&out, Ok(out) if out.status.success()) {
            eprintln!("cannot unmount {}: {out:?}", self.point.display());
        }
    }
}

/// A directory with files in it (one in a subdirectory), and their checksum.
fn source_with_files(scope: &Scope, what: &str) -> (PathBuf, String) {
    let dir = scope.host_dir(what);
    std::fs::write(dir.join("precious"), "keep me").unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/deeper"), "and me").unwrap();
    let sum = checksum_on_host(&dir);
    (dir, sum)
}

#[test]
fn a_bind_mount_inside_a_recorded_directory_is_refused_and_its_source_kept() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("holder");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    let (source, sum) = source_with_files(&scope, "source");
    let inner = dir.join("inner");
    std::fs::create_dir(&inner).unwrap();
    let mount = BindMount::new(&source, &inner);
    let before = checksum_on_host(&dir);

    let out = rm(&scope, &["--yes"], &dir);

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{} (", inner.display()))
            && err.contains(&format!("is mounted inside {}", dir.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "`umount {} && alacrity binds rm {}`",
            inner.display(),
            dir.display()
        )),
        "{err}"
    );
    assert_eq!(
        checksum_on_host(&source),
        sum,
        "the mounted files are intact"
    );
    assert_eq!(
        checksum_on_host(&dir),
        before,
        "the recorded directory is untouched"
    );
    drop(mount);
    assert_eq!(
        std::fs::read_to_string(dir.join("file")).unwrap().trim(),
        "kept"
    );
    assert!(!record_of(&scope, &dir).is_empty(), "the record stays");
}

#[test]
fn a_recorded_directory_that_is_a_bind_mount_is_refused_and_the_bound_one_kept() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("bound");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    let (other, sum) = source_with_files(&scope, "other");
    let mount = BindMount::new(&other, &dir);

    let out = rm(&scope, &["--yes"], &dir);

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{} is a mount point", dir.display())),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(&format!("`alacrity binds rm {} --forget`", dir.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        checksum_on_host(&other),
        sum,
        "the bound directory is intact"
    );
    drop(mount);
    assert_eq!(
        std::fs::read_to_string(dir.join("file")).unwrap().trim(),
        "kept"
    );
    assert!(!record_of(&scope, &dir).is_empty(), "the record stays");
}

#[test]
fn a_directory_an_app_starts_using_during_the_question_is_kept() {
    let scope = Scope::new(&Swarm::single());
    let dir = scope.host_dir("late");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    let path = dir.display().to_string();
    let mut asking = TerminalSession::start(scope.host(), &["binds", "rm", &path]);
    asking.wait_for("Delete it?", secs(60));

    // Meanwhile, another app mounts the directory and runs.
    let late = scope.name("late");
    let spec = scope.write_file(
        "late.toml",
        &app(
            &late,
            &format!(
                "persistent = true\n[[apps.{late}.volumes]]\nhost_path = \"{path}\"\ncontainer_path = \"/in\"\n"
            ),
        ),
    );
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(&spec)
        .assert()
        .success();
    wait_until(secs(60), "the late app runs", || {
        scope.running_nodes(&late).len() == 1
    });
    asking.type_text("y");
    let answered = asking.finish(secs(60));

    assert_eq!(answered.code, Some(1), "{}", answered.screen);
    assert!(
        answered.screen.contains(&format!(
            "{path} on node1, checked again after the question, is in use by app {late}"
        )),
        "{}",
        answered.screen
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("file")).unwrap().trim(),
        "kept"
    );
    assert!(!record_of(&scope, &dir).is_empty(), "the record stays");
}

#[test]
fn on_a_cluster_a_directory_an_app_of_another_node_mounts_is_in_use() {
    let scope = Scope::new(&Swarm::cluster());
    // Shared storage: the same directory on every node (the harness shares /tmp).
    let dir = scope.host_dir("nfs");
    retained_dir_of_removed_app(&scope, "node1", &dir);
    let far = scope.name("far");
    let path = dir.display().to_string();
    let spec = scope.write_file(
        "far.toml",
        &app(
            &far,
            &format!(
                "persistent = true\nnode = \"node2\"\n[[apps.{far}.volumes]]\nhost_path = \"{path}\"\ncontainer_path = \"/in\"\n"
            ),
        ),
    );
    scope
        .alacrity()
        // The directory is recorded on node1 (the same files, on shared storage): starting
        // the app on node2 is a move, on purpose.
        .args(["deploy", "--timeout", "90s", "--move-node", "--yes"])
        .arg(&spec)
        .assert()
        .success();
    wait_until(secs(60), "the app runs on node2", || {
        scope.running_nodes(&far) == ["node2"]
    });

    let entry = ls(&scope)
        .into_iter()
        .find(|d| d["path"] == path.as_str() && d["node"] == "node1")
        .expect("node1's record is listed");
    let out = rm(&scope, &["--yes"], &dir);

    assert_eq!(entry["status"], "in-use");
    assert_eq!(entry["used_by"], json!([{"kind": "app", "name": far}]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{path} on node1 is in use by app {far}")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("file")).unwrap().trim(),
        "kept"
    );
}

/// `binds ls` and `apps ls` show what anyone with access to the swarm wrote: escape sequences
/// and newlines are escaped, never sent raw to the terminal.
#[test]
fn ls_tables_escape_control_characters_from_the_swarm() {
    let scope = Scope::new(&Swarm::single());
    let evil_path = format!("/srv/{}\u{1b}[31mred\nline", scope.prefix());
    let evil_app = format!("{}\u{1b}]0;title\u{7}", scope.name("app"));
    let record = scope.name("evil");
    let data = scope.write_file("evil", &evil_path);
    scope.docker_ok(&[
        "config",
        "create",
        "--label",
        "io.alacrity.managed=true",
        "--label",
        &format!("io.alacrity.bind.path={evil_path}"),
        "--label",
        &format!("io.alacrity.app={evil_app}"),
        "--label",
        &format!("io.alacrity.node={}", scope.node_id(1)),
        &format!("alacrity-bind-{record}"),
        &data.to_string_lossy(),
    ]);
    let service = scope.name("svc");
    scope.docker_ok(&[
        "service",
        "create",
        "--detach",
        "--name",
        &service,
        "--replicas",
        "0",
        "--label",
        "io.alacrity.managed=true",
        "--label",
        &format!("io.alacrity.app={service}"),
        "--mount",
        &format!("type=bind,\"source={evil_path}\",target=/in"),
        &test_image(),
    ]);

    for args in [["binds", "ls"], ["apps", "ls"]] {
        let out = scope.alacrity().args(args).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        let row = text
            .lines()
            .find(|line| line.contains(scope.prefix()))
            .unwrap_or_else(|| panic!("no row of this test in {text:?}"));
        assert!(row.contains(r"\u{1b}[31mred\nline"), "{args:?}: {row:?}");
        assert!(
            !text
                .lines()
                .any(|line| line.trim_start().starts_with("line")),
            "a newline broke a row: {text:?}"
        );
    }
}
