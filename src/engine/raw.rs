//! The few requests alacrity makes without bollard's types, where bollard's models leave out what
//! the engine answers (a service's `PreviousSpec`, the older shape of the disk usage). They go
//! through hyper, as bollard's own requests do, over the same transport (socket, TCP, TLS, SSH),
//! to the same API version, and are traced like them (`-vv`).

use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use bollard::models::ServiceSpec;
use http_body_util::BodyExt;
use serde_json::Value;

use super::Engine;
use super::transport::Dialer;

/// How long a small read may take.
const READ_TIMEOUT: Duration = Duration::from_secs(60);

impl Engine {
    /// The body of `GET /vX.Y{path}` (the API version bollard negotiated), within `timeout`.
    pub(crate) async fn raw_get(&self, path: &str, timeout: Duration) -> anyhow::Result<Vec<u8>> {
        let version = self.docker.client_version();
        let path = format!(
            "/v{}.{}{path}",
            version.major_version, version.minor_version
        );
        if let Some(tracer) = &self.tracer {
            tracer(&format!("engine: GET {path}"));
        }
        tokio::time::timeout(timeout, get(&self.dialer, &path))
            .await
            .map_err(|_| anyhow!("no answer within {} seconds", timeout.as_secs()))
            .and_then(|result| result)
    }

    /// The spec a service had before its last update (the swarm keeps it, and a rollback returns
    /// to it); none for a service never updated. Bollard's `Service` has no field for it.
    pub(crate) async fn previous_spec(
        &self,
        service_id: &str,
    ) -> anyhow::Result<Option<ServiceSpec>> {
        let body = self
            .raw_get(&format!("/services/{service_id}"), READ_TIMEOUT)
            .await
            .with_context(|| {
                format!("cannot read the previous spec of the service {service_id}")
            })?;
        previous_spec_of(&body)
    }
}

/// The `PreviousSpec` of a service's inspect answer.
fn previous_spec_of(body: &[u8]) -> anyhow::Result<Option<ServiceSpec>> {
    let mut service: Value = serde_json::from_slice(body)
        .map_err(|err| anyhow!("the engine's answer about a service is not JSON: {err}"))?;
    match service.get_mut("PreviousSpec").map(Value::take) {
        None | Some(Value::Null) => Ok(None),
        Some(spec) => serde_json::from_value(spec)
            .map(Some)
            .map_err(|err| anyhow!("the engine's previous spec of a service is unreadable: {err}")),
    }
}

/// The body of a GET, over a connection of its own, with hyper (as bollard uses it).
async fn get(dialer: &Dialer, path: &str) -> anyhow::Result<Vec<u8>> {
    exchange(dialer.dial().await?, path).await
}

async fn exchange(
    stream: impl tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    path: &str,
) -> anyhow::Result<Vec<u8>> {
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    let connection = tokio::spawn(connection);
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, "docker")
        .body(http_body_util::Empty::<bytes::Bytes>::new())?;
    let response = sender.send_request(request).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    connection.abort();
    if !status.is_success() {
        bail!(
            "the engine answered {status}: {}",
            String::from_utf8_lossy(&body).trim()
        );
    }
    Ok(body.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_spec_is_read_from_the_inspect_answer() {
        let updated =
            br#"{"ID":"x","Spec":{"Name":"web"},"PreviousSpec":{"Name":"web","Labels":{"a":"b"}}}"#;
        let spec = previous_spec_of(updated).unwrap().unwrap();
        assert_eq!(spec.name.as_deref(), Some("web"));
        assert_eq!(spec.labels.unwrap()["a"], "b");
        let created = br#"{"ID":"x","Spec":{"Name":"web"}}"#;
        assert!(previous_spec_of(created).unwrap().is_none());
        assert!(previous_spec_of(b"not json").is_err());
    }
}
