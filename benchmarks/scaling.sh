#!/usr/bin/env bash
# scaling.sh — newsmine throughput versus threads, and peak RSS versus corpus size (bash + awk).
#
#   benchmarks/scaling.sh [--threads LIST] [--sizes MB,MB] [--runs N] [--corpus FILE]
#                         [--bin PATH] [--gen PATH]
#
# 1. Threads: runs benchmarks/run.sh on CORPUS (default: a generated corpus of the first size)
#    for each thread count (default 1,2,4,... up to nproc, and nproc) and prints MB/s, the
#    speed-up over one thread, the parallel efficiency and MB per CPU-second (if that falls as
#    threads rise, the threads cost each other: locks, memory bandwidth, waking).
# 2. Memory: generates each size with gen_corpus (default 100 and 1000 MB, seed 1, into
#    $TMPDIR, deleted after), runs newsmine once on each at nproc threads, output to a file,
#    and prints peak RSS (/usr/bin/time %M, else --stats) and MB/s; the largest corpus must stay within 10%
#    of the smallest (flat memory: records are pooled, queues bounded).
# The binary is --bin, else $NEWSMINE, else build/newsmine; gen_corpus is --gen, else beside it
# in benchmarks/. Machine, build and date are printed by run.sh.
set -euo pipefail
# Figures are parsed and printed with a decimal point whatever the caller's locale (mawk,
# Debian's default awk, writes and reads LC_NUMERIC's decimal comma under de_DE and the like).
export LC_ALL=C

threads="" sizes="100,1000" runs=3 corpus="" bin="${NEWSMINE:-}" gen=""
while [ $# -gt 0 ]; do
    case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --gen) gen="$2"; shift 2 ;;
    *) sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
here="$(cd "$(dirname "$0")" && pwd)"
[ -n "$bin" ] || bin="$here/../build/newsmine"
[ -x "$bin" ] || { echo "scaling.sh: no newsmine at $bin (use --bin)" >&2; exit 2; }
bindir="$(cd "$(dirname "$bin")" && pwd)"
[ -n "$gen" ] || gen="$bindir/benchmarks/gen_corpus"
[[ "$sizes" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "scaling.sh: bad --sizes" >&2; exit 2; }
ncpu="$(nproc)"
if [ -z "$threads" ]; then
    threads=1
    for ((t = 2; t < ncpu; t *= 2)); do threads="$threads,$t"; done
    [ "$ncpu" -gt 1 ] && threads="$threads,$ncpu"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nm-scaling.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
IFS=',' read -r -a slist <<< "$sizes"

gen_size() { # MB -> path of a generated corpus of that many MB
    local f="$tmp/gen-$1.jsonl"
    if [ ! -f "$f" ]; then
        [ -x "$gen" ] || { echo "scaling.sh: no gen_corpus at $gen (use --gen)" >&2; exit 2; }
        "$gen" --mb "$1" --seed 1 -o "$f"
    fi
    echo "$f"
}

echo "== throughput versus threads ($threads), median of $runs runs"
if [ -z "$corpus" ]; then corpus="$(gen_size "${slist[0]}")"; fi
case $corpus in -*) corpus=./$corpus ;; esac # a path, not an option, to run.sh
"$here/run.sh" "$corpus" --threads "$threads" --runs "$runs" --bin "$bin" --no-startup \
    --json "$tmp/threads.json" > "$tmp/threads.txt"
sed -n '/^x1 /p; /^machine/,/^corpus/p' "$tmp/threads.txt"
awk '$1 == "x1" { t[++n] = $2; m[n] = $3; r[n] = $8; c[n] = $10 }
     END {
        printf "%8s %9s %9s %11s %9s %9s\n", "threads", "MB/s", "speed-up", "efficiency", "RSS MB",
               "MB/cpus"
        for (i = 1; i <= n; i++)
            printf "%8s %9.1f %8.2fx %10.0f%% %9.1f %9s\n", t[i], m[i], m[i] / m[1],
                   100 * m[i] / m[1] / (t[i] / t[1]), r[i], c[i] == "-" ? "-" : sprintf("%.1f", c[i])
     }' "$tmp/threads.txt"

echo
echo "== peak RSS versus corpus size ($sizes MB generated, -j $ncpu, one run each)"
printf '%10s %10s %9s %9s\n' "corpus MB" "docs" "MB/s" "RSS MB"
for mb in "${slist[@]}"; do
    f="$(gen_size "$mb")"
    bytes="$(wc -c < "$f")"
    t0=$(date +%s%N)
    rc=0
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f 'NMRSS %M' -o "$tmp/time.txt" "$bin" --stats -j "$ncpu" -o "$tmp/out" \
            "$f" 2> "$tmp/err.txt" || rc=$?
    else
        "$bin" --stats -j "$ncpu" -o "$tmp/out" "$f" 2> "$tmp/err.txt" || rc=$?
    fi
    t1=$(date +%s%N)
    [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { cat "$tmp/err.txt" >&2; exit 1; }
    docs="$(sed -n 's/^newsmine: \([0-9]*\) records.*/\1/p' "$tmp/err.txt")"
    if [ -s "$tmp/time.txt" ]; then
        rss="$(sed -n 's/^NMRSS //p' "$tmp/time.txt")"
    else # getrusage as --stats prints it, in MB
        rss="$(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$tmp/err.txt" | awk '{print $1 * 1024}')"
    fi
    rm -f "$tmp/time.txt"
    awk -v mb="$mb" -v b="$bytes" -v ns="$((t1 - t0))" -v d="$docs" -v r="$rss" \
        'BEGIN { printf "%10s %10s %9.1f %9.1f\n", mb, d, b / 1e6 / (ns / 1e9), r / 1024 }' |
        tee -a "$tmp/rss.txt"
    rm -f "$tmp/out" "$f"
done
awk 'NR == 1 { first = $4; fmb = $1 } { last = $4; lmb = $1 }
     END { if (NR > 1) printf "peak RSS %s MB / %s MB corpus: %.2f (%s)\n", lmb, fmb, last / first,
                             last <= 1.1 * first ? "within 10%, flat" : "GROWS" }' "$tmp/rss.txt"
