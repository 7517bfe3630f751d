/*
 * entities.c — the entities stage: named entities from gazetteers, capitalisation and cues, then
 * document-level consistency; numeric entities come from ent_numex.c.
 *
 * Passes over the tokens of a record (money spans are left alone):
 *  1. numex (ent_numex.c): DATE, TIME, PERCENT, QUANTITY, ORDINAL, CARDINAL.
 *  2. companies: names written with a company suffix ("McDonnell Douglas Corp") are learnt first,
 *     so a later "McDonnell Douglas" is one ORG and not a name plus a town.
 *  3. names: maximal runs of capitalised tokens (with connectors "de", "bin", "van der", and
 *     "of"/"for"/"and" inside organisation names) are split by longest gazetteer matches and
 *     titles:
 *     "Russian Foreign Minister Sergei Lavrov" => NORP "Russian", PERSON "Sergei Lavrov";
 *     "Budapest Memorandum" => LAW (cue word last); "Hyde Park" => FAC; "U.S." => GPE norm
 *     "United States"; unknown runs become PERSON when they start with a given name, follow a
 *     title or look like names (no ordinary English words), GPE after "in/at/from" or before
 *     "-based", ORG for an unknown acronym. Sentence openers ("Later", "Officials") and words the
 *     document also writes in lower case are not names.
 *  4. document: a later "Zelensky" or "Mr. Trump" takes the full name of a person seen before;
 *     "European Union (EU)" teaches "EU"; "BankAmerica Corp" teaches "BankAmerica".
 * All-caps headlines trust only the gazetteer (and a title: "PRESIDENT OBAMA" is a PERSON, one
 * surname or a given name and a surname long). Spans end before a possessive "'s".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ent_internal.h"
#include "stage.h"
#include "tokenize.h"

/* ---- token helpers ---------------------------------------------------------------------- */

int nm__ent_keyeq(const nm_token *t, const char *s) {
    size_t n = strlen(s);
    return t->key.len == n && memcmp(t->key.ptr, s, n) == 0;
}

/* nm__ent_keyeq for this file: inlined, so a literal's length is known when compiling. */
static inline int keyeq(const nm_token *t, const char *s) {
    size_t n = strlen(s);
    return t->key.len == n && memcmp(t->key.ptr, s, n) == 0;
}

/* A listed word and its length (no strlen in the loops that test word endings). */
typedef struct word_end {
    char s[7];
    uint8_t n;
} word_end;

/* Does k[0, n) end in one of the nw endings, with at least min bytes before it? The last byte
   is compared before the rest. */
static int key_ends_in(const char *k, size_t n, size_t min, const word_end *w, size_t nw) {
    for (size_t i = 0; i < nw; i++) {
        size_t m = w[i].n;
        if (n >= m + min && k[n - 1] == w[i].s[m - 1] && memcmp(k + n - m, w[i].s, m - 1) == 0)
            return 1;
    }
    return 0;
}

/* 1 + the index of t's key in list (n words), or 0. The first byte is compared before
   anything else, so a word costs about one load per listed word. */
static size_t key_in(const nm_token *t, const char *const *list, size_t n) {
    size_t len = t->key.len;
    if (len == 0)
        return 0;
    const char *k = t->key.ptr;
    for (size_t i = 0; i < n; i++) {
        const char *w = list[i];
        if (w[0] != k[0])
            continue;
        size_t j = 1; /* stops at w's NUL: no read past a listed word */
        while (j < len && w[j] && w[j] == k[j])
            j++;
        if (j == len && w[len] == 0)
            return i + 1;
    }
    return 0;
}

/* Length of the HTML character reference for an apostrophe ("&#39;" "&rsquo;") ending p[0, n)
   (n >= 5), else 0. Cold: such references are rare. */
static NM__ENT_COLD uint32_t apos_ref_before(const char *p, size_t n) {
    for (size_t k = n - 5;; k--) {
        if (p[k] == '&')
            return nm__html_apostrophe(p + k, n - k) == n - k ? (uint32_t)(n - k) : 0;
        if (k == 0 || n - k >= 8)
            return 0;
    }
}

/* Length of the apostrophe (' U+2019, or U+0092: cp1252's ’ decoded as Latin-1, which the
   tokenizer joins as one; or an HTML character reference for one) ending p[0, n), else 0. */
static uint32_t apos_before(const char *p, size_t n) {
    if (n >= 1 && p[n - 1] == '\'')
        return 1;
    if (n >= 5 && p[n - 1] == ';')
        return apos_ref_before(p, n);
    if (n >= 3 && (uint8_t)p[n - 3] == 0xE2 && (uint8_t)p[n - 2] == 0x80 &&
        (uint8_t)p[n - 1] == 0x99)
        return 3;
    if (n >= 2 && (uint8_t)p[n - 2] == 0xC2 && (uint8_t)p[n - 1] == 0x92)
        return 2;
    return 0;
}

/* Bytes of a trailing possessive ('s, 'S, s', with ' U+2019 or U+0092) to drop from the
   token's text: "GERMANY'S" => "GERMANY", as the key "germany's" => "germany". */
static uint32_t poss_len(const nm_record *rec, const nm_token *t) {
    const char *p = rec->text.ptr + t->start;
    size_t n = t->end - t->start;
    uint32_t a;
    if (n >= 3 && (p[n - 1] | 0x20) == 's' && (a = apos_before(p, n - 1)) != 0 && n >= a + 2)
        return a + 1;
    if ((a = apos_before(p, n)) != 0 && n >= a + 1)
        return a;
    return 0;
}

/* Key length without the possessive ending ("ukraine's" => 7). */
static size_t key_stem(const nm_token *t) { return nm__lexicon_poss_stem(t->key.ptr, t->key.len); }

/* Grows the key scratch buffer to hold need bytes (first use, long names): 0 or NM_ERR_NOMEM.
   Cold: it keeps the growth out of the lookup paths key_put is inlined into. */
static NM__ENT_COLD int key_grow(nm__ent_state *st, size_t need) {
    return nm__vec_reserve((void **)&st->key, &st->keycap, need, 1);
}

/* Writes p[0, n) and a NUL at st->key + at. */
static int key_put(nm__ent_state *st, size_t at, const char *p, size_t n) {
    if (NM__ENT_RARE(at + n + 2 > st->keycap) && key_grow(st, at + n + 2) != NM_OK)
        return NM_ERR_NOMEM;
    memcpy(st->key + at, p, n);
    st->key[at + n] = 0;
    return NM_OK;
}

/* Is the gap p[0, g) between two tokens (whitespace only) one separator: a single whitespace
   character (space, tab, line break, NBSP, thin or ideographic space...) or a CRLF? */
static int one_space(const char *p, size_t g) {
    if (g <= 1)
        return 1;
    if (g == 2 && p[0] == '\r' && p[1] == '\n')
        return 1;
    unsigned c = (unsigned char)p[0];
    return c >= 0xC0 && (size_t)(c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2) == g;
}

/* Bytes of the line break opening the gap p[0, g) (\n, \r\n, \r, \v, \f, U+0085, U+2028: one
   break, as the sentence splitter counts them), else 0. */
static size_t line_break_len(const char *p, size_t g) {
    unsigned c = g ? (unsigned char)p[0] : 0u;
    if (c == '\r')
        return g >= 2 && p[1] == '\n' ? 2 : 1;
    if (c == '\n' || c == '\v' || c == '\f')
        return 1;
    if (c == 0xC2 && g >= 2 && (unsigned char)p[1] == 0x85)
        return 2;
    return c == 0xE2 && g >= 3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xA8 ? 3
                                                                                             : 0;
}

static int is_capish(const nm_token *t) { return (t->flags & (NM_TF_CAP | NM_TF_ALLCAPS)) != 0; }

/* "al-Jazeera": an Arabic article glued to a name (its key). */
static int al_word(const nm_token *t) {
    return t->key.len > 3 && (t->key.ptr[0] == 'a' || t->key.ptr[0] == 'e') &&
           t->key.ptr[1] == 'l' && t->key.ptr[2] == '-';
}

/* split_poss at a punctuation token j: the tests after the token type. Out of line (the
   callers ask at every word of a name; a possessive written apart is rare). */
static NM__ENT_NOINLINE size_t split_poss_punct(const nm_record *rec, size_t j) {
    const nm_token *tok = rec->tokens.v;
    const nm_token *q = &tok[j], *s = &tok[j + 1];
    if (s->key.len != 1 || s->key.ptr[0] != 's' || s->start != q->end)
        return 0;
    size_t n = q->end - q->start;
    const char *p = rec->text.ptr + q->start;
    if (!((n == 1 && p[0] == '\'') ||
          (n == 3 && (uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80 && (uint8_t)p[2] == 0x99)))
        return 0;
    if (j + 2 < rec->tokens.n && tok[j + 2].start == s->end)
        return 0; /* "'sa": no possessive */
    return 2;
}

/* Tokens of a possessive written apart at token j ("Lord 's" pre-tokenised: "'" then "s"
   glued to it), or 0. The token type inline: most tokens asked about are words. */
static inline size_t split_poss(const nm_record *rec, size_t j) {
    return rec->tokens.v[j].type == NM_TOK_PUNCT ? split_poss_punct(rec, j) : 0;
}

/* Is t a possessive whose text before the ending is ASCII with no lower-case letter ("EC's",
   "OPEC’s": the token is not NM_TF_ALLCAPS for its "s")? */
static int caps_stem(const nm_record *rec, const nm_token *t) {
    if (!(t->flags & NM_TF_POSSESSIVE))
        return 0;
    const char *p = rec->text.ptr + t->start;
    size_t n = t->end - t->start - poss_len(rec, t);
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)p[k] >= 0x80 || (unsigned)(p[k] - 'a') < 26u)
            return 0;
    return n > 0;
}

/* Is t a word of an elided article and a capitalised name, "d'Ivoire", "l'Aquila" (with "'"
   or U+2019)? Its key's first bytes first: "d'" or "l'" (the key writes any apostrophe so). */
static inline int elided_word(const nm_record *rec, const nm_token *t) {
    if (t->key.len < 4 || t->key.ptr[1] != '\'' || (t->key.ptr[0] != 'd' && t->key.ptr[0] != 'l'))
        return 0;
    const char *p = rec->text.ptr + t->start;
    size_t n = t->end - t->start, a = n > 4 && (uint8_t)p[1] == 0xE2 ? 3 : 1;
    return t->type == NM_TOK_WORD && n > a + 2 && (p[0] == 'd' || p[0] == 'l') &&
           (a == 1 ? p[1] == '\'' : memcmp(p + 1, "\xe2\x80\x99", 3) == 0) &&
           p[1 + a] >= 'A' && p[1 + a] <= 'Z';
}

/* Does the gazetteer entry e fit the shape of tokens [i, j]? An acronym (US, EC) wants
   capitals: all-caps tokens, or a last token that is so but for its possessive ending. */
static int shape_ok(const nm__lex_entry *e, const nm_record *rec, size_t i, size_t j) {
    const nm_token *tok = rec->tokens.v;
    if (e->flags & NM__LEX_CASE) {
        for (size_t k = i; k <= j; k++)
            if (!(tok[k].flags & NM_TF_ALLCAPS) && tok[k].type != NM_TOK_NUMBER &&
                !(k == j && caps_stem(rec, &tok[k])))
                return 0;
        return 1;
    }
    if (e->flags & NM__LEX_NORM_LOWER)
        return 1;
    if (!is_capish(&tok[i]) && !al_word(&tok[i]))
        return 0;
    /* the last word capitalised, or "d'Ivoire" ("Cote d'Ivoire") */
    if (!is_capish(&tok[j]) && !al_word(&tok[j]) && !(tok[j].flags & NM_TF_HAS_DIGIT) &&
        !(j > i && elided_word(rec, &tok[j])))
        return 0;
    return 1;
}

/* A 32-bit hash of a short key (nm__bytes_hash64, folded). */
static uint32_t key_hash(const char *p, size_t n) {
    uint64_t h = nm__bytes_hash64(p, n);
    return (uint32_t)h ^ (uint32_t)(h >> 32);
}

static inline const nm__lex_entry *tok_entry_at(nm__ent_state *st, const nm__lexicon *lx,
                                                size_t i);



/*
 * Longest lexicon match starting at token i, ending before limit, whose entry passes want
 * (NM__WANT_GAZ: a gazetteer name with the right shape; a cue mask otherwise). Sets *len
 * (tokens), *entry and *poss (1 when the last token's possessive ending is excluded).
 */
/* One longest match being looked for: its want and what was found. */
typedef struct match_want {
    unsigned want;
    size_t len;
    const nm__lex_entry *entry;
    int poss;
} match_want;

static inline int want_ok(unsigned want, const nm__lex_entry *e, const nm_record *rec, size_t i,
                          size_t j) {
    return want == NM__WANT_GAZ ? (e->flags & NM__LEX_GAZ) && shape_ok(e, rec, i, j)
                                : (e->cues & want) != 0;
}

/* match_walk's test at token j of a walk from i (up to limit): does a split possessive follow
   j, inside the walk's ten tokens, so that the key may go on through it? */
static inline int split_next(const nm_record *rec, size_t i, size_t j, size_t limit) {
    return !(rec->tokens.v[j].flags & NM_TF_POSSESSIVE) && j + 3 < limit && j + 3 < i + 10 &&
           split_poss(rec, j + 1) != 0;
}

/*
 * The walk behind nm__ent_match, for nw (1 or 2) wants at once: the keys of the tokens from i
 * are looked up as they grow, and each want keeps its longest hit. The first token's key is
 * copied into st->key only when a second token follows (a lone token uses its cached entry).
 */
static int match_walk(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec, size_t i,
                      size_t limit, match_want *w, int nw) {
    const nm_token *tok = rec->tokens.v;
    size_t at = 0;
    int pending = 0; /* tok[i]'s key is not in st->key yet */
    for (int k = 0; k < nw; k++) {
        w[k].len = 0;
        w[k].entry = NULL;
        w[k].poss = 0;
    }
    for (size_t j = i; j < limit && j < i + 10; j++) {
        const nm_token *t = &tok[j];
        if (pending) {
            if (key_put(st, 0, tok[i].key.ptr, tok[i].key.len) != NM_OK)
                return NM_ERR_NOMEM;
            pending = 0;
        }
        /* "Lord 's Resistance Army" (pre-tokenised text): a split possessive inside a name
           joins the key as "lord's" when a longer name goes on after it */
        size_t sq;
        if (j > i && j + 2 < limit && (sq = split_poss(rec, j)) != 0) {
            if (key_put(st, at, "'s", 2) != NM_OK)
                return NM_ERR_NOMEM;
            const nm__lex_entry *pe = nm__lexicon_getn(lx, st->key, at + 2);
            if (pe == NULL || !(pe->flags & NM__LEX_PREFIX))
                break;
            at += 2;
            j += sq - 1;
            continue;
        }
        if (!(NM_TOK_IS_WORD(t->type) || (j > i && t->type == NM_TOK_NUMBER) ||
              (j > i && keyeq(t, "&"))) ||
            t->key.len == 0) /* "Standard & Poor's" */
            break;
        if (j > i && st->mark[j] != NM__MARK_FREE)
            break;
        if (j > i) {
            if (key_put(st, at, " ", 1) != NM_OK)
                return NM_ERR_NOMEM;
            at++;
        }
        size_t stem = (t->flags & NM_TF_POSSESSIVE) ? key_stem(t) : t->key.len;
        if (stem != t->key.len) {
            if (key_put(st, at, t->key.ptr, stem) != NM_OK)
                return NM_ERR_NOMEM;
            const nm__lex_entry *e = nm__lexicon_getn(lx, st->key, at + stem);
            for (int k = 0; e && k < nw; k++)
                if (want_ok(w[k].want, e, rec, i, j)) {
                    w[k].len = j - i + 1;
                    w[k].entry = e;
                    w[k].poss = 1;
                }
        }
        const nm__lex_entry *e;
        if (j == i && stem == t->key.len) {
            e = tok_entry_at(st, lx, j);
            pending = 1;
        } else {
            if (key_put(st, at, t->key.ptr, t->key.len) != NM_OK)
                return NM_ERR_NOMEM;
            e = nm__lexicon_getn(lx, st->key, at + t->key.len);
        }
        at += t->key.len;
        /* "Children 's Fund": the key goes on to the split possessive after this word (asked
           only where the answer counts: not after a listed prefix, which goes on anyway) */
        if (e == NULL) {
            if (split_next(rec, i, j, limit))
                continue;
            break;
        }
        /* a possessive is part of a name only where the list writes it: "Moody's" */
        for (int k = 0; k < nw; k++)
            if ((stem == t->key.len || w[k].want == NM__WANT_GAZ) &&
                want_ok(w[k].want, e, rec, i, j)) {
                w[k].len = j - i + 1;
                w[k].entry = e;
                w[k].poss = 0;
            }
        /* a possessive goes on only inside a listed name: "Lord's Resistance Army" */
        if (!(e->flags & NM__LEX_PREFIX) && !split_next(rec, i, j, limit))
            break;
    }
    return NM_OK;
}

