#!/usr/bin/env bash
# Peak resident memory and time of `docbao list` on awkward files, each at two sizes, so the
# cost per input byte (the slope) is measured apart from the constant.
#
#   cargo build --release && bash benches/memory.sh
#
# Files are generated in a scratch folder and removed afterwards. Needs GNU time and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${DOCBAO:-target/release/docbao}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A cache of the run's own, not the user's: each folder is read for the first time, its cache
# and lookup index written as a first read writes them.
export DOCBAO_CACHE=$work/cache

# gen KIND BYTES FILE: "paragraphs" (a line every 3 sentences), "line" (one line) or
# "lines" (one short line each).
gen() {
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
kind, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sentence = ("Ngày 26/9, tại Hà Nội, Thượng tướng Nguyễn Văn Long, Thứ trưởng Bộ Công an, "
            "đã tiếp đoàn Interpol gồm 12 đại biểu. ")
out, n, total = ["Tin dài\n\n"], 0, 0
while total < size:
    if kind == "lines":
        piece = "Dòng %d: đoàn Interpol làm việc tại Hà Nội.\n" % n
    else:
        piece = sentence + ("\n" if kind == "paragraphs" and n % 3 == 2 else "")
    out.append(piece)
    total += len(piece.encode())
    n += 1
open(path, "w").write("".join(out))
EOF
}

# peak DIR: prints "seconds kilobytes".
peak() {
    /usr/bin/time -f "%e %M" "$bin" list "$1" 2>&1 >/dev/null | tail -1
}

mkdir -p "$work/one"
gen paragraphs 2000 "$work/one/a.txt"
read -r _ base < <(peak "$work/one")
printf 'constant (one small article): %.1f MB\n\n' "$(echo "$base / 1024" | bc -l)"
printf '| input | size | time | peak resident | per input byte since the smaller size |\n'
printf '| --- | --- | --- | --- | --- |\n'
for kind in paragraphs line lines; do
    prev_size="" prev_kb=""
    for mb in 6 12; do
        dir="$work/$kind-$mb"
        mkdir -p "$dir"
        gen "$kind" $((mb << 20)) "$dir/a.txt"
        size=$(stat -c %s "$dir/a.txt")
        read -r secs kb < <(peak "$dir")
        slope="-"
        if [ -n "$prev_size" ]; then
            slope=$(echo "scale=2; ($kb - $prev_kb) * 1024 / ($size - $prev_size)" | bc)
        fi
        printf '| %s | %.1f MB | %s s | %.1f MB | %s |\n' "$kind" \
            "$(echo "$size / 1048576" | bc -l)" "$secs" "$(echo "$kb / 1024" | bc -l)" "$slope"
        prev_size=$size prev_kb=$kb
        rm -rf "$dir"
    done
done
