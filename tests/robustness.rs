//! No input makes parsing, validating or reporting panic, and what `common::spec_check` checks
//! holds for every input: the fuzzer's seeds (every spec under tests/fixtures and examples/, with
//! the inputs it once failed on, kept in tests/fixtures/fuzz/), and thousands of deterministic
//! mutations of the seeds, alone and two files at a time. The fuzzer (`scripts/fuzz`) goes further; this
//! keeps CI covering the same ground.

mod common;

use std::path::{Path, PathBuf};

use alacrity::spec::report::Report;
use alacrity::spec::{Source, load_sources_with};
use common::spec_check;

/// xorshift64*: a tiny deterministic generator, enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that make TOML interesting: structure, quotes, escapes, odd characters.
const PIECES: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "#",
    ".",
    "-",
    "\\",
    "\\u0000",
    "é",
    "\u{feff}",
    "\u{1b}[31m",
    "\0",
    "0x7f",
    "-1",
    "1e999",
    "9999999999999999999999",
    "true",
    "[apps.x]",
    "[[apps.x.volumes]]",
    "apps.y.image = \"i\"",
    "persistent = true",
    "instances = 2",
    "label = \"a\"",
    "host_path = \"/srv/data\"",
    "container_path = \"/\"",
    "ports = [\"1:1\", \"1:1\"]",
    "node = \"\"",
    "volumes = []",
    "env = { \"\" = [] }",
    "labels = { a = 1979-05-27 }",
    "image = 1",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(12)).min(chars.len());
                chars.drain(at..end);
            }
            1 | 2 => {
                let piece = PIECES[rng.below(PIECES.len())];
                chars.splice(at..at, piece.chars());
            }
            _ => {
                let end = (at + rng.below(40)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
        }
    }
    chars.into_iter().collect()
}

/// Every regular file under `dir`, recursively, in name order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if path.is_file() {
            files.push(path);
        }
    }
    files
}

/// The fuzzer's seeds (scripts/fuzz copies the same): every .toml file under tests/fixtures and
/// examples/, as bytes (some are not UTF-8 on purpose).
fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["tests/fixtures", "examples"]
        .iter()
        .flat_map(|dir| files_under(&root.join(dir)))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

#[test]
fn every_seed_passes_the_checks() {
    let seeds = seeds();
    assert!(seeds.len() > 100, "only {} seeds", seeds.len());
    for (path, bytes) in &seeds {
        eprintln!("{}", path.display());
        spec_check::check(bytes);
    }
}

/// One byte anywhere, now and then: mutations that are not UTF-8 any more.
fn mutate_bytes(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = mutate(text, rng).into_bytes();
    if rng.below(8) == 0 {
        let at = rng.below(bytes.len() + 1);
        bytes.insert(at, rng.next() as u8);
    }
    bytes
}

#[test]
fn mutated_specs_pass_the_checks() {
    let seeds: Vec<String> = seeds()
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let mut rng = Rng(0x5eed_a1ac_2026);
    for round in 0..4000 {
        let bytes = mutate_bytes(&seeds[rng.below(seeds.len())], &mut rng);
        let result = std::panic::catch_unwind(|| spec_check::check(&bytes));
        if result.is_err() {
            panic!(
                "round {round}: the input was {:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}

/// Two files at a time: rules across files (duplicate apps, shared labels, paths and ports).
#[test]
fn mutated_pairs_of_specs_never_panic() {
    let host = spec_check::fake_host();
    let seeds: Vec<String> = seeds()
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let mut rng = Rng(0x5eed_2f11_e5e5);
    for round in 0..2000 {
        let first = mutate(&seeds[rng.below(seeds.len())], &mut rng);
        let second = mutate(&seeds[rng.below(seeds.len())], &mut rng);
        let sources = vec![Source::new("a.toml", first), Source::new("b.toml", second)];
        if let Err(invalid) = load_sources_with(sources, &host, &spec_check::fake_inputs()) {
            assert!(!invalid.diagnostics.is_empty(), "round {round}");
            for diagnostic in &invalid.diagnostics {
                assert!(!diagnostic.to_string().is_empty());
            }
            serde_json::to_string(&Report::invalid(&invalid)).unwrap();
        }
    }
}
