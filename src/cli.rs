//! The command line: every subcommand and option, and nothing else (the logic lives in `commands/`).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Deploy apps to Docker Swarm from TOML app specs, and keep their persistent data safe.
///
/// Persistent apps (databases, apps that keep uploads on disk) run one instance pinned to one
/// server; their data lives in managed volumes (alacran--LABEL) or existing host directories and
/// outlives the app. Non-persistent apps scale and move freely between servers.
#[derive(Debug, Parser)]
#[command(
    name = "alacrity",
    version,
    disable_version_flag = true,
    arg_required_else_help = true,
    about,
    long_about,
    max_term_width = 100
)]
pub struct Cli {
    /// Print the version, the git commit and the oldest Engine API supported (as data with
    /// --output json)
    #[arg(long, short = 'V')]
    pub version: bool,

    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command; none only with --version.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options accepted by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT]
    /// [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI's current
    /// context, else the local socket]
    #[arg(long, short = 'H', global = true, value_name = "URL")]
    pub host: Option<String>,

    /// The docker context whose engine to talk to (`docker context ls` lists them) [default:
    /// $DOCKER_CONTEXT, else the docker CLI's current context]
    #[arg(long, short = 'c', global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// Use TLS and verify the engine's certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY
    /// and by --tlscacert, --tlscert, --tlskey]
    #[arg(long, global = true)]
    pub tlsverify: bool,

    /// Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else
    /// ~/.docker/ca.pem]
    #[arg(long, global = true, value_name = "FILE")]
    pub tlscacert: Option<PathBuf>,

    /// The client's TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else
    /// ~/.docker/cert.pem]
    #[arg(long, global = true, value_name = "FILE")]
    pub tlscert: Option<PathBuf>,

    /// The client's TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]
    #[arg(long, global = true, value_name = "FILE")]
    pub tlskey: Option<PathBuf>,

    /// How to print results
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Answer yes to every confirmation prompt (needed without a terminal)
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,

    /// Print only data and errors
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail (every engine API call with -vv)
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// How long a command that writes waits for another alacrity command's swarm-wide lock
    #[arg(long, global = true, value_name = "DURATION", default_value = "2m", value_parser = parse_duration)]
    pub lock_timeout: Duration,

    /// When to use colors [never with NO_COLOR set]
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check app specs against the persistence rules, without touching the engine
    Validate(ValidateArgs),
    /// Show what `deploy` would do, app by app, without changing anything
    Plan(PlanArgs),
    /// Create or update the apps of the given specs as swarm services
    Deploy(DeployArgs),
    /// List deployed apps, show their tasks and logs, scale and remove them
    #[command(subcommand)]
    Apps(AppsCommand),
    /// List and remove managed volumes (alacran--*), kept after their app is removed
    #[command(subcommand)]
    Volumes(VolumesCommand),
    /// List and remove host directories that apps bind-mounted, kept after their app is removed
    #[command(subcommand)]
    Binds(BindsCommand),
    /// Show or release the swarm-wide lock that commands which write take
    #[command(subcommand)]
    Lock(LockCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// App spec files (TOML)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// App spec files (TOML)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Only these apps (repeatable)
    #[arg(long = "app", value_name = "NAME")]
    pub apps: Vec<String>,

    #[command(flatten)]
    pub images: ImageArgs,
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// App spec files (TOML)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Only these apps (repeatable)
    #[arg(long = "app", value_name = "NAME")]
    pub apps: Vec<String>,

    /// Return as soon as the services are created or updated, without waiting for them to run
    #[arg(long, short = 'd')]
    pub detach: bool,

    /// How long to wait for the apps to converge (e.g. 90s, 5m)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: Duration,

    /// How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0:
    /// as soon as they run)
    // 2 s catches a container that crashes right after it starts, far sooner than the docker
    // CLI's 5 s.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub monitor: Duration,

    /// Allow pinning a persistent app to a different node than before (its data stays behind)
    #[arg(long)]
    pub move_node: bool,

    /// Leave a failed update as it failed, for debugging, instead of rolling the app back to its
    /// previous version
    #[arg(long)]
    pub no_rollback: bool,

    /// Also remove the deployed apps of the specs' projects that the specs no longer declare,
    /// as `apps rm` does (their data is kept); asks first
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub images: ImageArgs,
}

