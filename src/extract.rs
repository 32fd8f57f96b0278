//! Entities and facts from a cleaned article, by rules built on the regularities of Vietnamese
//! news: titles and ranks before names, head words that open organisations and places, surname
//! lists, and the forms dates and figures take. Spans count chars within a block's text.

use std::collections::{HashMap, HashSet};

/// The extractor's sets and maps: hashed with foldhash, several times faster than std's
/// SipHash on the short keys looked up at every word (and still seeded per process).
type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Serialize;

use crate::clean::{Block, BlockKind};
use crate::lexicon::{Category, Lexicon};
use crate::text::{self, fold};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Date,
    Role,
    Quantity,
    Event,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Date,
        EntityKind::Role,
        EntityKind::Quantity,
        EntityKind::Event,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
            EntityKind::Date => "date",
            EntityKind::Role => "role",
            EntityKind::Quantity => "quantity",
            EntityKind::Event => "event",
        }
    }
}

/// A recognised span of `body[block].text`, in chars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    #[serde(deserialize_with = "crate::cache::text")]
    pub text: String,
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// Something the text states, drawn from its entities.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Fact {
    Role {
        person: String,
        role: String,
        block: usize,
    },
    Quantity {
        value: String,
        unit: String,
        text: String,
        block: usize,
    },
    Event {
        name: String,
        date: Option<String>,
        /// True when the year was not in the date and was taken from the dateline or the text.
        date_inferred: bool,
        location: Option<String>,
        block: usize,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Bytes of text past `BUDGET`, where nothing was looked for.
    pub unmarked: usize,
}

/// How much of an article's text is analysed: analysis takes some thirty times the memory
/// of its text, and an article a hundred times longer than a long news report is not one.
pub const BUDGET: usize = 512 * 1024;

/// The blocks within `budget` bytes in all, the last perhaps cut at a space, and how many
/// bytes are left out.
fn within_budget(blocks: &[Block], budget: usize) -> (Vec<&str>, usize) {
    let mut left = budget;
    let mut parts = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text.as_str();
        if text.len() <= left {
            left -= text.len();
            parts.push(text);
            continue;
        }
        let mut cut = left;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[..cut].rfind(' ').unwrap_or(0);
        parts.push(&text[..cut]);
        let rest: usize = blocks[i + 1..].iter().map(|b| b.text.len()).sum();
        return (parts, text.len() - cut + rest);
    }
    (parts, 0)
}

/// A word: a run of letters and digits, joined across "-", "'", "." and "," inside it.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// The first char is upper case.
    cap: bool,
    /// At least two letters and no lower-case letter: an acronym.
    upper: bool,
    /// The first char is a digit.
    num: bool,
    /// Upper case after the first char and lower case too: "TikTok", "VnExpress".
    mixed: bool,
    /// What separates this word from the previous one: ' ' for spaces only, else the first
    /// other char ('\0' at the start of the block).
    gap: char,
}

/// What the tokeniser asks of a char, as bits.
const WORD: u8 = 1;
const LETTER: u8 = 2;
const LOWER: u8 = 4;
const UPPER: u8 = 8;
const SPACE: u8 = 16;

/// Where the class table ends: past ASCII, Latin-1, Latin Extended and the Vietnamese letters.
const CLASS_TABLE_END: u32 = 0x1F00;

fn class_slow(c: char) -> u8 {
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
static CLASSES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..CLASS_TABLE_END)
        .map(|u| char::from_u32(u).map_or(0, class_slow))
        .collect()
});

/// A char's class, from the table when it covers the char.
fn class(table: &[u8], c: char) -> u8 {
    table
        .get(u32::from(c) as usize)
        .copied()
        .unwrap_or_else(|| class_slow(c))
}

fn tokenize(chars: &[char]) -> Vec<Tok> {
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
        let (mut letters, mut lower, mut upper_inside) = (0, false, false);
        for (k, &class) in classes[start..i].iter().enumerate() {
            letters += usize::from(class & LETTER != 0);
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
            upper: letters >= 2 && !lower,
            num: chars[start].is_ascii_digit(),
            mixed: upper_inside && lower,
            gap,
        });
        gap_start = i;
    }
    toks
}

/// The byte offset of each char, and of the end.
fn char_offsets(chars: impl Iterator<Item = char>) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut at = 0;
    for c in chars {
        offsets.push(at);
        at += c.len_utf8();
    }
    offsets.push(at);
    offsets
}

/// A lexicon entry found on whole words.
#[derive(Debug, Clone, Copy)]
struct Mark {
    cat: Category,
    end: usize,
}

/// Where a location came from, to choose the most specific place for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PlaceRank {
    Region,
    Country,
    Venue,
    Province,
    Cue,
    Prefixed,
    City,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    kind: EntityKind,
    start: usize,
    end: usize,
    place: Option<PlaceRank>,
}

/// A title with what qualifies it ("Thứ trưởng Bộ Công an"), in words.
#[derive(Debug, Clone, Copy)]
struct RolePhrase {
    start: usize,
    end: usize,
}

/// One block under analysis.
struct Doc<'a> {
    text: &'a str,
    chars: Vec<char>,
    /// The byte offset in `text` of each char, and of the end.
    bytes: Vec<usize>,
    toks: Vec<Tok>,
    words: Vec<&'a str>,
    /// The text in lower case, made once: the rules compare words against it constantly.
    /// `lowers` are the words' byte ranges in it.
    lower_text: String,
    lowers: Vec<(usize, usize)>,
    marks: Vec<Option<Mark>>,
    owner: Vec<Option<usize>>,
    spans: Vec<Span>,
    roles: Vec<RolePhrase>,
    links: Vec<(usize, usize)>,
}

/// A fixed list of words, looked up as a set made on first use: the lists are consulted at
/// nearly every word, and comparing against each entry in turn was a tenth of extraction.
struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FastSet<&'static str>>,
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// Lower-case words that never belong inside a name, a unit or an organisation's descriptor.
static STOP: WordSet = WordSet::new(&[
    "và", "hoặc", "của", "tại", "ở", "trong", "với", "đã", "đang", "sẽ", "được", "bị", "là", "có",
    "cho", "từ", "đến", "về", "gồm", "để", "nhằm", "thuộc", "trên", "dưới", "theo", "như", "khi",
    "này", "đó", "kia", "các", "những", "mà", "thì", "nên", "vì", "do", "bởi", "cùng", "đối",
    "sau", "trước", "qua", "tới", "vào", "ra", "lên", "xuống", "nay", "vẫn", "cũng", "đều", "rất",
    "không", "chưa", "hết", "hơn", "nhất", "mỗi", "mọi", "nhiều", "ít", "khác", "nữa", "đây",
    "làm", "dẫn", "đầu", "tiếp", "thăm", "gặp", "phát", "biểu", "cho", "biết", "nói", "nêu", "chủ",
    "trì", "tham", "dự", "đánh", "giá", "nhấn", "mạnh", "hoan", "nghênh", "chào", "mừng", "trao",
    "đổi", "thảo", "luận", "khẳng", "định", "đề", "nghị", "bày", "tỏ", "tổ", "chức", "diễn", "lần",
    "thứ", "năm", "ngày", "tháng", "nhiệm", "giai", "đoạn", "hiện", "đồng", "thời", "bên", "lề",
    "trụ", "sở", "mới", "cả", "toàn", "một", "hai", "ba",
]);

