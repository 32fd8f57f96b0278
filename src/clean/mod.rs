//! Sanitised text to a clean article: every line is classified, metadata is taken out, and what
//! news sites wrap around an article (related-news lists, comment prompts, weather boxes,
//! footers) is removed and listed so a reader can see what was dropped.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::text::fold;

mod edges;
pub mod format;
mod glue;
pub mod header;

/// What a block of the cleaned body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Bullet,
    Caption,
}

/// One block of the cleaned body; `text` is NFC, one line, free of controls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    #[serde(deserialize_with = "crate::text::de::text")]
    pub text: String,
}

/// How the cleaner read one input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    Blank,
    Headline,
    Dateline,
    Paragraph,
    Heading,
    Bullet,
    Caption,
    Credit,
    Boilerplate,
}

impl LineClass {
    /// Whether the line becomes a block of the body.
    fn is_content(self) -> bool {
        matches!(
            self,
            LineClass::Paragraph | LineClass::Heading | LineClass::Bullet | LineClass::Caption
        )
    }
}

/// The cleaned article with its metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub title: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub source: Option<String>,
    /// Where the article came from, its author and tags, when a header says.
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub body: Vec<Block>,
    pub removed: Vec<String>,
    /// The lines of the header the fields came from: metadata, not removed text.
    pub header: Vec<String>,
}

/// Where in the article the cleaner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Article,
    /// After a related-news marker: the article may resume with a real paragraph.
    Related,
    /// After the credit line, comments, most-read lists or footers: nothing of the article follows.
    Tail,
}

/// Cleans sanitised text (NFC, no controls, `\n` line ends) into an article.
pub fn clean(text: &str) -> Cleaned {
    clean_with(text, &Furniture::default())
}

/// Lines a site repeats on most of its pages (menus, slogans, disclaimers), found by counting
/// lines across the files of one folder. Kept as hashes of the trimmed line.
#[derive(Debug, Clone, Default)]
pub struct Furniture(std::collections::HashSet<u64>);

