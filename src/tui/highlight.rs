//! Entity spans to styled, wrapped lines. Wrapping is by display width on grapheme boundaries,
//! so wide and combining characters never push past the pane.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use docbao::config::Colour;
use docbao::extract::EntityKind;

/// How many colours the reader uses: as many as the terminal says it shows, none with NO_COLOR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// No colour: kinds told apart by bold, underline, italic and reverse alone.
    Mono,
    /// The 16 colours every terminal has; the user's terminal theme picks the shades.
    Basic,
    /// The 256-colour palette, in mid tones that read on dark and light backgrounds alike.
    Indexed,
}

impl Palette {
    /// From `NO_COLOR`, `COLORTERM` and `TERM`: the 256 colours only when the terminal says it
    /// has them (`COLORTERM=truecolor` or `24bit`, a `TERM` naming 256 colours or "direct").
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Palette {
        if no_color.is_some_and(|v| !v.is_empty()) || term == Some("dumb") {
            return Palette::Mono;
        }
        let truecolor = colorterm.is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c == "truecolor" || c == "24bit"
        });
        let term = term.unwrap_or("");
        if truecolor || term.contains("256color") || term.contains("direct") {
            Palette::Indexed
        } else {
            Palette::Basic
        }
    }
}

/// The theme: a colour per kind plus a modifier, so kinds stay apart without colour
/// (NO_COLOR) too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    /// The config's colours, by entity kind in `EntityKind::ALL` order; `Reset` means none.
    colours: [Option<Color>; 7],
}

impl Theme {
    pub fn new(palette: Palette) -> Theme {
        Theme {
            palette,
            colours: [None; 7],
        }
    }

    pub fn from_env() -> Theme {
        let var = |name| std::env::var(name).ok();
        Theme::new(Palette::detect(
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        ))
    }

    /// The theme with the config's colours for entity kinds.
    pub fn with_colours(mut self, colours: &[(EntityKind, Colour)]) -> Theme {
        for &(kind, colour) in colours {
            let at = EntityKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
            self.colours[at] = Some(match colour {
                Colour::Plain => Color::Reset,
                Colour::Basic(i) => super::frugal::ANSI[usize::from(i) % 16],
                Colour::Indexed(i) => Color::Indexed(i),
                Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
            });
        }
        self
    }

    pub fn entity(self, kind: EntityKind) -> Style {
        // (16-colour, 256-colour index, modifier)
        let (basic, indexed, modifier) = match kind {
            EntityKind::Person => (Color::Yellow, 172, Modifier::BOLD),
            EntityKind::Organization => (Color::Cyan, 31, Modifier::BOLD | Modifier::UNDERLINED),
            EntityKind::Location => (Color::Green, 34, Modifier::UNDERLINED),
            EntityKind::Date => (Color::Magenta, 133, Modifier::ITALIC),
            EntityKind::Role => (Color::Blue, 68, Modifier::ITALIC | Modifier::BOLD),
            EntityKind::Quantity => (Color::Red, 167, Modifier::ITALIC | Modifier::UNDERLINED),
            EntityKind::Event => (
                Color::LightMagenta,
                163,
                Modifier::BOLD | Modifier::UNDERLINED | Modifier::ITALIC,
            ),
        };
        let style = Style::default().add_modifier(modifier);
        let at = EntityKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        match self.colours[at] {
            // With NO_COLOR, the user's colours are left out too.
            _ if self.palette == Palette::Mono => style,
            Some(Color::Reset) => style,
            Some(colour) => style.fg(colour),
            None => self.shade(style, basic, indexed),
        }
    }

    /// `style` in `fg`, one of the 16 colours, or its mid tone from the 256-colour palette.
    pub fn paint(self, style: Style, fg: Color) -> Style {
        let indexed = match fg {
            Color::Yellow => Some(178),
            Color::Cyan => Some(37),
            Color::DarkGray => Some(244),
            _ => None,
        };
        self.shade(style, fg, indexed)
    }

    fn shade(self, style: Style, basic: Color, indexed: impl Into<Option<u8>>) -> Style {
        match (self.palette, indexed.into()) {
            (Palette::Mono, _) => style,
            (Palette::Indexed, Some(i)) => style.fg(Color::Indexed(i)),
            _ => style.fg(basic),
        }
    }

    pub fn dim(self) -> Style {
        self.paint(
            Style::default().add_modifier(Modifier::DIM),
            Color::DarkGray,
        )
    }

    /// A hit of the search in the article: reverse video, so it shows with or without colour.
    pub fn search_hit(self) -> Style {
        self.paint(
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            Color::Yellow,
        )
    }

