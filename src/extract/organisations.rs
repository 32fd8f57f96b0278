//! Organisations and places: grown from a head word or a known name over the words that
//! qualify it, places from the gazetteers and the words that introduce them.

use crate::text::fold;

use super::doc::{is_stop, Doc, Mark, PhraseSet, PlaceRank, NOT_ACRONYMS, UNIT_STOP};
use super::lexicon::Category;
use super::EntityKind;

/// Whether a lower-case head word is part of the place's name: a river, a mountain, a pass,
/// a tower, a pagoda, a temple ("sông Đáy", "núi Đọi", "tháp Chí Nghĩa"), unlike "thành phố
/// Lyon" or "tỉnh Nghệ An", whose name stands alone.
fn keeps_head(head: &str) -> bool {
    matches!(
        head,
        "sông" | "núi" | "đèo" | "tháp" | "chùa" | "đền" | "vịnh" | "đảo"
    )
}

/// Common words whose first syllable, capitalised, is a country's short name.
static COUNTRY_COMPOUNDS: PhraseSet = PhraseSet::new(&[
    "ý tưởng",
    "ý kiến",
    "ý nghĩa",
    "ý thức",
    "ý định",
    "ý chí",
    "ý muốn",
    "ý nguyện",
    "pháp luật",
    "pháp lý",
    "pháp nhân",
    "pháp chế",
    "pháp quyền",
    "pháp y",
    "pháp sư",
    "mỹ phẩm",
    "mỹ thuật",
    "mỹ nghệ",
    "mỹ quan",
    "mỹ nhân",
    "mỹ mãn",
    "mỹ vị",
    "anh em",
    "anh hùng",
    "anh chị",
    "anh tài",
    "đức tin",
    "đức tính",
    "đức độ",
    "nhật ký",
    "nhật báo",
    "nhật thực",
    "hàn gắn",
]);

/// Bodies that news writes in lower case too, named by the place they serve.
static LOWER_BODIES: PhraseSet = PhraseSet::new(&[
    "viện kiểm sát nhân dân",
    "tòa án nhân dân",
    "văn phòng công tố",
    "viện kiểm sát",
    "công an",
    "tòa án",
    "tòa hình sự",
    "tòa dân sự",
    "tòa phúc thẩm",
]);

/// Whether word `k` is a function word only in looks: "không" of "hàng không" (aviation) and
/// "phòng không" (air defence).
fn compound(doc: &Doc, k: usize) -> bool {
    k > 0 && doc.lower(k) == "không" && matches!(doc.lower(k - 1), "hàng" | "phòng")
}

impl Doc<'_> {
    /// Whether word `k` ends a name's lower-case tail: a function word, unless a compound
    /// makes it part of a noun.
    fn ends_name(&self, k: usize) -> bool {
        is_stop(self.lower(k)) && !compound(self, k)
    }
}

/// How many words the level of government at word `j` takes ("tỉnh", "thành phố", "TP",
/// "thị xã"), if there is one.
pub(super) fn admin_level(doc: &Doc, j: usize) -> Option<usize> {
    let two = j + 1 < doc.n() && doc.joined(j + 1);
    match doc.lower(j) {
        "thành" | "thị" if two && matches!(doc.lower(j + 1), "phố" | "xã" | "trấn") => {
            Some(2)
        }
        "tỉnh" | "huyện" | "quận" | "xã" | "phường" | "tp" => Some(1),
        _ => None,
    }
}

