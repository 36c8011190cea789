//! A JSON configuration, written out as the native-syntax text it stands for.
//!
//! Only what the linter reads is written: the clients and the resources they refer to,
//! variables, locals and module calls. In expression positions a JSON string is a template
//! (`"${var.x}"`); a variable's `default` is a literal; `type`, `depends_on` and `iterator`
//! hold bare expressions. Keys named `"//"` are comments.

use super::SpanMap;
use crate::schema::{is_read_resource, ClientKind};
use crate::value::{escape_char, push_quoted as quote_literal};
use jsonc_parser::ast::{Object, ObjectProp, ObjectPropName, Value as J};

/// The native-syntax text and the map back to the JSON.
pub struct Generated {
    pub text: String,
    pub map: SpanMap,
}

type Error = (usize, String);

/// Translates a `.tf.json` file; an error is a JSON offset and a message.
pub fn to_hcl(json: &str) -> Result<Generated, Error> {
    let mut gen = Gen {
        out: String::new(),
        map: SpanMap::default(),
    };
    if let Some(root) = super::parse(json)? {
        for object in objects(&root)? {
            gen.top(object)?;
        }
    }
    Ok(Generated {
        text: gen.out,
        map: gen.map,
    })
}

/// "At each level an object or an array of objects".
fn objects<'v, 'a>(value: &'v J<'a>) -> Result<Vec<&'v Object<'a>>, Error> {
    match value {
        J::Object(o) => Ok(vec![o]),
        J::Array(a) => a
            .elements
            .iter()
            .map(|e| match e {
                J::Object(o) => Ok(o),
                other => Err((range(other).start, "expected a JSON object".to_string())),
            })
            .collect(),
        other => Err((range(other).start, "expected a JSON object".to_string())),
    }
}

use super::value_range as range;

