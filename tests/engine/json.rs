//! The JSON contract on the real engine: with `--output json`, one JSON document on stdout
//! whatever the outcome, its errors in `errors` (see docs/json.md).

use crate::common::*;
use serde_json::Value;

fn app(name: &str, extra: &str) -> String {
    format!("[apps.{name}]\nimage = \"{}\"\n{extra}\n", test_image())
}

/// The one JSON document of a command's stdout.
#[track_caller]
fn document(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

#[test]
fn refusals_and_failures_are_one_json_document_with_their_errors() {
    let scope = Scope::new(&Swarm::single());
    let (theirs, db, web) = (scope.name("theirs"), scope.name("db"), scope.name("web"));

    // A service of the same name that alacrity did not create: refused before any write, exit 1.
    scope.foreign_service(&theirs, &[], &["sleep", "3600"]);
    let spec = scope.write_file("theirs.toml", &app(&theirs, ""));
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let refused = document(&out);
    assert_eq!(refused["errors"][0]["kind"], "refused", "{refused}");
    assert_eq!(refused["errors"][0]["app"], theirs.as_str(), "{refused}");
    assert!(
        stderr(&out).contains("alacrity did not deploy it"),
        "words on stderr"
    );

    // An unknown node: the spec must change, exit 2, the app named.
    let spec = scope.write_file(
        "db.toml",
        &app(&db, "persistent = true\nnode = \"no-such-node\""),
    );
    let out = scope
        .alacrity()
        .args(["-o", "json", "plan"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let unknown = document(&out);
    assert_eq!(unknown["errors"][0]["kind"], "invalid-input", "{unknown}");
    assert_eq!(unknown["errors"][0]["app"], db.as_str(), "{unknown}");

    // A deploy that failed after it created an app: the app is in the document, with the error.
    let spec = scope.write_file(
        "web.toml",
        &app(&web, "command = [\"sh\", \"-c\", \"exit 3\"]"),
    );
    let out = scope
        .alacrity()
        .args(["-o", "json", "deploy", "--timeout", "60s"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let failed = document(&out);
    assert_eq!(failed["apps"][0]["name"], web.as_str(), "{failed}");
    assert_eq!(failed["apps"][0]["action"], "create", "{failed}");
    assert_eq!(failed["apps"][0]["state"], "failed", "{failed}");
    assert_eq!(failed["errors"][0]["kind"], "failure", "{failed}");
    assert!(
        failed["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("non-zero exit (3)")),
        "{failed}"
    );

    // An app that does not exist.
    let out = scope
        .alacrity()
        .args(["-o", "json", "apps", "scale", &scope.name("nope"), "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(document(&out)["errors"][0]["kind"], "failure");
}

#[test]
fn apps_scale_prints_its_result_as_json() {
    let scope = Scope::new(&Swarm::single());
    let web = scope.name("web");
    scope.deploy_spec("web.toml", &app(&web, ""));
    let out = scope
        .alacrity()
        .args(["-o", "json", "apps", "scale", &web, "2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        document(&out),
        serde_json::json!({"name": web, "instances": 2, "running": 2, "errors": []})
    );
    // Words on stderr only: nothing but the document on stdout.
    assert!(!stdout(&out).contains("running\n"), "{}", stdout(&out));
}
