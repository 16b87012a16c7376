//! The host directories `binds rm` deletes, on the machine alacrity runs on: the checks that
//! make deleting one safe, its size, and the deletion.
//!
//! A recorded path is deleted only when it is, right now, a real directory reached without any
//! symlink (not itself a symlink, and no parent swapped for one: its canonical path is the
//! recorded path), not a system path nor the engine's data, not a mount point, and with nothing
//! mounted inside. `std::fs::remove_dir_all` then never follows a symlink inside it.
//! The checks run again just before deleting, since the user may take a while to confirm.
//!
//! Mounts are found in the mount table (`/proc/self/mountinfo`): a bind mount of a directory of
//! the same file system has the same device number as its parent, so device numbers alone miss
//! it, and deleting through it would delete the files of the directory it shows. Device numbers
//! are still compared, as a second line of defence.

use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::spec::paths::{is_within, system_path};

/// What is at a recorded path that may be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirState {
    /// Nothing: already deleted (e.g. by an interrupted earlier run).
    Missing,
    /// A directory that may be deleted, and the bytes its files hold.
    Removable { size_bytes: u64 },
}

/// Checks that the directory at `path` (as recorded: absolute, normalized) may be deleted.
/// `data_root` is the engine's data directory on this node. An error says why not.
pub fn check(path: &Path, data_root: Option<&Path>) -> anyhow::Result<DirState> {
    refuse_protected(path, data_root)?;
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(DirState::Missing),
        Err(err) => return Err(err).with_context(|| format!("cannot look at {}", path.display())),
    };
    if metadata.file_type().is_symlink() {
        let target = std::fs::read_link(path).unwrap_or_default();
        bail!(
            "{} is a symlink (to {}), not the directory that was recorded: alacrity never \
             deletes through a symlink; delete the link yourself if it is unwanted \
             (`rm {}`), and drop the record with `alacrity binds rm {} --forget`",
            path.display(),
            target.display(),
            quoted(path),
            quoted(path)
        );
    }
    if !metadata.is_dir() {
        bail!(
            "{} is not a directory any more: alacrity deletes only the directory that was \
             recorded; look at it yourself, and drop the record with `alacrity binds rm {} --forget`",
            path.display(),
            quoted(path)
        );
    }
    refuse_symlinked_parent(path, data_root)?;
    refuse_mounts(path, &mount_table()?)?;
    let size_bytes = walk(path, metadata.dev())?;
    refuse_mount_point(path, metadata.dev())?;
    Ok(DirState::Removable { size_bytes })
}

/// Deletes the directory at `path` after checking it again; returns its size. `Missing` when
/// it was already gone.
pub fn delete(path: &Path, data_root: Option<&Path>) -> anyhow::Result<DirState> {
    let state = check(path, data_root)?;
    if let DirState::Removable { .. } = state {
        std::fs::remove_dir_all(path).with_context(|| {
            format!(
                "cannot delete {} (what could be deleted is gone; the record stays, so \
                 running the same command again finishes the job)",
                path.display()
            )
        })?;
    }
    Ok(state)
}

/// Whether something is at `path` (a symlink counts, whatever it points to).
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The bytes the files under the real directory `path` hold, or `None` when it is not one.
pub fn size(path: &Path) -> Option<u64> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if !metadata.is_dir() {
        return None;
    }
    walk(path, metadata.dev()).ok()
}

