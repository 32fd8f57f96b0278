//! How Vietnamese a text reads: the share of its words that are Vietnamese syllables, against
//! the letters and signs that only a wrong decoding leaves. Used to pick an encoding when the
//! bytes are not UTF-8, and to tell mojibake from text that is right.

use unicode_normalization::UnicodeNormalization;

use super::fold::split_tone;

/// Words with letters beyond ASCII that are Vietnamese syllables (`good`), and such words
/// that are not, plus signs a wrong decoding leaves (`bad`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    pub good: u32,
    pub bad: u32,
}

impl Reading {
    pub fn score(self) -> i64 {
        i64::from(self.good) - 2 * i64::from(self.bad)
    }

    /// Most of its marked words are syllables: the text reads as Vietnamese.
    pub fn is_vietnamese(self) -> bool {
        self.good >= 3 && self.good >= 4 * self.bad
    }
}

/// Reads `text` (any normalisation) word by word.
pub fn reading(text: &str) -> Reading {
    // Windows-1258 gives combining tones: compose them first (other texts need not).
    let composed: String;
    let text = if text.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)) {
        composed = text.nfc().collect();
        &composed
    } else {
        text
    };
    let mut r = Reading::default();
    let mut read_to = text.len();
    for word in text.split(|c: char| !is_letter(c)) {
        if word.is_ascii() {
            continue;
        }
        // Enough words to judge by: a long file is read no further.
        if r.good + r.bad >= WORDS_ENOUGH {
            read_to = word.as_ptr() as usize - text.as_ptr() as usize;
            break;
        }
        if is_syllable(word) {
            r.good += 1;
        } else {
            r.bad += 1;
        }
    }
    r.bad += text[..read_to].chars().filter(|&c| is_debris(c)).count() as u32;
    r
}

/// How many words with letters beyond ASCII `reading` looks at.
const WORDS_ENOUGH: u32 = 400;

/// `char::is_alphabetic`, quick for the Latin letters the texts read here are made of.
fn is_letter(c: char) -> bool {
    match c {
        '\u{D7}' | '\u{F7}' => false,
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// Signs that Vietnamese text hardly has and that a wrong decoding leaves everywhere: Latin-1's
/// symbols but the common ones, C1 controls, the replacement char, Windows-1252's odd letters.
fn is_debris(c: char) -> bool {
    matches!(
        c,
        '\u{80}'
            ..='\u{9F}'
                | '¡'
                | '¢'
                | '£'
                | '¤'
                | '¥'
                | '¦'
                | '§'
                | '¨'
                | 'ª'
                | '¬'
                | '¯'
                | '±'
                | '²'
                | '³'
                | '´'
                | 'µ'
                | '¶'
                | '¸'
                | '¹'
                | 'º'
                | '¼'
                | '½'
                | '¾'
                | '¿'
                | '\u{FFFD}'
                | 'ƒ'
                | 'ˆ'
                | '‰'
                | '˜'
                | '™'
                | '†'
                | '‡'
                | '‹'
                | '›'
    )
}

/// The onsets a syllable opening with `first` may have, longest first.
fn onsets_of(first: char) -> &'static [&'static str] {
    match first {
        'n' => &["ngh", "ng", "nh", "n"],
        'g' => &["gh", "gi", "g"],
        'k' => &["kh", "k"],
        'p' => &["ph", "p"],
        'q' => &["qu"],
        't' => &["th", "tr", "t"],
        'c' => &["ch", "c"],
        'b' => &["b"],
        'd' => &["d"],
        'đ' => &["đ"],
        'h' => &["h"],
        'l' => &["l"],
        'm' => &["m"],
        'r' => &["r"],
        's' => &["s"],
        'v' => &["v"],
        'x' => &["x"],
        _ => &[""],
    }
}

/// A letter in small case without its tone mark (the shape marks of ă, â, ê, ô, ơ, ư kept),
/// and whether it had one.
fn untoned(c: char) -> (char, bool) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), false);
    }
    match UNTONED.get(&c) {
        Some(&known) => known,
        None => untoned_slow(c),
    }
}

/// `untoned` of every Vietnamese letter, worked out once.
static UNTONED: std::sync::LazyLock<std::collections::HashMap<char, (char, bool)>> =
    std::sync::LazyLock::new(|| {
        ('\u{C0}'..='\u{1B0}')
            .chain('\u{1EA0}'..='\u{1EF9}')
            .map(|c| (c, untoned_slow(c)))
            .collect()
    });

fn untoned_slow(c: char) -> (char, bool) {
    let (letter, tone) = split_tone(c.to_lowercase().next().unwrap_or(c));
    (letter, tone.is_some())
}

