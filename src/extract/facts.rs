//! Facts read off the spans: who holds which role, and the events an article reports with
//! their own date and place.

use crate::clean::Block;

use super::dates::{complete_date, iso_to_dmy};
use super::doc::{Doc, PhraseSet, RolePhrase, Span};
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
pub(super) fn event_fact(docs: &[Doc], blocks: &[Block], published: Option<&str>) -> Option<Fact> {
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
    // Without a named event, one the text reports in a sentence that says where (and when,
    // unless a dateline does): "Sáng 16/2, tại Hà Nội, hai bộ trưởng đã hội đàm"; never
    // the headline.
    let (name, block, anchor) = match best {
        Some((_, b, i, e)) => (docs[b].words_text(i, e), b, i),
        None => reported_event(docs, published.is_some())?,
    };
    let doc = docs.get(block)?;
    let in_sentence = |kind: EntityKind| -> Vec<&Span> {
        let (s, e) = sentence_bounds(doc, anchor);
        doc.spans
            .iter()
            .filter(|sp| sp.kind == kind && sp.start < sp.end && sp.start >= s && sp.end <= e)
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
                    .filter(|s| s.kind == EntityKind::Location && s.start < s.end)
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

/// "thành phố Lyon" → "Lyon": the place's own name ("quận 10" keeps its head).
pub(super) fn strip_place_head(doc: &Doc, s: &Span) -> String {
    let start = match doc.mark(s.start) {
        Some(m) if m.cat == Category::LocHead && m.end < s.end && !doc.toks[m.end].num => m.end,
        _ => s.start,
    };
    doc.words_text(start, s.end)
}

/// Words that report an event: a meeting, a visit, a ceremony, a trial, an arrest, an
/// accident, a fire.
static EVENT_CUES: PhraseSet = PhraseSet::new(&[
    "hội đàm",
    "hội kiến",
    "họp",
    "hội nghị",
    "hội thảo",
    "thăm",
    "làm việc với",
    "ký kết",
    "khai mạc",
    "bế mạc",
    "phiên tòa",
    "xét xử",
    "tuyên án",
    "bắt giữ",
    "bắt quả tang",
    "tạm giữ",
    "khởi tố",
    "tai nạn",
    "va chạm",
    "vụ cháy",
    "hỏa hoạn",
    "diễn ra",
    "tổ chức lễ",
]);

/// The first sentence that reports an event by one of `EVENT_CUES` and names where it took
/// place, with a date of its own or a dateline to date it: the event as the text words it
/// from the cue (and the word that makes it a noun: "chuyến thăm", "vụ tai nạn", "phiên
/// tòa") to the clause's end, at most sixteen words; with its block and the cue's word.
fn reported_event(docs: &[Doc], dated: bool) -> Option<(String, usize, usize)> {
    for (b, doc) in docs.iter().enumerate() {
        let mut i = 0;
        while i < doc.n() {
            let Some((cue, _)) = doc.phrase_at(&EVENT_CUES, i) else {
                i += 1;
                continue;
            };
            // "phòng họp" is a room.
            let room = i > 0 && doc.lower(i - 1) == "phòng";
            let (s, e) = sentence_bounds(doc, i);
            let within = |sp: &&Span| sp.start < sp.end && sp.start >= s && sp.end <= e;
            let has_date = doc
                .spans
                .iter()
                .filter(within)
                .any(|sp| sp.kind == EntityKind::Date);
            let placed = doc
                .spans
                .iter()
                .filter(within)
                .any(|sp| sp.kind == EntityKind::Location && sp.place.is_some());
            if !room && placed && (has_date || dated) {
                let clause = |k: usize| {
                    matches!(
                        doc.toks[k].gap,
                        ',' | ';' | '.' | '!' | '?' | '(' | ')' | ':' | '"' | '“' | '”' | '–'
                    )
                };
                // "Show Thu Đông 2024 của nhà thiết kế gốc Việt diễn ra": what takes place
                // is what comes before.
                if doc.lower(i) == "diễn" {
                    let start = (s + 1..=i).rev().find(|&k| clause(k)).unwrap_or(s);
                    if start < i && i - start <= 16 {
                        return Some((doc.words_text(start, i), b, i));
                    }
                    i = cue;
                    continue;
                }
                let from = if i > s
                    && doc.joined(i)
                    && matches!(
                        doc.lower(i - 1),
                        "chuyến" | "cuộc" | "buổi" | "vụ" | "phiên" | "lễ"
                    ) {
                    i - 1
                } else {
                    i
                };
                let mut to = (cue..e).find(|&k| clause(k)).unwrap_or(e);
                if to - from > 16 {
                    to = from + 16;
                    // Not inside a name: before it, or past it if it opens the clause.
                    if let Some(o) = doc.owner[to - 1] {
                        let span = doc.spans[o];
                        if span.end > to {
                            to = if span.start > cue {
                                span.start
                            } else {
                                span.end
                            };
                        }
                    }
                }
                // Not ending on a function word ("… Interpol tại").
                while to > cue && super::doc::is_stop(doc.lower(to - 1)) {
                    to -= 1;
                }
                return Some((doc.words_text(from, to), b, i));
            }
            i = cue;
        }
    }
    None
}
