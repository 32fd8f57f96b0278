//! Old Vietnamese archives: the seeds in every encoding docbao reads (made by other tools, see
//! `tests/fixtures/encodings/make.py`) decode to the seeds' text, name their encoding, and load
//! together with one warning for each file that is not UTF-8.

use std::path::Path;

use docbao::text::{decode, sanitize, Encoding};

const FIXTURES: &str = "tests/fixtures/encodings";

/// Each fixture, the encoding it must be read as, and what its warning says (none for UTF-8).
const CASES: [(&str, Encoding, Option<&str>); 11] = [
    ("tcvn3", Encoding::Tcvn3, Some("read as TCVN3")),
    ("viscii", Encoding::Viscii, Some("read as VISCII")),
    ("vni", Encoding::Vni, Some("read as VNI-Windows")),
    ("viqr", Encoding::Viqr, Some("read as VIQR")),
    ("utf16le-nobom", Encoding::Utf16Le, Some("read as UTF-16LE")),
    ("utf16be-nobom", Encoding::Utf16Be, Some("read as UTF-16BE")),
    (
        "utf8-misread",
        Encoding::Utf8,
        Some("read as UTF-8, misread once as windows-1252"),
    ),
    (
        "utf8-misread-twice",
        Encoding::Utf8,
        Some("misread 2 times as windows-1252"),
    ),
    (
        "vni-misread",
        Encoding::Vni,
        Some("read as VNI-Windows, misread once"),
    ),
    (
        "tcvn3-misread",
        Encoding::Tcvn3,
        Some("read as TCVN3, misread once"),
    ),
    ("utf8", Encoding::Utf8, None),
];

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(path)).expect("the fixture is there")
}

#[test]
fn each_encoding_of_the_seeds_decodes_to_the_seeds_text() {
    for (name, encoding, warning) in CASES {
        let decoded = decode(&read(&format!("files/{name}.txt"))).expect("the fixture decodes");
        let expected = String::from_utf8(read(&format!("expected/{name}.txt"))).expect("UTF-8");
        assert_eq!(decoded.encoding, encoding, "{name}: {:?}", decoded.warnings);
        let (got, want) = (sanitize(&decoded.text), sanitize(&expected));
        if got != want {
            let at = got
                .char_indices()
                .zip(want.chars())
                .find(|((_, a), b)| a != b)
                .map_or(got.len().min(want.len()), |((i, _), _)| i);
            panic!(
                "{name}: differs at byte {at}: {:?}",
                &got[got.floor_char_boundary(at.saturating_sub(40))
                    ..got.floor_char_boundary(at + 40)]
            );
        }
        match warning {
            Some(w) => assert!(
                decoded.warnings.len() == 1 && decoded.warnings[0].contains(w),
                "{name}: {:?}",
                decoded.warnings
            ),
            None => assert!(
                decoded.warnings.is_empty(),
                "{name}: {:?}",
                decoded.warnings
            ),
        }
    }
}

include!("common/run.rs");

/// `run_docbao` reading every file again.
fn docbao(args: &[&str]) -> Run {
    let mut all = vec!["--no-cache"];
    all.extend_from_slice(args);
    run_docbao(&all)
}

#[test]
fn a_folder_of_every_encoding_loads_with_one_warning_per_file_not_in_utf8() {
    let folder = format!("{FIXTURES}/files");
    let run = docbao(&["list", &folder]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out.lines().count(), CASES.len(), "{}", run.out);
    for (name, _, warning) in CASES {
        let lines: Vec<&str> = run
            .err
            .lines()
            .filter(|l| l.contains(&format!("/{name}.txt:")))
            .collect();
        match warning {
            Some(w) => assert!(
                lines.len() == 1 && lines[0].contains(w),
                "{name}: {lines:?}"
            ),
            None => assert!(lines.is_empty(), "{name}: {lines:?}"),
        }
    }
    // Read in another encoding, each article is the seed it was made from: one of the seeds'
    // titles is on every line.
    let seeds = docbao(&["list", "seeds"]);
    let titles: Vec<&str> = seeds
        .out
        .lines()
        .filter_map(|l| l.rsplit('\t').next())
        .collect();
    for line in run.out.lines() {
        let title = line.rsplit('\t').next().unwrap_or_default();
        let plain = title.replace(['“', '”'], "\"");
        assert!(
            titles
                .iter()
                .any(|t| *t == title || t.replace(['“', '”'], "\"") == plain),
            "{line}"
        );
    }
}

