/*
 * newsmine.h — the public API of libnewsmine: a streaming news text-mining pipeline.
 *
 * Documents go in (jsonl lines or text), records come out in input order with tokens,
 * sentences, named entities, money amounts with exact values and ISO currencies, and keywords.
 * All names are nm_* / NM_*. No global mutable state: several pipelines can run in one process.
 * See SPEC.md for the record shape and the headers in include/newsmine/ for each concept.
 */
#ifndef NEWSMINE_H
#define NEWSMINE_H

#define NM_VERSION "0.1.0"

#include "newsmine/annotation.h"
#include "newsmine/error.h"
#include "newsmine/options.h"
#include "newsmine/pipeline.h"
#include "newsmine/reader.h"

#endif
