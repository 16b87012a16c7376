//! Whether alacrity runs on the machine of the node it talks to: host directories are deleted
//! on the machine alacrity runs on, so that must be the machine whose directories were recorded.
//!
//! A local socket is no proof (`ssh -L` tunnels another machine's socket to a local path), nor a
//! hostname. The proof used: the node's swarm certificate, under the engine's data directory, is
//! on this machine's disk and names the node (its CN is the node ID). Reading it needs the rights
//! of the engine's data directory (root, usually, as deleting what containers wrote does anyway).

use std::io::ErrorKind;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Where the certificate is, under the engine's data directory.
const CERTIFICATE: &str = "swarm/certificates/swarm-node.crt";

/// Why this machine is not, as far as alacrity can tell, the machine of node `node_id` whose
/// engine keeps its data in `data_root`; `None` when it is.
pub(crate) fn elsewhere(data_root: Option<&Path>, node_id: &str) -> Option<String> {
    let Some(root) = data_root else {
        return Some("the engine does not say where it keeps its data".into());
    };
    let certificate = root.join(CERTIFICATE);
    match std::fs::read_to_string(&certificate) {
        Ok(pem) if names(&pem, node_id) => None,
        Ok(_) => Some(format!(
            "{} on this machine belongs to another node",
            certificate.display()
        )),
        Err(err) if err.kind() == ErrorKind::NotFound => Some(format!(
            "the node's swarm certificate ({}) is not on this machine",
            certificate.display()
        )),
        Err(err) => Some(format!(
            "the node's swarm certificate ({}) cannot be read: {err} (run alacrity as root)",
            certificate.display()
        )),
    }
}

/// Whether a PEM certificate names the node: its DER bytes hold the node ID (the subject's CN).
fn names(pem: &str, node_id: &str) -> bool {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    !node_id.is_empty()
        && STANDARD.decode(body.as_bytes()).is_ok_and(|der| {
            der.windows(node_id.len())
                .any(|window| window == node_id.as_bytes())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pem_with(subject: &[u8]) -> String {
        let mut der = b"\x30\x82\x01\x00 some certificate bytes, CN=".to_vec();
        der.extend_from_slice(subject);
        der.extend_from_slice(b" and more");
        format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            STANDARD.encode(&der)
        )
    }

    #[test]
    fn the_certificate_must_name_the_node() {
        let pem = pem_with(b"t9kx1emga3jfvtx3zwneqs051");
        assert!(names(&pem, "t9kx1emga3jfvtx3zwneqs051"));
        assert!(!names(&pem, "eaz21pggfz8encngh5v4jrikh"));
        assert!(!names(&pem, ""));
        assert!(!names("not a certificate", "t9kx1emga3jfvtx3zwneqs051"));
    }

    #[test]
    fn a_certificate_on_disk_is_found_under_the_data_root() {
        let root = tempfile::tempdir().unwrap();
        let node = "t9kx1emga3jfvtx3zwneqs051";
        let missing = elsewhere(Some(root.path()), node).unwrap();
        assert!(missing.contains("is not on this machine"), "{missing}");
        let dir = root.path().join("swarm/certificates");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("swarm-node.crt"), pem_with(node.as_bytes())).unwrap();
        assert_eq!(elsewhere(Some(root.path()), node), None);
        let other = elsewhere(Some(root.path()), "eaz21pggfz8encngh5v4jrikh").unwrap();
        assert!(other.contains("belongs to another node"), "{other}");
        assert!(elsewhere(None, node).is_some());
    }
}