#[test]
fn an_encoding_named_on_the_command_line_is_used_for_every_file() {
    let file = format!("{FIXTURES}/files/viscii.txt");
    let found = docbao(&["show", "viscii", &file]);
    let forced = docbao(&["--encoding", "VISCII", "show", "viscii", &file]);
    assert_eq!(forced.code, 0, "{}", forced.err);
    assert_eq!(forced.out, found.out);
    // Named, it is no guess: no warning.
    assert!(forced.err.is_empty(), "{}", forced.err);
    // The same bytes forced through another table are another text.
    let wrong = docbao(&["--encoding", "tcvn3", "show", "viscii", &file]);
    assert_ne!(wrong.out, found.out);

    let unknown = docbao(&["--encoding", "klingon", "list", &file]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.err.contains("unknown encoding \"klingon\""),
        "{}",
        unknown.err
    );
    for name in [
        "utf-8",
        "utf-16",
        "windows-1258",
        "tcvn3",
        "vni",
        "viscii",
        "viqr",
    ] {
        assert!(unknown.err.contains(name), "{name}: {}", unknown.err);
    }
}

#[test]
fn text_that_is_right_is_never_touched() {
    // Every UTF-8 article the project holds: read as it is, with no warning.
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for folder in [
        "seeds",
        "tests/fixtures/eval/dev/articles",
        "tests/fixtures/articles",
    ] {
        for entry in std::fs::read_dir(folder).expect("the folder is there") {
            files.push(entry.expect("an entry").path());
        }
    }
    assert!(files.len() > 40, "{}", files.len());
    for path in files.iter().filter(|p| p.is_file()) {
        let bytes = std::fs::read(path).expect("readable");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let decoded = decode(&bytes).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf8, "{}", path.display());
        assert!(
            decoded.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            decoded.warnings
        );
        assert_eq!(
            decoded.text,
            text.trim_start_matches('\u{feff}'),
            "{}",
            path.display()
        );
    }
    // Text in other languages, and ASCII that only looks like VIQR in places.
    let as_is = [
        "Herr Müller wohnt in der Großen Straße, gegenüber dem Café. Österreich, Schweiz, Zürich.",
        "Le garçon a mangé une crème brûlée à côté de l'hôtel; où est la bibliothèque? Très bien.",
        "It's a test, e.g. of code: a+b, (a) and x^2. Was it? Yes! I'm sure they're done.",
        "Cong an tinh Nghe An da bat giu doi tuong Nguyen Van A tai Ha Noi.",
        "Café ở Hà Nội: 30.000 đồng một ly, bạn nhé.",
    ];
    for text in as_is {
        let decoded = decode(text.as_bytes()).expect("decodes");
        assert_eq!(decoded.encoding, Encoding::Utf8, "{text}");
        assert_eq!(decoded.text, text);
        assert!(
            decoded.warnings.is_empty(),
            "{text}: {:?}",
            decoded.warnings
        );
    }
}

#[test]
fn western_files_not_in_utf8_are_read_as_windows_1252() {
    // "Le garçon a mangé une crème brûlée à côté de l'hôtel", in Windows-1252.
    let bytes = b"Le gar\xe7on a mang\xe9 une cr\xe8me br\xfbl\xe9e \xe0 c\xf4t\xe9 de l'h\xf4tel.";
    let decoded = decode(bytes).expect("decodes");
    assert_eq!(
        decoded.encoding,
        Encoding::Windows1252,
        "{:?}",
        decoded.warnings
    );
    assert_eq!(
        decoded.text,
        "Le garçon a mangé une crème brûlée à côté de l'hôtel."
    );
}
