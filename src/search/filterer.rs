//! The list filter as a service: each keystroke's query is matched off the caller's thread,
//! a newer query abandons an older one, and a query that extends an earlier one (the user
//! typed another letter) searches only that one's hits. Small lists are filtered at once,
//! on the caller's thread, where a thread would only add latency.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use super::{self as search, Hit, Searchable};

/// Lists up to this long are filtered on the caller's thread: a few milliseconds at most.
pub const SYNC_UP_TO: usize = 3_000;

/// The hits of one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub generation: u64,
    pub query: String,
    pub hits: Vec<Hit>,
}

/// Earlier queries and which articles matched them. Matching is monotone (an article that
/// matches a query matches every prefix of it), so a longer query only looks at these, and
/// at the articles added since (as a folder loads, the same query is asked again after each
/// batch: it then looks at its own hits and the new articles, not the whole list again).
#[derive(Default)]
struct Narrowing {
    done: Vec<Remembered>,
}

/// A query's hits among the first `covered` articles, in list order.
struct Remembered {
    query: String,
    hits: Vec<usize>,
    covered: usize,
}

impl Narrowing {
    /// The articles `query` needs to look at in a list of `len`: the hits of the longest
    /// remembered query it extends, and the articles that query did not see.
    fn within(&self, query: &str, len: usize) -> Option<Vec<usize>> {
        let base = self
            .done
            .iter()
            .filter(|r| !r.query.trim().is_empty() && query.starts_with(r.query.as_str()))
            .max_by_key(|r| r.query.len())?;
        let mut within = base.hits.clone();
        within.extend(base.covered..len);
        Some(within)
    }

    fn remember(&mut self, query: &str, hits: &[Hit], covered: usize) {
        // Only the chain of prefixes of what is being typed is worth keeping (this query's
        // earlier answer is replaced).
        self.done
            .retain(|r| query.starts_with(r.query.as_str()) && r.query != query);
        let mut indices: Vec<usize> = hits.iter().map(|h| h.index).collect();
        indices.sort_unstable();
        self.done.push(Remembered {
            query: query.to_owned(),
            hits: indices,
            covered,
        });
    }

    fn run(
        &mut self,
        searchables: &[Searchable],
        query: &str,
        stale: &dyn Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        let within = self.within(query, searchables.len());
        let hits = search::filter(searchables, within.as_deref(), query, stale)?;
        self.remember(query, &hits, searchables.len());
        Some(hits)
    }
}

enum Mode {
    Sync {
        searchables: Vec<Searchable>,
        narrowing: Narrowing,
        ready: Option<Outcome>,
    },
    Background {
        requests: Sender<Message>,
        results: Receiver<Outcome>,
        latest: Arc<AtomicU64>,
    },
}

/// What the filter thread is asked to do, in order.
enum Message {
    /// More articles: they join the list; earlier hits cover the articles before them.
    Add(Vec<Searchable>),
    Query(u64, String),
}

/// Filters a list of articles, off the caller's thread when the list is long.
pub struct Filterer {
    mode: Mode,
    generation: u64,
    /// Whether a query was sent and its outcome has not been taken yet.
    pending: bool,
}

impl Filterer {
    pub fn new(searchables: Vec<Searchable>) -> Filterer {
        let mode = if searchables.len() <= SYNC_UP_TO {
            Mode::Sync {
                searchables,
                narrowing: Narrowing::default(),
                ready: None,
            }
        } else {
            spawn(searchables)
        };
        Filterer {
            mode,
            generation: 0,
            pending: false,
        }
    }

    /// Asks for the hits of `query`; the outcome comes from `take`.
    pub fn request(&mut self, query: &str) {
        self.generation += 1;
        self.pending = true;
        let generation = self.generation;
        match &mut self.mode {
            Mode::Sync {
                searchables,
                narrowing,
                ready,
            } => {
                let hits = narrowing
                    .run(searchables, query, &|| false)
                    .unwrap_or_default();
                *ready = Some(Outcome {
                    generation,
                    query: query.to_owned(),
                    hits,
                });
            }
            Mode::Background {
                requests, latest, ..
            } => {
                latest.store(generation, Ordering::SeqCst);
                // The worker lives as long as the filterer; a send fails only if it panicked,
                // and then the list simply stays as it was.
                let _ = requests.send(Message::Query(generation, query.to_owned()));
            }
        }
    }

    /// Adds articles to the end of the list (as a folder loads). Queries asked after this
    /// see them; an outcome already under way may not.
    pub fn extend(&mut self, more: Vec<Searchable>) {
        if more.is_empty() {
            return;
        }
        match &mut self.mode {
            Mode::Sync { searchables, .. } => {
                searchables.extend(more);
                if searchables.len() > SYNC_UP_TO {
                    let all = std::mem::take(searchables);
                    self.mode = spawn(all);
                }
            }
            Mode::Background { requests, .. } => {
                let _ = requests.send(Message::Add(more));
            }
        }
    }

    /// Drops whatever is under way: its outcome will not be taken.
    pub fn cancel(&mut self) {
        self.generation += 1;
        self.pending = false;
        if let Mode::Background { latest, .. } = &self.mode {
            latest.store(self.generation, Ordering::SeqCst);
        }
    }

