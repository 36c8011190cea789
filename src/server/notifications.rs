//! Notifications from the client: documents opened, changed, saved and closed, and settings
//! changed. Each marks the folders to lint again and when.

use super::documents::Kind;
use super::settings::Settings;
use super::Server;
use lsp_server::Notification;
use lsp_types::notification::{self as notif, Notification as _};
use std::path::Path;
use std::time::Instant;

impl Server<'_> {
    pub(super) fn notification(&mut self, n: Notification) {
        let params = n.params;
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                else {
                    return;
                };
                let doc = p.text_document;
                if let Some(path) = self.documents.open(doc.uri, doc.version, doc.text) {
                    self.changed(&path, Instant::now());
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return;
                };
                let doc = p.text_document;
                if let Some(path) = self.documents.change(&doc.uri, doc.version, change.text) {
                    // A burst of typing is waited out; a change after a pause is linted at once.
                    let now = Instant::now();
                    let busy = self
                        .last_change
                        .is_some_and(|t| now.duration_since(t) < self.settings.debounce);
                    self.last_change = Some(now);
                    let due = if busy {
                        now + self.settings.debounce
                    } else {
                        now
                    };
                    self.changed(&path, due);
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                else {
                    return;
                };
                if let Some((path, _)) = self.documents.by_uri(&p.text_document.uri) {
                    self.saved(&path);
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                else {
                    return;
                };
                if let Some((path, document)) = self.documents.close(&p.text_document.uri) {
                    self.published.remove(&path);
                    self.publish(document.uri, Vec::new(), None);
                    // Its folder's other buffers now see the file on disk.
                    if let Some(dir) = path.parent() {
                        self.schedule(dir.to_path_buf(), Instant::now());
                    }
                }
            }
            notif::DidChangeConfiguration::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeConfigurationParams>(params)
                else {
                    return;
                };
                // Clients that pull settings send `null`: nothing changed here then.
                if !p.settings.is_null() {
                    let (settings, problems) =
                        Settings::from_json(&p.settings, self.root.as_deref());
                    self.settings = settings;
                    self.warn(&problems);
                    for dir in self.documents.folders_under(None) {
                        self.schedule(dir, Instant::now());
                    }
                }
            }
            _ => {}
        }
    }

    /// A buffer's text changed: its folder is linted (Terraform and tfvars buffers are read
    /// from memory; the config counts once saved, since the linter reads it from disk).
    fn changed(&mut self, path: &Path, due: Instant) {
        let kind = self.documents.get(path).map(|d| d.kind);
        if let (Some(Kind::Terraform | Kind::Variables), Some(dir)) = (kind, path.parent()) {
            self.schedule(dir.to_path_buf(), due);
        }
    }

    /// A saved file re-lints its folder (a variables file's values now count, and a
    /// Terraform file's disk text is its buffer's); a saved config, every folder below it.
    fn saved(&mut self, path: &Path) {
        let Some(dir) = path.parent() else { return };
        let folders = match self.documents.get(path).map(|d| d.kind) {
            Some(Kind::Variables | Kind::Terraform) => vec![dir.to_path_buf()],
            Some(Kind::Config) => self.documents.folders_under(Some(dir)),
            None => Vec::new(),
        };
        for folder in folders {
            self.schedule(folder, Instant::now());
        }
    }
}
