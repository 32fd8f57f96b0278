#!/usr/bin/env bash
# Whole-process figures on generated folders (variations of the seeds, see benches/gen):
#   - the reader in tmux: time to the first frame, time until every file is read, the time
#     filter keystrokes typed while it loads take to show, and its peak memory;
#   - `docbao list`: time and peak memory to read everything.
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
if [ -n "${DOCBAO_CORPORA:-}" ]; then
    corpora=$DOCBAO_CORPORA
    mkdir -p "$corpora"
else
    corpora=$(mktemp -d)
fi
work=$(mktemp -d)
T=(tmux -L "docbao-scale-$$")
cleanup() {
    "${T[@]}" kill-server 2>/dev/null || true
    rm -rf "$work"
    [ -z "${DOCBAO_CORPORA:-}" ] && rm -rf "$corpora"
}
trap cleanup EXIT

field() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }

printf '| articles | on disk | first frame | all read | keystroke while loading (median / worst) | reader peak | `list` time | `list` peak |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
    dir=$corpora/corpus-$n
    if [ ! -d "$dir" ]; then
        cargo bench -q --bench load -- generate "$dir" "$n" >/dev/null
    fi
    disk=$(du -sm "$dir" | cut -f1)
    # Drop what the last run left in the page cache for this folder? Not without root; the
    # figures are with the files cached, as on a second look at a folder.
    trace=$work/trace-$n
    rm -f "$trace"
    "${T[@]}" kill-server 2>/dev/null || true
    while "${T[@]}" has-session 2>/dev/null; do sleep 0.1; done
    for _ in 1 2 3; do
        "${T[@]}" new-session -d -x 120 -y 40 -s s \
            "env DOCBAO_TRACE='$trace' DOCBAO_STATE='$work/state.json' /usr/bin/time -f %M -o '$work/reader-$n' '$bin' '$dir'; sleep 600" \
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
    for _ in $(seq 100); do [ -s "$work/reader-$n" ] && break; sleep 0.1; done
    first=$(awk '$1 == "first-frame" { print $3; exit }' "$trace")
    loaded=$(awk '$1 == "loaded" { print $3; exit }' "$trace")
    keys=$(awk '$1 == "keystroke" { print $2 }' "$trace" | sort -n)
    median=$(echo "$keys" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    worst=$(echo "$keys" | tail -1)
    reader_kb=$(tail -1 "$work/reader-$n")
    read -r list_s list_kb < <(/usr/bin/time -f "%e %M" "$bin" list "$dir" 2>&1 >/dev/null | tail -1)
    printf '| %s | %s MB | %s ms | %.1f s | %s / %s ms | %s MB | %s s | %s MB |\n' \
        "$n" "$disk" "$first" "$(echo "$loaded / 1000" | bc -l)" "$median" "$worst" \
        "$((reader_kb / 1024))" "$list_s" "$((list_kb / 1024))"
done
