//! Bytes to clean text: decoding, sanitising, NFC, and the char-for-char keys used for matching.
//!
//! Everything downstream works on the `String`s this module produces, which are NFC and free of
//! control characters (tabs are expanded, line feeds separate lines).

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// The encoding a file was read in, for warnings and the `--raw` view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Why bytes could not be turned into text at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("this is not a text file ({0})")]
    Binary(&'static str),
}

/// Decoded text with what the decoder had to guess or repair.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub warnings: Vec<String>,
}

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy single-byte
/// Vietnamese encodings. Binary data is refused rather than shown as garbage.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// `decode`, keeping the bytes as the text when they are UTF-8 already, without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(rest);
        return Ok(with_repair_note(text.into_owned(), Encoding::Utf16Le, bad));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, _, bad) = encoding_rs::UTF_16BE.decode(rest);
        return Ok(with_repair_note(text.into_owned(), Encoding::Utf16Be, bad));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(reason) = binary_reason(&bytes) {
        return Err(DecodeError::Binary(reason));
    }
    // One validation: the bytes become the text without a copy. (A faster validator in
    // front of this would only add a pass, since making a String without unsafe code
    // validates again.)
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: Encoding::Utf8,
            warnings: Vec::new(),
        }),
        Err(e) => {
            let first_bad = e.utf8_error().valid_up_to();
            Ok(decode_legacy(e.as_bytes(), first_bad))
        }
    }
}

fn with_repair_note(text: String, encoding: Encoding, had_errors: bool) -> Decoded {
    let warnings = if had_errors {
        vec![format!(
            "some bytes were not valid {}; replaced with U+FFFD",
            encoding.name()
        )]
    } else {
        Vec::new()
    };
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// NUL bytes or a high share of control bytes mean the file is not text.
fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return Some("it contains NUL bytes");
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1B | 0x0C))
        .count();
    if controls * 10 > sample.len() {
        return Some("most of it is non-printable");
    }
    None
}

