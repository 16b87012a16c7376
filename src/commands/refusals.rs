//! A refused plan in words: each problem the core found, what it means and what to do, with
//! the spec's problems pointed at its lines (rule-6 and port diagnostics, exit 2) and the
//! others as a refusal of the swarm (exit 1).

use std::fmt::Write as _;

use crate::core::labels;
use crate::core::nodes::{Node, NodeLookup};
use crate::core::plan::{Problem, ProblemKind, Refused};
use crate::exit::{Reason, Refusal};
use crate::spec::model::volume_name;
use crate::spec::{Diagnostic, Invalid, Part, RuleId, Spec, VolumeSource};

/// A refused plan as the error to report: data or a port that a deployed app already uses is a
/// diagnostic pointing at the spec's line (exit 2); the other problems are put into words, exit
/// 2 when the spec must change (an unknown node), else 1.
pub fn with_positions(err: anyhow::Error, spec: &Spec) -> anyhow::Error {
    let refused = match err.downcast::<Refused>() {
        Ok(refused) => refused,
        Err(err) => return err,
    };
    let (shared, others): (Vec<Problem>, Vec<Problem>) =
        refused.problems.into_iter().partition(|p| {
            matches!(
                p.kind,
                ProblemKind::SharedData { .. } | ProblemKind::PortTaken { .. }
            )
        });
    let diagnostics: Vec<_> = shared
        .iter()
        .filter_map(|p| spec_diagnostic(p, spec))
        .collect();
    if diagnostics.is_empty() {
        return refusal(&others);
    }
    let invalid = Invalid { diagnostics };
    if others.is_empty() {
        return invalid.into();
    }
    anyhow::Error::new(invalid).context(refusal_of(&others))
}

/// The error for problems: invalid input (exit 2) if any needs the spec changed, else a refusal
/// at run time (exit 1).
pub fn refusal(problems: &[Problem]) -> anyhow::Error {
    refusal_of(problems).into()
}

/// The problems as a typed refusal: its text, and each problem with its app.
fn refusal_of(problems: &[Problem]) -> Refusal {
    Refusal {
        text: refused_text(problems),
        reasons: problems
            .iter()
            .map(|problem| Reason {
                app: problem.app.clone(),
                message: problem_text(problem),
            })
            .collect(),
        invalid: problems.iter().any(Problem::is_invalid_spec),
    }
}

/// Every problem, one a line, and that nothing was changed.
pub fn refused_text(problems: &[Problem]) -> String {
    let mut text = match problems.len() {
        1 => "cannot deploy:".to_string(),
        count => format!("cannot deploy ({count} problems):"),
    };
    for problem in problems {
        match &problem.app {
            Some(app) => write!(text, "\n  app `{app}`: {}", problem_text(problem)),
            None => write!(text, "\n  {}", problem_text(problem)),
        }
        .unwrap_or_default();
    }
    text.push_str("\n  nothing was changed");
    text
}

/// One problem in words: what is wrong, and what to do.
pub fn problem_text(problem: &Problem) -> String {
    let app = problem.app.as_deref().unwrap_or_default();
    match &problem.kind {
        ProblemKind::SharedData {
            ours,
            theirs,
            other,
            ..
        } => shared_message(ours, theirs, other),
        ProblemKind::PortTaken {
            published,
            other,
            managed,
            ..
        } => {
            let remove = match managed {
                true => format!("`alacrity apps rm {other}`"),
                false => format!("`docker service rm {other}`"),
            };
            format!(
                "port {}/{} is already published by the {} `{other}`: a port is published \
                 once in the swarm; pick another published port (the first number), or \
                 remove `{other}` first ({remove})",
                published.published,
                published.protocol,
                if *managed { "deployed app" } else { "service" },
            )
        }
        ProblemKind::UnknownNode { lookup, nodes } => node_lookup_text(lookup, nodes),
        ProblemKind::UnmanagedService => format!(
            "a service named `{app}` exists but alacrity did not deploy it (it lacks the label \
             {}=true), so alacrity leaves it untouched; rename the app, or remove that service \
             yourself if it is no longer needed (`docker service rm {app}`)",
            labels::MANAGED
        ),
        ProblemKind::UnmanagedVolume { label } => {
            let name = volume_name(label);
            format!(
                "the volume `{name}` exists but alacrity did not create it (it lacks the label \
                 {}=true), so alacrity will not use it; choose another label, or check the \
                 volume with `docker volume inspect {name}`",
                labels::MANAGED
            )
        }
        ProblemKind::Swarm(text) => text.clone(),
        ProblemKind::Image {
            image,
            registry,
            failure,
        } => super::images::refused_text(image, registry, failure),
    }
}

