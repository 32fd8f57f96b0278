//! The article files under the paths given: folders walked recursively, without following
//! links to folders, only regular files with a known extension.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::article::LoadError;
use crate::clean::format;

use super::cache::Stamp;

/// The article files under `paths` (folders walked recursively), sorted, and a warning for
/// each path that could not be walked.
pub fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let found = walk(paths, false);
    (
        found.files.into_iter().map(|(p, _)| p).collect(),
        found.warnings,
    )
}

/// What a stamped walk found: the files with their stamps, the warnings, and every folder it
/// read with that folder's own stamp.
#[derive(Debug, Default)]
pub struct Stamped {
    pub files: Found,
    pub warnings: Vec<String>,
    /// `None` when a file was reached other than by its folder's listing (a path given as a
    /// file, or a link): a change to it would not show in any folder's times.
    pub folders: Option<Vec<(PathBuf, FolderStamp)>>,
}

/// A folder's own times (in nanoseconds): a file added, removed or renamed in it changes them.
/// A file rewritten in place does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FolderStamp {
    pub modified_ns: u64,
    pub changed_ns: u64,
}

impl FolderStamp {
    /// The stamp of the folder at `path` now, following a link.
    pub fn of(path: &Path) -> Option<FolderStamp> {
        let meta = std::fs::metadata(path).ok()?;
        meta.is_dir().then(|| FolderStamp::from_metadata(&meta))?
    }

    /// Without a change time, a folder is never trusted by its times.
    fn from_metadata(meta: &std::fs::Metadata) -> Option<FolderStamp> {
        let (modified_ns, changed_ns) = super::cache::times_ns(meta)?;
        Some(FolderStamp {
            modified_ns,
            changed_ns: changed_ns?,
        })
    }
}

/// `find_files`, with each file's stamp (`None` if it has none), taken as the folders are
/// read (a stat relative to the folder is cheaper than one by the whole path), and each
/// folder's own stamp.
pub fn find_stamped(paths: &[PathBuf]) -> Stamped {
    walk(paths, true)
}

/// Files found, with their stamps when asked for.
type Found = Vec<(PathBuf, Option<Stamp>)>;

fn walk(paths: &[PathBuf], stamped: bool) -> Stamped {
    let mut all = Stamped {
        folders: Some(Vec::new()),
        ..Stamped::default()
    };
    for p in paths {
        all.absorb(collect_files(p, stamped, 0));
    }
    let Stamped {
        mut files,
        warnings,
        folders,
    } = all;
    // By bytes: comparing paths component by component is several times slower, which
    // shows at 100,000 files. A folder's files come sorted already.
    let by_bytes = |a: &(PathBuf, _), b: &(PathBuf, _)| a.0.as_os_str().cmp(b.0.as_os_str());
    if !files.is_sorted_by(|a, b| by_bytes(a, b).is_lt()) {
        files.sort_unstable_by(by_bytes);
        files.dedup_by(|a, b| a.0 == b.0);
    }
    Stamped {
        files,
        warnings,
        folders,
    }
}

impl Stamped {
    /// Adds what a walk of another path (or of a folder inside) found.
    fn absorb(&mut self, other: Stamped) {
        self.files.extend(other.files);
        self.warnings.extend(other.warnings);
        self.folders = self.folders.take().zip(other.folders).map(|(mut a, b)| {
            a.extend(b);
            a
        });
    }
}

/// Folders deeper than this are not entered (a guard against link loops and runaway trees).
const MAX_DEPTH: usize = 64;

