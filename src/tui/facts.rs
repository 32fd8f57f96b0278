//! The facts pane: who holds which role, figures, events, organisations and places, and the
//! fact selected with the place in the article that states it.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use docbao::article::Article;
use docbao::extract::{EntityKind, Fact};

use super::app::{App, Focus};
use super::highlight::{self, Theme};
use super::view::pane;

impl App {
    /// Selects item `at` of the facts panel, keeps it in view, and shows where the article
    /// states it: scrolled to, and marked like a selected entity.
    pub(super) fn select_fact(&mut self, at: usize) {
        let Some(&index) = self.rows.get(self.selected) else {
            return;
        };
        self.fact_at = Some(at);
        self.entity = self.fact_items[at].entity.map(|e| (index, e));
        self.relayout();
        let height = self.facts_height();
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
pub(super) struct FactsLayout {
    pub(super) lines: Vec<Line<'static>>,
    pub(super) items: Vec<FactItem>,
}

pub(super) fn facts_lines(
    a: &Article,
    width: usize,
    theme: Theme,
    selected: Option<usize>,
) -> FactsLayout {
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
    // One person per name: "Dũng" after "Huỳnh Nam Dũng" is listed under the full name.
    let named = docbao::extract::People::of(a.entities());
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    for name in named.distinct(a.entities()) {
        people.push((name.to_owned(), Vec::new()));
    }
    for f in a.facts() {
        if let Fact::Role { person, role, .. } = f {
            let person = named.name(person);
            if let Some(p) = people.iter_mut().find(|p| p.0 == person) {
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

pub(super) fn render_facts(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane(app, Line::from(" Facts "), Focus::Facts);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = if app.current().is_none() {
        Vec::new()
    } else if app.facts_lines.is_empty() {
        highlight::wrap(
            "No facts found in this article.",
            &[],
            app.theme.dim(),
            usize::from(inner.width),
            "",
        )
    } else {
        app.facts_lines
            .iter()
            .skip(app.facts_scroll)
            .take(usize::from(inner.height))
            .cloned()
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
