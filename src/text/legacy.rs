//! The legacy Vietnamese encodings encoding_rs does not have: TCVN3 (ABC), VNI-Windows, VISCII
//! and VIQR, each read from its table in `assets/encodings/` (sources in `SOURCES.md` there).
//! Each has a decoder and an encoder; the encoders make the test fixtures and check that every
//! table goes both ways.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::fold::{fold_char, split_tone, with_tone, TONE_MARKS};

/// The legacy encodings of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Viscii,
    Viqr,
}

/// Decodes `bytes` in `encoding`, to NFC text.
pub fn decode(bytes: &[u8], encoding: Legacy) -> String {
    match encoding {
        Legacy::Tcvn3 => capitalise_shouted_words(&decode_tcvn3(bytes)),
        Legacy::Viscii => VISCII.decode(bytes),
        Legacy::Vni => decode_vni(bytes),
        Legacy::Viqr => decode_viqr(&String::from_utf8_lossy(bytes)),
    }
}

/// Encodes `text` in `encoding`; `Err` names the first char it has no bytes for.
pub fn encode(text: &str, encoding: Legacy) -> Result<Vec<u8>, char> {
    match encoding {
        Legacy::Tcvn3 => TCVN3.encode_with(text, &TCVN3_PUNCTUATION),
        Legacy::Viscii => VISCII.encode(text),
        Legacy::Vni => encode_vni(text),
        Legacy::Viqr => Ok(encode_viqr(text).into_bytes()),
    }
}

/// The rows of a table file: its lines without comments, split at tabs.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn code_point(field: &str) -> char {
    let hex = field.trim_start_matches("U+");
    u32::from_str_radix(hex, 16)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or_else(|| panic!("a code point in an encoding table: {field}"))
}

fn byte(field: &str) -> u8 {
    u8::from_str_radix(field, 16).unwrap_or_else(|_| panic!("a byte in an encoding table: {field}"))
}

/// One byte, one char: TCVN3 and VISCII. Bytes the table does not list are ASCII.
struct ByteTable {
    to_char: [char; 256],
    from_char: HashMap<char, u8>,
}

impl ByteTable {
    fn new(tsv: &'static str) -> ByteTable {
        let mut to_char: [char; 256] = std::array::from_fn(|b| char::from(b as u8));
        for row in rows(tsv) {
            to_char[usize::from(byte(row[0]))] = code_point(row[1]);
        }
        let from_char = (0..=255u8).map(|b| (to_char[usize::from(b)], b)).collect();
        ByteTable { to_char, from_char }
    }

    fn decode(&self, bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| self.to_char[usize::from(b)])
            .collect()
    }

    fn encode(&self, text: &str) -> Result<Vec<u8>, char> {
        self.encode_with(text, &[])
    }

    /// Each char's byte (from the table, else from `extra`), or its letter's byte followed by
    /// the bytes of its marks.
    fn encode_with(&self, text: &str, extra: &[(u8, char)]) -> Result<Vec<u8>, char> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.nfc() {
            let single = extra
                .iter()
                .find(|&&(_, e)| e == c)
                .map(|&(b, _)| b)
                .or_else(|| self.from_char.get(&c).copied());
            if let Some(b) = single {
                out.push(b);
                continue;
            }
            let mut parts = Vec::new();
            for part in std::iter::once(c).nfd() {
                parts.push(*self.from_char.get(&part).ok_or(c)?);
            }
            out.extend(parts);
        }
        Ok(out)
    }
}

/// Windows' typographic punctuation, which the ABC fonts kept at Windows-1252's bytes: a file
/// typed in Word has its quotes there. TCVN 5712 puts capitals with tones on the same bytes, so
/// such a byte between two letters is the capital, and elsewhere the sign.
const TCVN3_PUNCTUATION: [(u8, char); 7] = [
    (0x85, '…'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x96, '–'),
    (0x97, '—'),
];

