#!/usr/bin/env bash
# run.sh — whole-pipeline benchmark of newsmine over any jsonl corpus (bash + awk only).
#
#   benchmarks/run.sh CORPUS [--threads 1,2] [--runs 5] [--bin PATH] [--json FILE]
#                            [--x10] [--x10-runs N] [--micro] [--no-startup] [-- EXTRA OPTIONS]
#
# For each thread count it runs `newsmine --stats -j T -o FILE CORPUS` RUNS times (output to a
# file in a temporary directory, never to the terminal) and prints, as a table and as JSON, the
# median and min/max of: input MB/s (jsonl bytes per wall second), text MB/s, docs/s, tokens/s,
# peak RSS (/usr/bin/time %M, else getrusage via --stats), MB per CPU-second (user+sys: less
# sensitive than wall time to other load on the machine), and each stage's share of worker
# time (from --stats). Start-up (one one-line document, median of 20) and the machine (nproc, CPU
# model), build type and git revision are noted. --x10 also runs CORPUS concatenated 10 times
# (written to $TMPDIR, deleted after) and compares peak RSS with the single copy (issue 2: flat
# memory). --micro also runs the micro-benchmarks found beside the binary (bench_*). The binary
# is --bin, else $NEWSMINE, else build/newsmine in the repository, else newsmine on PATH.
set -euo pipefail
# Figures are parsed and printed with a decimal point whatever the caller's locale (mawk,
# Debian's default awk, writes and reads LC_NUMERIC's decimal comma under de_DE and the like).
export LC_ALL=C

usage() {
    sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

corpus="" threads="1,2" runs=5 bin="${NEWSMINE:-}" json="" x10=0 x10_runs="" micro=0 startup=1
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    --x10) x10=1; shift ;;
    --x10-runs) x10=1; x10_runs="$2"; shift 2 ;;
    --micro) micro=1; shift ;;
    --no-startup) startup=0; shift ;;
    -h|--help) usage ;;
    --) shift; extra=("$@"); break ;;
    -*) usage ;;
    *) [ -z "$corpus" ] || usage; corpus="$1"; shift ;;
    esac
