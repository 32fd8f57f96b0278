//! The reader. Placeholder until the TUI lands.
use docbao::corpus::Corpus;

pub fn run(_corpus: Corpus) -> anyhow::Result<()> {
    Ok(())
}
