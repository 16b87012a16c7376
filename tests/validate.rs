//! `alacrity validate`: exit codes, messages with file:line:column, the JSON report, the
//! examples, and one fixture per rule id.

mod common;

use std::path::{Path, PathBuf};

use alacrity::spec::{FakeHostFs, RuleId, load_with};
use common::{alacrity, fixture, host_fixtures, repo, stderr, stdout};
use predicates::prelude::*;
use serde_json::{Value, json};

fn validate_json(files: &[PathBuf]) -> (i32, Value) {
    let output = alacrity()
        .args(["validate", "--output", "json"])
        .args(files)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {}", stdout(&output)));
    (output.status.code().unwrap_or(-1), report)
}

#[test]
fn a_valid_spec_exits_0_with_a_summary_line_per_file() {
    host_fixtures();
    alacrity()
        .args(["validate"])
        .arg(fixture("valid/minimal.toml"))
        .arg(fixture("valid/everything.toml"))
        .assert()
        .success()
        .stdout(
            "tests/fixtures/valid/minimal.toml: 1 app (0 persistent, 1 not), 0 volumes, 0 host directories\n\
             tests/fixtures/valid/everything.toml: 2 apps (1 persistent, 1 not), 1 volume, 1 host directory\n",
        );
}

#[test]
fn inline_tables_and_dotted_keys_are_the_same_spec() {
    alacrity()
        .args(["validate"])
        .arg(fixture("valid/inline.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 apps (1 persistent, 1 not), 1 volume",
        ));
}

#[test]
fn several_errors_in_one_file_are_all_reported_in_file_order() {
    let output = alacrity()
        .args(["validate"])
        .arg(fixture("errors/several.toml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    let headers: Vec<&str> = text.lines().filter(|l| l.contains(": error[")).collect();
    let file = "tests/fixtures/errors/several.toml";
    assert_eq!(
        headers,
        [
            format!(
                "{file}:5:13: error[persistent-instances] app `db`: a persistent app runs at most 1 instance, but `instances` is 3"
            ),
            format!(
                "{file}:7:1: error[volume-source] app `db`: a volume needs `label` or `host_path`"
            ),
            format!("{file}:8:1: error[unknown-field] app `db`: unknown field `lable` in a volume"),
            format!(
                "{file}:13:21: error[port-duplicate] app `web`: port 8080/tcp is also published by this app at {file}:13:10"
            ),
            format!(
                "{file}:14:1: error[node-needs-persistent] app `web`: `node` pins an app to one server, but only a persistent app is pinned"
            ),
        ]
    );
    assert!(text.contains("  hint: did you mean `label`?"), "{text}");
    assert!(
        text.ends_with("error: 5 errors in 1 app spec file\n"),
        "{text}"
    );
}

#[test]
fn an_error_shows_its_hint_and_the_line_with_a_caret() {
    alacrity()
        .args(["validate"])
        .arg(fixture("invalid/persistent-instances.toml"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "tests/fixtures/invalid/persistent-instances.toml:5:13: error[persistent-instances] app `db`: \
             a persistent app runs at most 1 instance, but `instances` is 2\n  \
             hint: set instances = 1 (or 0 to stop it)",
        ))
        .stderr(predicate::str::contains(
            "  5 | instances = 2\n    |             ^\n",
        ));
}

#[test]
fn an_unknown_field_gets_a_did_you_mean() {
    alacrity()
        .args(["validate"])
        .arg(fixture("invalid/unknown-field.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown-field.toml:4:1: error[unknown-field] app `db`: unknown field `persistant` in an app\n  \
             hint: did you mean `persistent`?",
        ));
}

#[test]
fn the_json_report_of_an_invalid_spec() {
    let (code, report) = validate_json(&[fixture("invalid/unknown-field.toml")]);
    assert_eq!(code, 2);
    assert_eq!(
        report,
        json!({
            "valid": false,
            "errors": [{
                "kind": "invalid-spec",
                "file": "tests/fixtures/invalid/unknown-field.toml",
                "line": 4,
                "column": 1,
                "app": "db",
                "rule": "unknown-field",
                "message": "unknown field `persistant` in an app",
                "hint": "did you mean `persistent`?"
            }]
        })
    );
}

#[test]
fn the_json_report_of_a_valid_spec() {
    let (code, report) = validate_json(&[fixture("valid/minimal.toml")]);
    assert_eq!(code, 0);
    assert_eq!(
        report,
        json!({
            "valid": true,
            "errors": [],
            "files": [{
                "file": "tests/fixtures/valid/minimal.toml",
                "apps": 1,
                "persistent": 0,
                "volumes": 0,
                "host_directories": 0
            }]
        })
    );
}

#[test]
fn errors_print_even_with_quiet() {
    alacrity()
        .args(["validate", "--quiet"])
        .arg(fixture("invalid/image-missing.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[image-missing]"));
}

#[test]
fn errors_from_every_file_are_reported_together() {
    let (code, report) = validate_json(&[
        fixture("invalid/image-missing.toml"),
        PathBuf::from("tests/fixtures/no-such-file.toml"),
        fixture("invalid/app-name.toml"),
    ]);
    assert_eq!(code, 2);
    let rules: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["image-missing", "unreadable-file", "app-name"]);
}

#[test]
fn a_dash_reads_the_spec_from_stdin() {
    alacrity()
        .args(["validate", "-"])
        .write_stdin("[apps.web]\nimage = \"nginx:1.27\"\ninstances = -2\n")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "-:3:13: error[instances-negative]",
        ));
}

