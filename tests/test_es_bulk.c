/*
 * test_es_bulk.c — Elasticsearch/OpenSearch _bulk output: every record is exactly two lines, an
 * action {"index":{"_index":NAME,"_id":ID}} and the record, both valid JSON; _id is the record id
 * as a string when it fits ES's 512-byte limit, else (and when empty, which ES refuses too) its
 * first bytes cut at a character boundary before byte 495 + "~" + 16 hex digits of FNV-1a
 * (distinct long ids stay distinct);
 * the stream ends in a newline. Checked on hand-built records and through the CLI.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsmine.h"
#include "record.h"
#include "render.h"

/* ---- a small strict JSON checker ----------------------------------------------------------- */

typedef struct jp {
    const char *p, *end;
    char *str;      /* decoded last string */
    size_t str_len;
} jp;

static void ws(jp *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int hex4(const char *s, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static void put_utf8(jp *j, unsigned cp) {
    char *o = j->str + j->str_len;
    if (cp < 0x80) {
        o[0] = (char)cp, j->str_len += 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 0x3F)), j->str_len += 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)), j->str_len += 3;
    } else {
        o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F));
        j->str_len += 4;
    }
}

/* Parses a string into j->str (decoded); raw bytes must be valid UTF-8 with no control chars. */
static int jstring(jp *j) {
    if (j->p >= j->end || *j->p != '"')
        return 0;
    j->p++;
    free(j->str);
    j->str = malloc((size_t)(j->end - j->p) * 2 + 8);
    j->str_len = 0;
    while (j->p < j->end && *j->p != '"') {
        unsigned char c = (unsigned char)*j->p;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (j->end - j->p < 2)
                return 0;
            char e = j->p[1];
            j->p += 2;
            const char *map = strchr("\"\\/bfnrt", e);
            if (e != 'u' && map != NULL && e != '\0') {
                static const char out[] = "\"\\/\b\f\n\r\t";
                j->str[j->str_len++] = out[map - "\"\\/bfnrt"];
                continue;
            }
            unsigned cp, lo;
            if (e != 'u' || j->end - j->p < 4 || !hex4(j->p, &cp))
                return 0;
            j->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
                    !hex4(j->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                j->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp < 0xE000) {
                return 0;
            }
            put_utf8(j, cp);
            continue;
        }
        /* UTF-8 sequence: lead byte and continuation bytes. */
        int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || j->end - j->p < n)
            return 0;
        for (int i = 1; i < n; i++)
            if (((unsigned char)j->p[i] & 0xC0) != 0x80)
                return 0;
        memcpy(j->str + j->str_len, j->p, (size_t)n);
        j->str_len += (size_t)n;
        j->p += n;
    }
    if (j->p >= j->end)
        return 0;
    j->p++;
    return 1;
}

static int jvalue(jp *j, int depth);

static int jnumber(jp *j) {
    const char *s = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9')
        return 0;
    if (*j->p == '0')
        j->p++;
    else
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (j->p >= j->end || *j->p < '0' || *j->p > '9')
            return 0;
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (j->p >= j->end || *j->p < '0' || *j->p > '9')
            return 0;
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    return j->p > s;
}

static int jlit(jp *j, const char *lit) {
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
        return 0;
    j->p += n;
    return 1;
}

static int jcontainer(jp *j, int depth, char close, int object) {
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == close)
        return j->p++, 1;
    for (;;) {
        if (object) {
            if (!jstring(j))
                return 0;
            ws(j);
            if (j->p >= j->end || *j->p++ != ':')
                return 0;
        }
        if (!jvalue(j, depth + 1))
            return 0;
        ws(j);
        if (j->p >= j->end)
            return 0;
        if (*j->p == ',') {
            j->p++;
            ws(j);
            continue;
        }
        return *j->p++ == close;
    }
}

static int jvalue(jp *j, int depth) {
    if (depth > 64)
        return 0;
    ws(j);
    if (j->p >= j->end)
        return 0;
    switch (*j->p) {
    case '{': return jcontainer(j, depth, '}', 1);
    case '[': return jcontainer(j, depth, ']', 0);
    case '"': return jstring(j);
    case 't': return jlit(j, "true");
    case 'f': return jlit(j, "false");
    case 'n': return jlit(j, "null");
    default: return jnumber(j);
    }
}

