//! Test hooks: points where a command can be held, so that engine tests make races real (one
//! command held between its check and its write while another runs) instead of relying on
//! timing. A hook is off unless its environment variable is set, and then costs one lookup.
//!
//! `ALACRITY_TEST_HOOK_<POINT>=/some/file` (POINT in capitals, e.g. `LOCKED`): on reaching the
//! point, alacrity creates `/some/file.reached` and waits (up to two minutes) until
//! `/some/file` exists, then goes on.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Holds the command at `point` when the test hook for it is set.
pub fn pause(point: &str) {
    let variable = format!(
        "ALACRITY_TEST_HOOK_{}",
        point.to_uppercase().replace('-', "_")
    );
    let Some(release) = std::env::var_os(&variable).map(PathBuf::from) else {
        return;
    };
    let mut reached = release.clone().into_os_string();
    reached.push(".reached");
    let _ = std::fs::write(&reached, std::process::id().to_string());
    let deadline = Instant::now() + Duration::from_secs(120);
    while !release.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}
