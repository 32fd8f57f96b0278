#!/usr/bin/env bash
# Whole-process figures on generated folders (variations of the seeds, see benches/gen):
#   - the reader in tmux, without docbao's cache and then with it: time to the first frame,
#     time until every file is read, the time filter keystrokes typed while it reads take to
#     show, and its peak memory;
#   - `docbao list` with the cache: time and peak memory.
# Timings come from the reader itself (DOCBAO_TRACE), memory from GNU time.
#
#   cargo build --release && bash benches/scale.sh            # 1,000, 10,000 and 100,000
#   bash benches/scale.sh 10000                               # one size
#
# Corpora are written to $DOCBAO_CORPORA when set (and kept, for repeated runs), else to a
# scratch folder removed afterwards. 100,000 articles take about 1 GB and a minute to write.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/target/release/docbao
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
# shellcheck source=benches/corpora.sh
source benches/corpora.sh scale

# reader N RUN: the reader on corpus N in tmux, filter keys typed while it reads; leaves
# its trace in $work/trace-N-RUN and its peak memory in $work/reader-N-RUN.
reader() {
    local n=$1 run=$2 dir=$corpora/corpus-$1
    local trace=$work/trace-$n-$run
    rm -f "$trace"
    "${T[@]}" kill-server 2>/dev/null || true
    while "${T[@]}" has-session 2>/dev/null; do sleep 0.1; done
    for _ in 1 2 3; do
        "${T[@]}" new-session -d -x 120 -y 40 -s s \
            "env DOCBAO_TRACE='$trace' DOCBAO_STATE='$work/state.json' DOCBAO_CACHE='$work/cache' /usr/bin/time -f %M -o '$work/reader-$n-$run' '$bin' '$dir'; sleep 600" \
            2>/dev/null && break
        sleep 0.5
    done
    for _ in $(seq 100); do [ -s "$trace" ] && grep -q first-frame "$trace" && break; sleep 0.05; done
    # Type a filter while the folder loads, a key every 0.3 s, then clear it.
    for key in / c o n g Space a n; do
        "${T[@]}" send-keys -t s "$key"
        sleep 0.3
    done
    "${T[@]}" send-keys -t s Escape
    for _ in $(seq 6000); do grep -q '^loaded' "$trace" 2>/dev/null && break; sleep 0.1; done
    "${T[@]}" send-keys -t s q
    for _ in $(seq 100); do [ -s "$work/reader-$n-$run" ] && break; sleep 0.1; done
}

ms() { awk -v k="$1" '$1 == k { print $3; exit }' "$2"; }
secs() { printf "%.2f" "$(echo "$1 / 1000" | bc -l)"; }

printf '| articles | on disk | first frame | all read: cold / cached | keystroke while reading, median / worst | reader peak: cold / cached | `list`, cached: time, peak |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
    dir=$corpora/corpus-$n
    if [ ! -d "$dir" ]; then
        cargo bench -q --bench load -- generate "$dir" "$n" >/dev/null
    fi
    disk=$(du -sm "$dir" | cut -f1)
    rm -rf "$work/cache"
    # The files are in the page cache (they were just written, or read before): "cold" means
    # without docbao's cache, not from disk.
    reader "$n" cold
    reader "$n" cached
    keys=$(awk '$1 == "keystroke" { print $2 }' "$work/trace-$n-cold" | sort -n)
    median=$(echo "$keys" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    worst=$(echo "$keys" | tail -1)
    read -r list_s list_kb < <(DOCBAO_CACHE=$work/cache /usr/bin/time -f "%e %M" "$bin" list "$dir" 2>&1 >/dev/null | tail -1)
    printf '| %s | %s MB | %s ms | %s s / %s s | %s / %s ms | %s / %s MB | %s s, %s MB |\n' \
        "$n" "$disk" "$(ms first-frame "$work/trace-$n-cold")" \
        "$(secs "$(ms loaded "$work/trace-$n-cold")")" "$(secs "$(ms loaded "$work/trace-$n-cached")")" \
        "$median" "$worst" \
        "$(($(tail -1 "$work/reader-$n-cold") / 1024))" "$(($(tail -1 "$work/reader-$n-cached") / 1024))" \
        "$list_s" "$((list_kb / 1024))"
done
