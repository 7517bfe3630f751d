/*
 * test_cli_spec.c — SPEC.md's promises to users, through the CLI, section by section, where
 * test_cli.c and the per-format tests do not reach: one document with every annotation kind on
 * non-ASCII text in every output format (UTF-8 byte offsets, the same annotations in jsonl, tsv,
 * es-bulk and sqlite), meta passed through, keywords ordered with scores in (0, 1], --top-k,
 * the exact error record of each kind of bad input, in input order at -j 1 and -j 4, offsets
 * into the repaired text under --invalid-utf8 replace, --text-field / --id-field, the input
 * format defaults, the --tokens invariants, --stats, -V, the default --index, --df, and usage
 * errors naming the command and the option refused.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

/* One document with a place, a person, money with a qualifier, an alias, a date, a percent,
 * and characters of 2 and 3 bytes before them, so byte and character offsets differ. A field
 * that is not meta (author) must not come out. */
#define DOC_TEXT                                                                                   \
    "In Z\xC3\xBCrich, Emmanuel Macron pledged \xE2\x82\xAC" "50 billion to Kyiv on September "   \
    "4, 2025, up 3% on the 2024 figure, about $2 million more than the EU planned."
static const char doc_line[] =
    "{\"id\":\"z1\",\"title\":\"Aide \xC3\xA0 l\xE2\x80\x99Ukraine\",\"author\":\"A. N. Other\","
    "\"date\":\"2025-09-04\",\"url\":\"https://ex.com/a\",\"source\":\"Wire\",\"text\":\"" DOC_TEXT
    "\"}\n";
static const char doc_text[] = DOC_TEXT;

/* Annotations every format must carry at these UTF-8 byte offsets (character offsets are 1 to
 * 3 less past "Zürich" and "€"). */
static const struct {
    const char *kind, *type, *text, *norm;
    unsigned start, end;
} anchors[] = {
    {"entity", "GPE", "Z\xC3\xBCrich", "Z\xC3\xBCrich", 3, 10},
    {"entity", "PERSON", "Emmanuel Macron", "Emmanuel Macron", 12, 27},
    {"entity", "GPE", "Kyiv", "Kyiv", 53, 57},
    {"entity", "DATE", "September 4, 2025", "2025-09-04", 61, 78},
    {"entity", "ORG", "EU", "European Union", 137, 139},
    {"money", "EUR", "\xE2\x82\xAC" "50 billion", "50000000000", 36, 49},
    {"money", "USD", "$2 million", "2000000", 112, 122},
};
enum { NANCHORS = sizeof anchors / sizeof anchors[0] };

static char dir[] = "/tmp/nm_cli_spec_XXXXXX";

static int make_dir(void **state) {
    (void)state;
    if (!mkdtemp(dir) || chdir(dir) != 0)
        return -1;
    return nm_test_write_file("doc.jsonl", doc_line, sizeof doc_line - 1);
}

static int remove_dir(void **state) {
    (void)state;
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return chdir("/") == 0 && system(cmd) == 0 ? 0 : -1;
}

/* Runs `newsmine --no-progress ARGS` (stdin from stdin_data, may be NULL); fails unless it
 * exits want_rc; returns stdout (caller frees). Not inlined: GCC then takes the pointers into
 * its result for pointers to its local `out` (-Wdangling-pointer). */
__attribute__((noinline)) static char *cli(const char *args, const char *stdin_data,
                                           int want_rc, size_t *len) {
    char cmd[1024];
    /* --no-progress unless the test is about progress */
    snprintf(cmd, sizeof cmd, "%s %s%s", NM_CLI, strstr(args, "progress") ? "" : "--no-progress ",
             args);
    char *out = NULL;
    size_t n = 0;
    int rc = nm_test_run(cmd, stdin_data, stdin_data ? strlen(stdin_data) : 0, &out, &n);
    if (rc != want_rc)
        fail_msg("`%s` exited %d, want %d", cmd, rc, want_rc);
    if (len)
        *len = n;
    return out;
}

/* Counts the occurrences of needle in s[0, end). */
static size_t count_in(const char *s, const char *end, const char *needle) {
    size_t n = 0, nl = strlen(needle);
    for (const char *p = s; (p = strstr(p, needle)) != NULL && p + nl <= end; p += nl)
        n++;
    return n;
}

/* Reads the JSON string at p (just after its opening quote) into out, undoing the escapes the
 * renderer writes; returns the byte after the closing quote. */
static const char *json_str(const char *p, char *out, size_t cap, size_t *len) {
    size_t n = 0;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            c = *p++;
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        }
        assert_true(n + 1 < cap);
        out[n++] = c;
    }
    assert_int_equal(*p, '"');
    *len = n;
    return p + 1;
}

/* Every "text":"..","start":S,"end":E of a jsonl record is text[S:E] in bytes; returns how
 * many there were. */
