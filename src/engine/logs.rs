//! An app's tasks, and its logs: `GET /services/{id}/logs`, streamed as it arrives.
//!
//! The logs are asked for with `details=1`, which makes the engine tell the task and node of each
//! line (`core::logs`). bollard's `service_logs` has no such option (its `LogsOptions` has no
//! `details`), so this request is made as `disk_usage` makes its own: through hyper, over the
//! same transport (socket, TCP, TLS, SSH), traced like bollard's (`-vv`). The body is read frame
//! by frame: memory stays constant however long the logs, and `--follow` never ends on its own.

use anyhow::{Context, anyhow};
use bollard::models::Task;
use http_body_util::BodyExt;

use super::{Engine, engine_error};
use crate::core::logs::{Frames, LogLine, is_unreadable_driver, parse_line};
use crate::core::services::DeployedApp;

/// What `apps logs` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogOptions {
    /// Keep streaming new lines until interrupted.
    pub follow: bool,
    /// Only lines written since then (seconds since 1970).
    pub since: Option<i64>,
    /// Only the last lines of each task.
    pub tail: Option<u64>,
    /// Each line with the time its container wrote it.
    pub timestamps: bool,
}

/// An app's logs, as the engine sends them: [`AppLogs::next`] gives one line at a time.
pub struct AppLogs {
    body: hyper::body::Incoming,
    frames: Frames,
    timestamps: bool,
    /// The connection, served while the body is read; closed when the logs are dropped.
    connection: tokio::task::JoinHandle<()>,
    app: String,
    ended: bool,
}

impl Drop for AppLogs {
    fn drop(&mut self) {
        self.connection.abort();
    }
}

impl AppLogs {
    /// The next line; none once the engine ended the stream (never with `follow`, unless the
    /// service is removed or the engine goes).
    pub async fn next(&mut self) -> Option<anyhow::Result<LogLine>> {
        loop {
            if let Some((output, payload)) = self.frames.next_frame() {
                return Some(Ok(parse_line(output, payload, self.timestamps)));
            }
            if self.ended {
                let (output, payload) = self.frames.finish()?;
                return Some(Ok(parse_line(output, payload, self.timestamps)));
            }
            match self.body.frame().await {
                None => self.ended = true,
                Some(Ok(frame)) => {
                    if let Some(data) = frame.data_ref() {
                        self.frames.push(data);
                    }
                }
                Some(Err(err)) => {
                    self.ended = true;
                    return Some(Err(lost(err)).with_context(|| {
                        format!("the engine stopped sending the logs of app `{}`", self.app)
                    }));
                }
            }
        }
    }
}

/// A broken stream, as a lost engine (see `crate::lost_engine`).
fn lost(err: impl std::error::Error + Send + Sync + 'static) -> anyhow::Error {
    engine_error(bollard::errors::Error::IOError {
        err: std::io::Error::other(err),
    })
}

impl Engine {
    /// Every task of a deployed app that the swarm keeps: the current ones and the recent history
    /// of each slot.
    pub async fn app_tasks(&self, app: &DeployedApp) -> anyhow::Result<Vec<Task>> {
        self.tasks_of(std::slice::from_ref(&app.service_id))
            .await
            .with_context(|| format!("cannot list the tasks of app `{}`", app.name()))
    }

    /// The logging driver of the engine alacrity talks to, used by services that name none
    /// (each node's engine has its own default; this one's is the best guess); none when the
    /// engine does not say.
    pub async fn default_log_driver(&self) -> Option<String> {
        let info = self.info().await.ok()?;
        info.logging_driver
            .clone()
            .filter(|driver| !driver.is_empty())
    }

    /// Starts streaming the logs of every task of an app, on every node.
    pub async fn app_logs(
        &self,
        app: &DeployedApp,
        options: &LogOptions,
    ) -> anyhow::Result<AppLogs> {
        let version = self.docker.client_version();
        let mut path = format!(
            "/v{}.{}/services/{}/logs?details=1&stdout=1&stderr=1&follow={}&timestamps={}",
            version.major_version,
            version.minor_version,
            app.service_id,
            u8::from(options.follow),
            u8::from(options.timestamps),
        );
        if let Some(since) = options.since {
            path.push_str(&format!("&since={since}"));
        }
        if let Some(tail) = options.tail {
            path.push_str(&format!("&tail={tail}"));
        }
        if let Some(tracer) = &self.tracer {
            tracer(&format!("engine: GET {path}"));
        }
        let cannot = || format!("cannot read the logs of app `{}`", app.name());
        let stream = self
            .dialer
            .dial()
            .await
            .map_err(|err| engine_error(bollard::errors::Error::IOError { err }))
            .with_context(cannot)?;
        let (mut sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .map_err(lost)
                .with_context(cannot)?;
        let connection = tokio::spawn(async move {
            // Its error, if any, is the body's too: told by `AppLogs::next`.
            let _ = connection.await;
        });
        let request = hyper::Request::get(&path)
            .header(hyper::header::HOST, "docker")
            .body(http_body_util::Empty::<bytes::Bytes>::new())
            .with_context(cannot)?;
        let response = sender
            .send_request(request)
            .await
            .map_err(lost)
            .with_context(cannot)?;
        let status = response.status();
        if !status.is_success() {
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(lost)
                .with_context(cannot)?
                .to_bytes();
            connection.abort();
            return Err(refused(app, status.as_u16(), &body));
        }
        // A service with a terminal sends raw bytes; any other, the multiplexed frames. (The
        // answer's content type does not tell: engines up to at least 28 call both
        // `application/vnd.docker.raw-stream`.)
        let raw = app.has_tty();
        Ok(AppLogs {
            body: response.into_body(),
            frames: Frames::new(!raw),
            timestamps: options.timestamps,
            connection,
            app: app.name().to_string(),
            ended: false,
        })
    }
}

/// The engine's refusal to send an app's logs, in words: a logging driver that cannot be read
/// back is said plainly, with what to do.
fn refused(app: &DeployedApp, status_code: u16, body: &[u8]) -> anyhow::Error {
    // The engine's answer is `{"message": "..."}`; anything else is shown as it is.
    let message = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|answer| answer.get("message")?.as_str().map(String::from))
        .unwrap_or_else(|| String::from_utf8_lossy(body).into_owned());
    let name = app.name();
    if is_unreadable_driver(&message) {
        return anyhow!(
            "the engine cannot deliver the logs of app `{name}`: {}; only the json-file, local \
             and journald drivers can be read back, read the others where the driver sends \
             them; `docker service inspect {name} --format '{{{{json .Spec.TaskTemplate.LogDriver}}}}'` \
             shows its driver",
            message.trim()
        );
    }
    let err = engine_error(bollard::errors::Error::DockerResponseServerError {
        status_code,
        message,
    });
    err.context(format!(
        "cannot read the logs of app `{name}`; `docker service logs {name}` may say more"
    ))
}
