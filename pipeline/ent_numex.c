/*
 * ent_numex.c — numeric entities of the entities stage: DATE, TIME, PERCENT, QUANTITY, ORDINAL,
 * CARDINAL. Cheap token tests trigger each rule; clock times, numeric dates, percent words and
 * units are then read by PCRE2 JIT patterns (regex.h) anchored at the trigger token's byte
 * offset (never a scan over the text), and a match counts only if it ends on a token boundary.
 *   "Thursday, September 4, 2025" => DATE "2025-09-04"   "from 2024 to 2027" => DATE "2024/2027"
 *   "12/06/1996", "06.12.1996" => DATE "1996-12-06"      "1987/88" => DATE "1987/1988"
 *   "the past three years", "yesterday" => DATE (resolved against the record's date if it has one)
 *   "10:30 a.m. GMT", "1430 GMT" => TIME      "3.5%", "5 percent", "25 basis points" => PERCENT
 *   "40 km", "140 km/h", "a 40-km road" => QUANTITY "40 km"...     "fourth", "4th" => ORDINAL "4"
 *   "1 million" => CARDINAL "1000000"
 * Numbers are parsed exactly with number.h (shared with the money stage) and printed with
 * nm_decimal_format. Tokens inside money spans are never used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_date.h"
#include "ent_internal.h"
#include "number.h"
#include "regex.h"

typedef struct numex_ctx {
    nm__ent_state *st;
    const nm__ent_shared *sh;
    nm_record *rec;
    const nm_token *tok;
    size_t n;
    int doc_y, doc_m, doc_d; /* the record's date, 0 when unknown */
    /* number_at's last answer, valid for one position of the main loop (the rules tried at a
       position ask for the same number more than once) */
    size_t memo_i, memo_used;
    nm_decimal memo_v;
    /* st->wid and sh->numex, one load each for in_list (the rules' most frequent question) */
    const uint16_t *wid;
    const nm__numex_words *nw;
} numex_ctx;

/* Writes v (0 <= v < 10^w) as w zero-padded digits at p; returns p + w. snprintf's "%0wd" for
   the norms, without its format parsing. */
