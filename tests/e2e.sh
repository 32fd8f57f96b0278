#!/usr/bin/env bash
# End-to-end: drives the release binary in a real terminal (tmux) as a person would, and
# checks what the screen shows. Run from the repository root after `cargo build --release`.
set -euo pipefail

BIN="${BIN:-$PWD/target/release/docbao}"
WORK="$(mktemp -d)"
SOCKET="docbao-e2e-$$"
T=(tmux -L "$SOCKET")
failures=0

cleanup() {
    "${T[@]}" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ----" >&2
    "${T[@]}" capture-pane -p -t e2e >&2 || true
    echo "----------------" >&2
    failures=$((failures + 1))
}

pass() { echo "ok: $*"; }

# start W H [ENV=VALUE ...] -- ARGS...: the reader in a fresh session. The shell prints a marker
# before and the exit status and terminal settings after, so quitting can be checked.
start() {
    local w="$1" h="$2"
    shift 2
    local envs=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do envs+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    "${T[@]}" kill-server 2>/dev/null || true
    while "${T[@]}" has-session 2>/dev/null; do sleep 0.1; done
    # A script file, so that no shell between here and the pane expands "$?" too early.
    cat > "$WORK/run.sh" <<EOS
stty -g > '$WORK/stty.before'
echo BEFORE-READER
env DOCBAO_STATE='$WORK/state.json' DOCBAO_CACHE='$WORK/cache' ${envs[*]:-} '$BIN' $*
echo "EXIT=\$?"
stty -g > '$WORK/stty.after'
sleep 600
EOS
    for _ in 1 2 3; do
        "${T[@]}" new-session -d -s e2e -x "$w" -y "$h" "bash '$WORK/run.sh'" 2>/dev/null && break
        sleep 0.5
    done
    wait_for "${WAIT:-Articles}" || fail "reader did not start ($*)"
}

screen() { "${T[@]}" capture-pane -p -t e2e; }

# poll GONE GREP-FLAG PATTERN: polls the screen for up to 5 s until PATTERN is there
# (GONE=0) or gone (GONE=1).
poll() {
    local gone
    for _ in $(seq 50); do
        if screen | grep -q "$2" -- "$3"; then gone=0; else gone=1; fi
        [[ $gone -eq $1 ]] && return 0
        sleep 0.1
    done
    return 1
}
wait_for() { poll 0 -F "$1"; }
wait_re() { poll 0 -E "$1"; }
wait_gone() { poll 1 -F "$1"; }

keys() { "${T[@]}" send-keys -t e2e "$@"; sleep 0.15; }

# Every screen line fits the terminal: no wide or combining character pushed a border out.
check_widths() {
    local w="$1" what="$2"
    if ! screen | python3 -c "
import sys, unicodedata
w = int(sys.argv[1])
def width(s):
    n = 0
    for c in s:
        if unicodedata.combining(c): continue
        n += 2 if unicodedata.east_asian_width(c) in 'WF' else 1
    return n
bad = [l for l in sys.stdin.read().splitlines() if width(l) > w]
sys.exit(1 if bad else 0)
" "$w"; then
        fail "$what: a line is wider than $w columns"
    else
        pass "$what: every line fits $w columns"
    fi
}

# --- 100×30 on the bundled articles --------------------------------------------------------
start 100 30 --
screen | grep -qF "Articles 1/5 " && pass "five articles listed" || fail "list does not show 1/5"
screen | grep -qF "Đoàn Bộ Công an Việt Nam" && pass "titles shown" || fail "no title in the list"
screen | grep -qF "? help" && pass "status bar names the keys" || fail "status bar"
check_widths 100 "100x30"

keys '?'
wait_for "Keys" && screen | grep -qF "filter the list" && pass "? shows the keys" || fail "help overlay"
keys x
wait_gone "any key closes" && pass "a key closes the help" || fail "help did not close"

keys / m a r r a k e c h
wait_for "/marrakech" || fail "filter line does not show the query"
screen | grep -qF "Articles 1/1 of 5" && pass "filter narrows the list" || fail "filter did not narrow"
keys Escape
wait_re "Articles [1-5]/5 " && pass "Esc clears the filter" || fail "Esc did not clear"

