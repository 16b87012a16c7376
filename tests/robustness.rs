//! No input makes parsing, validating or reporting panic: thousands of mutated specs (from the
//! examples and fixtures) go through `load_sources`, and every diagnostic is rendered as text and
//! JSON. A deterministic seed keeps failures reproducible; a real fuzzer goes further.

use std::path::Path;

use alacrity::spec::report::Report;
use alacrity::spec::{FakeHostFs, Source, load_sources};

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

fn seeds() -> Vec<String> {
    let mut seeds = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures/valid",
        "tests/fixtures/invalid",
        "tests/fixtures/errors",
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                seeds.push(text);
            }
        }
    }
    seeds
}

#[test]
fn mutated_specs_never_panic() {
    let host = FakeHostFs::new().dir("/srv/data").file("/srv/file");
    let seeds = seeds();
    let mut rng = Rng(0x5eed_a1ac_2026);
    for round in 0..4000 {
        let first = mutate(&seeds[rng.below(seeds.len())], &mut rng);
        let second = mutate(&seeds[rng.below(seeds.len())], &mut rng);
        let sources = vec![Source::new("a.toml", first), Source::new("b.toml", second)];
        if let Err(invalid) = load_sources(sources.clone(), &host) {
            assert!(!invalid.diagnostics.is_empty(), "round {round}");
            for diagnostic in &invalid.diagnostics {
                assert!(!diagnostic.to_string().is_empty());
            }
            serde_json::to_string(&Report::invalid(&invalid)).unwrap();
        }
    }
}
