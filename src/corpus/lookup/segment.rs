//! One folder's share of the lookup index, made with its cache: the articles' rows, the
//! names, roles and offices they hold, their haystacks, and the words of their bodies with
//! where each occurs. Written to `<folder hash>.idx` beside the cache file.
//!
//! The file: `MAGIC`, the build id (u16 length, little-endian, then its bytes), the folder
//! (the same), the digest of its files' stamps (u64), then three sections (rows, facts,
//! words), each as its length (u64), its CRC-32 and its postcard bytes. The head is read alone
//! to tell whether the file is of this build and of the folder as it is now; a section is read
//! only when asked for, and checked against its CRC.

use std::fs::File;
use std::io::{Read, Write};
#[cfg(not(unix))]
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A section read back in place: its strings borrowed from `bytes`.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Unusable> {
    postcard::from_bytes(bytes).map_err(|_| Unusable::Damaged)
}

use crate::article::{Article, Content, Summary, NAMES_APART};
use crate::extract::EntityKind;
use crate::text::de::Raw;
use crate::text::{fold, fold_char};

use super::super::cache::{FileResults, Stamp};
use super::FastMap;

const MAGIC: &[u8; 8] = b"DBINDEX\x01";

/// The digest of a folder's files as the cache stamps them: any file added, removed,
/// resized, rewritten or touched changes it.
pub fn digest<S: std::borrow::Borrow<Stamp>>(stamps: &[S]) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    // A fixed seed: the digest is kept on disk.
    let mut h = foldhash::quality::FixedState::with_seed(0x646f_6362_616f).build_hasher();
    for s in stamps {
        let s = s.borrow();
        (s.name.as_str(), s.size, s.modified_ns, s.changed_ns).hash(&mut h);
    }
    h.finish()
}

/// Bytes written as a string, as a string: checked as they are used.
pub fn text(bytes: &[u8]) -> Result<&str, Unusable> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| Unusable::Damaged)
}

/// An article as lookups show it. `S` is `String` when it is written or owned, `&str` when it
/// is read from a segment in place (so are the other parts' strings and bytes).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row<S = String> {
    pub id: S,
    pub published: Option<S>,
    pub source: Option<S>,
    pub title: S,
}

impl Row {
    /// The row of an article (from its folder's first file: `file` is for the segment to
    /// set).
    pub fn of(article: &Article) -> Row {
        Row {
            id: article.id.clone(),
            published: article.published.clone(),
            source: article.source.clone(),
            title: article.display_title.clone(),
        }
    }
}

impl<S: AsRef<str>> Row<S> {
    /// As `Article::date`.
    pub fn date(&self) -> &str {
        crate::article::day(self.published.as_ref().map(AsRef::as_ref))
    }
}

impl Row<Raw<'_>> {
    /// The row, owned, its strings checked.
    pub fn checked(&self) -> Result<Row, Unusable> {
        let own = |raw: Raw| text(raw.0).map(str::to_owned);
        Ok(Row {
            id: own(self.id)?,
            published: self.published.map(own).transpose()?,
            source: self.source.map(own).transpose()?,
            title: own(self.title)?,
        })
    }
}

/// The folder's articles, in order, and what reading its files said.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Rows<S = String> {
    /// Written first, so that it can be read alone (`RowsHead` decodes from the start of the
    /// section).
    pub head: RowsHead<S>,
    pub rows: Vec<Row<S>>,
}

/// What comes first in `Rows`: all that numbering the articles of a corpus and gathering
/// its warnings need, read without reading every row.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RowsHead<S = String> {
    /// How many files the folder has.
    pub files: u32,
    /// Each file's messages (a file that gave no article, an article's warnings), as a load
    /// gives them, by file.
    pub warnings: Vec<(u32, S)>,
    /// Which of the folder's files (in stamp order) each article came from.
    pub of_file: Vec<u32>,
}

