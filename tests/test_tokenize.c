/*
 * test_tokenize.c — tokenizer and sentence splitter tests (pipeline/tokenize.c).
 *
 * A table of tricky news inputs with their exact tokens ("type:text", spans found in order),
 * flag checks, sentence-split cases, the stage entry point on a stack record, an invariant test
 * over a generated Unicode-heavy text (ordered, non-overlapping, UTF-8 boundaries, no space
 * inside but number group separators, every non-space byte covered), and hostile inputs
 * (NUL bytes, 100 000 combining marks, a megabyte without a space) that must stay linear.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "newsmine/options.h"
#include "record.h"
#include "stage.h"
#include "testutil.h"
#include "tokenize.h"

typedef struct tcase {
    const char *in;
    const char *exp; /* "type:text type:text ..." */
} tcase;

static const tcase cases[] = {
    {"Hello world", "word:Hello word:world"},
    {"Ukraine's army", "word:Ukraine's word:army"},
    {"Ukraine’s army", "word:Ukraine’s word:army"},
    {"didn't", "word:didn't"},
    {"didn’t", "word:didn’t"},
    {"O'Brien said", "word:O'Brien word:said"},
    {"O’Neill’s plan", "word:O’Neill’s word:plan"},
    {"rock'n'roll", "word:rock'n'roll"},
    {"companies' shares", "word:companies' word:shares"},
    {"'quoted'", "punct:' word:quoted punct:'"},
    {"'90s", "punct:' number:90 word:s"},
    {"anti-war", "word:anti-war"},
    {"well-known firm", "word:well-known word:firm"},
    {"COVID-19 cases", "word:COVID-19 word:cases"},
    {"F-16 jets", "word:F-16 word:jets"},
    {"Jean-Pierre", "word:Jean-Pierre"},
    {"anti‑war", "word:anti‑war"},
    {"state-of-the-art", "word:state-of-the-art"},
    {"pre- and post-war", "word:pre punct:- word:and word:post-war"},
    {"word--word", "word:word punct:-- word:word"},
    {"a -- b", "word:a punct:-- word:b"},
    {"e-mail", "word:e-mail"},
    {"U.S.", "abbrev:U.S."},
    {"the U.S. economy", "word:the abbrev:U.S. word:economy"},
    {"U.S.-led", "abbrev:U.S. punct:- word:led"},
    {"anti-U.S. rally", "word:anti punct:- abbrev:U.S. word:rally"},
    {"U.S.'s economy", "abbrev:U.S.'s word:economy"},
    {"Acme Inc.’s unit", "word:Acme abbrev:Inc.’s word:unit"},
    {"U.S.'sx", "abbrev:U.S. punct:' word:sx"},
    {"Mr. Smith", "abbrev:Mr. word:Smith"},
    {"Mrs. Jones", "abbrev:Mrs. word:Jones"},
    {"Dr. Who", "abbrev:Dr. word:Who"},
    /* neighbours in the sorted abbreviation table (it is binary-searched) */
    {"Brig. Gen. Lee", "abbrev:Brig. abbrev:Gen. word:Lee"},
    {"Smith Bros. Inc.", "word:Smith abbrev:Bros. abbrev:Inc."},
    {"Acme Inc.", "word:Acme abbrev:Inc."},
    {"ACME CORP.", "word:ACME abbrev:CORP."},
    {"Jan. 5", "abbrev:Jan. number:5"},
    {"Sept. 11", "abbrev:Sept. number:11"},
    {"J.R.R. Tolkien", "abbrev:J.R.R. word:Tolkien"},
    {"e.g. this", "abbrev:e.g. word:this"},
    {"i.e.", "abbrev:i.e."},
    {"5 p.m.", "number:5 abbrev:p.m."},
    {"10 a.m. today", "number:10 abbrev:a.m. word:today"},
    {"John F. Kennedy", "word:John abbrev:F. word:Kennedy"},
    {"No. 1", "abbrev:No. number:1"},
    /* a word and the period after it (the word fast path when whitespace or the end follows
     * and the word is no abbreviation or initial) */
    {"it fell. The", "word:it word:fell punct:. word:The"},
    {"it fell.\nThe", "word:it word:fell punct:. word:The"},
    {"it fell.", "word:it word:fell punct:."},
    {"a mass. of", "word:a word:mass punct:. word:of"},
    {"in Mass. and", "word:in abbrev:Mass. word:and"},
    {"no. 5 and no. x", "word:no punct:. number:5 word:and word:no punct:. word:x"},
    {"Plan B. Then", "word:Plan abbrev:B. word:Then"},
    {"plan b. then", "word:plan word:b punct:. word:then"},
    {"see www. x", "word:see word:www punct:. word:x"},
    {"mail me. x@y.com", "word:mail word:me punct:. email:x@y.com"},
    {"he said.\" Then", "word:he word:said punct:. punct:\" word:Then"},
    {"(fell.) and", "punct:( word:fell punct:. punct:) word:and"},
    {"<BRAZ> said", "symbol:< word:BRAZ symbol:> word:said"},
    {"said no.", "word:said word:no punct:."},
    {"Calif.", "abbrev:Calif."},
    {"etc.", "abbrev:etc."},
    {"Wash., D.C.", "abbrev:Wash. punct:, abbrev:D.C."},
    {"St. Louis", "abbrev:St. word:Louis"},
    {"a.b.c.", "abbrev:a.b.c."},
    {"H.R. 1", "abbrev:H.R. number:1"},
    {"Ltd.,", "abbrev:Ltd. punct:,"},
    {"the end.", "word:the word:end punct:."},
    {"Yahoo!", "word:Yahoo punct:!"},
    {"134.4", "number:134.4"},
    {"1,250,000.50", "number:1,250,000.50"},
    {"1.250.000,50", "number:1.250.000,50"},
    {"12,34,567", "number:12,34,567"},
    {"2.0", "number:2.0"},
    {"1\u00a0250\u00a0000", "number:1\u00a0250\u00a0000"},
    {"1\u2009250", "number:1\u2009250"},
    {"1\u202f250", "number:1\u202f250"},
    {"1\u2007250", "number:1\u2007250"},
    {"1\u00a025", "number:1 number:25"},
    {"1\u00a02500", "number:1 number:2500"},
    {"in 1990.", "word:in number:1990 punct:."},
    /* a digit run before whitespace or plain punctuation (the numbers' short cut) */
    {"(1987) 5; 6? 7! \"8\" [9] <10> 11\t12\n13",
     "punct:( number:1987 punct:) number:5 punct:; number:6 punct:? number:7 punct:! punct:\" "
     "number:8 punct:\" punct:[ number:9 punct:] symbol:< number:10 symbol:> number:11 number:12 "
     "number:13"},
    {".5", "number:.5"},
    {"-5", "punct:- number:5"},
    {"+3.2%", "symbol:+ number:3.2 symbol:%"},
    {"3.5%", "number:3.5 symbol:%"},
    {"€50", "currency:€ number:50"},
    {"€50bn", "currency:€ number:50 word:bn"},
    {"US$5", "currency:US$ number:5"},
    {"£3.5m", "currency:£ number:3.5 word:m"},
    {"5bn", "number:5 word:bn"},
    {"$1.2bn", "currency:$ number:1.2 word:bn"},
    {"USD34.6", "word:USD number:34.6"},
    {"EUR50", "word:EUR number:50"},
    {"UAH3.04", "word:UAH number:3.04"}, /* any ISO 4217 code, not only the majors */
    {"RMB10", "word:RMB number:10"},
    {"TOP10", "word:TOP10"}, /* a code that is also a word stays whole */
    {"MP3", "word:MP3"},
    {"USD 5", "word:USD number:5"},
    {"A$10", "currency:A$ number:10"},
    {"HK$5", "currency:HK$ number:5"},
    {"R$3", "currency:R$ number:3"},
    {"C$ 2", "currency:C$ number:2"},
    {"Mex$100", "currency:Mex$ number:100"},
    {"Rs500", "word:Rs number:500"},
    {"$3-5", "currency:$ number:3 punct:- number:5"},
    {"2-1 win", "number:2 punct:- number:1 word:win"},
    {"¥100", "currency:¥ number:100"},
    {"₹1,000", "currency:₹ number:1,000"},
    {"50¢", "number:50 currency:¢"},
    {"5$", "number:5 currency:$"},
    {"$5", "currency:$ number:5"},
    {"$US107.94", "currency:$US number:107.94"},
    {"$A5 $US $", "currency:$A number:5 currency:$ word:US currency:$"},
    {"4th", "ordinal:4th"},
    {"21st", "ordinal:21st"},
    {"2nd", "ordinal:2nd"},
    {"3rd", "ordinal:3rd"},
    {"100TH", "ordinal:100TH"},
    {"4the", "number:4 word:the"},
    {"1996-12-06", "date:1996-12-06"},
    {"2024-05-01T10:30:00Z", "date:2024-05-01T10:30:00Z"},
    {"2024-05-01T10:30+02:00 ok", "date:2024-05-01T10:30+02:00 word:ok"},
    {"2024-05-01T10:30:00.123Z.", "date:2024-05-01T10:30:00.123Z punct:."},
    {"2024-05-01Tx", "date:2024-05-01 word:Tx"},
    {"1996-13-06", "number:1996 punct:- number:13 punct:- number:06"},
    {"12/06/1996", "date:12/06/1996"},
    {"6/12/96", "date:6/12/96"},
    {"1996/12/06", "date:1996/12/06"},
    {"06.12.1996", "date:06.12.1996"},
    {"2024-25", "number:2024 punct:- number:25"},
    {"10:30", "time:10:30"},
    {"10:30:15", "time:10:30:15"},
    {"9:05", "time:9:05"},
    {"25:30", "number:25 punct:: number:30"},
    {"3:2", "number:3 punct:: number:2"},
    {"10:30am", "time:10:30 word:am"},
    {"1990s", "number:1990 word:s"},
    {"G20", "word:G20"},
    {"MP3", "word:MP3"},
    {"3D", "number:3 word:D"},
    {"100km", "number:100 word:km"},
    {"3.30pm", "number:3.30 word:pm"},
    {"1,000-strong", "number:1,000 punct:- word:strong"},
    {"9/11", "number:9 symbol:/ number:11"},
    {"24/7", "number:24 symbol:/ number:7"},
    {"3.5.2", "number:3.5.2"},
    {"https://www.reuters.com/world/", "url:https://www.reuters.com/world/"},
    {"http://example.com/a_(b)", "url:http://example.com/a_(b)"},
    {"(see https://x.org/a).", "punct:( word:see url:https://x.org/a punct:) punct:."},
    {"www.bbc.co.uk/news.", "url:www.bbc.co.uk/news punct:."},
    {"HTTPS://EXAMPLE.COM", "url:HTTPS://EXAMPLE.COM"},
    {"http://a.b/c?d=e&f=g#h", "url:http://a.b/c?d=e&f=g#h"},
    {"\"http://x.com\"", "punct:\" url:http://x.com punct:\""},
    {"reuters.com", "url:reuters.com"},
    {"on reuters.com/markets today", "word:on url:reuters.com/markets word:today"},
    {"Amazon.com", "word:Amazon punct:. word:com"},
    {"foo.bar", "word:foo punct:. word:bar"},
    {"www.", "word:www punct:."},
    {"press@example.org now", "email:press@example.org word:now"},
    {"john.smith@reuters.com", "email:john.smith@reuters.com"},
    {"a+b@ex.co.uk", "email:a+b@ex.co.uk"},
    {"(x@y.io)", "punct:( email:x@y.io punct:)"},
    /* words before a '.' look for an e-mail only up to the next '@' (and not at all after the
     * last one) */
    {"Mr. Smith wrote to press@example.org. Then a.b c@d.com and e.g. x.y@z.net, done.",
     "abbrev:Mr. word:Smith word:wrote word:to email:press@example.org punct:. word:Then word:a "
     "punct:. word:b email:c@d.com word:and abbrev:e.g. email:x.y@z.net punct:, word:done "
     "punct:."},
    {"U.S. shares fell. no at sign here. etc.",
     "abbrev:U.S. word:shares word:fell punct:. word:no word:at word:sign word:here punct:. "
     "abbrev:etc."},
    {"@reuters", "handle:@reuters"},
    {"@ 5", "symbol:@ number:5"},
    {"@reuters_uk:", "handle:@reuters_uk punct::"},
    {"#MeToo", "hashtag:#MeToo"},
    {"#1", "symbol:# number:1"},
    {"#Україна", "hashtag:#Україна"},
    {"# x", "symbol:# word:x"},
    {"👍", "emoji:👍"},
    {"👍🏽 ok", "emoji:👍🏽 word:ok"},
    {"👨‍👩‍👧", "emoji:👨‍👩‍👧"},
    {"👩🏾‍💻", "emoji:👩🏾‍💻"},
    {"🇺🇦🇷🇺", "emoji:🇺🇦 emoji:🇷🇺"},
    {"❤️", "emoji:❤️"},
    {"🏳️‍🌈", "emoji:🏳️‍🌈"},
    {"1️⃣", "emoji:1️⃣"},
    {"good👍", "word:good emoji:👍"},
    {"©", "symbol:©"},
    {"Windows™", "word:Windows symbol:™"},
    {"中文字", "ideograph:中 ideograph:文 ideograph:字"},
    {"日本語のテキスト", "ideograph:日 ideograph:本 ideograph:語 ideograph:の ideograph:テ "
                         "ideograph:キ ideograph:ス ideograph:ト"},
    {"北京。", "ideograph:北 ideograph:京 punct:。"},
    {"한국어 뉴스", "word:한국어 word:뉴스"},
    {"ＡＢＣ", "word:ＡＢＣ"},
    {"Zélensky", "word:Zélensky"},
    {"Москва и Киев", "word:Москва word:и word:Киев"},
    {"القاهرة", "word:القاهرة"},
    {"x²", "word:x²"},
    {"5½", "number:5 number:½"},
    {"𝐁𝐨𝐥𝐝", "word:𝐁𝐨𝐥𝐝"},
    {"ﬁnance", "word:ﬁnance"},
    {"...", "punct:..."},
    {"Wait...", "word:Wait punct:..."},
    {"…", "punct:…"},
    {"Really?!", "word:Really punct:?!"},
    {"“Yes,” he said", "punct:“ word:Yes punct:, punct:” word:he word:said"},
    {"‘no’", "punct:‘ word:no punct:’"},
    {"«non»", "punct:« word:non punct:»"},
    {"(a)", "punct:( word:a punct:)"},
    {"[1]", "punct:[ number:1 punct:]"},
    {"x/y", "word:x symbol:/ word:y"},
    {"and/or", "word:and symbol:/ word:or"},
    {"AT&T", "word:AT&T"},
    {"S&P 500", "word:S&P number:500"},
    {"M&A deals", "word:M&A word:deals"},
    {"R&D", "word:R&D"},
    {"Johnson & Johnson", "word:Johnson symbol:& word:Johnson"},
    {"x = y", "word:x symbol:= word:y"},
    {"−5", "symbol:− number:5"},
    {"2010–2015", "number:2010 punct:– number:2015"},
    {"a;b", "word:a punct:; word:b"},
    {"a:b", "word:a punct:: word:b"},
    {"it's", "word:it's"},
    {"x_y", "word:x symbol:_ word:y"},
    {"a*b", "word:a symbol:* word:b"},
    {"~5", "symbol:~ number:5"},
    {"<b>", "symbol:< word:b symbol:>"},
    {"{x}", "punct:{ word:x punct:}"},
    {"a\\b", "word:a symbol:\\ word:b"},
    {"&#xa3;5", "currency:&#xa3; number:5"},
    {"&pound;5 &amp; &quot;x&quot;",
     "currency:&pound; number:5 symbol:&amp; punct:&quot; word:x punct:&quot;"},
    {"AT&amp;T", "word:AT&amp;T"}, /* a reference inside a word: the word AT&T */
    {"S&amp;P 500", "word:S&amp;P number:500"},
    {"M&amp;A deals", "word:M&amp;A word:deals"},
    {"Procter &amp; Gamble", "word:Procter symbol:&amp; word:Gamble"},
    {"Johnson&amp;Johnson", "word:Johnson symbol:&amp; word:Johnson"}, /* as "Johnson&Johnson" */
    {"AT&amp;t", "word:AT symbol:&amp; word:t"},
    {"Z&#252;rich", "word:Z&#252;rich"},
    {"Caf&#233; au lait", "word:Caf&#233; word:au word:lait"},
    {"na&#xEF;ve G&#50;0", "word:na&#xEF;ve word:G&#50;0"},
    {"don&#39;t Japan&#039;s PM", "word:don&#39;t word:Japan&#039;s word:PM"}, /* apostrophes */
    {"companies&#39; profits", "word:companies&#39; word:profits"},
    {"a&quot;b x&lt;y", "word:a punct:&quot; word:b word:x symbol:&lt; word:y"},
    {"&#233;t&#233;", "word:&#233;t&#233;"}, /* a letter's reference opens a word too */
    {"Caf&eacute; au lait", "word:Caf&eacute; word:au word:lait"}, /* named: HTML 4 Latin-1 */
    {"S&atilde;o Paulo, M&Uuml;NCHEN", "word:S&atilde;o word:Paulo punct:, word:M&Uuml;NCHEN"},
    {"Wait&hellip; x&sup2; soft&shy;ware", "word:Wait punct:&hellip; word:x&sup2; word:soft&shy;ware"},
    {"&Eacute;cole", "word:&Eacute;cole"}, /* as "École" (it was split: symbol, word) */
    {"&Eacute; &eacute;-x &#201;COLE", "symbol:&Eacute; symbol:&eacute; punct:- word:x "
                                       "word:&#201;COLE"}, /* a letter must follow */
    {"a&nbsp;b &eacute &Eacute; &eAcute;", "word:a symbol:&nbsp; word:b symbol:& word:eacute "
                                           "symbol:&Eacute; symbol:& word:eAcute punct:;"},
    {"&#8364;5", "currency:&#8364; number:5"},
    {"&bogus; &#;", "symbol:& word:bogus punct:; symbol:& symbol:# punct:;"},
    {"don\xC2\x92t \xC2\x97 x", "word:don\xC2\x92t punct:\xC2\x97 word:x"},
};

