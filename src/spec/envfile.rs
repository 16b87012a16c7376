//! Env files (`env_file = ["prod.env"]`): their lines -> variables, or diagnostics at the env
//! file's own lines. Pure: the loader reads the file and hands in its bytes and a way to look up
//! alacrity's own environment.
//!
//! The format is docker's (`docker run --env-file`, `docker stack deploy`'s `env_file`, the
//! docker CLI's `pkg/kvfile`), read the same way:
//!
//! - the file is UTF-8 (a byte-order mark at the start is dropped); lines end with `\n` or
//!   `\r\n`;
//! - whitespace at the start of a line is dropped; empty lines and lines starting with `#` are
//!   skipped (a `#` anywhere else is part of the value);
//! - `NAME=value` sets NAME to everything after the first `=`, as is: quotes are part of the
//!   value, and so is whitespace at its end; no `$VARIABLE` is expanded;
//! - `NAME` alone takes NAME's value from the environment of the process running alacrity
//!   (empty if it is set and empty), and sets nothing when NAME is not set there;
//! - a name is not empty and has no space or tab; a later line sets the same name again.
//!
//! docker stops at the first malformed line; alacrity reports every one. Values never appear in
//! a diagnostic: the line at fault is shown with its value replaced (`NAME=<value not shown>`),
//! since an env file is where values that must stay out of the spec (and out of CI logs) go.

use std::ffi::OsString;
use std::path::Path;

use super::diagnostic::{Diagnostic, shorten};
use super::rule_id::RuleId;
use super::source::Source;

/// What replaces a value in the lines diagnostics show.
pub const HIDDEN_VALUE: &str = "<value not shown>";

/// The variables of one env file, in the file's order, and its problems.
#[derive(Debug, Default)]
pub struct EnvFile {
    pub variables: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads an env file's bytes as docker does. `path` names it in diagnostics, `app` is the app
/// whose `env_file` names it, and `lookup` gives a variable of alacrity's environment.
pub fn parse(
    path: &Path,
    bytes: &[u8],
    app: &str,
    lookup: &dyn Fn(&str) -> Option<OsString>,
) -> EnvFile {
    let source = Source::new(path, String::from_utf8_lossy(bytes).into_owned());
    let mut file = EnvFile::default();
    let mut report = Report {
        source: &source,
        app,
        diagnostics: &mut file.diagnostics,
    };
    let mut start = 0;
    for raw in bytes.split(|&b| b == b'\n') {
        // The lossy text has the same lines (a replacement never swallows a newline), each as
        // long as its bytes once an invalid sequence is replaced.
        let line_text = String::from_utf8_lossy(raw);
        let line = Line {
            start,
            text: &line_text,
        };
        start += line_text.len() + 1;
        if let Err(err) = std::str::from_utf8(raw) {
            report.not_utf8(&line, err.valid_up_to());
            continue;
        }
        if let Some(variable) = read_line(&line, lookup, &mut report) {
            file.variables.push(variable);
        }
    }
    file
}

/// One line of the file: where it starts in the text, and its text (without the `\n`).
struct Line<'t> {
    start: usize,
    text: &'t str,
}

/// One line: a variable, nothing (a comment, a blank line, a name not set in the environment),
/// or a problem reported.
fn read_line(
    line: &Line<'_>,
    lookup: &dyn Fn(&str) -> Option<OsString>,
    report: &mut Report<'_>,
) -> Option<(String, String)> {
    // Like docker's line scanner: one `\r` before the `\n` goes with the line ending.
    let without_cr = line.text.strip_suffix('\r').unwrap_or(line.text);
    let text = match line.start {
        0 => without_cr.strip_prefix('\u{feff}').unwrap_or(without_cr),
        _ => without_cr,
    };
    let trimmed = text.trim_start();
    // Where the trimmed text starts in the line: after the BOM and the leading whitespace.
    let offset = (without_cr.len() - text.len()) + (text.len() - trimmed.len());
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let (name, value) = match trimmed.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (trimmed, None),
    };
    let name_at = line.start + offset;
    let name_span = name_at..name_at + name.len();
    if name.is_empty() {
        report.error(
            RuleId::EnvFileFormat,
            name_at..name_at + 1,
            "the line has no variable name before its `=`".to_string(),
            "write NAME=value, e.g. LOG_LEVEL=info",
        );
        return None;
    }
    if name.contains([' ', '\t']) {
        report.whitespace_in_name(name, name_span, value.is_some());
        return None;
    }
    if name.contains('\0') {
        report.error(
            RuleId::EnvFileFormat,
            name_span,
            "the variable name has a NUL character".to_string(),
            "remove the NUL: a name is letters, digits and _, e.g. LOG_LEVEL=info",
        );
        return None;
    }
    let value = match value {
        Some(value) => value.to_string(),
        None => match lookup(name)?.into_string() {
            Ok(value) => value,
            Err(_) => {
                report.error(
                    RuleId::EnvFileFormat,
                    name_span,
                    format!(
                        "{} takes its value from alacrity's environment, where it is not UTF-8 \
                         text",
                        shown(name)
                    ),
                    "set the variable to UTF-8 text in the environment alacrity runs in",
                );
                return None;
            }
        },
    };
    if value.contains('\0') {
        report.error(
            RuleId::NulCharacter,
            name_span,
            format!(
                "the environment variable {} has a NUL character in its value",
                shown(name)
            ),
            "remove the NUL: a process cannot receive one in its environment",
        );
        return None;
    }
    Some((name.to_string(), value))
}

