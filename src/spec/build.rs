//! Raw apps that passed every rule -> the model.
//!
//! Only called once the rules found nothing, so every value here is known to be well formed;
//! anything that would not convert is skipped rather than unwrapped, so that a gap between a
//! rule and this code can never become a panic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use super::model::{
    App, DEFAULT_FILE_MODE, DEFAULT_HEALTH_INTERVAL, DEFAULT_HEALTH_RETRIES,
    DEFAULT_HEALTH_START_PERIOD, DEFAULT_HEALTH_TIMEOUT, FileKind, FileMount, HealthCheck,
    Healthcheck, Port, ResourceSet, Resources, RestartCondition, RestartPolicy, Volume,
    VolumeSource, object_name,
};
use super::paths::normalize_absolute;
use super::raw::{
    Entry, Field, RawApp, RawFile, RawHealthCheck, RawHealthcheck, RawResourceSet,
    RawRestartPolicy, RawTest, RawVolume, Span,
};
use super::source::Source;
use super::units::{Cpus, Size, parse_duration};
use super::{AppOrigin, Origin};

pub fn app(raw: &RawApp) -> App {
    App {
        name: raw.name.clone(),
        image: raw
            .image
            .as_ref()
            .map(|f| f.value.clone())
            .unwrap_or_default(),
        persistent: raw.persistent() == Some(true),
        instances: raw
            .instances
            .as_ref()
            .map_or(1, |f| f.value.max(0).unsigned_abs()),
        command: raw.command.as_ref().map(|f| f.value.clone()),
        entrypoint: raw.entrypoint.as_ref().map(|f| f.value.clone()),
        env: environment(raw),
        labels: table(&raw.labels),
        ports: raw
            .ports
            .iter()
            .filter_map(|f| f.value.parse::<Port>().ok())
            .collect(),
        volumes: raw.volumes().iter().filter_map(volume).collect(),
        node: raw.node.as_ref().map(|f| f.value.clone()),
        resources: raw
            .resources
            .as_ref()
            .map_or_else(Resources::default, |r| Resources {
                limits: resource_set(r.limits.as_ref()),
                reservations: resource_set(r.reservations.as_ref()),
            }),
        restart_policy: raw
            .restart_policy
            .as_ref()
            .map_or_else(RestartPolicy::default, restart_policy),
        files: raw
            .files()
            .filter_map(|(kind, file)| file_mount(&raw.name, kind, file))
            .collect(),
        healthcheck: raw
            .healthcheck
            .as_ref()
            .map_or(Healthcheck::Image, |f| healthcheck(&f.value)),
        // The file's, set by `spec_file`: a project is the file's, not one app's.
        project: None,
    }
}

/// `false` is no check; a table is the spec's check (`true` never gets here: it is refused).
fn healthcheck(raw: &RawHealthcheck) -> Healthcheck {
    match raw {
        RawHealthcheck::Flag(false) => Healthcheck::Disabled,
        RawHealthcheck::Flag(true) => Healthcheck::Image,
        RawHealthcheck::Check(check) => Healthcheck::Check(health_check(check)),
    }
}

/// The check as written, with Docker's default for each field not given; a string test is run
/// by the shell, as docker compose does.
fn health_check(raw: &RawHealthCheck) -> HealthCheck {
    let test = match raw.test.as_ref().map(|f| &f.value) {
        Some(RawTest::Shell(command)) => vec!["CMD-SHELL".to_string(), command.clone()],
        Some(RawTest::List(items)) => items
            .iter()
            .filter_map(|item| item.value.as_ref().ok().cloned())
            .collect(),
        Some(RawTest::Wrong(_)) | None => Vec::new(),
    };
    HealthCheck {
        test,
        interval: duration(&raw.interval, DEFAULT_HEALTH_INTERVAL),
        timeout: duration(&raw.timeout, DEFAULT_HEALTH_TIMEOUT),
        retries: raw
            .retries
            .as_ref()
            .map_or(DEFAULT_HEALTH_RETRIES, |f| f.value.max(1).unsigned_abs()),
        start_period: duration(&raw.start_period, DEFAULT_HEALTH_START_PERIOD),
    }
}