/* match_walk for a gazetteer name and a title at once (classify_run's two wants): its own copy
   of the walk, with the want loops unrolled for two. */
static NM__ENT_NOINLINE int match_walk2(nm__ent_state *st, const nm__lexicon *lx,
                                        const nm_record *rec, size_t i, size_t limit,
                                        match_want w[2]) {
    return match_walk(st, lx, rec, i, limit, w, 2);
}

int nm__ent_match(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec, size_t i,
                  size_t limit, unsigned want, size_t *len, const nm__lex_entry **entry,
                  int *poss) {
    match_want w = {want, 0, NULL, 0};
    int rc = match_walk(st, lx, rec, i, limit, &w, 1);
    *len = w.len;
    *entry = w.entry;
    *poss = w.poss;
    return rc;
}

const nm__lex_entry nm__ent1_unset = {0, 0, 0, 0};

/* tok_entry_at's first question about token i: fills the token's slot. A word of the numeric
   rules' lists (a word id from the token pass: "The", "Corp", "January", one token in six that
   is asked about) has its entry from the table made at load; any other key asks the lexicon. */
static __attribute__((noinline)) const nm__lex_entry *tok_entry_fill(nm__ent_state *st,
                                                                     const nm__lexicon *lx,
                                                                     size_t i) {
    const nm_token *t = &st->toks[i];
    const nm__lex_entry *e = NULL;
    size_t stem = (t->flags & NM_TF_POSSESSIVE) ? key_stem(t) : t->key.len;
    if (st->wid[i] != 0 && stem == t->key.len)
        e = st->sh->went[st->wid[i]]; /* the listed word is the whole key */
    else if (st->wid[i] == 0 && (st->cls[i] & NM__TC_NAME) && stem != 0)
        e = nm__lexicon_getn_h(lx, t->key.ptr, stem, st->lhash[i]); /* hashed, prefetched */
    else if (stem != 0)
        e = nm__lexicon_getn(lx, t->key.ptr, stem);
    st->ent1[i] = e;
    return e;
}

/* The lexicon entry for token i's key (possessive stripped), or NULL; cached per token (the
   cached answer inline at the callers, the first question out of line). By index: a token
   pointer's index would be a division by the token size. */
static inline const nm__lex_entry *tok_entry_at(nm__ent_state *st, const nm__lexicon *lx,
                                                size_t i) {
    const nm__lex_entry *e = st->ent1[i];
    return e != NM__ENT1_UNSET ? e : tok_entry_fill(st, lx, i);
}

/* nm__ent_add when the candidate vector is full (rare): grows it, then adds. */
static NM__ENT_COLD int ent_add_grow(nm__ent_state *st, const nm_record *rec, size_t tb,
                                     size_t te, int type, nm_str norm, int poss, unsigned src) {
    if (nm__vec_reserve((void **)&st->cands.v, &st->cands.cap, st->cands.n + 1,
                        sizeof *st->cands.v) != 0)
        return NM_ERR_NOMEM;
    return nm__ent_add(st, rec, tb, te, type, norm, poss, src);
}

/* Ends candidate c before the possessive ending of its last token t: NM_OK. Out of line (one
   candidate in thirty), so nm__ent_add's common path calls nothing. */
static NM__ENT_NOINLINE int trim_poss(nm__ent_cand *c, const nm_record *rec, const nm_token *t) {
    c->end -= poss_len(rec, t);
    return NM_OK;
}

int nm__ent_add(nm__ent_state *st, const nm_record *rec, size_t tb, size_t te, int type,
                nm_str norm, int poss, unsigned src) {
    /* every field is set below (no NM__VEC_PUSH zeroing), and the rare steps are tail calls:
       the common path calls nothing, so it saves no registers */
    if (NM__ENT_RARE(st->cands.n == st->cands.cap))
        return ent_add_grow(st, rec, tb, te, type, norm, poss, src);
    nm__ent_cand *c = &st->cands.v[st->cands.n++];
    const nm_token *tok = rec->tokens.v;
    c->tb = (uint32_t)tb;
    c->te = (uint32_t)te;
    c->start = tok[tb].start;
    c->end = tok[te - 1].end;
    c->type = (uint16_t)type;
    c->src = (uint16_t)src;
    /* norm comes on the stack, stored by the caller as two 8-byte fields: read as one 16-byte
       word (what a struct copy compiles to), it waits for both stores to retire (a failed
       store forwarding: two thirds of this function's samples, perf) */
    const char *norm_ptr = norm.ptr;
    size_t norm_len = norm.len;
#if defined(__GNUC__)
    __asm__("" : "+r"(norm_ptr), "+r"(norm_len)); /* two 8-byte loads, not one of 16 */
#endif
    c->norm = (nm_str){norm_ptr, norm_len};
    for (size_t k = tb; k < te; k++)
        st->mark[k] = NM__MARK_NAME;
    return poss ? trim_poss(c, rec, &tok[te - 1]) : NM_OK;
}

/* ---- names -------------------------------------------------------------------------------- */

/* Word-class tests over token index i (classes from ent_numex.c's word table). */
static int word_is(const nm__ent_state *st, size_t i, unsigned wc) {
    const nm_token *t = &st->toks[i];
    return !(t->flags & (NM_TF_CAP | NM_TF_ALLCAPS)) && (nm__ent_word_class(st, st->sh, i) & wc);
}

/* Bytes of text after the last hyphen of t, when they start with a lower-case ASCII letter. */
static size_t lower_tail(const nm_record *rec, const nm_token *t) {
    const char *p = rec->text.ptr + t->start;
    size_t n = t->end - t->start;
    for (size_t k = n; k-- > 1;)
        if (p[k] == '-')
            return (k + 1 < n && p[k + 1] >= 'a' && p[k + 1] <= 'z') ? n - k - 1 : 0;
    return 0;
}

/* "Chancellor-designate", "President-elect": a title with a status suffix (lower_tail is
   "designate" or "elect": the text ends in that after a hyphen that is not its first byte). */
static int title_suffixed(const nm_record *rec, const nm_token *t) {
    const char *p = rec->text.ptr + t->start;
    size_t n = t->end - t->start;
    return (n >= 7 && memcmp(p + n - 6, "-elect", 6) == 0) ||
           (n >= 11 && memcmp(p + n - 10, "-designate", 10) == 0);
}

/* "Vice-Premier", "Director-General", "Major-General": a capitalised hyphenated word whose
   last part is a title is one. */
static int title_compound(const nm__lexicon *lx, const nm_record *rec,
                          const nm_token *t) {
    if (!(t->flags & NM_TF_HYPHEN) || !(t->flags & NM_TF_CAP))
        return 0;
    const char *k = t->key.ptr, *p = rec->text.ptr + t->start;
    size_t n = t->key.len;
    for (size_t i = n; i-- > 1;) {
        if (k[i] != '-')
            continue;
        if (i + 1 >= n || i + 1 >= t->end - t->start || p[i + 1] < 'A' || p[i + 1] > 'Z')
            return 0;
        const nm__lex_entry *e = nm__lexicon_getn(lx, k + i + 1, n - i - 1);
        return e && (e->cues & NM__CUE_TITLE) && !(e->flags & NM__LEX_GAZ);
    }
    return 0;
}

/* "Kim Jong-il", "Ma Ying-jeou", "Moon Jae-in": after a capitalised name word, two short
   syllables joined by a hyphen are a given name, not a word glued to "-led" or "-born". */
static int syllable_name(const nm_record *rec, size_t i) {
    const nm_token *t = &rec->tokens.v[i];
    if (i == 0 || !(t->flags & NM_TF_SPACE_BEFORE))
        return 0;
    const nm_token *p = &rec->tokens.v[i - 1];
    if (p->type != NM_TOK_WORD || !(p->flags & NM_TF_CAP) || (p->flags & NM_TF_HYPHEN) ||
        p->end - p->start > 8)
        return 0;
    size_t n = t->end - t->start, tail = lower_tail(rec, t);
    const char *s = rec->text.ptr + t->start;
    if (tail == 0 || tail > 4 || n - tail - 1 > 5 || n - tail - 1 < 2)
        return 0;
    if (tail >= 2 && s[n - 2] == 'e' && s[n - 1] == 'd')
        return 0; /* "-led", "-based" */
    for (size_t k = 0; k + tail + 1 < n; k++)
        if (s[k] == '-')
            return 0; /* one hyphen only */
    return 1;
}

/* is_name_tok for a free token with NM__TC_NAME: the capitalised word tests. */
static NM__ENT_NOINLINE int name_tok_rest(const nm__ent_state *st, const nm_record *rec,
                                          size_t i) {
    const nm_token *t = &rec->tokens.v[i];
    if (!is_capish(t))
        return 1; /* "al-Qaida" (NM__TC_NAME without a capital) */
    /* "Ethiopian-born", "Kremlin-backed": a name glued to a lower-case word is no name token
       (names_pass emits the part before the hyphen); "Chancellor-designate" is a title */
    if ((t->flags & NM_TF_HYPHEN) && !(t->flags & NM_TF_ALLCAPS) && lower_tail(rec, t) &&
        !title_suffixed(rec, t) && !syllable_name(rec, i))
        return 0;
    /* "Mar", "SHR", "GDP": listed words that are no part of a name */
    const nm__lex_entry *e = tok_entry_at((nm__ent_state *)st, st->sh->lex, i);
    if (e && (e->cues & NM__CUE_COMMON) && !(e->flags & NM__LEX_GAZ))
        return 0;
    return 1;
}

/* Does t's text end in "-based" after 2+ bytes ("London-based")? Without a branch on its
   length (long or short is no pattern the branch predictor learns): a short token compares
   a constant instead. */
static inline int based_end(const nm_record *rec, const nm_token *t) {
    static const char none[6] = "xxxxxx";
    uintptr_t all = -(uintptr_t)(t->end - t->start > 7);
    const char *p = rec->text.ptr + t->end - 6;
    p = (const char *)((uintptr_t)none + (((uintptr_t)p - (uintptr_t)none) & all));
    uint32_t a;
    uint16_t b;
    memcpy(&a, p, 4);
    memcpy(&b, p + 4, 2);
    uint32_t wa;
    uint16_t wb;
    memcpy(&wa, "-bas", 4);
    memcpy(&wb, "ed", 2);
    return ((a ^ wa) | (uint32_t)(b ^ wb)) == 0;
}

/* Can token i be part of a name? The common answer (claimed, or no name class: lower-case
   words, punctuation) inline; the rest out of line. */
static inline int is_name_tok(const nm__ent_state *st, const nm_record *rec, size_t i) {
    if (((st->mark[i] != NM__MARK_FREE) | !(st->cls[i] & NM__TC_NAME)) != 0)
        return 0;
    return name_tok_rest(st, rec, i);
}

static int cue_type(unsigned cues) {
    if (cues & NM__CUE_ORG)
        return NM_ENT_ORG;
    if (cues & NM__CUE_LAW)
        return NM_ENT_LAW;
    if (cues & NM__CUE_EVENT)
        return NM_ENT_EVENT;
    if (cues & NM__CUE_FAC)
        return NM_ENT_FAC;
    if (cues & NM__CUE_LOC)
        return NM_ENT_LOC;
    if (cues & NM__CUE_GPE)
        return NM_ENT_GPE;
    return 0;
}

enum { CUE_TYPED = NM__CUE_ORG | NM__CUE_LAW | NM__CUE_EVENT | NM__CUE_FAC | NM__CUE_LOC |
                   NM__CUE_GPE };

/* "II", "IV": a regnal or sequence numeral after a name ("World War II"). */
static int is_roman(const nm_token *t) {
    if (t->key.len == 0 || t->key.len > 4 || !(t->flags & NM_TF_ALLCAPS))
        return 0;
    for (size_t i = 0; i < t->key.len; i++)
        if (t->key.ptr[i] != 'i' && t->key.ptr[i] != 'v' && t->key.ptr[i] != 'x')
            return 0;
    return 1;
}

static nm_str span_text(const nm_record *rec, size_t tb, size_t te, int poss) {
    const nm_token *tok = rec->tokens.v;
    uint32_t end = tok[te - 1].end;
    if (poss)
        end -= poss_len(rec, &tok[te - 1]);
    return (nm_str){rec->text.ptr + tok[tb].start, end - tok[tb].start};
}

/* lower_seen's set starts with room for this many tokens' words at most, then grows */
#define LC_TOKENS 4096u

/* Makes st->lc an empty set of cap (a power of two) slots, keeping the pairs it holds (a set
 * of st->lcmask + 1 slots) unless fresh: 0, or -1 when out of memory (st->lc unchanged). */
static int lc_resize(nm__ent_state *st, size_t cap, int fresh) {
    uint32_t *old = st->lc, *h = st->lc;
    size_t ocap = fresh ? 0 : st->lcmask + 1;
    if (!fresh || 2 * cap > st->lccap) {
        h = fresh ? realloc(st->lc, 2 * cap * sizeof *h) : malloc(2 * cap * sizeof *h);
        if (h == NULL)
            return -1;
    }
    memset(h, 0, 2 * cap * sizeof *h);
    for (size_t x = 0; x < ocap; x++) { /* the old pairs, by their stored hashes */
        if (!old[2 * x])
            continue;
        size_t y = old[2 * x + 1] & (cap - 1);
        while (h[2 * y])
            y = (y + 1) & (cap - 1);
        h[2 * y] = old[2 * x];
        h[2 * y + 1] = old[2 * x + 1];
    }
    if (h != old) {
        if (!fresh)
            free(old);
        st->lc = h;
        st->lccap = 2 * cap;
    }
    st->lcmask = cap - 1;
    return 0;
}

/*
 * Does the document write this word key in lower case somewhere ("Market" ... "market")?
 * The first question builds an open-addressing set of the record's lower-case word keys:
 * sized by the tokens of a short record, grown by its distinct words in a long one (2 MB of
 * prose repeats ~25K of them; a set of twice the tokens took 8 MB, 64 MB for 15 MB).
 */
