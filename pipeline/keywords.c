/*
 * keywords.c — the keywords stage: a document's top-k keyphrases, scored against a df model.
 *
 * Candidates are words and phrases of up to 4 tokens inside one sentence and one line, broken
 * by punctuation, numbers, dates and money, neither starting nor ending with a stop word (nor a
 * word in over 15% of the model's documents, like "said"), joined only by connectors ("bank of
 * england"), plus the name entities of the entities stage ("EU" counts as "european union").
 * Variants merge on a key made of Snowball stems of the diacritic-free token keys, so
 * "guarantee", "Guarantees" and "guarantees'" are one candidate; that key is also the df model
 * key (dfmodel.h, `newsmine df build`).
 * Score = saturated tf x (capped idf)^0.2 x word length^1.2 (longest hyphen-free part; names
 * count as 8 letters) x first-sentence, title, entity, spread and word-ending factors (adverbs
 * less, nouns more; a word mostly placed before another content word less: "diplomatic" gives
 * way to "diplomatic efforts") x a phrase or name weight; phrases must occur twice and not
 * end with their first word, names longer than MAX_NGRAM words are none. A name mostly
 * mentioned by one word ("EU", "Zelensky") is scored and shown as that word. Scores are
 * divided by the best, so the top keyword scores 1; ties break on the key, so the output
 * depends on the document alone, not on threads.
 * Terms are lower case (token norms; entity norms case folded), a merged word or phrase in the
 * form the text uses most ("progress" twice over a first "progression"):
 *   "Ukraine's security assurances ... security assurances" => "ukraine", "security assurances".
 * A record whose text gives no keyword (a results table) takes its title's word runs instead,
 * in title order (title_keywords): "TONKA CORP <TKA> RAISES DIVIDEND" => "tonka corp", "tka",
 * "raises dividend".
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bytes.h"
#include "data.h"
#include "dfmodel.h"
#include "fail.h"
#include "kw_cache.h"
#include "kw_clean.h"
#include "kw_scratch.h"
#include "kw_stems.h"
#include "normalize.h"
#include "number.h"
#include "stage.h"
#include "stem.h"
#include "tokenize.h"

#define MAX_NGRAM 4
#define MAX_KEY 512            /* longer candidate keys are skipped */
#define COPY_PAD 32            /* readable bytes after a key or stem: fixed-size copies */
#define CACHE_SLOTS NM__KWC_SLOTS /* the workers' shared word -> stem cache (kw_cache.h) */
#define CACHE_QUOTA 1024u /* cache entries a worker reserves at a time */
#define KEEP_FOR_MIN 10u /* score_rank ranks as many candidates as for a top 10, at least */
#define ROOM_WORDS 4096u /* word candidates made room for up front (extract), at most */
#define IDF_TAB 1024           /* idf values tabulated per worker (log and pow are slow) */
#define TF_TAB 64              /* tf and first-sentence factors tabulated (divisions are slow) */
#define POS_TAB 256

/*
 * Scoring weights, chosen on the KPCrowd dev set (F1@10 on stems) under the seed-article test
 * and kept moderate for other news. On that set the chance that a word is a gold keyphrase
 * rises with its length (3 letters .07, 12+ .45), is low for -ly adverbs and high for noun
 * endings (-tion, -ment, -ity), and barely depends on rarity (idf ** 0.2, capped at 3);
 * tf counts nearly linearly; phrases get a bonus so "security guarantees" can beat "security".
 * On KPCrowd, phrases outside the title and first sentence were gold .26 of the time against .43
 * there, and halving them there (body_phrase_w 0.5) gave F1@10 .211 against .208; it is not
 * done, because editor sets (DUC-2001) are mostly multi-word phrases: with the halving, F1@10
 * against KPCrowd's multi-word gold alone fell .037 -> .028, and a story about a canal closure
 * lost "canal closure" from its top 5 (test_phrase_in_lead). One-word names outside the title
 * and first sentence (.48 against .60) get no name bonus. Words without a noun ending that
 * modify the next word in most of their uses ("diplomatic", "international", "oscar-winning")
 * are what an editor tags only inside the phrase; on KPCrowd such words in our top 40 were gold
 * .35 of the time against .46 (modifying at most a quarter of the time), and mod_w 0.6 from
 * half gave F1@10 .208 -> .209, multi-word .037 -> .039. A word or name only ever seen alone
 * in parentheses, or alone on the text's last line, is a credit ("(AP)", "(CBS/AP)", a wire
 * story's closing "Reuter"), not a keyword; so is a magnitude word ("mln" in a results table).
 * Measured and left out (F1@10 .2127, multi-word .0403): YAKE's context relatedness (distinct
 * neighbours per occurrence), a co-occurrence degree, spread in sentences, sharing a sentence
 * with title words, and a phrase's cohesion (its tf over its rarest word's) each moved F1@10 by
 * .0012 at most over every candidate; on single words alone they gained what a uniform word
 * boost gains, at the multi-word gold's cost. Two-word phrases seen once in the first three
 * sentences raise the multi-word figure (.0403 -> .0436 at x0.8, phrase_w 1.2) but not F1@10
 * (.2122), and bring clauses ("rebuild infrastructure", "crops spread"); F1@10 .215 came only
 * from such a phrase ranked 15th hiding its word ("acquisition" behind "largest acquisition").
 * Also measured and left out (F1@10 .2129, multi-word .0403 before): a one-word name scored by
 * its word's length, at least 4 (not ent_len; acronyms kept): .2141/.0407, .2164/.0413 with
 * acronyms too ("EU" then leaves the seed article's top 10), but the gain is short places
 * ("Japan" in our top 10 gold 2 times in 12, "Paris" 1 in 4: the crowd tags the story, not
 * where it happens, which an editor would tag); persons and organisations alone gave
 * .2133/.0404, and a short surname is no vaguer than a long one. A position decay (x 1 - a *
 * first token / tokens) fell to .2121 (a .35); words giving way to a phrase when they occur at
 * most once or twice outside it .2106, .2096, never .2116; phrases of a headline seen once
 * .2118/.0433 (clauses: "scott brown criticizes"); no name of a stop-like word ("Ba", "Work";
 * but "Li") .2130. Demonyms: an adjective in our top 10 ("iranian") is gold .53 of the time,
 * its country is named in the text in 20 of 83 documents and gold in 9, shown already in 14:
 * folding one into the other gains a few at most. Single words alone by length ** 1.5, not
 * 1.2, about a pivot (x (len / 8.4) ** 0.3): .2144/.0405, but the pivot only trades one figure
 * for the other (8: .2148/.0398, 8.8: .2136/.0412) and short words ("oil", "war", "talks") are
 * what an editor tags. Ceiling of reranking our top 30 by a linear model of these features
 * learned on KPCrowd (2-fold, held-out halves): .2215 with the multi-word figure at .0098;
 * reordering single words and one-word names only, the others kept in their places, .2161,
 * most of it (.2153) from one-word names put below words (the places above), .2175 with title
 * and lead boosts cut for them: the crowd's taste, not an editor's.
 * Measured in the eleventh session and left out (F1@10 .2119, multi-word .0396 before, all
 * top 10s full): a word kept beside a shown phrase holding it is gold .62 of the time (others
 * .61), so it stays, and showing the words select_top leaves to their phrase gave .2110; a
 * phrase whose words are all shown above it is gold .18 of the time (40 cases), dropping it
 * .2121/.0393; a name met only in a Title Case headline line ("Budget Cuts Head") left to its
 * words, 5 documents changed, .2119/.0393; the lead sentence after a headline line counted as
 * the first sentence and headline-only words without the first-sentence boost (415 documents
 * changed) .2120/.0391; capitalised month and weekday words ("March", "Aug") as no keywords,
 * .2118 (KPCrowd's crowd tags dates; Reuters loses "march" from 110 top 10s); any df model
 * instead of Brown's (Reuters-21578: .2100, KPCrowd's own 450 texts: .2118) or idf_pow 0.4
 * (.2122): rarity barely predicts these keyphrases, so coverage is not the lever. Slashes and
 * quotes already break candidates. KPCrowd's gold has punctuation stripped ("exwife",
 * "antiEPA", "US"), so hyphenated terms (55 of our top 10s, gold 0) and dotted acronyms never
 * match: dropping hyphenated terms would give .2142, words alone (no phrases) .2194, both
 * fits to one set's spelling and taste.
 */
typedef struct kw_params {
    double tf_k;         /* tf saturation: tf * (k + 1) / (tf + k) */
    double pos_w;        /* first-sentence boost: 1 + pos_w / (1 + sentence index) */
    double title_w;      /* candidate's words all in the title / headline */
    double cap_w;        /* capitalised mid-sentence occurrences (proper nouns) */
    double ent_w;        /* a name entity in the title or first sentence */
    double phrase_w;     /* multi-word phrases, relative to single words */
    double ent_phrase_w; /* multi-word entity names, relative to single words */
    double body_phrase_w; /* phrases and names of 2+ words in neither the title nor the first
                           * sentence: x this */
    double spread_w;     /* occurrences spread over the document */
    double idf_floor;    /* smallest idf */
    double idf_pow;      /* idf ** idf_pow: how much rarity counts against in-document salience */
    double max_df_frac;  /* words in more of the model's documents act as stop words ("said") */
    double idf_cap;      /* idf above this counts as this: rarity beyond it says little */
    double len_w;        /* word length factor: min(length, len_cap) ** len_w */
    double len_cap;
    double adv_w;        /* factor for adverbs (by ending) */
    double noun_w;       /* factor for words with a noun ending */
    double report_w;     /* factor for words of attribution ("spokesman", "officials") */
    double mod_w;        /* words (no noun ending) mostly right before another content word:
                          * at most x (1 - this) */
    double mod_from;     /* ... when more than this share of their occurrences are so placed */
    double ent_len;      /* the length a name counts as (short names are not vague words) */
    unsigned phrase_min_tf; /* phrases (not names) need this tf; a separate title counts 1 */
} kw_params;

static const kw_params default_params = {
    .tf_k = 10.0,
    .pos_w = 0.3,
    .title_w = 0.3,
    .cap_w = 0.0,
    .ent_w = 0.2,
    .phrase_w = 1.3,
    .ent_phrase_w = 0.7,
    .body_phrase_w = 1.0,
    .spread_w = 0.3,
    .idf_floor = 0.05,
    .idf_pow = 0.2,
    .max_df_frac = 0.15,
    .idf_cap = 3.0,
    .len_w = 1.2,
    .len_cap = 14.0,
    .ent_len = 8.0,
    .adv_w = 0.5,
    .noun_w = 1.4,
    .report_w = 0.5,
    .mod_w = 0.6,
    .mod_from = 0.5,
    .phrase_min_tf = 2,
};

__extension__ typedef unsigned __int128 nm__u128; /* 16 bytes of a cached word, shifted */

/* A cached stem (kw_cache.h): cls holds word_class bits and CLS_COMMON. */
#define CLS_COMMON 4 /* in cache_ent.cls: stop-like; the stem's df is above x->df_common_u (a
                      * bound set with the model, before the first lookup), or the word is a
                      * magnitude ("million", "mln": part of a number, never a keyword) */
#define CACHE_INLINE NM__KWC_INLINE
#define DF_UNKNOWN UINT32_MAX
typedef nm__kwc_ent cache_ent;

/* A phrase's or name's df from the model, kept across documents (names and set phrases recur:
 * "european community", "mln dlrs"): the model lookup misses the cache a few times. */
#define DFC_SLOTS 4096 /* direct-mapped: 128 KB */
#define DFC_KEY 23     /* longer keys are looked up each time */
typedef struct dfc_ent {
    uint32_t hash, df;
    uint8_t klen; /* 0: an empty slot */
    char k[DFC_KEY];
} dfc_ent;
_Static_assert(sizeof(dfc_ent) == 32, "a df cache entry is half a cache line");

/* One candidate of the current document. */
typedef struct cand {
    uint32_t hash, slot; /* slot: where the candidate sits in x->table */
    uint32_t koff, klen; /* key in x->scratch (add_cand) */
    uint32_t tok, ntok;  /* first occurrence: token range (display) */
    int32_t ent;         /* entity index giving the display form, or -1 */
    uint32_t df;         /* df of the key when known from the stem cache, else DF_UNKNOWN */
    uint16_t etype;
    uint8_t in_title, nwords;
    uint8_t wlen; /* mean length of the words in characters (longer words say more) */
    uint8_t wclass; /* a word: WC_* of its first occurrence */
    uint32_t n1;    /* a name: mentions by one word ("Zelensky", "EU") */
    uint32_t tok1;  /* a name: the token of its first one-word mention */
    uint32_t tf, ncap;
    uint32_t npar; /* occurrences as a credit: alone in parentheses ("(AP)") or the last line */
    uint32_t nmod; /* a word: occurrences right before a content word (word_cand counts them) */
    uint32_t first_sent, first_tok, last_tok;
    double score;
} cand;

/* Per-token facts, for the current document. */
typedef struct tokinfo {
    uint32_t soff, slen; /* stem in x->scratch; slen 0: not a word that can be in a candidate */
    uint32_t sent;       /* sentence index */
    uint32_t hash;       /* hash of the stem */
    uint32_t df;         /* df of the stem, or DF_UNKNOWN */
    uint8_t stop, cap, in_title, poss;
    uint8_t rare; /* its word candidate occurs once */
    uint8_t wlen; /* the word's length in characters (key, possessive stripped), at most 255 */
    uint8_t dead; /* in a date, number or money (1) or boilerplate (2: a closing notice, the
                   * frame of kw_clean.h; its names are no candidates either): breaks candidates */
    uint8_t wclass; /* WC_* of the word (key, possessive stripped) */
    uint8_t own;    /* the token is all of entity ent (its bytes are the entity's): the entity's
                     * own candidate, no word candidate */
    int32_t ent;  /* name entity covering the token, or -1 */
    int32_t cand; /* the token's word candidate, or -1 (the shown form is tallied by it) */
} tokinfo;

/* The written forms of one candidate: the first token of each distinct form and its count. */
#define FORM_OCC 64 /* occurrences counted per candidate */
#define FORM_MAX 8  /* distinct forms kept per candidate (later ones are not counted) */
typedef struct form_tally {
    uint32_t tok[FORM_MAX], count[FORM_MAX];
    uint32_t nf, seen;
} form_tally;

/* A name's norm and the candidate it made, for the current document (gen). */
#define ENT_MEMO 256
typedef struct ent_memo {
    const char *p;
    size_t len;
    uint32_t cand, df, gen;
} ent_memo;

struct nm__kw_extractor {
    nm__stemmer *stemmer;
    /* word -> stem cache: survives documents; the pipeline's workers share it (kw_cache.h) */
    cache_ent *cache;
    nm__kw_cache *kwc;      /* cache's owner, for more quota */
    nm__kw_cache *own_kwc;  /* a lone extractor's own cache; NULL in a pipeline */
    uint32_t cache_quota;   /* entries this extractor may still publish before it asks again */
    int cache_spent;        /* the cache takes no more words */
    dfc_ent *dfc;   /* DFC_SLOTS phrase and name dfs (df_cached) */
    /* per document */
    NM__VEC(tokinfo) ti;
    NM__VEC(cand) cands;
    uint32_t *table;
    uint32_t table_cap;
    nm__buf scratch; /* the document's stems (tokinfo.soff) and candidate keys (cand.koff) */
    NM__VEC(nm_str) out_keys;
    NM__VEC(uint32_t) title_stems; /* pairs (offset, length) in scratch */
    NM__VEC(uint32_t) title_hash;
    uint64_t title_bloom;
    NM__VEC(uint32_t) order;
    NM__VEC(double) oscore; /* the scores of order's candidates, side by side (insert_ranked) */
    NM__VEC(uint32_t) multi;
    NM__VEC(uint64_t) mspace; /* per phrase of multi: key_spaces of its key */
    NM__VEC(uint64_t) mends; /* per phrase of multi: word_ends of its key */
    NM__VEC(uint32_t) elig; /* pairs (token, sentence): the tokens that can start or end a
                             * candidate (slen && !stop), in order */
    NM__VEC(uint32_t) starts; /* scratch for elig (sentences_apart) */
    int32_t *ubuf;
    size_t ubuf_cap;
    kw_params prm;
    unsigned top_k;
    const nm__dfmodel *model; /* for common-word tests; NULL when building a model */
    const nm__stopwords *stop; /* stop words of title words and of possessives ("other's") */
    nm__stopwords *own_stop;   /* a lone extractor's (df build): its stop, freed with it */
    int title_field;          /* the document's title came apart from its text */
    double idf_tab[IDF_TAB];  /* idf ** idf_pow for df 0 .. IDF_TAB-1 */
    double tf_tab[TF_TAB];    /* the saturated tf factor of score_rank, same expression */
    double pos_tab[POS_TAB];  /* the first-sentence factor of score_rank, same expression */
    double len_tab[256];      /* the word-length factor, by length in bytes */
    double class_w[4];        /* the factor of a word by its class (WC_*) */
    double mod_tf1[2];        /* score_rank's modifier factor of a word seen once, nmod 0 or 1 */
    uint8_t ent_len;          /* prm.ent_len as a length */
    NM__VEC(uint32_t) seq;    /* candidates in scoring order, then scratch */
    NM__VEC(uint32_t) etok;   /* per entity of the document: its token range [first, end) */
    NM__VEC(uint32_t) aux;    /* aux[c + 1] per candidate c: 1 + its form tally while
                               * selecting; aux[0] takes what tokens of no candidate add */
    NM__VEC(form_tally) tally; /* per kept word: its written forms (word_forms) */
    double df_common;         /* a stem with a df above this is a common word */
    uint32_t df_common_u;     /* the same bound for integer dfs: floor(df_common), capped */
    uint32_t gen;             /* documents seen, for memo */
    ent_memo memo[ENT_MEMO];  /* direct-mapped: the names of the current document */
    uint8_t title_map[256];   /* title_from_string's byte classes (title_map_init) */
};

