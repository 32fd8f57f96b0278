//! What docbao remembers between runs: which articles were read, and where the reader left
//! each one. Articles are known by their clean text, so a file renamed or moved keeps its
//! state. The state is JSON in the platform's state folder, always written whole to a
//! temporary file and renamed over the old one; a file that cannot be parsed is set aside
//! with a warning, never trusted and never fatal. Articles themselves are only ever read.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::Article;

/// The environment variable naming the state file, instead of the platform's place.
pub const STATE_ENV: &str = "DOCBAO_STATE";

/// Format of the file; a file of another version is set aside like a corrupt one.
const VERSION: u32 = 1;

/// Where the reader is in one article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Opened at least once.
    #[serde(default)]
    pub read: bool,
    /// The first line on screen when it was last left.
    #[serde(default)]
    pub line: usize,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bookmarked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    version: u32,
    /// By article key.
    #[serde(default)]
    articles: BTreeMap<String, Place>,
}

impl Default for ReadingState {
    fn default() -> ReadingState {
        ReadingState {
            version: VERSION,
            articles: BTreeMap::new(),
        }
    }
}

impl ReadingState {
    pub fn place(&self, key: &str) -> Place {
        self.articles.get(key).copied().unwrap_or_default()
    }

    pub fn is_read(&self, key: &str) -> bool {
        self.place(key).read
    }

    pub fn set(&mut self, key: String, place: Place) {
        self.articles.insert(key, place);
    }
}

/// An article's key: a 64-bit FNV-1a hash of its clean text, in hex. Stable across runs,
/// versions and machines, unlike std's hasher.
pub fn key(article: &Article) -> String {
    format!("{:016x}", article.text_hash)
}

/// The state file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    pub fn new(path: PathBuf) -> Store {
        Store { path }
    }

    /// `$DOCBAO_STATE`, else `state.json` in docbao's folder of the platform's state folder
    /// (`~/.local/state/docbao` on Linux) or, where there is none, of its local data folder.
    pub fn default_place() -> Option<Store> {
        if let Some(path) = std::env::var_os(STATE_ENV).filter(|p| !p.is_empty()) {
            return Some(Store::new(PathBuf::from(path)));
        }
        let base = dirs::state_dir().or_else(dirs::data_local_dir)?;
        Some(Store::new(base.join("docbao").join("state.json")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved state, and a warning when there was a file that could not be used. No file
    /// yet is not a problem. A file that does not parse is renamed to `….corrupt` so the next
    /// save does not destroy what the user may want to look at.
    pub fn load(&self) -> (ReadingState, Option<String>) {
        let shown = self.path.display();
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (ReadingState::default(), None)
            }
            Err(e) => {
                return (
                    ReadingState::default(),
                    Some(format!("{shown}: cannot read the reading state: {e}")),
                )
            }
        };
        let problem = match serde_json::from_slice::<ReadingState>(&bytes) {
            Ok(state) if state.version == VERSION => return (state, None),
            Ok(state) => format!("it is of version {}, not {VERSION}", state.version),
            Err(e) => format!("it is not valid ({e})"),
        };
        let aside = self.path.with_extension("json.corrupt");
        let kept = match std::fs::rename(&self.path, &aside) {
            Ok(()) => format!("set aside as {}", aside.display()),
            Err(e) => format!("could not be set aside: {e}"),
        };
        (
            ReadingState::default(),
            Some(format!(
                "{shown}: the reading state was not used because {problem}; {kept}, and reading \
                 marks start afresh"
            )),
        )
    }

    pub fn save(&self, state: &ReadingState) -> std::io::Result<()> {
        let json = serde_json::to_vec(state).expect("the state serialises");
        write_atomic(&self.path, &json)
    }
}

/// Writes `bytes` to `path` so that a reader of `path` sees the old content or the new, never
/// a mix: into a temporary file beside it, flushed to disk, then renamed over it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        std::fs::create_dir_all(folder)?;
    }
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let mut temp_name = name.to_owned();
    temp_name.push(format!(".tmp-{}", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Corpus;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("docbao-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn state_round_trips_through_its_file() {
        let dir = scratch("round");
        let store = Store::new(dir.join("deeper/state.json"));
        let (mut state, warning) = store.load();
        assert_eq!((state.clone(), warning), (ReadingState::default(), None));
        state.set(
            "abc".to_owned(),
            Place {
                read: true,
                line: 12,
                bookmarked: false,
            },
        );
        state.set(
            "marked".to_owned(),
            Place {
                read: false,
                line: 0,
                bookmarked: true,
            },
        );
        store.save(&state).expect("saved");
        let (again, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(
            again.place("abc"),
            Place {
                read: true,
                line: 12,
                bookmarked: false,
            }
        );
        assert!(again.place("marked").bookmarked);
        assert!(!again.is_read("marked"));
        assert!(!again.is_read("other"));
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.join("deeper"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_corrupt_or_truncated_file_is_set_aside_with_a_warning() {
        let dir = scratch("corrupt");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        let full = br#"{"version":1,"articles":{"abc":{"read":true,"line":3}}}"#;
        for (case, bytes) in [
            ("truncated", &full[..30]),
            ("binary", &b"\x00\xff\xfe garbage"[..]),
            ("other version", &br#"{"version":99}"#[..]),
            ("wrong shape", &b"[1, 2, 3]"[..]),
        ] {
            std::fs::write(&path, bytes).unwrap();
            let store = Store::new(path.clone());
            let (state, warning) = store.load();
            assert_eq!(state, ReadingState::default(), "{case}");
            let warning = warning.unwrap_or_default();
            assert!(warning.contains("set aside"), "{case}: {warning}");
            assert!(!path.exists(), "{case}: the bad file is still in the way");
            let aside = std::fs::read(dir.join("state.json.corrupt")).unwrap();
            assert_eq!(aside, bytes, "{case}: the bad file was not kept as it was");
            store.save(&state).expect("a fresh state is saved over it");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_article_keeps_its_key_when_its_file_moves() {
        let seeds = Corpus::seeds();
        let article = &seeds.articles[1];
        let mut moved = article.clone();
        moved.path = "elsewhere/renamed.txt".to_owned();
        moved.id = "renamed".to_owned();
        assert_eq!(key(article), key(&moved));
        assert_ne!(key(article), key(&seeds.articles[2]));
        assert_eq!(key(article).len(), 16);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = scratch("failed");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        write_atomic(&path, b"old").unwrap();
        // A folder where the temporary file would go makes the write fail before the rename.
        let temp = dir.join(format!("state.json.tmp-{}", std::process::id()));
        std::fs::create_dir_all(&temp).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