/* 1 when line[0..len) is exactly one JSON object. */
static int valid_object(const char *line, size_t len) {
    jp j = {line, line + len, NULL, 0};
    ws(&j);
    int ok = j.p < j.end && *j.p == '{' && jvalue(&j, 0);
    ws(&j);
    ok = ok && j.p == j.end;
    free(j.str);
    return ok;
}

/* Checks an action line and returns its decoded _id (caller frees), or fails the test. */
static char *action_id(const char *line, size_t len, const char *index, size_t *id_len) {
    assert_true(valid_object(line, len));
    char prefix[256];
    snprintf(prefix, sizeof prefix, "{\"index\":{\"_index\":\"%s\",\"_id\":", index);
    size_t pl = strlen(prefix);
    assert_true(len > pl && memcmp(line, prefix, pl) == 0);
    jp j = {line + pl, line + len, NULL, 0};
    assert_true(jstring(&j));
    assert_true(j.end - j.p == 2 && memcmp(j.p, "}}", 2) == 0);
    *id_len = j.str_len;
    return j.str;
}

/* Checks an es-bulk stream: pairs of valid lines, final newline; returns the pair count. */
static size_t check_stream(const char *s, size_t len, const char *index) {
    assert_true(len > 0 && s[len - 1] == '\n');
    size_t pairs = 0;
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *nl1 = memchr(p, '\n', (size_t)(end - p));
        assert_non_null(nl1);
        const char *q = nl1 + 1;
        const char *nl2 = memchr(q, '\n', (size_t)(end - q));
        assert_non_null(nl2);
        size_t id_len;
        char *id = action_id(p, (size_t)(nl1 - p), index, &id_len);
        assert_true(id_len > 0 && id_len <= 512);
        assert_true(valid_object(q, (size_t)(nl2 - q)));
        assert_true(memcmp(q, "{\"id\":", 6) == 0);
        free(id);
        pairs++;
        p = nl2 + 1;
    }
    return pairs;
}

/* ---- rendering hand-built records ---------------------------------------------------------- */

static nm_str S(const char *s) { return (nm_str){s, strlen(s)}; }

/* Renders rec as es-bulk; returns the decoded _id (caller frees) and checks the pair. */
static char *render_id(nm_record *rec, const char *index, size_t *id_len) {
    nm_options opts;
    nm_options_default(&opts);
    opts.format = NM_OUTPUT_ES_BULK;
    opts.index_name = index;
    rec->out.len = 0;
    assert_int_equal(nm__render(rec, &opts), NM_OK);
    assert_int_equal(check_stream(rec->out.ptr, rec->out.len, index), 1);
    const char *nl = memchr(rec->out.ptr, '\n', rec->out.len);
    return action_id(rec->out.ptr, (size_t)(nl - rec->out.ptr), index, id_len);
}

static void test_ids(void **state) {
    (void)state;
    nm_record rec = {0};
    size_t n;
    rec.id = S("paris-summit");
    rec.id_is_string = 1;
    rec.text = S("Leaders met in Paris.");
    nm_entity *e = NM__VEC_PUSH(rec.entities);
    assert_non_null(e);
    *e = (nm_entity){15, 20, NM_ENT_GPE, S("Paris")};
    char *id = render_id(&rec, "news", &n);
    assert_int_equal(n, 12);
    assert_memory_equal(id, "paris-summit", 12);
    free(id);

    /* A number id becomes a string _id; quotes, backslashes and non-ASCII survive. */
    rec.id = S("12345");
    rec.id_is_string = 0;
    id = render_id(&rec, "corpus-2025", &n);
    assert_int_equal(n, 5);
    assert_memory_equal(id, "12345", 5);
    free(id);
    rec.id = S("a \"quoted\" \\ id – Zürich\t1");
    rec.id_is_string = 1;
    id = render_id(&rec, "news", &n);
    assert_int_equal(n, rec.id.len);
    assert_memory_equal(id, rec.id.ptr, n);
    free(id);

    /* An empty id: ES refuses an empty _id ("if _id is specified it must not be empty"), which
     * failed that document of the bulk request; it is hashed as a long id is, cut at byte 0. */
    rec.id = S("");
    rec.id_is_string = 1;
    id = render_id(&rec, "news", &n);
    assert_int_equal(n, 1 + 16);
    assert_memory_equal(id, "~cbf29ce484222325", n); /* FNV-1a of no bytes: its offset basis */
    free(id);
    rec.id = S("a \"quoted\" \\ id – Zürich\t1");

    /* Error records are indexed too. */
    rec.error = S("invalid UTF-8 at byte 3");
    id = render_id(&rec, "news", &n);
    assert_int_equal(n, rec.id.len);
    free(id);
    nm__record_free(&rec);
}