static char *put_digits(char *p, int v, int w) {
    for (int k = w - 1; k >= 0; k--) {
        p[k] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + w;
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" (m, d 0 = absent) or "YYYY/YYYY" (y2 != 0) into buf. */
static void put_date(char *buf, int y, int m, int d, int y2) {
    char *p = put_digits(buf, y, 4);
    if (y2) {
        *p++ = '/';
        p = put_digits(p, y2, 4);
    } else if (m) {
        *p++ = '-';
        p = put_digits(p, m, 2);
        if (d) {
            *p++ = '-';
            p = put_digits(p, d, 2);
        }
    }
    *p = 0;
}

/* "YYYY-MM-DD" (snprintf's "%04d-%02d-%02d") into buf (>= 11 bytes when 0 <= y <= 9999, else
   cap bytes); m and d are a valid month and day. Returns the length written. */
static size_t put_ymd(char *buf, size_t cap, int y, int m, int d) {
    if (y < 0 || y > 9999)
        return (size_t)snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    put_date(buf, y, m, d, 0);
    return 10;
}

/* v >= 0 in decimal (snprintf's "%d") at p; returns the end. */
static char *put_uint(char *p, int v) {
    int w = 1;
    for (int x = v; x >= 10; x /= 10)
        w++;
    return put_digits(p, v, w);
}

/* The months of quarter q (1-4) of year y, "1987-01/1987-03", into buf (>= 16 bytes); span 6
   for a half (q 1-2): "1987-01/1987-06". */
static void put_quarter(char *buf, int y, int q, int span) {
    put_date(buf, y, span * (q - 1) + 1, 0, 0);
    buf[7] = '/';
    put_date(buf + 8, y, span * q, 0, 0);
}

static const char *const MONTHS[] = {"january", "february", "march",     "april",   "may",
                                     "june",    "july",     "august",    "september", "october",
                                     "november", "december"};
static const char *const MONTHS_ABBR[] = {"jan.", "feb.", "mar.", "apr.", "may.", "jun.", "jul.",
                                          "aug.", "sep.", "oct.", "nov.", "dec.", "sept.", "jan",
                                          "feb", "aug", "sept", "oct", "nov", "dec"};
static const int MONTHS_ABBR_NUM[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9, 1, 2, 8, 9, 10, 11, 12};
static const char *const WEEKDAYS[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const DATE_PREPS[] = {"in", "since", "by", "until", "till", "from", "before",
                                         "after", "during", "of", "early", "late", "mid", "between",
                                         "through", "to", "on", "around", "circa", "and", "or"};
static const char *const REL_WORDS[] = {"past", "last", "next", "previous", "coming", "following",
                                        "this", "recent", "current", "same", "that"};
static const char *const UNITS_DATE[] = {"year", "years", "month", "months", "week", "weeks",
                                         "day", "days", "decade", "decades", "weekend",
                                         "quarter", "quarters", "century", "centuries", "summer",
                                         "winter", "spring", "autumn", "season", "fortnight"};
static const char *const TIME_SUFFIX[] = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m"};
static const char *const TIME_ZONES[] = {"gmt", "utc", "est", "edt", "et", "cet", "cest", "bst",
                                         "pst", "pdt", "cst", "cdt", "jst", "ist", "msk", "mst",
                                         "mdt", "eet", "eest", "wet", "aest", "aedt", "hkt", "sgt"};
static const char *const TIME_DAYPART[] = {"morning", "afternoon", "evening", "night"};
/* Percent words and unit words are triggers: the patterns decide the form */
static const char *const PERCENT_WORDS[] = {"percent", "pct", "per-cent", "per", "percentage",
                                            "basis", "bp", "bps", "pc"};
static const char *const QUANTITY_UNITS[] = {
    "km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "meters",
    "metres", "meter", "metre", "cm", "mm", "feet", "foot", "ft", "inches", "inch", "yards",
    "kg", "kgs", "kilograms", "kilogram", "kilos", "grams", "gram", "tons", "tonnes", "ton",
    "tonne", "pounds", "lbs", "lb", "ounces", "oz", "barrels", "barrel", "bpd", "liters",
    "litres", "liter", "litre", "gallons", "gallon", "acres", "acre", "hectares", "hectare",
    "degrees", "mph", "km/h", "kph", "knots", "megawatts", "megawatt", "mw", "gigawatts", "gw",
    "kilowatts", "kw", "kwh", "mwh", "gwh", "twh", "bcm", "mcm", "cubic", "square", "sq",
    "centimeters", "centimetres", "centimeter", "centimetre", "millimeters", "millimetres",
    "millimeter", "millimetre", "yard", "kilo", "bbl", "bbls", "degree", "gigawatt", "kilowatt",
    "terawatt", "terawatts", "bcf", "tcf", "light-year", "light-years", "ounce"};
static const char *const ORDINAL_WORDS[] = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth"};
static const char *const VAGUE_CARDINALS[] = {"hundreds", "thousands", "millions", "billions",
                                              "dozens", "tens"};
/* Single words the rules test for, by position (W_* below). */
static const char *const MISC[] = {"s",     "to",   "-",     "through", "and",   "until",
                                   "\xe2\x80\x93", "the", "ago", "last", "previous", "next",
                                   "this", "noon", "midnight", "tonight", "local", "time",
                                   "per",  "cent", "square", "cubic", "sq", "one", "a", "an", "of"};
enum { W_S = 1, W_TO, W_DASH, W_THROUGH, W_AND, W_UNTIL, W_NDASH, W_THE, W_AGO, W_LAST,
       W_PREVIOUS, W_NEXT, W_THIS, W_NOON, W_MIDNIGHT, W_TONIGHT, W_LOCAL, W_TIME, W_PER, W_CENT,
       W_SQUARE, W_CUBIC, W_SQ, W_ONE, W_A, W_AN, W_OF };

/* The word lists, by list number; a token's word id indexes idx[list] for its 1-based position. */
static const char *const CONNECTORS[] = {"de", "du", "da", "del", "der", "van", "von", "bin", "ibn",
                                         "al", "el", "la", "le", "di", "dos", "das", "bint"};
static const char *const PLACE_PREPS[] = {"in", "at", "from", "near", "to", "across", "outside",
                                          "inside", "into", "throughout", "toward", "towards"};
static const char *const SPEECH[] = {"said", "says", "told", "added", "stated", "wrote", "argued",
                                     "noted", "explained", "announced", "insisted"};
static const char *const OF[] = {"of"};

static const char *const NUMWORDS[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "dozen", "a", "an", "half", "quarter", "nil"};

/* Company-form suffixes (entities.c's company_suffix decides; this list only pre-selects). */
static const char *const COMPANY_SUFFIXES[] = {
    "ag", "ab", "aps", "asa", "bhd", "bv", "b.v.", "corp", "corp.", "co", "co.", "cos", "gmbh",
    "group", "holdings", "inc", "inc.", "kk", "limited", "ltd", "ltd.", "llc", "lp", "l.p.", "nv",
    "n.v.",
    "oy", "oyj", "plc", "pte", "pty", "sa", "s.a.", "spa"};

enum { L_MONTHS, L_MONTHS_ABBR, L_WEEKDAYS, L_DATE_PREPS, L_REL, L_UNITS_DATE, L_TIME_SUFFIX,
       L_TIME_ZONES, L_DAYPART, L_PERCENT, L_QUNITS, L_ORDINALS, L_VAGUE, L_DAYS, L_MISC, L_NUMWORDS, L_CONNECTORS, L_PLACE_PREPS, L_SPEECH, L_OF,
       L_COMPANY, L_COUNT };
static const char *const DAYS[] = {"yesterday", "today", "tomorrow"};
#define LIST(a) {(a), sizeof(a) / sizeof((a)[0])}
static const struct {
    const char *const *w;
    size_t n;
} LISTS[L_COUNT] = {LIST(MONTHS),        LIST(MONTHS_ABBR),  LIST(WEEKDAYS),       LIST(DATE_PREPS),
                    LIST(REL_WORDS),     LIST(UNITS_DATE),   LIST(TIME_SUFFIX),    LIST(TIME_ZONES),
                    LIST(TIME_DAYPART),  LIST(PERCENT_WORDS), LIST(QUANTITY_UNITS), LIST(ORDINAL_WORDS),
                    LIST(VAGUE_CARDINALS), LIST(DAYS),       LIST(MISC),
                    LIST(NUMWORDS),      LIST(CONNECTORS),    LIST(PLACE_PREPS),
                    LIST(SPEECH),        LIST(OF),            LIST(COMPANY_SUFFIXES)};

/*
 * The patterns (compiled anchored, UTF, JIT). Each runs only at a token a rule picked: RE_TIME at
 * a TIME token or a number before am/pm or a zone word, RE_NUMDATE at a DATE token, RE_PERCENT and
 * RE_UNIT at the token after a number, RE_YEARSPAN at a year before '-' or '/', RE_DURATION at a
 * hyphenated word or a number before an attached '-'. Zones are upper case only ("ET", not "et").
 */
/* One space or line break of any kind: without UCP, PCRE2's \s is ASCII only, and a NBSP or
   thin space ("20\u00a0percentage points", "5\u202fkm") would end a match */
#define WS "[\\h\\v]"
#define AMPM "(?i:[ap]\\.m\\.|[ap]\\.m\\b|[ap]m\\b)"
#define ZONE_CODE                                                                                  \
    "(?:GMT|UTC|EST|EDT|ET|CET|CEST|BST|PST|PDT|CST|CDT|MST|MDT|JST|IST|MSK|EET|EEST|WET|AEST|"    \
    "AEDT|HKT|SGT)\\b"
#define ZONE                                                                                       \
    "(?:" ZONE_CODE "(?:" WS "?[+-]" WS "?\\d{1,2}(?::?\\d\\d)?(?![\\d:]))?|\\(" ZONE_CODE "\\)|"  \
    "(?i:local|eastern|pacific|central|mountain|moscow|beijing|tokyo|london|paris|washington|"    \
    "new" WS "+york|greenwich" WS "+mean)" WS "+(?i:time)\\b)"
#define UNIT                                                                                       \
    "(?:km/h|km/hr|kph|mph|kilomet(?:er|re)s?|kms?|miles?|met(?:er|re)s?|"                    \
    "centimet(?:er|re)s?|millimet(?:er|re)s?|cm|mm|feet|foot|ft|inch(?:es)?|yards?|"              \
    "kilo(?:gram)?s?|kgs?|grams?|tons?|tonnes?|pounds?|lbs?|ounces?|oz|barrels?|bbls?|bpd|"       \
    "lit(?:er|re)s?|gallons?|acres?|hectares?|"                                                   \
    "degrees?(?:" WS "+(?:Celsius|Fahrenheit|[CF]\\b(?!\\.)))?|knots|"                           \
    "(?:kilo|mega|giga|tera)watt(?:s|-hours?)?|(?i:[kmgt]wh)|kW|KW|MW|GW|kw|mw|gw|bcm|mcm|bcf|tcf|" \
    "light-years?)\\b"
enum { RE_TIME, RE_NUMDATE, RE_PERCENT, RE_UNIT, RE_YEARSPAN, RE_DURATION, RE_COUNT };
static const char *const PATTERNS[RE_COUNT] = {
    /* "10:30", "10:30:15 p.m. GMT", "8:30 a.m. Eastern time", "10am", "1430 GMT", "(0930 GMT)",
       "10.30 GMT" */
    "(?:[01]?\\d|2[0-4])(?::[0-5]\\d){1,2}(?:" WS "?" AMPM ")?(?:" WS "+" ZONE ")?"
    "|(?:0?[1-9]|1[0-2])" WS "?" AMPM "(?:" WS "+" ZONE ")?"
    "|(?:[01]\\d|2[0-3])[0-5]\\d" WS "+(?:" ZONE_CODE "|local" WS "+time\\b)"
    /* "10.30 GMT", "7.45pm" (British style: only with am/pm or a zone, not "10.30" alone) */
    "|(?:[01]?\\d|2[0-3])\\.[0-5]\\d(?:" WS "?" AMPM "(?:" WS "+" ZONE ")?|" WS "+" ZONE ")",
    /* ISO (1 y, 2 m, 3 d, 4 time), US m/d/y or d/m/y (5, 6, 7 y), y/m/d (8, 9, 10), d.m.y (11,
       12, 13) */
    "(\\d{4})-(\\d\\d)-(\\d\\d)(T[0-9:.]+(?:Z|[+-]\\d\\d(?::?\\d\\d)?)?)?"
    "|(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d\\d)"
    "|(\\d{4})/(\\d{1,2})/(\\d{1,2})"
    "|(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})",
    /* "%", "percent", "per cent" (wrapped: "per\r\ncent" too), "pct", "pc" (lower case only:
       not "5 PC"); 1: percentage points; 2: basis points */
    "%|(?:(?i:per(?:\\r\\n|" WS ")?cent|per-cent|pct)|pc)\\b"
    "|(?i:(percentage" WS "+points?)|(basis" WS "+points?|bps?))\\b",
    /* "km", "-km" (a 40-km road), "square miles", "sq m" ("m" only after sq, square, cubic:
       the look-behind, not a second copy of UNIT to compile), "km/h", "barrels/day"; 1: the
       unit. A rate in words stays out, as OntoNotes marks it: "2 million barrels" a day */
    "(?:-(?=[a-zA-Z]))?((?:(?:square|sq|cubic)" WS "+)?(?:" UNIT "|m\\b(?<=[qec]" WS "m))"
    "(?:/(?:day|year|d|h|hr|s)\\b)?)",
    /* a season or fiscal year: "2009-10", "2009/10", "1998 \u2013 99"; 1: the first year, 2: the
       second's last two digits (the rule checks that it is the next year) */
    "(\\d{4})" WS "?(?:-|\\x{2013}|/)" WS "?(\\d\\d)\\b",
    /* a duration adjective: "three-day", "10-year", "twenty-five-year" (not "10-year-old") */
    "(?:\\d{1,4}|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?"
    "(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety|hundred))-(?:day|week|month|year|decade)(?![\\w-])",
};

enum { MAX_WORDS = 512 };

/* Token type classes of the token pass. */
enum { TC_OTHER, TC_WORD, TC_ABBREV, TC_OTHERWORD, TC_NUMERIC, TC_PUNCT, TC_COUNT };

enum { WORD_SLOTS = 4096 }; /* power of two, 8x the words: most absent words stop at the first slot */
/* The "may be listed" filter: one bit per value of a signature's top 15 bits (4 KB), under 2%
   of them set, so a word that is not listed seldom reaches the slots (the 13-bit filter before
   let through many words that land on a listed word's first slot, each a walk along the
   slots and a mispredicted branch). */
enum { OCC_SHIFT = 17, OCC_WORDS = (1u << (32 - OCC_SHIFT)) / 64 };

/* Bits of a word id (nm__numex_words.wbits). */
enum { WB_STARTER = 1, /* can start a numeric entity */
       WB_COMPANY = 2, /* a company suffix ("corp", "inc.") */
       WB_IF_REL = 4,  /* "the": starts one only before a relative word ("the past ...") */
       WB_IF_NUM = 8,  /* "a", "an": start one only before a number word ("a dozen") or
                          (WB_IF_UNIT) a date unit ("a year ago") */
       WB_IF_NEXT = 16, /* "past", "that": only before a date unit or a number ("past year") */
       WB_IF_UNIT = 32, /* only before a date unit (not any number: "a 10 pct rise") */
       WB_IF = WB_IF_REL | WB_IF_NUM | WB_IF_NEXT | WB_IF_UNIT,
       WB_STARTS = WB_STARTER | WB_IF };

struct nm__numex_words {
    struct {
        uint32_t sig; /* the word's signature (nm__ent_sig32; never 0), checked before its
                         bytes: it holds every byte of a word of 1-3 bytes */
        uint16_t id;  /* 0 = empty */
        uint8_t tc;   /* NM__TC_NUMEX (WB_STARTS), NM__TC_SUFFIX (WB_COMPANY) of the word; the
                         token pass masks them by the token's shape */
        uint8_t cond; /* 1 for a conditional starter (WB_IF), which the token pass decides */
        uint64_t kv;  /* word_kv of the word: with the signature, every byte of a word of at
                         most 8 bytes */
    } slot[WORD_SLOTS];                   /* open addressing by signature: word -> id */
    uint64_t gate[OCC_WORDS];             /* bit sig >> OCC_SHIFT set for every listed word
                                             and (nm__numex_link_lexicon) where the lexicon's
                                             lower-case-name filter has sig's top 12 bits set:
                                             the token pass reads these 4 KB (cache-hot) for
                                             every word, the 64 KB of slots for the few it
                                             lets through */
    const char *word[MAX_WORDS + 1];      /* id -> word */
    uint8_t wlen[MAX_WORDS + 1];          /* id -> word length */
    uint8_t wbits[MAX_WORDS + 1];         /* id -> WB_* */
    uint8_t nexts[MAX_WORDS + 1];         /* id -> the WB_IF_* conditions it meets as the next
                                             word (WB_IF_REL: a relative word, WB_IF_NUM: a number
                                             word, WB_IF_NEXT and WB_IF_UNIT: a date unit) */
    uint8_t wclass[MAX_WORDS + 1];        /* id -> NM__WC_* (0 for id 0), nm__numex_word_classes */
    const nm__lex_entry *lexent[MAX_WORDS + 1]; /* id -> the lexicon's entry for the word, or
                                                   NULL (nm__numex_link_lexicon) */
    uint8_t tclass[256];                  /* token type -> TC_* (token_shape's classes) */
    uint32_t ftab[TC_COUNT << 11];        /* TC_* << 11 | flags & 0x7FF -> token_shape (the
                                             flag combinations that occur take a few lines) */
    nm__regex *re;                        /* PATTERNS, compiled */
    uint8_t idx[L_COUNT][MAX_WORDS + 1];  /* id -> 1-based position in each list, 0 = absent */
};

/* Bytes [0, 4) and [n - 4, n) of p[0..n) as one value, 0 when n < 4 (the signature holds all
   of such a word), without a branch on n. */
static inline uint64_t word_kv(const char *p, size_t n) {
    static const char zero[4] = {0, 0, 0, 0};
    uintptr_t all = -(uintptr_t)(n >= 4); /* masks, not ?: (compilers branch on that) */
    const char *q = (const char *)((uintptr_t)zero + (((uintptr_t)p - (uintptr_t)zero) & all));
    size_t off = (n - 4) & all;
    uint32_t lo, hi;
    memcpy(&lo, q, 4);
    memcpy(&hi, q + off, 4);
    return (uint64_t)lo | (uint64_t)hi << 32;
}

/* The slot a word of signature sg (nm__ent_sig32) starts at: the signature's top bits. */
static inline uint32_t word_slot0(uint32_t sg) { return sg >> 20; }

/* The slot of word p[0..n) (n >= 1, signature sg = nm__ent_sig32(p, n)) in the lists: the one
   holding it, or an empty one (id 0). One slot read for most absent words; no byte compare
   for a word of at most 3 bytes, whose signature says every byte. */
static inline uint32_t word_find(const nm__numex_words *nw, const char *p, size_t n, uint32_t sg) {
    for (uint32_t h = word_slot0(sg);; h = (h + 1) & (WORD_SLOTS - 1)) {
        if (nw->slot[h].sig == sg) {
            uint16_t id = nw->slot[h].id;
            if (n <= 3 || (nw->wlen[id] == n && (n < 8 ? nw->slot[h].kv == word_kv(p, n)
                                                       : nm__bytes_eq(nw->word[id], p, n))))
                return h;
        } else if (nw->slot[h].id == 0) {
            return h;
        }
    }
}

/* word_find out of line, for the token pass's rare second look (a word not in its first
   slot, or of 9+ bytes): inlined, its loop took the registers the common path keeps its
   pointers in. */
static NM__ENT_NOINLINE uint32_t word_find_far(const nm__numex_words *nw, const char *p, size_t n,
                                               uint32_t sg) {
    return word_find(nw, p, n, sg);
}

/* The id of word p[0..n) (n >= 1, signature sg) in the lists, or 0. */
static inline uint16_t word_id_sig(const nm__numex_words *nw, const char *p, size_t n, uint32_t sg) {
    return nw->slot[word_find(nw, p, n, sg)].id;
}

/* The id of word p[0..n) (n >= 1) in the lists, or 0. */
static inline uint16_t word_id(const nm__numex_words *nw, const char *p, size_t n) {
    return word_id_sig(nw, p, n, nm__ent_sig32(p, n));
}

/* Class bits of a token's flags NM_TF_CAP (1), ALLCAPS (2) and HAS_ALPHA (8), by flags & 15. */
static const uint8_t FLAG_CLS[16] = {
    0, NM__TC_CAP, 0, NM__TC_CAP,
    0, NM__TC_CAP, 0, NM__TC_CAP,
    NM__TC_ALPHA, NM__TC_ALPHA | NM__TC_CAP, NM__TC_ALPHA | NM__TC_ALLCAPS,
    NM__TC_ALPHA | NM__TC_ALLCAPS | NM__TC_CAP,
    NM__TC_ALPHA, NM__TC_ALPHA | NM__TC_CAP, NM__TC_ALPHA | NM__TC_ALLCAPS,
    NM__TC_ALPHA | NM__TC_ALLCAPS | NM__TC_CAP};

/* What the token pass does with a token by its type class (TC_*) and flags (token_shape):
   bits 0-7 are the class bits these alone give; LOOK says to look the key up in the word
   table, and LK_NUMEX, LK_SUFFIX which of the found word's bits (NUMEX, SUFFIX) to keep
   (bits 16-23: the mask itself); the FT_* bits say which of the lower-case word tests apply. */
enum { LK_NUMEX = (unsigned)NM__TC_NUMEX << 16, LK_SUFFIX = (unsigned)NM__TC_SUFFIX << 16,
       LOOK = 1u << 10,
       FT_STEM = 1u << 12,   /* a non-stop NM_TOK_WORD: the NM__TC_LOWERGAZ test */
       FT_AL = 1u << 13,     /* lower-case word with a hyphen: the "al-Qaida" test */
       FT_POSS = 1u << 14,   /* NM_TF_POSSESSIVE: the lower-name test reads the key's stem */
       FT_GATE = 1u << 8,    /* LOOK or FT_STEM: on the candidate list if its gate bit is set */
       FT_ALWAYS = 1u << 9 }; /* FT_POSS and FT_STEM: on the candidate list (its stem's own
                                 signature is tested there) */
static uint32_t token_shape(unsigned f, unsigned tc) {
    int capish = (f & (NM_TF_CAP | NM_TF_ALLCAPS)) != 0;
    unsigned sh = FLAG_CLS[f & 15];
    unsigned suffix = capish && (f & NM_TF_SPACE_BEFORE) ? LK_SUFFIX : 0;
    if (tc == TC_WORD || tc == TC_ABBREV || tc == TC_OTHERWORD) {
        if (f & NM_TF_HYPHEN)
            sh |= NM__TC_NUMEX;
        if (!(f & NM_TF_HAS_DIGIT))
            sh |= LOOK | LK_NUMEX | suffix;
        else if (tc == TC_WORD)
            sh |= NM__TC_NUMEX; /* "FY1987", "Q1": try_code_date */
    }
    if (tc == TC_WORD || tc == TC_ABBREV) {
        if (capish && (f & NM_TF_HAS_ALPHA))
            sh |= NM__TC_NAME;
        if (!capish && (f & NM_TF_HYPHEN))
            sh |= FT_AL;
    }
    if (tc == TC_WORD && !(f & NM_TF_STOP))
        sh |= FT_STEM | (capish ? 0 : NM__TC_LOWERW);
    if (tc == TC_NUMERIC)
        sh |= NM__TC_NUMEX;
    if (tc == TC_PUNCT && !(f & NM_TF_HAS_DIGIT))
        sh |= LOOK | suffix; /* "-", "--", "," for the rules (a key of 1-3 bytes) */
    if (f & NM_TF_POSSESSIVE)
        sh |= FT_POSS;
    if (sh & (LOOK | FT_STEM))
        sh |= FT_GATE;
    if ((sh & FT_POSS) && (sh & FT_STEM))
        sh |= FT_ALWAYS;
    return sh;
}

static int load_error(nm_error *err, int code, const char *msg) {
    if (err) {
        err->code = code;
        err->pos = UINT64_MAX;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return code;
}

int nm__numex_load(nm__numex_words **out, nm_error *err) {
    *out = NULL;
    nm__numex_words *nw = calloc(1, sizeof *nw);
    if (nw == NULL)
        return load_error(err, NM_ERR_NOMEM, "out of memory loading entity word lists");
    int rc = nm__regex_compile(&nw->re, PATTERNS, NULL, RE_COUNT, err);
    if (rc != NM_OK) {
        free(nw);
        return rc;
    }
    size_t next = 1;
    /* the speech verbs first: a word takes the first free slot from its signature's, so the
       words inserted first are the ones found in their first slot (no walk along the slots,
       no mispredicted branch), and "said" is the listed word news text has most after "the"
       and "of" (inserted after the units, it found "GW" in its slot) */
    for (int p = 0; p < L_COUNT; p++) {
        int l = p == 0 ? L_SPEECH : p <= L_SPEECH ? p - 1 : p;
        for (size_t k = 0; k < LISTS[l].n; k++) {
            const char *w = LISTS[l].w[k];
            size_t n = strlen(w);
            uint16_t id = word_id(nw, w, n);
            if (id == 0) {
                if (next > MAX_WORDS || 2 * next > WORD_SLOTS || n > 12) {
                    /* the tables are sized for the lists above; the token pass looks up
                       words of any length, so no listed word may be longer than 12 bytes
                       (the limit the rules had) */
                    nm__numex_unload(nw);
                    return load_error(err, NM_ERR_INTERNAL, "numeric word lists too long");
                }
                if (n > 3 && !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= '0' && w[0] <= '9'))) {
                    /* the token pass looks punctuation up at any length: its keys hold no
                       ASCII letter or digit, so they find only the short listed signs */
                    nm__numex_unload(nw);
                    return load_error(err, NM_ERR_INTERNAL, "numeric word list sign too long");
                }
                id = (uint16_t)next++;
                uint32_t h = word_find(nw, w, n, nm__ent_sig32(w, n));
                nw->slot[h].id = id;
                nw->slot[h].sig = nm__ent_sig32(w, n);
                nw->slot[h].kv = word_kv(w, n);
                nw->gate[nm__ent_sig32(w, n) >> (OCC_SHIFT + 6)] |=
                    1ull << ((nm__ent_sig32(w, n) >> OCC_SHIFT) & 63);
                nw->word[id] = w;
                nw->wlen[id] = (uint8_t)n;
            }
            if (nw->idx[l][id] == 0)
                nw->idx[l][id] = (uint8_t)(k + 1);
        }
    }
    static const int START_LISTS[] = {L_MONTHS, L_MONTHS_ABBR, L_WEEKDAYS, L_DAYS, L_REL,
                                      L_NUMWORDS, L_ORDINALS, L_VAGUE};
    for (size_t id = 1; id < next; id++) {
        int m = nw->idx[L_MISC][id], article = m == W_A || m == W_AN;
        int rel = nw->idx[L_REL][id] != 0, num = nw->idx[L_NUMWORDS][id] != 0, other = 0;
        for (size_t k = 0; k < sizeof START_LISTS / sizeof START_LISTS[0]; k++)
            if (nw->idx[START_LISTS[k]][id] && START_LISTS[k] != L_REL &&
                START_LISTS[k] != L_NUMWORDS)
                other = 1;
        other |= m == W_NOON || m == W_MIDNIGHT || m == W_TONIGHT || m == W_THIS || m == W_LAST;
        if (!other && !rel && !num && m != W_THE)
            ; /* starts nothing */
        else if (other || nw->idx[L_UNITS_DATE][id])
            nw->wbits[id] |= WB_STARTER;
        /* alone these start nothing (try_relative, number_at_parse): the numeric pass tries
           "the" only before a relative word, "a"/"an" only before a number word or a date
           unit ("a year ago"), a relative word only before a date unit or a number; any other
           list they were in would make them plain starters */
        else if (m == W_THE && !rel && !num)
            nw->wbits[id] |= WB_IF_REL;
        else if (article && num && !rel)
            nw->wbits[id] |= WB_IF_NUM | WB_IF_UNIT; /* "a dozen", "a year ago" */
        else if (rel && !num && m != W_THE && !article)
            nw->wbits[id] |= WB_IF_NEXT;
        else
            nw->wbits[id] |= WB_STARTER;
        if (nw->idx[L_COMPANY][id])
            nw->wbits[id] |= WB_COMPANY;
        nw->nexts[id] = (uint8_t)((nw->idx[L_REL][id] ? WB_IF_REL : 0) |
                                  (nw->idx[L_NUMWORDS][id] ? WB_IF_NUM : 0) |
                                  (nw->idx[L_UNITS_DATE][id] ? WB_IF_NEXT | WB_IF_UNIT : 0));
        nw->wclass[id] = (uint8_t)((nw->idx[L_CONNECTORS][id] ? NM__WC_CONNECTOR : 0) |
                                   (nw->idx[L_PLACE_PREPS][id] ? NM__WC_PLACE_PREP : 0) |
                                   (nw->idx[L_SPEECH][id] ? NM__WC_SPEECH : 0) |
                                   (nw->idx[L_OF][id] ? NM__WC_OF : 0));
    }
    for (size_t h = 0; h < WORD_SLOTS; h++) {
        unsigned wb = nw->wbits[nw->slot[h].id];
        nw->slot[h].tc = (uint8_t)(((wb & WB_STARTS) ? NM__TC_NUMEX : 0) |
                                   ((wb & WB_COMPANY) ? NM__TC_SUFFIX : 0));
        nw->slot[h].cond = (wb & WB_IF) != 0;
    }
    for (unsigned t = 0; t < 256; t++)
        nw->tclass[t] = (uint8_t)(t == NM_TOK_WORD      ? TC_WORD
                                  : t == NM_TOK_ABBREV  ? TC_ABBREV
                                  : NM_TOK_IS_WORD(t)   ? TC_OTHERWORD
                                  : NM_TOK_IS_NUMERIC(t) ? TC_NUMERIC
                                  : t == NM_TOK_PUNCT   ? TC_PUNCT
                                                        : TC_OTHER);
    for (unsigned x = 0; x < (TC_COUNT << 11); x++)
        nw->ftab[x] = token_shape(x & 0x7FF, x >> 11);
    *out = nw;
    return NM_OK;
}

void nm__numex_unload(nm__numex_words *nw) {
    if (nw == NULL)
        return;
    nm__regex_free(nw->re);
    free(nw);
}

/* The entry of token i's word in list l (0: not in it). By index: a token pointer's index is
   a division by the token size. */
static int in_list(const numex_ctx *c, size_t i, int l) { return c->nw->idx[l][c->wid[i]]; }
#define IN(i, L) in_list(c, (i), (L))
#define IS(i, W) (in_list(c, (i), L_MISC) == (W))


/* Is the "May" or "March" at i after "for", "its", "his", "her" or "their" and before a
   lower-case word that is no stop word ("for May delivery", "its March sales"; not "support for
   May and")? */
static NM__ENT_NOINLINE int month_det(const numex_ctx *c, size_t i) {
    const nm_token *pv = &c->tok[i - 1], *nx = i + 1 < c->n ? &c->tok[i + 1] : NULL;
    return nx && nx->type == NM_TOK_WORD &&
           !(nx->flags & (NM_TF_CAP | NM_TF_ALLCAPS | NM_TF_STOP)) &&
           (nm__ent_keyeq(pv, "for") || nm__ent_keyeq(pv, "its") || nm__ent_keyeq(pv, "his") ||
            nm__ent_keyeq(pv, "her") || nm__ent_keyeq(pv, "their"));
}

/* A month name (capitalised; "May"/"March" only next to a number or a date preposition). */
static int month_of(const numex_ctx *c, size_t i) {
    if (i >= c->n)
        return 0;
    const nm_token *t = &c->tok[i];
    if (!(t->flags & NM_TF_CAP) || c->st->mark[i] != NM__MARK_FREE)
        return 0;
    int m = IN(i, L_MONTHS);
    /* "June Soh", "April Glaspie": a month name before a capitalised word is a given name */
    if ((m == 4 || m == 5 || m == 6 || m == 8) && i + 1 < c->n &&
        (c->tok[i + 1].flags & NM_TF_CAP) &&
        NM_TOK_IS_WORD(c->tok[i + 1].type) && !IN(i + 1, L_MONTHS) &&
        !IN(i + 1, L_WEEKDAYS))
        return 0;
    if (m == 0) {
        int a = IN(i, L_MONTHS_ABBR);
        /* "Jan" without a period is a name unless a number follows */
        if (a > 13 && !(i + 1 < c->n && c->tok[i + 1].type == NM_TOK_NUMBER))
            return 0;
        return a ? MONTHS_ABBR_NUM[a - 1] : 0;
    }
    if (m == 3 || m == 5) {
        /* also "last March", "this May", "on 3 March." (a day before it); "the March
           elections" (not "the May government"); "for May delivery", "its May referendum" (a
           lower-case word after it; not "support for May and", "for May Day") */
        const nm_token *pv = i > 0 ? &c->tok[i - 1] : NULL;
        int ok = (i + 1 < c->n && (c->tok[i + 1].type == NM_TOK_NUMBER ||
                                   c->tok[i + 1].type == NM_TOK_ORDINAL)) ||
                 (pv && pv->type == NM_TOK_NUMBER && pv->end - pv->start <= 2) ||
                 (pv && pv->type == NM_TOK_ORDINAL && pv->end - pv->start <= 4) ||
                 (pv && (IN(i - 1, L_DATE_PREPS) || IS(i - 1, W_LAST) || IS(i - 1, W_NEXT) ||
                         IS(i - 1, W_THIS) || IS(i - 1, W_PREVIOUS))) ||
                 (pv && m == 3 && (IS(i - 1, W_THE) || (pv->flags & NM_TF_POSSESSIVE)) &&
                  i + 1 < c->n && !(c->tok[i + 1].flags & (NM_TF_CAP | NM_TF_ALLCAPS))) ||
                 (pv && month_det(c, i));
        if (!ok)
            return 0;
    }
    return m;
}

/* Is p[0, n) a numeral that nm_decimal_format prints back as it is: "15", "1500", "0", "3.5",
   "0.05" (digits, then maybe '.' and digits not ending in 0; no leading zero; 19 digits at
   most, all nm__number_parse reads exactly)? */
static int canon_numeral(const char *p, size_t n) {
    size_t k = nm__digits_run(p, n);
    if (k == 0 || k > 19 || (p[0] == '0' && k > 1))
        return 0;
    if (k == n)
        return 1;
    size_t f = n - k - 1; /* the digits after the '.' */
    return p[k] == '.' && f >= 1 && k + f <= 19 && nm__digits_run(p + k + 1, f) == f &&
           p[n - 1] != '0';
}

/* An unsigned integer token of at most maxd ASCII digits. */
static int int_tok(const numex_ctx *c, size_t i, size_t maxd, int *v) {
    if (i >= c->n || c->st->mark[i] != NM__MARK_FREE || c->tok[i].type != NM_TOK_NUMBER)
        return 0;
    const char *p = c->rec->text.ptr + c->tok[i].start;
    size_t len = c->tok[i].end - c->tok[i].start;
    if (len == 0 || len > maxd)
        return 0;
    int x = 0;
    for (size_t k = 0; k < len; k++) {
        if (p[k] < '0' || p[k] > '9')
            return 0;
        x = x * 10 + (p[k] - '0');
    }
    *v = x;
    return 1;
}

static int year_tok(const numex_ctx *c, size_t i, int *y) {
    int v;
    if (!int_tok(c, i, 4, &v) || c->tok[i].end - c->tok[i].start != 4 || v < 1000 || v > 2099)
        return 0;
    *y = v;
    return 1;
}

static int is_punct(const numex_ctx *c, size_t i, char ch) {
    return i < c->n && c->tok[i].end - c->tok[i].start == 1 &&
           c->rec->text.ptr[c->tok[i].start] == ch;
}

/* The year a two-digit year names ("'87", "FY87", "1Q87"): the one at most ten years after the
   record's date and less than ninety before it; without a record date 1950-2049 (as in
   numeric dates). */
static int full_year(const numex_ctx *c, int yy) {
    if (c->doc_y == 0)
        return yy + (yy < 50 ? 2000 : 1900);
    int y = c->doc_y - c->doc_y % 100 + yy;
    if (y > c->doc_y + 10)
        y -= 100;
    else if (y <= c->doc_y - 90)
        y += 100;
    return y;
}

/* Is token i an apostrophe, "'" or U+2019? */
static int is_apostrophe(const numex_ctx *c, size_t i) {
    const char *p = c->rec->text.ptr + c->tok[i].start;
    size_t n = c->tok[i].end - c->tok[i].start;
    return (n == 1 && p[0] == '\'') || (n == 3 && memcmp(p, "\xe2\x80\x99", 3) == 0);
}

/* Is token i an upper-case "FY" (fiscal year)? */
static int fy_tok(const numex_ctx *c, size_t i) {
    const char *p = c->rec->text.ptr + c->tok[i].start;
    return c->tok[i].end - c->tok[i].start == 2 && p[0] == 'F' && p[1] == 'Y';
}

/* Where a year written with two digits at token i (a free two-digit number) starts: i - 1 for
   "'87" or "\u201987" (an apostrophe touching it, not touching a word before, and no word,
   number or quote touching it after: not "'87'"), i after "FY" ("FY 87"); SIZE_MAX when it is
   no such year. */
static size_t short_year_start(const numex_ctx *c, size_t i) {
    const nm_token *tok = c->tok;
    if (i == 0 || c->st->mark[i - 1] != NM__MARK_FREE)
        return SIZE_MAX;
    if (fy_tok(c, i - 1) && (tok[i].flags & NM_TF_SPACE_BEFORE))
        return i;
    if ((tok[i].flags & NM_TF_SPACE_BEFORE) || !is_apostrophe(c, i - 1) ||
        !(i == 1 || (tok[i - 1].flags & NM_TF_SPACE_BEFORE) || is_punct(c, i - 2, '(')))
        return SIZE_MAX;
    if (i + 1 < c->n && !(tok[i + 1].flags & NM_TF_SPACE_BEFORE)) {
        const char *p = c->rec->text.ptr + tok[i + 1].start;
        if (tok[i + 1].end - tok[i + 1].start != 1 || memchr(",.;:)!?\"", p[0], 8) == NULL)
            return SIZE_MAX;
    }
    return i - 1;
}

/* "1Q87", "4Q 1986", "1Q": after the quarter number at i, an attached upper-case "Q" with a
   year of two attached digits or a year after it. The token after it, or 0; its year in *y
   (0: none). */
static size_t quarter_after_num(const numex_ctx *c, size_t i, int *y) {
    const nm_token *tok = c->tok;
    size_t k = i + 1;
    *y = 0;
    if (k >= c->n || c->st->mark[k] != NM__MARK_FREE || (tok[k].flags & NM_TF_SPACE_BEFORE) ||
        tok[k].type != NM_TOK_WORD)
        return 0;
    const char *p = c->rec->text.ptr + tok[k].start;
    size_t n = tok[k].end - tok[k].start;
    int yy;
    if (p[0] != 'Q' || (n != 1 && n != 3))
        return 0; /* (not "1H87": a half is read with its year only, try_code_date's "H1 1987") */
    if (n == 3) {
        if ((yy = nm__digits_at(p + 1, 2)) < 0)
            return 0;
        *y = full_year(c, yy);
    } else if (year_tok(c, k + 1, y)) {
        return k + 2;
    }
    return k + 1;
}

/* Adds a numeric entity over tokens [tb, te) with norm (NULL: the text). A norm that repeats
   the text ("15", "1990") is the text span; any other is copied into the record's arena. */
static int emit(numex_ctx *c, size_t tb, size_t te, int type, const char *norm) {
    nm_str ns = {c->rec->text.ptr + c->tok[tb].start, c->tok[te - 1].end - c->tok[tb].start};
    if (norm) {
        size_t nl = strlen(norm);
        if (nl != ns.len || memcmp(norm, ns.ptr, nl) != 0) {
            char *p = nm__arena_strndup(&c->rec->arena, norm, nl);
            if (p == NULL)
                return NM_ERR_NOMEM;
            ns = (nm_str){p, nl};
        }
    }
    return nm__ent_add(c->st, c->rec, tb, te, type, ns, 0, NM__SRC_NUMEX);
}

/*
 * Runs pattern k anchored at token i's first byte, with ng groups into ov. A match counts only
 * when it ends where a free token ends: *te is then the token after it and 1 is returned; 0 when
 * it does not match (or hit a match limit: skipped, counted in the worker), or a negative NM_ERR_*.
 */
enum { MATCH_WINDOW = 256 };

/* The token after a match of [tok[i].start, mend) into *te and 1, when mend is where a free
   token ends (the free tokens from i cover the match exactly); else 0. */
static int match_end(const numex_ctx *c, size_t i, size_t mend, size_t *te) {
    size_t j = i;
    while (j < c->n && c->tok[j].end <= mend && c->st->mark[j] == NM__MARK_FREE)
        j++;
    if (j == i || c->tok[j - 1].end != mend)
        return 0;
    *te = j;
    return 1;
}

static int match_at(numex_ctx *c, int k, size_t i, size_t *te, size_t *ov, size_t ng) {
    nm__ent_state *st = c->st;
    const nm__regex *re = c->sh->numex->re;
    if (st->rx == NULL) {
        int rc = nm__regex_worker_create(&st->rx, re, 0, 0);
        if (rc != NM_OK)
            return rc;
    }
    /* The subject ends MATCH_WINDOW bytes on (at a character start): no pattern reads further,
       and PCRE2's search for a required character must not walk the rest of a huge document at
       each trigger. A match cut by the window fails the token-boundary test below. */
    const char *text = c->rec->text.ptr;
    size_t len = c->rec->text.len, off = c->tok[i].start;
    if (len - off > MATCH_WINDOW) {
        len = off + MATCH_WINDOW;
        while (len > off && ((uint8_t)text[len] & 0xC0) == 0x80)
            len--;
    }
    int rc = nm__regex_match(st->rx, re, (size_t)k, text, len, off, ov, ng);
    if (rc == NM_ERR_LIMIT)
        return 0;
    if (rc <= 0)
        return rc;
    return match_end(c, i, ov[1], te);
}

/* Is the byte at text[at] (at <= the text's length) the end of the text or an ASCII byte
   that is no word character, so that a pattern's \b holds after a word character? */
static int ascii_break(const numex_ctx *c, size_t at) {
    if (at == c->rec->text.len)
        return 1;
    uint8_t b = (uint8_t)c->rec->text.ptr[at];
    int word = b == '_' || (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
    return b < 0x80 && !word;
}

/* Does text p[0, n) spell the lower-case ASCII word w (of length n) in any case? */
static int ascii_ieq(const char *p, const char *w, size_t n) {
    for (size_t k = 0; k < n; k++)
        if ((p[k] | 0x20) != w[k])
            return 0;
    return 1;
}

/*
 * match_at(c, RE_PERCENT, j, te, ov, 3), without PCRE2 for the usual one-token forms: "%", and
 * "pct" or "percent" in any case before a byte that is no word character. The pattern's first
 * alternatives match exactly that token there ("%", and "per\s?cent" or "pct" then \b), with
 * neither group set.
 */
static int percent_at(numex_ctx *c, size_t j, size_t *te, size_t *ov) {
    const nm_token *u = &c->tok[j];
    const char *p = c->rec->text.ptr + u->start;
    size_t n = u->end - u->start;
    if (!(n == 1 && p[0] == '%') &&
        !(((n == 3 && ascii_ieq(p, "pct", 3)) || (n == 7 && ascii_ieq(p, "percent", 7))) &&
          ascii_break(c, u->end)))
        return match_at(c, RE_PERCENT, j, te, ov, 3);
    ov[0] = u->start;
    ov[1] = u->end;
    ov[2] = ov[3] = ov[4] = ov[5] = SIZE_MAX;
    return match_end(c, j, ov[1], te);
}

static int span_int(const char *p, const size_t *ov, int g) {
    int v = 0;
    for (size_t k = ov[2 * g]; k < ov[2 * g + 1]; k++)
        v = v * 10 + (p[k] - '0');
    return v;
}

/*
 * A DATE token: "1996-12-06" (with an optional ISO time, kept), "12/06/1996" and "12/6/96" (US
 * month first unless the first number is over 12), "1996/12/06", "06.12.1996" (day first), all
 * with ISO norms; a date that does not exist ("02/30/1996") keeps its text.
 */
static int numeric_date(numex_ctx *c, size_t i, size_t *used) {
    size_t ov[2 * 14], te;
    char buf[64];
    const char *p = c->rec->text.ptr;
    const char *norm = NULL;
    *used = 1;
    int rc = match_at(c, RE_NUMDATE, i, &te, ov, 14);
    if (rc < 0)
        return rc;
    if (rc && te == i + 1) {
        int y = 0, m = 0, d = 0, ylen = 4;
        if (ov[2] != SIZE_MAX) {
            y = span_int(p, ov, 1), m = span_int(p, ov, 2), d = span_int(p, ov, 3);
        } else if (ov[10] != SIZE_MAX) {
            int a = span_int(p, ov, 5), b = span_int(p, ov, 6);
            y = span_int(p, ov, 7);
            ylen = (int)(ov[15] - ov[14]);
            m = a > 12 && b <= 12 ? b : a;
            d = a > 12 && b <= 12 ? a : b;
        } else if (ov[16] != SIZE_MAX) {
            y = span_int(p, ov, 8), m = span_int(p, ov, 9), d = span_int(p, ov, 10);
        } else {
            d = span_int(p, ov, 11), m = span_int(p, ov, 12), y = span_int(p, ov, 13);
        }
        if (ylen == 2)
            y += y < 50 ? 2000 : 1900;
        if (nm__valid_ymd(y, m, d)) {
            size_t tl = ov[8] != SIZE_MAX ? ov[9] - ov[8] : 0; /* ISO time part */
            size_t k = put_ymd(buf, sizeof buf, y, m, d);
            if (tl > 30)
                tl = 30;
            if (k + tl < sizeof buf) { /* always: k <= 10 for a valid date's four-digit year */
                if (tl) /* without a time part ov[8] is SIZE_MAX: p + ov[8] would overflow */
                    memcpy(buf + k, p + ov[8], tl);
                buf[k + tl] = 0;
            }
            norm = buf;
        }
    }
    return emit(c, i, i + 1, NM_ENT_DATE, norm);
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Day of the week of a day number from days_from_civil: 1 Monday .. 7 Sunday. */
static int weekday_of(long z) {
    long w = (z + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w) + 1;
}

/* The date a bare weekday names in a document dated (y, m, d): the nearest such day, up to three
 * days ahead or three back ("on Thursday" in a Tuesday story is two days later, "on Saturday"
 * three days earlier), as news use it; after "last"/"previous" (dir -1) the one 1-7 days back,
 * after "next" (dir 1) the one 1-7 days ahead. Writes YYYY-MM-DD into buf (>= 11 bytes). */
static void resolve_weekday(char *buf, int y, int m, int d, int weekday, int dir) {
    long z = days_from_civil(y, m, d);
    int diff = (weekday - weekday_of(z) + 7) % 7;
    if (dir < 0)
        diff -= 7; /* -7 .. -1 */
    else if (dir > 0)
        diff += diff == 0 ? 7 : 0; /* 1 .. 7 */
    else if (diff > 3)
        diff -= 7;
    int ry, rm, rd;
    civil_from_days(z + diff, &ry, &rm, &rd);
    put_date(buf, ry, rm, rd, 0);
}

/* The ISO 8601 week ("2025-W35") holding the day number z, into buf (>= 9 bytes). */
static void put_iso_week(char *buf, long z) {
    long thursday = z - weekday_of(z) + 4; /* the week belongs to the year of its Thursday */
    int ty, tm, td;
    civil_from_days(thursday, &ty, &tm, &td);
    long week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
    char *p = put_digits(buf, ty, 4);
    *p++ = '-';
    *p++ = 'W';
    p = put_digits(p, (int)week, 2);
    *p = '\0';
}

/* Is the year at token i (free) written as a decade with an apostrophe, "1990's" (tokens
   "1990", "'" or U+2019, "s", all touching), after "the", "early", "mid" or "late"? */
static int decade_apostrophe(const numex_ctx *c, size_t i) {
    const nm_token *tok = c->tok;
    return i > 0 && i + 2 < c->n && is_apostrophe(c, i + 1) && IS(i + 2, W_S) &&
           !(tok[i + 1].flags & NM_TF_SPACE_BEFORE) && !(tok[i + 2].flags & NM_TF_SPACE_BEFORE) &&
           c->st->mark[i + 1] == NM__MARK_FREE && c->st->mark[i + 2] == NM__MARK_FREE &&
           (IS(i - 1, W_THE) || nm__ent_keyeq(&tok[i - 1], "early") ||
            nm__ent_keyeq(&tok[i - 1], "mid") || nm__ent_keyeq(&tok[i - 1], "late"));
}

/* Is token i a decade with a period word: "mid-1980s", "early-90s", "late-2000s"? */
static int decade_word(const numex_ctx *c, size_t i) {
    const char *p = c->rec->text.ptr + c->tok[i].start;
    size_t n = c->tok[i].end - c->tok[i].start, k;
    if (n > 4 && (memcmp(p, "mid-", 4) == 0 || memcmp(p, "Mid-", 4) == 0))
        k = 4;
    else if (n > 6 && (memcmp(p, "early-", 6) == 0 || memcmp(p, "Early-", 6) == 0))
        k = 6;
    else if (n > 5 && (memcmp(p, "late-", 5) == 0 || memcmp(p, "Late-", 5) == 0))
        k = 5;
    else
        return 0;
    size_t digits = n - k - 1;
    if ((digits != 2 && digits != 4) || p[n - 1] != 's' || p[n - 2] != '0')
        return 0;
    for (size_t d = k; d < n - 1; d++)
        if (p[d] < '0' || p[d] > '9')
            return 0;
    return 1;
}

/* Is token i a month or year with a period word, "mid-March", "end-1986", "early-May",
   "late-2023" (any case)? Its month in *m (0 for a year) and its year in *y (0 for a month). */
static int period_word(const numex_ctx *c, size_t i, int *m, int *y) {
    const nm_token *t = &c->tok[i];
    const char *k = t->key.ptr;
    size_t n = t->key.len, pl = 0;
    if (t->type != NM_TOK_WORD || n < 7 || n > 15)
        return 0;
    if (memcmp(k, "mid-", 4) == 0 || memcmp(k, "end-", 4) == 0)
        pl = 4;
    else if (memcmp(k, "late-", 5) == 0)
        pl = 5;
    else if (memcmp(k, "early-", 6) == 0)
        pl = 6;
    else
        return 0;
    *y = n - pl == 4 ? nm__digits_at(k + pl, 4) : -1;
    *m = c->nw->idx[L_MONTHS][word_id(c->nw, k + pl, n - pl)];
    if (*y >= 1000 && *y <= 2099)
        return 1;
    *y = 0;
    return *m != 0;
}

/* The last day of a day range after day d of a month, at tokens j ("-" or an en dash touching
   both days, or "to", "through", "until") and j + 1 (a later day, 1-31, not a count before a
   unit or percent word: "May 5 to 8 pct"), or 0. */
static int day_range_end(const numex_ctx *c, size_t j, int d) {
    const nm_token *tok = c->tok;
    int d2;
    if (j + 1 >= c->n || c->st->mark[j] != NM__MARK_FREE || !int_tok(c, j + 1, 2, &d2) ||
        d2 <= d || d2 > 31 ||
        (j + 2 < c->n && (IN(j + 2, L_PERCENT) || IN(j + 2, L_QUNITS) || IN(j + 2, L_UNITS_DATE))))
        return 0;
    int dash = (IS(j, W_DASH) || IS(j, W_NDASH)) && !(tok[j].flags & NM_TF_SPACE_BEFORE) &&
               !(tok[j + 1].flags & NM_TF_SPACE_BEFORE);
    return dash || IS(j, W_TO) || IS(j, W_THROUGH) || IS(j, W_UNTIL) ? d2 : 0;
}

/* The day of month (1-31) a free ordinal token i writes in digits ("4th", "31st"), or 0. */
static int ordinal_day(const numex_ctx *c, size_t i) {
    if (i >= c->n || c->tok[i].type != NM_TOK_ORDINAL || c->st->mark[i] != NM__MARK_FREE)
        return 0;
    const char *p = c->rec->text.ptr + c->tok[i].start;
    int d = 0;
    /* stops past 31: a longer run ("444444044444st") would overflow d */
    for (size_t k = 0; k < c->tok[i].end - c->tok[i].start && p[k] >= '0' && p[k] <= '9' &&
                       d <= 31;
         k++)
        d = d * 10 + (p[k] - '0');
    return d >= 1 && d <= 31 ? d : 0;
}

/* Month/day/year dates, weekdays, years and year ranges. Returns tokens used (0: none). */
static int try_date(numex_ctx *c, size_t i, size_t *used) {
    const nm_token *tok = c->tok;
    size_t j = i, ys = i, qe;
    int wd = 0, m = 0, d = 0, d2 = 0, y = 0;
    char buf[64];
    *used = 0;
    /* decades: "mid-1980s", "early-90s" (one hyphenated token) */
    if (tok[j].type == NM_TOK_WORD && (tok[j].flags & NM_TF_HYPHEN) && decade_word(c, j)) {
        *used = 1;
        return emit(c, i, i + 1, NM_ENT_DATE, NULL);
    }
    /* "end-1986" (norm 1986), "mid-March" (its text), "mid-April 1987" (1987-04) */
    if ((tok[j].flags & NM_TF_HYPHEN) && period_word(c, j, &m, &y)) {
        *used = 1 + (m != 0 && year_tok(c, j + 1, &y));
        put_date(buf, y, m, 0, 0);
        return emit(c, i, i + *used, NM_ENT_DATE, y ? buf : NULL);
    }
    if (tok[j].flags & NM_TF_CAP && IN(j, L_WEEKDAYS)) {
        wd = 1;
        j++;
        if (is_punct(c, j, ',') && month_of(c, j + 1))
            j++;
    }
    if ((m = month_of(c, j)) != 0) {
        j++;
        int v;
        if (int_tok(c, j, 2, &v) && v >= 1 && v <= 31 && !(j + 1 < c->n && IN(j + 1, L_UNITS_DATE))) {
            d = v;
            j++;
        } else if ((d = ordinal_day(c, j)) != 0) {
            j++;
        }
        if (d && (d2 = day_range_end(c, j, d)) != 0)
            j += 2; /* "March 6-8", "March 6 to 8" */
        if (is_punct(c, j, ',') && year_tok(c, j + 1, &y))
            j += 2;
        else if (year_tok(c, j, &y))
            j++;
    } else if (!wd) {
        /* j == i (free): int_tok(c, j, 2 or 4) and year_tok from one read of its digits */
        size_t dl = tok[j].end - tok[j].start;
        int v = tok[j].type == NM_TOK_NUMBER && dl - 1 < 4
                    ? nm__digits_at(c->rec->text.ptr + tok[j].start, dl)
                    : -1;
        /* "1st March", "the 25th of June" (a day in digits) */
        int od = tok[j].type == NM_TOK_ORDINAL ? ordinal_day(c, j) : 0;
        size_t mo = j + 1 + (od && j + 1 < c->n && IS(j + 1, W_OF) &&
                             c->st->mark[j + 1] == NM__MARK_FREE);
        if (od && month_of(c, mo)) {
            d = od;
            m = month_of(c, mo);
            j = mo + 1;
            if (year_tok(c, j, &y))
                j++;
        } else if (v >= 1 && dl <= 2 && v <= 31 && month_of(c, j + 1)) {
            d = v;
            m = month_of(c, j + 1);
            j += 2;
            if (year_tok(c, j, &y))
                j++;
        } else if (v >= 1 && v <= 4 && dl == 1 && (qe = quarter_after_num(c, i, &y)) != 0) {
            /* "1Q87" (its months, "1987-01/1987-03"), "4Q" (its text) */
            if (y)
                put_quarter(buf, y, v, 3);
            *used = qe - i;
            return emit(c, i, qe, NM_ENT_DATE, y ? buf : NULL);
        } else if (v >= 0 && dl == 2 && v % 10 == 0 && j + 1 < c->n && IS(j + 1, W_S) &&
                   !(tok[j + 1].flags & NM_TF_SPACE_BEFORE)) {
            /* "the 90s", "in the '80s": a decade, no count */
            *used = 2;
            return emit(c, i, i + 2, NM_ENT_DATE, NULL);
        } else if ((v >= 1000 && dl == 4 && v <= 2099) ||
                   (v >= 0 && dl == 2 && (ys = short_year_start(c, i)) != SIZE_MAX)) {
            /* a year, or one written short ("'87", "FY 87": ys is where it starts) */
            y = dl == 4 ? v : full_year(c, v);
            /* "fiscal 1987", "fiscal 1987/88", "FY 1987": the word is part of the DATE (GMB
               and OntoNotes tag it so) and marks a year ("fiscal 1987 results" too) */
            size_t fb = ys > 0 && c->st->mark[ys - 1] == NM__MARK_FREE &&
                                (nm__ent_keyeq(&tok[ys - 1], "fiscal") || fy_tok(c, ys - 1))
                            ? ys - 1
                            : ys;
            /* "1990s" */
            if (j + 1 < c->n && IS(j + 1, W_S) &&
                !(tok[j + 1].flags & NM_TF_SPACE_BEFORE)) {
                *used = 2;
                return emit(c, i, i + 2, NM_ENT_DATE, NULL);
            }
            /* "the 1990's", "the early 1980's": a decade (not the possessive "1986's") */
            if (dl == 4 && v % 10 == 0 && decade_apostrophe(c, i)) {
                *used = 3;
                return emit(c, i, i + 3, NM_ENT_DATE, NULL);
            }
            /* "2009-10": a season or fiscal year, "2009/2010" */
            if (j + 2 < c->n && (IS(j + 1, W_DASH) || IS(j + 1, W_NDASH) ||
                                 is_punct(c, j + 1, '/'))) {
                size_t ov[6], te;
                int rc = match_at(c, RE_YEARSPAN, j, &te, ov, 3);
                if (rc < 0)
                    return rc;
                if (rc && span_int(c->rec->text.ptr, ov, 2) == (y + 1) % 100) {
                    put_date(buf, y, 0, 0, y + 1);
                    *used = te - i;
                    return emit(c, fb, te, NM_ENT_DATE, buf);
                }
            }
            int y2 = 0;
            size_t k = j + 1;
            /* "2024/2027": a slash only touching both years */
            int slash = is_punct(c, k, '/') && k + 1 < c->n &&
                        !(tok[k].flags & NM_TF_SPACE_BEFORE) &&
                        !(tok[k + 1].flags & NM_TF_SPACE_BEFORE);
            if (k + 1 < c->n && (IS(k, W_TO) || IS(k, W_DASH) ||
                                 IS(k, W_THROUGH) || IS(k, W_AND) ||
                                 IS(k, W_UNTIL) ||
                                 IS(k, W_NDASH) || slash) &&
                year_tok(c, k + 1, &y2) && y2 > y) {
                put_date(buf, y, 0, 0, y2);
                *used = k + 2 - i;
                return emit(c, fb, k + 2, NM_ENT_DATE, buf);
            }
            /* "2000 people" is a count, "in 2000" a year */
            int prep = fb < ys || (ys > 0 && IN(ys - 1, L_DATE_PREPS));
            /* "the 1994 genocide", "a 2006 coup", "Rwanda's 1994 genocide": a modern year
               after a determiner or a possessive names a time, not a count */
            if (!prep && ys > 0 && y >= 1900 && tok[ys - 1].type == NM_TOK_WORD) {
                const nm_token *det = &tok[ys - 1];
                prep = IS(ys - 1, W_THE) || IS(ys - 1, W_A) || (det->flags & NM_TF_POSSESSIVE) ||
                       (IS(ys - 1, W_S) && ys > 1 && is_punct(c, ys - 2, '\'') &&
                        tok[ys - 2].end == det->start) ||
                       (det->key.len == 3 && memcmp(det->key.ptr, "its", 3) == 0) ||
                       (det->key.len == 5 && memcmp(det->key.ptr, "their", 5) == 0);
            }
            if (!prep && j + 1 < c->n && tok[j + 1].type == NM_TOK_WORD &&
                !(tok[j + 1].flags & (NM_TF_CAP | NM_TF_STOP)))
                return NM_OK;
            put_date(buf, y, 0, 0, 0);
            *used = 1;
            return emit(c, fb, i + 1, NM_ENT_DATE, buf);
        }
    }
    if (m == 0 && !wd)
        return NM_OK;
    if (m == 0) {
        /* "Saturday morning" is a TIME; a weekday alone ("on Thursday") a DATE */
        if (i + 1 < c->n && c->st->mark[i + 1] == NM__MARK_FREE && IN(i + 1, L_DAYPART)) {
            *used = 2;
            return emit(c, i, i + 2, NM_ENT_TIME, NULL);
        }
        *used = 1;
        /* a bare weekday is resolved against the record's date (SPEC: relative dates) */
        const char *wnorm = NULL;
        if (c->doc_y) {
            /* "last Friday", "next Sunday": the word before says which way (it stays outside
               the span, as GMB tags it) */
            int dir = i == 0 ? 0
                      : IS(i - 1, W_LAST) || IS(i - 1, W_PREVIOUS) ? -1
                      : IS(i - 1, W_NEXT)                          ? 1
                                                                   : 0;
            resolve_weekday(buf, c->doc_y, c->doc_m, c->doc_d, IN(i, L_WEEKDAYS), dir);
            wnorm = buf;
        }
        /* "later Thursday" is one time expression (as "later this year") */
        if (i > 0 && c->st->mark[i - 1] == NM__MARK_FREE && tok[i - 1].key.len == 5 &&
            memcmp(tok[i - 1].key.ptr, "later", 5) == 0)
            return emit(c, i - 1, i + 1, NM_ENT_DATE, wnorm);
        return emit(c, i, i + 1, NM_ENT_DATE, wnorm);
    }
    if (y == 0 && d != 0 && c->doc_y != 0) {
        /* the record's year, or the neighbouring one for a month nine or more from the
           record's: "January 5" in a December story is next January's */
        int dm = m - c->doc_m;
        y = c->doc_y - (dm >= 9) + (dm <= -9);
    }
    const char *norm = NULL;
    if (y && d) {
        if (nm__valid_ymd(y, m, d) && (d2 == 0 || nm__valid_ymd(y, m, d2))) {
            /* not "Feb 30", nor "Feb 29" in 2025: the text stays */
            put_date(buf, y, m, d, 0), norm = buf;
            if (d2) /* the interval "2024-03-06/2024-03-08" */
                buf[10] = '/', put_date(buf + 11, y, m, d2, 0);
        }
    } else if (y)
        put_date(buf, y, m, 0, 0), norm = buf;
    *used = j - i;
    return emit(c, i, j, NM_ENT_DATE, norm);
}

/*
 * A fiscal year or quarter written as one word with digits (the token pass lets no other such
 * word start a numeric entity): "FY1987", "FY87" (DATE "1987"), "FY1987/88" ("1987/1988"),
 * "Q1" (its text), "Q1 1987" ("1987-01/1987-03", the months it spans), "H1 1987"
 * ("1987-01/1987-06"); not "Audi Q3" (after a capitalised word that is no stop word: a model
 * name).
 */
static NM__ENT_NOINLINE int try_code_date(numex_ctx *c, size_t i, size_t *used) {
    const nm_token *tok = c->tok;
    const char *p = c->rec->text.ptr + tok[i].start;
    size_t n = tok[i].end - tok[i].start, te = i + 1;
    char buf[24];
    int y = 0, y2;
    *used = 0;
    if ((n == 4 || n == 6) && p[0] == 'F' && p[1] == 'Y' &&
        (y = nm__digits_at(p + 2, n - 2)) >= 0) {
        if (n == 4)
            y = full_year(c, y);
        else if (y < 1000 || y > 2099)
            return NM_OK;
        /* "FY1987/88": the next year's last two digits, all touching */
        int next = is_punct(c, i + 1, '/') && c->st->mark[i + 1] == NM__MARK_FREE &&
                   !(tok[i + 1].flags & NM_TF_SPACE_BEFORE) && i + 2 < c->n &&
                   !(tok[i + 2].flags & NM_TF_SPACE_BEFORE) && int_tok(c, i + 2, 2, &y2) &&
                   tok[i + 2].end - tok[i + 2].start == 2 && y2 == (y + 1) % 100;
        put_date(buf, y, 0, 0, next ? y + 1 : 0);
        te += next ? 2 : 0;
    } else if (n == 2 && p[0] == 'H' && (p[1] == '1' || p[1] == '2') && year_tok(c, i + 1, &y)) {
        /* "H1 2024": the half with its year only ("H1" alone is as often a heading or a visa) */
        put_quarter(buf, y, p[1] - '0', 6);
        te++;
    } else if (n == 2 && p[0] == 'Q' && p[1] >= '1' && p[1] <= '4') {
        const nm_token *pv = i > 0 ? &tok[i - 1] : NULL;
        if (pv && NM_TOK_IS_WORD(pv->type) && (pv->flags & NM_TF_CAP) &&
            !(pv->flags & (NM_TF_STOP | NM_TF_POSSESSIVE)))
            return NM_OK;
        if (year_tok(c, i + 1, &y))
            te++;
        if (y)
            put_quarter(buf, y, p[1] - '0', 3);
    } else {
        return NM_OK;
    }
    *used = te - i;
    return emit(c, i, te, NM_ENT_DATE, y ? buf : NULL);
}

/* Does a hyphenated key end in a date unit: "three-day", "10-year" (try_duration's cue)? */
static int duration_tail(const nm_token *t) {
    static const char *const TAIL[] = {"-day", "-week", "-month", "-year", "-decade"};
    const char *k = t->key.ptr;
    size_t n = t->key.len;
    for (int u = 0; u < 5; u++) {
        size_t tl = strlen(TAIL[u]);
        if (n > tl && memcmp(k + n - tl, TAIL[u], tl) == 0)
            return 1;
    }
    return 0;
}

/* Is a hyphenated word's first part a number word ("twenty-five", not "anti-war"; keys of at
   most 16 bytes)? Only then may it start a written number (a cheap test before the parser). */
static int numword_first(const numex_ctx *c, const nm_token *t) {
    if (t->key.len > 16)
        return 0;
    const char *hy = memchr(t->key.ptr, '-', t->key.len);
    size_t pl = hy ? (size_t)(hy - t->key.ptr) : 0;
    return pl != 0 && c->sh->numex->idx[L_NUMWORDS][word_id(c->sh->numex, t->key.ptr, pl)];
}

/* A written or digit number at i: tokens used and its value. */
static size_t number_at_parse(const numex_ctx *c, size_t i, nm_decimal *v);

/* number_at_parse through the per-position memo. */
static size_t number_at(numex_ctx *c, size_t i, nm_decimal *v) {
    if (c->memo_i == i) {
        *v = c->memo_v;
        return c->memo_used;
    }
    nm_decimal x = {0, 0};
    size_t used = number_at_parse(c, i, &x);
    c->memo_i = i;
    c->memo_used = used;
    c->memo_v = x;
    *v = x;
    return used;
}

/* Do tokens k, k + 1 and k + 2 (all free) spell a proper fraction "3/4" with touching plain
   digits and a denominator of 2, 4, 8 .. 64 (news quotes rates in eighths; "50/50", "24/7" and
   "4/5" are no fractions)? Its value in *v. */
static int fraction_at(const numex_ctx *c, size_t k, nm_decimal *v) {
    int num, den;
    if (!int_tok(c, k, 2, &num) || !is_punct(c, k + 1, '/') || !int_tok(c, k + 2, 2, &den) ||
        c->st->mark[k + 1] != NM__MARK_FREE || (c->tok[k + 1].flags & NM_TF_SPACE_BEFORE) ||
        (c->tok[k + 2].flags & NM_TF_SPACE_BEFORE) || num < 1 || num >= den || den > 64 ||
        (den & (den - 1)) != 0)
        return 0;
    const nm_token *t = &c->tok[k];
    return nm__number_parse_all(c->rec->text.ptr + t->start, c->tok[k + 2].end - t->start, v);
}

/* Is number token i glued to a neighbour that makes it part of something else: after (after
   != 0) to a word, number, '-' or '/' ("767-300", "747s", "550/700"), or before to a word,
   number, '/' or a '-' that is glued itself ("1-3 210", "3/31 102")? Then it heads or ends no
   digit group. */
static int glued(const numex_ctx *c, size_t i, int after) {
    size_t k = after ? i + 1 : i - 1;
    if (after ? k >= c->n || (c->tok[k].flags & NM_TF_SPACE_BEFORE)
              : i == 0 || (c->tok[i].flags & NM_TF_SPACE_BEFORE))
        return 0;
    const nm_token *u = &c->tok[k];
    if (u->type != NM_TOK_PUNCT || is_punct(c, k, '/'))
        return 1;
    return IS(k, W_DASH) && (after || (k > 0 && !(u->flags & NM_TF_SPACE_BEFORE)));
}

/*
 * "1 250 000", "1'250'000" (the tokenizer splits both), as the money stage reads them: a 1-3
 * digit head (token i, its value *v) and free groups of exactly three digits one plain space or
 * one attached apostrophe apart, the same one throughout; the last may carry a decimal part
 * (nm__number_group). Returns the tokens used (1: no group follows) and the joined value in *v.
 */
static size_t digit_groups(const numex_ctx *c, size_t i, nm_decimal *v) {
    const char *p = c->rec->text.ptr;
    const nm_token *t = &c->tok[i];
    size_t tl = t->end - t->start, j = i + 1, end = i + 1;
    if (tl > 3 || v->exp < 0 || nm__digits_run(p + t->start, tl) != tl || glued(c, i, 0))
        return 1;
    nm_decimal w = *v;
    int sep = 0; /* ' ' or '\'' once known */
    for (int last = 0; !last && j < c->n && c->st->mark[j] == NM__MARK_FREE;) {
        int kind = 0;
        size_t gi = nm__number_group_next(p, c->tok, c->n, j, &kind);
        if (gi == 0 || (sep != 0 && sep != kind) || c->st->mark[gi] != NM__MARK_FREE)
            break;
        j = gi;
        const nm_token *g = &c->tok[j];
        nm_decimal gv;
        /* a number that is no group after groups: a code or phone number ("310 642 2317") */
        if (!nm__number_group(p + g->start, g->end - g->start, &gv, &last))
            return 1;
        if (glued(c, j, 1) || !nm__decimal_scale(&w, 3) || !nm__decimal_add(&w, gv))
            break;
        sep = kind;
        *v = w;
        end = ++j; /* after the last group read */
    }
    return end - i;
}

static size_t number_at_parse(const numex_ctx *c, size_t i, nm_decimal *v) {
    if (i >= c->n || c->st->mark[i] != NM__MARK_FREE)
        return 0;
    const nm_token *t = &c->tok[i];
    size_t used = 0;
    if (t->type == NM_TOK_NUMBER) {
        nm_decimal fr;
        int whole;
        if (fraction_at(c, i, v)) {
            used = 3; /* "5/8 pct" */
        } else if (!nm__number_parse_all(c->rec->text.ptr + t->start, t->end - t->start, v)) {
            return 0;
        } else {
            used = 1;
            /* "7 3/4 pct", "8-1/2 pct": a whole number and a fraction */
            size_t k = i + 1 + (is_punct(c, i + 1, '-') &&
                                !(c->tok[i + 1].flags & NM_TF_SPACE_BEFORE) &&
                                c->st->mark[i + 1] == NM__MARK_FREE && i + 2 < c->n &&
                                !(c->tok[i + 2].flags & NM_TF_SPACE_BEFORE));
            if (k < c->n && (k > i + 1 || (c->tok[k].flags & NM_TF_SPACE_BEFORE)) &&
                int_tok(c, i, 9, &whole) && fraction_at(c, k, &fr) && nm__decimal_add(v, fr))
                used = k + 3 - i;
        }
        if (used == 1)
            used = digit_groups(c, i, v);
        if (i + used < c->n && c->st->mark[i + used] == NM__MARK_FREE) {
            const nm_token *u = &c->tok[i + used];
            /* words, and the wire's unambiguous abbreviations ("12 mln"); not "m", "k" (metres,
               kilo-), "mm" (millimetres), "tn" (tonnes), "cr" */
            const char *k = u->key.ptr;
            size_t kl = u->key.len;
            int abbrev = (kl == 3 && (memcmp(k, "mln", 3) == 0 || memcmp(k, "bln", 3) == 0 ||
                                      memcmp(k, "mio", 3) == 0 || memcmp(k, "mrd", 3) == 0 ||
                                      memcmp(k, "trn", 3) == 0)) ||
                         (kl == 2 && (memcmp(k, "bn", 2) == 0 || memcmp(k, "mn", 2) == 0));
            int e = (u->type == NM_TOK_WORD && (kl > 3 || abbrev))
                        ? nm__number_magnitude(k, kl)
                        : 0;
            if (e > 0 && nm__decimal_scale(v, e))
                used++;
        }
        return used;
    }
    if (t->type != NM_TOK_WORD)
        return 0;
    /* written numbers start with a number word or a hyphenated one ("twenty-five") */
    int nw = IN(i, L_NUMWORDS);
    if (!nw && !(t->flags & NM_TF_HYPHEN))
        return 0;
    if (!nw && !numword_first(c, t))
        return 0;
    /* "a"/"an" start a number only before a number word: "a dozen", "a hundred" */
    if ((IS(i, W_A) || IS(i, W_AN)) && !(i + 1 < c->n && IN(i + 1, L_NUMWORDS)))
        return 0;
    size_t lim = c->n - i;
    for (size_t k = 1; k < lim && k < 12; k++)
        if (c->st->mark[i + k] != NM__MARK_FREE) {
            lim = k;
            break;
        }
    return nm__number_words(t, lim, v);
}

static int fmt_dec(nm_decimal v, char *buf, size_t cap) { return nm_decimal_format(v, 0, buf, cap); }

/* The value of a hyphenated ordinal token, tens word and ordinal 1-9 ("twenty-first" 21,
   "ninety-ninth" 99), or 0. Callers test NM_TF_HYPHEN first: most tokens lack it. */
static int tens_ordinal(const numex_ctx *c, size_t i) {
    const nm_token *t = &c->tok[i];
    if (t->type != NM_TOK_WORD || t->key.len > 16)
        return 0;
    const char *k = t->key.ptr, *hy = memchr(k, '-', t->key.len);
    if (hy == NULL)
        return 0;
    size_t pl = (size_t)(hy - k);
    /* NUMWORDS 21..29: twenty, thirty, forty, fourty, fifty .. ninety */
    int tw = c->nw->idx[L_NUMWORDS][word_id(c->nw, k, pl)];
    int o = c->nw->idx[L_ORDINALS][word_id(c->nw, hy + 1, t->key.len - pl - 1)];
    if (tw < 21 || tw > 29 || o < 1 || o > 9)
        return 0;
    return (tw <= 23 ? tw - 19 : tw == 24 ? 4 : tw - 20) * 10 + o;
}

/*
 * Durations used as adjectives ("a three-day visit", "a 10-year plan", RE_DURATION) and
 * centuries ("the 19th century", "the twentieth century" => DATE "19th century"): text norms;
 * quarters and halves ("third quarter", "first half of 2008" => "2008-01/2008-06").
 */
static int try_duration(numex_ctx *c, size_t i, size_t *used) {
    const nm_token *tok = c->tok;
    *used = 0;
    if ((tok[i].type == NM_TOK_ORDINAL || IN(i, L_ORDINALS) ||
         ((tok[i].flags & NM_TF_HYPHEN) && tens_ordinal(c, i))) &&
        i + 1 < c->n &&
        c->st->mark[i + 1] == NM__MARK_FREE && !(tok[i + 1].flags & NM_TF_CAP) &&
        (nm__ent_keyeq(&tok[i + 1], "century") || nm__ent_keyeq(&tok[i + 1], "centuries"))) {
        *used = 2;
        return emit(c, i, i + 2, NM_ENT_DATE, NULL);
    }
    /* "the third quarter", "first half of 2008" (norm 2008-01/2008-06, the months it spans) */
    int o = IN(i, L_ORDINALS);
    if (o == 0 && tok[i].type == NM_TOK_ORDINAL && tok[i].end - tok[i].start == 3)
        o = c->rec->text.ptr[tok[i].start] - '0';
    if (o >= 1 && o <= 4 && i + 1 < c->n && c->st->mark[i + 1] == NM__MARK_FREE &&
        !(tok[i + 1].flags & NM_TF_CAP)) {
        int span = nm__ent_keyeq(&tok[i + 1], "quarter") ? 3
                   : o <= 2 && nm__ent_keyeq(&tok[i + 1], "half") &&
                           !(i + 2 < c->n && (IS(i + 2, W_A) || IS(i + 2, W_AN)))
                       ? 6 /* not "first half an hour" */
                       : 0;
        if (span) {
            size_t te = i + 2;
            int y = 0;
            char buf[24];
            if (te + 1 < c->n && IS(te, W_OF) && c->st->mark[te] == NM__MARK_FREE &&
                year_tok(c, te + 1, &y))
                te += 2;
            if (y)
                put_quarter(buf, y, o, span);
            *used = te - i;
            return emit(c, i, te, NM_ENT_DATE, y ? buf : NULL);
        }
    }
    /* cheap tests first: "...-day" / "...-year" words, or a number, '-' and a date unit */
    int hyphen = 0;
    if (tok[i].type == NM_TOK_WORD && (tok[i].flags & NM_TF_HYPHEN)) {
        hyphen = duration_tail(&tok[i]);
    } else if (tok[i].type == NM_TOK_NUMBER && i + 2 < c->n && IS(i + 1, W_DASH) &&
               !(tok[i + 1].flags & NM_TF_SPACE_BEFORE)) {
        int u = IN(i + 2, L_UNITS_DATE);
        hyphen = u >= 1 && u <= 10; /* year(s) ... decade(s) */
    }
    if (!hyphen)
        return NM_OK;
    size_t ov[2], te;
    int rc = match_at(c, RE_DURATION, i, &te, ov, 1);
    if (rc <= 0)
        return rc;
    *used = te - i;
    return emit(c, i, te, NM_ENT_DATE, NULL);
}

/* Relative dates: "the past three years", "last week", "two days ago", "yesterday". */
static int try_relative(numex_ctx *c, size_t i, size_t *used) {
    size_t j = i;
    char buf[32];
    *used = 0;
    int dw = IN(i, L_DAYS);
    if (dw) {
        const char *norm = NULL;
        if (c->doc_y) {
            int y, m, d;
            civil_from_days(days_from_civil(c->doc_y, c->doc_m, c->doc_d) + dw - 2, &y, &m, &d);
            put_ymd(buf, sizeof buf, y, m, d);
            norm = buf;
        }
        *used = 1;
        return emit(c, i, i + 1, NM_ENT_DATE, norm);
    }
    int the = IS(j, W_THE);
    if (the)
        j++;
    int rel = j < c->n && c->st->mark[j] == NM__MARK_FREE ? IN(j, L_REL) : 0;
    if (rel)
        j++;
    if (the && !rel)
        return NM_OK;
    nm_decimal v;
    size_t nl = number_at(c, j, &v);
    /* "a year ago", "a week ago": the article is the count, for the singular units year ..
       decade ("a" starts a number only before a number word) */
    int one = nl == 0 && !rel && (IS(i, W_A) || IS(i, W_AN)) && i + 2 < c->n &&
              c->st->mark[i + 1] == NM__MARK_FREE && (IN(i + 1, L_UNITS_DATE) & 1) &&
              IN(i + 1, L_UNITS_DATE) <= 9 && IS(i + 2, W_AGO);
    if (one)
        nl = 1, v = (nm_decimal){1, 0};
    j += nl;
    if (!(j < c->n && c->st->mark[j] == NM__MARK_FREE && IN(j, L_UNITS_DATE)))
        return NM_OK;
    int unit = IN(j, L_UNITS_DATE);
    /* "Revs 25.2 vs 19.5\n    Year": a capitalised unit opening a line heads a table row */
    if (nl > 0 && (c->tok[j].flags & NM_TF_LINE_START) && (c->tok[j].flags & NM_TF_CAP))
        return NM_OK;
    /* "Net 80 mln vs 70 mln year earlier": a count in the wire's magnitude abbreviations is an
       amount, and the unit goes with "earlier" (words stay: "a million years ago") */
    const nm_token *last = nl > 1 ? &c->tok[j - 1] : NULL;
    if (last && last->type == NM_TOK_WORD && last->key.len <= 3 &&
        nm__number_magnitude(last->key.ptr, last->key.len) > 0)
        return NM_OK;
    j++;
    int ago = j < c->n && IS(j, W_AGO);
    if (ago)
        j++;
    if (!rel && nl == 0)
        return NM_OK;
    if (!rel && !ago && unit > 10) /* "two weekends" etc. only with a cue */
        return NM_OK;
    const char *norm = NULL;
    int dy = 99; /* units to move from the record's date; 99: not resolved */
    if (rel && nl == 0 && c->doc_y && (unit == 1 || unit == 3 || unit == 5)) {
        /* "last year" 2024, "next month" 2025-10, "this week" 2025-W36 */
        dy = IS(j - 2, W_LAST) || IS(j - 2, W_PREVIOUS)
                 ? -1
                 : IS(j - 2, W_NEXT) ? 1
                 : IS(j - 2, W_THIS) ? 0 : 99;
    } else if (ago && !rel && c->doc_y && unit <= 8 && v.exp >= 0 && v.exp <= 3 &&
               v.mant <= 1000) {
        /* "two days ago" 2025-09-02, "three weeks ago", "six months ago", "two years ago" */
        int n = (int)v.mant;
        for (int e = 0; e < v.exp; e++)
            n *= 10;
        if (n <= 1000)
            dy = -n;
    }
    if (dy != 99) {
        int u = (unit + 1) / 2; /* 1 year(s), 2 month(s), 3 week(s), 4 day(s) */
        long z = days_from_civil(c->doc_y, c->doc_m, c->doc_d);
        if (u == 1) {
            int yy = c->doc_y + dy; /* "%04d" */
            if (yy >= 0 && yy <= 9999)
                *put_digits(buf, yy, 4) = 0;
            else
                snprintf(buf, sizeof buf, "%04d", yy);
        } else if (u == 2) {
            int mm = c->doc_m - 1 + dy; /* months since January of doc_y, maybe negative */
            int yy = c->doc_y + (mm >= 0 ? mm / 12 : -((11 - mm) / 12));
            put_date(buf, yy, ((mm % 12) + 12) % 12 + 1, 0, 0);
        } else if (u == 3) {
            put_iso_week(buf, z + 7 * dy);
        } else {
            int yy, mo, dd;
            civil_from_days(z + dy, &yy, &mo, &dd);
            put_ymd(buf, sizeof buf, yy, mo, dd);
        }
        norm = buf;
    }
    *used = j - i;
    return emit(c, i, j, NM_ENT_DATE, norm);
}

/* Clock times by RE_TIME ("10:30 a.m. GMT", "1430 GMT"), "3 o'clock", "noon", "this morning". */
static int try_time(numex_ctx *c, size_t i, size_t *used) {
    const nm_token *tok = c->tok;
    *used = 0;
    int clock = tok[i].type == NM_TOK_TIME;
    if (!clock && tok[i].type == NM_TOK_NUMBER && tok[i].end - tok[i].start <= 5 && i + 1 < c->n) {
        const nm_token *u = &tok[i + 1];
        clock = IN(i + 1, L_TIME_SUFFIX) || ((u->flags & NM_TF_ALLCAPS) && IN(i + 1, L_TIME_ZONES)) ||
                IS(i + 1, W_LOCAL);
    }
    /* "3 o'clock", "three o'clock" (the key writes any apostrophe as "'"); not "8 O'Clock
       Royale" (a brand: capitalised, not all capitals) */
    nm_decimal h;
    if (!clock && i + 1 < c->n && tok[i + 1].key.len == 7 && c->st->mark[i + 1] == NM__MARK_FREE &&
        memcmp(tok[i + 1].key.ptr, "o'clock", 7) == 0 &&
        (tok[i + 1].flags & (NM_TF_CAP | NM_TF_ALLCAPS)) != NM_TF_CAP && number_at(c, i, &h) == 1 &&
        h.exp == 0 && h.mant >= 1 && h.mant <= 12) {
        *used = 2;
        return emit(c, i, i + 2, NM_ENT_TIME, NULL);
    }
    if (clock) {
        size_t ov[2], te = i + 1;
        int rc = match_at(c, RE_TIME, i, &te, ov, 1);
        if (rc < 0)
            return rc;
        if (rc == 0 && tok[i].type != NM_TOK_TIME)
            return NM_OK;
        *used = te - i;
        return emit(c, i, te, NM_ENT_TIME, NULL);
    }
    if (IS(i, W_NOON) || IS(i, W_MIDNIGHT) ||
               IS(i, W_TONIGHT)) {
        *used = 1;
        return emit(c, i, i + 1, NM_ENT_TIME, NULL);
    } else if ((IS(i, W_THIS) || IS(i, W_LAST)) && i + 1 < c->n &&
               IN(i + 1, L_DAYPART)) {
        *used = 2;
        return emit(c, i, i + 2, NM_ENT_TIME, NULL);
    }
    return NM_OK;
}

/* The sign token before a number at i: i - 1 when it is the word "minus" or a minus sign
   touching the number and not glued to a word or number before it ("-3.2%", "(-5", not the
   hyphen of "1990-3.2%"), free; else i (no sign; nor after "plus or"). */
static size_t sign_before(const numex_ctx *c, size_t i) {
    if (i == 0 || c->st->mark[i - 1] != NM__MARK_FREE)
        return i;
    const nm_token *t = &c->tok[i - 1];
    if (nm__ent_keyeq(t, "minus")) {
        /* "plus or minus 10 pct", "plus and minus 15 pct": a margin either way, no sign */
        int pm = (i >= 2 && nm__ent_keyeq(&c->tok[i - 2], "plus")) ||
                 (i >= 3 && nm__ent_keyeq(&c->tok[i - 3], "plus"));
        return pm ? i : i - 1;
    }
    if (IS(i - 1, W_DASH) && c->tok[i].type == NM_TOK_NUMBER &&
        !(c->tok[i].flags & NM_TF_SPACE_BEFORE) &&
        (i == 1 || (t->flags & NM_TF_SPACE_BEFORE) || c->tok[i - 2].type == NM_TOK_PUNCT))
        return i - 1;
    return i;
}

/*
 * A percent range from the unsigned number v at i, whose tokens end at j: "5-6 pct", "5 to 6
 * pct", "5.5\u20136%", "between 5 and 6 pct", "25-50 basis points" are one PERCENT whose norm is
 * the interval of the two percentages, "5%/6%" (the form of a DATE interval). Only a rising
 * range, and not "from 5 to 6 pct" (a change, as the money stage reads "from $5 to $10"). After
 * a first percentage (i its number, j the token after its percent word) a dash or "between ...
 * and" only ("5%-6%"; to_ok 0: "rose 0.5 pct to 3.2 pct" is a change).
 * *used: the tokens from i it took, 0 when none (no range here). NM_OK or NM_ERR_*.
 */
static NM__ENT_NOINLINE int try_percent_range(numex_ctx *c, size_t i, size_t j, nm_decimal v,
                                              int to_ok, size_t *used) {
    const nm_token *tok = c->tok;
    *used = 0;
    if (j + 2 >= c->n || c->st->mark[j] != NM__MARK_FREE)
        return NM_OK;
    const nm_token *pv = i > 0 ? &tok[i - 1] : NULL;
    int dash = IS(j, W_NDASH) || (IS(j, W_DASH) && !(tok[j].flags & NM_TF_SPACE_BEFORE) &&
                                  !(tok[j + 1].flags & NM_TF_SPACE_BEFORE));
    int word = (to_ok && IS(j, W_TO) && !(pv && nm__ent_keyeq(pv, "from"))) ||
               (IS(j, W_AND) && pv && nm__ent_keyeq(pv, "between"));
    /* not "half to 60 pct": a fraction word is no range end */
    if ((!dash && !word) || (tok[i].type != NM_TOK_NUMBER && v.exp < 0))
        return NM_OK;
    nm_decimal w;
    size_t k = j + 1, nl = number_at_parse(c, k, &w), p = k + nl, te, ov[6];
    if (nl == 0 || p >= c->n || c->st->mark[p] != NM__MARK_FREE ||
        nm__decimal_cmp(v, w) >= 0 ||
        !(c->rec->text.ptr[tok[p].start] == '%' || IN(p, L_PERCENT)))
        return NM_OK;
    int rc = percent_at(c, p, &te, ov);
    if (rc <= 0)
        return rc;
    if (ov[4] != SIZE_MAX) /* basis points: 25 = 0.25% */
        v.exp -= 2, w.exp -= 2;
    char buf[136];
    int a = fmt_dec(v, buf, 64);
    if (a < 0)
        return NM_OK;
    buf[a++] = '%';
    buf[a++] = '/';
    int b = fmt_dec(w, buf + a, 64);
    if (b < 0)
        return NM_OK;
    buf[a + b] = '%';
    buf[a + b + 1] = 0;
    *used = te - i;
    return emit(c, i, te, NM_ENT_PERCENT, buf);
}

/* Is token j a word that may join a range (try_percent_range's cheap first test)? */
static inline int range_word(const numex_ctx *c, size_t j) {
    int w = j < c->n ? in_list(c, j, L_MISC) : 0;
    return w == W_DASH || w == W_NDASH || w == W_TO || w == W_AND;
}

/* PERCENT, QUANTITY, CARDINAL from a number at i (with a sign before it, sign_before). */
static int try_number(numex_ctx *c, size_t i, size_t *used) {
    const nm_token *tok = c->tok;
    nm_decimal v;
    char num[64], buf[128];
    *used = 0;
    /* "Group of Eight", "Big Three": a capitalised number word inside a name */
    if (tok[i].type == NM_TOK_WORD && (tok[i].flags & NM_TF_CAP) &&
        !(tok[i].flags & NM_TF_SENT_START) && i > 0 &&
        ((c->tok[i - 1].flags & NM_TF_CAP) || IS(i - 1, W_OF)))
        return NM_OK;
    size_t nl = number_at(c, i, &v);
    if (nl == 0) {
        if (IN(i, L_VAGUE)) {
            *used = 1;
            return emit(c, i, i + 1, NM_ENT_CARDINAL, NULL);
        }
        return NM_OK;
    }
    /* a plain numeral token ("15", "1500", "3.5") is its own norm: no need to print v, and
       the CARDINAL's norm is its text span */
    const char *tp = c->rec->text.ptr + tok[i].start;
    size_t tl = tok[i].end - tok[i].start;
    int plain = nl == 1 && tok[i].type == NM_TOK_NUMBER && canon_numeral(tp, tl);
    if (plain) {
        memcpy(num, tp, tl);
        num[tl] = 0;
    } else if (fmt_dec(v, num, sizeof num) < 0) {
        return NM_OK;
    }
    /* a sign: the entity starts at it and its norm is the negative number */
    size_t sb = sign_before(c, i);
    if (sb < i && v.mant != 0) {
        size_t k = strlen(num);
        if (k + 2 > sizeof num)
            return NM_OK;
        memmove(num + 1, num, k + 1);
        num[0] = '-';
        plain = 0;
    } else {
        sb = i;
    }
    size_t j = i + nl;
    if (sb == i && range_word(c, j)) {
        int rc = try_percent_range(c, i, j, v, 1, used);
        if (rc != NM_OK || *used)
            return rc;
    }
    if (j < c->n && c->st->mark[j] == NM__MARK_FREE) {
        const nm_token *u = &tok[j];
        const char *p = c->rec->text.ptr;
        uint8_t b0 = (uint8_t)p[u->start];
        size_t ov[6], te;
        int rc;
        if (b0 == '%' || IN(j, L_PERCENT)) {
            if ((rc = percent_at(c, j, &te, ov)) < 0)
                return rc;
            if (rc && sb == i && ov[4] == SIZE_MAX && range_word(c, te)) {
                /* "5%-6%", "between 5% and 6%": one range */
                if ((rc = try_percent_range(c, i, te, v, 0, used)) != NM_OK || *used)
                    return rc;
                rc = 1;
            }
            if (rc) {
                /* 25 basis points = 0.25% */
                if (ov[4] != SIZE_MAX &&
                    (v.exp -= 2, fmt_dec(v, num + (sb < i), sizeof num - 1) < 0))
                    return NM_OK;
                size_t nl2 = strlen(num); /* num + "%" (num is at most 63 bytes) */
                memcpy(buf, num, nl2);
                buf[nl2] = '%';
                buf[nl2 + 1] = 0;
                *used = te - i;
                return emit(c, sb, te, NM_ENT_PERCENT, buf);
            }
        }
        /* units are lower case ("40 km") or listed capitals ("120 MW"); "-km" only attached */
        if (u->type == NM_TOK_WORD ? (!(u->flags & NM_TF_CAP) || (u->flags & NM_TF_ALLCAPS)) &&
                                         (IN(j, L_QUNITS) || (u->flags & NM_TF_HYPHEN))
                                   : b0 == '-' && !(u->flags & NM_TF_SPACE_BEFORE) &&
                                         j + 1 < c->n && IN(j + 1, L_QUNITS)) {
            if ((rc = match_at(c, RE_UNIT, j, &te, ov, 2)) < 0)
                return rc;
            if (rc) {
                size_t k = strlen(num); /* num + " " (num is at most 63 bytes) */
                memcpy(buf, num, k);
                buf[k++] = ' ';
                for (size_t b = ov[2]; b < ov[3] && k + 1 < sizeof buf; b++) {
                    char ch = p[b];
                    int sp = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
                    if (!sp)
                        buf[k++] = ch;
                    else if (buf[k - 1] != ' ')
                        buf[k++] = ' ';
                }
                buf[k] = 0;
                *used = te - i;
                return emit(c, sb, te, NM_ENT_QUANTITY, buf);
            }
        }
    }
    if (tok[i].type != NM_TOK_NUMBER && nl == 1 && IS(i, W_ONE))
        return NM_OK; /* "one of the", pronoun-like; too noisy alone */
    if (tok[i].type != NM_TOK_NUMBER && v.exp < 0 && nl == 1)
        return NM_OK; /* "half", "quarter" */
    *used = nl;
    return emit(c, sb, i + nl, NM_ENT_CARDINAL, plain ? NULL : num);
}

static int try_ordinal(numex_ctx *c, size_t i, size_t *used) {
    const nm_token *t = &c->tok[i];
    char buf[32];
    *used = 0;
    if (t->type == NM_TOK_ORDINAL) {
        const char *p = c->rec->text.ptr + t->start;
        size_t k = 0;
        while (k < t->end - t->start && p[k] >= '0' && p[k] <= '9' && k < 20)
            buf[k] = p[k], k++;
        buf[k] = 0;
        *used = 1;
        return emit(c, i, i + 1, NM_ENT_ORDINAL, buf);
    }
    int o = IN(i, L_ORDINALS);
    if (o == 0 && (!(t->flags & NM_TF_HYPHEN) || (o = tens_ordinal(c, i)) == 0))
        return NM_OK;
    /* "First Boston", "Second Republic": a capitalised ordinal inside a name */
    if ((t->flags & NM_TF_CAP) && i + 1 < c->n && (c->tok[i + 1].flags & NM_TF_CAP) &&
        (c->tok[i + 1].flags & NM_TF_SPACE_BEFORE) && NM_TOK_IS_WORD(c->tok[i + 1].type))
        return NM_OK;
    *put_uint(buf, o) = 0;
    *used = 1;
    return emit(c, i, i + 1, NM_ENT_ORDINAL, buf);
}

const uint8_t *nm__numex_word_classes(const nm__numex_words *nw) { return nw->wclass; }

void nm__numex_link_lexicon(nm__numex_words *nw, const nm__lexicon *lx) {
    for (size_t id = 1; id <= MAX_WORDS; id++)
        nw->lexent[id] = nw->word[id] ? nm__lexicon_getn(lx, nw->word[id], nw->wlen[id]) : NULL;
    /* the lower-case-name filter into the gate, at its 15 bits: bit x is set where the
       12-bit filter's bit x >> 3 is (the same top bits of a signature), so that the gate
       lets every word through that the filter does */
    _Static_assert(NM__LEX_LSIG_SHIFT == OCC_SHIFT + 3, "a gate bit is a filter bit's eighth");
    _Static_assert(OCC_SHIFT == 17, "nm__ent_lsig is sig >> 17 & 4095");
    const uint64_t *lsigs = nm__lexicon_lower_sigs(lx);
    for (uint32_t x = 0; x < OCC_WORDS * 64; x++)
        if ((lsigs[x >> 9] >> ((x >> 3) & 63)) & 1)
            nw->gate[x >> 6] |= 1ull << (x & 63);
}

const nm__lex_entry *const *nm__numex_lex_entries(const nm__numex_words *nw) {
    return nw->lexent;
}

/* Whether a DATE ends in a hyphenated duration ("three-day", "10-year"): an adjective, no range
   end ("five years and 10-year paper"). */
static int duration_adj(const numex_ctx *c, const nm__ent_cand *e) {
    const nm_token *last = &c->tok[e->te - 1];
    if (last->type == NM_TOK_WORD && (last->flags & NM_TF_HYPHEN))
        return 1;
    return e->te - e->tb >= 3 && IS(e->te - 2, W_DASH) &&
           !(last->flags & NM_TF_SPACE_BEFORE) && !(c->tok[e->te - 2].flags & NM_TF_SPACE_BEFORE);
}

/* Is a DATE norm an ISO 8601 date ("1987", "2025-09", "2025-W35", "2025-09-04", with a time
   part), not a text norm ("Monday", "1990s") nor already an interval ("2024/2027")? */
static int iso_norm(nm_str n) {
    if (n.len < 4 || nm__digits_at(n.ptr, 4) < 0 || (n.len > 4 && n.ptr[4] != '-'))
        return 0;
    return memchr(n.ptr, '/', n.len) == NULL;
}

/* Is DATE e a year alone ("1987", "fiscal 1987", "FY 1987", "'87", "FY1987")? Two of them
   stay two dates (try_date joins year ranges itself). */
static int year_only(const numex_ctx *c, const nm__ent_cand *e) {
    const nm_token *first = &c->tok[e->tb];
    size_t n = e->te - e->tb;
    if (n == 1 && first->type == NM_TOK_WORD)
        return first->end - first->start > 2 && c->rec->text.ptr[first->start] == 'F' &&
               c->rec->text.ptr[first->start + 1] == 'Y'; /* "FY1987" (a date: FY and digits) */
    return c->tok[e->te - 1].type == NM_TOK_NUMBER &&
           (n == 1 || (n == 2 && (nm__ent_keyeq(first, "fiscal") || fy_tok(c, e->tb) ||
                                  is_apostrophe(c, e->tb))));
}

/*
 * Joins two dates around a range word into one DATE: "from Saturday to Wednesday" => "Saturday
 * to Wednesday", "June and July"; its norm is the ISO interval when both ends have ISO norms in
 * order and the words make a range (not "X and Y" without "between"), else its text. Year
 * ranges are joined (with an ISO norm) by try_date already.
 */
static int merge_ranges(numex_ctx *c) {
    nm__ent_state *st = c->st;
    size_t w = 0;
    for (size_t k = 0; k < st->cands.n; k++) {
        nm__ent_cand *a = &st->cands.v[w ? w - 1 : 0];
        nm__ent_cand *b = &st->cands.v[k];
        if (w > 0 && a->type == NM_ENT_DATE && b->type == NM_ENT_DATE && b->tb == a->te + 1 &&
            a->te - a->tb <= 4 && b->te - b->tb <= 4 &&
            (IS(a->te, W_TO) || IS(a->te, W_THROUGH) ||
             IS(a->te, W_UNTIL) || IS(a->te, W_AND) ||
             IS(a->te, W_DASH) || IS(a->te, W_NDASH)) &&
            !year_only(c, a) &&
            !duration_adj(c, a) && !duration_adj(c, b)) {
            /* "X and Y" is a range only after "between" ("on Jan 26 and Feb 9": two dates) */
            int range = !IS(a->te, W_AND) ||
                        (a->tb > 0 && nm__ent_keyeq(&c->tok[a->tb - 1], "between"));
            st->mark[a->te] = NM__MARK_NAME;
            a->te = b->te;
            a->end = b->end;
            nm_str an = a->norm;
            a->norm = (nm_str){c->rec->text.ptr + a->start, a->end - a->start};
            /* both ends fixed in ISO form, in order: the ISO interval "2025-09-01/2025-09-05" */
            if (range && iso_norm(an) && iso_norm(b->norm) && an.len + 1 + b->norm.len <= 64) {
                char buf[64];
                size_t n = an.len + 1 + b->norm.len;
                size_t ml = an.len < b->norm.len ? an.len : b->norm.len;
                int cmp = memcmp(an.ptr, b->norm.ptr, ml);
                if (cmp < 0 || (cmp == 0 && an.len < b->norm.len)) {
                    memcpy(buf, an.ptr, an.len);
                    buf[an.len] = '/';
                    memcpy(buf + an.len + 1, b->norm.ptr, b->norm.len);
                    char *p = nm__arena_strndup(&c->rec->arena, buf, n);
                    if (p == NULL)
                        return NM_ERR_NOMEM;
                    a->norm = (nm_str){p, n};
                }
            }
            continue;
        }
        st->cands.v[w++] = *b;
    }
    st->cands.n = w;
    return NM_OK;
}

int nm__ent_token_pass(nm__ent_state *st, const nm__ent_shared *sh, const nm_record *rec) {
    size_t n = rec->tokens.n;
    const nm_token *tok = rec->tokens.v;
    if (n > st->widcap) {
        uint16_t *w = realloc(st->wid, n * sizeof *w);
        if (w == NULL)
            return NM_ERR_NOMEM;
        st->wid = w;
        uint8_t *cl = realloc(st->cls, n + NM__CLS_PAD);
        if (cl == NULL)
            return NM_ERR_NOMEM;
        st->cls = cl;
        uint64_t *wc = realloc(st->wcand, n * sizeof *wc);
        if (wc == NULL)
            return NM_ERR_NOMEM;
        st->wcand = wc;
        uint64_t *lh = realloc(st->lhash, n * sizeof *lh);
        if (lh == NULL)
            return NM_ERR_NOMEM;
        st->lhash = lh;
        st->widcap = n;
    }
    const nm__numex_words *nw = sh->numex;
    uint16_t *wid = st->wid;
    uint8_t *cls = st->cls;
    uint64_t *cand = st->wcand, *caps = st->lhash;
    /* the ends of the two lists the loop below makes: pointers, not base and count, so that
       each takes one register */
    uint64_t *cand_end = cand, *caps_end = caps;
    size_t nif = 0;
    uint64_t lsig[64]; /* st->lsig, here on the stack: one pointer fewer to keep in a register */
    memset(lsig, 0, sizeof lsig);
    memset(wid, 0, n * sizeof *wid); /* set below for the few listed words */
    for (size_t i = 0; i < n; i++) {
        const nm_token *t = &tok[i];
        size_t kl = t->key.len;
        /* the type and flags give most of the class in one table load (token_shape): no
           branch on the type, which changes from token to token as the text goes */
        unsigned shape = nw->ftab[(unsigned)nw->tclass[t->type & 255] << 11 | (t->flags & 0x7FF)];
        unsigned cl = shape & 0xFF;
        if (kl != 0) {
            const char *k = t->key.ptr;
            /* one signature per token: its gate bit says whether the word may be listed (its
               place in the numeric word table: a word id for the rules to test) or may open
               a name written lower case. Data the branch predictor cannot learn (two words
               in five pass), so this loop decides without branches: a word that may be
               listed (LOOK) or may open a lower-case name (FT_STEM) and passes the gate goes
               on the candidate list, looked up below, and so does a possessive non-stop word
               (its stem, "qaida" of "qaida's", has its own signature). */
            uint32_t sig = nm__ent_sig32(k, kl), b = (sig >> OCC_SHIFT) & 63;
            _Static_assert(FT_GATE == 1u << 8 && FT_ALWAYS == 1u << 9 && NM__TC_LOWERW == 1u << 5,
                           "the shifts below");
            *cand_end = (uint64_t)sig << 32 | i;
            cand_end += (((uint32_t)(nw->gate[sig >> (OCC_SHIFT + 6)] >> b) & shape >> 8) |
                         shape >> 9) & 1;
            /* a lower-case non-stop word (NM__TC_LOWERW, from the shape): its bit in st->lsig
               (lower_seen's filter; a word of 1-2 bytes, never asked about, only sets a bit) */
            lsig[(sig >> (OCC_SHIFT + 6)) & 63] |= (uint64_t)(shape >> 5 & 1) << b;
        }
        if (NM__ENT_RARE(shape & FT_AL)) {
            /* "al-Qaida", "el-Sisi": a lower-case Arabic article glued to a name */
            const char *p = rec->text.ptr + t->start;
            if (t->end - t->start > 3 && (p[0] == 'a' || p[0] == 'e') && p[1] == 'l' &&
                p[2] == '-' && p[3] >= 'A' && p[3] <= 'Z')
                cl |= NM__TC_NAME;
        }
        cls[i] = (uint8_t)cl;
        *caps_end = i; /* a capitalised word: on the list of lookups to prefetch below */
        caps_end += cl & NM__TC_NAME;
    }
    size_t nc = (size_t)(cand_end - cand), np = (size_t)(caps_end - caps);
    memset(cls + n, 0, NM__CLS_PAD); /* nm__ent_next_cls reads these */
    memcpy(st->lsig, lsig, sizeof lsig);
    /* the words on the candidate list: their lower-case-name bit, then their word ids. Most
       may be listed and are ("the", "of", "said"), so these branches go one way (a word of
       13+ bytes finds none: no listed word is that long; punctuation of 4+ bytes finds none
       either: the listed signs are "-" and an en dash, nm__numex_load) */
    const uint64_t *lsigs = nm__lexicon_lower_sigs(sh->lex);
    for (size_t c = 0; c < nc; c++) {
        size_t i = (uint32_t)cand[c];
        const nm_token *t = &tok[i];
        size_t kl = t->key.len;
        uint32_t sig = (uint32_t)(cand[c] >> 32), h = word_slot0(sig);
        unsigned shape = nw->ftab[(unsigned)nw->tclass[t->type & 255] << 11 | (t->flags & 0x7FF)];
        /* a non-stop word whose bit in the lexicon's filter is set may open a name written
           lower case (no false negatives: names_pass looks such a word up); a possessive by
           its stem's signature */
        uint32_t ls = sig;
        if (NM__ENT_RARE(shape & FT_POSS))
            ls = nm__ent_sig32(t->key.ptr, nm__lexicon_poss_stem(t->key.ptr, kl)); /* >= 1 */
        ls >>= NM__LEX_LSIG_SHIFT;
        _Static_assert(NM__TC_LOWERGAZ == 2 && FT_STEM >> 11 == 2, "FT_STEM to LOWERGAZ");
        cls[i] |= (uint8_t)((uint32_t)(lsigs[ls >> 6] >> (ls & 63)) << 1 & shape >> 11 &
                            NM__TC_LOWERGAZ);
        if (NM__ENT_RARE(!(shape & LOOK)))
            continue; /* on the list for the filter above only: never looked up */
        /* a word of at most 8 bytes in its first slot ("february": its first and last four
           bytes are all of it): one test, no branch on its length */
        if (((nw->slot[h].sig ^ sig) | (nw->slot[h].kv ^ word_kv(t->key.ptr, kl)) |
             ((kl + 7) >> 4)) != 0)
            h = word_find_far(nw, t->key.ptr, kl, sig);
        if (nw->slot[h].id != 0) {
            wid[i] = nw->slot[h].id;
            cls[i] |= (uint8_t)(nw->slot[h].tc & (shape >> 16)); /* LK_NUMEX, LK_SUFFIX */
            /* a conditional starter ("the", "a", "that": most of the numeric pass's starts)
               is kept for the step below (cand[nif], nif <= c, was read already) */
            cand[nif] = i;
            nif += nw->slot[h].cond;
        }
    }
    /* A conditional starter starts a numeric entity only if the next word meets its condition
       (cond_start's answer, which depends on this pass's data alone): the numeric pass never
       stops at the others. In token order, so cls[i + 1] still has the NM__TC_NUMEX the pass
       gave it. Without branches: the condition holds about one time in ten. */
    for (size_t c = 0; c < nif; c++) {
        size_t i = cand[c];
        unsigned ok = 0;
        if (NM__ENT_RARE(i + 1 >= n))
            ok = 0; /* the last token: nothing follows */
        else
            ok = nw->wbits[wid[i]] &
                 (nw->nexts[wid[i + 1]] | ((cls[i + 1] & NM__TC_NUMEX) ? WB_IF_NEXT : 0));
        cls[i] &= (uint8_t)~(ok ? 0 : NM__TC_NUMEX);
    }
    /* The capitalised words not in the word lists (caps[0..np), their indexes) are looked up
       in the lexicon later, by names_pass after the numeric pass: start loading what those
       lookups read now, so they find it in cache instead of waiting on memory one at a time
       (and keep each key's hash in st->lhash, where caps was, for them). The list is made
       in the loop above without a branch: a scan of the class bytes after it mispredicts
       at most capitalised words (perf: the token pass +6% time). */
    _Static_assert(NM__TC_NAME == 1, "caps_end counts cl & NM__TC_NAME");
    size_t nl = 0; /* less the listed words: tok_entry_fill has theirs from the word lists */
    for (size_t c = 0; c < np; c++) {
        size_t i = caps[c];
        cand[nl] = i; /* cand is free again */
        nl += wid[i] == 0;
    }
    nm__lexicon_prefetch_tokens(sh->lex, tok, cand, nl, st->lhash);
    st->npf = nl;
    return NM_OK;
}

/* Can the unlisted hyphenated word-like token at i start a numeric entity? Only as a duration
   adjective ("three-day"), a decade ("mid-1980s"), a month or year with a period word
   ("mid-March", "end-1986") or a written number ("twenty-five"), and
   only as an NM_TOK_WORD: every other rule wants a listed word or a numeric token type. */
static int hyphen_may_start(const numex_ctx *c, size_t i) {
    const nm_token *t = &c->tok[i];
    return t->type == NM_TOK_WORD &&
           (duration_tail(t) || decade_word(c, i) || numword_first(c, t) ||
            period_word(c, i, &(int){0}, &(int){0}));
}

int nm__numex_run(nm__ent_state *st, const nm__ent_shared *sh, nm_record *rec) {
    numex_ctx c = {st, sh, rec, rec->tokens.v, rec->tokens.n, 0, 0, 0, SIZE_MAX, 0, {0, 0},
                   st->wid, sh->numex};
    /* st->wid was filled by nm__ent_token_pass */
    int32_t ymd = nm__record_date_ymd(rec);
    if (ymd > 0) {
        c.doc_y = ymd / 10000;
        c.doc_m = ymd / 100 % 100;
        c.doc_d = ymd % 100;
    }
    for (size_t i = 0; i < c.n;) {
        i = nm__ent_next_cls(st->cls, i, c.n, NM__TC_NUMEX);
        if (i >= c.n)
            break;
        if (st->mark[i] != NM__MARK_FREE) {
            i++;
            continue;
        }
        c.memo_i = SIZE_MAX; /* a new position: marks may have changed since the last answer */
        const nm_token *t = &c.tok[i];
        size_t used = 0;
        int rc = NM_OK;
        if (t->type == NM_TOK_DATE) {
            rc = numeric_date(&c, i, &used);
        } else if (NM__ENT_RARE((t->flags & (NM_TF_HAS_DIGIT | NM_TF_HYPHEN)) ==
                                    NM_TF_HAS_DIGIT &&
                                NM_TOK_IS_WORD(t->type))) {
            /* a word with digits ("FY1987", "Q1"; the token pass marks only those of type
               NM_TOK_WORD) */
            rc = try_code_date(&c, i, &used);
        } else if (NM__ENT_RARE((t->flags & NM_TF_HYPHEN) && st->wid[i] == 0) &&
                   NM_TOK_IS_WORD(t->type) && !hyphen_may_start(&c, i)) {
            /* an unlisted hyphenated word ("long-term", "so-called"): none of the rules below
               reads it, but a duration, a decade or a written number */
        } else {
            /* only a listed word (a conditional one where its condition holds), a number or a
               hyphenated word can start a numeric entity (the token pass gave NM__TC_NUMEX to
               those alone) */
            /* durations and times first: "10-year" and "1430 GMT" are no years */
            rc = try_duration(&c, i, &used);
            if (rc == NM_OK && used == 0)
                rc = try_time(&c, i, &used);
            if (rc == NM_OK && used == 0)
                rc = try_date(&c, i, &used);
            if (rc == NM_OK && used == 0)
                rc = try_relative(&c, i, &used);
            if (rc == NM_OK && used == 0)
                rc = try_ordinal(&c, i, &used);
            if (rc == NM_OK && used == 0)
                rc = try_number(&c, i, &used);
        }
        if (rc != NM_OK)
            return rc;
        i += used ? used : 1;
    }
    return merge_ranges(&c);
}
