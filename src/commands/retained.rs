//! What `volumes` and `binds` share: how users and statuses read, the confirmation that lists
//! what will be deleted, and the report of a multi-target rm.

use std::fmt;

use serde::Serialize;

use crate::core::usage::User;
use crate::core::volumes::VolumeRefusal;
use crate::engine::DataAccess;
use crate::printer::Printer;

/// Something that uses a volume or a directory, as `ls` shows it (the engine's `User`, as
/// plain data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ListedUser {
    /// An app alacrity deployed.
    App { name: String },
    /// A swarm service alacrity did not deploy.
    Service { name: String },
    /// A container that is not a task of a listed service.
    Container { name: String, running: bool },
    /// A task of a removed service that still runs, named by its task ID.
    Task { name: String },
}

impl From<&User> for ListedUser {
    fn from(user: &User) -> Self {
        match user.clone() {
            User::App { name } => ListedUser::App { name },
            User::Service { name } => ListedUser::Service { name },
            User::Container { name, running } => ListedUser::Container { name, running },
            User::Task { name } => ListedUser::Task { name },
        }
    }
}

impl fmt::Display for ListedUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListedUser::App { name } => write!(f, "app {name}"),
            ListedUser::Service { name } => write!(f, "service {name}"),
            ListedUser::Container {
                name,
                running: true,
            } => write!(f, "container {name}"),
            ListedUser::Container {
                name,
                running: false,
            } => write!(f, "container {name} (stopped)"),
            ListedUser::Task { name } => write!(f, "task {name} of a removed service"),
        }
    }
}

/// The users of some data, as `ls` shows them.
pub fn listed_users(users: &[User]) -> Vec<ListedUser> {
    users.iter().map(ListedUser::from).collect()
}

/// `in-use` or `retained`, as `ls` shows it.
pub fn status<T>(users: &[T]) -> &'static str {
    if users.is_empty() {
        "retained"
    } else {
        "in-use"
    }
}

