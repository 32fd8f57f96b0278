//! Structured inputs: HTML pages saved from news sites, and JSON or JSON Lines records. Each
//! becomes plain article text, one block a line, plus the metadata the format states outright;
//! the text then goes through the same sanitising and cleaning as a `.txt` file.

use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

/// How a file is read, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    JsonLines,
}

/// File name endings docbao reads when it walks a folder.
pub const EXTENSIONS: &[&str] = &["txt", "html", "htm", "xhtml", "json", "jsonl", "ndjson"];

impl Format {
    pub fn of(path: &str) -> Format {
        let ext = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => Format::Text,
        }
    }
}

/// An article as a structured format gives it, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Article text, one block a line.
    pub text: String,
    pub title: Option<String>,
    /// As the source wrote it; normalised later.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "menu", "dialog", "object", "canvas", "video", "audio",
];

/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "center",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

/// An HTML page to a record: the article element's text (or the body's) without navigation,
/// scripts and the like; the headline from `<h1>` or `<title>`; the date from the page's meta
/// data or a `<time>` element.
pub fn html_record(html: &str) -> Record {
    // The HTML parser slows to a crawl on absurdly deep nesting (its cost grows with the depth
    // of open elements); no real page nests that deep, so such a page is read as bare text.
    if max_nesting(html) > MAX_NESTING {
        return Record {
            text: crude_text(html),
            ..Record::default()
        };
    }
    let doc = Html::parse_document(html);
    let text_of = |e: ElementRef| collapse(&e.text().collect::<String>());
    let h1 = doc
        .select(&selector("h1"))
        .map(text_of)
        .find(|t| !t.is_empty());
    let title = h1.clone().or_else(|| {
        doc.select(&selector("title"))
            .map(text_of)
            .find(|t| !t.is_empty())
            .map(|t| strip_site_name(&t))
    });
    let meta = |css: &str| {
        doc.select(&selector(css))
            .filter_map(|e| e.value().attr("content"))
            .map(str::trim)
            .find(|c| !c.is_empty())
            .map(str::to_owned)
    };
    let published = meta(r#"meta[property="article:published_time"]"#)
        .or_else(|| meta(r#"meta[itemprop="datePublished"]"#))
        .or_else(|| meta(r#"meta[name="pubdate"]"#))
        .or_else(|| meta(r#"meta[name="publishdate"]"#))
        .or_else(|| meta(r#"meta[name="date"]"#))
        .or_else(|| {
            doc.select(&selector("time[datetime]"))
                .filter_map(|e| e.value().attr("datetime"))
                .map(|d| d.trim().to_owned())
                .find(|d| !d.is_empty())
        });
    let source = meta(r#"meta[property="og:site_name"]"#);
    let url = meta(r#"meta[property="og:url"]"#).or_else(|| {
        doc.select(&selector(r#"link[rel="canonical"]"#))
            .filter_map(|e| e.value().attr("href"))
            .map(str::to_owned)
            .next()
    });
    let root = doc
        .select(&selector("article"))
        .max_by_key(|e| e.text().map(str::len).sum::<usize>())
        .or_else(|| doc.select(&selector("main")).next())
        .or_else(|| doc.select(&selector("body")).next())
        .unwrap_or_else(|| doc.root_element());
    let mut blocks = Vec::new();
    let mut current = String::new();
    walk(root, &mut blocks, &mut current, 0);
    flush(&mut blocks, &mut current, "");
    // The headline is the record's title, not a paragraph of its text.
    if let Some(h) = &h1 {
        if let Some(at) = blocks.iter().position(|b| b == h) {
            blocks.remove(at);
        }
    }
    Record {
        text: blocks.join("\n\n"),
        title,
        published,
        source,
        url,
    }
}

/// Nesting deeper than this is not parsed as HTML: no page needs it.
const MAX_NESTING: usize = 512;

/// Elements that never hold content, so never deepen the nesting.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// How deep the page's tags nest, by a linear scan of its tags (an estimate: enough to tell a
/// page from a trap).
fn max_nesting(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        i += at + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = b[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |n| i + n);
                let name = html[i..name_end].to_ascii_lowercase();
                let close = b[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |n| i + n);
                let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// Text with every tag taken out and the common entities decoded: the fallback for pages the
/// parser should not be given.
fn crude_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push('\n');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn walk(e: ElementRef, blocks: &mut Vec<String>, current: &mut String, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(el) => {
                let name = el.name();
                if SKIPPED.contains(&name) || el.attr("hidden").is_some() {
                    continue;
                }
                if name == "br" {
                    flush(blocks, current, "");
                    continue;
                }
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if BLOCKS.contains(&name) {
                    flush(blocks, current, "");
                    walk(child, blocks, current, depth + 1);
                    // A list item reads as a bullet; a caption is marked as the sites mark it.
                    match name {
                        "li" => flush(blocks, current, "• "),
                        "figcaption" => {
                            let caption = collapse(current);
                            current.clear();
                            if !caption.is_empty() {
                                blocks.push(format!("{caption} |"));
                            }
                        }
                        _ => flush(blocks, current, ""),
                    }
                } else {
                    walk(child, blocks, current, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn flush(blocks: &mut Vec<String>, current: &mut String, prefix: &str) {
    let text = collapse(current);
    current.clear();
    if !text.is_empty() {
        blocks.push(format!("{prefix}{text}"));
    }
}

/// Runs of white space (new lines included) to one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Headline - Báo Tuổi Trẻ" → "Headline": a short site name after the last separator goes.
fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.chars().count() <= 30 && head.chars().count() >= tail.chars().count() {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// The records of a `.json` file (an object, an array of objects, or an object holding one
/// under "articles", "items" or "data") or of a `.jsonl` file (an object a line). A record that
/// cannot be read is a warning naming where it is; the others are kept.
pub fn json_records(text: &str, lines: bool) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    if lines {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(v) => match record_of(&v) {
                    Some(r) => records.push(r),
                    None => {
                        warnings.push(format!("line {}: no title or text in the record", n + 1));
                    }
                },
                Err(e) => warnings.push(format!("line {}: not JSON ({e})", n + 1)),
            }
        }
        return (records, warnings);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) => {
            let list = match &v {
                Value::Array(items) => items.as_slice(),
                Value::Object(map) => ["articles", "items", "data", "records"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(Value::as_array))
                    .map_or(std::slice::from_ref(&v), Vec::as_slice),
                _ => &[],
            };
            for (n, item) in list.iter().enumerate() {
                match record_of(item) {
                    Some(r) => records.push(r),
                    None => warnings.push(format!("record {}: no title or text in it", n + 1)),
                }
            }
        }
        Err(e) => warnings.push(format!("not JSON ({e})")),
    }
    (records, warnings)
}

fn record_of(v: &Value) -> Option<Record> {
    let obj = v.as_object()?;
    let field = |names: &[&str]| {
        names.iter().find_map(|n| match obj.get(*n) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Some(Value::Array(parts)) => {
                let parts: Vec<&str> = parts.iter().filter_map(Value::as_str).collect();
                (!parts.is_empty()).then(|| parts.join("\n\n"))
            }
            _ => None,
        })
    };
    let title = field(&["title", "headline"]);
    let text = field(&["body", "text", "content", "article"]);
    if title.is_none() && text.is_none() {
        return None;
    }
    Some(Record {
        text: text.unwrap_or_default(),
        title,
        published: field(&[
            "published",
            "date",
            "published_at",
            "publishedAt",
            "time",
            "datePublished",
        ]),
        source: field(&["source", "site", "publisher"]),
        url: field(&["url", "link"]),
    })
}

/// A date as a source states it, to ISO 8601: "2025-08-16T10:00:00+07:00" → "2025-08-16T10:00".
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    if digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
    {
        if matches!(b.get(10), Some(b'T' | b' '))
            && digits(11..13)
            && b.get(13) == Some(&b':')
            && digits(14..16)
        {
            return Some(format!("{}T{}", &s[..10], &s[11..16]));
        }
        return Some(s[..10].to_owned());
    }
    super::parse_dateline(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of("a/b.HTML"), Format::Html);
        assert_eq!(Format::of("x.jsonl"), Format::JsonLines);
        assert_eq!(Format::of("x.json"), Format::Json);
        assert_eq!(Format::of("x.txt"), Format::Text);
        assert_eq!(Format::of("noext"), Format::Text);
    }

    #[test]
    fn html_keeps_the_article_and_drops_the_furniture() {
        let html = r#"<!doctype html><html><head><title>Hà Nội mưa lớn - Báo Mẫu</title>
            <meta property="article:published_time" content="2025-08-16T10:05:00+07:00">
            <script>var x = "<p>không phải bài</p>";</script><style>p{}</style></head>
            <body><nav><a href="/">Trang chủ</a></nav><header>Đăng nhập</header>
            <article><h1>Hà Nội mưa lớn</h1>
            <p>Sáng 16/8, <b>Hà Nội</b> có mưa&nbsp;lớn &amp; gió mạnh.</p>
            <figure><img src="a.jpg"><figcaption>Phố Huế ngập nước. Ảnh: TTXVN</figcaption></figure>
            <ul><li>Quận Hoàn Kiếm</li><li>Quận Ba Đình</li></ul>
            <p>Đoạn hai.<br>Dòng mới.</p></article>
            <aside>Tin liên quan</aside><footer>© Báo Mẫu</footer></body></html>"#;
        let r = html_record(html);
        assert_eq!(r.title.as_deref(), Some("Hà Nội mưa lớn"));
        assert_eq!(
            iso_date(r.published.as_deref().unwrap()).as_deref(),
            Some("2025-08-16T10:05")
        );
        let lines: Vec<&str> = r.text.split("\n\n").collect();
        assert_eq!(
            lines,
            [
                "Sáng 16/8, Hà Nội có mưa lớn & gió mạnh.",
                "Phố Huế ngập nước. Ảnh: TTXVN |",
                "• Quận Hoàn Kiếm",
                "• Quận Ba Đình",
                "Đoạn hai.",
                "Dòng mới.",
            ]
        );
    }

    #[test]
    fn title_without_h1_loses_the_site_name() {
        let r = html_record("<html><head><title>Tin chính | VnExpress</title></head><body><p>Nội dung.</p></body></html>");
        assert_eq!(r.title.as_deref(), Some("Tin chính"));
        assert_eq!(r.text, "Nội dung.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}chữ &amp; số{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(html_record(&html).text, "chữ & số");
        assert_eq!(max_nesting("<p>a<br>b<img src=x/><span>c</span></p>"), 2);
    }

    #[test]
    fn json_forms_and_bad_records() {
        let (r, w) = json_records(
            r#"{"title": "A", "body": ["x", "y"], "url": "http://a"}"#,
            false,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, "x\n\ny");
        assert!(w.is_empty());
        let (r, _) = json_records(r#"{"articles": [{"title": "A"}, {"text": "B"}]}"#, false);
        assert_eq!(r.len(), 2);
        let (r, w) = json_records(
            "{\"title\": \"A\", \"text\": \"t\"}\n{broken\n\n{\"x\": 1}\n",
            true,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(w.len(), 2);
        assert!(w[0].starts_with("line 2: not JSON"), "{w:?}");
        assert!(w[1].starts_with("line 4"), "{w:?}");
    }

    #[test]
    fn dates_to_iso() {
        assert_eq!(iso_date("2025-08-16").as_deref(), Some("2025-08-16"));
        assert_eq!(
            iso_date("2025-08-16 07:30:00").as_deref(),
            Some("2025-08-16T07:30")
        );
        assert_eq!(iso_date("hôm qua"), None);
    }
}
