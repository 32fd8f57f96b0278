//! Dates in their Vietnamese forms, checked, and completed with the year of the dateline.

use std::sync::LazyLock;

use regex::Regex;

use crate::clean::Block;

use super::doc::{is_stop, Doc};
use super::EntityKind;

impl Doc<'_> {
    pub(super) fn find_dates(&mut self) {
        static DATE: LazyLock<Regex> = LazyLock::new(|| {
            // A year of the sixty-year cycle: "Quý Mão", "Đinh Hợi". (No word boundary after
            // it: Unicode's would take the whole pattern off the fast engine, a sixth of the
            // speed, and ASCII's fails after "Tý".)
            let can_chi = "(?:giáp|ất|bính|đinh|mậu|kỷ|canh|tân|nhâm|quý)\\s+\
                           (?:tý|sửu|dần|mão|mẹo|thìn|tỵ|tị|ngọ|mùi|thân|dậu|tuất|hợi)";
            Regex::new(
                &r"(?ix)
                (?-u:\b)(?:ngày\s+)?\d{1,2}\s+(?:đến|tới)\s+(?:ngày\s+)?\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{4})?(?-u:\b)
              | (?:(?-u:\b)(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:ngày\s+)?)?
                (?-u:\b)\d{1,2}(?:\s*[-–]\s*\d{1,2})?/\d{1,2}(?:/\d{4})?(?-u:\b)
              | (?-u:\b)(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày)\s+(?:ngày\s+)?\d{1,2}-\d{1,2}(?:-\d{4})?(?-u:\b)
              | (?-u:\b)ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?(?-u:\b)
              | (?-u:\b)(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:ngày\s+)?\d{1,2}\.\d{1,2}(?:\.\d{4})?(?-u:\b)
              | (?-u:\b)\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?-u:\b)
              | (?-u:\b)tháng\s+\d{1,2}\s*[-–]\s*\d{1,2}(?-u:\b)
              | (?-u:\b)tháng\s+\d{1,2}(?:\s*[-/.]\s*\d{4}|\s+năm\s+\d{4})?(?-u:\b)
              | (?-u:\b)(?:(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày)\s+)?mùng\s+\d{1,2}(?:\s+(?:tết|tháng\s+(?:giêng|chạp|\d{1,2})))?(?-u:\b)(?:\s+CANCHI)?(?:\s+\d{4}(?-u:\b))?
              | (?-u:\b)(?:(?:(?:rạng\s+)?sáng|trưa|chiều|tối|đêm|ngày)\s+)?\d{1,2}\s+(?:tết|tháng\s+(?:giêng|chạp))(?-u:\b)(?:\s+CANCHI)?(?:\s+\d{4}(?-u:\b))?
              | (?-u:\b)năm\s+CANCHI(?:\s+\d{4}(?-u:\b))?
              | (?-u:\b)(?:thập\s+niên\s+)?(?:19|20)\d{2}(?-u:\b)
              | (?-u:\b)(?:quý\s+(?:[1-4]|I{1,3}|IV)(?:\s*[-/]\s*\d{4}|\s+năm\s+\d{4})?)
              | (?-u:\b)(?:(?:cuối|đầu|giữa)\s+)?(?:năm(?:\s+học)?|mùa(?:\s+giải)?|niên\s+vụ|giai\s+đoạn|nhiệm\s+kỳ|niên\s+khóa|niên\s+khoá|thời\s+kỳ)\s+\d{4}(?:\s*[-–]\s*\d{4})?(?-u:\b)
              | (?-u:\b)thế\s+kỷ\s+(?:\d{1,2}|[IVXL]+)(?-u:\b)"
                    .replace("CANCHI", can_chi),
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
        let found: Vec<(usize, usize, bool)> = DATE
            .find_iter(self.text)
            .filter(|m| valid_date(m.as_str()))
            .map(|m| {
                let bare = m.as_str().bytes().all(|b| b.is_ascii_digit());
                (
                    self.char_of_byte(m.start()),
                    self.char_of_byte(m.end()),
                    bare,
                )
            })
            .collect();
        for (s, e, bare) in found {
            let Some((a, b)) = self.word_range(s, e) else {
                continue;
            };
            // A bare year counts nothing: "2020 người" is a figure, "số 2020" a number.
            let counts = b < self.n()
                && self.joined(b)
                && !self.toks[b].cap
                && !self.toks[b].num
                && !is_stop(self.lower(b));
            let numbered = a > 0
                && self.joined(a)
                && matches!(self.lower(a - 1), "số" | "mã" | "khoảng" | "hơn" | "gần");
            if bare && (counts || numbered) {
                continue;
            }
            self.claim(EntityKind::Date, a, b, None);
        }
    }
}

pub(super) fn valid_date(s: &str) -> bool {
    static NUMS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));
    let nums: Vec<u32> = NUMS
        .find_iter(s)
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    let lower = s.to_lowercase();
    // Lunar dates: "mùng 6 Tết", "23 tháng Chạp", "mùng 8 tháng Giêng".
    if ["mùng", "tết", "giêng", "chạp"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return nums.first().is_some_and(|d| (1..=30).contains(d));
    }
    // "24/7" is round the clock.
    if s == "24/7" {
        return false;
    }
    if lower.contains("tháng") && !lower.starts_with("ngày") {
        // "tháng 3-4": two months; "tháng 3/2024": a month of a year.
        let second_ok = |n: &u32| (1900..=2100).contains(n) || (nums[0] < *n && *n <= 12);
        return nums.first().is_some_and(|m| (1..=12).contains(m))
            && nums.get(1).is_none_or(second_ok);
    }
    // "2023 - 2024": a season or a term.
    if nums.len() == 2 && nums.iter().all(|y| (1900..=2100).contains(y)) && nums[0] < nums[1] {
        return true;
    }
    if s.contains(['/', '.'])
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

pub(super) fn iso_to_dmy(iso: &str) -> String {
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
pub(super) fn complete_date(
    text: &str,
    published: Option<&str>,
    blocks: &[Block],
) -> (Option<String>, bool) {
    static CORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d\s/\-–]*\d|\d").expect("valid regex"));
    static YEAR_IN_TEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\btrong\s+năm\s+(\d{4})\b").expect("valid regex"));
    let core = CORE
        .find(text)
        .map_or(text, |m| m.as_str())
        .replace(' ', "");
    let has_year = core.rsplit(['/', '-']).next().is_some_and(|y| y.len() == 4);
    if has_year {
        return (Some(core), false);
    }
    // "tháng 3", "mùng 8 Tết": a number alone says nothing; the words say which.
    if !core.contains(['/', '-']) {
        return (Some(text.trim().to_owned()), false);
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
