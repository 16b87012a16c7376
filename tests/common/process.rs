//! alacrity running in the background: for tests that act while a command runs (stop the engine
//! under a deploy, press Ctrl-C while it waits, start several at once).

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::wait::{POLL_INTERVAL, wait_until};

/// A started command whose stderr is collected line by line as it comes.
pub struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
    /// Stdout is drained as it comes too, so a chatty command never blocks on a full pipe.
    stdout: Option<JoinHandle<String>>,
    stderr_reader: Option<JoinHandle<()>>,
}

/// How a [`Running`] command ended.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    /// The exit code (`None` if a signal killed it: alacrity must never die that way).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }
}

impl Running {
    /// Starts `command` (e.g. `scope.alacrity().args([...])`) with stdout and stderr piped.
    #[track_caller]
    pub fn start(command: &assert_cmd::Command) -> Running {
        let mut std_command = Command::new(command.get_program());
        std_command.args(command.get_args());
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => std_command.env(key, value),
                None => std_command.env_remove(key),
            };
        }
        if let Some(dir) = command.get_current_dir() {
            std_command.current_dir(dir);
        }
        let mut child = std_command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", command.get_program()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&stderr);
        let stderr_reader = std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut text = sink.lock().unwrap_or_else(|e| e.into_inner());
                text.push_str(&line);
                text.push('\n');
            }
        });
        let mut pipe = child.stdout.take().expect("stdout is piped");
        let stdout = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        });
        Running {
            child,
            stderr,
            stdout: Some(stdout),
            stderr_reader: Some(stderr_reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What it printed on stderr so far.
    pub fn stderr_so_far(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits (at most `timeout`) until its stderr contains `text`; panics with what it printed
    /// if it never does, or if it ends first.
    #[track_caller]
    pub fn wait_for_stderr(&mut self, text: &str, timeout: Duration) {
        wait_until(timeout, &format!("stderr shows {text:?}"), || {
            let seen = self.stderr_so_far();
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(
                    seen.contains(text),
                    "the command ended ({status}) before printing {text:?}:\n{seen}"
                );
            }
            seen.contains(text)
        });
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does.
    #[track_caller]
    pub fn interrupt(&self) {
        let status = Command::new("kill")
            .args(["-INT", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -INT {} failed", self.pid());
    }

    /// Waits until it ends (at most `timeout`, then kills it and panics).
    #[track_caller]
    pub fn finish(mut self, timeout: Duration) -> Finished {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for the command") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "the command did not end within {timeout:?}; stderr:\n{}",
                    self.stderr_so_far()
                );
            }
            std::thread::sleep(POLL_INTERVAL);
        };
        let stdout = self.stdout.take().map(|r| r.join().unwrap_or_default());
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        Finished {
            status,
            stdout: stdout.unwrap_or_default(),
            stderr: self.stderr_so_far(),
        }
    }
}

impl Drop for Running {
    /// A test that panicked midway leaves no alacrity process behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
