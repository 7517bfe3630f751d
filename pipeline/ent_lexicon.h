/*
 * ent_lexicon.h — the entity gazetteer: names, given names and cue words in one hash table.
 *
 * Keys are token keys (NFKC + case fold + diacritics stripped) joined by one space:
 * "united states", "u.s.", "prime minister". Each key maps to an entry saying which gazetteer
 * type it has ("u.s." => GPE, norm "United States"), which cue classes it belongs to ("bank" =>
 * ORG suffix), whether it is a given name, and whether a longer key extends it (so a longest
 * match can stop as soon as no key starts with the tokens seen). Built at build time from the
 * corpora/lexicons TSV files (tools/lexgen.c writes the finished index, which is embedded in the
 * library); the stage's load reads that image in place (nm__lexicon_prebuilt) and every worker
 * shares it read-only. nm__lexicon_load builds the same index at run time (lexgen, tests).
 */
#ifndef NM_ENT_LEXICON_H
#define NM_ENT_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "newsmine/annotation.h"
#include "newsmine/error.h"

/** Cue classes (bit mask) from cues.tsv. */
enum {
    NM__CUE_TITLE = 1u << 0,    /* President, Mr., Prime Minister: before a person */
    NM__CUE_ORG = 1u << 1,      /* Bank, Party, Ministry, Inc: ends an organisation */
    NM__CUE_LAW = 1u << 2,      /* Treaty, Memorandum, Act */
    NM__CUE_EVENT = 1u << 3,    /* Summit, War, Olympics */
    NM__CUE_FAC = 1u << 4,      /* Airport, Bridge, Park */
    NM__CUE_LOC = 1u << 5,      /* River, Sea, Island */
    NM__CUE_GPE = 1u << 6,      /* City, State, Province */
    NM__CUE_LANGUAGE = 1u << 7, /* English, Arabic */
    NM__CUE_GEOPREFIX = 1u << 8, /* North, San, Mount: starts a place name */
    NM__CUE_COMMON = 1u << 9,    /* GDP, TV: an all-caps word that is no organisation */
    NM__CUE_OPENER = 1u << 10,   /* Later, Officials: a capitalised sentence opener, no name */
    NM__CUE_EVENTPREFIX = 1u << 11, /* Hurricane, Operation: starts an event name */
    NM__CUE_FIRMOPENER = 1u << 12   /* First, National: an opener that may open a company name */
};

/** Entry flags. */
enum {
    NM__LEX_PREFIX = 1u << 0,    /* a longer key starts with this key and a space */
    NM__LEX_CASE = 1u << 1,      /* an acronym (US, WHO): matches only all-caps tokens */
    NM__LEX_FIRSTNAME = 1u << 2, /* a given name */
    NM__LEX_GAZ = 1u << 3,       /* type and norm are set */
    NM__LEX_LOWER = 1u << 4,     /* a name starting with this token is written lower case: al-Qaida */
    NM__LEX_NAMEPART = 1u << 5,  /* a given name or surname of some culture (name_parts.tsv) */
    NM__LEX_MINOR = 1u << 6,     /* from places.tsv: a city or province, maybe a common word */
    NM__LEX_NORM_LOWER = 1u << 7 /* the norm starts with a-z: a name written lower case */
};

/* 8 bytes, so that the index keeps it in the slot of its key (one cache line per hit). */
typedef struct nm__lex_entry {
    uint8_t type;    /* nm_entity_type when NM__LEX_GAZ */
    uint8_t flags;   /* NM__LEX_* */
    uint16_t cues;   /* NM__CUE_* */
    uint32_t norm;   /* canonical name, read with nm__lexicon_norm (0: none) */
} nm__lex_entry;

typedef struct nm__lexicon nm__lexicon;

/**
 * Loads every lexicon file named in files (NULL-terminated, names under corpora/, earlier files
 * win for a key) from the embedded data. Returns NM_OK with *out (caller frees with
 * nm__lexicon_free), NM_ERR_NOMEM, or NM_ERR_INVALID when a file is missing.
 */
int nm__lexicon_load(nm__lexicon **out, const char *const *files, nm_error *err);

/** The lexicon files the entities stage uses (names under corpora/, earlier files win for a
 *  key), NULL-terminated: what the prebuilt index holds. */
extern const char *const nm__lexicon_files[];

/**
 * The index of nm__lexicon_files built at build time (tools/lexgen.c) and embedded in the library,
 * read in place: nothing parsed, hashed or copied. NM_OK with *out (free with nm__lexicon_free;
 * read-only, shared freely between threads), NM_ERR_NOMEM, or NM_ERR_MODEL when the embedded
 * image is not one this library reads. Defined in ent_lexidx.c, which the generator leaves out.
 */
int nm__lexicon_prebuilt(nm__lexicon **out, nm_error *err);

/**
 * Appends lx as an index image to out: its slots, filters, norms and key bytes, the host's byte
 * order, what nm__lexicon_view reads. NM_OK or NM_ERR_NOMEM. The same lexicon gives the same bytes.
 */
int nm__lexicon_write_image(const nm__lexicon *lx, nm__buf *out);

/**
 * A lexicon reading the image img[0..len) of nm__lexicon_write_image in place (img 64-byte
 * aligned, not owned: it must outlive the lexicon). NM_OK with *out (free with
 * nm__lexicon_free; nm__lexicon_add on it gives NM_ERR_INVALID), NM_ERR_NOMEM, or NM_ERR_MODEL
 * when img is no such image or was hashed on a machine of another byte order.
 */
