//! Secrets and config files in the swarm (see `core::files`): the objects alacrity made, listed by
//! its label; one created for a content (found again when it exists: its name carries the
//! content's hash); one removed when no service uses it. The content goes to the engine in the
//! create call's body only: never into a trace (methods and paths), a label or an error.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::models::{ConfigSpec, SecretSpec, ServiceSpec};
use bollard::query_parameters::{ListConfigsOptions, ListSecretsOptions};
use futures_util::future::try_join_all;

use super::Engine;
use super::error::{engine_error, is_conflict, is_not_found};
use crate::core::files::{FileKind, ManagedObject, object_labels, object_name, unused};
use crate::core::{labels, mapping};
use crate::spec::App;

impl Engine {
    /// Every secret and config alacrity made, with the app each was made for.
    pub(crate) async fn managed_files(&self) -> anyhow::Result<Vec<ManagedObject>> {
        // Only secrets and configs of apps: alacrity's other configs (the records of
        // persistent data, the lock) carry its label too, and are never these.
        let filters = || {
            Some(HashMap::from([(
                "label".to_string(),
                vec![
                    format!("{}=true", labels::MANAGED),
                    labels::FILE_KIND.to_string(),
                ],
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

    /// `spec` of `app` with the IDs of its secrets and configs, each object made first when it
    /// is not there yet (a new content is a new object: the service moves to it).
    pub(crate) async fn with_files(
        &self,
        app: &App,
        spec: ServiceSpec,
    ) -> anyhow::Result<ServiceSpec> {
        if app.files.is_empty() {
            return Ok(spec);
        }
        let made = try_join_all(app.files.iter().map(|file| async move {
            let content = file.content.as_ref().with_context(|| {
                format!(
                    "the content of the {} {} of `{}` is not known",
                    file.kind.word(),
                    file.name,
                    app.name
                )
            })?;
            self.file_object(
                file.kind,
                &app.name,
                &file.name,
                &content.digest,
                content.bytes(),
            )
            .await
            .map(|(id, name)| (name, id))
        }))
        .await?;
        let ids: HashMap<String, String> = made.into_iter().collect();
        Ok(mapping::with_file_ids(spec, &ids))
    }

    /// Removes the secrets and configs alacrity made for `apps` that no service uses any more
    /// (after a deploy converged: the old contents; after `apps rm`: all of theirs). Returns
    /// the objects removed.
    pub async fn remove_unused_files(&self, apps: &[&str]) -> anyhow::Result<Vec<ManagedObject>> {
        let objects: Vec<ManagedObject> = self
            .managed_files()
            .await?
            .into_iter()
            .filter(|object| apps.contains(&object.app.as_str()))
            .collect();
        if objects.is_empty() {
            return Ok(Vec::new());
        }
        let in_use = self.referenced_files(apps).await?;
        let in_use: HashSet<&str> = in_use.iter().map(String::as_str).collect();
        let unused: Vec<ManagedObject> = unused(&objects, &in_use).into_iter().cloned().collect();
        try_join_all(unused.iter().map(|object| self.remove_file_object(object))).await?;
        Ok(unused)
    }

    /// The IDs of the secrets and configs every service of the swarm refers to, in its spec or,
    /// for an app of these, in its previous spec (what `apps rollback` and the swarm's own
    /// rollback return to).
    async fn referenced_files(&self, apps: &[&str]) -> anyhow::Result<Vec<String>> {
        let services = self.every_service().await?;
        let mut specs = Vec::new();
        for service in services {
            let name = service.spec.as_ref().and_then(|spec| spec.name.clone());
            if let (Some(id), Some(name)) = (&service.id, name)
                && apps.contains(&name.as_str())
            {
                specs.extend(self.previous_spec(id).await?);
            }
            specs.extend(service.spec);
        }
        let mut ids = Vec::new();
        for container in specs
            .into_iter()
            .filter_map(|spec| spec.task_template?.container_spec)
        {
            ids.extend(
                container
                    .secrets
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.secret_id),
            );
            ids.extend(
                container
                    .configs
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.config_id),
            );
        }
        Ok(ids)
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
