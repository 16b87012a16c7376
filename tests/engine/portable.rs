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

fn doors_on(scope: &Scope, node: usize) -> String {
    scope.docker_ok_on(
        node,
        &[
            "ps",
            "-a",
            "--filter",
            "label=io.alacrity.door",
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
    for node in 1..=3 {
        assert_eq!(doors_on(&scope, node), "", "doors left on node{node}");
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
