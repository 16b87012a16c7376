//! TOML text -> raw apps with source positions, reporting syntax errors, unknown fields and
//! wrong types. Values are not judged here (that is `rules`), only their types.
//!
//! The TOML is parsed into toml's spanned document tree (`DeTable`) and walked by hand rather
//! than deserialized with serde derive: serde stops at the first error, while a user fixing a
//! spec wants every error of every app at once.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_parser::lexer::TokenKind;

use super::diagnostic::{Diagnostic, shorten};
use super::raw::{
    Entry, Field, RawApp, RawFile, RawHealthCheck, RawHealthcheck, RawResourceSet, RawResources,
    RawRestartPolicy, RawTest, RawVolume, Span,
};
use super::rule_id::RuleId;
use super::source::Source;
use super::suggest;

type Key<'i> = Spanned<Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

/// A known field: its name, the type it takes in words, and an example line for hints.
struct FieldSpec {
    name: &'static str,
    expected: &'static str,
    example: &'static str,
}

const fn field(name: &'static str, expected: &'static str, example: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        expected,
        example,
    }
}

/// What a duration field takes, in words (a number there gets a hint to add its unit).
const DURATION: &str = "a duration as a string";

const TOP_FIELDS: &[FieldSpec] = &[
    field("apps", "a table of apps", "[apps.web]"),
    field("project", "a string", "project = \"shop\""),
];

const APP_FIELDS: &[FieldSpec] = &[
    field("image", "a string", "image = \"postgres:16\""),
    field("persistent", "a boolean", "persistent = true"),
    field("instances", "a whole number", "instances = 3"),
    field(
        "command",
        "a list of strings",
        "command = [\"npm\", \"start\"]",
    ),
    field(
        "entrypoint",
        "a list of strings",
        "entrypoint = [\"/entrypoint.sh\"]",
    ),
    field(
        "env",
        "a table of strings",
        "env = { LOG_LEVEL = \"info\" }",
    ),
    field(
        "labels",
        "a table of strings",
        "labels = { team = \"web\" }",
    ),
    field("ports", "a list of strings", "ports = [\"8080:80\"]"),
    field(
        "volumes",
        "an array of tables",
        "[[apps.NAME.volumes]] with label or host_path, and container_path",
    ),
    field("node", "a string", "node = \"worker-1\""),
    field(
        "env_file",
        "a list of strings (paths)",
        "env_file = [\"prod.env\"]",
    ),
    field(
        "resources",
        "a table",
        "[apps.NAME.resources] with limits = { cpus = \"0.5\", memory = \"256M\" }",
    ),
    field(
        "restart_policy",
        "a table",
        "[apps.NAME.restart_policy] with condition = \"on-failure\"",
    ),
    field(
        "healthcheck",
        "a table, or false",
        "healthcheck = { test = [\"CMD\", \"pg_isready\"], interval = \"5s\" }",
    ),
    field(
        "secrets",
        "an array of tables",
        "[[apps.NAME.secrets]] with name, and file or env",
    ),
    field(
        "configs",
        "an array of tables",
        "[[apps.NAME.configs]] with name, file, and target",
    ),
];

const RESOURCES_FIELDS: &[FieldSpec] = &[
    field(
        "limits",
        "a table",
        "limits = { cpus = \"0.5\", memory = \"256M\" }",
    ),
    field(
        "reservations",
        "a table",
        "reservations = { cpus = \"0.25\", memory = \"128M\" }",
    ),
];

const RESOURCE_SET_FIELDS: &[FieldSpec] = &[
    field("cpus", "a number (or its text)", "cpus = \"0.5\""),
    field("memory", "a size as a string", "memory = \"512M\""),
];

const RESTART_POLICY_FIELDS: &[FieldSpec] = &[
    field("condition", "a string", "condition = \"on-failure\""),
    field("delay", DURATION, "delay = \"5s\""),
    field("max_attempts", "a whole number", "max_attempts = 3"),
    field("window", DURATION, "window = \"2m\""),
];

const HEALTHCHECK_FIELDS: &[FieldSpec] = &[
    field(
        "test",
        "a string or a list of strings",
        "test = [\"CMD\", \"pg_isready\"]",
    ),
    field("interval", DURATION, "interval = \"30s\""),
    field("timeout", DURATION, "timeout = \"30s\""),
    field("retries", "a whole number", "retries = 3"),
    field("start_period", DURATION, "start_period = \"1m\""),
];