/// The USED BY cell: `app db, container backup (stopped)`, or `-`.
pub fn used_by<T: fmt::Display>(users: &[T]) -> String {
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

/// The refusal for data in use: who uses it, and what to do first.
pub fn in_use(what: &str, users: &[User]) -> String {
    let names =
        |kind: fn(&User) -> Option<&str>| -> Vec<&str> { users.iter().filter_map(kind).collect() };
    let apps = names(|u| matches!(u, User::App { .. }).then(|| u.name()));
    let services = names(|u| matches!(u, User::Service { .. }).then(|| u.name()));
    let containers = names(|u| matches!(u, User::Container { .. }).then(|| u.name()));
    let tasks = names(|u| matches!(u, User::Task { .. }).then(|| u.name()));
    let mut steps = Vec::new();
    if !apps.is_empty() {
        steps.push(format!(
            "remove the app first with `alacrity apps rm {}` (it keeps its data)",
            apps.join(" ")
        ));
    }
    if !services.is_empty() {
        steps.push(format!(
            "remove the service first with `docker service rm {}`",
            services.join(" ")
        ));
    }
    if !containers.is_empty() {
        steps.push(format!(
            "remove the container first with `docker rm --force {}`",
            containers.join(" ")
        ));
    }
    if !tasks.is_empty() {
        steps.push(format!(
            "wait until the swarm has stopped the task (`docker inspect --format \
             '{{{{.Status.State}}}}' {}` on a manager shows its state, or fails once it is gone)",
            tasks.join(" ")
        ));
    }
    let users: Vec<String> = users.iter().map(ToString::to_string).collect();
    format!(
        "{what} is in use by {}: alacrity never deletes data in use; {}, then run this again",
        users.join(", "),
        steps.join("; ")
    )
}

/// What to run to act on data of another node: `command` (e.g. `volumes rm db-data`)
/// against that node's engine. `on_the_machine`: alacrity must also run on that node (to
/// remove its directories).
pub fn reach_hint(
    access: &DataAccess,
    node_id: &str,
    command: &str,
    on_the_machine: bool,
) -> String {
    let host = access.hostname(node_id);
    let worker = access.is_worker(node_id);
    let how = if on_the_machine {
        format!("run alacrity on {host} itself, against its own engine")
    } else {
        format!("point --host at {host}'s engine (on {host} itself, its local socket)")
    };
    let manager = if worker { " --manager MANAGER_URL" } else { "" };
    let why_manager = if worker {
        format!("; {host} is a worker, so --manager names a manager's engine")
    } else {
        String::new()
    };
    format!("{how}: `alacrity --host unix:///var/run/docker.sock {command}{manager}`{why_manager}")
}

/// A volume that may not be removed, in words: why, and what to do.
pub fn volume_refusal(refusal: &VolumeRefusal, access: &DataAccess) -> String {
    match refusal {
        VolumeRefusal::InUse {
            name,
            node_id,
            users,
        } => {
            let what = match node_id == access.node_id() {
                true => name.clone(),
                false => format!("{name} on {}", access.hostname(node_id)),
            };
            in_use(&what, users)
        }
        VolumeRefusal::NotManaged { name, node_id } => format!(
            "the volume {name} on {} was not created by alacrity (it lacks the label {}=true), \
             so alacrity leaves it alone; if it is yours to delete: `docker volume rm {name}`",
            access.hostname(node_id),
            crate::core::labels::MANAGED
        ),
        VolumeRefusal::Unknown { name, node_id } => format!(
            "there is no volume {name} on {} (the node alacrity talks to), and the swarm has no \
             record of one on another node; `alacrity volumes ls` lists alacrity's volumes",
            access.hostname(node_id)
        ),
        VolumeRefusal::Elsewhere {
            name,
            node_id,
            holders,
            command,
        } => {
            let hosts: Vec<String> = holders.iter().map(|id| access.hostname(id)).collect();
            let hint = reach_hint(access, &holders[0], command, false);
            match command.contains("--forget") {
                true => format!(
                    "the volume {name} is recorded on {}, not on {} (the node alacrity talks \
                     to); {hint}",
                    hosts.join(" and "),
                    access.hostname(node_id)
                ),
                false => format!(
                    "the volume {name} is on {}, not on {} (the node alacrity talks to): a volume \
                     lives on its node, and only that node's engine can remove it; {hint}",
                    hosts.join(" and "),
                    access.hostname(node_id)
                ),
            }
        }
        VolumeRefusal::NoRecord { name } => format!(
            "the swarm has no record of the volume {name}: there is nothing to forget; \
             `alacrity volumes ls` lists the volumes alacrity knows of"
        ),
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
        assert_eq!(used_by::<User>(&[]), "-");
        assert_eq!(status::<User>(&[]), "retained");
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

    #[test]
    fn listed_users_read_and_serialize_like_the_engine_s() {
        let users = [
            User::App { name: "db".into() },
            User::Service { name: "s".into() },
            User::Container {
                name: "x".into(),
                running: true,
            },
            User::Container {
                name: "y".into(),
                running: false,
            },
            User::Task { name: "t1".into() },
        ];
        for user in &users {
            let listed = ListedUser::from(user);
            assert_eq!(listed.to_string(), user.to_string());
            assert_eq!(
                serde_json::to_value(&listed).unwrap(),
                serde_json::to_value(user).unwrap()
            );
        }
    }

    #[test]
    fn the_refusal_names_every_user_and_what_to_do() {
        let users = [
            User::App { name: "db".into() },
            User::Container {
                name: "backup".into(),
                running: false,
            },
        ];
        let text = in_use("alacran--d", &users);
        assert!(
            text.starts_with("alacran--d is in use by app db, container backup (stopped)"),
            "{text}"
        );
        assert!(text.contains("`alacrity apps rm db`"), "{text}");
        assert!(text.contains("`docker rm --force backup`"), "{text}");
        let task = in_use("/srv/x", &[User::Task { name: "t1".into() }]);
        assert!(
            task.ends_with("`docker inspect --format '{{.Status.State}}' t1` on a manager shows its state, or fails once it is gone), then run this again"),
            "{task}"
        );
    }
}
