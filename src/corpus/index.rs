//! The corpus index: every person, organisation and place merged across articles (tolerant of
//! case, accents and tone-mark placement), with the roles found for people.

use std::collections::HashMap;
use std::sync::Arc;

/// foldhash instead of SipHash: the index hashes every name of every article.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use serde::Serialize;

use crate::article::{each_with_summary, Article, RoleGiven};
use crate::extract::EntityKind;
use crate::search::{matcher, Query};
use crate::text::fold;

/// A string of an article (its id, date or title, a role or a person it names), shared by
/// every mention, role and holder that gives it: a name in nearly every article of a large
/// corpus has hundreds of thousands of them, and an article's strings are made once.
pub type Shared = Arc<str>;

/// One mention of a name in an article.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mention {
    pub id: Shared,
    pub date: Option<Shared>,
    pub title: Shared,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RoleSeen {
    pub role: Shared,
    pub id: Shared,
}

/// A person, organisation or place, across the corpus.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntityKind,
    pub name: String,
    pub roles: Vec<RoleSeen>,
    pub articles: Vec<Mention>,
    /// For a person: the people named in the same articles, most often first.
    pub with: Vec<Together>,
}

/// Someone named in the same articles as an entry's person.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Together {
    pub name: String,
    pub articles: usize,
}

/// How many people are listed as appearing with a person.
pub const WITH: usize = 5;

/// An office, title or rank, with who held it where: a role's timeline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Office {
    pub role: String,
    /// In date order, undated last.
    pub holders: Vec<Holder>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Holder {
    pub person: Shared,
    pub id: Shared,
    pub date: Option<Shared>,
}

/// What the index says of an article beside a name: its id, date and title, made once and
/// shared by all its mentions, roles and holders.
pub struct Head {
    pub id: Shared,
    pub date: Option<Shared>,
    pub title: Shared,
}

impl Head {
    fn of(a: &Article) -> Head {
        Head {
            id: a.id.as_str().into(),
            date: a.published.as_deref().map(Shared::from),
            title: a.display_title.as_str().into(),
        }
    }
}

impl Entry {
    pub fn mentions(&self) -> usize {
        self.articles.iter().map(|m| m.count).sum()
    }

    /// The roles given, each once, in the order first given.
    pub fn roles_once(&self) -> Vec<&str> {
        once_each(self.roles.iter().map(|r| &*r.role))
    }
}

/// Each of these roles once, in the order first given (a person has a few roles, given in
/// thousands of articles).
pub fn once_each<'r>(roles: impl Iterator<Item = &'r str>) -> Vec<&'r str> {
    let mut once: Vec<&str> = Vec::new();
    for r in roles {
        if !once.contains(&r) {
            once.push(r);
        }
    }
    once
}

