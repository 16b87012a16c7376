//! Several alacrity processes at once on the same app: each ends with success or a clear conflict
//! message (never the engine's raw "update out of sequence"), the swarm ends with exactly one of
//! the specs, nothing is duplicated, and a persistent app's data is intact.

use std::path::{Path, PathBuf};

use crate::common::*;

/// How many processes race.
const RACERS: usize = 8;

/// The spec of app `name` with `WHO = "<racer>"` in its env; `extra` goes in its table.
fn racer_spec(name: &str, racer: usize, extra: &str) -> String {
    format!(
        "[apps.{name}]\nimage = \"{}\"\n{RUN_FOREVER}\nenv = {{ WHO = \"{racer}\" }}\n{extra}\n",
        test_image()
    )
}

/// Starts one `deploy` per spec, all at once, and returns how each ended, in order.
fn deploy_all_at_once(scope: &Scope, specs: &[PathBuf]) -> Vec<Finished> {
    let running: Vec<Running> = specs
        .iter()
        .map(|spec| {
            let mut cmd = scope.alacrity();
            cmd.args(["deploy", "--timeout", "180s"]).arg(spec);
            Running::start(&cmd)
        })
        .collect();
    running.into_iter().map(|r| r.finish(secs(240))).collect()
}

/// Every racer succeeded or lost with the conflict message; returns the racers that succeeded.
#[track_caller]
fn winners(results: &[Finished]) -> Vec<usize> {
    for (racer, out) in results.iter().enumerate() {
        let context = format!("racer {racer} ({:?}):\n{}", out.code(), out.stderr);
        assert!(!out.stderr.contains("out of sequence"), "{context}");
        assert!(!out.stderr.contains("panicked"), "{context}");
        match out.code() {
            Some(0) => {}
            Some(1) => assert!(
                out.stderr.contains("conflict: app")
                    && out.stderr.contains("changed by another deploy"),
                "{context}"
            ),
            _ => panic!("unexpected exit: {context}"),
        }
    }
    let won: Vec<usize> = (0..results.len())
        .filter(|&r| results[r].code() == Some(0))
        .collect();
    assert!(!won.is_empty(), "the last writer at least succeeds");
    won
}

/// The WHO of the service's spec, and of each of its running containers once they all run it.
#[track_caller]
fn converged_who(scope: &Scope, name: &str, instances: usize) -> String {
    let env = scope.docker_ok(&[
        "service",
        "inspect",
        "--format",
        "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
        name,
    ]);
    let who = env
        .strip_prefix("[\"WHO=")
        .and_then(|rest| rest.strip_suffix("\"]"))
        .unwrap_or_else(|| panic!("env is one WHO: {env}"))
        .to_string();
    let label = format!("label=com.docker.swarm.service.name={name}");
    wait_until(
        secs(90),
        "every running container runs the final spec",
        || {
            let out =
                scope.docker_ok(&["ps", "-q", "--filter", &label, "--filter", "status=running"]);
            let containers: Vec<&str> = lines(&out).collect();
            containers.len() == instances
                && containers.iter().all(|c| {
                    let echo = scope.docker(&["exec", c, "sh", "-c", "echo $WHO"]);
                    stdout(&echo).trim() == who
                })
        },
    );
    assert_eq!(scope.running_nodes(name).len(), instances);
    who
}

#[track_caller]
fn count_services(scope: &Scope, name: &str) -> usize {
    let all = scope.docker_ok(&["service", "ls", "--format", "{{.Name}}"]);
    lines(&all).filter(|s| *s == name).count()
}

#[test]
fn eight_deploys_creating_one_app_at_once_end_as_exactly_one_of_them() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let specs: Vec<PathBuf> = (0..RACERS)
        .map(|r| {
            scope.write_file(
                &format!("web{r}.toml"),
                &racer_spec(&name, r, "instances = 2"),
            )
        })
        .collect();

    let results = deploy_all_at_once(&scope, &specs);

    let won = winners(&results);
    assert_eq!(count_services(&scope, &name), 1);
    let who: usize = converged_who(&scope, &name, 2).parse().unwrap();
    assert!(
        won.contains(&who),
        "the spec that runs ({who}) is one whose deploy succeeded ({won:?})"
    );
}

fn database(name: &str, label: &str, bind: &Path, racer: usize) -> String {
    racer_spec(
        name,
        racer,
        &format!(
            "persistent = true\n\
             [[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n\
             [[apps.{name}.volumes]]\nhost_path = \"{}\"\ncontainer_path = \"/bind\"\n",
            bind.display()
        ),
    )
}

