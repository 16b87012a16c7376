//! The sizes of a node's volumes, from the engine's disk usage (`GET /system/df`).
//!
//! The one request alacrity makes without bollard's types: engines before API 1.52 answer with a
//! `Volumes` list that bollard's current response type has no field for (it expects the newer
//! `VolumeUsage.Items`), so the answer is read as plain JSON and both shapes are understood.
//! It is slow (the engine measures every volume), hence only on request (`volumes ls --size`).

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::Engine;
use super::connect::{self, Endpoint};

/// Measuring every volume can take a while on a big node.
const DF_TIMEOUT: Duration = Duration::from_secs(300);

impl Engine {
    /// The size in bytes of each volume of this engine's node, by name (volumes the engine did
    /// not measure are left out).
    pub(in crate::engine) async fn volume_sizes(&self) -> anyhow::Result<HashMap<String, u64>> {
        let version = self.docker.client_version();
        let path = format!(
            "/v{}.{}/system/df?type=volume&verbose=1",
            version.major_version, version.minor_version
        );
        let endpoint = connect::endpoint(&self.address.url)?;
        let body = tokio::time::timeout(DF_TIMEOUT, get(&endpoint, &path))
            .await
            .map_err(|_| anyhow!("no answer within {} seconds", DF_TIMEOUT.as_secs()))
            .and_then(|result| result)
            .with_context(|| {
                format!(
                    "cannot read the volumes' sizes from the engine at {} (`docker system df -v` \
                     shows them too)",
                    self.address
                )
            })?;
        let usage: Value =
            serde_json::from_slice(&body).context("the engine's disk usage answer is not JSON")?;
        Ok(sizes_of(&usage))
    }
}

/// Sizes from either shape of the answer: `Volumes: [...]` (API < 1.52) or
/// `VolumeUsage: {Items: [...]}`.
fn sizes_of(usage: &Value) -> HashMap<String, u64> {
    let volumes = usage
        .get("Volumes")
        .or_else(|| usage.pointer("/VolumeUsage/Items"))
        .and_then(Value::as_array);
    volumes
        .into_iter()
        .flatten()
        .filter_map(|volume| {
            let name = volume.get("Name")?.as_str()?;
            // -1 means "not measured".
            let size = volume.pointer("/UsageData/Size")?.as_i64()?;
            Some((name.to_string(), u64::try_from(size).ok()?))
        })
        .collect()
}

/// The body of a GET, over a fresh connection. HTTP/1.0, so the engine answers without chunked
/// encoding and closes the connection at the end of the body.
async fn get(endpoint: &Endpoint, path: &str) -> anyhow::Result<Vec<u8>> {
    let request = format!("GET {path} HTTP/1.0\r\nHost: docker\r\n\r\n");
    let response = match endpoint {
        Endpoint::Unix(socket) => {
            let stream = tokio::net::UnixStream::connect(socket).await?;
            exchange(stream, &request).await?
        }
        Endpoint::Http(authority) => {
            let stream = tokio::net::TcpStream::connect(authority.as_str()).await?;
            exchange(stream, &request).await?
        }
    };
    body_of(&response)
}

async fn exchange(
    mut stream: impl AsyncRead + AsyncWrite + Unpin,
    request: &str,
) -> anyhow::Result<Vec<u8>> {
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    Ok(response)
}

/// The body of a 200 answer; the engine's message otherwise.
fn body_of(response: &[u8]) -> anyhow::Result<Vec<u8>> {
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| anyhow!("the engine's answer has no end of headers"))?;
    let head = String::from_utf8_lossy(&response[..split]);
    let body = &response[split + 4..];
    let status = head.split_whitespace().nth(1).unwrap_or_default();
    if status != "200" {
        bail!(
            "the engine answered {status}: {}",
            String::from_utf8_lossy(body).trim()
        );
    }
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        bail!("the engine answered with chunked encoding to an HTTP/1.0 request");
    }
    Ok(body.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_of_the_answer_give_sizes() {
        let old = serde_json::json!({
            "Volumes": [
                {"Name": "alacran--a", "UsageData": {"Size": 4096, "RefCount": 1}},
                {"Name": "alacran--b", "UsageData": {"Size": -1, "RefCount": 0}},
            ]
        });
        let new = serde_json::json!({
            "VolumeUsage": {"Items": [{"Name": "alacran--a", "UsageData": {"Size": 4096}}]}
        });
        assert_eq!(sizes_of(&old), HashMap::from([("alacran--a".into(), 4096)]));
        assert_eq!(sizes_of(&new), HashMap::from([("alacran--a".into(), 4096)]));
        assert!(sizes_of(&serde_json::json!({})).is_empty());
    }

    #[test]
    fn the_body_follows_the_headers_of_a_200() {
        let ok = b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\":1}";
        assert_eq!(body_of(ok).unwrap(), b"{\"a\":1}");
        let err = b"HTTP/1.0 500 Internal Server Error\r\n\r\n{\"message\":\"boom\"}";
        assert!(body_of(err).unwrap_err().to_string().contains("500"));
        assert!(body_of(b"HTTP/1.0 200 OK").is_err());
    }
}
