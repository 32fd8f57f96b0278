//! The cache of processed articles: one file per folder of articles, in the platform's cache
//! folder (`DOCBAO_CACHE` names another; `--no-cache` goes without). A folder's cache is used
//! only when it was made by this very build of docbao and the folder holds exactly the files
//! it was made from, each with the same size and modification time (to the nanosecond);
//! otherwise the whole folder is read again, since its furniture (lines repeated across its
//! files) may have changed with any one of them. The file carries a CRC-32 of its contents, so
//! a truncated or damaged cache is detected and rebuilt, never trusted. Caches are written to a
//! temporary file and renamed.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::article::{Article, Content, LoadError, Slot, Stored, Summary};
use crate::clean::{Block, Furniture};
use crate::extract::{Entity, Fact};
use crate::text::de::{maybe_text, text, texts};

use super::read::read_limited;

/// The environment variable naming the cache folder.
pub const CACHE_ENV: &str = "DOCBAO_CACHE";

/// A cache file: this, the length of the build id (u16, little-endian), the build id, the
/// CRC-32 of the head, the head's length (u64, little-endian), the head (postcard
/// `FolderHead`), and the articles' contents (postcard each, with its CRC-32 in its head).
const MAGIC: &[u8; 8] = b"DOCBAO\x06\n";

/// Where a folder's caches are kept.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// Which build of docbao made a cache: its results are only as good as its extractor.
    build: String,
}

/// A file as the cache knows it: name, size, modification time and (on Unix) the time its
/// inode last changed, which a change of permissions moves too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub name: String,
    pub size: u64,
    pub modified_ns: u64,
    pub changed_ns: u64,
}

impl Stamp {
    /// The stamp of `path`, if it has a modification time.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Stamp::from_metadata(path.file_name()?.to_string_lossy().into_owned(), &meta)
    }

    /// The stamp of the file `name` whose metadata is `meta`, if it has a modification time.
    pub fn from_metadata(name: String, meta: &std::fs::Metadata) -> Option<Stamp> {
        let (modified_ns, changed_ns) = times_ns(meta)?;
        Some(Stamp {
            name,
            size: meta.len(),
            modified_ns,
            changed_ns: changed_ns.unwrap_or(0),
        })
    }
}

