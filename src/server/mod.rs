//! `cognito-lint server`: a language server over standard input and output.
//!
//! Synchronous, on rust-analyzer's `lsp-server`: a lint takes milliseconds, so messages are
//! handled one at a time on the main thread (the lint itself runs on the worker threads). What
//! arrived while a lint ran is handled before the next lint: a newer version of a document
//! replaces the older one before anything is linted, and a request cancelled before its answer
//! went out is answered as cancelled.
//!
//! Stages: [`notifications`] keep the [`documents`] (open buffers) → [`check`] (lint a
//! folder) → [`diagnostics`] (findings as LSP diagnostics) → [`actions`] and [`hover`]
//! (answers from what was published); [`settings`] mirrors the command line's flags.

mod actions;
mod check;
mod diagnostics;
mod documents;
mod hover;
mod notifications;
mod settings;
pub mod uri;

use crossbeam_channel::RecvTimeoutError;
use diagnostics::Published;
use documents::Documents;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, PublishDiagnosticsParams, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use serde_json::Value;
use settings::Settings;
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::path::PathBuf;
use std::time::Instant;

/// Serves one client on standard input and output until it says `exit`. `Ok(true)` when it
/// asked for `shutdown` first, as the protocol wants (the exit code then is 0).
pub fn run() -> Result<bool, String> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let root = workspace_root(&params);
    let (settings, problems) = Settings::from_json(
        params
            .initialization_options
            .as_ref()
            .unwrap_or(&Value::Null),
        root.as_deref(),
    );
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "cognito-lint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let pool = crate::thread_pool(None).map_err(|e| e.to_string())?;
    let mut server = Server {
        connection: &connection,
        documents: Documents::default(),
        settings,
        root,
        pool,
        published: BTreeMap::new(),
        pending: BTreeSet::new(),
        due: None,
        last_change: None,
        backlog: VecDeque::new(),
        cancelled: HashSet::new(),
        shut_down: false,
    };
    server.warn(&problems);
    let clean = server.serve();
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())?;
    Ok(clean)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref()?.first()?;
    uri::to_path(&folder.uri)
}

struct Server<'a> {
    connection: &'a Connection,
    documents: Documents,
    settings: Settings,
    root: Option<PathBuf>,
    pool: rayon::ThreadPool,
    /// What was last published for each file, for code actions and hovers.
    published: BTreeMap<PathBuf, Vec<Published>>,
    /// Folders to lint again, and when.
    pending: BTreeSet<PathBuf>,
    due: Option<Instant>,
    last_change: Option<Instant>,
    /// Messages received and not yet handled, in order.
    backlog: VecDeque<Message>,
    /// Requests the client cancelled before their answer went out.
    cancelled: HashSet<RequestId>,
    shut_down: bool,
}

