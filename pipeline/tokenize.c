/*
 * tokenize.c — the tokenize stage: news-aware tokens and sentences (conventions in tokenize.h).
 *
 * A hand-written scanner in the spirit of libpostal's scanner.re: at each non-space position
 * the first byte picks a sub-scanner (word, number, punctuation, URL, ...), which returns the
 * token end; every sub-scanner only moves forward, and look-aheads that could fail repeatedly
 * on the same bytes (e-mail and domain tests in "a.a.a.a...") remember how far they failed, so
 * the whole pass is linear. ASCII is classified by a 256-entry table; code points >= U+0080 by
 * utf8proc's category and grapheme-break tables.
 *   "Mr. Smith paid US$5.2bn." => ABBREV WORD WORD CURRENCY NUMBER WORD PUNCT, one sentence.
 * Sentence splitting is a second pass over the tokens (nm__sentences) that looks at the gaps
 * between them for line breaks; the stage's tokenizer marks the tokens that pass must look at
 * (punctuation that can end a sentence, abbreviations, gaps wider than one space), so it skips
 * the rest 64 at a time.
 */
#include "tokenize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "fail.h"
#include "stage.h"

/* ---- character classes ------------------------------------------------------------------- */

enum { C_SP = 1, C_UP = 2, C_LO = 4, C_DG = 8, C_PU = 16, C_SY = 32, C_CT = 64, C_HI = 128 };
#define C_AL (C_UP | C_LO)
#define C_AN (C_UP | C_LO | C_DG)

static const unsigned char cls[256] = {
    C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_SP, C_SP, C_SP, C_SP, C_SP, C_CT, C_CT,
    C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_CT, C_SP, C_SP, C_SP, C_SP,
    C_SP, C_PU, C_PU, C_SY, C_SY, C_SY, C_SY, C_PU, C_PU, C_PU, C_SY, C_SY, C_PU, C_PU, C_PU, C_SY,
    C_DG, C_DG, C_DG, C_DG, C_DG, C_DG, C_DG, C_DG, C_DG, C_DG, C_PU, C_PU, C_SY, C_SY, C_SY, C_PU,
    C_SY, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP,
    C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_UP, C_PU, C_SY, C_PU, C_SY, C_SY,
    C_SY, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO,
    C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_LO, C_PU, C_SY, C_PU, C_SY, C_CT,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
    C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI, C_HI,
};

/* Classes of code points >= U+0080. */
typedef enum uclass {
    U_SPACE,
    U_UPPER,    /* Lu Lt */
    U_LOWER,    /* Ll */
    U_LETTER,   /* Lm Lo outside the ideograph ranges */
    U_IDEO,     /* Han, kana */
    U_MARK,     /* Mn Mc Me */
    U_DIGIT,    /* Nd */
    U_NUMO,     /* Nl No: ½ ² Ⅻ */
    U_FORMAT,   /* Cf: ZWJ, soft hyphen, BOM */
    U_PUNCT,    /* P* */
    U_SYMBOL,   /* Sm Sk So */
    U_CURRENCY, /* Sc */
    U_EMOJI,    /* starts an emoji cluster */
    U_OTHER     /* Cc Co Cs Cn Zl Zp handled as space */
} uclass;

