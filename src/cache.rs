//! The cache of processed articles: one file per folder of articles, in the platform's cache
//! folder (`DOCBAO_CACHE` names another; `--no-cache` goes without). A folder's cache is used
//! only when it was made by this very build of docbao and the folder holds exactly the files
//! it was made from, each with the same size and modification time (to the nanosecond);
//! otherwise the whole folder is read again, since its furniture (lines repeated across its
//! files) may have changed with any one of them. The file carries a CRC-32 of its contents, so
//! a truncated or damaged cache is detected and rebuilt, never trusted. Caches are written to a
//! temporary file and renamed.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::clean::Block;
use crate::corpus::{Article, LoadError};
use crate::extract::{Entity, Fact};

/// The environment variable naming the cache folder.
pub const CACHE_ENV: &str = "DOCBAO_CACHE";

/// A cache file: this, the length of the build id (u16, little-endian), the build id, the
/// CRC-32 of the rest, and the rest (postcard).
const MAGIC: &[u8; 8] = b"DOCBAO\x02\n";

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
        let modified = meta.modified().ok()?;
        let ns = modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let changed_ns = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime() as u64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(meta.ctime_nsec() as u64)
        };
        #[cfg(not(unix))]
        let changed_ns = 0;
        Some(Stamp {
            name: path.file_name()?.to_string_lossy().into_owned(),
            size: meta.len(),
            modified_ns: u64::try_from(ns).ok()?,
            changed_ns,
        })
    }
}

/// What reading one file gave: its articles, and messages for what could not be read.
pub type FileResults = Vec<Result<Article, LoadError>>;

#[derive(Serialize, Deserialize)]
struct FolderCache {
    build: String,
    folder: String,
    stamps: Vec<Stamp>,
    files: Vec<Vec<Result<CachedArticle, String>>>,
}

/// `Article` as the cache stores it (the export's JSON shape leaves fields out, which a
/// compact binary format cannot).
#[derive(Serialize, Deserialize)]
struct CachedArticle {
    id: String,
    path: String,
    title: Option<String>,
    display_title: String,
    published: Option<String>,
    source: Option<String>,
    warnings: Vec<String>,
    url: Option<String>,
    body: Vec<Block>,
    removed: Vec<String>,
    entities: Vec<Entity>,
    facts: Vec<CachedFact>,
}

