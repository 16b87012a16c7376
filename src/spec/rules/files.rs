//! Rules on one app's secrets and config files (`[[apps.NAME.secrets]]`,
//! `[[apps.NAME.configs]]`). Whether the content can be had is the loader's (`file-source-missing`).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::AppReport;
use crate::spec::FileKind;
use crate::spec::paths::{is_within, normalize_absolute};
use crate::spec::raw::{RawApp, RawFile};
use crate::spec::rule_id::RuleId;

/// The longest file name: what a swarm object's name can spare next to the app's.
const MAX_FILE_NAME: usize = 64;

pub(super) fn check(app: &RawApp, report: &mut AppReport<'_>) {
    let mut names: BTreeMap<(FileKind, String), Range<usize>> = BTreeMap::new();
    let mut targets: BTreeMap<PathBuf, Range<usize>> = BTreeMap::new();
    let volumes: Vec<(PathBuf, Range<usize>)> = app
        .volumes()
        .iter()
        .filter_map(|volume| {
            let field = volume.container_path.as_ref()?;
            Some((normalize_absolute(&field.value).ok()?, field.span.clone()))
        })
        .collect();
    for (kind, file) in app.files() {
        let name = name(kind, file, &mut names, report);
        source(kind, file, report);
        mode(kind, file, report);
        if let Some(name) = name {
            target(kind, file, &name, &volumes, &mut targets, report);
        }
    }
}

fn name(
    kind: FileKind,
    file: &RawFile,
    seen: &mut BTreeMap<(FileKind, String), Range<usize>>,
    report: &mut AppReport<'_>,
) -> Option<String> {
    let Some(field) = &file.name else {
        if !file.invalid.contains(&"name") {
            report.error(
                RuleId::FileName,
                file.span.clone(),
                format!("a {} has no `name`", kind.word()),
                format!(
                    "name it, e.g. name = \"db-password\" (it is also the file's name in {} \
                     unless `target` says otherwise)",
                    kind.default_target("")
                ),
            );
        }
        return None;
    };
    let value = &field.value;
    let valid = !value.is_empty()
        && value.len() <= MAX_FILE_NAME
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && value.starts_with(|c: char| c.is_ascii_alphanumeric());
    if !valid {
        report.error(
            RuleId::FileName,
            field.span.clone(),
            format!(
                "the {} name `{}` is not a name: letters, digits, -, _ and ., starting with a \
                 letter or digit, at most {MAX_FILE_NAME} characters",
                kind.word(),
                value.escape_debug()
            ),
            "e.g. name = \"db-password\"",
        );
        return None;
    }
    if let Some(first) = seen.get(&(kind, value.clone())) {
        let line = report.source.position(first.start).line;
        report.error(
            RuleId::FileName,
            field.span.clone(),
            format!(
                "the {} `{value}` is already declared on line {line}",
                kind.word()
            ),
            format!("give each {} of an app its own name", kind.word()),
        );
        return None;
    }
    seen.insert((kind, value.clone()), field.span.clone());
    Some(value.clone())
}

fn source(kind: FileKind, file: &RawFile, report: &mut AppReport<'_>) {
    let has = |field: bool, name| field || file.invalid.contains(&name);
    match (
        has(file.file.is_some(), "file"),
        has(file.env.is_some(), "env"),
    ) {
        (true, true) => report.error(
            RuleId::FileSource,
            file.env
                .as_ref()
                .map_or(file.span.clone(), |f| f.key.clone()),
            format!("a {} has both `file` and `env`", kind.word()),
            "keep one: `file` for a file next to the spec, `env` for a variable of the \
             environment alacrity runs in (how CI passes secrets)",
        ),
        (false, false) => report.error(
            RuleId::FileSource,
            file.span.clone(),
            format!("a {} needs `file` or `env`", kind.word()),
            "add file = \"secrets/NAME\" (relative to the spec file) or env = \"VARIABLE\"",
        ),
        _ => {}
    }
}

fn mode(kind: FileKind, file: &RawFile, report: &mut AppReport<'_>) {
    if let Some(field) = &file.mode
        && !(0..=0o777).contains(&field.value)
    {
        report.error(
            RuleId::FileMode,
            field.span.clone(),
            format!(
                "the {}'s mode {} is not a file mode (0 to 0o777)",
                kind.word(),
                field.value
            ),
            "write it in octal, e.g. mode = 0o400 (read by its owner only)",
        );
    }
    for field in [&file.uid, &file.gid].into_iter().flatten() {
        if field.value.is_empty() || !field.value.chars().all(|c| c.is_ascii_digit()) {
            report.error(
                RuleId::FileMode,
                field.span.clone(),
                format!(
                    "`{}` is not a number: the swarm takes a numeric user or group ID",
                    field.value.escape_debug()
                ),
                "e.g. uid = \"999\" (`id -u USER` in the image says which)",
            );
        }
    }
}

