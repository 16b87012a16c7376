//! Service logs as the engine streams them (`GET /services/{id}/logs`): the frames of the stream,
//! and the line each frame carries with its context (which task, on which node).
//!
//! The engine multiplexes stdout and stderr into frames of an 8-byte header (the stream: 1
//! stdout, 2 stderr; three zero bytes; the length, big-endian) and the payload; a service with a
//! terminal (`tty`) sends raw bytes instead, split here at newlines. Asked with `details=1`, each
//! line starts with its context: `[TIMESTAMP ]node.id=...,service.id=...,task.id=... MESSAGE`
//! (the keys are `com.docker.swarm.*`). A line without it is the engine's own word in the middle
//! of the stream (`Error grabbing logs: ...`).

use bytes::{Buf, BytesMut};

/// Which of the container's streams a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Stdout,
    Stderr,
}

/// Cuts the bytes of the stream into frames as they arrive: only a frame's worth is ever kept,
/// whatever the length of the stream.
#[derive(Debug)]
pub struct Frames {
    buffer: BytesMut,
    /// The 8-byte-header framing, or raw bytes (a service with a terminal).
    multiplexed: bool,
}

/// The length of a frame's header.
const HEADER: usize = 8;

impl Frames {
    pub fn new(multiplexed: bool) -> Self {
        Frames {
            buffer: BytesMut::new(),
            multiplexed,
        }
    }

    /// More bytes of the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole frame, if the bytes so far hold one.
    pub fn next_frame(&mut self) -> Option<(Output, Vec<u8>)> {
        if !self.multiplexed {
            let end = self.buffer.iter().position(|byte| *byte == b'\n')? + 1;
            return Some((Output::Stdout, self.buffer.split_to(end).to_vec()));
        }
        let header = self.buffer.get(..HEADER)?;
        let output = if header[0] == 2 {
            Output::Stderr
        } else {
            Output::Stdout
        };
        let length = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
        let length = usize::try_from(length).unwrap_or(usize::MAX);
        if self.buffer.len() - HEADER < length {
            return None;
        }
        self.buffer.advance(HEADER);
        Some((output, self.buffer.split_to(length).to_vec()))
    }

    /// What is left once the stream ended: the last line of a raw stream without its newline
    /// (a truncated frame of a multiplexed one is dropped: it is not a whole line).
    pub fn finish(&mut self) -> Option<(Output, Vec<u8>)> {
        let rest = std::mem::take(&mut self.buffer);
        (!self.multiplexed && !rest.is_empty()).then(|| (Output::Stdout, rest.to_vec()))
    }
}

/// One line of a service's logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub output: Output,
    /// When the container wrote it, as the engine gives it (RFC 3339), when asked for.
    pub timestamp: Option<String>,
    /// Which task wrote it; none for the engine's own words.
    pub context: Option<LogContext>,
    /// The line as the container wrote it (its newline included, when it had one).
    pub message: Vec<u8>,
}

/// Where a line comes from: IDs of the swarm's objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogContext {
    pub node_id: String,
    pub task_id: String,
}

/// A frame's payload as a line: its timestamp (when asked for) and context, then the message. A
/// payload without the context is the engine's own words, kept whole.
pub fn parse_line(output: Output, payload: Vec<u8>, timestamps: bool) -> LogLine {
    let engine_words = |payload: Vec<u8>| LogLine {
        output,
        timestamp: None,
        context: None,
        message: payload,
    };
    let mut rest = payload.as_slice();
    let mut timestamp = None;
    if timestamps {
        let Some((first, after)) = split_word(rest) else {
            return engine_words(payload);
        };
        timestamp = Some(String::from_utf8_lossy(first).into_owned());
        rest = after;
    }
    let Some((details, message)) = split_word(rest) else {
        return engine_words(payload);
    };
    let Some(context) = context_of(details) else {
        return engine_words(payload);
    };
    LogLine {
        output,
        timestamp,
        context: Some(context),
        message: message.to_vec(),
    }
}

/// The first space-separated word, and what follows the space.
fn split_word(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let space = bytes.iter().position(|byte| *byte == b' ')?;
    Some((&bytes[..space], &bytes[space + 1..]))
}

