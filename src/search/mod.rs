//! Accent-insensitive fuzzy matching. Text is folded one char to one char (lower case, tone
//! marks off, đ → d), so the matcher's char indices point straight back into the original.
//!
//! Smart diacritics, like smart case: a query without diacritics matches any; a query with them
//! must match them. A query with a capital must match case.

use std::sync::OnceLock;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem::Finder;

use crate::article::Article;
use crate::text::{fold, has_diacritic, key, nfc};

pub mod filterer;

/// Which of case and diacritics a query compares, and so which form of a haystack it is
/// matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No capitals and no diacritics typed: lower case, accents off (`fold`).
    Folded,
    /// A capital typed, no diacritics: accents off, case kept.
    Cased,
    /// Diacritics typed, no capital: lower case, tone marks placed alike (`key`).
    Keyed,
    /// Both typed: the text as it is.
    Exact,
}

/// How a query compares: which of case and diacritics it cares about.
#[derive(Debug, Clone)]
pub struct Query {
    /// The query as the haystack must be prepared to match it.
    pattern: String,
    /// Finds `pattern` in a haystack: made once, used on every article.
    finder: Finder<'static>,
    /// Chars in `pattern`.
    length: usize,
    /// The letters and digits of the folded query, as `letters_of` gives them: any match in
    /// any mode holds them.
    letters: u64,
    mode: Mode,
    /// For a query with capitals or diacritics: its folded form, which any match must also
    /// match in the folded haystack (already at hand), before the haystack is prepared
    /// otherwise.
    loose: Option<Box<Query>>,
}

impl Query {
    pub fn new(raw: &str) -> Query {
        let q = nfc(raw.trim());
        let diacritics = q.chars().any(|c| {
            has_diacritic(c) && !c.is_uppercase()
                || has_diacritic(c.to_lowercase().next().unwrap_or(c))
        });
        let case = q.chars().any(char::is_uppercase);
        let mode = match (diacritics, case) {
            (false, false) => Mode::Folded,
            (false, true) => Mode::Cased,
            (true, false) => Mode::Keyed,
            (true, true) => Mode::Exact,
        };
        let loose = (mode != Mode::Folded).then(|| Box::new(Query::of(&q, Mode::Folded, None)));
        Query::of(&q, mode, loose)
    }