static int lower_seen(nm__ent_state *st, const nm_record *rec, const char *k, size_t n) {
    const nm_token *tok = rec->tokens.v;
    if (n < 3)
        return 0;
    /* no lower-case word of the record has this signature: surely unseen */
    unsigned sg = nm__ent_lsig(k, n);
    if (!(st->lsig[sg >> 6] & (1ull << (sg & 63))))
        return 0;
    /* the first few questions scan the words (most records ask few); then a set is built */
    if (!st->lc_built && st->lc_scans < 8) {
        st->lc_scans++;
        /* the class bytes, eight a step, find the lower-case words: only those tokens are
           read (a whole-record walk over the tokens touched every token's cache line) */
        size_t nt = rec->tokens.n;
        for (size_t j = 0; (j = nm__ent_next_cls(st->cls, j, nt, NM__TC_LOWERW)) < nt; j++)
            if (tok[j].key.len == n && memcmp(tok[j].key.ptr, k, n) == 0)
                return 1;
        return 0;
    }
    /* st->lc holds pairs (token index + 1, key hash): a probe compares hashes before keys. */
    if (!st->lc_built) {
        size_t cap = 64, used = 0;
        while (cap < 2 * (rec->tokens.n < LC_TOKENS ? rec->tokens.n : LC_TOKENS))
            cap *= 2;
        if (lc_resize(st, cap, 1) != 0)
            return 0; /* no answer without memory: treat as unseen */
        for (size_t j = 0; j < rec->tokens.n; j++) {
            const nm_token *t = &tok[j];
            /* stop words and one- or two-letter words are never asked about */
            if (!(st->cls[j] & NM__TC_LOWERW) || t->key.len < 3)
                continue;
            uint32_t hv = key_hash(t->key.ptr, t->key.len);
            size_t x = hv & st->lcmask;
            while (st->lc[2 * x]) {
                const nm_token *u = &tok[st->lc[2 * x] - 1];
                if (st->lc[2 * x + 1] == hv && u->key.len == t->key.len &&
                    memcmp(u->key.ptr, t->key.ptr, t->key.len) == 0)
                    break;
                x = (x + 1) & st->lcmask;
            }
            if (st->lc[2 * x])
                continue; /* seen: the first token keeps its slot */
            st->lc[2 * x] = (uint32_t)j + 1;
            st->lc[2 * x + 1] = hv;
            if (++used * 2 > st->lcmask + 1 && lc_resize(st, 2 * (st->lcmask + 1), 0) != 0)
                return 0;
        }
        st->lc_built = 1;
    }
    uint32_t hv = key_hash(k, n);
    for (size_t x = hv & st->lcmask; st->lc[2 * x]; x = (x + 1) & st->lcmask) {
        if (st->lc[2 * x + 1] != hv)
            continue;
        const nm_token *u = &tok[st->lc[2 * x] - 1];
        if (u->key.len == n && memcmp(u->key.ptr, k, n) == 0)
            return 1;
    }
    return 0;
}

/*
 * Does a word of the run [a, b) look like an ordinary English word rather than part of a
 * person's name? Either by its ending ("Operational", "Certificate" no; "Administration",
 * "Environmental" yes) or because the document also writes it in lower case ("Market ... market").
 */
static int run_has_common_word(const nm__ent_state *st, const nm_record *rec, size_t a, size_t b) {
    static const word_end SUFFIXES[] = {{"tion", 4}, {"sion", 4}, {"ment", 4}, {"ness", 4},
                                            {"ity", 3},  {"ship", 4}, {"ism", 3},  {"ional", 5},
                                            {"ical", 4}, {"ated", 4}, {"ized", 4}, {"ories", 5}};
    const nm_token *tok = rec->tokens.v;
    for (size_t i = a; i < b; i++) {
        const nm_token *t = &tok[i];
        if (!(t->flags & NM_TF_CAP))
            continue; /* connectors ("bin", "de") and al- names are not judged */
        const nm__lex_entry *e = tok_entry_at((nm__ent_state *)st, st->sh->lex, i);
        if (i > a && e && (e->flags & (NM__LEX_NAMEPART | NM__LEX_FIRSTNAME)))
            continue; /* "Condoleezza Rice": a known name part after an unremarkable first word */
        size_t ns = sizeof SUFFIXES / sizeof SUFFIXES[0];
        if (key_ends_in(t->key.ptr, key_stem(t), 3, SUFFIXES, ns))
            return 1;
        if (lower_seen((nm__ent_state *)st, rec, t->key.ptr, t->key.len))
            return 1;
    }
    return 0;
}

/* Is a token of [a, b) a capitalised stop word ("Dancing With Wolves", "Hey You")? Names of
   persons hold none (their connectors "bin", "de" are written lower case). */
static int run_has_stop_word(const nm_record *rec, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if ((rec->tokens.v[i].flags & (NM_TF_STOP | NM_TF_CAP)) == (NM_TF_STOP | NM_TF_CAP))
            return 1;
    return 0;
}

/* "Interbank Offered Rates", "Telephone Surveys": a last word in plural -s that no name list
   knows ends a phrase, not a person's name ("Evans", "Williams" are listed name parts). */
static int plural_end(nm__ent_state *st, size_t i) {
    const nm_token *t = &st->toks[i];
    size_t n = t->key.len;
    if (n < 4 || t->key.ptr[n - 1] != 's' || t->key.ptr[n - 2] == 's' || (t->flags & NM_TF_POSSESSIVE))
        return 0;
    const nm__lex_entry *e = tok_entry_at(st, st->sh->lex, i);
    return !(e && (e->flags & (NM__LEX_NAMEPART | NM__LEX_FIRSTNAME | NM__LEX_GAZ)));
}

/* Lower-case words that name a place after "of": "mayor of", "north of", "outskirts of". */
static int place_of_word(const nm_token *t) {
    static const char *const W[] = {
        "mayor",    "governor",  "city",      "town",      "village",   "province", "region",
        "capital",  "outskirts", "north",     "south",     "east",      "west",     "northeast",
        "northwest", "southeast", "southwest", "residents", "suburbs",   "district", "county",
        "port",     "island",    "streets",   "heart",     "suburb",    "towns",    "cities",
        "villages", "provinces", "north-east", "north-west", "south-east", "south-west"};
    if (t->key.len < 4 || t->key.len > 10)
        return 0;
    return key_in(t, W, sizeof W / sizeof W[0]) != 0;
}

/* Lower-case place words after a place name: "Anbar province", "Tikrit city". */
static int place_after_word(const nm_token *t) {
    static const char *const W[] = {"province", "city", "town", "village", "district", "region",
                                    "county", "governorate", "prefecture", "provinces", "border",
                                    "valley", "river", "island", "islands", "peninsula"};
    if (t->key.len < 4 || t->key.len > 11)
        return 0;
    size_t i = key_in(t, W, sizeof W / sizeof W[0]);
    if (i == 0)
        return 0;
    return i - 1 >= 11 ? NM_ENT_LOC : NM_ENT_GPE; /* valley, river, island...: LOC */
}

/* "in English", "Arabic-language", "the Russian language": a language name used as one. */
static int is_language(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec, size_t i) {
    const nm_token *tok = rec->tokens.v;
    const nm__lex_entry *e = tok_entry_at(st, lx, i);
    if (!e || !(e->cues & NM__CUE_LANGUAGE) || (tok[i].flags & NM_TF_POSSESSIVE))
        return 0;
    if (i > 0 && !(tok[i - 1].flags & NM_TF_CAP) &&
        (keyeq(&tok[i - 1], "in") || keyeq(&tok[i - 1], "speak") ||
         keyeq(&tok[i - 1], "speaks") || keyeq(&tok[i - 1], "spoke") ||
         keyeq(&tok[i - 1], "into") || keyeq(&tok[i - 1], "from")))
        return i + 1 >= rec->tokens.n || !(tok[i + 1].flags & NM_TF_CAP);
    return i + 1 < rec->tokens.n && (keyeq(&tok[i + 1], "language") ||
                                     keyeq(&tok[i + 1], "languages"));
}

/* "Baathist", "Ecuadorian", "Philippine": a word ending like an adjective of a people or
   creed, no surname. */
static int adjective_like(const nm_token *t) {
    size_t n = t->key.len;
    const char *k = t->key.ptr;
    return n >= 5 && ((memcmp(k + n - 3, "ist", 3) == 0) || (memcmp(k + n - 3, "ian", 3) == 0) ||
                      (memcmp(k + n - 3, "ine", 3) == 0) || (memcmp(k + n - 3, "ese", 3) == 0));
}

/* "Producer", "Cameraman", "Archaeologist", "Incumbent": a word ending like a noun for a
   person's role (no lexicon entry is asked). */
static int role_word(const nm_token *t) {
    static const word_end END[] = {{"er", 2},  {"or", 2},  {"ist", 3}, {"yst", 3},
                                       {"ian", 3}, {"man", 3}, {"ant", 3}, {"ent", 3}};
    size_t n = t->key.len;
    if (n < 5 || (t->flags & NM_TF_POSSESSIVE))
        return 0;
    return key_ends_in(t->key.ptr, n, 0, END, sizeof END / sizeof END[0]);
}

/* Is a token of [a, b) a cue word (title, organisation, event word...)? */
static int run_has_cue(nm__ent_state *st, const nm__lexicon *lx, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) {
        const nm__lex_entry *e = tok_entry_at(st, lx, i);
        if (e && e->cues)
            return 1;
    }
    return 0;
}

/* "Lake", "Mount", "Mt.", "River": a word that opens the name of a natural feature (LOC). */
static int feature_word(const nm_token *t) {
    static const char *const W[] = {"lake", "mount", "mt.", "river"};
    return (t->flags & NM_TF_CAP) && key_in(t, W, sizeof W / sizeof W[0]);
}

/* An unknown run [a, b) with no gazetteer name in it: decide by its shape and context. title,
   when not NULL, is the longest title match at a up to b that the caller's walk found (marks
   unchanged since), so that a run opening with no stop word is not walked again. */
