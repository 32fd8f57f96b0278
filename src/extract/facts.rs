//! Facts read off the spans: who holds which role, and the events an article reports with
//! their own date and place.

use crate::clean::Block;

use super::dates::{complete_date, iso_to_dmy};
use super::doc::{Doc, RolePhrase, Span};
use super::lexicon::Category;
use super::{EntityKind, Fact, FastMap, FastSet};

pub(super) fn role_facts(doc: &Doc, block: usize, facts: &mut Vec<Fact>, seen: &mut FastSet<Fact>) {
    let mut push = |person: &str, r: RolePhrase| {
        let fact = Fact::Role {
            person: person.to_owned(),
            role: doc.words_text(r.start, r.end),
            block,
        };
        if seen.insert(fact.clone()) {
            facts.push(fact);
        }
    };
    // The first role phrase to start, or to end, at each word, and each name's linked title.
    let mut starting = FastMap::default();
    let mut ending = FastMap::default();
    for r in &doc.roles {
        starting.entry(r.start).or_insert(*r);
        ending.entry(r.end).or_insert(*r);
    }
    let mut title_of = FastMap::default();
    for &(span, r) in &doc.links {
        title_of.entry(span).or_insert(r);
    }
    let role_at = |i: usize| starting.get(&i).copied();
    for (span_id, s) in doc.spans.iter().enumerate() {
        if s.kind != EntityKind::Person {
            continue;
        }
        let person = doc.span_text(s);
        // Titles before the name, and the comma-separated titles before those.
        if let Some(&r) = title_of.get(&span_id) {
            let mut r = doc.roles[r];
            push(&person, r);
            while let Some(&prev) = ending
                .get(&r.start)
                .filter(|_| doc.toks[r.start].gap == ',')
            {
                push(&person, prev);
                r = prev;
            }
        } else if s.start > 0 {
            // A name straight after a bare title ("Thứ trưởng Nguyễn Văn Long").
            if let Some(&r) = ending.get(&s.start).filter(|_| doc.joined(s.start)) {
                push(&person, r);
            }
        }
        // Titles after the name: ", Thứ trưởng Bộ Công an, ..." and "làm Trưởng đoàn".
        let mut at = s.end;
        // "Ông Hoà Duy Quý, 50 tuổi, bảo vệ": past an age or a birth year between commas.
        if at + 2 < doc.n()
            && doc.toks[at].gap == ','
            && doc.toks[at].num
            && doc.lower(at + 1) == "tuổi"
            && doc.toks[at + 2].gap == ','
        {
            at += 2;
        }
        while at < doc.n() {
            // "A, Phó Thủ tướng" and "A - Chủ tịch VARS".
            if matches!(doc.toks[at].gap, ',' | '-' | '–') {
                // "John Daly, một tay golf": an article before the role.
                let r = role_at(at).or_else(|| {
                    (matches!(doc.lower(at), "một" | "vị") && doc.joined(at + 1))
                        .then(|| role_at(at + 1))
                        .flatten()
                });
                // "Jurgen Stock, Chủ tịch Trung Quốc Tập Cận Bình": that title is the next
                // person's, and the list of titles ends there.
                if let Some(r) = r {
                    if titles_next_person(doc, r) {
                        break;
                    }
                    push(&person, r);
                    at = r.end;
                    continue;
                }
            }
            if doc.joined(at) && doc.lower(at) == "làm" {
                if let Some(r) = role_at(at + 1).filter(|_| doc.joined(at + 1)) {
                    push(&person, r);
                    at = r.end;
                    continue;
                }
            }
            break;
        }
    }
}

/// Whether a role phrase stands right before a name, as that person's title.
pub(super) fn titles_next_person(doc: &Doc, r: RolePhrase) -> bool {
    r.end < doc.n()
        && doc.joined(r.end)
        && doc.owner[r.end]
            .is_some_and(|o| doc.spans[o].kind == EntityKind::Person && doc.spans[o].start == r.end)
}

/// Whether a sentence ends before word `i`.
pub(super) fn ends_sentence(doc: &Doc, i: usize) -> bool {
    i < doc.n() && matches!(doc.toks[i].gap, '.' | '!' | '?' | ';')
}

pub(super) fn sentence_bounds(doc: &Doc, word: usize) -> (usize, usize) {
    let ends = |i: usize| ends_sentence(doc, i);
    let mut s = word;
    while s > 0 && !ends(s) {
        s -= 1;
    }
    let mut e = word + 1;
    while e < doc.n() && !ends(e) {
        e += 1;
    }
    (s, e)
}

