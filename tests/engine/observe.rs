//! `alacrity apps ps` and `alacrity apps logs` against the private swarms: a failing task's
//! error, the logs of every task on every node with their prefixes, `--tail`, `--timestamps`,
//! `--follow` ended by Ctrl-C, and unknown or foreign apps.

use std::collections::BTreeSet;

use crate::common::*;
use serde_json::Value;

/// The spec of app `name` running `script` with `sh -c`; `extra` goes in its table.
fn app_running(name: &str, script: &str, extra: &str) -> String {
    format!(
        "[apps.{name}]\nimage = \"{}\"\ncommand = [\"sh\", \"-c\", {script:?}]\n{extra}\n",
        test_image()
    )
}

/// `apps ps -o json` of one app: its tasks.
fn ps_tasks(scope: &Scope, name: &str) -> Vec<Value> {
    let out = scope
        .alacrity()
        .args(["apps", "ps", "-o", "json", name])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let apps: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(apps["apps"][0]["name"], name, "{apps}");
    apps["apps"][0]["tasks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// `apps logs NAME ARGS...`, which must succeed: its stdout.
fn logs(scope: &Scope, name: &str, args: &[&str]) -> String {
    let out = scope
        .alacrity()
        .args(["apps", "logs", name])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// The node of a log line `[TIMESTAMP ]APP.SLOT@NODE | MESSAGE` of app `name`, checking its shape.
fn node_of<'a>(line: &'a str, name: &str) -> &'a str {
    let (prefix, _) = line
        .split_once(" | ")
        .unwrap_or_else(|| panic!("no prefix in {line:?}"));
    let (task, node) = prefix
        .trim_end()
        .split_once('@')
        .unwrap_or_else(|| panic!("no task@node in {line:?}"));
    let slot = task
        .strip_prefix(&format!("{name}."))
        .unwrap_or_else(|| panic!("the task is not {name}.SLOT in {line:?}"));
    assert!(slot.parse::<u64>().is_ok(), "{line:?}");
    node
}

#[test]
fn ps_shows_a_failing_tasks_error() {
    let scope = Scope::new(&Swarm::single());
    let crash = scope.name("crash");
    let spec = scope.write_file("crash.toml", &app_running(&crash, "echo bye; exit 1", ""));
    // It never runs: deploy without waiting for it.
    scope
        .alacrity()
        .args(["deploy", "--detach"])
        .arg(&spec)
        .assert()
        .success();

    let failed = wait_for(secs(60), "apps ps shows a failed task", || {
        ps_tasks(&scope, &crash)
            .into_iter()
            .find(|task| task["current_state"] == "failed")
    });
    assert_eq!(failed["error"], "task: non-zero exit (1)", "{failed}");
    assert_eq!(failed["node"], "node1", "{failed}");
    assert_eq!(failed["slot"], 1, "{failed}");
    assert_eq!(failed["health"], Value::Null, "{failed}");
    assert!(failed["age_secs"].as_u64().is_some(), "{failed}");

    let out = scope
        .alacrity()
        .args(["apps", "ps", &crash])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.starts_with("TASK "), "{table}");
    let row = lines(&table)
        .find(|row| row.contains("failed"))
        .unwrap_or_else(|| panic!("no failed row:\n{table}"));
    assert!(
        row.contains(&format!("{crash}.1"))
            && row.contains(" ago ")
            && row.ends_with("task: non-zero exit (1)"),
        "{row}"
    );
}

