#!/bin/sh
# pg_copy.sh — loads `newsmine --format tsv` output into a real PostgreSQL with COPY and checks it.
#
#   tests/pg_copy.sh [NEWSMINE] [CORPUS.jsonl]     (defaults: build/newsmine, a generated corpus)
#
# Starts a throw-away cluster (initdb + pg_ctl, Debian's postgresql package; run as root it runs
# them as the postgres user) on a Unix socket in a temporary directory, creates the annotations
# table of docs/indexing.md, COPYs the rows in, and checks: the row count equals the line count,
# error rows and kinds are as expected, \N became NULL, and COPY ... TO gives back the very
# bytes newsmine wrote (so every escape round-trips). Exit 0 on success, 77 when PostgreSQL is
# not installed (skip), 1 on failure. NM_PG_KEEP=1 keeps the temporary directory.
set -eu

NM=${1:-build/newsmine}
CORPUS=${2:-}
case $NM in /*) ;; *) NM=$(pwd)/$NM ;; esac
[ -x "$NM" ] || { echo "pg_copy: $NM is not an executable" >&2; exit 1; }

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ] && command -v pg_config >/dev/null 2>&1; then BIN=$(pg_config --bindir); fi
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    echo "pg_copy: PostgreSQL server binaries not found (apt-get install postgresql): skipped" >&2
    exit 77
fi

TMP=$(mktemp -d /tmp/nm_pg_copy.XXXXXX)
PORT=$((54000 + $$ % 1000))
if [ "$(id -u)" = 0 ]; then
    chown postgres "$TMP"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
cleanup() {
    as_pg "$BIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
    if [ -n "${NM_PG_KEEP:-}" ]; then echo "pg_copy: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT INT TERM

# A corpus with ids that need escaping (tab, backslash, quotes, newline), non-ASCII text, money
# in several currencies and two error records.
if [ -z "$CORPUS" ]; then
    CORPUS=$TMP/corpus.jsonl
    i=0
    while [ $i -lt 60 ]; do
        printf '{"id":"doc-%d","text":"The European Union pledged \\u20ac%d.5 billion to Ukraine on %d March 2025, said Ursula von der Leyen in Brussels. Z\\u00fcrich banks lent $%d million."}\n' \
            $i $((i + 1)) $((i % 28 + 1)) $((i * 3 + 2)) >>"$CORPUS"
        i=$((i + 1))
    done
    printf '%s\n' '{"id":"tab\there \\\\ back\"slash\nline","text":"Paris and Berlin agreed, Emmanuel Macron said."}' \
        '{"id":"no-text","body":"missing"}' 'not json at all' >>"$CORPUS"
fi
chmod a+r "$CORPUS"

set +e
"$NM" -F tsv "$CORPUS" >"$TMP/rows.tsv"
rc=$?
set -e
[ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "pg_copy: newsmine exited $rc" >&2; exit 1; }
chmod a+r "$TMP/rows.tsv"
ROWS=$(wc -l <"$TMP/rows.tsv")
ERRORS=$(awk -F '\t' '$2 == "error"' "$TMP/rows.tsv" | wc -l)

as_pg "$BIN/initdb" -D "$TMP/data" -A trust -U postgres -E UTF8 --locale=C >"$TMP/initdb.log" 2>&1 ||
    { cat "$TMP/initdb.log" >&2; exit 1; }
as_pg "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w \
    -o "-k $TMP -c listen_addresses= -p $PORT" start >/dev/null ||
    { cat "$TMP/server.log" >&2; exit 1; }

psql_q() { as_pg "$BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$TMP" -p "$PORT" -U postgres "$@"; }
psql_q -d postgres <<SQL
CREATE TABLE annotations (
    id text NOT NULL, kind text NOT NULL, type text, start_byte integer, end_byte integer,
    text text, norm text, currency text, score double precision, line bigserial);
COPY annotations (id, kind, type, start_byte, end_byte, text, norm, currency, score)
    FROM '$TMP/rows.tsv';
COPY (SELECT id, kind, type, start_byte, end_byte, text, norm, currency, score
      FROM annotations ORDER BY line) TO '$TMP/back.tsv';
SQL

fail() { echo "pg_copy: $*" >&2; exit 1; }
got=$(psql_q -d postgres -c "SELECT count(*) FROM annotations")
[ "$got" = "$ROWS" ] || fail "loaded $got rows, newsmine wrote $ROWS"
[ "$ROWS" -gt 100 ] || fail "only $ROWS rows"
got=$(psql_q -d postgres -c "SELECT count(*) FROM annotations WHERE kind = 'error'")
[ "$got" = "$ERRORS" ] || fail "$got error rows loaded, $ERRORS written"
got=$(psql_q -d postgres -c "SELECT count(*) FROM annotations WHERE kind NOT IN
    ('entity', 'money', 'keyword', 'token', 'error') OR (kind = 'keyword' AND (score IS NULL OR
    text IS NOT NULL)) OR (kind IN ('entity', 'money', 'token') AND (start_byte IS NULL OR
    end_byte < start_byte)) OR (kind = 'token' AND (type IS NULL OR score IS NOT NULL))")
[ "$got" = 0 ] || fail "$got rows break the column rules"
if [ -z "${2:-}" ]; then
    [ "$ERRORS" = 2 ] || fail "expected 2 error rows, got $ERRORS"
    got=$(psql_q -d postgres -c "SELECT count(DISTINCT id) FROM annotations
        WHERE id = E'tab\\there \\\\\\\\ back\"slash\\nline'")
    [ "$got" = 1 ] || fail "the escaped id did not round-trip"
    got=$(psql_q -d postgres -c "SELECT count(*) FROM annotations WHERE kind = 'entity'
        AND norm = 'European Union'")
    [ "$got" -ge 1 ] || fail "no European Union entity rows"
fi
cmp "$TMP/rows.tsv" "$TMP/back.tsv" || fail "COPY TO does not give back newsmine's bytes"
echo "pg_copy: $ROWS rows ($ERRORS errors) loaded into PostgreSQL $("$BIN/postgres" -V | awk '{print $3}') and read back identically"
