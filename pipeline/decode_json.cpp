/*
 * decode_json.cpp — the jsonl record decoder, a thin C++ layer over simdjson exporting C
 * functions (decode.h). It uses simdjson's DOM parser, which picks the best SIMD kernel at run
 * time (On-Demand would be bound to the compile-time target and fall back to scalar code in a
 * portable build) and validates the whole line, UTF-8 included. One parser per worker.
 * Fields read: the text and id fields named in the options, and title/date/url/source for
 * "meta". The first occurrence of a key wins. simdjson bounds the depth (1024), so 100 000
 * nested brackets are an error record, not a stack overflow.
 *
 *   {"id":7,"text":"Caf\u00e9"}  -> id 7 (a number), text "Café"
 *   [1,2]                        -> error "line 3 is not a JSON object"
 */
#include <simdjson.h>

#include <cstring>
#include <new>
#include <string>
#include <string_view>

extern "C" {
#include "bytes.h"
#include "decode.h"
#include "render.h"
#include "utf8.h"
}

struct nm__decoder {
    simdjson::dom::parser parser;
    bool bigints; /* the current line is being read from a copy without big integers */
    nm__buf scratch; /* repaired line */
    nm__buf json;    /* re-escaped meta strings */
};

extern "C" nm__decoder *nm__decoder_create(void) {
    try {
        return new nm__decoder();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void nm__decoder_destroy(nm__decoder *d) {
    if (d == nullptr)
        return;
    nm__buf_free(&d->scratch);
    nm__buf_free(&d->json);
    delete d;
}

namespace {

/* string_views, so the per-key compares below take no strlen; meta_index relies on the four
 * lengths differing */
constexpr std::string_view meta_names[NM__META_COUNT] = {"title", "date", "url", "source"};
static_assert(meta_names[NM__META_TITLE].size() == 5 && meta_names[NM__META_DATE].size() == 4 &&
                  meta_names[NM__META_URL].size() == 3 && meta_names[NM__META_SOURCE].size() == 6,
              "meta_index picks a name by its length");

/* a == b without a memcmp call (string_view's == calls it for every key of equal length) */
inline bool same(std::string_view a, std::string_view b) {
    return a.size() == b.size() && nm__bytes_eq(a.data(), b.data(), a.size());
}

/* The NM__META_* index of a meta key ("title" 0), or -1: its length picks the one name to
 * compare, instead of comparing it with all four. */
int meta_index(std::string_view key) {
    int m;
    switch (key.size()) {
    case 5: m = NM__META_TITLE; break;
    case 4: m = NM__META_DATE; break;
    case 3: m = NM__META_URL; break;
    case 6: m = NM__META_SOURCE; break;
    default: return -1;
    }
    return same(key, meta_names[m]) ? m : -1;
}

/* Copies bytes into the record arena. */
int keep(nm_record *rec, std::string_view s, nm_str *out) {
    char *p = nm__arena_strndup(&rec->arena, s.data(), s.size());
    if (p == nullptr)
        return NM_ERR_NOMEM;
    *out = nm_str{p, s.size()};
    return NM_OK;
}

const char *type_name(simdjson::dom::element_type t) {
    using simdjson::dom::element_type;
    switch (t) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
    case element_type::STRING: return "a string";
    }
    return "not a string";
}


/* The end of the JSON value that starts at p[j] (a string, an array or object with all it
 * holds, or a number or literal). */
size_t value_end(const char *p, size_t len, size_t j) {
    int depth = 0;
    do {
        char c = p[j];
        if (c == '"') {
            for (j++; j < len && p[j] != '"'; j++)
                if (p[j] == '\\')
                    j++;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            depth--;
        } else if (depth == 0) {
            while (j < len && !strchr(",}] \t\r\n", p[j]))
                j++;
            return j;
        }
        j++;
    } while (j < len && depth > 0);
    return j < len ? j : len;
}

/* The raw bytes of the first number value of top-level key `key` in a valid JSON object line,
 * for number ids "kept as given" (the DOM keeps only the parsed value: 1.10 would print as 1.1);
 * with any, of the first value of any kind (an array or object as written, not minified).
 * Keys are compared as written, so an escaped key falls back to the parsed value. */
bool raw_member(const char *p, size_t len, const char *key, std::string_view *out,
                bool any = false) {
    size_t klen = strlen(key);
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '"') {
            size_t start = ++i;
            while (i < len && p[i] != '"')
                i += p[i] == '\\' ? 2 : 1;
            if (i >= len)
                return false;
            if (depth != 1 || i - start != klen || memcmp(p + start, key, klen) != 0)
                continue;
            size_t j = i + 1;
            while (j < len && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n'))
                j++;
            if (j >= len || p[j] != ':')
                continue; /* a string value equal to the key, not the key */
            j++;
            while (j < len && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n'))
                j++;
            if (j >= len || (!any && p[j] != '-' && (p[j] < '0' || p[j] > '9')))
                continue; /* not a number ({"id":null,"id":7}): the DOM read a later key */
            size_t e = value_end(p, len, j);
            *out = std::string_view(p + j, e - j);
            return e > j;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
    }
    return false;
}

/* The end of the fraction and exponent of the JSON number whose integer digits p[d, e) are,
 * in *end; returns whether its value is beyond a double (1e400, 1.8e308 with a margin: any
 * whose decimal exponent, as d.ddd x 10^x, is 308 or more), which simdjson 3.0 refuses. */
bool beyond_double(const char *p, size_t len, size_t d, size_t e, size_t *end) {
    while (d < e && p[d] == '0') /* leading zeros: none in JSON but "0" itself */
        d++;
    long long mag = d < e ? (long long)(e - d) - 1 : -1;
    if (e < len && p[e] == '.') {
        e++;
        size_t f = e;
        while (e < len && p[e] >= '0' && p[e] <= '9')
            e++;
        if (mag < 0) { /* 0.000ddd: the zeros after the point lower the magnitude */
            size_t z = f;
            while (z < e && p[z] == '0')
                z++;
            mag = -(long long)(z - f) - 1;
        }
    }
    long long x = 0;
    if (e < len && (p[e] == 'e' || p[e] == 'E')) {
        e++;
        bool neg = e < len && p[e] == '-';
        if (e < len && (p[e] == '-' || p[e] == '+'))
            e++;
        while (e < len && p[e] >= '0' && p[e] <= '9') {
            if (x < 1000000000)
                x = x * 10 + (p[e] - '0');
            e++;
        }
        x = neg ? -x : x;
    }
    *end = e;
    return mag + x >= 308;
}

/* Copies line into out with every integer of 20 or more digits (beyond what simdjson 3.0
 * accepts) and every number beyond a double (beyond_double) replaced by 0 and spaces of the
 * same length, so the rest of the record can still be read; the raw id is then taken from the
 * original line. */
void neutralise_bigints(const char *p, size_t len, nm__buf *out) {
    memcpy(out->ptr, p, len);
    out->len = len;
    char *q = out->ptr;
    for (size_t i = 0; i < len; i++) {
        if (q[i] == '"') {
            for (i++; i < len && q[i] != '"'; i++)
                if (q[i] == '\\')
                    i++;
            continue;
        }
        if (q[i] != '-' && (q[i] < '0' || q[i] > '9'))
            continue;
        size_t d = i + (q[i] == '-'), e = d;
        while (e < len && q[e] >= '0' && q[e] <= '9')
            e++;
        bool integer = e >= len || !strchr(".eE", q[e]);
        size_t f = e;
        if (integer ? e - i >= 20 : beyond_double(q, len, d, e, &f)) {
            q[i] = '0';
            memset(q + i + 1, ' ', f - i - 1);
        }
        while (e < len && !strchr(",}] \t\r\n", q[e]))
            e++;
        i = e - 1;
    }
}

/* The value of the four hex digits at p, or -1 when one is not hex. */
int hex4(const char *p) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        int h = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f'
                                                    ? (c | 0x20) - 'a' + 10
                                                    : -1;
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/*
 * Rewrites, in place, every \uXXXX escape inside a JSON string of p[0, len) that is half of a
 * surrogate pair without its other half (\ud800 alone, or \udc00 first) as \ufffd, the same six
 * bytes long: simdjson refuses the whole line for one. A pair (\ud83d\ude00) stays. Returns how
 * many were rewritten; *first is the byte of the first.
 */
size_t repair_lone_surrogates(char *p, size_t len, size_t *first) {
    size_t n = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '"') {
            in_string = !in_string;
            continue;
        }
        if (!in_string || p[i] != '\\')
            continue;
        if (i + 6 > len || p[i + 1] != 'u') {
            i++; /* a one-character escape (\" \\ ...) */
            continue;
        }
        int v = hex4(p + i + 2);
        if (v >= 0xD800 && v <= 0xDBFF && i + 12 <= len && p[i + 6] == '\\' &&
            p[i + 7] == 'u') {
            int lo = hex4(p + i + 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                i += 11; /* a whole pair */
                continue;
            }
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            if (n++ == 0)
                *first = i;
            memcpy(p + i + 2, "fffd", 4);
        }
        i += 5;
    }
    return n;
}

int decode(nm__decoder *d, nm_record *rec, const nm_options *opts) {
    using namespace simdjson;
    const char *text_field = opts->text_field ? opts->text_field : "text";
    const char *id_field = opts->id_field ? opts->id_field : "id";
    const std::string_view text_key(text_field), id_key(id_field);
    unsigned long long line = rec->line_no;
    dom::element doc;
    auto err = d->parser.parse(rec->raw.ptr, rec->raw.len, false).get(doc);
    if (err == UTF8_ERROR && !rec->text_repaired) {
        size_t at = nm__utf8_check(rec->raw.ptr, rec->raw.len);
        d->scratch.len = 0;
        if (nm__utf8_repair(rec->raw.ptr, rec->raw.len, &d->scratch) != NM_OK ||
            nm__buf_reserve(&d->scratch, NM__INPUT_PADDING) != NM_OK)
            return NM_ERR_NOMEM;
        memset(d->scratch.ptr + d->scratch.len, 0, NM__INPUT_PADDING);
        nm__buf tmp = rec->raw;
        rec->raw = d->scratch;
        d->scratch = tmp;
        rec->text_repaired = 1;
        int rc = decode(d, rec, opts);
        if (rc != NM_OK || opts->invalid_utf8 == NM_UTF8_REPLACE)
            return rc;
        /* Rejected: the repaired copy was parsed only to learn the record's id. */
        rec->text_repaired = 0;
        return nm__record_fail(rec, "invalid UTF-8 at byte %zu of line %llu", at, line);
    }
    size_t lone_at = 0, lone = 0;
    if ((err == STRING_ERROR || err == NUMBER_ERROR) && !d->bigints &&
        (lone = repair_lone_surrogates(rec->raw.ptr, rec->raw.len, &lone_at)) > 0) {
        /* Read the line with each lone surrogate escape as U+FFFD: the text with --invalid-utf8
         * replace (carried in the record, as repaired UTF-8 is), else only the id, for the
         * error record below. The line keeps its length: no offset into it moves. */
        rec->text_repaired = opts->invalid_utf8 == NM_UTF8_REPLACE;
        err = d->parser.parse(rec->raw.ptr, rec->raw.len, false).get(doc);
    }
    if (err == NUMBER_ERROR && !d->bigints) {
        /* An integer beyond 64 bits is valid JSON: read the record from a copy without it. */
        d->scratch.len = 0;
        if (nm__buf_reserve(&d->scratch, rec->raw.len + NM__INPUT_PADDING) != NM_OK)
            return NM_ERR_NOMEM;
        neutralise_bigints(rec->raw.ptr, rec->raw.len, &d->scratch);
        memset(d->scratch.ptr + d->scratch.len, 0, NM__INPUT_PADDING);
        d->bigints = true;
        err = d->parser.parse(d->scratch.ptr, d->scratch.len, false).get(doc);
    }
    if (err == MEMALLOC) {
        /* simdjson 3.0 can be left half-allocated after a failed allocation: start afresh. */
        d->parser = simdjson::dom::parser{};
        return NM_ERR_NOMEM;
    }
    if (err)
        return nm__record_fail(rec, "line %llu is not valid JSON (%s)", line, error_message(err));
    dom::object obj;
    if (doc.get_object().get(obj))
        return nm__record_fail(rec, "line %llu is not a JSON object but %s", line,
                               type_name(doc.type()));

    bool have_text = false, have_id = false, have_meta[NM__META_COUNT] = {};
    const char *text_problem = nullptr;
    for (dom::key_value_pair kv : obj) {
        std::string_view key = kv.key;
        dom::element v = kv.value;
        if (!have_text && same(key, text_key)) {
            have_text = true;
            std::string_view s;
            if (v.get_string().get(s)) {
                text_problem = type_name(v.type());
                continue;
            }
            if (s.size() > opts->max_doc_bytes)
                return nm__record_fail(rec, "document of %zu bytes exceeds --max-doc-bytes %zu",
                                       s.size(), opts->max_doc_bytes);
            if (keep(rec, s, &rec->text) != NM_OK)
                return NM_ERR_NOMEM;
            continue;
        }
        if (!have_id && same(key, id_key)) {
            std::string_view s;
            if (!v.get_string().get(s)) {
                if (keep(rec, s, &rec->id) != NM_OK)
                    return NM_ERR_NOMEM;
                rec->id_is_string = 1;
                have_id = true;
            } else if (v.is_number()) {
                std::string_view raw;
                std::string num;
                if (!raw_member(rec->raw.ptr, rec->raw.len, id_field, &raw)) {
                    num = simdjson::minify(v);
                    raw = num;
                }
                if (keep(rec, raw, &rec->id) != NM_OK)
                    return NM_ERR_NOMEM;
                rec->id_is_string = 0;
                have_id = true;
            }
            continue;
        }
        int m = meta_index(key);
        if (m < 0 || have_meta[m])
            continue;
        have_meta[m] = true;
        std::string_view s;
        if (!v.get_string().get(s)) {
            if (keep(rec, s, &rec->meta[m]) != NM_OK)
                return NM_ERR_NOMEM;
            d->json.len = 0;
            if (nm__json_put_str(&d->json, s.data(), s.size()) != NM_OK ||
                keep(rec, std::string_view(d->json.ptr, d->json.len), &rec->meta_raw[m]) != NM_OK)
                return NM_ERR_NOMEM;
        } else {
            std::string j = simdjson::minify(v), mj;
            std::string_view raw = j;
            /* read from the copy without big numbers (d->bigints), v may be or hold one of
             * those 0s: the value as written instead, minified */
            bool nested = v.is_array() || v.is_object();
            if (d->bigints && (v.is_number() || nested)) {
                std::string_view w;
                size_t n = 0;
                if (!raw_member(rec->raw.ptr, rec->raw.len, meta_names[m].data(), &w, true) ||
                    (nested && w[0] != (v.is_array() ? '[' : '{')) ||
                    (!nested && w[0] != '-' && (w[0] < '0' || w[0] > '9'))) {
                    w = std::string_view();
                } else if (nested) {
                    mj.resize(w.size());
                    if (simdjson::minify(w.data(), w.size(), &mj[0], n) == simdjson::SUCCESS)
                        mj.resize(n), w = mj;
                    else
                        w = std::string_view();
                }
                if (!w.empty())
                    raw = w;
            }
            if (keep(rec, raw, &rec->meta_raw[m]) != NM_OK)
                return NM_ERR_NOMEM;
        }
    }
    rec->title = rec->meta[NM__META_TITLE];
    rec->date = rec->meta[NM__META_DATE];
    if (lone > 0 && opts->invalid_utf8 != NM_UTF8_REPLACE)
        return nm__record_fail(rec, "unpaired UTF-16 surrogate escape at byte %zu of line %llu",
                               lone_at, line);
    if (!have_text)
        return nm__record_fail(rec, "missing text field \"%s\" on line %llu", text_field, line);
    if (text_problem)
        return nm__record_fail(rec, "text field \"%s\" is %s on line %llu", text_field,
                               text_problem, line);
    return NM_OK;
}

} // namespace