/// A name in a message: shortened, with invisible characters escaped.
fn shown(name: &str) -> String {
    shorten(name).escape_debug().to_string()
}

/// Where the problems of one env file go.
struct Report<'a> {
    source: &'a Source,
    app: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    /// A diagnostic at `span` of the file, showing its line without its value.
    fn error(
        &mut self,
        rule: RuleId,
        span: std::ops::Range<usize>,
        message: String,
        hint: impl Into<String>,
    ) {
        let mut diagnostic = Diagnostic::at(rule, self.source, span.clone(), message)
            .app(self.app)
            .hint(hint);
        diagnostic.snippet = Some(hidden_value_snippet(self.source, span));
        self.diagnostics.push(diagnostic);
    }

    fn not_utf8(&mut self, line: &Line<'_>, valid_up_to: usize) {
        let at = line.start + valid_up_to;
        self.error(
            RuleId::EnvFileFormat,
            at..at + 1,
            "the line is not UTF-8 text".to_string(),
            "save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)",
        );
    }

    fn whitespace_in_name(&mut self, name: &str, span: std::ops::Range<usize>, has_value: bool) {
        let hint = if name.starts_with("export ") {
            "remove `export `: an env file holds NAME=value lines, not shell commands"
        } else if has_value {
            "remove the whitespace before `=`: a name is letters, digits and _, and everything \
             after `=` is the value (NAME=value)"
        } else {
            "write NAME=value, or NAME alone to take its value from alacrity's environment"
        };
        let message = match has_value {
            true => format!("the variable name \"{}\" contains whitespace", shown(name)),
            // A line without `=` is not quoted: it may be a value that lost its name.
            false => "the line has whitespace and no `=`: it is no NAME=value".to_string(),
        };
        self.error(RuleId::EnvFileFormat, span, message, hint);
    }
}

