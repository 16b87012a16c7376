//! The whole life of kept data, on the one-node swarm: a persistent app writes into a managed
//! volume and a host directory; removing the app keeps both, listed as retained with the data
//! intact; while a redeployed app uses them they cannot be removed; after the next `apps rm`,
//! `volumes rm` and `binds rm` delete them, and they are gone from the lists.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

/// Writes `volume` into /data/f and `dir` into /backups/g, then runs until SIGTERM.
const WRITE_THEN_RUN: &str = "echo volume > /data/f && echo dir > /backups/g; \
                              trap 'exit 0' TERM; while true; do sleep 1; done";

fn spec(name: &str, label: &str, dir: &Path) -> String {
    format!(
        "[apps.{name}]\nimage = \"{}\"\npersistent = true\ncommand = [\"sh\", \"-c\", \"{WRITE_THEN_RUN}\"]\n\
         [[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n\
         [[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/backups\"\n",
        test_image(),
        dir.display()
    )
}

/// The entry of `alacrity <what> ls -o json` whose `key` is `value`.
fn entry(scope: &Scope, what: &str, key: &str, value: &str) -> Option<Value> {
    let out = scope
        .alacrity()
        .args([what, "ls", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    list[what]
        .as_array()
        .expect("a JSON list")
        .iter()
        .find(|item| item[key] == value)
        .cloned()
}

/// The content of a file in a volume, read by a throwaway container.
fn read_in_volume(scope: &Scope, volume: &str, file: &str) -> String {
    scope.docker_ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{volume}:/data"),
        &test_image(),
        "cat",
        &format!("/data/{file}"),
    ])
}

fn deploy(scope: &Scope, spec: &Path) {
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(spec)
        .assert()
        .success();
}

fn apps_rm(scope: &Scope, app: &str) {
    scope
        .alacrity()
        .args(["apps", "rm", "--yes", app])
        .assert()
        .success();
}

#[test]
fn kept_data_is_listed_protected_while_used_and_removed_when_asked() {
    let scope = Scope::new(&Swarm::single());
    let (app, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    let dir = scope.host_dir("backups");
    let spec_file = scope.write_file("db.toml", &spec(&app, &label, &dir));
    deploy(&scope, &spec_file);
    wait_until(secs(30), "the app writes into its directory", || {
        std::fs::read_to_string(dir.join("g")).is_ok_and(|s| s.trim() == "dir")
    });
    let in_use = entry(&scope, "volumes", "name", &volume).expect("the volume is listed");
    assert_eq!(in_use["status"], "in-use");
    assert_eq!(
        in_use["used_by"][0],
        serde_json::json!({"kind": "app", "name": app})
    );

    apps_rm(&scope, &app);

    let kept = entry(&scope, "volumes", "name", &volume).expect("the volume is still listed");
    assert_eq!(kept["status"], "retained");
    assert_eq!(kept["app"], app.as_str());
    assert_eq!(kept["node"], "node1");
    let kept_dir = entry(&scope, "binds", "path", &dir.display().to_string())
        .expect("the directory is still listed");
    assert_eq!(kept_dir["status"], "retained");
    assert_eq!(kept_dir["exists"], true);
    assert_eq!(read_in_volume(&scope, &volume, "f"), "volume");
    assert_eq!(
        std::fs::read_to_string(dir.join("g")).unwrap().trim(),
        "dir"
    );

    // Deployed again, the app adopts its data, which may not be removed while it runs.
    deploy(&scope, &spec_file);
    let refused = scope
        .alacrity()
        .args(["volumes", "rm", "--yes", &label])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(&format!("in use by app {app}")),
        "{}",
        stderr(&refused)
    );
    let refused = scope
        .alacrity()
        .args(["binds", "rm", "--yes"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(&format!("in use by app {app}")),
        "{}",
        stderr(&refused)
    );
    assert!(dir.join("g").is_file(), "the directory is untouched");

    apps_rm(&scope, &app);
    let removed = scope
        .alacrity()
        .args(["volumes", "rm", "--yes", &volume])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert_eq!(
        stdout(&removed).trim(),
        format!("removed volume {volume} from node1")
    );
    let removed = scope
        .alacrity()
        .args(["binds", "rm", "--yes"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(
        stdout(&removed).starts_with(&format!("removed {} from node1", dir.display())),
        "{}",
        stdout(&removed)
    );

    assert!(!dir.exists(), "the directory is deleted");
    assert!(
        !scope
            .docker(&["volume", "inspect", &volume])
            .status
            .success()
    );
    assert_eq!(entry(&scope, "volumes", "name", &volume), None);
    assert_eq!(
        entry(&scope, "binds", "path", &dir.display().to_string()),
        None
    );
    let records = scope.docker_ok(&["config", "ls", "--format", "{{.Name}} {{.Labels}}"]);
    assert!(
        !records.contains(&label) && !records.contains(&*dir.to_string_lossy()),
        "records left: {records}"
    );
}

#[test]
fn the_commands_apps_rm_prints_remove_the_kept_data_as_printed() {
    let scope = Scope::new(&Swarm::single());
    let (app, label) = (scope.name("db"), scope.name("data"));
    let dir = scope.host_dir("odd").join("with space");
    std::fs::create_dir(&dir).unwrap();
    let spec_file = scope.write_file("db.toml", &spec(&app, &label, &dir));
    deploy(&scope, &spec_file);

    let removed = scope
        .alacrity()
        .args(["apps", "rm", "--yes", &app])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));

    let printed = stdout(&removed);
    let commands: Vec<&str> = printed
        .lines()
        .filter_map(|line| line.split_once("to remove it: alacrity ").map(|(_, c)| c))
        .collect();
    assert_eq!(commands.len(), 2, "{printed}");
    for command in commands {
        let line = format!(
            "'{}' --host '{}' --yes {command}",
            env!("CARGO_BIN_EXE_alacrity"),
            scope.host()
        );
        let out = std::process::Command::new("sh")
            .args(["-c", &line])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{line}: {}", stderr(&out));
    }
    assert!(!dir.exists());
    let volume = format!("alacran--{label}");
    assert!(
        !scope
            .docker(&["volume", "inspect", &volume])
            .status
            .success()
    );
}
