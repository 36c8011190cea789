//! The texts of findings (messages, labels, help, fixes), shared rather than copied: a
//! generated stack yields a million findings with a few dozen distinct texts, and a copy in
//! each finding was a third of a run's memory.
//!
//! A [`Text`] is one thin pointer. The program's fixed texts come from a per-thread table, so
//! each is allocated once per worker; formatted ones are allocated as they are built and
//! made shared at the end of their module by the run's [`Texts`], so the run keeps one copy
//! of each distinct text. The table lives with the run, not the process: a language server
//! checking buffers for hours keeps only the texts of its current findings.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Mutex;
use triomphe::Arc;

/// A finding's text: compared, ordered and hashed as its string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<String>);

impl Text {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::new(s))
    }
}

thread_local! {
    /// The program's fixed texts met on this thread, by address: a fixed text is one of a
    /// bounded set, so the table never grows past the texts the program holds.
    static FIXED: RefCell<HashMap<(usize, usize), Text>> = RefCell::new(HashMap::new());
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        FIXED.with(|fixed| {
            fixed
                .borrow_mut()
                .entry((s.as_ptr() as usize, s.len()))
                .or_insert_with(|| Text(Arc::new(s.to_owned())))
                .clone()
        })
    }
}

impl From<std::borrow::Cow<'static, str>> for Text {
    fn from(s: std::borrow::Cow<'static, str>) -> Text {
        match s {
            std::borrow::Cow::Borrowed(s) => Text::from(s),
            std::borrow::Cow::Owned(s) => Text::from(s),
        }
    }
}

/// The run's distinct texts: [`Texts::share`] replaces each text of a module's findings by the
/// run's copy of it, so that equal texts built by different findings are kept once.
#[derive(Default)]
pub struct Texts(Mutex<HashSet<Text>>);

impl Texts {
    /// `text`, as the run's copy: the first text seen with its content becomes that copy.
    pub fn share(table: &mut HashSet<Text>, text: &mut Text) {
        match table.get(text.as_str()) {
            Some(kept) => {
                if !Arc::ptr_eq(&kept.0, &text.0) {
                    *text = kept.clone();
                }
            }
            None => {
                table.insert(text.clone());
            }
        }
    }

    /// Runs `f` with the table locked: a module's texts are shared in one go.
    pub fn with<R>(&self, f: impl FnOnce(&mut HashSet<Text>) -> R) -> R {
        let mut table = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut table)
    }
}
