/*
 * kw_clean.c — text that is never a keyword, found before candidates are collected: the
 * copyright notice closing a syndicated story or a web page, and a story's frame (bylines,
 * credits, editor's notes, page markers; see kw_clean.h); and the lists of words that are no
 * keyword on their own (nm__kw_reporting_word, nm__kw_function_word).
 */
#include <stdint.h>
#include <string.h>

#include "kw_clean.h"
#include "number.h"

/* Is key k the bytes of the literal s? */
#define KEY_IS(k, s) ((k).len == sizeof(s) - 1 && memcmp((k).ptr, s, sizeof(s) - 1) == 0)

/* Does token i open a copyright notice: "©", "copyright" before a year or "©", or "all rights
 * reserved"? */
static int notice_at(const nm_record *rec, size_t i) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n;
    nm_str k = nm__kw_tok_key(rec, &tk[i]);
    if (KEY_IS(k, "\xc2\xa9"))
        return 1;
    if (KEY_IS(k, "copyright"))
        for (size_t j = i + 1; j < n && j <= i + 2; j++) {
            nm_str a = nm__kw_tok_key(rec, &tk[j]);
            if ((tk[j].type == NM_TOK_NUMBER && a.len == 4) || KEY_IS(a, "\xc2\xa9"))
                return 1;
        }
    if (KEY_IS(k, "all") && i + 2 < n)
        return KEY_IS(nm__kw_tok_key(rec, &tk[i + 1]), "rights") &&
               KEY_IS(nm__kw_tok_key(rec, &tk[i + 2]), "reserved");
    return 0;
}

/*
 * The first token of the copyright notice that closes a syndicated story or a web page, or the
 * token count: "... in January. © Copyright 2011 Associated Press. All rights reserved. This
 * material may not be published, broadcast, rewritten, or redistributed." Boilerplate is no
 * keyword. The notice must start in the text's last 512 bytes and 64 tokens; it runs from the
 * start of its sentence (at most 8 tokens back) to the end.
 */
size_t nm__kw_notice_start(const nm_record *rec, const uint32_t *at, size_t m) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n, first = n;
    size_t lim = rec->text.len > 512 ? rec->text.len - 512 : 0;
    /* The tokens whose first byte could open a notice (~1 in 6 of those in the last 512
     * bytes); the first that opens one is the notice's. */
    for (size_t q = 0; q < m; q++)
        if (notice_at(rec, at[q])) {
            first = at[q];
            break;
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

/*
 * The end of a byline starting at token i, or i: "By John Smith" (at most four capitalized
 * words), with its title after a comma ("By John Smith, Associated Press Writer").
 */
static size_t byline_at(const nm_record *rec, size_t i) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n, j = i + 1;
    nm_str k = nm__kw_tok_key(rec, &tk[i]);
    if (!KEY_IS(k, "by") || !(tk[i].flags & NM_TF_CAP))
        return i;
    while (j < n && j < i + 5 && NM_TOK_IS_WORD(tk[j].type) && (tk[j].flags & NM_TF_CAP) &&
           !(tk[j].flags & NM_TF_ALLCAPS && tk[j].end - tk[j].start > 2) &&
           !(tk[j].flags & NM_TF_LINE_START))
        j++;
    if (j < i + 3) /* a first and a last name */
        return i;
    if (j + 1 < n && tk[j].type == NM_TOK_PUNCT && KEY_IS(nm__kw_tok_key(rec, &tk[j]), ","))
        for (size_t m = j + 1; m < n && m < j + 6 && !(tk[m].flags & NM_TF_LINE_START); m++) {
            nm_str w = nm__kw_tok_key(rec, &tk[m]);
            if (KEY_IS(w, "writer") || KEY_IS(w, "writers") || KEY_IS(w, "correspondent") ||
                KEY_IS(w, "reporter") || KEY_IS(w, "editor") || KEY_IS(w, "columnist"))
                return m + 1;
        }
    return j;
}

