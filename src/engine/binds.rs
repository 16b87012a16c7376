//! Host directories that apps bind-mounted, as the swarm records them (one record per path and
//! node; see `records`). The directories themselves are looked at and removed by alacrity on the
//! machine it runs on (`crate::hostdir`), never through the engine.

use std::path::PathBuf;

use anyhow::Context;

use super::Engine;
use super::data::DataAccess;
use crate::core::records::BindRecord;

impl DataAccess {
    /// Every recorded host directory, from the manager.
    pub async fn bind_records(&self) -> anyhow::Result<Vec<BindRecord>> {
        self.manager.bind_records().await
    }

    /// Drops the record of a host directory; the directory stays as it is.
    pub async fn forget_bind(&self, record: &BindRecord) -> anyhow::Result<()> {
        self.manager.forget_bind(record).await
    }
}

impl Engine {
    /// The engine's own data directory (volumes, images, containers, its swarm state).
    pub(crate) async fn data_root(&self) -> anyhow::Result<Option<PathBuf>> {
        let info = self
            .info()
            .await
            .context("cannot read the engine's data directory (`docker info`)")?;
        Ok(info.docker_root_dir.clone().map(PathBuf::from))
    }
}
