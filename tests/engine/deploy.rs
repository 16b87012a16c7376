//! `alacrity deploy` against the private swarms: services as the product says, idempotency,
//! updates, data that survives, pinning, and every refusal.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

fn persistent(name: &str, label: &str, extra: &str) -> String {
    app(
        name,
        &format!(
            "persistent = true\n{extra}\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
        ),
    )
}

/// `alacrity -o json deploy SPEC ARGS...`, asserted to succeed; the JSON result.
fn deploy_ok(scope: &Scope, spec: &Path, args: &[&str]) -> Value {
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy", "--timeout", "90s"])
        .arg(spec)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "deploy failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("deploy -o json prints JSON")
}

fn action_of(result: &Value, app: &str) -> String {
    result["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == app)
        .unwrap_or_else(|| panic!("{app} not in {result}"))["action"]
        .as_str()
        .unwrap()
        .to_string()
}

fn inspect(scope: &Scope, service: &str, format: &str) -> String {
    scope.docker_ok(&["service", "inspect", "--format", format, service])
}

/// The ID of the one running task of a service.
fn running_task(scope: &Scope, service: &str) -> String {
    let running: Vec<Task> = scope
        .tasks(service)
        .into_iter()
        .filter(Task::is_running)
        .collect();
    assert_eq!(
        running.len(),
        1,
        "one running task of {service}: {running:?}"
    );
    running[0].id.clone()
}

/// The running container of an app on node1 (waits for one that is not `not`).
fn container(scope: &Scope, service: &str, not: Option<&str>) -> String {
    wait_for(secs(60), "the app's container runs", || {
        let label = format!("label=com.docker.swarm.service.name={service}");
        let out = scope.docker_ok(&["ps", "-q", "--no-trunc", "--filter", &label]);
        let id = lines(&out).next()?.to_string();
        (Some(id.as_str()) != not).then_some(id)
    })
}

fn exec(scope: &Scope, container: &str, script: &str) -> String {
    scope.docker_ok(&["exec", container, "sh", "-c", script])
}

#[test]
fn a_persistent_app_becomes_a_pinned_stop_first_service_with_its_volume_and_bind_record() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let backups = scope.host_dir("backups");
    let bind = format!(
        "[[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/backups\"\n",
        backups.display()
    );
    let spec = scope.write_file("db.toml", &(persistent(&name, &label, "") + &bind));

    let result = deploy_ok(&scope, &spec, &[]);

    assert_eq!(action_of(&result, &name), "create");
    assert_eq!(result["apps"][0]["state"], "converged");
    assert_eq!(result["apps"][0]["node"], "node1");
    let node1 = scope.node_id(1);
    assert_eq!(
        inspect(
            &scope,
            &name,
            "{{json .Spec.TaskTemplate.Placement.Constraints}}"
        ),
        format!("[\"node.id=={node1}\"]")
    );
    assert_eq!(
        inspect(&scope, &name, "{{.Spec.UpdateConfig.Order}}"),
        "stop-first"
    );
    assert_eq!(
        inspect(&scope, &name, "{{.Spec.UpdateConfig.FailureAction}}"),
        "rollback"
    );
    let labels: Value =
        serde_json::from_str(&inspect(&scope, &name, "{{json .Spec.Labels}}")).unwrap();
    assert_eq!(labels["io.alacrity.managed"], "true");
    assert_eq!(labels["io.alacrity.app"], name.as_str());
    assert_eq!(labels["io.alacrity.node"], node1.as_str());
    assert_eq!(labels["io.alacrity.persistent"], "true");
    assert!(labels["io.alacrity.spec-hash"].as_str().unwrap().len() == 64);
    let volume_labels = scope.docker_ok(&[
        "volume",
        "inspect",
        "--format",
        "{{json .Labels}}",
        &format!("alacran--{label}"),
    ]);
    let volume_labels: Value = serde_json::from_str(&volume_labels).unwrap();
    assert_eq!(volume_labels["io.alacrity.managed"], "true");
    assert_eq!(volume_labels["io.alacrity.app"], name.as_str());
    let record = scope.docker_ok(&[
        "config",
        "ls",
        "--format",
        "{{.Name}}",
        "--filter",
        &format!("label=io.alacrity.bind.path={}", backups.display()),
    ]);
    assert!(
        record.starts_with("alacrity-bind-"),
        "bind record: {record:?}"
    );
    assert_eq!(running_task(&scope, &name).len(), 25);
}

