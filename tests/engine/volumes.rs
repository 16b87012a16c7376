//! `alacrity volumes ls|rm` against the private swarms: only alacrity's volumes are listed or
//! removed, never one in use, never without a confirmation; volumes of other nodes are listed
//! with their node and removed through that node's engine.

use std::process::Output;

use crate::common::*;
use serde_json::{Value, json};

/// A volume that looks like one alacrity made for `app` (its labels), on node `node`.
fn managed_volume(scope: &Scope, node: usize, name: &str, app: &str) {
    let label = name.trim_start_matches("alacran--");
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
            &format!("io.alacrity.app={app}"),
            name,
        ],
    );
}

fn volume_exists(scope: &Scope, node: usize, name: &str) -> bool {
    scope
        .docker_on(node, &["volume", "inspect", name])
        .status
        .success()
}

fn ls(scope: &Scope, args: &[&str]) -> Vec<Value> {
    let out = scope
        .alacrity()
        .args(["volumes", "ls", "-o", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["volumes"]
        .as_array()
        .expect("a JSON list")
        .clone()
}

fn listed(scope: &Scope, name: &str) -> Option<Value> {
    ls(scope, &[]).into_iter().find(|v| v["name"] == name)
}

fn rm(scope: &Scope, args: &[&str]) -> Output {
    scope
        .alacrity()
        .args(["volumes", "rm"])
        .args(args)
        .output()
        .unwrap()
}

/// A persistent app with one volume, deployed then removed: its volume is retained.
fn retained_volume_of_removed_app(scope: &Scope, node: &str, label: &str) -> String {
    let app = scope.name("app");
    let spec = scope.write_file(
        "app.toml",
        &format!(
            "[apps.{app}]\nimage = \"{}\"\npersistent = true\nnode = \"{node}\"\n\
             [[apps.{app}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n",
            test_image()
        ),
    );
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(&spec)
        .assert()
        .success();
    scope
        .alacrity()
        .args(["apps", "rm", "--yes", &app])
        .assert()
        .success();
    app
}

#[test]
fn a_volume_without_the_prefix_is_neither_listed_nor_removed() {
    let scope = Scope::new(&Swarm::single());
    let plain = scope.name("plain");
    managed_volume(&scope, 1, &plain, "someone");

    assert_eq!(listed(&scope, &plain), None);
    let out = rm(&scope, &["--yes", &plain]);

    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("there is no volume alacran--{plain}")),
        "{}",
        stderr(&out)
    );
    assert!(volume_exists(&scope, 1, &plain));
}

#[test]
fn an_alacran_volume_without_alacritys_label_is_not_listed_and_refused() {
    let scope = Scope::new(&Swarm::single());
    let name = format!("alacran--{}", scope.name("byhand"));
    scope.docker_ok(&["volume", "create", &name]);

    let out = scope
        .alacrity()
        .args(["volumes", "ls", "-o", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!list.to_string().contains(&name), "{list}");
    assert!(
        stderr(&out).contains(&name) && stderr(&out).contains("not alacrity's"),
        "{}",
        stderr(&out)
    );
    let refused = rm(&scope, &["--yes", &name]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("was not created by alacrity"),
        "{}",
        stderr(&refused)
    );
    assert!(volume_exists(&scope, 1, &name));
}

#[test]
fn a_volume_used_by_a_plain_container_is_refused_naming_the_container() {
    let scope = Scope::new(&Swarm::single());
    let name = format!("alacran--{}", scope.name("shared"));
    let container = scope.name("user");
    managed_volume(&scope, 1, &name, "gone-app");
    scope.docker_ok(&[
        "run",
        "--detach",
        "--name",
        &container,
        "-v",
        &format!("{name}:/data"),
        &test_image(),
    ]);

    let in_use = listed(&scope, &name).expect("listed");
    assert_eq!(in_use["status"], "in-use");
    assert_eq!(
        in_use["used_by"],
        json!([{"kind": "container", "name": container, "running": true}])
    );
    let refused = rm(&scope, &["--yes", &name]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(&format!("in use by container {container}")),
        "{}",
        stderr(&refused)
    );

    // Stopped, the container still holds the volume (the engine would refuse as well).
    scope.docker_ok(&["stop", "-t", "10", &container]);
    let refused = rm(&scope, &["--yes", &name]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(&format!("container {container} (stopped)")),
        "{}",
        stderr(&refused)
    );
    assert!(volume_exists(&scope, 1, &name));
}

#[test]
fn a_volume_mounted_by_a_service_alacrity_did_not_deploy_is_refused_naming_it() {
    let scope = Scope::new(&Swarm::single());
    let name = format!("alacran--{}", scope.name("theirs"));
    let service = scope.name("theirs");
    managed_volume(&scope, 1, &name, "gone-app");
    // Scaled to 0: no container holds the volume, only the service's definition.
    scope.foreign_service(
        &service,
        &[
            "--replicas",
            "0",
            "--mount",
            &format!("type=volume,source={name},target=/data"),
        ],
        &[],
    );

    let in_use = listed(&scope, &name).expect("listed");
    assert_eq!(
        in_use["used_by"],
        json!([{"kind": "service", "name": service}])
    );
    let refused = rm(&scope, &["--yes", &name]);

    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(&format!("in use by service {service}"))
            && stderr(&refused).contains(&format!("docker service rm {service}")),
        "{}",
        stderr(&refused)
    );
    assert!(volume_exists(&scope, 1, &name));
}

