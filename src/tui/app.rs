//! The reader's state, the actions that change it, and the keymap that the help is made from.

use std::cell::OnceCell;
use std::cmp::Reverse;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Line;

use docbao::clean::BlockKind;
use docbao::config::{Key, KeySpec};
use docbao::corpus::{Article, Batch, Corpus, Loading};
use docbao::extract::{EntityKind, Fact};
use docbao::filter::Filterer;
use docbao::search;
use docbao::state::{self, Place, ReadingState};
use docbao::text;

use super::highlight::{self, Theme};
use super::view::kind_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Article,
    Facts,
}

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
    matches: fn(&KeyEvent) -> bool,
}

fn plain(k: &KeyEvent, code: KeyCode) -> bool {
    k.code == code && !k.modifiers.contains(KeyModifiers::CONTROL)
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
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
fn spec_matches(spec: &KeySpec, key: &KeyEvent) -> bool {
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

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// As the files were read (or by relevance while filtering).
    AsRead,
    /// Newest first; undated articles last.
    Date,
    Title,
    /// By source, newest first within one.
    Source,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::AsRead => Sort::Date,
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Source,
            Sort::Source => Sort::AsRead,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::AsRead => "",
            Sort::Date => "by date",
            Sort::Title => "by title",
            Sort::Source => "by source",
        }
    }
}

/// Which articles the list shows, before the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    All,
    Unread,
    Bookmarked,
}

/// Something the reader asks of the terminal or the system, done by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put `text` on the clipboard; `what` names it for the status line.
    Copy { what: String, text: String },
    /// Open `url` in $BROWSER.
    Open(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Warnings,
    /// The open article's web address, shown when there is no browser to open it with.
    Link,
    /// Where the selected entity occurs, in this article and in the others.
    Mentions,
}

/// The corpus view: every person, organisation and place of the articles read, with the
/// articles that name them.
#[derive(Debug, Clone, Default)]
pub struct CorpusView {
    pub entries: Vec<docbao::index::Entry>,
    pub selected: usize,
    pub offset: usize,
    /// The entry whose articles are listed, and the article selected among them.
    pub open: Option<(usize, usize)>,
    /// How many articles the index was made from.
    pub made_from: usize,
}

impl CorpusView {
    /// The rows shown, and the selected one.
    pub fn len_and_at(&self) -> (usize, usize) {
        match self.open {
            Some((e, at)) => (self.entries[e].articles.len(), at),
            None => (self.entries.len(), self.selected),
        }
    }
}

/// What the mentions overlay lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mentions {
    /// "person “Jurgen Stock”".
    pub what: String,
    /// The sentences around each mention in the open article.
    pub here: Vec<String>,
    /// Other articles that mention it: id, date, title and how many times.
    pub elsewhere: Vec<(String, String, String, usize)>,
}

pub struct App {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// Matches the filter line against the list, off this thread when the list is long.
    filterer: Filterer,
    /// The articles the filter let through (all of them without one), in its order.
    hits: Vec<usize>,
    /// The articles the list shows, by index into `articles`: `hits` narrowed by `show` and
    /// put in `sort` order.
    pub rows: Vec<usize>,
    pub sort: Sort,
    pub show: Show,
    /// Marks the matched chars of the titles on screen: made from the query `rows` are the
    /// hits of, none when they are every article.
    pub marks: Option<search::TitleMarks>,
    pub selected: usize,
    pub list_offset: usize,
    pub focus: Focus,
    pub show_facts: bool,
    /// The article pane shows the text as read, removed lines marked, instead of the clean one.
    pub raw: bool,
    pub filtering: bool,
    pub filter: String,
    /// The filter line is searching the open article's text rather than filtering the list.
    pub in_article: bool,
    /// The in-article search, the lines of the article its hits are on, and the current hit.
    pub article_query: String,
    pub hit_lines: Vec<usize>,
    pub hit_at: usize,
    /// The selected entity: the article's index and the entity's index in it.
    pub entity: Option<(usize, usize)>,
    /// The line each of the open article's entities starts on.
    entity_lines: Vec<usize>,
    pub mentions: Mentions,
    /// The corpus view, while it is shown.
    pub corpus: Option<CorpusView>,
    pub overlay: Overlay,
    pub width: u16,
    pub height: u16,
    pub theme: Theme,
    /// The widest the article's prose wraps.
    reading_width: usize,
    /// The open article laid out for the current width (built in `update`, read by the view).
    pub article_lines: Vec<Line<'static>>,
    pub article_scroll: usize,
    pub facts_lines: Vec<Line<'static>>,
    /// The selectable items of the facts panel, and the one selected.
    pub fact_items: Vec<FactItem>,
    pub fact_at: Option<usize>,
    /// The article the panes were last laid out for.
    laid_out: Option<usize>,
    pub facts_scroll: usize,
    pub quit: bool,
    /// Read marks and places, saved when the reader quits.
    pub state: ReadingState,
    /// Each article's key into `state`, hashed from its text the first time it is needed.
    keys: Vec<OnceCell<String>>,
    /// Keys the config adds, tried before the keymap's.
    pub extra_keys: Vec<(KeySpec, Action)>,
    pub mouse: bool,
    /// What the status line says until the next key: "copied …".
    pub message: Option<String>,
    /// For the event loop to carry out after this update.
    pub effect: Option<Effect>,
    /// The command that opens web pages ($BROWSER), if there is one.
    pub browser: Option<String>,
    /// Files read of all, while a folder is still being read.
    pub loading: Option<Progress>,
}

/// How far the reading of a folder has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub read: usize,
    /// How many files there are, once the folders have been walked.
    pub total: Option<usize>,
}

/// Below this width the reader shows one pane at a time.
pub const NARROW: u16 = 80;
/// Prose wraps at most this wide, however wide the terminal, unless the user says otherwise.
pub const READING_WIDTH: u16 = 100;

impl App {
    pub fn new(corpus: Corpus, width: u16, height: u16, theme: Theme) -> App {
        let filterer = Filterer::new(
            corpus
                .articles
                .iter()
                .map(search::Searchable::new)
                .collect(),
        );
        let rows: Vec<usize> = (0..corpus.articles.len()).collect();
        let mut app = App {
            articles: corpus.articles,
            warnings: corpus.warnings,
            filterer,
            hits: rows.clone(),
            rows,
            sort: Sort::AsRead,
            show: Show::All,
            marks: None,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            show_facts: true,
            raw: false,
            filtering: false,
            filter: String::new(),
            in_article: false,
            article_query: String::new(),
            hit_lines: Vec::new(),
            entity: None,
            entity_lines: Vec::new(),
            mentions: Mentions::default(),
            corpus: None,
            hit_at: 0,
            overlay: Overlay::None,
            width,
            height,
            theme,
            reading_width: usize::from(READING_WIDTH),
            article_lines: Vec::new(),
            article_scroll: 0,
            facts_lines: Vec::new(),
            fact_items: Vec::new(),
            fact_at: None,
            laid_out: None,
            facts_scroll: 0,
            quit: false,
            state: ReadingState::default(),
            keys: Vec::new(),
            extra_keys: Vec::new(),
            mouse: true,
            message: None,
            effect: None,
            browser: None,
            loading: None,
        };
        app.keys.resize_with(app.articles.len(), OnceCell::new);
        app.layout_article();
        app
    }

    /// The open article (its index in `articles`) and its first line on screen, while one is
    /// being read.
    fn reading(&self) -> Option<(usize, usize)> {
        if self.focus == Focus::List {
            return None;
        }
        let &index = self.rows.get(self.selected)?;
        Some((index, self.article_scroll))
    }

    /// The key of article `index` into the reading state.
    fn key(&self, index: usize) -> &str {
        self.keys[index].get_or_init(|| state::key(&self.articles[index]))
    }

    /// The action a key is bound to: the config's keys first, then the keymap's.
    fn action_of(&self, key: &KeyEvent) -> Option<Action> {
        self.extra_keys
            .iter()
            .find(|(spec, _)| spec_matches(spec, key))
            .map(|(_, action)| *action)
            .or_else(|| {
                keymap()
                    .into_iter()
                    .find(|b| (b.matches)(key))
                    .map(|b| b.action)
            })
    }

    /// Adds the config's keys, by action name (names the config has checked).
    pub fn bind(&mut self, keys: &[(String, Vec<KeySpec>)]) {
        let map = keymap();
        for (name, specs) in keys {
            if let Some(b) = map.iter().find(|b| b.name == name) {
                self.extra_keys
                    .extend(specs.iter().map(|spec| (spec.clone(), b.action)));
            }
        }
    }

