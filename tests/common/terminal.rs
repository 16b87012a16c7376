//! Running alacrity on a pseudo-terminal, to answer its confirmation prompts: `script` (from
//! util-linux) gives the command a terminal and passes our input on to it.
//!
//! [`alacrity_on_terminal`] types its input at once; a [`TerminalSession`] types while the
//! command runs (act between a question and its answer).

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::stdout;
use crate::common::wait::{POLL_INTERVAL, wait_until};

/// What a command showed on its terminal, and how it ended.
#[derive(Debug)]
pub struct TerminalRun {
    pub code: Option<i32>,
    /// Everything the command wrote (stdout and stderr share the terminal).
    pub screen: String,
}

/// Runs `alacrity --host HOST ARGS...` on a pseudo-terminal and types `input` (e.g. "n\n").
#[track_caller]
pub fn alacrity_on_terminal(host: &str, args: &[&str], input: &str) -> TerminalRun {
    let mut child = script(host, args);
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("type into the terminal");
    let out = child.wait_with_output().expect("wait for `script`");
    TerminalRun {
        code: out.status.code(),
        screen: stdout(&out),
    }
}

/// `script` running `alacrity --host HOST ARGS...` on a pseudo-terminal, its stdin (what is
/// typed), stdout (the screen) and stderr piped.
#[track_caller]
fn script(host: &str, args: &[&str]) -> Child {
    let mut words = vec![env!("CARGO_BIN_EXE_alacrity"), "--host", host];
    words.extend_from_slice(args);
    let line: Vec<String> = words.iter().map(|w| shell_quote(w)).collect();
    Command::new("script")
        .args([
            "--quiet",
            "--return",
            "--command",
            &line.join(" "),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .env_remove("DOCKER_HOST")
        .env_remove("DOCKER_CONTEXT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `script` (util-linux): {e}"))
}

/// alacrity running on a pseudo-terminal, typed into while it runs; killed on drop if it still
/// runs (a test that panicked midway leaves no process behind).
pub struct TerminalSession {
    child: Child,
    stdin: Option<ChildStdin>,
    screen: Arc<Mutex<String>>,
    reader: Option<JoinHandle<()>>,
}

impl TerminalSession {
    /// Starts `alacrity --host HOST ARGS...` on a pseudo-terminal.
    #[track_caller]
    pub fn start(host: &str, args: &[&str]) -> TerminalSession {
        let mut child = script(host, args);
        let stdin = child.stdin.take();
        let mut pipe = child.stdout.take().expect("stdout is piped");
        let screen = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&screen);
        let reader = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read) = pipe.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buffer[..read]);
                sink.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&text);
            }
        });
        TerminalSession {
            child,
            stdin,
            screen,
            reader: Some(reader),
        }
    }

    /// What the command showed so far.
    pub fn screen(&self) -> String {
        self.screen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits (at most `timeout`) until the screen shows `text`; panics with the screen if it
    /// never does, or if the command ends first.
    #[track_caller]
    pub fn wait_for(&mut self, text: &str, timeout: Duration) {
        wait_until(timeout, &format!("the terminal shows {text:?}"), || {
            let seen = self.screen();
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(
                    seen.contains(text),
                    "the command ended ({status}) before showing {text:?}:\n{seen}"
                );
            }
            seen.contains(text)
        });
    }

    /// Types `input` (e.g. "y") into the terminal.
    #[track_caller]
    pub fn type_text(&mut self, input: &str) {
        let stdin = self.stdin.as_mut().expect("the terminal is still open");
        stdin
            .write_all(input.as_bytes())
            .and_then(|()| stdin.flush())
            .expect("type into the terminal");
    }

    /// Waits until the command ends (at most `timeout`, then kills it and panics).
    #[track_caller]
    pub fn finish(mut self, timeout: Duration) -> TerminalRun {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for `script`") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "the command did not end within {timeout:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL_INTERVAL);
        };
        self.stdin.take();
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        TerminalRun {
            code: status.code(),
            screen: self.screen(),
        }
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}
