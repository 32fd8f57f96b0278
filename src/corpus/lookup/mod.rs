//! The lookup index: what `facts --query`, `search` and the reader's corpus view ask of a
//! large folder, answered without reading its articles back. Each folder of articles has a
//! segment (see `segment`) written with its cache; a lookup checks that every folder's files
//! are those its segment was made from (their stamps, as the cache checks them, or, for a
//! while after such a check, the folders' own times: see `checked`), reads the segments'
//! sections it needs, and merges them in corpus order. When any folder has changed
//! or has no segment, `Lookup::open` gives `None` and the caller reads the corpus (which
//! makes the missing segments again). The reader, which has just read the folders, opens the
//! index of the files as it read them instead (`Lookup::open_seen`), without a walk. The
//! corpus view's list, merged from every segment, is kept beside them with each name's first
//! spelling (see `kept`).

mod checked;
mod facts;
mod kept;
pub mod segment;
mod words;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// foldhash instead of SipHash: lookups hash every name and word they merge.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use rayon::prelude::*;

use crate::text::de::Raw;

use super::cache::{Cache, Stamp};
use super::walk::find_stamped;
use segment::{Rows, RowsHead, Section, Segment, Unusable};

pub use facts::{Cited, Counted, Found, Listed, ListedOffice, Listing};

/// The segments of every folder under the paths given, fresh, in the order of their folders'
/// first files.
#[derive(Debug)]
pub struct Lookup {
    folders: Vec<Folder>,
    /// Each folder's rows section, and each of its articles' number in the corpus (the place
    /// it has in a load's articles).
    rows: Vec<Vec<u8>>,
    numbers: Vec<Vec<u32>>,
    /// What reading the corpus said, as a load would say it: the walk's warnings, then each
    /// file's, in file order.
    pub warnings: Vec<String>,
    /// How many articles the corpus has.
    pub articles: usize,
    /// Where the corpus view's list of this corpus is kept once merged.
    kept: kept::Kept,
}

#[derive(Debug)]
struct Folder {
    segment: Segment,
    /// The place in the corpus's sorted files of each of the folder's files.
    files: Vec<usize>,
}

/// A folder as a load found it: its files (by place in the load's sorted files) and the
/// digest of their stamps then. What the reader keeps to open the index of what it has read
/// without walking the folders again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Seen {
    pub folder: PathBuf,
    pub files: Vec<usize>,
    pub digest: u64,
}

impl Lookup {
    /// The index of `paths` when every folder under them has a segment made from its files as
    /// they are now (the seeds, with no paths, have none). The files are those of the last
    /// full check of these paths (see `checked`) if it is less than `recheck_after()` old and
    /// no folder has changed since; else every file is stamped again, and that check kept.
    pub fn open(paths: &[PathBuf], cache: &Cache) -> Option<Lookup> {
        Lookup::open_within(paths, cache, recheck_after())
    }

    /// `open`, trusting the last full check for `recheck`.
    pub fn open_within(
        paths: &[PathBuf],
        cache: &Cache,
        recheck: std::time::Duration,
    ) -> Option<Lookup> {
        if paths.is_empty() {
            return None;
        }
        let checked = checked::Checked::of(cache.dir(), paths);
        if let Some(found) = checked.as_ref().and_then(|c| c.trusted(recheck)) {
            if let Some(lookup) = Lookup::open_seen(&found.seen, found.files, found.warnings, cache)
            {
                return Some(lookup);
            }
        }
        let began = std::time::SystemTime::now();
        let walked = find_stamped(paths);
        let found = checked::Found {
            seen: seen_of(&walked.files)?,
            files: walked.files.len(),
            warnings: walked.warnings,
        };
        let lookup = Lookup::open_seen(&found.seen, found.files, found.warnings.clone(), cache)?;
        if let (Some(checked), Some(folders)) = (checked, walked.folders) {
            // Not kept, the files are stamped again next time.
            let _ = checked.write(began, &folders, &found);
        }
        // The list of names, whose spellings a facts lookup takes, is merged once the folders
        // have changed, while the lookup is slow anyway (its files were all stamped).
        let _ = lookup.keep_counted();
        Some(lookup)
    }

