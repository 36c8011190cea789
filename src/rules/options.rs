//! Rule options: what `rule "CODE" { ... }` in the config file may set besides `enabled` and
//! `severity`, and how the settings reach the rule, typed.
//!
//! A rule with options declares a small serde type for them (COG211's `Options`); the config
//! reader checks each setting against the rule's [`OptionMeta`]s, then reads them all into that
//! type once, when the file is read. The value travels type-erased in [`RuleOptions`] and the
//! rule gets it back as its own type (see `declare_rule!`), never by looking up a name.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::any::Any;
use std::sync::Arc;

/// A rule option: its name and the values it takes, checked when the config file is read.
#[derive(Debug)]
pub struct OptionMeta {
    pub name: &'static str,
    pub kind: OptionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// A number greater than zero.
    PositiveNumber,
}

impl OptionKind {
    /// What the config file must hold, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            OptionKind::PositiveNumber => "a number greater than 0",
        }
    }
}

/// Reads a rule's checked settings (an object) into its options type.
pub type ReadOptions = fn(hcl::Value) -> Result<RuleOptions, hcl::Error>;

/// One rule's options as the config file set them, already read into the rule's own type.
///
/// The type differs from rule to rule, so it is held as `dyn Any`: one map in `RuleSelection`
/// holds every rule's, and only the rule that declared the type reads it back. Empty (the
/// default) when the file sets none; the rule then uses its type's `Default`.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions(Option<Arc<dyn Any + Send + Sync>>);

impl RuleOptions {
    /// No options set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `settings` read into `T`: a rule's [`ReadOptions`].
    pub fn read<T: DeserializeOwned + Send + Sync + 'static>(
        settings: hcl::Value,
    ) -> Result<Self, hcl::Error> {
        let options: T = hcl::from_value(settings)?;
        Ok(Self(Some(Arc::new(options))))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The options, when they are set and of type `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.as_deref()?.downcast_ref()
    }
}

/// The options type of a rule that has none: any setting is refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}
