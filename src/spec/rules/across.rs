//! Rules across every app of every file given: what two apps may not share.
//!
//! Each clash is reported once, at the later place, and names the earlier one (file:line:column),
//! so both are found. Apps are told apart by where they are declared, not by name: two apps of
//! the same name in two files are still two apps (and an `app-duplicate` error).

use std::collections::BTreeMap;
use std::ops::{Bound, Range};
use std::path::{Path, PathBuf};

use super::volume::host_path_identity;
use super::{ParsedFile, location};
use crate::spec::diagnostic::{Diagnostic, shorten};
use crate::spec::model::{Port, Protocol};
use crate::spec::paths::{HostFs, is_within};
use crate::spec::raw::RawApp;
use crate::spec::rule_id::RuleId;

/// One place in the files: which app, and where.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a ParsedFile,
    app: &'a RawApp,
    span: &'a Range<usize>,
}

impl Place<'_> {
    fn same_app(&self, other: &Place<'_>) -> bool {
        std::ptr::eq(self.app, other.app)
    }

    fn location(&self) -> String {
        location(&self.file.source, self.span)
    }

    fn error(&self, rule: RuleId, message: String, hint: &str) -> Diagnostic {
        Diagnostic::at(rule, &self.file.source, self.span.clone(), message)
            .app(&self.app.name)
            .hint(hint)
    }
}

pub(super) fn check(files: &[ParsedFile], host: &dyn HostFs, out: &mut Vec<Diagnostic>) {
    let apps: Vec<(&ParsedFile, &RawApp)> = files
        .iter()
        .flat_map(|file| file.apps.iter().map(move |app| (file, app)))
        .collect();
    app_names(&apps, out);
    labels(&apps, out);
    host_paths(&apps, host, out);
    ports(&apps, out);
}

fn app_names(apps: &[(&ParsedFile, &RawApp)], out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, Place<'_>> = BTreeMap::new();
    for &(file, app) in apps {
        let place = Place {
            file,
            app,
            span: &app.name_span,
        };
        match seen.get(app.name.as_str()) {
            Some(first) => out.push(place.error(
                RuleId::AppDuplicate,
                format!("the app is also declared at {}", first.location()),
                "rename one of them: an app is a swarm service, and its name is unique in the swarm",
            )),
            None => {
                seen.insert(&app.name, place);
            }
        }
    }
}

fn labels(apps: &[(&ParsedFile, &RawApp)], out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, Place<'_>> = BTreeMap::new();
    for &(file, app) in apps {
        for label in app.volumes().iter().filter_map(|v| v.label.as_ref()) {
            let place = Place {
                file,
                app,
                span: &label.span,
            };
            match seen.get(label.value.as_str()) {
                Some(first) if !first.same_app(&place) => out.push(place.error(
                    RuleId::LabelShared,
                    format!(
                        "the label \"{}\" is also used by app `{}` at {}",
                        label.value,
                        shorten(&first.app.name),
                        first.location()
                    ),
                    "give each app its own label: two apps writing the same data corrupt it; \
                     to share data, let one app own it and serve it to the other",
                )),
                Some(_) => {}
                None => {
                    seen.insert(&label.value, place);
                }
            }
        }
    }
}

/// Host paths clash when they are the same directory (after resolving symlinks) or one is
/// inside the other: either way two apps write the same files. Each clash is reported against
/// the earliest path of another app that it clashes with.
fn host_paths(apps: &[(&ParsedFile, &RawApp)], host: &dyn HostFs, out: &mut Vec<Diagnostic>) {
    let mut seen = SeenPaths::default();
    for &(file, app) in apps {
        for field in app.volumes().iter().filter_map(|v| v.host_path.as_ref()) {
            let Some(path) = host_path_identity(&field.value, host) else {
                continue;
            };
            let place = Place {
                file,
                app,
                span: &field.span,
            };
            if let Some((other, first)) = seen.clash(&path, &place) {
                out.push(place.error(
                    RuleId::HostPathShared,
                    shared_path_message(&path, other, first),
                    "give each app its own directory: two apps writing the same files corrupt \
                     them; to share data, let one app own it and serve it to the other",
                ));
            }
            seen.insert(path, place);
        }
    }
}

