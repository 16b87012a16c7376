//! `alacrity apps logs APP [--follow] [--since WHEN] [--tail N] [--timestamps]`: the logs of every
//! task of an app on every node, like `docker service logs`, each line after its task and node
//! (`web.2@node-3 | ...`), on stdout as the engine sends them.
//!
//! What the engine cannot deliver is said on stderr before the lines: the tasks on a node that
//! is down (their logs are on that node), and a logging driver that cannot be read back.
//! Ctrl-C ends it (with `--follow`, the only way) quietly, with exit code 130.

use std::collections::{HashMap, HashSet};

use bollard::models::Task;

use crate::cli::{AppsLogsArgs, Since};
use crate::commands::table::escape;
use crate::core::logs::{LogContext, LogLine, READABLE_DRIVERS, is_unreadable_driver};
use crate::core::nodes::{Node, hostname_of};
use crate::core::services::DeployedApp;
use crate::engine::{Connector, Engine, LogOptions};
use crate::exit::{ExitStatus, HandlingCtrlC};
use crate::printer::Printer;

pub async fn run(
    args: &AppsLogsArgs,
    engine: &Connector,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let engine = engine.connect().await?;
    let app = engine.managed_app(&args.app).await?;
    let (tasks, nodes) = tokio::try_join!(engine.app_tasks(&app), engine.nodes())?;
    let driver = match app.log_driver() {
        Some(driver) => Some(Driver::Named(driver.to_string())),
        None => engine.default_log_driver().await.map(Driver::Default),
    };
    if let Some(driver) = driver {
        warn_unreadable_driver(app.name(), &driver, printer);
    }
    warn_nodes_down(app.name(), &tasks, &nodes, printer);
    let now = i64::try_from(crate::engine::now()).unwrap_or(i64::MAX);
    let options = LogOptions {
        follow: args.follow,
        since: args.since.map(|since| match since {
            Since::Ago(ago) => now.saturating_sub(i64::try_from(ago.as_secs()).unwrap_or(i64::MAX)),
            Since::At(at) => at,
        }),
        tail: args.tail,
        timestamps: args.timestamps,
    };
    // Ctrl-C is how `--follow` ends: not an interruption to explain, just the end.
    let _handling = HandlingCtrlC::start();
    tokio::select! {
        result = stream(&engine, &app, Names::new(app.name(), tasks, nodes), &options, printer) => result,
        _ = tokio::signal::ctrl_c() => Ok(ExitStatus::Interrupted),
    }
}

/// Prints the lines as they arrive, until the engine ends the stream or stdout is closed.
async fn stream(
    engine: &Engine,
    app: &DeployedApp,
    mut names: Names,
    options: &LogOptions,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let mut logs = engine.app_logs(app, options).await?;
    // Tasks started since the names were read (a restart while following) are looked up once.
    let mut looked_up: HashSet<String> = HashSet::new();
    while let Some(line) = logs.next().await {
        let line = line?;
        let Some(context) = &line.context else {
            engine_words(app, &line, &names.nodes, printer);
            continue;
        };
        if !names.knows(context) && looked_up.insert(context.task_id.clone()) {
            // A lookup that fails costs only the name: the line shows with the task's short ID.
            if let Ok((tasks, nodes)) = tokio::try_join!(engine.app_tasks(app), engine.nodes()) {
                names = Names::new(app.name(), tasks, nodes);
            }
        }
        if !printer.stream(&names.line(context, &line)) {
            break;
        }
    }
    Ok(ExitStatus::Success)
}

/// The words the engine puts in the stream itself ("Error grabbing logs: ... node ID is not
/// available"), on stderr, with the nodes by hostname.
fn engine_words(app: &DeployedApp, line: &LogLine, nodes: &[Node], printer: &Printer) {
    let mut words = String::from_utf8_lossy(&line.message).trim().to_string();
    for node in nodes.iter().filter(|node| !node.id.is_empty()) {
        words = words.replace(&node.id, &node.hostname);
    }
    let words = escape(&words);
    if is_unreadable_driver(&words) {
        printer.warn(format!(
            "the engine cannot deliver some logs of app {}: {words}; {}",
            app.name(),
            driver_advice(app.name())
        ));
    } else {
        printer.warn(format!("the engine says: {words}"));
    }
}