    /// The keys the help shows for `action`: the config's, then the keymap's.
    pub fn keys_of(&self, binding: &Binding) -> String {
        let mut keys: Vec<String> = self
            .extra_keys
            .iter()
            .filter(|(_, a)| *a == binding.action)
            .map(|(spec, _)| spec.to_string())
            .collect();
        if !binding.keys.is_empty() {
            keys.push(binding.keys.to_owned());
        }
        keys.join(" ")
    }

    /// Whether article `index` is bookmarked.
    pub fn is_bookmarked(&self, index: usize) -> bool {
        self.state.place(self.key(index)).bookmarked
    }

    /// Whether article `index` has never been opened, here or in an earlier run.
    pub fn is_unread(&self, index: usize) -> bool {
        !self.state.is_read(self.key(index))
    }

    pub fn current(&self) -> Option<&Article> {
        self.rows
            .get(self.selected)
            .map(|&index| &self.articles[index])
    }

    pub fn narrow(&self) -> bool {
        self.width < NARROW
    }

    /// The panes' sizes, shared by update (for scrolling and wrapping) and the view.
    pub fn panes(&self) -> Panes {
        let body_h = self
            .height
            .saturating_sub(1 + u16::from(self.filtering || !self.filter.is_empty()));
        if self.narrow() {
            return Panes {
                list_w: self.width,
                article_w: self.width,
                facts_w: self.width,
                body_h,
            };
        }
        // Browsing, the list gets room for dates and sources; reading, the article does.
        let list_w = if self.focus == Focus::List {
            (self.width / 2).clamp(24, 72)
        } else {
            (self.width * 3 / 10).clamp(24, 56)
        };
        let rest = self.width - list_w;
        let facts_w = if self.show_facts {
            (rest / 3).clamp(20, 44)
        } else {
            0
        };
        Panes {
            list_w,
            article_w: rest - facts_w,
            facts_w,
            body_h,
        }
    }

    fn list_height(&self) -> usize {
        usize::from(self.panes().body_h.saturating_sub(2)).max(1)
    }

    fn article_height(&self) -> usize {
        usize::from(self.panes().body_h.saturating_sub(2)).max(1)
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        let before = self.panes();
        let reading = self.reading();
        let opening =
            matches!(action, Action::Open) && self.focus == Focus::List && self.corpus.is_none();
        self.apply(action);
        // Leaving an article (for another, for the list, or to quit) remembers the place.
        if let Some((index, line)) = reading {
            if self.quit || self.reading().is_none_or(|(now, _)| now != index) {
                let key = self.key(index).to_owned();
                let place = self.state.place(&key);
                self.state.set(
                    key,
                    Place {
                        read: true,
                        line,
                        ..place
                    },
                );
            }
        }
        if opening && self.focus != Focus::List {
            if let Some(&index) = self.rows.get(self.selected) {
                self.article_scroll = self.mark_read(index).line;
                self.clamp();
            }
        }
        let after = self.panes();
        if (before.article_w, before.facts_w) != (after.article_w, after.facts_w) {
            // The panes changed width: wrap again, keeping the reader's place roughly.
            let (article, facts) = (self.article_scroll, self.facts_scroll);
            self.layout_article();
            self.article_scroll = article;
            self.facts_scroll = facts;
            self.clamp();
        }
    }

    fn apply(&mut self, action: Action) {
        if self.corpus.is_some() && self.overlay == Overlay::None && self.in_corpus(action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => {
                self.width = w;
                self.height = h;
                self.layout_article();
                self.clamp();
            }
            Action::ToggleHelp => self.overlay = toggle(self.overlay, Overlay::Help, Overlay::None),
            Action::ToggleRaw => {
                self.raw = !self.raw;
                self.layout_article();
            }
            Action::ToggleWarnings => {
                self.overlay = toggle(self.overlay, Overlay::Warnings, Overlay::None);
            }
            Action::ToggleFacts => {
                self.show_facts = !self.show_facts;
                if !self.show_facts && self.focus == Focus::Facts {
                    self.focus = Focus::Article;
                }
                self.layout_article();
            }
            Action::StartFilter => {
                self.filtering = true;
                self.in_article = self.focus != Focus::List && self.current().is_some();
                if self.in_article {
                    self.focus = Focus::Article;
                    self.article_query.clear();
                    self.search_article();
                } else {
                    self.focus = Focus::List;
                    self.layout_article();
                }
            }
            Action::FilterInput(c) => {
                if self.in_article {
                    self.article_query.push(c);
                    self.search_article();
                } else {
                    self.filter.push(c);
                    self.apply_filter();
                }
            }
            Action::FilterBackspace => {
                if self.in_article {
                    self.article_query.pop();
                    self.search_article();
                } else {
                    self.filter.pop();
                    self.apply_filter();
                }
            }
            Action::FilterAccept => {
                self.filtering = false;
                if !self.in_article {
                    self.layout_article();
                }
            }
            Action::NextHit | Action::PrevHit => {
                let n = self.hit_lines.len();
                if n > 0 {
                    self.hit_at = if action == Action::NextHit {
                        (self.hit_at + 1) % n
                    } else {
                        (self.hit_at + n - 1) % n
                    };
                    self.show_hit();
                }
            }
            Action::Back => {
                if self.overlay != Overlay::None {
                    self.overlay = Overlay::None;
                } else if self.entity.is_some() && self.focus == Focus::Article
                    || self.fact_at.is_some() && self.focus == Focus::Facts
                {
                    self.entity = None;
                    self.fact_at = None;
                    self.relayout();
                } else if self.in_article && (self.filtering || !self.article_query.is_empty()) {
                    self.filtering = false;
                    self.article_query.clear();
                    self.search_article();
                } else if self.filtering || (self.focus == Focus::List && !self.filter.is_empty()) {
                    self.filtering = false;
                    self.filter.clear();
                    self.apply_filter();
                } else {
                    self.focus = Focus::List;
                }
            }
            Action::Open => {
                if self.focus == Focus::List && !self.rows.is_empty() {
                    self.focus = Focus::Article;
                }
            }
            Action::NextEntity | Action::PrevEntity => {
                self.step_entity(action == Action::NextEntity);
            }
            Action::Mentions => self.list_mentions(),
            Action::CorpusView => {
                let entries = docbao::index::build(&self.articles);
                self.corpus = Some(CorpusView {
                    entries,
                    made_from: self.articles.len(),
                    ..CorpusView::default()
                });
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.arrange();
                self.message = Some(match self.sort {
                    Sort::AsRead => "sorted as read".to_owned(),
                    other => format!("sorted {}", other.label()),
                });
            }
            Action::UnreadOnly => {
                self.show = toggle(self.show, Show::Unread, Show::All);
                self.arrange();
            }
            Action::Bookmarks => {
                self.show = toggle(self.show, Show::Bookmarked, Show::All);
                self.arrange();
            }
            Action::Bookmark => {
                if let Some(&index) = self.rows.get(self.selected) {
                    let key = self.key(index).to_owned();
                    let mut place = self.state.place(&key);
                    place.bookmarked = !place.bookmarked;
                    self.message = Some(
                        if place.bookmarked {
                            "bookmarked (B lists bookmarks)"
                        } else {
                            "bookmark removed"
                        }
                        .to_owned(),
                    );
                    self.state.set(key, place);
                }
            }
            Action::Copy => self.copy(),
            Action::OpenLink => {
                let url = self.current().and_then(|a| a.url.clone());
                match (url, &self.browser) {
                    (None, _) => {
                        self.message = Some("this article has no web address".to_owned());
                    }
                    (Some(url), _) if !super::clipboard::is_web_address(&url) => {
                        self.message = Some(format!("not a web address, not opened: {url}"));
                    }
                    (Some(url), Some(_)) => self.effect = Some(Effect::Open(url)),
                    (Some(_), None) => self.overlay = Overlay::Link,
                }
            }
            Action::Wheel { column, row, down } => {
                if let Some(pane) = self.pane_at(column, row) {
                    let focus = self.focus;
                    self.focus = pane;
                    let step = if pane == Focus::List { 1 } else { WHEEL_LINES };
                    self.move_by(if down { step } else { -step });
                    self.focus = focus;
                }
            }
            Action::Click { column, row } => match self.pane_at(column, row) {
                Some(Focus::List) => {
                    // Below the pane's top border.
                    let at = usize::from(row)
                        .checked_sub(1)
                        .map(|r| r + self.list_offset)
                        .filter(|&r| r < self.rows.len());
                    if let Some(at) = at {
                        if at == self.selected && self.focus == Focus::List {
                            self.focus = Focus::Article;
                        } else if at != self.selected {
                            self.selected = at;
                            self.layout_article();
                            self.clamp();
                        }
                    }
                }
                Some(pane) if self.current().is_some() => self.focus = pane,
                _ => {}
            },
            Action::FocusNext => self.focus = self.cycle_focus(true),
            Action::FocusPrev => self.focus = self.cycle_focus(false),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::HalfPageUp => self.move_by(-(self.page() as isize / 2).max(1)),
            Action::HalfPageDown => self.move_by((self.page() as isize / 2).max(1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
        }
    }

    /// The pane under the cell at (column, row), if any.
    fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        let panes = self.panes();
        if row >= panes.body_h || column >= self.width {
            return None;
        }
        if self.narrow() {
            return Some(self.focus);
        }
        if column < panes.list_w {
            Some(Focus::List)
        } else if column < panes.list_w + panes.article_w {
            Some(Focus::Article)
        } else if self.show_facts {
            Some(Focus::Facts)
        } else {
            None
        }
    }

    /// Puts the facts panel or the article's clean text on the clipboard; in the link box, the
    /// link.
    fn copy(&mut self) {
        if self.overlay == Overlay::Link {
            self.overlay = Overlay::None;
            if let Some(url) = self.current().and_then(|a| a.url.clone()) {
                self.effect = Some(Effect::Copy {
                    what: "the link".to_owned(),
                    text: url,
                });
            }
            return;
        }
        let Some(article) = self.current() else {
            return;
        };
        let selected = self
            .entity
            .and_then(|(_, e)| article.entities().get(e))
            .filter(|_| self.focus == Focus::Article);
        let (what, text) = if let Some(e) = selected {
            (
                format!("the {} “{}”", kind_label(e.kind), e.text),
                e.text.clone(),
            )
        } else if let Some(item) = self
            .fact_at
            .and_then(|at| self.fact_items.get(at))
            .filter(|_| self.focus == Focus::Facts)
        {
            ("the fact".to_owned(), item.text.clone())
        } else if self.focus == Focus::Facts {
            let lines: Vec<String> = self
                .facts_lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            ("the facts".to_owned(), lines.join("\n"))
        } else {
            // The headline, when there is one (a title made from the lead would repeat it).
            let blocks = article.body().iter().map(|b| b.text.as_str());
            let text: Vec<&str> = article.title.as_deref().into_iter().chain(blocks).collect();
            ("the article's text".to_owned(), text.join("\n\n"))
        };
        self.effect = Some(Effect::Copy { what, text });
    }

    fn page(&self) -> usize {
        match self.focus {
            Focus::List => self.list_height(),
            _ => self.article_height(),
        }
    }

    fn cycle_focus(&self, forward: bool) -> Focus {
        let order: &[Focus] = if self.show_facts {
            &[Focus::List, Focus::Article, Focus::Facts]
        } else {
            &[Focus::List, Focus::Article]
        };
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        order[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }]
    }

