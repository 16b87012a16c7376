//! A manifest of a directory's content: every entry (path, type, size, mode, owner, symlink
//! target, hard-link target, modification time, sha256 of a file's content), and what differs
//! between two of them, in the product's words. A copy is verified by comparing the manifest of
//! its source with the one of its result.
//!
//! Paths are relative to the directory's root, which is `.` (its owner, mode and time count too).
//! A hard link is recorded against the first path of its group in path order, whichever of them
//! the archive carried the content with, so that two archives of the same tree compare equal
//! whatever order their writer walked in. Times are whole seconds (the engine's archives carry no
//! more).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Directory,
    File,
    Symlink,
    Fifo,
    CharDevice,
    BlockDevice,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Directory => "directory",
            Kind::File => "file",
            Kind::Symlink => "symlink",
            Kind::Fifo => "fifo",
            Kind::CharDevice => "character device",
            Kind::BlockDevice => "block device",
        })
    }
}

/// One entry of a directory tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Relative to the root (`.` is the root itself; `a/b`, never `./a/b`).
    pub path: String,
    pub kind: Kind,
    /// Bytes of content (files only; 0 for the others).
    pub size: u64,
    /// The permission bits, with set-uid, set-gid and sticky (`0o7777` at most).
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    /// Seconds since the epoch.
    pub mtime: i64,
    /// Where a symlink points, as written in it.
    pub symlink: Option<String>,
    /// The first path (in path order) of the hard-link group this file belongs to, when it is
    /// not that path itself.
    pub hard_link: Option<String>,
    /// The sha256 of a file's content, in hex.
    pub sha256: Option<String>,
}

/// Every entry of a tree, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    entries: BTreeMap<String, Entry>,
}

/// An entry as an archive has it, before hard links are grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub entry: Entry,
    /// The path this entry is a hard link to, as the archive says (its content is there).
    pub links_to: Option<String>,
}

impl Manifest {
    /// The manifest of the entries of an archive, in its order. A hard link takes the size and
    /// content of its target; links are then recorded against the first path of their group.
    /// An entry met twice keeps its last version (as extracting the archive would).
    pub fn from_recorded(recorded: Vec<Recorded>) -> Manifest {
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        // Group key: the path holding the content, for every member of a group.
        let mut holder_of: BTreeMap<String, String> = BTreeMap::new();
        for Recorded {
            mut entry,
            links_to,
        } in recorded
        {
            match links_to {
                Some(target) => {
                    let holder = holder_of
                        .get(&target)
                        .cloned()
                        .unwrap_or_else(|| target.clone());
                    if let Some(content) = entries.get(&holder) {
                        entry.kind = content.kind;
                        entry.size = content.size;
                        entry.sha256 = content.sha256.clone();
                        entry.symlink = content.symlink.clone();
                    }
                    holder_of.insert(entry.path.clone(), holder.clone());
                    holder_of.entry(holder).or_insert_with_key(|k| k.clone());
                }
                None => {
                    holder_of.remove(&entry.path);
                }
            }
            entries.insert(entry.path.clone(), entry);
        }
        // The groups, each under its first path.
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (member, holder) in &holder_of {
            groups
                .entry(holder.clone())
                .or_default()
                .push(member.clone());
        }
        for members in groups.values() {
            let Some(first) = members.iter().min().cloned() else {
                continue;
            };
            for member in members {
                if let Some(entry) = entries.get_mut(member) {
                    entry.hard_link = (member != &first).then(|| first.clone());
                }
            }
        }
        Manifest { entries }
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The bytes of content of every file (a hard-linked file once).
    pub fn content_bytes(&self) -> u64 {
        self.entries
            .values()
            .filter(|e| e.hard_link.is_none())
            .map(|e| e.size)
            .sum()
    }

    /// Whether the tree holds nothing but its root.
    pub fn holds_nothing(&self) -> bool {
        self.entries.keys().all(|path| path == ".")
    }

    /// What differs from `other` (the copy), every difference, in path order.
    pub fn differences(&self, other: &Manifest) -> Vec<Difference> {
        let mut differences = Vec::new();
        let mut theirs = other.entries.iter().peekable();
        let mut ours = self.entries.iter().peekable();
        loop {
            match (ours.peek(), theirs.peek()) {
                (None, None) => break,
                (Some((path, _)), None) => {
                    differences.push(Difference::Missing((*path).clone()));
                    ours.next();
                }
                (None, Some((path, _))) => {
                    differences.push(Difference::Extra((*path).clone()));
                    theirs.next();
                }
                (Some((a, x)), Some((b, y))) => match a.cmp(b) {
                    std::cmp::Ordering::Less => {
                        differences.push(Difference::Missing((*a).clone()));
                        ours.next();
                    }
                    std::cmp::Ordering::Greater => {
                        differences.push(Difference::Extra((*b).clone()));
                        theirs.next();
                    }
                    std::cmp::Ordering::Equal => {
                        differences.extend(entry_differences(x, y));
                        ours.next();
                        theirs.next();
                    }
                },
            }
        }
        differences
    }

    /// `Ok` when `copy` equals this manifest, else what differs.
    pub fn verify(&self, copy: &Manifest) -> Result<(), Mismatch> {
        let differences = self.differences(copy);
        match differences.is_empty() {
            true => Ok(()),
            false => Err(Mismatch { differences }),
        }
    }
}

/// One way a copy differs from its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "difference")]
pub enum Difference {
    /// In the source, not in the copy.
    Missing(String),
    /// In the copy, not in the source.
    Extra(String),
    /// In both, with a property that differs (`what`: its name; the source's and copy's
    /// values, in words).
    Changed {
        path: String,
        what: &'static str,
        source: String,
        copy: String,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Missing(path) => write!(f, "{} is missing from the copy", shown(path)),
            Difference::Extra(path) => write!(f, "{} is in the copy only", shown(path)),
            Difference::Changed {
                path,
                what,
                source,
                copy,
            } => write!(
                f,
                "{}: {what} is {copy} in the copy, {source} in the source",
                shown(path)
            ),
        }
    }
}

