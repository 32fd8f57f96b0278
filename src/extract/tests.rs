use super::*;

fn found(text: &str, kind: EntityKind) -> Vec<String> {
    extract_text(text)
        .entities
        .into_iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.text)
        .collect()
}

/// The (person, role) pairs of the role facts found in `text`.
fn roles_in(text: &str) -> Vec<(String, String)> {
    extract_text(text)
        .facts
        .into_iter()
        .filter_map(|f| match f {
            Fact::Role { person, role, .. } => Some((person, role)),
            _ => None,
        })
        .collect()
}

/// Fails naming the first of `wants` (person, role) that `roles` lacks.
fn assert_has_roles(roles: &[(String, String)], wants: &[(&str, &str)]) {
    for want in wants {
        assert!(
            roles.iter().any(|(p, r)| p == want.0 && r == want.1),
            "missing {want:?} in {roles:?}"
        );
    }
}

struct Case {
    text: &'static str,
    kind: EntityKind,
    want: &'static [&'static str],
}

/// One row per rule. The names here are made up or public office-holders outside the seeds.
const CASES: &[Case] = &[
    // Rank before a name, then an apposition with an office.
    Case { text: "Trung tướng Phạm Minh Tuấn, Cục trưởng Cục Cảnh sát giao thông, phát biểu.", kind: EntityKind::Person, want: &["Phạm Minh Tuấn"] },
    Case { text: "Trung tướng Phạm Minh Tuấn, Cục trưởng Cục Cảnh sát giao thông, phát biểu.", kind: EntityKind::Organization, want: &["Cục Cảnh sát giao thông"] },
    // Title + organisation + foreign name.
    Case { text: "Tổng thống Pháp Emmanuel Macron đã tới Hà Nội.", kind: EntityKind::Person, want: &["Emmanuel Macron"] },
    Case { text: "Tổng thống Pháp Emmanuel Macron đã tới Hà Nội.", kind: EntityKind::Location, want: &["Pháp", "Hà Nội"] },
    // Honorific before a name.
    Case { text: "Theo ông Kim Jong Su, hai bên đã nhất trí.", kind: EntityKind::Person, want: &["Kim Jong Su"] },
    // Negative: sentence-initial "Theo", a title without a name, lower-case "anh".
    Case { text: "Theo Bộ trưởng, anh em trong đơn vị đều đồng ý.", kind: EntityKind::Person, want: &[] },
    // A name whose given name the lists lack: by "Thị"/"Văn", or by a birth year or an age.
    Case { text: "Trong vụ việc, Hoàng Thị Hồng Tứ và Lò Xìn Páo (SN 1983), Lý Nhựt Trường, 40 tuổi, bị bắt.", kind: EntityKind::Person, want: &["Hoàng Thị Hồng Tứ", "Lò Xìn Páo", "Lý Nhựt Trường"] },
    // A full name's last word refers to the person later on, unless two names end in it.
    Case { text: "Chị Đào Thị Thơm bán hàng ở chợ. Sáng nay, Thơm cho biết giá tăng.", kind: EntityKind::Person, want: &["Đào Thị Thơm", "Thơm"] },
    Case { text: "Ông Trần Văn Nam và ông Lê Hoàng Nam đến. Sau đó, Nam cho biết.", kind: EntityKind::Person, want: &["Trần Văn Nam", "Lê Hoàng Nam"] },
    // A Vietnamese name found by its surname, without a title.
    Case { text: "Trong buổi gặp, Trần Thị Hoa cho biết kết quả.", kind: EntityKind::Person, want: &["Trần Thị Hoa"] },
    // Nested: the outer organisation is exported, not the country inside it.
    Case { text: "Đoàn công tác của Bộ Ngoại giao Nhật Bản đến thăm.", kind: EntityKind::Organization, want: &["Bộ Ngoại giao Nhật Bản"] },
    Case { text: "Đoàn công tác của Bộ Ngoại giao Nhật Bản đến thăm.", kind: EntityKind::Location, want: &[] },
    // Places after head words and cue words, in a coordinated list. A lower-case head word
    // ("thành phố", "tỉnh") stays outside the name.
    Case { text: "Hội nghị diễn ra tại thành phố Toulouse, Nantes và Bordeaux.", kind: EntityKind::Location, want: &["Toulouse", "Nantes", "Bordeaux"] },
    Case { text: "Lực lượng chức năng tỉnh Thanh Hoá đã bắt giữ đối tượng.", kind: EntityKind::Location, want: &["Thanh Hoá"] },
    // Acronyms, with a stoplist: SN is a birth year, not an organisation.
    Case { text: "Nguyễn Văn Bình (SN 1994) bị Europol truy nã.", kind: EntityKind::Organization, want: &["Europol"] },
    // Dates in their forms.
    Case { text: "Ngày 26/9, từ ngày 23-28/11/2025, sáng 28/8, năm 1991, tháng 8-2020, giai đoạn 2026-2030 và nhiệm kỳ 2026-2029.", kind: EntityKind::Date, want: &["Ngày 26/9", "ngày 23-28/11/2025", "sáng 28/8", "năm 1991", "tháng 8-2020", "giai đoạn 2026-2030", "nhiệm kỳ 2026-2029"] },
    Case { text: "Diễn ra từ ngày 1-5/7, hội nghị kéo dài.", kind: EntityKind::Date, want: &["ngày 1-5/7"] },
    // Dotted dates, lunar dates and bare years; a year that counts something is a figure, and
    // 24/7 is round the clock.
    Case { text: "Ngày 3.12.2023 và tháng 6.2022, mùng 6 Tết, 23 tháng Chạp, năm 2018 rồi 2020 có 2020 người làm 24/7.", kind: EntityKind::Date, want: &["Ngày 3.12.2023", "tháng 6.2022", "mùng 6 Tết", "23 tháng Chạp", "năm 2018", "2020"] },
    Case { text: "Tỷ lệ đạt 2/3 số phiếu và 31/13 không phải ngày.", kind: EntityKind::Date, want: &["2/3"] },
    // Quantities with thousands dots and decimal commas; ordinals are not figures.
    Case { text: "Hơn 1.200 đại biểu và 2,5 tỉ đồng tại kỳ họp lần thứ 93.", kind: EntityKind::Quantity, want: &["Hơn 1.200 đại biểu", "2,5 tỉ đồng"] },
    // Occupations before a name, in any case; a lone word after one is a name only if it is
    // a given name; an occupation with no name after it is a common noun.
    Case { text: "Thẩm phán Robert Hale yêu cầu bị cáo có mặt.", kind: EntityKind::Person, want: &["Robert Hale"] },
    Case { text: "Sáng nay, tài xế Lê Văn Tám cho biết xe mất phanh.", kind: EntityKind::Person, want: &["Lê Văn Tám"] },
    Case { text: "Anh từng là cầu thủ Arsenal trong ba mùa giải.", kind: EntityKind::Person, want: &[] },
    Case { text: "Các tài xế và luật sư đã rời đi.", kind: EntityKind::Person, want: &[] },
    // Person cues: chị, cháu, đối tượng; a name with a country's name inside it.
    Case { text: "Chị Lò Thị Xuân (SN 1990) và cháu Vàng A Sử được đưa đi cấp cứu.", kind: EntityKind::Person, want: &["Lò Thị Xuân", "Vàng A Sử"] },
    Case { text: "Bà Nguyễn Thị Mỹ Hạnh phát biểu trước khi ông Hải sang Mỹ.", kind: EntityKind::Person, want: &["Nguyễn Thị Mỹ Hạnh", "Hải"] },
    Case { text: "Bà Nguyễn Thị Mỹ Hạnh phát biểu trước khi ông Hải sang Mỹ.", kind: EntityKind::Location, want: &["Mỹ"] },
    // Organisations with the level of government they serve, and units with their number;
    // a known organisation does not take a year after it.
    Case { text: "UBND tỉnh đã chỉ đạo Công an huyện Kỳ Sơn vào cuộc.", kind: EntityKind::Organization, want: &["UBND tỉnh", "Công an huyện Kỳ Sơn"] },
    Case { text: "Lữ đoàn 172 tham gia diễn tập cùng UBND quận 3.", kind: EntityKind::Organization, want: &["Lữ đoàn 172", "UBND quận 3"] },
    Case { text: "Báo cáo của Europol 2024 cho thấy tội phạm tăng.", kind: EntityKind::Organization, want: &["Europol"] },
    // Landmarks keep their head word when it is part of the name; market and station names
    // stand alone; a middle name or surname that is also a head word stays a name's.
    Case { text: "Du khách qua sông Mã, lên núi Bà Đen, viếng chùa Thiên Mụ rồi ra chợ Đông Ba.", kind: EntityKind::Location, want: &["sông Mã", "núi Bà Đen", "chùa Thiên Mụ", "Đông Ba"] },
    Case { text: "Ông Hồ Văn Nam và bà Nguyễn Đình Lan đã về.", kind: EntityKind::Location, want: &[] },
    // Two- and three-word names listed with a person are people; a list of places is not.
    Case { text: "Ông Lê Văn Hải gặp cầu thủ Cole Palmer, Enzo Fernandez và Levi Colwill tại Paris, London.", kind: EntityKind::Person, want: &["Lê Văn Hải", "Cole Palmer", "Enzo Fernandez", "Levi Colwill"] },
    // Numbered roads and districts keep their head word; one capital that opens a lower-case
    // phrase after a head or a cue word is no place.
    Case { text: "Xe chạy trên quốc lộ 14 về phường 7 rồi đến Khu công nghiệp ở vùng Thủ đô.", kind: EntityKind::Location, want: &["quốc lộ 14", "phường 7"] },
    // Figures keep their sign and unit: percentages, ranges, degrees, prices per unit, counts
    // written out; "một" as an article and "ba mẹ" (parents) count nothing.
    Case { text: "Giá tăng 70%, lãi 25-30 %, trời 37 độ C, thịt 420.000 đồng/kg và hai người bị thương.", kind: EntityKind::Quantity, want: &["70%", "25-30 %", "37 độ C", "420.000 đồng/kg", "hai người"] },
    Case { text: "Một số người về thăm ba mẹ sau một thời gian dài.", kind: EntityKind::Quantity, want: &[] },
    Case { text: "Anh nghỉ một tuần rồi chở ba tấn hàng.", kind: EntityKind::Quantity, want: &["một tuần", "ba tấn hàng"] },
    // Acronyms after an office or a cue are no people.
    Case { text: "Chủ tịch HĐQT MHB cùng ông Huỳnh Văn Dũng và lực lượng CSGT đã họp.", kind: EntityKind::Person, want: &["Huỳnh Văn Dũng"] },
    // Words of scripts without capitals are no acronyms, hence no organisations.
    Case { text: "Ông 習近平 và cơ quan 경찰청 cùng ตำรวจ đã họp với INTERPOL.", kind: EntityKind::Organization, want: &["INTERPOL"] },
    // A field keeps its lower-case words: after a capital, after another field, right after
    // the head; a unit's number after it. Negative: a verb after the name stays out.
    Case { text: "Công trình do Viện Khoa học và Công nghệ Xây dựng giao thông giám sát thi công.", kind: EntityKind::Organization, want: &["Viện Khoa học và Công nghệ Xây dựng giao thông"] },
    Case { text: "Theo Tổng cục Tình báo quân đội, tàu đã rời cảng.", kind: EntityKind::Organization, want: &["Tổng cục Tình báo quân đội"] },
    Case { text: "Hôm qua, Đội tuần tra kiểm soát số 7 đã dừng xe tải.", kind: EntityKind::Organization, want: &["Đội tuần tra kiểm soát số 7"] },
    Case { text: "Bộ Công an điều tra vụ việc.", kind: EntityKind::Organization, want: &["Bộ Công an"] },
    // Foreign names by the shape of their words; places, clubs, brands and Vietnamese words
    // are not; an honorific of another country is no part of the name.
    Case { text: "Hậu vệ trái là Marco Bellini và Lukas Brenner, người mới 20 tuổi.", kind: EntityKind::Person, want: &["Marco Bellini", "Lukas Brenner"] },
    Case { text: "Sau buổi diễn, Martin Ho và Jennifer Lee chụp ảnh.", kind: EntityKind::Person, want: &["Martin Ho", "Jennifer Lee"] },
    Case { text: "Giải Premier League mở màn, đoàn khách đến New York bằng xe Ford Everest qua Đăk Lăk.", kind: EntityKind::Person, want: &[] },
    Case { text: "Thủ tướng Malaysia Datuk Seri Anwar Ibrahim gặp Samdech Hun Sen.", kind: EntityKind::Person, want: &["Anwar Ibrahim", "Hun Sen"] },
    // The name after a level of government runs through words that elsewhere name a country
    // or open a name; a city named after its province keeps "TP"; a dashed province is one
    // place, and two cities joined by a dash are one road.
    Case { text: "Người dân xã Tân Mỹ Lợi và huyện Vụ Bản đã đến TP Kon Tum.", kind: EntityKind::Location, want: &["Tân Mỹ Lợi", "Vụ Bản", "TP Kon Tum"] },
    // A known place ("Mỹ", "Bình Dương") opening a longer name after a level of government is
    // only its start; a known place alone stays itself.
    Case { text: "Ông Phạm Văn Bình ở xã Mỹ Hội, còn bà Lan ở phường Bình Dương Mới và tỉnh Quảng Ninh.", kind: EntityKind::Location, want: &["Mỹ Hội", "Bình Dương Mới", "Quảng Ninh"] },
    // "khóm", the southern provinces' urban hamlet, is a level of government like "ấp".
    Case { text: "Anh Tâm trú tại khóm Mỹ Phước Đông, xã Tân Lập.", kind: EntityKind::Location, want: &["Mỹ Phước Đông", "Tân Lập"] },
    Case { text: "Mưa lớn ở Thừa Thiên - Huế, cao tốc Hà Nội - Lào Cai ngập.", kind: EntityKind::Location, want: &["Thừa Thiên - Huế", "Hà Nội - Lào Cai"] },
    Case { text: "Xe chạy hướng Cần Thơ - Sóc Trăng, từ Huế vào Đăk Lăk.", kind: EntityKind::Location, want: &["Cần Thơ", "Sóc Trăng", "Huế", "Đăk Lăk"] },
    // A district the gazetteers lack stays in the force's name; a person after the level
    // of government does not.
    Case { text: "Công an huyện Tân Phước Hòa đã vào cuộc.", kind: EntityKind::Organization, want: &["Công an huyện Tân Phước Hòa"] },
    Case { text: "Phó chủ tịch UBND thành phố Dương Anh Đức phát biểu.", kind: EntityKind::Person, want: &["Dương Anh Đức"] },
    // Provincial cities and urban districts from the places list; a city's name inside a
    // person's name is the person's.
    Case { text: "Ông Nguyễn Quang Vinh đi từ Vinh vào Pleiku rồi về Cầu Giấy.", kind: EntityKind::Location, want: &["Vinh", "Pleiku", "Cầu Giấy"] },
    Case { text: "Ông Nguyễn Quang Vinh đi từ Vinh vào Pleiku rồi về Cầu Giấy.", kind: EntityKind::Person, want: &["Nguyễn Quang Vinh"] },
    // Parties, armed groups and clubs from the list of organisations.
    Case { text: "Đảng Dân chủ chỉ trích Hezbollah, còn Arsenal thắng Tottenham.", kind: EntityKind::Organization, want: &["Đảng Dân chủ", "Hezbollah", "Arsenal", "Tottenham"] },
    // Districts from the gazetteer, but one made of given names is left to the context.
    Case { text: "Lũ về Đức Phổ và Cái Bè; bà Nguyễn Thanh Xuân cho biết.", kind: EntityKind::Location, want: &["Đức Phổ", "Cái Bè"] },
    // A newspaper after "báo", whatever the case of its name; a party with a small "đảng".
    Case { text: "Theo báo Thanh niên, ứng viên của đảng Dân chủ đã đến Nhà Trắng.", kind: EntityKind::Organization, want: &["báo Thanh niên", "đảng Dân chủ"] },
    Case { text: "Theo báo Thanh niên, ứng viên của đảng Dân chủ đã đến Nhà Trắng.", kind: EntityKind::Location, want: &["Nhà Trắng"] },
    // A temple named head last; a mountain range with its head.
    Case { text: "Du khách lên Bảo Quang Thiền Tự rồi ngắm dãy núi Bạch Mã Sơn.", kind: EntityKind::Location, want: &["Bảo Quang Thiền Tự", "dãy núi Bạch Mã Sơn"] },
    // Acronyms of things and methods are no organisations, initials are a person's, a
    // numbered road is a place.
    Case { text: "Mẫu ADN của anh L.N.K.T và BKS của xe theo hình thức BOT trên QL1A đã rõ.", kind: EntityKind::Organization, want: &[] },
    Case { text: "Mẫu ADN của anh L.N.K.T và BKS của xe theo hình thức BOT trên QL1A đã rõ.", kind: EntityKind::Location, want: &["QL1A"] },
    // Dates: a lunar date with its year of the cycle, a year of the cycle alone, a season,
    // two months. Negative: a count of days is no date.
    Case { text: "Chiều 28 Tết Giáp Thìn 2024, mùa giải 2024 - 2025 khép lại; tháng 5-6 mưa nhiều; đền xây năm Canh Tý.", kind: EntityKind::Date, want: &["Chiều 28 Tết Giáp Thìn 2024", "mùa giải 2024 - 2025", "tháng 5-6", "năm Canh Tý"] },
    Case { text: "Họ chi 300 triệu đồng trong 3 năm (2019 - 2021) cho dự án.", kind: EntityKind::Date, want: &["2019", "2021"] },
    // "trong số 12 đội" (among twelve teams) counts; "số 12" labels.
    Case { text: "Trong số 12 đội bóng dự giải, đội số 7 mạnh nhất.", kind: EntityKind::Quantity, want: &["12 đội bóng dự giải"] },
    // Events: an acronym with its number.
    Case { text: "Bên lề APEC 2017 và SOMTC 12 đã họp.", kind: EntityKind::Event, want: &["SOMTC 12"] },
    // A photo credit glued to the next sentence: a capitalised honorific or "Theo" opens it.
    Case { text: "Trời nóng. Ảnh: Hoàng Minh Ông Trần Đức Quân, Giám đốc Sở Y tế, cho biết.", kind: EntityKind::Person, want: &["Hoàng Minh", "Trần Đức Quân"] },
    Case { text: "Ảnh: Minhstudio Theo Elle, xu hướng mới.", kind: EntityKind::Person, want: &[] },
    // A medium after its noun, past the kind of medium; a source cited by "Theo". Negative:
    // "báo cáo" (a report) is no newspaper, a person cited is a person.
    Case { text: "Ông nói với tờ Asahi và tạp chí K, còn trên mạng xã hội Threads thì im lặng. Theo website tin tức Nikkei, giá tăng.", kind: EntityKind::Organization, want: &["Asahi", "K", "Threads", "Nikkei"] },
    Case { text: "Ông nghe báo cáo tiến độ đường Vành đai 3.", kind: EntityKind::Organization, want: &[] },
    Case { text: "Theo Bloomberg, giá dầu tăng. Theo Lê Văn Hưng, giá dầu tăng.", kind: EntityKind::Organization, want: &["Bloomberg"] },
    Case { text: "Theo Bloomberg, giá dầu tăng. Theo Lê Văn Hưng, giá dầu tăng.", kind: EntityKind::Person, want: &["Lê Văn Hưng"] },
    // "Lực lượng" heads a force; "của" joins only a name of lower-case words; a spaced dash
    // before an acronym parts two clubs.
    Case { text: "Lực lượng Bảo vệ Bờ biển Nhật Bản cho biết.", kind: EntityKind::Organization, want: &["Lực lượng Bảo vệ Bờ biển Nhật Bản"] },
    Case { text: "Ông là chỉ huy Lữ đoàn miền Bắc Sinai của Hamas.", kind: EntityKind::Organization, want: &["Lữ đoàn miền Bắc Sinai", "Hamas"] },
    Case { text: "Trận đấu SHB Đà Nẵng - CLB Hải Phòng diễn ra.", kind: EntityKind::Organization, want: &["SHB Đà Nẵng", "CLB Hải Phòng"] },
    // Bodies in lower case named by the place they serve; a title that ends in one keeps it.
    // Negative: "công an" with no place is a common noun.
    Case { text: "Ông bị tòa án quận Brooklyn triệu tập. Trung tá Lê Văn Tám, Phó công an huyện Tam Nông, cho biết. Cán bộ công an đã đến.", kind: EntityKind::Organization, want: &["tòa án quận Brooklyn", "công an huyện Tam Nông"] },
    // A long description closed by the level of government it serves.
    Case { text: "Theo Ban Quản lý dự án đầu tư xây dựng công trình dân dụng tỉnh Quảng Trị, dự án xong.", kind: EntityKind::Organization, want: &["Ban Quản lý dự án đầu tư xây dựng công trình dân dụng tỉnh Quảng Trị"] },
    // Routes in a sentence about roads; negative: a match between two cities.
    Case { text: "Dự án cao tốc Phan Thiết - Dầu Giây và Vĩnh Hảo - Phan Thiết đã xong. Trận đấu Hà Nội - Hải Phòng diễn ra tối qua.", kind: EntityKind::Location, want: &["Phan Thiết - Dầu Giây", "Vĩnh Hảo - Phan Thiết", "Hà Nội", "Hải Phòng"] },
    // A province is a place, whatever club bears its name.
    Case { text: "Chợ ở Vụ Bản, Nam Định.", kind: EntityKind::Location, want: &["Vụ Bản", "Nam Định"] },
    // A name before an apposed role is a person though its given name is in no list.
    Case { text: "Ý tưởng của Quách Gia Ấn, người sáng lập công ty, được chọn.", kind: EntityKind::Person, want: &["Quách Gia Ấn"] },
    // A country's short name opening a common word is no place; the country is.
    Case { text: "Ý tưởng đến từ Ý. Pháp luật của Pháp quy định rõ.", kind: EntityKind::Location, want: &["Ý", "Pháp"] },
    // People counted by what the text calls them, though "đối" alone ends a unit.
    Case { text: "Công an bắt 205 đối tượng và 12 bị can.", kind: EntityKind::Quantity, want: &["205 đối tượng", "12 bị can"] },
    // An age after "năm", which otherwise labels a year.
    Case { text: "Anh sang Pháp từ năm 14 tuổi, năm 2010 về nước.", kind: EntityKind::Quantity, want: &["14 tuổi"] },
    // A brand's name takes no lower-case tail after it (a verb follows).
    Case { text: "Ngân hàng OceanBank thua lỗ nặng.", kind: EntityKind::Organization, want: &["Ngân hàng OceanBank"] },
    // A range of days of one month, and a birth year.
    Case { text: "Hội chợ diễn ra từ 5 đến 9-6 tại Hà Nội; Lê Văn Hải (SN 1988) dự.", kind: EntityKind::Date, want: &["5 đến 9-6", "1988"] },
    // A dynasty is no person.
    Case { text: "Lăng của vua Trần Nhân Tông – vị vua thứ ba nhà Trần.", kind: EntityKind::Person, want: &["Trần Nhân Tông"] },
    // A short name seen before does not cut a longer one.
    Case { text: "Ông Blanche phát biểu. Sau đó, Todd Blanche, luật sư, nói.", kind: EntityKind::Person, want: &["Blanche", "Todd Blanche"] },
];

