//! Portable data against the three-node swarm: the data door reads and writes volumes and host
//! directories on worker nodes through their own engines, keeping owners, modes, symlinks, hard
//! links, empty directories and times (the manifests are equal); `volumes export|import` and
//! `binds export|import`.

use std::path::Path;

use alacrity::engine::{
    Access, Connector, DataDoor, Engine, MissingHostDir, Mount, NodeHost, NodeReach, Target,
    manifest_of, with_manifest,
};

use crate::common::*;

/// Files of several owners, a 0700 directory, a symlink, a hard link, an empty directory, old
/// times, and a top directory owned by 999 with mode 0750, written under `dir` by a container.
pub const TREE_SCRIPT: &str = "set -e; cd \"$1\"; \
    mkdir -p a/empty secret; \
    echo hello > a/f; dd if=/dev/urandom of=a/big bs=1024 count=300 2>/dev/null; \
    chown 999:998 a/f; chmod 640 a/f; \
    ln a/f hard; ln -s a/f link; \
    echo secret > secret/s; chown -R 1000:1000 secret; chmod 700 secret; \
    touch -d '2020-01-02 03:04:05' a/f a/empty; touch -h -d '2021-01-01 00:00:00' link; \
    chown 999:999 .; chmod 750 .";

/// Fills volume `volume` on node `node` with [`TREE_SCRIPT`]'s tree.
pub fn fill_volume(scope: &Scope, node: usize, volume: &str) {
    let image = test_image();
    scope.docker_ok_on(
        node,
        &[
            "run",
            "--rm",
            "-v",
            &format!("{volume}:/d"),
            &image,
            "sh",
            "-c",
            TREE_SCRIPT,
            "sh",
            "/d",
        ],
    );
}

