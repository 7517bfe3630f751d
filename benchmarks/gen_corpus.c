/*
 * gen_corpus.c — deterministic generator of news-like jsonl for size-scaling benchmarks.
 *
 *   gen_corpus [--mb N | --bytes N | --docs N] [--seed S] [-o FILE]     (default 10 MB, seed 1)
 *
 * Sentences come from the templates below, filled from the embedded lexicons (first names,
 * countries, places, nationalities, organisations, titles, currencies): money in many shapes
 * ("$1.2bn", "EUR 40 million", "2.3 mln dlrs", "between £2 and £3 billion", "1 000 000 ¥" with
 * a no-break space), percents, dates, Reuters-style earnings tables, and some non-ASCII (places
 * with diacritics, “curly quotes”, €, a French or Russian sentence). Lengths range from one line
 * to ~40 KB (median ~1.2 KB). One line per document:
 *   {"id":"gen-7","title":"...","date":"2026-03-04","url":"...","source":"...","text":"..."}
 * The same seed, size and lexicons give the same bytes, and a smaller run of a seed is a prefix
 * of a larger one. Defining NM_GEN_CORPUS_NO_MAIN turns this file into an includable generator
 * (tests/test_gen_corpus.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "data.h"
#include "newsmine/error.h"
#include "render.h"

typedef struct gen_span {
    const char *p;
    size_t n;
} gen_span;

typedef struct gen_list {
    gen_span *v;
    size_t n, cap;
} gen_list;

enum {
    GL_FIRST,
    GL_TITLE,
    GL_ORG,
    GL_COUNTRY,
    GL_PLACE,
    GL_NORP,
    GL_REGION,
    GL_CUR_CODE,
    GL_CUR_SYM,
    GL_CUR_NAME,
    GL_PLACE_ASCII,
    GL_COUNT
};

typedef struct gen {
    uint64_t rng;
    uint64_t doc_no;
    gen_list list[GL_COUNT];
    nm__buf text, title; /* scratch for the document being built */
} gen;

