//! Backing up and restoring persistent data (`volumes export|import`, `binds export|import`):
//! which node holds the data, whether it may be read or written now, and how a copy's progress
//! reads.

use std::time::Duration;

use super::records::{BindRecord, VolumeRecord};
use super::usage::{ServiceUse, Source, User};

/// The node that holds a volume or a directory, from what alacrity knows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeChoice {
    /// Known: this node (ID).
    One(String),
    /// Several nodes hold data of that name (an app moved, or the same label used on two
    /// nodes): the user names one.
    Several(Vec<String>),
    /// No record and no app says.
    Unknown,
}

/// The nodes where a managed volume is known to be: its records, and the pins of the apps that
/// mount it.
pub(crate) fn volume_nodes(
    label: &str,
    name: &str,
    records: &[VolumeRecord],
    services: &[ServiceUse],
) -> NodeChoice {
    let recorded = records
        .iter()
        .filter(|r| r.label == label)
        .map(|r| r.node_id.clone());
    let pinned = services
        .iter()
        .filter(|s| {
            s.sources
                .iter()
                .any(|source| matches!(source, Source::Volume(v) if v == name))
        })
        .filter_map(|s| s.pin.clone());
    choice(recorded.chain(pinned).collect())
}

/// The nodes where a host directory is known to be used: its records, and the pins of the apps
/// that mount it.
pub(crate) fn dir_nodes(
    path: &std::path::Path,
    records: &[BindRecord],
    services: &[ServiceUse],
) -> NodeChoice {
    let recorded = records
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.node_id.clone());
    let pinned = services
        .iter()
        .filter(|s| {
            s.sources
                .iter()
                .any(|source| matches!(source, Source::Bind(p) if p == path))
        })
        .filter_map(|s| s.pin.clone());
    choice(recorded.chain(pinned).collect())
}

fn choice(mut nodes: Vec<String>) -> NodeChoice {
    nodes.sort();
    nodes.dedup();
    match nodes.len() {
        0 => NodeChoice::Unknown,
        1 => NodeChoice::One(nodes.remove(0)),
        _ => NodeChoice::Several(nodes),
    }
}

/// How an export treats data in use (`--stop`, `--live`, neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhileUsed {
    Refuse,
    /// `--stop`: stop the apps that use it for the copy, start them again after.
    Stop,
    /// `--live`: copy it as it is (fine for files, not for a running database).
    Live,
}

/// What an export does about the users of the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportStart {
    /// No one uses it.
    Free,
    /// Stop these apps first, start them again after.
    StopApps(Vec<String>),
    /// Read it while in use (`--live`).
    Live(Vec<User>),
    /// In use, and neither `--stop` nor `--live`.
    InUse(Vec<User>),
    /// `--stop`, but these users are not apps alacrity can stop.
    CannotStop(Vec<User>),
}

pub fn export_start(users: &[User], mode: WhileUsed) -> ExportStart {
    if users.is_empty() {
        return ExportStart::Free;
    }
    match mode {
        WhileUsed::Refuse => ExportStart::InUse(users.to_vec()),
        WhileUsed::Live => ExportStart::Live(users.to_vec()),
        WhileUsed::Stop => {
            let others: Vec<User> = users
                .iter()
                .filter(|u| !matches!(u, User::App { .. }))
                .cloned()
                .collect();
            if !others.is_empty() {
                return ExportStart::CannotStop(others);
            }
            let mut apps: Vec<String> = users.iter().map(|u| u.name().to_string()).collect();
            apps.sort();
            apps.dedup();
            ExportStart::StopApps(apps)
        }
    }
}

/// Sizes in binary units, as a copy's progress shows them: `512 B`, `1.5 KiB`, `12.0 MiB`.
pub fn binary_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    match unit {
        0 => format!("{bytes} B"),
        _ => format!("{value:.1} {}", UNITS[unit]),
    }
}

