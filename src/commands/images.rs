//! Images in words: what a deploy did with each app's image (`-v`), the note for an image
//! deployed by tag, and why an image is refused.

use crate::cli::{ImageArgs, ResolveImage};
use crate::core::images::{ImageResolution, Outcome, ResolveFailure, ResolveMode, shown};
use crate::engine::ImageOptions;
use crate::printer::Printer;

/// The command line's image options.
pub fn options(args: &ImageArgs) -> ImageOptions {
    ImageOptions {
        resolve: match args.resolve_image {
            ResolveImage::Always => ResolveMode::Always,
            ResolveImage::Changed => ResolveMode::Changed,
            ResolveImage::Never => ResolveMode::Never,
        },
        send_credentials: !args.no_registry_auth,
    }
}

/// `-v`: what became of each image; one note for each image deployed by tag.
pub fn report(images: &[ImageResolution], printer: &Printer) {
    for image in images {
        let how = match &image.outcome {
            Outcome::Pinned(digest) => format!("resolved to {digest}"),
            Outcome::Kept => format!("not resolved again: keeps {}", shown(&image.deployed)),
            Outcome::AsWritten => "deployed as written".to_string(),
            Outcome::ByTag(failure) => format!("not resolved ({})", reason(failure)),
            Outcome::Refused(failure) => format!("refused ({})", reason(failure)),
        };
        let credentials = match &image.credentials {
            Some(source) => format!(", with the credentials of {source}"),
            None => String::new(),
        };
        printer.detail(format!(
            "image of `{}`: {}: {how}{credentials}",
            image.app, image.written
        ));
    }
    for note in by_tag_notes(images) {
        printer.warn(note);
    }
}

/// Up to this many apps named in a note; beyond, the first ones and how many more.
const NAMES_NOTED: usize = 5;

/// One line per image deployed by tag: which apps, and why.
fn by_tag_notes(images: &[ImageResolution]) -> Vec<String> {
    let mut notes: Vec<(&str, &ResolveFailure, Vec<&str>)> = Vec::new();
    for image in images {
        let Outcome::ByTag(failure) = &image.outcome else {
            continue;
        };
        match notes
            .iter_mut()
            .find(|(written, ..)| *written == image.written)
        {
            Some((_, _, apps)) => apps.push(&image.app),
            None => notes.push((&image.written, failure, vec![&image.app])),
        }
    }
    notes
        .into_iter()
        .map(|(written, failure, apps)| {
            let count = apps.len();
            let apps: Vec<String> = apps.iter().map(|app| format!("`{app}`")).collect();
            format!(
                "no registry gave the digest of {written} ({}); {} {} by tag (or as deployed \
                 before): each node uses the image it has or pulls",
                reason(failure),
                match count {
                    1 => "app",
                    _ => "apps",
                },
                super::some_names(&apps, NAMES_NOTED)
            )
        })
        .collect()
}

fn reason(failure: &ResolveFailure) -> &str {
    match failure {
        ResolveFailure::Unreachable(said)
        | ResolveFailure::Unauthorized(said)
        | ResolveFailure::NotFound(said)
        | ResolveFailure::UnknownCertificate(said)
        | ResolveFailure::Credentials(said)
        | ResolveFailure::Other(said) => said,
    }
}

/// Why an image cannot be deployed, and what to do.
pub fn refused_text(image: &str, registry: &str, failure: &ResolveFailure) -> String {
    match failure {
        ResolveFailure::Unauthorized(said) => format!(
            "the registry {registry} refuses the credentials for {image} ({said}); log in \
             again: `docker login {registry}` (alacrity uses the docker CLI's credentials)"
        ),
        ResolveFailure::NotFound(said) => format!(
            "the registry {registry} has no image {image} ({said}); check the name and the \
             tag, or push it first: `docker push {image}`"
        ),
        ResolveFailure::UnknownCertificate(said) => format!(
            "the registry {registry} presents a TLS certificate the engine does not trust \
             ({said}); put the CA that signed it in /etc/docker/certs.d/{registry}/ca.crt on \
             every node, then run the same command again"
        ),
        ResolveFailure::Credentials(said) => {
            format!("cannot read the credentials of the registry {registry} for {image}: {said}")
        }
        ResolveFailure::Unreachable(said) | ResolveFailure::Other(said) => format!(
            "cannot ask the registry {registry} for {image} ({said}); check that the engine \
             reaches it: `docker pull {image}` on the manager"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_image_names_the_image_the_registry_and_what_to_do() {
        let text = refused_text(
            "reg:5000/app:1",
            "reg:5000",
            &ResolveFailure::Unauthorized("unauthorized: authentication required".into()),
        );
        assert!(text.contains("the registry reg:5000 refuses the credentials for reg:5000/app:1"));
        assert!(
            text.ends_with("`docker login reg:5000` (alacrity uses the docker CLI's credentials)")
        );
        let text = refused_text(
            "reg:5000/app:9",
            "reg:5000",
            &ResolveFailure::NotFound("manifest unknown".into()),
        );
        assert!(text.contains("`docker push reg:5000/app:9`"), "{text}");
    }

    #[test]
    fn an_image_by_tag_is_one_line_for_every_app_that_runs_it() {
        let image = |app: &str, written: &str| ImageResolution {
            app: app.into(),
            written: written.into(),
            deployed: written.into(),
            outcome: Outcome::ByTag(ResolveFailure::Unreachable("no network".into())),
            credentials: None,
        };
        let notes = by_tag_notes(&[
            image("web", "alacrity-test/busybox:latest"),
            image("worker", "alacrity-test/busybox:latest"),
            image("db", "postgres:16"),
        ]);
        assert_eq!(
            notes,
            [
                "no registry gave the digest of alacrity-test/busybox:latest (no network); apps \
                 `web`, `worker` by tag (or as deployed before): each node uses the image it has \
                 or pulls",
                "no registry gave the digest of postgres:16 (no network); app `db` by tag (or as \
                 deployed before): each node uses the image it has or pulls"
            ]
        );
    }
}