#[test]
fn answering_no_at_the_prompt_keeps_the_volume_and_yes_deletes_it() {
    let scope = Scope::new(&Swarm::single());
    let label = scope.name("asked");
    let name = format!("alacran--{label}");
    managed_volume(&scope, 1, &name, "gone-app");

    let no = alacrity_on_terminal(scope.host(), &["volumes", "rm", &label], "n");
    assert_eq!(no.code, Some(1), "{}", no.screen);
    assert!(
        no.screen
            .contains(&format!("  {name} (last used by app gone-app)"))
            && no.screen.contains("Delete it?"),
        "{}",
        no.screen
    );
    assert!(no.screen.contains("nothing was deleted"), "{}", no.screen);
    assert!(volume_exists(&scope, 1, &name));

    let yes = alacrity_on_terminal(scope.host(), &["volumes", "rm", &label], "y");
    assert_eq!(yes.code, Some(0), "{}", yes.screen);
    assert!(!volume_exists(&scope, 1, &name));
}

#[test]
fn without_a_terminal_and_without_yes_rm_refuses_and_says_to_pass_yes() {
    let scope = Scope::new(&Swarm::single());
    let name = format!("alacran--{}", scope.name("unasked"));
    managed_volume(&scope, 1, &name, "gone-app");

    let out = rm(&scope, &[&name]);

    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("refusing to delete volume {name}"))
            && stderr(&out).contains("pass --yes"),
        "{}",
        stderr(&out)
    );
    assert!(volume_exists(&scope, 1, &name));
}

#[test]
fn ls_and_rm_print_json() {
    let scope = Scope::new(&Swarm::single());
    let label = scope.name("json");
    let name = format!("alacran--{label}");
    managed_volume(&scope, 1, &name, "gone-app");
    scope.docker_ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{name}:/data"),
        &test_image(),
        "sh",
        "-c",
        "head -c 5000 /dev/zero > /data/zeros",
    ]);

    let volume = ls(&scope, &["--size"])
        .into_iter()
        .find(|v| v["name"] == name.as_str())
        .expect("listed");
    assert_eq!(
        volume,
        json!({
            "name": name,
            "label": label,
            "app": "gone-app",
            "node": "node1",
            "status": "retained",
            "used_by": [],
            "size_bytes": 5000,
        })
    );
    assert_eq!(listed(&scope, &name).unwrap()["size_bytes"], Value::Null);

    let out = rm(&scope, &["--yes", "-o", "json", &label]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        json!({
            "removed": [{"name": name, "label": label, "node": "node1", "result": "removed"}],
            "failed": [],
            "errors": [],
        })
    );
}