fn is_stop(word: &str) -> bool {
    STOP.contains(word)
}

/// Function words that end a figure's unit ("231 điểm kết nối trên toàn cầu").
static UNIT_STOP: WordSet = WordSet::new(&[
    "và", "hoặc", "của", "tại", "ở", "trong", "với", "đã", "đang", "sẽ", "được", "bị", "là", "có",
    "cho", "từ", "đến", "về", "gồm", "để", "nhằm", "thuộc", "trên", "dưới", "theo", "như", "khi",
    "này", "đó", "kia", "các", "những", "mà", "thì", "nên", "vì", "do", "bởi", "cùng", "đối",
    "sau", "trước", "qua", "tới", "vào", "ra", "nay", "vẫn", "cũng", "đều", "rất", "không", "chưa",
    "hơn", "mỗi", "mọi", "nữa", "đây",
]);

/// Words that look like acronyms but name no organisation.
static NOT_ACRONYMS: WordSet = WordSet::new(&[
    "SN", "PV", "CTV", "VKS", "USD", "VND", "VNĐ", "EUR", "GDP", "CPI", "FDI", "ODA", "CEO", "TS",
    "GS", "PGS", "THS", "BS", "TP", "TT", "QĐ", "NĐ", "CP", "QH", "TNHH", "CTCP", "ID", "OK",
    "SMS", "PDF", "AI", "IT", "CNTT", "COVID", "GMT", "UTC", "KM", "KG", "HCM", "II", "III", "IV",
    "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XX", "XXI", "XXX", "TV", "MC",
    "BTV", "NXB", "ĐT", "DĐ", "SĐT", "ATGT", "PCCC", "THPT", "THCS", "ĐH", "CĐ", "HS", "SV",
]);

/// Lower-case nouns that introduce an organisation's name.
static GENERIC_ORG_NOUNS: WordSet = WordSet::new(&[
    "tổ chức",
    "công ty",
    "tập đoàn",
    "hãng",
    "báo",
    "tạp chí",
    "ngân hàng",
    "hiệp hội",
    "đài",
    "hãng tin",
    "thông tấn xã",
    "quỹ",
    "nhóm",
    "mạng xã hội",
    "nền tảng",
]);