/* The end of an editor's note label at line-start token i ("NOTE:", "Editor's note:"), or i. */
static size_t note_at(const nm_record *rec, size_t i) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n, j = i;
    nm_str k = nm__kw_tok_key(rec, &tk[i]);
    if (KEY_IS(k, "editor's") || KEY_IS(k, "editors'") || KEY_IS(k, "editors"))
        k = ++j < n ? nm__kw_tok_key(rec, &tk[j]) : (nm_str){0};
    if (!KEY_IS(k, "note") || j + 1 >= n || tk[j + 1].type != NM_TOK_PUNCT ||
        !KEY_IS(nm__kw_tok_key(rec, &tk[j + 1]), ":"))
        return i;
    return j + 1;
}

/* The end of a news agency named at token j ("Reuters", "the Associated Press", "AFP"), or j. */
static size_t agency_at(const nm_record *rec, size_t j) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n, b = j;
    if (j < n && KEY_IS(nm__kw_tok_key(rec, &tk[j]), "the"))
        j++;
    if (j >= n || !(tk[j].flags & NM_TF_CAP))
        return b;
    nm_str k = nm__kw_tok_key(rec, &tk[j]);
    if (KEY_IS(k, "associated") && j + 1 < n && KEY_IS(nm__kw_tok_key(rec, &tk[j + 1]), "press"))
        return j + 2;
    if (KEY_IS(k, "reuters") || KEY_IS(k, "reuter") || KEY_IS(k, "ap") || KEY_IS(k, "afp") ||
        KEY_IS(k, "upi") || KEY_IS(k, "xinhua") || KEY_IS(k, "dpa") ||
        KEY_IS(k, "agence") || KEY_IS(k, "bloomberg"))
        return j + 1 < n && KEY_IS(nm__kw_tok_key(rec, &tk[j + 1]), "france-presse") ? j + 2
                                                                                     : j + 1;
    return b;
}

/* Does token i end the words before the agency a source spoke to: "told", "polled by",
 * "interview with", "questions from", "talking to"? */
static int spoke_to_at(const nm_record *rec, size_t i) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n;
    if (!((i + 1 < n && (tk[i + 1].flags & NM_TF_CAP)) ||
          (i + 2 < n && (tk[i + 2].flags & NM_TF_CAP))))
        return 0; /* no agency follows: most tokens leave here */
    nm_str k = nm__kw_tok_key(rec, &tk[i]);
    if (KEY_IS(k, "told"))
        return 1;
    if (i == 0 || !(KEY_IS(k, "by") || KEY_IS(k, "with") || KEY_IS(k, "from") || KEY_IS(k, "to")))
        return 0;
    nm_str p = nm__kw_tok_key(rec, &tk[i - 1]);
    return KEY_IS(p, "polled") || KEY_IS(p, "surveyed") || KEY_IS(p, "obtained") ||
           KEY_IS(p, "interview") || KEY_IS(p, "questions") || KEY_IS(p, "talking") ||
           KEY_IS(p, "spoke") || KEY_IS(p, "speaking");
}

/*
 * The end (one past its ")") of a credit in parentheses opening at token i, or i: "(AP
 * Photo/Jane Doe)", "(Photo: Getty Images)", "(Reporting by Jane Doe; Editing by John Roe)".
 * It stays on its line and within 24 tokens.
 */
