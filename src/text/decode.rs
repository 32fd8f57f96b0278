//! Bytes to text: UTF-8, UTF-16 with a BOM, the legacy single-byte Vietnamese encodings, and
//! binary refused.

use unicode_normalization::UnicodeNormalization;

use super::detect::{misread_sign, only_vietnamese, reading, Reading};
use super::legacy::{self, Legacy};

/// The encoding a file was read in, for warnings and the `--raw` view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-16 in the byte order its BOM or its zero bytes give: only ever asked for, with
    /// `--encoding utf-16`; a file read is `Utf16Le` or `Utf16Be`.
    Utf16,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Windows1252,
    Tcvn3,
    Vni,
    Viscii,
    Viqr,
}

/// The names `--encoding` takes, and what each reads.
pub const ENCODING_NAMES: &[(&str, Encoding)] = &[
    ("utf-8", Encoding::Utf8),
    ("utf-16", Encoding::Utf16),
    ("utf-16le", Encoding::Utf16Le),
    ("utf-16be", Encoding::Utf16Be),
    ("windows-1258", Encoding::Windows1258),
    ("windows-1252", Encoding::Windows1252),
    ("tcvn3", Encoding::Tcvn3),
    ("vni", Encoding::Vni),
    ("viscii", Encoding::Viscii),
    ("viqr", Encoding::Viqr),
];

/// Other spellings of those names.
const ALIASES: &[(&str, &str)] = &[
    ("utf8", "utf-8"),
    ("utf16", "utf-16"),
    ("cp1258", "windows-1258"),
    ("cp1252", "windows-1252"),
    ("latin1", "windows-1252"),
    ("tcvn", "tcvn3"),
    ("abc", "tcvn3"),
    ("tcvn5712", "tcvn3"),
    ("vni-windows", "vni"),
];

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Vni => "VNI-Windows",
            Encoding::Viscii => "VISCII",
            Encoding::Viqr => "VIQR",
        }
    }

    /// The encoding `--encoding NAME` asks for (any case, "_" for "-").
    pub fn from_name(name: &str) -> Result<Encoding, UnknownEncoding> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        let wanted = ALIASES
            .iter()
            .find(|(alias, _)| *alias == wanted)
            .map_or(wanted.as_str(), |(_, to)| to);
        ENCODING_NAMES
            .iter()
            .find(|(n, _)| *n == wanted)
            .map(|&(_, e)| e)
            .ok_or_else(|| UnknownEncoding(name.to_owned()))
    }

    fn legacy(self) -> Option<Legacy> {
        match self {
            Encoding::Tcvn3 => Some(Legacy::Tcvn3),
            Encoding::Vni => Some(Legacy::Vni),
            Encoding::Viscii => Some(Legacy::Viscii),
            Encoding::Viqr => Some(Legacy::Viqr),
            _ => None,
        }
    }
}

/// An `--encoding` name docbao does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown encoding {0:?}; docbao reads {names}", names = ENCODING_NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "))]
pub struct UnknownEncoding(pub String);

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

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or told by its
/// zero bytes), the legacy Vietnamese encodings, VIQR, and mojibake repaired. Binary data is
/// refused rather than shown as garbage.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// `decode`, keeping the bytes as the text when they are UTF-8 already, without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(decoded) = decode_utf16_bom(&bytes) {
        return Ok(decoded);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(encoding) = utf16_by_zeros(&bytes) {
        let mut decoded = decode_utf16(&bytes, encoding);
        decoded.warnings.insert(
            0,
            format!("read as {} (it has no byte order mark)", encoding.name()),
        );
        return Ok(decoded);
    }
    if let Some(reason) = binary_reason(&bytes) {
        return Err(DecodeError::Binary(reason));
    }
    // One validation: the bytes become the text without a copy. (A faster validator in
    // front of this would only add a pass, since making a String without unsafe code
    // validates again.)
    match String::from_utf8(bytes) {
        Ok(text) => Ok(check_utf8(text)),
        Err(e) => {
            let first_bad = e.utf8_error().valid_up_to();
            Ok(decode_legacy(e.as_bytes(), first_bad))
        }
    }
}

/// Decodes `bytes` in the encoding the user named, whatever they look like. Only the checks
/// that no encoding changes are made: empty, and (but for UTF-16) binary.
pub fn decode_as(mut bytes: Vec<u8>, encoding: Encoding) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if matches!(
        encoding,
        Encoding::Utf16 | Encoding::Utf16Le | Encoding::Utf16Be
    ) {
        if let Some(decoded) = decode_utf16_bom(&bytes) {
            return Ok(decoded);
        }
        let encoding = match encoding {
            Encoding::Utf16 => utf16_by_zeros(&bytes).unwrap_or(Encoding::Utf16Le),
            other => other,
        };
        return Ok(decode_utf16(&bytes, encoding));
    }
    if encoding == Encoding::Utf8 && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(reason) = binary_reason(&bytes) {
        return Err(DecodeError::Binary(reason));
    }
    let text = match encoding {
        Encoding::Utf8 => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let (text, _, _) = encoding_rs::UTF_8.decode(e.as_bytes());
                return Ok(with_repair_note(text.into_owned(), Encoding::Utf8, true));
            }
        },
        other => decode_single_byte(&bytes, other),
    };
    Ok(Decoded {
        text,
        encoding,
        warnings: Vec::new(),
    })
}