#[test]
fn an_unchanged_app_is_not_touched_and_keeps_its_task() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, "env = { A = \"1\" }"));
    deploy_ok(&scope, &spec, &[]);
    let task = running_task(&scope, &name);
    let version = inspect(&scope, &name, "{{.Version.Index}}");

    let result = deploy_ok(&scope, &spec, &[]);

    assert_eq!(action_of(&result, &name), "unchanged");
    assert_eq!(
        running_task(&scope, &name),
        task,
        "the same task still runs"
    );
    assert_eq!(
        inspect(&scope, &name, "{{.Version.Index}}"),
        version,
        "no write to the service"
    );
}

#[test]
fn a_changed_app_is_updated_start_first_and_converges() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, "env = { A = \"1\" }"));
    deploy_ok(&scope, &spec, &[]);
    let before = running_task(&scope, &name);
    std::fs::write(&spec, app(&name, "env = { A = \"2\" }")).unwrap();

    let result = deploy_ok(&scope, &spec, &[]);

    assert_eq!(action_of(&result, &name), "update");
    assert_eq!(result["apps"][0]["changes"], serde_json::json!(["env"]));
    assert_eq!(result["apps"][0]["state"], "converged");
    assert_ne!(running_task(&scope, &name), before);
    assert_eq!(
        inspect(
            &scope,
            &name,
            "{{json .Spec.TaskTemplate.ContainerSpec.Env}}"
        ),
        "[\"A=2\"]"
    );
    assert_eq!(
        inspect(&scope, &name, "{{.Spec.UpdateConfig.Order}}"),
        "start-first"
    );
}

#[test]
fn data_in_a_volume_survives_image_and_env_updates() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let image_v2 = format!("{}:v2", scope.name("img"));
    scope.docker_ok(&["tag", &test_image(), &image_v2]);
    let spec = scope.write_file("db.toml", &persistent(&name, &label, ""));
    deploy_ok(&scope, &spec, &[]);
    let first = container(&scope, &name, None);
    exec(&scope, &first, "echo kept > /data/marker");

    std::fs::write(&spec, persistent(&name, &label, "env = { V = \"2\" }")).unwrap();
    deploy_ok(&scope, &spec, &[]);
    let second = container(&scope, &name, Some(&first));
    assert_eq!(exec(&scope, &second, "cat /data/marker"), "kept");

    let with_image = persistent(&name, &label, "env = { V = \"2\" }")
        .replace(&format!("\"{}\"", test_image()), &format!("\"{image_v2}\""));
    std::fs::write(&spec, with_image).unwrap();
    let result = deploy_ok(&scope, &spec, &[]);
    assert_eq!(result["apps"][0]["changes"], serde_json::json!(["image"]));
    let third = container(&scope, &name, Some(&second));
    assert_eq!(exec(&scope, &third, "cat /data/marker"), "kept");
    scope.docker(&["rmi", &image_v2]);
}

#[test]
fn data_in_a_volume_survives_a_killed_container_and_a_removed_app() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&name, &label, ""));
    deploy_ok(&scope, &spec, &[]);
    let first = container(&scope, &name, None);
    exec(&scope, &first, "echo kept > /data/marker");

    scope.docker_ok(&["kill", &first]);
    let restarted = container(&scope, &name, Some(&first));
    assert_eq!(exec(&scope, &restarted, "cat /data/marker"), "kept");

    scope
        .alacrity()
        .args(["apps", "rm", "--yes", &name])
        .assert()
        .success();
    wait_until(secs(60), "the removed app's containers are gone", || {
        let label = format!("label=com.docker.swarm.service.name={name}");
        scope
            .docker_ok(&["ps", "-aq", "--filter", &label])
            .is_empty()
    });
    let result = deploy_ok(&scope, &spec, &[]);
    assert_eq!(action_of(&result, &name), "create");
    let again = container(&scope, &name, Some(&restarted));
    assert_eq!(exec(&scope, &again, "cat /data/marker"), "kept");
}

