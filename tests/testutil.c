/*
 * testutil.c — see testutil.h. Commands run through popen-like fork/exec with a temporary file
 * for stdin, so large inputs never deadlock on pipe buffers.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "stage.h"

char *nm_test_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf == NULL)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int nm_test_write_file(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    int ok = fwrite(data, 1, len, f) == len;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

int nm_test_run(const char *cmd, const char *stdin_data, size_t stdin_len, char **out,
                size_t *out_len) {
    char in_path[] = "/tmp/nm_test_in_XXXXXX";
    char out_path[] = "/tmp/nm_test_out_XXXXXX";
    int in_fd = mkstemp(in_path);
    int out_fd = mkstemp(out_path);
    if (in_fd < 0 || out_fd < 0)
        return -1;
    if (stdin_data && stdin_len && write(in_fd, stdin_data, stdin_len) != (ssize_t)stdin_len)
        return -1;
    close(in_fd);
    close(out_fd);
    size_t clen = strlen(cmd) + strlen(in_path) + strlen(out_path) + 32;
    char *full = malloc(clen);
    snprintf(full, clen, "(%s) <%s >%s", cmd, in_path, out_path);
    int status = system(full);
    free(full);
    size_t n = 0;
    char *o = nm_test_read_file(out_path, &n);
    unlink(in_path);
    unlink(out_path);
    if (out)
        *out = o;
    else
        free(o);
    if (out_len)
        *out_len = n;
    if (status == -1)
        return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

size_t nm_test_count_lines(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

int nm_test_stage_up(const nm__stage *s, const nm_options *o, void **shared, void **state) {
    nm_error err;
    nm_error_clear(&err);
    *shared = *state = NULL;
    if (s->load && s->load(shared, o, &err) != NM_OK)
        return -1;
    if (s->init && s->init(state, *shared, o, &err) != NM_OK)
        return -1;
    return 0;
}

void nm_test_stage_down(const nm__stage *s, void *shared, void *state) {
    if (s->destroy)
        s->destroy(state);
    if (s->unload)
        s->unload(shared);
}

int nm_test_ent_setup(void **state) {
    nm_test_ent_fixture *f = calloc(1, sizeof *f);
    nm_options opts;
    nm_options_default(&opts);
    if (f == NULL)
        return -1;
    if (nm_test_stage_up(&nm__stage_normalize, &opts, &f->norm_shared, &f->norm_state) != 0 ||
        nm_test_stage_up(&nm__stage_entities, &opts, &f->ent_shared, &f->ent_state) != 0)
        return -1;
    *state = f;
    return 0;
}

int nm_test_ent_teardown(void **state) {
    nm_test_ent_fixture *f = *state;
    nm__record_free(&f->rec);
    nm_test_stage_down(&nm__stage_normalize, f->norm_shared, f->norm_state);
    nm_test_stage_down(&nm__stage_entities, f->ent_shared, f->ent_state);
    free(f);
    return 0;
}
