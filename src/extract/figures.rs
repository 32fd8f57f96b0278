//! Figures: numbers with what they count, their unit, scale and sign.

use super::doc::{is_stop, Doc, Span, UNIT_STOP};
use super::lexicon::Category;
use super::{EntityKind, Fact};

impl Doc<'_> {
    pub(super) fn find_quantities(&mut self) {
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
            let spelled = !t.num && self.spelled_count(i);
            if !(spelled || (t.num && is_figure(self.words[i]))) || self.owner[i].is_some() {
                continue;
            }
            // "số 5" labels, but "trong số 80 doanh nghiệp" (among 80 firms) counts.
            let among = i > 1 && self.lower(i - 1) == "số" && self.lower(i - 2) == "trong";
            // "từ năm 14 tuổi" (from the age of 14): an age, though "năm" labels years.
            let age = i + 1 < self.n() && self.joined(i + 1) && self.lower(i + 1) == "tuổi";
            if i > 0 && self.joined(i) && LABELS.contains(&self.lower(i - 1)) && !among && !age {
                continue;
            }
            // A unit's number ("Lữ đoàn 172", "quận 3") names it; it counts nothing.
            let head = (i.saturating_sub(2)..i).any(|k| {
                self.mark(k).is_some_and(|m| {
                    m.end == i && matches!(m.cat, Category::OrgHead | Category::LocHead)
                })
            });
            if head && self.joined(i) {
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
            // "70%", "25-30 %": the sign is the unit.
            let sign = if self.chars.get(t.end) == Some(&'%') {
                Some(1)
            } else if self.chars.get(t.end) == Some(&' ') && self.chars.get(t.end + 1) == Some(&'%')
            {
                Some(2)
            } else {
                None
            };
            if let Some(tail) = sign {
                if self.claim(EntityKind::Quantity, start, i + 1, None) {
                    if let Some(span) = self.spans.last_mut() {
                        span.tail = tail;
                    }
                }
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
                // "205 đối tượng", "12 bị can": people counted by what the text calls them
                // (words that, alone, may end a unit: "đối với").
                if let Some(m) = self.mark(j).filter(|m| {
                    j == unit_start && matches!(m.cat, Category::Honorific | Category::Occupation)
                }) {
                    j = m.end;
                    continue;
                }
                let w = self.lower(j);
                // "37 độ C": the scale's letter.
                let scale = j > unit_start
                    && self.lower(j - 1) == "độ"
                    && matches!(self.words[j], "C" | "F");
                if UNIT_STOP.contains(w)
                    || (j > unit_start && self.toks[j].cap && !scale)
                    || (j > unit_start && self.spelled_count(j))
                {
                    break;
                }
                // Time is counted in one word: "3 tháng", "một tuần" (what follows is the rest
                // of the sentence).
                if j == unit_start
                    && matches!(
                        w,
                        "giây" | "phút" | "giờ" | "ngày" | "tuần" | "tháng" | "năm"
                    )
                {
                    j += 1;
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
            // "420.000 đồng/kg", "2 triệu đồng/tháng": the unit it is counted per.
            if j < self.n()
                && self.toks[j].gap == '/'
                && self.toks[j].start == self.toks[j - 1].end + 1
                && !self.toks[j].cap
                && !self.toks[j].num
                && self.owner[j].is_none()
                && self.words[j].chars().count() <= 6
            {
                j += 1;
            }
            self.claim(EntityKind::Quantity, start, j, None);
        }
    }

    /// Whether word `i` is a number written out that counts what follows: "hai người",
    /// "ba tháng", "mười xe", and "một" only before a measure ("một tuần", "một tấn"), since it
    /// is also the article "a". "năm" (five, or year) is left to the dates.
    fn spelled_count(&self, i: usize) -> bool {
        const SPELLED: &[&str] = &["hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười"];
        const MEASURES: &[&str] = &[
            "ngày", "tuần", "tháng", "năm", "giờ", "phút", "tấn", "tạ", "lít", "mét", "người",
        ];
        let w = self.words[i];
        if !(SPELLED.contains(&w) || w == "một") {
            return false;
        }
        let next = i + 1 < self.n()
            && self.joined(i + 1)
            && !self.toks[i + 1].cap
            && !self.toks[i + 1].num
            && self.owner[i + 1].is_none()
            && !UNIT_STOP.contains(self.lower(i + 1))
            && !is_stop(self.lower(i + 1));
        // "ba mẹ", "ba má": father, not three (`next` says there is a word after).
        let parents = next && w == "ba" && matches!(self.lower(i + 1), "mẹ" | "má");
        next && !parents
            && (SPELLED.contains(&w) || (w == "một" && MEASURES.contains(&self.lower(i + 1))))
    }
}

pub(super) fn quantity_fact(doc: &Doc, s: &Span, block: usize) -> Fact {
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

/// A number as figures write it: digits with thousands dots and decimal commas ("1.200",
/// "2,5"), or a range of two ("3-4", "15.000-20.000").
fn is_figure(word: &str) -> bool {
    let number = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    match word.split_once('-') {
        Some((a, b)) => number(a) && number(b),
        None => number(word),
    }
}
