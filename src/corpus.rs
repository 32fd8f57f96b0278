//! Articles and the corpus: reading files and folders (or the bundled seeds), running each file
//! through decode → clean → extract, and collecting a warning for each file that could not be
//! read. A bad file never stops the others from loading.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

use crate::cache::{Cache, FileResults, Head, Stamp, Stored};
use crate::clean::{self, Block, BlockKind, Cleaned, Furniture};
use crate::extract::{self, Entity, EntityKind, Fact};
use crate::format::{self, Format, Record};
use crate::text;

/// The seed articles, bundled into the binary: the corpus when no path is given.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "seeds/000_cdc2d273a8da30fa.txt",
        include_bytes!("../seeds/000_cdc2d273a8da30fa.txt"),
    ),
    (
        "seeds/001_3f794fc9fcf5f613.txt",
        include_bytes!("../seeds/001_3f794fc9fcf5f613.txt"),
    ),
    (
        "seeds/002_e876b296cde8bc06.txt",
        include_bytes!("../seeds/002_e876b296cde8bc06.txt"),
    ),
    (
        "seeds/003_9462b953cf83cfad.txt",
        include_bytes!("../seeds/003_9462b953cf83cfad.txt"),
    ),
    (
        "seeds/004_7aa26f5c3e08c75c.txt",
        include_bytes!("../seeds/004_7aa26f5c3e08c75c.txt"),
    ),
];

/// One article, cleaned and analysed. What the list shows and searches is always at hand; the
/// text and what was found in it (`Content`) may still be in the cache file, read when first
/// asked for.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub display_title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub warnings: Vec<String>,
    /// Where the article came from, when its format says.
    pub url: Option<String>,
    /// The distinct people, organisations and places named, in that order, joined by " · ":
    /// what the list filter matches besides the title.
    pub names: String,
    /// A 64-bit FNV-1a hash of the clean text, the article's key into the reading state.
    pub text_hash: u64,
    content: OnceLock<Content>,
    /// Where the content is kept, for an article read from the cache.
    stored: Option<Stored>,
    /// The list filter's folded haystack, when the cache kept it, until the filter takes it.
    folded: Option<Box<str>>,
}

/// An article's clean text and what was found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    pub body: Vec<Block>,
    /// Lines cleaning took out.
    pub removed: Vec<String>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

/// What the corpus index and the mentions list need of an article: its distinct people,
/// organisations and places (merged up to case, accents and tone-mark placement, as first
/// written, in order of first mention) with how often each is named, and the roles given to
/// people. A few hundred bytes where the content is tens of thousands: the cache keeps it
/// apart, so that the whole corpus's can be read at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
pub struct Summary {
    pub named: Vec<Named>,
    pub roles: Vec<RoleGiven>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize)]
pub struct Named {
    pub kind: EntityKind,
    #[serde(deserialize_with = "crate::cache::text")]
    pub text: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize)]
pub struct RoleGiven {
    #[serde(deserialize_with = "crate::cache::text")]
    pub person: String,
    #[serde(deserialize_with = "crate::cache::text")]
    pub role: String,
}

impl Summary {
    pub fn of(content: &Content) -> Summary {
        let mut named: Vec<Named> = Vec::new();
        // Where each name is in `named`: a long article names thousands.
        let mut at: HashMap<(EntityKind, String), usize, foldhash::fast::RandomState> =
            HashMap::default();
        for e in content
            .entities
            .iter()
            .filter(|e| crate::index::INDEXED.contains(&e.kind))
        {
            let slot = *at.entry((e.kind, text::fold(&e.text))).or_insert_with(|| {
                named.push(Named {
                    kind: e.kind,
                    text: e.text.clone(),
                    count: 0,
                });
                named.len() - 1
            });
            named[slot].count += 1;
        }
        let roles = content
            .facts
            .iter()
            .filter_map(|f| match f {
                Fact::Role { person, role, .. } => Some(RoleGiven {
                    person: person.clone(),
                    role: role.clone(),
                }),
                _ => None,
            })
            .collect();
        Summary { named, roles }
    }
}

