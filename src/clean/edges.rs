//! The two ends of an article, sentence by sentence: scraped pages often run the page's top
//! (weather, time stamps, log-in prompts, section names, the headline again, the lead photo's
//! caption) and its bottom (photo credits, bylines, source links, reader appeals, the site's
//! footer) into the first and last paragraphs. What is taken off is listed as removed; photo
//! captions become caption blocks.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::{parse_dateline, Block, BlockKind, Cleaned};
use crate::text::fold;

/// Sentences (and the fragments between them) of a paragraph, as byte ranges. A sentence ends
/// at . ! ? or … (with the quotes and brackets closing it) before a space and a capital, a digit
/// or a quote; ">>Bài viết…" opens a fragment of its own even without a full stop before it.
fn fragments(text: &str) -> Vec<(usize, usize)> {
    fragments_upto(text, usize::MAX)
}

/// The first `most` fragments of `text` (the last running to its end).
fn fragments_upto(text: &str, most: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() && out.len() + 1 < most {
        let b = bytes[i];
        let ends = match b {
            b'.' | b'!' | b'?' => Some(i + 1),
            // "…" is E2 80 A6.
            0xE2 if bytes[i..].starts_with("…".as_bytes()) => Some(i + 3),
            b' ' if bytes[i + 1..].starts_with(b">>") && i > start => {
                out.push((start, i));
                start = i + 1;
                i += 3;
                continue;
            }
            _ => None,
        };
        let Some(mut end) = ends else {
            i += 1;
            continue;
        };
        // Closing quotes and brackets go with the sentence they close.
        while let Some(q) = text[end..].chars().next() {
            if matches!(q, '"' | '”' | '’' | ')' | '»') {
                end += q.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        if !matches!(bytes.get(end), Some(b' ')) && !text[end..].starts_with('\u{A0}') {
            continue;
        }
        let next = text[end..].trim_start();
        let opens = next
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“'(>«".contains(n));
        if opens && !(b == b'.' && abbreviation(&text[start..end - 1])) {
            out.push((start, end));
            start = text.len() - next.len();
            i = start;
        }
    }
    out.push((start, text.len()));
    out.retain(|&(s, e)| !text[s..e].trim().is_empty());
    out
}

/// "TP.", "Q.", "TS.", "Tp." before a full stop: an abbreviation, not a sentence's end. Words
/// of the language ("Huế.", "Nội.", "Anh.") end sentences.
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    super::glue::abbreviation(word)
}

/// Takes the clutter off both ends of `out`'s body. `title` is the headline, when known.
pub fn trim(out: &mut Cleaned, title: Option<&str>) {
    trim_start(out, title);
    trim_end(out);
}

fn trim_start(out: &mut Cleaned, title: Option<&str>) {
    let title = title.map(|t| letters(&fold(t)));
    let mut first = 0;
    while first < out.body.len() {
        let block = &out.body[first];
        if block.kind == BlockKind::Caption {
            first += 1;
            continue;
        }
        let text = block.text.clone();
        // The headline again, on a line of its own.
        if title.as_deref().is_some_and(|t| {
            !t.is_empty() && text.len() <= 4 * t.len() + 16 && letters(&fold(&text)) == t
        }) {
            out.removed.push(text);
            out.body.remove(first);
            continue;
        }
        // A dateline's place, parted from the lead ("Hà Nội", "Thừa Thiên - Huế").
        if first + 1 < out.body.len() && is_place_line(&text) {
            out.removed.push(text);
            out.body.remove(first);
            continue;
        }
        let (rest, taken, captions) = peel_start(&text, title.as_deref(), out);
        let emptied = rest.is_empty();
        if emptied {
            out.body.remove(first);
        } else if taken {
            out.body[first].text = rest;
        }
        let found = captions.len();
        for (n, c) in captions.into_iter().enumerate() {
            out.body.insert(first + n, caption(&c));
        }
        if !emptied {
            break;
        }
        first += found;
    }
}

/// Takes the page's top off the start of `text`: gives what is left, whether anything was
/// taken (pushed to `out.removed`), and the captions found.
fn peel_start(text: &str, title: Option<&str>, out: &mut Cleaned) -> (String, bool, Vec<String>) {
    static WEATHER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Lu}[\p{L}. ]{0,30}?\s*-?\d{1,2}(?:[.,]\d)?\s*°\s*[CF]?\s*").expect("regex")
    });
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?
            \d{1,2}/\d{1,2}/\d{4}(?:\s*[|,\-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?\s*GMT\s*[+\-]\s*\d{1,2}\s*\)?)?\s*[|\-]?\s*",
        )
        .expect("regex")
    });
    let mut rest = text.trim();
    let mut taken = false;
    let mut captions = Vec::new();
    for _ in 0..8 {
        let before = rest;
        if let Some(m) = WEATHER.find(rest).or_else(|| STAMP.find(rest)) {
            let piece = m.as_str().trim();
            // A header's date, or its saying it has none, wins over a stamp in the text.
            if out.published.is_none() && out.header.is_empty() {
                out.published = parse_dateline(piece.trim_end_matches(['|', '-']).trim());
            }
            out.removed.push(piece.to_owned());
            rest = rest[m.end()..].trim_start();
        } else if let Some(n) = page_word(rest) {
            out.removed.push(rest[..n].trim().to_owned());
            rest = rest[n..].trim_start_matches([' ', '-', '>', '»', '|', '/']);
        } else if let Some(t) = title.filter(|t| !t.is_empty()) {
            // The headline run into the lead.
            if let Some(n) = prefix_matching(rest, t) {
                out.removed.push(rest[..n].trim().to_owned());
                rest = rest[n..].trim_start();
            }
        }
        if rest == before {
            // A lead photo: "Video: …" or a short sentence under "Ảnh: Name."
            let parts = fragments_upto(rest, 3);
            let Some(&(s0, e0)) = parts.first() else {
                break;
            };
            let first = rest[s0..e0].trim();
            if media_label(first).is_some() && parts.len() > 1 {
                out.removed.push(first.to_owned());
                rest = rest[parts[1].0..].trim_start();
            } else if let Some(&(s1, e1)) = parts.get(1) {
                let second = rest[s1..e1].trim();
                if words(first) <= 25 && is_credit(second) && parts.len() > 2 {
                    captions.push(first.to_owned());
                    out.removed.push(second.to_owned());
                    rest = rest[parts[2].0..].trim_start();
                }
            }
        }
        if rest == before {
            break;
        }
        taken = true;
    }
    (rest.to_owned(), taken, captions)
}

