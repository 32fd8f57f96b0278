//! The configuration file: TOML in the platform's config folder (`~/.config/docbao/config.toml`
//! on Linux), or the file `--config` or `DOCBAO_CONFIG` names. Every setting is optional. A
//! file that is partly wrong still counts for what is right: each problem is reported with its
//! line and column and what was expected, and that setting keeps its default.
//!
//! The core checks the file's shape, colours and key names; the reader maps them onto the
//! terminal. `assets/config.toml`, which `docbao config --default` prints, documents every
//! setting and is tested to read back as the defaults.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::extract::EntityKind;

/// The environment variable naming the config file, instead of the platform's place.
pub const CONFIG_ENV: &str = "DOCBAO_CONFIG";

/// The commented default configuration.
pub const DEFAULT: &str = include_str!("../assets/config.toml");

/// The narrowest reading width the reader accepts.
pub const MIN_READING_WIDTH: u16 = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// What the reader opens when no path is given.
    pub folders: Vec<PathBuf>,
    /// Article text wraps at most this wide; `None`: the reader's default.
    pub reading_width: Option<u16>,
    pub mouse: bool,
    pub facts_panel: bool,
    /// Colour overrides by entity kind.
    pub colors: Vec<(EntityKind, Colour)>,
    /// Keys added to actions, by the action's name.
    pub keys: Vec<(String, Vec<KeySpec>)>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            folders: Vec::new(),
            reading_width: None,
            mouse: true,
            facts_panel: true,
            colors: Vec::new(),
            keys: Vec::new(),
        }
    }
}

/// A colour as the config names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// No colour: the kind's bold, underline or italic alone.
    Plain,
    /// One of the 16 terminal colours, 0 (black) to 15 (white), in `NAMES` order.
    Basic(u8),
    /// The 256-colour palette.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

impl Colour {
    /// The 16 colours' names, in ANSI order.
    pub const NAMES: [&'static str; 16] = [
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "gray",
        "darkgray",
        "lightred",
        "lightgreen",
        "lightyellow",
        "lightblue",
        "lightmagenta",
        "lightcyan",
        "white",
    ];

    /// A name, "#rrggbb", a 256-colour index, or "none".
    pub fn parse(s: &str) -> Option<Colour> {
        let s = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        let s = s.replace("grey", "gray");
        if s == "none" || s == "plain" {
            return Some(Colour::Plain);
        }
        if let Some(i) = Colour::NAMES.iter().position(|n| *n == s) {
            return Some(Colour::Basic(i as u8));
        }
        if let Some(hex) = s.strip_prefix('#') {
            if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
            }
            return None;
        }
        s.parse().ok().map(Colour::Indexed)
    }
}

/// A key as the config names it: "j", "ctrl-n", "alt-x", "pagedown", "f5".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    pub ctrl: bool,
    pub alt: bool,
    pub key: Key,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    /// One of `Key::NAMED`.
    Named(&'static str),
    /// F1 to F12.
    F(u8),
}

impl Key {
    /// Keys with names, as the config writes them.
    pub const NAMED: [&'static str; 15] = [
        "enter",
        "esc",
        "tab",
        "backtab",
        "backspace",
        "delete",
        "insert",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
    ];
}

impl KeySpec {
    pub fn parse(s: &str) -> Option<KeySpec> {
        let mut spec = KeySpec {
            ctrl: false,
            alt: false,
            key: Key::Char(' '),
        };
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.len() > 5 && lower.starts_with("ctrl-") {
                spec.ctrl = true;
                rest = &rest[5..];
            } else if lower.len() > 4 && lower.starts_with("alt-") {
                spec.alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        spec.key = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => Key::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    Key::Char(' ')
                } else if let Some(&name) = Key::NAMED.iter().find(|n| **n == lower) {
                    Key::Named(name)
                } else {
                    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    Key::F(n)
                }
            }
        };
        Some(spec)
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Named(name) => f.write_str(name),
            Key::F(n) => write!(f, "F{n}"),
        }
    }
}

