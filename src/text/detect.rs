//! How Vietnamese a text reads: the share of its words that are Vietnamese syllables, against
//! the letters and signs that only a wrong decoding leaves. Used to pick an encoding when the
//! bytes are not UTF-8, and to tell mojibake from text that is right.

use unicode_normalization::UnicodeNormalization;

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
    let text: String = text.nfc().collect();
    let mut r = Reading::default();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_ascii() {
            continue;
        }
        if is_syllable(word) {
            r.good += 1;
        } else {
            r.bad += 1;
        }
    }
    r.bad += text.chars().filter(|&c| is_debris(c)).count() as u32;
    r
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

const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// Onsets, longest first.
const ONSETS: [&str; 28] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// The vowel groups of Vietnamese, without tones.
const VOWELS: [&str; 52] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iu", "iê", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "ya", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây",
    "uôi", "ươi", "ươu",
];
const MORE_VOWELS: [&str; 4] = ["uyê", "uya", "uyu", "oao"];

const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Whether `word` (NFC) is one Vietnamese syllable: an onset, a vowel group and a final
/// consonant, with at most one tone mark.
pub fn is_syllable(word: &str) -> bool {
    let mut toneless = String::with_capacity(word.len());
    let mut tones = 0;
    for c in word.chars().flat_map(char::to_lowercase).nfd() {
        if TONES.contains(&c) {
            tones += 1;
        } else {
            toneless.push(c);
        }
    }
    let toneless: String = toneless.nfc().collect();
    if tones > 1 || toneless.chars().count() > 7 {
        return false;
    }
    ONSETS.iter().any(|onset| {
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
        CODAS.contains(&coda) && (VOWELS.contains(&vowel) || MORE_VOWELS.contains(&vowel))
    })
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
