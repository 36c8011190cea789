//! `--diff`: what `--fix` would write, as a unified diff that `patch -p0` (or `git apply -p0`)
//! applies to the same bytes.

use super::FixedFile;

/// Lines of context around each change, as `diff -u`.
const CONTEXT: usize = 3;

/// The unified diff of every changed file, in order.
pub fn unified_diff(files: &[FixedFile]) -> String {
    let mut out = String::new();
    for file in files {
        out.push_str(&file_diff(&file.display, &file.original, &file.fixed));
    }
    out
}

/// Lines with their line breaks (the last may have none).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn file_diff(path: &str, old: &str, new: &str) -> String {
    let (a, b) = (lines(old), lines(new));
    let ops = script(&a, &b);
    if ops.iter().all(|op| matches!(op, Op::Same(..))) {
        return String::new();
    }
    // A name with a space ends with a tab, where diff puts its timestamp, so that patch and
    // git apply read it whole.
    let end = if path.contains([' ', '\t']) { "\t" } else { "" };
    let mut out = format!("--- {path}{end}\n+++ {path}{end}\n");
    // Hunks: runs of changes with CONTEXT lines around them, merged when they meet.
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&i| !matches!(ops[i], Op::Same(..)))
        .collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let (from, to) = (i.saturating_sub(CONTEXT), (i + CONTEXT + 1).min(ops.len()));
        match groups.last_mut() {
            Some(last) if from <= last.1 => last.1 = to,
            _ => groups.push((from, to)),
        }
    }
    for (from, to) in groups {
        let hunk = &ops[from..to];
        let old_before = ops[..from]
            .iter()
            .filter(|op| !matches!(op, Op::Insert(_)))
            .count();
        let new_before = ops[..from]
            .iter()
            .filter(|op| !matches!(op, Op::Delete(_)))
            .count();
        let old_len = hunk
            .iter()
            .filter(|op| !matches!(op, Op::Insert(_)))
            .count();
        let new_len = hunk
            .iter()
            .filter(|op| !matches!(op, Op::Delete(_)))
            .count();
        // A side with no line names the line before the hunk (`-0,0` in an empty file).
        let at = |before: usize, len: usize| if len == 0 { before } else { before + 1 };
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            at(old_before, old_len),
            at(new_before, new_len)
        ));
        for op in hunk {
            let (sign, line) = match *op {
                Op::Same(i, _) => (' ', a[i]),
                Op::Delete(i) => ('-', a[i]),
                Op::Insert(j) => ('+', b[j]),
            };
            out.push(sign);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Same(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// The edit script from `a` to `b` (Myers' greedy algorithm; the common start and end are
/// taken first, so that fixes in a large file cost little).
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    ops.extend(middle(am, bm).into_iter().map(|op| match op {
        Op::Same(x, y) => Op::Same(x + prefix, y + prefix),
        Op::Delete(x) => Op::Delete(x + prefix),
        Op::Insert(y) => Op::Insert(y + prefix),
    }));
    let (ae, be) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|i| Op::Same(ae + i, be + i)));
    ops
}

fn middle(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'outer: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let i = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                trace.push(v.clone());
                break 'outer;
            }
            k += 2;
        }
    }
    // Back from the end through the saved frontiers.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..trace.len() - 1).rev() {
        let v = &trace[d];
        let k = x - y;
        let d = d as isize - 1;
        let i = (k + offset) as usize;
        let prev_k = if k == -d - 1 || (k != d + 1 && v[i - 1] < v[i + 1]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[(prev_k + offset) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize, y as usize));
        }
        if x == prev_x {
            y -= 1;
            ops.push(Op::Insert(y as usize));
        } else {
            x -= 1;
            ops.push(Op::Delete(x as usize));
        }
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push(Op::Same(x as usize, y as usize));
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, new: &str) -> String {
        let (a, b) = (lines(old), lines(new));
        let mut out = String::new();
        for op in script(&a, &b) {
            match op {
                Op::Same(i, _) => out.push_str(a[i]),
                Op::Insert(j) => out.push_str(b[j]),
                Op::Delete(_) => {}
            }
        }
        out
    }

    #[test]
    fn scripts_rebuild_the_new_text() {
        for (old, new) in [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc\n", "a\nc\n"),
            ("", "x\n"),
            ("x\n", ""),
            ("a\nb\nc\nd\ne\n", "b\nX\nd\ne\nf"),
        ] {
            assert_eq!(apply(old, new), new);
        }
    }

    #[test]
    fn a_hunk_has_context_and_counts() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n";
        assert_eq!(
            file_diff("m.tf", old, new),
            "--- m.tf\n+++ m.tf\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }
}
