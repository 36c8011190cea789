//! Findings are plain data: where, what, and how to fix it. Rendering happens elsewhere.

pub use crate::value::quoted;
use crate::value::{Range, Span};
use foldhash::HashMap;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;
use thin_vec::ThinVec;

pub mod fingerprint;
mod text;
pub use text::{Text, Texts};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place that helps explain a finding ("unit set here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    /// Most labels are one fixed text ("set here"), shared (see [`Text`]).
    pub message: Text,
}

/// What a rule reports: the rule's code, name and severity are added by the runner from the
/// rule's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub span: Span,
    /// Shared with every finding of the run that says the same (see [`Text`]): a million
    /// findings on a generated stack hold a few dozen texts.
    pub message: Text,
    /// Text under the primary span, when it says more than the message.
    pub label: Option<Text>,
    /// A pointer wide: most findings have none or one (see [`Finding`]'s size).
    pub labels: ThinVec<Label>,
    /// Shared, as the message is.
    pub help: Option<Text>,
    /// A lower severity than the rule's for this case (a likely, not certain, failure).
    pub severity_cap: Option<Severity>,
    /// The concrete change the help proposes, when it proposes one.
    /// Boxed: most findings have none, and every finding would carry its room.
    pub fix: Option<Box<Fix>>,
}

/// Whether `--fix` applies a fix on its own (ruff's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Behaviour changes (what AWS does with the client, or what the user meant is a guess):
    /// applied only with `--unsafe-fixes`.
    Unsafe,
    /// What Terraform and AWS apply is unchanged, or the configuration fails today anyway.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A change of the file's text that makes the finding go away: what a user following the help
/// blindly would type. Applied, it must not raise another finding, except of the rules named in
/// `may_raise` (the help then says so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the change does, as a short imperative clause ("replace with `ENABLED`").
    pub message: Text,
    pub applicability: Applicability,
    /// Non-overlapping edits, where the value is written (the client, or the file a value
    /// set elsewhere comes from).
    pub edits: Vec<Edit>,
    /// Codes of the rules whose findings the change may bring up, as the help says.
    pub may_raise: &'static [&'static str],
}

/// `span`'s text replaced with `text` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: Text,
}

impl Diag {
    pub fn new(span: Span, message: impl Into<Text>) -> Diag {
        Diag {
            span,
            message: message.into(),
            label: None,
            labels: ThinVec::new(),
            help: None,
            severity_cap: None,
            fix: None,
        }
    }

    pub fn at_most(mut self, severity: Severity) -> Diag {
        self.severity_cap = Some(severity);
        self
    }

    pub fn primary(mut self, text: impl Into<Text>) -> Diag {
        self.label = Some(text.into());
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<Text>) -> Diag {
        self.push_label(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a label. Most findings have one: the first gets room for one, not the four a first
    /// push makes; later ones grow the list as usual.
    pub fn push_label(&mut self, label: Label) {
        if self.labels.capacity() == 0 {
            self.labels.reserve_exact(1);
        }
        self.labels.push(label);
    }

    pub fn label_opt(self, span: Option<Span>, message: impl Into<Text>) -> Diag {
        match span {
            Some(span) => self.label(span, message),
            None => self,
        }
    }

    pub fn help(mut self, help: impl Into<Text>) -> Diag {
        self.help = Some(help.into());
        self
    }

    /// The help's change, as edits: replace `span` with `text`. Call it again to add an edit.
    /// Until [`Diag::fix_as`] says otherwise, the fix is unsafe: a change nobody judged is
    /// never applied by `--fix` alone.
    pub fn replace(mut self, span: Span, text: impl Into<Text>) -> Diag {
        let edit = Edit {
            span,
            text: text.into(),
        };
        match &mut self.fix {
            Some(r) => r.edits.push(edit),
            None => {
                self.fix = Some(Box::new(Fix {
                    message: Text::from(""),
                    applicability: Applicability::Unsafe,
                    edits: vec![edit],
                    may_raise: &[],
                }))
            }
        }
        self
    }

    /// The rules whose findings the help's change may bring up (the help must say so).
    pub fn may_raise(mut self, codes: &'static [&'static str]) -> Diag {
        if let Some(r) = &mut self.fix {
            r.may_raise = codes;
        }
        self
    }

    /// Says how safe the change is and what it does (the rule's page says why); nothing when
    /// no change is proposed.
    pub fn fix_as(mut self, applicability: Applicability, message: impl Into<Text>) -> Diag {
        if let Some(fix) = &mut self.fix {
            fix.applicability = applicability;
            fix.message = message.into();
        }
        self
    }
}

/// The findings of a module or a run, each boxed: gathering every module's findings into the
/// report then moves pointers, not findings of 128 bytes, which would have both lists
/// resident at once and double a run's peak memory (a million findings on a generated stack).
pub type Findings = Vec<Box<Finding>>;

/// The resource a finding is about: its Terraform address, and its whole block (for
/// suppressions that cover a block). One per resource instance, shared by its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceAt {
    pub address: Arc<str>,
    pub block: Option<Range>,
}

