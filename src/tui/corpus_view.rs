//! The corpus view (every name of the articles read, then the articles naming one) and the
//! mentions list of an entity.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use docbao::article::Article;
use docbao::text;

use super::app::{App, Focus, Overlay, Show};
use super::article::snippet;
use super::boxes::{fitted, show_box};
use super::highlight::{self};
use super::keymap::Action;
use super::list::{counted, grouped};
use super::view::kind_label;

/// The corpus view: every person, organisation and place of the articles read, with the
/// articles that name them.
#[derive(Debug, Clone, Default)]
pub struct CorpusView {
    pub entries: Vec<docbao::corpus::index::Entry>,
    pub selected: usize,
    pub offset: usize,
    /// The entry whose articles are listed, and the article selected among them.
    pub open: Option<(usize, usize)>,
    /// How many articles the index was made from.
    pub made_from: usize,
    /// Each entry's mentions and articles, when the entries came from the lookup index
    /// without their articles (read when one is opened).
    pub sizes: Option<Vec<(usize, usize)>>,
}

impl CorpusView {
    /// How often the entry at `e` is named, and in how many articles.
    pub fn size(&self, e: usize) -> (usize, usize) {
        match &self.sizes {
            Some(sizes) => sizes.get(e).copied().unwrap_or_default(),
            None => (self.entries[e].mentions(), self.entries[e].articles.len()),
        }
    }

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

impl App {
    /// What an action does in the corpus view; false for those it leaves to the reader
    /// (quit, resize, help, the warnings).
    pub(super) fn in_corpus(&mut self, action: Action) -> bool {
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
                    None if !view.entries.is_empty() => {
                        let e = view.selected;
                        // An entry from the index comes without its articles: read them now.
                        if view.sizes.is_some() && view.entries[e].articles.is_empty() {
                            self.ask_entry(e);
                            return true;
                        }
                        view.open = Some((e, 0));
                    }
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
    pub(super) fn open_at_mention(&mut self, entry: &docbao::corpus::index::Entry, at: usize) {
        let Some(mention) = entry.articles.get(at) else {
            return;
        };
        let Some(index) = self.articles.iter().position(|a| *a.id == *mention.id) else {
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

    /// Opens the list of the selected entity's mentions: here, and in the other articles
    /// (same kind, same name up to case, accents and tone-mark placement).
    pub(super) fn list_mentions(&mut self) {
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
        let indexed = docbao::article::INDEXED.contains(&entity.kind);
        if let Some(entry) = indexed
            .then(|| self.indexed_entry(entity.kind, &key))
            .flatten()
        {
            // From the lookup index: the entry's articles, this one aside.
            elsewhere.extend(
                entry
                    .articles
                    .into_iter()
                    .filter(|m| *m.id != *article.id)
                    .map(|m| {
                        let date = docbao::article::day(m.date.as_deref());
                        (
                            m.id.to_string(),
                            date.to_owned(),
                            m.title.to_string(),
                            m.count,
                        )
                    }),
            );
        } else if indexed {
            docbao::article::each_with_summary(&self.articles, |at, a, summary| {
                let count = summary
                    .named
                    .iter()
                    .filter(|x| x.kind == entity.kind && text::fold(&x.text) == key)
                    .map(|x| x.count as usize)
                    .sum();
                found(at, a, count);
            });
        } else {
            docbao::article::each_with_content(&self.articles, |at, a, content| {
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
}

impl App {
    /// Reads the articles of the corpus view's entry `e` from the lookup index on another
    /// thread (a name may be in tens of thousands of articles); `poll_entry` opens them.
    fn ask_entry(&mut self, e: usize) {
        let Some(view) = &self.corpus else {
            return;
        };
        if self.entry_coming.is_some() {
            return;
        }
        let (kind, name) = (view.entries[e].kind, &view.entries[e].name);
        let (key, asking) = (
            text::fold(name),
            format!("reading the articles naming {name}…"),
        );
        let place = self.index.clone().filter(|_| self.loading.is_none());
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("docbao-entry".to_owned())
            .spawn(move || {
                let _ = tx.send(place.and_then(|place| place.entry(kind, &key)));
            });
        match spawned {
            Ok(_) => {
                self.message = Some(asking);
                self.entry_coming = Some((e, rx));
            }
            Err(_) => self.entry_gone(),
        }
    }

    /// Opens the corpus view's entry whose articles have come from the index; true if the
    /// screen changed.
    pub fn poll_entry(&mut self) -> bool {
        let Some((e, rx)) = &self.entry_coming else {
            return false;
        };
        let e = *e;
        let std::task::Poll::Ready(full) = super::app::arrived(rx) else {
            return false;
        };
        self.entry_coming = None;
        self.message = None;
        // The view may have been closed meanwhile.
        let Some(view) = &mut self.corpus else {
            return true;
        };
        match full {
            Some(full) if view.entries.get(e).is_some_and(|x| x.name == full.name) => {
                view.entries[e] = full;
                view.open = Some((e, 0));
            }
            _ => self.entry_gone(),
        }
        true
    }

    /// The index could not give an entry: the folders changed since they were read.
    fn entry_gone(&mut self) {
        self.message = Some("the folders changed since they were read: press c again".to_owned());
        self.corpus = None;
    }

    /// The corpus's entry of this kind and folded name, from the lookup index, once every
    /// folder is read and if the index is fresh.
    fn indexed_entry(
        &self,
        kind: docbao::extract::EntityKind,
        key: &str,
    ) -> Option<docbao::corpus::index::Entry> {
        if self.loading.is_some() {
            return None;
        }
        self.index.as_ref()?.entry(kind, key)
    }
}

/// The corpus view: every name with its mentions, or the articles naming one.
pub(super) fn render_corpus(frame: &mut Frame, app: &App, view: &CorpusView, area: Rect) {
    let theme = app.theme;
    let title = match view.open {
        Some((e, _)) => {
            let entry = &view.entries[e];
            format!(
                " {} “{}”: {} · Enter opens one at the name · Esc: back ",
                kind_label(entry.kind),
                entry.name,
                counted(entry.articles.len(), "article")
            )
        }
        None => format!(
            " People, organisations and places: {} in {} · Enter: their articles ",
            grouped(view.entries.len()),
            counted(view.made_from, "article")
        ),
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.paint(Style::default().add_modifier(Modifier::BOLD), Color::Cyan))
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let (len, at) = view.len_and_at();
    // The selected row stays in view; in the entry list the view keeps its own offset.
    let offset = match view.open {
        None => view.offset,
        Some(_) => at.saturating_sub(height.saturating_sub(1)),
    };
    let mut lines: Vec<Line> = Vec::new();
    for row in offset..(offset + height).min(len) {
        let mut line = match view.open {
            None => {
                let e = &view.entries[row];
                let (mentions, articles) = view.size(row);
                // "×5 in 2": five mentions in two articles.
                let count = format!("  ×{} in {}", grouped(mentions), grouped(articles));
                let label = format!("{:<13}", kind_label(e.kind));
                let name_w = width.saturating_sub(label.width() + count.width());
                Line::from(vec![
                    Span::styled(label, theme.dim()),
                    Span::styled(highlight::fit(&e.name, name_w), theme.entity(e.kind)),
                    Span::styled(count, theme.dim()),
                ])
            }
            Some((e, _)) => {
                let m = &view.entries[e].articles[row];
                let date = match docbao::article::day(m.date.as_deref()) {
                    "" => "-",
                    day => day,
                };
                let head = format!("{}  {date:<10}  ×{:<3} ", m.id, m.count);
                let rest = width.saturating_sub(head.width());
                Line::from(vec![
                    Span::styled(highlight::truncate(&head, width).0, theme.dim()),
                    Span::raw(highlight::fit(&m.title, rest)),
                ])
            }
        };
        if row == at {
            let pad = width.saturating_sub(line.width());
            line.spans.push(Span::raw(" ".repeat(pad)));
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    if len == 0 {
        lines.push(Line::from(Span::styled(
            highlight::fit("No names yet.", width),
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Where the selected entity occurs: the sentences of this article, then the other articles.
pub(super) fn render_mentions(frame: &mut Frame, app: &App, area: Rect) {
    let m = &app.mentions;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(format!(" {} ", m.what)).centered())
        .title_bottom(Line::from(" any key closes ").centered());
    let box_w = area.width.saturating_sub(4).max(20);
    let width = usize::from(box_w.saturating_sub(2));
    let theme = app.theme;
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(Span::styled(
        highlight::fit(&format!("In this article: {}", m.here.len()), width),
        theme.heading(),
    )));
    for s in &m.here {
        lines.extend(highlight::wrap(s, &[], Style::default(), width, "  "));
    }
    lines.push(Line::default());
    let others = if m.elsewhere.is_empty() {
        "In no other article".to_owned()
    } else {
        format!("In {} other articles", grouped(m.elsewhere.len()))
    };
    lines.push(Line::from(Span::styled(
        highlight::fit(&others, width),
        theme.heading(),
    )));
    for (id, date, title, count) in &m.elsewhere {
        let head = format!("{id}  {date}  ×{count}  ");
        let rest = width.saturating_sub(head.width());
        lines.push(Line::from(vec![
            Span::styled(highlight::truncate(&head, width).0, theme.dim()),
            Span::raw(highlight::truncate(title, rest).0),
        ]));
    }
    let popup = fitted(area, box_w, lines.len());
    show_box(frame, popup, block, lines, theme, |n| {
        format!("… {n} more lines")
    });
}