    /// Whether an outcome is still to come.
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// The outcome of the newest query, if it is ready; older outcomes are dropped.
    pub fn take(&mut self) -> Option<Outcome> {
        let newest = match &mut self.mode {
            Mode::Sync { ready, .. } => ready.take(),
            Mode::Background { results, .. } => results.try_iter().last(),
        };
        let outcome = newest.filter(|o| o.generation == self.generation)?;
        self.pending = false;
        Some(outcome)
    }

    /// Waits for the newest query's outcome (for tests and scripts, not for the reader).
    pub fn wait(&mut self) -> Option<Outcome> {
        if let Mode::Background { results, .. } = &self.mode {
            while self.pending {
                let outcome = results.recv().ok()?;
                if outcome.generation == self.generation {
                    self.pending = false;
                    return Some(outcome);
                }
            }
            return None;
        }
        self.take()
    }
}

fn spawn(mut searchables: Vec<Searchable>) -> Mode {
    let (requests, inbox) = mpsc::channel::<Message>();
    let (outbox, results) = mpsc::channel();
    let latest = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&latest);
    thread::Builder::new()
        .name("docbao-filter".to_owned())
        .spawn(move || {
            let mut narrowing = Narrowing::default();
            while let Ok(first) = inbox.recv() {
                // Every article waiting is added; only the newest query waiting is matched.
                let mut request = None;
                for message in std::iter::once(first).chain(inbox.try_iter()) {
                    match message {
                        Message::Add(more) => searchables.extend(more),
                        Message::Query(generation, query) => request = Some((generation, query)),
                    }
                }
                let Some((generation, query)) = request else {
                    continue;
                };
                let stale = || seen.load(Ordering::SeqCst) != generation;
                if let Some(hits) = narrowing.run(&searchables, &query, &stale) {
                    let outcome = Outcome {
                        generation,
                        query,
                        hits,
                    };
                    if outbox.send(outcome).is_err() {
                        break;
                    }
                }
            }
        })
        .expect("spawn the filter thread");
    Mode::Background {
        requests,
        results,
        latest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::corpus::Corpus;

    fn many(n: usize) -> (Vec<Article>, Vec<Searchable>) {
        let seeds = Corpus::seeds().articles;
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                let mut a = seeds[i % seeds.len()].clone();
                a.display_title = format!("{} số {i}", a.display_title);
                a
            })
            .collect();
        let searchables = articles.iter().map(Searchable::new).collect();
        (articles, searchables)
    }

    #[test]
    fn background_and_sync_agree_and_narrowing_changes_nothing() {
        let (_, searchables) = many(SYNC_UP_TO + 500);
        let mut background = Filterer::new(searchables.clone());
        assert!(matches!(background.mode, Mode::Background { .. }));
        let mut typed = String::new();
        for c in "cong an".chars() {
            typed.push(c);
            background.request(&typed);
            let got = background.wait().expect("an outcome");
            assert_eq!(got.query, typed);
            // The same query from scratch, without narrowing, on this thread.
            let fresh = search::filter(&searchables, None, &typed, &|| false).expect("hits");
            assert_eq!(got.hits, fresh, "{typed:?}");
        }
    }

    #[test]
    fn a_newer_query_wins() {
        let (_, searchables) = many(SYNC_UP_TO + 500);
        let mut f = Filterer::new(searchables);
        f.request("interpol");
        f.request("zzqx");
        let got = f.wait().expect("an outcome");
        assert_eq!(got.query, "zzqx");
        assert!(got.hits.is_empty());
        assert!(!f.pending());
    }

    #[test]
    fn articles_added_while_loading_are_found_by_the_next_query() {
        let (_, all) = many(SYNC_UP_TO + 800);
        // Starts small (on this thread), grows past the limit (to a thread), grows again.
        let mut f = Filterer::new(all[..100].to_vec());
        f.request("cong");
        let small = f.take().expect("at once").hits.len();
        f.extend(all[100..SYNC_UP_TO + 200].to_vec());
        assert!(matches!(f.mode, Mode::Background { .. }));
        f.request("cong");
        let middle = f.wait().expect("an outcome");
        f.extend(all[SYNC_UP_TO + 200..].to_vec());
        f.request("cong an");
        f.request("cong");
        let got = f.wait().expect("an outcome");
        let fresh = search::filter(&all, None, "cong", &|| false).expect("hits");
        assert_eq!(
            got.hits, fresh,
            "narrowing from before the last articles came"
        );
        assert!(small < middle.hits.len() && middle.hits.len() < got.hits.len());
    }

    #[test]
    fn a_query_asked_again_as_articles_come_looks_at_its_hits_and_the_new_ones() {
        let (_, all) = many(900);
        let mut narrowing = Narrowing::default();
        let mut len = 300;
        for query in ["so 1", "so 12", "so 12", "so 1"] {
            let within = narrowing.within(query, len);
            let hits = narrowing.run(&all[..len], query, &|| false).expect("hits");
            let fresh = search::filter(&all[..len], None, query, &|| false).expect("hits");
            assert_eq!(hits, fresh, "{query:?} over {len}");
            if let Some(within) = within {
                // Fewer than all: the earlier hits, and every article added since.
                assert!(within.len() < len, "{query:?}");
                assert!(within.ends_with(&[len - 1]), "{query:?}");
            }
            len += 200;
        }
    }

    #[test]
    fn small_lists_are_filtered_at_once() {
        let (_, searchables) = many(10);
        let mut f = Filterer::new(searchables);
        f.request("interpol");
        let got = f.take().expect("ready at once");
        assert!(!got.hits.is_empty());
        assert!(f.take().is_none());
    }
}