impl ResourceAt {
    pub fn new(address: Arc<str>, block: Option<Range>) -> Option<Arc<ResourceAt>> {
        Some(Arc::new(ResourceAt { address, block }))
    }
}

/// A finding ready for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule (its code, name, page), a pointer wide: a finding boxed in 128 bytes takes
    /// the allocator's 128-byte class, not the next one, 160 (a million findings on a
    /// generated stack).
    pub rule: &'static crate::rules::RuleMeta,
    pub severity: Severity,
    /// The resource the finding is about, when it is about one.
    pub at: Option<Arc<ResourceAt>>,
    pub diag: Diag,
    /// Every address the same finding was reached at (a block's instances, the calls of its
    /// module, its folder linted on its own), sorted, when there are several; empty otherwise
    /// (a pointer wide, and no allocation, as most are).
    pub instances: ThinVec<Arc<str>>,
    /// The hash SARIF and GitLab identify the finding by, when its module drew it while the
    /// file's text was there (see [`fingerprint::of`]); drawn when rendered otherwise.
    pub fingerprint: Option<std::num::NonZeroU64>,
}

impl Finding {
    /// The Terraform address of the resource, when the finding is about one.
    pub fn resource(&self) -> Option<&str> {
        self.at.as_deref().map(|at| &*at.address)
    }

    /// The whole resource block, when the finding is about a resource.
    pub fn block(&self) -> Option<Range> {
        self.at.as_ref().and_then(|at| at.block)
    }

    /// The rule's code (`COG203`).
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The rule's name (`implicit-grant`).
    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    /// A note on an unknown value (COG904, `--show-unknown`): shown, never counted as a
    /// problem, never failing a run, never suppressed, fixed or written to a baseline.
    pub fn is_note(&self) -> bool {
        self.rule.code == "COG904"
    }

    /// Where the finding applies: its instances, or its one resource.
    pub fn addresses(&self) -> Vec<&str> {
        if self.instances.is_empty() {
            self.resource().into_iter().collect()
        } else {
            self.instances.iter().map(|a| &**a).collect()
        }
    }
}

/// Moves the blocks of `findings` with `moved` (files renumbered or remapped), keeping the
/// resources shared: each is rewritten once, not once per finding.
pub fn move_blocks(findings: &mut [Box<Finding>], moved: impl Fn(Range) -> Range) {
    // By the old resource, kept alive so that its address names it alone.
    let mut rewritten: HashMap<*const ResourceAt, (Arc<ResourceAt>, Arc<ResourceAt>)> =
        HashMap::default();
    for at in findings.iter_mut().filter_map(|f| f.at.as_mut()) {
        if at.block.is_none() {
            continue;
        }
        let (_, new) = rewritten.entry(Arc::as_ptr(at)).or_insert_with(|| {
            let new = ResourceAt {
                address: at.address.clone(),
                block: at.block.map(&moved),
            };
            (at.clone(), Arc::new(new))
        });
        *at = new.clone();
    }
}

/// Replaces every text of `findings` by the run's copy of it (see [`Texts`]).
pub fn share_texts(findings: &mut Findings, texts: &Texts) {
    texts.with(|table| {
        for finding in findings.iter_mut() {
            let diag = &mut finding.diag;
            let labels = diag.labels.iter_mut().map(|l| &mut l.message);
            let fix = diag.fix.iter_mut().flat_map(|fix| {
                std::iter::once(&mut fix.message).chain(fix.edits.iter_mut().map(|e| &mut e.text))
            });
            let all = std::iter::once(&mut diag.message)
                .chain(diag.label.as_mut())
                .chain(diag.help.as_mut())
                .chain(labels)
                .chain(fix);
            for text in all {
                Texts::share(table, text);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_finding_fits_the_allocators_128_byte_class() {
        // A million findings on a generated stack: the next class up is 160 bytes.
        assert!(std::mem::size_of::<super::Finding>() <= 128);
    }
}
