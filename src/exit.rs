//! Exit codes, and the one place where an error is mapped to one.
//!
//! 0 success; 1 a failure or a refusal at run time; 2 invalid usage or an invalid spec;
//! 130 interrupted by Ctrl-C (the shell convention, 128 + SIGINT).

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Invalid,
    Interrupted,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Invalid => 2,
            ExitStatus::Interrupted => 130,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status.code())
    }
}

/// Invalid input from the user (a bad argument, an invalid spec): exit code 2.
///
/// Anything else that goes wrong is a run-time failure: exit code 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InvalidInput(pub String);

/// The user pressed Ctrl-C: exit code 130.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Interrupted(pub String);

/// A refusal made before anything was written, with one reason per problem (and its app, when
/// one app has it): exit 2 when the spec must change, else 1. Its text says it all; the reasons
/// are the same, one by one, for `--output json`.
#[derive(Debug, thiserror::Error)]
#[error("{text}")]
pub struct Refusal {
    pub text: String,
    pub reasons: Vec<Reason>,
    /// Whether the spec must change (exit 2) rather than the swarm (exit 1).
    pub invalid: bool,
}

/// One reason of a [`Refusal`].
#[derive(Debug, Clone)]
pub struct Reason {
    pub app: Option<String>,
    pub message: String,
}

/// One error in the `errors` array of a command's JSON document (see docs/json.md): what kind of
/// error, the rule broken (for a spec), the message, and the app, file and place where known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorEntry {
    /// `invalid-spec` (a rule of the spec, see `rule`), `invalid-input` (an option or argument),
    /// `refused` (refused before anything was written), `engine` (what the engine answered, or
    /// that it did not), `interrupted` (Ctrl-C) or `failure` (anything else at run time).
    pub kind: &'static str,
    pub rule: Option<&'static str>,
    pub message: String,
    pub app: Option<String>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub hint: Option<String>,
}

impl ErrorEntry {
    fn new(kind: &'static str, message: String) -> Self {
        ErrorEntry {
            kind,
            rule: None,
            message,
            app: None,
            file: None,
            line: None,
            column: None,
            hint: None,
        }
    }

    /// A diagnostic of the spec, as an error entry.
    pub fn of_diagnostic(diagnostic: &crate::spec::Diagnostic) -> Self {
        let place = |n: usize| (n > 0).then_some(n);
        ErrorEntry {
            kind: "invalid-spec",
            rule: Some(diagnostic.rule.id()),
            message: diagnostic.message.clone(),
            app: diagnostic.app.clone(),
            file: Some(diagnostic.file.display().to_string()),
            line: place(diagnostic.line),
            column: place(diagnostic.column),
            hint: diagnostic.hint.clone(),
        }
    }
}

/// The errors of a failed command, for its JSON document: each diagnostic of an invalid spec,
/// each reason of a refusal, else the error itself, of the kind its first typed cause says.
pub fn error_entries(err: &anyhow::Error) -> Vec<ErrorEntry> {
    let mut entries = Vec::new();
    if let Some(refusal) = err.downcast_ref::<Refusal>() {
        let kind = match refusal.invalid {
            true => "invalid-input",
            false => "refused",
        };
        entries.extend(refusal.reasons.iter().map(|reason| ErrorEntry {
            app: reason.app.clone(),
            ..ErrorEntry::new(kind, reason.message.clone())
        }));
    }
    if let Some(invalid) = err
        .chain()
        .find_map(|cause| cause.downcast_ref::<crate::spec::Invalid>())
    {
        entries.extend(invalid.diagnostics.iter().map(ErrorEntry::of_diagnostic));
    }
    if entries.is_empty() {
        entries.push(ErrorEntry::new(kind_of(err), format!("{err:#}")));
    }
    entries
}

/// The kind of an error, from the first typed cause of its chain.
fn kind_of(err: &anyhow::Error) -> &'static str {
    for cause in err.chain() {
        if cause.is::<InvalidInput>() || cause.is::<crate::spec::Invalid>() {
            return "invalid-input";
        }
        if cause.is::<Interrupted>() {
            return "interrupted";
        }
        if cause.is::<Refusal>() {
            return "refused";
        }
        if cause.is::<crate::engine::EngineError>() {
            return "engine";
        }
    }
    "failure"
}

/// How many parts of the running command handle Ctrl-C themselves (a held lock must be given
/// back first): while any does, the top level leaves Ctrl-C to them.
static CTRL_C_HANDLERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Held while a part of the command handles Ctrl-C itself.
pub struct HandlingCtrlC(());

impl HandlingCtrlC {
    pub fn start() -> Self {
        CTRL_C_HANDLERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        HandlingCtrlC(())
    }
}

impl Drop for HandlingCtrlC {
    fn drop(&mut self) {
        CTRL_C_HANDLERS.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Whether a part of the running command handles Ctrl-C itself.
pub fn ctrl_c_handled() -> bool {
    CTRL_C_HANDLERS.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// The exit status for an error, from the first typed cause found in its chain. Everything else,
/// what the engine answered included (`engine::EngineError`), is a failure at run time.
pub fn status_for(err: &anyhow::Error) -> ExitStatus {
    if err.downcast_ref::<Refusal>().is_some_and(|r| r.invalid) {
        return ExitStatus::Invalid;
    }
    for cause in err.chain() {
        if cause.is::<InvalidInput>()
            || cause.is::<crate::spec::Invalid>()
            || cause.is::<crate::engine::NodeUnreachable>()
        {
            return ExitStatus::Invalid;
        }
        if cause.is::<Interrupted>() {
            return ExitStatus::Interrupted;
        }
    }
    ExitStatus::Failure
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn invalid_input_anywhere_in_the_chain_is_exit_2() {
        let err = Err::<(), _>(InvalidInput("bad".into()))
            .context("while loading")
            .unwrap_err();
        assert_eq!(status_for(&err), ExitStatus::Invalid);
    }

    #[test]
    fn other_errors_are_exit_1() {
        assert_eq!(status_for(&anyhow::anyhow!("boom")), ExitStatus::Failure);
    }

    #[test]
    fn interrupted_is_exit_130() {
        let err = anyhow::Error::new(Interrupted("stop".into()));
        assert_eq!(status_for(&err).code(), 130);
    }
}