const FILE_FIELDS: &[FieldSpec] = &[
    field("name", "a string", "name = \"db-password\""),
    field(
        "file",
        "a string (a path)",
        "file = \"secrets/db-password\"",
    ),
    field(
        "env",
        "a string (a variable's name)",
        "env = \"DB_PASSWORD\"",
    ),
    field(
        "target",
        "a string (a path)",
        "target = \"/run/secrets/db-password\"",
    ),
    field("uid", "a string", "uid = \"999\""),
    field("gid", "a string", "gid = \"999\""),
    field("mode", "a whole number", "mode = 0o400"),
];

const VOLUME_FIELDS: &[FieldSpec] = &[
    field("label", "a string", "label = \"db-data\""),
    field("host_path", "a string", "host_path = \"/srv/app/data\""),
    field("container_path", "a string", "container_path = \"/data\""),
    field("read_only", "a boolean", "read_only = true"),
];

/// The names of the fields an app takes, for messages and tests.
pub fn app_field_names() -> impl Iterator<Item = &'static str> {
    APP_FIELDS.iter().map(|spec| spec.name)
}

/// The names of the fields a volume takes.
pub fn volume_field_names() -> impl Iterator<Item = &'static str> {
    VOLUME_FIELDS.iter().map(|spec| spec.name)
}

/// The names of the fields of `resources`, of its `limits` and `reservations`, of
/// `restart_policy` and of `healthcheck`.
pub fn nested_field_names() -> impl Iterator<Item = &'static str> {
    RESOURCES_FIELDS
        .iter()
        .chain(RESOURCE_SET_FIELDS)
        .chain(RESTART_POLICY_FIELDS)
        .chain(HEALTHCHECK_FIELDS)
        .map(|spec| spec.name)
}

/// Parses one file into its apps (in the order the file declares them) and the problems found.
///
/// A file with TOML syntax errors yields only those: what a recovering parser makes of the rest
/// is a guess, and rules run on a guess report errors the user never made.
pub fn parse(source: &Source) -> (Vec<RawApp>, Vec<Diagnostic>) {
    let (apps, _, diagnostics) = parse_file(source);
    (apps, diagnostics)
}

/// [`parse`], with the file's `project` as written, when it has a string one.
pub fn parse_file(source: &Source) -> (Vec<RawApp>, Option<Field<String>>, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        return (Vec::new(), None, syntax_errors(source, &errors));
    }
    let mut parser = Parser {
        source,
        diagnostics: Vec::new(),
        project: None,
    };
    let apps = parser.document(root.get_ref());
    (apps, parser.project, parser.diagnostics)
}

/// Every syntax error, in file order, the first of each line only: what follows an error on
/// its line is mostly the parser losing its footing, not a second mistake.
fn syntax_errors(source: &Source, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut found: Vec<(Option<Span>, &str)> = errors
        .iter()
        .map(|error| {
            let span = error
                .span()
                .or_else(|| unplaced_span(source, error.message()));
            (span, error.message())
        })
        .collect();
    found.sort_by_key(|(span, _)| span.as_ref().map(|span| (span.start, span.end)));
    found.dedup_by_key(|(span, _)| span.as_ref().map(|span| source.position(span.start).line));
    found
        .into_iter()
        .map(|(span, message)| {
            let (message, hint) = syntax_message(source, span.as_ref(), message);
            let message = format!("invalid TOML: {message}");
            match span {
                Some(span) => Diagnostic::at(RuleId::TomlSyntax, source, span, message),
                None => Diagnostic::new(RuleId::TomlSyntax, source.path(), message),
            }
            .hint(hint)
        })
        .collect()
}

/// toml's words for an error, made plain where they are not, and a hint.
fn syntax_message(source: &Source, span: Option<&Span>, message: &str) -> (String, &'static str) {
    let too_deep = "a spec needs a few levels of tables and arrays, not dozens: \
                    check for brackets or dots left over from generating the file";
    match message {
        "duplicate key" => {
            let key = span
                .and_then(|span| source.text.get(span.clone()))
                .unwrap_or_default();
            (
                format!("duplicate key `{}`", shorten(key)),
                "a key appears once per table (and an app once per file): remove or rename one",
            )
        }
        RECURSION_LIMIT_KEY => (
            format!("a dotted key has more than {TOML_DEPTH_LIMIT} parts"),
            too_deep,
        ),
        RECURSION_LIMIT_VALUE => (
            format!("arrays and inline tables are nested more than {TOML_DEPTH_LIMIT} deep"),
            too_deep,
        ),
        _ => (
            message.to_string(),
            "fix the TOML syntax here: strings need quotes, one `key = value` per line \
             (see https://toml.io)",
        ),
    }
}

