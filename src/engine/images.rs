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
        let choices: Vec<(ImageChoice, Option<String>)> = apps
            .iter()
            .map(|app| {
                let current = deployed(&app.name).map(|current| current.app.image);
                (
                    choose(self.images.resolve, &app.image, current.as_deref()),
                    current,
                )
            })
            .collect();
        // Each image is asked about once, however many apps run it.
        let mut wanted: Vec<&str> = apps
            .iter()
            .zip(&choices)
            .filter(|(_, (choice, _))| *choice == ImageChoice::Resolve)
            .map(|(app, _)| app.image.as_str())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let answers = join_all(wanted.iter().map(|image| self.ask(image))).await;
        let mut answered = HashMap::new();
        for (image, answer) in wanted.into_iter().zip(answers) {
            answered.insert(image, answer?);
        }
        let mut pinned_apps = Vec::new();
        let mut problems = Vec::new();
        let mut done = Vec::new();
        for (app, (choice, current)) in apps.iter().zip(choices) {
            let answer = answered.get(app.image.as_str());
            let resolution = resolution_of(app, choice, current.as_deref(), answer);
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

    /// What the registry says of an image's tag, asked through the engine with the registry's
    /// credentials; on a failure, whether the engine's node has the image.
    async fn ask(&self, image: &str) -> anyhow::Result<Answer> {
        let registry = registry_of(image);
        let credentials = match self.credentials_of(registry).await {
            Ok(found) => found,
            Err(why) => {
                return Ok(Answer {
                    digest: Err(ResolveFailure::Credentials(why)),
                    on_engine_node: false,
                    credentials: None,
                });
            }
        };
        let source = credentials.as_ref().map(|c| c.source.clone());
        let asked = self
            .docker
            .inspect_registry_image(image, credentials.map(|c| c.docker))
            .await;
        let digest = match asked {
            Ok(inspect) => inspect
                .descriptor
                .digest
                .ok_or_else(|| ResolveFailure::Other("the registry gave no digest".into())),
            Err(err) if is_transport(&err) => {
                return Err(engine_error(err))
                    .map_err(|err| err.context(format!("cannot ask for the digest of {image}")));
            }
            Err(err) => Err(resolve_failure(&err)),
        };
        let on_engine_node = match &digest {
            Ok(_) => false,
            Err(_) => self.has_image(image).await,
        };
        Ok(Answer {
            digest,
            on_engine_node,
            credentials: source,
        })
    }

    /// Whether the engine's node has the image (built or imported there).
    async fn has_image(&self, image: &str) -> bool {
        self.docker.inspect_image(image).await.is_ok()
    }
}

/// What the registry said of one image.
#[derive(Debug, Clone)]
struct Answer {
    digest: Result<String, ResolveFailure>,
    /// Whether the engine's node has the image (asked only when the registry gave no digest).
    on_engine_node: bool,
    /// Where the credentials used came from.
    credentials: Option<String>,
}

/// What becomes of an app's image, given the choice and, when resolved, the registry's answer.
fn resolution_of(
    app: &App,
    choice: ImageChoice,
    current: Option<&str>,
    answer: Option<&Answer>,
) -> ImageResolution {
    let (deployed, outcome) = match (choice, answer) {
        (ImageChoice::Keep(image), _) => (image, Outcome::Kept),
        (ImageChoice::AsWritten, _) | (ImageChoice::Resolve, None) => {
            (app.image.clone(), Outcome::AsWritten)
        }
        (ImageChoice::Resolve, Some(answer)) => match &answer.digest {
            Ok(digest) => (pinned(&app.image, digest), Outcome::Pinned(digest.clone())),
            Err(failure) => match verdict(failure, answer.on_engine_node) {
                Unresolved::ByTag => (
                    kept_or_written(&app.image, current),
                    Outcome::ByTag(failure.clone()),
                ),
                Unresolved::Refuse => (app.image.clone(), Outcome::Refused(failure.clone())),
            },
        },
    };
    ImageResolution {
        app: app.name.clone(),
        written: app.image.clone(),
        deployed,
        outcome,
        credentials: answer.and_then(|a| a.credentials.clone()),
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