/// Title-case words that are not names when they stand alone after a title.
const NOT_NAMES: &[&str] = &[
    "Hội", "Đoàn", "Nhà", "Ban", "Sở", "Phòng", "Ngày", "Năm", "Tháng",
];

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Doc<'a> {
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        let mut bytes: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            chars.push(c);
            bytes.push(b);
        }
        bytes.push(text.len());
        let toks = tokenize(&chars);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| &text[bytes[t.start]..bytes[t.end]])
            .collect();
        // The whole text lowered at once; each word's lower case is a range of it.
        let (lower_text, same_lengths) = text::lower(text);
        let other_lengths = (!same_lengths).then(|| char_offsets(lower_text.chars()));
        let lower_bytes = other_lengths.as_deref().unwrap_or(&bytes);
        let lowers = toks
            .iter()
            .map(|t| (lower_bytes[t.start], lower_bytes[t.end]))
            .collect();
        let n = toks.len();
        Doc {
            text,
            chars,
            bytes,
            toks,
            words,
            lower_text,
            lowers,
            marks: vec![None; n],
            owner: vec![None; n],
            spans: Vec::new(),
            roles: Vec::new(),
            links: Vec::new(),
        }
    }

    fn n(&self) -> usize {
        self.toks.len()
    }

    fn lower(&self, i: usize) -> &str {
        let (start, end) = self.lowers[i];
        &self.lower_text[start..end]
    }

    fn is_free(&self, start: usize, end: usize) -> bool {
        start < end && end <= self.n() && self.owner[start..end].iter().all(Option::is_none)
    }

    fn claim(
        &mut self,
        kind: EntityKind,
        start: usize,
        end: usize,
        place: Option<PlaceRank>,
    ) -> bool {
        if !self.is_free(start, end) {
            return false;
        }
        let id = self.spans.len();
        self.spans.push(Span {
            kind,
            start,
            end,
            place,
        });
        for o in &mut self.owner[start..end] {
            *o = Some(id);
        }
        true
    }

    /// Words are joined by spaces only (or by a hyphen between capitalised words).
    fn joined(&self, i: usize) -> bool {
        i < self.n() && self.toks[i].gap == ' '
    }

    fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || matches!(
                self.toks[i].gap,
                '.' | '!' | '?' | ':' | ';' | '"' | '“' | '(' | '*' | '-' | '–' | '•' | '\''
            )
    }

    /// Char index to word index, for spans found on the text.
    fn word_range(&self, start_char: usize, end_char: usize) -> Option<(usize, usize)> {
        // Words are in order, so both ends are found by binary search.
        let s = self.toks.partition_point(|t| t.start < start_char);
        let e = self.toks.partition_point(|t| t.end < end_char);
        let found = self.toks.get(s)?.start == start_char && self.toks.get(e)?.end == end_char;
        (found && s <= e).then_some((s, e + 1))
    }

    /// The char index of a byte offset that starts a char (or is the end).
    fn char_of_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    /// Lexicon entries on whole words, with the case the entry requires; the longest at each word.
    fn find_marks(&mut self) {
        // The lexicon's key of the text (`text::key`): the lower-case text, tone marks moved.
        let mut text_key = self.lower_text.clone();
        text::retone_text(&mut text_key);
        // The key's byte offsets of the words: the lower-case text's, unless moving a tone
        // shortened a syllable.
        let key_bytes = (text_key.len() != self.lower_text.len()).then(|| {
            let offsets = char_offsets(text_key.chars());
            self.toks
                .iter()
                .map(|t| (offsets[t.start], offsets[t.end]))
                .collect::<Vec<_>>()
        });
        let key_bytes = key_bytes.as_deref().unwrap_or(&self.lowers);
        // Each byte of the key mapped to the word it starts or ends, if any: a match counts
        // only from a word's first letter to a word's last.
        let none = u32::MAX;
        let mut tok_at_start = vec![none; text_key.len() + 1];
        let mut tok_at_end = vec![none; text_key.len() + 1];
        for (i, &(start, end)) in key_bytes.iter().enumerate() {
            tok_at_start[start] = i as u32;
            tok_at_end[end] = i as u32;
        }
        for (entry, sb, eb) in Lexicon::get().find(&text_key) {
            let (s, e) = (tok_at_start[sb], tok_at_end[eb]);
            if s == none || e == none || s > e {
                continue;
            }
            let (s, e) = (s as usize, e as usize);
            let (sc, ec) = (self.toks[s].start, self.toks[e].end);
            let first = entry.surface.chars().next().unwrap_or(' ');
            let entry_upper = entry.upper;
            let ok = if entry_upper {
                self.chars[sc..ec].iter().copied().eq(entry.surface.chars())
            } else {
                !first.is_uppercase() || self.chars[sc].is_uppercase()
            };
            if !ok {
                continue;
            }
            let better = match self.marks[s] {
                None => true,
                Some(m) => {
                    e + 1 > m.end || (e + 1 == m.end && priority(entry.category) > priority(m.cat))
                }
            };
            if better {
                self.marks[s] = Some(Mark {
                    cat: entry.category,
                    end: e + 1,
                });
            }
        }
        // Keep marks that do not overlap an earlier, longer one.
        let mut i = 0;
        while i < self.n() {
            match self.marks[i] {
                Some(m) => {
                    for j in i + 1..m.end {
                        if self.marks[j].is_some_and(|inner| inner.end > m.end) {
                            continue;
                        }
                        self.marks[j] = None;
                    }
                    i = m.end;
                }
                None => i += 1,
            }
        }
    }

    fn mark(&self, i: usize) -> Option<Mark> {
        self.marks.get(i).copied().flatten()
    }

    fn mark_is(&self, i: usize, pred: impl Fn(Category) -> bool) -> bool {
        self.mark(i).is_some_and(|m| pred(m.cat))
    }

    /// A place at word `i`: a gazetteer place, or a place head word with a name after it.
    fn place_at(&self, i: usize) -> Option<(usize, PlaceRank)> {
        let m = self.mark(i)?;
        match m.cat {
            Category::City => Some((m.end, PlaceRank::City)),
            Category::Province => Some((m.end, PlaceRank::Province)),
            Category::Country => Some((m.end, PlaceRank::Country)),
            Category::Region => Some((m.end, PlaceRank::Region)),
            Category::LocHead => {
                let head = self.lower(i);
                if matches!(
                    head,
                    "bản" | "đường" | "phố" | "biển" | "miền" | "vùng" | "châu" | "làng"
                ) && !self.joined(m.end)
                {
                    return None;
                }
                if !self.joined(m.end) {
                    return None;
                }
                if let Some((end, _)) = self
                    .place_at(m.end)
                    .filter(|_| !self.mark_is(m.end, |c| c == Category::LocHead))
                {
                    return Some((end, PlaceRank::Prefixed));
                }
                let end = self.cap_run(m.end, 6);
                (end > m.end).then_some((end, PlaceRank::Prefixed))
            }
            _ => None,
        }
    }

    /// The end of a run of capitalised words from `i` joined by spaces (or hyphens), stopping
    /// before a title, a known entity or a head word.
    fn cap_run(&self, i: usize, max: usize) -> usize {
        let mut j = i;
        while j < self.n()
            && j - i < max
            && self.toks[j].cap
            && !self.toks[j].num
            && (j == i || self.joined(j) || (self.toks[j].gap == '-' && self.toks[j - 1].cap))
            && (j == i || self.mark(j).is_none())
            && self.owner[j].is_none()
        {
            j += 1;
        }
        j
    }

    /// Grows an organisation from a head word or a known organisation at `start` whose head
    /// ends at `j`.
    fn grow_org(&self, start: usize, mut j: usize, known: bool) -> usize {
        let mut end = j;
        let mut closed = known;
        let mut took_cap = false;
        while j < self.n() && self.owner[j].is_none() {
            let t = self.toks[j];
            let hyphen = t.gap == '-' && t.cap && self.toks[j - 1].cap;
            if !(self.joined(j) || hyphen) {
                break;
            }
            if hyphen {
                j = self.cap_run(j, 6).max(j + 1);
                end = j;
                continue;
            }
            if let Some((e, _)) = self.place_at(j) {
                j = e;
                end = j;
                closed = true;
                continue;
            }
            if let Some(m) = self.mark(j) {
                if m.cat == Category::Org {
                    j = m.end;
                    end = j;
                    closed = true;
                    continue;
                }
            }
            if t.upper && !t.num && !NOT_ACRONYMS.contains(self.words[j]) {
                j += 1;
                end = j;
                closed = true;
                continue;
            }
            if closed {
                break;
            }
            if let Some(m) = self.mark(j).filter(|m| m.cat == Category::Title && t.cap) {
                // "Ban Tổng thư ký", "Ban Giám đốc điều hành": a board named by its office.
                j = m.end;
                end = j;
                took_cap = true;
                let mut k = j;
                while k < self.n()
                    && k - j < 2
                    && self.joined(k)
                    && !self.toks[k].cap
                    && !self.toks[k].num
                    && !is_stop(self.lower(k))
                    && self.owner[k].is_none()
                {
                    k += 1;
                }
                if k > j && (k == self.n() || !self.joined(k) || is_stop(self.lower(k))) {
                    j = k;
                    end = k;
                }
                continue;
            }
            if t.cap && !t.num {
                if self.mark_is(j, |c| {
                    matches!(c, Category::Honorific | Category::EventHead)
                }) || (j > start + 1 && self.mark_is(j, |c| c == Category::OrgHead) && took_cap)
                {
                    break;
                }
                j += 1;
                end = j;
                took_cap = true;
                continue;
            }
            let w = self.lower(j);
            if w == "và"
                && self.joined(j + 1)
                && self.toks.get(j + 1).is_some_and(|n| n.cap && !n.upper)
                && self.mark(j + 1).is_none()
                && took_cap
            {
                j += 1;
                continue;
            }
            if w == "của" && self.joined(j + 1) && self.mark_is(j + 1, |c| c == Category::Org) {
                j += 1;
                continue;
            }
            // Lower-case descriptors ("Ban lãnh đạo Interpol") count only when a capitalised
            // word closes them.
            let mut k = j;
            while k < self.n()
                && k - j < 5
                && self.joined(k)
                && !self.toks[k].cap
                && !self.toks[k].num
                && !is_stop(self.lower(k))
                && self.owner[k].is_none()
            {
                k += 1;
            }
            let and_cap = |k: usize| {
                k + 1 < self.n()
                    && took_cap
                    && self.lower(k) == "và"
                    && self.joined(k + 1)
                    && self.toks[k + 1].cap
                    && self.mark(k + 1).is_none()
            };
            // "Cục Cảnh sát giao thông": Vietnamese names capitalise only the first word
            // after the head, so a short lower-case tail that ends the phrase belongs to it.
            let phrase_ends = |k: usize| {
                k == self.n()
                    || !self.joined(k)
                    || is_stop(self.lower(k))
                    || UNIT_STOP.contains(self.lower(k))
            };
            let first_tail = took_cap
                && self.toks[j - 1].cap
                && (start + 1..j - 1).all(|x| !self.toks[x].cap || self.mark(x).is_some());
            if first_tail
                && k > j
                && k - j <= 3
                && phrase_ends(k)
                && !self.mark_is(start, |c| c == Category::Org)
            {
                j = k;
                end = k;
                closed = true;
                continue;
            }
            let closes = k > j
                && k < self.n()
                && self.joined(k)
                && self.owner[k].is_none()
                && ((self.toks[k].cap && !self.toks[k].num) || and_cap(k))
                && !self.mark_is(k, |c| {
                    matches!(
                        c,
                        Category::Title | Category::Honorific | Category::EventHead
                    )
                });
            if closes {
                j = k;
                continue;
            }
            break;
        }
        end
    }

    fn find_orgs_and_places(&mut self) {
        let mut i = 0;
        while i < self.n() {
            let Some(m) = self.mark(i) else {
                i += 1;
                continue;
            };
            if !self.is_free(i, m.end) {
                i = m.end;
                continue;
            }
            match m.cat {
                Category::Org => {
                    let end = self.grow_org(i, m.end, true);
                    self.claim(EntityKind::Organization, i, end, None);
                    i = end;
                }
                Category::OrgHead => {
                    let end = self.grow_org(i, m.end, false);
                    let head_words = m.end - i;
                    let standalone = head_words >= 3 || self.lower(i).starts_with("đại hội đồng");
                    let grown = end > m.end;
                    if self.toks[i].cap && (grown || standalone) {
                        let venue = matches!(
                            fold(self.words[i]).as_str(),
                            "trung" | "nha" | "cung" | "san" | "khach"
                        ) && i > 0
                            && matches!(self.lower(i - 1), "tại" | "ở");
                        let kind = if venue {
                            EntityKind::Location
                        } else {
                            EntityKind::Organization
                        };
                        self.claim(kind, i, end, venue.then_some(PlaceRank::Venue));
                        i = end;
                    } else if !self.toks[i].cap && self.joined(m.end) {
                        // "tổ chức Freeland": the name after a lower-case head word.
                        let end = self.cap_run(m.end, 4);
                        if end > m.end && !self.mark_is(m.end, |c| c != Category::Org) {
                            self.claim(EntityKind::Organization, m.end, end, None);
                        }
                        i = end.max(m.end);
                    } else {
                        i = m.end;
                    }
                }
                Category::City
                | Category::Province
                | Category::Country
                | Category::Region
                | Category::LocHead => {
                    if let Some((end, rank)) = self.place_at(i) {
                        // A single-word place inside a longer run of names is part of a name.
                        let inside_name = m.end - i == 1
                            && rank != PlaceRank::Prefixed
                            && self.toks.get(m.end).is_some_and(|n| {
                                n.cap
                                    && !n.upper
                                    && self.joined(m.end)
                                    && self.mark(m.end).is_none()
                            })
                            && i > 0
                            && self.toks[i - 1].cap
                            && self.joined(i)
                            && self.mark(i - 1).is_none();
                        // "thành phố Lyon" → "Lyon": a lower-case head word is not part of the name,
                        // while "Vương quốc Morocco" and "Cộng hòa Pháp" are names in full.
                        let start = if m.cat == Category::LocHead && !self.toks[i].cap {
                            m.end
                        } else {
                            i
                        };
                        if !inside_name {
                            self.claim(EntityKind::Location, start, end, Some(rank));
                        }
                        i = end;
                    } else {
                        i = m.end;
                    }
                }
                _ => i = m.end,
            }
        }
    }

    /// Titles become role entities, and each title with its qualifiers and organisation becomes
    /// a role phrase.
    fn find_roles(&mut self) {
        for i in 0..self.n() {
            let Some(m) = self.mark(i) else { continue };
            if m.cat != Category::Title || !self.is_free(i, m.end) {
                continue;
            }
            self.claim(EntityKind::Role, i, m.end, None);
            let mut end = m.end;
            // Lower-case qualifiers ("cấp cao", "điều hành") when something named follows.
            let mut k = end;
            while k < self.n()
                && k - end < 6
                && self.joined(k)
                && !self.toks[k].cap
                && !self.toks[k].num
                && self.owner[k].is_none()
                && !is_stop(self.lower(k))
            {
                k += 1;
            }
            if k > end
                && (k == self.n()
                    || !self.joined(k)
                    || self.owner[k].is_some_and(|o| {
                        matches!(
                            self.spans[o].kind,
                            EntityKind::Organization | EntityKind::Location
                        )
                    }))
            {
                end = k;
            }
            while end < self.n() && self.joined(end) {
                match self.owner[end] {
                    Some(o)
                        if matches!(
                            self.spans[o].kind,
                            EntityKind::Organization | EntityKind::Location
                        ) =>
                    {
                        end = self.spans[o].end;
                    }
                    _ => break,
                }
            }
            self.roles.push(RolePhrase { start: i, end });
        }
    }

    fn name_run(&self, i: usize) -> usize {
        if i >= self.n()
            || !self.toks[i].cap
            || self.toks[i].num
            || self.owner[i].is_some()
            || self.mark(i).is_some()
        {
            return i;
        }
        let end = self.cap_run(i, 5);
        if end - i == 1 && (NOT_NAMES.contains(&self.words[i]) || self.words[i].chars().count() < 3)
        {
            return i;
        }
        end
    }

    fn find_people(&mut self) {
        // A name right after a role phrase, or after "role, ông".
        for r in 0..self.roles.len() {
            let RolePhrase { end, .. } = self.roles[r];
            let mut at = end;
            if end < self.n()
                && self.toks[end].gap == ','
                && self.mark_is(end, |c| c == Category::Honorific)
            {
                at = self.mark(end).map_or(end, |m| m.end);
            } else if !self.joined(end) {
                continue;
            }
            let stop = self.name_run(at);
            if stop > at && self.claim(EntityKind::Person, at, stop, None) {
                self.links.push((self.spans.len() - 1, r));
            }
        }
        // A name after an honorific: "ông Jurgen Stock".
        for i in 0..self.n() {
            let Some(m) = self.mark(i) else { continue };
            if m.cat == Category::Honorific && self.joined(m.end) && self.owner[i].is_none() {
                let stop = self.name_run(m.end);
                if stop > m.end {
                    self.claim(EntityKind::Person, m.end, stop, None);
                }
            }
        }
        // A Vietnamese name: a surname and given-name syllables.
        let lex = Lexicon::get();
        let mut i = 0;
        while i < self.n() {
            let end = self.name_run(i);
            let len = end - i;
            if (2..=4).contains(&len)
                && lex.is_surname(self.words[i])
                && (i + 1..end).all(|j| lex.is_given_name(self.words[j]) && !self.toks[j].upper)
            {
                self.claim(EntityKind::Person, i, end, None);
            }
            i = end.max(i + 1);
        }
    }

    /// Marks every further mention of a known name.
    fn propagate(&mut self, names: &FastSet<Vec<&str>>) {
        let longest = names.iter().map(Vec::len).max().unwrap_or(0);
        // Most words open no name: one look-up of the word rules them out.
        let firsts: FastSet<&str> = names.iter().filter_map(|n| n.first().copied()).collect();
        // Names open with a capital nearly always; then the other words need no look-up.
        let capitals_only = firsts
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        for i in 0..self.n() {
            if (capitals_only && !self.toks[i].cap) || !firsts.contains(self.words[i]) {
                continue;
            }
            // Longest names first, so "Nguyễn Văn Thành" wins over a lone "Thành".
            for len in (1..=longest.min(self.n() - i)).rev() {
                let end = i + len;
                if self.is_free(i, end)
                    && names.contains(&self.words[i..end])
                    && (i + 1..end).all(|j| self.joined(j))
                    && !(end < self.n()
                        && self.joined(end)
                        && self.toks[end].cap
                        && self.owner[end].is_none())
                {
                    self.claim(EntityKind::Person, i, end, None);
                }
            }
        }
    }

    /// Places after "tại", "ở" and their coordinated lists; acronyms; names in lists of
    /// organisations.
    fn find_rest(&mut self) {
        for i in 0..self.n().saturating_sub(1) {
            let cue = matches!(self.lower(i), "tại" | "ở" | "đến" | "tới" | "sang" | "từ");
            if !cue || !self.joined(i + 1) {
                continue;
            }
            let mut j = i + 1;
            loop {
                // "tại thành phố Toulouse, Nantes": the list goes on past a lower-case head.
                if let Some(m) = self
                    .mark(j)
                    .filter(|m| m.cat == Category::LocHead && !self.toks[j].cap)
                {
                    if m.end < self.n() && self.owner[m.end].is_some() {
                        j = m.end;
                    }
                }
                let end = self.name_run(j);
                if end > j && !self.toks[j].upper {
                    self.claim(EntityKind::Location, j, end, Some(PlaceRank::Cue));
                } else if self.owner[j].is_none_or(|o| self.spans[o].kind != EntityKind::Location) {
                    break;
                }
                let after = self.owner[j].map_or(end, |o| self.spans[o].end);
                if after >= self.n() {
                    break;
                }
                if self.toks[after].gap == ',' && self.toks[after].cap {
                    j = after;
                } else if self.lower(after) == "và" && self.joined(after + 1) {
                    j = after + 1;
                } else {
                    break;
                }
            }
        }
        // A known organisation's acronym with a session number is a meeting: "SOMTC 12".
        for id in 0..self.spans.len() {
            let s = self.spans[id];
            let numbered = |e: usize| {
                e < self.n()
                    && self.toks[e].num
                    && self.joined(e)
                    && self.words[e].len() <= 3
                    && self.owner[e].is_none()
            };
            if s.kind == EntityKind::Organization
                && s.end == s.start + 1
                && self.toks[s.start].upper
                && numbered(s.end)
            {
                self.spans[id].kind = EntityKind::Event;
                self.spans[id].end += 1;
                self.owner[s.end] = Some(id);
            }
        }
        let shouting = self.toks.iter().filter(|t| t.upper).count() * 2 > self.n();
        for i in 0..self.n() {
            let t = self.toks[i];
            if self.owner[i].is_some() || shouting {
                continue;
            }
            let w = &self.words[i];
            if t.upper && !t.num && !NOT_ACRONYMS.contains(w) {
                let numbered = i + 1 < self.n()
                    && self.toks[i + 1].num
                    && self.joined(i + 1)
                    && self.words[i + 1].len() <= 3;
                if numbered {
                    self.claim(EntityKind::Event, i, i + 2, None);
                } else if w.contains('-')
                    && w.rsplit('-')
                        .next()
                        .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit()))
                {
                    self.claim(EntityKind::Event, i, i + 1, None);
                } else {
                    self.claim(EntityKind::Organization, i, i + 1, None);
                }
            } else if !t.upper && t.mixed && !w.contains(['-', '.']) {
                // CamelCase brands: TikTok, VnExpress.
                self.claim(EntityKind::Organization, i, i + 1, None);
            }
        }
        // A capitalised name between commas next to organisations is one too.
        for i in 1..self.n() {
            if self.sentence_start(i) || self.toks[i].gap != ',' {
                continue;
            }
            let end = self.name_run(i);
            if end == i {
                continue;
            }
            let prev_org =
                self.owner[i - 1].is_some_and(|o| self.spans[o].kind == EntityKind::Organization);
            let next_org = end < self.n()
                && matches!(self.toks[end].gap, ',')
                && self.owner[end].is_some_and(|o| self.spans[o].kind == EntityKind::Organization);
            if (prev_org || next_org) && self.claim(EntityKind::Organization, i, end, None) {
                self.absorb_place(end);
            }
        }
        // "tổ chức Freeland", "hãng Reuters": the name after a lower-case generic noun.
        for i in 0..self.n().saturating_sub(1) {
            // The first words of the generic nouns, gathered once.
            static OPENERS: LazyLock<FastSet<&str>> = LazyLock::new(|| {
                GENERIC_ORG_NOUNS
                    .words
                    .iter()
                    .filter_map(|g| g.split(' ').next())
                    .collect()
            });
            let w = self.lower(i);
            if self.toks[i].cap || !OPENERS.contains(w) {
                continue;
            }
            let w2 = if i + 1 < self.n() {
                format!("{w} {}", self.lower(i + 1))
            } else {
                String::new()
            };
            let head_end = if GENERIC_ORG_NOUNS.contains(&w2) && !self.toks[i].cap {
                i + 2
            } else if GENERIC_ORG_NOUNS.contains(w) && !self.toks[i].cap {
                i + 1
            } else {
                continue;
            };
            if self.joined(head_end) {
                let end = self.name_run(head_end);
                if end > head_end {
                    self.claim(EntityKind::Organization, head_end, end, None);
                }
            }
        }
    }

    /// Extends the organisation that ends at `at` over a place right after it
    /// ("Mastercard châu Á-Thái Bình Dương").
    fn absorb_place(&mut self, at: usize) {
        if !self.joined(at) {
            return;
        }
        let (Some(org), Some(place)) = (self.owner[at - 1], self.owner.get(at).copied().flatten())
        else {
            return;
        };
        if self.spans[place].kind != EntityKind::Location || self.spans[place].start != at {
            return;
        }
        let end = self.spans[place].end;
        self.spans[place].kind = EntityKind::Organization;
        self.spans[place].start = self.spans[place].end;
        self.spans[org].end = end;
        for o in &mut self.owner[at..end] {
            *o = Some(org);
        }
    }

    fn find_dates(&mut self) {
        static DATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?ix)
                (?:(?-u:\b)(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:ngày\s+)?)?
                (?-u:\b)\d{1,2}(?:\s*[-–]\s*\d{1,2})?/\d{1,2}(?:/\d{4})?(?-u:\b)
              | (?-u:\b)(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày)\s+(?:ngày\s+)?\d{1,2}-\d{1,2}(?:-\d{4})?(?-u:\b)
              | (?-u:\b)ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?(?-u:\b)
              | (?-u:\b)tháng\s+\d{1,2}(?:\s*[-/]\s*\d{4}|\s+năm\s+\d{4})?(?-u:\b)
              | (?-u:\b)(?:quý\s+(?:[1-4]|I{1,3}|IV)(?:\s*[-/]\s*\d{4}|\s+năm\s+\d{4})?)
              | (?-u:\b)(?:(?:cuối|đầu|giữa)\s+)?(?:năm|giai\s+đoạn|nhiệm\s+kỳ|niên\s+khóa|niên\s+khoá|thời\s+kỳ)\s+\d{4}(?:\s*[-–]\s*\d{4})?(?-u:\b)
              | (?-u:\b)thế\s+kỷ\s+(?:\d{1,2}|[IVXL]+)(?-u:\b)",
            )
            .expect("valid regex")
        });
        // Every form has a digit but the centuries and quarters in Roman numerals: a block
        // with none of them is not searched.
        let may_have_date = self.text.bytes().any(|b| b.is_ascii_digit())
            || self.lower_text.contains("kỷ")
            || self.lower_text.contains("quý");
        if !may_have_date {
            return;
        }
        let found: Vec<(usize, usize)> = DATE
            .find_iter(self.text)
            .filter(|m| valid_date(m.as_str()))
            .map(|m| (self.char_of_byte(m.start()), self.char_of_byte(m.end())))
            .collect();
        for (s, e) in found {
            if let Some((a, b)) = self.word_range(s, e) {
                self.claim(EntityKind::Date, a, b, None);
            }
        }
    }

    fn find_quantities(&mut self) {
        const MODIFIERS: &[&str] = &[
            "hơn",
            "trên",
            "gần",
            "khoảng",
            "tới",
            "ít nhất",
            "tổng cộng",
            "chừng",
            "gần như",
            "hàng",
            "hàng chục",
            "hàng trăm",
            "hàng nghìn",
            "hàng triệu",
        ];
        const MULTIPLIERS: &[&str] = &["triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "vạn", "chục"];
        const LABELS: &[&str] = &[
            "thứ", "số", "lần", "khóa", "khoá", "kỳ", "điều", "khoản", "năm", "tháng", "ngày",
            "quý", "giờ", "lúc", "kỷ", "mục", "phần", "tập", "chương", "phiên", "đợt", "tầng",
            "phòng", "lô",
        ];
        for i in 0..self.n() {
            let t = self.toks[i];
            if !t.num
                || self.owner[i].is_some()
                || !self.words[i]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            {
                continue;
            }
            if i > 0 && self.joined(i) && LABELS.contains(&self.lower(i - 1)) {
                continue;
            }
            if self
                .chars
                .get(t.end)
                .is_some_and(|c| matches!(c, ':' | '/'))
            {
                continue;
            }
            let mut start = i;
            if i > 0 && self.joined(i) && self.owner[i - 1].is_none() {
                let w1 = self.lower(i - 1);
                let w2 = if i > 1 && self.joined(i - 1) {
                    format!("{} {w1}", self.lower(i - 2))
                } else {
                    String::new()
                };
                if MODIFIERS.contains(&w2.as_str()) && self.owner[i - 2].is_none() {
                    start = i - 2;
                } else if MODIFIERS.contains(&w1) {
                    start = i - 1;
                }
            }
            let mut j = i + 1;
            if self.chars.get(t.end) == Some(&'%') {
                let end_char = t.end + 1;
                let text: String = self.chars[self.toks[start].start..end_char]
                    .iter()
                    .collect();
                self.push_quantity_span(start, i + 1, text);
                continue;
            }
            if j < self.n() && self.joined(j) && MULTIPLIERS.contains(&self.lower(j)) {
                j += 1;
            }
            let unit_start = j;
            while j < self.n()
                && j - unit_start < 4
                && self.joined(j)
                && self.owner[j].is_none()
                && !self.toks[j].num
            {
                let w = self.lower(j);
                if UNIT_STOP.contains(w) || (j > unit_start && self.toks[j].cap) {
                    break;
                }
                if j > unit_start && self.mark(j).is_some() {
                    break;
                }
                j += 1;
            }
            if j == unit_start {
                continue;
            }
            let text: String = self.chars[self.toks[start].start..self.toks[j - 1].end]
                .iter()
                .collect();
            self.push_quantity_span(start, j, text);
        }
    }

    fn push_quantity_span(&mut self, start: usize, end: usize, _text: String) {
        self.claim(EntityKind::Quantity, start, end, None);
    }

    fn span_text(&self, s: &Span) -> String {
        self.words_text(s.start, s.end)
    }

    fn words_text(&self, start: usize, end: usize) -> String {
        self.text[self.bytes[self.toks[start].start]..self.bytes[self.toks[end - 1].end]].to_owned()
    }
}

