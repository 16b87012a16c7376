//! The app model: what a valid spec says, in the product's words, with no source positions.
//!
//! `spec::load` turns TOML files into these types once every rule passes; the engine module
//! turns them into swarm services. Nothing here does I/O.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// The prefix of every Docker volume alacrity manages: label `my-volume` is volume `alacran--my-volume`.
pub const VOLUME_PREFIX: &str = "alacran--";

/// One app: becomes one swarm service of the same name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct App {
    pub name: String,
    pub image: String,
    pub persistent: bool,
    /// Desired number of running containers (at most 1 for a persistent app).
    pub instances: u64,
    /// Overrides the image's CMD.
    pub command: Option<Vec<String>>,
    /// Overrides the image's ENTRYPOINT.
    pub entrypoint: Option<Vec<String>>,
    pub env: BTreeMap<String, String>,
    /// User labels put on the service (alacrity's own labels are added on top).
    pub labels: BTreeMap<String, String>,
    pub ports: Vec<Port>,
    pub volumes: Vec<Volume>,
    /// The node a persistent app is pinned to, by hostname or ID, as the spec says it.
    pub node: Option<String>,
}

/// A published port: `published:target[/tcp|/udp]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Port {
    pub published: u16,
    pub target: u16,
    pub protocol: Protocol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        })
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}/{}", self.published, self.target, self.protocol)
    }
}

/// A persistent directory of an app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volume {
    pub source: VolumeSource,
    /// Absolute path inside the container.
    pub container_path: String,
    pub read_only: bool,
}

/// Where a persistent directory's data lives on the host.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeSource {
    /// A named volume managed by alacrity: `alacran--<label>`.
    Label(String),
    /// An existing directory on the node, bind-mounted.
    HostPath(PathBuf),
}

impl VolumeSource {
    /// The Docker volume name of a label (`alacran--<label>`), `None` for a host path.
    pub fn volume_name(&self) -> Option<String> {
        match self {
            VolumeSource::Label(label) => Some(volume_name(label)),
            VolumeSource::HostPath(_) => None,
        }
    }
}

impl fmt::Display for VolumeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VolumeSource::Label(label) => f.write_str(&volume_name(label)),
            VolumeSource::HostPath(path) => write!(f, "{}", path.display()),
        }
    }
}

/// `my-volume` -> `alacran--my-volume`; a name that already has the prefix is kept as is.
pub fn volume_name(label_or_name: &str) -> String {
    if label_or_name.starts_with(VOLUME_PREFIX) {
        label_or_name.to_string()
    } else {
        format!("{VOLUME_PREFIX}{label_or_name}")
    }
}

/// `alacran--my-volume` -> `Some("my-volume")`; `None` for a volume alacrity does not manage.
pub fn label_of(volume_name: &str) -> Option<&str> {
    volume_name
        .strip_prefix(VOLUME_PREFIX)
        .filter(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_volume_names() {
        assert_eq!(volume_name("my-volume"), "alacran--my-volume");
        assert_eq!(volume_name("alacran--my-volume"), "alacran--my-volume");
        assert_eq!(label_of("alacran--my-volume"), Some("my-volume"));
        assert_eq!(label_of("my-volume"), None);
        assert_eq!(label_of("alacran--"), None);
    }

    #[test]
    fn ports_print_like_docker() {
        let port = Port {
            published: 8080,
            target: 80,
            protocol: Protocol::Tcp,
        };
        assert_eq!(port.to_string(), "8080:80/tcp");
    }
}