/// How deep toml lets values nest and how many parts it lets a dotted key have (it stops there
/// rather than overflow the stack), and its messages when a spec goes further.
const TOML_DEPTH_LIMIT: usize = 80;
const RECURSION_LIMIT_KEY: &str = "recursion limit";
const RECURSION_LIMIT_VALUE: &str = "cannot recurse further; max recursion depth met";

/// Where an error that toml reports without a position is. Only one is known: a dotted key
/// with too many parts, found with toml's own lexer (a part is a bare or quoted key; spaces may
/// surround the dots; anything else ends the key).
fn unplaced_span(source: &Source, message: &str) -> Option<Span> {
    if message != RECURSION_LIMIT_KEY {
        return None;
    }
    // The key being read: where it starts, its dots, and whether a part should come next.
    let mut key: Option<(usize, usize, bool)> = None;
    for token in toml_parser::Source::new(&source.text).lex() {
        let (start, end) = (token.span().start(), token.span().end());
        let part = matches!(
            token.kind(),
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString
        );
        key = match (token.kind(), key) {
            (TokenKind::Whitespace, key) => key,
            (TokenKind::Dot, Some((from, dots, false))) => Some((from, dots + 1, true)),
            (_, Some((from, dots, true))) if part => Some((from, dots, false)),
            _ if part => Some((start, 0, false)),
            _ => None,
        };
        if let Some((from, dots, _)) = key
            && dots >= TOML_DEPTH_LIMIT
        {
            return Some(from..end);
        }
    }
    None
}

/// What a value of the wrong type looks like: where it is and what it is.
struct Mismatch {
    span: Span,
    found: &'static str,
}

impl Mismatch {
    fn of(value: &Value<'_>) -> Self {
        Mismatch {
            span: value.span(),
            found: a_type(value.get_ref()),
        }
    }
}

struct Parser<'s> {
    source: &'s Source,
    diagnostics: Vec<Diagnostic>,
    /// The file's `project`, when it is a string.
    project: Option<Field<String>>,
}