    /// The index of the folders as a load saw them (`Seen`, each of the load's `files` in one
    /// of them), when each has a segment made from those files: the index of what was read,
    /// found without walking the folders again.
    pub fn open_seen(
        seen: &[Seen],
        files: usize,
        walk_warnings: Vec<String>,
        cache: &Cache,
    ) -> Option<Lookup> {
        // Each folder's segment, and its rows, read while its file is open.
        let opened: Option<Vec<(Folder, Vec<u8>)>> = seen
            .par_iter()
            .map(|s| {
                let (segment, reading) = cache.segment(&s.folder, s.digest).ok()?;
                let folder = Folder {
                    segment,
                    files: s.files.clone(),
                };
                let rows = reading
                    .bytes(Section::Rows)
                    .inspect_err(|e| folder.give_up(*e))
                    .ok()?;
                Some((folder, rows))
            })
            .collect();
        let (folders, rows): (Vec<Folder>, Vec<Vec<u8>>) = opened?.into_iter().unzip();
        // Every file is in exactly one folder: the articles' numbers depend on it.
        let mut all: Vec<usize> = folders
            .iter()
            .flat_map(|f| f.files.iter().copied())
            .collect();
        all.sort_unstable();
        if all.len() != files || all.iter().enumerate().any(|(i, &f)| i != f) {
            return None;
        }
        let mut lookup = Lookup {
            folders,
            rows,
            numbers: Vec::new(),
            warnings: walk_warnings,
            articles: 0,
            kept: kept::Kept::of(cache.dir(), cache.build(), seen),
        };
        lookup.read_rows().ok()?;
        Some(lookup)
    }

    /// Reads one section of every segment, on every core. A damaged segment is removed (the
    /// next read of its folder makes it again) and the lookup is given up.
    fn read_all(&self, section: Section) -> Result<Vec<Vec<u8>>, Unusable> {
        self.folders
            .par_iter()
            .map(|f| f.segment.bytes(section).inspect_err(|e| f.give_up(*e)))
            .collect()
    }

    /// `f` of each folder (its place, its file open for more reads, and `section`'s bytes),
    /// on every core, a folder at a time: each section is let go once used. A damaged
    /// segment is removed (the next read of its folder makes it again) and the lookup given
    /// up.
    fn each_folder<T: Send>(
        &self,
        section: Section,
        f: impl Fn(usize, &segment::Reading, &[u8]) -> Result<T, Unusable> + Sync,
    ) -> Result<Vec<T>, Unusable> {
        self.folders
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |bytes, (i, folder)| {
                let mut read = || {
                    let reading = folder.segment.reading()?;
                    reading.bytes_into(bytes, section)?;
                    f(i, &reading, bytes)
                };
                read().inspect_err(|e| folder.give_up(*e))
            })
            .collect()
    }

    /// A section of every segment, as `read_all` read it, decoded in place.
    fn decode_all<'a, T: serde::Deserialize<'a> + Send>(
        &self,
        sections: &'a [Vec<u8>],
    ) -> Result<Vec<T>, Unusable> {
        self.folders
            .par_iter()
            .zip(sections)
            .map(|(f, bytes)| segment::decode(bytes).inspect_err(|e| f.give_up(*e)))
            .collect()
    }

    /// A folder's rows, their strings checked only as they are used.
    fn rows_of(&self, folder: usize) -> Result<Rows<Raw<'_>>, Unusable> {
        let rows: Rows<Raw> = segment::decode(&self.rows[folder])
            .inspect_err(|e| self.folders[folder].give_up(*e))?;
        // As many rows as the articles numbered from the rows' files.
        if rows.rows.len() != self.numbers[folder].len() {
            return Err(Unusable::Damaged);
        }
        Ok(rows)
    }

    /// Numbers every folder's articles in corpus order and gathers the files' warnings.
    fn read_rows(&mut self) -> Result<(), Unusable> {
        // Their heads only: each article's file, and the warnings.
        let rows: Vec<RowsHead<Raw>> = self.decode_all(&self.rows)?;
        // How many articles each of the corpus's files gave, then where each file's start.
        let total: usize = self.folders.iter().map(|f| f.files.len()).sum();
        let mut per_file = vec![0u32; total];
        let mut by_file: Vec<(usize, Raw)> = Vec::new();
        for (f, r) in self.folders.iter().zip(&rows) {
            let global = |file: u32| f.files.get(file as usize).copied().ok_or(Unusable::Damaged);
            for &file in &r.of_file {
                per_file[global(file)?] += 1;
            }
            for (file, w) in &r.warnings {
                by_file.push((global(*file)?, *w));
            }
        }
        by_file.sort_by_key(|(file, _)| *file);
        let mut warnings: Vec<String> = by_file
            .into_iter()
            .map(|(_, w)| segment::text(w.0).map(str::to_owned))
            .collect::<Result<_, _>>()?;
        let mut start = Vec::with_capacity(total);
        let mut sum = 0;
        for n in &per_file {
            start.push(sum);
            sum += n;
        }
        let numbers = self
            .folders
            .iter()
            .zip(&rows)
            .map(|(f, r)| {
                let mut seen = vec![0u32; f.files.len()];
                r.of_file
                    .iter()
                    .map(|&file| {
                        let file = file as usize;
                        let n = start[f.files[file]] + seen[file];
                        seen[file] += 1;
                        n
                    })
                    .collect()
            })
            .collect();
        drop(rows);
        self.warnings.append(&mut warnings);
        self.articles = sum as usize;
        self.numbers = numbers;
        Ok(())
    }
}

