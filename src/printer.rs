//! All output goes through one `Printer`: data on stdout; progress, messages and hints on stderr.
//!
//! `--quiet` silences messages (data and errors still print), `--verbose` adds detail.
//!
//! The Printer owns the terminal. It decides once, when it is made, whether stdin, stdout and
//! stderr are terminals; from that it decides color (only on a terminal, never with `NO_COLOR`,
//! unless `--color` says so), whether progress is drawn live ([`Printer::progress`]) and whether
//! a confirmation can be asked ([`Printer::confirm`]). No other module looks at the terminal.
//!
//! [`Printer::buffered`] prints into memory instead, for tests: a command's view rendered
//! through it can be compared with a golden file, with no engine and no terminal.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::bail;
use dialoguer::console::Term;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs, OutputFormat};
use crate::exit::{ErrorEntry, Interrupted, error_entries};
pub use crate::paint::Paint;
use crate::spec::Invalid;
use crate::spec::report;

#[derive(Debug, Clone)]
pub struct Printer {
    quiet: bool,
    verbose: u8,
    color: bool,
    output: OutputFormat,
    terminals: Terminals,
    sink: Sink,
    /// With `--output json`: the command's one JSON document, printed by [`Printer::finish`].
    document: Arc<Mutex<Document>>,
}

/// The JSON document of a command, as it is built: its data, and the errors reported.
#[derive(Debug, Default)]
struct Document {
    data: Option<serde_json::Value>,
    errors: Vec<ErrorEntry>,
}

/// Which of the standard streams are terminals, looked at once.
#[derive(Debug, Clone, Copy, Default)]
struct Terminals {
    stdin: bool,
    stdout: bool,
    stderr: bool,
}

/// Where the text goes.
#[derive(Debug, Clone)]
enum Sink {
    /// The process's stdout and stderr.
    Std,
    /// Memory (see [`Printer::buffered`]).
    Buffer(Arc<Mutex<Captured>>),
}

/// What a buffered printer printed, stream by stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captured {
    pub stdout: String,
    pub stderr: String,
}

/// The other end of a buffered printer: what it printed so far.
#[derive(Debug, Clone)]
pub struct Buffers(Arc<Mutex<Captured>>);

impl Buffers {
    /// Everything printed so far (and still kept).
    pub fn captured(&self) -> Captured {
        self.lock().clone()
    }

