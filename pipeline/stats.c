/*
 * stats.c — mergeable corpus aggregates (format in stats.h).
 *
 * Every aggregate is keyed by a NUL-free string "<section>\t<class>\t<escaped key>" in a JudySL
 * array ("e\tGPE\tParis", "m\tEUR\t", "k\t\tsecurity"); the escaped form is canonical, so a key
 * built from a record and the same key read back from a file are the same bytes and merging
 * never unescapes. Document counts use the number of the last document that touched the entry,
 * so a name mentioned five times in one article counts one document and five mentions.
 * Money totals are exact: a 128-bit mantissa and a shared exponent (never above 0), so
 * 0.5 + 134400000000 is 134400000000.5, with overflow reported, never wrapped.
 */
#include "stats.h"

#include <Judy.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef __int128 i128;

typedef struct agg {
    uint64_t docs, mentions, last_doc;
    i128 total; /* money: sum of amounts = total * 10^exp */
    int32_t exp;
    size_t cls_off, cls_len; /* class (type or currency) inside key */
    size_t name_off;         /* escaped name inside key, to key_len */
    size_t key_len;
    char key[];
} agg;

struct nm__stats {
    Pvoid_t judy;
    NM__VEC(agg *) all;
    uint64_t docs, errors, bytes, tokens;
    nm__buf scratch;
};

static void set_err(nm_error *err, int code, const char *msg, uint64_t pos) {
    if (err == NULL)
        return;
    err->code = code;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    err->doc = UINT64_MAX;
    err->pos = pos;
}

nm__stats *nm__stats_create(void) {
    return calloc(1, sizeof(nm__stats));
}

void nm__stats_destroy(nm__stats *st) {
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->all.n; i++)
        free(st->all.v[i]);
    free(st->all.v);
    JudySLFreeArray(&st->judy, PJE0);
    nm__buf_free(&st->scratch);
    free(st);
}

/*
 * Finds or creates the entry of key (NUL-terminated, key[0] the section letter, the class
 * between the first and second tab). NULL when out of memory.
 */
static agg *lookup(nm__stats *st, const char *key, size_t key_len) {
    PPvoid_t slot = JudySLIns(&st->judy, (const uint8_t *)key, PJE0);
    if (slot == PPJERR || slot == NULL)
        return NULL;
    if (*slot != NULL)
        return *slot;
    if (NM__VEC_PUSH(st->all) == NULL)
        return NULL;
    agg *a = calloc(1, sizeof *a + key_len + 1);
    if (a == NULL) {
        st->all.n--;
        return NULL;
    }
    memcpy(a->key, key, key_len + 1);
    a->key_len = key_len;
    a->cls_off = 2;
    const char *tab = memchr(key + 2, '\t', key_len - 2);
    a->cls_len = (size_t)(tab - (key + 2));
    a->name_off = a->cls_off + a->cls_len + 1;
    a->last_doc = UINT64_MAX;
    st->all.v[st->all.n - 1] = a;
    *slot = a;
    return a;
}

/* Builds "<sect>\t<cls>\t<escaped name>" in st->scratch. */
static int make_key(nm__stats *st, char sect, const char *cls, size_t cls_len, const char *name,
                    size_t name_len) {
    nm__buf *b = &st->scratch;
    b->len = 0;
    char head[2] = {sect, '\t'};
    if (nm__buf_append(b, head, 2) != 0 || nm__buf_append(b, cls, cls_len) != 0 ||
        nm__buf_putc(b, '\t') != 0 || nm__tsv_put_field(b, name, name_len) != 0 ||
        nm__buf_putc(b, '\0') != 0)
        return NM_ERR_NOMEM;
    b->len--;
    return NM_OK;
}

static const i128 I128_MAX = (i128)(((unsigned __int128)1 << 127) - 1);

/* 10^n as i128, or -1 when it does not fit. */
static i128 pow10_i128(int32_t n) {
    i128 p = 1;
    for (int32_t i = 0; i < n; i++) {
        if (p > I128_MAX / 10)
            return -1;
        p *= 10;
    }
    return p;
}

/* Adds mant * 10^exp (negated when neg) to a's total. NM_OK or NM_ERR_INVALID on overflow or
 * an exponent below -38 (format_total prints at most 38 fractional digits, and a total of 0
 * would otherwise let the shared exponent step down without bound). */
