//! `.cognito-lint.hcl`: the settings a repository shares. Read with hcl-rs and serde; every key,
//! block and value is checked, and a mistake names its line and what was expected.
//!
//! ```hcl
//! exclude = ["examples/**"]
//! fail_on = "warning"
//! rule "long-lived-refresh-token" {
//!   severity = "warning"
//!   max_days = 7
//! }
//! variables = { env = "prod" }
//! var_files = ["prod.tfvars"]
//! ```

use crate::discover::Exclude;
use crate::finding::Severity;
use crate::rules::{find_meta, suggest, OptionKind, RuleMeta, RuleOptions, RuleSelection};
use hcl::edit::expr::Expression as EditExpression;
use hcl::edit::structure::{Attribute, Block, Body, Structure};
use hcl::edit::Span as _;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".cognito-lint.hcl";

const KEYS: &[&str] = &[
    "exclude",
    "extends",
    "fail_on",
    "require_reason",
    "rule",
    "var_files",
    "variables",
];

/// The file's settings, checked.
#[derive(Debug, Default)]
pub struct Config {
    pub path: PathBuf,
    pub exclude: Exclude,
    pub fail_on: Option<Severity>,
    pub require_reason: Option<bool>,
    pub rules: Vec<RuleConfig>,
    /// Like `--var`, in file order; values that are not strings are given as HCL text.
    pub variables: Vec<(String, String)>,
    /// Relative to the config file's folder.
    pub var_files: Vec<PathBuf>,
    /// `extends = "../.cognito-lint.hcl"`: the file whose settings this one's are laid over,
    /// relative to this file's folder.
    pub extends: Option<PathBuf>,
}

/// A `rule "CODE|name" { ... }` block.
#[derive(Debug)]
pub struct RuleConfig {
    pub meta: &'static RuleMeta,
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    /// The block's options read into the rule's options type; empty when it sets none.
    pub options: RuleOptions,
}

/// An unreadable or invalid config file: exit code 2.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the mistake has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Config files are found by absolute path; one under the current folder is named
        // relative to it, as the user would write it.
        let here = std::env::current_dir().ok();
        let path = here
            .as_deref()
            .and_then(|dir| self.path.strip_prefix(dir).ok())
            .unwrap_or(&self.path);
        match self.position {
            Some((line, column)) => {
                write!(f, "{}:{line}:{column}: {}", path.display(), self.message)
            }
            None => write!(f, "{}: {}", path.display(), self.message),
        }
    }
}

/// How many files an `extends` chain may hold.
const MAX_EXTENDS: usize = 16;

/// Reads the config file at `path` and the files it extends, its settings laid over theirs.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let mut chain: Vec<PathBuf> = Vec::new();
    load_extending(path, &mut chain)
}

fn load_extending(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, ConfigError> {
    let config = load_one(path)?;
    let Some(parent) = &config.extends else {
        return Ok(config);
    };
    chain.push(crate::discover::absolute(path));
    let target = crate::discover::absolute(parent);
    if chain.contains(&target) || chain.len() >= MAX_EXTENDS {
        return Err(ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: format!(
                "`extends` makes a loop or a chain of more than {MAX_EXTENDS} files: {}",
                parent.display()
            ),
        });
    }
    let base = load_extending(parent, chain).map_err(|e| ConfigError {
        message: format!("{} (extended by {})", e.message, path.display()),
        ..e
    })?;
    Ok(config.over(base))
}

/// Reads one config file, without following `extends`.
pub fn load_one(path: &Path) -> Result<Config, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message,
    };
    let bytes = crate::fs::read_file_at_most(path, crate::fs::MAX_SETTINGS_SIZE).map_err(|e| {
        error(format!(
            "cannot read config file: {}",
            crate::fs::io_message(&e)
        ))
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| error("cannot read config file: it is not UTF-8 text".to_string()))?;
    parse(path, &text)
}

/// Checks `text` as the config file at `path`.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let reader = Reader { path, text };
    let body: Body = hcl::edit::parser::parse_body(text).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: Some((e.location().line(), e.location().column())),
        message: format!(
            "invalid HCL: {}",
            e.message().lines().next().unwrap_or("invalid syntax")
        ),
    })?;
    let mut config = Config {
        path: path.to_path_buf(),
        ..Config::default()
    };
    for structure in body.iter() {
        match structure {
            Structure::Attribute(attr) => {
                reader.attribute(attr, &mut config)?;
            }
            Structure::Block(block) => reader.rule_block(block, &mut config)?,
        }
    }
    // Globs are relative to the file's folder, wherever the linter runs from.
    config.exclude = config
        .exclude
        .based_at(path.parent().unwrap_or(Path::new("")));
    Ok(config)
}

