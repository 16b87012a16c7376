//! The oldest Engine API alacrity supports, and the check that an engine speaks it.
//!
//! alacrity's requests are unversioned (bollard sends `/services`, not `/v1.41/services`), so the
//! engine answers each in its own current API version: an engine older than alacrity's oldest would
//! not refuse them, it would misread them. The check asks the engine itself, with the lightest call it
//! answers, made with alacrity's oldest version in the path: `GET /v1.41/_ping`. An engine whose API
//! is older refuses it ("client version 1.41 is too new. Maximum supported API version is 1.40"),
//! which becomes a clear error; any other answer lets the command go on (an engine whose *oldest*
//! API is newer than 1.41, as Docker 29's 1.44, refuses it too, as "too old": that engine is new
//! enough). Errors that are not about the version (an engine that cannot be reached) are left to
//! the call it runs beside, whose errors say what to do.

use std::time::Duration;

use anyhow::bail;
use bollard::Docker;

use super::Tracer;
use super::connect::Address;

/// The oldest Engine API alacrity supports: 1.41, Docker 20.10.
pub const MIN_API: (u32, u32) = (1, 41);
/// The Docker release of [`MIN_API`], for messages.
pub const MIN_DOCKER: &str = "20.10";

const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

/// Fails with a clear error if the engine's API is older than [`MIN_API`]; made beside the first
/// call of a command (it costs the engine next to nothing).
pub(crate) async fn require(
    docker: &Docker,
    address: &Address,
    tracer: Option<&Tracer>,
) -> anyhow::Result<()> {
    let tracer = tracer.cloned();
    let pinned = docker.clone().with_request_modifier(move |mut request| {
        *request.uri_mut() = versioned(request.uri());
        if let Some(tracer) = &tracer {
            let path = request.uri().path_and_query().map_or("", |p| p.as_str());
            tracer(&format!("engine: {} {path}", request.method()));
        }
        request
    });
    let answer = match tokio::time::timeout(CHECK_TIMEOUT, pinned.ping()).await {
        Ok(answer) => answer,
        Err(_) => return Ok(()),
    };
    match answer {
        Err(bollard::errors::Error::DockerResponseServerError {
            status_code: 400,
            message,
        }) => match too_old(&message) {
            Some(engine_api) => bail!(
                "the Docker engine at {address} speaks Engine API {engine_api}, older than alacrity \
                 supports: alacrity needs Engine API {}.{} (Docker {MIN_DOCKER}) or newer. Upgrade \
                 the engine, or point --host at a newer one (`docker -H {} version` shows its API \
                 version)",
                MIN_API.0,
                MIN_API.1,
                address.url
            ),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// The request's URI with alacrity's oldest API version in front of its path.
fn versioned(uri: &hyper::Uri) -> hyper::Uri {
    let mut parts = uri.clone().into_parts();
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let prefixed = format!("/v{}.{}{path}", MIN_API.0, MIN_API.1);
    match prefixed.parse() {
        Ok(path_and_query) => {
            parts.path_and_query = Some(path_and_query);
            hyper::Uri::from_parts(parts).unwrap_or_else(|_| uri.clone())
        }
        Err(_) => uri.clone(),
    }
}

/// The engine's own API version when it refused a request for being too new for it: "client
/// version 1.41 is too new. Maximum supported API version is 1.40".
fn too_old(message: &str) -> Option<String> {
    if !message.contains("too new") {
        return None;
    }
    let version = message
        .rsplit_once("Maximum supported API version is")
        .map(|(_, v)| v.trim().trim_end_matches('.').to_string())
        .filter(|v| !v.is_empty());
    Some(version.unwrap_or_else(|| "older than 1.41".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_version_goes_in_front_of_the_path() {
        let uri: hyper::Uri = "http://docker/_ping?x=1".parse().unwrap();
        assert_eq!(versioned(&uri).to_string(), "http://docker/v1.41/_ping?x=1");
        let unix: hyper::Uri = "unix://2f72756e2f646f636b65722e736f636b/_ping"
            .parse()
            .unwrap();
        assert_eq!(
            versioned(&unix).to_string(),
            "unix://2f72756e2f646f636b65722e736f636b/v1.41/_ping"
        );
    }

    #[test]
    fn only_an_older_engine_is_refused() {
        assert_eq!(
            too_old("client version 1.41 is too new. Maximum supported API version is 1.40")
                .as_deref(),
            Some("1.40")
        );
        // Docker 29 and later: their oldest API is newer than 1.41, and they are new enough.
        assert_eq!(
            too_old(
                "client version 1.41 is too old. Minimum supported API version is 1.44, \
                 please upgrade your client to a newer version"
            ),
            None
        );
        assert_eq!(too_old("page not found"), None);
    }
}