impl Server<'_> {
    fn serve(&mut self) -> bool {
        let receiver = self.connection.receiver.clone();
        loop {
            // What is queued is handled before linting: a newer text replaces the one a lint
            // would have read, and a request cancelled meanwhile is not worked on.
            if self.backlog.is_empty() {
                self.absorb();
            }
            let message = match self.backlog.pop_front() {
                Some(message) => message,
                None => {
                    // Every request received was answered: their cancellations are moot.
                    self.cancelled.clear();
                    let received = match self.due {
                        None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
                        Some(due) => receiver.recv_deadline(due),
                    };
                    match received {
                        Ok(message) => message,
                        Err(RecvTimeoutError::Timeout) => {
                            self.lint_pending();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return false,
                    }
                }
            };
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(n) if n.method == notif::Exit::METHOD => {
                    return self.shut_down;
                }
                Message::Notification(n) if n.method == notif::Cancel::METHOD => {
                    self.cancelled.extend(cancelled_id(&n));
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
            if self.backlog.is_empty() && self.due.is_some_and(|due| due <= Instant::now()) {
                self.absorb();
                if self.backlog.is_empty() {
                    self.lint_pending();
                }
            }
        }
    }

    /// Moves what has arrived into the backlog, noting cancellations as they come.
    fn absorb(&mut self) {
        for message in self.connection.receiver.try_iter() {
            match &message {
                Message::Notification(n) if n.method == notif::Cancel::METHOD => {
                    self.cancelled.extend(cancelled_id(n));
                }
                _ => self.backlog.push_back(message),
            }
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        self.absorb();
        if self.cancelled.contains(&id) {
            self.send(cancelled(id).into());
            return;
        }
        if self.shut_down {
            let message = "the server is shutting down".to_string();
            self.send(Response::new_err(id, ErrorCode::InvalidRequest as i32, message).into());
            return;
        }
        let response = match request.method.as_str() {
            req::Shutdown::METHOD => {
                self.shut_down = true;
                Response::new_ok(id, ())
            }
            req::CodeActionRequest::METHOD => match request.extract(req::CodeActionRequest::METHOD)
            {
                Ok((id, params)) => {
                    let params: lsp_types::CodeActionParams = params;
                    let actions = self.answer_for(&params.text_document.uri, |doc, published| {
                        actions::code_actions(&params, doc, published)
                    });
                    Response::new_ok(id, actions.unwrap_or_default())
                }
                Err(e) => invalid(id, e),
            },
            req::HoverRequest::METHOD => match request.extract(req::HoverRequest::METHOD) {
                Ok((id, params)) => {
                    let params: lsp_types::HoverParams = params;
                    let at = params.text_document_position_params;
                    let found = self.answer_for(&at.text_document.uri, |_, published| {
                        hover::hover(published, at.position)
                    });
                    Response::new_ok(id, found.flatten())
                }
                Err(e) => invalid(id, e),
            },
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown method {}", request.method),
            ),
        };
        // Cancelled while it was worked on (a lint ran first): the client wants no answer.
        self.absorb();
        let response = match self.cancelled.contains(&response.id) {
            true => cancelled(response.id),
            false => response,
        };
        self.send(response.into());
    }

    /// Answers from the document's published findings, linting first if a change is waiting,
    /// so that the answer's positions are those of the text the client has.
    fn answer_for<T>(
        &mut self,
        uri: &lsp_types::Uri,
        answer: impl FnOnce(&documents::Document, &[Published]) -> T,
    ) -> Option<T> {
        let path = self.documents.path_of(uri)?;
        if path.parent().is_some_and(|dir| self.pending.contains(dir)) {
            self.lint_pending();
        }
        let document = self.documents.get(&path)?;
        let published = self.published.get(&path).map_or(&[][..], Vec::as_slice);
        Some(answer(document, published))
    }

    pub(super) fn schedule(&mut self, dir: PathBuf, due: Instant) {
        self.pending.insert(dir);
        // The latest wish wins: a change while typing pushes the lint back.
        self.due = Some(self.due.map_or(due, |d| d.max(due)));
    }

    fn lint_pending(&mut self) {
        self.due = None;
        for dir in std::mem::take(&mut self.pending) {
            let results = check::check_folder(&self.documents, &self.settings, &self.pool, &dir);
            // Files of this folder published before and clean now get an empty list.
            let stale: Vec<PathBuf> = self
                .published
                .keys()
                .filter(|p| p.parent() == Some(dir.as_path()) && !results.contains_key(*p))
                .cloned()
                .collect();
            for path in stale {
                self.published.remove(&path);
                if let Some(uri) = uri::from_path(&path) {
                    self.publish(uri, Vec::new(), None);
                }
            }
            for (path, list) in results {
                let (uri, version) = match self.documents.get(&path) {
                    Some(d) => (d.uri.clone(), Some(d.version)),
                    None => match uri::from_path(&path) {
                        Some(uri) => (uri, None),
                        None => continue,
                    },
                };
                let diagnostics = list.iter().map(|p| p.diagnostic.clone()).collect();
                self.publish(uri, diagnostics, version);
                self.published.insert(path, list);
            }
        }
    }

    pub(super) fn publish(
        &self,
        uri: lsp_types::Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(notif::PublishDiagnostics::METHOD.to_string(), params).into());
    }

    pub(super) fn warn(&self, problems: &[String]) {
        for problem in problems {
            let params = lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::WARNING,
                message: format!("cognito-lint: {problem}"),
            };
            self.send(Notification::new(notif::ShowMessage::METHOD.to_string(), params).into());
        }
    }

    fn send(&self, message: Message) {
        // A client that is gone is noticed by the receiving side.
        let _ = self.connection.sender.send(message);
    }
}

fn cancelled(id: RequestId) -> Response {
    let message = "cancelled".to_string();
    Response::new_err(id, ErrorCode::RequestCanceled as i32, message)
}

fn cancelled_id(n: &Notification) -> Option<RequestId> {
    let params: lsp_types::CancelParams = serde_json::from_value(n.params.clone()).ok()?;
    Some(match params.id {
        lsp_types::NumberOrString::Number(n) => RequestId::from(n),
        lsp_types::NumberOrString::String(s) => RequestId::from(s),
    })
}

fn invalid<T: std::fmt::Debug>(id: RequestId, error: T) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, format!("{error:?}"))
}