/* ---- small helpers ------------------------------------------------------------------------ */

/* One byte of FNV-1a: fnv's step, and tok_conn's for its 1 to 3 bytes without the loop. */
static inline uint32_t fnv_byte(uint32_t h, unsigned b) { return (h ^ b) * 16777619u; }

static uint32_t fnv(uint32_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        h = fnv_byte(h, (uint8_t)s[i]);
    return h;
}

#define FNV0 2166136261u

/* A 32-bit hash of s[0..n). */
static inline __attribute__((always_inline)) uint32_t hash_bytes(const char *s, size_t n) {
    return (uint32_t)nm__bytes_hash64(s, n);
}

/* The stem cache's hash of a word: for 1 to 16 bytes (nearly all words) a few loads and one
 * multiply, longer ones through nm__bytes_hash64. It only places and checks cache entries. */
static inline __attribute__((always_inline)) uint32_t word_hash(const char *w, size_t n) {
    uint64_t v;
    if (n - 4 <= 12) {
        /* 4 to 16 bytes without a branch on the length (words under and over 8 bytes come as
         * good as randomly): four 4-byte loads at 0, 4, n - 8, n - 4, the middle two at 0
         * under 8 bytes, cover the word. */
        size_t big = n >= 8, o1 = big << 2, o2 = (n - 8) & (0 - big);
        uint32_t a, b, c, d;
        memcpy(&a, w, 4);
        memcpy(&b, w + o1, 4);
        memcpy(&c, w + o2, 4);
        memcpy(&d, w + n - 4, 4);
        v = ((uint64_t)a | (uint64_t)b << 32) ^
            ((uint64_t)c | (uint64_t)d << 32) * 0x9E3779B97F4A7C15ull;
    } else if (n > 16) {
        return (uint32_t)nm__bytes_hash64(w, n);
    } else {
        v = nm__bytes_short(w, n);
    }
    v += n;
    v ^= v >> 29;
    return (uint32_t)(v * 0xff51afd7ed558ccdull >> 32);
}

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* Copies s[0..n) to d, as one 16-byte move when n <= 16 (no libc call): s must have 16 readable
 * bytes and d 16 writable ones (keys and stems are followed by COPY_PAD spare bytes). */
static inline __attribute__((always_inline)) void copy_short(char *d, const char *s, size_t n) {
    if (n <= 16)
        memcpy(d, s, 16);
    else
        memcpy(d, s, n);
}

/* a[0, n) == b[0, n) for n <= COPY_PAD, a and b both followed by padding (COPY_PAD bytes
 * readable from each): four 8-byte compares, the bytes from n on masked off, no branch (the
 * lengths of keys come as good as randomly: nm__bytes_eq's tests on them mispredicted). */
static inline __attribute__((always_inline)) int pad_eq(const char *a, const char *b, size_t n) {
    _Static_assert(COPY_PAD == 32, "four 8-byte compares");
    static const unsigned char ones[64] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff}; /* then 32 zeros: from n on, no byte counts */
    const unsigned char *m = ones + 32 - n;
    uint64_t d = 0;
    for (int k = 0; k < 32; k += 8) { /* unrolled: a constant count */
        uint64_t x, y, z;
        memcpy(&x, a + k, 8);
        memcpy(&y, b + k, 8);
        memcpy(&z, m + k, 8);
        d |= (x ^ y) & z;
    }
    return d == 0;
}

/* The hash of a phrase key from its words' stem hashes (same key bytes, same hash). */
static uint32_t hash_word(uint32_t h, uint32_t word_hash) {
    return (((h << 5) | (h >> 27)) ^ word_hash) * 0x9E3779B1u;
}

/* A word's length for scoring: its longest hyphen-free part, in characters, at most 255 (a
 * compound like "writer-director" is as specific as its parts, not as specific as a long word). */
static unsigned word_len(const char *s, size_t n) {
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) { /* characters: UTF-8 continuation bytes do not count */
        run = s[i] == '-' ? 0 : run + (((unsigned char)s[i] & 0xC0) != 0x80);
        if (run > best)
            best = run;
    }
    return best > 255 ? 255 : (unsigned)best;
}

/* Word classes by ending: keyphrases are mostly nouns, rarely adverbs. */
enum { WC_OTHER, WC_ADVERB, WC_NOUN, WC_REPORT };
_Static_assert(WC_REPORT < CLS_COMMON, "a word class fits below the stem cache's common bit");

static int ends(const char *s, size_t n, const char *suf, size_t sl) {
    return n >= sl && memcmp(s + n - sl, suf, sl) == 0;
}

/* Is w[0, n) (n >= 1) a time or function word of compounds like "year-ago" ("feb", "quarter",
 * "on")? */
static int time_part(const char *w, size_t n) {
    static const char *const parts[] = {
        "a",      "ago",     "and",      "apr",      "april",   "aug",     "august",  "by",
        "date",   "day",     "days",     "dec",      "december", "earlier", "end",     "feb",
        "february", "first", "for",      "fourth",   "half",    "jan",     "january", "jul",
        "july",   "jun",     "june",     "last",     "mar",     "march",   "may",     "mid",
        "month",  "months",  "next",     "nov",      "november", "oct",    "october", "of",
        "old",    "on",      "over",     "quarter",  "quarters", "second", "sep",     "sept",
        "september", "the",  "third",    "to",       "week",    "weeks",   "year",    "years",
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (parts[i][0] == w[0] && strlen(parts[i]) == n && memcmp(parts[i], w, n) == 0)
            return 1;
    return 0;
}

/*
 * Is w[0, n) a hyphenated compound of time, number and function words only: "year-ago",
 * "year-to-date", "year-on-year", "end-february", "mid-1987", "three-for-two", "year-old"? It
 * dates, counts or compares; it names no subject (Reuters: 178 such terms in top 10s).
 */
static int time_compound(const char *w, size_t n) {
    if (memchr(w, '-', n) == NULL)
        return 0;
    for (size_t b = 0, e; b <= n; b = e + 1) {
        const char *d = memchr(w + b, '-', n - b);
        e = d ? (size_t)(d - w) : n;
        size_t len = e - b, digits = 0;
        while (digits < len && w[b + digits] >= '0' && w[b + digits] <= '9')
            digits++;
        if (len == 0 || !(digits == len || time_part(w + b, len) ||
                          nm__number_word_value(w + b, len) >= 0))
            return 0;
    }
    return 1;
}

/* "quickly" (not "family", "supply", "assembly": -ly after 5+ letters, not -ply, -bly);
 * "agreement", "election", "stability", "darkness" are nouns. */
static int word_class(const char *s, size_t n) {
    if (nm__kw_reporting_word(s, n))
        return WC_REPORT; /* "spokesman", "officials", "told" (kw_clean.h) */
    if (n < 6)
        return WC_OTHER;
    switch (s[n - 1]) { /* the last letter picks the endings to test */
    case 'y':
        if (n >= 7 && ends(s, n, "ly", 2) && !ends(s, n, "ply", 3) && !ends(s, n, "bly", 3))
            return WC_ADVERB;
        return ends(s, n, "ity", 3) ? WC_NOUN : WC_OTHER;
    case 'n':
        return ends(s, n, "tion", 4) || ends(s, n, "sion", 4) ? WC_NOUN : WC_OTHER;
    case 't':
        return ends(s, n, "ment", 4) ? WC_NOUN : WC_OTHER;
    case 's':
        return ends(s, n, "ness", 4) || ends(s, n, "tions", 5) || ends(s, n, "sions", 5) ||
                       ends(s, n, "ments", 5) || ends(s, n, "ities", 5)
                   ? WC_NOUN
                   : WC_OTHER;
    default:
        return WC_OTHER;
    }
}

/* Length of norm without a possessive ending ('s, s'), when the token is flagged possessive.
 * Inline: most tokens are not possessive, and the call cost more than the test. */
static inline __attribute__((always_inline)) size_t strip_poss(const char *s, size_t n, int poss) {
    if (!poss)
        return n;
    if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return n - 2;
    if (n > 1 && s[n - 1] == '\'')
        return n - 1;
    if (n > 4 && memcmp(s + n - 4, "\xe2\x80\x99s", 4) == 0)
        return n - 4;
    return n;
}

/* s[0..n) is what a token has past the end of a name in it: a possessive ("Obama's": the name
 * ends before the apostrophe), so the token belongs to the name. Without this, "President Barack
 * Obama's plan" gave the name one token and it was shown as "barack". */
static __attribute__((noinline, cold)) int poss_tail_ref(const char *s, size_t n) {
    size_t a = nm__html_apostrophe(s, n);
    return a != 0 && (a == n || (a + 1 == n && (s[a] | 0x20) == 's'));
}

static int poss_tail(const char *s, size_t n) {
    return (n == 2 && s[0] == '\'' && (s[1] == 's' || s[1] == 'S')) || (n == 1 && s[0] == '\'') ||
           (n == 4 && memcmp(s, "\xe2\x80\x99s", 4) == 0) ||
           (n == 3 && memcmp(s, "\xe2\x80\x99", 3) == 0) ||
           (n >= 4 && s[0] == '&' && poss_tail_ref(s, n)); /* "&#39;s": HTML for the apostrophe */
}

/* a[0..n) == b[0..n) for a cached word, n <= CACHE_INLINE: from 4 bytes on, four 4-byte
 * compares at 0, min(4, n - 4), min(8, n - 4) and n - 4, which cover [0, n) with no branch on
 * the length (a test at 8 bytes came as good as randomly); nm__bytes_eq below. */
static inline __attribute__((always_inline)) int cached_eq(const char *a, const char *b,
                                                           size_t n) {
    _Static_assert(CACHE_INLINE <= 16, "four 4-byte compares cover a cached word");
    if (n >= 4) {
        size_t m = n - 4, o[4] = {0, m < 4 ? m : 4, m < 8 ? m : 8, m};
        uint32_t d = 0;
        for (int i = 0; i < 4; i++) { /* unrolled: a constant count */
            uint32_t u, v;
            memcpy(&u, a + o[i], 4);
            memcpy(&v, b + o[i], 4);
            d |= u ^ v;
        }
        return d == 0;
    }
    return nm__bytes_eq(a, b, n);
}

/* The stem cache's entry of word w[0..n) (h: its word_hash), or NULL; *slot: the empty slot
 * the probe ended on when NULL (a word over CACHE_INLINE bytes is never cached: NULL and slot
 * h's). */
static inline __attribute__((always_inline)) cache_ent *
cache_probe(const nm__kw_extractor *x, const char *w, size_t n, uint32_t h, uint32_t *slot) {
    uint32_t mask = CACHE_SLOTS - 1, i = h & mask;
    cache_ent *e = NULL;
    for (; n <= CACHE_INLINE; i = (i + 1) & mask) { /* longer words: never cached */
        cache_ent *c = &x->cache[i];
        unsigned k = nm__kwc_klen(c); /* first: the rest is read once it is published */
        if (k == 0)
            break;
        if (k == n && c->hash == h && cached_eq(c->b, w, n)) {
            e = c;
            break;
        }
    }
    *slot = i;
    return e;
}

/* May this extractor publish one more cache entry? Asks the cache for quota when its own is
 * spent; once the cache has given out its budget, never again. */
static inline int cache_room(nm__kw_extractor *x) {
    if (x->cache_quota == 0 && !x->cache_spent &&
        (x->cache_quota = nm__kw_cache_reserve(x->kwc, CACHE_QUOTA)) == 0)
        x->cache_spent = 1;
    return x->cache_quota != 0;
}

/*
 * stem_word's miss (out of line: ~2% of lookups): the stem and facts of word w[0..n) (hash h)
 * from the stemmer and the model; cached in x->cache's slot i, empty when the probe ended on
 * it, when it fits and no other worker took the slot meanwhile. The stem is copied to *out,
 * which moves when scratch grows. 0, or -1 when out of memory.
 */
static __attribute__((noinline)) int stem_miss(nm__kw_extractor *x, const char *w, size_t n,
                                               uint32_t h, uint32_t i, char **out, size_t *slp,
                                               uint32_t *shp, uint32_t *dfp, unsigned *clsp) {
    /* A word the stemmer provably stems to a prefix of itself (itself, or the word of a plural:
     * 48% of the first lookups on Reuters) takes it without the stemmer's ~2,000
     * instructions; so does a plural whose word is cached ("rates" after "rate": 4% more). */
    int plural = 0;
    long known = nm__kw_stem_known(w, n, &plural);
    char sing[CACHE_INLINE];
    const cache_ent *se = NULL;
    if (known < 0 && plural) {
        uint32_t slot;
        se = cache_probe(x, w, n - 1, word_hash(w, n - 1), &slot);
        if (se) { /* its stem: the word's first plen bytes (w's too), then its own ending */
            memcpy(sing, w, se->plen);
            memcpy(sing + se->plen, se->b + (n - 1), se->sfx);
        }
    }
    nm_str stem = known >= 0 ? (nm_str){w, (size_t)known}
                  : se         ? (nm_str){sing, (size_t)se->plen + se->sfx}
                               : nm__stem(x->stemmer, w, n);
    size_t sl = stem.len;
    if (x->scratch.len + sl > x->scratch.cap) {
        if (nm__buf_reserve(&x->scratch, sl) != 0)
            return -1;
        *out = x->scratch.ptr + x->scratch.len;
    }
    char *o = *out;
    memcpy(o, stem.ptr, sl);
    uint32_t sh, df;
    unsigned cls;
    sh = fnv(FNV0, o, sl);
    int known_df = nm__dfmodel_docs(x->model) >= 100;
    df = known_df ? nm__dfmodel_df(x->model, o, sl) : DF_UNKNOWN;
    /* df_common is max_df_frac * docs, as a model of 100+ documents gives it (known_df, not
     * df != DF_UNKNOWN: a model's count may be UINT32_MAX); a magnitude outside a number ("Net
     * 12.6 mln vs 15.8 mln", tables the entities stage leaves) and a compound of time words
     * ("year-ago") are no keywords either */
    int stoplike = (known_df && df > x->df_common_u) ||
                   nm__number_magnitude(w, n) >= 3 || time_compound(w, n) ||
                   nm__kw_function_word(w, n);
    cls = (unsigned)word_class(w, n) | (stoplike ? CLS_COMMON : 0);
    size_t p = 0;
    while (p < sl && p < n && o[p] == w[p])
        p++;
    cache_ent *e = &x->cache[i]; /* empty when stem_word's probe ended on it */
    if (n + (sl - p) <= CACHE_INLINE && cache_room(x) && nm__kwc_claim(e)) {
        e->hash = h;
        e->shash = sh;
        e->plen = (uint8_t)p;
        e->sfx = (uint8_t)(sl - p);
        e->df = df;
        e->cls = (uint8_t)cls;
        memcpy(e->b, w, n);
        memcpy(e->b + n, o + p, sl - p);
        nm__kwc_publish(e, n);
        x->cache_quota--;
    }
    *slp = sl;
    *shp = sh;
    *dfp = df;
    *clsp = cls;
    return 0;
}

/*
 * Stem of word[0..n) (h: its word_hash) through the cache, copied to the end of x->scratch (so
 * it stays valid for the document whatever happens to the cache), with its hash, commonness, df
 * and the word's class (each out pointer may be NULL). Returns its offset in scratch, or -1 on
 * OOM.
 */
static inline __attribute__((always_inline)) long
stem_word(nm__kw_extractor *x, const char *w, size_t n, uint32_t h, uint32_t *slen,
          uint32_t *shash, int *common, uint32_t *dfp, uint8_t *wclass) {
    size_t need = x->scratch.len + n + CACHE_INLINE;
    if (need > x->scratch.cap && nm__buf_reserve(&x->scratch, n + CACHE_INLINE) != 0)
        return -1;
    char *out = x->scratch.ptr + x->scratch.len;
    size_t sl;
    uint32_t df, sh;
    unsigned cls;
    /* The table's empty slot i takes the word on a miss. (A small front cache of frequent
     * words saved the table's cache misses until tok_class prefetched its lines: then it only
     * cost, 4% of the stage's time on Reuters.) */
    uint32_t i;
    const cache_ent *e = cache_probe(x, w, n, h, &i);
    if (e) {
        /* Fixed-size copies (no libc call): the word bytes, then the stem's own ending over
         * them, taken from the same 16 bytes shifted down by n bytes (reading e->b + n would
         * reach into the next entry, often on the next line: a cache miss the prefetch did
         * not cover); scratch has n + CACHE_INLINE bytes free. */
        nm__u128 v;
        memcpy(&v, e->b, CACHE_INLINE);
        memcpy(out, &v, CACHE_INLINE);
        v = v >> (8 * n - 1) >> 1; /* n is 1 to 16: each shift is under 128 */
        memcpy(out + e->plen, &v, CACHE_INLINE);
        sl = (size_t)e->plen + e->sfx;
        df = e->df;
        sh = e->shash;
        cls = e->cls;
        goto done;
    }
    if (stem_miss(x, w, n, h, i, &out, &sl, &sh, &df, &cls) != 0)
        return -1;
done:;
    long off = (long)x->scratch.len;
    x->scratch.len += sl;
    *slen = (uint32_t)sl;
    if (shash)
        *shash = sh;
    if (common)
        *common = (cls & CLS_COMMON) != 0;
    if (dfp)
        *dfp = df;
    if (wclass)
        *wclass = (uint8_t)(cls & (CLS_COMMON - 1));
    return off;
}


/* ---- candidates --------------------------------------------------------------------------- */

/* Does text[b, e) stand alone in parentheses, as a credit does ("(AP)", "(CBS/AP)") or a
 * legislator's party and state ("(R-Texas)", and with an abbreviation's period "(D-Calif.)")? */
static int in_parens(const nm_record *rec, size_t b, size_t e) {
    const char *t = rec->text.ptr;
    size_t n = rec->text.len;
    return b > 0 && e < n && (t[b - 1] == '(' || t[b - 1] == '/') &&
           (t[e] == ')' || (t[e] == '.' && e + 1 < n && t[e + 1] == ')'));
}

/* Are tokens [tb, te) a credit: alone in parentheses, or on their own as the text's last line
 * after another, as wire stories sign off ("... on February 27.\n Reuter\n"; a text of one
 * line, "Ukraine", is no credit)? */
static inline int is_credit(const nm_record *rec, size_t tb, size_t te) {
    const nm_token *tk = rec->tokens.v;
    if (te == rec->tokens.n && tb > 0 && (tk[tb].flags & NM_TF_LINE_START))
        return 1;
    return !(tk[tb].flags & NM_TF_SPACE_BEFORE) && in_parens(rec, tk[tb].start, tk[te - 1].end);
}


static nm_str tok_norm(const nm_record *rec, const nm_token *t) {
    if (t->norm.len)
        return t->norm;
    return (nm_str){rec->text.ptr + t->start, t->end - t->start};
}

static int table_grow(nm__kw_extractor *x) {
    uint32_t ncap = x->table_cap ? x->table_cap * 2 : 1024;
    uint32_t *t = calloc(ncap, sizeof *t);
    if (!t)
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < x->cands.n; i++) {
        uint32_t h = x->cands.v[i].hash & (ncap - 1);
        while (t[h])
            h = (h + 1) & (ncap - 1);
        t[h] = (uint32_t)i + 1;
        x->cands.v[i].slot = h;
    }
    free(x->table);
    x->table = t;
    x->table_cap = ncap;
    return NM_OK;
}

