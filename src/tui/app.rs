//! The reader's state and the one `update` that changes it: opening, moving, filtering, loading.
//! What each pane adds to it lives with the pane (`list`, `article`, `facts`, `corpus_view`).

use std::cell::OnceCell;
use std::task::Poll;

use crossterm::event::KeyEvent;
use ratatui::text::Line;

use docbao::article::Article;
use docbao::config::KeySpec;
use docbao::corpus::{Batch, Corpus, Loading};
use docbao::search;
use docbao::search::filterer::Filterer;
use docbao::state::{self, Place, ReadingState};

use super::corpus_view::{CorpusView, Mentions};
use super::facts::FactItem;
use super::highlight::Theme;
use super::keymap::{keymap, spec_matches, Action, Binding};
use super::list::Sort;
use super::view::kind_label;
use docbao::corpus::index::Entry;
use docbao::corpus::lookup::Counted;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Article,
    Facts,
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
pub struct App {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// Matches the filter line against the list, off this thread when the list is long.
    pub(super) filterer: Filterer,
    /// The articles the filter let through (all of them without one), in its order.
    pub(super) hits: Vec<usize>,
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
    /// The facts pane beside the article, when three panes fit.
    pub show_facts: bool,
    /// The facts pane under the article, when the list and the facts are folded away.
    pub facts_below: bool,
    /// Whether some article has a date, and some a source: the list's columns for them.
    pub dated: bool,
    pub sourced: bool,
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
    pub(super) entity_lines: Vec<usize>,
    pub mentions: Mentions,
    /// The corpus view, while it is shown.
    pub corpus: Option<CorpusView>,
    pub overlay: Overlay,
    pub width: u16,
    pub height: u16,
    pub theme: Theme,
    /// The widest the article's prose wraps.
    pub(super) reading_width: usize,
    /// The open article laid out for the current width (built in `update`, read by the view).
    pub article_lines: Vec<Line<'static>>,
    pub article_scroll: usize,
    pub facts_lines: Vec<Line<'static>>,
    /// The selectable items of the facts panel, and the one selected.
    pub fact_items: Vec<FactItem>,
    pub fact_at: Option<usize>,
    /// The article the panes were last laid out for.
    pub(super) laid_out: Option<usize>,
    pub facts_scroll: usize,
    pub quit: bool,
    /// Read marks and places, saved when the reader quits.
    pub state: ReadingState,
    /// Each article's key into `state`, hashed from its text the first time it is needed.
    pub(super) keys: Vec<OnceCell<String>>,
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
    /// Where the lookup index of the folders read is: the corpus view and the mentions list
    /// read it once every folder is read.
    pub index: Option<IndexPlace>,
    /// The corpus view's names, being counted from the index on another thread.
    pub corpus_coming: Option<std::sync::mpsc::Receiver<Option<Vec<Counted>>>>,
    /// The articles of the corpus view's entry (by place in its list) being read from the
    /// index on another thread.
    pub entry_coming: Option<(usize, std::sync::mpsc::Receiver<Option<Entry>>)>,
}

/// The cache the lookup index of the folders read is kept in, and the folders as the load
/// found them (gathered as its batches come).
#[derive(Debug, Clone)]
pub struct IndexPlace {
    pub cache: docbao::corpus::Cache,
    pub seen: Vec<docbao::corpus::Seen>,
    /// How many files the load found.
    pub files: usize,
}

impl IndexPlace {
    pub fn new(cache: docbao::corpus::Cache) -> IndexPlace {
        IndexPlace {
            cache,
            seen: Vec::new(),
            files: 0,
        }
    }

    /// The index of what was read, if every folder's is there and made from the files as
    /// they were read: the folders are not walked again.
    pub fn open(&self) -> Option<docbao::corpus::Lookup> {
        docbao::corpus::Lookup::open_seen(&self.seen, self.files, Vec::new(), &self.cache)
    }

    /// The corpus's entry of this kind and folded name, with its articles, if the index is
    /// there and fresh.
    pub fn entry(&self, kind: docbao::extract::EntityKind, key: &str) -> Option<Entry> {
        crate::trace::mark("entry-asked");
        let entry = self.open()?.entry(kind, key).ok()?;
        crate::trace::mark("entry-indexed");
        entry
    }
}

