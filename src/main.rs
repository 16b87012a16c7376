//! The `alacrity` binary: parse the command line, run it, turn the outcome into an exit code.
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = alacrity::cli::Cli::try_parse().unwrap_or_else(|err| alacrity::usage_error(err));
    let printer = alacrity::printer::Printer::new(&cli.global);
    let status = match alacrity::run(cli, &printer) {
        Ok(status) => status,
        Err(err) => {
            printer.error(&err);
            alacrity::exit::status_for(&err)
        }
    };
    printer.finish();
    status.into()
}
