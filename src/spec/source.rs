//! A spec file's text, and turning byte offsets into line:column positions for diagnostics.
//!
//! Every lookup costs a binary search and a short scan, whatever the size of the file: a
//! generated spec with one very long line and thousands of errors on it must not make reporting
//! quadratic.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where a problem is: 1-based line and column (in characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The offending line of a file, and which characters of it to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The line (or, for a long one, the part around the fault), tabs turned into spaces so that
    /// the caret lines up, and characters a terminal would not show plainly replaced by U+FFFD.
    pub text: String,
    /// 1-based column of the first underlined character.
    pub column: usize,
    /// How many characters to underline (at least 1).
    pub width: usize,
}

/// One spec file as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Byte offset where each line starts; always starts with 0.
    line_starts: Vec<usize>,
    /// About every `CHECKPOINT` bytes, a char boundary and the number of characters before it,
    /// so that counting the characters before an offset scans at most `CHECKPOINT` bytes.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two checkpoints.
const CHECKPOINT: usize = 1024;

/// The byte-order mark: invisible in editors, so it takes no column at the start of a file.
const BOM: char = '\u{feff}';

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let mut checkpoints = vec![(0, 0)];
        for (count, (at, _)) in text.char_indices().enumerate() {
            if at >= checkpoints[checkpoints.len() - 1].0 + CHECKPOINT {
                checkpoints.push((at, count));
            }
        }
        Source {
            path: path.into(),
            text,
            line_starts,
            checkpoints,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line and column of a byte offset; offsets past the end point just after the last character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let index = self.line_index(offset);
        Position {
            line: index + 1,
            column: self.chars_between(self.visible_start(index), offset) + 1,
        }
    }

    /// The line holding the start of `span`, with the part of `span` on that line underlined.
    /// A long line (minified, generated) is cut to a window around the fault.
    pub fn snippet(&self, span: Range<usize>) -> Snippet {
        let start = self.floor_char_boundary(span.start);
        let index = self.line_index(start);
        let line_start = self.visible_start(index);
        let line_end = line_start.max(self.line_end(index));
        // A span may start in the line ending (a trailing \r) or the BOM: it is shown at the
        // nearest character of the line's text.
        let start = start.clamp(line_start, line_end);
        let end = self.floor_char_boundary(span.end.clamp(start, line_end));
        let column = self.chars_between(line_start, start);
        let length = column + self.chars_between(start, line_end);
        let width = self.text[start..end]
            .chars()
            .take(SNIPPET_WIDTH)
            .count()
            .max(1);
        if length <= SNIPPET_WIDTH {
            return Snippet {
                text: self.text[line_start..line_end]
                    .chars()
                    .map(printable)
                    .collect(),
                column: column + 1,
                width,
            };
        }
        // Up to SNIPPET_CONTEXT characters before the fault, SNIPPET_WIDTH in all.
        let from = self.text[line_start..start]
            .char_indices()
            .rev()
            .take(SNIPPET_CONTEXT)
            .last()
            .map_or(start, |(at, _)| line_start + at);
        let before = self.chars_between(from, start);
        let to = self.text[from..line_end]
            .char_indices()
            .nth(SNIPPET_WIDTH)
            .map_or(line_end, |(at, _)| from + at);
        let cut_before = if from > line_start { "..." } else { "" };
        let cut_after = if to < line_end { "..." } else { "" };
        let shown: String = self.text[from..to].chars().map(printable).collect();
        Snippet {
            text: format!("{cut_before}{shown}{cut_after}"),
            column: cut_before.len() + before + 1,
            width: width.min(self.chars_between(start, to).max(1)),
        }
    }

    /// Index of the line holding `offset` (which must be a char boundary within the text).
    fn line_index(&self, offset: usize) -> usize {
        // line_starts[0] == 0 <= offset, so the partition point is at least 1.
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Where the visible text of a line starts: after the BOM on the first line.
    fn visible_start(&self, index: usize) -> usize {
        let start = self.line_starts[index];
        if start == 0 && self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            start
        }
    }

    /// Where the text of a line ends, before its line ending (`\n`, `\r\n`, or stray `\r`s).
    fn line_end(&self, index: usize) -> usize {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        start + self.text[start..end].trim_end_matches('\r').len()
    }

    /// How many characters lie between two byte offsets (`from` <= `to`, both char boundaries
    /// or not: they are moved back to one).
    fn chars_between(&self, from: usize, to: usize) -> usize {
        let (from, to) = (self.floor_char_boundary(from), self.floor_char_boundary(to));
        self.chars_before(to)
            .saturating_sub(self.chars_before(from))
    }

    /// How many characters come before a char boundary.
    fn chars_before(&self, offset: usize) -> usize {
        // checkpoints[0] == (0, 0), so the partition point is at least 1.
        let index = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, count) = self.checkpoints[index];
        count + self.text[at..offset].chars().count()
    }

    /// `offset` clamped to the text and moved back to a char boundary, so slicing never panics.
    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Longest snippet shown, in characters, and how much of it goes before the fault.
const SNIPPET_WIDTH: usize = 100;
const SNIPPET_CONTEXT: usize = 30;

