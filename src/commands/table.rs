//! Plain tables in the style of the docker CLI: a header, aligned columns, no borders.
//!
//! Cells show what the engine says (app names, images, paths, hostnames, reasons), which anyone
//! with access to the swarm can write: every cell is escaped, so that none can drive the
//! terminal (an escape sequence), break a row (a newline), or hide or reorder text.

use comfy_table::{Table, presets};

use crate::spec::source::is_hidden;

/// The rows under the header, columns three spaces apart, no trailing spaces; every cell
/// escaped (see `escape`).
pub fn render(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).force_no_tty();
    table.set_header(header.iter().map(|cell| escape(cell)).collect::<Vec<_>>());
    table.add_rows(
        rows.into_iter()
            .map(|row| row.iter().map(|cell| escape(cell)).collect::<Vec<_>>()),
    );
    for column in table.column_iter_mut() {
        column.set_padding((0, 3));
    }
    table.trim_fmt()
}

/// Text as one line of visible characters: control and invisible characters as Rust escapes
/// (ESC as `\u{1b}`, a newline as `\n`, U+202E as `\u{202e}`), a backslash as is.
pub fn escape(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            shown.extend(c.escape_debug());
        } else {
            shown.push(c);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let text = render(
            &["NAME", "IMAGE"],
            vec![
                vec!["web".into(), "nginx".into()],
                vec!["database".into(), "postgres:16".into()],
            ],
        );
        assert_eq!(
            text,
            "NAME       IMAGE\nweb        nginx\ndatabase   postgres:16"
        );
    }

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        assert_eq!(escape("/srv/a\u{1b}[2Jb"), r"/srv/a\u{1b}[2Jb");
        assert_eq!(escape("two\nlines\r"), r"two\nlines\r");
        assert_eq!(escape("tab\there"), r"tab\there");
        assert_eq!(escape("evil\u{202e}txt"), r"evil\u{202e}txt");
        assert_eq!(escape("zero\u{200b}width"), r"zero\u{200b}width");
        // What shows as itself stays as is.
        assert_eq!(
            escape("/srv/my data/é \\ 'x' \"y\""),
            "/srv/my data/é \\ 'x' \"y\""
        );
    }

    #[test]
    fn every_cell_is_escaped_and_rows_stay_one_line() {
        let text = render(
            &["NAME", "PATH"],
            vec![vec!["web\u{1b}]0;owned\u{7}".into(), "/srv/a\nb".into()]],
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert_eq!(text.lines().count(), 2, "{text:?}");
        assert!(
            text.ends_with(r"web\u{1b}]0;owned\u{7}   /srv/a\nb"),
            "{text:?}"
        );
    }
}