fn decode_tcvn3(bytes: &[u8]) -> String {
    let table = &*TCVN3;
    let letter = |b: Option<&u8>| {
        b.is_some_and(|&b| b.is_ascii_alphabetic() || table.to_char[usize::from(b)].is_alphabetic())
    };
    let raw: String = bytes
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let sign = TCVN3_PUNCTUATION.iter().find(|&&(p, _)| p == b);
            match sign {
                Some(&(_, sign))
                    if !(i > 0 && letter(bytes.get(i - 1)) && letter(bytes.get(i + 1))) =>
                {
                    sign
                }
                _ => table.to_char[usize::from(b)],
            }
        })
        .collect();
    // TCVN3 has combining tone marks (0xB0-0xB4) beside its precomposed letters.
    if bytes.iter().any(|b| (0xB0..=0xB4).contains(b)) {
        raw.nfc().collect()
    } else {
        raw
    }
}

static TCVN3: LazyLock<ByteTable> =
    LazyLock::new(|| ByteTable::new(include_str!("../../assets/encodings/tcvn3.tsv")));
static VISCII: LazyLock<ByteTable> =
    LazyLock::new(|| ByteTable::new(include_str!("../../assets/encodings/viscii.tsv")));

/// The ABC fonts had no code for capitals with tone marks: a heading was typed in the capital
/// font (".VnTimeH") with the small letters' codes, so "VIỆT NAM" comes back "VIệT NAM". A line
/// whose ASCII letters are all capitals (four or more) is such a heading, and so is a word of
/// two or more ASCII capitals and no small ones: their letters are made capitals.
fn capitalise_shouted_words(text: &str) -> String {
    let counts = |s: &str| {
        let upper = s.bytes().filter(u8::is_ascii_uppercase).count();
        (upper, s.bytes().filter(u8::is_ascii_lowercase).count())
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (upper, lower) = counts(line);
        if upper >= 4 && lower == 0 {
            out.push_str(&line.to_uppercase());
            continue;
        }
        for piece in line.split_inclusive(|c: char| !c.is_alphabetic()) {
            let (upper, lower) = counts(piece);
            if upper >= 2 && lower == 0 {
                out.push_str(&piece.to_uppercase());
            } else {
                out.push_str(piece);
            }
        }
    }
    out
}

/// VNI-Windows: a vowel is its ASCII letter (or ơ's or ư's byte) followed by one byte for its
/// marks; other bytes read as Windows-1252, whose punctuation the VNI fonts kept.
struct VniTable {
    /// (letter byte, mark byte) → letter.
    pairs: HashMap<(u8, u8), char>,
    single: [char; 256],
    to_bytes: HashMap<char, Vec<u8>>,
}

static VNI: LazyLock<VniTable> = LazyLock::new(|| {
    let mut single: [char; 256] = std::array::from_fn(|b| {
        let byte = [b as u8];
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
        text.chars().next().unwrap_or('\u{FFFD}')
    });
    let mut pairs = HashMap::new();
    let mut to_bytes = HashMap::new();
    for row in rows(include_str!("../../assets/encodings/vni.tsv")) {
        let bytes: Vec<u8> = row[0].split(' ').map(byte).collect();
        let letter = row[1].chars().next().expect("a letter in vni.tsv");
        match bytes[..] {
            [b] => single[usize::from(b)] = letter,
            [b, mark] => {
                pairs.insert((b, mark), letter);
            }
            _ => panic!("one or two bytes a letter in vni.tsv: {}", row[0]),
        }
        to_bytes.insert(letter, bytes);
    }
    VniTable {
        pairs,
        single,
        to_bytes,
    }
});

fn decode_vni(bytes: &[u8]) -> String {
    let vni = &*VNI;
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(&mark) = bytes.get(i + 1).filter(|&&m| m >= 0x80) {
            // The marks of capitals are the small marks' bytes less 0x20; a font mixing the two
            // still means the letter.
            let letter = vni
                .pairs
                .get(&(b, mark))
                .or_else(|| vni.pairs.get(&(b, mark ^ 0x20)));
            if let Some(&letter) = letter {
                out.push(letter);
                i += 2;
                continue;
            }
        }
        out.push(vni.single[usize::from(b)]);
        i += 1;
    }
    out
}

fn encode_vni(text: &str) -> Result<Vec<u8>, char> {
    let vni = &*VNI;
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0; 4];
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(bytes) = vni.to_bytes.get(&c) {
            out.extend(bytes);
        } else {
            let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            if bad {
                return Err(c);
            }
            out.extend(bytes.iter());
        }
    }
    Ok(out)
}

/// VIQR's marks: the ASCII after a letter, the combining mark, and the letters it goes on.
struct ViqrMark {
    ascii: char,
    mark: char,
    letters: &'static str,
}

