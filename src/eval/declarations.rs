//! What a module declares (variables, locals, module calls, resources) and the values given to
//! its variables; a [`ModuleScope`] resolves `var.x` and `local.y` from them, lazily, only when
//! a client reads them.

use super::types::{convert, Type};
use super::{Evaluator, ModuleFiles, NoScope, Scope};
use crate::value::{CauseKind, FileId, Span, Spanned, Value};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// A `variable` block.
pub struct VariableDecl<'a> {
    pub file: FileId,
    pub default: Option<&'a Expression>,
    pub ty: Type,
    /// `nullable = false`: a null argument takes the default.
    pub nullable: bool,
}

/// What a module declares, across its files.
#[derive(Default)]
pub struct Declarations<'a> {
    pub variables: HashMap<&'a str, VariableDecl<'a>>,
    pub locals: HashMap<&'a str, (FileId, &'a Expression)>,
    /// `module` calls, in file order.
    pub modules: Vec<(FileId, &'a Block)>,
    /// `resource` blocks, in file order.
    pub resources: Vec<(FileId, &'a Block)>,
}

impl<'a> Declarations<'a> {
    pub fn collect(bodies: &'a [(FileId, Body)]) -> Declarations<'a> {
        let mut decls = Declarations::default();
        for (file, body) in bodies {
            for block in body.blocks() {
                let label = block.labels.first().map(|l| l.as_str());
                match (block.ident.as_str(), label) {
                    ("variable", Some(name)) => {
                        decls.variables.insert(
                            name,
                            VariableDecl {
                                file: *file,
                                default: block.body.get_attribute("default").map(|a| &a.value),
                                ty: block
                                    .body
                                    .get_attribute("type")
                                    .map_or(Type::Any, |a| Type::parse(&a.value)),
                                nullable: !matches!(
                                    block.body.get_attribute("nullable").map(|a| &a.value),
                                    Some(Expression::Bool(b)) if !*b.value()
                                ),
                            },
                        );
                    }
                    ("locals", _) => {
                        for attr in block.body.attributes() {
                            decls.locals.insert(attr.key.as_str(), (*file, &attr.value));
                        }
                    }
                    ("module", Some(_)) => decls.modules.push((*file, block)),
                    ("resource", Some(_)) => decls.resources.push((*file, block)),
                    _ => {}
                }
            }
        }
        decls
    }
}

/// The values given to a module's variables (tfvars, `--var`, a module call's arguments),
/// before conversion to the declared type.
pub type Inputs = BTreeMap<String, Spanned<Value>>;

/// Resolves `var.x` and `local.y` for one module instance.
pub struct ModuleScope<'a> {
    decls: &'a Declarations<'a>,
    inputs: &'a Inputs,
    /// Where `file()` reads and what `path.*` are; `None`: unknown.
    files: Option<&'a ModuleFiles<'a>>,
    /// Locals evaluated so far; `None` while one is being evaluated (a cycle is unknown).
    locals: RefCell<HashMap<String, Option<Spanned<Value>>>>,
    /// Variables converted so far: every reference then shares one value (a default or an
    /// input converted on each reference would be built, and charged, again).
    variables: RefCell<HashMap<String, Option<Spanned<Value>>>>,
    /// Whether a variable given no value takes its default (else it is unknown).
    defaults: bool,
}

impl<'a> ModuleScope<'a> {
    pub fn new(decls: &'a Declarations<'a>, inputs: &'a Inputs) -> ModuleScope<'a> {
        ModuleScope {
            decls,
            inputs,
            files: None,
            locals: RefCell::new(HashMap::new()),
            variables: RefCell::new(HashMap::new()),
            defaults: true,
        }
    }

    /// The scope, reading files and knowing `path.*` through `files`.
    pub fn with_files(mut self, files: &'a ModuleFiles<'a>) -> ModuleScope<'a> {
        self.files = Some(files);
        self
    }

    fn variable(&self, name: &str) -> Option<Spanned<Value>> {
        if let Some(done) = self.variables.borrow().get(name) {
            return done.clone();
        }
        let value = self.convert_variable(name);
        // A value with unknown parts may hold a budget's cut, which another reference, with
        // budget left, would not meet: only a wholly known value is kept.
        if value.as_ref().is_none_or(|v| v.value.is_wholly_known()) {
            self.variables
                .borrow_mut()
                .insert(name.to_string(), value.clone());
        }
        value
    }

    fn convert_variable(&self, name: &str) -> Option<Spanned<Value>> {
        let decl = self.decls.variables.get(name)?;
        // A default is a literal: it cannot refer to anything.
        let default = || {
            decl.default
                .map(|d| Evaluator::new(decl.file, &NoScope).eval(d))
        };
        let value = match self.inputs.get(name) {
            Some(v) if v.value == Value::Null && !decl.nullable && self.defaults => default()?,
            Some(v) => v.clone(),
            None if self.defaults => default()?,
            None => return None,
        };
        Some(convert(value, &decl.ty))
    }

    fn local(&self, name: &str) -> Option<Spanned<Value>> {
        if let Some(done) = self.locals.borrow().get(name) {
            return done.clone();
        }
        let (file, expr) = *self.decls.locals.get(name)?;
        self.locals.borrow_mut().insert(name.to_string(), None);
        let value = Evaluator::new(file, self).eval(expr);
        // Locals built from locals could nest without bound across evaluations (each one
        // cached): past this depth a value is unknown, so that nothing recursing over values
        // runs out of stack.
        let value = if deeper_than(&value.value, MAX_LOCAL_DEPTH) {
            let at = value.span;
            Spanned::new(
                Value::unknown(
                    CauseKind::Budget,
                    format!("a local nested more than {MAX_LOCAL_DEPTH} deep"),
                    at,
                ),
                at,
            )
        } else {
            value
        };
        self.locals
            .borrow_mut()
            .insert(name.to_string(), Some(value.clone()));
        Some(value)
    }
}

impl Scope for ModuleScope<'_> {
    fn resolve(&self, root: &str, attr: Option<&str>, span: Span) -> Option<Spanned<Value>> {
        match (root, attr) {
            ("var", Some(name)) => self.variable(name),
            ("local", Some(name)) => self.local(name),
            ("path", Some(which)) => {
                let files = self.files?;
                let path = match which {
                    "module" => files.path_module()?,
                    "root" => ".".to_string(),
                    "cwd" => files.path_cwd()?,
                    _ => return None,
                };
                Some(Spanned::new(Value::String(path.into()), span))
            }
            _ => None,
        }
    }

    fn without_defaults(&self) -> Option<Box<dyn Scope + '_>> {
        Some(Box::new(ModuleScope {
            files: self.files,
            defaults: false,
            ..ModuleScope::new(self.decls, self.inputs)
        }))
    }

    fn files(&self) -> Option<&ModuleFiles<'_>> {
        self.files
    }
}

