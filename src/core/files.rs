//! Secrets and config files: files the swarm puts into an app's containers, stored as swarm
//! secrets and configs. alacrity names each object after the app, the file and a hash of its
//! content, so a new value is a new object and the service moves to it (rotation without
//! moby#33808: a swarm secret cannot change), an unchanged value finds its object again (nothing
//! is written), and an object no deployed app uses any more is one alacrity can remove.
//!
//! Pure: the content is hashed by the caller's bytes; the engine adapter creates, lists and
//! removes the objects. Values never pass through here.

use std::collections::{BTreeMap, HashSet};

use super::labels;
pub use crate::spec::FileKind;
use crate::spec::FileMount;
pub use crate::spec::model::{MAX_OBJECT_NAME, content_digest, object_name};

/// The file name an object's name carries (`APP--FILE--HASH`), for a mount read back from the
/// swarm; the object's name itself when it was shortened or is not alacrity's form.
pub fn file_name_of(app: &str, object: &str) -> String {
    object
        .strip_prefix(&format!("{app}--"))
        .and_then(|rest| rest.rsplit_once("--"))
        .map_or_else(|| object.to_string(), |(file, _)| file.to_string())
}

/// The labels of an app's file object: alacrity's, the app, the file's name in the spec, and
/// the full hash of the content.
pub fn object_labels(
    kind: FileKind,
    app: &str,
    file: &str,
    digest: &str,
) -> BTreeMap<String, String> {
    BTreeMap::from([
        (labels::MANAGED.to_string(), "true".to_string()),
        (labels::APP.to_string(), app.to_string()),
        (labels::FILE_KIND.to_string(), kind.word().to_string()),
        (labels::FILE_NAME.to_string(), file.to_string()),
        (labels::FILE_DIGEST.to_string(), digest.to_string()),
    ])
}

/// A secret or config of the swarm that alacrity made (it has alacrity's label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedObject {
    pub kind: FileKind,
    pub id: String,
    pub name: String,
    /// The app it was made for.
    pub app: String,
}

/// The objects alacrity made that no service refers to (by ID): once a deploy converged, or an
/// app was removed, they serve nobody, and a secret is not data: they go. An object in use by any
/// service, alacrity's or not, stays.
pub fn unused<'a>(objects: &'a [ManagedObject], in_use: &HashSet<&str>) -> Vec<&'a ManagedObject> {
    objects
        .iter()
        .filter(|object| !in_use.contains(object.id.as_str()))
        .collect()
}

/// How an app's secret or config changes in an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub kind: FileKind,
    pub name: String,
    pub how: FileChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChangeKind {
    Added,
    Removed,
    /// A new content (never shown).
    Content,
    /// The same content, mounted elsewhere or otherwise (target, owner, mode).
    Mount,
}