static VIQR: LazyLock<Vec<ViqrMark>> = LazyLock::new(|| {
    rows(include_str!("../../assets/encodings/viqr.tsv"))
        .map(|row| ViqrMark {
            ascii: row[0].chars().next().expect("a mark in viqr.tsv"),
            mark: code_point(row[1]),
            letters: row[2],
        })
        .collect()
});

fn viqr_mark(ascii: char) -> Option<&'static ViqrMark> {
    VIQR.iter().find(|m| m.ascii == ascii)
}

/// The small ASCII letter under a Vietnamese vowel, and whether it carries a tone already.
fn vowel_base(c: char) -> Option<(char, bool)> {
    let base = fold_char(c);
    "aeiouy"
        .contains(base)
        .then(|| (base, split_tone(c).1.is_some()))
}

/// Reads VIQR (RFC 1456): a mark after a vowel is that vowel's mark, "dd" opening a word is
/// đ, and a backslash keeps the mark after it as itself. A full stop or question mark at the
/// end of a line, or after a word that has its tone, ends the sentence.
fn decode_viqr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut word_toned = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' {
            if let Some(n) = next.filter(|&n| viqr_mark(n).is_some() || "\\dD".contains(n)) {
                out.push(n);
                word_toned = false;
                i += 2;
                continue;
            }
        }
        let word_start = !out.chars().next_back().is_some_and(char::is_alphabetic);
        if word_start && matches!(c, 'd' | 'D') && matches!(next, Some('d' | 'D')) {
            out.push(if c == 'd' { 'đ' } else { 'Đ' });
            word_toned = false;
            i += 2;
            continue;
        }
        if let (Some(mark), Some(last)) = (viqr_mark(c), out.chars().next_back()) {
            if let Some(marked) = apply_viqr_mark(last, mark, word_toned, &chars[i + 1..]) {
                out.pop();
                out.push(marked);
                word_toned |= TONE_MARKS.contains(&mark.mark);
                i += 1;
                continue;
            }
        }
        if !c.is_alphabetic() {
            word_toned = false;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `last` with `mark`, if the mark can go on it here.
fn apply_viqr_mark(last: char, mark: &ViqrMark, word_toned: bool, after: &[char]) -> Option<char> {
    let (base, toned) = vowel_base(last)?;
    if !mark.letters.split(' ').any(|l| l.starts_with(base)) {
        return None;
    }
    if TONE_MARKS.contains(&mark.mark) {
        if toned || word_toned {
            return None;
        }
        let ends_line = after.first().is_none_or(|&n| n == '\n' || n == '\r');
        if matches!(mark.ascii, '.' | '?') && ends_line {
            return None;
        }
    }
    // Composed as a string: "ệ" is "ẹ" with a circumflex, so ê and a dot below do not pair.
    let marked = with_tone(last, mark.mark);
    (marked != last).then_some(marked)
}

/// Writes VIQR: each mark after its letter (the shape before the tone), đ as "dd", and a
/// backslash before every mark character that follows a letter, and before the second d of a
/// word opening "dd", so that reading it back gives the text.
fn encode_viqr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let (mut before, mut prev) = (' ', ' ');
    for c in text.nfc() {
        let parts: Vec<char> = std::iter::once(c).nfd().collect();
        if c == 'đ' || c == 'Đ' {
            out.push_str(if c == 'đ' { "dd" } else { "DD" });
        } else if c == '\\' {
            out.push_str("\\\\");
        } else if (viqr_mark(c).is_some() && prev.is_alphabetic())
            || (matches!(c, 'd' | 'D') && matches!(prev, 'd' | 'D') && !before.is_alphabetic())
        {
            out.push('\\');
            out.push(c);
        } else if parts.len() > 1 && vowel_base(c).is_some() {
            out.push(parts[0]);
            let (tones, shapes): (Vec<char>, Vec<char>) =
                parts[1..].iter().partition(|m| TONE_MARKS.contains(m));
            for mark in shapes.into_iter().chain(tones) {
                out.push(viqr_ascii(mark).unwrap_or(mark));
            }
        } else {
            out.push(c);
        }
        (before, prev) = (prev, c);
    }
    out
}