/// Builds the index, most-mentioned first within each kind.
pub fn build(articles: &[Article]) -> Vec<Entry> {
    let mut by_key: FastMap<(EntityKind, String), usize> = FastMap::default();
    let mut entries: Vec<Entry> = Vec::new();
    // Pairs of people named in one article, and in how many articles.
    let mut pairs: FastMap<(usize, usize), usize> = FastMap::default();
    each_with_summary(articles, |_, a, summary| {
        if summary.named.is_empty() && summary.roles.is_empty() {
            return;
        }
        let head = Head::of(a);
        let mut people: Vec<usize> = Vec::new();
        for named in &summary.named {
            let k = (named.kind, fold(&named.text));
            let slot = *by_key.entry(k).or_insert_with(|| {
                entries.push(Entry {
                    kind: named.kind,
                    name: named.text.clone(),
                    roles: Vec::new(),
                    articles: Vec::new(),
                    with: Vec::new(),
                });
                entries.len() - 1
            });
            if named.kind == EntityKind::Person && !people.contains(&slot) {
                people.push(slot);
            }
            entries[slot].articles.push(Mention {
                id: head.id.clone(),
                date: head.date.clone(),
                title: head.title.clone(),
                count: named.count as usize,
            });
        }
        for (i, &p) in people.iter().enumerate() {
            for &q in &people[i + 1..] {
                *pairs.entry((p.min(q), p.max(q))).or_default() += 1;
            }
        }
        for given in &summary.roles {
            if let Some(&slot) = by_key.get(&(EntityKind::Person, fold(&given.person))) {
                let seen = RoleSeen {
                    role: given.role.as_str().into(),
                    id: head.id.clone(),
                };
                // An article's roles come together, at the end: only they can repeat
                // this one (looking through all of them made 10,000 articles take 4 s).
                let roles = &mut entries[slot].roles;
                if !roles
                    .iter()
                    .rev()
                    .take_while(|r| r.id == head.id)
                    .any(|r| *r == seen)
                {
                    roles.push(seen);
                }
            }
        }
    });
    let mut with: FastMap<usize, Vec<(usize, usize)>> = FastMap::default();
    for (&(p, q), &n) in &pairs {
        with.entry(p).or_default().push((q, n));
        with.entry(q).or_default().push((p, n));
    }
    for (slot, others) in with {
        entries[slot].with = together(
            others
                .into_iter()
                .map(|(o, n)| Together {
                    name: entries[o].name.clone(),
                    articles: n,
                })
                .collect(),
        );
    }
    entries.sort_by(|a, b| {
        rank(a.kind, a.mentions(), &a.name).cmp(&rank(b.kind, b.mentions(), &b.name))
    });
    entries
}

/// Where an entry stands in the index: by kind, the most mentioned first, then by name.
pub fn rank(
    kind: EntityKind,
    mentions: usize,
    name: &str,
) -> (EntityKind, std::cmp::Reverse<usize>, &str) {
    (kind, std::cmp::Reverse(mentions), name)
}

/// The people named with someone as an entry lists them: the most often first, then by
/// name, `WITH` of them.
pub fn together(mut people: Vec<Together>) -> Vec<Together> {
    people.sort_by(|x, y| y.articles.cmp(&x.articles).then(x.name.cmp(&y.name)));
    people.truncate(WITH);
    people
}

/// Offices in the index's order, each one's holders in date order (undated last): the
/// offices held by the most people first, then by name.
pub fn order_offices(offices: &mut [Office]) {
    for o in offices.iter_mut() {
        o.holders.sort_by(|x, y| by_date(date_of(x), date_of(y)));
    }
    offices.sort_by_cached_key(|o| office_rank(&o.role, o.holders.iter().map(|h| &h.person)));
}

/// How two holders of an office are ordered by their articles' dates: in date order,
/// undated last. Dates are compared as bytes, as their strings compare.
pub fn by_date(x: Option<&[u8]>, y: Option<&[u8]>) -> std::cmp::Ordering {
    x.is_none().cmp(&y.is_none()).then(x.cmp(&y))
}

/// A date as `by_date` orders it, made to be compared mostly as one number: its first 16
/// bytes (all of "2024-05-01T08:30") as a big-endian number, then the bytes after them,
/// then its length (for a date shorter than 16 bytes that ends in zero bytes). For sorting
/// many holders, whose dates are compared again and again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateKey<'a> {
    undated: bool,
    head: u128,
    rest: &'a [u8],
    len: usize,
}

impl<'a> DateKey<'a> {
    pub fn of(date: Option<&'a [u8]>) -> DateKey<'a> {
        let Some(date) = date else {
            return DateKey {
                undated: true,
                head: 0,
                rest: &[],
                len: 0,
            };
        };
        let n = date.len().min(16);
        let mut head = [0; 16];
        head[..n].copy_from_slice(&date[..n]);
        DateKey {
            undated: false,
            head: u128::from_be_bytes(head),
            rest: &date[n..],
            len: date.len(),
        }
    }
}

impl Ord for DateKey<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.undated
            .cmp(&other.undated)
            .then(self.head.cmp(&other.head))
            // Most dates have nothing after their first 16 bytes: no call to compare nothing.
            .then_with(|| match (self.rest, other.rest) {
                ([], []) => std::cmp::Ordering::Equal,
                (x, y) => x.cmp(y),
            })
            .then(self.len.cmp(&other.len))
    }
}

