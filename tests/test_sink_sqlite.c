/*
 * test_sink_sqlite.c — the SQLite sink on hand-built records: rows and exact values in every
 * table, FTS5 search, the documented example query, error records, appending a second run and
 * replacing a document whose id is already there.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The sink lives in the CLI, which tests do not link: compile it in. */
#include "../cli/sink_sqlite.c"

static nm_str S(const char *s) {
    return (nm_str){s, strlen(s)};
}

static void make_doc(nm_record *r, const char *id, const char *text) {
    memset(r, 0, sizeof *r);
    r->id = S(id);
    r->id_is_string = 1;
    r->text = S(text);
}

static void add_entity(nm_record *r, uint32_t start, uint32_t end, int type, const char *norm) {
    nm_entity *e = NM__VEC_PUSH(r->entities);
    assert_non_null(e);
    *e = (nm_entity){start, end, (uint16_t)type, S(norm)};
}

static nm_money *add_money(nm_record *r, uint32_t start, uint32_t end, const char *cur) {
    nm_money *m = NM__VEC_PUSH(r->money);
    assert_non_null(m);
    m->start = start;
    m->end = end;
    snprintf(m->currency, sizeof m->currency, "%s", cur);
    return m;
}

/* Runs sql returning one row of one column, as text ("NULL" for NULL) into a static-size buf. */
static void query1(sqlite3 *db, const char *sql, char *buf, size_t cap) {
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(q, 0);
    snprintf(buf, cap, "%s", t ? (const char *)t : "NULL");
    sqlite3_finalize(q);
}

static void expect(sqlite3 *db, const char *sql, const char *want) {
    char buf[512];
    query1(db, sql, buf, sizeof buf);
    if (strcmp(buf, want) != 0)
        fail_msg("%s\n  got  %s\n  want %s", sql, buf, want);
}

static char db_path[64];

static int setup(void **state) {
    (void)state;
    snprintf(db_path, sizeof db_path, "/tmp/nm_test_sqlite_%ld.db", (long)getpid());
    unlink(db_path);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char p[80];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
    return 0;
}

static void write_run(nm_record *recs, size_t n) {
    char err[256] = "";
    nm_cli_sqlite *s = nm_cli_sqlite_open(db_path, 0, err, sizeof err);
    if (s == NULL)
        fail_msg("open: %s", err);
    for (size_t i = 0; i < n; i++)
        if (nm_cli_sqlite_write(s, &recs[i], err, sizeof err) != 0)
            fail_msg("write: %s", err);
    assert_int_equal(nm_cli_sqlite_close(s, err, sizeof err), 0);
}

