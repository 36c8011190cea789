//! Links to this project in the README, the rule pages and the changelog are the repository of
//! `Cargo.toml` (which SARIF and pretty output use), so that one change of home moves them all.

use std::path::Path;

#[test]
fn links_to_the_project_use_the_cargo_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repository = env!("CARGO_PKG_REPOSITORY");
    let owner = repository
        .trim_end_matches('/')
        .rsplit_once('/')
        .map(|(owner, _)| format!("{owner}/"))
        .unwrap();
    let mut files = vec![root.join("README.md"), root.join("CHANGELOG.md")];
    files.extend(
        std::fs::read_dir(root.join("rules"))
            .unwrap()
            .flatten()
            .map(|e| e.path()),
    );
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices(&owner) {
            checked += 1;
            assert!(
                text[at..].starts_with(repository),
                "{}: a link to the project that is not {repository}: {}",
                file.display(),
                &text[at..(at + 80).min(text.len())]
            );
        }
    }
    assert!(checked > 0, "no link to the project found");
}