static size_t paren_credit_at(const nm_record *rec, size_t i) {
    const nm_token *tk = rec->tokens.v;
    size_t n = rec->tokens.n, j = i + 1;
    if (j + 1 >= n || tk[i].type != NM_TOK_PUNCT || !KEY_IS(nm__kw_tok_key(rec, &tk[i]), "("))
        return i;
    j = agency_at(rec, j);
    if (j + 1 >= n) /* the text ends after the agency ("(the AFP"): no ")" can close it */
        return i;
    nm_str k = nm__kw_tok_key(rec, &tk[j]), k2 = nm__kw_tok_key(rec, &tk[j + 1]);
    int photo = KEY_IS(k, "photo") || KEY_IS(k, "photos") || KEY_IS(k, "photograph");
    if (!(photo && (j > i + 1 || KEY_IS(k2, ":") || KEY_IS(k2, "by"))) &&
        !((KEY_IS(k, "reporting") || KEY_IS(k, "editing") || KEY_IS(k, "writing") ||
           KEY_IS(k, "additional")) && (KEY_IS(k2, "by") || KEY_IS(k2, "reporting"))))
        return i;
    for (; j < n && j < i + 24 && !(tk[j].flags & NM_TF_LINE_START); j++)
        if (tk[j].type == NM_TOK_PUNCT && KEY_IS(nm__kw_tok_key(rec, &tk[j]), ")"))
            return j + 1;
    return i;
}

/* Does the agency at token j sign off an item, after a dash that follows a sentence's end
 * ("... were policemen. - AP Suicide bomber kills ...")? */
static int signed_at(const nm_record *rec, size_t j) {
    const nm_token *tk = rec->tokens.v;
    if (j < 2 || tk[j - 1].type != NM_TOK_PUNCT || tk[j - 2].type != NM_TOK_PUNCT)
        return 0;
    nm_str d = nm__kw_tok_key(rec, &tk[j - 1]), e = nm__kw_tok_key(rec, &tk[j - 2]);
    int dash = KEY_IS(d, "-") || KEY_IS(d, "\xe2\x80\x93") || KEY_IS(d, "\xe2\x80\x94");
    return dash && (KEY_IS(e, ".") || KEY_IS(e, "!") || KEY_IS(e, "?") || KEY_IS(e, "\""));
}

/* Adds [b, e) to span when there is room; returns the new count. */
static size_t span_add(uint32_t *span, size_t ns, size_t b, size_t e) {
    if (ns < NM_KW_FRAME_MAX && e > b)
        span[2 * ns] = (uint32_t)b, span[2 * ns + 1] = (uint32_t)e, ns++;
    return ns;
}

/*
 * Is the sentence [b, e) a closing promotion or credit line: "Subscribe to ...", "Follow us on
 * Twitter", "Read more: ...", "Jane Doe contributed to this report."? ("Click here ..." and
 * "Related: ..." are left: on KPCrowd the crowd tagged their words.)
 */
static int promo_at(const nm_record *rec, size_t b, size_t e) {
    const nm_token *tk = rec->tokens.v;
    nm_str k = nm__kw_tok_key(rec, &tk[b]), k2 = b + 1 < e ? nm__kw_tok_key(rec, &tk[b + 1])
                                                           : (nm_str){0};
    if (KEY_IS(k, "subscribe") || (KEY_IS(k, "read") && KEY_IS(k2, "more")))
        return 1;
    if (KEY_IS(k, "follow"))
        for (size_t j = b + 1; j < e && j < b + 12; j++) {
            nm_str w = nm__kw_tok_key(rec, &tk[j]);
            if (KEY_IS(w, "twitter") || KEY_IS(w, "facebook") || tk[j].type == NM_TOK_HANDLE)
                return 1;
        }
    size_t m = e;
    while (m > b && tk[m - 1].type == NM_TOK_PUNCT)
        m--;
    return m >= b + 5 && KEY_IS(nm__kw_tok_key(rec, &tk[m - 4]), "contributed") &&
           KEY_IS(nm__kw_tok_key(rec, &tk[m - 3]), "to") &&
           KEY_IS(nm__kw_tok_key(rec, &tk[m - 2]), "this") &&
           KEY_IS(nm__kw_tok_key(rec, &tk[m - 1]), "report");
}

/* Token ranges of the closing promotion and credit lines (promo_at) among rec's sentences that
 * start in the last 512 bytes of its text, added to span (ns so far); returns the new count. */
