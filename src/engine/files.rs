//! Secrets and config files in the swarm (see `core::files`): the objects alacrity made, listed by
//! its label; one created for a content (found again when it exists: its name carries the
//! content's hash); one removed when no service uses it. The content goes to the engine in the
//! create call's body only: never into a trace (methods and paths), a label or an error.

use std::collections::HashMap;

use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::models::{ConfigSpec, SecretSpec};
use bollard::query_parameters::{ListConfigsOptions, ListSecretsOptions};

use super::Engine;
use super::error::{engine_error, is_conflict, is_not_found};
use crate::core::files::{FileKind, ManagedObject, object_labels, object_name};
use crate::core::labels;

impl Engine {
    /// Every secret and config alacrity made, with the app each was made for.
    pub(crate) async fn managed_files(&self) -> anyhow::Result<Vec<ManagedObject>> {
        let filters = || {
            Some(HashMap::from([(
                "label".to_string(),
                vec![format!("{}=true", labels::MANAGED)],
            )]))
        };
        let (secrets, configs) = tokio::join!(
            self.docker
                .list_secrets(Some(ListSecretsOptions { filters: filters() })),
            self.docker
                .list_configs(Some(ListConfigsOptions { filters: filters() })),
        );
        let secrets = secrets
            .map_err(engine_error)
            .context("cannot list the swarm's secrets")?;
        let configs = configs
            .map_err(engine_error)
            .context("cannot list the swarm's configs")?;
        let object = |kind,
                      id: Option<String>,
                      spec_name: Option<String>,
                      spec_labels: Option<HashMap<String, String>>| {
            let labels = spec_labels.unwrap_or_default();
            Some(ManagedObject {
                kind,
                id: id?,
                name: spec_name?,
                app: labels.get(labels::APP)?.clone(),
            })
        };
        let mut objects: Vec<ManagedObject> = secrets
            .into_iter()
            .filter_map(|secret| {
                let spec = secret.spec.unwrap_or_default();
                object(FileKind::Secret, secret.id, spec.name, spec.labels)
            })
            .collect();
        objects.extend(configs.into_iter().filter_map(|config| {
            let spec = config.spec.unwrap_or_default();
            object(FileKind::Config, config.id, spec.name, spec.labels)
        }));
        Ok(objects)
    }

    /// The object of an app's file with this content: created, or found when it exists already
    /// (another deploy made it). Returns its ID and name.
    pub(crate) async fn file_object(
        &self,
        kind: FileKind,
        app: &str,
        file: &str,
        digest: &str,
        content: &[u8],
    ) -> anyhow::Result<(String, String)> {
        let name = object_name(app, file, digest);
        let labels: HashMap<String, String> =
            object_labels(kind, app, file, digest).into_iter().collect();
        let data = Some(STANDARD.encode(content));
        let created = match kind {
            FileKind::Secret => {
                let spec = SecretSpec {
                    name: Some(name.clone()),
                    labels: Some(labels),
                    data,
                    ..Default::default()
                };
                self.docker.create_secret(spec).await
            }
            FileKind::Config => {
                let spec = ConfigSpec {
                    name: Some(name.clone()),
                    labels: Some(labels),
                    data,
                    ..Default::default()
                };
                self.docker.create_config(spec).await
            }
        };
        let what = format!("the {} {file} of `{app}` ({name})", kind.word());
        match created {
            Ok(response) => Ok((response.id, name)),
            Err(err) if is_conflict(&err) => {
                let found = self
                    .managed_files()
                    .await?
                    .into_iter()
                    .find(|object| object.kind == kind && object.name == name)
                    .with_context(|| {
                        format!(
                            "cannot create {what}: a {} of that name exists, and alacrity did \
                             not make it; remove or rename it (`docker {} rm {name}`)",
                            kind.word(),
                            kind.word()
                        )
                    })?;
                Ok((found.id, name))
            }
            Err(err) => Err(engine_error(err)).with_context(|| format!("cannot create {what}")),
        }
    }

    /// Removes an object alacrity made; one gone already is fine.
    pub(crate) async fn remove_file_object(&self, object: &ManagedObject) -> anyhow::Result<()> {
        let removed = match object.kind {
            FileKind::Secret => self.docker.delete_secret(&object.id).await,
            FileKind::Config => self.docker.delete_config(&object.id).await,
        };
        match removed {
            Ok(()) => Ok(()),
            Err(err) if is_not_found(&err) => Ok(()),
            Err(err) => Err(engine_error(err)).with_context(|| {
                format!(
                    "cannot remove the {} {} of `{}`",
                    object.kind.word(),
                    object.name,
                    object.app
                )
            }),
        }
    }
}
