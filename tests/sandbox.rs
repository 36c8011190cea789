//! The linter reads; it never writes, never reaches the network, never starts a process.
//!
//! - every file of the tree it reads (`.terraform/` included) has the same bytes, length,
//!   permissions and modification time after a run in every output format;
//! - under `strace -f` (when it is installed and allowed to trace: otherwise the test prints
//!   why it is skipped), a run makes no network system call, starts no process (threads only),
//!   and opens no file for writing nor creates, removes or renames one.

mod common;

use common::tree;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

const CLIENT: &str = r#"resource "aws_cognito_user_pool_client" "web" {
  name                  = "web"
  user_pool_id          = aws_cognito_user_pool.pool.id
  access_token_validity = var.validity
  callback_urls         = ["http://example.com/cb"]
}

module "auth" {
  source   = "./modules/auth"
  validity = 48
}

module "registry" {
  source  = "terraform-aws-modules/cognito/aws"
  version = "1.0.0"
}

variable "validity" {
  default = 12
}
"#;

/// A module tree with everything the linter may read: modules, tfvars, JSON, a plan, a
/// config file, and what `terraform init` leaves in `.terraform/`.
fn project() -> tempfile::TempDir {
    tree(&[
        ("main.tf", CLIENT),
        ("terraform.tfvars", "validity = 36\n"),
        ("prod.auto.tfvars.json", r#"{"validity": 30}"#),
        ("extra.tf.json", r#"{"locals": {"x": 1}}"#),
        ("broken.tf", "locals {\n  x = \n}\n"),
        (".cognito-lint.hcl", "fail_on = \"warning\"\n"),
        (
            "modules/auth/main.tf",
            "variable \"validity\" {}\nresource \"aws_cognito_user_pool_client\" \"m\" {\n  name = \"m\"\n  user_pool_id = \"p\"\n  id_token_validity = var.validity\n}\n",
        ),
        (
            ".terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"registry","Source":"registry.terraform.io/terraform-aws-modules/cognito/aws","Version":"1.0.0","Dir":".terraform/modules/registry"}]}"#,
        ),
        (
            ".terraform/modules/registry/main.tf",
            "resource \"aws_cognito_user_pool_client\" \"r\" {\n  name = \"r\"\n  user_pool_id = \"p\"\n}\n",
        ),
        (".terraform/terraform.tfstate", "{}"),
        (".git/HEAD", "ref: refs/heads/main\n"),
    ])
}

#[derive(Debug, PartialEq, Eq)]
struct FileState {
    len: u64,
    hash: u64,
    modified: Option<std::time::SystemTime>,
    readonly: bool,
}

/// Every file and folder under `root`, hidden ones included, with what a write would change.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Option<FileState>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            if meta.is_dir() {
                stack.push(path);
                out.insert(relative, None);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            out.insert(
                relative,
                Some(FileState {
                    len: meta.len(),
                    hash: hasher.finish(),
                    modified: meta.modified().ok(),
                    readonly: meta.permissions().readonly(),
                }),
            );
        }
    }
    out
}

fn lint_args() -> Vec<Vec<&'static str>> {
    let mut runs: Vec<Vec<&str>> = [
        "pretty",
        "compact",
        "json",
        "sarif",
        "github",
        "checkstyle",
        "junit",
    ]
    .iter()
    .map(|f| vec!["-f", *f])
    .collect();
    runs.push(vec![
        "main.tf",
        "broken.tf",
        "--var-file",
        "terraform.tfvars",
    ]);
    runs.push(vec!["--show-suppressed", "--statistics", "-j", "1", "."]);
    runs
}

#[test]
fn a_run_changes_no_file() {
    let dir = project();
    let before = snapshot(dir.path());
    // Modification times have a coarse grain on some file systems: a write in the same tick
    // would not show, so runs start a tick later.
    std::thread::sleep(std::time::Duration::from_millis(20));
    for args in lint_args() {
        let out = common::run(&args, dir.path());
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            common::stderr(&out)
        );
    }
    let after = snapshot(dir.path());
    assert_eq!(before, after, "a run changed the tree it read");
    assert!(before.contains_key(Path::new(".terraform/modules/registry/main.tf")));
}