impl Doc<'_> {
    /// Grows an organisation from a head word or a known organisation at `start` whose head
    /// ends at `j`.
    pub(super) fn grow_org(&self, start: usize, mut j: usize, known: bool) -> usize {
        let head_end = j;
        let mut end = j;
        let mut closed = known;
        let mut took_cap = false;
        while j < self.n() && self.owner[j].is_none() {
            let t = self.toks[j];
            // "Á-Thái Bình Dương" and "Mekong - Lan Thương" join a name; a spaced dash before
            // an acronym or a known name parts two ("HAGL - CLB Hà Nội").
            let hyphen = t.gap == '-'
                && t.cap
                && self.toks[j - 1].cap
                && (t.start == self.toks[j - 1].end + 1
                    || (!t.upper && self.mark(j).is_none() && self.owner[j].is_none()));
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
            // A unit's number right after its head word: "Lữ đoàn 551", "Đơn vị 504".
            if t.num && j == head_end && !known {
                j += 1;
                end = j;
                closed = true;
                continue;
            }
            // The level of government it serves, named or not: "UBND tỉnh", "Công an xã",
            // "UBND thành phố" (the place, when named, is taken above).
            if let Some(level) = admin_level(self, j) {
                j += level;
                end = j;
                if j < self.n() && self.joined(j) && self.toks[j].num {
                    j += 1;
                    end = j;
                } else if j < self.n()
                    && self.joined(j)
                    && self.toks[j].cap
                    && self.owner[j].is_none()
                    && self.place_at(j).is_none()
                    && !self.starts_person(j)
                {
                    // A place the gazetteers lack: "Công an huyện Cái Bè".
                    j = self.admin_name(j);
                    end = j;
                }
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
            // A field the organisation is named for, kept whole: "Giao thông vận tải",
            // "Cảnh sát giao thông"; in lower case only right after the head or another field
            // ("Đội tuần tra kiểm soát", "Tình báo quân đội").
            if let Some(fe) = self.field_end(j) {
                let follows = j == head_end || (took_cap && end == j);
                if (t.cap || follows) && (j..fe).all(|k| self.owner[k].is_none()) {
                    j = fe;
                    end = fe;
                    took_cap = true;
                    // A unit's number: "Đội Cảnh sát giao thông số 4".
                    if self.joined(j)
                        && self.lower(j) == "số"
                        && self.joined(j + 1)
                        && self.toks[j + 1].num
                    {
                        j += 2;
                        end = j;
                        closed = true;
                    }
                    continue;
                }
            }
            if let Some(m) = self.mark(j).filter(|m| m.cat == Category::Title && t.cap) {
                // "Ban Tổng thư ký", "Ban Giám đốc điều hành": a board named by its office.
                j = m.end;
                end = j;
                took_cap = true;
                let k = self.lower_run(j, 2, |d, k| is_stop(d.lower(k)));
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
            // "Tổ hợp toàn cầu của Interpol": a name of lower-case words is known by whose it
            // is; one that ends in a name ("Lữ đoàn bắc Gaza của Hamas") is not.
            if w == "của"
                && !self.toks[j - 1].cap
                && self.joined(j + 1)
                && self.mark_is(j + 1, |c| c == Category::Org)
            {
                j += 1;
                continue;
            }
            if w == "và"
                && self.joined(j + 1)
                && self.toks.get(j + 1).is_some_and(|n| n.cap && !n.upper)
                && self.mark(j + 1).is_none()
                && took_cap
            {
                j += 1;
                continue;
            }
            // A long lower-case description closed by the level of government and its place:
            // "Ban Quản lý dự án đầu tư xây dựng công trình giao thông TP Hà Nội".
            let long = self.lower_run(j, 10, Self::ends_name);
            if took_cap && long > j && self.joined(long) {
                if let Some(level) = admin_level(self, long) {
                    let named = long + level < self.n()
                        && self.joined(long + level)
                        && self.toks[long + level].cap;
                    if named {
                        j = long;
                        continue;
                    }
                }
            }
            // Lower-case descriptors ("Ban lãnh đạo Interpol") count only when a capitalised
            // word closes them.
            let k = self.lower_run(j, 5, Self::ends_name);
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
                    || self.ends_name(k)
                    || (UNIT_STOP.contains(self.lower(k)) && !compound(self, k))
            };
            // Only after a Vietnamese word: "Ngân hàng OceanBank thua lỗ" ends at the brand.
            let first_tail = took_cap
                && self.toks[j - 1].cap
                && !self.toks[j - 1].mixed
                && crate::text::is_syllable(self.words[j - 1])
                && (start + 1..j - 1).all(|x| !self.toks[x].cap || self.mark(x).is_some());
            if first_tail
                && k > j
                && k - j <= 3
                && phrase_ends(k)
                && !self.mark_is(start, |c| c == Category::Org)
            {
                j = k;
                end = k;
                // "Sở Nông nghiệp và Phát triển nông thôn": a second field joined by "và".
                closed = !and_cap(k);
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

    pub(super) fn find_orgs_and_places(&mut self) {
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
                    // "Ý tưởng" (an idea), "Pháp luật" (the law): a one-word country that
                    // opens a common word at a sentence's start.
                    let common_word = m.cat == Category::Country
                        && m.end == i + 1
                        && self.joined(i + 1)
                        && self.phrase_at(&COUNTRY_COMPOUNDS, i).is_some();
                    if common_word {
                        i = m.end;
                        continue;
                    }
                    if let Some((mut end, rank)) = self.place_at(i) {
                        // Two cities or provinces joined by a dash after a road's word are one
                        // road or line: "cao tốc Hà Nội - Lào Cai", "tuyến Biên Hòa - Vũng
                        // Tàu"; elsewhere "hướng Đà Nẵng - Quảng Trị" names two places.
                        let road = |k: usize| {
                            matches!(
                                self.lower(k),
                                "tốc" | "tuyến" | "đường" | "lộ" | "đoạn" | "sắt" | "bay"
                            )
                        };
                        if rank != PlaceRank::Country
                            && end < self.n()
                            && self.toks[end].gap == '-'
                            && ((i > 0 && road(i - 1)) || (m.end > i && road(m.end - 1)))
                        {
                            if let Some((far, PlaceRank::City | PlaceRank::Province)) =
                                self.place_at(end)
                            {
                                end = far;
                            }
                        }
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
                        let numbered = self.toks.get(m.end).is_some_and(|t| t.num);
                        // "TP Kon Tum", "thành phố Bạc Liêu": a city named after its province
                        // keeps the word that tells it from the province.
                        let city_of_province = matches!(self.lower(i), "tp" | "thành" | "thị")
                            && self.mark_is(m.end, |c| c == Category::Province);
                        let start = if m.cat == Category::LocHead
                            && !self.toks[i].cap
                            && !numbered
                            && !keeps_head(self.lower(i))
                            && !city_of_province
                        {
                            m.end
                        } else {
                            i
                        };
                        // "dãy núi Hoàng Liên Sơn": the range, not one mountain.
                        let start = if start == i
                            && i > 0
                            && self.joined(i)
                            && self.lower(i) == "núi"
                            && self.lower(i - 1) == "dãy"
                            && self.owner[i - 1].is_none()
                        {
                            i - 1
                        } else {
                            start
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

    /// "công an huyện Cái Bè", "tòa hình sự Manhattan", "văn phòng công tố viên Manhattan":
    /// a body written in lower case is named in full when the place it serves follows it,
    /// by its level of government or by name, after at most three words of what it does.
    pub(super) fn bodies_in_lower_case(&mut self) {
        let mut i = 0;
        while i < self.n() {
            let body = (!self.toks[i].cap)
                .then(|| self.phrase_at(&LOWER_BODIES, i))
                .flatten()
                .map(|(end, _)| end)
                .filter(|&end| {
                    self.is_free(i, end) && self.mark(i).is_none_or(|m| m.cat == Category::OrgHead)
                });
            let Some(head_end) = body else {
                i += 1;
                continue;
            };
            let from = self.lower_run(head_end, 3, |d, k| {
                is_stop(d.lower(k)) || admin_level(d, k).is_some()
            });
            let end = if !self.joined(from) {
                None
            } else if let Some(level) = admin_level(self, from) {
                let name = from + level;
                (self.joined(name) && self.toks[name].cap && !self.toks[name].num)
                    .then(|| match self.owner[name] {
                        Some(o) if self.spans[o].start == name => self.spans[o].end,
                        Some(_) => name,
                        None => self.admin_name(name),
                    })
                    .filter(|&e| e > name)
            } else if let Some((e, _)) = self.place_at(from) {
                Some(e)
            } else {
                let e = self.cap_run(from, 3);
                (e > from && !self.starts_person(from)).then_some(e)
            };
            match end {
                Some(end) => {
                    // "Phó công an huyện Cái Bè": a title that ends in the body's name keeps
                    // its own words, and takes in the body as a title takes its organisation.
                    let cover = (i.saturating_sub(4)..i)
                        .rev()
                        .find(|&s| self.marks[s].is_some_and(|m| m.end > i));
                    if let Some(s) = cover {
                        match self.marks[s] {
                            Some(m) if m.cat == Category::Title && self.owner[s].is_none() => {
                                self.marks[s] = Some(Mark { end: i, ..m });
                            }
                            _ => {
                                i = head_end;
                                continue;
                            }
                        }
                    }
                    // A place already found inside becomes part of the name.
                    self.reclaim(EntityKind::Organization, i, end, None);
                    i = end;
                }
                None => i = head_end,
            }
        }
    }

    /// Whether word `k` says a route is spoken of: "cao tốc", "tuyến", "đường", "quốc lộ",
    /// "đoạn" (not "giai đoạn"), "đường sắt", "đường bay", "metro".
    fn names_route(&self, k: usize) -> bool {
        let before = if k > 0 { self.lower(k - 1) } else { "" };
        match self.lower(k) {
            "tuyến" | "đường" | "metro" => true,
            "tốc" => before == "cao",
            "lộ" => matches!(before, "quốc" | "tỉnh" | "huyện"),
            "đoạn" => before != "giai",
            "sắt" | "bay" => matches!(before, "đường" | "chuyến"),
            _ => false,
        }
    }

    /// "Tuyên Quang - Hà Giang", "Mỹ Thuận - Cần Thơ", "Nhổn - ga Hà Nội": two places
    /// joined by a spaced dash in a sentence about a road, a railway or a flight are one
    /// route, named places or capitalised words the gazetteers lack.
    pub(super) fn routes(&mut self) {
        for j in 1..self.n() {
            let t = self.toks[j];
            let spaced = t.gap == '-' && t.start > self.toks[j - 1].end + 1;
            if !spaced || !self.toks[j - 1].cap {
                continue;
            }
            let station = matches!(self.lower(j), "ga" | "cảng");
            // A route's word earlier in the sentence.
            let sentence_start = (1..j)
                .rev()
                .find(|&k| matches!(self.toks[k].gap, '.' | '!' | '?'))
                .unwrap_or(0);
            let road_seen = (sentence_start..j).any(|k| self.names_route(k));
            if !road_seen || !(t.cap || station) {
                continue;
            }
            let place = |d: &Self, k: usize| {
                d.owner[k].filter(|&o| d.spans[o].kind == EntityKind::Location)
            };
            // Back over the left place: a place found, or up to three free capitalised words.
            let left = if let Some(o) = place(self, j - 1) {
                self.spans[o].start
            } else {
                let mut k = j - 1;
                while k > 0
                    && j - k < 3
                    && self.joined(k)
                    && self.toks[k - 1].cap
                    && !self.toks[k - 1].num
                    && (self.owner[k - 1].is_none() || place(self, k - 1).is_some())
                {
                    k -= 1;
                    if let Some(o) = place(self, k) {
                        k = self.spans[o].start;
                        break;
                    }
                }
                k
            };
            let free_left = (left..j).all(|k| {
                place(self, k).is_some() || (self.owner[k].is_none() && self.mark(k).is_none())
            });
            // The right place, perhaps after a station's or a port's word: "ga Hà Nội".
            let right = match place(self, j) {
                Some(o) if self.spans[o].start == j => Some(self.spans[o].end),
                None if self.owner[j].is_none() && self.mark(j).is_none() => {
                    Some(self.cap_run(j, 3)).filter(|&e| e > j)
                }
                _ => None,
            };
            let right = right.or_else(|| {
                (matches!(self.lower(j), "ga" | "cảng") && self.joined(j + 1))
                    .then(|| place(self, j + 1).map(|o| self.spans[o].end))
                    .flatten()
            });
            let (Some(end), true) = (right, free_left) else {
                continue;
            };
            if left >= j || self.starts_person(left) {
                continue;
            }
            self.reclaim(EntityKind::Location, left, end, Some(PlaceRank::Prefixed));
        }
    }

    /// Extends the organisation that ends at `at` over a place right after it
    /// ("Mastercard châu Á-Thái Bình Dương").
    pub(super) fn absorb_place(&mut self, at: usize) {
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
}
