/*
 * kw_clean.h — boilerplate for the keywords stage: parts of a news text that are never keywords
 * (a closing copyright notice; a story's frame: bylines, credits, editor's notes, page markers),
 * words that are no keyword on their own (of reporting: "spokesman", "told"; function words the
 * stop list leaves out: "everything", "regarding"), and the token key both keyword files match
 * on.
 */
#ifndef NM_KW_CLEAN_H
#define NM_KW_CLEAN_H

#include <stddef.h>

#include "record.h"

/* The matching key of a token: its key, else its norm, else its text (borrowed from rec). */
static inline nm_str nm__kw_tok_key(const nm_record *rec, const nm_token *t) {
    if (t->key.len)
        return t->key;
    if (t->norm.len)
        return t->norm;
    return (nm_str){rec->text.ptr + t->start, t->end - t->start};
}

/* Does an entity of this type name something (PERSON ... LANGUAGE), rather than give a date or
 * a figure? */
static inline int nm__kw_is_name(int type) {
    return type >= NM_ENT_PERSON && type <= NM_ENT_LANGUAGE;
}

/* The first of tokens [lo, n) that starts at or after byte off (binary search; n if none). */
static inline size_t nm__kw_token_from(const nm_token *tk, size_t lo, size_t n, uint32_t off) {
    while (lo < n) {
        size_t mid = lo + (n - lo) / 2;
        if (tk[mid].start < off)
            lo = mid + 1;
        else
            n = mid;
    }
    return lo;
}

/** The first token that could open a closing notice: the first in the text's last 512 bytes. */
static inline size_t nm__kw_notice_from(const nm_record *rec) {
    size_t lim = rec->text.len > 512 ? rec->text.len - 512 : 0;
    return nm__kw_token_from(rec->tokens.v, 0, rec->tokens.n, (uint32_t)lim);
}

/** Could a token whose first text byte is c open a notice ("\xc2\xa9", "copyright", "all")? */
static inline int nm__kw_notice_byte(unsigned c) {
    return (c == 0xc2) | (((c | 0x20) & ~2u) == 'a'); /* 'a' or 'c', either case */
}

/**
 * The index of the first token of the copyright notice that closes rec's text ("(c) Copyright
 * 2011 Associated Press. All rights reserved. This material may not be published ..."), or
 * rec->tokens.n when there is none: the keywords stage takes no candidate from there on.
 * at[0, m) lists, in order, the tokens from nm__kw_notice_from(rec) on whose first byte passes
 * nm__kw_notice_byte (the caller's pass over the tokens makes the list).
 */
size_t nm__kw_notice_start(const nm_record *rec, const uint32_t *at, size_t m);

#define NM_KW_FRAME_MAX 16

/**
 * Token ranges of a story's frame that are never keywords: a byline opening one of its first
 * three lines ("By John Smith, Associated Press Writer"); the label of an editor's note opening a
 * line ("NOTE:", "Editor's note:"); a credit in parentheses ("(AP Photo/Jane Doe)", "(Photo:
 * Getty Images)", "(Reporting by Jane Doe; Editing by John Roe)"); the agency a source spoke to
 * ("told Reuters", "polled by Reuters", "interview with AFP"), an agency signing the text's
 * last sentence ("... rose. Reuter") or, after a dash, any item ("... rose. - AP"), and a photo
 * credit ("AP PHOTO"); a web page's "Advertisement" marker; closing
 * promotion and credit lines ("Subscribe to ...", "Follow us on Twitter", "Read more: ...",
 * "Jane Doe contributed to this report."); the rows of a results table, whose words label
 * figures ("Shr 34 cts vs 1.19 dlrs", "Nine mths"). etok gives each entity k of rec its first token at
 * etok[2 * k] (the first that starts at or after the entity's start: the keywords stage has
 * found them already). starts[0, nstarts) lists, in order, every token flagged NM_TF_LINE_START
 * or NM_TF_SENT_START (the caller's pass over the tokens makes the list). span (2 *
 * NM_KW_FRAME_MAX) gets [b, e) pairs; returns their count.
 */
size_t nm__kw_frame_spans(const nm_record *rec, const uint32_t *etok, const uint32_t *starts,
                          size_t nstarts, uint32_t *span);

/**
 * Is w[0, n) (a lower-case token key) a word of attribution ("spokesman", "officials",
 * "sources", "told")? The keywords stage weighs such words down: they frame a report, whatever
 * its subject.
 */
int nm__kw_reporting_word(const char *w, size_t n);

/**
 * Is w[0, n) (a lower-case token key) a function word the stop list leaves out but no text is
 * about: an indefinite pronoun ("everything", "somebody"), a quantifier ("enough", "least",
 * "lots"), a preposition ("regarding", "except", "prior"), or an adverb of time, place, degree or
 * stance ("together", "later", "elsewhere", "respectively", "immediately", "previously",
 * "probably")? The keywords stage treats it as stop-like, as it does corpus-common words.
 * ("First", "Next" and "Plus" open company names, so they are not listed.)
 */
int nm__kw_function_word(const char *w, size_t n);

/** The words nm__kw_function_word knows, in byte order, and their count. */
extern const char *const nm__kw_function_words[];
extern const size_t nm__kw_function_words_n;

#endif
