//! alacrity: deploy apps to Docker Swarm from TOML app specs, and keep their persistent data safe.
//!
//! The layout, from the command line inwards (each layer uses only the ones below it; there are
//! no import cycles):
//!
//! - `main.rs` parses the command line and hands it to [`run`]; `cli`: the command line (clap),
//!   no logic.
//! - `commands`: one module per subcommand, each `run(args, ..., printer) -> Result<ExitStatus>`:
//!   it loads specs, asks the engine adapter for facts, has the core decide, and puts the
//!   outcome into words through the printer (views rendered as tables or JSON).
//! - `printer`: the one owner of the terminal and of all output (data on stdout; progress,
//!   messages and prompts on stderr; colours; buffers for golden tests); `paint`: its styles.
//! - `engine`: the adapter, the only code that holds the Docker client (bollard): connecting, reading
//!   what decisions need, executing writes, waiting, a node's data; typed engine errors.
//! - `core`: the decisions, pure (no Docker client, no tokio, no file system): the plan from a
//!   snapshot of the swarm, the writes it needs, convergence and health verdicts, who uses what
//!   data, the labels and records contract, the app <-> service mapping, the lock's contract.
//! - `spec`: the app spec model, its parser and its rules (no I/O but reading the files and
//!   their env files, and looking at host paths through a trait).
//! - `hostdir`: the host directories `binds rm` deletes (mount table, symlinks, sizes).
//! - `exit`: exit codes, mapped from errors in one place; `testhook`: points where engine tests
//!   hold a command, to make races real.

pub mod cli;
pub mod commands;
pub mod core;
pub mod engine;
pub mod exit;
pub mod hostdir;
pub mod paint;
pub mod printer;
pub mod spec;
pub mod testhook;

use std::future::Future;

use anyhow::Context;
use cli::{Cli, Command};
use engine::Connector;
use exit::{ExitStatus, Interrupted};
use printer::Printer;

/// Runs one command line.
pub fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let target = engine::Target {
        host: cli.global.host.clone(),
        context: cli.global.context.clone(),
        tls: engine::TlsOptions {
            verify: cli.global.tlsverify,
            ca: cli.global.tlscacert.clone(),
            cert: cli.global.tlscert.clone(),
            key: cli.global.tlskey.clone(),
        },
    };
    let mut engine = Connector::new(target).with_lock_timeout(cli.global.lock_timeout);
    if printer.verbosity() > 0 {
        let reporter = printer.clone();
        engine = engine.with_reporter(std::sync::Arc::new(move |line: &str| reporter.detail(line)));
    }
    if printer.verbosity() > 1 {
        let tracer = printer.clone();
        engine = engine.with_tracer(std::sync::Arc::new(move |line: &str| tracer.trace(line)));
    }
    let yes = cli.global.yes;
    let command = match cli.command {
        _ if cli.version => return commands::version::run(printer),
        Some(command) => command,
        None => {
            use clap::CommandFactory;
            Cli::command()
                .error(
                    clap::error::ErrorKind::MissingSubcommand,
                    "a command is required (alacrity --help lists them)",
                )
                .exit()
        }
    };
    if let Some(what) = text_only(&command).filter(|_| printer.is_json()) {
        return Err(
            exit::InvalidInput(format!("{what}, not JSON: drop --output json (-o json)")).into(),
        );
    }
    let started = std::time::Instant::now();
    let result = match command {
        Command::Validate(args) if engine.named_on_command_line() => block_on(
            commands::validate::run_against_engine(&args, &engine, printer),
        ),
        Command::Validate(args) => commands::validate::run(&args, &engine, printer),
        Command::Completions(args) => commands::completions::run(&args, printer),
        Command::Man => commands::completions::man(printer),
        Command::Plan(args) => block_on(commands::plan::run(&args, &engine, printer)),
        Command::Deploy(args) => block_on(commands::deploy::run(&args, &engine, printer, yes)),
        Command::Apps(command) => block_on(commands::apps::run(&command, &engine, printer, yes)),
        Command::Volumes(command) => {
            block_on(commands::volumes::run(&command, &engine, printer, yes))
        }
        Command::Binds(command) => block_on(commands::binds::run(&command, &engine, printer, yes)),
        Command::Lock(command) => block_on(commands::lock::run(&command, &engine, printer, yes)),
    };
    printer.detail(format!("done in {} ms", started.elapsed().as_millis()));
    result.map_err(|err| lost_engine(err, &engine))
}