/// A person, organisation or place as one folder knows it. Sorted by kind, then key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NameHead<S = String> {
    pub kind: EntityKind,
    /// The folded name: one entry across the corpus.
    pub key: S,
    /// The spelling of its first mention here.
    pub name: S,
    /// The article (by number in the folder) that first names it; none for a person given a
    /// role here but named only elsewhere.
    pub first: Option<u32>,
    /// How often the folder's articles name it, and how many of them do.
    pub mentions: u32,
    pub articles: u32,
    /// Where its `NameRecord` is in the records.
    pub at: u32,
    pub len: u32,
}

/// What a folder says of a name, read only for the names a lookup wants.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameRecord {
    /// Articles (by number in the folder) and how often each names it.
    pub mentions: Vec<(u32, u32)>,
    /// For a person: the roles given (by place in `Facts::strings`), by article, in order,
    /// each once an article.
    pub roles: Vec<(u32, u32)>,
    /// For a person: the other people (by place in `names`) named in the same articles, and
    /// in how many.
    pub with: Vec<(u32, u32)>,
}

/// An office as one folder knows it. Sorted by key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OfficeSeen<S = String> {
    pub key: S,
    pub role: S,
    /// Who held it (by place in `Facts::strings`), by article, each person once an article.
    pub holders: Vec<(u32, u32)>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Facts<S = String, B = Vec<u8>> {
    pub names: Vec<NameHead<S>>,
    /// The names' records, one after another.
    pub records: B,
    pub offices: Vec<OfficeSeen<S>>,
    /// The roles and holders' names, each written once.
    pub strings: Vec<S>,
}

impl<S: AsRef<[u8]>, B: AsRef<[u8]>> Facts<S, B> {
    /// The record of the name at `i` in `names`.
    pub fn record(&self, i: usize) -> Result<NameRecord, Unusable> {
        let head = self.names.get(i).ok_or(Unusable::Damaged)?;
        let (at, len) = (head.at as usize, head.len as usize);
        let bytes = self
            .records
            .as_ref()
            .get(at..at + len)
            .ok_or(Unusable::Damaged)?;
        postcard::from_bytes(bytes).map_err(|_| Unusable::Damaged)
    }

    /// A string the records point to.
    pub fn string(&self, i: u32) -> Result<&str, Unusable> {
        let bytes = self.strings.get(i as usize).ok_or(Unusable::Damaged)?;
        text(bytes.as_ref())
    }
}

/// What `docbao search` reads: the names each article's haystack ends with (the rest is in
/// its row), which letters the haystack has, and the words of the bodies. Their postings are
/// a section of their own, read a term at a time.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Words<S = String, B = Vec<u8>> {
    /// The pieces of each article's names (`Article::names` parted at each `NAMES_APART`),
    /// as places in `named`: the article at `i` has `names[ends[i - 1]..ends[i]]`. A folder's
    /// articles name the same people and bodies again and again, and a search folds each
    /// of them once, not once in every article.
    pub names: Vec<u32>,
    pub ends: Vec<u32>,
    /// Every piece of the folder's names, once, as written and folded.
    pub named: Vec<S>,
    pub named_folded: Vec<S>,
    /// Each article's title (as its row has it), folded: what a search compares first.
    pub titles_folded: Vec<S>,
    /// Which of a–z and 0–9 each article's folded haystack has (`search::letters_of`).
    pub letters: Vec<u64>,
    /// An fst map from word (folded, a NUL, as written) to where its postings are: their
    /// start in the postings section times 2^32, plus their length.
    pub terms: B,
    /// The CRC-32 of each `POSTINGS_BLOCK` bytes of the postings.
    pub blocks: Vec<u32>,
}

/// The postings are checked by blocks of this many bytes: a lookup reads only the blocks of
/// the words it wants.
pub const POSTINGS_BLOCK: usize = 4096;

/// The parts of a segment file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Rows = 0,
    Facts = 1,
    Words = 2,
    /// For each word: for each article that has it, the gap from the last article's number,
    /// doubled, plus one if the word occurs once there (else how many times follows), then
    /// the gaps between its positions: LEB128 numbers. Checked by `Words::blocks`.
    Postings = 3,
}

