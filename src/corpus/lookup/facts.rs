//! Names, roles and offices from the segments, merged as `corpus::index` makes them from the
//! articles: the same entries, spellings, counts and order.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::text::de::Raw;

use crate::corpus::index::{
    self, Entry, Head, Holder, Mention, Office, RoleSeen, Shared, Together, WITH,
};
use crate::extract::EntityKind;
use crate::search::Query;
use crate::text::{fold, nfc};

use super::segment::{self, Facts, Row, Rows, Section, Unusable};
use super::{FastMap, Lookup};

/// The entries and offices whose names might match a query, made whole and in the index's
/// order: `index::lookup` and `index::lookup_offices` pick from them as from the whole index.
#[derive(Debug, Default)]
pub struct Found {
    pub entries: Vec<Entry>,
    pub offices: Vec<Office>,
}

impl Lookup {
    /// The entries and offices a query matches, made whole (every one, without a query):
    /// those `index::lookup` and `index::lookup_offices` would pick from the whole index,
    /// which pick the same from these. Only they are made whole: a name matched far below the
    /// best is left as soon as its counts are known.
    pub fn facts(&mut self, raw_query: Option<&str>) -> Result<Found, Unusable> {
        // Matching the folded name is needed for matching the name in any mode.
        let query = raw_query.map(|q| Query::new(&fold(&nfc(q.trim()))));
        let wanted =
            |_: EntityKind, key: &[u8]| query.as_ref().is_none_or(|q| q.finds_prepared(key));
        self.gather(&wanted, raw_query)
    }

    /// The entry of this kind and folded name, with its articles, if the corpus has it.
    pub fn entry(&mut self, kind: EntityKind, key: &str) -> Result<Option<Entry>, Unusable> {
        let wanted = |k: EntityKind, name: &[u8]| k == kind && name == key.as_bytes();
        let found = self.gather(&wanted, None)?;
        Ok(found.entries.into_iter().next())
    }

    /// The entries and offices whose kind and folded name are `wanted`, made whole; of them,
    /// with a query, only those `index::lookup` and `index::lookup_offices` would keep.
    fn gather(
        &mut self,
        wanted: &(dyn Fn(EntityKind, &[u8]) -> bool + Sync),
        query: Option<&str>,
    ) -> Result<Found, Unusable> {
        let picked = self.each_folder(Section::Facts, |_, _, bytes| {
            Picked::from(&segment::decode(bytes)?, wanted)
        })?;
        let rows = self.raw_rows()?;
        let mut merge = Merge {
            picked: &picked,
            rows: &rows,
            numbers: &self.numbers,
            names: merge_names(&picked),
            offices: merge_offices(&picked),
            heads: Vec::new(),
        };
        if let Some(q) = query {
            merge.keep_best(q);
        }
        merge.heads = merge.share_heads()?;
        // Side by side: one name or office can hold most of the work (a name in nearly every
        // article), which leaves a core idle within either.
        let (entries, offices) = rayon::join(|| merge.entries(), || merge.offices());
        let (mut entries, offices) = (entries?, offices?);
        // The people named with them are spelt as the corpus first spells them: looked for in
        // every folder, once for all.
        let mut keys: Vec<&str> = entries
            .iter()
            .flat_map(|(_, with)| with.iter().map(|(key, _)| *key))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let spelt = self.first_spellings(&keys)?;
        for (entry, with) in &mut entries {
            entry.with = together(with, &spelt);
        }
        Ok(Found {
            entries: entries.into_iter().map(|(e, _)| e).collect(),
            offices,
        })
    }

    /// The first spelling in the corpus of each of these people (by key).
    fn first_spellings(&self, keys: &[&str]) -> Result<FastMap<String, String>, Unusable> {
        if keys.is_empty() {
            return Ok(FastMap::default());
        }
        if let Some(spelt) = self.kept.spellings(keys) {
            return Ok(spelt);
        }
        let numbers = &self.numbers;
        let per_folder: Vec<Vec<(String, u32, String)>> =
            self.each_folder(Section::Facts, |f, _, bytes| {
                let facts: Facts<Raw, &[u8]> = segment::decode(bytes)?;
                let mut spelt = Vec::new();
                for key in keys {
                    let Ok(i) = facts.names.binary_search_by(|n| {
                        (n.kind, n.key.0).cmp(&(EntityKind::Person, key.as_bytes()))
                    }) else {
                        continue;
                    };
                    let n = &facts.names[i];
                    let Some(&first) = n.first.and_then(|a| numbers[f].get(a as usize)) else {
                        continue;
                    };
                    spelt.push((
                        (*key).to_owned(),
                        first,
                        segment::text(n.name.0)?.to_owned(),
                    ));
                }
                Ok(spelt)
            })?;
        let mut spelt: FastMap<String, (u32, String)> = FastMap::default();
        for (key, first, name) in per_folder.into_iter().flatten() {
            match spelt.get_mut(&key) {
                Some(seen) if seen.0 <= first => {}
                Some(seen) => *seen = (first, name),
                None => {
                    spelt.insert(key, (first, name));
                }
            }
        }
        Ok(spelt.into_iter().map(|(k, (_, name))| (k, name)).collect())
    }
}