/// The article's main event: its name, when and where.
pub(super) fn event_fact(
    docs: &[Doc],
    blocks: &[Block],
    published: Option<&str>,
    title: &str,
) -> Option<Fact> {
    let mut best: Option<(u8, usize, usize, usize)> = None;
    for (b, doc) in docs.iter().enumerate() {
        for i in 0..doc.n() {
            // "Trung tâm Hội nghị quốc gia" is a venue, not a meeting.
            let inside = || {
                doc.owner[i].is_some_and(|o| doc.spans[o].start < i)
                    || (i.saturating_sub(3)..i).any(|j| {
                        doc.joined(i)
                            && doc.mark(j).is_some_and(|m| {
                                m.end == i && matches!(m.cat, Category::OrgHead | Category::LocHead)
                            })
                    })
            };
            let named =
                doc.mark_is(i, |c| c == Category::EventHead) && doc.toks[i].cap && !inside();
            let acronym = doc.owner[i]
                .is_some_and(|o| doc.spans[o].kind == EntityKind::Event && doc.spans[o].start == i);
            if !named && !acronym {
                continue;
            }
            let (score, end) = if acronym {
                (1, doc.owner[i].map_or(i + 1, |o| doc.spans[o].end))
            } else {
                // "lần thứ 93" within 30 words, in the same sentence.
                let reach = (i + 1..doc.n().min(i + 30))
                    .find(|&j| ends_sentence(doc, j))
                    .unwrap_or(doc.n().min(i + 30));
                let numbered = (i + 1..reach).find(|&j| {
                    doc.lower(j) == "thứ"
                        && doc.lower(j - 1) == "lần"
                        && j + 1 < doc.n()
                        && doc.toks[j + 1].num
                });
                if let Some(j) = numbered {
                    (3, j + 2)
                } else {
                    let mut e = doc.mark(i).map_or(i + 1, |m| m.end);
                    while e < doc.n()
                        && doc.joined(e)
                        && (doc.toks[e].cap
                            || doc.owner[e]
                                .is_some_and(|o| doc.spans[o].kind == EntityKind::Organization))
                    {
                        e += 1;
                    }
                    if e == doc.mark(i).map_or(i + 1, |m| m.end) {
                        continue;
                    }
                    (2, e)
                }
            };
            if best.is_none_or(|(s, ..)| score > s) {
                best = Some((score, b, i, end));
            }
        }
    }
    let (name, block, anchor) = match best {
        Some((_, b, i, e)) => (docs[b].words_text(i, e), b, Some(i)),
        None => (title.to_owned(), 0, None),
    };
    let doc = docs.get(block)?;
    let in_sentence = |kind: EntityKind| -> Vec<&Span> {
        let Some(a) = anchor else { return Vec::new() };
        let (s, e) = sentence_bounds(doc, a);
        doc.spans
            .iter()
            .filter(|sp| sp.kind == kind && sp.start >= s && sp.end <= e)
            .collect()
    };
    let lead = docs.iter().find(|d| !d.spans.is_empty()).unwrap_or(doc);
    // "Diễn ra từ ngày 1-5/7, hội nghị…": the sentence that says when it takes place.
    let takes_place = || {
        docs.iter().find_map(|d| {
            (1..d.n())
                .filter(|&j| d.lower(j) == "ra" && d.lower(j - 1) == "diễn")
                .find_map(|j| {
                    let (s, e) = sentence_bounds(d, j);
                    d.spans
                        .iter()
                        .find(|sp| sp.kind == EntityKind::Date && sp.start >= s && sp.end <= e)
                        .map(|sp| d.span_text(sp))
                })
        })
    };
    let date_text = in_sentence(EntityKind::Date)
        .first()
        .map(|s| doc.span_text(s))
        .or_else(takes_place)
        .or_else(|| {
            lead.spans
                .iter()
                .find(|s| s.kind == EntityKind::Date && lead.span_text(s).contains('/'))
                .map(|s| lead.span_text(s))
        });
    let (date, date_inferred) = match date_text {
        Some(d) => complete_date(&d, published, blocks),
        None => (published.map(iso_to_dmy), false),
    };
    // "khu vực Đông Nam Á" is the scope of a meeting, not where it is held.
    let region = |d: &Doc, s: &Span| {
        s.start >= 2 && d.lower(s.start - 1) == "vực" && d.lower(s.start - 2) == "khu"
    };
    let place_text = |d: &Doc, spans: Vec<&Span>| {
        spans
            .into_iter()
            .filter(|s| s.place.is_some() && !region(d, s))
            .max_by_key(|s| (s.place, std::cmp::Reverse(s.start)))
            .map(|s| strip_place_head(d, s))
    };
    let location = place_text(doc, in_sentence(EntityKind::Location)).or_else(|| {
        docs.iter()
            .take(4)
            .filter_map(|d| {
                let spans: Vec<&Span> = d
                    .spans
                    .iter()
                    .filter(|s| s.kind == EntityKind::Location)
                    .collect();
                spans
                    .iter()
                    .filter(|s| s.place.is_some() && !region(d, s))
                    .max_by_key(|s| (s.place, std::cmp::Reverse(s.start)))
                    .map(|s| (s.place, strip_place_head(d, s)))
            })
            .max_by_key(|(rank, _)| *rank)
            .map(|(_, t)| t)
    });
    Some(Fact::Event {
        name,
        date,
        date_inferred,
        location,
        block,
    })
}

/// "thành phố Lyon" → "Lyon": the place's own name.
pub(super) fn strip_place_head(doc: &Doc, s: &Span) -> String {
    let start = match doc.mark(s.start) {
        Some(m) if m.cat == Category::LocHead && m.end < s.end => m.end,
        _ => s.start,
    };
    doc.words_text(start, s.end)
}