#[test]
fn three_instances_run_three_tasks() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, "instances = 3"));

    let result = deploy_ok(&scope, &spec, &[]);

    assert_eq!(result["apps"][0]["running"], 3);
    assert_eq!(scope.running_nodes(&name), ["node1", "node1", "node1"]);
}

#[test]
fn apps_reach_each_other_by_name_on_the_shared_network() {
    let scope = Scope::new(&Swarm::single());
    let (server, client) = (scope.name("server"), scope.name("client"));
    let spec = scope.write_file("stack.toml", &(app(&server, "") + &app(&client, "")));
    deploy_ok(&scope, &spec, &[]);
    let networks = inspect(&scope, &server, "{{json .Spec.TaskTemplate.Networks}}");
    let network_id = scope.docker_ok(&["network", "inspect", "--format", "{{.ID}}", "alacrity"]);
    assert!(networks.contains(&network_id), "{networks}");
    let client_container = container(&scope, &client, None);
    wait_until(secs(30), "the client resolves the server's name", || {
        scope
            .docker(&["exec", &client_container, "nslookup", &server])
            .status
            .success()
    });
}

#[test]
fn a_missing_bind_source_on_the_node_fails_with_the_engines_reason() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("files");
    // /opt is a private, empty tmpfs in every test node's mount namespace (scripts/engine): this
    // directory exists here, where the spec is checked, and not on the node.
    let dir = Path::new("/opt").join(scope.name("missing"));
    std::fs::create_dir_all(&dir).unwrap();
    scope.remove_on_drop(&dir);
    let spec = scope.write_file(
        "files.toml",
        &app(
            &name,
            &format!(
                "persistent = true\n[[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/files\"\n",
                dir.display()
            ),
        ),
    );

    let out = scope
        .alacrity()
        .args(["deploy", "--timeout", "60s"])
        .arg(&spec)
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(
        stderr.contains("bind source path does not exist"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("app `{name}` cannot start")),
        "{stderr}"
    );
}

#[test]
fn an_image_that_cannot_be_found_fails_with_the_engines_reason() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("ghost");
    let spec = scope.write_file(
        "ghost.toml",
        &format!("[apps.{name}]\nimage = \"alacrity-test/no-such-image:1\"\n"),
    );
    let out = scope
        .alacrity()
        .args(["deploy", "--timeout", "60s"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(stderr.contains("No such image"), "{stderr}");
}

/// Sets node `node` of the cluster to `availability` (`pause`, `drain`), and back to `active`
/// when dropped, also when the test fails.
struct Availability<'a> {
    scope: &'a Scope,
    node: String,
}

impl<'a> Availability<'a> {
    fn set(scope: &'a Scope, node: usize, availability: &str) -> Self {
        let node = format!("node{node}");
        scope.docker_ok(&["node", "update", "--availability", availability, &node]);
        Availability { scope, node }
    }
}

impl Drop for Availability<'_> {
    fn drop(&mut self) {
        let args = [
            "node",
            "update",
            "--availability",
            "active",
            self.node.as_str(),
        ];
        let out = self.scope.docker(&args);
        if !out.status.success() {
            eprintln!(
                "cleanup: cannot make {} active again: {}",
                self.node,
                stderr(&out)
            );
        }
    }
}

#[test]
fn a_timeout_says_what_is_still_pending_and_why() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let (name, label) = (scope.name("db"), scope.name("data"));
    // A paused node keeps what it runs and takes nothing new: the app waits for it.
    let _paused = Availability::set(&scope, 3, "pause");
    let spec = scope.write_file("db.toml", &persistent(&name, &label, "node = \"node3\""));

    let out = scope
        .alacrity()
        .args(["deploy", "--timeout", "3s"])
        .arg(&spec)
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(stderr.contains("did not converge within 3s"), "{stderr}");
    assert!(
        stderr.contains(&format!("app `{name}`: 0/1 running")),
        "{stderr}"
    );
    assert!(stderr.contains("no suitable node"), "{stderr}");
}