/// A file's or folder's modification time and (where the system keeps one) change time, in
/// nanoseconds since the epoch; `None` without a modification time.
pub(super) fn times_ns(meta: &std::fs::Metadata) -> Option<(u64, Option<u64>)> {
    let modified = meta.modified().ok()?;
    let ns = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let changed_ns = {
        use std::os::unix::fs::MetadataExt;
        Some(
            (meta.ctime() as u64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(meta.ctime_nsec() as u64),
        )
    };
    #[cfg(not(unix))]
    let changed_ns = None;
    Some((u64::try_from(ns).ok()?, changed_ns))
}

/// What reading one file gave: its articles, and messages for what could not be read.
pub type FileResults = Vec<Result<Article, LoadError>>;

/// The part of a cache file read when it is opened: what the list needs of each article, and
/// where the rest of it is. The rest is read when the article is.
#[derive(Serialize, Deserialize)]
struct FolderHead {
    build: String,
    folder: String,
    stamps: Vec<Stamp>,
    /// The folder's furniture, to read an article's file again should its content be lost.
    furniture: Vec<u64>,
    files: Vec<Vec<Result<Head, String>>>,
}

/// An article's fields that are always at hand, and where its content is in the cache file.
#[derive(Serialize, Deserialize)]
struct Head {
    #[serde(deserialize_with = "text")]
    pub id: String,
    #[serde(deserialize_with = "text")]
    pub path: String,
    #[serde(deserialize_with = "maybe_text")]
    pub title: Option<String>,
    #[serde(deserialize_with = "text")]
    pub display_title: String,
    #[serde(deserialize_with = "maybe_text")]
    pub published: Option<String>,
    #[serde(deserialize_with = "maybe_text")]
    pub source: Option<String>,
    #[serde(deserialize_with = "texts")]
    pub warnings: Vec<String>,
    #[serde(deserialize_with = "maybe_text")]
    pub url: Option<String>,
    #[serde(deserialize_with = "maybe_text")]
    pub author: Option<String>,
    #[serde(deserialize_with = "texts")]
    pub tags: Vec<String>,
    #[serde(deserialize_with = "text")]
    pub names: String,
    /// The list filter's haystack, folded, so that a second start folds nothing.
    #[serde(deserialize_with = "text")]
    pub folded: String,
    pub text_hash: u64,
    content: Slot,
    summary: Slot,
}

/// How a slot is made and checked.
trait Placed {
    fn since(contents: &[u8], at: usize) -> Slot;
    fn fits_in(&self, room: u64) -> bool;
}

impl Placed for Slot {
    /// The span of what was last added to `contents`, from `at`.
    fn since(contents: &[u8], at: usize) -> Slot {
        Slot {
            at: at as u64,
            len: (contents.len() - at) as u64,
            crc: crc32fast::hash(&contents[at..]),
        }
    }

    fn fits_in(&self, room: u64) -> bool {
        self.at.checked_add(self.len).is_some_and(|end| end <= room)
    }
}

impl Head {
    /// The article this head is of, its content waiting at `stored`.
    fn into_article(self, stored: Stored) -> Article {
        let mut article = Article::waiting(stored, self.folded.into_boxed_str());
        article.id = self.id;
        article.path = self.path;
        article.title = self.title;
        article.display_title = self.display_title;
        article.published = self.published;
        article.source = self.source;
        article.warnings = self.warnings;
        article.url = self.url;
        article.author = self.author;
        article.tags = self.tags;
        article.names = self.names;
        article.text_hash = self.text_hash;
        article
    }

    /// Where this article's content and summary are in `shelf`.
    fn stored(&self, shelf: &Arc<Shelf>) -> Stored {
        Stored {
            shelf: Arc::clone(shelf) as Arc<dyn crate::article::Shelf>,
            content: self.content,
            summary: self.summary,
        }
    }
}

/// The bytes before a cache file's head: the magic, the build id with its length, and the
/// head's CRC-32 and length.
fn header_len(build_len: usize) -> u64 {
    (MAGIC.len() + 2 + build_len + 4 + 8) as u64
}

/// A cache file, as the articles read from it know it.
#[derive(Debug)]
struct Shelf {
    path: PathBuf,
    /// Where the contents start.
    contents: u64,
    furniture: Furniture,
}

impl crate::article::Shelf for Shelf {
    /// The content, if the cache file still holds it as it was written.
    fn content(&self, slot: Slot) -> Result<Content, String> {
        let bytes = self.bytes(slot)?;
        let content: CachedContent = postcard::from_bytes(&bytes).map_err(|_| self.damaged())?;
        Ok(Content {
            body: content.body,
            removed: content.removed,
            header: content.header,
            entities: content.entities,
            facts: content.facts.into_iter().map(Fact::from).collect(),
        })
    }

    /// The summary, if the cache file still holds it as it was written.
    fn summary(&self, slot: Slot) -> Result<Summary, String> {
        let bytes = self.bytes(slot)?;
        postcard::from_bytes(&bytes).map_err(|_| self.damaged())
    }

    /// The article read again from its file, with the furniture of its folder when it was
    /// cached.
    fn remake(&self, article: &Article) -> Result<Content, String> {
        let bytes = read_limited(Path::new(&article.path)).map_err(|e| e.to_string())?;
        Article::from_file_with(&article.path, bytes, &self.furniture)
            .into_iter()
            .flatten()
            .find(|a| a.id == article.id)
            .map(Article::into_content)
            .ok_or_else(|| format!("{}: the article is no longer in its file", article.path))
    }

    fn furniture(&self) -> &Furniture {
        &self.furniture
    }
}

impl Shelf {
    /// The bytes of `slot`, checked against its CRC.
    fn bytes(&self, slot: Slot) -> Result<Vec<u8>, String> {
        let path = self.path.display();
        let io = |e: std::io::Error| format!("{path}: cannot read the cache: {e}");
        let mut file = File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(self.contents + slot.at))
            .map_err(io)?;
        let mut bytes = vec![0; usize::try_from(slot.len).map_err(|e| e.to_string())?];
        file.read_exact(&mut bytes).map_err(io)?;
        if crc32fast::hash(&bytes) != slot.crc {
            return Err(self.damaged());
        }
        Ok(bytes)
    }

    fn damaged(&self) -> String {
        format!("{}: the cache is damaged", self.path.display())
    }
}