/// How many sections a segment has.
const SECTIONS: usize = 4;

/// Makes the segment of a folder's read files (the results in stamp order, articles with
/// their contents at hand) and their articles' summaries (in order).
pub fn make(files: &[FileResults], summaries: &[Summary]) -> (Rows, Facts, Words, Vec<u8>) {
    let mut summaries = summaries.iter();
    let mut rows = Rows::default();
    rows.head.files = files.len() as u32;
    let mut facts = FactsBuilder::default();
    let mut words = WordsBuilder::default();
    for (file, results) in files.iter().enumerate() {
        for r in results {
            let a = match r {
                Ok(a) => a,
                Err(e) => {
                    rows.head.warnings.push((file as u32, e.to_string()));
                    continue;
                }
            };
            for w in &a.warnings {
                rows.head
                    .warnings
                    .push((file as u32, format!("{}: {w}", a.path)));
            }
            let number = rows.rows.len() as u32;
            rows.head.of_file.push(file as u32);
            rows.rows.push(Row::of(a));
            let content = a.content_now();
            match summaries.next() {
                Some(summary) => facts.add(number, summary),
                None => facts.add(number, &Summary::of(&content)),
            }
            words.add(number, a, &content);
        }
    }
    let (words, postings) = words.finish();
    (rows, facts.finish(), words, postings)
}

/// A name as the builder gathers it.
struct NameSeen {
    kind: EntityKind,
    key: String,
    name: String,
    record: NameRecord,
}

#[derive(Default)]
struct FactsBuilder {
    names: Vec<NameSeen>,
    by_key: FastMap<(EntityKind, String), usize>,
    offices: Vec<OfficeSeen>,
    office_by_key: FastMap<String, usize>,
    pairs: FastMap<(usize, usize), u32>,
    strings: Vec<String>,
    string_at: FastMap<String, u32>,
}

impl FactsBuilder {
    /// The place of `s` in the strings, added if new.
    fn string(&mut self, s: &str) -> u32 {
        if let Some(&at) = self.string_at.get(s) {
            return at;
        }
        self.strings.push(s.to_owned());
        let at = (self.strings.len() - 1) as u32;
        self.string_at.insert(s.to_owned(), at);
        at
    }

    fn slot(&mut self, kind: EntityKind, key: String, name: &str) -> usize {
        let names = &mut self.names;
        *self
            .by_key
            .entry((kind, key))
            .or_insert_with_key(|(kind, key)| {
                names.push(NameSeen {
                    kind: *kind,
                    key: key.clone(),
                    name: name.to_owned(),
                    record: NameRecord::default(),
                });
                names.len() - 1
            })
    }

    fn add(&mut self, number: u32, summary: &Summary) {
        let mut people = Vec::new();
        for named in &summary.named {
            let slot = self.slot(named.kind, fold(&named.text), &named.text);
            let entry = &mut self.names[slot];
            if entry.record.mentions.is_empty() {
                // First named here (it may have been given a role before, spelt otherwise).
                entry.name.clone_from(&named.text);
            }
            entry.record.mentions.push((number, named.count));
            if named.kind == EntityKind::Person && !people.contains(&slot) {
                people.push(slot);
            }
        }
        for (i, &p) in people.iter().enumerate() {
            for &q in &people[i + 1..] {
                *self.pairs.entry((p.min(q), p.max(q))).or_default() += 1;
            }
        }
        for given in &summary.roles {
            let slot = self.slot(EntityKind::Person, fold(&given.person), &given.person);
            let role = self.string(&given.role);
            let roles = &mut self.names[slot].record.roles;
            if !roles
                .iter()
                .rev()
                .take_while(|(n, _)| *n == number)
                .any(|&(_, r)| r == role)
            {
                roles.push((number, role));
            }
            let offices = &mut self.offices;
            let at = *self
                .office_by_key
                .entry(fold(&given.role))
                .or_insert_with_key(|key| {
                    offices.push(OfficeSeen {
                        key: key.clone(),
                        role: given.role.clone(),
                        holders: Vec::new(),
                    });
                    offices.len() - 1
                });
            let person = fold(&given.person);
            let strings = &self.strings;
            let held = self.offices[at]
                .holders
                .iter()
                .rev()
                .take_while(|(n, _)| *n == number)
                .any(|&(_, h)| fold(&strings[h as usize]) == person);
            if !held {
                let holder = self.string(&given.person);
                self.offices[at].holders.push((number, holder));
            }
        }
    }

