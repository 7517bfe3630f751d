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
[[ "$runs" =~ ^[1-9][0-9]*$ ]] ||
    { echo "compare.sh: RUNS must be a positive number (newsmine options go after --)" >&2; exit 2; }
for bin in "$a" "$b"; do
    [ -x "$bin" ] || { echo "compare.sh: $bin is not an executable" >&2; exit 2; }
done
[ -r "$corpus" ] || { echo "compare.sh: cannot read $corpus" >&2; exit 2; }
case $corpus in -*) corpus=./$corpus ;; esac # a path, not an option, to newsmine

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nm-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# check_rc RC BINARY: newsmine's exit 0, or 3 (some records rejected: their error records are
# output like any other), is a run to compare; anything else stops here with what it said.
check_rc() {
    [ "$1" -eq 0 ] || [ "$1" -eq 3 ] && return 0
    echo "compare.sh: $2 failed (exit $1):" >&2
    cat "$tmp/err" >&2
    exit 1
}

# one_run LABEL BINARY: appends "LABEL cpu_seconds wall_seconds" to $tmp/times (cpu -1: no GNU
# time)
one_run() {
    local label=$1 bin=$2 t0 t1 cpu=-1 rc=0
    t0=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f 'NMCPU %U %S' -o "$tmp/t" "$bin" --no-progress "${opts[@]}" \
            -o /dev/null "$corpus" 2> "$tmp/err" || rc=$?
        # after an exit status other than 0, GNU time writes "Command exited with non-zero
        # status 3" on a line above the figures
        cpu=$(awk '$1 == "NMCPU" {print $2 + $3}' "$tmp/t")
        [ -n "$cpu" ] || cpu=-1
    else
        "$bin" --no-progress "${opts[@]}" -o /dev/null "$corpus" 2> "$tmp/err" || rc=$?
    fi
    t1=$(date +%s%N)
    check_rc "$rc" "$bin"
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
for k in A B; do
    bin=$a
    [ "$k" = A ] || bin=$b
    rc=0
    "$bin" --no-progress "${opts[@]}" -o "$tmp/out.$k" "$corpus" 2> "$tmp/err" || rc=$?
    check_rc "$rc" "$bin"
done

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
            if (minc[k] < 0)
                printf "%s  cpu n/a (no /usr/bin/time)  wall median %.3f s\n", k, mw[k]
            else
                printf "%s  cpu median %.3f s (min %.3f)  wall median %.3f s\n", k, mc[k], minc[k], mw[k]
        }
        cr = minc["A"] >= 0 && minc["B"] >= 0 && mc["A"] > 0 ? sprintf("%.3f", mc["B"] / mc["A"]) : "n/a"
        if (mw["A"] > 0)
            printf "B/A  cpu %s  wall %.3f  (%d runs each, interleaved)\n", cr, mw["B"] / mw["A"], runs
        printf "outputs identical: %s\n", same
    }' "$tmp/times"
[ "$same" = yes ]