static size_t check_jsonl_spans(const char *rec, const char *text, size_t text_len) {
    size_t checked = 0;
    for (const char *p = rec; (p = strstr(p, "\"text\":\"")) != NULL;) {
        char span[512];
        size_t n;
        p = json_str(p + 8, span, sizeof span, &n);
        unsigned long s, e;
        if (sscanf(p, ",\"start\":%lu,\"end\":%lu", &s, &e) != 2)
            continue; /* the record's own "text" (--invalid-utf8 replace) */
        if (!(s < e && e <= text_len && e - s == n && memcmp(text + s, span, n) == 0))
            fail_msg("span %lu..%lu is not \"%.*s\" in the text", s, e, (int)n, span);
        checked++;
    }
    return checked;
}

/* The keywords of a jsonl record: descending score, every score in (0, 1]; returns how many. */
static size_t check_keywords(const char *rec) {
    const char *k = strstr(rec, "\"keywords\":[");
    assert_non_null(k);
    double prev = 2;
    size_t n = 0;
    for (const char *p = k; (p = strstr(p, ",\"score\":")) != NULL; p++, n++) {
        double s = strtod(p + 9, NULL);
        if (!(s > 0 && s <= 1 && s <= prev))
            fail_msg("keyword score %g after %g: want descending, in (0, 1]", s, prev);
        prev = s;
    }
    return n;
}

/* Reads up to cap "start":S,"end":E spans of rec[from, to) into v; returns how many. */
static size_t spans_in(const char *from, const char *to, unsigned long (*v)[2], size_t cap) {
    size_t n = 0;
    for (const char *p = from; (p = strstr(p, "\"start\":")) != NULL && p < to && n < cap; p++)
        if (sscanf(p, "\"start\":%lu,\"end\":%lu", &v[n][0], &v[n][1]) == 2)
            n++;
    return n;
}

/* SPEC "Money is not repeated in entities": no entity of a jsonl record overlaps one of its
 * money spans (no CARDINAL "50 billion" inside "€50 billion"); returns the money count. */
static size_t check_money_not_in_entities(const char *rec) {
    const char *ents = strstr(rec, "\"entities\":["), *money = strstr(rec, "\"money\":[");
    const char *kws = strstr(rec, "\"keywords\":[");
    assert_true(ents && money && kws && ents < money && money < kws);
    unsigned long e[512][2], m[128][2];
    size_t ne = spans_in(ents, money, e, 512), nm = spans_in(money, kws, m, 128);
    for (size_t i = 0; i < ne; i++)
        for (size_t j = 0; j < nm; j++)
            if (e[i][0] < m[j][1] && m[j][0] < e[i][1])
                fail_msg("entity %lu..%lu overlaps money %lu..%lu in\n%.200s", e[i][0], e[i][1],
                         m[j][0], m[j][1], rec);
    return nm;
}

/* jsonl: each anchor as SPEC.md writes it, every span the bytes it names, meta passed through
 * (and no other field), keywords in order. Returns the record (caller frees). */
static char *check_jsonl(size_t *nent, size_t *nmoney, size_t *nkw) {
    size_t len;
    char *out = cli("-j 2 doc.jsonl", NULL, 0, &len);
    assert_int_equal(nm_test_count_lines(out, len), 1);
    assert_non_null(strstr(out, "{\"id\":\"z1\",\"meta\":{\"title\":\"Aide \xC3\xA0 l\xE2\x80\x99"
                                "Ukraine\",\"date\":\"2025-09-04\",\"url\":\"https://ex.com/a\","
                                "\"source\":\"Wire\"},\"stats\":{\"bytes\":148,"));
    assert_null(strstr(out, "author"));
    for (size_t i = 0; i < NANCHORS; i++) {
        char want[256];
        if (strcmp(anchors[i].kind, "entity") == 0)
            snprintf(want, sizeof want,
                     "{\"type\":\"%s\",\"text\":\"%s\",\"start\":%u,\"end\":%u,\"norm\":\"%s\"}",
                     anchors[i].type, anchors[i].text, anchors[i].start, anchors[i].end,
                     anchors[i].norm);
        else
            snprintf(want, sizeof want,
                     "{\"text\":\"%s\",\"start\":%u,\"end\":%u,\"amount\":%s,\"currency\":\"%s\"",
                     anchors[i].text, anchors[i].start, anchors[i].end, anchors[i].norm,
                     anchors[i].type);
        if (strstr(out, want) == NULL)
            fail_msg("jsonl lacks %s in\n%s", want, out);
    }
    /* the hedge word stays outside the span and is reported as the qualifier */
    assert_non_null(strstr(out, "\"currency\":\"USD\",\"qualifier\":\"about\"}"));
    const char *ents = strstr(out, "\"entities\":["), *money = strstr(out, "\"money\":[");
    const char *kws = strstr(out, "\"keywords\":[");
    assert_true(ents && money && kws && ents < money && money < kws);
    *nent = count_in(ents, money, "{\"type\":\"");
    *nmoney = count_in(money, kws, "{\"text\":\"");
    assert_null(strstr(ents, "\"MONEY\"")); /* money is not repeated in entities */
    assert_int_equal(check_money_not_in_entities(out), 2);
    assert_int_equal(check_jsonl_spans(out, doc_text, sizeof doc_text - 1), *nent + *nmoney);
    *nkw = check_keywords(out);
    assert_true(*nent >= 5 && *nmoney == 2 && *nkw >= 3);
    return out;
}

