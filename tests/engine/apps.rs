//! `alacrity apps ls|scale|rm` against the private swarm.

use crate::common::*;
use serde_json::Value;

fn app(name: &str, extra: &str) -> String {
    format!("[apps.{name}]\nimage = \"{}\"\n{extra}\n", test_image())
}

fn persistent(name: &str, label: &str, backups: &std::path::Path) -> String {
    app(
        name,
        &format!(
            "persistent = true\n\
             [[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n\
             [[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/backups\"\n",
            backups.display()
        ),
    )
}

fn listed(scope: &Scope, name: &str) -> Option<Value> {
    let out = scope
        .alacrity()
        .args(["apps", "ls", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let apps: Value = serde_json::from_slice(&out.stdout).unwrap();
    apps["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .cloned()
}

#[test]
fn ls_lists_an_app_with_its_instances_node_and_volumes() {
    let scope = Scope::new(&Swarm::single());
    let (db, web, label) = (scope.name("db"), scope.name("web"), scope.name("data"));
    let backups = scope.host_dir("backups");
    let spec = scope.write_file(
        "stack.toml",
        &(persistent(&db, &label, &backups) + &app(&web, "instances = 2")),
    );
    scope.deploy_ok(&spec);

    let listed_db = listed(&scope, &db).expect("db is listed");
    assert_eq!(
        listed_db,
        serde_json::json!({
            "name": db,
            "image": test_image(),
            // Imported on the nodes, known to no registry: deployed by tag.
            "digest": null,
            "persistent": true,
            "instances": 1,
            "running": 1,
            "node": "node1",
            "nodes": ["node1"],
            "volumes": [format!("alacran--{label}"), backups.display().to_string()],
            "reason": null,
            "data_at_risk": false,
        })
    );
    let listed_web = listed(&scope, &web).expect("web is listed");
    assert_eq!(listed_web["instances"], 2);
    assert_eq!(listed_web["running"], 2);
    assert_eq!(listed_web["node"], Value::Null);
    assert_eq!(listed_web["nodes"], serde_json::json!(["node1"]));

    let table = scope.alacrity().args(["apps", "ls"]).output().unwrap();
    let stdout = stdout(&table);
    assert!(stdout.starts_with("NAME"), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with(&db)).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells[..5],
        [db.as_str(), &test_image(), "yes", "1/1", "node1"]
    );
}

#[test]
fn ls_does_not_list_unmanaged_services() {
    let scope = Scope::new(&Swarm::single());
    let theirs = scope.name("theirs");
    scope.foreign_service(&theirs, &[], &[]);
    assert!(listed(&scope, &theirs).is_none());
}

#[test]
fn scale_sets_the_instances_and_a_later_deploy_of_that_count_is_unchanged() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&web, ""));
    scope.deploy_ok(&spec);

    scope
        .alacrity()
        .args(["apps", "scale", &web, "3"])
        .assert()
        .success();

    assert_eq!(scope.running_nodes(&web).len(), 3);
    assert_eq!(listed(&scope, &web).unwrap()["running"], 3);
    std::fs::write(&spec, app(&web, "instances = 3")).unwrap();
    let out = scope
        .alacrity()
        .args(["-o", "json", "plan"])
        .arg(&spec)
        .output()
        .unwrap();
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["apps"][0]["action"], "unchanged");
}

#[test]
fn scale_to_zero_returns_once_the_container_is_gone() {
    let scope = Scope::new(&Swarm::single());
    let db = scope.name("db");
    let spec = scope.write_file("db.toml", &slow_app(&db, ""));
    scope.deploy_ok(&spec);
    assert_eq!(running_containers_on(&scope, 1, &db).len(), 1);

    let out = scope
        .alacrity()
        .args(["apps", "scale", &db, "0"])
        .output()
        .unwrap();

    // Right after scale returns, the container is gone: it no longer writes anything.
    assert_eq!(running_containers_on(&scope, 1, &db), Vec::<String>::new());
    let stderr = stderr(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{db}: 0/0 running, 1 stopping (1 container still runs on node1)"
        )),
        "{stderr}"
    );
    assert_eq!(stdout(&out).trim(), format!("{db}: 0/0 running"));
}

