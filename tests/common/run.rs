// The docbao binary run as a user runs it, for the integration tests that include this file.

/// Far beyond any case's run time: reached only by a hang.
const HANG: std::time::Duration = std::time::Duration::from_secs(300);

/// What a run of docbao gave: its exit code and its output.
struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs docbao with `args`, colour allowed, its cache in a folder of this test run (not the
/// user's), and a time limit that only a hang reaches.
fn run_docbao(args: &[&str]) -> Run {
    let output = assert_cmd::Command::cargo_bin("docbao")
        .expect("the binary is built")
        .env_remove("NO_COLOR")
        .env_remove("DOCBAO_RECHECK")
        .env(
            "DOCBAO_CACHE",
            std::env::temp_dir().join(format!("docbao-test-cache-{}", std::process::id())),
        )
        .args(args)
        .timeout(HANG)
        .output()
        .expect("docbao runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        err: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}