/// An unknown or ambiguous `node`, with the nodes to choose from.
pub fn node_lookup_text(lookup: &NodeLookup, nodes: &[Node]) -> String {
    let wanted = &lookup.wanted;
    match lookup.same_hostname {
        0 => format!(
            "there is no node `{wanted}` in the swarm; use a hostname or ID of one of these:\n{}",
            node_table(nodes)
        ),
        count => format!(
            "node `{wanted}` is ambiguous: {count} nodes have that hostname; use the node ID \
             instead:\n{}",
            node_table(nodes)
        ),
    }
}

/// The nodes, one a line: ID, hostname, role, state.
pub fn node_table(nodes: &[Node]) -> String {
    let mut text = String::new();
    for node in nodes {
        let _ = writeln!(
            text,
            "  {}  {}  ({}, {}, {})",
            node.id, node.hostname, node.role, node.state, node.availability
        );
    }
    text.trim_end().to_string()
}

/// The diagnostic of a problem the spec must fix, at the line of the volume or port at fault.
fn spec_diagnostic(problem: &Problem, spec: &Spec) -> Option<Diagnostic> {
    let app = problem.app.as_deref()?;
    let message = problem_text(problem);
    match &problem.kind {
        ProblemKind::SharedData { volume, .. } => {
            let rule = match spec.app(app)?.volumes.get(*volume)?.source {
                VolumeSource::Label(_) => RuleId::LabelShared,
                VolumeSource::HostPath(_) => RuleId::HostPathShared,
            };
            Some(spec.diagnostic(app, Part::Volume(*volume), rule, &message))
        }
        ProblemKind::PortTaken { port, .. } => {
            spec.app(app)?.ports.get(*port)?;
            Some(spec.diagnostic(app, Part::Port(*port), RuleId::PortDuplicate, &message))
        }
        _ => None,
    }
}

fn shared_message(ours: &VolumeSource, theirs: &VolumeSource, other: &str) -> String {
    let what = match (ours, theirs) {
        (VolumeSource::Label(label), _) => format!("the volume label `{label}` ({ours}) is"),
        (VolumeSource::HostPath(path), VolumeSource::HostPath(their)) if path != their => {
            let relation = if path.starts_with(their) {
                "is inside"
            } else {
                "contains"
            };
            format!(
                "the host directory {} {relation} {}, which is",
                path.display(),
                their.display()
            )
        }
        (VolumeSource::HostPath(path), _) => format!("the host directory {} is", path.display()),
    };
    format!(
        "{what} already used by the deployed app `{other}`: two apps on one data directory \
         corrupt it; use another one, or remove `{other}` first (`alacrity apps rm {other}`)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::nodes::tests::node;

    fn problem(kind: ProblemKind) -> Problem {
        Problem {
            app: Some("web".into()),
            kind,
        }
    }

    #[test]
    fn an_unknown_or_ambiguous_node_lists_the_nodes() {
        let nodes = [node("abc111", "one"), node("abd222", "two")];
        let lookup = |wanted: &str, same_hostname| NodeLookup {
            wanted: wanted.into(),
            same_hostname,
        };
        let text = node_lookup_text(&lookup("three", 0), &nodes);
        assert!(text.contains("no node `three`"), "{text}");
        assert!(
            text.contains("abc111  one") && text.contains("abd222  two"),
            "{text}"
        );
        let text = node_lookup_text(&lookup("same", 2), &nodes);
        assert!(
            text.contains("ambiguous") && text.contains("use the node ID"),
            "{text}"
        );
    }

    #[test]
    fn refusals_are_exit_1_and_problems_of_the_spec_exit_2() {
        let unmanaged = problem(ProblemKind::UnmanagedService);
        let err = refusal(std::slice::from_ref(&unmanaged));
        assert_eq!(crate::exit::status_for(&err).code(), 1);
        let text = err.to_string();
        assert!(text.contains("leaves it untouched") && text.contains("nothing was changed"));
        let shared = problem(ProblemKind::SharedData {
            volume: 0,
            ours: VolumeSource::HostPath("/srv/x/y".into()),
            theirs: VolumeSource::HostPath("/srv/x".into()),
            other: "old-db".into(),
        });
        assert!(problem_text(&shared).contains("/srv/x/y is inside /srv/x"));
        assert!(problem_text(&shared).contains("`alacrity apps rm old-db`"));
        let err = refusal(&[unmanaged, shared]);
        assert_eq!(crate::exit::status_for(&err).code(), 2);
        assert!(err.to_string().starts_with("cannot deploy (2 problems):"));
    }

    #[test]
    fn a_port_taken_says_who_publishes_it_and_how_to_free_it() {
        let taken = problem(ProblemKind::PortTaken {
            port: 0,
            published: "8090:80".parse().unwrap(),
            other: "site".into(),
            managed: false,
        });
        let text = problem_text(&taken);
        assert!(text.contains("port 8090/tcp is already published by the service `site`"));
        assert!(text.contains("`docker service rm site`"), "{text}");
    }
}
