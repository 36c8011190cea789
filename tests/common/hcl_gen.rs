//! A deterministic generator of HCL-ish files from a small grammar of Terraform's native
//! syntax, valid and not (comments, heredocs, templates, `for` expressions, operators, CRLF),
//! shared by the test files that compare parses.

// Each test file that includes this uses part of it.
#![allow(dead_code)]

/// A seeded xorshift sequence: the same seed, the same cases.
pub struct Xorshift(pub u64);

impl Xorshift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A deterministic generator of HCL-ish text.
pub struct Gen(pub Xorshift);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn file(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..1 + self.below(4) {
            out.push_str(&self.comment_line());
            match self.below(5) {
                0 => out.push_str(&format!("locals {{\n{}}}\n", self.attributes(2))),
                1 => out.push_str(&format!(
                    "resource \"aws_cognito_user_pool_client\" \"{}\" {{\n{}{}}}\n",
                    self.ident(),
                    self.attributes(2),
                    self.nested_block()
                )),
                2 => out.push_str(&format!(
                    "variable \"{}\" {{\n  default = {}\n}}\n",
                    self.ident(),
                    self.expr(3)
                )),
                3 => out.push_str(&format!("{} {{}}\n", self.ident())),
                _ => out.push_str(&format!(
                    "module \"{}\" {{\n  source = \"./m\"\n{}}}\n",
                    self.ident(),
                    self.attributes(1)
                )),
            }
        }
        if self.below(3) == 0 {
            out = out.replace('\n', "\r\n");
        }
        out
    }

    fn comment_line(&mut self) -> String {
        match self.below(6) {
            0 => "# a comment\n".into(),
            1 => "// a comment\n".into(),
            2 => "/* a\n   comment */\n".into(),
            _ => String::new(),
        }
    }

    fn nested_block(&mut self) -> String {
        match self.below(4) {
            0 => format!("  token_validity_units {{\n{}  }}\n", self.attributes(1)),
            1 => "  lifecycle { ignore_changes = [name] }\n".into(),
            2 => format!(
                "  dynamic \"analytics_configuration\" {{\n    for_each = {}\n    content {{\n      application_id = analytics_configuration.value\n    }}\n  }}\n",
                self.expr(2)
            ),
            _ => String::new(),
        }
    }

    fn attributes(&mut self, depth: usize) -> String {
        let mut out = String::new();
        let mut used = Vec::new();
        for _ in 0..1 + self.below(4) {
            let mut name = self.ident();
            while used.contains(&name) {
                name.push('x');
            }
            used.push(name.clone());
            let trailing = self.pick(&["", "", " # trailing", " // trailing", " /* c */"]);
            out.push_str(&format!("  {name} = {}{trailing}\n", self.expr(depth + 1)));
        }
        out
    }

    fn ident(&mut self) -> String {
        self.pick(&[
            "name",
            "a",
            "b_2",
            "with-dash",
            "naïve",
            "for_x",
            "if_",
            "callback_urls",
            "x1",
            "é",
            "count_",
            "in_",
            "null_",
        ])
        .to_string()
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self.atom();
        }
        let d = depth - 1;
        match self.below(16) {
            0 => format!("[{}]", self.list(d)),
            1 => format!("[\n    {},\n  ]", self.list(d)),
            2 => self.object(d),
            3 => format!("{} {} {}", self.expr(d), self.operator(), self.expr(d)),
            4 => format!(
                "({}\n    {} {})",
                self.expr(d),
                self.operator(),
                self.expr(d)
            ),
            5 => format!("{} ? {} : {}", self.expr(d), self.expr(d), self.expr(d)),
            6 => format!("[for x in {} : x if x != null]", self.expr(d)),
            7 => format!("{{ for k, v in {} : k => v... }}", self.expr(d)),
            8 => format!(
                "{}({})",
                self.pick(&["max", "concat", "lower", "provider::aws::arn_parse", "try"]),
                self.list(d)
            ),
            9 => format!("concat({}...)", self.expr(d)),
            10 => self.template(d),
            11 => self.heredoc(d),
            12 => format!("{}{}", self.pick(&["-", "!"]), self.atom()),
            13 => format!(
                "{}{}",
                self.pick(&["var.x", "local.y", "aws_s3_bucket.b", "each.value"]),
                self.pick(&["[*].id", ".*.id", ".0.id", "[0]", "[\"k\"]", ".a.b", ""])
            ),
            _ => self.atom(),
        }
    }

    fn list(&mut self, depth: usize) -> String {
        let n = self.below(4);
        let items: Vec<String> = (0..n).map(|_| self.expr(depth)).collect();
        let sep = self.pick(&[", ", ",\n    "]);
        let mut out = items.join(sep);
        if n > 0 && self.below(3) == 0 {
            out.push(',');
        }
        out
    }

    fn object(&mut self, depth: usize) -> String {
        let n = self.below(4);
        let mut items = Vec::new();
        for _ in 0..n {
            let key = match self.below(4) {
                0 => format!("\"{}\"", self.ident()),
                1 => "(var.k)".to_string(),
                // Repeated keys come from the small identifier pool.
                _ => self.ident(),
            };
            let assign = self.pick(&[" = ", " = ", ": "]);
            items.push(format!("{key}{assign}{}", self.expr(depth)));
        }
        if self.below(2) == 0 {
            format!("{{ {} }}", items.join(", "))
        } else {
            format!("{{\n    {}\n  }}", items.join("\n    "))
        }
    }

    fn operator(&mut self) -> &'static str {
        self.pick(&[
            "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||",
        ])
    }

    fn atom(&mut self) -> String {
        self.pick(&[
            "1",
            "1.5",
            "1e3",
            "007",
            "true",
            "null",
            "\"s\"",
            "\"https://example.com/cb\"",
            "\"tab\\t quote\\\" unicode\\u00e9\"",
            "\"$${not} %%{not}\"",
            "\"100%\"",
            "\"5$\"",
            "var.x",
            "local.y",
            "[]",
            "{}",
            "timestamp()",
        ])
        .to_string()
    }

    fn template(&mut self, depth: usize) -> String {
        let inner = self.expr(depth.min(1));
        match self.below(5) {
            0 => format!("\"${{{inner}}}\""),
            1 => format!("\"a-${{ {inner} }}-b\""),
            2 => format!("\"%{{ if {inner} }}yes%{{ else }}no%{{ endif }}\""),
            3 => format!("\"%{{~ for v in {inner} ~}}${{v}},%{{~ endfor ~}}\""),
            _ => format!("\"${{\"nested ${{{inner}}}\"}}\""),
        }
    }

    fn heredoc(&mut self, depth: usize) -> String {
        let inner = self.expr(depth.min(1));
        let marker = self.pick(&["EOT", "EOF", "END_OF_TEXT"]);
        let lines = [
            "plain text".to_string(),
            format!("with ${{{inner}}}"),
            "%{ if true }directive%{ endif }".to_string(),
            format!("{marker}X is not the end"),
            format!(" {marker} is not the end either"),
            format!("{marker}) nor this"),
            "$${escaped} %%{escaped}".to_string(),
            String::new(),
        ];
        let mut body = String::new();
        for _ in 0..1 + self.below(3) {
            body.push_str(&lines[self.below(lines.len())]);
            body.push('\n');
        }
        if self.below(2) == 0 {
            format!("<<{marker}\n{body}{marker}\n")
        } else {
            let indented: String = body.lines().map(|l| format!("    {l}\n")).collect();
            format!("<<-{marker}\n{indented}    {marker}\n")
        }
    }
}
