//! App specs: TOML files -> validated apps, or every error at once with file:line:column.
//!
//! The pipeline, one module per step:
//! - `source`: a file's text, and byte offsets -> line:column.
//! - `parse`: TOML -> `raw` apps with positions; syntax errors, unknown fields, wrong types.
//! - `envfile`: the env files the apps name (read through `inputs::Inputs`) -> their variables,
//!   or diagnostics at the env files' own lines.
//! - `rules`: every rule that needs no engine (ids in `rule_id`), pure, the host seen through
//!   `paths::HostFs`.
//! - `build`: raw apps that passed -> the `model` (App, Volume, Port), no positions, no I/O;
//!   `units`: sizes, CPUs and durations.
//! - `diagnostic`: one problem; `report`: how problems and summaries are shown.
//!
//! No I/O here besides reading the spec files and, through `Inputs`, their env files and
//! alacrity's environment, and, through `HostFs`, looking at host paths.

mod build;
pub mod diagnostic;
mod envfile;
pub mod inputs;
pub mod model;
pub mod parse;
pub mod paths;
pub mod project;
mod raw;
pub mod report;
pub mod rule_id;
mod rules;
pub mod source;
mod suggest;
pub mod units;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Invalid};
pub use envfile::HIDDEN_VALUE;
pub use inputs::{FakeInputs, Inputs, RealInputs};
pub use model::{
    App, Content, FileKind, FileMount, HealthCheck, Healthcheck, Port, Protocol, ResourceSet,
    Resources, RestartCondition, RestartPolicy, Volume, VolumeSource,
};
pub use paths::{DeferredHostFs, FakeHostFs, HostFs, RealHostFs};
pub use rule_id::RuleId;
pub(crate) use rules::label_problem;
pub use rules::{HostPathProblem, host_path_problem};
pub use source::{Snippet, Source};

use rules::ParsedFile;

/// Every app of the files given, validated.
#[derive(Debug, Clone)]
pub struct Spec {
    pub files: Vec<SpecFile>,
}

/// The apps of one file, in the order the file declares them.
#[derive(Debug, Clone)]
pub struct SpecFile {
    pub path: PathBuf,
    /// The file's `project`, when it names one (else the command names it after the file's
    /// directory: see [`project::default_project`]).
    pub project: Option<String>,
    pub apps: Vec<App>,
    /// Where each app's parts are written, by app name: for checks made later, against the
    /// engine, to point at the spec like the rules do (see `Spec::diagnostic`).
    pub origins: BTreeMap<String, AppOrigin>,
}

/// Where the parts of one app are in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppOrigin {
    /// The app's key, `NAME` in `[apps.NAME]`.
    pub name: Origin,
    /// The `node` value, when given.
    pub node: Option<Origin>,
    /// The `instances` value, when given.
    pub instances: Option<Origin>,
    /// One per volume, in order: its `label` or `host_path` value.
    pub volumes: Vec<Origin>,
    /// One per published port, in order.
    pub ports: Vec<Origin>,
}

/// One place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub line: usize,
    pub column: usize,
    pub snippet: Snippet,
}

/// What part of an app a diagnostic made after loading points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Name,
    Node,
    Instances,
    /// The label or host path of the volume with this index in `App::volumes`.
    Volume(usize),
    /// The port with this index in `App::ports`.
    Port(usize),
}

impl Spec {
    pub fn apps(&self) -> impl Iterator<Item = &App> {
        self.files.iter().flat_map(|file| file.apps.iter())
    }

    pub fn app(&self, name: &str) -> Option<&App> {
        self.apps().find(|app| app.name == name)
    }