    /// Everything printed so far, emptying the buffers.
    pub fn take(&self) -> Captured {
        std::mem::take(&mut *self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, Captured> {
        lock(&self.0)
    }
}

fn lock(captured: &Mutex<Captured>) -> MutexGuard<'_, Captured> {
    // A panic while printing leaves the text as it was: still worth reading.
    captured
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Printer {
    /// The printer of the command line: the only place that looks at the terminal.
    pub fn new(args: &GlobalArgs) -> Self {
        let terminals = Terminals {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminals.stderr && std::io::stdout().is_terminal(),
        };
        Printer {
            quiet: args.quiet,
            verbose: args.verbose,
            color,
            output: args.output,
            terminals,
            sink: Sink::Std,
            document: Arc::default(),
        }
    }

    /// A printer for tests: no color, no terminal, the given output format.
    pub fn plain(output: OutputFormat) -> Self {
        Printer {
            quiet: false,
            verbose: 0,
            color: false,
            output,
            terminals: Terminals::default(),
            sink: Sink::Std,
            document: Arc::default(),
        }
    }

    /// A printer into memory: like [`Printer::plain`] (no color, no terminal, so no live
    /// progress and no prompt), but what goes to stdout and stderr is kept in the returned
    /// [`Buffers`].
    pub fn buffered(output: OutputFormat) -> (Self, Buffers) {
        let captured = Arc::new(Mutex::new(Captured::default()));
        let printer = Printer {
            sink: Sink::Buffer(captured.clone()),
            ..Printer::plain(output)
        };
        (printer, Buffers(captured))
    }

    /// The same printer with `--quiet` and `--verbose` as given (e.g. to test what they hide).
    pub fn with_levels(mut self, quiet: bool, verbose: u8) -> Self {
        self.quiet = quiet;
        self.verbose = verbose;
        self
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
        self.terminals.stderr && !self.quiet
    }

    /// Whether stdin is a terminal (an archive is not read from one).
    pub fn stdin_is_terminal(&self) -> bool {
        self.terminals.stdin
    }

    /// Whether stdout is a terminal (an archive is not written to one).
    pub fn stdout_is_terminal(&self) -> bool {
        self.terminals.stdout
    }

    /// Whether a question can be asked: stdin and stderr are terminals.
    pub fn can_ask(&self) -> bool {
        self.terminals.stdin && self.terminals.stderr
    }

    /// One line on stdout. A closed pipe (`alacrity apps ls | head -1`) is not an error worth
    /// reporting.
    fn out_line(&self, text: impl Display) {
        match &self.sink {
            Sink::Std => {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{text}");
            }
            Sink::Buffer(captured) => {
                let mut captured = lock(captured);
                captured.stdout.push_str(&format!("{text}\n"));
            }
        }
    }

    /// One line on stderr.
    fn err_line(&self, text: impl Display) {
        match &self.sink {
            Sink::Std => eprintln!("{text}"),
            Sink::Buffer(captured) => {
                let mut captured = lock(captured);
                captured.stderr.push_str(&format!("{text}\n"));
            }
        }
    }

    /// Bytes on stdout as they are (a completion script, the man page); a closed pipe is not
    /// an error here either.
    pub fn raw(&self, bytes: &[u8]) -> std::io::Result<()> {
        match &self.sink {
            Sink::Std => {
                let mut out = std::io::stdout().lock();
                match out.write_all(bytes).and_then(|()| out.flush()) {
                    Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    result => result,
                }
            }
            Sink::Buffer(captured) => {
                let mut captured = lock(captured);
                captured.stdout.push_str(&String::from_utf8_lossy(bytes));
                Ok(())
            }
        }
    }

    /// Data that streams (an app's log lines), as bytes, on stdout, written at once: whether
    /// stdout still takes it (false once the reader is gone, as with `| head`, so that a command
    /// that would stream forever can stop).
    pub fn stream(&self, bytes: &[u8]) -> bool {
        match &self.sink {
            Sink::Std => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush()).is_ok()
            }
            Sink::Buffer(captured) => {
                let mut captured = lock(captured);
                captured.stdout.push_str(&String::from_utf8_lossy(bytes));
                true
            }
        }
    }

    /// `text` in the given style when color is on, as is otherwise.
    pub fn paint(&self, paint: Paint, text: impl Display) -> String {
        if self.color {
            format!("\x1b[{}m{text}\x1b[0m", paint.code())
        } else {
            text.to_string()
        }
    }

    /// Data: the result of the command, on stdout, always printed. With `--output json`, stdout
    /// holds the JSON document alone: text goes to stderr.
    pub fn data(&self, text: impl Display) {
        match self.is_json() {
            true => self.err_line(text),
            false => self.out_line(text),
        }
    }

