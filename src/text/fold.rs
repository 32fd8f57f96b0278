//! The char-for-char forms text is matched in: lower case, folded (no tone marks, đ → d) and
//! the lexicon's key (tone marks placed one way).

use unicode_normalization::UnicodeNormalization;

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
pub(super) const LATIN_TABLE_END: u32 = 0x1F00;

/// Folds one char for search: lower case, diacritics off, đ → d. Always exactly one char, so
/// indices into a folded string are indices into the original.
pub fn fold_char(c: char) -> char {
    FOLD_TABLE.map(c)
}

static FOLD_TABLE: std::sync::LazyLock<LatinTable> =
    std::sync::LazyLock::new(|| LatinTable::new(fold_char_slow));

pub(super) fn fold_char_slow(c: char) -> char {
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

/// `fold`, added to the end of `out` (which a caller folding many strings keeps).
pub fn fold_into(out: &mut String, s: &str) {
    map_into(out, s, &FOLD_TABLE);
}

/// A table's mapping over a string (which lowers ASCII), and whether every char kept its
/// length in bytes.
fn map_text(s: &str, table: &LatinTable) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let same_lengths = map_into(&mut out, s, table);
    (out, same_lengths)
}

/// `map_text`, added to the end of `out`.
fn map_into(out: &mut String, s: &str, table: &LatinTable) -> bool {
    let start = out.len();
    if s.is_ascii() {
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return true;
    }
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
    out[start..].make_ascii_lowercase();
    same_lengths
}

/// True when the char carries a diacritic that folding removes (or is a capital).
pub fn has_diacritic(c: char) -> bool {
    !c.is_ascii() && fold_char(c) != c.to_lowercase().next().unwrap_or(c)
}

pub(super) const TONE_MARKS: [char; 5] =
    ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Splits a precomposed letter into its toneless form and its tone mark, if any.
pub(super) fn split_tone(c: char) -> (char, Option<char>) {
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

/// `base` with the combining `tone` (or any mark) on it, or `base` when they make no one char.
pub(super) fn with_tone(base: char, tone: char) -> char {
    let s: String = [base, tone].iter().copied().nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => base,
    }
}

/// The matching key for lexicons: lower case, and the tone mark of an open "oa", "oe" or "uy"
/// syllable moved onto its first vowel, so "hoà" and "hòa", "thuỷ" and "thủy" compare equal.
/// One char out for each char in. Made as a string throughout (`lower`, then `retone_text`),
/// not as a list of chars: a search keys the haystack of every article that may match.
pub fn key(s: &str) -> String {
    let (mut key, _) = lower(s);
    retone_text(&mut key);
    key
}

/// The part of `key` after lower-casing, char by char: in "oa", "oe" and "uy" at the end of a
/// syllable the tone mark moves to the first vowel ("hoà" and "hòa" both become "hòa"). In
/// place, one char for one char. `key` and the lexicons use `retone_text`, its form on a
/// string; this plainer form is what the property tests hold that one to.
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