    /// A diagnostic at a part of an app, for problems found after loading (e.g. a label that an
    /// app already deployed uses). Falls back to the app's name, then to no position at all.
    pub fn diagnostic(
        &self,
        app: &str,
        part: Part,
        rule: RuleId,
        message: impl Into<String>,
    ) -> Diagnostic {
        let file = self
            .files
            .iter()
            .find(|file| file.apps.iter().any(|a| a.name == app));
        let path = file.map_or_else(PathBuf::new, |file| file.path.clone());
        let mut diagnostic = Diagnostic::new(rule, path, message).app(app);
        if let Some(origin) = file.and_then(|file| file.origins.get(app)) {
            let place = match part {
                Part::Name => None,
                Part::Node => origin.node.as_ref(),
                Part::Instances => origin.instances.as_ref(),
                Part::Volume(index) => origin.volumes.get(index),
                Part::Port(index) => origin.ports.get(index),
            };
            let place = place.unwrap_or(&origin.name);
            diagnostic.line = place.line;
            diagnostic.column = place.column;
            diagnostic.snippet = Some(place.snippet.clone());
        }
        diagnostic
    }
}

/// Reads, parses and validates spec files, checking every rule that needs no engine, with host
/// paths checked on this machine.
///
/// On failure, `Invalid` carries every diagnostic of every file (not just the first).
pub fn load(paths: &[PathBuf]) -> Result<Spec, Invalid> {
    load_with(paths, &RealHostFs)
}

/// `load`, looking at host paths through `host`; env files are read from this machine.
pub fn load_with(paths: &[PathBuf], host: &dyn HostFs) -> Result<Spec, Invalid> {
    load_with_inputs(paths, host, &RealInputs)
}

/// `load_with`, reading env files and the environment through `inputs`.
pub fn load_with_inputs(
    paths: &[PathBuf],
    host: &dyn HostFs,
    inputs: &dyn Inputs,
) -> Result<Spec, Invalid> {
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for path in distinct(paths) {
        match read(path) {
            Ok(source) => sources.push(source),
            Err(diagnostic) => unreadable.push(*diagnostic),
        }
    }
    let checked = load_sources_with(sources, host, inputs);
    if unreadable.is_empty() {
        return checked;
    }
    let mut diagnostics = checked.err().map_or_else(Vec::new, |e| e.diagnostics);
    diagnostics.extend(unreadable);
    sort_by_file_order(&mut diagnostics, paths);
    Err(Invalid { diagnostics })
}

/// Parses and validates specs already in memory (tests and fuzzing start here), with no env
/// file to read (an app's `env_file` is not found) and an empty environment.
pub fn load_sources(sources: Vec<Source>, host: &dyn HostFs) -> Result<Spec, Invalid> {
    load_sources_with(sources, host, &FakeInputs::new())
}

/// `load_sources`, reading env files and the environment through `inputs`.
pub fn load_sources_with(
    sources: Vec<Source>,
    host: &dyn HostFs,
    inputs: &dyn Inputs,
) -> Result<Spec, Invalid> {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for source in sources {
        let (apps, project, mut found) = parse::parse_file(&source);
        diagnostics.append(&mut found);
        files.push(ParsedFile {
            source,
            apps,
            project,
        });
    }
    let order = read_env_files(&mut files, inputs, &mut diagnostics);
    read_file_contents(&mut files, inputs, &mut diagnostics);
    diagnostics.extend(rules::check(&files, host));
    if diagnostics.is_empty() {
        return Ok(Spec {
            files: files.iter().map(spec_file).collect(),
        });
    }
    sort_by_file_order(&mut diagnostics, &order);
    Err(Invalid { diagnostics })
}

