//! What apps share or keep besides their services: the `alacrity` overlay network and managed
//! volumes (`alacran--LABEL`). The records of persistent data are in `records`.

/// The state of the apps' network before a deploy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkState {
    Present,
    Missing,
}

/// The state of a managed volume's name on the engine alacrity talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VolumeState {
    Missing,
    /// Created by alacrity (possibly for an app since removed: its data is adopted).
    Managed,
    /// Same name, no alacrity label: never used.
    Unmanaged,
}
