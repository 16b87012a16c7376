//! Images: which registry an image comes from, when its tag is resolved to a digest, what a
//! failed resolution means, and how a pinned image (`name:tag@sha256:...`) reads.
//!
//! A deploy pins every image to the digest its tag points at, so that every node runs the same
//! bytes and a new push to the same tag is an update the next deploy sees (as `docker stack
//! deploy` does with `--resolve-image always`).

/// The registry of Docker Hub, as images name it (or leave it out).
pub const DOCKER_HUB: &str = "docker.io";

/// When tags are resolved to digests (docker's `--resolve-image`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResolveMode {
    /// At every deploy: a new push to the tag is an update.
    #[default]
    Always,
    /// Only for a new app, or an app whose image (as written) changed.
    Changed,
    /// Never: images are deployed as written.
    Never,
}

/// The registry (host, or host:port) an image reference names: its first component when that
/// looks like a host (a `.` or a `:`, or `localhost`), else Docker Hub.
pub fn registry_of(image: &str) -> &str {
    let name = without_digest(image);
    match name.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first,
        _ => DOCKER_HUB,
    }
}

/// The image without its `@digest`, if it has one.
pub fn without_digest(image: &str) -> &str {
    image.split_once('@').map_or(image, |(name, _)| name)
}

/// The `@digest` of an image reference, if it has one.
pub fn digest_of(image: &str) -> Option<&str> {
    image.split_once('@').map(|(_, digest)| digest)
}

/// The image with its tag, `:latest` when it names none (what an untagged image means).
pub fn tagged(image: &str) -> String {
    let name = without_digest(image);
    let last = name.rsplit('/').next().unwrap_or(name);
    match last.contains(':') {
        true => name.to_string(),
        false => format!("{name}:latest"),
    }
}

/// The image pinned to `digest`: `name:tag@digest`.
pub fn pinned(image: &str, digest: &str) -> String {
    format!("{}@{digest}", tagged(image))
}

/// A digest shortened for a table: `sha256:` and 12 hex digits.
pub fn short_digest(digest: &str) -> &str {
    let end = digest
        .find(':')
        .map_or(12, |colon| colon + 1 + 12)
        .min(digest.len());
    &digest[..end]
}

/// An image for people: the tag, and the short digest when pinned.
pub fn shown(image: &str) -> String {
    match digest_of(image) {
        Some(digest) => format!("{}@{}", without_digest(image), short_digest(digest)),
        None => image.to_string(),
    }
}

/// What a deploy does with an app's image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageChoice {
    /// Ask the registry what the tag points at now.
    Resolve,
    /// Keep the deployed (pinned) image: the spec's image is the one deployed, and it is not to
    /// be resolved again.
    Keep(String),
    /// Deploy the image as written (the spec pins a digest itself, or resolving is off).
    AsWritten,
}

/// What to do with `written` (the spec's image) when the app's service runs `deployed`.
pub fn choose(mode: ResolveMode, written: &str, deployed: Option<&str>) -> ImageChoice {
    if digest_of(written).is_some() {
        return ImageChoice::AsWritten;
    }
    let same = deployed.filter(|deployed| tagged(deployed) == tagged(written));
    match (mode, same) {
        (ResolveMode::Always, _) => ImageChoice::Resolve,
        (_, Some(deployed)) => ImageChoice::Keep(deployed.to_string()),
        (ResolveMode::Changed, None) => ImageChoice::Resolve,
        (ResolveMode::Never, None) => ImageChoice::AsWritten,
    }
}

/// Why a registry gave no digest for an image (what the engine's distribution endpoint said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveFailure {
    /// No answer from the registry: unreachable, no such host, no network.
    Unreachable(String),
    /// The registry wants credentials, or refused those given.
    Unauthorized(String),
    /// The registry has no such repository or tag.
    NotFound(String),
    /// The registry's TLS certificate does not verify.
    UnknownCertificate(String),
    /// The credentials could not be read (a credential helper missing or failing).
    Credentials(String),
    Other(String),
}

/// What a deploy did with one app's image, for the words (`-v`, notes, refusals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageResolution {
    pub app: String,
    /// The image as the spec writes it.
    pub written: String,
    /// The image the service runs: pinned, kept, or as written.
    pub deployed: String,
    pub outcome: Outcome,
    /// Where the registry's credentials came from, when some were used (never the secret).
    pub credentials: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Resolved to this digest.
    Pinned(String),
    /// Not resolved: the deployed image stays (`--resolve-image changed` or `never`).
    Kept,
    /// Not resolved: the spec pins a digest itself, or resolving is off.
    AsWritten,
    /// Not resolved, deployed by tag (or as deployed before): the registry could not say.
    ByTag(ResolveFailure),
    /// Not resolved, and refused: no deploy.
    Refused(ResolveFailure),
}

/// What becomes of an app whose image could not be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// Deployed by tag (or as deployed before), with a note: each node uses its own copy.
    ByTag,
    /// Refused before any write: no node could pull it, or not with these credentials.
    Refuse,
}