keys / c o n g space a n Enter
screen | grep -qE "Articles [1-5]/[1-5]" && pass "accentless query finds Công an" || fail "cong an found nothing"
keys Escape
wait_re "Articles [1-5]/5 " || fail "Esc after accepted filter"

keys g j Enter
wait_for "001_3f794fc9fcf5f613" && pass "Enter opens the article" || fail "article not opened"
screen | grep -qF "Jurgen Stock" && pass "article text shown" || fail "article text"
screen | grep -qF "Đoàn Bộ Công an Việt Nam thăm" && pass "the border names the article" || fail "no title in the border"
screen | grep -qF "Articles" && fail "the list stays while reading at 100 columns" || pass "the list folds away while reading"
screen | grep -qF "person" && pass "legend shown" || fail "no legend"
keys f
wait_for " Facts " && pass "f shows the facts under the article" || fail "f did not show facts"
keys f
wait_gone " Facts " || fail "f did not hide the facts again"
keys Space
screen | grep -qE " [0-9]+/[0-9]+ " && pass "scroll position shown" || fail "no scroll position"
keys r
wait_for "raw (r)" && pass "r shows the raw text" || fail "raw view"
keys G
screen | grep -qF "− " && pass "raw view marks removed lines" || fail "no removed line marked"
keys r g
wait_gone "raw (r)" || fail "r did not go back to the clean text"
# "/" in an article searches its text; n moves to the next hit. "Interpol" occurs in the
# opened article more than once, so hit 1 then hit 2 of however many.
keys / i n t e r p o l
wait_for "hit 1/" && pass "/ in the article searches its text" || fail "article search"
keys Enter n
wait_for "hit 2/" && pass "n goes to the next hit" || fail "n did not move"
keys Escape
wait_gone "/interpol" || fail "Esc did not clear the article search"

"${T[@]}" resize-window -t e2e -x 40 -y 12
sleep 0.3
check_widths 40 "resized to 40x12"
screen | grep -qF "Đoàn Bộ Công" && pass "narrow shows the open article" || fail "narrow article"
keys Escape
wait_for "Articles" && pass "Esc goes back to the list when narrow" || fail "narrow list"
"${T[@]}" resize-window -t e2e -x 100 -y 30
sleep 0.3
check_widths 100 "resized back to 100x30"

keys q
wait_for "EXIT=0" && pass "q quits with status 0" || fail "q did not quit cleanly"
sleep 0.2
screen | grep -qF "BEFORE-READER" && pass "screen given back" || fail "screen not restored"
if cmp -s "$WORK/stty.before" "$WORK/stty.after"; then pass "terminal modes restored"; else fail "stty differs after quitting"; fi

# --- 40×12 from the start -----------------------------------------------------------------
start 40 12 --
check_widths 40 "40x12"
keys Enter
wait_for "Ngày 26/9" && pass "40x12 opens an article" || fail "40x12 open"
check_widths 40 "40x12 article"
keys q

# --- Other sizes: every line fits, the article opens ---------------------------------------
for size in 80x24 200x60 20x5; do
    w="${size%x*}" h="${size#*x}"
    start "$w" "$h" --
    check_widths "$w" "$size"
    keys Enter
    sleep 0.3
    check_widths "$w" "$size article"
    keys q
    wait_for "EXIT=0" && pass "$size quits with status 0" || fail "$size did not quit cleanly"
done

# --- A panic gives the terminal back and says where to report it ----------------------------
WAIT="EXIT=101" start 100 30 DOCBAO_TEST_PANIC=1 --
sleep 0.2
screen | grep -qF "BEFORE-READER" && pass "panic: screen given back" || fail "panic: screen not restored"
screen | grep -qF "Reporting problems" && pass "panic: message says where to report" || fail "panic: no report hint"
if cmp -s "$WORK/stty.before" "$WORK/stty.after"; then pass "panic: terminal modes restored"; else fail "panic: stty differs"; fi