    /// The command's result as JSON: with `--output json`, it becomes the command's one JSON
    /// document, printed with its `errors` by [`Printer::finish`] (a second result's keys are
    /// added to the first's); otherwise it is printed as pretty JSON at once.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) {
        let value = serde_json::to_value(value).expect("serializing plain data never fails");
        if !self.is_json() {
            let text = serde_json::to_string_pretty(&value).expect("a JSON value prints");
            self.out_line(text);
            return;
        }
        let mut document = self.document();
        document.data = Some(match (document.data.take(), value) {
            (Some(serde_json::Value::Object(mut first)), serde_json::Value::Object(more)) => {
                first.extend(more);
                serde_json::Value::Object(first)
            }
            (_, value) => value,
        });
    }

    /// Ends the command's output: with `--output json`, prints its one JSON document on stdout:
    /// the result (an object; `{}` when there is none) with `errors`, the errors reported (an
    /// empty array when there are none). Called once, when the command has ended.
    pub fn finish(&self) {
        if !self.is_json() {
            return;
        }
        let Document { data, errors } = std::mem::take(&mut *self.document());
        let mut object = match data {
            Some(serde_json::Value::Object(object)) => object,
            Some(other) => serde_json::Map::from_iter([("result".to_string(), other)]),
            None => serde_json::Map::new(),
        };
        object.insert(
            "errors".to_string(),
            serde_json::to_value(errors).expect("errors serialize"),
        );
        let text = serde_json::to_string_pretty(&serde_json::Value::Object(object))
            .expect("a JSON value prints");
        self.out_line(text);
    }

    fn document(&self) -> MutexGuard<'_, Document> {
        self.document
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A message about what happens, on stderr; silenced by --quiet.
    pub fn info(&self, text: impl Display) {
        if !self.quiet {
            self.err_line(text);
        }
    }

    /// Detail shown with --verbose.
    pub fn detail(&self, text: impl Display) {
        if self.verbose > 0 && !self.quiet {
            self.err_line(self.paint(Paint::Dim, text));
        }
    }

    /// Trace shown with -vv (e.g. every engine API call).
    pub fn trace(&self, text: impl Display) {
        if self.verbose > 1 && !self.quiet {
            self.err_line(self.paint(Paint::Dim, text));
        }
    }

    pub fn warn(&self, text: impl Display) {
        if !self.quiet {
            self.err_line(format_args!(
                "{} {text}",
                self.paint(Paint::Yellow, "warning:")
            ));
        }
    }

    /// A hint: what to do next, usually the exact command to run.
    pub fn hint(&self, text: impl Display) {
        if !self.quiet {
            self.err_line(format_args!("{} {text}", self.paint(Paint::Cyan, "hint:")));
        }
    }

    /// An error with its cause chain, on stderr, even with --quiet. An invalid spec anywhere in
    /// the chain is shown in full first (every diagnostic), so that any command can simply
    /// return `spec::load`'s error.
    /// With `--output json`, it also goes into the document's `errors` (see
    /// [`exit::error_entries`](crate::exit::error_entries)).
    pub fn error(&self, err: &anyhow::Error) {
        let invalid = err
            .chain()
            .find_map(|cause| cause.downcast_ref::<Invalid>());
        if self.is_json() {
            let mut document = self.document();
            document.errors.extend(error_entries(err));
            // An invalid spec's document says so, as `validate`'s does, whatever the command.
            if invalid.is_some() && document.data.is_none() {
                document.data = Some(serde_json::json!({ "valid": false }));
            }
        }
        if let Some(invalid) = invalid {
            self.invalid_text(invalid);
        }
        self.err_line(self.format_error(err));
    }

    /// With `--output json`, puts the error into the document's `errors` without printing it
    /// (for an error already said in other words).
    pub fn record(&self, err: &anyhow::Error) {
        if self.is_json() {
            self.document().errors.extend(error_entries(err));
        }
    }

    /// Every diagnostic of an invalid spec, as text on stderr (even with --quiet: they are
    /// errors); with `--output json`, also in the document's `errors`.
    pub fn invalid(&self, invalid: &Invalid) {
        if self.is_json() {
            let entries = invalid.diagnostics.iter().map(ErrorEntry::of_diagnostic);
            self.document().errors.extend(entries);
        }
        self.invalid_text(invalid);
    }

    fn invalid_text(&self, invalid: &Invalid) {
        let paint = |paint: Paint, text: &str| self.paint(paint, text);
        for diagnostic in &invalid.diagnostics {
            self.err_line(format_args!("{}\n", report::render(diagnostic, &paint)));
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

/// Prompts: asking before doing something the user may regret. On a terminal, a yes/no prompt
/// that defaults to no; `--yes` skips it; without a terminal and without `--yes`, a refusal
/// (never a silent yes).
impl Printer {
    /// Whether the user agrees to `question`; `action` says what would happen ("remove the app
    /// web"), for the refusal without a terminal. `yes` is the global `--yes`.
    pub fn confirm(&self, question: &str, action: &str, yes: bool) -> anyhow::Result<bool> {
        self.confirm_listing(&[], question, action, yes)
    }

    /// [`Printer::confirm`], showing `lines` first (what the question is about) when it asks:
    /// on the terminal the prompt goes to, even with --quiet (what is asked about must be seen).
    pub fn confirm_listing(
        &self,
        lines: &[String],
        question: &str,
        action: &str,
        yes: bool,
    ) -> anyhow::Result<bool> {
        if yes {
            return Ok(true);
        }
        if !self.can_ask() {
            bail!(
                "refusing to {action} without a confirmation, and there is no terminal to ask \
                 on: pass --yes to confirm"
            );
        }
        let term = Term::stderr();
        for line in lines {
            term.write_line(line)?;
        }
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact_on(&term)
            .map_err(|err| Interrupted(format!("no answer to the confirmation ({err})")).into())
    }

    /// Progress of several things at once (apps, by name): a live line each (a spinner) when
    /// stderr is an interactive terminal, else a plain line on stderr whenever one changes.
    pub fn progress<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Progress<'_> {
        let mut progress = self.progress_of_some();
        if let Some(multi) = &progress.multi {
            for name in names {
                let bar = multi.add(spinner());
                progress.bars.insert(name.to_string(), bar);
            }
        }
        progress
    }

    /// Progress of many things, where only some are worth a line at a time (those still
    /// moving, see [`Progress::hide`]) and a summary counts the rest ([`Progress::summary`]):
    /// on an interactive terminal a live line is made for a name when it is first shown; plain
    /// lines otherwise, as with [`Printer::progress`].
    pub fn progress_of_some(&self) -> Progress<'_> {
        let multi = (self.is_interactive() && matches!(self.sink, Sink::Std))
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        self.progress_on(multi)
    }

    /// Progress drawn live on `multi`, or as plain lines without it.
    fn progress_on(&self, multi: Option<MultiProgress>) -> Progress<'_> {
        Progress {
            printer: self,
            multi,
            bars: HashMap::new(),
            summary: None,
            shown: HashMap::new(),
        }
    }

    /// A copy's progress: bytes copied, of `total` when known, and the rate; a live line on an
    /// interactive terminal, else a plain line on stderr every `PLAIN_EVERY` (so CI logs stay
    /// short).
    pub fn transfer(&self, what: &str, total: Option<u64>) -> Transfer<'_> {
        let bar = (self.is_interactive() && matches!(self.sink, Sink::Std)).then(|| {
            let style = ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            let bar =
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style);
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        Transfer {
            printer: self,
            what: what.to_string(),
            total,
            done: 0,
            started: std::time::Instant::now(),
            last_line: std::time::Instant::now(),
            bar,
        }
    }

    /// Progress as plain lines only, on a terminal too: a line on stderr whenever one changes.
    pub fn progress_lines(&self) -> Progress<'_> {
        self.progress_on(None)
    }
}