/// How many bytes of `text` a prompt or section name at its start takes, when a capitalised
/// word (the article) follows it: "Thông báo Trước khi…", "Tin tức Hiện trường…".
fn page_word(text: &str) -> Option<usize> {
    const WORDS: &[&str] = &[
        "tai khoan chua duoc xac minh",
        "ban chua dang nhap",
        "dang nhap",
        "dang ky",
        "thong bao",
        "tin tuc",
        "tin moi",
        "trang chu",
        "thoi su",
        "the gioi",
        "kinh doanh",
        "giai tri",
        "the thao",
        "phap luat",
        "giao duc",
        "suc khoe",
        "doi song",
        "du lich",
        "khoa hoc",
        "so hoa",
        "y kien",
        "tam su",
        "xa hoi",
        "van hoa",
        "cong nghe",
        "chinh tri",
        "quoc te",
        "kinh te",
        "doi ngoai",
        "bat dong san",
        "tai chinh",
    ];
    let head: String = text.chars().take(40).collect();
    let folded = fold(&head);
    WORDS.iter().find_map(|w| {
        let after = folded.strip_prefix(w)?;
        let rest = after.trim_start_matches([' ', '-', '>', '»', '|', '/']);
        // The fold keeps one char for one, so char counts carry over.
        let n: usize = text
            .chars()
            .take(w.chars().count())
            .map(char::len_utf8)
            .sum();
        let next = text[n..]
            .trim_start_matches([' ', '-', '>', '»', '|', '/'])
            .chars()
            .next()?;
        let separated = after.len() != rest.len();
        (separated && next.is_uppercase() && text.len() - n >= 40).then_some(n)
    })
}

/// The bytes of `text` that spell `title` (as folded letters), when `text` opens with it.
fn prefix_matching(text: &str, title: &str) -> Option<usize> {
    let mut want = title.chars().peekable();
    for (at, c) in text.char_indices() {
        if want.peek().is_none() {
            return Some(at);
        }
        let f = crate::text::fold_char(c);
        if !f.is_alphanumeric() {
            continue;
        }
        if want.next() != Some(f) {
            return None;
        }
    }
    None
}

