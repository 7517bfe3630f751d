/*
 * number.c — exact decimal parsing of numerals, magnitudes and written numbers (see number.h).
 *
 * "1,250,000.50" => {125000050, -2}; "1.250.000,50" => same; "12,34,567" => {1234567, 0};
 * "3/4" => {75, -2}; "one hundred and twenty" => {12, 1}; "half a" => {5, -1}.
 * A numeral is scanned once into digit groups and separators, then the grouping is checked as a
 * whole (which separator is the decimal mark is only known at the end). Written numbers follow
 * the usual English grammar: units/teens/tens, "hundred" multiplies the pending group, scale
 * words ("thousand", "million") close it. All arithmetic is on uint64 mantissas with overflow
 * checks; nothing is ever rounded.
 */
#include "number.h"

#include <string.h>

#define MAX_GROUPS 64

static const uint64_t POW10[20] = {1ull,
                                   10ull,
                                   100ull,
                                   1000ull,
                                   10000ull,
                                   100000ull,
                                   1000000ull,
                                   10000000ull,
                                   100000000ull,
                                   1000000000ull,
                                   10000000000ull,
                                   100000000000ull,
                                   1000000000000ull,
                                   10000000000000ull,
                                   100000000000000ull,
                                   1000000000000000ull,
                                   10000000000000000ull,
                                   100000000000000000ull,
                                   1000000000000000000ull,
                                   10000000000000000000ull};

nm_decimal nm__decimal_norm(nm_decimal d) {
    if (d.mant == 0) {
        d.exp = 0;
        return d;
    }
    while (d.mant % 10 == 0) {
        d.mant /= 10;
        d.exp++;
    }
    return d;
}

int nm__decimal_scale(nm_decimal *d, int e) {
    if (e < 0)
        return 0;
    if (d->mant == 0)
        return 1;
    if ((int64_t)d->exp + e > 400)
        return 0;
    d->exp += e;
    return 1;
}

/* Brings a to exponent e (e <= a.exp) by multiplying the mantissa. 0 on overflow. */
static int align_to(nm_decimal *a, int32_t e) {
    int64_t shift = (int64_t)a->exp - e;
    if (shift == 0 || a->mant == 0) {
        a->exp = e;
        return 1;
    }
    if (shift < 0 || shift > 19)
        return 0;
    if (a->mant > UINT64_MAX / POW10[shift])
        return 0;
    a->mant *= POW10[shift];
    a->exp = e;
    return 1;
}

int nm__decimal_add(nm_decimal *a, nm_decimal b) {
    nm_decimal x = nm__decimal_norm(*a), y = nm__decimal_norm(b);
    if (y.mant == 0)
        return 1;
    if (x.mant == 0) {
        *a = y;
        return 1;
    }
    int32_t e = x.exp < y.exp ? x.exp : y.exp;
    if (!align_to(&x, e) || !align_to(&y, e) || x.mant > UINT64_MAX - y.mant)
        return 0;
    x.mant += y.mant;
    *a = nm__decimal_norm(x);
    return 1;
}

int nm__decimal_mul(nm_decimal *a, nm_decimal b) {
    nm_decimal x = nm__decimal_norm(*a), y = nm__decimal_norm(b);
    if (x.mant == 0 || y.mant == 0) {
        a->mant = 0;
        a->exp = 0;
        return 1;
    }
    if (x.mant > UINT64_MAX / y.mant)
        return 0;
    x.mant *= y.mant;
    x.exp += y.exp;
    *a = nm__decimal_norm(x);
    return 1;
}

int nm__decimal_cmp(nm_decimal a, nm_decimal b) {
    a = nm__decimal_norm(a);
    b = nm__decimal_norm(b);
    if (a.mant == 0 || b.mant == 0)
        return (a.mant != 0) - (b.mant != 0);
    /* compare by number of integer digits first, then aligned mantissas */
    int da = a.exp, db = b.exp;
    for (uint64_t m = a.mant; m >= 10; m /= 10)
        da++;
    for (uint64_t m = b.mant; m >= 10; m /= 10)
        db++;
    if (da != db)
        return da < db ? -1 : 1;
    int32_t e = a.exp < b.exp ? a.exp : b.exp;
    align_to(&a, e); /* cannot overflow: same magnitude, at most 19 digits each */
    align_to(&b, e);
    return a.mant < b.mant ? -1 : a.mant > b.mant;
}

