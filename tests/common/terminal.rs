//! Running alacrity on a pseudo-terminal, to answer its confirmation prompts: `script` (from
//! util-linux) gives the command a terminal and passes our input on to it.

use std::io::Write;
use std::process::{Command, Stdio};

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
    let mut words = vec![env!("CARGO_BIN_EXE_alacrity"), "--host", host];
    words.extend_from_slice(args);
    let line: Vec<String> = words.iter().map(|w| shell_quote(w)).collect();
    let mut child = Command::new("script")
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
        .unwrap_or_else(|e| panic!("cannot run `script` (util-linux): {e}"));
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("type into the terminal");
    let out = child.wait_with_output().expect("wait for `script`");
    TerminalRun {
        code: out.status.code(),
        screen: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}
