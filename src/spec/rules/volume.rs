//! Rules on one app's persistent directories (`[[apps.NAME.volumes]]`).

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::AppReport;
use crate::spec::model::{VOLUME_PREFIX, volume_name};
use crate::spec::paths::{HostFs, normalize_absolute, system_path};
use crate::spec::raw::{Field, RawApp, RawVolume};
use crate::spec::rule_id::RuleId;
use crate::spec::source::is_hidden;

/// Docker keeps a volume in a directory named after it: longer names do not fit a file name.
const MAX_VOLUME_NAME: usize = 255;

pub(super) fn check(app: &RawApp, host: &dyn HostFs, report: &mut AppReport<'_>) {
    needs_persistent(app, report);
    let mut mounted: BTreeMap<PathBuf, Range<usize>> = BTreeMap::new();
    for volume in app.volumes() {
        source(volume, report);
        container_path(volume, &mut mounted, report);
        if let Some(label) = &volume.label {
            label_name(label, report);
        }
        if let Some(host_path) = &volume.host_path {
            self::host_path(host_path, host, report);
        }
    }
}

fn needs_persistent(app: &RawApp, report: &mut AppReport<'_>) {
    let Some(volumes) = &app.volumes else { return };
    if volumes.value.is_empty() || app.persistent() != Some(false) {
        return;
    }
    report.error(
        RuleId::VolumesNeedPersistent,
        volumes.key.clone(),
        "only a persistent app may declare persistent directories (`volumes`)".to_string(),
        "set `persistent = true` on this app (it then runs one instance, pinned to one server), \
         or remove its volumes: a non-persistent app moves between servers and cannot keep data",
    );
}

/// Exactly one of `label` and `host_path`. A key present with a wrong type counts as present:
/// its type error is already reported, and "missing" would be a second, wrong, complaint.
fn source(volume: &RawVolume, report: &mut AppReport<'_>) {
    let has = |field: bool, name| field || volume.invalid.contains(&name);
    let label = has(volume.label.is_some(), "label");
    let host_path = has(volume.host_path.is_some(), "host_path");
    if label && host_path {
        let span = volume
            .host_path
            .as_ref()
            .map_or(volume.span.clone(), |field| field.key.clone());
        report.error(
            RuleId::VolumeSource,
            span,
            "a volume has both `label` and `host_path`".to_string(),
            "keep one: `label` for a volume alacrity manages, `host_path` for an existing host directory",
        );
    } else if !label && !host_path {
        report.error(
            RuleId::VolumeSource,
            volume.span.clone(),
            "a volume needs `label` or `host_path`".to_string(),
            "add label = \"NAME\" (a volume alacrity manages, alacran--NAME) or \
             host_path = \"/srv/...\" (an existing directory on the host)",
        );
    }
}

fn container_path(
    volume: &RawVolume,
    mounted: &mut BTreeMap<PathBuf, Range<usize>>,
    report: &mut AppReport<'_>,
) {
    let Some(field) = &volume.container_path else {
        if !volume.invalid.contains(&"container_path") {
            report.error(
                RuleId::ContainerPathMissing,
                volume.span.clone(),
                "a volume has no `container_path`".to_string(),
                "add the directory inside the container, e.g. container_path = \"/data\"",
            );
        }
        return;
    };
    let path = match container_path_value(&field.value) {
        Ok(path) => path,
        Err(message) => {
            return report.error(
                RuleId::ContainerPathFormat,
                field.span.clone(),
                message,
                "write an absolute directory inside the container, other than /, e.g. \"/data\"",
            );
        }
    };
    match mounted.get(&path) {
        Some(first) => {
            let line = report.source.position(first.start).line;
            let message = format!("`{}` is already mounted on line {line}", path.display());
            let hint = "mount each container path once: change or remove one of the two";
            report.error(
                RuleId::ContainerPathDuplicate,
                field.span.clone(),
                message,
                hint,
            );
        }
        None => {
            mounted.insert(path, field.span.clone());
        }
    }
}

