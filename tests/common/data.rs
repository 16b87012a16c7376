//! Data that must survive faults: files written into an app's persistent directories through its
//! container, and their checksums, taken before a fault and compared after it.
//!
//! A checksum is one `SHA256  ./relative/path` line per file, sorted by path: equal checksums mean
//! the same files with the same contents. [`checksum_in`] computes it inside a container
//! (busybox `sha256sum`), [`checksum_on_host`] on the host, in the same format, so a bind-mounted
//! directory can be checked from both sides.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::common::engine::{Swarm, lines};
use crate::common::stdout;
use crate::common::wait::{secs, wait_for};

/// The running container of `service` on node `node`, waiting (bounded) for one whose ID is not
/// `not` (the one a fault just replaced).
#[track_caller]
pub fn running_container(swarm: &Swarm, node: usize, service: &str, not: Option<&str>) -> String {
    let label = format!("label=com.docker.swarm.service.name={service}");
    wait_for(secs(90), &format!("a container of {service} runs"), || {
        let out = swarm.docker_on(
            node,
            &[
                "ps",
                "-q",
                "--no-trunc",
                "--filter",
                &label,
                "--filter",
                "status=running",
            ],
        );
        let ids = stdout(&out);
        let id = lines(&ids).find(|id| Some(*id) != not)?.to_string();
        Some(id)
    })
}

/// Runs a shell script in a container; panics if it fails; its trimmed stdout.
#[track_caller]
pub fn exec_in(swarm: &Swarm, node: usize, container: &str, script: &str) -> String {
    swarm.docker_ok_on(node, &["exec", container, "sh", "-c", script])
}

/// Writes files of random content under `dir` in the container (small and large, in a
/// subdirectory too) and returns their checksum.
#[track_caller]
pub fn write_files(swarm: &Swarm, node: usize, container: &str, dir: &str) -> String {
    exec_in(
        swarm,
        node,
        container,
        &format!(
            "set -e; mkdir -p {dir}/sub; echo 'row 1' > {dir}/table.txt; \
             head -c 300000 /dev/urandom > {dir}/sub/blob; \
             for i in 1 2 3; do head -c 4096 /dev/urandom > {dir}/sub/page$i; done; sync"
        ),
    );
    let sum = checksum_in(swarm, node, container, dir);
    assert_eq!(
        lines(&sum).count(),
        5,
        "five files written under {dir}: {sum}"
    );
    sum
}

/// The checksum of every file under `dir` in the container.
#[track_caller]
pub fn checksum_in(swarm: &Swarm, node: usize, container: &str, dir: &str) -> String {
    exec_in(
        swarm,
        node,
        container,
        &format!("cd {dir} && find . -type f | sort | xargs -r sha256sum"),
    )
}

/// The checksum of every file under `dir` on the host, in [`checksum_in`]'s format.
#[track_caller]
pub fn checksum_on_host(dir: &Path) -> String {
    let mut files = Vec::new();
    collect_files(dir, Path::new("."), &mut files);
    // Sorted as text, as `sort` does in the container.
    let mut files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    files.sort();
    files
        .iter()
        .map(|relative| {
            let bytes = fs::read(dir.join(relative))
                .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"));
            let hash: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{hash}  {relative}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn collect_files(root: &Path, relative: &Path, out: &mut Vec<std::path::PathBuf>) {
    let dir = root.join(relative);
    let entries =
        fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("read a directory entry");
        let path = relative.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            collect_files(root, &path, out);
        } else if kind.is_file() {
            out.push(path);
        }
    }
}