fn shown(path: &str) -> String {
    match path {
        "." => "the top directory".to_string(),
        _ => path.to_string(),
    }
}

fn entry_differences(source: &Entry, copy: &Entry) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut check = |what: &'static str, a: String, b: String| {
        if a != b {
            out.push(Difference::Changed {
                path: source.path.clone(),
                what,
                source: a,
                copy: b,
            });
        }
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_string());
    check("type", source.kind.to_string(), copy.kind.to_string());
    check(
        "the owner",
        format!("{}:{}", source.uid, source.gid),
        format!("{}:{}", copy.uid, copy.gid),
    );
    check(
        "the mode",
        format!("{:04o}", source.mode),
        format!("{:04o}", copy.mode),
    );
    check(
        "the symlink target",
        opt(&source.symlink),
        opt(&copy.symlink),
    );
    check(
        "the hard link",
        opt(&source.hard_link),
        opt(&copy.hard_link),
    );
    check(
        "the size",
        format!("{} bytes", source.size),
        format!("{} bytes", copy.size),
    );
    if source.size == copy.size {
        check(
            "the content (sha256)",
            opt(&source.sha256),
            opt(&copy.sha256),
        );
    }
    check(
        "the modification time",
        source.mtime.to_string(),
        copy.mtime.to_string(),
    );
    out
}

/// A copy that is not equal to its source: every difference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary(5))]
pub struct Mismatch {
    pub differences: Vec<Difference>,
}