/// Fills host directory `dir` (seen by every node) with [`TREE_SCRIPT`]'s tree.
fn fill_dir(dir: &Path) {
    let out = std::process::Command::new("sh")
        .args(["-c", TREE_SCRIPT, "sh"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn connector(host: &str) -> Connector {
    Connector::new(Target {
        host: Some(host.to_string()),
        ..Default::default()
    })
}

/// The engines of node2 and node3, reached with `--node-host` (by hostname and by ID).
async fn workers(swarm: &Swarm) -> (Engine, Engine, NodeReach, Vec<alacrity::core::nodes::Node>) {
    let main = connector(swarm.host());
    let manager = main.connect().await.unwrap();
    let nodes = manager.nodes().await.unwrap();
    let node = |name: &str| nodes.iter().find(|n| n.hostname == name).unwrap().clone();
    let reach = NodeReach::new(
        &main,
        vec![
            NodeHost {
                node: "node2".into(),
                url: swarm.node_host(2).into(),
            },
            NodeHost {
                node: node("node3").id,
                url: swarm.node_host(3).into(),
            },
        ],
    )
    .knowing(&manager);
    let two = reach.engine_of(&node("node2")).await.unwrap();
    let three = reach.engine_of(&node("node3")).await.unwrap();
    (two, three, reach, nodes)
}

/// alacrity's doors on node `node` that mount `source` (a volume): other tests open doors of
/// their own meanwhile.
fn doors_on(scope: &Scope, node: usize, source: &str) -> String {
    scope.docker_ok_on(
        node,
        &[
            "ps",
            "-a",
            "--filter",
            "label=io.alacrity.door",
            "--filter",
            &format!("volume={source}"),
            "--format",
            "{{.Names}}",
        ],
    )
}

#[test]
fn a_door_reads_and_writes_volumes_and_directories_on_workers_keeping_everything() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let source = scope.name("src");
    let target = scope.name("dst");
    scope.docker_ok_on(2, &["volume", "create", &source]);
    scope.docker_ok_on(3, &["volume", "create", &target]);
    fill_volume(&scope, 2, &source);
    let dir_source = scope.host_dir("dsrc");
    fill_dir(&dir_source);
    let dir_target = scope.host_dir("ddst");
    let missing = scope.node_local_dir("nl");
    runtime().block_on(async {
        let (two, three, _, _) = workers(&swarm).await;
        // Volume on node2 -> new volume on node3, streamed through alacrity.
        let from = DataDoor::open(&two, Mount::Volume(source.clone()), Access::Read)
            .await
            .unwrap();
        let to = DataDoor::open(&three, Mount::Volume(target.clone()), Access::Write)
            .await
            .unwrap();
        assert!(to.is_empty().await.unwrap());
        assert!(!from.is_empty().await.unwrap());
        let (tar, sent) = with_manifest(from.read());
        to.write(tar).await.unwrap();
        let original = sent.manifest().await.unwrap();
        let copy = manifest_of(to.read()).await.unwrap();
        if let Err(mismatch) = original.verify(&copy) {
            panic!("{}", mismatch.summary(20));
        }
        let root = copy.get(".").unwrap();
        assert_eq!((root.uid, root.gid, root.mode), (999, 999, 0o750));
        let f = copy.get("a/f").unwrap();
        assert_eq!(
            (f.uid, f.gid, f.mode, f.mtime),
            (999, 998, 0o640, 1_577_934_245)
        );
        assert_eq!(copy.get("hard").unwrap().hard_link.as_deref(), Some("a/f"));
        assert_eq!(copy.get("link").unwrap().symlink.as_deref(), Some("a/f"));
        assert_eq!(copy.get("link").unwrap().mtime, 1_609_459_200);
        assert_eq!(copy.get("secret").unwrap().mode, 0o700);
        assert_eq!(copy.get("a/big").unwrap().size, 300 * 1024);
        assert!(copy.get("a/empty").is_some());
        // A read door cannot write.
        assert!(from.write(to.read()).await.is_err());
        from.close().await.unwrap();
        to.close().await.unwrap();

        // Directory read on node2 -> directory written on node3.
        let from = DataDoor::open(&two, Mount::HostDir(dir_source.clone()), Access::Read)
            .await
            .unwrap();
        let to = DataDoor::open(&three, Mount::HostDir(dir_target.clone()), Access::Write)
            .await
            .unwrap();
        let (tar, sent) = with_manifest(from.read());
        to.write(tar).await.unwrap();
        let original = sent.manifest().await.unwrap();
        let copy = manifest_of(to.read()).await.unwrap();
        if let Err(mismatch) = original.verify(&copy) {
            panic!("{}", mismatch.summary(20));
        }
        assert_eq!(copy.get(".").unwrap().uid, 999);
        from.close().await.unwrap();
        to.close().await.unwrap();

        // A directory that node2 does not have is told as such, and leaves no door.
        let err = DataDoor::open(&two, Mount::HostDir(missing.clone()), Access::Read)
            .await
            .unwrap_err();
        assert!(err.is::<MissingHostDir>(), "{err:#}");
        // So is a volume node3 does not have, which the door never creates.
        let err = DataDoor::open(&three, Mount::Volume(source.clone()), Access::Read)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("no volume"), "{err:#}");
        assert!(
            !scope
                .docker_on(3, &["volume", "inspect", &source])
                .status
                .success()
        );
    });
    for node in 2..=3 {
        for source in [&source, &target] {
            assert_eq!(
                doors_on(&scope, node, source),
                "",
                "doors left on node{node}"
            );
        }
    }
}

#[test]
fn a_node_host_that_is_another_node_is_refused() {
    let swarm = Swarm::cluster();
    let _scope = Scope::new(&swarm);
    runtime().block_on(async {
        let main = connector(swarm.host());
        let manager = main.connect().await.unwrap();
        let nodes = manager.nodes().await.unwrap();
        let node2 = nodes.iter().find(|n| n.hostname == "node2").unwrap();
        let wrong = NodeReach::new(
            &main,
            vec![NodeHost {
                node: "node2".into(),
                url: swarm.node_host(3).into(),
            }],
        );
        let err = wrong.engine_of(node2).await.unwrap_err();
        let words = format!("{err:#}");
        assert!(words.contains("is not node node2"), "{words}");
        assert!(words.contains("it is node node3"), "{words}");
        // The manager's own engine is used for the manager's node.
        let node1 = nodes.iter().find(|n| n.hostname == "node1").unwrap();
        let reach = NodeReach::new(&main, Vec::new()).knowing(&manager);
        reach.engine_of(node1).await.unwrap();
    });
}

/// `--node-host` for node2 and node3 (node1 is the manager `--host` names).
fn node_hosts(swarm: &Swarm) -> Vec<String> {
    vec![
        "--node-host".into(),
        format!("node2={}", swarm.node_host(2)),
        "--node-host".into(),
        format!("node3={}", swarm.node_host(3)),
    ]
}

/// A volume that looks like one alacrity made, on node `node`, filled with [`TREE_SCRIPT`]'s tree.
fn managed_volume(scope: &Scope, node: usize, label: &str) -> String {
    let name = format!("alacran--{label}");
    scope.docker_ok_on(
        node,
        &[
            "volume",
            "create",
            "--label",
            "io.alacrity.managed=true",
            "--label",
            &format!("io.alacrity.volume.label={label}"),
            "--label",
            "io.alacrity.app=",
            &name,
        ],
    );
    name
}

/// The manifest of what node `node` holds in `mount`, read through a door.
fn manifest_on(swarm: &Swarm, node: usize, mount: Mount) -> alacrity::core::manifest::Manifest {
    runtime().block_on(async {
        let (two, three, _, _) = workers(swarm).await;
        let engine = match node {
            2 => two,
            3 => three,
            _ => panic!("node2 or node3"),
        };
        let door = DataDoor::open(&engine, mount, Access::Read).await.unwrap();
        let manifest = manifest_of(door.read()).await.unwrap();
        door.close().await.unwrap();
        manifest
    })
}

fn same(a: &alacrity::core::manifest::Manifest, b: &alacrity::core::manifest::Manifest) {
    if let Err(mismatch) = a.verify(b) {
        panic!("{}", mismatch.summary(20));
    }
}

fn run(scope: &Scope, args: &[&str]) -> std::process::Output {
    scope
        .alacrity()
        .args(args)
        .args(node_hosts(scope))
        .output()
        .unwrap()
}

#[test]
fn export_then_import_on_another_node_gives_the_same_tree() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let label = scope.name("exp");
    let name = managed_volume(&scope, 2, &label);
    fill_volume(&scope, 2, &name);
    let files = scope.host_dir("files");
    for file in ["backup.tar", "backup.tar.gz", "backup.tar.zst"] {
        let archive = files.join(file);
        let archive = archive.to_str().unwrap();
        let out = run(
            &scope,
            &["volumes", "export", &label, archive, "--node", "node2"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("exported the volume {name} of node2 to {archive}"))
        );
        // Never over an existing file.
        let again = run(
            &scope,
            &["volumes", "export", &label, archive, "--node", "node2"],
        );
        assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
        assert!(
            stderr(&again).contains("never overwrites"),
            "{}",
            stderr(&again)
        );
        let copy = scope.name(&format!("imp{}", file.len()));
        let out = run(
            &scope,
            &["volumes", "import", &copy, archive, "--node", "node3"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("verified"), "{}", stdout(&out));
        let source = manifest_on(&swarm, 2, Mount::Volume(name.clone()));
        let imported = manifest_on(&swarm, 3, Mount::Volume(format!("alacran--{copy}")));
        same(&source, &imported);
        assert_eq!(imported.get(".").unwrap().uid, 999);
        // The import is a managed volume alacrity lists, on node3.
        let listed = scope
            .alacrity()
            .args(["volumes", "ls", "-o", "json"])
            .output()
            .unwrap();
        let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
        let entry = listed["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == format!("alacran--{copy}"))
            .cloned()
            .unwrap_or_else(|| panic!("not listed: {listed}"));
        assert_eq!(entry["node"], "node3");
    }
    // Through stdout and stdin too.
    let out = run(
        &scope,
        &["volumes", "export", &label, "-", "--node", "node2"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let piped = scope.name("piped");
    let mut import = scope.alacrity();
    import
        .args(["volumes", "import", &piped, "-", "--node", "node3"])
        .args(node_hosts(&scope))
        .write_stdin(out.stdout);
    let done = import.output().unwrap();
    assert!(done.status.success(), "{}", stderr(&done));
    same(
        &manifest_on(&swarm, 2, Mount::Volume(name.clone())),
        &manifest_on(&swarm, 3, Mount::Volume(format!("alacran--{piped}"))),
    );
}

#[test]
fn import_refuses_a_volume_that_holds_data_or_is_in_use() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let label = scope.name("full");
    let name = managed_volume(&scope, 3, &label);
    fill_volume(&scope, 3, &name);
    let archive = scope.host_dir("files").join("other.tar");
    let archive = archive.to_str().unwrap();
    let other = scope.name("other");
    let other_name = managed_volume(&scope, 3, &other);
    scope.docker_ok_on(
        3,
        &[
            "run",
            "--rm",
            "-v",
            &format!("{other_name}:/d"),
            &test_image(),
            "sh",
            "-c",
            "echo new > /d/only",
        ],
    );
    let out = run(
        &scope,
        &["volumes", "export", &other, archive, "--node", "node3"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let before = manifest_on(&swarm, 3, Mount::Volume(name.clone()));
    // Holds data: refused, untouched.
    let out = run(
        &scope,
        &["volumes", "import", &label, archive, "--node", "node3"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds data already"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--replace"), "{}", stderr(&out));
    // --replace without a terminal needs --yes.
    let out = run(
        &scope,
        &[
            "volumes",
            "import",
            &label,
            archive,
            "--node",
            "node3",
            "--replace",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    same(
        &before,
        &manifest_on(&swarm, 3, Mount::Volume(name.clone())),
    );
    // In use (a stopped container names it): refused, even with --replace.
    let user = scope.name("user");
    scope.docker_ok_on(
        3,
        &[
            "create",
            "--name",
            &user,
            "-v",
            &format!("{name}:/d"),
            &test_image(),
        ],
    );
    let out = run(
        &scope,
        &[
            "volumes",
            "import",
            &label,
            archive,
            "--node",
            "node3",
            "--replace",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("in use by container"),
        "{}",
        stderr(&out)
    );
    same(
        &before,
        &manifest_on(&swarm, 3, Mount::Volume(name.clone())),
    );
    scope.docker_ok_on(3, &["rm", &user]);
    // Not in use any more, --replace --yes: the archive's tree only.
    let out = run(
        &scope,
        &[
            "volumes",
            "import",
            &label,
            archive,
            "--node",
            "node3",
            "--replace",
            "--yes",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = manifest_on(&swarm, 3, Mount::Volume(name.clone()));
    assert!(after.get("only").is_some() && after.get("a/f").is_none());
    // A bad archive into a new volume: refused, and the volume it made is gone.
    let bad = scope.host_dir("bad").join("bad.tar");
    std::fs::write(&bad, b"not a tar archive at all".repeat(100)).unwrap();
    let fresh = scope.name("fresh");
    let out = run(
        &scope,
        &[
            "volumes",
            "import",
            &fresh,
            bad.to_str().unwrap(),
            "--node",
            "node3",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a tar archive"),
        "{}",
        stderr(&out)
    );
    assert!(
        !scope
            .docker_on(3, &["volume", "inspect", &format!("alacran--{fresh}")])
            .status
            .success(),
        "the volume a failed import made is left"
    );
    for source in [&name, &other_name] {
        assert_eq!(doors_on(&scope, 3, source), "", "doors left on node3");
    }
}

#[test]
fn from_volume_copies_another_volume_and_leaves_it_untouched() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let foreign = scope.name("captain--db");
    scope.docker_ok_on(2, &["volume", "create", &foreign]);
    fill_volume(&scope, 2, &foreign);
    let before = manifest_on(&swarm, 2, Mount::Volume(foreign.clone()));
    let label = scope.name("adopted");
    let out = run(
        &scope,
        &[
            "volumes",
            "import",
            &label,
            "--from-volume",
            &foreign,
            "--node",
            "node2",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("left as it was"), "{}", stdout(&out));
    let after = manifest_on(&swarm, 2, Mount::Volume(foreign.clone()));
    same(&before, &after);
    same(
        &before,
        &manifest_on(&swarm, 2, Mount::Volume(format!("alacran--{label}"))),
    );
}

#[test]
fn export_of_a_volume_in_use_needs_stop_or_live() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let app = scope.name("db");
    let label = scope.name("dbdata");
    let name = format!("alacran--{label}");
    scope.deploy_spec(
        "db.toml",
        &format!(
            "[apps.{app}]\nimage = \"{}\"\npersistent = true\nnode = \"node2\"\n{RUN_FOREVER}\n\
             [[apps.{app}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n",
            test_image()
        ),
    );
    let files = scope.host_dir("files");
    let archive = |n: &str| files.join(n).to_str().unwrap().to_string();
    // The records and the app say node2: no --node needed.
    let out = run(&scope, &["volumes", "export", &label, &archive("a.tar")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let words = stderr(&out);
    assert!(words.contains(&format!("in use by app {app}")), "{words}");
    assert!(
        words.contains("--stop") && words.contains("--live"),
        "{words}"
    );
    assert!(!files.join("a.tar").exists());
    let out = run(
        &scope,
        &["volumes", "export", &label, &archive("live.tar"), "--live"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("--live"), "{}", stderr(&out));
    let out = run(
        &scope,
        &["volumes", "export", &label, &archive("stop.tar"), "--stop"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("stopping app {app}")),
        "{}",
        stderr(&out)
    );
    assert!(files.join("stop.tar").exists());
    // A copy that fails (no such directory for the file): the app starts again all the same.
    let nowhere = files.join("no-such-dir").join("x.tar");
    let out = run(
        &scope,
        &[
            "volumes",
            "export",
            &label,
            nowhere.to_str().unwrap(),
            "--stop",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("starting app {app} again")),
        "{}",
        stderr(&out)
    );
    // Running again, on node2.
    let ps = scope
        .alacrity()
        .args(["apps", "ls", "-o", "json"])
        .output()
        .unwrap();
    let apps: serde_json::Value = serde_json::from_slice(&ps.stdout).unwrap();
    let listed = apps["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == app.as_str())
        .cloned()
        .unwrap();
    assert_eq!(listed["running"], 1, "{listed}");
    assert_eq!(scope.running_nodes(&app), ["node2"]);
    let _ = name;
}

#[test]
fn binds_export_then_import_gives_the_same_tree() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let source = scope.host_dir("bsrc");
    fill_dir(&source);
    let target = scope.host_dir("bdst");
    let archive = scope.host_dir("files").join("dir.tar.zst");
    let archive = archive.to_str().unwrap();
    let out = run(
        &scope,
        &[
            "binds",
            "export",
            source.to_str().unwrap(),
            archive,
            "--node",
            "node2",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(
        &scope,
        &[
            "binds",
            "import",
            target.to_str().unwrap(),
            archive,
            "--node",
            "node3",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    same(
        &manifest_on(&swarm, 2, Mount::HostDir(source.clone())),
        &manifest_on(&swarm, 3, Mount::HostDir(target.clone())),
    );
    // Not into a directory that holds anything.
    let out = run(
        &scope,
        &[
            "binds",
            "import",
            target.to_str().unwrap(),
            archive,
            "--node",
            "node3",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("not empty"), "{}", stderr(&out));
    // Nor into one that node2 does not have.
    let missing = scope.node_local_dir("nl");
    let out = run(
        &scope,
        &[
            "binds",
            "import",
            missing.to_str().unwrap(),
            archive,
            "--node",
            "node2",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("create it there first"),
        "{}",
        stderr(&out)
    );
}

/// A docker CLI configuration directory with one context, `name`, for the engine at `host` (as
/// `docker context create NAME --docker host=HOST` writes it).
fn docker_config_with_context(scope: &Scope, name: &str, host: &str) -> std::path::PathBuf {
    use sha2::Digest;
    let dir = scope.host_dir("dockercfg");
    let meta = dir
        .join("contexts/meta")
        .join(hex::encode(sha2::Sha256::digest(name.as_bytes())));
    std::fs::create_dir_all(&meta).unwrap();
    std::fs::write(
        meta.join("meta.json"),
        serde_json::json!({
            "Name": name,
            "Metadata": {},
            "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": false}}
        })
        .to_string(),
    )
    .unwrap();
    dir
}

#[test]
fn a_node_is_reached_through_a_context_named_like_it_else_the_error_says_what_to_set() {
    let swarm = Swarm::cluster();
    let scope = Scope::new(&swarm);
    let label = scope.name("ctx");
    let name = managed_volume(&scope, 2, &label);
    fill_volume(&scope, 2, &name);
    let files = scope.host_dir("files");
    let archive = files.join("ctx.tar");
    let archive = archive.to_str().unwrap();
    // No way to reach node2: exit 2, and what to set.
    let empty = scope.host_dir("emptycfg");
    let out = scope
        .alacrity()
        .env("DOCKER_CONFIG", &empty)
        .args(["volumes", "export", &label, archive, "--node", "node2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let words = stderr(&out);
    assert!(
        words.contains("cannot reach the engine of node node2"),
        "{words}"
    );
    assert!(
        words.contains("--node-host node2=ssh://USER@node2"),
        "{words}"
    );
    assert!(words.contains("docker context create node2"), "{words}");
    // A context named node2: used, and checked.
    let config = docker_config_with_context(&scope, "node2", swarm.node_host(2));
    let out = scope
        .alacrity()
        .env("DOCKER_CONFIG", &config)
        .args(["volumes", "export", &label, archive, "--node", "node2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // A context named node2 that is node3's engine: refused.
    let wrong = docker_config_with_context(&scope, "node2", swarm.node_host(3));
    let out = scope
        .alacrity()
        .env("DOCKER_CONFIG", &wrong)
        .args(["volumes", "export", &label, "-", "--node", "node2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not node node2"),
        "{}",
        stderr(&out)
    );
}