#[test]
fn scale_refuses_more_than_one_instance_of_a_persistent_app() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&db, &label, &scope.host_dir("b")));
    scope.deploy_ok(&spec);

    let out = scope
        .alacrity()
        .args(["apps", "scale", &db, "2"])
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("persistent app"));
    assert_eq!(
        scope.docker_ok(&[
            "service",
            "inspect",
            "--format",
            "{{.Spec.Mode.Replicated.Replicas}}",
            &db
        ]),
        "1"
    );
}

#[test]
fn scale_refuses_unknown_and_unmanaged_services() {
    let scope = Scope::new(&Swarm::single());
    let theirs = scope.name("theirs");
    scope.foreign_service(&theirs, &[], &[]);
    let out = scope
        .alacrity()
        .args(["apps", "scale", &theirs, "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not deployed by alacrity"));
    assert_eq!(
        scope.docker_ok(&[
            "service",
            "inspect",
            "--format",
            "{{.Spec.Mode.Replicated.Replicas}}",
            &theirs
        ]),
        "1"
    );
    let unknown = scope.name("nope");
    let out = scope
        .alacrity()
        .args(["apps", "scale", &unknown, "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("no app `{unknown}`")));
}

#[test]
fn rm_keeps_the_data_and_prints_how_to_remove_it() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let backups = scope.host_dir("backups");
    let spec = scope.write_file("db.toml", &persistent(&db, &label, &backups));
    scope.deploy_ok(&spec);

    let out = scope
        .alacrity()
        .args(["apps", "rm", "--yes", &db])
        .output()
        .unwrap();

    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = stdout(&out);
    assert!(
        stdout.contains(&format!("alacrity volumes rm {label}")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("alacrity binds rm {}", backups.display())),
        "{stdout}"
    );
    assert!(!scope.service_exists(&db));
    let volume = format!("alacran--{label}");
    assert!(
        scope
            .docker(&["volume", "inspect", &volume])
            .status
            .success(),
        "the volume is kept"
    );
    assert!(backups.is_dir(), "the host directory is kept");
    let record = scope.docker_ok(&[
        "config",
        "ls",
        "--format",
        "{{.Name}}",
        "--filter",
        &format!("label=io.alacrity.bind.path={}", backups.display()),
    ]);
    assert!(!record.is_empty(), "the bind record outlives the app");
}

#[test]
fn rm_without_a_terminal_and_without_yes_refuses() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&web, ""));
    scope.deploy_ok(&spec);

    let out = scope
        .alacrity()
        .args(["apps", "rm", &web])
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("pass --yes"));
    assert!(scope.service_exists(&web));
}

#[test]
fn rm_of_several_apps_keeps_going_and_reports_every_failure() {
    let scope = Scope::new(&Swarm::single());
    let (web, theirs, unknown) = (scope.name("web"), scope.name("theirs"), scope.name("nope"));
    scope.foreign_service(&theirs, &[], &[]);
    let spec = scope.write_file("web.toml", &app(&web, ""));
    scope.deploy_ok(&spec);

    let out = scope
        .alacrity()
        .args(["apps", "rm", "--yes", &unknown, &theirs, &web])
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(
        stderr.contains(&format!("cannot remove `{unknown}`")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("cannot remove `{theirs}`")),
        "{stderr}"
    );
    assert!(!scope.service_exists(&web), "web was removed");
    assert!(scope.service_exists(&theirs), "theirs is untouched");
}

/// An app removed by another client while `apps ls` runs (after its reads of the services, the
/// nodes and the tasks, which it makes side by side): the list still comes.
#[test]
fn ls_copes_with_an_app_removed_while_it_reads() {
    let scope = Scope::new(&Swarm::single());
    let (stays, goes) = (scope.name("stays"), scope.name("goes"));
    let spec = scope.write_file("apps.toml", &(app(&stays, "") + &app(&goes, "")));
    scope.deploy_ok(&spec);
    let hook = Hook::new(&scope, "ls");
    let mut ls = scope.alacrity();
    ls.args(["-o", "json", "apps", "ls"]);
    let held = hook.hold(&mut ls, "apps-listed");
    hook.wait_reached();
    scope.docker_ok(&["service", "rm", &goes]);
    hook.release();
    let done = held.finish(secs(60));
    assert_eq!(done.code(), Some(0), "{}", done.stderr);
    let document: Value = serde_json::from_str(&done.stdout).unwrap();
    let apps = document["apps"].as_array().unwrap();
    assert!(
        apps.iter().any(|a| a["name"] == stays.as_str()),
        "{}",
        done.stdout
    );
}