/// Something in the file that could not be used; the setting keeps its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// The names of the reader's actions, which `[keys]` binds keys to. The reader's keymap has
/// one binding for each, in this order (a test of the reader keeps them equal), and a build
/// without the reader still checks a config against them.
pub const ACTIONS: &[&str] = &[
    "down",
    "up",
    "page_down",
    "page_up",
    "half_page_down",
    "half_page_up",
    "top",
    "bottom",
    "open",
    "back",
    "focus_next",
    "focus_prev",
    "filter",
    "next_hit",
    "prev_hit",
    "next_entity",
    "prev_entity",
    "mentions",
    "corpus",
    "facts",
    "raw",
    "sort",
    "unread_only",
    "bookmark",
    "bookmarks",
    "copy",
    "open_link",
    "warnings",
    "help",
    "quit",
];

/// Reads a config file's text. `actions` are the names keys can be bound to.
pub fn parse(text: &str, actions: &[&str]) -> (Config, Vec<Problem>) {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader {
        text,
        problems: errors
            .iter()
            .map(|e| {
                let at = e.span().map_or(0, |s| s.start);
                let message = e.message().trim().trim_end_matches('.').to_owned();
                Reader::problem_at(text, at, format!("this is not valid TOML: {message}"))
            })
            .collect(),
    };
    // After a syntax error the parser recovers; what it made of the broken line is not used.
    let broken: Vec<usize> = reader.problems.iter().map(|p| p.line).collect();
    reader.problems.dedup_by_key(|p| p.line);
    let mut config = Config::default();
    for (key, value) in doc.get_ref() {
        if broken.contains(&Reader::problem_at(text, key.span().start, String::new()).line) {
            continue;
        }
        let span = value.span();
        let value = value.get_ref();
        match key.get_ref().as_ref() {
            "folders" => {
                if let Some(folders) = reader.strings(value, span, "a list of folder paths") {
                    config.folders = folders.iter().map(|f| expand_home(f)).collect();
                }
            }
            "reading_width" => {
                let width = value
                    .as_integer()
                    .and_then(|i| i.as_str().parse::<u16>().ok())
                    .filter(|&w| w >= MIN_READING_WIDTH);
                match width {
                    Some(w) => config.reading_width = Some(w),
                    None => reader.expected(
                        span,
                        &format!("a number of columns from {MIN_READING_WIDTH} to 65535"),
                    ),
                }
            }
            "mouse" => reader.boolean(value, span, &mut config.mouse),
            "facts_panel" => reader.boolean(value, span, &mut config.facts_panel),
            "theme" => {
                let Some(table) = value.as_table() else {
                    reader.expected(span, "a table of colours by kind, [theme]");
                    continue;
                };
                for (kind, colour) in table {
                    let Some(k) = EntityKind::ALL
                        .into_iter()
                        .find(|k| k.name() == kind.get_ref().as_ref())
                    else {
                        let names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.name()).collect();
                        reader.expected(
                            kind.span(),
                            &format!("an entity kind ({})", names.join(", ")),
                        );
                        continue;
                    };
                    let parsed = match colour.get_ref() {
                        DeValue::String(s) => Colour::parse(s),
                        DeValue::Integer(i) => i.as_str().parse().ok().map(Colour::Indexed),
                        _ => None,
                    };
                    match parsed {
                        Some(c) => config.colors.push((k, c)),
                        None => reader.expected(
                            colour.span(),
                            "a colour: a name such as \"yellow\" or \"lightblue\", \"#rrggbb\", \
                             a number from 0 to 255, or \"none\"",
                        ),
                    }
                }
            }
            "keys" => {
                let Some(table) = value.as_table() else {
                    reader.expected(span, "a table of keys by action, [keys]");
                    continue;
                };
                for (action, keys) in table {
                    let name = action.get_ref().as_ref();
                    if !actions.contains(&name) {
                        reader.expected(
                            action.span(),
                            &format!("an action ({})", actions.join(", ")),
                        );
                        continue;
                    }
                    let Some(specs) = reader.strings(
                        keys.get_ref(),
                        keys.span(),
                        "a list of keys, such as [\"j\", \"ctrl-n\", \"pagedown\"]",
                    ) else {
                        continue;
                    };
                    let mut parsed = Vec::new();
                    for s in &specs {
                        match KeySpec::parse(s) {
                            Some(k) => parsed.push(k),
                            None => reader.expected(
                                keys.span(),
                                &format!(
                                    "keys such as \"j\", \"ctrl-n\", \"alt-x\", \"f5\" or one \
                                     of {}; \"{s}\" is none of these",
                                    Key::NAMED.join(", ")
                                ),
                            ),
                        }
                    }
                    config.keys.push((name.to_owned(), parsed));
                }
            }
            other => reader.problems.push(Reader::problem_at(
                text,
                key.span().start,
                format!(
                    "unknown setting \"{other}\"; expected one of folders, reading_width, mouse, \
                     facts_panel, [theme] or [keys]"
                ),
            )),
        }
    }
    reader.problems.sort_by_key(|p| (p.line, p.column));
    (config, reader.problems)
}

