//! No spec and no command makes alacrity touch a Docker object or a directory it does not manage.
//! Each test puts a foreign object where alacrity would act (a same-named service, volume or
//! network, an unprefixed or unlabelled volume, an unrecorded directory, symlinks to system
//! paths or out of a recorded directory), runs every command that could reach it, and compares
//! the object before and after: same ID, same version, same labels, same data.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

/// A persistent app with one volume of `label`.
fn with_volume(name: &str, label: &str) -> String {
    app(
        name,
        &format!(
            "persistent = true\n[[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n"
        ),
    )
}

/// A persistent app that bind-mounts `dir`.
fn with_bind(name: &str, dir: &Path) -> String {
    app(
        name,
        &format!(
            "persistent = true\n[[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/bind\"\n",
            dir.display()
        ),
    )
}

fn run(scope: &Scope, args: &[&str], spec: Option<&Path>) -> Output {
    let mut cmd = scope.alacrity();
    cmd.args(args);
    if let Some(spec) = spec {
        cmd.arg(spec);
    }
    cmd.output().unwrap()
}

/// A refusal: exit `code`, the stderr contains `text`.
#[track_caller]
fn assert_refused(out: &Output, code: i32, text: &str) {
    let stderr = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(text), "{text:?} not in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Everything that identifies a Docker object and changes when anyone writes to it.
#[track_caller]
fn snapshot(scope: &Scope, kind: &str, name: &str) -> String {
    let format = match kind {
        "service" => "{{.ID}} v{{.Version.Index}} {{.UpdatedAt}} {{json .Spec}}",
        "volume" => "{{.Name}} {{.CreatedAt}} {{.Mountpoint}} {{json .Labels}} {{json .Options}}",
        "network" => "{{.ID}} {{.Created}} {{.Driver}} {{.Scope}} {{json .Labels}}",
        other => panic!("no snapshot for {other}"),
    };
    scope.docker_ok(&[kind, "inspect", "--format", format, name])
}

/// A plain swarm service, made with the docker CLI: not alacrity's. Returns its running task.
#[track_caller]
fn foreign_service(scope: &Scope, name: &str) -> String {
    scope.foreign_service(
        name,
        &["--label", "owner=someone-else", "--replicas", "1"],
        &[],
    );
    wait_for(secs(60), "the foreign service runs", || {
        let tasks = scope.tasks(name);
        tasks.iter().find(|t| t.is_running()).map(|t| t.id.clone())
    })
}

/// A volume made with the docker CLI (not alacrity's), with a file in it; returns its file's
/// contents' path on the host (volumes of the one-node swarm are on the host's file system).
#[track_caller]
fn foreign_volume(scope: &Scope, name: &str, extra_labels: &[&str]) -> PathBuf {
    let mut args = vec!["volume", "create", "--label", "owner=someone-else"];
    for label in extra_labels {
        args.extend(["--label", label]);
    }
    args.push(name);
    scope.docker_ok(&args);
    let mountpoint = scope.docker_ok(&["volume", "inspect", "--format", "{{.Mountpoint}}", name]);
    let file = Path::new(&mountpoint).join("precious");
    std::fs::write(&file, "their data\n").unwrap();
    file
}

#[test]
fn deploy_and_plan_leave_a_same_named_unmanaged_service_untouched() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("theirs");
    let task = foreign_service(&scope, &name);
    let before = snapshot(&scope, "service", &name);
    let spec = scope.write_file("app.toml", &app(&name, "instances = 3"));

    assert_refused(
        &run(&scope, &["plan"], Some(&spec)),
        1,
        "alacrity did not deploy it",
    );
    assert_refused(
        &run(&scope, &["deploy"], Some(&spec)),
        1,
        "nothing was changed",
    );
    assert_refused(
        &run(
            &scope,
            &["deploy", "--detach", "--yes", "--move-node"],
            Some(&spec),
        ),
        1,
        "alacrity did not deploy it",
    );

    assert_eq!(snapshot(&scope, "service", &name), before);
    let running: Vec<String> = scope
        .tasks(&name)
        .into_iter()
        .filter(Task::is_running)
        .map(|t| t.id)
        .collect();
    assert_eq!(running, [task], "its task was not replaced");
}