static size_t promo_spans(const nm_record *rec, uint32_t *span, size_t ns) {
    const nm_sentence *v = rec->sentences.v;
    size_t lim = rec->text.len > 512 ? rec->text.len - 512 : 0;
    for (size_t s = rec->sentences.n; s-- > 0 && v[s].start >= lim;)
        if (v[s].tok_begin < v[s].tok_end && v[s].tok_end <= rec->tokens.n &&
            promo_at(rec, v[s].tok_begin, v[s].tok_end))
            ns = span_add(span, ns, v[s].tok_begin, v[s].tok_end);
    return ns;
}

/*
 * Is the line [b, e) (a whole line and a whole sentence: prose wraps sentences over lines) a
 * row of a results table:
 * "Shr 34 cts vs 1.19 dlrs", "Net 807,000 vs 2,858,000", "Nine mths", "Qtly div 10 cts vs 10 cts
 * prior"? Its words label columns of figures ("shr", "revs", "mths"): no subject of the story.
 * A row holds a figure (a number, a money amount, a date, a number or magnitude word), at
 * most 4 other words and no more of them than figures, one stop word at most and none first
 * (prose has more: "That is 140 basis points more than"), no name (a score line "Arsenal 2
 * Chelsea 1" keeps its teams), and does not end with a full stop. *km and *ke walk rec's money
 * and entities, which are in text order, along the rows.
 */
static int table_row(const nm_record *rec, size_t b, size_t e, size_t *km, size_t *ke) {
    const nm_token *tk = rec->tokens.v;
    const nm_money *mv = rec->money.v;
    const nm_entity *ev = rec->entities.v;
    uint32_t lb = tk[b].start, le = tk[e - 1].end;
    if (tk[e - 1].type == NM_TOK_PUNCT || (tk[b].flags & NM_TF_STOP))
        return 0; /* a full stop ends prose; a row ends in a figure or a label */
    unsigned stops = 0; /* first the test on flags alone: most lines of prose end here */
    for (size_t i = b; i < e; i++)
        stops += (tk[i].flags & NM_TF_STOP) != 0;
    if (stops > 1) /* prose: "That is 140 basis points more than ..." */
        return 0;
    while (*ke < rec->entities.n && ev[*ke].end <= lb)
        ++*ke;
    for (size_t k = *ke; k < rec->entities.n && ev[k].start < le; k++)
        if (nm__kw_is_name(ev[k].type))
            return 0;
    while (*km < rec->money.n && mv[*km].end <= lb)
        ++*km;
    unsigned figures = 0, words = 0;
    for (size_t i = b, m = *km, q = *ke; i < e; i++) {
        while (m < rec->money.n && mv[m].end <= tk[i].start)
            m++;
        while (q < rec->entities.n && ev[q].end <= tk[i].start)
            q++;
        if (NM_TOK_IS_NUMERIC(tk[i].type) ||
            (m < rec->money.n && mv[m].start <= tk[i].start && tk[i].end <= mv[m].end) ||
            (q < rec->entities.n && ev[q].start <= tk[i].start && tk[i].end <= ev[q].end)) {
            figures++; /* a number, or inside an amount, a date, a count (no name: see above) */
        } else if (NM_TOK_IS_WORD(tk[i].type) && !(tk[i].flags & NM_TF_STOP)) {
            nm_str k = nm__kw_tok_key(rec, &tk[i]);
            int number = nm__number_word_value(k.ptr, k.len) >= 0 ||
                         nm__number_magnitude(k.ptr, k.len) > 0;
            figures += (unsigned)number;
            words += (unsigned)!number;
        }
    }
    return figures > 0 && words <= 4 && words <= figures;
}

/* Adds the rows of results tables (table_row) to span, adjacent rows as one span; returns the
 * new count. A row is a sentence of at most 16 tokens that is a line of its own: only such
 * sentences are looked at. */
