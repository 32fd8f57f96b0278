//! Accent-insensitive fuzzy matching. Text is folded one char to one char (lower case, tone
//! marks off, đ → d), so the matcher's char indices point straight back into the original.
//!
//! Smart diacritics, like smart case: a query without diacritics matches any; a query with them
//! must match them. A query with a capital must match case.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::corpus::Article;
use crate::extract::EntityKind;
use crate::text::{fold, has_diacritic, key, nfc};

/// How a query compares: which of case and diacritics it cares about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query as the haystack must be prepared to match it.
    pattern: String,
    /// The query folded: what any match must match in folded text, whatever the mode.
    folded: String,
    /// The letters and digits of `folded`, as `letters_of` gives them.
    letters: u64,
    diacritics: bool,
    case: bool,
}

impl Query {
    pub fn new(raw: &str) -> Query {
        let q = nfc(raw.trim());
        let diacritics = q.chars().any(|c| {
            has_diacritic(c) && !c.is_uppercase()
                || has_diacritic(c.to_lowercase().next().unwrap_or(c))
        });
        let case = q.chars().any(char::is_uppercase);
        let folded = fold(&q);
        let mut query = Query {
            pattern: String::new(),
            letters: letters_of(&folded),
            folded,
            diacritics,
            case,
        };
        query.pattern = query.prepare(&q);
        query
    }

    pub fn is_empty(&self) -> bool {
        self.pattern.is_empty()
    }

    /// Turns text into what this query compares against; one char out for each char in.
    pub fn prepare(&self, text: &str) -> String {
        match (self.diacritics, self.case) {
            (false, false) => fold(text),
            (false, true) => text
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
            (true, false) => key(text),
            (true, true) => text.to_owned(),
        }
    }

    /// Whether this query compares against plain folded text (no accents, no capitals typed).
    fn folds(&self) -> bool {
        !self.diacritics && !self.case
    }

    /// Fuzzy score and matched char indices of `text`, if it matches.
    pub fn fuzzy(&self, matcher: &SkimMatcherV2, text: &str) -> Option<(i64, Vec<usize>)> {
        fuzzy_in(&self.pattern, matcher, &self.prepare(text))
    }

