//! The corpus of invalid specs: every fixture under tests/fixtures/invalid, and cases generated
//! here (too large, too deep or too machine-specific to check in), through the real binary.
//!
//! Each case must make `validate`, `plan` and `deploy` exit 2 with exactly the diagnostics it
//! expects (rule and line, via `--output json`), and none of them may reach the engine: they run
//! with `--host` (and DOCKER_HOST) pointing at a unix socket this test listens on, and nothing
//! may connect to it.
//!
//! A fixture states what it expects in comments at its top, one line per diagnostic:
//!
//! ```toml
//! # expect: rule=persistent-instances line=5
//! # expect: rule=port-format line=7 column=10
//! ```
//!
//! `line=0` is a diagnostic about the whole file (no position). `file=NAME` puts the diagnostic
//! in another file than the spec, relative to the spec's directory: an env file the spec names.
//! `# expect: none` marks a file of a multi-file case that is fine on its own. A fixture is a
//! `.toml` file, or a directory whose `.toml` files are validated together (in name order; its
//! other files are what they name, e.g. env files); a `.toml` entry of such a directory that is
//! itself a directory is expected to be `unreadable-file`.

mod common;

use std::io::ErrorKind;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{alacrity, fixture, host_fixtures, repo};
use serde_json::Value;

/// One expected diagnostic: in which file (as given on the command line), which rule, where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    file: String,
    rule: String,
    line: u64,
    column: Option<u64>,
}

/// A spec (one or several files) and every diagnostic it must produce.
#[derive(Debug)]
struct Case {
    name: String,
    files: Vec<PathBuf>,
    expected: Vec<Expected>,
}

/// A unix socket standing in for the engine: it records whether anybody connected.
struct FakeEngine {
    listener: UnixListener,
    url: String,
    _dir: tempfile::TempDir,
}

impl FakeEngine {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("engine.sock");
        let listener = UnixListener::bind(&socket).unwrap();
        listener.set_nonblocking(true).unwrap();
        FakeEngine {
            listener,
            url: format!("unix://{}", socket.display()),
            _dir: dir,
        }
    }

    /// Whether a connection is waiting (it is taken and closed, so the client sees EOF).
    fn was_contacted(&self) -> bool {
        match self.listener.accept() {
            Ok(_) => true,
            Err(err) if err.kind() == ErrorKind::WouldBlock => false,
            Err(err) => panic!("accept on the fake engine: {err}"),
        }
    }
}

/// The commands that must refuse an invalid spec before talking to the engine.
const COMMANDS: &[&[&str]] = &[&["validate"], &["plan"], &["deploy", "--yes"]];

/// Runs one case through every command; returns its failures (empty when it passed).
fn check(case: &Case, engine: &FakeEngine) -> Vec<String> {
    let mut failures = Vec::new();
    let mut expected = case.expected.clone();
    expected.sort();
    for command in COMMANDS {
        let output = alacrity()
            .args(*command)
            .args(["--output", "json", "--host", &engine.url])
            .env("DOCKER_HOST", &engine.url)
            .args(&case.files)
            .output()
            .unwrap();
        let verb = command[0];
        if output.status.code() != Some(2) {
            failures.push(format!(
                "{}: `{verb}` exited {:?}, not 2",
                case.name,
                output.status.code()
            ));
        }
        match reported(&output.stdout, &expected) {
            Ok(found) if found == expected => {}
            Ok(found) => failures.push(format!(
                "{}: `{verb}` reported\n    {}\n  but the case expects\n    {}",
                case.name,
                list(&found),
                list(&expected)
            )),
            Err(err) => failures.push(format!("{}: `{verb}`: {err}", case.name)),
        }
        if engine.was_contacted() {
            failures.push(format!("{}: `{verb}` connected to the engine", case.name));
        }
    }
    failures
}

