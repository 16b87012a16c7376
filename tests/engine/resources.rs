//! Resources, restart policies and env files on the real engine: a memory limit is in the
//! task and enforced (a container over it is killed, and the deploy says it ran out of memory);
//! resources and the restart policy are written, read back and compared by field; an env file's
//! variables reach the container, and no value whose name looks secret is ever printed.

use std::path::Path;

use crate::common::*;
use serde_json::{Value, json};

fn deploy(scope: &Scope, spec: &Path) -> std::process::Output {
    scope
        .alacrity()
        .args(["-o", "json", "deploy", "--timeout", "90s"])
        .arg(spec)
        .output()
        .unwrap()
}

#[track_caller]
fn deploy_ok(scope: &Scope, spec: &Path) -> Value {
    let out = deploy(scope, spec);
    assert!(out.status.success(), "deploy failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("deploy -o json prints JSON")
}

#[track_caller]
fn plan_json(scope: &Scope, spec: &Path) -> Value {
    let out = scope
        .alacrity()
        .args(["-o", "json", "plan"])
        .arg(spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "plan failed: {}", stderr(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).expect("plan -o json prints JSON");
    plan["apps"].clone()
}

/// A field of the service's spec, as JSON (`docker service inspect --format '{{json ...}}'`).
#[track_caller]
fn service_field(scope: &Scope, service: &str, field: &str) -> Value {
    let format = format!("{{{{json {field}}}}}");
    let text = scope.docker_ok(&["service", "inspect", "--format", &format, service]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{field} of {service}: {e}: {text}"))
}

fn version(scope: &Scope, service: &str) -> String {
    scope.docker_ok(&[
        "service",
        "inspect",
        "--format",
        "{{.Version.Index}}",
        service,
    ])
}

/// Every container of a service on node1, stopped ones too, newest first.
fn containers(scope: &Scope, service: &str) -> Vec<String> {
    containers_on(scope, 1, service)
}

/// Every container of a service on node `node`, stopped ones too, newest first.
fn containers_on(scope: &Scope, node: usize, service: &str) -> Vec<String> {
    let label = format!("label=com.docker.swarm.service.name={service}");
    let out = scope.docker_ok_on(node, &["ps", "-a", "-q", "--no-trunc", "--filter", &label]);
    lines(&out).map(str::to_string).collect()
}

const MIB: i64 = 1 << 20;

#[test]
fn a_memory_limit_is_in_the_task_and_a_container_over_it_is_killed_and_said_so() {
    let scope = Scope::new(&Swarm::single());
    let (fits, hungry) = (scope.name("fits"), scope.name("hungry"));

    // Within its limit, an app runs, and its container carries the limit.
    let spec = scope.write_file(
        "fits.toml",
        &app(
            &fits,
            "resources.limits = { cpus = \"0.5\", memory = \"32M\" }",
        ),
    );
    deploy_ok(&scope, &spec);
    let limits = service_field(&scope, &fits, ".Spec.TaskTemplate.Resources.Limits");
    assert_eq!(
        limits,
        json!({"NanoCPUs": 500_000_000, "MemoryBytes": 32 * MIB})
    );
    let container = containers(&scope, &fits).remove(0);
    let host = scope.docker_ok(&[
        "inspect",
        "--format",
        "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}",
        &container,
    ]);
    assert_eq!(host, format!("{} 500000000", 32 * MIB));

    // `tail` of an endless line keeps all of it in memory: the kernel kills it at the limit.
    let spec = scope.write_file(
        "hungry.toml",
        &format!(
            "[apps.{hungry}]\nimage = \"{}\"\ncommand = [\"tail\", \"/dev/zero\"]\n\
             resources.limits.memory = \"16M\"\n",
            test_image()
        ),
    );
    let out = deploy(&scope, &spec);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!(
            "app `{hungry}` cannot start: failed: task: non-zero exit (137): out of memory: the \
             kernel killed it at its memory limit of 16M (OOMKilled)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "`{hungry}` was killed for lack of memory: give it more with \
             resources.limits.memory"
        )),
        "{text}"
    );
    let result: Value = serde_json::from_slice(&out.stdout).expect("deploy -o json prints JSON");
    assert_eq!(result["apps"][0]["state"], "failed", "{result}");
    assert!(
        result["apps"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("(OOMKilled)"),
        "{result}"
    );

    // What the engine itself holds: the limit in the task's spec, exit 137 in its status, and
    // OOMKilled on the container.
    let limits = service_field(&scope, &hungry, ".Spec.TaskTemplate.Resources.Limits");
    assert_eq!(limits, json!({"MemoryBytes": 16 * MIB}));
    let failed = scope
        .tasks(&hungry)
        .into_iter()
        .find(|task| task.error.contains("non-zero exit (137)"));
    assert!(failed.is_some(), "{:?}", scope.tasks(&hungry));
    let killed = containers(&scope, &hungry)
        .into_iter()
        .map(|id| {
            scope.docker_ok(&[
                "inspect",
                "--format",
                "{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}}",
                &id,
            ])
        })
        .find(|state| state.starts_with("true"));
    assert_eq!(killed, Some(format!("true 137 {}", 16 * MIB)));
}

/// On another node than the engine alacrity talks to, the container cannot be inspected: the
/// task's exit code and the app's limit say what most likely happened, and no more.
#[test]
fn on_a_cluster_a_container_killed_on_another_node_is_likely_out_of_memory() {
    let scope = Scope::new(&Swarm::cluster());
    let hungry = scope.name("hungry");
    let spec = scope.write_file(
        "hungry.toml",
        &format!(
            "[apps.{hungry}]\nimage = \"{}\"\npersistent = true\nnode = \"node2\"\n\
             command = [\"tail\", \"/dev/zero\"]\nresources.limits.memory = \"16M\"\n",
            test_image()
        ),
    );
    let out = deploy(&scope, &spec);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!(
            "app `{hungry}` cannot start: failed: task: non-zero exit (137): killed, likely out \
             of memory (its memory limit is 16M)"
        )),
        "{text}"
    );
    assert!(text.contains("was killed for lack of memory"), "{text}");
    let killed = containers_on(&scope, 2, &hungry)
        .into_iter()
        .map(|id| scope.docker_ok_on(2, &["inspect", "--format", "{{.State.OOMKilled}}", &id]))
        .any(|oom| oom == "true");
    assert!(killed, "the engine of node2 says OOMKilled");
}