impl Parser<'_> {
    fn document(&mut self, root: &DeTable<'_>) -> Vec<RawApp> {
        let mut apps = Vec::new();
        let mut apps_key = None;
        for (key, value) in root.iter() {
            if key.get_ref() == "apps" {
                apps_key = Some(key.span());
                apps = self.apps(value);
            } else if key.get_ref() == "project" {
                self.project(key, value);
            } else {
                self.unknown_field(None, key, TOP_FIELDS, "at the top level of a spec");
            }
        }
        if apps.is_empty() && self.diagnostics.is_empty() {
            self.no_apps(apps_key);
        }
        apps
    }

    /// `project = "NAME"` at the top level: the project the file's apps belong to.
    fn project(&mut self, key: &Key<'_>, value: &Value<'_>) {
        match string(value) {
            Ok(name) => {
                self.project = Some(Field {
                    key: key.span(),
                    span: value.span(),
                    value: name,
                })
            }
            Err(found) => self.diagnostics.push(
                Diagnostic::at(
                    RuleId::WrongType,
                    self.source,
                    found.span,
                    format!("`project` must be a string, found {}", found.found),
                )
                .hint("for example: project = \"shop\""),
            ),
        }
    }

    fn no_apps(&mut self, apps_key: Option<Span>) {
        let hint = "declare an app as a table: [apps.web] followed by image = \"nginx:1.27\"";
        let diagnostic = match apps_key {
            Some(span) => {
                Diagnostic::at(RuleId::NoApps, self.source, span, "`apps` declares no app")
            }
            None if self.source.text.trim().is_empty() => Diagnostic::new(
                RuleId::NoApps,
                self.source.path(),
                "the file is empty: it declares no app",
            ),
            None => Diagnostic::new(
                RuleId::NoApps,
                self.source.path(),
                "the file declares no app (no [apps.NAME] table)",
            ),
        };
        self.diagnostics.push(diagnostic.hint(hint));
    }

    /// The apps table, its apps in the order of their names in the file.
    fn apps(&mut self, value: &Value<'_>) -> Vec<RawApp> {
        let DeValue::Table(table) = value.get_ref() else {
            let found = Mismatch::of(value);
            self.diagnostics.push(
                Diagnostic::at(
                    RuleId::WrongType,
                    self.source,
                    found.span,
                    format!("`apps` must be a table of apps, found {}", found.found),
                )
                .hint("declare each app as its own table: [apps.web] followed by its fields"),
            );
            return Vec::new();
        };
        // toml keeps keys sorted; the file's order is the order users expect in every listing.
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        entries
            .into_iter()
            .filter_map(|(key, value)| self.app(key, value))
            .collect()
    }

    fn app(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<RawApp> {
        let name = key.get_ref().to_string();
        let DeValue::Table(table) = value.get_ref() else {
            let found = Mismatch::of(value);
            self.diagnostics.push(
                Diagnostic::at(
                    RuleId::WrongType,
                    self.source,
                    found.span,
                    format!("an app must be a table, found {}", found.found),
                )
                .app(&name)
                .hint(format!(
                    "declare it as [apps.{name}] followed by its fields, e.g. image = \"nginx:1.27\""
                )),
            );
            return None;
        };
        let mut app = RawApp {
            name,
            name_span: key.span(),
            span: value.span(),
            ..RawApp::default()
        };
        for (key, value) in table.iter() {
            self.app_field(&mut app, key, value);
        }
        if app.image.is_none() && !app.invalid.contains(&"image") {
            self.image_missing(&app);
        }
        Some(app)
    }

    fn image_missing(&mut self, app: &RawApp) {
        self.diagnostics.push(
            Diagnostic::at(
                RuleId::ImageMissing,
                self.source,
                app.span.clone(),
                "the app has no image",
            )
            .app(&app.name)
            .hint("add the image to run, e.g. image = \"nginx:1.27\""),
        );
    }

    fn app_field(&mut self, app: &mut RawApp, key: &Key<'_>, value: &Value<'_>) {
        let name = app.name.clone();
        let mut typed = Typed {
            parser: self,
            app: &name,
            key,
            value,
            fields: APP_FIELDS,
            invalid: &mut app.invalid,
        };
        match key.get_ref().as_ref() {
            "image" => app.image = typed.get(string),
            "persistent" => app.persistent = typed.get(boolean),
            "instances" => app.instances = typed.get(integer),
            "command" => app.command = typed.get(string_list),
            "entrypoint" => app.entrypoint = typed.get(string_list),
            "env" => app.env = typed.get(string_table).map_or_else(Vec::new, |f| f.value),
            "labels" => app.labels = typed.get(string_table).map_or_else(Vec::new, |f| f.value),
            "ports" => app.ports = typed.get(port_list).map_or_else(Vec::new, |f| f.value),
            "node" => app.node = typed.get(string),
            "env_file" => app.env_file = typed.get(path_list).map_or_else(Vec::new, |f| f.value),
            "volumes" => {
                let tables = typed.get(table_list);
                app.volumes = tables.map(|field| self.volumes(&name, field));
            }
            "secrets" => {
                let tables = typed.get(table_list);
                app.secrets = tables.map(|field| self.files(&name, field, "a secret"));
            }
            "configs" => {
                let tables = typed.get(table_list);
                app.configs = tables.map(|field| self.files(&name, field, "a config file"));
            }
            "resources" => {
                let table = typed.get(subtable);
                app.resources = table.map(|field| self.resources(&name, field.value));
            }
            "restart_policy" => {
                let table = typed.get(subtable);
                app.restart_policy = table.map(|field| self.restart_policy(&name, field.value));
            }
            "healthcheck" => {
                let value = typed.get(flag_or_table);
                app.healthcheck = value.map(|field| Field {
                    key: field.key,
                    span: field.span,
                    value: match field.value {
                        Ok(flag) => RawHealthcheck::Flag(flag),
                        Err(table) => {
                            RawHealthcheck::Check(Box::new(self.healthcheck(&name, table)))
                        }
                    },
                });
            }
            _ => self.unknown_field(Some(&name), key, APP_FIELDS, "in an app"),
        }
    }

    fn resources(&mut self, app: &str, table: &DeTable<'_>) -> RawResources {
        let mut resources = RawResources::default();
        for (key, value) in table.iter() {
            let mut typed = Typed {
                parser: self,
                app,
                key,
                value,
                fields: RESOURCES_FIELDS,
                invalid: &mut resources.invalid,
            };
            let set = match key.get_ref().as_ref() {
                "limits" => &mut resources.limits,
                "reservations" => &mut resources.reservations,
                _ => {
                    self.unknown_field(Some(app), key, RESOURCES_FIELDS, "in `resources`");
                    continue;
                }
            };
            if let Some(field) = typed.get(subtable) {
                *set = Some(self.resource_set(app, key.span(), field.value));
            }
        }
        resources
    }

    fn resource_set(&mut self, app: &str, key: Span, table: &DeTable<'_>) -> RawResourceSet {
        let mut set = RawResourceSet {
            key,
            ..RawResourceSet::default()
        };
        for (key, value) in table.iter() {
            let mut typed = Typed {
                parser: self,
                app,
                key,
                value,
                fields: RESOURCE_SET_FIELDS,
                invalid: &mut set.invalid,
            };
            match key.get_ref().as_ref() {
                "cpus" => set.cpus = typed.get(number_text),
                "memory" => set.memory = typed.get(size_text),
                _ => self.unknown_field(
                    Some(app),
                    key,
                    RESOURCE_SET_FIELDS,
                    "in resource limits or reservations",
                ),
            }
        }
        set
    }

    fn restart_policy(&mut self, app: &str, table: &DeTable<'_>) -> RawRestartPolicy {
        let mut policy = RawRestartPolicy::default();
        for (key, value) in table.iter() {
            let mut typed = Typed {
                parser: self,
                app,
                key,
                value,
                fields: RESTART_POLICY_FIELDS,
                invalid: &mut policy.invalid,
            };
            match key.get_ref().as_ref() {
                "condition" => policy.condition = typed.get(string),
                "delay" => policy.delay = typed.get(string),
                "max_attempts" => policy.max_attempts = typed.get(integer),
                "window" => policy.window = typed.get(string),
                _ => {
                    self.unknown_field(Some(app), key, RESTART_POLICY_FIELDS, "in `restart_policy`")
                }
            }
        }
        policy
    }

    fn healthcheck(&mut self, app: &str, table: &DeTable<'_>) -> RawHealthCheck {
        let mut check = RawHealthCheck::default();
        for (key, value) in table.iter() {
            let mut typed = Typed {
                parser: self,
                app,
                key,
                value,
                fields: HEALTHCHECK_FIELDS,
                invalid: &mut check.invalid,
            };
            match key.get_ref().as_ref() {
                // Never a type error here: what `test` holds is judged by `healthcheck-test`.
                "test" => check.test = typed.get(test),
                "interval" => check.interval = typed.get(string),
                "timeout" => check.timeout = typed.get(string),
                "retries" => check.retries = typed.get(integer),
                "start_period" => check.start_period = typed.get(string),
                _ => self.unknown_field(Some(app), key, HEALTHCHECK_FIELDS, "in `healthcheck`"),
            }
        }
        check
    }

    fn volumes(
        &mut self,
        app: &str,
        tables: Field<Vec<Spanned<&DeTable<'_>>>>,
    ) -> Field<Vec<RawVolume>> {
        self.each_table(tables, |parser, table| parser.volume(app, table))
    }

    /// Each table of an array of tables (`[[apps.NAME.volumes]]`), read by `read`.
    fn each_table<'t, 'i: 't, T>(
        &mut self,
        tables: Field<Vec<Spanned<&'t DeTable<'i>>>>,
        mut read: impl FnMut(&mut Self, &Spanned<&'t DeTable<'i>>) -> T,
    ) -> Field<Vec<T>> {
        let value = tables.value.iter().map(|table| read(self, table)).collect();
        Field {
            key: tables.key,
            span: tables.span,
            value,
        }
    }

    fn volume(&mut self, app: &str, table: &Spanned<&DeTable<'_>>) -> RawVolume {
        let mut volume = RawVolume {
            span: table.span(),
            ..RawVolume::default()
        };
        for (key, value) in table.get_ref().iter() {
            let mut typed = Typed {
                parser: self,
                app,
                key,
                value,
                fields: VOLUME_FIELDS,
                invalid: &mut volume.invalid,
            };
            match key.get_ref().as_ref() {
                "label" => volume.label = typed.get(string),
                "host_path" => volume.host_path = typed.get(string),
                "container_path" => volume.container_path = typed.get(string),
                "read_only" => volume.read_only = typed.get(boolean),
                _ => self.unknown_field(Some(app), key, VOLUME_FIELDS, "in a volume"),
            }
        }
        volume
    }

    fn files(
        &mut self,
        app: &str,
        tables: Field<Vec<Spanned<&DeTable<'_>>>>,
        place: &str,
    ) -> Field<Vec<RawFile>> {
        self.each_table(tables, |parser, table| parser.file(app, table, place))
    }

    fn file(&mut self, app: &str, table: &Spanned<&DeTable<'_>>, place: &str) -> RawFile {
        let mut file = RawFile {
            span: table.span(),
            ..RawFile::default()
        };
        for (key, value) in table.get_ref().iter() {
            let mut typed = Typed {
                parser: self,
                app,
                key,
                value,
                fields: FILE_FIELDS,
                invalid: &mut file.invalid,
            };
            match key.get_ref().as_ref() {
                "name" => file.name = typed.get(string),
                "file" => file.file = typed.get(string),
                "env" => file.env = typed.get(string),
                "target" => file.target = typed.get(string),
                "uid" => file.uid = typed.get(string),
                "gid" => file.gid = typed.get(string),
                "mode" => file.mode = typed.get(integer),
                _ => self.unknown_field(Some(app), key, FILE_FIELDS, &format!("in {place}")),
            }
        }
        file
    }

    fn unknown_field(
        &mut self,
        app: Option<&str>,
        key: &Key<'_>,
        fields: &[FieldSpec],
        place: &str,
    ) {
        let name = key.get_ref();
        let known: Vec<&str> = fields.iter().map(|spec| spec.name).collect();
        let hint = match suggest::field(name, &known) {
            Some(suggestion) => suggestion,
            None => format!("the fields {place} are: {}", known.join(", ")),
        };
        let mut diagnostic = Diagnostic::at(
            RuleId::UnknownField,
            self.source,
            key.span(),
            format!("unknown field `{}` {place}", shorten(name)),
        )
        .hint(hint);
        diagnostic.app = app.map(str::to_string);
        self.diagnostics.push(diagnostic);
    }
}