#[test]
fn eight_deploys_updating_a_database_at_once_keep_one_service_and_its_data() {
    let scope = Scope::new(&Swarm::single());
    let (name, label) = (scope.name("db"), scope.name("data"));
    let bind = scope.host_dir("bind");
    let first = scope.write_file("db.toml", &database(&name, &label, &bind, RACERS));
    scope
        .alacrity()
        .args(["deploy", "--timeout", "120s"])
        .arg(&first)
        .assert()
        .success();
    let container = running_container(&scope, 1, &name, None);
    let volume_sum = write_files(&scope, 1, &container, "/data");
    let bind_sum = write_files(&scope, 1, &container, "/bind");
    let specs: Vec<PathBuf> = (0..RACERS)
        .map(|r| scope.write_file(&format!("db{r}.toml"), &database(&name, &label, &bind, r)))
        .collect();

    let results = deploy_all_at_once(&scope, &specs);

    let won = winners(&results);
    assert_eq!(count_services(&scope, &name), 1);
    let who: usize = converged_who(&scope, &name, 1).parse().unwrap();
    assert!(won.contains(&who), "{who} runs; succeeded: {won:?}");
    let volume = format!("alacran--{label}");
    let volumes = scope.docker_ok(&["volume", "ls", "-q", "--filter", &format!("name={volume}")]);
    assert_eq!(lines(&volumes).collect::<Vec<_>>(), [volume.as_str()]);
    let records = scope.docker_ok(&[
        "config",
        "ls",
        "-q",
        "--filter",
        &format!("label=io.alacrity.bind.path={}", bind.display()),
    ]);
    assert_eq!(
        lines(&records).count(),
        1,
        "one record of the host directory"
    );
    let container = running_container(&scope, 1, &name, None);
    assert_eq!(checksum_in(&scope, 1, &container, "/data"), volume_sum);
    assert_eq!(checksum_in(&scope, 1, &container, "/bind"), bind_sum);
    assert_eq!(checksum_on_host(&bind), bind_sum);
}

/// The volumes of the one-node swarm with these names, as `inspect` shows them (missing ones are
/// left out).
fn volume_snapshots(scope: &Scope, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .filter_map(|name| {
            let out = scope.docker(&[
                "volume",
                "inspect",
                "--format",
                "{{.Name}} {{.CreatedAt}} {{json .Labels}}",
                name,
            ]);
            out.status
                .success()
                .then(|| stdout(&out).trim().to_string())
        })
        .collect()
}

#[test]
fn eight_removals_of_one_retained_volume_remove_it_once_and_nothing_else() {
    let scope = Scope::new(&Swarm::single());
    let (name, target, kept) = (scope.name("db"), scope.name("target"), scope.name("kept"));
    let spec = scope.write_file(
        "db.toml",
        &format!(
            "[apps.{name}]\nimage = \"{}\"\n{RUN_FOREVER}\npersistent = true\n\
             [[apps.{name}.volumes]]\nlabel = \"{target}\"\ncontainer_path = \"/data\"\n\
             [[apps.{name}.volumes]]\nlabel = \"{kept}\"\ncontainer_path = \"/kept\"\n",
            test_image()
        ),
    );
    scope
        .alacrity()
        .args(["deploy", "--timeout", "120s"])
        .arg(&spec)
        .assert()
        .success();
    scope
        .alacrity()
        .args(["apps", "rm", "--yes", &name])
        .assert()
        .success();
    // Bystanders: the app's other retained volume, one made by hand with alacrity's prefix, and
    // a plain one.
    let (by_hand, plain) = (
        format!("alacran--{}", scope.name("byhand")),
        scope.name("plain"),
    );
    scope.docker_ok(&["volume", "create", &by_hand]);
    scope.docker_ok(&["volume", "create", &plain]);
    let kept_volume = format!("alacran--{kept}");
    let bystanders = [kept_volume.as_str(), by_hand.as_str(), plain.as_str()];
    let before = volume_snapshots(&scope, &bystanders);
    assert_eq!(before.len(), 3);

    let running: Vec<Running> = (0..RACERS)
        .map(|_| {
            let mut cmd = scope.alacrity();
            cmd.args(["volumes", "rm", "--yes", &target]);
            Running::start(&cmd)
        })
        .collect();
    let results: Vec<Finished> = running.into_iter().map(|r| r.finish(secs(120))).collect();

    let volume = format!("alacran--{target}");
    let removed = format!("removed volume {volume} from node1");
    let mut removals = 0;
    for (racer, out) in results.iter().enumerate() {
        let context = format!(
            "racer {racer} ({:?}):\n{}{}",
            out.code(),
            out.stdout,
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{context}");
        match out.code() {
            Some(0) if out.stdout.contains(&removed) => removals += 1,
            // Its record was still there: the removal that won had not dropped it yet.
            Some(0) => assert!(
                out.stdout
                    .contains(&format!("volume {volume} was already gone from node1")),
                "{context}"
            ),
            // Neither the volume nor its record was left: like `docker volume rm` of a name
            // that does not exist.
            Some(1) => assert!(
                out.stderr
                    .contains(&format!("there is no volume {volume} on node1")),
                "{context}"
            ),
            _ => panic!("unexpected exit: {context}"),
        }
    }
    assert_eq!(removals, 1, "exactly one process removed the volume");
    assert!(
        volume_snapshots(&scope, &[&volume]).is_empty(),
        "it is gone"
    );
    assert_eq!(
        volume_snapshots(&scope, &bystanders),
        before,
        "nothing else"
    );
}