/// What one folder gives a facts lookup: the names and offices wanted, read out of its
/// section, with the strings they point to.
struct Picked {
    names: Vec<PickedName>,
    offices: Vec<PickedOffice>,
}

struct PickedName {
    kind: EntityKind,
    key: String,
    name: String,
    first: Option<u32>,
    mentions: Vec<(u32, u32)>,
    roles: Vec<(u32, Shared)>,
    /// The people named in the same articles (by key), and in how many.
    with: Vec<(String, u32)>,
}

struct PickedOffice {
    key: String,
    role: String,
    holders: Vec<(u32, Shared)>,
}

impl Picked {
    fn from(
        facts: &Facts<Raw, &[u8]>,
        wanted: &(dyn Fn(EntityKind, &[u8]) -> bool + Sync),
    ) -> Result<Picked, Unusable> {
        // Each string is made once for the folder, and shared by the roles and holders that
        // give it (an office may have thousands of holders and a few people).
        let mut shared: FastMap<u32, Shared> = FastMap::default();
        let mut share = |i: u32| -> Result<Shared, Unusable> {
            if let Some(s) = shared.get(&i) {
                return Ok(s.clone());
            }
            let s = Shared::from(facts.string(i)?);
            shared.insert(i, s.clone());
            Ok(s)
        };
        let mut names = Vec::new();
        for (i, head) in facts.names.iter().enumerate() {
            if !wanted(head.kind, head.key.0) {
                continue;
            }
            let record = facts.record(i)?;
            let roles = record
                .roles
                .iter()
                .map(|&(article, role)| Ok((article, share(role)?)))
                .collect::<Result<_, Unusable>>()?;
            let with = record
                .with
                .iter()
                .map(|&(other, count)| {
                    let other = facts.names.get(other as usize).ok_or(Unusable::Damaged)?;
                    Ok((segment::text(other.key.0)?.to_owned(), count))
                })
                .collect::<Result<_, Unusable>>()?;
            names.push(PickedName {
                kind: head.kind,
                key: segment::text(head.key.0)?.to_owned(),
                name: segment::text(head.name.0)?.to_owned(),
                first: head.first,
                mentions: record.mentions,
                roles,
                with,
            });
        }
        let mut offices = Vec::new();
        // Offices are looked up by a query only.
        for o in facts
            .offices
            .iter()
            .filter(|o| wanted(EntityKind::Role, o.key.0))
        {
            offices.push(PickedOffice {
                key: segment::text(o.key.0)?.to_owned(),
                role: segment::text(o.role.0)?.to_owned(),
                holders: o
                    .holders
                    .iter()
                    .map(|&(article, person)| Ok((article, share(person)?)))
                    .collect::<Result<_, Unusable>>()?,
            });
        }
        Ok(Picked { names, offices })
    }
}

/// The strings of a row that a lookup gives beside a name.
fn head_of(row: &Row<Raw>) -> Result<Head, Unusable> {
    Ok(Head {
        id: segment::text(row.id.0)?.into(),
        date: row
            .published
            .map(|r| segment::text(r.0).map(Shared::from))
            .transpose()?,
        title: segment::text(row.title.0)?.into(),
    })
}

/// The people most often named with one, spelt as the corpus first spells them.
fn together(with: &[(&str, usize)], spelt: &FastMap<String, String>) -> Vec<Together> {
    index::together(
        with.iter()
            .filter_map(|&(key, n)| {
                Some(Together {
                    name: spelt.get(key)?.clone(),
                    articles: n,
                })
            })
            .collect(),
    )
}

/// A person, organisation or place of the corpus, counted: what the corpus view lists before
/// one is opened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counted {
    pub kind: EntityKind,
    pub name: String,
    /// How often the corpus names it, and in how many articles.
    pub mentions: usize,
    pub articles: usize,
}