extern "C" int nm__decode_json(nm__decoder *d, nm_record *rec, const nm_options *opts) {
    int rc;
    d->bigints = false;
    try {
        rc = decode(d, rec, opts);
    } catch (const std::bad_alloc &) {
        d->parser = simdjson::dom::parser{};
        rc = NM_ERR_NOMEM;
    } catch (...) {
        rc = nm__record_fail(rec, "line %llu could not be decoded",
                             (unsigned long long)rec->line_no);
    }
    if (rec->raw.len > NM__RECORD_KEEP_BYTES) {
        /* A long line: give back the parser's buffers, about 14 bytes per byte of the line
         * (its tape, structural indexes and strings), which it kept for every later line, and
         * the line itself, whose text and fields are in the arena now. They were held through
         * the record's stages: of a 2 MB document's 152 MB peak heap, 28 MB + 2 MB. */
        d->parser = simdjson::dom::parser{};
        nm__buf_free(&rec->raw);
    }
    if (d->scratch.cap > NM__RECORD_KEEP_BYTES) /* a long line repaired or without big numbers */
        nm__buf_free(&d->scratch);
    if (rec->id.len == 0 && rec->id_is_string == 0) {
        /* No usable id: name the record by its place in the input, "<source>:<line>". */
        char *id = nm__arena_printf(&rec->arena, "%s:%llu", rec->source ? rec->source : "-",
                                    (unsigned long long)rec->line_no);
        if (id != nullptr) {
            rec->id = nm_str{id, strlen(id)};
            rec->id_is_string = 1;
        } else {
            rc = NM_ERR_NOMEM;
        }
    }
    return rc;
}