static int is_uspace(int32_t cp) {
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int is_ideo(int32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3005 && cp <= 0x3007) ||
           (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3031 && cp <= 0x3035) ||
           (cp >= 0x3038 && cp <= 0x303C) || (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Emoji presentation by default: the big emoji blocks and misc symbols/dingbats. Other
 * Extended_Pictographic characters (© ® ™ ↔) are emoji only with U+FE0F after them. */
static int is_emoji_block(int32_t cp) {
    return cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
           (cp >= 0x231A && cp <= 0x23FF);
}

static uclass uclass_of(int32_t cp, const uint8_t *next, size_t next_len) {
    if (is_uspace(cp))
        return U_SPACE;
    if (cp >= 0x91 && cp <= 0x97) /* cp1252 quotes, bullet and dashes decoded as Latin-1 C1 */
        return U_PUNCT;
    const utf8proc_property_t *pr = utf8proc_get_property(cp);
    if (pr->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
        pr->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) {
        if (pr->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR || is_emoji_block(cp))
            return U_EMOJI;
        /* U+FE0F (EF B8 8F) selects emoji presentation */
        if (next_len >= 3 && next[0] == 0xEF && next[1] == 0xB8 && next[2] == 0x8F)
            return U_EMOJI;
    }
    switch (pr->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return U_UPPER;
    case UTF8PROC_CATEGORY_LL: return U_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return is_ideo(cp) ? U_IDEO : U_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return U_MARK;
    case UTF8PROC_CATEGORY_ND: return U_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return is_ideo(cp) ? U_IDEO : U_NUMO;
    case UTF8PROC_CATEGORY_CF: return U_FORMAT;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return U_PUNCT;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return U_SYMBOL;
    case UTF8PROC_CATEGORY_SC: return U_CURRENCY;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_ZS: return U_SPACE;
    default: return U_OTHER;
    }
}

/* ---- scanner ----------------------------------------------------------------------------- */

typedef struct scan {
    const uint8_t *s;
    size_t n;
    size_t email_fail;  /* e-mail look-ahead found no '@' before this offset */
    size_t domain_fail; /* domain look-ahead failed up to this offset */
    size_t at_next;     /* offset of the next '@' (n: none) when > the offset asked about */
} scan;

static inline unsigned at(const scan *sc, size_t i) {
    return i < sc->n ? sc->s[i] : 0u;
}
static inline unsigned cl(const scan *sc, size_t i) {
    return i < sc->n ? cls[sc->s[i]] : 0u;
}

/* Decodes the code point at i into *cp; returns its length (1 for an invalid byte, *cp = -1). */
static size_t decode(const scan *sc, size_t i, int32_t *cp) {
    utf8proc_int32_t c;
    size_t avail = sc->n - i;
    utf8proc_ssize_t k = utf8proc_iterate(sc->s + i, (utf8proc_ssize_t)(avail < 4 ? avail : 4), &c);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

static uclass uclass_at(const scan *sc, size_t i, int32_t *cp, size_t *len) {
    *len = decode(sc, i, cp);
    if (*cp < 0)
        return U_OTHER;
    return uclass_of(*cp, sc->s + i + *len, sc->n - i - *len);
}

/* Length of a digit-group space (NBSP, figure, thin, narrow NBSP) at i, else 0. */
static size_t group_space(const scan *sc, size_t i) {
    unsigned b = at(sc, i);
    if (b == 0xC2 && at(sc, i + 1) == 0xA0)
        return 2;
    if (b == 0xE2 && at(sc, i + 1) == 0x80) {
        unsigned c = at(sc, i + 2);
        if (c == 0x87 || c == 0x89 || c == 0xAF)
            return 3;
    }
    return 0;
}

/* Apostrophe (' or U+2019) at i: its length, else 0. */
static size_t apostrophe(const scan *sc, size_t i) {
    unsigned b = at(sc, i);
    if (b == '\'')
        return 1;
    if (b == 0xE2 && at(sc, i + 1) == 0x80 && at(sc, i + 2) == 0x99)
        return 3;
    if (b == 0xC2 && at(sc, i + 1) == 0x92) /* U+0092: cp1252's ’ decoded as Latin-1 */
        return 2;
    return 0;
}

/* Word-joining hyphen (- U+2010 U+2011) at i: its length, else 0. */
static size_t hyphen(const scan *sc, size_t i) {
    unsigned b = at(sc, i);
    if (b == '-')
        return 1;
    if (b == 0xE2 && at(sc, i + 1) == 0x80 && (at(sc, i + 2) == 0x90 || at(sc, i + 2) == 0x91))
        return 3;
    return 0;
}

/* Is the character at i a letter or digit that can continue a word? */
static int word_char_at(const scan *sc, size_t i) {
    unsigned c = cl(sc, i);
    if (c & C_AN)
        return 1;
    if (!(c & C_HI))
        return 0;
    int32_t cp;
    size_t len;
    uclass u = uclass_at(sc, i, &cp, &len);
    return u == U_UPPER || u == U_LOWER || u == U_LETTER || u == U_DIGIT || u == U_NUMO;
}

static int letter_at(const scan *sc, size_t i) {
    unsigned c = cl(sc, i);
    if (c & C_AL)
        return 1;
    if (!(c & C_HI))
        return 0;
    int32_t cp;
    size_t len;
    uclass u = uclass_at(sc, i, &cp, &len);
    return u == U_UPPER || u == U_LOWER || u == U_LETTER;
}

static int ci_prefix(const scan *sc, size_t i, const char *lit) {
    for (size_t k = 0; lit[k]; k++) {
        unsigned b = at(sc, i + k);
        if (b >= 'A' && b <= 'Z')
            b += 32;
        if (b != (unsigned char)lit[k])
            return 0;
    }
    return 1;
}

/* ---- abbreviations ----------------------------------------------------------------------- */

enum {
    AB_TITLE = 1,
    AB_CAP = 2,
    AB_NUM = 4
}; /* never ends a sentence / needs a capital /
      only before a number */
typedef struct abbr {
    char w[8]; /* NUL-padded, so the 8 bytes compare as one number */
    unsigned char f;
} abbr;

/* Sorted (strcmp order) lower-case list: abbrev_find binary-searches it, so an entry out of
 * order is never found (test_table checks neighbours such as "brig" and "bros"). */
static const abbr abbrevs[] = {
    {"adm", AB_TITLE | AB_CAP},
    {"al", 0},
    {"ala", AB_CAP},
    {"alta", AB_CAP},
    {"amb", AB_TITLE | AB_CAP},
    {"approx", 0},
    {"apr", AB_CAP},
    {"ariz", AB_CAP},
    {"ark", AB_CAP},
    {"art", AB_NUM},
    {"assn", 0},
    {"assoc", 0},
    {"aug", AB_CAP},
    {"ave", AB_CAP},
    {"bhd", AB_CAP},
    {"blvd", AB_CAP},
    {"brig", AB_TITLE | AB_CAP},
    {"bros", 0},
    {"ca", 0},
    {"calif", AB_CAP},
    {"capt", AB_TITLE | AB_CAP},
    {"cf", 0},
    {"cmdr", AB_TITLE | AB_CAP},
    {"co", AB_CAP},
    {"col", AB_TITLE | AB_CAP},
    {"colo", AB_CAP},
    {"cong", AB_TITLE | AB_CAP},
    {"conn", AB_CAP},
    {"corp", 0},
    {"cos", AB_CAP},
    {"cpl", AB_TITLE | AB_CAP},
    {"dec", AB_CAP},
    {"del", AB_CAP},
    {"dept", 0},
    {"det", AB_TITLE | AB_CAP},
    {"dr", AB_TITLE | AB_CAP},
    {"ed", AB_NUM},
    {"eds", 0},
    {"esq", AB_CAP},
    {"est", 0},
    {"etc", 0},
    {"feb", AB_CAP},
    {"fig", AB_NUM},
    {"fla", AB_CAP},
    {"fr", AB_TITLE | AB_CAP},
    {"ft", 0},
    {"ga", AB_CAP},
    {"gen", AB_TITLE | AB_CAP},
    {"gov", AB_TITLE | AB_CAP},
    {"govt", 0},
    {"hon", AB_TITLE | AB_CAP},
    {"hr", AB_NUM},
    {"hrs", AB_NUM},
    {"ill", AB_CAP},
    {"inc", 0},
    {"incl", 0},
    {"ind", AB_CAP},
    {"insp", AB_TITLE | AB_CAP},
    {"intl", 0},
    {"jan", AB_CAP},
    {"jr", 0},
    {"jul", AB_CAP},
    {"jun", AB_CAP},
    {"kan", AB_CAP},
    {"kans", AB_CAP},
    {"ky", AB_CAP},
    {"la", AB_CAP},
    {"lt", AB_TITLE | AB_CAP},
    {"ltd", 0},
    {"maj", AB_TITLE | AB_CAP},
    {"mar", AB_CAP},
    {"mass", AB_CAP},
    {"md", AB_CAP},
    {"messrs", AB_TITLE | AB_CAP},
    {"mfg", 0},
    {"mich", AB_CAP},
    {"minn", AB_CAP},
    {"miss", AB_CAP},
    {"mlle", AB_TITLE | AB_CAP},
    {"mme", AB_TITLE | AB_CAP},
    {"mo", AB_CAP},
    {"mont", AB_CAP},
    {"mr", AB_TITLE | AB_CAP},
    {"mrs", AB_TITLE | AB_CAP},
    {"ms", AB_TITLE | AB_CAP},
    {"msgr", AB_TITLE | AB_CAP},
    {"mt", AB_TITLE | AB_CAP},
    {"neb", AB_CAP},
    {"nev", AB_CAP},
    {"no", AB_NUM},
    {"nos", AB_NUM},
    {"nov", AB_CAP},
    {"oct", AB_CAP},
    {"okla", AB_CAP},
    {"ont", AB_CAP},
    {"ore", AB_CAP},
    {"p", AB_NUM},
    {"pa", AB_CAP},
    {"para", AB_NUM},
    {"penn", AB_CAP},
    {"pp", AB_NUM},
    {"pres", AB_TITLE | AB_CAP},
    {"prof", AB_TITLE | AB_CAP},
    {"pty", AB_CAP},
    {"pvt", AB_TITLE | AB_CAP},
    {"que", AB_CAP},
    {"rd", AB_CAP},
    {"rep", AB_TITLE | AB_CAP},
    {"reps", AB_TITLE | AB_CAP},
    {"rev", AB_TITLE | AB_CAP},
    {"sec", AB_NUM},
    {"sen", AB_TITLE | AB_CAP},
    {"sens", AB_TITLE | AB_CAP},
    {"sep", AB_CAP},
    {"sept", AB_CAP},
    {"sgt", AB_TITLE | AB_CAP},
    {"sr", 0},
    {"st", AB_CAP},
    {"supt", AB_TITLE | AB_CAP},
    {"tenn", AB_CAP},
    {"tex", AB_CAP},
    {"univ", 0},
    {"va", AB_CAP},
    {"viz", 0},
    {"vol", AB_NUM},
    {"vols", AB_NUM},
    {"vs", 0},
    {"vt", AB_CAP},
    {"wash", AB_CAP},
    {"wis", AB_CAP},
    {"wyo", AB_CAP},
    {"yr", 0},
    {"yrs", 0},
};

/* Looks up the ASCII word s[0,len) (any case); returns the entry or NULL. */
static const abbr *abbrev_find(const uint8_t *s, size_t len) {
    char low[8] = {0};
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t k = 0; k < len; k++) {
        unsigned b = s[k];
        if (!(cls[b] & C_AL))
            return NULL;
        low[k] = (char)(b | 0x20);
    }
    /* big-endian 8-byte numbers of NUL-padded strings order as strcmp orders the strings */
    uint64_t key, w;
    memcpy(&key, low, 8);
    key = __builtin_bswap64(key);
    /* a search without a data-dependent branch: the last entry <= key is narrowed down in a
     * fixed number of halvings (conditional moves), then compared once. Most words looked up
     * are not abbreviations ("said." at a sentence end), and the branchy search mispredicted
     * two or three times per lookup (callgrind's branch model: a fifth of the tokenizer's
     * mispredictions on Reuters). */
    const abbr *base = abbrevs;
    for (size_t n = sizeof abbrevs / sizeof abbrevs[0]; n > 1;) {
        size_t half = n / 2;
        memcpy(&w, base[half].w, 8);
        base = __builtin_bswap64(w) <= key ? base + half : base;
        n -= half;
    }
    memcpy(&w, base->w, 8);
    return __builtin_bswap64(w) == key ? base : NULL;
}

/* Currency codes split from digits glued to them ("UAH3.04" => UAH 3.04): ISO 4217 codes
 * (current and historical, from corpora/lexicons/currencies.tsv, i.e. Debian iso-codes) and
 * RMB, less those that are English words or names when capitalised (ALL, TOP, CUP, SOS,
 * MOP, BOB, PEN, MAD, BAM, GEL, RON, SIT) and the test codes XXX, XTS. Sorted for bsearch. */
static const char iso_codes[][4] = {
    "AED", "AFN", "AMD", "ANG", "AOA", "ARA", "ARS", "ATS", "AUD", "AWG", "AZN", "BBD", "BDT",
    "BEF", "BGL", "BGN", "BHD", "BIF", "BMD", "BND", "BOV", "BRC", "BRL", "BSD", "BTN", "BWP",
    "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC",
    "CSK", "CUC", "CVE", "CYP", "CZK", "DDM", "DEM", "DJF", "DKK", "DOP", "DZD", "ECS", "EEK",
    "EGP", "ERN", "ESP", "ETB", "EUR", "FIM", "FJD", "FKP", "FRF", "GBP", "GHS", "GIP", "GMD",
    "GNF", "GRD", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "IEP", "ILS", "INR",
    "IQD", "IRR", "ISK", "ITL", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LTL", "LUF", "LVL", "LYD", "MDL",
    "MGA", "MKD", "MMK", "MNT", "MRU", "MTL", "MUR", "MVR", "MWK", "MXN", "MXP", "MXV", "MYR",
    "MZN", "NAD", "NGN", "NIO", "NLG", "NOK", "NPR", "NZD", "OMR", "PAB", "PEI", "PGK", "PHP",
    "PKR", "PLN", "PLZ", "PTE", "PYG", "QAR", "RMB", "ROL", "RSD", "RUB", "RWF", "SAR", "SBD",
    "SCR", "SDG", "SEK", "SGD", "SHP", "SKK", "SLE", "SLL", "SRD", "SSP", "STN", "SUR", "SVC",
    "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TRL", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
    "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VEF", "VES", "VND", "VUV", "WST", "XAF",
    "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XDR", "XEU", "XOF", "XPD", "XPF", "XPT",
    "XSU", "XUA", "YER", "YUN", "ZAR", "ZMW", "ZWD", "ZWL",
};

static int cmp_code(const void *a, const void *b) { return memcmp(a, b, 3); }

/* Signs in title case glued to a number in British and East African news ("Rmb500m",
 * "SFr5m", "KSh1.2bn"): the money lexicon's alphabetic signs. Sorted for bsearch. */
static const char glued_signs[][4] = {"KSh", "Ksh", "Rmb", "SFr", "Sfr",
                                       "TSh", "Tsh", "USh", "Ush"};

/* Is s[0, len) a currency code that may be glued to a number: an ISO code (UAH3.04, USD34.6),
 * Rs / Rp / RM / DM, or a title-case sign (Rmb500m, SFr5m)? */
static int currency_code(const uint8_t *s, size_t len) {
    if (len == 2)
        return (s[0] == 'R' && (s[1] == 's' || s[1] == 'p' || s[1] == 'M')) ||
               (s[0] == 'D' && s[1] == 'M');
    if (len != 3)
        return 0;
    if (s[1] >= 'a' || s[2] >= 'a')
        return bsearch(s, glued_signs, sizeof glued_signs / sizeof glued_signs[0],
                       sizeof glued_signs[0], cmp_code) != NULL;
    return bsearch(s, iso_codes, sizeof iso_codes / sizeof iso_codes[0], sizeof iso_codes[0],
                   cmp_code) != NULL;
}

/* ---- URLs, domains, e-mail --------------------------------------------------------------- */

static int is_tld(const uint8_t *s, size_t len) {
    static const char *const tlds[] = {
        "com", "org", "net", "gov", "edu", "int", "mil",  "info", "biz", "io", "co",
        "uk",  "de",  "fr",  "eu",  "ru",  "cn",  "jp",   "in",   "au",  "ca", "ch",
        "it",  "es",  "nl",  "ua",  "br",  "us",  "news", "tv",   "me",  "ly", "ai"};
    for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
        if (strlen(tlds[k]) == len && memcmp(s, tlds[k], len) == 0)
            return 1;
    return 0;
}

/* Characters allowed in a URL after its start: any non-space ASCII except "<>, and non-ASCII
 * letters/digits/marks (IRIs), but not quotes or other punctuation outside ASCII. */
static size_t url_tail(const scan *sc, size_t j) {
    while (j < sc->n) {
        unsigned b = sc->s[j];
        unsigned c = cls[b];
        if (c & (C_SP | C_CT))
            break;
        if (b == '"' || b == '<' || b == '>')
            break;
        if (c & C_HI) {
            int32_t cp;
            size_t len;
            uclass u = uclass_at(sc, j, &cp, &len);
            if (u != U_UPPER && u != U_LOWER && u != U_LETTER && u != U_MARK && u != U_DIGIT &&
                u != U_IDEO)
                break;
            j += len;
            continue;
        }
        j++;
    }
    return j;
}

/* Drops trailing sentence punctuation from the URL [i, j); keeps ')' that closes a '('. */
static size_t url_trim(const scan *sc, size_t i, size_t j) {
    while (j > i) {
        unsigned b = sc->s[j - 1];
        if (b == ')') {
            long depth = 0;
            for (size_t k = i; k < j; k++)
                depth += sc->s[k] == '(' ? 1 : sc->s[k] == ')' ? -1 : 0;
            if (depth >= 0)
                break;
            j--;
            continue;
        }
        if (b == '.' || b == ',' || b == ';' || b == ':' || b == '!' || b == '?' || b == '\'' ||
            b == ']' || b == '}')
            j--;
        else
            break;
    }
    return j;
}

/* A domain at i: labels of [A-Za-z0-9-] joined by '.', ending in a TLD; returns its end or 0.
 * *lower says whether it has no capitals. */
static size_t domain_at(const scan *sc, size_t i, int *labels, int *lower) {
    size_t j = i, last = i;
    *labels = 0;
    *lower = 1;
    for (;;) {
        size_t k = j;
        while (k < sc->n && ((cls[sc->s[k]] & C_AN) || (sc->s[k] == '-' && k > j))) {
            if (cls[sc->s[k]] & C_UP)
                *lower = 0;
            k++;
        }
        if (k == j)
            break;
        (*labels)++;
        last = j;
        j = k;
        if (at(sc, j) == '.' && (cl(sc, j + 1) & C_AN))
            j++;
        else
            break;
    }
    if (*labels < 2)
        return 0;
    size_t tl = j - last;
    char low[8];
    if (tl >= sizeof low || tl < 2)
        return 0;
    for (size_t k = 0; k < tl; k++)
        low[k] = (char)(sc->s[last + k] | 0x20);
    if (!is_tld((const uint8_t *)low, tl))
        return 0;
    return j;
}

/* An e-mail address starting at i (a word start): its end, or 0. */
static size_t email_at(scan *sc, size_t i) {
    if (i < sc->email_fail)
        return 0;
    if (sc->at_next <= i) { /* one memchr per '@' (or one in all) instead of a scan per word */
        const uint8_t *p = memchr(sc->s + i, '@', sc->n - i);
        sc->at_next = p ? (size_t)(p - sc->s) : sc->n;
    }
    if (sc->at_next >= sc->n)
        return 0; /* no '@' ahead: no e-mail address */
    size_t j = i;
    while (j < sc->n) {
        unsigned b = sc->s[j];
        if ((cls[b] & C_AN) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-')
            j++;
        else
            break;
    }
    if (at(sc, j) != '@' || j == i || sc->s[j - 1] == '.') {
        sc->email_fail = j;
        return 0;
    }
    int labels, lower;
    size_t e = domain_at(sc, j + 1, &labels, &lower);
    if (e == 0) {
        /* accept any two-label domain with an alphabetic last label of 2+ letters */
        size_t k = j + 1, dot = 0;
        while (k < sc->n && ((cls[sc->s[k]] & C_AN) || sc->s[k] == '-' ||
                             (sc->s[k] == '.' && (cl(sc, k + 1) & C_AN))))
            dot = sc->s[k++] == '.' ? k : dot;
        if (dot == 0 || k - dot < 2) {
            sc->email_fail = j + 1;
            return 0;
        }
        for (size_t t = dot; t < k; t++)
            if (!(cls[sc->s[t]] & C_AL)) {
                sc->email_fail = j + 1;
                return 0;
            }
        e = k;
    }
    return e;
}

/* ---- HTML character references --------------------------------------------------------- */

/* The named character references of HTML 4.01 (W3C Recommendation, 24 December 1999,
 * section 24 "Character entity references in HTML 4": the 96 Latin-1 ones &nbsp;..&yuml;,
 * the 124 symbols and Greek letters &fnof;..&diams;, the 32 special ones &quot;..&euro;),
 * and &apos; (XML 1.0, HTML5): name and code point, sorted by the names' bytes (names are
 * case-sensitive: &Eacute; is not &eacute;) for a binary search. */
static const struct html_name {
    char name[9];
    int32_t cp;
} html_names[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0}, {"Alpha", 0x391},
    {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Beta", 0x392}, {"Ccedil", 0xC7},
    {"Chi", 0x3A7}, {"Dagger", 0x2021}, {"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9},
    {"Ecirc", 0xCA}, {"Egrave", 0xC8}, {"Epsilon", 0x395}, {"Eta", 0x397}, {"Euml", 0xCB},
    {"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC}, {"Iota", 0x399},
    {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Ntilde", 0xD1},
    {"Nu", 0x39D}, {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2},
    {"Omega", 0x3A9}, {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6},
    {"Phi", 0x3A6}, {"Pi", 0x3A0}, {"Prime", 0x2033}, {"Psi", 0x3A8}, {"Rho", 0x3A1},
    {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE}, {"Tau", 0x3A4}, {"Theta", 0x398},
    {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5}, {"Uuml", 0xDC},
    {"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396}, {"aacute", 0xE1},
    {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"alefsym", 0x2135},
    {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220}, {"apos", 0x27},
    {"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4}, {"bdquo", 0x201E},
    {"beta", 0x3B2}, {"brvbar", 0xA6}, {"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7},
    {"cedil", 0xB8}, {"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663},
    {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A}, {"curren", 0xA4},
    {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193}, {"deg", 0xB0}, {"delta", 0x3B4},
    {"diams", 0x2666}, {"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"egrave", 0xE8},
    {"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5}, {"equiv", 0x2261},
    {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC}, {"exist", 0x2203},
    {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE},
    {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265}, {"gt", 0x3E}, {"hArr", 0x21D4},
    {"harr", 0x2194}, {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},
    {"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111}, {"infin", 0x221E}, {"int", 0x222B},
    {"iota", 0x3B9}, {"iquest", 0xBF}, {"isin", 0x2208}, {"iuml", 0xEF}, {"kappa", 0x3BA},
    {"lArr", 0x21D0}, {"lambda", 0x3BB}, {"lang", 0x2329}, {"laquo", 0xAB}, {"larr", 0x2190},
    {"lceil", 0x2308}, {"ldquo", 0x201C}, {"le", 0x2264}, {"lfloor", 0x230A}, {"lowast", 0x2217},
    {"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", 0x3C},
    {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5}, {"middot", 0xB7}, {"minus", 0x2212},
    {"mu", 0x3BC}, {"nabla", 0x2207}, {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260},
    {"ni", 0x220B}, {"not", 0xAC}, {"notin", 0x2209}, {"nsub", 0x2284}, {"ntilde", 0xF1},
    {"nu", 0x3BD}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"oelig", 0x153}, {"ograve", 0xF2},
    {"oline", 0x203E}, {"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295}, {"or", 0x2228},
    {"ordf", 0xAA}, {"ordm", 0xBA}, {"oslash", 0xF8}, {"otilde", 0xF5}, {"otimes", 0x2297},
    {"ouml", 0xF6}, {"para", 0xB6}, {"part", 0x2202}, {"permil", 0x2030}, {"perp", 0x22A5},
    {"phi", 0x3C6}, {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1}, {"pound", 0xA3},
    {"prime", 0x2032}, {"prod", 0x220F}, {"prop", 0x221D}, {"psi", 0x3C8}, {"quot", 0x22},
    {"rArr", 0x21D2}, {"radic", 0x221A}, {"rang", 0x232A}, {"raquo", 0xBB}, {"rarr", 0x2192},
    {"rceil", 0x2309}, {"rdquo", 0x201D}, {"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B},
    {"rho", 0x3C1}, {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"scaron", 0x161}, {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0xAD}, {"sigma", 0x3C3},
    {"sigmaf", 0x3C2}, {"sim", 0x223C}, {"spades", 0x2660}, {"sub", 0x2282}, {"sube", 0x2286},
    {"sum", 0x2211}, {"sup", 0x2283}, {"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3},
    {"supe", 0x2287}, {"szlig", 0xDF}, {"tau", 0x3C4}, {"there4", 0x2234}, {"theta", 0x3B8},
    {"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE}, {"tilde", 0x2DC}, {"times", 0xD7},
    {"trade", 0x2122}, {"uArr", 0x21D1}, {"uacute", 0xFA}, {"uarr", 0x2191}, {"ucirc", 0xFB},
    {"ugrave", 0xF9}, {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5}, {"uuml", 0xFC},
    {"weierp", 0x2118}, {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF},
    {"zeta", 0x3B6}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

size_t nm__html_entity(const char *p, size_t len, int32_t *cp) {
    const unsigned char *u = (const unsigned char *)p;
    if (len < 4 || u[0] != '&')
        return 0;
    size_t k = 1;
    if (u[1] == '#') {
        int hex = k + 1 < len && (u[2] | 0x20) == 'x';
        k = hex ? 3 : 2;
        uint32_t v = 0;
        size_t d0 = k;
        while (k < len && k - d0 < 7) {
            int h = u[k] >= '0' && u[k] <= '9'                            ? u[k] - '0'
                    : hex && (u[k] | 0x20) >= 'a' && (u[k] | 0x20) <= 'f' ? (u[k] | 0x20) - 'a' + 10
                                                                          : -1;
            if (h < 0)
                break;
            v = v * (hex ? 16u : 10u) + (uint32_t)h;
            k++;
        }
        if (k == d0 || k >= len || u[k] != ';' || v == 0 || v > 0x10FFFF ||
            (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = (int32_t)v;
        return k + 1;
    }
    if (!(cls[u[1]] & C_AL))
        return 0;
    while (k < len && k < 9 && (cls[u[k]] & C_AN)) /* "&sup2;", "&frac12;" */
        k++;
    if (k >= len || u[k] != ';' || k < 3)
        return 0;
    char name[9] = {0}; /* zero-padded as in the table */
    memcpy(name, p + 1, k - 1);
    size_t lo = 0, hi = sizeof html_names / sizeof html_names[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = memcmp(name, html_names[mid].name, sizeof name);
        if (c == 0) {
            *cp = html_names[mid].cp;
            return k + 1;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

size_t nm__html_apostrophe(const char *p, size_t len) {
    int32_t cp;
    size_t el = nm__html_entity(p, len, &cp);
    return el && (cp == '\'' || cp == 0x2019 || cp == 0x92) ? el : 0;
}

size_t nm__html_decode(char *d, const char *s, size_t len) {
    size_t m = 0;
    for (size_t k = 0; k < len;) {
        int32_t cp;
        size_t el = s[k] == '&' ? nm__html_entity(s + k, len - k, &cp) : 0;
        if (el == 0) {
            d[m++] = s[k++];
            continue;
        }
        m += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)d + m);
        k += el;
    }
    return m;
}

/* ---- sub-scanners ------------------------------------------------------------------------ */

typedef struct tokinfo {
    size_t end;
    unsigned type;
    unsigned flags;
    int shaped; /* flags already hold the shape flags of [start, end) */
} tokinfo;

/* Shape flags of a finished token s[i, j): CAP, ALLCAPS, HAS_ALPHA, HAS_DIGIT, NONASCII. */
/* Does s[i, j) hold an HTML character reference ("a?b=1&amp;c=2")? */
static __attribute__((noinline, cold)) int has_reference(const scan *sc, size_t i, size_t j) {
    for (const uint8_t *p = sc->s + i, *e = sc->s + j; (p = memchr(p, '&', (size_t)(e - p)));
         p++) {
        int32_t cp;
        if (nm__html_entity((const char *)p, (size_t)(e - p), &cp))
            return 1;
    }
    return 0;
}

static unsigned shape(const scan *sc, size_t i, size_t j) {
    unsigned acc = 0, first = 0;
    size_t k = i;
    for (; k < j; k++) {
        unsigned c = cls[sc->s[k]];
        if (c & C_HI)
            break;
        if (!first && (c & C_AL))
            first = c;
        acc |= c;
    }
    if (k < j) { /* non-ASCII tail */
        acc |= C_HI;
        while (k < j) {
            unsigned c = cls[sc->s[k]];
            if (!(c & C_HI)) {
                if (!first && (c & C_AL))
                    first = c;
                acc |= c;
                k++;
                continue;
            }
            int32_t cp;
            size_t len;
            uclass u = uclass_at(sc, k, &cp, &len);
            k += len;
            unsigned uc = u == U_UPPER ? C_UP : u == U_LOWER ? C_LO : 0;
            if (u == U_LETTER || u == U_IDEO)
                acc |= C_PU << 8; /* a caseless letter */
            if (u == U_DIGIT || u == U_NUMO)
                acc |= C_DG;
            if (uc) {
                if (!first)
                    first = uc;
                acc |= uc;
            } else if (!first && (u == U_LETTER || u == U_IDEO)) {
                first = C_SY; /* caseless first letter: not CAP */
            }
        }
    }
    unsigned f = 0;
    if (acc & (C_AL | (C_PU << 8)))
        f |= NM_TF_HAS_ALPHA;
    if (acc & C_DG)
        f |= NM_TF_HAS_DIGIT;
    if (acc & C_HI)
        f |= NM_TF_NONASCII;
    if (first == C_UP)
        f |= NM_TF_CAP;
    if ((acc & C_UP) && !(acc & C_LO))
        f |= NM_TF_ALLCAPS;
    if (acc & C_UP)
        f |= NM_TF_HAS_UPPER;
    /* a reference inside a URL, an e-mail or another token shaped here is decoded in its norm
     * as one inside a word is (NM__TF_REF), and as nm__normalize decodes it */
    if ((acc & C_SY) && j - i >= 4 && has_reference(sc, i, j))
        f |= NM__TF_REF;
    return f;
}

/* Does byte e after an ASCII letter run end a plain word, one that no scanner rule extends or
 * turns into something else? Whitespace (the C_SP bytes) and , ) ; " ? ! ] > (the last closes
 * the wire's "<TICKER>"): one bit test. After a digit run the same holds but for ',' (a digit
 * group separator). */
static inline int plain_end(unsigned e) {
    return (e < 64 && ((0xC8001207f0003e00ull >> e) & 1)) || e == ']';
}

/* Numbers, ordinals, dates and times from an ASCII digit (or '.' before a digit) at i. */
static tokinfo scan_number(const scan *sc, size_t i) {
    tokinfo t = {i, NM_TOK_NUMBER, 0, 0};
    size_t j = i;
    while (cl(sc, j) & C_DG)
        j++;
    size_t d1 = j - i;
    if (d1 > 0) {
        unsigned b = at(sc, j);
        if (plain_end(b) && b != ',') { /* "1987 " (most numbers): no rule below applies */
            t.end = j;
            t.shaped = 1;
            t.flags = NM_TF_HAS_DIGIT;
            return t;
        }
#define DG(k) (cl(sc, (k)) & C_DG)
#define V2(k) ((at(sc, (k)) - '0') * 10 + (at(sc, (k) + 1) - '0'))
        if (b == ':' && d1 <= 2 && DG(j + 1) && DG(j + 2) && !DG(j + 3)) {
            unsigned h = d1 == 1 ? at(sc, i) - '0' : V2(i);
            if (h <= 24 && V2(j + 1) <= 59) {
                j += 3;
                if (at(sc, j) == ':' && DG(j + 1) && DG(j + 2) && !DG(j + 3) && V2(j + 1) <= 60)
                    j += 3;
                t.end = j;
                t.type = NM_TOK_TIME;
                return t;
            }
        }
        if ((b == '-' || b == '/') && d1 == 4 && DG(j + 1) && DG(j + 2) && at(sc, j + 3) == b &&
            DG(j + 4) && DG(j + 5) && !DG(j + 6)) {
            unsigned m = V2(j + 1), d = V2(j + 4);
            if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                t.end = j + 6;
                t.type = NM_TOK_DATE;
                /* ISO 8601 date-time: 2024-05-01T10:30[:00[.123]][Z|+02:00] */
                size_t k = t.end;
                if (b == '-' && at(sc, k) == 'T' && DG(k + 1) && DG(k + 2) &&
                    at(sc, k + 3) == ':' && DG(k + 4) && DG(k + 5)) {
                    k += 6;
                    if (at(sc, k) == ':' && DG(k + 1) && DG(k + 2)) {
                        k += 3;
                        if (at(sc, k) == '.' && DG(k + 1))
                            for (k++; DG(k);)
                                k++;
                    }
                    if (at(sc, k) == 'Z')
                        k++;
                    else if ((at(sc, k) == '+' || at(sc, k) == '-') && DG(k + 1) && DG(k + 2) &&
                             at(sc, k + 3) == ':' && DG(k + 4) && DG(k + 5))
                        k += 6;
                    if (!word_char_at(sc, k))
                        t.end = k;
                }
                return t;
            }
        }
        if ((b == '/' || b == '.') && d1 <= 2 && DG(j + 1)) {
            size_t k = j + 1;
            while (DG(k) && k - j <= 3)
                k++;
            size_t d2 = k - j - 1;
            if (d2 <= 2 && at(sc, k) == b && DG(k + 1)) {
                size_t e = k + 1;
                while (DG(e) && e - k <= 5)
                    e++;
                size_t d3 = e - k - 1;
                if ((d3 == 4 || (d3 == 2 && b == '/')) && !DG(e)) {
                    t.end = e;
                    t.type = NM_TOK_DATE;
                    return t;
                }
            }
        }
#undef V2
    }
    int plain = 1, spaced = 0;
    for (;;) {
        unsigned b = at(sc, j);
        if ((b == ',' || b == '.') && DG(j + 1)) {
            j++;
            while (DG(j))
                j++;
            plain = 0;
            continue;
        }
        size_t g = group_space(sc, j);
        if (g && DG(j + g) && DG(j + g + 1) && DG(j + g + 2) && !DG(j + g + 3)) {
            j += g + 3;
            plain = 0;
            spaced = 1;
            continue;
        }
        break;
    }
#undef DG
    if (plain && d1 > 0) {
        unsigned a = at(sc, j) | 0x20, b = at(sc, j + 1) | 0x20;
        if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
             (a == 't' && b == 'h')) &&
            (cl(sc, j) & C_AL) && (cl(sc, j + 1) & C_AL) && !word_char_at(sc, j + 2)) {
            t.end = j + 2;
            t.type = NM_TOK_ORDINAL;
            return t;
        }
    }
    t.end = j;
    if (!spaced) { /* ASCII digits, commas and periods: the shape is known */
        t.shaped = 1;
        t.flags = NM_TF_HAS_DIGIT;
    }
    return t;
}

/* What an HTML character reference at s[j] ('&') does to the word s[i, j) it follows: joins
 * it where the character it stands for would, so "AT&amp;T" reads as "AT&T": a letter, digit or
 * mark ("Z&#252;rich", "Caf&eacute;"), an apostrophe ("don&#39;t", "Japan&#039;s", with
 * NM_TF_POSSESSIVE as "Japan's"), an ampersand by the AT&T rule ("AT&amp;T", "S&amp;P"). The
 * normalize stage decodes it (NM__TF_REF). Out of line: a '&' in a word is rare, and inlined
 * this cost the word loop instructions on every word. */
typedef struct wordref {
    size_t end;     /* the word's end so far */
    unsigned acc;   /* classes to add for the character */
    unsigned flags; /* NM__TF_REF (and NM_TF_POSSESSIVE) when it joins */
    int alpha, digit;
    int go; /* 0: no join, 1: the word goes on past end, 2: it ends at end */
} wordref;

static __attribute__((noinline, cold)) wordref word_ref(const scan *sc, size_t i, size_t j,
                                                        unsigned acc, int ascii_letters_only) {
    wordref r = {j, 0, 0, 0, 0, 0};
    int32_t cp;
    size_t el = nm__html_entity((const char *)sc->s + j, sc->n - j, &cp);
    if (el == 0)
        return r;
    if (cp == '\'' || cp == 0x2019 || cp == 0x92) {
        if (letter_at(sc, j + el)) {
            if ((at(sc, j + el) | 0x20) == 's' && !word_char_at(sc, j + el + 1))
                r.flags |= NM_TF_POSSESSIVE;
            r.flags |= NM__TF_REF;
            r.end = j + el;
            r.go = 1;
        } else if ((sc->s[j - 1] | 0x20) == 's' && !word_char_at(sc, j + el) &&
                   !(cl(sc, j - 2) & C_SP)) { /* "companies&#39;" */
            r.flags |= NM_TF_POSSESSIVE | NM__TF_REF;
            r.end = j + el;
            r.go = 2;
        }
        return r;
    }
    if (cp == '&') { /* AT&amp;T, S&amp;P, M&amp;A */
        if (ascii_letters_only && !(acc & C_LO) && j - i <= 3 && (cl(sc, j + el) & C_UP)) {
            size_t k = j + el;
            while ((cl(sc, k) & C_UP) && k - j - el < 4)
                k++;
            if (!word_char_at(sc, k)) {
                r.flags = NM__TF_REF;
                r.end = k;
                r.go = 2;
            }
        }
        return r;
    }
    unsigned c = cp < 0x80 ? cls[cp] & C_AN : 0;
    uclass u = cp < 0x80 ? U_OTHER : uclass_of(cp, NULL, 0);
    if (c || u == U_UPPER || u == U_LOWER || u == U_LETTER || u == U_DIGIT || u == U_NUMO ||
        u == U_MARK || u == U_FORMAT) { /* format: "&shy;", as a soft hyphen joins */
        r.acc = c | (u == U_UPPER ? C_UP : u == U_LOWER ? C_LO : 0u);
        r.alpha = u == U_LETTER;
        r.digit = u == U_DIGIT || u == U_NUMO;
        r.flags = NM__TF_REF;
        r.end = j + el;
        r.go = 1;
    }
    return r;
}

static tokinfo scan_word_from(scan *sc, size_t i, size_t j, unsigned acc);

/* A word opened at s[i] by an HTML reference (el bytes) to code point cp >= 0x80: "&Eacute;cole"
 * starts as "École" would, with the letter's case (the normalize stage decodes it,
 * NM__TF_REF), when cp is a letter and a letter (or a non-ASCII character, which the word
 * scan reads) follows; else a token of another type (the caller's symbol). Out of line and
 * cold: such a reference is rare. */
static __attribute__((noinline, cold)) tokinfo ref_word(scan *sc, size_t i, size_t el,
                                                        int32_t cp) {
    tokinfo none = {i, NM_TOK_SYMBOL, 0, 0};
    uclass u = uclass_of(cp, NULL, 0);
    if (!(u == U_UPPER || u == U_LOWER || u == U_LETTER) || !(cl(sc, i + el) & (C_AL | C_HI)))
        return none;
    tokinfo w = scan_word_from(sc, i, i + el, u == U_UPPER ? C_UP : u == U_LOWER ? C_LO : 0);
    if (w.type != NM_TOK_WORD)
        return none;
    w.flags |= NM__TF_REF | (u == U_UPPER ? NM_TF_CAP : 0u) |
               (u == U_LETTER ? NM_TF_HAS_ALPHA : 0u);
    return w;
}

/* Words (and what a word start can turn into: URL, e-mail, abbreviation, US$). [i, j) is an
 * ASCII letter run already read (may be empty), acc the classes of its letters. */
static tokinfo scan_word_from(scan *sc, size_t i, size_t j, unsigned acc) {
    tokinfo t = {i, NM_TOK_WORD, 0, 0};
    const uint8_t *s = sc->s;
    size_t n = sc->n;
    int ascii_letters_only = 1; /* so far only ASCII letters */
    int has_digit = 0, has_alpha = 0, nonascii = 0;
    for (;;) {
        /* the common case: a run of ASCII letters and digits */
        while (j < n) {
            unsigned c = cls[s[j]];
            if (c & C_AL) {
                acc |= c;
                j++;
                continue;
            }
            if (!(c & C_DG))
                break;
            if (ascii_letters_only) {
                if (j > i && currency_code(s + i, j - i))
                    goto done; /* USD34.6 */
                ascii_letters_only = 0;
            }
            acc |= c;
            j++;
        }
        if (j >= n)
            break;
        unsigned c = cls[s[j]];
        if (c & C_HI) {
            int32_t cp;
            size_t len;
            uclass u = uclass_at(sc, j, &cp, &len);
            nonascii = 1;
            if (u == U_UPPER || u == U_LOWER || u == U_LETTER) {
                has_alpha = 1;
            } else if (u == U_DIGIT || u == U_NUMO) {
                has_digit = 1;
            } else if (u == U_MARK || u == U_FORMAT) {
                if (j == i)
                    break;
            } else {
                /* curly apostrophe and Unicode hyphens are handled below */
                size_t a = apostrophe(sc, j), h = a ? 0 : hyphen(sc, j);
                if (a && j > i) {
                    if (letter_at(sc, j + a)) {
                        j += a;
                        ascii_letters_only = 0;
                        continue;
                    }
                    if ((sc->s[j - 1] | 0x20) == 's' && !word_char_at(sc, j + a)) {
                        j += a;
                        t.flags |= NM_TF_POSSESSIVE;
                    }
                } else if (h && j > i && word_char_at(sc, j + h)) {
                    j += h;
                    t.flags |= NM_TF_HYPHEN;
                    ascii_letters_only = 0;
                    continue;
                }
                break;
            }
            ascii_letters_only = 0;
            j += len;
            continue;
        }
        /* ASCII punctuation or symbol inside a word? */
        unsigned b = at(sc, j);
        if (b == '\'' && j > i) {
            if (letter_at(sc, j + 1)) {
                j++;
                ascii_letters_only = 0;
                continue;
            }
            if ((sc->s[j - 1] | 0x20) == 's' && !word_char_at(sc, j + 1) &&
                !(cl(sc, j - 2) & C_SP)) {
                j++;
                t.flags |= NM_TF_POSSESSIVE;
            }
            break;
        }
        if (b == '-' && j > i && word_char_at(sc, j + 1) &&
            !((cl(sc, j + 1) & C_AL) && at(sc, j + 2) == '.' && (cl(sc, j + 3) & C_AL) &&
              at(sc, j + 4) == '.')) { /* not before initials: anti-U.S. */
            j++;
            t.flags |= NM_TF_HYPHEN;
            ascii_letters_only = 0;
            continue;
        }
        if (b == '&' && j > i) { /* AT&T, S&P, M&A; references: AT&amp;T, Z&#252;rich */
            wordref r = word_ref(sc, i, j, acc, ascii_letters_only);
            acc |= r.acc;
            has_alpha |= r.alpha;
            has_digit |= r.digit;
            t.flags |= r.flags;
            j = r.end;
            if (r.go == 1) {
                ascii_letters_only = 0;
                continue;
            }
            if (r.go == 2)
                break;
        }
        if (b == '&' && ascii_letters_only && !(acc & C_LO) && j - i <= 3 &&
            (cl(sc, j + 1) & C_UP)) {
            /* AT&T, S&P, M&A */
            size_t k = j + 1;
            while ((cl(sc, k) & C_UP) && k - j <= 4)
                k++;
            if (!word_char_at(sc, k)) {
                j = k;
                break;
            }
        }
        break;
    }
done:
    t.end = j;
    size_t wl = j - i;
    has_alpha |= (acc & C_AL) != 0;
    has_digit |= (acc & C_DG) != 0;
    if (!nonascii) { /* shape flags from the scan: the first byte is the first letter */
        t.shaped = 1;
        t.flags |= (acc & C_AL ? NM_TF_HAS_ALPHA : 0u) | (acc & C_DG ? NM_TF_HAS_DIGIT : 0u) |
                   (cls[s[i]] & C_UP ? NM_TF_CAP : 0u) |
                   ((acc & C_UP) && !(acc & C_LO) ? NM_TF_ALLCAPS : 0u) |
                   (acc & C_UP ? NM_TF_HAS_UPPER : 0u);
    }
    unsigned b = at(sc, j);

    /* e-mail: the local part may hold . _ % + - so look ahead from the word start */
    if ((b == '@' || b == '.' || b == '_' || b == '+' || b == '%' || b == '-') &&
        (cls[sc->s[i]] & C_AN)) {
        size_t e = email_at(sc, i);
        if (e) {
            t.end = e;
            t.type = NM_TOK_EMAIL;
            t.flags = 0;
            return t;
        }
    }
    if (b == '.' && ascii_letters_only && wl > 0) {
        /* initials: U.S. J.R.R. e.g. a.m. */
        if (wl == 1 && (cl(sc, j + 1) & C_AL) && at(sc, j + 2) == '.') {
            size_t k = j;
            while (at(sc, k) == '.' && (cl(sc, k + 1) & C_AL) && at(sc, k + 2) == '.')
                k += 2;
            t.end = k + 1;
            t.type = NM_TOK_ABBREV;
            return t;
        }
        /* domain names: lower-case, known TLD ("reuters.com"), then an optional path */
        if ((cl(sc, j + 1) & C_AL) && i >= sc->domain_fail) {
            int labels, lower;
            size_t e = domain_at(sc, i, &labels, &lower);
            if (e && (lower || at(sc, e) == '/')) {
                if (at(sc, e) == '/')
                    e = url_trim(sc, i, url_tail(sc, e));
                t.end = e;
                t.type = NM_TOK_URL;
                t.flags = 0;
                return t;
            }
            if (!e)
                sc->domain_fail = j + 1;
        }
        const abbr *a = abbrev_find(sc->s + i, wl);
        if (a) {
            int ok = 1;
            if ((a->f & AB_CAP) && !(cls[sc->s[i]] & C_UP))
                ok = 0;
            if (a->f & AB_NUM) {
                size_t k = j + 1;
                while (cl(sc, k) & C_SP)
                    k++;
                if (!(cl(sc, k) & C_DG) || !(cls[sc->s[i]] & C_UP || a->w[0] == 'p'))
                    ok = 0;
            }
            if (ok) {
                t.end = j + 1;
                t.type = NM_TOK_ABBREV;
                return t;
            }
        }
        if (wl == 1 && (cls[sc->s[i]] & C_UP)) { /* an initial: John F. Kennedy */
            t.end = j + 1;
            t.type = NM_TOK_ABBREV;
            return t;
        }
    }
    if (b == '$' && ascii_letters_only && !(acc & C_LO) && wl <= 3 && wl > 0) {
        t.end = j + 1;
        t.type = NM_TOK_CURRENCY;
        return t;
    }
    if (b == '$' && wl == 3 && memcmp(sc->s + i, "Mex", 3) == 0) {
        t.end = j + 1;
        t.type = NM_TOK_CURRENCY;
        return t;
    }
    if (!has_alpha && has_digit)
        t.type = NM_TOK_NUMBER;
    /* possessive 's / ’s / U+0092 s (the apostrophes the loop above joins) */
    if (wl >= 3 && (sc->s[j - 1] | 0x20) == 's') {
        if (sc->s[j - 2] == '\'' ||
            (wl >= 5 && sc->s[j - 4] == 0xE2 && sc->s[j - 3] == 0x80 && sc->s[j - 2] == 0x99) ||
            (wl >= 4 && sc->s[j - 3] == 0xC2 && sc->s[j - 2] == 0x92))
            t.flags |= NM_TF_POSSESSIVE;
    }
    return t;
}

static tokinfo scan_word(scan *sc, size_t i) {
    return scan_word_from(sc, i, i, 0);
}

static size_t url_at(const scan *sc, size_t i);

/* A token starting with the ASCII letter at i, whose letter run [i, j) with classes acc is
 * read already: a URL, or a word (or what a word start can turn into). */
static tokinfo scan_alpha(scan *sc, size_t i, size_t j, unsigned acc) {
    unsigned b = sc->s[i] | 0x20;
    size_t e = b == 'h' || b == 'w' || b == 'f' ? url_at(sc, i) : 0;
    if (e)
        return (tokinfo){e, NM_TOK_URL, 0, 0};
    return scan_word_from(sc, i, j, acc);
}

/* A URL with a scheme or www. at i: its end, or 0. */
static size_t url_at(const scan *sc, size_t i) {
    size_t k;
    if (ci_prefix(sc, i, "https://"))
        k = 8;
    else if (ci_prefix(sc, i, "http://"))
        k = 7;
    else if (ci_prefix(sc, i, "ftp://"))
        k = 6;
    else if (ci_prefix(sc, i, "www.") && (cl(sc, i + 4) & C_AN))
        k = 4;
    else
        return 0;
    if (!(cl(sc, i + k) & (C_AN | C_HI)) && at(sc, i + k) != '[')
        return 0;
    return url_trim(sc, i, url_tail(sc, i + k));
}

/* An emoji cluster at i (first code point already known): the end of its grapheme cluster. */
static size_t emoji_end(const scan *sc, size_t i, int32_t cp, size_t len) {
    utf8proc_int32_t state = 0;
    size_t j = i + len;
    int32_t prev = cp;
    while (j < sc->n) {
        int32_t next;
        size_t l = decode(sc, j, &next);
        if (next < 0 || utf8proc_grapheme_break_stateful(prev, next, &state))
            break;
        prev = next;
        j += l;
    }
    return j;
}

/* Marks and format characters after a token that they extend: their end. */
static size_t extend_run(const scan *sc, size_t j) {
    while (j < sc->n && (cls[sc->s[j]] & C_HI)) {
        int32_t cp;
        size_t len;
        uclass u = uclass_at(sc, j, &cp, &len);
        if (u != U_MARK && u != U_FORMAT)
            break;
        j += len;
    }
    return j;
}

/* Scans the token at i (not whitespace). */
static tokinfo scan_token(scan *sc, size_t i) {
    const uint8_t *s = sc->s;
    unsigned b = s[i];
    unsigned c = cls[b];
    tokinfo t = {i + 1, NM_TOK_PUNCT, 0, 0};
    if (c & C_AL)
        return scan_alpha(sc, i, i, 0);
    if (c & C_DG) {
        /* keycap emoji: digit U+FE0F U+20E3 */
        if (at(sc, i + 1) == 0xEF && at(sc, i + 2) == 0xB8 && at(sc, i + 3) == 0x8F &&
            at(sc, i + 4) == 0xE2 && at(sc, i + 5) == 0x83 && at(sc, i + 6) == 0xA3) {
            t.end = i + 7;
            t.type = NM_TOK_EMOJI;
            return t;
        }
        return scan_number(sc, i);
    }
    if (c & C_PU) {
        if (b == '.' && (cl(sc, i + 1) & C_DG) && (i == 0 || !(cls[s[i - 1]] & C_AN)))
            return scan_number(sc, i);
        t.shaped = 1; /* ASCII punctuation only: no shape flags */
        if (b == '.') {
            size_t j = i + 1;
            while (at(sc, j) == '.')
                j++;
            t.end = j;
            return t;
        }
        if (b == '!' || b == '?') {
            size_t j = i + 1;
            while (at(sc, j) == '!' || at(sc, j) == '?')
                j++;
            t.end = j;
            return t;
        }
        if (b == '-') {
            size_t j = i + 1;
            while (at(sc, j) == '-')
                j++;
            t.end = j;
            return t;
        }
        return t;
    }
    if (c & C_SY) {
        t.type = NM_TOK_SYMBOL;
        int32_t ecp;
        size_t el = b == '&' ? nm__html_entity((const char *)sc->s + i, sc->n - i, &ecp) : 0;
        if (el && ecp >= 0x80) {
            tokinfo w = ref_word(sc, i, el, ecp);
            if (w.type == NM_TOK_WORD)
                return w;
        }
        if (el) {
            t.end = i + el;
            utf8proc_category_t ec = utf8proc_category(ecp);
            if (ec == UTF8PROC_CATEGORY_SC)
                t.type = NM_TOK_CURRENCY;
            else if (ecp < 0x80 ? (cls[ecp] & C_PU) != 0
                                : ec >= UTF8PROC_CATEGORY_PC && ec <= UTF8PROC_CATEGORY_PO)
                t.type = NM_TOK_PUNCT; /* typed as the ASCII table types the character */
        } else if (b == '$') {
            t.type = NM_TOK_CURRENCY;
            /* "$US107.94", "$A5": the country letters belong to the sign */
            size_t j = i + 1;
            while ((cl(sc, j) & C_UP) && j - i <= 3)
                j++;
            if (j > i + 1 && (cl(sc, j) & C_DG))
                t.end = j;
        } else if (b == '@') {
            size_t j = i + 1;
            while ((cl(sc, j) & C_AN) || at(sc, j) == '_')
                j++;
            if (j > i + 1) {
                t.end = j;
                t.type = NM_TOK_HANDLE;
            }
        } else if (b == '#') {
            size_t j = i + 1;
            int alpha = 0;
            for (;;) {
                unsigned cj = cl(sc, j);
                if (cj & C_AL) {
                    alpha = 1;
                    j++;
                } else if ((cj & C_DG) || at(sc, j) == '_') {
                    j++;
                } else if (cj & C_HI) {
                    int32_t cp;
                    size_t len;
                    uclass u = uclass_at(sc, j, &cp, &len);
                    if (u == U_UPPER || u == U_LOWER || u == U_LETTER || u == U_IDEO)
                        alpha = 1;
                    else if (u != U_MARK && u != U_DIGIT)
                        break;
                    j += len;
                } else {
                    break;
                }
            }
            if (alpha) {
                t.end = j;
                t.type = NM_TOK_HASHTAG;
            }
        }
        return t;
    }
    if (c & C_CT) {
        size_t j = i + 1;
        while (cl(sc, j) & C_CT)
            j++;
        t.end = j;
        t.type = NM_TOK_OTHER;
        return t;
    }
    /* non-ASCII */
    int32_t cp;
    size_t len;
    uclass u = uclass_at(sc, i, &cp, &len);
    t.end = i + len;
    switch (u) {
    case U_UPPER:
    case U_LOWER:
    case U_LETTER:
    case U_DIGIT:
    case U_NUMO: return scan_word(sc, i);
    case U_IDEO:
        t.type = NM_TOK_IDEOGRAPH;
        t.end = extend_run(sc, i + len);
        return t;
    case U_EMOJI:
        t.type = NM_TOK_EMOJI;
        t.end = emoji_end(sc, i, cp, len);
        return t;
    case U_PUNCT:
        if (cp == 0x2026) { /* … … */
            size_t j = i + len;
            while (at(sc, j) == 0xE2 && at(sc, j + 1) == 0x80 && at(sc, j + 2) == 0xA6)
                j += 3;
            t.end = j;
        }
        t.type = NM_TOK_PUNCT;
        return t;
    case U_SYMBOL: t.type = NM_TOK_SYMBOL; return t;
    case U_CURRENCY: t.type = NM_TOK_CURRENCY; return t;
    case U_MARK:
    case U_FORMAT:
        t.type = NM_TOK_OTHER;
        t.end = extend_run(sc, i + len);
        return t;
    default: t.type = NM_TOK_OTHER; return t;
    }
}

/* Newline-like characters: \n \v \f \r, U+0085, U+2028, U+2029. */
static int is_newline_cp(int32_t cp) {
    return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

/*
 * The ASCII letters of one 64-byte block of the text as bitmaps, so that the word fast path
 * finds a letter run's end with a shift and a bit scan. Scanning 16 bytes from the run's start
 * made every word's end wait on a load and its classification, which started where the last
 * word ended: that chain of latencies was the loop's critical path. base is the block's offset
 * (a multiple of 64; SIZE_MAX before the first), bit k of alpha is set when byte base + k is an
 * ASCII letter, bit k of lo when that byte has bit 0x20 (for a letter: lower case).
 */
typedef struct letter_blk {
    size_t base;
    uint64_t alpha, lo;
} letter_blk;

/* Fills *bk for the block at base (< len) of s[0, len); bytes past len count as non-letters. */
static void letter_blk_load(letter_blk *bk, const uint8_t *s, size_t len, size_t base) {
    uint8_t tail[64];
    const uint8_t *p = s + base;
    if (len - base < sizeof tail) { /* the text's last block: zero bytes past its end */
        memset(tail, 0, sizeof tail);
        memcpy(tail, p, len - base);
        p = tail;
    }
    uint64_t alpha = 0, lo = 0;
#ifdef __SSE2__
    const __m128i case_bit = _mm_set1_epi8(0x20), a_lo = _mm_set1_epi8('a');
    const __m128i z_off = _mm_set1_epi8(25);
    for (int k = 0; k < 64; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + k));
        /* (byte | 0x20) - 'a' <= 25 unsigned, tested as min(d, 25) == d */
        __m128i dl = _mm_sub_epi8(_mm_or_si128(x, case_bit), a_lo);
        __m128i is_alpha = _mm_cmpeq_epi8(_mm_min_epu8(dl, z_off), dl);
        alpha |= (uint64_t)(unsigned)_mm_movemask_epi8(is_alpha) << k;
        /* bit 0x20 of each byte, shifted to the top bit */
        lo |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16(x, 2)) << k;
    }
#else
    for (int k = 0; k < 64; k++) {
        alpha |= (uint64_t)((cls[p[k]] & C_AL) != 0) << k;
        lo |= (uint64_t)((p[k] >> 5) & 1u) << k;
    }
#endif
    bk->base = base;
    bk->alpha = alpha;
    bk->lo = lo;
}

/* Advances *j over ASCII letters in s[*j, len), or'ing their classes (C_UP, C_LO) into *acc;
 * *bk caches the bitmaps of the block last looked at. */
static inline void ascii_letter_run(letter_blk *bk, const uint8_t *s, size_t len, size_t *j,
                                    unsigned *acc) {
    size_t k = *j;
    while (k < len) {
        size_t base = k & ~(size_t)63;
        if (base != bk->base)
            letter_blk_load(bk, s, len, base);
        uint64_t from = ~0ull << (k & 63);
        uint64_t stop = ~bk->alpha & from;
        /* the run's bits: from k to the first non-letter (or the block's end) */
        uint64_t run = stop ? ((stop & -stop) - 1) & from : from;
        *acc |= ((run & ~bk->lo) ? (unsigned)C_UP : 0u) | ((run & bk->lo) ? (unsigned)C_LO : 0u);
        if (stop) {
            *j = base + (size_t)__builtin_ctzll(stop);
            return;
        }
        k = base + 64;
    }
    *j = k;
}

/* Grows the token vector (*vp, *cap) past its n tokens, storing n in *np (so a failure leaves
 * the tokens so far); *v is the vector's new address. NM_OK or NM_ERR_NOMEM. */
static int grow(nm_token **vp, size_t *np, size_t *cap, size_t n, nm_token **v) {
    *np = n;
    if (nm__vec_reserve((void **)vp, cap, n + 1, sizeof **vp) != 0)
        return NM_ERR_NOMEM;
    *v = *vp;
    return NM_OK;
}

/* Sets bit k of marks. */
static inline void mark(uint64_t *marks, size_t k) {
    marks[k >> 6] |= 1ull << (k & 63);
}

int nm__tokenize(const char *text, size_t len, nm_token **vp, size_t *np, size_t *cap) {
    if (len > UINT32_MAX)
        return NM_ERR_TOO_BIG;
    /* marks are not used here: on the stack for texts up to ~4 KB, else allocated */
    uint64_t local[64];
    size_t words = (*np + len) / 64 + 1;
    uint64_t *marks = words <= 64 ? local : malloc(words * sizeof *marks);
    if (marks == NULL)
        return NM_ERR_NOMEM;
    memset(marks, 0, words * sizeof *marks);
    int rc = nm__tokenize_marked(text, len, vp, np, cap, marks);
    if (marks != local)
        free(marks);
    return rc;
}

int nm__tokenize_marked(const char *text, size_t len, nm_token **vp, size_t *np, size_t *cap,
                        uint64_t *marks) {
    if (len > UINT32_MAX)
        return NM_ERR_TOO_BIG;
    scan sc = {(const uint8_t *)text, len, 0, 0, 0};
    /* the vector and its length in locals: token stores cannot alias them */
    nm_token *v = *vp;
    size_t n = *np;
    size_t i = 0;
    /* shape flags of a plain ASCII word by (classes seen & (C_UP | C_LO)) | first letter upper */
    static const uint16_t word_flags[8] = {
        [C_LO] = NM_TF_HAS_ALPHA,
        [C_UP] = NM_TF_HAS_ALPHA | NM_TF_ALLCAPS | NM_TF_HAS_UPPER,
        [C_UP | 1] = NM_TF_HAS_ALPHA | NM_TF_CAP | NM_TF_ALLCAPS | NM_TF_HAS_UPPER,
        [C_UP | C_LO] = NM_TF_HAS_ALPHA | NM_TF_HAS_UPPER,
        [C_UP | C_LO | 1] = NM_TF_HAS_ALPHA | NM_TF_CAP | NM_TF_HAS_UPPER,
    };
    unsigned pend = NM_TF_SPACE_BEFORE | NM_TF_LINE_START; /* for the next token */
    letter_blk blk = {SIZE_MAX, 0, 0};
    while (i < len) {
        unsigned b = sc.s[i];
        unsigned c = cls[b];
        if (c & C_SP) {
            /* whitespace the word fast path did not take: unless it is the first plain space
             * after the last token (a gap of one space needs no look), the gap after that
             * token is more than one plain space, so the sentence splitter looks at it */
            if (n > 0 && (b != ' ' || (pend & NM_TF_SPACE_BEFORE)))
                mark(marks, n - 1);
            if (b != ' ' && b != '\t' && b <= 0x0D)
                pend |= NM_TF_LINE_START;
            pend |= NM_TF_SPACE_BEFORE;
            i++;
            /* the plain spaces that follow (indentation, double spaces) in a tight loop: they
             * add nothing but the mark a second space gives (above) */
            if (i < len && sc.s[i] == ' ') {
                if (n > 0)
                    mark(marks, n - 1);
                while (++i < len && sc.s[i] == ' ')
                    ;
            }
            continue;
        }
        tokinfo t;
        if (c & C_AL) {
            /* fast path: a plain ASCII word ended by a space or simple punctuation (no URL,
             * abbreviation, e-mail, apostrophe, hyphen or digit to look at) */
            size_t j = i + 1;
            unsigned acc = c;
            ascii_letter_run(&blk, sc.s, len, &j, &acc);
            unsigned e = j < len ? sc.s[j] : ' ';
            /* e ends a plain word (plain_end); or it is the period ending a sentence
             * ("said. ", "said.\""), unless the word is an abbreviation or an initial: with no
             * letter, digit or '@' after the period, it can be no URL, e-mail, domain or
             * initials either, and the period is left to the next round */
            if (plain_end(e) ||
                (e == '.' && (j + 1 >= len || plain_end(sc.s[j + 1])) &&
                 !(j - i == 1 && (c & C_UP)) && abbrev_find(sc.s + i, j - i) == NULL)) {
                if (n == *cap && grow(vp, np, cap, n, &v) != 0)
                    return NM_ERR_NOMEM;
                nm_token *tok = &v[n++];
                tok->start = (uint32_t)i;
                tok->end = (uint32_t)j;
                tok->type = NM_TOK_WORD;
                tok->flags = (uint16_t)(word_flags[(acc & C_AL) | (c & C_UP) >> 1] | pend);
                tok->norm = (nm_str){NULL, 0};
                tok->key = (nm_str){NULL, 0};
                pend = 0;
                i = j;
                if (e == ' ' && j < len) { /* the usual single space after a word */
                    pend = NM_TF_SPACE_BEFORE;
                    i++;
                } else if (e == '\n') { /* a line break: as the whitespace case takes it */
                    mark(marks, n - 1);
                    pend = NM_TF_SPACE_BEFORE | NM_TF_LINE_START;
                    i++;
                }
                continue;
            }
            /* not a plain word: the scanner goes on from the letter run's end */
            t = scan_alpha(&sc, i, j, acc);
        } else {
            if (c & C_HI) {
                int32_t cp;
                size_t l;
                uclass u = uclass_at(&sc, i, &cp, &l);
                if (u == U_SPACE) {
                    if (n > 0)
                        mark(marks, n - 1);
                    if (is_newline_cp(cp))
                        pend |= NM_TF_LINE_START;
                    pend |= NM_TF_SPACE_BEFORE;
                    i += l;
                    continue;
                }
                if ((u == U_MARK || u == U_FORMAT) && !(pend & NM_TF_SPACE_BEFORE) && n > 0 &&
                    v[n - 1].end == i) {
                    /* a mark after a token that did not take it (e.g. after a digit) extends it */
                    size_t e = extend_run(&sc, i);
                    v[n - 1].end = (uint32_t)e;
                    v[n - 1].flags |= NM_TF_NONASCII;
                    i = e;
                    continue;
                }
            }
            t = scan_token(&sc, i);
        }
        if (t.end <= i) /* never loop */
            t.end = i + 1;
        if (t.type == NM_TOK_ABBREV) { /* U.S.'s: the possessive stays with the abbreviation */
            size_t a = apostrophe(&sc, t.end);
            if (a && (at(&sc, t.end + a) | 0x20) == 's' && !word_char_at(&sc, t.end + a + 1)) {
                t.end += a + 1;
                t.flags |= NM_TF_POSSESSIVE;
            }
        }
        /* a combining mark or ZWJ right after any token belongs to it */
        if (t.end < len && (cls[sc.s[t.end]] & C_HI) && t.type != NM_TOK_EMOJI) {
            size_t e = extend_run(&sc, t.end);
            if (e != t.end)
                t.shaped = 0;
            t.end = e;
        }
        if (n == *cap && grow(vp, np, cap, n, &v) != 0)
            return NM_ERR_NOMEM;
        /* the splitter's rules start only at abbreviations and at sentence-final punctuation
         * or a double quote (non-ASCII punctuation is marked whatever it is); a comma or a
         * bracket with no line break after it changes nothing there */
        if (t.type == NM_TOK_ABBREV ||
            (t.type == NM_TOK_PUNCT && (b == '.' || b == '!' || b == '?' || b == '"' || b >= 0x80)))
            mark(marks, n);
        nm_token *tok = &v[n++];
        tok->start = (uint32_t)i;
        tok->end = (uint32_t)t.end;
        tok->type = (uint16_t)t.type;
        unsigned f = t.flags | (t.shaped && (t.type == NM_TOK_WORD || t.type == NM_TOK_NUMBER ||
                                             t.type == NM_TOK_PUNCT)
                                    ? 0u
                                    : shape(&sc, i, t.end));
        tok->flags = (uint16_t)(f | pend);
        tok->norm = (nm_str){NULL, 0};
        tok->key = (nm_str){NULL, 0};
        pend = 0;
        i = t.end;
    }
    if (n > 0)
        mark(marks, n - 1);
    *np = n;
    return NM_OK;
}

/* ---- sentences --------------------------------------------------------------------------- */

static inline int tok_eq(const char *text, const nm_token *t, const char *lit, size_t l) {
    return t->end - t->start == l && memcmp(text + t->start, lit, l) == 0;
}
/* Is token t exactly the string literal lit? (its length is a constant: no strlen call) */
#define tok_is(text, t, lit) tok_eq((text), (t), "" lit "", sizeof(lit) - 1)

/* Sentence-final punctuation: . ! ? runs, ellipses, and the CJK full stops. */
static int is_terminal(const char *text, const nm_token *t) {
    if (t->type != NM_TOK_PUNCT)
        return 0;
    unsigned b = (unsigned char)text[t->start];
    if (b == '.' || b == '!' || b == '?')
        return 1;
    if (b < 0x80)
        return 0;
    return tok_is(text, t, "\xE2\x80\xA6") || tok_is(text, t, "\xE3\x80\x82") ||
           tok_is(text, t, "\xEF\xBC\x81") || tok_is(text, t, "\xEF\xBC\x9F");
}

static int is_ellipsis(const char *text, const nm_token *t) {
    return (t->end - t->start >= 2 && text[t->start] == '.') ||
           (unsigned char)text[t->start] == 0xE2;
}

/* Closing quotes and brackets that stay with the sentence before them. */
static int is_closer(const char *text, const nm_token *t) {
    if (t->type != NM_TOK_PUNCT)
        return 0;
    unsigned b = (unsigned char)text[t->start];
    if (b == ')' || b == ']' || b == '}' || b == '"' || b == '\'')
        return t->end - t->start == 1;
    if (b < 0x80)
        return 0;
    return tok_is(text, t, "\xE2\x80\x9D") || tok_is(text, t, "\xE2\x80\x99") ||
           tok_is(text, t, "\xC2\xBB") || tok_is(text, t, "\xE2\x80\xBA") ||
           tok_is(text, t, "\xE3\x80\x8D") || tok_is(text, t, "\xE3\x80\x8F");
}

/* Does the token start with a lower-case letter? */
static int starts_lower(const char *text, const nm_token *t) {
    if (!(t->flags & NM_TF_HAS_ALPHA) || (t->flags & NM_TF_CAP))
        return 0;
    unsigned b = (unsigned char)text[t->start];
    if (cls[b] & C_LO)
        return 1;
    if (!(cls[b] & C_HI))
        return 0;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const uint8_t *)text + t->start, t->end - t->start, &cp) <= 0)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Capitalised words that usually open a sentence (so "Inc. The" ends one). */
static int is_opener(const char *text, const nm_token *t) {
    static const char w[][10] = { /* NUL-padded: compared 10 bytes at a time */
        "a",     "after", "also", "an",    "and",   "as",        "at",      "before", "both",
        "but",   "by",    "for",  "he",    "her",   "his",       "however", "i",      "if",
        "in",    "it",    "its",  "last",  "many",  "meanwhile", "most",    "no",     "on",
        "one",   "our",   "she",  "so",    "some",  "that",      "the",     "their",  "there",
        "these", "they",  "this", "those", "under", "we",        "what",    "when",   "where",
        "while", "who",   "why",  "with",  "you"};
    if (!(t->flags & NM_TF_CAP) || t->type != NM_TOK_WORD)
        return 0;
    size_t l = t->end - t->start;
    if (l > 9)
        return 0;
    char low[10] = {0};
    for (size_t k = 0; k < l; k++)
        low[k] = (char)(text[t->start + k] | 0x20);
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (memcmp(low, w[k], sizeof low) == 0)
            return 1;
    return 0;
}

/* gap_breaks for gaps of two bytes or more. */
static int gap_breaks_long(const char *text, size_t a, size_t b) {
    int nl = 0;
    for (size_t k = a; k < b; k++) {
        unsigned c = (unsigned char)text[k];
        if (c == ' ') /* most gap bytes (indentation) */
            continue;
        if (c == '\n' || c == '\v' || c == '\f')
            nl++;
        else if (c == '\r' && !(k + 1 < b && text[k + 1] == '\n'))
            nl++;
        else if (c == 0xC2 && k + 1 < b && (unsigned char)text[k + 1] == 0x85)
            nl++; /* U+0085 next line */
        else if (c == 0xE2 && k + 2 < b && (unsigned char)text[k + 1] == 0x80 &&
                 (unsigned char)text[k + 2] == 0xA9)
            nl += 2; /* U+2029 paragraph separator */
        else if (c == 0xE2 && k + 2 < b && (unsigned char)text[k + 1] == 0x80 &&
                 (unsigned char)text[k + 2] == 0xA8)
            nl++;
        if (nl >= 2)
            return 2;
    }
    return nl;
}

/* Line breaks in the gap [a, b): 0, 1, or 2 for a blank line / paragraph separator. Inline for
 * the gaps of at most one byte (most: a space, or the line break of hard-wrapped copy, where
 * the splitter looks at every line end): one bit test, no call and no loop. */
static inline int gap_breaks(const char *text, size_t a, size_t b) {
    if (b - a <= 1) { /* \n \v \f \r (a lone \r is a break) */
        unsigned c = b == a ? 0u : (unsigned char)text[a];
        return c < 14 && ((0x3C00u >> c) & 1);
    }
    return gap_breaks_long(text, a, b);
}

/* A list bullet opening a line: • ‣ ◦ ▪ · * - – — */
static int is_bullet(const char *text, const nm_token *t) {
    if (!(t->flags & NM_TF_LINE_START) || (t->type != NM_TOK_PUNCT && t->type != NM_TOK_SYMBOL))
        return 0;
    unsigned b = (unsigned char)text[t->start];
    size_t l = t->end - t->start;
    if (l == 1)
        return b == '*' || b == '-';
    return tok_is(text, t, "\xE2\x80\xA2") || tok_is(text, t, "\xE2\x80\xA3") ||
           tok_is(text, t, "\xE2\x97\xA6") || tok_is(text, t, "\xE2\x96\xAA") ||
           tok_is(text, t, "\xC2\xB7") || tok_is(text, t, "\xE2\x80\x93") ||
           tok_is(text, t, "\xE2\x80\x94");
}

/* Does toks[k] open a list item: a bullet, or a 1-2 digit number with '.' or ')' attached? */
static int is_list_item(const char *text, const nm_token *toks, size_t ntok, size_t k) {
    const nm_token *t = &toks[k];
    if (is_bullet(text, t))
        return 1;
    return t->type == NM_TOK_NUMBER && (t->flags & NM_TF_LINE_START) && t->end - t->start <= 2 &&
           k + 1 < ntok && toks[k + 1].start == t->end &&
           (text[t->end] == '.' || text[t->end] == ')');
}

/* Does the gap [a, b) hold a line break followed by an indentation (a tab or 2+ spaces)? In
 * hard-wrapped wire copy ("...said.\n    The dry period...") that starts a paragraph. */
static int gap_indented(const char *text, size_t a, size_t b) {
    size_t k = b;
    while (k > a && (text[k - 1] == ' ' || text[k - 1] == '\t'))
        k--;
    if (k == a)
        return 0;
    unsigned c = (unsigned char)text[k - 1];
    if (c != '\n' && c != '\r' &&
        !(c == 0x85 && k - a >= 2 && (unsigned char)text[k - 2] == 0xC2) && /* U+0085 */
        !(c == 0xA8 && k - a >= 3 && (unsigned char)text[k - 2] == 0x80 &&
          (unsigned char)text[k - 3] == 0xE2)) /* U+2028 */
        return 0;
    return b - k >= 2 || text[k] == '\t';
}

/* Is the abbreviation token a title that never ends a sentence (Mr. Dr. Gen.)? */
static int is_title_abbrev(const char *text, const nm_token *t) {
    size_t l = t->end - t->start - 1;
    const abbr *a = abbrev_find((const uint8_t *)text + t->start, l);
    return a && (a->f & AB_TITLE);
}

/* Lower-case function words a headline does not end with ("... prospects for the\n"). */
static int is_function_word(const char *text, const nm_token *t) {
    static const char w[][8] = { /* NUL-padded: each compared as one 8-byte number */
        "a",     "about", "after", "against", "an",   "and",   "as",   "at",    "before", "between",
        "but",   "by",    "for",   "from",    "her",  "his",   "in",   "into",  "its",    "nor",
        "of",    "on",    "or",    "our",     "over", "per",   "than", "that",  "the",    "their",
        "these", "this",  "to",    "under",   "via",  "which", "who",  "whose", "with"};
    size_t l = t->end - t->start;
    if (t->type != NM_TOK_WORD || l > 7 || !(cls[(unsigned char)text[t->start]] & C_LO))
        return 0;
    char low[8] = {0};
    memcpy(low, text + t->start, l);
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (memcmp(low, w[k], sizeof low) == 0)
            return 1;
    return 0;
}

/* Headline rule: the first line of a paragraph (text start or after a blank line), short and
 * without final punctuation, followed by a line that starts with a capital, a digit or a quote,
 * is a sentence of its own. Later lines of a paragraph are hard-wrapped text (Reuters wraps at
 * ~70 columns) and never end a sentence at the line break alone. */
static int headline_break(const char *text, const nm_token *toks, size_t line_first, size_t t,
                          const nm_token *next) {
    const nm_token *last = &toks[t];
    if (!(next->flags & (NM_TF_CAP | NM_TF_HAS_DIGIT)) && next->type != NM_TOK_PUNCT)
        return 0;
    if (next->type == NM_TOK_PUNCT && !(text[next->start] == '"' || text[next->start] == '(' ||
                                        (unsigned char)text[next->start] == 0xE2))
        return 0;
    if (last->type == NM_TOK_PUNCT) {
        unsigned b = (unsigned char)text[last->start];
        if (b == ',' || b == ';' || b == ':' || b == '-' || b == '(' || b == '&')
            return 0;
    }
    if (is_function_word(text, last))
        return 0;
    return last->end - toks[line_first].start < 160;
}

int nm__sentences(const char *text, size_t len, nm_token *toks, size_t ntok, nm_sentence **v,
                  size_t *n, size_t *cap) {
    return nm__sentences_marked(text, len, toks, ntok, NULL, v, n, cap);
}

int nm__sentences_marked(const char *text, size_t len, nm_token *toks, size_t ntok,
                         const uint64_t *marks, nm_sentence **v, size_t *n, size_t *cap) {
    (void)len;
    size_t first = 0, line_first = 0;
    int para_first = 1; /* the current line is the first of its paragraph */
    int dq = 0;         /* an ASCII double quote is open in the current sentence */
    for (size_t t = 0; t < ntok; t++) {
        /* Fast path (most tokens), a tight loop: a word or number followed on the same line,
         * with no gap or one plain space, by the next token can neither end a sentence nor
         * start a line; every rule below needs one of those. */
        if (marks != NULL) {
            /* the next marked token (the last token always is): 64 tokens per word read */
            for (;;) {
                uint64_t w = marks[t >> 6] >> (t & 63);
                if (w) {
                    t += (size_t)__builtin_ctzll(w);
                    break;
                }
                t = (t | 63) + 1;
            }
        }
        while (t + 1 < ntok) {
            const nm_token *c = &toks[t];
            if (c->type == NM_TOK_PUNCT || c->type == NM_TOK_ABBREV)
                break;
            uint32_t e = c->end, gap = c[1].start - e;
            if (gap != 0 && (gap != 1 || text[e] != ' '))
                break;
            t++;
        }
        if (toks[t].type == NM_TOK_PUNCT && toks[t].end - toks[t].start == 1 &&
            text[toks[t].start] == '"')
            dq ^= 1;
        int brk = 0;
        size_t last = t;
        if (t + 1 < ntok) {
            nm_token *cur = &toks[t], *next = &toks[t + 1];
            /* most gaps are empty or one space: no call */
            int gb = next->start - cur->end > 1 || (next->start > cur->end && text[cur->end] != ' ')
                         ? gap_breaks(text, cur->end, next->start)
                         : 0;
            /* the same for a word before a gap that breaks no line */
            if (gb == 0 && cur->type != NM_TOK_PUNCT && cur->type != NM_TOK_ABBREV)
                continue;
            if (gb == 1 && !starts_lower(text, next) &&
                !(cur->type == NM_TOK_ABBREV && is_title_abbrev(text, cur)) &&
                gap_indented(text, cur->end, next->start))
                gb = 2; /* an indented new line: a paragraph */
            if (gb >= 2) {
                brk = 1;
            } else if (gb == 1 &&
                       (next->type == NM_TOK_NUMBER || next->type == NM_TOK_PUNCT ||
                        next->type == NM_TOK_SYMBOL) && /* no call for a line of words */
                       is_list_item(text, toks, ntok, t + 1) &&
                       (is_bullet(text, next) || is_list_item(text, toks, ntok, line_first) ||
                        text[cur->start] == ':' || is_terminal(text, cur))) {
                brk = 1; /* a list item on its own line */
            } else if (is_terminal(text, cur) &&
                       !(text[cur->start] == '.' && cur->end - cur->start == 1 && t > 0 &&
                         t - 1 == first && toks[t - 1].type == NM_TOK_NUMBER &&
                         (toks[t - 1].flags & NM_TF_LINE_START) &&
                         toks[t - 1].end - toks[t - 1].start <= 2 &&
                         toks[t - 1].end == cur->start)) {
                /* (a line-initial "1." is a list marker, not a sentence) */
                size_t k = t + 1;
                int q = dq, ellipsis = is_ellipsis(text, cur);
                /* spaced ellipsis ". . ." is one stop */
                while (k < ntok && text[cur->start] == '.' && toks[k].type == NM_TOK_PUNCT &&
                       toks[k].end - toks[k].start == 1 && text[toks[k].start] == '.' &&
                       toks[k].start - toks[k - 1].end == 1 && text[toks[k - 1].end] == ' ') {
                    ellipsis = 1;
                    k++;
                }
                while (k < ntok) {
                    const nm_token *tk = &toks[k];
                    int dquote = tk->type == NM_TOK_PUNCT && tk->end - tk->start == 1 &&
                                 text[tk->start] == '"';
                    /* attached closers, or a straight quote closing an open one after a space
                     * (tokenized text: 'he said . " Then') */
                    if (!((is_closer(text, tk) || is_terminal(text, tk)) &&
                          !(tk->flags & NM_TF_SPACE_BEFORE)) &&
                        !(dquote && q))
                        break;
                    q ^= dquote;
                    k++;
                }
                /* closers after the final punctuation belong to this sentence */
                if (k < ntok) {
                    const nm_token *nx = &toks[k];
                    int gbk = gap_breaks(text, toks[k - 1].end, nx->start);
                    if (gbk >= 2)
                        brk = 1;
                    else if (ellipsis)
                        brk = (nx->flags & NM_TF_CAP) != 0;
                    else if (starts_lower(text, nx))
                        brk = 0;
                    else if (nx->type == NM_TOK_PUNCT &&
                             (text[nx->start] == ',' || text[nx->start] == ';' ||
                              text[nx->start] == ':' || text[nx->start] == ')'))
                        brk = 0;
                    else
                        brk = 1;
                    if (brk)
                        last = k - 1;
                }
            } else if (cur->type == NM_TOK_ABBREV && text[cur->end - 1] == '.') {
                if (!is_title_abbrev(text, cur)) {
                    if (is_opener(text, next) || (gb == 1 && (next->flags & NM_TF_CAP)))
                        brk = 1;
                }
            } else if (gb == 1 && para_first) {
                brk = headline_break(text, toks, line_first, t, next);
            }
            int lb = last == t
                         ? gb
                         : gap_breaks(text, toks[last].end,
                                      last + 1 < ntok ? toks[last + 1].start : toks[last].end);
            if (lb > 0) {
                line_first = last + 1;
                para_first = lb >= 2;
            }
        } else {
            brk = 1;
        }
        if (brk) {
            if (*n == *cap && nm__vec_reserve((void **)v, cap, *n + 1, sizeof **v) != 0)
                return NM_ERR_NOMEM;
            nm_sentence *s = &(*v)[(*n)++];
            s->start = toks[first].start;
            s->end = toks[last].end;
            s->tok_begin = (uint32_t)first;
            s->tok_end = (uint32_t)(last + 1);
            toks[first].flags |= NM_TF_SENT_START;
            first = last + 1;
            dq = 0;
            t = last;
        }
    }
    return NM_OK;
}

const char *nm__token_type_name(int type) {
    switch (type) {
    case NM_TOK_WORD: return "word";
    case NM_TOK_ABBREV: return "abbrev";
    case NM_TOK_IDEOGRAPH: return "ideograph";
    case NM_TOK_HANDLE: return "handle";
    case NM_TOK_HASHTAG: return "hashtag";
    case NM_TOK_NUMBER: return "number";
    case NM_TOK_ORDINAL: return "ordinal";
    case NM_TOK_DATE: return "date";
    case NM_TOK_TIME: return "time";
    case NM_TOK_URL: return "url";
    case NM_TOK_EMAIL: return "email";
    case NM_TOK_PUNCT: return "punct";
    case NM_TOK_SYMBOL: return "symbol";
    case NM_TOK_CURRENCY: return "currency";
    case NM_TOK_EMOJI: return "emoji";
    default: return "other";
    }
}

/* ---- the stage --------------------------------------------------------------------------- */

/* Per-worker state: the token marks handed from the tokenizer to the sentence splitter. */
typedef struct tok_state {
    uint64_t *marks;
    size_t cap; /* words */
} tok_state;

static int tokenize_init(void **state, const void *shared, const nm_options *opts,
                         nm_error *err) {
    (void)shared;
    (void)opts;
    *state = calloc(1, sizeof(tok_state));
    if (*state == NULL)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory creating tokenizer state");
    return NM_OK;
}

static void tokenize_destroy(void *state) {
    tok_state *st = state;
    if (st != NULL)
        free(st->marks);
    free(st);
}

/* Zeroed marks for a text of len bytes in st (grown as needed), or NULL without state, when
 * out of memory, or for a text too big to tokenize (the splitter then reads every token). */
static uint64_t *marks_for(tok_state *st, size_t len) {
    if (st == NULL || len > UINT32_MAX)
        return NULL;
    size_t words = len / 64 + 1;
    if (words > st->cap) {
        uint64_t *p = malloc(words * sizeof *p);
        if (p == NULL)
            return NULL;
        free(st->marks);
        st->marks = p;
        st->cap = words;
    }
    memset(st->marks, 0, words * sizeof *st->marks);
    return st->marks;
}

static int tokenize_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)shared;
    (void)err;
    uint64_t *marks = rec->tokens.n == 0 ? marks_for(state, rec->text.len) : NULL;
    int rc = marks ? nm__tokenize_marked(rec->text.ptr, rec->text.len, &rec->tokens.v,
                                         &rec->tokens.n, &rec->tokens.cap, marks)
                   : nm__tokenize(rec->text.ptr, rec->text.len, &rec->tokens.v, &rec->tokens.n,
                                  &rec->tokens.cap);
    if (rc == NM_ERR_TOO_BIG)
        return nm__record_fail(rec, "document of %zu bytes is too big to tokenize", rec->text.len);
    if (rc != NM_OK)
        return rc;
    return nm__sentences_marked(rec->text.ptr, rec->text.len, rec->tokens.v, rec->tokens.n,
                                marks, &rec->sentences.v, &rec->sentences.n,
                                &rec->sentences.cap);
}

const nm__stage nm__stage_tokenize = {
    .name = "tokenize",
    .bit = NM_STAGE_TOKENIZE,
    .init = tokenize_init,
    .process = tokenize_process,
    .destroy = tokenize_destroy,
};