    /// The query `q` (trimmed, NFC) compared in `mode`.
    fn of(q: &str, mode: Mode, loose: Option<Box<Query>>) -> Query {
        let pattern = prepare(mode, q);
        Query {
            finder: Finder::new(pattern.as_bytes()).into_owned(),
            length: pattern.chars().count(),
            letters: letters_of(fold(q)),
            loose,
            pattern,
            mode,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pattern.is_empty()
    }

    /// The query as a haystack prepared for it must hold it.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Whether a body hit must be a whole word: a short query ("an" is not in "toàn").
    pub fn whole_word(&self) -> bool {
        self.length < 4
    }

    /// Whether `hay` (bytes of text already `prepare`d for this query) matches at all, as
    /// `fuzzy` would find it, without scoring it. A query found as typed is found by the bytes
    /// alone; they are checked as UTF-8 only when a single word's letters have to be looked for
    /// apart, so bytes that are not UTF-8 match only as typed.
    pub fn finds_prepared(&self, hay: &[u8]) -> bool {
        if self.is_empty() || self.finder.find(hay).is_some() {
            return true;
        }
        if self.pattern.contains(char::is_whitespace) {
            return false;
        }
        std::str::from_utf8(hay).is_ok_and(|h| compact_match(h, &self.pattern).is_some())
    }

    /// Turns text into what this query compares against; one char out for each char in.
    pub fn prepare(&self, text: &str) -> String {
        prepare(self.mode, text)
    }

    /// Fuzzy score and matched char indices of `text`, if it matches.
    pub fn fuzzy(&self, matcher: &SkimMatcherV2, text: &str) -> Option<(i64, Vec<usize>)> {
        let hay = self.prepare(text);
        let found = self.locate(&hay)?;
        Some((
            self.score(matcher, &hay, &found)?,
            self.indices(matcher, &hay, &found)?,
        ))
    }

    /// The matched char indices of `text`, if it matches, without scoring the match.
    fn indices_in(&self, matcher: &SkimMatcherV2, text: &str) -> Option<Vec<usize>> {
        let hay = self.prepare(text);
        let found = self.locate(&hay)?;
        self.indices(matcher, &hay, &found)
    }

    /// Where the query is in `hay` (prepared for it): as typed if it occurs so, else, for a
    /// single word, its letters within a short window. A match scattered over a long haystack
    /// is a coincidence, not what was typed.
    fn locate(&self, hay: &str) -> Option<Found> {
        if self.is_empty() {
            return Some(Found {
                from: 0,
                to: 0,
                as_typed: true,
            });
        }
        if let Some(at) = self.finder.find(hay.as_bytes()) {
            return Some(Found {
                from: at,
                to: at + self.pattern.len(),
                as_typed: true,
            });
        }
        // Words apart are matched word by word (`Plan`); only a single word may have its
        // letters spread.
        if self.pattern.contains(char::is_whitespace) {
            return None;
        }
        let (from, to) = compact_match(hay, &self.pattern)?;
        Some(Found {
            from,
            to,
            as_typed: false,
        })
    }

    /// The score of a match: by length when found as typed (the common case, needing no
    /// alignment), else by the fuzzy matcher on the short window.
    fn score(&self, matcher: &SkimMatcherV2, hay: &str, found: &Found) -> Option<i64> {
        if found.as_typed {
            let at_start = if found.from == 0 { 20 } else { 0 };
            return Some(20 * self.length as i64 + at_start);
        }
        matcher.fuzzy_match(&hay[found.from..found.to], &self.pattern)
    }

    /// The matched char indices of `hay`.
    fn indices(&self, matcher: &SkimMatcherV2, hay: &str, found: &Found) -> Option<Vec<usize>> {
        let offset = hay[..found.from].chars().count();
        if found.as_typed {
            return Some((offset..offset + self.length).collect());
        }
        let (_, indices) = matcher.fuzzy_indices(&hay[found.from..found.to], &self.pattern)?;
        Some(indices.into_iter().map(|i| i + offset).collect())
    }

    /// How often the query occurs in text already `prepare`d for it, by the rules of
    /// `occurrences`.
    fn count_prepared(&self, hay: &str) -> usize {
        if self.is_empty() {
            return 0;
        }
        let whole = self.whole_word();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        // Hits start words and do not overlap; a match inside a word hides none that starts
        // one (as the index counts them).
        let mut count = 0;
        let mut from = 0;
        while let Some(at) = self.finder.find(&hay.as_bytes()[from..]) {
            let i = from + at;
            let end = i + self.pattern.len();
            if !word(hay[..i].chars().next_back()) && (!whole || !word(hay[end..].chars().next())) {
                count += 1;
                from = end;
            } else {
                from = i + hay[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        count
    }

    /// Char ranges where the query occurs as written (after preparing), for in-article search.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        if self.is_empty() {
            return Vec::new();
        }
        let hay: Vec<char> = self.prepare(text).chars().collect();
        let pat: Vec<char> = self.pattern.chars().collect();
        let mut out = Vec::new();
        // A hit starts a word; a short pattern must be a whole word ("an" is not in "toàn").
        let whole = pat.len() < 4;
        let starts = |i: usize| i == 0 || !hay[i - 1].is_alphanumeric();
        let ends = |e: usize| e == hay.len() || !hay[e].is_alphanumeric();
        let mut i = 0;
        while i + pat.len() <= hay.len() {
            if hay[i..i + pat.len()] == pat[..] && starts(i) && (!whole || ends(i + pat.len())) {
                out.push((i, i + pat.len()));
                i += pat.len();
            } else {
                i += 1;
            }
        }
        out
    }
}

/// Text as a query of `mode` compares it; one char out for each char in.
fn prepare(mode: Mode, text: &str) -> String {
    match mode {
        Mode::Folded => fold(text),
        Mode::Cased => text
            .chars()
            .map(|c| {
                let f = crate::text::fold_char(c);
                if c.is_uppercase() {
                    f.to_uppercase().next().unwrap_or(f)
                } else {
                    f
                }
            })
            .collect(),
        Mode::Keyed => key(text),
        Mode::Exact => text.to_owned(),
    }
}

/// Where a query matched in a prepared haystack: a byte range, and whether it occurs there
/// as typed rather than with other chars among its letters.
struct Found {
    from: usize,
    to: usize,
    as_typed: bool,
}

/// How many chars a fuzzy match may skip between its first and last letter. A fixed number,
/// not a share of the query: then a query matching implies every prefix of it matching,
/// which lets the filter narrow the previous keystroke's results instead of starting over.
const MAX_SKIPPED: usize = 4;

/// The first match of `pattern`'s chars in order in `hay`, starting a word, with at most
/// `MAX_SKIPPED` other chars among them (the earliest char at each step), as the byte range
/// from its first matched char to the end of its last. A typist starts at the start of a
/// word; a match from inside one is a coincidence. Works on bytes: a char's bytes found at a char
/// boundary are that char, and chars are counted by their first bytes.
fn compact_match(text: &str, pattern: &str) -> Option<(usize, usize)> {
    let (hay, pat) = (text.as_bytes(), pattern.as_bytes());
    let first = pat.get(..utf8_len(*pat.first()?))?;
    let limit = pattern.chars().count() + MAX_SKIPPED;
    let mut from = 0;
    while let Some(offset) = memchr::memchr(first[0], &hay[from..]) {
        let start = from + offset;
        from = start + 1;
        // `start` holds a lead byte, so it is a char boundary.
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !starts_word || !hay[start..].starts_with(first) {
            continue;
        }
        let (mut want, mut chars, mut at) = (first.len(), 1, start + first.len());
        while want < pat.len() && at < hay.len() && chars < limit {
            let next = &pat[want..want + utf8_len(pat[want])];
            if hay[at..].starts_with(next) {
                want += next.len();
            }
            at += utf8_len(hay[at]);
            chars += 1;
        }
        if want == pat.len() {
            return Some((start, at));
        }
    }
    None
}

/// Bytes in the UTF-8 char that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Which of a–z and 0–9 occur in folded text, one bit each: a query needing a letter the
/// haystack lacks is turned away before any matching.
pub fn letters_of(folded: impl AsRef<[u8]>) -> u64 {
    // Which bytes occur, then which of them are letters and digits: marking a table is
    // several times quicker than testing each byte.
    let mut seen = [false; 256];
    for &b in folded.as_ref() {
        seen[usize::from(b)] = true;
    }
    let mut mask = 0;
    for (bit, b) in (b'a'..=b'z').chain(b'0'..=b'9').enumerate() {
        if seen[usize::from(b)] {
            mask |= 1 << bit;
        }
    }
    mask
}

pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

/// A haystack prepared for one mode of query, and the byte where its title part ends.
#[derive(Debug, Clone)]
struct Prepared {
    text: Box<str>,
    title_end: usize,
}

impl Prepared {
    fn new(mode: Mode, hay: &str, title_chars: usize) -> Prepared {
        Prepared::of(prepare(mode, hay).into_boxed_str(), title_chars)
    }

    /// A haystack already prepared, whose first `title_chars` chars are the title.
    fn of(text: Box<str>, title_chars: usize) -> Prepared {
        let title_end = text
            .char_indices()
            .nth(title_chars)
            .map_or(text.len(), |(b, _)| b);
        Prepared { text, title_end }
    }
}

/// An article made ready for the list filter: its haystack, folded when it is loaded, and in
/// the forms that queries with capitals or diacritics compare, each made the first time such
/// a query looks at this article. A keystroke prepares nothing twice.
#[derive(Debug, Clone)]
pub struct Searchable {
    /// The haystack as written: what queries with both capitals and diacritics compare.
    exact: Prepared,
    /// Chars of the display title, which opens the haystack.
    title_chars: usize,
    letters: u64,
    folded: Prepared,
    cased: OnceLock<Prepared>,
    keyed: OnceLock<Prepared>,
}

impl Searchable {
    pub fn new(article: &Article) -> Searchable {
        Searchable::with_folded(article, None)
    }

    /// As `new`, taking the folded haystack the cache kept with the article when it has one
    /// (folding was most of what a second start spent on each article).
    pub fn taking_folded(article: &mut Article) -> Searchable {
        let folded = article.take_folded();
        Searchable::with_folded(article, folded)
    }

    fn with_folded(article: &Article, folded: Option<Box<str>>) -> Searchable {
        let hay = haystack(article);
        let title_chars = article.display_title.chars().count();
        // A kept haystack was folded by this very build (the cache is keyed by it) from these
        // same fields.
        let folded = match folded {
            Some(text) => Prepared::of(text, title_chars),
            None => Prepared::new(Mode::Folded, &hay, title_chars),
        };
        Searchable {
            letters: letters_of(folded.text.as_bytes()),
            folded,
            exact: Prepared {
                text: hay.into_boxed_str(),
                title_end: article.display_title.len(),
            },
            title_chars,
            cased: OnceLock::new(),
            keyed: OnceLock::new(),
        }
    }

    /// An article's haystack (as `haystack` gives it), made elsewhere, and the same haystack
    /// already folded (`hay`, which is not folded again); `title` opens it.
    pub fn from_folded(exact: String, hay: &FoldedHay, title: &str) -> Searchable {
        Searchable {
            letters: hay.letters,
            folded: Prepared {
                text: hay.text.into(),
                title_end: hay.title_end,
            },
            exact: Prepared {
                text: exact.into_boxed_str(),
                title_end: title.len(),
            },
            title_chars: title.chars().count(),
            cased: OnceLock::new(),
            keyed: OnceLock::new(),
        }
    }

    /// The haystack as `mode` compares it.
    fn prepared(&self, mode: Mode) -> &Prepared {
        let cell = match mode {
            Mode::Folded => return &self.folded,
            Mode::Exact => return &self.exact,
            Mode::Cased => &self.cased,
            Mode::Keyed => &self.keyed,
        };
        cell.get_or_init(|| Prepared::new(mode, &self.exact.text, self.title_chars))
    }
}

/// The haystack as queries without capitals or diacritics compare it, kept by the cache.
pub fn folded_haystack(article: &Article) -> String {
    prepare(Mode::Folded, &haystack(article))
}

/// What the list filter matches an article on: its title first (so title indices are the
/// haystack's first chars), then source, date and the names of its entities.
pub fn haystack(article: &Article) -> String {
    haystack_of(
        &article.display_title,
        article.source.as_deref(),
        article.date(),
        &article.names,
    )
}

/// `haystack` from an article's display title, source, date and names.
pub fn haystack_of(title: &str, source: Option<&str>, date: &str, names: &str) -> String {
    let mut s = String::with_capacity(title.len() + names.len() + 60);
    for piece in haystack_pieces(title, source, date, names) {
        s.push_str(piece);
    }
    s
}

/// The pieces `haystack_of` joins, in order, the title first.
pub fn haystack_pieces<'a>(
    title: &'a str,
    source: Option<&'a str>,
    date: &'a str,
    names: &'a str,
) -> impl Iterator<Item = &'a str> {
    let parts = [source.unwrap_or(""), date, names];
    std::iter::once(title).chain(
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .flat_map(|p| [" · ", p]),
    )
}

