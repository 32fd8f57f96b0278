//! The boxes drawn over the panes: help, warnings, the link to open, and the frame they share.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::highlight::{self, Theme};
use super::keymap::keymap;

/// A box in the middle of `area`, at most `w`×`h`.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub(super) fn render_help(frame: &mut Frame, app: &App, area: Rect) {
    let mut rows: Vec<(String, String)> = keymap()
        .iter()
        .map(|b| (app.keys_of(b), b.help.to_owned()))
        .filter(|(keys, _)| !keys.is_empty())
        .collect();
    // Keys outside the keymap, in sections of their own.
    let mut sections: Vec<(&str, &[(&str, &str)])> = vec![(
        "In the filter",
        &[
            ("Enter", "keep the filter, back to the list"),
            ("Esc", "clear the filter"),
            ("↑ ↓", "move in the list"),
        ],
    )];
    if app.mouse {
        sections.push((
            "Mouse",
            &[
                ("wheel", "scroll the pane under the pointer"),
                ("click", "select; again: open"),
            ],
        ));
    }
    for (title, keys) in sections {
        rows.push((String::new(), String::new()));
        rows.push((title.to_owned(), String::new()));
        rows.extend(keys.iter().map(|&(k, h)| (k.to_owned(), h.to_owned())));
    }
    let keys_w = rows
        .iter()
        .filter(|r| !r.1.is_empty())
        .map(|r| r.0.width())
        .max()
        .unwrap_or(0);
    let help_w = rows.iter().map(|r| r.1.width()).max().unwrap_or(0);
    let column_w = keys_w + help_w + 3;
    // Two columns when one would not fit the height and two fit the width.
    let fits = usize::from(area.height.saturating_sub(2));
    let columns = if rows.len() > fits && 2 * column_w + 4 <= usize::from(area.width) {
        2
    } else {
        1
    };
    let per_column = rows.len().div_ceil(columns);
    let box_w = (columns * column_w + 2 + columns) as u16;
    let popup = centered(area, box_w, per_column as u16 + 2);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(" Keys ").centered())
        .title_bottom(Line::from(" any key closes ").centered());
    let inner = block.inner(popup);
    let key_style = app
        .theme
        .paint(Style::default().add_modifier(Modifier::BOLD), Color::Yellow);
    let width = (usize::from(inner.width) / columns).saturating_sub(usize::from(columns > 1));
    let cell = |(k, h): &(String, String)| -> Vec<Span<'static>> {
        if h.is_empty() {
            return vec![Span::styled(highlight::fit(k, width), app.theme.heading())];
        }
        let key = highlight::fit(k, keys_w.min(width.saturating_sub(1)));
        let rest = width.saturating_sub(keys_w + 2);
        vec![
            Span::raw(" "),
            Span::styled(key, key_style),
            Span::raw(" "),
            Span::raw(highlight::fit(h, rest)),
        ]
    };
    let mut lines: Vec<Line> = rows[..per_column.min(rows.len())]
        .iter()
        .map(|r| Line::from(cell(r)))
        .collect();
    if columns == 2 {
        for (line, row) in lines.iter_mut().zip(&rows[per_column..]) {
            line.spans.push(Span::raw(" "));
            line.spans.extend(cell(row));
        }
    }
    let popup = fitted(area, box_w, lines.len());
    show_box(frame, popup, block, lines, app.theme, |_| {
        "… more in a larger terminal".to_owned()
    });
}

/// A box `width` wide in the middle of `area`, as tall as `lines` lines need, if it can be.
pub(super) fn fitted(area: Rect, width: u16, lines: usize) -> Rect {
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    centered(
        area,
        width,
        height.min(area.height.saturating_sub(2).max(5)),
    )
}

/// Draws `lines` in `block` over whatever is at `popup`. Lines that do not fit give way to a
/// last line saying so, made by `more` from how many were left out.
pub(super) fn show_box(
    frame: &mut Frame,
    popup: Rect,
    block: Block,
    mut lines: Vec<Line>,
    theme: Theme,
    more: impl Fn(usize) -> String,
) {
    let inner = block.inner(popup);
    let height = usize::from(inner.height);
    if lines.len() > height {
        let left_out = lines.len() - height + 1;
        lines.truncate(height.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            highlight::fit(&more(left_out), usize::from(inner.width)),
            theme.dim(),
        )));
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn render_warnings(frame: &mut Frame, app: &App, area: Rect) {
    let popup = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(4).max(5),
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(format!(" Warnings: {} ", app.warnings.len())).centered())
        .title_bottom(Line::from(" any key closes ").centered());
    let inner = block.inner(popup);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    if app.warnings.is_empty() {
        lines.extend(highlight::wrap(
            "Every file was read, and the config too.",
            &[],
            app.theme.dim(),
            width,
            "",
        ));
    }
    for w in &app.warnings {
        lines.extend(highlight::wrap(w, &[], Style::default(), width, "  "));
    }
    show_box(frame, popup, block, lines, app.theme, |n| {
        format!("… {n} more lines")
    });
}

/// The open article's web address, for a terminal without a browser to open it in.
pub(super) fn render_link(frame: &mut Frame, app: &App, area: Rect) {
    let url = app.current().and_then(|a| a.url.as_deref()).unwrap_or("");
    let popup = centered(area, area.width.saturating_sub(4).max(20), 8);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(" Web address ").centered())
        .title_bottom(Line::from(" y copies it · any other key closes ").centered());
    let inner = block.inner(popup);
    let width = usize::from(inner.width);
    let mut lines = highlight::wrap(
        "No browser is set ($BROWSER), so here is the address:",
        &[],
        app.theme.dim(),
        width,
        "",
    );
    // An address has no spaces to wrap at: cut it by width on grapheme boundaries.
    let mut rest = url;
    while !rest.is_empty() {
        let piece = highlight::head(rest, width);
        if piece.is_empty() {
            break;
        }
        rest = &rest[piece.len()..];
        lines.push(Line::from(Span::styled(
            piece.to_owned(),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )));
    }
    show_box(frame, popup, block, lines, app.theme, |n| {
        format!("… {n} more lines (y copies it all)")
    });
}
