//! Test hooks (see `src/testhook.rs`): hold an alacrity command at a point of its run (between
//! its checks and its writes, say) while the test acts, so that races are made, not waited for.

use std::path::{Path, PathBuf};

use crate::common::process::Running;
use crate::common::scope::Scope;
use crate::common::wait::{secs, wait_until};

/// A hook file: the command holds at the hook's point until it exists.
pub struct Hook {
    file: PathBuf,
}

impl Hook {
    pub fn new(scope: &Scope, what: &str) -> Hook {
        let file = std::env::temp_dir()
            .join("alacrity-tests")
            .join(format!("{}-hook-{what}", scope.prefix()));
        let _ = std::fs::remove_file(&file);
        let reached = reached(&file);
        let _ = std::fs::remove_file(&reached);
        scope.remove_on_drop(&file);
        scope.remove_on_drop(&reached);
        Hook { file }
    }

    /// `command` held at `point` (e.g. `planned`).
    pub fn hold(&self, command: &mut assert_cmd::Command, point: &str) -> Running {
        command.env(
            format!(
                "ALACRITY_TEST_HOOK_{}",
                point.to_uppercase().replace('-', "_")
            ),
            &self.file,
        );
        Running::start(command)
    }

    pub fn wait_reached(&self) {
        wait_until(secs(60), "the command reaches its test hook", || {
            reached(&self.file).exists()
        });
    }

    pub fn release(&self) {
        std::fs::write(&self.file, "go").expect("release the hook");
    }
}

fn reached(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".reached");
    PathBuf::from(name)
}
