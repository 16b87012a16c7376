//! What a spec reads besides its own files, seen through a trait so that the rest of the spec
//! stays pure (tests and the fuzzer use a fake): the env files its apps name, and alacrity's own
//! environment, where an env file's `NAME` lines take their values.

use std::ffi::OsString;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest env file read (as for a spec file: a bigger one is the wrong file).
pub const MAX_ENV_FILE_BYTES: u64 = super::MAX_SPEC_BYTES;

/// Env files and the environment, as the loader needs them.
pub trait Inputs {
    /// The bytes of a file, at most `MAX_ENV_FILE_BYTES + 1` of them (more means too large).
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// A variable of the environment alacrity runs in.
    fn var(&self, name: &str) -> Option<OsString>;
}

/// This machine's files and this process's environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealInputs;

impl Inputs for RealInputs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        std::fs::File::open(path)?
            .take(MAX_ENV_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn var(&self, name: &str) -> Option<OsString> {
        // `var_os` may panic on a name the platform cannot look up.
        if name.is_empty() || name.contains(['=', '\0']) {
            return None;
        }
        std::env::var_os(name)
    }
}

/// Files and variables for tests: the ones given, nothing else.
#[derive(Debug, Clone, Default)]
pub struct FakeInputs {
    files: Vec<(PathBuf, Vec<u8>)>,
    vars: Vec<(String, OsString)>,
}

impl FakeInputs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn file(mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.push((path.into(), bytes.into()));
        self
    }

    pub fn var(mut self, name: &str, value: impl Into<OsString>) -> Self {
        self.vars.push((name.to_string(), value.into()));
        self
    }
}

impl Inputs for FakeInputs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .iter()
            .find(|(file, _)| file == path)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }

    fn var(&self, name: &str) -> Option<OsString> {
        self.vars
            .iter()
            .find(|(var, _)| var == name)
            .map(|(_, value)| value.clone())
    }
}
