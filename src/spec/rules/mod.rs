//! The rules of an app spec that need no engine: raw apps in, diagnostics out.
//!
//! Pure: the only view of the host is the `HostFs` passed in (a fake in tests). Each rule has a
//! stable id (`RuleId`), a message saying what is wrong and a hint saying how to fix it.
//!
//! - `app`: one app's fields (name, image, instances, command, env, labels, ports, node).
//! - `resources`: one app's resources and restart policy (sizes, CPUs, durations, conditions).
//! - `healthcheck`: one app's health check (its test, durations and retries).
//! - `files`: one app's secrets and config files (names, sources, targets, modes).
//! - `volume`: one app's persistent directories (labels, host paths, container paths).
//! - `across`: what must be unique across every app of every file (names, labels, host paths, ports).

mod across;
mod app;
mod files;
mod healthcheck;
mod resources;
mod volume;

/// Why a volume label is not one Docker accepts (`volumes rm` checks names with it too).
pub(crate) use volume::label_problem;
pub use volume::{HostPathProblem, host_path_problem};

use std::ops::Range;

use super::diagnostic::Diagnostic;
use super::paths::HostFs;
use super::raw::{Field, RawApp};
use super::rule_id::RuleId;
use super::source::Source;

/// One file, parsed: its text (for positions) and its apps.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub source: Source,
    pub apps: Vec<RawApp>,
    /// The file's `project`, as written.
    pub project: Option<Field<String>>,
}

/// Every rule, on every app of every file, all problems at once.
pub fn check(files: &[ParsedFile], host: &dyn HostFs) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for file in files {
        if let Some(project) = &file.project {
            diagnostics.extend(project_problem(&project.value).map(|(message, hint)| {
                Diagnostic::at(
                    RuleId::ProjectName,
                    &file.source,
                    project.span.clone(),
                    message,
                )
                .hint(hint)
            }));
        }
        for app in &file.apps {
            let mut report = AppReport {
                source: &file.source,
                app: &app.name,
                diagnostics: &mut diagnostics,
            };
            app::check(app, &mut report);
            resources::check(app, &mut report);
            healthcheck::check(app, &mut report);
            volume::check(app, host, &mut report);
            files::check(app, &mut report);
        }
    }
    across::check(files, host, &mut diagnostics);
    diagnostics
}

/// What is wrong with a `project` name, and how to fix it.
fn project_problem(name: &str) -> Option<(String, String)> {
    let fixed = super::project::project_name(name);
    if fixed.as_deref() == Some(name) {
        return None;
    }
    let message = match name.is_empty() {
        true => "`project` is empty".to_string(),
        false => format!(
            "the project name `{}` is not 1 to 63 of a-z, 0-9, - and _, starting with a letter \
             or digit",
            super::diagnostic::shorten(name)
        ),
    };
    let hint = match fixed {
        Some(fixed) => format!("write it as project = \"{fixed}\""),
        None => "name the project with lowercase letters and digits, e.g. project = \"shop\""
            .to_string(),
    };
    Some((message, hint))
}

/// Where the problems of one app go.
struct AppReport<'a> {
    source: &'a Source,
    app: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl AppReport<'_> {
    fn error(
        &mut self,
        rule: RuleId,
        span: Range<usize>,
        message: String,
        hint: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::at(rule, self.source, span, message)
            .app(self.app)
            .hint(hint);
        self.diagnostics.push(diagnostic);
    }
}

/// `file:line:column` of a span, to point from one diagnostic at a second place.
fn location(source: &Source, span: &Range<usize>) -> String {
    let position = source.position(span.start);
    format!(
        "{}:{}:{}",
        source.path().display(),
        position.line,
        position.column
    )
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs specs written inline through the parser and the rules, for the rules' unit tests.

    use crate::spec::paths::FakeHostFs;
    use crate::spec::rule_id::RuleId;
    use crate::spec::source::Source;
    use crate::spec::{Diagnostic, load_sources};

    /// Every diagnostic of the given files (named a.toml, b.toml, ...) on a fake host.
    pub fn diagnostics(files: &[&str], host: &FakeHostFs) -> Vec<Diagnostic> {
        let sources = files
            .iter()
            .zip('a'..)
            .map(|(text, name)| Source::new(format!("{name}.toml"), *text))
            .collect();
        match load_sources(sources, host) {
            Ok(_) => Vec::new(),
            Err(invalid) => invalid.diagnostics,
        }
    }

    /// The rule ids broken by one file, on a host with /srv/data and /srv/data2.
    pub fn rules(text: &str) -> Vec<RuleId> {
        rules_on(&[text], &host())
    }

    pub fn rules_on(files: &[&str], host: &FakeHostFs) -> Vec<RuleId> {
        diagnostics(files, host).iter().map(|d| d.rule).collect()
    }

    pub fn host() -> FakeHostFs {
        FakeHostFs::new()
            .dir("/srv/data")
            .dir("/srv/data/uploads")
            .dir("/srv/data2")
            .file("/srv/file")
    }

    /// `[apps.web]` with an image and the given extra lines.
    pub fn web(lines: &str) -> String {
        format!("[apps.web]\nimage = \"nginx:1.27\"\n{lines}\n")
    }

    /// `[apps.db]`, persistent, with an image and the given extra lines.
    pub fn db(lines: &str) -> String {
        format!("[apps.db]\nimage = \"postgres:16\"\npersistent = true\n{lines}\n")
    }
}