fn trim_end(out: &mut Cleaned) {
    cut_footer(out);
    let mut captions: Vec<Block> = Vec::new();
    while let Some(last) = out.body.iter().rposition(|b| b.kind != BlockKind::Caption) {
        let text = out.body[last].text.clone();
        let (kept, removed, found, source) = peel_end(&text);
        out.removed.extend(removed);
        if out.source.is_none() {
            out.source = source;
        }
        captions.extend(found.into_iter().rev().map(|c| caption(&c)));
        if kept.is_empty() {
            out.body.remove(last);
            continue;
        }
        let whole = kept.len() == text.len();
        out.body[last].text = kept;
        if whole {
            break;
        }
    }
    out.body.extend(captions.into_iter().rev());
}

/// The site's footer, a related-news list or an appeal to readers, starting anywhere in the
/// article's second half, ends it: that sentence and all after it are removed.
fn cut_footer(out: &mut Cleaned) {
    let total: usize = out.body.iter().map(|b| b.text.len()).sum();
    let mut before = 0;
    for n in 0..out.body.len() {
        let len = out.body[n].text.len();
        if out.body[n].kind == BlockKind::Caption || (before + len) * 2 < total {
            before += len;
            continue;
        }
        let text = &out.body[n].text;
        // Only the fragments from the article's half on are looked at: the first of them may
        // be the end of a sentence, which no footer is.
        let mut from = (total / 2).saturating_sub(before).min(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        if !has_footer_words(&text[from..]) {
            before += len;
            continue;
        }
        let found = fragments(&text[from..])
            .into_iter()
            .map(|(s, e)| (from + s, from + e))
            .find(|&(s, _)| {
                (before + s) * 2 >= total && (s > 0 || n > 0) && is_footer(head(&text[s..], 80))
            });
        if let Some((s, _)) = found {
            let tail: Vec<Block> = out.body.drain(n + 1..).collect();
            let text = &mut out.body[n].text;
            out.removed.push(text[s..].trim().to_owned());
            text.truncate(s);
            let kept = text.trim_end().len();
            text.truncate(kept);
            if text.is_empty() {
                out.body.remove(n);
            }
            out.removed.extend(tail.into_iter().map(|b| b.text));
            return;
        }
        before += len;
    }
}

/// What `peel_end` gives: the text kept, what was removed, the photo captions found (last
/// first), and the source the end credits.
type Peeled = (String, Vec<String>, Vec<String>, Option<String>);

/// Takes the page's bottom off the end of the last paragraph.
fn peel_end(text: &str) -> Peeled {
    // The end's clutter is a few short fragments: the last few hundred bytes mostly hold them.
    // Only when all of a window's fragments but its first (perhaps cut) one were peeled is a
    // larger one looked at.
    for window in [512, 4096, usize::MAX] {
        let mut from = text.len().saturating_sub(window);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let (peeled, left) = peel_end_from(text, from);
        if from == 0 || left > 1 {
            return peeled;
        }
    }
    unreachable!("the last window holds the whole text")
}

/// `peel_end` over the fragments from byte `from` on; also gives how many of them were left
/// when it stopped (`usize::MAX` when it returned early, keeping the text before the
/// fragment it was at).
fn peel_end_from(text: &str, from: usize) -> (Peeled, usize) {
    let mut parts: Vec<(usize, usize)> = fragments(&text[from..])
        .into_iter()
        .map(|(s, e)| (from + s, from + e))
        .collect();
    let mut removed = Vec::new();
    let mut captions = Vec::new();
    let mut source = None;
    let mut credit_follows = false;
    while let Some(&(s, e)) = parts.last() {
        let mut f = text[s..e].trim().to_owned();
        let cut = strip_source_links(&f);
        if cut.len() != f.len() {
            removed.push(f[cut.len()..].trim().to_owned());
            f.truncate(cut.trim_end().len());
        }
        if let Some((at, name)) = credited_source(&f) {
            removed.push(f[at..].trim().to_owned());
            source.get_or_insert(name);
            let end = f[..at].trim_end().len();
            f.truncate(end);
            if !f.is_empty() {
                // The credit closes the article's last sentence: the rest is text.
                let start = parts[parts.len() - 1].0;
                let kept = format!("{}{}", &text[..start], f);
                removed.reverse();
                return (
                    (kept.trim().to_owned(), removed, captions, source),
                    usize::MAX,
                );
            }
        }
        if f.is_empty() {
            parts.pop();
            continue;
        }
        if is_credit(&f) {
            removed.push(f);
            credit_follows = true;
            parts.pop();
            continue;
        }
        if let Some((credit, rest)) = credit_then_caption(&f) {
            removed.push(credit.to_owned());
            if words(rest) > 15 {
                // Text after the credit: the article goes on to here.
                let kept_to = parts.len() - 1;
                let start = parts[kept_to].0;
                let mut kept = text[..start].trim_end().to_owned();
                if !kept.is_empty() {
                    kept.push(' ');
                }
                kept.push_str(rest);
                removed.reverse();
                return ((kept, removed, captions, source), usize::MAX);
            }
            captions.push(rest.to_owned());
            credit_follows = true;
            parts.pop();
            continue;
        }
        if credit_follows && words(&f) <= 15 && parts.len() > 1 {
            captions.push(f);
            credit_follows = false;
            parts.pop();
            continue;
        }
        if is_byline(&f) || is_outlet(&f) || is_disclaimer(&f) {
            if let Some(name) = f
                .strip_prefix("Theo ")
                .or_else(|| f.strip_prefix("Nguồn: "))
            {
                source.get_or_insert_with(|| name.trim_end_matches('.').trim().to_owned());
            }
            removed.push(f);
            credit_follows = false;
            parts.pop();
            continue;
        }
        break;
    }
    let kept = parts
        .last()
        .map_or(String::new(), |&(_, e)| text[..e].trim().to_owned());
    removed.reverse();
    ((kept, removed, captions, source), parts.len())
}

/// A source in brackets closing the text: "(TTXVN/Vietnam+)", "(Theo Reuters)", "(VOV)". Gives
/// where it starts and the source's name.
fn credited_source(f: &str) -> Option<(usize, String)> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\((?:[Tt]heo\s+)?(?P<name>\p{Lu}[\p{L}\p{N}./+&\- ]{1,38})\)\s*\.?$")
            .expect("regex")
    });
    let caps = CREDIT.captures(f)?;
    let name = caps.name("name")?.as_str().trim();
    let outlet = name.contains(['/', '+'])
        || name.contains(".vn")
        || name.contains(".com")
        || name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        || f[..caps.get(0)?.start()].is_empty()
        || caps.get(0)?.as_str().starts_with("(Theo")
        || caps.get(0)?.as_str().starts_with("(theo");
    (outlet && name.chars().count() >= 2)
        .then(|| (caps.get(0).map_or(0, |m| m.start()), name.to_owned()))
}

