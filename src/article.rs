//! The article: what the list shows of it (always at hand) and its content (the clean text and
//! what was found in it), which may wait on a shelf (the cache file) until it is read. The
//! model that loading, caching and search work on; it knows nothing of them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Debug;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::clean::{Block, BlockKind, Furniture};
use crate::extract::{self, Entity, EntityKind, Fact};
use crate::text;

/// What parts the names an article gives (`Article::names`).
pub const NAMES_APART: &str = " · ";

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
    /// Who wrote it and what it is tagged with, when a header says.
    pub author: Option<String>,
    pub tags: Vec<String>,
    /// The distinct people, organisations and places named, in that order, joined by
    /// `NAMES_APART`: what the list filter matches besides the title.
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
    /// The lines of the file's header (`Title: …`, front matter): metadata, not removed text.
    pub header: Vec<String>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

/// The kinds of entity the corpus index, the corpus view and the summaries keep.
pub const INDEXED: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Location,
];

/// Where articles' contents wait until they are read: a cache file, for the articles read
/// from one. The model only asks; the cache knows how they are kept.
pub trait Shelf: Send + Sync + Debug {
    /// The content kept at `slot`, or why it cannot be read back.
    fn content(&self, slot: Slot) -> Result<Content, String>;
    /// The summary kept at `slot`, or why it cannot be read back.
    fn summary(&self, slot: Slot) -> Result<Summary, String>;
    /// `article`'s content made again from its file, for when the shelf has lost it.
    fn remake(&self, article: &Article) -> Result<Content, String>;
    /// The furniture of the articles' folder that they were cleaned with.
    fn furniture(&self) -> &Furniture;
}

/// Where something is on a shelf: from the start of its contents, its length in bytes, and
/// its CRC-32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub at: u64,
    pub len: u64,
    pub crc: u32,
}

/// Where one article's content and summary are kept.
#[derive(Debug, Clone)]
pub struct Stored {
    pub shelf: Arc<dyn Shelf>,
    pub content: Slot,
    pub summary: Slot,
}

/// What the corpus index and the mentions list need of an article: its distinct people,
/// organisations and places (merged up to case, accents and tone-mark placement, as first
/// written, in order of first mention) with how often each is named, and the roles given to
/// people. A few hundred bytes where the content is tens of thousands: the cache keeps it
/// apart, so that the whole corpus's can be read at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Summary {
    pub named: Vec<Named>,
    pub roles: Vec<RoleGiven>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Named {
    pub kind: EntityKind,
    #[serde(deserialize_with = "crate::text::de::text")]
    pub text: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RoleGiven {
    #[serde(deserialize_with = "crate::text::de::text")]
    pub person: String,
    #[serde(deserialize_with = "crate::text::de::text")]
    pub role: String,
}

impl Summary {
    pub fn of(content: &Content) -> Summary {
        let mut named: Vec<Named> = Vec::new();
        // Where each name is in `named`: a long article names thousands.
        let mut at: HashMap<(EntityKind, String), usize, foldhash::fast::RandomState> =
            HashMap::default();
        // "Dũng" after "Huỳnh Nam Dũng" is that person.
        let people = extract::People::of(&content.entities);
        for e in content
            .entities
            .iter()
            .filter(|e| INDEXED.contains(&e.kind))
        {
            let name = if e.kind == EntityKind::Person {
                people.name(&e.text)
            } else {
                &e.text
            };
            let slot = *at.entry((e.kind, text::fold(name))).or_insert_with(|| {
                named.push(Named {
                    kind: e.kind,
                    text: name.to_owned(),
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
                    person: people.name(person).to_owned(),
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
        let mut out = s.serialize_struct("Article", 14)?;
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
        match &self.author {
            Some(author) => out.serialize_field("author", author)?,
            None => out.skip_field("author")?,
        }
        if self.tags.is_empty() {
            out.skip_field("tags")?;
        } else {
            out.serialize_field("tags", &self.tags)?;
        }
        out.serialize_field("body", &content.body)?;
        out.serialize_field("removed", &content.removed)?;
        out.serialize_field("entities", &content.entities)?;
        out.serialize_field("facts", &content.facts)?;
        out.end()
    }
}

impl Article {
    /// A new article of the file `path`, its content at hand; the caller fills in the rest of
    /// its head.
    pub fn new(path: &str, content: Content) -> Article {
        let mut article = Article {
            id: id_of(path),
            path: path.to_owned(),
            ..Article::empty()
        };
        article.set_content(content);
        article
    }

    /// An article whose content waits at `stored`, with the list filter's folded haystack
    /// kept beside it; the caller fills in its head.
    pub fn waiting(stored: Stored, folded: Box<str>) -> Article {
        Article {
            stored: Some(stored),
            folded: Some(folded),
            ..Article::empty()
        }
    }

    fn empty() -> Article {
        Article {
            id: String::new(),
            path: String::new(),
            title: None,
            display_title: String::new(),
            published: None,
            source: None,
            warnings: Vec::new(),
            url: None,
            author: None,
            tags: Vec::new(),
            names: String::new(),
            text_hash: 0,
            content: OnceLock::new(),
            stored: None,
            folded: None,
        }
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
                    names.push_str(NAMES_APART);
                }
                names.push_str(name);
            }
        }
        names.shrink_to_fit();
        let text = content
            .body
            .iter()
            .flat_map(|block| block.text.as_bytes().iter().chain(b"\n"));
        self.text_hash = text::fnv1a(text.copied());
        self.names = names;
        self.content = OnceLock::from(content);
        self.stored = None;
    }

    /// Lets go of the content, now kept at `stored`, to be read from there when next asked for.
    pub fn keep_in(&mut self, stored: Stored) {
        self.stored = Some(stored);
        self.content = OnceLock::new();
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
            .and_then(|stored| stored.shelf.summary(stored.summary).ok())
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

    /// The content, given by value: the one at hand, or the one read now.
    pub fn into_content(self) -> Content {
        match self.content.into_inner() {
            Some(content) => content,
            None => Article {
                content: OnceLock::new(),
                ..self
            }
            .read_content(),
        }
    }

    /// The content from its shelf; if the shelf cannot give it back (changed or damaged since
    /// it was opened), made again from the article's file; failing that, a paragraph saying
    /// why.
    fn read_content(&self) -> Content {
        let Some(stored) = &self.stored else {
            return Content::default();
        };
        let from_shelf = match stored.shelf.content(stored.content) {
            Ok(content) => return content,
            Err(e) => e,
        };
        stored
            .shelf
            .remake(self)
            .unwrap_or_else(|from_file| Content {
                body: vec![Block {
                    kind: BlockKind::Paragraph,
                    text: format!(
                    "docbao could not read this article back: {from_shelf}; nor read it again: \
                     {from_file}."
                ),
                }],
                ..Content::default()
            })
    }

    /// Whether a line of `source_text` belongs to the file's header.
    pub fn is_header(&self, line: &str) -> bool {
        let t = line.trim();
        !t.is_empty() && self.content().header.iter().any(|h| h == t)
    }

    /// Whether a line of `source_text` was taken out by cleaning.
    pub fn was_removed(&self, line: &str) -> bool {
        let t = line.trim();
        !t.is_empty() && self.removed().iter().any(|r| r == t)
    }

    /// The date part of `published`, for lists.
    pub fn date(&self) -> &str {
        day(self.published.as_deref())
    }
}

/// The day of a publication time ("2025-11-28" of "2025-11-28T08:30:00+07:00"), or "".
pub fn day(published: Option<&str>) -> &str {
    published.map_or("", |p| p.get(..10).unwrap_or(p))
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
