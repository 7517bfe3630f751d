/*
 * render_tsv.c — one tab-separated row per annotation, loadable with PostgreSQL COPY (text mode).
 *
 * Columns: id kind type start end text norm/amount currency score, e.g.
 *   paris-summit  entity   GPE    20  25  Paris        Paris            \N   \N
 *   paris-summit  money    MONEY  40  51  €50 billion  50000000000      EUR  \N
 *   paris-summit  keyword  \N     \N  \N  \N           security guarantees  \N  0.913
 *   bad-doc       error    \N     \N  \N  invalid UTF-8 at byte 12  \N  \N  \N
 *   paris-summit  token    word   0   7   Leaders      leaders          \N   \N   (--tokens)
 * A field that does not apply is \N (SQL NULL); an empty string stays empty. Tab, newline, CR and
 * backslash are escaped as \t \n \r \\ (PostgreSQL's text COPY convention); a NUL byte, which no
 * PostgreSQL text can hold, becomes U+FFFD. A money range prints its amount as MIN..MAX (either
 * side may be empty). A record without annotations renders no row. Pure function of the record:
 * safe in any number of worker threads.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "render.h"
#include "stats.h"
#include "tokenize.h"

#define NULL_FIELD "\\N"

#ifdef __SSE2__
/* Bit k set when byte k of x is a byte COPY text must escape: \t \n \r \\ NUL. */
static inline unsigned tsv_escape_bits(__m128i x) {
    __m128i tab = _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'));
    __m128i nl = _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'));
    __m128i cr = _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'));
    __m128i bs = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
    __m128i nul = _mm_cmpeq_epi8(x, _mm_setzero_si128());
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_or_si128(tab, nl), _mm_or_si128(cr, bs)), nul);
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Appends s[i, len) escaped for COPY text format, in runs of bytes that need no escape. */
static int put_field_escaped(nm__buf *b, const char *s, size_t i, size_t len) {
    size_t run = i;
    for (; i < len; i++) {
        const char *esc;
        switch (s[i]) {
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\\': esc = "\\\\"; break;
        case '\0': esc = "\xEF\xBF\xBD"; break;
        default: continue;
        }
        if (nm__buf_append(b, s + run, i - run) != 0 || nm__buf_puts(b, esc) != 0)
            return NM_ERR_NOMEM;
        run = i + 1;
    }
    return nm__buf_append(b, s + run, len - run);
}

/*
 * Appends s escaped for COPY text format. With SSE2 the bytes are copied into the buffer and
 * tested 16 at a time as they go (nm__copy_flagged); the first byte that needs an escape hands
 * over to put_field_escaped.
 */
int nm__tsv_put_field(nm__buf *b, const char *s, size_t len) {
#ifdef __SSE2__
    if (b->cap - b->len < len && nm__buf_reserve(b, len) != NM_OK)
        return NM_ERR_NOMEM;
    size_t k = nm__copy_flagged(b->ptr + b->len, s, len, tsv_escape_bits);
    b->len += k;
    return k == len ? NM_OK : put_field_escaped(b, s, k, len);
#else
    return put_field_escaped(b, s, 0, len);
#endif
}

/* Appends v in decimal. */
static int put_u32(nm__buf *b, uint32_t v) {
    if (b->cap - b->len < 16 && nm__buf_reserve(b, 16) != NM_OK)
        return NM_ERR_NOMEM;
    b->len = (size_t)(nm__put_u32(b->ptr + b->len, v) - b->ptr);
    return NM_OK;
}

/* The text of [start, end) when it lies inside the document, else \N. */
static int put_span_text(nm__buf *b, const nm_record *rec, uint32_t start, uint32_t end) {
    if (start <= end && end <= rec->text.len)
        return nm__tsv_put_field(b, rec->text.ptr + start, end - start);
    return nm__buf_puts(b, NULL_FIELD);
}

/* Where a record's escaped id already stands in the output buffer: rows after the first copy
 * it from there instead of escaping it again (offsets, since the buffer may move). */
typedef struct tsv_id {
    size_t off, len;
    int have;
} tsv_id;

/* id, then tail (ROW_HEAD: a tab, the kind, a tab; tl bytes); id caches the escaped id. */
static int row_head(nm__buf *b, const nm_record *rec, tsv_id *id, const char *tail, size_t tl) {
    if (id->have) {
        if (b->cap - b->len < id->len + tl && nm__buf_reserve(b, id->len + tl) != NM_OK)
            return NM_ERR_NOMEM;
        memcpy(b->ptr + b->len, b->ptr + id->off, id->len);
        b->len += id->len;
    } else {
        size_t off = b->len;
        if (nm__tsv_put_field(b, rec->id.ptr, rec->id.len) != 0 ||
            (b->cap - b->len < tl && nm__buf_reserve(b, tl) != NM_OK))
            return NM_ERR_NOMEM;
        *id = (tsv_id){off, b->len - off, 1};
    }
    memcpy(b->ptr + b->len, tail, tl);
    b->len += tl;
    return NM_OK;
}
/* kind: a string literal */
#define ROW_HEAD(b, rec, id, kind) row_head((b), (rec), (id), "\t" kind "\t", sizeof(kind) + 1)