impl PartialOrd for DateKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn date_of(h: &Holder) -> Option<&[u8]> {
    h.date.as_deref().map(str::as_bytes)
}

/// Where an office stands among the offices (`order_offices`): held by the most people
/// first, then by name. How many people held it is counted once per office, not at each
/// comparison, each spelling folded once (an office may have tens of thousands of holders,
/// a few people, whose names are mostly shared strings).
pub fn office_rank<'p>(
    role: &str,
    holders: impl Iterator<Item = &'p Shared>,
) -> (std::cmp::Reverse<usize>, String) {
    // Each string once (by where it is), then each spelling once.
    let mut shared: FastMap<*const u8, &str> = FastMap::default();
    for person in holders {
        shared.entry(person.as_ptr()).or_insert(person);
    }
    let spellings: std::collections::HashSet<&str, foldhash::fast::RandomState> =
        shared.into_values().collect();
    let people: std::collections::HashSet<String, foldhash::fast::RandomState> =
        spellings.into_iter().map(fold).collect();
    (std::cmp::Reverse(people.len()), role.to_owned())
}

/// Every office, title and rank given to someone, with its holders in date order: the
/// timeline of "Tổng Thư ký INTERPOL". Spellings that differ only in case, accents or
/// tone-mark placement are one office. Offices held by the most people come first.
pub fn offices(articles: &[Article]) -> Vec<Office> {
    let mut by_key: FastMap<String, usize> = FastMap::default();
    let mut offices: Vec<Office> = Vec::new();
    each_with_summary(articles, |_, a, summary| {
        if summary.roles.is_empty() {
            return;
        }
        let head = Head::of(a);
        for RoleGiven { person, role } in &summary.roles {
            let slot = *by_key.entry(fold(role)).or_insert_with(|| {
                offices.push(Office {
                    role: role.clone(),
                    holders: Vec::new(),
                });
                offices.len() - 1
            });
            let holders = &mut offices[slot].holders;
            let seen = holders
                .iter()
                .rev()
                .take_while(|h| h.id == head.id)
                .any(|h| fold(&h.person) == fold(person));
            if !seen {
                holders.push(Holder {
                    person: person.as_str().into(),
                    id: head.id.clone(),
                    date: head.date.clone(),
                });
            }
        }
    });
    order_offices(&mut offices);
    offices
}

/// Offices whose name matches the query, best first (as `lookup`).
pub fn lookup_offices<'a>(offices: &'a [Office], raw_query: &str) -> Vec<&'a Office> {
    best_matches(offices, raw_query, |o| &o.role, |o| o.holders.len())
}

/// Entries whose name matches the query (accent- and case-insensitive, fuzzy), best first.
pub fn lookup<'a>(entries: &'a [Entry], raw_query: &str) -> Vec<&'a Entry> {
    best_matches(entries, raw_query, |e| &e.name, Entry::mentions)
}

