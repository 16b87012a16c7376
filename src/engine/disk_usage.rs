//! The sizes of a node's volumes, from the engine's disk usage (`GET /system/df`).
//!
//! Made without bollard's types (see `raw`): engines before API 1.52 answer with a `Volumes` list
//! that bollard's current response type has no field for (it expects the newer
//! `VolumeUsage.Items`), so the answer is read as plain JSON and both shapes are understood.
//! It is slow (the engine measures every volume), hence only on request (`volumes ls --size`).

use std::collections::HashMap;
use std::time::Duration;

use anyhow::Context;
use serde_json::Value;

use super::Engine;

/// Measuring every volume can take a while on a big node.
const DF_TIMEOUT: Duration = Duration::from_secs(300);

impl Engine {
    /// The size in bytes of each volume of this engine's node, by name (volumes the engine did
    /// not measure are left out).
    pub(crate) async fn volume_sizes(&self) -> anyhow::Result<HashMap<String, u64>> {
        let body = self
            .raw_get("/system/df?type=volume&verbose=1", DF_TIMEOUT)
            .await
            .with_context(|| {
                format!(
                    "cannot read the volumes' sizes from the engine at {} (`docker system df -v` \
                     shows them too)",
                    self.address
                )
            })?;
        let usage: Value =
            serde_json::from_slice(&body).context("the engine's disk usage answer is not JSON")?;
        Ok(sizes_of(&usage))
    }
}

/// Sizes from either shape of the answer: `Volumes: [...]` (API < 1.52) or
/// `VolumeUsage: {Items: [...]}`.
fn sizes_of(usage: &Value) -> HashMap<String, u64> {
    let volumes = usage
        .get("Volumes")
        .or_else(|| usage.pointer("/VolumeUsage/Items"))
        .and_then(Value::as_array);
    volumes
        .into_iter()
        .flatten()
        .filter_map(|volume| {
            let name = volume.get("Name")?.as_str()?;
            // -1 means "not measured".
            let size = volume.pointer("/UsageData/Size")?.as_i64()?;
            Some((name.to_string(), u64::try_from(size).ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_of_the_answer_give_sizes() {
        let old = serde_json::json!({
            "Volumes": [
                {"Name": "alacran--a", "UsageData": {"Size": 4096, "RefCount": 1}},
                {"Name": "alacran--b", "UsageData": {"Size": -1, "RefCount": 0}},
            ]
        });
        let new = serde_json::json!({
            "VolumeUsage": {"Items": [{"Name": "alacran--a", "UsageData": {"Size": 4096}}]}
        });
        assert_eq!(sizes_of(&old), HashMap::from([("alacran--a".into(), 4096)]));
        assert_eq!(sizes_of(&new), HashMap::from([("alacran--a".into(), 4096)]));
        assert!(sizes_of(&serde_json::json!({})).is_empty());
    }
}