/// The normalized container path, or what is wrong with it.
fn container_path_value(text: &str) -> Result<PathBuf, String> {
    match normalize_absolute(text) {
        Ok(path) if path == Path::new("/") => {
            Err("`container_path` is /, which would hide the whole container".into())
        }
        Ok(path) => Ok(path),
        Err(problem) => Err(format!("`container_path` {}", problem.describe())),
    }
}

fn label_name(label: &Field<String>, report: &mut AppReport<'_>) {
    let Some(problem) = label_problem(&label.value) else {
        return;
    };
    let hint = if let Some(bare) = label.value.strip_prefix(VOLUME_PREFIX) {
        format!("write the label without the prefix: label = \"{bare}\"")
    } else {
        "a label uses letters, digits, _, . and -, starts with a letter or digit and has at \
         least 2 characters; it becomes the Docker volume alacran--LABEL"
            .to_string()
    };
    report.error(
        RuleId::LabelFormat,
        label.span.clone(),
        format!("the label \"{}\" {problem}", label.value.escape_debug()),
        hint,
    );
}

/// Docker's volume names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`, for the label and for alacran--LABEL.
pub(crate) fn label_problem(label: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    let full = volume_name(label);
    if label.is_empty() {
        return Some("is empty".into());
    }
    if label.starts_with(VOLUME_PREFIX) {
        return Some(format!(
            "already starts with {VOLUME_PREFIX}, which alacrity adds itself"
        ));
    }
    if let Some(bad) = label.chars().find(|c| !allowed(*c)) {
        return Some(format!(
            "contains {bad:?}, which a Docker volume name cannot"
        ));
    }
    if !label.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("must start with a letter or a digit".into());
    }
    if label.len() < 2 {
        return Some("is 1 character long; a Docker volume name has at least 2".into());
    }
    if full.len() > MAX_VOLUME_NAME {
        return Some(format!(
            "makes the volume name {full:.20}... longer than {MAX_VOLUME_NAME} characters"
        ));
    }
    None
}

/// A host path: well formed, not a system path (even through a symlink), an existing directory.
fn host_path(field: &Field<String>, host: &dyn HostFs, report: &mut AppReport<'_>) {
    let span = field.span.clone();
    let path = match normalize_absolute(&field.value) {
        Ok(path) => path,
        Err(problem) => {
            return report.error(
                RuleId::HostPathFormat,
                span,
                format!("`host_path` {}", problem.describe()),
                "write the absolute path of an existing directory, e.g. \"/srv/myapp/data\"",
            );
        }
    };
    // The path is shown on terminals (`binds ls`, `apps ls`, errors): a control character would
    // drive the terminal, an invisible one would make two paths look the same.
    if let Some(bad) = field.value.chars().find(|c| is_hidden(*c)) {
        return report.error(
            RuleId::HostPathFormat,
            span,
            format!(
                "`host_path` \"{}\" contains {}, a control or invisible character",
                field.value.escape_debug(),
                bad.escape_unicode()
            ),
            "rename the directory without control or invisible characters (they would drive or \
             hide things on the terminal showing it), and write that path, e.g. \"/srv/myapp/data\"",
        );
    }
    if let Some(system) = system_path(&path) {
        let problem = system_problem(&path, &path, system);
        return report.error(problem.rule, span, problem.message, problem.hint);
    }
    if !host.checks_existence() {
        // Looked at later, on the node the app runs on (`plan` and `deploy`).
        return;
    }
    if let Some(problem) = host_path_problem(&path, host) {
        report.error(problem.rule, span, problem.message, problem.hint);
    }
}

/// What is wrong with a well-formed host path on a host's filesystem: missing, not a directory,
/// or (through a symlink) a system directory. The same words whether the rules or a later check
/// (when the node turns out to be this machine) find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPathProblem {
    pub rule: RuleId,
    pub message: String,
    pub hint: String,
}

/// The problem of the normalized absolute `path` on `host`, if any.
pub fn host_path_problem(path: &Path, host: &dyn HostFs) -> Option<HostPathProblem> {
    let resolved = match host.canonicalize(path) {
        Ok(resolved) => resolved,
        Err(err) => return Some(missing(path, &err)),
    };
    if let Some(system) = system_path(&resolved) {
        return Some(system_problem(path, &resolved, system));
    }
    if !host.is_dir(&resolved) {
        return Some(HostPathProblem {
            rule: RuleId::HostPathNotDirectory,
            message: format!("`{}` is not a directory", path.display()),
            hint: "point host_path at a directory: alacrity mounts directories, not single files"
                .into(),
        });
    }
    None
}

