//! All output goes through one `Printer`: data on stdout; progress, messages and hints on stderr.
//!
//! `--quiet` silences messages (data and errors still print), `--verbose` adds detail.
//! Color is decided once, here: only on a terminal, never with `NO_COLOR`, unless `--color` says so.

use std::fmt::Display;
use std::io::{IsTerminal, Write};

use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs, OutputFormat};
use crate::spec::Invalid;
use crate::spec::report::{self, Report};

#[derive(Debug, Clone)]
pub struct Printer {
    quiet: bool,
    verbose: u8,
    color: bool,
    output: OutputFormat,
    stderr_is_terminal: bool,
}

/// A piece of text and how to paint it.
#[derive(Debug, Clone, Copy)]
pub enum Paint {
    Bold,
    Dim,
    Red,
    Green,
    Yellow,
    Cyan,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Bold => "1",
            Paint::Dim => "2",
            Paint::Red => "31",
            Paint::Green => "32",
            Paint::Yellow => "33",
            Paint::Cyan => "36",
        }
    }
}

impl Printer {
    pub fn new(args: &GlobalArgs) -> Self {
        let stderr_is_terminal = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && stderr_is_terminal && std::io::stdout().is_terminal(),
        };
        Printer {
            quiet: args.quiet,
            verbose: args.verbose,
            color,
            output: args.output,
            stderr_is_terminal,
        }
    }

    /// A printer for tests: no color, no terminal, the given output format.
    pub fn plain(output: OutputFormat) -> Self {
        Printer {
            quiet: false,
            verbose: 0,
            color: false,
            output,
            stderr_is_terminal: false,
        }
    }

    pub fn output(&self) -> OutputFormat {
        self.output
    }

    pub fn is_json(&self) -> bool {
        self.output == OutputFormat::Json
    }

    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    pub fn verbosity(&self) -> u8 {
        self.verbose
    }

    /// Whether a live display (spinners, redrawn lines) fits: stderr is a terminal and not quiet.
    pub fn is_interactive(&self) -> bool {
        self.stderr_is_terminal && !self.quiet
    }

    /// `text` in the given style when color is on, as is otherwise.
    pub fn paint(&self, paint: Paint, text: impl Display) -> String {
        if self.color {
            format!("\x1b[{}m{text}\x1b[0m", paint.code())
        } else {
            text.to_string()
        }
    }

    /// Data: the result of the command, on stdout, always printed.
    pub fn data(&self, text: impl Display) {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`alacrity apps ls | head -1`) is not an error worth reporting.
        let _ = writeln!(out, "{text}");
    }

    /// Data as pretty JSON on stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value).expect("serializing plain data never fails");
        self.data(text);
    }

    /// A message about what happens, on stderr; silenced by --quiet.
    pub fn info(&self, text: impl Display) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// Detail shown with --verbose.
    pub fn detail(&self, text: impl Display) {
        if self.verbose > 0 && !self.quiet {
            eprintln!("{}", self.paint(Paint::Dim, text));
        }
    }

    /// Trace shown with -vv (e.g. every engine API call).
    pub fn trace(&self, text: impl Display) {
        if self.verbose > 1 && !self.quiet {
            eprintln!("{}", self.paint(Paint::Dim, text));
        }
    }

    pub fn warn(&self, text: impl Display) {
        if !self.quiet {
            eprintln!("{} {text}", self.paint(Paint::Yellow, "warning:"));
        }
    }

    /// A hint: what to do next, usually the exact command to run.
    pub fn hint(&self, text: impl Display) {
        if !self.quiet {
            eprintln!("{} {text}", self.paint(Paint::Cyan, "hint:"));
        }
    }

    /// An error with its cause chain, on stderr, even with --quiet. An invalid spec anywhere in
    /// the chain is shown in full first (every diagnostic), so that any command can simply
    /// return `spec::load`'s error.
    pub fn error(&self, err: &anyhow::Error) {
        if let Some(invalid) = err
            .chain()
            .find_map(|cause| cause.downcast_ref::<Invalid>())
        {
            self.invalid(invalid);
        }
        eprintln!("{}", self.format_error(err));
    }

    /// Every diagnostic of an invalid spec: the JSON report on stdout with `--output json`,
    /// else text on stderr (even with --quiet: they are errors).
    pub fn invalid(&self, invalid: &Invalid) {
        if self.is_json() {
            self.json(&Report::invalid(invalid));
            return;
        }
        let paint = |paint: Paint, text: &str| self.paint(paint, text);
        for diagnostic in &invalid.diagnostics {
            eprintln!("{}\n", report::render(diagnostic, &paint));
        }
    }

    pub fn format_error(&self, err: &anyhow::Error) -> String {
        let mut text = format!("{} {err}", self.paint(Paint::Red, "error:"));
        for cause in err.chain().skip(1) {
            text.push_str(&format!(
                "\n  {} {cause}",
                self.paint(Paint::Dim, "caused by:")
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn errors_print_their_cause_chain() {
        let err = Err::<(), _>(anyhow::anyhow!("connection refused"))
            .context("cannot reach the Docker engine")
            .unwrap_err();
        let text = Printer::plain(OutputFormat::Table).format_error(&err);
        assert_eq!(
            text,
            "error: cannot reach the Docker engine\n  caused by: connection refused"
        );
    }

    #[test]
    fn no_color_means_plain_text() {
        assert_eq!(
            Printer::plain(OutputFormat::Table).paint(Paint::Red, "x"),
            "x"
        );
    }
}