/// Invalid UTF-8: if most of it is valid UTF-8 with a few bad bytes, repair; otherwise pick the
/// single-byte encoding that reads as the most Vietnamese.
fn decode_legacy(bytes: &[u8], first_bad: usize) -> Decoded {
    let lossy = String::from_utf8_lossy(bytes);
    let replaced = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
    let high_bytes = bytes.iter().filter(|&&b| b >= 0x80).count();
    // A UTF-8 file with a stray byte or two still has most high bytes in valid sequences.
    if replaced * 4 < high_bytes.max(1) {
        return Decoded {
            text: lossy.into_owned(),
            encoding: Encoding::Utf8,
            warnings: vec![format!(
                "invalid UTF-8 at byte {first_bad} ({replaced} bad sequence(s)); replaced with U+FFFD"
            )],
        };
    }
    let (w1258, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    let (w1252, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let (text, encoding) = if vietnamese_score(&w1258) >= vietnamese_score(&w1252) {
        (w1258.into_owned(), Encoding::Windows1258)
    } else {
        (w1252.into_owned(), Encoding::Windows1252)
    };
    Decoded {
        text,
        encoding,
        warnings: vec![format!(
            "not UTF-8 (first invalid byte at {first_bad}); read as {}",
            encoding.name()
        )],
    }
}

/// Counts letters that only Vietnamese uses, after composing combining tone marks.
fn vietnamese_score(text: &str) -> usize {
    text.nfc()
        .filter(|&c| {
            matches!(c, 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ')
                || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        })
        .count()
}

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
fn surely_nfc(s: &str) -> bool {
    s.chars()
        .all(|c| NFC_STABLE.iter().any(|r| r.contains(&u32::from(c))))
}

/// Ranges of chars that neither decompose nor combine under NFC: ASCII and Latin, the Latin
/// letters with diacritics, and the dashes, quotes, bullets and currency signs of news text.
const NFC_STABLE: [std::ops::Range<u32>; 3] = [0..0x300, 0x1E00..0x1F00, 0x2010..0x20D0];

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

/// A char mapping read from a table for U+0080..U+1F00 (Latin-1, Latin Extended and the
/// Vietnamese letters), made once from its slow form; ASCII is lowered directly and other
/// chars take the slow form.
struct LatinTable {
    table: Vec<char>,
    slow: fn(char) -> char,
}

impl LatinTable {
    fn new(slow: fn(char) -> char) -> LatinTable {
        let table = (0x80..LATIN_TABLE_END)
            .map(|u| char::from_u32(u).map_or('\u{FFFD}', slow))
            .collect();
        LatinTable { table, slow }
    }

    fn map(&self, c: char) -> char {
        if c.is_ascii() {
            return c.to_ascii_lowercase();
        }
        match u32::from(c) {
            u @ 0x80..LATIN_TABLE_END => self.table[(u - 0x80) as usize],
            _ => (self.slow)(c),
        }
    }
}

/// Where the tables of `LatinTable` end.
const LATIN_TABLE_END: u32 = 0x1F00;

/// Folds one char for search: lower case, diacritics off, đ → d. Always exactly one char, so
/// indices into a folded string are indices into the original.
pub fn fold_char(c: char) -> char {
    FOLD_TABLE.map(c)
}

static FOLD_TABLE: std::sync::LazyLock<LatinTable> =
    std::sync::LazyLock::new(|| LatinTable::new(fold_char_slow));

fn fold_char_slow(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'đ' | 'Đ' | 'Ð' | 'ð' => return 'd',
        _ => {}
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    let base = std::iter::once(lower).nfd().next().unwrap_or(lower);
    if base.is_ascii_alphabetic() {
        base
    } else {
        lower
    }
}

/// Lower case, one char for one char (the first of a longer lowering), from a table for the
/// Latin range Vietnamese uses: `char::to_lowercase` searches Unicode's tables on every call.
pub fn lower_char(c: char) -> char {
    LOWER_TABLE.map(c)
}

static LOWER_TABLE: std::sync::LazyLock<LatinTable> =
    std::sync::LazyLock::new(|| LatinTable::new(lower_char_slow));

fn lower_char_slow(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// `fold_char` over a string: one char out for each char in.
pub fn fold(s: &str) -> String {
    map_text(s, &FOLD_TABLE).0
}

/// `lower_char` over a string: one char out for each char in. Also says whether every char
/// kept its length in bytes, so that byte offsets into `s` are offsets into the result.
pub fn lower(s: &str) -> (String, bool) {
    // Capitals outside ASCII are few (a sentence's first letter, a name's): the text is
    // copied with ASCII lowered, and those few are mended in place.
    let mut out = s.to_ascii_lowercase();
    let table = &*LOWER_TABLE;
    let mut buf = [0; 4];
    for (at, c) in s.char_indices().filter(|(_, c)| !c.is_ascii()) {
        let lowered = table.map(c);
        if lowered == c {
            continue;
        }
        if lowered.len_utf8() != c.len_utf8() {
            return map_text(s, table);
        }
        out.replace_range(at..at + c.len_utf8(), lowered.encode_utf8(&mut buf));
    }
    (out, true)
}

/// A table's mapping over a string (which lowers ASCII), and whether every char kept its
/// length in bytes.
fn map_text(s: &str, table: &LatinTable) -> (String, bool) {
    if s.is_ascii() {
        return (s.to_ascii_lowercase(), true);
    }
    let mut out = String::with_capacity(s.len());
    let mut same_lengths = true;
    // Runs of ASCII (most of Vietnamese text's bytes) are copied whole and lowered at the
    // end; the letters between them go through the table.
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            let mapped = table.map(c);
            same_lengths &= mapped.len_utf8() == c.len_utf8();
            out.push(mapped);
            rest = chars.as_str();
        }
    }
    out.make_ascii_lowercase();
    (out, same_lengths)
}

/// True when the char carries a diacritic that folding removes (or is a capital).
pub fn has_diacritic(c: char) -> bool {
    !c.is_ascii() && fold_char(c) != c.to_lowercase().next().unwrap_or(c)
}

const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Splits a precomposed letter into its toneless form and its tone mark, if any.
fn split_tone(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c, None);
    }
    let mut tone = None;
    let base: String = std::iter::once(c)
        .nfd()
        .filter(|m| {
            if TONE_MARKS.contains(m) {
                tone = Some(*m);
                false
            } else {
                true
            }
        })
        .nfc()
        .collect();
    let mut it = base.chars();
    match (it.next(), it.next()) {
        (Some(b), None) => (b, tone),
        _ => (c, None),
    }
}

fn with_tone(base: char, tone: char) -> char {
    let s: String = [base, tone].iter().copied().nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => base,
    }
}

/// The matching key for lexicons: lower case, and the tone mark of an open "oa", "oe" or "uy"
/// syllable moved onto its first vowel, so "hoà" and "hòa", "thuỷ" and "thủy" compare equal.
/// One char out for each char in.
pub fn key(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().map(lower_char).collect();
    retone(&mut chars);
    chars.into_iter().collect()
}