struct Reader<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem_at(text: &str, at: usize, message: String) -> Problem {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problem {
            line,
            column,
            message,
        }
    }

    fn expected(&mut self, span: Range<usize>, what: &str) {
        let found = self.text.get(span.clone()).unwrap_or("").trim();
        let found: String = found.chars().take(40).collect();
        self.problems.push(Reader::problem_at(
            self.text,
            span.start,
            format!("expected {what}, found {found}"),
        ));
    }

    fn boolean(&mut self, value: &DeValue, span: Range<usize>, into: &mut bool) {
        match value.as_bool() {
            Some(b) => *into = b,
            None => self.expected(span, "true or false"),
        }
    }

    fn strings(&mut self, value: &DeValue, span: Range<usize>, what: &str) -> Option<Vec<String>> {
        let strings = value.as_array().and_then(|a| {
            a.iter()
                .map(|v| v.get_ref().as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
        });
        if strings.is_none() {
            self.expected(span, what);
        }
        strings
    }
}

/// `~/news` → the home folder's `news`.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// Where the config is read from: `explicit` (`--config`), else `DOCBAO_CONFIG`, else the
/// platform's config folder. The boolean says whether the user named the file, so that a
/// missing one is an error rather than the ordinary absence of a config.
pub fn location(explicit: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(path) = explicit {
        return Some((path.to_owned(), true));
    }
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    dirs::config_dir().map(|d| (d.join("docbao").join("config.toml"), false))
}