# --- Bytes written for one step at 120x40, captured from the pane's output -------------------
# bytes_for KEY...: what the reader writes to the terminal in answer to the keys.
bytes_for() {
    local out="$WORK/pane.out"
    : > "$out"
    "${T[@]}" pipe-pane -o -t e2e "cat >> '$out'"
    sleep 0.2
    keys "$@"
    sleep 0.4
    "${T[@]}" pipe-pane -t e2e
    sleep 0.1
    wc -c < "$out" | tr -d ' '
}
start 120 40 --
list_move=$(bytes_for j)
keys Enter Tab
sleep 0.3
article_scroll=$(bytes_for j)
keys Escape /
sleep 0.2
filter_char=$(bytes_for m)
echo "bytes per step at 120x40: list move $list_move, article scroll $article_scroll, filter letter $filter_char"
# Moving the selection shows another article in the preview pane: a pane of new text, so it
# is only held to 8 KB; scrolling one line must stay under 4 KB.
[[ $list_move -gt 0 && $list_move -le 4096 ]] && pass "list move writes $list_move bytes" || fail "list move wrote $list_move bytes"
[[ $article_scroll -gt 0 && $article_scroll -le 4096 ]] && pass "article scroll writes $article_scroll bytes" || fail "article scroll wrote $article_scroll bytes"
keys Escape q

# --- NFD input gives the same screen as NFC -------------------------------------------------
mkdir -p "$WORK/nfc" "$WORK/nfd"
cp seeds/001_3f794fc9fcf5f613.txt "$WORK/nfc/a.txt"
python3 -c "
import sys, unicodedata
src = open(sys.argv[1], encoding='utf-8').read()
open(sys.argv[2], 'w', encoding='utf-8').write(unicodedata.normalize('NFD', src))
" "$WORK/nfc/a.txt" "$WORK/nfd/a.txt"
# Enter once the article is listed: pressed while the folder is still read, it opens nothing.
WAIT="Articles 1/1 " start 100 30 -- "$WORK/nfc"
keys Enter
sleep 0.3
screen > "$WORK/screen.nfc"
WAIT="Articles 1/1 " start 100 30 -- "$WORK/nfd"
keys Enter
sleep 0.3
screen > "$WORK/screen.nfd"
if diff -q "$WORK/screen.nfc" "$WORK/screen.nfd" >/dev/null; then
    pass "NFD and NFC give the same screen"
else
    fail "NFD screen differs"; diff "$WORK/screen.nfc" "$WORK/screen.nfd" | head -10 >&2 || true
fi
keys q

# --- A binary file and escape sequences: reported, never executed ---------------------------
mkdir -p "$WORK/mixed"
cp seeds/002_e876b296cde8bc06.txt "$WORK/mixed/good.txt"
head -c 4096 "$BIN" > "$WORK/mixed/binary.txt"
printf 'Tin nóng \033[31mĐỎ\033[0m \033]0;pwned\007 Hà Nội\n\nBộ Công an cho biết.\n' > "$WORK/mixed/ansi.txt"
WAIT="Articles 1/2 " start 100 30 -- "$WORK/mixed"
screen | grep -qF "Articles 1/2 " && pass "good files load beside a binary one" || fail "mixed folder"
screen | grep -qF "1 warning (w)" && pass "skipped file counted" || fail "no warning count"
keys w
wait_for "binary.txt" && pass "w names the skipped file" || fail "warnings view"
keys x
if screen | grep -qF "[31m"; then fail "escape sequence shown as text"; else pass "escape sequences stripped"; fi
keys q

# --- Reading state: kept on quit, a corrupt file set aside with a warning ---------------------
rm -f "$WORK/state.json" "$WORK/state.json.corrupt"
start 100 30 --
keys j Enter j j q
wait_for "EXIT=0" || fail "state: reader did not quit"
if grep -q '"read":true' "$WORK/state.json" 2>/dev/null; then
    pass "state: the opened article is remembered as read"
else
    fail "state: no read mark saved"
