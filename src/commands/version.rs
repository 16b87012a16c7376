//! `alacrity --version`: the version, the git commit it was built from, and the oldest Engine API it
//! supports; as data with `--output json`, for scripts.

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::engine::{MIN_API, MIN_DOCKER};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// The commit alacrity was built from (build.rs): a short hash, `-dirty` when the tree had changes,
/// or "unknown".
pub const COMMIT: &str = env!("ALACRITY_COMMIT");

/// What `--version` says, the JSON of `--version --output json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    pub version: &'static str,
    pub commit: &'static str,
    /// The oldest Engine API alacrity supports, as "1.41".
    pub min_api_version: String,
    /// The Docker release of that API.
    pub min_docker_version: &'static str,
}

impl VersionInfo {
    pub fn current() -> Self {
        VersionInfo {
            version: env!("CARGO_PKG_VERSION"),
            commit: COMMIT,
            min_api_version: format!("{}.{}", MIN_API.0, MIN_API.1),
            min_docker_version: MIN_DOCKER,
        }
    }

    /// The text of `--version`: its first line is `alacrity VERSION`, as clap's was.
    pub fn text(&self) -> String {
        format!(
            "alacrity {}\ncommit: {}\nminimum Engine API: {} (Docker {} or newer)",
            self.version, self.commit, self.min_api_version, self.min_docker_version
        )
    }
}

/// Prints the version, as text or JSON.
pub fn run(printer: &Printer) -> anyhow::Result<ExitStatus> {
    let info = VersionInfo::current();
    match printer.output() {
        OutputFormat::Json => printer.json(&info),
        OutputFormat::Table => printer.data(info.text()),
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_names_version_commit_and_oldest_api() {
        let text = VersionInfo::current().text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("alacrity {}", env!("CARGO_PKG_VERSION")));
        assert_eq!(lines[1], format!("commit: {COMMIT}"));
        assert_eq!(lines[2], "minimum Engine API: 1.41 (Docker 20.10 or newer)");
    }

    #[test]
    fn the_json_has_the_same_fields() {
        let json = serde_json::to_value(VersionInfo::current()).unwrap();
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(json["commit"], COMMIT);
        assert_eq!(json["min_api_version"], "1.41");
        assert_eq!(json["min_docker_version"], "20.10");
    }
}