/* The separator at p[0..len): its kind ('s' for a Unicode space) and byte length, or 0. */
static int sep_at(const char *p, size_t len, int *kind) {
    const unsigned char *u = (const unsigned char *)p;
    if (len >= 1 && (u[0] == ',' || u[0] == '.' || u[0] == '\'')) {
        *kind = u[0];
        return 1;
    }
    if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0) { /* NBSP */
        *kind = 's';
        return 2;
    }
    /* U+2007 figure, U+2009 thin, U+202F narrow no-break */
    if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] == 0x87 || u[2] == 0x89 || u[2] == 0xAF)) {
        *kind = 's';
        return 3;
    }
    return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Could p[0] start a separator (sep_at's first bytes)? */
static int sep_start(char c) {
    return c == ',' || c == '.' || c == '\'' || c == (char)0xC2 || c == (char)0xE2;
}

size_t nm__number_parse(const char *p, size_t len, nm_decimal *out) {
    size_t glen[MAX_GROUPS], gpos[MAX_GROUPS];
    int gsep[MAX_GROUPS]; /* separator kind before group i (i >= 1) */
    size_t ng = 0, i = 0;
    if (len == 0 || !is_digit(p[0]))
        return 0;
    /* The value of the first digit run is read as it is scanned (it is the whole number when
       no separator follows), and of the next one after a '.' (a lone '.' is always the decimal
       mark): the common "15" and "3.5" need none of the grouping below. Up to 19 digits in
       all, so the mantissa neither overflows nor has too many significant digits. */
    uint64_t m = 0;
    while (i < len && is_digit(p[i]))
        m = m * 10 + (uint64_t)(p[i++] - '0');
    if (i <= 19 && (i == len || !sep_start(p[i]))) {
        *out = nm__decimal_norm((nm_decimal){m, 0});
        return i;
    }
    if (i < 19 && i + 1 < len && p[i] == '.' && is_digit(p[i + 1])) {
        size_t e = i + 1;
        while (e < len && e <= 19 && is_digit(p[e]))
            m = m * 10 + (uint64_t)(p[e++] - '0');
        if (e == len || (!sep_start(p[e]) && !is_digit(p[e]))) {
            *out = nm__decimal_norm((nm_decimal){m, -(int32_t)(e - i - 1)});
            return e;
        }
    }
    gpos[0] = 0;
    glen[0] = i;
    gsep[0] = 0;
    ng = 1;
    while (i < len) {
        int kind = 0;
        int sl = sep_at(p + i, len - i, &kind);
        if (sl == 0 || i + (size_t)sl >= len || !is_digit(p[i + (size_t)sl]))
            break;
        if (ng == MAX_GROUPS)
            return 0;
        size_t s = i + (size_t)sl, e = s;
        while (e < len && is_digit(p[e]))
            e++;
        gpos[ng] = s;
        glen[ng] = e - s;
        gsep[ng] = kind;
        ng++;
        i = e;
    }
    /* Decide the decimal mark: the last separator when it differs from the others, or a lone
     * '.'/',' that cannot be grouping. */
    size_t nint = ng; /* groups [0, nint) are the integer part */
    if (ng >= 2) {
        int last = gsep[ng - 1];
        int same = 1;
        for (size_t g = 1; g + 1 < ng; g++)
            if (gsep[g] != gsep[1])
                same = 0;
        if (!same)
            return 0;
        if (ng >= 3 && last != gsep[1]) {
            if (last != '.' && last != ',')
                return 0;
            nint = ng - 1;
        } else if (ng == 2) {
            if (last == '.' || (last == ',' && glen[1] != 3))
                nint = 1;
        }
        /* validate grouping of the integer part */
        if (nint >= 2) {
            int western = glen[0] >= 1 && glen[0] <= 3;
            for (size_t g = 1; g < nint; g++)
                if (glen[g] != 3)
                    western = 0;
            int indian =
                glen[0] >= 1 && glen[0] <= 2 && glen[nint - 1] == 3 && nint >= 3 && gsep[1] == ',';
            for (size_t g = 1; indian && g + 1 < nint; g++)
                if (glen[g] != 2)
                    indian = 0;
            if (!western && !indian)
                return 0;
        }
    }
    uint64_t mant = 0;
    int32_t exp = 0;
    int sig = 0, zeros = 0; /* zeros: after the last nonzero digit, not yet in mant */
    for (size_t g = 0; g < ng; g++) {
        for (size_t k = 0; k < glen[g]; k++) {
            int d = p[gpos[g] + k] - '0';
            if (g >= nint)
                exp--;
            if (d == 0) {
                zeros += mant != 0; /* leading zeros are dropped */
                continue;
            }
            sig += zeros + 1;
            if (sig > 19)
                return 0;
            for (; zeros > 0; zeros--)
                mant *= 10;
            mant = mant * 10 + (uint64_t)d;
        }
    }
    nm_decimal v = {mant, exp + zeros}; /* "1,000,000" is {1, 6}: trailing zeros count no digit */
    *out = nm__decimal_norm(v);
    return i;
}

int nm__number_parse_all(const char *p, size_t len, nm_decimal *out) {
    nm_decimal num, den;
    size_t n = nm__number_parse(p, len, &num);
    if (n == 0)
        return 0;
    if (n == len) {
        *out = num;
        return 1;
    }
    if (p[n] != '/' || nm__number_parse(p + n + 1, len - n - 1, &den) != len - n - 1)
        return 0;
    den = nm__decimal_norm(den);
    if (den.mant == 0)
        return 0;
    /* num / (m * 10^e) is exact iff m = 2^a 5^b: multiply by 10^k / m with k = max(a, b). */
    uint64_t m = den.mant;
    int a = 0, b = 0;
    while (m % 2 == 0) {
        m /= 2;
        a++;
    }
    while (m % 5 == 0) {
        m /= 5;
        b++;
    }
    if (m != 1)
        return 0;
    int k = a > b ? a : b;
    if (k > 19)
        return 0;
    nm_decimal f = {POW10[k] / den.mant, -k - den.exp};
    if (!nm__decimal_mul(&num, f))
        return 0;
    *out = num;
    return 1;
}

/* Does key[0, len) spell the literal lit (of length litlen)? No libc call for short words:
 * this runs several times per written number (entities and money both parse them). */
static inline int key_eq_n(const char *key, size_t len, const char *lit, size_t litlen) {
    return len == litlen && len > 0 && memcmp(key, lit, len) == 0;
}
/* key_eq(key, len, "lit"): lit must be a string literal (its size is taken); the indirection
 * lets key and len come from one macro, TK(i) */
#define KEY_EQ_(key, len, lit) key_eq_n((key), (len), "" lit "", sizeof(lit) - 1)
#define key_eq(...) KEY_EQ_(__VA_ARGS__)

int nm__number_magnitude(const char *key, size_t len) {
    /* the keys by length (row len, ended by an empty key), each with its power: a word is
       compared only with the keys of its length, and by one byte first, so most words asked
       about (no magnitude) cost a table row's first bytes and no library call; a row holds at
       most 8 keys, so it always ends in an empty one */
    static const struct {
        char k[10];
        int8_t power;
    } MAG[10][9] = {
        [1] = {{"k", 3}, {"m", 6}, {"b", 9}},
        [2] = {{"mn", 6}, {"mm", 6}, {"cr", 7}, {"bn", 9}, {"tn", 12}},
        [3] = {{"lac", 5}, {"mln", 6}, {"mio", 6}, {"bln", 9}, {"mrd", 9}, {"bil", 9},
               {"trn", 12}, {"tln", 12}},
        [4] = {{"lakh", 5}, {"lacs", 5}},
        [5] = {{"grand", 3}, {"lakhs", 5}, {"crore", 7}},
        [6] = {{"crores", 7}},
        [7] = {{"hundred", 2}, {"million", 6}, {"billion", 9}},
        [8] = {{"thousand", 3}, {"millions", 6}, {"billions", 9}, {"trillion", 12}},
        [9] = {{"thousands", 3}, {"trillions", 12}},
    };
    /* bit c - 'a' of FIRST[len]: some key of length len starts with letter c. Most words asked
       about (the keyword stage asks for every candidate word) end at this one test. */
#define L_(c) (1u << ((c) - 'a'))
    static const uint32_t FIRST[10] = {
        [1] = L_('k') | L_('m') | L_('b'),
        [2] = L_('m') | L_('c') | L_('b') | L_('t'),
        [3] = L_('l') | L_('m') | L_('b') | L_('t'),
        [4] = L_('l'),
        [5] = L_('g') | L_('l') | L_('c'),
        [6] = L_('c'),
        [7] = L_('h') | L_('m') | L_('b'),
        [8] = L_('t') | L_('m') | L_('b'),
        [9] = L_('t'),
    };
#undef L_
    _Static_assert(sizeof FIRST / sizeof FIRST[0] == sizeof MAG / sizeof MAG[0], "one row each");
    if (len == 0 || len >= sizeof MAG / sizeof MAG[0])
        return 0;
    unsigned c = (unsigned)(unsigned char)key[0] - 'a';
    if (c >= 26 || !((FIRST[len] >> c) & 1))
        return 0;
    for (size_t i = 0; MAG[len][i].k[0] != 0; i++)
        if (MAG[len][i].k[0] == key[0] && memcmp(MAG[len][i].k + 1, key + 1, len - 1) == 0)
            return MAG[len][i].power;
    return 0;
}

/* The slot of a number word's key in WORDS: a hash of its length and its first, second and last
   bytes, under which no two words collide (test_number checks each word and the misses). */
static unsigned word_slot(const char *key, size_t len) {
    return ((unsigned)(uint8_t)key[0] * 15u + (unsigned)(uint8_t)key[1] * 13u +
            (unsigned)(uint8_t)key[len - 1] * 31u + (unsigned)len) &
           63u;
}

int64_t nm__number_word_value(const char *key, size_t len) {
    /* one slot to compare per key asked about (most are no number word) */
    static const struct {
        char k[10];
        uint8_t len;
        int16_t value;
    } WORDS[64] = {
        [1] = {"thirty", 6, 30}, [2] = {"ten", 3, 10}, [4] = {"twenty", 6, 20},
        [6] = {"nine", 4, 9}, [9] = {"forty", 5, 40}, [10] = {"fourty", 6, 40},
        [11] = {"two", 3, 2}, [12] = {"seventy", 7, 70}, [14] = {"five", 4, 5},
        [17] = {"eight", 5, 8}, [20] = {"three", 5, 3}, [21] = {"one", 3, 1},
        [22] = {"dozen", 5, 12}, [24] = {"twelve", 6, 12}, [26] = {"eighteen", 8, 18},
        [29] = {"six", 3, 6}, [30] = {"nil", 3, 0}, [33] = {"nineteen", 8, 19},
        [40] = {"fifteen", 7, 15}, [43] = {"sixteen", 7, 16}, [44] = {"hundred", 7, 100},
        [45] = {"eighty", 6, 80}, [46] = {"thirteen", 8, 13}, [47] = {"four", 4, 4},
        [52] = {"ninety", 6, 90}, [53] = {"seven", 5, 7}, [55] = {"fourteen", 8, 14},
        [56] = {"thousand", 8, 1000}, [57] = {"seventeen", 9, 17}, [59] = {"fifty", 5, 50},
        [60] = {"zero", 4, 0}, [62] = {"sixty", 5, 60}, [63] = {"eleven", 6, 11}
    };
    if (len < 3 || len > 9)
        return -1;
    unsigned h = word_slot(key, len);
    if (WORDS[h].len == len && memcmp(WORDS[h].k, key, len) == 0)
        return WORDS[h].value;
    return -1;
}

/* The value of a unit/teen/tens key or of a hyphenated "twenty-five"; -1 otherwise. */
static int64_t small_value(const char *k, size_t n) {
    int64_t v = nm__number_word_value(k, n);
    if (v >= 0 && v < 100)
        return v == 12 && key_eq(k, n, "dozen") ? -1 : v;
    const char *h = memchr(k, '-', n);
    if (h == NULL)
        return -1;
    int64_t t = nm__number_word_value(k, (size_t)(h - k));
    int64_t u = nm__number_word_value(h + 1, n - (size_t)(h - k) - 1);
    if (t >= 20 && t <= 90 && t % 10 == 0 && u >= 1 && u <= 9)
        return t + u;
    return -1;
}

/* A scale word a written number may end a group with: full words and news abbreviations. */
static int scale_word(const char *k, size_t n) {
    int m = nm__number_magnitude(k, n);
    if (m < 3 || n == 1 || key_eq(k, n, "grand") || key_eq(k, n, "cr") || key_eq(k, n, "mm") ||
        key_eq(k, n, "thousands") || key_eq(k, n, "millions") || key_eq(k, n, "billions") ||
        key_eq(k, n, "trillions"))
        return 0;
    return m;
}

#define TK(i) (tok[i].norm.ptr), (tok[i].norm.len)

static int is_a(const nm_token *t) {
    return key_eq(t->norm.ptr, t->norm.len, "a") || key_eq(t->norm.ptr, t->norm.len, "an");
}

/* The power of ten of "of a million" / "of an billion" at tok[i, i + 3), else 0. */
static int of_a_scale(const nm_token *tok, size_t n, size_t i) {
    if (i + 2 >= n || !key_eq(TK(i), "of") || !is_a(&tok[i + 1]))
        return 0;
    return scale_word(TK(i + 2));
}

size_t nm__number_words(const nm_token *tok, size_t n, nm_decimal *out) {
    nm_decimal total = {0, 0}, cur = {0, 0};
    int have = 0; /* a number has been read */
    int last = 0; /* 1 unit/teen, 2 tens, 3 hundred, 4 scale, 5 dozen */
    int half = 0; /* tok[0, used) is "half", "half a" or "a half" */
    int fraction = 0; /* tok[0, used) is a fraction: "half", "a half", "a quarter" */
    int sc_last = 0; /* the power of ten of the scale word read last ("million": 6) */
    size_t i = 0, used = 0;
    if (n == 0)
        return 0;
    /* "half", "half a", "a half", "a quarter", "a dozen", "a hundred", "a million";
       "three-quarters" only before "of a million" */
    if (key_eq(TK(0), "three-quarters") && of_a_scale(tok, n, 1)) {
        cur.mant = 75;
        cur.exp = -2;
        have = 1;
        last = 5;
        fraction = 1;
        i = used = 1;
    } else if (key_eq(TK(0), "half")) {
        cur.mant = 5;
        cur.exp = -1;
        i = 1;
        if (i < n && is_a(&tok[i]))
            i++;
        have = 1;
        last = 5;
        half = 1;
        fraction = 1;
        used = i;
    } else if (is_a(&tok[0]) && n >= 2) {
        int64_t v = nm__number_word_value(TK(1));
        if (key_eq(TK(1), "half")) {
            cur.mant = 5;
            cur.exp = -1;
            last = 5;
            half = 1;
            fraction = 1;
        } else if (key_eq(TK(1), "quarter")) {
            cur.mant = 25;
            cur.exp = -2;
            last = 5;
            fraction = 1;
        } else if (v == 12 && key_eq(TK(1), "dozen")) {
            cur.mant = 12;
            last = 5;
        } else if (v == 100) {
            cur.mant = 100;
            last = 3;
        } else if (scale_word(TK(1))) {
            nm_decimal one = {1, 0};
            if (!nm__decimal_scale(&one, scale_word(TK(1))))
                return 0;
            total = one;
            last = 4;
            sc_last = scale_word(TK(1));
        } else {
            return 0;
        }
        have = 1;
        i = 2;
        used = 2;
    }
    for (; i < n; i++) {
        const char *k = tok[i].norm.ptr;
        size_t kl = tok[i].norm.len;
        /* "a quarter of a million", "three quarters of a billion": a fraction of one scale
           (the head's fraction right before "of", or a unit before "quarters of") */
        int fr = fraction;
        fraction = 0;
        int of_sc = total.mant == 0 && (fr || (last == 1 && (key_eq(k, kl, "quarter") ||
                                                            key_eq(k, kl, "quarters"))))
                        ? of_a_scale(tok, n, fr ? i : i + 1)
                        : 0;
        if (of_sc) {
            nm_decimal g = cur;
            if (!fr && !nm__decimal_mul(&g, (nm_decimal){25, -2}))
                break;
            if (!nm__decimal_scale(&g, of_sc))
                break;
            total = g;
            cur = (nm_decimal){0, 0};
            i += fr ? 2 : 3;
            last = 4;
            sc_last = of_sc;
            used = i + 1;
            continue;
        }
        int64_t v = small_value(k, kl);
        if (v >= 0) {
            if (last == 1 || last == 5 || (last == 2 && (v >= 10 || v == 0)))
                break;
            if (!nm__decimal_add(&cur, (nm_decimal){(uint64_t)v, 0}))
                break;
            last = v >= 20 && v % 10 == 0 ? 2 : 1;
            have = 1;
            used = i + 1;
            continue;
        }
        if (!have)
            break;
        if (key_eq(k, kl, "hundred")) {
            if (last == 3 || last == 4 || cur.mant == 0)
                break;
            if (!nm__decimal_mul(&cur, (nm_decimal){1, 2}))
                break;
            last = 3;
            used = i + 1;
            continue;
        }
        if (key_eq(k, kl, "dozen")) {
            if (last != 1 && last != 2 && !(half && i == used)) /* "half a dozen" */
                break;
            if (!nm__decimal_mul(&cur, (nm_decimal){12, 0}))
                break;
            last = 5;
            used = i + 1;
            continue;
        }
        int sc = scale_word(k, kl);
        if (sc) {
            nm_decimal g = cur;
            if (g.mant == 0 && last != 4)
                break;
            if (last == 4)
                break; /* "million billion" */
            if (!nm__decimal_scale(&g, sc) || !nm__decimal_add(&total, g))
                break;
            cur = (nm_decimal){0, 0};
            last = 4;
            sc_last = sc;
            used = i + 1;
            continue;
        }
        if (key_eq(k, kl, "and") && i + 1 < n) {
            /* "one hundred and twenty", "a million and five"; "one and a half" */
            if ((last == 3 || last == 4) && small_value(TK(i + 1)) > 0)
                continue;
            /* "a million and a half": half of the last scale */
            nm_decimal hs = {5, -1};
            if (last == 4 && i + 2 < n && is_a(&tok[i + 1]) && key_eq(TK(i + 2), "half") &&
                nm__decimal_scale(&hs, sc_last) && nm__decimal_add(&total, hs)) {
                last = 5;
                i += 2;
                used = i + 1;
                continue;
            }
            if ((last == 1 || last == 2) && i + 2 < n && is_a(&tok[i + 1]) &&
                key_eq(TK(i + 2), "half")) {
                if (!nm__decimal_add(&cur, (nm_decimal){5, -1}))
                    break;
                last = 5;
                i += 2;
                used = i + 1;
                continue;
            }
            break;
        }
        if (key_eq(k, kl, "point") && (last == 1 || last == 2) && total.mant == 0) {
            /* "one point three": digit words after the point */
            size_t j = i + 1;
            uint64_t frac = 0;
            int32_t fe = 0;
            while (j < n) {
                int64_t d = nm__number_word_value(TK(j));
                if (d < 0 || d > 9 || fe <= -18)
                    break;
                frac = frac * 10 + (uint64_t)d;
                fe--;
                j++;
            }
            if (fe == 0)
                break;
            if (!nm__decimal_add(&cur, (nm_decimal){frac, fe}))
                break;
            i = j - 1;
            last = 5;
            used = j;
            continue;
        }
        break;
    }
    if (!have || used == 0)
        return 0;
    /* drop a trailing "and" or "a" that was not followed through (never counted in used) */
    if (!nm__decimal_add(&total, cur))
        return 0;
    *out = nm__decimal_norm(total);
    return used;
}

int nm__number_group(const char *p, size_t n, nm_decimal *v, int *last) {
    if (n < 3 || n == 4 || n > 3 + 1 + 18)
        return 0;
    uint64_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 3) {
            if (p[k] != '.' && p[k] != ',')
                return 0;
            continue;
        }
        if (p[k] < '0' || p[k] > '9')
            return 0;
        m = m * 10 + (uint64_t)(p[k] - '0');
    }
    *last = n > 3;
    *v = nm__decimal_norm((nm_decimal){m, n > 3 ? -(int32_t)(n - 4) : 0});
    return 1;
}

size_t nm__number_group_next(const char *text, const nm_token *tok, size_t n, size_t j,
                             int *kind) {
    if (j < n && tok[j].type == NM_TOK_NUMBER && tok[j].start == tok[j - 1].end + 1 &&
        text[tok[j - 1].end] == ' ') {
        *kind = ' ';
        return j;
    }
    if (j + 1 < n && tok[j + 1].type == NM_TOK_NUMBER && tok[j].type == NM_TOK_PUNCT &&
        !(tok[j].flags & NM_TF_SPACE_BEFORE) && !(tok[j + 1].flags & NM_TF_SPACE_BEFORE) &&
        tok[j].norm.len == 1 && tok[j].norm.ptr[0] == '\'') {
        *kind = '\'';
        return j + 1;
    }
    return 0;
}