static int classify_unknown(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec,
                            size_t a, size_t b, int after_title, int headline,
                            const match_want *title) {
    const nm_token *tok = rec->tokens.v;
    /* "Electricite de (France)", "Universal Life and (General Insurance Sdn Bhd)": a name cut
       before a listed name ends at its last capitalised word, not in a connector */
    while (NM__ENT_RARE(b - a >= 2 && !is_capish(&tok[b - 1])) &&
           (word_is(st, b - 1, NM__WC_CONNECTOR | NM__WC_OF) || keyeq(&tok[b - 1], "and") ||
            keyeq(&tok[b - 1], "&") || keyeq(&tok[b - 1], "for")))
        b--;
    /* after_title 2: the words right before a title ("Emergency Situations Minister") name
       its office, no person */
    int no_person = after_title == 2;
    if (no_person)
        after_title = 0;
    int poss = (tok[b - 1].flags & NM_TF_POSSESSIVE) != 0;
    if (after_title)
        return nm__ent_add(st, rec, a, b, NM_ENT_PERSON, span_text(rec, a, b, poss), poss,
                           NM__SRC_TITLE);
    if (headline)
        return NM_OK;
    /* skip a capitalised stop word opening the run ("The", "But") */
    size_t a0 = a;
    while (a < b && (tok[a].flags & NM_TF_STOP) &&
           (!(tok[a].flags & NM_TF_ALLCAPS) || tok[a].key.len <= 2))
        a++;
    if (a == b)
        return NM_OK;
    nm_str text = span_text(rec, a, b, poss);
    {
        size_t tl;
        const nm__lex_entry *te;
        int tp;
        if (title != NULL && a == a0) {
            tl = title->len;
            te = title->entry;
        } else {
            int rc = nm__ent_match(st, lx, rec, a, b, NM__CUE_TITLE, &tl, &te, &tp);
            if (rc != NM_OK)
                return rc;
        }
        if (te && tl == b - a)
            return NM_OK; /* "Vice President" alone */
    }
    if (b - a == 1 && is_roman(&tok[a]))
        return NM_OK;
    if (b - a == 1 && is_language(st, lx, rec, a))
        return nm__ent_add(st, rec, a, b, NM_ENT_LANGUAGE, text, poss, NM__SRC_CUE);
    const nm__lex_entry *last = tok_entry_at(st, lx, b - 1 - (b - a >= 3 && is_roman(&tok[b - 1])));
    if (b - a >= 2 && last && (last->cues & CUE_TYPED))
        return nm__ent_add(st, rec, a, b, cue_type(last->cues), text, poss, NM__SRC_CUE);
    const nm__lex_entry *first = tok_entry_at(st, lx, a);
    int sent_start = (tok[a].flags & NM_TF_SENT_START) != 0;
    if (b - a >= 2 && first && (first->cues & NM__CUE_EVENTPREFIX))
        return nm__ent_add(st, rec, a, b, NM_ENT_EVENT, text, poss, NM__SRC_CUE);
    /* "River Thames": a river ("Lake Placid", "Mount Vernon" may be towns: the rule below) */
    if (b - a == 2 && keyeq(&tok[a], "river") && !(tok[a].flags & NM_TF_ALLCAPS))
        return nm__ent_add(st, rec, a, b, NM_ENT_LOC, text, poss, NM__SRC_PLACE);
    if (b - a >= 2 && b - a <= 3 && first && (first->cues & NM__CUE_GEOPREFIX))
        return nm__ent_add(st, rec, a, b, NM_ENT_GPE, text, poss, NM__SRC_PLACE);
    /* "in Val Gardena", "near Musa Qala": after "in" or "near" an unknown name is a place even
       when it opens with a given name */
    if (b - a >= 2 && b - a <= 3 && first && (first->flags & NM__LEX_FIRSTNAME) && !poss &&
        a > 0 && (keyeq(&tok[a - 1], "in") || keyeq(&tok[a - 1], "near")) &&
        !(tok[a].flags & NM_TF_SENT_START) && !(tok[b - 1].flags & NM_TF_HAS_DIGIT) &&
        !(b < rec->tokens.n && (tok[b].flags & NM_TF_POSSESSIVE)) &&
        tok[a + 1].key.len > 2 && tok[b - 1].key.len > 2) /* no initial: "in Ivan F. Boesky" */
        return nm__ent_add(st, rec, a, b, NM_ENT_GPE, text, poss, NM__SRC_PLACE);
    /* "Class B", "Series E", "Sizewell B": a word and a bare capital letter name a class of
       shares, a series or a plant; no person */
    if (b - a == 2 && tok[b - 1].key.len == 1 && tok[b - 1].end - tok[b - 1].start == 1 &&
        (tok[b - 1].flags & NM_TF_ALLCAPS) && !(first && (first->flags & NM__LEX_FIRSTNAME)))
        return NM_OK;
    if (b - a >= 2 && first && (first->flags & NM__LEX_FIRSTNAME))
        return no_person ? NM_OK : nm__ent_add(st, rec, a, b, NM_ENT_PERSON, text, poss, NM__SRC_NAME);
    /* "Independence Day", "Christmas Eve": a named day is a DATE, no person; not a paper
       ("Business Day said", "the Business Day newspaper") */
    if (b - a >= 2 && !poss && !(tok[a].flags & NM_TF_ALLCAPS) &&
        (keyeq(&tok[b - 1], "day") || keyeq(&tok[b - 1], "eve")) &&
        !(b < rec->tokens.n && ((nm__ent_word_class(st, st->sh, b) & NM__WC_SPEECH) ||
                                keyeq(&tok[b], "newspaper"))))
        return nm__ent_add(st, rec, a, b, NM_ENT_DATE, text, 0, NM__SRC_CUE);
    /* a dateline: "AL-AIN , United Arab Emirates 1996-12-06", "KABUL 1996-08-30",
       "LYON — ..." */
    if ((tok[a].flags & NM_TF_LINE_START) && (tok[a].flags & NM_TF_ALLCAPS) &&
        (tok[b - 1].flags & NM_TF_ALLCAPS) && b < rec->tokens.n &&
        (tok[b].type == NM_TOK_DATE ||
         (tok[b].end - tok[b].start == 1 && rec->text.ptr[tok[b].start] == ',') ||
         (tok[b].type == NM_TOK_PUNCT && tok[b].key.len >= 1 && tok[b].key.ptr[0] == '-' &&
          tok[b].end - tok[b].start > 1)))
        return nm__ent_add(st, rec, a, b, NM_ENT_GPE, text, poss, NM__SRC_PLACE);
    if (b - a == 1 && (tok[a].flags & NM_TF_ALLCAPS) && tok[a].type == NM_TOK_WORD &&
        !(tok[a].flags & NM_TF_HAS_DIGIT) && tok[a].key.len >= 2 && tok[a].key.len <= 6 &&
        !(first && (first->cues & NM__CUE_COMMON)))
        return nm__ent_add(st, rec, a, b, NM_ENT_ORG, text, poss, NM__SRC_ACRONYM);
    if (a > 0 && word_is(st, a - 1, NM__WC_PLACE_PREP) && b - a <= 3 &&
        !(tok[a].flags & NM_TF_HAS_DIGIT) && !(tok[b - 1].flags & NM_TF_HAS_DIGIT) &&
        !(b - a == 1 && (tok[a].flags & NM_TF_ALLCAPS) && tok[a].key.len <= 3))
        return nm__ent_add(st, rec, a, b, NM_ENT_GPE, text, poss, NM__SRC_PLACE);
    /* "the mayor of Kiryat Shmona", "north of Kandahar": a place after "<place word> of" */
    if (a >= 2 && b - a <= 3 && word_is(st, a - 1, NM__WC_OF) && !(tok[a - 2].flags & NM_TF_CAP) &&
        !(tok[a].flags & NM_TF_HAS_DIGIT) && place_of_word(&tok[a - 2]))
        return nm__ent_add(st, rec, a, b, NM_ENT_GPE, text, poss, NM__SRC_PLACE);
    /* "Anbar province", "Kandahar city": a place before a lower-case place word */
    if (b < rec->tokens.n && b - a <= 3 && !(tok[b].flags & (NM_TF_CAP | NM_TF_ALLCAPS)) &&
        !(tok[b - 1].flags & NM_TF_POSSESSIVE) && !(tok[a].flags & NM_TF_HAS_DIGIT) &&
        place_after_word(&tok[b]))
        return nm__ent_add(st, rec, a, b, place_after_word(&tok[b]), text, poss, NM__SRC_PLACE);
    int parts = 0, caps = 0;
    for (size_t k = a; k < b; k++) {
        if (!(tok[k].flags & NM_TF_CAP))
            continue;
        caps++;
        const nm__lex_entry *ke = tok_entry_at(st, lx, k);
        if (ke && (ke->flags & (NM__LEX_NAMEPART | NM__LEX_FIRSTNAME)))
            parts++;
    }
    /* "Augsburger Allgemeine", "Berliner Zeitung": a town's adjective ("Augsburg" + "er")
       opens the name of a paper or firm of that town, no person */
    if (b - a >= 2 && tok[a].key.len > 5 && !(tok[a].flags & NM_TF_POSSESSIVE) &&
        memcmp(tok[a].key.ptr + tok[a].key.len - 2, "er", 2) == 0) {
        const nm__lex_entry *te = nm__lexicon_getn(lx, tok[a].key.ptr, tok[a].key.len - 2);
        if (te && (te->flags & NM__LEX_GAZ) && te->type == NM_ENT_GPE)
            return nm__ent_add(st, rec, a, b, NM_ENT_ORG, text, poss, NM__SRC_CUE);
    }
    /* "Producer Zulima Palacio", "Archaeologist Zahi Hawass": a sentence-initial word no name
       list knows, shaped like a word for a person's role, before a name with a known name part
       describes the person, who is the rest */
    if (sent_start && b - a >= 3 && caps == (int)(b - a) && parts >= 1 &&
        !(first && (first->flags & (NM__LEX_NAMEPART | NM__LEX_FIRSTNAME | NM__LEX_GAZ))) &&
        !(tok[a].flags & NM_TF_ALLCAPS) && !no_person && role_word(&tok[a]) &&
        !run_has_cue(st, lx, a + 1, b))
        return nm__ent_add(st, rec, a + 1, b, NM_ENT_PERSON, span_text(rec, a + 1, b, poss), poss,
                           NM__SRC_NAME);
    /* "Nancy-Amelia Collins", "Sergei Ivanov": every word a known name part */
    if (b - a >= 2 && caps >= 2 && parts == caps)
        return no_person ? NM_OK : nm__ent_add(st, rec, a, b, NM_ENT_PERSON, text, poss, NM__SRC_NAME);
    if (b - a >= 2 && !(sent_start && b - a == 2 && first && (first->flags & NM__LEX_GAZ)) &&
        !is_roman(&tok[b - 1]) && !run_has_stop_word(rec, a + 1, b) &&
        !plural_end(st, b - 1) && !run_has_common_word(st, rec, a, b))
        return no_person ? NM_OK : nm__ent_add(st, rec, a, b, NM_ENT_PERSON, text, poss, NM__SRC_GUESS);
    if (!sent_start && b < rec->tokens.n && (nm__ent_word_class(st, st->sh, b) & NM__WC_SPEECH) &&
        tok[b - 1].key.len >= 3 && !(last && (last->cues || (last->flags & NM__LEX_GAZ))))
        return no_person ? NM_OK : nm__ent_add(st, rec, a, b, NM_ENT_PERSON, text, poss, NM__SRC_GUESS);
    /* "Ivanov said ...": a sentence-initial unknown word before a speech verb, unless it looks
       like a plural noun ("Investigators said") or the document writes it in lower case */
    if (sent_start && b - a == 1 && b < rec->tokens.n &&
        (nm__ent_word_class(st, st->sh, b) & NM__WC_SPEECH) && tok[a].key.len >= 3 &&
        !(tok[a].flags & NM_TF_ALLCAPS) && !(first && (first->cues || (first->flags & NM__LEX_GAZ))) &&
        (tok[a].key.ptr[tok[a].key.len - 1] != 's' || (first && (first->flags & NM__LEX_NAMEPART))) &&
        !lower_seen(st, rec, tok[a].key.ptr, key_stem(&tok[a])))
        return no_person ? NM_OK : nm__ent_add(st, rec, a, b, NM_ENT_PERSON, text, poss, NM__SRC_GUESS);
    /* "the West", "the North": a compass word standing for a region */
    if (b - a == 1 && a > 0 && keyeq(&tok[a - 1], "the") && first &&
        (first->cues & NM__CUE_GEOPREFIX) && tok[a].key.len <= 5 &&
        (keyeq(&tok[a], "west") || keyeq(&tok[a], "east") ||
         keyeq(&tok[a], "north") || keyeq(&tok[a], "south")))
        return nm__ent_add(st, rec, a, b, NM_ENT_LOC, text, poss, NM__SRC_CUE);
    /* "the Army", "the Cabinet": a capitalised organisation word after "the" */
    if (b - a == 1 && !sent_start && a > 0 && keyeq(&tok[a - 1], "the") && first &&
        (first->cues & NM__CUE_ORG) && !(first->cues & NM__CUE_TITLE))
        return nm__ent_add(st, rec, a, b, NM_ENT_ORG, text, poss, NM__SRC_CUE);
    /* "the Obama administration", "the Karzai government": an unknown name before a word for
       someone's rule is that person */
    if (b - a <= 2 && b < rec->tokens.n && !(tok[b - 1].flags & NM_TF_POSSESSIVE) &&
        !(tok[b].flags & (NM_TF_CAP | NM_TF_ALLCAPS)) && tok[b].key.len >= 3 &&
        !(tok[a].flags & (NM_TF_ALLCAPS | NM_TF_SENT_START | NM_TF_HYPHEN)) &&
        !(tok[b - 1].flags & NM_TF_HYPHEN) && !adjective_like(&tok[b - 1]) &&
        !(last && (last->cues || (last->flags & NM__LEX_GAZ)))) {
        static const char *const RULE[] = {"administration", "government", "regime", "presidency",
                                           "era", "administrations", "governments"};
        if (key_in(&tok[b], RULE, sizeof RULE / sizeof RULE[0]))
            return no_person ? NM_OK : nm__ent_add(st, rec, a, b, NM_ENT_PERSON, text, poss, NM__SRC_GUESS);
    }
    /* a lone capitalised word: decided at document level (a known surname) or dropped */
    if (!sent_start || b - a > 1)
        return nm__ent_add(st, rec, a, b, 0, text, poss, NM__SRC_PENDING);
    return nm__ent_add(st, rec, a, b, 0, text, poss, NM__SRC_PENDING_START);
}

/* Company-form suffixes: "McDonnell Douglas Corp" names the company "McDonnell Douglas".
   inc inc. corp corp. co co. ltd ltd. limited plc llc sa s.a. ag nv n.v. spa gmbh ab asa aps bhd
   bv b.v. pty pte kk oy oyj lp l.p. cos group holdings, by first letter (a capitalised word is
   tested against 0-6). */
static int company_suffix(const nm_token *t) {
    if (t->key.len == 0)
        return 0;
    switch (t->key.ptr[0]) {
    case 'a':
        return keyeq(t, "ag") || keyeq(t, "ab") || keyeq(t, "asa") || keyeq(t, "aps");
    case 'b':
        return keyeq(t, "bhd") || keyeq(t, "bv") || keyeq(t, "b.v.");
    case 'c':
        return keyeq(t, "corp") || keyeq(t, "corp.") || keyeq(t, "co") || keyeq(t, "co.") ||
               keyeq(t, "cos");
    case 'g':
        return keyeq(t, "gmbh") || keyeq(t, "group");
    case 'h':
        return keyeq(t, "holdings");
    case 'i':
        return keyeq(t, "inc") || keyeq(t, "inc.");
    case 'k':
        return keyeq(t, "kk");
    case 'l':
        return keyeq(t, "ltd") || keyeq(t, "ltd.") || keyeq(t, "llc") || keyeq(t, "lp") ||
               keyeq(t, "l.p.") || keyeq(t, "limited");
    case 'n':
        return keyeq(t, "nv") || keyeq(t, "n.v.");
    case 'o':
        return keyeq(t, "oyj") || keyeq(t, "oy");
    case 'p':
        return keyeq(t, "plc") || keyeq(t, "pty") || keyeq(t, "pte");
    case 's':
        return keyeq(t, "sa") || keyeq(t, "s.a.") || keyeq(t, "spa");
    default:
        return 0;
    }
}

/* Is token k a company suffix: its class bit (a listed suffix, capitalised and spaced) and its
   key among company_suffix's forms? */
static int suffix_at(const nm__ent_state *st, const nm_record *rec, size_t k) {
    return (st->cls[k] & NM__TC_SUFFIX) && company_suffix(&rec->tokens.v[k]);
}

/* "Texaco Inc. Standard and Poor's said": does a company suffix written with a period at
   token j - 1 end the name before token j? Not before another suffix ("Co. Inc.", "Co. Plc")
   nor before a last organisation word ("Nikko Securities Co. International."). Any suffix
   ends it before a title ("MCI Communications Corp President Bert Roberts"). */
static int suffix_ends_name(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec,
                            size_t j) {
    const nm_token *tok = rec->tokens.v;
    const nm_token *p = &tok[j - 1];
    if (!suffix_at(st, rec, j - 1) || company_suffix(&tok[j]))
        return 0;
    const nm__lex_entry *e = tok_entry_at(st, lx, j);
    if (e && (e->cues & NM__CUE_TITLE) && !(e->flags & NM__LEX_GAZ))
        return 1; /* "MCI Communications Corp President Bert Roberts" */
    if (p->key.ptr[p->key.len - 1] != '.')
        return 0;
    return !(e && (e->cues & NM__CUE_ORG) && !(e->flags & NM__LEX_GAZ) &&
             (j + 1 >= rec->tokens.n || !is_name_tok(st, rec, j + 1)));
}

/* "Merck and Co Inc", "Morgan Stanley and Co.": the "Co" of a firm's "and Co" (t follows the
   "and"), which joins even a listed name before it. */
static int and_co(const nm_token *t) {
    return keyeq(t, "co") || keyeq(t, "co.") || keyeq(t, "cos") || keyeq(t, "company");
}

/* Learns the company names the document writes with a company suffix, before the names pass. */
static int learn_companies(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec) {
    const nm_token *tok = rec->tokens.v;
    st->companies.n = 0;
    for (size_t i = 1; (i = nm__ent_next_cls(st->cls, i, rec->tokens.n, NM__TC_SUFFIX)) <
                       rec->tokens.n;
         i++) {
        if (!company_suffix(&tok[i]))
            continue;
        size_t s = i;
        while (s > 0 && i - s < 6 && is_name_tok(st, rec, s - 1) &&
               !(tok[s - 1].flags & NM_TF_POSSESSIVE) && (tok[s].flags & NM_TF_SPACE_BEFORE) &&
               one_space(rec->text.ptr + tok[s - 1].end, tok[s].start - tok[s - 1].end) &&
               !suffix_ends_name(st, lx, rec, s))
            s--;
        while (s < i && (tok[s].flags & NM_TF_STOP) && !(tok[s].flags & NM_TF_ALLCAPS))
            s++;
        if (s == i)
            continue;
        const nm__lex_entry *h = tok_entry_at(st, lx, s);
        if (h && (h->cues & NM__CUE_TITLE) && !(h->flags & NM__LEX_GAZ))
            continue;
        if (i - s == 1 && h && (h->flags & NM__LEX_GAZ))
            continue; /* "Boston Corp": a later "Boston" stays the city */
        if (st->companies.n >= 64)
            break; /* bounded work per token in huge documents */
        nm__ent_company *co = NM__VEC_PUSH(st->companies);
        if (co == NULL)
            return NM_ERR_NOMEM;
        co->tb = (uint32_t)s;
        co->te = (uint32_t)i;
        co->norm = (nm_str){rec->text.ptr + tok[s].start, tok[i].end - tok[s].start};
    }
    return NM_OK;
}

/* Longest learnt company name at token pos within [pos, b): its token count, or 0. */
static size_t company_at(const nm__ent_state *st, const nm_record *rec, size_t pos, size_t b,
                         const nm__ent_company **hit) {
    const nm_token *tok = rec->tokens.v;
    size_t best = 0;
    for (size_t c = 0; c < st->companies.n; c++) {
        const nm__ent_company *co = &st->companies.v[c];
        size_t len = co->te - co->tb;
        if (len <= best || pos + len > b || co->tb == pos)
            continue;
        size_t k = 0;
        for (; k < len; k++) {
            const nm_token *x = &tok[pos + k], *y = &tok[co->tb + k];
            size_t xl = (k + 1 == len && (x->flags & NM_TF_POSSESSIVE)) ? key_stem(x) : x->key.len;
            if (xl != y->key.len || memcmp(x->key.ptr, y->key.ptr, xl) != 0)
                break;
        }
        if (k == len) {
            best = len;
            *hit = co;
        }
    }
    return best;
}

/* A state body a people's adjective can own ("Foreign Ministry", "Embassy", "Army"), as the
   last word of an n-word run; a ministry or court needs its kind ("Foreign", "Supreme": the
   "European Court" is a name). */
static int state_body(const nm_token *t, size_t n) {
    static const char *const BODY[] = {"ministry", "court",   "embassy", "consulate",
                                       "cabinet",  "army",    "navy",    "tribunal"};
    size_t len = key_stem(t);
    for (size_t i = 0; i < sizeof BODY / sizeof BODY[0]; i++)
        if (strlen(BODY[i]) == len && memcmp(t->key.ptr, BODY[i], len) == 0)
            return i > 1 || n >= 3;
    return 0;
}

/* "Credit Foncier (de France)": are the 2+ words [a, e) before a connector no person's name
   (the first no given name nor listed name, the last no name part)? */
static int institution_words(nm__ent_state *st, const nm__lexicon *lx, size_t a, size_t e) {
    if (e < a + 2)
        return 0;
    const nm__lex_entry *fe = tok_entry_at(st, lx, a), *le = tok_entry_at(st, lx, e - 1);
    return !(fe && (fe->flags & (NM__LEX_FIRSTNAME | NM__LEX_GAZ))) &&
           !(le && (le->flags & (NM__LEX_FIRSTNAME | NM__LEX_NAMEPART | NM__LEX_GAZ)));
}

/* "Barclays de Zoete Wedd": when the run's rest [unk, b) opens with "de", "du", "des", "del"
   or "di" right after an organisation found in [a, unk), that organisation goes on to b (the
   candidate grows; its norm becomes its text). Returns 1 when it did. */
