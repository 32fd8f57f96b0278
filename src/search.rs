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
        let mut query = Query {
            pattern: String::new(),
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
        self.fuzzy_prepared(matcher, &self.prepare(text))
    }

    /// `fuzzy` on text already `prepare`d for this query.
    fn fuzzy_prepared(&self, matcher: &SkimMatcherV2, hay: &str) -> Option<(i64, Vec<usize>)> {
        if self.is_empty() {
            return Some((0, Vec::new()));
        }
        // Typed letters that occur together need no fuzzy alignment: the common case, and
        // the fuzzy matcher is the slowest step of a keystroke.
        if let Some(at) = hay.find(self.pattern.as_str()) {
            let start = hay[..at].chars().count();
            let len = self.pattern.chars().count() as i64;
            let score = 20 * len + if start == 0 { 20 } else { 0 };
            return Some((score, (start..start + len as usize).collect()));
        }
        if !is_subsequence(&self.pattern, hay) {
            return None;
        }
        // A match scattered over a long haystack is a coincidence, not what was typed.
        let (score, indices) = matcher.fuzzy_indices(hay, &self.pattern)?;
        let len = self.pattern.chars().count();
        let spread = match (indices.first(), indices.last()) {
            (Some(first), Some(last)) => last - first + 1,
            _ => 0,
        };
        (spread <= 2 * len + 2).then_some((score, indices))
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

/// A cheap test that rejects most non-matches before the fuzzy matcher runs.
fn is_subsequence(pattern: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    pattern
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|p| hay.any(|h| h == p))
}

pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

/// An article made ready for matching once, when it is loaded: its haystack, and that and its
/// body folded, so that a keystroke in the filter folds nothing.
#[derive(Debug, Clone)]
pub struct Searchable {
    pub hay: String,
    body: String,
    hay_folded: String,
    body_folded: String,
}

impl Searchable {
    pub fn new(article: &Article) -> Searchable {
        let hay = haystack(article);
        let body = article
            .body
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        Searchable {
            hay_folded: fold(&hay),
            body_folded: fold(&body),
            hay,
            body,
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

/// Ranks articles against a query: fuzzy on the haystack, and body hits counted.
pub fn rank(articles: &[Article], searchables: &[Searchable], raw_query: &str) -> Vec<Hit> {
    let query = Query::new(raw_query);
    // "cong an lyon": when the words do not occur together, each must occur somewhere.
    let words: Vec<Query> = raw_query.split_whitespace().map(Query::new).collect();
    let matcher = matcher();
    let mut hits: Vec<Hit> = articles
        .iter()
        .zip(searchables)
        .enumerate()
        .filter_map(|(index, (article, hay))| {
            let phrase = match_one(&query, &matcher, hay);
            let together = phrase.is_some();
            let (score, indices, body_hits) = phrase.or_else(|| {
                if words.len() < 2 {
                    return None;
                }
                let mut total = (0, Vec::new(), 0);
                for w in &words {
                    let (score, indices, body_hits) = match_one(w, &matcher, hay)?;
                    total.0 += score / 2;
                    total.1.extend(indices);
                    total.2 += body_hits;
                }
                total.1.sort_unstable();
                total.1.dedup();
                Some(total)
            })?;
            let title_len = article.display_title.chars().count();
            Some(Hit {
                index,
                score,
                title_indices: indices.into_iter().filter(|&i| i < title_len).collect(),
                body_hits,
                together,
            })
        })
        .collect();
    // Articles where the words occur together come first.
    hits.sort_by(|a, b| {
        (b.together, b.score)
            .cmp(&(a.together, a.score))
            .then(a.index.cmp(&b.index))
    });
    hits
}

/// One query against one article: fuzzy on its haystack, exact (folded) in its body.
/// Returns the score, the haystack's matched chars and the body hits.
fn match_one(
    query: &Query,
    matcher: &SkimMatcherV2,
    s: &Searchable,
) -> Option<(i64, Vec<usize>, usize)> {
    let (body_hits, fuzzy) = if query.folds() {
        (
            query.count_prepared(&s.body_folded),
            query.fuzzy_prepared(matcher, &s.hay_folded),
        )
    } else {
        (
            query.count_prepared(&query.prepare(&s.body)),
            query.fuzzy(matcher, &s.hay),
        )
    };
    if fuzzy.is_none() && body_hits == 0 {
        return None;
    }
    let (score, indices) = fuzzy.unwrap_or((0, Vec::new()));
    Some((score + 10 * body_hits as i64, indices, body_hits))
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