    fn finish(mut self) -> Facts {
        // Sorted by kind and key, the pairs renumbered to match.
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.names[a], &self.names[b]);
            (x.kind, &x.key).cmp(&(y.kind, &y.key))
        });
        let mut place = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            place[old] = new as u32;
        }
        for (&(p, q), &n) in &self.pairs {
            self.names[p].record.with.push((place[q], n));
            self.names[q].record.with.push((place[p], n));
        }
        let mut slots: Vec<Option<NameSeen>> = self.names.into_iter().map(Some).collect();
        let mut records = Vec::new();
        let mut names = Vec::with_capacity(order.len());
        for old in order {
            let Some(mut n) = slots[old].take() else {
                continue;
            };
            n.record.with.sort_unstable();
            let at = records.len();
            records = postcard::to_extend(&n.record, records).expect("a record serialises");
            names.push(NameHead {
                kind: n.kind,
                key: n.key,
                name: n.name,
                first: n.record.mentions.first().map(|m| m.0),
                mentions: n.record.mentions.iter().map(|m| m.1).sum(),
                articles: n.record.mentions.len() as u32,
                at: at as u32,
                len: (records.len() - at) as u32,
            });
        }
        self.offices.sort_by(|a, b| a.key.cmp(&b.key));
        Facts {
            names,
            records,
            offices: self.offices,
            strings: self.strings,
        }
    }
}

/// Whether a char is part of a word, for the postings and for the queries that read them
/// (as `char::is_alphanumeric`, whose tables are slow to search: Vietnamese letters are told
/// by the letter they fold to).
pub fn in_word(c: char) -> bool {
    let base = fold_char(c);
    if base.is_ascii() {
        base.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The words of `text` (byte ranges) with their positions: each word one on from the last
/// when a single space parts them, two on otherwise, so that a phrase's words are found next
/// to each other only when they are written so.
pub fn words_of(text: &str) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start = None;
    let mut position = 0u32;
    // The chars since the last word, and whether they are one space.
    let mut gap = 0;
    let mut space = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (word, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[at..].chars().next().expect("at a char");
            (in_word(c), c.len_utf8())
        };
        if word {
            if start.is_none() {
                if !out.is_empty() {
                    position += if gap == 1 && space { 1 } else { 2 };
                }
                gap = 0;
                start = Some(at);
            }
        } else {
            if let Some(s) = start.take() {
                out.push((s, at, position));
            }
            gap += 1;
            space = b == b' ';
        }
        at += len;
    }
    if let Some(s) = start {
        out.push((s, text.len(), position));
    }
    out
}

/// The pieces of an article's names, which joined with `NAMES_APART` give them again: none
/// for no names.
pub fn name_pieces(names: &str) -> impl Iterator<Item = &str> {
    names.split(NAMES_APART).filter(move |_| !names.is_empty())
}

#[derive(Default)]
struct WordsBuilder {
    names: Vec<u32>,
    ends: Vec<u32>,
    named: Vec<String>,
    named_folded: Vec<String>,
    named_at: FastMap<String, u32>,
    titles_folded: Vec<String>,
    letters: Vec<u64>,
    /// Each word as written, by the number it is given when first seen.
    vocabulary: FastMap<String, u32>,
    /// Each word's postings so far, and the last article written to them.
    postings: Vec<(Vec<u8>, Option<u32>)>,
    /// An article's words (by number) and positions, gathered before they are written.
    here: Vec<(u32, u32)>,
    /// By word: how often the article has it, and its last position written.
    counts: Vec<u32>,
    at: Vec<u32>,
    /// The words of the article, each once (kept for its room).
    touched: Vec<u32>,
    hay: FoldedJoin,
}