/// How far the reading of a folder has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub read: usize,
    /// How many files there are, once the folders have been walked.
    pub total: Option<usize>,
}

/// Below this width the reader shows one pane at a time.
pub const NARROW: u16 = 64;
/// The article's text is never narrower than this while it is read, when the terminal has room.
pub const TEXT_MIN: u16 = 60;
/// From this width the list, the article (with `TEXT_MIN` columns of text) and the facts fit
/// side by side while reading; below it the list and the facts fold away.
pub const THREE_PANES: u16 = LIST_MIN + ARTICLE_MIN + FACTS_MIN;
/// The article pane around `TEXT_MIN` columns of text: two borders and a margin.
const ARTICLE_MIN: u16 = TEXT_MIN + 3;
const LIST_MIN: u16 = 24;
const FACTS_MIN: u16 = 20;
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
        let dated = corpus.articles.iter().any(|a| a.published.is_some());
        let sourced = corpus.articles.iter().any(|a| a.source.is_some());
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
            facts_below: false,
            dated,
            sourced,
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
            index: None,
            corpus_coming: None,
            entry_coming: None,
        };
        app.keys.resize_with(app.articles.len(), OnceCell::new);
        app.layout_article();
        app
    }

    /// The open article (its index in `articles`) and its first line on screen, while one is
    /// being read.
    pub(super) fn reading(&self) -> Option<(usize, usize)> {
        if self.focus == Focus::List {
            return None;
        }
        let &index = self.rows.get(self.selected)?;
        Some((index, self.article_scroll))
    }

    /// The key of article `index` into the reading state.
    pub(super) fn key(&self, index: usize) -> &str {
        self.keys[index].get_or_init(|| state::key(&self.articles[index]))
    }

    /// The action a key is bound to: the config's keys first, then the keymap's.
    pub(super) fn action_of(&self, key: &KeyEvent) -> Option<Action> {
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

    /// Whether the list and the facts are folded away while an article is read: the terminal
    /// is too narrow for three panes with `TEXT_MIN` columns of text, but not for two.
    pub fn folded(&self) -> bool {
        !self.narrow() && self.width < THREE_PANES
    }

    /// The panes' sizes, shared by update (for scrolling and wrapping) and the view.
    ///
    /// - Below `NARROW` columns one pane at a time.
    /// - Below `THREE_PANES`, browsing shows the list and the article; reading gives the whole
    ///   width to the article, with the facts under it when `f` (or `Tab`) asks for them.
    /// - From `THREE_PANES` on, the three panes side by side; reading, the article keeps
    ///   `TEXT_MIN` columns of text.
    pub fn panes(&self) -> Panes {
        let body_h = self
            .height
            .saturating_sub(1 + u16::from(self.filtering || !self.filter.is_empty()));
        let beside = |list_w: u16, article_w: u16, facts_w: u16| Panes {
            list_w,
            article_w,
            facts_w,
            body_h,
            article_h: body_h,
            facts_h: body_h,
            facts_below: false,
        };
        if self.narrow() {
            return beside(self.width, self.width, self.width);
        }
        let browsing = self.focus == Focus::List;
        if self.folded() {
            if browsing {
                let list_w = (self.width / 2).clamp(LIST_MIN, 72);
                return beside(list_w, self.width - list_w, 0);
            }
            let below = self.facts_below || self.focus == Focus::Facts;
            // The facts take two fifths of the height under the article, never all of it.
            let facts_h = if below {
                (body_h * 2 / 5).max(5).min(body_h / 2)
            } else {
                0
            };
            return Panes {
                list_w: 0,
                article_w: self.width,
                facts_w: if below { self.width } else { 0 },
                body_h,
                article_h: body_h - facts_h,
                facts_h,
                facts_below: below,
            };
        }
        // Browsing, the list gets room for dates and sources; reading, the article does.
        let mut list_w = if browsing {
            (self.width / 2).clamp(LIST_MIN, 72)
        } else {
            (self.width / 4).clamp(LIST_MIN, 48)
        };
        let mut facts_w = if self.show_facts {
            ((self.width - list_w) / 3).clamp(FACTS_MIN, 44)
        } else {
            0
        };
        if !browsing {
            // The text keeps its columns: the list gives way first, then the facts.
            let mut short = ARTICLE_MIN.saturating_sub(self.width - list_w - facts_w);
            let from_list = short.min(list_w - LIST_MIN);
            list_w -= from_list;
            short -= from_list;
            if facts_w > 0 {
                facts_w -= short.min(facts_w - FACTS_MIN);
            }
        }
        beside(list_w, self.width - list_w - facts_w, facts_w)
    }

    pub(super) fn list_height(&self) -> usize {
        usize::from(self.panes().body_h.saturating_sub(2)).max(1)
    }

    pub(super) fn article_height(&self) -> usize {
        usize::from(self.panes().article_h.saturating_sub(2)).max(1)
    }

    pub(super) fn facts_height(&self) -> usize {
        usize::from(self.panes().facts_h.saturating_sub(2)).max(1)
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
        if (before.article_w, before.facts_w, before.article_h)
            != (after.article_w, after.facts_w, after.article_h)
        {
            // The panes changed width: wrap again, keeping the reader's place roughly.
            let (article, facts) = (self.article_scroll, self.facts_scroll);
            self.layout_article();
            self.article_scroll = article;
            self.facts_scroll = facts;
            self.clamp();
        }
    }

    pub(super) fn apply(&mut self, action: Action) {
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
                // Folded, the facts come and go under the article (opening it if need be).
                let shown = if self.folded() {
                    self.facts_below = !(self.facts_below || self.focus == Focus::Facts);
                    if self.facts_below && self.focus == Focus::List {
                        self.focus = Focus::Article;
                    }
                    self.facts_below
                } else {
                    self.show_facts = !self.show_facts;
                    self.show_facts
                };
                if !shown && self.focus == Focus::Facts {
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
            Action::CorpusView => self.open_corpus(),
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
    pub(super) fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        let panes = self.panes();
        if row >= panes.body_h || column >= self.width {
            return None;
        }
        if self.narrow() {
            return Some(self.focus);
        }
        if panes.facts_below {
            return Some(if row < panes.article_h {
                Focus::Article
            } else {
                Focus::Facts
            });
        }
        if column < panes.list_w {
            Some(Focus::List)
        } else if column < panes.list_w + panes.article_w {
            Some(Focus::Article)
        } else if panes.facts_w > 0 {
            Some(Focus::Facts)
        } else {
            None
        }
    }

    /// Puts the facts panel or the article's clean text on the clipboard; in the link box, the
    /// link.
    pub(super) fn copy(&mut self) {
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

    pub(super) fn page(&self) -> usize {
        match self.focus {
            Focus::List => self.list_height(),
            _ => self.article_height(),
        }
    }

    pub(super) fn cycle_focus(&self, forward: bool) -> Focus {
        let order: &[Focus] = if self.show_facts || self.folded() {
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

    pub(super) fn move_by(&mut self, delta: isize) {
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
                let max = self.facts_lines.len().saturating_sub(self.facts_height());
                self.facts_scroll = step(self.facts_scroll, max);
            }
        }
        self.clamp();
    }

    /// Keeps the selection visible and scroll offsets in range.
    pub(super) fn clamp(&mut self) {
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
    pub(super) fn apply_filter(&mut self) {
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
    /// Opens the corpus view: merged from the lookup index on another thread once every
    /// folder is read (the reader goes on meanwhile), else made from the articles here.
    fn open_corpus(&mut self) {
        if self.corpus_coming.is_some() {
            return;
        }
        crate::trace::mark("corpus-asked");
        let place = self.index.clone().filter(|_| self.loading.is_none());
        let Some(place) = place else {
            self.show_corpus(docbao::corpus::index::build(&self.articles));
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("docbao-corpus".to_owned())
            .spawn(move || {
                let counted = place.open().and_then(|mut lookup| lookup.counted().ok());
                let _ = tx.send(counted);
            });
        if spawned.is_ok() {
            self.corpus_coming = Some(rx);
            self.message = Some("gathering every name of the corpus…".to_owned());
        } else {
            self.show_corpus(docbao::corpus::index::build(&self.articles));
        }
    }

    /// Shows the corpus view of `entries`.
    fn show_corpus(&mut self, entries: Vec<Entry>) {
        crate::trace::mark(&format!("corpus-view {}", entries.len()));
        self.corpus = Some(CorpusView {
            entries,
            made_from: self.articles.len(),
            ..CorpusView::default()
        });
    }

    /// Opens the corpus view if its names have come from the index; true if the screen
    /// changed. An index found out of date (a folder changed since it was read) gives way to
    /// the articles in hand.
    pub fn poll_corpus(&mut self) -> bool {
        let Some(rx) = &self.corpus_coming else {
            return false;
        };
        let Poll::Ready(counted) = arrived(rx) else {
            return false;
        };
        self.corpus_coming = None;
        self.message = None;
        let Some(counted) = counted else {
            self.show_corpus(docbao::corpus::index::build(&self.articles));
            return true;
        };
        crate::trace::mark("corpus-indexed");
        // The names alone: an entry's articles are read from the index when it is opened.
        let sizes = counted.iter().map(|c| (c.mentions, c.articles)).collect();
        let entries = counted
            .into_iter()
            .map(|c| Entry {
                kind: c.kind,
                name: c.name,
                roles: Vec::new(),
                articles: Vec::new(),
                with: Vec::new(),
            })
            .collect();
        self.show_corpus(entries);
        if let Some(view) = &mut self.corpus {
            view.sizes = Some(sizes);
        }
        true
    }

    pub fn filter_pending(&self) -> bool {
        self.filterer.pending()
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
                if let Some(place) = &mut self.index {
                    place.files = files;
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
        self.dated |= batch.articles.iter().any(|a| a.published.is_some());
        self.sourced |= batch.articles.iter().any(|a| a.source.is_some());
        self.articles.extend(batch.articles);
        docbao::article::let_go(&mut self.articles, batch.kept);
        if let Some(place) = &mut self.index {
            place.seen.extend(batch.seen);
        }
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
    /// The folder has been read. The corpus view's list is merged and kept from the lookup
    /// index on another thread, unless it was kept for these folders as they are, so that
    /// `c` finds it ready.
    pub fn loaded(&mut self) {
        self.loading = None;
        let Some(place) = self.index.clone() else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("docbao-corpus".to_owned())
            .spawn(move || {
                if place
                    .open()
                    .is_some_and(|lookup| lookup.keep_counted().is_ok())
                {
                    crate::trace::mark("corpus-counted");
                }
            });
    }

    /// Marks article `index` read; returns where the reader left it before.
    pub(super) fn mark_read(&mut self, index: usize) -> Place {
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
}

/// What another thread has answered, once it has (`None` if it ended without answering).
pub(super) fn arrived<T>(rx: &std::sync::mpsc::Receiver<Option<T>>) -> Poll<Option<T>> {
    match rx.try_recv() {
        Ok(answer) => Poll::Ready(answer),
        Err(std::sync::mpsc::TryRecvError::Empty) => Poll::Pending,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => Poll::Ready(None),
    }
}

/// `on`, unless it is `on` already: then `off`.
pub(super) fn toggle<T: PartialEq + Copy>(now: T, on: T, off: T) -> T {
    if now == on {
        off
    } else {
        on
    }
}

/// Lines the wheel scrolls an article or the facts per notch.
pub(super) const WHEEL_LINES: isize = 3;

#[derive(Debug, Clone, Copy)]
pub struct Panes {
    pub list_w: u16,
    pub article_w: u16,
    pub facts_w: u16,
    pub body_h: u16,
    pub article_h: u16,
    pub facts_h: u16,
    /// The facts pane is under the article rather than beside it.
    pub facts_below: bool,
}

#[cfg(test)]
mod tests;
