//! The reader: state and update in `app`, drawing in `view`, entity spans to styles in
//! `highlight`. This module owns the terminal and the event loop.

mod app;
mod clipboard;
mod frugal;
mod highlight;
mod view;

use std::io;

use std::io::Write as _;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use docbao::config::Config;
use docbao::corpus::Corpus;
use docbao::state::Store;

use app::Effect;

pub use app::{keymap, Action, App, READING_WIDTH};
pub use highlight::Theme;

/// How often the event loop looks for the filter's outcome while one is under way.
const FILTER_POLL: std::time::Duration = std::time::Duration::from_millis(8);

/// The reader's terminal: ratatui over docbao's own frugal backend.
type Screen = ratatui::Terminal<frugal::Frugal<io::Stdout>>;

/// How the reader starts, from the command line and the config.
pub struct Options {
    pub reading_width: usize,
    pub mouse: bool,
    pub config: Config,
    /// Problems with the config, shown in the warnings view.
    pub problems: Vec<String>,
}

/// The config's names of actions, for checking its `[keys]`.
pub fn action_names() -> Vec<&'static str> {
    keymap().iter().map(|b| b.name).collect()
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
    if !options.config.facts_panel {
        app.update(Action::ToggleFacts);
    }
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
