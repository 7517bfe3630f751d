/*
 * ent_lexidx.c — the entity lexicon's prebuilt index, embedded at build time.
 *
 * tools/lexgen.c builds the index of nm__lexicon_files as the stage's load did at every start
 * (nm__lexicon_load) and writes it with nm__lexicon_write_image; CMake embeds that image with
 * .incbin (64-byte aligned, read-only). Here it is read in place. The generator links the
 * library's objects except this one, which names the image it is about to write.
 */
#include "ent_lexicon.h"

extern const char nm__lexidx_image[];
extern const char nm__lexidx_image_end[];

int nm__lexicon_prebuilt(nm__lexicon **out, nm_error *err) {
    return nm__lexicon_view(out, nm__lexidx_image,
                            (size_t)(nm__lexidx_image_end - nm__lexidx_image), err);
}