fn system_problem(path: &Path, resolved: &Path, system: &str) -> HostPathProblem {
    let what = if path == resolved {
        format!("`{}`", path.display())
    } else {
        format!(
            "`{}` (a symlink to `{}`)",
            path.display(),
            resolved.display()
        )
    };
    let place = if resolved == Path::new(system) {
        "is a system directory".to_string()
    } else {
        format!("is inside the system directory `{system}`")
    };
    HostPathProblem {
        rule: RuleId::HostPathSystem,
        message: format!("{what} {place}: mounting it into an app can break or expose the host"),
        hint: "use a directory of its own for the app's data, e.g. /srv/APP/data, \
               or a label to let alacrity manage a volume"
            .into(),
    }
}

fn missing(path: &Path, err: &io::Error) -> HostPathProblem {
    let (message, hint) = match err.kind() {
        io::ErrorKind::NotFound => (
            format!("`{}` does not exist on this host", path.display()),
            format!(
                "create it first: mkdir -p {} (alacrity never creates host directories: \
                 a typo would silently start the app on an empty one)",
                path.display()
            ),
        ),
        io::ErrorKind::NotADirectory => (
            format!(
                "`{}` does not exist on this host: a part of it is a file, not a directory",
                path.display()
            ),
            "check the path: every part of a host_path is a directory".to_string(),
        ),
        io::ErrorKind::PermissionDenied => (
            format!("`{}` cannot be checked: {err}", path.display()),
            "run alacrity as a user that can read the path, or check its permissions".to_string(),
        ),
        _ => (
            format!("`{}` cannot be checked: {err}", path.display()),
            "check the path: it must lead to an existing directory, through symlinks that \
             end somewhere"
                .to_string(),
        ),
    };
    HostPathProblem {
        rule: RuleId::HostPathMissing,
        message,
        hint,
    }
}