done
[ -n "$corpus" ] && [ -r "$corpus" ] || { echo "run.sh: need a readable CORPUS" >&2; usage; }
[ -f "$corpus" ] || { echo "run.sh: CORPUS must be a regular file (it is read once per run)" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs must be a positive number" >&2; exit 2; }
[[ "$threads" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "run.sh: bad --threads" >&2; exit 2; }

repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "$bin" ]; then
    if [ -x "$repo/build/newsmine" ]; then bin="$repo/build/newsmine"
    elif command -v newsmine >/dev/null 2>&1; then bin="$(command -v newsmine)"
    else echo "run.sh: no newsmine binary (build it, or pass --bin / set NEWSMINE)" >&2; exit 2
    fi
fi
bindir="$(cd "$(dirname "$bin")" && pwd)"
build_type="unknown" src=""
if [ -f "$bindir/CMakeCache.txt" ]; then
    build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$bindir/CMakeCache.txt")"
    [ -n "$build_type" ] || build_type="(none)"
    src="$(sed -n 's/^CMAKE_HOME_DIRECTORY:[A-Z]*=//p' "$bindir/CMakeCache.txt")"
fi
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
[ -n "$cpu" ] || cpu="$(uname -m)"
ncpu="$(nproc)"
# The revision is that of the sources the binary was built from (its build tree names them),
# not of this script's checkout: `--bin /tmp/before/newsmine` is another revision.
rev=unknown
[ -z "$src" ] || rev="$(git -C "$src" describe --always --dirty 2>/dev/null || echo unknown)"
when="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
in_bytes="$(wc -c < "$corpus")"
loadavg="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nm-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
timebin=""
[ -x /usr/bin/time ] && timebin=/usr/bin/time

now_ns() { date +%s%N; }

# run_once T FILE: appends one TSV row to $tmp/runs.tsv:
#   threads wall_s rss_kb in_bytes docs text_mb tokens stage=sec,stage=sec,... cpu_s
run_once() {
    local t="$1" file="$2" bytes="$3" t0 t1 rc=0
    t0=$(now_ns)
    if [ -n "$timebin" ]; then
        "$timebin" -f 'NMRSS %M %U %S' -o "$tmp/time.txt" \
            "$bin" --stats -j "$t" ${extra[@]+"${extra[@]}"} -o "$tmp/out" "$file" \
            2> "$tmp/err.txt" || rc=$?
    else
        "$bin" --stats -j "$t" ${extra[@]+"${extra[@]}"} -o "$tmp/out" "$file" \
            2> "$tmp/err.txt" || rc=$?
    fi
    t1=$(now_ns)
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        echo "run.sh: newsmine failed (exit $rc):" >&2
        cat "$tmp/err.txt" >&2
        exit 1
    fi
    awk -v t="$t" -v ns="$((t1 - t0))" -v bytes="$bytes" -v tf="$tmp/time.txt" '
        /^newsmine: [0-9]+ records/ {
            for (i = 1; i <= NF; i++) {
                if ($i == "records") docs = $(i - 1)
                if ($i == "MB" && $(i + 1) == "text,") mb = $(i - 1)
                if ($i == "tokens,") tok = $(i - 1)
                if ($i == "RSS") rss = $(i + 1) * 1024
            }
            next
        }
        /^  [a-z_]+ +[0-9.]+ s / { st = st (st == "" ? "" : ",") $1 "=" $2 ":" ($4 + 0) }
        END {
            cpu = -1
            # after an exit status other than 0 (3: some records rejected), GNU time writes
            # "Command exited with non-zero status 3" on a line above the figures
            while ((getline line < tf) > 0)
                if (line ~ /^NMRSS /) { split(line, a, " "); rss = a[2]; cpu = a[3] + a[4] }
            printf "%s\t%.6f\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t, ns / 1e9, rss, bytes, docs, mb, tok, st, cpu
        }' "$tmp/err.txt" >> "$tmp/runs.tsv"
    rm -f "$tmp/out" "$tmp/time.txt"
}

# summarize LABEL: reads $tmp/runs.tsv, appends table rows to $tmp/table.txt and JSON objects
# (one per thread count) to $tmp/json.txt.
summarize() {
    awk -F'\t' -v label="$1" -v table="$tmp/table.txt" -v jsonf="$tmp/json.txt" '
        function sortv(v, n,   i, j, x) {
            for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
        }
        function med(v, n) { sortv(v, n); return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
        {
            t = $1; if (!(t in cnt)) order[++nt] = t
            k = ++cnt[t]; wall[t, k] = $2; rss[t, k] = $3; bytes[t] = $4; docs[t] = $5; cpus[t, k] = $9
            mb[t] = $6; tok[t] = $7
            ns = split($8, s, ",")
            for (i = 1; i <= ns; i++) {
                split(s[i], kv, "="); if (!((t, kv[1]) in seen)) { seen[t, kv[1]] = 1; sname[t, ++nst[t]] = kv[1] }
                split(kv[2], sp, ":"); sec[t, kv[1], k] = sp[1]; pct[t, kv[1], k] = sp[2]
            }
        }
        END {
            for (o = 1; o <= nt; o++) {
                t = order[o]; n = cnt[t]
                for (k = 1; k <= n; k++) { w[k] = wall[t, k]; r[k] = rss[t, k]; cp[k] = cpus[t, k] }
                mc = med(cp, n) # -1: no GNU time; 0: under its 10 ms resolution
                mbcpu = mc > 0 ? sprintf("%.1f", bytes[t] / 1e6 / mc) : "-"
                mbcpuj = mc > 0 ? sprintf("%.2f", bytes[t] / 1e6 / mc) : "null"
                mw = med(w, n); wmin = w[1]; wmax = w[n]; mr = med(r, n); rmin = r[1]; rmax = r[n]
                inmbs = bytes[t] / 1e6 / mw
                # --stats prints stage seconds to the millisecond (0.000 on a small corpus) and
                # the percent of each in their unrounded sum: for the shares, the seconds of a
                # stage in a run are that percent of the summed seconds of the run (0.0005 s when
                # all print 0.000); a share is the median of those over the sum of the medians.
                for (k = 1; k <= n; k++) {
                    tot[k] = 0
                    for (i = 1; i <= nst[t]; i++) tot[k] += sec[t, sname[t, i], k]
                    if (tot[k] <= 0) tot[k] = 0.0005
                }
                total = 0
                for (i = 1; i <= nst[t]; i++) {
                    nm = sname[t, i]
                    for (k = 1; k <= n; k++) { x[k] = sec[t, nm, k]; y[k] = pct[t, nm, k] / 100 * tot[k] }
                    ms[i] = med(x, n); mp[i] = med(y, n); total += mp[i]
                }
                share = ""; sj = ""
                for (i = 1; i <= nst[t]; i++) {
                    p = total > 0 ? 100 * mp[i] / total : 0
                    share = share sprintf(" %s %.0f%%", sname[t, i], p)
                    sj = sj sprintf("%s\"%s\":{\"seconds\":%.4f,\"share\":%.4f}", i > 1 ? "," : "", sname[t, i], ms[i], p / 100)
                }
                printf "%-8s %3s %8.1f %7.1f-%-7.1f %8.1f %9.0f %11.0f %8.1f %6.1f-%-6.1f %7s %s\n", \
                    label, t, inmbs, bytes[t] / 1e6 / wmax, bytes[t] / 1e6 / wmin, mb[t] / mw, \
                    docs[t] / mw, tok[t] / mw, mr / 1024, rmin / 1024, rmax / 1024, mbcpu, share >> table
                printf "{\"copies\":%s,\"threads\":%s,\"runs\":%d,\"input_bytes\":%s,\"docs\":%s,\"text_mb\":%s,\"tokens\":%s," \
                    "\"wall_s\":{\"median\":%.4f,\"min\":%.4f,\"max\":%.4f}," \
                    "\"mb_per_s\":{\"median\":%.2f,\"min\":%.2f,\"max\":%.2f},\"text_mb_per_s\":%.2f," \
                    "\"docs_per_s\":%.0f,\"tokens_per_s\":%.0f,\"mb_per_cpu_s\":%s," \
                    "\"peak_rss_mb\":{\"median\":%.1f,\"min\":%.1f,\"max\":%.1f},\"stages\":{%s}}\n", \
                    substr(label, 2), t, n, bytes[t], docs[t], mb[t], tok[t], mw, wmin, wmax, inmbs, \
                    bytes[t] / 1e6 / wmax, bytes[t] / 1e6 / wmin, mb[t] / mw, docs[t] / mw, \
                    tok[t] / mw, mbcpuj, mr / 1024, rmin / 1024, rmax / 1024, sj >> jsonf
            }
        }' "$tmp/runs.tsv"
    rm -f "$tmp/runs.tsv"
}

bench_corpus() { # LABEL FILE RUNS
    local label="$1" file="$2" n="$3" bytes t r
    bytes="$(wc -c < "$file")"
    IFS=',' read -r -a tlist <<< "$threads"
    # Thread counts interleaved within each round, so drifting load on a shared machine
    # affects them alike.
    for ((r = 1; r <= n; r++)); do
        for t in "${tlist[@]}"; do
            run_once "$t" "$file" "$bytes"
            printf '.' >&2
        done
    done
    summarize "$label"
}

echo "newsmine benchmark: $corpus ($in_bytes bytes), runs $runs, threads $threads" >&2
: > "$tmp/table.txt"; : > "$tmp/json.txt"
bench_corpus x1 "$corpus" "$runs"
if [ "$x10" = 1 ]; then
    # A corpus whose last line has no newline gets one after each copy (else the last line of a
    # copy and the first of the next would be one line, an error record); for a gzip corpus as
    # a gzip member of its own (newsmine reads concatenated members as one stream).
    last() { tail -c 1 | od -An -tx1 | tr -d ' \n'; }
    : > "$tmp/sep"
    if [ "$(head -c 2 "$corpus" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; then
        [ "$(gzip -dc "$corpus" | last)" = 0a ] || printf '\n' | gzip -c > "$tmp/sep"
    elif [ -s "$corpus" ] && [ "$(last < "$corpus")" != 0a ]; then
        printf '\n' > "$tmp/sep"
    fi
    for i in 1 2 3 4 5 6 7 8 9 10; do cat "$corpus" "$tmp/sep"; done > "$tmp/x10.jsonl"
    bench_corpus x10 "$tmp/x10.jsonl" "${x10_runs:-$runs}"
    rm -f "$tmp/x10.jsonl"
fi
echo >&2

startup_ms="null"
if [ "$startup" = 1 ]; then
    printf '{"id":"s","text":"IBM paid $5 million in Paris on Monday."}\n' > "$tmp/one.jsonl"
    for i in $(seq 20); do
        t0=$(now_ns); "$bin" -j 1 -o "$tmp/out" "$tmp/one.jsonl"; t1=$(now_ns)
        echo "$(( (t1 - t0) / 1000 ))"
    done | sort -n > "$tmp/startup.txt"
    startup_ms="$(awk '{v[NR] = $1} END {printf "%.1f", (v[10] + v[11]) / 2 / 1000}' "$tmp/startup.txt")"
    startup_min="$(awk 'NR == 1 {printf "%.1f", $1 / 1000}' "$tmp/startup.txt")"
    startup_max="$(awk 'END {printf "%.1f", $1 / 1000}' "$tmp/startup.txt")"
fi

echo "machine: $ncpu CPUs, $cpu; load average $loadavg; build: $build_type; rev $rev; $when"
echo "binary: $bin; extra options: ${extra[*]-(none)}"
echo "median of $runs runs (min-max); MB/s = input jsonl bytes per wall second, output to a file"
printf '%-8s %3s %8s %15s %8s %9s %11s %8s %13s %7s %s\n' corpus thr "MB/s" "(min-max)" \
    "textMB/s" "docs/s" "tokens/s" "RSS MB" "(min-max)" "MB/cpus" "stage share of worker time"
cat "$tmp/table.txt"
if [ "$x10" = 1 ]; then
    awk '$1 == "x1" {r1[$2] = $8} $1 == "x10" {r10[$2] = $8}
         END {for (t in r1) if (t in r10) printf "issue 2, %s threads: peak RSS x10 / x1 = %.2f (%s)\n", t, r10[t] / r1[t], (r10[t] <= 1.2 * r1[t] ? "within 20%, flat" : "GROWS")}' \
        "$tmp/table.txt"
fi
[ "$startup" = 1 ] && echo "start-up (one-line input, -j1, median of 20): $startup_ms ms (min $startup_min, max $startup_max)"

# json_str S: S as the inside of a JSON string (a path may hold quotes, backslashes, tabs)
json_str() {
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\t'/\\t}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    printf '%s' "$s" | tr -d '\000-\037'
}
{
    printf '{"machine":{"nproc":%s,"cpu":"%s","loadavg":"%s"},"build_type":"%s","rev":"%s","date":"%s",' \
        "$ncpu" "$(json_str "$cpu")" "$loadavg" "$(json_str "$build_type")" "$(json_str "$rev")" "$when"
    printf '"corpus":"%s","binary":"%s","runs":%s,"startup_ms":%s,"results":[' "$(json_str "$corpus")" \
        "$(json_str "$bin")" "$runs" "$startup_ms"
    paste -sd, "$tmp/json.txt" | tr -d '\n'
    printf ']}\n'
} > "$tmp/result.json"
echo "JSON:"
cat "$tmp/result.json"
[ -z "$json" ] || cp "$tmp/result.json" "$json"

if [ "$micro" = 1 ]; then
    found=0
    for b in bench_core bench_tokenize bench_money bench_entities bench_keywords; do
        exe="$bindir/benchmarks/$b"
        [ -x "$exe" ] || continue
        found=1
        echo "== $b $corpus"
        "$exe" "$corpus" || echo "($b failed: exit $?)"
    done
    [ "$found" = 1 ] || echo "--micro: no bench_* in $bindir/benchmarks (built with -DNM_BUILD_BENCHMARKS=OFF?)" >&2
fi
