//! One module per subcommand; each has `run(args, ..., printer) -> Result<ExitStatus>`.

pub mod apps;
pub mod binds;
pub mod completions;
pub mod deploy;
pub mod host_paths;
pub mod images;
pub mod lock;
pub mod plan;
pub mod portable;
pub mod refusals;
pub mod retained;
pub mod rollback;
pub mod table;
pub mod validate;
pub mod version;
pub mod volumes;

/// Names in a sentence, at most `at_most` of them: beyond, the first ones and how many more
/// (`a, b, c and 27 more`), so that a line about hundreds of apps stays one line.
pub(crate) fn some_names(names: &[String], at_most: usize) -> String {
    let at_most = at_most.max(2);
    if names.len() <= at_most {
        return names.join(", ");
    }
    let shown = &names[..at_most - 1];
    format!(
        "{} and {} more",
        shown.join(", "),
        names.len() - shown.len()
    )
}

#[cfg(test)]
mod tests {
    use super::some_names;

    #[test]
    fn many_names_are_cut_and_counted() {
        let names: Vec<String> = (0..30).map(|i| format!("s{i}")).collect();
        assert_eq!(some_names(&names[..3], 5), "s0, s1, s2");
        assert_eq!(some_names(&names[..5], 5), "s0, s1, s2, s3, s4");
        assert_eq!(some_names(&names, 5), "s0, s1, s2, s3 and 26 more");
        assert_eq!(some_names(&[], 5), "");
    }
}
