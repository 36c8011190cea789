//! The server's settings, from `initializationOptions` and `workspace/didChangeConfiguration`:
//! the command line's rule and variable flags, under the same names.
//!
//! ```json
//! { "select": ["COG101", "COG204"], "ignore": ["COG204"], "severity": {"COG204": "error"},
//!   "vars": {"env": "prod"}, "varFiles": ["prod.tfvars"], "config": ".cognito-lint.hcl",
//!   "noConfig": false, "showUnknown": false }
//! ```
//! Editors nest their settings under the extension's name: a `cognito-lint` (or `cognitoLint`)
//! key is looked into first.

use crate::finding::Severity;
use crate::lint::LintOptions;
use crate::resolve::ConfigSource;
use crate::rules::{find_meta, unknown_rule_message, RuleSelection};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Raw {
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    /// `{"COG204": "error"}`, or the command line's `["COG204=error"]`.
    severity: Pairs,
    /// `{"name": "value"}`, or the command line's `["name=value"]`.
    vars: Pairs,
    var_files: Vec<PathBuf>,
    config: Option<PathBuf>,
    no_config: bool,
    require_reason: bool,
    /// `--show-unknown`: the notes on unknown values, as hints.
    show_unknown: bool,
    debounce_ms: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
enum Pairs {
    #[default]
    None,
    Map(BTreeMap<String, Value>),
    List(Vec<String>),
}

impl Pairs {
    fn entries(&self) -> Vec<(String, String)> {
        match self {
            Pairs::None => Vec::new(),
            Pairs::Map(map) => map
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), value)
                })
                .collect(),
            Pairs::List(items) => items
                .iter()
                .map(|item| match item.split_once('=') {
                    Some((k, v)) => (k.trim().to_string(), v.to_string()),
                    None => (item.clone(), String::new()),
                })
                .collect(),
        }
    }
}

/// The settings in force, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: RuleSelection,
    pub variables: Vec<(String, String)>,
    pub var_files: Vec<PathBuf>,
    pub config: ConfigSource,
    /// How long a burst of changes is waited out before linting again.
    pub debounce: std::time::Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: RuleSelection::default(),
            variables: Vec::new(),
            var_files: Vec::new(),
            config: ConfigSource::Nearest,
            debounce: std::time::Duration::from_millis(DEFAULT_DEBOUNCE_MS),
        }
    }
}

const DEFAULT_DEBOUNCE_MS: u64 = 50;

impl Settings {
    /// Settings from the client's JSON (`null` gives the defaults); relative paths are taken
    /// from `root`, the workspace folder. Entries that are wrong are left out and described in
    /// the returned messages, so that one typo does not turn every other setting off.
    pub fn from_json(value: &Value, root: Option<&Path>) -> (Settings, Vec<String>) {
        let value = value
            .get("cognito-lint")
            .or_else(|| value.get("cognitoLint"))
            .unwrap_or(value);
        let mut problems = Vec::new();
        let raw: Raw = match value {
            Value::Null => Raw::default(),
            _ => serde_json::from_value(value.clone()).unwrap_or_else(|e| {
                problems.push(format!("settings ignored: {e}"));
                Raw::default()
            }),
        };
        let mut known = |setting: &str, code: &String| {
            let ok = code.eq_ignore_ascii_case("all") || find_meta(code).is_some();
            if !ok {
                problems.push(format!("{setting}: {}", unknown_rule_message(code)));
            }
            ok
        };
        let mut rules = RuleSelection {
            select: raw
                .select
                .map(|s| s.into_iter().filter(|c| known("select", c)).collect()),
            ignore: raw
                .ignore
                .into_iter()
                .filter(|c| known("ignore", c))
                .collect(),
            require_reason: raw.require_reason,
            show_unknown: raw.show_unknown,
            ..RuleSelection::default()
        };
        for (code, level) in raw.severity.entries() {
            match (find_meta(code.trim()), Severity::parse(level.trim())) {
                (Some(meta), Some(level)) => {
                    rules.severity.insert(meta.code.to_string(), level);
                }
                (None, _) => problems.push(format!("severity: {}", unknown_rule_message(&code))),
                (_, None) => problems.push(format!(
                    "severity {code}: unknown level `{level}`; the levels are error, warning, info"
                )),
            }
        }
        let variables = raw
            .vars
            .entries()
            .into_iter()
            .filter(|(name, _)| !name.trim().is_empty())
            .collect();
        let resolve = |p: PathBuf| match root {
            Some(root) if p.is_relative() => root.join(p),
            _ => p,
        };
        let config = match (raw.config, raw.no_config) {
            (_, true) => ConfigSource::None,
            (Some(path), false) => ConfigSource::File(resolve(path)),
            (None, false) => ConfigSource::Nearest,
        };
        let settings = Settings {
            rules,
            variables,
            var_files: raw.var_files.into_iter().map(resolve).collect(),
            config,
            debounce: std::time::Duration::from_millis(
                raw.debounce_ms.unwrap_or(DEFAULT_DEBOUNCE_MS),
            ),
        };
        (settings, problems)
    }

    /// The lint options of one run; the caller adds the paths and buffers.
    pub fn options(&self) -> LintOptions {
        LintOptions {
            rules: self.rules.clone(),
            variables: self.variables.clone(),
            var_files: self.var_files.clone(),
            config: self.config.clone(),
            ..LintOptions::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mirrors_the_command_line() {
        let (settings, problems) = Settings::from_json(
            &json!({"cognito-lint": {
                "select": ["COG101", "COG204"], "ignore": ["COG204", "COG999"],
                "severity": ["COG204=info"], "vars": {"env": "prod", "n": 3},
                "varFiles": ["prod.tfvars"], "config": "lint.hcl"
            }}),
            Some(Path::new("/ws")),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("COG999"));
        assert_eq!(settings.rules.ignore, vec!["COG204".to_string()]);
        assert_eq!(settings.rules.severity["COG204"], Severity::Info);
        assert_eq!(
            settings.variables,
            vec![("env".into(), "prod".into()), ("n".into(), "3".into())]
        );
        assert_eq!(settings.var_files, vec![PathBuf::from("/ws/prod.tfvars")]);
        assert!(matches!(settings.config, ConfigSource::File(p) if p == Path::new("/ws/lint.hcl")));
    }

    #[test]
    fn null_gives_the_defaults() {
        let (settings, problems) = Settings::from_json(&Value::Null, None);
        assert!(problems.is_empty());
        assert!(matches!(settings.config, ConfigSource::Nearest));
        assert!(settings.rules.select.is_none());
    }
}
