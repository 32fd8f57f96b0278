//! The lookup index gives the answers a full read gives: the same entries, spellings, roles,
//! counts and order for `facts`, the same hits, scores and order for `search`, on generated
//! corpora laid out to be awkward (nested folders whose files sort between a folder's own,
//! a file that gives no article, one name spelt differently in different folders). A damaged,
//! cut-short or out-of-date index is never used, and is made again.

#[path = "../benches/gen/mod.rs"]
mod gen;

use std::path::{Path, PathBuf};

use docbao::corpus::index::{self, Entry, Office};
use docbao::corpus::lookup::{Listed, Listing};
use docbao::corpus::{Cache, Corpus, Loading, Lookup, Seen, SEEDS};
use docbao::extract::EntityKind;
use docbao::search::{self, Searchable};
use docbao::text::fold;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docbao-lookup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    dir
}

fn seeds() -> Vec<String> {
    SEEDS
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect()
}

/// A generated corpus of `n` articles in folders of 100, with folders inside the first whose
/// files sort before all of its own ("a-b/", "tin-0000/") and among them ("tin-000050-x/"
/// comes just before "tin-000050.txt"), an empty file, and a seed copied with a name in
/// capitals (the first spelling of a name must be the corpus's first).
fn corpus(root: &Path, n: usize) -> PathBuf {
    let news = root.join("news");
    gen::write_corpus(&news, &seeds(), n).expect("write the corpus");
    let first = news.join("0000");
    for (sub, i) in [("tin-000050-x", 1), ("a-b", 2), ("tin-0000", 3)] {
        std::fs::create_dir_all(first.join(sub)).expect("a folder inside");
        std::fs::write(
            first.join(sub).join("tin-9.txt"),
            gen::article_file(&seeds(), n + i),
        )
        .expect("write");
    }
    std::fs::write(first.join("tin-000007b.txt"), "").expect("an empty file");
    let shouting = seeds()[0].replace("Jurgen Stock", "JURGEN STOCK");
    std::fs::write(news.join("0001").join("tin-000100a.txt"), shouting).expect("write");
    news
}

