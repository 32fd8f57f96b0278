//! The header that scrapers and static-site tools put before an article: a block of
//! `Key: value` lines (English or Vietnamese keys, the text under `Content:`), YAML front
//! matter between `---` lines, or a Markdown `# Title`. Its fields become the article's
//! metadata and its lines never show as body text.

use crate::text::fold;

/// What a header says, and where the article's text starts after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    /// The date as written; the caller reads it.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// Keys docbao has no field for, with their values, in order.
    pub other: Vec<(String, String)>,
    /// The header's lines as they stand in the file (the text under a `Content:` key apart).
    pub lines: Vec<String>,
}

/// A field a header key fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Published,
    Source,
    Url,
    Author,
    Tags,
    Summary,
    Content,
}

/// Header keys, folded (lower case, no tone marks, đ → d), and the field each fills.
const KEYS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("headline", Field::Title),
    ("tieu de", Field::Title),
    ("ten bai", Field::Title),
    ("published date", Field::Published),
    ("published", Field::Published),
    ("publish date", Field::Published),
    ("date published", Field::Published),
    ("pubdate", Field::Published),
    ("date", Field::Published),
    ("datetime", Field::Published),
    ("time", Field::Published),
    ("created", Field::Published),
    ("ngay dang", Field::Published),
    ("ngay xuat ban", Field::Published),
    ("ngay dang tai", Field::Published),
    ("ngay", Field::Published),
    ("thoi gian", Field::Published),
    ("thoi gian dang", Field::Published),
    ("source", Field::Source),
    ("publisher", Field::Source),
    ("site", Field::Source),
    ("site name", Field::Source),
    ("nguon", Field::Source),
    ("nguon tin", Field::Source),
    ("bao", Field::Source),
    ("link", Field::Url),
    ("url", Field::Url),
    ("source url", Field::Url),
    ("permalink", Field::Url),
    ("canonical", Field::Url),
    ("duong dan", Field::Url),
    ("lien ket", Field::Url),
    ("author", Field::Author),
    ("authors", Field::Author),
    ("byline", Field::Author),
    ("tac gia", Field::Author),
    ("but danh", Field::Author),
    ("phong vien", Field::Author),
    ("tags", Field::Tags),
    ("tag", Field::Tags),
    ("keywords", Field::Tags),
    ("tu khoa", Field::Tags),
    ("the", Field::Tags),
    ("summary", Field::Summary),
    ("description", Field::Summary),
    ("abstract", Field::Summary),
    ("lead", Field::Summary),
    ("sapo", Field::Summary),
    ("tom tat", Field::Summary),
    ("mo ta", Field::Summary),
    ("gioi thieu", Field::Summary),
    ("content", Field::Content),
    ("body", Field::Content),
    ("text", Field::Content),
    ("article", Field::Content),
    ("noi dung", Field::Content),
    ("noi dung bai viet", Field::Content),
    ("bai viet", Field::Content),
];

/// A key of a `Key: value` line: a few words of letters, at the line's start.
const MAX_KEY_CHARS: usize = 32;

fn field_of(key: &str) -> Option<Field> {
    let folded = fold(key.trim());
    let folded = folded.trim_matches(|c: char| c == '_' || c == '-' || c.is_whitespace());
    let folded = folded.replace(['_', '-'], " ");
    KEYS.iter().find(|(k, _)| *k == folded).map(|&(_, f)| f)
}

/// The key and value of a `Key: value` line, if its start looks like a key: one to four words
/// of letters (digits after the first letter allowed), then a colon.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line
        .char_indices()
        .take(MAX_KEY_CHARS + 1)
        .find(|&(_, c)| c == ':')?
        .0;
    let key = line[..colon].trim_end();
    let first = key.chars().next()?;
    let words = key.split_whitespace().count();
    let shape = first.is_alphabetic()
        && (1..=4).contains(&words)
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '_' || c == '-');
    // "https://..." is a value, not a key.
    let value = &line[colon + 1..];
    (shape && !value.starts_with("//")).then(|| (key, value.trim()))
}