#[test]
fn a_new_app_that_crashes_right_after_it_starts_fails_with_its_exit() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("crash");
    let spec = scope.write_file(
        "crash.toml",
        &format!(
            "[apps.{name}]\nimage = \"{}\"\ncommand = [\"sh\", \"-c\", \"sleep 1; exit 1\"]\n",
            test_image()
        ),
    );

    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy", "--timeout", "90s"])
        .arg(&spec)
        .output()
        .unwrap();

    let stderr = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "app `{name}` cannot start: failed: task: non-zero exit (1)"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("running, watching for 2s"), "{stderr}");
    let result: Value = serde_json::from_slice(&out.stdout).expect("deploy -o json prints JSON");
    assert_eq!(result["apps"][0]["state"], "failed", "{result}");
}

#[test]
fn an_app_deployed_to_zero_instances_converges_only_once_its_container_is_gone() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("db");
    let spec = scope.write_file("db.toml", &slow_app(&name, ""));
    deploy_ok(&scope, &spec, &[]);
    assert_eq!(running_containers_on(&scope, 1, &name).len(), 1);
    std::fs::write(&spec, slow_app(&name, "instances = 0")).unwrap();

    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy", "--timeout", "90s"])
        .arg(&spec)
        .output()
        .unwrap();

    // Right after deploy returns, the container is gone: it no longer writes anything.
    assert_eq!(
        running_containers_on(&scope, 1, &name),
        Vec::<String>::new()
    );
    let stderr = stderr(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("0/0 running, 1 stopping (1 container still runs on node1)"),
        "{stderr}"
    );
    let result: Value = serde_json::from_slice(&out.stdout).expect("deploy -o json prints JSON");
    assert_eq!(result["apps"][0]["state"], "converged", "{result}");
    assert_eq!(result["apps"][0]["running"], 0, "{result}");
}

#[test]
fn detach_returns_after_the_writes() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, ""));
    let result = deploy_ok(&scope, &spec, &["--detach"]);
    assert_eq!(result["apps"][0]["state"], "detached");
    wait_until(secs(60), "the detached app runs", || {
        scope.running_nodes(&name).len() == 1
    });
}

#[test]
fn a_same_named_unmanaged_service_is_refused_and_left_untouched() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("theirs");
    scope.foreign_service(&name, &[], &[]);
    let version = inspect(&scope, &name, "{{.Version.Index}}");
    let spec = scope.write_file("theirs.toml", &app(&name, ""));

    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();

    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(stderr.contains("alacrity did not deploy it"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(inspect(&scope, &name, "{{.Version.Index}}"), version);
    assert_eq!(inspect(&scope, &name, "{{json .Spec.Labels}}"), "{}");
}

#[test]
fn a_persistent_app_with_two_instances_is_refused_before_anything_exists() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&name, &label, "instances = 2"));

    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();

    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr(&out);
    assert!(stderr.contains("persistent-instances"), "{stderr}");
    assert!(!scope.service_exists(&name));
    let volume = format!("alacran--{label}");
    assert!(
        !scope
            .docker(&["volume", "inspect", &volume])
            .status
            .success()
    );
}