/* The "~" + 16 hex digits at the end of an _id of length n, as a number. */
static unsigned long long id_hash(const char *id, size_t n) {
    assert_true(n >= 17 && id[n - 17] == '~');
    char hex[17];
    memcpy(hex, id + n - 16, 16);
    hex[16] = '\0';
    return strtoull(hex, NULL, 16);
}

static void test_long_ids(void **state) {
    (void)state;
    char a[700], b[700];
    memset(a, 'x', sizeof a);
    memcpy(b, a, sizeof b);
    b[690] = 'y'; /* differs only after the cut */
    nm_record rec = {0};
    rec.id_is_string = 1;
    size_t n1, n2;

    /* Exactly 512 bytes passes unchanged. */
    rec.id = (nm_str){a, 512};
    char *id = render_id(&rec, "news", &n1);
    assert_int_equal(n1, 512);
    assert_memory_equal(id, a, 512);
    free(id);

    rec.id = (nm_str){a, sizeof a};
    char *ida = render_id(&rec, "news", &n1);
    rec.id = (nm_str){b, sizeof b};
    char *idb = render_id(&rec, "news", &n2);
    assert_true(n1 <= 512 && n2 <= 512);
    assert_int_equal(n1, 495 + 1 + 16);
    assert_memory_equal(ida, a, 495);
    assert_int_equal(ida[495], '~');
    assert_false(n1 == n2 && memcmp(ida, idb, n1) == 0);
    /* The suffix is the published 64-bit FNV-1a of the whole id (offset basis
     * 0xcbf29ce484222325, prime 0x100000001b3; the values below computed apart, in Python):
     * the basis had lost its last digit, so a consumer's FNV-1a never matched the _id. */
    assert_true(id_hash(ida, n1) == 0x198acdf97c6b6195ull);
    assert_true(id_hash(idb, n2) == 0x8d11654a9c1fd1ecull);
    /* The same long id always maps to the same _id. */
    rec.id = (nm_str){a, sizeof a};
    char *ida2 = render_id(&rec, "news", &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(ida, ida2, n1);
    free(ida), free(idb), free(ida2);

    /* Multi-byte characters are never cut in half: "é" is 2 bytes, so 495 is mid-character. */
    char u[800];
    for (int i = 0; i < 400; i++)
        u[2 * i] = (char)0xC3, u[2 * i + 1] = (char)0xA9;
    rec.id = (nm_str){u, sizeof u};
    id = render_id(&rec, "news", &n1); /* jstring() rejects broken UTF-8 */
    assert_true(n1 <= 512);
    assert_int_equal(id[494], '~');
    free(id);
    nm__record_free(&rec);
}

/* ---- through the CLI ------------------------------------------------------------------------ */

static void test_cli_stream(void **state) {
    (void)state;
    char input[4096];
    size_t len = 0;
    for (int i = 0; i < 20; i++)
        len += (size_t)snprintf(input + len, sizeof input - len,
                                "{\"id\":%d,\"text\":\"The EU paid €%d million to Kyiv.\"}\n", i,
                                i + 1);
    len += (size_t)snprintf(input + len, sizeof input - len, "not json\n");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s -F es-bulk --index test-idx -j2", NM_CLI);
    char *out = NULL;
    size_t out_len = 0;
    int rc = nm_test_run(cmd, input, len, &out, &out_len);
    assert_int_equal(rc, 3); /* the "not json" line is an error record */
    assert_int_equal(check_stream(out, out_len, "test-idx"), 21);
    assert_non_null(strstr(out, "{\"index\":{\"_index\":\"test-idx\",\"_id\":\"7\"}}\n{\"id\":7,"));
    assert_non_null(strstr(out, "\"_id\":\"-:21\"}}\n{\"id\":\"-:21\",\"error\":"));
    free(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_long_ids),
        cmocka_unit_test(test_cli_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