fn priority(c: Category) -> u8 {
    match c {
        Category::Title => 9,
        Category::Org => 8,
        Category::City => 7,
        Category::Country => 6,
        Category::Province => 5,
        Category::Region => 4,
        Category::EventHead => 3,
        Category::OrgHead => 2,
        Category::LocHead => 1,
        Category::Honorific => 0,
    }
}

fn valid_date(s: &str) -> bool {
    static NUMS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));
    let nums: Vec<u32> = NUMS
        .find_iter(s)
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    let lower = s.to_lowercase();
    if lower.contains("tháng") && !lower.starts_with("ngày") {
        return nums.first().is_some_and(|m| (1..=12).contains(m))
            && nums.get(1).is_none_or(|y| (1900..=2100).contains(y));
    }
    if s.contains('/')
        || lower.starts_with("ngày")
        || s.contains('-')
            && !lower.contains("năm")
            && !lower.contains("đoạn")
            && !lower.contains("kỳ")
    {
        let digits: Vec<u32> = nums.clone();
        let (days, month, year): (&[u32], Option<&u32>, Option<&u32>) = match digits.len() {
            2 => (&digits[..1], digits.get(1), None),
            3 if digits[2] >= 1000 => (&digits[..1], digits.get(1), digits.get(2)),
            3 => (&digits[..2], digits.get(2), None),
            4 => (&digits[..2], digits.get(2), digits.get(3)),
            _ => return nums.iter().all(|y| (1900..=2100).contains(y)),
        };
        return days.iter().all(|d| (1..=31).contains(d))
            && month.is_some_and(|m| (1..=12).contains(m))
            && year.is_none_or(|y| (1900..=2100).contains(y));
    }
    if lower.contains("kỷ") || lower.starts_with("quý") {
        return true;
    }
    nums.iter().all(|y| (1900..=2100).contains(y))
}

