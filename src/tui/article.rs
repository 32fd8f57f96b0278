//! The article pane: its lines (clean or raw, with entities highlighted), the search within it,
//! and stepping from entity to entity.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use docbao::article::Article;
use docbao::clean::BlockKind;
use docbao::extract::EntityKind;
use docbao::search;

use super::app::{App, Focus};
use super::facts::facts_lines;
use super::highlight::{self, Theme};
use super::view::{kind_label, pane};

impl App {
    /// Lays the article out again with the search's hits marked, and shows the first hit.
    pub(super) fn search_article(&mut self) {
        if self.article_query.is_empty() {
            self.in_article = self.filtering;
        }
        let scroll = self.article_scroll;
        self.layout_article();
        self.article_scroll = scroll;
        self.show_hit();
    }

    /// Scrolls the article so that the current hit is in view, two lines from the top.
    pub(super) fn show_hit(&mut self) {
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
    pub(super) fn relayout(&mut self) {
        let (article, facts) = (self.article_scroll, self.facts_scroll);
        self.layout_article();
        self.article_scroll = article;
        self.facts_scroll = facts;
        self.clamp();
    }

    /// Selects the next (or previous) entity of the open article, from the top of the screen
    /// when none is selected, and scrolls it into view.
    pub(super) fn step_entity(&mut self, forward: bool) {
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

    /// Lays out the selected article and its facts for the current pane widths.
    pub(super) fn layout_article(&mut self) {
        let panes = self.panes();
        let (_, text_w) = article_text_area(panes.article_w.saturating_sub(2));
        let width = usize::from(text_w).clamp(1, self.reading_width.max(1));
        // Hidden facts are laid out as if in a pane of middling width, for `y` to copy.
        let facts_width = match panes.facts_w {
            0 => 40,
            w => usize::from(w.saturating_sub(2)).max(1),
        };
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

/// The article text inside its pane's borders: a column of margin on the left when there is
/// room. Returns the margin and the text width.
pub fn article_text_area(inner_w: u16) -> (u16, u16) {
    if inner_w > 40 {
        (1, inner_w - 1)
    } else {
        (0, inner_w)
    }
}

/// The article laid out for `width`, with the hits of `query` marked; also the line each
/// hit is on.
/// An article laid out for its pane.
#[derive(Default)]
pub(super) struct Layout {
    pub(super) lines: Vec<Line<'static>>,
    /// The line of each hit of the search.
    pub(super) hit_lines: Vec<usize>,
    /// The line each entity starts on, in the order of `Article::entities`.
    pub(super) entity_lines: Vec<usize>,
}

/// The words around chars `start..end` of `text`: the sentence, cut to about 90 chars.
pub(super) fn snippet(text: &str, start: usize, end: usize) -> String {
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

pub(super) fn article_lines(
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
pub(super) fn raw_lines(a: &Article, width: usize, theme: Theme) -> Vec<Line<'static>> {
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
    let header = theme.dim().add_modifier(ratatui::style::Modifier::ITALIC);
    let mut lines = Vec::new();
    for line in text.lines() {
        if a.is_header(line) {
            lines.extend(highlight::wrap_hanging(
                line,
                &[],
                header,
                width,
                "= ",
                "  ",
            ));
        } else if a.was_removed(line) {
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

pub(super) fn render_article(frame: &mut Frame, app: &App, area: Rect) {
    let Some(article) = app.current() else {
        let block = pane(app, Line::from(" Article "), Focus::Article);
        frame.render_widget(block, area);
        return;
    };
    let inner_h = usize::from(area.height.saturating_sub(2));
    let total = app.article_lines.len();
    let shown_to = (app.article_scroll + inner_h).min(total);
    // The search's hit count goes with the position, where a long title cannot push it out.
    let found = if app.in_article && !app.article_query.is_empty() {
        match app.hit_lines.len() {
            0 => "no hits · ".to_owned(),
            n => format!("hit {}/{n} · ", app.hit_at + 1),
        }
    } else {
        String::new()
    };
    let position = format!(" {found}{shown_to}/{total} ");
    // The border names what is read (its title, shortened to fit beside the position); the
    // file's id stays in the status line and in `show`.
    let room = usize::from(area.width.saturating_sub(4)).saturating_sub(position.width());
    let named = |what: &str, tail: &str| {
        let (cut, _) = highlight::truncate(what, room.saturating_sub(tail.width() + 2));
        Line::from(format!(" {cut}{tail} "))
    };
    let title = if app.raw {
        named(&article.display_title, " · raw (r)")
    } else if app.in_article && !app.article_query.is_empty() {
        named(&format!("/{}", app.article_query), "")
    } else {
        named(&article.display_title, "")
    };
    let position = Line::from(position).right_aligned();
    let block = pane(app, title, Focus::Article)
        .title(position)
        .title_bottom(legend(app.theme, usize::from(area.width.saturating_sub(2))));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = app
        .article_lines
        .iter()
        .skip(app.article_scroll)
        .take(inner_h)
        .cloned()
        .collect();
    let (margin, width) = article_text_area(inner.width);
    let text_area = Rect {
        x: inner.x + margin,
        width,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
}

/// The entity kinds in their styles, as many as fit in `width` columns.
pub(super) fn legend(theme: Theme, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for kind in EntityKind::ALL {
        let label = kind_label(kind);
        if used + label.width() + 1 > width {
            break;
        }
        used += label.width() + 1;
        spans.push(Span::styled(label, theme.entity(kind)));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}