static int org_goes_on(nm__ent_state *st, const nm_record *rec, size_t a, size_t unk, size_t b) {
    const nm_token *t = &rec->tokens.v[unk]; /* a Romance "of": no "von Urff" */
    if (unk == a || unk + 1 >= b || st->cands.n == 0 ||
        !(keyeq(t, "de") || keyeq(t, "du") || keyeq(t, "des") || keyeq(t, "del") ||
          keyeq(t, "di")))
        return 0;
    nm__ent_cand *c = &st->cands.v[st->cands.n - 1];
    if (c->type != NM_ENT_ORG || c->te != unk || c->tb < a ||
        (rec->tokens.v[unk - 1].flags & NM_TF_POSSESSIVE))
        return 0;
    int poss = (rec->tokens.v[b - 1].flags & NM_TF_POSSESSIVE) != 0;
    c->te = (uint32_t)b;
    c->end = rec->tokens.v[b - 1].end - (poss ? poss_len(rec, &rec->tokens.v[b - 1]) : 0);
    c->norm = span_text(rec, c->tb, b, poss);
    for (size_t k = unk; k < b; k++)
        st->mark[k] = NM__MARK_NAME;
    return 1;
}

/* Are the tokens [a, b) all company suffixes ("Co Plc")? */
static int suffixes_only(const nm__ent_state *st, const nm_record *rec, size_t a, size_t b) {
    for (size_t k = a; k < b; k++)
        if (!suffix_at(st, rec, k))
            return 0;
    return 1;
}

/* Splits the capitalised run [a, b) into gazetteer names, titles + persons and unknown runs. */
/* After a listed company that is also a given name, is token i a cue word that ends a name
   of its own ("Ford City") or a listed surname ("Nike Bent", a skier), unlike a model name
   ("Ford Focus")? */
static int name_goes_on_at(nm__ent_state *st, const nm__lexicon *lx, size_t i) {
    const nm__lex_entry *e = tok_entry_at(st, lx, i);
    return e && ((e->cues & CUE_TYPED) || (e->flags & NM__LEX_NAMEPART));
}

/* Is token i, after a place, a word that makes the two a firm's name: capitalised (not all
   caps), no digit, and in no name list, cue list or the document's lower-case words? */
static int place_firm_word(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec,
                           size_t i) {
    const nm_token *t = &rec->tokens.v[i];
    if ((t->flags & (NM_TF_CAP | NM_TF_ALLCAPS | NM_TF_HAS_DIGIT | NM_TF_HYPHEN)) != NM_TF_CAP ||
        t->type != NM_TOK_WORD || t->key.len < 4 || st->mark[i] != NM__MARK_FREE)
        return 0;
    const nm__lex_entry *e = tok_entry_at(st, lx, i);
    if (e && (e->cues || (e->flags & (NM__LEX_GAZ | NM__LEX_FIRSTNAME | NM__LEX_NAMEPART))))
        return 0;
    /* "Pacific Northwest", "Texas Panhandle", "Chicago Heights": a part of the place; "New
       York Sept 30": a month */
    static const word_end PARTS[] = {{"west", 4},    {"east", 4},    {"north", 5}, {"south", 5},
                                     {"handle", 6}, {"heights", 7}, {"sept", 4}};
    if (key_ends_in(t->key.ptr, key_stem(t), 0, PARTS, sizeof PARTS / sizeof PARTS[0]))
        return 0;
    return !lower_seen(st, rec, t->key.ptr, key_stem(t));
}

static int classify_run(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec, size_t a,
                        size_t b, int headline) {
    const nm_token *tok = rec->tokens.v;
    int rc;
    /* a run ending with an organisation / law / event / facility word is one entity */
    size_t lcl;
    const nm__lex_entry *le;
    int lposs;
    /* the walk at a (a gazetteer name and a title), made once for the rules below and the
       first step of the loop: none of them marks a token before that step */
    match_want at_a[2] = {{NM__WANT_GAZ, 0, NULL, 0}, {NM__CUE_TITLE, 0, NULL, 0}};
    int walked_a = 0;
    if (b - a >= 2 && !headline) {
        if ((rc = match_walk2(st, lx, rec, a, b, at_a)) != NM_OK)
            return rc;
        walked_a = 1;
        const nm__lex_entry *whole = at_a[0].entry;
        size_t wl = at_a[0].len;
        if (whole == NULL || wl < b - a) {
            const nm__lex_entry *last =
                tok_entry_at(st, lx, b - 1 - (b - a >= 3 && is_roman(&tok[b - 1])));
            const nm__lex_entry *first = tok_entry_at(st, lx, a);
            int starts_title = first && (first->cues & NM__CUE_TITLE) && !(first->flags & NM__LEX_GAZ);
            /* "Texas Sen. John Tower": a title inside the run means a person, not a building */
            for (size_t k = a + 1; k + 1 < b && !starts_title; k++) {
                const nm__lex_entry *ke = tok_entry_at(st, lx, k);
                if (ke && (ke->cues & NM__CUE_TITLE) && !(ke->flags & NM__LEX_GAZ) &&
                    (tok[k].type == NM_TOK_ABBREV || !(ke->cues & CUE_TYPED)))
                    starts_title = 1;
            }
            /* "John Tower", "Rich Hall": a given name and a place word is a person */
            if (b - a == 2 && first && (first->flags & NM__LEX_FIRSTNAME) && last &&
                !(last->cues & (NM__CUE_ORG | NM__CUE_LAW | NM__CUE_EVENT)))
                starts_title = 1;
            if (last && (last->cues & CUE_TYPED) && !starts_title) {
                size_t s = a;
                while (s < b && (tok[s].flags & NM_TF_STOP) && !(tok[s].flags & NM_TF_ALLCAPS))
                    s++;
                int poss = (tok[b - 1].flags & NM_TF_POSSESSIVE) != 0;
                /* "the Chinese Foreign Ministry", "the Japanese Embassy": a people's adjective
                   before a state body only says whose it is (the ministry's name is "Ministry of
                   Foreign Affairs"): NORP + ORG */
                const nm__lex_entry *owner = s < b ? tok_entry_at(st, lx, s) : NULL;
                if (b - s >= 2 && owner && (owner->flags & NM__LEX_GAZ) &&
                    owner->type == NM_ENT_NORP && state_body(&tok[b - 1], b - s) &&
                    !(s > 0 && (tok[s - 1].flags & (NM_TF_CAP | NM_TF_ALLCAPS)) &&
                      !(tok[s - 1].flags & NM_TF_STOP)) &&
                    !(b < rec->tokens.n && word_is(st, b, NM__WC_OF))) {
                    if ((rc = nm__ent_add(st, rec, s, s + 1, NM_ENT_NORP,
                                          nm__lexicon_norm(lx, owner), 0, NM__SRC_LEXICON)) !=
                        NM_OK)
                        return rc;
                    return nm__ent_add(st, rec, s + 1, b, NM_ENT_ORG,
                                       span_text(rec, s + 1, b, poss), poss, NM__SRC_CUE);
                }
                if (b - s >= 2) {
                    return nm__ent_add(st, rec, s, b, cue_type(last->cues),
                                       span_text(rec, s, b, poss), poss, NM__SRC_CUE);
                }
            }
        }
    }
    if (b - a >= 3 && !headline) {
        for (size_t k = a + 1; k + 1 < b; k++) {
            if (!word_is(st, k, NM__WC_OF) && !keyeq(&tok[k], "for"))
                continue;
            const nm__lex_entry *ce = tok_entry_at(st, lx, k - 1);
            const nm__lex_entry *first = tok_entry_at(st, lx, a);
            if (at_a[0].entry && at_a[0].len == b - a)
                break; /* a whole gazetteer name (walked above: b - a >= 2, no headline) */
            if (ce && (ce->cues & CUE_TYPED) && !(ce->cues & NM__CUE_TITLE) &&
                !(first && (first->cues & NM__CUE_TITLE) && !(first->flags & NM__LEX_GAZ))) {
                size_t s = a;
                while (s < k - 1 && (tok[s].flags & NM_TF_STOP) && !(tok[s].flags & NM_TF_ALLCAPS))
                    s++;
                int poss = (tok[b - 1].flags & NM_TF_POSSESSIVE) != 0;
                return nm__ent_add(st, rec, s, b, cue_type(ce->cues), span_text(rec, s, b, poss),
                                   poss, NM__SRC_CUE);
            }
            break;
        }
    }
    size_t pos = a, unk = a;
    /* the title want of the walk at unk (to b), for classify_unknown over [unk, b): between it
       and that call only steps that mark nothing (each step that marks moves unk) */
    match_want unk_title = {NM__CUE_TITLE, 0, NULL, 0};
    size_t unk_title_at = SIZE_MAX;
    while (pos < b) {
        const nm__ent_company *co = NULL;
        size_t cl = company_at(st, rec, pos, b, &co);
        if (cl) {
            if (unk < pos && (rc = classify_unknown(st, lx, rec, unk, pos, 0, headline, NULL)) != NM_OK)
                return rc;
            int cp = (tok[pos + cl - 1].flags & NM_TF_POSSESSIVE) != 0;
            if ((rc = nm__ent_add(st, rec, pos, pos + cl, NM_ENT_ORG, co->norm, cp,
                                  NM__SRC_DOC)) != NM_OK)
                return rc;
            pos += cl;
            unk = pos;
            continue;
        }
        /* the walk at pos: the one made above at a, else a new one; read field by field
           through a pointer, not copied whole (a 16-byte copy of fields the walk has just
           stored one by one waits for the stores: a store-forwarding stall) */
        match_want mw[2] = {{NM__WANT_GAZ, 0, NULL, 0}, {NM__CUE_TITLE, 0, NULL, 0}};
        const match_want *w2 = at_a;
        if (!(pos == a && walked_a)) {
            if ((rc = match_walk2(st, lx, rec, pos, b, mw)) != NM_OK)
                return rc;
            w2 = mw;
        }
        lcl = w2[0].len;
        le = w2[0].entry;
        lposs = w2[0].poss;
        size_t tl = w2[1].len;
        const nm__lex_entry *te = w2[1].entry;
        int tposs = w2[1].poss;
        if (pos == unk) {
            unk_title.len = tl; /* its want stays NM__CUE_TITLE */
            unk_title.entry = te;
            unk_title.poss = tposs;
            unk_title_at = pos;
        }
        if (te == NULL && (title_suffixed(rec, &tok[pos]) || title_compound(lx, rec, &tok[pos]))) {
            te = &nm__ent1_unset; /* any non-NULL entry: a one-token title */
            tl = 1;
            tposs = 0;
        }
        if (te && tl > lcl && pos + tl < b && !tposs) {
            if (unk < pos && (rc = classify_unknown(st, lx, rec, unk, pos, 2, headline, NULL)) != NM_OK)
                return rc;
            for (size_t k = pos; k < pos + tl; k++)
                st->mark[k] = NM__MARK_TITLE;
            size_t s = pos + tl;
            /* chained titles: "Deputy Secretary of State", "former Prime Minister" */
            for (;;) {
                size_t l2;
                const nm__lex_entry *t2;
                int p2;
                if ((rc = nm__ent_match(st, lx, rec, s, b, NM__CUE_TITLE, &l2, &t2, &p2)) != NM_OK)
                    return rc;
                if (t2 && !p2 && s + l2 == b) {
                    /* "Deputy Foreign Minister" and no name: all title */
                    for (size_t k = s; k < b; k++)
                        st->mark[k] = NM__MARK_TITLE;
                    return NM_OK;
                }
                if (t2 == NULL || p2 || s + l2 >= b)
                    break;
                for (size_t k = s; k < s + l2; k++)
                    st->mark[k] = NM__MARK_TITLE;
                s += l2;
            }
            if (word_is(st, s, NM__WC_OF)) {
                /* "President of France": no person here; go on after "of" */
                pos = unk = s + 1;
                continue;
            }
            if (keyeq(&tok[s], "for")) {
                /* "Inspector General for Iraq Reconstruction Stuart Bowen": the office runs
                   to the first given name, the person is the rest (none: all office) */
                size_t k = s + 1;
                for (; k < b; k++) {
                    const nm__lex_entry *ke = tok_entry_at(st, lx, k);
                    if (ke && (ke->flags & NM__LEX_FIRSTNAME) && !(ke->flags & NM__LEX_GAZ))
                        break;
                }
                for (size_t m = s; m < k; m++)
                    st->mark[m] = NM__MARK_TITLE;
                return k < b ? classify_unknown(st, lx, rec, k, b, 1, headline, NULL) : NM_OK;
            }
            /* "President Emmanuel Macron of France": the person is the rest of the run */
            const nm__lex_entry *ge;
            size_t gl;
            int gp;
            if ((rc = nm__ent_match(st, lx, rec, s, b, NM__WANT_GAZ, &gl, &ge, &gp)) != NM_OK)
                return rc;
            if (ge && s + gl == b && ge->type != NM_ENT_PERSON && gl > 1)
                return nm__ent_add(st, rec, s, b, ge->type, nm__lexicon_norm(lx, ge), gp,
                                   NM__SRC_LEXICON);
            /* "Premier League", "Senate Committee": the "title" opens a name that a cue word
               ends; no person */
            const nm__lex_entry *ce = b - s == 1 ? tok_entry_at(st, lx, s) : NULL;
            /* "General DataComm Industries Inc": or a company suffix */
            if (ce == NULL && company_suffix(&tok[b - 1]))
                ce = tok_entry_at(st, lx, b - 1);
            if (ce && (ce->cues & CUE_TYPED) && !(ce->cues & NM__CUE_TITLE) && !headline) {
                for (size_t k = pos; k < s; k++)
                    st->mark[k] = NM__MARK_FREE;
                int cp = (tok[b - 1].flags & NM_TF_POSSESSIVE) != 0;
                return nm__ent_add(st, rec, pos, b, cue_type(ce->cues), span_text(rec, pos, b, cp),
                                   cp, NM__SRC_CUE);
            }
            if (headline) {
                /* "PRESIDENT OBAMA VISITS CHINA": an all-caps headline shows no end of the
                   name; it is a surname, or a given name, an initial and a surname ("SENATOR
                   JOHN MCCAIN DIES"), and the gazetteer goes on after it */
                const nm__lex_entry *fe = tok_entry_at(st, lx, s);
                if (fe && (fe->flags & NM__LEX_GAZ) && fe->type != NM_ENT_PERSON &&
                    !(fe->flags & NM__LEX_FIRSTNAME)) {
                    pos = unk = s; /* "MAJOR U.S. RETAILERS": a listed name, no person */
                    continue;
                }
                size_t k = s + 1;
                if (fe && (fe->flags & NM__LEX_FIRSTNAME) && k < b) {
                    if (tok[k].key.len == 1 || (tok[k].key.len == 2 && tok[k].key.ptr[1] == '.'))
                        k++; /* "GEORGE W. BUSH" */
                    k = k < b ? k + 1 : k;
                }
                if ((rc = classify_unknown(st, lx, rec, s, k, 1, headline, NULL)) != NM_OK)
                    return rc;
                pos = unk = k;
                continue;
            }
            return classify_unknown(st, lx, rec, s, b, 1, headline, NULL);
        }
        /* (a listed company that is also a given name before one word that ends no name
           stays the company: "Renault Clio", "Ford Focus") */
        if (le && lcl == 1 && (le->flags & NM__LEX_FIRSTNAME) && le->type != NM_ENT_NORP &&
            !(le->type == NM_ENT_ORG && pos + 2 == b && !name_goes_on_at(st, lx, pos + 1)) &&
            pos + 1 < b && !word_is(st, pos + 1, NM__WC_CONNECTOR) && !(tok[pos].flags & NM_TF_POSSESSIVE)) {
            size_t l2;
            const nm__lex_entry *e2;
            int p2;
            if ((rc = nm__ent_match(st, lx, rec, pos + 1, b, NM__WANT_GAZ, &l2, &e2, &p2)) != NM_OK)
                return rc;
            if (e2 == NULL)
                le = NULL; /* "Virginia Smith": left to the unknown-run rules */
        }
        /* "SURPRISE", "Reading ...": a minor place name that is also a common word counts
           only where its capital letter means something */
        if (le && lcl == 1 && (le->flags & NM__LEX_MINOR) &&
            (headline || (tok[pos].flags & NM_TF_SENT_START)) &&
            lower_seen(st, rec, tok[pos].key.ptr, key_stem(&tok[pos])))
            le = NULL;
        if (le && lcl == 1 && (le->flags & NM__LEX_MINOR) && headline && b - a > 1)
            le = NULL;
        /* "Mon., Jan. 5", "resumes Mon. at 9": the weekday, not Myanmar's Mon State */
        if (NM__ENT_RARE(le && lcl == 1 && (le->flags & NM__LEX_MINOR) &&
                         keyeq(&tok[pos], "mon")) &&
            pos + 2 < rec->tokens.n && keyeq(&tok[pos + 1], ".") &&
            tok[pos + 1].start == tok[pos].end && !(tok[pos + 2].flags & NM_TF_SENT_START))
            le = NULL;
        /* "Raul Gibb Guerrero", "Victor Sanchez Rodriguez": a town that is also a surname,
           after a given name and another name word, ends the person's name */
        if (le && lcl == 1 && !headline && pos >= unk + 2 && (le->flags & NM__LEX_NAMEPART) &&
            (le->type == NM_ENT_GPE || le->type == NM_ENT_LOC) &&
            !(tok[pos - 1].flags & NM_TF_POSSESSIVE) && (tok[pos].flags & NM_TF_CAP) &&
            !(tok[pos].flags & (NM_TF_ALLCAPS | NM_TF_LINE_START))) {
            const nm__lex_entry *ue = tok_entry_at(st, lx, unk);
            const nm__lex_entry *pe = tok_entry_at(st, lx, pos - 1);
            if (ue && (ue->flags & NM__LEX_FIRSTNAME) && !(ue->flags & NM__LEX_GAZ) && pe &&
                (pe->flags & NM__LEX_NAMEPART) && !(pe->flags & NM__LEX_GAZ))
                le = NULL;
        }
        if (le) {
            /* "Banco de Portugal", "Universidad de Chile": unknown words joined to a place by a
               connector name an institution of that place, not a person */
            if (unk + 2 <= pos && pos + lcl == b && !headline && !lposs &&
                (le->type == NM_ENT_GPE || le->type == NM_ENT_LOC) &&
                word_is(st, pos - 1, NM__WC_CONNECTOR) && (tok[unk].flags & NM_TF_CAP)) {
                const nm__lex_entry *ue = tok_entry_at(st, lx, unk);
                if (!(ue && (ue->flags & (NM__LEX_FIRSTNAME | NM__LEX_NAMEPART | NM__LEX_GAZ))) ||
                    institution_words(st, lx, unk, pos - 1))
                    return nm__ent_add(st, rec, unk, b, NM_ENT_ORG, span_text(rec, unk, b, 0), 0,
                                       NM__SRC_CUE);
            }
            /* "Lake Victoria", "Mount Kenya": a feature named after a listed place */
            if (unk + 1 == pos && pos + lcl == b && !headline && feature_word(&tok[unk]) &&
                !(tok[unk].flags & NM_TF_ALLCAPS) &&
                (le->type == NM_ENT_GPE || le->type == NM_ENT_LOC))
                return nm__ent_add(st, rec, unk, b, NM_ENT_LOC, span_text(rec, unk, b, lposs),
                                   lposs, NM__SRC_PLACE);
            if (unk < pos && (rc = classify_unknown(st, lx, rec, unk, pos, 0, headline, NULL)) != NM_OK)
                return rc;
            /* "Texas Instruments", "Pacific Telesis": a place (no name part, not all caps:
               "U.S.", "Medina") and one word no list knows end the run: a firm or team of
               that place (the word was a PERSON before a speech verb) */
            if (pos == a && pos + lcl + 1 == b && !headline && !lposs &&
                (le->type == NM_ENT_GPE || le->type == NM_ENT_LOC) &&
                !(le->flags & (NM__LEX_FIRSTNAME | NM__LEX_NAMEPART)) &&
                !(tok[a].flags & NM_TF_ALLCAPS) && place_firm_word(st, lx, rec, b - 1)) {
                int fp = (tok[b - 1].flags & NM_TF_POSSESSIVE) != 0;
                return nm__ent_add(st, rec, a, b, NM_ENT_ORG, span_text(rec, a, b, fp), fp,
                                   NM__SRC_CUE);
            }
            /* "U.S. House of Representatives": a country before an organisation name is part
               of it */
            if (le->type == NM_ENT_GPE && !lposs && pos + lcl < b) {
                size_t ol;
                const nm__lex_entry *oe;
                int op;
                if ((rc = nm__ent_match(st, lx, rec, pos + lcl, b, NM__WANT_GAZ, &ol, &oe, &op)) !=
                    NM_OK)
                    return rc;
                if (oe && oe->type == NM_ENT_ORG && pos + lcl + ol == b && ol >= 2)
                    return nm__ent_add(st, rec, pos, b, NM_ENT_ORG, span_text(rec, pos, b, op), op,
                                       NM__SRC_LEXICON);
            }
            /* "General Electric Co Plc": a listed company and only suffixes after it */
            if (le->type == NM_ENT_ORG && !lposs && pos + lcl < b && !headline &&
                suffixes_only(st, rec, pos + lcl, b)) {
                int sp = (tok[b - 1].flags & NM_TF_POSSESSIVE) != 0;
                return nm__ent_add(st, rec, pos, b, NM_ENT_ORG, span_text(rec, pos, b, sp), sp,
                                   NM__SRC_LEXICON);
            }
            int type = le->type;
            if (lcl == 1 && is_language(st, lx, rec, pos))
                type = NM_ENT_LANGUAGE;
            if ((rc = nm__ent_add(st, rec, pos, pos + lcl, type, nm__lexicon_norm(lx, le), lposs,
                                  NM__SRC_LEXICON)) != NM_OK)
                return rc;
            pos += lcl;
            unk = pos;
            continue;
        }
        pos++;
    }
    if (unk < b && !headline && org_goes_on(st, rec, a, unk, b))
        return NM_OK;
    if (unk < b)
        return classify_unknown(st, lx, rec, unk, b, 0, headline,
                                unk_title_at == unk ? &unk_title : NULL);
    return NM_OK;
}

