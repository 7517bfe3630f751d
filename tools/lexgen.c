/*
 * lexgen.c — the build-time generator of the entity lexicon's index (see ent_lexidx.c).
 *
 * Usage: lexgen OUT. Loads nm__lexicon_files from the embedded corpora/lexicons exactly as the
 * entities stage did at run time (nm__lexicon_load), and writes the finished index to OUT
 * (nm__lexicon_write_image), which CMake then embeds in the library. Exit status 0, or 1 with a
 * message on stderr.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ent_lexicon.h"

int main(int argc, char **argv) {
    nm__lexicon *lx = NULL;
    nm__buf img = {NULL, 0, 0};
    nm_error err = {0};
    FILE *f = NULL;
    int ok = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: lexgen OUT\n");
        goto done;
    }
    if (nm__lexicon_load(&lx, nm__lexicon_files, &err) != NM_OK) {
        fprintf(stderr, "lexgen: %s\n", err.msg);
        goto done;
    }
    if (nm__lexicon_write_image(lx, &img) != NM_OK) {
        fprintf(stderr, "lexgen: out of memory\n");
        goto done;
    }
    if ((f = fopen(argv[1], "wb")) == NULL || fwrite(img.ptr, 1, img.len, f) != img.len) {
        perror(argv[1]);
        goto done;
    }
    ok = 1;
done:
    if (f != NULL && fclose(f) != 0 && ok) {
        perror(argv[1]);
        ok = 0;
    }
    if (!ok && argc == 2)
        remove(argv[1]); /* no half-written index for make to take as up to date */
    nm__buf_free(&img);
    nm__lexicon_free(lx);
    return ok ? 0 : 1;
}