    fn move_by(&mut self, delta: isize) {
        let step =
            |value: usize, max: usize| -> usize { value.saturating_add_signed(delta).min(max) };
        match self.focus {
            Focus::List => {
                let before = self.selected;
                self.selected = step(self.selected, self.rows.len().saturating_sub(1));
                if before != self.selected {
                    self.layout_article();
                }
            }
            Focus::Article => {
                let max = self
                    .article_lines
                    .len()
                    .saturating_sub(self.article_height());
                self.article_scroll = step(self.article_scroll, max);
            }
            Focus::Facts if !self.fact_items.is_empty() => {
                let last = self.fact_items.len() - 1;
                let next = match self.fact_at {
                    Some(at) => step(at, last),
                    // The first move selects the first item on screen.
                    None => self
                        .fact_items
                        .iter()
                        .position(|item| item.lines.0 >= self.facts_scroll)
                        .unwrap_or(0),
                };
                self.select_fact(next);
                return;
            }
            Focus::Facts => {
                let max = self.facts_lines.len().saturating_sub(self.article_height());
                self.facts_scroll = step(self.facts_scroll, max);
            }
        }
        self.clamp();
    }

    /// Keeps the selection visible and scroll offsets in range.
    fn clamp(&mut self) {
        let h = self.list_height();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + h {
            self.list_offset = self.selected + 1 - h;
        }
        self.list_offset = self.list_offset.min(self.rows.len().saturating_sub(h));
        self.article_scroll = self
            .article_scroll
            .min(self.article_lines.len().saturating_sub(1));
        self.facts_scroll = self
            .facts_scroll
            .min(self.facts_lines.len().saturating_sub(1));
    }

    /// Sends the filter line to the filterer; an empty filter shows every article at once.
    fn apply_filter(&mut self) {
        if self.filter.trim().is_empty() {
            self.filterer.cancel();
            self.set_rows("", (0..self.articles.len()).collect());
        } else {
            self.filterer.request(&self.filter);
            self.poll_filter();
        }
    }

    /// Takes the filter's outcome if it is ready; true when the list changed.
    pub fn poll_filter(&mut self) -> bool {
        let Some(outcome) = self.filterer.take() else {
            return false;
        };
        let rows = outcome.hits.iter().map(|h| h.index).collect();
        self.set_rows(&outcome.query, rows);
        true
    }

    /// Whether the list is waiting for the filter's outcome.
    pub fn filter_pending(&self) -> bool {
        self.filterer.pending()
    }

    /// Shows `hits`, the articles `query` matches, in the list's order.
    fn set_rows(&mut self, query: &str, hits: Vec<usize>) {
        self.hits = hits;
        self.marks = (!query.trim().is_empty()).then(|| search::TitleMarks::new(query));
        self.arrange();
    }

    /// Makes the list from the filter's hits, what it shows and its order, keeping the
    /// selected article selected if it is still there.
    fn arrange(&mut self) {
        let keep = self.rows.get(self.selected).copied();
        let mut rows: Vec<usize> = self
            .hits
            .iter()
            .copied()
            .filter(|&i| match self.show {
                Show::All => true,
                Show::Unread => self.is_unread(i),
                Show::Bookmarked => self.is_bookmarked(i),
            })
            .collect();
        let articles = &self.articles;
        // Newest first, undated last; the sorts are stable, so ties keep the filter's order.
        let newest = |a: &Article| (a.published.is_none(), Reverse(a.published.clone()));
        match self.sort {
            Sort::AsRead => {}
            Sort::Date => rows.sort_by_cached_key(|&i| newest(&articles[i])),
            Sort::Title => rows.sort_by_cached_key(|&i| text::fold(&articles[i].display_title)),
            Sort::Source => rows.sort_by_cached_key(|&i| {
                let a = &articles[i];
                (
                    a.source.is_none(),
                    a.source.as_deref().map(text::fold),
                    newest(a),
                )
            }),
        }
        self.rows = rows;
        let kept = keep.and_then(|index| self.rows.iter().position(|&i| i == index));
        self.selected = kept.unwrap_or(0);
        if kept.is_none() {
            // Another article is shown: from its top, and the list from its start.
            self.list_offset = 0;
            self.layout_article();
        }
        self.clamp();
    }

    /// Takes in what a load in the background reports.
    pub fn take(&mut self, loading: Loading) {
        match loading {
            Loading::Found { files, warnings } => {
                self.warnings.extend(warnings);
                if files == 0 {
                    self.warnings.push(
                        "no article files (.txt, .html, .htm, .json, .jsonl) were found".to_owned(),
                    );
                }
                if let Some(progress) = &mut self.loading {
                    progress.total = Some(files);
                }
            }
            Loading::Batch(batch) => self.append(batch),
        }
    }

    /// Adds the next articles of a folder being read, and counts the files read.
    pub fn append(&mut self, batch: Batch) {
        let start = self.articles.len();
        let searchables = if batch.searchables.len() == batch.articles.len() {
            batch.searchables
        } else {
            batch.articles.iter().map(search::Searchable::new).collect()
        };
        self.filterer.extend(searchables);
        self.articles.extend(batch.articles);
        docbao::corpus::let_go(&mut self.articles, batch.kept);
        self.keys.resize_with(self.articles.len(), OnceCell::new);
        self.warnings.extend(batch.warnings);
        if let Some(progress) = &mut self.loading {
            progress.read += batch.files;
        }
        if self.filter.trim().is_empty() {
            self.hits.extend(start..self.articles.len());
            self.arrange();
        } else {
            // The filter looks again, over the articles read so far.
            self.filterer.request(&self.filter);
            self.poll_filter();
        }
    }

    /// The folder has been read.
    pub fn loaded(&mut self) {
        self.loading = None;
    }

    /// Lays the article out again with the search's hits marked, and shows the first hit.
    fn search_article(&mut self) {
        if self.article_query.is_empty() {
            self.in_article = self.filtering;
        }
        let scroll = self.article_scroll;
        self.layout_article();
        self.article_scroll = scroll;
        self.show_hit();
    }

    /// Scrolls the article so that the current hit is in view, two lines from the top.
    fn show_hit(&mut self) {
        if let Some(&line) = self.hit_lines.get(self.hit_at) {
            self.article_scroll = line.saturating_sub(2);
            self.clamp();
        }
    }

