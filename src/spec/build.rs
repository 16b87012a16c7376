//! Raw apps that passed every rule -> the model.
//!
//! Only called once the rules found nothing, so every value here is known to be well formed;
//! anything that would not convert is skipped rather than unwrapped, so that a gap between a
//! rule and this code can never become a panic.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::model::{App, Port, Volume, VolumeSource};
use super::paths::normalize_absolute;
use super::raw::{Entry, RawApp, RawVolume, Span};
use super::source::Source;
use super::{AppOrigin, Origin};

pub fn app(raw: &RawApp) -> App {
    App {
        name: raw.name.clone(),
        image: raw
            .image
            .as_ref()
            .map(|f| f.value.clone())
            .unwrap_or_default(),
        persistent: raw.persistent() == Some(true),
        instances: raw
            .instances
            .as_ref()
            .map_or(1, |f| f.value.max(0).unsigned_abs()),
        command: raw.command.as_ref().map(|f| f.value.clone()),
        entrypoint: raw.entrypoint.as_ref().map(|f| f.value.clone()),
        env: table(&raw.env),
        labels: table(&raw.labels),
        ports: raw
            .ports
            .iter()
            .filter_map(|f| f.value.parse::<Port>().ok())
            .collect(),
        volumes: raw.volumes().iter().filter_map(volume).collect(),
        node: raw.node.as_ref().map(|f| f.value.clone()),
    }
}

fn table(entries: &[Entry]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|entry| (entry.key.clone(), entry.value.clone()))
        .collect()
}

fn volume(raw: &RawVolume) -> Option<Volume> {
    let source = match (&raw.label, &raw.host_path) {
        (Some(label), None) => VolumeSource::Label(label.value.clone()),
        (None, Some(path)) => VolumeSource::HostPath(clean(&path.value)?),
        _ => return None,
    };
    let container_path = clean(&raw.container_path.as_ref()?.value)?;
    Some(Volume {
        source,
        container_path: container_path.to_string_lossy().into_owned(),
        read_only: raw.read_only.as_ref().is_some_and(|f| f.value),
    })
}

/// Paths in the model are normalized (`/srv//data/` is `/srv/data`), so that comparing them,
/// and the deploy's diff, do not depend on how the spec wrote them.
fn clean(path: &str) -> Option<PathBuf> {
    normalize_absolute(path).ok()
}

/// Where the parts of an app are, for diagnostics made after loading.
pub fn origin(source: &Source, raw: &RawApp) -> AppOrigin {
    let at = |span: &Span| {
        let position = source.position(span.start);
        Origin {
            line: position.line,
            column: position.column,
            snippet: source.snippet(span.clone()),
        }
    };
    AppOrigin {
        name: at(&raw.name_span),
        node: raw.node.as_ref().map(|f| at(&f.span)),
        instances: raw.instances.as_ref().map(|f| at(&f.span)),
        volumes: raw
            .volumes()
            .iter()
            .filter_map(|v| v.label.as_ref().or(v.host_path.as_ref()))
            .map(|f| at(&f.span))
            .collect(),
        ports: raw.ports.iter().map(|f| at(&f.span)).collect(),
    }
}
