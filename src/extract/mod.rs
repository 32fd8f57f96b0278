//! Entities and facts from a cleaned article, by rules built on the regularities of Vietnamese
//! news: titles and ranks before names, head words that open organisations and places, surname
//! lists, and the forms dates and figures take. Spans count chars within a block's text.
//!
//! One stage a file: `tokens` splits the text into words, `doc` holds the words with the
//! lexicon's marks and the spans claimed so far, then `organisations` (and places), `people`
//! (with roles), `dates` and `figures` claim spans in that order, and `facts` reads roles,
//! quantities and events off the spans.

mod dates;
mod doc;
mod facts;
mod figures;
mod lexicon;
mod organisations;
mod people;
mod tokens;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::clean::{Block, BlockKind};
use crate::text::fold;

use self::doc::{Doc, Span};
use self::facts::{event_fact, role_facts};
use self::figures::quantity_fact;

/// The extractor's sets and maps: hashed with foldhash, several times faster than std's
/// SipHash on the short keys looked up at every word (and still seeded per process).
type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Date,
    Role,
    Quantity,
    Event,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Date,
        EntityKind::Role,
        EntityKind::Quantity,
        EntityKind::Event,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
            EntityKind::Date => "date",
            EntityKind::Role => "role",
            EntityKind::Quantity => "quantity",
            EntityKind::Event => "event",
        }
    }
}

/// A recognised span of `body[block].text`, in chars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    #[serde(deserialize_with = "crate::text::de::text")]
    pub text: String,
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// Something the text states, drawn from its entities.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Fact {
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
        /// True when the year was not in the date and was taken from the dateline or the text.
        date_inferred: bool,
        location: Option<String>,
        block: usize,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Bytes of text past `BUDGET`, where nothing was looked for.
    pub unmarked: usize,
}

/// How much of an article's text is analysed: analysis takes some thirty times the memory
/// of its text, and an article a hundred times longer than a long news report is not one.
pub const BUDGET: usize = 512 * 1024;

/// The blocks within `budget` bytes in all, the last perhaps cut at a space, and how many
/// bytes are left out.
fn within_budget(blocks: &[Block], budget: usize) -> (Vec<&str>, usize) {
    let mut left = budget;
    let mut parts = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text.as_str();
        if text.len() <= left {
            left -= text.len();
            parts.push(text);
            continue;
        }
        let mut cut = left;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[..cut].rfind(' ').unwrap_or(0);
        parts.push(&text[..cut]);
        let rest: usize = blocks[i + 1..].iter().map(|b| b.text.len()).sum();
        return (parts, text.len() - cut + rest);
    }
    (parts, 0)
}

/// Extracts entities and facts from an article's blocks. `published` (ISO) helps place dates
/// without a year.
pub fn extract(blocks: &[Block], published: Option<&str>) -> Extraction {
    let (parts, unmarked) = within_budget(blocks, BUDGET);
    let mut docs: Vec<Doc> = parts.into_iter().map(Doc::new).collect();
    for doc in &mut docs {
        doc.find_dates();
        doc.find_marks();
        doc.free_given_names();
        doc.find_quantities();
        doc.find_orgs_and_places();
        doc.bodies_in_lower_case();
        doc.routes();
        doc.find_roles();
        doc.find_people();
    }
    let names: FastSet<Vec<&str>> = docs
        .iter()
        .flat_map(|doc| {
            doc.spans
                .iter()
                .filter(|s| s.kind == EntityKind::Person && s.start < s.end)
                .map(|s| doc.words[s.start..s.end].to_vec())
        })
        .collect();
    // A full name's last word, when no other full name ends in it, refers to that person
    // later in the article: "Thơm", "Takahashi".
    let mut last_words: FastMap<&str, usize> = FastMap::default();
    for name in names.iter().filter(|n| n.len() >= 2) {
        *last_words.entry(name[name.len() - 1]).or_default() += 1;
    }
    let short: FastSet<Vec<&str>> = last_words
        .into_iter()
        .filter(|&(w, count)| count == 1 && w.chars().count() >= 2)
        .map(|(w, _)| vec![w])
        .collect();
    for doc in &mut docs {
        doc.propagate(&names);
        doc.propagate_short(&short);
        doc.find_rest();
    }

    let mut out = Extraction {
        unmarked,
        ..Extraction::default()
    };
    let mut seen_roles = FastSet::default();
    for (b, doc) in docs.iter().enumerate() {
        let mut spans: Vec<Span> = doc
            .spans
            .iter()
            .copied()
            .filter(|s| s.start < s.end)
            .collect();
        spans.sort_by_key(|s| s.start);
        for s in &spans {
            let start = doc.toks[s.start].start;
            let end = doc.toks[s.end - 1].end + s.tail;
            out.entities.push(Entity {
                kind: s.kind,
                text: doc.span_text(s),
                block: b,
                start,
                end,
            });
            if s.kind == EntityKind::Quantity {
                out.facts.push(quantity_fact(doc, s, b));
            }
        }
        role_facts(doc, b, &mut out.facts, &mut seen_roles);
    }
    if let Some(event) = event_fact(&docs, blocks, published) {
        out.facts.insert(0, event);
    }
    out
}

