#!/bin/sh
# valgrind.sh [NEWSMINE] — runs the CLI over corpora/sample/articles.jsonl under valgrind
# memcheck (full leak check, every thread count path: -j 1 and -j 3) and fails on any error
# or leak. NEWSMINE defaults to build/newsmine; build it without sanitizers (valgrind and ASan
# do not mix). The records written under valgrind must equal those of a plain run, so a run
# that only "passes" because it wrote nothing fails. Called from .ci/run.
set -eu
cd "$(dirname "$0")/.."
cli=${1:-build/newsmine}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi
out=$(mktemp) log=$(mktemp) want=$(mktemp)
trap 'rm -f "$out" "$log" "$want"' EXIT
"$cli" --no-progress -j 1 corpora/sample/articles.jsonl >"$want"
[ -s "$want" ] || { echo "valgrind.sh: $cli wrote nothing" >&2; exit 1; }
for j in 1 3; do
  if ! valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
       --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
       --log-file="$log" "$cli" --no-progress -j "$j" corpora/sample/articles.jsonl >"$out"; then
    cat "$log" >&2
    echo "valgrind.sh: memcheck found errors or leaks with -j $j (above)" >&2
    exit 1
  fi
  if ! cmp -s "$out" "$want"; then
    echo "valgrind.sh: output under valgrind with -j $j differs from a plain run" >&2
    exit 1
  fi
done
echo "valgrind.sh: no memory errors or leaks (-j 1 and -j 3)"
