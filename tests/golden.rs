//! Golden tests of what the reporting commands print, in text and in JSON, with no engine: each
//! test builds a command's view by hand, renders it with a buffered `Printer`, and compares
//! stdout with `tests/golden/NAME` and stderr with `tests/golden/NAME.stderr` (a file that
//! exists only when something goes to stderr).
//!
//! After a deliberate change of the output: `UPDATE_GOLDEN=1 cargo test --test golden`
//! rewrites the files; review them with `git diff tests/golden`.

use std::path::{Path, PathBuf};

use alacrity::cli::OutputFormat;
use alacrity::commands::apps::ls::{self as apps_ls, ListedApp};
use alacrity::commands::apps::ps::{self as apps_ps, AppTasks, ListedTask};
use alacrity::commands::binds::ls::{self as binds_ls, BindsView, ListedDir};
use alacrity::commands::deploy::{DeployReport, DeployedReport, render_report};
use alacrity::commands::plan::{self, NotInSpecs, PlanView, PlannedApp, PlannedDrift};
use alacrity::commands::portable::{
    Copied, Direction, cannot_stop, in_use, live_warning, render_copied,
};
use alacrity::commands::retained::ListedUser;
use alacrity::commands::table;
use alacrity::commands::volumes::ls::{self as volumes_ls, ListedVolume, VolumesView};
use alacrity::core::env::{EnvChange, env_changes};
use alacrity::core::tasks::TaskHealth;
use alacrity::core::usage::User;
use alacrity::printer::{Captured, Printer};

const FORMATS: [(OutputFormat, &str); 2] =
    [(OutputFormat::Table, "txt"), (OutputFormat::Json, "json")];

/// What `render` prints with a buffered printer in `format`.
fn rendered(format: OutputFormat, render: impl FnOnce(&Printer)) -> Captured {
    let (printer, buffers) = Printer::buffered(format);
    render(&printer);
    printer.finish();
    buffers.take()
}

/// Renders in text (`NAME.txt`) and in JSON (`NAME.json`), and compares each with its golden
/// files.
#[track_caller]
fn check_both(name: &str, render: impl Fn(&Printer)) {
    for (format, ext) in FORMATS {
        check(&format!("{name}.{ext}"), &rendered(format, &render));
    }
}

/// Compares what was printed with `tests/golden/NAME` (stdout) and `NAME.stderr` (stderr, when
/// not empty); with `UPDATE_GOLDEN=1`, rewrites them instead.
#[track_caller]
fn check(name: &str, captured: &Captured) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let stdout = dir.join(name);
    let stderr = dir.join(format!("{name}.stderr"));
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0") {
        std::fs::create_dir_all(&dir).expect("create tests/golden");
        write(&stdout, Some(&captured.stdout));
        write(
            &stderr,
            Some(&captured.stderr).filter(|text| !text.is_empty()),
        );
        return;
    }
    compare(&stdout, &captured.stdout);
    compare(&stderr, &captured.stderr);
}

fn write(path: &PathBuf, text: Option<&String>) {
    match text {
        Some(text) => std::fs::write(path, text).expect("write a golden file"),
        None => match std::fs::remove_file(path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                panic!("remove {}: {err}", path.display())
            }
            _ => {}
        },
    }
}