#[derive(Serialize, Deserialize)]
enum CachedFact {
    Role {
        person: String,
        role: String,
        block: usize,
    },
    Quantity {
        value: String,
        unit: String,
        text: String,
        block: usize,
    },
    Event {
        name: String,
        date: Option<String>,
        date_inferred: bool,
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

impl From<&Article> for CachedArticle {
    fn from(a: &Article) -> CachedArticle {
        CachedArticle {
            id: a.id.clone(),
            path: a.path.clone(),
            title: a.title.clone(),
            display_title: a.display_title.clone(),
            published: a.published.clone(),
            source: a.source.clone(),
            warnings: a.warnings.clone(),
            url: a.url.clone(),
            body: a.body.clone(),
            removed: a.removed.clone(),
            entities: a.entities.clone(),
            facts: a.facts.iter().map(CachedFact::from).collect(),
        }
    }
}

impl From<CachedArticle> for Article {
    fn from(a: CachedArticle) -> Article {
        Article {
            id: a.id,
            path: a.path,
            title: a.title,
            display_title: a.display_title,
            published: a.published,
            source: a.source,
            warnings: a.warnings,
            url: a.url,
            body: a.body,
            removed: a.removed,
            entities: a.entities,
            facts: a.facts.into_iter().map(Fact::from).collect(),
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

    /// The cache file of `folder`.
    fn file_of(&self, folder: &Path) -> PathBuf {
        let hash = crate::state::fnv1a(folder.to_string_lossy().bytes());
        self.dir.join(format!("{hash:016x}.bin"))
    }

    /// The results of each of `folder`'s files, in `stamps` order, when the cache was made from
    /// exactly these files by this build. `Err` says why a cache there could not be used.
    pub fn load(
        &self,
        folder: &Path,
        stamps: &[Stamp],
    ) -> Result<Option<Vec<FileResults>>, String> {
        let path = self.file_of(folder);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read the cache: {e}", path.display())),
        };
        let damaged = || format!("{}: the cache is damaged; it is made again", path.display());
        // Another build's cache (or an older format's) is simply not used.
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return Ok(None);
        };
        let Some((build, rest)) = rest
            .split_first_chunk::<2>()
            .and_then(|(n, rest)| rest.split_at_checked(usize::from(u16::from_le_bytes(*n))))
        else {
            return Err(damaged());
        };
        if build != self.build.as_bytes() {
            return Ok(None);
        }
        let (crc, payload) = rest.split_at_checked(4).ok_or_else(damaged)?;
        if crc32fast::hash(payload).to_le_bytes() != crc {
            return Err(damaged());
        }
        let cache: FolderCache = postcard::from_bytes(payload).map_err(|_| damaged())?;
        if cache.build != self.build
            || cache.folder != folder.to_string_lossy()
            || cache.stamps != stamps
            || cache.files.len() != stamps.len()
        {
            return Ok(None);
        }
        Ok(Some(
            cache
                .files
                .into_iter()
                .map(|results| {
                    results
                        .into_iter()
                        .map(|r| {
                            r.map(Article::from)
                                .map_err(|message| LoadError::Cached { message })
                        })
                        .collect()
                })
                .collect(),
        ))
    }

    /// Keeps the results of `folder`'s files (in `stamps` order), written whole to a temporary
    /// file and renamed over the old cache.
    pub fn save(
        &self,
        folder: &Path,
        stamps: &[Stamp],
        files: &[FileResults],
    ) -> std::io::Result<()> {
        let cache = FolderCache {
            build: self.build.clone(),
            folder: folder.to_string_lossy().into_owned(),
            stamps: stamps.to_vec(),
            files: files
                .iter()
                .map(|results| {
                    results
                        .iter()
                        .map(|r| match r {
                            Ok(a) => Ok(CachedArticle::from(a)),
                            Err(e) => Err(e.to_string()),
                        })
                        .collect()
                })
                .collect(),
        };
        let payload = postcard::to_stdvec(&cache).map_err(std::io::Error::other)?;
        std::fs::create_dir_all(&self.dir)?;
        let path = self.file_of(folder);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut f = std::fs::File::create(&tmp)?;
        let build = self.build.as_bytes();
        f.write_all(MAGIC)?;
        f.write_all(&(build.len() as u16).to_le_bytes())?;
        f.write_all(build)?;
        f.write_all(&crc32fast::hash(&payload).to_le_bytes())?;
        f.write_all(&payload)?;
        drop(f);
        std::fs::rename(&tmp, &path)
    }
}

/// This build of docbao: the executable's size and modification time, which change whenever
/// it is built again (and with them, perhaps, what the extractor finds).
fn build_id() -> String {
    let stamp = std::env::current_exe().ok().and_then(|exe| Stamp::of(&exe));
    match stamp {
        Some(s) => format!("{} {} {}", env!("CARGO_PKG_VERSION"), s.size, s.modified_ns),
        None => env!("CARGO_PKG_VERSION").to_owned(),
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

    fn results() -> Vec<FileResults> {
        let seeds = crate::corpus::Corpus::seeds().articles;
        vec![
            vec![Ok(seeds[0].clone()), Ok(seeds[1].clone())],
            vec![Err(LoadError::Empty {
                path: "x/b.txt".to_owned(),
            })],
        ]
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
        cache.save(folder, &stamps(), &results()).expect("saved");
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
                crate::corpus::export_line(a),
                crate::corpus::export_line(b),
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
    fn a_damaged_cache_is_never_trusted() {
        let dir = scratch("damaged");
        let cache = Cache::new(dir.clone());
        let folder = Path::new("/news/x");
        cache.save(folder, &stamps(), &results()).expect("saved");
        let file = cache.file_of(folder);
        let whole = std::fs::read(&file).expect("written");
        // Truncated, one byte flipped, empty, something else entirely.
        let mut flipped = whole.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        for bad in [
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
        for other in [&[][..], &b"{\"json\": true}"[..], &b"DOCBAO\x01\nold"[..]] {
            std::fs::write(&file, other).expect("replace");
            assert!(matches!(cache.load(folder, &stamps()), Ok(None)));
        }
        // Saving again mends it.
        cache.save(folder, &stamps(), &results()).expect("saved");
        assert!(matches!(cache.load(folder, &stamps()), Ok(Some(_))));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