/// The files under `path`, the warnings met and the folders read, its folders walked on every
/// core.
fn collect_files(path: &Path, stamped: bool, depth: usize) -> Stamped {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let done = |files, warnings, folders| Stamped {
        files,
        warnings,
        folders,
    };
    let io = |path: &Path, e: std::io::Error| {
        LoadError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        }
        .to_string()
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            warnings.push(if e.kind() == std::io::ErrorKind::NotFound {
                LoadError::Missing {
                    path: path.display().to_string(),
                }
                .to_string()
            } else {
                io(path, e)
            });
            return done(files, warnings, None);
        }
    };
    if meta.is_file() {
        let stamp = stamped.then(|| Stamp::of(path)).flatten();
        files.push((path.to_owned(), stamp));
        return done(files, warnings, None);
    }
    if !meta.is_dir() {
        warnings.push(format!(
            "{}: skipped: not a file or a folder",
            path.display()
        ));
        return done(files, warnings, None);
    }
    if depth >= MAX_DEPTH {
        warnings.push(format!(
            "{}: skipped: folders nested too deep",
            path.display()
        ));
        return done(files, warnings, None);
    }
    // Taken before the folder is listed: a file added meanwhile changes it afterwards. An
    // unstamped walk (a load's) has no use for it.
    let folders = stamped
        .then(|| FolderStamp::from_metadata(&meta))
        .flatten()
        .map(|s| vec![(path.to_owned(), s)]);
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(io(path, e));
            return done(files, warnings, None);
        }
    };
    // The entries in the order of their paths' bytes: a folder's files go where its name
    // and a slash would.
    let mut items: Vec<(std::ffi::OsString, std::fs::DirEntry, std::fs::FileType)> = entries
        .flatten()
        .filter_map(|e| {
            let kind = e.file_type().ok()?;
            Some((e.file_name(), e, kind))
        })
        .collect();
    items.sort_unstable_by(|a, b| order(&a.0, a.2.is_dir(), &b.0, b.2.is_dir()));
    let below: Vec<Stamped> = items
        .par_iter()
        .filter(|(_, _, kind)| kind.is_dir())
        .map(|(_, e, _)| collect_files(&e.path(), stamped, depth + 1))
        .collect();
    let mut below = below.into_iter();
    let mut found = done(files, warnings, folders);
    for (name, entry, kind) in &items {
        if kind.is_dir() {
            if let Some(b) = below.next() {
                found.absorb(b);
            }
            continue;
        }
        if !readable_name(name) {
            continue;
        }
        if kind.is_symlink() {
            found.folders = None;
        }
        let p = path.join(name);
        // Links to folders are not followed (they can loop), and only regular files are read:
        // a pipe or a device named "x.txt" would never end.
        let regular = if kind.is_symlink() {
            match std::fs::metadata(&p) {
                Ok(target) => target.is_file(),
                Err(e) => {
                    found.warnings.push(io(&p, e));
                    false
                }
            }
        } else {
            kind.is_file()
        };
        if !regular {
            continue;
        }
        let stamp = match stamped {
            false => None,
            true if kind.is_symlink() => Stamp::of(&p),
            true => entry
                .metadata()
                .ok()
                .and_then(|m| Stamp::from_metadata(name.to_string_lossy().into_owned(), &m)),
        };
        found.files.push((p, stamp));
    }
    found
}

/// How two entries of a folder are ordered: by their names' bytes, a folder's name followed
/// by a slash (as the bytes of their paths would be).
fn order(a: &std::ffi::OsStr, a_folder: bool, b: &std::ffi::OsStr, b_folder: bool) -> Ordering {
    let (a, b) = (a.as_encoded_bytes(), b.as_encoded_bytes());
    let common = a.len().min(b.len());
    match a[..common].cmp(&b[..common]) {
        Ordering::Equal => {}
        other => return other,
    }
    // One name starts the other: what follows the shorter is its slash, or nothing.
    let next = |name: &[u8], folder: bool| name.get(common).copied().or(folder.then_some(b'/'));
    next(a, a_folder).cmp(&next(b, b_folder))
}

/// Whether a file's name has an extension docbao reads (in any case).
fn readable_name(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    let Some(dot) = name.iter().rposition(|&b| b == b'.') else {
        return false;
    };
    // A name that is all extension (".txt") has none, as `Path::extension` says.
    dot > 0
        && format::EXTENSIONS
            .iter()
            .any(|e| name[dot + 1..].eq_ignore_ascii_case(e.as_bytes()))
}