impl Furniture {
    /// Counts each distinct line of each text once; lines in at least half of them (and in
    /// three at least) are furniture.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>) -> Furniture {
        let mut counts: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        let mut n = 0;
        for text in texts {
            n += 1;
            let distinct: std::collections::HashSet<u64> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(line_key)
                .collect();
            for k in distinct {
                *counts.entry(k).or_default() += 1;
            }
        }
        let needed = (n / 2).max(3);
        Furniture(
            counts
                .into_iter()
                .filter(|&(_, c)| c >= needed)
                .map(|(k, _)| k)
                .collect(),
        )
    }

    pub fn contains(&self, line: &str) -> bool {
        !self.0.is_empty() && self.0.contains(&line_key(line.trim()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The keys of the furniture lines, for keeping it (in no particular order).
    pub fn keys(&self) -> Vec<u64> {
        self.0.iter().copied().collect()
    }

    /// Furniture kept with `keys` (by this build: the keys are std's hash of the line).
    pub fn from_keys(keys: Vec<u64>) -> Furniture {
        Furniture(keys.into_iter().collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn line_key(line: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    line.hash(&mut h);
    h.finish()
}

/// `clean`, with a folder's furniture taken out as boilerplate too.
pub fn clean_with(text: &str, furniture: &Furniture) -> Cleaned {
    let (header, rest) = header::split(text);
    let unglued = glue::unglue(&rest);
    let mut out = clean_lines(&unglued, furniture);
    if let Some(header) = header {
        apply_header(&mut out, header);
    }
    let title = out.title.clone();
    edges::trim(&mut out, title.as_deref());
    out
}

/// A header's fields, which win over what the text says: its title (without a site's name
/// after it, which becomes the source if none is given), date, source, link, author and tags.
fn apply_header(out: &mut Cleaned, header: header::Header) {
    if let Some(title) = header.title {
        let (title, site) = match header::site_suffix(&title) {
            Some((head, site)) => (head.to_owned(), Some(site.to_owned())),
            None => (title.clone(), None),
        };
        // A headline the text repeats is not lost: it is listed as removed.
        if let Some(text_title) = out.title.take() {
            out.removed.insert(0, text_title);
        }
        out.title = Some(collapse_spaces(&title.replace('\n', " ")));
        if header.source.is_none() {
            out.source = site.or(out.source.take());
        }
    }
    // The header's date, or its saying there is none ("N/A"), wins over one in the text.
    out.published = header.published.as_deref().and_then(header_date);
    if let Some(source) = header.source {
        out.source = Some(collapse_spaces(&source));
    }
    out.url = header.url;
    out.author = header.author;
    out.tags = header.tags;
    out.header = header.lines;
}

/// A header's date in any of the forms Vietnamese sites write: "Thứ tư, 13/12/2023, 09:11
/// (GMT+7)", "13-12-2023", "13 tháng 12 năm 2023", ISO 8601.
fn header_date(value: &str) -> Option<String> {
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4})")
            .expect("valid regex")
    });
    if let Some(date) = format::iso_date(value) {
        return Some(date);
    }
    let caps = WORDS.captures(value)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (d, mo, y) = (num(1)?, num(2)?, num(3)?);
    ((1..=31).contains(&d) && (1..=12).contains(&mo) && (1900..=2100).contains(&y))
        .then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

/// Cleans the text under the header, line by line.
fn clean_lines(text: &str, furniture: &Furniture) -> Cleaned {
    // Memory matters for files of very many short lines: the line table is sized exactly and
    // is gone before the blocks are built, which walk the text's lines a second time.
    let classes = {
        let mut lines: Vec<&str> =
            Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
        lines.extend(text.lines().map(str::trim));
        let mut classes = classify(&lines);
        for (line, class) in lines.iter().zip(classes.iter_mut()) {
            if class.is_content() && furniture.contains(line) {
                *class = LineClass::Boilerplate;
            }
        }
        classes
    };
    let blocks = classes.iter().filter(|c| c.is_content()).count();
    let mut out = Cleaned {
        body: Vec::with_capacity(blocks),
        ..Cleaned::default()
    };
    for (line, class) in text.lines().map(str::trim).zip(&classes) {
        match class {
            LineClass::Blank => {}
            LineClass::Headline => out.title = Some(collapse_spaces(line)),
            LineClass::Dateline => {
                out.published = parse_dateline(line);
                out.removed.push((*line).to_owned());
            }
            LineClass::Credit => {
                if out.source.is_none() {
                    out.source = credit(line);
                }
                out.removed.push((*line).to_owned());
            }
            LineClass::Boilerplate => out.removed.push((*line).to_owned()),
            LineClass::Caption => {
                let line = &line[..photo_number(line).unwrap_or(line.len())];
                out.body.push(Block {
                    kind: BlockKind::Caption,
                    text: collapse_spaces(line.trim_end_matches(['|', ' '])),
                });
            }
            LineClass::Bullet => out.body.push(Block {
                kind: BlockKind::Bullet,
                text: collapse_spaces(strip_bullet(line)),
            }),
            LineClass::Heading => out.body.push(Block {
                kind: BlockKind::Heading,
                text: collapse_spaces(line),
            }),
            LineClass::Paragraph => {
                let mut para = (*line).to_owned();
                if out.body.iter().all(|b| b.kind == BlockKind::Caption) {
                    if let Some((name, rest)) = source_prefix(&para) {
                        out.source.get_or_insert(name);
                        out.removed
                            .push(para[..para.len() - rest.len()].trim().to_owned());
                        para = rest.to_owned();
                    }
                }
                if let Some(stripped) = para.strip_suffix("./.") {
                    para = format!("{}.", stripped.trim_end());
                    out.removed.push("./.".to_owned());
                }
                out.body.push(Block {
                    kind: BlockKind::Paragraph,
                    text: collapse_spaces(&para),
                });
            }
        }
    }
    out
}

/// Classifies every line, in order, with the article's structure in mind.
pub fn classify(lines: &[&str]) -> Vec<LineClass> {
    let mut classes = vec![LineClass::Blank; lines.len()];
    let content: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    if content.is_empty() {
        return classes;
    }

    // A dateline is metadata only near the top; later ones belong to related-news lists.
    for &i in content.iter().take(5) {
        if classes[i] == LineClass::Blank && parse_dateline(lines[i]).is_some() {
            classes[i] = LineClass::Dateline;
            break;
        }
    }
    // The headline, perhaps under a crawler's lines: a date stamp, the section names of a
    // breadcrumb ("Thế giới", "ASEAN", "Đối ngoại -"), which go.
    let mut crumbs = Vec::new();
    for &i in content.iter().take(6) {
        if classes[i] == LineClass::Dateline {
            continue;
        }
        if content.len() > 1 && is_headline(lines[i]) && !is_crumb(lines[i]) {
            classes[i] = LineClass::Headline;
            for &c in &crumbs {
                classes[c] = LineClass::Boilerplate;
            }
            break;
        }
        if !is_crumb(lines[i]) {
            break;
        }
        crumbs.push(i);
    }

    let mut zone = Zone::Article;
    let mut seen_paragraph = false;
    let mut after_timestamp = false;
    for (n, &i) in content.iter().enumerate() {
        if classes[i] != LineClass::Blank {
            continue;
        }
        let line = lines[i];
        // Markers and single-line furniture are short; long paragraphs need no folded copy.
        let folded = if line.len() <= 400 {
            fold(line)
        } else {
            String::new()
        };
        let timestamp = is_timestamp(line);
        let class = if timestamp || is_single_boilerplate(line, &folded) {
            LineClass::Boilerplate
        } else if let Some(next) = zone_marker(&folded) {
            zone = zone.max_with(next);
            LineClass::Boilerplate
        } else if seen_paragraph && credit(line).is_some() {
            zone = Zone::Tail;
            LineClass::Credit
        } else if zone == Zone::Tail {
            LineClass::Boilerplate
        } else if zone == Zone::Related {
            if !after_timestamp && is_prose(line) {
                zone = Zone::Article;
                LineClass::Paragraph
            } else {
                LineClass::Boilerplate
            }
        } else if is_caption(line) {
            LineClass::Caption
        } else if is_bullet(line) {
            LineClass::Bullet
        } else if seen_paragraph && is_heading(line) && next_is_prose(lines, &content, n) {
            LineClass::Heading
        } else {
            LineClass::Paragraph
        };
        if timestamp && zone == Zone::Article && seen_paragraph {
            // A timestamp after the article has begun is a related-news list: the headline above
            // it belongs to the list too.
            if let Some(&prev) = content[..n].last() {
                if matches!(classes[prev], LineClass::Paragraph | LineClass::Heading)
                    && !is_prose(lines[prev])
                {
                    classes[prev] = LineClass::Boilerplate;
                }
            }
            zone = Zone::Related;
        }
        if matches!(class, LineClass::Paragraph | LineClass::Bullet) {
            seen_paragraph = true;
        }
        after_timestamp = timestamp;
        classes[i] = class;
    }
    // A short line above a photo credit on its own line is the photo's caption.
    for (n, &i) in content.iter().enumerate().skip(1) {
        let prev = content[n - 1];
        if classes[i] == LineClass::Caption
            && is_bare_credit(lines[i])
            && classes[prev] == LineClass::Paragraph
            && lines[prev].chars().count() <= 200
            && !lines[prev].ends_with(':')
        {
            classes[prev] = LineClass::Caption;
        }
    }
    classes
}

impl Zone {
    fn max_with(self, other: Zone) -> Zone {
        match (self, other) {
            (Zone::Tail, _) | (_, Zone::Tail) => Zone::Tail,
            (Zone::Related, _) | (_, Zone::Related) => Zone::Related,
            _ => Zone::Article,
        }
    }
}

/// Lines that open a block of site furniture. The boolean says whether the article can resume
/// after it (a related-news box inside the text) or has ended.
const ZONE_MARKERS: &[(&str, bool)] = &[
    ("tin lien quan", true),
    ("bai lien quan", true),
    ("tin bai lien quan", true),
    ("bai viet lien quan", true),
    ("doc them", true),
    ("xem them", true),
    ("co the ban quan tam", true),
    ("co the ban muon xem", true),
    ("tin doc nhieu", false),
    ("tin xem nhieu", false),
    ("doc nhieu nhat", false),
    ("xem nhieu nhat", false),
    ("tin cung chuyen muc", false),
    ("tin moi nhat", false),
    ("tin moi", false),
    ("tin khac", false),
    ("cac tin khac", false),
    ("tin noi bat", false),
    ("viet binh luan", false),
    ("gui binh luan", false),
    ("binh luan", false),
    ("y kien ban doc", false),
    ("thong tin ban doc", false),
    ("thong tin can biet", false),
    ("ban quyen", false),
    ("copyright", false),
    ("kinh gui quy doc gia", false),
];

/// A marker line is short and is the marker, perhaps with a count or an arrow around it.
fn zone_marker(folded: &str) -> Option<Zone> {
    let core = folded
        .trim_matches(|c: char| !c.is_alphanumeric())
        .trim_start_matches(|c: char| c.is_ascii_digit());
    if core.chars().count() > 40 {
        return None;
    }
    ZONE_MARKERS.iter().find_map(|&(marker, resumable)| {
        let hit = core == marker
            || core
                .strip_prefix(marker)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '(', ':']))
                && core.split_whitespace().count() <= marker.split_whitespace().count() + 3;
        hit.then_some(if resumable { Zone::Related } else { Zone::Tail })
    })
}

