//! The ignore files a folder walk respects, as ripgrep does: `.gitignore` files inside a git
//! repository (with the repository's `.git/info/exclude` and the global git excludes), and
//! `.ignore` files anywhere; `--no-ignore` turns them all off. A file or folder named on the
//! command line is linted whatever they say.
//!
//! The walk stays the linter's own (folder by folder, each module checked as soon as its folder
//! is listed); the `ignore` crate supplies the matchers, with git's rules for patterns,
//! negations and precedence: the nearest file wins, and `.ignore` wins over `.gitignore` in one
//! folder.

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;
use std::path::Path;
use std::sync::Arc;

/// The ignore files that apply in one folder: farthest first, nearest last.
#[derive(Clone, Default)]
pub struct Ignores {
    chain: Vec<Arc<Gitignore>>,
    /// Inside a git repository, where `.gitignore` files count.
    in_git: bool,
}

impl Ignores {
    /// For a walk that starts in `root` (absolute): what its ancestors' ignore files say,
    /// from the repository's root (or the filesystem's) down to `root`'s parent.
    pub fn above(root: &Path) -> Ignores {
        let repository = root.ancestors().find(|dir| dir.join(".git").exists());
        let mut ignores = Ignores {
            chain: Vec::new(),
            in_git: repository.is_some(),
        };
        if let Some(repository) = repository {
            let (global, _) = Gitignore::global();
            if !global.is_empty() {
                ignores.chain.push(Arc::new(global));
            }
            let exclude = repository.join(".git/info/exclude");
            if exclude.is_file() {
                let mut builder = GitignoreBuilder::new(repository);
                builder.add(exclude);
                if let Ok(matcher) = builder.build() {
                    ignores.chain.push(Arc::new(matcher));
                }
            }
        }
        let mut parents: Vec<&Path> = root.ancestors().skip(1).collect();
        if let Some(repository) = repository {
            parents.retain(|dir| dir.starts_with(repository));
        }
        for dir in parents.into_iter().rev() {
            let has = |name: &str| dir.join(name).is_file();
            ignores = ignores.enter(dir, has(".gitignore"), has(".ignore"));
        }
        ignores
    }

    /// The ignore files that apply in the folder `dir` (absolute), which holds a `.gitignore`
    /// or an `.ignore` file as said.
    pub fn enter(&self, dir: &Path, gitignore: bool, dot_ignore: bool) -> Ignores {
        let gitignore = gitignore && self.in_git;
        if !gitignore && !dot_ignore {
            return self.clone();
        }
        let mut builder = GitignoreBuilder::new(dir);
        if gitignore {
            builder.add(dir.join(".gitignore"));
        }
        if dot_ignore {
            builder.add(dir.join(".ignore"));
        }
        let mut next = self.clone();
        // A file with a bad pattern keeps its other patterns, as git does.
        if let Ok(matcher) = builder.build() {
            if !matcher.is_empty() {
                next.chain.push(Arc::new(matcher));
            }
        }
        next
    }

    /// A folder that starts a repository of its own (it holds `.git`): `.gitignore` files count
    /// below it.
    pub fn in_repository(mut self) -> Ignores {
        self.in_git = true;
        self
    }

    /// Whether the file or folder at `path` (absolute, below the folders of the chain) is
    /// ignored.
    pub fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        for matcher in self.chain.iter().rev() {
            match matcher.matched(path, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }

    pub fn is_empty(&self) -> bool {
        self.chain.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_file_wins_and_ignore_files_outside_git_count_only_as_dot_ignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "generated/\n*.tf\n!keep.tf\n").unwrap();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/.ignore"), "keep.tf\n").unwrap();
        // Not a repository: .gitignore is not read, .ignore is.
        let outside = Ignores::default().enter(root, true, false);
        assert!(!outside.ignores(&root.join("main.tf"), false));
        let repo = Ignores::default().in_repository().enter(root, true, false);
        assert!(repo.ignores(&root.join("main.tf"), false));
        assert!(!repo.ignores(&root.join("keep.tf"), false));
        assert!(repo.ignores(&root.join("generated"), true));
        let sub = repo.enter(&root.join("sub"), false, true);
        assert!(sub.ignores(&root.join("sub/keep.tf"), false));
    }
}