#[track_caller]
fn compare(path: &Path, actual: &str) {
    let expected = match std::fs::read_to_string(path) {
        Ok(text) => text,
        // No stderr file: nothing on stderr.
        Err(err)
            if err.kind() == std::io::ErrorKind::NotFound
                && path.extension().is_some_and(|e| e == "stderr") =>
        {
            String::new()
        }
        Err(err) => panic!(
            "cannot read {}: {err}; create it with UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        ),
    };
    assert!(
        expected == actual,
        "the output differs from {}\n--- expected\n{expected}\n--- actual\n{actual}\n---\n\
         if the change is meant, rewrite it with UPDATE_GOLDEN=1 cargo test --test golden",
        path.display()
    );
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[test]
fn table() {
    let text = table::render(
        &["NAME", "IMAGE", "PATH"],
        vec![
            strings(&["web", "nginx:1.27", "-"]),
            strings(&["database", "postgres:16", "/srv/db data"]),
            // Cells the engine gives are escaped: no escape sequence, no broken row.
            strings(&["evil\u{1b}[2J", "x\u{202e}y", "/srv/a\nb"]),
            // An empty last cell leaves no trailing spaces.
            strings(&["cache", "redis:7", ""]),
        ],
    );
    let (printer, buffers) = Printer::buffered(OutputFormat::Table);
    printer.data(text);
    check("table.txt", &buffers.take());
}

/// A variable whose value is shown, one whose name looks secret, one removed.
fn db_env_changes() -> Vec<EnvChange> {
    let swarm = [("LOG_LEVEL", "info"), ("DB_PASSWORD", "old"), ("GONE", "x")];
    let spec = [("LOG_LEVEL", "debug"), ("DB_PASSWORD", "new")];
    let map = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    env_changes(&map(&swarm), &map(&spec))
}

fn plan_view() -> PlanView {
    PlanView {
        apps: vec![
            PlannedApp {
                name: "web".into(),
                action: "create".into(),
                changes: Vec::new(),
                drift: Vec::new(),
                env_changes: Vec::new(),
                node: None,
                new_data: Vec::new(),
                kept_data: Vec::new(),
                details: Vec::new(),
            },
            PlannedApp {
                name: "db".into(),
                action: "update".into(),
                changes: strings(&[
                    "image",
                    "instances",
                    "env",
                    "volumes",
                    "resources.limits.memory",
                ]),
                drift: vec![PlannedDrift {
                    field: "instances".into(),
                    swarm: Some("3".into()),
                    spec: Some("1".into()),
                }],
                env_changes: db_env_changes(),
                node: Some("node1".into()),
                new_data: strings(&["alacran--logs"]),
                kept_data: strings(&["/srv/db/old"]),
                details: [
                    "instances 3 -> 1, changed outside alacrity: this deploy sets it back to \
                     the spec"
                        .to_string(),
                ]
                .into_iter()
                .chain(db_env_changes().iter().map(plan::env_line))
                .chain(strings(&[
                    "alacran--logs: a new, empty volume",
                    "/srv/db/old: no longer mounted; kept with its data (see `alacrity binds ls`)",
                ]))
                .collect(),
            },
            PlannedApp {
                name: "cache".into(),
                action: "unchanged".into(),
                changes: Vec::new(),
                drift: Vec::new(),
                env_changes: Vec::new(),
                node: Some("node2".into()),
                new_data: Vec::new(),
                kept_data: Vec::new(),
                details: Vec::new(),
            },
        ],
        not_in_specs: vec![NotInSpecs {
            name: "old-worker".into(),
            project: "shop".into(),
            node: None,
        }],
        warnings: strings(&[
            "`cache` will not run until its node is back: node node2 is down, and the app is \
             pinned to it (its data is there); the swarm starts it there when the node is ready \
             again",
        ]),
    }
}

#[test]
fn plan() {
    check_both("plan", |printer| plan::render(&plan_view(), printer));
}

fn deploy_report() -> DeployReport {
    let app = |name: &str, action: &str, state: &str| DeployedReport {
        name: name.into(),
        action: action.into(),
        changes: Vec::new(),
        instances: 1,
        running: Some(1),
        node: None,
        state: state.into(),
        reason: None,
    };
    DeployReport {
        apps: vec![
            app("web", "create", "converged"),
            DeployedReport {
                changes: strings(&["image"]),
                node: Some("node1".into()),
                ..app("db", "update", "converged")
            },
            DeployedReport {
                instances: 2,
                running: Some(0),
                reason: Some("pending: no suitable node (1 node not available)".into()),
                ..app("worker", "create", "waiting")
            },
            DeployedReport {
                running: Some(0),
                reason: Some("task: non-zero exit (1)".into()),
                ..app("broken", "update", "failed")
            },
        ],
        pruned: None,
    }
}

#[test]
fn deploy_report_after_waiting() {
    check_both("deploy", |printer| render_report(&deploy_report(), printer));
}

#[test]
fn deploy_report_detached() {
    let report = DeployReport {
        pruned: None,
        apps: deploy_report()
            .apps
            .into_iter()
            .map(|app| DeployedReport {
                running: None,
                state: "detached".into(),
                reason: None,
                ..app
            })
            .collect(),
    };
    check_both("deploy-detached", |printer| render_report(&report, printer));
}

fn listed_apps() -> Vec<ListedApp> {
    let app = |name: &str, image: &str| ListedApp {
        name: name.into(),
        image: image.into(),
        digest: None,
        persistent: false,
        instances: 2,
        running: 2,
        node: None,
        nodes: strings(&["node1", "node2"]),
        volumes: Vec::new(),
        reason: None,
        data_at_risk: false,
    };
    vec![
        app("web", "nginx:1.27"),
        ListedApp {
            persistent: true,
            instances: 1,
            running: 1,
            node: Some("node1".into()),
            nodes: strings(&["node1"]),
            volumes: strings(&["alacran--pgdata", "/srv/db/backups"]),
            digest: Some(
                "sha256:3f2a9c1e0b7d5a4f6e8c9b0a1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6".into(),
            ),
            ..app("db", "postgres:16")
        },
        ListedApp {
            instances: 0,
            running: 0,
            nodes: Vec::new(),
            ..app("batch", "busybox:1.36")
        },
        ListedApp {
            running: 1,
            nodes: strings(&["node2"]),
            reason: Some("node node3 is down".into()),
            ..app("worker", "busybox:1.36")
        },
        ListedApp {
            persistent: true,
            instances: 1,
            running: 2,
            node: Some("node1".into()),
            nodes: strings(&["node1"]),
            volumes: strings(&["alacran--files"]),
            data_at_risk: true,
            ..app("files", "nginx:1.27")
        },
    ]
}

#[test]
fn apps_ls() {
    check_both("apps-ls", |printer| {
        apps_ls::render(&listed_apps(), printer)
    });
}

#[test]
fn apps_ls_with_no_apps() {
    check_both("apps-ls-empty", |printer| apps_ls::render(&[], printer));
}

/// A running task of slot `slot` on `node`, changed `age_secs` ago.
fn task(id: &str, slot: u64, node: &str, age_secs: u64) -> ListedTask {
    ListedTask {
        id: id.into(),
        slot: Some(slot),
        current: true,
        node: Some(node.into()),
        desired_state: "running".into(),
        current_state: "running".into(),
        health: None,
        error: None,
        since: Some("2026-11-30T22:00:00.123456789Z".into()),
        age_secs: Some(age_secs),
    }
}

/// Two apps: a healthy web app with a slot still starting and the history of an unhealthy
/// task, and a crashing worker whose replacement waits for a node.
fn app_tasks() -> Vec<AppTasks> {
    vec![
        AppTasks {
            name: "web".into(),
            tasks: vec![
                ListedTask {
                    health: Some(TaskHealth::Healthy),
                    ..task("t1", 1, "node1", 3)
                },
                ListedTask {
                    current_state: "starting".into(),
                    health: Some(TaskHealth::Starting),
                    ..task("t2", 2, "node2", 125)
                },
                ListedTask {
                    current: false,
                    desired_state: "shutdown".into(),
                    current_state: "failed".into(),
                    health: Some(TaskHealth::Unhealthy),
                    error: Some(
                        "task: non-zero exit (137): dockerexec: unhealthy container".into(),
                    ),
                    ..task("t0", 2, "node2", 7_300)
                },
            ],
        },
        AppTasks {
            name: "worker".into(),
            tasks: vec![
                ListedTask {
                    node: None,
                    current_state: "pending".into(),
                    error: None,
                    ..task("t4", 1, "-", 0)
                },
                ListedTask {
                    current: false,
                    desired_state: "shutdown".into(),
                    current_state: "failed".into(),
                    error: Some("task: non-zero exit (1)".into()),
                    ..task("t3", 1, "node3", 200_000)
                },
            ],
        },
    ]
}

#[test]
fn apps_ps() {
    check_both("apps-ps", |printer| apps_ps::render(&app_tasks(), printer));
}

#[test]
fn apps_ps_of_an_app_without_tasks() {
    let empty = vec![AppTasks {
        name: "batch".into(),
        tasks: Vec::new(),
    }];
    check_both("apps-ps-empty", |printer| apps_ps::render(&empty, printer));
}

fn users() -> Vec<ListedUser> {
    vec![
        ListedUser::App { name: "db".into() },
        ListedUser::Container {
            name: "backup".into(),
            running: false,
        },
    ]
}

fn volumes_view() -> VolumesView {
    let volume = |label: &str, app: Option<&str>, status: &str| ListedVolume {
        name: format!("alacran--{label}"),
        label: label.into(),
        app: app.map(Into::into),
        node: "node1".into(),
        status: status.into(),
        used_by: Vec::new(),
        size_bytes: Some(4096),
    };
    VolumesView {
        volumes: vec![
            ListedVolume {
                used_by: users(),
                size_bytes: Some(12_300_000),
                ..volume("pgdata", Some("db"), "in-use")
            },
            volume("old", None, "retained"),
            ListedVolume {
                node: "node3".into(),
                size_bytes: None,
                ..volume("logs", Some("web"), "node-gone")
            },
            ListedVolume {
                used_by: vec![
                    ListedUser::Service {
                        name: "monitor".into(),
                    },
                    ListedUser::Task {
                        name: "x1y2z3".into(),
                    },
                ],
                size_bytes: Some(512),
                ..volume("shared", Some("web"), "in-use")
            },
        ],
        retained: false,
        with_size: true,
        notes: strings(&[
            "sizes are measured on node1 only, the node alacrity talks to; point --host at \
             another node's engine for its volumes",
        ]),
    }
}

#[test]
fn volumes_ls() {
    check_both("volumes-ls", |printer| {
        volumes_ls::render(&volumes_view(), printer)
    });
}

#[test]
fn volumes_ls_without_sizes() {
    let view = VolumesView {
        volumes: volumes_view()
            .volumes
            .into_iter()
            .map(|volume| ListedVolume {
                size_bytes: None,
                ..volume
            })
            .collect(),
        with_size: false,
        notes: Vec::new(),
        ..volumes_view()
    };
    check(
        "volumes-ls-no-size.txt",
        &rendered(OutputFormat::Table, |printer| {
            volumes_ls::render(&view, printer)
        }),
    );
}

#[test]
fn volumes_ls_with_none_retained() {
    let view = VolumesView {
        retained: true,
        ..VolumesView::default()
    };
    check_both("volumes-ls-empty-retained", |printer| {
        volumes_ls::render(&view, printer)
    });
}

fn binds_view() -> BindsView {
    let dir = |path: &str, exists: Option<bool>, status: &str| ListedDir {
        path: path.into(),
        app: "db".into(),
        node: "node1".into(),
        exists,
        status: status.into(),
        used_by: Vec::new(),
        size_bytes: None,
    };
    BindsView {
        dirs: vec![
            ListedDir {
                used_by: users(),
                size_bytes: Some(2_500_000_000),
                ..dir("/srv/db/data", Some(true), "in-use")
            },
            ListedDir {
                size_bytes: Some(0),
                ..dir("/srv/db/old", Some(false), "retained")
            },
            ListedDir {
                app: "web".into(),
                node: "node2".into(),
                ..dir("/srv/web/uploads", None, "retained")
            },
            ListedDir {
                node: "node3".into(),
                ..dir("/srv/gone", None, "node-gone")
            },
        ],
        retained: false,
        with_size: true,
        notes: strings(&[
            "EXISTS shows `-` for directories of other nodes: alacrity looks only at this \
             machine, node1's",
        ]),
    }
}

#[test]
fn binds_ls() {
    check_both("binds-ls", |printer| {
        binds_ls::render(&binds_view(), printer)
    });
}

#[test]
fn binds_ls_with_none_recorded() {
    check_both("binds-ls-empty", |printer| {
        binds_ls::render(&BindsView::default(), printer)
    });
}

// Failure shapes: with `--output json`, the command's one document carries its `errors` (and
// the data it got to, if any); the words go to stderr.

#[test]
fn errors_of_an_invalid_spec() {
    use alacrity::spec::{Diagnostic, Invalid, RuleId};
    let mut shared = Diagnostic::new(
        RuleId::LabelShared,
        "shop.toml",
        "the volume label `data` is also used by the deployed app `blog`",
    )
    .app("web")
    .hint("give web a label of its own");
    shared.line = 7;
    shared.column = 9;
    let invalid = Invalid {
        diagnostics: vec![shared],
    };
    check_both("errors-invalid-spec", |printer| {
        printer.error(&anyhow::Error::new(invalid.clone()))
    });
}

#[test]
fn errors_of_a_refusal() {
    use alacrity::exit::{Reason, Refusal};
    let refusal = || Refusal {
        text: "cannot deploy:\n  app `web`: a service named `web` exists, and alacrity did not \
               create it\n  nothing was changed"
            .into(),
        reasons: vec![Reason {
            app: Some("web".into()),
            message: "a service named `web` exists, and alacrity did not create it".into(),
        }],
        invalid: false,
    };
    check_both("errors-refused", |printer| {
        printer.error(&anyhow::Error::new(refusal()))
    });
}

#[test]
fn a_deploy_that_failed_half_way() {
    check_both("deploy-failed", |printer| {
        render_report(&deploy_report(), printer);
        printer.error(&anyhow::anyhow!(
            "the deploy failed:\n  app `broken` cannot start: task: non-zero exit (1)"
        ));
    });
}

#[test]
fn a_command_with_nothing_to_report() {
    check("nothing.json", &rendered(OutputFormat::Json, |_| {}));
}

fn exported() -> Copied {
    Copied {
        direction: Direction::Exported,
        data: "volume alacran--db-data".into(),
        node: "node2".into(),
        archive: "/backups/db.tar.zst".into(),
        bytes: 1 << 30,
        seconds: 25.0,
        entries: None,
        verified: false,
    }
}

#[test]
fn volumes_export() {
    check_both("volumes-export", |printer| {
        printer.warn(live_warning(
            "volume alacran--db-data",
            &[User::App { name: "db".into() }],
        ));
        render_copied(&exported(), printer);
    });
}

#[test]
fn volumes_export_to_stdout() {
    // Text only: with --output json, an export to stdout is refused.
    check(
        "volumes-export-stdout.txt",
        &rendered(OutputFormat::Table, |printer| {
            let copied = Copied {
                archive: "-".into(),
                ..exported()
            };
            render_copied(&copied, printer);
        }),
    );
}

#[test]
fn volumes_import() {
    check_both("volumes-import", |printer| {
        let copied = Copied {
            direction: Direction::Imported,
            node: "node3".into(),
            entries: Some(1234),
            verified: true,
            seconds: 32.5,
            ..exported()
        };
        render_copied(&copied, printer);
    });
}

#[test]
fn volumes_export_refused_in_use() {
    let users = [
        User::App { name: "db".into() },
        User::Container {
            name: "backup-job".into(),
            running: false,
        },
    ];
    check(
        "volumes-export-in-use.txt",
        &rendered(OutputFormat::Table, |printer| {
            let retry = "alacrity volumes export db-data /backups/db.tar.zst";
            printer.error(&anyhow::anyhow!(
                "{}",
                in_use("volume alacran--db-data", "node2", &users[..1], retry)
            ));
            printer.error(&anyhow::anyhow!(
                "{}",
                cannot_stop("volume alacran--db-data", "node2", &users[1..], retry)
            ));
        }),
    );
}