/// Extracts entities and facts from an article's blocks. `published` (ISO) helps place dates
/// without a year; `title` names the event when the text names none.
pub fn extract(blocks: &[Block], published: Option<&str>, title: &str) -> Extraction {
    let (parts, unmarked) = within_budget(blocks, BUDGET);
    let mut docs: Vec<Doc> = parts.into_iter().map(Doc::new).collect();
    for doc in &mut docs {
        doc.find_dates();
        doc.find_marks();
        doc.find_quantities();
        doc.find_orgs_and_places();
        doc.find_roles();
        doc.find_people();
    }
    let names: FastSet<Vec<&str>> = docs
        .iter()
        .flat_map(|doc| {
            doc.spans
                .iter()
                .filter(|s| s.kind == EntityKind::Person)
                .map(|s| doc.words[s.start..s.end].to_vec())
        })
        .collect();
    for doc in &mut docs {
        doc.propagate(&names);
        doc.find_rest();
    }

    let mut out = Extraction {
        unmarked,
        ..Extraction::default()
    };
    let mut seen_roles = FastSet::default();
    for (b, doc) in docs.iter().enumerate() {
        let mut spans: Vec<Span> = doc
            .spans
            .iter()
            .copied()
            .filter(|s| s.start < s.end)
            .collect();
        spans.sort_by_key(|s| s.start);
        for s in &spans {
            let start = doc.toks[s.start].start;
            let end = doc.toks[s.end - 1].end;
            out.entities.push(Entity {
                kind: s.kind,
                text: doc.span_text(s),
                block: b,
                start,
                end,
            });
            if s.kind == EntityKind::Quantity {
                out.facts.push(quantity_fact(doc, s, b));
            }
        }
        role_facts(doc, b, &mut out.facts, &mut seen_roles);
    }
    if let Some(event) = event_fact(&docs, blocks, published, title) {
        out.facts.insert(0, event);
    }
    out
}