/// The system calls a run makes, as strace prints them; `None` when strace cannot run here.
fn trace(dir: &Path, args: &[&str]) -> Option<Vec<String>> {
    let log = dir
        .join("..")
        .join(format!("cognito-lint-strace-{}.log", std::process::id()));
    let status = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .arg("-e")
        .arg(
            "trace=network,process,creat,unlink,unlinkat,rename,renameat,renameat2,mkdir,\
             mkdirat,rmdir,truncate,symlink,symlinkat,link,linkat,chmod,fchmodat,utimensat,open,openat",
        )
        .arg(env!("CARGO_BIN_EXE_cognito-lint"))
        .args(args)
        .current_dir(dir)
        .output();
    let output = match status {
        Ok(o) => o,
        Err(e) => {
            eprintln!("SKIPPED a_run_makes_no_network_or_process_or_write_call: strace is not available ({e})");
            return None;
        }
    };
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if !text.contains("execve(") {
        eprintln!(
            "SKIPPED a_run_makes_no_network_or_process_or_write_call: strace cannot trace here: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
        return None;
    }
    Some(text.lines().map(str::to_string).collect())
}

/// A system call that reaches out, starts a process or writes a file.
fn forbidden(line: &str) -> Option<&'static str> {
    let call = line
        .split_once(' ')
        .map_or(line, |(_, rest)| rest)
        .trim_start();
    let name = call.split('(').next().unwrap_or("");
    match name {
        "socket" | "socketpair" | "connect" | "bind" | "listen" | "accept" | "accept4"
        | "sendto" | "sendmsg" | "sendmmsg" | "recvfrom" | "recvmsg" | "recvmmsg"
        | "getsockname" | "getpeername" | "setsockopt" | "getsockopt" | "shutdown" => {
            Some("network")
        }
        "fork" | "vfork" | "execveat" => Some("process"),
        "clone" | "clone3" if !call.contains("CLONE_THREAD") => Some("process"),
        "creat" | "unlink" | "unlinkat" | "rename" | "renameat" | "renameat2" | "mkdir"
        | "mkdirat" | "rmdir" | "truncate" | "symlink" | "symlinkat" | "link" | "linkat"
        | "chmod" | "fchmodat" | "utimensat" => Some("write"),
        "open" | "openat"
            if ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"]
                .iter()
                .any(|flag| call.contains(flag)) =>
        {
            Some("write")
        }
        _ => None,
    }
}

#[test]
fn a_run_makes_no_network_or_process_or_write_call() {
    let dir = project();
    for args in lint_args() {
        let Some(lines) = trace(dir.path(), &args) else {
            return;
        };
        let execs = lines.iter().filter(|l| l.contains(" execve(")).count();
        assert_eq!(
            execs,
            1,
            "{args:?} started another program:\n{}",
            lines.join("\n")
        );
        let bad: Vec<String> = lines
            .iter()
            .filter_map(|l| forbidden(l).map(|why| format!("{why}: {l}")))
            .collect();
        assert!(bad.is_empty(), "{args:?}:\n{}", bad.join("\n"));
    }
}

#[test]
fn the_trace_check_sees_what_it_looks_for() {
    // The checks above pass only if nothing matches: make sure matching works.
    assert_eq!(
        forbidden(r#"123 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3"#),
        Some("network")
    );
    assert_eq!(
        forbidden(r#"123 connect(3, {sa_family=AF_INET, sin_port=htons(443)}, 16) = 0"#),
        Some("network")
    );
    assert_eq!(
        forbidden(r#"123 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD}, 88) = 9"#),
        Some("process")
    );
    assert_eq!(
        forbidden(
            r#"123 openat(AT_FDCWD, "main.tf", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3"#
        ),
        Some("write")
    );
    assert_eq!(
        forbidden(r#"123 clone3({flags=CLONE_VM|CLONE_THREAD|CLONE_SIGHAND}, 88) = 9"#),
        None
    );
    assert_eq!(
        forbidden(r#"123 openat(AT_FDCWD, "main.tf", O_RDONLY|O_CLOEXEC) = 3"#),
        None
    );
}
