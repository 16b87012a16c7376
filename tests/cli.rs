//! The command line itself: --help, --version, usage errors, completions and the man page, and an
//! invalid spec refused before any engine is reached.

mod common;

use common::{alacrity, repo, stderr, stdout};
use predicates::prelude::*;

#[test]
fn help_lists_the_commands() {
    let assert = alacrity().arg("--help").assert().success();
    let help = stdout(assert.get_output());
    for command in [
        "validate",
        "plan",
        "deploy",
        "apps",
        "volumes",
        "binds",
        "completions",
    ] {
        assert!(
            help.contains(command),
            "--help does not mention {command}:\n{help}"
        );
    }
    assert!(
        !help.contains("\n  man "),
        "the man command is hidden:\n{help}"
    );
}

#[test]
fn validate_help_says_what_it_takes() {
    alacrity()
        .args(["validate", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Usage: alacrity validate [OPTIONS] <FILE>...",
        ));
}

#[test]
fn version_names_the_crate_version_the_commit_and_the_oldest_api() {
    let out = alacrity()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], format!("alacrity {}", env!("CARGO_PKG_VERSION")));
    let commit = lines[1].strip_prefix("commit: ").expect(&out);
    assert!(
        commit == "unknown"
            || commit
                .trim_end_matches("-dirty")
                .chars()
                .all(|c| c.is_ascii_hexdigit())
            || std::env::var("ALACRITY_COMMIT").is_ok_and(|c| c.trim() == commit),
        "{out}"
    );
    assert_eq!(lines[2], "minimum Engine API: 1.41 (Docker 20.10 or newer)");
    alacrity().arg("-V").assert().success().stdout(out.clone());
}

#[test]
fn version_as_json_is_the_same_as_data() {
    let text = alacrity()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    let out = alacrity()
        .args(["--version", "--output", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["min_api_version"], "1.41");
    assert_eq!(json["min_docker_version"], "20.10");
    let commit = json["commit"].as_str().unwrap();
    assert!(
        text.contains(&format!("\ncommit: {commit}\n")),
        "{text} vs {json}"
    );
    // The same with the option first.
    alacrity()
        .args(["-o", "json", "--version"])
        .assert()
        .success()
        .stdout(String::from_utf8(out).unwrap());
}

#[test]
fn no_command_is_a_usage_error() {
    alacrity()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage:"));
    alacrity()
        .args(["--output", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a command is required"));
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    alacrity()
        .arg("valdate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("validate"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    alacrity()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash"));
}

/// The checked-in completions and man page are what the binary prints now.
#[test]
fn completions_and_man_page_are_fresh() {
    let generated = [
        (vec!["completions", "bash"], "completions/alacrity.bash"),
        (vec!["completions", "zsh"], "completions/_alacrity"),
        (vec!["completions", "fish"], "completions/alacrity.fish"),
        (
            vec!["completions", "powershell"],
            "completions/_alacrity.ps1",
        ),
        (vec!["completions", "elvish"], "completions/alacrity.elv"),
        (vec!["man"], "man/alacrity.1"),
    ];
    for (args, file) in generated {
        let output = alacrity().args(&args).output().unwrap();
        assert!(output.status.success(), "alacrity {args:?} failed");
        let checked_in = std::fs::read(repo().join(file)).unwrap_or_default();
        assert!(
            output.stdout == checked_in,
            "{file} is stale: run scripts/gen-completions and commit the result"
        );
        assert!(
            output.stdout.len() > 1000,
            "alacrity {args:?} printed almost nothing"
        );
    }
}

#[test]
fn completions_know_the_subcommands() {
    alacrity()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("validate").and(predicate::str::contains("deploy")));
}

#[test]
fn plan_of_an_invalid_spec_is_exit_2_without_the_engine() {
    let spec = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        spec.path(),
        "[apps.db]\nimage = \"x\"\npersistent = true\ninstances = 2\n",
    )
    .unwrap();
    // An engine address that does not exist: the spec is checked before any connection.
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_alacrity"))
        .args(["--host", "unix:///nonexistent/docker.sock", "plan"])
        .arg(spec.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr(&out);
    assert!(stderr.contains("persistent-instances"), "{stderr}");
    assert!(!stderr.contains("cannot reach"), "{stderr}");
}