static int add_amount(agg *a, i128 mant, int32_t exp, int neg) {
    if (exp < -38)
        return NM_ERR_INVALID;
    if (exp < a->exp) {
        i128 p = pow10_i128(a->exp - exp);
        if (p < 0 || __builtin_mul_overflow(a->total, p, &a->total))
            return NM_ERR_INVALID;
        a->exp = exp;
    }
    if (exp > a->exp) {
        i128 p = pow10_i128(exp - a->exp);
        if (p < 0 || __builtin_mul_overflow(mant, p, &mant))
            return NM_ERR_INVALID;
    }
    if (neg)
        mant = -mant;
    if (__builtin_add_overflow(a->total, mant, &a->total))
        return NM_ERR_INVALID;
    return NM_OK;
}

/* Counts one mention of key in document doc. */
static agg *count(nm__stats *st, uint64_t doc) {
    agg *a = lookup(st, st->scratch.ptr, st->scratch.len);
    if (a == NULL)
        return NULL;
    a->mentions++;
    if (a->last_doc != doc) {
        a->last_doc = doc;
        a->docs++;
    }
    return a;
}

int nm__stats_add_record(nm__stats *st, const nm_record *rec, nm_error *err) {
    uint64_t doc = st->docs++;
    if (rec->error.len > 0) {
        st->errors++;
        return NM_OK;
    }
    st->bytes += rec->text.len;
    st->tokens += rec->tokens.n;
    for (size_t i = 0; i < rec->entities.n; i++) {
        const nm_entity *e = &rec->entities.v[i];
        const char *type = nm_entity_type_name(e->type);
        if (type == NULL)
            continue;
        nm_str name = e->norm;
        if (name.len == 0 && e->start <= e->end && e->end <= rec->text.len)
            name = (nm_str){rec->text.ptr + e->start, e->end - e->start};
        if (make_key(st, 'e', type, strlen(type), name.ptr, name.len) != NM_OK ||
            count(st, doc) == NULL)
            goto nomem;
    }
    for (size_t i = 0; i < rec->money.n; i++) {
        const nm_money *m = &rec->money.v[i];
        size_t clen = strnlen(m->currency, sizeof m->currency);
        agg *a;
        if (make_key(st, 'm', clen ? m->currency : "XXX", clen ? clen : 3, "", 0) != NM_OK ||
            (a = count(st, doc)) == NULL)
            goto nomem;
        if ((m->fields & NM_MONEY_AMOUNT) &&
            add_amount(a, (i128)m->amount.mant, m->amount.exp,
                       (m->fields & NM_MONEY_NEGATIVE) != 0) != NM_OK) {
            set_err(err, NM_ERR_INVALID, "money total overflows 128 bits", UINT64_MAX);
            return NM_ERR_INVALID;
        }
    }
    for (size_t i = 0; i < rec->keywords.n; i++) {
        const nm_keyword *k = &rec->keywords.v[i];
        if (make_key(st, 'k', "", 0, k->term.ptr, k->term.len) != NM_OK || count(st, doc) == NULL)
            goto nomem;
    }
    return NM_OK;
nomem:
    set_err(err, NM_ERR_NOMEM, "out of memory", UINT64_MAX);
    return NM_ERR_NOMEM;
}

/* ---- reading ------------------------------------------------------------------------------- */

/* Parses a decimal count; 0 when the field is not digits only. */
static int parse_u64(const char *s, size_t len, uint64_t *out) {
    uint64_t v = 0;
    if (len == 0 || len > 20)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || __builtin_mul_overflow(v, 10, &v) ||
            __builtin_add_overflow(v, (uint64_t)(s[i] - '0'), &v))
            return 0;
    }
    *out = v;
    return 1;
}

/* Parses -?DIGITS(.DIGITS)? into mant/exp; 0 when malformed or out of range. */
static int parse_decimal(const char *s, size_t len, i128 *mant, int32_t *exp, int *neg) {
    size_t i = 0;
    *neg = 0;
    if (i < len && s[i] == '-')
        *neg = 1, i++;
    i128 m = 0;
    int32_t e = 0;
    int digits = 0, dot = 0;
    for (; i < len; i++) {
        if (s[i] == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || __builtin_mul_overflow(m, 10, &m) ||
            __builtin_add_overflow(m, (i128)(s[i] - '0'), &m))
            return 0;
        digits++;
        if (dot)
            e--;
    }
    if (digits == 0)
        return 0;
    *mant = m;
    *exp = e;
    return 1;
}

/* Splits line into at most max tab-separated fields; the last takes the rest of the line. */
static size_t split(const char *line, size_t len, nm_str *f, size_t max) {
    size_t n = 0, start = 0;
    for (size_t i = 0; i < len && n + 1 < max; i++) {
        if (line[i] == '\t') {
            f[n++] = (nm_str){line + start, i - start};
            start = i + 1;
        }
    }
    f[n++] = (nm_str){line + start, len - start};
    return n;
}