typedef struct toks {
    nm_token *v;
    size_t n, cap;
    nm_sentence *s;
    size_t sn, scap;
} toks;

/* Tokenizes and splits s; the marked path that the stage takes (the tokenizer marks the tokens
 * the splitter must look at) must give the same tokens, flags and sentences. */
static void run(toks *t, const char *s, size_t len) {
    memset(t, 0, sizeof *t);
    assert_int_equal(nm__tokenize(s, len, &t->v, &t->n, &t->cap), NM_OK);
    assert_int_equal(nm__sentences(s, len, t->v, t->n, &t->s, &t->sn, &t->scap), NM_OK);
    toks m = {0};
    uint64_t *marks = calloc(len / 64 + 1, sizeof *marks);
    assert_non_null(marks);
    assert_int_equal(nm__tokenize_marked(s, len, &m.v, &m.n, &m.cap, marks), NM_OK);
    assert_int_equal(nm__sentences_marked(s, len, m.v, m.n, marks, &m.s, &m.sn, &m.scap), NM_OK);
    assert_int_equal(m.n, t->n);
    for (size_t k = 0; k < m.n; k++) {
        assert_int_equal(m.v[k].start, t->v[k].start);
        assert_int_equal(m.v[k].end, t->v[k].end);
        assert_int_equal(m.v[k].type, t->v[k].type);
        assert_int_equal(m.v[k].flags, t->v[k].flags);
    }
    assert_int_equal(m.sn, t->sn);
    if (m.sn)
        assert_memory_equal(m.s, t->s, m.sn * sizeof *m.s);
    free(marks);
    free(m.v);
    free(m.s);
}