fn name<'p>(prop: &'p ObjectProp) -> (&'p str, std::ops::Range<usize>) {
    match &prop.name {
        ObjectPropName::String(s) => (&s.value, s.range.start..s.range.end),
        ObjectPropName::Word(w) => (w.value, w.range.start..w.range.end),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// Nested blocks of the resource types the linter reads.
fn is_block(resource_type: &str, name: &str) -> bool {
    match resource_type {
        "aws_cognito_user_pool" => name == "schema",
        "aws_cognito_resource_server" => name == "scope",
        t if ClientKind::from_type(t).is_some() => matches!(
            name,
            "token_validity_units"
                | "analytics_configuration"
                | "refresh_token_rotation"
                | "provisioner"
                | "connection"
        ),
        _ => false,
    }
}

struct Gen {
    out: String,
    map: SpanMap,
}

impl Gen {
    fn top(&mut self, object: &Object) -> Result<(), Error> {
        for prop in &object.properties {
            match name(prop).0 {
                "resource" => {
                    for types in objects(&prop.value)? {
                        for type_prop in &types.properties {
                            let (ty, _) = name(type_prop);
                            if !is_read_resource(ty) {
                                continue;
                            }
                            for names in objects(&type_prop.value)? {
                                for name_prop in &names.properties {
                                    for body in objects(&name_prop.value)? {
                                        self.resource(ty, name_prop, body)?;
                                    }
                                }
                            }
                        }
                    }
                }
                "variable" => {
                    for vars in objects(&prop.value)? {
                        for var in &vars.properties {
                            for body in objects(&var.value)? {
                                self.variable(var, body)?;
                            }
                        }
                    }
                }
                "locals" => {
                    for locals in objects(&prop.value)? {
                        self.out.push_str("locals {\n");
                        for local in &locals.properties {
                            let (key, key_range) = name(local);
                            if key != "//" && is_identifier(key) {
                                self.attribute(key, key_range, &local.value, Mode::Template);
                            }
                        }
                        self.out.push_str("}\n");
                    }
                }
                "module" => {
                    for modules in objects(&prop.value)? {
                        for module in &modules.properties {
                            for body in objects(&module.value)? {
                                self.module(module, body)?;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn labels(&mut self, ident: &str, labels: &[&str], json: std::ops::Range<usize>) {
        self.out.push_str(ident);
        let start = self.out.len() + 1;
        for label in labels {
            self.out.push(' ');
            quote_literal(&mut self.out, label);
        }
        self.map.record(start..self.out.len(), json);
        self.out.push_str(" {\n");
    }

    fn resource(&mut self, ty: &str, name_prop: &ObjectProp, body: &Object) -> Result<(), Error> {
        let (resource_name, name_range) = name(name_prop);
        let block_start = self.out.len();
        self.labels("resource", &[ty, resource_name], name_range);
        self.body(ty, body)?;
        self.out.push_str("}\n");
        self.map.record(
            block_start..self.out.len(),
            name_prop.range.start..name_prop.range.end,
        );
        Ok(())
    }

    fn body(&mut self, ty: &str, body: &Object) -> Result<(), Error> {
        for prop in &body.properties {
            let (key, key_range) = name(prop);
            match key {
                "//" | "lifecycle" | "provider" => {}
                "depends_on" => self.attribute(key, key_range, &prop.value, Mode::Raw),
                "dynamic" => {
                    for dynamics in objects(&prop.value)? {
                        for dynamic in &dynamics.properties {
                            for content in objects(&dynamic.value)? {
                                self.dynamic(ty, dynamic, content)?;
                            }
                        }
                    }
                }
                _ if is_block(ty, key) && matches!(prop.value, J::Object(_) | J::Array(_)) => {
                    for inner in objects(&prop.value)? {
                        let start = self.out.len();
                        self.out.push_str(key);
                        self.map.record(start..self.out.len(), key_range.clone());
                        self.out.push_str(" {\n");
                        self.body("", inner)?;
                        self.out.push_str("}\n");
                    }
                }
                _ if is_identifier(key) => {
                    self.attribute(key, key_range, &prop.value, Mode::Template)
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn dynamic(&mut self, ty: &str, label: &ObjectProp, body: &Object) -> Result<(), Error> {
        let (block, label_range) = name(label);
        let start = self.out.len();
        self.out.push_str("dynamic");
        self.map.record(start..self.out.len(), label_range);
        self.out.push(' ');
        quote_literal(&mut self.out, block);
        self.out.push_str(" {\n");
        for prop in &body.properties {
            let (key, key_range) = name(prop);
            match key {
                "for_each" => self.attribute(key, key_range, &prop.value, Mode::Template),
                "iterator" => self.attribute(key, key_range, &prop.value, Mode::Raw),
                "content" => {
                    for content in objects(&prop.value)? {
                        self.out.push_str("content {\n");
                        self.body(if is_block(ty, block) { "" } else { ty }, content)?;
                        self.out.push_str("}\n");
                    }
                }
                _ => {}
            }
        }
        self.out.push_str("}\n");
        Ok(())
    }

    fn variable(&mut self, var: &ObjectProp, body: &Object) -> Result<(), Error> {
        let (var_name, name_range) = name(var);
        self.labels("variable", &[var_name], name_range);
        for prop in &body.properties {
            let (key, key_range) = name(prop);
            match key {
                // A default is a literal value, not an expression.
                "default" => self.attribute(key, key_range, &prop.value, Mode::Literal),
                "type" => self.attribute(key, key_range, &prop.value, Mode::Raw),
                _ => {}
            }
        }
        self.out.push_str("}\n");
        Ok(())
    }

    fn module(&mut self, module: &ObjectProp, body: &Object) -> Result<(), Error> {
        let (module_name, name_range) = name(module);
        self.labels("module", &[module_name], name_range);
        for prop in &body.properties {
            let (key, key_range) = name(prop);
            match key {
                "//" | "providers" | "depends_on" => {}
                "source" | "version" => self.attribute(key, key_range, &prop.value, Mode::Literal),
                _ if is_identifier(key) => {
                    self.attribute(key, key_range, &prop.value, Mode::Template)
                }
                _ => {}
            }
        }
        self.out.push_str("}\n");
        Ok(())
    }

    fn attribute(&mut self, key: &str, key_range: std::ops::Range<usize>, value: &J, mode: Mode) {
        let start = self.out.len();
        self.out.push_str(key);
        self.map.record(start..self.out.len(), key_range);
        self.out.push_str(" = ");
        self.value(value, mode);
        self.out.push('\n');
    }

    fn value(&mut self, value: &J, mode: Mode) {
        let start = self.out.len();
        match value {
            J::StringLit(s) => match mode {
                Mode::Template => quote_template(&mut self.out, &s.value),
                Mode::Literal => quote_literal(&mut self.out, &s.value),
                // A bare expression in a string; a line break would end the attribute.
                Mode::Raw => self.out.push_str(&s.value.replace(['\n', '\r'], " ")),
            },
            J::NumberLit(n) => self.out.push_str(n.value),
            J::BooleanLit(b) => self.out.push_str(if b.value { "true" } else { "false" }),
            J::NullKeyword(_) => self.out.push_str("null"),
            J::Array(a) => {
                self.out.push('[');
                for (i, element) in a.elements.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.value(element, mode);
                }
                self.out.push(']');
            }
            J::Object(o) => {
                self.out.push('{');
                let mut first = true;
                for prop in &o.properties {
                    let (key, key_range) = name(prop);
                    if key == "//" {
                        continue;
                    }
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    let key_start = self.out.len();
                    match mode {
                        Mode::Template => quote_template(&mut self.out, key),
                        _ => quote_literal(&mut self.out, key),
                    }
                    self.map.record(key_start..self.out.len(), key_range);
                    self.out.push_str(" = ");
                    self.value(&prop.value, mode);
                }
                self.out.push('}');
            }
        }
        self.map.record(start..self.out.len(), range(value));
    }
}

#[derive(Clone, Copy)]
enum Mode {
    /// Strings are templates (`"${var.x}"`).
    Template,
    /// Strings are plain text.
    Literal,
    /// Strings hold an expression written bare (`type`, `depends_on`, `iterator`).
    Raw,
}

/// A quoted native template: text outside `${...}` and `%{...}` is escaped, what is inside
/// is an expression and stays as written.
fn quote_template(out: &mut String, text: &str) {
    out.push('"');
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if (c == '$' || c == '%') && next == Some(c) && chars.get(i + 2) == Some(&'{') {
            // `$${` and `%%{` are escapes in both syntaxes.
            out.push(c);
            out.push(c);
            out.push('{');
            i += 3;
        } else if (c == '$' || c == '%') && next == Some('{') {
            let end = interpolation_end(&chars, i + 2);
            out.extend(&chars[i..end]);
            i = end;
        } else {
            escape_char(out, c);
            i += 1;
        }
    }
    out.push('"');
}

/// The index after the `}` that closes an interpolation whose body starts at `start`.
fn interpolation_end(chars: &[char], start: usize) -> usize {
    let mut depth = 1;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            '"' => {
                // A string inside the expression: skip it, escapes included.
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests;