impl Config {
    /// This file's settings laid over `base`'s (the file it extends): a setting given here
    /// wins, a rule's settings are merged one by one, and `exclude`, `variables` and
    /// `var_files` add to the base's (each glob and file relative to the file that names it).
    fn over(self, base: Config) -> Config {
        let mut rules = base.rules;
        for rule in self.rules {
            match rules.iter_mut().find(|r| r.meta.code == rule.meta.code) {
                Some(known) => {
                    known.enabled = rule.enabled.or(known.enabled);
                    known.severity = rule.severity.or(known.severity);
                    if !rule.options.is_empty() {
                        known.options = rule.options;
                    }
                }
                None => rules.push(rule),
            }
        }
        let mut variables = base.variables;
        variables.extend(self.variables);
        let mut var_files = base.var_files;
        var_files.extend(self.var_files);
        Config {
            path: self.path,
            exclude: base.exclude.and(&self.exclude),
            fail_on: self.fail_on.or(base.fail_on),
            require_reason: self.require_reason.or(base.require_reason),
            rules,
            variables,
            var_files,
            extends: self.extends,
        }
    }

    /// The file's rule settings as a selection, for command-line flags to override.
    pub fn selection(&self) -> RuleSelection {
        let mut selection = RuleSelection {
            require_reason: self.require_reason.unwrap_or(false),
            ..RuleSelection::default()
        };
        for rule in &self.rules {
            if rule.enabled == Some(false) {
                selection.ignore.push(rule.meta.code.to_string());
            }
            if let Some(severity) = rule.severity {
                selection
                    .severity
                    .insert(rule.meta.code.to_string(), severity);
            }
            if !rule.options.is_empty() {
                selection
                    .options
                    .insert(rule.meta.code.to_string(), rule.options.clone());
            }
        }
        selection
    }
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Reader<'_> {
    fn position(&self, span: Option<std::ops::Range<usize>>) -> Option<(usize, usize)> {
        let offset = span?.start.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some((line, before[line_start..].chars().count() + 1))
    }

    fn error(&self, span: Option<std::ops::Range<usize>>, message: String) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            position: self.position(span),
            message,
        }
    }

    /// A literal value of type `T`; `expected` says what the key takes.
    fn value<T: DeserializeOwned>(
        &self,
        expr: &EditExpression,
        key: &str,
        expected: &str,
    ) -> Result<T, ConfigError> {
        let value = literal(expr).ok_or_else(|| {
            self.error(
                expr.span(),
                format!("`{key}` must be a literal value ({expected}); references and functions are not evaluated here"),
            )
        })?;
        hcl::from_value(value).map_err(|e| {
            self.error(
                expr.span(),
                format!("`{key}` expects {expected}: {}", serde_message(&e)),
            )
        })
    }

    fn strings(&self, expr: &EditExpression, key: &str) -> Result<Vec<String>, ConfigError> {
        self.value(expr, key, "a list of strings")
    }

    fn severity(&self, expr: &EditExpression, key: &str) -> Result<Severity, ConfigError> {
        let expected = "one of \"error\", \"warning\", \"info\"";
        let name: String = self.value(expr, key, expected)?;
        Severity::parse(&name).ok_or_else(|| {
            self.error(
                expr.span(),
                format!("`{key}` expects {expected}, not \"{name}\""),
            )
        })
    }

    fn attribute(&self, attr: &Attribute, config: &mut Config) -> Result<(), ConfigError> {
        let key = attr.key.as_str();
        let value = &attr.value;
        match key {
            "exclude" => {
                let patterns = self.strings(value, key)?;
                config.exclude = Exclude::new(&patterns).map_err(|(i, message)| {
                    let element = match value {
                        EditExpression::Array(items) => items.iter().nth(i).and_then(|e| e.span()),
                        _ => None,
                    };
                    self.error(
                        element.or(value.span()),
                        format!("invalid glob `{}` in `exclude`: {message}", patterns[i]),
                    )
                })?;
            }
            "fail_on" => config.fail_on = Some(self.severity(value, key)?),
            "extends" => {
                let file: String = self.value(value, key, "the path of another config file")?;
                let dir = self.path.parent().unwrap_or(Path::new(""));
                config.extends = Some(dir.join(file));
            }
            "require_reason" => {
                config.require_reason = Some(self.value(value, key, "true or false")?)
            }
            "var_files" => {
                let dir = self.path.parent().unwrap_or(Path::new(""));
                config.var_files = self
                    .strings(value, key)?
                    .into_iter()
                    .map(|file| dir.join(file))
                    .collect();
            }
            "variables" => {
                let expected = "an object of variable values, like { env = \"prod\" }";
                let object: hcl::Map<String, hcl::Value> = self.value(value, key, expected)?;
                config.variables = object
                    .into_iter()
                    .map(|(name, value)| (name, variable_text(value)))
                    .collect();
            }
            "rule" => {
                return Err(self.error(
                    attr.span(),
                    "`rule` is a block: `rule \"CODE\" { enabled = false }`".to_string(),
                ))
            }
            _ => return Err(self.error(attr.key.span(), unknown("key", key, KEYS))),
        }
        Ok(())
    }

    fn rule_block(&self, block: &Block, config: &mut Config) -> Result<(), ConfigError> {
        let ident = block.ident.as_str();
        if ident != "rule" {
            return Err(self.error(block.ident.span(), unknown("block", ident, &["rule"])));
        }
        let [label] = block.labels.as_slice() else {
            return Err(self.error(
                block.ident.span(),
                "`rule` takes one label, the rule's code or name: `rule \"COG204\" { ... }`"
                    .to_string(),
            ));
        };
        let label_text = label.as_str();
        let meta = find_meta(label_text).ok_or_else(|| {
            let mut message = format!("unknown rule `{label_text}`");
            let metas = crate::rules::all_meta();
            match suggest::closest(label_text, metas.iter().flat_map(|m| [m.code, m.name])) {
                Some(near) => message.push_str(&format!("; did you mean `{near}`?")),
                None => message.push_str("; `cognito-lint rules` lists every code and name"),
            }
            self.error(label.span(), message)
        })?;
        if config.rules.iter().any(|r| r.meta.code == meta.code) {
            return Err(self.error(
                label.span(),
                format!("{} is configured twice (by code or by name)", meta.code),
            ));
        }
        let mut rule = RuleConfig {
            meta,
            enabled: None,
            severity: None,
            options: RuleOptions::new(),
        };
        let mut options = hcl::Map::new();
        let mut settings: Vec<&str> = vec!["enabled", "severity"];
        settings.extend(meta.options.iter().map(|o| o.name));
        for structure in block.body.iter() {
            let attr = match structure {
                Structure::Attribute(attr) => attr,
                Structure::Block(inner) => {
                    return Err(self.error(
                        inner.ident.span(),
                        format!(
                            "a rule block holds settings only ({}), not blocks",
                            settings.join(", ")
                        ),
                    ))
                }
            };
            let key = attr.key.as_str();
            match key {
                "enabled" => rule.enabled = Some(self.value(&attr.value, key, "true or false")?),
                "severity" => rule.severity = Some(self.severity(&attr.value, key)?),
                _ => {
                    let Some(option) = meta.options.iter().find(|o| o.name == key) else {
                        let what = format!("setting for {}", meta.code);
                        return Err(self.error(attr.key.span(), unknown(&what, key, &settings)));
                    };
                    let value = match option.kind {
                        OptionKind::PositiveNumber => {
                            let n: f64 = self.value(&attr.value, key, option.kind.expected())?;
                            if !(n > 0.0 && n.is_finite()) {
                                return Err(self.error(
                                    attr.value.span(),
                                    format!("`{key}` expects {}", option.kind.expected()),
                                ));
                            }
                            hcl::Value::from(n)
                        }
                    };
                    options.insert(key.to_string(), value);
                }
            }
        }
        // Each setting is checked above, with its place; the rule's options type reads them all
        // here, once for the run.
        if !options.is_empty() {
            rule.options = (meta.read_options)(hcl::Value::Object(options)).map_err(|e| {
                self.error(
                    label.span(),
                    format!("{}'s options: {}", meta.code, serde_message(&e)),
                )
            })?;
        }
        config.rules.push(rule);
        Ok(())
    }
}