/* One more occurrence of candidate c. */
static void cand_again(cand *c, uint32_t tok, int32_t ent, int etype, uint32_t sent, int in_title,
                       int cap, uint32_t df) {
    c->tf++;
    c->ncap += cap != 0;
    c->in_title |= in_title != 0;
    if (tok > c->last_tok)
        c->last_tok = tok;
    if (tok < c->first_tok) {
        c->first_tok = tok;
        c->first_sent = sent;
    }
    if (ent >= 0 && c->ent < 0) {
        c->ent = ent;
        c->etype = (uint16_t)etype;
    }
    if (c->df == DF_UNKNOWN)
        c->df = df; /* the same key: the same df */
}

/* nm__vec_reserve for the per-token arrays: when that is more than a worker keeps
 * (kw_scratch.h), exactly need items, not the next power of two (a 2 MB document's ~300K
 * tokens took 512K facts of 40 bytes: 8 MB more). Their old items are not kept. */
static int tok_reserve(void **v, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap)
        return NM_OK;
    if (need * elem <= NM__KW_KEEP_BYTES || need > SIZE_MAX / elem)
        return nm__vec_grow(v, cap, need, elem);
    free(*v); /* not realloc: nothing in them is kept, so nothing is copied */
    *v = malloc(need * elem);
    *cap = *v ? need : 0;
    return *v ? NM_OK : NM_ERR_NOMEM;
}

/* Room in x->cands and x->table for more new candidates (table at most half full). */
static int cand_room(nm__kw_extractor *x, size_t more) {
    while ((x->cands.n + more) * 2 > x->table_cap)
        if (table_grow(x) != NM_OK)
            return NM_ERR_NOMEM;
    return nm__vec_reserve((void **)&x->cands.v, &x->cands.cap, x->cands.n + more,
                           sizeof *x->cands.v) != 0
               ? NM_ERR_NOMEM
               : NM_OK;
}

/* One occurrence of candidate key[0..klen) at tokens [tok, tok+ntok); room: cand_room made
 * room for it already. Keys live in x->scratch: soff >= 0 says key is scratch's own bytes at
 * soff (a word's stem: no copy), else a new candidate's key is copied to scratch's end. */
static inline __attribute__((always_inline)) int
add_cand(nm__kw_extractor *x, const char *key, long soff, size_t klen, uint32_t hash, uint32_t tok,
         uint32_t ntok, int32_t ent, int etype, uint32_t sent, int in_title, int cap, int nwords,
         uint32_t df, unsigned wlen, int room, uint32_t *idx) {
    if (!room && (x->cands.n + 1) * 2 > x->table_cap && table_grow(x) != NM_OK)
        return NM_ERR_NOMEM;
    uint32_t mask = x->table_cap - 1, i = hash & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t s = x->table[i];
        if (!s)
            break;
        cand *c = &x->cands.v[s - 1];
        if (c->hash == hash && c->klen == klen &&
            (klen <= COPY_PAD ? pad_eq(x->scratch.ptr + c->koff, key, klen)
                              : nm__bytes_eq(x->scratch.ptr + c->koff, key, klen))) {
            cand_again(c, tok, ent, etype, sent, in_title, cap, df);
            *idx = s - 1;
            return NM_OK;
        }
    }
    size_t koff = (size_t)soff;
    if (soff < 0) { /* key: a key buffer, COPY_PAD bytes after it readable */
        koff = x->scratch.len;
        if (x->scratch.cap - koff < klen + COPY_PAD &&
            nm__buf_reserve(&x->scratch, klen + COPY_PAD) != 0)
            return NM_ERR_NOMEM;
        copy_short(x->scratch.ptr + koff, key, klen);
        x->scratch.len += klen;
    }
    if (!room && x->cands.n == x->cands.cap &&
        nm__vec_reserve((void **)&x->cands.v, &x->cands.cap, x->cands.n + 1,
                        sizeof *x->cands.v) != 0)
        return NM_ERR_NOMEM;
    /* Field by field: a compound literal is zeroed first with a slow `rep stos`. */
    cand *c = &x->cands.v[x->cands.n];
    c->hash = hash;
    c->slot = i;
    c->koff = (uint32_t)koff;
    c->klen = (uint32_t)klen;
    c->tok = tok;
    c->ntok = ntok;
    c->ent = ent;
    c->df = df;
    c->etype = (uint16_t)(ent >= 0 ? etype : 0);
    c->in_title = in_title != 0;
    c->nwords = (uint8_t)nwords;
    c->wlen = (uint8_t)(wlen > 255 ? 255 : wlen);
    c->wclass = 0;
    c->n1 = 0;
    c->tok1 = 0;
    c->tf = 1;
    c->ncap = cap != 0;
    c->npar = 0;
    c->nmod = 0;
    c->first_sent = sent;
    c->first_tok = tok;
    c->last_tok = tok;
    c->score = 0;
    if (df == DF_UNKNOWN) /* a phrase or name: score_rank reads its df cache slot */
        __builtin_prefetch(&x->dfc[hash & (DFC_SLOTS - 1)]);
    *idx = (uint32_t)x->cands.n++;
    x->table[i] = (uint32_t)x->cands.n;
    return NM_OK;
}

/* Case-folds (and with strip, removes marks from) s into x->ubuf, typographic apostrophes,
 * quotes, dashes and spaces made ASCII as in token keys ("O’Keefe" is "o'keefe", as the
 * text's tokens are); returns UTF-8 length or -1. */