/// How long the last full check of a lookup's paths is trusted while their folders are
/// unchanged: `DOCBAO_RECHECK` seconds, else `RECHECK`. With 0, every lookup stamps every
/// file.
pub fn recheck_after() -> std::time::Duration {
    let secs = std::env::var(RECHECK_ENV)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(RECHECK);
    std::time::Duration::from_secs(secs)
}

/// The environment variable that sets `recheck_after`, in seconds.
pub const RECHECK_ENV: &str = "DOCBAO_RECHECK";

/// How long, in seconds, a lookup trusts the last full check of its folders by default.
pub const RECHECK: u64 = 60;

/// The walk's files by folder (in the order of their folders' first files), with the digest
/// of their stamps; `None` if a file has no stamp.
fn seen_of(files: &[(PathBuf, Option<Stamp>)]) -> Option<Vec<Seen>> {
    // Files by folder (hashed by bytes: hashing a path parses its components).
    let mut folders: Vec<(&Path, Vec<usize>)> = Vec::new();
    let mut at: FastMap<&[u8], usize> = FastMap::default();
    let mut last: Option<(&Path, usize)> = None;
    for (i, (f, _)) in files.iter().enumerate() {
        let parent = f.parent()?;
        let slot = match last {
            // A folder's files mostly come together.
            Some((p, slot)) if p.as_os_str() == parent.as_os_str() => slot,
            _ => *at
                .entry(parent.as_os_str().as_encoded_bytes())
                .or_insert_with(|| {
                    folders.push((parent, Vec::new()));
                    folders.len() - 1
                }),
        };
        last = Some((parent, slot));
        folders[slot].1.push(i);
    }
    folders
        .into_iter()
        .map(|(folder, members)| {
            let stamps: Vec<&Stamp> = members
                .iter()
                .map(|&i| files[i].1.as_ref())
                .collect::<Option<_>>()?;
            Some(Seen {
                folder: folder.to_owned(),
                digest: segment::digest(&stamps),
                files: members,
            })
        })
        .collect()
}

impl Folder {
    /// Removes a damaged segment: the next read of its folder makes it again.
    fn give_up(&self, e: Unusable) {
        if e == Unusable::Damaged {
            let _ = std::fs::remove_file(&self.segment.path);
        }
    }
}

impl Cache {
    /// The segment file of `folder`.
    fn segment_file_of(&self, folder: &Path) -> PathBuf {
        self.file_of(folder).with_extension("idx")
    }

    /// `folder`'s segment, if this build made it from files of this digest.
    /// A damaged one is removed, to be made again.
    fn segment(&self, folder: &Path, digest: u64) -> Result<(Segment, segment::Reading), Unusable> {
        let path = self.segment_file_of(folder);
        let opened = Segment::open(&path, self.build(), &folder.to_string_lossy(), digest);
        if opened.as_ref().is_err_and(|e| *e == Unusable::Damaged) {
            let _ = std::fs::remove_file(&path);
        }
        opened
    }

    /// Whether `folder` has a segment this build made from exactly these files.
    pub(super) fn has_segment(&self, folder: &Path, stamps: &[Stamp]) -> bool {
        self.segment(folder, segment::digest(stamps)).is_ok()
    }

    /// Writes `folder`'s segment from its read files and their articles' summaries.
    pub(super) fn save_segment(
        &self,
        folder: &Path,
        stamps: &[Stamp],
        files: &[super::cache::FileResults],
        summaries: &[crate::article::Summary],
    ) -> std::io::Result<()> {
        segment::write(
            &self.segment_file_of(folder),
            self.build(),
            &folder.to_string_lossy(),
            stamps,
            files,
            summaries,
        )
    }
}
