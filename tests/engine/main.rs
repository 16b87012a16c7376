//! The engine tests: alacrity against the private Docker swarms that `scripts/test` starts (see
//! `scripts/engine`), one module per feature. They are one test binary, built and run only with
//! the cargo feature `engine-tests`, which `scripts/test` turns on; a plain `cargo test` runs the
//! tests that need no engine and leaves this binary out.
//!
//! With the feature on and no engine, every test here fails (it never skips) and says to run
//! `scripts/test`. One module: `scripts/test --test engine -- deploy::`.
//!
//! All modules share one process, so the swarm locks of [`common::Scope`] (`Scope::exclusive` for a
//! test that stops nodes or holds the swarm-wide deploy lock) cover every engine test.

#[path = "../common/mod.rs"]
mod common;

mod apps;
mod binds;
mod concurrency;
mod data_safety;
mod deploy;
mod faults;
mod files;
mod harness;
mod health;
mod images;
mod json;
mod moving;
mod multinode;
mod observe;
mod plan;
mod portable;
mod prune;
mod registry;
mod releases;
mod remote;
mod resources;
mod retained;
mod scale;
mod security;
mod volumes;
