# Sourced by the whole-program benchmarks (scale.sh, lookup.sh): where the generated corpora
# go ($DOCBAO_CORPORA when set, kept for repeated runs; else a scratch folder removed at the
# end), a scratch folder $work, and a tmux server of their own, `T`, named after $1.
if [ -n "${DOCBAO_CORPORA:-}" ]; then
    corpora=$DOCBAO_CORPORA
    mkdir -p "$corpora"
else
    corpora=$(mktemp -d)
fi
work=$(mktemp -d)
T=(tmux -L "docbao-$1-$$")
cleanup() {
    "${T[@]}" kill-server 2>/dev/null || true
    rm -rf "$work"
    if [ -z "${DOCBAO_CORPORA:-}" ]; then rm -rf "$corpora"; fi
}
trap cleanup EXIT
