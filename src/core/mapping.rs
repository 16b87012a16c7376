//! App <-> swarm service spec, both ways, with no I/O.
//!
//! `service_spec` is the whole policy of how an app runs on the swarm: mounts, pin, update order,
//! rollback, restart policy, network, labels. `read_app` reads an app back from a deployed
//! service so that `plan` can say which fields a deploy would change.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use std::time::Duration;

use bollard::models::{
    EndpointPortConfig, EndpointPortConfigProtocolEnum, EndpointPortConfigPublishModeEnum,
    EndpointSpec, EndpointSpecModeEnum, HealthConfig, Limit, Mount, MountType, MountVolumeOptions,
    NetworkAttachmentConfig, ResourceObject, ServiceSpec, ServiceSpecMode,
    ServiceSpecModeReplicated, ServiceSpecRollbackConfig,
    ServiceSpecRollbackConfigFailureActionEnum, ServiceSpecRollbackConfigOrderEnum,
    ServiceSpecUpdateConfig, ServiceSpecUpdateConfigFailureActionEnum,
    ServiceSpecUpdateConfigOrderEnum, TaskSpec, TaskSpecContainerSpec,
    TaskSpecContainerSpecConfigs, TaskSpecContainerSpecFile, TaskSpecContainerSpecFile1,
    TaskSpecContainerSpecSecrets, TaskSpecPlacement, TaskSpecResources, TaskSpecRestartPolicy,
    TaskSpecRestartPolicyConditionEnum,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{files, images, labels};
use crate::spec::model::{Cpus, Size, label_of};
use crate::spec::model::{
    DEFAULT_HEALTH_INTERVAL, DEFAULT_HEALTH_RETRIES, DEFAULT_HEALTH_START_PERIOD,
    DEFAULT_HEALTH_TIMEOUT,
};
use crate::spec::units::duration_text;
use crate::spec::{
    App, FileKind, FileMount, HealthCheck, Healthcheck, Port, Protocol, ResourceSet, Resources,
    RestartCondition, RestartPolicy, Volume, VolumeSource,
};

/// How long the swarm watches a new task before it calls an update step good (Docker's default),
/// for an app without a health check of its spec.
pub(crate) const UPDATE_MONITOR: Duration = Duration::from_secs(5);
/// The test that turns off the image's health check.
const HEALTH_NONE: &str = "NONE";

/// The node a persistent app is pinned to: its swarm node ID.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Pin {
    pub node_id: String,
}

impl Pin {
    pub fn new(node_id: impl Into<String>) -> Self {
        Pin {
            node_id: node_id.into(),
        }
    }

    /// The placement constraint that keeps the app's tasks on the node.
    pub(crate) fn constraint(&self) -> String {
        format!("node.id=={}", self.node_id)
    }
}

/// The swarm service spec of an app, labelled with its template hash and spec hash.
pub(crate) fn service_spec(app: &App, pin: Option<&Pin>) -> ServiceSpec {
    let mut task = task_template(app, pin);
    let template_hash = hash_of(&task);
    if let Some(container) = task.container_spec.as_mut() {
        container
            .labels
            .get_or_insert_with(HashMap::new)
            .insert(labels::TEMPLATE_HASH.into(), template_hash);
    }
    let mut spec = ServiceSpec {
        name: Some(app.name.clone()),
        labels: Some(service_labels(app, pin)),
        task_template: Some(task),
        mode: Some(ServiceSpecMode {
            replicated: Some(ServiceSpecModeReplicated {
                replicas: Some(app.instances as i64),
            }),
            ..Default::default()
        }),
        update_config: Some(update_config(app)),
        rollback_config: Some(rollback_config(app)),
        endpoint_spec: Some(endpoint_spec(&app.ports)),
        ..Default::default()
    };
    let spec_hash = hash_of(&spec);
    let service_labels = spec.labels.get_or_insert_with(HashMap::new);
    service_labels.insert(labels::SPEC_HASH.into(), spec_hash);
    // Outside the hash: the project names where the app comes from, not what it runs, and apps
    // deployed before projects existed keep their hashes.
    if let Some(project) = &app.project {
        service_labels.insert(labels::PROJECT.into(), project.clone());
    }
    spec
}

/// The spec hash a generated spec carries (what "unchanged" compares).
pub(crate) fn spec_hash(spec: &ServiceSpec) -> Option<&str> {
    label(spec.labels.as_ref(), labels::SPEC_HASH)
}

/// The template hash a generated spec (or a task's spec) carries.
pub(crate) fn template_hash(task: Option<&TaskSpec>) -> Option<&str> {
    let container = task?.container_spec.as_ref()?;
    label(container.labels.as_ref(), labels::TEMPLATE_HASH)
}

fn label<'a>(labels: Option<&'a HashMap<String, String>>, key: &str) -> Option<&'a str> {
    labels?.get(key).map(String::as_str)
}

