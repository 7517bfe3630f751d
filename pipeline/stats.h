/*
 * stats.h — corpus aggregates that merge exactly: entity and keyword document counts, money
 * totals per currency. `newsmine stats` builds one per shard, `newsmine stats merge` adds them;
 * because every count is a sum and the file is printed in one total order, merge(A, B) is
 * byte-identical to the stats of A ∪ B whatever the order of the inputs:
 *   entity  GPE  3708  8934  United States        money  USD  10033  31932  2288436106.5
 * The file format is described at NM__STATS_MAGIC below and in docs/indexing.md.
 */
#ifndef NM_STATS_H
#define NM_STATS_H

#include <stdio.h>

#include "buf.h"
#include "record.h"

/*
 * File format, version 1 (UTF-8 text, one tab-separated line each, fields escaped as in the tsv
 * output: \t \n \r \\):
 *   newsmine-stats  1
 *   total    docs|errors|bytes|tokens  N
 *   entity   TYPE  DOCS  MENTIONS  NORM          by TYPE, then DOCS desc, MENTIONS desc, NORM
 *   money    CUR   DOCS  MENTIONS  TOTAL         by CUR; TOTAL exact decimal sum of amounts
 *   keyword  DOCS  TERM                          by DOCS desc, then TERM
 * CUR is the ISO 4217 code, XXX ("no currency") for an unresolved one. Ranges count as mentions
 * but add nothing to TOTAL. Strings compare as bytes. Every line is additive, so merging also
 * reads files concatenated or shuffled line by line (a Hadoop reducer's sorted input): header
 * lines may recur anywhere, at least one must be there, and each must say version 1.
 */
#define NM__STATS_MAGIC "newsmine-stats\t1"

typedef struct nm__stats nm__stats;

/** An empty aggregate (caller frees with nm__stats_destroy()), or NULL when out of memory. */
nm__stats *nm__stats_create(void);
/** Frees everything. Accepts NULL. */
void nm__stats_destroy(nm__stats *st);

/** Counts one output record (an error record counts in docs and errors only). NM_OK,
 *  NM_ERR_NOMEM, or NM_ERR_INVALID when a money total would overflow (msg in err). */
int nm__stats_add_record(nm__stats *st, const nm_record *rec, nm_error *err);

/** Adds a stats file's contents (len bytes; one file, several concatenated, or their lines in
 *  any order) to st. NM_OK, NM_ERR_NOMEM, NM_ERR_INVALID on overflow, or NM_ERR_MODEL with the
 *  line number in err when the text is not version-1 stats. Blank lines are ignored. */
int nm__stats_merge_text(nm__stats *st, const char *data, size_t len, nm_error *err);

/** Writes st in the file format above. NM_OK or NM_ERR_IO / NM_ERR_NOMEM. */
int nm__stats_write(const nm__stats *st, FILE *out);

/** Appends s escaped for a tsv field (\t \n \r \\; NUL becomes U+FFFD). Shared with render_tsv.c,
 *  where it is implemented. NM_OK or NM_ERR_NOMEM. */
int nm__tsv_put_field(nm__buf *b, const char *s, size_t len);

#endif