static size_t table_spans(const nm_record *rec, uint32_t *span, size_t ns) {
    const nm_token *tk = rec->tokens.v;
    const nm_sentence *sv = rec->sentences.v;
    size_t n = rec->tokens.n, km = 0, ke = 0, block = 0, open = 0;
    for (size_t s = 0; s < rec->sentences.n; s++) {
        size_t b = sv[s].tok_begin, e = sv[s].tok_end;
        if (e - b - 1 >= 16 || e > n || !(tk[b].flags & NM_TF_LINE_START) ||
            (e < n && !(tk[e].flags & NM_TF_LINE_START)))
            continue;
        size_t i = b + 1;
        while (i < e && !(tk[i].flags & NM_TF_LINE_START))
            i++;
        if (i < e || !table_row(rec, b, e, &km, &ke))
            continue;
        if (open && span[2 * block + 1] == b)
            span[2 * block + 1] = (uint32_t)e; /* the next row of the same table */
        else if (ns < NM_KW_FRAME_MAX)
            block = ns, open = 1, ns = span_add(span, ns, b, e);
    }
    return ns;
}

/* Is token j the "Advertisement" marker a web page leaves between paragraphs: a sentence of its
 * own, before a capitalized word or a line's end? */
static int ad_marker_at(const nm_record *rec, size_t j) {
    const nm_token *tk = rec->tokens.v;
    return (tk[j].flags & NM_TF_SENT_START) &&
           KEY_IS(nm__kw_tok_key(rec, &tk[j]), "advertisement") &&
           (j + 1 == rec->tokens.n || (tk[j + 1].flags & (NM_TF_CAP | NM_TF_LINE_START)));
}


/*
 * Token ranges of a story's frame that are never keywords (see kw_clean.h): a byline opening one
 * of its first three lines; anywhere, the label of an editor's note opening a line, a credit in
 * parentheses, the agency a source spoke to ("told Reuters", "polled by Reuters") or that signs
 * off an item or credits a photo ("... rose. - AP", "AP PHOTO"), and the "Advertisement" marker
 * (one walk: a token's length, then its first byte, rule out most); a closing agency signature
 * ("... rose. Reuter") and closing promotion lines in the last 512 bytes. span gets [b, e)
 * pairs, at most NM_KW_FRAME_MAX; returns their count.
 */
size_t nm__kw_frame_spans(const nm_record *rec, const uint32_t *etok, const uint32_t *starts,
                          size_t nstarts, uint32_t *span) {
    const nm_token *tk = rec->tokens.v;
    const char *text = rec->text.ptr;
    size_t n = rec->tokens.n, ns = 0, lines = 0;
    /* Line and sentence starts (the caller lists them: about 1 token in 10, and a test per
     * token here mispredicted often): bylines (first 3 lines), notes, the Advertisement
     * marker. */
    for (size_t q = 0; q < nstarts; q++) {
        size_t i = starts[q];
        unsigned fl = tk[i].flags;
        unsigned c = (unsigned char)text[tk[i].start], e = c | 0x20;
        if (fl & NM_TF_LINE_START) {
            if (++lines <= 3 && e == 'b')
                ns = span_add(span, ns, i, byline_at(rec, i));
            else if (e == 'n' || e == 'e')
                ns = span_add(span, ns, i, note_at(rec, i));
        }
        if (c == 'A' && tk[i].end - tk[i].start == 13 && ad_marker_at(rec, i))
            ns = span_add(span, ns, i, i + 1);
    }
    /* Credits in parentheses: the text's "(" bytes (memchr), each matched to its token. */
    size_t j = 0;
    for (const char *q = text, *end = text + rec->text.len;
         (q = memchr(q, '(', (size_t)(end - q))) != NULL; q++) {
        uint32_t off = (uint32_t)(q - text);
        while (j < n && tk[j].start < off)
            j++;
        if (j < n && tk[j].start == off)
            ns = span_add(span, ns, j, paren_credit_at(rec, j));
    }
    /* An agency a source spoke to ("told Reuters", "polled by the AP"), crediting a photo ("AP
     * PHOTO") or signing off an item ("... policemen. - AP"): the organisations the entities
     * stage found, each checked for a verb before it or a credit around it. */
    for (size_t k = 0; k < rec->entities.n; k++) {
        const nm_entity *en = &rec->entities.v[k];
        if (en->type != NM_ENT_ORG)
            continue;
        j = etok[2 * k];
        if (j == n || tk[j].start != en->start || j == 0)
            continue;
        size_t i = j - 1; /* the verb's token, before "the" when there is one */
        if (i > 0 && KEY_IS(nm__kw_tok_key(rec, &tk[i]), "the"))
            i--;
        if (spoke_to_at(rec, i))
            ns = span_add(span, ns, i + 1, agency_at(rec, i + 1));
        else if (j + 1 < n && KEY_IS(nm__kw_tok_key(rec, &tk[j + 1]), "photo") &&
                 agency_at(rec, j) == j + 1)
            ns = span_add(span, ns, j, j + 2); /* "AP PHOTO", "Reuters photo" */
        else if (signed_at(rec, j) && agency_at(rec, j) > j)
            ns = span_add(span, ns, j - 1, agency_at(rec, j)); /* "... policemen. - AP" */
    }
    /* a wire story's closing signature: "... rose. Reuter" */
    if (n && (tk[n - 1].flags & NM_TF_SENT_START) && agency_at(rec, n - 1) == n)
        ns = span_add(span, ns, n - 1, n);
    return table_spans(rec, span, promo_spans(rec, span, ns));
}

