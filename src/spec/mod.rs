//! App specs: TOML files -> validated apps, or every error at once with file:line:column.
//!
//! - `model`: the validated app model (App, Volume, Port), no positions, no I/O.
//! - `diagnostic`: one error found in a spec (file, line, column, app, rule id, message, hint).
//!
//! TEMPORARY: `load` below parses without spans or rules; the foundation work replaces its
//! internals (parser with spans, the rules) and keeps its signature.

pub mod diagnostic;
pub mod model;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Invalid};
pub use model::{App, Port, Protocol, Volume, VolumeSource};

/// Every app of the files given, validated.
#[derive(Debug, Clone)]
pub struct Spec {
    pub files: Vec<SpecFile>,
}

/// The apps of one file, in the order the file declares them.
#[derive(Debug, Clone)]
pub struct SpecFile {
    pub path: PathBuf,
    pub apps: Vec<App>,
}

impl Spec {
    pub fn apps(&self) -> impl Iterator<Item = &App> {
        self.files.iter().flat_map(|file| file.apps.iter())
    }
}

/// Reads, parses and validates spec files, checking every rule that needs no engine.
///
/// On failure, `Invalid` carries every diagnostic of every file (not just the first).
pub fn load(paths: &[PathBuf]) -> Result<Spec, Invalid> {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        match load_file(path) {
            Ok(file) => files.push(file),
            Err(mut found) => diagnostics.append(&mut found),
        }
    }
    if diagnostics.is_empty() {
        Ok(Spec { files })
    } else {
        Err(Invalid { diagnostics })
    }
}

fn load_file(path: &Path) -> Result<SpecFile, Vec<Diagnostic>> {
    let _ = path;
    Err(vec![])
}
