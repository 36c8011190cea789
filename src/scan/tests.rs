use super::*;
use hcl_edit::Span as _;

#[test]
fn unread_blocks_become_spaces_and_spans_stay() {
    let text = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x}\" # }\n}\n\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n}\n";
    let blanked = blank_unread_blocks(text).unwrap();
    assert_eq!(blanked.len(), text.len());
    assert!(!blanked.contains("aws_s3_bucket"));
    assert_eq!(
        blanked.find("resource"),
        text.find("resource \"aws_cognito")
    );
    assert_eq!(blanked.lines().count(), text.lines().count());
}

#[test]
fn strings_heredocs_and_comments_do_not_confuse_it() {
    let text = r#"data "aws_iam_policy_document" "d" {
  policy = <<-EOT
{ "a": "}" }
  EOT
  x = "${jsonencode({ a = "}" })}"
  /* } */
  // }
}
output "o" { value = "%{ if true }}%{ endif }" }
resource "aws_cognito_user_pool" "p" {}
"#;
    let blanked = blank_unread_blocks(text).unwrap();
    assert!(blanked
        .trim_start()
        .starts_with("resource \"aws_cognito_user_pool\""));
    assert!(hcl_edit::parser::parse_body(&blanked).is_ok());
}

#[test]
fn unusual_input_falls_back_to_a_full_parse() {
    assert_eq!(blank_unread_blocks("a = 1\n"), None);
    assert_eq!(blank_unread_blocks("resource \"x\" \"y\" {\n"), None);
    assert_eq!(
        blank_unread_blocks("resource \"x\" \"y\" {\n a = \"open\n}\n"),
        None
    );
    // Nothing to blank.
    assert_eq!(
        blank_unread_blocks("resource \"aws_cognito_user_pool\" \"p\" {}\n"),
        None
    );
}

#[test]
fn locals_nothing_read_refers_to_are_blanked() {
    let a = "locals {\n  used = local.chain\n  unused = [for x in var.y : x]\n}\n";
    let b = "locals {\n  chain = \"ok\"\n  policy = <<-EOT\n    }\n  EOT\n}\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = local.used\n}\n";
    let scans = vec![
        Scan::Blocks(scan(a).unwrap()),
        Scan::Blocks(scan(b).unwrap()),
    ];
    let texts = [a, b];
    let out: Vec<String> = blank_module(&texts, &scans)
        .into_iter()
        .zip(texts)
        .map(|(b, text)| match b {
            Blanked::Regions { blank, .. } => blank_text(text, &blank),
            other => panic!("expected a blanked text, got {other:?}"),
        })
        .collect();
    let a2 = out[0].as_str();
    assert!(
        a2.contains("used = local.chain") && !a2.contains("unused"),
        "{a2}"
    );
    let b2 = out[1].as_str();
    assert!(
        b2.contains("chain = \"ok\"") && !b2.contains("policy"),
        "{b2}"
    );
    assert!(hcl_edit::parser::parse_body(a2).is_ok() && hcl_edit::parser::parse_body(b2).is_ok());
}

#[test]
fn only_the_kept_blocks_are_parsed_with_their_spans() {
    let text = "variable \"v\" {}\n\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n\nresource \"aws_cognito_user_pool\" \"p\" {\n  name = var.v\n}\n";
    let scans = vec![Scan::Blocks(scan(text).unwrap())];
    let Blanked::Regions { regions, inner, .. } = blank_module(&[text], &scans).pop().unwrap()
    else {
        panic!("expected regions");
    };
    assert_eq!(regions.len(), 2, "{regions:?}");
    assert!(!inner);
    let body = hcl_edit::parser::parse_body_regions(text, &regions).unwrap();
    let blocks: Vec<_> = body.blocks().collect();
    assert_eq!(blocks.len(), 2);
    let pool = blocks[1].ident.span().unwrap();
    assert_eq!(&text[pool.start..pool.start + 8], "resource");
    assert!(text[pool.start..].starts_with("resource \"aws_cognito_user_pool\""));
}

#[test]
fn blocks_sharing_a_line_are_parsed_as_the_file_would_be() {
    // Terraform wants a line break after a block: parsed alone, the pool would hide that.
    let text = "resource \"aws_cognito_user_pool\" \"p\" {} output \"o\" { value = 1 }\n";
    let scans = vec![Scan::Blocks(scan(text).unwrap())];
    let Blanked::Regions { regions, inner, .. } = blank_module(&[text], &scans).pop().unwrap()
    else {
        panic!("expected regions");
    };
    assert_eq!(regions, std::iter::once(0..text.len()).collect::<Vec<_>>());
    assert!(inner);
}

#[test]
fn variables_are_kept_when_something_read_refers_to_them() {
    let vars = "variable \"used\" {\n  default = 1\n}\n\nvariable \"via_local\" {}\n\nvariable \"unused\" {}\n";
    let main = "locals {\n  l = var.via_local\n}\n\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"${var.used}-${local.l}\"\n}\n";
    let texts = [vars, main];
    let scans: Vec<Scan> = texts
        .iter()
        .map(|t| Scan::Blocks(scan(t).unwrap()))
        .collect();
    let blanked = blank_module(&texts, &scans);
    let Blanked::Regions { blank, .. } = &blanked[0] else {
        panic!("expected regions, got {:?}", blanked[0]);
    };
    let kept = blank_text(vars, blank);
    assert!(kept.contains("variable \"used\"") && kept.contains("variable \"via_local\""));
    assert!(!kept.contains("unused"), "{kept}");
    assert_eq!(blanked[1], Blanked::Whole);
}

#[test]
fn local_references_are_whole_names() {
    let refs: Vec<&str> =
        local_references("local.a + xlocal.b + local.c_d[0] + module.local.e").collect();
    assert_eq!(refs, ["a", "c_d"]);
}

#[test]
fn specials_are_found_at_every_offset_of_a_step() {
    // The plain-byte search takes four bytes a step: a quote, bracket or brace at each offset
    // within a step must still end or open what it ends or opens.
    for pad in 0..9 {
        let plain = "p".repeat(pad);
        let text = format!(
            "resource \"aws_s3_bucket\" \"{plain}\" {{\n  a{plain} = \"{plain}}}{plain}${{x{plain}}}\"\n  b = [{plain}\"]\"]\n}}\nresource \"aws_cognito_user_pool_client\" \"c\" {{}}\n"
        );
        let blocks = scan(&text).expect("scans");
        let ranges: Vec<&str> = blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(ranges.len(), 2, "{text}");
        assert!(ranges[0].ends_with("]\n}"), "{text}");
        assert_eq!(
            ranges[1],
            "resource \"aws_cognito_user_pool_client\" \"c\" {}"
        );
    }
}