/// Entity texts of one kind, deduplicated by their folded form, in order of first mention.
pub fn distinct(entities: &[Entity], kind: EntityKind) -> Vec<&str> {
    // Sorting, not hashing: hashing each mention cost more than the rest of the list
    // filter's preparation. Most repeats are spelt alike, so only distinct spellings are
    // folded.
    let mut named: Vec<(&str, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == kind)
        .map(|(i, e)| (e.text.as_str(), i))
        .collect();
    named.sort_unstable();
    named.dedup_by_key(|(text, _)| *text);
    let mut folded: Vec<(String, usize, &str)> = named
        .into_iter()
        .map(|(text, i)| (fold(text), i, text))
        .collect();
    folded.sort_unstable();
    folded.dedup_by(|later, first| later.0 == first.0);
    folded.sort_unstable_by_key(|&(_, i, _)| i);
    folded.into_iter().map(|(_, _, text)| text).collect()
}

/// The people an article names, each short form ("Dũng", "ông Takahashi") read as the one
/// full name of the article (two words or more) that ends in it, when only one does: the
/// facts panel and the corpus index list one person per name.
pub struct People<'a> {
    /// A full name's last word, folded, and the full name (`None` when two end in it).
    full: FastMap<String, Option<&'a str>>,
}

impl<'a> People<'a> {
    pub fn of(entities: &'a [Entity]) -> People<'a> {
        let mut full: FastMap<String, Option<&'a str>> = FastMap::default();
        for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let Some((_, last)) = e.text.rsplit_once(' ') else {
                continue;
            };
            let name = e.text.as_str();
            full.entry(fold(last))
                .and_modify(|seen| {
                    if seen.is_some_and(|s| fold(s) != fold(name)) {
                        *seen = None;
                    }
                })
                .or_insert(Some(name));
        }
        People { full }
    }

    /// The full name `name` stands for: itself, unless it is one word that ends one full
    /// name of the article.
    pub fn name<'b>(&self, name: &'b str) -> &'b str
    where
        'a: 'b,
    {
        if self.full.is_empty() || name.contains(' ') {
            return name;
        }
        self.full
            .get(&fold(name))
            .copied()
            .flatten()
            .unwrap_or(name)
    }

    /// `distinct` people, short forms merged into their full names, in order of first
    /// mention of either.
    pub fn distinct(&self, entities: &'a [Entity]) -> Vec<&'a str> {
        let mut seen: FastSet<String> = FastSet::default();
        distinct(entities, EntityKind::Person)
            .into_iter()
            .map(|name| self.name(name))
            .filter(|name| seen.insert(fold(name)))
            .collect()
    }
}

/// Runs the extractor on one paragraph; for tests and small tools.
pub fn extract_text(text: &str) -> Extraction {
    let blocks = [Block {
        kind: BlockKind::Paragraph,
        text: text.to_owned(),
    }];
    extract(&blocks, None)
}

#[cfg(test)]
mod tests;
