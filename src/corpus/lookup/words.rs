//! `docbao search` from the segments: each article's haystack scored as the scan scores it,
//! and its body hits counted from the postings of the query's words.

use fst::{IntoStreamer, Streamer};

use crate::text::de::Raw;

use crate::search::{haystack_of, hit_order, matcher, FoldedHay, Hit, Plan, Query, Searchable};
use crate::text::fold;

use super::segment::{self, in_word, read_leb, Row, Rows, Section, Unusable, Words};
use super::{FastMap, Lookup};
use crate::article::{day, NAMES_APART};

/// The best articles a search found, best first, as `search::rank` ranks them, with their
/// rows.
#[derive(Debug, Default)]
pub struct Found {
    pub hits: Vec<(Hit, Row)>,
}

impl Lookup {
    /// The `limit` best articles matching `raw_query`, or `None` when its words cannot be
    /// counted from the postings (a query with punctuation between its letters, as "tp.hcm":
    /// the caller scans the articles).
    pub fn search(&mut self, raw_query: &str, limit: usize) -> Result<Option<Found>, Unusable> {
        let plan = Plan::new(raw_query);
        let Some(phrase) = Pattern::of(&plan.phrase) else {
            return Ok(None);
        };
        let Some(words) = plan
            .words
            .iter()
            .map(Pattern::of)
            .collect::<Option<Vec<_>>>()
        else {
            return Ok(None);
        };
        // Each folder's rows and words are read, searched and let go in turn.
        let found: Vec<Hits> = self.each_folder(Section::Words, |f, reading, bytes| {
            let words_of: Words<Raw, &[u8]> = segment::decode(bytes)?;
            let rows = &self.rows_of(f)?.rows;
            if words_of.ends.len() != rows.len()
                || words_of.letters.len() != rows.len()
                || words_of.titles_folded.len() != rows.len()
            {
                return Err(Unusable::Damaged);
            }
            let names = Names::of(&words_of)?;
            let terms = fst::Map::new(words_of.terms).map_err(|_| Unusable::Damaged)?;
            let read = |from: u64, len: u64| reading.postings(from, len, &words_of.blocks);
            let count = |p: &Pattern| p.counts(&terms, &read);
            let phrase_hits = count(&phrase)?;
            let word_hits = words.iter().map(count).collect::<Result<Vec<_>, _>>()?;
            let m = matcher();
            let mut hay = segment::FoldedJoin::default();
            // Set when a string read for a haystack as written is not text.
            let damaged = std::cell::Cell::new(false);
            let mut hits = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let mut queries = std::iter::once(&phrase_hits).chain(&word_hits);
                let body_hits = plan.body_hits_by(|_| {
                    queries
                        .next()
                        .and_then(|counts| counts.get(&(i as u32)))
                        .copied()
                        .unwrap_or(0)
                });
                let letters = words_of.letters[i];
                let hay = if plan.could_match(letters) {
                    // Its folded pieces, as the segment keeps them, one after another in one
                    // buffer; the haystack as written is made only for a query with capitals
                    // or diacritics that may match it.
                    let source = row.source.map(|s| segment::text(s.0)).transpose()?;
                    let date = day(row.published.map(|p| segment::text(p.0)).transpose()?);
                    let title_end = hay.join(
                        words_of.titles_folded[i].0,
                        source,
                        date,
                        names
                            .of_article(i)
                            .iter()
                            .map(|&p| words_of.named_folded[p as usize].0),
                    );
                    let hay = FoldedHay {
                        text: segment::text(&hay.text)?,
                        title_end,
                        // As the segment keeps them: `letters_of` the same haystack.
                        letters,
                    };
                    let scored = plan.score_folded(&m, &hay, |folded| {
                        let title = segment::text(row.title.0).unwrap_or_else(|_| {
                            damaged.set(true);
                            ""
                        });
                        let names = names.written(i).unwrap_or_else(|_| {
                            damaged.set(true);
                            String::new()
                        });
                        let exact = haystack_of(title, source, date, &names);
                        Searchable::from_folded(exact, folded, title)
                    });
                    if damaged.get() {
                        return Err(Unusable::Damaged);
                    }
                    scored
                } else {
                    None
                };
                if hay.is_none() && body_hits == 0 {
                    continue;
                }
                let (score, together) = hay.unwrap_or((0, false));
                hits.push((
                    Hit {
                        index: self.numbers[f][i] as usize,
                        score: score + 10 * body_hits as i64,
                        body_hits,
                        together: together || body_hits > 0,
                    },
                    f,
                    i,
                ));
            }
            Ok(hits)
        })?;
        let mut hits: Hits = found.into_iter().flatten().collect();
        hits.sort_unstable_by_key(|(h, _, _)| hit_order(h));
        hits.truncate(limit);
        // The rows of the hits kept, from their folders' rows read again (once each).
        let mut folders: Vec<usize> = hits.iter().map(|&(_, f, _)| f).collect();
        folders.sort_unstable();
        folders.dedup();
        let rows: FastMap<usize, Rows<Raw>> = folders
            .into_iter()
            .map(|f| Ok((f, self.rows_of(f)?)))
            .collect::<Result<_, Unusable>>()?;
        Ok(Some(Found {
            hits: hits
                .into_iter()
                .map(|(h, f, i)| Ok((h, rows[&f].rows[i].checked()?)))
                .collect::<Result<_, Unusable>>()?,
        }))
    }
}