/// Reads the env files each app names, in order, into `RawApp::env_from_files`; an env file
/// named several times is read once, and its problems are reported once. Returns the order of
/// the files for diagnostics: each spec file, then the env files it names.
fn read_env_files(
    files: &mut [ParsedFile],
    inputs: &dyn Inputs,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut read: HashMap<PathBuf, Option<Vec<(String, String)>>> = HashMap::new();
    let mut order = Vec::new();
    let lookup = |name: &str| inputs.var(name);
    for file in files.iter_mut() {
        order.push(file.source.path.clone());
        for app in &mut file.apps {
            for entry in &app.env_file {
                let at = |message: String, hint: String| {
                    Diagnostic::at(
                        RuleId::EnvFileUnreadable,
                        &file.source,
                        entry.span.clone(),
                        message,
                    )
                    .app(&app.name)
                    .hint(hint)
                };
                if entry.value.is_empty() {
                    diagnostics.push(at(
                        "`env_file` names an empty path".to_string(),
                        "name the env file, e.g. env_file = [\"prod.env\"]".to_string(),
                    ));
                    continue;
                }
                let path = env_file_path(&file.source.path, &entry.value);
                let variables = read.entry(path.clone()).or_insert_with(|| {
                    order.push(path.clone());
                    match inputs.read(&path) {
                        Ok(bytes) if bytes.len() as u64 > inputs::MAX_ENV_FILE_BYTES => None,
                        Ok(bytes) => {
                            let parsed = envfile::parse(&path, &bytes, &app.name, &lookup);
                            diagnostics.extend(parsed.diagnostics.into_iter().map(|mut d| {
                                d.spec_file = Some(file.source.path.clone());
                                d
                            }));
                            Some(parsed.variables)
                        }
                        Err(_) => None,
                    }
                });
                match variables {
                    Some(variables) => app.env_from_files.extend(variables.iter().cloned()),
                    None => {
                        let (message, hint) = env_file_unreadable(&path, inputs);
                        diagnostics.push(at(message, hint));
                    }
                }
            }
        }
    }
    order
}

/// Reads the content of each secret and config file, from its `file` (relative to the spec
/// file) or its `env` variable, into `RawFile::content`; one that cannot be had is a diagnostic
/// at its `file` or `env` (the content itself is never shown).
fn read_file_contents(
    files: &mut [ParsedFile],
    inputs: &dyn Inputs,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for parsed in files.iter_mut() {
        let source = &parsed.source;
        for app in &mut parsed.apps {
            let name = app.name.clone();
            for (kind, file) in [&mut app.secrets, &mut app.configs]
                .into_iter()
                .zip([FileKind::Secret, FileKind::Config])
                .flat_map(|(files, kind)| {
                    files
                        .iter_mut()
                        .flat_map(|field| field.value.iter_mut())
                        .map(move |file| (kind, file))
                })
            {
                let what = match &file.name {
                    Some(field) => format!("the {} `{}`", kind.word(), field.value),
                    None => format!("a {}", kind.word()),
                };
                let read = match (&file.file, &file.env) {
                    (Some(path), None) => {
                        let full = env_file_path(&source.path, &path.value);
                        let got = match path.value.is_empty() {
                            true => Err((
                                format!("{what} names an empty `file`"),
                                "name the file that holds it, e.g. file = \"secrets/db-password\""
                                    .to_string(),
                            )),
                            false => inputs.read(&full).map_err(|err| {
                                (
                                    format!("{what}: cannot read {} ({err})", full.display()),
                                    format!(
                                        "check the path: it is relative to the spec file's directory \
                                         ({}); create the file, or point `file` at it",
                                        match source.path.parent().map(Path::display) {
                                            Some(dir) if !dir.to_string().is_empty() => dir.to_string(),
                                            _ => "the current directory".to_string(),
                                        }
                                    ),
                                )
                            }),
                        };
                        Some((path.span.clone(), got))
                    }
                    (None, Some(variable)) => {
                        let got = inputs
                            .var(&variable.value)
                            .map(|value| value.into_encoded_bytes())
                            .ok_or_else(|| {
                                (
                                    format!(
                                        "{what}: the variable {} is not set in alacrity's environment",
                                        variable.value
                                    ),
                                    format!(
                                        "set it where alacrity runs (a CI job's secret, or `export {}=...`), \
                                         or use `file` instead",
                                        variable.value
                                    ),
                                )
                            });
                        Some((variable.span.clone(), got))
                    }
                    // Neither or both: the file-source rule says so.
                    _ => None,
                };
                let Some((span, got)) = read else { continue };
                let got = got.and_then(|bytes| match bytes.len() > model::MAX_FILE_BYTES {
                    true => Err((
                        format!(
                            "{what} holds {} bytes; the swarm takes at most {} KiB",
                            bytes.len(),
                            model::MAX_FILE_BYTES / 1024
                        ),
                        "keep secrets and config files small: a large file belongs in the image \
                         or a volume"
                            .to_string(),
                    )),
                    false => Ok(bytes),
                });
                match got {
                    Ok(bytes) => {
                        let digest = model::content_digest(&bytes);
                        file.content = Some(model::Content::new(bytes, digest));
                    }
                    Err((message, hint)) => diagnostics.push(
                        Diagnostic::at(RuleId::FileSourceMissing, source, span, message)
                            .app(&name)
                            .hint(hint),
                    ),
                }
            }
        }
    }
}

