/*
 * reader.c — inputs to documents (see newsmine/reader.h).
 *
 * Inputs are read with read(2), which returns what is there, so lines from a pipe or FIFO are
 * processed as they arrive; input that starts with the gzip magic is inflated on the fly
 * (any name, stdin too; concatenated members are read in turn; a cut-off stream is reported
 * as truncated). jsonl is cut into lines in chunks of up to 1 MiB
 * (CRLF and a leading BOM stripped, blank lines skipped but counted); a line longer than
 * 6 x max_doc_bytes + 1 MiB (line_bound: the worst JSON escaping, and other fields) is skipped
 * to its end and fed as an error record. A text file is one document, read whole up to
 * max_doc_bytes.
 * Directories are walked depth-first in byte order of names; a directory met again on the
 * current path (a symlink loop) is reported and skipped, and so is the output file (the options'
 * skip_dev/skip_ino) wherever it is met, with the journals SQLite keeps beside it.
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
#include <errno.h>

#include "buf.h"
#include "feed.h"
#include "newsmine/reader.h"

enum { CHUNK = 1 << 20, FIRST_READ = 64 << 10 };

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


/* A byte source: a file descriptor, inflated when it starts with the gzip magic. */
typedef struct source {
    int fd;
    nm_pipeline *p;   /* whose held documents are handed over before a read that may wait */
    int may_wait;     /* not a regular file: a read may wait for a writer */
    int gz;           /* 1 when inflating */
    int eof;          /* read(2) returned 0 */
    int stream_end;   /* the current gzip member is complete */
    z_stream zs;
    unsigned char in[64 * 1024];
    int failed;        /* inflate() failed: error is set, the next read returns it */
    const char *error; /* set on failure */
    void (*on_read)(void *user, size_t bytes); /* the options' on_read and user */
    void *user;
} source;

/* read(2) from src, retried on EINTR. The documents read so far reach the workers first when
 * the read may wait (a pipe or a terminal), so a stream is processed as it arrives. */
static ssize_t read_retry(source *src, void *buf, size_t n) {
    if (src->may_wait && nm__pipeline_flush(src->p) != NM_OK) {
        errno = ECANCELED;
        return -1;
    }
    ssize_t got;
    do
        got = read(src->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got > 0 && src->on_read)
        src->on_read(src->user, (size_t)got);
    return got;
}

/* Opens src over fd, sniffing the first bytes for gzip. 0, or -1 with src->error. */
static int source_open(source *src, int fd, nm_pipeline *p, const nm_reader_options *o) {
    memset(src, 0, sizeof *src);
    src->fd = fd;
    src->p = p;
    src->on_read = o->on_read;
    src->user = o->user;
    struct stat sb;
    src->may_wait = fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode);
    ssize_t got = read_retry(src, src->in, 2);
    if (got < 0) {
        src->error = strerror(errno);
        return -1;
    }
    if (got == 1) {
        ssize_t more = read_retry(src, src->in + 1, 1);
        got += more > 0 ? more : 0;
    }
    src->zs.next_in = src->in;
    src->zs.avail_in = (uInt)got;
    if (got == 0)
        src->eof = 1;
    if (got == 2 && src->in[0] == 0x1f && src->in[1] == 0x8b) {
        if (inflateInit2(&src->zs, 15 + 16) != Z_OK) {
            src->error = "cannot start gzip decompression";
            return -1;
        }
        src->gz = 1;
    }
    return 0;
}

