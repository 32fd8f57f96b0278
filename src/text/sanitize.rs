//! Decoded text made safe and canonical: escape sequences out, controls visible, tabs expanded,
//! NFC.

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Width of a tab stop when tabs are expanded.
const TAB_WIDTH: usize = 4;

/// Makes decoded text safe and canonical: line ends unified, escape sequences removed whole,
/// other controls shown as visible symbols or dropped, tabs expanded, NFC, and Ð read as Đ.
pub fn sanitize(raw: &str) -> String {
    sanitize_cow(raw).into_owned()
}

/// `sanitize`, giving back `raw` itself when there is nothing to change.
pub fn sanitize_owned(raw: String) -> String {
    match sanitize_cow(&raw) {
        std::borrow::Cow::Owned(changed) => Some(changed),
        std::borrow::Cow::Borrowed(_) => None,
    }
    .unwrap_or(raw)
}

fn sanitize_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    let stripped = strip_escapes(raw);
    let text: &str = &stripped;
    let bytes = text.as_bytes();
    // Made when the first char needing care is met: most text has none.
    let mut out = String::new();
    // Plain text is copied a run at a time; only the bytes that can start a char needing care
    // (or a char NFC might change) are decoded and looked at.
    let mut run_start = 0;
    // Whether some char could change under NFC; if none can, normalisation is skipped.
    let mut maybe_not_nfc = false;
    // The column is counted only at tabs, from the last point it was known: linear however
    // many tabs a line holds.
    let (mut known_at, mut known_col) = (0usize, 0usize);
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if !may_need_care(b) {
            at += 1;
            continue;
        }
        // Vietnamese letters with tone marks (U+1E00..U+1EFF) are the commonest case.
        if b == 0xE1 && matches!(bytes.get(at + 1), Some(0xB8..=0xBB)) {
            at += 3;
            continue;
        }
        let c = text[at..].chars().next().expect("at is a char boundary");
        let next = at + c.len_utf8();
        if !needs_care(c) {
            maybe_not_nfc |= !NFC_STABLE.iter().any(|r| r.contains(&u32::from(c)));
            at = next;
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[run_start..at]);
        run_start = next;
        match c {
            '\r' => {
                if bytes.get(next) != Some(&b'\n') {
                    out.push('\n');
                }
            }
            '\t' => {
                if let Some(nl) = out[known_at..].rfind('\n') {
                    (known_at, known_col) = (known_at + nl + 1, 0);
                }
                let col = known_col + out[known_at..].width();
                let n = TAB_WIDTH - col % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                (known_at, known_col) = (out.len(), col + n);
            }
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' | '\u{2000}'..='\u{200A}' => {
                out.push(' ');
            }
            // Zero-width characters, BOMs and bidi controls carry nothing a reader needs and can
            // reorder what is shown.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}' => {}
            c => {
                // C0 controls get the Control Pictures symbol; C1 and DEL become a replacement.
                let shown = if (c as u32) < 0x20 {
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')
                } else if c == '\u{7F}' {
                    '\u{2421}'
                } else {
                    '\u{FFFD}'
                };
                out.push(shown);
            }
        }
        at = next;
    }
    let unchanged = run_start == 0 && matches!(stripped, std::borrow::Cow::Borrowed(_));
    if unchanged && !maybe_not_nfc && !raw.contains('Ð') {
        return std::borrow::Cow::Borrowed(raw);
    }
    out.push_str(&text[run_start..]);
    std::borrow::Cow::Owned(if maybe_not_nfc {
        nfc(&out)
    } else {
        fix_eth(out)
    })
}

/// False for a byte that cannot start a char `sanitize` changes or NFC might change: printable
/// ASCII, newline, continuation bytes, and the lead bytes of U+00C0..U+02FF (Latin letters).
fn may_need_care(b: u8) -> bool {
    // 0xC2 leads C1 controls, NBSP and the soft hyphen; 0xCC and above lead combining marks and
    // everything past U+0300.
    !(b == b'\n'
        || (0x20..0x7F).contains(&b)
        || (0x80..0xC2).contains(&b)
        || (0xC3..0xCC).contains(&b))
}