/// An article's haystack folded (as `Searchable` folds it), made elsewhere: all that queries
/// typed without capitals or diacritics compare (`Plan::score_folded`).
#[derive(Debug, Clone, Copy)]
pub struct FoldedHay<'a> {
    pub text: &'a str,
    /// The byte where the title part ends.
    pub title_end: usize,
    /// `letters_of` the text.
    pub letters: u64,
}

/// One article that matched, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
    /// How many times the query occurs in the body.
    pub body_hits: usize,
    /// Whether the query matched as typed, rather than word by word.
    pub together: bool,
}

/// How often to ask whether a newer query has made this one pointless.
const CHECK_EVERY: usize = 1024;

/// The list filter: articles whose haystack (title, source, date, names) matches the query,
/// best first. Only the articles in `within` are tried, when given (the hits of a query this
/// one extends). Returns `None` as soon as `stale()` says a newer query has come. Which chars
/// matched is left to `TitleMarks`, for the rows on screen.
pub fn filter(
    searchables: &[Searchable],
    within: Option<&[usize]>,
    raw_query: &str,
    stale: &dyn Fn() -> bool,
) -> Option<Vec<Hit>> {
    let plan = Plan::new(raw_query);
    let matcher = matcher();
    // The candidates: the given indices, or every article, without listing them all.
    let total = within.map_or(searchables.len(), <[usize]>::len);
    let mut hits = Vec::new();
    for from in (0..total).step_by(CHECK_EVERY) {
        if stale() {
            return None;
        }
        for k in from..(from + CHECK_EVERY).min(total) {
            let index = within.map_or(k, |w| w[k]);
            let Some(s) = searchables.get(index) else {
                continue;
            };
            if let Some((score, together)) = plan.score_hay(&matcher, s) {
                hits.push(Hit {
                    index,
                    score,
                    body_hits: 0,
                    together,
                });
            }
        }
    }
    sort_hits(&mut hits);
    Some(hits)
}