fn viqr_ascii(mark: char) -> Option<char> {
    VIQR.iter().find(|m| m.mark == mark).map(|m| m.ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter, small and capital, precomposed.
    fn letters() -> Vec<char> {
        let mut out = vec!['đ', 'Đ'];
        for base in "aăâeêioôơuưy".chars() {
            for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                let small: String = format!("{base}{tone}").nfc().collect();
                out.extend(small.chars());
                out.extend(small.chars().flat_map(char::to_uppercase));
            }
        }
        out
    }

    const ALL: [Legacy; 4] = [Legacy::Tcvn3, Legacy::Vni, Legacy::Viscii, Legacy::Viqr];

    #[test]
    fn every_letter_goes_both_ways_in_every_table() {
        let letters = letters();
        assert_eq!(letters.len(), 2 + 12 * 6 * 2);
        for encoding in ALL {
            for &c in &letters {
                // In a word of its own case, and a small letter alone too. (TCVN3 puts seven
                // capitals on the bytes of Windows' quotes and dashes, read as letters only
                // inside words.)
                let texts = if c == 'Đ' {
                    vec![format!("{c}XY")]
                } else if c.is_uppercase() {
                    vec![format!("X{c}Y")]
                } else {
                    let mut texts = vec![format!("{c} "), format!("{c}n")];
                    if c != 'đ' {
                        texts.push(format!("n{c}n"));
                    }
                    texts
                };
                for text in texts {
                    let bytes = encode(&text, encoding)
                        .unwrap_or_else(|bad| panic!("{encoding:?} has no bytes for {bad}"));
                    assert_eq!(
                        decode(&bytes, encoding),
                        text,
                        "{encoding:?} {c} {bytes:02X?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_seeds_go_both_ways_in_every_table() {
        for (path, bytes) in crate::corpus::SEEDS {
            let text: String = String::from_utf8_lossy(bytes).nfc().collect();
            for encoding in ALL {
                // VISCII has no byte left for typographic signs, and VIQR is ASCII.
                let text = match encoding {
                    Legacy::Viscii | Legacy::Viqr => plain_signs(&text),
                    _ => text.clone(),
                };
                let legacy = encode(&text, encoding)
                    .unwrap_or_else(|c| panic!("{encoding:?} has no bytes for {c:?}"));
                let back = decode(&legacy, encoding);
                if back != text {
                    let at = back
                        .char_indices()
                        .zip(text.chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(0, |((i, _), _)| i);
                    panic!(
                        "{encoding:?} {path}: {:?}",
                        &back[back.floor_char_boundary(at.saturating_sub(30))
                            ..back.floor_char_boundary(at + 30)]
                    );
                }
            }
        }
    }

    /// Typographic signs as the ASCII that stands for them.
    pub fn plain_signs(text: &str) -> String {
        text.replace(['“', '”'], "\"")
            .replace(['‘', '’'], "'")
            .replace(['–', '—'], "-")
            .replace('…', "...")
            .replace('\u{A0}', " ")
    }

    #[test]
    fn known_bytes() {
        // Each from its standard's table, not from the encoder.
        assert_eq!(decode(b"Vi\xd6t Nam", Legacy::Tcvn3), "Việt Nam");
        assert_eq!(decode(b"CH\xddNH PH\xf1", Legacy::Tcvn3), "CHÍNH PHỦ");
        assert_eq!(decode(b"\x93H\xb5 N\xe9i\x94", Legacy::Tcvn3), "“Hà Nội”");
        assert_eq!(decode(b"\xa7\x91A", Legacy::Tcvn3), "ĐỊA");
        assert_eq!(
            decode(b"Ch\xe6 Qu\xafc ng\xe6", Legacy::Viscii),
            "Chữ Quốc ngữ"
        );
        assert_eq!(
            decode(b"L\xf4\xf8i t\xf6\xef ba\xefch", Legacy::Vni),
            "Lời tự bạch"
        );
        assert_eq!(decode(b"VIE\xc4T NAM", Legacy::Vni), "VIỆT NAM");
        assert_eq!(decode(b"Vie^.t Nam", Legacy::Viqr), "Việt Nam");
        assert_eq!(decode(b"ngu+o+`i DDa\\.", Legacy::Viqr), "người Đa.");
        assert_eq!(decode(b"Ha` No^.i.\n", Legacy::Viqr), "Hà Nội.\n");
        assert_eq!(decode(b"address", Legacy::Viqr), "address");
    }
}