/// The chars `sanitize` changes: controls, odd spaces, invisible and bidi marks.
fn needs_care(c: char) -> bool {
    c != '\n'
        && matches!(
            u32::from(c),
            0..0x20 | 0x7F..=0xA0 | 0xAD | 0x2000..=0x200F | 0x202A..=0x202F | 0x2060..=0x2069 | 0x3000 | 0xFEFF
        )
}

/// True when `s` is certainly NFC already, without table lookups: no char in it can combine
/// or decompose (ASCII, Latin-1 and the Latin letters Vietnamese uses are all stable).
pub(super) fn surely_nfc(s: &str) -> bool {
    s.chars()
        .all(|c| NFC_STABLE.iter().any(|r| r.contains(&u32::from(c))))
}

/// Ranges of chars that neither decompose nor combine under NFC: ASCII and Latin, the Latin
/// letters with diacritics, and the dashes, quotes, bullets and currency signs of news text.
pub(super) const NFC_STABLE: [std::ops::Range<u32>; 3] = [0..0x300, 0x1E00..0x1F00, 0x2010..0x20D0];

/// Removes ANSI CSI, OSC, DCS, SOS/PM/APC sequences and two-byte ESC sequences, in their 7-bit
/// and 8-bit (C1) forms. A lone ESC is dropped.
pub fn strip_escapes(s: &str) -> std::borrow::Cow<'_, str> {
    // ESC, or a C1 introducer (U+0090..U+009F are encoded C2 90..C2 9F).
    let bytes = s.as_bytes();
    let introducer = |i: usize| match bytes[i] {
        0x1B => true,
        0xC2 => matches!(
            bytes.get(i + 1),
            Some(0x90 | 0x98 | 0x9B | 0x9D | 0x9E | 0x9F)
        ),
        _ => false,
    };
    if !(0..bytes.len()).any(introducer) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let kind = match c {
            '\u{1B}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    '['
                }
                Some(']') => {
                    chars.next();
                    ']'
                }
                Some('P' | 'X' | '^' | '_') => {
                    chars.next();
                    'P'
                }
                Some(&n) if ('\u{20}'..='\u{7E}').contains(&n) => {
                    // ESC with intermediates then a final byte, e.g. ESC ( B or ESC c.
                    while let Some(&m) = chars.peek() {
                        chars.next();
                        if !('\u{20}'..='\u{2F}').contains(&m) {
                            break;
                        }
                    }
                    continue;
                }
                _ => continue,
            },
            '\u{9B}' => '[',
            '\u{9D}' => ']',
            '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => 'P',
            c => {
                out.push(c);
                continue;
            }
        };
        match kind {
            '[' => {
                // Parameters and intermediates, then one final byte in @..~.
                while let Some(&m) = chars.peek() {
                    chars.next();
                    if ('\u{40}'..='\u{7E}').contains(&m) || m == '\n' {
                        break;
                    }
                }
            }
            _ => {
                // String sequences end with BEL, ST (ESC \) or C1 ST.
                while let Some(m) = chars.next() {
                    if m == '\u{07}' || m == '\u{9C}' {
                        break;
                    }
                    if m == '\u{1B}' {
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Ð (U+00D0, Icelandic eth) is a common stand-in for Đ (U+0110) in Vietnamese text.
fn fix_eth(s: String) -> String {
    if s.contains('Ð') {
        s.replace('Ð', "Đ")
    } else {
        s
    }
}

/// Normalises to NFC with Ð read as Đ; for text that is already sanitised in other respects.
pub fn nfc(s: &str) -> String {
    // Most text arrives composed already; the quick checks save a full normalisation pass.
    if surely_nfc(s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return fix_eth(s.to_owned());
    }
    fix_eth(s.nfc().collect::<String>())
}