impl Lookup {
    /// Every person, organisation and place with how often they are named, in the index's
    /// order (as `index::build` orders its entries), without their articles: as kept for this
    /// corpus, else merged from the segments and kept.
    pub fn counted(&mut self) -> Result<Vec<Counted>, Unusable> {
        if let Some(list) = self.kept.read() {
            return Ok(list);
        }
        let (list, keys) = self.count()?;
        // Not kept, it is merged again next time.
        let _ = self.kept.write(&list, &keys);
        Ok(list)
    }

    /// Merges and keeps `counted` unless a list was kept for this corpus already: for a
    /// reader that has just read the folders, so that its corpus view finds it ready.
    pub fn keep_counted(&self) -> Result<(), Unusable> {
        if !self.kept.is_current() {
            let (list, keys) = self.count()?;
            let _ = self.kept.write(&list, &keys);
        }
        Ok(())
    }

    /// `counted`, merged from the segments, with each name's key.
    fn count(&self) -> Result<(Vec<Counted>, Vec<String>), Unusable> {
        let sections = self.read_all(Section::Facts)?;
        let facts: Vec<Facts<Raw, &[u8]>> = self.decode_all(&sections)?;
        let mut by_key: FastMap<(EntityKind, &[u8]), FirstAndCounts> = FastMap::default();
        for (f, facts) in facts.iter().enumerate() {
            for n in &facts.names {
                let Some(&first) = n.first.and_then(|a| self.numbers[f].get(a as usize)) else {
                    continue;
                };
                let seen = by_key
                    .entry((n.kind, n.key.0))
                    .or_insert((first, n.name, 0, 0));
                if first < seen.0 {
                    (seen.0, seen.1) = (first, n.name);
                }
                seen.2 += n.mentions as usize;
                seen.3 += n.articles as usize;
            }
        }
        let mut counted: Vec<(Counted, String)> = by_key
            .into_iter()
            .map(|((kind, key), (_, name, mentions, articles))| {
                let counted = Counted {
                    kind,
                    name: segment::text(name.0)?.to_owned(),
                    mentions,
                    articles,
                };
                Ok((counted, segment::text(key)?.to_owned()))
            })
            .collect::<Result<_, Unusable>>()?;
        counted.sort_by(|(a, _), (b, _)| {
            index::rank(a.kind, a.mentions, &a.name).cmp(&index::rank(b.kind, b.mentions, &b.name))
        });
        Ok(counted.into_iter().unzip())
    }
}

/// A name merged for the corpus view: the first article naming it, as spelt there, and how
/// often and in how many articles it is named.
type FirstAndCounts<'a> = (u32, Raw<'a>, usize, usize);

struct Merge<'a> {
    picked: &'a [Picked],
    rows: &'a [Rows<Raw<'a>>],
    numbers: &'a [Vec<u32>],
    /// Where each name and office picked is, in every folder.
    names: BTreeMap<(EntityKind, &'a str), Places>,
    offices: BTreeMap<&'a str, Places>,
    /// The id, date and title of each article the names and offices kept are given in, by
    /// folder and place there (`share_heads`).
    heads: Vec<Vec<Option<Head>>>,
}

/// Where each name picked is, in every folder, by kind and key.
fn merge_names(picked: &[Picked]) -> BTreeMap<(EntityKind, &str), Places> {
    let mut names: BTreeMap<(EntityKind, &str), Places> = BTreeMap::new();
    for (f, picked) in picked.iter().enumerate() {
        for (i, n) in picked.names.iter().enumerate() {
            names
                .entry((n.kind, n.key.as_str()))
                .or_default()
                .push((f, i));
        }
    }
    names
}

/// Where each office picked is, in every folder, by key.
fn merge_offices(picked: &[Picked]) -> BTreeMap<&str, Places> {
    let mut by_key: BTreeMap<&str, Places> = BTreeMap::new();
    for (f, picked) in picked.iter().enumerate() {
        for (i, o) in picked.offices.iter().enumerate() {
            by_key.entry(o.key.as_str()).or_default().push((f, i));
        }
    }
    by_key
}

/// A name or office by what a lookup picks it by: how it is first spelt, and its weight.
struct Light<'a> {
    name: &'a str,
    weight: usize,
}

