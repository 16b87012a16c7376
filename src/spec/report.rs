//! How validation results look: a diagnostic as text, the JSON report, the per-file summary.
//!
//! Pure formatting; `Printer::invalid` and `commands::validate` do the printing.

use std::path::Path;

use serde::Serialize;

use super::SpecFile;
use super::diagnostic::{Diagnostic, Invalid};
use super::model::VolumeSource;
use super::source::is_hidden;
use crate::paint::Paint;

/// Paints a piece of text (the printer's colors, or nothing).
pub type PaintFn<'a> = &'a dyn Fn(Paint, &str) -> String;

/// A diagnostic as text: `file:line:col: error[rule] app `x`: message`, the hint, then the
/// offending source line with a caret under the fault.
pub fn render(diagnostic: &Diagnostic, paint: PaintFn<'_>) -> String {
    let mut text = format!(
        "{}: {}",
        paint(Paint::Bold, &printable(&diagnostic.location())),
        paint(Paint::Red, &format!("error[{}]", diagnostic.rule))
    );
    if let Some(app) = &diagnostic.app {
        text.push_str(&format!(" app `{}`", printable(app)));
    }
    text.push_str(": ");
    text.push_str(&printable(&diagnostic.message));
    if let Some(hint) = &diagnostic.hint {
        let hint = printable(hint);
        text.push_str(&format!("\n  {} {hint}", paint(Paint::Cyan, "hint:")));
    }
    if let Some(snippet) = &diagnostic.snippet {
        let gutter = diagnostic.line.to_string();
        let blank = " ".repeat(gutter.len());
        let caret = format!(
            "{}{}",
            " ".repeat(snippet.column - 1),
            "^".repeat(snippet.width)
        );
        text.push_str(&format!(
            "\n  {} {} {}\n  {blank} {} {}",
            paint(Paint::Dim, &gutter),
            paint(Paint::Dim, "|"),
            snippet.text,
            paint(Paint::Dim, "|"),
            paint(Paint::Red, &caret)
        ));
    }
    text
}

/// Text from a spec (an app name, a path) with control and invisible characters escaped, so
/// that a spec cannot move the cursor or change colors of the terminal showing its errors, nor
/// hide or reorder what it shows (zero-width spaces, bidirectional overrides).
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_hidden(c) {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The JSON document of `validate -o json` (and of any command given an invalid spec).
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub valid: bool,
    pub errors: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileSummary>>,
    /// Host paths that could not be looked at here (this machine may not be the app's node).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub unchecked_host_paths: &'a [UncheckedPath],
}

/// A host path `validate` did not look at, where the spec writes it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UncheckedPath {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub app: String,
    pub path: String,
    pub reason: String,
}

impl<'a> Report<'a> {
    pub fn invalid(invalid: &'a Invalid) -> Self {
        Report {
            valid: false,
            errors: &invalid.diagnostics,
            files: None,
            unchecked_host_paths: &[],
        }
    }

    pub fn valid(files: &[SpecFile], unchecked_host_paths: &'a [UncheckedPath]) -> Self {
        Report {
            valid: true,
            errors: &[],
            files: Some(files.iter().map(FileSummary::of).collect()),
            unchecked_host_paths,
        }
    }
}

/// What a valid file declares, counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    pub file: String,
    pub apps: usize,
    pub persistent: usize,
    pub volumes: usize,
    pub host_directories: usize,
}

impl FileSummary {
    pub fn of(file: &SpecFile) -> Self {
        let sources = || file.apps.iter().flat_map(|app| &app.volumes);
        FileSummary {
            file: display(&file.path),
            apps: file.apps.len(),
            persistent: file.apps.iter().filter(|app| app.persistent).count(),
            volumes: sources()
                .filter(|v| matches!(v.source, VolumeSource::Label(_)))
                .count(),
            host_directories: sources()
                .filter(|v| matches!(v.source, VolumeSource::HostPath(_)))
                .count(),
        }
    }

    /// `examples/todo.toml: 2 apps (1 persistent, 1 not), 1 volume, 1 host directory`
    pub fn line(&self) -> String {
        format!(
            "{}: {} ({} persistent, {} not), {}, {}",
            self.file,
            count(self.apps, "app", "apps"),
            self.persistent,
            self.apps - self.persistent,
            count(self.volumes, "volume", "volumes"),
            count(self.host_directories, "host directory", "host directories"),
        )
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Plain text, as `alacrity validate` prints it without color: the location, rule, app and
/// message on the first line, then the hint, then the source line with a caret.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render(self, &|_, text| text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::rule_id::RuleId;
    use crate::spec::source::Source;

    fn plain(_: Paint, text: &str) -> String {
        text.to_string()
    }

    #[test]
    fn a_diagnostic_shows_where_what_how_and_the_line() {
        let source = Source::new("db.toml", "[apps.db]\ninstances = 3\n");
        let diagnostic = Diagnostic::at(RuleId::PersistentInstances, &source, 22..23, "too many")
            .app("db")
            .hint("set instances = 1");
        assert_eq!(
            render(&diagnostic, &plain),
            "db.toml:2:13: error[persistent-instances] app `db`: too many\n  \
             hint: set instances = 1\n  \
             2 | instances = 3\n    |             ^"
        );
    }

    #[test]
    fn control_characters_from_a_spec_are_escaped() {
        let diagnostic = Diagnostic::new(RuleId::AppName, "x.toml", "bad").app("a\u{1b}[2Jb");
        assert!(render(&diagnostic, &plain).contains("app `a\\u{1b}[2Jb`"));
        let diagnostic =
            Diagnostic::new(RuleId::AppName, "x.toml", "bad").app("a\u{202e}b\u{200b}");
        assert!(render(&diagnostic, &plain).contains("app `a\\u{202e}b\\u{200b}`"));
    }

    #[test]
    fn a_diagnostic_without_position_is_one_line() {
        let diagnostic = Diagnostic::new(RuleId::UnreadableFile, "x.toml", "cannot read");
        assert_eq!(
            render(&diagnostic, &plain),
            "x.toml: error[unreadable-file]: cannot read"
        );
    }

    #[test]
    fn json_errors_carry_every_field() {
        let invalid = Invalid {
            diagnostics: vec![Diagnostic::new(RuleId::NoApps, "e.toml", "empty").hint("add one")],
        };
        let json = serde_json::to_value(Report::invalid(&invalid)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"valid": false, "errors": [{
                "file": "e.toml", "line": 0, "column": 0, "app": null,
                "rule": "no-apps", "message": "empty", "hint": "add one"
            }]})
        );
    }
}