/// The list filter's query made ready, once per list it produced, to mark the matched chars
/// of the titles on screen.
pub struct TitleMarks {
    plan: Plan,
    matcher: SkimMatcherV2,
}

impl TitleMarks {
    pub fn new(raw_query: &str) -> TitleMarks {
        TitleMarks {
            plan: Plan::new(raw_query),
            matcher: matcher(),
        }
    }

    /// The chars of `title` to mark: where the phrase matched, else where each of its
    /// words did.
    pub fn of(&self, title: &str) -> Vec<usize> {
        if let Some(indices) = self.plan.phrase.indices_in(&self.matcher, title) {
            return indices;
        }
        let mut marks: Vec<usize> = self
            .plan
            .words
            .iter()
            .filter_map(|w| w.indices_in(&self.matcher, title))
            .flatten()
            .collect();
        marks.sort_unstable();
        marks.dedup();
        marks
    }
}

/// Ranks articles for `docbao search`: the list filter's match on the haystack, and the
/// query's hits in the body counted (an article with body hits only is found too).
pub fn rank(articles: &[Article], searchables: &[Searchable], raw_query: &str) -> Vec<Hit> {
    let plan = Plan::new(raw_query);
    let matcher = matcher();
    let mut hits: Vec<Hit> = Vec::new();
    crate::article::each_with_content(articles, |index, _, content| {
        let Some(s) = searchables.get(index) else {
            return;
        };
        let body = content
            .body
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let body_hits = plan.body_hits(&body);
        let hay = plan.score_hay(&matcher, s);
        if hay.is_none() && body_hits == 0 {
            return;
        }
        let (score, together) = hay.unwrap_or((0, false));
        hits.push(Hit {
            index,
            score: score + 10 * body_hits as i64,
            body_hits,
            together: together || body_hits > 0,
        });
    });
    sort_hits(&mut hits);
    hits
}

