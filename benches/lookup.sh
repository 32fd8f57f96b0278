#!/usr/bin/env bash
# Lookups on a large generated folder (variations of the seeds, see benches/gen), warm: the
# folder read once so its cache and lookup index are made, then, in the same run,
#   - `docbao facts --query`, `docbao search` and `grep -rl` of the same names: median of 5
#     wall-clock times, and docbao's peak memory (GNU time);
#   - the reader's corpus view: from `c` to the view shown (DOCBAO_TRACE, in tmux), median of 3,
#     and from Enter on its first name to that name's articles read from the index;
#   - the cold first read (`docbao list`, no cache) and the index's size beside the folder's.
# With BASE=/path/to/an/older/docbao, its cold first read is timed too, interleaved, to see what
# making the index adds.
#
#   cargo build --release && bash benches/lookup.sh              # 100,000 articles
#   bash benches/lookup.sh 10000                                 # another size
#
# The corpus is written to $DOCBAO_CORPORA when set (and kept, for repeated runs), else to a
# scratch folder removed afterwards. 100,000 articles take about 1 GB and a minute to write.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/target/release/docbao
n=${1:-100000}
# shellcheck source=benches/corpora.sh
source benches/corpora.sh lookup

dir=$corpora/corpus-$n
if [ ! -d "$dir" ]; then
    echo "writing $n articles to $dir"
    cargo bench --bench load -- generate "$dir" "$n" >/dev/null
fi
export DOCBAO_CACHE=$work/cache

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# secs CMD...: wall-clock seconds of CMD, output dropped
secs() { /usr/bin/time -f %e -o "$work/t" "$@" >/dev/null 2>&1 || true; cat "$work/t"; }
# peak CMD...: peak resident memory of CMD in MB
peak() { /usr/bin/time -f %M -o "$work/m" "$@" >/dev/null 2>&1 || true; awk '{ printf "%.0f", $1 / 1024 }' "$work/m"; }

echo "== cold first read (no cache): docbao list"
cold=()
base=()
for _ in 1 2; do
    rm -rf "$DOCBAO_CACHE"
    cold+=("$(secs "$bin" list "$dir")")
    if [ -n "${BASE:-}" ]; then
        rm -rf "$DOCBAO_CACHE"
        base+=("$(secs "$BASE" list "$dir")")
    fi
done
echo "docbao: ${cold[*]} s"
[ -n "${BASE:-}" ] && echo "BASE ($BASE): ${base[*]} s"
rm -rf "$DOCBAO_CACHE"
"$bin" list "$dir" >/dev/null
folder_kb=$(du -sk "$dir" | cut -f1)
index_kb=$(find "$DOCBAO_CACHE" -name '*.idx' -print0 | du -ck --files0-from=- | tail -1 | cut -f1)
cache_kb=$(find "$DOCBAO_CACHE" -name '*.bin' -print0 | du -ck --files0-from=- | tail -1 | cut -f1)
echo "folder $((folder_kb / 1024)) MB on disk; index $((index_kb / 1024)) MB ($((100 * index_kb / folder_kb))% of it); cache $((cache_kb / 1024)) MB"

echo "== warm lookups, median of 5 (s), peak memory (MB)"
printf "%-28s %8s %8s %8s %8s %8s\n" query facts-q MB search MB grep-rl
for pair in "jurgen stock|Jurgen Stock" "urquiza|Urquiza" "luong tam quang|Lương Tam Quang" "bo cong an|Bộ Công an" "viêng chăn|Viêng Chăn"; do
    q=${pair%%|*} g=${pair#*|}
    f=$(for _ in 1 2 3 4 5; do secs "$bin" facts --query "$q" "$dir"; done | median)
    fm=$(peak "$bin" facts --query "$q" "$dir")
    s=$(for _ in 1 2 3 4 5; do secs "$bin" search "$q" "$dir"; done | median)
    sm=$(peak "$bin" search "$q" "$dir")
    gr=$(for _ in 1 2 3 4 5; do secs grep -rl "$g" "$dir"; done | median)
    printf "%-28s %8s %8s %8s %8s %8s\n" "$q" "$f" "$fm" "$s" "$sm" "$gr"
done
rm -f "$work/trace"
DOCBAO_TRACE=$work/trace "$bin" facts --query "jurgen stock" "$dir" >/dev/null
grep -q index-answered "$work/trace" || echo "warning: facts did not answer from the index" >&2

echo "== the reader's corpus view (ms from c to the view), median of 3"
views=()
entries=()
for run in 1 2 3; do
    trace=$work/trace-$run
    "${T[@]}" kill-server 2>/dev/null || true
    while "${T[@]}" has-session 2>/dev/null; do sleep 0.1; done
    "${T[@]}" new-session -d -x 120 -y 40 -s s \
        "env DOCBAO_TRACE='$trace' DOCBAO_STATE='$work/state.json' '$bin' '$dir'; sleep 600"
    for _ in $(seq 600); do grep -q '^loaded' "$trace" 2>/dev/null && break; sleep 0.1; done
    "${T[@]}" send-keys -t s c
    for _ in $(seq 300); do grep -q '^corpus-view' "$trace" 2>/dev/null && break; sleep 0.1; done
    views+=("$(awk '$1 == "corpus-asked" { a = $2 } $1 == "corpus-view" { v = $3 } END { printf "%.0f", v - a }' "$trace")")
    grep -q '^corpus-indexed' "$trace" || echo "warning: the corpus view was not read from the index" >&2
    # The first name's articles (the most named person), read from the index on Enter.
    sleep 0.5
    "${T[@]}" send-keys -t s Enter
    for _ in $(seq 300); do grep -q '^entry-indexed' "$trace" 2>/dev/null && break; sleep 0.1; done
    entries+=("$(awk '$1 == "entry-asked" { a = $2 } $1 == "entry-indexed" { v = $2 } END { printf "%.0f", v - a }' "$trace")")
    "${T[@]}" send-keys -t s q
done
echo "corpus view: ${views[*]} ms, median $(printf '%s\n' "${views[@]}" | median) ms"
echo "a name's articles (Enter in the corpus view): ${entries[*]} ms, median $(printf '%s\n' "${entries[@]}" | median) ms"
