//! A spec as written: each app's fields with their source positions, types checked, values not.
//!
//! `parse` builds these from TOML; `rules` checks them; `build` turns valid ones into the model.

use std::ops::Range;

/// Byte offsets into the file's text.
pub type Span = Range<usize>;

/// A field as written: where its key and its value are, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<T> {
    pub key: Span,
    pub span: Span,
    pub value: T,
}

/// One entry of a table of strings (`env`, `labels`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: String,
}

/// One app, `[apps.NAME]`, as written. A field with a value of the wrong type is `None` here
/// and its key is in `invalid`, so that rules depending on it stay silent instead of guessing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawApp {
    pub name: String,
    /// The app's key (`NAME` in `[apps.NAME]`).
    pub name_span: Span,
    /// The whole table, or its header.
    pub span: Span,
    pub image: Option<Field<String>>,
    pub persistent: Option<Field<bool>>,
    pub instances: Option<Field<i64>>,
    pub command: Option<Field<Vec<String>>>,
    pub entrypoint: Option<Field<Vec<String>>>,
    pub env: Vec<Entry>,
    pub labels: Vec<Entry>,
    pub ports: Vec<Field<String>>,
    pub volumes: Option<Field<Vec<RawVolume>>>,
    pub node: Option<Field<String>>,
    /// `env_file`, each path as written (a single string is a list of one).
    pub env_file: Vec<Field<String>>,
    /// The variables the env files give, in their order, once the loader has read the files
    /// (see `envfile`): names and values, the values never shown.
    pub env_from_files: Vec<(String, String)>,
    pub resources: Option<RawResources>,
    pub restart_policy: Option<RawRestartPolicy>,
    /// `healthcheck`: a table (`[apps.NAME.healthcheck]` or inline) or a boolean.
    pub healthcheck: Option<Field<RawHealthcheck>>,
    /// `[[apps.NAME.secrets]]` and `[[apps.NAME.configs]]`: files the swarm puts into the
    /// containers.
    pub secrets: Option<Field<Vec<RawFile>>>,
    pub configs: Option<Field<Vec<RawFile>>>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

impl RawApp {
    /// Whether the app is persistent; `None` when `persistent` had the wrong type.
    pub fn persistent(&self) -> Option<bool> {
        if self.invalid.contains(&"persistent") {
            return None;
        }
        Some(self.persistent.as_ref().is_some_and(|field| field.value))
    }

    /// The secrets and configs, with their kind, in that order.
    pub fn files(&self) -> impl Iterator<Item = (crate::spec::FileKind, &RawFile)> {
        fn of(field: &Option<Field<Vec<RawFile>>>) -> &[RawFile] {
            field.as_ref().map_or(&[][..], |field| &field.value[..])
        }
        let secrets = of(&self.secrets)
            .iter()
            .map(|file| (crate::spec::FileKind::Secret, file));
        let configs = of(&self.configs)
            .iter()
            .map(|file| (crate::spec::FileKind::Config, file));
        secrets.chain(configs)
    }

    /// The volumes, empty when there are none.
    pub fn volumes(&self) -> &[RawVolume] {
        self.volumes.as_ref().map_or(&[], |field| &field.value)
    }
}

/// One secret or config file, `[[apps.NAME.secrets]]` or `[[apps.NAME.configs]]`, as written:
/// its name, where its content comes from (`file`, relative to the spec, or `env`, a variable of
/// the environment alacrity runs in), and where and how it goes in the container.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawFile {
    /// The table, or its `[[...]]` header.
    pub span: Span,
    pub name: Option<Field<String>>,
    pub file: Option<Field<String>>,
    pub env: Option<Field<String>>,
    pub target: Option<Field<String>>,
    pub uid: Option<Field<String>>,
    pub gid: Option<Field<String>>,
    pub mode: Option<Field<i64>>,
    /// The content, once the loader has read it from `file` or `env` (`None`: not read, and
    /// reported).
    pub content: Option<crate::spec::model::Content>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

/// One persistent directory, `[[apps.NAME.volumes]]`, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawVolume {
    /// The table, or its `[[...]]` header.
    pub span: Span,
    pub label: Option<Field<String>>,
    pub host_path: Option<Field<String>>,
    pub container_path: Option<Field<String>>,
    pub read_only: Option<Field<bool>>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

/// `[apps.NAME.resources]`, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawResources {
    pub limits: Option<RawResourceSet>,
    pub reservations: Option<RawResourceSet>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

/// `limits` or `reservations`, as written: each value's text (a number written without quotes
/// is its text too), judged by the rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawResourceSet {
    /// The `limits` or `reservations` key.
    pub key: Span,
    pub cpus: Option<Field<String>>,
    pub memory: Option<Field<String>>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

/// `[apps.NAME.restart_policy]`, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRestartPolicy {
    pub condition: Option<Field<String>>,
    pub delay: Option<Field<String>>,
    pub max_attempts: Option<Field<i64>>,
    pub window: Option<Field<String>>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

/// `healthcheck`, as written: `false` (no check, not even the image's), `true` (an error: it
/// says no check to run), or the table of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawHealthcheck {
    Flag(bool),
    Check(Box<RawHealthCheck>),
}

/// `[apps.NAME.healthcheck]`, as written: each duration's text and the retries, judged by the
/// rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawHealthCheck {
    pub test: Option<Field<RawTest>>,
    pub interval: Option<Field<String>>,
    pub timeout: Option<Field<String>>,
    pub retries: Option<Field<i64>>,
    pub start_period: Option<Field<String>>,
    /// Keys present with a value of the wrong type (already reported).
    pub invalid: Vec<&'static str>,
}

/// A health check's `test`, as written: a command for the shell (`test = "pg_isready"`, as
/// docker compose takes it), or the engine's list (`["CMD", "pg_isready", "-q"]`) with each
/// element's position. A value or element of another type keeps that type (`Err`, `Wrong`), for
/// the rules to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawTest {
    Shell(String),
    List(Vec<Field<Result<String, &'static str>>>),
    /// Neither a string nor a list: its type in words (`an integer`).
    Wrong(&'static str),
}