/* tsv: 9 columns a row, one row per annotation as jsonl has them, each anchor's row exact,
 * every span's text the bytes it names, keyword rows by descending score. */
static void check_tsv(size_t nent, size_t nmoney, size_t nkw) {
    size_t len;
    char *out = cli("-F tsv doc.jsonl", NULL, 0, &len);
    for (size_t i = 0; i < NANCHORS; i++) {
        char want[256];
        int money = strcmp(anchors[i].kind, "money") == 0;
        snprintf(want, sizeof want, "z1\t%s\t%s\t%u\t%u\t%s\t%s\t%s\t\\N\n", anchors[i].kind,
                 money ? "MONEY" : anchors[i].type, anchors[i].start, anchors[i].end,
                 anchors[i].text, anchors[i].norm, money ? anchors[i].type : "\\N");
        if (strstr(out, want) == NULL)
            fail_msg("tsv lacks %s in\n%s", want, out);
    }
    size_t rows[3] = {0}; /* entity, money, keyword */
    double prev = 2;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char *col[10] = {0};
        size_t ncol = 0;
        for (char *p = line; ncol < 10; p++) {
            col[ncol++] = p;
            p = strchr(p, '\t');
            if (p == NULL)
                break;
            *p = '\0';
        }
        assert_int_equal(ncol, 9);
        assert_string_equal(col[0], "z1");
        if (strcmp(col[1], "keyword") == 0) {
            double s = strtod(col[8], NULL);
            assert_true(s > 0 && s <= 1 && s <= prev);
            prev = s;
            rows[2]++;
            continue;
        }
        assert_true(strcmp(col[1], "entity") == 0 || strcmp(col[1], "money") == 0);
        rows[col[1][0] == 'm']++;
        unsigned long s = strtoul(col[3], NULL, 10), e = strtoul(col[4], NULL, 10);
        size_t n = strlen(col[5]);
        if (!(s < e && e < sizeof doc_text && e - s == n && memcmp(doc_text + s, col[5], n) == 0))
            fail_msg("tsv span %lu..%lu is not \"%s\" in the text", s, e, col[5]);
    }
    assert_int_equal(rows[0], nent);
    assert_int_equal(rows[1], nmoney);
    assert_int_equal(rows[2], nkw);
    free(out);
}

/* es-bulk: the action line with the default index, then the jsonl record byte for byte. */
static void check_es_bulk(const char *jsonl) {
    size_t len;
    char *out = cli("-F es-bulk doc.jsonl", NULL, 0, &len);
    static const char action[] = "{\"index\":{\"_index\":\"news\",\"_id\":\"z1\"}}\n";
    assert_int_equal(len, sizeof action - 1 + strlen(jsonl));
    assert_memory_equal(out, action, sizeof action - 1);
    assert_memory_equal(out + sizeof action - 1, jsonl, strlen(jsonl));
    free(out);
}

static void sql_expect(sqlite3 *db, const char *sql, const char *want) {
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(q, 0);
    const char *got = t ? (const char *)t : "NULL";
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  got  %s\n  want %s", sql, got, want);
    sqlite3_finalize(q);
}

/* sqlite: the document with its meta and text as read, each anchor's row, byte spans (the
 * text column is the blob slice [start, end) of the document), keywords ranked as jsonl. */
static void check_sqlite(size_t nent, size_t nkw) {
    unlink("doc.db");
    free(cli("-F sqlite -o doc.db doc.jsonl", NULL, 0, NULL));
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open("doc.db", &db), SQLITE_OK);
    sql_expect(db, "SELECT id || '|' || title || '|' || date || '|' || url || '|' || source || "
                   "'|' || bytes || '|' || ifnull(error, 'NULL') FROM documents",
               "z1|Aide \xC3\xA0 l\xE2\x80\x99Ukraine|2025-09-04|https://ex.com/a|Wire|148|NULL");
    sql_expect(db, "SELECT text FROM documents", doc_text);
    char sql[512], want[256];
    for (size_t i = 0; i < NANCHORS; i++) {
        if (strcmp(anchors[i].kind, "entity") == 0) {
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM entities WHERE type = '%s' AND start = %u AND \"end\" "
                     "= %u AND text = '%s' AND norm = '%s'",
                     anchors[i].type, anchors[i].start, anchors[i].end, anchors[i].text,
                     anchors[i].norm);
        } else {
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM money WHERE start = %u AND \"end\" = %u AND text = "
                     "'%s' AND amount = '%s' AND currency = '%s'",
                     anchors[i].start, anchors[i].end, anchors[i].text, anchors[i].norm,
                     anchors[i].type);
        }
        sql_expect(db, sql, "1");
    }
    sql_expect(db, "SELECT qualifier FROM money WHERE currency = 'USD'", "about");
    static const char *const tables[] = {"entities", "money"};
    for (int t = 0; t < 2; t++) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s a JOIN documents d ON d.doc = a.doc WHERE "
                 "substr(CAST(d.text AS BLOB), a.start + 1, a.\"end\" - a.start) = "
                 "CAST(a.text AS BLOB)",
                 tables[t]);
        snprintf(want, sizeof want, "%zu", t ? (size_t)2 : nent);
        sql_expect(db, sql, want);
    }
    snprintf(want, sizeof want, "%zu", nkw);
    sql_expect(db, "SELECT count(*) FROM keywords k1 WHERE k1.score > 0 AND k1.score <= 1 AND "
                   "NOT EXISTS (SELECT 1 FROM keywords k2 WHERE k2.rank < k1.rank AND "
                   "k2.score < k1.score)",
               want);
    sqlite3_close(db);
    unlink("doc.db");
}