/// The part of `key` after lower-casing: in "oa", "oe" and "uy" at the end of a syllable the
/// tone mark moves to the first vowel ("hoà" and "hòa" both become "hòa"). In place, one char
/// for one char.
pub fn retone(chars: &mut [char]) {
    for i in 0..chars.len().saturating_sub(1) {
        let before = i.checked_sub(1).map(|b| chars[b]);
        if let Some(pair) = retoned(before, chars[i], chars[i + 1], chars.get(i + 2).copied()) {
            [chars[i], chars[i + 1]] = pair;
        }
    }
}

/// `retone` over lower-case text, in place. The text may get shorter ("uỳ", four bytes,
/// becomes "ùy", three), never longer.
pub fn retone_text(s: &mut String) {
    let mut from = 0;
    while let Some(found) = s.as_bytes()[from..]
        .windows(2)
        .position(|w| matches!(w[0], b'o' | b'u') && !w[1].is_ascii())
    {
        let at = from + found;
        from = at + 1;
        let mut after = s[at + 1..].chars();
        let Some(second) = after.next() else {
            break;
        };
        if !matches!(fold_char(second), 'a' | 'e' | 'y') {
            continue;
        }
        let end = at + 1 + second.len_utf8();
        let before = s[..at].chars().next_back();
        if let Some([first, second]) =
            retoned(before, char::from(s.as_bytes()[at]), second, after.next())
        {
            let mut pair = String::with_capacity(8);
            pair.push(first);
            pair.push(second);
            s.replace_range(at..end, &pair);
        }
    }
}

