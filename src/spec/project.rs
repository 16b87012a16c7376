//! The project of a spec file: a stable name that every app deployed from the file carries, so
//! that `plan` and `deploy` can tell which apps of the project the specs no longer declare.
//!
//! A file names it with `project = "NAME"`; otherwise it is the name of the file's directory, as
//! docker compose names its projects, made into a valid name (lowercase; a-z, 0-9, - and _ kept).

use std::path::Path;

/// The longest project name (a DNS label's length, like app names).
pub const MAX_PROJECT_LEN: usize = 63;

/// `name` as a valid project name: lowercase, only a-z, 0-9, - and _, starting with a letter or
/// digit, at most 63 characters; `None` when nothing of it is left.
pub fn project_name(name: &str) -> Option<String> {
    let kept: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')
        .skip_while(|c| *c == '-' || *c == '_')
        .take(MAX_PROJECT_LEN)
        .collect();
    (!kept.is_empty()).then_some(kept)
}

/// The project of a spec file that names none: its directory's name, as a valid project name.
/// `dir` is the file's directory, absolute (the command resolves it against the working
/// directory).
pub fn default_project(dir: &Path) -> Option<String> {
    project_name(&dir.file_name()?.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_name_is_kept_as_it_is() {
        assert_eq!(project_name("shop").as_deref(), Some("shop"));
        assert_eq!(project_name("shop_2-eu").as_deref(), Some("shop_2-eu"));
    }

    #[test]
    fn a_directory_name_becomes_a_valid_project_name() {
        assert_eq!(
            default_project(Path::new("/home/ann/My Shop.v2")).as_deref(),
            Some("myshopv2")
        );
        assert_eq!(
            default_project(Path::new("/srv/_infra")).as_deref(),
            Some("infra")
        );
        assert_eq!(default_project(Path::new("/")), None);
        assert_eq!(default_project(Path::new("/srv/ééé")), None);
        let long = "a".repeat(100);
        assert_eq!(
            default_project(&Path::new("/srv").join(&long)).map(|p| p.len()),
            Some(MAX_PROJECT_LEN)
        );
    }
}