/* Is sentence s an all-caps headline (most letters-bearing words all caps)? */
static int is_headline(const nm__ent_state *st, const nm_sentence *s) {
    /* caps * 10 >= words * 8 means lower * 5 <= words <= the token count: most sentences are
       decided after their first eight tokens. Eight class bytes a step: bit 3 of each is
       NM__TC_ALPHA, bit 4 NM__TC_ALLCAPS; a multiply sums eight 0/1 bytes into the top one. */
    _Static_assert(NM__TC_ALPHA == 1u << 3 && NM__TC_ALLCAPS == 1u << 4, "class bits");
    const uint64_t ones = 0x0101010101010101ull;
    const uint8_t *cls = st->cls;
    size_t words = 0, lower = 0, len = s->tok_end - s->tok_begin, i = s->tok_begin;
    for (; i + 8 <= s->tok_end; i += 8) {
        uint64_t x;
        memcpy(&x, cls + i, 8);
        uint64_t alpha = (x >> 3) & ones;
        lower += (size_t)(((alpha & ~(x >> 4)) * ones) >> 56);
        if (lower * 5 > len)
            return 0;
        words += (size_t)((alpha * ones) >> 56);
    }
    for (; i < s->tok_end; i++) {
        unsigned c = cls[i];
        words += (c & NM__TC_ALPHA) != 0;
        if ((c & (NM__TC_ALPHA | NM__TC_ALLCAPS)) == NM__TC_ALPHA && ++lower * 5 > len)
            return 0;
    }
    return words >= 3 && lower * 5 <= words;
}

/* Do tokens a and b have the same key? */
static int keys_eq(const nm_token *a, const nm_token *b) {
    return a->key.len == b->key.len && memcmp(a->key.ptr, b->key.ptr, a->key.len) == 0;
}

/* Does a company name learnt with its suffix, of 3 tokens or more, start at token i? With
   more, or one whose first two words are those at i ("National Amusements Inc ... National
   Amusements holds")? */
static int company_opens(const nm__ent_state *st, const nm_record *rec, size_t i, int more) {
    const nm_token *tok = rec->tokens.v;
    for (size_t c = 0; c < st->companies.n; c++) {
        const nm__ent_company *co = &st->companies.v[c];
        if (co->te - co->tb < 2)
            continue;
        if (co->tb == i)
            return 1;
        if (more && i + 1 < rec->tokens.n && keys_eq(&tok[co->tb], &tok[i]) &&
            keys_eq(&tok[co->tb + 1], &tok[i + 1]))
            return 1;
    }
    return 0;
}

/* "Marks & Spencer", "Barnes & Noble Inc": the end of a firm's name of one or two capitalised
   words, a spaced "&" at j and one to three more (no listed place or people on either side;
   "R & D" has single letters; no place word last), or 0. */
static NM__ENT_COLD size_t amp_firm_end(nm__ent_state *st, const nm__lexicon *lx,
                                         const nm_record *rec, size_t i, size_t j, size_t te) {
    const nm_token *tok = rec->tokens.v;
    if (j - i > 2 || j + 1 >= te || !keyeq(&tok[j], "&") || !is_name_tok(st, rec, j + 1) ||
        !(tok[j + 1].flags & NM_TF_SPACE_BEFORE))
        return 0;
    const size_t side[2] = {j - 1, j + 1};
    for (size_t n = 0; n < 2; n++) {
        const nm_token *t = &tok[side[n]];
        if ((t->flags & (NM_TF_CAP | NM_TF_ALLCAPS)) != NM_TF_CAP || t->key.len < 3)
            return 0;
    }
    const size_t ends[2] = {i, j + 1};
    for (size_t n = 0; n < 2; n++) {
        const nm__lex_entry *e = tok_entry_at(st, lx, ends[n]);
        if (e && (e->flags & NM__LEX_GAZ) &&
            (e->type == NM_ENT_GPE || e->type == NM_ENT_LOC || e->type == NM_ENT_NORP))
            return 0;
    }
    size_t k = j + 2; /* (to a company suffix: "Merrill Lynch & Co. Due") */
    while (k < te && k < j + 4 && !(tok[k - 1].flags & NM_TF_POSSESSIVE) &&
           !company_suffix(&tok[k - 1]) && is_name_tok(st, rec, k) &&
           (tok[k].flags & NM_TF_SPACE_BEFORE))
        k++;
    /* "Andaman & Nicobar Islands": a place word, not a firm's */
    const nm__lex_entry *le = tok_entry_at(st, lx, k - 1);
    return le && (le->cues & CUE_TYPED) && !(le->cues & NM__CUE_ORG) ? 0 : k;
}

/*
 * A sentence-initial capitalised word that is no name: a listed opener ("Later", "Officials"),
 * a stop word, or a word the document also writes in lower case nearby ("Talks ... talks").
 */
static int common_opener(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec,
                         size_t i) {
    const nm_token *tok = rec->tokens.v;
    const nm_token *t = &tok[i];
    if (((t->flags & (NM_TF_SENT_START | NM_TF_ALLCAPS)) ^ NM_TF_SENT_START) |
        (unsigned)(t->type ^ NM_TOK_WORD))
        return 0; /* (one test: no sentence start, all capitals, or no word) */
    const nm__lex_entry *e = tok_entry_at(st, lx, i);
    if (e && (e->flags & NM__LEX_PREFIX)) {
        /* a listed name or title of 2+ words starts here: "Human Rights Watch", "Chief
           Executive Kim Seo-yeon" (one walk for both) */
        match_want w[2] = {{NM__WANT_GAZ, 0, NULL, 0}, {NM__CUE_TITLE, 0, NULL, 0}};
        if (match_walk2(st, lx, rec, i, rec->tokens.n, w) == NM_OK &&
            ((w[0].entry && w[0].len >= 2) || (w[1].entry && w[1].len >= 2)))
            return 0;
    }
    if (e && (e->cues & NM__CUE_OPENER))
        /* "First Union Corp said", "National Westminster Bank Plc": an opener that may open
           a company name does when the document writes that name with its suffix */
        return !((e->cues & NM__CUE_FIRMOPENER) && company_opens(st, rec, i, 1));
    if (e && ((e->flags & (NM__LEX_GAZ | NM__LEX_FIRSTNAME)) || (e->cues & CUE_TYPED) ||
              (e->cues & NM__CUE_TITLE)))
        return 0;
    if (t->flags & NM_TF_STOP)
        return 1;
    (void)tok;
    if (!lower_seen(st, rec, t->key.ptr, t->key.len))
        return 0;
    /* "Computer Terminal Systems Inc said", "National Intergroup Inc said": a word the text
       also writes in lower case opens a company name the document writes with its suffix */
    return !company_opens(st, rec, i, 0);
}

/*
 * names_pass's rare case at a free capitalised token i with a hyphen or ending in "-based":
 * "London-based" gives the place before "-based"; "Ethiopian-born", "Kremlin-backed" give the
 * gazetteer name before the hyphen. Returns 1 when it added a candidate over i (and marked it),
 * 0 when not, NM_ERR_NOMEM.
 */
static NM__ENT_NOINLINE int hyphen_name(nm__ent_state *st, const nm__lexicon *lx,
                                        const nm_record *rec, size_t i) {
    const nm_token *t = &rec->tokens.v[i];
    uint32_t end;
    uint16_t type, src;
    nm_str norm;
    if (t->end - t->start > 7 && memcmp(rec->text.ptr + t->end - 6, "-based", 6) == 0) {
        end = t->end - 6;
        type = NM_ENT_GPE;
        src = NM__SRC_PLACE;
        norm = (nm_str){rec->text.ptr + t->start, end - t->start};
    } else {
        size_t tail;
        if (!(t->flags & NM_TF_HYPHEN) || (tail = lower_tail(rec, t)) == 0 ||
            title_suffixed(rec, t) || t->end - t->start <= tail + 2)
            return 0;
        size_t plen = t->end - t->start - tail - 1;
        if (plen >= 64)
            return 0;
        char buf[64];
        for (size_t kl = 0; kl < plen; kl++) {
            char ch = rec->text.ptr[t->start + kl];
            buf[kl] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        }
        const nm__lex_entry *pe = nm__lexicon_getn(lx, buf, plen);
        if (!pe || !(pe->flags & NM__LEX_GAZ) || (pe->flags & NM__LEX_CASE) ||
            pe->type == NM_ENT_NORP)
            return 0;
        end = t->start + (uint32_t)plen;
        type = pe->type;
        src = NM__SRC_LEXICON;
        norm = nm__lexicon_norm(lx, pe);
    }
    nm__ent_cand *c = NM__VEC_PUSH(st->cands);
    if (c == NULL)
        return NM_ERR_NOMEM;
    *c = (nm__ent_cand){(uint32_t)i, (uint32_t)i + 1, t->start, end, type, src, norm};
    st->mark[i] = NM__MARK_NAME;
    return 1;
}

/* Is the sentence [tb, te) a title-case headline ("Schneider Electric Reaches Agreement With
   Soitec for Solar Power Venture"): 8+ capitalised tokens and no lower-case word of 3+ letters
   but stop words? */
static int title_case_line(const nm__ent_state *st, size_t tb, size_t te) {
    if (te - tb < 8)
        return 0;
    for (size_t j = tb; (j = nm__ent_next_cls(st->cls, j, te, NM__TC_LOWERW)) < te; j++)
        if (st->toks[j].key.len >= 3)
            return 0;
    size_t caps = 0;
    for (size_t k = tb; k < te; k++)
        caps += (st->cls[k] & NM__TC_CAP) != 0;
    return caps >= 8;
}

