//! What must hold for any bytes given as a spec file, checked by the fuzzer
//! (fuzz/fuzz_targets/parse_validate.rs includes this file) and by tests/robustness.rs on the
//! seeds and their mutations: no panic, and
//!
//! - an invalid spec has diagnostics, each with a position inside the file (or none at all), a
//!   message and a hint, a snippet whose caret lies on the text shown, and text that is safe to
//!   print on a terminal (no control characters but newlines, no invisible or reordering ones);
//!   the JSON report holds them all; no value of an env file shows in any of them;
//! - a valid spec keeps every rule: app names are DNS labels and unique, a persistent app runs at
//!   most one instance, only persistent apps have volumes and a node, paths are clean and not
//!   system paths, labels are Docker volume names, ports are unique, no NUL reaches a process,
//!   no volume was dropped on the way to the model, and resources are what the engine takes
//!   (limits and reservations above their minimums, a limit not below its reservation).
//!
//! Standalone (no `super::`), so that the fuzz crate can include it with `#[path]`.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use alacrity::spec::paths::system_path;
use alacrity::spec::report::Report;
use alacrity::spec::{
    Diagnostic, FakeHostFs, FakeInputs, HostFs, Invalid, Spec, VolumeSource, load_bytes_with,
};

/// The file name diagnostics carry.
pub const FILE: &str = "spec.toml";

/// The env files a spec can name (beside it): a good one, one with every kind of bad line, the
/// example's. Their values hold `CANARY`, which no diagnostic may show.
pub const ENV_FILES: &[(&str, &[u8])] = &[
    (
        "app.env",
        b"# settings\nLOG_LEVEL=leak-canary-1\n  PASSED\nUNSET\nEMPTY=\n",
    ),
    (
        "bad.env",
        b"GOOD=leak-canary-2\n=leak-canary-3\nexport TOKEN=leak-canary-4\nBAD NAME=leak-canary-5\r\n\
          LATIN=leak-canary-6\xe9\nNUL=leak-canary-7\x00\nwords alone\n\xff=leak-canary-8\n",
    ),
    (
        "web-limits.env",
        b"LOG_LEVEL=info\nCACHE_URL=redis://u:leak-canary-9@cache:6379/0\nSESSION_SECRET\n",
    ),
];

/// What no diagnostic may show: it is in every value of the env files.
pub const CANARY: &str = "leak-canary";

/// The env files above, and an environment where `PASSED` and `SESSION_SECRET` are set.
pub fn fake_inputs() -> FakeInputs {
    ENV_FILES
        .iter()
        .fold(FakeInputs::new(), |inputs, (name, bytes)| {
            inputs.file(*name, *bytes)
        })
        .var("PASSED", "leak-canary-10")
        .var("SESSION_SECRET", "leak-canary-11")
}

/// The host the rules see: a few directories, a file, and symlinks to a system path, to the root
/// and to another directory (specs name them to hit every host-path rule).
pub fn fake_host() -> FakeHostFs {
    FakeHostFs::new()
        .dir("/")
        .dir("/etc")
        .dir("/srv/data")
        .dir("/srv/data/uploads")
        .dir("/srv/other")
        .file("/srv/file")
        .link("/srv/etc-link", "/etc")
        .link("/srv/root-link", "/")
        .link("/srv/alias", "/srv/data")
        .link("/srv/file-link", "/srv/file")
}

/// Parses and validates `bytes` as a spec file and checks everything above; panics otherwise.
pub fn check(bytes: &[u8]) {
    let host = fake_host();
    match load_bytes_with(Path::new(FILE), bytes.to_vec(), &host, &fake_inputs()) {
        Ok(spec) => check_valid(&spec, &host),
        Err(invalid) => check_invalid(bytes, &invalid),
    }
}

fn check_invalid(bytes: &[u8], invalid: &Invalid) {
    assert!(
        !invalid.diagnostics.is_empty(),
        "invalid, but no diagnostic"
    );
    let spec_text = String::from_utf8_lossy(bytes);
    for diagnostic in &invalid.diagnostics {
        // A diagnostic is in the spec, or in one of the env files it names.
        let text = match ENV_FILES
            .iter()
            .find(|(name, _)| diagnostic.file == Path::new(name))
        {
            Some((_, env_file)) => {
                let shown = diagnostic.to_string();
                assert!(
                    !shown.contains(CANARY),
                    "an env file's value shown: {shown}"
                );
                String::from_utf8_lossy(env_file)
            }
            None => spec_text.clone(),
        };
        let lines: Vec<&str> = text.split('\n').collect();
        check_diagnostic(diagnostic, &lines);
    }
    let json = serde_json::to_string(&Report::invalid(invalid)).expect("the JSON report");
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON that parses");
    assert_eq!(
        report["errors"].as_array().map(Vec::len),
        Some(invalid.diagnostics.len())
    );
}