/// An article's folded haystack (`search::folded_haystack`) put together from what a segment
/// keeps folded (its title and the pieces of its names) and its source and date, folded here:
/// how a segment finds the haystack's letters, and a search the text it scores. Kept to be
/// used again, article after article.
#[derive(Default)]
pub struct FoldedJoin {
    /// The haystack.
    pub text: Vec<u8>,
    tail: String,
    apart: String,
}

impl FoldedJoin {
    /// Puts the haystack together in `text` from the title and names, folded; gives where the
    /// title ends.
    pub fn join<'n>(
        &mut self,
        title: &[u8],
        source: Option<&str>,
        date: &str,
        names: impl IntoIterator<Item = &'n [u8]>,
    ) -> usize {
        if self.apart.is_empty() {
            self.apart = fold(NAMES_APART);
        }
        self.text.clear();
        self.text.extend_from_slice(title);
        let title_end = self.text.len();
        self.tail.clear();
        // As `haystack_of` joins them, the names (added below) aside.
        for piece in crate::search::haystack_pieces("", source, date, "") {
            crate::text::fold_into(&mut self.tail, piece);
        }
        self.text.extend_from_slice(self.tail.as_bytes());
        for name in names {
            self.text.extend_from_slice(self.apart.as_bytes());
            self.text.extend_from_slice(name);
        }
        title_end
    }
}

impl WordsBuilder {
    fn add(&mut self, number: u32, article: &Article, content: &Content) {
        let first = self.names.len();
        for piece in name_pieces(&article.names) {
            let at = if let Some(&at) = self.named_at.get(piece) {
                at
            } else {
                self.named.push(piece.to_owned());
                self.named_folded.push(fold(piece));
                self.named_at
                    .insert(piece.to_owned(), self.named.len() as u32 - 1);
                self.named.len() as u32 - 1
            };
            self.names.push(at);
        }
        self.ends.push(self.names.len() as u32);
        let title = fold(&article.display_title);
        // The letters of the folded haystack, put together as a search puts it together.
        let named_folded = &self.named_folded;
        self.hay.join(
            title.as_bytes(),
            article.source.as_deref(),
            article.date(),
            self.names[first..]
                .iter()
                .map(|&p| named_folded[p as usize].as_bytes()),
        );
        self.letters.push(crate::search::letters_of(&self.hay.text));
        self.titles_folded.push(title);
        self.here.clear();
        // Blocks are apart (the scan joins them with a line break): their words never make
        // one phrase.
        let mut base = 0;
        for block in &content.body {
            let words = words_of(&block.text);
            let next = words.last().map_or(base, |w| base + w.2 + 2);
            for (from, to, position) in words {
                let word = &block.text[from..to];
                let id = if let Some(&id) = self.vocabulary.get(word) {
                    id
                } else {
                    let id = self.postings.len() as u32;
                    self.vocabulary.insert(word.to_owned(), id);
                    self.postings.push((Vec::new(), None));
                    self.counts.push(0);
                    self.at.push(0);
                    id
                };
                self.here.push((id, base + position));
            }
            base = next;
        }
        // Each word's count here, then its head (gap, count) written, then its positions.
        let mut touched = std::mem::take(&mut self.touched);
        touched.clear();
        for &(id, _) in &self.here {
            let count = &mut self.counts[id as usize];
            if *count == 0 {
                touched.push(id);
            }
            *count += 1;
        }
        for &id in &touched {
            let times = std::mem::take(&mut self.counts[id as usize]);
            let (bytes, last) = &mut self.postings[id as usize];
            let gap = u64::from(number - last.map_or(0, |l| l));
            leb(bytes, gap << 1 | u64::from(times == 1));
            if times > 1 {
                leb(bytes, u64::from(times));
            }
            *last = Some(number);
            self.at[id as usize] = 0;
        }
        for &(id, p) in &self.here {
            let at = &mut self.at[id as usize];
            leb(&mut self.postings[id as usize].0, u64::from(p - *at));
            *at = p;
        }
        self.touched = touched;
    }

