//! The corpus: the articles of files and folders (or the bundled seeds), read on every core,
//! kept in the cache, and indexed; a warning for each file that could not be read. A bad file
//! never stops the others from loading.

mod cache;
pub mod index;
mod load;
pub mod lookup;
mod read;
mod walk;

use std::path::PathBuf;

use crate::article::{let_go, Article, LoadError};

pub use cache::{Cache, CACHE_ENV};
pub use load::{load_each, read_files, Batch, Loading};
pub use lookup::{Lookup, Seen};
pub use read::{force_encoding, forced_encoding, MAX_ARTICLE_FILE, MAX_FEED_FILE};
pub use walk::find_files;

/// The seed articles, bundled into the binary: the corpus when no path is given.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "seeds/000_cdc2d273a8da30fa.txt",
        include_bytes!("../../seeds/000_cdc2d273a8da30fa.txt"),
    ),
    (
        "seeds/001_3f794fc9fcf5f613.txt",
        include_bytes!("../../seeds/001_3f794fc9fcf5f613.txt"),
    ),
    (
        "seeds/002_e876b296cde8bc06.txt",
        include_bytes!("../../seeds/002_e876b296cde8bc06.txt"),
    ),
    (
        "seeds/003_9462b953cf83cfad.txt",
        include_bytes!("../../seeds/003_9462b953cf83cfad.txt"),
    ),
    (
        "seeds/004_7aa26f5c3e08c75c.txt",
        include_bytes!("../../seeds/004_7aa26f5c3e08c75c.txt"),
    ),
];

/// The articles read and the problems met on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
}

impl Corpus {
    /// The bundled seed articles.
    pub fn seeds() -> Corpus {
        let mut corpus = Corpus::default();
        for (path, bytes) in SEEDS {
            corpus.push(Article::from_bytes(path, bytes));
        }
        corpus
    }