/// A photo, video or graphic credit label: "Ảnh", "Video", "Đồ hoạ"…
fn media_label(f: &str) -> Option<usize> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:ảnh(?:\s+minh\s+h(?:ọa|oạ))?|nguồn\s+ảnh|video|clip|đồ\s+h(?:ọa|oạ)|infographic|thiết\s+kế)\s*:\s*")
            .expect("regex")
    });
    LABEL.find(f).map(|m| m.end())
}

/// "Ảnh: Hà Anh - Mekong ASEAN.", "Video: Trần Hoá", "Đồ hoạ: Khánh Hoàng": a credit alone.
fn is_credit(f: &str) -> bool {
    media_label(f).is_some_and(|n| {
        let name = f[n..].trim().trim_end_matches('.');
        !name.is_empty() && words(name) <= 8 && names_only(name)
    })
}

/// "Video: Trần Hoá Khu vực xảy ra tai nạn.": a credit run into the next caption. The credit's
/// name is the capitalised words after the label but the last, which opens the caption.
fn credit_then_caption(f: &str) -> Option<(&str, &str)> {
    let n = media_label(f)?;
    let rest = &f[n..];
    let mut capitalised = Vec::new();
    for (at, w) in word_starts(rest) {
        if w.chars().next().is_some_and(char::is_uppercase) {
            capitalised.push(at);
        } else {
            break;
        }
    }
    if capitalised.len() < 2 {
        return None;
    }
    // The sentence opens at a word that opens sentences ("Theo Vogue, …"), else at the last
    // capitalised word.
    let opener = capitalised[1..].iter().find(|&&at| {
        let word = rest[at..].split(' ').next().unwrap_or("");
        OPENERS.contains(&fold(word).as_str())
    });
    let cut = n + opener
        .copied()
        .unwrap_or(capitalised[capitalised.len() - 1]);
    let caption = f[cut..].trim();
    (words(caption) >= 2).then(|| (f[..cut].trim(), caption))
}

