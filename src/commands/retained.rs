//! What `volumes` and `binds` share: how users and statuses read, the confirmation that lists
//! what will be deleted, and the report of a multi-target rm.

use serde::Serialize;

use crate::engine::User;
use crate::printer::Printer;

/// `in-use` or `retained`, as `ls` shows it.
pub fn status(users: &[User]) -> &'static str {
    if users.is_empty() {
        "retained"
    } else {
        "in-use"
    }
}

/// The USED BY cell: `app db, container backup (stopped)`, or `-`.
pub fn used_by(users: &[User]) -> String {
    if users.is_empty() {
        return "-".to_string();
    }
    let names: Vec<String> = users.iter().map(ToString::to_string).collect();
    names.join(", ")
}

/// Sizes as the docker CLI prints them (decimal units): `512B`, `4.1kB`, `12.3MB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes}B")
    } else {
        format!("{value:.1}{}", UNITS[unit])
    }
}

/// An optional size as a cell.
pub fn size_cell(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "-".to_string(), human_size)
}

/// Asks before deleting: on a terminal, `heading` and one line per item, then `question`.
/// `action` ("delete volume x from node1") is for the refusal without a terminal and without
/// `--yes`, which says to pass `--yes`.
pub fn confirm_deletion(
    heading: &str,
    items: &[String],
    question: &str,
    action: &str,
    yes: bool,
    printer: &Printer,
) -> anyhow::Result<bool> {
    let mut lines = vec![heading.to_string()];
    lines.extend(items.iter().map(|item| format!("  {item}")));
    printer.confirm_listing(&lines, question, action, yes)
}

/// A target of a multi-target rm that failed, and why: `{"name", "error"}` for a volume,
/// `{"path", "error"}` for a directory (like `apps rm`'s `{"name", "error"}`).
#[derive(Debug, Clone, Serialize)]
pub struct Failed {
    #[serde(flatten)]
    pub target: Target,
    pub error: String,
}

/// What failed, as given.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Name(String),
    Path(String),
}

impl Failed {
    pub fn new(target: Target, err: &anyhow::Error) -> Self {
        Failed {
            target,
            error: format!("{err:#}"),
        }
    }
}

/// Every failure, on stderr (also with --quiet: they are errors).
pub fn print_failures(failures: &[Failed], printer: &Printer) {
    for failed in failures {
        // The errors name their target themselves.
        printer.error(&anyhow::anyhow!("{}", failed.error));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_the_docker_cli() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(4096), "4.1kB");
        assert_eq!(human_size(12_300_000), "12.3MB");
        assert_eq!(size_cell(None), "-");
    }

    #[test]
    fn failures_name_their_target_like_apps_rm() {
        let err = anyhow::anyhow!("in use");
        let volume = Failed::new(Target::Name("alacran--x".into()), &err);
        let dir = Failed::new(Target::Path("/srv/x".into()), &err);
        assert_eq!(
            serde_json::to_value(&volume).unwrap(),
            serde_json::json!({"name": "alacran--x", "error": "in use"})
        );
        assert_eq!(
            serde_json::to_value(&dir).unwrap(),
            serde_json::json!({"path": "/srv/x", "error": "in use"})
        );
    }

    #[test]
    fn users_read_as_a_list() {
        assert_eq!(used_by(&[]), "-");
        assert_eq!(status(&[]), "retained");
        let users = [
            User::App { name: "db".into() },
            User::Container {
                name: "x".into(),
                running: false,
            },
        ];
        assert_eq!(used_by(&users), "app db, container x (stopped)");
        assert_eq!(status(&users), "in-use");
    }
}