    pub fn matched(self) -> Style {
        self.paint(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    // Reverse video and bold read the same with and without colour; they stay theme methods
    // so that every style the reader uses comes from one place.
    #[allow(clippy::unused_self)]
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    #[allow(clippy::unused_self)]
    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
}

/// A styled char range of a text: (start_char, end_char, style).
pub type StyledRange = (usize, usize, Style);

/// `ranges` with `marks` (char ranges) laid over them in `style`: where they meet, the mark
/// is shown (the last range containing a char styles it).
pub fn overlay(ranges: &[StyledRange], marks: &[(usize, usize)], style: Style) -> Vec<StyledRange> {
    let mut out = ranges.to_vec();
    out.extend(marks.iter().map(|&(s, e)| (s, e, style)));
    out
}

/// Wraps `text` to `width` columns, each line starting with `indent`, styling the char ranges
/// given. Breaks at spaces; a word wider than the line is broken between graphemes.
pub fn wrap(
    text: &str,
    ranges: &[StyledRange],
    base: Style,
    width: usize,
    indent: &str,
) -> Vec<Line<'static>> {
    wrap_hanging(text, ranges, base, width, indent, indent)
}

/// Like `wrap`, with the first line starting with `first` and the others with `rest`
/// ("• " then "  " for a bullet). Every line fits `width` whichever indent it has.
pub fn wrap_hanging(
    text: &str,
    ranges: &[StyledRange],
    base: Style,
    width: usize,
    first: &str,
    rest: &str,
) -> Vec<Line<'static>> {
    wrap_counted(text, ranges, base, width, first, rest).0
}

/// `wrap_hanging`, also giving the char offset in `text` where each line ends (the char
/// after its last one), to find the line a char is on.
pub fn wrap_counted(
    text: &str,
    ranges: &[StyledRange],
    base: Style,
    width: usize,
    first: &str,
    rest: &str,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let indent_w = first.width().max(rest.width());
    let width = width.max(indent_w + 1);
    let avail = width - indent_w;
    // Graphemes with their char offset and width.
    let mut graphemes: Vec<(usize, &str, usize)> = Vec::new();
    let mut char_at = 0;
    for g in text.graphemes(true) {
        graphemes.push((char_at, g, g.width()));
        char_at += g.chars().count();
    }
    let style_at = |c: usize| {
        ranges
            .iter()
            .rev()
            .find(|(s, e, _)| (*s..*e).contains(&c))
            .map_or(base, |(_, _, st)| base.patch(*st))
    };
    // Words: runs of non-space graphemes with the spaces before them.
    let mut lines: Vec<Vec<(usize, &str, usize)>> = vec![Vec::new()];
    let mut line_w = 0;
    let mut i = 0;
    while i < graphemes.len() {
        let mut j = i;
        while j < graphemes.len() && graphemes[j].1 == " " {
            j += 1;
        }
        let mut k = j;
        while k < graphemes.len() && graphemes[k].1 != " " {
            k += 1;
        }
        let space_w: usize = graphemes[i..j].iter().map(|g| g.2).sum();
        let word_w: usize = graphemes[j..k].iter().map(|g| g.2).sum();
        let current = lines.last_mut().expect("a line");
        if !current.is_empty() && line_w + space_w + word_w > avail {
            lines.push(Vec::new());
            line_w = 0;
        } else if !current.is_empty() {
            current.extend_from_slice(&graphemes[i..j]);
            line_w += space_w;
        }
        for g in &graphemes[j..k] {
            if line_w + g.2 > avail && line_w > 0 {
                lines.push(Vec::new());
                line_w = 0;
            }
            lines.last_mut().expect("a line").push(*g);
            line_w += g.2;
        }
        i = k;
    }
    let ends = lines
        .iter()
        .map(|gs| gs.last().map_or(0, |(c, g, _)| c + g.chars().count()))
        .collect();
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(n, gs)| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let indent = if n == 0 { first } else { rest };
            if !indent.is_empty() {
                spans.push(Span::styled(indent.to_owned(), base));
            }
            let mut run = String::new();
            let mut run_style: Option<Style> = None;
            for (c, g, _) in gs {
                let st = style_at(c);
                if run_style.is_some_and(|s| s != st) {
                    spans.push(Span::styled(
                        std::mem::take(&mut run),
                        run_style.unwrap_or(base),
                    ));
                }
                run_style = Some(st);
                run.push_str(g);
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, run_style.unwrap_or(base)));
            }
            Line::from(spans)
        })
        .collect();
    (lines, ends)
}

/// Cuts `text` to at most `width` columns on a grapheme boundary, with "…" when cut. Returns
/// the kept text and how many chars of the original it holds.
pub fn truncate(text: &str, width: usize) -> (String, usize) {
    if text.width() <= width {
        return (text.to_owned(), text.chars().count());
    }
    let mut out = String::new();
    let mut w = 0;
    let mut chars = 0;
    for g in text.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
        chars += g.chars().count();
    }
    if width > 0 {
        out.push('…');
    }
    (out, chars)
}

