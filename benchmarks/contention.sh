#!/usr/bin/env bash
# contention.sh — is a slower -j2 the machine or newsmine? CPU seconds (user + sys) of one -j1
# run alone, of each of two -j1 runs side by side, and of one -j2 run; medians of ROUNDS.
# If two -j1 runs at once cost about what one alone does, but one -j2 run costs more, the extra
# is ours (hand-offs, shared memory, the allocator), not shared caches or clocks. Minor page
# faults (memory first touched: pooled records, per-worker caches) are printed too, a count that
# other load on the machine does not move, voluntary context switches (waits for another
# thread: hand-offs), which it moves less than it moves times, and involuntary ones (a thread
# preempted: at -j2 on 2 CPUs, mostly a worker making room for the feeder or the writer).
#
#   benchmarks/contention.sh BINARY CORPUS.jsonl [ROUNDS]
set -euo pipefail
# Figures are parsed and printed with a decimal point whatever the caller's locale (mawk,
# Debian's default awk, writes and reads LC_NUMERIC's decimal comma under de_DE and the like).
export LC_ALL=C
if [ $# -lt 2 ]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
bin=$1 corpus=$2 rounds=${3:-5}
[ -x /usr/bin/time ] || { echo "contention.sh: needs GNU time (/usr/bin/time, package time)" >&2; exit 2; }
[ -x "$bin" ] || { echo "contention.sh: $bin is not an executable" >&2; exit 2; }
[ -r "$corpus" ] || { echo "contention.sh: cannot read $corpus" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "contention.sh: ROUNDS must be a positive number" >&2; exit 2; }
case $corpus in -*) corpus=./$corpus ;; esac # a path, not an option, to newsmine
t=$(mktemp -d "${TMPDIR:-/tmp}/nm-contention.XXXXXX")
trap 'rm -rf "$t"' EXIT
# cpu FILE THREADS: one run, its figures in FILE. newsmine's exit 3 (some records rejected) is a
# run like any other; another status stops the script with what newsmine said.
cpu() {
    local rc=0
    /usr/bin/time -f "NMT %U %S %e %w %R %c" -o "$1" "$bin" -j"$2" -o /dev/null "$corpus" \
        2> "${1%/*}/err-${1##*/}" || rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] && return 0
    echo "contention.sh: $bin -j$2 failed (exit $rc):" >&2
    cat "${1%/*}/err-${1##*/}" >&2
    return 1
}
for r in $(seq "$rounds"); do
    cpu "$t/alone.$r" 1
    cpu "$t/pairA.$r" 1 & pa=$!
    cpu "$t/pairB.$r" 1 & pb=$!
    wait "$pa"
    wait "$pb"
    cpu "$t/j2.$r" 2
done
med() { # each column's own median; after an exit status other than 0 GNU time writes a line
        # "Command exited with non-zero status 3" above the figures (prefixed NMT)
    awk '$1 == "NMT" {print $2 + $3, $4, $5, $6, $7}' "$@" | awk '
        function median(v, n,   i, j, x) {
            for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        {c[NR] = $1; w[NR] = $2; s[NR] = $3; f[NR] = $4; iv[NR] = $5}
        END {printf "cpu %.3f s  wall %.3f s  switches voluntary %.0f involuntary %.0f  " \
                    "minor faults %.0f  (n=%d)\n",
                    median(c, NR), median(w, NR), median(s, NR), median(iv, NR), median(f, NR), NR}'
}
echo "one -j1 alone:        $(med "$t"/alone.*)"
echo "two -j1 side by side: $(med "$t"/pairA.* "$t"/pairB.*)"
echo "one -j2:              $(med "$t"/j2.*)"