/// One field being read: reports a wrong type (and records the key as invalid) or returns it.
struct Typed<'p, 's, 'v, 'i> {
    parser: &'p mut Parser<'s>,
    app: &'p str,
    key: &'v Key<'i>,
    value: &'v Value<'i>,
    fields: &'static [FieldSpec],
    invalid: &'p mut Vec<&'static str>,
}

impl<'v, 'i> Typed<'_, '_, 'v, 'i> {
    fn get<T>(&mut self, read: fn(&'v Value<'i>) -> Result<T, Mismatch>) -> Option<Field<T>> {
        match read(self.value) {
            Ok(value) => Some(Field {
                key: self.key.span(),
                span: self.value.span(),
                value,
            }),
            Err(mismatch) => {
                self.wrong_type(mismatch);
                None
            }
        }
    }

    fn wrong_type(&mut self, mismatch: Mismatch) {
        let name = self.key.get_ref().as_ref();
        let Some(spec) = self.fields.iter().find(|spec| spec.name == name) else {
            return;
        };
        self.invalid.push(spec.name);
        let message = if mismatch.span == self.value.span() {
            format!(
                "`{name}` must be {}, found {}",
                spec.expected, mismatch.found
            )
        } else {
            format!(
                "`{name}` must be {}, but this element is {}",
                spec.expected, mismatch.found
            )
        };
        let hint = list_hint(name, self.value)
            .or_else(|| unquote_hint(name, self.value))
            .or_else(|| duration_hint(name, spec, self.value))
            .unwrap_or_else(|| format!("for example: {}", spec.example.replace("NAME", self.app)));
        let diagnostic = Diagnostic::at(
            RuleId::WrongType,
            self.parser.source,
            mismatch.span,
            message,
        )
        .app(self.app)
        .hint(hint);
        self.parser.diagnostics.push(diagnostic);
    }
}