/* splitmix64: tiny, fast, and the same everywhere. */
static uint64_t gen_next(gen *g) {
    uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t gen_pick(gen *g, size_t n) { return n ? (size_t)(gen_next(g) % n) : 0; }

/* 1 with probability pct/100. */
static int gen_chance(gen *g, unsigned pct) { return gen_pick(g, 100) < pct; }

static int list_add(gen_list *l, const char *p, size_t n) {
    if (l->n == l->cap && nm__vec_reserve((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v) != 0)
        return NM_ERR_NOMEM;
    l->v[l->n++] = (gen_span){p, n};
    return NM_OK;
}

/* How load_tsv selects rows. */
enum { SEL_TYPE, SEL_CANON, SEL_CURRENCY };

/* Adds column 1 of each row of the embedded TSV name that matches: SEL_TYPE: column 2 equals
 * type; SEL_CANON: that, and column 3 is empty (canonical names, not aliases); SEL_CURRENCY
 * (currencies.tsv: key, iso, flags): column 3 equals type and column 2 (the ISO code) is set. */
static int load_tsv(gen_list *l, const char *name, const char *type, int sel) {
    size_t len;
    const char *d = nm__data_get(name, &len);
    if (d == NULL)
        return NM_ERR_INVALID;
    const char *end = d + len;
    while (d < end) {
        const char *nl = memchr(d, '\n', (size_t)(end - d));
        if (nl == NULL)
            nl = end;
        const char *t1 = memchr(d, '\t', (size_t)(nl - d));
        if (*d != '#' && t1 != NULL && t1 > d) {
            const char *c2 = t1 + 1;
            const char *t2 = memchr(c2, '\t', (size_t)(nl - c2));
            const char *c2e = t2 ? t2 : nl;
            const char *c3 = t2 ? t2 + 1 : nl;
            const char *t3 = memchr(c3, '\t', (size_t)(nl - c3));
            const char *c3e = t3 ? t3 : nl;
            size_t tl = strlen(type);
            int ok = sel == SEL_CURRENCY
                         ? (size_t)(c3e - c3) == tl && memcmp(c3, type, tl) == 0 && c2e > c2
                         : (size_t)(c2e - c2) == tl && memcmp(c2, type, tl) == 0 &&
                               (sel != SEL_CANON || c3e == c3);
            if (ok && list_add(l, d, (size_t)(t1 - d)) != NM_OK)
                return NM_ERR_NOMEM;
        }
        d = nl + 1;
    }
    return l->n ? NM_OK : NM_ERR_INVALID;
}

static void gen_free(gen *g) {
    for (int i = 0; i < GL_COUNT; i++)
        free(g->list[i].v);
    nm__buf_free(&g->text);
    nm__buf_free(&g->title);
    memset(g, 0, sizeof *g);
}

/** Loads the lexicons and seeds the generator. NM_OK, NM_ERR_NOMEM or NM_ERR_INVALID (a
 *  lexicon is missing from the build). Caller frees with gen_free(). */
static int gen_init(gen *g, uint64_t seed) {
    memset(g, 0, sizeof *g);
    g->rng = seed;
    int rc = NM_OK;
    if ((rc = load_tsv(&g->list[GL_FIRST], "lexicons/first_names.tsv", "PERSON", SEL_TYPE)) ||
        (rc = load_tsv(&g->list[GL_TITLE], "lexicons/cues.tsv", "TITLE", SEL_TYPE)) ||
        (rc = load_tsv(&g->list[GL_ORG], "lexicons/orgs.tsv", "ORG", SEL_CANON)) ||
        (rc = load_tsv(&g->list[GL_COUNTRY], "lexicons/countries.tsv", "GPE", SEL_CANON)) ||
        (rc = load_tsv(&g->list[GL_PLACE], "lexicons/places.tsv", "GPE", SEL_CANON)) ||
        (rc = load_tsv(&g->list[GL_NORP], "lexicons/nationalities.tsv", "NORP", SEL_CANON)) ||
        (rc = load_tsv(&g->list[GL_REGION], "lexicons/regions.tsv", "LOC", SEL_CANON)) ||
        (rc = load_tsv(&g->list[GL_CUR_CODE], "lexicons/currencies.tsv", "C", SEL_CURRENCY)) ||
        (rc = load_tsv(&g->list[GL_CUR_SYM], "lexicons/currencies.tsv", "S", SEL_CURRENCY)) ||
        (rc = load_tsv(&g->list[GL_CUR_NAME], "lexicons/currencies.tsv", "N", SEL_CURRENCY))) {
        gen_free(g);
        return rc;
    }
    /* Most place names in English news are plain ASCII: keep those apart so diacritics stay
     * a minority ("some non-ASCII"), as on a wire. */
    const gen_list *pl = &g->list[GL_PLACE];
    for (size_t i = 0; i < pl->n && rc == NM_OK; i++) {
        size_t k = 0;
        while (k < pl->v[i].n && (unsigned char)pl->v[i].p[k] < 0x80)
            k++;
        if (k == pl->v[i].n)
            rc = list_add(&g->list[GL_PLACE_ASCII], pl->v[i].p, pl->v[i].n);
    }
    if (rc != NM_OK)
        gen_free(g);
    return rc;
}

/* Built-in word lists: the lexicons have no surnames, companies or verbs. */
static const char *const SURNAMES[] = {
    "Smith",     "Johnson",  "Brown",    "Tanaka",   "Schmidt",  "Müller",   "García",
    "Sánchez",   "Rossi",    "Dubois",   "Nguyễn",   "Kowalski", "O'Brien",  "Okafor",
    "Haddad",    "Ivanov",   "Zelensky", "Chen",     "Patel",    "Yamamoto", "Jensen",
    "Andersson", "Novák",    "Öztürk",   "Silva",    "Kim",      "Mbeki",    "Fischer",
    "Lefèvre",   "Svensson", "Walker",   "Thompson", "Gómez",    "Nakamura", "Weber"};
static const char *const CO_SUFFIX[] = {"Corp", "Inc", "Group", "Holdings",   "Bancorp", "AG", "SA",
                                        "plc",  "Ltd", "Co",    "Industries", "Partners"};
static const char *const CO_STEM[] = {
    "Acme",     "Northwind", "Globex",     "Initech",         "Vandelay",
    "Stark",    "Wayne",     "Tyrell",     "Umbrella",        "Cyberdyne",
    "Soylent",  "Hooli",     "Pied Piper", "Massive Dynamic", "Oceanic",
    "Aperture", "Nakatomi",  "Gringotts",  "Blue Sun",        "Zorg",
    "Weyland",  "Monarch",   "Bluth",      "Dunder Mifflin"};
static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
static const char *const WEEKDAYS[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
static const char *const SCALES[] = {"million", "billion",  "mln",   "bln",     "m",
                                     "bn",      "trillion", "crore", "thousand"};
static const char *const QUALIFIERS[] = {"about ",    "more than ", "nearly ", "up to ",
                                         "at least ", "some ",      "around ", "less than "};
static const char *const SOURCES[] = {"Reuters",     "AP",      "AFP", "Bloomberg", "Le Monde",
                                      "Der Spiegel", "El País", "NHK", "The Hindu", "Xinhua"};
static const char *const COMMODITIES[] = {"cocoa",       "coffee", "sugar", "wheat",
                                          "crude oil",   "copper", "gold",  "soybeans",
                                          "natural gas", "cotton"};

/* Sentence templates. Slots: {P} person, {S} surname, {T} title, {O} organisation,
 * {C} company, {G} country, {L} place, {N} nationality, {R} region, {M} money, {Q} qualified
 * money, {X} money range, {%} percent, {D} date, {W} weekday, {Y} year, {#} number,
 * {K} quantity, {c} commodity. */
static const char *const SENTENCES[] = {
    "{P}, {T} of {G}, said on {W} that the government would spend {M} on roads in {L}.",
    "{C} said its net profit rose {%} to {M} in the quarter ended {D}, against {M} a year earlier.",
    "Shares of {C} fell {#} cents to {M} in early trading.",
    "{N} officials expect growth of {%} this year, up from {%} in {Y}.",
    "The {O} approved a loan of {Q} to {G} to support its currency.",
    "\u201cWe are not going to change course,\u201d {T} {S} told reporters in {L}.",
    "Analysts said the outlook for {c} remained uncertain after the weather in {R}.",
    "{C} agreed to buy {C} for {X}, the companies said in a joint statement.",
    "Exports of {c} from {G} reached {K} in {D}, worth {M}.",
    "The central bank of {G} left its benchmark rate unchanged at {%} on {W}.",
    "{P} of {C} said the company would cut {#} jobs over the next {#} years.",
    "Inflation in {G} slowed to {%} in {D}, the statistics office in {L} said.",
    "The {O} and {G} signed an agreement worth {Q} to build a port near {L}.",
    "Arrivals for the week ended {D} were {#} bags of {K}, making a cumulative total of {#}.",
    "{T} {P} arrived in {L} on {W} for talks with {N} and {N} leaders.",
    "The deal values {C} at {M}, or {M} a share, a premium of {%}.",
    "Tax receipts fell short by {Q} \u2014 the widest gap since {Y}.",
    "{C} raised its dividend to {M} from {M} and said revenue would exceed {M}.",
    "It was not immediately clear whether {S} would attend the meeting in {L}.",
    "The government of {G} said on {D} that reconstruction would cost {X}.",
    "Police in {L} said {#} people had been injured; {#} were still in hospital.",
    "Trading volume on the exchange in {L} was {K}, compared with {K} on {W}.",
    "{P} said the {O} had not been consulted before the decision.",
    "The fund manager, who oversees {Q}, said {N} bonds looked cheap at {%}.",
    "A spokesman for {C} declined to comment on the {M} claim filed in {L}.",
    "Prices of {c} in {R} rose to {M} a tonne, the highest since {D}.",
};

/* Sentences in other scripts and languages: a few per cent of paragraphs. */
static const char *const FOREIGN[] = {
    "\u00ab Nous allons continuer \u00e0 n\u00e9gocier \u00bb, a d\u00e9clar\u00e9 le ministre "
    "fran\u00e7ais des Finances.",
    "Die Bundesbank erkl\u00e4rte, dass die Wirtschaft im n\u00e4chsten Jahr wachsen werde.",
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b, "
    "\u0447\u0442\u043e \u0431\u044e\u0434\u0436\u0435\u0442 \u0432\u044b\u0440\u0430\u0441"
    "\u0442\u0435\u0442 \u043d\u0430 5%.",
    "\u6771\u4eac\u682a\u5f0f\u5e02\u5834\u306f\u5c0f\u5e45\u4e0a\u6607\u3057\u305f\u3002",
    "El ministro espa\u00f1ol dijo que la inversi\u00f3n ser\u00e1 de 2.000 millones de "
    "euros.",
    "\u0391\u03b8\u03ae\u03bd\u03b1: \u03b7 \u03ba\u03c5\u03b2\u03ad\u03c1\u03bd\u03b7\u03c3"
    "\u03b7 \u03b1\u03bd\u03b1\u03ba\u03bf\u03af\u03bd\u03c9\u03c3\u03b5 \u03bd\u03ad\u03b1 "
    "\u03bc\u03ad\u03c4\u03c1\u03b1. \U0001F4C8",
};

static const char *const HEADLINES[] = {
    "{C} quarterly profit rises {%}",
    "{G} central bank holds rates at {%}",
    "{O} lends {G} {M}",
    "{P} to visit {L}",
    "{c} prices climb on {R} weather",
    "{C} to buy {C} for {M}",
};

#define GEN_N(a) (sizeof(a) / sizeof((a)[0]))

static int put(nm__buf *b, const char *s) { return nm__buf_puts(b, s); }
static int put_span(nm__buf *b, gen_span s) { return nm__buf_append(b, s.p, s.n); }
static int put_any(gen *g, nm__buf *b, const char *const *v, size_t n) {
    return put(b, v[gen_pick(g, n)]);
}
static int put_list(gen *g, nm__buf *b, int which) {
    const gen_list *l = &g->list[which];
    return put_span(b, l->v[gen_pick(g, l->n)]);
}

/* An unsigned integer, with thousands separators (",", or a no-break space) when sep. */
static int put_int(nm__buf *b, uint64_t v, const char *sep) {
    char digits[32], out[64];
    int n = snprintf(digits, sizeof digits, "%" PRIu64, v);
    size_t o = 0, seplen = sep ? strlen(sep) : 0;
    for (int i = 0; i < n; i++) {
        if (sep && i > 0 && (n - i) % 3 == 0) {
            memcpy(out + o, sep, seplen);
            o += seplen;
        }
        out[o++] = digits[i];
    }
    return nm__buf_append(b, out, o);
}

/* A number as news writes it: 5, 12.5, 155,221, 0.25, 1 000 000 (no-break spaces). */
static int put_number(gen *g, nm__buf *b, int small) {
    unsigned shape = (unsigned)gen_pick(g, 10);
    char tmp[32];
    if (small || shape < 4) {
        snprintf(tmp, sizeof tmp, "%u", (unsigned)(1 + gen_pick(g, small ? 99 : 999)));
        return put(b, tmp);
    }
    if (shape < 7) {
        snprintf(tmp, sizeof tmp, "%u.%u", (unsigned)(1 + gen_pick(g, 99)),
                 (unsigned)gen_pick(g, 100));
        return put(b, tmp);
    }
    if (shape < 9 || gen_chance(g, 70))
        return put_int(b, 1000 + gen_pick(g, 9999000), ",");
    return put_int(b, 1000 + gen_pick(g, 999000), "\u00a0");
}

static int put_currency_prefix(gen *g, nm__buf *b) {
    unsigned k = (unsigned)gen_pick(g, 100);
    if (k < 50)
        return put(b, "$");
    if (k < 60)
        return put(b, "\u20ac");
    if (k < 67)
        return put(b, "\u00a3");
    if (k < 71)
        return put(b, "\u00a5");
    if (k < 76)
        return put(b, "US$");
    if (k < 88) { /* "EUR 40 million": an ISO code, upper-cased, then a space */
        gen_span s = g->list[GL_CUR_CODE].v[gen_pick(g, g->list[GL_CUR_CODE].n)];
        char up[8];
        size_t n = s.n < sizeof up ? s.n : sizeof up;
        for (size_t i = 0; i < n; i++)
            up[i] = (char)(s.p[i] >= 'a' && s.p[i] <= 'z' ? s.p[i] - 32 : s.p[i]);
        int rc = nm__buf_append(b, up, n);
        return rc ? rc : put(b, " ");
    }
    int rc = put_list(g, b, GL_CUR_SYM);
    return rc ? rc : (gen_chance(g, 50) ? put(b, " ") : NM_OK);
}

/* One money mention in one of many shapes. */
static int put_money(gen *g, nm__buf *b) {
    unsigned shape = (unsigned)gen_pick(g, 100);
    int rc = NM_OK;
    if (shape < 55) { /* $5 million, €1.2bn, EUR 300,000 */
        if ((rc = put_currency_prefix(g, b)) || (rc = put_number(g, b, 0)))
            return rc;
        if (gen_chance(g, 60)) {
            const char *sc = SCALES[gen_pick(g, GEN_N(SCALES))];
            if (strcmp(sc, "m") != 0 && strcmp(sc, "bn") != 0)
                rc = put(b, " ");
            rc = rc ? rc : put(b, sc);
        }
        return rc;
    }
    if (shape < 70) { /* 2.3 mln dlrs, 1.5 billion euros, 300 rupees */
        if ((rc = put_number(g, b, 0)))
            return rc;
        if (gen_chance(g, 50) && ((rc = put(b, " ")) || (rc = put_any(g, b, SCALES, 3))))
            return rc;
        if ((rc = put(b, " ")))
            return rc;
        return gen_chance(g, 40) ? put(b, "dlrs") : put_list(g, b, GL_CUR_NAME);
    }
    if (shape < 78) { /* 12 cents */
        if ((rc = put_number(g, b, 1)))
            return rc;
        return put(b, gen_chance(g, 50) ? " cents" : " cts");
    }
    if (shape < 82) { /* 1 000 000 ¥ / 500 € (European order) */
        if ((rc = put_int(b, 100 + gen_pick(g, 9999900), "\u00a0")))
            return rc;
        return put(b, gen_chance(g, 50) ? "\u00a0\u20ac" : " \u00a5");
    }
    /* CHF 1.5 million, ¥120 billion */
    if ((rc = put(b, gen_chance(g, 50) ? "CHF " : "\u00a5")) || (rc = put_number(g, b, 1)))
        return rc;
    return put(b, " billion");
}

/* between $2 and $3 billion / $2-3 billion / 2 to 3 million dollars */
static int put_range(gen *g, nm__buf *b) {
    unsigned lo = (unsigned)(1 + gen_pick(g, 50)), hi = lo + 1 + (unsigned)gen_pick(g, 20);
    const char *sc = SCALES[gen_pick(g, 2)];
    char tmp[96];
    switch (gen_pick(g, 3)) {
    case 0:
        snprintf(tmp, sizeof tmp, "between $%u and $%u %s", lo, hi, sc);
        break;
    case 1:
        snprintf(tmp, sizeof tmp, "\u20ac%u-%u %s", lo, hi, sc);
        break;
    default:
        snprintf(tmp, sizeof tmp, "%u to %u %s dollars", lo, hi, sc);
        break;
    }
    return put(b, tmp);
}

static int put_person(gen *g, nm__buf *b) {
    int rc = put_list(g, b, GL_FIRST);
    if (rc == NM_OK && gen_chance(g, 10))
        rc = put(b, gen_chance(g, 50) ? " J." : " de la");
    return rc ? rc : (rc = put(b, " ")) ? rc : put_any(g, b, SURNAMES, GEN_N(SURNAMES));
}

static int put_company(gen *g, nm__buf *b) {
    int rc = gen_chance(g, 25) ? put_list(g, b, GL_PLACE) : put_any(g, b, CO_STEM, GEN_N(CO_STEM));
    return rc ? rc : (rc = put(b, " ")) ? rc : put_any(g, b, CO_SUFFIX, GEN_N(CO_SUFFIX));
}

static int put_date(gen *g, nm__buf *b) {
    char tmp[48];
    const char *m = MONTHS[gen_pick(g, 12)];
    unsigned d = (unsigned)(1 + gen_pick(g, 28)), y = (unsigned)(1985 + gen_pick(g, 41));
    switch (gen_pick(g, 4)) {
    case 0:
        snprintf(tmp, sizeof tmp, "%s %u", m, d);
        break;
    case 1:
        snprintf(tmp, sizeof tmp, "%s %u, %u", m, d, y);
        break;
    case 2:
        snprintf(tmp, sizeof tmp, "%u %s %u", d, m, y);
        break;
    default:
        snprintf(tmp, sizeof tmp, "%u-%02u-%02u", y, (unsigned)(1 + gen_pick(g, 12)), d);
    }
    return put(b, tmp);
}

/* Expands one template into b. */
static int expand(gen *g, nm__buf *b, const char *t) {
    int rc = NM_OK;
    char tmp[48];
    while (*t && rc == NM_OK) {
        const char *open = strchr(t, '{');
        if (open == NULL || open[1] == '\0' || open[2] != '}') {
            rc = put(b, t);
            break;
        }
        if ((rc = nm__buf_append(b, t, (size_t)(open - t))))
            break;
        switch (open[1]) {
        case 'P':
            rc = put_person(g, b);
            break;
        case 'S':
            rc = put_any(g, b, SURNAMES, GEN_N(SURNAMES));
            break;
        case 'T':
            rc = put_list(g, b, GL_TITLE);
            break;
        case 'O':
            rc = put_list(g, b, GL_ORG);
            break;
        case 'C':
            rc = put_company(g, b);
            break;
        case 'G':
            rc = put_list(g, b, GL_COUNTRY);
            break;
        case 'L':
            rc = put_list(g, b, gen_chance(g, 85) ? GL_PLACE_ASCII : GL_PLACE);
            break;
        case 'N':
            rc = put_list(g, b, GL_NORP);
            break;
        case 'R':
            rc = put_list(g, b, GL_REGION);
            break;
        case 'M':
            rc = put_money(g, b);
            break;
        case 'Q':
            rc = put_any(g, b, QUALIFIERS, GEN_N(QUALIFIERS));
            rc = rc ? rc : put_money(g, b);
            break;
        case 'X':
            rc = put_range(g, b);
            break;
        case '%':
            snprintf(tmp, sizeof tmp, "%u.%u%s", (unsigned)gen_pick(g, 20),
                     (unsigned)gen_pick(g, 10),
                     gen_chance(g, 40)   ? "%"
                     : gen_chance(g, 50) ? " pct"
                                         : " percent");
            rc = put(b, tmp);
            break;
        case 'D':
            rc = put_date(g, b);
            break;
        case 'W':
            rc = put_any(g, b, WEEKDAYS, GEN_N(WEEKDAYS));
            break;
        case 'Y':
            snprintf(tmp, sizeof tmp, "%u", (unsigned)(1985 + gen_pick(g, 41)));
            rc = put(b, tmp);
            break;
        case '#':
            rc = put_number(g, b, gen_chance(g, 50));
            break;
        case 'K':
            rc = put_number(g, b, 0);
            rc = rc ? rc
                    : put(b, gen_chance(g, 50)   ? " tonnes"
                             : gen_chance(g, 50) ? " kilos"
                                                 : " km");
            break;
        case 'c':
            rc = put_any(g, b, COMMODITIES, GEN_N(COMMODITIES));
            break;
        default:
            rc = nm__buf_append(b, open, 3);
            break;
        }
        t = open + 3;
    }
    return rc;
}

/* A Reuters-style earnings table ("Shr 34 cts vs 1.19 dlrs"). */
static int put_table(gen *g, nm__buf *b) {
    static const char *const rows[] = {"Shr", "Net", "Revs", "Avg shrs", "Nine mths"};
    char tmp[96];
    int rc = NM_OK;
    for (size_t i = 0; i < GEN_N(rows) && rc == NM_OK; i++) {
        snprintf(tmp, sizeof tmp, "    %s %u%s vs %u%s\n", rows[i], (unsigned)gen_pick(g, 9999),
                 i == 0   ? " cts"
                 : i == 2 ? " mln"
                          : ",000",
                 (unsigned)gen_pick(g, 9999),
                 i == 0   ? " cts"
                 : i == 2 ? " mln"
                          : ",000");
        rc = put(b, tmp);
    }
    return rc;
}

/* Number of sentences: mostly news-length, some one-liners and some very long reports. */
static size_t doc_sentences(gen *g) {
    unsigned k = (unsigned)gen_pick(g, 100);
    if (k < 20)
        return 1 + gen_pick(g, 3);
    if (k < 75)
        return 4 + gen_pick(g, 12);
    if (k < 96)
        return 16 + gen_pick(g, 45);
    return 80 + gen_pick(g, 300);
}

/** Appends one document as a jsonl line (with newline) to out. NM_OK or NM_ERR_NOMEM. */
static int gen_doc(gen *g, nm__buf *out) {
    int rc = NM_OK;
    uint64_t no = g->doc_no++;
    g->text.len = 0;
    g->title.len = 0;
    if ((rc = expand(g, &g->title, HEADLINES[gen_pick(g, GEN_N(HEADLINES))])))
        return rc;
    if (gen_chance(g, 30)) /* Reuters titles are upper case (ASCII only, like the wire) */
        for (size_t i = 0; i < g->title.len; i++)
            if (g->title.ptr[i] >= 'a' && g->title.ptr[i] <= 'z')
                g->title.ptr[i] = (char)(g->title.ptr[i] - 32);
    nm__buf *t = &g->text;
    if (gen_chance(g, 60)) { /* dateline */
        rc = put_list(g, t, gen_chance(g, 85) ? GL_PLACE_ASCII : GL_PLACE);
        rc = rc ? rc : put(t, ", ");
        rc = rc ? rc : put_date(g, t);
        rc = rc ? rc : put(t, gen_chance(g, 75) ? " - " : " (Reuters) \u2013 ");
    }
    size_t n = doc_sentences(g);
    for (size_t i = 0; i < n && rc == NM_OK; i++) {
        if (i > 0)
            rc = put(t, gen_chance(g, 20) ? (gen_chance(g, 50) ? "\n    " : "\n\n") : " ");
        if (rc == NM_OK && gen_chance(g, 1))
            rc = put_any(g, t, FOREIGN, GEN_N(FOREIGN));
        else if (rc == NM_OK && gen_chance(g, 2))
            rc = put_table(g, t);
        else if (rc == NM_OK)
            rc = expand(g, t, SENTENCES[gen_pick(g, GEN_N(SENTENCES))]);
    }
    if (rc)
        return rc;
    char tmp[160];
    if (gen_chance(g, 5))
        snprintf(tmp, sizeof tmp, "{\"id\":%" PRIu64 ",\"title\":", no + 1);
    else
        snprintf(tmp, sizeof tmp, "{\"id\":\"gen-%" PRIu64 "\",\"title\":", no + 1);
    if ((rc = put(out, tmp)) || (rc = nm__json_put_str(out, g->title.ptr, g->title.len)))
        return rc;
    snprintf(tmp, sizeof tmp,
             ",\"date\":\"%u-%02u-%02u\",\"url\":\"https://news.example/%" PRIu64
             "\",\"source\":\"%s\",\"text\":",
             (unsigned)(1987 + gen_pick(g, 39)), (unsigned)(1 + gen_pick(g, 12)),
             (unsigned)(1 + gen_pick(g, 28)), no + 1, SOURCES[gen_pick(g, GEN_N(SOURCES))]);
    if ((rc = put(out, tmp)) || (rc = nm__json_put_str(out, t->ptr, t->len)))
        return rc;
    return put(out, "}\n");
}

/**
 * Parses the count of --mb (scale 1000000), --bytes or --docs (scale 1): decimal digits only,
 * stored times scale in *out. 0, or -1 (no digits, a sign or other characters, or a product
 * beyond 2^64 - 1, which strtoull alone would wrap or take as a huge count).
 */
static inline int gen_parse_count(const char *v, unsigned long long scale,
                                  unsigned long long *out) {
    if (v[0] < '0' || v[0] > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (errno != 0 || *end != '\0' || (scale > 0 && x > ULLONG_MAX / scale))
        return -1;
    *out = x * scale;
    return 0;
}

#ifndef NM_GEN_CORPUS_NO_MAIN
static int usage(void) {
    fputs("usage: gen_corpus [--mb N | --bytes N | --docs N] [--seed S] [-o FILE]\n"
          "  writes deterministic news-like jsonl (default 10 MB, seed 1, stdout)\n",
          stderr);
    return 2;
}

int main(int argc, char **argv) {
    unsigned long long bytes = 10ull * 1000 * 1000, docs = 0, seed = 1;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL)
            return usage();
        char *end;
        errno = 0;
        unsigned long long x = strtoull(v, &end, 10);
        int num_ok = errno == 0 && *end == '\0' && end != v;
        if (strcmp(a, "--mb") == 0 && gen_parse_count(v, 1000 * 1000, &bytes) == 0)
            docs = 0;
        else if (strcmp(a, "--bytes") == 0 && gen_parse_count(v, 1, &bytes) == 0)
            docs = 0;
        else if (strcmp(a, "--docs") == 0 && gen_parse_count(v, 1, &docs) == 0)
            bytes = 0;
        else if (strcmp(a, "--seed") == 0 && num_ok)
            seed = x;
        else if (strcmp(a, "-o") == 0)
            path = v;
        else
            return usage();
        i++;
    }
    FILE *f = path ? fopen(path, "wb") : stdout;
    if (f == NULL) {
        fprintf(stderr, "gen_corpus: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    gen g;
    if (gen_init(&g, seed) != NM_OK) {
        fputs("gen_corpus: cannot load the embedded lexicons\n", stderr);
        return 1;
    }
    nm__buf out = {0};
    unsigned long long written = 0, n = 0;
    int rc = NM_OK;
    while (rc == NM_OK && (docs ? n < docs : written < bytes)) {
        rc = gen_doc(&g, &out);
        n++;
        if (rc == NM_OK &&
            (out.len >= (1u << 20) || (docs ? n == docs : written + out.len >= bytes))) {
            if (fwrite(out.ptr, 1, out.len, f) != out.len)
                rc = NM_ERR_IO;
            written += out.len;
            out.len = 0;
        }
    }
    if (rc == NM_OK && out.len && fwrite(out.ptr, 1, out.len, f) != out.len)
        rc = NM_ERR_IO;
    if ((path ? fclose(f) : fflush(f)) != 0)
        rc = NM_ERR_IO;
    nm__buf_free(&out);
    gen_free(&g);
    if (rc != NM_OK) {
        fprintf(stderr, "gen_corpus: %s\n", rc == NM_ERR_NOMEM ? "out of memory" : "write failed");
        return 1;
    }
    return 0;
}
#endif