/// Queries a user might type, from the corpus's own names, roles and titles: whole, folded,
/// cut short, in capitals, and a few of no use.
fn queries(entries: &[Entry], offices: &[Office], corpus: &Corpus) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in entries.iter().step_by(7).take(25) {
        out.push(e.name.clone());
        out.push(fold(&e.name));
        out.push(fold(&e.name).chars().take(4).collect());
        out.push(e.name.to_uppercase());
        out.push(e.name.to_lowercase());
    }
    for o in offices.iter().step_by(5).take(8) {
        out.push(o.role.clone());
        out.push(fold(&o.role));
    }
    for a in corpus.articles.iter().step_by(97).take(8) {
        let words: Vec<&str> = a.display_title.split_whitespace().collect();
        out.push(words.iter().take(3).copied().collect::<Vec<_>>().join(" "));
        if let Some(w) = words.get(1) {
            out.push(fold(w));
        }
    }
    out.extend(
        [
            "",
            "a",
            "an",
            "cong an",
            "công an",
            "Công an",
            "interpol jurgen",
            "jrgn",
            "ha noi",
            "zzqqxx",
            "2025",
            "tổng thư ký",
        ]
        .map(str::to_owned),
    );
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_index_answers_as_a_full_read_does() {
    let root = scratch("same");
    let news = corpus(&root, 700);
    let cache = Cache::new(root.join("cache"));
    let paths = [news.clone()];
    let corpus = Corpus::load_cached(&paths, Some(&cache));
    let mut lookup = Lookup::open(&paths, &cache).expect("every folder indexed by the load");
    // No file of the index is held open (thousands of folders would run out of descriptors).
    let held = std::fs::read_dir("/proc/self/fd").map_or(0, |fds| {
        fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
            .filter(|target| target.starts_with(&root))
            .count()
    });
    assert_eq!(held, 0, "files of the index held open");
    assert_eq!(lookup.articles, corpus.articles.len());
    assert_eq!(lookup.warnings, corpus.warnings);

    let entries = index::build(&corpus.articles);
    let offices = index::offices(&corpus.articles);
    let everything = lookup.facts(None).expect("the facts");
    assert_eq!(everything.entries, entries, "every entry, in order");
    assert_eq!(everything.offices, offices, "every office, in order");
    assert!(entries
        .iter()
        .any(|e| e.name == "Jurgen Stock" && !e.roles.is_empty()));
    // The corpus view's list: merged, then as kept.
    let sizes: Vec<(EntityKind, &str, usize, usize)> = entries
        .iter()
        .map(|e| (e.kind, e.name.as_str(), e.mentions(), e.articles.len()))
        .collect();
    for _ in 0..2 {
        let counted = lookup.counted().expect("counted");
        let got: Vec<(EntityKind, &str, usize, usize)> = counted
            .iter()
            .map(|c| (c.kind, c.name.as_str(), c.mentions, c.articles))
            .collect();
        assert_eq!(got, sizes);
    }

    let hays: Vec<Searchable> = corpus.articles.iter().map(Searchable::new).collect();
    let asked = queries(&entries, &offices, &corpus);
    assert!(asked.len() > 100, "{}", asked.len());
    let mut searched = 0;
    for q in &asked {
        let found = lookup.facts(Some(q)).expect("the facts");
        assert_eq!(
            index::lookup(&found.entries, q),
            index::lookup(&entries, q),
            "facts --query {q:?}"
        );
        assert_eq!(
            index::lookup_offices(&found.offices, q),
            index::lookup_offices(&offices, q),
            "offices for {q:?}"
        );
        // As `facts --query` writes it, from the index's rows.
        let listing = lookup.listing(Some(q)).expect("the listing");
        let listed: Vec<Vec<String>> = listing
            .lookup(q)
            .into_iter()
            .map(|e| listed_lines(&listing, e))
            .collect();
        let scanned: Vec<Vec<String>> = index::lookup(&entries, q)
            .into_iter()
            .map(entry_lines)
            .collect();
        assert_eq!(listed, scanned, "listing for {q:?}");
        let listed: Vec<Vec<String>> = listing
            .lookup_offices(q)
            .into_iter()
            .map(|o| {
                let holders = listing
                    .timeline(o)
                    .into_iter()
                    .map(|(p, a)| format!("{p} {} {:?}", a.id, a.date));
                std::iter::once(format!("{} {}", o.role, o.holders()))
                    .chain(holders)
                    .collect()
            })
            .collect();
        let scanned: Vec<Vec<String>> = index::lookup_offices(&offices, q)
            .into_iter()
            .map(|o| {
                let holders = o
                    .holders
                    .iter()
                    .map(|h| format!("{} {} {:?}", h.person, h.id, h.date));
                std::iter::once(format!("{} {}", o.role, o.holders.len()))
                    .chain(holders)
                    .collect()
            })
            .collect();
        assert_eq!(listed, scanned, "listed offices for {q:?}");

        let scanned = search::rank(&corpus.articles, &hays, q);
        let Some(indexed) = lookup.search(q, usize::MAX).expect("a search") else {
            println!("not the index's: {q:?}");
            continue;
        };
        searched += 1;
        let hits: Vec<&search::Hit> = indexed.hits.iter().map(|(h, _)| h).collect();
        assert_eq!(hits, scanned.iter().collect::<Vec<_>>(), "search {q:?}");
        for (h, row) in &indexed.hits {
            assert_eq!(row.id, corpus.articles[h.index].id);
        }
    }
    // Only queries with punctuation between their letters ("26/9") are left to a full read.
    assert!(
        searched * 10 >= asked.len() * 9,
        "{searched} of {}",
        asked.len()
    );
    std::fs::remove_dir_all(&root).expect("clean up");
}

