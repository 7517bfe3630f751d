/*
 * dfmodel.h — document-frequency models: count, merge exactly, store compactly, look up fast.
 *
 * A df model maps a keyword key (the stemmed, lower-case, diacritic-free form of a candidate:
 * "secur guarante" for "security guarantees") to the number of documents it occurs in, plus the
 * number of documents counted. It is built with a Judy array (JudySL: sorted, so the file is the
 * same whatever order the documents came in), merged by summing counts (so shards combine into
 * exactly the file one run over all of them writes), and saved in the "NMDF" v2 format below,
 * which opens with one check of its tables, no parsing: a header, an open-addressing hash
 * table, the sorted keys' offsets and the sorted key blob, all used in place from embedded
 * bytes or the file read into memory. A lookup reads one hash slot (its key's hash tag and df
 * are in it) and the key's bytes only when the tag matches.
 *
 * Format v2 (the one written), all integers little-endian:
 *   0  "NMDF"  4  u32 version (2)  8  u64 docs  16  u32 nterms  20  u32 nslots (power of two,
 *   > nterms)  24  u64 blob_len  32  slot[nslots]: 16 bytes each, u32 tag, u32 df, u32 koff,
 *   u32 klen (klen 0: an empty slot)  then u32 off[nterms + 1]  then u8 blob[blob_len].
 * Key i (sorted bytewise, unique) is blob[off[i], off[i+1]). A key k of hash h = H(k) sits at
 * the first slot from h & (nslots - 1) on (linear probing) with tag h >> 32 and blob[koff, koff
 * + klen) == k, before the first empty slot; its df is there. H is the 64-bit hash of
 * dfmodel.c (df_hash: 8-byte little-endian words, multiplicative). The file is exactly that
 * long; the slots start 16-byte aligned (of a 16-aligned file), so none straddles a cache line.
 * Keys with the same (key, df) set give the same bytes: the slots are filled in key order.
 *
 * Format v1 (read, for `df dump` and `df merge` of older files and as --df):
 *   0  "NMDF"  4  u32 version (1)  8  u64 docs  16  u32 nterms  20  u32 nslots (power of two)
 *   24 u64 blob_len  32  u32 off[nterms + 1]  u32 df[nterms]  u32 slot[nslots]  u8 blob[blob_len]
 * slot[] holds term index + 1 (0 = empty) at FNV-1a-32(key) & (nslots - 1), linear probing: a
 * lookup read the slot, the offsets and, for a key of the same length, the key bytes, even for
 * an absent key (most phrase lookups), and the df apart. `newsmine df merge OLD.df > NEW.df`
 * converts a v1 file to v2 with the same keys and counts.
 */
#ifndef NM_DFMODEL_H
#define NM_DFMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "newsmine/error.h"
#include "record.h"

#define NM__DF_VERSION 2u    /* the version written */
#define NM__DF_VERSION_MIN 1u /* the oldest version read */

/* ---- reading ------------------------------------------------------------------------------ */

typedef struct nm__dfmodel nm__dfmodel;

/**
 * Opens a model over len bytes at p (borrowed: they must outlive the model; e.g. embedded data).
 * Checks the header, the sizes, and the tables in one pass (O(nslots): each df from 1 to the
 * document count, each key span inside the file, a free slot at most 1024 slots on from any),
 * so that a lookup reads nothing outside the file and ends soon. Returns NM_OK with *out
 * (caller frees with nm__dfmodel_close()), NM_ERR_MODEL with a message naming what is wrong,
 * or NM_ERR_NOMEM.
 */
int nm__dfmodel_from_bytes(const void *p, size_t len, const char *name, nm__dfmodel **out,
                           nm_error *err);

/**
 * Opens the model file at path, read into memory (not mmap'd: a file truncated while mapped
 * raised SIGBUS), a pipe too. As nm__dfmodel_from_bytes(); NM_ERR_IO (naming path and errno)
 * when it cannot be read.
 */
int nm__dfmodel_open(const char *path, nm__dfmodel **out, nm_error *err);

/** Frees the model (and unmaps its file). Accepts NULL. */
void nm__dfmodel_close(nm__dfmodel *m);

/** Number of documents the model counted. */
uint64_t nm__dfmodel_docs(const nm__dfmodel *m);

/** Number of distinct keys. */
uint32_t nm__dfmodel_terms(const nm__dfmodel *m);

/** Document frequency of key[0..len), 0 when absent. Thread-safe (the model is read-only). */
uint32_t nm__dfmodel_df(const nm__dfmodel *m, const char *key, size_t len);

/** Starts loading the hash slot nm__dfmodel_df(m, key, len) reads first (a cache miss in a
 *  large model; of a v2 model, the only one for an absent key), for a lookup made a little
 *  later. Accepts NULL. */
void nm__dfmodel_prefetch(const nm__dfmodel *m, const char *key, size_t len);

/**
 * The i-th key in sorted order and its df. Returns NM_OK, or NM_ERR_MODEL when the file is
 * corrupt there: the key is not above key i - 1, holds a NUL, or its lookup does not find it
 * with its df. The key is borrowed from the model's bytes.
 */
int nm__dfmodel_term(const nm__dfmodel *m, uint32_t i, nm_str *key, uint32_t *df);

/* ---- building ----------------------------------------------------------------------------- */

typedef struct nm__df_builder nm__df_builder;

/** A new empty builder (caller frees with nm__df_builder_free()), or NULL when out of memory. */
nm__df_builder *nm__df_builder_new(void);

/** Frees the builder. Accepts NULL. */
void nm__df_builder_free(nm__df_builder *b);

/**
 * Adds count to key[0..len)'s document frequency. Empty keys and keys holding a NUL byte are
 * ignored. Returns NM_OK, NM_ERR_NOMEM, or NM_ERR_INVALID when a count would pass UINT32_MAX.
 */
int nm__df_builder_add(nm__df_builder *b, const char *key, size_t len, uint32_t count);

/** Adds n to the number of documents counted. */
void nm__df_builder_add_docs(nm__df_builder *b, uint64_t n);

/** Adds every key of o with its count, and o's document count (exact merge). NM_OK or error. */
int nm__df_builder_absorb(nm__df_builder *b, const nm__df_builder *o);

/** Adds every key of m with its df, and m's document count (exact merge). */
int nm__df_builder_merge(nm__df_builder *b, const nm__dfmodel *m, nm_error *err);

/**
 * Serializes the model into out (appended), leaving out keys whose df is below min_df (1 keeps
 * all; a pruned model no longer merges exactly). Returns NM_OK or NM_ERR_NOMEM / NM_ERR_INVALID.
 */
int nm__df_builder_write(const nm__df_builder *b, uint32_t min_df, nm__buf *out, nm_error *err);

/* ---- the df keys of a document (implemented by keywords.c: same candidates as the stage) -- */

typedef struct nm__kw_extractor nm__kw_extractor;

/** A candidate extractor with its own stemmer and scratch (one per thread), or NULL on OOM. */
nm__kw_extractor *nm__kw_extractor_new(void);

/** Frees it. Accepts NULL. */
void nm__kw_extractor_free(nm__kw_extractor *x);

/**
 * Collects the distinct df keys of rec's keyword candidates (needs tokens, sentences and, when
 * present, entities). *keys gets an array of *n keys, borrowed from x until its next call.
 * Returns NM_OK or NM_ERR_NOMEM.
 */
int nm__kw_doc_keys(nm__kw_extractor *x, const nm_record *rec, const nm_str **keys, size_t *n);

#endif
