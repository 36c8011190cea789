//! Whether an argument is set when its value is not known: an expression that cannot be null
//! (a literal, a template, arithmetic, a managed resource's or data source's attribute) sets
//! the argument whatever it evaluates to at apply, so the rules that ask only whether an
//! argument is set (conflicts, exactly-one, also-requires) can answer. Anything that may be null
//! (a variable, a local, a module output, `try`, `lookup`, a conditional with a null branch, a
//! function not listed here) leaves presence unknown.

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::template::Element;

/// What the expression says about its value before it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// It may be null: whether the argument is set is not known.
    Maybe,
    /// It cannot be null.
    Set,
    /// It cannot be null, and as a string it cannot be empty (a template with literal text).
    NonEmpty,
}

/// Functions whose result is never null, whatever their arguments (an argument that is null
/// makes Terraform fail, not return null).
const NEVER_NULL_FUNCTIONS: &[&str] = &[
    "abs",
    "base64encode",
    "ceil",
    "concat",
    "floor",
    "format",
    "formatlist",
    "join",
    "jsonencode",
    "keys",
    "length",
    "lower",
    "max",
    "min",
    "replace",
    "split",
    "substr",
    "title",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "upper",
    "urlencode",
    "values",
];

/// The presence of `expr`'s value.
pub fn presence(expr: &Expression) -> Presence {
    match expr {
        Expression::Null(_) => Presence::Maybe,
        Expression::String(s) if !s.value().is_empty() => Presence::NonEmpty,
        Expression::Bool(_)
        | Expression::Number(_)
        | Expression::String(_)
        | Expression::Array(_)
        | Expression::Object(_)
        | Expression::ForExpr(_)
        | Expression::UnaryOp(_)
        | Expression::BinaryOp(_) => Presence::Set,
        Expression::StringTemplate(template) => template_presence(template),
        Expression::HeredocTemplate(heredoc) => template_presence(&heredoc.template),
        Expression::Parenthesis(inner) => presence(inner.inner()),
        Expression::Conditional(cond) => {
            match (presence(&cond.true_expr), presence(&cond.false_expr)) {
                (Presence::Maybe, _) | (_, Presence::Maybe) => Presence::Maybe,
                (Presence::NonEmpty, Presence::NonEmpty) => Presence::NonEmpty,
                _ => Presence::Set,
            }
        }
        Expression::FuncCall(call) => {
            let name = call.name.name.as_str();
            if call.name.namespace.is_empty() && NEVER_NULL_FUNCTIONS.contains(&name) {
                Presence::Set
            } else {
                Presence::Maybe
            }
        }
        Expression::Traversal(traversal) => resource_attribute(traversal),
        Expression::Variable(_) => Presence::Maybe,
    }
}

/// A template is never null; with literal text, never empty. One that is a single
/// interpolation (`"${x}"`) is `x`.
fn template_presence(template: &hcl_edit::template::Template) -> Presence {
    if let Some(Element::Interpolation(interp)) = template.as_single_element() {
        return presence(&interp.expr);
    }
    let literal_text = template.iter().any(|e| match e {
        Element::Literal(lit) => !lit.value().is_empty(),
        _ => false,
    });
    if literal_text {
        Presence::NonEmpty
    } else {
        Presence::Set
    }
}

/// `aws_x.name.attr` or `data.aws_x.name.attr` (an instance index allowed after the name): an
/// attribute the provider computes. Other references (`var`, `local`, `module`, `each`,
/// `count`, `path`, `self`) may be null.
fn resource_attribute(traversal: &hcl_edit::expr::Traversal) -> Presence {
    let Expression::Variable(root) = &traversal.expr else {
        return Presence::Maybe;
    };
    let root = root.as_str();
    let ops: Vec<&TraversalOperator> = traversal.operators.iter().map(|o| o.value()).collect();
    let is_attr = |op: &&TraversalOperator| matches!(op, TraversalOperator::GetAttr(_));
    let is_index = |op: &&TraversalOperator| {
        matches!(
            op,
            TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)
        )
    };
    // The operators after the resource's name: an optional instance index, then the attribute.
    let after_name = match root {
        "data" => ops.get(2..),
        "var" | "local" | "module" | "each" | "count" | "path" | "self" | "terraform" => None,
        _ if root.contains('_') => ops.get(1..),
        _ => None,
    };
    let Some(rest) = after_name else {
        return Presence::Maybe;
    };
    let named = match root {
        "data" => ops.len() >= 2 && ops[..2].iter().all(is_attr),
        _ => ops.first().is_some_and(is_attr),
    };
    let attribute = match rest {
        [attr] => is_attr(attr),
        [index, attr] => is_index(index) && is_attr(attr),
        _ => false,
    };
    if named && attribute {
        Presence::Set
    } else {
        Presence::Maybe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Presence {
        presence(&hcl_edit::parser::parse_expr(text).unwrap())
    }

    #[test]
    fn what_cannot_be_null_sets_an_argument() {
        assert_eq!(of("aws_pinpoint_app.app.arn"), Presence::Set);
        assert_eq!(of("aws_pinpoint_app.app[0].arn"), Presence::Set);
        assert_eq!(of("data.aws_iam_role.r.arn"), Presence::Set);
        assert_eq!(of("\"https://${aws_lb.x.dns_name}/\""), Presence::NonEmpty);
        assert_eq!(of("\"${aws_lb.x.dns_name}\""), Presence::Set);
        assert_eq!(of("format(\"%s\", var.x)"), Presence::Set);
        assert_eq!(of("var.on ? \"a\" : \"b\""), Presence::NonEmpty);
        assert_eq!(of("1 + var.x"), Presence::Set);
    }

    #[test]
    fn what_may_be_null_keeps_presence_unknown() {
        for text in [
            "var.arn",
            "local.arn",
            "module.app.arn",
            "each.value.arn",
            "var.on ? aws_pinpoint_app.app.arn : null",
            "try(aws_pinpoint_app.app.arn, null)",
            "lookup(var.m, \"arn\", null)",
            "aws_pinpoint_app.app",
            "aws_pinpoint_app.app.settings.arn",
            "\"${var.arn}\"",
            "null",
        ] {
            assert_eq!(of(text), Presence::Maybe, "{text}");
        }
    }
}