/// `command = "npm start"` -> `write a list: command = ["npm", "start"]`.
fn list_hint(name: &str, value: &Value<'_>) -> Option<String> {
    let text = value.get_ref().as_str()?;
    let words: Vec<String> = match name {
        "command" | "entrypoint" => text.split_whitespace().map(|w| format!("{w:?}")).collect(),
        "ports" => vec![format!("{text:?}")],
        _ => return None,
    };
    Some(format!("write a list: {name} = [{}]", words.join(", ")))
}

/// `instances = "3"` -> `remove the quotes: instances = 3`.
fn unquote_hint(name: &str, value: &Value<'_>) -> Option<String> {
    let text = value.get_ref().as_str()?.trim();
    let fits = match name {
        "instances" | "max_attempts" | "retries" => text.parse::<i64>().is_ok(),
        "persistent" | "read_only" => matches!(text, "true" | "false"),
        _ => false,
    };
    fits.then(|| format!("remove the quotes: {name} = {text}"))
}

/// `interval = 5` -> `write a duration with its unit, in quotes: interval = "5s"`.
fn duration_hint(name: &str, spec: &FieldSpec, value: &Value<'_>) -> Option<String> {
    let DeValue::Integer(number) = value.get_ref() else {
        return None;
    };
    let seconds = integer_value(number).filter(|n| *n >= 0)?;
    (spec.expected == DURATION)
        .then(|| format!("write a duration with its unit, in quotes: {name} = \"{seconds}s\""))
}

