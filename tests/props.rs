//! Invariants that must hold for any input, checked on generated text: Vietnamese letters in
//! both normal forms, wide and combining characters, controls, escape sequences and tabs.

use docbao::article::Article;
use docbao::{clean, text};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

include!("common/messy.rs");

fn is_nfc(s: &str) -> bool {
    s.nfc().eq(s.chars())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sanitized_text_is_nfc_without_controls_and_stable(s in messy_text()) {
        let once = text::sanitize(&s);
        prop_assert!(once.chars().all(|c| c == '\n' || !c.is_control()), "{once:?}");
        prop_assert!(!once.contains('\x1b'), "escape left in {once:?}");
        prop_assert!(is_nfc(&once));
        prop_assert_eq!(text::sanitize(&once), once.clone());
    }

    #[test]
    fn folding_a_text_folds_each_char_to_one_char(s in messy_text()) {
        let whole = text::fold(&s);
        let each: String = s.chars().map(text::fold_char).collect();
        prop_assert_eq!(whole.chars().count(), s.chars().count());
        prop_assert_eq!(whole, each);
    }

    #[test]
    fn lowering_a_text_lowers_each_char_and_says_when_lengths_change(s in messy_text()) {
        let (whole, same_lengths) = text::lower(&s);
        let each: String = s.chars().map(text::lower_char).collect();
        let lengths_kept = s.chars().all(|c| text::lower_char(c).len_utf8() == c.len_utf8());
        prop_assert_eq!(whole, each);
        prop_assert_eq!(same_lengths, lengths_kept);
    }

    #[test]
    fn retoning_a_text_in_place_agrees_with_retoning_its_chars(
        s in messy_text(),
        old_style in proptest::sample::select(vec!["hoà", "Thuỷ", "quỳ", "uỹ", "khoẻ", "oạ"]),
    ) {
        let s = format!("{s} {old_style}");
        let (mut in_place, _) = text::lower(&s);
        text::retone_text(&mut in_place);
        let mut chars: Vec<char> = s.chars().map(text::lower_char).collect();
        text::retone(&mut chars);
        prop_assert_eq!(&text::key(&s), &in_place);
        prop_assert_eq!(in_place, chars.into_iter().collect::<String>());
    }

    #[test]
    fn cleaned_blocks_are_clean(s in messy_text()) {
        let cleaned = clean::clean(&text::sanitize(&s));
        for b in &cleaned.body {
            prop_assert!(!b.text.is_empty());
            prop_assert!(b.text.chars().all(|c| !c.is_control()), "{:?}", b.text);
            prop_assert!(is_nfc(&b.text));
        }
    }

    #[test]
    fn nfd_and_nfc_input_give_the_same_article(s in messy_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        let a = Article::from_bytes("a.txt", nfc.as_bytes()).ok().map(|a| (a.body().to_vec(), a.entities().to_vec()));
        let b = Article::from_bytes("a.txt", nfd.as_bytes()).ok().map(|a| (a.body().to_vec(), a.entities().to_vec()));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn any_bytes_load_or_are_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for path in ["x.txt", "x.html", "x.json", "x.jsonl"] {
            for a in Article::from_file(path, &bytes).into_iter().flatten() {
                for e in a.entities() {
                    let slice: String = a.body()[e.block].text.chars().skip(e.start).take(e.end - e.start).collect();
                    prop_assert_eq!(&slice, &e.text);
                }
            }
        }
    }

    #[test]
    fn any_bytes_decode_in_every_encoding_without_panic(bytes in legacy_bytes()) {
        let _ = text::decode(&bytes);
        for &(name, encoding) in text::ENCODING_NAMES {
            let forced = text::decode_as(bytes.clone(), encoding);
            // UTF-16 refuses nothing but emptiness: any bytes are some UTF-16.
            if name.starts_with("utf-16") {
                prop_assert_eq!(forced.is_ok(), !bytes.is_empty());
            }
        }
    }

    #[test]
    fn text_with_a_letter_only_vietnamese_has_is_never_repaired(s in messy_text()) {
        // "ạ" has no Windows-1252 byte, so the text cannot be a misreading.
        let s = format!("ạ {s}");
        if !s.contains('\0') {
            let d = text::decode(s.as_bytes()).expect("text decodes");
            prop_assert_eq!(d.encoding, text::Encoding::Utf8);
            prop_assert_eq!(d.text, s);
        }
    }

    #[test]
    fn vietnamese_text_goes_both_ways_in_vni_and_viscii(s in "[a-zA-Z0-9 .,ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]{0,80}") {
        for encoding in [text::Legacy::Vni, text::Legacy::Viscii] {
            let bytes = text::encode_legacy(&s, encoding).expect("every letter has bytes");
            prop_assert_eq!(text::decode_legacy(&bytes, encoding), s.clone());
        }
    }
}

/// Bytes that reach the legacy decoders' corners: vowels and the bytes of marks after them,
/// VIQR's marks and escapes, zeros in pairs.
fn legacy_bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"aeiouyAEIOUYdD ^+(`'?~.\\\n".to_vec()),
        0x80u8..=0xFF,
        Just(0u8),
    ];
    prop::collection::vec(byte, 0..600)
}
