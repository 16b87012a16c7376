//! Asking before doing something the user may regret: on a terminal, a yes/no prompt that
//! defaults to no; `--yes` skips it; without a terminal and without `--yes`, a refusal (never a
//! silent yes).

use std::io::IsTerminal;

use anyhow::bail;

use crate::exit::Interrupted;

/// Whether the user agrees to `question`; `action` says what would happen ("remove the app
/// web"), for the refusal without a terminal. `yes` is the global `--yes`.
pub fn confirm(question: &str, action: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!(
            "refusing to {action} without a confirmation, and there is no terminal to ask on: \
             pass --yes to confirm"
        );
    }
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact_on(&dialoguer::console::Term::stderr())
        .map_err(|err| Interrupted(format!("no answer to the confirmation ({err})")).into())
}
