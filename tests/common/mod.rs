//! Helpers shared by the integration tests. An engine-free test file that needs them starts with
//! `mod common;`; the engine tests (tests/engine/main.rs) include this module once, with
//! `#[path = "../common/mod.rs"] mod common;`, and their modules `use crate::common::*;`.
//!
//! The engines are the private swarms that `scripts/test` starts (see `scripts/engine`): never the
//! machine's default engine. The engine tests are built only with the cargo feature `engine-tests`
//! (`scripts/test` turns it on); with it and without the engines, an engine test fails (it never
//! skips) and says to run `scripts/test`.
//!
//! - [`engine`]: [`Swarm::single`] (the one-node swarm), [`Swarm::cluster`] (the three-node swarm),
//!   the docker CLI and alacrity against them ([`Swarm::service_exists`]), [`test_image`].
//! - [`scope`]: [`Scope`], one per test: unique names, directories (`host_dir`: on every node;
//!   `node_local_dir`: on node1 of the cluster only; `host_only_dir`: on no node), services made
//!   with the docker CLI, not by alacrity (`foreign_service`), cleanup in `Drop` (even when the
//!   test panics), and node faults (`stop_node` / `start_node`) for exclusive scopes.
//! - [`wait`]: bounded polling ([`wait_until`], [`wait_for`]) instead of sleeps.
//! - [`spec_check`]: what must hold for any bytes given as a spec (the fuzzer checks the same).
//! - [`terminal`]: [`alacrity_on_terminal`], to answer prompts on a pseudo-terminal;
//!   [`TerminalSession`], to act between a question and its answer.
//! - [`hook`]: [`Hook`], a command held at a test hook while the test acts (races made real).
//! - [`process`]: [`Running`], alacrity in the background (act while it runs: Ctrl-C, faults).
//! - [`data`]: files written into an app's persistent directories and their checksums, compared
//!   before and after a fault.
//! - [`registry`]: [`Registry`], the private registry `scripts/registry` starts (TLS, credentials):
//!   push a variant of the test image ([`Registry::push`]), a docker config or a credential helper
//!   that gives its credentials, what a tag points at ([`Registry::digest_of`]).
//! - here: [`alacrity`] without an engine, [`fixture`], [`host_fixtures`], [`stdout`], [`stderr`].
//!
//! ```ignore
//! // tests/engine/NAME.rs, with `mod NAME;` in tests/engine/main.rs
//! use crate::common::*;
//!
//! #[test]
//! fn deploys_a_database() {
//!     let scope = Scope::new(&Swarm::single());
//!     let app = scope.name("db");
//!     let spec = scope.write_file("app.toml", &format!("[apps.{app}]\nimage = \"{}\"\n", test_image()));
//!     scope.alacrity().arg("deploy").arg(&spec).assert().success();
//!     wait_until(secs(60), "the app runs", || scope.running_nodes(&app).len() == 1);
//! }
//! ```

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code, unused_imports)]

pub mod data;
pub mod engine;
pub mod hook;
pub mod process;
pub mod registry;
pub mod scope;
pub mod spec_check;
pub mod terminal;
pub mod wait;

pub use data::*;
pub use engine::*;
pub use hook::*;
pub use process::*;
pub use registry::*;
pub use scope::*;
pub use terminal::*;
pub use wait::*;

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