static int streq(nm_str a, const char *b) {
    return a.len == strlen(b) && memcmp(a.ptr, b, a.len) == 0;
}

/* Builds the key from already escaped parts (as they appear in a file). */
static int make_raw_key(nm__stats *st, char sect, nm_str cls, nm_str name) {
    nm__buf *b = &st->scratch;
    b->len = 0;
    char head[2] = {sect, '\t'};
    if (memchr(name.ptr, '\0', name.len) != NULL || memchr(cls.ptr, '\0', cls.len) != NULL)
        return NM_ERR_MODEL;
    if (nm__buf_append(b, head, 2) != 0 || nm__buf_append(b, cls.ptr, cls.len) != 0 ||
        nm__buf_putc(b, '\t') != 0 || nm__buf_append(b, name.ptr, name.len) != 0 ||
        nm__buf_putc(b, '\0') != 0)
        return NM_ERR_NOMEM;
    b->len--;
    return NM_OK;
}

static int merge_line(nm__stats *st, const char *line, size_t len) {
    nm_str f[6];
    size_t n = split(line, len, f, 6);
    uint64_t docs, mentions;
    agg *a;
    if (n == 3 && streq(f[0], "total")) {
        uint64_t v, *dst = streq(f[1], "docs")     ? &st->docs
                           : streq(f[1], "errors") ? &st->errors
                           : streq(f[1], "bytes")  ? &st->bytes
                           : streq(f[1], "tokens") ? &st->tokens
                                                   : NULL;
        if (dst == NULL || !parse_u64(f[2].ptr, f[2].len, &v))
            return NM_ERR_MODEL;
        return __builtin_add_overflow(*dst, v, dst) ? NM_ERR_INVALID : NM_OK;
    }
    if (n == 5 && (streq(f[0], "entity") || streq(f[0], "money"))) {
        int money = f[0].ptr[0] == 'm';
        if (!parse_u64(f[2].ptr, f[2].len, &docs) || !parse_u64(f[3].ptr, f[3].len, &mentions) ||
            f[1].len == 0 || memchr(f[1].ptr, '\t', f[1].len))
            return NM_ERR_MODEL;
        int rc = make_raw_key(st, money ? 'm' : 'e', f[1], money ? (nm_str){"", 0} : f[4]);
        if (rc != NM_OK)
            return rc;
        if ((a = lookup(st, st->scratch.ptr, st->scratch.len)) == NULL)
            return NM_ERR_NOMEM;
        if (money) {
            i128 mant;
            int32_t exp;
            int neg;
            if (!parse_decimal(f[4].ptr, f[4].len, &mant, &exp, &neg))
                return NM_ERR_MODEL;
            if (add_amount(a, mant, exp, neg) != NM_OK)
                return NM_ERR_INVALID;
        }
    } else if (n == 3 && streq(f[0], "keyword")) {
        if (!parse_u64(f[1].ptr, f[1].len, &docs))
            return NM_ERR_MODEL;
        mentions = docs;
        int rc = make_raw_key(st, 'k', (nm_str){"", 0}, f[2]);
        if (rc != NM_OK)
            return rc;
        if ((a = lookup(st, st->scratch.ptr, st->scratch.len)) == NULL)
            return NM_ERR_NOMEM;
    } else {
        return NM_ERR_MODEL;
    }
    if (__builtin_add_overflow(a->docs, docs, &a->docs) ||
        __builtin_add_overflow(a->mentions, mentions, &a->mentions))
        return NM_ERR_INVALID;
    return NM_OK;
}

int nm__stats_merge_text(nm__stats *st, const char *data, size_t len, nm_error *err) {
    const char *end = data + len;
    const char *p = data;
    uint64_t line_no = 0;
    int seen_magic = 0;
    size_t magic_len = strlen(NM__STATS_MAGIC), prefix_len = strlen("newsmine-stats\t");
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t llen = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line_no++;
        int rc = NM_OK;
        /* Header lines may recur anywhere (concatenated files, sorted Hadoop reducer input);
         * each must name version 1. */
        if (llen >= prefix_len && memcmp(p, NM__STATS_MAGIC, prefix_len) == 0) {
            if (llen == magic_len && memcmp(p, NM__STATS_MAGIC, llen) == 0)
                seen_magic = 1;
            else
                rc = NM_ERR_MODEL;
        } else if (llen > 0) {
            rc = merge_line(st, p, llen);
        }
        if (rc != NM_OK) {
            char msg[128];
            snprintf(msg, sizeof msg, "%s at line %" PRIu64,
                     rc == NM_ERR_MODEL     ? "not a newsmine-stats 1 line"
                     : rc == NM_ERR_INVALID ? "count or money total overflows"
                                            : "out of memory",
                     line_no);
            set_err(err, rc, msg, line_no);
            return rc;
        }
        p = nl ? nl + 1 : end;
    }
    if (!seen_magic) {
        set_err(err, NM_ERR_MODEL, "no \"newsmine-stats\t1\" header: not a stats file", 0);
        return NM_ERR_MODEL;
    }
    return NM_OK;
}

