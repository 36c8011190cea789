//! Hover on a finding: its rule's summary, what the rule does, and its page.

use super::diagnostics::Published;
use crate::rules::find_meta;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

pub fn hover(published: &[Published], at: Position) -> Option<Hover> {
    let at = (at.line, at.character);
    let sections: Vec<String> = published
        .iter()
        .filter(|p| {
            let r = p.diagnostic.range;
            (r.start.line, r.start.character) <= at && at <= (r.end.line, r.end.character)
        })
        .filter_map(|p| {
            let meta = find_meta(p.code)?;
            Some(format!(
                "**{}** `{}`: {}\n\n{}\n\n[{} documentation]({})",
                meta.code,
                meta.name,
                meta.summary,
                meta.description(),
                meta.code,
                crate::render::help_uri(meta)
            ))
        })
        .collect();
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: None,
    })
}