/// A sign or a Latin-1 letter that Vietnamese has no use for and a misreading of its UTF-8
/// as Windows-1252 leaves everywhere: "º" and "¡" of "áº¡", "ø" of VNI's "Lôøi".
pub(super) fn misread_sign(c: char) -> bool {
    is_debris(c)
        || matches!(c,
            'Ä'..='Ç' | 'Ë' | 'Î'..='Ñ' | 'Ö'..='Ø' | 'Û' | 'Ü' | 'Þ' | 'ß'
            | 'ä'..='ç' | 'ë' | 'î'..='ñ' | 'ö'..='ø' | 'û' | 'ü' | 'þ' | 'ÿ')
}

/// Whether `c` is a letter only Vietnamese writes: ă, đ, ơ, ư, or one with two marks or a
/// hook or dot below (U+1EA0..U+1EF9).
pub fn only_vietnamese(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Whether `word` (NFC) is one Vietnamese syllable: an onset, a vowel group and a final
/// consonant, with at most one tone mark.
pub fn is_syllable(word: &str) -> bool {
    // The longest syllable, "nghiêng", has seven letters: they fit a small buffer.
    let mut buf = [0u8; 32];
    let mut len = 0;
    let mut tones = 0;
    for (n, c) in word.chars().enumerate() {
        let (letter, tone) = untoned(c);
        tones += usize::from(tone);
        if n == 7 || tones > 1 || len + letter.len_utf8() > buf.len() {
            return false;
        }
        len += letter.encode_utf8(&mut buf[len..]).len();
    }
    let Ok(toneless) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    let first = toneless.chars().next().unwrap_or(' ');
    onsets_of(first).iter().any(|onset| {
        let Some(rest) = toneless.strip_prefix(onset) else {
            return false;
        };
        // "gi" and "gì": the i of the onset is the vowel.
        if rest.is_empty() {
            return *onset == "gi";
        }
        let split = rest
            .char_indices()
            .find(|&(_, c)| !"aăâeêioôơuưy".contains(c))
            .map_or(rest.len(), |(i, _)| i);
        let (vowel, coda) = rest.split_at(split);
        // "qu" takes the u: "qua", "quốc", "quy".
        is_coda(coda) && is_vowel_group(vowel)
    })
}

fn is_coda(s: &str) -> bool {
    matches!(s, "" | "c" | "ch" | "m" | "n" | "ng" | "nh" | "p" | "t")
}

/// The vowel groups of Vietnamese, without tones.
fn is_vowel_group(s: &str) -> bool {
    matches!(
        s,
        "a" | "ă"
            | "â"
            | "e"
            | "ê"
            | "i"
            | "o"
            | "ô"
            | "ơ"
            | "u"
            | "ư"
            | "y"
            | "ai"
            | "ao"
            | "au"
            | "ay"
            | "âu"
            | "ây"
            | "eo"
            | "êu"
            | "ia"
            | "iu"
            | "iê"
            | "oa"
            | "oă"
            | "oe"
            | "oi"
            | "oo"
            | "ôi"
            | "ơi"
            | "ua"
            | "uâ"
            | "uê"
            | "ui"
            | "uô"
            | "uơ"
            | "uy"
            | "ưa"
            | "ưi"
            | "ưu"
            | "ươ"
            | "ya"
            | "yê"
            | "iêu"
            | "yêu"
            | "oai"
            | "oay"
            | "oeo"
            | "uây"
            | "uôi"
            | "ươi"
            | "ươu"
            | "uyê"
            | "uya"
            | "uyu"
            | "oao"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for yes in [
            "Việt",
            "nghiêng",
            "quốc",
            "gì",
            "giữ",
            "người",
            "khuya",
            "tuyển",
            "Đà",
            "oẳn",
            "ổ",
            "xoong",
            "ĐƯỜNG",
        ] {
            assert!(is_syllable(yes), "{yes}");
        }
        for no in [
            "ViÖt",
            "Chæ",
            "Qu¯c",
            "Lôøi",
            "tÃ¡i",
            "Müller",
            "été",
            "café",
            "Viờũt",
            "aé",
            "ngườiiii",
        ] {
            assert!(!is_syllable(no), "{no}");
        }
    }

    #[test]
    fn readings() {
        let right = reading("Bộ Công an tổ chức hội nghị tại Hà Nội.");
        assert!(right.is_vietnamese(), "{right:?}");
        let garbled = reading("Bé C«ng an tæ chøc héi nghÞ t¹i Hµ Néi.");
        assert!(!garbled.is_vietnamese(), "{garbled:?}");
        assert!(garbled.score() < right.score());
        assert_eq!(reading("plain ASCII only"), Reading::default());
    }
}