static void toks_free(toks *t) {
    free(t->v);
    free(t->s);
}

static void dump(const char *in, const toks *t) {
    for (size_t k = 0; k < t->n; k++)
        fprintf(stderr, "  %s:%.*s [%u,%u)\n", nm__token_type_name(t->v[k].type),
                (int)(t->v[k].end - t->v[k].start), in + t->v[k].start, t->v[k].start, t->v[k].end);
}

static void test_table(void **state) {
    (void)state;
    int failed = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const char *in = cases[c].in;
        toks t;
        run(&t, in, strlen(in));
        char exp[512];
        snprintf(exp, sizeof exp, "%s", cases[c].exp);
        size_t k = 0, pos = 0;
        int ok = 1;
        for (char *save = NULL, *item = strtok_r(exp, " ", &save); item;
             item = strtok_r(NULL, " ", &save), k++) {
            char *colon = strchr(item, ':');
            *colon = '\0';
            const char *text = colon + 1;
            const char *at = strstr(in + pos, text);
            if (k >= t.n || at == NULL || strcmp(nm__token_type_name(t.v[k].type), item) != 0 ||
                t.v[k].start != (uint32_t)(at - in) ||
                t.v[k].end != (uint32_t)(at - in + strlen(text))) {
                ok = 0;
                break;
            }
            pos = t.v[k].end;
        }
        if (!ok || k != t.n) {
            fprintf(stderr, "case %zu \"%s\": expected %s, got\n", c, in, cases[c].exp);
            dump(in, &t);
            failed++;
        }
        toks_free(&t);
    }
    assert_int_equal(failed, 0);
}

