//! "Did you mean" for unknown field names: typos, and the words other tools use for our fields.

/// Words from docker compose, Kamal and friends, and the field that means the same here. An
/// alias is only offered where its target is a field (`path` means `container_path` in a volume).
const ALIASES: &[(&str, &str)] = &[
    ("replicas", "instances"),
    ("scale", "instances"),
    ("environment", "env"),
    ("cmd", "command"),
    ("args", "command"),
    ("img", "image"),
    ("mounts", "volumes"),
    ("publish", "ports"),
    ("expose", "ports"),
    ("constraint", "node"),
    ("constraints", "node"),
    ("placement", "node"),
    ("hostname", "node"),
    ("stateful", "persistent"),
    ("persist", "persistent"),
    ("volume", "label"),
    ("name", "label"),
    ("target", "container_path"),
    ("destination", "container_path"),
    ("dst", "container_path"),
    ("path", "container_path"),
    ("mount_path", "container_path"),
    ("host", "host_path"),
    ("bind", "host_path"),
    ("directory", "host_path"),
    ("readonly", "read_only"),
    ("ro", "read_only"),
    ("env_files", "env_file"),
    ("envfile", "env_file"),
    ("environment_file", "env_file"),
    ("restart", "restart_policy"),
    ("restartpolicy", "restart_policy"),
    ("requests", "reservations"),
    ("reserve", "reservations"),
    ("mem", "memory"),
    ("memory_bytes", "memory"),
    ("nano_cpus", "cpus"),
    ("cpu", "cpus"),
    ("attempts", "max_attempts"),
    ("retries", "max_attempts"),
    ("max_retries", "max_attempts"),
    ("health_check", "healthcheck"),
    ("health", "healthcheck"),
    ("retry", "retries"),
    ("max_retries", "retries"),
    ("cmd", "test"),
    ("command", "test"),
    ("check", "test"),
    ("period", "interval"),
    ("every", "interval"),
    ("start_delay", "start_period"),
    ("grace_period", "start_period"),
    ("initial_delay", "start_period"),
];

/// The hint for an unknown field `unknown` where `known` are the valid names, if one is close.
pub fn field(unknown: &str, known: &[&str]) -> Option<String> {
    let normalized = unknown.to_lowercase().replace('-', "_");
    if let Some(special) = special(&normalized, known) {
        return Some(special.to_string());
    }
    closest(&normalized, known).map(|name| format!("did you mean `{name}`?"))
}

/// Names that are not typos but a different idea of where things go.
fn special(normalized: &str, known: &[&str]) -> Option<&'static str> {
    let in_app = known.contains(&"image");
    let in_volume = known.contains(&"container_path");
    let in_healthcheck = known.contains(&"start_period");
    match normalized {
        "name" if in_app => Some("an app's name is the key of its table: [apps.NAME]"),
        "deploy" if in_app => Some(
            "docker compose's `deploy` settings are fields of the app here: `instances` (for \
             replicas), `resources`, `restart_policy`",
        ),
        "cpus" | "memory" | "mem_limit" | "mem_reservation" | "memory_limit" | "cpu_limit"
            if in_app =>
        {
            Some(
                "CPU and memory go in the app's resources: [apps.NAME.resources] with \
                 limits = { cpus = \"0.5\", memory = \"512M\" }",
            )
        }
        "start_interval" if in_healthcheck => Some(
            "docker's start_interval is not supported: checks run every `interval` from the \
             start, and failures count once `start_period` is over",
        ),
        "disable" | "disabled" if in_healthcheck => Some(
            "to turn off the image's health check, write healthcheck = false instead of a table",
        ),
        "source" | "src" if in_volume => {
            Some("did you mean `label` (a managed volume) or `host_path` (a host directory)?")
        }
        _ => None,
    }
}

fn closest<'k>(normalized: &str, known: &[&'k str]) -> Option<&'k str> {
    let alias = ALIASES
        .iter()
        .find(|(alias, target)| *alias == normalized && known.contains(target))
        .map(|&(_, target)| target);
    alias.or_else(|| nearest_by_edits(normalized, known))
}

