//! The scorer (`tests/scorer/`) run on the export of the bundled seeds against a copy of their
//! annotations (`tests/fixtures/eval/seeds-gold.json`), and on a copy of the development set of
//! real scraped articles (`tests/fixtures/eval/dev/`, see its SOURCES.md). It fails when
//! cleaning or extraction falls below the targets.

mod scorer;

use docbao::corpus::Corpus;
use serde_json::Value;

use scorer::{has_number, score, score_entities};

#[test]
fn seeds_score_above_the_targets() {
    let gold: Value =
        serde_json::from_str(include_str!("fixtures/eval/seeds-gold.json")).expect("gold JSON");
    let r = score(&Corpus::seeds(), &gold);
    let context = &r.text;
    assert!(r.total.prf().2 >= 0.95, "entity F1 below 0.95:\n{context}");
    for (k, t) in &r.per_kind {
        assert!(t.prf().2 >= 0.90, "{k} F1 below 0.90:\n{context}");
    }
    assert!(
        r.roles.prf().1 >= 0.90,
        "role recall below 0.90:\n{context}"
    );
    assert!(
        r.quantities.prf().1 >= 0.90,
        "quantity recall below 0.90:\n{context}"
    );
    assert_eq!(r.body.0, r.body.1, "body checks:\n{context}");
    assert_eq!(
        r.meta, [r.articles; 3],
        "title, published or source wrong:\n{context}"
    );
}

#[test]
fn real_scraped_articles_are_cleaned_to_the_targets() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/dev");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("gold.json")).expect("the dev set's gold"),
    )
    .expect("gold JSON");
    let corpus = Corpus::load(&[dir.join("articles")]);
    assert_eq!(
        corpus.articles.len(),
        gold_articles(&gold),
        "{:?}",
        corpus.warnings
    );
    let r = score(&corpus, &gold);
    let context = &r.text;
    let (ok, all) = r.body;
    assert!(ok * 100 >= all * 98, "body checks below 98%:\n{context}");
    for (field, m) in ["title", "published", "source"].iter().zip(r.meta) {
        assert!(
            m * 100 >= r.articles * 95,
            "{field} right in under 95%:\n{context}"
        );
    }
}

fn gold_articles(gold: &Value) -> usize {
    gold["articles"].as_array().map_or(0, Vec::len)
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
