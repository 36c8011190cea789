//! The typed view of the resources rules read: every argument unset, null, known or unknown,
//! each with its span.

use crate::eval::{Evaluator, Scope};
use crate::schema::ClientKind;
use crate::value::{FileId, Span, Spanned, Value};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use hcl_edit::visit::{visit_traversal, Visit};
use hcl_edit::Span as _;

/// Resource types other than the clients that cross-resource rules read.
pub const CONTEXT_TYPES: &[&str] = &[
    "aws_cognito_user_pool",
    "aws_cognito_resource_server",
    "aws_cognito_identity_provider",
];

/// One argument as written.
#[derive(Debug, Clone)]
pub struct AttrView {
    pub name: String,
    pub key_span: Span,
    pub value: Spanned<Value>,
    /// The resources the expression refers to, as `type.name` (`aws_cognito_user_pool.pool`).
    pub refs: Vec<String>,
}

/// One nested block as written.
#[derive(Debug, Clone)]
pub struct BlockView {
    pub name: String,
    pub ident_span: Span,
    pub labels: Vec<String>,
    /// `None` when the content is not known: a `dynamic` block whose `for_each` is unknown.
    pub body: Option<BodyView>,
    pub dynamic: bool,
}

/// A block body: arguments and nested blocks in source order, duplicates included.
#[derive(Debug, Clone, Default)]
pub struct BodyView {
    pub attrs: Vec<AttrView>,
    pub blocks: Vec<BlockView>,
}

/// A resource block of interest: a client, or a resource a client refers to.
#[derive(Debug, Clone)]
pub struct Resource {
    pub resource_type: String,
    pub name: String,
    pub file: FileId,
    /// The span of `"type" "name"`: where findings about something missing point.
    pub labels_span: Span,
    /// The whole block, from `resource` to `}`.
    pub block_span: Span,
    pub body: BodyView,
}

impl Resource {
    pub fn address(&self) -> String {
        format!("{}.{}", self.resource_type, self.name)
    }

    pub fn client_kind(&self) -> Option<ClientKind> {
        ClientKind::from_type(&self.resource_type)
    }
}

/// What an accessor found for an argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Known<T> {
    /// Not written, or `null`: the default applies.
    Unset,
    /// Written, but not computable (or not of the expected type).
    Unknown,
    Value(T),
}

impl<T> Known<T> {
    pub fn value(self) -> Option<T> {
        match self {
            Known::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_unset(&self) -> bool {
        matches!(self, Known::Unset)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Known::Unknown)
    }
}

/// A known scalar with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<T> {
    pub value: T,
    pub span: Span,
    pub origin: Option<Span>,
}

/// A known list of strings; elements that are not known strings are `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct StrList {
    pub span: Span,
    pub origin: Option<Span>,
    pub items: Vec<Item<Option<String>>>,
}

impl StrList {
    /// The elements that are known strings.
    pub fn known(&self) -> impl Iterator<Item = (&str, Span)> {
        self.items
            .iter()
            .filter_map(|i| i.value.as_deref().map(|v| (v, i.span)))
    }

    pub fn is_fully_known(&self) -> bool {
        self.items.iter().all(|i| i.value.is_some())
    }

    pub fn find(&self, value: &str) -> Option<Span> {
        self.known().find(|(v, _)| *v == value).map(|(_, s)| s)
    }

    pub fn contains(&self, value: &str) -> bool {
        self.find(value).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A nested block as the rules see it.
pub enum BlockArg<'a> {
    Absent,
    /// Present, but its content is not known (a `dynamic` block).
    Unknown(&'a BlockView),
    Present(&'a BlockView, &'a BodyView),
}

impl BodyView {
    /// The first argument of that name (later ones are duplicates, a finding of their own).
    pub fn attr(&self, name: &str) -> Option<&AttrView> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The argument's value; `null` counts as unset.
    pub fn value(&self, name: &str) -> Known<&Spanned<Value>> {
        match self.attr(name) {
            None => Known::Unset,
            Some(a) => match &a.value.value {
                Value::Null => Known::Unset,
                Value::Unknown => Known::Unknown,
                _ => Known::Value(&a.value),
            },
        }
    }

    pub fn string(&self, name: &str) -> Known<Item<String>> {
        self.scalar(name, Value::as_string)
    }

    pub fn number(&self, name: &str) -> Known<Item<f64>> {
        self.scalar(name, Value::as_number)
    }

    pub fn boolean(&self, name: &str) -> Known<Item<bool>> {
        self.scalar(name, Value::as_bool)
    }

    fn scalar<T>(&self, name: &str, convert: impl Fn(&Value) -> Option<T>) -> Known<Item<T>> {
        match self.value(name) {
            Known::Value(v) => match convert(&v.value) {
                Some(value) => Known::Value(Item {
                    value,
                    span: v.span,
                    origin: v.origin,
                }),
                None => Known::Unknown,
            },
            Known::Unset => Known::Unset,
            Known::Unknown => Known::Unknown,
        }
    }

    /// A list of strings. Elements that are unknown, or not strings, are `None`.
    pub fn list(&self, name: &str) -> Known<StrList> {
        match self.value(name) {
            Known::Value(v) => match &v.value {
                Value::List(items) => Known::Value(StrList {
                    span: v.span,
                    origin: v.origin,
                    items: items
                        .iter()
                        .map(|i| Item {
                            value: i.value.as_string(),
                            span: i.span,
                            origin: i.origin,
                        })
                        .collect(),
                }),
                _ => Known::Unknown,
            },
            Known::Unset => Known::Unset,
            Known::Unknown => Known::Unknown,
        }
    }

    /// The first nested block of that name (static or dynamic).
    pub fn block(&self, name: &str) -> BlockArg<'_> {
        match self.blocks.iter().find(|b| b.name == name) {
            None => BlockArg::Absent,
            Some(b) => match &b.body {
                Some(body) => BlockArg::Present(b, body),
                None => BlockArg::Unknown(b),
            },
        }
    }
}

/// Builds views by evaluating expressions in a scope.
pub struct Extractor<'a> {
    pub file: FileId,
    pub scope: &'a dyn Scope,
}

