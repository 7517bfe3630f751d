/*
 * options.c — defaults of SPEC.md and the --stages list parser.
 *   "money"           -> tokenize|normalize|money
 *   "tokenize,bogus"  -> NM_ERR_INVALID, "unknown stage \"bogus\" (...)"
 */
#include <stdio.h>
#include <string.h>

#include "newsmine/options.h"

void nm_options_default(nm_options *o) {
    memset(o, 0, sizeof *o);
    o->threads = 0;
    o->queue_depth = 0;
    o->stages = NM_STAGE_ALL;
    o->top_k = 10;
    o->emit_tokens = 0;
    o->invalid_utf8 = NM_UTF8_REJECT;
    o->max_doc_bytes = (size_t)16 << 20;
    o->format = NM_OUTPUT_JSONL;
    o->text_field = "text";
    o->id_field = "id";
    o->index_name = "news";
    o->df_path = NULL;
}

int nm_stages_parse(const char *list, unsigned *stages, nm_error *err) {
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"tokenize", NM_STAGE_TOKENIZE}, {"normalize", NM_STAGE_NORMALIZE},
                 {"entities", NM_STAGE_ENTITIES}, {"money", NM_STAGE_MONEY},
                 {"keywords", NM_STAGE_KEYWORDS}, {"all", NM_STAGE_ALL}};
    unsigned bits = 0;
    const char *p = list;
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        unsigned bit = 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strlen(names[i].name) == len && memcmp(names[i].name, p, len) == 0)
                bit = names[i].bit;
        if (bit == 0 && len > 0) {
            if (err) {
                err->code = NM_ERR_INVALID;
                snprintf(err->msg, sizeof err->msg,
                         "unknown stage \"%.*s\" (known: tokenize, normalize, entities, money, "
                         "keywords, all)",
                         (int)(len > 64 ? 64 : len), p);
            }
            return NM_ERR_INVALID;
        }
        bits |= bit;
        p = comma ? comma + 1 : NULL;
    }
    if (bits == 0) { /* "" or ",": running tokenize alone was not asked for */
        if (err) {
            err->code = NM_ERR_INVALID;
            snprintf(err->msg, sizeof err->msg,
                     "the stage list names no stage (known: tokenize, normalize, entities, "
                     "money, keywords, all)");
        }
        return NM_ERR_INVALID;
    }
    bits |= NM_STAGE_TOKENIZE;
    /* Every extractor reads normalized keys. */
    if (bits & (NM_STAGE_ENTITIES | NM_STAGE_MONEY | NM_STAGE_KEYWORDS))
        bits |= NM_STAGE_NORMALIZE;
    *stages = bits;
    return NM_OK;
}
