//! An output in the parts it is written in. The findings' part is drawn as it is written, a
//! window of chunks at a time on the worker threads, so that a run's output is never held
//! whole: 1.08 million findings are over a gigabyte of JSON.

use crate::finding::Finding;
use rayon::prelude::*;
use std::io::{self, Write};
use std::ops::Range;

/// Findings drawn per chunk: one task on a worker.
const CHUNK: usize = 1024;

/// Chunks drawn before they are written, per worker: enough for each to have work while
/// others finish, few enough that what waits to be written stays a few megabytes (a chunk
/// of SARIF results is about two)...
const WINDOW_PER_WORKER: usize = 2;

/// ...and at most this many in all, whatever the number of workers.
const MAX_WINDOW: usize = 16;

/// Items drawn before they are written, on the current thread pool.
fn window_len() -> usize {
    CHUNK * (WINDOW_PER_WORKER * rayon::current_num_threads()).min(MAX_WINDOW)
}

/// Draws the items at the given indices (a chunk of findings), in order, appending to the
/// buffer it is given (empty, and perhaps with room from an earlier chunk) and returning it.
type Draw<'r> = Box<dyn Fn(Range<usize>, String) -> String + Send + Sync + 'r>;

/// One part of an output: text laid out already, or items still to draw.
pub enum Part<'r> {
    Text(String),
    Drawn { len: usize, draw: Draw<'r> },
}

/// An output, part after part.
#[derive(Default)]
pub struct Parts<'r>(Vec<Part<'r>>);

impl<'r> Parts<'r> {
    pub fn new() -> Parts<'r> {
        Parts(Vec::new())
    }

    pub fn text(&mut self, text: impl Into<String>) {
        self.0.push(Part::Text(text.into()));
    }

    /// `findings`, each drawn by `one` (with its index), in order.
    pub fn each<F>(&mut self, findings: &'r [Box<Finding>], one: F)
    where
        F: Fn(&mut String, usize, &'r Finding) + Send + Sync + 'r,
    {
        self.drawn(findings.len(), move |range, mut out| {
            out.reserve(range.len() * 128);
            for i in range {
                one(&mut out, i, &findings[i]);
            }
            out
        });
    }

    /// `len` items, drawn a chunk of indices at a time by `draw`.
    pub fn drawn<F>(&mut self, len: usize, draw: F)
    where
        F: Fn(Range<usize>, String) -> String + Send + Sync + 'r,
    {
        if len > 0 {
            self.0.push(Part::Drawn {
                len,
                draw: Box::new(draw),
            });
        }
    }

    /// Every part, text and drawn, passed through `f` (escaping for a terminal, say).
    pub fn map_text<F>(self, f: F) -> Parts<'r>
    where
        F: Fn(&mut String) + Copy + Send + Sync + 'r,
    {
        let parts = self.0.into_iter().map(|part| match part {
            Part::Text(mut text) => {
                f(&mut text);
                Part::Text(text)
            }
            Part::Drawn { len, draw } => Part::Drawn {
                len,
                draw: Box::new(move |range, buffer| {
                    let mut text = draw(range, buffer);
                    f(&mut text);
                    text
                }),
            },
        });
        Parts(parts.collect())
    }

    /// Writes the parts to `out`, drawing on the current thread pool.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        // A window's buffers, once written, hold the next window's chunks: each chunk is a
        // megabyte or two of JSON or SARIF, and fresh ones cost the allocator a large block
        // and the kernel its pages, chunk after chunk.
        let mut spare: Vec<String> = Vec::new();
        for part in &self.0 {
            match part {
                Part::Text(text) => out.write_all(text.as_bytes())?,
                Part::Drawn { len, draw } => {
                    let window_len = window_len();
                    for window in (0..*len).step_by(window_len) {
                        let end = (window + window_len).min(*len);
                        let chunks: Vec<(usize, String)> = (window..end)
                            .step_by(CHUNK)
                            .map(|start| (start, spare.pop().unwrap_or_default()))
                            .collect();
                        let drawn: Vec<String> = chunks
                            .into_par_iter()
                            .map(|(start, buffer)| draw(start..(start + CHUNK).min(end), buffer))
                            .collect();
                        for mut text in drawn {
                            out.write_all(text.as_bytes())?;
                            text.clear();
                            spare.push(text);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The whole output as one string (the language server, tests).
    pub fn concat(&self) -> String {
        let mut out = Vec::new();
        self.write_to(&mut out).expect("a Vec takes every write");
        String::from_utf8(out).expect("every part is text")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_parts_come_out_in_order_across_windows() {
        // More items than one window of chunks, and a last chunk cut short.
        let len = window_len() * 2 + CHUNK / 2 + 3;
        let mut parts = Parts::new();
        parts.text("[");
        parts.drawn(len, |range, mut out| {
            assert!(out.is_empty(), "a recycled buffer comes empty");
            range.for_each(|i| out.push_str(&format!("{i},")));
            out
        });
        parts.drawn(0, |_, _| unreachable!("nothing to draw"));
        parts.text("]");
        let parts = parts.map_text(|t: &mut String| *t = t.replace('1', "one"));
        let expected: String = std::iter::once("[".to_string())
            .chain((0..len).map(|i| format!("{i},")))
            .chain(std::iter::once("]".to_string()))
            .collect::<String>()
            .replace('1', "one");
        assert_eq!(parts.concat(), expected);
    }
}