/// What a listing gives of an entry, a line each: its name and counts, its roles, the people
/// with it, and each article naming it.
fn listed_lines(listing: &Listing, e: &Listed) -> Vec<String> {
    let head = [
        format!("{:?} {} {} in {}", e.kind, e.name, e.mentions, e.articles()),
        e.roles().join("; "),
        format!("{:?}", e.with),
    ];
    let articles = listing
        .articles(e)
        .map(|(a, count)| format!("{} {:?} {} {count}", a.id, a.date, a.title));
    head.into_iter().chain(articles).collect()
}

/// `listed_lines` of an entry of the full read's index.
fn entry_lines(e: &Entry) -> Vec<String> {
    let mut roles: Vec<&str> = Vec::new();
    for r in &e.roles {
        if !roles.contains(&&*r.role) {
            roles.push(&r.role);
        }
    }
    let head = [
        format!(
            "{:?} {} {} in {}",
            e.kind,
            e.name,
            e.mentions(),
            e.articles.len()
        ),
        roles.join("; "),
        format!("{:?}", e.with),
    ];
    let articles = e
        .articles
        .iter()
        .map(|m| format!("{} {:?} {} {}", m.id, m.date, m.title, m.count));
    head.into_iter().chain(articles).collect()
}

/// The files of the cache with this extension: the segments ("idx"), the corpus view's
/// lists ("names").
fn cache_files(cache: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(cache)
        .expect("the cache")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    out.sort();
    out
}

fn segments(cache: &Path) -> Vec<PathBuf> {
    cache_files(cache, "idx")
}

#[test]
fn a_damaged_or_stale_index_is_not_used_and_is_made_again() {
    let root = scratch("faults");
    let news = corpus(&root, 250);
    let store = root.join("cache");
    let cache = Cache::new(store.clone());
    let paths = [news.clone()];
    let corpus = Corpus::load_cached(&paths, Some(&cache));
    let want = index::build(&corpus.articles);
    let facts = |cache: &Cache| Lookup::open(&paths, cache)?.facts(None).ok();
    assert_eq!(facts(&cache).expect("fresh").entries, want);
    let files = segments(&store);
    assert_eq!(files.len(), 6, "{files:?}");
    let names = |cache: &Cache| -> Option<Vec<String>> {
        let counted = Lookup::open(&paths, cache)?.counted().ok()?;
        Some(counted.into_iter().map(|c| c.name).collect())
    };
    let want_names: Vec<String> = want.iter().map(|e| e.name.clone()).collect();
    assert_eq!(names(&cache).expect("merged"), want_names);
    let kept = cache_files(&store, "names");
    assert_eq!(kept.len(), 1, "{kept:?}");
    // A damaged list is not used: merged again, and kept whole again.
    let mut bytes = std::fs::read(&kept[0]).expect("read");
    let at = bytes.len() - 5;
    bytes[at] ^= 0x55;
    std::fs::write(&kept[0], &bytes).expect("damage");
    assert_eq!(names(&cache).expect("merged again"), want_names);
    assert_ne!(std::fs::read(&kept[0]).expect("read"), bytes);

    // Bytes changed after a segment's head: found by the checksums of what is read, the
    // segment removed, and the next read of the corpus makes it again.
    let mut bytes = std::fs::read(&files[1]).expect("read");
    for share in [10, 30, 60, 90] {
        let at = bytes.len() * share / 100;
        bytes[at] ^= 0x55;
    }
    std::fs::write(&files[1], &bytes).expect("damage");
    let asked = Lookup::open(&paths, &cache).map(|l| l.facts(None).map(|_| ()));
    assert!(!matches!(asked, Some(Ok(()))), "{asked:?}");
    assert!(!files[1].exists(), "a damaged segment is removed");
    assert!(Lookup::open(&paths, &cache).is_none());
    let again = Corpus::load_cached(&paths, Some(&cache));
    assert_eq!(index::build(&again.articles), want);
    assert_eq!(facts(&cache).expect("made again").entries, want);

    // Cut short, as by a crash mid-write without the rename.
    let bytes = std::fs::read(&files[2]).expect("read");
    std::fs::write(&files[2], &bytes[..bytes.len() / 3]).expect("cut");
    assert!(facts(&cache).is_none());
    Corpus::load_cached(&paths, Some(&cache));
    assert_eq!(facts(&cache).expect("made again").entries, want);

    // A file changed: the index is out of date until its folder, and only it, is read again.
    let before: Vec<std::time::SystemTime> = segments(&store)
        .iter()
        .map(|p| p.metadata().and_then(|m| m.modified()).expect("a time"))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let changed = news.join("0002").join("tin-000205.txt");
    let text = std::fs::read_to_string(&changed).expect("read");
    std::fs::write(&changed, text.replace("Jurgen Stock", "Henriette Quilliam")).expect("write");
    assert!(
        Lookup::open(&paths, &cache).is_none(),
        "a changed folder is not trusted"
    );
    let reread = Corpus::load_cached(&paths, Some(&cache));
    let after: Vec<std::time::SystemTime> = segments(&store)
        .iter()
        .map(|p| p.metadata().and_then(|m| m.modified()).expect("a time"))
        .collect();
    let remade = before.iter().zip(&after).filter(|(b, a)| b != a).count();
    assert_eq!(remade, 1, "only the changed folder's segment is made again");
    let entries = facts(&cache).expect("fresh again").entries;
    assert_eq!(entries, index::build(&reread.articles));
    assert!(entries.iter().any(|e| e.name == "Henriette Quilliam"));
    // The list kept before the change is not this corpus's.
    let now: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    assert_ne!(now, want_names);
    assert_eq!(names(&cache).expect("merged"), now);
    std::fs::remove_dir_all(&root).expect("clean up");
}