#define PUT_LIT(d, lit) (memcpy((d), "" lit "", sizeof(lit) - 1), (d) + sizeof(lit) - 1)

/* Copies s[0, len) to d for COPY text; 0 when a byte needs an escape (the caller then writes
 * the row field by field), else 1. */
static inline int copy_plain(char *d, const char *s, size_t len) {
#ifdef __SSE2__
    return nm__copy_flagged(d, s, len, tsv_escape_bits) == len;
#else
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\\' || s[i] == '\0')
            return 0;
    memcpy(d, s, len);
    return 1;
#endif
}

static int put_decimal(nm__buf *b, nm_decimal v, int negative) {
    char tmp[512];
    int n = nm_decimal_format(v, negative, tmp, sizeof tmp);
    if (n < 0)
        return nm__buf_puts(b, NULL_FIELD);
    return nm__buf_append(b, tmp, (size_t)n);
}

static int put_money_value(nm__buf *b, const nm_money *m) {
    int neg = (m->fields & NM_MONEY_NEGATIVE) != 0;
    if (m->fields & NM_MONEY_AMOUNT)
        return put_decimal(b, m->amount, neg);
    if (!(m->fields & (NM_MONEY_MIN | NM_MONEY_MAX)))
        return nm__buf_puts(b, NULL_FIELD);
    if ((m->fields & NM_MONEY_MIN) && put_decimal(b, m->min, neg) != 0)
        return NM_ERR_NOMEM;
    if (nm__buf_puts(b, "..") != 0)
        return NM_ERR_NOMEM;
    if ((m->fields & NM_MONEY_MAX) && put_decimal(b, m->max, neg) != 0)
        return NM_ERR_NOMEM;
    return NM_OK;
}

/* Appends s[0, len) as a COPY field at *d, where b has room for len + rest bytes: copied as
 * is, or, when a byte needs an escape, through nm__tsv_put_field, after which room for rest
 * more bytes is made again. NM_OK or NM_ERR_NOMEM; *d is then the field's end. */
static int field_at(nm__buf *b, char **d, const char *s, size_t len, size_t rest) {
    if (copy_plain(*d, s, len)) {
        *d += len;
        return NM_OK;
    }
    b->len = (size_t)(*d - b->ptr);
    if (nm__tsv_put_field(b, s, len) != NM_OK ||
        (b->cap - b->len < rest && nm__buf_reserve(b, rest) != NM_OK))
        return NM_ERR_NOMEM;
    *d = b->ptr + b->len;
    return NM_OK;
}

/* An entity row: its head, then one reservation for the rest (no check per field); a text
 * field that needs escapes goes through field_at. */
static int render_entity(nm__buf *b, const nm_record *rec, tsv_id *id, const nm_entity *e) {
    const char *type = nm_entity_type_name(e->type);
    int in_text = e->start <= e->end && e->end <= rec->text.len;
    size_t tl = type ? strlen(type) : 0, xl = in_text ? e->end - e->start : 0, nl = e->norm.len;
    /* type or \N, four tabs, 2 x 16 bytes of digits, "\t\\N\t\\N\n" 7 */
    size_t need = tl + xl + nl + 64;
    if (ROW_HEAD(b, rec, id, "entity") != NM_OK || need < xl ||
        (b->cap - b->len < need && nm__buf_reserve(b, need) != NM_OK))
        return NM_ERR_NOMEM;
    char *d = b->ptr + b->len;
    if (type) {
        memcpy(d, type, tl);
        d += tl;
    } else {
        d = PUT_LIT(d, NULL_FIELD);
    }
    *d++ = '\t';
    d = nm__put_u32(d, e->start);
    *d++ = '\t';
    d = nm__put_u32(d, e->end);
    *d++ = '\t';
    if (!in_text)
        d = PUT_LIT(d, NULL_FIELD);
    else if (field_at(b, &d, rec->text.ptr + e->start, xl, nl + 16) != NM_OK)
        return NM_ERR_NOMEM;
    *d++ = '\t';
    if (field_at(b, &d, e->norm.ptr, nl, 16) != NM_OK)
        return NM_ERR_NOMEM;
    d = PUT_LIT(d, "\t" NULL_FIELD "\t" NULL_FIELD "\n");
    b->len = (size_t)(d - b->ptr);
    return NM_OK;
}