/// A duration as written, or `default` when not given.
fn duration(field: &Option<Field<String>>, default: Duration) -> Duration {
    field
        .as_ref()
        .and_then(|f| parse_duration(&f.value).ok())
        .unwrap_or(default)
}

/// A secret or config whose content was read (the others were reported).
fn file_mount(app: &str, kind: FileKind, raw: &RawFile) -> Option<FileMount> {
    let name = raw.name.as_ref()?.value.clone();
    let content = raw.content.clone()?;
    let text = |field: &Option<super::raw::Field<String>>, default: &str| {
        field
            .as_ref()
            .map_or_else(|| default.to_string(), |f| f.value.clone())
    };
    Some(FileMount {
        kind,
        object: object_name(app, &name, &content.digest),
        target: text(&raw.target, &kind.default_target(&name)),
        uid: text(&raw.uid, "0"),
        gid: text(&raw.gid, "0"),
        mode: raw.mode.as_ref().map_or(DEFAULT_FILE_MODE, |f| {
            u32::try_from(f.value).unwrap_or(DEFAULT_FILE_MODE)
        }),
        name,
        content: Some(content),
    })
}

fn table(entries: &[Entry]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|entry| (entry.key.clone(), entry.value.clone()))
        .collect()
}

/// The env files' variables in order (a later one wins), then `env` on top, as docker compose
/// does.
fn environment(raw: &RawApp) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = raw.env_from_files.iter().cloned().collect();
    env.extend(table(&raw.env));
    env
}

fn resource_set(raw: Option<&RawResourceSet>) -> ResourceSet {
    let Some(raw) = raw else {
        return ResourceSet::default();
    };
    ResourceSet {
        cpus: raw.cpus.as_ref().and_then(|f| f.value.parse::<Cpus>().ok()),
        memory: raw
            .memory
            .as_ref()
            .and_then(|f| f.value.parse::<Size>().ok()),
    }
}

/// The policy as written, with the default's value for each field not given.
fn restart_policy(raw: &RawRestartPolicy) -> RestartPolicy {
    let default = RestartPolicy::default();
    RestartPolicy {
        condition: raw
            .condition
            .as_ref()
            .and_then(|f| f.value.parse::<RestartCondition>().ok())
            .unwrap_or(default.condition),
        delay: duration(&raw.delay, default.delay),
        max_attempts: raw
            .max_attempts
            .as_ref()
            .map_or(default.max_attempts, |f| f.value.max(0).unsigned_abs()),
        window: duration(&raw.window, default.window),
    }
}

fn volume(raw: &RawVolume) -> Option<Volume> {
    let source = match (&raw.label, &raw.host_path) {
        (Some(label), None) => VolumeSource::Label(label.value.clone()),
        (None, Some(path)) => VolumeSource::HostPath(clean(&path.value)?),
        _ => return None,
    };
    let container_path = clean(&raw.container_path.as_ref()?.value)?;
    Some(Volume {
        source,
        container_path: container_path.to_string_lossy().into_owned(),
        read_only: raw.read_only.as_ref().is_some_and(|f| f.value),
    })
}

/// Paths in the model are normalized (`/srv//data/` is `/srv/data`), so that comparing them,
/// and the deploy's diff, do not depend on how the spec wrote them.
fn clean(path: &str) -> Option<PathBuf> {
    normalize_absolute(path).ok()
}

/// Where the parts of an app are, for diagnostics made after loading.
pub fn origin(source: &Source, raw: &RawApp) -> AppOrigin {
    let at = |span: &Span| {
        let position = source.position(span.start);
        Origin {
            line: position.line,
            column: position.column,
            snippet: source.snippet(span.clone()),
        }
    };
    AppOrigin {
        name: at(&raw.name_span),
        node: raw.node.as_ref().map(|f| at(&f.span)),
        instances: raw.instances.as_ref().map(|f| at(&f.span)),
        volumes: raw
            .volumes()
            .iter()
            .filter_map(|v| v.label.as_ref().or(v.host_path.as_ref()))
            .map(|f| at(&f.span))
            .collect(),
        ports: raw.ports.iter().map(|f| at(&f.span)).collect(),
    }
}
