//! Hot paths on one module: scanning, parsing, evaluation and the rules.
//! `cargo bench` runs them; `scripts/bench.sh` times whole runs instead.

use cognito_lint::source::{parse_hcl, SourceFile};
use cognito_lint::{lint_texts, scan, RuleSelection};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A client file as modules write them, with the other resources a monorepo holds.
fn module_file(clients: usize, others: usize) -> String {
    let mut text = String::from(
        "variable \"env\" {\n  type    = string\n  default = \"dev\"\n}\n\nresource \"aws_cognito_user_pool\" \"pool\" {\n  name = \"pool-${var.env}\"\n}\n\n",
    );
    for i in 0..clients {
        text.push_str(&format!(
            r#"locals {{
  units_{i} = {{ access = "minutes" }}
}}

resource "aws_cognito_user_pool_client" "client_{i}" {{
  name                                 = "client-{i}"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["email", "openid", "profile"]
  callback_urls                        = ["https://app{i}.example.com/callback", "http://app{i}.example.com/cb"]
  default_redirect_uri                 = "https://app{i}.example.com/callback"
  access_token_validity                = 60
  prevent_user_existence_errors        = "ENABLED"

  dynamic "token_validity_units" {{
    for_each = [local.units_{i}]
    content {{
      access_token  = token_validity_units.value.access
      id_token      = "hours"
      refresh_token = "days"
    }}
  }}
}}

"#
        ));
    }
    for i in 0..others {
        text.push_str(&format!(
            r#"resource "aws_iam_role" "r_{i}" {{
  name = "role-{i}"
  assume_role_policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Action = "sts:AssumeRole", Effect = "Allow", Principal = {{ Service = "lambda.amazonaws.com" }} }}]
  }})
}}

locals {{
  names_{i} = [for s in var.names : upper(s) if length(s) > 2]
  policy_{i} = <<-EOT
    {{ "Version": "2012-10-17" }}
  EOT
}}

"#
        ));
    }
    text
}

fn benches(c: &mut Criterion) {
    let text = module_file(3, 4);
    let file = SourceFile::new(0, "main.tf".into(), "main.tf".into(), text.clone());
    c.bench_function("parse a module file whole", |b| {
        b.iter(|| parse_hcl(black_box(&file)).unwrap())
    });
    let mut group = c.benchmark_group("scan");
    group.throughput(criterion::Throughput::Bytes(text.len() as u64));
    group.bench_function("scan a module file's top-level blocks", |b| {
        b.iter(|| scan::scan(black_box(&text)).unwrap())
    });
    group.finish();
    c.bench_function("scan and blank a module file", |b| {
        b.iter(|| scan::blank_unread_blocks(black_box(&text)).unwrap())
    });
    let blanked = scan::blank_unread_blocks(&text).unwrap();
    let blanked_file = SourceFile::new(0, "main.tf".into(), "main.tf".into(), blanked);
    c.bench_function("parse a blanked module file", |b| {
        b.iter(|| parse_hcl(black_box(&blanked_file)).unwrap())
    });
    let spaces: String = blanked_file
        .text
        .chars()
        .map(|c| if c == '\n' { c } else { ' ' })
        .collect();
    let spaces_file = SourceFile::new(0, "main.tf".into(), "main.tf".into(), spaces);
    c.bench_function("parse a module file's size of blank lines", |b| {
        b.iter(|| parse_hcl(black_box(&spaces_file)).unwrap())
    });
    let selection = RuleSelection::default();
    c.bench_function("lint a module (parse, evaluate, every rule)", |b| {
        b.iter(|| lint_texts(black_box(&[("main.tf", text.as_str())]), &selection))
    });
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
