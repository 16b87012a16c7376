//! Rules on one app's resources (`[apps.NAME.resources]`) and restart policy
//! (`[apps.NAME.restart_policy]`): what the engine would refuse or misread at deploy time,
//! caught before.

use super::{AppReport, location};
use crate::spec::diagnostic::shorten;
use crate::spec::model::RestartCondition;
use crate::spec::raw::{Field, RawApp, RawResourceSet, RawRestartPolicy};
use crate::spec::rule_id::RuleId;
use crate::spec::units::{Cpus, Size, parse_duration};

/// The smallest memory limit docker runs a container with (its `linuxMinMemory`, 6 MiB).
pub const MIN_MEMORY_LIMIT: u64 = 6 << 20;
/// The smallest memory reservation the swarm accepts (4 MiB).
pub const MIN_MEMORY_RESERVATION: u64 = 4 << 20;
/// The smallest CPU limit docker runs a container with (0.01 CPU).
pub const MIN_CPUS_LIMIT: u64 = 10_000_000;
/// The smallest CPU reservation the swarm accepts (0.001 CPU).
pub const MIN_CPUS_RESERVATION: u64 = 1_000_000;

pub(super) fn check(app: &RawApp, report: &mut AppReport<'_>) {
    if let Some(resources) = &app.resources {
        let limits = resources
            .limits
            .as_ref()
            .map(|set| resource_set(set, Kind::Limit, report));
        let reservations = resources
            .reservations
            .as_ref()
            .map(|set| resource_set(set, Kind::Reservation, report));
        if let (Some(limits), Some(reservations)) = (limits, reservations) {
            limit_below_reservation(&limits, &reservations, report);
        }
    }
    if let Some(policy) = &app.restart_policy {
        restart_policy(policy, report);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Limit,
    Reservation,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Limit => "limit",
            Kind::Reservation => "reservation",
        }
    }
}

/// The values of a set that are well formed, with where they are written.
struct Parsed<'a> {
    cpus: Option<(Cpus, &'a Field<String>)>,
    memory: Option<(Size, &'a Field<String>)>,
}

fn resource_set<'a>(set: &'a RawResourceSet, kind: Kind, report: &mut AppReport<'_>) -> Parsed<'a> {
    let memory = set
        .memory
        .as_ref()
        .and_then(|field| memory(field, kind, report));
    let cpus = set
        .cpus
        .as_ref()
        .and_then(|field| cpus(field, kind, report));
    Parsed { cpus, memory }
}

fn memory<'a>(
    field: &'a Field<String>,
    kind: Kind,
    report: &mut AppReport<'_>,
) -> Option<(Size, &'a Field<String>)> {
    let size = match field.value.parse::<Size>() {
        Ok(size) => size,
        Err(problem) => {
            report.error(
                RuleId::MemoryFormat,
                field.span.clone(),
                format!(
                    "the memory {} \"{}\" {problem}",
                    kind.word(),
                    shorten(&field.value).escape_debug()
                ),
                "write a size such as \"512M\" or \"1.5G\" (units b, k, m, g, t; binary: 1M is \
                 1024K), or a whole number of bytes",
            );
            return None;
        }
    };
    let (minimum, who) = match kind {
        Kind::Limit => (MIN_MEMORY_LIMIT, "docker runs a container with"),
        Kind::Reservation => (MIN_MEMORY_RESERVATION, "the swarm accepts"),
    };
    if size.bytes() < minimum {
        let minimum = Size::from_bytes(minimum);
        report.error(
            RuleId::ResourcesMinimum,
            field.span.clone(),
            format!(
                "the memory {} is {size}, below the {minimum} that {who}",
                kind.word()
            ),
            format!(
                "set at least memory = \"{minimum}\", or remove `memory` for no {}",
                kind.word()
            ),
        );
        return None;
    }
    Some((size, field))
}

fn cpus<'a>(
    field: &'a Field<String>,
    kind: Kind,
    report: &mut AppReport<'_>,
) -> Option<(Cpus, &'a Field<String>)> {
    let cpus = match field.value.parse::<Cpus>() {
        Ok(cpus) => cpus,
        Err(problem) => {
            report.error(
                RuleId::CpusFormat,
                field.span.clone(),
                format!("the cpus {} {problem}", kind.word()),
                "write a number of CPUs such as cpus = \"0.5\" (half a CPU) or cpus = \"2\"",
            );
            return None;
        }
    };
    let (minimum, who) = match kind {
        Kind::Limit => (MIN_CPUS_LIMIT, "docker runs a container with"),
        Kind::Reservation => (MIN_CPUS_RESERVATION, "the swarm accepts"),
    };
    if cpus.nanos() < minimum {
        let minimum = Cpus::from_nanos(minimum);
        report.error(
            RuleId::ResourcesMinimum,
            field.span.clone(),
            format!(
                "the cpus {} is {cpus}, below the {minimum} that {who}",
                kind.word()
            ),
            format!(
                "set at least cpus = \"{minimum}\", or remove `cpus` for no {}",
                kind.word()
            ),
        );
        return None;
    }
    Some((cpus, field))
}