/// Single lines of furniture: share and print links, audio players, image file names, end marks.
fn is_single_boilerplate(line: &str, folded: &str) -> bool {
    static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^(?:
                chia\ se|in\ bai|ban\ in|luu|dong|dong\ luu\ thong\ tin|quay\ lai|len\ dau\ trang
                |trang\ chu|facebook|twitter|zalo|email|e-mail|share|print|tweet|like|copy\ link
                |sao\ chep\ lien\ ket|nghe\ bai\ viet|nghe\ doc\ bai|toc\ do\ doc|giong\ nam|giong\ nu
                |play|pause|tam\ dung|phat|theo\ doi\ chung\ toi.*|tai\ ung\ dung.*|ad|quang\ cao
            )$",
        )
        .expect("valid regex")
    });
    static PATTERNS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
                [\w\-.]+\.(?:jpe?g|png|gif|webp|svg|mp3|mp4)        # an image or media file name
                |\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?               # an audio player's clock
                |[./|\-–—_*=~>•·]+                                   # punctuation alone, ./.
                |(?:>{2,}|»)\s*(?:đọc|xem)\s+thêm\b.*               # >>> Đọc thêm: ...
                |(?:xem|đọc)\s+thêm\s*:.*                           # Xem thêm: headline
                |(?:tin|bài)\s+liên\s+quan\s*:.*
                |(?:©|\(c\)|copyright|bản\s+quyền|giấy\s+phép\s+(?:số|xuất\s+bản)|tổng\s+biên\s+tập\s*:|hotline\s*:|điện\s+thoại\s*:|địa\s+chỉ\s*:|email\s*:).*
            )$",
        )
        .expect("valid regex")
    });
    let core = folded.trim_matches(|c: char| c.is_whitespace() || c == '|');
    SINGLE.is_match(core) || PATTERNS.is_match(line) || is_hashtags(line)
}

