//! Bytes to clean text: decoding, sanitising, NFC, and the char-for-char keys used for matching.
//!
//! Everything downstream works on the `String`s this module produces, which are NFC and free of
//! control characters (tabs are expanded, line feeds separate lines). The first stage of the
//! pipeline: it uses no other module of docbao.

pub mod de;
mod decode;
mod detect;
mod fold;
mod hash;
mod legacy;
mod sanitize;

pub use decode::{
    decode, decode_as, decode_owned, DecodeError, Decoded, Encoding, UnknownEncoding,
    ENCODING_NAMES,
};
pub use detect::{is_syllable, only_vietnamese, reading, Reading};
pub use fold::{
    fold, fold_char, fold_into, has_diacritic, key, lower, lower_char, retone, retone_text,
};
pub use hash::fnv1a;
pub use legacy::{decode as decode_legacy, encode as encode_legacy, Legacy};
pub use sanitize::{nfc, sanitize, sanitize_owned, strip_escapes};

#[cfg(test)]
mod tests {
    use super::fold::{fold_char_slow, LATIN_TABLE_END};
    use super::sanitize::{surely_nfc, NFC_STABLE};
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn tabs_stop_at_the_same_columns_in_nfc_and_nfd() {
        let nfc = "Hoà\tbình\tthuỷ";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(sanitize(nfc), "Hoà bình    thuỷ");
        assert_eq!(sanitize(&nfd), sanitize(nfc));
    }

    #[test]
    fn fold_table() {
        let cases = [
            ("Đà Nẵng", "da nang"),
            ("Công an", "cong an"),
            ("ÐÀ", "da"),
            ("Nguyễn Văn Thành", "nguyen van thanh"),
            ("ƯỚC Ơ", "uoc o"),
            ("東京", "東京"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    proptest::proptest! {
        /// Folding a string, lowering it, or folding it onto the end of another, is mapping
        /// each of its chars: whatever mix of ASCII, two-, three- and four-byte chars it has.
        #[test]
        fn fold_and_lower_map_each_char(
            s in "(\\PC|[a-zA-Zđơư ]|[À-ỹ]|[🙂東])*",
            before in "[a-zĐ]{0,3}",
        ) {
            let folded: String = s.chars().map(fold_char).collect();
            proptest::prop_assert_eq!(&fold(&s), &folded);
            let lowered: String = s.chars().map(lower_char).collect();
            proptest::prop_assert_eq!(lower(&s).0, lowered);
            let mut onto = before.clone();
            fold_into(&mut onto, &s);
            proptest::prop_assert_eq!(onto, before + &folded);
        }
    }

    #[test]
    fn the_fast_nfc_test_never_says_yes_wrongly() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for range in NFC_STABLE {
            for u in range {
                if let Some(c) = char::from_u32(u) {
                    assert_eq!(
                        is_nfc_quick(std::iter::once(c)),
                        IsNormalized::Yes,
                        "U+{u:04X}"
                    );
                }
            }
        }
        assert!(!surely_nfc("Vie\u{302}\u{323}t"));
    }

    #[test]
    fn tabs_expand_to_stops_in_linear_time() {
        assert_eq!(sanitize("a\tb\n\tc\r\nxy\t\td"), "a   b\n    c\nxy      d");
        // Columns count chars, not bytes, and restart after a lone CR as after LF.
        assert_eq!(sanitize("Đà\tx\rab\tc"), "Đà  x\nab  c");
        assert_eq!(sanitize("một\u{1B}[31m\tđỏ"), "một đỏ");
        let many = "\t".repeat(200_000);
        assert_eq!(sanitize(&many).len(), 800_000);
    }

    #[test]
    fn lower_table_agrees_with_the_slow_path() {
        for u in 0..0x2000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(
                    lower_char(c),
                    c.to_lowercase().next().unwrap_or(c),
                    "U+{u:04X}"
                );
            }
        }
        let lowered: String = "ĐÀ NẴNG İ".chars().map(lower_char).collect();
        assert_eq!(lowered, "đà nẵng i");
    }