#[test]
fn deploy_and_plan_leave_a_same_named_unmanaged_volume_untouched() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let volume = format!("alacran--{label}");
    // One as made by hand, one that even claims the label alacrity reads (but not `managed`).
    let file = foreign_volume(
        &scope,
        &volume,
        &[&format!("io.alacrity.volume.label={label}")],
    );
    let before = snapshot(&scope, "volume", &volume);
    let spec = scope.write_file("db.toml", &with_volume(&name, &label));

    assert_refused(
        &run(&scope, &["plan"], Some(&spec)),
        1,
        "alacrity did not create it",
    );
    assert_refused(
        &run(&scope, &["deploy"], Some(&spec)),
        1,
        "alacrity did not create it",
    );

    assert_eq!(snapshot(&scope, "volume", &volume), before);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "their data\n");
    assert!(!scope.service_exists(&name), "no service was created");
}

/// While it lives, the one-node swarm's `alacrity` network is one alacrity did not create; the
/// managed one is gone (the next deploy of any test creates it again). Removed on drop.
struct ForeignNetwork<'a> {
    scope: &'a Scope,
    id: String,
}

impl<'a> ForeignNetwork<'a> {
    /// Needs an exclusive scope: no other test may be using the apps' network.
    #[track_caller]
    fn replace_apps_network(scope: &'a Scope) -> Self {
        wait_until(secs(60), "the apps' network can be removed", || {
            let out = scope.docker(&["network", "rm", "alacrity"]);
            out.status.success() || stderr(&out).contains("not found")
        });
        let id = scope.docker_ok(&[
            "network",
            "create",
            "--driver",
            "overlay",
            "--attachable",
            "--label",
            "owner=someone-else",
            "alacrity",
        ]);
        ForeignNetwork { scope, id }
    }
}

impl Drop for ForeignNetwork<'_> {
    fn drop(&mut self) {
        let out = self.scope.docker(&["network", "rm", &self.id]);
        if !out.status.success() {
            eprintln!("cannot remove the foreign network: {}", stderr(&out));
        }
    }
}

#[test]
fn deploy_and_plan_refuse_an_unmanaged_network_named_alacrity_and_leave_it_untouched() {
    let scope = Scope::exclusive(&Swarm::single());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, ""));
    let network = ForeignNetwork::replace_apps_network(&scope);
    let before = snapshot(&scope, "network", &network.id);

    let refusal = "a network named `alacrity` exists but alacrity did not create it";
    assert_refused(&run(&scope, &["plan"], Some(&spec)), 1, refusal);
    assert_refused(&run(&scope, &["deploy"], Some(&spec)), 1, refusal);

    assert_eq!(snapshot(&scope, "network", &network.id), before);
    assert!(!scope.service_exists(&name), "no service was created");
}

#[test]
fn apps_scale_and_rm_leave_an_unmanaged_service_untouched() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("theirs");
    let task = foreign_service(&scope, &name);
    let before = snapshot(&scope, "service", &name);

    for args in [
        &["apps", "scale", &name, "3"][..],
        &["apps", "scale", &name, "0"],
        &["apps", "rm", "--yes", &name],
    ] {
        assert_refused(&run(&scope, args, None), 1, "was not deployed by alacrity");
    }
    let listed = run(&scope, &["apps", "ls", "-o", "json"], None);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(!stdout(&listed).contains(&name), "apps ls does not list it");

    assert_eq!(snapshot(&scope, "service", &name), before);
    assert_eq!(scope.running_nodes(&name).len(), 1);
    assert!(
        scope
            .tasks(&name)
            .iter()
            .any(|t| t.id == task && t.is_running())
    );
}

#[test]
fn a_host_path_that_is_a_symlink_to_a_system_path_is_refused_and_nothing_is_created() {
    let scope = Scope::new(&Swarm::single());
    let links = scope.host_dir("links");
    // (link target, where it leads): /var/run is itself a link to /run.
    let targets = [
        ("/etc", "/etc"),
        ("/", "/"),
        ("/var/run", "/run"),
        ("/proc/1", "/proc/1"),
    ];
    for (i, (target, resolved)) in targets.into_iter().enumerate() {
        let link = links.join(format!("link{i}"));
        symlink(target, &link).unwrap();
        let name = scope.name(&format!("app{i}"));
        let spec = scope.write_file(&format!("app{i}.toml"), &with_bind(&name, &link));

        for command in ["validate", "plan", "deploy"] {
            let out = run(&scope, &[command], Some(&spec));
            assert_refused(&out, 2, "host-path-system");
            assert!(
                stderr(&out).contains(&format!("a symlink to `{resolved}`")),
                "{command} says where the link leads: {}",
                stderr(&out)
            );
        }
        assert!(!scope.service_exists(&name), "no service for {target}");
        let records = scope.docker_ok(&[
            "config",
            "ls",
            "-q",
            "--filter",
            &format!("label=io.alacrity.bind.path={}", link.display()),
        ]);
        assert_eq!(records, "", "no record of {}", link.display());
    }
}