/// An app with resources and a restart policy, as written in the spec below.
fn limited(name: &str, memory: &str, delay: &str) -> String {
    app(
        name,
        &format!(
            "[apps.{name}.resources]\n\
             limits = {{ cpus = \"0.5\", memory = \"{memory}\" }}\n\
             reservations = {{ cpus = \"0.1\", memory = \"32M\" }}\n\
             [apps.{name}.restart_policy]\n\
             condition = \"on-failure\"\ndelay = \"{delay}\"\nmax_attempts = 3\nwindow = \"10s\"\n"
        ),
    )
}

#[test]
fn resources_and_the_restart_policy_are_written_read_back_and_changed_by_field() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &limited(&web, "64M", "2s"));
    deploy_ok(&scope, &spec);

    let resources = service_field(&scope, &web, ".Spec.TaskTemplate.Resources");
    assert_eq!(
        resources,
        json!({
            "Limits": {"NanoCPUs": 500_000_000, "MemoryBytes": 64 * MIB},
            "Reservations": {"NanoCPUs": 100_000_000, "MemoryBytes": 32 * MIB},
        })
    );
    let policy = service_field(&scope, &web, ".Spec.TaskTemplate.RestartPolicy");
    assert_eq!(
        policy,
        json!({"Condition": "on-failure", "Delay": 2_000_000_000i64, "MaxAttempts": 3,
               "Window": 10_000_000_000i64})
    );

    // Read back as written: nothing to do, nothing written.
    let before = version(&scope, &web);
    assert_eq!(plan_json(&scope, &spec)[0]["action"], "unchanged");
    let result = deploy_ok(&scope, &spec);
    assert_eq!(result["apps"][0]["action"], "unchanged", "{result}");
    assert_eq!(
        version(&scope, &web),
        before,
        "an unchanged deploy writes nothing"
    );

    // A limit changed with the docker CLI is drift, with both values.
    scope.docker_ok(&["service", "update", "-d", "--limit-memory", "128M", &web]);
    let plan = plan_json(&scope, &spec);
    assert_eq!(plan[0]["changes"], json!(["resources.limits.memory"]));
    assert_eq!(
        plan[0]["drift"],
        json!([{"field": "resources.limits.memory", "swarm": "128M", "spec": "64M"}])
    );

    // A change of the spec names each field that changes.
    std::fs::write(&spec, limited(&web, "96M", "5s")).unwrap();
    let plan = plan_json(&scope, &spec);
    assert_eq!(plan[0]["action"], "update");
    assert_eq!(
        plan[0]["changes"],
        json!(["resources.limits.memory", "restart_policy.delay"])
    );
    deploy_ok(&scope, &spec);
    let limits = service_field(&scope, &web, ".Spec.TaskTemplate.Resources.Limits");
    assert_eq!(limits["MemoryBytes"], json!(96 * MIB));

    // Without them, the app is back to no resources and alacrity's own restart policy (whose
    // delay is the 5s the spec had last).
    std::fs::write(&spec, app(&web, "")).unwrap();
    let plan = plan_json(&scope, &spec);
    assert_eq!(
        plan[0]["changes"],
        json!([
            "resources.limits.cpus",
            "resources.limits.memory",
            "resources.reservations.cpus",
            "resources.reservations.memory",
            "restart_policy.condition",
            "restart_policy.max_attempts",
            "restart_policy.window",
        ])
    );
    deploy_ok(&scope, &spec);
    let policy = service_field(&scope, &web, ".Spec.TaskTemplate.RestartPolicy");
    assert_eq!(
        policy,
        json!({"Condition": "any", "Delay": 5_000_000_000i64, "MaxAttempts": 0, "Window": 0})
    );
    let resources = service_field(&scope, &web, ".Spec.TaskTemplate.Resources");
    let limits = resources.get("Limits").cloned().unwrap_or(json!({}));
    assert_eq!(limits, json!({}), "{resources}");
    assert_eq!(plan_json(&scope, &spec)[0]["action"], "unchanged");
}

