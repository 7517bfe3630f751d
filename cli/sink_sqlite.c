/*
 * sink_sqlite.c — `newsmine -F sqlite -o corpus.db`: records into an SQLite database.
 *
 *   documents(doc INTEGER PRIMARY KEY, id UNIQUE, text, title, date, url, source, error, bytes,
 *             tokens, sentences)   entities(doc, type, start, end, text, norm)
 *   money(doc, start, end, text, amount, amount_real, min, min_real, max, max_real, currency,
 *         qualifier)   keywords(doc, rank, term, score)   documents_fts: FTS5 over the text
 *   tokens(doc, start, end, type, norm): created only by a run with --tokens
 * Tables are created IF NOT EXISTS, so a second run appends; an id already in the database is
 * replaced with its annotations (last write wins), so re-running a corpus updates it. Writes go
 * in transactions of 10 000 records; the lookup indexes (norm, type, currency, term) are built
 * at close, when bulk building is cheapest. Used by the consumer thread only, in input order.
 * Schema and example queries: docs/indexing.md.
 */
#include "sinks.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "tokenize.h"

#define BATCH_RECORDS 10000

enum {
    Q_FIND,
    Q_DEL_ENT,
    Q_DEL_MONEY,
    Q_DEL_KW,
    Q_DEL_FTS,
    Q_DEL_DOC,
    Q_DOC,
    Q_FTS,
    Q_ENT,
    Q_MONEY,
    Q_KW,
    Q_DEL_TOK, /* these two only when the database has a tokens table */
    Q_TOK,
    Q_COUNT
};

