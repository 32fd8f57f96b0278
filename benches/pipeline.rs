//! Throughput of the text pipeline (decode → clean → extract) and of the list filter, on
//! corpora made from the bundled seeds. Run with `cargo bench`; prints MB/s and timings.
//! A plain `harness = false` bench: the figures are reported, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use docbao::article::Article;
use docbao::clean;
use docbao::corpus::SEEDS;
use docbao::extract;
use docbao::search;
use docbao::text;

mod gen;

/// Runs `f` until at least `min` has passed; returns the best time of one run.
fn best_of(min: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut best = Duration::MAX;
    while start.elapsed() < min || best == Duration::MAX {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
    }
    best
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// `DOCBAO_BENCH=extract,filter` runs only the named parts (decode, clean, scraped, extract,
/// pipeline, filter).
fn wanted(part: &str) -> bool {
    std::env::var("DOCBAO_BENCH").map_or(true, |v| v.split(',').any(|p| p.trim() == part))
}

fn main() {
    let seeds: Vec<String> = SEEDS
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    let seed_bytes: usize = seeds.iter().map(String::len).sum();
    println!("seeds: {} articles, {seed_bytes} bytes", seeds.len());

    // Decode, sanitise and clean, for growing input and for the two awkward shapes: one very
    // long line, and very many short ones.
    let joined = seeds.join("\n\n");
    let long_line = joined.replace('\n', " ").repeat(160);
    let many_lines: String = joined
        .lines()
        .cycle()
        .take(200_000)
        .collect::<Vec<_>>()
        .join("\n");
    let mut inputs: Vec<(String, String)> = [1, 16, 64]
        .iter()
        .map(|&n| (format!("{n} × seeds"), joined.repeat(n)))
        .collect();
    inputs.push(("one line".to_owned(), long_line));
    inputs.push(("200k lines".to_owned(), many_lines));
    for (name, input) in inputs.iter().filter(|_| wanted("clean")) {
        // (`DOCBAO_BENCH=scraped` cleans the real scraped articles below alone.)
        let bytes = input.as_bytes();
        let d = best_of(Duration::from_secs(2), || {
            let decoded = text::decode(bytes).expect("text");
            black_box(clean::clean(&text::sanitize(&decoded.text)));
        });
        println!(
            "clean        {:>8} bytes  {:>9.2?}  {:>7.1} MB/s  ({name})",
            bytes.len(),
            d,
            mb_per_s(bytes.len(), d)
        );
    }
    // Real scraped articles with a `Key: value` header, each file cleaned on its own.
    let dev =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/dev/articles");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(&dev)
        .map(|d| {
            d.flatten()
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    // Decoding alone: the UTF-8 path every article takes (validation, and the quick looks for
    // VIQR and mojibake), on the seeds and on each file of the dev set.
    if wanted("decode") {
        for (name, input) in &inputs[..2] {
            let bytes = input.as_bytes();
            let d = best_of(Duration::from_secs(2), || {
                black_box(text::decode(bytes).expect("text"));
            });
            println!(
                "decode       {:>8} bytes  {:>9.2?}  {:>7.1} MB/s  ({name})",
                bytes.len(),
                d,
                mb_per_s(bytes.len(), d)
            );
        }
        let bytes: usize = files.iter().map(Vec::len).sum();
        let d = best_of(Duration::from_secs(2), || {
            for f in &files {
                black_box(text::decode(f).expect("text"));
            }
        });
        println!(
            "decode       {:>8} bytes  {:>9.2?}  {:>7.1} MB/s  (dev set, {} files)",
            bytes,
            d,
            mb_per_s(bytes, d),
            files.len()
        );
    }
    if (wanted("clean") || wanted("scraped")) && !files.is_empty() {
        let bytes: usize = files.iter().map(Vec::len).sum();
        let d = best_of(Duration::from_secs(2), || {
            for f in &files {
                let decoded = text::decode(f).expect("text");
                black_box(clean::clean(&text::sanitize(&decoded.text)));
            }
        });
        println!(
            "clean        {:>8} bytes  {:>9.2?}  {:>7.1} MB/s  (dev set, {} files)",
            bytes,
            d,
            mb_per_s(bytes, d),
            files.len()
        );
    }

    // Extraction alone, on cleaned blocks, for growing input: throughput should stay flat.
    for copies in [1, 4, 16].into_iter().filter(|_| wanted("extract")) {
        let cleaned: Vec<clean::Cleaned> = (0..copies)
            .flat_map(|_| seeds.iter())
            .map(|s| clean::clean(&text::sanitize(s)))
            .collect();
        let bytes = seed_bytes * copies;
        let d = best_of(Duration::from_secs(2), || {
            for c in &cleaned {
                black_box(extract::extract(&c.body, c.published.as_deref()));
            }
        });
        println!(
            "extract      {:>8} bytes  {:>9.2?}  {:>7.1} MB/s",
            bytes,
            d,
            mb_per_s(bytes, d)
        );
    }

    // The whole pipeline from bytes.
    for copies in [1, 16].into_iter().filter(|_| wanted("pipeline")) {
        let bytes = seed_bytes * copies;
        let d = best_of(Duration::from_secs(2), || {
            for _ in 0..copies {
                for (path, b) in SEEDS {
                    black_box(Article::from_bytes(path, b).ok());
                }
            }
        });
        println!(
            "pipeline     {:>8} bytes  {:>9.2?}  {:>7.1} MB/s",
            bytes,
            d,
            mb_per_s(bytes, d)
        );
    }

    // The list filter, as typed: every keystroke of a few queries over N generated articles,
    // one core, no narrowing from the previous keystroke. Median and worst keystroke.
    let articles: Vec<Article> = SEEDS
        .iter()
        .filter_map(|(p, b)| Article::from_bytes(p, b).ok())
        .collect();
    for n in [1_000usize, 10_000, 100_000]
        .into_iter()
        .filter(|&n| std::env::var("DOCBAO_BENCH_N").map_or(true, |v| v == n.to_string()))
        .filter(|_| wanted("filter"))
    {
        let many = gen::articles(&articles, n);
        let t = Instant::now();
        let hays: Vec<search::Searchable> = many.iter().map(search::Searchable::new).collect();
        let prepare = t.elapsed();
        let queries = [
            "cong an",
            "interpol",
            "da nang",
            "Nguyễn Văn",
            "hội nghị asean",
            "zzqx",
        ];
        // From scratch at every keystroke, and as the reader does it: each keystroke looks
        // only at the previous keystroke's hits.
        for narrowed in [false, true] {
            let mut times: Vec<Duration> = Vec::new();
            let mut matched = 0;
            for q in queries {
                let chars: Vec<char> = q.chars().collect();
                let mut previous: Option<Vec<usize>> = None;
                for k in 1..=chars.len() {
                    let prefix: String = chars[..k].iter().collect();
                    let within = if narrowed { previous.as_deref() } else { None };
                    let rounds = if n >= 100_000 { 3 } else { 10 };
                    let mut hits = Vec::new();
                    let best = (0..rounds)
                        .map(|_| {
                            let t = Instant::now();
                            hits = search::filter(&hays, within, &prefix, &|| false)
                                .expect("not stale");
                            t.elapsed()
                        })
                        .min()
                        .expect("rounds");
                    matched = black_box(hits.len());
                    let mut indices: Vec<usize> = hits.iter().map(|h| h.index).collect();
                    indices.sort_unstable();
                    previous = Some(indices);
                    if std::env::var_os("DOCBAO_BENCH_VERBOSE").is_some() {
                        println!("  {prefix:<16} {best:>9.2?}  {matched} hits");
                    }
                    times.push(best);
                }
            }
            times.sort();
            println!(
                "filter {n:>6} articles  {}  median {:>9.2?}  worst {:>9.2?}  ({} keystrokes; haystacks made in {prepare:.2?})",
                if narrowed { "narrowed" } else { "scratch " },
                times[times.len() / 2],
                times[times.len() - 1],
                times.len(),
            );
            black_box(matched);
        }
    }
}