/// The host paths seen so far, sorted so that a path's ancestors are found by lookup and its
/// descendants by one range (`Path` orders by component: `/a`, `/a/b`, `/a/c`, `/a-b`): no
/// quadratic scan of every earlier path, however many apps a spec declares.
#[derive(Default)]
struct SeenPaths<'a> {
    /// For each path: its first place, and the first place of another app (all a clash needs).
    paths: BTreeMap<PathBuf, (Seen<'a>, Option<Seen<'a>>)>,
    count: usize,
}

/// A place where a path was seen, and its rank in the order of the files.
#[derive(Clone, Copy)]
struct Seen<'a> {
    rank: usize,
    place: Place<'a>,
}

impl<'a> SeenPaths<'a> {
    fn insert(&mut self, path: PathBuf, place: Place<'a>) {
        let seen = Seen {
            rank: self.count,
            place,
        };
        self.count += 1;
        match self.paths.get_mut(&path) {
            None => {
                self.paths.insert(path, (seen, None));
            }
            Some((first, other @ None)) if !first.place.same_app(&place) => *other = Some(seen),
            Some(_) => {}
        }
    }

    /// The earliest place of another app whose path is `path`, inside it, or contains it.
    fn clash(&self, path: &Path, place: &Place<'_>) -> Option<(&Path, &Place<'a>)> {
        let ancestors = path
            .ancestors()
            .filter_map(|ancestor| self.paths.get_key_value(ancestor));
        let descendants = self
            .paths
            .range::<Path, _>((Bound::Excluded(path), Bound::Unbounded))
            .take_while(|(other, _)| other.starts_with(path));
        ancestors
            .chain(descendants)
            .filter_map(|(other, (first, second))| {
                let seen = [Some(first), second.as_ref()]
                    .into_iter()
                    .flatten()
                    .find(|seen| !seen.place.same_app(place))?;
                Some((other.as_path(), seen))
            })
            .min_by_key(|(_, seen)| seen.rank)
            .map(|(other, seen)| (other, &seen.place))
    }
}

fn shared_path_message(path: &Path, other: &Path, first: &Place<'_>) -> String {
    let relation = if path == other {
        "is also used by".to_string()
    } else if is_within(path, other) {
        format!(
            "is inside `{}`, used by",
            shorten(&other.display().to_string())
        )
    } else {
        format!(
            "contains `{}`, used by",
            shorten(&other.display().to_string())
        )
    };
    format!(
        "the host directory `{}` {relation} app `{}` at {}",
        path.display(),
        shorten(&first.app.name),
        first.location()
    )
}

