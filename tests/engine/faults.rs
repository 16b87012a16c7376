//! alacrity against a flaky engine: one nobody listens on, one that is not a swarm manager, one
//! that stops in the middle of a deploy, an image that does not exist, Ctrl-C while a deploy
//! waits, a killed container. Every fault ends in a clear error with the right exit code (never a
//! panic, never a bare engine error), a rerun finishes the job without duplicating anything, and a
//! persistent app's data is intact afterwards (checksums before and after).

use std::os::unix::net::UnixListener;
use std::path::Path;

use crate::common::*;

/// Ignores SIGTERM, so the swarm stops its container only after the grace period (10 s): a
/// stop-first update of it stays in progress long enough to interrupt it, every time.
const SLOW_TO_STOP: &str =
    r#"command = ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]"#;

/// A persistent app with a volume at /data and the host directory `bind` at /bind. `extra` goes
/// in its table and may replace the command.
fn database(name: &str, label: &str, bind: &Path, extra: &str) -> String {
    let command = if extra.contains("command") {
        ""
    } else {
        RUN_FOREVER
    };
    format!(
        "[apps.{name}]\nimage = \"{image}\"\npersistent = true\n{command}\n{extra}\n\
         [[apps.{name}.volumes]]\nlabel = \"{label}\"\ncontainer_path = \"/data\"\n\
         [[apps.{name}.volumes]]\nhost_path = \"{bind}\"\ncontainer_path = \"/bind\"\n",
        image = test_image(),
        bind = bind.display()
    )
}

