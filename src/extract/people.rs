//! Roles (titles, ranks, offices) and people: names after a title or a cue, names of the
//! surname lists' shape, and later mentions of a name seen in full.

use super::doc::{
    is_stop, Doc, PlaceRank, RolePhrase, GENERIC_ORG_NOUNS, NOT_ACRONYMS, NOT_NAMES, UNIT_STOP,
};
use super::lexicon::{Category, Lexicon};
use super::organisations::admin_level;
use super::{EntityKind, FastSet};

impl Doc<'_> {
    /// Titles become role entities, and each title with its qualifiers and organisation becomes
    /// a role phrase.
    pub(super) fn find_roles(&mut self) {
        for i in 0..self.n() {
            let Some(m) = self.mark(i) else { continue };
            let occupation = m.cat == Category::Occupation;
            if !(m.cat == Category::Title || occupation) || !self.is_free(i, m.end) {
                continue;
            }
            // An occupation is a role before a name ("tài xế Nguyễn Văn A"), or after one
            // and a comma ("Peter Do, nhà thiết kế"); elsewhere it is a common noun.
            let name_at = self.name_after_qualifiers(m.end);
            // "Paul Novak, một tay golf", "Karim Haddad, cựu chỉ huy", "Lê Đại Hành – vị
            // vua": an article or a former's word may stand between the comma and the role.
            let apposed = |gap: char| matches!(gap, ',' | '-' | '–');
            let after_comma = apposed(self.toks[i].gap)
                || (i > 0
                    && apposed(self.toks[i - 1].gap)
                    && self.joined(i)
                    && matches!(self.lower(i - 1), "một" | "cựu" | "nguyên" | "là" | "vị"));
            // "Todd Blanche, luật sư đại diện ông Trump": a name after an honorific among the
            // qualifiers is whom the occupation serves, not who holds it; the role, an
            // apposition's, runs over that name.
            let served = name_at.filter(|&at| {
                occupation && (m.end..at).any(|k| self.mark_is(k, |c| c == Category::Honorific))
            });
            if let Some(at) = served {
                if after_comma {
                    let i = self.with_qualifier(i);
                    self.claim(EntityKind::Role, i, m.end, None);
                    let end = self.name_run(at);
                    self.roles.push(RolePhrase { start: i, end });
                }
                continue;
            }
            // The qualifiers are the occupation's: the role phrase runs to the name.
            let qualified_end = name_at.filter(|_| occupation);
            if occupation && name_at.is_none() && !after_comma {
                continue;
            }
            let i = self.with_qualifier(i);
            self.claim(EntityKind::Role, i, m.end, None);
            if let Some(end) = qualified_end {
                self.roles.push(RolePhrase { start: i, end });
                continue;
            }
            let mut end = m.end;
            // The field the office is for: "Trưởng phòng dự báo khí tượng".
            while let Some(fe) = self.field_end(end).filter(|_| self.joined(end)) {
                end = fe;
            }
            // Lower-case qualifiers ("cấp cao", "điều hành") when something named follows.
            let k = self.lower_run(end, 6, |d, k| is_stop(d.lower(k)));
            // An occupation's qualifiers before the name are the role's too: "chuyên gia
            // thời tiết Nguyễn Văn A", "tay golf chuyên nghiệp John Daly".
            let named_next = occupation
                && k < self.n()
                && self.joined(k)
                && !matches!(self.lower(k - 1), "nhà" | "triều")
                && self.name_run(k) > k;
            if k > end
                && (k == self.n()
                    || !self.joined(k)
                    || named_next
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
                // "Chủ tịch VARS": an acronym after an office is the body it heads.
                let word = self.toks[end];
                if self.owner[end].is_none()
                    && word.upper
                    && !word.num
                    && !NOT_ACRONYMS.contains(self.words[end])
                    && self.claim(EntityKind::Organization, end, end + 1, None)
                {
                    end += 1;
                    continue;
                }
                // "Phó chủ tịch UBND thành phố", "Chủ tịch xã": the level it serves.
                if let Some(level) = admin_level(self, end).filter(|_| self.owner[end].is_none()) {
                    end += level;
                    continue;
                }
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

    /// A lexicon word that is also a given name, inside a Vietnamese name, is the name's:
    /// "Nguyễn Thị Mỹ Linh", "Dương Anh Đức", "Sầm Ngọc Đức" (not the country). It is, when
    /// the capitalised words before it start with a surname.
    pub(super) fn free_given_names(&mut self) {
        let lex = Lexicon::get();
        for i in 1..self.n() {
            let Some(m) = self.mark(i) else { continue };
            if m.end != i + 1
                || m.cat == Category::Title
                || !self.toks[i].cap
                || self.toks[i].upper
                || !self.joined(i)
                || !lex.is_given_name(self.words[i])
            {
                continue;
            }
            // Back over one to three capitalised words to a surname.
            let mut k = i;
            let mut surname = false;
            while k > 0 && i - k < 3 && self.toks[k - 1].cap && !self.toks[k - 1].upper {
                k -= 1;
                if self.mark(k).is_some() || self.opens[k] {
                    break;
                }
                if lex.is_surname(self.words[k]) {
                    surname = true;
                    break;
                }
                if !self.joined(k) {
                    break;
                }
            }
            // A name has at most four words: an honorific with a name of its own after it
            // opens that name ("Ảnh: Hoàng Phong Ông Lê Đình Quyết", a credit glued on).
            let after = self.cap_run_until(i + 1, 4, |d, j| d.owner[j].is_some());
            let opens_name = m.cat == Category::Honorific && (i - k) + (after - i) > 4;
            if surname && !opens_name {
                self.marks[i] = None;
            }
        }
    }

    /// Where a name starts after word `from`, past up to three lower-case qualifiers
    /// ("chuyên gia thời tiết Nguyễn Văn A"), if one does.
    fn name_after_qualifiers(&self, from: usize) -> Option<usize> {
        let mut at = self.lower_run(from, 3, |d, k| UNIT_STOP.contains(d.lower(k)));
        // A nationality among them: "nhà thiết kế Mỹ gốc Việt Peter Do".
        if let Some(o) = self
            .owner
            .get(at)
            .copied()
            .flatten()
            .filter(|_| self.joined(at))
        {
            let s = self.spans[o];
            if s.kind == EntityKind::Location
                && s.start == at
                && s.place == Some(PlaceRank::Country)
            {
                at = s.end;
                if self.joined(at) && self.lower(at) == "gốc" && self.joined(at + 1) {
                    at = self.cap_run_until(at + 1, 1, |_, _| false);
                }
            }
        }
        // "vua đầu tiên nhà Tiền Lê", "triều Nguyễn": a dynasty, not a person.
        let dynasty = at > from && matches!(self.lower(at - 1), "nhà" | "triều");
        (at < self.n() && self.joined(at) && !dynasty && self.name_run(at) > at).then_some(at)
    }

    /// Where a role starting at word `i` starts with its qualifier: "cựu Tổng thống",
    /// "nguyên Chủ tịch", "tân HLV", "cố Giáo sư".
    fn with_qualifier(&self, i: usize) -> usize {
        let qualified = i > 0
            && self.joined(i)
            && matches!(self.lower(i - 1), "cựu" | "nguyên" | "tân" | "cố")
            && self.owner[i - 1].is_none();
        if qualified {
            i - 1
        } else {
            i
        }
    }

    /// Whether what follows word `end` is a birth year or an age: "(SN 1983)", "(sinh năm
    /// 1990)", "(40 tuổi)", ", 40 tuổi", ", sinh năm 1990".
    fn born_or_aged(&self, end: usize) -> bool {
        if end + 1 >= self.n() || !matches!(self.toks[end].gap, '(' | ',') {
            return false;
        }
        let (w, next) = (self.lower(end), self.lower(end + 1));
        w == "sn" || (w == "sinh" && next == "năm") || (self.toks[end].num && next == "tuổi")
    }

    /// Whether a role stands in apposition after word `end`: "Hứa Gia Ấn, người sáng lập".
    fn apposed_role(&self, end: usize) -> bool {
        end < self.n()
            && self.toks[end].gap == ','
            && self
                .roles
                .iter()
                .any(|r| r.start == end || (r.start == end + 1 && self.joined(end + 1)))
    }

    /// Names of two or three capitalised words listed with a person ("Cole Palmer, Enzo
    /// Fernandez và Levi Colwill") are people too: each list item after a person, by comma or
    /// "và", and before one.
    fn people_in_lists(&mut self) {
        let is_person = |doc: &Self, k: usize| {
            doc.owner[k].is_some_and(|o| doc.spans[o].kind == EntityKind::Person)
        };
        let mut i = 1;
        while i < self.n() {
            // Only a capital after a comma or "và" may be a list's item.
            let may_list =
                self.toks[i].cap && (self.toks[i].gap == ',' || self.lower(i - 1) == "và");
            if !may_list {
                i += 1;
                continue;
            }
            let after_comma = self.toks[i].gap == ',' && is_person(self, i - 1);
            let after_and = i >= 2
                && self.lower(i - 1) == "và"
                && self.joined(i)
                && self.joined(i - 1)
                && is_person(self, i - 2);
            let end = self.name_run(i);
            let next_is_person = end < self.n()
                && if self.toks[end].gap == ',' {
                    is_person(self, end)
                } else {
                    self.lower(end) == "và" && end + 1 < self.n() && is_person(self, end + 1)
                };
            let listed = after_comma || after_and || (self.toks[i].gap == ',' && next_is_person);
            if listed && (2..=3).contains(&(end - i)) && !self.toks[i].upper {
                self.claim(EntityKind::Person, i, end, None);
            }
            i = end.max(i + 1);
        }
        // A foreign name: two or three capitalised words that are not Vietnamese syllables
        // ("Cole Palmer", "Ahmed Ghandour"), away from what names places and companies.
        let mut i = 0;
        while i < self.n() {
            let end = self.name_run(i);
            if (2..=3).contains(&(end - i)) && self.foreign_name(i, end) {
                self.claim(EntityKind::Person, i, end, None);
            }
            i = end.max(i + 1);
        }
    }

    /// Whether words `start..end` read as a foreign person's name: each in title case, most
    /// not Vietnamese syllables, none a word that names a place, a club or a company, and not
    /// after a word that introduces a place ("tại New York").
    fn foreign_name(&self, start: usize, end: usize) -> bool {
        let words = &self.words[start..end];
        let title_case = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && w.chars().all(char::is_alphabetic)
                && w.chars().skip(1).any(char::is_lowercase)
        };
        // Letters only Vietnamese writes ("Đăk Lăk") make a word Vietnamese.
        let vietnamese = |w: &str| w.chars().any(crate::text::only_vietnamese);
        let foreign = words
            .iter()
            .filter(|w| !crate::text::is_syllable(w))
            .count();
        (start + 1..end).all(|k| self.joined(k))
            && words.iter().all(|w| title_case(w) && !vietnamese(w))
            // Most words foreign, or a foreign given name before a short family name that
            // reads as a syllable: "Peter Do", "Jennifer Lee".
            && (foreign * 2 > words.len()
                || (words.len() == 2 && !crate::text::is_syllable(words[0])))
            && !words.iter().any(|w| NOT_PERSON_WORDS.contains(w))
            && !(start > 0 && PLACE_CUES.contains(self.lower(start - 1)))
    }

    pub(super) fn name_run(&self, i: usize) -> usize {
        if i >= self.n()
            || !self.toks[i].cap
            || self.toks[i].num
            || self.owner[i].is_some()
            || self.mark(i).is_some()
            || self.opens[i]
        {
            return i;
        }
        let end = self.cap_run(i, 5);
        if end - i == 1 && (NOT_NAMES.contains(&self.words[i]) || self.words[i].chars().count() < 3)
        {
            return i;
        }
        // Acronyms are no names ("HĐQT MHB", "CSGT"), unless the whole block is in capitals.
        if !self.shouting && (i..end).all(|k| self.toks[k].upper) {
            return i;
        }
        end
    }

    pub(super) fn find_people(&mut self) {
        // A name right after a role phrase, or after "role, ông".
        for r in 0..self.roles.len() {
            let RolePhrase { start, end } = self.roles[r];
            let mut at = end;
            // "Bộ trưởng Nội vụ Datuk Seri Saifuddin", "Bộ trưởng, ông A": past an honorific.
            if end < self.n()
                && (self.toks[end].gap == ',' || self.joined(end))
                && self.mark_is(end, |c| c == Category::Honorific)
            {
                at = self.mark(end).map_or(end, |m| m.end);
            } else if !self.joined(end) {
                continue;
            }
            let stop = self.name_run(at);
            // After an occupation a lone word is a person only if it is a given name: "cầu
            // thủ Chelsea", "công tố viên Manhattan" name a club and a place.
            let occupation = (start..(start + 2).min(end))
                .any(|k| self.mark_is(k, |c| c == Category::Occupation));
            let lone = stop == at + 1 && !Lexicon::get().is_given_name(self.words[at]);
            if occupation && lone {
                continue;
            }
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
        // A temple named the Sino-Vietnamese way, its head last: "Bảo An Thiền Tự", "Kim Sơn
        // Bảo Thắng Tự" (a person's name is shorter, and never ends in "Thiền Tự").
        let mut i = 0;
        while i < self.n() {
            let end = self.name_run(i);
            let len = end - i;
            if len >= 3
                && self.words[end - 1] == "Tự"
                && (len >= 4 || self.words[end - 2] == "Thiền")
            {
                self.claim(EntityKind::Location, i, end, Some(PlaceRank::Prefixed));
            }
            i = end.max(i + 1);
        }
        // A Vietnamese name: a surname and given-name syllables.
        let lex = Lexicon::get();
        let mut i = 0;
        while i < self.n() {
            let end = self.name_run(i);
            let len = end - i;
            let given = (i + 1..end).all(|j| lex.is_given_name(self.words[j]));
            // A given name the lists lack still makes a name after "Thị" or "Văn", or before
            // what only people have: a birth year or an age ("(SN 1983)", ", 40 tuổi").
            let shaped = len >= 3 && matches!(self.words[i + 1], "Thị" | "Văn");
            if (2..=4).contains(&len)
                && lex.is_surname(self.words[i])
                && (i + 1..end).all(|j| !self.toks[j].upper)
                && (given || shaped || self.born_or_aged(end) || self.apposed_role(end))
            {
                self.claim(EntityKind::Person, i, end, None);
            }
            i = end.max(i + 1);
        }
    }

    /// Marks the later mentions of a person by the last word of their name alone: a
    /// capitalised word standing apart from other capitalised words and lexicon entries.
    pub(super) fn propagate_short(&mut self, short: &FastSet<Vec<&str>>) {
        if short.is_empty() {
            return;
        }
        for i in 0..self.n() {
            let alone = self.toks[i].cap
                && !self.toks[i].upper
                && self.owner[i].is_none()
                && self.mark(i).is_none()
                && !(i > 0
                    && self.joined(i)
                    && self.toks[i - 1].cap
                    && !self.sentence_start(i - 1))
                && !(i + 1 < self.n() && self.joined(i + 1) && self.toks[i + 1].cap);
            if alone && short.contains(&self.words[i..=i]) {
                self.claim(EntityKind::Person, i, i + 1, None);
            }
        }
    }

    /// Marks every further mention of a known name.
    pub(super) fn propagate(&mut self, names: &FastSet<Vec<&str>>) {
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
                    // "Todd Blanche" after "ông Blanche": a longer name, found later.
                    && !(i > 0
                        && self.joined(i)
                        && self.toks[i - 1].cap
                        && self.owner[i - 1].is_none()
                        && self.mark(i - 1).is_none())
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
    pub(super) fn find_rest(&mut self) {
        for i in 0..self.n().saturating_sub(1) {
            let cue = PLACE_CUES.contains(self.lower(i));
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
                // Place names capitalise every syllable: a capital followed by lower-case words
                // opens a common phrase ("đến Vành đai 4", "ở Khu công nghiệp"), not a name.
                let opens_phrase = end == j + 1
                    && end < self.n()
                    && self.joined(end)
                    && !self.toks[end].cap
                    && !self.toks[end].num
                    && !is_stop(self.lower(end));
                if end > j && !self.toks[j].upper && !opens_phrase {
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
        for i in 0..self.n() {
            let t = self.toks[i];
            if self.owner[i].is_some() || self.shouting {
                continue;
            }
            let w = &self.words[i];
            // A numbered road: "QL1A" (quốc lộ), "TL10" (tỉnh lộ), "ĐT741" (đường tỉnh).
            let road = ["QL", "TL", "ĐT", "HL"].iter().any(|p| {
                w.strip_prefix(p).is_some_and(|n| {
                    n.starts_with(|c: char| c.is_ascii_digit())
                        && n.chars().all(|c| c.is_ascii_alphanumeric())
                        && n.len() <= 5
                })
            });
            if road {
                self.claim(EntityKind::Location, i, i + 1, Some(PlaceRank::Prefixed));
                continue;
            }
            // "L.N.K.T": a person's initials, as the press writes those it does not name.
            let initials = w.contains('.') && w.split('.').all(|p| p.chars().count() <= 1);
            if t.upper && !t.num && !NOT_ACRONYMS.contains(w) && !initials {
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
            } else if !t.upper && t.mixed && !w.contains(['-', '.']) && !NOT_ACRONYMS.contains(w) {
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
        self.names_after_generic_nouns();
        self.people_in_lists();
        self.sources_after_theo();
    }

    /// "tổ chức Freeland", "hãng Reuters", "mạng xã hội Truth Social": the name after a
    /// lower-case generic noun; after a medium's noun, past what kind of medium it is too
    /// ("website kiểm chứng thông tin Snopes", "tạp chí thời trang Vogue").
    fn names_after_generic_nouns(&mut self) {
        for i in 0..self.n().saturating_sub(1) {
            if self.toks[i].cap || self.owner[i].is_some() {
                continue;
            }
            let Some((head_end, noun)) = self.phrase_at(&GENERIC_ORG_NOUNS, i) else {
                continue;
            };
            let medium = MEDIA_NOUNS.contains(noun);
            let from = if medium {
                self.lower_run(head_end, 4, |d, k| is_stop(d.lower(k)))
            } else {
                head_end
            };
            if !self.joined(from) {
                continue;
            }
            let end = self.name_run(from);
            // A lone letter names a magazine only right after its noun: "tạp chí W".
            let letter = medium
                && from == head_end
                && from < self.n()
                && self.toks[from].cap
                && self.words[from].chars().count() == 1
                && self.owner[from].is_none()
                && self.mark(from).is_none()
                && !(from + 1 < self.n() && self.joined(from + 1) && self.toks[from + 1].cap);
            let end = if letter { from + 1 } else { end };
            if end > from && !self.starts_person(from) {
                self.claim(EntityKind::Organization, from, end, None);
            }
        }
    }

    /// "Theo Reuters, ...", "Theo Vogue, ...": a source cited by a capitalised "Theo", when it
    /// is no person, place or known name, is an organisation (a person is cited as "theo ông
    /// X", and later by a name already found).
    fn sources_after_theo(&mut self) {
        for i in 0..self.n().saturating_sub(1) {
            // Capitalised inside a sentence, "Theo" opens one glued to a credit.
            if self.words[i] != "Theo" || !self.joined(i + 1) {
                continue;
            }
            let from = i + 1;
            let end = self.name_run(from);
            let cited = end > from
                && end - from <= 3
                && end < self.n()
                && self.toks[end].gap == ','
                && !self.starts_person(from)
                && !Lexicon::get().is_surname(self.words[from]);
            if cited {
                self.claim(EntityKind::Organization, from, end, None);
            }
        }
    }
}

/// Generic nouns that name a medium: the kind of medium may stand between it and the name
/// ("báo" and "trang" are left out: "báo cáo tiến độ", "trang phục").
static MEDIA_NOUNS: super::doc::WordSet = super::doc::WordSet::new(&[
    "tờ",
    "tạp chí",
    "website",
    "mạng xã hội",
    "nền tảng",
    "kênh",
    "hãng tin",
]);

/// Words that make a run of foreign capitalised words a place, a club, a company or a title,
/// not a person: "Premier League", "New York", "Manchester United", "Daily Mail".
static NOT_PERSON_WORDS: super::doc::WordSet = super::doc::WordSet::new(&[
    "New",
    "San",
    "Santa",
    "Los",
    "Las",
    "Saint",
    "St",
    "Port",
    "Fort",
    "Mount",
    "Lake",
    "North",
    "South",
    "East",
    "West",
    "Royal",
    "National",
    "International",
    "Global",
    "World",
    "The",
    "League",
    "Cup",
    "Premier",
    "Champions",
    "Open",
    "Mail",
    "Times",
    "News",
    "Post",
    "Daily",
    "Journal",
    "Herald",
    "Tribune",
    "Social",
    "Media",
    "Group",
    "Bank",
    "Airlines",
    "Airways",
    "Air",
    "Motors",
    "Motor",
    "United",
    "City",
    "Club",
    "Corporation",
    "Corp",
    "Company",
    "Inc",
    "Ltd",
    "Holdings",
    "Capital",
    "Partners",
    "Foundation",
    "Institute",
    "University",
    "College",
    "School",
    "Academy",
    "Hospital",
    "Center",
    "Centre",
    "Council",
    "Party",
    "Agency",
    "Association",
    "Union",
    "Fund",
    "Technologies",
    "Technology",
    "Tech",
    "Energy",
    "Pharma",
    "Labs",
    "Network",
    "Channel",
    "Studio",
    "Studios",
    "Records",
    "Entertainment",
    "Games",
    "Sports",
    "Hotel",
    "Resort",
    "Tower",
    "Plaza",
    "Mall",
    "Street",
    "Avenue",
    "Road",
    "Square",
    "Park",
    "Bridge",
    "River",
    "Valley",
    "Island",
    "Islands",
    "Beach",
    "Airport",
    "Station",
    "Festival",
    "Awards",
    "Award",
    "Show",
    "Week",
    "Day",
    "Friday",
    "Monday",
    "Sunday",
    "Street",
    "Gallery",
    "Museum",
    "Stadium",
    "Arena",
    "Store",
    "Shop",
    "Market",
    "Express",
    "Online",
    "Digital",
    "Smart",
    "Super",
    "Pro",
    "Max",
    "Plus",
    "Mini",
    "Edition",
    "Series",
    "Galaxy",
    "Google",
    "Apple",
    "Microsoft",
    "Facebook",
    "Meta",
    "Amazon",
    "Netflix",
    "Samsung",
    "Legend",
    "Kingdom",
    "Republic",
    "Federal",
    "State",
    "States",
    "Empire",
    "Forces",
    "Army",
    "Navy",
    "Police",
    "Court",
    "House",
    "Office",
    "Department",
    "Ministry",
    "Commission",
    "El",
    "Savings",
    "Trust",
    "Insurance",
    "Securities",
    "Finance",
    "Financial",
    "Investment",
    "Investments",
    "Ford",
    "Toyota",
    "Honda",
    "Hyundai",
    "Kia",
    "Mazda",
    "Mercedes",
    "Audi",
    "Porsche",
    "Tesla",
    "Lexus",
    "Nissan",
    "Mitsubishi",
    "Suzuki",
    "Yamaha",
    "Volkswagen",
    "Chevrolet",
    "Peugeot",
    "Boeing",
    "Airbus",
    "Images",
    "Photo",
    "Photos",
    "Getty",
]);

/// Words before which a capitalised run is a place: "tại New York", "đến Tel Aviv".
static PLACE_CUES: super::doc::WordSet =
    super::doc::WordSet::new(&["tại", "ở", "đến", "tới", "sang", "từ"]);
