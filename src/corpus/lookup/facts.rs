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

use super::segment::{self, Facts, Section, Unusable};
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
    pub fn facts(&self, raw_query: Option<&str>) -> Result<Found, Unusable> {
        self.listing(raw_query)?.found()
    }

    /// What `facts` finds, its articles left in the index until they are written out.
    pub fn listing(&self, raw_query: Option<&str>) -> Result<Listing<'_>, Unusable> {
        // Matching the folded name is needed for matching the name in any mode.
        let query = raw_query.map(|q| Query::new(&fold(&nfc(q.trim()))));
        let wanted =
            |_: EntityKind, key: &[u8]| query.as_ref().is_none_or(|q| q.finds_prepared(key));
        self.gather(&wanted, raw_query)
    }

    /// The entry of this kind and folded name, with its articles, if the corpus has it.
    pub fn entry(&self, kind: EntityKind, key: &str) -> Result<Option<Entry>, Unusable> {
        let wanted = |k: EntityKind, name: &[u8]| k == kind && name == key.as_bytes();
        let found = self.gather(&wanted, None)?.found()?;
        Ok(found.entries.into_iter().next())
    }

    /// The entries and offices whose kind and folded name are `wanted`; of them, with a
    /// query, only those `index::lookup` and `index::lookup_offices` would keep.
    fn gather(
        &self,
        wanted: &(dyn Fn(EntityKind, &[u8]) -> bool + Sync),
        query: Option<&str>,
    ) -> Result<Listing<'_>, Unusable> {
        let picked = self.each_folder(Section::Facts, |_, _, bytes| {
            Picked::from(&segment::decode(bytes)?, wanted)
        })?;
        let mut merge = Merge {
            picked: &picked,
            numbers: &self.numbers,
            names: merge_names(&picked),
            offices: merge_offices(&picked),
        };
        if let Some(q) = query {
            merge.keep_best(q);
        }
        // Side by side: one name or office can hold most of the work (a name in nearly every
        // article), which leaves a core idle within either.
        let (entries, offices) = rayon::join(|| merge.entries(), || merge.offices());
        let (entries, offices) = (entries?, offices?);
        // The people named with them are spelt as the corpus first spells them: looked for in
        // every folder, once for all.
        let mut keys: Vec<&str> = entries
            .iter()
            .flat_map(|(_, with)| with.iter().map(|(key, _)| *key))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let spelt = self.first_spellings(&keys)?;
        let entries: Vec<Listed> = entries
            .into_iter()
            .map(|(mut entry, with)| {
                entry.with = together(&with, &spelt);
                entry
            })
            .collect();
        // The offices are ranked (their people counted) while the articles are read.
        let (cited, ranks) = rayon::join(
            || self.cite_all(&entries, &offices),
            || {
                offices
                    .par_iter()
                    .map(|o| index::office_rank(&o.role, o.holders.iter().map(|(_, p)| p)))
                    .collect::<Vec<_>>()
            },
        );
        // In the index's order (as `index::order_offices` orders them).
        let mut ranked: Vec<_> = ranks.into_iter().zip(offices).collect();
        ranked.sort_by(|(x, _), (y, _)| x.cmp(y));
        Ok(Listing {
            entries,
            offices: ranked.into_iter().map(|(_, o)| o).collect(),
            cited: cited?,
        })
    }

    /// Every article the entries and offices give (by folder and place there), read from
    /// its row with its strings checked: once each, however many of them give it.
    fn cite_all(
        &self,
        entries: &[Listed],
        offices: &[ListedOffice],
    ) -> Result<Vec<Vec<Option<Cited<'_>>>>, Unusable> {
        let mut given: Vec<Vec<u32>> = vec![Vec::new(); self.folders.len()];
        let places = entries
            .iter()
            .flat_map(|e| {
                let roles = e.roles.iter().map(|(at, _)| at);
                e.articles.iter().map(|(at, _)| at).chain(roles)
            })
            .chain(
                offices
                    .iter()
                    .flat_map(|o| o.holders.iter().map(|(at, _)| at)),
            );
        for at in places {
            given[at.folder as usize].push(at.article);
        }
        given
            .into_par_iter()
            .enumerate()
            .map(|(f, articles)| {
                let mut cited: Vec<Option<Cited>> = Vec::new();
                if articles.is_empty() {
                    return Ok(cited);
                }
                // Each folder's rows are read here only, and let go once cited.
                let rows = self.rows_of(f)?.rows;
                cited.resize(rows.len(), None);
                for article in articles {
                    let slot = cited.get_mut(article as usize).ok_or(Unusable::Damaged)?;
                    if slot.is_none() {
                        let row = &rows[article as usize];
                        *slot = Some(Cited {
                            id: segment::text(row.id.0)?,
                            date: row.published.map(|d| segment::text(d.0)).transpose()?,
                            title: segment::text(row.title.0)?,
                        });
                    }
                }
                Ok(cited)
            })
            .collect()
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
    numbers: &'a [Vec<u32>],
    /// Where each name and office picked is, in every folder.
    names: BTreeMap<(EntityKind, &'a str), Places>,
    offices: BTreeMap<&'a str, Places>,
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
type Unspelt<'a> = (Listed, Vec<(&'a str, usize)>);

