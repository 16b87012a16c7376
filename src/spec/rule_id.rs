//! Every rule id, in one place.
//!
//! Ids are stable: scripts and CI match on them (`alacrity validate -o json`), so an id is never
//! renamed or reused for another meaning; a new check gets a new id. docs/rules.md lists the same
//! ids, and tests/validate.rs makes sure each one has an invalid fixture that breaks it.

use std::fmt;

use serde::Serialize;

/// Declares `RuleId` with its variants, `ALL`, `id()` and `summary()` from one table, so a new
/// rule cannot be added to the enum and forgotten in `ALL` (which the fixture test enumerates).
macro_rules! rule_ids {
    ($($variant:ident = $id:literal : $summary:literal,)*) => {
        /// Which rule a diagnostic comes from. `id()` is the stable kebab-case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in the order docs/rules.md documents them.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The stable kebab-case id.
            pub fn id(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// What the rule asks for, in one line (the table of docs/rules.md says the same).
            pub fn summary(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $summary,)*
                }
            }
        }
    };
}

rule_ids! {
    // Reading and parsing the files.
    UnreadableFile = "unreadable-file": "every file given can be read",
    NotUtf8 = "not-utf8": "a spec is UTF-8 text",
    TomlSyntax = "toml-syntax": "a spec is valid TOML",
    NoApps = "no-apps": "a spec declares at least one app, as [apps.NAME]",
    UnknownField = "unknown-field": "only known fields (a typo gets a \"did you mean\")",
    WrongType = "wrong-type": "every field has the right type",
    ProjectName = "project-name": "a project name is 1 to 63 of a-z, 0-9, - and _, starting with a letter or digit",
    // One app.
    AppName = "app-name": "app names are DNS labels: a-z, 0-9 and -, 1 to 63 characters, no - at either end",
    ImageMissing = "image-missing": "every app has an image",
    ImageFormat = "image-format": "an image reference is not empty, ASCII, without whitespace or control characters",
    InstancesNegative = "instances-negative": "instances is not negative",
    PersistentInstances = "persistent-instances": "a persistent app runs at most 1 instance",
    CommandEmpty = "command-empty": "command and entrypoint, when given, are not empty lists",
    EnvName = "env-name": "environment variable names are not empty and have no =",
    NulCharacter = "nul-character": "command, entrypoint and env values have no NUL character (\\u0000)",
    LabelsKey = "labels-key": "service label keys are not empty and do not start with io.alacrity.",
    PortFormat = "port-format": "ports are published:target with an optional /tcp or /udp, each from 1 to 65535",
    NodeNeedsPersistent = "node-needs-persistent": "only a persistent app is pinned to a node",
    NodeFormat = "node-format": "a node is a hostname or node ID: not empty, no whitespace or invisible characters",
    // Env files, resources and the restart policy of one app.
    EnvFileUnreadable = "env-file-unreadable": "every env_file can be read (a path is relative to the spec file)",
    EnvFileFormat = "env-file-format": "env file lines are NAME=value, NAME alone, # comments or blank, in UTF-8, names without whitespace",
    MemoryFormat = "memory-format": "a memory size is a number with an optional unit b, k, m, g or t, e.g. \"512M\"",
    CpusFormat = "cpus-format": "cpus is a positive number of CPUs, e.g. \"0.5\", with at most 9 decimals",
    ResourcesMinimum = "resources-minimum": "a limit is at least what docker runs (memory 6M, cpus 0.01), a reservation at least what the swarm takes (memory 4M, cpus 0.001)",
    LimitBelowReservation = "limit-below-reservation": "a limit (memory or cpus) is not below the reservation of the same resource",
    RestartCondition = "restart-condition": "a restart condition is none, on-failure or any",
    RestartDuration = "restart-duration": "a restart delay or window is a duration such as \"5s\", \"500ms\" or \"1m30s\"",
    RestartMaxAttempts = "restart-max-attempts": "a restart policy's max_attempts is not negative",
    // The health check of one app.
    HealthcheckTest = "healthcheck-test": "a health check has a test: a command string, [\"CMD\", program, args...] or [\"CMD-SHELL\", command] (healthcheck = true is none: write a table, or false)",
    HealthcheckDuration = "healthcheck-duration": "a health check's interval and timeout are durations of at least 1ms, e.g. \"30s\"; its start_period is \"0s\" or at least 1ms",
    HealthcheckRetries = "healthcheck-retries": "a health check's retries is a whole number of at least 1",
    // Secrets and config files of one app.
    FileName = "file-name": "a secret or config has a name of letters, digits, -, _ and . (at most 64), once per kind in an app",
    FileSource = "file-source": "a secret or config has exactly one of file and env",
    FileSourceMissing = "file-source-missing": "a secret's or config's file can be read (relative to the spec file), or its variable is set, and holds at most 500 KiB",
    FileTarget = "file-target": "a secret's or config's target is an absolute path, not /, without .. components",
    FileTargetDuplicate = "file-target-duplicate": "an app puts one file on each target, and none inside one of its volumes",
    FileMode = "file-mode": "a secret's or config's mode is from 0 to 0o777, its uid and gid are numbers",
    // The persistent directories of one app.
    VolumesNeedPersistent = "volumes-need-persistent": "only a persistent app has persistent directories",
    VolumeSource = "volume-source": "a volume has exactly one of label or host_path",
    ContainerPathMissing = "container-path-missing": "a volume has a container_path",
    ContainerPathFormat = "container-path-format": "a container_path is absolute, not /, without .. components",
    ContainerPathDuplicate = "container-path-duplicate": "an app mounts each container_path once",
    LabelFormat = "label-format": "a label is a valid Docker volume name, and so is alacran--LABEL",
    HostPathFormat = "host-path-format": "a host_path is absolute, without .. components, control or invisible characters",
    HostPathSystem = "host-path-system": "a host_path is not a system path (/, /etc, /proc, ...), even through a symlink",
    HostPathMissing = "host-path-missing": "a host_path already exists on the node the app runs on",
    HostPathNotDirectory = "host-path-not-directory": "a host_path is a directory",
    // Across every app of every file given.
    AppDuplicate = "app-duplicate": "each app name is declared once across all files",
    LabelShared = "label-shared": "no two apps use the same label",
    HostPathShared = "host-path-shared": "no two apps use the same host directory, or one inside the other",
    PortDuplicate = "port-duplicate": "no published port and protocol is used twice",
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Serialized as its id, e.g. `"persistent-instances"`.
impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let ids: BTreeSet<&str> = RuleId::ALL.iter().map(|rule| rule.id()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for id in ids {
            let kebab = id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            assert!(kebab && !id.starts_with('-') && !id.ends_with('-'), "{id}");
        }
    }
}
