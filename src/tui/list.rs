//! The list of articles: its order, what the filter keeps, and its rows.

use std::cmp::Reverse;
use std::fmt::Write as _;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use docbao::article::Article;
use docbao::search;
use docbao::text;

use super::app::{App, Focus, Show};
use super::highlight::{self};
use super::view::pane;

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
    pub(super) fn next(self) -> Sort {
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

impl App {
    /// Shows `hits`, the articles `query` matches, in the list's order.
    pub(super) fn set_rows(&mut self, query: &str, hits: Vec<usize>) {
        self.hits = hits;
        self.marks = (!query.trim().is_empty()).then(|| search::TitleMarks::new(query));
        self.arrange();
    }

    /// Makes the list from the filter's hits, what it shows and its order, keeping the
    /// selected article selected if it is still there.
    pub(super) fn arrange(&mut self) {
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
}

pub(super) fn render_list(frame: &mut Frame, app: &App, area: Rect) {
    let working = if app.filter_pending() {
        "· filtering… "
    } else {
        ""
    };
    let title = Line::from(list_title(app, working));
    let block = pane(app, title, Focus::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.rows.is_empty() {
        let message = if app.articles.is_empty() && app.loading.is_some() {
            "Reading the articles…".to_owned()
        } else if app.articles.is_empty() {
            "No articles were read. Press w to see why.".to_owned()
        } else if app.filter_pending() {
            format!("Looking for “{}”…", app.filter)
        } else {
            format!("Nothing matches “{}”. Esc clears the filter.", app.filter)
        };
        let lines = highlight::wrap(&message, &[], app.theme.dim(), usize::from(inner.width), "");
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let width = usize::from(inner.width);
    let lines: Vec<Line> = app
        .rows
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(usize::from(inner.height))
        .map(|(i, &index)| list_row(app, index, width, i == app.selected))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "Articles 2/5", then how many of all the list holds when it holds fewer, what it shows
/// and its order: "Articles 1/3 of 5 · unread · by date".
pub(super) fn list_title(app: &App, working: &str) -> String {
    let at = if app.rows.is_empty() {
        0
    } else {
        app.selected + 1
    };
    let mut title = format!(" Articles {}/{}", grouped(at), grouped(app.rows.len()));
    if app.rows.len() != app.articles.len() {
        let _ = write!(title, " of {}", grouped(app.articles.len()));
    }
    match app.show {
        Show::All => {}
        Show::Unread => title.push_str(" · unread"),
        Show::Bookmarked => title.push_str(" · bookmarked"),
    }
    if app.sort != Sort::AsRead {
        let _ = write!(title, " · {}", app.sort.label());
    }
    let _ = write!(title, " {working}");
    title
}

/// "1 article", "12,345 articles".
pub(super) fn counted(n: usize, what: &str) -> String {
    format!("{} {what}{}", grouped(n), if n == 1 { "" } else { "s" })
}

/// 12345 as "12,345".
pub(super) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One list row: date, source, then the title with the filter's matched chars marked. The
/// date and source columns are there only when some article has one.
pub(super) fn list_row(app: &App, index: usize, width: usize, selected: bool) -> Line<'static> {
    let article = &app.articles[index];
    let theme = app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    let date = article.date();
    if app.dated && width >= 34 {
        let date = highlight::fit(date, 10);
        used += date.width() + 1;
        spans.push(Span::styled(date, theme.dim()));
        spans.push(Span::raw(" "));
    }
    if app.sourced && width >= 46 {
        let source = highlight::fit(article.source.as_deref().unwrap_or(""), 9);
        used += source.width() + 1;
        spans.push(Span::styled(
            source,
            theme.paint(Style::default(), Color::Cyan),
        ));
        spans.push(Span::raw(" "));
    }
    if app.is_bookmarked(index) && width >= 24 {
        used += 2;
        spans.push(Span::styled(
            "* ",
            theme.paint(Style::default(), Color::Yellow),
        ));
    }
    let title_w = width.saturating_sub(used);
    let (title, _) = highlight::truncate(&article.display_title, title_w);
    let mut char_at = 0;
    let marks = app
        .marks
        .as_ref()
        .map_or_else(Vec::new, |m| m.of(&article.display_title));
    let mut matched = marks.iter().peekable();
    // Unread titles stand out in bold, as in mail and feed readers.
    let plain = if app.is_unread(index) {
        Style::default().add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    };
    for g in title.graphemes(true) {
        let n = g.chars().count();
        while matched.next_if(|&&m| m < char_at).is_some() {}
        let hit = matched.peek().is_some_and(|&&m| m < char_at + n);
        let style = if hit {
            plain.patch(theme.matched())
        } else {
            plain
        };
        spans.push(Span::styled(g.to_owned(), style));
        char_at += n;
    }
    let mut line = Line::from(merge(spans));
    if selected {
        let pad = width.saturating_sub(line.width());
        line.spans.push(Span::raw(" ".repeat(pad)));
        let style = if app.focus == super::app::Focus::List {
            theme.selected()
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::DIM)
        };
        line = line.patch_style(style);
    }
    line
}

/// Joins neighbouring spans of the same style, so the buffer holds few spans.
pub(super) fn merge(spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if last.style == s.style => last.content.to_mut().push_str(&s.content),
            _ => out.push(s),
        }
    }
    out
}