/* Inputs with NUL bytes and control characters (lengths given explicitly). */
static void test_controls(void **state) {
    (void)state;
    static const char in[] = "a\0b\x01\x02 c\x7f";
    toks t;
    run(&t, in, sizeof in - 1);
    assert_int_equal(t.n, 6);
    assert_int_equal(t.v[0].type, NM_TOK_WORD);
    assert_int_equal(t.v[1].type, NM_TOK_OTHER);
    assert_int_equal(t.v[1].start, 1);
    assert_int_equal(t.v[1].end, 2);
    assert_int_equal(t.v[2].type, NM_TOK_WORD);
    assert_int_equal(t.v[3].type, NM_TOK_OTHER);
    assert_int_equal(t.v[3].start, 3);
    assert_int_equal(t.v[3].end, 5);
    assert_int_equal(t.v[4].start, 6);
    assert_int_equal(t.v[5].type, NM_TOK_OTHER);
    toks_free(&t);
    /* lone combining mark, BOM, marks after a digit */
    static const char in2[] = "\xCC\x81 \xEF\xBB\xBFHi 5\xCC\x81";
    run(&t, in2, sizeof in2 - 1);
    assert_int_equal(t.n, 4);
    assert_int_equal(t.v[0].type, NM_TOK_OTHER);
    assert_int_equal(t.v[0].end, 2);
    assert_int_equal(t.v[1].type, NM_TOK_OTHER);
    assert_int_equal(t.v[1].start, 3);
    assert_int_equal(t.v[1].end, 6);
    assert_int_equal(t.v[2].type, NM_TOK_WORD);
    assert_int_equal(t.v[2].start, 6);
    assert_int_equal(t.v[3].type, NM_TOK_NUMBER);
    assert_int_equal(t.v[3].end, sizeof in2 - 1);
    toks_free(&t);
    /* empty and whitespace-only texts */
    run(&t, "", 0);
    assert_int_equal(t.n, 0);
    assert_int_equal(t.sn, 0);
    toks_free(&t);
    run(&t, " \n\t\xC2\xA0", 5);
    assert_int_equal(t.n, 0);
    toks_free(&t);
}

static unsigned flags_of(const char *in, size_t k) {
    toks t;
    run(&t, in, strlen(in));
    assert_true(k < t.n);
    unsigned f = t.v[k].flags;
    toks_free(&t);
    return f;
}

static void test_flags(void **state) {
    (void)state;
    unsigned f = flags_of("Paris", 0);
    assert_true(f & NM_TF_CAP);
    assert_false(f & NM_TF_ALLCAPS);
    assert_true(f & NM_TF_HAS_ALPHA);
    assert_true(f & NM_TF_SPACE_BEFORE);
    assert_true(f & NM_TF_SENT_START);
    assert_true(f & NM_TF_LINE_START);
    f = flags_of("the NATO", 1);
    assert_true(f & NM_TF_ALLCAPS);
    assert_true(f & NM_TF_CAP);
    assert_false(f & NM_TF_SENT_START);
    assert_false(f & NM_TF_LINE_START);
    f = flags_of("iPhone", 0);
    assert_false(f & (NM_TF_CAP | NM_TF_ALLCAPS));
    assert_true(f & NM_TF_HAS_UPPER); /* normalization folds case only when this is set */
    assert_false(flags_of("paris", 0) & NM_TF_HAS_UPPER);
    /* a word opened by a letter's reference has the letter's case */
    f = flags_of("the &Eacute;cole", 1);
    assert_true((f & NM_TF_CAP) && (f & NM_TF_HAS_UPPER) && (f & NM_TF_HAS_ALPHA));
    assert_false(f & NM_TF_ALLCAPS);
    assert_true(flags_of("the &#201;COLE", 1) & NM_TF_ALLCAPS);
    assert_false(flags_of("the &eacute;t&eacute;", 1) & (NM_TF_CAP | NM_TF_HAS_UPPER));
    assert_false(flags_of("didn't", 0) & NM_TF_HAS_UPPER);
    assert_true(flags_of("the NATO", 1) & NM_TF_HAS_UPPER);
    assert_true(flags_of("AT&T", 0) & NM_TF_HAS_UPPER);
    assert_true(flags_of("McDONALD'S", 0) & NM_TF_HAS_UPPER);
    assert_true(flags_of("x U.S. y", 1) & NM_TF_HAS_UPPER);
    assert_true(flags_of("word-Word", 0) & NM_TF_HAS_UPPER);
    assert_true(flags_of("an abcdefghijklmnopQrstuvwxyz.", 1) & NM_TF_HAS_UPPER); /* 2nd block */
    assert_true(flags_of("zélensKy", 0) & NM_TF_HAS_UPPER);
    assert_false(flags_of("zélensky", 0) & NM_TF_HAS_UPPER);
    assert_false(flags_of("5bn", 0) & NM_TF_HAS_UPPER);
    f = flags_of("G20", 0);
    assert_true(f & NM_TF_HAS_DIGIT);
    assert_true(f & NM_TF_HAS_ALPHA);
    assert_true(f & NM_TF_ALLCAPS);
    f = flags_of("Émile", 0);
    assert_true(f & NM_TF_CAP);
    assert_true(f & NM_TF_NONASCII);
    f = flags_of("ÉTAT", 0);
    assert_true(f & NM_TF_ALLCAPS);
    f = flags_of("(Paris", 1);
    assert_false(f & NM_TF_SPACE_BEFORE);
    f = flags_of("a\nb", 1);
    assert_true(f & NM_TF_LINE_START);
    f = flags_of("anti-war", 0);
    assert_true(f & NM_TF_HYPHEN);
    f = flags_of("Ukraine's", 0);
    assert_true(f & NM_TF_POSSESSIVE);
    f = flags_of("Ukraine’s", 0);
    assert_true(f & NM_TF_POSSESSIVE);
    f = flags_of("states'", 0);
    assert_true(f & NM_TF_POSSESSIVE);
    f = flags_of("Reuters\xC2\x92s", 0); /* U+0092: cp1252's apostrophe decoded as Latin-1 */
    assert_true(f & NM_TF_POSSESSIVE);
    f = flags_of("U.S.'s", 0);
    assert_true(f & NM_TF_POSSESSIVE);
    f = flags_of("didn't", 0);
    assert_false(f & NM_TF_POSSESSIVE);
    f = flags_of("中文", 0);
    assert_true(f & NM_TF_HAS_ALPHA);
    assert_false(f & NM_TF_CAP);
    /* numbers: the scanner's shape flags (ASCII digits, commas, periods) and those of a number
     * with a digit-group space or a mark after it (computed from the bytes) */
    const unsigned shape_bits = NM_TF_CAP | NM_TF_ALLCAPS | NM_TF_HAS_DIGIT | NM_TF_HAS_ALPHA |
                                NM_TF_NONASCII | NM_TF_HAS_UPPER;
    assert_int_equal(flags_of("1,250,000.50", 0) & shape_bits, NM_TF_HAS_DIGIT);
    assert_int_equal(flags_of("x .5", 1) & shape_bits, NM_TF_HAS_DIGIT);
    assert_int_equal(flags_of("134", 0) & shape_bits, NM_TF_HAS_DIGIT);
    assert_int_equal(flags_of("1\xC2\xA0" "250\xE2\x80\xAF" "000", 0) & shape_bits,
                     NM_TF_HAS_DIGIT | NM_TF_NONASCII);
    assert_int_equal(flags_of("5\xCC\x81", 0) & shape_bits, NM_TF_HAS_DIGIT | NM_TF_NONASCII);
    assert_int_equal(flags_of("4TH", 0) & shape_bits,
                     NM_TF_HAS_DIGIT | NM_TF_HAS_ALPHA | NM_TF_CAP | NM_TF_ALLCAPS |
                         NM_TF_HAS_UPPER);
    /* ASCII punctuation runs have no shape flags; a mark after one makes it non-ASCII */
    assert_int_equal(flags_of("x, y", 1) & shape_bits, 0);
    assert_int_equal(flags_of("x... y", 1) & shape_bits, 0);
    assert_int_equal(flags_of("x?! y", 1) & shape_bits, 0);
    assert_int_equal(flags_of("x -- y", 1) & shape_bits, 0);
    assert_int_equal(flags_of("(x)", 0) & shape_bits, 0);
    assert_int_equal(flags_of(".\xCC\x81", 0) & shape_bits, NM_TF_NONASCII);
    f = flags_of("5bn", 0);
    assert_true(f & NM_TF_HAS_DIGIT);
    assert_false(f & NM_TF_HAS_ALPHA);
    assert_int_equal(f & NM_TF_STOP, 0);
}