/// "#Ma túy #Tang vật": the page's tags.
fn is_hashtags(line: &str) -> bool {
    line.starts_with('#')
        && line.chars().nth(1).is_some_and(char::is_alphanumeric)
        && line.split_whitespace().count() <= 16
}

/// "07:55 30/06/2025", "29/11/2025", "30/06/2025 07:55": a timestamp alone on a line.
fn is_timestamp(line: &str) -> bool {
    static TS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,2}:\d{2}\s*,?\s*)?\d{1,2}[/\-.]\d{1,2}[/\-.]\d{2,4}(?:\s*,?\s*\d{1,2}:\d{2})?$")
            .expect("valid regex")
    });
    (line.len() <= 40 && TS.is_match(line)) || parse_dateline(line).is_some()
}

/// A crawler's line above the headline: a section name or a breadcrumb's step, short and
/// without a sentence in it.
fn is_crumb(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let words = line.split_whitespace().count();
    (1..=3).contains(&words)
        && line.chars().count() <= 30
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '#')
        && !line.ends_with(['.', ',', ';', ':', '!', '?', '"', '”'])
}

/// Parses a dateline into ISO 8601: "Thứ Ba, ngày 20/12/2016 | 08:07", "28/11/2025",
/// "08:44 03/12/2025", "date 2025-08-16", "2025-08-16T10:30".
pub fn parse_dateline(line: &str) -> Option<String> {
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^
            (?:(?:ngày\s+(?:đăng|cập\s+nhật|xuất\s+bản)|cập\s+nhật|đăng\s+(?:lúc|ngày)|published|updated)\s*:?\s*)?
            (?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)\s*[,\-|]?\s*)?
            (?:ngày\s+)?
            (?:(?P<h1>\d{1,2}):(?P<m1>\d{2})\s*[,|\-]?\s*)?
            (?P<d>\d{1,2})[/\-.](?P<mo>\d{1,2})[/\-.](?P<y>\d{4})
            (?:\s*[,|\-]?\s*(?P<h2>\d{1,2}):(?P<m2>\d{2})(?::\d{2})?)?
            \s*(?:\(?\s*(?:GMT|UTC)\s*[+\-]\s*\d{1,2}\s*\)?)?$",
        )
        .expect("valid regex")
    });
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:(?:date|ngày|published|cập\ nhật)\s*:?\s*)?
            (?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})
            (?:[T\ ](?P<h2>\d{2}):(?P<m2>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?$",
        )
        .expect("valid regex")
    });
    let line = line.trim();
    if line.chars().count() > 80 {
        return None;
    }
    // The match test runs a fast automaton; only a line that matches pays for the captures.
    let caps = if DMY.is_match(line) {
        DMY.captures(line)?
    } else if ISO.is_match(line) {
        ISO.captures(line)?
    } else {
        return None;
    };
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, mo, d) = (num("y")?, num("mo")?, num("d")?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || !(1900..=2100).contains(&y) {
        return None;
    }
    let time = match (num("h1").or(num("h2")), num("m1").or(num("m2"))) {
        (Some(h), Some(m)) if h < 24 && m < 60 => format!("T{h:02}:{m:02}"),
        _ => String::new(),
    };
    Some(format!("{y:04}-{mo:02}-{d:02}{time}"))
}