/// The items whose name matches the query, best first, the more `weight` the first among
/// equals. Only close matches are kept: a fuzzy hit far below the best is noise.
pub(crate) fn best_matches<'a, T>(
    items: &'a [T],
    raw_query: &str,
    name: impl Fn(&T) -> &str,
    weight: impl Fn(&T) -> usize,
) -> Vec<&'a T> {
    let query = Query::new(raw_query);
    let m = matcher();
    let mut scored: Vec<(i64, &T)> = items
        .iter()
        .filter_map(|item| query.fuzzy(&m, name(item)).map(|(s, _)| (s, item)))
        .collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    scored.retain(|(s, _)| *s * 2 >= best);
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(weight(b.1).cmp(&weight(a.1))));
    scored.into_iter().map(|(_, item)| item).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_key_orders_dates_as_their_bytes_do() {
        let dates: [Option<&[u8]>; 12] = [
            None,
            Some(b""),
            Some(b"\0"),
            Some(b"2024"),
            Some(b"2024\0"),
            Some(b"2024-"),
            Some(b"2024-05-01"),
            Some(b"2024-05-01T08:30"),
            Some(b"2024-05-01T08:30\0"),
            Some(b"2024-05-01T08:30:00"),
            Some(b"2024-05-01T08:31"),
            Some("2024-05-01T08:30 ngày".as_bytes()),
        ];
        for x in dates {
            for y in dates {
                assert_eq!(
                    super::DateKey::of(x).cmp(&super::DateKey::of(y)),
                    super::by_date(x, y),
                    "{x:?} {y:?}"
                );
            }
        }
    }

    use super::*;
    use crate::corpus::Corpus;
    use crate::extract::Fact;

    #[test]
    fn each_role_is_kept_once_per_article() {
        let seeds = Corpus::seeds().articles;
        let copies: Vec<Article> = (0..3)
            .flat_map(|k| {
                seeds.iter().cloned().map(move |mut a| {
                    a.id = format!("{}-{k}", a.id);
                    a
                })
            })
            .collect();
        let roles = |index: Vec<Entry>| {
            index
                .into_iter()
                .find(|e| e.name == "Jurgen Stock")
                .expect("indexed")
                .roles
        };
        let once = roles(build(&seeds));
        let thrice = roles(build(&copies));
        assert_eq!(thrice.len(), 3 * once.len());
        let mut seen = std::collections::HashSet::new();
        assert!(
            thrice.iter().all(|r| seen.insert((&r.role, &r.id))),
            "{thrice:?}"
        );
        // Within one article, a role stated twice is kept once.
        let stated: usize = seeds
            .iter()
            .map(|a| {
                a.facts()
                    .iter()
                    .filter(|f| matches!(f, Fact::Role { person, .. } if person == "Jurgen Stock"))
                    .count()
            })
            .sum();
        assert!(stated >= once.len());
    }

    #[test]
    fn offices_have_timelines_and_people_their_company() {
        let articles = Corpus::seeds().articles;
        let offices = offices(&articles);
        let secretary = lookup_offices(&offices, "tong thu ky interpol")[0];
        // "Tổng Thư ký Interpol" and "Tổng Thư ký INTERPOL" are one office, dated first.
        assert_eq!(fold(&secretary.role), "tong thu ky interpol");
        let holders: Vec<(&str, Option<&str>)> = secretary
            .holders
            .iter()
            .map(|h| (&*h.person, h.date.as_deref()))
            .collect();
        assert_eq!(
            holders,
            [
                ("Valdecy Urquiza", Some("2025-11-28")),
                ("Jurgen Stock", None)
            ]
        );
        // Offices held by the most people first.
        let most = offices[0].holders.len();
        assert!(offices.iter().all(|o| o.holders.len() <= most));
        let index = build(&articles);
        let thanh = index
            .iter()
            .find(|e| e.name == "Nguyễn Văn Thành")
            .expect("indexed");
        assert_eq!(
            thanh.with,
            [Together {
                name: "Jurgen Stock".to_owned(),
                articles: 1
            }]
        );
        let jurgen = index
            .iter()
            .find(|e| e.name == "Jurgen Stock")
            .expect("indexed");
        assert!(jurgen.with.iter().any(|t| t.name == "Tập Cận Bình"));
        assert!(jurgen.with.len() <= WITH);
        assert!(index
            .iter()
            .filter(|e| e.kind != EntityKind::Person)
            .all(|e| e.with.is_empty()));
    }

    #[test]
    fn merges_across_articles_and_spellings() {
        let corpus = Corpus::seeds();
        let index = build(&corpus.articles);
        let bca: Vec<&Entry> = index
            .iter()
            .filter(|e| fold(&e.name) == "bo cong an")
            .collect();
        assert_eq!(bca.len(), 1);
        assert!(bca[0].articles.len() >= 4, "{:?}", bca[0].articles);
        let found = lookup(&index, "jurgen stock");
        assert_eq!(found[0].name, "Jurgen Stock");
        assert!(found[0]
            .roles
            .iter()
            .any(|r| r.role.starts_with("Tổng Thư ký")));
    }
}
