//! Which rules a run uses: the command line's and the config file's `--select`, `--ignore`,
//! severities and options.

use super::RuleOptions;
use crate::finding::Severity;
use std::collections::BTreeMap;

/// Which rules run, at which severity, with which options.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// Only these codes or names (all rules when `None`).
    pub select: Option<Vec<String>>,
    /// Never these codes or names.
    pub ignore: Vec<String>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Severity>,
    /// Rule options by code.
    pub options: BTreeMap<String, RuleOptions>,
    /// Suppression comments must give a reason (COG901).
    pub require_reason: bool,
    /// Notes on the unknown values rules read (COG904, `--show-unknown`).
    pub show_unknown: bool,
}

impl RuleSelection {
    fn matches(list: &[String], code: &str, name: &str) -> bool {
        list.iter()
            .any(|s| s.eq_ignore_ascii_case(code) || s == name || s.eq_ignore_ascii_case("all"))
    }

    pub fn is_enabled(&self, code: &str, name: &str) -> bool {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|s| Self::matches(s, code, name));
        selected && !Self::matches(&self.ignore, code, name)
    }

    pub fn severity_of(&self, code: &'static str, default: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(default)
    }
}