/// How images are resolved and pulled (as in `docker stack deploy`).
#[derive(Debug, Args)]
pub struct ImageArgs {
    /// When to resolve image tags to digests, so that every node runs the same image: always
    /// (a new push to a tag is an update), changed (only new or changed images), never
    #[arg(long, value_name = "WHEN", default_value = "always")]
    pub resolve_image: ResolveImage,

    /// Send the registry credentials of the docker CLI with each service, so that every node can
    /// pull (the default)
    #[arg(long, overrides_with = "no_registry_auth")]
    pub registry_auth: bool,

    /// Do not send registry credentials with the services (the nodes must be logged in)
    #[arg(long, overrides_with = "registry_auth")]
    pub no_registry_auth: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResolveImage {
    Always,
    Changed,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// List deployed apps
    Ls(AppsLsArgs),
    /// Show the tasks of apps: where each instance runs or ran, its state, health and error
    Ps(AppsPsArgs),
    /// Show the logs of every task of an app, on every node
    Logs(AppsLogsArgs),
    /// Set the number of instances of an app
    Scale(AppsScaleArgs),
    /// Remove apps; their volumes and host directories are kept
    Rm(AppsRmArgs),
    /// Return an app to the spec it ran before its last deploy, and wait until it runs
    Rollback(AppsRollbackArgs),
}

#[derive(Debug, Args)]
pub struct AppsLsArgs {}

#[derive(Debug, Args)]
pub struct AppsPsArgs {
    /// The apps
    #[arg(required = true, value_name = "APP")]
    pub apps: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AppsLogsArgs {
    /// The app
    pub app: String,

    /// Keep printing new lines as they are written (Ctrl-C ends)
    #[arg(long, short = 'f')]
    pub follow: bool,

    /// Only lines written since then: a duration back from now (e.g. 10m, 1h30m) or a UTC time
    /// (e.g. 2024-05-01T12:00:00Z)
    #[arg(long, value_name = "WHEN", value_parser = parse_since)]
    pub since: Option<Since>,

    /// Only the last N lines of each task
    #[arg(long, short = 'n', value_name = "N")]
    pub tail: Option<u64>,

    /// Show when each line was written
    #[arg(long, short = 't')]
    pub timestamps: bool,
}

/// A point in time `--since` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// This long before now.
    Ago(Duration),
    /// At this time (seconds since 1970, UTC).
    At(i64),
}

/// Parses `--since`: a UTC time as RFC 3339 (`2024-05-01T12:00:00Z`), else a duration.
pub fn parse_since(text: &str) -> Result<Since, String> {
    if let Some(secs) = crate::core::health::utc_seconds(text.trim()) {
        return Ok(Since::At(secs));
    }
    parse_duration(text).map(Since::Ago).map_err(|_| {
        format!("`{text}` is neither a duration (e.g. 10m, 1h30m) nor a UTC time (e.g. 2024-05-01T12:00:00Z)")
    })
}

#[derive(Debug, Args)]
pub struct AppsScaleArgs {
    /// The app
    pub app: String,
    /// The number of instances (at most 1 for a persistent app)
    pub instances: u64,

    /// How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0:
    /// as soon as they run)
    // 2 s catches a container that crashes right after it starts, far sooner than the docker
    // CLI's 5 s.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub monitor: Duration,
}

#[derive(Debug, Args)]
pub struct AppsRollbackArgs {
    /// The app
    pub app: String,