/// Articles where the words occur together first, then by score, then in corpus order.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by_key(hit_order);
}

/// Where a hit stands among the others: see `sort_hits`.
pub fn hit_order(h: &Hit) -> (bool, std::cmp::Reverse<i64>, usize) {
    (!h.together, std::cmp::Reverse(h.score), h.index)
}

/// A query made ready once per keystroke: as a phrase, and word by word.
pub struct Plan {
    pub phrase: Query,
    /// "cong an lyon": when the words do not occur together, each must occur somewhere.
    pub words: Vec<Query>,
}

impl Plan {
    pub fn new(raw_query: &str) -> Plan {
        let words: Vec<Query> = raw_query.split_whitespace().map(Query::new).collect();
        Plan {
            phrase: Query::new(raw_query),
            words: if words.len() < 2 { Vec::new() } else { words },
        }
    }

    /// Whether a haystack with these letters (`letters_of` its folded form) could match, as
    /// `score_hay` would find it.
    pub fn could_match(&self, letters: u64) -> bool {
        self.phrase.letters & !letters == 0
            || (!self.words.is_empty() && self.words.iter().all(|w| w.letters & !letters == 0))
    }

    /// The score of an article's haystack, and whether the phrase matched as a whole.
    pub fn score_hay(&self, matcher: &SkimMatcherV2, s: &Searchable) -> Option<(i64, bool)> {
        self.score_by(|q| score_one(q, matcher, s))
    }