#[test]
fn volumes_rm_leaves_unprefixed_and_unlabelled_volumes_untouched() {
    let scope = Scope::new(&Swarm::single());
    let plain = scope.name("plain");
    let unlabelled = format!("alacran--{}", scope.name("byhand"));
    // Unlabelled as far as alacrity goes: it claims an app, but not `managed`.
    let app_label = format!("io.alacrity.app={}", scope.name("app"));
    let plain_file = foreign_volume(&scope, &plain, &[]);
    let unlabelled_file = foreign_volume(&scope, &unlabelled, &[&app_label]);
    let before = [
        snapshot(&scope, "volume", &plain),
        snapshot(&scope, "volume", &unlabelled),
    ];

    let label = unlabelled.trim_start_matches("alacran--");
    for target in [plain.as_str(), unlabelled.as_str(), label] {
        let out = run(&scope, &["volumes", "rm", "--yes", target], None);
        assert_eq!(out.status.code(), Some(1), "{target}: {}", stderr(&out));
    }
    assert_refused(
        &run(&scope, &["volumes", "rm", "--yes", &plain], None),
        1,
        &format!("there is no volume alacran--{plain}"),
    );
    assert_refused(
        &run(&scope, &["volumes", "rm", "--yes", &unlabelled], None),
        1,
        "was not created by alacrity",
    );

    let after = [
        snapshot(&scope, "volume", &plain),
        snapshot(&scope, "volume", &unlabelled),
    ];
    assert_eq!(after, before);
    for file in [plain_file, unlabelled_file] {
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "their data\n");
    }
}

/// A directory tree with files, and a checksum of it.
fn precious_tree(scope: &Scope, what: &str) -> (PathBuf, String) {
    let dir = scope.host_dir(what);
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("precious"), "keep me\n").unwrap();
    std::fs::write(dir.join("sub/also"), "and me\n").unwrap();
    let sum = checksum_on_host(&dir);
    (dir, sum)
}

#[test]
fn binds_rm_leaves_an_unrecorded_directory_untouched() {
    let scope = Scope::new(&Swarm::single());
    let (dir, sum) = precious_tree(&scope, "unrecorded");

    for args in [
        &["binds", "rm", "--yes"][..],
        &["binds", "rm", "--yes", "--forget"],
    ] {
        let mut args = args.to_vec();
        let path = dir.display().to_string();
        args.push(&path);
        assert_refused(
            &run(&scope, &args, None),
            1,
            "is not a recorded host directory",
        );
    }
    assert_eq!(checksum_on_host(&dir), sum);
}

#[test]
fn binds_rm_deletes_symlinks_inside_the_directory_never_what_they_point_to() {
    let scope = Scope::new(&Swarm::single());
    let (outside, outside_sum) = precious_tree(&scope, "outside");
    let name = scope.name("files");
    let dir = scope.host_dir("recorded");
    let spec = scope.write_file("files.toml", &with_bind(&name, &dir));
    run_ok(&scope, &["deploy", "--timeout", "90s"], Some(&spec));
    // Links out of the directory, at its top and deeper down, to a directory and to a file.
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/own-file"), "the app's\n").unwrap();
    symlink(&outside, dir.join("escape")).unwrap();
    symlink(&outside, dir.join("a/b/escape")).unwrap();
    symlink(outside.join("precious"), dir.join("a/escape-file")).unwrap();
    symlink("/etc", dir.join("a/b/etc")).unwrap();
    run_ok(&scope, &["apps", "rm", "--yes", &name], None);

    let path = dir.display().to_string();
    run_ok(&scope, &["binds", "rm", "--yes", &path], None);

    assert!(
        !dir.exists() && !dir.is_symlink(),
        "the recorded directory is gone"
    );
    assert_eq!(
        checksum_on_host(&outside),
        outside_sum,
        "nothing outside changed"
    );
    assert!(Path::new("/etc/passwd").is_file());
}

#[track_caller]
fn run_ok(scope: &Scope, args: &[&str], spec: Option<&Path>) {
    let out = run(scope, args, spec);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}