impl Extractor<'_> {
    pub fn resource(&self, block: &Block) -> Option<Resource> {
        if block.ident.as_str() != "resource" || block.labels.len() != 2 {
            return None;
        }
        let first = block.labels[0].span().unwrap_or(0..0);
        let last = block.labels[1].span().unwrap_or(0..0);
        Some(Resource {
            resource_type: block.labels[0].as_str().to_string(),
            name: block.labels[1].as_str().to_string(),
            file: self.file,
            labels_span: Span::new(self.file, first.start..last.end),
            block_span: Span::new(self.file, block.span().unwrap_or(first.start..last.end)),
            body: self.body(&block.body),
        })
    }

    pub fn body(&self, body: &Body) -> BodyView {
        let mut view = BodyView::default();
        for attr in body.attributes() {
            view.attrs
                .push(self.attr(attr.key.as_str(), attr.key.span(), &attr.value));
        }
        for block in body.blocks() {
            view.blocks.push(self.block(block));
        }
        view
    }

    fn attr(
        &self,
        name: &str,
        key_span: Option<std::ops::Range<usize>>,
        value: &Expression,
    ) -> AttrView {
        let mut evaluator = Evaluator::new(self.file, self.scope);
        AttrView {
            name: name.to_string(),
            key_span: Span::new(self.file, key_span.unwrap_or(0..0)),
            value: evaluator.eval(value),
            refs: references(value),
        }
    }

    fn block(&self, block: &Block) -> BlockView {
        let ident_span = Span::new(self.file, block.ident.span().unwrap_or(0..0));
        let labels: Vec<String> = block
            .labels
            .iter()
            .map(|l| l.as_str().to_string())
            .collect();
        if block.ident.as_str() == "dynamic" {
            // The content of a dynamic block depends on its for_each: unknown until the
            // evaluation knows the collection.
            return BlockView {
                name: labels.first().cloned().unwrap_or_default(),
                ident_span,
                labels,
                body: None,
                dynamic: true,
            };
        }
        BlockView {
            name: block.ident.as_str().to_string(),
            ident_span,
            labels,
            body: Some(self.body(&block.body)),
            dynamic: false,
        }
    }
}

/// The resources an expression refers to, as `type.name` (and `data.type.name`,
/// `module.name`).
pub fn references(expr: &Expression) -> Vec<String> {
    struct Refs(Vec<String>);
    impl Visit for Refs {
        fn visit_traversal(&mut self, node: &hcl_edit::expr::Traversal) {
            if let Expression::Variable(root) = &node.expr {
                let attrs: Vec<&str> = node
                    .operators
                    .iter()
                    .map_while(|op| match op.value() {
                        hcl_edit::expr::TraversalOperator::GetAttr(a) => Some(a.as_str()),
                        _ => None,
                    })
                    .collect();
                let root = root.as_str();
                let reference = match (root, attrs.as_slice()) {
                    ("data", [t, n, ..]) => Some(format!("data.{t}.{n}")),
                    ("module", [n, ..]) => Some(format!("module.{n}")),
                    ("var" | "local" | "each" | "count" | "path" | "terraform" | "self", _) => None,
                    (_, [n, ..]) => Some(format!("{root}.{n}")),
                    _ => None,
                };
                if let Some(r) = reference {
                    if !self.0.contains(&r) {
                        self.0.push(r);
                    }
                }
            }
            visit_traversal(self, node);
        }
    }
    let mut refs = Refs(Vec::new());
    refs.visit_expr(expr);
    refs.0
}

/// The resources of one module that rules read: its clients and the pools, resource servers
/// and identity providers they may refer to.
#[derive(Debug, Default)]
pub struct ModuleView {
    pub clients: Vec<Resource>,
    pub context: Vec<Resource>,
}

impl ModuleView {
    pub fn add_file(&mut self, file: FileId, body: &Body, scope: &dyn Scope) {
        let extractor = Extractor { file, scope };
        for block in body.blocks() {
            if block.ident.as_str() != "resource" || block.labels.len() != 2 {
                continue;
            }
            let ty = block.labels[0].as_str();
            let is_client = ClientKind::from_type(ty).is_some();
            if !is_client && !CONTEXT_TYPES.contains(&ty) {
                continue;
            }
            if let Some(resource) = extractor.resource(block) {
                if is_client {
                    self.clients.push(resource);
                } else {
                    self.context.push(resource);
                }
            }
        }
    }

    /// The resource at `address` (`aws_cognito_user_pool.pool`), when the module declares it.
    pub fn resource(&self, address: &str) -> Option<&Resource> {
        self.context.iter().find(|r| r.address() == address)
    }

    pub fn of_type<'a>(&'a self, resource_type: &'a str) -> impl Iterator<Item = &'a Resource> {
        self.context
            .iter()
            .filter(move |r| r.resource_type == resource_type)
    }

    /// The `aws_cognito_user_pool` the client's `user_pool_id` refers to, if declared here.
    pub fn user_pool_of(&self, client: &Resource) -> Option<&Resource> {
        let attr = client.body.attr("user_pool_id")?;
        attr.refs
            .iter()
            .filter(|r| r.starts_with("aws_cognito_user_pool."))
            .find_map(|r| self.resource(r))
    }
}