/* SPEC "Output records" and the output formats: one document with every annotation kind, on
 * text whose byte and character offsets differ, in each format. */
static void test_every_format_one_document(void **state) {
    (void)state;
    size_t nent, nmoney, nkw;
    char *jsonl = check_jsonl(&nent, &nmoney, &nkw);
    check_tsv(nent, nmoney, nkw);
    check_es_bulk(jsonl);
    check_sqlite(nent, nkw);
    free(jsonl);
}

/* The same on every record of the sample corpus (its money in many forms). */
static void test_sample_money_not_in_entities(void **state) {
    (void)state;
    char *out = cli("-j 2 " NM_SOURCE_DIR "/corpora/sample/articles.jsonl", NULL, 0, NULL);
    size_t records = 0, money = 0;
    for (char *save = NULL, *line = strtok_r(out, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save), records++)
        money += check_money_not_in_entities(line);
    assert_int_equal(records, 26);
    assert_true(money >= 20);
    free(out);
}

/* SPEC "--top-k N": at most N keywords, the N best of the default list, in the same order. */
static void test_top_k(void **state) {
    (void)state;
    char *all = cli("doc.jsonl", NULL, 0, NULL), *three = cli("--top-k 3 doc.jsonl", NULL, 0, NULL);
    assert_int_equal(check_keywords(three), 3);
    const char *a = strstr(all, "\"keywords\":["), *b = strstr(three, "\"keywords\":[");
    const char *b_end = strstr(b, "]}");
    assert_non_null(b_end);
    assert_memory_equal(a, b, (size_t)(b_end - b)); /* a prefix of the full list */
    free(all);
    free(three);
}

/* Every kind of bad input line, after a good one; line k of a block of these. */
static const char *const bad_lines[] = {
    NULL, /* the good one: {"id":"g<block>","text":"Paris paid $5 million."} */
    "{\"id\":\"b1\",\"text\": broken",
    "[1,2]",
    "42",
    "{\"id\":5,\"body\":\"no text\"}",
    "{\"id\":\"n\",\"text\":7}",
    "{\"id\":\"big\",\"text\":\"0123456789abcdefghij0123456789\"}",
    "{\"id\":\"u\",\"text\":\"a\xff" "b\"}",
    "",
};
enum { NBAD = sizeof bad_lines / sizeof bad_lines[0] };

/* The record of line `line` (1-based) of stdin, block b, kind k, as SPEC.md and the messages
 * the code gives write it (an empty line is skipped: NULL). */
static const char *want_record(int b, int k, int line, char *buf, size_t cap) {
    switch (k) {
    case 0:
        snprintf(buf, cap, "{\"id\":\"g%d\",\"stats\":{\"bytes\":22,", b);
        break;
    case 1:
        snprintf(buf, cap, "{\"id\":\"-:%d\",\"error\":\"line %d is not valid JSON (", line, line);
        break;
    case 2:
        snprintf(buf, cap, "{\"id\":\"-:%d\",\"error\":\"line %d is not a JSON object but an "
                 "array\"}", line, line);
        break;
    case 3:
        snprintf(buf, cap, "{\"id\":\"-:%d\",\"error\":\"line %d is not a JSON object but a "
                 "number\"}", line, line);
        break;
    case 4:
        snprintf(buf, cap, "{\"id\":5,\"error\":\"missing text field \\\"text\\\" on line %d\"}",
                 line);
        break;
    case 5:
        snprintf(buf, cap, "{\"id\":\"n\",\"error\":\"text field \\\"text\\\" is a number on "
                 "line %d\"}", line);
        break;
    case 6:
        snprintf(buf, cap, "{\"id\":\"big\",\"error\":\"document of 30 bytes exceeds "
                 "--max-doc-bytes 24\"}");
        break;
    case 7:
        snprintf(buf, cap, "{\"id\":\"u\",\"error\":\"invalid UTF-8 at byte 19 of line %d\"}",
                 line);
        break;
    default:
        return NULL;
    }
    return buf;
}