/* Sentence cases: expected sentences separated by '|'. */
static const tcase sent_cases[] = {
    {"One. Two.", "One.|Two."},
    {"He left. she stayed.", "He left. she stayed."},
    {"Mr. Smith went to Washington. He said so.", "Mr. Smith went to Washington.|He said so."},
    {"He works at Acme Inc. The firm grew.", "He works at Acme Inc.|The firm grew."},
    {"Acme Inc. said on Monday it grew.", "Acme Inc. said on Monday it grew."},
    {"The U.S. economy grew. Prices rose.", "The U.S. economy grew.|Prices rose."},
    {"They live in the U.S. The economy grew.", "They live in the U.S.|The economy grew."},
    {"Dr. No and Gen. Smith met.", "Dr. No and Gen. Smith met."},
    {"John F. Kennedy was president.", "John F. Kennedy was president."},
    {"\"Stop.\" He stopped.", "\"Stop.\"|He stopped."},
    {"He said “no.” Then left.", "He said “no.”|Then left."},
    {"(It rained.) Then sun.", "(It rained.)|Then sun."},
    {"Really?! Yes!", "Really?!|Yes!"},
    {"Wait... what? Fine... Then go.", "Wait... what?|Fine...|Then go."},
    {"Prices rose 3.5 pct. Shares fell.", "Prices rose 3.5 pct.|Shares fell."},
    {"See e.g. the report. It helps.", "See e.g. the report.|It helps."},
    {"Para one\n\npara two", "Para one|para two"},
    {"UKRAINE TALKS RESUME\nKyiv said on Monday.", "UKRAINE TALKS RESUME|Kyiv said on Monday."},
    {"Ukraine says talks will resume\nKyiv (Reuters) - Officials said.",
     "Ukraine says talks will resume|Kyiv (Reuters) - Officials said."},
    {"the drought since early and improving prospects for the\nJanuary crop was late.",
     "the drought since early and improving prospects for the\nJanuary crop was late."},
    {"It rose to 5, from\n4 a year ago.", "It rose to 5, from\n4 a year ago."},
    {"No final stop", "No final stop"},
    {"北京很大。上海也很大。", "北京很大。|上海也很大。"},
    {"Trade hit $5 bln. Exports rose 2.1 pct in Jan. from Dec.",
     "Trade hit $5 bln.|Exports rose 2.1 pct in Jan. from Dec."},
    {"He paid $5.50. The rest was 3.", "He paid $5.50.|The rest was 3."},
    {"It ended 2-1.\nNext match is Sunday.", "It ended 2-1.|Next match is Sunday."},
    {"He said it is \" over . \" Then he left .", "He said it is \" over . \"|Then he left ."},
    {"Shr 19 cts\n    Net profit 375,061\n    Revs 39.9 mln",
     "Shr 19 cts|Net profit 375,061|Revs 39.9 mln"},
    /* the same with U+2028 and U+0085 line ends, and U+0085 twice: a blank line */
    {"Shr 19 cts\xE2\x80\xA8    Net profit 375,061\xE2\x80\xA8    Revs 39.9 mln",
     "Shr 19 cts|Net profit 375,061|Revs 39.9 mln"},
    {"Shr 19 cts\xC2\x85    Net profit 375,061", "Shr 19 cts|Net profit 375,061"},
    {"Para one\xC2\x85\xC2\x85para two", "Para one|para two"},
    {"options in the U.S.\n      \"I'm from Illinois,\" he said.",
     "options in the U.S.|\"I'm from Illinois,\" he said."},
    {"Rep. Lane Evans (D-Ill.) told a hearing.", "Rep. Lane Evans (D-Ill.) told a hearing."},
    {"Prices\n    rose.", "Prices\n    rose."},
    {"Steps:\n1. Open the box.\n2. Read it.", "Steps:|1. Open the box.|2. Read it."},
    {"Key points\n\u2022 Prices rose\n\u2022 Shares fell\n- Bonds flat",
     "Key points|\u2022 Prices rose|\u2022 Shares fell|- Bonds flat"},
    {"He scored 1. Then he left.", "He scored 1.|Then he left."},
    {"Do this:\n1) Open the box\n2) Read it", "Do this:|1) Open the box|2) Read it"},
    {"Notes\n* one\n* two", "Notes|* one|* two"},
    {"Output rose to\n15. The rest fell.", "Output rose to\n15.|The rest fell."},
    {"I was like, wow. . . . Luckily, I got out. . . and ran.",
     "I was like, wow. . . .|Luckily, I got out. . . and ran."},
};

/* nm__tokenize_marked marks every token with more than one plain space after it (the splitter
 * reads no other gap): after words, punctuation, numbers and symbols, whatever comes next. */
static void test_marks_after_spaces(void **state) {
    (void)state;
    static const char *const in[] = {"word  next", "(x)  next",   "5  next", "a,   b",
                                     "x .  y",     "end\n  more", "%    %",  "last  "};
    for (size_t c = 0; c < sizeof in / sizeof in[0]; c++) {
        size_t len = strlen(in[c]);
        toks m = {0};
        uint64_t *marks = calloc(len / 64 + 1, sizeof *marks);
        assert_non_null(marks);
        assert_int_equal(nm__tokenize_marked(in[c], len, &m.v, &m.n, &m.cap, marks), NM_OK);
        for (size_t k = 0; k < m.n; k++) {
            size_t e = m.v[k].end, next = k + 1 < m.n ? m.v[k + 1].start : len;
            int spaces = next - e >= 2;
            for (size_t b = e; b < next; b++)
                spaces &= in[c][b] == ' ';
            if (spaces && !((marks[k >> 6] >> (k & 63)) & 1)) {
                fprintf(stderr, "\"%s\": token %zu unmarked\n", in[c], k);
                fail();
            }
        }
        free(marks);
        free(m.v);
    }
}

