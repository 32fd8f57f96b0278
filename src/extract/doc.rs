//! A block's words with what the lexicon knows of them, and the spans claimed so far: what
//! every later stage reads and writes.

use std::sync::OnceLock;

use crate::text::{self};

use super::lexicon::{Category, Lexicon};
use super::tokens::{char_offsets, tokenize, Tok};
use super::{EntityKind, FastMap, FastSet};

/// A lexicon entry found on whole words.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    pub(super) cat: Category,
    pub(super) end: usize,
}

/// Where a location came from, to choose the most specific place for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PlaceRank {
    Region,
    Country,
    Venue,
    Province,
    Cue,
    Prefixed,
    City,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) kind: EntityKind,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) place: Option<PlaceRank>,
    /// Chars after the last word that belong to the span: the sign of "70%".
    pub(super) tail: usize,
}

/// A title with what qualifies it ("Thứ trưởng Bộ Công an"), in words.
#[derive(Debug, Clone, Copy)]
pub(super) struct RolePhrase {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// One block under analysis.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) chars: Vec<char>,
    /// The byte offset in `text` of each char, and of the end.
    pub(super) bytes: Vec<usize>,
    pub(super) toks: Vec<Tok>,
    /// Most words are in capitals: a headline or a shouted block, where capitals tell nothing.
    pub(super) shouting: bool,
    pub(super) words: Vec<&'a str>,
    /// The text in lower case, made once: the rules compare words against it constantly.
    /// `lowers` are the words' byte ranges in it.
    pub(super) lower_text: String,
    pub(super) lowers: Vec<(usize, usize)>,
    pub(super) marks: Vec<Option<Mark>>,
    /// Where the longest field (`Category::Field`) starting at each word ends; kept apart from
    /// `marks`, since a field runs through heads and titles without hiding them.
    pub(super) fields: Vec<u32>,
    pub(super) owner: Vec<Option<usize>>,
    pub(super) spans: Vec<Span>,
    pub(super) roles: Vec<RolePhrase>,
    pub(super) links: Vec<(usize, usize)>,
    /// Which words are `OPENERS`, looked up once: names are measured against them often.
    pub(super) opens: Vec<bool>,
}

/// A fixed list of words, looked up as a set made on first use: the lists are consulted at
/// nearly every word, and comparing against each entry in turn was a tenth of extraction.
pub(super) struct WordSet {
    pub(super) words: &'static [&'static str],
    pub(super) set: OnceLock<FastSet<&'static str>>,
}

impl WordSet {
    pub(super) const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// A fixed list of lower-case phrases, grouped by their first word on first use: a word that
/// opens none is ruled out by one look-up, and the phrases are compared only where one may
/// start.
pub(super) struct PhraseSet {
    pub(super) phrases: &'static [&'static str],
    by_first: OnceLock<FastMap<&'static str, Vec<&'static str>>>,
}

impl PhraseSet {
    pub(super) const fn new(phrases: &'static [&'static str]) -> PhraseSet {
        PhraseSet {
            phrases,
            by_first: OnceLock::new(),
        }
    }

    /// The phrases that start with `word`, longest first.
    fn opened_by(&self, word: &str) -> &[&'static str] {
        let by_first = self.by_first.get_or_init(|| {
            let mut map: FastMap<&'static str, Vec<&'static str>> = FastMap::default();
            for &p in self.phrases {
                let first = p.split(' ').next().unwrap_or(p);
                map.entry(first).or_default().push(p);
            }
            for group in map.values_mut() {
                group.sort_by_key(|p| std::cmp::Reverse(p.split(' ').count()));
            }
            map
        });
        by_first.get(word).map_or(&[], Vec::as_slice)
    }
}

