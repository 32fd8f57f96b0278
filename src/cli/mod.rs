//! The command line of SPEC.md: the reader, and `list`, `show`, `facts`, `search`, `export`.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde_json::json;

use docbao::config;
use docbao::corpus::lookup::segment::{Row, Unusable};
use docbao::corpus::lookup::Listing;
use docbao::corpus::{Cache, Lookup};

use docbao::article::Article;
use docbao::corpus::index;
use docbao::corpus::{self, Corpus};
use docbao::extract::{EntityKind, Fact};
use docbao::search;

#[cfg(feature = "tui")]
mod reader;

/// A build without the terminal crates has no reader: it says so, and what works instead.
#[cfg(not(feature = "tui"))]
mod reader {
    use std::process::ExitCode;

    // The same signature as the reader's `run`, which can fail.
    #[allow(clippy::unnecessary_wraps)]
    pub fn run(_cli: super::Cli, _cache: Option<super::Cache>) -> anyhow::Result<ExitCode> {
        eprintln!(
            "docbao: this build has no reader (it was built without the `tui` feature); \
             `docbao list`, `show`, `facts`, `search` and `export` work without it"
        );
        Ok(ExitCode::from(2))
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "docbao",
    version,
    about = "Đọc báo: read Vietnamese news in the terminal, with people, places and facts highlighted",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Article files or folders (read recursively); none: the config's folders, else the
    /// bundled seed articles.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The reader wraps article text at most this many columns wide, however wide the
    /// terminal [default: the config's reading_width, else 100].
    #[arg(long, value_name = "COLUMNS",
          value_parser = clap::value_parser!(u16).range(i64::from(config::MIN_READING_WIDTH)..))]
    width: Option<u16>,
    /// Leave the mouse to the terminal, so that text can be selected with it.
    #[arg(long)]
    no_mouse: bool,
    /// Read the config from this file [default: $DOCBAO_CONFIG, else the platform's config
    /// folder: ~/.config/docbao/config.toml on Linux].
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Read every article again instead of taking unchanged folders from the cache (kept in
    /// $DOCBAO_CACHE, else the platform's cache folder: ~/.cache/docbao on Linux).
    #[arg(long, global = true)]
    no_cache: bool,
    /// Read every file in this encoding instead of finding each one's: utf-8, utf-16,
    /// windows-1258, windows-1252, tcvn3, vni, viscii or viqr.
    #[arg(long, value_name = "NAME", global = true, value_parser = parse_encoding)]
    encoding: Option<docbao::text::Encoding>,
}