static void test_sentences(void **state) {
    (void)state;
    int failed = 0;
    for (size_t c = 0; c < sizeof sent_cases / sizeof sent_cases[0]; c++) {
        const char *in = sent_cases[c].in;
        toks t;
        run(&t, in, strlen(in));
        char got[1024];
        size_t gl = 0;
        for (size_t k = 0; k < t.sn; k++) {
            int w = snprintf(got + gl, sizeof got - gl, "%s%.*s", k ? "|" : "",
                             (int)(t.s[k].end - t.s[k].start), in + t.s[k].start);
            gl += (size_t)w;
            /* token ranges tile the token list and SENT_START marks each first token */
            assert_int_equal(t.s[k].tok_begin, k ? t.s[k - 1].tok_end : 0);
            assert_true(t.s[k].tok_end > t.s[k].tok_begin);
            assert_int_equal(t.s[k].start, t.v[t.s[k].tok_begin].start);
            assert_int_equal(t.s[k].end, t.v[t.s[k].tok_end - 1].end);
            assert_true(t.v[t.s[k].tok_begin].flags & NM_TF_SENT_START);
        }
        if (t.sn)
            assert_int_equal(t.s[t.sn - 1].tok_end, t.n);
        if (strcmp(got, sent_cases[c].exp) != 0) {
            fprintf(stderr, "sentence case %zu: expected\n  %s\ngot\n  %s\n", c, sent_cases[c].exp,
                    got);
            failed++;
        }
        toks_free(&t);
    }
    assert_int_equal(failed, 0);
}

/* The stage on a stack record. */
/* The named references of HTML 4.01: every Latin-1 one, &nbsp; (U+00A0) to &yuml; (U+00FF) in
 * code point order, the quotes and dashes, the Greek letters and symbols with the longest names
 * and digits in them; the names are case-sensitive, 2 to 8 characters, and need their ';'. */
static void test_named_references(void **state) {
    (void)state;
    static const char latin1[] =
        "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg "
        "plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 "
        "iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml "
        "Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave "
        "Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil "
        "egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde "
        "ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml ";
    int32_t want = 0xA0;
    for (const char *w = latin1; *w; want++) {
        const char *e = strchr(w, ' ');
        char ref[16];
        int n = snprintf(ref, sizeof ref, "&%.*s;", (int)(e - w), w);
        int32_t cp = -1;
        assert_int_equal(nm__html_entity(ref, (size_t)n, &cp), (size_t)n);
        assert_int_equal(cp, want);
        w = e + 1;
    }
    assert_int_equal(want, 0x100);
    static const struct {
        const char *ref;
        int32_t cp;
    } more[] = {{"&quot;", '"'},       {"&amp;", '&'},        {"&lt;", '<'},
                {"&gt;", '>'},         {"&apos;", '\''},      {"&lsquo;", 0x2018},
                {"&rsquo;", 0x2019},   {"&sbquo;", 0x201A},   {"&ldquo;", 0x201C},
                {"&rdquo;", 0x201D},   {"&bdquo;", 0x201E},   {"&ndash;", 0x2013},
                {"&mdash;", 0x2014},   {"&hellip;", 0x2026},  {"&euro;", 0x20AC},
                {"&trade;", 0x2122},   {"&bull;", 0x2022},    {"&OElig;", 0x152},
                {"&oelig;", 0x153},    {"&Scaron;", 0x160},   {"&Yuml;", 0x178},
                {"&Alpha;", 0x391},    {"&omega;", 0x3C9},    {"&thetasym;", 0x3D1},
                {"&there4;", 0x2234},  {"&mu;", 0x3BC},       {"&zwj;", 0x200D},
                {"&diams;", 0x2666},   {"&fnof;", 0x192}};
    for (size_t k = 0; k < sizeof more / sizeof more[0]; k++) {
        int32_t cp = -1;
        size_t n = strlen(more[k].ref);
        assert_int_equal(nm__html_entity(more[k].ref, n, &cp), n);
        assert_int_equal(cp, more[k].cp);
    }
    static const char *const none[] = {"&EACUTE;", "&eacute",  "&e;",   "&bogus;",
                                       "&thetasymx;", "&1abc;", "&;",    "&#;"};
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
        int32_t cp = -1;
        assert_int_equal(nm__html_entity(none[k], strlen(none[k]), &cp), 0);
    }
}

/* A reference inside a word ("AT&amp;T", "Z&#252;rich"): one token whose span covers the
 * reference bytes, shaped as the word it spells. */
static void test_references_in_words(void **state) {
    (void)state;
    static const char text[] = "AT&amp;T and Z&#252;rich.";
    toks t;
    run(&t, text, sizeof text - 1);
    assert_int_equal(t.n, 4);
    assert_int_equal(t.v[0].start, 0);
    assert_int_equal(t.v[0].end, 8);
    assert_int_equal(t.v[0].type, NM_TOK_WORD);
    assert_true(t.v[0].flags & NM_TF_ALLCAPS);
    assert_int_equal(t.v[2].start, 13);
    assert_int_equal(t.v[2].end, 24);
    assert_int_equal(t.v[2].type, NM_TOK_WORD);
    assert_true(t.v[2].flags & NM_TF_CAP);
    assert_false(t.v[2].flags & (NM_TF_ALLCAPS | NM_TF_NONASCII));
    assert_int_equal(t.v[3].start, 24);
    toks_free(&t);
    assert_false(flags_of("CAF&#233;", 0) & NM_TF_ALLCAPS); /* "CAFé" has a lower case */
    assert_true(flags_of("UConn&rsquo;s Maya", 0) & NM_TF_POSSESSIVE); /* as "UConn’s" */
    assert_true(flags_of("companies&#39; profits", 0) & NM_TF_POSSESSIVE);
    assert_false(flags_of("don&#39;t", 0) & NM_TF_POSSESSIVE);
}

static void test_stage(void **state) {
    (void)state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    static const char text[] = "Zelensky met Macron in Paris. They agreed.";
    rec.text = (nm_str){text, sizeof text - 1};
    nm_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    assert_int_equal(rec.tokens.n, 9);
    assert_int_equal(rec.sentences.n, 2);
    assert_int_equal(rec.sentences.v[1].start, 30);
    assert_int_equal(rec.sentences.v[1].tok_begin, 6);
    assert_int_equal(rec.tokens.v[4].start, 23);
    assert_int_equal(rec.tokens.v[4].end, 28);
    nm__record_free(&rec);
}

/* Is b[0..] a group separator usable inside a number? */
static size_t sep_len(const unsigned char *b, size_t left) {
    if (left >= 2 && b[0] == 0xC2 && b[1] == 0xA0)
        return 2;
    if (left >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x87 || b[2] == 0x89 || b[2] == 0xAF))
        return 3;
    return 0;
}

/* Length of the whitespace character at b (Python str.isspace set), or 0. */
static size_t space_len(const unsigned char *b, size_t left) {
    if (b[0] == ' ' || (b[0] >= 0x09 && b[0] <= 0x0D) || (b[0] >= 0x1C && b[0] <= 0x1F))
        return 1;
    if (left >= 2 && b[0] == 0xC2 && (b[1] == 0x85 || b[1] == 0xA0))
        return 2;
    if (left >= 3 && b[0] == 0xE1 && b[1] == 0x9A && b[2] == 0x80)
        return 3;
    if (left >= 3 && b[0] == 0xE2 && b[1] == 0x80 &&
        ((b[2] >= 0x80 && b[2] <= 0x8A) || b[2] == 0xA8 || b[2] == 0xA9 || b[2] == 0xAF))
        return 3;
    if (left >= 3 && b[0] == 0xE2 && b[1] == 0x81 && b[2] == 0x9F)
        return 3;
    if (left >= 3 && b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x80)
        return 3;
    return 0;
}

