//! The actions a user can ask for and the keys that ask: the pure `keymap_action`, and the
//! bindings that the help and the config's key names are made from.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use docbao::config::{Key, KeySpec};

use super::app::{App, Overlay};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Open,
    Back,
    FocusNext,
    FocusPrev,
    ToggleFacts,
    ToggleHelp,
    ToggleWarnings,
    ToggleRaw,
    NextHit,
    PrevHit,
    StartFilter,
    FilterInput(char),
    FilterBackspace,
    FilterAccept,
    NextEntity,
    PrevEntity,
    Mentions,
    CorpusView,
    Sort,
    UnreadOnly,
    Bookmark,
    Bookmarks,
    Copy,
    OpenLink,
    /// The mouse wheel over the cell at (column, row); `down` scrolls towards the end.
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A left click on the cell at (column, row).
    Click {
        column: u16,
        row: u16,
    },
    Resize(u16, u16),
}

/// One row of the keymap: the keys as shown, what they do, and the action.
pub struct Binding {
    /// The action's name in the config file's `[keys]`.
    pub name: &'static str,
    pub keys: &'static str,
    pub help: &'static str,
    pub action: Action,
    pub(super) matches: fn(&KeyEvent) -> bool,
}

pub(super) fn plain(k: &KeyEvent, code: KeyCode) -> bool {
    k.code == code && !k.modifiers.contains(KeyModifiers::CONTROL)
}

pub(super) fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.code == KeyCode::Char(c) && k.modifiers.contains(KeyModifiers::CONTROL)
}

