//! A corpus generator for the benchmarks: variations of the seed articles, made at run time
//! (never committed). `articles` varies processed articles for the filter benchmark: the title
//! gains a place, the people get other names, the date and the source change, and the body is
//! left alone, so entities still point at their text. `article_file` and `write_corpus` make
//! article files for the load benchmarks: other names and numbers, long paragraphs shuffled,
//! related-news lines with timestamps, a weather box and a footer around them.

// Each bench uses part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;

use docbao::article::Article;
use docbao::extract::EntityKind;

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khoa", "Lan", "Linh", "Long",
    "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thủy", "Trung", "Tuấn",
    "Vân", "Việt", "Xuân", "Yến",
];
const PLACES: &[&str] = &[
    "Hà Nội",
    "Đà Nẵng",
    "Huế",
    "Cần Thơ",
    "Hải Phòng",
    "Khánh Hòa",
    "Quảng Ninh",
    "Nghệ An",
    "Lâm Đồng",
    "Bình Dương",
    "Đồng Nai",
    "Thanh Hóa",
    "Bangkok",
    "Jakarta",
    "Manila",
    "Kuala Lumpur",
    "Viêng Chăn",
    "Phnôm Pênh",
    "Singapore",
    "Tokyo",
    "Seoul",
    "Lyon",
];
const SOURCES: &[&str] = &[
    "TTXVN",
    "VIETNAM+",
    "PLO",
    "TPO",
    "Báo Nhân Dân",
    "Công an nhân dân",
    "VnExpress",
    "Tuổi Trẻ",
    "Thanh Niên",
    "Chinhphu.vn",
];

/// A small, fast, deterministic generator (xorshift64*), so runs are comparable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// `n` variants of `seeds`, with ids `gen-000001`…
pub fn articles(seeds: &[Article], n: usize) -> Vec<Article> {
    let mut rng = Rng::new(0x00D0_C0BA);
    (0..n)
        .map(|i| {
            let mut a = seeds[i % seeds.len()].clone();
            a.id = format!("gen-{i:06}");
            let place = rng.pick(PLACES);
            a.display_title = format!("{} tại {place}", a.display_title);
            a.title = Some(a.display_title.clone());
            a.source = Some(rng.pick(SOURCES).to_owned());
            a.published = Some(format!(
                "20{:02}-{:02}-{:02}",
                10 + rng.below(16),
                1 + rng.below(12),
                1 + rng.below(28)
            ));
            let mut content = a.content().clone();
            for e in &mut content.entities {
                if e.kind == EntityKind::Person && !e.text.contains(' ') {
                    continue;
                }
                if e.kind == EntityKind::Person {
                    e.text = format!(
                        "{} {} {}",
                        rng.pick(SURNAMES),
                        rng.pick(MIDDLE),
                        rng.pick(GIVEN)
                    );
                } else if e.kind == EntityKind::Location && rng.below(3) == 0 {
                    rng.pick(PLACES).clone_into(&mut e.text);
                }
            }
            a.set_content(content);
            a
        })
        .collect()
}

/// Lines a news site puts around an article: what cleaning has to take out.
const FURNITURE: &[&str] = &[
    "Tin liên quan",
    "Viết bình luận",
    "Chia sẻ bài viết",
    "Xem thêm",
    "Hà Nội: Trời nhiều mây, có mưa rào 24-31°C",
    "© Bản quyền thuộc về báo điện tử",
];

/// The text of one generated article file: a seed's lines with other people's names, other
/// numbers and dates, paragraphs after the lead shuffled, and related-news lines, a weather
/// box and a footer around it. `i` picks the seed and seeds the changes, so a corpus is the
/// same on every run.
pub fn article_file(seeds: &[String], i: usize) -> String {
    let mut rng = Rng::new(0x5EED_0000 + i as u64);
    let seed = &seeds[i % seeds.len()];
    let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
    // Shuffle the long paragraphs among themselves, leaving headline, dateline, lead and the
    // site's own lines where they are.
    let prose: Vec<usize> = (4..lines.len()).filter(|&k| lines[k].len() > 200).collect();
    for k in (1..prose.len()).rev() {
        lines.swap(prose[k], prose[rng.below(k + 1)]);
    }
    let mut out = String::with_capacity(seed.len() + 512);
    for line in &lines {
        let mut line = line.clone();
        for surname in SURNAMES {
            if line.contains(surname) && rng.below(2) == 0 {
                let name = format!(
                    "{} {} {}",
                    rng.pick(SURNAMES),
                    rng.pick(MIDDLE),
                    rng.pick(GIVEN)
                );
                line = line.replacen(&format!("{surname} "), &format!("{name} "), 1);
            }
        }
        // Other numbers: each digit run changed in its last digit.
        let mut changed = String::with_capacity(line.len());
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() && !chars.peek().is_some_and(char::is_ascii_digit) {
                changed.push(char::from(b'0' + rng.below(10) as u8));
            } else {
                changed.push(c);
            }
        }
        out.push_str(&changed);
        out.push('\n');
    }
    for _ in 0..3 {
        let _ = write!(
            out,
            "\n{}\n{} tại {} 10:{:02} {:02}/{:02}/2025\n",
            rng.pick(FURNITURE),
            rng.pick(SOURCES),
            rng.pick(PLACES),
            rng.below(60),
            1 + rng.below(28),
            1 + rng.below(12)
        );
    }
    out
}

/// Writes `n` article files into `dir`, a hundred per folder as scraped archives are kept.
pub fn write_corpus(dir: &std::path::Path, seeds: &[String], n: usize) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..n {
        let folder = dir.join(format!("{:04}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let text = article_file(seeds, i);
        bytes += text.len() as u64;
        std::fs::write(folder.join(format!("tin-{i:06}.txt")), text)?;
    }
    Ok(bytes)
}
