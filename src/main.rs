//! docbao: parse the command line, load the corpus, and hand over to the reader or a command.
#![forbid(unsafe_code)]

mod cli;
mod trace;
#[cfg(feature = "tui")]
mod tui;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    trace::start();
    let args = cli::Cli::parse();
    let result = cli::run(args);
    // A closed pipe (`docbao export | head`) is not an error worth a message.
    let _ = std::io::stdout().flush();
    match result {
        Ok(code) => code,
        Err(err) => {
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("docbao: {err:#}");
            ExitCode::from(1)
        }
    }
}