/// The longest start of `text` at most `width` columns wide that ends on a grapheme boundary.
pub fn head(text: &str, width: usize) -> &str {
    let mut w = 0;
    let mut end = 0;
    for (at, g) in text.grapheme_indices(true) {
        w += g.width();
        if w > width {
            break;
        }
        end = at + g.len();
    }
    &text[..end]
}

/// Pads `text` with spaces to exactly `width` columns (after truncating).
pub fn fit(text: &str, width: usize) -> String {
    let (mut s, _) = truncate(text, width);
    let w = s.width();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn palette_follows_what_the_terminal_says() {
        let rows = [
            ((None, None, Some("xterm")), Palette::Basic),
            ((None, None, None), Palette::Basic),
            ((None, None, Some("xterm-256color")), Palette::Indexed),
            ((None, None, Some("tmux-256color")), Palette::Indexed),
            ((None, Some("truecolor"), Some("xterm")), Palette::Indexed),
            ((None, Some("24bit"), None), Palette::Indexed),
            ((None, Some("yes"), Some("screen")), Palette::Basic),
            (
                (Some("1"), Some("truecolor"), Some("xterm-256color")),
                Palette::Mono,
            ),
            ((Some(""), None, Some("xterm-256color")), Palette::Indexed),
            ((None, None, Some("dumb")), Palette::Mono),
        ];
        for ((no_color, colorterm, term), want) in rows {
            assert_eq!(
                Palette::detect(no_color, colorterm, term),
                want,
                "NO_COLOR={no_color:?} COLORTERM={colorterm:?} TERM={term:?}"
            );
        }
    }

    #[test]
    fn kinds_stay_apart_in_every_palette() {
        use EntityKind::*;
        let kinds = [Person, Organization, Location, Date, Role, Quantity, Event];
        for palette in [Palette::Mono, Palette::Basic, Palette::Indexed] {
            let theme = Theme::new(palette);
            let styles: Vec<Style> = kinds.iter().map(|&k| theme.entity(k)).collect();
            for (i, a) in styles.iter().enumerate() {
                for b in &styles[i + 1..] {
                    assert_ne!(a, b, "{palette:?}");
                }
            }
            // Without colour the modifiers alone must tell the kinds apart.
            let modifiers: std::collections::HashSet<Modifier> =
                styles.iter().map(|s| s.add_modifier).collect();
            assert_eq!(modifiers.len(), kinds.len(), "{palette:?}");
            let colored = styles.iter().any(|s| s.fg.is_some());
            assert_eq!(colored, palette != Palette::Mono);
            let indexed = styles
                .iter()
                .all(|s| matches!(s.fg, Some(Color::Indexed(_))));
            assert_eq!(indexed, palette == Palette::Indexed);
        }
    }

    #[test]
    fn wraps_at_spaces_by_display_width() {
        let lines = wrap(
            "Thượng tướng Nguyễn Văn Thành",
            &[],
            Style::default(),
            14,
            "",
        );
        assert_eq!(plain(&lines), ["Thượng tướng", "Nguyễn Văn", "Thành"]);
        for l in &lines {
            assert!(l.width() <= 14);
        }
    }

    #[test]
    fn never_splits_a_grapheme_and_respects_wide_chars() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Việt Nam 東京東京東京 👨‍👩‍👧".nfd().collect();
        for width in 1..12 {
            let lines = wrap(&nfd, &[], Style::default(), width, "");
            let joined: String = plain(&lines).concat();
            assert_eq!(
                joined.replace(' ', ""),
                nfd.replace(' ', ""),
                "width {width}"
            );
            for l in &lines {
                assert!(l.width() <= width.max(2), "width {width}: {l:?}");
                for s in &l.spans {
                    assert!(
                        !s.content
                            .starts_with(|c: char| ('\u{300}'..='\u{36F}').contains(&c)),
                        "{s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn styles_follow_char_ranges() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let lines = wrap(
            "ông Jurgen Stock nói",
            &[(4, 16, bold)],
            Style::default(),
            40,
            "",
        );
        let spans = &lines[0].spans;
        assert_eq!(spans[1].content, "Jurgen Stock");
        assert_eq!(spans[1].style, bold);
        assert_eq!(spans[0].style, Style::default());
    }

    #[test]
    fn hanging_indent_keeps_every_line_inside() {
        let text = "Tổng Thư ký Tổ chức Cảnh sát hình sự quốc tế Interpol";
        let lines = wrap_hanging(text, &[], Style::default(), 20, "   ", "    ");
        assert!(lines.len() > 2);
        assert_eq!(plain(&lines)[0], "   Tổng Thư ký Tổ");
        for l in &lines[1..] {
            assert!(l.spans[0].content == "    ");
        }
        for l in &lines {
            assert!(l.width() <= 20, "{l:?}");
        }
    }

    #[test]
    fn truncate_by_width() {
        assert_eq!(truncate("Đà Nẵng", 10).0, "Đà Nẵng");
        assert_eq!(truncate("東京東京", 5).0, "東京…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("東京東京", 5).width(), 5);
    }
}