static const char *const QUERIES[Q_COUNT] = {
    [Q_FIND] = "SELECT doc, text FROM documents WHERE id = ?1",
    [Q_DEL_ENT] = "DELETE FROM entities WHERE doc = ?1",
    [Q_DEL_MONEY] = "DELETE FROM money WHERE doc = ?1",
    [Q_DEL_KW] = "DELETE FROM keywords WHERE doc = ?1",
    [Q_DEL_FTS] = "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES('delete', ?1, ?2)",
    [Q_DEL_DOC] = "DELETE FROM documents WHERE doc = ?1",
    [Q_DOC] = "INSERT INTO documents(id, text, title, date, url, source, error, bytes, tokens, "
              "sentences) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_FTS] = "INSERT INTO documents_fts(rowid, text) VALUES(?1, ?2)",
    [Q_ENT] = "INSERT INTO entities(doc, type, start, \"end\", text, norm) "
              "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_MONEY] = "INSERT INTO money(doc, start, \"end\", text, amount, amount_real, min, min_real, "
                "max, max_real, currency, qualifier) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_KW] = "INSERT INTO keywords(doc, rank, term, score) VALUES(?1, ?2, ?3, ?4)",
    [Q_DEL_TOK] = "DELETE FROM tokens WHERE doc = ?1",
    [Q_TOK] = "INSERT INTO tokens(doc, start, \"end\", type, norm) VALUES(?1, ?2, ?3, ?4, ?5)",
};

static const char SCHEMA[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "CREATE TABLE IF NOT EXISTS documents(doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " text TEXT, title TEXT, date TEXT, url TEXT, source TEXT, error TEXT,"
    " bytes INTEGER, tokens INTEGER, sentences INTEGER);"
    "CREATE TABLE IF NOT EXISTS entities(doc INTEGER NOT NULL, type TEXT NOT NULL,"
    " start INTEGER, \"end\" INTEGER, text TEXT, norm TEXT);"
    "CREATE TABLE IF NOT EXISTS money(doc INTEGER NOT NULL, start INTEGER, \"end\" INTEGER,"
    " text TEXT, amount TEXT, amount_real REAL, min TEXT, min_real REAL, max TEXT, max_real REAL,"
    " currency TEXT, qualifier TEXT);"
    "CREATE TABLE IF NOT EXISTS keywords(doc INTEGER NOT NULL, rank INTEGER, term TEXT,"
    " score REAL);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(text, content='documents',"
    " content_rowid='doc');"
    "CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc);"
    "CREATE INDEX IF NOT EXISTS money_doc ON money(doc);"
    "CREATE INDEX IF NOT EXISTS keywords_doc ON keywords(doc);";

/* --tokens: a row per token, one more table (none without --tokens: it is the largest). */
static const char TOKEN_SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS tokens(doc INTEGER NOT NULL, start INTEGER, \"end\" INTEGER,"
    " type TEXT NOT NULL, norm TEXT);"
    "CREATE INDEX IF NOT EXISTS tokens_doc ON tokens(doc);";

static const char INDEXES[] =
    "CREATE INDEX IF NOT EXISTS entities_norm ON entities(norm, type);"
    "CREATE INDEX IF NOT EXISTS entities_type ON entities(type, norm);"
    "CREATE INDEX IF NOT EXISTS money_currency ON money(currency, amount_real);"
    "CREATE INDEX IF NOT EXISTS keywords_term ON keywords(term);"
    "PRAGMA optimize;";

struct nm_cli_sqlite {
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT];
    unsigned long in_batch;
};

static int sql_fail(sqlite3 *db, const char *what, char *errbuf, size_t errlen) {
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "sqlite: %s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
    return -1;
}

static void finalize_all(nm_cli_sqlite *s) {
    for (int i = 0; i < Q_COUNT; i++) {
        sqlite3_finalize(s->q[i]);
        s->q[i] = NULL;
    }
}

/* 1 when the database has a tokens table (written by this run or an earlier --tokens run, whose
 * rows a replaced document must lose too), 0 when not, -1 on error. */
static int has_tokens_table(sqlite3 *db) {
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                               "'tokens'", -1, &q, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

nm_cli_sqlite *nm_cli_sqlite_open(const char *path, int tokens, char *errbuf, size_t errlen) {
    nm_cli_sqlite *s = calloc(1, sizeof *s);
    if (s == NULL) {
        sql_fail(NULL, path, errbuf, errlen);
        return NULL;
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        sql_fail(s->db, path, errbuf, errlen);
        goto out;
    }
    if (sqlite3_exec(s->db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(s->db, "creating the schema", errbuf, errlen);
        goto out;
    }
    if (tokens && sqlite3_exec(s->db, TOKEN_SCHEMA, NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(s->db, "creating the tokens table", errbuf, errlen);
        goto out;
    }
    int n_tok = has_tokens_table(s->db);
    if (n_tok < 0) {
        sql_fail(s->db, "reading the schema", errbuf, errlen);
        goto out;
    }
    for (int i = 0; i < Q_COUNT; i++) {
        if ((i == Q_DEL_TOK && !n_tok) || (i == Q_TOK && !tokens))
            continue;
        if (sqlite3_prepare_v3(s->db, QUERIES[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) !=
            SQLITE_OK) {
            sql_fail(s->db, QUERIES[i], errbuf, errlen);
            goto out;
        }
    }
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(s->db, "BEGIN", errbuf, errlen);
        goto out;
    }
    return s;
out:
    finalize_all(s);
    sqlite3_close(s->db);
    free(s);
    return NULL;
}

/* Binds a borrowed string, or NULL when empty (and null_if_empty). */
static int bind_str(sqlite3_stmt *q, int i, nm_str s, int null_if_empty) {
    if (s.len == 0 && (null_if_empty || s.ptr == NULL))
        return null_if_empty ? sqlite3_bind_null(q, i)
                             : sqlite3_bind_text(q, i, "", 0, SQLITE_STATIC);
    return sqlite3_bind_text64(q, i, s.ptr, s.len, SQLITE_STATIC, SQLITE_UTF8);
}

/* Runs a bound statement that returns no row, then resets it. */
static int step_done(sqlite3_stmt *q) {
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static nm_str span(const nm_record *rec, uint32_t start, uint32_t end) {
    if (start <= end && end <= rec->text.len)
        return (nm_str){rec->text.ptr + start, end - start};
    return (nm_str){NULL, 0};
}

/* A meta field: the decoded string, else its JSON text (a number, an object), else NULL. */
static nm_str meta(const nm_record *rec, int i) {
    return rec->meta[i].len ? rec->meta[i] : rec->meta_raw[i];
}

/* Binds an exact decimal as TEXT at i and as REAL at i + 1 (both NULL when absent). */
static int bind_decimal(sqlite3_stmt *q, int i, int present, nm_decimal v, int neg) {
    char buf[512];
    int n = present ? nm_decimal_format(v, neg, buf, sizeof buf) : -1;
    if (n < 0)
        return sqlite3_bind_null(q, i) | sqlite3_bind_null(q, i + 1);
    return sqlite3_bind_text(q, i, buf, n, SQLITE_TRANSIENT) |
           sqlite3_bind_double(q, i + 1, strtod(buf, NULL));
}

/* Deletes the document with rec's id and everything hanging off it, if there is one. */
static int delete_existing(nm_cli_sqlite *s, const nm_record *rec) {
    sqlite3_stmt *q = s->q[Q_FIND];
    bind_str(q, 1, rec->id, 0);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(q);
        return 0;
    }
    if (rc != SQLITE_ROW) {
        sqlite3_reset(q);
        return -1;
    }
    sqlite3_int64 doc = sqlite3_column_int64(q, 0);
    int has_text = sqlite3_column_type(q, 1) != SQLITE_NULL;
    /* The FTS 'delete' needs the old text: bind it before the FIND statement is reset. */
    sqlite3_stmt *f = s->q[Q_DEL_FTS];
    sqlite3_bind_int64(f, 1, doc);
    sqlite3_bind_text(f, 2, (const char *)sqlite3_column_text(q, 1), sqlite3_column_bytes(q, 1),
                      SQLITE_TRANSIENT);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (has_text ? step_done(f) : (sqlite3_reset(f), sqlite3_clear_bindings(f), 0))
        return -1;
    static const int dels[] = {Q_DEL_ENT, Q_DEL_MONEY, Q_DEL_KW, Q_DEL_TOK, Q_DEL_DOC};
    for (size_t i = 0; i < sizeof dels / sizeof dels[0]; i++) {
        if (s->q[dels[i]] == NULL) /* no tokens table */
            continue;
        sqlite3_bind_int64(s->q[dels[i]], 1, doc);
        if (step_done(s->q[dels[i]]))
            return -1;
    }
    return 0;
}

static int write_annotations(nm_cli_sqlite *s, const nm_record *rec, sqlite3_int64 doc) {
    sqlite3_stmt *q = s->q[Q_ENT];
    for (size_t i = 0; i < rec->entities.n; i++) {
        const nm_entity *e = &rec->entities.v[i];
        const char *type = nm_entity_type_name(e->type);
        sqlite3_bind_int64(q, 1, doc);
        sqlite3_bind_text(q, 2, type ? type : "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, e->start);
        sqlite3_bind_int64(q, 4, e->end);
        bind_str(q, 5, span(rec, e->start, e->end), 1);
        bind_str(q, 6, e->norm, 0);
        if (step_done(q))
            return -1;
    }
    q = s->q[Q_MONEY];
    for (size_t i = 0; i < rec->money.n; i++) {
        const nm_money *m = &rec->money.v[i];
        int neg = (m->fields & NM_MONEY_NEGATIVE) != 0;
        sqlite3_bind_int64(q, 1, doc);
        sqlite3_bind_int64(q, 2, m->start);
        sqlite3_bind_int64(q, 3, m->end);
        bind_str(q, 4, span(rec, m->start, m->end), 1);
        bind_decimal(q, 5, (m->fields & NM_MONEY_AMOUNT) != 0, m->amount, neg);
        bind_decimal(q, 7, (m->fields & NM_MONEY_MIN) != 0, m->min, neg);
        bind_decimal(q, 9, (m->fields & NM_MONEY_MAX) != 0, m->max, neg);
        bind_str(q, 11, (nm_str){m->currency, strnlen(m->currency, sizeof m->currency)}, 1);
        bind_str(q, 12, m->qualifier, 1);
        if (step_done(q))
            return -1;
    }
    q = s->q[Q_KW];
    for (size_t i = 0; i < rec->keywords.n; i++) {
        const nm_keyword *k = &rec->keywords.v[i];
        sqlite3_bind_int64(q, 1, doc);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i + 1);
        bind_str(q, 3, k->term, 0);
        sqlite3_bind_double(q, 4, k->score);
        if (step_done(q))
            return -1;
    }
    q = s->q[Q_TOK]; /* NULL without --tokens */
    for (size_t i = 0; q && i < rec->tokens.n; i++) {
        const nm_token *t = &rec->tokens.v[i];
        sqlite3_bind_int64(q, 1, doc);
        sqlite3_bind_int64(q, 2, t->start);
        sqlite3_bind_int64(q, 3, t->end);
        sqlite3_bind_text(q, 4, nm__token_type_name(t->type), -1, SQLITE_STATIC);
        bind_str(q, 5, t->norm.ptr ? t->norm : span(rec, t->start, t->end), 0);
        if (step_done(q))
            return -1;
    }
    return 0;
}

int nm_cli_sqlite_write(nm_cli_sqlite *s, const nm_record *rec, char *errbuf, size_t errlen) {
    if (delete_existing(s, rec))
        return sql_fail(s->db, "replacing a document", errbuf, errlen);
    int is_error = rec->error.len > 0;
    /* A rejected document's text may be the invalid bytes that got it rejected: not stored. */
    nm_str text = is_error ? (nm_str){NULL, 0} : rec->text;
    sqlite3_stmt *q = s->q[Q_DOC];
    bind_str(q, 1, rec->id, 0);
    if (is_error)
        sqlite3_bind_null(q, 2);
    else
        bind_str(q, 2, text, 0);
    for (int i = 0; i < NM__META_COUNT; i++)
        bind_str(q, 3 + i, meta(rec, i), 1);
    bind_str(q, 7, rec->error, 1);
    if (is_error) {
        sqlite3_bind_null(q, 8);
        sqlite3_bind_null(q, 9);
        sqlite3_bind_null(q, 10);
    } else {
        sqlite3_bind_int64(q, 8, (sqlite3_int64)rec->text.len);
        sqlite3_bind_int64(q, 9, (sqlite3_int64)rec->tokens.n);
        sqlite3_bind_int64(q, 10, (sqlite3_int64)rec->sentences.n);
    }
    if (step_done(q))
        return sql_fail(s->db, "inserting a document", errbuf, errlen);
    sqlite3_int64 doc = sqlite3_last_insert_rowid(s->db);
    if (!is_error) {
        sqlite3_stmt *f = s->q[Q_FTS];
        sqlite3_bind_int64(f, 1, doc);
        bind_str(f, 2, text, 0);
        if (step_done(f) || write_annotations(s, rec, doc))
            return sql_fail(s->db, "inserting annotations", errbuf, errlen);
    }
    if (++s->in_batch >= BATCH_RECORDS) {
        s->in_batch = 0;
        if (sqlite3_exec(s->db, "COMMIT; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
            return sql_fail(s->db, "COMMIT", errbuf, errlen);
    }
    return 0;
}

int nm_cli_sqlite_close(nm_cli_sqlite *s, char *errbuf, size_t errlen) {
    if (s == NULL)
        return 0;
    int rc = 0;
    finalize_all(s);
    if (sqlite3_exec(s->db, INDEXES, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = sql_fail(s->db, "COMMIT", errbuf, errlen);
    if (sqlite3_close(s->db) != SQLITE_OK && rc == 0)
        rc = sql_fail(s->db, "close", errbuf, errlen);
    free(s);
    return rc;
}