static long fold(nm__kw_extractor *x, const char *s, size_t n, int strip, const char **out) {
    const uint64_t hi = 0x8080808080808080ull;
    size_t i = 0;
    uint64_t v;
    for (; i + 8 <= n; i += 8) { /* 8 bytes at a time, then byte by byte */
        memcpy(&v, s + i, 8);
        if (v & hi)
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) { /* ASCII (most names): lower-casing is all folding does */
        if (x->ubuf_cap * sizeof *x->ubuf < n) {
            int32_t *nb = realloc(x->ubuf, n * sizeof *nb);
            if (!nb)
                return -1;
            x->ubuf = nb;
            x->ubuf_cap = n;
        }
        char *d = (char *)x->ubuf;
        for (i = 0; i + 8 <= n; i += 8) {
            /* bytes >= 'A' and not > 'Z' get 0x20 (no byte carries: all are < 0x80) */
            memcpy(&v, s + i, 8);
            uint64_t upper = (v + 0x3f3f3f3f3f3f3f3full) & ~(v + 0x2525252525252525ull) & hi;
            v |= upper >> 2;
            memcpy(d + i, &v, 8);
        }
        for (; i < n; i++)
            d[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        *out = d;
        return (long)n;
    }
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    if (strip)
        opt |= UTF8PROC_STRIPMARK;
    for (;;) {
        utf8proc_ssize_t r = utf8proc_decompose_custom(
            (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, x->ubuf,
            (utf8proc_ssize_t)x->ubuf_cap, opt, nm__normalize_unify, NULL);
        if (r < 0)
            return -1;
        if ((size_t)r <= x->ubuf_cap) {
            r = utf8proc_reencode(x->ubuf, r, opt);
            if (r < 0)
                return -1;
            *out = (const char *)x->ubuf;
            return (long)r;
        }
        size_t ncap = (size_t)r + 16;
        int32_t *nb = realloc(x->ubuf, ncap * sizeof *nb);
        if (!nb)
            return -1;
        x->ubuf = nb;
        x->ubuf_cap = ncap;
    }
}

static int title_has(const nm__kw_extractor *x, uint32_t h, const char *stem, uint32_t slen) {
    if (!(x->title_bloom >> (h & 63) & 1))
        return 0;
    for (size_t i = 0; i < x->title_hash.n; i++)
        if (x->title_hash.v[i] == h && x->title_stems.v[2 * i + 1] == slen &&
            memcmp(x->scratch.ptr + x->title_stems.v[2 * i], stem, slen) == 0)
            return 1;
    return 0;
}

static int title_add(nm__kw_extractor *x, const char *w, size_t n) {
    uint32_t slen;
    uint32_t h;
    long off = stem_word(x, w, n, word_hash(w, n), &slen, &h, NULL, NULL, NULL);
    if (off < 0)
        return NM_ERR_NOMEM;
    size_t t = x->title_hash.n; /* title_stems holds 2 t: one room test for both */
    if (t == x->title_hash.cap &&
        (nm__vec_reserve((void **)&x->title_hash.v, &x->title_hash.cap, t + 1,
                         sizeof *x->title_hash.v) != 0 ||
         nm__vec_reserve((void **)&x->title_stems.v, &x->title_stems.cap, 2 * x->title_hash.cap,
                         sizeof *x->title_stems.v) != 0))
        return NM_ERR_NOMEM;
    x->title_stems.v[2 * t] = (uint32_t)off;
    x->title_stems.v[2 * t + 1] = slen;
    x->title_stems.n = 2 * t + 2;
    x->title_hash.v[t] = h;
    x->title_hash.n = t + 1;
    x->title_bloom |= 1ull << (h & 63);
    return NM_OK;
}

enum { TC_END, TC_WORD, TC_SPACE }; /* title_char's classes */

/* Title t's character at i: its length in bytes, and in *cls TC_WORD when it belongs in a title
 * word (an ASCII byte title_map keeps; outside ASCII a letter, mark or number, U+2019 between
 * word bytes: "o’neill", "zelensky’s"; a byte that is not UTF-8, as before), TC_SPACE for
 * white space (ASCII or Zs: NBSP), else TC_END: punctuation and symbols end a word ("—", "‘",
 * "«", an emoji; title_map takes every byte >= 0x80). */
static size_t title_char(const nm__kw_extractor *x, nm_str t, size_t i, int *cls) {
    unsigned char c = (unsigned char)t.ptr[i];
    if (c < 0x80) {
        *cls = x->title_map[c] ? TC_WORD : is_space((char)c) ? TC_SPACE : TC_END;
        return 1;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)t.ptr + i,
                                          (utf8proc_ssize_t)(t.len - i), &cp);
    if (r <= 0) {
        *cls = TC_WORD;
        return 1;
    }
    size_t e = i + (size_t)r;
    utf8proc_category_t k = utf8proc_category(cp);
    if (cp == 0x2019)
        *cls = i > 0 && x->title_map[(unsigned char)t.ptr[i - 1]] && e < t.len &&
                       x->title_map[(unsigned char)t.ptr[e]]
                   ? TC_WORD
                   : TC_END;
    else
        *cls = k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO ? TC_WORD
               : k == UTF8PROC_CATEGORY_ZS                            ? TC_SPACE
                                                                      : TC_END;
    return (size_t)r;
}

/* Is s[0, n) a typographic apostrophe inside a word (U+2019, U+02BC), which token keys write
 * as "'"? */
static int title_apostrophe(const char *s, size_t n) {
    return (n == 3 && memcmp(s, "\xe2\x80\x99", 3) == 0) ||
           (n == 2 && memcmp(s, "\xca\xbc", 2) == 0);
}

/* Title words from rec->title: ASCII-lowercased runs of letters, digits, ' and - (and letters,
 * marks and numbers outside ASCII: title_char), each ASCII byte classed and lowered by one load
 * from x->title_map (a test per byte class cost ~20 instructions a byte). */
static int title_from_string(nm__kw_extractor *x, nm_str t) {
    char w[64];
    size_t n = 0;
    int nonascii = 0; /* w holds a byte >= 0x80 */
    for (size_t i = 0, cl = 1; i <= t.len; i += cl) {
        int cls = TC_END;
        cl = i < t.len ? title_char(x, t, i, &cls) : 1;
        if (cls == TC_WORD && title_apostrophe(t.ptr + i, cl)) {
            if (n < sizeof w)
                w[n++] = '\''; /* as normalize keys it: "o’neill" is "o'neill" */
            continue;
        }
        if (cls == TC_WORD) {
            nonascii |= (unsigned char)t.ptr[i] >= 0x80;
            for (size_t j = i; j < i + cl; j++)
                if (n < sizeof w)
                    w[n++] = (char)x->title_map[(unsigned char)t.ptr[j]];
            continue;
        }
        if (n > 0 && n < sizeof w) {
            /* a word outside ASCII keyed as the text's tokens are: case folded, without
             * diacritics ("Zürich", "ERDOĞAN": "zurich", "erdogan"); as it is when it is no
             * UTF-8 (a library caller's title) */
            const char *k = w;
            long kl = nonascii ? fold(x, w, n, 1, &k) : -1;
            if (kl < 0) {
                k = w;
                kl = (long)n;
            }
            size_t m = strip_poss(k, (size_t)kl, 1);
            if (m > 1 && title_add(x, k, m) != NM_OK)
                return NM_ERR_NOMEM;
        }
        n = 0;
        nonascii = 0;
    }
    return NM_OK;
}

/* x->title_map: for each byte, 0 when it ends a title word, else the byte it adds to the word
 * (letters lowered; digits, bytes >= 0x80, '-' and '\'' as they are). title_from_string and
 * title_keywords cut the title's words by it. */
static void title_map_init(nm__kw_extractor *x) {
    for (unsigned ch = 0; ch < 256; ch++) {
        int word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                   (ch >= '0' && ch <= '9') || ch >= 0x80 || ch == '-' || ch == '\'';
        x->title_map[ch] = (uint8_t)(word ? (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) : 0);
    }
}

/*
 * Index of the first token starting at or after byte off (tokens are ordered). *hint is where
 * the previous call ended: entities come sorted, so a short forward walk usually finds it.
 */
static inline __attribute__((always_inline)) size_t first_token(const nm_token *tk, size_t n,
                                                                uint32_t off, size_t *hint) {
    size_t i = *hint;
    if (i <= n && (i == 0 || tk[i - 1].start < off)) {
        if (i + 8 <= n) {
            /* The next 8 tokens that start before off, counted without a branch (they are in
             * order: the count is the step): the walk's exit after a varying number of steps
             * mispredicted (~25 times a document on Reuters in callgrind's simulation). */
            size_t c = 0;
            for (int k = 0; k < 8; k++) /* unrolled: a constant count */
                c += tk[i + k].start < off;
            if (c < 8)
                return *hint = i + c;
            i += 8;
        }
        for (int steps = 0; steps < 16; steps++, i++)
            if (i == n || tk[i].start >= off)
                return *hint = i;
    }
    return *hint = nm__kw_token_from(tk, 0, n, off);
}

/* Stop words that may join the words of a phrase: "bank of england", "procter & gamble". */
static int connector(nm_str k) {
    /* "of", "and", "&", "for", "the", "de", "del", "la", "du", "von", "van", "der", "y", each
     * packed as length << 24 | bytes (little end first), at the slot a multiplicative hash
     * gives it (no two collide): one load and one compare per word. */
    static const uint32_t slots[16] = {0x02007564u, 0x00000000u, 0x03646e61u, 0x03726f66u,
                                       0x036e6f76u, 0x00000000u, 0x01000026u, 0x0200616cu,
                                       0x02006564u, 0x03726564u, 0x036e6176u, 0x0200666fu,
                                       0x00000000u, 0x036c6564u, 0x03656874u, 0x01000079u};
    if (k.len == 0 || k.len > 3)
        return 0; /* all of them are 1-3 bytes: most words need no comparison */
    /* Bytes 0, len / 2 and len - 1 are bytes 0, 1, 2 of a 3-byte word: no loop, whose exit
     * after 1, 2 or 3 bytes mispredicted often. */
    const unsigned char *p = (const unsigned char *)k.ptr;
    uint32_t m2 = 0u - (uint32_t)(k.len >= 2), m3 = 0u - (uint32_t)(k.len == 3);
    uint32_t v = (uint32_t)k.len << 24 | p[0] | ((uint32_t)p[k.len / 2] << 8 & m2) |
                 ((uint32_t)p[k.len - 1] << 16 & m3);
    return slots[(v * 0xf878208du) >> 28] == v;
}

/* Can a phrase from eligible token i go on to token i + 1 (inside the sentence)? The tests the
 * phrase loop of ngrams makes there, made first and cheaply: most starts fail them. */
static inline int phrase_goes_on(const nm__kw_extractor *x, const nm_record *rec, size_t i,
                                 int all) {
    const tokinfo *f = &x->ti.v[i], *g = f + 1;
    const nm_token *t = &rec->tokens.v[i + 1];
    if (!g->slen || (t->flags & NM_TF_LINE_START) || f->poss || g->ent != f->ent ||
        (g->hash == f->hash && g->slen == f->slen))
        return 0;
    if (g->stop)
        return connector(nm__kw_tok_key(rec, t));
    return all || !(f->rare | g->rare) || ((f->in_title & g->in_title) && x->title_field);
}

/* Eligible token i of sentence s as a word candidate: notes its title membership and counts
 * it under its stem, unless it is a name entity's own candidate. */
static inline __attribute__((always_inline)) int word_cand(nm__kw_extractor *x,
                                                           const nm_record *rec, size_t i,
                                                           uint32_t s, int room) {
    const nm_token *tk = rec->tokens.v;
    tokinfo *f = &x->ti.v[i];
    const char *stem = x->scratch.ptr + f->soff;
    if (f->own) { /* set with ent in extract's entity walk: no load of the entity here */
        f->in_title = x->title_bloom && title_has(x, f->hash, stem, f->slen);
        return NM_OK; /* the entity's own candidate */
    }
    uint32_t idx;
    int rc = add_cand(x, stem, (long)f->soff, f->slen, hash_word(0, f->hash), (uint32_t)i, 1, -1, 0, s, 0,
                      f->cap, 1, f->df, f->wlen, room, &idx);
    if (rc != NM_OK)
        return rc;
    /* Being a title word is a fact of the stem, so of the candidate: tested once, when it is
     * new (the words come first: nothing else has set it), and copied to each occurrence. */
    cand *c = &x->cands.v[idx];
    if (c->tf == 1)
        c->in_title = x->title_bloom && title_has(x, f->hash, stem, f->slen);
    f->in_title = c->in_title;
    /* Modifies the next word ("diplomatic efforts"): the next token is a content word on the
     * same line and this one no possessive. A token met twice (sentences that overlap) counts
     * once. */
    size_t nt = rec->tokens.n, nx = i + 1 < nt ? i + 1 : i; /* no branch: nx is read always */
    const tokinfo *g = &x->ti.v[nx];
    c->nmod += (uint32_t)((f->cand < 0) & (i + 1 < nt) & (f->poss == 0) & (g->slen != 0) &
                          (g->stop == 0) & ((tk[nx].flags & NM_TF_LINE_START) == 0));
    f->cand = (int32_t)idx;
    c->npar += (uint32_t)is_credit(rec, i, i + 1);
    if (c->tf == 1) /* a new word: the class of its first form */
        c->wclass = f->wclass;
    return NM_OK;
}

/*
 * The phrases of 2 to MAX_NGRAM tokens starting at eligible token i of sentence s: they stay
 * inside the sentence and a line, do not run past a possessive, do not leave or enter
 * an entity, and neither start nor end with a stop word. key: a MAX_KEY + COPY_PAD buffer.
 */
static inline __attribute__((always_inline)) int phrases_from(nm__kw_extractor *x,
                                                              const nm_record *rec, size_t i,
                                                              uint32_t s, int all, char *key) {
    const nm_token *tk = rec->tokens.v;
    const tokinfo *ti = x->ti.v;
    if (!all && ti[i].rare && !(ti[i].in_title && x->title_field))
        return NM_OK; /* a word seen once starts no phrase seen twice, unless in a separate title */
    size_t e = rec->tokens.n; /* the sentence's end */
    if (rec->sentences.n && rec->sentences.v[s].tok_end < e)
        e = rec->sentences.v[s].tok_end;
    if (i + 1 >= e || !phrase_goes_on(x, rec, i, all))
        return NM_OK; /* most starts: the next token already ends every phrase */
    size_t kl = 0;
    uint32_t h = 0;
    int all_title = 1, all_cap = 1, rare = 0;
    unsigned wsum = 0, wn = 0;
    /* wsum / wn (wn 1 to MAX_NGRAM, wsum at most 255 each) by a multiply: the same quotient
     * (checked for every such pair), without a division ahead of every phrase's probe */
    static const unsigned inv[MAX_NGRAM + 1] = {0, 65536, 32768, 21846, 16384};
    _Static_assert(MAX_NGRAM == 4, "inv holds 65536 / wn rounded up for wn 1 to 4");
    size_t last = i + MAX_NGRAM;
    for (size_t j = i; j < e && j < last; j++) {
        const tokinfo *f = &ti[j];
        if (!f->slen || (j > i && ((tk[j].flags & NM_TF_LINE_START) || ti[j - 1].poss)))
            break;
        if (kl + f->slen + 1 > MAX_KEY)
            break;
        if (f->ent != ti[i].ent)
            break; /* leaves or enters an entity */
        if (j > i && f->hash == ti[j - 1].hash && f->slen == ti[j - 1].slen)
            break; /* "price price": a table or a stutter, not a phrase */
        if (j > i)
            key[kl++] = ' ';
        copy_short(key + kl, x->scratch.ptr + f->soff, f->slen);
        kl += f->slen;
        h = hash_word(h, f->hash);
        if (f->stop) {
            if (!connector(nm__kw_tok_key(rec, &tk[j])))
                break; /* "agreed to cut output", "raise their defence": not a name */
            continue;
        }
        all_title &= f->in_title;
        wsum += f->wlen;
        wn++;
        all_cap &= f->cap;
        rare |= f->rare;
        if (!all && rare && !(all_title && x->title_field))
            break;
        if (j == i)
            continue;
        if (f->ent >= 0) {
            /* Inside one entity: the whole span is the entity's candidate. */
            const nm_entity *en = &rec->entities.v[f->ent];
            if (tk[i].start == en->start && tk[j].end == en->end)
                continue;
        }
        uint32_t idx;
        int rc = add_cand(x, key, -1, kl, h, (uint32_t)i, (uint32_t)(j - i + 1), -1, 0, s, all_title,
                          all_cap, (int)(j - i + 1), DF_UNKNOWN, (wsum * inv[wn]) >> 16, 0, &idx);
        if (rc != NM_OK)
            return rc;
    }
    return NM_OK;
}

/* Do the sentences cover tokens [0, n) in order, each starting where the last ended? */
static int sentences_cover(const nm_record *rec, size_t n) {
    const nm_sentence *v = rec->sentences.v;
    size_t ns = rec->sentences.n, at = 0;
    for (size_t s = 0; s < ns; s++) {
        if (v[s].tok_begin != at || v[s].tok_end < at)
            return 0;
        at = v[s].tok_end;
    }
    return ns == 0 || at == n;
}

/*
 * For sentences that do not cover the tokens in order (not the tokenizer's): each token's
 * sentence becomes the last that holds it, and x->elig (pairs with sentence 0, in token order)
 * becomes the eligible tokens of each sentence in sentence order, paired with it.
 */
static int sentences_apart(nm__kw_extractor *x, const nm_record *rec) {
    size_t n = rec->tokens.n, ne = x->elig.n, np = 0;
    const uint32_t *el = x->elig.v;
    for (size_t s = 0; s < rec->sentences.n; s++) {
        size_t b = rec->sentences.v[s].tok_begin, e = rec->sentences.v[s].tok_end;
        if (e > n)
            e = n;
        for (size_t i = b; i < e; i++)
            x->ti.v[i].sent = (uint32_t)s;
        size_t lo = 0, hi = ne; /* the first eligible token at or after b */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (el[2 * mid] < b)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < ne && el[2 * lo] < e; lo++) {
            if (nm__vec_reserve((void **)&x->starts.v, &x->starts.cap, 2 * np + 2,
                                sizeof *x->starts.v) != 0)
                return NM_ERR_NOMEM;
            x->starts.v[2 * np] = el[2 * lo];
            x->starts.v[2 * np + 1] = (uint32_t)s;
            np++;
        }
    }
    uint32_t *v = x->elig.v;
    size_t cap = x->elig.cap;
    x->elig.v = x->starts.v;
    x->elig.cap = x->starts.cap;
    x->elig.n = np;
    x->starts.v = v;
    x->starts.cap = cap;
    return NM_OK;
}

/* The key a word token is stemmed and counted by: nm__kw_tok_key, a hashtag's without its '#'
 * ("#Ukraine" is a variant of "Ukraine", not a term of its own). */
static inline nm_str word_key(const nm_record *rec, const nm_token *t) {
    nm_str k = nm__kw_tok_key(rec, t);
    if (t->type == NM_TOK_HASHTAG && k.len > 1 && k.ptr[0] == '#')
        k = (nm_str){k.ptr + 1, k.len - 1};
    return k;
}

/* The first half of the facts of token t into f (blank but for ent, sent and dead): poss, and
 * stop for a stop-like word that is no connector. A word whose stem is needed gets its key
 * length (possessive stripped) in slen, its word_hash in hash and whether it is stop-like in
 * stop, and the stem cache line its lookup reads is prefetched: tok_stem replaces them with
 * the stem's facts later, when the lines have come. Returns 1 for such a word, 2 for a
 * stop-like one (a connector: tok_conn), 0 for a token not taken. */
static inline __attribute__((always_inline)) int
tok_class(nm__kw_extractor *x, const nm_record *rec, const nm_token *t, tokinfo *f) {
    int word = NM_TOK_IS_WORD(t->type) &&
               ((t->flags & NM_TF_HAS_ALPHA) || t->type == NM_TOK_IDEOGRAPH);
    if (!word)
        return 0;
    f->poss = (t->flags & NM_TF_POSSESSIVE) != 0;
    if (f->dead)
        return 0; /* slen 0: breaks candidates like the stop-like words below */
    nm_str k = word_key(rec, t);
    size_t kl = strip_poss(k.ptr, k.len, f->poss);
    if (kl == 0)
        return 0;
    /* Stop-like: stop words, words of one or two letters ("Co", "IV"; "EU" and "UN" count
     * through their entities), abbreviations (Sen., Rep.; those that name something are
     * entities), words with digits, and (below) corpus-common words and magnitudes. They may
     * sit inside a phrase but never start or end one. A stop-like word that is no connector
     * breaks every phrase and starts none: its stem is never read, so it is not looked up
     * (slen 0 breaks phrases alike). */
    int stoplike = ((t->flags & (NM_TF_STOP | NM_TF_HAS_DIGIT)) != 0) |
                   ((kl <= 2) & (t->type != NM_TOK_IDEOGRAPH)) | (t->type == NM_TOK_ABBREV);
    /* From here without a branch (stop-like words come as good as randomly): the hash and
     * prefetch of a word not looked up cost less than a mispredicted test. */
    int take = (stoplike == 0) | connector(k);
    uint32_t h = word_hash(k.ptr, kl);
    __builtin_prefetch(&x->cache[h & (CACHE_SLOTS - 1)]);
    f->hash = h & (0u - (uint32_t)take);
    f->slen = (uint32_t)kl & (0u - (uint32_t)take);
    f->stop = (uint8_t)stoplike;
    return take << stoplike;
}

/* The rest of the facts of stop-like word token t, which tok_class took (2): a connector ("of",
 * "the", "and", "&": about 1 word in 5 on Reuters). Only a phrase reads its stem, which is the
 * word itself (Porter2 leaves each of them as it is: test_keywords checks), its hash that of
 * stem_miss. No cache lookup, copy of a cached ending or df. 0, or -1 when out of memory. */
