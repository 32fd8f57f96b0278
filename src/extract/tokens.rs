//! Words and the spaces and signs between them, with a table of char classes.

use std::sync::LazyLock;

/// A word: a run of letters and digits, joined across "-", "'", "." and "," inside it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The first char is upper case.
    pub(super) cap: bool,
    /// At least two letters and no lower-case letter: an acronym.
    pub(super) upper: bool,
    /// The first char is a digit.
    pub(super) num: bool,
    /// Upper case after the first char and lower case too: "TikTok", "VnExpress".
    pub(super) mixed: bool,
    /// What separates this word from the previous one: ' ' for spaces only, else the first
    /// other char ('\0' at the start of the block).
    pub(super) gap: char,
}

/// What the tokeniser asks of a char, as bits.
pub(super) const WORD: u8 = 1;
pub(super) const LETTER: u8 = 2;
pub(super) const LOWER: u8 = 4;
pub(super) const UPPER: u8 = 8;
pub(super) const SPACE: u8 = 16;

/// Where the class table ends: past ASCII, Latin-1, Latin Extended and the Vietnamese letters.
pub(super) const CLASS_TABLE_END: u32 = 0x1F00;

pub(super) fn class_slow(c: char) -> u8 {
    let mut class = 0;
    if c.is_alphanumeric() {
        class |= WORD;
    }
    if c.is_alphabetic() {
        class |= LETTER;
    }
    if c.is_lowercase() {
        class |= LOWER;
    }
    if c.is_uppercase() {
        class |= UPPER;
    }
    if c.is_whitespace() {
        class |= SPACE;
    }
    class
}

/// The class of every char below `CLASS_TABLE_END`, made once: Unicode's own tables are
/// searched on every call, and that search was most of tokenising.
pub(super) static CLASSES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..CLASS_TABLE_END)
        .map(|u| char::from_u32(u).map_or(0, class_slow))
        .collect()
});

/// A char's class, from the table when it covers the char.
pub(super) fn class(table: &[u8], c: char) -> u8 {
    table
        .get(u32::from(c) as usize)
        .copied()
        .unwrap_or_else(|| class_slow(c))
}

pub(super) fn tokenize(chars: &[char]) -> Vec<Tok> {
    let table = CLASSES.as_slice();
    let classes: Vec<u8> = chars.iter().map(|&c| class(table, c)).collect();
    let is = |i: usize, bits: u8| classes[i] & bits != 0;
    let mut toks = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    let mut gap_start = 0;
    while i < chars.len() {
        if !is(i, WORD) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i];
            let joiner = matches!(c, '-' | '\'' | '’' | '.' | ',' | '+' | '&')
                && i > start
                && i + 1 < chars.len()
                && is(i + 1, WORD)
                && match c {
                    ',' => chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit(),
                    '.' => {
                        (chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())
                            || (is(i - 1, UPPER) && is(i + 1, UPPER))
                    }
                    '&' => is(i - 1, UPPER),
                    // "Mưới-Phó Giám đốc", "Hà Nội-Lào Cai": a dash between a lower-case
                    // letter and a capital parts two words ("COVID-19", "Xuân-Hạ" stay whole).
                    '-' => {
                        !(is(i - 1, LOWER) && is(i + 1, UPPER) && !upper_before(&classes, start, i))
                    }
                    _ => true,
                };
            if is(i, WORD) || joiner {
                i += 1;
            } else if c == '+' && i > start && is(i - 1, UPPER) {
                // "VIETNAM+", "C++": a plus closing an upper-case word belongs to it.
                i += 1;
                break;
            } else {
                break;
            }
        }
        let (mut letters, mut lower, mut upper_inside, mut capitals) = (0, false, false, 0);
        for (k, &class) in classes[start..i].iter().enumerate() {
            letters += usize::from(class & LETTER != 0);
            capitals += usize::from(class & UPPER != 0);
            if class & LOWER != 0 {
                lower = true;
            } else if k > 0 && class & UPPER != 0 {
                upper_inside = true;
            }
        }
        let gap = (gap_start..start)
            .find(|&g| !is(g, SPACE))
            .map_or(if toks.is_empty() { '\0' } else { ' ' }, |g| chars[g]);
        toks.push(Tok {
            start,
            end: i,
            cap: is(start, UPPER),
            // Letters without case (習近平, 경찰청, ตำรวจ) make no acronym.
            upper: letters >= 2 && !lower && capitals > 0,
            num: chars[start].is_ascii_digit(),
            mixed: upper_inside && lower,
            gap,
        });
        gap_start = i;
    }
    toks
}

/// Whether the word from `start` to `at` holds a capital after its first letter ("TikTok-"),
/// whose dash then belongs to a name written as one word.
fn upper_before(classes: &[u8], start: usize, at: usize) -> bool {
    classes[start + 1..at].iter().any(|c| c & UPPER != 0)
}

/// The byte offset of each char, and of the end.
pub(super) fn char_offsets(chars: impl Iterator<Item = char>) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut at = 0;
    for c in chars {
        offsets.push(at);
        at += c.len_utf8();
    }
    offsets.push(at);
    offsets
}
