//! The embedded lexicons (gazetteers, titles, head words), matched with one Aho-Corasick
//! automaton over `text::key`, so case and tone-mark placement do not matter.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::text::key;

/// What a lexicon entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// A rank, title or office that precedes a name.
    Title,
    /// "ông", "bà", "ngài": precedes a name, lower case in running text.
    Honorific,
    /// An occupation or an office written in lower case ("tài xế", "thẩm phán", "tổng
    /// thống"): a role only when a name follows it.
    Occupation,
    Country,
    City,
    Province,
    Region,
    /// A named organisation.
    Org,
    /// A word that opens an organisation's name ("Bộ", "Tổng cục", "Ban").
    OrgHead,
    /// A word that opens a place name ("tỉnh", "thành phố", "Vương quốc").
    LocHead,
    /// A word that opens an event's name ("Hội nghị", "Kỳ họp").
    EventHead,
    /// A domain an organisation is named for ("giao thông vận tải", "phụ nữ"): a name keeps it
    /// whole, lower-case words included.
    Field,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub category: Category,
    /// The entry as written in the list; its case decides how text must be cased to match.
    pub surface: String,
    /// The entry is an all-capitals acronym ("INTERPOL"), matched only as written.
    pub upper: bool,
}

pub struct Lexicon {
    automaton: AhoCorasick,
    pub entries: Vec<Entry>,
    pub surnames: HashSet<String, foldhash::fast::RandomState>,
    pub given_names: HashSet<String, foldhash::fast::RandomState>,
}

macro_rules! asset {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/", $path))
    };
}

/// The first column of each data row of a TSV (comments and the header skipped).
fn first_column(tsv: &str, header: bool) -> impl Iterator<Item = &str> {
    tsv.lines()
        .skip(usize::from(header))
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::trim)
}

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// Honorifics that precede a name; the rest of ranks_titles' honorific rows are legal statuses,
/// which also precede names.
const HONORIFICS: &[&str] = &[
    "ông",
    "bà",
    "ngài",
    "đồng chí",
    "bị cáo",
    "bị can",
    "nghi phạm",
    "đối tượng",
    "nạn nhân",
    "anh",
    "chị",
    "em",
    "cháu",
    "bé",
    "cụ",
    "cô",
    "chú",
    // Honorifics of other countries, written before the name and no part of it: "Samdech Hun
    // Sen", "Datuk Seri Anwar Ibrahim", "Tan Sri Muhyiddin Yassin", "Sheikh Mohammed".
    "Samdech",
    "Samdech Techo",
    "Datuk",
    "Datuk Seri",
    "Dato",
    "Dato Sri",
    "Tan Sri",
    "Tun",
    "Sheikh",
    "Sir",
    "Dame",
];

/// Middle names that the given-name lists leave out because they are rarely given alone.
const MIDDLE_NAMES: &[&str] = &[
    "Thị", "Văn", "Hữu", "Đình", "Công", "Đức", "Bá", "Khắc", "Duy", "Thế",
];

