//! Timings of a run for the benchmarks (`benches/scale.sh`, `benches/lookup.sh`): with `DOCBAO_TRACE=FILE`,
//! each milestone is appended to FILE as "name milliseconds-since-start". Off otherwise, and
//! then free.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Marks the start of the run; call first thing in `main`.
pub fn start() {
    START.get_or_init(Instant::now);
}

/// Records that `milestone` is reached, once per name and run is up to the caller.
pub fn mark(milestone: &str) {
    let Some(path) = std::env::var_os("DOCBAO_TRACE") else {
        return;
    };
    let ms = START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "{milestone} {ms:.1}");
    }
}
