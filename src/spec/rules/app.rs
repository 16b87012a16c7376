//! Rules on one app's own fields.

use super::AppReport;
use crate::spec::diagnostic::shorten;
use crate::spec::model::{Port, RESERVED_LABEL_PREFIX};
use crate::spec::raw::{Entry, Field, RawApp};
use crate::spec::rule_id::RuleId;
use crate::spec::source::is_hidden;

pub(super) fn check(app: &RawApp, report: &mut AppReport<'_>) {
    name(app, report);
    image(app, report);
    instances(app, report);
    program("command", "CMD", app.command.as_ref(), report);
    program("entrypoint", "ENTRYPOINT", app.entrypoint.as_ref(), report);
    env(&app.env, report);
    nul_characters(app, report);
    labels(&app.labels, report);
    ports(&app.ports, report);
    node(app, report);
}

/// App names become swarm service names and DNS names on the apps' network: DNS labels.
fn name(app: &RawApp, report: &mut AppReport<'_>) {
    let Some(problem) = dns_label_problem(&app.name) else {
        return;
    };
    let suggestion = dns_label_like(&app.name);
    let hint = if suggestion.is_empty() {
        "use lowercase letters, digits and -, e.g. [apps.web]".to_string()
    } else {
        format!("use lowercase letters, digits and -, e.g. [apps.{suggestion}]")
    };
    report.error(
        RuleId::AppName,
        app.name_span.clone(),
        format!(
            "`{}` is not a valid app name: {problem}",
            shorten(&app.name)
        ),
        hint,
    );
}