#[test]
fn validate_needs_a_file() {
    alacrity()
        .args(["validate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FILE"));
}

/// Each rule id has a fixture under tests/fixtures/invalid, named after it (a file, or a
/// directory of `.toml` files validated together, with the env files they name), which breaks
/// that rule and no other.
#[test]
fn every_rule_has_a_fixture_that_breaks_it_and_only_it() {
    host_fixtures();
    for rule in RuleId::ALL {
        let files = rule_fixture(rule.id()).unwrap_or_else(|| {
            panic!("no fixture for rule `{rule}`: add tests/fixtures/invalid/{rule}.toml")
        });
        let (code, report) = validate_json(&files);
        assert_eq!(code, 2, "{rule}: {report}");
        let errors = report["errors"].as_array().unwrap();
        assert!(!errors.is_empty(), "{rule}: no error");
        for error in errors {
            assert_eq!(error["rule"], rule.id(), "{rule}: {error}");
            assert!(!error["message"].as_str().unwrap().is_empty());
            assert!(
                !error["hint"].as_str().unwrap_or_default().is_empty(),
                "{rule}: no hint"
            );
        }
    }
}

/// A fixture is named after the rule it is about: `RULE.toml` (or `RULE/`) is the rule's own
/// fixture, above; `RULE--what.toml` (or `RULE--what/`) is one more case of the corpus
/// (tests/invalid_corpus.rs).
#[test]
fn every_invalid_fixture_is_named_after_a_rule() {
    let ids: Vec<&str> = RuleId::ALL.iter().map(|rule| rule.id()).collect();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/invalid")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".toml").unwrap_or(&name);
        let id = stem.split_once("--").map_or(stem, |(id, _)| id);
        assert!(
            ids.contains(&id),
            "tests/fixtures/invalid/{name} is named after no rule id"
        );
    }
}

/// The files of a rule's fixture, relative to the repository root.
fn rule_fixture(id: &str) -> Option<Vec<PathBuf>> {
    let file = fixture(&format!("invalid/{id}.toml"));
    if repo().join(&file).is_file() {
        return Some(vec![file]);
    }
    let dir = fixture(&format!("invalid/{id}"));
    // Its spec files; the others (env files) are what they name.
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(&dir))
        .ok()?
        .map(|entry| dir.join(entry.unwrap().file_name()))
        .filter(|file| file.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    Some(files)
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// The host directories the examples use (their comments say to create them with mkdir -p).
fn example_host_dirs() -> Vec<String> {
    let spec = examples()
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let value: Vec<String> = spec
        .lines()
        .filter_map(|line| line.trim().strip_prefix("host_path = \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    value
}

#[test]
fn there_is_an_example_for_each_case_of_the_docs() {
    let names: Vec<String> = examples()
        .iter()
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "database",
        "wordpress",
        "photo-uploads",
        "todo",
        "image-processor",
        "s3-uploads",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "no examples/{expected}.toml"
        );
    }
}

/// All the examples at once (so names, labels and ports are unique across them), on a host that
/// has exactly the directories their comments tell the reader to create.
#[test]
fn every_example_is_valid_together() {
    let dirs = example_host_dirs();
    assert!(!dirs.is_empty(), "one example should show a host directory");
    let host = dirs
        .iter()
        .fold(FakeHostFs::new(), |host, dir| host.dir(dir));
    if let Err(invalid) = load_with(&examples(), &host) {
        let errors: Vec<String> = invalid.diagnostics.iter().map(|d| d.to_string()).collect();
        panic!("the examples are invalid:\n{}", errors.join("\n"));
    }
}

#[test]
fn examples_that_need_a_host_directory_say_how_to_create_it() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text
            .lines()
            .filter(|l| l.trim().starts_with("host_path = \""))
        {
            let dir = line.split('"').nth(1).unwrap();
            assert!(
                text.contains(&format!("mkdir -p {dir}")),
                "{}: say `mkdir -p {dir}` in a comment",
                path.display()
            );
        }
    }
}

