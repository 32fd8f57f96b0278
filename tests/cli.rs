//! The command line of SPEC.md, run as a user would: every subcommand, its exit status and
//! its messages. Fixtures are in tests/fixtures/.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn docbao() -> Command {
    let mut cmd = Command::cargo_bin("docbao").expect("the binary is built");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("DOCBAO_RECHECK");
    // The cache of processed articles goes to a folder of this test run, not the user's.
    cmd.env(
        "DOCBAO_CACHE",
        std::env::temp_dir().join(format!("docbao-cli-cache-{}", std::process::id())),
    );
    cmd
}

const ARTICLES: &str = "tests/fixtures/articles";
const SEEDS: &str = "seeds";
const MIXED: &str = "tests/fixtures/mixed";

fn stdout_of(args: &[&str]) -> String {
    let out = docbao()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

#[test]
fn list_shows_the_bundled_seeds_without_a_path() {
    let out = stdout_of(&["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[1].starts_with("001_3f794fc9fcf5f613\t2016-12-20\tVIETNAM+\tĐoàn Bộ Công an"));
}

#[test]
fn list_json_gives_one_object_per_article() {
    let out = stdout_of(&["list", ARTICLES, "--json"]);
    let rec: Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(rec["id"], "hanoi");
    assert_eq!(rec["date"], "2025-12-15T09:30");
    assert_eq!(rec["source"], "TTXVN");
}

#[test]
fn show_cleans_and_lists_facts() {
    let out = stdout_of(&["show", "hanoi", ARTICLES]);
    assert!(out.starts_with("Hà Nội tăng cường kiểm tra"));
    assert!(!out.contains("Bình luận"), "boilerplate left in:\n{out}");
    assert!(
        out.contains("Trần Minh Hòa: Phó Giám đốc Công an thành phố Hà Nội"),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "colour without a terminal");
}

#[test]
fn show_by_prefix_and_with_colour() {
    let out = stdout_of(&["show", "001", "--color", "always"]);
    assert!(
        out.contains("\x1b[1;33mJurgen Stock\x1b[0m"),
        "person not coloured"
    );
}

#[test]
fn show_json_is_the_export_record() {
    let out = stdout_of(&["show", "hanoi", ARTICLES, "--json"]);
    let rec: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        rec["title"],
        "Hà Nội tăng cường kiểm tra an toàn giao thông dịp cuối năm"
    );
    assert!(rec["removed"]
        .as_array()
        .is_some_and(|r| r.iter().any(|l| l == "Xem thêm")));
}

#[test]
fn show_raw_marks_the_removed_lines() {
    let out = stdout_of(&["show", "hanoi", ARTICLES, "--raw"]);
    assert!(out.contains("Bình luận"), "raw view keeps every line");
}

#[test]
fn unknown_and_ambiguous_ids_exit_1_with_advice() {
    docbao()
        .args(["show", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"nope\"").and(predicate::str::contains("docbao list")));
    docbao()
        .args(["show", "00"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("several ids"));
}

#[test]
fn a_reading_width_too_narrow_is_bad_usage() {
    docbao()
        .args(["--width", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--width"));
}

#[test]
fn a_path_that_is_neither_file_nor_folder_exits_2_naming_it() {
    for args in [
        &["list", "/no/such/folder"][..],
        &["export", "seeds", "/no/such/folder"],
        &["/no/such/folder"],
    ] {
        docbao()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "no such file or folder: /no/such/folder",
            ));
    }
}

#[test]
fn options_before_the_command_leave_it_a_command() {
    let config = std::env::temp_dir().join(format!("docbao-cli-{}.toml", std::process::id()));
    std::fs::write(&config, "").expect("config");
    let out = docbao()
        .args(["--config"])
        .arg(&config)
        .args(["list", "seeds"])
        .assert()
        .success();
    let lines = String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .count();
    assert_eq!(lines, 5);
    // Paths before the command would be passed over: said, not guessed.
    docbao()
        .args(["seeds", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("paths go after the command"));
    let _ = std::fs::remove_file(config);
}

#[test]
fn bad_files_are_reported_and_the_rest_still_load() {
    let assert = docbao().args(["list", MIXED]).assert().success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        err.contains("binary.txt") && err.contains("not a text file"),
        "{err}"
    );
    assert!(err.contains("empty.txt"), "{err}");
}

#[test]
fn control_sequences_never_reach_the_output() {
    let out = stdout_of(&["show", "crlf", MIXED]);
    assert!(!out.contains('\x1b') && !out.contains('\r'), "{out:?}");
    assert!(out.contains("màu"), "{out}");
}

#[test]
fn nothing_readable_exits_1() {
    docbao()
        .args(["export", "tests/fixtures/mixed/binary.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no article could be read"));
}

#[test]
fn bad_usage_exits_2() {
    docbao().args(["show"]).assert().code(2);
    docbao().args(["list", "--bogus"]).assert().code(2);
    docbao()
        .args(["search", "x", "--limit", "many"])
        .assert()
        .code(2);
}

#[test]
fn facts_answers_a_query_without_accents() {
    let out = stdout_of(&["facts", "--query", "tran minh hoa", ARTICLES]);
    assert!(
        out.starts_with("Trần Minh Hòa (person, 1 mention in 1 article)"),
        "{out}"
    );
    assert!(out.contains("Thiếu tướng"));
    let json = stdout_of(&["facts", ARTICLES, "--json"]);
    let entries: Value = serde_json::from_str(&json).expect("JSON");
    assert!(entries
        .as_array()
        .is_some_and(|e| e.iter().any(|x| x["name"] == "Công an thành phố Hà Nội")));
}

#[test]
fn search_ranks_and_limits() {
    let out = stdout_of(&["search", "interpol", "--limit", "2"]);
    assert_eq!(out.lines().count(), 2);
    let json = stdout_of(&["search", "cong an", "--json"]);
    for line in json.lines() {
        let rec: Value = serde_json::from_str(line).expect("JSON line");
        assert!(rec["id"].is_string());
    }
    assert_eq!(stdout_of(&["search", "zzzzqqq"]), "");
    // The article with the phrase in its title says it once in its body: "1 hit".
    let phrase = stdout_of(&["search", "cong an viet nam"]);
    let line = phrase
        .lines()
        .find(|l| l.starts_with("001_3f794fc9fcf5f613\t"))
        .expect("the article is found");
    assert!(line.contains("\t1 hit\t"), "{line}");
}

#[test]
fn export_keeps_spans_on_their_text() {
    let out = stdout_of(&["export"]);
    let mut n = 0;
    for line in out.lines() {
        let rec: Value = serde_json::from_str(line).expect("JSON line");
        let body = rec["body"].as_array().expect("body");
        for e in rec["entities"].as_array().expect("entities") {
            let block = body[e["block"].as_u64().expect("block") as usize]["text"]
                .as_str()
                .expect("text");
            let chars: Vec<char> = block.chars().collect();
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let slice: String = chars[s..t].iter().collect();
            assert_eq!(slice, e["text"].as_str().unwrap());
        }
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn the_reader_refuses_a_pipe() {
    docbao()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

const FORMATS: &str = "tests/fixtures/formats";

#[test]
fn html_pages_are_read_without_their_furniture() {
    let out = stdout_of(&["show", "page", FORMATS, "--json"]);
    let rec: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(rec["title"], "Đà Nẵng khai mạc lễ hội pháo hoa quốc tế");
    assert_eq!(rec["published"], "2025-06-01T20:15");
    assert_eq!(rec["source"], "Báo Mẫu");
    let body: Vec<&str> = rec["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert!(
        body[0].starts_with("Tối 1/6, tại thành phố Đà Nẵng"),
        "{body:?}"
    );
    assert!(
        body.iter()
            .any(|b| b.contains("10.000 du khách") && b.contains(" & ")),
        "{body:?}"
    );
    for furniture in [
        "Trang chủ",
        "quảng cáo",
        "Tin liên quan",
        "Giấy phép",
        "Xem thêm",
    ] {
        assert!(
            !body.iter().any(|b| b.contains(furniture)),
            "{furniture} left in {body:?}"
        );
    }
    let caption = rec["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "caption");
    assert!(caption.is_some_and(|c| c["text"]
        .as_str()
        .unwrap()
        .starts_with("Pháo hoa trên sông Hàn")));
}

#[test]
fn json_lines_give_one_article_a_record_and_report_the_bad_one() {
    let assert = docbao()
        .args(["list", FORMATS, "--json"])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let ids: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["feed-1", "feed-2", "one", "page", "utf16", "w1258"]);
    assert!(
        err.contains("feed.jsonl") && err.contains("line 2: not JSON"),
        "{err}"
    );
}

#[test]
fn legacy_and_utf16_encodings_read_the_same() {
    let w = stdout_of(&["show", "w1258", FORMATS]);
    let u = stdout_of(&["show", "utf16", FORMATS]);
    assert_eq!(w, u);
    assert!(w.starts_with("Quảng Ninh đón tàu du lịch quốc tế"), "{w}");
}

#[test]
fn config_default_prints_the_commented_default() {
    let out = stdout_of(&["config", "--default"]);
    assert!(out.starts_with("# docbao's configuration."));
    for setting in [
        "folders = []",
        "mouse = true",
        "facts_panel = true",
        "[theme]",
        "[keys]",
    ] {
        assert!(out.contains(setting), "{setting} is missing");
    }
}

#[test]
fn config_check_names_each_problem_with_line_and_column() {
    let path = "tests/fixtures/config/broken.toml";
    let out = docbao()
        .args(["config", "--config", path])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    let expected = [
        "line 2, column 9: expected true or false, found \"yes\"",
        "line 6, column 10: expected a colour",
        "line 10, column 8: expected keys such as",
        "line 11, column 1: expected an action",
    ];
    for (line, want) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(&format!("docbao: {path}: {want}")),
            "{line}"
        );
        assert!(line.ends_with("that setting keeps its default"), "{line}");
    }
}

#[test]
fn config_check_says_where_the_file_is() {
    docbao()
        .args(["config", "--config", "tests/fixtures/config/none.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "could not read the config file tests/fixtures/config/none.toml",
        ));
    let dir = std::env::temp_dir().join(format!("docbao-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    std::fs::write(dir.join("good.toml"), "mouse = false\n").expect("write");
    docbao()
        .env("DOCBAO_CONFIG", dir.join("good.toml"))
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::ends_with("good.toml: read, no problems\n"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn completions_and_man_page_name_every_command() {
    let bash = stdout_of(&["completions", "bash"]);
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH docbao 1"));
    for command in [
        "list",
        "show",
        "facts",
        "search",
        "export",
        "config",
        "completions",
    ] {
        assert!(bash.contains(command), "bash completions lack {command}");
        assert!(man.contains(command), "the man page lacks {command}");
    }
    assert!(bash.contains("--no-mouse"));
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef docbao"));
    docbao().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn facts_written_from_the_index_are_those_of_a_full_read() {
    let trace = std::env::temp_dir().join(format!("docbao-cli-trace-{}", std::process::id()));
    // The seeds as a folder of their own: the bundled ones have no index.
    for q in [
        "interpol",
        "tong thu ky",
        "bo cong an",
        "jurgen",
        "no such name at all",
    ] {
        let read = stdout_of(&["facts", "--query", q, SEEDS, "--no-cache"]);
        assert_eq!(read.is_empty(), q.starts_with("no such"), "{q:?}: {read}");
        // The first run may read the folder and make its index; the second reads the index.
        stdout_of(&["facts", "--query", q, SEEDS]);
        let _ = std::fs::remove_file(&trace);
        let out = docbao()
            .env("DOCBAO_TRACE", &trace)
            .args(["facts", "--query", q, SEEDS])
            .assert()
            .success()
            .get_output()
            .clone();
        let said = std::fs::read_to_string(&trace).expect("a trace");
        assert!(said.contains("index-answered"), "{q:?}: {said}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), read, "{q:?}");
    }
    let _ = std::fs::remove_file(&trace);
}

#[test]
fn no_cache_is_taken_by_every_command_and_gives_the_same_output() {
    let cached = stdout_of(&["export", ARTICLES]);
    let again = stdout_of(&["export", ARTICLES]);
    let fresh = stdout_of(&["export", ARTICLES, "--no-cache"]);
    assert_eq!(cached, fresh);
    assert_eq!(again, fresh);
    for args in [
        &["list", "--no-cache"][..],
        &["show", "hanoi", ARTICLES, "--no-cache"],
        &["facts", "--no-cache"],
        &["search", "interpol", "--no-cache"],
    ] {
        docbao().args(args).assert().success();
    }
}

#[test]
fn facts_give_role_timelines_and_who_appears_with_whom() {
    let out = stdout_of(&["facts", "--query", "tong thu ky interpol"]);
    let timeline: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Tổng Thư ký Interpol (role"))
        .take(3)
        .collect();
    assert_eq!(timeline.len(), 3, "{out}");
    assert!(
        timeline[1].starts_with("  2025-11-28  Valdecy Urquiza  003_"),
        "{out}"
    );
    assert!(timeline[2].contains("Jurgen Stock  000_"), "{out}");
    let person = stdout_of(&["facts", "--query", "nguyen van thanh"]);
    assert!(
        person.contains("\n  with: Jurgen Stock (1 article)\n"),
        "{person}"
    );
    let all = stdout_of(&["facts"]);
    assert!(all.contains("\nRoles ("), "{all}");
    assert!(all.contains("  Tổng Thư ký Interpol: Valdecy Urquiza 2025-11-28; Jurgen Stock -\n"));
    let json: Value = serde_json::from_str(&stdout_of(&["facts", "--json"])).expect("JSON");
    let thanh = json
        .as_array()
        .expect("an array of entries")
        .iter()
        .find(|e| e["name"] == "Nguyễn Văn Thành")
        .expect("listed");
    assert_eq!(thanh["with"][0]["name"], "Jurgen Stock");
}

#[test]
fn no_cache_writes_no_cache_and_the_cache_is_written_otherwise() {
    let dir = std::env::temp_dir().join(format!("docbao-cli-nocache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = |extra: &[&str]| {
        docbao()
            .env("DOCBAO_CACHE", &dir)
            .args(["list", ARTICLES])
            .args(extra)
            .assert()
            .success();
    };
    run(&["--no-cache"]);
    assert!(!dir.exists(), "--no-cache wrote a cache");
    run(&[]);
    let files = std::fs::read_dir(&dir).expect("a cache").count();
    assert!(files >= 1);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn facts_list_a_person_named_short_later_once() {
    let dir = std::env::temp_dir().join(format!("docbao-cli-short-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    std::fs::write(
        dir.join("a.txt"),
        "Bắt nguyên chủ tịch ngân hàng\n\nÔng Lâm Hữu Phước - nguyên Chủ tịch HĐQT ngân hàng bị bắt hôm qua. Tại cơ quan điều tra, Phước khai nhận. Ông Phước cho biết đã nhận tiền.\n",
    )
    .expect("article written");
    let dir_arg = dir.to_str().expect("UTF-8 path");
    let out = stdout_of(&["facts", dir_arg]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.starts_with("People (1)\n"), "{out}");
    assert!(out.contains("Lâm Hữu Phước ×3"), "{out}");
}
