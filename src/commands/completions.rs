//! `alacrity completions SHELL` and the hidden `alacrity man`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// Prints the completion script for a shell on stdout.
pub fn run(args: &CompletionsArgs, _printer: &Printer) -> anyhow::Result<ExitStatus> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "alacrity", &mut std::io::stdout());
    Ok(ExitStatus::Success)
}

/// Prints the man page (roff) on stdout.
pub fn man(_printer: &Printer) -> anyhow::Result<ExitStatus> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
    Ok(ExitStatus::Success)
}