    /// Wraps the article's prose at most `columns` wide.
    pub fn set_reading_width(&mut self, columns: usize) {
        let columns = columns.max(1);
        if columns == self.reading_width {
            return;
        }
        self.reading_width = columns;
        self.layout_article();
        self.clamp();
    }

    /// Lays the open article out again, keeping the reader's place.
    fn relayout(&mut self) {
        let (article, facts) = (self.article_scroll, self.facts_scroll);
        self.layout_article();
        self.article_scroll = article;
        self.facts_scroll = facts;
        self.clamp();
    }

    /// Marks article `index` read; returns where the reader left it before.
    fn mark_read(&mut self, index: usize) -> Place {
        let key = self.key(index).to_owned();
        let place = self.state.place(&key);
        self.state.set(
            key,
            Place {
                read: true,
                ..place
            },
        );
        place
    }

    /// What an action does in the corpus view; false for those it leaves to the reader
    /// (quit, resize, help, the warnings).
    fn in_corpus(&mut self, action: Action) -> bool {
        let page = self.list_height() as isize;
        let Some(view) = &mut self.corpus else {
            return false;
        };
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::HalfPageDown => (page / 2).max(1),
            Action::HalfPageUp => -(page / 2).max(1),
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Back | Action::CorpusView => {
                if view.open.is_some() && action == Action::Back {
                    view.open = None;
                } else {
                    self.corpus = None;
                }
                return true;
            }
            Action::Open => {
                match view.open {
                    None if !view.entries.is_empty() => view.open = Some((view.selected, 0)),
                    None => {}
                    Some((e, at)) => {
                        let entry = view.entries[e].clone();
                        self.corpus = None;
                        self.open_at_mention(&entry, at);
                    }
                }
                return true;
            }
            Action::Quit | Action::Resize(..) | Action::ToggleHelp | Action::ToggleWarnings => {
                return false;
            }
            _ => return true,
        };
        let (len, at) = view.len_and_at();
        let next = at.saturating_add_signed(delta).min(len.saturating_sub(1));
        match &mut view.open {
            Some((_, a)) => *a = next,
            None => view.selected = next,
        }
        let h = usize::try_from(page).unwrap_or(1).max(1);
        if view.open.is_none() {
            if next < view.offset {
                view.offset = next;
            } else if next >= view.offset + h {
                view.offset = next + 1 - h;
            }
        }
        true
    }

    /// Opens the `at`th article that names `entry`, at its first mention there.
    fn open_at_mention(&mut self, entry: &docbao::index::Entry, at: usize) {
        let Some(mention) = entry.articles.get(at) else {
            return;
        };
        let Some(index) = self.articles.iter().position(|a| a.id == mention.id) else {
            return;
        };
        // The list must show the article: filter and narrowing go.
        if !self.rows.contains(&index) {
            self.filter.clear();
            self.show = Show::All;
            self.apply_filter();
        }
        self.selected = self.rows.iter().position(|&i| i == index).unwrap_or(0);
        self.layout_article();
        self.focus = Focus::Article;
        self.mark_read(index);
        let key = text::fold(&entry.name);
        let first = self.articles[index]
            .entities()
            .iter()
            .position(|e| e.kind == entry.kind && text::fold(&e.text) == key);
        if let Some(e) = first {
            self.entity = Some((index, e));
            self.relayout();
            if let Some(&line) = self.entity_lines.get(e) {
                self.article_scroll = line.saturating_sub(2);
            }
        }
        self.clamp();
    }

    /// Selects item `at` of the facts panel, keeps it in view, and shows where the article
    /// states it: scrolled to, and marked like a selected entity.
    fn select_fact(&mut self, at: usize) {
        let Some(&index) = self.rows.get(self.selected) else {
            return;
        };
        self.fact_at = Some(at);
        self.entity = self.fact_items[at].entity.map(|e| (index, e));
        self.relayout();
        let height = self.article_height();
        let (first, last) = self.fact_items[at].lines;
        if first < self.facts_scroll {
            self.facts_scroll = first;
        } else if last >= self.facts_scroll + height {
            self.facts_scroll = (last + 1).saturating_sub(height).min(first);
        }
        if let Some(&line) = self.entity.and_then(|(_, e)| self.entity_lines.get(e)) {
            self.article_scroll = line.saturating_sub(2);
        }
        self.clamp();
    }

    /// Selects the next (or previous) entity of the open article, from the top of the screen
    /// when none is selected, and scrolls it into view.
    fn step_entity(&mut self, forward: bool) {
        let Some(&index) = self.rows.get(self.selected) else {
            return;
        };
        if self.focus == Focus::List || self.raw {
            return;
        }
        let n = self.articles[index].entities().len();
        if n == 0 {
            self.message = Some("no names, dates or figures marked in this article".to_owned());
            return;
        }
        let next = match self.entity {
            Some((_, e)) if forward => (e + 1) % n,
            Some((_, e)) => (e + n - 1) % n,
            None => {
                let top = self.article_scroll;
                let below = self.entity_lines.iter().position(|&l| l >= top);
                match (below, forward) {
                    (Some(e), true) => e,
                    (Some(e), false) => (e + n - 1) % n,
                    (None, _) => n - 1,
                }
            }
        };
        self.entity = Some((index, next));
        self.focus = Focus::Article;
        self.relayout();
        if let Some(&line) = self.entity_lines.get(next) {
            let height = self.article_height();
            if line < self.article_scroll || line >= self.article_scroll + height {
                self.article_scroll = line.saturating_sub(2);
                self.clamp();
            }
        }
        let e = &self.articles[index].entities()[next];
        self.message = Some(format!(
            "{} {}/{n}: {} · m: where else",
            kind_label(e.kind),
            next + 1,
            e.text
        ));
    }

    /// Opens the list of the selected entity's mentions: here, and in the other articles
    /// (same kind, same name up to case, accents and tone-mark placement).
    fn list_mentions(&mut self) {
        let Some((index, e)) = self.entity else {
            self.message = Some("select a name first: ] and [ move between them".to_owned());
            return;
        };
        let article = &self.articles[index];
        let entity = &article.entities()[e];
        let key = text::fold(&entity.text);
        let same = |x: &docbao::extract::Entity| {
            x.kind == entity.kind
                && x.text.len().abs_diff(entity.text.len()) <= 8
                && text::fold(&x.text) == key
        };
        let here = article
            .entities()
            .iter()
            .filter(|x| same(x))
            .map(|x| snippet(&article.body()[x.block].text, x.start, x.end))
            .collect();
        // The others' summaries (for people, organisations and places) or contents are read
        // from the cache, on every core, without being kept.
        let mut elsewhere = Vec::new();
        let mut found = |at: usize, a: &Article, count: usize| {
            if at != index && count > 0 {
                elsewhere.push((
                    a.id.clone(),
                    a.date().to_owned(),
                    a.display_title.clone(),
                    count,
                ));
            }
        };
        if docbao::index::INDEXED.contains(&entity.kind) {
            docbao::corpus::each_with_summary(&self.articles, |at, a, summary| {
                let count = summary
                    .named
                    .iter()
                    .filter(|x| x.kind == entity.kind && text::fold(&x.text) == key)
                    .map(|x| x.count as usize)
                    .sum();
                found(at, a, count);
            });
        } else {
            docbao::corpus::each_with_content(&self.articles, |at, a, content| {
                found(at, a, content.entities.iter().filter(|x| same(x)).count());
            });
        }
        self.mentions = Mentions {
            what: format!("{} “{}”", kind_label(entity.kind), entity.text),
            here,
            elsewhere,
        };
        self.overlay = Overlay::Mentions;
    }

    /// Lays out the selected article and its facts for the current pane widths.
    fn layout_article(&mut self) {
        let panes = self.panes();
        let (_, text_w) = article_text_area(panes.article_w.saturating_sub(2));
        let width = usize::from(text_w).clamp(1, self.reading_width.max(1));
        let facts_width = usize::from(panes.facts_w.saturating_sub(2)).max(1);
        let theme = self.theme;
        // The selected entity belongs to the article it was selected in.
        let index = self.rows.get(self.selected).copied();
        if self.entity.is_some_and(|(a, _)| Some(a) != index) {
            self.entity = None;
            self.fact_at = None;
        }
        if index != self.laid_out {
            self.fact_at = None;
            self.laid_out = index;
        }
        let Some(article) = self.current() else {
            self.article_lines = Vec::new();
            self.facts_lines = Vec::new();
            return;
        };
        let query = search::Query::new(if self.in_article {
            &self.article_query
        } else {
            ""
        });
        let selected = self.entity.map(|(_, e)| e);
        let layout = if self.raw {
            Layout {
                lines: raw_lines(article, width, theme),
                ..Layout::default()
            }
        } else {
            article_lines(article, width, theme, &query, selected)
        };
        let facts = facts_lines(article, facts_width, theme, self.fact_at);
        let Layout {
            lines,
            hit_lines,
            entity_lines,
        } = layout;
        self.entity_lines = entity_lines;
        self.hit_lines = hit_lines;
        self.hit_at = 0;
        self.article_lines = lines;
        self.facts_lines = facts.lines;
        self.fact_items = facts.items;
        self.article_scroll = 0;
        self.facts_scroll = 0;
    }
}