#[test]
fn a_volume_already_gone_has_its_record_dropped_and_an_unknown_one_fails() {
    let scope = Scope::new(&Swarm::single());
    let label = scope.name("gone");
    let name = format!("alacran--{label}");
    retained_volume_of_removed_app(&scope, "node1", &label);
    // An interrupted removal: the volume went, its record stayed.
    scope.docker_ok(&["volume", "rm", &name]);
    let record = || {
        scope.docker_ok(&[
            "config",
            "ls",
            "--format",
            "{{.Name}}",
            "--filter",
            &format!("label=io.alacrity.volume.label={label}"),
        ])
    };
    assert!(record().starts_with("alacrity-volume-"));

    let out = rm(&scope, &["--yes", &label]);

    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        format!("volume {name} was already gone from node1; dropped its record")
    );
    assert_eq!(record(), "");
    let again = rm(&scope, &["--yes", &label]);
    assert_eq!(again.status.code(), Some(1), "no trace left: like docker");
    assert!(stderr(&again).contains("there is no volume"));
}

#[test]
fn several_volumes_keep_going_and_every_failure_is_reported() {
    let scope = Scope::new(&Swarm::single());
    let (free, used) = (
        format!("alacran--{}", scope.name("free")),
        format!("alacran--{}", scope.name("used")),
    );
    let unknown = scope.name("unknown");
    managed_volume(&scope, 1, &free, "a");
    managed_volume(&scope, 1, &used, "b");
    let container = scope.name("holder");
    scope.docker_ok(&[
        "create",
        "--name",
        &container,
        "-v",
        &format!("{used}:/data"),
        &test_image(),
    ]);

    let out = rm(&scope, &["--yes", &used, &unknown, &free]);

    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out).trim(),
        format!("removed volume {free} from node1")
    );
    let errors = stderr(&out);
    assert!(errors.contains(&format!("{used} is in use by container {container}")));
    assert!(errors.contains(&format!("there is no volume alacran--{unknown}")));
    assert!(!volume_exists(&scope, 1, &free));
    assert!(volume_exists(&scope, 1, &used));
}

#[test]
fn an_invalid_name_is_invalid_input() {
    let scope = Scope::new(&Swarm::single());
    let out = rm(&scope, &["--yes", "alacran--", "a/b"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot be an alacrity volume"));
}

#[test]
fn on_a_cluster_a_volume_of_another_node_is_listed_with_its_node_and_removed_there() {
    let scope = Scope::new(&Swarm::cluster());
    let label = scope.name("far");
    let name = format!("alacran--{label}");
    let app = retained_volume_of_removed_app(&scope, "node2", &label);
    assert!(volume_exists(&scope, 2, &name));

    let far = listed(&scope, &name).expect("listed from node1");
    assert_eq!(far["node"], "node2");
    assert_eq!(far["status"], "retained");
    assert_eq!(far["app"], app.as_str());

    let refused = rm(&scope, &["--yes", &label]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(
        message.contains(&format!("the volume {name} is on node2, not on node1")),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "--host unix:///var/run/docker.sock volumes rm {label} --manager"
        )),
        "{message}"
    );
    assert!(volume_exists(&scope, 2, &name));

    // Through node2's engine (a worker: the manager is named with --manager).
    let on_node2 = || {
        let mut cmd = crate::common::alacrity();
        cmd.args(["--host", scope.node_host(2)]);
        cmd
    };
    let worker_alone = on_node2().args(["volumes", "ls"]).output().unwrap();
    assert_eq!(worker_alone.status.code(), Some(1));
    assert!(stderr(&worker_alone).contains("add `--manager URL`"));
    let removed = on_node2()
        .args(["volumes", "rm", "--yes", &label, "--manager", scope.host()])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert_eq!(
        stdout(&removed).trim(),
        format!("removed volume {name} from node2")
    );
    assert!(!volume_exists(&scope, 2, &name));
    assert_eq!(listed(&scope, &name), None);
}