fn dns_label_problem(name: &str) -> Option<String> {
    let length = name.chars().count();
    if length == 0 {
        return Some("it is empty".into());
    }
    if length > 63 {
        return Some(format!(
            "it has {length} characters, at most 63 fit a DNS label"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!("it contains {bad:?} (allowed: a-z, 0-9 and -)"));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("it starts or ends with -".into());
    }
    None
}

/// The closest valid name: `My_App` -> `my-app`.
fn dns_label_like(name: &str) -> String {
    let mapped: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let trimmed = mapped.trim_matches('-');
    trimmed
        .chars()
        .take(63)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// Docker's image references are ASCII without spaces (domain, path, tag, digest): anything
/// else would only fail at deploy time, as an engine error about the reference format.
fn image(app: &RawApp, report: &mut AppReport<'_>) {
    let Some(image) = &app.image else { return };
    let shown = || shorten(&image.value).escape_debug().to_string();
    let problem = if image.value.trim().is_empty() {
        "the image is empty".to_string()
    } else if image.value.chars().any(char::is_whitespace) {
        format!("the image `{}` contains whitespace", shown())
    } else if let Some(bad) = image
        .value
        .chars()
        .find(|c| !c.is_ascii() || c.is_ascii_control())
    {
        format!(
            "the image `{}` contains {}, but image references are plain ASCII",
            shown(),
            bad.escape_unicode()
        )
    } else {
        return;
    };
    report.error(
        RuleId::ImageFormat,
        image.span.clone(),
        problem,
        "write an image reference, e.g. \"postgres:16\" or \"registry.example.com/team/web:1.4.2\"",
    );
}

fn instances(app: &RawApp, report: &mut AppReport<'_>) {
    let Some(instances) = &app.instances else {
        return;
    };
    if instances.value < 0 {
        report.error(
            RuleId::InstancesNegative,
            instances.span.clone(),
            format!("`instances` is {}: it cannot be negative", instances.value),
            "use 0 to stop the app, or the number of containers to run, e.g. instances = 2",
        );
    } else if instances.value > 1 && app.persistent() == Some(true) {
        report.error(
            RuleId::PersistentInstances,
            instances.span.clone(),
            format!(
                "a persistent app runs at most 1 instance, but `instances` is {}",
                instances.value
            ),
            "set instances = 1 (or 0 to stop it): containers sharing one storage path corrupt \
             its data. To scale, make the app non-persistent and keep its data elsewhere \
             (a persistent database, S3)",
        );
    }
}

/// `command` and `entrypoint`: an empty list would silently mean "the image's default".
fn program(
    name: &str,
    default: &str,
    field: Option<&Field<Vec<String>>>,
    report: &mut AppReport<'_>,
) {
    let Some(field) = field else { return };
    let problem = match field.value.first() {
        None => format!("`{name}` is an empty list"),
        Some(program) if program.trim().is_empty() => {
            format!("`{name}` starts with an empty program name")
        }
        Some(_) => return,
    };
    report.error(
        RuleId::CommandEmpty,
        field.span.clone(),
        problem,
        format!(
            "list the program and its arguments, e.g. {name} = [\"npm\", \"start\"], \
             or remove `{name}` to keep the image's {default}"
        ),
    );
}

fn env(entries: &[Entry], report: &mut AppReport<'_>) {
    for entry in entries {
        let problem = if entry.key.is_empty() {
            "an environment variable has an empty name".to_string()
        } else if let Some(bad) = entry.key.chars().find(|c| matches!(c, '=' | '\0')) {
            format!(
                "the environment variable name \"{}\" contains {bad:?}",
                entry.key.escape_debug()
            )
        } else {
            continue;
        };
        report.error(
            RuleId::EnvName,
            entry.key_span.clone(),
            problem,
            "name it with letters, digits and _, e.g. env = { LOG_LEVEL = \"info\" }",
        );
    }
}

/// What reaches the container's process: the kernel ends each argument and environment string
/// at a NUL, so a NUL would fail the container's start at deploy time.
fn nul_characters(app: &RawApp, report: &mut AppReport<'_>) {
    let hint = "remove the NUL (written \\u0000 in TOML): a process cannot receive one in its \
                arguments or environment";
    for (name, field) in [("command", &app.command), ("entrypoint", &app.entrypoint)] {
        let Some(field) = field else { continue };
        if let Some(at) = field.value.iter().position(|arg| arg.contains('\0')) {
            report.error(
                RuleId::NulCharacter,
                field.span.clone(),
                format!(
                    "`{name}` has a NUL character in its argument {}: \"{}\"",
                    at + 1,
                    shorten(&field.value[at]).escape_debug()
                ),
                hint,
            );
        }
    }
    for entry in app.env.iter().filter(|entry| entry.value.contains('\0')) {
        report.error(
            RuleId::NulCharacter,
            entry.key_span.clone(),
            format!(
                "the environment variable {} has a NUL character in its value",
                shorten(&entry.key).escape_debug()
            ),
            hint,
        );
    }
}

fn labels(entries: &[Entry], report: &mut AppReport<'_>) {
    for entry in entries {
        let problem = if entry.key.trim().is_empty() {
            "a label has an empty key".to_string()
        } else if entry
            .key
            .to_ascii_lowercase()
            .starts_with(RESERVED_LABEL_PREFIX)
        {
            format!(
                "the label key `{}` starts with `{RESERVED_LABEL_PREFIX}`, which alacrity keeps for its own labels",
                entry.key
            )
        } else {
            continue;
        };
        report.error(
            RuleId::LabelsKey,
            entry.key_span.clone(),
            problem,
            "use your own reverse-DNS prefix, e.g. labels = { \"com.example.team\" = \"web\" }",
        );
    }
}

fn ports(ports: &[Field<String>], report: &mut AppReport<'_>) {
    for port in ports {
        if let Err(problem) = port.value.parse::<Port>() {
            report.error(
                RuleId::PortFormat,
                port.span.clone(),
                format!("the port \"{}\" {problem}", port.value.escape_debug()),
                "write published:target[/tcp|/udp] with ports from 1 to 65535, \
                 e.g. \"8080:80\" or \"53:53/udp\"",
            );
        }
    }
}

fn node(app: &RawApp, report: &mut AppReport<'_>) {
    let Some(node) = &app.node else { return };
    if app.persistent() == Some(false) {
        report.error(
            RuleId::NodeNeedsPersistent,
            node.key.clone(),
            "`node` pins an app to one server, but only a persistent app is pinned".to_string(),
            "set persistent = true if the app keeps data on that server, or remove `node` \
             so that the app can move between servers",
        );
    }
    let invisible = |c: char| c.is_whitespace() || is_hidden(c);
    if node.value.trim().is_empty() || node.value.chars().any(invisible) {
        report.error(
            RuleId::NodeFormat,
            node.span.clone(),
            format!(
                "`node` is \"{}\", which is no hostname or node ID",
                shorten(&node.value).escape_debug()
            ),
            "write the node's hostname or ID as `docker node ls` shows it, e.g. node = \"worker-1\", \
             or remove `node` to pin the app to the node of the engine alacrity talks to",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{db, rules, web};
    use crate::spec::model::RESERVED_LABEL_PREFIX;
    use crate::spec::rule_id::RuleId::{self, *};

    fn ok(text: &str) {
        assert_eq!(rules(text), Vec::<RuleId>::new(), "{text}");
    }

    #[test]
    fn app_names_are_dns_labels() {
        ok("[apps.a]\nimage = \"x\"");
        ok(&format!("[apps.{}]\nimage = \"x\"", "a".repeat(63)));
        ok("[apps.web-2]\nimage = \"x\"");
        for bad in [
            "My_App",
            "-web",
            "web-",
            "\"\"",
            "\"a b\"",
            "\"wéb\"",
            &"a".repeat(64),
        ] {
            assert_eq!(
                rules(&format!("[apps.{bad}]\nimage = \"x\"")),
                [AppName],
                "{bad}"
            );
        }
    }

    #[test]
    fn bad_names_get_a_close_valid_one() {
        let found = super::super::testing::diagnostics(
            &["[apps.My_App]\nimage = \"x\""],
            &super::super::testing::host(),
        );
        assert!(found[0].hint.as_deref().unwrap().contains("[apps.my-app]"));
        assert!(found[0].message.contains("'M'"));
    }

    #[test]
    fn images_are_required_non_empty_without_whitespace() {
        ok(&web(""));
        assert_eq!(rules("[apps.web]\npersistent = false"), [ImageMissing]);
        assert_eq!(rules("[apps.web]\nimage = \"\""), [ImageFormat]);
        assert_eq!(rules("[apps.web]\nimage = \"  \""), [ImageFormat]);
        assert_eq!(rules("[apps.web]\nimage = \"nginx 1.27\""), [ImageFormat]);
        assert_eq!(rules("[apps.web]\nimage = \"nginx\\n\""), [ImageFormat]);
        assert_eq!(rules("[apps.web]\nimage = \"nginx\\u0000\""), [ImageFormat]);
        assert_eq!(
            rules("[apps.web]\nimage = \"nginx\\u200b:1\""),
            [ImageFormat]
        );
        assert_eq!(rules("[apps.web]\nimage = \"ngïnx\""), [ImageFormat]);
    }

    #[test]
    fn instances_are_not_negative() {
        ok(&web("instances = 0"));
        ok(&web("instances = 12"));
        assert_eq!(rules(&web("instances = -1")), [InstancesNegative]);
        assert_eq!(rules(&db("instances = -1")), [InstancesNegative]);
    }

    #[test]
    fn persistent_apps_run_at_most_one_instance() {
        ok(&db("instances = 1"));
        ok(&db("instances = 0"));
        assert_eq!(rules(&db("instances = 2")), [PersistentInstances]);
        // When `persistent` itself is wrong, nobody knows: only the type error is reported.
        let text = "[apps.db]\nimage = \"x\"\npersistent = \"yes\"\ninstances = 3";
        assert_eq!(rules(text), [WrongType]);
    }

    #[test]
    fn command_and_entrypoint_are_not_empty() {
        ok(&web(
            "command = [\"npm\", \"start\"]\nentrypoint = [\"/init\"]",
        ));
        assert_eq!(rules(&web("command = []")), [CommandEmpty]);
        assert_eq!(rules(&web("entrypoint = []")), [CommandEmpty]);
        assert_eq!(rules(&web("command = [\"\", \"x\"]")), [CommandEmpty]);
    }

    #[test]
    fn env_names_are_plain() {
        ok(&web("env = { A = \"1\", B_2 = 3, C = true, D = 1.5 }"));
        assert_eq!(rules(&web("env = { \"\" = \"x\" }")), [EnvName]);
        assert_eq!(rules(&web("env = { \"A=B\" = \"x\" }")), [EnvName]);
    }

    #[test]
    fn nothing_handed_to_the_process_holds_a_nul() {
        ok(&web("command = [\"a\\n\"]\nenv = { A = \"multi\\nline\" }"));
        assert_eq!(
            rules(&web("command = [\"sh\", \"a\\u0000b\"]")),
            [NulCharacter]
        );
        assert_eq!(rules(&web("entrypoint = [\"\\u0000\"]")), [NulCharacter]);
        assert_eq!(
            rules(&web(
                "env = { A = \"\\u0000\", B = \"ok\", C = \"x\\u0000\" }"
            )),
            [NulCharacter, NulCharacter]
        );
    }

    #[test]
    fn label_keys_are_not_reserved() {
        ok(&web(
            "labels = { \"com.example.team\" = \"web\", tier = 1 }",
        ));
        assert_eq!(
            rules(&web("labels = { \"io.alacrity.managed\" = \"no\" }")),
            [LabelsKey]
        );
        assert_eq!(
            rules(&web("labels = { \"IO.Alacrity.app\" = \"x\" }")),
            [LabelsKey]
        );
        assert_eq!(rules(&web("labels = { \" \" = \"x\" }")), [LabelsKey]);
    }

    #[test]
    fn the_reserved_prefix_is_the_one_the_engine_writes() {
        assert_eq!(RESERVED_LABEL_PREFIX, crate::core::labels::PREFIX);
    }

    #[test]
    fn ports_are_published_target_protocol() {
        ok(&web("ports = [\"8080:80\", \"53:53/udp\", \"53:53/tcp\"]"));
        assert_eq!(rules(&web("ports = [\"80\"]")), [PortFormat]);
        assert_eq!(
            rules(&web("ports = [\"0:80\", \"8080:99999\"]")),
            [PortFormat, PortFormat]
        );
        assert_eq!(rules(&web("ports = [\"8080:80/sctp\"]")), [PortFormat]);
    }

    #[test]
    fn only_persistent_apps_have_a_node() {
        ok(&db("node = \"worker-1\""));
        assert_eq!(rules(&web("node = \"worker-1\"")), [NodeNeedsPersistent]);
        assert_eq!(rules(&db("node = \"\"")), [NodeFormat]);
        assert_eq!(rules(&db("node = \"worker 1\"")), [NodeFormat]);
        assert_eq!(rules(&db("node = \"worker\\u0000\"")), [NodeFormat]);
        assert_eq!(rules(&db("node = \"worker\\u202e1\"")), [NodeFormat]);
        assert_eq!(
            rules(&web("node = \" \"")),
            [NodeNeedsPersistent, NodeFormat]
        );
    }
}
