//! `alacrity completions SHELL` and the hidden `alacrity man`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// Prints the completion script for a shell on stdout.
pub fn run(args: &CompletionsArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "alacrity", &mut script);
    printer.raw(&script)?;
    Ok(ExitStatus::Success)
}

/// Prints the man page (roff) on stdout.
pub fn man(printer: &Printer) -> anyhow::Result<ExitStatus> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    printer.raw(&page)?;
    Ok(ExitStatus::Success)
}