/* Reads up to cap bytes: >0 bytes, 0 at the end, -1 with src->error. */
static ssize_t source_read(source *src, char *buf, size_t cap) {
    if (!src->gz) {
        if (src->zs.avail_in) { /* the sniffed bytes */
            size_t n = src->zs.avail_in < cap ? src->zs.avail_in : cap;
            memcpy(buf, src->zs.next_in, n);
            src->zs.next_in += n;
            src->zs.avail_in -= (uInt)n;
            return (ssize_t)n;
        }
        if (src->eof)
            return 0;
        ssize_t got = read_retry(src, buf, cap);
        if (got < 0)
            src->error = strerror(errno);
        return got;
    }
    if (src->failed)
        return -1;
    src->zs.next_out = (unsigned char *)buf;
    src->zs.avail_out = (uInt)(cap > (1u << 30) ? (1u << 30) : cap);
    for (;;) {
        if (src->zs.avail_in == 0 && !src->eof) {
            ssize_t got = read_retry(src, src->in, sizeof src->in);
            if (got < 0) {
                src->error = strerror(errno);
                return -1;
            }
            if (got == 0)
                src->eof = 1;
            src->zs.next_in = src->in;
            src->zs.avail_in = (uInt)got;
        }
        if (src->stream_end) {
            if (src->zs.avail_in == 0 && src->eof)
                break;
            inflateReset(&src->zs); /* another gzip member follows */
            src->stream_end = 0;
        }
        if (src->zs.avail_in == 0 && src->eof) {
            src->error = "truncated compressed input";
            return -1;
        }
        int zrc = inflate(&src->zs, Z_NO_FLUSH);
        size_t produced = cap - src->zs.avail_out;
        if (zrc == Z_STREAM_END) {
            src->stream_end = 1;
        } else if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
            src->error = src->zs.msg ? src->zs.msg : "corrupt compressed input";
            src->failed = 1;
            return produced > 0 ? (ssize_t)produced : -1; /* what came before is kept */
        }
        if (produced > 0)
            return (ssize_t)produced;
    }
    return 0;
}

static void source_close(source *src) {
    if (src->gz)
        inflateEnd(&src->zs);
    close(src->fd);
}

static int has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* 1 when s ends in suffix (lower-case ASCII) in any case: an ASCII fold, whatever the locale. */
static int has_suffix_nocase(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++) {
        char c = s[n - m + i];
        if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != suffix[i])
            return 0;
    }
    return 1;
}

