//! Rules on one app's health check (`healthcheck`): what the engine would refuse at deploy time,
//! or silently read as something else (a zero interval is its default, not "never").

use std::time::Duration;

use super::AppReport;
use crate::spec::diagnostic::shorten;
use crate::spec::model::{DEFAULT_HEALTH_INTERVAL, DEFAULT_HEALTH_TIMEOUT, MIN_HEALTH_DURATION};
use crate::spec::raw::{Field, RawApp, RawHealthCheck, RawHealthcheck, RawTest, Span};
use crate::spec::rule_id::RuleId;
use crate::spec::units::{duration_text, parse_duration};

/// How a test that is a list starts: run a program as is, or a command in the container's shell.
const CMD: &str = "CMD";
const CMD_SHELL: &str = "CMD-SHELL";

pub(super) fn check(app: &RawApp, report: &mut AppReport<'_>) {
    let Some(field) = &app.healthcheck else {
        return;
    };
    match &field.value {
        RawHealthcheck::Flag(false) => {}
        RawHealthcheck::Flag(true) => report.error(
            RuleId::HealthcheckTest,
            field.span.clone(),
            "`healthcheck = true` says no check to run (the image's own applies without it)"
                .to_string(),
            "write the check as a table, e.g. healthcheck = { test = [\"CMD\", \"pg_isready\"] }, \
             or healthcheck = false to turn off the image's own",
        ),
        RawHealthcheck::Check(check) => {
            test(check, field, report);
            durations(check, report);
            retries(check, report);
        }
    }
}

fn test(check: &RawHealthCheck, healthcheck: &Field<RawHealthcheck>, report: &mut AppReport<'_>) {
    let Some(test) = &check.test else {
        report.error(
            RuleId::HealthcheckTest,
            healthcheck.key.clone(),
            "the health check has no test".to_string(),
            "add the command that checks the app, e.g. test = [\"CMD\", \"pg_isready\"] or \
             test = \"curl -f http://localhost/ || exit 1\" (run by the shell); or remove \
             `healthcheck` to keep the image's own",
        );
        return;
    };
    match &test.value {
        RawTest::Wrong(found) => report.error(
            RuleId::HealthcheckTest,
            test.span.clone(),
            format!("`test` must be a string or a list of strings, found {found}"),
            "write a command for the shell, test = \"pg_isready -q\", or a list, \
             test = [\"CMD\", \"pg_isready\", \"-q\"]",
        ),
        RawTest::Shell(command) => shell_command(command, &test.span, report),
        RawTest::List(items) => list(items, &test.span, report),
    }
}

/// `test = "..."`, or the command of `["CMD-SHELL", "..."]`: something for the shell to run.
fn shell_command(command: &str, span: &Span, report: &mut AppReport<'_>) {
    let problem = if command.trim().is_empty() {
        "the health check's command is empty"
    } else if command.contains('\0') {
        "the health check's command contains a NUL character (\\u0000), which no command can hold"
    } else {
        return;
    };
    report.error(
        RuleId::HealthcheckTest,
        span.clone(),
        problem.to_string(),
        "write the command that checks the app, e.g. test = \"pg_isready -q\" or \
         test = \"curl -f http://localhost/ || exit 1\"",
    );
}