/// The snippet of the line holding `span`, with the line's value (what follows its first `=`)
/// replaced by `HIDDEN_VALUE`, and the caret on what stays (the name, or where the value was).
fn hidden_value_snippet(source: &Source, span: std::ops::Range<usize>) -> super::Snippet {
    let text = &source.text;
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |at| line_start + at);
    let line = &text[line_start..line_end];
    let (shown, kept) = match line.find('=') {
        Some(at) if !line[at + 1..].trim_end_matches('\r').is_empty() => {
            (format!("{}{HIDDEN_VALUE}", &line[..=at]), at + 1)
        }
        _ => (line.to_string(), line.len()),
    };
    let start = (span.start - line_start).min(kept);
    let end = (span.end.max(span.start) - line_start).min(kept).max(start);
    let end = match end == start {
        // Nothing of the span is left: underline the placeholder's first character.
        true => start + 1,
        false => end,
    };
    Source::new("", shown).snippet(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> EnvFile {
        read_bytes(text.as_bytes())
    }

    fn read_bytes(bytes: &[u8]) -> EnvFile {
        let lookup = |name: &str| match name {
            "FROM_ENV" => Some(OsString::from("from the environment")),
            "EMPTY_IN_ENV" => Some(OsString::new()),
            _ => None,
        };
        parse(Path::new("prod.env"), bytes, "web", &lookup)
    }

    fn variables(text: &str) -> Vec<(String, String)> {
        let file = read(text);
        assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
        file.variables
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn lines_are_read_as_docker_reads_them() {
        let text = "\u{feff}# a comment\n\
                    \n\
                    LOG_LEVEL=info\n   \tINDENTED=yes\n\
                    QUOTED=\"kept\" \n\
                    EMPTY=\n\
                    EQUALS=a=b#c\n\
                    FROM_ENV\n\
                    EMPTY_IN_ENV\n\
                    NOT_SET\n\
                    WINDOWS=crlf\r\n\
                    \u{a0}NBSP=dropped as leading whitespace\n\
                    LOG_LEVEL=debug\n\
                    \t# an indented comment\n\
                    LAST=no newline";
        assert_eq!(
            variables(text),
            pairs(&[
                ("LOG_LEVEL", "info"),
                ("INDENTED", "yes"),
                ("QUOTED", "\"kept\" "),
                ("EMPTY", ""),
                ("EQUALS", "a=b#c"),
                ("FROM_ENV", "from the environment"),
                ("EMPTY_IN_ENV", ""),
                ("WINDOWS", "crlf"),
                ("NBSP", "dropped as leading whitespace"),
                ("LOG_LEVEL", "debug"),
                ("LAST", "no newline"),
            ])
        );
        assert_eq!(variables(""), pairs(&[]));
        assert_eq!(variables("A=1\r\r\n"), pairs(&[("A", "1\r")]));
    }

    #[test]
    fn malformed_lines_are_reported_at_their_line_and_column() {
        let file = read("OK=1\n  BAD NAME=secret\n=nothing\nexport X=1\nA\0B=1\nlone words\n");
        let found: Vec<(RuleId, usize, usize)> = file
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.line, d.column))
            .collect();
        assert_eq!(
            found,
            [
                (RuleId::EnvFileFormat, 2, 3),
                (RuleId::EnvFileFormat, 3, 1),
                (RuleId::EnvFileFormat, 4, 1),
                (RuleId::EnvFileFormat, 5, 1),
                (RuleId::EnvFileFormat, 6, 1),
            ]
        );
        assert_eq!(file.variables, pairs(&[("OK", "1")]));
        let first = &file.diagnostics[0];
        assert_eq!(first.file, Path::new("prod.env"));
        assert_eq!(first.app.as_deref(), Some("web"));
        assert!(first.message.contains("\"BAD NAME\""), "{}", first.message);
        assert!(
            file.diagnostics[2]
                .hint
                .as_deref()
                .unwrap()
                .contains("export")
        );
        assert!(!file.diagnostics[4].message.contains("lone"));
    }

    #[test]
    fn no_value_is_ever_shown() {
        let file = read("BAD NAME=hunter2\nGOOD=1\nX=a\0hunter2\n");
        assert_eq!(file.diagnostics.len(), 2);
        for diagnostic in &file.diagnostics {
            let text = format!("{diagnostic:?}");
            assert!(!text.contains("hunter2"), "{text}");
            assert!(text.contains(HIDDEN_VALUE), "{text}");
        }
        let snippet = file.diagnostics[0].snippet.as_ref().unwrap();
        assert_eq!(snippet.text, "BAD NAME=<value not shown>");
        assert_eq!((snippet.column, snippet.width), (1, 8));
        assert_eq!(file.diagnostics[1].rule, RuleId::NulCharacter);
        assert_eq!(file.diagnostics[1].line, 3);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_reported_and_the_others_read() {
        let file = read_bytes(b"A=1\nB=caf\xe9 au lait\nC=3\n");
        assert_eq!(file.variables, pairs(&[("A", "1"), ("C", "3")]));
        let diagnostic = &file.diagnostics[0];
        assert_eq!(
            (diagnostic.rule, diagnostic.line, diagnostic.column),
            (RuleId::EnvFileFormat, 2, 6)
        );
        let snippet = diagnostic.snippet.as_ref().unwrap();
        assert_eq!(snippet.text, "B=<value not shown>");
        assert_eq!(snippet.column, 3, "the caret where the value was");
        // A bad byte in the name is shown where it is.
        let file = read_bytes(b"\xffA=1\n");
        assert_eq!(file.diagnostics[0].column, 1);
    }

    #[test]
    fn a_value_from_the_environment_that_is_not_utf8_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let lookup = |_: &str| Some(OsString::from_vec(vec![0xff]));
        let file = parse(Path::new("x.env"), b"RAW\n", "web", &lookup);
        assert_eq!(file.diagnostics[0].rule, RuleId::EnvFileFormat);
        assert!(file.variables.is_empty());
    }
}
