#!/bin/sh
# make_seeds.sh SRC_DIR OUT_DIR — writes libFuzzer seed corpora: OUT_DIR/{decode,pipeline} get
# one file per jsonl line of corpora/sample plus hostile lines; OUT_DIR/{tokenize,money} get the
# text of each sample record plus hostile texts (the strings the unit tests use); OUT_DIR/reader
# gets those lines plus whole files (the sample, BOM + CRLF + blank lines, a cut-off gzip).
# With CLI (a newsmine binary), OUT_DIR/dfmodel gets df models: tiny ones `df build` makes from
# corpora/sample (v2, and the same keys as v1), hand-broken headers and tables, and the bundled
# corpora/models/background.df cut to a few sizes.
set -eu
src=$1 out=$2 cli=${3:-}
mkdir -p "$out/decode" "$out/pipeline" "$out/tokenize" "$out/money" "$out/reader"
python3 - "$src" "$out" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
def put(d, name, data):
    with open(os.path.join(out, d, name), "wb") as f:
        f.write(data)
lines = open(os.path.join(src, "corpora/sample/articles.jsonl"), "rb").read().splitlines()
for i, line in enumerate(lines):
    for d in ("decode", "pipeline"):
        put(d, "sample%03d" % i, line)
    try:
        t = json.loads(line).get("text", "")
    except Exception:
        continue
    if isinstance(t, str):
        b = t.encode("utf-8", "surrogatepass")
        put("tokenize", "sample%03d" % i, b)
        put("money", "sample%03d" % i, b[:4096])
texts = [b"$5.5 billion", b"\xe2\x82\xac50bn and US$3-4 million", b"about 1,250,000.50 yen",
         b"U.S. Rep. J.R.R. Tolkien's anti-war @handle #tag https://x.org/a?b mail@x.org",
         b"1996-12-06 10:30:15 4th 21st", b"$$$$$$$$", b"1 250 000\xc2\xa0000,50 \xe2\x80\xaf",
         b"e\xcc\x81\xcc\x81\xcc\x81\xcc\x81", b"\x00\x01\x1b[31m\r\n\t", b"\xef\xbb\xbfBOM",
         b"Rs 5 crore and \xe2\x82\xb9 3 lakh", b"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
         b"&amp; &#8364;5 &euro;6", b"\xe6\x9d\xb1\xe4\xba\xac 5\xe5\x84\x84\xe5\x86\x86",
         b"The counterbalancing worked. Counterbalancings of counterbalancings followed.",
         b"x.org/a?b4&#83&p3T&#83;#zeu AT&amp;T reuters.com/a?b=1&amp;c=2 v&#5041;5z"]
for i, t in enumerate(texts):
    for d in ("tokenize", "money"):
        put(d, "str%02d" % i, t)
    put("pipeline", "str%02d" % i, t)
    put("pipeline", "strj%02d" % i, b'{"id":"s","text":' + json.dumps(t.decode("utf-8", "replace")).encode() + b'}')
hostile = [b'{"text":"\\u0000\\ud800 x \\udc00"}', b'[1,2]', b'"text"', b'{"text":null}',
           b'{"text":5,"id":{"a":1}}', b'{"text":"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9","title":"t"}',
           b'{"id":12345678901234567890123,"text":"x","date":"2024-01-02","url":1,"source":[]}',
           b'[' * 200, b'{"text":"\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \x80"}', b'{"text":"x"} trailing',
           b'\xef\xbb\xbf{"text":"bom"}\r', b'{"text":"x","text":"y"}',
           b'{"title":"MARSH AND MCLENNAN <MMC> 1ST QTR FEB 28 NET \\u2019s --","text":"Shr 12 cts vs 15 cts\\nNet 1,200,000 vs 1,500,000\\n"}']
for i, t in enumerate(hostile):
    for d in ("decode", "pipeline", "reader"):
        put(d, "hostile%02d" % i, t)
import gzip
whole = b"\n".join(lines) + b"\n"
put("reader", "sample", whole)
put("reader", "crlf", b'\xef\xbb\xbf{"text":"a"}\r\n\r\n  \n{"id":1,"text":"b"}\r\n{"text":"no newline"}')
put("reader", "gzip-cut", gzip.compress(whole)[:3000])
put("reader", "gzip", gzip.compress(lines[0] + b"\n"))
PY