/// Lower-case words that never belong inside a name, a unit or an organisation's descriptor.
pub(super) static STOP: WordSet = WordSet::new(&[
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

pub(super) fn is_stop(word: &str) -> bool {
    STOP.contains(word)
}

/// Function words that end a figure's unit ("231 điểm kết nối trên toàn cầu").
pub(super) static UNIT_STOP: WordSet = WordSet::new(&[
    "và", "hoặc", "của", "tại", "ở", "trong", "với", "đã", "đang", "sẽ", "được", "bị", "là", "có",
    "cho", "từ", "đến", "về", "gồm", "để", "nhằm", "thuộc", "trên", "dưới", "theo", "như", "khi",
    "này", "đó", "kia", "các", "những", "mà", "thì", "nên", "vì", "do", "bởi", "cùng", "đối",
    "sau", "trước", "qua", "tới", "vào", "ra", "nay", "vẫn", "cũng", "đều", "rất", "không", "chưa",
    "hơn", "mỗi", "mọi", "nữa", "đây",
]);

/// Words that look like acronyms but name no organisation.
pub(super) static NOT_ACRONYMS: WordSet = WordSet::new(&[
    "SN", "PV", "CTV", "VKS", "USD", "VND", "VNĐ", "EUR", "GDP", "CPI", "FDI", "ODA", "CEO", "TS",
    "GS", "PGS", "THS", "BS", "TP", "TT", "QĐ", "NĐ", "CP", "QH", "TNHH", "CTCP", "ID", "OK",
    "SMS", "PDF", "AI", "IT", "CNTT", "COVID", "GMT", "UTC", "KM", "KG", "HCM", "II", "III", "IV",
    "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XX", "XXI", "XXX", "TV", "MC",
    "BTV", "NXB", "ĐT", "DĐ", "SĐT", "ATGT", "PCCC", "THPT", "THCS", "ĐH", "CĐ", "HS", "SV",
    // Things, documents, methods and people's roles written as acronyms: DNA, licence plates,
    // toll and contract models, devices, identity cards, sport.
    "ADN", "DNA", "ARN", "RNA", "BKS", "BOT", "BT", "PPP", "ETC", "IOT", "IoT", "TOD", "EV", "GPS",
    "LED", "USB", "CCCD", "CMND", "GPLX", "ATM", "SIM", "OTP", "QR", "VAR", "ETF", "IPO", "KOL",
    "VIP", "MV", "UAV", "AQI", "CO", "CLB", "HLV", "VĐV", "CĐV", "QT", "KT", "XH", "PGS.TS",
]);

/// Lower-case nouns that introduce an organisation's name.
pub(super) static GENERIC_ORG_NOUNS: PhraseSet = PhraseSet::new(&[
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
    "tờ",
    "trang",
    "website",
    "kênh",
    "thương hiệu",
    "nhà mốt",
]);

/// Words that open a sentence and never stand inside a name: capitalised after a name, they
/// start a sentence glued to it ("Ảnh: Thefrankie Theo Vogue, ...", a credit without a stop).
pub(super) static OPENERS: WordSet = WordSet::new(&[
    "Theo", "Tại", "Trong", "Khi", "Sau", "Với", "Ngoài", "Nhưng", "Tuy", "Nếu", "Dù", "Cùng",
    "Đây", "Đó", "Hiện", "Trước", "Ngày", "Tối", "Trưa", "Đêm", "Tháng",
]);

/// Title-case words that are not names when they stand alone after a title.
pub(super) const NOT_NAMES: &[&str] = &[
    "Hội", "Đoàn", "Nhà", "Ban", "Sở", "Phòng", "Ngày", "Năm", "Tháng",
];

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str) -> Doc<'a> {
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
        let opens = toks
            .iter()
            .zip(&words)
            .map(|(t, w)| t.cap && !t.upper && OPENERS.contains(w))
            .collect();
        Doc {
            text,
            chars,
            bytes,
            shouting: toks.iter().filter(|t| t.upper).count() * 2 > toks.len(),
            toks,
            words,
            lower_text,
            lowers,
            marks: vec![None; n],
            fields: vec![0; n],
            owner: vec![None; n],
            spans: Vec::new(),
            roles: Vec::new(),
            links: Vec::new(),
            opens,
        }
    }

    pub(super) fn n(&self) -> usize {
        self.toks.len()
    }

    pub(super) fn lower(&self, i: usize) -> &str {
        let (start, end) = self.lowers[i];
        &self.lower_text[start..end]
    }

    pub(super) fn is_free(&self, start: usize, end: usize) -> bool {
        start < end && end <= self.n() && self.owner[start..end].iter().all(Option::is_none)
    }

    pub(super) fn claim(
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
            tail: 0,
        });
        for o in &mut self.owner[start..end] {
            *o = Some(id);
        }
        true
    }

    /// Claims words `start..end` over the spans found in them, which are emptied (an empty
    /// span is never exported nor read as a place or a name).
    pub(super) fn reclaim(
        &mut self,
        kind: EntityKind,
        start: usize,
        end: usize,
        place: Option<PlaceRank>,
    ) -> bool {
        for k in start..end {
            if let Some(o) = self.owner[k].take() {
                self.spans[o].start = self.spans[o].end;
            }
        }
        self.claim(kind, start, end, place)
    }

    /// Words are joined by spaces only (or by a hyphen between capitalised words).
    pub(super) fn joined(&self, i: usize) -> bool {
        i < self.n() && self.toks[i].gap == ' '
    }

    pub(super) fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || matches!(
                self.toks[i].gap,
                '.' | '!' | '?' | ':' | ';' | '"' | '“' | '(' | '*' | '-' | '–' | '•' | '\''
            )
    }

    /// Char index to word index, for spans found on the text.
    pub(super) fn word_range(&self, start_char: usize, end_char: usize) -> Option<(usize, usize)> {
        // Words are in order, so both ends are found by binary search.
        let s = self.toks.partition_point(|t| t.start < start_char);
        let e = self.toks.partition_point(|t| t.end < end_char);
        let found = self.toks.get(s)?.start == start_char && self.toks.get(e)?.end == end_char;
        (found && s <= e).then_some((s, e + 1))
    }

    /// The char index of a byte offset that starts a char (or is the end).
    pub(super) fn char_of_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    /// Lexicon entries on whole words, with the case the entry requires; the longest at each word.
    pub(super) fn find_marks(&mut self) {
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
            // A title of several words is a title in lower case too ("trưởng công an xã",
            // after a name and a comma); a one-word entry in capitals is a name only so.
            let title_phrase = entry.category == Category::Title && s < e;
            let ok = if entry_upper {
                self.chars[sc..ec].iter().copied().eq(entry.surface.chars())
            } else {
                !first.is_uppercase() || self.chars[sc].is_uppercase() || title_phrase
            };
            if !ok {
                continue;
            }
            if entry.category == Category::Field {
                self.fields[s] = self.fields[s].max(e as u32 + 1);
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

    /// Where the field starting at word `i` ends, if one does and its words are one phrase.
    pub(super) fn field_end(&self, i: usize) -> Option<usize> {
        let end = *self.fields.get(i)? as usize;
        (end > i && (i + 1..end).all(|k| self.joined(k) || self.toks[k].gap == ',')).then_some(end)
    }

    pub(super) fn mark(&self, i: usize) -> Option<Mark> {
        self.marks.get(i).copied().flatten()
    }

    pub(super) fn mark_is(&self, i: usize, pred: impl Fn(Category) -> bool) -> bool {
        self.mark(i).is_some_and(|m| pred(m.cat))
    }

    /// A place at word `i`: a gazetteer place, or a place head word with a name after it.
    pub(super) fn place_at(&self, i: usize) -> Option<(usize, PlaceRank)> {
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
                let admin = matches!(
                    head,
                    "xã" | "phường"
                        | "huyện"
                        | "quận"
                        | "thị"
                        | "tỉnh"
                        | "thành"
                        | "tp"
                        | "khóm"
                        | "ấp"
                        | "thôn"
                );
                if let Some((end, _)) = self
                    .place_at(m.end)
                    .filter(|_| !self.mark_is(m.end, |c| c == Category::LocHead))
                {
                    // "xã Mỹ Hội": a known place ("Mỹ") opening a longer name after a level
                    // of government is only the start of it.
                    let end = if admin {
                        end.max(self.admin_name(m.end))
                    } else {
                        end
                    };
                    return Some((end, PlaceRank::Prefixed));
                }
                // A numbered road or district: "quốc lộ 1A", "quận 10", "tỉnh lộ 869".
                if self.toks[m.end].num && self.words[m.end].chars().count() <= 5 {
                    return Some((m.end + 1, PlaceRank::Prefixed));
                }
                let end = if admin {
                    self.admin_name(m.end)
                } else {
                    self.cap_run(m.end, 6)
                };
                // Place names capitalise every syllable: one capital followed by lower-case
                // words opens a common phrase ("vùng Thủ đô", "đường Vành đai"), not a name.
                let opens_phrase = end == m.end + 1
                    && end < self.n()
                    && self.joined(end)
                    && !self.toks[end].cap
                    && !self.toks[end].num
                    && !is_stop(self.lower(end));
                // "Phó chủ tịch UBND thành phố Dương Anh Đức": a city or province the
                // gazetteers do not know, named like a person, is the person after the office.
                let lex = Lexicon::get();
                let person_like = end - m.end >= 3
                    && matches!(head, "thành" | "tỉnh" | "tp")
                    && lex.is_surname(self.words[m.end])
                    && (m.end + 1..end - 1).all(|k| lex.is_given_name(self.words[k]));
                (end > m.end && !opens_phrase && !person_like).then_some((end, PlaceRank::Prefixed))
            }
            _ => None,
        }
    }

    /// The end of the name after a level of government ("xã Hậu Mỹ Trinh", "huyện Vụ Bản",
    /// "tỉnh Thừa Thiên - Huế"): up to four capitalised words, through words that elsewhere
    /// name a country or open a name ("Mỹ", "Bản"), stopping at a title, an honorific, an
    /// organisation or a known place.
    pub(super) fn admin_name(&self, i: usize) -> usize {
        // A person's name after the place: "UBND xã Tân Lập Nguyễn Văn An".
        self.cap_run_until(i, 4, |d, j| {
            d.starts_person(j)
                || d.mark_is(j, |c| {
                    matches!(
                        c,
                        Category::Title
                            | Category::Honorific
                            | Category::Org
                            | Category::Province
                            | Category::City
                    )
                })
        })
    }

    /// Whether a person's name starts at word `j`: a surname, then a given name.
    pub(super) fn starts_person(&self, j: usize) -> bool {
        let lex = Lexicon::get();
        lex.is_surname(self.words[j])
            && j + 1 < self.n()
            && self.joined(j + 1)
            && self.toks[j + 1].cap
            && lex.is_given_name(self.words[j + 1])
    }

    /// The end of a run of capitalised words from `i` joined by spaces (or hyphens), stopping
    /// before a title, a known entity or a head word.
    pub(super) fn cap_run(&self, i: usize, max: usize) -> usize {
        if self.owner.get(i).is_some_and(Option::is_some) {
            return i;
        }
        self.cap_run_until(i, max, |d, j| {
            d.mark(j).is_some() || d.owner[j].is_some() || d.opens[j]
        })
    }

    /// The end of a run of at most `max` capitalised words from `i` joined by spaces (or
    /// hyphens), before the first word after `i` that `stops` says ends it.
    pub(super) fn cap_run_until(
        &self,
        i: usize,
        max: usize,
        stops: impl Fn(&Self, usize) -> bool,
    ) -> usize {
        let mut j = i;
        while j < self.n()
            && j - i < max
            && self.toks[j].cap
            && !self.toks[j].num
            && (j == i
                || ((self.joined(j) || (self.toks[j].gap == '-' && self.toks[j - 1].cap))
                    && !stops(self, j)))
        {
            j += 1;
        }
        j
    }

    /// Where the run of free lower-case words joined to the text from word `from` ends: at
    /// most `most` of them, and none that `ends` says closes the run (a function word).
    pub(super) fn lower_run(
        &self,
        from: usize,
        most: usize,
        ends: impl Fn(&Self, usize) -> bool,
    ) -> usize {
        let mut k = from;
        while k < self.n()
            && k - from < most
            && self.joined(k)
            && !self.toks[k].cap
            && !self.toks[k].num
            && self.owner[k].is_none()
            && !ends(self, k)
        {
            k += 1;
        }
        k
    }

    pub(super) fn span_text(&self, s: &Span) -> String {
        let end = self.toks[s.end - 1].end + s.tail;
        self.text[self.bytes[self.toks[s.start].start]..self.bytes[end]].to_owned()
    }

    /// The longest phrase of `set` the words from `start` spell, and where it ends.
    pub(super) fn phrase_at(&self, set: &PhraseSet, start: usize) -> Option<(usize, &'static str)> {
        set.opened_by(self.lower(start))
            .iter()
            .find_map(|p| self.spells(start, p).map(|end| (end, *p)))
    }

    /// Where the words from `start` spell `phrase` (lower case, one space apart) ends, if
    /// they do, joined by spaces.
    pub(super) fn spells(&self, start: usize, phrase: &str) -> Option<usize> {
        let mut k = start;
        for part in phrase.split(' ') {
            if k >= self.n() || (k > start && !self.joined(k)) || self.lower(k) != part {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    pub(super) fn words_text(&self, start: usize, end: usize) -> String {
        if start >= end {
            return String::new();
        }
        self.text[self.bytes[self.toks[start].start]..self.bytes[self.toks[end - 1].end]].to_owned()
    }
}

pub(super) fn priority(c: Category) -> u8 {
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
        Category::Occupation | Category::Honorific | Category::Field => 0,
    }
}
