#!/usr/bin/env bash
# regen-expected.sh BUILD_DIR — rewrites the golden outputs the end-to-end tests compare against.
# Run after an intended change of output, then review `git diff tests/expected` line by line.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
"$build/newsmine" -j 2 --no-progress corpora/sample/articles.jsonl > tests/expected/sample.jsonl
"$build/newsmine" -j 2 --no-progress -f text corpora/sample/paris-summit.txt \
  > tests/expected/paris-summit.jsonl
echo "regenerated tests/expected/: review with git diff tests/expected"
