//! What the engine answered, as a typed error: the one place where bollard's errors are told
//! apart, by their status and, where the engine gives nothing else, their text.
//!
//! Every engine call maps its failure through [`engine_error`]; commands and the exit code see
//! [`EngineError`] in the error chain (see `crate::exit::status_for`: a run-time failure, exit 1).

use crate::core::host_paths::PathState;
use crate::core::images::ResolveFailure;
use bollard::errors::Error;

/// An engine call that failed, by what it means for alacrity; the text is the engine's words
/// (or, without an answer, the transport's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// No such object (HTTP 404).
    #[error("{0}")]
    NotFound(String),
    /// The object exists already (HTTP 409: a name taken).
    #[error("{0}")]
    Conflict(String),
    /// The version given with an update is stale: another client wrote in between.
    #[error("{0}")]
    OutOfSequence(String),
    /// The engine cannot do it now (HTTP 503: not a swarm manager, no quorum).
    #[error("{0}")]
    Unavailable(String),
    /// No answer at all: the engine is unreachable, stopped, or the connection broke.
    #[error("{0}")]
    Lost(String),
    /// The engine refused the request as given (HTTP 400, 403 and other 4xx).
    #[error("{0}")]
    Refused(String),
    /// Anything else the engine answered (HTTP 500 and others).
    #[error("{0}")]
    Other(String),
}

impl From<Error> for EngineError {
    fn from(err: Error) -> Self {
        classify(&err)
    }
}

/// The typed error of a bollard error.
fn classify(err: &Error) -> EngineError {
    let words = describe(err);
    match err {
        Error::DockerResponseServerError {
            status_code,
            message,
        } => match status_code {
            404 => EngineError::NotFound(words),
            409 => EngineError::Conflict(words),
            503 => EngineError::Unavailable(words),
            // The engine says a stale version only in its message (HTTP 500 from the swarm's
            // store, or 409 on some releases).
            _ if message.contains("update out of sequence") => EngineError::OutOfSequence(words),
            400..=499 => EngineError::Refused(words),
            _ => EngineError::Other(words),
        },
        Error::RequestTimeoutError
        | Error::IOError { .. }
        | Error::HyperResponseError { .. }
        | Error::HyperLegacyError { .. }
        | Error::SocketNotFoundError(_) => EngineError::Lost(words),
        _ => EngineError::Other(words),
    }
}

/// An engine error in words: the engine's own message for an API error; for a transport error
/// (no connection, a connection that broke) the innermost cause, which is the one that says what
/// happened ("Connection refused (os error 111)"), not the HTTP client's layers around it.
fn describe(err: &Error) -> String {
    match err {
        Error::DockerResponseServerError {
            status_code,
            message,
        } => format!("{} (HTTP {status_code})", message.trim()),
        Error::RequestTimeoutError => "the engine did not answer in time".to_string(),
        Error::SocketNotFoundError(path) => format!("the socket {path} does not exist"),
        other => {
            let mut innermost: &dyn std::error::Error = other;
            while let Some(cause) = innermost.source() {
                innermost = cause;
            }
            // hyper's legacy client says "client error (Connect)" when no connection was made.
            if other.to_string().contains("(Connect)") {
                format!("cannot connect: {innermost}")
            } else {
                innermost.to_string()
            }
        }
    }
}

/// An engine error as an `anyhow::Error` carrying its [`EngineError`].
pub fn engine_error(err: Error) -> anyhow::Error {
    EngineError::from(err).into()
}

/// Whether an error chain says the engine stopped answering (see `crate::lost_engine`).
pub fn is_engine_lost(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| matches!(cause.downcast_ref(), Some(EngineError::Lost(_))))
}

/// Whether the engine answered "no such object".
pub(crate) fn is_not_found(err: &Error) -> bool {
    matches!(classify(err), EngineError::NotFound(_))
}

/// Whether the engine answered "already exists".
pub(crate) fn is_conflict(err: &Error) -> bool {
    matches!(classify(err), EngineError::Conflict(_))
}

/// Whether the engine answered that the version given with an update is stale.
pub(crate) fn is_out_of_sequence(err: &Error) -> bool {
    matches!(classify(err), EngineError::OutOfSequence(_))
}

/// Why the engine's distribution endpoint gave no digest, from its words (the registry's, as the
/// engine passes them on).
pub(crate) fn resolve_failure(err: &Error) -> ResolveFailure {
    let said = describe(err);
    let lower = said.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["x509", "certificate"]) {
        ResolveFailure::UnknownCertificate(said)
    } else if has(&[
        "unauthorized",
        "authentication required",
        "denied",
        "incorrect username or password",
        "no basic auth credentials",
    ]) {
        ResolveFailure::Unauthorized(said)
    } else if has(&[
        "manifest unknown",
        "not found",
        "name unknown",
        "no such image",
    ]) {
        ResolveFailure::NotFound(said)
    } else if has(&[
        "dial tcp",
        "no such host",
        "connection refused",
        "network is unreachable",
        "i/o timeout",
        "tls handshake timeout",
        "server gave http response to https client",
        "context deadline exceeded",
    ]) {
        ResolveFailure::Unreachable(said)
    } else {
        ResolveFailure::Other(said)
    }
}

