/*
 * tokenize.h — news-text tokenizer and sentence splitter (internal API of the tokenize stage).
 *
 * One linear pass over valid UTF-8 turns text into nm_token spans with a type and shape flags;
 * a second pass over the tokens groups them into nm_sentence ranges. ASCII bytes go through a
 * 256-entry class table; utf8proc is asked only about code points >= U+0080.
 *   "Ukraine's €50bn on 1996-12-06." => WORD(POSSESSIVE) CURRENCY NUMBER WORD DATE PUNCT
 * The conventions below are what the money, entity and keyword stages rely on; change them only
 * together with tests/test_tokenize.c. Designs consulted: libpostal scanner.re token families,
 * UAX #29 word and grapheme rules (emoji clusters come from utf8proc's grapheme breaks).
 */
#ifndef NM_TOKENIZE_H
#define NM_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "newsmine/annotation.h"

/*
 * Token conventions (text => tokens):
 *  - Whitespace separates tokens and is never inside one: ASCII space, \t \n \v \f \r,
 *    U+001C..U+001F, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
 *    U+3000 (Python's str.isspace set). Exception: a digit-group separator U+00A0, U+2007, U+2009
 *    or U+202F between digit groups of a number: "1 250 000" is one NUMBER.
 *  - Every other character belongs to exactly one token. Combining marks, variation selectors and
 *    format characters (ZWJ, soft hyphen) join the token they follow without a space; alone they
 *    form an OTHER token. Control characters (NUL included) form OTHER tokens (a run = one token).
 *  - WORD: letters, marks and digits: "G20", "Zélensky". Internal apostrophes (' or U+2019)
 *    between letters join: "didn't", "O'Brien"; "Ukraine's" / "Ukraine’s" / "companies'" get
 *    NM_TF_POSSESSIVE. A hyphen (- U+2010 U+2011) between letters/digits joins with
 *    NM_TF_HYPHEN: "anti-war", "COVID-19". "AT&T", "S&P" (capitals around &) are one WORD.
 *    A word made only of digits that are not ASCII (Arabic-Indic) is a NUMBER.
 *  - ABBREV includes its final period: initials "U.S." "J.R.R." "e.g." "a.m.", a capital
 *    initial "F.", and listed abbreviations "Mr." "Inc." "Jan." "Calif." "etc." ("No." only
 *    before a number). A following 's stays on it with NM_TF_POSSESSIVE: "U.S.'s".
 *  - NUMBER: ASCII digits with ',' or '.' between digit runs, or a digit-group space before
 *    exactly three digits: "134.4" "1,250,000.50" "1.250.000,50" "12,34,567" "2.0" ".5".
 *    Signs are separate tokens ("-5" => PUNCT NUMBER). Letters after digits are a separate WORD:
 *    "5bn" => NUMBER WORD, "1990s" => NUMBER "1990" WORD "s", "3.5m" => NUMBER WORD.
 *  - ORDINAL: digits + st/nd/rd/th (any case): "4th" "21st".
 *  - DATE: "1996-12-06" (month 01-12, day 01-31) with an optional ISO 8601 time
 *    ("2024-05-01T10:30:00Z", "...T10:30+02:00"), "12/06/1996" "12/6/96" "1996/12/06",
 *    "06.12.1996". TIME: "10:30" "10:30:15" (hours <= 24, minutes/seconds <= 59).
 *    "2-1" => NUMBER PUNCT NUMBER; "$3-5" => CURRENCY NUMBER PUNCT NUMBER.
 *  - CURRENCY: one currency sign (Unicode Sc: $ € £ ¥ ₹ ...), or 1-3 capitals + '$' ("US$" "A$"
 *    "HK$" "R$") or "Mex$", or '$' + 1-3 capitals before a digit ("$US107.94" => "$US" 107.94).
 *    Codes stay words: "USD34.6" => WORD "USD" + NUMBER "34.6" (a listed ISO code directly
 *    followed by digits is split off), "€50" => CURRENCY NUMBER.
 *  - URL: http:// https:// ftp:// www. ..., or a lower-case dotted domain with a known TLD
 *    ("reuters.com/markets"); trailing .,;:!?'") that close the sentence are left out.
 *    EMAIL: local@domain.tld. HANDLE: "@reuters". HASHTAG: "#MeToo" (needs a letter: "#1" is
 *    SYMBOL NUMBER).
 *  - EMOJI: one extended grapheme cluster starting with an emoji: ZWJ sequences, skin tones,
 *    flags (regional-indicator pairs), keycaps. IDEOGRAPH: one Han / kana character (with its
 *    marks); Hangul, Thai and other scripts form WORDs.
 *  - PUNCT: . , ; : ! ? quotes brackets dashes; runs "..." "?!" "--" and "…" are one token.
 *    SYMBOL: % & + = / * < > | \ ^ ~ ` _ # @ and Unicode Sm/Sk/So. OTHER: the rest.
 *    U+0091..U+0097 (cp1252 quotes and dashes mis-decoded as Latin-1) are PUNCT, and U+0092
 *    joins words like an apostrophe ("don\u0092t").
 *  - An HTML character reference left in crawled text is one token typed by what it stands for:
 *    "&#xa3;" / "&pound;" CURRENCY, "&quot;" "&mdash;" PUNCT, "&amp;" SYMBOL; its norm is the
 *    normalized character ("£", "\"", "-", "&"). Inside a word a reference is part of it
 *    where the character would be: "Z&#252;rich" "Caf&eacute;" (a letter, digit or mark after
 *    a word character), "AT&amp;T" "S&amp;P" (as "AT&T"); the norm decodes it ("zürich",
 *    "at&t"). A lone "&amp;" stays a SYMBOL.
 * Flags: NM_TF_CAP (first letter upper/title case), ALLCAPS (has an upper-case letter and no
 * lower-case one), HAS_DIGIT, HAS_ALPHA, NONASCII, SPACE_BEFORE (whitespace or text start
 * before it), LINE_START (first token of its line), SENT_START (set by nm__sentences), HYPHEN,
 * POSSESSIVE. NM_TF_STOP is left to the normalize stage.
 *
 * Sentence conventions: a sentence ends after . ! ? … ... ". . ." (with the closing quotes and
 * brackets that follow it) when the next token does not start with a lower-case letter or is
 * , ; : ; after an abbreviation only when the next token is a capitalised sentence opener
 * ("Inc. The ...") — never after a title ("Mr.", "Dr."); always at a blank line; and at the
 * line break after a headline: the first line of a paragraph (text start or after a blank
 * line), under 160 bytes, without final punctuation, not ending in , ; : - or a lower-case
 * function word, followed by a line starting with a capital, a digit or a quote. A line that
 * starts with a bullet (• - * – ...) or a list number ("1." "2)") starts a sentence, and a
 * list number's period ends nothing. Other single line breaks are hard wrapping (Reuters) and
 * end nothing by themselves; an indented line (tab or 2+ spaces) starts a paragraph.
 */

