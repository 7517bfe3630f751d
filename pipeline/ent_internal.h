/*
 * ent_internal.h — shared types of the entities stage files (entities.c, ent_numex.c).
 *
 * Per-worker state holds a token mark array (which pass claimed each token), the candidate
 * entities of the record being processed ({token range, byte span, type, norm}), the aliases the
 * document taught ("zelensky" => PERSON "Volodymyr Zelensky") and a key scratch buffer for
 * lexicon lookups. Nothing here is shared between workers except nm__ent_shared (read-only).
 */
#ifndef NM_ENT_INTERNAL_H
#define NM_ENT_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "bytes.h"
#include "ent_lexicon.h"
#include "record.h"
#include "regex.h"

/** Hot/cold layout hints (GCC, Clang; nothing elsewhere). NM__ENT_COLD marks a function that runs
 *  on rare paths only: it stays out of line, goes to .text.unlikely, and the compiler moves the
 *  blocks that call it out of the hot function body, so the common path of the stage's long
 *  passes takes fewer instruction-cache lines. NM__ENT_RARE(c) says c is seldom true. */
#if defined(__GNUC__)
#define NM__ENT_COLD __attribute__((cold, noinline))
#define NM__ENT_NOINLINE __attribute__((noinline))
#define NM__ENT_RARE(c) __builtin_expect(!!(c), 0)
#else
#define NM__ENT_COLD
#define NM__ENT_NOINLINE
#define NM__ENT_RARE(c) (c)
#endif

/** What claimed a token. */
enum { NM__MARK_FREE = 0, NM__MARK_MONEY, NM__MARK_NUMEX, NM__MARK_NAME, NM__MARK_TITLE };

/** Where a candidate came from (rules decide differently at document level). */
enum {
    NM__SRC_NUMEX = 1,
    NM__SRC_LEXICON,
    NM__SRC_CUE,
    NM__SRC_TITLE,
    NM__SRC_NAME,
    NM__SRC_ACRONYM,
    NM__SRC_PLACE,
    NM__SRC_GUESS,
    NM__SRC_PENDING,       /* a lone capitalised word: kept only if the document names it */
    NM__SRC_PENDING_START, /* the same at a sentence start */
    NM__SRC_DOC
};

/** ent1 value of a token not looked up yet. */
extern const nm__lex_entry nm__ent1_unset;
#define NM__ENT1_UNSET (&nm__ent1_unset)

/** nm__ent_match's want value for a gazetteer name (any other value is a NM__CUE_* mask). */
#define NM__WANT_GAZ 0x8000u

typedef struct nm__ent_cand {
    uint32_t tb, te;       /* token range */
    uint32_t start, end;   /* byte span */
    uint16_t type;         /* nm_entity_type, 0 = undecided (dropped) */
    uint16_t src;          /* NM__SRC_* */
    nm_str norm;
} nm__ent_cand;

typedef struct nm__ent_alias {
    nm_str key;   /* token key */
    nm_str norm;
    uint16_t type;
} nm__ent_alias;

typedef struct nm__numex_words nm__numex_words;

typedef struct nm__ent_company {
    uint32_t tb, te; /* the name's tokens, without the suffix */
    nm_str norm;     /* the name with its suffix: "McDonnell Douglas Corp" */
} nm__ent_company;

typedef struct nm__ent_shared {
    nm__lexicon *lex;
    nm__numex_words *numex; /* the numeric rules' word lists (ent_numex.c) */
    const uint8_t *wclass;  /* word id -> NM__WC_* (owned by numex) */
    const nm__lex_entry *const *went; /* word id -> its lexicon entry or NULL (owned by numex) */
} nm__ent_shared;


typedef struct nm__ent_state {
    char *key;
    size_t keycap;
    uint8_t *mark;
    size_t markcap;
    uint16_t *wid; /* per token: id of its word in the numeric word lists, 0 = none */
    uint8_t *cls;  /* per token: NM__TC_* bits from the token pass */
    uint64_t *wcand; /* token pass scratch: signature << 32 | index of words to look up; at
                        its end the indexes of the tokens whose lookups it prefetched */
    uint64_t *lhash; /* per token: the lexicon hash of its key stem, set by the token pass
                        where cls has NM__TC_NAME and wid is 0 (the tokens it prefetches) */
    size_t npf;      /* those tokens: their indexes are wcand[0..npf) after the token pass */
    const nm__lex_entry **ent1; /* per token: its own lexicon entry, or NM__ENT1_UNSET */
    size_t ent1cap;
    const nm_token *toks; /* the record's tokens, for ent1 indexes */
    const struct nm__ent_shared *sh; /* the shared data of the current run */
    uint32_t *lc;         /* set of the record's lower-case word keys (token index + 1), lazy */
    size_t lccap, lcmask;
    int lc_built;
    unsigned lc_scans;    /* lower_seen questions answered by a scan, before the set is built */
    uint64_t lsig[64];    /* bit per signature (nm__ent_lsig) of the record's lower-case words */
    size_t widcap;
    NM__VEC(nm__ent_cand) cands;
    nm__ent_cand *ctmp; /* scratch for sorting cands */
    size_t ctmpcap;
    NM__VEC(nm__ent_alias) aliases;
    NM__VEC(nm__ent_company) companies;
    nm__regex_worker *rx; /* this worker's PCRE2 match state (ent_numex.c), made on first use */
} nm__ent_state;

/** Token classes the first pass over a record computes (st->cls), so the later passes test one
 *  byte per token instead of loading each token again. */
