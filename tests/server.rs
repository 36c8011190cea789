//! `cognito-lint server` driven over its standard input and output, as an editor does: JSON-RPC
//! messages with `Content-Length` framing. Every wait has a timeout, so that a hung server
//! fails a test instead of hanging it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(root: &Path, options: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-lint"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 1,
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
                "capabilities": {},
                "initializationOptions": options,
            }),
        );
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
        assert_eq!(result["capabilities"]["hoverProvider"], true);
        client.notify("initialized", json!({}));
        client
    }

    fn write(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.write(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The next message that `matches`, skipping the others.
    fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the server answers in time");
            if matches(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri` that `matches`.
    fn diagnostics(&mut self, uri: &str, matches: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && matches(m["params"]["diagnostics"].as_array().unwrap())
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        let document = json!({"uri": uri, "languageId": "terraform", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    /// `shutdown` then `exit`: the server must end by itself, with exit code 0.
    fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

const CLEAN: &str = r#"resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "pool"
  prevent_user_existence_errors = "ENABLED"
  /* é😀 */ explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}
"#;

#[test]
fn diagnostics_fixes_suppressions_and_hover_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("main.tf"), CLEAN).unwrap();
    let main = uri(&root.join("main.tf"));
    let mut client = Client::start(&root, Value::Null);
    client.open(&main, CLEAN);
    assert_eq!(client.diagnostics(&main, |_| true), Vec::<Value>::new());

    // A legacy flow typed, unsaved, after characters of two and four bytes on its line.
    let mistaken = CLEAN.replace(
        r#"["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]"#,
        r#"["ADMIN_NO_SRP_AUTH"]"#,
    );
    client.change(&main, 2, &mistaken);
    let found = client.diagnostics(&main, |d| codes(d).contains(&"COG201"));
    let cog201 = found.iter().find(|d| d["code"] == "COG201").unwrap();
    let line = mistaken.lines().nth(4).unwrap();
    let start = line[..line.find("\"ADMIN").unwrap()].encode_utf16().count();
    let end = line[..line.rfind(']').unwrap()].encode_utf16().count();
    assert_eq!(
        cog201["range"],
        json!({"start": {"line": 4, "character": start}, "end": {"line": 4, "character": end}})
    );
    assert_eq!(cog201["source"], "cognito-lint");
    assert_eq!(cog201["severity"], 2, "{cog201}");
    let href = cog201["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("rules/COG201-legacy-auth-flow.md"), "{href}");

    // Code actions on the finding: its fix, and comments that suppress it.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": main},
            "range": cog201["range"],
            "context": {"diagnostics": [cog201]},
        }),
    );
    let actions = actions.as_array().unwrap();
    let titled = |prefix: &str| {
        actions
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` action in {actions:?}"))
    };
    let fix = titled("Fix COG201");
    assert_eq!(fix["kind"], "quickfix");
    let edits = fix["edit"]["changes"][&main].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert!(
        edits[0]["newText"].as_str().unwrap().contains("ALLOW_"),
        "{edits:?}"
    );
    let suppress = titled("Suppress COG201 on this line");
    assert_eq!(
        suppress["edit"]["changes"][&main],
        json!([{
            "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}},
            "newText": "  # cognito-lint:ignore COG201\n",
        }])
    );
    let block = titled("Suppress COG201 for this block");
    assert_eq!(
        block["edit"]["changes"][&main][0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );

    // Fix everything, as editors ask on save.
    let fix_all = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": main},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    assert_eq!(
        fix_all[0]["kind"], "source.fixAll.cognito-lint",
        "{fix_all}"
    );

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": main}, "position": cog201["range"]["start"]}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**COG201** `legacy-auth-flow`"), "{text}");
    assert!(text.contains(href), "{text}");

    // Half-typed text is a COG000 diagnostic, and the server goes on.
    client.change(
        &main,
        3,
        "resource \"aws_cognito_user_pool_client\" \"web\" {\n  name = ",
    );
    client.diagnostics(&main, |d| codes(d) == ["COG000"]);
    client.change(&main, 4, CLEAN);
    client.diagnostics(&main, |d| d.is_empty());
    client.shut_down();
}