/// `on`, unless it is `on` already: then `off`.
fn toggle<T: PartialEq + Copy>(now: T, on: T, off: T) -> T {
    if now == on {
        off
    } else {
        on
    }
}

/// Lines the wheel scrolls an article or the facts per notch.
const WHEEL_LINES: isize = 3;

/// The article text inside its pane's borders: a column of margin on the left when there is
/// room. Returns the margin and the text width.
pub fn article_text_area(inner_w: u16) -> (u16, u16) {
    if inner_w > 40 {
        (1, inner_w - 1)
    } else {
        (0, inner_w)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Panes {
    pub list_w: u16,
    pub article_w: u16,
    pub facts_w: u16,
    pub body_h: u16,
}

/// The article laid out for `width`, with the hits of `query` marked; also the line each
/// hit is on.
/// An article laid out for its pane.
#[derive(Default)]
struct Layout {
    lines: Vec<Line<'static>>,
    /// The line of each hit of the search.
    hit_lines: Vec<usize>,
    /// The line each entity starts on, in the order of `Article::entities`.
    entity_lines: Vec<usize>,
}

/// The words around chars `start..end` of `text`: the sentence, cut to about 90 chars.
fn snippet(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = start.saturating_sub(40);
    let to = (end + 50).min(chars.len());
    let mut out: String = chars[from..to].iter().collect();
    if from > 0 {
        out.insert(0, '…');
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

fn article_lines(
    a: &Article,
    width: usize,
    theme: Theme,
    query: &search::Query,
    selected: Option<usize>,
) -> Layout {
    let mut lines = Vec::new();
    let mut hit_lines = Vec::new();
    let mut entity_lines = Vec::new();
    // Without a headline the lead is the first paragraph; repeating it as a title adds nothing.
    if let Some(title) = a.title.as_deref() {
        lines.extend(highlight::wrap(title, &[], theme.heading(), width, ""));
    }
    let meta: Vec<&str> = [a.date(), a.source.as_deref().unwrap_or("")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !meta.is_empty() {
        lines.extend(highlight::wrap(
            &meta.join(" · "),
            &[],
            theme.dim(),
            width,
            "",
        ));
    }
    for w in &a.warnings {
        lines.extend(highlight::wrap(
            &format!("⚠ {w}"),
            &[],
            theme.dim(),
            width,
            "",
        ));
    }
    for (b, block) in a.body().iter().enumerate() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let in_block: Vec<(usize, &docbao::extract::Entity)> = a
            .entities()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.block == b)
            .collect();
        let entities: Vec<highlight::StyledRange> = in_block
            .iter()
            .map(|(_, e)| (e.start, e.end, theme.entity(e.kind)))
            .collect();
        let hits = query.occurrences(&block.text);
        let mut ranges = highlight::overlay(&entities, &hits, theme.search_hit());
        if let Some(&(_, e)) = in_block.iter().find(|(i, _)| Some(*i) == selected) {
            ranges = highlight::overlay(
                &ranges,
                &[(e.start, e.end)],
                theme.entity(e.kind).patch(theme.selected()),
            );
        }
        let (base, indent) = match block.kind {
            BlockKind::Caption => (theme.dim(), "▌ "),
            BlockKind::Bullet => (ratatui::style::Style::default(), "• "),
            BlockKind::Heading => (theme.heading(), ""),
            BlockKind::Paragraph => (ratatui::style::Style::default(), ""),
        };
        let (mut wrapped, ends) =
            highlight::wrap_counted(&block.text, &ranges, base, width, indent, indent);
        let line_of = |start: usize| {
            lines.len()
                + ends
                    .iter()
                    .position(|&e| start < e)
                    .unwrap_or(ends.len().saturating_sub(1))
        };
        hit_lines.extend(hits.iter().map(|&(start, _)| line_of(start)));
        entity_lines.extend(in_block.iter().map(|(_, e)| line_of(e.start)));
        if block.kind == BlockKind::Bullet {
            // Continuation lines line up under the text, not the bullet.
            for l in wrapped.iter_mut().skip(1) {
                if let Some(first) = l.spans.first_mut() {
                    first.content = "  ".into();
                }
            }
        }
        lines.extend(wrapped);
    }
    Layout {
        lines,
        hit_lines,
        entity_lines,
    }
}

/// The article as read, before cleaning: removed lines struck through after a "−".
fn raw_lines(a: &Article, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let Some(text) = a.source_text() else {
        return highlight::wrap(
            &format!("{}: cannot read the file again", a.path),
            &[],
            theme.dim(),
            width,
            "",
        );
    };
    let removed = theme
        .dim()
        .add_modifier(ratatui::style::Modifier::CROSSED_OUT);
    let mut lines = Vec::new();
    for line in text.lines() {
        if a.was_removed(line) {
            lines.extend(highlight::wrap_hanging(
                line,
                &[],
                removed,
                width,
                "− ",
                "  ",
            ));
        } else if line.trim().is_empty() {
            lines.push(Line::default());
        } else {
            lines.extend(highlight::wrap(
                line,
                &[],
                ratatui::style::Style::default(),
                width,
                "  ",
            ));
        }
    }
    lines
}

/// One thing of the facts panel that can be selected: a name, figure or event with the
/// details under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactItem {
    /// Its lines in the panel, first and last.
    pub lines: (usize, usize),
    /// What `y` copies: the item and its details, one a line.
    pub text: String,
    /// Where the article states it: its first mention.
    pub entity: Option<usize>,
}

/// The facts panel: its lines, and the items a reader can select in it.
#[derive(Default)]
struct FactsLayout {
    lines: Vec<Line<'static>>,
    items: Vec<FactItem>,
}

fn facts_lines(a: &Article, width: usize, theme: Theme, selected: Option<usize>) -> FactsLayout {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut found: Vec<FactItem> = Vec::new();
    // An item without a kind is a detail of the item above it, indented under it.
    let mut section =
        |title: &str, items: Vec<(String, Option<EntityKind>)>, lines: &mut Vec<Line<'static>>| {
            if items.is_empty() {
                return;
            }
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.extend(highlight::wrap(title, &[], theme.heading(), width, ""));
            for (text, kind) in items {
                let first = lines.len();
                match (kind, found.last_mut()) {
                    (None, Some(item)) => {
                        item.text.push('\n');
                        item.text.push_str(&text);
                    }
                    _ => found.push(FactItem {
                        lines: (first, first),
                        text: text.clone(),
                        entity: kind.and_then(|k| {
                            a.entities()
                                .iter()
                                .position(|e| e.kind == k && e.text == text)
                        }),
                    }),
                }
                let n = text.chars().count();
                let ranges: Vec<highlight::StyledRange> =
                    kind.map(|k| (0, n, theme.entity(k))).into_iter().collect();
                let indent = if kind.is_some() { " " } else { "   " };
                // Continuation lines of a long name or role hang one step further in.
                let rest = format!("{indent} ");
                lines.extend(highlight::wrap_hanging(
                    &text,
                    &ranges,
                    ratatui::style::Style::default(),
                    width,
                    indent,
                    &rest,
                ));
                if let Some(item) = found.last_mut() {
                    item.lines.1 = lines.len() - 1;
                }
            }
        };
    for f in a.facts() {
        if let Fact::Event {
            name,
            date,
            date_inferred,
            location,
            ..
        } = f
        {
            let mut items = vec![(name.clone(), Some(EntityKind::Event))];
            if let Some(d) = date {
                items.push((
                    format!(
                        "when: {d}{}",
                        if *date_inferred {
                            " (year inferred)"
                        } else {
                            ""
                        }
                    ),
                    None,
                ));
            }
            if let Some(l) = location {
                items.push((format!("where: {l}"), None));
            }
            section("Event", items, &mut lines);
        }
    }
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    for name in docbao::extract::distinct(a.entities(), EntityKind::Person) {
        people.push((name.to_owned(), Vec::new()));
    }
    for f in a.facts() {
        if let Fact::Role { person, role, .. } = f {
            if let Some(p) = people.iter_mut().find(|p| p.0 == *person) {
                if !p.1.contains(role) {
                    p.1.push(role.clone());
                }
            }
        }
    }
    let mut items = Vec::new();
    for (name, roles) in people {
        items.push((name, Some(EntityKind::Person)));
        // "Thứ trưởng" says nothing that "Thứ trưởng Bộ Công an" does not.
        for r in &roles {
            let shorter = roles
                .iter()
                .any(|other| other != r && other.starts_with(r.as_str()));
            if !shorter {
                items.push((r.clone(), None));
            }
        }
    }
    section("People", items, &mut lines);
    let figures: Vec<(String, Option<EntityKind>)> = a
        .facts()
        .iter()
        .filter_map(|f| match f {
            Fact::Quantity { text, .. } => Some((text.clone(), Some(EntityKind::Quantity))),
            _ => None,
        })
        .collect();
    section("Figures", figures, &mut lines);
    for (title, kind) in [
        ("Organisations", EntityKind::Organization),
        ("Places", EntityKind::Location),
        ("Dates", EntityKind::Date),
    ] {
        let items = docbao::extract::distinct(a.entities(), kind)
            .into_iter()
            .map(|t| (t.to_owned(), Some(kind)))
            .collect();
        section(title, items, &mut lines);
    }
    if let Some(item) = selected.and_then(|i| found.get(i)) {
        for line in &mut lines[item.lines.0..=item.lines.1] {
            *line = std::mem::take(line).patch_style(theme.selected());
        }
    }
    FactsLayout {
        lines,
        items: found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::highlight::Palette;
    use crossterm::event::KeyEventKind;
    use ratatui::style::Modifier;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: crossterm::event::KeyEventState::NONE,
        }
    }

    fn app() -> App {
        App::new(Corpus::seeds(), 100, 30, Theme::new(Palette::Basic))
    }

    #[test]
    fn an_article_left_is_read_and_reopens_where_it_was_left() {
        let mut app = app();
        app.update(Action::Down);
        let second = state::key(app.current().unwrap());
        let index = app.rows[app.selected];
        assert!(app.is_unread(index));
        app.update(Action::Open);
        assert!(!app.is_unread(index), "opening marks it read");
        for _ in 0..5 {
            app.update(Action::Down);
        }
        assert_eq!(
            app.article_scroll, 5,
            "the article is long enough to scroll"
        );
        app.update(Action::Back);
        assert_eq!(
            app.state.place(&second),
            Place {
                read: true,
                line: 5,
                bookmarked: false,
            }
        );
        // Another article, then the second again: it opens where it was left.
        app.update(Action::Down);
        app.update(Action::Open);
        assert_eq!(app.article_scroll, 0);
        app.update(Action::Back);
        app.update(Action::Up);
        app.update(Action::Open);
        assert_eq!(app.article_scroll, 5);
        // Quitting while reading keeps the place too.
        app.update(Action::Down);
        app.update(Action::Quit);
        assert_eq!(app.state.place(&second).line, 6);
        let first = state::key(&app.articles[0]);
        assert!(!app.state.is_read(&first), "only opened articles are read");
    }

    fn press(app: &mut App, code: KeyCode) {
        if let Some(a) = keymap_action(app, &key(code)) {
            app.update(a);
        }
    }

    #[test]
    fn searching_the_article_marks_and_moves() {
        let mut a = app();
        // The second seed article names Interpol in several paragraphs.
        a.update(Action::Down);
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.focus, Focus::Article);
        press(&mut a, KeyCode::Char('/'));
        assert!(a.filtering && a.in_article);
        for c in "interpol".chars() {
            press(&mut a, KeyCode::Char(c));
        }
        assert_eq!(a.filter, "", "the list filter is left alone");
        let body = a.current().expect("an article").body().to_vec();
        let expected: usize = body
            .iter()
            .map(|b| b.text.to_lowercase().matches("interpol").count())
            .sum();
        assert!(expected >= 3);
        assert_eq!(a.hit_lines.len(), expected);
        // Each hit's line shows the hit, in the search style.
        let hit = a.theme.search_hit();
        for &line in &a.hit_lines {
            let l = &a.article_lines[line];
            assert!(
                l.spans
                    .iter()
                    .any(|s| s.style == hit && s.content.to_lowercase() == "interpol"),
                "{l:?}"
            );
        }
        press(&mut a, KeyCode::Enter);
        assert!(!a.filtering);
        assert_eq!(a.hit_at, 0);
        press(&mut a, KeyCode::Char('n'));
        assert_eq!(a.hit_at, 1);
        let line = a.hit_lines[1];
        assert!(
            a.article_scroll <= line && line < a.article_scroll + a.article_height(),
            "hit on line {line} is in view from {}",
            a.article_scroll
        );
        press(&mut a, KeyCode::Char('N'));
        press(&mut a, KeyCode::Char('N'));
        assert_eq!(a.hit_at, expected - 1, "N wraps to the last hit");
        // Esc clears the search, then goes back to the list.
        press(&mut a, KeyCode::Esc);
        assert!(a.hit_lines.is_empty());
        assert_eq!(a.focus, Focus::Article);
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.focus, Focus::List);
    }

    /// What a user could see change.
    fn look(a: &App) -> String {
        format!(
            "{:?}",
            (
                (a.selected, a.focus, a.show_facts, a.filtering, a.overlay),
                (a.quit, a.raw, a.article_scroll, a.sort, a.show),
                (&a.message, &a.effect, &a.rows, a.entity, a.corpus.is_some()),
            )
        )
    }

    #[test]
    fn every_binding_in_the_help_does_something() {
        for b in keymap() {
            if matches!(b.action, Action::NextHit | Action::PrevHit) {
                // Hits need a search first: `searching_the_article_marks_and_moves`.
                continue;
            }
            let mut a = app();
            a.browser = Some("true".to_owned());
            a.articles[1].url = Some("https://example.vn/tin".to_owned());
            a.update(Action::Down);
            // Actions are tried where they can do something: moves up from the bottom, back
            // from an open article.
            match b.action {
                Action::Up | Action::PageUp | Action::HalfPageUp | Action::Top => {
                    a.update(Action::Bottom);
                    a.update(Action::Up);
                }
                Action::Back | Action::NextEntity | Action::PrevEntity => a.update(Action::Open),
                Action::Mentions => {
                    a.update(Action::Open);
                    a.update(Action::NextEntity);
                }
                _ => {}
            }
            let before = look(&a);
            a.update(b.action);
            assert_ne!(before, look(&a), "{} ({}) changed nothing", b.keys, b.help);
        }
    }

    fn ids(a: &App) -> Vec<&str> {
        a.rows.iter().map(|&i| &a.articles[i].id[..3]).collect()
    }

    #[test]
    fn sort_cycles_through_date_title_source_and_back() {
        let mut a = app();
        a.update(Action::Down);
        let selected = a.current().unwrap().id.clone();
        a.update(Action::Sort);
        // Dated articles newest first, then the undated in the order they were read.
        assert_eq!(ids(&a), ["003", "001", "000", "002", "004"]);
        assert_eq!(a.current().unwrap().id, selected, "the selection stays");
        assert_eq!(a.message.as_deref(), Some("sorted by date"));
        a.update(Action::Sort);
        let titles: Vec<String> = a
            .rows
            .iter()
            .map(|&i| text::fold(&a.articles[i].display_title))
            .collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted);
        assert_eq!(titles[0].get(..4), Some("doan"), "Đoàn sorts as D");
        a.update(Action::Sort);
        // Sources in order (TTXVN, VIETNAM+), then those without.
        assert_eq!(ids(&a)[..2], ["004", "001"]);
        a.update(Action::Sort);
        assert_eq!(ids(&a), ["000", "001", "002", "003", "004"]);
    }

    #[test]
    fn unread_only_and_bookmarks_narrow_the_list() {
        let mut a = app();
        a.update(Action::Down);
        a.update(Action::Open);
        a.update(Action::Back);
        a.update(Action::UnreadOnly);
        assert_eq!(ids(&a), ["000", "002", "003", "004"]);
        a.update(Action::UnreadOnly);
        assert_eq!(a.rows.len(), 5);
        // The selection fell back to the first article: bookmark the second and the fifth,
        // list bookmarks, take one away.
        assert_eq!(a.selected, 0);
        a.update(Action::Down);
        a.update(Action::Bookmark);
        assert!(a.message.as_deref().unwrap().starts_with("bookmarked"));
        a.update(Action::Bottom);
        a.update(Action::Bookmark);
        a.update(Action::Bookmarks);
        assert_eq!(ids(&a), ["001", "004"]);
        a.update(Action::Bookmark);
        assert_eq!(a.message.as_deref(), Some("bookmark removed"));
        let key = state::key(&a.articles[4]);
        assert!(!a.state.place(&key).bookmarked);
        assert!(a.state.place(&state::key(&a.articles[1])).bookmarked);
        // Opening and leaving a bookmarked article keeps its bookmark.
        a.update(Action::Bookmarks);
        a.update(Action::Top);
        a.update(Action::Down);
        a.update(Action::Open);
        a.update(Action::Down);
        a.update(Action::Back);
        assert!(a.state.place(&state::key(&a.articles[1])).bookmarked);
    }

    #[test]
    fn copy_takes_the_text_or_the_facts() {
        let mut a = app();
        a.update(Action::Copy);
        let Some(Effect::Copy { what, text }) = a.effect.take() else {
            panic!("no copy");
        };
        assert_eq!(what, "the article's text");
        let article = &a.articles[0];
        assert!(
            text.starts_with(&article.body()[0].text),
            "no headline: the lead first"
        );
        assert!(text.ends_with(&article.body().last().unwrap().text));
        a.update(Action::Open);
        a.update(Action::FocusNext);
        assert_eq!(a.focus, Focus::Facts);
        a.update(Action::Copy);
        let Some(Effect::Copy { what, text }) = a.effect.take() else {
            panic!("no copy");
        };
        assert_eq!(what, "the facts");
        assert!(text.contains("Jurgen Stock"), "{text}");
    }

    #[test]
    fn a_link_opens_in_the_browser_or_is_shown() {
        let mut a = app();
        a.update(Action::OpenLink);
        assert_eq!(
            a.message.as_deref(),
            Some("this article has no web address")
        );
        a.articles[0].url = Some("https://example.vn/tin-1.html".to_owned());
        a.update(Action::OpenLink);
        assert_eq!(a.overlay, Overlay::Link, "no browser: the address is shown");
        // In the link box, y copies the address and closes it.
        let y = keymap_action(&a, &key(KeyCode::Char('y')));
        assert_eq!(y, Some(Action::Copy));
        a.update(Action::Copy);
        assert_eq!(a.overlay, Overlay::None);
        assert_eq!(
            a.effect.take(),
            Some(Effect::Copy {
                what: "the link".to_owned(),
                text: "https://example.vn/tin-1.html".to_owned()
            })
        );
        a.browser = Some("firefox".to_owned());
        a.update(Action::OpenLink);
        assert_eq!(
            a.effect.take(),
            Some(Effect::Open("https://example.vn/tin-1.html".to_owned()))
        );
        a.articles[0].url = Some("--kiosk".to_owned());
        a.update(Action::OpenLink);
        assert_eq!(a.effect, None, "what is not a web address is never opened");
        assert!(a.message.unwrap().starts_with("not a web address"));
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects() {
        let mut a = app();
        let panes = a.panes();
        let over_article = panes.list_w + 2;
        a.update(Action::Wheel {
            column: over_article,
            row: 5,
            down: true,
        });
        assert_eq!(a.article_scroll, WHEEL_LINES as usize);
        assert_eq!((a.focus, a.selected), (Focus::List, 0), "focus stays");
        a.update(Action::Wheel {
            column: 1,
            row: 5,
            down: true,
        });
        assert_eq!(
            a.selected, 1,
            "over the list, the wheel moves the selection"
        );
        // The fourth article is on the list's fourth row, below its border.
        a.update(Action::Click { column: 3, row: 4 });
        assert_eq!((a.selected, a.focus), (3, Focus::List));
        a.update(Action::Click { column: 3, row: 4 });
        assert_eq!(
            a.focus,
            Focus::Article,
            "a click on the selected article opens it"
        );
        a.update(Action::Click {
            column: a.width - 2,
            row: 3,
        });
        assert_eq!(a.focus, Focus::Facts);
        // The status line and past the list's last row do nothing.
        let before = look(&a);
        a.update(Action::Click {
            column: 3,
            row: a.height - 1,
        });
        a.update(Action::Click { column: 3, row: 20 });
        assert_eq!(look(&a), before);
    }

    #[test]
    fn keys_from_the_config_work_and_show_in_the_help() {
        let mut a = app();
        let (config, problems) = docbao::config::parse(
            "[keys]\ndown = [\"ctrl-n\"]\nquit = [\"x\"]\n",
            &crate::tui::action_names(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        a.bind(&config.keys);
        let ctrl_n = KeyEvent {
            modifiers: KeyModifiers::CONTROL,
            ..key(KeyCode::Char('n'))
        };
        assert_eq!(keymap_action(&a, &ctrl_n), Some(Action::Down));
        assert_eq!(
            keymap_action(&a, &key(KeyCode::Char('n'))),
            Some(Action::NextHit)
        );
        assert_eq!(
            keymap_action(&a, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            keymap_action(&a, &key(KeyCode::Char('x'))),
            Some(Action::Quit)
        );
        let down = keymap()
            .into_iter()
            .find(|b| b.action == Action::Down)
            .unwrap();
        assert_eq!(a.keys_of(&down), "Ctrl-n j ↓");
    }

    #[test]
    fn the_reader_is_usable_while_a_folder_is_read() {
        let seeds = Corpus::seeds().articles;
        let batch = |range: std::ops::Range<usize>| Batch {
            files: range.len(),
            articles: range
                .map(|i| {
                    let mut a = seeds[i % seeds.len()].clone();
                    a.id = format!("tin-{i}");
                    a
                })
                .collect(),
            ..Batch::default()
        };
        let mut a = App::new(Corpus::default(), 100, 30, Theme::new(Palette::Basic));
        a.loading = Some(Progress::default());
        a.take(Loading::Found {
            files: 12,
            warnings: vec!["x.txt: skipped".to_owned()],
        });
        assert_eq!(a.warnings.len(), 1);
        assert!(a.rows.is_empty());
        a.append(batch(0..4));
        assert_eq!(a.rows.len(), 4);
        assert_eq!(
            a.loading,
            Some(Progress {
                read: 4,
                total: Some(12)
            })
        );
        assert_eq!(
            a.current().unwrap().id,
            "tin-0",
            "the first article is shown"
        );
        // Reading the second article while more arrive: place and selection stay.
        a.update(Action::Down);
        a.update(Action::Open);
        a.update(Action::Down);
        a.update(Action::Down);
        a.append(batch(4..8));
        assert_eq!(
            (a.current().unwrap().id.as_str(), a.article_scroll),
            ("tin-1", 2)
        );
        assert_eq!(a.rows.len(), 8);
        // A filter typed while reading takes in what arrives after it.
        a.update(Action::Back);
        a.update(Action::StartFilter);
        for c in "jurgen".chars() {
            a.update(Action::FilterInput(c));
        }
        let before = a.rows.len();
        assert!(before > 0);
        a.append(batch(8..12));
        a.loaded();
        assert!(a.rows.len() > before, "{} then {}", before, a.rows.len());
        assert!(a.rows.iter().all(|&i| a.articles[i]
            .body()
            .iter()
            .any(|b| b.text.contains("Jurgen"))));
        assert_eq!(a.loading, None);
    }

    #[test]
    fn the_default_config_names_every_action() {
        let text = docbao::config::DEFAULT;
        let from = text.find("Actions:").expect("the list of actions") + "Actions:".len();
        let to = from + text[from..].find('.').expect("the end of the list");
        let listed: Vec<String> = text[from..to]
            .split([',', '#', '\n'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        assert_eq!(listed, crate::tui::action_names());
    }

    #[test]
    fn a_fact_selected_shows_where_the_article_says_it_and_copies() {
        let mut a = app();
        a.update(Action::Down);
        a.update(Action::Open);
        a.update(Action::FocusNext);
        assert_eq!(a.focus, Focus::Facts);
        assert_eq!(a.fact_at, None);
        a.update(Action::Down);
        assert_eq!(a.fact_at, Some(0), "the first move selects the first item");
        // Each item's lines hold its text; details stay with their item.
        let jurgen = a
            .fact_items
            .iter()
            .position(|item| item.text.starts_with("Jurgen Stock\n"))
            .expect("Jurgen Stock with his role");
        assert!(a.fact_items[jurgen].text.contains("Tổng Thư ký"));
        let figure = a
            .fact_items
            .iter()
            .position(|item| item.text == "231 điểm kết nối")
            .expect("a figure");
        for _ in 0..figure {
            a.update(Action::Down);
        }
        assert_eq!(a.fact_at, Some(figure));
        let (_, e) = a
            .entity
            .expect("the figure's mention is selected in the article");
        assert_eq!(a.articles[1].entities()[e].text, "231 điểm kết nối");
        let line = a.entity_lines[e];
        assert!((a.article_scroll..a.article_scroll + a.article_height()).contains(&line));
        let (first, last) = a.fact_items[figure].lines;
        assert!(a.facts_scroll <= first && last < a.facts_scroll + a.article_height());
        assert!(a.facts_lines[first]
            .style
            .add_modifier
            .contains(Modifier::REVERSED));
        a.update(Action::Copy);
        assert_eq!(
            a.effect.take(),
            Some(Effect::Copy {
                what: "the fact".to_owned(),
                text: "231 điểm kết nối".to_owned()
            })
        );
        a.update(Action::Back);
        assert_eq!((a.fact_at, a.entity, a.focus), (None, None, Focus::Facts));
        a.update(Action::Down);
        a.update(Action::Back);
        a.update(Action::Back);
        assert_eq!(a.focus, Focus::List);
        a.update(Action::Down);
        assert_eq!(
            a.fact_at, None,
            "another article starts with nothing selected"
        );
    }

    #[test]
    fn entity_keys_select_scroll_copy_and_list_mentions() {
        let mut a = app();
        a.update(Action::NextEntity);
        assert_eq!(a.entity, None, "in the list, ] does nothing");
        a.update(Action::Down);
        a.update(Action::Open);
        a.update(Action::NextEntity);
        assert_eq!(a.entity, Some((1, 0)), "from the top: the first entity");
        a.update(Action::PrevEntity);
        let n = a.articles[1].entities().len();
        assert_eq!(a.entity, Some((1, n - 1)), "[ wraps to the last");
        let last_line = a.entity_lines[n - 1];
        assert!(
            (a.article_scroll..a.article_scroll + a.article_height()).contains(&last_line),
            "the selected entity is scrolled into view"
        );
        // The selected entity is drawn in reverse video on its line.
        let on_line: String = a.article_lines[last_line]
            .spans
            .iter()
            .filter(|sp| sp.style.add_modifier.contains(Modifier::REVERSED))
            .map(|sp| sp.content.as_ref())
            .collect();
        let e = a.articles[1].entities()[n - 1].clone();
        assert!(
            e.text.starts_with(on_line.trim()) && !on_line.trim().is_empty(),
            "{on_line:?} / {}",
            e.text
        );
        // Jurgen Stock: selected by name, copied, listed where else he occurs.
        let jurgen = a.articles[1]
            .entities()
            .iter()
            .position(|e| e.text == "Jurgen Stock")
            .expect("named in the second seed");
        while a.entity != Some((1, jurgen)) {
            a.update(Action::NextEntity);
        }
        assert!(a.message.as_deref().unwrap().contains("Jurgen Stock"));
        a.update(Action::Copy);
        assert_eq!(
            a.effect.take(),
            Some(Effect::Copy {
                what: "the person “Jurgen Stock”".to_owned(),
                text: "Jurgen Stock".to_owned()
            })
        );
        a.update(Action::Mentions);
        assert_eq!(a.overlay, Overlay::Mentions);
        let here = a.articles[1]
            .entities()
            .iter()
            .filter(|e| e.text == "Jurgen Stock")
            .count();
        assert_eq!(a.mentions.here.len(), here);
        assert!(a.mentions.here.iter().all(|s| s.contains("Jurgen Stock")));
        let ids: Vec<&str> = a.mentions.elsewhere.iter().map(|m| &m.0[..3]).collect();
        assert_eq!(ids, ["000"], "the first seed names him too");
        // Esc closes the list, then lets go of the entity, then goes back to the list.
        a.update(Action::Back);
        assert_eq!((a.overlay, a.entity.is_some()), (Overlay::None, true));
        a.update(Action::Back);
        assert_eq!((a.entity, a.focus), (None, Focus::Article));
        a.update(Action::Back);
        assert_eq!(a.focus, Focus::List);
        // Another article: no entity carried over.
        a.update(Action::Open);
        a.update(Action::NextEntity);
        a.update(Action::Back);
        a.update(Action::Back);
        a.update(Action::Down);
        a.update(Action::Open);
        assert_eq!(a.entity, None);
    }

    #[test]
    fn the_corpus_view_lists_names_then_articles_then_opens_at_the_name() {
        let mut a = app();
        a.update(Action::CorpusView);
        let view = a.corpus.as_ref().expect("shown");
        assert_eq!(view.made_from, 5);
        assert_eq!(
            view.entries[0].name, "Jurgen Stock",
            "people first, most mentioned first"
        );
        // Moving is in the view, not the list behind it.
        a.update(Action::Down);
        assert_eq!((a.corpus.as_ref().unwrap().selected, a.selected), (1, 0));
        a.update(Action::Up);
        a.update(Action::Open);
        let (e, at) = a
            .corpus
            .as_ref()
            .unwrap()
            .open
            .expect("the articles of Jurgen Stock");
        assert_eq!((e, at), (0, 0));
        assert_eq!(a.corpus.as_ref().unwrap().len_and_at(), (2, 0));
        a.update(Action::Down);
        a.update(Action::Down);
        assert_eq!(
            a.corpus.as_ref().unwrap().len_and_at(),
            (2, 1),
            "stops at the last"
        );
        a.update(Action::Back);
        assert!(
            a.corpus.as_ref().unwrap().open.is_none(),
            "Esc goes back a level"
        );
        a.update(Action::Open);
        a.update(Action::Down);
        // Opening an article filtered out of the list brings the whole list back.
        a.update(Action::Back);
        a.update(Action::Back);
        a.update(Action::StartFilter);
        for c in "asean".chars() {
            a.update(Action::FilterInput(c));
        }
        a.update(Action::FilterAccept);
        a.update(Action::CorpusView);
        a.update(Action::Open);
        a.update(Action::Down);
        let id = a.corpus.as_ref().unwrap().entries[0].articles[1].id.clone();
        a.update(Action::Open);
        assert!(a.corpus.is_none());
        assert_eq!(a.current().unwrap().id, id);
        assert_eq!(a.focus, Focus::Article);
        let index = a.rows[a.selected];
        let (article, e) = a.entity.expect("the name is selected");
        assert_eq!(article, index);
        assert_eq!(a.articles[index].entities()[e].text, "Jurgen Stock");
        let line = a.entity_lines[e];
        assert!((a.article_scroll..a.article_scroll + a.article_height()).contains(&line));
        assert!(!a.is_unread(index), "opened is read");
        // c closes it too.
        a.update(Action::CorpusView);
        a.update(Action::CorpusView);
        assert!(a.corpus.is_none());
    }

    #[test]
    fn filter_through_keys_narrows_and_esc_clears() {
        let mut a = app();
        press(&mut a, KeyCode::Char('/'));
        for c in "aseanapol".chars() {
            press(&mut a, KeyCode::Char(c));
        }
        assert!(a.filtering);
        assert!(!a.rows.is_empty() && a.rows.len() < 5, "{:?}", a.rows);
        assert!(a
            .rows
            .iter()
            .any(|&index| a.articles[index].id.starts_with("002")));
        press(&mut a, KeyCode::Esc);
        assert!(!a.filtering);
        assert_eq!(a.rows.len(), 5);
    }

    #[test]
    fn accentless_filter_finds_accented_title() {
        let mut a = app();
        a.update(Action::StartFilter);
        for c in "nang cao hieu qua".chars() {
            a.update(Action::FilterInput(c));
        }
        let first = &a.articles[a.rows[0]];
        assert!(first.id.starts_with("003"), "{}", first.id);
        let marks = a.marks.as_ref().expect("filtered").of(&first.display_title);
        let chars: Vec<char> = first.display_title.chars().collect();
        let marked: String = marks.iter().map(|&i| chars[i]).collect();
        assert_eq!(docbao::text::fold(&marked), "nang cao hieu qua");
    }

    #[test]
    fn scrolling_stays_in_range() {
        let mut a = app();
        a.update(Action::Open);
        assert_eq!(a.focus, Focus::Article);
        a.update(Action::Bottom);
        let bottom = a.article_scroll;
        assert!(bottom > 0);
        a.update(Action::Down);
        assert_eq!(a.article_scroll, bottom);
        a.update(Action::Top);
        assert_eq!(a.article_scroll, 0);
    }

    #[test]
    fn facts_and_article_lines_fit_their_panes() {
        for (w, h) in [(60, 20), (100, 30), (140, 40)] {
            let mut a = App::new(Corpus::seeds(), w, h, Theme::new(Palette::Basic));
            for _ in 0..a.articles.len() {
                let p = a.panes();
                let facts_w = usize::from(p.facts_w.saturating_sub(2));
                let article_w = usize::from(article_text_area(p.article_w.saturating_sub(2)).1);
                assert!(
                    a.facts_lines.iter().all(|l| l.width() <= facts_w),
                    "{w}x{h} facts"
                );
                assert!(
                    a.article_lines.iter().all(|l| l.width() <= article_w),
                    "{w}x{h} article"
                );
                a.update(Action::Down);
            }
        }
    }

    #[test]
    fn article_lines_fit_the_reading_width() {
        let mut a = app();
        a.update(Action::Resize(250, 60));
        assert!(a
            .article_lines
            .iter()
            .all(|l| l.width() <= usize::from(READING_WIDTH)));
        let widest = |a: &App| a.article_lines.iter().map(Line::width).max().unwrap_or(0);
        assert!(widest(&a) > 60);
        a.set_reading_width(60);
        assert!(widest(&a) <= 60 && widest(&a) > 40, "{}", widest(&a));
    }
}
