//! The decisions, in the product's words, with no I/O: no Docker client, no tokio, no file
//! system. They take what the engine adapter (`crate::engine`) read from the swarm (bollard's
//! model types are used as plain data) and return facts; commands and the printer put the facts
//! into words.
//!
//! - `labels`: the labels and records alacrity writes into the swarm (the contract).
//! - `mapping`: an app <-> its service spec, both ways; hashes.
//! - `nodes`: the swarm's nodes; finding one by hostname or ID; a node's trouble.
//! - `services`: a deployed app read back from its service.
//! - `resources`: the states of the shared network and of managed volumes.
//! - `records`: the records of persistent data, read from swarm configs, and when one is
//!   replaced.
//! - `plan`: what a deploy does, app by app, from a snapshot of the swarm, with every refusal.
//! - `env`: the environment variables a deploy changes, and which values may be shown.
//! - `apply`: the writes a plan needs.
//! - `writers`: one writer on persistent data (the containers still on an app's data).
//! - `tasks`: swarm tasks and service updates as facts (a task that may still run, its reason).
//! - `converge`: whether deployed apps have converged (verdicts from services and tasks).
//! - `health`: how deployed apps are doing across the nodes.
//! - `rollback`: whether an app may return to its previous spec, and what to wait for then.
//! - `images`: an image's registry, when a tag is resolved to its digest, what a failed
//!   resolution means.
//! - `files`: secrets and config files: their swarm objects' names, labels, which are unused.
//! - `host_paths`: the host paths a plan needs looked at on their node, and from where.
//! - `usage`: who uses a volume or a host directory.
//! - `volumes`: the managed volumes alacrity knows of, and whether one may be removed.
//! - `lock`: who holds the swarm-wide lock, and whether the holder is gone.
//! - `manifest`: the entries of a tree, and what differs between two (a copy verified).
//! - `portable`: backing up and restoring data: which node holds it, whether it may be
//!   copied while in use, a copy's progress in words.
//! - `logs`: the frames and lines of a service's log stream, and where each line comes from.

pub mod apply;
pub mod converge;
pub mod env;
pub mod files;
pub mod health;
pub mod host_paths;
pub mod images;
pub mod labels;
pub mod lock;
pub mod logs;
pub mod manifest;
pub mod mapping;
pub mod nodes;
pub mod plan;
pub mod portable;
pub mod records;
pub mod resources;
pub mod rollback;
pub mod services;
pub mod tasks;
pub mod usage;
pub mod volumes;
pub mod writers;
