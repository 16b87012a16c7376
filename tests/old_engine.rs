//! An engine older than alacrity supports (Engine API 1.40, Docker 19.03) is refused with a clear
//! error, before anything is read or written. No real engine: a unix socket answers as Docker
//! 19.03 does (a request for API 1.41 in the path is "too new"; unversioned requests are served).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};

use common::{alacrity, stderr};

/// Answers one HTTP request the way Docker 19.03 would, and closes the connection.
fn answer(stream: UnixStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = if path.starts_with("/v1.41/") {
        (
            "400 Bad Request",
            r#"{"message":"client version 1.41 is too new. Maximum supported API version is 1.40"}"#
                .to_string(),
        )
    } else if path.starts_with("/swarm") {
        (
            "200 OK",
            r#"{"ID":"swarm1","Version":{"Index":1}}"#.to_string(),
        )
    } else {
        ("200 OK", "[]".to_string())
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nApi-Version: 1.40\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

#[test]
fn an_engine_older_than_api_1_41_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("docker.sock");
    let listener = UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    let url = format!("unix://{}", socket.display());
    for command in [&["apps", "ls"][..], &["volumes", "ls"][..]] {
        let output = alacrity()
            .arg("--host")
            .arg(&url)
            .args(command)
            .env_remove("DOCKER_HOST")
            .env_remove("DOCKER_CONTEXT")
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {err}");
        assert!(
            err.contains("speaks Engine API 1.40")
                && err.contains("Engine API 1.41 (Docker 20.10) or newer"),
            "{command:?}: {err}"
        );
    }
}