/*
 * "Southern New England\nTelecommunications Inc said": a name that a hard-wrapped line break
 * split into two sentences. A run reaching its sentence's end at token j goes on over a single
 * line break when up to five more name words (or "and", "&" between two) and then a company
 * suffix follow, the sentence (from token tb) is no title-case headline and the run (from
 * token i) shares no word with the words after the break; returns the new end (after the
 * suffixes), or j.
 */
static size_t wrapped_company_end(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec,
                                  size_t tb, size_t i, size_t j) {
    const nm_token *tok = rec->tokens.v;
    size_t n = rec->tokens.n;
    if (title_case_line(st, tb, j))
        return j;
    if (j >= n || !(tok[j].flags & NM_TF_LINE_START) ||
        line_break_len(rec->text.ptr + tok[j - 1].end, tok[j].start - tok[j - 1].end) !=
            tok[j].start - tok[j - 1].end ||
        (tok[j - 1].flags & NM_TF_POSSESSIVE) ||
        ((st->cls[j - 1] & NM__TC_SUFFIX) && suffix_ends_name(st, lx, rec, j)))
        return j;
    size_t k = j;
    while (k < n && k < j + 5 &&
           ((is_name_tok(st, rec, k) && !(st->cls[k] & NM__TC_SUFFIX) &&
             !(tok[k].flags & NM_TF_POSSESSIVE)) ||
            (k > j && k + 1 < n && (keyeq(&tok[k], "and") || keyeq(&tok[k], "&")) &&
             is_name_tok(st, rec, k + 1))) &&
           (tok[k].flags & NM_TF_SPACE_BEFORE))
        k++;
    if (k == j && (tok[k].flags & NM_TF_SPACE_BEFORE) == 0)
        return j;
    /* "Apple Beats Estimates\nApple Inc said": a headline and a lead naming one company */
    for (size_t x = j; x < k; x++)
        for (size_t y = i; y < j; y++)
            if (tok[x].key.len == tok[y].key.len &&
                memcmp(tok[x].key.ptr, tok[y].key.ptr, tok[x].key.len) == 0)
                return j;
    size_t e = k;
    while (e < n && is_name_tok(st, rec, e) && suffix_at(st, rec, e))
        e++;
    return e > k ? e : j;
}

/* A gazetteer name from token i or i + 1 (up to te) that goes past token past: its end into
   *end (0: none). NM_OK or NM_ERR_NOMEM. */
static int gaz_past(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec, size_t i,
                    size_t past, size_t te, size_t *end) {
    size_t gl = 0;
    const nm__lex_entry *ge = NULL;
    int gp, rc;
    *end = 0;
    for (size_t s0 = i; s0 < past && s0 < i + 2; s0++) {
        if ((rc = nm__ent_match(st, lx, rec, s0, te, NM__WANT_GAZ, &gl, &ge, &gp)) != NM_OK)
            return rc;
        if (ge && s0 + gl > past) {
            *end = s0 + gl;
            return NM_OK;
        }
    }
    return NM_OK;
}

static int names_pass(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec,
                      size_t tb, size_t te, int headline) {
    const nm_token *tok = rec->tokens.v;
    size_t i = tb;
    int rc;
    while (i < te) {
        /* most tokens are lower-case words no rule below starts at */
        i = nm__ent_next_cls(st->cls, i, te, NM__TC_NAME | NM__TC_LOWERGAZ | NM__TC_CAP);
        if (i >= te)
            break;
        /* "London-based", "Ethiopian-born": a free capitalised token with a hyphen (rare) */
        const nm_token *t = &tok[i];
        if (NM__ENT_RARE(((st->mark[i] == NM__MARK_FREE) & ((t->flags & NM_TF_CAP) != 0) &
                          (((t->flags & NM_TF_HYPHEN) != 0) | based_end(rec, t))) != 0)) {
            if ((rc = hyphen_name(st, lx, rec, i)) < 0)
                return rc;
            if (rc) {
                i++;
                continue;
            }
        }
        if (!is_name_tok(st, rec, i)) {
            /* a gazetteer name with a lower-case start ("al Qaida") */
            size_t l;
            const nm__lex_entry *e;
            int p;
            const nm__lex_entry *le1;
            /* (NM__TC_LOWERGAZ: a non-stop word whose bit in the lexicon's filter of the
               first words of names written lower case is set) */
            if (st->mark[i] == NM__MARK_FREE && (st->cls[i] & NM__TC_LOWERGAZ) &&
                (le1 = tok_entry_at(st, lx, i)) != NULL && (le1->flags & NM__LEX_LOWER)) {
                if ((rc = nm__ent_match(st, lx, rec, i, te, NM__WANT_GAZ, &l, &e, &p)) != NM_OK)
                    return rc;
                if (e) {
                    if ((rc = nm__ent_add(st, rec, i, i + l, e->type, nm__lexicon_norm(lx, e), p,
                                          NM__SRC_LEXICON)) != NM_OK)
                        return rc;
                    i += l;
                    continue;
                }
            }
            /* "The Hague", "The Guardian": a listed name opening with a capitalised stop word
               (no name token itself) */
            if (st->mark[i] == NM__MARK_FREE && (t->flags & NM_TF_STOP) &&
                (st->cls[i] & NM__TC_CAP) && (le1 = tok_entry_at(st, lx, i)) != NULL &&
                (le1->flags & NM__LEX_PREFIX)) {
                if ((rc = nm__ent_match(st, lx, rec, i, te, NM__WANT_GAZ, &l, &e, &p)) != NM_OK)
                    return rc;
                if (e && l >= 2) {
                    if ((rc = nm__ent_add(st, rec, i, i + l, e->type, nm__lexicon_norm(lx, e), p,
                                          NM__SRC_LEXICON)) != NM_OK)
                        return rc;
                    i += l;
                    continue;
                }
            }
            i++;
            continue;
        }
        if (common_opener(st, lx, rec, i)) {
            i++;
            continue;
        }
        size_t j = i + 1, amp_end = 0;
        while (j < te) {
            /* a possessive ends the run unless a gazetteer name runs through it: "Lord's
               Resistance Army", "Lord 's Resistance Army" (pre-tokenised) */
            size_t sq = j + 2 < te ? split_poss(rec, j) : 0;
            if ((tok[j - 1].flags & NM_TF_POSSESSIVE) || sq) {
                /* "Standard and Poor's Corp", "McDonald's Corp": a company suffix goes on */
                if (!sq && suffix_at(st, rec, j) &&
                    is_name_tok(st, rec, j)) {
                    j++;
                    continue;
                }
                size_t gl = 0, s0 = j > i + 3 ? j - 3 : i;
                const nm__lex_entry *ge = NULL;
                int gp;
                if (sq == 0 || is_name_tok(st, rec, j + sq)) {
                    for (; s0 < j; s0++) {
                        if ((rc = nm__ent_match(st, lx, rec, s0, te, NM__WANT_GAZ, &gl, &ge, &gp)) !=
                            NM_OK)
                            return rc;
                        if (ge && s0 + gl > j + sq)
                            break;
                        ge = NULL;
                    }
                }
                if (ge) {
                    j = s0 + gl;
                    continue;
                }
                break;
            }
            size_t gap = tok[j].start - tok[j - 1].end; /* "New\u00a0York", "New\r\nYork" */
            if (gap >= 2 && !one_space(rec->text.ptr + tok[j - 1].end, gap) &&
                !line_break_len(rec->text.ptr + tok[j - 1].end, gap))
                break; /* columns of a table, not one name */
            /* (a Dutch "N.V." opening the run goes before the name: "N.V. DSM") */
            if (NM__ENT_RARE(st->cls[j - 1] & NM__TC_SUFFIX) &&
                (j > i + 1 || !keyeq(&tok[i], "n.v.")) && suffix_ends_name(st, lx, rec, j))
                break;
            if (is_name_tok(st, rec, j) && (tok[j].flags & NM_TF_SPACE_BEFORE)) {
                j++;
                continue;
            }
            /* a gazetteer name running through a lower-case word: "Securities and Exchange
               Commission", "Bosnia and Herzegovina"; or ending in a word with an elided
               article written lower case, "Côte d'Ivoire" */
            size_t gend = 0;
            if (!is_capish(&tok[j]) && (tok[j].type == NM_TOK_WORD || keyeq(&tok[j], "&")) &&
                j + 1 < te && is_name_tok(st, rec, j + 1) &&
                (rc = gaz_past(st, lx, rec, i, j + 1, te, &gend)) != NM_OK)
                return rc;
            if (gend == 0 && NM__ENT_RARE(elided_word(rec, &tok[j])) &&
                (rc = gaz_past(st, lx, rec, i, j, te, &gend)) != NM_OK)
                return rc;
            if (gend) {
                j = gend;
                continue;
            }
            /* "National Oceanic and Atmospheric Administration": "and" inside an organisation
               name whose last word is an organisation word */
            if ((keyeq(&tok[j], "and") || keyeq(&tok[j], "&")) && j + 1 < te &&
                is_name_tok(st, rec, j + 1)) {
                size_t k = j + 1;
                while (k < te && is_name_tok(st, rec, k) && !(tok[k - 1].flags & NM_TF_POSSESSIVE))
                    k++;
                const nm__lex_entry *le = tok_entry_at(st, lx, k - 1);
                const nm__lex_entry *pe = tok_entry_at(st, lx, j - 1);
                size_t rl;
                const nm__lex_entry *re;
                int rp;
                if ((rc = nm__ent_match(st, lx, rec, j + 1, k, NM__WANT_GAZ, &rl, &re, &rp)) != NM_OK)
                    return rc;
                if (le && (le->cues & NM__CUE_ORG) && !(le->cues & NM__CUE_TITLE) &&
                    (!(pe && (pe->flags & NM__LEX_GAZ)) || and_co(&tok[j + 1])) &&
                    !(re && j + 1 + rl == k) &&
                    !company_suffix(&tok[j - 1])) {
                    j = k;
                    continue;
                }
            }
            if (NM__ENT_RARE(keyeq(&tok[j], "&")) && !headline &&
                (amp_end = amp_firm_end(st, lx, rec, i, j, te)) != 0) {
                j = amp_end;
                break;
            }
            /* "Abu Bakr al Baghdadi", "Rio de Janeiro" */
            if (word_is(st, j, NM__WC_CONNECTOR) && j + 1 < te && is_name_tok(st, rec, j + 1)) {
                j += 2;
                continue;
            }
            /* "Joran van der Sloot", "Ursula von der Leyen": two connectors in a row */
            if (word_is(st, j, NM__WC_CONNECTOR) && j + 2 < te &&
                word_is(st, j + 1, NM__WC_CONNECTOR) && is_name_tok(st, rec, j + 2)) {
                j += 3;
                continue;
            }
            /* "Bank of England", "University of Oxford": "of" after an organisation word */
            if ((word_is(st, j, NM__WC_OF) || keyeq(&tok[j], "for")) && j + 1 < te &&
                is_name_tok(st, rec, j + 1)) {
                /* "House of Representatives": a gazetteer name runs through the "of" */
                size_t gl;
                const nm__lex_entry *ge;
                int gp;
                if ((rc = nm__ent_match(st, lx, rec, i, te, NM__WANT_GAZ, &gl, &ge, &gp)) != NM_OK)
                    return rc;
                if (ge && i + gl > j + 1) {
                    j = i + gl;
                    continue;
                }
                const nm__lex_entry *e = tok_entry_at(st, lx, j - 1);
                if (e && (e->cues & (NM__CUE_ORG | NM__CUE_LAW | NM__CUE_EVENT | NM__CUE_LOC |
                                     NM__CUE_FAC | NM__CUE_GPE | NM__CUE_TITLE))) {
                    j += 2;
                    continue;
                }
            }
            break;
        }
        if (NM__ENT_RARE(amp_end != 0)) {
            int ap = (tok[j - 1].flags & NM_TF_POSSESSIVE) != 0;
            if ((rc = nm__ent_add(st, rec, i, j, NM_ENT_ORG, span_text(rec, i, j, ap), ap,
                                  NM__SRC_CUE)) != NM_OK)
                return rc;
            i = j;
            continue;
        }
        if (NM__ENT_RARE(j == te) && !headline)
            j = wrapped_company_end(st, lx, rec, tb, i, j);
        if ((rc = classify_run(st, lx, rec, i, j, headline)) != NM_OK)
            return rc;
        i = j;
    }
    return NM_OK;
}

/* ---- document level ------------------------------------------------------------------------ */

