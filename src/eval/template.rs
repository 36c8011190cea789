//! String templates: interpolations and `%{ if }` / `%{ for }` directives.

use super::iteration::iterate;
use super::limits::MAX_STRING;
use super::{EvalError, Evaluator};
use crate::value::Value;
use hcl_edit::template::{Directive, Element, Template};

impl Evaluator<'_> {
    /// What a string template renders to; unknown when some part of it is.
    pub(super) fn template(&mut self, template: &Template) -> Result<Value, EvalError> {
        // A template that is exactly one interpolation (`"${x}"`) yields x's value unchanged.
        if let Some(Element::Interpolation(interp)) = template.as_single_element() {
            return Ok(self.try_eval(&interp.expr)?.value);
        }
        let mut out = String::new();
        if let Some(unknown) = self.render_template(template, &mut out)? {
            return Ok(unknown);
        }
        if out.len() > MAX_STRING {
            let at = hcl_edit::Span::span(template).unwrap_or(0..0);
            return Ok(super::give_up(
                super::Cut::ValueSize,
                crate::value::Span::new(self.file, at),
            ));
        }
        Ok(Value::String(out.into()))
    }

    /// Appends the rendered template to `out`; `Ok(Some(unknown))` when some part is unknown.
    fn render_template(
        &mut self,
        template: &Template,
        out: &mut String,
    ) -> Result<Option<Value>, EvalError> {
        for element in template.iter() {
            // Too long already: stop here; `template` gives the whole up, and says so.
            if out.len() > MAX_STRING {
                return Ok(None);
            }
            match element {
                Element::Literal(lit) => out.push_str(lit.value()),
                Element::Interpolation(interp) => match self.try_eval(&interp.expr)?.value {
                    unknown @ Value::Unknown(_) => return Ok(Some(unknown)),
                    v => out.push_str(&v.as_text().ok_or(EvalError)?),
                },
                Element::Directive(directive) => match directive.as_ref() {
                    Directive::If(d) => {
                        let cond = self.try_eval(&d.if_expr.cond_expr)?.value;
                        if cond.is_unknown() {
                            return Ok(Some(cond));
                        }
                        let branch = if cond.as_bool().ok_or(EvalError)? {
                            Some(&d.if_expr.template)
                        } else {
                            d.else_expr.as_ref().map(|e| &e.template)
                        };
                        if let Some(branch) = branch {
                            if let Some(unknown) = self.render_template(branch, out)? {
                                return Ok(Some(unknown));
                            }
                        }
                    }
                    Directive::For(d) => {
                        let expr = &d.for_expr;
                        let collection = self.try_eval(&expr.collection_expr)?.value;
                        let pairs = match iterate(collection)? {
                            Ok(pairs) => pairs,
                            Err(unknown) => return Ok(Some(unknown)),
                        };
                        for (key, value) in pairs {
                            let bound = self.bind(
                                expr.key_var.as_deref().map(|k| k.as_str()),
                                expr.value_var.as_str(),
                                key,
                                value,
                            );
                            let rendered = self.render_template(&expr.template, out);
                            self.locals.truncate(self.locals.len() - bound);
                            if let Some(unknown) = rendered? {
                                return Ok(Some(unknown));
                            }
                        }
                    }
                },
            }
        }
        Ok(None)
    }
}
