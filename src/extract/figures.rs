//! Figures: numbers with what they count, their unit, scale and sign.

use super::doc::{Doc, Span, UNIT_STOP};
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

    pub(super) fn push_quantity_span(&mut self, start: usize, end: usize, _text: String) {
        self.claim(EntityKind::Quantity, start, end, None);
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