/// The pair `first`, `second` with the tone mark moved onto `first`, if it moves: `before`
/// and `after` are the chars around the pair.
fn retoned(
    before: Option<char>,
    first: char,
    second: char,
    after: Option<char>,
) -> Option<[char; 2]> {
    // Only a bare "o" or "u" starts a pair whose tone may sit on either vowel, and the tone
    // sits on an "a", "e" or "y" (folded first: splitting a letter is slow).
    if (first != 'o' && first != 'u')
        || second.is_ascii()
        || !matches!(fold_char(second), 'a' | 'e' | 'y')
    {
        return None;
    }
    let (bare, tone) = split_tone(second);
    let pair = matches!((first, bare), ('o', 'a' | 'e') | ('u', 'y'));
    let open = after.is_none_or(|c| !c.is_alphabetic());
    let after_q = before == Some('q');
    match tone {
        Some(tone) if pair && open && !after_q => Some([with_tone(first, tone), bare]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_stop_at_the_same_columns_in_nfc_and_nfd() {
        let nfc = "Hoà\tbình\tthuỷ";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(sanitize(nfc), "Hoà bình    thuỷ");
        assert_eq!(sanitize(&nfd), sanitize(nfc));
    }

    #[test]
    fn fold_table() {
        let cases = [
            ("Đà Nẵng", "da nang"),
            ("Công an", "cong an"),
            ("ÐÀ", "da"),
            ("Nguyễn Văn Thành", "nguyen van thanh"),
            ("ƯỚC Ơ", "uoc o"),
            ("東京", "東京"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn the_fast_nfc_test_never_says_yes_wrongly() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for range in NFC_STABLE {
            for u in range {
                if let Some(c) = char::from_u32(u) {
                    assert_eq!(
                        is_nfc_quick(std::iter::once(c)),
                        IsNormalized::Yes,
                        "U+{u:04X}"
                    );
                }
            }
        }
        assert!(!surely_nfc("Vie\u{302}\u{323}t"));
    }

    #[test]
    fn tabs_expand_to_stops_in_linear_time() {
        assert_eq!(sanitize("a\tb\n\tc\r\nxy\t\td"), "a   b\n    c\nxy      d");
        // Columns count chars, not bytes, and restart after a lone CR as after LF.
        assert_eq!(sanitize("Đà\tx\rab\tc"), "Đà  x\nab  c");
        assert_eq!(sanitize("một\u{1B}[31m\tđỏ"), "một đỏ");
        let many = "\t".repeat(200_000);
        assert_eq!(sanitize(&many).len(), 800_000);
    }

    #[test]
    fn lower_table_agrees_with_the_slow_path() {
        for u in 0..0x2000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(
                    lower_char(c),
                    c.to_lowercase().next().unwrap_or(c),
                    "U+{u:04X}"
                );
            }
        }
        let lowered: String = "ĐÀ NẴNG İ".chars().map(lower_char).collect();
        assert_eq!(lowered, "đà nẵng i");
    }

    #[test]
    fn fold_table_agrees_with_the_slow_path() {
        for u in 0x80..LATIN_TABLE_END {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_char(c), fold_char_slow(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn fold_keeps_char_count_for_every_vietnamese_letter() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let upper: String = lower.chars().flat_map(char::to_uppercase).collect();
        // 12 vowels × 6 tones, and đ.
        assert_eq!(lower.chars().count(), 12 * 6 + 1);
        assert_eq!(upper.chars().count(), 12 * 6 + 1);
        for c in lower.chars().chain(upper.chars()) {
            let f = fold_char(c);
            assert!(
                "aeiouyd".contains(f),
                "{c:?} folded to {f:?}, not a plain vowel or d"
            );
        }
    }

    #[test]
    fn key_ignores_tone_placement() {
        let cases = [
            ("hoà", "hòa"),
            ("Thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("Khánh Hoà", "khánh hòa"),
            ("Thanh Hoá", "thanh hóa"),
        ];
        for (a, b) in cases {
            assert_eq!(key(a), key(b), "{a} vs {b}");
            assert_eq!(key(a).chars().count(), a.chars().count());
        }
        // "quý" keeps its tone on y, and a closed syllable is left alone.
        assert_eq!(key("quý"), "quý");
        assert_eq!(key("hoàng"), "hoàng");
    }

    #[test]
    fn retoning_text_in_place_may_shorten_it() {
        let cases = [
            ("hoà bình", "hòa bình"),
            ("thuỳ", "thùy"),
            ("uỹ ban, hoà", "ũy ban, hòa"),
            ("quỳ hoàng", "quỳ hoàng"),
            ("toà", "tòa"),
        ];
        for (text, want) in cases {
            let mut s = text.to_owned();
            retone_text(&mut s);
            assert_eq!(s, want, "{text}");
        }
        assert_eq!("thùy".len() + 1, "thuỳ".len());
    }

    #[test]
    fn sanitize_nfd_equals_nfc() {
        let nfc_text = "Thượng tướng Nguyễn Văn Thành";
        let nfd_text: String = nfc_text.nfd().collect();
        assert_ne!(nfc_text, nfd_text);
        assert_eq!(sanitize(&nfd_text), nfc_text);
    }

    #[test]
    fn sanitize_removes_escape_sequences_whole() {
        let cases = [
            ("a\u{1b}[31mred\u{1b}[0m b", "ared b"),
            ("x\u{1b}]0;title\u{7}y", "xy"),
            ("x\u{1b}]52;c;SGVsbG8=\u{1b}\\y", "xy"),
            ("x\u{1b}P1;2qdata\u{1b}\\y", "xy"),
            ("x\u{9b}2Jy", "xy"),
            ("x\u{1b}(By", "xy"),
            ("lone\u{1b}", "lone"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize(input), want, "sanitize({input:?})");
        }
    }

    #[test]
    fn sanitize_leaves_no_controls() {
        let s = sanitize("a\tb\r\nc\rd\u{8}e\u{85}f\u{202E}g\u{200B}h\u{a0}i");
        assert!(s.chars().all(|c| c == '\n' || !c.is_control()), "{s:?}");
        assert_eq!(s, "a   b\nc\nd\u{2408}e\u{FFFD}fgh i");
    }

    #[test]
    fn sanitize_is_idempotent_and_fixes_eth() {
        // The tab at column 7 runs to the tab stop at column 8.
        let once = sanitize("ÐÀ NẴNG\tx");
        assert_eq!(once, "ĐÀ NẴNG x");
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn decode_forms() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
        let bom = decode("\u{feff}Công an".as_bytes()).unwrap();
        assert_eq!(bom.text, "Công an");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Việt".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().text, "Việt");
        // "Việt Nam" in windows-1258: ê is 0xEA and the dot below is the combining byte 0xF2.
        let w1258 = decode(b"Vi\xea\xf2t Nam").unwrap();
        assert_eq!(w1258.encoding, Encoding::Windows1258);
        assert_eq!(sanitize(&w1258.text), "Việt Nam");
        let stray = decode("Công an \u{1}".replace('\u{1}', "").as_bytes()).unwrap();
        assert!(stray.warnings.is_empty());
        let mut bad = "Công an tỉnh".as_bytes().to_vec();
        bad.insert(4, 0xFF);
        let repaired = decode(&bad).unwrap();
        assert!(repaired.text.contains('\u{FFFD}'));
        assert!(
            repaired.warnings[0].contains("byte 4"),
            "{:?}",
            repaired.warnings
        );
    }
}
