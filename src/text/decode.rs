//! Bytes to text: UTF-8, UTF-16 with a BOM, the legacy single-byte Vietnamese encodings, and
//! binary refused.

use unicode_normalization::UnicodeNormalization;

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