/// A folder's hits, with the folder and the article's place in it.
type Hits = Vec<(Hit, usize, usize)>;

/// The names of a folder's articles, checked to be in `named`.
struct Names<'w> {
    words: &'w Words<Raw<'w>, &'w [u8]>,
}

impl<'w> Names<'w> {
    fn of(words: &'w Words<Raw<'w>, &'w [u8]>) -> Result<Names<'w>, Unusable> {
        // Every article's pieces are in `named`, and its ends in order.
        let mut start = 0;
        for &end in &words.ends {
            let pieces = words
                .names
                .get(start as usize..end as usize)
                .ok_or(Unusable::Damaged)?;
            if pieces.iter().any(|&p| p as usize >= words.named.len()) {
                return Err(Unusable::Damaged);
            }
            start = end;
        }
        if words.named_folded.len() != words.named.len() {
            return Err(Unusable::Damaged);
        }
        Ok(Names { words })
    }

    /// The pieces of the names of the article at `i` (checked when made).
    fn of_article(&self, i: usize) -> &'w [u32] {
        let start = i.checked_sub(1).map_or(0, |p| self.words.ends[p]);
        &self.words.names[start as usize..self.words.ends[i] as usize]
    }

    /// The names of the article at `i`, as written.
    fn written(&self, i: usize) -> Result<String, Unusable> {
        let pieces = self
            .of_article(i)
            .iter()
            .map(|&p| segment::text(self.words.named[p as usize].0))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(pieces.join(NAMES_APART))
    }
}

/// A query as words to find one after another, each single space apart.
struct Pattern<'q> {
    query: &'q Query,
    /// The words as the query compares them, and folded.
    words: Vec<(String, String)>,
}

