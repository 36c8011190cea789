//! The typed view of the resources rules read: every argument unset, null, known or unknown,
//! each with its span.

mod body;
mod instances;
mod presence;
pub mod reads;

pub use instances::{checked_instances, instances, MAX_INSTANCES};
pub use presence::{presence, Presence};

use crate::eval::{cut_value, take_instances, Binding, Cut, Evaluator, Scope};
use crate::schema::{is_read_resource, ClientKind};
use crate::value::{CauseKind, FileId, Reason, Span, Spanned, Value};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use hcl_edit::visit::{visit_traversal, Visit};
use hcl_edit::Span as _;
use std::borrow::Cow;

/// One argument as written.
#[derive(Debug, Clone)]
pub struct AttrView {
    pub name: String,
    pub key_span: Span,
    /// The whole argument, from its key to the end of its expression (`value.span` may point
    /// inside it: the branch a conditional took).
    pub span: Span,
    pub value: Spanned<Value>,
    /// The resources the expression refers to, as `type.name` (`aws_cognito_user_pool.pool`).
    pub refs: Vec<String>,
    /// Whether the expression can be null, for when its value is not known.
    pub presence: Presence,
}

/// One nested block as written.
#[derive(Debug, Clone)]
pub struct BlockView {
    pub name: String,
    pub ident_span: Span,
    pub labels: Vec<String>,
    /// Why the content is not known, when it is not: a `dynamic` block whose `for_each` is
    /// unknown.
    pub body: Result<BodyView, Reason>,
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
    /// The instance key with `count` or `for_each` (`[0]`, `["admin"]`).
    pub instance: Option<String>,
    pub body: BodyView,
}

impl Resource {
    /// `type.name`, as references spell it.
    pub fn address(&self) -> String {
        let mut address = String::with_capacity(self.resource_type.len() + 1 + self.name.len());
        address.push_str(&self.resource_type);
        address.push('.');
        address.push_str(&self.name);
        address
    }

    /// `type.name[key]`, as Terraform names the instance.
    pub fn instance_address(&self) -> String {
        let mut address = String::new();
        self.push_instance_address(&mut address);
        address
    }

    /// Appends `type.name[key]` to `out` (pushed, not formatted: one per client checked).
    pub fn push_instance_address(&self, out: &mut String) {
        let key = self.instance.as_deref().unwrap_or("");
        out.reserve(self.resource_type.len() + 1 + self.name.len() + key.len());
        out.push_str(&self.resource_type);
        out.push('.');
        out.push_str(&self.name);
        out.push_str(key);
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
}

/// A known list of strings; elements that are not known strings are `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct StrList<'a> {
    pub span: Span,
    /// Borrowed from the value when it holds strings, owned when converted (a number).
    pub items: Vec<Item<Option<Cow<'a, str>>>>,
}

impl StrList<'_> {
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

/// Builds views by evaluating expressions in a scope, with `each`/`count` and dynamic block
/// iterators bound.
pub struct Extractor<'a> {
    pub file: FileId,
    pub scope: &'a dyn Scope,
    pub bindings: Vec<Binding>,
}