/// A lookup trusts the last full check of its folders (the stamp of every file) for a while,
/// as long as every folder has the same times: a file added shows at once, one rewritten in
/// place once the check is older than the time given.
#[test]
fn a_lookup_trusts_its_last_check_until_a_folder_changes_or_the_check_is_old() {
    use std::time::Duration;
    let root = scratch("recheck");
    let news = corpus(&root, 250);
    let store = root.join("cache");
    let cache = Cache::new(store.clone());
    let paths = [news.clone()];
    Corpus::load_cached(&paths, Some(&cache));
    // A folder changed within two seconds of a check is not trusted by its times.
    std::thread::sleep(Duration::from_millis(2100));
    let minute = Duration::from_secs(60);
    let open = |recheck| Lookup::open_within(&paths, &cache, recheck);
    assert!(open(minute).is_some(), "fresh");
    assert_eq!(cache_files(&store, "walk").len(), 1, "the check is kept");
    assert!(open(minute).is_some(), "trusted");

    // Rewritten in place: no folder's times change.
    let file = news.join("0001").join("tin-000101.txt");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Interpol", "Europol")).expect("rewrite");
    assert!(
        open(minute).is_some(),
        "the check is trusted for the minute"
    );
    assert!(open(Duration::ZERO).is_none(), "every file stamped again");

    Corpus::load_cached(&paths, Some(&cache));
    assert!(open(Duration::ZERO).is_some(), "made again");
    std::fs::write(news.join("0002").join("tin-new.txt"), &text).expect("a new file");
    assert!(open(minute).is_none(), "a folder changed");
    std::fs::remove_dir_all(&root).expect("clean up");
}