fn parse_encoding(name: &str) -> Result<docbao::text::Encoding, docbao::text::UnknownEncoding> {
    docbao::text::Encoding::from_name(name)
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One line per article: id, date, source, title.
    List {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// One article, cleaned, with its entities and facts.
    Show {
        /// The article's id (its file stem) or a unique start of it.
        id: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// The text as read, before cleaning, with the removed lines marked.
        #[arg(long)]
        raw: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// The people, organisations and places across the articles, or the answer to a query.
    ///
    /// Answered from the lookup index kept with the cache while the folders are unchanged. A
    /// file rewritten in place is seen within $DOCBAO_RECHECK seconds (60; 0: at once).
    Facts {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// A name to look up: accent- and case-insensitive, fuzzy ("jurgen stock", "bo cong an").
        #[arg(long, short)]
        query: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Articles ranked by how well they match QUERY.
    ///
    /// Answered from the lookup index kept with the cache while the folders are unchanged. A
    /// file rewritten in place is seen within $DOCBAO_RECHECK seconds (60; 0: at once).
    Search {
        query: String,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// JSON Lines, one record per article (see SPEC.md).
    Export {
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Says where the config file is and checks it; --default prints a commented default.
    Config {
        /// Print the default config, every setting explained, to start a config file from.
        #[arg(long)]
        default: bool,
    },
    /// Prints a completion script for SHELL (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Prints docbao's man page (roff): `docbao man > ~/.local/share/man/man1/docbao.1`.
    Man,
}

impl Command {
    /// The files and folders the command reads.
    fn paths(&self) -> &[PathBuf] {
        match self {
            Command::List { paths, .. }
            | Command::Show { paths, .. }
            | Command::Facts { paths, .. }
            | Command::Search { paths, .. }
            | Command::Export { paths } => paths,
            Command::Config { .. } | Command::Completions { .. } | Command::Man => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Loads the corpus; every warning goes to stderr. Nothing loaded is an error (exit 1).
/// The corpus lives until the process ends: freeing 100,000 articles one allocation at a
/// time only to exit would take longer than answering.
fn load(paths: &[PathBuf], cache: Option<&Cache>) -> anyhow::Result<&'static Corpus> {
    let corpus = {
        let mut progress = Progress::new();
        Corpus::load_counting(paths, cache, |read, total| progress.show(read, total))
    };
    for w in &corpus.warnings {
        eprintln!("docbao: {w}");
    }
    if corpus.articles.is_empty() {
        anyhow::bail!(
            "no article could be read from {}; give .txt files or folders that hold them",
            shown_paths(paths)
        );
    }
    Ok(Box::leak(Box::new(corpus)))
}

/// Asks the lookup index of `paths` when every folder under them has a fresh one (see
/// `corpus::Lookup`), printing what reading them said as a load would. `None` when the
/// index cannot answer: the caller reads the corpus (which makes the index again).
fn look_up<T>(
    paths: &[PathBuf],
    cache: Option<&Cache>,
    ask: impl FnOnce(&mut Lookup) -> Result<Option<T>, Unusable>,
) -> Option<T> {
    let Some(mut lookup) = Lookup::open(paths, cache?) else {
        crate::trace::mark("index-stale");
        return None;
    };
    if lookup.articles == 0 {
        return None;
    }
    crate::trace::mark("index-open");
    let answer = ask(&mut lookup).ok()??;
    crate::trace::mark("index-answered");
    for w in &lookup.warnings {
        eprintln!("docbao: {w}");
    }
    Some(answer)
}

/// Files read of how many, with a rate, on stderr: only when it is a terminal and reading has
/// taken more than half a second (a warm cache answers before anything is drawn). The bar is
/// cleared when reading ends.
struct Progress {
    started: std::time::Instant,
    bar: Option<indicatif::ProgressBar>,
    wanted: bool,
}

impl Progress {
    const AFTER: std::time::Duration = std::time::Duration::from_millis(500);

    fn new() -> Progress {
        Progress {
            started: std::time::Instant::now(),
            bar: None,
            wanted: io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, read: usize, total: usize) {
        if !self.wanted || (self.bar.is_none() && self.started.elapsed() < Self::AFTER) {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let style = indicatif::ProgressStyle::with_template(
                "docbao: reading {pos}/{len} files {bar:30} {rate} ({eta} left)",
            )
            .expect("progress template")
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} files/s", state.per_sec());
                },
            );
            indicatif::ProgressBar::new(total as u64).with_style(style)
        });
        bar.set_position(read as u64);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn shown_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Before the cache, whose readings it changes.
    if let Some(encoding) = cli.encoding {
        corpus::force_encoding(encoding);
    }
    // The cache of processed articles, unless `--no-cache` was given.
    let cache = if cli.no_cache {
        None
    } else {
        Cache::default_place()
    };
    if cli.command.is_some() && !cli.paths.is_empty() {
        eprintln!(
            "docbao: paths go after the command, as in `docbao list {}`",
            shown_paths(&cli.paths)
        );
        return Ok(ExitCode::from(2));
    }
    // A path that is neither a file nor a folder is a mistake on the command line: it is
    // named, and nothing is read (exit 2, as for other usage errors).
    let given = cli.command.as_ref().map_or(&cli.paths[..], Command::paths);
    let missing: Vec<&PathBuf> = given.iter().filter(|p| !p.exists()).collect();
    if !missing.is_empty() {
        for p in missing {
            eprintln!("docbao: no such file or folder: {}", p.display());
        }
        return Ok(ExitCode::from(2));
    }
    let Some(command) = cli.command else {
        return reader::run(cli, cache);
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match command {
        Command::List { paths, json } => {
            let corpus = load(&paths, cache.as_ref())?;
            for a in &corpus.articles {
                if json {
                    let rec = json!({"id": a.id, "date": a.published, "source": a.source, "title": a.display_title, "path": a.path});
                    writeln!(out, "{rec}")?;
                } else {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        a.id,
                        or_dash(a.date()),
                        or_dash(a.source.as_deref().unwrap_or("")),
                        a.display_title
                    )?;
                }
            }
        }
        Command::Show {
            id,
            paths,
            json,
            raw,
            color,
        } => {
            let corpus = load(&paths, cache.as_ref())?;
            let article = match corpus.find(&id) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("docbao: {e}");
                    return Ok(ExitCode::from(1));
                }
            };
            let colored = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(article)?)?;
            } else if raw {
                write_raw(&mut out, article)?;
            } else {
                write_article(&mut out, article, colored)?;
            }
        }
        Command::Facts { paths, query, json } => {
            // A query's answer is written straight from the index when it has one.
            if let (Some(q), false) = (&query, json) {
                let written = look_up(&paths, cache.as_ref(), |l| {
                    let listing = l.listing(Some(q))?;
                    let written = write_listing(&mut out, &listing, q);
                    // The process ends next: hundreds of thousands of shared strings are
                    // left to it rather than let go one at a time.
                    std::mem::forget(listing);
                    Ok(Some(written))
                });
                if let Some(matched) = written {
                    if !matched? {
                        eprintln!("docbao: nothing matches {q:?}");
                    }
                    out.flush()?;
                    return Ok(ExitCode::SUCCESS);
                }
            }
            let looked_up = look_up(&paths, cache.as_ref(), |l| {
                l.facts(query.as_deref()).map(Some)
            });
            let (entries, offices) = if let Some(found) = looked_up {
                (found.entries, found.offices)
            } else {
                let corpus = load(&paths, cache.as_ref())?;
                (
                    index::build(&corpus.articles),
                    index::offices(&corpus.articles),
                )
            };
            let (shown, roles): (Vec<&index::Entry>, Vec<&index::Office>) = match &query {
                Some(q) => (
                    index::lookup(&entries, q),
                    index::lookup_offices(&offices, q),
                ),
                None => (entries.iter().collect(), offices.iter().collect()),
            };
            if json {
                // Written as it is made: the answer for a name in nearly every article is 40 MB.
                serde_json::to_writer_pretty(&mut out, &shown)?;
                writeln!(out)?;
            } else if shown.is_empty() && roles.is_empty() {
                // No match is an answer, not a failure: exit 0, as `search` does.
                eprintln!("docbao: nothing matches {:?}", query.unwrap_or_default());
            } else if query.is_some() {
                for e in shown.iter().take(ANSWERS) {
                    write_entry(&mut out, e, true)?;
                }
                for o in roles.iter().take(ANSWERS - shown.len().min(ANSWERS)) {
                    write_office(&mut out, o)?;
                }
            } else {
                write_index(&mut out, &shown)?;
                writeln!(out, "Roles ({})", roles.len())?;
                for o in roles {
                    let holders: Vec<String> = o
                        .holders
                        .iter()
                        .map(|h| {
                            let date = docbao::article::day(h.date.as_deref());
                            format!("{} {}", h.person, or_dash(date))
                        })
                        .collect();
                    writeln!(out, "  {}: {}", o.role, holders.join("; "))?;
                }
            }
            // The process ends next: a large answer (hundreds of thousands of strings) is left
            // to it rather than freed a string at a time.
            std::mem::forget((entries, offices));
        }
        Command::Search {
            query,
            paths,
            json,
            limit,
        } => {
            let hits: Vec<(search::Hit, Row)> =
                if let Some(found) = look_up(&paths, cache.as_ref(), |l| l.search(&query, limit)) {
                    found.hits
                } else {
                    let corpus = load(&paths, cache.as_ref())?;
                    let hays: Vec<search::Searchable> = corpus
                        .articles
                        .iter()
                        .map(search::Searchable::new)
                        .collect();
                    search::rank(&corpus.articles, &hays, &query)
                        .into_iter()
                        .take(limit)
                        .map(|h| {
                            let row = Row::of(&corpus.articles[h.index]);
                            (h, row)
                        })
                        .collect()
                };
            for (h, a) in hits.iter().take(limit) {
                if json {
                    let rec = json!({"id": a.id, "date": a.published, "source": a.source, "title": a.title, "score": h.score, "body_hits": h.body_hits});
                    writeln!(out, "{rec}")?;
                } else {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        a.id,
                        or_dash(a.date()),
                        plural(h.body_hits, "hit"),
                        a.title
                    )?;
                }
            }
            if hits.is_empty() {
                eprintln!("docbao: no article matches {query:?}");
            }
        }
        Command::Export { paths } => {
            let corpus = load(&paths, cache.as_ref())?;
            for a in &corpus.articles {
                writeln!(out, "{}", corpus::export_line(a))?;
            }
        }
        Command::Config { default: true, .. } => out.write_all(config::DEFAULT.as_bytes())?,
        Command::Config { .. } => return check_config(&mut out, cli.config.as_deref()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "docbao", &mut out);
        }
        Command::Man => clap_mangen::Man::new(Cli::command()).render(&mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `docbao config`: where the config is read from, and what is wrong with it.
fn check_config(
    out: &mut impl Write,
    explicit: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let Some((path, named)) = config::location(explicit) else {
        writeln!(
            out,
            "no config folder on this system: docbao uses its defaults"
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    if !named && !path.exists() {
        writeln!(
            out,
            "{}: not there, so docbao uses its defaults; `docbao config --default > {0}` \
             writes one to edit",
            path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let (_, problems) = config::load(Some(&path), config::ACTIONS).map_err(anyhow::Error::msg)?;
    if problems.is_empty() {
        writeln!(out, "{}: read, no problems", path.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    out.flush()?;
    for p in &problems {
        eprintln!("docbao: {p}");
    }
    Ok(ExitCode::from(1))
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

/// SGR codes per entity kind for `show --color`: distinct in 16 colours and still told apart
/// by weight and underline without colour.
fn sgr(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "1;33",
        EntityKind::Organization => "1;36",
        EntityKind::Location => "1;32",
        EntityKind::Date => "35",
        EntityKind::Role => "3;34",
        EntityKind::Quantity => "4;31",
        EntityKind::Event => "1;4;35",
    }
}

fn write_article(out: &mut impl Write, a: &Article, colored: bool) -> io::Result<()> {
    writeln!(out, "{}", a.title.as_deref().unwrap_or(&a.display_title))?;
    let meta: Vec<&str> = [
        a.date(),
        a.source.as_deref().unwrap_or(""),
        a.author.as_deref().unwrap_or(""),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    if !a.tags.is_empty() {
        writeln!(out, "# {}", a.tags.join(" · "))?;
    }
    for (b, block) in a.body().iter().enumerate() {
        writeln!(out)?;
        let prefix = match block.kind {
            docbao::clean::BlockKind::Caption => "[ảnh] ",
            docbao::clean::BlockKind::Bullet => "• ",
            _ => "",
        };
        let mut line = String::from(prefix);
        let chars: Vec<char> = block.text.chars().collect();
        let mut at = 0;
        for e in a.entities().iter().filter(|e| e.block == b) {
            line.extend(&chars[at..e.start]);
            if colored {
                let _ = write!(line, "\x1b[{}m", sgr(e.kind));
                line.extend(&chars[e.start..e.end]);
                line.push_str("\x1b[0m");
            } else {
                line.extend(&chars[e.start..e.end]);
            }
            at = e.end;
        }
        line.extend(&chars[at..]);
        writeln!(out, "{line}")?;
    }
    if !a.facts().is_empty() {
        writeln!(out, "\n— facts —")?;
        for f in a.facts() {
            writeln!(out, "{}", fact_line(f))?;
        }
    }
    Ok(())
}

pub fn fact_line(f: &Fact) -> String {
    match f {
        Fact::Role { person, role, .. } => format!("{person}: {role}"),
        Fact::Quantity { text, .. } => format!("# {text}"),
        Fact::Event {
            name,
            date,
            date_inferred,
            location,
            ..
        } => {
            let mut s = format!("event: {name}");
            if let Some(d) = date {
                let inferred = if *date_inferred {
                    " (year inferred)"
                } else {
                    ""
                };
                let _ = write!(s, "; when: {d}{inferred}");
            }
            if let Some(l) = location {
                let _ = write!(s, "; where: {l}");
            }
            s
        }
    }
}

/// The text as read, each line marked: "  " kept, "- " removed by cleaning, "= " the file's
/// header (metadata).
fn write_raw(out: &mut impl Write, a: &Article) -> io::Result<()> {
    let Some(text) = a.source_text() else {
        eprintln!("docbao: {}: cannot read the file again", a.path);
        return Ok(());
    };
    for line in text.lines() {
        let mark = if a.is_header(line) {
            "= "
        } else if a.was_removed(line) {
            "- "
        } else {
            "  "
        };
        writeln!(out, "{mark}{line}")?;
    }
    Ok(())
}

/// "1 mention", "3 mentions".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn write_entry(out: &mut impl Write, e: &index::Entry, full: bool) -> io::Result<()> {
    let head = EntryHead {
        name: &e.name,
        kind: e.kind,
        mentions: e.mentions(),
        articles: e.articles.len(),
        roles: e.roles_once(),
        with: &e.with,
    };
    write_entry_head(out, &head)?;
    if full {
        for m in &e.articles {
            write_mention(out, &m.id, m.date.as_deref(), &m.title)?;
        }
    }
    Ok(())
}

/// What an entry's answer says before its articles.
struct EntryHead<'a> {
    name: &'a str,
    kind: EntityKind,
    mentions: usize,
    articles: usize,
    /// Each once, in the order first given.
    roles: Vec<&'a str>,
    with: &'a [index::Together],
}

fn write_entry_head(out: &mut impl Write, e: &EntryHead) -> io::Result<()> {
    writeln!(
        out,
        "{} ({}, {} in {})",
        e.name,
        e.kind.name(),
        plural(e.mentions, "mention"),
        plural(e.articles, "article")
    )?;
    if !e.roles.is_empty() {
        writeln!(out, "  roles: {}", e.roles.join("; "))?;
    }
    if !e.with.is_empty() {
        let with: Vec<String> = e
            .with
            .iter()
            .map(|t| format!("{} ({})", t.name, plural(t.articles, "article")))
            .collect();
        writeln!(out, "  with: {}", with.join("; "))?;
    }
    Ok(())
}

/// An article naming an entry: its id, day and title.
fn write_mention(
    out: &mut impl Write,
    id: &str,
    date: Option<&str>,
    title: &str,
) -> io::Result<()> {
    let date = or_dash(docbao::article::day(date));
    write_pieces(out, ["  ", id, "  ", date, "  ", title, "\n"])
}

/// Writes the pieces one after the other: a line of a long answer (hundreds of thousands of
/// them for a name in every article) without `write!`'s formatting, which took a third of
/// the time of writing it. Inlined with the pieces known, the separators are copied without
/// a call.
#[inline]
fn write_pieces<const N: usize>(out: &mut impl Write, pieces: [&str; N]) -> io::Result<()> {
    pieces.iter().try_for_each(|p| out.write_all(p.as_bytes()))
}

/// An office's timeline: each holder with the date and id of the article.
fn write_office(out: &mut impl Write, o: &index::Office) -> io::Result<()> {
    write_office_head(out, &o.role, o.holders.len())?;
    for h in &o.holders {
        write_holder(out, h.date.as_deref(), &h.person, &h.id)?;
    }
    Ok(())
}

fn write_office_head(out: &mut impl Write, role: &str, holders: usize) -> io::Result<()> {
    writeln!(out, "{role} (role, {})", plural(holders, "mention"))
}

/// One holder of an office: the article's day, the person, the article's id.
fn write_holder(
    out: &mut impl Write,
    date: Option<&str>,
    person: &str,
    id: &str,
) -> io::Result<()> {
    // Dates are padded to the width of a whole day, as `{:<10}` pads them.
    const PADDING: &str = "          ";
    let date = or_dash(docbao::article::day(date));
    let pad = PADDING
        .get(date.chars().count().min(PADDING.len())..)
        .unwrap_or_default();
    write_pieces(out, ["  ", date, pad, "  ", person, "  ", id, "\n"])
}

/// How many names and offices `facts --query` shows, the names first.
const ANSWERS: usize = 10;

/// What `facts --query` writes from the index: as from the entries and offices made whole
/// (the first `ANSWERS` of them shown), each line made from the index's rows as it is written.
/// Whether anything matched.
fn write_listing(out: &mut impl Write, listing: &Listing, query: &str) -> io::Result<bool> {
    let shown = listing.lookup(query);
    let roles = listing.lookup_offices(query);
    let matched = !shown.is_empty() || !roles.is_empty();
    let shown = &shown[..shown.len().min(ANSWERS)];
    let roles = &roles[..roles.len().min(ANSWERS - shown.len())];
    // The offices' holders are put in date order on another core while the entries are
    // written.
    let timelines = std::thread::scope(|s| {
        let timelines = s.spawn(|| {
            roles
                .par_iter()
                .map(|o| listing.timeline(o))
                .collect::<Vec<_>>()
        });
        for e in shown {
            let head = EntryHead {
                name: &e.name,
                kind: e.kind,
                mentions: e.mentions,
                articles: e.articles(),
                roles: e.roles(),
                with: &e.with,
            };
            write_entry_head(out, &head)?;
            for (a, _) in listing.articles(e) {
                write_mention(out, a.id, a.date, a.title)?;
            }
        }
        io::Result::Ok(
            timelines
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    })?;
    for (o, timeline) in roles.iter().zip(timelines) {
        write_office_head(out, &o.role, o.holders())?;
        for (person, a) in timeline {
            write_holder(out, a.date, person, a.id)?;
        }
    }
    Ok(matched)
}

fn write_index(out: &mut impl Write, entries: &[&index::Entry]) -> io::Result<()> {
    for kind in docbao::article::INDEXED {
        let group: Vec<&&index::Entry> = entries.iter().filter(|e| e.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        let heading = match kind {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organisations",
            _ => "Places",
        };
        writeln!(out, "{heading} ({})", group.len())?;
        for e in group {
            let ids: Vec<&str> = e.articles.iter().map(|m| &*m.id).collect();
            let roles: Vec<&str> = e.roles.iter().map(|r| &*r.role).take(3).collect();
            let roles = if roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", roles.join("; "))
            };
            writeln!(
                out,
                "  {} ×{}{roles}  [{}]",
                e.name,
                e.mentions(),
                ids.join(" ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn an_office_lists_each_holder_under_a_date_padded_to_a_day() {
        let office = index::Office {
            role: "Tổng Thư ký".into(),
            holders: vec![
                index::Holder {
                    person: "Jürgen Stock".into(),
                    id: "a1".into(),
                    date: Some("2024-03-05T08:00:00+07:00".into()),
                },
                index::Holder {
                    person: "Valdecy Urquiza".into(),
                    id: "a2".into(),
                    date: None,
                },
            ],
        };
        assert_eq!(
            written(|out| write_office(out, &office)),
            "Tổng Thư ký (role, 2 mentions)\n\
             \x20 2024-03-05  Jürgen Stock  a1\n\
             \x20 -           Valdecy Urquiza  a2\n"
        );
    }

    #[test]
    fn an_entry_in_full_gives_each_article_with_its_day_and_title() {
        let mention = |id: &str, date: Option<&str>, title: &str| index::Mention {
            id: id.into(),
            date: date.map(Into::into),
            title: title.into(),
            count: 1,
        };
        let entry = index::Entry {
            kind: EntityKind::Organization,
            name: "Bộ Công an".into(),
            roles: Vec::new(),
            articles: vec![
                mention("b1", Some("2023-11-20"), "Hội nghị ASEANAPOL"),
                mention("b2", None, "Tin không ngày"),
            ],
            with: Vec::new(),
        };
        assert_eq!(
            written(|out| write_entry(out, &entry, true)),
            "Bộ Công an (organization, 2 mentions in 2 articles)\n\
             \x20 b1  2023-11-20  Hội nghị ASEANAPOL\n\
             \x20 b2  -  Tin không ngày\n"
        );
    }
}
