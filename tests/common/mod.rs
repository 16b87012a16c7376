//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test crate uses a different subset

use std::path::{Path, PathBuf};

/// `alacrity` as built for this test run, started in the repository root without colors.
pub fn alacrity() -> assert_cmd::Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("alacrity");
    command.current_dir(repo()).env("NO_COLOR", "1");
    command
}

/// The repository root: paths in tests are relative to it, as in the README.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file or directory under tests/fixtures, relative to the repository root.
pub fn fixture(path: &str) -> PathBuf {
    Path::new("tests/fixtures").join(path)
}

/// The host paths the fixtures refer to: /tmp/alacrity-fixtures/data (a directory) and
/// /tmp/alacrity-fixtures/file (a file). Host paths must be absolute, so the fixtures cannot
/// point into a temporary directory of their own; creating these is idempotent.
pub fn host_fixtures() {
    let root = Path::new("/tmp/alacrity-fixtures");
    std::fs::create_dir_all(root.join("data")).expect("create /tmp/alacrity-fixtures/data");
    if !root.join("file").is_file() {
        std::fs::write(root.join("file"), "a file, not a directory\n")
            .expect("create /tmp/alacrity-fixtures/file");
    }
}

/// stdout of a finished command, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr of a finished command, as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
