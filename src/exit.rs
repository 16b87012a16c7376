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
