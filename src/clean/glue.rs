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
/// spaces, so only those places are decoded and looked at. The scan skips to the next byte
/// that may start a capital or a no-break space, and runs of spaces are found by a search.
pub fn unglue(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // Bytes of `text` copied to `out` so far, and where the current paragraph starts.
    let mut done = 0;
    let mut i = 1;
    let runs = memchr::memmem::Finder::new(b"  ");
    // Where the next run of two spaces starts, at or after `i`.
    let mut run = None;
    while i < bytes.len() {
        if run.is_none_or(|r| r < i) {
            run = runs
                .find(&bytes[i..])
                .map_or(Some(bytes.len()), |r| Some(i + r));
        }
        let end = run.unwrap_or(bytes.len());
        // Three bytes tell a stop; the last two bytes of the text are looked at alone.
        let mut stop = bytes[i..end]
            .windows(3)
            .position(|w| may_stop(w[0], w[1], w[2]))
            .map_or(end.saturating_sub(2).max(i), |p| i + p);
        while stop < end
            && !may_stop(
                bytes[stop],
                byte_at(bytes, stop + 1),
                byte_at(bytes, stop + 2),
            )
        {
            stop += 1;
        }
        i = stop.min(run.unwrap_or(bytes.len()));
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let cut = if b == b' ' {
            spaces_end(text, i, done).map(|next| (i, next))
        } else if b == 0xC2 {
            // A no-break space, perhaps after a space, which starts the run.
            let at = if bytes[i - 1] == b' ' { i - 1 } else { i };
            let nbsp = bytes.get(i + 1) == Some(&0xA0);
            nbsp.then(|| spaces_end(text, at, done).map(|next| (at, next)))
                .flatten()
        } else if !matches!(bytes[i - 1], b' ' | b'\n' | b'\t') && capital_at(bytes, i) {
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

/// Whether `unglue` must look at the byte `b0` (followed by `b1` and `b2`): the start of a
/// capital, of a no-break space, or of a char outside Vietnamese's letters (which Unicode's
/// tables are asked about); `capital_at` then decides. Told by two table lookups, without
/// branches: whether a byte starts a letter, or a capital, is not predictable.
#[inline]
fn may_stop(b0: u8, b1: u8, b2: u8) -> bool {
    let t = STOP_PAIRS[usize::from(LEAD_CLASS[usize::from(b0)])][usize::from(b1)];
    // Bit 0 says whether to stop when the third byte is even, bit 1 when it is odd.
    (t >> (b2 & 1)) & 1 == 1
}

fn byte_at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

const NEVER: u8 = 0b00;
const STOP: u8 = 0b11;
const STOP_IF_EVEN: u8 = 0b01;

/// A first byte's class: 0 never a stop (lower-case ASCII, digits and signs, a char's later
/// bytes, combining marks U+0300..U+033F), 1 always (ASCII capitals, the no-break space's
/// C2, other scripts), 2 to 7 told by the next bytes: C3 (À..ÿ), C4 and C5 (Ā..ſ), C6
/// (U+0180..U+01BF, with ơ and ư), E1 (the letters with two marks), E2 (punctuation), CD
/// (combining marks, then Greek).
static LEAD_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'A'..=b'Z' | 0xC2 | 0xC7..=0xCB | 0xCE..=0xE0 | 0xE3..=0xFF => 1,
            0xC3 => 2,
            0xC4 | 0xC5 => 3,
            0xC6 => 4,
            0xE1 => 5,
            0xE2 => 6,
            0xCD => 7,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// By class and second byte: `NEVER`, `STOP`, or `STOP_IF_EVEN` (on the third byte).
static STOP_PAIRS: [[u8; 256]; 8] = {
    let mut table = [[NEVER; 256]; 8];
    let mut b1 = 0;
    while b1 < 256 {
        let b = b1 as u8;
        table[1][b1] = STOP;
        // À..Þ (and ×, which `capital_at` turns away).
        table[2][b1] = if b < 0x9F { STOP } else { NEVER };
        // Capitals at even code points.
        table[3][b1] = if b & 1 == 0 { STOP } else { NEVER };
        table[4][b1] = if b == 0xA1 || b == 0xB0 { NEVER } else { STOP };
        // U+1EA0..U+1EFF: capitals at even code points; the rest of U+1E00..U+1FFF asked.
        table[5][b1] = if b == 0xBA || b == 0xBB {
            STOP_IF_EVEN
        } else {
            STOP
        };
        // U+2000..U+203F is punctuation; letter-like symbols are asked.
        table[6][b1] = if b == 0x80 { NEVER } else { STOP };
        // U+0340..U+036F are combining marks; Greek starts at U+0370.
        table[7][b1] = if b >= 0xB0 { STOP } else { NEVER };
        b1 += 1;
    }
    table
};

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
        // U+2000..U+203F, punctuation: quotes, dashes, the ellipsis.
        0xE2 if b1 == 0x80 => false,
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
    fn the_scan_stops_at_every_capital_and_no_break_space() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let stops = may_stop(bytes[0], byte_at(bytes, 1), byte_at(bytes, 2));
            if capital_at(bytes, 0) || c == '\u{A0}' {
                assert!(stops, "{c:?} U+{:04X}", u32::from(c));
            }
        }
        // Lower-case letters, the common case, are passed over.
        for c in "aăâđeêioôơuưyàảãáạằẳẵắặầẩẫấậềểễếệìỉĩíịòỏõóọờởỡớợừửữứựỳỷỹýỵ".chars()
        {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert!(
                !may_stop(bytes[0], byte_at(bytes, 1), byte_at(bytes, 2)),
                "{c:?}"
            );
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