#[test]
fn an_unknown_or_foreign_app_fails_with_the_hint_and_the_others_are_shown() {
    let scope = Scope::new(&Swarm::single());
    let (web, nope, foreign) = (scope.name("web"), scope.name("nope"), scope.name("foreign"));
    let spec = scope.write_file("web.toml", &app(&web, ""));
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(&spec)
        .assert()
        .success();
    scope.foreign_service(&foreign, &[], &[]);

    let out = scope
        .alacrity()
        .args(["apps", "ps", "-o", "json", &nope, &web, &foreign])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("there is no app `{nope}` in the swarm"))
            && err.contains("`alacrity apps ls`"),
        "{err}"
    );
    assert!(err.contains("was not deployed by alacrity"), "{err}");
    let apps: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(apps["apps"].as_array().map(Vec::len), Some(1), "{apps}");
    assert_eq!(apps["apps"][0]["name"], web.as_str());

    for app in [&nope, &foreign] {
        let out = scope
            .alacrity()
            .args(["apps", "logs", app])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    let out = scope
        .alacrity()
        .args(["apps", "logs", &nope])
        .output()
        .unwrap();
    assert!(
        stderr(&out)
            .trim_end()
            .ends_with("`alacrity apps ls` lists the deployed apps"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn logs_show_every_task_on_every_node_with_tail_and_timestamps() {
    let scope = Scope::new(&Swarm::cluster());
    let web = scope.name("web");
    let script = "echo hello from $(hostname); echo last line; sleep 3600";
    scope.deploy_spec("web.toml", &app_running(&web, script, "instances = 3"));
    let running: BTreeSet<String> = scope.running_nodes(&web).into_iter().collect();
    assert!(
        running.len() >= 2,
        "the swarm spread 3 instances over {running:?}"
    );

    // Every instance wrote both lines; the logs show them all, each after its task and node.
    let all = wait_for(secs(60), "the logs show every instance's lines", || {
        let out = logs(&scope, &web, &[]);
        (lines(&out).filter(|l| l.contains("| hello from ")).count() == 3).then_some(out)
    });
    let nodes: BTreeSet<&str> = lines(&all)
        .filter(|line| line.contains("| hello from "))
        .map(|line| node_of(line, &web))
        .collect();
    assert_eq!(
        nodes,
        running.iter().map(String::as_str).collect(),
        "the lines name the nodes the instances run on:\n{all}"
    );
    assert!(nodes.len() >= 2, "{all}");
    assert_eq!(
        lines(&all).filter(|l| l.ends_with("| last line")).count(),
        3,
        "{all}"
    );

    // --tail 1: the last line of each task.
    let tail = logs(&scope, &web, &["--tail", "1"]);
    let tail_lines: Vec<&str> = lines(&tail).collect();
    assert_eq!(tail_lines.len(), 3, "{tail}");
    assert!(
        tail_lines.iter().all(|l| l.ends_with("| last line")),
        "{tail}"
    );

    // --timestamps: each line starts with when it was written (RFC 3339, UTC).
    let stamped = logs(&scope, &web, &["--timestamps", "--tail", "1"]);
    for line in lines(&stamped) {
        let (timestamp, rest) = line.split_once(' ').unwrap();
        assert!(
            timestamp.len() > 20 && timestamp.as_bytes()[10] == b'T' && timestamp.ends_with('Z'),
            "{line}"
        );
        node_of(rest, &web);
    }
    assert_eq!(lines(&stamped).count(), 3, "{stamped}");

    // --since a moment ahead of every line: none.
    let none = logs(&scope, &web, &["--since", "2999-01-01T00:00:00Z"]);
    assert!(none.trim().is_empty(), "{none}");
}

#[test]
fn follow_streams_until_ctrl_c_and_exits_130_quietly() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    let spec = scope.write_file("web.toml", &app_running(&web, "echo first; sleep 3600", ""));
    scope
        .alacrity()
        .args(["deploy", "--timeout", "90s"])
        .arg(&spec)
        .assert()
        .success();
    wait_until(secs(60), "the app wrote its line", || {
        logs(&scope, &web, &[]).contains("| first")
    });

    let mut command = scope.alacrity();
    // -vv traces the logs request on stderr: the stream is open once it shows.
    command.args(["-vv", "apps", "logs", "--follow", &web]);
    let mut running = Running::start(&command);
    running.wait_for_stderr("/logs?", secs(30));
    running.interrupt();
    let finished = running.finish(secs(30));
    assert_eq!(finished.code(), Some(130), "{}", finished.stderr);
    assert!(finished.stdout.contains("| first"), "{}", finished.stdout);
    assert!(
        !finished.stderr.contains("error") && !finished.stderr.contains("interrupted"),
        "{}",
        finished.stderr
    );
}

#[test]
fn logs_say_which_node_is_down_and_show_the_others() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let web = scope.name("web");
    let script = "echo hello from $(hostname); sleep 3600";
    scope.deploy_spec("web.toml", &app_running(&web, script, "instances = 3"));
    wait_until(secs(90), "one instance runs on each node", || {
        scope.running_nodes(&web) == ["node1", "node2", "node3"]
    });
    wait_until(secs(60), "the logs show every instance's line", || {
        lines(&logs(&scope, &web, &[]))
            .filter(|l| l.contains("| hello from "))
            .count()
            == 3
    });

    scope.stop_node(3, false);
    wait_until(secs(90), "the swarm sees node3 down", || {
        scope
            .node_statuses()
            .iter()
            .any(|(host, status)| host == "node3" && status == "Down")
    });

    let out = scope
        .alacrity()
        .args(["apps", "logs", &web])
        .timeout(secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (shown, err) = (stdout(&out), stderr(&out));
    // Said before the lines, naming the node by hostname, and the task whose logs are missing.
    assert!(
        err.contains("warning: node node3 is down: the logs of ")
            && err.contains(&format!("{web}."))
            && err.contains("are missing until it is back"),
        "{err}"
    );
    // The lines of the nodes that are up are all there.
    let nodes: BTreeSet<&str> = lines(&shown)
        .filter(|line| line.contains("| hello from "))
        .map(|line| node_of(line, &web))
        .collect();
    assert!(
        nodes.contains("node1") && nodes.contains("node2") && !nodes.contains("node3"),
        "{shown}"
    );
    scope.start_node(3);
}