/* SPEC "Input records" and "Output records": each bad line is one error record of the exact
 * shape {"id":...,"error":"<what and where>"} in its place, the others processed normally,
 * exit 3; the same bytes at -j 1 and -j 4 with a queue far smaller than the input; a line
 * too long to read is one error record too. */
static void test_error_records_in_order(void **state) {
    (void)state;
    enum { BLOCKS = 30 };
    nm__buf in = {0};
    char line[256];
    for (int b = 0; b < BLOCKS; b++)
        for (int k = 0; k < NBAD; k++) {
            int n = k ? snprintf(line, sizeof line, "%s", bad_lines[k])
                      : snprintf(line, sizeof line,
                                 "{\"id\":\"g%d\",\"text\":\"Paris paid $5 million.\"}", b);
            assert_int_equal(nm__buf_append(&in, line, (size_t)n), NM_OK);
            assert_int_equal(nm__buf_putc(&in, '\n'), NM_OK);
        }
    assert_int_equal(nm__buf_putc(&in, '\0'), NM_OK);
    size_t n1, n4;
    char *one = cli("-j 1 --max-doc-bytes 24", in.ptr, 3, &n1);
    char *four = cli("-j 4 --queue-depth 2 --max-doc-bytes 24", in.ptr, 3, &n4);
    assert_int_equal(n1, n4);
    assert_memory_equal(one, four, n1);
    assert_int_equal(nm_test_count_lines(one, n1), BLOCKS * (NBAD - 1));
    char *save = NULL, *rec = strtok_r(one, "\n", &save);
    for (int b = 0, lineno = 1; b < BLOCKS; b++)
        for (int k = 0; k < NBAD; k++, lineno++) {
            char want[256];
            if (want_record(b, k, lineno, want, sizeof want) == NULL)
                continue;
            assert_non_null(rec);
            int whole = want[strlen(want) - 1] == '}';
            if (whole ? strcmp(rec, want) != 0 : strncmp(rec, want, strlen(want)) != 0)
                fail_msg("input line %d: got\n%s\nwant %s%s", lineno, rec, want,
                         whole ? "" : "...");
            rec = strtok_r(NULL, "\n", &save);
        }
    assert_null(rec);
    /* tsv: one error row per rejected record, with the same message */
    char *tsv = cli("-F tsv --max-doc-bytes 24", in.ptr, 3, NULL);
    assert_int_equal(count_in(tsv, tsv + strlen(tsv), "\terror\t"), BLOCKS * (NBAD - 2));
    assert_non_null(strstr(tsv, "u\terror\t\\N\t\\N\t\\N\tinvalid UTF-8 at byte 19 of line 8\t"
                                "\\N\t\\N\t\\N\n"));
    free(tsv);
    free(one);
    free(four);
    nm__buf_free(&in);
    /* a line past the reader's bound (6 x --max-doc-bytes + 1 MiB) is skipped unparsed: its
     * error record names the line and its size, and the next line keeps its number */
    size_t big = (1u << 20) + 200;
    char *line2 = malloc(big + 64);
    assert_non_null(line2);
    int h = snprintf(line2, 64, "{\"text\":\"a\"}\n{\"id\":\"x\",\"text\":\"");
    memset(line2 + h, 'y', big);
    snprintf(line2 + h + big, 64, "\"}\n{\"text\":\"b\"}\n");
    char *out = cli("--stages tokenize --max-doc-bytes 24", line2, 3, NULL);
    char want[512];
    snprintf(want, sizeof want,
             "{\"id\":\"-:1\",\"stats\":{\"bytes\":1,\"tokens\":1,\"sentences\":1}}\n"
             "{\"id\":\"-:2\",\"error\":\"line 2 of %zu bytes exceeds the line limit for "
             "--max-doc-bytes 24\"}\n"
             "{\"id\":\"-:3\",\"stats\":{\"bytes\":1,\"tokens\":1,\"sentences\":1}}\n",
             big + 20); /* {"id":"x","text":" and "} around the ys */
    assert_string_equal(out, want);
    free(out);
    free(line2);
}

/* SPEC "--invalid-utf8 replace": U+FFFD in place of the bad byte, the repaired text carried as
 * "text", and offsets into it (3 bytes where the input had 1). */
static void test_replace_offsets_refer_to_repaired_text(void **state) {
    (void)state;
    char *out = cli("--invalid-utf8 replace",
                    "{\"id\":\"r\",\"text\":\"caf\xe9 in Paris paid $5 million.\"}\n", 0, NULL);
    static const char repaired[] = "caf\xEF\xBF\xBD in Paris paid $5 million.";
    assert_non_null(strstr(out, "{\"id\":\"r\",\"text\":\"caf\xEF\xBF\xBD in Paris paid $5 "
                                "million.\",\"stats\":{\"bytes\":32,"));
    assert_non_null(strstr(out, "{\"type\":\"GPE\",\"text\":\"Paris\",\"start\":10,\"end\":15,"));
    assert_non_null(strstr(out, "{\"text\":\"$5 million\",\"start\":21,\"end\":31,"));
    assert_int_equal(check_jsonl_spans(out, repaired, sizeof repaired - 1), 2);
    free(out);
}

