/*
 * reader.c — inputs to documents (see newsmine/reader.h).
 *
 * Everything is read through zlib's gzread, which passes plain files through unchanged, so
 * `.gz` input, stdin and FIFOs need no special case. jsonl is cut into lines in 1 MiB chunks
 * (CRLF and a leading BOM stripped, blank lines skipped but counted); a line longer than
 * 2 x max_doc_bytes + 1 MiB (room for JSON escapes and other fields) is skipped to its end and
 * fed as an error record. A text file is one document, read whole up to max_doc_bytes.
 * Directories are walked depth-first in byte order of names; a directory met again on the
 * current path (a symlink loop) is reported and skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "newsmine/reader.h"

enum { CHUNK = 1 << 20 };

typedef struct reader {
    nm_pipeline *p;
    const nm_reader_options *opts;
    nm_reader_stats *st;
    size_t line_limit;
    nm__buf line, chunk;
    struct {
        dev_t dev;
        ino_t ino;
    } path_dirs[256]; /* directories on the current walk path */
    size_t depth;
} reader;

/* Counts and reports an unreadable input: "what: detail", or just what. */
static void report(reader *r, const char *input, const char *what, const char *detail) {
    r->st->input_errors++;
    if (r->opts->on_error) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
        r->opts->on_error(r->opts->user, input, msg);
    }
}