/// `Content` as the cache stores it (facts are kept in a form a compact binary format can
/// read back).
#[derive(Deserialize)]
struct CachedContent {
    body: Vec<Block>,
    #[serde(deserialize_with = "texts")]
    removed: Vec<String>,
    #[serde(deserialize_with = "texts")]
    header: Vec<String>,
    entities: Vec<Entity>,
    facts: Vec<CachedFact>,
}

/// `CachedContent`, written from borrowed fields.
#[derive(Serialize)]
struct ContentOut<'a> {
    body: &'a [Block],
    removed: &'a [String],
    header: &'a [String],
    entities: &'a [Entity],
    facts: Vec<CachedFact>,
}
#[derive(Serialize, Deserialize)]
enum CachedFact {
    Role {
        #[serde(deserialize_with = "text")]
        person: String,
        #[serde(deserialize_with = "text")]
        role: String,
        block: usize,
    },
    Quantity {
        #[serde(deserialize_with = "text")]
        value: String,
        #[serde(deserialize_with = "text")]
        unit: String,
        #[serde(deserialize_with = "text")]
        text: String,
        block: usize,
    },
    Event {
        #[serde(deserialize_with = "text")]
        name: String,
        #[serde(deserialize_with = "maybe_text")]
        date: Option<String>,
        date_inferred: bool,
        #[serde(deserialize_with = "maybe_text")]
        location: Option<String>,
        block: usize,
    },
}

impl From<&Fact> for CachedFact {
    fn from(f: &Fact) -> CachedFact {
        match f.clone() {
            Fact::Role {
                person,
                role,
                block,
            } => CachedFact::Role {
                person,
                role,
                block,
            },
            Fact::Quantity {
                value,
                unit,
                text,
                block,
            } => CachedFact::Quantity {
                value,
                unit,
                text,
                block,
            },
            Fact::Event {
                name,
                date,
                date_inferred,
                location,
                block,
            } => CachedFact::Event {
                name,
                date,
                date_inferred,
                location,
                block,
            },
        }
    }
}

