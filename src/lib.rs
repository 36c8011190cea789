//! cognito-lint: finds mistakes in `aws_cognito_user_pool_client` and
//! `aws_cognito_managed_user_pool_client` blocks before `terraform apply`.
//!
//! The pipeline: [`discover`] the modules (folders), check each root [`module`] in parallel
//! (read, parse, evaluate with [`eval`], extract the clients with [`extract`], run the
//! [`rules`]), then gather the findings into a [`Report`], sorted so that output is the same
//! on every run, and apply suppression comments ([`suppress`]). [`render`] prints it.

pub mod baseline;
pub mod cli;
pub mod comments;
pub mod config;
pub mod discover;
pub mod eval;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod fs;
pub mod guard;
pub mod ignores;
pub mod json;
pub mod module;
pub mod render;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod scan;
pub mod schema;
pub mod server;
pub mod source;
pub mod suppress;
pub mod value;

mod lint;

pub use discover::StdinInput;
pub use lint::{lint, lint_texts, lint_with, max_jobs, one_module, thread_pool, LintOptions};
pub use report::{Report, RunError};
pub use resolve::ConfigSource;
pub use rules::RuleSelection;