static void test_tables_and_queries(void **state) {
    (void)state;
    nm_record r[3];
    make_doc(&r[0], "brussels-1", "The EU pledged €1.5 billion to Kyiv, about $2m more.");
    r[0].meta[NM__META_TITLE] = S("EU aid");
    r[0].meta_raw[NM__META_SOURCE] = S("42");
    add_entity(&r[0], 4, 6, NM_ENT_ORG, "European Union");
    add_entity(&r[0], 33, 37, NM_ENT_GPE, "Kyiv");
    nm_money *m = add_money(&r[0], 15, 29, "EUR");
    m->fields = NM_MONEY_AMOUNT;
    m->amount = (nm_decimal){15, 8};
    m = add_money(&r[0], 45, 48, "USD");
    m->fields = NM_MONEY_AMOUNT;
    m->amount = (nm_decimal){2, 6};
    m->qualifier = S("about");
    nm_keyword *k = NM__VEC_PUSH(r[0].keywords);
    assert_non_null(k);
    *k = (nm_keyword){S("kyiv"), 0.75};
    r[0].tokens.n = 0;

    make_doc(&r[1], "brussels-2",
             "The European Union spent €3 million, between 1 and 2 euros each.");
    add_entity(&r[1], 4, 18, NM_ENT_ORG, "European Union");
    m = add_money(&r[1], 25, 37, "EUR");
    m->fields = NM_MONEY_AMOUNT;
    m->amount = (nm_decimal){3, 6};
    m = add_money(&r[1], 47, 60, "EUR");
    m->fields = NM_MONEY_MIN | NM_MONEY_MAX;
    m->min = (nm_decimal){1, 0};
    m->max = (nm_decimal){2, 0};

    make_doc(&r[2], "bad", "");
    r[2].error = S("invalid UTF-8 at byte 7");
    write_run(r, 3);

    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    expect(db, "SELECT count(*) FROM documents", "3");
    expect(db, "SELECT count(*) FROM entities", "3");
    expect(db, "SELECT count(*) FROM money", "4");
    expect(db, "SELECT count(*) FROM keywords", "1");
    expect(db,
           "SELECT title || '|' || source || '|' || ifnull(url, 'NULL') || '|' || bytes "
           "FROM documents WHERE id = 'brussels-1'",
           "EU aid|42|NULL|54");
    expect(db, "SELECT error || '|' || ifnull(text, 'NULL') FROM documents WHERE id = 'bad'",
           "invalid UTF-8 at byte 7|NULL");
    expect(db,
           "SELECT group_concat(type || ':' || text || ':' || norm || ':' || start || '-' "
           "|| \"end\", ',') FROM entities",
           "ORG:EU:European Union:4-6,GPE:Kyiv:Kyiv:33-37,"
           "ORG:European Union:European Union:4-18");
    expect(db,
           "SELECT amount || '|' || amount_real || '|' || text || '|' || qualifier FROM money "
           "WHERE currency = 'USD'",
           "2000000|2000000.0|$2m|about");
    expect(db,
           "SELECT ifnull(amount, 'NULL') || '|' || min || '|' || max_real FROM money "
           "WHERE min IS NOT NULL",
           "NULL|1|2.0");
    expect(db, "SELECT amount FROM money WHERE text = '€1.5 billion'", "1500000000");
    expect(db, "SELECT term || '|' || rank || '|' || score FROM keywords", "kyiv|1|0.75");
    /* FTS5 over the text. */
    expect(db,
           "SELECT group_concat(d.id) FROM documents_fts f JOIN documents d ON d.doc = f.rowid "
           "WHERE documents_fts MATCH 'kyiv'",
           "brussels-1");
    /* docs/indexing.md's example: naming the European Union with an amount over €1 billion. */
    expect(db,
           "SELECT group_concat(d.id) FROM documents d "
           "WHERE d.doc IN (SELECT doc FROM entities WHERE norm = 'European Union') "
           "AND d.doc IN (SELECT doc FROM money WHERE currency = 'EUR' "
           "AND amount_real > 1e9)",
           "brussels-1");
    expect(db,
           "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
           "('entities_norm', 'entities_type', 'money_currency', 'keywords_term')",
           "4");
    sqlite3_close(db);

    /* A second run appends; a repeated id replaces the document and its annotations. */
    nm_record again[2];
    make_doc(&again[0], "brussels-1", "Kyiv got nothing from the EU in the end.");
    add_entity(&again[0], 0, 4, NM_ENT_GPE, "Kyiv");
    make_doc(&again[1], "new-doc", "Nothing to see.");
    write_run(again, 2);
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    expect(db, "SELECT count(*) FROM documents", "4");
    expect(db, "SELECT count(*) FROM documents WHERE id = 'brussels-1'", "1");
    expect(db, "SELECT count(*) FROM entities", "2");
    expect(db, "SELECT count(*) FROM money", "2");
    expect(db, "SELECT count(*) FROM keywords", "0");
    expect(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'pledged'", "0");
    expect(db,
           "SELECT group_concat(d.id) FROM documents_fts f JOIN documents d ON d.doc = f.rowid "
           "WHERE documents_fts MATCH 'nothing' ORDER BY d.id",
           "brussels-1,new-doc");
    expect(db, "PRAGMA integrity_check", "ok");
    expect(db, "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check') RETURNING 'ok'",
           "ok");
    sqlite3_close(db);
    for (int i = 0; i < 3; i++)
        nm__record_free(&r[i]);
    for (int i = 0; i < 2; i++)
        nm__record_free(&again[i]);
}

/* The CLI end to end: -F sqlite -o DB from stdin, exit 3 for the one rejected line, a rerun
 * of the same input replaces rather than duplicates. */
static void test_cli(void **state) {
    (void)state;
    const char input[] = "{\"id\":\"a\",\"title\":\"T\",\"text\":\"The European Union met in "
                         "Paris and pledged €2 billion.\"}\n"
                         "{\"id\":2,\"text\":\"Kyiv got $5 million from Washington.\"}\n"
                         "not json\n";
    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s -F sqlite -o %s -j2", NM_CLI, db_path);
    for (int run = 0; run < 2; run++) {
        char *out = NULL;
        size_t out_len = 0;
        assert_int_equal(nm_test_run(cmd, input, sizeof input - 1, &out, &out_len), 3);
        assert_int_equal(out_len, 0); /* nothing on stdout */
        free(out);
    }
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    expect(db, "SELECT group_concat(id, ',') FROM (SELECT id FROM documents ORDER BY id)",
           "-:3,2,a");
    expect(db, "SELECT title FROM documents WHERE id = 'a'", "T");
    expect(db, "SELECT count(*) FROM documents WHERE error IS NOT NULL", "1");
    expect(db, "SELECT count(*) > 0 FROM entities e JOIN documents d ON d.doc = e.doc "
               "WHERE d.id = 'a'",
           "1");
    expect(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'kyiv'", "1");
    sqlite3_close(db);
}

/* The database written into the directory being read (`newsmine -F sqlite -o corpus/news.db
 * corpus/`): the walk skipped news.db itself but read the news.db-shm and news.db-wal files that
 * SQLite keeps beside it as two more (binary) documents, stored as error records in the very
 * database ("invalid UTF-8 at byte 1"). */
static void test_cli_database_inside_input_directory(void **state) {
    (void)state;
    char dir[64], cmd[512];
    snprintf(dir, sizeof dir, "/tmp/nm_test_sqlite_dir_%ld", (long)getpid());
    snprintf(cmd, sizeof cmd,
             "rm -rf %s && mkdir %s && printf '%%s\\n' '{\"id\":\"a\",\"text\":\"Paris.\"}' "
             "'{\"id\":\"b\",\"text\":\"Kyiv.\"}' > %s/a.jsonl && "
             "%s --no-progress -j1 -F sqlite -o %s/news.db %s 2>/dev/null",
             dir, dir, dir, NM_CLI, dir, dir);
    assert_int_equal(nm_test_run(cmd, NULL, 0, NULL, NULL), 3); /* news.db named and skipped */
    char path[96];
    snprintf(path, sizeof path, "%s/news.db", dir);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    expect(db, "SELECT group_concat(id, ',') FROM (SELECT id FROM documents ORDER BY id)", "a,b");
    expect(db, "SELECT count(*) FROM documents WHERE error IS NOT NULL", "0");
    sqlite3_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    nm_test_run(cmd, NULL, 0, NULL, NULL);
}

/* --tokens with -F sqlite: a tokens table (doc, start, end, type, norm), which the tokens were
 * dropped from silently; none without --tokens; a rerun without --tokens that replaces a
 * document deletes its old tokens too. */
static void test_cli_tokens(void **state) {
    (void)state;
    const char input[] = "{\"id\":\"a\",\"text\":\"The EU met.\"}\n";
    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s -F sqlite -o %s -j1", NM_CLI, db_path);
    assert_int_equal(nm_test_run(cmd, input, sizeof input - 1, NULL, NULL), 0);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    expect(db, "SELECT count(*) FROM sqlite_master WHERE name = 'tokens'", "0");
    sqlite3_close(db);
    snprintf(cmd, sizeof cmd, "%s -F sqlite -o %s -j1 --tokens", NM_CLI, db_path);
    assert_int_equal(nm_test_run(cmd, input, sizeof input - 1, NULL, NULL), 0);
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    expect(db, "SELECT group_concat(x, ' ') FROM (SELECT d.id || ':' || t.start || '-' || "
               "t.\"end\" || ':' || t.type || ':' || t.norm AS x FROM tokens t JOIN documents d "
               "ON d.doc = t.doc ORDER BY t.start)",
           "a:0-3:word:the a:4-6:word:eu a:7-10:word:met a:10-11:punct:.");
    sqlite3_close(db);
    snprintf(cmd, sizeof cmd, "%s -F sqlite -o %s -j1", NM_CLI, db_path);
    assert_int_equal(nm_test_run(cmd, input, sizeof input - 1, NULL, NULL), 0);
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    expect(db, "SELECT count(*) FROM tokens", "0");
    expect(db, "SELECT count(*) FROM documents", "1");
    sqlite3_close(db);
}

static void test_open_failure(void **state) {
    (void)state;
    char err[256] = "";
    assert_null(nm_cli_sqlite_open("/nonexistent-dir/x.db", 0, err, sizeof err));
    assert_non_null(strstr(err, "sqlite"));
    assert_int_equal(nm_cli_sqlite_close(NULL, err, sizeof err), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tables_and_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli_tokens, setup, teardown),
        cmocka_unit_test(test_cli_database_inside_input_directory),
        cmocka_unit_test(test_open_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
