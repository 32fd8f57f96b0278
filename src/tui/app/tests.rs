use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Line;

use docbao::corpus::Corpus;
use docbao::text;

use super::*;
use crate::tui::article::article_text_area;
use crate::tui::highlight::Palette;
use crate::tui::keymap::{keymap, keymap_action, Action};
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
    // Wide enough for the three panes while reading.
    let mut a = App::new(Corpus::seeds(), 140, 30, Theme::new(Palette::Basic));
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
    // Folded, the facts under the article take a click too.
    let mut folded = app();
    folded.update(Action::Open);
    folded.update(Action::ToggleFacts);
    let p = folded.panes();
    assert!(p.facts_below);
    folded.update(Action::Click {
        column: 3,
        row: p.article_h + 2,
    });
    assert_eq!(folded.focus, Focus::Facts);
    folded.update(Action::Click { column: 3, row: 2 });
    assert_eq!(folded.focus, Focus::Article);
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
fn the_keymap_binds_each_action_the_config_knows() {
    assert_eq!(docbao::config::ACTIONS, crate::tui::action_names());
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
    assert_eq!(*a.current().unwrap().id, *id);
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
                p.facts_w == 0 || a.facts_lines.iter().all(|l| l.width() <= facts_w),
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

#[test]
fn a_name_of_the_indexed_corpus_view_is_read_on_another_thread() {
    let mut a = app();
    a.update(Action::CorpusView);
    // As the index gives the view: names and counts, no articles yet, and here no index to
    // read them from (as when the folders changed since they were read).
    let view = a.corpus.as_mut().expect("shown");
    view.sizes = Some(
        view.entries
            .iter()
            .map(|e| (e.mentions(), e.articles.len()))
            .collect(),
    );
    for e in &mut view.entries {
        e.articles.clear();
    }
    a.update(Action::Open);
    assert!(a.entry_coming.is_some(), "asked of another thread");
    assert_eq!(
        a.message.as_deref(),
        Some("reading the articles naming Jurgen Stock…")
    );
    assert!(a.corpus.as_ref().is_some_and(|v| v.open.is_none()));
    a.update(Action::Open);
    assert!(a.entry_coming.is_some(), "asked once");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !a.poll_entry() {
        assert!(std::time::Instant::now() < deadline, "no answer");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(a.entry_coming.is_none());
    assert!(a.corpus.is_none(), "no index: the view closes");
    assert_eq!(
        a.message.as_deref(),
        Some("the folders changed since they were read: press c again")
    );
}