/// The diagnostics of a JSON report, in the form of the expectations (a column is compared
/// only where the case states one).
fn reported(stdout: &[u8], expected: &[Expected]) -> Result<Vec<Expected>, String> {
    let report: Value = serde_json::from_slice(stdout).map_err(|err| {
        let text = String::from_utf8_lossy(stdout);
        format!("stdout is not a JSON report ({err}): {:.300}", text)
    })?;
    if report["valid"] != Value::Bool(false) {
        return Err(format!("the report does not say invalid: {:.300}", report));
    }
    let errors = report["errors"].as_array().ok_or("no errors array")?;
    let mut found: Vec<Expected> = errors
        .iter()
        .map(|error| {
            let file = error["file"].as_str().unwrap_or_default().to_string();
            let rule = error["rule"].as_str().unwrap_or_default().to_string();
            // No position: `null` (the expectations say line 0).
            let line = match &error["line"] {
                Value::Null => 0,
                line => line.as_u64().unwrap_or(u64::MAX),
            };
            let wants_column = expected
                .iter()
                .any(|e| e.file == file && e.rule == rule && e.line == line && e.column.is_some());
            let column = wants_column.then(|| error["column"].as_u64().unwrap_or(u64::MAX));
            Expected {
                file,
                rule,
                line,
                column,
            }
        })
        .collect();
    found.sort();
    Ok(found)
}

fn list(items: &[Expected]) -> String {
    let shown: Vec<String> = items
        .iter()
        .take(20)
        .map(|e| match e.column {
            Some(column) => format!("{} {}:{}:{column}", e.rule, e.file, e.line),
            None => format!("{} {}:{}", e.rule, e.file, e.line),
        })
        .collect();
    let more = items.len().saturating_sub(shown.len());
    let mut text = shown.join("\n    ");
    if more > 0 {
        text.push_str(&format!("\n    ... and {more} more"));
    }
    if text.is_empty() {
        "nothing".into()
    } else {
        text
    }
}