/// The keys outside the filter line. The help overlay is generated from this table.
pub fn keymap() -> Vec<Binding> {
    vec![
        Binding {
            name: "down",
            keys: "j ↓",
            help: "next article / scroll down",
            action: Action::Down,
            matches: |k| plain(k, KeyCode::Char('j')) || plain(k, KeyCode::Down),
        },
        Binding {
            name: "up",
            keys: "k ↑",
            help: "previous article / scroll up",
            action: Action::Up,
            matches: |k| plain(k, KeyCode::Char('k')) || plain(k, KeyCode::Up),
        },
        Binding {
            name: "page_down",
            keys: "PgDn Space",
            help: "page down",
            action: Action::PageDown,
            matches: |k| plain(k, KeyCode::PageDown) || plain(k, KeyCode::Char(' ')),
        },
        Binding {
            name: "page_up",
            keys: "PgUp",
            help: "page up",
            action: Action::PageUp,
            matches: |k| plain(k, KeyCode::PageUp),
        },
        Binding {
            name: "half_page_down",
            keys: "Ctrl-d",
            help: "half a page down",
            action: Action::HalfPageDown,
            matches: |k| ctrl(k, 'd'),
        },
        Binding {
            name: "half_page_up",
            keys: "Ctrl-u",
            help: "half a page up",
            action: Action::HalfPageUp,
            matches: |k| ctrl(k, 'u'),
        },
        Binding {
            name: "top",
            keys: "g Home",
            help: "to the top",
            action: Action::Top,
            matches: |k| plain(k, KeyCode::Char('g')) || plain(k, KeyCode::Home),
        },
        Binding {
            name: "bottom",
            keys: "G End",
            help: "to the bottom",
            action: Action::Bottom,
            matches: |k| plain(k, KeyCode::Char('G')) || plain(k, KeyCode::End),
        },
        Binding {
            name: "open",
            keys: "Enter l →",
            help: "open the article",
            action: Action::Open,
            matches: |k| {
                plain(k, KeyCode::Enter) || plain(k, KeyCode::Char('l')) || plain(k, KeyCode::Right)
            },
        },
        Binding {
            name: "back",
            keys: "Esc h ←",
            help: "back to the list; clear the filter",
            action: Action::Back,
            matches: |k| {
                plain(k, KeyCode::Esc) || plain(k, KeyCode::Char('h')) || plain(k, KeyCode::Left)
            },
        },
        Binding {
            name: "focus_next",
            keys: "Tab",
            help: "focus next pane",
            action: Action::FocusNext,
            matches: |k| plain(k, KeyCode::Tab),
        },
        Binding {
            name: "focus_prev",
            keys: "Shift-Tab",
            help: "focus previous pane",
            action: Action::FocusPrev,
            matches: |k| plain(k, KeyCode::BackTab),
        },
        Binding {
            name: "filter",
            keys: "/",
            help: "filter the list / search the text",
            action: Action::StartFilter,
            matches: |k| plain(k, KeyCode::Char('/')),
        },
        Binding {
            name: "next_hit",
            keys: "n N",
            help: "next / previous search hit",
            action: Action::NextHit,
            matches: |k| plain(k, KeyCode::Char('n')),
        },
        // Shown in the help with `n`, above.
        Binding {
            name: "prev_hit",
            keys: "",
            help: "",
            action: Action::PrevHit,
            matches: |k| plain(k, KeyCode::Char('N')),
        },
        Binding {
            name: "next_entity",
            keys: "] [",
            help: "next / previous name or figure",
            action: Action::NextEntity,
            matches: |k| plain(k, KeyCode::Char(']')),
        },
        // Shown in the help with `]`, above.
        Binding {
            name: "prev_entity",
            keys: "",
            help: "",
            action: Action::PrevEntity,
            matches: |k| plain(k, KeyCode::Char('[')),
        },
        Binding {
            name: "mentions",
            keys: "m",
            help: "where the selected name occurs",
            action: Action::Mentions,
            matches: |k| plain(k, KeyCode::Char('m')),
        },
        Binding {
            name: "corpus",
            keys: "c",
            help: "names across all articles",
            action: Action::CorpusView,
            matches: |k| plain(k, KeyCode::Char('c')),
        },
        Binding {
            name: "facts",
            keys: "f",
            help: "show or hide the facts panel",
            action: Action::ToggleFacts,
            matches: |k| plain(k, KeyCode::Char('f')),
        },
        Binding {
            name: "raw",
            keys: "r",
            help: "raw text, removed lines marked",
            action: Action::ToggleRaw,
            matches: |k| plain(k, KeyCode::Char('r')),
        },
        Binding {
            name: "sort",
            keys: "s",
            help: "sort: as read, date, title, source",
            action: Action::Sort,
            matches: |k| plain(k, KeyCode::Char('s')),
        },
        Binding {
            name: "unread_only",
            keys: "u",
            help: "list unread articles or all",
            action: Action::UnreadOnly,
            matches: |k| plain(k, KeyCode::Char('u')),
        },
        Binding {
            name: "bookmark",
            keys: "b",
            help: "add or remove a bookmark",
            action: Action::Bookmark,
            matches: |k| plain(k, KeyCode::Char('b')),
        },
        Binding {
            name: "bookmarks",
            keys: "B",
            help: "list bookmarked articles or all",
            action: Action::Bookmarks,
            matches: |k| plain(k, KeyCode::Char('B')),
        },
        Binding {
            name: "copy",
            keys: "y",
            help: "copy the text, facts or name",
            action: Action::Copy,
            matches: |k| plain(k, KeyCode::Char('y')),
        },
        Binding {
            name: "open_link",
            keys: "o",
            help: "open the web page ($BROWSER)",
            action: Action::OpenLink,
            matches: |k| plain(k, KeyCode::Char('o')),
        },
        Binding {
            name: "warnings",
            keys: "w",
            help: "warnings: files not read",
            action: Action::ToggleWarnings,
            matches: |k| plain(k, KeyCode::Char('w')),
        },
        Binding {
            name: "help",
            keys: "?",
            help: "this help",
            action: Action::ToggleHelp,
            matches: |k| plain(k, KeyCode::Char('?')),
        },
        Binding {
            name: "quit",
            keys: "q Ctrl-c",
            help: "quit",
            action: Action::Quit,
            matches: |k| plain(k, KeyCode::Char('q')) || ctrl(k, 'c'),
        },
    ]
}

/// What a key does in the current state.
pub fn keymap_action(app: &App, key: &KeyEvent) -> Option<Action> {
    if app.filtering {
        return match key.code {
            _ if ctrl(key, 'c') => Some(Action::Quit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Enter => Some(Action::FilterAccept),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::FilterInput(c))
            }
            _ => None,
        };
    }
    if app.overlay != Overlay::None {
        // Any key closes an overlay; q still quits, and y copies the link shown.
        return match app.action_of(key) {
            Some(Action::Quit) => Some(Action::Quit),
            Some(Action::Copy) if app.overlay == Overlay::Link => Some(Action::Copy),
            _ => Some(Action::Back),
        };
    }
    app.action_of(key)
}

/// Whether `key` is the key the config names.
pub(super) fn spec_matches(spec: &KeySpec, key: &KeyEvent) -> bool {
    let code = match spec.key {
        Key::Char(c) => KeyCode::Char(c),
        Key::F(n) => KeyCode::F(n),
        Key::Named(name) => match name {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            _ => return false,
        },
    };
    key.code == code
        && key.modifiers.contains(KeyModifiers::CONTROL) == spec.ctrl
        && key.modifiers.contains(KeyModifiers::ALT) == spec.alt
}