#[test]
fn two_processes_reading_one_folder_leave_a_whole_index() {
    let root = scratch("two");
    let news = corpus(&root, 300);
    let store = root.join("cache");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_docbao"))
            .env("DOCBAO_CACHE", &store)
            .args(["facts", "--json", "--query", "jurgen stock"])
            .arg(&news)
            .output()
            .expect("docbao runs")
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(run);
        let b = s.spawn(run);
        (a.join().expect("first"), b.join().expect("second"))
    });
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    let trace = root.join("trace");
    let third = std::process::Command::new(env!("CARGO_BIN_EXE_docbao"))
        .env("DOCBAO_CACHE", &store)
        .env("DOCBAO_TRACE", &trace)
        .args(["facts", "--json", "--query", "jurgen stock"])
        .arg(&news)
        .output()
        .expect("docbao runs");
    assert_eq!(third.stdout, a.stdout);
    let marks = std::fs::read_to_string(&trace).expect("the trace");
    assert!(
        marks.contains("index-answered"),
        "answered from the index they left: {marks}"
    );
    let scanned = std::process::Command::new(env!("CARGO_BIN_EXE_docbao"))
        .args(["--no-cache", "facts", "--json", "--query", "jurgen stock"])
        .arg(&news)
        .output()
        .expect("docbao runs");
    assert_eq!(scanned.stdout, a.stdout, "as a full read answers");
    std::fs::remove_dir_all(&root).expect("clean up");
}

#[test]
fn the_folders_as_a_load_found_them_open_the_index_without_a_walk() {
    let root = scratch("seen");
    let news = corpus(&root, 250);
    let cache = Cache::new(root.join("cache"));
    let paths = [news.clone()];
    let (mut files, mut seen) = (0, Vec::new());
    docbao::corpus::load_each(&paths, Some(&cache), |loading| {
        match loading {
            Loading::Found { files: n, .. } => files = n,
            Loading::Batch(batch) => seen.extend(batch.seen),
        }
        true
    });
    let want = Lookup::open(&paths, &cache)
        .expect("fresh")
        .facts(None)
        .expect("facts");
    let got = Lookup::open_seen(&seen, files, Vec::new(), &cache)
        .expect("the folders as read")
        .facts(None)
        .expect("facts");
    assert_eq!(got.entries, want.entries);
    assert_eq!(got.offices, want.offices);
    assert!(seen.len() > 3, "{} folders", seen.len());

    // The corpus view's list made ready after a load: merged and kept once, then left alone.
    // (A lookup that stamped every file has kept one already.)
    let store = root.join("cache");
    for kept in cache_files(&store, "names") {
        std::fs::remove_file(kept).expect("remove");
    }
    let lookup = Lookup::open_seen(&seen, files, Vec::new(), &cache).expect("fresh");
    lookup.keep_counted().expect("kept");
    let kept = cache_files(&store, "names");
    assert_eq!(kept.len(), 1);
    let written = std::fs::metadata(&kept[0])
        .and_then(|m| m.modified())
        .expect("a time");
    std::thread::sleep(std::time::Duration::from_millis(20));
    lookup.keep_counted().expect("kept");
    let again = std::fs::metadata(&kept[0])
        .and_then(|m| m.modified())
        .expect("a time");
    assert_eq!(written, again, "a current list is not merged again");
    let names: Vec<&str> = want.entries.iter().map(|e| e.name.as_str()).collect();
    let counted = Lookup::open_seen(&seen, files, Vec::new(), &cache)
        .expect("fresh")
        .counted()
        .expect("counted");
    assert_eq!(
        counted.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        names
    );

    // A folder left out, a file more than the folders hold, a folder whose files were
    // stamped otherwise: none of them is the corpus read.
    let open = |seen: &[Seen], files| Lookup::open_seen(seen, files, Vec::new(), &cache);
    assert!(open(&seen[1..], files).is_none());
    assert!(open(&seen, files + 1).is_none());
    let mut other = seen.clone();
    other[2].digest ^= 1;
    assert!(open(&other, files).is_none());
    std::fs::remove_dir_all(&root).expect("clean up");
}
