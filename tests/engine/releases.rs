//! The Docker release under test, proven, and what differs between releases where alacrity could
//! trip: `scripts/test` runs this binary on Docker 20.10 (API 1.41), 26.1 (API 1.45) and 28.5
//! (API 1.51), and says which in ALACRITY_TEST_DOCKER (`host`, `26`, `28`).

use serde_json::Value;

use crate::common::*;

/// The release the harness says it started: `host`, `26` or `28`.
fn release() -> String {
    required_env("ALACRITY_TEST_DOCKER")
}

/// The engine version and API version every node of `swarm` reports.
fn versions(swarm: &Swarm) -> Vec<(String, String)> {
    (1..=swarm.node_count())
        .map(|node| {
            let out = swarm.docker_ok_on(
                node,
                &[
                    "version",
                    "--format",
                    "{{.Server.Version}} {{.Server.APIVersion}}",
                ],
            );
            let (version, api) = out.split_once(' ').unwrap_or((&out, ""));
            (version.to_string(), api.to_string())
        })
        .collect()
}

#[test]
fn every_node_runs_the_release_the_run_names() {
    let (want_version, want_api) = match release().as_str() {
        "host" => ("20.10.", "1.41"),
        "26" => ("26.1.", "1.45"),
        "28" => ("28.5.", "1.51"),
        other => panic!("ALACRITY_TEST_DOCKER is `{other}`: expected host, 26 or 28"),
    };
    for swarm in [Swarm::single(), Swarm::cluster()] {
        for (version, api) in versions(&swarm) {
            assert!(
                version.starts_with(want_version) && api == want_api,
                "ALACRITY_TEST_DOCKER={} but a node of {} runs Docker {version}, API {api}",
                release(),
                swarm.host()
            );
        }
    }
}

#[test]
fn alacrity_checks_the_api_version_and_goes_on_with_every_release() {
    let scope = Scope::new(&Swarm::single());
    let out = scope
        .alacrity()
        .args(["-vv", "apps", "ls"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("engine: GET /v1.41/_ping"),
        "{}",
        stderr(&out)
    );
}

/// What alacrity writes comes back as written on every release: no image digest added (the engine
/// resolves none, and alacrity asks for none: no registry here, nor needed), the network in the
/// task template (a service spec's own `Networks` is gone since API 1.44), its labels whole; and
/// a second deploy finds nothing to change.
#[test]
fn a_service_spec_reads_back_as_written() {
    let scope = Scope::new(&Swarm::single());
    let name = scope.name("web");
    let long_value = "v".repeat(4000);
    let spec = scope.write_file(
        "web.toml",
        &app(
            &name,
            &format!("[apps.{name}.labels]\n\"com.example.long\" = \"{long_value}\"\n"),
        ),
    );
    let deploy = |expect: &str| {
        let out = scope
            .alacrity()
            .args(["-o", "json", "deploy", "--timeout", "90s"])
            .arg(&spec)
            .output()
            .unwrap();
        assert!(out.status.success(), "deploy: {}", stderr(&out));
        let result: Value = serde_json::from_slice(&out.stdout).unwrap();
        let action = result["apps"][0]["action"].as_str().unwrap_or_default();
        assert_eq!(action, expect, "{result}");
    };
    deploy("create");
    let service: Value = serde_json::from_str(&scope.docker_ok(&[
        "service",
        "inspect",
        "--format",
        "{{json .Spec}}",
        &name,
    ]))
    .unwrap();
    assert_eq!(
        service["TaskTemplate"]["ContainerSpec"]["Image"].as_str(),
        Some(test_image().as_str()),
        "{service}"
    );
    assert!(service.get("Networks").is_none(), "{service}");
    let network = scope.docker_ok(&["network", "inspect", "--format", "{{.ID}}", "alacrity"]);
    assert_eq!(
        service["TaskTemplate"]["Networks"][0]["Target"].as_str(),
        Some(network.as_str()),
        "{service}"
    );
    assert_eq!(
        service["Labels"]["com.example.long"].as_str(),
        Some(long_value.as_str())
    );
    deploy("unchanged");
}