static inline __attribute__((always_inline)) int
tok_conn(nm__kw_extractor *x, const nm_record *rec, const nm_token *t, tokinfo *f) {
    nm_str k = nm__kw_tok_key(rec, t);
    size_t kl = f->slen;
    if (x->scratch.len + 4 > x->scratch.cap && nm__buf_reserve(&x->scratch, 4) != 0)
        return -1;
    char *o = x->scratch.ptr + x->scratch.len;
    unsigned b0 = (uint8_t)k.ptr[0], b1 = (uint8_t)k.ptr[kl / 2], b2 = (uint8_t)k.ptr[kl - 1];
    o[0] = (char)b0; /* 1 to 3 bytes, as connector() reads them */
    o[kl / 2] = (char)b1;
    o[kl - 1] = (char)b2;
    f->soff = (uint32_t)x->scratch.len;
    x->scratch.len += kl;
    /* fnv() of the 1, 2 or 3 bytes, without its loop (whose exit mispredicted) */
    uint32_t h1 = fnv_byte(FNV0, b0), h2 = fnv_byte(h1, b1), h3 = fnv_byte(h2, b2);
    f->hash = kl == 1 ? h1 : kl == 2 ? h2 : h3;
    f->wlen = (uint8_t)kl;
    return 0; /* f->stop stays 1, f->slen kl */
}

/* Is word token t, a possessive tok_class took, a stop word without its ending ("other's",
 * "else's", "May's")? NM_TF_STOP is the whole word's. Out of line and after tok_stem:
 * possessives are rare, and the test inside tok_class cost 1% of a run's instructions. */
static __attribute__((noinline)) int poss_stop(const nm__kw_extractor *x, const nm_record *rec,
                                               const nm_token *t) {
    nm_str k = word_key(rec, t);
    size_t kl = strip_poss(k.ptr, k.len, 1);
    return kl < k.len && nm__stopwords_has(x->stop, k.ptr, kl);
}

/* The rest of the facts of word token t, which tok_class took (1): its stem (cached), stop and
 * cap flags, length. 0, or -1 when out of memory. */
static inline __attribute__((always_inline)) int
tok_stem(nm__kw_extractor *x, const nm_record *rec, const nm_token *t, tokinfo *f) {
    nm_str k = word_key(rec, t);
    size_t kl = f->slen;
    int common;
    long off = stem_word(x, k.ptr, kl, f->hash, &f->slen, &f->hash, &common, &f->df, &f->wclass);
    if (off < 0)
        return -1;
    f->soff = (uint32_t)off;
    /* in characters: a Cyrillic word's bytes would count twice, a CJK word's three times, and
     * outweigh Latin words and names (which count as ent_len) in the same text */
    f->wlen = (uint8_t)((t->flags & (NM_TF_HYPHEN | NM_TF_NONASCII)) ? word_len(k.ptr, kl)
                        : kl > 255                                   ? 255
                                                                     : kl);
    if (f->slen == 0)
        return 0;
    f->stop = (uint8_t)common;
    f->cap = (uint8_t)(((t->flags & (NM_TF_CAP | NM_TF_ALLCAPS)) != 0) &
                       ((t->flags & (NM_TF_SENT_START | NM_TF_LINE_START)) == 0));
    return 0;
}

/*
 * Collects the candidates of rec into x->cands. Per token: its stem (cached), stop/cap flags,
 * covering entity; then every n-gram of each run, then the entities.
 */
static int extract(nm__kw_extractor *x, const nm_record *rec, int all) {
    if (++x->gen == 0) { /* wrapped: old entries could look current */
        memset(x->memo, 0, sizeof x->memo);
        x->gen = 1;
    }
    /* Empty the table slot by slot: a table grown by one long document stays cheap to reset. */
    for (size_t i = 0; i < x->cands.n; i++)
        x->table[x->cands.v[i].slot] = 0;
    x->cands.n = 0;
    x->scratch.len = 0;
    if (nm__buf_reserve(&x->scratch, rec->text.len + rec->title.len + 256) != 0)
        return NM_ERR_NOMEM;
    x->title_stems.n = 0;
    x->title_hash.n = 0;
    x->title_bloom = 0;
    size_t n = rec->tokens.n;
    const nm_token *tk = rec->tokens.v;
    if (n == 0)
        return NM_OK;
    if (tok_reserve((void **)&x->ti.v, &x->ti.cap, n, sizeof *x->ti.v) != 0)
        return NM_ERR_NOMEM;
    x->ti.n = n;
    tokinfo *ti = x->ti.v;
    /* Blank facts per token; and, listed without a branch in the same walk, the line and
     * sentence starts the frame (below) looks at and the tokens of the text's end that could
     * open a notice (x->elig is free until the stems). */
    if (tok_reserve((void **)&x->elig.v, &x->elig.cap, 2 * n, sizeof *x->elig.v) != 0)
        return NM_ERR_NOMEM;
    static const tokinfo blank = {.ent = -1, .cand = -1};
    const unsigned ls_flags = NM_TF_LINE_START | NM_TF_SENT_START;
    uint32_t *ls = x->elig.v, *nt = x->elig.v + n;
    size_t nls = 0, nnt = 0, tail = nm__kw_notice_from(rec);
    for (size_t i = 0; i < tail; i++) {
        ti[i] = blank;
        ls[nls] = (uint32_t)i;
        nls += (tk[i].flags & ls_flags) != 0;
    }
    for (size_t i = tail; i < n; i++) {
        ti[i] = blank;
        ls[nls] = (uint32_t)i;
        nls += (tk[i].flags & ls_flags) != 0;
        nt[nnt] = (uint32_t)i;
        nnt += (size_t)nm__kw_notice_byte((unsigned char)rec->text.ptr[tk[i].start]);
    }

    /* Name entities mark the tokens they cover; dates, numbers (and money, below) are not
     * keywords: their tokens break candidates. One walk over the sorted entities. */
    size_t hint = 0;
    if (nm__vec_reserve((void **)&x->etok.v, &x->etok.cap, 2 * rec->entities.n + 2,
                        sizeof *x->etok.v) != 0)
        return NM_ERR_NOMEM;
    for (size_t e = 0; e < rec->entities.n; e++) {
        const nm_entity *en = &rec->entities.v[e];
        int name = nm__kw_is_name(en->type);
        size_t i = first_token(tk, n, en->start, &hint);
        x->etok.v[2 * e] = (uint32_t)i;
        for (; i < n && (tk[i].end <= en->end ||
                         (tk[i].start < en->end &&
                          poss_tail(rec->text.ptr + en->end, tk[i].end - en->end)));
             i++) {
            if (name) {
                ti[i].ent = (int32_t)e;
                ti[i].own = (tk[i].start == en->start) & (tk[i].end == en->end);
            } else
                ti[i].dead = 1;
        }
        x->etok.v[2 * e + 1] = (uint32_t)i;
        hint = i; /* the next entity starts after this one's tokens */
    }
    hint = 0;
    for (size_t e = 0; e < rec->money.n; e++) {
        size_t i = first_token(tk, n, rec->money.v[e].start, &hint);
        for (; i < n && tk[i].end <= rec->money.v[e].end; i++)
            ti[i].dead = 1;
        hint = i;
    }
    for (size_t i = nm__kw_notice_start(rec, nt, nnt); i < n; i++)
        ti[i].dead = 2; /* a closing copyright notice: boilerplate like the frame below */
    uint32_t frame[2 * NM_KW_FRAME_MAX];
    for (size_t k = 0, nf = nm__kw_frame_spans(rec, x->etok.v, ls, nls, frame); k < nf; k++)
        for (size_t i = frame[2 * k]; i < frame[2 * k + 1]; i++)
            ti[i].dead = 2; /* boilerplate: its names are no candidates either */

    /* Per token its facts (and its sentence), and the tokens that can start or end a candidate
     * with their sentences. The tokenizer's sentences cover the tokens in order: one walk does
     * all. */
    if (tok_reserve((void **)&x->starts.v, &x->starts.cap, 2 * n + 1, sizeof *x->starts.v) != 0)
        return NM_ERR_NOMEM; /* x->elig has its 2 n since the blank walk */
    size_t nsent = rec->sentences.n ? rec->sentences.n : 1, ne = 0, nwt = 0, nct = 0;
    int part = sentences_cover(rec, n);
    /* the words to stem and the connectors, each in order, listed without a branch (which of
     * the two a word is came as good as randomly); x->starts is free until below */
    uint32_t *wt = x->starts.v, *ct = x->starts.v + n;
    for (size_t s = 0; s < (part ? nsent : 1); s++) {
        size_t b = part && rec->sentences.n ? rec->sentences.v[s].tok_begin : 0;
        size_t e = part && rec->sentences.n ? rec->sentences.v[s].tok_end : n;
        for (size_t i = b; i < e; i++) {
            ti[i].sent = (uint32_t)s;
            wt[nwt] = (uint32_t)i;
            ct[nct] = (uint32_t)i;
            unsigned took = (unsigned)tok_class(x, rec, &tk[i], &ti[i]);
            nwt += took & 1;
            nct += took >> 1;
        }
    }
    /* Then their stems: the cache lines tok_class prefetched have come meanwhile (a lookup that
     * missed the cache stalled the walk: ~13% of the stage's time on Reuters). Only words can
     * start or end a candidate, not connectors; theirs first. */
    for (size_t r = 0; r < nct; r++)
        if (tok_conn(x, rec, &tk[ct[r]], &ti[ct[r]]) != 0)
            return NM_ERR_NOMEM;
    for (size_t r = 0; r < nwt; r++) {
        uint32_t i = wt[r];
        tokinfo *f = &ti[i];
        if (tok_stem(x, rec, &tk[i], f) != 0)
            return NM_ERR_NOMEM;
        if (__builtin_expect(f->poss, 0) && !f->stop) /* stop-like: no candidate */
            f->stop = (uint8_t)poss_stop(x, rec, &tk[i]);
        x->elig.v[2 * ne] = i;
        x->elig.v[2 * ne + 1] = f->sent;
        ne += (size_t)((f->slen != 0) & (f->stop == 0)); /* no branch */
    }
    x->elig.n = ne;
    if (!part && sentences_apart(x, rec) != NM_OK)
        return NM_ERR_NOMEM;

    /* Title words: the title field, else a short first line (KPCrowd's headline). */
    x->title_field = rec->title.len > 0;
    if (rec->title.len) {
        if (title_from_string(x, rec->title) != NM_OK)
            return NM_ERR_NOMEM;
    } else {
        size_t k = 1;
        while (k < n && !(tk[k].flags & NM_TF_LINE_START))
            k++;
        if (k < n && k <= 25)
            for (size_t i = 0; i < k; i++)
                if (ti[i].slen && !ti[i].stop) {
                    nm_str kk = word_key(rec, &tk[i]);
                    if (title_add(x, kk.ptr, strip_poss(kk.ptr, kk.len, ti[i].poss)) != NM_OK)
                        return NM_ERR_NOMEM;
                }
    }
    /* Words, then phrases, within each sentence. First the words (so their tf is known), then
     * the phrases. Unless all are wanted (df build), a phrase whose words do not all
     * occur twice cannot occur twice, and is skipped unless it is in the title: the stage only
     * scores phrases seen twice, and this skips most of the work. */
    char key[MAX_KEY + COPY_PAD];
    /* Stems in scratch are read by fixed-size copies: COPY_PAD spare bytes after the last. */
    if (nm__buf_reserve(&x->scratch, COPY_PAD) != 0)
        return NM_ERR_NOMEM;
    const uint32_t *el = x->elig.v;
    ne = x->elig.n;
    /* Each eligible token makes at most one word: room for them all up front while they are
     * few, and no test per word. A long document's words repeat (2 MB of prose: 22 MiB of room
     * for ~260K eligible tokens, 4% of them distinct): there the candidates grow as they come. */
    if (cand_room(x, ne <= ROOM_WORDS ? ne : ROOM_WORDS) != NM_OK)
        return NM_ERR_NOMEM;
    if (ne <= ROOM_WORDS) {
        for (size_t q = 0; q < ne; q++)
            if (word_cand(x, rec, el[2 * q], el[2 * q + 1], 1) != NM_OK)
                return NM_ERR_NOMEM;
    } else {
        for (size_t q = 0; q < ne; q++)
            if (word_cand(x, rec, el[2 * q], el[2 * q + 1], 0) != NM_OK)
                return NM_ERR_NOMEM;
    }
    /* A word seen once is rare: it starts no phrase seen twice and ends those it is in. The
     * candidates so far are the words: each seen once marks its one token. */
    for (size_t q = 0; q < x->cands.n; q++)
        ti[x->cands.v[q].first_tok].rare |= (uint8_t)(x->cands.v[q].tf < 2); /* no branch */
    /* Most eligible tokens start no phrase, by tests whose outcomes are as good as random:
     * the first tests phrases_from makes (it makes them again) list the others without a
     * branch, and only those go on. */
    if (nm__vec_reserve((void **)&x->starts.v, &x->starts.cap, ne + 1, sizeof *x->starts.v) != 0)
        return NM_ERR_NOMEM;
    size_t np = 0, nr = 0;
    uint32_t sep_title = x->title_field != 0, any = all != 0;
    for (size_t q = 0; q < ne; q++) { /* first the one test on the token alone (half fail it) */
        const tokinfo *f = &ti[el[2 * q]];
        uint32_t rare = (uint32_t)(f->rare != 0) & ~(any | ((uint32_t)(f->in_title != 0) & sep_title));
        x->starts.v[nr] = (uint32_t)q;
        nr += (size_t)(rare == 0);
    }
    for (size_t r = 0; r < nr; r++) { /* then those on the next token, in place (np <= r) */
        size_t q = x->starts.v[r];
        size_t i = el[2 * q], s = el[2 * q + 1], nx = i + 1 < n ? i + 1 : i;
        size_t e = rec->sentences.n && rec->sentences.v[s].tok_end < n ? rec->sentences.v[s].tok_end
                                                                       : n;
        const tokinfo *f = &ti[i], *g = &ti[nx];
        int ends = (i + 1 >= e) | (g->slen == 0) | ((tk[nx].flags & NM_TF_LINE_START) != 0) |
                   (f->poss != 0) | (g->ent != f->ent) | ((g->hash == f->hash) & (g->slen == f->slen));
        x->starts.v[np] = (uint32_t)q;
        np += (size_t)!ends;
    }
    for (size_t r = 0; r < np; r++) {
        size_t q = x->starts.v[r];
        if (phrases_from(x, rec, el[2 * q], el[2 * q + 1], all, key) != NM_OK)
            return NM_ERR_NOMEM;
    }

    /* Entities as candidates, keyed by their canonical norm. */
    for (size_t e = 0; e < rec->entities.n; e++) {
        const nm_entity *en = &rec->entities.v[e];
        if (!nm__kw_is_name(en->type) || en->norm.len == 0)
            continue;
        size_t tb = x->etok.v[2 * e], te = x->etok.v[2 * e + 1]; /* as marked above */
        if (te == tb || ti[tb].dead == 2)
            continue;
        int in_title = 1;
        for (size_t i = tb; i < te; i++)
            if (ti[i].slen && !ti[i].stop)
                in_title &= ti[i].in_title;
        /* A name seen before in this document (same norm): its candidate is known. */
        ent_memo *mm = &x->memo[hash_bytes(en->norm.ptr, en->norm.len) & (ENT_MEMO - 1)];
        if (mm->gen == x->gen && mm->len == en->norm.len &&
            memcmp(mm->p, en->norm.ptr, en->norm.len) == 0) {
            cand *c = &x->cands.v[mm->cand];
            cand_again(c, (uint32_t)tb, (int32_t)e, en->type, ti[tb].sent, in_title, 1, mm->df);
            c->npar += (uint32_t)is_credit(rec, tb, te);
            if (te - tb == 1 && c->n1++ == 0)
                c->tok1 = (uint32_t)tb;
            continue;
        }
        const char *f;
        long fl = fold(x, en->norm.ptr, en->norm.len, 1, &f);
        if (fl <= 0 || (size_t)fl >= MAX_KEY)
            continue;
        const char *folded = f; /* in x->ubuf, which nothing below writes */
        size_t kl = 0, nw = 0;
        uint32_t h = 0, wdf = DF_UNKNOWN, kdf = DF_UNKNOWN; /* kdf: the first word's df */
        for (size_t p = 0; p < (size_t)fl;) {
            while (p < (size_t)fl && is_space(folded[p]))
                p++;
            size_t q = p;
            while (q < (size_t)fl && !is_space(folded[q]))
                q++;
            if (q == p)
                break;
            uint32_t sl, wh;
            size_t wl = strip_poss(folded + p, q - p, 1);
            long off = stem_word(x, folded + p, wl, word_hash(folded + p, wl), &sl, &wh, NULL,
                                 &wdf, NULL);
            if (off < 0)
                return NM_ERR_NOMEM;
            if (kl + sl + 1 >= MAX_KEY)
                break;
            if (nw++)
                key[kl++] = ' ';
            else
                kdf = wdf;
            copy_short(key + kl, x->scratch.ptr + off, sl); /* stem_word left 16 bytes after it */
            h = hash_word(h, wh);
            kl += sl;
            p = q;
        }
        if (kl == 0)
            continue;
        uint32_t idx;
        int rc = add_cand(x, key, -1, kl, h, (uint32_t)tb, (uint32_t)(te - tb), (int32_t)e, en->type,
                          ti[tb].sent, in_title, 1, (int)nw, nw == 1 ? kdf : DF_UNKNOWN,
                          (unsigned)((size_t)fl - (nw - 1)) / (unsigned)nw, 0, &idx);
        if (rc != NM_OK)
            return rc;
        cand *c = &x->cands.v[idx];
        c->npar += (uint32_t)is_credit(rec, tb, te);
        if (te - tb == 1 && c->n1++ == 0) {
            c->tok1 = (uint32_t)tb;
        }
        mm->p = en->norm.ptr;
        mm->len = en->norm.len;
        mm->cand = idx;
        mm->df = nw == 1 ? kdf : DF_UNKNOWN;
        mm->gen = x->gen;
    }
    return NM_OK;
}