#[test]
fn rules_table() {
    let mut failures = Vec::new();
    for case in CASES {
        let got = found(case.text, case.kind);
        if got != case.want {
            failures.push(format!(
                "{:?} in {:?}: got {got:?}, want {:?}",
                case.kind, case.text, case.want
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_title_of_several_words_after_a_name_counts_in_lower_case() {
    let roles = roles_in("Ông Phạm Văn Bình, trưởng công an xã Mỹ Hội, cho biết; thượng tá Lê Văn Sơn, Phó công an huyện Cái Bè, nói thêm.");
    assert_has_roles(
        &roles,
        &[
            ("Phạm Văn Bình", "trưởng công an xã Mỹ Hội"),
            ("Lê Văn Sơn", "Phó công an huyện Cái Bè"),
        ],
    );
}

#[test]
fn roles_from_occupations_portfolios_and_qualifiers() {
    let roles = roles_in("Bộ trưởng Ngoại giao Lê Hoài Trung gặp cựu Tổng thống Ferdinand Marcos; tài xế Lê Văn Tám và luật sư Anna Berg có mặt.");
    assert_has_roles(
        &roles,
        &[
            ("Lê Hoài Trung", "Bộ trưởng Ngoại giao"),
            ("Ferdinand Marcos", "cựu Tổng thống"),
            ("Lê Văn Tám", "tài xế"),
            ("Anna Berg", "luật sư"),
        ],
    );
    // "Ngoại" of the portfolio is not a person.
    assert!(roles.iter().all(|(p, _)| p != "Ngoại"), "{roles:?}");
    // A role after a dash, one glued to the name by a dash, ranks and qualified occupations
    // written in lower case, and an office of a city whose name the gazetteers lack.
    let roles = roles_in("Ông Trần Văn Hậu - Chủ tịch VEMA cho biết; ông Lý Văn Sáu-Phó Giám đốc Sở Y tế nói; thượng tá Đinh Văn Tư và chuyên gia thời tiết Lưu Văn Bảy đến; Phó chủ tịch UBND thành phố Mai Văn Chín dự.");
    assert_has_roles(
        &roles,
        &[
            ("Trần Văn Hậu", "Chủ tịch VEMA"),
            ("Lý Văn Sáu", "Phó Giám đốc Sở Y tế"),
            ("Đinh Văn Tư", "thượng tá"),
            ("Lưu Văn Bảy", "chuyên gia thời tiết"),
            ("Mai Văn Chín", "Phó chủ tịch UBND thành phố"),
        ],
    );
}

#[test]
fn roles_from_appositions() {
    let roles = roles_in("Đại tướng Trần Văn Bảo, Phó Thủ tướng, Bộ trưởng Bộ Quốc phòng chủ trì hội nghị; ông Joe Smith, Cố vấn cấp cao của Tổng thống, dự họp.");
    assert_has_roles(
        &roles,
        &[
            ("Trần Văn Bảo", "Đại tướng"),
            ("Trần Văn Bảo", "Phó Thủ tướng"),
            ("Trần Văn Bảo", "Bộ trưởng Bộ Quốc phòng"),
            ("Joe Smith", "Cố vấn cấp cao"),
        ],
    );
    // A former's word between the comma and an occupation.
    let roles =
        roles_in("Thi thể được tìm thấy gần nhà Karim Haddad, cựu chỉ huy của nhóm vũ trang.");
    assert_has_roles(&roles, &[("Karim Haddad", "cựu chỉ huy")]);
    // An article before an occupation; the field an office is for, and its organisation.
    let roles = roles_in("Ảnh ghép thân của Paul Novak, một tay golf chuyên nghiệp. Ông Trần Văn Nam, Trưởng phòng dự báo khí tượng Đài khí tượng thủy văn Nam Bộ, cho biết.");
    assert_has_roles(
        &roles,
        &[
            ("Paul Novak", "tay golf chuyên nghiệp"),
            (
                "Trần Văn Nam",
                "Trưởng phòng dự báo khí tượng Đài khí tượng thủy văn Nam Bộ",
            ),
        ],
    );
}

#[test]
fn roles_from_appositions_that_name_another_or_follow_an_age() {
    // The person an occupation serves is named inside the apposition: the role is the first
    // person's, and the one served holds none of it.
    let roles = roles_in("Jane Roe, luật sư đại diện bà Smith, phản đối.");
    assert_has_roles(&roles, &[("Jane Roe", "luật sư đại diện bà Smith")]);
    assert!(roles.iter().all(|(p, _)| p != "Smith"), "{roles:?}");
    // Past an age between commas; a nationality among an occupation's qualifiers; a role
    // after a dash and "vị", and no role for a dynasty.
    let roles = roles_in("Bà Trần Thị Mơ, 45 tuổi, bảo vệ khu chung cư, cho biết. Nhà thiết kế Pháp gốc Việt Anna Tran ra mắt. Lăng của vua Trần Nhân Tông – vị vua thứ ba nhà Trần.");
    assert_has_roles(
        &roles,
        &[
            ("Trần Thị Mơ", "bảo vệ khu chung cư"),
            ("Anna Tran", "Nhà thiết kế Pháp gốc Việt"),
            ("Trần Nhân Tông", "vua"),
        ],
    );
    assert!(roles.iter().all(|(p, _)| p != "Trần"), "{roles:?}");
    // A foreign honorific between the office and the name; a foreign police chief's title.
    let roles = roles_in("Bộ trưởng Nội vụ Datuk Seri Kamal Rahman Yusof dự họp. Tan Sri Ahmad Zaki Husin, Tổng cảnh sát Malaysia, phát biểu.");
    assert_has_roles(
        &roles,
        &[
            ("Kamal Rahman Yusof", "Bộ trưởng Nội vụ"),
            ("Ahmad Zaki Husin", "Tổng cảnh sát Malaysia"),
        ],
    );
}

#[test]
fn title_before_organisation_and_name() {
    let x = extract_text("Tổng Giám đốc Tổ chức Y tế Thế giới Tedros Ghebreyesus phát biểu.");
    assert!(
        x.facts
            .iter()
            .any(|f| matches!(f, Fact::Role { person, role, .. }
        if person == "Tedros Ghebreyesus" && role == "Tổng Giám đốc Tổ chức Y tế Thế giới")),
        "{:?}",
        x.facts
    );
}

#[test]
fn nfd_and_nfc_give_the_same_entities() {
    use unicode_normalization::UnicodeNormalization;
    let nfc = "Thượng tướng Nguyễn Văn Minh làm việc tại thủ đô Viêng Chăn ngày 3/4.";
    let nfd: String = nfc.nfd().collect();
    let a = extract_text(nfc);
    let b = extract_text(&crate::text::sanitize(&nfd));
    assert_eq!(a, b);
    assert!(!a.entities.is_empty());
}

#[test]
fn event_year_is_inferred() {
    let blocks = [Block {
        kind: BlockKind::Paragraph,
        text: "Ngày 14/3, tại thành phố Geneva đã khai mạc Hội nghị Bộ trưởng các nước lần thứ 12 với 90 đoàn. Các kết quả trong năm 2019 được đánh giá.".into(),
    }];
    let x = extract(&blocks, None);
    let event = x
        .facts
        .iter()
        .find(|f| matches!(f, Fact::Event { .. }))
        .expect("an event");
    assert_eq!(
        event,
        &Fact::Event {
            name: "Hội nghị Bộ trưởng các nước lần thứ 12".into(),
            date: Some("14/3/2019".into()),
            date_inferred: true,
            location: Some("Geneva".into()),
            block: 0,
        }
    );
}

#[test]
fn distinct_keeps_the_first_spelling_in_order_of_mention() {
    let entity = |kind, text: &str| Entity {
        kind,
        text: text.into(),
        block: 0,
        start: 0,
        end: 0,
    };
    let entities = [
        entity(EntityKind::Location, "Hà Nội"),
        entity(EntityKind::Organization, "Bộ Công an"),
        entity(EntityKind::Location, "Đà Nẵng"),
        entity(EntityKind::Location, "HÀ NỘI"),
        entity(EntityKind::Location, "Hà Nội"),
        entity(EntityKind::Location, "Ðà Nẵng"),
        entity(EntityKind::Location, "Lyon"),
    ];
    assert_eq!(
        distinct(&entities, EntityKind::Location),
        ["Hà Nội", "Đà Nẵng", "Lyon"]
    );
    assert_eq!(
        distinct(&entities, EntityKind::Organization),
        ["Bộ Công an"]
    );
    assert!(distinct(&entities, EntityKind::Person).is_empty());
}

/// The event's date from a "diễn ra" sentence when its own has none; a region ("khu vực
/// Đông Nam Á") is never its place.
#[test]
fn event_date_from_takes_place_and_no_region_as_place() {
    let rows: [(&[&str], Option<&str>, Option<&str>); 3] = [
        (
            &[
                "Các đại biểu tham dự hội nghị. Ảnh: PV TTXVN tại thành phố Jakarta",
                "ACMM-9 sẽ tập trung đánh giá tình hình tội phạm tại khu vực Đông Nam Á.",
                "Diễn ra từ ngày 12-14/3, hội nghị thảo luận chiến lược hợp tác.",
            ],
            Some("12-14/3"),
            Some("Jakarta"),
        ),
        // Without a "diễn ra" sentence and a place elsewhere: nothing is made up.
        (
            &["ACMM-9 sẽ tập trung đánh giá tình hình tại khu vực Đông Nam Á."],
            None,
            None,
        ),
        // The event's own sentence still wins over a "diễn ra" one.
        (
            &[
                "Ngày 5/6, tại Hà Nội đã khai mạc Hội nghị Bộ trưởng các nước lần thứ 7.",
                "Hội thảo diễn ra ngày 9/6 tại Huế.",
            ],
            Some("5/6"),
            Some("Hà Nội"),
        ),
    ];
    for (texts, date, place) in rows {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: (*t).into(),
            })
            .collect();
        let x = extract(&blocks, None);
        let Some(Fact::Event {
            date: d, location, ..
        }) = x.facts.iter().find(|f| matches!(f, Fact::Event { .. }))
        else {
            panic!("no event in {texts:?}");
        };
        assert_eq!(
            (d.as_deref(), location.as_deref()),
            (date, place),
            "{texts:?}"
        );
    }
}

#[test]
fn short_forms_of_a_name_are_that_person() {
    let e = extract_text("Ông Lâm Văn Dũng nhận chức. Sau đó, Dũng cho biết; ông Trần Văn Khoa và ông Lê Minh Khoa đến, Khoa phát biểu.");
    let people = People::of(&e.entities);
    assert_eq!(people.name("Dũng"), "Lâm Văn Dũng");
    // Two full names end in "Khoa": the short form stays apart.
    assert_eq!(people.name("Khoa"), "Khoa");
    assert_eq!(people.name("Lê Minh Khoa"), "Lê Minh Khoa");
    let listed = people.distinct(&e.entities);
    assert_eq!(
        listed.iter().filter(|n| n.ends_with("Dũng")).count(),
        1,
        "{listed:?}"
    );
}

/// The event facts of `text`: (name, date, location).
fn events_in(text: &str, published: Option<&str>) -> Vec<(String, Option<String>, Option<String>)> {
    let blocks = [Block {
        kind: BlockKind::Paragraph,
        text: text.to_owned(),
    }];
    extract(&blocks, published)
        .facts
        .into_iter()
        .filter_map(|f| match f {
            Fact::Event {
                name,
                date,
                location,
                ..
            } => Some((name, date, location)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_event_is_one_the_text_reports_never_the_headline() {
    // A report with no meeting, trial, visit or accident in it has no event.
    assert_eq!(
        events_in(
            "Giá vàng hôm nay tăng mạnh. Nhiều người dân xếp hàng chờ mua.",
            Some("2024-02-16")
        ),
        vec![]
    );
    // A reported event is named as the text words it, with its own date and place.
    let events = events_in(
        "Sáng 12/3, tại Hà Nội, Bộ trưởng Lê Văn An đã hội đàm với Bộ trưởng Nội vụ Lào. Hai bên nhất trí.",
        None,
    );
    assert_eq!(events.len(), 1, "{events:?}");
    let (name, date, place) = &events[0];
    assert!(name.starts_with("hội đàm với Bộ trưởng"), "{name}");
    assert_eq!(date.as_deref(), Some("12/3"));
    assert_eq!(place.as_deref(), Some("Hà Nội"));
    // A meeting room is no meeting; a date's number alone is no date.
    assert_eq!(
        events_in("Tại Hà Nội, phòng họp được sửa xong tháng 3.", None),
        vec![]
    );
}

#[test]
fn a_spelled_number_as_the_last_word_counts_nothing() {
    // "ba" (three, or father) with no word after it: there is nothing it counts.
    for text in ["baAũ", "Họ có ba", "Tôi về thăm ba"] {
        assert!(found(text, EntityKind::Quantity).is_empty(), "{text:?}");
    }
}