/// "Theo TTXVN", "Theo VIETNAM+", "Nguồn: Báo Tin tức": a short credit line naming the source.
fn credit(line: &str) -> Option<String> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:theo|nguồn)\s*:?\s+(?P<name>\p{Lu}[\p{L}\p{N}+.&\- ]{1,40}?)\s*\.?$")
            .expect("valid regex")
    });
    // Credits are short and open with "Theo" or "Nguồn"; the check spares the regex's slow
    // capturing engine on every paragraph.
    let opener: String = line.chars().take(5).flat_map(char::to_lowercase).collect();
    if line.len() > 200 || !(opener.starts_with("theo") || opener.starts_with("nguồn")) {
        return None;
    }
    let caps = CREDIT.captures(line)?;
    let name = caps.name("name")?.as_str().trim();
    // "Theo Bộ trưởng, ..." is a sentence, not a credit: credits are one to five words.
    (name.split_whitespace().count() <= 5).then(|| name.to_owned())
}

/// "(PLO)- ", "TPO - ", "(Chinhphu.vn) - ", "VTV.vn - " at the start of the lead names the
/// source. A capitalised word before a dash ("Huế - ") is a dateline, not a source: a source
/// without brackets is in capitals or a web address.
fn source_prefix(para: &str) -> Option<(String, &str)> {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\((?P<a>[\p{L}\p{N}.+/ ]{2,25})\)\s*[-–—]?|(?P<b>\p{Lu}[\p{Lu}\p{N}.+]{1,15}|\p{Lu}[\p{L}\p{N}+]{1,15}\.(?:vn|com|net|org)(?:\.vn)?)\s*[-–—])\s*")
            .expect("valid regex")
    });
    if !PREFIX.is_match(para) {
        return None;
    }
    let caps = PREFIX.captures(para)?;
    let name = caps.name("a").or(caps.name("b"))?.as_str().trim();
    let rest = &para[caps.get(0)?.end()..];
    if rest.is_empty() || !name.chars().next()?.is_uppercase() {
        return None;
    }
    Some((name.to_owned(), rest))
}

/// A headline: one short line without a closing full stop, before the text.
fn is_headline(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    (10..=250).contains(&chars)
        && (3..=40).contains(&words)
        && !line.ends_with(['.', ',', ';', ':', '|'])
        && line.chars().next().is_some_and(char::is_uppercase)
        && !is_caption(line)
        && !is_bullet(line)
        && parse_dateline(line).is_none()
}

/// A subheading inside the article: short, capitalised, no closing punctuation.
fn is_heading(line: &str) -> bool {
    let chars = line.chars().count();
    (4..=120).contains(&chars)
        && line.split_whitespace().count() <= 16
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', ',', ';', ':', '!', '?', '"', '”', ')', '…', '|'])
        && !line
            .chars()
            .any(|c| c.is_ascii_digit() && line.contains('/'))
}

fn next_is_prose(lines: &[&str], content: &[usize], n: usize) -> bool {
    content
        .get(n + 1)
        .is_some_and(|&j| is_prose(lines[j]) && !is_caption(lines[j]))
}

/// A sentence or more of running text.
fn is_prose(line: &str) -> bool {
    line.chars().count() >= 80 && line.ends_with(['.', '!', '?', '"', '”', ':', ')', '…', ';'])
}

/// Photo captions: "... Ảnh: TTXVN", "(Ảnh minh họa)", or a line ending in " |".
fn is_caption(line: &str) -> bool {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[\s.(\-–])(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|video|clip|đồ họa|infographic)\s*:|\((?:ảnh|ảnh minh họa|ảnh minh hoạ)[^)]*\)\s*$|^ảnh minh h")
            .expect("valid regex")
    });
    let trimmed = line.trim_end();
    (trimmed.ends_with('|') && trimmed.len() > 1)
        || (line.chars().count() <= 400 && (CAPTION.is_match(line) || photo_number(line).is_some()))
}

/// Where a caption's "- ảnh 1" (the photo's number on the page) starts.
fn photo_number(line: &str) -> Option<usize> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*[-–]\s*ảnh\s+\d{1,3}\s*$").expect("valid regex"));
    NUMBER.find(line).map(|m| m.start())
}

/// A photo credit alone on its line: "Ảnh: TTXVN", "(Ảnh: VGP)".
fn is_bare_credit(line: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\(?\s*(?:ảnh|nguồn ảnh|video|đồ h(?:ọa|oạ))\s*:\s*[\p{Lu}\p{N}][\p{L}\p{N}./+&\- ]{0,40}\)?\.?$")
            .expect("valid regex")
    });
    line.chars().count() <= 60 && CREDIT.is_match(line)
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(['*', '•', '+', '-', '–', '—', '●', '▪', '■', '✓'])
        && line.chars().nth(1).is_some_and(char::is_whitespace)
}

fn strip_bullet(line: &str) -> &str {
    let mut chars = line.chars();
    chars.next();
    chars.as_str().trim_start()
}

