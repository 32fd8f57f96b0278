//! Drawing: reads the `App`, never changes it.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use docbao::extract::EntityKind;

use super::app::{App, Focus, Overlay};
use super::article::render_article;
use super::boxes::{render_help, render_link, render_warnings};
use super::corpus_view::{render_corpus, render_mentions};
use super::facts::render_facts;
use super::highlight::{self};
use super::list::{grouped, render_list};

/// The reader's labels for entity kinds, shown in the legend.
pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organisation",
        EntityKind::Location => "place",
        EntityKind::Date => "date",
        EntityKind::Role => "role",
        EntityKind::Quantity => "figure",
        EntityKind::Event => "event",
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let show_filter = app.filtering || !app.filter.is_empty();
    let [body, filter, status] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(u16::from(show_filter)),
        Constraint::Length(1),
    ])
    .areas(area);
    let panes = app.panes();
    if let Some(view) = &app.corpus {
        render_corpus(frame, app, view, body);
    } else if app.narrow() {
        match app.focus {
            Focus::List => render_list(frame, app, body),
            Focus::Article => render_article(frame, app, body),
            Focus::Facts => render_facts(frame, app, body),
        }
    } else if panes.list_w == 0 {
        // Reading with the list folded away: the article, the facts under it if asked for.
        let [article, facts] = Layout::vertical([
            Constraint::Length(panes.article_h),
            Constraint::Length(panes.facts_h),
        ])
        .areas(body);
        render_article(frame, app, article);
        if panes.facts_below {
            render_facts(frame, app, facts);
        }
    } else {
        let [list, article, facts] = Layout::horizontal([
            Constraint::Length(panes.list_w),
            Constraint::Length(panes.article_w),
            Constraint::Length(panes.facts_w),
        ])
        .areas(body);
        render_list(frame, app, list);
        render_article(frame, app, article);
        if panes.facts_w > 0 {
            render_facts(frame, app, facts);
        }
    }
    if show_filter {
        render_filter(frame, app, filter);
    }
    render_status(frame, app, status);
    match app.overlay {
        Overlay::None => {}
        Overlay::Help => render_help(frame, app, area),
        Overlay::Warnings => render_warnings(frame, app, area),
        Overlay::Link => render_link(frame, app, area),
        Overlay::Mentions => render_mentions(frame, app, area),
    }
}

