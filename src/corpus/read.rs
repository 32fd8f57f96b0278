//! The pipeline's last step: a file's bytes through decode → clean → extract into articles,
//! and the file read again for the raw view. Kept here, beside loading, so that the model
//! (`crate::article`) knows nothing of files.

use std::path::Path;

use crate::article::{id_of, Article, Content, LoadError};
use crate::clean::format::{self, Format, Record};
use crate::clean::{self, Cleaned, Furniture};
use crate::extract;
use crate::text;

use super::SEEDS;

/// The encoding every file is read in when the user names one (`--encoding`); set once, before
/// anything is read.
static FORCED: std::sync::OnceLock<text::Encoding> = std::sync::OnceLock::new();

/// Reads every file in `encoding` instead of finding each one's. For the command line, once,
/// before the first file is read; a second call is ignored.
pub fn force_encoding(encoding: text::Encoding) {
    let _ = FORCED.set(encoding);
}

/// The encoding `force_encoding` set, if any.
pub fn forced_encoding() -> Option<text::Encoding> {
    FORCED.get().copied()
}

/// A file's bytes as text: in the encoding the user named, else in the one they read best in.
pub(super) fn decode_file(bytes: Vec<u8>) -> Result<text::Decoded, text::DecodeError> {
    match forced_encoding() {
        Some(encoding) => text::decode_as(bytes, encoding),
        None => text::decode_owned(bytes),
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
        let decoded = decode_file(bytes).map_err(|e| LoadError::Decode {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        // The clean text is dropped before extraction: the body holds its own copy.
        let cleaned = clean::clean_with(&text::sanitize_owned(decoded.text), furniture);
        let mut warnings = decoded.warnings;
        if cleaned.body.is_empty() {
            // A header with a title is an article still: its metadata is worth listing.
            if cleaned.header.is_empty() || cleaned.title.is_none() {
                return Err(LoadError::Empty {
                    path: path.to_owned(),
                });
            }
            warnings.push("the file has a header but no article text under it".to_owned());
        }
        Ok(Article::from_cleaned(path, cleaned, warnings))
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
        let decoded = match decode_file(bytes) {
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
        if let Some(url) = record.url {
            article.url = Some(one_line(url));
        }
        Ok(article)
    }

    fn from_cleaned(path: &str, cleaned: Cleaned, mut warnings: Vec<String>) -> Article {
        let display_title = clean::display_title(&cleaned);
        let extraction = extract::extract(&cleaned.body, cleaned.published.as_deref());
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
            header: cleaned.header,
            entities: extraction.entities,
            facts: extraction.facts,
        };
        content.body.shrink_to_fit();
        content.removed.shrink_to_fit();
        content.entities.shrink_to_fit();
        content.facts.shrink_to_fit();
        let mut article = Article::new(path, content);
        article.title = cleaned.title;
        article.display_title = display_title;
        article.published = cleaned.published;
        article.source = cleaned.source;
        article.warnings = warnings;
        article.url = cleaned.url;
        article.author = cleaned.author;
        article.tags = cleaned.tags;
        article
    }

    /// The text this article was cleaned from, read again from its file (or the bundled
    /// seeds), one line per line: what the raw view shows beside `removed`.
    pub fn source_text(&self) -> Option<String> {
        let bytes = SEEDS
            .iter()
            .find(|(p, _)| *p == self.path)
            .map(|(_, b)| b.to_vec())
            .or_else(|| std::fs::read(&self.path).ok())?;
        let decoded = decode_file(bytes).ok()?.text;
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
}

/// The largest text or HTML file read: a long news report is some 100 KB.
pub const MAX_ARTICLE_FILE: u64 = 32 << 20;
/// The largest JSON or JSON Lines file read: a feed holds many articles.
pub const MAX_FEED_FILE: u64 = 1 << 30;

/// A file's bytes, if it is no larger than its format allows. The limit is kept while
/// reading too, for files that grow or lie about their size.
pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
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