/// Values that must never be printed: each is in the env file or the environment, under a name
/// that looks secret, or is a URL's password.
const SECRETS: [&str; 6] = [
    "tok-first-zq",
    "tok-second-zq",
    "pw-first-zq",
    "pw-second-zq",
    "ci-first-zq",
    "ci-second-zq",
];

fn env_file(log_level: &str, round: &str) -> String {
    format!(
        "# the web app's settings\nLOG_LEVEL={log_level}\nAPI_TOKEN=tok-{round}-zq\n\
         DATABASE_URL=postgres://app:pw-{round}-zq@db:5432/app\nCI_TOKEN\nBUILD_ID\n"
    )
}

#[track_caller]
fn assert_no_secret(what: &str, out: &std::process::Output) {
    let text = format!("{}{}", stdout(out), stderr(out));
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} printed {secret}:\n{text}");
    }
}

#[test]
fn env_files_reach_the_container_and_no_secret_value_is_ever_printed() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let env = scope.write_file("prod.env", &env_file("info", "first"));
    let spec = scope.write_file(
        "web.toml",
        &app(
            &web,
            "env_file = [\"prod.env\"]\nenv = { REGION = \"eu\", LOG_LEVEL = \"warn\" }",
        ),
    );
    let run = |args: &[&str], ci: &str| {
        scope
            .alacrity()
            .args(args)
            .arg(&spec)
            .env("CI_TOKEN", format!("ci-{ci}-zq"))
            .env("BUILD_ID", format!("build-{ci}"))
            .output()
            .unwrap()
    };

    let out = run(&["-vv", "deploy", "--timeout", "90s"], "first");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_secret("deploy -vv", &out);

    // The container has the file's variables, the environment's, and `env` over them.
    let container = wait_for(secs(30), "the app's container", || {
        containers(&scope, &web).into_iter().next()
    });
    let env_of = scope.docker_ok(&["exec", &container, "env"]);
    for expected in [
        "LOG_LEVEL=warn",
        "REGION=eu",
        "API_TOKEN=tok-first-zq",
        "DATABASE_URL=postgres://app:pw-first-zq@db:5432/app",
        "CI_TOKEN=ci-first-zq",
        "BUILD_ID=build-first",
    ] {
        assert!(
            env_of.lines().any(|line| line == expected),
            "{expected} not in\n{env_of}"
        );
    }

    // Every value changes: plan names each variable and shows only what may be shown.
    std::fs::write(&env, env_file("debug", "second")).unwrap();
    std::fs::write(
        &spec,
        app(&web, "env_file = [\"prod.env\"]\nenv = { REGION = \"us\" }"),
    )
    .unwrap();
    let out = run(&["-vv", "plan"], "second");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_secret("plan -vv", &out);
    let text = stderr(&out);
    for line in [
        format!("{web}: env API_TOKEN: changed (value not shown: the name looks secret)"),
        format!("{web}: env BUILD_ID: \"build-first\" -> \"build-second\""),
        format!("{web}: env CI_TOKEN: changed (value not shown: the name looks secret)"),
        format!("{web}: env DATABASE_URL: changed, in a part not shown (a URL's password)"),
        format!("{web}: env LOG_LEVEL: \"warn\" -> \"debug\""),
        format!("{web}: env REGION: \"eu\" -> \"us\""),
    ] {
        assert!(text.contains(&line), "no `{line}` in:\n{text}");
    }
    let out = run(&["-o", "json", "plan"], "second");
    assert_no_secret("plan -o json", &out);
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["apps"][0]["changes"], json!(["env"]));
    assert_eq!(
        plan["apps"][0]["env_changes"][0],
        json!({"name": "API_TOKEN", "change": "changed", "swarm": null, "spec": null, "hidden": true})
    );

    let out = run(&["-vv", "deploy", "--timeout", "90s"], "second");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_secret("deploy -vv", &out);
    let env_of = service_field(&scope, &web, ".Spec.TaskTemplate.ContainerSpec.Env");
    assert!(
        env_of
            .as_array()
            .unwrap()
            .contains(&json!("API_TOKEN=tok-second-zq")),
        "{env_of}"
    );

    // A malformed line is an error at the env file's own line, without its value; nothing is
    // written.
    std::fs::write(&env, "LOG_LEVEL=debug\nAPI TOKEN=tok-first-zq\n").unwrap();
    let before = version(&scope, &web);
    for command in [
        &["-vv", "validate"][..],
        &["-vv", "plan"],
        &["-vv", "deploy"],
    ] {
        let out = run(command, "first");
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_no_secret(command[1], &out);
        let text = stderr(&out);
        assert!(
            text.contains(&format!(
                "{}:2:1: error[env-file-format] app `{web}`: the variable name \"API TOKEN\" \
                 contains whitespace",
                env.display()
            )),
            "{text}"
        );
        assert!(text.contains("API TOKEN=<value not shown>"), "{text}");
    }
    assert_eq!(version(&scope, &web), before);

    // A missing env file is an error at its path in the spec.
    std::fs::remove_file(&env).unwrap();
    let out = run(&["deploy"], "first");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!(
            "{}:4:13: error[env-file-unreadable] app `{web}`: cannot read the env file {}",
            spec.display(),
            env.display()
        )),
        "{}",
        stderr(&out)
    );
}