/// The export's shape (SPEC.md): the head's fields, then the content's.
impl Serialize for Article {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let content = self.content_now();
        let mut out = s.serialize_struct("Article", 12)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("title", &self.title)?;
        out.serialize_field("display_title", &self.display_title)?;
        out.serialize_field("published", &self.published)?;
        out.serialize_field("source", &self.source)?;
        out.serialize_field("warnings", &self.warnings)?;
        match &self.url {
            Some(url) => out.serialize_field("url", url)?,
            None => out.skip_field("url")?,
        }
        out.serialize_field("body", &content.body)?;
        out.serialize_field("removed", &content.removed)?;
        out.serialize_field("entities", &content.entities)?;
        out.serialize_field("facts", &content.facts)?;
        out.end()
    }
}

impl Article {
    /// Runs the whole pipeline on a file's bytes.
    pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Article, LoadError> {
        Article::from_bytes_with(path, bytes.to_vec(), &Furniture::default())
    }

    /// `from_bytes`, with the furniture of the file's folder taken out too.
    pub fn from_bytes_with(
        path: &str,
        bytes: Vec<u8>,
        furniture: &Furniture,
    ) -> Result<Article, LoadError> {
        let decoded = text::decode_owned(bytes).map_err(|e| LoadError::Decode {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        // The clean text is dropped before extraction: the body holds its own copy.
        let cleaned = clean::clean_with(&text::sanitize_owned(decoded.text), furniture);
        if cleaned.body.is_empty() {
            return Err(LoadError::Empty {
                path: path.to_owned(),
            });
        }
        Ok(Article::from_cleaned(path, cleaned, decoded.warnings))
    }

    /// Every article in a file: one for text and HTML, one a record for JSON and JSON Lines.
    /// Records that cannot be read come back as errors beside the articles that can.
    pub fn from_file(path: &str, bytes: &[u8]) -> Vec<Result<Article, LoadError>> {
        Article::from_file_with(path, bytes.to_vec(), &Furniture::default())
    }

    /// `from_file`, with the furniture of the file's folder taken out of plain text.
    pub fn from_file_with(
        path: &str,
        bytes: Vec<u8>,
        furniture: &Furniture,
    ) -> Vec<Result<Article, LoadError>> {
        let format = Format::of(path);
        if format == Format::Text {
            return vec![Article::from_bytes_with(path, bytes, furniture)];
        }
        let decoded = match text::decode_owned(bytes) {
            Ok(d) => d,
            Err(e) => {
                return vec![Err(LoadError::Decode {
                    path: path.to_owned(),
                    reason: e.to_string(),
                })]
            }
        };
        let (records, problems) = match format {
            Format::Html => (vec![format::html_record(&decoded.text)], Vec::new()),
            _ => format::json_records(&decoded.text, format == Format::JsonLines),
        };
        let many = records.len() > 1;
        let mut out: Vec<Result<Article, LoadError>> = problems
            .into_iter()
            .map(|reason| {
                Err(LoadError::Record {
                    path: path.to_owned(),
                    reason,
                })
            })
            .collect();
        for (n, record) in records.into_iter().enumerate() {
            // Records of one file are told apart by their place in it: "news-3".
            let id = if many {
                format!("{}-{}", id_of(path), n + 1)
            } else {
                id_of(path)
            };
            out.push(Article::from_record(
                path,
                id,
                record,
                decoded.warnings.clone(),
            ));
        }
        out
    }

    fn from_record(
        path: &str,
        id: String,
        record: Record,
        warnings: Vec<String>,
    ) -> Result<Article, LoadError> {
        let mut cleaned = clean::clean(&text::sanitize(&record.text));
        if cleaned.body.is_empty() && record.title.is_none() {
            return Err(LoadError::Empty {
                path: format!("{path} ({id})"),
            });
        }
        let one_line = |s: String| text::sanitize(&s).replace('\n', " ");
        if let Some(t) = record.title {
            cleaned.title = Some(one_line(t));
        }
        if let Some(p) = record.published.as_deref().and_then(format::iso_date) {
            cleaned.published = Some(p);
        }
        if cleaned.source.is_none() {
            cleaned.source = record.source.map(one_line);
        }
        let mut article = Article::from_cleaned(path, cleaned, warnings);
        article.id = id;
        article.url = record.url.map(one_line);
        Ok(article)
    }

    fn from_cleaned(path: &str, cleaned: Cleaned, mut warnings: Vec<String>) -> Article {
        let display_title = clean::display_title(&cleaned);
        let extraction =
            extract::extract(&cleaned.body, cleaned.published.as_deref(), &display_title);
        if extraction.unmarked > 0 {
            warnings.push(format!(
                "entities are marked in the first {} KB of text only; the last {} KB are shown \
                 plain",
                extract::BUDGET / 1024,
                extraction.unmarked.div_ceil(1024)
            ));
        }
        // A folder of 100,000 articles keeps them all: no vector holds room it will not use.
        let mut content = Content {
            body: cleaned.body,
            removed: cleaned.removed,
            entities: extraction.entities,
            facts: extraction.facts,
        };
        content.body.shrink_to_fit();
        content.removed.shrink_to_fit();
        content.entities.shrink_to_fit();
        content.facts.shrink_to_fit();
        let mut article = Article {
            id: id_of(path),
            path: path.to_owned(),
            title: cleaned.title,
            display_title,
            published: cleaned.published,
            source: cleaned.source,
            warnings,
            url: None,
            names: String::new(),
            text_hash: 0,
            content: OnceLock::new(),
            stored: None,
            folded: None,
        };
        article.set_content(content);
        article
    }

    /// Gives the article `content`, and the names and key that go with it.
    pub fn set_content(&mut self, content: Content) {
        let mut names = String::new();
        for kind in [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Location,
        ] {
            for name in extract::distinct(&content.entities, kind) {
                if !names.is_empty() {
                    names.push_str(" · ");
                }
                names.push_str(name);
            }
        }
        names.shrink_to_fit();
        let text = content
            .body
            .iter()
            .flat_map(|block| block.text.as_bytes().iter().chain(b"\n"));
        self.text_hash = crate::state::fnv1a(text.copied());
        self.names = names;
        self.content = OnceLock::from(content);
        self.stored = None;
    }

    /// Lets go of the content, now kept at `stored`, to be read from there when next asked for.
    pub fn keep_in(&mut self, stored: Stored) {
        self.stored = Some(stored);
        self.content = OnceLock::new();
    }

    /// An article as the cache keeps it: its head, and where its content is.
    pub(crate) fn stored(head: Head, stored: Stored) -> Article {
        Article {
            id: head.id,
            path: head.path,
            title: head.title,
            display_title: head.display_title,
            published: head.published,
            source: head.source,
            warnings: head.warnings,
            url: head.url,
            names: head.names,
            text_hash: head.text_hash,
            content: OnceLock::new(),
            stored: Some(stored),
            folded: Some(head.folded.into_boxed_str()),
        }
    }

    /// The folded haystack the cache kept for the list filter, taken out of the article.
    pub fn take_folded(&mut self) -> Option<Box<str>> {
        self.folded.take()
    }

    /// Where the article's content is kept, when it came from the cache.
    #[cfg(test)]
    pub(crate) fn kept(&self) -> Option<&Stored> {
        self.stored.as_ref()
    }

    /// The article's content, read from the cache the first time and kept.
    pub fn content(&self) -> &Content {
        self.content.get_or_init(|| self.read_content())
    }

    /// The content, without keeping it if it has to be read: for going once through many
    /// articles (the export, the corpus index) without holding them all.
    pub fn content_now(&self) -> Cow<'_, Content> {
        match self.content.get() {
            Some(c) => Cow::Borrowed(c),
            None => Cow::Owned(self.read_content()),
        }
    }

    /// The article's summary: from its content when that is at hand, else from the cache
    /// (without reading the content), else from the content read now.
    pub fn summary(&self) -> Summary {
        if let Some(content) = self.content.get() {
            return Summary::of(content);
        }
        self.stored
            .as_ref()
            .and_then(|stored| stored.read_summary().ok())
            .unwrap_or_else(|| Summary::of(&self.content_now()))
    }

    pub fn body(&self) -> &[Block] {
        &self.content().body
    }

    pub fn removed(&self) -> &[String] {
        &self.content().removed
    }

    pub fn entities(&self) -> &[Entity] {
        &self.content().entities
    }

    pub fn facts(&self) -> &[Fact] {
        &self.content().facts
    }

    /// The content from the cache; if the cache cannot give it back (changed or damaged since
    /// it was opened), from the article's file again; failing that, a paragraph saying why.
    fn read_content(&self) -> Content {
        let Some(stored) = &self.stored else {
            return Content::default();
        };
        let from_cache = match stored.read() {
            Ok(content) => return content,
            Err(e) => e,
        };
        let again = read_limited(Path::new(&self.path)).map_err(|e| e.to_string());
        let again = again.and_then(|bytes| {
            Article::from_file_with(&self.path, bytes, stored.furniture())
                .into_iter()
                .flatten()
                .find(|a| a.id == self.id)
                .and_then(|a| a.content.into_inner())
                .ok_or_else(|| format!("{}: the article is no longer in its file", self.path))
        });
        again.unwrap_or_else(|from_file| Content {
            body: vec![Block {
                kind: BlockKind::Paragraph,
                text: format!(
                    "docbao could not read this article back: {from_cache}; nor read it again: \
                     {from_file}."
                ),
            }],
            ..Content::default()
        })
    }

    /// The text this article was cleaned from, read again from its file (or the bundled
    /// seeds), one line per line: what the raw view shows beside `removed`.
    pub fn source_text(&self) -> Option<String> {
        let bytes = SEEDS
            .iter()
            .find(|(p, _)| *p == self.path)
            .map(|(_, b)| b.to_vec())
            .or_else(|| std::fs::read(&self.path).ok())?;
        let decoded = text::decode(&bytes).ok()?.text;
        let raw = match Format::of(&self.path) {
            Format::Text => decoded,
            Format::Html => format::html_record(&decoded).text,
            f => {
                let (records, _) = format::json_records(&decoded, f == Format::JsonLines);
                // "feed-3" is the third record; a lone record has the plain file stem.
                let n = self
                    .id
                    .strip_prefix(&id_of(&self.path))
                    .and_then(|rest| rest.strip_prefix('-'))
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(1);
                records.into_iter().nth(n.saturating_sub(1))?.text
            }
        };
        Some(text::sanitize(&raw))
    }

    /// Whether a line of `source_text` was taken out by cleaning.
    pub fn was_removed(&self, line: &str) -> bool {
        let t = line.trim();
        !t.is_empty() && self.removed().iter().any(|r| r == t)
    }

    /// The date part of `published`, for lists.
    pub fn date(&self) -> &str {
        self.published
            .as_deref()
            .map_or("", |p| &p[..p.len().min(10)])
    }
}

/// Calls `f` on each article with its place in `articles` and its content, in order, reading
/// the contents still in the cache on every core a stretch at a time and keeping none of them:
/// for going through a whole corpus (its index, a search of its text) without holding all of
/// it.
pub fn each_with_content(articles: &[Article], mut f: impl FnMut(usize, &Article, &Content)) {
    each_with(articles, 1024, Article::content_now, |at, a, content| {
        f(at, a, content);
    });
}

/// Calls `f` with each article's place, the article and its summary, in order; the summaries
/// are made (or read from the cache) on every core, a stretch at a time, and not kept.
pub fn each_with_summary(articles: &[Article], f: impl FnMut(usize, &Article, &Summary)) {
    each_with(articles, 4096, Article::summary, f);
}

/// Calls `f` with each article's place, the article and what `make` gives of it, in order,
/// `make` running on every core a stretch of `stretch` articles at a time.
fn each_with<'a, T: Send>(
    articles: &'a [Article],
    stretch: usize,
    make: impl Fn(&'a Article) -> T + Sync,
    mut f: impl FnMut(usize, &'a Article, &T),
) {
    use rayon::prelude::*;
    for (n, part) in articles.chunks(stretch).enumerate() {
        let made: Vec<T> = part.par_iter().map(&make).collect();
        for (i, (a, x)) in part.iter().zip(&made).enumerate() {
            f(n * stretch + i, a, x);
        }
    }
}

/// Lets the articles of a load named in `kept` (by number) go of their contents, now in the
/// cache. A load fills an empty list, so its numbers are places in `articles`.
pub fn let_go(articles: &mut [Article], kept: Vec<(usize, Stored)>) {
    for (n, stored) in kept {
        if let Some(a) = articles.get_mut(n) {
            a.keep_in(stored);
        }
    }
}

/// The file stem: "seeds/001_3f79.txt" → "001_3f79".
pub fn id_of(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Why a file did not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: skipped: {reason}")]
    Decode { path: String, reason: String },
    #[error("{path}: skipped: no article text left after cleaning")]
    Empty { path: String },
    #[error("{path}: skipped a record: {reason}")]
    Record { path: String, reason: String },
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    /// A problem met when the file was read before, as the cache kept it.
    #[error("{message}")]
    Cached { message: String },
    #[error(
        "{path}: skipped: {} MB is too large for {what} (docbao reads up to {} MB)",
        size.div_ceil(1 << 20),
        limit >> 20
    )]
    TooLarge {
        path: String,
        what: &'static str,
        size: u64,
        limit: u64,
    },
}