/// A path as one shell word: as is when plain, else in single quotes.
pub fn quoted(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@=%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// System paths, and the engine's data (the directory holding it, or inside it).
fn refuse_protected(path: &Path, data_root: Option<&Path>) -> anyhow::Result<()> {
    if let Some(system) = system_path(path) {
        bail!(
            "{} is a system path (in {system}): alacrity never deletes those; drop the record \
             with `alacrity binds rm {} --forget`",
            path.display(),
            quoted(path)
        );
    }
    if let Some(root) = data_root.filter(|root| is_within(path, root) || is_within(root, path)) {
        bail!(
            "{} holds or is part of the engine's own data ({}): alacrity never deletes it; \
             drop the record with `alacrity binds rm {} --forget`",
            path.display(),
            root.display(),
            quoted(path)
        );
    }
    Ok(())
}

/// A parent swapped for a symlink makes the path lead somewhere else than recorded.
fn refuse_symlinked_parent(path: &Path, data_root: Option<&Path>) -> anyhow::Result<()> {
    let real = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve {}", path.display()))?;
    if real != path {
        bail!(
            "{} leads to {} through a symlink among its parents, so it is not the directory \
             that was recorded: alacrity never deletes through a symlink; check the parents of \
             the path, or drop the record with `alacrity binds rm {} --forget`",
            path.display(),
            real.display(),
            quoted(path)
        );
    }
    refuse_protected(&real, data_root)
}

/// A mount point (a disk of its own) is not deleted: its parent would keep an empty mount.
fn refuse_mount_point(path: &Path, device: u64) -> anyhow::Result<()> {
    let Some(parent) = path.parent() else {
        return Ok(());
    };
    let parent = std::fs::metadata(parent)
        .with_context(|| format!("cannot look at {}", parent.display()))?;
    if parent.dev() != device {
        bail!(
            "{} is a mount point (a file system of its own): alacrity does not delete mount \
             points; unmount it or empty it yourself, and drop the record with \
             `alacrity binds rm {} --forget`",
            path.display(),
            quoted(path)
        );
    }
    Ok(())
}

/// Where the mount table of the machine alacrity runs on is read (as this process sees it).
const MOUNT_TABLE: &str = "/proc/self/mountinfo";

/// One line of the mount table: what is mounted where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// Where it is mounted (field 5).
    pub point: PathBuf,
    /// The directory of the mounted file system shown there (field 4): for a bind mount, the
    /// directory that was bound, relative to its file system.
    pub root: PathBuf,
    /// The file system type (e.g. `ext4`, `tmpfs`).
    pub fstype: String,
    /// The mounted source (a device, or e.g. `tmpfs`).
    pub source: String,
}

impl std::fmt::Display for Mount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({} {}, directory {} of it)",
            self.point.display(),
            self.fstype,
            self.source,
            self.root.display()
        )
    }
}

/// The mounts of the machine alacrity runs on, from its mount table.
pub fn mount_table() -> anyhow::Result<Vec<Mount>> {
    let text = std::fs::read_to_string(MOUNT_TABLE).with_context(|| {
        format!(
            "cannot read the mount table {MOUNT_TABLE}: alacrity deletes a directory only once \
             it knows nothing is mounted in it; run alacrity on a Linux machine with /proc mounted"
        )
    })?;
    Ok(parse_mount_table(&text))
}

/// The mounts listed in `/proc/PID/mountinfo` text. Lines that do not have the expected fields
/// are skipped (the kernel writes none).
///
/// A line: `ID PARENT MAJOR:MINOR ROOT POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER`, where
/// spaces, tabs, newlines and backslashes in paths are written as octal escapes (`\040`).
pub fn parse_mount_table(text: &str) -> Vec<Mount> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let root = fields.nth(3)?;
            let point = fields.next()?;
            let mut rest = fields.skip_while(|field| *field != "-").skip(1);
            let fstype = rest.next()?;
            let source = rest.next().unwrap_or("");
            Some(Mount {
                point: PathBuf::from(unescape_mount_field(point)),
                root: PathBuf::from(unescape_mount_field(root)),
                fstype: unescape_mount_field(fstype),
                source: unescape_mount_field(source),
            })
        })
        .collect()
}

