//! One module per subcommand; each has `run(args, ..., printer) -> Result<ExitStatus>`.

pub mod apps;
pub mod binds;
pub mod completions;
pub mod deploy;
pub mod host_paths;
pub mod images;
pub mod lock;
pub mod plan;
pub mod portable;
pub mod refusals;
pub mod retained;
pub mod rollback;
pub mod table;
pub mod validate;
pub mod version;
pub mod volumes;
