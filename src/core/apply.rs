//! The writes of a deploy plan, in two rounds: first the network, every app's volumes and the
//! records of its persistent directories, all at once; then every app's service, all at once.
//! Unchanged apps are not written to.

use super::converge::Target;
use super::plan::{Action, AppPlan};

/// An app the deploy wrote (or left unchanged), ready to be waited for.
#[derive(Debug, Clone)]
pub struct Applied {
    pub name: String,
    pub action: Action,
    /// Warnings the engine returned with the write (e.g. an image it could not resolve).
    pub warnings: Vec<String>,
    pub target: Target,
}

/// An app whose writes failed.
#[derive(Debug)]
pub struct ApplyFailure {
    pub name: String,
    pub error: anyhow::Error,
}

/// A persistent app this deploy writes and that is to run: its new task must not start beside
/// another container on its data.
pub(crate) fn single_writer_matters(plan: &AppPlan) -> bool {
    plan.app.persistent
        && plan.app.instances > 0
        && !plan.app.volumes.is_empty()
        && plan.action != Action::Unchanged
}

pub(crate) fn current_id(plan: &AppPlan) -> String {
    plan.current
        .as_ref()
        .map(|current| current.service_id.clone())
        .unwrap_or_default()
}