fn quantity_fact(doc: &Doc, s: &Span, block: usize) -> Fact {
    let text = doc.span_text(s);
    let num = (s.start..s.end)
        .find(|&i| doc.toks[i].num)
        .unwrap_or(s.start);
    let value = doc.words[num].to_owned();
    let unit = if num + 1 < s.end {
        doc.words_text(num + 1, s.end)
    } else {
        text.rsplit(char::is_numeric)
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    Fact::Quantity {
        value,
        unit,
        text,
        block,
    }
}

fn role_facts(doc: &Doc, block: usize, facts: &mut Vec<Fact>, seen: &mut FastSet<Fact>) {
    let mut push = |person: &str, r: RolePhrase| {
        let fact = Fact::Role {
            person: person.to_owned(),
            role: doc.words_text(r.start, r.end),
            block,
        };
        if seen.insert(fact.clone()) {
            facts.push(fact);
        }
    };
    // The first role phrase to start, or to end, at each word, and each name's linked title.
    let mut starting = FastMap::default();
    let mut ending = FastMap::default();
    for r in &doc.roles {
        starting.entry(r.start).or_insert(*r);
        ending.entry(r.end).or_insert(*r);
    }
    let mut title_of = FastMap::default();
    for &(span, r) in &doc.links {
        title_of.entry(span).or_insert(r);
    }
    let role_at = |i: usize| starting.get(&i).copied();
    for (span_id, s) in doc.spans.iter().enumerate() {
        if s.kind != EntityKind::Person {
            continue;
        }
        let person = doc.span_text(s);
        // Titles before the name, and the comma-separated titles before those.
        if let Some(&r) = title_of.get(&span_id) {
            let mut r = doc.roles[r];
            push(&person, r);
            while let Some(&prev) = ending
                .get(&r.start)
                .filter(|_| doc.toks[r.start].gap == ',')
            {
                push(&person, prev);
                r = prev;
            }
        } else if s.start > 0 {
            // A name straight after a bare title ("Thứ trưởng Nguyễn Văn Long").
            if let Some(&r) = ending.get(&s.start).filter(|_| doc.joined(s.start)) {
                push(&person, r);
            }
        }
        // Titles after the name: ", Thứ trưởng Bộ Công an, ..." and "làm Trưởng đoàn".
        let mut at = s.end;
        while at < doc.n() {
            if doc.toks[at].gap == ',' {
                // "Jurgen Stock, Chủ tịch Trung Quốc Tập Cận Bình": that title is the next
                // person's, and the list of titles ends there.
                if let Some(r) = role_at(at) {
                    if titles_next_person(doc, r) {
                        break;
                    }
                    push(&person, r);
                    at = r.end;
                    continue;
                }
            }
            if doc.joined(at) && doc.lower(at) == "làm" {
                if let Some(r) = role_at(at + 1).filter(|_| doc.joined(at + 1)) {
                    push(&person, r);
                    at = r.end;
                    continue;
                }
            }
            break;
        }
    }
}

/// Whether a role phrase stands right before a name, as that person's title.
fn titles_next_person(doc: &Doc, r: RolePhrase) -> bool {
    r.end < doc.n()
        && doc.joined(r.end)
        && doc.owner[r.end]
            .is_some_and(|o| doc.spans[o].kind == EntityKind::Person && doc.spans[o].start == r.end)
}

/// Whether a sentence ends before word `i`.
fn ends_sentence(doc: &Doc, i: usize) -> bool {
    i < doc.n() && matches!(doc.toks[i].gap, '.' | '!' | '?' | ';')
}

fn sentence_bounds(doc: &Doc, word: usize) -> (usize, usize) {
    let ends = |i: usize| ends_sentence(doc, i);
    let mut s = word;
    while s > 0 && !ends(s) {
        s -= 1;
    }
    let mut e = word + 1;
    while e < doc.n() && !ends(e) {
        e += 1;
    }
    (s, e)
}

/// The article's main event: its name, when and where.
fn event_fact(
    docs: &[Doc],
    blocks: &[Block],
    published: Option<&str>,
    title: &str,
) -> Option<Fact> {
    let mut best: Option<(u8, usize, usize, usize)> = None;
    for (b, doc) in docs.iter().enumerate() {
        for i in 0..doc.n() {
            // "Trung tâm Hội nghị quốc gia" is a venue, not a meeting.
            let inside = || {
                doc.owner[i].is_some_and(|o| doc.spans[o].start < i)
                    || (i.saturating_sub(3)..i).any(|j| {
                        doc.joined(i)
                            && doc.mark(j).is_some_and(|m| {
                                m.end == i && matches!(m.cat, Category::OrgHead | Category::LocHead)
                            })
                    })
            };
            let named =
                doc.mark_is(i, |c| c == Category::EventHead) && doc.toks[i].cap && !inside();
            let acronym = doc.owner[i]
                .is_some_and(|o| doc.spans[o].kind == EntityKind::Event && doc.spans[o].start == i);
            if !named && !acronym {
                continue;
            }
            let (score, end) = if acronym {
                (1, doc.owner[i].map_or(i + 1, |o| doc.spans[o].end))
            } else {
                // "lần thứ 93" within 30 words, in the same sentence.
                let reach = (i + 1..doc.n().min(i + 30))
                    .find(|&j| ends_sentence(doc, j))
                    .unwrap_or(doc.n().min(i + 30));
                let numbered = (i + 1..reach).find(|&j| {
                    doc.lower(j) == "thứ"
                        && doc.lower(j - 1) == "lần"
                        && j + 1 < doc.n()
                        && doc.toks[j + 1].num
                });
                if let Some(j) = numbered {
                    (3, j + 2)
                } else {
                    let mut e = doc.mark(i).map_or(i + 1, |m| m.end);
                    while e < doc.n()
                        && doc.joined(e)
                        && (doc.toks[e].cap
                            || doc.owner[e]
                                .is_some_and(|o| doc.spans[o].kind == EntityKind::Organization))
                    {
                        e += 1;
                    }
                    if e == doc.mark(i).map_or(i + 1, |m| m.end) {
                        continue;
                    }
                    (2, e)
                }
            };
            if best.is_none_or(|(s, ..)| score > s) {
                best = Some((score, b, i, end));
            }
        }
    }
    let (name, block, anchor) = match best {
        Some((_, b, i, e)) => (docs[b].words_text(i, e), b, Some(i)),
        None => (title.to_owned(), 0, None),
    };
    let doc = docs.get(block)?;
    let in_sentence = |kind: EntityKind| -> Vec<&Span> {
        let Some(a) = anchor else { return Vec::new() };
        let (s, e) = sentence_bounds(doc, a);
        doc.spans
            .iter()
            .filter(|sp| sp.kind == kind && sp.start >= s && sp.end <= e)
            .collect()
    };
    let lead = docs.iter().find(|d| !d.spans.is_empty()).unwrap_or(doc);
    // "Diễn ra từ ngày 1-5/7, hội nghị…": the sentence that says when it takes place.
    let takes_place = || {
        docs.iter().find_map(|d| {
            (1..d.n())
                .filter(|&j| d.lower(j) == "ra" && d.lower(j - 1) == "diễn")
                .find_map(|j| {
                    let (s, e) = sentence_bounds(d, j);
                    d.spans
                        .iter()
                        .find(|sp| sp.kind == EntityKind::Date && sp.start >= s && sp.end <= e)
                        .map(|sp| d.span_text(sp))
                })
        })
    };
    let date_text = in_sentence(EntityKind::Date)
        .first()
        .map(|s| doc.span_text(s))
        .or_else(takes_place)
        .or_else(|| {
            lead.spans
                .iter()
                .find(|s| s.kind == EntityKind::Date && lead.span_text(s).contains('/'))
                .map(|s| lead.span_text(s))
        });
    let (date, date_inferred) = match date_text {
        Some(d) => complete_date(&d, published, blocks),
        None => (published.map(iso_to_dmy), false),
    };
    // "khu vực Đông Nam Á" is the scope of a meeting, not where it is held.
    let region = |d: &Doc, s: &Span| {
        s.start >= 2 && d.lower(s.start - 1) == "vực" && d.lower(s.start - 2) == "khu"
    };
    let place_text = |d: &Doc, spans: Vec<&Span>| {
        spans
            .into_iter()
            .filter(|s| s.place.is_some() && !region(d, s))
            .max_by_key(|s| (s.place, std::cmp::Reverse(s.start)))
            .map(|s| strip_place_head(d, s))
    };
    let location = place_text(doc, in_sentence(EntityKind::Location)).or_else(|| {
        docs.iter()
            .take(4)
            .filter_map(|d| {
                let spans: Vec<&Span> = d
                    .spans
                    .iter()
                    .filter(|s| s.kind == EntityKind::Location)
                    .collect();
                spans
                    .iter()
                    .filter(|s| s.place.is_some() && !region(d, s))
                    .max_by_key(|s| (s.place, std::cmp::Reverse(s.start)))
                    .map(|s| (s.place, strip_place_head(d, s)))
            })
            .max_by_key(|(rank, _)| *rank)
            .map(|(_, t)| t)
    });
    Some(Fact::Event {
        name,
        date,
        date_inferred,
        location,
        block,
    })
}

/// "thành phố Lyon" → "Lyon": the place's own name.
fn strip_place_head(doc: &Doc, s: &Span) -> String {
    let start = match doc.mark(s.start) {
        Some(m) if m.cat == Category::LocHead && m.end < s.end => m.end,
        _ => s.start,
    };
    doc.words_text(start, s.end)
}

fn iso_to_dmy(iso: &str) -> String {
    let date = &iso[..iso.len().min(10)];
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!(
            "{}/{}/{y}",
            d.trim_start_matches('0'),
            m.trim_start_matches('0')
        ),
        _ => iso.to_owned(),
    }
}