/// Keeps in `places` only what `index::best_matches` keeps of `lights` for `query`.
fn retain_best<K: Ord + Copy>(
    places: &mut BTreeMap<K, Places>,
    lights: &[(K, Light)],
    query: &str,
) {
    let kept = index::best_matches(lights, query, |(_, l)| l.name, |(_, l)| l.weight);
    let kept: std::collections::BTreeSet<K> = kept.into_iter().map(|(key, _)| *key).collect();
    places.retain(|key, _| kept.contains(key));
}

/// An entry, and the people named with it (by key, with how many articles) still to be spelt.
type Unspelt<'a> = (Entry, Vec<(&'a str, usize)>);

/// Where a name is: in which folder, at which place among the names picked there.
type Places = Vec<(usize, usize)>;

impl<'a> Merge<'a> {
    /// An article of a folder: its number in the corpus, and its id, date and title.
    fn head(&self, folder: usize, article: u32) -> Result<(u32, &Head), Unusable> {
        let number = self.numbers[folder]
            .get(article as usize)
            .ok_or(Unusable::Damaged)?;
        let head = self.heads[folder]
            .get(article as usize)
            .and_then(Option::as_ref)
            .ok_or(Unusable::Damaged)?;
        Ok((*number, head))
    }

    /// The id, date and title of every article the names and offices kept are given in,
    /// made once each for all their mentions, roles and holders (a name in nearly every
    /// article has hundreds of thousands of them).
    fn share_heads(&self) -> Result<Vec<Vec<Option<Head>>>, Unusable> {
        let mut given: Vec<Vec<u32>> = vec![Vec::new(); self.picked.len()];
        for &(f, i) in self.names.values().flatten() {
            let n = &self.picked[f].names[i];
            given[f].extend(n.mentions.iter().map(|&(article, _)| article));
            given[f].extend(n.roles.iter().map(|&(article, _)| article));
        }
        for &(f, i) in self.offices.values().flatten() {
            let o = &self.picked[f].offices[i];
            given[f].extend(o.holders.iter().map(|&(article, _)| article));
        }
        given
            .into_par_iter()
            .enumerate()
            .map(|(f, articles)| {
                let rows = &self.rows[f].rows;
                let mut heads: Vec<Option<Head>> = Vec::new();
                if !articles.is_empty() {
                    heads.resize_with(rows.len(), || None);
                }
                for article in articles {
                    let head = heads.get_mut(article as usize).ok_or(Unusable::Damaged)?;
                    if head.is_none() {
                        *head = Some(head_of(&rows[article as usize])?);
                    }
                }
                Ok(heads)
            })
            .collect()
    }

    /// Keeps only the names and offices `index::lookup` and `index::lookup_offices` would
    /// keep for `query`, judged by how they are first spelt and how often they are named, as
    /// those judge the whole entries.
    fn keep_best(&mut self, query: &str) {
        let names: Vec<((EntityKind, &'a str), Light<'a>)> = self
            .names
            .iter()
            .filter_map(|(&key, places)| {
                let (_, name) = self.first_name(places)?;
                let weight = places
                    .iter()
                    .flat_map(|&(f, i)| &self.picked[f].names[i].mentions)
                    .map(|&(_, count)| count as usize)
                    .sum();
                Some((key, Light { name, weight }))
            })
            .collect();
        retain_best(&mut self.names, &names, query);

        let offices: Vec<(&'a str, Light<'a>)> = self
            .offices
            .iter()
            .filter_map(|(&key, places)| {
                let (_, name) = self.first_role(places)?;
                let weight = places
                    .iter()
                    .map(|&(f, i)| self.picked[f].offices[i].holders.len())
                    .sum();
                Some((key, Light { name, weight }))
            })
            .collect();
        retain_best(&mut self.offices, &offices, query);
    }

    /// The article that first names a name picked at `places` (its number in the corpus),
    /// and the name as it is spelt there.
    fn first_name(&self, places: &[(usize, usize)]) -> Option<(u32, &'a str)> {
        let picked: &'a [Picked] = self.picked;
        places
            .iter()
            .filter_map(|&(f, i)| {
                let n = &picked[f].names[i];
                let number = self.numbers[f].get(n.first? as usize)?;
                Some((*number, n.name.as_str()))
            })
            .min_by_key(|(number, _)| *number)
    }

    /// The article that first gives an office picked at `places` (its number in the
    /// corpus), and the office as it is written there.
    fn first_role(&self, places: &[(usize, usize)]) -> Option<(u32, &'a str)> {
        let picked: &'a [Picked] = self.picked;
        places
            .iter()
            .flat_map(|&(f, i)| {
                let o = &picked[f].offices[i];
                o.holders
                    .iter()
                    .filter_map(move |&(article, _)| self.numbers[f].get(article as usize))
                    .map(|&number| (number, o.role.as_str()))
            })
            .min_by_key(|(number, _)| *number)
    }

    /// The entries, in the index's order, each with the people named with it (by key) that
    /// may be shown: the most often, and all those tied with the last.
    fn entries(&self) -> Result<Vec<Unspelt<'a>>, Unusable> {
        let entries: Result<Vec<Option<_>>, Unusable> = self
            .names
            .par_iter()
            .map(|(&(kind, _), places)| self.entry(kind, places))
            .collect();
        let mut entries: Vec<_> = entries?.into_iter().flatten().collect();
        entries.sort_by(|(a, _), (b, _)| {
            index::rank(a.kind, a.mentions(), &a.name).cmp(&index::rank(
                b.kind,
                b.mentions(),
                &b.name,
            ))
        });
        Ok(entries)
    }

