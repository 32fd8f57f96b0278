//! Invariants that must hold for any input, checked on generated text: Vietnamese letters in
//! both normal forms, wide and combining characters, controls, escape sequences and tabs.

use docbao::corpus::Article;
use docbao::{clean, text};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Text that looks like what scraped files hold, awkward parts included.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Bộ Công an ".to_owned()),
        Just("Thượng tướng Nguyễn Văn Thành, ".to_owned()),
        Just("Hoà bình, thuỷ lợi. ".to_owned()),
        Just("ngày 26/9/2025 ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n".to_owned()),
        Just("\t".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{1b}[31m".to_owned()),
        Just("\u{1b}]0;title\u{7}".to_owned()),
        Just("\u{9b}2J".to_owned()),
        Just("\u{0}\u{8}\u{7f}\u{85}".to_owned()),
        Just("\u{202e}\u{200b}\u{feff}\u{a0}".to_owned()),
        Just("Ð".to_owned()),
        Just("東京 👨‍👩‍👧 ".to_owned()),
        Just("Xem thêm\n".to_owned()),
        Just("07:55 30/06/2025\n".to_owned()),
        Just("Ảnh: TTXVN |\n".to_owned()),
        "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ .,:;()0-9-]{0,40}",
        any::<String>(),
    ];
    (prop::collection::vec(piece, 0..30), any::<bool>()).prop_map(|(parts, nfd)| {
        let s = parts.concat();
        if nfd {
            s.nfd().collect()
        } else {
            s
        }
    })
}

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
        let a = Article::from_bytes("a.txt", nfc.as_bytes()).ok().map(|a| (a.body, a.entities));
        let b = Article::from_bytes("a.txt", nfd.as_bytes()).ok().map(|a| (a.body, a.entities));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn any_bytes_load_or_are_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for path in ["x.txt", "x.html", "x.json", "x.jsonl"] {
            for a in Article::from_file(path, &bytes).into_iter().flatten() {
                for e in &a.entities {
                    let slice: String = a.body[e.block].text.chars().skip(e.start).take(e.end - e.start).collect();
                    prop_assert_eq!(&slice, &e.text);
                }
            }
        }
    }
}