static int has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_jsonl_name(const char *path) {
    static const char *const ext[] = {".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz",
                                      ".ndjson.gz"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (has_suffix(path, ext[i]))
            return 1;
    return 0;
}

static int blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

static int emit_line(reader *r, const char *name, unsigned long long line_no, const char *s,
                     size_t n) {
    if (line_no == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3;
    if (n && s[n - 1] == '\r')
        n--;
    if (blank(s, n))
        return NM_OK;
    r->st->docs++;
    r->st->bytes += n;
    return nm_pipeline_push_line(r->p, name, line_no, s, n);
}

static int emit_oversize(reader *r, const char *name, unsigned long long line_no,
                         unsigned long long bytes) {
    char id[4096], msg[256];
    snprintf(id, sizeof id, "%s:%llu", name, line_no);
    snprintf(msg, sizeof msg, "line %llu of %llu bytes exceeds the line limit for --max-doc-bytes %zu",
             line_no, bytes, r->opts->max_doc_bytes);
    r->st->docs++;
    return nm_pipeline_push_error(r->p, id, msg);
}

static int read_jsonl(reader *r, gzFile gz, const char *name) {
    unsigned long long line_no = 1, skipped = 0;
    int skipping = 0, rc = NM_OK;
    r->line.len = 0;
    if (nm__buf_reserve(&r->chunk, CHUNK) != NM_OK)
        return NM_ERR_NOMEM;
    for (;;) {
        int got = gzread(gz, r->chunk.ptr, CHUNK);
        if (got <= 0) {
            int zerr = Z_OK;
            const char *msg = gzerror(gz, &zerr);
            if (zerr == Z_BUF_ERROR)
                report(r, name, "truncated compressed input", NULL);
            else if (got < 0 || (zerr != Z_OK && zerr != Z_STREAM_END))
                report(r, name, "read error", zerr == Z_ERRNO ? strerror(errno) : msg);
            break;
        }
        const char *s = r->chunk.ptr, *end = s + got;
        while (s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
            if (skipping) {
                skipped += n;
            } else if (r->line.len + n > r->line_limit) {
                skipping = 1;
                skipped = r->line.len + n;
                r->line.len = 0;
            } else if (nl && r->line.len == 0) {
                /* The common case: the whole line is inside the chunk. */
                if ((rc = emit_line(r, name, line_no, s, n)) != NM_OK)
                    return rc;
            } else if (nm__buf_append(&r->line, s, n) != NM_OK) {
                return NM_ERR_NOMEM;
            }
            if (!nl)
                break;
            if (skipping) {
                if ((rc = emit_oversize(r, name, line_no, skipped)) != NM_OK)
                    return rc;
                skipping = 0;
            } else if (r->line.len) {
                if ((rc = emit_line(r, name, line_no, r->line.ptr, r->line.len)) != NM_OK)
                    return rc;
                r->line.len = 0;
            }
            line_no++;
            s = nl + 1;
        }
    }
    /* A last line without a newline still counts. */
    if (skipping)
        rc = emit_oversize(r, name, line_no, skipped);
    else if (r->line.len)
        rc = emit_line(r, name, line_no, r->line.ptr, r->line.len);
    r->line.len = 0;
    return rc;
}

static int read_text(reader *r, gzFile gz, const char *name) {
    nm__buf *b = &r->line;
    b->len = 0;
    size_t limit = r->opts->max_doc_bytes;
    for (;;) {
        if (nm__buf_reserve(b, CHUNK) != NM_OK)
            return NM_ERR_NOMEM;
        int got = gzread(gz, b->ptr + b->len, CHUNK);
        if (got < 0) {
            int zerr;
            const char *msg = gzerror(gz, &zerr);
            report(r, name, "read error", zerr == Z_ERRNO ? strerror(errno) : msg);
            b->len = 0;
            return NM_OK;
        }
        if (got == 0)
            break;
        b->len += (size_t)got;
        if (b->len > limit) {
            char msg[256];
            snprintf(msg, sizeof msg, "document of more than %zu bytes exceeds --max-doc-bytes %zu",
                     limit, limit);
            b->len = 0;
            r->st->docs++;
            return nm_pipeline_push_error(r->p, name, msg);
        }
    }
    int zerr = Z_OK;
    gzerror(gz, &zerr);
    if (zerr == Z_BUF_ERROR)
        report(r, name, "truncated compressed input", NULL);
    const char *s = b->ptr;
    size_t n = b->len;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3;
    r->st->docs++;
    r->st->bytes += n;
    int rc = nm_pipeline_push_text(r->p, name, s, n);
    b->len = 0;
    return rc;
}

static int read_fd(reader *r, int fd, const char *name, int jsonl) {
    gzFile gz = gzdopen(fd, "rb");
    if (gz == NULL) {
        close(fd);
        return NM_ERR_NOMEM;
    }
    gzbuffer(gz, 256 * 1024);
    r->st->inputs++;
    int rc = jsonl ? read_jsonl(r, gz, name) : read_text(r, gz, name);
    gzclose(gz);
    return rc;
}

static int walk(reader *r, const char *path, int top);

static int walk_dir(reader *r, const char *path, const struct stat *sb) {
    for (size_t i = 0; i < r->depth; i++)
        if (r->path_dirs[i].dev == sb->st_dev && r->path_dirs[i].ino == sb->st_ino) {
            report(r, path, "directory loop (symbolic link to an ancestor): skipped", NULL);
            return NM_OK;
        }
    if (r->depth == sizeof r->path_dirs / sizeof r->path_dirs[0]) {
        report(r, path, "directories nested too deeply: skipped", NULL);
        return NM_OK;
    }
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        report(r, path, "cannot read directory", strerror(errno));
        return NM_OK;
    }
    r->path_dirs[r->depth].dev = sb->st_dev;
    r->path_dirs[r->depth].ino = sb->st_ino;
    r->depth++;
    int rc = NM_OK;
    for (int i = 0; i < n; i++) {
        const char *e = names[i]->d_name;
        if (rc == NM_OK && strcmp(e, ".") != 0 && strcmp(e, "..") != 0) {
            size_t len = strlen(path) + strlen(e) + 2;
            char *child = malloc(len);
            if (child == NULL) {
                rc = NM_ERR_NOMEM;
            } else {
                snprintf(child, len, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", e);
                rc = walk(r, child, 0);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    r->depth--;
    return rc;
}

static int walk(reader *r, const char *path, int top) {
    int jsonl_by_format = r->opts->format == NM_INPUT_JSONL;
    if (strcmp(path, "-") == 0 && top) {
        int jsonl = r->opts->format == NM_INPUT_TEXT ? 0 : 1;
        int fd = dup(STDIN_FILENO);
        if (fd < 0) {
            report(r, path, "cannot read stdin", strerror(errno));
            return NM_OK;
        }
        return read_fd(r, fd, "-", jsonl);
    }
    struct stat sb;
    if (stat(path, &sb) != 0) {
        report(r, path, "cannot open", strerror(errno));
        return NM_OK;
    }
    if (S_ISDIR(sb.st_mode))
        return walk_dir(r, path, &sb);
    if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode) && !S_ISCHR(sb.st_mode)) {
        report(r, path, "not a regular file: skipped", NULL);
        return NM_OK;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        report(r, path, "cannot open", strerror(errno));
        return NM_OK;
    }
    int jsonl = r->opts->format == NM_INPUT_AUTO ? is_jsonl_name(path) : jsonl_by_format;
    return read_fd(r, fd, path, jsonl);
}

int nm_reader_feed(nm_pipeline *p, const char *const *inputs, size_t n,
                   const nm_reader_options *opts, nm_reader_stats *st) {
    nm_reader_stats local;
    nm_reader_options defaults = {0};
    if (st == NULL)
        st = &local;
    memset(st, 0, sizeof *st);
    if (opts == NULL)
        opts = &defaults;
    reader r = {.p = p, .opts = opts, .st = st};
    size_t max = opts->max_doc_bytes ? opts->max_doc_bytes : (size_t)16 << 20;
    r.line_limit = max > (SIZE_MAX - (1u << 20)) / 2 ? SIZE_MAX : 2 * max + (1u << 20);
    nm_reader_options fixed = *opts;
    fixed.max_doc_bytes = max;
    r.opts = &fixed;
    int rc = NM_OK;
    if (n == 0)
        rc = walk(&r, "-", 1);
    for (size_t i = 0; rc == NM_OK && i < n; i++)
        rc = walk(&r, inputs[i], 1);
    nm__buf_free(&r.line);
    nm__buf_free(&r.chunk);
    return rc;
}
