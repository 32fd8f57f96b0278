// Shared by `tests/props.rs` and the reader's view tests (through `include!`, since a binary's
// tests cannot import from `tests/`), so paths are written out in full.

/// Text that looks like what scraped files hold, awkward parts included: Vietnamese in either
/// normal form, combining marks, wide and full-width letters, emoji, a ZWJ family and a flag,
/// escape sequences, controls, bidi marks, tabs and line ends, and any string at all.
fn messy_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::{Just, Strategy};
    let piece = proptest::prop_oneof![
        Just("Bộ Công an ".to_owned()),
        Just("Thượng tướng Nguyễn Văn Thành, ".to_owned()),
        Just("Hoà bình, thuỷ lợi. ".to_owned()),
        Just("ngày 26/9/2025 ".to_owned()),
        Just("Interpol ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n".to_owned()),
        Just("\t".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{1b}[31m".to_owned()),
        Just("\u{1b}]0;title\u{7}".to_owned()),
        Just("\u{1b}[2J\u{1b}]52;c;eA==\u{7}".to_owned()),
        Just("\u{9b}2J".to_owned()),
        Just("\u{0}\u{8}\u{7f}\u{85}\r".to_owned()),
        Just("\u{202e}\u{200b}\u{200d}\u{feff}\u{a0}".to_owned()),
        Just("Ð".to_owned()),
        Just("e\u{301}\u{323}o\u{302}\u{303} ".to_owned()),
        Just("東京で会議 👨‍👩‍👧 🇻🇳 ".to_owned()),
        Just("ｆｕｌｌ ｗｉｄｔｈ ".to_owned()),
        Just("Xem thêm\n".to_owned()),
        Just("07:55 30/06/2025\n".to_owned()),
        Just("Ảnh: TTXVN |\n".to_owned()),
        "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ .,:;()0-9-]{0,40}",
        proptest::arbitrary::any::<String>(),
    ];
    (
        proptest::collection::vec(piece, 0..30),
        proptest::arbitrary::any::<bool>(),
    )
        .prop_map(|(parts, nfd)| {
            let s = parts.concat();
            if nfd {
                unicode_normalization::UnicodeNormalization::nfd(s.as_str()).collect()
            } else {
                s
            }
        })
}
