/*
 * clobber.c — the output file against the inputs (see commands.h): refused when it is one of
 * them (standard input too, when it is read), skipped when a directory walk meets it, opened
 * without being emptied and emptied only once a run has started.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

/* The index in inputs[0..n) of an input that is the file out, or -1. With dash_is_stdin, an
 * input "-" is standard input (`newsmine -o a.jsonl < a.jsonl`), else a file of that name. */
static long same_file(const struct stat *out, char *const *inputs, size_t n, int dash_is_stdin) {
    struct stat in;
    for (size_t i = 0; i < n; i++) {
        int dash = dash_is_stdin && strcmp(inputs[i], "-") == 0;
        if ((dash ? fstat(STDIN_FILENO, &in) : stat(inputs[i], &in)) == 0 &&
            in.st_dev == out->st_dev && in.st_ino == out->st_ino)
            return (long)i;
    }
    return -1;
}

int nm_cli_refuse_clobber(const char *cmd, const char *output, char *const *inputs, size_t n,
                          const char *df_path) {
    struct stat out;
    if (output == NULL || stat(output, &out) != 0 || !S_ISREG(out.st_mode))
        return 0; /* a new file, a device (/dev/null) or a pipe: nothing of an input to lose */
    static char *const stdin_only[1] = {"-"}; /* no inputs: the commands read stdin */
    long same = n ? same_file(&out, inputs, n, 1) : same_file(&out, stdin_only, 1, 1);
    if (same >= 0) {
        fprintf(stderr, "%s: %s is also an input (%s): not overwritten\n", cmd, output,
                n && strcmp(inputs[same], "-") != 0 ? inputs[same] : "standard input");
        return 2;
    }
    char *model[1] = {(char *)df_path};
    if (df_path && same_file(&out, model, 1, 0) == 0) {
        fprintf(stderr, "%s: %s is also the --df model: not overwritten\n", cmd, output);
        return 2;
    }
    return 0;
}

int nm_cli_skip_output(nm_reader_options *ro, const struct stat *st) {
    if (!S_ISREG(st->st_mode))
        return 0;
    ro->skip_dev = (unsigned long long)st->st_dev;
    ro->skip_ino = (unsigned long long)st->st_ino;
    return 1;
}

FILE *nm_cli_output_open(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "wb");
    if (f == NULL) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

int nm_cli_output_empty(FILE *f) {
    struct stat st;
    int fd = fileno(f);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
        return 0;
    return ftruncate(fd, 0);
}
