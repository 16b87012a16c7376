//! Secrets and config files, for real: an app reads them at their targets with their modes; a
//! new content is a new swarm object that the app moves to, and the old one goes once the deploy
//! converged; an unchanged redeploy writes nothing; `apps rm` leaves none of alacrity's behind
//! and never touches a secret it did not make; no output or trace shows a content.

use std::process::Output;

use serde_json::Value;

use crate::common::*;

fn all_output(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

/// The names of the secrets (or configs) of the swarm that alacrity made for `app`.
fn objects_of(scope: &Scope, kind: &str, app: &str) -> Vec<String> {
    let filter = format!("label=io.alacrity.app={app}");
    let out = scope.docker_ok(&[kind, "ls", "--filter", &filter, "--format", "{{.Name}}"]);
    let mut names: Vec<String> = lines(&out).map(String::from).collect();
    names.sort();
    names
}

fn service_version(scope: &Scope, name: &str) -> String {
    scope
        .docker_ok(&["service", "inspect", "--format", "{{.Version.Index}}", name])
        .trim()
        .to_string()
}

#[test]
fn secrets_and_configs_reach_the_app_rotate_and_leave_with_it() {
    let scope = Scope::new(&Swarm::single());
    let swarm = scope.swarm();
    let name = scope.name("files");
    let value = format!("s3cret-{}", scope.prefix());
    let rotated = format!("r0tated-{}", scope.prefix());
    let spec_dir = scope.host_dir("spec");
    std::fs::write(spec_dir.join("pw.txt"), &value).unwrap();
    std::fs::write(spec_dir.join("app.conf"), "workers = 2\n").unwrap();
    let spec = spec_dir.join("files.toml");
    std::fs::write(
        &spec,
        app(
            &name,
            &format!(
                "[[apps.{name}.secrets]]\nname = \"pw\"\nfile = \"pw.txt\"\nmode = 0o400\n\
                 [[apps.{name}.configs]]\nname = \"conf\"\nfile = \"app.conf\"\ntarget = \"/etc/app.conf\"\n"
            ),
        ),
    )
    .unwrap();
    // A secret alacrity did not make, named like the app's: never touched.
    let foreign = scope.name("foreign");
    let made = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("printf other | docker secret create {foreign} -"))
        .env("DOCKER_HOST", swarm.host())
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));

    let out = scope
        .alacrity()
        .args(["-vv", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !all_output(&out).contains(&value),
        "no output shows the secret"
    );
    let container = running_container(swarm, 1, &name, None);
    assert_eq!(exec_in(swarm, 1, &container, "cat /run/secrets/pw"), value);
    assert_eq!(
        exec_in(swarm, 1, &container, "stat -c %a /run/secrets/pw").trim(),
        "400"
    );
    assert_eq!(
        exec_in(swarm, 1, &container, "cat /etc/app.conf").trim(),
        "workers = 2"
    );
    let labels = scope.docker_ok(&["service", "inspect", &name]);
    assert!(!labels.contains(&value), "the service holds no content");
    for args in [
        &["-vv", "apps", "ls", "-o", "json"][..],
        &["-vv", "plan"][..],
    ] {
        let mut cmd = scope.alacrity();
        cmd.args(args);
        if args.contains(&"plan") {
            cmd.arg(&spec);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            !all_output(&out).contains(&value),
            "{args:?} shows no content"
        );
    }

    // Unchanged: nothing written.
    let version = service_version(&scope, &name);
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(service_version(&scope, &name), version);

    // A new value: plan names it, the deploy rotates it, the old object goes.
    std::fs::write(spec_dir.join("pw.txt"), &rotated).unwrap();
    let out = scope
        .alacrity()
        .args(["plan", "-o", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let planned = plan["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["app"] == name.as_str() || a["name"] == name.as_str())
        .unwrap();
    assert_eq!(planned["action"], "update", "{planned}");
    let out = scope.alacrity().arg("plan").arg(&spec).output().unwrap();
    let words = all_output(&out);
    assert!(words.contains("secret pw changed"), "{words}");
    assert!(
        !words.contains(&rotated) && !words.contains(&value),
        "{words}"
    );
    let before = objects_of(&scope, "secret", &name);
    assert_eq!(before.len(), 1, "{before:?}");
    let out = scope
        .alacrity()
        .args(["-vv", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!all_output(&out).contains(&rotated));
    let container = running_container(swarm, 1, &name, Some(&container));
    assert_eq!(
        exec_in(swarm, 1, &container, "cat /run/secrets/pw"),
        rotated
    );
    // The old secret stays while the previous version may come back (`apps rollback`); the one
    // before it goes with the next rotation.
    let after = objects_of(&scope, "secret", &name);
    assert_eq!(
        after.len(),
        2,
        "the previous version's secret is kept: {after:?}"
    );
    assert!(after.contains(&before[0]), "{after:?}");
    std::fs::write(spec_dir.join("pw.txt"), format!("{rotated}-2")).unwrap();
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let last = objects_of(&scope, "secret", &name);
    assert_eq!(last.len(), 2, "{last:?}");
    assert!(
        !last.contains(&before[0]),
        "the oldest secret went: {last:?}"
    );
    assert_eq!(objects_of(&scope, "config", &name).len(), 1);

    // apps rm: the app's secrets and configs go, the foreign one stays.
    let out = scope
        .alacrity()
        .args(["apps", "rm", "-y"])
        .arg(&name)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(objects_of(&scope, "secret", &name).is_empty());
    assert!(objects_of(&scope, "config", &name).is_empty());
    let left = scope.docker_ok(&["secret", "ls", "--format", "{{.Name}}"]);
    assert!(lines(&left).any(|line| line == foreign), "{left}");
    scope.docker_ok(&["secret", "rm", &foreign]);
}

#[test]
fn a_secret_from_the_environment_is_refused_at_its_line_when_unset() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("envsecret");
    let spec = scope.write_file(
        "env.toml",
        &app(
            &name,
            &format!(
                "[[apps.{name}.secrets]]\nname = \"token\"\nenv = \"ALACRITY_TEST_UNSET_TOKEN\"\n"
            ),
        ),
    );
    let out = scope
        .alacrity()
        .env_remove("ALACRITY_TEST_UNSET_TOKEN")
        .args(["deploy", "-o", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["errors"][0]["rule"], "file-source-missing",
        "{report}"
    );
    assert!(!scope.swarm().service_exists(&name));

    let value = format!("t0ken-{}", scope.prefix());
    let out = scope
        .alacrity()
        .env("ALACRITY_TEST_UNSET_TOKEN", &value)
        .arg("deploy")
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let container = running_container(scope.swarm(), 1, &name, None);
    assert_eq!(
        exec_in(scope.swarm(), 1, &container, "cat /run/secrets/token"),
        value
    );
    let out = scope
        .alacrity()
        .args(["apps", "rm", "-y"])
        .arg(&name)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}