/// The verdict on a failed resolution. A registry that cannot be reached says nothing about the
/// image: by tag, as the docker CLI does. A registry that answers no (no such image, refused
/// credentials, an untrusted certificate) is final, unless the image is on the engine's node
/// already (built or imported there: then no registry was meant). Unreadable credentials are
/// always refused: deploying without them would fail on the workers.
pub fn verdict(failure: &ResolveFailure, on_engine_node: bool) -> Unresolved {
    match failure {
        ResolveFailure::Unreachable(_) | ResolveFailure::Other(_) => Unresolved::ByTag,
        ResolveFailure::Credentials(_) => Unresolved::Refuse,
        ResolveFailure::Unauthorized(_)
        | ResolveFailure::NotFound(_)
        | ResolveFailure::UnknownCertificate(_) => match on_engine_node {
            true => Unresolved::ByTag,
            false => Unresolved::Refuse,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "sha256:3f2a9c1e0b7d5a4f6e8c9b0a1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6";

    #[test]
    fn the_registry_is_the_first_component_when_it_is_a_host() {
        assert_eq!(registry_of("busybox"), DOCKER_HUB);
        assert_eq!(registry_of("library/busybox:1"), DOCKER_HUB);
        assert_eq!(registry_of("org/app:latest"), DOCKER_HUB);
        assert_eq!(registry_of("ghcr.io/org/app:latest"), "ghcr.io");
        assert_eq!(
            registry_of("registry.example.com/todo-web:1.4.2"),
            "registry.example.com"
        );
        assert_eq!(registry_of("10.250.1.1:5001/app:1"), "10.250.1.1:5001");
        assert_eq!(registry_of("localhost/app"), "localhost");
        assert_eq!(registry_of(&format!("ghcr.io/x/y:1@{SHA}")), "ghcr.io");
    }

    #[test]
    fn tags_and_digests() {
        assert_eq!(tagged("busybox"), "busybox:latest");
        assert_eq!(tagged("10.250.1.1:5001/app"), "10.250.1.1:5001/app:latest");
        assert_eq!(tagged("10.250.1.1:5001/app:2"), "10.250.1.1:5001/app:2");
        assert_eq!(pinned("postgres:16", SHA), format!("postgres:16@{SHA}"));
        assert_eq!(pinned("busybox", SHA), format!("busybox:latest@{SHA}"));
        assert_eq!(
            pinned(&format!("busybox:1@{SHA}"), SHA),
            format!("busybox:1@{SHA}")
        );
        assert_eq!(digest_of(&format!("busybox:1@{SHA}")), Some(SHA));
        assert_eq!(without_digest(&format!("busybox:1@{SHA}")), "busybox:1");
        assert_eq!(short_digest(SHA), "sha256:3f2a9c1e0b7d");
        assert_eq!(short_digest("sha256:ab"), "sha256:ab");
        assert_eq!(
            shown(&format!("busybox:1@{SHA}")),
            "busybox:1@sha256:3f2a9c1e0b7d"
        );
        assert_eq!(shown("busybox:1"), "busybox:1");
    }

    #[test]
    fn always_resolves_changed_only_a_new_image_never_keeps_what_runs() {
        let deployed = format!("app:1@{SHA}");
        use ImageChoice::*;
        assert_eq!(
            choose(ResolveMode::Always, "app:1", Some(&deployed)),
            Resolve
        );
        assert_eq!(choose(ResolveMode::Always, "app:1", None), Resolve);
        assert_eq!(
            choose(ResolveMode::Changed, "app:1", Some(&deployed)),
            Keep(deployed.clone())
        );
        assert_eq!(
            choose(ResolveMode::Changed, "app:2", Some(&deployed)),
            Resolve
        );
        assert_eq!(choose(ResolveMode::Changed, "app:1", None), Resolve);
        assert_eq!(
            choose(ResolveMode::Never, "app:1", Some(&deployed)),
            Keep(deployed.clone())
        );
        assert_eq!(
            choose(ResolveMode::Never, "app:2", Some(&deployed)),
            AsWritten
        );
        assert_eq!(choose(ResolveMode::Never, "app:1", None), AsWritten);
        // An untagged image is :latest.
        let latest = format!("app:latest@{SHA}");
        assert_eq!(
            choose(ResolveMode::Never, "app", Some(&latest)),
            Keep(latest)
        );
        // A digest in the spec is deployed as written.
        let written = format!("app:1@{SHA}");
        assert_eq!(choose(ResolveMode::Always, &written, None), AsWritten);
    }

    #[test]
    fn an_unreachable_registry_deploys_by_tag_a_refusal_is_final_unless_the_image_is_local() {
        let no = |failure: ResolveFailure| (verdict(&failure, false), verdict(&failure, true));
        use Unresolved::*;
        assert_eq!(no(ResolveFailure::Unreachable("x".into())), (ByTag, ByTag));
        assert_eq!(
            no(ResolveFailure::Unauthorized("x".into())),
            (Refuse, ByTag)
        );
        assert_eq!(no(ResolveFailure::NotFound("x".into())), (Refuse, ByTag));
        assert_eq!(
            no(ResolveFailure::UnknownCertificate("x".into())),
            (Refuse, ByTag)
        );
        assert_eq!(
            no(ResolveFailure::Credentials("x".into())),
            (Refuse, Refuse)
        );
        assert_eq!(no(ResolveFailure::Other("x".into())), (ByTag, ByTag));
    }
}