pub(super) fn pane(app: &App, title: Line<'static>, focus: Focus) -> Block<'static> {
    let focused = app.focus == focus;
    let border = if focused {
        app.theme
            .paint(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    } else {
        app.theme.dim()
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(title)
}

pub(super) fn render_filter(frame: &mut Frame, app: &App, area: Rect) {
    let prompt = "/";
    let width = usize::from(area.width);
    // Show the end of a long query, cut on a grapheme boundary.
    let mut shown: Vec<&str> = Vec::new();
    let mut w = prompt.width() + 1;
    let text = if app.in_article && app.filtering {
        &app.article_query
    } else {
        &app.filter
    };
    for g in text.graphemes(true).rev() {
        if w + g.width() > width {
            break;
        }
        w += g.width();
        shown.push(g);
    }
    shown.reverse();
    let query: String = shown.concat();
    let line = Line::from(vec![
        Span::styled(
            prompt,
            app.theme
                .paint(Style::default().add_modifier(Modifier::BOLD), Color::Yellow),
        ),
        Span::raw(query.clone()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if app.filtering {
        let col = (prompt.width() + query.width()).min(width.saturating_sub(1));
        frame.set_cursor_position(Position::new(area.x + col as u16, area.y));
    }
}

pub(super) fn render_status(frame: &mut Frame, app: &App, area: Rect) {
    let hints: &[(&str, &str)] = if app.filtering {
        &[("Enter", "keep"), ("Esc", "clear"), ("↑↓", "move")]
    } else if app.corpus.is_some() {
        &[
            ("j/k", "move"),
            ("Enter", "articles / open"),
            ("Esc", "back"),
            ("c", "close"),
            ("q", "quit"),
        ]
    } else {
        match app.focus {
            Focus::List => &[
                ("j/k", "move"),
                ("Enter", "read"),
                ("/", "filter"),
                ("f", "facts"),
                ("?", "help"),
                ("q", "quit"),
            ],
            _ => &[
                ("j/k", "scroll"),
                ("Space", "page"),
                ("Tab", "pane"),
                ("Esc", "list"),
                ("f", "facts"),
                ("?", "help"),
                ("q", "quit"),
            ],
        }
    };
    let key_style = app
        .theme
        .paint(Style::default().add_modifier(Modifier::BOLD), Color::Yellow);
    let mut right = String::new();
    if let Some(message) = &app.message {
        right = format!(" {message} ");
    } else if let Some(p) = app.loading {
        right = match p.total {
            Some(total) => format!(" reading files: {} of {} ", grouped(p.read), grouped(total)),
            None => " looking for articles… ".to_owned(),
        };
    } else if !app.warnings.is_empty() {
        let n = app.warnings.len();
        right = format!(" {n} warning{} (w) ", if n == 1 { "" } else { "s" });
    }
    // Reading, the article's id (as `show` takes it), when nothing more pressing is said.
    let id = right.is_empty() && app.focus != Focus::List && app.corpus.is_none();
    if let Some(article) = app.current().filter(|_| id) {
        right = format!(" {} ", article.id);
        let hints_w: usize = hints.iter().map(|(k, w)| k.width() + w.width() + 3).sum();
        if hints_w + right.width() > usize::from(area.width) {
            right.clear();
        }
    }
    let right = highlight::truncate(&right, usize::from(area.width)).0;
    let width = usize::from(area.width);
    let room = width.saturating_sub(right.width());
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in hints {
        let w = key.width() + what.width() + 3;
        if used + w > room {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), key_style));
        spans.push(Span::raw(format!(" {what} ")));
    }
    spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    if !right.is_empty() && right.width() <= width {
        let style = if id {
            app.theme.dim()
        } else {
            let colour = if app.message.is_some() {
                Color::Green
            } else {
                Color::Red
            };
            app.theme
                .paint(Style::default().add_modifier(Modifier::BOLD), colour)
        };
        spans.push(Span::styled(right, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::highlight::Palette;
    use crate::tui::highlight::Theme;
    use crate::tui::keymap::Action;
    use docbao::article::Article;
    use docbao::corpus::Corpus;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::Terminal;

    fn app(w: u16, h: u16) -> App {
        App::new(Corpus::seeds(), w, h, Theme::new(Palette::Basic))
    }

    fn render(app: &App) -> Buffer {
        let mut terminal =
            Terminal::new(TestBackend::new(app.width, app.height)).expect("test terminal");
        terminal.draw(|f| draw(f, app)).expect("draw");
        terminal.backend().buffer().clone()
    }

    fn screen(app: &App) -> String {
        let mut terminal =
            Terminal::new(TestBackend::new(app.width, app.height)).expect("test terminal");
        terminal.draw(|f| draw(f, app)).expect("draw");
        terminal.backend().to_string()
    }

    fn type_filter(app: &mut App, query: &str) {
        app.update(Action::StartFilter);
        for c in query.chars() {
            app.update(Action::FilterInput(c));
        }
    }

    /// The views a user meets, at the two sizes the project supports best.
    fn views(w: u16, h: u16) -> Vec<(&'static str, App)> {
        let list = app(w, h);
        let mut article = app(w, h);
        article.update(Action::Down);
        article.update(Action::Open);
        let mut facts = app(w, h);
        facts.update(Action::Down);
        facts.update(Action::Open);
        facts.update(Action::FocusNext);
        let mut help = app(w, h);
        help.update(Action::ToggleHelp);
        let mut filter = app(w, h);
        type_filter(&mut filter, "cong an viet nam");
        let mut no_match = app(w, h);
        type_filter(&mut no_match, "zzzz");
        let mut raw = app(w, h);
        raw.update(Action::Down);
        raw.update(Action::Open);
        raw.update(Action::ToggleRaw);
        raw.update(Action::Bottom);
        let mut warnings = app(w, h);
        warnings.update(Action::ToggleWarnings);
        let mut corpus = app(w, h);
        corpus.update(Action::CorpusView);
        corpus.update(Action::Down);
        let mut named = app(w, h);
        named.update(Action::CorpusView);
        named.update(Action::Open);
        vec![
            ("corpus", corpus),
            ("corpus_articles", named),
            ("list", list),
            ("article", article),
            ("facts", facts),
            ("help", help),
            ("filter", filter),
            ("no_match", no_match),
            ("raw", raw),
            ("warnings", warnings),
        ]
    }

    #[test]
    fn a_box_too_small_for_its_lines_says_how_many_are_left_out() {
        let mut a = app(60, 20);
        a.warnings = (0..40)
            .map(|i| format!("file-{i:02}.txt: skipped"))
            .collect();
        a.update(Action::ToggleWarnings);
        let shown = screen(&a);
        assert!(shown.contains("file-00.txt"));
        assert!(!shown.contains("file-39.txt"));
        let left_out = (0..40)
            .filter(|i| !shown.contains(&format!("file-{i:02}.txt")))
            .count();
        assert!(
            shown.contains(&format!("… {left_out} more lines")),
            "{shown}"
        );
    }

    #[test]
    fn snapshots_at_the_common_sizes() {
        for (w, h) in [(80, 24), (120, 40), (160, 50)] {
            for (name, app) in views(w, h) {
                if matches!(name, "list" | "article" | "facts" | "filter") {
                    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
                }
            }
        }
    }

    #[test]
    fn reading_gets_sixty_columns_of_text_from_64_on() {
        use crate::tui::app::{TEXT_MIN, THREE_PANES};
        for w in 64..=220 {
            let mut a = app(w, 30);
            a.update(Action::Down);
            a.update(Action::Open);
            let p = a.panes();
            let (_, text_w) = crate::tui::article::article_text_area(p.article_w - 2);
            assert!(text_w >= TEXT_MIN, "{w} columns: {text_w} of text");
            assert_eq!(p.list_w + p.article_w + p.facts_w, w, "{w} columns");
            if w < THREE_PANES {
                assert_eq!((p.list_w, p.facts_w), (0, 0), "{w} columns: folded");
            } else {
                assert!(
                    p.list_w >= 24 && p.facts_w >= 20,
                    "{w} columns: three panes"
                );
            }
            // The list comes back with Esc, the facts with f.
            let mut b = app(w, 30);
            b.update(Action::Down);
            b.update(Action::Open);
            b.update(Action::ToggleFacts);
            let shown = b.panes();
            if w < THREE_PANES {
                assert!(shown.facts_below && shown.facts_h > 0, "{w} columns: f");
                assert!(screen(&b).contains(" Facts "), "{w} columns: f");
            } else {
                assert_eq!(shown.facts_w, 0, "{w} columns: f hides the facts");
            }
            b.update(Action::Back);
            assert!(b.panes().list_w > 0, "{w} columns: Esc");
        }
    }

    #[test]
    fn the_article_border_names_the_article_not_the_file() {
        for (w, h) in [(64, 20), (80, 24), (160, 50)] {
            let mut a = app(w, h);
            a.update(Action::Down);
            a.update(Action::Open);
            let top = row_text(&render(&a), 0);
            let article = a.current().expect("an article");
            assert!(!top.contains(&article.id), "{top}");
            let words: Vec<&str> = article.display_title.split(' ').take(3).collect();
            assert!(top.contains(&words.join(" ")), "{top}");
        }
    }

    #[test]
    fn snapshots_100x30() {
        for (name, app) in views(100, 30) {
            insta::assert_snapshot!(format!("{name}_100x30"), screen(&app));
        }
    }

    #[test]
    fn snapshots_60x20() {
        for (name, app) in views(60, 20) {
            insta::assert_snapshot!(format!("{name}_60x20"), screen(&app));
        }
    }

    /// What one step writes to the terminal at 120×40, through the reader's backend, is at
    /// most 4 KB (the budget for a slow SSH link), and the terminal then shows the frame.
    #[test]
    fn one_step_writes_at_most_4_kb_at_120x40() {
        use crate::tui::frugal::{tape, Frugal};
        let (width, height) = (120, 40);
        let mut app = app(width, height);
        let tape = tape::Tape::default();
        let mut terminal = tape::on(Frugal::new(tape.clone()), width, height);
        let mut screen = tape::emulator(width, height);
        let mut steps = vec![("first frame", None)];
        steps.extend([Action::Down, Action::Down, Action::Up].map(|a| ("list move", Some(a))));
        steps.push(("open", Some(Action::Open)));
        steps.extend([Action::Down, Action::Down, Action::Up].map(|a| ("scroll", Some(a))));
        steps.push(("back", Some(Action::Back)));
        steps.push(("filter", Some(Action::StartFilter)));
        steps.extend(
            "cong"
                .chars()
                .map(|c| ("filter letter", Some(Action::FilterInput(c)))),
        );
        for (step, action) in steps {
            if let Some(action) = action {
                app.update(action);
            }
            let frame = terminal
                .draw(|f| draw(f, &app))
                .expect("draw")
                .buffer
                .clone();
            let bytes = tape.take();
            screen.process(&bytes);
            let budget = if step == "list move" || step == "scroll" || step == "filter letter" {
                4096
            } else {
                usize::MAX
            };
            assert!(bytes.len() <= budget, "{step} wrote {} bytes", bytes.len());
            let shown: Vec<String> = screen.screen().rows(0, width).collect();
            for y in 0..height {
                let want = row_text(&frame, y);
                let got = &shown[usize::from(y)];
                assert_eq!(got.trim_end(), want.trim_end(), "{step}: row {y}");
            }
        }
    }

    #[test]
    fn unread_titles_are_bold_and_read_ones_are_not() {
        let mut app = app(100, 30);
        let probe: String = app.articles[1].display_title.chars().take(8).collect();
        let bold_at = |app: &App| {
            let buf = render(app);
            let (x, y) = find_in(&buf, &probe, 0..50).expect("the title is listed");
            buf[(x, y)].modifier.contains(Modifier::BOLD)
        };
        assert!(bold_at(&app), "an unread title");
        app.update(Action::Down);
        app.update(Action::Open);
        app.update(Action::Back);
        app.update(Action::Up);
        assert!(!bold_at(&app), "a read title");
    }

    fn row_text(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
        find_in(buf, needle, 0..buf.area.width)
    }

    fn find_in(buf: &Buffer, needle: &str, cols: std::ops::Range<u16>) -> Option<(u16, u16)> {
        for y in 0..buf.area.height {
            let row: Vec<&str> = cols.clone().map(|x| buf[(x, y)].symbol()).collect();
            for x in 0..row.len() {
                let rest: String = row[x..].concat();
                if rest.starts_with(needle) {
                    return Some((cols.start + x as u16, y));
                }
            }
        }
        None
    }

    #[test]
    fn selected_row_is_reversed_and_others_are_not() {
        let a = app(100, 30);
        let buf = render(&a);
        assert!(
            buf[(1, 1)].modifier.contains(Modifier::REVERSED),
            "{}",
            row_text(&buf, 1)
        );
        assert!(!buf[(1, 2)].modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn filter_marks_the_matched_title_chars() {
        let mut a = app(100, 30);
        type_filter(&mut a, "nang cao");
        let buf = render(&a);
        // In the list (the article's border names it too).
        let (x, y) =
            find_in(&buf, "Nâng cao", 0..a.panes().list_w).expect("the matching title is listed");
        for dx in [0, 1, 2, 3, 5, 6, 7] {
            assert!(
                buf[(x + dx, y)].modifier.contains(Modifier::UNDERLINED),
                "char {dx} of 'Nâng cao' not marked"
            );
        }
        assert!(!buf[(x + 9, y)].modifier.contains(Modifier::UNDERLINED));
        // The cursor sits after the query, by display width.
        assert!(find(&buf, "/nang cao").is_some());
    }

    #[test]
    fn entities_are_styled_by_kind_in_the_article() {
        let mut a = app(100, 30);
        a.update(Action::Down);
        a.update(Action::Open);
        let buf = render(&a);
        let p = a.panes();
        let article = p.list_w..p.list_w + p.article_w;
        let (x, y) = find_in(&buf, "Jurgen Stock", article.clone()).expect("a person in view");
        assert_eq!(buf[(x, y)].fg, Color::Yellow);
        let (x, y) = find_in(&buf, "Lyon", article).expect("a place in view");
        assert_eq!(buf[(x, y)].fg, Color::Green);
        // Kinds stay apart without colour too.
        let mut a = App::new(Corpus::seeds(), 100, 30, Theme::new(Palette::Mono));
        a.update(Action::Down);
        a.update(Action::Open);
        let buf = render(&a);
        let (x, y) = find(&buf, "Jurgen Stock").expect("a person in view");
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
        assert_eq!(buf[(x, y)].fg, Color::Reset);
    }

    #[test]
    fn every_legend_kind_has_a_distinct_style() {
        let theme = Theme::new(Palette::Mono);
        let styles: Vec<Style> = EntityKind::ALL.iter().map(|k| theme.entity(*k)).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    /// Articles made of awkward text: NFD, wide CJK, emoji, very long words, no title.
    fn awkward_corpus() -> Corpus {
        use unicode_normalization::UnicodeNormalization;
        let texts = [
            "Bộ Công an Việt Nam họp tại Hà Nội ngày 1/1/2025.\n\nÔng Nguyễn Văn An phát biểu."
                .nfd()
                .collect::<String>(),
            format!("東京で会議 {} 👨‍👩‍👧 Đà Nẵng", "Ngườiviếtrấtdài".repeat(12)),
            "x".to_owned(),
        ];
        let mut corpus = Corpus::default();
        for (i, t) in texts.iter().enumerate() {
            match Article::from_bytes(&format!("t/{i}.txt"), t.as_bytes()) {
                Ok(a) => corpus.articles.push(a),
                Err(e) => corpus.warnings.push(e.to_string()),
            }
        }
        corpus
    }

    #[test]
    fn the_list_has_date_and_source_columns_only_when_some_article_has_them() {
        let undated = App::new(awkward_corpus(), 120, 30, Theme::new(Palette::Basic));
        assert!(undated.articles.iter().all(|a| a.published.is_none()));
        let row = row_text(&render(&undated), 1);
        assert!(row.starts_with("┃Bộ Công an"), "{row:?}");
        // The seeds have dates and sources: both columns, blank where an article has none.
        let seeds = app(120, 30);
        let rows: Vec<String> = (1..6).map(|y| row_text(&render(&seeds), y)).collect();
        assert!(
            rows.iter().any(|r| r.contains("2016-12-20 VIETNAM+")),
            "{rows:?}"
        );
        assert!(
            rows.iter().any(|r| r.starts_with("┃           ")),
            "{rows:?}"
        );
    }

    #[test]
    fn no_view_draws_past_its_pane_at_any_size() {
        for (w, h) in [(20, 6), (40, 12), (59, 15), (80, 24), (100, 30), (161, 48)] {
            for open in [false, true] {
                let mut a = App::new(awkward_corpus(), w, h, Theme::new(Palette::Basic));
                if open {
                    a.update(Action::Open);
                }
                let buf = render(&a);
                // The right border stays in the last column on every body row.
                for y in 0..h.saturating_sub(1) {
                    let last = buf[(w - 1, y)].symbol();
                    assert!(
                        "┐┘│┓┛┃".contains(last) || (a.narrow() && y == 0),
                        "{w}x{h} open={open}: row {y} ends in {last:?}: {}",
                        row_text(&buf, y)
                    );
                }
            }
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        include!("../../tests/common/messy.rs");

        fn action() -> impl Strategy<Value = Action> {
            prop_oneof![
                Just(Action::Down),
                Just(Action::Up),
                Just(Action::Open),
                Just(Action::Back),
                Just(Action::PageDown),
                Just(Action::Bottom),
                Just(Action::FocusNext),
                Just(Action::ToggleFacts),
                Just(Action::ToggleRaw),
                Just(Action::StartFilter),
                Just(Action::FilterAccept),
                Just(Action::NextHit),
                prop::char::any().prop_map(Action::FilterInput),
                (1u16..160, 1u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(96))]

            /// Any text, any size, any keys: no panic, and every bordered row still ends in
            /// its border in the last column.
            #[test]
            fn any_text_renders_inside_its_panes(
                texts in prop::collection::vec(messy_text(), 1..4),
                size in (1u16..200, 1u16..60),
                actions in prop::collection::vec(action(), 0..12),
            ) {
                let mut corpus = Corpus::default();
                for (i, t) in texts.iter().enumerate() {
                    if let Ok(a) = Article::from_bytes(&format!("p/{i}.txt"), t.as_bytes()) {
                        corpus.articles.push(a);
                    }
                }
                let mut a = App::new(corpus, size.0, size.1, Theme::new(Palette::Basic));
                for action in actions {
                    a.update(action);
                }
                let buf = render(&a);
                let (w, h) = (a.width, a.height);
                if w >= 20 && h >= 6 && a.overlay == crate::tui::app::Overlay::None {
                    // The panes end above the status bar, and above the filter line if shown.
                    let filter_line = a.filtering || !a.filter.is_empty();
                    for y in 0..h - 1 - u16::from(filter_line) {
                        let last = buf[(w - 1, y)].symbol();
                        prop_assert!(
                            "┐┘│┓┛┃".contains(last) || (a.narrow() && y == 0),
                            "{w}x{h}: row {y} ends in {last:?}: {}",
                            row_text(&buf, y)
                        );
                    }
                }
                // Nothing that reached the screen can drive the terminal.
                for cell in buf.content() {
                    prop_assert!(!cell.symbol().chars().any(char::is_control), "{cell:?}");
                }
            }

            /// The in-article search marks exactly the letters of its hits, whatever the text
            /// around them.
            #[test]
            fn search_marks_only_the_hits(text in messy_text(), nfd in any::<bool>()) {
                use unicode_normalization::UnicodeNormalization;
                // The first hit sits in a sentence of its own paragraph, which cleaning keeps
                // whatever the text after it.
                let body = format!(
                    "Tin tức\n\nHôm nay, đoàn Interpol làm việc với Bộ Công an tại Hà Nội.\n\n{} Interpol",
                    // A NUL makes any file binary, refused at load.
                    text.replace('\0', "")
                );
                let body: String = if nfd { body.nfd().collect() } else { body };
                // Text refused at load (binary, or nothing left after cleaning) is another
                // test's business.
                let article = Article::from_bytes("p/a.txt", body.as_bytes());
                prop_assume!(article.is_ok());
                let mut corpus = Corpus::default();
                corpus.articles.extend(article);
                let mut a = App::new(corpus, 100, 30, Theme::new(Palette::Mono));
                a.update(Action::Open);
                a.update(Action::StartFilter);
                for c in "interpol".chars() {
                    a.update(Action::FilterInput(c));
                }
                let buf = render(&a);
                let mut marked = String::new();
                for y in 0..a.height {
                    for x in 0..a.width {
                        let cell = &buf[(x, y)];
                        if cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD) {
                            marked.push_str(cell.symbol());
                        } else {
                            marked.push(' ');
                        }
                    }
                    marked.push(' ');
                }
                for run in marked.split_whitespace() {
                    prop_assert!(
                        "interpol".contains(docbao::text::fold(run).as_str()),
                        "marked {run:?} in {marked:?}"
                    );
                }
                prop_assert!(marked.trim_start().starts_with("Interpol"), "{marked:?}");
            }
        }
    }
}
