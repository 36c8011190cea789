//! `declare_rule!`: a rule's metadata and its registry glue in one declaration, in the style of
//! clippy's `declare_clippy_lint!`, so that a rule file holds only what is its own: the
//! metadata, the options if it has any, and the check.

use super::Ctx;
use crate::finding::Diag;

/// A client rule's check, for a rule without options. `declare_rule!` makes the rule a
/// [`Rule`](super::Rule) whose `check` is this one.
pub(crate) trait Check {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>);
}

/// A client rule's check, for a rule with options: `options` are the ones the config file
/// set, read into the rule's `O` when the file was read, or `O::default()`.
pub(crate) trait CheckWith<O> {
    fn check(&self, cx: &Ctx, options: &O, out: &mut Vec<Diag>);
}

/// Declares a rule: code, name, default severity, which clients it reads ([`AppliesTo`]) and
/// the one-line summary `rules` prints. Its page is `rules/<code>-<name>.md`, compiled in.
///
/// A client rule is a unit struct listed in [`RULES`]; the macro declares it and its
/// [`Rule`] impl, and the rule file implements [`Check`]:
///
/// ```ignore
/// declare_rule! {
///     pub struct TokenRevocationDisabled: "COG205", "token-revocation-disabled", Warning, Both,
///     "`enable_token_revocation = false`: refresh tokens cannot be revoked"
/// }
///
/// impl Check for TokenRevocationDisabled {
///     fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) { ... }
/// }
/// ```
///
/// A rule with options names its serde type and lists the settings the config file may give,
/// each with the [`OptionKind`] the config reader checks (for its error messages) before the
/// settings are read into the type, once, when the file is read. The rule file implements
/// [`CheckWith`] for that type:
///
/// ```ignore
/// declare_rule! {
///     pub struct LongLivedRefreshToken: "COG211", "long-lived-refresh-token", Info, Both,
///     "the refresh token lasts longer than a threshold (default 30 days, option `max_days`)",
///     options: Options { max_days: PositiveNumber }
/// }
///
/// #[derive(Deserialize)]
/// #[serde(default, deny_unknown_fields)]
/// struct Options { max_days: f64 }   // and `impl Default for Options`
///
/// impl CheckWith<Options> for LongLivedRefreshToken {
///     fn check(&self, cx: &Ctx, options: &Options, out: &mut Vec<Diag>) { ... }
/// }
/// ```
///
/// A rule that another stage reports (the parser, the suppression pass, the panic guard) is its
/// metadata alone, a `static` for that stage to name:
///
/// ```ignore
/// declare_rule! {
///     pub static SYNTAX_ERROR: "COG000", "syntax-error", Error, Both,
///     "a file is not valid HCL or JSON; the other files are still linted"
/// }
/// ```
///
/// [`AppliesTo`]: super::AppliesTo
/// [`RULES`]: super::RULES
/// [`Rule`]: super::Rule
/// [`OptionKind`]: super::OptionKind
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        $vis:vis static $static:ident: $code:literal, $name:literal, $severity:ident,
        $applies:ident, $summary:literal $(,)?
    ) => {
        $(#[$attr])*
        $vis static $static: $crate::rules::RuleMeta = $crate::rules::declare_rule!(
            @meta $code, $name, $severity, $applies, $summary,
            $crate::rules::NoOptions, []
        );
    };
    (
        $(#[$attr:meta])*
        $vis:vis struct $rule:ident: $code:literal, $name:literal, $severity:ident,
        $applies:ident, $summary:literal,
        options: $options:ident { $($option:ident: $kind:ident),+ $(,)? } $(,)?
    ) => {
        $crate::rules::declare_rule!(@struct $(#[$attr])* $vis $rule, $code, $name, $summary);

        impl $crate::rules::Rule for $rule {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $crate::rules::declare_rule!(
                    @meta $code, $name, $severity, $applies, $summary,
                    $options, [$($option: $kind),+]
                );
                &META
            }

            fn check(&self, cx: &$crate::rules::Ctx, out: &mut Vec<$crate::finding::Diag>) {
                // Built on first use rather than for every client the config sets no options for.
                static DEFAULT: std::sync::LazyLock<$options> =
                    std::sync::LazyLock::new(<$options as Default>::default);
                let options = cx.options.get::<$options>().unwrap_or(&DEFAULT);
                $crate::rules::CheckWith::<$options>::check(self, cx, options, out)
            }
        }
    };
    (
        $(#[$attr:meta])*
        $vis:vis struct $rule:ident: $code:literal, $name:literal, $severity:ident,
        $applies:ident, $summary:literal $(,)?
    ) => {
        $crate::rules::declare_rule!(@struct $(#[$attr])* $vis $rule, $code, $name, $summary);

        impl $crate::rules::Rule for $rule {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $crate::rules::declare_rule!(
                    @meta $code, $name, $severity, $applies, $summary,
                    $crate::rules::NoOptions, []
                );
                &META
            }

            fn check(&self, cx: &$crate::rules::Ctx, out: &mut Vec<$crate::finding::Diag>) {
                $crate::rules::Check::check(self, cx, out)
            }
        }
    };
    (@struct $(#[$attr:meta])* $vis:vis $rule:ident, $code:literal, $name:literal, $summary:literal) => {
        $(#[$attr])*
        #[doc = concat!($code, " `", $name, "`: ", $summary, ". Its page is `rules/", $code, "-", $name, ".md`.")]
        $vis struct $rule;
    };
    (
        @meta $code:literal, $name:literal, $severity:ident, $applies:ident, $summary:literal,
        $options:ty, [$($option:ident: $kind:ident),*]
    ) => {
        $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::finding::Severity::$severity,
            applies_to: $crate::rules::AppliesTo::$applies,
            summary: $summary,
            doc: include_str!(concat!("../../rules/", $code, "-", $name, ".md")),
            options: &[$($crate::rules::OptionMeta {
                name: stringify!($option),
                kind: $crate::rules::OptionKind::$kind,
            }),*],
            read_options: $crate::rules::RuleOptions::read::<$options>,
        }
    };
}

pub(crate) use declare_rule;