/* SPEC "--text-field NAME / --id-field NAME": the text and the id read from the named fields;
 * a number id kept a number; without the id field, "<input>:<line>". */
static void test_text_and_id_fields(void **state) {
    (void)state;
    char *out = cli("--stages tokenize --text-field body --id-field key",
                    "{\"body\":\"Rome.\",\"key\":7,\"text\":\"not this one\"}\n"
                    "{\"body\":\"Oslo!\",\"key\":\"k\",\"id\":\"not-this\"}\n"
                    "{\"body\":\"x\"}\n",
                    0, NULL);
    assert_string_equal(out, "{\"id\":7,\"stats\":{\"bytes\":5,\"tokens\":2,\"sentences\":1}}\n"
                             "{\"id\":\"k\",\"stats\":{\"bytes\":5,\"tokens\":2,\"sentences\":1}}\n"
                             "{\"id\":\"-:3\",\"stats\":{\"bytes\":1,\"tokens\":1,"
                             "\"sentences\":1}}\n");
    free(out);
}

/* SPEC "-f": by extension .jsonl/.json/.ndjson are jsonl, anything else text (its id the path
 * as given); stdin jsonl; -f text on stdin gives the id "-". */
static void test_input_format_defaults(void **state) {
    (void)state;
    static const char line[] = "{\"text\":\"Rome.\"}\n";
    assert_int_equal(nm_test_write_file("a.json", line, sizeof line - 1), 0);
    assert_int_equal(nm_test_write_file("a.ndjson", line, sizeof line - 1), 0);
    assert_int_equal(nm_test_write_file("a.log", line, sizeof line - 1), 0);
    char *out = cli("--stages tokenize a.json a.ndjson a.log -", line, 0, NULL);
    assert_string_equal(out, "{\"id\":\"a.json:1\",\"stats\":{\"bytes\":5,\"tokens\":2,"
                             "\"sentences\":1}}\n"
                             "{\"id\":\"a.ndjson:1\",\"stats\":{\"bytes\":5,\"tokens\":2,"
                             "\"sentences\":1}}\n"
                             "{\"id\":\"a.log\",\"stats\":{\"bytes\":17,\"tokens\":10,"
                             "\"sentences\":1}}\n"
                             "{\"id\":\"-:1\",\"stats\":{\"bytes\":5,\"tokens\":2,"
                             "\"sentences\":1}}\n");
    free(out);
    out = cli("--stages tokenize -f text", "Rome.", 0, NULL);
    assert_string_equal(out,
                        "{\"id\":\"-\",\"stats\":{\"bytes\":5,\"tokens\":2,\"sentences\":1}}\n");
    free(out);
    out = cli("-f text", "Paris \xff.", 3, NULL);
    assert_string_equal(out, "{\"id\":\"-\",\"error\":\"invalid UTF-8 at byte 6\"}\n");
    free(out);
}

/* SPEC "--tokens": ordered, never overlapping, covering every non-whitespace byte, holding no
 * whitespace (no ASCII whitespace here: the text has no digit-group separator). */
static void test_tokens_cover_the_text(void **state) {
    (void)state;
    char *out = cli("--tokens doc.jsonl", NULL, 0, NULL);
    const char *p = strstr(out, "\"tokens\":[");
    assert_non_null(p);
    size_t n = sizeof doc_text - 1, prev_end = 0, count = 0;
    char *covered = calloc(n, 1);
    assert_non_null(covered);
    unsigned long s, e;
    while ((p = strstr(p, "{\"start\":")) != NULL && sscanf(p, "{\"start\":%lu,\"end\":%lu", &s,
                                                             &e) == 2) {
        assert_true(s >= prev_end && s < e && e <= n);
        for (unsigned long i = s; i < e; i++) {
            assert_null(strchr(" \t\n\r", doc_text[i]));
            covered[i] = 1;
        }
        prev_end = e;
        count++;
        p++;
    }
    for (size_t i = 0; i < n; i++)
        if (!covered[i] && strchr(" \t\n\r", doc_text[i]) == NULL)
            fail_msg("byte %zu ('%c') is in no token", i, doc_text[i]);
    assert_true(count >= 30);
    free(covered);
    free(out);
}

/* SPEC "--stats": a summary on stderr (docs, errors, per-stage time, MB/s), stdout unchanged;
 * "--progress": a progress line on stderr, stdout unchanged, off when stderr is no terminal;
 * -V prints the version on stdout. */