#[test]
fn a_value_set_in_another_unsaved_buffer_counts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let main_text = r#"resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = "pool"
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = [var.callback_url]
}
"#;
    let safe = "variable \"callback_url\" {\n  default = \"https://app.example.com/cb\"\n}\n";
    std::fs::write(root.join("main.tf"), main_text).unwrap();
    std::fs::write(root.join("variables.tf"), safe).unwrap();
    let main = uri(&root.join("main.tf"));
    let variables = uri(&root.join("variables.tf"));
    let mut client = Client::start(&root, json!({"ignore": ["COG204"]}));
    client.open(&main, main_text);
    client.diagnostics(&main, |d| d.is_empty());
    client.open(&variables, safe);
    client.diagnostics(&variables, |d| d.is_empty());

    // Not saved: the disk still has the https default.
    client.change(&variables, 2, &safe.replace("https://", "http://"));
    let found = client.diagnostics(&main, |d| codes(d) == ["COG108"]);
    assert_eq!(found[0]["range"]["start"]["line"], 6);
    // And its own list stays published, empty.
    client.diagnostics(&variables, |d| d.is_empty());

    client.change(&variables, 3, safe);
    client.diagnostics(&main, |d| d.is_empty());

    // Settings changed mid-session apply at once.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"cognito-lint": {"select": ["COG204"]}}}),
    );
    client.diagnostics(&main, |d| codes(d) == ["COG204"]);
    client.shut_down();
}

#[test]
fn unused_suppressions_labels_cancellation_and_close() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let text = r#"resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = "pool"
  prevent_user_existence_errors        = "ENABLED"
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = ["https://app.example.com/cb"]
  default_redirect_uri                 = "https://other.example.com/cb"
  # cognito-lint:ignore COG203
}
"#;
    let main = uri(&root.join("main.tf"));
    let mut client = Client::start(&root, Value::Null);
    // Never saved: the file exists only as the buffer.
    client.open(&main, text);
    let found = client.diagnostics(&main, |d| codes(d) == ["COG101", "COG900"]);
    let related = &found[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], main);
    assert_eq!(related["location"]["range"]["start"]["line"], 7);
    assert_eq!(related["message"], "callback_urls defined here");
    assert_eq!(found[1]["tags"], json!([1]), "COG900 is tagged Unnecessary");
    assert_eq!(found[1]["range"]["start"]["line"], 9);

    // A request cancelled before its turn (queued behind a lint) is answered as cancelled.
    let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": main, "version": 2},
        "contentChanges": [{"text": text.replace("other.example.com", "app.example.com")}],
    }});
    let hover = json!({"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": main}, "position": {"line": 0, "character": 0},
    }});
    let cancel = json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 99}});
    let framed: String = [change, hover, cancel]
        .iter()
        .map(|m| {
            let body = m.to_string();
            format!("Content-Length: {}\r\n\r\n{body}", body.len())
        })
        .collect();
    client.stdin.write_all(framed.as_bytes()).unwrap();
    client.stdin.flush().unwrap();
    // The change's diagnostics may come before the answer or after it.
    let (mut answered, mut linted) = (false, false);
    while !(answered && linted) {
        let m = client.wait(|m| m["id"] == 99 || m["params"]["uri"] == main);
        if m["id"] == 99 {
            assert_eq!(m["error"]["code"], -32800, "{m}");
            answered = true;
        } else {
            linted |= codes(m["params"]["diagnostics"].as_array().unwrap()) == ["COG900"];
        }
    }

    // A closed buffer's diagnostics are cleared.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": main}}),
    );
    client.diagnostics(&main, |d| d.is_empty());
    client.shut_down();
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path(), Value::Null);
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = client.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}

