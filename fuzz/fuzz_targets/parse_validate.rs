//! Any bytes as a spec file: parsed and validated on a fake host filesystem, every diagnostic
//! rendered as text and JSON. Nothing may panic, hang or overflow the stack, and the checks of
//! `spec_check` (positions within the file, terminal-safe text, ...) must hold.
//!
//! Run it with `scripts/fuzz [SECONDS]`; tests/robustness.rs runs the same checks on the seeds
//! and on mutations of them in every `cargo test`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/spec_check.rs"]
mod spec_check;

fuzz_target!(|data: &[u8]| {
    spec_check::check(data);
});