/// The largest text or HTML file read: a long news report is some 100 KB.
pub const MAX_ARTICLE_FILE: u64 = 32 << 20;
/// The largest JSON or JSON Lines file read: a feed holds many articles.
pub const MAX_FEED_FILE: u64 = 1 << 30;

/// A file's bytes, if it is no larger than its format allows. The limit is kept while
/// reading too, for files that grow or lie about their size.
fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let shown = path.display().to_string();
    let (what, limit) = match Format::of(&shown) {
        Format::Text | Format::Html => ("an article", MAX_ARTICLE_FILE),
        Format::Json | Format::JsonLines => ("a feed", MAX_FEED_FILE),
    };
    let io = |e: std::io::Error| LoadError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| LoadError::TooLarge {
        path: shown.clone(),
        what,
        size,
        limit,
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

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
        if paths.is_empty() {
            return Corpus::seeds();
        }
        let (files, warnings) = find_files(paths);
        let mut corpus = Corpus {
            articles: Vec::new(),
            warnings,
        };
        read_files(&files, cache, |batch| {
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

/// Folders with fewer text files than this are not searched for furniture.
const FURNITURE_MIN_FILES: usize = 4;
/// How many files of a folder are read to learn its furniture.
const FURNITURE_SAMPLE: usize = 200;

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
/// each path that could not be walked.
pub fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        collect_files(p, &mut files, &mut warnings, 0);
    }
    // By bytes: comparing paths component by component is several times slower, which
    // shows at 100,000 files.
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    files.dedup();
    (files, warnings)
}

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
    pub searchables: Vec<crate::search::Searchable>,
    /// Articles of this load (by number, from its first) whose content has been written to
    /// the cache, and where: their content need not be held any longer (`Article::keep_in`).
    pub kept: Vec<(usize, Stored)>,
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
        for (i, results) in (start..end).zip(&results) {
            match folders.done(i, results, numbered) {
                Saved::Not => {}
                Saved::Kept(kept) => batch.kept.extend(kept),
                Saved::Failed(warning) => batch.warnings.push(warning),
            }
            numbered += results.iter().filter(|r| r.is_ok()).count();
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
                .filter_map(|b| text::decode_owned(b).ok())
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
    /// once its whole folder has, the folder is cached. Says where the folder's articles are
    /// kept, by number, or why the cache could not be written.
    fn done(&mut self, i: usize, results: &FileResults, first: usize) -> Saved {
        if self.pending.is_empty() {
            return Saved::Not;
        }
        let Some(folder) = self.files[i].parent() else {
            return Saved::Not;
        };
        let Some(pending) = self.pending.get_mut(folder) else {
            return Saved::Not;
        };
        let Ok(at) = pending.members.binary_search(&i) else {
            return Saved::Not;
        };
        if pending.results[at].is_none() {
            pending.results[at] = Some((first, results.clone()));
            pending.missing -= 1;
        }
        if pending.missing > 0 {
            return Saved::Not;
        }
        let (Some(pending), Some(cache)) = (self.pending.remove(folder), self.cache) else {
            return Saved::Not;
        };
        let (firsts, results): (Vec<usize>, Vec<FileResults>) =
            pending.results.into_iter().flatten().unzip();
        let furniture = self.furniture.get(folder).cloned().unwrap_or_default();
        match cache.save(folder, &pending.stamps, &furniture, &results) {
            Ok(stored) => {
                // The articles' numbers, in the order `save` kept them.
                let numbers = firsts.iter().zip(&results).flat_map(|(&first, results)| {
                    first..first + results.iter().filter(|r| r.is_ok()).count()
                });
                Saved::Kept(numbers.zip(stored).collect())
            }
            Err(e) => Saved::Failed(format!(
                "{}: could not keep in the cache: {e}",
                folder.display()
            )),
        }
    }
}

/// What became of a folder once a file of it was read.
enum Saved {
    /// Nothing yet: the folder has files still to read, or there is no cache.
    Not,
    /// Kept in the cache: where each of its articles (by number in the load) now is.
    Kept(Vec<(usize, Stored)>),
    Failed(String),
}

/// Folders deeper than this are not entered (a guard against link loops and runaway trees).
const MAX_DEPTH: usize = 64;

fn collect_files(path: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<String>, depth: usize) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let err = if e.kind() == std::io::ErrorKind::NotFound {
                LoadError::Missing {
                    path: path.display().to_string(),
                }
            } else {
                LoadError::Io {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                }
            };
            warnings.push(err.to_string());
            return;
        }
    };
    if meta.is_file() {
        files.push(path.to_owned());
        return;
    }
    if !meta.is_dir() {
        warnings.push(format!(
            "{}: skipped: not a file or a folder",
            path.display()
        ));
        return;
    }
    if depth >= MAX_DEPTH {
        warnings.push(format!(
            "{}: skipped: folders nested too deep",
            path.display()
        ));
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(
                LoadError::Io {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                }
                .to_string(),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_files(&p, files, warnings, depth + 1);
            continue;
        }
        let readable_name = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| format::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !readable_name {
            continue;
        }
        // Links to folders are not followed (they can loop), and only regular files are read:
        // a pipe or a device named "x.txt" would never end.
        let regular = if kind.is_symlink() {
            match std::fs::metadata(&p) {
                Ok(target) => target.is_file(),
                Err(e) => {
                    warnings.push(
                        LoadError::Io {
                            path: p.display().to_string(),
                            reason: e.to_string(),
                        }
                        .to_string(),
                    );
                    false
                }
            }
        } else {
            kind.is_file()
        };
        if regular {
            files.push(p);
        }
    }
}

/// One line of `docbao export`: the article as SPEC.md describes it.
pub fn export_line(article: &Article) -> String {
    serde_json::to_string(article).expect("articles serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            std::fs::read_dir(&store).expect("the cache").count(),
            2,
            "a file a folder"
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