/** Appends the tokens of text[0, len) to the vector (*v, *n, *cap) (realloc-grown; the caller
 *  frees *v). NM_OK, NM_ERR_NOMEM, or NM_ERR_TOO_BIG when len does not fit in 32-bit offsets.
 *  Thread-safe: no state besides the arguments. */
int nm__tokenize(const char *text, size_t len, nm_token **v, size_t *n, size_t *cap);

/** As nm__tokenize, also setting bit k of marks (word k / 64, bit k % 64) for every token k
 *  that nm__sentences must look at: abbreviations, . ! ? " and non-ASCII punctuation, tokens
 *  with more than one plain space after them, and the last token (a superset of those is
 *  harmless). marks (caller-owned) must hold (*n + len) / 64 + 1 words, zeroed. */
int nm__tokenize_marked(const char *text, size_t len, nm_token **v, size_t *n, size_t *cap,
                        uint64_t *marks);

/** Splits the tokens toks[0, ntok) of text into sentences appended to (*v, *n, *cap), and sets
 *  NM_TF_SENT_START on each sentence's first token. NM_OK or NM_ERR_NOMEM. Thread-safe. */
int nm__sentences(const char *text, size_t len, nm_token *toks, size_t ntok, nm_sentence **v,
                  size_t *n, size_t *cap);

/** As nm__sentences, skipping the tokens that nm__tokenize_marked left unmarked (those can
 *  neither end a sentence nor start a line), so most tokens are never read. */
int nm__sentences_marked(const char *text, size_t len, nm_token *toks, size_t ntok,
                         const uint64_t *marks, nm_sentence **v, size_t *n, size_t *cap);

/** Internal token flag (no NM_TF_* bit): the token holds an HTML character reference inside a
 *  word ("AT&amp;T", "Z&#252;rich"), so its norm is made by decoding it. Set by the tokenizer,
 *  cleared by the normalize stage. */
#define NM__TF_REF (1u << 15)

/** Length of the HTML character reference ("&pound;", "&#163;", "&#xa3;") at p[0, len), with
 *  the code point in *cp, or 0 when there is none: a decimal or hex one, or one of the 252 names
 *  of HTML 4.01 (Latin-1 letters, quotes, dashes, Greek, symbols) or "&apos;", with its ';'.
 *  Thread-safe. */
size_t nm__html_entity(const char *p, size_t len, int32_t *cp);

/** Length of the HTML character reference for an apostrophe (' U+2019 U+0092: "&#39;",
 *  "&apos;", "&rsquo;") at p[0, len), else 0. */
size_t nm__html_apostrophe(const char *p, size_t len);

/** s[0, len) with every HTML character reference in it decoded ("AT&amp;T" => "AT&T",
 *  "Z&#252;rich" => "Zürich") into d, which has room for len bytes (a reference is at least 4
 *  bytes, its character at most 4). Returns the length written: len when nothing decoded. */
size_t nm__html_decode(char *d, const char *s, size_t len);

/** The lower-case name of a token type ("word", "number", ...), "other" for unknown values. */
const char *nm__token_type_name(int type);

#endif