/// Words that open sentences and are not names.
const OPENERS: &[&str] = &[
    "theo", "trong", "tai", "sau", "khi", "voi", "tu", "ngoai", "nguoi", "cac", "nhung", "mot",
    "hai", "ba", "ong", "ba", "anh", "chi", "em", "day", "do", "nay", "luc", "ngay", "hom", "nam",
    "thang", "dong", "truoc", "tuy", "nhung", "con", "vi", "neu", "de", "o", "hien",
];

fn word_starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Trailing "Source link", "Link nguồn: URL", "Nguồn Báo X: URL", a bare URL, a lone "Nguồn":
/// gives `f` without them.
fn strip_source_links(f: &str) -> &str {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)(?:^|\s)(?:
                (?:link\s+nguồn|nguồn(?:\s+[\p{L}\p{N}.\ ]{1,40}?)?|source)\s*:\s*https?://\S+
                |source\s+link
                |link\s+nguồn\s*:?
                |nguồn\s*:?
                |https?://\S+
            )\s*$",
        )
        .expect("regex")
    });
    let mut f = f;
    while let Some(m) = TAIL.find(f) {
        if m.start() == f.len() {
            break;
        }
        f = &f[..m.start()];
    }
    f
}

/// Names alone: capitalised words (and a few joiners), as a byline or a credit writes them.
fn names_only(s: &str) -> bool {
    let mut names = 0;
    for w in s.split_whitespace() {
        let w = w.trim_matches([',', '.', ';']);
        if matches!(w, "-" | "–" | "—" | "/" | "và" | "&" | "") {
            continue;
        }
        if w.contains("://") {
            return false;
        }
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let site = w.contains('.') && w.chars().any(char::is_alphabetic);
        if !(capital || site) {
            return false;
        }
        names += 1;
    }
    names > 0
}

/// A byline: one or more names ("Phạm Dự", "Xuân Tùng - Hà Anh", "Phương Uyên (T/h)", "Theo Vi
/// Anh/Diendandoanhnghiep.vn", "Viết Tuân – Vnexpress.net").
fn is_byline(f: &str) -> bool {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\((?:t/h|th|tổng\s+hợp|theo\s+[^)]{1,40}|lược\s+dịch|dịch)\)\s*$")
            .expect("regex")
    });
    let f = f.trim().trim_end_matches('.');
    let f = NOTE.find(f).map_or(f, |m| &f[..m.start()]);
    let f = f
        .strip_prefix("Theo ")
        .or_else(|| f.strip_prefix("Bài và ảnh: "))
        .or_else(|| f.strip_prefix("Bài, ảnh: "))
        .unwrap_or(f);
    let n = words(f);
    (1..=10).contains(&n) && !f.ends_with([':', ',']) && names_only(f) && !f.contains(". ")
}

/// The outlet's name in capitals: "BÁO ĐIỆN TỬ VTC NEWS".
fn is_outlet(f: &str) -> bool {
    if !(2..=8).contains(&words(f)) {
        return false;
    }
    let mut letters = 0;
    f.chars().filter(|c| c.is_alphabetic()).all(|c| {
        letters += 1;
        c.is_uppercase()
    }) && letters >= 4
}

/// A note to readers from the site: ">>Bài viết không nhất thiết…", "Gửi bài tại đây."
fn is_disclaimer(f: &str) -> bool {
    let folded = fold(f);
    f.starts_with(">>")
        || f.starts_with('»')
        || folded.starts_with("gui bai tai day")
        || folded.starts_with("bai viet khong nhat thiet")
        || folded.starts_with("moi ban doc")
}