/// Where an env file is: a relative path is taken from the spec file's directory, as docker
/// compose does (`-`, standard input, is in the current directory).
fn env_file_path(spec: &Path, written: &str) -> PathBuf {
    let written = Path::new(written);
    let path = match written.is_absolute() {
        true => written.to_path_buf(),
        false => spec.parent().unwrap_or(Path::new("")).join(written),
    };
    // `examples/./prod.env` is `examples/prod.env`.
    path.components().collect()
}

/// Why an env file cannot be read, and what to do, in words (the file is read again for the
/// error: only its first reader kept the bytes, and failures are rare).
fn env_file_unreadable(path: &Path, inputs: &dyn Inputs) -> (String, String) {
    let shown = path.display();
    let directory = match path.parent().map(Path::display) {
        Some(dir) if !dir.to_string().is_empty() => format!("`{dir}/`"),
        _ => "the current directory".to_string(),
    };
    match inputs.read(path) {
        Ok(_) => (
            format!(
                "the env file {shown} is larger than {} MiB, far too large for an env file",
                inputs::MAX_ENV_FILE_BYTES / 1024 / 1024
            ),
            "check the path: an env file holds NAME=value lines, a few kilobytes".to_string(),
        ),
        Err(err) => {
            let hint = match err.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "check the path: a relative path is taken from the spec file's directory, \
                     here {directory}"
                ),
                std::io::ErrorKind::PermissionDenied => {
                    "check the file's permissions: alacrity reads it".to_string()
                }
                std::io::ErrorKind::IsADirectory => {
                    "name a file of NAME=value lines, not a directory".to_string()
                }
                _ => "check that the path is a readable file".to_string(),
            };
            (format!("cannot read the env file {shown}: {err}"), hint)
        }
    }
}

fn spec_file(file: &ParsedFile) -> SpecFile {
    let project = file.project.as_ref().map(|field| field.value.clone());
    SpecFile {
        path: file.source.path.clone(),
        project: project.clone(),
        apps: file
            .apps
            .iter()
            .map(|raw| App {
                project: project.clone(),
                ..build::app(raw)
            })
            .collect(),
        origins: file
            .apps
            .iter()
            .map(|app| (app.name.clone(), build::origin(&file.source, app)))
            .collect(),
    }
}

/// The paths given, each file once: `validate a.toml ./a.toml` is not two apps named alike.
fn distinct(paths: &[PathBuf]) -> Vec<&PathBuf> {
    let mut seen = Vec::new();
    let mut unique = Vec::new();
    for path in paths {
        let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !seen.contains(&identity) {
            seen.push(identity);
            unique.push(path);
        }
    }
    unique
}

/// Parses and validates one spec file given as bytes, as if read from `path` (which only names
/// it in diagnostics): the whole pipeline but the reading, for the fuzzer and tests.
pub fn load_bytes(path: &Path, bytes: Vec<u8>, host: &dyn HostFs) -> Result<Spec, Invalid> {
    load_bytes_with(path, bytes, host, &FakeInputs::new())
}