static void check_invariants(const char *s, size_t len) {
    toks t;
    run(&t, s, len);
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = 0;
    for (size_t k = 0; k < t.n; k++) {
        const nm_token *tk = &t.v[k];
        assert_true(tk->start < tk->end);
        assert_true(tk->end <= len);
        assert_true(tk->start >= pos);
        /* the gap is whitespace only */
        for (size_t g = pos; g < tk->start;) {
            size_t l = space_len(u + g, tk->start - g);
            if (l == 0)
                fail_msg("non-space byte 0x%02x at %zu not covered", u[g], g);
            g += l;
        }
        /* UTF-8 boundaries */
        assert_true((u[tk->start] & 0xC0) != 0x80);
        assert_true(tk->end == len || (u[tk->end] & 0xC0) != 0x80);
        /* no whitespace inside but number group separators */
        for (size_t g = tk->start; g < tk->end;) {
            size_t l = space_len(u + g, tk->end - g);
            if (l) {
                assert_true(NM_TOK_IS_NUMERIC(tk->type));
                assert_true(sep_len(u + g, tk->end - g) == l);
            }
            g += l ? l : 1;
        }
        pos = tk->end;
    }
    for (size_t g = pos; g < len;) {
        size_t l = space_len(u + g, len - g);
        if (l == 0)
            fail_msg("trailing non-space byte at %zu not covered", g);
        g += l;
    }
    /* sentences tile the tokens */
    size_t next = 0;
    for (size_t k = 0; k < t.sn; k++) {
        assert_int_equal(t.s[k].tok_begin, next);
        next = t.s[k].tok_end;
    }
    assert_int_equal(next, t.n);
    toks_free(&t);
}

/* Pieces joined at random with random separators: a Unicode-heavy generated text. */
/* Every abbreviation of tokenize.c's table is found by abbrev_find's search (capitalised and
 * before a number, so that the capital-only and number-only entries qualify too), and words
 * just before, between and after the entries are not: the search has no off-by-one at either
 * end of the table or between neighbours. */
static void test_every_abbreviation(void **state) {
    (void)state;
    static const char known[] =
        "adm al ala alta amb approx apr ariz ark art assn assoc aug ave bhd blvd brig bros "
        "ca calif capt cf cmdr co col colo cong conn corp cos cpl dec del dept det dr ed eds "
        "esq est etc feb fig fla fr ft ga gen gov govt hon hr hrs ill inc incl ind insp intl "
        "jan jr jul jun kan kans ky la lt ltd maj mar mass md messrs mfg mich minn miss mlle "
        "mme mo mont mr mrs ms msgr mt neb nev no nos nov oct okla ont ore p pa para penn pp "
        "pres prof pty pvt que rd rep reps rev sec sen sens sep sept sgt sr st supt tenn tex "
        "univ va viz vol vols vs vt wash wis wyo yr yrs";
    static const char unknown[] = "aa adma brie brih brigs ca1 cz mrz msg pb yrsa yrt zz zzzzzzz";
    for (int pass = 0; pass < 2; pass++) {
        char list[sizeof known];
        snprintf(list, sizeof list, "%s", pass == 0 ? known : unknown);
        for (char *save = NULL, *w = strtok_r(list, " ", &save); w;
             w = strtok_r(NULL, " ", &save)) {
            char in[32];
            int wl = snprintf(in, sizeof in, "%c%s. 5", w[0] - 'a' + 'A', w + 1);
            toks t;
            run(&t, in, (size_t)wl);
            assert_true(t.n >= 2);
            int abbrev = t.v[0].type == NM_TOK_ABBREV && t.v[0].end == (uint32_t)(wl - 2);
            if (abbrev != (pass == 0))
                fprintf(stderr, "\"%s\": %s\n", in, pass == 0 ? "not found" : "found");
            assert_int_equal(abbrev, pass == 0);
            toks_free(&t);
        }
    }
}

/* The word fast path reads letter runs from 64-byte block bitmaps: a word starting at every
 * offset around the block edges, of lengths within and across blocks, with its upper-case
 * letter first, last or absent, ending the text or followed by more, after other words in the
 * same block, must keep its span and case flags. */
static void test_letter_runs_across_blocks(void **state) {
    (void)state;
    char text[256];
    for (size_t pre = 0; pre < 140; pre++)
        for (size_t wl = 1; wl <= 80; wl += wl < 8 ? 1 : 7)
            for (int up = 0; up < 3; up++) /* none, first letter, last letter upper case */
                for (int more = 0; more < 2; more++) {
                    for (size_t k = 0; k < pre; k++) /* "ab ab ab " ... ending in a space */
                        text[k] = k + 1 == pre || k % 3 == 2 ? ' ' : (char)('a' + k % 3);
                    memset(text + pre, 'w', wl);
                    if (up)
                        text[pre + (up == 1 ? 0 : wl - 1)] = 'W';
                    size_t len = pre + wl;
                    if (more) {
                        memcpy(text + len, " z", 2);
                        len += 2;
                    }
                    toks t;
                    run(&t, text, len);
                    size_t k = 0;
                    while (k < t.n && t.v[k].start != pre)
                        k++;
                    assert_true(k < t.n);
                    assert_int_equal(t.v[k].end, pre + wl);
                    assert_int_equal(t.n, k + 1 + (size_t)more);
                    unsigned f = t.v[k].flags;
                    assert_int_equal(!!(f & NM_TF_HAS_UPPER), up != 0);
                    assert_int_equal(!!(f & NM_TF_CAP), up == 1 || (up && wl == 1));
                    assert_int_equal(!!(f & NM_TF_ALLCAPS), up != 0 && wl == 1);
                    toks_free(&t);
                }
}

static void test_invariants_generated(void **state) {
    (void)state;
    static const char *const pieces[] = {"Zélensky",
                                         "Ukraine’s",
                                         "U.S.",
                                         "€50bn",
                                         "1 250 000",
                                         "1 250",
                                         "中文",
                                         "👨‍👩‍👧",
                                         "🇺🇦",
                                         "e\xCC\x81",
                                         "\xCC\x81",
                                         "\xEF\xBB\xBF",
                                         "\xE2\x80\x8B",
                                         "x@y.com",
                                         "https://a.b/c?d",
                                         "#tag",
                                         "@h",
                                         "...",
                                         "…",
                                         "—",
                                         "“",
                                         "”",
                                         "'",
                                         "-",
                                         ".",
                                         ",",
                                         "$",
                                         "3.5%",
                                         "10:30",
                                         "1996-12-06",
                                         "4th",
                                         "Mr.",
                                         "AT&T",
                                         "ﬁ",
                                         "\x01",
                                         "\x7f",
                                         "١٢٣",
                                         "한국",
                                         "ok",
                                         "A",
                                         "9",
                                         "s'",
                                         "’s",
                                         "\xC2\xA0",
                                         "\xE2\x80\xAF",
                                         "\xE2\x80\x89",
                                         "\xE2\x80\xA8",
                                         "\n",
                                         "\n\n",
                                         "\t",
                                         " ",
                                         "  ",
                                         "\xE3\x80\x80",
                                         "(",
                                         ")",
                                         "#",
                                         "@",
                                         "\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88",
                                         "1️⃣",
                                         "x²",
                                         "½"};
    size_t np = sizeof pieces / sizeof pieces[0];
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    uint64_t x = 88172645463325252ull;
    while (len + 64 < cap) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const char *p = pieces[x % np];
        size_t l = strlen(p);
        memcpy(buf + len, p, l);
        len += l;
    }
    check_invariants(buf, len);
    /* and every case input of the table */
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        check_invariants(cases[c].in, strlen(cases[c].in));
    free(buf);
}