    /// How often the query occurs in text already `prepare`d for it, by the rules of
    /// `occurrences`.
    fn count_prepared(&self, hay: &str) -> usize {
        if self.is_empty() {
            return 0;
        }
        let whole = self.pattern.chars().count() < 4;
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        hay.match_indices(self.pattern.as_str())
            .filter(|(i, m)| {
                !word(hay[..*i].chars().next_back())
                    && (!whole || !word(hay[i + m.len()..].chars().next()))
            })
            .count()
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

/// How many chars a fuzzy match may skip between its first and last letter. A fixed number,
/// not a share of the query: then a query matching implies every prefix of it matching,
/// which lets the filter narrow the previous keystroke's results instead of starting over.
const MAX_SKIPPED: usize = 4;

/// `pattern` in `hay`, both prepared alike: as typed if it occurs so, else fuzzily within a
/// short window, scored there by the fuzzy matcher. Returns the score and the matched char
/// indices of `hay`.
fn fuzzy_in(pattern: &str, matcher: &SkimMatcherV2, hay: &str) -> Option<(i64, Vec<usize>)> {
    if pattern.is_empty() {
        return Some((0, Vec::new()));
    }
    // Typed letters that occur together need no fuzzy alignment: the common case, and the
    // fuzzy matcher is the slowest step of a keystroke.
    if let Some(at) = hay.find(pattern) {
        let start = hay[..at].chars().count();
        let len = pattern.chars().count();
        let score = 20 * len as i64 + if start == 0 { 20 } else { 0 };
        return Some((score, (start..start + len).collect()));
    }
    // A match scattered over a long haystack is a coincidence, not what was typed; the
    // matcher scores the short window where the letters are close.
    let found = compact_match(hay, pattern)?;
    let (from, last) = (found[0], found[found.len() - 1]);
    let to = last + hay[last..].chars().next().map_or(1, char::len_utf8);
    let (score, indices) = matcher.fuzzy_indices(&hay[from..to], pattern)?;
    let offset = hay[..from].chars().count();
    Some((score, indices.into_iter().map(|i| i + offset).collect()))
}

/// The first match of `pattern`'s chars in order in `hay` with at most `MAX_SKIPPED` other
/// chars among them, as the byte offsets of the matched chars (the earliest at each step).
fn compact_match(hay: &str, pattern: &str) -> Option<Vec<usize>> {
    if pattern.is_ascii() {
        return compact_match_ascii(hay.as_bytes(), pattern.as_bytes());
    }
    let pat: Vec<char> = pattern.chars().collect();
    let limit = pat.len() + MAX_SKIPPED;
    for (start, _) in hay.match_indices(pat[0]) {
        let mut found = vec![start];
        for (n, (at, c)) in hay[start..].char_indices().enumerate().skip(1) {
            if found.len() == pat.len() || n >= limit {
                break;
            }
            if c == pat[found.len()] {
                found.push(start + at);
            }
        }
        if found.len() == pat.len() {
            return Some(found);
        }
    }
    None
}

/// `compact_match` for an ASCII pattern, on bytes: ASCII bytes never occur inside a
/// multi-byte char, and chars are counted by their first bytes.
fn compact_match_ascii(hay: &[u8], pat: &[u8]) -> Option<Vec<usize>> {
    let limit = pat.len() + MAX_SKIPPED;
    let mut from = 0;
    while let Some(offset) = hay[from..].iter().position(|&b| b == pat[0]) {
        let start = from + offset;
        let (mut want, mut chars) = (1, 1);
        let mut at = start + 1;
        while want < pat.len() && at < hay.len() {
            let b = hay[at];
            if b & 0xC0 != 0x80 {
                chars += 1;
                if chars > limit {
                    break;
                }
            }
            if b == pat[want] {
                want += 1;
            }
            at += 1;
        }
        if want == pat.len() {
            // Found: walk again to record where each letter was taken.
            let mut found = Vec::with_capacity(pat.len());
            let mut k = 0;
            for (i, &b) in hay[start..at].iter().enumerate() {
                if k < pat.len() && b == pat[k] {
                    found.push(start + i);
                    k += 1;
                }
            }
            return Some(found);
        }
        from = start + 1;
    }
    None
}

/// Which of a–z and 0–9 occur in folded text, one bit each: a query needing a letter the
/// haystack lacks is turned away before any matching.
fn letters_of(folded: &str) -> u64 {
    folded.bytes().fold(0, |m, b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'0'..=b'9' => m | 1 << (26 + b - b'0'),
        _ => m,
    })
}

pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

/// An article made ready for the list filter once, when it is loaded: its haystack, that
/// folded, and the letters it holds, so that a keystroke folds nothing.
#[derive(Debug, Clone)]
pub struct Searchable {
    pub hay: String,
    hay_folded: String,
    letters: u64,
    /// Chars of the display title, which opens the haystack.
    title_chars: usize,
}

impl Searchable {
    pub fn new(article: &Article) -> Searchable {
        let hay = haystack(article);
        let hay_folded = fold(&hay);
        Searchable {
            letters: letters_of(&hay_folded),
            hay_folded,
            hay,
            title_chars: article.display_title.chars().count(),
        }
    }
}

/// What the list filter matches an article on: its title first (so title indices are the
/// haystack's first chars), then source, date and the names of its entities.
pub fn haystack(article: &Article) -> String {
    let mut s = article.display_title.clone();
    for part in [article.source.as_deref().unwrap_or(""), article.date()] {
        if !part.is_empty() {
            s.push_str(" · ");
            s.push_str(part);
        }
    }
    for kind in [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
    ] {
        for name in crate::extract::distinct(&article.entities, kind) {
            s.push_str(" · ");
            s.push_str(name);
        }
    }
    s
}

/// One article that matched, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
    /// Matched char indices within the display title.
    pub title_indices: Vec<usize>,
    /// How many times the query occurs in the body.
    pub body_hits: usize,
    /// Whether the query matched as typed, rather than word by word.
    pub together: bool,
}

/// How often to ask whether a newer query has made this one pointless.
const CHECK_EVERY: usize = 1024;

/// The list filter: articles whose haystack (title, source, date, names) matches the query,
/// best first. Only the articles in `within` are tried, when given (the hits of a query this
/// one extends). Returns `None` as soon as `stale()` says a newer query has come.
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
            if let Some((score, indices, together)) = plan.match_hay(&matcher, s) {
                hits.push(Hit {
                    index,
                    score,
                    title_indices: indices.into_iter().filter(|&i| i < s.title_chars).collect(),
                    body_hits: 0,
                    together,
                });
            }
        }
    }
    sort_hits(&mut hits);
    Some(hits)
}

