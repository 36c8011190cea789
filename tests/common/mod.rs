//! Helpers shared by the command-line test files.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub fn run(args: &[&str], cwd: &Path) -> Output {
    run_with_stdin(args, cwd, None)
}

pub fn run_with_stdin(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-lint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary folder holding `files`; it has no `.cognito-lint.hcl` above it (temp folders are
/// outside any repository).
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A client with one COG204 warning (prevent_user_existence_errors unset) on line 1 and, with
/// `extra`, whatever those lines add.
pub fn client(name: &str, extra: &str) -> String {
    format!(
        "resource \"aws_cognito_user_pool_client\" \"{name}\" {{\n  name         = \"{name}\"\n  user_pool_id = aws_cognito_user_pool.pool.id\n{extra}}}\n"
    )
}

/// `compact` output's codes with their line numbers: `["4:COG001", ...]`.
pub fn codes(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter_map(|l| {
            let mut parts = l.split(':');
            let _file = parts.next()?;
            let line = parts.next()?;
            let code = l.split('[').nth(1)?.split(']').next()?;
            Some(format!("{line}:{code}"))
        })
        .collect()
}