/// Loads the config from `location`. Problems come back as messages naming the file; a file
/// the user named that cannot be read is an error.
pub fn load(explicit: Option<&Path>, actions: &[&str]) -> Result<(Config, Vec<String>), String> {
    let Some((path, named)) = location(explicit) else {
        return Ok((Config::default(), Vec::new()));
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
            return Ok((Config::default(), Vec::new()));
        }
        Err(e) => {
            return Err(format!(
                "could not read the config file {}: {e}; `docbao config --default` prints one \
                 to start from",
                path.display()
            ))
        }
    };
    let (config, problems) = parse(&text, actions);
    let messages = problems
        .iter()
        .map(|p| format!("{}: {p}; that setting keeps its default", path.display()))
        .collect();
    Ok((config, messages))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: &[&str] = &["down", "up", "quit"];

    #[test]
    fn the_default_file_reads_as_the_defaults() {
        let (config, problems) = parse(DEFAULT, ACTIONS);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("", ACTIONS), (Config::default(), Vec::new()));
    }

    #[test]
    fn every_setting_is_read() {
        let text = r##"
folders = ["/srv/news", "tin"]
reading_width = 72
mouse = false
facts_panel = false

[theme]
person = "lightred"
date = "#ff8800"
role = 141
location = "none"

[keys]
down = ["ctrl-n", "J"]
quit = ["f10", "alt-x", "space"]
"##;
        let (config, problems) = parse(text, ACTIONS);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config.folders,
            vec![PathBuf::from("/srv/news"), PathBuf::from("tin")]
        );
        assert_eq!(config.reading_width, Some(72));
        assert!(!config.mouse);
        assert!(!config.facts_panel);
        assert_eq!(
            config.colors,
            vec![
                (EntityKind::Date, Colour::Rgb(0xff, 0x88, 0)),
                (EntityKind::Location, Colour::Plain),
                (EntityKind::Person, Colour::Basic(9)),
                (EntityKind::Role, Colour::Indexed(141)),
            ]
        );
        let keys: Vec<(String, Vec<String>)> = config
            .keys
            .iter()
            .map(|(a, ks)| (a.clone(), ks.iter().map(ToString::to_string).collect()))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("down".to_owned(), vec!["Ctrl-n".to_owned(), "J".to_owned()]),
                (
                    "quit".to_owned(),
                    vec!["F10".to_owned(), "Alt-x".to_owned(), "Space".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn a_wrong_value_is_reported_where_it_is_and_the_rest_still_counts() {
        let text = "mouse = false\nreading_width = \"wide\"\n\n[theme]\nperson = \"mauve\"\ndate = \"red\"\n";
        let (config, problems) = parse(text, ACTIONS);
        assert!(!config.mouse, "the good setting before the bad one counts");
        assert_eq!(config.reading_width, None);
        assert_eq!(config.colors, vec![(EntityKind::Date, Colour::Basic(1))]);
        let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, vec![(2, 17), (5, 10)]);
        assert!(problems[0].message.contains("expected a number of columns"));
        assert!(problems[0].message.contains("\"wide\""));
        assert!(problems[1].message.contains("expected a colour"));
    }

    #[test]
    fn broken_toml_is_reported_with_line_and_column() {
        let text = "mouse = false\nreading_width = = 3\n";
        let (config, problems) = parse(text, ACTIONS);
        assert!(!config.mouse, "what parsed before the error counts");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.starts_with("this is not valid TOML"));
    }

    #[test]
    fn unknown_settings_actions_kinds_and_keys_are_named() {
        let text = "colour = 1\n[keys]\nfly = [\"x\"]\ndown = [\"ctrl-\", \"j\"]\n[theme]\nplace = \"red\"\n";
        let (config, problems) = parse(text, ACTIONS);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].starts_with("line 1, column 1: unknown setting \"colour\""));
        assert!(messages[1].contains("expected an action (down, up, quit)"));
        assert!(messages[2].contains("\"ctrl-\" is none of these"));
        assert!(messages[3].contains("expected an entity kind (person,"));
        // The good key of a list with a bad one still counts.
        assert_eq!(config.keys.len(), 1);
        assert_eq!(config.keys[0].1.len(), 1);
    }

    #[test]
    fn key_names() {
        let cases = [
            ("j", Some((false, false, Key::Char('j')))),
            ("J", Some((false, false, Key::Char('J')))),
            ("Ctrl-d", Some((true, false, Key::Char('d')))),
            ("ctrl-alt-x", Some((true, true, Key::Char('x')))),
            ("PageDown", Some((false, false, Key::Named("pagedown")))),
            ("f12", Some((false, false, Key::F(12)))),
            ("-", Some((false, false, Key::Char('-')))),
            ("ctrl--", Some((true, false, Key::Char('-')))),
            ("f13", None),
            ("ctrl-", None),
            ("jk", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = KeySpec::parse(text).map(|k| (k.ctrl, k.alt, k.key));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn colour_names() {
        assert_eq!(Colour::parse("Light Blue"), Some(Colour::Basic(12)));
        assert_eq!(Colour::parse("dark-grey"), Some(Colour::Basic(8)));
        assert_eq!(Colour::parse("#00FF7f"), Some(Colour::Rgb(0, 255, 127)));
        assert_eq!(Colour::parse("255"), Some(Colour::Indexed(255)));
        assert_eq!(Colour::parse("256"), None);
        assert_eq!(Colour::parse("#12345"), None);
        assert_eq!(Colour::parse("mauve"), None);
    }
}
