//! The environment variables a deploy changes, and which of their values may be shown.
//!
//! Values come from the spec's `env` and from env files, which exist to keep values out of the
//! spec (and out of git and CI logs). A value is never shown when its variable's name looks
//! secret (it contains PASSWORD, TOKEN, SECRET or KEY, in any case), whichever side of the
//! change it is on and wherever it came from; a value that is shown has the password of a URL
//! in it (`postgres://app:PASSWORD@db/app`) masked.

use std::collections::BTreeMap;

use serde::Serialize;

/// The words that make a variable's name look secret, as parts of the name in any case
/// (`DB_PASSWORD`, `api_token`, `AWS_SECRET_ACCESS_KEY`, `SSH_KEYFILE`).
pub const SECRET_WORDS: [&str; 4] = ["PASSWORD", "TOKEN", "SECRET", "KEY"];

/// Whether a variable's values are never shown.
pub fn looks_secret(name: &str) -> bool {
    let upper = name.to_uppercase();
    SECRET_WORDS.iter().any(|word| upper.contains(word))
}

/// What happens to one variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EnvChangeKind {
    Added,
    Removed,
    Changed,
}

/// One variable a deploy adds, removes or changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvChange {
    pub name: String,
    pub change: EnvChangeKind,
    /// The value the swarm has, and the one the spec gives; `None` when there is none, or when
    /// it is not shown (`hidden`).
    pub swarm: Option<String>,
    pub spec: Option<String>,
    /// The name looks secret: neither value is shown.
    pub hidden: bool,
}

/// The variables that differ between what the swarm runs and what the spec wants, by name.
pub fn env_changes(
    swarm: &BTreeMap<String, String>,
    spec: &BTreeMap<String, String>,
) -> Vec<EnvChange> {
    let mut names: Vec<&String> = swarm.keys().chain(spec.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let (before, after) = (swarm.get(name), spec.get(name));
            let change = match (before, after) {
                (None, Some(_)) => EnvChangeKind::Added,
                (Some(_), None) => EnvChangeKind::Removed,
                (Some(a), Some(b)) if a != b => EnvChangeKind::Changed,
                _ => return None,
            };
            let hidden = looks_secret(name);
            let shown = |value: Option<&String>| match hidden {
                true => None,
                false => value.map(|v| mask_url_password(v)),
            };
            Some(EnvChange {
                name: name.clone(),
                change,
                swarm: shown(before),
                spec: shown(after),
                hidden,
            })
        })
        .collect()
}

/// What replaces a password in a URL that is shown.
pub const MASK: &str = "***";

/// `postgres://app:s3cret@db:5432/app` -> `postgres://app:***@db:5432/app`, for every URL in
/// the value (a list of URLs, a DSN inside other text); anything else is kept as is.
pub fn mask_url_password(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        // The authority ends at the first `/`, `?`, `#` or whitespace; the userinfo at its last `@`.
        let end = after
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(after.len());
        let authority = &after[..end];
        match authority.rfind('@') {
            Some(at_sign) => {
                let userinfo = &authority[..at_sign];
                match userinfo.find(':') {
                    Some(colon) => {
                        out.push_str(&userinfo[..=colon]);
                        out.push_str(MASK);
                    }
                    None => out.push_str(userinfo),
                }
                out.push_str(&authority[at_sign..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn names_that_look_secret() {
        for name in [
            "POSTGRES_PASSWORD",
            "api_token",
            "AWS_SECRET_ACCESS_KEY",
            "SSH_KEYFILE",
            "Db_Password_File",
            "keycloak_url",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in ["LOG_LEVEL", "DATABASE_URL", "PASSWD", "MONKEY_ISLAND_PORT"] {
            assert_eq!(looks_secret(name), name.contains("KEY"), "{name}");
        }
    }

    #[test]
    fn changes_name_each_variable_and_hide_secret_values() {
        let swarm = env(&[
            ("LOG_LEVEL", "info"),
            ("API_TOKEN", "old-token"),
            ("GONE", "x"),
            ("SAME", "1"),
        ]);
        let spec = env(&[
            ("LOG_LEVEL", "debug"),
            ("API_TOKEN", "new-token"),
            ("NEW", "2"),
            ("DB_PASSWORD", "hunter2"),
            ("SAME", "1"),
        ]);
        let changes = env_changes(&swarm, &spec);
        type Summary<'a> = (
            &'a str,
            EnvChangeKind,
            Option<&'a str>,
            Option<&'a str>,
            bool,
        );
        let summary: Vec<Summary> = changes
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.change,
                    c.swarm.as_deref(),
                    c.spec.as_deref(),
                    c.hidden,
                )
            })
            .collect();
        use EnvChangeKind::*;
        assert_eq!(
            summary,
            [
                ("API_TOKEN", Changed, None, None, true),
                ("DB_PASSWORD", Added, None, None, true),
                ("GONE", Removed, Some("x"), None, false),
                ("LOG_LEVEL", Changed, Some("info"), Some("debug"), false),
                ("NEW", Added, None, Some("2"), false),
            ]
        );
        let text = format!("{changes:?}");
        for secret in ["old-token", "new-token", "hunter2"] {
            assert!(!text.contains(secret), "{text}");
        }
    }

    #[test]
    fn passwords_in_urls_are_masked() {
        assert_eq!(
            mask_url_password("postgres://app:s3cret@db:5432/app?ssl=1"),
            "postgres://app:***@db:5432/app?ssl=1"
        );
        assert_eq!(
            mask_url_password("redis://:pw@cache redis://u:p@b/0"),
            "redis://:***@cache redis://u:***@b/0"
        );
        assert_eq!(
            mask_url_password("https://user@example.com/x"),
            "https://user@example.com/x"
        );
        assert_eq!(
            mask_url_password("amqp://u:p@ss:w0rd@mq"),
            "amqp://u:***@mq",
            "the last @ ends the userinfo"
        );
        for plain in ["info", "", "http://example.com", "a://", "://@"] {
            assert_eq!(mask_url_password(plain), plain);
        }
        let changes = env_changes(
            &env(&[("DATABASE_URL", "postgres://a:one@db/x")]),
            &env(&[("DATABASE_URL", "postgres://a:two@db/x")]),
        );
        assert_eq!(changes[0].swarm.as_deref(), Some("postgres://a:***@db/x"));
        assert_eq!(changes[0].spec.as_deref(), Some("postgres://a:***@db/x"));
    }
}