/* Hostile inputs stay linear: each must finish quickly (the test's time budget is the check). */
static void test_hostile(void **state) {
    (void)state;
    size_t n = 1 << 20;
    char *buf = malloc(n * 3 + 8);
    assert_non_null(buf);
    /* a megabyte with no space */
    for (size_t k = 0; k < n; k++)
        buf[k] = "a.b@c-d"[k % 7];
    check_invariants(buf, n);
    for (size_t k = 0; k < n; k++)
        buf[k] = "a."[k % 2];
    check_invariants(buf, n);
    /* a megabyte of digits and separators */
    for (size_t k = 0; k < n; k++)
        buf[k] = "1,2.3:4-5/"[k % 10];
    check_invariants(buf, n);
    size_t l = 0;
    while (l + 3 < n) {
        memcpy(buf + l, "1\xC2\xA0", 3);
        l += 3;
    }
    check_invariants(buf, l);
    /* 100 000 combining marks after a letter, and alone */
    l = 0;
    buf[l++] = 'e';
    for (int k = 0; k < 100000; k++) {
        buf[l++] = (char)0xCC;
        buf[l++] = (char)0x81;
    }
    toks t;
    run(&t, buf, l);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.v[0].end, l);
    toks_free(&t);
    check_invariants(buf + 1, l - 1);
    /* a long URL and a long run of dots and of NULs */
    memcpy(buf, "http://", 7);
    memset(buf + 7, 'a', n);
    check_invariants(buf, n);
    memset(buf, '.', n);
    check_invariants(buf, n);
    memset(buf, 0, n);
    check_invariants(buf, n);
    free(buf);
}

/* Decodes the JSON string after "text": in line into out (UTF-8); returns its length or -1. */
static long json_text(const char *line, char *out) {
    const char *k = strstr(line, "\"text\":");
    if (k == NULL)
        return -1;
    k += 7;
    while (*k == ' ')
        k++;
    if (*k++ != '"')
        return -1;
    long n = 0;
    while (*k && *k != '"') {
        if (*k != '\\') {
            out[n++] = *k++;
            continue;
        }
        k++;
        unsigned cp;
        switch (*k) {
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'r': out[n++] = '\r'; break;
        case 'u':
            sscanf(k + 1, "%4x", &cp);
            k += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && k[1] == '\\' && k[2] == 'u') {
                unsigned lo;
                sscanf(k + 3, "%4x", &lo);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            }
            if (cp < 0x80) {
                out[n++] = (char)cp;
            } else if (cp < 0x800) {
                out[n++] = (char)(0xC0 | cp >> 6);
                out[n++] = (char)(0x80 | (cp & 63));
            } else if (cp < 0x10000) {
                out[n++] = (char)(0xE0 | cp >> 12);
                out[n++] = (char)(0x80 | ((cp >> 6) & 63));
                out[n++] = (char)(0x80 | (cp & 63));
            } else {
                out[n++] = (char)(0xF0 | cp >> 18);
                out[n++] = (char)(0x80 | ((cp >> 12) & 63));
                out[n++] = (char)(0x80 | ((cp >> 6) & 63));
                out[n++] = (char)(0x80 | (cp & 63));
            }
            break;
        default: out[n++] = *k; break;
        }
        k++;
    }
    return n;
}

/* The bundled sample articles: invariants hold, and every sentence starts with a capital, a
 * digit, a quote or a bracket (no split inside U.S., Mr., $1.2bn, 3.5%, ...). */
static void test_sample_corpus(void **state) {
    (void)state;
    size_t len;
    char *data = nm_test_read_file(NM_SOURCE_DIR "/corpora/sample/articles.jsonl", &len);
    assert_non_null(data); /* bundled with the sources: missing is a failure, not a skip */
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t docs = 0;
    for (char *line = data, *nl; line < data + len; line = nl + 1) {
        nl = strchr(line, '\n');
        if (nl == NULL)
            nl = data + len;
        *nl = '\0';
        long n = json_text(line, out);
        if (n < 0)
            continue;
        docs++;
        check_invariants(out, (size_t)n);
        toks t;
        run(&t, out, (size_t)n);
        for (size_t k = 0; k < t.sn; k++) {
            const nm_token *f = &t.v[t.s[k].tok_begin];
            if (!((f->flags & (NM_TF_CAP | NM_TF_HAS_DIGIT)) || f->type == NM_TOK_PUNCT ||
                  f->type == NM_TOK_CURRENCY || !(f->flags & NM_TF_HAS_ALPHA)))
                fail_msg("doc %zu sentence %zu starts with \"%.*s\"", docs, k,
                         (int)(t.s[k].end - t.s[k].start), out + t.s[k].start);
        }
        toks_free(&t);
    }
    assert_true(docs >= 20);
    free(out);
    free(data);
}

/* The whole Reuters-21578 development corpus (from ../shared/eval beside the checkout, as in CI),
 * decoded line by line: the invariants hold on every one of its 19,043 real news texts. */
static void test_reuters_corpus_invariants(void **state) {
    (void)state;
    size_t len;
    char *data = nm_test_read_file(NM_SOURCE_DIR "/../shared/eval/reuters21578.jsonl", &len);
    if (data == NULL)
        skip(); /* the development data is not beside this checkout */
    nm__decoder *d = nm__decoder_create();
    nm_options opts;
    nm_options_default(&opts);
    nm_record rec = {0};
    size_t docs = 0;
    for (char *line = data, *end = data + len; line < end;) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        nm__record_reset(&rec);
        rec.kind = NM__IN_LINE;
        nm__buf_reserve(&rec.raw, n + NM__INPUT_PADDING);
        memcpy(rec.raw.ptr, line, n);
        memset(rec.raw.ptr + n, 0, NM__INPUT_PADDING);
        rec.raw.len = n;
        assert_int_equal(nm__decode(d, &rec, &opts), NM_OK);
        if (n && rec.error.len == 0) {
            check_invariants(rec.text.ptr, rec.text.len);
            docs++;
        }
        line += n + 1;
    }
    assert_true(docs > 19000);
    nm__record_free(&rec);
    nm__decoder_destroy(d);
    free(data);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),   cmocka_unit_test(test_controls),
        cmocka_unit_test(test_references_in_words),
        cmocka_unit_test(test_named_references),
        cmocka_unit_test(test_flags),   cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_marks_after_spaces),
        cmocka_unit_test(test_stage),   cmocka_unit_test(test_invariants_generated),
        cmocka_unit_test(test_hostile), cmocka_unit_test(test_sample_corpus),
        cmocka_unit_test(test_reuters_corpus_invariants),
        cmocka_unit_test(test_letter_runs_across_blocks),
        cmocka_unit_test(test_every_abbreviation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
