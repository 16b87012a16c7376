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
    let document: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(document["errors"], json!([]), "{document}");
    document["apps"].clone()
}

#[test]
fn plan_says_create_then_unchanged_then_update_with_the_fields() {
    let scope = Scope::new(&Swarm::single());
    let (web, worker) = (scope.name("web"), scope.name("worker"));
    let spec = scope.write_file("stack.toml", &(app(&web, "") + &app(&worker, "")));

    assert_eq!(
        plan(&scope, &spec),
        json!([
            {"name": web, "action": "create", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
            {"name": worker, "action": "create", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
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
            {"name": web, "action": "unchanged", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
            {"name": worker, "action": "unchanged", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
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
            {"name": web, "action": "update", "changes": ["instances", "env", "ports"], "drift": [],
             "env_changes": [{"name": "A", "change": "added", "swarm": null, "spec": "1", "hidden": false}], "node": null, "new_data": [], "kept_data": []},
            {"name": worker, "action": "unchanged", "changes": [], "drift": [], "env_changes": [], "node": null, "new_data": [], "kept_data": []},
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

#[test]
fn verbose_says_which_engine_why_each_app_gets_its_action_and_how_long_it_took() {
    let scope = Scope::new(&Swarm::single());
    let (web, db) = (scope.name("web"), scope.name("db"));
    let spec = scope.deploy_spec("stack.toml", &app(&web, ""));
    std::fs::write(
        &spec,
        app(&web, "instances = 2") + &app(&db, "persistent = true"),
    )
    .unwrap();

    let quiet = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    let verbose = scope
        .alacrity()
        .args(["-v", "plan"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(verbose.status.success(), "{}", stderr(&verbose));
    assert_eq!(
        stdout(&quiet),
        stdout(&verbose),
        "-v adds words on stderr only"
    );
    let said = stderr(&verbose);
    for line in [
        "engine: ".to_string(),
        "plan: made in ".to_string(),
        "1 to create, 1 to update, 0 unchanged".to_string(),
        format!("{web}: update: instances differ"),
        format!(
            "{db}: create: no service of that name yet; pinned to node1 (the node of the engine alacrity talks to)"
        ),
        "done in ".to_string(),
    ] {
        assert!(said.contains(&line), "-v says {line:?}: {said}");
        assert!(!stderr(&quiet).contains(&line), "not without -v: {line:?}");
    }

    let out = scope
        .alacrity()
        .args(["-v", "deploy", "--timeout", "120s"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("deploy: planned in "), "{said}");
    assert!(said.contains("2 app(s) written in "), "{said}");
    assert!(said.contains("deploy: waited "), "{said}");
}