static void test_stats_and_version(void **state) {
    (void)state;
    size_t n1, n2;
    char *plain = cli("-j 2 doc.jsonl", NULL, 0, &n1);
    char *with = cli("-j 2 --stats doc.jsonl 2>stats.txt", NULL, 0, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(plain, with, n1);
    char *err = nm_test_read_file("stats.txt", NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "1 records (1 ok, 0 errors)"));
    assert_non_null(strstr(err, " MB/s "));
    assert_non_null(strstr(err, "\n  entities "));
    assert_non_null(strstr(err, "\n  keywords "));
    free(err);
    free(with);
    /* An input that cannot be opened beside one that is read: the summary said "1 inputs (1
     * unreadable)", as if the one input were the unreadable one, with its record written. */
    free(cli("--stats doc.jsonl /nonexistent/none.jsonl 2>stats.txt", NULL, 3, NULL));
    err = nm_test_read_file("stats.txt", NULL);
    assert_non_null(err);
    if (strstr(err, "1 records (1 ok, 0 errors), 1 inputs read, 1 input errors, ") == NULL)
        fail_msg("--stats said\n%s", err);
    free(err);
    /* --progress: a line on stderr (docs, MB, MB/s), none on stdout; none at all without it */
    with = cli("-j 2 --progress doc.jsonl 2>progress.txt", NULL, 0, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(plain, with, n1);
    err = nm_test_read_file("progress.txt", NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "newsmine: 1 docs, "));
    assert_non_null(strstr(err, " MB/s\n"));
    free(err);
    free(with);
    with = cli("-j 2 doc.jsonl 2>no-progress.txt", NULL, 0, &n2);
    err = nm_test_read_file("no-progress.txt", &n2);
    assert_int_equal(n2, 0); /* stderr is not a terminal here */
    free(err);
    free(with);
    free(plain);
    char *v = cli("-V", NULL, 0, NULL);
    assert_true(strncmp(v, "newsmine ", 9) == 0 && v[strlen(v) - 1] == '\n');
    free(v);
}

/* The rows of every table of the sqlite database at path, in their stored order, as text
 * (caller frees): what a user reads back from it. */
static char *sqlite_dump(const char *path) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    static const char *const sql[] = {
        "SELECT group_concat(x, char(10)) FROM (SELECT doc || '|' || id || '|' || "
        "ifnull(text, '') || '|' || ifnull(error, '') || '|' || ifnull(bytes, '') || '|' || "
        "ifnull(tokens, '') AS x FROM documents ORDER BY doc)",
        "SELECT group_concat(x, char(10)) FROM (SELECT doc || '|' || type || '|' || start || "
        "'|' || \"end\" || '|' || norm AS x FROM entities ORDER BY rowid)",
        "SELECT group_concat(x, char(10)) FROM (SELECT doc || '|' || start || '|' || ifnull("
        "amount, '') || '|' || ifnull(min, '') || '|' || ifnull(max, '') || '|' || "
        "ifnull(currency, '') AS x FROM money ORDER BY rowid)",
        "SELECT group_concat(x, char(10)) FROM (SELECT doc || '|' || rank || '|' || term || '|' "
        "|| score AS x FROM keywords ORDER BY rowid)"};
    nm__buf dump = {0};
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *q = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, sql[i], -1, &q, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        const unsigned char *t = sqlite3_column_text(q, 0);
        assert_non_null(t); /* every table has rows */
        assert_int_equal(nm__buf_puts(&dump, (const char *)t), NM_OK);
        assert_int_equal(nm__buf_puts(&dump, "\n--\n"), NM_OK);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    assert_int_equal(nm__buf_putc(&dump, '\0'), NM_OK);
    return dump.ptr;
}

/* SPEC "in input order whatever --threads", for every output format and for stats: the sample
 * corpus with bad lines between its records gives the same bytes (tsv, es-bulk, stats) and the
 * same rows in the same order (sqlite) at -j 1 and at -j 4 with a queue of 2. Only jsonl was
 * compared across thread counts. */
static void test_every_format_thread_independent(void **state) {
    (void)state;
    assert_int_equal(nm_test_run("awk '{print} NR % 5 == 0 {print \"[\" NR \"]\"}' " NM_SOURCE_DIR
                                 "/corpora/sample/articles.jsonl > mixed.jsonl",
                                 NULL, 0, NULL, NULL),
                     0);
    static const char *const formats[] = {"-F tsv", "-F es-bulk", "--tokens", "stats"};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        char args[128];
        int is_stats = strcmp(formats[f], "stats") == 0;
        size_t n1, n4;
        snprintf(args, sizeof args, "%s -j 1 mixed.jsonl", formats[f]);
        char *one = is_stats ? NULL : cli(args, NULL, 3, &n1);
        if (is_stats) {
            char cmd[256];
            snprintf(cmd, sizeof cmd, NM_CLI " stats -j 1 mixed.jsonl");
            assert_int_equal(nm_test_run(cmd, NULL, 0, &one, &n1), 3);
            snprintf(cmd, sizeof cmd, NM_CLI " stats -j 4 --queue-depth 2 mixed.jsonl");
            char *four = NULL;
            assert_int_equal(nm_test_run(cmd, NULL, 0, &four, &n4), 3);
            assert_non_null(strstr(one, "\ntotal\terrors\t5\n"));
            assert_int_equal(n1, n4);
            assert_memory_equal(one, four, n1);
            free(one);
            free(four);
            continue;
        }
        snprintf(args, sizeof args, "%s -j 4 --queue-depth 2 mixed.jsonl", formats[f]);
        char *four = cli(args, NULL, 3, &n4);
        assert_true(n1 > 10000);
        if (n1 != n4 || memcmp(one, four, n1) != 0)
            fail_msg("%s: -j 1 and -j 4 differ", formats[f]);
        free(one);
        free(four);
    }
    unlink("j1.db");
    unlink("j4.db");
    free(cli("-F sqlite -o j1.db -j 1 mixed.jsonl", NULL, 3, NULL));
    free(cli("-F sqlite -o j4.db -j 4 --queue-depth 2 mixed.jsonl", NULL, 3, NULL));
    char *one = sqlite_dump("j1.db"), *four = sqlite_dump("j4.db");
    assert_string_equal(one, four);
    assert_non_null(strstr(one, "|mixed.jsonl:6||line 6 is not a JSON object but an array|"));
    free(one);
    free(four);
}