    /// The words, and their postings.
    fn finish(self) -> (Words, Vec<u8>) {
        let mut terms: Vec<(String, u32)> = self
            .vocabulary
            .into_iter()
            .map(|(word, id)| {
                let mut key: String = word.chars().map(fold_char).collect();
                key.push('\0');
                key.push_str(&word);
                (key, id)
            })
            .collect();
        terms.sort_unstable();
        let mut postings = Vec::new();
        let mut map = fst::MapBuilder::memory();
        for (term, id) in terms {
            let (bytes, _) = &self.postings[id as usize];
            map.insert(
                term.as_bytes(),
                (postings.len() as u64) << 32 | bytes.len() as u64,
            )
            .expect("terms are sorted and unique");
            postings.extend_from_slice(bytes);
        }
        let blocks = postings
            .chunks(POSTINGS_BLOCK)
            .map(crc32fast::hash)
            .collect();
        (
            Words {
                names: self.names,
                ends: self.ends,
                named: self.named,
                named_folded: self.named_folded,
                titles_folded: self.titles_folded,
                letters: self.letters,
                terms: map.into_inner().expect("an fst in memory"),
                blocks,
            },
            postings,
        )
    }
}

fn leb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a LEB128 number at `*at`, moving past it; `None` past the end.
pub fn read_leb(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        if shift > 63 {
            return None;
        }
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
    }
}

/// Writes a folder's segment beside its cache: to a temporary file, then renamed over the old.
pub fn write(
    path: &Path,
    build: &str,
    folder: &str,
    stamps: &[Stamp],
    files: &[FileResults],
    summaries: &[Summary],
) -> std::io::Result<()> {
    let (rows, facts, words, postings) = make(files, summaries);
    let sections = [
        postcard::to_stdvec(&rows).map_err(std::io::Error::other)?,
        postcard::to_stdvec(&facts).map_err(std::io::Error::other)?,
        postcard::to_stdvec(&words).map_err(std::io::Error::other)?,
        postings,
    ];
    let tmp = path.with_extension(format!("itmp{}", std::process::id()));
    let mut f = std::io::BufWriter::new(File::create(&tmp)?);
    f.write_all(&head_bytes(build, folder, digest(stamps)))?;
    for (i, s) in sections.iter().enumerate() {
        // The postings are checked by blocks.
        let crc = if i == Section::Postings as usize {
            0
        } else {
            crc32fast::hash(s)
        };
        f.write_all(&(s.len() as u64).to_le_bytes())?;
        f.write_all(&crc.to_le_bytes())?;
    }
    for s in &sections {
        f.write_all(s)?;
    }
    f.into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    std::fs::rename(&tmp, path)
}

fn head_bytes(build: &str, folder: &str, digest: u64) -> Vec<u8> {
    let mut head = MAGIC.to_vec();
    for part in [build, folder] {
        head.extend_from_slice(&(part.len().min(usize::from(u16::MAX)) as u16).to_le_bytes());
        head.extend_from_slice(&part.as_bytes()[..part.len().min(usize::from(u16::MAX))]);
    }
    head.extend_from_slice(&digest.to_le_bytes());
    head
}

/// Each section's start, length and CRC-32.
type Table = [(u64, u64, u32); SECTIONS];

/// A segment file whose head matched; its sections are read on demand. No file is held open
/// between reads: a corpus of thousands of folders would run out of descriptors.
#[derive(Debug)]
pub struct Segment {
    pub path: PathBuf,
    sections: Table,
}