/// Where a copy stands: `12.0 MiB of 1.0 GiB (1%), 40.0 MiB/s` (the total when known; it is
/// the engine's estimate, so the share is capped at 99% until the end).
pub fn transfer_line(done: u64, total: Option<u64>, elapsed: Duration) -> String {
    let rate = rate(done, elapsed);
    match total.filter(|t| *t > 0) {
        Some(total) => {
            let share = ((done as f64 / total as f64) * 100.0).min(99.0) as u64;
            format!(
                "{} of about {} ({share}%), {rate}",
                binary_size(done),
                binary_size(total)
            )
        }
        None => format!("{}, {rate}", binary_size(done)),
    }
}

/// A copy's end: `1.0 GiB in 25s (41.0 MiB/s)`.
pub fn transfer_done(done: u64, elapsed: Duration) -> String {
    format!(
        "{} in {}s ({})",
        binary_size(done),
        elapsed.as_secs(),
        rate(done, elapsed)
    )
}

fn rate(done: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    if secs < 0.001 {
        return "-/s".to_string();
    }
    format!("{}/s", binary_size((done as f64 / secs) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(name: &str, pin: Option<&str>, volume: &str) -> ServiceUse {
        ServiceUse {
            id: format!("id-{name}"),
            name: name.into(),
            managed: true,
            pin: pin.map(String::from),
            sources: vec![Source::Volume(volume.into())],
        }
    }

    fn record(label: &str, node: &str) -> VolumeRecord {
        VolumeRecord {
            label: label.into(),
            app: "db".into(),
            node_id: node.into(),
            config_id: String::new(),
        }
    }

    #[test]
    fn a_volume_is_where_its_records_and_its_app_say() {
        let services = [service("db", Some("n2"), "alacran--data")];
        assert_eq!(
            volume_nodes("data", "alacran--data", &[record("data", "n2")], &services),
            NodeChoice::One("n2".into())
        );
        assert_eq!(
            volume_nodes("data", "alacran--data", &[record("data", "n3")], &services),
            NodeChoice::Several(vec!["n2".into(), "n3".into()])
        );
        assert_eq!(
            volume_nodes(
                "other",
                "alacran--other",
                &[record("data", "n3")],
                &services
            ),
            NodeChoice::Unknown
        );
    }

    #[test]
    fn an_export_of_data_in_use_needs_stop_or_live() {
        let app = User::App { name: "db".into() };
        let container = User::Container {
            name: "x".into(),
            running: true,
        };
        assert_eq!(export_start(&[], WhileUsed::Refuse), ExportStart::Free);
        assert_eq!(
            export_start(std::slice::from_ref(&app), WhileUsed::Refuse),
            ExportStart::InUse(vec![app.clone()])
        );
        assert_eq!(
            export_start(std::slice::from_ref(&app), WhileUsed::Stop),
            ExportStart::StopApps(vec!["db".into()])
        );
        assert_eq!(
            export_start(&[app.clone(), container.clone()], WhileUsed::Stop),
            ExportStart::CannotStop(vec![container.clone()])
        );
        assert!(matches!(
            export_start(&[container], WhileUsed::Live),
            ExportStart::Live(_)
        ));
    }

    #[test]
    fn progress_reads_in_binary_units() {
        assert_eq!(binary_size(512), "512 B");
        assert_eq!(binary_size(1536), "1.5 KiB");
        assert_eq!(binary_size(1 << 30), "1.0 GiB");
        assert_eq!(
            transfer_line(12 << 20, Some(1 << 30), Duration::from_secs(2)),
            "12.0 MiB of about 1.0 GiB (1%), 6.0 MiB/s"
        );
        assert_eq!(
            transfer_line(2 << 30, Some(1 << 30), Duration::from_secs(2)),
            "2.0 GiB of about 1.0 GiB (99%), 1.0 GiB/s"
        );
        assert_eq!(transfer_line(10, None, Duration::ZERO), "10 B, -/s");
        assert_eq!(
            transfer_done(1 << 30, Duration::from_secs(25)),
            "1.0 GiB in 25s (41.0 MiB/s)"
        );
    }
}
