//! One problem found in a spec, and the error that carries them all.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// A problem in a spec: where (file:line:column, app), which rule, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem has no position (e.g. an unreadable file).
    pub line: usize,
    /// 1-based, in characters; 0 when the problem has no position.
    pub column: usize,
    /// The app at fault, when there is one.
    pub app: Option<String>,
    /// A stable id, e.g. `persistent-instances`: scripts can match on it.
    pub rule: &'static str,
    pub message: String,
    /// How to fix it.
    #[serde(skip)]
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": [{}]", self.rule)?;
        if let Some(app) = &self.app {
            write!(f, " app `{app}`:")?;
        }
        write!(f, " {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The specs are invalid: every diagnostic found. Exit code 2.
#[derive(Debug, Clone)]
pub struct Invalid {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.diagnostics.len();
        write!(
            f,
            "{count} error{} in the app specs",
            if count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Invalid {}
