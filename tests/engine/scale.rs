//! Output at scale: with many apps, `deploy` and `apps rm` name the apps that change and count
//! the others in one summary line (no line per unchanged app), while `--output json` still lists
//! every app. Speed at scale is measured by `scripts/bench --scale`, not here.

use crate::common::*;
use serde_json::Value;

const APPS: usize = 30;

/// `APPS` apps, half persistent with a volume, half stateless; all at 0 instances (the output is
/// what is tested, not the containers). `changed` gets another environment.
fn stack(scope: &Scope, changed: Option<usize>) -> String {
    let image = test_image();
    (0..APPS)
        .map(|i| {
            let name = scope.name(&format!("s{i}"));
            let env = match changed == Some(i) {
                true => "env = { V = \"2\" }\n",
                false => "",
            };
            let data = match i % 2 {
                0 => format!(
                    "persistent = true\n[[apps.{name}.volumes]]\nlabel = \"{}\"\ncontainer_path = \"/data\"\n",
                    scope.name(&format!("d{i}"))
                ),
                _ => String::new(),
            };
            format!("[apps.{name}]\nimage = \"{image}\"\ninstances = 0\n{env}{data}\n")
        })
        .collect()
}

/// The names of the stack's apps that a text mentions (`s1` is not counted inside `s10`).
fn named(scope: &Scope, text: &str) -> Vec<String> {
    (0..APPS)
        .map(|i| scope.name(&format!("s{i}")))
        .filter(|name| {
            text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|word| word == name)
        })
        .collect()
}

/// The lines but the note of the image deployed by tag (the registry is out of reach here),
/// which names a few apps and counts the rest.
fn beside_the_note(words: &str) -> String {
    words
        .lines()
        .filter(|line| !line.starts_with("warning: no registry gave the digest"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn many_apps_are_counted_not_listed_and_json_lists_every_one() {
    let scope = Scope::new(&Swarm::single());
    let spec = scope.deploy_spec("stack.toml", &stack(&scope, None));

    // One app of 30 changes: the plain lines (no terminal here) name it alone, then count.
    std::fs::write(&spec, stack(&scope, Some(7))).unwrap();
    let out = scope.alacrity().arg("deploy").arg(&spec).output().unwrap();
    let words = stderr(&out);
    assert!(out.status.success(), "{words}");
    assert_eq!(
        named(&scope, &beside_the_note(&words)),
        [scope.name("s7")],
        "{words}"
    );
    assert!(words.contains("and 26 more by tag"), "{words}");
    assert!(words.contains("29 unchanged, 1 to update\n"), "{words}");
    assert!(words.contains("29 unchanged, 1 updated\n"), "{words}");
    assert!(words.lines().count() < 10, "{words}");

    // Unchanged, with JSON: every app is in the document, and stderr names none.
    let out = scope
        .alacrity()
        .args(["deploy", "-o", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let words = stderr(&out);
    assert_eq!(
        named(&scope, &beside_the_note(&words)),
        Vec::<String>::new(),
        "{words}"
    );
    assert!(words.contains("and 26 more by tag"), "{words}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let apps = report["apps"].as_array().unwrap();
    assert_eq!(apps.len(), APPS, "{report}");
    assert!(
        apps.iter().all(|app| app["action"] == "unchanged"),
        "{report}"
    );

    // apps rm of all 30: one summary line; the volumes kept, counted.
    let names: Vec<String> = (0..APPS).map(|i| scope.name(&format!("s{i}"))).collect();
    let out = scope
        .alacrity()
        .args(["apps", "rm", "--yes", "-o", "json"])
        .args(&names)
        .output()
        .unwrap();
    let words = stderr(&out);
    assert!(out.status.success(), "{words}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["removed"].as_array().unwrap().len(),
        APPS,
        "{report}"
    );
    let gone = scope.docker_ok(&["service", "ls", "--format", "{{.Name}}"]);
    assert!(
        names.iter().all(|name| !gone.contains(name.as_str())),
        "{gone}"
    );
}

#[test]
fn apps_rm_of_many_apps_ends_with_one_summary_line() {
    let scope = Scope::new(&Swarm::single());
    scope.deploy_spec("stack.toml", &stack(&scope, None));
    let names: Vec<String> = (0..APPS).map(|i| scope.name(&format!("s{i}"))).collect();
    let out = scope
        .alacrity()
        .args(["apps", "rm", "--yes"])
        .args(&names)
        .output()
        .unwrap();
    let words = stderr(&out);
    assert!(out.status.success(), "{words}");
    let last = words.lines().last().unwrap_or_default();
    assert_eq!(last, "30 apps removed; 15 volumes kept", "{words}");
    // The kept volumes are listed, to remove once sure.
    let out = scope
        .alacrity()
        .args(["volumes", "ls", "-o", "json"])
        .output()
        .unwrap();
    let listing: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept = listing["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| {
            v["name"]
                .as_str()
                .is_some_and(|n| n.contains(&scope.name("d")))
        })
        .count();
    assert_eq!(kept, APPS / 2, "{listing}");
}