/// A segment's file, open for a few reads.
#[derive(Debug)]
pub struct Reading {
    file: File,
    sections: Table,
}

/// Why a segment could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// None there, or another build's, another folder's, or the folder changed since.
    Stale,
    /// Cut short or altered: it is removed, to be made again.
    Damaged,
}

impl Segment {
    /// The segment at `path`, if it was made by `build` from `folder` with these files, and
    /// its file, open for reading.
    pub fn open(
        path: &Path,
        build: &str,
        folder: &str,
        digest: u64,
    ) -> Result<(Segment, Reading), Unusable> {
        let mut file = File::open(path).map_err(|_| Unusable::Stale)?;
        let want = head_bytes(build, folder, digest);
        let mut head = vec![0; want.len() + SECTIONS * 12];
        file.read_exact(&mut head).map_err(|_| Unusable::Stale)?;
        if head[..want.len()] != want[..] {
            return Err(Unusable::Stale);
        }
        let mut sections = [(0, 0, 0); SECTIONS];
        let mut at = head.len() as u64;
        for (i, entry) in head[want.len()..].chunks_exact(12).enumerate() {
            let len = u64::from_le_bytes(entry[..8].try_into().expect("8 bytes"));
            let crc = u32::from_le_bytes(entry[8..].try_into().expect("4 bytes"));
            sections[i] = (at, len, crc);
            at = at.checked_add(len).ok_or(Unusable::Damaged)?;
        }
        // Cut short (or grown): not what was written.
        if file.metadata().map_err(|_| Unusable::Damaged)?.len() != at {
            return Err(Unusable::Damaged);
        }
        Ok((
            Segment {
                path: path.to_owned(),
                sections,
            },
            Reading { file, sections },
        ))
    }

    /// The segment's file, open again for reading.
    pub fn reading(&self) -> Result<Reading, Unusable> {
        let file = File::open(&self.path).map_err(|_| Unusable::Damaged)?;
        Ok(Reading {
            file,
            sections: self.sections,
        })
    }

    /// A section's bytes, checked against their CRC.
    pub fn bytes(&self, section: Section) -> Result<Vec<u8>, Unusable> {
        self.reading()?.bytes(section)
    }
}

impl Reading {
    /// `len` bytes from `at` in the file.
    fn read_at(&self, at: u64, len: u64) -> Result<Vec<u8>, Unusable> {
        let mut bytes = Vec::new();
        self.read_into(&mut bytes, at, len)?;
        Ok(bytes)
    }

