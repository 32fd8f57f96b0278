//! Loading a folder of generated articles (variations of the seeds, see `gen`) with
//! `Corpus::load`: every core, from the page cache. Prints files per second and MB/s; the
//! figures are reported, never asserted.
//!
//!   cargo bench --bench load                       # 1,000, 10,000 and 100,000 articles
//!   DOCBAO_BENCH_N=10000 cargo bench --bench load  # one size
//!   cargo bench --bench load -- generate DIR N     # only write a corpus, for benches/scale.sh

use std::path::PathBuf;
use std::time::Instant;

use docbao::corpus::{Corpus, SEEDS};

mod gen;

fn seeds() -> Vec<String> {
    SEEDS
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "generate") {
        let dir = PathBuf::from(args.get(at + 1).expect("generate DIR N"));
        let n: usize = args
            .get(at + 2)
            .and_then(|n| n.parse().ok())
            .expect("generate DIR N");
        let bytes = gen::write_corpus(&dir, &seeds(), n).expect("write the corpus");
        println!(
            "{n} articles, {:.1} MB, in {}",
            bytes as f64 / 1e6,
            dir.display()
        );
        return;
    }
    let seeds = seeds();
    for n in [1_000usize, 10_000, 100_000]
        .into_iter()
        .filter(|&n| std::env::var("DOCBAO_BENCH_N").map_or(true, |v| v == n.to_string()))
    {
        let dir = std::env::temp_dir().join(format!("docbao-load-{}-{n}", std::process::id()));
        let bytes = gen::write_corpus(&dir, &seeds, n).expect("write the corpus");
        let t = Instant::now();
        let corpus = Corpus::load(std::slice::from_ref(&dir));
        let d = t.elapsed();
        println!(
            "load {n:>6} articles  {:>7.1} MB  {d:>9.2?}  {:>8.0} files/s  {:>6.1} MB/s  ({} read, {} warnings)",
            bytes as f64 / 1e6,
            n as f64 / d.as_secs_f64(),
            bytes as f64 / 1e6 / d.as_secs_f64(),
            corpus.articles.len(),
            corpus.warnings.len(),
        );
        std::fs::remove_dir_all(&dir).expect("remove the corpus");
    }
}
