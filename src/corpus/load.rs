//! Reading many files on every core, in batches that come in file order, with each folder's
//! furniture learnt and its cache used when the load reaches it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::article::{Article, Stored};
use crate::clean::format::Format;
use crate::clean::Furniture;
use crate::search::Searchable;
use crate::text;

use super::cache::{Cache, FileResults, Stamp};
use super::lookup::Seen;
use super::push_result;
use super::read::{decode_file, read_limited};
use super::walk::find_files;

/// Folders with fewer text files than this are not searched for furniture.
const FURNITURE_MIN_FILES: usize = 4;
/// How many files of a folder are read to learn its furniture.
const FURNITURE_SAMPLE: usize = 200;

/// What a load in the background reports, in order: the files found, then their batches.
#[derive(Debug)]
pub enum Loading {
    Found { files: usize, warnings: Vec<String> },
    Batch(Batch),
}

/// Finds and reads the files under `paths`, reporting to `sink` (see `Loading`) until it
/// returns false. For a reader that shows itself before the walk is done.
pub fn load_each(paths: &[PathBuf], cache: Option<&Cache>, mut sink: impl FnMut(Loading) -> bool) {
    let (files, warnings) = find_files(paths);
    if sink(Loading::Found {
        files: files.len(),
        warnings,
    }) {
        read_files(&files, cache, |batch| sink(Loading::Batch(batch)));
    }
}

/// The next files of a load, in order.
#[derive(Debug, Default)]
pub struct Batch {
    /// How many files this batch covers.
    pub files: usize,
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// The articles made ready for the list filter, when the loader has done it (off the
    /// reader's thread); empty otherwise.
    pub searchables: Vec<Searchable>,
    /// Articles of this load (by number, from its first) whose content has been written to
    /// the cache, and where: their content need not be held any longer (`Article::keep_in`).
    pub kept: Vec<(usize, Stored)>,
    /// The folders this batch reached, as found (with a cache only): once every file is
    /// read, they open the lookup index of what was read (`Lookup::open_seen`).
    pub seen: Vec<Seen>,
}

/// Files read per batch: each batch is spread over the cores, and batches come in file order.
/// The first batches are small, so the first articles show at once.
const BATCH_FILES: usize = 256;
const FIRST_BATCH_FILES: usize = 16;
/// How many files past a batch the folders' caches are looked up.
const LOOK_AHEAD: usize = 2048;

/// Reads `files` on every core, handing `sink` one batch at a time in file order, so the
/// articles come out as a sequential read would give them. Stops when `sink` returns false.
/// With a `cache`, a folder whose files have not changed comes from it, and a folder read is
/// kept in it.
pub fn read_files(files: &[PathBuf], cache: Option<&Cache>, mut sink: impl FnMut(Batch) -> bool) {
    use rayon::prelude::*;
    let mut folders = Folders::new(files, cache);
    // How many articles have been read so far: the number of the next one.
    let mut numbered = 0;
    let mut start = 0;
    let mut size = FIRST_BATCH_FILES;
    while start < files.len() {
        let end = (start + size).min(files.len());
        size = (size * 2).min(BATCH_FILES);
        let mut batch = Batch {
            files: end - start,
            ..Batch::default()
        };
        batch.warnings.extend(folders.prepare(start..end));
        batch.seen.append(&mut folders.seen);
        let cached: Vec<Option<FileResults>> =
            (start..end).map(|i| folders.ready.remove(&i)).collect();
        let none = Furniture::default();
        let results: Vec<FileResults> = files[start..end]
            .par_iter()
            .zip(cached)
            .map(|(f, cached)| {
                if let Some(results) = cached {
                    return results;
                }
                let shown = f.display().to_string();
                let furniture = f
                    .parent()
                    .and_then(|p| folders.furniture.get(p))
                    .unwrap_or(&none);
                match read_limited(f) {
                    Ok(bytes) => Article::from_file_with(&shown, bytes, furniture),
                    Err(e) => vec![Err(e)],
                }
            })
            .collect();
        let mut complete = Vec::new();
        for (i, results) in (start..end).zip(&results) {
            complete.extend(folders.done(i, results, numbered));
            numbered += results.iter().filter(|r| r.is_ok()).count();
        }
        // The folders completed by this batch are kept on every core.
        let saved: Vec<Saved> = complete.into_par_iter().map(|c| c.save(cache)).collect();
        for s in saved {
            match s {
                Saved::Kept(kept) => batch.kept.extend(kept),
                Saved::Failed(warning) => batch.warnings.push(warning),
            }
        }
        for result in results.into_iter().flatten() {
            push_result(result, &mut batch.articles, &mut batch.warnings);
        }
        start = end;
        if !sink(batch) {
            return;
        }
    }
}

