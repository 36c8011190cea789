//! The values of a root module's variables, in Terraform's precedence, lowest first: the
//! environment (`TF_VAR_name`), `terraform.tfvars(.json)`, `*.auto.tfvars(.json)` in lexical
//! order, the config file's `var_files` and `variables`, then `--var-file` and `--var`. A called
//! module's variables get the call's arguments instead (see [`super::calls`]).

use super::context::RootVariables;
use super::ids::Ids;
use super::Outcome;
use crate::discover::{is_auto_var_file, Listing, StdinInput};
use crate::eval::declarations::{parse_text_input, Declarations, Inputs};
use crate::eval::types::Type;
use crate::eval::{Evaluator, NoScope};
use crate::fs::{self, display_path, regular_files};
use crate::source::{self, SourceFile, Sources};
use crate::value::{CauseKind, FileId, Span, Spanned, Value};
use std::path::Path;

/// The inputs of the root module in `dir`; the tfvars files it reads join `out`'s sources, as
/// linted files when `linted`. A tfvars file among `texts` (an editor's buffer, a `--fix`
/// round's fixed text) is read from there.
pub(super) fn root_inputs(
    decls: &Declarations,
    dir: &Path,
    listing: Option<&Listing>,
    variables: &RootVariables,
    (texts, linted): (&[StdinInput], bool),
    ids: &mut Ids,
    out: &mut Outcome,
) -> Inputs {
    let mut inputs = Inputs::new();
    // Text from the command line or the environment is converted to the declared type.
    let typed = |name: &str, text: &str| {
        let ty = decls
            .variables
            .get(name)
            .map(|d| d.ty.clone())
            .unwrap_or(Type::Any);
        parse_text_input(text, &ty)
    };
    for (name, text) in &variables.env {
        inputs.insert(name.clone(), typed(name, text));
    }
    for (name, value) in auto_tfvars(dir, listing, texts, linted, ids, out) {
        inputs.insert(name, value);
    }
    for (name, value) in &variables.config_var_files {
        inputs.insert(name.clone(), value.clone());
    }
    for (name, text) in &variables.config_variables {
        inputs.insert(name.clone(), typed(name, text));
    }
    for (name, value) in &variables.var_files {
        inputs.insert(name.clone(), value.clone());
    }
    for (name, text) in &variables.cli {
        inputs.insert(name.clone(), typed(name, text));
    }
    inputs
}

/// `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)` in lexical order:
/// the values Terraform loads by itself in a root module.
fn auto_tfvars(
    dir: &Path,
    listing: Option<&Listing>,
    texts: &[StdinInput],
    linted: bool,
    ids: &mut Ids,
    out: &mut Outcome,
) -> Vec<(String, Spanned<Value>)> {
    let mut present: Vec<String> = match listing {
        Some(listing) => listing.var_files.clone(),
        None => regular_files(dir)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .filter(|n| is_auto_var_file(n))
            .collect(),
    };
    // A buffer not saved yet is loaded as the file it will be.
    let in_memory = |t: &&StdinInput| fs::same_path(t.path.parent().unwrap_or(dir), dir);
    for text in texts.iter().filter(in_memory) {
        let name = text.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if is_auto_var_file(name) && !present.iter().any(|p| p == name) {
            present.push(name.to_string());
        }
    }
    present.sort();
    let fixed = ["terraform.tfvars", "terraform.tfvars.json"];
    let names = fixed
        .iter()
        .filter(|n| present.iter().any(|p| p == *n))
        .map(|n| n.to_string())
        .chain(
            present
                .iter()
                .filter(|p| !fixed.contains(&p.as_str()))
                .cloned(),
        );
    let mut values = Vec::new();
    // As before `terraform plan` gets to it: a tfvars file that cannot be read gives nothing.
    for name in names {
        let path = dir.join(&name);
        let id = ids.next();
        let buffer = texts.iter().find(|t| fs::same_path(&t.path, &path));
        let read = match buffer {
            Some(buffer) => Ok(var_file_values(
                &path,
                id,
                buffer.text.clone(),
                &mut out.sources,
            )),
            None => read_var_file(&path, id, &mut out.sources),
        };
        values.extend(read.unwrap_or_default());
        // Linted (so `--fix` may write it) only when its folder is: walked, or reported for a
        // named variables file; not when the folder is context for a named Terraform file.
        if let Some(source) = out.sources.last_mut().filter(|s| s.id == id) {
            source.reported = linted;
        }
    }
    values
}

/// Reads a variable definitions file (HCL or JSON); its source joins the run's sources so
/// that findings can point into it. A file that does not parse yields nothing; one that cannot
/// be read (not a regular file, larger than [`fs::MAX_SETTINGS_SIZE`]) is an error.
pub fn read_var_file(
    path: &Path,
    id: FileId,
    sources: &mut Sources,
) -> std::io::Result<Vec<(String, Spanned<Value>)>> {
    let bytes = fs::read_file_at_most(path, fs::MAX_SETTINGS_SIZE)?;
    let (text, error) = source::decode(id, bytes);
    if error.is_some() {
        let file = SourceFile::new(id, path.to_path_buf(), display_path(path), text);
        sources.push(Box::new(file));
        return Ok(Vec::new());
    }
    Ok(var_file_values(path, id, text, sources))
}

/// The values of a variable definitions file's text (nothing when it does not parse).
fn var_file_values(
    path: &Path,
    id: FileId,
    text: String,
    sources: &mut Sources,
) -> Vec<(String, Spanned<Value>)> {
    let file = SourceFile::new(id, path.to_path_buf(), display_path(path), text);
    let mut values = Vec::new();
    if path.extension().is_some_and(|e| e == "json") {
        if let Ok(serde_json::Value::Object(map)) =
            serde_json::from_str::<serde_json::Value>(&file.text)
        {
            let span = Span::new(id, 0..0);
            for (name, value) in map {
                values.push((name, Spanned::new(json_value(value, span), span)));
            }
        }
    } else {
        // Called outside the per-module work too (`--var-file`), so it brings its own stack.
        source::with_deep_stack(|| {
            if let Ok(body) = source::parse_hcl(&file) {
                for attr in body.attributes() {
                    let value = Evaluator::new(id, &NoScope).eval(&attr.value);
                    values.push((attr.key.as_str().to_string(), value));
                }
            }
        });
    }
    sources.push(Box::new(file));
    values
}

fn json_value(value: serde_json::Value, span: Span) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => n.as_f64().map_or_else(
            || Value::unknown(CauseKind::Invalid, "", span),
            Value::Number,
        ),
        serde_json::Value::String(s) => Value::String(s.into()),
        serde_json::Value::Array(items) => Value::List(
            items
                .into_iter()
                .map(|i| Spanned::new(json_value(i, span), span))
                .collect(),
        ),
        serde_json::Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, Spanned::new(json_value(v, span), span)))
                .collect(),
        ),
    }
}
