//! Bounded polling: tests wait for a condition, never for a fixed time.

use std::thread;
use std::time::{Duration, Instant};

/// How often the wait helpers poll.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// `Duration::from_secs`, shorter to write in tests.
pub fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Polls `cond` until it is true, for at most `timeout`; panics saying `what` was awaited if it
/// never is.
#[track_caller]
pub fn wait_until(timeout: Duration, what: &str, mut cond: impl FnMut() -> bool) {
    wait_for(timeout, what, || cond().then_some(()))
}

/// Polls `probe` until it returns `Some`, for at most `timeout`, and returns the value; panics
/// saying `what` was awaited if it never does.
#[track_caller]
pub fn wait_for<T>(timeout: Duration, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = probe() {
            return value;
        }
        if start.elapsed() >= timeout {
            panic!("timed out after {timeout:?} waiting until {what}");
        }
        thread::sleep(POLL_INTERVAL);
    }
}
