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
    let (found, warnings) = walk(paths, false);
    (found.into_iter().map(|(p, _)| p).collect(), warnings)
}

/// `find_files`, with each file's stamp (`None` if it has none), taken as the folders are
/// read: a stat relative to the folder is cheaper than one by the whole path.
pub fn find_stamped(paths: &[PathBuf]) -> (Vec<(PathBuf, Option<Stamp>)>, Vec<String>) {
    walk(paths, true)
}

/// Files found, with their stamps when asked for.
type Found = Vec<(PathBuf, Option<Stamp>)>;

fn walk(paths: &[PathBuf], stamped: bool) -> (Found, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        let (f, w) = collect_files(p, stamped, 0);
        files.extend(f);
        warnings.extend(w);
    }
    // By bytes: comparing paths component by component is several times slower, which
    // shows at 100,000 files. A folder's files come sorted already.
    let by_bytes = |a: &(PathBuf, _), b: &(PathBuf, _)| a.0.as_os_str().cmp(b.0.as_os_str());
    if !files.is_sorted_by(|a, b| by_bytes(a, b).is_lt()) {
        files.sort_unstable_by(by_bytes);
        files.dedup_by(|a, b| a.0 == b.0);
    }
    (files, warnings)
}

/// Folders deeper than this are not entered (a guard against link loops and runaway trees).
const MAX_DEPTH: usize = 64;

/// The files under `path` and the warnings met, its folders walked on every core.
fn collect_files(path: &Path, stamped: bool, depth: usize) -> (Found, Vec<String>) {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut warnings = Vec::new();
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
            return (files, warnings);
        }
    };
    if meta.is_file() {
        let stamp = stamped.then(|| Stamp::of(path)).flatten();
        files.push((path.to_owned(), stamp));
        return (files, warnings);
    }
    if !meta.is_dir() {
        warnings.push(format!(
            "{}: skipped: not a file or a folder",
            path.display()
        ));
        return (files, warnings);
    }
    if depth >= MAX_DEPTH {
        warnings.push(format!(
            "{}: skipped: folders nested too deep",
            path.display()
        ));
        return (files, warnings);
    }
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(io(path, e));
            return (files, warnings);
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
    let below: Vec<(Found, Vec<String>)> = items
        .par_iter()
        .filter(|(_, _, kind)| kind.is_dir())
        .map(|(_, e, _)| collect_files(&e.path(), stamped, depth + 1))
        .collect();
    let mut below = below.into_iter();
    for (name, entry, kind) in &items {
        if kind.is_dir() {
            if let Some((f, w)) = below.next() {
                files.extend(f);
                warnings.extend(w);
            }
            continue;
        }
        if !readable_name(name) {
            continue;
        }
        let p = path.join(name);
        // Links to folders are not followed (they can loop), and only regular files are read:
        // a pipe or a device named "x.txt" would never end.
        let regular = if kind.is_symlink() {
            match std::fs::metadata(&p) {
                Ok(target) => target.is_file(),
                Err(e) => {
                    warnings.push(io(&p, e));
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
        files.push((p, stamp));
    }
    (files, warnings)
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
