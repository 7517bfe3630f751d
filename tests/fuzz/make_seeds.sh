#!/bin/sh
# make_seeds.sh SRC_DIR OUT_DIR — writes libFuzzer seed corpora: OUT_DIR/{decode,pipeline} get
# one file per jsonl line of corpora/sample plus hostile lines; OUT_DIR/{tokenize,money} get the
# text of each sample record plus hostile texts (the strings the unit tests use); OUT_DIR/reader
# gets those lines plus whole files (the sample, BOM + CRLF + blank lines, a cut-off gzip).
set -eu
src=$1 out=$2
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