    #[test]
    fn fold_table_agrees_with_the_slow_path() {
        for u in 0x80..LATIN_TABLE_END {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_char(c), fold_char_slow(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn fold_keeps_char_count_for_every_vietnamese_letter() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let upper: String = lower.chars().flat_map(char::to_uppercase).collect();
        // 12 vowels × 6 tones, and đ.
        assert_eq!(lower.chars().count(), 12 * 6 + 1);
        assert_eq!(upper.chars().count(), 12 * 6 + 1);
        for c in lower.chars().chain(upper.chars()) {
            let f = fold_char(c);
            assert!(
                "aeiouyd".contains(f),
                "{c:?} folded to {f:?}, not a plain vowel or d"
            );
        }
    }

    #[test]
    fn key_ignores_tone_placement() {
        let cases = [
            ("hoà", "hòa"),
            ("Thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("Khánh Hoà", "khánh hòa"),
            ("Thanh Hoá", "thanh hóa"),
        ];
        for (a, b) in cases {
            assert_eq!(key(a), key(b), "{a} vs {b}");
            assert_eq!(key(a).chars().count(), a.chars().count());
        }
        // "quý" keeps its tone on y, and a closed syllable is left alone.
        assert_eq!(key("quý"), "quý");
        assert_eq!(key("hoàng"), "hoàng");
    }

    #[test]
    fn retoning_text_in_place_may_shorten_it() {
        let cases = [
            ("hoà bình", "hòa bình"),
            ("thuỳ", "thùy"),
            ("uỹ ban, hoà", "ũy ban, hòa"),
            ("quỳ hoàng", "quỳ hoàng"),
            ("toà", "tòa"),
        ];
        for (text, want) in cases {
            let mut s = text.to_owned();
            retone_text(&mut s);
            assert_eq!(s, want, "{text}");
        }
        assert_eq!("thùy".len() + 1, "thuỳ".len());
    }

    #[test]
    fn sanitize_nfd_equals_nfc() {
        let nfc_text = "Thượng tướng Nguyễn Văn Thành";
        let nfd_text: String = nfc_text.nfd().collect();
        assert_ne!(nfc_text, nfd_text);
        assert_eq!(sanitize(&nfd_text), nfc_text);
    }

    #[test]
    fn sanitize_removes_escape_sequences_whole() {
        let cases = [
            ("a\u{1b}[31mred\u{1b}[0m b", "ared b"),
            ("x\u{1b}]0;title\u{7}y", "xy"),
            ("x\u{1b}]52;c;SGVsbG8=\u{1b}\\y", "xy"),
            ("x\u{1b}P1;2qdata\u{1b}\\y", "xy"),
            ("x\u{9b}2Jy", "xy"),
            ("x\u{1b}(By", "xy"),
            ("lone\u{1b}", "lone"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize(input), want, "sanitize({input:?})");
        }
    }

    #[test]
    fn sanitize_leaves_no_controls() {
        let s = sanitize("a\tb\r\nc\rd\u{8}e\u{85}f\u{202E}g\u{200B}h\u{a0}i");
        assert!(s.chars().all(|c| c == '\n' || !c.is_control()), "{s:?}");
        assert_eq!(s, "a   b\nc\nd\u{2408}e\u{FFFD}fgh i");
    }

    #[test]
    fn sanitize_is_idempotent_and_fixes_eth() {
        // The tab at column 7 runs to the tab stop at column 8.
        let once = sanitize("ÐÀ NẴNG\tx");
        assert_eq!(once, "ĐÀ NẴNG x");
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn decode_forms() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
        let bom = decode("\u{feff}Công an".as_bytes()).unwrap();
        assert_eq!(bom.text, "Công an");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Việt".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().text, "Việt");
        // "Việt Nam" in windows-1258: ê is 0xEA and the dot below is the combining byte 0xF2.
        let w1258 = decode(b"Vi\xea\xf2t Nam").unwrap();
        assert_eq!(w1258.encoding, Encoding::Windows1258);
        assert_eq!(sanitize(&w1258.text), "Việt Nam");
        let stray = decode("Công an \u{1}".replace('\u{1}', "").as_bytes()).unwrap();
        assert!(stray.warnings.is_empty());
        let mut bad = "Công an tỉnh".as_bytes().to_vec();
        bad.insert(4, 0xFF);
        let repaired = decode(&bad).unwrap();
        assert!(repaired.text.contains('\u{FFFD}'));
        assert!(
            repaired.warnings[0].contains("byte 4"),
            "{:?}",
            repaired.warnings
        );
    }
}