/// What a load knows of each folder, from when it first reaches it: its furniture (lines
/// repeated across its files, learnt from a sample of its plain-text files), and its cache.
/// Nothing is done for a folder before the load gets there, so a large archive's first
/// articles come at once.
struct Folders<'a> {
    files: &'a [PathBuf],
    cache: Option<&'a Cache>,
    /// Each folder's files, by index into `files`, in order.
    members: HashMap<&'a Path, Vec<usize>>,
    furniture: HashMap<PathBuf, Furniture>,
    /// Results taken from the cache, by file index, until their batch comes.
    ready: HashMap<usize, FileResults>,
    /// Folders being read that will be cached once every file of theirs has been.
    pending: HashMap<&'a Path, Pending>,
    /// Folders looked up and not in the cache, whose furniture is learnt when they are reached.
    to_learn: HashMap<&'a Path, Vec<usize>>,
    /// How far into `files` the folders have been looked up.
    looked: usize,
    /// The folders looked up and stamped, not yet given to a batch.
    seen: Vec<Seen>,
}

struct Pending {
    /// The folder's files, by index into `files`, in order.
    members: Vec<usize>,
    stamps: Vec<Stamp>,
    /// Results by place in the folder, with the number in the load of each file's first
    /// article; the folder is saved when none is missing.
    results: Vec<Option<(usize, FileResults)>>,
    missing: usize,
}

