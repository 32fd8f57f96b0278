//! The reader: state and update in `app`, drawing in `view`, entity spans to styles in
//! `highlight`. This module owns the terminal and the event loop.

mod app;
mod frugal;
mod highlight;
mod view;

use std::io;

use crossterm::event::{self, Event, KeyEventKind};
use docbao::corpus::Corpus;
use docbao::state::Store;

pub use app::{Action, App, READING_WIDTH};
pub use highlight::Theme;

/// How often the event loop looks for the filter's outcome while one is under way.
const FILTER_POLL: std::time::Duration = std::time::Duration::from_millis(8);

/// The reader's terminal: ratatui over docbao's own frugal backend.
type Screen = ratatui::Terminal<frugal::Frugal<io::Stdout>>;

/// Runs the reader until the user quits. The terminal is restored on return and on panic.
pub fn run(corpus: Corpus, reading_width: usize) -> anyhow::Result<()> {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        report(info);
        eprintln!(
            "docbao stopped on a bug, and the terminal has been given back. Please report it, \
             with the message above and what you were doing: see \"Reporting problems\" in \
             docbao's README."
        );
    }));
    let mut terminal = enter()?;
    let result = event_loop(&mut terminal, corpus, reading_width);
    ratatui::restore();
    result
}

/// Raw mode and the alternate screen, as `ratatui::init` sets them up.
fn enter() -> io::Result<Screen> {
    crossterm::terminal::enable_raw_mode()?;
    let entered = crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)
        .and_then(|()| ratatui::Terminal::new(frugal::Frugal::new(io::stdout())));
    if entered.is_err() {
        ratatui::restore();
    }
    entered
}

fn event_loop(terminal: &mut Screen, corpus: Corpus, reading_width: usize) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(corpus, size.width, size.height, Theme::from_env());
    app.set_reading_width(reading_width);
    let store = Store::default_place();
    if let Some(store) = &store {
        let (state, warning) = store.load();
        app.state = state;
        app.warnings.extend(warning);
    }
    // For the end-to-end test of the panic path: the terminal must come back all the same.
    let panic_for_test = std::env::var_os("DOCBAO_TEST_PANIC").is_some();
    loop {
        terminal.draw(|frame| view::draw(frame, &app))?;
        assert!(!panic_for_test, "DOCBAO_TEST_PANIC is set");
        // Block until something happens: no redraws while idle. While the filter works on a
        // long list, wake now and then to show its outcome. Draw once per batch of pending
        // events, so a held key or a paste does not queue up frames.
        while app.filter_pending() && !event::poll(FILTER_POLL)? {
            if app.poll_filter() {
                terminal.draw(|frame| view::draw(frame, &app))?;
            }
        }
        let mut next = Some(event::read()?);
        while let Some(ev) = next {
            let action = match ev {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app::keymap_action(&app, &key)
                }
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                _ => None,
            };
            if let Some(action) = action {
                app.update(action);
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