fn check_diagnostic(diagnostic: &Diagnostic, lines: &[&str]) {
    let shown = format!("{diagnostic:?}");
    let env_file = ENV_FILES
        .iter()
        .any(|(name, _)| diagnostic.file == Path::new(name));
    assert!(diagnostic.file == Path::new(FILE) || env_file, "{shown}");
    assert!(!diagnostic.message.is_empty(), "no message: {shown}");
    assert!(
        diagnostic
            .hint
            .as_deref()
            .is_some_and(|hint| !hint.is_empty()),
        "no hint: {shown}"
    );
    assert_eq!(diagnostic.line == 0, diagnostic.column == 0, "{shown}");
    if diagnostic.line > 0 {
        let line = lines.get(diagnostic.line - 1).unwrap_or_else(|| {
            panic!(
                "line {} of a {}-line file: {shown}",
                diagnostic.line,
                lines.len()
            )
        });
        let length = line.chars().count();
        assert!(
            diagnostic.column <= length + 1,
            "column past the line: {shown}"
        );
    }
    if let Some(snippet) = &diagnostic.snippet {
        let length = snippet.text.chars().count();
        assert!(snippet.width >= 1 && snippet.column >= 1, "{shown}");
        assert!(snippet.column <= length + 1, "caret past the text: {shown}");
        assert!(length <= 110, "snippet of {length} characters: {shown}");
    }
    let rendered = diagnostic.to_string();
    if let Some(bad) = rendered
        .chars()
        .find(|&c| c != '\n' && unsafe_on_a_terminal(c))
    {
        panic!("{bad:?} printed raw: {rendered:?}");
    }
}

/// Characters a spec must not get onto the terminal: controls (escape sequences, carriage
/// returns), and invisible or reordering ones (bidirectional overrides, zero-width spaces).
fn unsafe_on_a_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

fn check_valid(spec: &Spec, host: &dyn HostFs) {
    let mut names = BTreeSet::new();
    let mut ports = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for file in &spec.files {
        for app in &file.apps {
            assert!(names.insert(app.name.clone()), "app `{}` twice", app.name);
            assert!(is_dns_label(&app.name), "app name {:?}", app.name);
            assert!(
                !app.image.trim().is_empty() && app.image.is_ascii(),
                "{app:?}"
            );
            assert!(
                !app.image
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control()),
                "{app:?}"
            );
            if app.persistent {
                assert!(app.instances <= 1, "{app:?}");
            } else {
                assert!(app.volumes.is_empty() && app.node.is_none(), "{app:?}");
            }
            let process = app.command.iter().chain(&app.entrypoint).flatten();
            assert!(
                !process.chain(app.env.values()).any(|s| s.contains('\0')),
                "{app:?}"
            );
            assert!(
                app.env.keys().all(|k| !k.is_empty() && !k.contains('=')),
                "{app:?}"
            );
            check_resources(app);
            for port in &app.ports {
                assert!(port.published >= 1 && port.target >= 1, "{app:?}");
                assert!(ports.insert((port.published, port.protocol)), "{app:?}");
            }
            let origin = &file.origins[&app.name];
            assert_eq!(
                origin.volumes.len(),
                app.volumes.len(),
                "volumes dropped: {app:?}"
            );
            let mut targets = BTreeSet::new();
            for volume in &app.volumes {
                let target = Path::new(&volume.container_path);
                assert!(target.is_absolute() && target != Path::new("/"), "{app:?}");
                assert!(targets.insert(target.to_path_buf()), "{app:?}");
                match &volume.source {
                    VolumeSource::Label(label) => {
                        assert!(is_volume_name(label), "label {label:?}");
                        assert!(labels.insert(label.clone()), "label {label:?} twice");
                    }
                    VolumeSource::HostPath(path) => {
                        assert!(
                            path.is_absolute() && system_path(path).is_none(),
                            "{path:?}"
                        );
                        let resolved = host.canonicalize(path).expect("an existing path");
                        assert!(system_path(&resolved).is_none() && host.is_dir(&resolved));
                    }
                }
            }
        }
    }
    serde_json::to_string(&Report::valid(&spec.files, &[])).expect("the JSON summary");
}

/// Limits and reservations the engine takes: above its minimums, a limit not below its
/// reservation.
fn check_resources(app: &alacrity::spec::App) {
    let (limits, reservations) = (&app.resources.limits, &app.resources.reservations);
    if let Some(memory) = limits.memory {
        assert!(memory.bytes() >= 6 << 20, "{app:?}");
    }
    if let Some(memory) = reservations.memory {
        assert!(memory.bytes() >= 4 << 20, "{app:?}");
    }
    if let Some(cpus) = limits.cpus {
        assert!(cpus.nanos() >= 10_000_000, "{app:?}");
    }
    if let Some(cpus) = reservations.cpus {
        assert!(cpus.nanos() >= 1_000_000, "{app:?}");
    }
    if let (Some(limit), Some(reserved)) = (limits.memory, reservations.memory) {
        assert!(limit >= reserved, "{app:?}");
    }
    if let (Some(limit), Some(reserved)) = (limits.cpus, reservations.cpus) {
        assert!(limit >= reserved, "{app:?}");
    }
}

fn is_dns_label(name: &str) -> bool {
    (1..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

fn is_volume_name(label: &str) -> bool {
    label.len() >= 2
        && !label.starts_with("alacran--")
        && label.starts_with(|c: char| c.is_ascii_alphanumeric())
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}