/// "unknown key `fail_onn`; expected one of ...; did you mean `fail_on`?"
fn unknown(what: &str, found: &str, expected: &[&str]) -> String {
    let mut message = format!(
        "unknown {what} `{found}`; expected one of: {}",
        expected.join(", ")
    );
    if let Some(near) = suggest::closest(found, expected.iter().copied()) {
        message.push_str(&format!(" (did you mean `{near}`?)"));
    }
    message
}

/// The value of a literal expression: no references, calls or templates.
fn literal(expr: &EditExpression) -> Option<hcl::Value> {
    let expr: hcl::Expression = expr.clone().into();
    fn is_literal(expr: &hcl::Expression) -> bool {
        match expr {
            hcl::Expression::Null
            | hcl::Expression::Bool(_)
            | hcl::Expression::Number(_)
            | hcl::Expression::String(_) => true,
            hcl::Expression::Array(items) => items.iter().all(is_literal),
            hcl::Expression::Object(object) => object.iter().all(|(key, value)| {
                matches!(
                    key,
                    hcl::ObjectKey::Identifier(_)
                        | hcl::ObjectKey::Expression(hcl::Expression::String(_))
                ) && is_literal(value)
            }),
            hcl::Expression::Parenthesis(inner) => is_literal(inner),
            _ => false,
        }
    }
    is_literal(&expr).then(|| hcl::Value::from(expr))
}

/// A variable value as `--var` would give it: strings as they are, anything else as an HCL
/// expression (JSON's list and object syntax is valid HCL).
fn variable_text(value: hcl::Value) -> String {
    match value {
        hcl::Value::String(s) => s,
        other => serde_json::to_string(&other).unwrap_or_default(),
    }
}

/// serde's messages say "invalid type: string \"x\", expected a boolean"; keep the part that
/// says what was found.
fn serde_message(error: &hcl::Error) -> String {
    let message = error.to_string();
    let message = message.split(", expected").next().unwrap_or(&message);
    message.replace("invalid type: ", "found ")
}