/// Ranks articles for `docbao search`: the list filter's match on the haystack, and the
/// query's hits in the body counted (an article with body hits only is found too).
pub fn rank(articles: &[Article], searchables: &[Searchable], raw_query: &str) -> Vec<Hit> {
    let plan = Plan::new(raw_query);
    let matcher = matcher();
    let mut hits: Vec<Hit> = articles
        .iter()
        .zip(searchables)
        .enumerate()
        .filter_map(|(index, (article, s))| {
            let body = article
                .body
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let body_hits = plan.body_hits(&body);
            let hay = plan.match_hay(&matcher, s);
            if hay.is_none() && body_hits == 0 {
                return None;
            }
            let (score, indices, together) = hay.unwrap_or((0, Vec::new(), false));
            Some(Hit {
                index,
                score: score + 10 * body_hits as i64,
                title_indices: indices.into_iter().filter(|&i| i < s.title_chars).collect(),
                body_hits,
                together: together || body_hits > 0,
            })
        })
        .collect();
    sort_hits(&mut hits);
    hits
}

/// Articles where the words occur together first, then by score, then in corpus order.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        (b.together, b.score)
            .cmp(&(a.together, a.score))
            .then(a.index.cmp(&b.index))
    });
}

/// A query made ready once per keystroke: as a phrase, and word by word.
struct Plan {
    phrase: Query,
    /// "cong an lyon": when the words do not occur together, each must occur somewhere.
    words: Vec<Query>,
}

impl Plan {
    fn new(raw_query: &str) -> Plan {
        let words: Vec<Query> = raw_query.split_whitespace().map(Query::new).collect();
        Plan {
            phrase: Query::new(raw_query),
            words: if words.len() < 2 { Vec::new() } else { words },
        }
    }

    /// Score, matched haystack chars, and whether the phrase matched as a whole.
    fn match_hay(
        &self,
        matcher: &SkimMatcherV2,
        s: &Searchable,
    ) -> Option<(i64, Vec<usize>, bool)> {
        if let Some((score, indices)) = match_one(&self.phrase, matcher, s) {
            return Some((score, indices, true));
        }
        if self.words.is_empty() {
            return None;
        }
        let mut total = (0, Vec::new(), false);
        for w in &self.words {
            let (score, indices) = match_one(w, matcher, s)?;
            total.0 += score / 2;
            total.1.extend(indices);
        }
        total.1.sort_unstable();
        total.1.dedup();
        Some(total)
    }

    fn body_hits(&self, body: &str) -> usize {
        let phrase = self.phrase.count_prepared(&self.phrase.prepare(body));
        if phrase > 0 || self.words.is_empty() {
            return phrase;
        }
        let counts: Vec<usize> = self
            .words
            .iter()
            .map(|w| w.count_prepared(&w.prepare(body)))
            .collect();
        if counts.contains(&0) {
            0
        } else {
            counts.iter().sum()
        }
    }
}

/// One query against one article's haystack: score and matched chars. A match in the title
/// counts for more than one in the names after it.
fn match_one(query: &Query, matcher: &SkimMatcherV2, s: &Searchable) -> Option<(i64, Vec<usize>)> {
    let (score, indices) = match_hay_of(query, matcher, s)?;
    let in_title = indices.first().is_some_and(|&i| i < s.title_chars);
    Some((score + if in_title { TITLE_BONUS } else { 0 }, indices))
}

/// What a match in the title adds to its score.
const TITLE_BONUS: i64 = 15;

fn match_hay_of(
    query: &Query,
    matcher: &SkimMatcherV2,
    s: &Searchable,
) -> Option<(i64, Vec<usize>)> {
    if query.is_empty() {
        return Some((0, Vec::new()));
    }
    // Every mode's match is a match of the folded query in the folded haystack, so the cheap
    // folded tests turn most articles away first.
    if query.letters & !s.letters != 0 {
        return None;
    }
    if query.folds() {
        return fuzzy_in(&query.pattern, matcher, &s.hay_folded);
    }
    fuzzy_in(&query.folded, matcher, &s.hay_folded)?;
    // Where the folded query occurs as typed, the original chars there decide: folding is one
    // char for one char, so the same chars of the haystack are compared. One walk over both.
    let len = query.folded.chars().count();
    let mut pairs = s
        .hay_folded
        .char_indices()
        .zip(s.hay.char_indices())
        .enumerate();
    for (at, _) in s.hay_folded.match_indices(query.folded.as_str()) {
        let Some((start, (_, (from, _)))) = pairs.find(|(_, ((f, _), _))| *f == at) else {
            break;
        };
        let to = s.hay[from..]
            .char_indices()
            .nth(len)
            .map_or(s.hay.len(), |(b, _)| from + b);
        if query.prepare(&s.hay[from..to]) == query.pattern {
            let score = 20 * len as i64 + if start == 0 { 20 } else { 0 };
            return Some((score, (start..start + len).collect()));
        }
    }
    query.fuzzy(matcher, &s.hay)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, text: &str) -> bool {
        Query::new(query).fuzzy(&matcher(), text).is_some()
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