/* A name mostly mentioned by one word ("EU", "Zelensky"): scored and shown as that word. */
static int one_word_name(const cand *c) { return c->ent >= 0 && c->n1 * 2 > c->tf; }

/* ---- scoring ------------------------------------------------------------------------------ */

static double idf_calc(const kw_params *p, uint64_t ndocs, uint32_t df) {
    double idf = ndocs ? log(((double)ndocs + 1.0) / ((double)df + 1.0)) : 1.0;
    if (idf < p->idf_floor)
        idf = p->idf_floor;
    if (idf > p->idf_cap)
        idf = p->idf_cap;
    return pow(idf, p->idf_pow);
}

static void idf_table(nm__kw_extractor *x) {
    for (uint32_t d = 0; d < IDF_TAB; d++)
        x->idf_tab[d] = idf_calc(&x->prm, nm__dfmodel_docs(x->model), d);
    x->df_common = x->prm.max_df_frac * (double)nm__dfmodel_docs(x->model);
    x->df_common_u = x->df_common >= (double)UINT32_MAX ? UINT32_MAX : (uint32_t)x->df_common;
    for (uint32_t t = 0; t < TF_TAB; t++) {
        double tf = (double)t;
        x->tf_tab[t] = tf * (x->prm.tf_k + 1.0) / (tf + x->prm.tf_k);
    }
    for (uint32_t f = 0; f < POS_TAB; f++)
        x->pos_tab[f] = 1.0 + x->prm.pos_w / (1.0 + (double)f);
    for (uint32_t l = 0; l < 256; l++)
        x->len_tab[l] = pow(l < x->prm.len_cap ? (double)l : x->prm.len_cap, x->prm.len_w);
    x->ent_len = (uint8_t)(x->prm.ent_len < 255 ? x->prm.ent_len : 255);
    x->class_w[WC_OTHER] = 1.0;
    x->class_w[WC_ADVERB] = x->prm.adv_w;
    x->class_w[WC_NOUN] = x->prm.noun_w;
    x->class_w[WC_REPORT] = x->prm.report_w;
    for (int k = 0; k < 2; k++) { /* score_rank's expression, fr = nmod / tf for tf 1 */
        double fr = (double)k;
        x->mod_tf1[k] = 1.0 - x->prm.mod_w * (fr - x->prm.mod_from) / (1.0 - x->prm.mod_from);
    }
}

static double idf_of(const nm__kw_extractor *x, const nm__dfmodel *m, uint32_t df) {
    return df < IDF_TAB ? x->idf_tab[df] : idf_calc(&x->prm, nm__dfmodel_docs(m), df);
}

/* The df of candidate c's key from x->dfc (keyed by c->hash) into *df: 1, or 0 when it is not
 * there (df_lookup finds it). */
static int df_cache_get(const nm__kw_extractor *x, const cand *c, uint32_t *df) {
    const dfc_ent *e = &x->dfc[c->hash & (DFC_SLOTS - 1)];
    if (c->klen > DFC_KEY || e->klen != c->klen || e->hash != c->hash ||
        memcmp(e->k, x->scratch.ptr + c->koff, c->klen) != 0)
        return 0;
    *df = e->df;
    return 1;
}

/* The df of candidate c's key in m, kept in x->dfc. */
static uint32_t df_lookup(nm__kw_extractor *x, const nm__dfmodel *m, const cand *c) {
    const char *k = x->scratch.ptr + c->koff;
    uint32_t df = nm__dfmodel_df(m, k, c->klen);
    if (c->klen <= DFC_KEY) {
        dfc_ent *e = &x->dfc[c->hash & (DFC_SLOTS - 1)];
        e->hash = c->hash;
        e->df = df;
        e->klen = (uint8_t)c->klen;
        memcpy(e->k, k, c->klen);
    }
    return df;
}

/* a ranks before b: higher score, then smaller key. */
static int ranks_before(const nm__kw_extractor *x, const cand *a, const cand *b) {
    if (a->score != b->score)
        return a->score > b->score;
    size_t l = a->klen < b->klen ? a->klen : b->klen;
    int c = memcmp(x->scratch.ptr + a->koff, x->scratch.ptr + b->koff, l);
    return c != 0 ? c < 0 : a->klen < b->klen;
}

/* Puts candidate v into the sorted o[0, j) at its rank, moving the ones it ranks before up one
 * (o[j] is overwritten); ks[0, j) are their scores and move with them. A linear walk down from
 * j, not a binary search: the walk's loop mispredicts once, a binary search's compares are as
 * good as random (-3.5% of the stage's time on Reuters). The walk reads the scores from ks,
 * not through o into the candidates (a dependent load per step); the keys only on a tie.
 * ks[-1] is +inf (score_rank): a sentinel no score passes, so the walk needs no test of j.
 * Inline, and the walk past lower scores apart from the one past equal scores (ranks_before's
 * key compare): one load, compare and branch a step; ks is sorted, so no lower score comes
 * after an equal one. */
static inline __attribute__((always_inline)) void
insert_ranked(const nm__kw_extractor *x, uint32_t *o, double *ks, size_t j, uint32_t v) {
    const cand *cv = x->cands.v;
    /* ks[-1] by a signed index: j - 1 in size_t would be SIZE_MAX (a pointer overflow) */
    double s = cv[v].score, t = ks[(ptrdiff_t)j - 1];
    while (s > t) { /* s > inf fails for a finite s: the walk ends at 0 */
        o[j] = o[j - 1];
        ks[j] = t;
        j--;
        t = ks[(ptrdiff_t)j - 1];
    }
    while (s == t && ranks_before(x, &cv[v], &cv[o[j - 1]])) {
        o[j] = o[j - 1];
        ks[j] = t;
        j--;
        t = ks[(ptrdiff_t)j - 1];
    }
    o[j] = v;
    ks[j] = s;
}

/* Sorts candidates o[0, n) best first (an insertion sort: n is small), with their scores in
 * ks. ranks_before is a strict order (keys differ), so the result is the one any sort gives. */
static __attribute__((noinline)) void sort_kept(const nm__kw_extractor *x, uint32_t *o, double *ks,
                                                size_t n) {
    for (size_t a = 1; a < n; a++)
        insert_ranked(x, o, ks, a, o[a]);
}

/* Candidate i (scored) into the kept o[0, no) of at most keep (scores in ks): appended while
 * they fill up (sorted once, when full or at the end), else in its rank if it ranks before the
 * last. Returns the new count. Inline in score_rank's two loops (~30 calls a document); the
 * sort, once a document, is not. */
static inline __attribute__((always_inline)) size_t
keep_ranked(const nm__kw_extractor *x, uint32_t *o, double *ks, size_t no, size_t keep,
            uint32_t i) {
    if (no < keep) {
        ks[no] = x->cands.v[i].score;
        o[no++] = i;
        if (no == keep)
            sort_kept(x, o, ks, no);
        return no;
    }
    /* ks[no - 1] is the last one's score: read there, not through o (a dependent load) */
    double s = x->cands.v[i].score, t = ks[no - 1];
    if (s > t || (s == t && ranks_before(x, &x->cands.v[i], &x->cands.v[o[no - 1]])))
        insert_ranked(x, o, ks, no - 1, i); /* the last kept one drops out */
    return no;
}

/* One bit per byte of v that is a space (bit k: byte k). */
static inline unsigned space_bits(uint64_t v) {
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full;
    uint64_t t = v ^ 0x2020202020202020ull; /* a space byte becomes 0 */
    uint64_t z = ~(((t & lo7) + lo7) | t) & ~lo7; /* 0x80 in each byte of t that is 0 */
    return (unsigned)(((z >> 7) * 0x0102040810204080ull) >> 56);
}

/* The spaces of key b[0, bl) as bits (bit k: byte k), for bl < 64 (else 0): eight bytes at a
 * time, b being a key in x->scratch (COPY_PAD readable bytes follow it). Made once per phrase for
 * the key_inside tests select_top makes of every ranked candidate against it. */
static uint64_t key_spaces(const char *b, size_t bl) {
    if (bl >= 64)
        return 0;
    uint64_t sp = 0;
    for (size_t off = 0; off < bl; off += 8) {
        /* the key's bytes only: those past it may never have been written, and valgrind then
           counts every bit of the gathered mask as undefined, end bits included */
        uint64_t v = 0;
        memcpy(&v, b + off, bl - off < 8 ? bl - off : 8);
        sp |= (uint64_t)space_bits(v) << off;
    }
    return sp & ((1ull << bl) - 1);
}

/* Does key a (whole words) occur inside key b (sp: key_spaces(b, bl))? For b under 64 bytes
 * the places a could start (0, just past each space) with a space or the end al bytes on come
 * from the space bits, and only those are compared (no loop and branch per byte). */
static int key_inside(const char *a, size_t al, const char *b, size_t bl, uint64_t sp) {
    if (al > bl)
        return 0;
    if (al > 0 && bl < 64) {
        uint64_t m = (1 | sp << 1) & ((sp | 1ull << bl) >> al);
        for (; m; m &= m - 1)
            if (nm__bytes_eq(a, b + __builtin_ctzll(m), al))
                return 1;
        return 0;
    }
    for (size_t i = 0; i + al <= bl; i++) { /* i: 0, then just past each space */
        if ((i + al == bl || b[i + al] == ' ') && memcmp(a, b + i, al) == 0)
            return 1;
        while (i + al < bl && b[i] != ' ')
            i++;
    }
    return 0;
}

/* Bits of 64 for a key's end bytes: bit (f & 31) for its first byte f and bit 32 + (l & 31) for
 * its last byte l, each only where that byte is no space (none for an empty key). */
static inline uint64_t end_bits(const char *w, size_t n) {
    if (n == 0) /* w[0] is past the key then: not a byte of it, maybe not even written */
        return 0;
    unsigned f = (uint8_t)w[0], l = (uint8_t)w[n - 1];
    return (uint64_t)(f != ' ') << (f & 31) | (uint64_t)(l != ' ') << (32 + (l & 31));
}

/* The end_bits of each word of key b[0, bl) (sp: key_spaces(b, bl)) together (all 64 for bl >=
 * 64). A key whole-words inside b starts where a word of b starts and ends where one ends, so
 * its end_bits are among these: select_top calls key_inside only for a key whose are. */
static uint64_t word_ends(const char *b, size_t bl, uint64_t sp) {
    if (bl >= 64)
        return ~0ull;
    uint64_t bits = 0, ends = sp | 1ull << bl;
    for (size_t s = 0;;) {
        size_t e = s + (size_t)__builtin_ctzll(ends >> s);
        bits |= end_bits(b + s, e - s);
        if (e == bl)
            return bits;
        s = e + 1;
    }
}

/*
 * Is phrase key k[0, kl) (stems, one space apart) no noun phrase: two subjects joined by "and"
 * ("leisure and hospitality", "shot and killed"), or a verb and its object ("completed the
 * sale": "the" after a word that is no connector; "balance of the payments" passes)? sp:
 * key_spaces(k, kl).
 */
static int no_noun_phrase(const char *k, size_t kl, uint64_t sp) {
    if (key_inside("and", 3, k, kl, sp))
        return 1;
    for (size_t i = 0, w = 0; i + 5 <= kl; i++) { /* w: start of the word before k[i] */
        if (k[i] != ' ')
            continue;
        if (memcmp(k + i, " the ", 5) == 0 && !connector((nm_str){k + w, i - w}))
            return 1;
        w = i + 1;
    }
    return 0;
}

/*
 * Do the n tokens at t end a clause rather than a noun phrase: a last word in the past tense
 * ("employment increased", "serial killer sentenced"), unless an -ly adverb opens the phrase
 * ("genetically modified": an adjective) or the word is hyphenated ("american-inspired")?
 * Words in -eed are left alone: most are nouns ("weed", "speed"), a few verbs ("agreed").
 */
static int ends_in_verb(const nm_record *rec, uint32_t t, uint32_t n) {
    nm_str l = nm__kw_tok_key(rec, &rec->tokens.v[t + n - 1]);
    nm_str f = nm__kw_tok_key(rec, &rec->tokens.v[t]);
    if (l.len < 5 || !ends(l.ptr, l.len, "ed", 2) || l.ptr[l.len - 3] == 'e' ||
        memchr(l.ptr, '-', l.len))
        return 0;
    return !(f.len >= 5 && ends(f.ptr, f.len, "ly", 2));
}

/* Do the ntok tokens at a and at b read the same (norms, possessive endings stripped)? */
static int same_form(const nm__kw_extractor *x, const nm_record *rec, uint32_t a, uint32_t b,
                     uint32_t ntok) {
    for (uint32_t j = 0; j < ntok; j++) {
        nm_str na = tok_norm(rec, &rec->tokens.v[a + j]), nb = tok_norm(rec, &rec->tokens.v[b + j]);
        size_t la = strip_poss(na.ptr, na.len, x->ti.v[a + j].poss);
        size_t lb = strip_poss(nb.ptr, nb.len, x->ti.v[b + j].poss);
        if (la != lb || memcmp(na.ptr, nb.ptr, la) != 0)
            return 0;
    }
    return 1;
}

/* Counts the occurrence of ntok tokens at tok into t, under the form it reads as. */
static void form_add(const nm__kw_extractor *x, const nm_record *rec, form_tally *t, uint32_t tok,
                     uint32_t ntok) {
    if (t->seen >= FORM_OCC)
        return;
    t->seen++;
    uint32_t k = 0;
    while (k < t->nf && !same_form(x, rec, t->tok[k], tok, ntok))
        k++;
    if (k < t->nf) {
        t->count[k]++;
    } else if (t->nf < FORM_MAX) {
        t->tok[t->nf] = tok;
        t->count[t->nf++] = 1;
    }
}

/* The first token of the most frequent form in t, the earliest on a tie; dflt when empty. */
static uint32_t form_best(const form_tally *t, uint32_t dflt) {
    uint32_t best = dflt, best_n = 0;
    for (uint32_t k = 0; k < t->nf; k++)
        if (t->count[k] > best_n) { /* strictly more: the earliest form keeps a tie */
            best_n = t->count[k];
            best = t->tok[k];
        }
    return best;
}

/*
 * The first token of the form of c to show, by a walk over c's token range: the form written
 * most, the earliest on a tie ("security guarantees" twice over a first "security guarantee").
 * An occurrence is a token of c's first word followed by the stems of its other words. For
 * phrases, and words ranked below those word_forms tallied.
 */