/// A limit below its reservation: the swarm would set aside more than the container may use.
fn limit_below_reservation(
    limits: &Parsed<'_>,
    reservations: &Parsed<'_>,
    report: &mut AppReport<'_>,
) {
    let hint = "raise the limit or lower the reservation: the swarm would set aside more than \
                the app may use";
    if let (Some((limit, field)), Some((reserved, at))) = (limits.memory, reservations.memory)
        && limit < reserved
    {
        let place = location(report.source, &at.span);
        report.error(
            RuleId::LimitBelowReservation,
            field.span.clone(),
            format!(
                "the memory limit {limit} is below the memory reservation {reserved} at {place}"
            ),
            hint,
        );
    }
    if let (Some((limit, field)), Some((reserved, at))) = (limits.cpus, reservations.cpus)
        && limit < reserved
    {
        let place = location(report.source, &at.span);
        report.error(
            RuleId::LimitBelowReservation,
            field.span.clone(),
            format!("the cpus limit {limit} is below the cpus reservation {reserved} at {place}"),
            hint,
        );
    }
}

fn restart_policy(policy: &RawRestartPolicy, report: &mut AppReport<'_>) {
    if let Some(condition) = &policy.condition
        && condition.value.parse::<RestartCondition>().is_err()
    {
        let hint = match condition
            .value
            .to_ascii_lowercase()
            .replace('_', "-")
            .as_str()
        {
            "always" | "unless-stopped" => {
                "the swarm's word for restarting whatever the exit is \"any\": condition = \"any\""
            }
            "no" | "never" => "the swarm's word for never restarting is \"none\"",
            "on-failure" => "write it in lowercase with a dash: condition = \"on-failure\"",
            _ => "use \"none\", \"on-failure\" or \"any\" (the default)",
        };
        report.error(
            RuleId::RestartCondition,
            condition.span.clone(),
            format!(
                "the restart condition \"{}\" is not one the swarm knows",
                shorten(&condition.value).escape_debug()
            ),
            hint,
        );
    }
    for (name, field) in [("delay", &policy.delay), ("window", &policy.window)] {
        let Some(field) = field else { continue };
        if let Err(problem) = parse_duration(&field.value) {
            report.error(
                RuleId::RestartDuration,
                field.span.clone(),
                format!("the restart {name} {problem}"),
                format!("write a duration such as {name} = \"5s\", \"500ms\" or \"1m30s\""),
            );
        }
    }
    if let Some(attempts) = &policy.max_attempts
        && attempts.value < 0
    {
        report.error(
            RuleId::RestartMaxAttempts,
            attempts.span.clone(),
            format!(
                "`max_attempts` is {}: it cannot be negative",
                attempts.value
            ),
            "use 0 (the default) to restart without end, or how many restarts to try, e.g. \
             max_attempts = 3",
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

    fn resources(lines: &str) -> String {
        web(&format!("[apps.web.resources]\n{lines}"))
    }

    fn restart(lines: &str) -> String {
        web(&format!("[apps.web.restart_policy]\n{lines}"))
    }

    #[test]
    fn well_formed_resources_pass() {
        ok(&resources(
            "limits = { cpus = \"1.5\", memory = \"512M\" }\n\
             reservations = { cpus = 0.25, memory = 268435456 }",
        ));
        ok(&resources("limits = { cpus = 2, memory = \"6M\" }"));
        ok(&resources("limits = { cpus = +1_000.5 }"));
        ok(&resources(
            "reservations = { cpus = \"0.001\", memory = \"4MiB\" }",
        ));
        ok(&resources(
            "limits = { memory = \"1g\" }\nreservations = { memory = \"1G\" }",
        ));
        ok(&resources(""));
        ok(&web("resources = { limits = { cpus = \"0.5\" } }"));
    }

    #[test]
    fn malformed_sizes_and_cpus_are_refused() {
        assert_eq!(
            rules(&resources("limits = { memory = \"512X\" }")),
            [MemoryFormat]
        );
        assert_eq!(
            rules(&resources("limits = { memory = \"-1M\" }")),
            [MemoryFormat]
        );
        assert_eq!(
            rules(&resources("reservations = { memory = \"\" }")),
            [MemoryFormat]
        );
        assert_eq!(
            rules(&resources("limits = { memory = -5 }")),
            [MemoryFormat]
        );
        assert_eq!(
            rules(&resources("limits = { cpus = \"half\" }")),
            [CpusFormat]
        );
        assert_eq!(rules(&resources("limits = { cpus = 0 }")), [CpusFormat]);
        assert_eq!(rules(&resources("limits = { cpus = -1.5 }")), [CpusFormat]);
        assert_eq!(rules(&resources("limits = { cpus = 1e2 }")), [CpusFormat]);
        assert_eq!(rules(&resources("limits = { cpus = inf }")), [CpusFormat]);
        assert_eq!(
            rules(&resources("limits = { cpus = \"0.0000000001\" }")),
            [CpusFormat]
        );
        assert_eq!(rules(&resources("limits = { memory = true }")), [WrongType]);
        assert_eq!(rules(&resources("limits = { memory = 1.5 }")), [WrongType]);
        assert_eq!(rules(&resources("limits = \"1G\"")), [WrongType]);
        assert_eq!(rules(&web("resources = \"1G\"")), [WrongType]);
        assert_eq!(
            rules(&resources("limits = { mem = \"1G\" }")),
            [UnknownField]
        );
        assert_eq!(
            rules(&resources("limit = { memory = \"1G\" }")),
            [UnknownField]
        );
    }

    #[test]
    fn values_below_what_docker_and_the_swarm_take_are_refused() {
        assert_eq!(
            rules(&resources("limits = { memory = \"5M\" }")),
            [ResourcesMinimum]
        );
        assert_eq!(
            rules(&resources("limits = { memory = \"0\" }")),
            [ResourcesMinimum]
        );
        assert_eq!(
            rules(&resources("reservations = { memory = \"3M\" }")),
            [ResourcesMinimum]
        );
        assert_eq!(
            rules(&resources("limits = { cpus = \"0.009\" }")),
            [ResourcesMinimum]
        );
        assert_eq!(
            rules(&resources("reservations = { cpus = \"0.0009\" }")),
            [ResourcesMinimum]
        );
        let found = diagnostics(&[&resources("limits = { memory = \"5M\" }")], &host());
        assert!(
            found[0].message.contains("below the 6M"),
            "{}",
            found[0].message
        );
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("memory = \"6M\"")
        );
    }

    #[test]
    fn a_limit_below_its_reservation_is_refused_at_the_limit() {
        let text = resources(
            "limits = { cpus = \"0.5\", memory = \"256M\" }\n\
             reservations = { cpus = \"1\", memory = \"512M\" }",
        );
        assert_eq!(rules(&text), [LimitBelowReservation, LimitBelowReservation]);
        let found = diagnostics(&[&text], &host());
        assert_eq!((found[0].line, found[0].column), (4, 19), "cpus first");
        assert_eq!((found[1].line, found[1].column), (4, 35));
        assert!(
            found[1]
                .message
                .contains("memory limit 256M is below the memory reservation 512M at a.toml:5:"),
            "{}",
            found[1].message
        );
        // Equal is fine, and a malformed reservation is only itself an error.
        ok(&resources(
            "limits = { memory = \"512M\" }\nreservations = { memory = \"0.5G\" }",
        ));
        assert_eq!(
            rules(&resources(
                "limits = { memory = \"256M\" }\nreservations = { memory = \"lots\" }"
            )),
            [MemoryFormat]
        );
    }

    #[test]
    fn restart_policies_are_checked() {
        ok(&restart(
            "condition = \"on-failure\"\ndelay = \"10s\"\nmax_attempts = 3\nwindow = \"2m\"",
        ));
        ok(&restart("condition = \"none\""));
        ok(&restart("condition = \"any\"\ndelay = \"0\""));
        ok(&web("restart_policy = { condition = \"any\" }"));
        assert_eq!(
            rules(&restart("condition = \"always\"")),
            [RestartCondition]
        );
        assert_eq!(rules(&restart("condition = \"ANY\"")), [RestartCondition]);
        assert_eq!(rules(&restart("delay = \"5\"")), [RestartDuration]);
        assert_eq!(rules(&restart("window = \"-1s\"")), [RestartDuration]);
        assert_eq!(rules(&restart("max_attempts = -1")), [RestartMaxAttempts]);
        assert_eq!(rules(&restart("max_attempts = \"3\"")), [WrongType]);
        assert_eq!(rules(&restart("delay = 5")), [WrongType]);
        assert_eq!(rules(&restart("retries = 5")), [UnknownField]);
        let found = diagnostics(&[&restart("condition = \"always\"")], &host());
        assert!(found[0].hint.as_deref().unwrap().contains("\"any\""));
    }
}
