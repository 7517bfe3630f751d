/*
 * newsmine/annotation.h — the read-only annotation types a record carries.
 *
 * Every span is a pair of UTF-8 byte offsets into the record's text, start inclusive and end
 * exclusive, so text[start:end] is exactly the annotated text: "Paris" in "in Paris on" is
 * {start 3, end 8}. Strings (nm_str) are never NUL-terminated; all of them are borrowed, valid
 * until the record is released back to the pipeline (owned by the record arena).
 */
#ifndef NEWSMINE_ANNOTATION_H
#define NEWSMINE_ANNOTATION_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A borrowed byte string: ptr may be NULL when len is 0. */
typedef struct nm_str {
    const char *ptr;
    size_t len;
} nm_str;

/** An exact decimal: value = mant * 10^exp. 134.4 billion is {1344, 8}; 0.5 is {5, -1}. */
typedef struct nm_decimal {
    uint64_t mant;
    int32_t exp;
} nm_decimal;

/**
 * Token types, grouped in families with gaps (libpostal style) so "is this a number" is a
 * range check and new types never renumber old ones.
 */
typedef enum nm_token_type {
    NM_TOK_WORD = 1,        /* letters, marks, digits inside words, hyphens and apostrophes: Ukraine's */
    NM_TOK_ABBREV = 2,      /* abbreviation or initials with periods: U.S.  Mr.  J.R.R. */
    NM_TOK_IDEOGRAPH = 3,   /* one CJK / kana / hangul-without-spaces character */
    NM_TOK_HANDLE = 4,      /* @handle */
    NM_TOK_HASHTAG = 5,     /* #hashtag */
    NM_TOK_NUMBER = 50,     /* 134.4  1,250,000.50  1.250.000,50  1 250 000 (NBSP/thin space) */
    NM_TOK_ORDINAL = 51,    /* 4th  21st */
    NM_TOK_DATE = 52,       /* 1996-12-06  12/06/1996 */
    NM_TOK_TIME = 53,       /* 10:30  10:30:15 */
    NM_TOK_URL = 80,        /* https://example.com/a?b  www.example.com */
    NM_TOK_EMAIL = 81,      /* press@example.org */
    NM_TOK_PUNCT = 100,     /* . , ; : ! ? quotes brackets dashes ellipsis */
    NM_TOK_SYMBOL = 120,    /* % & + = / * and other symbols */
    NM_TOK_CURRENCY = 130,  /* $ € £ ¥ ₹ US$ A$ HK$ R$ ... (a currency sign, not a code) */
    NM_TOK_EMOJI = 140,     /* one emoji, ZWJ sequence or flag */
    NM_TOK_OTHER = 200      /* anything else: control characters, unassigned code points */
} nm_token_type;

#define NM_TOK_IS_WORD(t) ((t) >= NM_TOK_WORD && (t) < NM_TOK_NUMBER)
#define NM_TOK_IS_NUMERIC(t) ((t) >= NM_TOK_NUMBER && (t) < NM_TOK_URL)
#define NM_TOK_IS_PUNCT(t) ((t) >= NM_TOK_PUNCT && (t) < NM_TOK_SYMBOL)

/** Token shape flags, set by the tokenizer (and NM_TF_STOP by normalization). */
enum {
    NM_TF_CAP = 1u << 0,          /* first letter upper or title case: Paris */
    NM_TF_ALLCAPS = 1u << 1,      /* every letter upper case, at least one letter: NATO */
    NM_TF_HAS_DIGIT = 1u << 2,
    NM_TF_HAS_ALPHA = 1u << 3,
    NM_TF_NONASCII = 1u << 4,     /* holds a byte >= 0x80 */
    NM_TF_SPACE_BEFORE = 1u << 5, /* preceded by whitespace (or at text start) */
    NM_TF_SENT_START = 1u << 6,   /* first token of a sentence */
    NM_TF_LINE_START = 1u << 7,   /* first token on its line */
    NM_TF_STOP = 1u << 8,         /* a stop word (corpora/stopwords.txt) */
    NM_TF_HYPHEN = 1u << 9,       /* a hyphenated compound: anti-war */
    NM_TF_POSSESSIVE = 1u << 10,  /* ends in 's / ’s / s' */
    NM_TF_HAS_UPPER = 1u << 11    /* holds an upper-case letter anywhere: iPhone, NATO, Paris */
};

/**
 * One token. norm is the matching key: NFKC + case fold, typographic quotes/dashes/spaces
 * unified ("ukraine's"); key is norm with diacritics stripped ("zelensky" for "Zélensky").
 * Both are owned by the record arena (or point into the text when identical to it).
 */
typedef struct nm_token {
    uint32_t start, end;
    uint16_t type;   /* nm_token_type */
    uint16_t flags;  /* NM_TF_* */
    nm_str norm;
    nm_str key;
} nm_token;

/** One sentence: byte span and the half-open token index range [tok_begin, tok_end). */
typedef struct nm_sentence {
    uint32_t start, end;
    uint32_t tok_begin, tok_end;
} nm_sentence;

/** OntoNotes entity labels, grouped: names 1-, time 20-, numbers 30-. */
typedef enum nm_entity_type {
    NM_ENT_PERSON = 1,
    NM_ENT_NORP = 2,
    NM_ENT_FAC = 3,
    NM_ENT_ORG = 4,
    NM_ENT_GPE = 5,
    NM_ENT_LOC = 6,
    NM_ENT_PRODUCT = 7,
    NM_ENT_EVENT = 8,
    NM_ENT_WORK_OF_ART = 9,
    NM_ENT_LAW = 10,
    NM_ENT_LANGUAGE = 11,
    NM_ENT_DATE = 20,
    NM_ENT_TIME = 21,
    NM_ENT_PERCENT = 30,
    NM_ENT_QUANTITY = 31,
    NM_ENT_ORDINAL = 32,
    NM_ENT_CARDINAL = 33
} nm_entity_type;

/** The OntoNotes label ("PERSON", ...) of a type, or NULL for an unknown value. */
NM_API const char *nm_entity_type_name(int type);

/** A named or numeric entity; norm is the canonical form (alias resolved, ISO date, number). */
typedef struct nm_entity {
    uint32_t start, end;
    uint16_t type;   /* nm_entity_type */
    nm_str norm;
} nm_entity;

/** Which value fields of an nm_money are set. */
enum {
    NM_MONEY_AMOUNT = 1u << 0,
    NM_MONEY_MIN = 1u << 1,
    NM_MONEY_MAX = 1u << 2,
    NM_MONEY_NEGATIVE = 1u << 3   /* -$5m: the amount (and bounds) are negative */
};

/**
 * A money mention. currency is an ISO 4217 code, NUL-terminated, or "" when unresolved
 * (printed as null). qualifier is the hedge word left outside the span ("about"), or empty.
 */
typedef struct nm_money {
    uint32_t start, end;
    uint32_t fields;  /* NM_MONEY_* */
    char currency[4];
    nm_decimal amount, min, max;
    nm_str qualifier;
} nm_money;

/** A keyword: term in normalized readable form, score in (0, 1]. */
typedef struct nm_keyword {
    nm_str term;
    double score;
} nm_keyword;

/**
 * Writes the exact decimal text of v (no exponent, no float artefacts: "134400000000", "0.5")
 * into buf of size cap, NUL-terminated. Returns the length written, or -1 when cap is too small.
 */
NM_API int nm_decimal_format(nm_decimal v, int negative, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