/// Where a `Key: value` line's value starts.
fn value_offset(line: &str) -> usize {
    let colon = line.find(':').map_or(line.len(), |c| c + 1);
    colon + (line[colon..].len() - line[colon..].trim_start().len())
}

/// Reads the header at the top of `text`, if it has one; gives it and the article's text.
pub fn split(text: &str) -> (Option<Header>, std::borrow::Cow<'_, str>) {
    let start = text.len() - text.trim_start().len();
    let top = &text[start..];
    if let Some((Some(mut header), rest)) = front_matter(top) {
        // A Markdown title under the front matter is the headline, or repeats it.
        let after = rest.trim_start();
        if let Some((Some(md), body)) = markdown_title(after) {
            header.lines.extend(md.lines);
            header.title = header.title.or(md.title);
            let start = rest.len() - after.len() + (after.len() - body.len());
            return (
                Some(header),
                std::borrow::Cow::Owned(rest[start..].to_owned()),
            );
        }
        return (Some(header), rest);
    }
    if let Some(found) = key_block(top) {
        return found;
    }
    if let Some(found) = markdown_title(top) {
        return found;
    }
    (None, std::borrow::Cow::Borrowed(text))
}

/// YAML front matter: `---`, `key: value` lines, `---` (or `...`).
fn front_matter(top: &str) -> Option<(Option<Header>, std::borrow::Cow<'_, str>)> {
    let mut lines = top.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut header = Header {
        lines: vec!["---".to_owned()],
        ..Header::default()
    };
    let mut at = top.find('\n')? + 1;
    // A list under a key ("tags:" then "- a" lines) belongs to that key.
    let mut last: Option<Field> = None;
    for (n, line) in lines.enumerate() {
        at += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            header.lines.push(trimmed.to_owned());
            return Some((Some(header), std::borrow::Cow::Borrowed(&top[at..])));
        }
        // Front matter is short; a long run without its end is not front matter.
        if n > 200 {
            return None;
        }
        header.lines.push(trimmed.to_owned());
        if let Some(item) = trimmed.trim_start().strip_prefix("- ") {
            if last == Some(Field::Tags) {
                header.tags.push(unquote(item).to_owned());
            }
            continue;
        }
        let Some((key, value)) = key_value(trimmed) else {
            continue;
        };
        last = field_of(key);
        let value = unquote(value);
        match last {
            Some(Field::Tags) if value.starts_with('[') => {
                header.tags = list(value.trim_matches(['[', ']']));
            }
            Some(field) => header.set(field, key, value),
            None => header.other.push((key.to_owned(), value.to_owned())),
        }
    }
    None
}

/// A block of `Key: value` lines at the top, with at least two keys docbao knows; the text is
/// the value of its `Content:` key and what follows, or what follows the block.
fn key_block(top: &str) -> Option<(Option<Header>, std::borrow::Cow<'_, str>)> {
    let mut header = Header::default();
    let mut known = 0;
    let mut at = 0;
    let mut pending: Vec<(&str, &str)> = Vec::new();
    for line in top.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            at += line.len();
            continue;
        }
        let Some((key, value)) = key_value(trimmed) else {
            break;
        };
        let field = field_of(key);
        if field.is_some() {
            known += 1;
        } else if known == 0 && pending.len() >= 2 {
            // Two unknown keys before any known one: this is text, not a header.
            return None;
        }
        if field == Some(Field::Content) {
            if known < 2 {
                return None;
            }
            header.lines.push(format!("{key}:"));
            header.apply(&pending);
            // Where the value starts in `top`: after the line's indent, the key and the colon.
            let indent = line.len() - line.trim_start().len();
            let value_at = if value.is_empty() {
                at + line.len()
            } else {
                at + indent + value_offset(trimmed)
            };
            let rest = &top[value_at.min(top.len())..];
            return Some((Some(header), std::borrow::Cow::Borrowed(rest)));
        }
        header.lines.push(trimmed.to_owned());
        pending.push((key, value));
        at += line.len();
    }
    if known < 2 || pending.is_empty() {
        return None;
    }
    header.apply(&pending);
    Some((
        Some(header),
        std::borrow::Cow::Borrowed(&top[at.min(top.len())..]),
    ))
}