impl<'q> Pattern<'q> {
    /// The query's words, if it is words parted by single spaces (what the postings can
    /// count); an empty query has none to count.
    fn of(query: &'q Query) -> Option<Pattern<'q>> {
        let pattern = query.pattern();
        if query.is_empty() {
            return Some(Pattern {
                query,
                words: Vec::new(),
            });
        }
        let mut words = Vec::new();
        for word in pattern.split(' ') {
            if word.is_empty() || !word.chars().all(|c| in_word(crate::text::fold_char(c))) {
                return None;
            }
            words.push((word.to_owned(), fold(word)));
        }
        Some(Pattern { query, words })
    }

    /// How often the query occurs in each article (by number in the folder) that has it: its
    /// words at positions one apart, the last one a word's start (or the whole word, for a
    /// short query), hits not overlapping.
    fn counts(
        &self,
        terms: &fst::Map<&[u8]>,
        read: &dyn Fn(u64, u64) -> Result<Vec<u8>, Unusable>,
    ) -> Result<FastMap<u32, usize>, Unusable> {
        let mut counts = FastMap::default();
        if self.words.is_empty() {
            return Ok(counts);
        }
        let last = self.words.len() - 1;
        let mut places: Vec<Vec<u64>> = Vec::with_capacity(self.words.len());
        for (k, (word, folded)) in self.words.iter().enumerate() {
            let prefix = k == last && !self.query.whole_word();
            // A word alone needs only how often it occurs in each article.
            let found = self.places(terms, read, word, folded, prefix, last > 0)?;
            if found.is_empty() {
                return Ok(counts);
            }
            places.push(found);
        }
        let article = |place: u64| (place >> 32) as u32;
        if let [only] = &places[..] {
            // A word alone: each of its places is a hit (one word at each place).
            for &tally in only {
                *counts.entry(article(tally)).or_insert(0) += (tally & 0xFFFF_FFFF) as usize;
            }
            return Ok(counts);
        }
        let n = self.words.len() as u64;
        // Where the last hit of the phrase in the current article ends.
        let mut free = 0u64;
        // How far each later word's places have been passed: the first word's places come in
        // order, so each list is walked once.
        let mut next = vec![0usize; places.len()];
        for &place in &places[0] {
            if place < free {
                continue;
            }
            let together = places[1..].iter().zip(1..).all(|(at, j)| {
                let want = place + j as u64;
                // Stepped through, not searched: the places wanted only grow, and each list
                // is walked once in all (a common word's places are most of its list).
                let from = &mut next[j];
                while at.get(*from).is_some_and(|&p| p < want) {
                    *from += 1;
                }
                at.get(*from) == Some(&want)
            });
            if together {
                *counts.entry(article(place)).or_insert(0) += 1;
                free = place + n;
            }
        }
        Ok(counts)
    }

    /// Where a word of the query is: the article (by number in the folder) times 2^32 plus the
    /// position, of every word written in a form that the query's mode takes for it (the
    /// whole word, or one starting with it), in order. Without `positions`, the article times
    /// 2^32 plus how often one such word occurs in it, for each of them (an article may come
    /// once for each form).
    fn places(
        &self,
        terms: &fst::Map<&[u8]>,
        read: &dyn Fn(u64, u64) -> Result<Vec<u8>, Unusable>,
        word: &str,
        folded: &str,
        prefix: bool,
        positions: bool,
    ) -> Result<Vec<u64>, Unusable> {
        let mut from = folded.as_bytes().to_vec();
        let mut to = from.clone();
        if prefix {
            to.push(0xFF);
        } else {
            from.push(0);
            to.push(1);
        }
        let mut stream = terms.range().ge(&from).lt(&to).into_stream();
        let mut places: Vec<u64> = Vec::new();
        while let Some((key, at)) = stream.next() {
            let key = std::str::from_utf8(key).map_err(|_| Unusable::Damaged)?;
            let Some((_, written)) = key.split_once('\0') else {
                return Err(Unusable::Damaged);
            };
            let seen = self.query.prepare(written);
            let fits = if prefix {
                seen.starts_with(word)
            } else {
                seen == word
            };
            if !fits {
                continue;
            }
            let postings = read(at >> 32, at & 0xFFFF_FFFF)?;
            // No more places than bytes: one allocation for them.
            places.reserve(postings.len());
            let leb = |at: &mut usize| read_leb(&postings, at).ok_or(Unusable::Damaged);
            let mut at = 0;
            let mut article = 0u64;
            while at < postings.len() {
                let head = leb(&mut at)?;
                article += head >> 1;
                let times = if head & 1 == 1 { 1 } else { leb(&mut at)? };
                if !positions {
                    for _ in 0..times {
                        leb(&mut at)?;
                    }
                    places.push(article << 32 | (times & 0xFFFF_FFFF));
                    continue;
                }
                let mut position = 0u64;
                for _ in 0..times {
                    position += leb(&mut at)?;
                    places.push(article << 32 | (position & 0xFFFF_FFFF));
                }
            }
        }
        if !positions {
            return Ok(places);
        }
        // Several words of the query's form are merged (a prefix's); a word is at one place.
        // Each word's places are in order already: a stable sort merges such runs.
        #[allow(clippy::stable_sort_primitive)]
        places.sort();
        places.dedup();
        Ok(places)
    }
}