/// A live line with a spinner.
fn spinner() -> ProgressBar {
    let style = ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let bar = ProgressBar::new_spinner().with_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Where things stand while a command waits (see [`Printer::progress`]).
pub struct Progress<'a> {
    printer: &'a Printer,
    /// The live display, on an interactive terminal.
    multi: Option<MultiProgress>,
    bars: HashMap<String, ProgressBar>,
    /// The live summary line, below the others.
    summary: Option<ProgressBar>,
    /// The last line shown per name (plain lines are printed only when they change).
    shown: HashMap<String, String>,
}

impl Progress<'_> {
    /// Where `name` stands now.
    pub fn show(&mut self, name: &str, line: String) {
        if let (Some(multi), false) = (&self.multi, self.bars.contains_key(name)) {
            let bar = match &self.summary {
                Some(summary) => multi.insert_before(summary, spinner()),
                None => multi.add(spinner()),
            };
            self.bars.insert(name.to_string(), bar);
        }
        if let Some(bar) = self.bars.get(name) {
            bar.set_message(line);
        } else if self.shown.get(name) != Some(&line) {
            self.printer.info(&line);
            self.shown.insert(name.to_string(), line);
        }
    }

    /// Where `name` ended: its live line stays with this text (plain lines said it already).
    pub fn finish(&self, name: &str, line: String) {
        if let Some(bar) = self.bars.get(name) {
            bar.finish_with_message(line);
        }
    }

    /// `name` needs no line of its own now (it is counted in the summary): its live line goes
    /// (a later [`Progress::show`] brings it back); a plain line once printed stays, and the
    /// next change of it is printed again.
    pub fn hide(&mut self, name: &str) {
        if let Some(bar) = self.bars.remove(name) {
            bar.finish_and_clear();
        }
    }

    /// The summary, on a live line below the others (plain lines print only the last, with
    /// [`Progress::finish_summary`]: one line, not one per look).
    pub fn summary(&mut self, line: String) {
        let Some(multi) = &self.multi else {
            return;
        };
        self.summary
            .get_or_insert_with(|| multi.add(spinner()))
            .set_message(line);
    }

    /// The summary where things ended: the live line stays with this text; a plain line.
    pub fn finish_summary(&self, line: String) {
        match (&self.summary, &self.multi) {
            (Some(bar), _) => bar.finish_with_message(line),
            (None, Some(multi)) => multi.add(spinner()).finish_with_message(line),
            (None, None) => self.printer.info(line),
        }
    }
}