/// Where a name is: in which folder, at which place among the names picked there.
type Places = Vec<(usize, usize)>;

impl<'a> Merge<'a> {
    /// Where an article of a folder is.
    fn at(&self, folder: usize, article: u32) -> Result<At, Unusable> {
        let number = self.numbers[folder]
            .get(article as usize)
            .ok_or(Unusable::Damaged)?;
        Ok(At {
            number: *number,
            folder: folder as u32,
            article,
        })
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
            index::rank(a.kind, a.mentions, &a.name).cmp(&index::rank(b.kind, b.mentions, &b.name))
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
        let mut articles: Vec<(At, u32)> = Vec::with_capacity(mentions.sum());
        let mut roles: Vec<(At, Shared)> = Vec::new();
        let mut with: FastMap<&'a str, usize> = FastMap::default();
        for &(f, i) in places {
            let n = &picked[f].names[i];
            for &(article, count) in &n.mentions {
                articles.push((self.at(f, article)?, count));
            }
            for (article, role) in &n.roles {
                let at = self.at(f, *article)?;
                // A role counts once its person has been named (as the index reads them).
                if at.number >= first {
                    roles.push((at, role.clone()));
                }
            }
            for (other, count) in &n.with {
                *with.entry(other.as_str()).or_default() += *count as usize;
            }
        }
        articles.sort_by_key(|(at, _)| at.number);
        roles.sort_by_key(|(at, _)| at.number);
        let mut counts: Vec<(&str, usize)> = with.into_iter().collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        // Those tied with the last shown are ordered by name, so all of them are kept.
        if let Some(&(_, least)) = counts.get(WITH.min(counts.len()).saturating_sub(1)) {
            counts.retain(|&(_, n)| n >= least);
        }
        Ok(Some((
            Listed {
                kind,
                name: name.to_owned(),
                mentions: articles.iter().map(|&(_, count)| count as usize).sum(),
                articles,
                roles,
                with: Vec::new(),
            },
            counts,
        )))
    }

    /// The offices, each one's holders in corpus order.
    fn offices(&self) -> Result<Vec<ListedOffice>, Unusable> {
        self.offices
            .par_iter()
            .map(|(_, places)| self.office(places))
            .collect()
    }

    fn office(&self, places: &[(usize, usize)]) -> Result<ListedOffice, Unusable> {
        let given = places
            .iter()
            .map(|&(f, i)| self.picked[f].offices[i].holders.len());
        let mut holders: Vec<(At, Shared)> = Vec::with_capacity(given.sum());
        for &(f, i) in places {
            let o = &self.picked[f].offices[i];
            for (article, person) in &o.holders {
                holders.push((self.at(f, *article)?, person.clone()));
            }
        }
        // In corpus order; `Listing::order_offices` puts them in date order.
        holders.sort_by_key(|(at, _)| at.number);
        // Every holder's article was found above, so the office has a first one.
        let (_, role) = self.first_role(places).ok_or(Unusable::Damaged)?;
        Ok(ListedOffice {
            role: role.to_owned(),
            holders,
        })
    }
}

/// Where an article is: its number in the corpus, and its folder and place there.
#[derive(Debug, Clone, Copy)]
struct At {
    number: u32,
    folder: u32,
    article: u32,
}

/// A facts answer with its articles left in the index: the entries and offices merged from
/// the folders, in the index's order, each article given by where its row is. Its lines are
/// made as they are written out (`articles`, `timeline`): a name in nearly every article has
/// hundreds of thousands of them, and making each a string first took longer than writing.
#[derive(Debug)]
pub struct Listing<'a> {
    entries: Vec<Listed>,
    offices: Vec<ListedOffice>,
    /// Each article given, by folder and place there, its strings checked once.
    cited: Vec<Vec<Option<Cited<'a>>>>,
}

/// An entry of a `Listing`.
#[derive(Debug)]
pub struct Listed {
    pub kind: EntityKind,
    pub name: String,
    /// How often the corpus names it.
    pub mentions: usize,
    /// The articles naming it, in corpus order, and how often each does.
    articles: Vec<(At, u32)>,
    /// The roles given it, in corpus order, each with the article giving it.
    roles: Vec<(At, Shared)>,
    pub with: Vec<Together>,
}

/// An office of a `Listing`.
#[derive(Debug)]
pub struct ListedOffice {
    pub role: String,
    /// Who held it, in corpus order, each with the article saying so (`Listing::timeline`
    /// puts them in date order).
    holders: Vec<(At, Shared)>,
}

/// An article as a listing gives it: its id, date and title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cited<'r> {
    pub id: &'r str,
    pub date: Option<&'r str>,
    pub title: &'r str,
}