fn decode_utf16_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(decode_utf16(bytes, Encoding::Utf16Le))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(decode_utf16(bytes, Encoding::Utf16Be))
    } else {
        None
    }
}

/// UTF-16 in the given order; a BOM of that order is dropped.
fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Decoded {
    let codec = if encoding == Encoding::Utf16Be {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    let (text, had_errors) = codec.decode_with_bom_removal(bytes);
    with_repair_note(text.into_owned(), encoding, had_errors)
}

/// UTF-16 without a BOM: text is mostly ASCII, so one byte of each pair is mostly zero and the
/// other hardly ever is. The zeros' side gives the order.
fn utf16_by_zeros(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    // Text in any other encoding has no zero byte at all.
    if pairs < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let zeros = |side: usize| {
        sample
            .iter()
            .skip(side)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (first, second) = (zeros(0), zeros(1));
    let encoding = if second * 5 >= pairs * 2 && first * 50 <= pairs {
        Encoding::Utf16Le
    } else if first * 5 >= pairs * 2 && second * 50 <= pairs {
        Encoding::Utf16Be
    } else {
        return None;
    };
    // Binary data can have the same zeros; text read from it is Latin letters, Vietnamese's
    // among them, and punctuation, with hardly a control.
    let text = decode_utf16(sample, encoding).text;
    let latin = |c: char| {
        matches!(c, '\n' | '\r' | '\t' | ' '..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2000}'..='\u{206F}')
            && !matches!(c, '\u{7F}'..='\u{9F}')
    };
    let odd = text.chars().filter(|&c| !latin(c)).count();
    (odd * 20 <= text.chars().count()).then_some(encoding)
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

/// How much of a text the detectors read: enough to judge, little enough to stay quick on a
/// large file.
const SAMPLE: usize = 64 * 1024;

/// The first `SAMPLE` bytes of `text`, cut at a char boundary.
fn sample(text: &str) -> &str {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Valid UTF-8 is taken as it is, unless it is ASCII written in VIQR, or mojibake: UTF-8 or a
/// legacy encoding read once or twice as Windows-1252 and saved as UTF-8.
fn check_utf8(text: String) -> Decoded {
    let as_is = |text| Decoded {
        text,
        encoding: Encoding::Utf8,
        warnings: Vec::new(),
    };
    if text.is_ascii() {
        if !looks_like_viqr(sample(&text)) {
            return as_is(text);
        }
        return Decoded {
            text: legacy::decode(text.as_bytes(), Legacy::Viqr),
            encoding: Encoding::Viqr,
            warnings: vec!["read as VIQR (Vietnamese written in ASCII)".to_owned()],
        };
    }
    if has_late_letter(text.as_bytes()) {
        return as_is(text);
    }
    // The NFC and NFD spellings of a text are judged alike (NFD has no letter of
    // U+1EA0..U+1EFF, so it always comes this far).
    let composed = super::nfc(&text);
    if !looks_misread(sample(&composed)) {
        return as_is(text);
    }
    match repair_misread(&composed) {
        Some((repaired, encoding, layers)) => {
            let times = if layers > 1 {
                format!("{layers} times")
            } else {
                "once".to_owned()
            };
            Decoded {
                text: repaired,
                encoding,
                warnings: vec![format!(
                    "read as {}, misread {times} as windows-1252 and saved as UTF-8 (repaired)",
                    encoding.name()
                )],
            }
        }
        None => as_is(text),
    }
}

/// ASCII with VIQR's marks after vowels in many words ("Vie^.t", "ngu+o+`i", "a(n").
fn looks_like_viqr(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr3(b'^', b'+', b'`', bytes).is_none()
        && memchr::memchr3(b'(', b'~', b'\'', bytes).is_none()
    {
        return false;
    }
    let vowel = |b: u8| b"aeiouyAEIOUY".contains(&b);
    let marked = bytes
        .windows(3)
        .filter(|w| {
            vowel(w[0])
                && (matches!(w[1], b'^' | b'+' | b'(')
                    || (matches!(w[1], b'\'' | b'`' | b'~' | b'?' | b'.')
                        && w[2].is_ascii_alphabetic()))
        })
        .count();
    let words = bytes
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .count();
    if marked < 3 || marked * 10 < words {
        return false;
    }
    let read = reading(&legacy::decode(bytes, Legacy::Viqr));
    read.is_vietnamese()
}

/// A quick look at UTF-8 text for what a misreading as Windows-1252 leaves: Latin-1 letters
/// and signs Vietnamese has no use for ("áº¡", "Lôøi", "Chæ"), against letters only Vietnamese
/// has (ạ, ă, đ, ơ, ư), which a misread text no longer holds.
fn looks_misread(text: &str) -> bool {
    if has_late_letter(text.as_bytes()) {
        return false;
    }
    let vietnamese = text.chars().filter(|&c| only_vietnamese(c)).count();
    let odd = text.chars().filter(|&c| misread_sign(c)).count();
    odd >= 2 && odd * 2 >= vietnamese
}

/// Whether UTF-8 text has a letter of U+1EA0..U+1EFF (bytes E1 BA or E1 BB), which most
/// Vietnamese sentences have and no misreading leaves (it makes every char U+00FF or below, or
/// one of Windows-1252's signs). Every article in Vietnamese leaves the search for mojibake
/// here, after a few bytes.
fn has_late_letter(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xE1, bytes).any(|i| matches!(bytes.get(i + 1), Some(0xBA | 0xBB)))
}

/// The text's chars as the bytes a Windows-1252 (or Latin-1) reading made them from; `None`
/// when some char cannot have come from such a reading.
fn unmisread(text: &str) -> Option<Vec<u8>> {
    static HIGH: std::sync::LazyLock<Vec<(char, u8)>> = std::sync::LazyLock::new(|| {
        (0x80..=0x9Fu8)
            .filter_map(|b| {
                let byte = [b];
                let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&byte);
                let c = text.chars().next()?;
                (!bad && c as u32 > 0xFF).then_some((c, b))
            })
            .collect()
    });
    text.chars()
        .map(|c| match u8::try_from(c as u32) {
            Ok(b) => Some(b),
            Err(_) => HIGH.iter().find(|&&(h, _)| h == c).map(|&(_, b)| b),
        })
        .collect()
}

/// Undoes up to three misreadings as Windows-1252, each time reading the bytes as UTF-8 or, if
/// they are not, in the legacy encoding that reads best; keeps the result only if it is
/// clearly more Vietnamese than the text was.
fn repair_misread(text: &str) -> Option<(String, Encoding, u32)> {
    let before = reading(sample(text));
    let mut best: Option<(String, Encoding, u32, Reading)> = None;
    let mut current = text.to_owned();
    for layers in 1..=3 {
        let Some(bytes) = unmisread(&current) else {
            break;
        };
        let (next, encoding) = match String::from_utf8(bytes) {
            Ok(utf8) => (utf8, Encoding::Utf8),
            Err(e) => {
                let (encoding, _) = best_single_byte(e.as_bytes(), false);
                (decode_single_byte(e.as_bytes(), encoding), encoding)
            }
        };
        let after = reading(sample(&next));
        if after.is_vietnamese()
            && after.score() > before.score() + 2
            && best.as_ref().is_none_or(|b| after.score() > b.3.score())
        {
            best = Some((next.clone(), encoding, layers, after));
        }
        if encoding != Encoding::Utf8 {
            break;
        }
        current = next;
    }
    best.map(|(text, encoding, layers, _)| (text, encoding, layers))
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
    let (encoding, _) = best_single_byte(bytes, true);
    Decoded {
        text: decode_single_byte(bytes, encoding),
        encoding,
        warnings: vec![format!(
            "not UTF-8 (first invalid byte at {first_bad}); read as {}",
            encoding.name()
        )],
    }
}

/// The single-byte encodings a Vietnamese file may be in, in the order a tie goes.
const SINGLE_BYTE: [Encoding; 4] = [
    Encoding::Windows1258,
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Viscii,
];

/// Bytes read in an encoding other than UTF-8 and UTF-16: Windows-1258 and -1252 by
/// encoding_rs, TCVN3, VNI, VISCII and VIQR by `legacy`.
fn decode_single_byte(bytes: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Windows1258 => encoding_rs::WINDOWS_1258.decode(bytes).0.into_owned(),
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
        other => legacy::decode(bytes, other.legacy().expect("neither UTF-8 nor UTF-16")),
    }
}

/// The single-byte encoding that reads `bytes` (a sample of them) as the most Vietnamese. With
/// `or_western`, Windows-1252 when none reads as Vietnamese and Windows-1258 gives no letter
/// only Vietnamese uses (a French or German file).
fn best_single_byte(bytes: &[u8], or_western: bool) -> (Encoding, Reading) {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let mut best = (Encoding::Windows1258, Reading::default());
    let mut best_score = i64::MIN;
    for encoding in SINGLE_BYTE {
        let read = reading(&decode_single_byte(sample, encoding));
        if read.score() > best_score {
            best = (encoding, read);
            best_score = read.score();
        }
    }
    if best.1.is_vietnamese() {
        return best;
    }
    if or_western && vietnamese_letters(&decode_single_byte(sample, Encoding::Windows1258)) == 0 {
        return (Encoding::Windows1252, best.1);
    }
    if best_score > 0 {
        best
    } else {
        (Encoding::Windows1258, best.1)
    }
}

/// Counts letters that only Vietnamese uses, after composing combining tone marks.
fn vietnamese_letters(text: &str) -> usize {
    text.nfc().filter(|&c| only_vietnamese(c)).count()
}
