//! Images at deploy: each tag resolved to its digest through the engine's distribution endpoint
//! (the engine asks the registry, with the credentials given), and the credentials sent with each
//! service written so that every node can pull (`X-Registry-Auth`).

use std::collections::HashMap;

use bollard::auth::DockerCredentials;
use bollard::errors::Error;
use futures_util::future::join_all;

use super::Engine;
use super::credentials::{Credentials, config_dir, credentials};
use super::error::{engine_error, resolve_failure};
use crate::core::images::{
    ImageChoice, ImageResolution, Outcome, ResolveFailure, ResolveMode, Unresolved, choose, pinned,
    registry_of, tagged, verdict,
};
use crate::core::plan::{Problem, ProblemKind};
use crate::core::services::DeployedApp;
use crate::spec::App;

/// How a command treats images: when tags are resolved, and whether credentials go with the
/// services (docker's `--resolve-image` and `--with-registry-auth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageOptions {
    pub resolve: ResolveMode,
    pub send_credentials: bool,
}

impl Default for ImageOptions {
    fn default() -> Self {
        ImageOptions {
            resolve: ResolveMode::Always,
            send_credentials: true,
        }
    }
}

impl Engine {
    /// How this engine's commands treat images.
    pub fn with_images(mut self, options: ImageOptions) -> Self {
        self.images = options;
        self
    }

    /// The credentials of a registry, looked up once per command.
    pub(crate) async fn credentials_of(
        &self,
        registry: &str,
    ) -> Result<Option<Credentials>, String> {
        let mut cache = self.credentials.lock().await;
        if let Some(found) = cache.get(registry) {
            return found.clone();
        }
        let found = credentials(registry, &config_dir()).await;
        cache.insert(registry.to_string(), found.clone());
        found
    }

    /// What goes in `X-Registry-Auth` with a service running `image`: its registry's
    /// credentials, unless the command says not to send them.
    pub(crate) async fn service_credentials(
        &self,
        image: &str,
    ) -> anyhow::Result<Option<DockerCredentials>> {
        if !self.images.send_credentials {
            return Ok(None);
        }
        let registry = registry_of(image);
        match self.credentials_of(registry).await {
            Ok(found) => Ok(found.map(|c| c.docker)),
            Err(why) => Err(anyhow::anyhow!(
                "cannot read the credentials of the registry {registry} for {image}: {why}"
            )),
        }
    }

    /// The image each app deploys: pinned to the digest its tag points at now, kept as
    /// deployed, or as written (see `core::images::choose`), with what happened to each, and a
    /// problem for each image that cannot be deployed. `earlier`: the resolutions of a plan of
    /// the same command, reused (a plan made again under the lock asks no registry again).
    pub(crate) async fn images_of(
        &self,
        apps: &[App],
        deployed: &dyn Fn(&str) -> Option<DeployedApp>,
        earlier: Option<&[ImageResolution]>,
    ) -> anyhow::Result<(Vec<App>, Vec<ImageResolution>, Vec<Problem>)> {
        if let Some(earlier) = earlier {
            let images: HashMap<&str, &ImageResolution> =
                earlier.iter().map(|r| (r.app.as_str(), r)).collect();
            let apps = apps
                .iter()
                .map(|app| {
                    let mut app = app.clone();
                    if let Some(resolution) = images.get(app.name.as_str()) {
                        app.image = resolution.deployed.clone();
                    }
                    app
                })
                .collect();
            return Ok((apps, earlier.to_vec(), Vec::new()));
        }
        let resolutions = join_all(apps.iter().map(|app| async move {
            let current = deployed(&app.name).map(|current| current.app.image);
            let choice = choose(self.images.resolve, &app.image, current.as_deref());
            self.resolution(app, choice, current.as_deref()).await
        }))
        .await;
        let mut pinned_apps = Vec::new();
        let mut problems = Vec::new();
        let mut done = Vec::new();
        for (app, resolution) in apps.iter().zip(resolutions) {
            let resolution = resolution?;
            if let Outcome::Refused(failure) = &resolution.outcome {
                problems.push(Problem {
                    app: Some(app.name.clone()),
                    kind: ProblemKind::Image {
                        image: app.image.clone(),
                        registry: registry_of(&app.image).to_string(),
                        failure: failure.clone(),
                    },
                });
            }
            let mut app = app.clone();
            app.image = resolution.deployed.clone();
            pinned_apps.push(app);
            done.push(resolution);
        }
        Ok((pinned_apps, done, problems))
    }

    async fn resolution(
        &self,
        app: &App,
        choice: ImageChoice,
        current: Option<&str>,
    ) -> anyhow::Result<ImageResolution> {
        let made = |deployed: String, outcome| ImageResolution {
            app: app.name.clone(),
            written: app.image.clone(),
            deployed,
            outcome,
            credentials: None,
        };
        match choice {
            ImageChoice::AsWritten => return Ok(made(app.image.clone(), Outcome::AsWritten)),
            ImageChoice::Keep(image) => return Ok(made(image, Outcome::Kept)),
            ImageChoice::Resolve => {}
        }
        let registry = registry_of(&app.image);
        let credentials = match self.credentials_of(registry).await {
            Ok(found) => found,
            Err(why) => {
                return Ok(made(
                    app.image.clone(),
                    Outcome::Refused(ResolveFailure::Credentials(why)),
                ));
            }
        };
        let source = credentials.as_ref().map(|c| c.source.clone());
        let asked = self
            .docker
            .inspect_registry_image(&app.image, credentials.map(|c| c.docker))
            .await;
        let mut resolution = match asked {
            Ok(inspect) => match inspect.descriptor.digest {
                Some(digest) => made(pinned(&app.image, &digest), Outcome::Pinned(digest)),
                None => {
                    let failure = ResolveFailure::Other("the registry gave no digest".into());
                    self.unresolved(app, failure, current).await
                }
            },
            Err(err) if is_transport(&err) => {
                return Err(engine_error(err)).map_err(|err| {
                    err.context(format!("cannot ask for the digest of {}", app.image))
                });
            }
            Err(err) => self.unresolved(app, resolve_failure(&err), current).await,
        };
        resolution.credentials = source;
        Ok(resolution)
    }

    /// A failed resolution: by tag (or as deployed before, when the spec's image is the one
    /// deployed: a registry out of reach unpins nothing), or refused.
    async fn unresolved(
        &self,
        app: &App,
        failure: ResolveFailure,
        current: Option<&str>,
    ) -> ImageResolution {
        let local = self.has_image(&app.image).await;
        let (deployed, outcome) = match verdict(&failure, local) {
            Unresolved::ByTag => (
                kept_or_written(&app.image, current),
                Outcome::ByTag(failure),
            ),
            Unresolved::Refuse => (app.image.clone(), Outcome::Refused(failure)),
        };
        ImageResolution {
            app: app.name.clone(),
            written: app.image.clone(),
            deployed,
            outcome,
            credentials: None,
        }
    }

    /// Whether the engine's node has the image (built or imported there).
    async fn has_image(&self, image: &str) -> bool {
        self.docker.inspect_image(image).await.is_ok()
    }
}

/// The deployed image when it is the spec's (the same tag), else the spec's.
fn kept_or_written(written: &str, current: Option<&str>) -> String {
    match current {
        Some(current) if tagged(current) == tagged(written) => current.to_string(),
        _ => written.to_string(),
    }
}

/// Whether the engine itself did not answer (rather than the registry through it).
fn is_transport(err: &Error) -> bool {
    !matches!(err, Error::DockerResponseServerError { .. })
}