/*
 * Is w[0, n) (a lower-case token key) a word of attribution, the frame of a news report rather
 * than its subject: "spokesman", "officials", "sources", "told", "reporters", "analysts"? Each
 * names who speaks or that someone spoke, in almost any story. ("reported" is not one: its stem
 * is that of "report", often a subject.)
 */
int nm__kw_reporting_word(const char *w, size_t n) {
    /* Each word at the slot its length and last two bytes give it (no two collide): one
     * slot to test, not a walk over the list whose length test mispredicted (this runs on
     * every stem cache miss). */
    static const char slots[32][13] = {
        [2] = "sources",    [3] = "spokesperson", [4] = "expert",      [8] = "analyst",
        [12] = "spokesman", [13] = "source",      [14] = "economist",  [15] = "officials",
        [16] = "spokesmen", [17] = "experts",     [18] = "spokeswoman", [20] = "analysts",
        [21] = "reporters", [22] = "spokeswomen", [24] = "told",       [25] = "official",
        [26] = "economists",
    };
    if (n < 4 || n > 12)
        return 0;
    const char *s = slots[(n * 3 + (unsigned char)w[n - 1] * 24u + (unsigned char)w[n - 2]) & 31];
    return s[0] == w[0] && s[n] == '\0' && memcmp(s, w, n) == 0;
}

const char *const nm__kw_function_words[] = {
    "accordingly", "actually", "afterward", "afterwards", "allegedly", "alongside", "always",
    "another", "anybody", "anyone", "anything", "anyway", "anywhere", "apparently",
    "approximately", "away", "barely", "basically", "beforehand", "beneath", "briefly",
    "certainly", "clearly", "closely", "completely", "concerning", "currently", "directly",
    "earlier", "effectively", "elsewhere", "enough", "entirely", "especially", "essentially",
    "eventually", "every", "everybody", "everyone", "everything", "everywhere", "except",
    "excluding", "fairly", "finally", "formerly", "fully", "generally", "hardly", "hereafter",
    "highly", "immediately", "indeed", "initially", "irrespective", "largely", "lately",
    "later", "least", "less", "likewise", "lots", "mainly", "maybe", "merely", "mostly",
    "nearly", "newly", "nobody", "nonetheless", "nothing", "notwithstanding", "nowhere",
    "officially", "often", "originally", "particularly", "partly", "possibly", "practically",
    "previously", "prior", "probably", "really", "recently", "regarding", "regardless",
    "relatively", "reportedly", "respectively", "roughly", "sharply", "shortly",
    "significantly", "simply", "slightly", "somebody", "somehow", "someone", "something",
    "sometimes", "somewhat", "somewhere", "soon", "strongly", "subsequently", "substantially",
    "thereafter", "thereby", "therein", "together", "totally", "truly", "typically",
    "underneath", "unlike", "usually", "virtually", "whatever", "whenever", "whereby",
    "wherein", "wherever", "whichever", "whoever", "widely",
};
const size_t nm__kw_function_words_n = sizeof nm__kw_function_words / sizeof *nm__kw_function_words;