impl Extractor<'_> {
    pub fn resource(&self, block: &Block, instance: Option<String>) -> Option<Resource> {
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
            instance,
            body: self.body(&block.body),
        })
    }

    pub fn eval(&self, expr: &Expression) -> Spanned<Value> {
        Evaluator::with_bindings(self.file, self.scope, &self.bindings).eval(expr)
    }

    pub fn body(&self, body: &Body) -> BodyView {
        // Sized once: a client's view holds twenty arguments of a few hundred bytes each.
        let mut view = BodyView {
            attrs: Vec::with_capacity(body.attributes().count()),
            blocks: Vec::new(),
        };
        for attr in body.attributes() {
            let key = attr.key.span().unwrap_or(0..0);
            let end = attr.value.span().map_or(key.end, |v| v.end);
            view.attrs.push(AttrView {
                name: attr.key.as_str().to_string(),
                key_span: Span::new(self.file, key.clone()),
                span: Span::new(self.file, key.start..end),
                value: self.eval(&attr.value),
                refs: references(&attr.value),
                presence: presence(&attr.value),
            });
        }
        for block in body.blocks() {
            if block.ident.as_str() == "dynamic" {
                view.blocks.extend(self.dynamic(block));
            } else {
                view.blocks.push(BlockView {
                    name: block.ident.as_str().to_string(),
                    ident_span: Span::new(self.file, block.ident.span().unwrap_or(0..0)),
                    labels: block
                        .labels
                        .iter()
                        .map(|l| l.as_str().to_string())
                        .collect(),
                    body: Ok(self.body(&block.body)),
                    dynamic: false,
                });
            }
        }
        view
    }

    /// A `dynamic "name"` block: one block per element of a known `for_each`, or one block
    /// of unknown content.
    fn dynamic(&self, block: &Block) -> Vec<BlockView> {
        let name = block
            .labels
            .first()
            .map(|l| l.as_str().to_string())
            .unwrap_or_default();
        let ident_span = Span::new(self.file, block.ident.span().unwrap_or(0..0));
        let view = |body| BlockView {
            name: name.clone(),
            ident_span,
            labels: vec![name.clone()],
            body,
            dynamic: true,
        };
        let iterator = match block.body.get_attribute("iterator").map(|a| &a.value) {
            Some(Expression::Variable(v)) => v.as_str().to_string(),
            _ => name.clone(),
        };
        let content = block.body.get_blocks("content").next();
        let for_each = block
            .body
            .get_attribute("for_each")
            .map(|a| self.eval(&a.value));
        let (Some(content), Some(for_each)) = (content, for_each) else {
            return vec![view(Err(Reason::NONE))];
        };
        let at = for_each.span;
        let elements = match crate::eval::iterate_collection(for_each.value) {
            Ok(elements) => elements,
            Err(reason) => return vec![view(Err(reason))],
        };
        if !take_dynamic_budget(elements.len()) {
            let cut = "more than 10,000 dynamic blocks"; // MAX_DYNAMIC_BLOCKS
            return vec![view(Err(Reason::new(CauseKind::Budget, cut, at)))];
        }
        elements
            .into_iter()
            .map(|(key, value)| {
                let span = value.span;
                let object = Value::Object(
                    vec![("key".to_string(), key), ("value".to_string(), value)].into(),
                );
                let mut bindings = self.bindings.clone();
                bindings.push((iterator.clone(), Spanned::new(object, span)));
                let inner = Extractor {
                    file: self.file,
                    scope: self.scope,
                    bindings,
                };
                view(Ok(inner.body(&content.body)))
            })
            .collect()
    }
}

/// How many blocks `dynamic` blocks may expand to in one resource; beyond, their content is
/// unknown. Nested `dynamic` blocks multiply, and a resource needs a handful.
const MAX_DYNAMIC_BLOCKS: usize = 10_000;

thread_local! {
    static DYNAMIC_BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(MAX_DYNAMIC_BLOCKS) };
}

fn take_dynamic_budget(blocks: usize) -> bool {
    DYNAMIC_BUDGET.with(|budget| {
        let left = budget.get();
        budget.set(left.saturating_sub(blocks));
        blocks <= left
    })
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

/// The resources of one module that rules read: its clients (one per instance) and the
/// pools, resource servers and identity providers they may refer to.
#[derive(Debug, Default)]
pub struct ModuleView {
    pub clients: Vec<Resource>,
    pub context: Vec<Resource>,
    /// Read from a plan: values are what Terraform will send, so an argument the configuration
    /// left unset may hold what the provider computed (`write_attributes = []` from state).
    pub planned: bool,
}

impl ModuleView {
    /// Adds the resources of interest among `blocks` (a file's top-level resource blocks).
    pub fn add_resource(&mut self, file: FileId, block: &Block, scope: &dyn Scope) {
        if block.ident.as_str() != "resource" || block.labels.len() != 2 {
            return;
        }
        let ty = block.labels[0].as_str();
        if !is_read_resource(ty) {
            return;
        }
        let is_client = ClientKind::from_type(ty).is_some();
        DYNAMIC_BUDGET.with(|budget| budget.set(MAX_DYNAMIC_BLOCKS));
        let extractor = Extractor {
            file,
            scope,
            bindings: Vec::new(),
        };
        if !is_client {
            self.context.extend(extractor.resource(block, None));
            return;
        }
        let at = Span::new(file, block.ident.span().unwrap_or(0..0));
        let once = |binding: Binding| Extractor {
            file,
            scope,
            bindings: vec![binding],
        };
        match checked_instances(&block.body, &extractor) {
            None => self.clients.extend(extractor.resource(block, None)),
            Some(Ok(instances)) => {
                if !take_instances(instances.len(), false, at) {
                    // Past the root's budget of instances, the block is checked once.
                    let cut = cut_value(Cut::Instances, at);
                    let name = if block.body.has_attribute("count") {
                        "count"
                    } else {
                        "each"
                    };
                    let unknown = once((name.to_string(), Spanned::new(cut, at)));
                    self.clients.extend(unknown.resource(block, None));
                    return;
                }
                for (key, binding) in instances {
                    self.clients
                        .extend(once(binding).resource(block, Some(key)));
                }
            }
            Some(Err(unknown)) => self.clients.extend(once(unknown).resource(block, None)),
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