    /// `score_hay` of a haystack given folded: the whole haystack (`full`) is made only if a
    /// query typed with capitals or diacritics matches the folded one loosely, as it must to
    /// match at all.
    pub fn score_folded(
        &self,
        matcher: &SkimMatcherV2,
        hay: &FoldedHay,
        full: impl FnOnce(&FoldedHay) -> Searchable,
    ) -> Option<(i64, bool)> {
        let mut full = Some(full);
        let mut made: Option<Searchable> = None;
        self.score_by(|q| {
            if q.is_empty() {
                return Some(0);
            }
            if q.letters & !hay.letters != 0 {
                return None;
            }
            if let Some(loose) = &q.loose {
                loose.locate(hay.text)?;
            }
            if q.mode == Mode::Folded {
                return score_in(q, matcher, hay.text, hay.title_end);
            }
            let s = match &mut made {
                Some(s) => s,
                none => none.insert(full.take()?(hay)),
            };
            let prepared = s.prepared(q.mode);
            score_in(q, matcher, &prepared.text, prepared.title_end)
        })
    }

    /// The score of the phrase if it matches (`one` scoring a query), else the words' if
    /// they all do.
    fn score_by(&self, mut one: impl FnMut(&Query) -> Option<i64>) -> Option<(i64, bool)> {
        if let Some(score) = one(&self.phrase) {
            return Some((score, true));
        }
        if self.words.is_empty() {
            return None;
        }
        let mut total = 0;
        for w in &self.words {
            total += one(w)? / 2;
        }
        Some((total, false))
    }

    fn body_hits(&self, body: &str) -> usize {
        self.body_hits_by(|q| q.count_prepared(&q.prepare(body)))
    }

    /// How often the query occurs in a body, `count` telling how often one of its queries
    /// does: the phrase's hits, else (when the words are apart) each word's, if every word
    /// has some.
    pub fn body_hits_by(&self, mut count: impl FnMut(&Query) -> usize) -> usize {
        let phrase = count(&self.phrase);
        if phrase > 0 || self.words.is_empty() {
            return phrase;
        }
        let mut total = 0;
        for w in &self.words {
            match count(w) {
                0 => return 0,
                n => total += n,
            }
        }
        total
    }
}

/// One query against one article's haystack. A match in the title counts for more than one
/// in the names after it.
fn score_one(query: &Query, matcher: &SkimMatcherV2, s: &Searchable) -> Option<i64> {
    if query.is_empty() {
        return Some(0);
    }
    if query.letters & !s.letters != 0 {
        return None;
    }
    // A query typed with capitals or diacritics matches, folded, the folded haystack: if it
    // does not, the haystack need not be prepared for it.
    if let Some(loose) = &query.loose {
        loose.locate(&s.folded.text)?;
    }
    let hay = s.prepared(query.mode);
    score_in(query, matcher, &hay.text, hay.title_end)
}

/// A query's score in a haystack prepared for it, whose title part ends at `title_end`.
fn score_in(query: &Query, matcher: &SkimMatcherV2, text: &str, title_end: usize) -> Option<i64> {
    let found = query.locate(text)?;
    let score = query.score(matcher, text, &found)?;
    Some(
        score
            + if found.from < title_end {
                TITLE_BONUS
            } else {
                0
            },
    )
}