fn task_template(app: &App, pin: Option<&Pin>) -> TaskSpec {
    TaskSpec {
        container_spec: Some(container_spec(app)),
        resources: task_resources(&app.resources),
        restart_policy: Some(restart_policy(&app.restart_policy)),
        placement: pin.map(|pin| TaskSpecPlacement {
            constraints: Some(vec![pin.constraint()]),
            ..Default::default()
        }),
        networks: Some(vec![NetworkAttachmentConfig {
            target: Some(labels::NETWORK.into()),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

/// Limits and reservations; none at all when the app sets none (the spec, and its hash, are
/// then what they were before alacrity knew of resources).
fn task_resources(resources: &Resources) -> Option<TaskSpecResources> {
    if resources.is_empty() {
        return None;
    }
    let nanos = |cpus: Option<Cpus>| cpus.map(|c| c.nanos() as i64);
    let bytes = |memory: Option<Size>| memory.map(|m| m.bytes() as i64);
    let (limits, reservations) = (&resources.limits, &resources.reservations);
    Some(TaskSpecResources {
        limits: (!limits.is_empty()).then(|| Limit {
            nano_cpus: nanos(limits.cpus),
            memory_bytes: bytes(limits.memory),
            pids: None,
        }),
        reservations: (!reservations.is_empty()).then(|| ResourceObject {
            nano_cpus: nanos(reservations.cpus),
            memory_bytes: bytes(reservations.memory),
            generic_resources: None,
        }),
        ..Default::default()
    })
}

/// The app's restart policy; the default one is what alacrity always wrote (any exit, 5 s
/// later, without end), so that the hash of an app that sets none stays the same.
fn restart_policy(policy: &RestartPolicy) -> TaskSpecRestartPolicy {
    TaskSpecRestartPolicy {
        condition: Some(match policy.condition {
            RestartCondition::None => TaskSpecRestartPolicyConditionEnum::NONE,
            RestartCondition::OnFailure => TaskSpecRestartPolicyConditionEnum::ON_FAILURE,
            RestartCondition::Any => TaskSpecRestartPolicyConditionEnum::ANY,
        }),
        delay: Some(nanoseconds(policy.delay)),
        max_attempts: Some(policy.max_attempts as i64),
        window: Some(nanoseconds(policy.window)),
    }
}

fn nanoseconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_nanos()).unwrap_or(i64::MAX)
}

fn container_spec(app: &App) -> TaskSpecContainerSpec {
    let env: Vec<String> = app.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mounts: Vec<Mount> = app.volumes.iter().map(|v| mount(v, &app.name)).collect();
    let health_check = health_config(&app.healthcheck);
    let mut container_labels = HashMap::from([(labels::APP.into(), app.name.clone())]);
    if let Some(check) = &health_check {
        container_labels.insert(
            labels::HEALTHCHECK.into(),
            serde_json::to_string(check).unwrap_or_default(),
        );
    }
    TaskSpecContainerSpec {
        image: Some(app.image.clone()),
        labels: Some(container_labels),
        // Docker's words are the other way round: its Command is the ENTRYPOINT, Args the CMD.
        command: app.entrypoint.clone(),
        args: app.command.clone(),
        env: (!env.is_empty()).then_some(env),
        mounts: (!mounts.is_empty()).then_some(mounts),
        secrets: secret_refs(&app.files),
        configs: config_refs(&app.files),
        health_check,
        ..Default::default()
    }
}

/// The image's check is no health config at all (so that the spec, and its hashes, of an app
/// without a `healthcheck` are what they were before alacrity knew of health checks); `false`
/// is the engine's `NONE`; the spec's check has every field, in nanoseconds.
fn health_config(healthcheck: &Healthcheck) -> Option<HealthConfig> {
    match healthcheck {
        Healthcheck::Image => None,
        Healthcheck::Disabled => Some(HealthConfig {
            test: Some(vec![HEALTH_NONE.to_string()]),
            ..Default::default()
        }),
        Healthcheck::Check(check) => Some(HealthConfig {
            test: Some(check.test.clone()),
            interval: Some(nanoseconds(check.interval)),
            timeout: Some(nanoseconds(check.timeout)),
            retries: Some(i64::try_from(check.retries).unwrap_or(i64::MAX)),
            start_period: Some(nanoseconds(check.start_period)),
            start_interval: None,
        }),
    }
}

/// How long the swarm watches each new task of an update (or rollback) before it calls the step
/// good: Docker's 5 s, or, for an app with a health check of its spec, at least as long as the
/// check can take to find a container unhealthy, so that a bad release cannot be reported
/// complete before its check could fail (swarmcli#475). The deploy's wait uses it too.
pub(crate) fn monitor_of(app: &App) -> Duration {
    match &app.healthcheck {
        Healthcheck::Check(check) => UPDATE_MONITOR.max(check.verdict_within()),
        Healthcheck::Image | Healthcheck::Disabled => UPDATE_MONITOR,
    }
}

/// The secrets of the container, by object name. The engine wants each object's ID too: the
/// deploy fills it in when it has made the object (`with_file_ids`); the hashes never see it.
fn secret_refs(files: &[FileMount]) -> Option<Vec<TaskSpecContainerSpecSecrets>> {
    let refs: Vec<_> = files
        .iter()
        .filter(|file| file.kind == FileKind::Secret)
        .map(|file| TaskSpecContainerSpecSecrets {
            file: Some(TaskSpecContainerSpecFile {
                name: Some(file.target.clone()),
                uid: Some(file.uid.clone()),
                gid: Some(file.gid.clone()),
                mode: Some(file.mode),
            }),
            secret_id: None,
            secret_name: Some(file.object.clone()),
        })
        .collect();
    (!refs.is_empty()).then_some(refs)
}

fn config_refs(files: &[FileMount]) -> Option<Vec<TaskSpecContainerSpecConfigs>> {
    let refs: Vec<_> = files
        .iter()
        .filter(|file| file.kind == FileKind::Config)
        .map(|file| TaskSpecContainerSpecConfigs {
            file: Some(TaskSpecContainerSpecFile1 {
                name: Some(file.target.clone()),
                uid: Some(file.uid.clone()),
                gid: Some(file.gid.clone()),
                mode: Some(file.mode),
            }),
            config_id: None,
            config_name: Some(file.object.clone()),
            ..Default::default()
        })
        .collect();
    (!refs.is_empty()).then_some(refs)
}

/// `spec` with the IDs of its secrets and configs, by object name.
pub(crate) fn with_file_ids(mut spec: ServiceSpec, ids: &HashMap<String, String>) -> ServiceSpec {
    let container = spec
        .task_template
        .as_mut()
        .and_then(|task| task.container_spec.as_mut());
    if let Some(container) = container {
        for secret in container.secrets.iter_mut().flatten() {
            let name = secret.secret_name.as_deref().unwrap_or_default();
            secret.secret_id = ids.get(name).cloned();
        }
        for config in container.configs.iter_mut().flatten() {
            let name = config.config_name.as_deref().unwrap_or_default();
            config.config_id = ids.get(name).cloned();
        }
    }
    spec
}

/// The secrets and configs a container spec mounts.
fn read_files(container: &TaskSpecContainerSpec, app: &str) -> Vec<FileMount> {
    let file = |kind, object: Option<&String>, target, uid, gid, mode| {
        let object = object?.clone();
        Some(FileMount {
            kind,
            name: files::file_name_of(app, &object),
            object,
            target,
            uid,
            gid,
            mode,
            content: None,
        })
    };
    let secrets = container.secrets.iter().flatten().filter_map(|secret| {
        let f = secret.file.clone().unwrap_or_default();
        file(
            FileKind::Secret,
            secret.secret_name.as_ref(),
            f.name.unwrap_or_default(),
            f.uid.unwrap_or_default(),
            f.gid.unwrap_or_default(),
            f.mode.unwrap_or_default(),
        )
    });
    let configs = container.configs.iter().flatten().filter_map(|config| {
        let f = config.file.clone().unwrap_or_default();
        file(
            FileKind::Config,
            config.config_name.as_ref(),
            f.name.unwrap_or_default(),
            f.uid.unwrap_or_default(),
            f.gid.unwrap_or_default(),
            f.mode.unwrap_or_default(),
        )
    });
    secrets.chain(configs).collect()
}

fn mount(volume: &Volume, app: &str) -> Mount {
    let common = Mount {
        target: Some(volume.container_path.clone()),
        read_only: Some(volume.read_only),
        ..Default::default()
    };
    match &volume.source {
        VolumeSource::Label(label) => Mount {
            typ: Some(MountType::VOLUME),
            source: volume.source.volume_name(),
            // A node that creates the volume on first use labels it from these.
            volume_options: Some(MountVolumeOptions {
                labels: Some(labels::volume_labels(label, app)),
                ..Default::default()
            }),
            ..common
        },
        VolumeSource::HostPath(path) => Mount {
            typ: Some(MountType::BIND),
            source: Some(path.to_string_lossy().into_owned()),
            ..common
        },
    }
}

fn service_labels(app: &App, pin: Option<&Pin>) -> HashMap<String, String> {
    let mut all: HashMap<String, String> = app
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    all.insert(labels::MANAGED.into(), "true".into());
    all.insert(labels::APP.into(), app.name.clone());
    all.insert(labels::PERSISTENT.into(), app.persistent.to_string());
    if let Some(pin) = pin {
        all.insert(labels::NODE.into(), pin.node_id.clone());
    }
    let (volume_labels, host_paths) = data_of(app);
    if !volume_labels.is_empty() {
        all.insert(labels::VOLUMES.into(), json_list(&volume_labels));
    }
    if !host_paths.is_empty() {
        all.insert(labels::BINDS.into(), json_list(&host_paths));
    }
    all
}

/// The app's volume labels and host paths, in spec order.
fn data_of(app: &App) -> (Vec<String>, Vec<String>) {
    let mut volume_labels = Vec::new();
    let mut host_paths = Vec::new();
    for volume in &app.volumes {
        match &volume.source {
            VolumeSource::Label(label) => volume_labels.push(label.clone()),
            VolumeSource::HostPath(path) => host_paths.push(path.to_string_lossy().into_owned()),
        }
    }
    (volume_labels, host_paths)
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

/// Stop-first for a persistent app (never two containers on its data), start-first otherwise
/// (no gap in service); a failed update rolls back. The delay between tasks stays 0: a delay
/// longer than the monitor keeps a failed update from rolling back (moby#37972).
fn update_config(app: &App) -> ServiceSpecUpdateConfig {
    ServiceSpecUpdateConfig {
        parallelism: Some(1),
        delay: Some(0),
        failure_action: Some(ServiceSpecUpdateConfigFailureActionEnum::ROLLBACK),
        monitor: Some(nanoseconds(monitor_of(app))),
        max_failure_ratio: Some(0.0),
        order: Some(if app.persistent {
            ServiceSpecUpdateConfigOrderEnum::STOP_FIRST
        } else {
            ServiceSpecUpdateConfigOrderEnum::START_FIRST
        }),
    }
}

fn rollback_config(app: &App) -> ServiceSpecRollbackConfig {
    ServiceSpecRollbackConfig {
        parallelism: Some(1),
        delay: Some(0),
        failure_action: Some(ServiceSpecRollbackConfigFailureActionEnum::PAUSE),
        monitor: Some(nanoseconds(monitor_of(app))),
        max_failure_ratio: Some(0.0),
        order: Some(if app.persistent {
            ServiceSpecRollbackConfigOrderEnum::STOP_FIRST
        } else {
            ServiceSpecRollbackConfigOrderEnum::START_FIRST
        }),
    }
}

fn endpoint_spec(ports: &[Port]) -> EndpointSpec {
    let ports: Vec<EndpointPortConfig> = ports
        .iter()
        .map(|port| EndpointPortConfig {
            protocol: Some(match port.protocol {
                Protocol::Tcp => EndpointPortConfigProtocolEnum::TCP,
                Protocol::Udp => EndpointPortConfigProtocolEnum::UDP,
            }),
            target_port: Some(i64::from(port.target)),
            published_port: Some(i64::from(port.published)),
            publish_mode: Some(EndpointPortConfigPublishModeEnum::INGRESS),
            ..Default::default()
        })
        .collect();
    EndpointSpec {
        mode: Some(EndpointSpecModeEnum::VIP),
        ports: (!ports.is_empty()).then_some(ports),
    }
}

/// A stable hash of a value: SHA-256 of its compact JSON with every object's keys sorted, so
/// hash maps hash the same whatever their order (and the hashes of deployed apps stay those
/// alacrity always computed).
pub fn hash_of<T: Serialize>(value: &T) -> String {
    let mut json = serde_json::to_value(value).unwrap_or_default();
    json.sort_all_objects();
    // The JSON goes into the hash as it is written, never whole in memory.
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    // Writing into a hash cannot fail.
    let _ = serde_json::to_writer(&mut hashing, &json);
    hex::encode(hashing.0.finalize())
}

/// The app a service spec describes, as far as the spec tells (the spec's `node` is not kept:
/// the pin is, see `read_pin`).
pub(crate) fn read_app(spec: &ServiceSpec) -> App {
    let task = spec.task_template.as_ref();
    let container = task
        .and_then(|task| task.container_spec.clone())
        .unwrap_or_default();
    let service_labels = spec.labels.clone().unwrap_or_default();
    let name = spec.name.clone().unwrap_or_default();
    let files = read_files(&container, &name);
    let healthcheck = read_healthcheck(health_config_of(&container).as_ref());
    let project = service_labels.get(labels::PROJECT).cloned();
    App {
        project,
        files,
        healthcheck,
        name,
        image: container.image.unwrap_or_default(),
        persistent: service_labels.get(labels::PERSISTENT).map(String::as_str) == Some("true"),
        instances: read_replicas(spec),
        command: container.args,
        entrypoint: container.command,
        env: read_env(container.env.as_deref().unwrap_or_default()),
        labels: service_labels
            .into_iter()
            .filter(|(key, _)| !key.starts_with(labels::PREFIX))
            .collect(),
        ports: read_ports(spec.endpoint_spec.as_ref()),
        volumes: container
            .mounts
            .unwrap_or_default()
            .iter()
            .filter_map(read_volume)
            .collect(),
        node: None,
        resources: read_resources(task.and_then(|task| task.resources.as_ref())),
        restart_policy: read_restart_policy(task.and_then(|task| task.restart_policy.as_ref())),
    }
}

/// The health check of a container spec: as the engine holds it, else as alacrity's label
/// records it (see [`labels::HEALTHCHECK`]: the engine's answer spells its key otherwise).
pub(crate) fn health_config_of(container: &TaskSpecContainerSpec) -> Option<HealthConfig> {
    container.health_check.clone().or_else(|| {
        let recorded = label(container.labels.as_ref(), labels::HEALTHCHECK)?;
        serde_json::from_str(recorded).ok()
    })
}

/// The health check as the engine holds it: none (or no test) is the image's, `NONE` is
/// `false`; a field the engine holds as 0 or not at all is its default, as for the engine.
fn read_healthcheck(config: Option<&HealthConfig>) -> Healthcheck {
    let Some(config) = config else {
        return Healthcheck::Image;
    };
    let test = config.test.clone().unwrap_or_default();
    match test.first().map(String::as_str) {
        None => return Healthcheck::Image,
        Some(HEALTH_NONE) => return Healthcheck::Disabled,
        Some(_) => {}
    }
    let duration = |nanos: Option<i64>, default| match nanos {
        Some(n) if n > 0 => Duration::from_nanos(n.unsigned_abs()),
        _ => default,
    };
    Healthcheck::Check(HealthCheck {
        test,
        interval: duration(config.interval, DEFAULT_HEALTH_INTERVAL),
        timeout: duration(config.timeout, DEFAULT_HEALTH_TIMEOUT),
        retries: config
            .retries
            .filter(|n| *n > 0)
            .map_or(DEFAULT_HEALTH_RETRIES, i64::unsigned_abs),
        start_period: duration(config.start_period, DEFAULT_HEALTH_START_PERIOD),
    })
}

/// Limits and reservations as the engine holds them (0 is none).
fn read_resources(resources: Option<&TaskSpecResources>) -> Resources {
    let Some(resources) = resources else {
        return Resources::default();
    };
    let cpus = |nanos: Option<i64>| {
        nanos
            .filter(|n| *n > 0)
            .map(|n| Cpus::from_nanos(n.unsigned_abs()))
    };
    let memory = |bytes: Option<i64>| {
        bytes
            .filter(|b| *b > 0)
            .map(|b| Size::from_bytes(b.unsigned_abs()))
    };
    let limits = resources.limits.as_ref();
    let reservations = resources.reservations.as_ref();
    Resources {
        limits: ResourceSet {
            cpus: cpus(limits.and_then(|l| l.nano_cpus)),
            memory: memory(limits.and_then(|l| l.memory_bytes)),
        },
        reservations: ResourceSet {
            cpus: cpus(reservations.and_then(|r| r.nano_cpus)),
            memory: memory(reservations.and_then(|r| r.memory_bytes)),
        },
    }
}

/// The restart policy as the engine holds it; what it leaves out is the engine's default (any
/// exit, 5 s, without end).
fn read_restart_policy(policy: Option<&TaskSpecRestartPolicy>) -> RestartPolicy {
    let default = RestartPolicy::default();
    let Some(policy) = policy else {
        return default;
    };
    let duration = |nanos: Option<i64>, default| {
        nanos.map_or(default, |n| Duration::from_nanos(n.max(0).unsigned_abs()))
    };
    RestartPolicy {
        condition: match policy.condition {
            Some(TaskSpecRestartPolicyConditionEnum::NONE) => RestartCondition::None,
            Some(TaskSpecRestartPolicyConditionEnum::ON_FAILURE) => RestartCondition::OnFailure,
            _ => RestartCondition::Any,
        },
        delay: duration(policy.delay, default.delay),
        max_attempts: policy
            .max_attempts
            .map_or(default.max_attempts, |n| n.max(0).unsigned_abs()),
        window: duration(policy.window, default.window),
    }
}

/// The placement constraints of a service spec, sorted (what keeps a pinned app on its node).
pub(crate) fn placement(spec: &ServiceSpec) -> Vec<String> {
    let mut constraints = spec
        .task_template
        .as_ref()
        .and_then(|task| task.placement.as_ref())
        .and_then(|placement| placement.constraints.clone())
        .unwrap_or_default();
    constraints.sort();
    constraints
}

/// How a service's updates replace its tasks (a persistent app's must be stop-first).
pub(crate) fn update_order(spec: &ServiceSpec) -> Option<ServiceSpecUpdateConfigOrderEnum> {
    spec.update_config.as_ref().and_then(|update| update.order)
}

/// The pin of a deployed service: alacrity's node label.
pub(crate) fn read_pin(spec: &ServiceSpec) -> Option<Pin> {
    label(spec.labels.as_ref(), labels::NODE).map(Pin::new)
}

fn read_replicas(spec: &ServiceSpec) -> u64 {
    spec.mode
        .as_ref()
        .and_then(|mode| mode.replicated.as_ref())
        .and_then(|replicated| replicated.replicas)
        .map_or(0, |replicas| replicas.max(0) as u64)
}

fn read_env(env: &[String]) -> BTreeMap<String, String> {
    env.iter()
        .map(|entry| match entry.split_once('=') {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None => (entry.clone(), String::new()),
        })
        .collect()
}

pub(crate) fn read_ports(endpoint: Option<&EndpointSpec>) -> Vec<Port> {
    let ports = endpoint
        .and_then(|e| e.ports.as_deref())
        .unwrap_or_default();
    ports
        .iter()
        .filter_map(|port| {
            Some(Port {
                published: u16::try_from(port.published_port?).ok()?,
                target: u16::try_from(port.target_port?).ok()?,
                protocol: match port.protocol {
                    Some(EndpointPortConfigProtocolEnum::UDP) => Protocol::Udp,
                    Some(EndpointPortConfigProtocolEnum::TCP) | None => Protocol::Tcp,
                    Some(_) => return None,
                },
            })
        })
        .collect()
}

fn read_volume(mount: &Mount) -> Option<Volume> {
    let source = mount.source.as_deref()?;
    let source = match mount.typ {
        Some(MountType::VOLUME) => VolumeSource::Label(label_of(source)?.to_string()),
        Some(MountType::BIND) => VolumeSource::HostPath(PathBuf::from(source)),
        _ => return None,
    };
    Some(Volume {
        source,
        container_path: mount.target.clone()?,
        read_only: mount.read_only.unwrap_or(false),
    })
}

/// The fields of `wanted` that differ from `deployed`, by their names in the spec.
pub fn changed_fields(deployed: &App, wanted: &App) -> Vec<&'static str> {
    // The same tag pinned to another digest: a new push to the tag.
    let image = match images::tagged(&deployed.image) == images::tagged(&wanted.image) {
        true => "image (new digest)",
        false => "image",
    };
    let files = |app: &App, kind: FileKind| -> Vec<FileMount> {
        app.files
            .iter()
            .filter(|f| f.kind == kind)
            .cloned()
            .collect()
    };
    let checks: [(&'static str, bool); 11] = [
        (image, deployed.image == wanted.image),
        ("persistent", deployed.persistent == wanted.persistent),
        ("instances", deployed.instances == wanted.instances),
        ("command", deployed.command == wanted.command),
        ("entrypoint", deployed.entrypoint == wanted.entrypoint),
        ("env", deployed.env == wanted.env),
        ("labels", deployed.labels == wanted.labels),
        ("ports", same_items(&deployed.ports, &wanted.ports)),
        ("volumes", deployed.volumes == wanted.volumes),
        (
            "secrets",
            files(deployed, FileKind::Secret) == files(wanted, FileKind::Secret),
        ),
        (
            "configs",
            files(deployed, FileKind::Config) == files(wanted, FileKind::Config),
        ),
    ];
    let nested = NESTED_FIELDS
        .iter()
        .filter(|field| field_value(deployed, field) != field_value(wanted, field))
        .copied();
    checks
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(field, _)| field)
        .chain(nested)
        .chain(healthcheck_changes(deployed, wanted))
        .collect()
}

/// A health check that comes, goes, or turns off the image's is `healthcheck`; a change of the
/// spec's check names the fields that change (`healthcheck.interval`).
fn healthcheck_changes(deployed: &App, wanted: &App) -> Vec<&'static str> {
    match (&deployed.healthcheck, &wanted.healthcheck) {
        (Healthcheck::Check(_), Healthcheck::Check(_)) => HEALTHCHECK_FIELDS
            .iter()
            .filter(|field| field_value(deployed, field) != field_value(wanted, field))
            .copied()
            .collect(),
        (before, after) if before == after => Vec::new(),
        _ => vec!["healthcheck"],
    }
}

/// The fields of a health check of the spec, by their paths in the spec.
pub const HEALTHCHECK_FIELDS: [&str; 5] = [
    "healthcheck.test",
    "healthcheck.interval",
    "healthcheck.timeout",
    "healthcheck.retries",
    "healthcheck.start_period",
];

/// The fields of `resources` and `restart_policy`, by their paths in the spec: a change names
/// the one that changes.
pub const NESTED_FIELDS: [&str; 8] = [
    "resources.limits.cpus",
    "resources.limits.memory",
    "resources.reservations.cpus",
    "resources.reservations.memory",
    "restart_policy.condition",
    "restart_policy.delay",
    "restart_policy.max_attempts",
    "restart_policy.window",
];

/// The value of a field of `resources`, `restart_policy` or `healthcheck` as the spec writes it
/// (`512M`, `0.5`, `on-failure`, `5s`, `["CMD", "pg_isready"]`; `none` when not set), for plans
/// and drift. `healthcheck` as a whole is `image` (the image's own), `false`, or the check as an
/// inline table. `None` for another field.
pub fn field_value(app: &App, field: &str) -> Option<String> {
    if let Some(part) = field.strip_prefix("healthcheck") {
        return healthcheck_value(&app.healthcheck, part);
    }
    let (limits, reservations) = (&app.resources.limits, &app.resources.reservations);
    let policy = &app.restart_policy;
    let or_none = |value: Option<String>| Some(value.unwrap_or_else(|| "none".to_string()));
    match field {
        "resources.limits.cpus" => or_none(limits.cpus.map(|c| c.to_string())),
        "resources.limits.memory" => or_none(limits.memory.map(|m| m.to_string())),
        "resources.reservations.cpus" => or_none(reservations.cpus.map(|c| c.to_string())),
        "resources.reservations.memory" => or_none(reservations.memory.map(|m| m.to_string())),
        "restart_policy.condition" => Some(policy.condition.to_string()),
        "restart_policy.delay" => Some(duration_text(policy.delay)),
        "restart_policy.max_attempts" => Some(policy.max_attempts.to_string()),
        "restart_policy.window" => Some(duration_text(policy.window)),
        _ => None,
    }
}

/// `field_value` of `healthcheck` (`part` empty) or of one of its fields (`part` `.interval`).
fn healthcheck_value(healthcheck: &Healthcheck, part: &str) -> Option<String> {
    let check = match healthcheck {
        Healthcheck::Check(check) => check,
        Healthcheck::Image if part.is_empty() => return Some("image".to_string()),
        Healthcheck::Disabled if part.is_empty() => return Some("false".to_string()),
        _ if HEALTHCHECK_FIELDS.contains(&format!("healthcheck{part}").as_str()) => {
            return Some("none".to_string());
        }
        _ => return None,
    };
    let test = check
        .test
        .iter()
        .map(|word| serde_json::to_string(word).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(", ");
    let test = format!("[{test}]");
    let (interval, timeout) = (duration_text(check.interval), duration_text(check.timeout));
    let start_period = duration_text(check.start_period);
    let retries = check.retries.to_string();
    Some(match part {
        "" => format!(
            "{{ test = {test}, interval = \"{interval}\", timeout = \"{timeout}\", \
             retries = {retries}, start_period = \"{start_period}\" }}"
        ),
        ".test" => test,
        ".interval" => interval,
        ".timeout" => timeout,
        ".retries" => retries,
        ".start_period" => start_period,
        _ => return None,
    })
}

fn same_items<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deployed services carry these hashes: a different JSON (keys in insertion order, spaces)
    /// would make every deployed app look changed.
    #[test]
    fn a_hash_is_sha256_of_the_compact_json_with_sorted_keys() {
        let map = HashMap::from([("z", 1), ("a", 2)]);
        assert_eq!(
            hash_of(&map),
            hex::encode(Sha256::digest(br#"{"a":2,"z":1}"#))
        );
    }

    const SECOND_NS: i64 = 1_000_000_000;

    fn web() -> App {
        App {
            name: "todo-web".into(),
            image: "todo-web:1.4.2".into(),
            persistent: false,
            instances: 3,
            command: Some(vec!["serve".into(), "--port=80".into()]),
            entrypoint: None,
            env: BTreeMap::from([("DATABASE_URL".into(), "postgres://todo-db/x".into())]),
            labels: BTreeMap::from([("team".into(), "web".into())]),
            ports: vec![Port {
                published: 8080,
                target: 80,
                protocol: Protocol::Tcp,
            }],
            volumes: vec![],
            node: None,
            resources: Default::default(),
            restart_policy: Default::default(),
            healthcheck: Default::default(),
            project: None,
            files: Vec::new(),
        }
    }

    fn db() -> App {
        App {
            name: "todo-db".into(),
            image: "postgres:16".into(),
            persistent: true,
            instances: 1,
            command: None,
            entrypoint: Some(vec!["/entry.sh".into()]),
            env: BTreeMap::new(),
            labels: BTreeMap::new(),
            ports: vec![],
            volumes: vec![
                Volume {
                    source: VolumeSource::Label("todo-db-data".into()),
                    container_path: "/var/lib/postgresql/data".into(),
                    read_only: false,
                },
                Volume {
                    source: VolumeSource::HostPath("/srv/todo/backups".into()),
                    container_path: "/backups".into(),
                    read_only: true,
                },
            ],
            node: Some("node-1".into()),
            resources: Default::default(),
            restart_policy: Default::default(),
            healthcheck: Default::default(),
            project: None,
            files: Vec::new(),
        }
    }

    fn container(spec: &ServiceSpec) -> &TaskSpecContainerSpec {
        spec.task_template
            .as_ref()
            .unwrap()
            .container_spec
            .as_ref()
            .unwrap()
    }

    #[test]
    fn the_service_is_named_after_the_app_and_runs_its_image_and_command() {
        let spec = service_spec(&web(), None);
        assert_eq!(spec.name.as_deref(), Some("todo-web"));
        let container = container(&spec);
        assert_eq!(container.image.as_deref(), Some("todo-web:1.4.2"));
        assert_eq!(
            container.args,
            Some(vec!["serve".to_string(), "--port=80".to_string()])
        );
        assert_eq!(container.command, None);
        assert_eq!(
            container.env,
            Some(vec!["DATABASE_URL=postgres://todo-db/x".to_string()])
        );
        let replicas = spec.mode.as_ref().unwrap().replicated.as_ref().unwrap();
        assert_eq!(replicas.replicas, Some(3));
    }

    #[test]
    fn ports_are_published_on_the_ingress() {
        let spec = service_spec(&web(), None);
        let ports = spec.endpoint_spec.unwrap().ports.unwrap();
        assert_eq!(ports.len(), 1);
        assert_eq!(ports[0].published_port, Some(8080));
        assert_eq!(ports[0].target_port, Some(80));
        assert_eq!(
            ports[0].publish_mode,
            Some(EndpointPortConfigPublishModeEnum::INGRESS)
        );
    }

    #[test]
    fn every_app_joins_the_shared_network() {
        let spec = service_spec(&web(), None);
        let networks = spec.task_template.unwrap().networks.unwrap();
        assert_eq!(networks[0].target.as_deref(), Some("alacrity"));
    }

    #[test]
    fn a_persistent_app_is_pinned_and_updates_stop_first() {
        let spec = service_spec(&db(), Some(&Pin::new("abc123")));
        let placement = spec.task_template.as_ref().unwrap().placement.clone();
        assert_eq!(
            placement.unwrap().constraints,
            Some(vec!["node.id==abc123".to_string()])
        );
        let update = spec.update_config.as_ref().unwrap();
        assert_eq!(
            update.order,
            Some(ServiceSpecUpdateConfigOrderEnum::STOP_FIRST)
        );
        assert_eq!(
            update.failure_action,
            Some(ServiceSpecUpdateConfigFailureActionEnum::ROLLBACK)
        );
        let labels = spec.labels.unwrap();
        assert_eq!(labels[labels::NODE], "abc123");
        assert_eq!(labels[labels::PERSISTENT], "true");
    }

    #[test]
    fn a_stateless_app_updates_start_first_and_is_not_pinned() {
        let spec = service_spec(&web(), None);
        assert!(spec.task_template.as_ref().unwrap().placement.is_none());
        assert_eq!(
            spec.update_config.unwrap().order,
            Some(ServiceSpecUpdateConfigOrderEnum::START_FIRST)
        );
        assert!(!spec.labels.unwrap().contains_key(labels::NODE));
    }

    #[test]
    fn labels_become_managed_volumes_and_host_paths_binds() {
        let spec = service_spec(&db(), Some(&Pin::new("abc123")));
        let mounts = container(&spec).mounts.clone().unwrap();
        assert_eq!(mounts[0].typ, Some(MountType::VOLUME));
        assert_eq!(mounts[0].source.as_deref(), Some("alacran--todo-db-data"));
        assert_eq!(
            mounts[0].target.as_deref(),
            Some("/var/lib/postgresql/data")
        );
        let volume_labels = mounts[0].volume_options.clone().unwrap().labels.unwrap();
        assert_eq!(volume_labels[labels::MANAGED], "true");
        assert_eq!(volume_labels[labels::VOLUME_LABEL], "todo-db-data");
        assert_eq!(volume_labels[labels::APP], "todo-db");
        assert_eq!(mounts[1].typ, Some(MountType::BIND));
        assert_eq!(mounts[1].source.as_deref(), Some("/srv/todo/backups"));
        assert_eq!(mounts[1].read_only, Some(true));
        let service_labels = spec.labels.unwrap();
        assert_eq!(service_labels[labels::VOLUMES], r#"["todo-db-data"]"#);
        assert_eq!(service_labels[labels::BINDS], r#"["/srv/todo/backups"]"#);
    }

    #[test]
    fn alacrity_labels_sit_on_top_of_the_users() {
        let labels = service_spec(&web(), None).labels.unwrap();
        assert_eq!(labels["team"], "web");
        assert_eq!(labels[labels::MANAGED], "true");
        assert_eq!(labels[labels::APP], "todo-web");
        assert_eq!(labels[labels::PERSISTENT], "false");
    }

    #[test]
    fn the_same_app_hashes_the_same_and_any_change_or_new_pin_changes_the_hash() {
        let spec = service_spec(&db(), Some(&Pin::new("a")));
        let again = service_spec(&db(), Some(&Pin::new("a")));
        assert_eq!(spec_hash(&spec), spec_hash(&again));
        assert_eq!(spec, again);
        let moved = service_spec(&db(), Some(&Pin::new("b")));
        assert_ne!(spec_hash(&spec), spec_hash(&moved));
        let mut changed = db();
        changed.env.insert("X".into(), "1".into());
        let changed = service_spec(&changed, Some(&Pin::new("a")));
        assert_ne!(spec_hash(&spec), spec_hash(&changed));
    }

    #[test]
    fn the_hash_of_a_spec_is_stable_across_versions_of_alacrity() {
        // A deployed app keeps its hash label: a new way of computing it would make every app
        // an update after an upgrade.
        let spec = service_spec(&db(), Some(&Pin::new("a")));
        assert_eq!(
            spec_hash(&spec),
            Some("701009f62cf24ff6beb04bf68fd65b046ba193a80ca7133f4277c705c7d22e3e")
        );
    }

    #[test]
    fn an_app_without_a_healthcheck_keeps_the_spec_and_hashes_it_always_had() {
        // Apps deployed before health checks existed must not show as changed: no health
        // config in the container spec, the same monitor, the same hashes.
        let spec = service_spec(&web(), None);
        assert!(container(&spec).health_check.is_none());
        let json = serde_json::to_string(&spec).unwrap();
        assert!(!json.contains("HealthCheck"), "{json}");
        assert_eq!(
            spec.update_config.as_ref().unwrap().monitor,
            Some(5 * SECOND_NS)
        );
        assert_eq!(
            spec.rollback_config.as_ref().unwrap().monitor,
            Some(5 * SECOND_NS)
        );
        assert_eq!(
            spec_hash(&spec),
            Some("06375a045880bf7e25c109c0674ba68823a1e80f5447bf5c3ec0644c5d36833e")
        );
        assert_eq!(
            template_hash(spec.task_template.as_ref()),
            Some("b06f569650439a2d4b50a5e183453d171deb5c5f21df34392bc511822719a9e0")
        );
    }

    #[test]
    fn scaling_keeps_the_template_hash_so_tasks_are_not_restarted() {
        let mut scaled = web();
        scaled.instances = 5;
        let before = service_spec(&web(), None);
        let after = service_spec(&scaled, None);
        assert_ne!(spec_hash(&before), spec_hash(&after));
        assert_eq!(
            template_hash(before.task_template.as_ref()),
            template_hash(after.task_template.as_ref())
        );
        assert_eq!(before.task_template, after.task_template);
    }

    #[test]
    fn hashing_ignores_the_order_of_hash_maps() {
        let a: HashMap<String, u32> = (0..50).map(|i| (format!("k{i}"), i)).collect();
        let b: HashMap<String, u32> = (0..50).rev().map(|i| (format!("k{i}"), i)).collect();
        assert_eq!(hash_of(&a), hash_of(&b));
    }

    #[test]
    fn an_app_reads_back_from_its_spec() {
        for (app, pin) in [(web(), None), (db(), Some(Pin::new("abc123")))] {
            let spec = service_spec(&app, pin.as_ref());
            let expected = App { node: None, ..app };
            assert_eq!(read_app(&spec), expected);
            assert_eq!(read_pin(&spec), pin);
        }
    }

    fn limited(mut app: App) -> App {
        app.resources.limits.cpus = Some("0.5".parse().unwrap());
        app.resources.limits.memory = Some("256M".parse().unwrap());
        app.resources.reservations.memory = Some("128M".parse().unwrap());
        app.restart_policy = RestartPolicy {
            condition: RestartCondition::OnFailure,
            delay: Duration::from_secs(10),
            max_attempts: 3,
            window: Duration::from_secs(120),
        };
        app
    }

    #[test]
    fn resources_and_the_restart_policy_go_into_the_task_template() {
        let spec = service_spec(&limited(web()), None);
        let task = spec.task_template.as_ref().unwrap();
        let resources = task.resources.as_ref().unwrap();
        let limits = resources.limits.as_ref().unwrap();
        assert_eq!(limits.nano_cpus, Some(500_000_000));
        assert_eq!(limits.memory_bytes, Some(256 << 20));
        let reservations = resources.reservations.as_ref().unwrap();
        assert_eq!(
            (reservations.nano_cpus, reservations.memory_bytes),
            (None, Some(128 << 20))
        );
        let policy = task.restart_policy.as_ref().unwrap();
        assert_eq!(
            policy.condition,
            Some(TaskSpecRestartPolicyConditionEnum::ON_FAILURE)
        );
        assert_eq!(policy.delay, Some(10 * SECOND_NS));
        assert_eq!(policy.max_attempts, Some(3));
        assert_eq!(policy.window, Some(120 * SECOND_NS));
        // Without any: no resources at all, and the restart policy alacrity always wrote.
        let plain = service_spec(&web(), None);
        let task = plain.task_template.as_ref().unwrap();
        assert!(task.resources.is_none());
        let policy = task.restart_policy.as_ref().unwrap();
        assert_eq!(
            policy.condition,
            Some(TaskSpecRestartPolicyConditionEnum::ANY)
        );
        assert_eq!(
            (policy.delay, policy.max_attempts, policy.window),
            (Some(5 * SECOND_NS), Some(0), Some(0))
        );
    }

    #[test]
    fn resources_and_the_restart_policy_read_back_and_change_the_hashes() {
        let app = limited(db());
        let spec = service_spec(&app, Some(&Pin::new("a")));
        assert_eq!(read_app(&spec), App { node: None, ..app });
        let plain = service_spec(&db(), Some(&Pin::new("a")));
        assert_ne!(spec_hash(&spec), spec_hash(&plain));
        assert_ne!(
            template_hash(spec.task_template.as_ref()),
            template_hash(plain.task_template.as_ref())
        );
        // What the engine answers for a service without resources: empty objects.
        let mut engine_said = plain.clone();
        if let Some(task) = engine_said.task_template.as_mut() {
            task.resources = Some(TaskSpecResources {
                limits: Some(Limit::default()),
                reservations: Some(ResourceObject::default()),
                ..Default::default()
            });
        }
        assert_eq!(read_app(&engine_said).resources, Resources::default());
    }

    #[test]
    fn changes_of_resources_and_restart_policy_are_named_by_their_path() {
        let before = web();
        let after = limited(web());
        assert_eq!(
            changed_fields(&before, &after),
            vec![
                "resources.limits.cpus",
                "resources.limits.memory",
                "resources.reservations.memory",
                "restart_policy.condition",
                "restart_policy.delay",
                "restart_policy.max_attempts",
                "restart_policy.window",
            ]
        );
        assert_eq!(
            field_value(&after, "resources.limits.memory").as_deref(),
            Some("256M")
        );
        assert_eq!(
            field_value(&before, "resources.limits.memory").as_deref(),
            Some("none")
        );
        assert_eq!(
            field_value(&after, "restart_policy.window").as_deref(),
            Some("2m")
        );
        assert_eq!(field_value(&after, "image"), None);
    }

    #[test]
    fn changed_fields_name_what_differs() {
        let mut wanted = web();
        assert!(changed_fields(&web(), &wanted).is_empty());
        wanted.image = "todo-web:1.5.0".into();
        wanted.env.insert("X".into(), "1".into());
        wanted.instances = 1;
        assert_eq!(
            changed_fields(&web(), &wanted),
            vec!["image", "instances", "env"]
        );
        // The same tag, pinned to another digest.
        let sha = |c: char| format!("sha256:{}", c.to_string().repeat(64));
        let (mut before, mut after) = (web(), web());
        before.image = format!("todo-web:1.4.2@{}", sha('a'));
        after.image = format!("todo-web:1.4.2@{}", sha('b'));
        assert_eq!(changed_fields(&before, &after), vec!["image (new digest)"]);
    }

    fn checked(mut app: App) -> App {
        app.healthcheck = Healthcheck::Check(HealthCheck {
            test: vec!["CMD".into(), "pg_isready".into()],
            interval: Duration::from_secs(5),
            timeout: Duration::from_secs(3),
            retries: 5,
            start_period: Duration::from_secs(30),
        });
        app
    }

    #[test]
    fn a_healthcheck_is_read_back_from_its_label_when_the_engines_answer_loses_it() {
        // The engine answers `Healthcheck`, bollard reads `HealthCheck`: the field comes back
        // empty, and the label alacrity wrote says what it was.
        for app in [
            checked(web()),
            App {
                healthcheck: Healthcheck::Disabled,
                project: None,
                ..web()
            },
        ] {
            let mut spec = service_spec(&app, None);
            let container = spec
                .task_template
                .as_mut()
                .and_then(|task| task.container_spec.as_mut())
                .unwrap();
            container.health_check = None;
            assert_eq!(read_app(&spec).healthcheck, app.healthcheck);
        }
        let spec = service_spec(&web(), None);
        assert!(
            !container(&spec)
                .labels
                .as_ref()
                .unwrap()
                .contains_key(labels::HEALTHCHECK)
        );
    }

    #[test]
    fn a_healthcheck_goes_into_the_container_spec_in_nanoseconds() {
        let spec = service_spec(&checked(db()), Some(&Pin::new("a")));
        let health = container(&spec).health_check.clone().unwrap();
        assert_eq!(
            health.test,
            Some(vec!["CMD".to_string(), "pg_isready".to_string()])
        );
        assert_eq!(health.interval, Some(5 * SECOND_NS));
        assert_eq!(health.timeout, Some(3 * SECOND_NS));
        assert_eq!(health.retries, Some(5));
        assert_eq!(health.start_period, Some(30 * SECOND_NS));
        assert_eq!(health.start_interval, None);
        // `false` turns off the image's own check.
        let mut off = db();
        off.healthcheck = Healthcheck::Disabled;
        let spec = service_spec(&off, Some(&Pin::new("a")));
        assert_eq!(
            container(&spec).health_check,
            Some(HealthConfig {
                test: Some(vec!["NONE".to_string()]),
                ..Default::default()
            })
        );
    }

    #[test]
    fn the_monitor_covers_the_time_a_healthcheck_takes_to_fail() {
        assert_eq!(monitor_of(&web()), Duration::from_secs(5));
        let mut off = web();
        off.healthcheck = Healthcheck::Disabled;
        assert_eq!(monitor_of(&off), Duration::from_secs(5));
        // 30 s of start period, then 5 checks, each up to 5 s apart and 3 s long.
        let app = checked(web());
        assert_eq!(monitor_of(&app), Duration::from_secs(70));
        let spec = service_spec(&app, None);
        let (update, rollback) = (spec.update_config.unwrap(), spec.rollback_config.unwrap());
        assert_eq!(update.monitor, Some(70 * SECOND_NS));
        assert_eq!(rollback.monitor, Some(70 * SECOND_NS));
        assert_eq!((update.delay, rollback.delay), (Some(0), Some(0)));
        // A quick check never watches less than Docker's 5 s.
        let mut quick = web();
        quick.healthcheck = Healthcheck::Check(HealthCheck {
            test: vec!["CMD".into(), "true".into()],
            interval: Duration::from_millis(100),
            timeout: Duration::from_millis(100),
            retries: 1,
            start_period: Duration::ZERO,
        });
        assert_eq!(monitor_of(&quick), Duration::from_secs(5));
    }

    #[test]
    fn a_healthcheck_reads_back_and_changes_the_hashes() {
        let mut off = db();
        off.healthcheck = Healthcheck::Disabled;
        let plain = service_spec(&db(), Some(&Pin::new("a")));
        let mut hashes = vec![spec_hash(&plain).map(str::to_string)];
        for app in [checked(db()), off] {
            let spec = service_spec(&app, Some(&Pin::new("a")));
            assert_eq!(read_app(&spec), App { node: None, ..app });
            hashes.push(spec_hash(&spec).map(str::to_string));
            assert_ne!(
                template_hash(spec.task_template.as_ref()),
                template_hash(plain.task_template.as_ref())
            );
        }
        hashes.dedup();
        assert_eq!(hashes.len(), 3);
        // What the engine may hold: no test is the image's, zeros are its defaults.
        let config = |test: &[&str]| HealthConfig {
            test: Some(test.iter().map(|w| w.to_string()).collect()),
            interval: Some(0),
            ..Default::default()
        };
        assert_eq!(read_healthcheck(Some(&config(&[]))), Healthcheck::Image);
        assert_eq!(
            read_healthcheck(Some(&config(&["CMD-SHELL", "x"]))),
            Healthcheck::Check(HealthCheck {
                test: vec!["CMD-SHELL".into(), "x".into()],
                interval: Duration::from_secs(30),
                timeout: Duration::from_secs(30),
                retries: 3,
                start_period: Duration::ZERO,
            })
        );
    }

    #[test]
    fn a_healthcheck_change_is_named_by_its_path_and_a_new_one_as_a_whole() {
        let before = checked(web());
        let mut after = checked(web());
        if let Healthcheck::Check(check) = &mut after.healthcheck {
            check.interval = Duration::from_secs(10);
            check.test.push("-q".into());
        }
        assert_eq!(
            changed_fields(&before, &after),
            vec!["healthcheck.test", "healthcheck.interval"]
        );
        assert_eq!(
            field_value(&after, "healthcheck.test").as_deref(),
            Some(r#"["CMD", "pg_isready", "-q"]"#)
        );
        assert_eq!(
            field_value(&after, "healthcheck.interval").as_deref(),
            Some("10s")
        );
        assert_eq!(changed_fields(&web(), &before), vec!["healthcheck"]);
        let mut off = web();
        off.healthcheck = Healthcheck::Disabled;
        assert_eq!(changed_fields(&off, &web()), vec!["healthcheck"]);
        assert_eq!(field_value(&web(), "healthcheck").as_deref(), Some("image"));
        assert_eq!(field_value(&off, "healthcheck").as_deref(), Some("false"));
        assert_eq!(
            field_value(&before, "healthcheck").as_deref(),
            Some(
                r#"{ test = ["CMD", "pg_isready"], interval = "5s", timeout = "3s", retries = 5, start_period = "30s" }"#
            )
        );
        assert_eq!(
            field_value(&web(), "healthcheck.retries").as_deref(),
            Some("none")
        );
        assert_eq!(field_value(&web(), "healthcheck.other"), None);
    }
}
