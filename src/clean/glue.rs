//! Text whose paragraphs were run together by a scraper: a sentence glued to the one before it
//! without a space ("…nhà bếp.Lực lượng…"), a dateline glued to the lead ("Hà NộiChủ tịch
//! nước…"), a subheading glued to its paragraph ("…cảm xúcBạn đã…"), and paragraphs joined by
//! a run of spaces. Each such place starts a new line; abbreviations (TP.HCM, U.S.), decimals
//! (63,65), web names (VnExpress.net) and names written with inner capitals (iPhone, TikTok,
//! McDonald's) are left whole.

use std::borrow::Cow;

/// `text` with a line break at each place where two paragraphs or sentences were glued.
///
/// Read by bytes: a glue is a capital right after a char that is not a space, or a run of
/// spaces, so only those places are decoded and looked at.
pub fn unglue(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // Bytes of `text` copied to `out` so far, and where the current paragraph starts.
    let mut done = 0;
    let mut i = 1;
    while i < bytes.len() {
        let b = bytes[i];
        // Most bytes are lower-case letters, the rest of a letter, or a single space.
        if (0x61..0xC0).contains(&b)
            || (b == b' ' && bytes.get(i + 1).is_some_and(|&n| n != b' ' && n != 0xC2))
        {
            i += 1;
            continue;
        }
        let cut = if b == b' ' || (b == 0xC2 && bytes.get(i + 1) == Some(&0xA0)) {
            spaces_end(text, i, done).map(|next| (i, next))
        } else if (b.is_ascii_uppercase() || b >= 0xC0)
            && !matches!(bytes[i - 1], b' ' | b'\n' | b'\t')
            && capital_at(bytes, i)
        {
            let next = text[i..].chars().next().unwrap_or(' ');
            let (at, c) = text[done..i]
                .char_indices()
                .next_back()
                .map_or((i, ' '), |(a, c)| (done + a, c));
            let prev = text[done..at].chars().next_back();
            (at < i && glued(text, at, c, i, next, prev)).then_some((i, i))
        } else {
            None
        };
        if let Some((end, next)) = cut {
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len() + 64));
            buf.push_str(&text[done..end]);
            buf.push('\n');
            done = next;
            i = next + 1;
            continue;
        }
        i += 1;
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&text[done..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(text),
    }
}

/// Whether the char whose first byte is `bytes[i]` is a capital, told from its bytes for the
/// letters Vietnamese uses (the lower-case ones come at every other char of the text), and
/// from Unicode's tables for the rest.
#[inline]
fn capital_at(bytes: &[u8], i: usize) -> bool {
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        b if b.is_ascii() => b.is_ascii_uppercase(),
        // U+00C0..U+00FF: À..Þ are capitals, but ×.
        0xC3 => (0x80..=0x9E).contains(&b1) && b1 != 0x97,
        // U+0100..U+017F: capitals at even code points (Ă, Đ, Ĩ, Ũ).
        0xC4 | 0xC5 => {
            let cp = (u32::from(bytes[i] & 0x1F) << 6) | u32::from(b1 & 0x3F);
            cp % 2 == 0 && !matches!(cp, 0x130 | 0x138)
        }
        // Ơ ơ Ư ư, and Unicode's word for the rest of U+0180..U+01BF.
        0xC6 => match b1 {
            0xA0 | 0xAF => true,
            0xA1 | 0xB0 => false,
            _ => std::str::from_utf8(&bytes[i..(i + 2).min(bytes.len())])
                .ok()
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase),
        },
        // U+1E80..U+1EFF, the letters with two marks: capitals at even code points from U+1EA0.
        0xE1 if matches!(b1, 0xBA | 0xBB) => {
            let b2 = bytes.get(i + 2).copied().unwrap_or(0);
            let cp = 0x1000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            (0x1EA0..=0x1EF9).contains(&cp) && cp % 2 == 0
        }
        _ => {
            let end = (i + 4).min(bytes.len());
            (i + 1..=end)
                .find_map(|e| std::str::from_utf8(&bytes[i..e]).ok())
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase)
        }
    }
}

/// Whether `c` is a capital letter, with the Vietnamese letters told by their code points
/// before Unicode's tables are asked.
fn is_capital(c: char) -> bool {
    match u32::from(c) {
        0x41..=0x5A => true,
        0xC0..=0xDE => c != '\u{D7}',
        0..=0xFF => false,
        0x1EA0..=0x1EF9 => u32::from(c) % 2 == 0,
        _ => c.is_uppercase(),
    }
}

