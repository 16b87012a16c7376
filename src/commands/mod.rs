//! One module per subcommand; each has `run(args, ..., printer) -> Result<ExitStatus>`.

pub mod completions;
pub mod validate;