static uint32_t scan_form(const nm__kw_extractor *x, const nm_record *rec, const cand *c) {
    const tokinfo *ti = x->ti.v;
    int32_t w0 = ti[c->tok].cand;
    if (c->tf < 2 || w0 < 0)
        return c->tok;
    form_tally t = {.nf = 0, .seen = 0};
    for (uint32_t i = c->first_tok; i <= c->last_tok && t.seen < FORM_OCC; i++) {
        if (ti[i].cand != w0 || i + c->ntok > rec->tokens.n)
            continue;
        uint32_t j = 1;
        for (; j < c->ntok; j++) {
            const tokinfo *f = &ti[i + j], *g = &ti[c->tok + j];
            if (f->hash != g->hash || f->slen != g->slen ||
                memcmp(x->scratch.ptr + f->soff, x->scratch.ptr + g->soff, f->slen) != 0)
                break;
        }
        if (j == c->ntok)
            form_add(x, rec, &t, i, c->ntok);
    }
    return form_best(&t, c->tok);
}

/*
 * Tallies the written forms of the word candidates seen twice or more among the first `upto`
 * kept (x->order), in one walk over the tokens: x->tally[r] for the word at rank r, found
 * through x->aux. Stems merge "progression" and "progress"; the form shown is the one the text
 * uses most (form_best). NM_OK or NM_ERR_NOMEM.
 */
static int word_forms(nm__kw_extractor *x, const nm_record *rec, size_t upto) {
    size_t no = x->order.n < upto ? x->order.n : upto, nc = x->cands.n, nw = 0;
    size_t lo = SIZE_MAX, hi = 0; /* the tokens from the first to the last of a kept word */
    if (nm__vec_reserve((void **)&x->tally.v, &x->tally.cap, no + 1, sizeof *x->tally.v) != 0 ||
        nm__vec_reserve((void **)&x->aux.v, &x->aux.cap, nc + 1, sizeof *x->aux.v) != 0)
        return NM_ERR_NOMEM;
    memset(x->aux.v, 0, (nc + 1) * sizeof *x->aux.v);
    for (size_t r = 0; r < no; r++) { /* no branch: a candidate left out writes 0 to aux[0] */
        const cand *c = &x->cands.v[x->order.v[r]];
        uint32_t w = (uint32_t)((c->nwords == 1) & (c->ent < 0) & (c->tf > 1));
        x->tally.v[r].nf = x->tally.v[r].seen = 0;
        x->aux.v[(x->order.v[r] + 1) * w] = ((uint32_t)r + 1) * w;
        nw += w;
        if (w && c->first_tok < lo)
            lo = c->first_tok;
        if (w && c->last_tok >= hi)
            hi = (size_t)c->last_tok + 1;
    }
    if (nw == 0)
        return NM_OK;
    /* The tokens of kept words first, without a branch per token (x->seq is free now; aux[0]
     * stays 0), then their forms. */
    size_t nt = rec->tokens.n, n = 0;
    if (nm__vec_reserve((void **)&x->seq.v, &x->seq.cap, nt + 1, sizeof *x->seq.v) != 0)
        return NM_ERR_NOMEM;
    const tokinfo *ti = x->ti.v;
    uint32_t *hit = x->seq.v;
    for (size_t i = lo; i < hi && i < nt; i++) {
        int32_t cd = ti[i].cand;
        hit[n] = (uint32_t)i;
        n += x->aux.v[(uint32_t)(cd + 1)] != 0;
    }
    for (size_t j = 0; j < n; j++)
        form_add(x, rec, &x->tally.v[x->aux.v[ti[hit[j]].cand + 1] - 1], hit[j], 1);
    return NM_OK;
}

/* Token t's norm as a keyword shows it: a hashtag's without its '#' (word_key: "#Ukraine" counts
 * as "Ukraine"). */
static nm_str shown_norm(const nm_record *rec, const nm_token *t) {
    nm_str nm = tok_norm(rec, t);
    if (t->type == NM_TOK_HASHTAG && nm.len > 1 && nm.ptr[0] == '#')
        nm = (nm_str){nm.ptr + 1, nm.len - 1};
    return nm;
}

/* The readable form of c, in the arena; a word or phrase as written at tokens [t0, t0 + ntok). */
static nm_str display(nm__kw_extractor *x, nm_record *rec, const cand *c, uint32_t t0) {
    nm_str r = {NULL, 0};
    if (one_word_name(c)) {
        nm_str nm = tok_norm(rec, &rec->tokens.v[c->tok1]);
        size_t l = strip_poss(nm.ptr, nm.len, x->ti.v[c->tok1].poss);
        char *d = nm__arena_alloc(&rec->arena, l + 1);
        if (!d)
            return r;
        memcpy(d, nm.ptr, l);
        d[l] = 0;
        r.ptr = d;
        r.len = l;
        return r;
    }
    if (c->ent >= 0) {
        const nm_entity *en = &rec->entities.v[c->ent];
        const char *f;
        long fl = fold(x, en->norm.ptr, en->norm.len, 0, &f);
        if (fl > 0) {
            /* One space between words, whatever the text had ("BP North America\nInc"). */
            char *d = nm__arena_alloc(&rec->arena, (size_t)fl + 1);
            if (!d)
                return r;
            size_t o = 0;
            for (long i = 0; i < fl; i++) {
                if (is_space(f[i])) {
                    if (o && d[o - 1] != ' ')
                        d[o++] = ' ';
                } else {
                    d[o++] = f[i];
                }
            }
            while (o && d[o - 1] == ' ')
                o--;
            d[o] = 0;
            r.ptr = d;
            r.len = o;
            return r;
        }
    }
    size_t len = 0;
    for (uint32_t i = t0; i < t0 + c->ntok; i++) {
        nm_str nm = shown_norm(rec, &rec->tokens.v[i]);
        len += strip_poss(nm.ptr, nm.len, x->ti.v[i].poss) + 1;
    }
    char *d = nm__arena_alloc(&rec->arena, len + 1);
    if (!d)
        return r;
    size_t o = 0;
    for (uint32_t i = t0; i < t0 + c->ntok; i++) {
        nm_str nm = shown_norm(rec, &rec->tokens.v[i]);
        size_t l = strip_poss(nm.ptr, nm.len, x->ti.v[i].poss);
        if (o && (rec->tokens.v[i].flags & NM_TF_SPACE_BEFORE))
            d[o++] = ' '; /* as written: "汽车" stays whole, "bank of england" keeps spaces */
        memcpy(d + o, nm.ptr, l);
        o += l;
    }
    d[o] = 0;
    r.ptr = d;
    r.len = o;
    return r;
}

/*
 * Scores the candidates and keeps the best m in x->order, best first. The df lookup (a few
 * cache misses in a large model) is the costly part, so it is skipped for candidates that
 * could not enter the kept set even with the highest idf: the result is the same as scoring all.
 */
static int score_rank(nm__kw_extractor *x, const nm_record *rec, const nm__dfmodel *m,
                      size_t keep) {
    size_t ntok = rec->tokens.n;
    const kw_params *p = &x->prm;
    double span = ntok > 1 ? (double)ntok : 1.0;
    double idf_max = x->idf_tab[0];
    x->order.n = 0;
    if (nm__vec_reserve((void **)&x->order.v, &x->order.cap, keep + 1, sizeof *x->order.v) != 0 ||
        nm__vec_reserve((void **)&x->oscore.v, &x->oscore.cap, keep + 2, sizeof *x->oscore.v) != 0)
        return NM_ERR_NOMEM;
    uint32_t *o = x->order.v;
    double *ks = x->oscore.v + 1;
    ks[-1] = HUGE_VAL; /* insert_ranked's sentinel */
    size_t no = 0;
    /* Likely winners (seen twice, in the title, names) first, so the bound prunes the rest:
     * a branch-free partition keeping index order within each part. */
    size_t nc = x->cands.n, nl = 0, nu = 0;
    if (nm__vec_reserve((void **)&x->seq.v, &x->seq.cap, 2 * nc + 1, sizeof *x->seq.v) != 0)
        return NM_ERR_NOMEM;
    uint32_t *seq = x->seq.v, *rest = x->seq.v + nc;
    for (size_t i = 0; i < nc; i++) {
        const cand *c = &x->cands.v[i];
        size_t likely = (size_t)((c->tf > 1) | (c->in_title != 0) | (c->ent >= 0));
        seq[nl] = (uint32_t)i;
        rest[nu] = (uint32_t)i;
        nl += likely;
        nu += 1 - likely;
    }
    memmove(seq + nl, rest, nu * sizeof *seq);
    uint32_t *later = rest; /* free now: the candidates whose df waits for the model */
    size_t nlater = 0;
    /* Every phrase that passes the tests below, whatever its score: select_top leaves a word to a
     * phrase holding it, and that must not depend on how many keywords were asked for (the top
     * 10 is the first 10 of the top 30). */
    if (nm__vec_reserve((void **)&x->multi.v, &x->multi.cap, nc + 1, sizeof *x->multi.v) != 0 ||
        nm__vec_reserve((void **)&x->mspace.v, &x->mspace.cap, nc + 1, sizeof *x->mspace.v) != 0 ||
        nm__vec_reserve((void **)&x->mends.v, &x->mends.cap, nc + 1, sizeof *x->mends.v) != 0)
        return NM_ERR_NOMEM;
    x->multi.n = 0;
    for (size_t k = 0; k < nc; k++) {
        size_t i = seq[k];
        cand *c = &x->cands.v[i];
        c->score = 0;
        /* A title given apart from the text counts as one more occurrence. */
        uint32_t tf_eff = c->tf + (uint32_t)((c->in_title != 0) & (x->title_field != 0));
        if (c->nwords > 1 && c->ent < 0 && tf_eff < p->phrase_min_tf)
            continue;
        if (c->npar == c->tf)
            continue; /* only ever a credit: "(AP)", a last line "Reuter" */
        if (c->nwords > MAX_NGRAM && !one_word_name(c))
            continue; /* a headline taken for a name: "Lois Lane Kidder Praises Adams Casting" */
        if (c->nwords > 1 && c->ent < 0 && x->ti.v[c->tok].cand >= 0 &&
            x->ti.v[c->tok].cand == x->ti.v[c->tok + c->ntok - 1].cand)
            continue; /* "harbour fees and harbour": a list, not a phrase */
        /* No "and" lists or verb and object, unless capitalised like a name the entities stage
         * missed ("Pratt and Whitney"); no clause ending in a past tense ("employment
         * increased"). */
        uint64_t sp = c->nwords > 1 ? key_spaces(x->scratch.ptr + c->koff, c->klen) : 0;
        if (c->nwords > 1 && c->ent < 0 &&
            ((!(rec->tokens.v[c->tok + c->ntok - 1].flags & (NM_TF_CAP | NM_TF_ALLCAPS)) &&
              no_noun_phrase(x->scratch.ptr + c->koff, c->klen, sp)) ||
             ends_in_verb(rec, c->tok, c->ntok)))
            continue;
        if (c->nwords > 1) {
            x->mspace.v[x->multi.n] = sp;
            x->mends.v[x->multi.n] = word_ends(x->scratch.ptr + c->koff, c->klen, sp);
            x->multi.v[x->multi.n++] = (uint32_t)i;
        }
        double tf = (double)c->tf;
        double s = c->tf < TF_TAB ? x->tf_tab[c->tf] : tf * (p->tf_k + 1.0) / (tf + p->tf_k);
        s *= c->first_sent < POS_TAB ? x->pos_tab[c->first_sent]
                                     : 1.0 + p->pos_w / (1.0 + (double)c->first_sent);
        /* Factors by table, not by tests (whether a candidate is in the title or the first
         * sentence comes as good as randomly): x 1.0 leaves a score as it is. */
        const double title_f[2] = {1.0, 1.0 + p->title_w}, ent_f[2] = {1.0, 1.0 + p->ent_w};
        s *= title_f[c->in_title != 0];
        int lead = (c->in_title != 0) | (c->first_sent == 0); /* in the title or 1st sentence */
        if (c->ent >= 0)
            s *= ent_f[lead];
        else if (p->cap_w != 0)
            s *= 1.0 + p->cap_w * (double)c->ncap / tf;
        /* The divisions below are skipped for a candidate seen once (most of them, and all
         * those scored after the likely ones): the factor is 1.0 or tabulated, the same double
         * the division gives. */
        if (c->last_tok != c->first_tok)
            s *= 1.0 + p->spread_w * (double)(c->last_tok - c->first_tok) / span;
        int word1 = one_word_name(c);
        if (c->nwords == 1 && c->ent < 0) {
            /* By table, not by tests: a word's class and whether it mostly modifies come as
             * good as randomly (x 1.0 leaves a score as it is). */
            s *= x->class_w[c->wclass & 3];
            /* Mostly a modifier ("diplomatic efforts", "international community"): its phrase
             * is the keyphrase. A noun ending ("development bank") still names a topic. */
            double fr, mod;
            if (c->tf == 1) { /* nmod <= tf: 0 or 1 */
                fr = (double)(c->nmod & 1);
                mod = x->mod_tf1[c->nmod & 1];
            } else {
                fr = (double)c->nmod / tf;
                mod = 1.0 - p->mod_w * (fr - p->mod_from) / (1.0 - p->mod_from);
            }
            const double mod_f[2] = {1.0, mod};
            s *= mod_f[(fr > p->mod_from) & (c->wclass != WC_NOUN)];
        }
        if (c->nwords > 1 && !word1)
            s *= (c->ent >= 0 ? p->ent_phrase_w : p->phrase_w) *
                 (lead ? 1.0 : p->body_phrase_w);
        s *= x->len_tab[c->ent >= 0 ? x->ent_len : c->wlen];
        if (no == keep && s * idf_max < ks[no - 1])
            continue; /* cannot make the kept set */
        /* Words carry their df from the stem cache, phrases and names often from x->dfc. The
         * rest wait for a model lookup (a few cache misses) until all others are kept, with
         * the model's slot on its way: by then the bound has risen and prunes most. The kept
         * set is the same in any order. */
        uint32_t df = c->df;
        if (df == DF_UNKNOWN && !df_cache_get(x, c, &df)) {
            nm__dfmodel_prefetch(m, x->scratch.ptr + c->koff, c->klen);
            c->score = s;
            later[nlater++] = (uint32_t)i;
            continue;
        }
        c->score = s * idf_of(x, m, df);
        no = keep_ranked(x, o, ks, no, keep, (uint32_t)i);
    }
    for (size_t r = 0; r < nlater; r++) {
        cand *c = &x->cands.v[later[r]];
        double s = c->score;
        c->score = 0;
        if (no == keep && s * idf_max < ks[no - 1])
            continue;
        c->score = s * idf_of(x, m, df_lookup(x, m, c));
        no = keep_ranked(x, o, ks, no, keep, later[r]);
    }
    if (no < keep)
        sort_kept(x, o, ks, no);
    x->order.n = no;
    return NM_OK;
}

/* One bit of 64 for term t, by its length and end bytes: equal terms have the same bit. */
static uint64_t term_bit(nm_str t) {
    unsigned a = t.len ? (uint8_t)t.ptr[0] : 0, z = t.len ? (uint8_t)t.ptr[t.len - 1] : 0;
    return 1ull << ((t.len * 7u + a + z * 3u) & 63);
}

