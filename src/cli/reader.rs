//! The reader started from the command line: its config read, its folders loaded on another
//! thread while it shows the first articles. Built with the `tui` feature only.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::Receiver;

use docbao::config;
use docbao::corpus::{self, Cache, Corpus, Loading};
use docbao::search;

use super::{shown_paths, Cli};

/// Opens the reader on `cli`'s paths (or the config's folders, or the seeds).
pub fn run(cli: Cli, cache: Option<Cache>) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "docbao: the reader needs a terminal; for output to a pipe or file use `docbao list`, `show`, `facts`, `search` or `export`"
        );
        return Ok(ExitCode::from(2));
    }
    let (config, problems) =
        config::load(cli.config.as_deref(), config::ACTIONS).map_err(anyhow::Error::msg)?;
    for p in &problems {
        eprintln!("docbao: {p}");
    }
    let paths = if cli.paths.is_empty() {
        config.folders.clone()
    } else {
        cli.paths
    };
    let index = cache
        .clone()
        .filter(|_| !paths.is_empty())
        .map(crate::tui::IndexPlace::new);
    let (corpus, loading) = start_loading(&paths, cache)?;
    let options = crate::tui::Options {
        reading_width: usize::from(
            cli.width
                .or(config.reading_width)
                .unwrap_or(crate::tui::READING_WIDTH),
        ),
        mouse: config.mouse && !cli.no_mouse,
        config,
        problems,
        loading,
        index,
    };
    crate::tui::run(corpus, options)?;
    Ok(ExitCode::SUCCESS)
}

/// For the reader: the seeds at once, or the files under `paths` found and read on other
/// threads while the reader starts. A path that does not exist is an error before the screen
/// changes.
fn start_loading(
    paths: &[PathBuf],
    cache: Option<Cache>,
) -> anyhow::Result<(Corpus, Option<Receiver<Loading>>)> {
    if paths.is_empty() {
        return Ok((Corpus::seeds(), None));
    }
    let missing: Vec<&PathBuf> = paths.iter().filter(|p| !p.exists()).collect();
    if missing.len() == paths.len() {
        for p in &missing {
            eprintln!(
                "docbao: {}",
                docbao::article::LoadError::Missing {
                    path: p.display().to_string()
                }
            );
        }
        anyhow::bail!(
            "no article could be read from {}; give .txt files or folders that hold them",
            shown_paths(paths)
        );
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let paths = paths.to_vec();
    std::thread::Builder::new()
        .name("docbao-load".to_owned())
        .spawn(move || {
            corpus::load_each(&paths, cache.as_ref(), |loading| {
                let loading = match loading {
                    Loading::Found { .. } => {
                        crate::trace::mark("walked");
                        loading
                    }
                    // Made ready for the filter here, on every core, not by the reader.
                    Loading::Batch(mut batch) => {
                        use rayon::prelude::*;
                        batch.searchables = batch
                            .articles
                            .par_iter_mut()
                            .map(search::Searchable::taking_folded)
                            .collect();
                        Loading::Batch(batch)
                    }
                };
                tx.send(loading).is_ok()
            });
        })?;
    Ok((Corpus::default(), Some(rx)))
}