/// The swarm's context among a line's details (`key=value` pairs, comma-separated; the log
/// driver's own details, if any, come along: they are ignored).
fn context_of(details: &[u8]) -> Option<LogContext> {
    let details = std::str::from_utf8(details).ok()?;
    let mut node_id = None;
    let mut task_id = None;
    for pair in details.split(',') {
        match pair.split_once('=') {
            Some(("com.docker.swarm.node.id", id)) => node_id = Some(id.to_string()),
            Some(("com.docker.swarm.task.id", id)) => task_id = Some(id.to_string()),
            _ => {}
        }
    }
    Some(LogContext {
        node_id: node_id?,
        task_id: task_id?,
    })
}

/// Whether the engine's words say that the logging driver cannot be read back (`none`,
/// `syslog`, ...: only `json-file`, `local` and `journald` can).
pub fn is_unreadable_driver(words: &str) -> bool {
    words.contains("does not support reading")
}

/// The logging drivers whose logs the engine can read back.
pub const READABLE_DRIVERS: [&str; 3] = ["json-file", "local", "journald"];

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(stream: u8, payload: &str) -> Vec<u8> {
        let mut bytes = vec![stream, 0, 0, 0];
        bytes.extend_from_slice(&u32::try_from(payload.len()).unwrap().to_be_bytes());
        bytes.extend_from_slice(payload.as_bytes());
        bytes
    }

    #[test]
    fn frames_are_cut_however_the_bytes_arrive() {
        let mut stream = frame(1, "one\n");
        stream.extend(frame(2, "two\n"));
        let mut frames = Frames::new(true);
        let mut got = Vec::new();
        // One byte at a time: the worst a network can do.
        for byte in &stream {
            frames.push(std::slice::from_ref(byte));
            while let Some(frame) = frames.next_frame() {
                got.push(frame);
            }
        }
        assert_eq!(
            got,
            vec![
                (Output::Stdout, b"one\n".to_vec()),
                (Output::Stderr, b"two\n".to_vec())
            ]
        );
        assert_eq!(frames.finish(), None);
    }

    #[test]
    fn a_raw_stream_is_cut_at_newlines() {
        let mut frames = Frames::new(false);
        frames.push(b"one\ntw");
        assert_eq!(
            frames.next_frame(),
            Some((Output::Stdout, b"one\n".to_vec()))
        );
        assert_eq!(frames.next_frame(), None);
        frames.push(b"o");
        assert_eq!(frames.finish(), Some((Output::Stdout, b"two".to_vec())));
    }

    const DETAILS: &str = "com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,\
                           com.docker.swarm.task.id=t1";

    #[test]
    fn a_line_carries_its_task_and_node() {
        let line = parse_line(
            Output::Stdout,
            format!("{DETAILS} hello from a b\n").into_bytes(),
            false,
        );
        assert_eq!(
            line.context,
            Some(LogContext {
                node_id: "n1".into(),
                task_id: "t1".into()
            })
        );
        assert_eq!(line.message, b"hello from a b\n");
        assert_eq!(line.timestamp, None);

        let line = parse_line(
            Output::Stderr,
            format!("2026-11-30T22:00:00.5Z {DETAILS} hi\n").into_bytes(),
            true,
        );
        assert_eq!(line.timestamp.as_deref(), Some("2026-11-30T22:00:00.5Z"));
        assert_eq!(line.message, b"hi\n");
        assert_eq!(line.output, Output::Stderr);
    }

    #[test]
    fn the_engines_own_words_are_kept_whole() {
        let words = b"Error grabbing logs: node n3 is not available\n".to_vec();
        let line = parse_line(Output::Stderr, words.clone(), true);
        assert_eq!(line.context, None);
        assert_eq!(line.message, words);
        // The driver's own details before the swarm's are no trouble.
        let line = parse_line(
            Output::Stdout,
            format!("tag=x,{DETAILS} ok\n").into_bytes(),
            false,
        );
        assert!(line.context.is_some());
    }

    #[test]
    fn an_unreadable_driver_is_told_by_the_engines_words() {
        assert!(is_unreadable_driver(
            "configured logging driver does not support reading"
        ));
        assert!(!is_unreadable_driver("no such service"));
    }
}