/// What the engine's answer to a mount probe (see `host_paths`) says of the probed directory:
/// it refuses a bind mount whose source does not resolve before it looks for the image, and the
/// probe's image never exists, so "No such image" means the directory is there.
pub(crate) fn probe_state(message: &str) -> PathState {
    if message.contains("No such image") {
        PathState::Directory
    } else if message.contains("bind source path does not exist") {
        PathState::Missing
    } else if message.contains("not a directory") {
        PathState::NotDirectory
    } else {
        PathState::Unknown(message.trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry_said(message: &str) -> ResolveFailure {
        resolve_failure(&Error::DockerResponseServerError {
            status_code: 500,
            message: message.into(),
        })
    }

    #[test]
    fn a_registrys_answer_says_why_there_is_no_digest() {
        let kind = |message: &str| match registry_said(message) {
            ResolveFailure::Unreachable(_) => "unreachable",
            ResolveFailure::Unauthorized(_) => "unauthorized",
            ResolveFailure::NotFound(_) => "not found",
            ResolveFailure::UnknownCertificate(_) => "certificate",
            ResolveFailure::Credentials(_) => "credentials",
            ResolveFailure::Other(_) => "other",
        };
        assert_eq!(
            kind(
                r#"Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: dial udp 10.255.255.53:53: connect: network is unreachable"#
            ),
            "unreachable"
        );
        assert_eq!(
            kind(
                r#"Get "https://10.250.1.1:5001/v2/": dial tcp 10.250.1.1:5001: connect: connection refused"#
            ),
            "unreachable"
        );
        assert_eq!(
            kind(
                r#"Get "https://10.250.1.1:5001/v2/": x509: certificate signed by unknown authority"#
            ),
            "certificate"
        );
        assert_eq!(
            kind(
                "errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n"
            ),
            "unauthorized"
        );
        assert_eq!(
            kind("10.250.1.1:5001/app:9: not found: manifest unknown: manifest unknown"),
            "not found"
        );
        assert_eq!(kind("something else"), "other");
        // The words are kept, with the HTTP status.
        assert_eq!(
            registry_said("manifest unknown"),
            ResolveFailure::NotFound("manifest unknown (HTTP 500)".into())
        );
    }

    #[test]
    fn a_mount_probe_answer_says_what_the_path_is() {
        let sha = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
        assert_eq!(
            probe_state(&format!("No such image: {sha}")),
            PathState::Directory
        );
        assert_eq!(
            probe_state(
                "invalid mount config for type \"bind\": bind source path does not exist: /srv/x/."
            ),
            PathState::Missing
        );
        assert_eq!(
            probe_state(
                "invalid mount config for type \"bind\": stat /etc/hostname/.: not a directory"
            ),
            PathState::NotDirectory
        );
        assert_eq!(
            probe_state("no suitable node (1 node not available for new tasks)"),
            PathState::Unknown("no suitable node (1 node not available for new tasks)".into())
        );
    }

    #[test]
    fn an_answer_from_the_engine_is_not_a_lost_engine() {
        let answer = Error::DockerResponseServerError {
            status_code: 500,
            message: "rpc error: something\n".into(),
        };
        let err = engine_error(answer).context("cannot list the swarm's services");
        assert!(!is_engine_lost(&err));
        assert_eq!(
            format!("{err:#}"),
            "cannot list the swarm's services: rpc error: something (HTTP 500)"
        );
    }

    #[test]
    fn no_answer_is_a_lost_engine_in_plain_words() {
        let refused =
            std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "Connection refused");
        let cases = [
            (Error::IOError { err: refused }, "Connection refused"),
            (
                Error::RequestTimeoutError,
                "the engine did not answer in time",
            ),
            (
                Error::SocketNotFoundError("/run/x.sock".into()),
                "the socket /run/x.sock does not exist",
            ),
        ];
        for (transport, words) in cases {
            let err = engine_error(transport).context("cannot list the swarm's tasks");
            assert!(is_engine_lost(&err), "{err:#}");
            assert_eq!(
                format!("{err:#}"),
                format!("cannot list the swarm's tasks: {words}")
            );
        }
    }
}

#[cfg(test)]
mod kinds {
    use super::*;

    fn answer(status_code: u16, message: &str) -> Error {
        Error::DockerResponseServerError {
            status_code,
            message: message.into(),
        }
    }

    #[test]
    fn each_answer_has_its_kind() {
        assert!(matches!(
            classify(&answer(404, "no such service")),
            EngineError::NotFound(_)
        ));
        assert!(matches!(
            classify(&answer(409, "name exists")),
            EngineError::Conflict(_)
        ));
        let stale = "rpc error: code = Unknown desc = update out of sequence";
        assert!(matches!(
            classify(&answer(500, stale)),
            EngineError::OutOfSequence(_)
        ));
        assert!(is_out_of_sequence(&answer(500, stale)));
        assert!(!is_out_of_sequence(&answer(500, "something else")));
        let manager = "This node is not a swarm manager.";
        assert!(matches!(
            classify(&answer(503, manager)),
            EngineError::Unavailable(_)
        ));
        assert!(matches!(
            classify(&answer(400, "invalid mount")),
            EngineError::Refused(_)
        ));
        assert!(matches!(
            classify(&answer(500, "boom")),
            EngineError::Other(_)
        ));
    }

    #[test]
    fn an_engine_error_is_a_run_time_failure() {
        let err = engine_error(answer(400, "bad")).context("cannot create the service `web`");
        assert_eq!(crate::exit::status_for(&err).code(), 1);
    }
}