static int nstr_eq(nm_str a, nm_str b) {
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Learns "European Union ( EU )": an acronym in brackets right after a name. */
static int learn_acronyms(nm__ent_state *st, const nm_record *rec) {
    const nm_token *tok = rec->tokens.v;
    size_t nc = st->cands.n;
    for (size_t c = 0; c < nc; c++) {
        nm__ent_cand *e = &st->cands.v[c];
        size_t k = e->te;
        /* one seldom-true test: a named span of 2+ tokens before "(" and two more tokens
           (token 0 stands in for a k too close to the end) */
        int room = k + 2 < rec->tokens.n;
        size_t kk = room ? k : 0;
        if (!((e->type != 0) & (e->te - e->tb >= 2) & room & (tok[kk].end - tok[kk].start == 1) &
              (rec->text.ptr[tok[kk].start] == '(')))
            continue;
        const nm_token *a = &tok[k + 1];
        if (!(a->flags & NM_TF_ALLCAPS) || rec->text.ptr[tok[k + 2].start] != ')')
            continue;
        if (st->aliases.n >= 256)
            break; /* bounded work per mention in huge documents */
        nm__ent_alias *al = NM__VEC_PUSH(st->aliases);
        if (al == NULL)
            return NM_ERR_NOMEM;
        al->key = a->key;
        al->norm = e->norm;
        al->type = e->type;
    }
    return NM_OK;
}

/* "BankAmerica Corp" teaches "BankAmerica" (a name before a company suffix; the word after an
   opener that opens it: "International Multifoods Corp" teaches "Multifoods"). */
static int learn_org_names(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec) {
    const nm_token *tok = rec->tokens.v;
    for (size_t c = 0; c < st->cands.n; c++) {
        nm__ent_cand *e = &st->cands.v[c];
        if (e->type != NM_ENT_ORG || e->te - e->tb < 2)
            continue;
        const nm__lex_entry *suf = tok_entry_at(st, lx, e->te - 1);
        size_t h = e->tb;
        const nm__lex_entry *head = tok_entry_at(st, lx, h);
        if (head && (head->cues & NM__CUE_FIRMOPENER) && e->te - h >= 3)
            head = tok_entry_at(st, lx, ++h); /* "International Multifoods Corp": "Multifoods" */
        /* a company suffix only: "Gothenburg District Court" teaches no "Gothenburg" */
        if (!suf || !(suf->cues & NM__CUE_ORG) || !company_suffix(&tok[e->te - 1]) ||
            (head && (head->flags & NM__LEX_GAZ)) ||
            (head && (head->cues & (NM__CUE_ORG | NM__CUE_TITLE | NM__CUE_GEOPREFIX))))
            continue;
        if (st->aliases.n >= 256)
            break; /* bounded work per mention in huge documents */
        nm__ent_alias *al = NM__VEC_PUSH(st->aliases);
        if (al == NULL)
            return NM_ERR_NOMEM;
        al->key = tok[h].key;
        al->norm = e->norm;
        al->type = NM_ENT_ORG;
    }
    return NM_OK;
}

/* Resolves pending single words and short person mentions against the document's names. */
static int doc_pass(nm__ent_state *st, const nm__lexicon *lx, const nm_record *rec) {
    const nm_token *tok = rec->tokens.v;
    int rc;
    if ((rc = learn_acronyms(st, rec)) != NM_OK)
        return rc;
    /* persons with two or more tokens teach their last token; sure ones first, then the
       names before company suffixes, then guessed persons (a third walk over the candidates
       only when the first saw a guessed person it skipped) */
    int guessed = 0;
    for (int round = 0; round < 3; round++) {
        if (round == 1) {
            if ((rc = learn_org_names(st, lx, rec)) != NM_OK)
                return rc;
            continue;
        }
        if (round == 2 && !guessed)
            break;
        for (size_t c = 0; c < st->cands.n; c++) {
            nm__ent_cand *e = &st->cands.v[c];
            if (e->type != NM_ENT_PERSON || e->te - e->tb < 2)
                continue;
            if ((round == 0) != (e->src != NM__SRC_GUESS)) {
                guessed = 1;
                continue;
            }
            if (st->aliases.n >= 256) {
                guessed = 1; /* the walk stopped early: the next one decides for itself */
                break; /* bounded work per mention in huge documents */
            }
            nm__ent_alias *al = NM__VEC_PUSH(st->aliases);
            if (al == NULL)
                return NM_ERR_NOMEM;
            const nm_token *last = &tok[e->te - 1];
            al->key = (nm_str){last->key.ptr, (last->flags & NM_TF_POSSESSIVE) ? key_stem(last)
                                                                               : last->key.len};
            al->norm = e->norm;
            al->type = NM_ENT_PERSON;
            /* "Ayman al-Zawahiri" also teaches "Zawahiri" */
            if (al_word(last) && al->key.len > 4) {
                nm__ent_alias *a2 = NM__VEC_PUSH(st->aliases);
                if (a2 == NULL)
                    return NM_ERR_NOMEM;
                al = &st->aliases.v[st->aliases.n - 2];
                a2->key = (nm_str){al->key.ptr + 3, al->key.len - 3};
                a2->norm = al->norm;
                a2->type = NM_ENT_PERSON;
            }
        }
    }
    for (size_t c = 0; c < st->cands.n; c++) {
        nm__ent_cand *e = &st->cands.v[c];
        int pending = (e->src == NM__SRC_PENDING) | (e->src == NM__SRC_PENDING_START);
        int one = e->te - e->tb == 1;
        int short_person = (e->type == NM_ENT_PERSON) & one;
        int acronym = e->src == NM__SRC_ACRONYM;
        int place = (e->src == NM__SRC_PLACE) & one;
        if (!(pending | short_person | acronym | place))
            continue;
        const nm_token *t = &tok[e->te - 1];
        nm_str k = {t->key.ptr, (t->flags & NM_TF_POSSESSIVE) ? key_stem(t) : t->key.len};
        const nm__ent_alias *hit = NULL;
        for (size_t a = 0; a < st->aliases.n && !hit; a++)
            if (nstr_eq(st->aliases.v[a].key, k) && e->te - e->tb == 1)
                hit = &st->aliases.v[a];
        if (hit) {
            e->type = hit->type;
            e->norm = hit->norm;
            e->src = NM__SRC_DOC;
            continue;
        }
        if (pending) {
            /* a lone capitalised word after "in"/"from" was handled; keep given names as PERSON */
            const nm__lex_entry *le = tok_entry_at(st, lx, e->te - 1);
            if (e->src == NM__SRC_PENDING && le && (le->flags & NM__LEX_FIRSTNAME) &&
                e->te - e->tb == 1)
                e->type = 0;
        }
    }
    return NM_OK;
}

/* ---- stage --------------------------------------------------------------------------------- */

/* A candidate's sort key: its start, then its end, as one number (one compare, no branch). */
static inline uint64_t cand_key(const nm__ent_cand *c) {
    return (uint64_t)c->start << 32 | c->end;
}

/* Does candidate y sort before x (by start, then end)? */
static inline int cand_before(const nm__ent_cand *y, const nm__ent_cand *x) {
    return cand_key(y) < cand_key(x);
}

/* The end of the sorted run of v[0, n) that starts at i (n when i >= n). */
static size_t run_end(const nm__ent_cand *v, size_t i, size_t n) {
    if (i >= n)
        return n;
    size_t m = i + 1;
    while (m < n && !cand_before(&v[m], &v[m - 1]))
        m++;
    return m;
}

/*
 * Sorts the candidates by (start, end), stably: a natural merge sort. The passes append in text
 * order, so the vector is a few sorted runs (numeric entities, then names) and this takes one or
 * two linear merges where qsort took n log n calls of a comparison function.
 */
static int sort_cands(nm__ent_state *st) {
    size_t n = st->cands.n;
    nm__ent_cand *v = st->cands.v;
    if (run_end(v, 0, n) >= n)
        return NM_OK; /* already sorted */
    if (n > st->ctmpcap) {
        nm__ent_cand *t = realloc(st->ctmp, n * sizeof *t);
        if (t == NULL)
            return NM_ERR_NOMEM;
        st->ctmp = t;
        st->ctmpcap = n;
    }
    nm__ent_cand *src = v, *dst = st->ctmp;
    for (;;) {
        /* one pass: merge neighbouring runs of src into dst */
        size_t runs = 0, i = 0;
        while (i < n) {
            size_t a = i, m = run_end(src, i, n), b = run_end(src, m, n);
            size_t x = a, y = m, o = a;
            while (x < m && y < b)
                dst[o++] = cand_before(&src[y], &src[x]) ? src[y++] : src[x++];
            while (x < m)
                dst[o++] = src[x++];
            while (y < b)
                dst[o++] = src[y++];
            runs++;
            i = b;
        }
        nm__ent_cand *t = src;
        src = dst;
        dst = t;
        if (runs == 1)
            break;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    return NM_OK;
}

/* Appends candidate e to rec's entities unless it is undecided, empty or overlaps the last one
   kept (*last_end, updated): NM_OK or NM_ERR_NOMEM. */
static inline int put_cand(nm_record *rec, const nm__ent_cand *e, uint32_t *last_end) {
    if (e->type == 0 || e->end <= e->start || e->start < *last_end)
        return NM_OK;
    nm_entity *out = NM__VEC_PUSH(rec->entities);
    if (out == NULL)
        return NM_ERR_NOMEM;
    out->start = e->start;
    out->end = e->end;
    out->type = e->type;
    out->norm = e->norm;
    *last_end = e->end;
    return NM_OK;
}

/* Length of the whitespace character at p[0, n) (n >= 1; the tokenizer's set: ASCII space,
   \t-\r, U+001C-U+001F, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
   U+205F, U+3000), else 0. */
static size_t space_len(const unsigned char *p, size_t n) {
    unsigned c = p[0];
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F))
        return 1;
    if (c == 0xC2 && n >= 2 && (p[1] == 0x85 || p[1] == 0xA0))
        return 2;
    if (n < 3 || c < 0xE1 || c > 0xE3)
        return 0;
    unsigned b = p[1], d = p[2];
    int sp = c == 0xE1 ? b == 0x9A && d == 0x80
           : c == 0xE3 ? b == 0x80 && d == 0x80
                       : (b == 0x80 && (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF)) ||
                             (b == 0x81 && d == 0x9F);
    return sp ? 3 : 0;
}

/*
 * A name's norm is its canonical form: one taken from the text ("BP North America\nInc" wrapped
 * by the wire, "Volodymyr\u00a0Zelensky") gets each run of whitespace as one ASCII space, and
 * its HTML character references decoded ("M&amp;A" => "M&A"), in a copy in the record's arena,
 * so it reads and groups as the same name on one line. Dates and
 * times left as their text, and numbers, keep their norm. NM_OK or NM_ERR_NOMEM.
 */
static int name_norm_spaces(nm_record *rec) {
    /* HTML references to decode: one look at the whole text, not one per name */
    int refs = rec->text.len >= 4 && memchr(rec->text.ptr, '&', rec->text.len) != NULL;
    for (size_t i = 0; i < rec->entities.n; i++) {
        nm_entity *e = &rec->entities.v[i];
        const unsigned char *p = (const unsigned char *)e->norm.ptr;
        size_t n = e->norm.len, k = 0, l = 0;
        if (e->type >= NM_ENT_DATE)
            continue;
        if (refs && n >= 4 && memchr(p, '&', n) != NULL) { /* "M&amp;A" => "M&A" */
            char *d = nm__arena_alloc(&rec->arena, n);
            if (d == NULL)
                return NM_ERR_NOMEM;
            size_t m = nm__html_decode(d, (const char *)p, n);
            if (m != n) {
                e->norm = (nm_str){d, m};
                p = (const unsigned char *)d;
                n = m;
            }
        }
        /* the first space that is not a single ASCII space; a byte above ' ' and below 0xC2 (a
         * letter, digit or punctuation: nearly every byte of a name) starts none */
        for (; k < n; k++) {
            unsigned c = p[k];
            if (c > ' ' && c < 0xC2)
                continue;
            if ((l = space_len(p + k, n - k)) != 0 &&
                (c != ' ' || (k + 1 < n && space_len(p + k + 1, n - k - 1))))
                break;
        }
        if (k == n)
            continue;
        char *d = nm__arena_alloc(&rec->arena, n);
        if (d == NULL)
            return NM_ERR_NOMEM;
        memcpy(d, p, k);
        size_t m = k;
        while (k < n) {
            if ((l = space_len(p + k, n - k)) == 0) {
                d[m++] = (char)p[k++];
                continue;
            }
            while (k < n && (l = space_len(p + k, n - k)) != 0)
                k += l;
            d[m++] = ' ';
        }
        e->norm = (nm_str){d, m};
    }
    return NM_OK;
}

/*
 * Emits the candidates as rec's entities in (start, end) order. They are most often one or two
 * sorted runs (numeric entities, then names): two are merged as they are emitted, in the order
 * sort_cands would give them (the first run's first on ties), with no copy to a scratch vector
 * and back; more runs are sorted first.
 */
static int emit_cands(nm__ent_state *st, nm_record *rec) {
    size_t n = st->cands.n, k = run_end(st->cands.v, 0, n); /* the first run is [0, k) */
    if (run_end(st->cands.v, k, n) < n) { /* three runs or more */
        int rc = sort_cands(st);
        if (rc != NM_OK)
            return rc;
        k = n;
    }
    const nm__ent_cand *v = st->cands.v;
    uint32_t last_end = 0;
    size_t x = 0, y = k; /* the runs [0, k) and [k, n) */
    while (x < k && y < n) { /* which run goes next is a coin toss: chosen with no branch */
        size_t b = cand_before(&v[y], &v[x]);
        const nm__ent_cand *e = b ? &v[y] : &v[x];
        y += b;
        x += b ^ 1;
        int rc = put_cand(rec, e, &last_end);
        if (rc != NM_OK)
            return rc;
    }
    /* then the rest of the run left */
    for (size_t i = x < k ? x : y, end = x < k ? k : n; i < end; i++) {
        int rc = put_cand(rec, &v[i], &last_end);
        if (rc != NM_OK)
            return rc;
    }
    return NM_OK;
}

int nm__entities_run(nm__ent_state *st, const nm__ent_shared *sh, nm_record *rec) {
    size_t n = rec->tokens.n;
    int rc;
    st->cands.n = 0;
    st->aliases.n = 0;
    if (n == 0)
        return NM_OK;
    if (n > st->markcap) {
        uint8_t *m = realloc(st->mark, n);
        if (m == NULL)
            return NM_ERR_NOMEM;
        st->mark = m;
        st->markcap = n;
    }
    memset(st->mark, NM__MARK_FREE, n);
    if (n > st->ent1cap) {
        const nm__lex_entry **c = realloc(st->ent1, n * sizeof *c);
        if (c == NULL)
            return NM_ERR_NOMEM;
        st->ent1 = c;
        st->ent1cap = n;
    }
    for (size_t i = 0; i < n; i++)
        st->ent1[i] = NM__ENT1_UNSET;
    st->toks = rec->tokens.v;
    st->sh = sh;
    st->lc_built = 0;
    st->lc_scans = 0;
    /* money spans are not repeated as entities */
    const nm_token *tok = rec->tokens.v;
    for (size_t m = 0, i = 0; m < rec->money.n; m++) {
        const nm_money *mo = &rec->money.v[m];
        /* the first token ending after the span's start: a binary search (tokens are in text
           order), not a walk over every token before it */
        for (size_t hi = n; i < hi;) {
            size_t mid = i + (hi - i) / 2;
            if (tok[mid].end <= mo->start)
                i = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = i; k < n && tok[k].start < mo->end; k++)
            st->mark[k] = NM__MARK_MONEY;
    }
    if ((rc = nm__ent_token_pass(st, sh, rec)) != NM_OK)
        return rc;
    if ((rc = nm__numex_run(st, sh, rec)) != NM_OK)
        return rc;
    /* the token pass's prefetched slots are in by now: the longer keys they hold next */
    nm__lexicon_prefetch_keys(sh->lex, st->wcand, st->npf, st->lhash);
    if ((rc = learn_companies(st, sh->lex, rec)) != NM_OK)
        return rc;
    if (rec->sentences.n == 0) {
        if ((rc = names_pass(st, sh->lex, rec, 0, n, 0)) != NM_OK)
            return rc;
    } else {
        for (size_t s = 0; s < rec->sentences.n; s++) {
            const nm_sentence *se = &rec->sentences.v[s];
            if ((rc = names_pass(st, sh->lex, rec, se->tok_begin, se->tok_end,
                                 is_headline(st, se))) != NM_OK)
                return rc;
        }
    }
    if ((rc = doc_pass(st, sh->lex, rec)) != NM_OK)
        return rc;
    if ((rc = emit_cands(st, rec)) != NM_OK)
        return rc;
    return name_norm_spaces(rec);
}

int nm__entities_load(nm__ent_shared **out, nm_error *err) {
    *out = NULL;
    nm__ent_shared *sh = calloc(1, sizeof *sh);
    if (sh == NULL)
        return NM_ERR_NOMEM;
    /* the lexicon index was built at build time: reading it in place takes no time, so the
       numeric rules' load (a second thread's work while the index was built here) follows */
    int rc = nm__lexicon_prebuilt(&sh->lex, err);
    if (rc == NM_OK)
        rc = nm__numex_load(&sh->numex, err);
    if (rc == NM_OK) {
        sh->wclass = nm__numex_word_classes(sh->numex);
        nm__numex_link_lexicon(sh->numex, sh->lex);
        sh->went = nm__numex_lex_entries(sh->numex);
    }
    if (rc != NM_OK) {
        nm__entities_unload(sh);
        return rc;
    }
    *out = sh;
    return NM_OK;
}

void nm__entities_unload(nm__ent_shared *sh) {
    if (sh == NULL)
        return;
    nm__lexicon_free(sh->lex);
    nm__numex_unload(sh->numex);
    free(sh);
}

void nm__ent_state_free(nm__ent_state *st) {
    if (st == NULL)
        return;
    free(st->key);
    free(st->mark);
    free(st->wid);
    free(st->cls);
    free(st->wcand);
    free(st->lhash);
    free(st->ent1);
    free(st->lc);
    free(st->companies.v);
    free(st->cands.v);
    free(st->ctmp);
    free(st->aliases.v);
    nm__regex_worker_free(st->rx);
    free(st);
}

static int entities_load(void **shared, const nm_options *opts, nm_error *err) {
    (void)opts;
    return nm__entities_load((nm__ent_shared **)shared, err);
}

static void entities_unload(void *shared) { nm__entities_unload(shared); }

static int entities_init(void **state, const void *shared, const nm_options *opts,
                         nm_error *err) {
    (void)shared;
    (void)opts;
    (void)err;
    *state = calloc(1, sizeof(nm__ent_state));
    return *state ? NM_OK : NM_ERR_NOMEM;
}

static int entities_process(void *state, const void *shared, nm_record *rec, nm_error *err) {
    (void)err;
    return nm__entities_run(state, shared, rec);
}

static void entities_destroy(void *state) { nm__ent_state_free(state); }

static uint64_t entities_limit_hits(const void *state) {
    const nm__ent_state *st = state;
    return st && st->rx ? nm__regex_limit_hits(st->rx) : 0;
}

const nm__stage nm__stage_entities = {
    .name = "entities",
    .bit = NM_STAGE_ENTITIES,
    .load = entities_load,
    .unload = entities_unload,
    .init = entities_init,
    .process = entities_process,
    .destroy = entities_destroy,
    .limit_hits = entities_limit_hits,
};