/// `test = ["CMD", program, args...]` or `["CMD-SHELL", command]`: the engine's own form.
fn list(items: &[Field<Result<String, &'static str>>], span: &Span, report: &mut AppReport<'_>) {
    let Some(first) = items.first() else {
        report.error(
            RuleId::HealthcheckTest,
            span.clone(),
            "the health check's test is an empty list".to_string(),
            "write what to run, e.g. test = [\"CMD\", \"pg_isready\"]; or healthcheck = false \
             for no check at all",
        );
        return;
    };
    let mut words = Vec::with_capacity(items.len());
    for item in items {
        match &item.value {
            Ok(word) => words.push(word.as_str()),
            Err(found) => {
                report.error(
                    RuleId::HealthcheckTest,
                    item.span.clone(),
                    format!("this element of `test` is {found}, but each is a string"),
                    "quote it: test = [\"CMD\", \"pg_isready\", \"-p\", \"5432\"]",
                );
                return;
            }
        }
    }
    let args = &words[1..];
    match words[0] {
        CMD => {
            let program = items.get(1);
            if args.first().is_none_or(|program| program.trim().is_empty()) {
                report.error(
                    RuleId::HealthcheckTest,
                    program.map_or(span, |p| &p.span).clone(),
                    "the health check's test is \"CMD\" without a program to run".to_string(),
                    "name the program and its arguments after it, e.g. \
                     test = [\"CMD\", \"pg_isready\", \"-q\"]",
                );
            } else if let Some(item) = items
                .iter()
                .find(|item| item.value.as_ref().is_ok_and(|word| word.contains('\0')))
            {
                report.error(
                    RuleId::HealthcheckTest,
                    item.span.clone(),
                    "the health check's test contains a NUL character (\\u0000), which no \
                     argument can hold"
                        .to_string(),
                    "remove the \\u0000 from the argument",
                );
            }
        }
        CMD_SHELL => match args {
            [command] => shell_command(command, &items[1].span, report),
            [] => report.error(
                RuleId::HealthcheckTest,
                span.clone(),
                "the health check's test is \"CMD-SHELL\" without a command".to_string(),
                "give the command as one string after it, e.g. \
                 test = [\"CMD-SHELL\", \"pg_isready -q || exit 1\"], or write the string \
                 alone: test = \"pg_isready -q || exit 1\"",
            ),
            [_, ..] => report.error(
                RuleId::HealthcheckTest,
                items[2].span.clone(),
                format!(
                    "\"CMD-SHELL\" takes one command string, but the test gives {}",
                    args.len()
                ),
                format!(
                    "write the command as one string: test = [\"CMD-SHELL\", \"{}\"], or use \
                     \"CMD\" to run a program with these arguments without a shell",
                    shorten(&args.join(" ")).escape_debug()
                ),
            ),
        },
        other => {
            let shown = shorten(other).escape_debug().to_string();
            let hint = if other.eq_ignore_ascii_case(CMD) || other.eq_ignore_ascii_case(CMD_SHELL) {
                format!("write it in capitals: \"{}\"", other.to_ascii_uppercase())
            } else if other == "NONE" {
                "to turn off the image's health check, write healthcheck = false".to_string()
            } else {
                let quoted: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
                format!(
                    "put \"CMD\" first to run the program as is: test = [\"CMD\", {}]; or write \
                     the command as a string for the shell",
                    shorten(&quoted.join(", "))
                )
            };
            report.error(
                RuleId::HealthcheckTest,
                first.span.clone(),
                format!(
                    "the health check's test starts with \"{shown}\", but a list starts with \
                     \"CMD\" or \"CMD-SHELL\""
                ),
                hint,
            );
        }
    }
}

/// `interval`, `timeout` and `start_period`: durations the engine takes (at least 1ms), and for
/// `interval` and `timeout` not 0, which the engine would read as "its default".
fn durations(check: &RawHealthCheck, report: &mut AppReport<'_>) {
    let fields = [
        ("interval", &check.interval, Some(DEFAULT_HEALTH_INTERVAL)),
        ("timeout", &check.timeout, Some(DEFAULT_HEALTH_TIMEOUT)),
        ("start_period", &check.start_period, None),
    ];
    for (name, field, default) in fields {
        let Some(field) = field else { continue };
        let (message, hint) = match parse_duration(&field.value) {
            Err(problem) => (
                format!("the health check's {name} {problem}"),
                format!("write a duration such as {name} = \"30s\", \"500ms\" or \"1m30s\""),
            ),
            Ok(Duration::ZERO) => match default {
                None => continue, // no start period
                Some(default) => {
                    let default = duration_text(default);
                    (
                        format!(
                            "the health check's {name} is 0, which the engine reads as the \
                             image's {name} or Docker's default ({default})"
                        ),
                        format!(
                            "write the {name} to use, at least 1ms, e.g. {name} = \"5s\"; or \
                             leave out `{name}` for Docker's {default}"
                        ),
                    )
                }
            },
            Ok(duration) if duration < MIN_HEALTH_DURATION => (
                format!(
                    "the health check's {name} is {}, below the 1ms the engine accepts",
                    duration_text(duration)
                ),
                format!("write at least {name} = \"1ms\""),
            ),
            Ok(_) => continue,
        };
        report.error(
            RuleId::HealthcheckDuration,
            field.span.clone(),
            message,
            hint,
        );
    }
}

fn retries(check: &RawHealthCheck, report: &mut AppReport<'_>) {
    if let Some(retries) = &check.retries
        && retries.value < 1
    {
        report.error(
            RuleId::HealthcheckRetries,
            retries.span.clone(),
            format!(
                "`retries` is {}: a container is unhealthy after at least 1 failed check",
                retries.value
            ),
            "write how many failed checks in a row make the container unhealthy, at least 1, \
             e.g. retries = 3 (Docker's default, also when `retries` is left out)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{diagnostics, host, rules, web};
    use crate::spec::rule_id::RuleId::{self, *};

    fn ok(text: &str) {
        assert_eq!(rules(text), Vec::<RuleId>::new(), "{text}");
    }

    fn check(fields: &str) -> String {
        web(&format!("healthcheck = {{ {fields} }}"))
    }

    #[test]
    fn well_formed_health_checks_pass() {
        ok(&check(
            "test = [\"CMD\", \"pg_isready\"], interval = \"5s\", timeout = \"3s\", \
             retries = 5, start_period = \"30s\"",
        ));
        ok(&check("test = \"curl -f http://localhost/ || exit 1\""));
        ok(&check("test = [\"CMD-SHELL\", \"pg_isready -q\"]"));
        ok(&check("test = [\"CMD\", \"true\"], start_period = \"0s\""));
        ok(&check("test = [\"CMD\", \"true\"], start_period = \"0\""));
        ok(&check("test = [\"CMD\", \"true\"], interval = \"1ms\""));
        ok(&web("healthcheck = false"));
        ok(&web(
            "[apps.web.healthcheck]\ntest = [\"CMD\", \"wget\", \"-q\", \"localhost\"]\nretries = 1",
        ));
    }

    #[test]
    fn a_test_is_a_command_or_the_engines_list() {
        for bad in [
            "test = \"\"",
            "test = \"  \"",
            "test = []",
            "test = [\"CMD\"]",
            "test = [\"CMD\", \"\"]",
            "test = [\"CMD-SHELL\"]",
            "test = [\"CMD-SHELL\", \" \"]",
            "test = [\"CMD-SHELL\", \"a\", \"b\"]",
            "test = [\"pg_isready\"]",
            "test = [\"cmd\", \"pg_isready\"]",
            "test = [\"NONE\"]",
            "test = 5",
            "test = { cmd = \"x\" }",
            "test = [\"CMD\", 5432]",
            "test = \"a\\u0000b\"",
            "test = [\"CMD\", \"a\", \"b\\u0000\"]",
            "interval = \"5s\"",
        ] {
            assert_eq!(rules(&check(bad)), [HealthcheckTest], "{bad}");
        }
        assert_eq!(rules(&web("healthcheck = true")), [HealthcheckTest]);
        assert_eq!(
            rules(&web("[apps.web.healthcheck]\nretries = 3")),
            [HealthcheckTest]
        );
        let hint = |text: &str| {
            let found = diagnostics(&[&check(text)], &host());
            found[0].hint.clone().unwrap_or_default()
        };
        assert!(hint("test = [\"cmd\", \"x\"]").contains("capitals: \"CMD\""));
        assert!(hint("test = [\"NONE\"]").contains("healthcheck = false"));
        assert!(
            hint("test = [\"pg_isready\", \"-q\"]")
                .contains("test = [\"CMD\", \"pg_isready\", \"-q\"]")
        );
        assert!(hint("test = [\"CMD-SHELL\", \"a\", \"b\"]").contains("\"CMD-SHELL\", \"a b\""));
        let found = diagnostics(&[&web("healthcheck = true")], &host());
        assert!(found[0].hint.as_deref().unwrap().contains("false"));
        // The element that is wrong is pointed at.
        let found = diagnostics(&[&check("test = [\"CMD\", 5432]")], &host());
        assert_eq!((found[0].line, found[0].column), (3, 32));
    }

    #[test]
    fn durations_are_at_least_1ms_and_interval_and_timeout_not_0() {
        for bad in [
            "interval = \"0s\"",
            "timeout = \"0\"",
            "interval = \"5\"",
            "timeout = \"-1s\"",
            "start_period = \"soon\"",
            "interval = \"500us\"",
            "start_period = \"1ns\"",
        ] {
            let text = check(&format!("test = \"true\", {bad}"));
            assert_eq!(rules(&text), [HealthcheckDuration], "{bad}");
        }
        let found = diagnostics(&[&check("test = \"true\", interval = \"0s\"")], &host());
        assert!(
            found[0].message.contains("default (30s)"),
            "{}",
            found[0].message
        );
        assert_eq!(rules(&check("test = \"true\", interval = 5")), [WrongType]);
    }

    #[test]
    fn retries_are_at_least_1() {
        for bad in ["retries = 0", "retries = -2"] {
            let text = check(&format!("test = \"true\", {bad}"));
            assert_eq!(rules(&text), [HealthcheckRetries], "{bad}");
        }
        let found = diagnostics(&[&check("test = \"true\", retries = \"3\"")], &host());
        assert_eq!(found[0].rule, WrongType);
        assert!(found[0].hint.as_deref().unwrap().contains("retries = 3"));
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_the_usual_errors() {
        let found = diagnostics(&[&check("test = \"true\", intervall = \"5s\"")], &host());
        assert_eq!(found[0].rule, UnknownField);
        assert!(found[0].hint.as_deref().unwrap().contains("interval"));
        assert_eq!(rules(&web("healthcheck = \"pg_isready\"")), [WrongType]);
        assert_eq!(rules(&web("healthcheck = [\"CMD\", \"x\"]")), [WrongType]);
    }
}
