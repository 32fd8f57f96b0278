//! Names, roles and offices from the segments, merged as `corpus::index` makes them from the
//! articles: the same entries, spellings, counts and order.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::text::de::Str;

use crate::corpus::index::{Entry, Holder, Mention, Office, RoleSeen, Together, WITH};
use crate::extract::EntityKind;
use crate::search::Query;
use crate::text::{fold, nfc};

use super::segment::{Facts, Row, Rows, Section, Unusable};
use super::{FastMap, Lookup};

/// The entries and offices whose names might match a query, made whole and in the index's
/// order: `index::lookup` and `index::lookup_offices` pick from them as from the whole index.
#[derive(Debug, Default)]
pub struct Found {
    pub entries: Vec<Entry>,
    pub offices: Vec<Office>,
}

impl Lookup {
    /// The entries and offices a query could match (every one, without a query).
    pub fn facts(&mut self, raw_query: Option<&str>) -> Result<Found, Unusable> {
        let sections = self.read_all(Section::Facts)?;
        let facts: Vec<Facts<Str, &[u8]>> = self.decode_all(&sections)?;
        let rows = self.rows()?;
        // Matching the folded name is needed for matching the name in any mode.
        let query = raw_query.map(|q| Query::new(&fold(&nfc(q.trim()))));
        let wanted = |key: &str| query.as_ref().is_none_or(|q| q.finds_prepared(key));
        let merged = Merge {
            facts: &facts,
            rows: &rows,
            numbers: &self.numbers,
            people: std::sync::OnceLock::new(),
        };
        Ok(Found {
            entries: merged.entries(&wanted)?,
            offices: merged.offices(&wanted)?,
        })
    }
}

/// A person, organisation or place of the corpus, counted: what the corpus view lists before
/// one is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub kind: EntityKind,
    pub name: String,
    /// How often the corpus names it, and in how many articles.
    pub mentions: usize,
    pub articles: usize,
}

impl Lookup {
    /// Every person, organisation and place with how often they are named, in the index's
    /// order (as `index::build` orders its entries), without their articles.
    pub fn counted(&mut self) -> Result<Vec<Counted>, Unusable> {
        let sections = self.read_all(Section::Facts)?;
        let facts: Vec<Facts<Str, &[u8]>> = self.decode_all(&sections)?;
        let mut by_key: FastMap<(EntityKind, &str), (u32, &str, usize, usize)> = FastMap::default();
        for (f, facts) in facts.iter().enumerate() {
            for n in &facts.names {
                let Some(&first) = n.first.and_then(|a| self.numbers[f].get(a as usize)) else {
                    continue;
                };
                let seen = by_key
                    .entry((n.kind, n.key.0))
                    .or_insert((first, n.name.0, 0, 0));
                if first < seen.0 {
                    (seen.0, seen.1) = (first, n.name.0);
                }
                seen.2 += n.mentions as usize;
                seen.3 += n.articles as usize;
            }
        }
        let mut counted: Vec<Counted> = by_key
            .into_iter()
            .map(|((kind, _), (_, name, mentions, articles))| Counted {
                kind,
                name: name.to_owned(),
                mentions,
                articles,
            })
            .collect();
        counted.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.name.cmp(&b.name))
        });
        Ok(counted)
    }
}

struct Merge<'a> {
    facts: &'a [Facts<Str<'a>, &'a [u8]>],
    rows: &'a [Rows<Str<'a>>],
    numbers: &'a [Vec<u32>],
    /// Every person's first spelling in the corpus, by key, made the first time one is
    /// wanted (for the people named with another).
    people: std::sync::OnceLock<FastMap<&'a str, (u32, &'a str)>>,
}

/// Where a name is: in which folder, at which place in its names.
type Places = Vec<(usize, usize)>;

/// What a name match asks of a key.
type Wanted<'w> = &'w (dyn Fn(&str) -> bool + Sync);