#[test]
fn an_unknown_app_name_is_invalid_input() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, ""));
    let out = scope
        .alacrity()
        .args(["deploy", "--app", "nope"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no app `nope`"));
    assert!(!scope.service_exists(&name));
}

#[test]
fn only_the_apps_named_with_app_are_deployed() {
    let scope = Scope::new(&Swarm::single());
    let (one, two) = (scope.name("one"), scope.name("two"));
    let spec = scope.write_file("stack.toml", &(app(&one, "") + &app(&two, "")));
    let result = deploy_ok(&scope, &spec, &["--app", &two]);
    assert_eq!(result["apps"].as_array().unwrap().len(), 1);
    assert!(!scope.service_exists(&one));
    assert!(scope.service_exists(&two));
}

#[test]
fn a_label_used_by_another_deployed_app_is_refused_naming_it() {
    let scope = Scope::new(&Swarm::single());
    let (first, second, label) = (
        scope.name("first"),
        scope.name("second"),
        scope.name("data"),
    );
    let spec = scope.write_file("first.toml", &persistent(&first, &label, ""));
    deploy_ok(&scope, &spec, &[]);
    let other = scope.write_file("second.toml", &persistent(&second, &label, ""));

    let out = scope.alacrity().arg("deploy").arg(&other).output().unwrap();

    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr(&out);
    assert!(stderr.contains("label-shared"), "{stderr}");
    assert!(
        stderr.contains(&format!("deployed app `{first}`")),
        "{stderr}"
    );
    assert!(
        stderr.contains("second.toml:"),
        "points at the spec: {stderr}"
    );
    assert!(!scope.service_exists(&second));
}

#[test]
fn a_same_named_unmanaged_volume_is_refused() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    scope.docker_ok(&["volume", "create", &volume]);
    let spec = scope.write_file("db.toml", &persistent(&name, &label, ""));

    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();

    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(stderr.contains("alacrity did not create it"), "{stderr}");
    assert!(!scope.service_exists(&name));
}

#[test]
fn on_a_cluster_a_persistent_app_is_pinned_to_its_node_and_a_move_needs_a_flag_and_yes() {
    let scope = Scope::new(&Swarm::cluster());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&name, &label, "node = \"node2\""));
    deploy_ok(&scope, &spec, &[]);
    let constraint = "{{json .Spec.TaskTemplate.Placement.Constraints}}";
    let node2 = scope.node_id(2);
    assert_eq!(
        inspect(&scope, &name, constraint),
        format!("[\"node.id=={node2}\"]")
    );
    assert_eq!(scope.running_nodes(&name), ["node2"]);

    // Without `node`, the app stays where it is (not on node1, the engine alacrity talks to):
    // nothing changes.
    std::fs::write(&spec, persistent(&name, &label, "")).unwrap();
    let result = deploy_ok(&scope, &spec, &[]);
    assert_eq!(action_of(&result, &name), "unchanged");
    assert_eq!(
        inspect(&scope, &name, constraint),
        format!("[\"node.id=={node2}\"]")
    );

    std::fs::write(&spec, persistent(&name, &label, "node = \"node3\"")).unwrap();
    let refused = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = stderr(&refused);
    assert!(stderr.contains("would move to another node"), "{stderr}");
    assert!(
        stderr.contains(&format!("alacran--{label}")),
        "names the data: {stderr}"
    );

    let unconfirmed = scope
        .alacrity()
        .args(["deploy", "--move-node"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(unconfirmed.status.code(), Some(1));
    assert!(crate::common::stderr(&unconfirmed).contains("pass --yes"));
    assert_eq!(
        inspect(&scope, &name, constraint),
        format!("[\"node.id=={node2}\"]")
    );

    let moved = deploy_ok(&scope, &spec, &["--move-node", "--yes"]);
    assert_eq!(moved["apps"][0]["node"], "node3");
    assert_eq!(scope.running_nodes(&name), ["node3"]);
}

#[test]
fn on_a_cluster_an_unknown_node_is_invalid_input_listing_the_nodes() {
    let scope = Scope::new(&Swarm::cluster());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&name, &label, "node = \"node9\""));
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr(&out);
    assert!(stderr.contains("no node `node9`"), "{stderr}");
    for node in ["node1", "node2", "node3"] {
        assert!(stderr.contains(node), "lists {node}: {stderr}");
    }
}

#[test]
fn on_a_cluster_a_persistent_app_without_node_goes_to_the_engine_alacrity_talks_to() {
    let scope = Scope::new(&Swarm::cluster());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let spec = scope.write_file("db.toml", &persistent(&name, &label, ""));
    let result = deploy_ok(&scope, &spec, &[]);
    assert_eq!(result["apps"][0]["node"], "node1");
    assert_eq!(scope.running_nodes(&name), ["node1"]);
}