fn target(
    kind: FileKind,
    file: &RawFile,
    name: &str,
    volumes: &[(PathBuf, Range<usize>)],
    seen: &mut BTreeMap<PathBuf, Range<usize>>,
    report: &mut AppReport<'_>,
) {
    let (text, span) = match &file.target {
        Some(field) => (field.value.clone(), field.span.clone()),
        None if file.invalid.contains(&"target") => return,
        None => (kind.default_target(name), file.span.clone()),
    };
    let path = match normalize_absolute(&text) {
        Ok(path) if path != Path::new("/") => path,
        Ok(_) => {
            return report.error(
                RuleId::FileTarget,
                span,
                format!("a {}'s `target` is /", kind.word()),
                "name the file's path in the container, e.g. \"/etc/nginx/nginx.conf\"",
            );
        }
        Err(problem) => {
            return report.error(
                RuleId::FileTarget,
                span,
                format!("a {}'s `target` {}", kind.word(), problem.describe()),
                "name the file's path in the container, e.g. \"/etc/nginx/nginx.conf\"",
            );
        }
    };
    if let Some(first) = seen.get(&path) {
        let line = report.source.position(first.start).line;
        return report.error(
            RuleId::FileTargetDuplicate,
            span,
            format!(
                "`{}` is already the target of a secret or config on line {line}",
                path.display()
            ),
            "give each secret and config file its own target",
        );
    }
    if let Some((volume, at)) = volumes.iter().find(|(volume, _)| is_within(&path, volume)) {
        let line = report.source.position(at.start).line;
        return report.error(
            RuleId::FileTargetDuplicate,
            span,
            format!(
                "`{}` is inside the volume mounted at `{}` (line {line}): the volume would hide \
                 the file, or the file a part of the data",
                path.display(),
                volume.display()
            ),
            "put the file outside the app's volumes, e.g. under /run/secrets or /etc",
        );
    }
    seen.insert(path, span);
}

#[cfg(test)]
mod tests {
    use super::super::testing::rules;
    use crate::spec::rule_id::RuleId::{self, *};

    /// The rules' findings; the contents, which no test file here has, are the loader's
    /// (spec::tests).
    fn with(files: &str) -> Vec<RuleId> {
        let mut found = rules(&format!(
            "[apps.db]\nimage = \"postgres:16\"\npersistent = true\n\
             [[apps.db.volumes]]\nlabel = \"db-data\"\ncontainer_path = \"/data\"\n{files}"
        ));
        found.retain(|rule| *rule != FileSourceMissing);
        found
    }

    #[test]
    fn a_secret_needs_a_name_and_one_source() {
        assert_eq!(
            with("[[apps.db.secrets]]\nname = \"pw\"\nfile = \"pw.txt\"\n"),
            []
        );
        assert_eq!(with("[[apps.db.secrets]]\nfile = \"pw.txt\"\n"), [FileName]);
        assert_eq!(
            with("[[apps.db.secrets]]\nname = \"-pw\"\nenv = \"PW\"\n"),
            [FileName]
        );
        assert_eq!(with("[[apps.db.secrets]]\nname = \"pw\"\n"), [FileSource]);
        assert_eq!(
            with("[[apps.db.secrets]]\nname = \"pw\"\nfile = \"a\"\nenv = \"B\"\n"),
            [FileSource]
        );
        let twice = "[[apps.db.secrets]]\nname = \"pw\"\nenv = \"A\"\n\
                     [[apps.db.secrets]]\nname = \"pw\"\nenv = \"B\"\ntarget = \"/x\"\n";
        assert_eq!(with(twice), [FileName]);
        // A secret and a config may share a name.
        let both = "[[apps.db.secrets]]\nname = \"pw\"\nenv = \"A\"\n\
                    [[apps.db.configs]]\nname = \"pw\"\nenv = \"B\"\n";
        assert_eq!(with(both), []);
    }

    #[test]
    fn targets_are_absolute_once_each_and_outside_volumes() {
        let file = |target: &str| {
            format!("[[apps.db.configs]]\nname = \"c\"\nenv = \"C\"\ntarget = \"{target}\"\n")
        };
        assert_eq!(with(&file("/etc/c.conf")), []);
        assert_eq!(with(&file("etc/c.conf")), [FileTarget]);
        assert_eq!(with(&file("/")), [FileTarget]);
        assert_eq!(with(&file("/etc/../c")), [FileTarget]);
        assert_eq!(with(&file("/data/c.conf")), [FileTargetDuplicate]);
        assert_eq!(with(&file("/data")), [FileTargetDuplicate]);
        let twice = format!(
            "{}[[apps.db.secrets]]\nname = \"s\"\nenv = \"S\"\ntarget = \"/etc/c.conf\"\n",
            file("/etc/c.conf")
        );
        assert_eq!(with(&twice), [FileTargetDuplicate]);
        // The default targets: /run/secrets/NAME and /NAME.
        let defaults = "[[apps.db.secrets]]\nname = \"c\"\nenv = \"A\"\n\
                        [[apps.db.configs]]\nname = \"c\"\nenv = \"B\"\n\
                        [[apps.db.configs]]\nname = \"d\"\nenv = \"B\"\ntarget = \"/run/secrets/c\"\n";
        assert_eq!(with(defaults), [FileTargetDuplicate]);
    }

    #[test]
    fn modes_are_file_modes_and_owners_numbers() {
        let file = |extra: &str| format!("[[apps.db.secrets]]\nname = \"s\"\nenv = \"S\"\n{extra}");
        assert_eq!(
            with(&file("mode = 0o400\nuid = \"999\"\ngid = \"0\"\n")),
            []
        );
        assert_eq!(with(&file("mode = 0o1777\n")), [FileMode]);
        assert_eq!(with(&file("mode = -1\n")), [FileMode]);
        assert_eq!(with(&file("uid = \"postgres\"\n")), [FileMode]);
    }
}
