//! Apps that left the spec: `plan` and `deploy` name the deployed apps of the specs' project that
//! the specs no longer declare, and `deploy --prune` removes them as `apps rm` does (data kept).

use crate::common::*;
use serde_json::Value;

fn app(name: &str, extra: &str) -> String {
    format!("[apps.{name}]\nimage = \"{}\"\n{extra}\n", test_image())
}

fn persistent(name: &str, label: &str) -> String {
    app(
        name,
        &format!(
            "persistent = true\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
        ),
    )
}

fn label_of(scope: &Scope, service: &str, key: &str) -> String {
    scope
        .docker_ok(&[
            "service",
            "inspect",
            service,
            "--format",
            &format!("{{{{index .Spec.Labels \"{key}\"}}}}"),
        ])
        .trim()
        .to_string()
}

/// The first app of `plan -o json`.
fn planned_app(scope: &Scope, spec: &std::path::Path) -> Value {
    let out = scope
        .alacrity()
        .args(["plan", "-o", "json"])
        .arg(spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    plan["apps"][0].clone()
}

fn volume_exists(scope: &Scope, name: &str) -> bool {
    scope.docker(&["volume", "inspect", name]).status.success()
}

#[test]
fn apps_left_out_of_the_spec_are_named_then_pruned_with_their_data_kept() {
    let scope = Scope::new(&Swarm::single());
    let (web, db, other) = (scope.name("web"), scope.name("db"), scope.name("other"));
    let label = scope.name("data");
    let project = scope.name("shop");
    let head = format!("project = \"{project}\"\n");
    let spec = scope.deploy_spec(
        "shop.toml",
        &format!("{head}{}{}", app(&web, ""), persistent(&db, &label)),
    );
    assert_eq!(label_of(&scope, &web, "io.alacrity.project"), project);
    // An app of another project is never named nor pruned.
    scope.deploy_spec(
        "other.toml",
        &format!("project = \"{}\"\n{}", scope.name("else"), app(&other, "")),
    );

    // db leaves the spec.
    std::fs::write(&spec, format!("{head}{}", app(&web, ""))).unwrap();
    let plan = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    assert!(plan.status.success(), "{}", stderr(&plan));
    let said = stderr(&plan);
    assert!(
        said.contains(&format!(
            "not in these specs, left running: {db} (on node1)"
        )),
        "{said}"
    );
    assert!(!said.contains(&other), "{said}");
    assert!(
        said.contains(&format!("alacrity deploy --prune {}", spec.display())),
        "{said}"
    );

    // A deploy without --prune leaves it running, and says so.
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not in these specs"),
        "{}",
        stderr(&out)
    );
    assert!(scope.service_exists(&db));

    // --prune asks first: without a terminal and --yes, nothing is changed.
    let out = scope
        .alacrity()
        .args(["deploy", "--prune"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass --yes"), "{}", stderr(&out));
    assert!(scope.service_exists(&db));

    // --prune with --app cannot know what left the specs.
    let out = scope
        .alacrity()
        .args(["deploy", "--prune", "--yes", "--app", &web])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(scope.service_exists(&db));

    let out = scope
        .alacrity()
        .args(["deploy", "--prune", "--yes", "-o", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(report["apps"][0]["name"], web.as_str());
    assert_eq!(report["pruned"]["removed"][0]["name"], db.as_str());
    assert_eq!(
        report["pruned"]["removed"][0]["kept_volumes"][0],
        format!("alacran--{label}").as_str()
    );
    assert!(!scope.service_exists(&db), "db is pruned");
    assert!(scope.service_exists(&web));
    assert!(scope.service_exists(&other), "another project's app stays");
    assert!(
        volume_exists(&scope, &format!("alacran--{label}")),
        "the pruned app's volume is kept"
    );

    // Nothing is left out any more.
    let plan = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    assert!(
        !stderr(&plan).contains("not in these specs"),
        "{}",
        stderr(&plan)
    );
    scope.docker_ok(&["volume", "rm", &format!("alacran--{label}")]);
}

#[test]
fn an_app_deployed_before_projects_existed_gets_its_project_without_a_restart() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.deploy_spec("stack.toml", &app(&web, ""));
    // The project is the spec file's directory, when the spec names none.
    let project = label_of(&scope, &web, "io.alacrity.project");
    let dir = spec
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    assert_eq!(project, dir);
    let task_before = scope.docker_ok(&["service", "ps", "-q", &web]);

    // As an older alacrity left it: no project label.
    scope.docker_ok(&[
        "service",
        "update",
        "--detach",
        "--label-rm",
        "io.alacrity.project",
        &web,
    ]);
    let planned = planned_app(&scope, &spec);
    assert_eq!(planned["action"], "update", "{planned}");
    assert_eq!(planned["changes"], serde_json::json!(["project"]));
    assert_eq!(planned["drift"], serde_json::json!([]));

    scope.deploy_ok(&spec);
    assert_eq!(label_of(&scope, &web, "io.alacrity.project"), project);
    assert_eq!(
        scope.docker_ok(&["service", "ps", "-q", &web]),
        task_before,
        "recording the project restarts nothing"
    );
    // And then it is unchanged.
    let planned = planned_app(&scope, &spec);
    assert_eq!(planned["action"], "unchanged", "{planned}");
}
