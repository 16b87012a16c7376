//! A spec file's text, and turning byte offsets into line:column positions for diagnostics.

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
    /// The whole line, tabs turned into spaces so that the caret lines up.
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
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line and column of a byte offset; offsets past the end point just after the last character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let index = self.line_index(offset);
        let start = self.line_starts[index];
        Position {
            line: index + 1,
            column: self.column_of(start, offset),
        }
    }

    /// 1-based character column of `offset` on the line starting at `line_start`. A byte-order
    /// mark is invisible in editors, so it is not counted.
    fn column_of(&self, line_start: usize, offset: usize) -> usize {
        let before = &self.text[line_start..offset];
        let before = before.strip_prefix('\u{feff}').unwrap_or(before);
        before.chars().count() + 1
    }

    /// The line holding the start of `span`, with the part of `span` on that line underlined.
    /// A long line (minified, generated) is cut to a window around the fault.
    pub fn snippet(&self, span: Range<usize>) -> Snippet {
        let start = self.floor_char_boundary(span.start);
        let index = self.line_index(start);
        let line_start = self.line_starts[index];
        let line = self.line_text(index);
        // A span may start past the line's text (in a trailing \r): then it underlines one column.
        let end = self.floor_char_boundary(span.end.min(line_start + line.len()).max(start));
        let chars: Vec<char> = line
            .trim_start_matches('\u{feff}')
            .chars()
            .map(printable)
            .collect();
        let width = self.text[start..end].chars().count().max(1);
        window(&chars, self.column_of(line_start, start) - 1, width)
    }

    /// Index of the line holding `offset` (which must be a char boundary within the text).
    fn line_index(&self, offset: usize) -> usize {
        // line_starts[0] == 0 <= offset, so the partition point is at least 1.
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The text of a line, without its line ending.
    fn line_text(&self, index: usize) -> &str {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        self.text[start..end].trim_end_matches('\r')
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

/// The part of `line` to show around the 0-based character `column`, `...` marking cuts.
fn window(line: &[char], column: usize, width: usize) -> Snippet {
    if line.len() <= SNIPPET_WIDTH {
        return Snippet {
            text: line.iter().collect(),
            column: column + 1,
            width,
        };
    }
    let from = column.saturating_sub(SNIPPET_CONTEXT).min(line.len());
    let to = (from + SNIPPET_WIDTH).min(line.len());
    let before = if from > 0 { "..." } else { "" };
    let after = if to < line.len() { "..." } else { "" };
    let shown: String = line[from..to].iter().collect();
    Snippet {
        text: format!("{before}{shown}{after}"),
        column: column - from + before.len() + 1,
        width: width.min(to.saturating_sub(column).max(1)),
    }
}

/// A character as it may be shown on a terminal: a tab as one space (so that the caret lines up),
/// other control characters as U+FFFD (a spec cannot drive the terminal).
fn printable(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
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
