//! The corpus index: every person, organisation and place merged across articles (tolerant of
//! case, accents and tone-mark placement), with the roles found for people.

use std::collections::HashMap;

use serde::Serialize;

use crate::corpus::Article;
use crate::extract::{EntityKind, Fact};
use crate::search::{matcher, Query};
use crate::text::fold;

/// One mention of a name in an article.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mention {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RoleSeen {
    pub role: String,
    pub id: String,
}

/// A person, organisation or place, across the corpus.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntityKind,
    pub name: String,
    pub roles: Vec<RoleSeen>,
    pub articles: Vec<Mention>,
}

impl Entry {
    pub fn mentions(&self) -> usize {
        self.articles.iter().map(|m| m.count).sum()
    }
}

pub const INDEXED: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Location,
];

/// Builds the index, most-mentioned first within each kind.
pub fn build(articles: &[Article]) -> Vec<Entry> {
    let mut by_key: HashMap<(EntityKind, String), usize> = HashMap::new();
    let mut entries: Vec<Entry> = Vec::new();
    for a in articles {
        for e in a.entities.iter().filter(|e| INDEXED.contains(&e.kind)) {
            let k = (e.kind, fold(&e.text));
            let slot = *by_key.entry(k).or_insert_with(|| {
                entries.push(Entry {
                    kind: e.kind,
                    name: e.text.clone(),
                    roles: Vec::new(),
                    articles: Vec::new(),
                });
                entries.len() - 1
            });
            let entry = &mut entries[slot];
            match entry.articles.last_mut() {
                Some(m) if m.id == a.id => m.count += 1,
                _ => entry.articles.push(Mention {
                    id: a.id.clone(),
                    date: a.published.clone(),
                    title: a.display_title.clone(),
                    count: 1,
                }),
            }
        }
        for f in &a.facts {
            if let Fact::Role { person, role, .. } = f {
                if let Some(&slot) = by_key.get(&(EntityKind::Person, fold(person))) {
                    let seen = RoleSeen {
                        role: role.clone(),
                        id: a.id.clone(),
                    };
                    // An article's roles come together, at the end: only they can repeat
                    // this one (looking through all of them made 10,000 articles take 4 s).
                    let roles = &mut entries[slot].roles;
                    if !roles
                        .iter()
                        .rev()
                        .take_while(|r| r.id == a.id)
                        .any(|r| *r == seen)
                    {
                        roles.push(seen);
                    }
                }
            }
        }
    }
    entries.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.mentions().cmp(&a.mentions()))
            .then(a.name.cmp(&b.name))
    });
    entries
}

/// Entries whose name matches the query (accent- and case-insensitive, fuzzy), best first.
pub fn lookup<'a>(entries: &'a [Entry], raw_query: &str) -> Vec<&'a Entry> {
    let query = Query::new(raw_query);
    let m = matcher();
    let mut scored: Vec<(i64, &Entry)> = entries
        .iter()
        .filter_map(|e| query.fuzzy(&m, &e.name).map(|(s, _)| (s, e)))
        .collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    // Keep close matches only: a fuzzy hit far below the best is noise.
    scored.retain(|(s, _)| *s * 2 >= best);
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.mentions().cmp(&a.1.mentions())));
    scored.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

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
                a.facts
                    .iter()
                    .filter(|f| matches!(f, Fact::Role { person, .. } if person == "Jurgen Stock"))
                    .count()
            })
            .sum();
        assert!(stated >= once.len());
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