/// `load_bytes`, reading env files and the environment through `inputs`.
pub fn load_bytes_with(
    path: &Path,
    bytes: Vec<u8>,
    host: &dyn HostFs,
    inputs: &dyn Inputs,
) -> Result<Spec, Invalid> {
    let source = source_of(path, bytes).map_err(|diagnostic| Invalid {
        diagnostics: vec![*diagnostic],
    })?;
    load_sources_with(vec![source], host, inputs)
}

/// The largest spec file read. Real specs are kilobytes; a bigger file is the wrong file (a
/// log, an image, /dev/zero), and reading it whole would only exhaust memory.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// One spec file's text, or why it cannot be had. `-` is standard input, as for most tools
/// that read files (`generate-spec | alacrity validate -`).
fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
    let failed = |err: std::io::Error| Box::new(unreadable(path, &err));
    let input: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(failed)?)
    };
    let mut bytes = Vec::new();
    input
        .take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(Box::new(too_large(path)));
    }
    source_of(path, bytes)
}

fn source_of(path: &Path, bytes: Vec<u8>) -> Result<Source, Box<Diagnostic>> {
    String::from_utf8(bytes)
        .map(|text| Source::new(path, text))
        .map_err(|err| Box::new(not_utf8(path, err)))
}

fn too_large(path: &Path) -> Diagnostic {
    Diagnostic::new(
        RuleId::UnreadableFile,
        path,
        format!(
            "the file is larger than {} MiB, far too large for an app spec",
            MAX_SPEC_BYTES / 1024 / 1024
        ),
    )
    .hint("check the path: an app spec is a TOML file of a few kilobytes")
}

fn unreadable(path: &Path, err: &std::io::Error) -> Diagnostic {
    let hint = match err.kind() {
        std::io::ErrorKind::NotFound => "check the path; spec files usually end in .toml",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        std::io::ErrorKind::IsADirectory => "give the spec files in it instead, e.g. DIR/*.toml",
        _ => "check that the path is a readable file",
    };
    Diagnostic::new(
        RuleId::UnreadableFile,
        path,
        format!("cannot read the file: {err}"),
    )
    .hint(hint)
}

/// Points at the first byte that is not UTF-8 (everything before it is text, so positions hold).
fn not_utf8(path: &Path, err: std::string::FromUtf8Error) -> Diagnostic {
    let at = err.utf8_error().valid_up_to();
    // A UTF-16 byte-order mark where the text stops being UTF-8.
    let rest = &err.as_bytes()[at..];
    let utf16 = rest.starts_with(&[0xff, 0xfe]) || rest.starts_with(&[0xfe, 0xff]);
    let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
    Diagnostic::at(
        RuleId::NotUtf8,
        &Source::new(path, text),
        at..at + 1,
        if utf16 {
            "the file is UTF-16 text, not UTF-8"
        } else {
            "the file is not UTF-8 text"
        },
    )
    .hint(if utf16 {
        "save the file as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
    } else {
        "save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"
    })
}