/* Picks the top k (skipping words wholly inside a picked phrase) into rec->keywords. */
static int select_top(nm__kw_extractor *x, nm_record *rec, unsigned k) {
    const uint32_t *o = x->order.v;
    size_t no = x->order.n;
    size_t first = rec->keywords.n;
    uint64_t shown = 0; /* term_bit of each term shown */
    double top = 0;
    /* The phrases score_rank let through (ranked or not): only they can hold another one. */
    const uint32_t *multi = x->multi.v;
    const uint64_t *msp = x->mspace.v, *mw = x->mends.v;
    size_t nmulti = x->multi.n;
    uint64_t any_end = 0; /* the word_ends of all those phrases */
    for (size_t m = 0; m < nmulti; m++)
        any_end |= mw[m];
    /* The top k words get their forms in one walk; a word ranked below (shown only when some
     * above gave way) walks its own range. */
    if (word_forms(x, rec, k) != NM_OK)
        return NM_ERR_NOMEM;
    for (size_t r = 0; r < no && rec->keywords.n - first < k; r++) {
        const cand *c = &x->cands.v[o[r]];
        int skip = 0;
        const char *ck = x->scratch.ptr + c->koff;
        uint64_t cw = end_bits(ck, c->klen);
        /* A word or phrase that (almost) only occurs inside a longer kept candidate is left to
         * it: "texas commerce" inside "texas commerce bancshares", whichever ranks first. No
         * phrase can hold c when an end byte of c's is in none of any_end (most words). */
        size_t nm = (cw & ~any_end) == 0 ? nmulti : 0;
        for (size_t m = 0; m < nm && !skip; m++) {
            const cand *p = &x->cands.v[multi[m]];
            /* One test, not four in a row (their outcomes come as good as randomly); an end
             * byte of c's where no word of p's starts or ends (word_ends) rules key_inside out. */
            if ((p != c) & (p->nwords > c->nwords) & (c->tf <= p->tf) & ((cw & ~mw[m]) == 0) &&
                key_inside(ck, c->klen, x->scratch.ptr + p->koff, p->klen, msp[m]))
                skip = 1;
        }
        if (skip)
            continue;
        uint32_t t0 = c->ent >= 0                  ? c->tok /* names: display() shows their norm */
                      : c->nwords > 1 || r >= k ? scan_form(x, rec, c)
                                                : form_best(&x->tally.v[r], c->tok);
        nm_str term = display(x, rec, c, t0);
        if (!term.ptr)
            return NM_ERR_NOMEM;
        /* A term shown already is not shown again. The shown terms set bits of shown (by
         * length and end bytes): a term whose bit is clear is new without a walk over them
         * (whose exit, after a count that grows by one each time, mispredicted often). */
        uint64_t bit = term_bit(term);
        int dup = 0;
        if (shown & bit)
            for (size_t q = first; q < rec->keywords.n; q++)
                if (rec->keywords.v[q].term.len == term.len &&
                    memcmp(rec->keywords.v[q].term.ptr, term.ptr, term.len) == 0)
                    dup = 1;
        if (dup)
            continue;
        shown |= bit;
        nm_keyword *kw = NM__VEC_PUSH(rec->keywords);
        if (!kw)
            return NM_ERR_NOMEM;
        if (top == 0)
            top = c->score;
        kw->term = term;
        kw->score = c->score / top;
        if (kw->score <= 0)
            kw->score = 1e-9;
    }
    return NM_OK;
}


/* ---- keywords from the title alone ----------------------------------------------------------- */

/* Can a title word start or end with byte c: a letter or a non-ASCII byte (digits, ' and - are
 * refused there)? */
static int title_edge(char c) {
    unsigned char u = (unsigned char)c;
    return (u >= 'a' && u <= 'z') || u >= 0x80;
}

/* What title word w[0..n) can be in a title keyword: 1 any part (no digit, two bytes at least
 * without a possessive, a letter at each end, no stop word, time word or word stop-like in the
 * model), 2 the middle
 * (a connector: "of", "and"), 0 none ("in", "feb", "said", "1st"); -1 when out of memory.
 * *m: its length without the possessive. */
static int title_word_ok(nm__kw_extractor *x, const char *w, size_t n, size_t *m) {
    char lw[64];
    if (n > sizeof lw)
        return 0;
    for (size_t j = 0; j < n; j++) {
        if (w[j] >= '0' && w[j] <= '9')
            return 0;
        lw[j] = (char)x->title_map[(unsigned char)w[j]]; /* title words' bytes, lowered */
    }
    *m = strip_poss(lw, n, 1);
    if (nm__stopwords_has(x->stop, lw, *m))
        return connector((nm_str){lw, *m}) ? 2 : 0;
    static const char curly[2][3] = {"\xe2\x80\x98", "\xe2\x80\x99"}; /* ‘ ’ */
    if (*m < 2 || !title_edge(lw[0]) || !title_edge(lw[*m - 1]) || time_part(lw, *m) ||
        (*m >= 3 && (!memcmp(lw, curly[0], 3) || !memcmp(lw, curly[1], 3) ||
                     !memcmp(lw + *m - 3, curly[0], 3) || !memcmp(lw + *m - 3, curly[1], 3))))
        return 0; /* "--", "'em", "’s" */
    uint32_t sl;
    int common = 1;
    if (stem_word(x, lw, *m, word_hash(lw, *m), &sl, NULL, &common, NULL, NULL) < 0)
        return -1;
    return !common;
}

/* Shows title run s[0..n) (case folded, one space between words) as the next keyword after
 * those from first on, unless it is one of them or a one-word run that is a word of one. */
static int title_run(nm__kw_extractor *x, nm_record *rec, size_t first, const char *s, size_t n) {
    const char *f;
    long fl = fold(x, s, n, 0, &f);
    if (fl <= 0)
        return NM_OK; /* no memory to fold it, or not UTF-8 (a library caller's title) */
    char *d = nm__arena_alloc(&rec->arena, (size_t)fl + 1);
    if (!d)
        return NM_ERR_NOMEM;
    size_t o = 0;
    for (long i = 0; i < fl; i++)
        if (!is_space(f[i]))
            d[o++] = f[i];
        else if (d[o - 1] != ' ') /* a run starts and ends with a word */
            d[o++] = ' ';
    d[o] = 0;
    int one = memchr(d, ' ', o) == NULL;
    for (size_t q = first; q < rec->keywords.n; q++) {
        nm_str k = rec->keywords.v[q].term;
        if (k.len == o ? memcmp(k.ptr, d, o) == 0
                       : one && k.len > o &&
                             key_inside(d, o, k.ptr, k.len, key_spaces(k.ptr, k.len)))
            return NM_OK;
    }
    nm_keyword *kw = NM__VEC_PUSH(rec->keywords);
    if (!kw)
        return NM_ERR_NOMEM;
    kw->term = (nm_str){d, o};
    kw->score = 1.0 / (double)(1 + rec->keywords.n - 1 - first);
    return NM_OK;
}

/*
 * Keywords of a record whose text gave none while it has a title (a results table under "ACME
 * AND SONS CORP <ACMS> 1ST QTR FEB 28 NET"): the runs of the title's words, in title order, the
 * first scoring 1 and the i-th 1 / i. A run is up to MAX_NGRAM words joined by spaces and
 * connectors, broken by a word title_word_ok refuses ("1ST", "FEB") and by any other character
 * ("<ACMS>" is a run of its own): "acme and sons corp", "acms", "qtr", "net". A run shown
 * already, or one word of one, is not shown again ("<ACME>" after "ACME CORP").
 */
static int title_keywords(nm__kw_extractor *x, nm_record *rec, unsigned k) {
    nm_str t = rec->title;
    size_t first = rec->keywords.n, i = 0, rs = 0, re = 0, nw = 0;
    int conn = 0; /* the run's last word is a connector, not yet in [rs, re) */
    while (i < t.len && rec->keywords.n - first < k) {
        int brk = 0, cls = TC_END;
        for (size_t cl; i < t.len && ((cl = title_char(x, t, i, &cls)), cls != TC_WORD); i += cl)
            brk |= cls != TC_SPACE;
        size_t b = i, m = 0;
        for (size_t cl; i < t.len && ((cl = title_char(x, t, i, &cls)), cls == TC_WORD); i += cl)
            ;
        if (b == i)
            break;
        int ok = title_word_ok(x, t.ptr + b, i - b, &m);
        if (ok < 0)
            return NM_ERR_NOMEM;
        if (ok == 2 && nw && !brk && !conn && nw + 1 < MAX_NGRAM) {
            conn = 1; /* the run goes on if a word follows: "marsh and mclennan" */
            nw++;
            continue;
        }
        if (nw && (brk || ok != 1 || nw == MAX_NGRAM)) {
            if (title_run(x, rec, first, t.ptr + rs, re - rs) != NM_OK)
                return NM_ERR_NOMEM;
            nw = 0;
        }
        conn = 0;
        if (ok == 1) {
            rs = nw++ ? rs : b;
            re = b + m;
        }
    }
    if (nw && rec->keywords.n - first < k && title_run(x, rec, first, t.ptr + rs, re - rs) != NM_OK)
        return NM_ERR_NOMEM;
    return NM_OK;
}

/* ---- extractor API (dfmodel.h) ------------------------------------------------------------ */

/* The bundled stop words (none when the data has none), for the caller to free; NULL when out
 * of memory. */
static nm__stopwords *kw_stopwords(void) {
    size_t len = 0;
    const char *stop = nm__data_get("stopwords.txt", &len);
    return nm__stopwords_create(stop ? stop : "", stop ? len : 0);
}

/* nm__kw_extractor_new with model set (NULL: none) before its tables are computed, once, and
 * stem cache kwc (shared with other workers), or NULL for a cache of its own. */
static nm__kw_extractor *kw_new(const nm__dfmodel *model, nm__kw_cache *kwc) {
    nm__kw_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->model = model;
    x->stemmer = nm__stemmer_create();
    x->kwc = kwc ? kwc : (x->own_kwc = nm__kw_cache_new());
    x->cache = x->kwc ? nm__kw_cache_entries(x->kwc) : NULL;
    x->dfc = calloc(DFC_SLOTS, sizeof *x->dfc);
    x->ubuf_cap = 256;
    x->ubuf = malloc(x->ubuf_cap * sizeof *x->ubuf);
    x->prm = default_params;
    idf_table(x);
    title_map_init(x);
    if (!x->stemmer || !x->cache || !x->dfc || !x->ubuf) {
        nm__kw_extractor_free(x);
        return NULL;
    }
    return x;
}

nm__kw_extractor *nm__kw_extractor_new(void) {
    /* its own stop words: df build counts the candidates the stage takes */
    nm__kw_extractor *x = kw_new(NULL, NULL);
    if (!x)
        return NULL;
    x->stop = x->own_stop = kw_stopwords();
    if (!x->own_stop) {
        nm__kw_extractor_free(x);
        return NULL;
    }
    return x;
}

void nm__kw_extractor_free(nm__kw_extractor *x) {
    if (!x)
        return;
    nm__stemmer_destroy(x->stemmer);
    nm__stopwords_destroy(x->own_stop);
    nm__kw_cache_free(x->own_kwc);
    free(x->dfc);
    free(x->ti.v);
    free(x->cands.v);
    free(x->table);
    nm__buf_free(&x->scratch);
    free(x->out_keys.v);
    free(x->title_stems.v);
    free(x->title_hash.v);
    free(x->order.v);
    free(x->oscore.v);
    free(x->multi.v);
    free(x->mspace.v);
    free(x->mends.v);
    free(x->elig.v);
    free(x->starts.v);
    free(x->seq.v);
    free(x->etok.v);
    free(x->aux.v);
    free(x->tally.v);
    free(x->ubuf);
    free(x);
}

/* The per-document buffers of x, each as (vector, its capacity, item size). */
#define KW_DOC_VECS(X)                                                                             \
    X(ti) X(cands) X(out_keys) X(title_stems) X(title_hash) X(order) X(oscore) X(multi)           \
        X(mspace) X(mends) X(elig) X(starts) X(seq) X(etok) X(aux) X(tally)

size_t nm__kw_scratch_bytes(const nm__kw_extractor *x) {
    size_t b = x->scratch.cap + (size_t)x->table_cap * sizeof *x->table;
#define KW_BYTES(f) b += x->f.cap * sizeof *x->f.v;
    KW_DOC_VECS(KW_BYTES)
#undef KW_BYTES
    return b;
}

/* After a document: gives back all of x's per-document buffers when together they hold more
 * than NM__KW_KEEP_BYTES (an outsized document's), else keeps them for the next. What x
 * handed out of them (nm__kw_doc_keys' keys) goes with them. */
static void kw_trim(nm__kw_extractor *x) {
    if (nm__kw_scratch_bytes(x) <= NM__KW_KEEP_BYTES)
        return;
    nm__buf_free(&x->scratch);
    free(x->table);
    x->table = NULL;
    x->table_cap = 0;
#define KW_FREE(f)                                                                                 \
    free(x->f.v);                                                                                  \
    x->f.v = NULL;                                                                                 \
    x->f.n = x->f.cap = 0;
    KW_DOC_VECS(KW_FREE)
#undef KW_FREE
}

int nm__kw_doc_keys(nm__kw_extractor *x, const nm_record *rec, const nm_str **keys, size_t *n) {
    *keys = NULL;
    *n = 0;
    kw_trim(x); /* the last document's keys are no longer borrowed */
    int rc = extract(x, rec, 1);
    if (rc != NM_OK)
        return rc;
    if (nm__vec_reserve((void **)&x->out_keys.v, &x->out_keys.cap, x->cands.n + 1,
                        sizeof *x->out_keys.v) != 0)
        return NM_ERR_NOMEM;
    for (size_t i = 0; i < x->cands.n; i++)
        x->out_keys.v[i] = (nm_str){x->scratch.ptr + x->cands.v[i].koff, x->cands.v[i].klen};
    x->out_keys.n = x->cands.n;
    *keys = x->out_keys.v;
    *n = x->out_keys.n;
    return NM_OK;
}

/* ---- the stage ---------------------------------------------------------------------------- */

/* The stage's shared data: the df model (read-only) and the workers' word -> stem cache (a
 * thread-safe cache, kw_cache.h). */
typedef struct kw_shared {
    nm__dfmodel *model; /* NULL without one: every candidate gets idf 1 */
    nm__kw_cache *cache;
    nm__stopwords *stop;   /* for title words (title_keywords); text tokens carry NM_TF_STOP */
} kw_shared;

static void keywords_unload(void *shared) {
    kw_shared *sh = shared;
    if (sh == NULL)
        return;
    nm__dfmodel_close(sh->model);
    nm__kw_cache_free(sh->cache);
    nm__stopwords_destroy(sh->stop);
    free(sh);
}

static int keywords_load(void **shared, const nm_options *opts, nm_error *err) {
    kw_shared *sh = calloc(1, sizeof *sh);
    if (sh == NULL || (sh->cache = nm__kw_cache_new()) == NULL ||
        (sh->stop = kw_stopwords()) == NULL) {
        keywords_unload(sh);
        return nm__fail(err, NM_ERR_NOMEM, "out of memory loading the keywords stage");
    }
    int rc = NM_OK;
    if (opts->df_path) {
        rc = nm__dfmodel_open(opts->df_path, &sh->model, err);
    } else {
        size_t len = 0;
        const char *p = nm__data_get("models/background.df", &len);
        if (p) /* else no bundled model */
            rc = nm__dfmodel_from_bytes(p, len, "bundled models/background.df", &sh->model, err);
    }
    if (rc != NM_OK) {
        keywords_unload(sh);
        return rc;
    }
    *shared = sh;
    return NM_OK;
}

static int keywords_init(void **state, const void *shared, const nm_options *opts, nm_error *err) {
    (void)shared;
    const kw_shared *sh = shared;
    /* its idf table computed once, for this model; the cache is the one thing workers write */
    nm__kw_extractor *x = kw_new(sh->model, sh->cache);
    if (!x)
        return nm__fail(err, NM_ERR_NOMEM, "out of memory starting the keywords stage");
    x->top_k = opts->top_k;
    x->stop = sh->stop;
    *state = x;
    return NM_OK;
}

static void keywords_destroy(void *state) { nm__kw_extractor_free(state); }

static int keywords_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    nm__kw_extractor *x = state;
    (void)shared; /* x has the model and the shared stems */
    (void)err;
    if (x->top_k == 0)
        return NM_OK;
    int rc = extract(x, rec, 0);
    if (rc != NM_OK)
        return rc;
    if (x->top_k == 0)
        return NM_OK;
    /* Three candidates ranked per keyword shown, for at least 10 keywords: some give way to a
     * phrase holding them, and a top 3 must be the first 3 of the top 10. */
    size_t keep = 3 * (size_t)(x->top_k > KEEP_FOR_MIN ? x->top_k : KEEP_FOR_MIN);
    if (keep > x->cands.n) /* no more can be kept: room for a huge top_k would not allocate */
        keep = x->cands.n;
    rc = score_rank(x, rec, x->model, keep);
    if (rc != NM_OK)
        return rc;
    size_t before = rec->keywords.n;
    rc = select_top(x, rec, x->top_k);
    if (rc == NM_OK && rec->keywords.n == before && rec->title.len)
        rc = title_keywords(x, rec, x->top_k);
    kw_trim(x); /* rec's keywords are in its arena: nothing of x's is borrowed */
    return rc;
}

const nm__stage nm__stage_keywords = {
    .name = "keywords",
    .bit = NM_STAGE_KEYWORDS,
    .load = keywords_load,
    .unload = keywords_unload,
    .init = keywords_init,
    .process = keywords_process,
    .destroy = keywords_destroy,
};
