//! Plain tables in the style of the docker CLI: a header, aligned columns, no borders.

use comfy_table::{Table, presets};

/// The rows under the header, columns three spaces apart, no trailing spaces.
pub fn render(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).force_no_tty();
    table.set_header(header.to_vec());
    table.add_rows(rows);
    for column in table.column_iter_mut() {
        column.set_padding((0, 3));
    }
    table.trim_fmt()
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
}