/// The secrets and configs an update adds, removes or changes, by kind and name.
pub fn file_changes(deployed: &[FileMount], wanted: &[FileMount]) -> Vec<FileChange> {
    let find = |files: &[FileMount], file: &FileMount| {
        files
            .iter()
            .find(|other| other.kind == file.kind && other.name == file.name)
            .cloned()
    };
    let change = |file: &FileMount, how| FileChange {
        kind: file.kind,
        name: file.name.clone(),
        how,
    };
    let mut changes = Vec::new();
    for file in wanted {
        match find(deployed, file) {
            None => changes.push(change(file, FileChangeKind::Added)),
            Some(before) if before.object != file.object => {
                changes.push(change(file, FileChangeKind::Content));
            }
            Some(before) if before != *file => changes.push(change(file, FileChangeKind::Mount)),
            Some(_) => {}
        }
    }
    for file in deployed {
        if find(wanted, file).is_none() {
            changes.push(change(file, FileChangeKind::Removed));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_carries_the_app_the_file_and_the_content() {
        let digest = content_digest(b"s3cret");
        assert_eq!(digest.len(), 64);
        assert_eq!(
            object_name("db", "db-password", &digest),
            format!("db--db-password--{}", &digest[..12])
        );
        assert_ne!(
            object_name("db", "db-password", &content_digest(b"other")),
            object_name("db", "db-password", &digest)
        );
    }

    #[test]
    fn a_long_name_is_shortened_to_what_the_swarm_takes_keeping_the_hash() {
        let digest = content_digest(b"x");
        let app = "a".repeat(63);
        let file = "f".repeat(40);
        let name = object_name(&app, &file, &digest);
        assert_eq!(name.chars().count(), MAX_OBJECT_NAME);
        assert!(name.ends_with(&digest[..12]), "{name}");
        assert!(
            name.starts_with("aaaa") && name.contains("--ffff"),
            "{name}"
        );
        let short = object_name("db", &"f".repeat(60), &digest);
        assert_eq!(short.chars().count(), MAX_OBJECT_NAME);
        assert!(
            short.starts_with("db--"),
            "the short part is kept whole: {short}"
        );
    }

    fn mount(kind: FileKind, name: &str, content: &[u8], target: &str) -> FileMount {
        FileMount {
            kind,
            name: name.into(),
            object: object_name("db", name, &content_digest(content)),
            target: target.into(),
            uid: "0".into(),
            gid: "0".into(),
            mode: 0o444,
            content: None,
        }
    }

    #[test]
    fn an_update_names_each_file_that_changes_never_its_content() {
        let before = [
            mount(FileKind::Secret, "pw", b"old", "/run/secrets/pw"),
            mount(FileKind::Config, "conf", b"c", "/etc/c"),
            mount(FileKind::Config, "gone", b"g", "/etc/g"),
        ];
        let after = [
            mount(FileKind::Secret, "pw", b"new", "/run/secrets/pw"),
            mount(FileKind::Config, "conf", b"c", "/etc/c2"),
            mount(FileKind::Secret, "added", b"a", "/run/secrets/added"),
        ];
        let changes = file_changes(&before, &after);
        let found: Vec<(FileKind, &str, FileChangeKind)> = changes
            .iter()
            .map(|c| (c.kind, c.name.as_str(), c.how))
            .collect();
        assert_eq!(
            found,
            [
                (FileKind::Secret, "pw", FileChangeKind::Content),
                (FileKind::Config, "conf", FileChangeKind::Mount),
                (FileKind::Secret, "added", FileChangeKind::Added),
                (FileKind::Config, "gone", FileChangeKind::Removed),
            ]
        );
        assert!(file_changes(&before, &before).is_empty());
    }

    #[test]
    fn a_file_name_is_read_back_from_its_object() {
        let digest = content_digest(b"x");
        assert_eq!(
            file_name_of("db", &object_name("db", "db-password", &digest)),
            "db-password"
        );
        let long = object_name(&"a".repeat(63), "pw", &digest);
        assert_eq!(file_name_of(&"a".repeat(63), &long), long);
    }

    #[test]
    fn labels_say_whose_object_it_is_without_the_value() {
        let digest = content_digest(b"s3cret");
        let labels = object_labels(FileKind::Secret, "db", "db-password", &digest);
        assert_eq!(labels[labels::MANAGED], "true");
        assert_eq!(labels[labels::APP], "db");
        assert_eq!(labels[labels::FILE_KIND], "secret");
        assert!(labels.values().all(|v| !v.contains("s3cret")));
    }

    #[test]
    fn only_objects_no_service_refers_to_are_unused() {
        let object = |id: &str| ManagedObject {
            kind: FileKind::Secret,
            id: id.into(),
            name: format!("db--pw--{id}"),
            app: "db".into(),
        };
        let objects = [object("a"), object("b"), object("c")];
        let in_use = HashSet::from(["b"]);
        let unused: Vec<&str> = unused(&objects, &in_use)
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(unused, ["a", "c"]);
    }

    #[test]
    fn default_targets() {
        assert_eq!(
            FileKind::Secret.default_target("db-password"),
            "/run/secrets/db-password"
        );
        assert_eq!(FileKind::Config.default_target("nginx.conf"), "/nginx.conf");
    }
}