/// A Markdown title, `# Title`, on the first line.
fn markdown_title(top: &str) -> Option<(Option<Header>, std::borrow::Cow<'_, str>)> {
    let first = top.lines().next()?;
    let title = first.strip_prefix("# ")?.trim();
    if title.is_empty() {
        return None;
    }
    let header = Header {
        title: Some(title.to_owned()),
        lines: vec![first.trim_end().to_owned()],
        ..Header::default()
    };
    let rest = &top[first.len().min(top.len())..];
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    Some((Some(header), std::borrow::Cow::Borrowed(rest)))
}

impl Header {
    fn apply(&mut self, pairs: &[(&str, &str)]) {
        for &(key, value) in pairs {
            match field_of(key) {
                Some(field) => self.set(field, key, value),
                None => self.other.push((key.to_owned(), value.to_owned())),
            }
        }
    }

    /// Fills `field` with `value`, unless it is empty or says it is not known ("N/A").
    fn set(&mut self, field: Field, key: &str, value: &str) {
        let value = value.trim();
        if is_nothing(value) {
            return;
        }
        let slot = match field {
            Field::Title => &mut self.title,
            Field::Published => &mut self.published,
            Field::Source => &mut self.source,
            Field::Url => &mut self.url,
            Field::Author => &mut self.author,
            Field::Summary => &mut self.summary,
            Field::Tags => {
                if self.tags.is_empty() {
                    self.tags = list(value);
                }
                return;
            }
            Field::Content => {
                self.other.push((key.to_owned(), value.to_owned()));
                return;
            }
        };
        if slot.is_none() {
            *slot = Some(value.to_owned());
        }
    }
}

/// Values that mean no value.
fn is_nothing(value: &str) -> bool {
    let folded = fold(value);
    value.is_empty()
        || matches!(
            folded.as_str(),
            "n/a" | "na" | "none" | "null" | "nil" | "-" | "--" | "unknown" | "khong ro"
        )
}