/// A panic in a rule (the test hook of debug builds) is a COG990 diagnostic, the other rules'
/// findings are still there, and the server goes on.
#[test]
fn an_internal_error_is_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let main = uri(&root.join("main.tf"));
    let mut client = Client::start(&root, Value::Null);
    let panicking = CLEAN
        .replace("\"web\" {", "\"cognito_lint_test_panic_rule\" {")
        .replace(
            r#""ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH""#,
            r#""ADMIN_NO_SRP_AUTH""#,
        );
    client.open(&main, &panicking);
    let found = client.diagnostics(&main, |d| codes(d).contains(&"COG990"));
    assert!(codes(&found).contains(&"COG201"), "{found:?}");
    client.change(&main, 2, CLEAN);
    client.diagnostics(&main, |d| d.is_empty());
    client.shut_down();
}

/// A tfvars buffer's values count unsaved; the config is read from disk, and its save re-lints
/// the open files it covers.
#[test]
fn tfvars_buffers_count_unsaved_and_a_saved_config_relints() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    let main_text = r#"variable "callback_url" {
  type = string
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "web"
  user_pool_id                         = "pool"
  prevent_user_existence_errors        = "ENABLED"
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = [var.callback_url]
}
"#;
    let safe = "callback_url = \"https://app.example.com/cb\"\n";
    std::fs::write(root.join("main.tf"), main_text).unwrap();
    std::fs::write(root.join("terraform.tfvars"), safe).unwrap();
    let main = uri(&root.join("main.tf"));
    let tfvars = uri(&root.join("terraform.tfvars"));
    let mut client = Client::start(&root, Value::Null);
    client.open(&main, main_text);
    client.diagnostics(&main, |d| d.is_empty());
    client.open(&tfvars, safe);

    // Not saved: the disk still has the https value.
    client.change(&tfvars, 2, &safe.replace("https://", "http://"));
    client.diagnostics(&main, |d| codes(d) == ["COG108"]);
    client.change(&tfvars, 3, safe);
    client.diagnostics(&main, |d| d.is_empty());
    // A tfvars file the editor has made and not saved yet.
    let auto = uri(&root.join("prod.auto.tfvars"));
    client.open(&auto, &safe.replace("https://", "http://"));
    client.diagnostics(&main, |d| codes(d) == ["COG108"]);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": auto}}),
    );
    client.diagnostics(&main, |d| d.is_empty());

    // The config turns the rule off once saved; a broken config is said in the buffer.
    let config = uri(&root.join(".cognito-lint.hcl"));
    let off = "rule \"COG108\" {\n  enabled = false\n}\n";
    std::fs::write(root.join(".cognito-lint.hcl"), off).unwrap();
    client.open(&config, off);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config}}),
    );
    client.diagnostics(&main, |d| d.is_empty());
    std::fs::write(root.join(".cognito-lint.hcl"), "rule \"COG108\" {\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config}}),
    );
    let broken = client.diagnostics(&main, |d| d.len() == 1);
    let message = broken[0]["message"].as_str().unwrap();
    assert!(message.contains("could not lint this folder"), "{message}");
    client.shut_down();
}

#[test]
fn unknown_values_are_hints_only_when_the_setting_asks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let text = r#"variable "app_url" {
  type = string
}

resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "pool"
  prevent_user_existence_errors = "ENABLED"
  callback_urls                 = [var.app_url]
}
"#;
    std::fs::write(root.join("main.tf"), text).unwrap();
    let main = uri(&root.join("main.tf"));
    // COG206: the callback URLs without OAuth, beside the point here.
    let mut client = Client::start(&root, json!({"ignore": ["COG206"]}));
    client.open(&main, text);
    client.diagnostics(&main, |d| d.is_empty());
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"cognito-lint": {"ignore": ["COG206"], "showUnknown": true}}}),
    );
    let found = client.diagnostics(&main, |d| codes(d) == ["COG904"]);
    assert_eq!(found[0]["severity"], 4, "a hint: {found:?}");
    assert_eq!(found[0]["range"]["start"]["line"], 8);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("`var.app_url` has no value"));
    // No comment can hide a note: no suppression action is offered.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": main},
            "range": found[0]["range"],
            "context": {"diagnostics": found},
        }),
    );
    assert!(actions.as_array().is_none_or(|a| a.is_empty()), "{actions}");
    client.shut_down();
}