/* SPEC "Exit status: 2 usage error": every command says which command and which option, in the
 * same words. `df build` and `df merge` let getopt speak, as "build: unrecognized option
 * '--bogus'" and "merge: option requires an argument -- 'j'", naming neither newsmine nor df. */
static void test_usage_errors_name_the_command(void **state) {
    (void)state;
    static const struct {
        const char *args, *want;
    } cases[] = {
        {"--bogus", "newsmine: unknown option: --bogus\n"},
        {"-j", "newsmine: option needs a value: -j\n"},
        {"stats --bogus", "newsmine stats: unknown option: --bogus\n"},
        {"stats merge --bogus", "newsmine stats: unknown option: --bogus\n"},
        {"df build --bogus", "newsmine df: unknown option: --bogus\n"},
        {"df build -j", "newsmine df: option needs a value: -j\n"},
        {"df merge --top-k 3", "newsmine df: unknown option: --top-k\n"},
        {"df merge -o", "newsmine df: option needs a value: -o\n"},
        /* an unknown letter before others in one word: it was named as the word before */
        {"-zj2", "newsmine: unknown option: -z\n"},
        {"-j2 -qz", "newsmine: unknown option: -q\n"},
        {"stats -zo x", "newsmine stats: unknown option: -z\n"},
        {"df build -zj2", "newsmine df: unknown option: -z\n"},
        {"--stats=1", "newsmine: unknown option: --stats=1\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, NM_CLI " %s </dev/null 2>usage.txt", cases[i].args);
        int rc = nm_test_run(cmd, NULL, 0, NULL, NULL);
        char *err = nm_test_read_file("usage.txt", NULL);
        assert_non_null(err);
        char *nl = strchr(err, '\n');
        if (nl)
            nl[1] = '\0'; /* the first line; the usage text follows */
        if (rc != 2 || strcmp(err, cases[i].want) != 0)
            fail_msg("`newsmine %s` exited %d, said %s want 2, %s", cases[i].args, rc, err,
                     cases[i].want);
        free(err);
    }
}

/* SPEC "--df FILE": keywords scored against the given model instead of the bundled one: a
 * model built from the sample corpus changes the scores (still ordered, in (0, 1]) and nothing
 * but the keywords. Only a missing --df model was tried through the CLI. */
static void test_df_model_changes_only_keyword_scores(void **state) {
    (void)state;
    assert_int_equal(nm_test_run(NM_CLI " df build -o sample.df " NM_SOURCE_DIR
                                 "/corpora/sample/articles.jsonl",
                                 NULL, 0, NULL, NULL),
                     0);
    char *plain = cli("doc.jsonl", NULL, 0, NULL), *with = cli("--df sample.df doc.jsonl", NULL,
                                                              0, NULL);
    const char *kp = strstr(plain, "\"keywords\":["), *kw = strstr(with, "\"keywords\":[");
    assert_true(kp && kw && kp - plain == kw - with);
    assert_memory_equal(plain, with, (size_t)(kp - plain)); /* all before the keywords */
    assert_string_not_equal(kp, kw);
    assert_true(check_keywords(with) >= 3);
    free(plain);
    free(with);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_format_one_document),
        cmocka_unit_test(test_sample_money_not_in_entities),
        cmocka_unit_test(test_top_k),
        cmocka_unit_test(test_error_records_in_order),
        cmocka_unit_test(test_replace_offsets_refer_to_repaired_text),
        cmocka_unit_test(test_text_and_id_fields),
        cmocka_unit_test(test_input_format_defaults),
        cmocka_unit_test(test_tokens_cover_the_text),
        cmocka_unit_test(test_stats_and_version),
        cmocka_unit_test(test_every_format_thread_independent),
        cmocka_unit_test(test_usage_errors_name_the_command),
        cmocka_unit_test(test_df_model_changes_only_keyword_scores),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
