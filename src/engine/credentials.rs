//! The docker CLI's registry credentials, found as `docker` finds them: in the configuration
//! directory (`DOCKER_CONFIG`, else `~/.docker`), `config.json`'s `credHelpers` (one helper per
//! registry), then `credsStore` (one helper for all), then `auths` (what `docker login` wrote
//! without a helper). A helper is the program `docker-credential-NAME`, asked with `get` and the
//! registry's address on its standard input.
//!
//! The secrets go to the engine in the `X-Registry-Auth` header only: never into output, traces
//! (which show methods and paths), labels or errors. [`Credentials`]' `Debug` hides them.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bollard::auth::DockerCredentials;
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::core::images::DOCKER_HUB;

/// How long a credential helper may take (a desktop keychain may prompt: no CI job waits for it).
const HELPER_TIMEOUT: Duration = Duration::from_secs(30);

/// The address config.json and helpers know Docker Hub by.
const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

/// A registry's credentials, for the `X-Registry-Auth` header.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) docker: DockerCredentials,
    /// Where they were found, for `-v` (never the secret).
    pub(crate) source: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// Where config.json says a registry's credentials are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Ask `docker-credential-NAME` for `server`; `store`: through `credsStore` (else
    /// `credHelpers`).
    Helper {
        name: String,
        server: String,
        store: bool,
    },
    /// In `auths`: a user and password, or an identity token.
    Auth {
        username: String,
        password: String,
        token: Option<String>,
    },
    None,
}

/// The docker CLI's configuration directory.
pub(crate) fn config_dir() -> PathBuf {
    match std::env::var_os("DOCKER_CONFIG").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".docker"),
    }
}

/// The key config.json and helpers use for a registry.
fn server_key(registry: &str) -> &str {
    match registry {
        DOCKER_HUB | "index.docker.io" | "registry-1.docker.io" => DOCKER_HUB_KEY,
        other => other,
    }
}

/// A key of `auths` as a registry: `https://host/v1/` and `host` alike (as the docker CLI
/// matches them).
fn key_registry(key: &str) -> &str {
    if key == DOCKER_HUB_KEY {
        return DOCKER_HUB;
    }
    let rest = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    rest.split('/').next().unwrap_or(rest)
}

/// Where the credentials of `registry` are, according to the text of config.json.
pub(crate) fn lookup(registry: &str, config: &str) -> Result<Lookup, String> {
    let config: Value =
        serde_json::from_str(config).map_err(|err| format!("it is not valid JSON ({err})"))?;
    let server = server_key(registry);
    let helpers = config.get("credHelpers").and_then(Value::as_object);
    let helper = helpers.and_then(|helpers| {
        helpers
            .get(server)
            .or_else(|| helpers.get(registry))
            .and_then(Value::as_str)
    });
    if let Some(name) = helper.filter(|name| !name.is_empty()) {
        return Ok(Lookup::Helper {
            name: name.into(),
            server: server.into(),
            store: false,
        });
    }
    let store = config.get("credsStore").and_then(Value::as_str);
    if let Some(name) = store.filter(|name| !name.is_empty()) {
        return Ok(Lookup::Helper {
            name: name.into(),
            server: server.into(),
            store: true,
        });
    }
    let auths = config.get("auths").and_then(Value::as_object);
    let entry = auths.and_then(|auths| {
        auths
            .iter()
            .find(|(key, _)| key_registry(key) == registry || key.as_str() == server)
            .map(|(_, entry)| entry)
    });
    let Some(entry) = entry else {
        return Ok(Lookup::None);
    };
    let token = entry
        .get("identitytoken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(String::from);
    let auth = entry
        .get("auth")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if auth.is_empty() {
        return Ok(match token {
            Some(token) => Lookup::Auth {
                username: String::new(),
                password: String::new(),
                token: Some(token),
            },
            None => Lookup::None,
        });
    }
    let decoded = STANDARD
        .decode(auth.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            format!("the `auth` of {server} in `auths` is not base64 of USER:PASSWORD")
        })?;
    let (username, password) = decoded
        .split_once(':')
        .ok_or_else(|| format!("the `auth` of {server} in `auths` is not USER:PASSWORD"))?;
    Ok(Lookup::Auth {
        username: username.into(),
        password: password.into(),
        token,
    })
}

/// The credentials of `registry`, from the docker CLI's configuration in `dir`: `None` when it
/// has none; an error (in words, with what to do) when config.json or a helper fails.
pub(crate) async fn credentials(registry: &str, dir: &Path) -> Result<Option<Credentials>, String> {
    let file = dir.join("config.json");
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot read {}: {err}", file.display())),
    };
    let found = lookup(registry, &text).map_err(|why| {
        format!(
            "cannot use {}: {why}; fix it, or log in again with `docker login {registry}`",
            file.display()
        )
    })?;
    let server = server_key(registry).to_string();
    let docker = |username: String, password: String, token: Option<String>| DockerCredentials {
        username: (!username.is_empty()).then_some(username),
        password: (!password.is_empty()).then_some(password),
        identitytoken: token,
        serveraddress: Some(server.clone()),
        ..Default::default()
    };
    match found {
        Lookup::None => Ok(None),
        Lookup::Auth {
            username,
            password,
            token,
        } => Ok(Some(Credentials {
            docker: docker(username, password, token),
            source: format!("`auths` in {}", file.display()),
        })),
        Lookup::Helper {
            name,
            server: helper_server,
            store,
        } => {
            let key = match store {
                true => "credsStore",
                false => "credHelpers",
            };
            let answer = ask_helper(&name, &helper_server)
                .await
                .map_err(|why| format!("{why} (named by `{key}` in {})", file.display()))?;
            Ok(answer.map(|(username, secret)| {
                let (username, password, token) = match username.as_str() {
                    // What helpers answer for an identity token.
                    "<token>" => (String::new(), String::new(), Some(secret)),
                    _ => (username, secret, None),
                };
                Credentials {
                    docker: docker(username, password, token),
                    source: format!("the helper docker-credential-{name} (`{key}`)"),
                }
            }))
        }
    }
}