impl Listed {
    /// How many articles name it.
    pub fn articles(&self) -> usize {
        self.articles.len()
    }

    /// The roles given it, each once, in the order first given.
    pub fn roles(&self) -> Vec<&str> {
        index::once_each(self.roles.iter().map(|(_, r)| &**r))
    }
}

impl ListedOffice {
    /// How many times someone is said to hold it (once an article each).
    pub fn holders(&self) -> usize {
        self.holders.len()
    }
}

impl<'a> Listing<'a> {
    /// The entries a query picks, best first, as `index::lookup` picks them.
    pub fn lookup(&self, raw_query: &str) -> Vec<&Listed> {
        index::best_matches(&self.entries, raw_query, |e| &e.name, |e| e.mentions)
    }

    /// The offices a query picks, best first, as `index::lookup_offices` picks them.
    pub fn lookup_offices(&self, raw_query: &str) -> Vec<&ListedOffice> {
        index::best_matches(&self.offices, raw_query, |o| &o.role, |o| o.holders.len())
    }

    /// An office's holders in date order (undated last), as `index::order_offices` orders
    /// them: made when asked, so that it can be made while something else is written.
    fn in_date_order<'s>(&self, office: &'s ListedOffice) -> Vec<&'s (At, Shared)> {
        let date = |at: &At| {
            let date = self.cited[at.folder as usize][at.article as usize].and_then(|c| c.date);
            index::DateKey::of(date.map(str::as_bytes))
        };
        // Keyed once each: comparing the strings again and again reached all over memory.
        // A stable sort, which runs of one date (or of none) leave little to do.
        let mut keyed: Vec<_> = office.holders.iter().map(|h| (date(&h.0), h)).collect();
        keyed.sort_by_key(|(key, _)| *key);
        keyed.into_iter().map(|(_, h)| h).collect()
    }

    /// The article at `at`: one the listing gives, so checked already.
    fn cite(&self, at: At) -> Cited<'a> {
        self.cited[at.folder as usize][at.article as usize].expect("every article given is cited")
    }

    /// The articles naming an entry, in corpus order, with how often each does.
    pub fn articles<'s>(
        &'s self,
        entry: &'s Listed,
    ) -> impl Iterator<Item = (Cited<'a>, usize)> + 's {
        entry
            .articles
            .iter()
            .map(|&(at, count)| (self.cite(at), count as usize))
    }

    /// Who held an office, in date order (undated last), with the article saying so.
    pub fn timeline<'s>(&'s self, office: &'s ListedOffice) -> Vec<(&'s str, Cited<'a>)> {
        self.in_date_order(office)
            .into_iter()
            .map(|(at, person)| (&**person, self.cite(*at)))
            .collect()
    }

    /// The entries and offices made whole, each article's id, date and title made once and
    /// shared by all its mentions, roles and holders.
    pub fn found(self) -> Result<Found, Unusable> {
        let heads = self.heads();
        let head = |at: &At| {
            heads[at.folder as usize][at.article as usize]
                .as_ref()
                .ok_or(Unusable::Damaged)
        };
        let offices = self
            .offices
            .par_iter()
            .map(|o| {
                let holders = self.in_date_order(o).into_iter().map(|(at, person)| {
                    let head = head(at)?;
                    Ok(Holder {
                        person: person.clone(),
                        id: head.id.clone(),
                        date: head.date.clone(),
                    })
                });
                Ok(Office {
                    role: o.role.clone(),
                    holders: holders.collect::<Result<_, Unusable>>()?,
                })
            })
            .collect::<Result<_, Unusable>>()?;
        let entries = self
            .entries
            .into_par_iter()
            .map(|e| {
                let roles = e.roles.into_iter().map(|(at, role)| {
                    Ok(RoleSeen {
                        role,
                        id: head(&at)?.id.clone(),
                    })
                });
                let articles = e.articles.iter().map(|(at, count)| {
                    let head = head(at)?;
                    Ok(Mention {
                        id: head.id.clone(),
                        date: head.date.clone(),
                        title: head.title.clone(),
                        count: *count as usize,
                    })
                });
                Ok(Entry {
                    kind: e.kind,
                    name: e.name,
                    roles: roles.collect::<Result<_, Unusable>>()?,
                    articles: articles.collect::<Result<_, Unusable>>()?,
                    with: e.with,
                })
            })
            .collect::<Result<_, Unusable>>()?;
        Ok(Found { entries, offices })
    }

    /// The id, date and title of every article the entries and offices give, by folder and
    /// place there, each made once.
    fn heads(&self) -> Vec<Vec<Option<Head>>> {
        self.cited
            .par_iter()
            .map(|folder| {
                folder
                    .iter()
                    .map(|cited| {
                        cited.map(|c| Head {
                            id: c.id.into(),
                            date: c.date.map(Shared::from),
                            title: c.title.into(),
                        })
                    })
                    .collect()
            })
            .collect()
    }
}