/// `a, b; c` → `a`, `b` and `c`.
fn list(value: &str) -> Vec<String> {
    value
        .split([',', ';', '|'])
        .map(|t| unquote(t.trim()).trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// A site's name after a title's last separator: "Tin A - VnExpress", "Tin B | Báo Mới",
/// "Tin C - tuoitre.vn". Only what looks like a site's name counts, so that "Israel - Hamas"
/// or "Blazer - chiếc áo tôn dáng" keep their second half.
pub fn site_suffix(title: &str) -> Option<(&str, &str)> {
    for sep in [" | ", " - ", " – ", " — "] {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let tail = tail.trim();
        if head.trim().is_empty() || tail.chars().count() > 40 {
            continue;
        }
        if looks_like_site(tail, sep == " | ") {
            return Some((head.trim(), tail));
        }
    }
    None
}

fn looks_like_site(name: &str, after_bar: bool) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    let domain = name.contains('.')
        && name.rsplit('.').next().is_some_and(|tld| {
            (2..=4).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        });
    let folded = fold(name);
    let outlet_word = [
        "bao ",
        "tap chi ",
        "dai ",
        "kenh ",
        "cong thong tin",
        "truyen hinh",
    ]
    .iter()
    .any(|w| folded.starts_with(w))
        || ["online", "news", "plus", "tv", "net", "express", "vn"]
            .iter()
            .any(|w| folded.ends_with(w));
    // A name written with a capital inside a word: VnExpress, VietnamPlus, ZingNews; perhaps
    // with the section after it ("VnExpress Đời sống").
    let camel = words.first().is_some_and(|w| {
        w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase)
    });
    domain
        || (camel && words.len() <= 4)
        || (capitalised && words.len() <= 5 && (after_bar || outlet_word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_block_gives_its_fields_and_the_content() {
        let text = "Title: Tin A - VnExpress\nSource: VnExpress\nLink: https://x.vn/a.html\n\
                    Published Date: Thứ tư, 13/12/2023, 09:11 (GMT+7)\nAuthor: Huyền Lê\n\
                    Tags: Hamas, con tin\nSummary: Tóm tắt...\nCategory: Thế giới\n\
                    Content: Câu đầu. Câu hai.\nĐoạn hai: còn nữa.\n";
        let (header, body) = split(text);
        let header = header.expect("a header");
        assert_eq!(header.title.as_deref(), Some("Tin A - VnExpress"));
        assert_eq!(header.source.as_deref(), Some("VnExpress"));
        assert_eq!(header.url.as_deref(), Some("https://x.vn/a.html"));
        assert_eq!(
            header.published.as_deref(),
            Some("Thứ tư, 13/12/2023, 09:11 (GMT+7)")
        );
        assert_eq!(header.author.as_deref(), Some("Huyền Lê"));
        assert_eq!(header.tags, ["Hamas", "con tin"]);
        assert_eq!(header.summary.as_deref(), Some("Tóm tắt..."));
        assert_eq!(
            header.other,
            [("Category".to_owned(), "Thế giới".to_owned())]
        );
        assert_eq!(body, "Câu đầu. Câu hai.\nĐoạn hai: còn nữa.\n");
        assert!(header.lines.iter().all(|l| !l.contains("Câu đầu")));
    }

    #[test]
    fn vietnamese_keys_and_na_values() {
        let text = "Tiêu đề: Tin B\nNguồn: Báo Mới\nNgày đăng: N/A\nNội dung:\nThân bài.\n";
        let (header, body) = split(text);
        let header = header.expect("a header");
        assert_eq!(header.title.as_deref(), Some("Tin B"));
        assert_eq!(header.source.as_deref(), Some("Báo Mới"));
        assert_eq!(header.published, None);
        assert_eq!(body.trim(), "Thân bài.");
    }

    #[test]
    fn front_matter_and_markdown_titles() {
        let text =
            "---\ntitle: \"Tin C\"\ndate: 2024-02-18\ntags:\n  - a\n  - b\n---\n# Tin C\nThân.\n";
        let (header, body) = split(text);
        let header = header.expect("front matter");
        assert_eq!(header.title.as_deref(), Some("Tin C"));
        assert_eq!(header.published.as_deref(), Some("2024-02-18"));
        assert_eq!(header.tags, ["a", "b"]);
        assert_eq!(body, "Thân.\n");
        let (header, body) = split("# Tin D\n\nThân.\n");
        assert_eq!(header.expect("a title").title.as_deref(), Some("Tin D"));
        assert_eq!(body.trim(), "Thân.");
    }

    #[test]
    fn text_that_only_looks_like_keys_is_not_a_header() {
        for text in [
            "Hà Nội: Chủ tịch nước dự lễ khai bút.\nNội dung khác.\n",
            "Ông A: tôi không biết.\nBà B: tôi cũng vậy.\nÔng A: thế thì thôi.\n",
            "---\nmột dòng\n",
            "Title only, no colon\n",
            "Link: https://x.vn\n",
        ] {
            assert_eq!(split(text).0, None, "{text:?}");
        }
    }

    #[test]
    fn site_names_after_titles() {
        let cases = [
            ("Tin A - VnExpress", Some(("Tin A", "VnExpress"))),
            ("Tin B | Báo Mới", Some(("Tin B", "Báo Mới"))),
            ("Tin C - tuoitre.vn", Some(("Tin C", "tuoitre.vn"))),
            ("Tin D - Báo Thanh Niên", Some(("Tin D", "Báo Thanh Niên"))),
            (
                "Tin E - VnExpress Đời sống",
                Some(("Tin E", "VnExpress Đời sống")),
            ),
            (
                "Hết thời 'cò đất' - Tạp Chí Tài Chính",
                Some(("Hết thời 'cò đất'", "Tạp Chí Tài Chính")),
            ),
            ("Israel - Hamas", None),
            ("Blazer đồng hồ cát - chiếc áo tôn mọi vóc dáng", None),
            ("Không có dấu gạch", None),
        ];
        for (title, want) in cases {
            assert_eq!(site_suffix(title), want, "{title:?}");
        }
    }
}
