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
fn version_is_the_crate_version() {
    alacrity()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("alacrity {}\n", env!("CARGO_PKG_VERSION")));
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
