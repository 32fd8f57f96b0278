//! The reader: state and update in `app`, drawing in `view`, entity spans to styles in
//! `highlight`. This module owns the terminal and the event loop.

mod app;
mod highlight;
mod view;

use crossterm::event::{self, Event, KeyEventKind};
use docbao::corpus::Corpus;

pub use app::{Action, App};
pub use highlight::Theme;

/// How often the event loop looks for the filter's outcome while one is under way.
const FILTER_POLL: std::time::Duration = std::time::Duration::from_millis(8);

/// Runs the reader until the user quits. The terminal is restored on return and on panic.
pub fn run(corpus: Corpus) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, corpus);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, corpus: Corpus) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(corpus, size.width, size.height, Theme::from_env());
    loop {
        terminal.draw(|frame| view::draw(frame, &app))?;
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