    fn entry(
        &self,
        kind: EntityKind,
        places: &[(usize, usize)],
    ) -> Result<Option<Unspelt<'a>>, Unusable> {
        let picked: &'a [Picked] = self.picked;
        let Some((first, name)) = self.first_name(places) else {
            return Ok(None);
        };
        // Made to measure: a name in most articles has tens of thousands of mentions.
        let mentions = places
            .iter()
            .map(|&(f, i)| picked[f].names[i].mentions.len());
        let mut articles: Vec<(u32, Mention)> = Vec::with_capacity(mentions.sum());
        let mut roles: Vec<(u32, RoleSeen)> = Vec::new();
        let mut with: FastMap<&'a str, usize> = FastMap::default();
        for &(f, i) in places {
            let n = &picked[f].names[i];
            for &(article, count) in &n.mentions {
                let (number, head) = self.head(f, article)?;
                articles.push((
                    number,
                    Mention {
                        id: head.id.clone(),
                        date: head.date.clone(),
                        title: head.title.clone(),
                        count: count as usize,
                    },
                ));
            }
            for (article, role) in &n.roles {
                let (number, head) = self.head(f, *article)?;
                // A role counts once its person has been named (as the index reads them).
                if number >= first {
                    roles.push((
                        number,
                        RoleSeen {
                            role: role.clone(),
                            id: head.id.clone(),
                        },
                    ));
                }
            }
            for (other, count) in &n.with {
                *with.entry(other.as_str()).or_default() += *count as usize;
            }
        }
        articles.sort_by_key(|(number, _)| *number);
        roles.sort_by_key(|(number, _)| *number);
        let mut counts: Vec<(&str, usize)> = with.into_iter().collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        // Those tied with the last shown are ordered by name, so all of them are kept.
        if let Some(&(_, least)) = counts.get(WITH.min(counts.len()).saturating_sub(1)) {
            counts.retain(|&(_, n)| n >= least);
        }
        Ok(Some((
            Entry {
                kind,
                name: name.to_owned(),
                roles: roles.into_iter().map(|(_, r)| r).collect(),
                articles: articles.into_iter().map(|(_, m)| m).collect(),
                with: Vec::new(),
            },
            counts,
        )))
    }

    fn offices(&self) -> Result<Vec<Office>, Unusable> {
        let offices: Result<Vec<Office>, Unusable> = self
            .offices
            .par_iter()
            .map(|(_, places)| self.office(places))
            .collect();
        let mut offices = offices?;
        index::order_offices(&mut offices);
        Ok(offices)
    }

    fn office(&self, places: &[(usize, usize)]) -> Result<Office, Unusable> {
        let given = places
            .iter()
            .map(|&(f, i)| self.picked[f].offices[i].holders.len());
        let mut holders: Vec<(u32, Holder)> = Vec::with_capacity(given.sum());
        for &(f, i) in places {
            let o = &self.picked[f].offices[i];
            for (article, person) in &o.holders {
                let (number, head) = self.head(f, *article)?;
                holders.push((
                    number,
                    Holder {
                        person: person.clone(),
                        id: head.id.clone(),
                        date: head.date.clone(),
                    },
                ));
            }
        }
        // In corpus order; `order_offices` puts them in date order.
        holders.sort_by_key(|(number, _)| *number);
        let holders: Vec<Holder> = holders.into_iter().map(|(_, h)| h).collect();
        // Every holder's article was found above, so the office has a first one.
        let (_, role) = self.first_role(places).ok_or(Unusable::Damaged)?;
        Ok(Office {
            role: role.to_owned(),
            holders,
        })
    }
}
