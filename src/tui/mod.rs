//! The reader: state and update in `app`, drawing in `view`, entity spans to styles in
//! `highlight`. This module owns the terminal and the event loop.

mod app;
mod article;
mod boxes;
mod clipboard;
mod corpus_view;
mod facts;
mod frugal;
mod highlight;
mod keymap;
mod list;
mod view;

use std::io;

use std::io::Write as _;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use docbao::config::Config;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};

use docbao::corpus::{Batch, Corpus, Loading};
use docbao::state::Store;

use app::Effect;

pub use app::{App, IndexPlace, READING_WIDTH};
pub use highlight::Theme;
pub use keymap::Action;

/// How often the event loop looks for the filter's outcome while one is under way.
const FILTER_POLL: std::time::Duration = std::time::Duration::from_millis(8);
/// How often the list and the progress line are brought up to date while a folder is read.
const LOAD_POLL: std::time::Duration = std::time::Duration::from_millis(100);
/// How long the first frame waits for a folder to be read: long enough for a small one, short
/// enough to seem instant.
const FIRST_FRAME_WAIT: std::time::Duration = std::time::Duration::from_millis(80);

/// The reader's terminal: ratatui over docbao's own frugal backend.
type Screen = ratatui::Terminal<frugal::Frugal<io::Stdout>>;

/// How the reader starts, from the command line and the config.
pub struct Options {
    pub reading_width: usize,
    pub mouse: bool,
    pub config: Config,
    /// Problems with the config, shown in the warnings view.
    pub problems: Vec<String>,
    /// Folders still being read: where their files and batches come from.
    pub loading: Option<Receiver<Loading>>,
    /// Where the folders' lookup index is kept, if they have one.
    pub index: Option<IndexPlace>,
}

/// The names of the keymap's actions, in order: `config::ACTIONS`, as a test checks.
#[cfg(test)]
pub fn action_names() -> Vec<&'static str> {
    keymap::keymap().iter().map(|b| b.name).collect()
}

/// Runs the reader until the user quits. The terminal is restored on return and on panic.
pub fn run(corpus: Corpus, options: Options) -> anyhow::Result<()> {
    let report = std::panic::take_hook();
    let mouse = options.mouse;
    std::panic::set_hook(Box::new(move |info| {
        leave(mouse);
        report(info);
        eprintln!(
            "docbao stopped on a bug, and the terminal has been given back. Please report it, \
             with the message above and what you were doing: see \"Reporting problems\" in \
             docbao's README."
        );
    }));
    let mut terminal = enter(mouse)?;
    let result = event_loop(&mut terminal, corpus, options);
    leave(mouse);
    result
}

/// Gives the terminal back: mouse reporting off, then what `ratatui::restore` undoes.
fn leave(mouse: bool) {
    if mouse {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
    }
    ratatui::restore();
}

/// Raw mode and the alternate screen, as `ratatui::init` sets them up, and mouse reporting.
fn enter(mouse: bool) -> io::Result<Screen> {
    crossterm::terminal::enable_raw_mode()?;
    let mut entered = crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen);
    if mouse {
        entered = entered
            .and_then(|()| crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture));
    }
    let screen = entered.and_then(|()| ratatui::Terminal::new(frugal::Frugal::new(io::stdout())));
    if screen.is_err() {
        leave(mouse);
    }
    screen
}

