//! Records the git commit alacrity is built from, for `alacrity --version`.
//!
//! ALACRITY_COMMIT, when set, is the commit (a build from a tarball, or a packager who knows it);
//! else `git rev-parse --short HEAD` with `-dirty` when tracked files differ from it; else
//! "unknown" (no git, or not a clone). `cargo build` works the same without git.
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=ALACRITY_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = match std::env::var("ALACRITY_COMMIT") {
        Ok(commit) if !commit.trim().is_empty() => commit.trim().to_string(),
        _ => from_git().unwrap_or_else(|| "unknown".to_string()),
    };
    println!("cargo:rustc-env=ALACRITY_COMMIT={commit}");
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn from_git() -> Option<String> {
    let commit = git(&["rev-parse", "--short", "HEAD"]).filter(|c| !c.is_empty())?;
    // Built again when the commit, the index or a source file changes (so the dirty mark follows
    // edits of the sources; the files of a worktree's git dir are found by git itself). Only files
    // that exist: cargo takes a missing one as changed, and would build the crate every time.
    let mut watched: Vec<String> = ["HEAD", "index", "packed-refs"]
        .iter()
        .filter_map(|path| git(&["rev-parse", "--git-path", path]))
        .collect();
    if let Some(head_ref) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(file) = git(&["rev-parse", "--git-path", &head_ref])
    {
        watched.push(file);
    }
    for file in watched.iter().filter(|f| PathBuf::from(f).exists()) {
        println!("cargo:rerun-if-changed={file}");
    }
    for path in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={path}");
    }
    // --no-optional-locks: status must not refresh (write) the index, which would make the next
    // build run this script, and so compile the crate, again.
    let dirty = git(&[
        "--no-optional-locks",
        "status",
        "--porcelain",
        "--untracked-files=no",
    ])
    .is_some_and(|s| !s.is_empty());
    Some(if dirty {
        format!("{commit}-dirty")
    } else {
        commit
    })
}