impl<'a> Merge<'a> {
    fn row(&self, folder: usize, article: u32) -> Result<(u32, &Row<Str<'_>>), Unusable> {
        let number = self.numbers[folder]
            .get(article as usize)
            .ok_or(Unusable::Damaged)?;
        let row = self.rows[folder]
            .rows
            .get(article as usize)
            .ok_or(Unusable::Damaged)?;
        Ok((*number, row))
    }

    /// Every name whose key is wanted, with where it is.
    fn names(&self, wanted: Wanted) -> BTreeMap<(EntityKind, &str), Places> {
        let found: Vec<Vec<(EntityKind, &str, usize, usize)>> = self
            .facts
            .par_iter()
            .enumerate()
            .map(|(f, facts)| {
                facts
                    .names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| wanted(&n.key))
                    .map(|(i, n)| (n.kind, n.key.0, f, i))
                    .collect()
            })
            .collect();
        let mut names: BTreeMap<(EntityKind, &str), Places> = BTreeMap::new();
        for (kind, key, f, i) in found.into_iter().flatten() {
            names.entry((kind, key)).or_default().push((f, i));
        }
        names
    }

    /// The number in the corpus of the first article naming what is at `places`, and the
    /// spelling there.
    fn first(&self, places: &[(usize, usize)]) -> Option<(u32, &str)> {
        places
            .iter()
            .filter_map(|&(f, i)| {
                let n = &self.facts[f].names[i];
                let number = self.numbers[f].get(n.first? as usize)?;
                Some((*number, n.name.0))
            })
            .min_by_key(|(number, _)| *number)
    }

    fn entries(&self, wanted: Wanted) -> Result<Vec<Entry>, Unusable> {
        let names = self.names(wanted);
        let entries: Result<Vec<Option<Entry>>, Unusable> = names
            .par_iter()
            .map(|(&(kind, _), places)| self.entry(kind, places))
            .collect();
        let mut entries: Vec<Entry> = entries?.into_iter().flatten().collect();
        entries.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.mentions().cmp(&a.mentions()))
                .then(a.name.cmp(&b.name))
        });
        Ok(entries)
    }

    fn entry(
        &self,
        kind: EntityKind,
        places: &[(usize, usize)],
    ) -> Result<Option<Entry>, Unusable> {
        let Some((first, name)) = self.first(places) else {
            return Ok(None);
        };
        let mut articles: Vec<(u32, Mention)> = Vec::new();
        let mut roles: Vec<(u32, RoleSeen)> = Vec::new();
        let mut with: FastMap<&str, usize> = FastMap::default();
        for &(f, i) in places {
            let facts = &self.facts[f];
            let record = facts.record(i)?;
            for &(article, count) in &record.mentions {
                let (number, row) = self.row(f, article)?;
                articles.push((
                    number,
                    Mention {
                        id: row.id.0.to_owned(),
                        date: row.published.map(|p| p.0.to_owned()),
                        title: row.title.0.to_owned(),
                        count: count as usize,
                    },
                ));
            }
            for &(article, role) in &record.roles {
                let (number, row) = self.row(f, article)?;
                // A role counts once its person has been named (as the index reads them).
                if number >= first {
                    let role = facts.string(role)?.to_owned();
                    roles.push((
                        number,
                        RoleSeen {
                            role,
                            id: row.id.0.to_owned(),
                        },
                    ));
                }
            }
            for &(other, count) in &record.with {
                let other = facts.names.get(other as usize).ok_or(Unusable::Damaged)?;
                *with.entry(other.key.0).or_default() += count as usize;
            }
        }
        articles.sort_by_key(|(number, _)| *number);
        roles.sort_by_key(|(number, _)| *number);
        Ok(Some(Entry {
            kind,
            name: name.to_owned(),
            roles: roles.into_iter().map(|(_, r)| r).collect(),
            articles: articles.into_iter().map(|(_, m)| m).collect(),
            with: self.together(with),
        }))
    }

    /// The people most often named with one, by their first spelling.
    fn together(&self, with: FastMap<&str, usize>) -> Vec<Together> {
        let mut counts: Vec<(&str, usize)> = with.into_iter().collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        // Those tied with the last shown are ordered by name, so all of them are spelt.
        let Some(&(_, least)) = counts.get(WITH.min(counts.len()).saturating_sub(1)) else {
            return Vec::new();
        };
        let people = self.people.get_or_init(|| self.first_spellings());
        let mut named: Vec<Together> = counts
            .into_iter()
            .take_while(|&(_, n)| n >= least)
            .filter_map(|(key, n)| {
                let &(_, name) = people.get(key)?;
                Some(Together {
                    name: name.to_owned(),
                    articles: n,
                })
            })
            .collect();
        named.sort_by(|x, y| y.articles.cmp(&x.articles).then(x.name.cmp(&y.name)));
        named.truncate(WITH);
        named
    }

    /// Every person named, with the number of the first article naming them and its spelling.
    fn first_spellings(&self) -> FastMap<&'a str, (u32, &'a str)> {
        let mut people: FastMap<&'a str, (u32, &'a str)> = FastMap::default();
        let all: &'a [Facts<Str<'a>, &'a [u8]>] = self.facts;
        for (f, facts) in all.iter().enumerate() {
            for n in facts.names.iter().filter(|n| n.kind == EntityKind::Person) {
                let Some(&number) = n.first.and_then(|a| self.numbers[f].get(a as usize)) else {
                    continue;
                };
                let first = people.entry(n.key.0).or_insert((number, n.name.0));
                if number < first.0 {
                    *first = (number, n.name.0);
                }
            }
        }
        people
    }

    fn offices(&self, wanted: Wanted) -> Result<Vec<Office>, Unusable> {
        let mut by_key: BTreeMap<&str, Places> = BTreeMap::new();
        for (f, facts) in self.facts.iter().enumerate() {
            for (i, o) in facts.offices.iter().enumerate() {
                if wanted(&o.key) {
                    by_key.entry(o.key.0).or_default().push((f, i));
                }
            }
        }
        let offices: Result<Vec<Office>, Unusable> = by_key
            .into_par_iter()
            .map(|(_, places)| self.office(&places))
            .collect();
        let mut offices = offices?;
        offices.sort_by_cached_key(|o| {
            let mut names: Vec<String> = o.holders.iter().map(|h| fold(&h.person)).collect();
            names.sort_unstable();
            names.dedup();
            (std::cmp::Reverse(names.len()), o.role.clone())
        });
        Ok(offices)
    }

    fn office(&self, places: &[(usize, usize)]) -> Result<Office, Unusable> {
        let mut holders: Vec<(u32, Holder)> = Vec::new();
        let mut role: Option<(u32, &str)> = None;
        for &(f, i) in places {
            let facts = &self.facts[f];
            let o = &facts.offices[i];
            for &(article, person) in &o.holders {
                let (number, row) = self.row(f, article)?;
                if role.is_none_or(|(first, _)| number < first) {
                    role = Some((number, o.role.0));
                }
                holders.push((
                    number,
                    Holder {
                        person: facts.string(person)?.to_owned(),
                        id: row.id.0.to_owned(),
                        date: row.published.map(|p| p.0.to_owned()),
                    },
                ));
            }
        }
        holders.sort_by_key(|(number, _)| *number);
        let mut holders: Vec<Holder> = holders.into_iter().map(|(_, h)| h).collect();
        holders.sort_by(|x, y| {
            x.date
                .is_none()
                .cmp(&y.date.is_none())
                .then(x.date.cmp(&y.date))
        });
        Ok(Office {
            role: role.ok_or(Unusable::Damaged)?.1.to_owned(),
            holders,
        })
    }
}