/* ---- writing ------------------------------------------------------------------------------- */

static int sect_rank(char c) {
    return c == 'e' ? 0 : c == 'm' ? 1 : 2;
}

static int bytes_cmp(const char *a, size_t al, const char *b, size_t bl) {
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

static int agg_cmp(const void *pa, const void *pb) {
    const agg *a = *(agg *const *)pa, *b = *(agg *const *)pb;
    int c = sect_rank(a->key[0]) - sect_rank(b->key[0]);
    if (c)
        return c;
    c = bytes_cmp(a->key + a->cls_off, a->cls_len, b->key + b->cls_off, b->cls_len);
    if (c)
        return c;
    if (a->docs != b->docs)
        return a->docs > b->docs ? -1 : 1;
    /* keyword files carry no mention count, so keywords must not sort by it */
    if (a->key[0] != 'k' && a->mentions != b->mentions)
        return a->mentions > b->mentions ? -1 : 1;
    return bytes_cmp(a->key + a->name_off, a->key_len - a->name_off, b->key + b->name_off,
                     b->key_len - b->name_off);
}

/* Exact decimal text of total * 10^exp without trailing fractional zeros. */
static void format_total(i128 total, int32_t exp, char *buf, size_t cap) {
    buf[0] = '\0';
    int neg = total < 0;
    unsigned __int128 m =
        neg ? (unsigned __int128)0 - (unsigned __int128)total : (unsigned __int128)total;
    while (exp < 0 && m != 0 && m % 10 == 0) {
        m /= 10;
        exp++;
    }
    if (m == 0)
        exp = 0, neg = 0;
    char digits[64];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + (int)(m % 10));
        m /= 10;
    } while (m);
    size_t o = 0;
    int frac = -exp; /* exp <= 0 always, and frac <= 38: add_amount() refuses more */
    if (cap < (size_t)nd + (size_t)frac + 4)
        return;
    if (neg)
        buf[o++] = '-';
    if (nd <= frac) {
        buf[o++] = '0';
        buf[o++] = '.';
        for (int i = 0; i < frac - nd; i++)
            buf[o++] = '0';
        for (int i = nd - 1; i >= 0; i--)
            buf[o++] = digits[i];
    } else {
        for (int i = nd - 1; i >= frac; i--)
            buf[o++] = digits[i];
        if (frac > 0)
            buf[o++] = '.';
        for (int i = frac - 1; i >= 0; i--)
            buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

int nm__stats_write(const nm__stats *st, FILE *out) {
    agg **v = NULL;
    if (st->all.n > 0) {
        v = malloc(st->all.n * sizeof *v);
        if (v == NULL)
            return NM_ERR_NOMEM;
        memcpy(v, st->all.v, st->all.n * sizeof *v);
        qsort(v, st->all.n, sizeof *v, agg_cmp);
    }
    fprintf(out,
            NM__STATS_MAGIC "\ntotal\tdocs\t%" PRIu64 "\ntotal\terrors\t%" PRIu64
                            "\ntotal\tbytes\t%" PRIu64 "\ntotal\ttokens\t%" PRIu64 "\n",
            st->docs, st->errors, st->bytes, st->tokens);
    for (size_t i = 0; i < st->all.n; i++) {
        const agg *a = v[i];
        int cl = (int)a->cls_len, nl = (int)(a->key_len - a->name_off);
        const char *cls = a->key + a->cls_off, *name = a->key + a->name_off;
        if (a->key[0] == 'e') {
            fprintf(out, "entity\t%.*s\t%" PRIu64 "\t%" PRIu64 "\t%.*s\n", cl, cls, a->docs,
                    a->mentions, nl, name);
        } else if (a->key[0] == 'm') {
            char total[96];
            format_total(a->total, a->exp, total, sizeof total);
            fprintf(out, "money\t%.*s\t%" PRIu64 "\t%" PRIu64 "\t%s\n", cl, cls, a->docs,
                    a->mentions, total);
        } else {
            fprintf(out, "keyword\t%" PRIu64 "\t%.*s\n", a->docs, nl, name);
        }
    }
    free(v);
    return ferror(out) ? NM_ERR_IO : NM_OK;
}