int nm__lexicon_view(nm__lexicon **out, const void *img, size_t len, nm_error *err);

/**
 * Walks the entries of lx, for checks: the entry of the first key at or after slot *i, whose
 * key goes to *key (a span of lx's bytes or of buf, 8 bytes the caller owns), *i moved past it;
 * NULL at the end. Start with *i = 0.
 */
const nm__lex_entry *nm__lexicon_next(const nm__lexicon *lx, size_t *i, nm_str *key,
                                      char buf[8]);

/**
 * Loads the lines of one lexicon file, text[0..len), into lx in their order; file is its name
 * (its kind: "first_names", "cues", "name_parts", "places"). The entries' norms are copied
 * into lx. NM_OK, NM_ERR_NOMEM or NM_ERR_MODEL (err says which file).
 */
int nm__lexicon_load_text(nm__lexicon *lx, const char *file, const char *text, size_t len,
                          nm_error *err);

/** Adds one entry from text (name as written, type, norm may be empty). For tests and loading. */
int nm__lexicon_add(nm__lexicon *lx, const char *name, size_t name_len, int type, unsigned cues,
                    unsigned flags, nm_str norm);

/** An empty lexicon (caller frees with nm__lexicon_free), or NULL when out of memory. */
nm__lexicon *nm__lexicon_new(void);

/** Frees lx. Accepts NULL. */
void nm__lexicon_free(nm__lexicon *lx);

/** The canonical name of entry e of lx (a span owned by lx; {NULL, 0} for an entry with no
 *  gazetteer type). */
nm_str nm__lexicon_norm(const nm__lexicon *lx, const nm__lex_entry *e);

/** Looks up a key (NUL-terminated, normalized, tokens joined by one space). NULL when absent.
 *  The entry is owned by lx and lives as long as lx, unless a key is added to lx later. */
const nm__lex_entry *nm__lexicon_get(const nm__lexicon *lx, const char *key);

/** The same for key[0..len) (no NUL needed). NULL when absent. */
const nm__lex_entry *nm__lexicon_getn(const nm__lexicon *lx, const char *key, size_t len);

/** The length of a possessive token's key without its possessive ("reuters's", "reuters'":
 *  "reuters"): what the lexicon is asked for. */
static inline size_t nm__lexicon_poss_stem(const char *k, size_t n) {
    if (n >= 3 && k[n - 1] == 's' && k[n - 2] == '\'')
        return n - 2;
    if (n >= 2 && k[n - 1] == '\'')
        return n - 1;
    return n;
}

/** nm__lexicon_getn for a key whose 64-bit hash (from nm__lexicon_prefetch_tokens) is h. */
const nm__lex_entry *nm__lexicon_getn_h(const nm__lexicon *lx, const char *key, size_t len,
                                        uint64_t h);

/** Starts loading what the lookups of n token keys will read first (their bloom filter words
 *  and first index slots), so that lookups a while later find them in cache. The keys are
 *  those of tok[i] for each index i in idx[0..n) (a possessive's stem: "reuters'" =>
 *  "reuters"); each key's hash for nm__lexicon_getn_h goes to lhash[i]. A hint: it changes no
 *  answer. */
void nm__lexicon_prefetch_tokens(const nm__lexicon *lx, const nm_token *tok, const uint64_t *idx,
                                 size_t n, uint64_t *lhash);

/** The second step, once those slots have had time to arrive (a call that waits on them
 *  otherwise): for the same idx, n and lhash, reads each key's first slot and, where it holds
 *  a longer key (8+ bytes) of the key's hash tag, starts loading that key's length and bytes,
 *  which the lookup compares. A hint too. */
void nm__lexicon_prefetch_keys(const nm__lexicon *lx, const uint64_t *idx, size_t n,
                               const uint64_t *lhash);

/** A 32-bit signature of a key of 1+ bytes (its length, first, middle and last byte: a key of
 *  at most 3 bytes is all in it). Its top 12 bits place a word in nm__lexicon_lower_sigs.
 *  The middle byte, k[n / 2], takes one shift where the second, k[n > 1], took a compare. */
static inline uint32_t nm__lexicon_sig32(const char *k, size_t n) {
    uint32_t v = (uint32_t)(uint8_t)k[0] | (uint32_t)(uint8_t)k[n / 2] << 8 |
                 (uint32_t)(uint8_t)k[n - 1] << 16 | (uint32_t)n << 24;
    return v * 0x9E3779B1u;
}

/** The shift of a signature's top bits in nm__lexicon_lower_sigs, and its size in words (512
 *  bytes: the loaded lexicons' ~20 such first words set under 1% of its bits). */
enum { NM__LEX_LSIG_SHIFT = 20, NM__LEX_LSIG_WORDS = (1u << (32 - NM__LEX_LSIG_SHIFT)) / 64 };

/** A filter of the first words of names written lower case (al-Qaida): bit
 *  nm__lexicon_sig32(word) >> NM__LEX_LSIG_SHIFT is set for each (NM__LEX_LSIG_WORDS words,
 *  owned by lx). A word whose bit is clear opens no such name; one whose bit is set may. */
const uint64_t *nm__lexicon_lower_sigs(const nm__lexicon *lx);

/** Entries and bytes held, for reports. */
void nm__lexicon_stats(const nm__lexicon *lx, size_t *entries, size_t *bytes);

/** Parses a cue class name ("TITLE", "ORG") into its NM__CUE_* bit, or 0. */
unsigned nm__lexicon_cue_bit(const char *name, size_t len);


#endif
