/*
 * kw_clean.c — text that is never a keyword, found before candidates are collected: the
 * copyright notice closing a syndicated story or a web page (see kw_clean.h).
 */
#include <string.h>

#include "kw_clean.h"

/* Does token i open a copyright notice: "©", "copyright" before a year or "©", or "all rights
 * reserved"? */
static int notice_at(const nm_record *rec, size_t i) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n;
    nm_str k = nm__kw_tok_key(rec, &tk[i]);
    if (k.len == 2 && memcmp(k.ptr, "\xc2\xa9", 2) == 0)
        return 1;
    if (k.len == 9 && memcmp(k.ptr, "copyright", 9) == 0)
        for (size_t j = i + 1; j < n && j <= i + 2; j++) {
            nm_str a = nm__kw_tok_key(rec, &tk[j]);
            if ((tk[j].type == NM_TOK_NUMBER && a.len == 4) ||
                (a.len == 2 && memcmp(a.ptr, "\xc2\xa9", 2) == 0))
                return 1;
        }
    if (k.len == 3 && memcmp(k.ptr, "all", 3) == 0 && i + 2 < n) {
        nm_str r = nm__kw_tok_key(rec, &tk[i + 1]), v = nm__kw_tok_key(rec, &tk[i + 2]);
        return r.len == 6 && memcmp(r.ptr, "rights", 6) == 0 && v.len == 8 &&
               memcmp(v.ptr, "reserved", 8) == 0;
    }
    return 0;
}

/*
 * The first token of the copyright notice that closes a syndicated story or a web page, or the
 * token count: "... in January. © Copyright 2011 Associated Press. All rights reserved. This
 * material may not be published, broadcast, rewritten, or redistributed." Boilerplate is no
 * keyword. The notice must start in the text's last 512 bytes and 64 tokens; it runs from the
 * start of its sentence (at most 8 tokens back) to the end.
 */
size_t nm__kw_notice_start(const nm_record *rec) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n, first = n;
    size_t lim = rec->text.len > 512 ? rec->text.len - 512 : 0;
    for (size_t i = n; i-- > 0 && tk[i].start >= lim;) {
        unsigned char c = (unsigned char)rec->text.ptr[tk[i].start];
        if ((c == 0xc2 || (c | 0x20) == 'c' || (c | 0x20) == 'a') && notice_at(rec, i))
            first = i;
    }
    if (first == n || n - first > 64) /* a notice closes the text: a few short sentences */
        return n;
    for (size_t j = first, back = 0; back <= 8 && tk[j].start >= lim; j--, back++) {
        if (tk[j].flags & NM_TF_SENT_START)
            return j;
        if (j == 0)
            break;
    }
    return first;
}