fn run_all(cases: &[Case]) {
    let engine = FakeEngine::new();
    let failures: Vec<String> = cases.iter().flat_map(|case| check(case, &engine)).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The fixtures

/// The `# expect:` lines at the top of a fixture, for `file` as given on the command line.
fn expectations(path: &Path, file: &str) -> Result<Vec<Expected>, String> {
    let bytes = std::fs::read(repo().join(path)).map_err(|err| err.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let mut expected = Vec::new();
    let mut none = false;
    for line in text.lines().take_while(|line| line.starts_with('#')) {
        let Some(spec) = line.strip_prefix("# expect:") else {
            continue;
        };
        let spec = spec.trim();
        if spec == "none" {
            none = true;
            continue;
        }
        expected.push(expectation(spec, file)?);
    }
    match (none, expected.is_empty()) {
        (true, true) | (false, false) => Ok(expected),
        (true, false) => Err("`# expect: none` and other expectations".into()),
        (false, true) => Err("no `# expect:` line at its top".into()),
    }
}

/// `rule=ID line=N [column=N] [file=NAME]`.
fn expectation(spec: &str, file: &str) -> Result<Expected, String> {
    let mut rule = None;
    let mut line = None;
    let mut column = None;
    let mut in_file = file.to_string();
    for field in spec.split_whitespace() {
        let number = |value: &str| {
            value
                .parse::<u64>()
                .map_err(|err| format!("{field}: {err}"))
        };
        match field.split_once('=') {
            Some(("rule", value)) => rule = Some(value.to_string()),
            Some(("line", value)) => line = Some(number(value)?),
            Some(("column", value)) => column = Some(number(value)?),
            Some(("file", value)) => {
                let dir = Path::new(file).parent().unwrap_or(Path::new(""));
                in_file = dir.join(value).display().to_string();
            }
            _ => return Err(format!("`{field}` in `# expect: {spec}`")),
        }
    }
    let known = alacrity::spec::RuleId::ALL.iter().map(|r| r.id());
    let rule = rule.ok_or_else(|| format!("no rule= in `# expect: {spec}`"))?;
    if !known.clone().any(|id| id == rule) {
        return Err(format!("`{rule}` is no rule id"));
    }
    Ok(Expected {
        file: in_file,
        rule,
        line: line.ok_or_else(|| format!("no line= in `# expect: {spec}`"))?,
        column,
    })
}

/// Every fixture under tests/fixtures/invalid, as a case.
fn fixture_cases() -> Vec<Case> {
    let dir = fixture("invalid");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(repo().join(&dir))
        .unwrap()
        .map(|entry| dir.join(entry.unwrap().file_name()))
        .collect();
    entries.sort();
    entries.iter().map(|entry| fixture_case(entry)).collect()
}

fn fixture_case(entry: &Path) -> Case {
    let name = entry.display().to_string();
    let files: Vec<PathBuf> = if repo().join(entry).is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(entry))
            .unwrap()
            .map(|file| entry.join(file.unwrap().file_name()))
            .filter(|file| file.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        files
    } else {
        assert!(
            name.ends_with(".toml"),
            "{name}: a fixture is a .toml file or a directory"
        );
        vec![entry.to_path_buf()]
    };
    let mut expected = Vec::new();
    for file in &files {
        let shown = file.display().to_string();
        if repo().join(file).is_dir() {
            expected.push(Expected {
                file: shown,
                rule: "unreadable-file".into(),
                line: 0,
                column: None,
            });
            continue;
        }
        match expectations(file, &shown) {
            Ok(mut found) => expected.append(&mut found),
            Err(err) => panic!("{shown}: {err}"),
        }
    }
    assert!(!expected.is_empty(), "{name}: expects no error at all");
    Case {
        name,
        files,
        expected,
    }
}

#[test]
fn every_invalid_fixture_reports_what_it_expects_without_reaching_the_engine() {
    host_fixtures();
    let cases = fixture_cases();
    assert!(
        cases.len() >= 60,
        "the corpus has {} cases, it should have at least 60",
        cases.len()
    );
    run_all(&cases);
}

/// Every rule id is expected by at least one fixture (the canonical ones of tests/validate.rs
/// break one rule each; the corpus must cover them all too).
#[test]
fn the_fixtures_cover_every_rule() {
    let cases = fixture_cases();
    for rule in alacrity::spec::RuleId::ALL {
        assert!(
            cases
                .iter()
                .flat_map(|case| &case.expected)
                .any(|e| e.rule == rule.id()),
            "no fixture expects `{rule}`"
        );
    }
}

/// A fixture named `RULE--what.toml` expects RULE (its name says what it is about).
#[test]
fn a_fixture_expects_the_rule_it_is_named_after() {
    for case in fixture_cases() {
        let file_name = Path::new(&case.name)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let stem = file_name.strip_suffix(".toml").unwrap_or(&file_name);
        let rule = stem.split("--").next().unwrap();
        assert!(
            case.expected.iter().any(|e| e.rule == rule),
            "{}: named after `{rule}`, which it does not expect",
            case.name
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Generated cases

/// Spec files written into a temporary directory, and what they must report.
struct Generated {
    dir: tempfile::TempDir,
    cases: Vec<Case>,
}

impl Generated {
    fn new() -> Self {
        Generated {
            dir: tempfile::tempdir().unwrap(),
            cases: Vec::new(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A one-file case: `expected` as (rule, line).
    fn case(&mut self, name: &str, text: impl AsRef<[u8]>, expected: &[(&str, u64)]) {
        let path = self.path(&format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        self.case_at(name, vec![path], expected);
    }

    /// A case of files already made; every expectation is in the first file.
    fn case_at(&mut self, name: &str, files: Vec<PathBuf>, expected: &[(&str, u64)]) {
        let file = files[0].display().to_string();
        let expected = expected
            .iter()
            .map(|&(rule, line)| Expected {
                file: file.clone(),
                rule: rule.into(),
                line,
                column: None,
            })
            .collect();
        self.cases.push(Case {
            name: name.into(),
            files,
            expected,
        });
    }

    fn run(&self) {
        run_all(&self.cases);
    }
}

const WEB: &str = "[apps.web]\nimage = \"nginx:1.27\"\n";

/// 10,000 levels of nesting of every kind: toml stops at its limit (80) with an error instead
/// of overflowing the stack, and the error points at the line.
#[test]
fn deeply_nested_specs_are_errors_not_stack_overflows() {
    let deep = 10_000;
    let mut generated = Generated::new();
    let cases = [
        (
            "arrays",
            format!("{WEB}command = {}{}\n", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            "unclosed-arrays",
            format!("{WEB}command = {}\n", "[".repeat(deep)),
        ),
        (
            "inline-tables",
            format!(
                "{WEB}env = {}1{}\n",
                "{ a = ".repeat(deep),
                " }".repeat(deep)
            ),
        ),
        (
            "arrays-of-inline-tables",
            format!(
                "{WEB}volumes = {}{}\n",
                "[{ a = ".repeat(deep),
                "1 }]".repeat(deep)
            ),
        ),
        (
            "dotted-key",
            format!("{WEB}{} = 1\n", vec!["a"; deep].join(".")),
        ),
        (
            "table-header",
            format!("{WEB}[{}]\n", vec!["a"; deep].join(".")),
        ),
        (
            "array-table-header",
            format!("{WEB}[[{}]]\n", vec!["a"; deep].join(".")),
        ),
    ];
    for (name, text) in cases {
        generated.case(name, text, &[("toml-syntax", 3)]);
    }
    generated.run();
}

/// Files too large, empty, or no files at all: each a clear diagnostic.
#[test]
fn unreadable_empty_and_oversized_files() {
    let mut generated = Generated::new();
    generated.case("empty", "", &[("no-apps", 0)]);
    generated.case("blank", " \n\t\n", &[("no-apps", 0)]);
    let big = generated.path("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(alacrity::spec::MAX_SPEC_BYTES + 1)
        .unwrap();
    generated.case_at("oversized", vec![big], &[("unreadable-file", 0)]);
    generated.case_at(
        "endless-device",
        vec![PathBuf::from("/dev/zero")],
        &[("unreadable-file", 0)],
    );
    generated.case_at(
        "missing",
        vec![generated.path("missing.toml")],
        &[("unreadable-file", 0)],
    );
    let directory = generated.path("dir.toml");
    std::fs::create_dir(&directory).unwrap();
    generated.case_at("directory", vec![directory], &[("unreadable-file", 0)]);
    let link_loop = generated.path("loop.toml");
    std::os::unix::fs::symlink(&link_loop, &link_loop).unwrap();
    generated.case_at("symlink-loop", vec![link_loop], &[("unreadable-file", 0)]);
    generated.run();
}

/// Large generated specs: every error of every app at its own line, reported in time
/// proportional to the spec (positions and snippets on a long line were once quadratic).
#[test]
fn huge_specs_report_every_error_at_its_line() {
    let mut generated = Generated::new();

    // 5,000 apps, each with a negative instances on line 3 of its 3 lines.
    let apps = 5_000;
    let text: String = (0..apps)
        .map(|i| format!("[apps.app-{i}]\nimage = \"nginx:1.27\"\ninstances = -1\n"))
        .collect();
    let expected: Vec<(&str, u64)> = (0..apps)
        .map(|i| ("instances-negative", 3 * i + 3))
        .collect();
    generated.case("many-apps", text, &expected);

    // One line of 10,000 bad ports.
    let ports = 10_000;
    let text = format!("{WEB}ports = [{}]\n", "\"x\", ".repeat(ports));
    generated.case("long-line", text, &vec![("port-format", 3); ports]);

    // Multi-megabyte strings.
    let text = format!("[apps.web]\nimage = \"nginx {}\"\n", "a".repeat(4 << 20));
    generated.case("long-string", text, &[("image-format", 2)]);
    let text = format!(
        "{WEB}persistent = true\nvolumes = [{{ label = \"{}\", container_path = \"/{}\" }}]\n",
        "l".repeat(1 << 20),
        "c".repeat(1 << 20)
    );
    generated.case("long-label", text, &[("label-format", 4)]);
    generated.run();
}

/// An app with a megabyte-long name and thousands of errors: every diagnostic names the app,
/// shortened, so the report stays in proportion to the spec.
#[test]
fn a_huge_app_name_is_not_repeated_in_every_diagnostic() {
    let errors = 2_000;
    let name = "n".repeat(1 << 20);
    let text = format!(
        "[apps.{name}]\nimage = \"nginx:1.27\"\nports = [{}]\n",
        "\"x\", ".repeat(errors)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.toml");
    std::fs::write(&path, &text).unwrap();
    let output = alacrity()
        .args(["validate", "--output", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors_found = report["errors"].as_array().unwrap();
    assert_eq!(
        errors_found.len(),
        errors + 1,
        "one app-name, then the ports"
    );
    assert_eq!(errors_found[0]["rule"], "app-name");
    assert!(
        output.stdout.len() < 4 * text.len(),
        "a report of {} bytes for a spec of {}",
        output.stdout.len(),
        text.len()
    );
    let text_output = alacrity().arg("validate").arg(&path).output().unwrap();
    assert!(text_output.stderr.len() < 4 * text.len());
}

/// Host paths through symlinks, made here since a fixture cannot hold an absolute symlink
/// portably: a link to a system path is refused as that path, however many links lead there.
#[test]
fn symlinks_to_system_paths_and_other_tricks() {
    let mut generated = Generated::new();
    let root = generated.dir.path().to_path_buf();
    let link = |name: &str, target: &Path| {
        let path = root.join(name);
        std::os::unix::fs::symlink(target, &path).unwrap();
        path
    };
    std::fs::create_dir(root.join("data")).unwrap();
    std::fs::write(root.join("file"), "not a directory\n").unwrap();
    let cases = [
        ("etc", link("etc", Path::new("/etc")), "host-path-system"),
        ("root", link("root", Path::new("/")), "host-path-system"),
        (
            "proc",
            link("proc", Path::new("/proc/self")),
            "host-path-system",
        ),
        ("dev", link("dev", Path::new("/dev")), "host-path-system"),
        (
            "usr-bin",
            link("usr-bin", Path::new("/usr/bin")),
            "host-path-system",
        ),
        (
            "chain",
            link("chain", &root.join("etc")),
            "host-path-system",
        ),
        (
            "relative",
            link("relative", Path::new("../../../../../../../../etc")),
            "host-path-system",
        ),
        (
            "to-file",
            link("to-file", &root.join("file")),
            "host-path-not-directory",
        ),
        (
            "dangling",
            link("dangling", &root.join("nowhere")),
            "host-path-missing",
        ),
        (
            "loop",
            link("loop", &root.join("loop")),
            "host-path-missing",
        ),
    ];
    for (name, path, rule) in &cases {
        let written = format!("{}/", path.display());
        let text = format!(
            "[apps.db]\nimage = \"postgres:16\"\npersistent = true\n\
             volumes = [{{ host_path = \"{written}\", container_path = \"/data\" }}]\n"
        );
        generated.case(name, text, &[(rule, 4)]);
    }
    // A link to another app's directory is that directory: shared.
    let alias = link("alias", &root.join("data"));
    let text = format!(
        "[apps.db]\nimage = \"postgres:16\"\npersistent = true\n\
         volumes = [{{ host_path = \"{}\", container_path = \"/data\" }}]\n\n\
         [apps.backup]\nimage = \"busybox\"\npersistent = true\n\
         volumes = [{{ host_path = \"{}/\", container_path = \"/data\" }}]\n",
        root.join("data").display(),
        alias.display()
    );
    generated.case("alias-shared", text, &[("host-path-shared", 9)]);
    generated.run();
}

/// The fake engine notices a connection: without this, "nothing connected" would prove nothing.
#[test]
fn the_fake_engine_notices_a_command_that_connects() {
    let engine = FakeEngine::new();
    assert!(!engine.was_contacted());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_alacrity"))
        .current_dir(repo())
        .args(["plan", "--host", &engine.url])
        .arg(fixture("valid/minimal.toml"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut contacted = false;
    while Instant::now() < deadline && !contacted {
        contacted = engine.was_contacted();
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = child.wait().unwrap();
    assert!(contacted, "plan of a valid spec did not connect");
    assert_eq!(
        status.code(),
        Some(1),
        "the engine hung up: a failure at run time"
    );
}
