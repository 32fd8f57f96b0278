//! The shape of the source tree: the library's top-level modules use one another without a
//! cycle (each stage of the pipeline only uses the ones before it), and no file carries more
//! than about a thousand lines of code. Read from the files themselves, so that a `use` that
//! points back up the pipeline fails here, with the path that closes the loop.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lines of code (not blank, not comments, tests apart) a file may hold.
const MAX_CODE_LINES: usize = 1_000;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's code before its tests: `#[cfg(test)]` modules close docbao's files, and a file
/// named `tests.rs` is all tests.
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).expect("read a source file");
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The library's top-level module a file of `src/` belongs to (`src/corpus/cache.rs` →
/// `corpus`), or None for the binary's files and the crate roots.
fn module_of(src: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    match name {
        "lib" | "main" | "cli" | "tui" | "trace" => None,
        _ => Some(name.to_owned()),
    }
}

/// The top-level modules named by `crate::NAME` in `code`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = code[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

/// Each library module and the other library modules its code uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let Some(module) = module_of(&src, path) else {
            continue;
        };
        let used = uses(&code_of(path));
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(used.into_iter().filter(|m| *m != module));
    }
    graph
}

/// A cycle through `graph`, as the modules along it, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_owned());
            return Some(found);
        }
        if done.contains(at) {
            return None;
        }
        path.push(at.to_owned());
        for next in graph.get(at).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(at.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for start in graph.keys() {
        if let Some(found) = visit(start, graph, &mut Vec::new(), &mut done) {
            return Some(found);
        }
    }
    None
}

#[test]
fn the_library_modules_use_one_another_without_a_cycle() {
    let graph = graph();
    assert!(graph.len() >= 6, "the library's modules: {graph:?}");
    if let Some(found) = cycle(&graph) {
        panic!(
            "the modules use one another in a cycle: {}",
            found.join(" → ")
        );
    }
}

#[test]
fn the_pipeline_points_one_way() {
    // Each stage may use only those before it (state and config come last, apart).
    let order = [
        "text", "clean", "extract", "article", "search", "corpus", "config", "state",
    ];
    let graph = graph();
    for (module, used) in &graph {
        let Some(at) = order.iter().position(|m| m == module) else {
            panic!("{module} is not placed in the pipeline's order; add it to this test");
        };
        for u in used {
            let Some(to) = order.iter().position(|m| m == u) else {
                panic!("{module} uses crate::{u}, which is not a module of the pipeline");
            };
            assert!(
                to < at,
                "{module} uses {u}, which comes after it in the pipeline ({})",
                order.join(" → ")
            );
        }
    }
}

#[test]
fn the_article_model_knows_nothing_of_loading_caching_or_search() {
    let used = graph().remove("article").expect("an article module");
    for above in ["search", "corpus", "state", "config"] {
        assert!(!used.contains(above), "article uses {above}");
    }
}

#[test]
fn the_checks_find_a_cycle_and_a_use_through_a_path() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        cycle(&g).expect("a cycle"),
        ["a", "b", "c", "a"].map(str::to_owned)
    );
    let mut acyclic = g.clone();
    acyclic.get_mut("c").expect("c").clear();
    assert_eq!(cycle(&acyclic), None);
    let code = "use crate::text::fold;\nlet x = crate::corpus::Corpus::seeds(); my_crate::no;";
    assert_eq!(
        uses(code),
        ["corpus", "text"].map(str::to_owned).into_iter().collect()
    );
}

/// Lines of `code` that are neither blank nor comments.
fn code_lines(code: &str) -> usize {
    code.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .count()
}

#[test]
fn no_file_holds_more_than_a_thousand_lines_of_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let too_long: Vec<String> = files
        .iter()
        .map(|p| (p, code_lines(&code_of(p))))
        .filter(|(_, n)| *n > MAX_CODE_LINES)
        .map(|(p, n)| format!("{} ({n} lines)", p.display()))
        .collect();
    assert!(too_long.is_empty(), "split these: {too_long:?}");
    assert_eq!(code_lines("// a\n\nfn f() {}\n  /// b\nlet x = 1;\n"), 2);
}
