//! The scorer of `../shared/eval/score.py`, its definitions written again in Rust, run on the
//! export of the bundled seeds against a copy of their annotations
//! (`tests/fixtures/eval/seeds-gold.json`). It fails when extraction falls below the targets.

use std::collections::HashSet;
use std::fmt::Write as _;

use docbao::corpus::Corpus;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const STRIP: &[char] = &[
    ' ', '\t', '\r', '\n', '"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']', '«', '»', ',', '.',
    ';', ':', '|',
];

fn norm(s: &str) -> String {
    let s: String = s.nfc().collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(STRIP).to_lowercase()
}

#[derive(Default, Debug)]
struct Tally {
    tp: usize,
    fp: usize,
    found: usize,
    gold: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.found += o.found;
        self.gold += o.gold;
    }

    fn prf(&self) -> (f64, f64, f64) {
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

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn alternatives(v: &Value) -> Vec<HashSet<String>> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|alts| strings(alts).iter().map(|s| norm(s)).collect())
                .collect()
        })
        .unwrap_or_default()
}

fn score_entities(rec: &Value, gold: &Value, kind: &str, misses: &mut Vec<String>) -> Tally {
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

fn score_roles(rec: &Value, gold: &Value) -> Tally {
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
        }
    }
    for (p, _) in &pairs {
        if people.contains(p) {
            t.tp += 1;
        } else {
            t.fp += 1;
        }
    }
    t
}

/// `value` occurs in `text` not inside a longer number.
fn has_number(text: &str, value: &str) -> bool {
    text.match_indices(value).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + value.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

fn score_quantities(rec: &Value, gold: &Value) -> Tally {
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
        }
    }
    t
}

fn score_body(rec: &Value, gold: &Value, misses: &mut Vec<String>) -> (usize, usize) {
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
    check(format!("starts with {first:?}"), body.starts_with(first));
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
    (checks.iter().filter(|c| **c).count(), checks.len())
}

fn meta_ok(rec: &Value, gold: &Value) -> [bool; 3] {
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

#[test]
fn seeds_score_above_the_targets() {
    let gold: Value =
        serde_json::from_str(include_str!("fixtures/eval/seeds-gold.json")).expect("gold JSON");
    let corpus = Corpus::seeds();
    let records: Vec<Value> = corpus
        .articles
        .iter()
        .map(|a| serde_json::to_value(a).expect("record"))
        .collect();
    let kinds = ["person", "organization", "location", "date"];
    let mut per_kind: Vec<Tally> = kinds.iter().map(|_| Tally::default()).collect();
    let (mut roles, mut quantities) = (Tally::default(), Tally::default());
    let (mut body_ok, mut body_all, mut meta_all) = (0, 0, true);
    let mut misses = Vec::new();
    for g in gold["articles"].as_array().expect("articles") {
        let file = g["file"].as_str().expect("file");
        let rec = records
            .iter()
            .find(|r| {
                r["id"]
                    .as_str()
                    .is_some_and(|id| format!("{id}.txt") == file)
            })
            .unwrap_or_else(|| panic!("no record for {file}"));
        for (k, t) in kinds.iter().zip(per_kind.iter_mut()) {
            t.add(&score_entities(rec, g, k, &mut misses));
        }
        roles.add(&score_roles(rec, g));
        quantities.add(&score_quantities(rec, g));
        let (ok, all) = score_body(rec, g, &mut misses);
        body_ok += ok;
        body_all += all;
        meta_all &= meta_ok(rec, g).iter().all(|m| *m);
    }
    let mut total = Tally::default();
    let mut report = String::new();
    for (k, t) in kinds.iter().zip(&per_kind) {
        total.add(t);
        let (p, r, f) = t.prf();
        let _ = writeln!(report, "{k:13} P {p:.3} R {r:.3} F1 {f:.3}");
    }
    let (p, r, f) = total.prf();
    let _ = writeln!(report, "entity F1 {f:.3} (P {p:.3} R {r:.3}); roles R {:.3}; quantities R {:.3}; body {body_ok}/{body_all}", roles.prf().1, quantities.prf().1);
    // Shown with `cargo test --release --test score -- --nocapture`.
    println!("{report}");
    let context = format!("{report}{}", misses.join("\n"));
    assert!(f >= 0.95, "entity F1 below 0.95:\n{context}");
    for (k, t) in kinds.iter().zip(&per_kind) {
        assert!(t.prf().2 >= 0.90, "{k} F1 below 0.90:\n{context}");
    }
    assert!(roles.prf().1 >= 0.90, "role recall below 0.90:\n{context}");
    assert!(
        quantities.prf().1 >= 0.90,
        "quantity recall below 0.90:\n{context}"
    );
    assert_eq!(body_ok, body_all, "body checks:\n{context}");
    assert!(meta_all, "title, published or source wrong:\n{context}");
}

#[test]
fn the_scorer_itself_counts_misses_and_spurious_entities() {
    let gold: Value = serde_json::json!({
        "file": "x.txt",
        "entities": {"person": [["Nguyễn Văn An", "Văn An"], ["Lê Thị Hoa"]]},
        "optional": {"person": [["Hoa"]]},
    });
    let rec: Value = serde_json::json!({"entities": [
        {"kind": "person", "text": "nguyễn văn an"},
        {"kind": "person", "text": "Hoa"},
        {"kind": "person", "text": "Bộ Công an"},
    ]});
    let t = score_entities(&rec, &gold, "person", &mut Vec::new());
    assert_eq!((t.tp, t.fp, t.found, t.gold), (1, 1, 1, 2));
    assert!(has_number("hơn 800 đại biểu", "800"));
    assert!(!has_number("1.800 đại biểu", "800"));
}
