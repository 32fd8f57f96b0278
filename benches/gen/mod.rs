//! A corpus generator for the benchmarks: variations of the seed articles, made at run time
//! (never committed). Each variant changes what the list filter and the reader see: the
//! title gains a place, the people get other names, the date and the source change. The body
//! is left alone, so entities still point at their text.

use docbao::corpus::Article;
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
            for e in &mut a.entities {
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
            a
        })
        .collect()
}