    /// Reads files and folders (recursively); the seeds when `paths` is empty.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::load_cached(paths, None)
    }

    /// `load`, through `cache` when there is one.
    pub fn load_cached(paths: &[PathBuf], cache: Option<&Cache>) -> Corpus {
        Corpus::load_counting(paths, cache, |_, _| {})
    }

    /// `load_cached`, telling `progress` how many files have been read of how many, after
    /// each batch.
    pub fn load_counting(
        paths: &[PathBuf],
        cache: Option<&Cache>,
        mut progress: impl FnMut(usize, usize),
    ) -> Corpus {
        if paths.is_empty() {
            return Corpus::seeds();
        }
        let (files, warnings) = find_files(paths);
        let mut corpus = Corpus {
            articles: Vec::new(),
            warnings,
        };
        let mut read = 0;
        read_files(&files, cache, |batch| {
            read += batch.files;
            progress(read, files.len());
            corpus.articles.extend(batch.articles);
            corpus.warnings.extend(batch.warnings);
            let_go(&mut corpus.articles, batch.kept);
            true
        });
        corpus
    }

    fn push(&mut self, result: Result<Article, LoadError>) {
        push_result(result, &mut self.articles, &mut self.warnings);
    }

    /// The article whose id is `id` or starts with it, if exactly one does.
    pub fn find(&self, id: &str) -> Result<&Article, FindError> {
        if let Some(a) = self.articles.iter().find(|a| a.id == id) {
            return Ok(a);
        }
        let matches: Vec<&Article> = self
            .articles
            .iter()
            .filter(|a| a.id.starts_with(id))
            .collect();
        match matches.as_slice() {
            [a] => Ok(a),
            [] => Err(FindError::Unknown(id.to_owned())),
            many => Err(FindError::Ambiguous {
                prefix: id.to_owned(),
                ids: many.iter().map(|a| a.id.clone()).collect(),
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no article has the id {0:?}; `docbao list` shows the ids")]
    Unknown(String),
    #[error("{prefix:?} is the start of several ids ({}); type more of it", ids.join(", "))]
    Ambiguous { prefix: String, ids: Vec<String> },
}

/// An article goes to `articles` (its warnings, named, to `warnings`); an error to `warnings`.
fn push_result(
    result: Result<Article, LoadError>,
    articles: &mut Vec<Article>,
    warnings: &mut Vec<String>,
) {
    match result {
        Ok(a) => {
            warnings.extend(a.warnings.iter().map(|w| format!("{}: {w}", a.path)));
            articles.push(a);
        }
        Err(e) => warnings.push(e.to_string()),
    }
}

/// The article files under `paths` (folders walked recursively), sorted, and a warning for
/// One line of `docbao export`: the article as SPEC.md describes it.
pub fn export_line(article: &Article) -> String {
    serde_json::to_string(article).expect("articles serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Content, Named, RoleGiven, Summary};
    use crate::extract::{Entity, EntityKind, Fact};

    #[test]
    fn a_summary_merges_spellings_and_counts_each_name() {
        let entity = |kind, text: &str| Entity {
            kind,
            text: text.to_owned(),
            block: 0,
            start: 0,
            end: 1,
        };
        let content = Content {
            entities: vec![
                entity(EntityKind::Person, "Jürgen Stock"),
                entity(EntityKind::Organization, "Bộ Công an"),
                entity(EntityKind::Date, "ngày 26/9"),
                entity(EntityKind::Person, "JURGEN STOCK"),
                entity(EntityKind::Organization, "Bộ Công An"),
                entity(EntityKind::Location, "Hà Nội"),
                entity(EntityKind::Person, "Jurgen Stock"),
            ],
            facts: vec![Fact::Role {
                person: "Jurgen Stock".to_owned(),
                role: "Tổng Thư ký INTERPOL".to_owned(),
                block: 0,
            }],
            ..Content::default()
        };
        let named = |kind, text: &str, count| Named {
            kind,
            text: text.to_owned(),
            count,
        };
        assert_eq!(
            Summary::of(&content),
            Summary {
                named: vec![
                    named(EntityKind::Person, "Jürgen Stock", 3),
                    named(EntityKind::Organization, "Bộ Công an", 2),
                    named(EntityKind::Location, "Hà Nội", 1),
                ],
                roles: vec![RoleGiven {
                    person: "Jurgen Stock".to_owned(),
                    role: "Tổng Thư ký INTERPOL".to_owned(),
                }],
            }
        );
    }
    #[test]
    fn seeds_load_without_warnings() {
        let c = Corpus::seeds();
        assert_eq!(c.articles.len(), 5);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.articles[1].id, "001_3f794fc9fcf5f613");
    }

    #[test]
    fn files_are_read_in_order_in_growing_batches_until_the_sink_stops() {
        let dir = std::env::temp_dir().join(format!("docbao-batches-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b")).expect("scratch");
        let mut files = Vec::new();
        for i in 0..70 {
            // Two folders, and one file that cannot be read as an article.
            let path = dir
                .join(if i < 40 { "a" } else { "b" })
                .join(format!("{i:02}.txt"));
            std::fs::create_dir_all(path.parent().unwrap()).expect("scratch");
            let text = if i == 7 {
                String::new()
            } else {
                format!(
                    "Tin số {i}\n\nNgày 26/9, tại Hà Nội, đoàn số {i} làm việc với Bộ Công an.\n"
                )
            };
            std::fs::write(&path, text).expect("write");
            files.push(path);
        }
        let mut sizes = Vec::new();
        let mut ids = Vec::new();
        let mut warnings = Vec::new();
        read_files(&files, None, |batch| {
            sizes.push(batch.files);
            ids.extend(batch.articles.into_iter().map(|a| a.id));
            warnings.extend(batch.warnings);
            true
        });
        assert_eq!(sizes, [16, 32, 22]);
        let expected: Vec<String> = (0..70)
            .filter(|&i| i != 7)
            .map(|i| format!("{i:02}"))
            .collect();
        assert_eq!(ids, expected, "in file order, whatever the threads did");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("07.txt"));
        let mut batches = 0;
        read_files(&files, None, |_| {
            batches += 1;
            false
        });
        assert_eq!(batches, 1, "a sink that says stop is not called again");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn the_cache_gives_what_reading_gives_and_follows_every_change() {
        let root = std::env::temp_dir().join(format!("docbao-cached-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (news, store) = (root.join("news"), root.join("cache"));
        std::fs::create_dir_all(news.join("b")).expect("scratch");
        let write = |name: &str, n: usize| {
            let text = format!(
                "Tin số {n}\n\nNgày 26/9, tại Hà Nội, đoàn số {n} làm việc với Bộ Công an.\n"
            );
            std::fs::write(news.join(name), text).expect("write");
        };
        for i in 0..5 {
            write(&format!("{i}.txt"), i);
            write(&format!("b/{i}.txt"), 10 + i);
        }
        std::fs::write(news.join("bad.txt"), "").expect("write");
        let cache = Cache::new(store.clone());
        let paths = [news.clone()];
        let shown = |c: &Corpus| -> Vec<String> {
            let mut out: Vec<String> = c.articles.iter().map(export_line).collect();
            out.extend(c.warnings.iter().cloned());
            out
        };
        let fresh = || shown(&Corpus::load(&paths));
        let cached = || shown(&Corpus::load_cached(&paths, Some(&cache)));
        assert_eq!(cached(), fresh(), "first run: read, and kept");
        // Once its folder is written to the cache, an article's content is read from there.
        let first = Corpus::load_cached(&paths, Some(&cache));
        assert!(first.articles.iter().all(|a| a.kept().is_some()));
        let _ = std::fs::remove_dir_all(&store);
        let first = Corpus::load_cached(&paths, Some(&cache));
        assert!(first.articles.iter().all(|a| a.kept().is_some()));
        assert_eq!(shown(&first), fresh());
        assert!(Corpus::load(&paths)
            .articles
            .iter()
            .all(|a| a.kept().is_none()));
        let kept = |ext: &str| {
            std::fs::read_dir(&store)
                .expect("the cache")
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.path().extension().is_some_and(|x| x == ext))
                })
                .count()
        };
        assert_eq!(
            (kept("bin"), kept("idx")),
            (2, 2),
            "a cache file and a lookup segment a folder"
        );
        assert_eq!(cached(), fresh(), "second run: from the cache");
        // A file changed (same size, new time), one removed, one added.
        std::thread::sleep(std::time::Duration::from_millis(20));
        write("2.txt", 7);
        std::fs::remove_file(news.join("b/3.txt")).expect("remove");
        write("b/9.txt", 99);
        let after = cached();
        assert_eq!(after, fresh());
        assert!(after.iter().any(|l| l.contains("đoàn số 7")));
        assert!(!after.iter().any(|l| l.contains("đoàn số 13")));
        assert!(after.iter().any(|l| l.contains("đoàn số 99")));
        // A damaged cache file is reported, not trusted, and made again.
        for entry in std::fs::read_dir(&store).expect("the cache") {
            let path = entry.expect("an entry").path();
            let bytes = std::fs::read(&path).expect("read");
            std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("damage");
        }
        let damaged = Corpus::load_cached(&paths, Some(&cache));
        assert_eq!(damaged.articles.len(), Corpus::load(&paths).articles.len());
        assert_eq!(
            damaged
                .warnings
                .iter()
                .filter(|w| w.contains("cache is damaged"))
                .count(),
            2
        );
        assert_eq!(cached(), fresh(), "mended");
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn find_by_prefix() {
        let c = Corpus::seeds();
        assert_eq!(c.find("001").unwrap().id, "001_3f794fc9fcf5f613");
        assert!(matches!(c.find("00"), Err(FindError::Ambiguous { .. })));
        assert!(matches!(c.find("zzz"), Err(FindError::Unknown(_))));
    }

    #[test]
    fn entity_spans_slice_their_block() {
        for a in Corpus::seeds().articles {
            for e in a.entities() {
                let text: String = a.body()[e.block]
                    .text
                    .chars()
                    .skip(e.start)
                    .take(e.end - e.start)
                    .collect();
                assert_eq!(text, e.text, "{}: {e:?}", a.id);
            }
        }
    }

    #[test]
    fn bad_files_warn_and_others_load() {
        let dir = std::env::temp_dir().join(format!("docbao-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("good.txt"),
            "Ngày 26/9, tại Hà Nội đã diễn ra hội nghị của Bộ Công an với nhiều đại biểu.",
        )
        .unwrap();
        std::fs::write(dir.join("binary.txt"), [0u8, 1, 2, 3, 0, 0]).unwrap();
        std::fs::write(dir.join("empty.txt"), "").unwrap();
        let c = Corpus::load(&[dir.clone(), dir.join("missing")]);
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.warnings.len(), 3, "{:?}", c.warnings);
        assert!(c
            .warnings
            .iter()
            .any(|w| w.contains("binary.txt") && w.contains("NUL")));
        assert!(c
            .warnings
            .iter()
            .any(|w| w.contains("missing") && w.contains("no such")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