/// A command line clap refuses (exit 2), or `--help`: clap's words on stderr (help on stdout),
/// and with `--output json` on the command line, the one JSON document with the error too.
pub fn usage_error(err: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let help = matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if help || !json_requested(std::env::args()) {
        err.exit()
    }
    let _ = err.print();
    let printer = Printer::plain(cli::OutputFormat::Json);
    let message = err
        .kind()
        .as_str()
        .unwrap_or("invalid command line")
        .to_string();
    let words = err.to_string();
    let first = words.lines().next().unwrap_or(&message);
    let first = first.strip_prefix("error: ").unwrap_or(first).to_string();
    printer.record(&exit::InvalidInput(first).into());
    printer.finish();
    std::process::exit(i32::from(ExitStatus::Invalid.code()))
}

/// Whether a command line asks for JSON (`-o json`, `--output json`, `--output=json`,
/// `-ojson`), looked at when clap refused it.
fn json_requested(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.iter().enumerate().any(|(i, arg)| {
        matches!(arg.as_str(), "--output=json" | "-ojson" | "-o=json")
            || (matches!(arg.as_str(), "-o" | "--output")
                && args.get(i + 1).is_some_and(|next| next == "json"))
    })
}

/// What a command that prints only text prints (its output is the text itself).
fn text_only(command: &Command) -> Option<&'static str> {
    match command {
        Command::Completions(_) => Some("`completions` prints a shell script"),
        Command::Man => Some("`man` prints a man page"),
        Command::Apps(cli::AppsCommand::Logs(_)) => {
            Some("`apps logs` prints the apps' log lines as they are")
        }
        _ => None,
    }
}

/// An engine that stopped answering in the middle of a command (it stopped, crashed, or the
/// network went): said once, with what to do, instead of a bare "connection refused" under
/// whatever call happened to fail.
fn lost_engine(err: anyhow::Error, engine: &Connector) -> anyhow::Error {
    if !engine::is_engine_lost(&err) {
        return err;
    }
    let Ok(address) = engine.address() else {
        return err;
    };
    let url = &address.url;
    engine::EngineError::Lost(format!(
        "lost the connection to the Docker engine at {address}: {err:#}\n  \
         Is dockerd still running? Check with `docker -H {url} info`. What the engine accepted \
         before stays in the swarm: once it answers again, run the same command again to finish."
    ))
    .into()
}

/// Ctrl-C, when no part of the command handles it itself (see `exit::HandlingCtrlC`).
async fn unhandled_ctrl_c() {
    loop {
        if tokio::signal::ctrl_c().await.is_err() {
            return std::future::pending().await;
        }
        if !exit::ctrl_c_handled() {
            return;
        }
    }
}

/// Runs an engine command on a runtime made for it (commands without an engine never pay for
/// one); Ctrl-C ends it with exit code 130.
fn block_on(
    command: impl Future<Output = anyhow::Result<ExitStatus>>,
) -> anyhow::Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        tokio::select! {
            // The command first: one that handles Ctrl-C itself (deploy, while waiting) says
            // more precisely what goes on.
            biased;
            result = command => result,
            _ = unhandled_ctrl_c() => Err(Interrupted(
                "interrupted: what was already sent to the swarm stays; run the same command \
                 again to finish".into(),
            ).into()),
        }
    })
}