/// Drops the cue words and adds a year taken from the dateline or the text when the date has none.
fn complete_date(text: &str, published: Option<&str>, blocks: &[Block]) -> (Option<String>, bool) {
    static CORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d\s/\-–]*\d|\d").expect("valid regex"));
    static YEAR_IN_TEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\btrong\s+năm\s+(\d{4})\b").expect("valid regex"));
    let core = CORE
        .find(text)
        .map_or(text, |m| m.as_str())
        .replace(' ', "");
    let has_year = core.rsplit(['/', '-']).next().is_some_and(|y| y.len() == 4);
    if has_year || !core.contains(['/', '-']) {
        return (Some(core), false);
    }
    let year = published.map(|p| p[..4].to_owned()).or_else(|| {
        blocks
            .iter()
            .find_map(|b| YEAR_IN_TEXT.captures(&b.text).map(|c| c[1].to_owned()))
    });
    match year {
        Some(y) => (Some(format!("{core}/{y}")), true),
        None => (Some(core), false),
    }
}

/// Entity texts of one kind, deduplicated by their folded form, in order of first mention.
pub fn distinct(entities: &[Entity], kind: EntityKind) -> Vec<&str> {
    // Sorting, not hashing: hashing each mention cost more than the rest of the list
    // filter's preparation. Most repeats are spelt alike, so only distinct spellings are
    // folded.
    let mut named: Vec<(&str, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == kind)
        .map(|(i, e)| (e.text.as_str(), i))
        .collect();
    named.sort_unstable();
    named.dedup_by_key(|(text, _)| *text);
    let mut folded: Vec<(String, usize, &str)> = named
        .into_iter()
        .map(|(text, i)| (fold(text), i, text))
        .collect();
    folded.sort_unstable();
    folded.dedup_by(|later, first| later.0 == first.0);
    folded.sort_unstable_by_key(|&(_, i, _)| i);
    folded.into_iter().map(|(_, _, text)| text).collect()
}

/// Runs the extractor on one paragraph; for tests and small tools.
pub fn extract_text(text: &str) -> Extraction {
    let blocks = [Block {
        kind: BlockKind::Paragraph,
        text: text.to_owned(),
    }];
    extract(&blocks, None, "")
}

#[cfg(test)]
mod tests;