[ -n "$cli" ] || exit 0
mkdir -p "$out/dfmodel"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cli" df build --min-df 3 "$src/corpora/sample/articles.jsonl" > "$tmp/min3.df"
head -n 2 "$src/corpora/sample/articles.jsonl" | "$cli" df build > "$tmp/two.df"
"$cli" df dump "$tmp/two.df" > "$tmp/two.tsv"
python3 - "$src" "$out/dfmodel" "$tmp" <<'PY'
import os, struct, sys
src, out, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
def put(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
v2 = {n: open(os.path.join(tmp, n + ".df"), "rb").read() for n in ("min3", "two")}
for n, b in v2.items():
    put(n, b)
# v1 (dfmodel.h) of the two-document model's keys: offsets, dfs, FNV-1a slots, keys.
rows = [l.split(b"\t") for l in open(os.path.join(tmp, "two.tsv"), "rb").read().splitlines()]
docs, keys = int(rows[0][1]), [(k, int(d)) for k, d in rows[2:]]
nslots = 1
while nslots < 2 * len(keys) + 1:
    nslots <<= 1
slot, offs, blob = [0] * nslots, [], b""
for i, (k, _) in enumerate(keys):
    offs.append(len(blob))
    blob += k
    h = 2166136261
    for c in k:
        h = ((h ^ c) * 16777619) & 0xffffffff
    h &= nslots - 1
    while slot[h]:
        h = (h + 1) & (nslots - 1)
    slot[h] = i + 1
offs.append(len(blob))
u32 = lambda v: struct.pack("<%dI" % len(v), *v)
put("v1", b"NMDF" + struct.pack("<IQIIQ", 1, docs, len(keys), nslots, len(blob)) +
    u32(offs) + u32([d for _, d in keys]) + u32(slot) + blob)
# Hand-broken copies of the two-document v2 model: header fields, a slot, the offsets.
b = v2["two"]
ver, docs, nterms, nslots, blen = struct.unpack_from("<IQIIQ", b, 4)
slots, offat = 32, 32 + 16 * nslots
full = [i for i in range(nslots) if struct.unpack_from("<I", b, slots + 16 * i + 12)[0]]
def patch(at, fmt, *v):
    c = bytearray(b)
    struct.pack_into(fmt, c, at, *v)
    return bytes(c)
broken = {
    "version0": patch(4, "<I", 0), "version3": patch(4, "<I", 3),
    "docs0": patch(8, "<Q", 0), "docs-max": patch(8, "<Q", 2**64 - 1),
    "nterms-max": patch(16, "<I", 2**32 - 1), "nterms-eq-nslots": patch(16, "<I", nslots),
    "nslots3": patch(20, "<I", 3), "nslots0": patch(20, "<I", 0),
    "blob-max": patch(24, "<Q", 2**64 - 1), "cut": b[:-1], "trailing": b + b"x",
    "header-only": b[:32], "magic": b"NMDX" + b[4:],
    "slot-koff": patch(slots + 16 * full[0] + 8, "<I", 2**32 - 16),
    "slot-klen": patch(slots + 16 * full[0] + 12, "<I", 2**31),
    "slot-df0": patch(slots + 16 * full[0] + 4, "<I", 0),
    "slot-df-max": patch(slots + 16 * full[0] + 4, "<I", 2**32 - 1),
    "off-back": patch(offat + 4, "<I", 2**32 - 1),
    "key-nul": patch(offat + 4 * (nterms + 1), "<B", 0),
}
full_table = bytearray(b)  # every slot taken: no empty slot ends a probe
for i in range(nslots):
    if i not in full:
        full_table[slots + 16 * i:slots + 16 * i + 16] = b[slots + 16 * full[0]:slots + 16 * full[0] + 16]
broken["slots-full"] = bytes(full_table)
empty = b"NMDF" + struct.pack("<IQIIQ", 2, 0, 0, 1, 0) + bytes(16) + bytes(4)
broken["empty"] = empty
# 1025 one-byte keys in one run of taken slots (of 2048): past the longest run a model may hold.
run = 1025
slots = b"".join(struct.pack("<IIII", 0, 1, i, 1) for i in range(run)) + bytes(16 * (2048 - run))
broken["long-run"] = (b"NMDF" + struct.pack("<IQIIQ", 2, 1, run, 2048, run) + slots +
                      struct.pack("<%dI" % (run + 1), *range(run + 1)) +
                      bytes(97 + i % 26 for i in range(run)))
for n, data in broken.items():
    put("broken-" + n, data)
bundled = open(os.path.join(src, "corpora/models/background.df"), "rb").read()
for cut in (16, 32, 1024, 65536):
    put("bundled-%d" % cut, bundled[:cut])
PY
