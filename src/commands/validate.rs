//! `alacrity validate FILE...`: check specs against every rule that needs no engine.
//!
//! Valid: one summary line per file on stdout (or the JSON report), exit 0. Invalid: every
//! diagnostic (see `Printer::invalid`), exit 2. Nothing talks to the engine.

use crate::cli::ValidateArgs;
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::spec;
use crate::spec::report::Report;

pub fn run(args: &ValidateArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    // An invalid spec is returned as the error: the printer shows its diagnostics, exit 2.
    let spec = spec::load(&args.files)?;
    let report = Report::valid(&spec.files);
    if printer.is_json() {
        printer.json(&report);
    } else {
        for file in report.files.iter().flatten() {
            printer.data(file.line());
        }
    }
    Ok(ExitStatus::Success)
}