fn ports(apps: &[(&ParsedFile, &RawApp)], out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(u16, Protocol), Place<'_>> = BTreeMap::new();
    for &(file, app) in apps {
        for field in &app.ports {
            let Ok(port) = field.value.parse::<Port>() else {
                continue;
            };
            let place = Place {
                file,
                app,
                span: &field.span,
            };
            let key = (port.published, port.protocol);
            match seen.get(&key) {
                Some(first) => out.push(place.error(
                    RuleId::PortDuplicate,
                    format!(
                        "port {}/{} is also published by {} at {}",
                        port.published,
                        port.protocol,
                        if first.same_app(&place) {
                            "this app".to_string()
                        } else {
                            format!("app `{}`", shorten(&first.app.name))
                        },
                        first.location()
                    ),
                    "publish each port once in the swarm: pick another published port \
                     (the first number), e.g. \"8081:80\"",
                )),
                None => {
                    seen.insert(key, place);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{diagnostics, host, rules, rules_on};
    use crate::spec::rule_id::RuleId::*;

    fn app(name: &str, lines: &str) -> String {
        format!("[apps.{name}]\nimage = \"x\"\n{lines}\n")
    }

    fn persistent(name: &str, volume: &str) -> String {
        app(
            name,
            &format!("persistent = true\nvolumes = [{{ {volume}, container_path = \"/data\" }}]"),
        )
    }

    #[test]
    fn app_names_are_unique_across_files() {
        let a = app("web", "");
        assert_eq!(rules_on(&[&a, &app("api", "")], &host()), []);
        assert_eq!(rules_on(&[&a, &a], &host()), [AppDuplicate]);
        let found = diagnostics(&[&a, &a], &host());
        assert_eq!(found[0].location(), "b.toml:1:7");
        assert_eq!(found[0].message, "the app is also declared at a.toml:1:7");
    }

    #[test]
    fn labels_are_not_shared_between_apps() {
        let one = persistent("one", "label = \"data\"");
        let two = persistent("two", "label = \"data\"");
        assert_eq!(
            rules(&(one.clone() + &persistent("two", "label = \"other\""))),
            []
        );
        assert_eq!(rules(&(one.clone() + &two)), [LabelShared]);
        assert_eq!(rules_on(&[&one, &two], &host()), [LabelShared]);
        // One app mounting its own volume twice shares nothing with another app.
        let twice = app(
            "one",
            "persistent = true\nvolumes = [{ label = \"data\", container_path = \"/a\" }, { label = \"data\", container_path = \"/b\" }]",
        );
        assert_eq!(rules(&twice), []);
    }

    #[test]
    fn a_clash_names_the_earliest_path_of_another_app() {
        let two_paths = app(
            "one",
            "persistent = true\nvolumes = [{ host_path = \"/srv/data/uploads\", container_path = \"/u\" }, \
             { host_path = \"/srv/data\", container_path = \"/d\" }]",
        );
        // Nested paths of one app are no clash; a later app clashes with both, and hears of the first.
        let text = two_paths + &persistent("two", "host_path = \"/srv/data\"");
        let found = diagnostics(&[&text], &host());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.starts_with(
                "the host directory `/srv/data` contains `/srv/data/uploads`, used by app `one`"
            ),
            "{}",
            found[0].message
        );
        // An app's own earlier path is skipped for another app's.
        let text = persistent("one", "host_path = \"/srv/data2\"")
            + &persistent("two", "host_path = \"/srv/data\"")
            + &app(
                "three",
                "persistent = true\nvolumes = [{ host_path = \"/srv/data/uploads\", container_path = \"/u\" }, \
                 { host_path = \"/srv/data\", container_path = \"/d\" }]",
            );
        let found = diagnostics(&[&text], &host());
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages.iter().all(|m| m.contains("used by app `two`")),
            "{messages:?}"
        );
    }

    #[test]
    fn host_paths_are_not_shared_nor_nested() {
        let one = persistent("one", "host_path = \"/srv/data\"");
        assert_eq!(
            rules(&(one.clone() + &persistent("two", "host_path = \"/srv/data2\""))),
            []
        );
        assert_eq!(
            rules(&(one.clone() + &persistent("two", "host_path = \"/srv/data/\""))),
            [HostPathShared]
        );
        let nested = one.clone() + &persistent("two", "host_path = \"/srv/data/uploads\"");
        assert_eq!(rules(&nested), [HostPathShared]);
        let found = diagnostics(&[&nested], &host());
        assert!(
            found[0]
                .message
                .contains("is inside `/srv/data`, used by app `one` at a.toml:4:")
        );
        let linked = host().link("/srv/alias", "/srv/data");
        let text = one + &persistent("two", "host_path = \"/srv/alias\"");
        assert_eq!(rules_on(&[&text], &linked), [HostPathShared]);
    }

    #[test]
    fn published_ports_are_unique_per_protocol() {
        let web = app("web", "ports = [\"8080:80\", \"53:53/udp\"]");
        assert_eq!(
            rules(&(web.clone() + &app("api", "ports = [\"8081:80\", \"53:53\"]"))),
            []
        );
        assert_eq!(
            rules(&(web.clone() + &app("api", "ports = [\"8080:8080\"]"))),
            [PortDuplicate]
        );
        assert_eq!(
            rules(&app("web", "ports = [\"80:80\", \"80:81/tcp\"]")),
            [PortDuplicate]
        );
    }
}
