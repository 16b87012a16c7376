//! Paths in specs: lexical normalisation, system paths, and the host filesystem seen through a
//! trait so that the rules stay pure (tests use a fake).

use std::io;
use std::path::{Path, PathBuf};

/// Why a path written in a spec is not an absolute, clean path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    NotAbsolute,
    ParentComponent,
    NulByte,
}

impl PathError {
    pub fn describe(self) -> &'static str {
        match self {
            PathError::NotAbsolute => "is not absolute (it must start with /)",
            PathError::ParentComponent => "has a `..` component",
            PathError::NulByte => "contains a NUL character",
        }
    }
}

/// `//srv/./data/` -> `/srv/data`: an absolute path with duplicate and trailing slashes and `.`
/// removed. `..` is refused rather than resolved: resolving it lexically is wrong across symlinks,
/// and a spec has no reason to write it.
pub fn normalize_absolute(path: &str) -> Result<PathBuf, PathError> {
    if path.contains('\0') {
        return Err(PathError::NulByte);
    }
    if !path.starts_with('/') {
        return Err(PathError::NotAbsolute);
    }
    let mut clean = PathBuf::from("/");
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(PathError::ParentComponent),
            name => clean.push(name),
        }
    }
    Ok(clean)
}

/// Directories whose whole subtree belongs to the system or to the engine: bind-mounting any of
/// them (or anything below) into an app can break the host, leak secrets or hand out root.
pub const SYSTEM_TREES: &[&str] = &[
    "/proc",
    "/sys",
    "/dev",
    "/etc",
    "/boot",
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/usr",
    "/run",
    "/var/run",
    "/var/lib/docker",
    "/var/lib/containerd",
];

/// Directories that are refused themselves, though their subdirectories are fine (`/srv` no,
/// `/var/lib/myapp` yes): they hold everything else on the host.
pub const SYSTEM_DIRS: &[&str] = &["/", "/var", "/var/lib", "/home", "/root"];

/// The system directory `path` is or lies in, if any. `path` must be normalized (or resolved).
pub fn system_path(path: &Path) -> Option<&'static str> {
    let exact = SYSTEM_DIRS.iter().find(|dir| path == Path::new(dir));
    let tree = || SYSTEM_TREES.iter().find(|tree| path.starts_with(tree));
    exact.or_else(tree).copied()
}

/// Whether `inner` is `outer` or lies below it (both normalized).
pub fn is_within(inner: &Path, outer: &Path) -> bool {
    // `Path::starts_with` compares whole components: /srv/ab is not within /srv/a.
    inner.starts_with(outer)
}

/// What the rules need to know about the host's filesystem.
pub trait HostFs {
    /// `path` with every symlink resolved; an error when it does not exist or cannot be reached.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// Whether `path` (already resolved) is a directory.
    fn is_dir(&self, path: &Path) -> bool;
    /// Whether the rules check here that host paths exist and are directories. When not, they
    /// are checked later on the node the app runs on, and `canonicalize` only serves to compare
    /// the paths of two apps.
    fn checks_existence(&self) -> bool {
        true
    }
}

/// The real filesystem of the machine alacrity runs on.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealHostFs;

impl HostFs for RealHostFs {
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
}

/// This machine's filesystem when it may not be the node's (the engine is elsewhere, or the
/// app's node is not known yet): host paths are compared through this machine's symlinks, but
/// whether they exist is left to `plan` and `deploy`, which look on the app's node.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeferredHostFs;

impl HostFs for DeferredHostFs {
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn checks_existence(&self) -> bool {
        false
    }
}

/// A host filesystem for tests: the directories, files and symlinks given, nothing else.
#[derive(Debug, Clone, Default)]
pub struct FakeHostFs {
    dirs: Vec<PathBuf>,
    files: Vec<PathBuf>,
    links: Vec<(PathBuf, PathBuf)>,
}

impl FakeHostFs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn dir(mut self, path: &str) -> Self {
        self.dirs.push(path.into());
        self
    }

    pub fn file(mut self, path: &str) -> Self {
        self.files.push(path.into());
        self
    }

    /// A symlink at `path` to the absolute `target`.
    pub fn link(mut self, path: &str, target: &str) -> Self {
        self.links.push((path.into(), target.into()));
        self
    }
}

impl HostFs for FakeHostFs {
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        // Links are resolved as prefixes, enough for the one level of indirection tests need.
        let resolved = self
            .links
            .iter()
            .find_map(|(link, target)| {
                let rest = path.strip_prefix(link).ok()?;
                Some(if rest.as_os_str().is_empty() {
                    target.clone()
                } else {
                    target.join(rest)
                })
            })
            .unwrap_or_else(|| path.to_path_buf());
        if self.dirs.contains(&resolved) || self.files.contains(&resolved) {
            Ok(resolved)
        } else {
            Err(io::Error::from(io::ErrorKind::NotFound))
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.dirs.iter().any(|dir| dir == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_cleans_slashes_and_dots() {
        let clean = |p| normalize_absolute(p).map(|p| p.display().to_string());
        assert_eq!(clean("//srv//data/"), Ok("/srv/data".into()));
        assert_eq!(clean("/srv/./data"), Ok("/srv/data".into()));
        assert_eq!(clean("/"), Ok("/".into()));
        assert_eq!(clean("///"), Ok("/".into()));
        assert_eq!(clean("srv/data"), Err(PathError::NotAbsolute));
        assert_eq!(clean(""), Err(PathError::NotAbsolute));
        assert_eq!(clean("/srv/../etc"), Err(PathError::ParentComponent));
        assert_eq!(clean("/srv/a\0b"), Err(PathError::NulByte));
        // `...` and `..x` are ordinary names.
        assert_eq!(clean("/srv/.../..x"), Ok("/srv/.../..x".into()));
    }

    #[test]
    fn system_paths_are_recognised_by_component() {
        let system = |p: &str| system_path(Path::new(p));
        assert_eq!(system("/"), Some("/"));
        assert_eq!(system("/etc"), Some("/etc"));
        assert_eq!(system("/etc/nginx"), Some("/etc"));
        assert_eq!(
            system("/var/lib/docker/volumes/x/_data"),
            Some("/var/lib/docker")
        );
        assert_eq!(system("/var/run/docker.sock"), Some("/var/run"));
        assert_eq!(system("/run/docker.sock"), Some("/run"));
        assert_eq!(system("/var"), Some("/var"));
        assert_eq!(system("/home"), Some("/home"));
        assert_eq!(system("/var/lib/docker-data"), None);
        assert_eq!(system("/var/lib/myapp"), None);
        assert_eq!(system("/home/me/data"), None);
        assert_eq!(system("/srv/todo"), None);
        assert_eq!(system("/etcetera"), None);
    }

    #[test]
    fn nesting_is_by_component() {
        assert!(is_within(Path::new("/srv/a/b"), Path::new("/srv/a")));
        assert!(is_within(Path::new("/srv/a"), Path::new("/srv/a")));
        assert!(!is_within(Path::new("/srv/ab"), Path::new("/srv/a")));
        assert!(!is_within(Path::new("/srv"), Path::new("/srv/a")));
    }
}