fn event_loop(terminal: &mut Screen, corpus: Corpus, options: Options) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let theme = Theme::from_env().with_colours(&options.config.colors);
    let mut app = App::new(corpus, size.width, size.height, theme);
    app.set_reading_width(options.reading_width);
    app.bind(&options.config.keys);
    app.mouse = options.mouse;
    app.index = options.index;
    // The facts pane beside the article starts hidden (`f` shows it); folded, it is hidden
    // until asked for anyway.
    app.show_facts = options.config.facts_panel;
    app.warnings.extend(options.problems);
    app.browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let store = Store::default_place();
    if let Some(store) = &store {
        let (state, warning) = store.load();
        app.state = state;
        app.warnings.extend(warning);
    }
    let mut feed = options.loading;
    if feed.is_some() {
        app.loading = Some(app::Progress::default());
    }
    // A small folder is read before the first frame, so it does not flash an empty list.
    let first_frame = std::time::Instant::now() + FIRST_FRAME_WAIT;
    while let Some(rx) = &feed {
        match rx.recv_timeout(first_frame.saturating_duration_since(std::time::Instant::now())) {
            Ok(loading) => app.take(loading),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => {
                app.loaded();
                feed = None;
                crate::trace::mark(&format!("loaded {}", app.articles.len()));
            }
        }
    }
    // For the end-to-end test of the panic path: the terminal must come back all the same.
    let panic_for_test = std::env::var_os("DOCBAO_TEST_PANIC").is_some();
    let mut first = true;
    // When the last keystroke came, to trace how long it took to show.
    let mut key_at: Option<std::time::Instant> = None;
    loop {
        terminal.draw(|frame| view::draw(frame, &app))?;
        if first {
            crate::trace::mark(&format!("first-frame {}", app.articles.len()));
            first = false;
        }
        if let Some(at) = key_at.take() {
            let ms = at.elapsed().as_secs_f64() * 1000.0;
            crate::trace::mark(&format!("keystroke {ms:.2} {}", app.articles.len()));
        }
        assert!(!panic_for_test, "DOCBAO_TEST_PANIC is set");
        // Block until something happens: no redraws while idle. While the filter works on a
        // long list or a folder is being read, wake now and then to show how far they got.
        // Draw once per batch of pending events, so a held key or a paste does not queue up
        // frames.
        loop {
            // The corpus view is shown as soon as its names come.
            let wait = if app.filter_pending()
                || app.corpus_coming.is_some()
                || app.entry_coming.is_some()
            {
                FILTER_POLL
            } else if feed.is_some() {
                LOAD_POLL
            } else {
                break;
            };
            if event::poll(wait)? {
                break;
            }
            let filtered = app.poll_filter();
            let corpus = app.poll_corpus() | app.poll_entry();
            if take_batches(&mut app, &mut feed) || filtered || corpus {
                terminal.draw(|frame| view::draw(frame, &app))?;
            }
        }
        let mut next = Some(event::read()?);
        key_at = Some(std::time::Instant::now());
        while let Some(ev) = next {
            let action = match ev {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    keymap::keymap_action(&app, &key)
                }
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                // Mouse reports can arrive without mouse capture (pasted, or sent by a
                // multiplexer): with the mouse off they are not acted on.
                Event::Mouse(m) if app.mouse => mouse_action(m),
                _ => None,
            };
            if let Some(action) = action {
                app.update(action);
            }
            if let Some(effect) = app.effect.take() {
                app.message = Some(carry_out(terminal, effect, app.mouse)?);
            }
            if app.quit {
                if let Some(store) = &store {
                    store.save(&app.state).map_err(|e| {
                        anyhow::anyhow!(
                            "could not save the reading state to {}: {e}",
                            store.path().display()
                        )
                    })?;
                }
                // The process ends now: freeing every article first would only delay it.
                std::mem::forget(app);
                return Ok(());
            }
            next = if event::poll(std::time::Duration::ZERO)? {
                Some(event::read()?)
            } else {
                None
            };
        }
    }
}

/// Adds the batches the loader has sent; true if the list changed.
fn take_batches(app: &mut App, feed: &mut Option<Receiver<Loading>>) -> bool {
    let Some(rx) = feed else {
        return false;
    };
    // The batches waiting go in as one, so the list is arranged (and sorted) once per wake.
    let mut waiting = Batch::default();
    let mut changed = false;
    let done = loop {
        match rx.try_recv() {
            Ok(Loading::Batch(batch)) => {
                waiting.files += batch.files;
                waiting.articles.extend(batch.articles);
                waiting.searchables.extend(batch.searchables);
                waiting.kept.extend(batch.kept);
                waiting.seen.extend(batch.seen);
                waiting.warnings.extend(batch.warnings);
            }
            Ok(found) => app.take(found),
            Err(TryRecvError::Empty) => break false,
            Err(TryRecvError::Disconnected) => break true,
        }
        changed = true;
    };
    if waiting.files > 0 {
        app.append(waiting);
    }
    if done {
        app.loaded();
        *feed = None;
        crate::trace::mark(&format!("loaded {}", app.articles.len()));
    }
    changed || done
}

/// What a mouse event does: the wheel scrolls, a left click selects.
fn mouse_action(m: MouseEvent) -> Option<Action> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

/// Does what the reader asked; returns what the status line says about it.
fn carry_out(terminal: &mut Screen, effect: Effect, mouse: bool) -> anyhow::Result<String> {
    match effect {
        Effect::Copy { what, text } => {
            if text.len() > clipboard::MAX_COPY {
                return Ok(format!(
                    "{what} is too long to copy through the terminal ({} KB)",
                    text.len() / 1024
                ));
            }
            let inside_tmux = std::env::var_os("TMUX").is_some();
            let mut out = io::stdout();
            out.write_all(&clipboard::osc52(&text, inside_tmux))?;
            out.flush()?;
            Ok(format!("copied {what} ({} chars)", text.chars().count()))
        }
        Effect::Open(url) => {
            let browser = std::env::var("BROWSER").unwrap_or_default();
            // The browser may be a terminal program: give it the terminal, then take it back.
            leave(mouse);
            let status = clipboard::browse(&browser, &url);
            *terminal = enter(mouse)?;
            terminal.clear()?;
            Ok(match status {
                Ok(()) => format!("opened {url}"),
                Err(e) => format!("could not open the page with $BROWSER ({browser}): {e}"),
            })
        }
    }
}