/// The words (folded) that open a site's footer, a related-news list or an appeal to readers.
const FOOTER_WORDS: &str = r"(?x)(?:
    binh\ luan\ \(\d+\)|hotline|duong\ day\ nong|lien\ he\ quang\ cao|tong\ bien\ tap\s*:
    |pho\ tong\ bien\ tap|giay\ phep(?:\ so)?\s*:|cam\ sao\ chep|chiu\ trach\ nhiem\ (?:noi\ dung|quan\ ly|xuat\ ban)
    |van\ hanh\ (?:va\ phat\ trien\ )?boi|thua\ quy\ doc\ gia|kinh\ gui\ quy\ doc\ gia|moi\ quy\ doc\ gia
    |tin\ lien\ quan|bai\ lien\ quan|tin\ cung\ chuyen\ muc|tin\ moi\ nhat|tin\ doc\ nhieu|xem\ nhieu\ nhat
    |so\ tai\ khoan|ban\ quyen|copyright|©|tru\ so\ (?:chinh|ha\ noi)|y\ kien\ ban\ doc
    |theo\ doi\ \S+\ tren|tai\ ung\ dung
)";

/// The first words of `FOOTER_WORDS` as written, for a search of the text itself.
const FOOTER_STARTS: &[&str] = &[
    "bình luận",
    "hotline",
    "đường dây nóng",
    "liên hệ quảng cáo",
    "tổng biên tập",
    "giấy phép",
    "cấm sao chép",
    "chịu trách nhiệm",
    "vận hành",
    "thưa quý",
    "kính gửi",
    "mời quý",
    "tin liên quan",
    "bài liên quan",
    "tin cùng",
    "tin mới nhất",
    "tin đọc nhiều",
    "xem nhiều",
    "số tài khoản",
    "bản quyền",
    "copyright",
    "©",
    "trụ sở",
    "ý kiến bạn đọc",
    "theo dõi",
    "tải ứng dụng",
];

/// Whether a footer's words may be in `text`: most paragraphs have none, and then none of
/// their sentences need be folded and looked at alone. A search of the text as written, in
/// lower case, capitalised, in capitals and without marks, so it never misses what the
/// folded `is_footer` would find.
fn has_footer_words(text: &str) -> bool {
    static STARTS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let mut forms: Vec<String> = Vec::new();
        for start in FOOTER_STARTS {
            let capitalised: String = start
                .split(' ')
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            for form in [
                start.to_string(),
                start.to_uppercase(),
                capitalised,
                fold(start),
            ] {
                forms.push(form.replace('Đ', "Ð"));
                forms.push(form);
            }
        }
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(forms)
            .expect("footer words")
    });
    STARTS.is_match(text)
}

/// The start of a site's footer, related-news list or appeal to readers.
fn is_footer(head: &str) -> bool {
    static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^(?:\S+\s+){{0,3}}?{FOOTER_WORDS}")).expect("regex")
    });
    let folded = fold(head);
    FOOTER.is_match(&folded)
}

/// A short line of capitalised words at the top, with no sentence in it: a dateline's place.
fn is_place_line(text: &str) -> bool {
    let n = words(text);
    (1..=5).contains(&n)
        && text.chars().count() <= 32
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || ".,;:!?\"”".contains(c))
        && text
            .split_whitespace()
            .all(|w| matches!(w, "-" | "–") || w.chars().next().is_some_and(char::is_uppercase))
}

/// The first `max` bytes of `text`, or a little less, so as not to cut a char.
fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn caption(text: &str) -> Block {
    Block {
        kind: BlockKind::Caption,
        text: text.trim().to_owned(),
    }
}

/// How many words `s` has, counted up to 32: every use asks about a few.
fn words(s: &str) -> usize {
    s.split_whitespace().take(32).count()
}