fi
printf '{"version":1,"articles":{"abc' > "$WORK/state.json"
start 100 30 --
keys w
wait_for "set aside" && pass "state: a truncated state file is reported" || fail "state: no warning"
keys x q
wait_for "EXIT=0" || fail "state: reader did not quit after a corrupt state"
[[ -f "$WORK/state.json.corrupt" ]] && pass "state: the bad file is kept aside" || fail "state: bad file lost"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$WORK/state.json" \
    && pass "state: a whole state file is written again" || fail "state: state file not valid"

# --- Raw output while showing hostile text: no sequence from the article gets through -------
# Every byte the reader writes is captured from the pane (tmux pipe-pane) while it lists, opens,
# scrolls and shows raw the fixture full of OSC 52, OSC 0, OSC 8, CSI, C1, DCS, APC, RIS, BEL,
# backspace, carriage-return and bidi tricks; then each escape sequence in the capture must be
# one the reader itself uses.
mkdir -p "$WORK/hostile"
cp tests/fixtures/hostile/good.txt tests/fixtures/hostile/escapes.txt "$WORK/hostile/"
start 100 30 -- "$WORK/hostile"
raw="$WORK/hostile.out"
: > "$raw"
"${T[@]}" pipe-pane -o -t e2e "cat >> '$raw'"
sleep 0.2
keys g
sleep 0.2
keys Enter
sleep 0.2
keys j j G
sleep 0.2
keys r
sleep 0.3
keys r Escape j k
sleep 0.3
"${T[@]}" pipe-pane -t e2e
screen | grep -qF "gnp.exe" || fail "hostile: the article was not shown"
if python3 - "$raw" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
# The reader's own output: CSI with numeric parameters (cursor, SGR, erase, modes), CR LF.
ours = re.compile(rb"\x1b\[[?]?[0-9;]*[A-Za-z]|\x1b[78=>]|\r\n")
rest = ours.sub(b"", data)
bad = [(name, m.start()) for name, pattern in [
    ("ESC", rb"\x1b"), ("C1 control", rb"\xc2[\x80-\x9f]"), ("BEL", rb"\x07"),
    ("backspace", rb"\x08"), ("carriage return", rb"\r"),
    ("bidi control", rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"),
] for m in re.finditer(pattern, rest)]
for needle in (b"pwned", b"ZWNobyBwd25lZAo", b"evil.example"):
    if needle in data:
        bad.append((needle.decode(), data.index(needle)))
if not data or bad:
    print(f"{len(data)} bytes captured; found {bad[:5]}", file=sys.stderr)
    sys.exit(1)
PY
then
    pass "hostile: raw output holds no injected sequence ($(wc -c < "$raw" | tr -d ' ') bytes checked)"
else
    fail "hostile: injected sequence in the raw output"
fi
keys q

# --- Config, sort, bookmarks, the clipboard and the mouse ------------------------------------
cat > "$WORK/config.toml" <<'EOF'
facts_panel = false
mouse = "yes"
[keys]
down = ["ctrl-n"]
EOF
start 100 30 DOCBAO_CONFIG="$WORK/config.toml" --
"${T[@]}" set -g set-clipboard on
screen | grep -qF "1 warning (w)" && pass "config: a bad line is counted" || fail "config: no warning"
keys w
wait_for "config.toml: line 2, column 9: expected true or false" && pass "config: w shows line and column" || fail "config: problem not shown"
keys x
if screen | grep -qF "Facts"; then fail "config: facts_panel = false ignored"; else pass "config: facts panel off"; fi
keys C-n
wait_for "Articles 2/5 " && pass "config: ctrl-n moves down" || fail "config: key not bound"
keys s
wait_for "Articles 2/5 · by date" && pass "s sorts by date, the selection kept" || fail "sort"
keys b B
wait_for "Articles 1/1 of 5 · bookmarked" && pass "b bookmarks, B lists bookmarks" || fail "bookmarks"
keys B y
wait_for "copied the article's text" || fail "y: no message"
if "${T[@]}" show-buffer 2>/dev/null | grep -qF "Interpol"; then
    pass "y copies the article through OSC 52 (tmux buffer)"
else
    fail "y: nothing on the clipboard"
fi
keys Enter ']'
if wait_for "m: where else"; then
    name="$(screen | tail -1 | sed -E 's/.* [0-9]+\/[0-9]+: (.*) · m: where else.*/\1/')"
    keys y
    wait_for "copied the" || fail "y on a name: no message"
    [[ -n "$name" && "$("${T[@]}" show-buffer)" == "$name" ]] && pass "] selects a name and y copies it ($name)" || fail "y on a name: '$("${T[@]}" show-buffer)' vs '$name'"
    keys m
    wait_for "In this article:" && pass "m lists the name's mentions" || fail "m: no mentions"
    keys x Escape Escape
else
    fail "] selected nothing"
fi
keys c
wait_for "People, organisations and places:" && pass "c shows the corpus view" || fail "corpus view"
keys Enter
wait_for "Enter opens one at the name" && pass "Enter lists the articles naming it" || fail "corpus: no articles"
keys Enter
wait_for "m: where else" || wait_gone "Enter opens one at the name"
screen | grep -qF "People, organisations" && fail "corpus: article not opened" || pass "Enter again opens the article at the name"
# Esc lets go of the name, then goes back to the list (and the article's preview beside it).
keys Escape
keys Escape
wait_for "Articles" || fail "corpus: Esc did not go back to the list"
# The mouse is on (the config's bad value kept the default). SGR reports are 1-based.
lines_shown() { screen | head -1 | grep -oE "[0-9]+/[0-9]+ [┐┓]" | head -1; }
before="$(lines_shown)"
"${T[@]}" send-keys -t e2e -l $'\e[<65;70;6M'
sleep 0.3
after="$(lines_shown)"
[[ -n "$before" && "$before" != "$after" ]] && pass "wheel over the article scrolls it ($before -> $after)" || fail "wheel: $before -> $after"
"${T[@]}" send-keys -t e2e -l $'\e[<0;5;6M\e[<0;5;6m'
wait_for "Articles 5/5 " && pass "a click selects the list row under it" || fail "click"
mouse_mode() { "${T[@]}" display -p -t e2e '#{mouse_any_flag}#{mouse_sgr_flag}'; }
[[ "$(mouse_mode)" == 11 ]] && pass "the reader asks for mouse reports" || fail "mouse mode: $(mouse_mode)"
keys q
wait_for "EXIT=0" || fail "config run did not quit"
[[ "$(mouse_mode)" == 00 ]] && pass "quitting turns mouse reports off" || fail "mouse left on: $(mouse_mode)"
start 100 30 -- --no-mouse
[[ "$(mouse_mode)" == 00 ]] && pass "--no-mouse leaves the mouse to the terminal" || fail "--no-mouse: $(mouse_mode)"
keys q

# --- A large folder: the reader shows itself at once and reads the rest behind it ----------
mkdir -p "$WORK/big"
python3 - "$WORK/big" <<'EOF'
import glob, os, sys
seeds = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("seeds/*.txt"))]
for i in range(3000):
    folder = os.path.join(sys.argv[1], "%02d" % (i // 100))
    os.makedirs(folder, exist_ok=True)
    text = seeds[i % 5].replace("Interpol", "Interpol %d" % i, 1)
    open(os.path.join(folder, "tin-%04d.txt" % i), "w", encoding="utf-8").write(text)
EOF
start 100 30 -- "$WORK/big"
wait_for "reading files:" && pass "large folder: a progress line while reading" || fail "large folder: no progress line"
wait_for "Articles 1/" || fail "large folder: no article read"
keys j
wait_for "Articles 2/" && pass "large folder: the list moves while reading" || fail "large folder: not usable while reading"
for _ in $(seq 600); do screen | grep -qF "reading files:" || break; sleep 0.1; done
screen | grep -qF "Articles 2/3,000 " && pass "large folder: all 3,000 read, the selection kept" || fail "large folder: not all read"
keys q
# Read again, from the cache: the corpus view and the mentions list come from the lookup index.
rm -f "$WORK/trace"
start 100 30 DOCBAO_TRACE="$WORK/trace" -- "$WORK/big"
for _ in $(seq 100); do grep -q "^loaded" "$WORK/trace" 2>/dev/null && break; sleep 0.1; done
keys c
wait_for "People, organisations and places:" && pass "large folder: c shows the corpus view" || fail "large folder: corpus view"
grep -q "^corpus-indexed" "$WORK/trace" && pass "large folder: the corpus view from the index, the reader not waiting" || fail "large folder: no corpus-view mark"
for _ in $(seq 100); do grep -q "^corpus-counted" "$WORK/trace" 2>/dev/null && break; sleep 0.1; done
ls "$WORK"/cache/*.names >/dev/null 2>&1 && grep -q "^corpus-counted" "$WORK/trace" \
    && pass "large folder: the corpus view's list merged once read, and kept" || fail "large folder: the corpus view's list not kept"
keys Enter
wait_for "Enter opens one at the name" && pass "large folder: Enter reads the name's articles from the index" || fail "large folder: corpus: no articles"
screen | grep -qE "[0-9,]+ articles · Enter opens" || fail "large folder: no article count"
keys Escape Escape q

# --- NO_COLOR keeps the selection and highlights visible ------------------------------------
start 100 30 NO_COLOR=1 --
if "${T[@]}" capture-pane -p -e -t e2e | grep -qE $'\e\\[[0-9;]*7[;m]'; then
    pass "NO_COLOR: selected row in reverse video"
else
    fail "NO_COLOR: no reverse video"
fi
keys Enter
sleep 0.2
if "${T[@]}" capture-pane -p -e -t e2e | grep -qE $'\e\\[[0-9;]*1[;m]'; then
    pass "NO_COLOR: entities still bold"
else
    fail "NO_COLOR: no bold left"
fi
keys q

# --- Reading at the four common sizes: 60 columns of text or more, the title in the border ---
for size in "80 24" "100 30" "120 40" "160 50"; do
    read -r w h <<< "$size"
    start "$w" "$h" --
    keys j Enter
    wait_for "Jurgen Stock" || fail "$size: article did not open"
    top="$(screen | head -1)"
    [[ "$top" == *"Đoàn Bộ Công an"* && "$top" != *"001_3f794fc9fcf5f613"* ]] \
        && pass "$size: the border names the article" || fail "$size: border: $top"
    # The longest line of article text, between the article's side borders.
    text_w="$(screen | python3 -c '
import sys, unicodedata
best = 0
for line in sys.stdin:
    inner = line.split("┃")
    if len(inner) >= 3:
        best = max(best, len(inner[1].rstrip()))
print(best)')"
    [[ $text_w -ge 60 ]] && pass "$size: $text_w columns of text" || fail "$size: only $text_w columns of text"
    if [[ $w -lt 107 ]]; then
        [[ "$top" != *"Articles"* ]] && pass "$size: the list folds away" || fail "$size: list still shown"
        keys f
        wait_for " Facts " && pass "$size: f shows the facts under the article" || fail "$size: f"
        keys Escape
        wait_for "Articles" && pass "$size: Esc brings the list back" || fail "$size: Esc"
    else
        [[ "$top" == *"Articles"* && "$top" == *"Facts"* ]] && pass "$size: three panes" || fail "$size: three panes"
    fi
    check_widths "$w" "reading at $size"
    keys q
done

# --- A missing folder: a clear message and status 2 (bad usage) ------------------------------
set +e
msg="$("$BIN" list /no/such/folder 2>&1)"
code=$?
set -e
[[ $code -eq 2 && "$msg" == *"no such file or folder: /no/such/folder"* ]] && pass "missing folder: exit 2 naming the path" || fail "missing folder: exit $code, $msg"

if [[ $failures -gt 0 ]]; then
    echo "$failures end-to-end check(s) failed" >&2
    exit 1
fi
echo "all end-to-end checks passed"