impl Lexicon {
    fn build() -> Lexicon {
        let mut entries: Vec<Entry> = Vec::new();
        let mut add = |surface: &str, category: Category| {
            let surface = crate::text::nfc(surface.trim());
            if !surface.is_empty() {
                let letters = surface.chars().filter(|c| c.is_alphabetic());
                let upper = letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase);
                entries.push(Entry {
                    category,
                    surface,
                    upper,
                });
            }
        };
        for row in rows(asset!("gazetteers/ranks_titles_vi.tsv")) {
            match row.get(1).copied() {
                Some("honorific" | "legal_status" | "profession") | None => {}
                Some(_) => add(row[0], Category::Title),
            }
        }
        for h in HONORIFICS {
            add(h, Category::Honorific);
        }
        for o in first_column(asset!("lexicon/occupations_vi.tsv"), false) {
            add(o, Category::Occupation);
        }
        // A minister's portfolio is the ministry's name without "Bộ": "Bộ trưởng Quốc phòng",
        // "Thứ trưởng Khoa học và Công nghệ".
        for row in rows(asset!("gazetteers/ministries_vi_2025.tsv")) {
            if let Some(field) = row[0].strip_prefix("Bộ ") {
                for office in ["Bộ trưởng", "Thứ trưởng", "Thứ trưởng Thường trực"]
                {
                    add(&format!("{office} {field}"), Category::Title);
                }
            }
        }
        for f in first_column(asset!("lexicon/fields_vi.tsv"), false) {
            add(f, Category::Field);
        }
        for org in first_column(asset!("gazetteers/ministries_vi_2025.tsv"), false) {
            // "Bộ Văn hóa, Thể thao và Du lịch": the field whole, and each of its parts.
            if let Some(field) = org.strip_prefix("Bộ ") {
                add(&field.to_lowercase(), Category::Field);
                for part in field.split([',', '-']).flat_map(|p| p.split(" và ")) {
                    add(&part.trim().to_lowercase(), Category::Field);
                }
            }
        }
        for t in first_column(asset!("lexicon/titles_extra_vi.tsv"), false) {
            add(t, Category::Title);
        }
        for line in asset!("gazetteers/countries_vi_umpirsky.csv")
            .lines()
            .skip(1)
        {
            let name = line
                .split_once(',')
                .map_or("", |(_, n)| n)
                .trim_matches('"');
            add(name, Category::Country);
            // "Hồng Kông, Trung Quốc" and "Myanmar (Miến Điện)": the short form is what news uses.
            if let Some((short, _)) = name.split_once([',', '(']) {
                add(short, Category::Country);
            }
            if let Some(short) = name.strip_prefix("Lãnh thổ ") {
                add(short, Category::Country);
            }
        }
        for row in rows(asset!("gazetteers/country_aliases_vi.tsv")) {
            // "Anh" and "Đức" are also given names; they are handled by context, not listed.
            if !matches!(row[0], "Anh" | "Đức") {
                add(row[0], Category::Country);
            }
        }
        for row in rows(asset!("lexicon/places_vi.tsv")) {
            let category = match row.get(1).copied() {
                Some("city") => Category::City,
                Some("region") => Category::Region,
                _ => Category::Country,
            };
            add(row[0], category);
        }
        for tsv in [
            asset!("gazetteers/vn_provinces_2025.tsv"),
            asset!("gazetteers/vn_provinces_pre2025_63.tsv"),
        ] {
            for row in rows(tsv).skip(1) {
                add(row[1], Category::Province);
            }
        }
        // Districts (before 2025, as most archives name them), but those made only of the
        // syllables of people's names ("Thanh Xuân", "Hoàng Mai"), which name people as often,
        // and numbered ones.
        let given_names: HashSet<String, foldhash::fast::RandomState> =
            asset!("gazetteers/given_name_syllables_male_duyet.txt")
                .lines()
                .chain(asset!("gazetteers/given_name_syllables_female_duyet.txt").lines())
                .chain(first_column(
                    asset!("gazetteers/surnames_vi_freq.tsv"),
                    true,
                ))
                .chain(MIDDLE_NAMES.iter().copied())
                .map(|s| key(s.trim()))
                .filter(|s| !s.is_empty())
                .collect();
        for row in rows(asset!("gazetteers/vn_districts_pre2025.tsv")).skip(1) {
            let name = row.get(2).copied().unwrap_or_default();
            let all_name_syllables = name.split(' ').all(|w| given_names.contains(&key(w)));
            if !all_name_syllables && !name.starts_with(|c: char| c.is_ascii_digit()) {
                add(name, Category::City);
            }
        }
        // Written with a dash as often as without, and Đắk with a plain ă as often as not.
        for alias in [
            "Thừa Thiên - Huế",
            "Đăk Lăk",
            "Đắc Lắc",
            "Đăk Nông",
            "Đắc Nông",
        ] {
            add(alias, Category::Province);
        }
        for org in first_column(asset!("gazetteers/ministries_vi_2025.tsv"), false) {
            add(org, Category::Org);
        }
        for row in rows(asset!("gazetteers/intl_police_orgs_vi.tsv")) {
            if row.get(1) != Some(&"AMBIGUOUS") && !row[0].starts_with("Hội nghị") {
                add(row[0], Category::Org);
            }
        }
        for org in first_column(asset!("lexicon/orgs_vi.tsv"), false) {
            add(org, Category::Org);
            // Running text writes a party with a small "đảng": "đảng Cộng hòa".
            if let Some(name) = org.strip_prefix("Đảng ") {
                add(&format!("đảng {name}"), Category::Org);
            }
        }
        for row in rows(asset!("gazetteers/org_prefixes_vi.tsv")) {
            let category = if row.get(1).is_some_and(|k| k.starts_with("EVENT")) {
                Category::EventHead
            } else {
                Category::OrgHead
            };
            add(row[0], category);
        }
        for row in rows(asset!("gazetteers/loc_prefixes_vi.tsv")) {
            add(row[0], Category::LocHead);
        }
        for row in rows(asset!("lexicon/heads_vi.tsv")) {
            let category = match row.get(1).copied() {
                Some("loc") => Category::LocHead,
                Some("event") => Category::EventHead,
                _ => Category::OrgHead,
            };
            add(row[0], category);
        }
        // A title that ends in an organisation's name ("Ủy viên Bộ Chính trị") is read as the
        // title and the organisation, so both are found.
        let org_keys: Vec<String> = entries
            .iter()
            .filter(|e| e.category == Category::Org)
            .map(|e| format!(" {}", key(&e.surface)))
            .collect();
        // So is a title made of another title and an organisation's head word ("Bí thư Thành
        // ủy", "Chủ tịch UBND"): the head then grows into the organisation it names ("Thành ủy
        // Hà Nội", "UBND TP HCM"), which the role takes in.
        let head_keys: Vec<String> = entries
            .iter()
            .filter(|e| e.category == Category::OrgHead)
            .map(|e| format!(" {}", key(&e.surface)))
            .collect();
        let title_keys: HashSet<String, foldhash::fast::RandomState> = entries
            .iter()
            .filter(|e| e.category == Category::Title)
            .map(|e| key(&e.surface))
            .collect();
        entries.retain(|e| {
            let k = key(&e.surface);
            e.category != Category::Title
                || !(org_keys.iter().any(|o| k.ends_with(o.as_str()))
                    || head_keys.iter().any(|h| {
                        k.strip_suffix(h.as_str())
                            .is_some_and(|title| title_keys.contains(title))
                    }))
        });
        let keys: Vec<String> = entries.iter().map(|e| key(&e.surface)).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A full DFA (3.7 MB, 25 ms to build once) over the default contiguous NFA: a
            // fifth faster to search, and every block of every article is searched.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .expect("lexicon automaton builds");
        let surnames = first_column(asset!("gazetteers/surnames_vi_freq.tsv"), true)
            .map(key)
            .collect();
        Lexicon {
            automaton,
            entries,
            surnames,
            given_names,
        }
    }

    /// The shared lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);
        &LEXICON
    }

    /// Every entry found in `text_key` (a `text::key` string), as (entry, start byte, end byte),
    /// overlapping matches included.
    pub fn find<'a>(
        &'a self,
        text_key: &'a str,
    ) -> impl Iterator<Item = (&'a Entry, usize, usize)> + 'a {
        self.automaton
            .find_overlapping_iter(text_key)
            .map(|m| (&self.entries[m.pattern().as_usize()], m.start(), m.end()))
    }

    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(&key(word))
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&key(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories(text: &str) -> Vec<(String, Category)> {
        let k = key(text);
        Lexicon::get()
            .find(&k)
            .map(|(e, _, _)| (e.surface.clone(), e.category))
            .collect()
    }

    #[test]
    fn finds_entries_regardless_of_tone_placement() {
        let found = categories("tỉnh Thanh Hoá");
        assert!(
            found.contains(&("Thanh Hóa".to_owned(), Category::Province)),
            "{found:?}"
        );
        let found = categories("Thượng tướng");
        assert!(found.iter().any(|(_, c)| *c == Category::Title));
    }

    #[test]
    fn name_lists_load() {
        let lex = Lexicon::get();
        assert!(lex.is_surname("Nguyễn") && lex.is_surname("nguyễn"));
        assert!(!lex.is_surname("Trong"));
        assert!(lex.is_given_name("Văn"));
        assert!(lex.entries.len() > 500, "{}", lex.entries.len());
    }
}