/* The type, start, end and text columns of a span row, each followed by its tab. 0, or -1 when
 * out of memory. */
static int put_span_cols(nm__buf *b, const nm_record *rec, const char *type, uint32_t start,
                         uint32_t end) {
    int rc = nm__tsv_put_field(b, type, strlen(type));
    rc |= nm__buf_putc(b, '\t');
    rc |= put_u32(b, start);
    rc |= nm__buf_putc(b, '\t');
    rc |= put_u32(b, end);
    rc |= nm__buf_putc(b, '\t');
    rc |= put_span_text(b, rec, start, end);
    rc |= nm__buf_putc(b, '\t');
    return rc;
}

static int render_money(nm__buf *b, const nm_record *rec, tsv_id *id, const nm_money *m) {
    int rc = ROW_HEAD(b, rec, id, "money");
    rc |= put_span_cols(b, rec, "MONEY", m->start, m->end);
    rc |= put_money_value(b, m);
    rc |= nm__buf_putc(b, '\t');
    size_t clen = strnlen(m->currency, sizeof m->currency);
    rc |= clen ? nm__tsv_put_field(b, m->currency, clen) : nm__buf_puts(b, NULL_FIELD);
    rc |= nm__buf_puts(b, "\t" NULL_FIELD "\n");
    return rc ? NM_ERR_NOMEM : NM_OK;
}

/* A keyword row, written as render_entity writes an entity row. */
static int render_keyword(nm__buf *b, const nm_record *rec, tsv_id *id, const nm_keyword *k) {
    size_t tl = k->term.len, need = tl + 64;
    /* four \N and tabs 12, the term, "\t\\N\t" 4, up to 32 bytes of score, "\n" */
    if (ROW_HEAD(b, rec, id, "keyword") != NM_OK || need < tl ||
        (b->cap - b->len < need && nm__buf_reserve(b, need) != NM_OK))
        return NM_ERR_NOMEM;
    char *d = b->ptr + b->len;
    d = PUT_LIT(d, NULL_FIELD "\t" NULL_FIELD "\t" NULL_FIELD "\t" NULL_FIELD "\t");
    if (field_at(b, &d, k->term.ptr, tl, 40) != NM_OK)
        return NM_ERR_NOMEM;
    d = PUT_LIT(d, "\t" NULL_FIELD "\t");
    d += nm__format_g(k->score, 6, d); /* "%.6g" without printf */
    *d++ = '\n';
    b->len = (size_t)(d - b->ptr);
    return NM_OK;
}

/* A token row (--tokens): its type, span, text and norm (the text itself when the token has no
 * separate norm, as in jsonl). */
static int render_token(nm__buf *b, const nm_record *rec, tsv_id *id, const nm_token *t) {
    int rc = ROW_HEAD(b, rec, id, "token");
    rc |= put_span_cols(b, rec, nm__token_type_name(t->type), t->start, t->end);
    if (t->norm.ptr)
        rc |= nm__tsv_put_field(b, t->norm.ptr, t->norm.len);
    else
        rc |= put_span_text(b, rec, t->start, t->end);
    rc |= nm__buf_puts(b, "\t" NULL_FIELD "\t" NULL_FIELD "\n");
    return rc ? NM_ERR_NOMEM : NM_OK;
}

int nm__render_tsv(const nm_record *rec, int emit_tokens, nm__buf *b) {
    tsv_id id = {0, 0, 0};
    if (rec->error.len > 0) {
        int rc = ROW_HEAD(b, rec, &id, "error");
        rc |= nm__buf_puts(b, NULL_FIELD "\t" NULL_FIELD "\t" NULL_FIELD "\t");
        rc |= nm__tsv_put_field(b, rec->error.ptr, rec->error.len);
        rc |= nm__buf_puts(b, "\t" NULL_FIELD "\t" NULL_FIELD "\t" NULL_FIELD "\n");
        return rc ? NM_ERR_NOMEM : NM_OK;
    }
    for (size_t i = 0; i < rec->entities.n; i++)
        if (render_entity(b, rec, &id, &rec->entities.v[i]) != NM_OK)
            return NM_ERR_NOMEM;
    for (size_t i = 0; i < rec->money.n; i++)
        if (render_money(b, rec, &id, &rec->money.v[i]) != NM_OK)
            return NM_ERR_NOMEM;
    for (size_t i = 0; i < rec->keywords.n; i++)
        if (render_keyword(b, rec, &id, &rec->keywords.v[i]) != NM_OK)
            return NM_ERR_NOMEM;
    for (size_t i = 0; emit_tokens && i < rec->tokens.n; i++)
        if (render_token(b, rec, &id, &rec->tokens.v[i]) != NM_OK)
            return NM_ERR_NOMEM;
    return NM_OK;
}