/// The letters and digits of folded text, for comparing headlines written a little apart.
fn letters(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(paragraphs: &[&str]) -> Cleaned {
        Cleaned {
            body: paragraphs
                .iter()
                .map(|t| Block {
                    kind: BlockKind::Paragraph,
                    text: (*t).to_owned(),
                })
                .collect(),
            ..Cleaned::default()
        }
    }

    fn body(c: &Cleaned) -> Vec<&str> {
        c.body
            .iter()
            .filter(|b| b.kind != BlockKind::Caption)
            .map(|b| b.text.as_str())
            .collect()
    }

    fn captions(c: &Cleaned) -> Vec<&str> {
        c.body
            .iter()
            .filter(|b| b.kind == BlockKind::Caption)
            .map(|b| b.text.as_str())
            .collect()
    }

    const LEAD: &str = "Người dân đổ xô đi mua vàng trong ngày vía Thần Tài ở nhiều tiệm.";
    const MORE: &str = "Nhiều người xếp hàng từ sáng sớm để mua được vàng, giá tăng mạnh.";

    #[test]
    fn the_page_top_comes_off_the_lead() {
        let cases = [
            (format!("Hà Nội 27°C Tin tức {LEAD}"), LEAD),
            (format!("Thứ 7, 17/02/2024 | 22:00 {LEAD}"), LEAD),
            (format!("Thông báo {LEAD}"), LEAD),
            (format!("Tài khoản chưa được xác minh {LEAD}"), LEAD),
            (format!("Video: Xe vượt ẩu gây tai nạn. {LEAD}"), LEAD),
        ];
        for (text, want) in cases {
            let mut c = cleaned(&[&text, MORE]);
            trim(&mut c, None);
            assert_eq!(body(&c), [want, MORE], "{text:?}");
            assert!(!c.removed.is_empty());
        }
    }

    #[test]
    fn the_lead_photo_becomes_a_caption() {
        let text = format!("Quầy vàng đông khách. Ảnh: Hà Anh - Mekong ASEAN. {LEAD}");
        let mut c = cleaned(&[&text, MORE]);
        trim(&mut c, None);
        assert_eq!(body(&c), [LEAD, MORE]);
        assert_eq!(captions(&c), ["Quầy vàng đông khách."]);
    }

    #[test]
    fn the_headline_and_dateline_place_go() {
        let mut c = cleaned(&["Hà Nội", "Tin về vàng", LEAD]);
        trim(&mut c, Some("Tin về vàng"));
        assert_eq!(body(&c), [LEAD]);
        assert_eq!(c.removed, ["Hà Nội", "Tin về vàng"]);
    }

    #[test]
    fn the_page_bottom_comes_off_the_last_paragraph() {
        let cases = [
            format!("{MORE} Phạm Dự"),
            format!("{MORE} Xuân Tùng - Hà Anh"),
            format!("{MORE} Phương Uyên (T/h) Link nguồn: https://x.vn/a.html"),
            format!("{MORE} Hà Anh Nguồn Mekong Asean: https://x.vn/a.html"),
            format!("{MORE}  Source link"),
            format!("{MORE} BÁO ĐIỆN TỬ VTC NEWS"),
            format!(
                "{MORE} >>Bài viết không nhất thiết trùng với quan điểm tòa soạn. Gửi bài tại đây."
            ),
            format!("{MORE} Theo Vi Anh/Diendandoanhnghiep.vn Nguồn Tài Chính: http://x.vn/a.html"),
            format!("{MORE} Bình luận (0) Hotline 0906 645 777 Tổng biên tập: Nguyễn Văn A"),
            format!(
                "{MORE} Thưa quý độc giả, chúng tôi mong nhận được sự ủng hộ. Số tài khoản: 123"
            ),
        ];
        for text in cases {
            let mut c = cleaned(&[LEAD, &text]);
            trim(&mut c, None);
            assert_eq!(body(&c), [LEAD, MORE], "{text:?}");
        }
    }

    #[test]
    fn captions_at_the_end_are_told_from_the_text() {
        let text = format!("{MORE} Địa điểm xảy ra hoả hoạn. Đồ hoạ: Đăng Hiếu");
        let mut c = cleaned(&[LEAD, &text]);
        trim(&mut c, None);
        assert_eq!(body(&c), [LEAD, MORE]);
        assert_eq!(captions(&c), ["Địa điểm xảy ra hoả hoạn."]);
        // A long sentence before a credit is text: only the credit goes.
        let long = "Chỉ cần một chiếc quần jeans ống đứng, túi xách mini và giày cao gót là bạn \
                    đã tạo ra một bộ cánh đẹp mắt, dùng được trong nhiều hoàn cảnh như đi làm.";
        let text = format!("{long} Ảnh: Pinterest");
        let mut c = cleaned(&[LEAD, &text]);
        trim(&mut c, None);
        assert_eq!(body(&c), [LEAD, long]);
    }

    #[test]
    fn ordinary_ends_stay() {
        let ends = [
            MORE.to_owned(),
            format!("{MORE} Ông Nguyễn Văn A cho biết sẽ kiểm tra lại."),
            format!("{MORE} Theo ông A, giá vàng sẽ còn tăng."),
        ];
        for text in ends {
            let mut c = cleaned(&[LEAD, &text]);
            trim(&mut c, None);
            assert_eq!(body(&c), [LEAD, text.as_str()], "{text:?}");
            assert!(c.removed.is_empty(), "{:?}", c.removed);
        }
    }
}
