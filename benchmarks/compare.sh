#!/usr/bin/env bash
# compare.sh — before/after check of two newsmine binaries on one corpus: interleaved runs
# (A B B A A B ...), so drifting load on a shared machine and the order within a pair hit both
# alike; timed runs write to /dev/null (a run writing a file pays for the previous run's
# write-back: ~7% on Reuters x3), then one more run of each is compared; prints the median and
# minimum CPU time (user + sys of all threads, from GNU time: 10 ms resolution, so use a
# corpus that takes a second or more) and wall time of each, their ratio, and whether the two
# outputs are byte-identical.
#
#   benchmarks/compare.sh OLD_BINARY NEW_BINARY CORPUS.jsonl [RUNS] [-- NEWSMINE OPTIONS]
#   benchmarks/compare.sh /tmp/before/newsmine build/newsmine reuters21578.jsonl 9 -- -j1
#
# Build both binaries in full (`cmake --build DIR`, not `--target newsmine`: that target is
# the shared library, and a stale CLI binary makes a meaningless comparison). Exit status 1
# when the outputs differ, so a speed change that alters output does not go unnoticed.
set -euo pipefail
# Figures are parsed and printed with a decimal point whatever the caller's locale (mawk,
# Debian's default awk, writes and reads LC_NUMERIC's decimal comma under de_DE and the like).
export LC_ALL=C

if [ $# -lt 3 ]; then
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
a=$1 b=$2 corpus=$3
shift 3
runs=7
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    runs=$1
    shift
fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
opts=("$@")
for bin in "$a" "$b"; do
    [ -x "$bin" ] || { echo "compare.sh: $bin is not an executable" >&2; exit 2; }
done
[ -r "$corpus" ] || { echo "compare.sh: cannot read $corpus" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nm-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# one_run LABEL BINARY: appends "LABEL cpu_seconds wall_seconds" to $tmp/times
one_run() {
    local label=$1 bin=$2 t0 t1 cpu
    t0=$(date +%s%N)
    if command -v /usr/bin/time >/dev/null 2>&1; then
        /usr/bin/time -f '%U %S' -o "$tmp/t" "$bin" --no-progress "${opts[@]}" -o /dev/null \
            "$corpus" 2>/dev/null || true
        cpu=$(awk '{print $1 + $2}' "$tmp/t")
    else
        "$bin" --no-progress "${opts[@]}" -o /dev/null "$corpus" 2>/dev/null || true
        cpu=-1
    fi
    t1=$(date +%s%N)
    echo "$label $cpu $(awk -v n=$((t1 - t0)) 'BEGIN {printf "%.4f", n / 1e9}')" >> "$tmp/times"
}

for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then
        one_run A "$a"
        one_run B "$b"
    else
        one_run B "$b"
        one_run A "$a"
    fi
done
"$a" --no-progress "${opts[@]}" -o "$tmp/out.A" "$corpus" 2>/dev/null || true
"$b" --no-progress "${opts[@]}" -o "$tmp/out.B" "$corpus" 2>/dev/null || true

same=yes
cmp -s "$tmp/out.A" "$tmp/out.B" || same=no
awk -v same="$same" -v runs="$runs" '
    function median(v, n,   i, j, x) {
        for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { n[$1]++; cpu[$1, n[$1]] = $2; wall[$1, n[$1]] = $3 }
    END {
        for (l = 1; l <= 2; l++) {
            k = l == 1 ? "A" : "B"
            for (i = 1; i <= n[k]; i++) { c[i] = cpu[k, i]; w[i] = wall[k, i] }
            mc[k] = median(c, n[k]); mw[k] = median(w, n[k]); minc[k] = c[1]
            printf "%s  cpu median %.3f s (min %.3f)  wall median %.3f s\n", k, mc[k], minc[k], mw[k]
        }
        if (mc["A"] > 0)
            printf "B/A  cpu %.3f  wall %.3f  (%d runs each, interleaved)\n", mc["B"] / mc["A"], mw["B"] / mw["A"], runs
        printf "outputs identical: %s\n", same
    }' "$tmp/times"
[ "$same" = yes ]