/// What a host path refers to, for comparing the paths of two apps: resolved through symlinks
/// when it exists, written form otherwise. `None` when it is malformed (reported elsewhere).
pub(super) fn host_path_identity(text: &str, host: &dyn HostFs) -> Option<PathBuf> {
    let path = normalize_absolute(text).ok()?;
    Some(host.canonicalize(&path).unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{db, host, rules, rules_on, web};
    use crate::spec::paths::FakeHostFs;
    use crate::spec::rule_id::RuleId::{self, *};

    fn ok(text: &str) {
        assert_eq!(rules(text), Vec::<RuleId>::new(), "{text}");
    }

    fn volume(lines: &str) -> String {
        db(&format!("[[apps.db.volumes]]\n{lines}"))
    }

    #[test]
    fn volumes_need_a_persistent_app() {
        ok(&volume("label = \"db-data\"\ncontainer_path = \"/data\""));
        let text = web("[[apps.web.volumes]]\nlabel = \"web-data\"\ncontainer_path = \"/data\"");
        assert_eq!(rules(&text), [VolumesNeedPersistent]);
        let explicit = "[apps.web]\nimage = \"x\"\npersistent = false\nvolumes = [{ label = \"ab\", container_path = \"/d\" }]";
        assert_eq!(rules(explicit), [VolumesNeedPersistent]);
        // An empty list declares nothing.
        ok(&web("volumes = []"));
    }

    #[test]
    fn a_volume_has_exactly_one_source() {
        ok(&volume(
            "host_path = \"/srv/data\"\ncontainer_path = \"/data\"",
        ));
        assert_eq!(rules(&volume("container_path = \"/data\"")), [VolumeSource]);
        let both = "label = \"db-data\"\nhost_path = \"/srv/data\"\ncontainer_path = \"/data\"";
        assert_eq!(rules(&volume(both)), [VolumeSource]);
        // A label of the wrong type is a type error, not a missing source.
        assert_eq!(
            rules(&volume("label = 1\ncontainer_path = \"/data\"")),
            [WrongType]
        );
    }

    #[test]
    fn container_paths_are_absolute_not_root_and_unique() {
        assert_eq!(
            rules(&volume("label = \"db-data\"")),
            [ContainerPathMissing]
        );
        for bad in ["data", "/", "//", "/data/../etc", ""] {
            let text = volume(&format!("label = \"db-data\"\ncontainer_path = \"{bad}\""));
            assert_eq!(rules(&text), [ContainerPathFormat], "{bad}");
        }
        let twice = db(
            "volumes = [\n  { label = \"aa\", container_path = \"/data\" },\n  { label = \"bb\", container_path = \"/data/\" },\n]",
        );
        assert_eq!(rules(&twice), [ContainerPathDuplicate]);
    }

    #[test]
    fn labels_are_docker_volume_names() {
        for good in ["db-data", "db.data_1", "9lives", "Ab"] {
            ok(&volume(&format!(
                "label = \"{good}\"\ncontainer_path = \"/data\""
            )));
        }
        for bad in [
            "",
            "a",
            "-db",
            ".db",
            "db data",
            "db/data",
            "dé",
            "alacran--db",
            &"x".repeat(250),
        ] {
            let text = volume(&format!("label = \"{bad}\"\ncontainer_path = \"/data\""));
            assert_eq!(rules(&text), [LabelFormat], "{bad}");
        }
    }

    fn host_path(path: &str, on: &FakeHostFs) -> Vec<RuleId> {
        let text = volume(&format!(
            "host_path = \"{path}\"\ncontainer_path = \"/data\""
        ));
        rules_on(&[&text], on)
    }

    #[test]
    fn host_paths_are_absolute_without_parent_components() {
        assert_eq!(host_path("//srv//data/", &host()), []);
        assert_eq!(host_path("srv/data", &host()), [HostPathFormat]);
        assert_eq!(host_path("/srv/data/../data2", &host()), [HostPathFormat]);
        assert_eq!(host_path("", &host()), [HostPathFormat]);
    }

    #[test]
    fn host_paths_have_no_control_or_invisible_characters() {
        // As written in the spec, and the existing directory it names.
        for (written, real) in [
            (r"/srv/a\u001b[2J", "/srv/a\u{1b}[2J"),
            (r"/srv/a\nb", "/srv/a\nb"),
            (r"/srv/a\tb", "/srv/a\tb"),
            (r"/srv/\u202Eatad", "/srv/\u{202e}atad"),
            (r"/srv/data\u200B", "/srv/data\u{200b}"),
        ] {
            assert_eq!(
                host_path(written, &host().dir(real)),
                [HostPathFormat],
                "{written}"
            );
        }
        // Spaces and accents show as themselves.
        let fine = host().dir("/srv/my data/é");
        assert_eq!(host_path("/srv/my data/é", &fine), []);
    }

    #[test]
    fn host_paths_are_existing_directories() {
        assert_eq!(host_path("/srv/nothing", &host()), [HostPathMissing]);
        assert_eq!(host_path("/srv/file", &host()), [HostPathNotDirectory]);
    }

    #[test]
    fn system_paths_are_refused_even_through_symlinks() {
        for system in [
            "/",
            "/etc",
            "/etc/",
            "/proc/1",
            "/var/lib/docker/volumes",
            "/usr/local",
            "/var/run",
        ] {
            assert_eq!(host_path(system, &host()), [HostPathSystem], "{system}");
        }
        let linked = host().link("/srv/etc-link", "/etc").dir("/etc");
        assert_eq!(host_path("/srv/etc-link", &linked), [HostPathSystem]);
        let inside = host().link("/srv/conf", "/etc/nginx").dir("/etc/nginx");
        assert_eq!(host_path("/srv/conf", &inside), [HostPathSystem]);
        let fine = host().link("/srv/ok", "/srv/data");
        assert_eq!(host_path("/srv/ok", &fine), []);
    }

    #[test]
    fn messages_say_what_and_hints_say_how() {
        let found = super::super::testing::diagnostics(
            &[&volume(
                "host_path = \"/srv/new\"\ncontainer_path = \"/data\"",
            )],
            &host(),
        );
        assert_eq!(found[0].message, "`/srv/new` does not exist on this host");
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("create it first: mkdir -p /srv/new")
        );
    }
}