/* A name whose extension says jsonl, in any case (A.JSONL, B.Json.GZ were read as text). */
static int is_jsonl_name(const char *path) {
    static const char *const ext[] = {".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz",
                                      ".ndjson.gz"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (has_suffix_nocase(path, ext[i]))
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

/*
 * The longest jsonl line that may hold a text of max bytes: a text within --max-doc-bytes must
 * not be refused for how its writer escaped it. The worst escaping is 6 bytes of line per byte
 * of text (a control character as \u0001; json.dumps' default ensure_ascii writes Cyrillic at
 * 3, \ud83d\ude00 at 3 too), plus 1 MiB for the id and other fields. The bound was 2 x max +
 * 1 MiB, which refused Cyrillic texts over 11 MiB (of the default 16) written by json.dumps.
 * Memory: a line up to this bound is held whole, once in the reader's line buffer (up to
 * 6 x 16 MiB + 1 MiB = 97 MiB at the default, 128 MiB of capacity after doubling) and once as
 * its record's input; the pipeline's in-flight byte budget (inflight_max) lets only one such
 * line in flight beyond it at a time.
 */
static size_t line_bound(size_t max) {
    return max > (SIZE_MAX - (1u << 20)) / 6 ? SIZE_MAX : 6 * max + (1u << 20);
}

static int read_jsonl(reader *r, source *src, const char *name) {
    unsigned long long line_no = 1, skipped = 0;
    int skipping = 0, rc = NM_OK;
    r->line.len = 0;
    if (nm__buf_reserve(&r->chunk, CHUNK) != NM_OK)
        return NM_ERR_NOMEM;
    /* Reads start small and double up to a chunk: a first read of a whole fresh chunk (256
     * page faults, then the copy) kept the workers waiting 0.5-1.5 ms for the first documents. */
    for (size_t want = FIRST_READ;; want = want < CHUNK ? 2 * want : CHUNK) {
        ssize_t got = source_read(src, r->chunk.ptr, want);
        if (got <= 0) {
            if (got < 0)
                report(r, name, strstr(src->error, "truncated") ? src->error : "read error",
                       strstr(src->error, "truncated") ? NULL : src->error);
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
                if (r->line.cap > CHUNK) /* a long line's copy, else kept for the whole run */
                    nm__buf_free(&r->line);
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

static int read_text(reader *r, source *src, const char *name) {
    nm__buf *b = &r->line;
    b->len = 0;
    size_t limit = r->opts->max_doc_bytes;
    for (;;) {
        if (nm__buf_reserve(b, CHUNK) != NM_OK)
            return NM_ERR_NOMEM;
        ssize_t got = source_read(src, b->ptr + b->len, CHUNK);
        if (got < 0) {
            if (strstr(src->error, "truncated")) {
                report(r, name, src->error, NULL);
                break; /* what was read is still a document */
            }
            report(r, name, "read error", src->error);
            b->len = 0;
            return NM_OK;
        }
        if (got == 0)
            break;
        b->len += (size_t)got;
        size_t bom = b->len >= 3 && memcmp(b->ptr, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* dropped */
        if (b->len - bom > limit) {
            char msg[256];
            snprintf(msg, sizeof msg, "document of more than %zu bytes exceeds --max-doc-bytes %zu",
                     limit, limit);
            b->len = 0;
            r->st->docs++;
            return nm_pipeline_push_error(r->p, name, msg);
        }
    }
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
    source *src = malloc(sizeof *src);
    if (src == NULL) {
        close(fd);
        return NM_ERR_NOMEM;
    }
    if (source_open(src, fd, r->p, r->opts) != 0) {
        report(r, name, "read error", src->error);
        close(fd);
        free(src);
        return NM_OK;
    }
    r->st->inputs++;
    int rc = jsonl ? read_jsonl(r, src, name) : read_text(r, src, name);
    source_close(src);
    free(src);
    return rc;
}

/* 1 when sb is the file the options say to skip (the output), reported as such. */
static int skipped_output(reader *r, const char *path, const struct stat *sb) {
    if (r->opts->skip_ino == 0 || (unsigned long long)sb->st_ino != r->opts->skip_ino ||
        (unsigned long long)sb->st_dev != r->opts->skip_dev)
        return 0;
    report(r, path, "is the output file: skipped", NULL);
    return 1;
}

/* 1 when path is a journal SQLite keeps beside the output (NAME-wal, NAME-shm, NAME-journal,
 * NAME the file the options say to skip), reported as such: written while the walk reads it. */
static int skipped_journal(reader *r, const char *path) {
    static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
    if (r->opts->skip_ino == 0)
        return 0;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        if (!has_suffix(path, suffixes[i]))
            continue;
        char *db = strndup(path, strlen(path) - strlen(suffixes[i]));
        struct stat sb;
        int hit = db && stat(db, &sb) == 0 &&
                  (unsigned long long)sb.st_ino == r->opts->skip_ino &&
                  (unsigned long long)sb.st_dev == r->opts->skip_dev;
        free(db);
        if (hit) {
            report(r, path, "is a journal of the output file: skipped", NULL);
            return 1;
        }
    }
    return 0;
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
        struct stat sb;
        if (fstat(fd, &sb) == 0 && skipped_output(r, path, &sb)) {
            close(fd);
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
    if (skipped_output(r, path, &sb) || skipped_journal(r, path))
        return NM_OK;
    /* FIFOs and devices only when named on the command line: met while walking a directory,
     * a FIFO would block the run forever and a device could be read forever. */
    if (!S_ISREG(sb.st_mode) && (!top || (!S_ISFIFO(sb.st_mode) && !S_ISCHR(sb.st_mode)))) {
        report(r, path, "not a regular file: skipped", NULL);
        return NM_OK;
    }
    if (!S_ISREG(sb.st_mode)) { /* opening a FIFO waits for a writer */
        int rc = nm__pipeline_flush(r->p);
        if (rc != NM_OK)
            return rc;
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
    r.line_limit = line_bound(max);
    nm_reader_options fixed = *opts;
    fixed.max_doc_bytes = max;
    r.opts = &fixed;
    int rc = NM_OK;
    nm__pipeline_hold(p, 1);
    if (n == 0)
        rc = walk(&r, "-", 1);
    for (size_t i = 0; rc == NM_OK && i < n; i++)
        rc = walk(&r, inputs[i], 1);
    int flushed = nm__pipeline_flush(p);
    nm__pipeline_hold(p, 0);
    if (rc == NM_OK)
        rc = flushed;
    nm__buf_free(&r.line);
    nm__buf_free(&r.chunk);
    return rc;
}