enum {
    NM__TC_NAME = 1u << 0,     /* a word or abbreviation that may be part of a name: capitalised
                                  with a letter, or "al-Qaida" */
    NM__TC_LOWERGAZ = 1u << 1, /* a non-stop word whose key may open a name written lower case */
    NM__TC_SUFFIX = 1u << 2,   /* capitalised, spaced, a listed company suffix ("Corp") */
    NM__TC_ALPHA = 1u << 3,    /* holds a letter */
    NM__TC_ALLCAPS = 1u << 4,  /* holds a letter, all capitals */
    NM__TC_LOWERW = 1u << 5,   /* a lower-case non-stop NM_TOK_WORD (lower_seen's words; it
                                  asks about those of 3+ bytes alone) */
    NM__TC_CAP = 1u << 6,      /* NM_TF_CAP, any token type */
    NM__TC_NUMEX = 1u << 7     /* a number, a date, a listed numeric word or a hyphenated word:
                                  the numeric rules start only there */
};
/** Bytes readable past the last token's class byte (nm__ent_token_pass zeroes them), so that
 *  nm__ent_next_cls reads whole 8-byte words up to any end. */
enum { NM__CLS_PAD = 8 };
/** The first index in [i, n) whose class byte has a bit of mask, or n (n at most the record's
 *  token count): 8 bytes per step, the last step reading past n into the pad or the next
 *  tokens (a hit there means none before n), so no byte loop ends the search. */
static inline size_t nm__ent_next_cls(const uint8_t *cls, size_t i, size_t n, uint8_t mask) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t m8 = 0x0101010101010101ull * mask;
    for (; i < n; i += 8) {
        uint64_t w;
        memcpy(&w, cls + i, 8);
        w &= m8;
        if (w) {
            size_t j = i + (size_t)__builtin_ctzll(w) / 8; /* the lowest set byte comes first */
            return j < n ? j : n;
        }
    }
    return n;
#else
    while (i < n && !(cls[i] & mask))
        i++;
    return i;
#endif
}


/** A 32-bit signature of a key of 1+ bytes (nm__lexicon_sig32: length, first, middle and
 *  last byte; a key of at most 3 bytes is all in it): its top 11 bits place a word in the numeric
 *  word table, which checks all 32; its top 12 bits are its bit in nm__lexicon_lower_sigs. */
static inline uint32_t nm__ent_sig32(const char *k, size_t n) { return nm__lexicon_sig32(k, n); }
/** A 12-bit signature of a key of 3+ bytes, its bit in st->lsig: bits 17-28 of its 32-bit
 *  one, so that the token pass sets it with the shift it reads the numeric gate with. */
static inline unsigned nm__ent_lsig(const char *k, size_t n) {
    return (nm__ent_sig32(k, n) >> 17) & 4095;
}
/** The first pass over a record: word ids (st->wid), token classes (st->cls) and the
 *  signatures of its lower-case words (st->lsig). */
int nm__ent_token_pass(nm__ent_state *st, const nm__ent_shared *sh, const nm_record *rec);

/** Loads the shared lexicons (caller frees with nm__entities_unload). */
int nm__entities_load(nm__ent_shared **out, nm_error *err);
/** Frees what nm__entities_load made. Accepts NULL. */
void nm__entities_unload(nm__ent_shared *sh);
/** Frees a worker state (made with calloc). Accepts NULL. */
void nm__ent_state_free(nm__ent_state *st);
/** Runs the stage over rec (tokens, sentences and money already set). */
int nm__entities_run(nm__ent_state *st, const nm__ent_shared *sh, nm_record *rec);

/** Key of t equals the NUL-terminated s. */
int nm__ent_keyeq(const nm_token *t, const char *s);
/** Longest lexicon match at token i (see entities.c). */
int nm__ent_match(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec, size_t i,
                  size_t limit, unsigned want, size_t *len, const nm__lex_entry **entry, int *poss);
/** Appends a candidate over tokens [tb, te) and marks them; poss drops a final "'s". */
int nm__ent_add(nm__ent_state *st, const nm_record *rec, size_t tb, size_t te, int type,
                nm_str norm, int poss, unsigned src);
/** Builds / frees the numeric rules' word table and patterns (shared, read-only); a pattern
 *  that does not compile gives NM_ERR_REGEX with the detail in err. */
int nm__numex_load(nm__numex_words **out, nm_error *err);
void nm__numex_unload(nm__numex_words *nw);
/** Word classes the name rules test (from the word ids the token pass computed). */
enum { NM__WC_CONNECTOR = 1, NM__WC_PLACE_PREP = 2, NM__WC_SPEECH = 4, NM__WC_OF = 8 };
/** Looks every listed word of nw up in lx, for nm__numex_lex_entries (at load time, before nw
 *  is shared; the entries live as long as lx has no key added). */
void nm__numex_link_lexicon(nm__numex_words *nw, const nm__lexicon *lx);
/** The id -> lexicon entry table of nw (owned by nw; NULL for id 0 and unlisted words). */
const nm__lex_entry *const *nm__numex_lex_entries(const nm__numex_words *nw);
/** The id -> NM__WC_* table of nw (owned by nw; entry 0, no listed word, is 0). */
const uint8_t *nm__numex_word_classes(const nm__numex_words *nw);
/** NM__WC_* bits of token i's word: one table load. */
static inline unsigned nm__ent_word_class(const nm__ent_state *st, const nm__ent_shared *sh,
                                          size_t i) {
    return sh->wclass[st->wid[i]];
}
/** The numeric pass: DATE, TIME, PERCENT, QUANTITY, ORDINAL, CARDINAL (ent_numex.c). */
int nm__numex_run(nm__ent_state *st, const nm__ent_shared *sh, nm_record *rec);

#endif