/// A failure as the product promises: exit `code`, and no panic or backtrace.
#[track_caller]
fn assert_clean_failure(code: Option<i32>, stderr: &str, expected: i32) {
    assert_eq!(code, Some(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

/// The checksums of a database's volume and host directory, checked to agree from the host.
struct DataSums {
    volume: String,
    bind: String,
}

/// Writes files into the database's volume and host directory through its container.
#[track_caller]
fn fill_database(scope: &Scope, db: &str, bind: &Path) -> DataSums {
    let container = running_container(scope, 1, db, None);
    let sums = DataSums {
        volume: write_files(scope, 1, &container, "/data"),
        bind: write_files(scope, 1, &container, "/bind"),
    };
    assert_eq!(
        checksum_on_host(bind),
        sums.bind,
        "the host sees the same files"
    );
    sums
}

/// Checks, through the database's current container and on the host, that its data is intact.
#[track_caller]
fn assert_data_intact(scope: &Scope, db: &str, bind: &Path, before: &DataSums) {
    let container = running_container(scope, 1, db, None);
    assert_eq!(
        checksum_in(scope, 1, &container, "/data"),
        before.volume,
        "volume data changed"
    );
    assert_eq!(
        checksum_in(scope, 1, &container, "/bind"),
        before.bind,
        "host directory data changed (seen in the container)"
    );
    assert_eq!(
        checksum_on_host(bind),
        before.bind,
        "host directory data changed"
    );
}

#[test]
fn an_engine_nobody_listens_on_fails_with_its_address_and_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("app.toml");
    std::fs::write(&spec, app("web", "")).unwrap();
    // A socket file nobody listens on any more, a socket path with no file, a closed TCP port.
    let dead = dir.path().join("dead.sock");
    drop(UnixListener::bind(&dead).unwrap());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let urls = [
        format!("unix://{}", dead.display()),
        format!("unix://{}", dir.path().join("missing.sock").display()),
        format!("tcp://127.0.0.1:{port}"),
    ];
    let spec = spec.to_str().unwrap();
    for url in &urls {
        for args in [&["deploy", spec][..], &["plan", spec], &["apps", "ls"]] {
            let out = alacrity()
                .args(["--host", url])
                .args(args)
                .output()
                .unwrap();
            let stderr = stderr(&out);
            assert_clean_failure(out.status.code(), &stderr, 1);
            let context = format!("{args:?} against {url}: {stderr}");
            assert!(
                stderr.contains(&format!(
                    "cannot reach the Docker engine at {url} (from --host)"
                )),
                "{context}"
            );
            assert!(stderr.contains("Is dockerd running?"), "{context}");
            assert!(
                stderr.contains(&format!("`docker -H {url} info`")),
                "{context}"
            );
        }
    }
    let out = alacrity()
        .env("DOCKER_HOST", &urls[2])
        .args(["apps", "ls"])
        .output()
        .unwrap();
    assert_clean_failure(out.status.code(), &stderr(&out), 1);
    assert!(
        stderr(&out).contains(&format!("at {} (from DOCKER_HOST)", urls[2])),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_worker_node_is_refused_with_a_hint_and_nothing_is_created() {
    let scope = Scope::new(&Swarm::cluster());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, ""));
    let worker = scope.node_host(2).to_string();
    let spec = spec.to_str().unwrap();
    for args in [&["deploy", spec][..], &["plan", spec], &["apps", "ls"]] {
        let out = alacrity()
            .args(["--host", &worker])
            .args(args)
            .output()
            .unwrap();
        let stderr = stderr(&out);
        assert_clean_failure(out.status.code(), &stderr, 1);
        assert!(
            stderr.contains(&format!(
                "the engine at {worker} (from --host) is a swarm worker"
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains("point --host at a manager node"),
            "{stderr}"
        );
    }
    assert!(!scope.service_exists(&name));
}

/// Makes node `node` of the three-node swarm leave it (an engine outside any swarm, as cheap as it
/// gets: the harness only starts swarm members); dropping it joins the node again, also when the
/// test fails.
struct OutOfSwarm<'a> {
    scope: &'a Scope,
    node: usize,
    /// The node's own swarm address and the manager's, to join again.
    node_addr: String,
    manager_addr: String,
}

impl<'a> OutOfSwarm<'a> {
    #[track_caller]
    fn leave(scope: &'a Scope, node: usize) -> Self {
        let node_addr = scope.docker_ok_on(node, &["info", "--format", "{{.Swarm.NodeAddr}}"]);
        let manager_addr = scope.docker_ok(&[
            "info",
            "--format",
            "{{range .Swarm.RemoteManagers}}{{.Addr}}{{end}}",
        ]);
        scope.docker_ok_on(node, &["swarm", "leave"]);
        OutOfSwarm {
            scope,
            node,
            node_addr,
            manager_addr,
        }
    }

    /// Forgets the node's old entry (its hostname would be ambiguous), joins it again and
    /// waits until the manager lists it Ready.
    fn rejoin(&self) -> Result<(), String> {
        let hostname = format!("node{}", self.node);
        let entries = self
            .scope
            .docker(&["node", "ls", "--format", "{{.ID}} {{.Hostname}}"]);
        for entry in lines(&stdout(&entries)) {
            if let Some((id, host)) = entry.split_once(' ')
                && host == hostname
            {
                self.scope.docker(&["node", "rm", "--force", id]);
            }
        }
        let token = self.scope.docker(&["swarm", "join-token", "-q", "worker"]);
        let token = stdout(&token).trim().to_string();
        let listen = format!("{}:2377", self.node_addr);
        let joined = self.scope.docker_on(
            self.node,
            &[
                "swarm",
                "join",
                "--token",
                &token,
                "--advertise-addr",
                &self.node_addr,
                "--listen-addr",
                &listen,
                &self.manager_addr,
            ],
        );
        if !joined.status.success() {
            return Err(stderr(&joined));
        }
        let ready = (hostname, "Ready".to_string());
        let deadline = std::time::Instant::now() + secs(60);
        while std::time::Instant::now() < deadline {
            if self.scope.node_statuses().contains(&ready) {
                return Ok(());
            }
            std::thread::sleep(POLL_INTERVAL);
        }
        Err(format!(
            "node{} is not Ready after joining again",
            self.node
        ))
    }
}

impl Drop for OutOfSwarm<'_> {
    fn drop(&mut self) {
        if let Err(err) = self.rejoin() {
            eprintln!("cannot put node{} back into the swarm: {err}", self.node);
        }
    }
}

#[test]
fn an_engine_outside_any_swarm_is_refused_with_the_swarm_init_hint() {
    let scope = Scope::exclusive(&Swarm::cluster());
    let name = scope.name("web");
    let spec = scope.write_file("web.toml", &app(&name, ""));
    let outside = OutOfSwarm::leave(&scope, 3);
    let host = scope.node_host(3).to_string();

    for args in [&["deploy"][..], &["plan"]] {
        let out = alacrity()
            .args(["--host", &host])
            .args(args)
            .arg(&spec)
            .output()
            .unwrap();
        let stderr = stderr(&out);
        assert_clean_failure(out.status.code(), &stderr, 1);
        assert!(
            stderr.contains(&format!(
                "the engine at {host} (from --host) is not a swarm manager"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("run `docker swarm init`"), "{stderr}");
    }
    let containers = scope.docker_ok_on(3, &["ps", "-a", "--format", "{{.Names}}"]);
    assert!(
        !containers.contains(&name),
        "nothing was started on the engine: {containers}"
    );
    drop(outside);
    assert!(
        scope
            .node_statuses()
            .contains(&("node3".to_string(), "Ready".to_string())),
        "node3 is back in the swarm"
    );
}

#[test]
fn a_deploy_cut_short_by_the_engine_stopping_fails_clearly_and_a_rerun_converges_once() {
    let scope = Scope::exclusive(&Swarm::single());
    let (db, web, worker, label) = (
        scope.name("db"),
        scope.name("web"),
        scope.name("worker"),
        scope.name("data"),
    );
    let bind = scope.host_dir("bind");
    let spec = scope.write_file("stack.toml", &database(&db, &label, &bind, SLOW_TO_STOP));
    scope.deploy_ok(&spec);
    let data = fill_database(&scope, &db, &bind);

    // Several apps at once; the database's stop-first update keeps the deploy waiting (its old
    // container takes the whole grace period to stop) while the engine goes down.
    let stack = database(
        &db,
        &label,
        &bind,
        &format!("{SLOW_TO_STOP}\nenv = {{ V = \"2\" }}"),
    ) + &app(&web, "instances = 3")
        + &app(&worker, "instances = 2");
    std::fs::write(&spec, stack).unwrap();
    let mut cmd = scope.alacrity();
    cmd.args(["deploy", "--timeout", "120s"]).arg(&spec);
    let deploy = Running::start(&cmd);
    wait_until(secs(60), "the deploy has written to the swarm", || {
        scope.service_exists(&web)
    });
    scope.stop_node(1, false);
    let interrupted = deploy.finish(secs(60));

    assert_clean_failure(interrupted.code(), &interrupted.stderr, 1);
    let host = scope.host();
    assert!(
        interrupted.stderr.contains(&format!(
            "lost the connection to the Docker engine at {host} (from --host)"
        )),
        "{}",
        interrupted.stderr
    );
    assert!(
        interrupted.stderr.contains("Is dockerd still running?")
            && interrupted.stderr.contains("run the same command again"),
        "{}",
        interrupted.stderr
    );

    scope.start_node(1);
    scope.deploy_ok(&spec);

    for (service, count) in [(&db, 1), (&web, 3), (&worker, 2)] {
        assert_eq!(
            scope.running_nodes(service).len(),
            count,
            "{service} runs {count}"
        );
    }
    let services = scope.docker_ok(&["service", "ls", "--format", "{{.Name}}"]);
    let ours: Vec<&str> = lines(&services)
        .filter(|s| s.starts_with(scope.prefix()))
        .collect();
    assert_eq!(ours.len(), 3, "one service per app: {ours:?}");
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
    let env = scope.docker_ok(&[
        "service",
        "inspect",
        "--format",
        "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
        &db,
    ]);
    assert_eq!(env, r#"["V=2"]"#);
    assert_data_intact(&scope, &db, &bind, &data);
}

#[test]
fn an_image_that_does_not_exist_fails_with_the_engines_reason_before_the_timeout() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("ghost");
    let image = format!("alacrity-test/{}:none", scope.name("missing"));
    let spec = scope.write_file(
        "ghost.toml",
        &format!("[apps.{name}]\nimage = \"{image}\"\n"),
    );
    let mut cmd = scope.alacrity();
    // A timeout far beyond the bound below: only seeing the rejected task can end it in time.
    cmd.args(["deploy", "--timeout", "30m"]).arg(&spec);

    let out = Running::start(&cmd).finish(secs(180));

    assert_clean_failure(out.code(), &out.stderr, 1);
    assert!(
        out.stderr.contains(&format!("app `{name}` cannot start")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("No such image"), "{}", out.stderr);
    assert!(out.stderr.contains(&image), "{}", out.stderr);
    assert!(!out.stderr.contains("did not converge"), "{}", out.stderr);
}

#[test]
fn ctrl_c_while_waiting_exits_130_and_the_deployment_carries_on() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let bind = scope.host_dir("bind");
    let spec = scope.write_file("db.toml", &database(&db, &label, &bind, SLOW_TO_STOP));
    scope.deploy_ok(&spec);
    let data = fill_database(&scope, &db, &bind);
    let old = running_container(&scope, 1, &db, None);

    let updated = format!("{SLOW_TO_STOP}\nenv = {{ V = \"2\" }}");
    std::fs::write(&spec, database(&db, &label, &bind, &updated)).unwrap();
    let mut cmd = scope.alacrity();
    cmd.args(["deploy", "--timeout", "5m"]).arg(&spec);
    let mut deploy = Running::start(&cmd);
    deploy.wait_for_stderr(&format!("{db}: 0/1 running"), secs(60));
    deploy.interrupt();
    let out = deploy.finish(secs(30));

    assert_clean_failure(out.code(), &out.stderr, 130);
    for text in [
        "interrupted",
        "the deployment continues in the swarm",
        "`alacrity apps ls`",
        &format!("`docker service ps --no-trunc {db}`"),
    ] {
        assert!(out.stderr.contains(text), "{text:?} in: {}", out.stderr);
    }
    // The swarm finishes the update on its own: a new container with the new env.
    let new = running_container(&scope, 1, &db, Some(&old));
    assert_eq!(exec_in(&scope, 1, &new, "echo $V"), "2");
    assert_data_intact(&scope, &db, &bind, &data);
}

#[test]
fn a_killed_container_comes_back_with_its_data_intact() {
    let scope = Scope::new(&Swarm::single());
    let (db, label) = (scope.name("db"), scope.name("data"));
    let bind = scope.host_dir("bind");
    let spec = scope.write_file("db.toml", &database(&db, &label, &bind, ""));
    scope.deploy_ok(&spec);
    let data = fill_database(&scope, &db, &bind);
    let first = running_container(&scope, 1, &db, None);

    scope.docker_ok(&["kill", &first]);

    let second = running_container(&scope, 1, &db, Some(&first));
    assert_ne!(first, second);
    assert_data_intact(&scope, &db, &bind, &data);
}