    /// How long to wait for the app to run its previous version (e.g. 90s, 5m)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: Duration,

    /// How long returned containers must stay up before the app counts as running (e.g. 2s;
    /// 0: as soon as they run)
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub monitor: Duration,
}

#[derive(Debug, Args)]
pub struct AppsRmArgs {
    /// The apps to remove
    #[arg(required = true, value_name = "APP")]
    pub apps: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum VolumesCommand {
    /// List managed volumes (alacran--*)
    Ls(VolumesLsArgs),
    /// Remove managed volumes that no app uses (asks first)
    Rm(VolumesRmArgs),
    /// Write a managed volume's content to a tar archive (gzip or zstd by the file's extension)
    Export(VolumesExportArgs),
    /// Restore a tar archive, or copy another Docker volume, into a new or empty managed volume
    Import(VolumesImportArgs),
}

#[derive(Debug, Args)]
pub struct VolumesExportArgs {
    /// The volume: its label or full name (my-volume and alacran--my-volume are the same)
    pub name: String,
    /// Where to write the archive: a new file (.tar, .tar.gz or .tar.zst), or - for stdout
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: PathBuf,
    #[command(flatten)]
    pub while_used: WhileUsedArgs,
    /// The node that holds the volume [default: the one alacrity's records and apps say]
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    #[command(flatten)]
    pub reach: NodeHostArg,
}

#[derive(Debug, Args)]
pub struct VolumesImportArgs {
    /// The managed volume to fill: its label or full name; made if it does not exist
    pub name: String,
    /// The archive to restore (a tar, plain, gzip or zstd), or - for stdin
    #[arg(value_name = "FILE", required_unless_present = "from_volume")]
    pub file: Option<PathBuf>,
    /// Copy this existing Docker volume of the same node instead (e.g. a compose or CapRover
    /// volume); it is left untouched
    #[arg(long, value_name = "VOLUME", conflicts_with = "file")]
    pub from_volume: Option<String>,
    /// With --from-volume: copy it even while something uses it (fine for plain files, not for
    /// a running database)
    #[arg(long, requires = "from_volume")]
    pub live: bool,
    /// Delete what the volume holds and import in its place (asks first; never while in use)
    #[arg(long)]
    pub replace: bool,
    /// The node of the volume [default: the one alacrity's records and apps say; on a one-node
    /// swarm, that node]
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    #[command(flatten)]
    pub reach: NodeHostArg,
}

/// What an export does with data in use.
#[derive(Debug, Clone, Args)]
pub struct WhileUsedArgs {
    /// Stop the app that uses the data for the copy, and start it again after
    #[arg(long, conflicts_with = "live")]
    pub stop: bool,
    /// Copy the data while it is in use (fine for plain files, not for a running database)
    #[arg(long)]
    pub live: bool,
}

#[derive(Debug, Args)]
pub struct VolumesLsArgs {
    /// Only volumes no app uses any more
    #[arg(long)]
    pub retained: bool,
    /// Show the size of each volume of the node alacrity talks to (slower)
    #[arg(long)]
    pub size: bool,
    #[command(flatten)]
    pub manager: ManagerArg,
}

#[derive(Debug, Args)]
pub struct VolumesRmArgs {
    /// Volume labels or full names (my-volume and alacran--my-volume are the same)
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Drop the record only and keep the volume (e.g. a record of a node that left the swarm)
    #[arg(long)]
    pub forget: bool,
    #[command(flatten)]
    pub manager: ManagerArg,
}

/// Retained data lives on one node: `--host` names that node's engine, and when it is a worker,
/// `--manager` names a manager, which knows the apps that use the data.
#[derive(Debug, Clone, Args)]
pub struct ManagerArg {
    /// A swarm manager's engine, needed when --host is a worker node's engine
    #[arg(long, value_name = "URL")]
    pub manager: Option<String>,
}

/// How to reach the engines of the swarm's nodes, for the commands that read or write a node's
/// data.
#[derive(Debug, Clone, Default, Args)]
pub struct NodeHostArg {
    /// How to reach a node's engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL
    /// as for --host; repeatable [default: a docker context named like the node, else --host
    /// when it is that node]
    #[arg(long = "node-host", value_name = "NODE=URL")]
    pub node_hosts: Vec<crate::engine::NodeHost>,
}

#[derive(Debug, Subcommand)]
pub enum BindsCommand {
    /// List host directories that apps bind-mounted
    Ls(BindsLsArgs),
    /// Remove recorded host directories that no app uses (asks first)
    Rm(BindsRmArgs),
    /// Write a host directory's content to a tar archive (gzip or zstd by the file's extension)
    Export(BindsExportArgs),
    /// Restore a tar archive into an existing, empty host directory of a node
    Import(BindsImportArgs),
}

#[derive(Debug, Args)]
pub struct BindsExportArgs {
    /// The host directory (absolute)
    pub path: PathBuf,
    /// Where to write the archive: a new file (.tar, .tar.gz or .tar.zst), or - for stdout
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: PathBuf,
    #[command(flatten)]
    pub while_used: WhileUsedArgs,
    /// The node whose directory it is [default: the one alacrity's records and apps say]
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    #[command(flatten)]
    pub reach: NodeHostArg,
}

#[derive(Debug, Args)]
pub struct BindsImportArgs {
    /// The host directory to fill (absolute; it must exist on the node and be empty)
    pub path: PathBuf,
    /// The archive to restore (a tar, plain, gzip or zstd), or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The node whose directory it is [default: the one alacrity's records and apps say; on a
    /// one-node swarm, that node]
    #[arg(long, value_name = "NODE")]
    pub node: Option<String>,
    #[command(flatten)]
    pub reach: NodeHostArg,
}

#[derive(Debug, Args)]
pub struct BindsLsArgs {
    /// Only directories no app uses any more
    #[arg(long)]
    pub retained: bool,
    /// Show the size of each directory of this machine's node (slower: walks the directories)
    #[arg(long)]
    pub size: bool,
    #[command(flatten)]
    pub manager: ManagerArg,
}

#[derive(Debug, Args)]
pub struct BindsRmArgs {
    /// Host directories, as recorded (absolute paths)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Drop the record only and keep the directory on disk
    #[arg(long)]
    pub forget: bool,
    #[command(flatten)]
    pub manager: ManagerArg,
}

#[derive(Debug, Subcommand)]
pub enum LockCommand {
    /// Show who holds the lock, and since when
    Status,
    /// Remove the lock, whoever holds it (when its holder is gone; asks first)
    Release,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Parses durations such as `90s`, `5m`, `1h30m`, `500ms`; a bare number is seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the duration is empty: use e.g. 90s, 5m or 1h30m".into());
    }
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit_len = rest[digits..]
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len() - digits);
        let (number, unit) = (&rest[..digits], &rest[digits..digits + unit_len]);
        let value: u64 = number
            .parse()
            .map_err(|_| format!("`{text}` is not a duration: use e.g. 90s, 5m or 1h30m"))?;
        total += match unit {
            "ms" => Duration::from_millis(value),
            "s" => Duration::from_secs(value),
            "m" => Duration::from_secs(value.saturating_mul(60)),
            "h" => Duration::from_secs(value.saturating_mul(3600)),
            _ => {
                return Err(format!(
                    "`{text}` is not a duration: use e.g. 90s, 5m or 1h30m"
                ));
            }
        };
        rest = &rest[digits + unit_len..];
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn since_is_a_duration_or_a_time() {
        assert_eq!(parse_since("10m"), Ok(Since::Ago(Duration::from_secs(600))));
        assert_eq!(
            parse_since("2026-11-30T22:00:00Z"),
            Ok(Since::At(1_796_076_000))
        );
        assert!(parse_since("yesterday").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