/// A character as it may be shown on a terminal: a tab as one space (so that the caret lines up),
/// control characters and invisible ones (zero-width spaces, bidirectional overrides) as U+FFFD,
/// so that a spec can neither drive the terminal nor hide or reorder what it shows.
fn printable(c: char) -> char {
    match c {
        '\t' => ' ',
        c if is_hidden(c) => '\u{fffd}',
        c => c,
    }
}

/// Whether a character would not show as itself on a terminal: a control character, or one
/// that Rust's debug escaping escapes (format characters such as U+202E RIGHT-TO-LEFT OVERRIDE
/// and U+200B ZERO WIDTH SPACE, unusual spaces, unassigned and private-use code points).
pub(crate) fn is_hidden(c: char) -> bool {
    if matches!(c, '"' | '\'' | '\\') {
        return false;
    }
    // After a letter, so that a combining accent counts as shown (it is, on the letter).
    let mut text = String::with_capacity(8);
    text.push('a');
    text.push(c);
    text.escape_debug().nth(1) == Some('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_in_characters() {
        let source = Source::new("a.toml", "ab\né = \"x\"\r\nlast");
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        assert_eq!(source.position(3), Position { line: 2, column: 1 });
        // `=` is the third character of line 2, but its fourth byte (é is two bytes).
        assert_eq!(source.position(6), Position { line: 2, column: 3 });
        assert_eq!(source.position(13), Position { line: 3, column: 1 });
    }

    /// Columns counted from checkpoints agree with counting from the start of each line.
    #[test]
    fn positions_on_long_lines_with_wide_characters_are_exact() {
        let line: String = (0..3000).map(|i| ['a', 'é', '€', '😀'][i % 4]).collect();
        let text = format!("x\n{line}\n\u{feff}{line}");
        let source = Source::new("a.toml", text.as_str());
        for (offset, _) in text.char_indices() {
            let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
            let expected = Position {
                line: text[..offset].matches('\n').count() + 1,
                column: text[line_start..offset].chars().count() + 1,
            };
            assert_eq!(source.position(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn a_byte_order_mark_counts_only_at_the_start_of_the_file() {
        let source = Source::new("a.toml", "\u{feff}x\n\u{feff}y");
        assert_eq!(source.position(3), Position { line: 1, column: 1 });
        assert_eq!(source.position(8), Position { line: 2, column: 2 });
        assert_eq!(source.snippet(8..9).text, "\u{fffd}y");
    }

    #[test]
    fn invisible_and_reordering_characters_are_shown_as_replacements() {
        let source = Source::new("a.toml", "a\u{202e}b\u{200b}c e\u{301}");
        assert_eq!(source.snippet(0..1).text, "a\u{fffd}b\u{fffd}c e\u{301}");
        assert!(is_hidden('\u{2066}') && is_hidden('\0') && is_hidden('\u{85}'));
        assert!(!is_hidden('"') && !is_hidden('é') && !is_hidden('\u{301}') && !is_hidden('😀'));
    }

    #[test]
    fn a_span_in_a_trailing_carriage_return_does_not_panic() {
        let source = Source::new("a.toml", "[apps.x]\nimage=\"x\"\r");
        let snippet = source.snippet(19..19);
        assert_eq!((snippet.text.as_str(), snippet.width), ("image=\"x\"", 1));
        let snippet = source.snippet(18..30);
        assert_eq!(snippet.column, 10);
    }

    #[test]
    fn long_lines_are_cut_around_the_fault() {
        let line = format!("x = [{}\"bad\"]", "1, ".repeat(1000));
        let source = Source::new("a.toml", line.as_str());
        let at = line.find("\"bad").unwrap();
        let snippet = source.snippet(at..at + 5);
        assert!(snippet.text.starts_with("...") && snippet.text.len() < 120);
        let underlined: String = snippet
            .text
            .chars()
            .skip(snippet.column - 1)
            .take(5)
            .collect();
        assert_eq!(underlined, "\"bad\"");
    }

    #[test]
    fn control_characters_are_not_shown_raw() {
        let source = Source::new("a.toml", "\u{1b}[31m = 1");
        assert_eq!(source.snippet(0..1).text, "\u{fffd}[31m = 1");
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let source = Source::new("a.toml", "\u{feff}[apps.x]");
        assert_eq!(source.position(3), Position { line: 1, column: 1 });
        assert_eq!(source.snippet(3..4).text, "[apps.x]");
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_do_not_panic() {
        let source = Source::new("a.toml", "é");
        assert_eq!(source.position(1), Position { line: 1, column: 1 });
        assert_eq!(source.position(99), Position { line: 1, column: 2 });
        assert_eq!(source.snippet(99..200).width, 1);
        assert_eq!(
            Source::new("e", "").position(5),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn snippets_underline_the_span_on_its_first_line() {
        let source = Source::new("a.toml", "x = 1\n\tinstances = 3\r\n");
        let snippet = source.snippet(7..16);
        assert_eq!(snippet.text, " instances = 3");
        assert_eq!((snippet.column, snippet.width), (2, 9));
        // A span running over several lines is cut at the end of its first line.
        assert_eq!(source.snippet(0..20).width, 5);
    }
}