fn collapse_spaces(s: &str) -> String {
    let s = s.trim_matches(' ');
    // Most lines have no run of spaces: one search (vectorised) instead of a split per word.
    if !s.contains("  ") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The list's title for an article: its headline, or its lead cut to a readable length.
pub fn display_title(cleaned: &Cleaned) -> String {
    if let Some(t) = &cleaned.title {
        return t.clone();
    }
    let lead = cleaned
        .body
        .iter()
        .find(|b| b.kind != BlockKind::Caption)
        .or(cleaned.body.first())
        .map_or("", |b| b.text.as_str());
    let sentence = lead
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or(lead)
        .trim_end_matches('.');
    shorten_words(sentence, 90)
}

/// Cuts at a word boundary to at most `max` chars, with an ellipsis when cut.
fn shorten_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases = [
            ("Thứ Ba, ngày 20/12/2016 | 08:07", Some("2016-12-20T08:07")),
            ("28/11/2025", Some("2025-11-28")),
            ("08:44 03/12/2025", Some("2025-12-03T08:44")),
            ("date 2025-08-16", Some("2025-08-16")),
            (
                "Chủ nhật, 5/1/2025 - 10:30 (GMT+7)",
                Some("2025-01-05T10:30"),
            ),
            ("2025-08-16T10:30:00+07:00", Some("2025-08-16T10:30")),
            ("31/13/2025", None),
            ("Ngày 26/9, tại Trung tâm Hội nghị", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_dateline(line).as_deref(), want, "{line:?}");
        }
    }

    #[test]
    fn line_classes() {
        type Case<'a> = (&'a str, fn(&str) -> bool, bool);
        let cases: &[Case] = &[
            (
                "Các đại biểu tham dự Hội nghị. Ảnh: Hằng Linh-PV TTXVN tại Hà Nội",
                is_caption,
                true,
            ),
            ("Ông A phát biểu tại hội nghị. |", is_caption, true),
            ("Ảnh minh họa", is_caption, true),
            (
                "Tham dự hội nghị có các đại biểu của 10 nước.",
                is_caption,
                false,
            ),
            ("* Tại thành phố Huế, ngày 2/3", is_bullet, true),
            ("- Bước một", is_bullet, true),
            ("-5 độ C", is_bullet, false),
            ("07:55 30/06/2025", is_timestamp, true),
            ("29/11/2025", is_timestamp, true),
            ("Ngày 29/11/2025 tại Hà Nội", is_timestamp, false),
        ];
        for (line, rule, want) in cases {
            assert_eq!(rule(line), *want, "{line:?}");
        }
    }

    #[test]
    fn single_lines_of_furniture() {
        let cases = [
            ("Chia sẻ", true),
            ("In bài", true),
            ("Nghe bài viết", true),
            ("00:00 / 03:25", true),
            ("anh-hoi-nghi-1.jpg", true),
            ("./.", true),
            (">>> Đọc thêm: Hội nghị cấp cao khai mạc", true),
            ("Xem thêm: Bộ Công an triển khai kế hoạch", true),
            ("© 2025 Báo Mẫu. Giữ bản quyền", true),
            ("Hotline: 0909 000 000", true),
            ("Tổng biên tập: Nguyễn Văn A", true),
            (
                "Chia sẻ kinh nghiệm phòng, chống tội phạm với các nước.",
                false,
            ),
            ("Lưu ý: hồ sơ nộp trước ngày 5/1.", false),
            ("Đọc thêm tài liệu là việc nên làm.", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_single_boilerplate(line, &fold(line)), want, "{line:?}");
        }
    }

    #[test]
    fn headlines_and_headings() {
        type Case<'a> = (&'a str, fn(&str) -> bool, bool);
        let cases: &[Case] = &[
            (
                "Việt Nam dự Hội nghị Tư lệnh Cảnh sát ASEAN lần thứ 45",
                is_headline,
                true,
            ),
            (
                "Đoạn văn kết thúc bằng dấu chấm, không phải tiêu đề.",
                is_headline,
                false,
            ),
            ("Thứ Ba, ngày 20/12/2016 | 08:07", is_headline, false),
            ("Ảnh minh họa cho bài viết", is_headline, false),
            ("Kết quả nổi bật", is_heading, true),
            ("kết quả nổi bật", is_heading, false),
            ("Ngày 20/12/2016 tại Hà Nội", is_heading, false),
        ];
        for (line, rule, want) in cases {
            assert_eq!(rule(line), *want, "{line:?}");
        }
    }

    #[test]
    fn furniture_is_what_most_pages_of_a_folder_repeat() {
        let pages: Vec<String> = (0..6)
            .map(|i| format!("Tin số {i}\n\nĐoạn riêng của bài {i}.\n\nBáo Mẫu — Cơ quan của Hội Nhà báo\n\nĐặt mua báo giấy\n"))
            .collect();
        let f = Furniture::learn(pages.iter().map(String::as_str));
        assert!(f.contains("Báo Mẫu — Cơ quan của Hội Nhà báo"));
        assert!(f.contains("  Đặt mua báo giấy "));
        assert!(!f.contains("Đoạn riêng của bài 1."));
        let cleaned = clean_with(&pages[0], &f);
        let texts: Vec<&str> = cleaned.body.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"Đoạn riêng của bài 0."), "{texts:?}");
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("Báo Mẫu") || t.contains("Đặt mua")),
            "{texts:?}"
        );
        assert!(cleaned.removed.iter().any(|r| r == "Đặt mua báo giấy"));
        // Two pages are too few to call anything furniture.
        assert!(Furniture::learn(pages[..2].iter().map(String::as_str)).is_empty());
    }

    #[test]
    fn credits_and_prefixes() {
        assert_eq!(credit("Theo TTXVN").as_deref(), Some("TTXVN"));
        assert_eq!(credit("Theo VIETNAM+").as_deref(), Some("VIETNAM+"));
        assert_eq!(credit("Nguồn: Báo Tin tức").as_deref(), Some("Báo Tin tức"));
        assert_eq!(
            credit("Theo phóng viên TTXVN tại Lào, sáng 28/8 hội nghị đã khai mạc."),
            None
        );
        assert_eq!(
            source_prefix("(PLO)- Sáng nay").map(|p| p.0),
            Some("PLO".into())
        );
        assert_eq!(
            source_prefix("TPO - Chiều 3/4").map(|p| p.0),
            Some("TPO".into())
        );
        assert_eq!(source_prefix("Sáng nay, hội nghị"), None);
    }

    #[test]
    fn markers() {
        let cases = [
            ("Xem thêm", Some(Zone::Related)),
            ("Tin liên quan", Some(Zone::Related)),
            ("Tin đọc nhiều trong tuần", Some(Zone::Tail)),
            ("Viết bình luận mới", Some(Zone::Tail)),
            ("THÔNG TIN CẦN BIẾT", Some(Zone::Tail)),
            ("Bình luận (3)", Some(Zone::Tail)),
            (
                "Xem thêm nhiều thông tin khác về vụ việc đã được công bố trước đó",
                None,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(zone_marker(&fold(line)), want, "{line:?}");
        }
    }

    #[test]
    fn related_list_and_tail_are_removed() {
        let text = "Tiêu đề bài báo về hợp tác quốc tế\n\nThứ Hai, ngày 5/1/2025 | 10:30\n\n\
            (TTXVN) - Đoạn mở đầu của bài báo nói về hội nghị hợp tác giữa các nước trong khu vực Đông Nam Á.\n\
            Ông A phát biểu. Ảnh: TTXVN\n\
            Đoạn thứ hai của bài báo nói thêm về kết quả của hội nghị và các văn kiện đã được ký kết./.\n\
            Tin liên quan\nMột tin khác không liên quan\n07:55 30/06/2025\nTóm tắt của tin khác.\n\
            Theo TTXVN\nViết bình luận mới\n";
        let c = clean(&crate::text::sanitize(text));
        assert_eq!(
            c.title.as_deref(),
            Some("Tiêu đề bài báo về hợp tác quốc tế")
        );
        assert_eq!(c.published.as_deref(), Some("2025-01-05T10:30"));
        assert_eq!(c.source.as_deref(), Some("TTXVN"));
        let kinds: Vec<BlockKind> = c.body.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Caption,
                BlockKind::Paragraph
            ]
        );
        assert!(c.body[0].text.starts_with("Đoạn mở đầu"));
        assert!(c.body[2].text.ends_with("đã được ký kết."));
        for gone in [
            "Tin liên quan",
            "Một tin khác không liên quan",
            "07:55 30/06/2025",
            "Theo TTXVN",
            "Viết bình luận mới",
        ] {
            assert!(c.removed.iter().any(|r| r == gone), "{gone} not in removed");
        }
    }

    #[test]
    fn related_box_inside_article_lets_text_resume() {
        let para = "Đoạn văn bản dài của bài báo, nói về nhiều nội dung quan trọng của hội nghị khu vực lần này.";
        let text = format!("{para}\nTin liên quan\nTiêu đề tin khác\n{para}\n");
        let c = clean(&text);
        assert_eq!(c.body.len(), 2);
        assert_eq!(c.removed, ["Tin liên quan", "Tiêu đề tin khác"]);
    }

    #[test]
    fn display_title_from_lead() {
        let c = Cleaned {
            body: vec![Block {
                kind: BlockKind::Paragraph,
                text: "Ngày 26/9, hội nghị khai mạc. Câu thứ hai.".into(),
            }],
            ..Cleaned::default()
        };
        assert_eq!(display_title(&c), "Ngày 26/9, hội nghị khai mạc");
    }

    fn body_texts(c: &Cleaned) -> Vec<(BlockKind, &str)> {
        c.body.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn crawler_lines_breadcrumbs_stamps_and_credits_around_an_article() {
        let text = "date 2025-08-17\nThế giới\nASEAN\n\
            Thủ tướng dự hội nghị cấp cao ASEAN lần thứ 46 tại Kuala Lumpur\n\
            Thứ sáu, ngày 27/10/2017 19:47 GMT+7\n\
            VTV.vn - Sáng 26/5, tại Kuala Lumpur, Thủ tướng dự phiên họp toàn thể.\n\
            Thủ tướng phát biểu tại hội nghị - ảnh 1\n\
            Các nhà lãnh đạo nhất trí tăng cường hợp tác.(TTXVN/Vietnam+)\n\
            #ASEAN #Hội nghị cấp cao\nTheo dõi VTV.vn trên Google News\nCùng chuyên mục\n";
        let c = clean(text);
        assert_eq!(
            c.title.as_deref(),
            Some("Thủ tướng dự hội nghị cấp cao ASEAN lần thứ 46 tại Kuala Lumpur")
        );
        assert_eq!(c.published.as_deref(), Some("2025-08-17"));
        assert_eq!(c.source.as_deref(), Some("VTV.vn"));
        assert_eq!(
            body_texts(&c),
            [
                (
                    BlockKind::Paragraph,
                    "Sáng 26/5, tại Kuala Lumpur, Thủ tướng dự phiên họp toàn thể."
                ),
                (BlockKind::Caption, "Thủ tướng phát biểu tại hội nghị"),
                (
                    BlockKind::Paragraph,
                    "Các nhà lãnh đạo nhất trí tăng cường hợp tác."
                ),
            ]
        );
        for gone in [
            "Thế giới",
            "ASEAN",
            "#ASEAN #Hội nghị cấp cao",
            "(TTXVN/Vietnam+)",
        ] {
            assert!(c.removed.iter().any(|r| r == gone), "{gone} not removed");
        }
    }

    #[test]
    fn a_key_value_header_gives_the_metadata_and_never_shows_as_body() {
        let text = "Title: Tin A - VnExpress\nSource: N/A\nLink: https://x.vn/a\n\
            Published Date: Thứ tư, 13/12/2023, 09:11 (GMT+7)\nAuthor: Huyền Lê\n\
            Tags: a, b\nSummary: Câu đầu...\n\
            Content: Hà NộiCâu đầu của bài viết dài đủ để là một câu văn.Câu hai cũng vậy. Phạm Dự\n";
        let c = clean(text);
        assert_eq!(c.title.as_deref(), Some("Tin A"));
        assert_eq!(c.source.as_deref(), Some("VnExpress"));
        assert_eq!(c.published.as_deref(), Some("2023-12-13T09:11"));
        assert_eq!(c.url.as_deref(), Some("https://x.vn/a"));
        assert_eq!(c.author.as_deref(), Some("Huyền Lê"));
        assert_eq!(c.tags, ["a", "b"]);
        assert_eq!(
            body_texts(&c),
            [
                (
                    BlockKind::Paragraph,
                    "Câu đầu của bài viết dài đủ để là một câu văn."
                ),
                (BlockKind::Paragraph, "Câu hai cũng vậy."),
            ]
        );
        assert!(c.header.iter().any(|l| l.starts_with("Title:")));
        assert!(c.removed.iter().any(|r| r == "Hà Nội"));
        assert!(c.removed.iter().any(|r| r == "Phạm Dự"));
    }

    #[test]
    fn header_dates_in_their_vietnamese_forms() {
        let cases = [
            (
                "Thứ tư, 13/12/2023, 09:11 (GMT+7)",
                Some("2023-12-13T09:11"),
            ),
            ("13-12-2023", Some("2023-12-13")),
            ("13 tháng 12 năm 2023", Some("2023-12-13")),
            ("2023-12-13T09:11:00+07:00", Some("2023-12-13T09:11")),
            ("Ngày đăng : 06:48, 26/05/2010", Some("2010-05-26T06:48")),
            ("N/A", None),
            ("không rõ", None),
        ];
        for (value, want) in cases {
            assert_eq!(header_date(value).as_deref(), want, "{value:?}");
        }
    }

    #[test]
    fn a_file_that_is_only_a_header_has_no_body() {
        let c = clean("Title: Chỉ có tiêu đề\nSource: Báo A\n");
        assert_eq!(c.title.as_deref(), Some("Chỉ có tiêu đề"));
        assert!(c.body.is_empty());
    }
}