/// What to do about a logging driver the engine cannot read back.
fn driver_advice(app: &str) -> String {
    format!(
        "only the {} drivers can be read back, read the others where the driver sends them; \
         `docker service inspect {app} --format '{{{{json .Spec.TaskTemplate.LogDriver}}}}'` shows \
         its driver",
        READABLE_DRIVERS.join(", ")
    )
}

/// An app's logging driver, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Driver {
    /// Its service names it.
    Named(String),
    /// Its service names none: the engine's default.
    Default(String),
}

/// A logging driver the engine cannot read back, said before anything else.
fn warn_unreadable_driver(name: &str, driver: &Driver, printer: &Printer) {
    let (driver, whose) = match driver {
        Driver::Named(driver) => (driver.as_str(), "the"),
        Driver::Default(driver) => (driver.as_str(), "the engine's default"),
    };
    if READABLE_DRIVERS.contains(&driver) {
        return;
    }
    if driver == "none" {
        printer.warn(format!(
            "app {name} uses {whose} `none` logging driver: its containers' output is not kept, \
             so the engine has no logs to deliver; {}",
            driver_advice(name)
        ));
    } else {
        printer.warn(format!(
            "app {name} uses {whose} `{}` logging driver: the engine delivers its logs only from \
             its local copy (dual logging, Docker 20.10 and later, unless turned off); {}",
            escape(driver),
            driver_advice(name)
        ));
    }
}

/// The nodes that are not up and hold tasks of the app: those tasks' logs are on them, missing
/// until they are back. One warning per node, naming its tasks.
fn warn_nodes_down(app: &str, tasks: &[Task], nodes: &[Node], printer: &Printer) {
    for node in nodes.iter().filter(|node| node.state != "ready") {
        let mut slots: Vec<String> = tasks
            .iter()
            .filter(|task| task.node_id.as_deref() == Some(node.id.as_str()))
            .map(|task| task_name(app, task))
            .collect();
        if slots.is_empty() {
            continue;
        }
        slots.sort();
        slots.dedup();
        printer.warn(format!(
            "node {} is {}: the logs of {} on it are missing until it is back; `docker node ls` \
             shows the nodes",
            escape(&node.hostname),
            escape(if node.state.is_empty() {
                "unknown"
            } else {
                &node.state
            }),
            slots.join(", ")
        ));
    }
}

/// `web.2` (the app and its slot), or `web` for a task without one.
fn task_name(app: &str, task: &Task) -> String {
    match task.slot {
        Some(slot) => format!("{app}.{slot}"),
        None => app.to_string(),
    }
}

/// The prefix of each line (`web.2@node-3`), by task, aligned.
struct Names {
    app: String,
    tasks: HashMap<String, String>,
    nodes: Vec<Node>,
    /// The width of the longest prefix known, to align the lines.
    width: usize,
}

impl Names {
    fn new(app: &str, tasks: Vec<Task>, nodes: Vec<Node>) -> Self {
        let width = tasks
            .iter()
            .filter_map(|task| {
                let node = hostname_of(&nodes, task.node_id.as_deref()?);
                Some(
                    escape(&format!("{}@{node}", task_name(app, task)))
                        .chars()
                        .count(),
                )
            })
            .max()
            .unwrap_or(0);
        Names {
            app: app.to_string(),
            tasks: tasks
                .iter()
                .filter_map(|task| Some((task.id.clone()?, task_name(app, task))))
                .collect(),
            nodes,
            width,
        }
    }

    fn knows(&self, context: &LogContext) -> bool {
        self.tasks.contains_key(&context.task_id)
            && self.nodes.iter().any(|node| node.id == context.node_id)
    }

    /// `web.2@node-3`, escaped (hostnames and names are anyone's words).
    fn prefix(&self, context: &LogContext) -> String {
        let task = self
            .tasks
            .get(&context.task_id)
            .cloned()
            .unwrap_or_else(|| format!("{}.{}", self.app, short(&context.task_id)));
        escape(&format!(
            "{task}@{}",
            hostname_of(&self.nodes, &context.node_id)
        ))
    }