/// The real binary on the examples: the ones without host directories as they are, and the
/// others with their host directory moved to a temporary one (this host may lack /srv/...).
#[test]
fn the_cli_validates_every_example() {
    let temp = tempfile::tempdir().unwrap();
    // The secrets' files, relative to the specs, go along.
    std::fs::create_dir_all(temp.path().join("secrets")).unwrap();
    for entry in std::fs::read_dir(repo().join("examples/secrets")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            temp.path().join("secrets").join(entry.file_name()),
        )
        .unwrap();
    }
    let mut files = Vec::new();
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let dirs: Vec<String> = example_host_dirs()
            .into_iter()
            .filter(|dir| text.contains(dir.as_str()))
            .collect();
        if dirs.is_empty() {
            files.push(path);
            continue;
        }
        let mut moved = text.clone();
        for dir in dirs {
            let local = temp.path().join(dir.trim_start_matches('/'));
            std::fs::create_dir_all(&local).unwrap();
            moved = moved.replace(&format!("\"{dir}\""), &format!("\"{}\"", local.display()));
        }
        let copy = temp.path().join(path.file_name().unwrap());
        std::fs::write(&copy, moved).unwrap();
        files.push(copy);
    }
    let output = alacrity().arg("validate").args(&files).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    assert_eq!(summary.lines().count(), files.len(), "{summary}");
    assert!(
        summary.contains("todo.toml: 2 apps (1 persistent, 1 not), 1 volume, 1 host directory"),
        "{summary}"
    );
}

#[test]
fn the_rules_doc_documents_every_rule() {
    let rules = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap();
    for rule in RuleId::ALL {
        assert!(
            rules.contains(&format!("| `{rule}` | {} |", rule.summary())),
            "docs/rules.md: no row `| `{rule}` | {} |` in the rules table",
            rule.summary()
        );
    }
}

#[test]
fn the_readme_documents_every_field() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let fields = alacrity::spec::parse::app_field_names()
        .chain(alacrity::spec::parse::volume_field_names())
        .chain(alacrity::spec::parse::nested_field_names());
    for field in fields {
        assert!(
            readme.contains(&format!("| `{field}` |")),
            "README.md: no row for the field `{field}`"
        );
    }
}

#[test]
fn the_readme_shows_every_example() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for path in examples() {
        let name = format!("examples/{}", path.file_name().unwrap().to_string_lossy());
        assert!(readme.contains(&name), "README.md does not show {name}");
    }
}

/// The heading anchors of a Markdown file, as GitHub makes them: lowercase, punctuation dropped,
/// spaces as `-`.
fn anchors(markdown: &str) -> Vec<String> {
    let mut in_code = false;
    let mut anchors = Vec::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let heading = line.trim_start_matches('#').trim();
        let anchor: String = heading
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        anchors.push(anchor);
    }
    anchors
}

/// Every relative link of the README, CONTRIBUTING.md and docs/ names a file that exists and,
/// with `#anchor`, a heading of that file.
#[test]
fn the_docs_links_lead_somewhere() {
    let mut docs = vec![PathBuf::from("README.md"), PathBuf::from("CONTRIBUTING.md")];
    for entry in std::fs::read_dir(repo().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "md") {
            docs.push(path.strip_prefix(repo()).unwrap().to_path_buf());
        }
    }
    let mut links = 0;
    for doc in &docs {
        let text = std::fs::read_to_string(repo().join(doc)).unwrap();
        for (start, _) in text.match_indices("](") {
            let rest = &text[start + 2..];
            let target = &rest[..rest.find(')').unwrap()];
            if target.contains("://") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file.is_empty() {
                doc.clone()
            } else {
                doc.parent().unwrap().join(file)
            };
            let linked_text = std::fs::read_to_string(repo().join(&linked))
                .unwrap_or_else(|_| panic!("{}: the link ({target}) leads nowhere", doc.display()));
            if !anchor.is_empty() {
                assert!(
                    anchors(&linked_text).iter().any(|a| a == anchor),
                    "{}: the link ({target}) names no heading of {}",
                    doc.display(),
                    linked.display()
                );
            }
            links += 1;
        }
    }
    assert!(links > 10, "only {links} links found");
}

#[test]
fn the_rules_doc_lists_every_refused_system_path() {
    let rules = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap();
    let paths = alacrity::spec::paths::SYSTEM_TREES
        .iter()
        .chain(alacrity::spec::paths::SYSTEM_DIRS);
    for path in paths {
        assert!(
            rules.contains(&format!("`{path}`")),
            "docs/rules.md does not list {path}"
        );
    }
}

/// docs/rules.md shows each rule's error as the binary prints it for the rule's fixture; when a
/// message changes, `scripts/gen-docs-rules` rewrites that part of it.
#[test]
fn the_rules_doc_error_examples_are_real_output() {
    host_fixtures();
    let rules = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap();
    for rule in RuleId::ALL {
        let files = rule_fixture(rule.id()).unwrap();
        let output = alacrity().arg("validate").args(&files).output().unwrap();
        let shown = stderr(&output);
        assert!(
            rules.contains(shown.trim_end()),
            "docs/rules.md does not show the current output for `{rule}`: run scripts/gen-docs-rules\n{shown}"
        );
    }
}

#[test]
fn paths_are_printed_as_given() {
    let path = Path::new("./tests/fixtures/invalid/image-missing.toml");
    alacrity()
        .arg("validate")
        .arg(path)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "./tests/fixtures/invalid/image-missing.toml:2:1: error[image-missing]",
        ));
}