/// How often a copy's progress is told without a terminal.
const PLAIN_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// Where a copy stands (see [`Printer::transfer`]).
pub struct Transfer<'a> {
    printer: &'a Printer,
    what: String,
    total: Option<u64>,
    done: u64,
    started: std::time::Instant,
    last_line: std::time::Instant,
    bar: Option<ProgressBar>,
}

impl Transfer<'_> {
    /// `bytes` more were copied.
    pub fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        let line =
            || crate::core::portable::transfer_line(self.done, self.total, self.started.elapsed());
        match &self.bar {
            Some(bar) => bar.set_message(format!("{}: {}", self.what, line())),
            None if self.last_line.elapsed() >= PLAIN_EVERY => {
                self.printer.info(format!("{}: {}", self.what, line()));
                self.last_line = std::time::Instant::now();
            }
            None => {}
        }
    }

    /// Bytes copied so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    /// How long the copy has taken so far.
    pub fn elapsed(&self) -> std::time::Duration {
        self.started.elapsed()
    }

    /// The copy ended (the live line goes; the command says how it ended).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Transfer<'_> {
    fn drop(&mut self) {
        self.finish();
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

    #[test]
    fn a_buffered_printer_keeps_both_streams() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        printer.data("row");
        printer.info("note");
        printer.warn("careful");
        printer.detail("hidden without --verbose");
        printer.error(&anyhow::anyhow!("bad"));
        let captured = buffers.take();
        assert_eq!(captured.stdout, "row\n");
        assert_eq!(captured.stderr, "note\nwarning: careful\nerror: bad\n");
        assert_eq!(buffers.captured(), Captured::default());
    }

    #[test]
    fn quiet_keeps_data_and_errors() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        let printer = printer.with_levels(true, 2);
        printer.data("row");
        printer.info("note");
        printer.trace("trace");
        printer.error(&anyhow::anyhow!("bad"));
        let captured = buffers.take();
        assert_eq!(captured.stdout, "row\n");
        assert_eq!(captured.stderr, "error: bad\n");
    }

    #[test]
    fn without_a_terminal_confirmations_need_yes() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        assert!(printer.confirm("Remove?", "remove x", true).unwrap());
        let err = printer.confirm("Remove?", "remove x", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "refusing to remove x without a confirmation, and there is no terminal to ask on: \
             pass --yes to confirm"
        );
        assert_eq!(buffers.take(), Captured::default());
    }

    #[test]
    fn without_a_terminal_hidden_names_and_the_summary_are_one_line_at_the_end() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        let mut progress = printer.progress_of_some();
        progress.hide("a");
        progress.show("b", "b: 0/1 running".into());
        progress.summary("1 unchanged, 1 creating...".into());
        progress.show("b", "b: 1/1 running, ready".into());
        progress.summary("1 unchanged, 1 created".into());
        progress.finish_summary("1 unchanged, 1 created".into());
        assert_eq!(
            buffers.take().stderr,
            "b: 0/1 running\nb: 1/1 running, ready\n1 unchanged, 1 created\n"
        );
    }

    #[test]
    fn without_a_terminal_progress_is_a_line_per_change() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        let mut progress = printer.progress(["web"]);
        progress.show("web", "web: 0/1 running".into());
        progress.show("web", "web: 0/1 running".into());
        progress.show("web", "web: 1/1 running, ready".into());
        progress.finish("web", "web: 1/1 running, ready".into());
        assert_eq!(
            buffers.take().stderr,
            "web: 0/1 running\nweb: 1/1 running, ready\n"
        );
    }
}
