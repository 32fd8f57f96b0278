//! The scorer of `../shared/eval/score.py`, its definitions written again in Rust. Shared by
//! `tests/score.rs` (which holds the seeds and the dev set to their targets) and
//! `examples/errors.rs` (which lists what the extractor misses and adds, by kind); each uses a
//! part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;

use docbao::corpus::Corpus;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const STRIP: &[char] = &[
    ' ', '\t', '\r', '\n', '"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']', '«', '»', ',', '.',
    ';', ':', '|',
];

pub fn norm(s: &str) -> String {
    let s: String = s.nfc().collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(STRIP).to_lowercase()
}

#[derive(Default, Debug)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub found: usize,
    pub gold: usize,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.found += o.found;
        self.gold += o.gold;
    }

    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.found as f64 / self.gold as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub fn alternatives(v: &Value) -> Vec<HashSet<String>> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|alts| strings(alts).iter().map(|s| norm(s)).collect())
                .collect()
        })
        .unwrap_or_default()
}

pub fn score_entities(rec: &Value, gold: &Value, kind: &str, misses: &mut Vec<String>) -> Tally {
    let mut predicted: HashSet<String> = rec["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["kind"] == kind)
        .map(|e| norm(e["text"].as_str().unwrap_or("")))
        .collect();
    predicted.remove("");
    let wanted = alternatives(&gold["entities"][kind]);
    let optional = alternatives(&gold["optional"][kind]);
    let mut t = Tally {
        gold: wanted.len(),
        ..Tally::default()
    };
    for alts in &wanted {
        if alts.iter().any(|a| predicted.contains(a)) {
            t.found += 1;
        } else {
            misses.push(format!("{}: missed {kind} {alts:?}", gold["file"]));
        }
    }
    for p in &predicted {
        if wanted.iter().any(|alts| alts.contains(p)) {
            t.tp += 1;
        } else if !optional.iter().any(|alts| alts.contains(p)) {
            t.fp += 1;
            misses.push(format!("{}: spurious {kind} {p:?}", gold["file"]));
        }
    }
    t
}

pub fn score_roles(rec: &Value, gold: &Value, misses: &mut Vec<String>) -> Tally {
    let pairs: HashSet<(String, String)> = rec["facts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == "role")
        .map(|f| {
            (
                norm(f["person"].as_str().unwrap_or("")),
                norm(f["role"].as_str().unwrap_or("")),
            )
        })
        .collect();
    let mut people: HashSet<String> = alternatives(&gold["entities"]["person"])
        .into_iter()
        .flatten()
        .collect();
    people.extend(
        alternatives(&gold["optional"]["person"])
            .into_iter()
            .flatten(),
    );
    let roles = gold["roles"].as_array().cloned().unwrap_or_default();
    let mut t = Tally {
        gold: roles.len(),
        ..Tally::default()
    };
    for g in &roles {
        let person = norm(g["person"].as_str().unwrap_or(""));
        let alts: Vec<String> = strings(&g["role"]).iter().map(|s| norm(s)).collect();
        if pairs
            .iter()
            .any(|(p, r)| *p == person && alts.iter().any(|a| r.contains(a.as_str())))
        {
            t.found += 1;
        } else {
            misses.push(format!(
                "{}: missed role {person:?} = {:?}",
                gold["file"],
                alts.first().map_or("", String::as_str)
            ));
        }
    }
    for (p, r) in &pairs {
        if people.contains(p) {
            t.tp += 1;
        } else {
            t.fp += 1;
            misses.push(format!("{}: spurious role {p:?} = {r:?}", gold["file"]));
        }
    }
    t
}

/// `value` occurs in `text` not inside a longer number.
pub fn has_number(text: &str, value: &str) -> bool {
    text.match_indices(value).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + value.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

pub fn score_quantities(rec: &Value, gold: &Value, misses: &mut Vec<String>) -> Tally {
    let mut texts: Vec<String> = Vec::new();
    for (list, kind) in [("facts", "quantity"), ("entities", "quantity")] {
        for x in rec[list]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|x| x["kind"] == kind)
        {
            texts.push(norm(x["text"].as_str().unwrap_or("")));
        }
    }
    let qs = gold["quantities"].as_array().cloned().unwrap_or_default();
    let mut t = Tally {
        gold: qs.len(),
        ..Tally::default()
    };
    for q in &qs {
        let (v, u) = (
            norm(q["value"].as_str().unwrap_or("")),
            norm(q["unit"].as_str().unwrap_or("")),
        );
        if texts
            .iter()
            .any(|x| has_number(x, &v) && x.contains(u.as_str()))
        {
            t.found += 1;
        } else {
            misses.push(format!("{}: missed figure {v} {u}", gold["file"]));
        }
    }
    t
}

pub fn score_body(rec: &Value, gold: &Value, misses: &mut Vec<String>) -> (usize, usize) {
    let blocks = rec["body"].as_array().cloned().unwrap_or_default();
    let text_of = |b: &Value| b["text"].as_str().unwrap_or("").nfc().collect::<String>();
    let body = blocks
        .iter()
        .filter(|b| b["kind"] != "caption")
        .map(text_of)
        .collect::<Vec<_>>()
        .join("\n");
    let body = body.trim();
    let caps: Vec<String> = blocks
        .iter()
        .filter(|b| b["kind"] == "caption")
        .map(text_of)
        .collect();
    let mut checks = Vec::new();
    let mut check = |name: String, ok: bool| {
        if !ok {
            misses.push(format!("{}: body check failed: {name}", gold["file"]));
        }
        checks.push(ok);
    };
    let first = gold["body_first"].as_str().unwrap_or("");
    let last = gold["body_last"].as_str().unwrap_or("");
    // A source tag opening the lead ("(CAO)", "VTV.vn -") may stay or go.
    let bare = gold["source"]
        .as_str()
        .and_then(|src| {
            let rest = first.strip_prefix('(').unwrap_or(first).strip_prefix(src)?;
            let rest = rest.strip_prefix(')').unwrap_or(rest);
            Some(rest.trim_start_matches([' ', '-', '–', '—', ':']))
        })
        .unwrap_or(first);
    check(
        format!("starts with {first:?}"),
        body.starts_with(first) || body.starts_with(bare),
    );
    check(format!("ends with {last:?}"), body.ends_with(last));
    for s in strings(&gold["must_keep"]) {
        check(format!("keeps {s:?}"), body.contains(s.as_str()));
    }
    for s in strings(&gold["must_drop"]) {
        check(format!("drops {s:?}"), !body.contains(s.as_str()));
    }
    for c in strings(&gold["captions"]) {
        let core = c.trim().trim_end_matches('|').trim().to_owned();
        check(
            format!("caption {core:?}"),
            caps.iter().any(|x| x.contains(core.as_str())) && !body.contains(core.as_str()),
        );
    }
    let starts: Vec<String> = blocks
        .iter()
        .map(|b| text_of(b).trim_start().to_owned())
        .collect();
    for s in strings(&gold["block_starts"]) {
        check(
            format!("a block starts with {s:?}"),
            starts.iter().any(|x| x.starts_with(s.as_str())),
        );
    }
    (checks.iter().filter(|c| **c).count(), checks.len())
}

pub fn meta_ok(rec: &Value, gold: &Value) -> [bool; 3] {
    let same = |field: &str| match gold[field].as_str() {
        Some(g) => rec[field].as_str().is_some_and(|r| norm(r) == norm(g)),
        None => rec[field].as_str().is_none_or(str::is_empty),
    };
    let published = rec["published"].as_str().map(|p| &p[..p.len().min(10)]);
    [
        same("title"),
        published == gold["published"].as_str(),
        same("source"),
    ]
}

/// What the scorer says of a corpus against its annotations.
pub struct Report {
    pub per_kind: Vec<(&'static str, Tally)>,
    pub total: Tally,
    pub roles: Tally,
    pub quantities: Tally,
    pub body: (usize, usize),
    /// Articles whose title, published date and source are right: each of the three counted.
    pub meta: [usize; 3],
    pub articles: usize,
    pub text: String,
    /// One line per miss: "FILE: missed person …", "FILE: spurious organization …".
    pub misses: Vec<String>,
}

pub fn score(corpus: &Corpus, gold: &Value) -> Report {
    let records: Vec<Value> = corpus
        .articles
        .iter()
        .map(|a| serde_json::to_value(a).expect("record"))
        .collect();
    let kinds = ["person", "organization", "location", "date"];
    let mut per_kind: Vec<(&'static str, Tally)> =
        kinds.iter().map(|k| (*k, Tally::default())).collect();
    let (mut roles, mut quantities) = (Tally::default(), Tally::default());
    let (mut body_ok, mut body_all, mut meta) = (0, 0, [0; 3]);
    let mut misses = Vec::new();
    let articles = gold["articles"].as_array().expect("articles");
    for g in articles {
        let file = g["file"].as_str().expect("file");
        let rec = records
            .iter()
            .find(|r| {
                r["id"]
                    .as_str()
                    .is_some_and(|id| format!("{id}.txt") == file)
            })
            .unwrap_or_else(|| panic!("no record for {file}"));
        for (k, t) in &mut per_kind {
            t.add(&score_entities(rec, g, k, &mut misses));
        }
        roles.add(&score_roles(rec, g, &mut misses));
        quantities.add(&score_quantities(rec, g, &mut misses));
        let (ok, all) = score_body(rec, g, &mut misses);
        body_ok += ok;
        body_all += all;
        for (m, ok) in meta.iter_mut().zip(meta_ok(rec, g)) {
            if ok {
                *m += 1;
            } else {
                misses.push(format!("{file}: title, date or source wrong"));
            }
        }
    }
    let mut total = Tally::default();
    let mut text = String::new();
    for (k, t) in &per_kind {
        total.add(t);
        let (p, r, f) = t.prf();
        let _ = writeln!(text, "{k:13} P {p:.3} R {r:.3} F1 {f:.3}");
    }
    let (p, r, f) = total.prf();
    let _ = writeln!(
        text,
        "entity F1 {f:.3} (P {p:.3} R {r:.3}); roles R {:.3}; quantities R {:.3}; body \
         {body_ok}/{body_all}; title {}/{n} published {}/{n} source {}/{n}",
        roles.prf().1,
        quantities.prf().1,
        meta[0],
        meta[1],
        meta[2],
        n = articles.len()
    );
    // Shown with `cargo test --release --test score -- --nocapture`.
    println!("{text}");
    let _ = write!(text, "{}", misses.join("\n"));
    Report {
        per_kind,
        total,
        roles,
        quantities,
        body: (body_ok, body_all),
        meta,
        articles: articles.len(),
        text,
        misses,
    }
}