/// Where the paragraph after a run of two or more spaces at byte `at` starts, when the run
/// parts two paragraphs: text before it on the line (since byte `from`), and a capital, a digit
/// or a quote after it.
fn spaces_end(text: &str, at: usize, from: usize) -> Option<usize> {
    let prev = text[from..at].chars().next_back();
    if prev.is_none_or(|p| matches!(p, ' ' | '\u{A0}' | '\n')) {
        return None;
    }
    let rest = &text[at..];
    // Most spaces are single: the second byte tells at once.
    let first = rest.chars().next().map_or(1, char::len_utf8);
    if !rest[first..].starts_with([' ', '\u{A0}']) {
        return None;
    }
    let run = rest.len() - rest.trim_start_matches([' ', '\u{A0}']).len();
    let spaces = rest[..run].chars().count();
    let next = rest[run..].chars().next()?;
    let opens = is_capital(next) || next.is_ascii_digit() || matches!(next, '"' | '“' | '(');
    (spaces >= 2 && opens).then_some(at + run)
}

/// Whether a new sentence or paragraph starts at the capital `next` (at byte `next_at`),
/// glued to the char `c` at byte `at` before it.
fn glued(text: &str, at: usize, c: char, next_at: usize, next: char, prev: Option<char>) -> bool {
    // "…nhà bếp.Lực lượng", "…(Ảnh: QT)Theo", "…nói”.Ông".
    if matches!(c, '.' | '!' | '?' | '…' | ')' | '”' | '’' | '"') {
        return match c {
            '.' => !abbreviation_before(text, at),
            '”' | '’' | '"' => prev.is_some_and(|p| matches!(p, '.' | '!' | '?' | '…')),
            _ => true,
        };
    }
    if !c.is_alphabetic() || !vietnamese_word_around(text, at, next_at) {
        return false;
    }
    // "…cảm xúcBạn", "Hà NộiChủ tịch".
    if c.is_lowercase() {
        return true;
    }
    // "HÀ NAMCụ ông": a capitalised dateline glued to a word written the usual way.
    let after = text[next_at + next.len_utf8()..].chars().next();
    prev.is_some_and(is_capital) && after.is_some_and(char::is_lowercase)
}

/// Whether the word ending at the full stop at byte `at` is an abbreviation: "TP.HCM",
/// "U.S.", "Tp.Hồ", "Q.1", not the last word of a sentence.
fn abbreviation_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.is_empty() || abbreviation(word)
}

/// "TP", "TS", "Q", "Tp", "Mr": a word that a full stop after it shortens, not ends. Words of
/// the language ("Huế", "Nội", "Anh") are not.
pub(super) fn abbreviation(word: &str) -> bool {
    let n = word.chars().count();
    word.chars().next().is_some_and(char::is_uppercase)
        && word.is_ascii()
        && (n <= 2 || (n <= 3 && word.chars().all(|c| c.is_ascii_uppercase())))
}

/// Whether the word the glue between bytes `at` and `next_at` sits in holds a letter that only
/// Vietnamese writes (ă, ơ, đ, a tone mark…): brand names glued on purpose (TikTok, YouTube,
/// McDonald's) are plain ASCII.
fn vietnamese_word_around(text: &str, at: usize, next_at: usize) -> bool {
    let before = text[..next_at]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let after = text[next_at..]
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    debug_assert!(at < next_at);
    !before.is_ascii() || !after.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_sentences_and_datelines_part() {
        let cases = [
            ("nhà bếp.Lực lượng cứu hỏa", "nhà bếp.\nLực lượng cứu hỏa"),
            ("Hà NộiChủ tịch nước dự lễ", "Hà Nội\nChủ tịch nước dự lễ"),
            ("New YorkNhà thiết kế", "New York\nNhà thiết kế"),
            ("HÀ NAMCụ ông Nguyễn", "HÀ NAM\nCụ ông Nguyễn"),
            (
                "Lang thang cảm xúcBạn đã kết hôn",
                "Lang thang cảm xúc\nBạn đã kết hôn",
            ),
            ("(Ảnh: QT)Theo báo cáo", "(Ảnh: QT)\nTheo báo cáo"),
            ("ông nói.”Sau đó", "ông nói.”\nSau đó"),
            ("ba người chết  Khoảng 10h", "ba người chết\nKhoảng 10h"),
            ("ông Huy nói.  Source link", "ông Huy nói.\nSource link"),
        ];
        for (text, want) in cases {
            assert_eq!(unglue(text), want, "{text:?}");
        }
    }

    #[test]
    fn what_only_looks_glued_stays_whole() {
        for text in [
            "TP.HCM và Tp.Hồ Chí Minh",
            "theo U.S. News",
            "giá 63,65 triệu, ngày 3.12.2023",
            "đọc VnExpress.net và Eva.vn",
            "iPhone, TikTok, YouTube và McDonald's",
            "P.Đa Kao, Q.1",
            "cao 1m77 và nặng",
            "hai  dấu cách giữa câu",
            "",
        ] {
            assert_eq!(unglue(text), text, "{text:?}");
            assert!(matches!(unglue(text), Cow::Borrowed(_)));
        }
    }
}