/// `/srv/my\040data` -> `/srv/my data`: the kernel's octal escapes (`\ooo`) undone; a backslash
/// not followed by three octal digits is kept as is.
fn unescape_mount_field(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|digits| bytes[i] == b'\\' && digits.iter().all(|d| (b'0'..=b'7').contains(d)));
        match octal {
            Some(digits) => {
                let value = digits
                    .iter()
                    .fold(0u32, |value, d| value * 8 + u32::from(d - b'0'));
                // `\400` and above are no byte: keep the text as written.
                match u8::try_from(value) {
                    Ok(byte) => out.push(byte),
                    Err(_) => out.extend_from_slice(&bytes[i..i + 4]),
                }
                i += 4;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first mount at `path` or below it, if any.
pub fn mount_in(path: &Path, mounts: &[Mount]) -> Option<Mount> {
    mounts
        .iter()
        .filter(|mount| is_within(&mount.point, path))
        .min_by_key(|mount| mount.point.components().count())
        .cloned()
}

/// A directory that is a mount point, or has one below it, is refused before anything is
/// deleted: deleting through a bind mount deletes the files of the directory it shows, and a
/// mount point's parent would keep an empty mount.
fn refuse_mounts(path: &Path, mounts: &[Mount]) -> anyhow::Result<()> {
    let Some(mount) = mount_in(path, mounts) else {
        return Ok(());
    };
    let place = if mount.point == path {
        format!(
            "{} is a mount point: {mount} is mounted there",
            path.display()
        )
    } else {
        format!("{mount} is mounted inside {}", path.display())
    };
    bail!(
        "{place}; alacrity never deletes across a mount (it would delete the mounted files, or \
         leave an empty mount behind), and nothing was deleted; to keep the directory and drop \
         its record: `alacrity binds rm {} --forget`; to delete it, unmount first and run this \
         again: `umount {} && alacrity binds rm {}`",
        quoted(path),
        quoted(&mount.point),
        quoted(path)
    );
}

/// The bytes of the files under `root`, never following symlinks; fails on a directory of
/// another file system inside (deleting would reach into it) or one that cannot be read.
fn walk(root: &Path, device: u64) -> anyhow::Result<u64> {
    let mut total = 0;
    let mut pending: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
            let metadata = entry
                .metadata()
                .with_context(|| format!("cannot look at {}", entry.path().display()))?;
            if metadata.is_dir() {
                if metadata.dev() != device {
                    bail!(
                        "another file system is mounted at {}, inside {}: alacrity does not \
                         delete across file systems; unmount it first",
                        entry.path().display(),
                        root.display()
                    );
                }
                pending.push(entry.path());
            } else if metadata.is_file() {
                total += metadata.len();
            }
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn tree() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("sub")).unwrap();
        std::fs::write(data.join("a"), "12345").unwrap();
        std::fs::write(data.join("sub/b"), "678").unwrap();
        tmp
    }

    fn real(tmp: &tempfile::TempDir) -> PathBuf {
        std::fs::canonicalize(tmp.path()).unwrap()
    }

    #[test]
    fn a_real_directory_is_measured_and_deleted() {
        let tmp = tree();
        let data = real(&tmp).join("data");
        assert_eq!(
            check(&data, None).unwrap(),
            DirState::Removable { size_bytes: 8 }
        );
        assert_eq!(size(&data), Some(8));
        assert!(exists(&data));
        delete(&data, None).unwrap();
        assert!(!exists(&data));
        assert_eq!(delete(&data, None).unwrap(), DirState::Missing);
    }

    #[test]
    fn a_symlink_inside_is_removed_not_followed() {
        let tmp = tree();
        let root = real(&tmp);
        let outside = root.join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("keep"), "x").unwrap();
        symlink(&outside, root.join("data/link")).unwrap();
        delete(&root.join("data"), None).unwrap();
        assert!(outside.join("keep").exists());
    }

    #[test]
    fn a_symlink_at_the_path_is_refused() {
        let tmp = tree();
        let root = real(&tmp);
        let link = root.join("link");
        symlink(root.join("data"), &link).unwrap();
        let err = delete(&link, None).unwrap_err().to_string();
        assert!(err.contains("is a symlink"), "{err}");
        assert!(err.contains("--forget"), "{err}");
        assert!(root.join("data/a").exists());
    }

    #[test]
    fn a_parent_swapped_for_a_symlink_is_refused() {
        let tmp = tree();
        let root = real(&tmp);
        symlink(root.join("data"), root.join("parent")).unwrap();
        let err = delete(&root.join("parent/sub"), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("through a symlink among its parents"), "{err}");
        assert!(root.join("data/sub/b").exists());
    }

    #[test]
    fn system_paths_and_the_engine_data_are_refused() {
        for path in ["/", "/etc", "/usr/lib", "/var/lib/docker/volumes"] {
            let err = check(Path::new(path), None).unwrap_err().to_string();
            assert!(err.contains("system path"), "{path}: {err}");
        }
        let tmp = tree();
        let data = real(&tmp).join("data");
        let inside = data.join("sub");
        let err = check(&data, Some(&inside)).unwrap_err().to_string();
        assert!(err.contains("engine's own data"), "{err}");
        assert!(check(&inside, Some(&inside)).is_err());
    }

    #[test]
    fn a_file_is_not_a_directory() {
        let tmp = tree();
        let err = check(&real(&tmp).join("data/a"), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a directory"), "{err}");
        assert_eq!(size(&real(&tmp).join("data/a")), None);
    }

    #[test]
    fn paths_are_quoted_for_the_shell_when_needed() {
        assert_eq!(quoted(Path::new("/srv/app-1/data")), "/srv/app-1/data");
        assert_eq!(quoted(Path::new("/srv/my data")), "'/srv/my data'");
        assert_eq!(quoted(Path::new("/srv/it's")), r"'/srv/it'\''s'");
    }

    /// Lines as the kernel writes them: optional fields or none, escapes in paths.
    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
23 22 0:21 / /proc rw,nosuid shared:12 - proc proc rw
95 22 8:1 /srv/src /tmp/b1/inner rw,relatime shared:1 - ext4 /dev/sda1 rw
96 22 0:45 / /mnt/my\\040data\\011x rw - tmpfs tmp\\134fs rw,size=1024k
97 22 8:1 /srv/a\\134b /srv/back\\\\slash rw master:3 propagate_from:1 unbindable - ext4 /dev/sda1 rw
";

    #[test]
    fn the_mount_table_is_parsed_with_its_escapes() {
        let mounts = parse_mount_table(MOUNTINFO);
        let points: Vec<&Path> = mounts.iter().map(|m| m.point.as_path()).collect();
        assert_eq!(
            points,
            [
                Path::new("/"),
                Path::new("/proc"),
                Path::new("/tmp/b1/inner"),
                Path::new("/mnt/my data\tx"),
                Path::new("/srv/back\\\\slash"),
            ]
        );
        assert_eq!(
            mounts[2],
            Mount {
                point: "/tmp/b1/inner".into(),
                root: "/srv/src".into(),
                fstype: "ext4".into(),
                source: "/dev/sda1".into(),
            }
        );
        assert_eq!(mounts[3].source, "tmp\\fs");
        assert_eq!(mounts[4].root, Path::new("/srv/a\\b"));
        assert_eq!(mounts[4].fstype, "ext4");
        // A truncated line is skipped, not misread.
        assert!(parse_mount_table("1 2 3:4 /\n\n").is_empty());
    }

    #[test]
    fn escapes_that_are_no_byte_are_kept() {
        assert_eq!(unescape_mount_field("/a\\040b"), "/a b");
        assert_eq!(unescape_mount_field("/a\\012b"), "/a\nb");
        assert_eq!(unescape_mount_field("/a\\08"), "/a\\08");
        assert_eq!(unescape_mount_field("/a\\777"), "/a\\777");
        assert_eq!(unescape_mount_field("/a\\"), "/a\\");
    }

    #[test]
    fn a_mount_at_or_below_a_directory_is_found_by_component() {
        let mounts = parse_mount_table(MOUNTINFO);
        let found = |path: &str| mount_in(Path::new(path), &mounts).map(|m| m.point);
        assert_eq!(found("/tmp/b1"), Some("/tmp/b1/inner".into()));
        assert_eq!(found("/tmp/b1/inner"), Some("/tmp/b1/inner".into()));
        assert_eq!(found("/tmp/b1/inner/deeper"), None);
        assert_eq!(found("/tmp/b"), None);
        assert_eq!(found("/tmp/b1x"), None);
        assert_eq!(found("/mnt"), Some("/mnt/my data\tx".into()));
        // The shallowest one is named: unmounting it first uncovers the others.
        assert_eq!(found("/"), Some("/".into()));
    }

    #[test]
    fn a_directory_with_a_mount_is_refused_with_what_to_run() {
        let mounts = parse_mount_table(MOUNTINFO);
        let inside = refuse_mounts(Path::new("/tmp/b1"), &mounts)
            .unwrap_err()
            .to_string();
        assert!(
            inside.starts_with(
                "/tmp/b1/inner (ext4 /dev/sda1, directory /srv/src of it) is mounted inside /tmp/b1"
            ),
            "{inside}"
        );
        assert!(
            inside.contains("`alacrity binds rm /tmp/b1 --forget`"),
            "{inside}"
        );
        assert!(
            inside.ends_with("`umount /tmp/b1/inner && alacrity binds rm /tmp/b1`"),
            "{inside}"
        );
        let itself = refuse_mounts(Path::new("/mnt/my data\tx"), &mounts)
            .unwrap_err()
            .to_string();
        assert!(itself.contains("is a mount point"), "{itself}");
        assert!(
            itself.ends_with("`umount '/mnt/my data\tx' && alacrity binds rm '/mnt/my data\tx'`"),
            "{itself}"
        );
        assert!(refuse_mounts(Path::new("/srv/data"), &mounts).is_ok());
    }

    #[test]
    fn nothing_there_is_missing() {
        let tmp = tree();
        let gone = real(&tmp).join("gone/deeper");
        assert_eq!(check(&gone, None).unwrap(), DirState::Missing);
        assert!(!exists(&gone));
    }
}