/// Diagnostics in the order of the files given, then by position in each file.
fn sort_by_file_order(diagnostics: &mut [Diagnostic], order: &[PathBuf]) {
    let rank = |d: &Diagnostic| {
        order
            .iter()
            .position(|p| *p == d.file)
            .unwrap_or(usize::MAX)
    };
    diagnostics.sort_by_key(|d| (rank(d), d.line, d.column));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Spec, Invalid> {
        load_sources(
            vec![Source::new("t.toml", text)],
            &FakeHostFs::new().dir("/srv/b"),
        )
    }

    #[test]
    fn a_valid_spec_becomes_the_model() {
        let spec = load_text(
            "[apps.web]\nimage = \"nginx\"\nports = [\"8080:80\"]\nenv = { PORT = 80, DEBUG = false }\n\
             [apps.db]\nimage = \"postgres:16\"\npersistent = true\nnode = \"n1\"\n\
             [[apps.db.volumes]]\nlabel = \"db-data\"\ncontainer_path = \"/var/lib/postgresql/data/\"\n\
             [[apps.db.volumes]]\nhost_path = \"//srv/b/\"\ncontainer_path = \"/backups\"\nread_only = true\n",
        )
        .unwrap();
        let names: Vec<&str> = spec.apps().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["web", "db"], "the file's order, not alphabetical");
        let web = spec.app("web").unwrap();
        assert_eq!((web.instances, web.persistent), (1, false));
        assert_eq!(web.env["PORT"], "80");
        assert_eq!(web.env["DEBUG"], "false");
        assert_eq!(web.ports[0].to_string(), "8080:80/tcp");
        let db = spec.app("db").unwrap();
        assert_eq!(db.node.as_deref(), Some("n1"));
        assert_eq!(db.volumes[0].source, VolumeSource::Label("db-data".into()));
        assert_eq!(db.volumes[0].container_path, "/var/lib/postgresql/data");
        assert_eq!(
            db.volumes[1].source,
            VolumeSource::HostPath("/srv/b".into())
        );
        assert!(db.volumes[1].read_only && !db.volumes[0].read_only);
    }

    #[test]
    fn a_healthcheck_is_the_images_none_or_the_specs_with_dockers_defaults() {
        use std::time::Duration;
        let spec = load_text(
            "[apps.plain]\nimage = \"nginx\"\n\
             [apps.off]\nimage = \"nginx\"\nhealthcheck = false\n\
             [apps.shell]\nimage = \"nginx\"\nhealthcheck = { test = \"curl -f localhost || exit 1\" }\n\
             [apps.db]\nimage = \"postgres:16\"\n\
             [apps.db.healthcheck]\ntest = [\"CMD\", \"pg_isready\"]\ninterval = \"5s\"\n\
             timeout = \"3s\"\nretries = 5\nstart_period = \"30s\"\n",
        )
        .unwrap();
        let check = |name: &str| spec.app(name).unwrap().healthcheck.clone();
        assert_eq!(check("plain"), Healthcheck::Image);
        assert_eq!(check("off"), Healthcheck::Disabled);
        assert_eq!(
            check("shell"),
            Healthcheck::Check(HealthCheck {
                test: vec!["CMD-SHELL".into(), "curl -f localhost || exit 1".into()],
                interval: Duration::from_secs(30),
                timeout: Duration::from_secs(30),
                retries: 3,
                start_period: Duration::ZERO,
            })
        );
        assert_eq!(
            check("db"),
            Healthcheck::Check(HealthCheck {
                test: vec!["CMD".into(), "pg_isready".into()],
                interval: Duration::from_secs(5),
                timeout: Duration::from_secs(3),
                retries: 5,
                start_period: Duration::from_secs(30),
            })
        );
    }

    #[test]
    fn later_diagnostics_can_point_at_the_spec() {
        let spec = load_text(
            "[apps.db]\nimage = \"x\"\npersistent = true\n\n[[apps.db.volumes]]\nlabel = \"data\"\ncontainer_path = \"/d\"\n",
        )
        .unwrap();
        let found = spec.diagnostic("db", Part::Volume(0), RuleId::LabelShared, "taken");
        assert_eq!(found.location(), "t.toml:6:9");
        assert_eq!(found.snippet.unwrap().text, "label = \"data\"");
        let fallback = spec.diagnostic("db", Part::Node, RuleId::NodeFormat, "x");
        assert_eq!(fallback.location(), "t.toml:1:7");
    }

    #[test]
    fn unreadable_and_non_utf8_files_are_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let latin1 = dir.path().join("latin1.toml");
        std::fs::write(&latin1, b"[apps.x]\nimage = \"caf\xe9\"\n").unwrap();
        let missing = dir.path().join("missing.toml");
        let err = load(&[missing.clone(), latin1.clone()]).unwrap_err();
        let rules: Vec<RuleId> = err.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [RuleId::UnreadableFile, RuleId::NotUtf8]);
        assert_eq!(
            (err.diagnostics[1].line, err.diagnostics[1].column),
            (2, 13)
        );
        let err = load(&[dir.path().to_path_buf()]).unwrap_err();
        assert_eq!(err.diagnostics[0].rule, RuleId::UnreadableFile);
    }

    #[test]
    fn bytes_go_through_the_whole_pipeline() {
        let host = FakeHostFs::new();
        let name = Path::new("x.toml");
        let err = load_bytes(name, b"[apps.x]\nimage = \"caf\xe9\"".to_vec(), &host).unwrap_err();
        assert_eq!(err.diagnostics[0].rule, RuleId::NotUtf8);
        let spec = load_bytes(name, b"[apps.x]\nimage = \"i\"".to_vec(), &host).unwrap();
        assert_eq!(spec.files[0].path, name);
    }

    #[test]
    fn a_file_too_large_for_a_spec_is_not_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_SPEC_BYTES + 1).unwrap();
        let err = load(&[big]).unwrap_err();
        assert_eq!(err.diagnostics[0].rule, RuleId::UnreadableFile);
        assert!(err.diagnostics[0].message.contains("larger than 16 MiB"));
    }

    fn load_env(text: &str, inputs: &FakeInputs) -> Result<Spec, Invalid> {
        load_sources_with(
            vec![Source::new("deploy/app.toml", text)],
            &FakeHostFs::new(),
            inputs,
        )
    }

    #[test]
    fn secrets_and_configs_are_read_from_files_and_variables_and_never_shown() {
        let text = "[apps.db]\nimage = \"postgres:16\"\n\
                    [[apps.db.secrets]]\nname = \"db-password\"\nfile = \"secrets/pw\"\nmode = 0o400\n\
                    [[apps.db.configs]]\nname = \"conf\"\nenv = \"DB_CONF\"\ntarget = \"/etc/db.conf\"\n";
        let inputs = FakeInputs::new()
            .file("deploy/secrets/pw", "s3cret-value")
            .var("DB_CONF", "max_connections=5");
        let spec = load_env(text, &inputs).unwrap();
        let files = &spec.app("db").unwrap().files;
        assert_eq!(files.len(), 2);
        let secret = &files[0];
        assert_eq!(secret.kind, FileKind::Secret);
        assert_eq!(secret.target, "/run/secrets/db-password");
        assert_eq!(secret.mode, 0o400);
        assert_eq!(secret.content.as_ref().unwrap().bytes(), b"s3cret-value");
        let digest = model::content_digest(b"s3cret-value");
        assert_eq!(
            secret.object,
            model::object_name("db", "db-password", &digest)
        );
        assert_eq!(files[1].target, "/etc/db.conf");
        assert_eq!(
            files[1].content.as_ref().unwrap().bytes(),
            b"max_connections=5"
        );
        // Neither Debug nor JSON shows a content.
        let shown = format!(
            "{spec:?}{}",
            serde_json::to_string(spec.app("db").unwrap()).unwrap()
        );
        assert!(
            !shown.contains("s3cret-value") && !shown.contains("max_connections"),
            "{shown}"
        );

        // A file that is not there, a variable that is not set: at their lines.
        let err = load_env(text, &FakeInputs::new()).unwrap_err();
        let found: Vec<(RuleId, usize)> =
            err.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(
            found,
            [
                (RuleId::FileSourceMissing, 5),
                (RuleId::FileSourceMissing, 9)
            ]
        );
        assert!(
            err.diagnostics[0]
                .message
                .contains("cannot read deploy/secrets/pw")
        );
        assert!(err.diagnostics[1].message.contains("DB_CONF is not set"));
    }

    #[test]
    fn env_files_apply_in_order_and_env_wins() {
        let inputs = FakeInputs::new()
            .file("deploy/base.env", "LOG_LEVEL=info\nREGION=eu\nPASSED\n")
            .file("deploy/prod.env", "LOG_LEVEL=warn\nAPI_TOKEN=t0k3n\n")
            .file("/etc/shared.env", "SHARED=yes\n")
            .var("PASSED", "from the environment");
        let spec = load_env(
            "[apps.web]\nimage = \"x\"\n\
             env_file = [\"base.env\", \"./prod.env\", \"/etc/shared.env\"]\n\
             env = { REGION = \"us\" }\n\
             [apps.worker]\nimage = \"x\"\nenv_file = \"prod.env\"\n",
            &inputs,
        )
        .unwrap();
        let web = &spec.app("web").unwrap().env;
        let pairs: Vec<(&str, &str)> = web.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("API_TOKEN", "t0k3n"),
                ("LOG_LEVEL", "warn"),
                ("PASSED", "from the environment"),
                ("REGION", "us"),
                ("SHARED", "yes"),
            ]
        );
        assert_eq!(spec.app("worker").unwrap().env.len(), 2);
    }

    #[test]
    fn a_missing_env_file_is_an_error_at_its_entry_and_a_bad_line_at_its_own_line() {
        let inputs = FakeInputs::new().file("deploy/bad.env", "OK=1\nNOT OK=secret\n");
        let err = load_env(
            "[apps.web]\nimage = \"x\"\nenv_file = [\"bad.env\", \"missing.env\", \"\"]\n\
             instances = -1\n\
             [apps.api]\nimage = \"x\"\nenv_file = [\"bad.env\"]\n",
            &inputs,
        )
        .unwrap_err();
        let found: Vec<(String, RuleId, usize, usize)> = err
            .diagnostics
            .iter()
            .map(|d| (d.location(), d.rule, d.line, d.column))
            .collect();
        let at = |file: &str, line, column| format!("{file}:{line}:{column}");
        assert_eq!(
            found,
            [
                (
                    at("deploy/app.toml", 3, 24),
                    RuleId::EnvFileUnreadable,
                    3,
                    24
                ),
                (
                    at("deploy/app.toml", 3, 39),
                    RuleId::EnvFileUnreadable,
                    3,
                    39
                ),
                (
                    at("deploy/app.toml", 4, 13),
                    RuleId::InstancesNegative,
                    4,
                    13
                ),
                (at("deploy/bad.env", 2, 1), RuleId::EnvFileFormat, 2, 1),
            ],
            "the spec's errors first, then its env files' (bad.env once, though named twice)"
        );
        let missing = &err.diagnostics[0];
        assert!(
            missing.message.contains("deploy/missing.env"),
            "{}",
            missing.message
        );
        assert!(missing.hint.as_deref().unwrap().contains("`deploy/`"));
        assert!(
            err.diagnostics
                .iter()
                .all(|d| !format!("{d:?}").contains("secret"))
        );
    }

    #[test]
    fn env_files_are_read_from_this_machine_relative_to_the_spec() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.env"), "FROM_FILE=1\n").unwrap();
        std::fs::create_dir(dir.path().join("a-directory.env")).unwrap();
        let spec_path = dir.path().join("app.toml");
        std::fs::write(
            &spec_path,
            "[apps.web]\nimage = \"x\"\nenv_file = [\"app.env\"]\n",
        )
        .unwrap();
        let spec = load(std::slice::from_ref(&spec_path)).unwrap();
        assert_eq!(spec.app("web").unwrap().env["FROM_FILE"], "1");
        std::fs::write(
            &spec_path,
            "[apps.web]\nimage = \"x\"\nenv_file = [\"a-directory.env\"]\n",
        )
        .unwrap();
        let err = load(&[spec_path]).unwrap_err();
        assert_eq!(err.diagnostics[0].rule, RuleId::EnvFileUnreadable);
        assert!(
            err.diagnostics[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("directory")
        );
    }

    #[test]
    fn a_file_given_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "[apps.x]\nimage = \"x\"\n").unwrap();
        let spec = load(&[file.clone(), dir.path().join(".").join("a.toml")]).unwrap();
        assert_eq!(spec.files.len(), 1);
    }
}