/// How deeply a local's value may nest lists and objects.
const MAX_LOCAL_DEPTH: usize = 64;

/// Whether `value` nests lists and objects more than `limit` deep.
fn deeper_than(value: &Value, limit: usize) -> bool {
    let children: Box<dyn Iterator<Item = &Value>> = match value {
        Value::List(items) => Box::new(items.values()),
        Value::Object(items) => Box::new(items.values().map(|(_, v)| v)),
        _ => return false,
    };
    limit == 0 || children.into_iter().any(|c| deeper_than(c, limit - 1))
}

/// A value given as text (`--var name=value`, `TF_VAR_name`): the raw string for a primitive
/// type, an HCL expression otherwise, as Terraform reads them.
pub fn parse_text_input(text: &str, ty: &Type) -> Spanned<Value> {
    let span = Span::point(crate::value::NO_FILE, 0);
    // With no declared type, Terraform reads a value that looks like a list or map as one.
    let complex = !ty.is_primitive() && (!matches!(ty, Type::Any) || looks_complex(text));
    if complex {
        match hcl_edit::parser::parse_expr(text) {
            Ok(expr) => Spanned::new(
                Evaluator::new(crate::value::NO_FILE, &NoScope)
                    .eval(&expr)
                    .value,
                span,
            ),
            Err(_) => Spanned::new(Value::unknown(CauseKind::Invalid, "", span), span),
        }
    } else {
        Spanned::new(Value::String(text.to_string().into()), span)
    }
}

fn looks_complex(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('[') || t.starts_with('{')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(src: &str) -> Vec<(FileId, Body)> {
        vec![(0, hcl_edit::parser::parse_body(src).unwrap())]
    }

    fn eval(bodies: &[(FileId, Body)], inputs: &Inputs, expr: &str) -> Value {
        let decls = Declarations::collect(bodies);
        let scope = ModuleScope::new(&decls, inputs);
        let expr = hcl_edit::parser::parse_expr(expr).unwrap();
        Evaluator::new(0, &scope).eval(&expr).value
    }

    #[test]
    fn variables_use_inputs_then_defaults() {
        let m = module("variable \"a\" {\n default = 1\n}\nvariable \"b\" {\n type = number\n}\nvariable \"c\" {}\n");
        let mut inputs = Inputs::new();
        inputs.insert(
            "b".into(),
            Spanned::new(Value::String("7".into()), Span::point(0, 0)),
        );
        assert_eq!(eval(&m, &inputs, "var.a"), Value::Number(1.0));
        assert_eq!(eval(&m, &inputs, "var.b"), Value::Number(7.0));
        assert_eq!(eval(&m, &inputs, "var.c"), Value::UNKNOWN);
        assert_eq!(eval(&m, &inputs, "var.undeclared"), Value::UNKNOWN);
    }

    #[test]
    fn locals_in_any_order_and_cycles_are_unknown() {
        let m = module("locals {\n a = local.b * 2\n b = 3\n x = local.y\n y = local.x\n}\n");
        let inputs = Inputs::new();
        assert_eq!(eval(&m, &inputs, "local.a"), Value::Number(6.0));
        assert_eq!(eval(&m, &inputs, "local.x"), Value::UNKNOWN);
    }

    #[test]
    fn values_carry_their_origin() {
        let m = module("locals {\n url = \"http://x\"\n}\n");
        let decls = Declarations::collect(&m);
        let inputs = Inputs::new();
        let scope = ModuleScope::new(&decls, &inputs);
        let expr = hcl_edit::parser::parse_expr("local.url").unwrap();
        let v = Evaluator::new(0, &scope).eval(&expr);
        assert_eq!(v.span.start, 0);
        let origin = v.span.origin.expect("origin");
        assert_eq!(origin.start, 16);
    }
}