int nm__kw_function_word(const char *w, size_t n) {
    const char *const *words = nm__kw_function_words;
    /* Each word (its index + 1) at the slot a multiply of its first and last 4 bytes gives
     * it: one compare per call, which every stem cache miss makes (a walk over the list cost
     * ~1% of the CLI's instructions). The multiplier was found by trying odd ones until no two
     * words shared a slot; a word added needs a new one (test_function_word_list checks). */
    static const uint8_t slot[1024] = {
        [1] = 57, [3] = 120, [8] = 95, [13] = 124, [14] = 27, [22] = 77, [25] = 16, [27] = 37,
        [32] = 76, [36] = 18, [44] = 88, [46] = 71, [55] = 61, [62] = 23, [69] = 104, [73] = 8,
        [77] = 48, [78] = 105, [82] = 55, [88] = 31, [104] = 108, [106] = 44, [121] = 100,
        [132] = 84, [140] = 90, [155] = 114, [171] = 35, [179] = 69, [182] = 39, [192] = 72,
        [197] = 89, [225] = 38, [229] = 94, [232] = 82, [245] = 14, [274] = 83, [276] = 32,
        [295] = 22, [299] = 62, [311] = 102, [322] = 99, [337] = 20, [339] = 26, [350] = 111,
        [352] = 50, [353] = 12, [362] = 59, [366] = 9, [371] = 11, [379] = 7, [380] = 103,
        [385] = 85, [392] = 73, [414] = 42, [420] = 49, [427] = 117, [433] = 67, [447] = 96,
        [450] = 106, [453] = 17, [458] = 60, [478] = 107, [489] = 53, [493] = 15, [497] = 45,
        [501] = 93, [502] = 43, [504] = 33, [513] = 97, [519] = 54, [525] = 79, [526] = 70,
        [532] = 24, [546] = 112, [558] = 13, [560] = 110, [591] = 63, [597] = 6, [611] = 86,
        [613] = 65, [627] = 123, [633] = 41, [672] = 109, [677] = 34, [678] = 30, [706] = 1,
        [707] = 25, [711] = 115, [712] = 56, [727] = 126, [735] = 87, [737] = 29, [756] = 122,
        [759] = 58, [770] = 125, [785] = 74, [801] = 80, [806] = 21, [809] = 92, [817] = 101,
        [848] = 75, [861] = 28, [868] = 121, [873] = 36, [877] = 52, [880] = 64, [906] = 91,
        [913] = 40, [921] = 19, [922] = 98, [923] = 5, [924] = 4, [926] = 3, [937] = 78,
        [946] = 51, [949] = 46, [969] = 2, [970] = 66, [971] = 118, [975] = 47, [983] = 10,
        [993] = 116, [994] = 113, [996] = 81, [1001] = 68, [1021] = 119,
    };
    _Static_assert(sizeof nm__kw_function_words / sizeof *nm__kw_function_words < 256,
                   "slot holds a word's index + 1");
    if (n < 4 || n > 15)
        return 0;
    const unsigned char *u = (const unsigned char *)w, *z = u + n - 4; /* little-endian */
    uint32_t a = u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
    uint32_t b = z[0] | (uint32_t)z[1] << 8 | (uint32_t)z[2] << 16 | (uint32_t)z[3] << 24;
    unsigned i = slot[((a ^ b * 0x9E3779B1u) * 0xcefe2a1fu) >> 22];
    return i != 0 && strlen(words[i - 1]) == n && memcmp(words[i - 1], w, n) == 0;
}