impl From<CachedFact> for Fact {
    fn from(f: CachedFact) -> Fact {
        match f {
            CachedFact::Role {
                person,
                role,
                block,
            } => Fact::Role {
                person,
                role,
                block,
            },
            CachedFact::Quantity {
                value,
                unit,
                text,
                block,
            } => Fact::Quantity {
                value,
                unit,
                text,
                block,
            },
            CachedFact::Event {
                name,
                date,
                date_inferred,
                location,
                block,
            } => Fact::Event {
                name,
                date,
                date_inferred,
                location,
                block,
            },
        }
    }
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            build: build_id(),
        }
    }

    /// `DOCBAO_CACHE`, else `docbao` in the platform's cache folder.
    pub fn default_place() -> Option<Cache> {
        let dir = std::env::var_os(CACHE_ENV)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::cache_dir().map(|d| d.join("docbao")))?;
        Some(Cache::new(dir))
    }

    /// The folder the caches are kept in.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The build whose caches these are.
    pub(super) fn build(&self) -> &str {
        &self.build
    }

    /// The cache file of `folder`.
    pub(super) fn file_of(&self, folder: &Path) -> PathBuf {
        let hash = crate::text::fnv1a(folder.to_string_lossy().bytes());
        self.dir.join(format!("{hash:016x}.bin"))
    }

    /// The results of each of `folder`'s files, in `stamps` order, when the cache was made from
    /// exactly these files by this build. `Err` says why a cache there could not be used.
    /// Only the articles' heads are read; their contents stay in the file until asked for.
    pub fn load(
        &self,
        folder: &Path,
        stamps: &[Stamp],
    ) -> Result<Option<Vec<FileResults>>, String> {
        let path = self.file_of(folder);
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read the cache: {e}", path.display())),
        };
        let damaged = || format!("{}: the cache is damaged; it is made again", path.display());
        let size = file.metadata().map_err(|_| damaged())?.len();
        // Another build's cache (or an older format's) is simply not used.
        if read_n(&mut file, MAGIC.len() as u64).as_deref() != Some(MAGIC) {
            return Ok(None);
        }
        let build_len = read_n(&mut file, 2).ok_or_else(damaged)?;
        let build_len = u16::from_le_bytes([build_len[0], build_len[1]]);
        let build = read_n(&mut file, u64::from(build_len)).ok_or_else(damaged)?;
        if build != self.build.as_bytes() {
            return Ok(None);
        }
        let fixed = read_n(&mut file, 12).ok_or_else(damaged)?;
        let (crc, head_len) = fixed.split_at(4);
        let head_len = u64::from_le_bytes(head_len.try_into().map_err(|_| damaged())?);
        let contents = header_len(build.len()) + head_len;
        if contents > size {
            return Err(damaged());
        }
        let head = read_n(&mut file, head_len).ok_or_else(damaged)?;
        if crc32fast::hash(&head).to_le_bytes() != crc {
            return Err(damaged());
        }
        let head: FolderHead = postcard::from_bytes(&head).map_err(|_| damaged())?;
        if head.build != self.build
            || head.folder != folder.to_string_lossy()
            || head.stamps != stamps
            || head.files.len() != stamps.len()
        {
            return Ok(None);
        }
        // A cache cut short is found now, not when an article is opened.
        let room = size - contents;
        let fits = head
            .files
            .iter()
            .flatten()
            .flatten()
            .all(|h| h.content.fits_in(room) && h.summary.fits_in(room));
        if !fits {
            return Err(damaged());
        }
        // A folder without its lookup segment is read again, and both are made.
        if !self.has_segment(folder, stamps) {
            return Ok(None);
        }
        let shelf = Arc::new(Shelf {
            path,
            contents,
            furniture: Furniture::from_keys(head.furniture),
        });
        Ok(Some(
            head.files
                .into_iter()
                .map(|results| {
                    results
                        .into_iter()
                        .map(|r| match r {
                            Ok(head) => {
                                let stored = head.stored(&shelf);
                                Ok(head.into_article(stored))
                            }
                            Err(message) => Err(LoadError::Cached { message }),
                        })
                        .collect()
                })
                .collect(),
        ))
    }

    /// Keeps the results of `folder`'s files (in `stamps` order) and the furniture they were
    /// cleaned with, written whole to a temporary file and renamed over the old cache. Returns
    /// where each article's content now is, in order, so that it need not be held in memory.
    pub fn save(
        &self,
        folder: &Path,
        stamps: &[Stamp],
        furniture: &Furniture,
        files: &[FileResults],
    ) -> std::io::Result<Vec<Stored>> {
        let mut contents = Vec::new();
        let mut heads = Vec::with_capacity(files.len());
        let mut summaries = Vec::new();
        for results in files {
            let mut row = Vec::with_capacity(results.len());
            for r in results {
                let a = match r {
                    Ok(a) => a,
                    Err(e) => {
                        row.push(Err(e.to_string()));
                        continue;
                    }
                };
                let content = a.content_now();
                let out = ContentOut {
                    body: &content.body,
                    removed: &content.removed,
                    header: &content.header,
                    entities: &content.entities,
                    facts: content.facts.iter().map(CachedFact::from).collect(),
                };
                let at = contents.len();
                contents = postcard::to_extend(&out, contents).map_err(std::io::Error::other)?;
                let content_span = Slot::since(&contents, at);
                let at = contents.len();
                let summary = Summary::of(&content);
                contents =
                    postcard::to_extend(&summary, contents).map_err(std::io::Error::other)?;
                summaries.push(summary);
                let summary = Slot::since(&contents, at);
                row.push(Ok(Head {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    title: a.title.clone(),
                    display_title: a.display_title.clone(),
                    published: a.published.clone(),
                    source: a.source.clone(),
                    warnings: a.warnings.clone(),
                    url: a.url.clone(),
                    author: a.author.clone(),
                    tags: a.tags.clone(),
                    names: a.names.clone(),
                    folded: crate::search::folded_haystack(a),
                    text_hash: a.text_hash,
                    content: content_span,
                    summary,
                }));
            }
            heads.push(row);
        }
        let head = FolderHead {
            build: self.build.clone(),
            folder: folder.to_string_lossy().into_owned(),
            stamps: stamps.to_vec(),
            furniture: furniture.keys(),
            files: heads,
        };
        let head_bytes = postcard::to_stdvec(&head).map_err(std::io::Error::other)?;
        std::fs::create_dir_all(&self.dir)?;
        self.save_segment(folder, stamps, files, &summaries)?;
        let path = self.file_of(folder);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut f = std::io::BufWriter::new(File::create(&tmp)?);
        let build = self.build.as_bytes();
        f.write_all(MAGIC)?;
        f.write_all(&(build.len() as u16).to_le_bytes())?;
        f.write_all(build)?;
        f.write_all(&crc32fast::hash(&head_bytes).to_le_bytes())?;
        f.write_all(&(head_bytes.len() as u64).to_le_bytes())?;
        f.write_all(&head_bytes)?;
        f.write_all(&contents)?;
        f.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, &path)?;
        let shelf = Arc::new(Shelf {
            path,
            contents: header_len(build.len()) + head_bytes.len() as u64,
            furniture: Furniture::from_keys(head.furniture),
        });
        Ok(head
            .files
            .iter()
            .flatten()
            .flatten()
            .map(|h| h.stored(&shelf))
            .collect())
    }
}

