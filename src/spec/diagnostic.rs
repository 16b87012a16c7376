//! One problem found in a spec, and the error that carries them all.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use super::rule_id::RuleId;
use super::source::{Snippet, Source};

/// A problem in a spec: where (file:line:column, app), which rule, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "display_path")]
    pub file: PathBuf,
    /// 1-based; 0 when the problem has no position (e.g. an unreadable file).
    pub line: usize,
    /// 1-based, in characters; 0 when the problem has no position.
    pub column: usize,
    /// The app at fault, when there is one.
    pub app: Option<String>,
    /// A stable id, e.g. `persistent-instances`: scripts can match on it.
    pub rule: RuleId,
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The offending source line, to show with a caret under the fault.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
    /// For a problem in an env file: the spec file that names it (the count of spec files with
    /// errors counts that one).
    #[serde(skip)]
    pub spec_file: Option<PathBuf>,
}

impl Diagnostic {
    /// A diagnostic about a whole file, with no position yet; see `at`, `app` and `hint`.
    pub fn new(rule: RuleId, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            app: None,
            rule,
            message: message.into(),
            hint: None,
            snippet: None,
            spec_file: None,
        }
    }

    /// A diagnostic pointing at `span` (byte offsets) of `source`.
    pub fn at(
        rule: RuleId,
        source: &Source,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let position = source.position(span.start);
        Diagnostic {
            line: position.line,
            column: position.column,
            snippet: Some(source.snippet(span)),
            ..Diagnostic::new(rule, source.path(), message)
        }
    }

    /// The app at fault. A name too long to be valid (the app-name rule says so) is shortened:
    /// every diagnostic of the app repeats it.
    pub fn app(mut self, app: impl Into<String>) -> Self {
        self.app = Some(shorten(&app.into()).into_owned());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column`, or just `file` when there is no position.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }
}

/// Longest piece of spec text (an app name, a path) that a message quotes whole.
const MAX_QUOTED: usize = 100;

/// `text`, cut to `MAX_QUOTED` characters followed by `...` when longer: for messages that quote
/// spec text written elsewhere, so that the size of the report stays in proportion to the spec.
pub fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((at, _)) => Cow::Owned(format!("{}...", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// Paths as text even when they are not UTF-8 (serde refuses such a `PathBuf`).
fn display_path<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.display().to_string())
}

/// The specs are invalid: every diagnostic found. Exit code 2.
#[derive(Debug, Clone)]
pub struct Invalid {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.diagnostics.len();
        let files: std::collections::BTreeSet<&Path> = self
            .diagnostics
            .iter()
            .map(|d| d.spec_file.as_deref().unwrap_or(&d.file))
            .collect();
        write!(
            f,
            "{count} error{} in {} app spec file{}",
            plural(count),
            files.len(),
            plural(files.len())
        )
    }
}

impl std::error::Error for Invalid {}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_text_is_shortened_by_characters() {
        assert_eq!(shorten("web"), "web");
        let long = "é".repeat(MAX_QUOTED + 1);
        assert_eq!(shorten(&long), format!("{}...", "é".repeat(MAX_QUOTED)));
        assert_eq!(shorten(&long[..2 * MAX_QUOTED]), long[..2 * MAX_QUOTED]);
        let diagnostic = Diagnostic::new(RuleId::AppName, "a.toml", "bad").app("a".repeat(5000));
        assert_eq!(diagnostic.app.unwrap().len(), MAX_QUOTED + 3);
    }
}