    /// A whole output line: `[TIMESTAMP ]PREFIX | MESSAGE`, the message as the container wrote
    /// it, ending with a newline.
    fn line(&mut self, context: &LogContext, line: &LogLine) -> Vec<u8> {
        let prefix = self.prefix(context);
        self.width = self.width.max(prefix.chars().count());
        let mut bytes = Vec::with_capacity(line.message.len() + self.width + 40);
        if let Some(timestamp) = &line.timestamp {
            bytes.extend_from_slice(escape(timestamp).as_bytes());
            bytes.push(b' ');
        }
        bytes.extend_from_slice(format!("{prefix:<width$} | ", width = self.width).as_bytes());
        bytes.extend_from_slice(&line.message);
        if !line.message.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes
    }
}

/// A task ID as `docker` shortens it.
fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::OutputFormat;
    use crate::core::logs::Output;

    fn node(id: &str, hostname: &str, state: &str) -> Node {
        Node {
            id: id.into(),
            hostname: hostname.into(),
            role: "worker".into(),
            state: state.into(),
            availability: "active".into(),
        }
    }

    fn task(id: &str, slot: i64, node: &str) -> Task {
        Task {
            id: Some(id.into()),
            slot: Some(slot),
            node_id: Some(node.into()),
            ..Default::default()
        }
    }

    fn nodes() -> Vec<Node> {
        vec![
            node("n1", "node1", "ready"),
            node("n2", "node2", "ready"),
            node("n3", "node3", "down"),
        ]
    }

    fn line(
        task: &str,
        node: &str,
        timestamp: Option<&str>,
        message: &str,
    ) -> (LogContext, LogLine) {
        let context = LogContext {
            node_id: node.into(),
            task_id: task.into(),
        };
        let line = LogLine {
            output: Output::Stdout,
            timestamp: timestamp.map(String::from),
            context: Some(context.clone()),
            message: message.as_bytes().to_vec(),
        };
        (context, line)
    }

    #[test]
    fn each_line_follows_its_task_and_node_aligned() {
        let tasks = vec![task("t1", 1, "n1"), task("t10", 10, "n2")];
        let mut names = Names::new("web", tasks, nodes());
        let (context, first) = line("t1", "n1", None, "hello\n");
        assert_eq!(names.line(&context, &first), b"web.1@node1  | hello\n");
        // A line without its newline gets one; a timestamp goes first.
        let (context, last) = line("t10", "n2", Some("2026-11-30T22:00:00.5Z"), "bye");
        assert_eq!(
            String::from_utf8(names.line(&context, &last)).unwrap(),
            "2026-11-30T22:00:00.5Z web.10@node2 | bye\n"
        );
        // A task not known yet: by its short ID; a node not known: by its ID.
        let (context, other) = line("abcdefghijklmnop", "n9", None, "x\n");
        assert!(!names.knows(&context));
        assert_eq!(
            String::from_utf8(names.line(&context, &other)).unwrap(),
            "web.abcdefghijkl@n9 | x\n"
        );
    }

    #[test]
    fn a_driver_that_cannot_be_read_back_is_said() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        for readable in ["json-file", "local", "journald"] {
            warn_unreadable_driver("web", &Driver::Named(readable.into()), &printer);
            warn_unreadable_driver("web", &Driver::Default(readable.into()), &printer);
        }
        assert_eq!(buffers.take().stderr, "");
        warn_unreadable_driver("web", &Driver::Named("none".into()), &printer);
        let said = buffers.take().stderr;
        assert!(
            said.starts_with(
                "warning: app web uses the `none` logging driver: its containers' output is not kept"
            ) && said.trim_end().ends_with("shows its driver"),
            "{said}"
        );
        warn_unreadable_driver("web", &Driver::Default("syslog".into()), &printer);
        let said = buffers.take().stderr;
        assert!(
            said.starts_with("warning: app web uses the engine's default `syslog` logging driver"),
            "{said}"
        );
    }

    #[test]
    fn a_node_that_is_down_is_named_with_its_tasks() {
        let (printer, buffers) = Printer::buffered(OutputFormat::Table);
        let tasks = vec![
            task("t1", 1, "n1"),
            task("t3", 3, "n3"),
            task("t0", 3, "n3"),
        ];
        warn_nodes_down("web", &tasks, &nodes(), &printer);
        assert_eq!(
            buffers.take().stderr,
            "warning: node node3 is down: the logs of web.3 on it are missing until it is back; \
             `docker node ls` shows the nodes\n"
        );
        // Nothing to say when no task is on a node that is down.
        warn_nodes_down("web", &tasks[..1], &nodes(), &printer);
        assert_eq!(buffers.take().stderr, "");
    }
}