impl Mismatch {
    /// The first `shown` differences, one a line, and how many more there are.
    pub fn summary(&self, shown: usize) -> String {
        let count = self.differences.len();
        let mut lines: Vec<String> = self
            .differences
            .iter()
            .take(shown)
            .map(|d| format!("  - {d}"))
            .collect();
        if count > shown {
            lines.push(format!("  - and {} more", count - shown));
        }
        format!(
            "the copy differs from its source in {count} {}:\n{}",
            if count == 1 { "way" } else { "ways" },
            lines.join("\n")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, kind: Kind) -> Entry {
        Entry {
            path: path.into(),
            kind,
            size: 0,
            mode: 0o755,
            uid: 0,
            gid: 0,
            mtime: 1_600_000_000,
            symlink: None,
            hard_link: None,
            sha256: None,
        }
    }

    fn file(path: &str, sha: &str, size: u64) -> Entry {
        Entry {
            size,
            sha256: Some(sha.into()),
            mode: 0o644,
            ..entry(path, Kind::File)
        }
    }

    fn plain(entry: Entry) -> Recorded {
        Recorded {
            entry,
            links_to: None,
        }
    }

    fn link(path: &str, to: &str) -> Recorded {
        Recorded {
            entry: file(path, "", 0),
            links_to: Some(to.into()),
        }
    }

    #[test]
    fn hard_links_are_recorded_against_the_first_path_whatever_the_order() {
        let one = Manifest::from_recorded(vec![
            plain(entry(".", Kind::Directory)),
            plain(file("b", "abc", 3)),
            link("a", "b"),
            link("c", "b"),
        ]);
        let other = Manifest::from_recorded(vec![
            plain(entry(".", Kind::Directory)),
            plain(file("a", "abc", 3)),
            link("b", "a"),
            link("c", "b"),
        ]);
        assert_eq!(one, other);
        assert_eq!(one.get("a").unwrap().hard_link, None);
        assert_eq!(one.get("b").unwrap().hard_link.as_deref(), Some("a"));
        assert_eq!(one.get("c").unwrap().hard_link.as_deref(), Some("a"));
        assert_eq!(one.get("c").unwrap().sha256.as_deref(), Some("abc"));
        assert_eq!(one.content_bytes(), 3);
    }

    #[test]
    fn differences_are_in_path_order_and_in_words() {
        let source = Manifest::from_recorded(vec![
            plain(entry(".", Kind::Directory)),
            plain(file("a", "111", 3)),
            plain(file("b", "222", 3)),
            plain(Entry {
                symlink: Some("a".into()),
                ..entry("l", Kind::Symlink)
            }),
        ]);
        let copy = Manifest::from_recorded(vec![
            plain(Entry {
                uid: 999,
                gid: 999,
                mode: 0o700,
                ..entry(".", Kind::Directory)
            }),
            plain(file("a", "333", 3)),
            plain(Entry {
                symlink: Some("b".into()),
                ..entry("l", Kind::Symlink)
            }),
            plain(file("z", "444", 1)),
        ]);
        let differences = source.differences(&copy);
        let words: Vec<String> = differences.iter().map(ToString::to_string).collect();
        assert_eq!(
            words,
            [
                "the top directory: the owner is 999:999 in the copy, 0:0 in the source",
                "the top directory: the mode is 0700 in the copy, 0755 in the source",
                "a: the content (sha256) is 333 in the copy, 111 in the source",
                "b is missing from the copy",
                "l: the symlink target is b in the copy, a in the source",
                "z is in the copy only",
            ]
        );
        let mismatch = source.verify(&copy).unwrap_err();
        let summary = mismatch.summary(2);
        assert!(summary.starts_with("the copy differs from its source in 6 ways:"));
        assert!(summary.ends_with("  - and 4 more"), "{summary}");
        assert!(source.verify(&source.clone()).is_ok());
    }

    #[test]
    fn an_empty_tree_holds_only_its_root() {
        let root = Manifest::from_recorded(vec![plain(entry(".", Kind::Directory))]);
        assert!(root.holds_nothing());
        let more = Manifest::from_recorded(vec![
            plain(entry(".", Kind::Directory)),
            plain(entry("x", Kind::Directory)),
        ]);
        assert!(!more.holds_nothing());
    }

    #[test]
    fn a_different_size_is_told_without_the_checksum() {
        let a = Manifest::from_recorded(vec![plain(file("f", "1", 1))]);
        let b = Manifest::from_recorded(vec![plain(file("f", "2", 2))]);
        let words: Vec<String> = a.differences(&b).iter().map(ToString::to_string).collect();
        assert_eq!(
            words,
            ["f: the size is 2 bytes in the copy, 1 bytes in the source"]
        );
    }
}