/// `docker-credential-NAME get`: the user and secret for `server`, `None` when it has none.
async fn ask_helper(name: &str, server: &str) -> Result<Option<(String, String)>, String> {
    let program = format!("docker-credential-{name}");
    let mut child = tokio::process::Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => format!(
                "the credential helper {program} is not installed (not on PATH); install it, \
                 or remove it from the docker CLI's config.json"
            ),
            _ => format!("cannot run the credential helper {program}: {err}"),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A helper that exits without reading its input is judged by its answer below.
        let _ = stdin.write_all(server.as_bytes()).await;
    }
    let output = tokio::time::timeout(HELPER_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| {
            format!(
                "the credential helper {program} did not answer within {}s (is it waiting for \
                 a password or a keychain prompt?)",
                HELPER_TIMEOUT.as_secs()
            )
        })?
        .map_err(|err| format!("the credential helper {program} failed: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let said = format!("{stdout} {}", String::from_utf8_lossy(&output.stderr));
        if said.contains("credentials not found") {
            return Ok(None);
        }
        // Its words, cut short: a helper has no business printing secrets when it fails.
        let said: String = said.trim().chars().take(200).collect();
        return Err(format!(
            "the credential helper {program} failed for {server} ({}): {said}; check it with \
             `echo {server} | {program} get`",
            output.status
        ));
    }
    let answer: Value = serde_json::from_str(&stdout).map_err(|_| {
        format!("the credential helper {program} answered something that is not JSON for {server}")
    })?;
    let field = |name: &str| answer.get(name).and_then(Value::as_str).unwrap_or_default();
    match field("Secret") {
        "" => Ok(None),
        secret => Ok(Some((field("Username").to_string(), secret.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auths_hold_a_user_and_password_in_base64() {
        let auth = STANDARD.encode("alacrity:s3cret");
        let config = format!(
            r#"{{"auths": {{"registry.example.com": {{"auth": "{auth}"}},
                 "https://index.docker.io/v1/": {{"auth": "{auth}"}},
                 "https://ghcr.io/v2/": {{"identitytoken": "tok"}}}}}}"#
        );
        let user = Lookup::Auth {
            username: "alacrity".into(),
            password: "s3cret".into(),
            token: None,
        };
        assert_eq!(lookup("registry.example.com", &config), Ok(user.clone()));
        assert_eq!(lookup("docker.io", &config), Ok(user));
        assert_eq!(
            lookup("ghcr.io", &config),
            Ok(Lookup::Auth {
                username: String::new(),
                password: String::new(),
                token: Some("tok".into())
            })
        );
        assert_eq!(lookup("other.example.com", &config), Ok(Lookup::None));
    }

    #[test]
    fn a_registrys_helper_comes_before_the_store_and_the_store_before_auths() {
        let config = r#"{"credsStore": "desktop", "credHelpers": {"10.250.1.1:5001": "test"},
                         "auths": {"10.250.1.1:5001": {}, "quay.io": {}}}"#;
        assert_eq!(
            lookup("10.250.1.1:5001", config),
            Ok(Lookup::Helper {
                name: "test".into(),
                server: "10.250.1.1:5001".into(),
                store: false
            })
        );
        assert_eq!(
            lookup("docker.io", config),
            Ok(Lookup::Helper {
                name: "desktop".into(),
                server: DOCKER_HUB_KEY.into(),
                store: true
            })
        );
    }

    #[test]
    fn a_broken_config_says_what_is_wrong_without_the_secret() {
        assert!(
            lookup("x", "{not json")
                .unwrap_err()
                .contains("not valid JSON")
        );
        let config = r#"{"auths": {"x.io": {"auth": "!!!"}}}"#;
        let err = lookup("x.io", config).unwrap_err();
        assert!(err.contains("not base64"), "{err}");
        let config = format!(
            r#"{{"auths": {{"x.io": {{"auth": "{}"}}}}}}"#,
            STANDARD.encode("nocolon")
        );
        let err = lookup("x.io", &config).unwrap_err();
        assert!(err.contains("not USER:PASSWORD"), "{err}");
        assert!(!err.contains("nocolon"), "{err}");
    }

    #[test]
    fn credentials_never_show_in_debug() {
        let credentials = Credentials {
            docker: DockerCredentials {
                username: Some("alacrity".into()),
                password: Some("s3cret".into()),
                ..Default::default()
            },
            source: "auths".into(),
        };
        let shown = format!("{credentials:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("alacrity"),
            "{shown}"
        );
    }
}