/// The known name fewest edits away, if few enough for the length that it is likely a typo.
fn nearest_by_edits<'k>(normalized: &str, known: &[&'k str]) -> Option<&'k str> {
    let length = normalized.chars().count();
    let allowed = match length {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    known
        .iter()
        // More edits apart than allowed by length alone: not worth the edit distance, whose
        // cost grows with the product of the lengths (a generated key can be megabytes).
        .filter(|name| length.abs_diff(name.chars().count()) <= allowed)
        .map(|name| (strsim::damerau_levenshtein(normalized, name), *name))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &[&str] = &["image", "persistent", "instances", "volumes", "node", "env"];
    const VOLUME: &[&str] = &["label", "host_path", "container_path", "read_only"];

    fn hint(unknown: &str, known: &[&str]) -> Option<String> {
        field(unknown, known)
    }

    #[test]
    fn typos_are_caught() {
        assert_eq!(
            hint("persistant", APP).unwrap(),
            "did you mean `persistent`?"
        );
        assert_eq!(hint("imgae", APP).unwrap(), "did you mean `image`?");
        assert_eq!(
            hint("contianer_path", VOLUME).unwrap(),
            "did you mean `container_path`?"
        );
        assert_eq!(
            hint("Read-Only", VOLUME).unwrap(),
            "did you mean `read_only`?"
        );
    }

    #[test]
    fn words_from_other_tools_point_at_ours() {
        assert_eq!(hint("replicas", APP).unwrap(), "did you mean `instances`?");
        assert_eq!(
            hint("target", VOLUME).unwrap(),
            "did you mean `container_path`?"
        );
        assert!(hint("source", VOLUME).unwrap().contains("host_path"));
        assert!(hint("name", APP).unwrap().contains("[apps.NAME]"));
        // An alias whose target is not a field here is not offered.
        assert_eq!(hint("target", APP), None);
    }

    #[test]
    fn compose_words_for_resources_and_restarts_point_at_ours() {
        let app = &["image", "env_file", "resources", "restart_policy"];
        assert_eq!(
            hint("restart", app).unwrap(),
            "did you mean `restart_policy`?"
        );
        assert_eq!(hint("env-files", app).unwrap(), "did you mean `env_file`?");
        assert!(hint("deploy", app).unwrap().contains("`resources`"));
        assert!(hint("mem_limit", app).unwrap().contains("resources"));
        assert!(hint("cpus", app).unwrap().contains("limits = {"));
        let resources = &["limits", "reservations"];
        assert_eq!(hint("limit", resources).unwrap(), "did you mean `limits`?");
        assert_eq!(
            hint("requests", resources).unwrap(),
            "did you mean `reservations`?"
        );
        let set = &["cpus", "memory"];
        assert_eq!(hint("cpu", set).unwrap(), "did you mean `cpus`?");
        assert_eq!(hint("mem", set).unwrap(), "did you mean `memory`?");
        let policy = &["condition", "delay", "max_attempts", "window"];
        assert_eq!(
            hint("retries", policy).unwrap(),
            "did you mean `max_attempts`?"
        );
    }

    #[test]
    fn compose_and_kubernetes_words_for_healthchecks_point_at_ours() {
        let app = &["image", "command", "healthcheck"];
        assert_eq!(
            hint("health_check", app).unwrap(),
            "did you mean `healthcheck`?"
        );
        assert_eq!(hint("cmd", app).unwrap(), "did you mean `command`?");
        let check = &["test", "interval", "timeout", "retries", "start_period"];
        assert_eq!(hint("retry", check).unwrap(), "did you mean `retries`?");
        assert_eq!(hint("cmd", check).unwrap(), "did you mean `test`?");
        assert_eq!(hint("command", check).unwrap(), "did you mean `test`?");
        assert_eq!(
            hint("initialDelay", check).unwrap_or_default(),
            String::new(),
            "camel case is no alias"
        );
        assert_eq!(
            hint("initial_delay", check).unwrap(),
            "did you mean `start_period`?"
        );
        assert!(
            hint("start_interval", check)
                .unwrap()
                .contains("not supported")
        );
        assert!(
            hint("disable", check)
                .unwrap()
                .contains("healthcheck = false")
        );
    }

    #[test]
    fn unrelated_names_get_no_guess() {
        assert_eq!(hint("healthcheck", APP), None);
        assert_eq!(hint("", APP), None);
        assert_eq!(hint("x", VOLUME), None);
    }
}