fn string(value: &Value<'_>) -> Result<String, Mismatch> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.to_string()),
        _ => Err(Mismatch::of(value)),
    }
}

fn boolean(value: &Value<'_>) -> Result<bool, Mismatch> {
    match value.get_ref() {
        DeValue::Boolean(flag) => Ok(*flag),
        _ => Err(Mismatch::of(value)),
    }
}

fn integer(value: &Value<'_>) -> Result<i64, Mismatch> {
    match value.get_ref() {
        DeValue::Integer(number) => integer_value(number).ok_or(Mismatch {
            span: value.span(),
            found: "an integer out of range",
        }),
        _ => Err(Mismatch::of(value)),
    }
}

fn integer_value(number: &toml::de::DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(number.as_str(), number.radix()).ok()
}

fn string_list(value: &Value<'_>) -> Result<Vec<String>, Mismatch> {
    let DeValue::Array(items) = value.get_ref() else {
        return Err(Mismatch::of(value));
    };
    items.iter().map(string).collect()
}

/// Ports keep each element's position: a bad port is pointed at, not its list.
fn port_list(value: &Value<'_>) -> Result<Vec<Field<String>>, Mismatch> {
    let DeValue::Array(items) = value.get_ref() else {
        return Err(Mismatch::of(value));
    };
    items
        .iter()
        .map(|item| {
            Ok(Field {
                key: item.span(),
                span: item.span(),
                value: string(item)?,
            })
        })
        .collect()
}

/// `env_file`: a list of paths, or one path; each keeps its position.
fn path_list(value: &Value<'_>) -> Result<Vec<Field<String>>, Mismatch> {
    match value.get_ref() {
        DeValue::String(_) => Ok(vec![Field {
            key: value.span(),
            span: value.span(),
            value: string(value)?,
        }]),
        _ => port_list(value),
    }
}

/// `healthcheck`: a boolean (`Ok`), or a table (`Err`, the table to read).
fn flag_or_table<'v, 'i>(value: &'v Value<'i>) -> Result<Result<bool, &'v DeTable<'i>>, Mismatch> {
    match value.get_ref() {
        DeValue::Boolean(flag) => Ok(Ok(*flag)),
        DeValue::Table(table) => Ok(Err(table)),
        _ => Err(Mismatch::of(value)),
    }
}

/// A health check's `test`: a string, or a list whose elements keep their positions and, for
/// those that are no string, their type. Anything else is a list of one such element.
fn test(value: &Value<'_>) -> Result<RawTest, Mismatch> {
    let element = |item: &Value<'_>| Field {
        key: item.span(),
        span: item.span(),
        value: string(item).map_err(|mismatch| mismatch.found),
    };
    Ok(match value.get_ref() {
        DeValue::String(text) => RawTest::Shell(text.to_string()),
        DeValue::Array(items) => RawTest::List(items.iter().map(element).collect()),
        _ => RawTest::Wrong(a_type(value.get_ref())),
    })
}

fn subtable<'v, 'i>(value: &'v Value<'i>) -> Result<&'v DeTable<'i>, Mismatch> {
    match value.get_ref() {
        DeValue::Table(table) => Ok(table),
        _ => Err(Mismatch::of(value)),
    }
}

/// `cpus`: a number, or its text in a string as docker compose writes it (`"0.5"`); judged by the
/// rules (`cpus-format`).
fn number_text(value: &Value<'_>) -> Result<String, Mismatch> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.to_string()),
        DeValue::Integer(number) => integer_value(number)
            .map(|n| n.to_string())
            .ok_or_else(|| Mismatch::of(value)),
        DeValue::Float(number) => Ok(number.as_str().replace(['_', '+'], "")),
        _ => Err(Mismatch::of(value)),
    }
}

/// `memory`: a size in a string (`"512M"`), or a whole number of bytes.
fn size_text(value: &Value<'_>) -> Result<String, Mismatch> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.to_string()),
        DeValue::Integer(number) => integer_value(number)
            .map(|n| n.to_string())
            .ok_or_else(|| Mismatch::of(value)),
        _ => Err(Mismatch::of(value)),
    }
}

fn table_list<'v, 'i>(value: &'v Value<'i>) -> Result<Vec<Spanned<&'v DeTable<'i>>>, Mismatch> {
    let DeValue::Array(items) = value.get_ref() else {
        return Err(Mismatch::of(value));
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::Table(table) => Ok(Spanned::new(item.span(), table)),
            _ => Err(Mismatch::of(item)),
        })
        .collect()
}