/// What a match in the title adds to its score.
const TITLE_BONUS: i64 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, text: &str) -> bool {
        Query::new(query).fuzzy(&matcher(), text).is_some()
    }

    #[test]
    fn letters_are_the_letters_and_digits_present() {
        let bit = |c: u8| match c {
            b'a'..=b'z' => 1u64 << (c - b'a'),
            _ => 1u64 << (26 + c - b'0'),
        };
        assert_eq!(letters_of(""), 0);
        assert_eq!(
            letters_of("a z 0 9"),
            bit(b'a') | bit(b'z') | bit(b'0') | bit(b'9')
        );
        // Capitals, punctuation and the bytes of other letters are not counted.
        assert_eq!(letters_of("AZ.-·ư"), 0);
        assert_eq!(letters_of("cong an 2025"), letters_of("ancong 5202"));
    }

    #[test]
    fn smart_diacritics_and_case() {
        let rows = [
            ("cong an", "Bộ Công an", true),
            ("da nang", "Đà Nẵng", true),
            ("Cong", "Bộ Công an", true),
            ("cong", "Cống thoát nước", true),
            ("Cống", "Bộ Công an", false),
            ("công", "Bộ Công an", true),
            ("Công", "bộ công an", false),
            ("hòa", "Khánh Hoà", true),
            ("CONG", "Bộ Công an", false),
        ];
        for (q, text, want) in rows {
            assert_eq!(matches(q, text), want, "{q:?} in {text:?}");
        }
    }

    #[test]
    fn indices_point_into_the_original_nfc_and_nfd() {
        use unicode_normalization::UnicodeNormalization;
        let title = "Đoàn Bộ Công an thăm Lyon";
        let (_, idx) = Query::new("cong an").fuzzy(&matcher(), title).unwrap();
        let chars: Vec<char> = title.chars().collect();
        let picked: String = idx.iter().map(|&i| chars[i]).collect();
        assert_eq!(fold(&picked), "cong an");
        let nfd: String = title.nfd().collect();
        let (_, idx_nfd) = Query::new("cong an")
            .fuzzy(&matcher(), &crate::text::sanitize(&nfd))
            .unwrap();
        assert_eq!(idx, idx_nfd);
    }

    #[test]
    fn scattered_letters_do_not_match() {
        assert!(matches("aseanapol", "Ban Thư ký ASEANAPOL"));
        assert!(matches("bcongan", "Bộ Công an"));
        assert!(!matches("aseanapol", "Ban Tổng thư ký · Interpol · Singapore · Đông Nam Á · Bắc Kinh · Lào · Cảnh sát · Việt Nam · Pháp · Lyon"));
    }

    #[test]
    fn words_apart_each_must_match() {
        let corpus = crate::corpus::Corpus::seeds();
        let hays: Vec<Searchable> = corpus.articles.iter().map(Searchable::new).collect();
        let hits = rank(&corpus.articles, &hays, "cong an lyon");
        let ids: Vec<&str> = hits
            .iter()
            .map(|h| corpus.articles[h.index].id.as_str())
            .collect();
        assert_eq!(ids, ["001_3f794fc9fcf5f613"]);
        assert!(rank(&corpus.articles, &hays, "cong an zzzz").is_empty());
    }

    #[test]
    fn bytes_are_found_as_their_text_is() {
        let hays = [
            "bo cong an",
            "thu truong bo cong an",
            "jurgen stock",
            "urquiza",
            "u r q u i z a",
            "da nang",
            "",
        ];
        for q in ["bo cong an", "cong", "urqza", "jurgen", "dn", "xyz", ""] {
            let query = Query::new(q);
            for hay in hays {
                assert_eq!(
                    query.finds_prepared(hay.as_bytes()),
                    query.locate(hay).is_some(),
                    "{q:?} in {hay:?}"
                );
            }
        }
        // Bytes that are not UTF-8 are found only as typed.
        let broken = b"bo cong an \xff";
        assert!(Query::new("cong").finds_prepared(broken));
        assert!(!Query::new("bcg").finds_prepared(broken));
    }

    #[test]
    fn compact_match_allows_four_chars_skipped() {
        let rows = [
            ("Bộ Công an", "bcongan", None),
            ("bo cong an", "bcongan", Some((0, 10))),
            ("hội nghị", "hộnghị", Some((0, "hội nghị".len()))),
            ("a1234b", "ab", Some((0, 6))),
            ("a12345b", "ab", None),
            ("a12345 ab", "ab", Some((7, 9))),
            ("ba1234b", "ab", None),
            ("ấa1234b", "ab", None),
            ("ấ a1234b", "ab", Some(("ấ ".len(), "ấ a1234b".len()))),
            ("đà nẵng", "đnẵ", Some((0, "đà nẵ".len()))),
            ("xyz", "", None),
        ];
        for (hay, pattern, want) in rows {
            assert_eq!(compact_match(hay, pattern), want, "{pattern:?} in {hay:?}");
        }
    }

    #[test]
    fn occurrences_in_body() {
        let q = Query::new("interpol");
        assert_eq!(
            q.occurrences("Interpol và INTERPOL"),
            vec![(0, 8), (12, 20)]
        );
        assert_eq!(Query::new("an").occurrences("toàn an ninh"), vec![(5, 7)]);
        assert_eq!(
            Query::new("interp").occurrences("xInterpol Interpol"),
            vec![(10, 16)]
        );
    }
}