impl<'a> Folders<'a> {
    fn new(files: &'a [PathBuf], cache: Option<&'a Cache>) -> Folders<'a> {
        let mut members: HashMap<&Path, Vec<usize>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            if let Some(parent) = f.parent() {
                members.entry(parent).or_default().push(i);
            }
        }
        Folders {
            files,
            cache,
            members,
            furniture: HashMap::new(),
            ready: HashMap::new(),
            pending: HashMap::new(),
            to_learn: HashMap::new(),
            looked: 0,
            seen: Vec::new(),
        }
    }

    /// Makes ready the folders of files `range` reached for the first time: from the cache if
    /// it holds them unchanged, else by learning their furniture. The caches of the folders a
    /// little further on are looked up too, so that several are read at once. Returns
    /// warnings about the cache.
    fn prepare(&mut self, range: std::ops::Range<usize>) -> Vec<String> {
        use rayon::prelude::*;
        let mut warnings = Vec::new();
        // Files before `looked` have had their folders looked up.
        let ahead = self.looked.max(range.start)..(range.end + LOOK_AHEAD).min(self.files.len());
        self.looked = ahead.end;
        let mut folders: Vec<&Path> = self.files[ahead]
            .iter()
            .filter_map(|f| f.parent())
            .collect();
        folders.dedup();
        let new: Vec<(&Path, Vec<usize>)> = folders
            .into_iter()
            .filter_map(|folder| Some((folder, self.members.remove(folder)?)))
            .collect();
        // The folders' caches are read on every core: a second start is mostly that.
        let cache = self.cache;
        let files = self.files;
        let looked_up: Vec<_> = new
            .par_iter()
            .map(|(folder, members)| {
                let stamps: Option<Vec<Stamp>> =
                    cache.and_then(|_| members.iter().map(|&i| Stamp::of(&files[i])).collect());
                let found = match (cache, &stamps) {
                    (Some(cache), Some(stamps)) => cache.load(folder, stamps),
                    _ => Ok(None),
                };
                (stamps, found)
            })
            .collect();
        for ((folder, members), (stamps, found)) in new.into_iter().zip(looked_up) {
            if let Some(stamps) = &stamps {
                self.seen.push(Seen {
                    folder: folder.to_owned(),
                    files: members.clone(),
                    digest: super::lookup::segment::digest(stamps),
                });
            }
            match found {
                Ok(Some(results)) => {
                    self.ready.extend(members.iter().copied().zip(results));
                    continue;
                }
                Ok(None) => {}
                Err(w) => warnings.push(w),
            }
            if let Some(stamps) = stamps {
                self.pending.insert(
                    folder,
                    Pending {
                        members: members.clone(),
                        results: vec![None; stamps.len()],
                        missing: stamps.len(),
                        stamps,
                    },
                );
            }
            self.to_learn.insert(folder, members);
        }
        // Furniture is learnt only for the folders reached now.
        let mut reached: Vec<&Path> = Vec::new();
        if !self.to_learn.is_empty() {
            reached.extend(self.files[range].iter().filter_map(|f| f.parent()));
            reached.dedup();
        }
        for folder in reached {
            let Some(members) = self.to_learn.remove(folder) else {
                continue;
            };
            let texts: Vec<&PathBuf> = members
                .iter()
                .map(|&i| &self.files[i])
                .filter(|p| Format::of(&p.to_string_lossy()) == Format::Text)
                .collect();
            if texts.len() < FURNITURE_MIN_FILES {
                continue;
            }
            let texts: Vec<String> = texts[..texts.len().min(FURNITURE_SAMPLE)]
                .par_iter()
                .filter_map(|f| read_limited(f).ok())
                .filter_map(|b| decode_file(b).ok())
                .map(|d| text::sanitize_owned(d.text))
                .collect();
            let furniture = Furniture::learn(texts.iter().map(String::as_str));
            if !furniture.is_empty() {
                self.furniture.insert(folder.to_owned(), furniture);
            }
        }
        warnings
    }

    /// Notes that file `i` has been read, its articles numbered from `first` in the load;
    /// once its whole folder has, gives it, to be kept in the cache.
    fn done(&mut self, i: usize, results: &FileResults, first: usize) -> Option<Complete<'a>> {
        self.cache?;
        let folder = self.files[i].parent()?;
        let pending = self.pending.get_mut(folder)?;
        let at = pending.members.binary_search(&i).ok()?;
        if pending.results[at].is_none() {
            pending.results[at] = Some((first, results.clone()));
            pending.missing -= 1;
        }
        if pending.missing > 0 {
            return None;
        }
        let pending = self.pending.remove(folder)?;
        Some(Complete {
            folder,
            furniture: self.furniture.get(folder).cloned().unwrap_or_default(),
            pending,
        })
    }
}

/// A folder every file of which has been read.
struct Complete<'a> {
    folder: &'a Path,
    furniture: Furniture,
    pending: Pending,
}

impl Complete<'_> {
    /// Keeps the folder in the cache: where each of its articles (by number in the load) now
    /// is, or why it could not be kept.
    fn save(self, cache: Option<&Cache>) -> Saved {
        let Some(cache) = cache else {
            return Saved::Kept(Vec::new());
        };
        let (firsts, results): (Vec<usize>, Vec<FileResults>) =
            self.pending.results.into_iter().flatten().unzip();
        match cache.save(self.folder, &self.pending.stamps, &self.furniture, &results) {
            Ok(stored) => {
                // The articles' numbers, in the order `save` kept them.
                let numbers = firsts.iter().zip(&results).flat_map(|(&first, results)| {
                    first..first + results.iter().filter(|r| r.is_ok()).count()
                });
                Saved::Kept(numbers.zip(stored).collect())
            }
            Err(e) => Saved::Failed(format!(
                "{}: could not keep in the cache: {e}",
                self.folder.display()
            )),
        }
    }
}

/// What became of a folder once every file of it was read.
enum Saved {
    /// Kept in the cache: where each of its articles (by number in the load) now is.
    Kept(Vec<(usize, Stored)>),
    Failed(String),
}