    /// `len` bytes from `at` in the file, in place of what `bytes` held.
    fn read_into(&self, bytes: &mut Vec<u8>, at: u64, len: u64) -> Result<(), Unusable> {
        // What the buffer held is read over, not cleared first: only a buffer grown is
        // filled with zeros before reading.
        let len = usize::try_from(len).map_err(|_| Unusable::Damaged)?;
        if bytes.len() < len {
            bytes.resize(len, 0);
        }
        bytes.truncate(len);
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            self.file
                .read_exact_at(bytes, at)
                .map_err(|_| Unusable::Damaged)?;
        }
        #[cfg(not(unix))]
        {
            let mut file = &self.file;
            file.seek(SeekFrom::Start(at))
                .map_err(|_| Unusable::Damaged)?;
            file.read_exact(bytes).map_err(|_| Unusable::Damaged)?;
        }
        Ok(())
    }

    /// A section's bytes, checked against their CRC.
    pub fn bytes(&self, section: Section) -> Result<Vec<u8>, Unusable> {
        let mut bytes = Vec::new();
        self.bytes_into(&mut bytes, section)?;
        Ok(bytes)
    }

    /// `bytes`, in place of what `bytes` held: a buffer read into again and again is not
    /// made anew (and faulted in) for every folder.
    pub fn bytes_into(&self, bytes: &mut Vec<u8>, section: Section) -> Result<(), Unusable> {
        let (at, len, crc) = self.sections[section as usize];
        self.read_into(bytes, at, len)?;
        if crc32fast::hash(bytes) != crc {
            return Err(Unusable::Damaged);
        }
        Ok(())
    }

    /// The postings from `from` for `len` bytes, checked against the CRCs of their blocks.
    pub fn postings(&self, from: u64, len: u64, blocks: &[u32]) -> Result<Vec<u8>, Unusable> {
        let (at, size, _) = self.sections[Section::Postings as usize];
        let block = POSTINGS_BLOCK as u64;
        let end = from
            .checked_add(len)
            .filter(|&e| e <= size)
            .ok_or(Unusable::Damaged)?;
        if len == 0 {
            return Ok(Vec::new());
        }
        let (first, last) = (from / block, (end - 1) / block);
        let start = first * block;
        let stop = ((last + 1) * block).min(size);
        let bytes = self.read_at(at + start, stop - start)?;
        for (k, chunk) in bytes.chunks(POSTINGS_BLOCK).enumerate() {
            let want = blocks.get(first as usize + k).ok_or(Unusable::Damaged)?;
            if crc32fast::hash(chunk) != *want {
                return Err(Unusable::Damaged);
            }
        }
        Ok(bytes[(from - start) as usize..(end - start) as usize].to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_articles_names_are_its_pieces_joined_again() {
        for names in [
            "",
            "Bộ Công an",
            "Tô Lâm · Bộ Công an · Hà Nội",
            " · ",
            "A ·  · B",
        ] {
            let pieces: Vec<&str> = name_pieces(names).collect();
            assert_eq!(pieces.join(NAMES_APART), names);
        }
        assert_eq!(name_pieces("").count(), 0);
        assert_eq!(name_pieces("Tô Lâm · Hà Nội").count(), 2);
    }

    #[test]
    fn words_are_one_apart_only_when_a_single_space_parts_them() {
        let text = "Bộ Công an, tại Hà Nội  ngày 26/9";
        let words: Vec<(&str, u32)> = words_of(text)
            .into_iter()
            .map(|(from, to, p)| (&text[from..to], p))
            .collect();
        assert_eq!(
            words,
            [
                ("Bộ", 0),
                ("Công", 1),
                ("an", 2),
                ("tại", 4),
                ("Hà", 5),
                ("Nội", 6),
                ("ngày", 8),
                ("26", 9),
                ("9", 11)
            ]
        );
    }

    #[test]
    fn a_segment_of_another_build_folder_or_files_is_passed_over() {
        let dir = std::env::temp_dir().join(format!("docbao-segment-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        let path = dir.join("s.idx");
        let stamp = |size| Stamp {
            name: "a.txt".to_owned(),
            size,
            modified_ns: 1,
            changed_ns: 2,
        };
        let seed = crate::corpus::Corpus::seeds().articles.remove(0);
        write(
            &path,
            "build 1",
            "/news",
            &[stamp(10)],
            &[vec![Ok(seed)]],
            &[],
        )
        .expect("write");
        let open =
            |build, folder, size| Segment::open(&path, build, folder, digest(&[stamp(size)]));
        let (segment, _) = open("build 1", "/news", 10).expect("its own");
        let bytes = segment.bytes(Section::Rows).expect("rows");
        let rows: Rows<Raw> = decode(&bytes).expect("decoded");
        assert_eq!(rows.rows.len(), 1);
        assert!(rows.rows[0].checked().is_ok());
        // The head alone, read from the start of the section.
        let head: RowsHead<Raw> = decode(&bytes).expect("its head");
        assert_eq!((head.files, head.of_file), (1, vec![0]));
        assert_eq!(open("build 2", "/news", 10).unwrap_err(), Unusable::Stale);
        assert_eq!(open("build 1", "/old", 10).unwrap_err(), Unusable::Stale);
        assert_eq!(open("build 1", "/news", 11).unwrap_err(), Unusable::Stale);
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