/// `env` and `labels`: like docker compose, numbers and booleans are taken as their text
/// (`PORT = 8080` is `"8080"`), since environment variables and labels are strings anyway.
fn string_table(value: &Value<'_>) -> Result<Vec<Entry>, Mismatch> {
    let DeValue::Table(table) = value.get_ref() else {
        return Err(Mismatch::of(value));
    };
    let mut entries: Vec<Entry> = table
        .iter()
        .map(|(key, value)| {
            Ok(Entry {
                key: key.get_ref().to_string(),
                key_span: key.span(),
                value: scalar_text(value)?,
            })
        })
        .collect::<Result<_, _>>()?;
    entries.sort_by_key(|entry| entry.key_span.start);
    Ok(entries)
}

fn scalar_text(value: &Value<'_>) -> Result<String, Mismatch> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.to_string()),
        DeValue::Boolean(flag) => Ok(flag.to_string()),
        DeValue::Integer(number) => integer_value(number)
            .map(|n| n.to_string())
            .ok_or_else(|| Mismatch::of(value)),
        DeValue::Float(number) => Ok(number.as_str().to_string()),
        _ => Err(Mismatch::of(value)),
    }
}

/// The type of a value, in words, for messages.
fn a_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str) -> Vec<Diagnostic> {
        let (apps, diagnostics) = parse(&Source::new("a.toml", text));
        assert!(apps.is_empty());
        diagnostics
    }

    /// toml stops at its recursion limit instead of overflowing the stack; the error says
    /// where and what, in plain words.
    #[test]
    fn secrets_and_configs_are_read_with_their_positions() {
        let text = "[apps.db]\nimage = \"postgres:16\"\n\
                    [[apps.db.secrets]]\nname = \"db-password\"\nfile = \"pw.txt\"\nmode = 0o400\n\
                    [[apps.db.configs]]\nname = \"conf\"\nenv = \"CONF\"\ntarget = \"/etc/c\"\nuid = 7\n\
                    [[apps.db.configs]]\nnmae = \"x\"\n";
        let (apps, diagnostics) = parse(&Source::new("a.toml", text));
        let secrets = &apps[0].secrets.as_ref().unwrap().value;
        assert_eq!(secrets.len(), 1);
        assert_eq!(secrets[0].name.as_ref().unwrap().value, "db-password");
        assert_eq!(secrets[0].file.as_ref().unwrap().value, "pw.txt");
        assert_eq!(secrets[0].mode.as_ref().unwrap().value, 0o400);
        let configs = &apps[0].configs.as_ref().unwrap().value;
        assert_eq!(configs.len(), 2);
        assert_eq!(configs[0].env.as_ref().unwrap().value, "CONF");
        assert_eq!(configs[0].invalid, ["uid"]);
        let rules: Vec<(RuleId, usize)> = diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(rules, [(RuleId::WrongType, 11), (RuleId::UnknownField, 13)]);
        assert!(
            diagnostics[1]
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("name")
        );
    }

    #[test]
    fn values_nested_thousands_deep_are_a_syntax_error_at_the_right_place() {
        let deep = 10_000;
        for value in [
            format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
            format!("{}1{}", "{ a = ".repeat(deep), "}".repeat(deep)),
            "[{ a = ".repeat(deep),
        ] {
            let found = syntax(&format!("[apps.x]\nimage = \"i\"\ncommand = {value}\n"));
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!((found[0].rule, found[0].line), (RuleId::TomlSyntax, 3));
            assert!(found[0].message.contains("nested more than 80 deep"));
        }
    }

    #[test]
    fn a_dotted_key_of_too_many_parts_is_found_though_toml_gives_no_position() {
        let key = vec!["a"; 5000].join(" . ");
        // In a comment and in a multi-line string, the same text is no key.
        for (text, place) in [
            (format!("[apps.x]\nimage = \"i\"\n\n{key} = 1\n"), (4, 1)),
            (format!("# \"{key}\"\n[{key}]\n"), (2, 2)),
            (format!("x = \"\"\"\n{key}\n\"\"\"\n[[{key}]]\n"), (4, 3)),
            (format!("x = {{ {key} = 1 }}\n"), (1, 7)),
        ] {
            let found = syntax(&text);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!((found[0].line, found[0].column), place, "{text:.40}");
            assert!(found[0].message.contains("more than 80 parts"));
        }
    }
}
