//! `alacrity validate FILE...`: check specs against every rule that needs no engine.
//!
//! Valid: one summary line per file on stdout (or the JSON report), exit 0. Invalid: every
//! diagnostic (see `Printer::invalid`), exit 2. Nothing talks to the engine, unless the command
//! line names one (`--host`, `--context`): then the host paths are looked at on each app's node
//! and the spec is checked against that swarm as `plan` does, without printing a plan.
//!
//! Host paths exist on the node an app runs on. Without an engine, validate looks at them on
//! this machine only when it can be that node (a local engine, and no `node` naming another
//! host); the others are listed as not checked, with how to check them.

use crate::cli::ValidateArgs;
use crate::engine::Connector;
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::spec::report::{Report, UncheckedPath};
use crate::spec::{DeferredHostFs, Spec};

pub fn run(
    args: &ValidateArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    // An invalid spec is returned as the error: the printer shows its diagnostics, exit 2.
    let spec = crate::spec::load_with(&args.files, &DeferredHostFs)?;
    let unchecked = super::host_paths::check_here(&spec, engine)?;
    report(&spec, &unchecked, engine, printer);
    Ok(ExitStatus::Success)
}

/// `validate` with `--host` or `--context`: the spec, then its host paths on each app's node
/// and the plan's refusals, from that engine.
pub async fn run_against_engine(
    args: &ValidateArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let (spec, apps) = super::plan::load_apps(&args.files, &[], engine)?;
    let connected = engine.connect().await?;
    super::plan::checked_plan(&connected, &spec, &apps, printer).await?;
    report(&spec, &[], engine, printer);
    Ok(ExitStatus::Success)
}

fn report(spec: &Spec, unchecked: &[UncheckedPath], engine: &Connector, printer: &Printer) {
    let report = Report::valid(&spec.files, unchecked);
    if printer.is_json() {
        printer.json(&report);
        return;
    }
    for file in report.files.iter().flatten() {
        printer.data(file.line());
    }
    if unchecked.is_empty() {
        return;
    }
    let shared = unchecked
        .iter()
        .all(|path| path.reason == unchecked[0].reason)
        .then(|| unchecked[0].reason.clone());
    let mut text = format!(
        "{} not checked here, as this machine may not be the node the app runs on{}:",
        match unchecked.len() {
            1 => "1 host path was".to_string(),
            n => format!("{n} host paths were"),
        },
        shared
            .as_ref()
            .map(|why| format!(" ({why})"))
            .unwrap_or_default()
    );
    for path in unchecked {
        text.push_str(&format!(
            "\n  {}:{}:{}: app `{}`: {}",
            path.file, path.line, path.column, path.app, path.path
        ));
        if shared.is_none() {
            text.push_str(&format!(" ({})", path.reason));
        }
    }
    printer.warn(text);
    let files: Vec<String> = spec
        .files
        .iter()
        .map(|file| file.path.display().to_string())
        .collect();
    let files = files.join(" ");
    let host = match engine.address() {
        Ok(address) if !super::host_paths::is_local(&address.url) => {
            format!("--host {} ", address.url)
        }
        _ => "--host URL ".to_string(),
    };
    printer.hint(format!(
        "check them on their nodes: `alacrity plan {files}` (deploys nothing), or \
         `alacrity {host}validate {files}`"
    ));
}