/// The next `n` bytes of `file`, if it has that many.
fn read_n(file: &mut File, n: u64) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(n).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 == n).then_some(bytes)
}

/// This build of docbao: the executable's size and modification time, which change whenever
/// it is built again (and with them, perhaps, what the extractor finds).
fn build_id() -> String {
    let stamp = std::env::current_exe().ok().and_then(|exe| Stamp::of(&exe));
    let build = match stamp {
        Some(s) => format!("{} {} {}", env!("CARGO_PKG_VERSION"), s.size, s.modified_ns),
        None => env!("CARGO_PKG_VERSION").to_owned(),
    };
    // Articles read in an encoding the user named are another reading of the same files.
    match super::forced_encoding() {
        Some(encoding) => format!("{build} read as {}", encoding.name()),
        None => build,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("docbao-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    /// Two seeds, the second as if its file were gone, and a file that gave no article.
    fn results() -> Vec<FileResults> {
        let seeds = super::super::Corpus::seeds().articles;
        let (_, bytes) = super::super::SEEDS[1];
        let gone = Article::from_bytes("/nowhere/gone.txt", bytes).expect("an article");
        vec![
            vec![Ok(seeds[0].clone()), Ok(gone)],
            vec![Err(LoadError::Empty {
                path: "x/b.txt".to_owned(),
            })],
        ]
    }

    fn furniture() -> Furniture {
        Furniture::from_keys(vec![7, 11])
    }

    /// A scratch cache holding `results()` for "/news/x".
    fn saved(name: &str) -> (PathBuf, Cache, &'static Path) {
        let dir = scratch(name);
        let cache = Cache::new(dir.clone());
        let folder = Path::new("/news/x");
        cache
            .save(folder, &stamps(), &furniture(), &results())
            .expect("saved");
        (dir, cache, folder)
    }

    fn stamps() -> Vec<Stamp> {
        ["a.json", "b.txt"]
            .iter()
            .enumerate()
            .map(|(i, n)| Stamp {
                name: (*n).to_owned(),
                size: 100 + i as u64,
                modified_ns: 1_700_000_000_000_000_000,
                changed_ns: 1_700_000_000_000_000_000,
            })
            .collect()
    }

    #[test]
    fn a_folder_round_trips_and_any_change_is_a_miss() {
        let dir = scratch("round");
        let cache = Cache::new(dir.clone());
        let folder = Path::new("/news/x");
        assert!(matches!(cache.load(folder, &stamps()), Ok(None)));
        cache
            .save(folder, &stamps(), &furniture(), &results())
            .expect("saved");
        let back = cache.load(folder, &stamps()).expect("read").expect("a hit");
        let want = results();
        assert_eq!(back.len(), 2);
        let articles: Vec<&Article> = back[0]
            .iter()
            .map(|r| r.as_ref().expect("an article"))
            .collect();
        let wanted: Vec<&Article> = want[0]
            .iter()
            .map(|r| r.as_ref().expect("an article"))
            .collect();
        for (a, b) in articles.iter().zip(&wanted) {
            assert_eq!(
                super::super::export_line(a),
                super::super::export_line(b),
                "an article comes back as it went in"
            );
        }
        let err = back[1][0].as_ref().expect_err("the error comes back");
        assert_eq!(
            err.to_string(),
            want[1][0].as_ref().unwrap_err().to_string()
        );
        // A file changed, added or gone; another build; another folder: all misses.
        let mut changed = stamps();
        changed[1].modified_ns += 1;
        assert!(matches!(cache.load(folder, &changed), Ok(None)));
        assert!(matches!(cache.load(folder, &stamps()[..1]), Ok(None)));
        let mut more = stamps();
        more.push(Stamp {
            name: "c.txt".to_owned(),
            size: 1,
            modified_ns: 1,
            changed_ns: 1,
        });
        assert!(matches!(cache.load(folder, &more), Ok(None)));
        let other_build = Cache {
            dir: dir.clone(),
            build: "another".to_owned(),
        };
        assert!(matches!(other_build.load(folder, &stamps()), Ok(None)));
        assert!(matches!(
            cache.load(Path::new("/news/y"), &stamps()),
            Ok(None)
        ));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn the_filter_takes_the_folded_haystack_the_cache_kept() {
        let (dir, cache, folder) = saved("folded");
        let mut back = cache.load(folder, &stamps()).expect("read").expect("a hit");
        let article = back[0][0].as_mut().expect("an article");
        let kept = article.take_folded().expect("the cache keeps it");
        assert!(kept.starts_with(&crate::text::fold(&article.display_title)));
        assert_eq!(&*kept, crate::search::folded_haystack(article));
        // Taken once: the filter holds it, not the article as well.
        let mut again = cache.load(folder, &stamps()).expect("read").expect("a hit");
        let article = again[0][0].as_mut().expect("an article");
        let _ = crate::search::Searchable::taking_folded(article);
        assert!(article.take_folded().is_none());
        // Read from its file, an article has none.
        let mut fresh = super::super::Corpus::seeds().articles.remove(0);
        assert!(fresh.take_folded().is_none());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn summaries_come_back_apart_from_the_contents() {
        let (dir, cache, folder) = saved("summaries");
        let back = cache.load(folder, &stamps()).expect("read").expect("a hit");
        let loaded: Vec<Article> = back[0]
            .iter()
            .map(|r| r.as_ref().expect("an article").clone())
            .collect();
        let originals: Vec<Article> = results()[0]
            .iter()
            .map(|r| r.as_ref().expect("an article").clone())
            .collect();
        for (a, original) in loaded.iter().zip(&originals) {
            let stored = a.kept().expect("from the cache");
            let summary = stored.shelf.summary(stored.summary).expect("a summary");
            assert!(!summary.named.is_empty());
            assert_eq!(summary, Summary::of(&original.content_now()));
        }
        assert_eq!(
            super::super::index::build(&loaded),
            super::super::index::build(&originals)
        );
        assert_eq!(
            super::super::index::offices(&loaded),
            super::super::index::offices(&originals)
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn text_is_read_back_only_when_it_is_utf8() {
        #[derive(Deserialize)]
        struct One(#[serde(deserialize_with = "text")] String);
        let good = postcard::to_stdvec("Đà Nẵng").expect("written");
        assert_eq!(
            postcard::from_bytes::<One>(&good).expect("read").0,
            "Đà Nẵng"
        );
        // The same length and bytes, one of them no longer UTF-8.
        let mut bad = good.clone();
        bad[2] = 0xFF;
        assert!(postcard::from_bytes::<One>(&bad).is_err());
    }

    #[test]
    fn a_damaged_cache_is_never_trusted() {
        let (dir, cache, folder) = saved("damaged");
        let file = cache.file_of(folder);
        let whole = std::fs::read(&file).expect("written");
        // Truncated, a byte of the head flipped, cut after the magic: not used at all.
        let mut flipped = whole.clone();
        let in_head = MAGIC.len() + 2 + cache.build.len() + 12 + 3;
        flipped[in_head] ^= 0x40;
        for bad in [
            &whole[..whole.len() - 1],
            &whole[..whole.len() / 2],
            &flipped[..],
            &whole[..=MAGIC.len()],
        ] {
            std::fs::write(&file, bad).expect("damage");
            let got = cache.load(folder, &stamps());
            assert!(
                got.as_ref().is_err_and(|e| e.contains("damaged")),
                "{:?}",
                got.map(|_| ())
            );
        }
        // Not a cache of docbao's, or an older format: not used, and nothing to warn about.
        for other in [&[][..], &b"{\"json\": true}"[..], &b"DOCBAO\x02\nold"[..]] {
            std::fs::write(&file, other).expect("replace");
            assert!(matches!(cache.load(folder, &stamps()), Ok(None)));
        }
        // Saving again mends it.
        cache
            .save(folder, &stamps(), &furniture(), &results())
            .expect("saved");
        assert!(matches!(cache.load(folder, &stamps()), Ok(Some(_))));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_damaged_content_is_read_again_from_its_file_or_says_why_not() {
        let (dir, cache, folder) = saved("content");
        let want = results();
        // Damage each article's content where its first paragraph is kept.
        let file = cache.file_of(folder);
        let mut bytes = std::fs::read(&file).expect("written");
        for r in &want[0] {
            let text = r.as_ref().expect("an article").body()[0].text.as_bytes();
            let at = bytes
                .windows(text.len())
                .position(|w| w == text)
                .expect("the paragraph is in the file");
            bytes[at] ^= 0x20;
        }
        std::fs::write(&file, &bytes).expect("damage");
        let back = cache.load(folder, &stamps()).expect("read").expect("a hit");
        let got = |i: usize| back[0][i].as_ref().expect("an article");
        let wanted = |i: usize| want[0][i].as_ref().expect("an article");
        // The heads are whole, so the list is as it was.
        assert_eq!(got(0).display_title, wanted(0).display_title);
        assert_eq!(got(1).names, wanted(1).names);
        // The seed's file is there: read again, it gives what it gave.
        assert_eq!(got(0).content(), wanted(0).content());
        // The other's file is gone: its body says so, and why.
        let body = &got(1).body()[0].text;
        assert!(body.contains("cache is damaged"), "{body}");
        assert!(body.contains("/nowhere/gone.txt"), "{body}");
        assert!(got(1).entities().is_empty());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn the_furniture_is_kept_with_the_folder() {
        let (dir, cache, folder) = saved("furniture");
        let back = cache.load(folder, &stamps()).expect("read").expect("a hit");
        let a = back[0][0].as_ref().expect("an article");
        let mut keys = a.kept().expect("from the cache").shelf.furniture().keys();
        keys.sort_unstable();
        assert_eq!(keys, [7, 11]);
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
