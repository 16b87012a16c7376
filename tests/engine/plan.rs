//! `alacrity plan` against the private swarm: create / update (with fields) / unchanged, and
//! nothing changes.

use crate::common::*;
use serde_json::{Value, json};

fn app(name: &str, extra: &str) -> String {
    format!("[apps.{name}]\nimage = \"{}\"\n{extra}\n", test_image())
}

fn plan(scope: &Scope, spec: &std::path::Path) -> Value {
    let out = scope
        .alacrity()
        .args(["-o", "json", "plan"])
        .arg(spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "plan failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn plan_says_create_then_unchanged_then_update_with_the_fields() {
    let scope = Scope::new(&Swarm::single());
    let (web, worker) = (scope.name("web"), scope.name("worker"));
    let spec = scope.write_file("stack.toml", &(app(&web, "") + &app(&worker, "")));

    assert_eq!(
        plan(&scope, &spec),
        json!([
            {"app": web, "action": "create", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
            {"app": worker, "action": "create", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
        ])
    );
    assert!(!scope.service_exists(&web), "plan changes nothing");

    scope
        .alacrity()
        .args(["deploy", "--detach"])
        .arg(&spec)
        .assert()
        .success();
    assert_eq!(
        plan(&scope, &spec),
        json!([
            {"app": web, "action": "unchanged", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
            {"app": worker, "action": "unchanged", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
        ])
    );

    let version = scope.docker_ok(&["service", "inspect", "--format", "{{.Version.Index}}", &web]);
    let changed = app(
        &web,
        "instances = 2\nenv = { A = \"1\" }\nports = [\"18099:80\"]",
    ) + &app(&worker, "");
    std::fs::write(&spec, changed).unwrap();
    assert_eq!(
        plan(&scope, &spec),
        json!([
            {"app": web, "action": "update", "changes": ["instances", "env", "ports"], "drift": [],
             "env_changes": [{"name": "A", "change": "added", "swarm": null, "spec": "1", "hidden": false}], "node": null, "new_data": [], "kept_data": []},
            {"app": worker, "action": "unchanged", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
        ])
    );
    assert_eq!(
        scope.docker_ok(&["service", "inspect", "--format", "{{.Version.Index}}", &web]),
        version,
        "plan changes nothing"
    );
}

#[test]
fn plan_as_a_table() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&web, ""));
    let out = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    assert!(out.status.success());
    let stdout = stdout(&out);
    let mut lines = stdout.lines();
    assert!(lines.next().unwrap().starts_with("APP"), "{stdout}");
    let row: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(row, [web.as_str(), "create"]);
}
