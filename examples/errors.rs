//! What the extractor gets wrong on the development set, by kind: the entities it misses and
//! the ones it adds, the roles and figures it misses, and the body checks cleaning fails. The
//! next change to the extractor starts from this list.
//!
//! `cargo run --release --example errors` scores the copy of the dev set kept in
//! `tests/fixtures/eval/dev/`; `-- ARTICLES GOLD` scores another folder against its gold (the
//! format of `../shared/eval/score.py`), and `-- --kind person` keeps one kind.

#[path = "../tests/scorer/mod.rs"]
mod scorer;

use std::collections::BTreeMap;
use std::path::PathBuf;

use docbao::corpus::Corpus;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let kind = args.iter().position(|a| a == "--kind").map(|at| {
        let k = args.get(at + 1).cloned().unwrap_or_default();
        args.drain(at..(at + 2).min(args.len()));
        k
    });
    let dev = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/dev");
    let (articles, gold) = match args.as_slice() {
        [a, g] => (PathBuf::from(a), PathBuf::from(g)),
        [] => (dev.join("articles"), dev.join("gold.json")),
        _ => {
            eprintln!("usage: errors [ARTICLES GOLD] [--kind KIND]");
            std::process::exit(2);
        }
    };
    let gold: serde_json::Value = match std::fs::read_to_string(&gold)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("errors: {}: {e}", gold.display());
            std::process::exit(1);
        }
    };
    let corpus = Corpus::load(&[articles]);
    // The scorer prints its summary first.
    let report = scorer::score(&corpus, &gold);
    // "d01.txt: missed person [...]" grouped under "missed person".
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in &report.misses {
        let Some((file, what)) = line.split_once(": ") else {
            continue;
        };
        let mut words = what.splitn(3, ' ');
        let (verb, noun, rest) = (
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
        );
        let (group, item) = match verb {
            "missed" | "spurious" => (format!("{verb} {noun}"), rest.to_owned()),
            _ => (
                what.split(':').next().unwrap_or(what).to_owned(),
                String::new(),
            ),
        };
        if kind.as_ref().is_some_and(|k| !group.ends_with(k.as_str())) {
            continue;
        }
        let file = file.trim_matches('"');
        let item = if item.is_empty() {
            what.to_owned()
        } else {
            item
        };
        groups
            .entry(group)
            .or_default()
            .push(format!("{file}  {item}"));
    }
    for (group, items) in &groups {
        println!("== {group} ({})", items.len());
        for item in items {
            println!("  {item}");
        }
    }
    println!();
    print!(
        "{}",
        report.text.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    println!();
}
