/*
 * number.h — exact decimal numbers from news text, shared by the money and entities stages.
 *
 * Digit strings with any grouping news uses ("1,250,000.50", European "1.250.000,50", Indian
 * "12,34,567", NBSP/thin-space groups "1 250 000"), plain fractions ("3/4"), magnitude words and
 * suffixes ("billion", "bn", "m", "lakh", "crore", "Mio", "Mrd") and written numbers over tokens
 * ("one hundred and twenty", "twenty-five", "half a", "a dozen", "one point three") all become an
 * nm_decimal {mant, exp}: "134.4" => {1344, -1}, then "billion" => {1344, 8}. No floating point
 * anywhere; every operation reports overflow instead of rounding. Pure functions, no state:
 * thread-safe. Keys ("norm") are the normalize stage's lowercased forms.
 */
#ifndef NM_NUMBER_H
#define NM_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "newsmine/annotation.h"

/**
 * Parses one digit-string number at the start of p[0..len): digits with optional grouping and a
 * decimal part. Grouping rules: groups after the first are 3 digits ("1,250,000"), or Indian
 * 2-digit groups before a last 3-digit one ("12,34,567"); separators are ',' '.' '\'' and the
 * UTF-8 no-break / thin / narrow no-break / figure spaces. The decimal mark is the one separator
 * that is not the grouping one: "1,250,000.50", "1.250.000,50". A single ',' followed by exactly
 * three digits is grouping ("1,250" = 1250), otherwise decimal ("1,5"); a single '.' is always
 * decimal ("7.125", English news); repeated '.' with 3-digit groups is grouping ("1.250.000").
 * Invalid grouping ("1,2,3", "1.2.3") is not a number. Stops before a separator not followed by
 * a digit.
 * Returns the bytes consumed (0 when p does not start with a digit, or on overflow past 19
 * significant digits; trailing zeros are none: "1,000,000,000,000,000,000,000" is {1, 21}) and
 * the value in *out, normalised (no trailing zeros in mant).
 */
size_t nm__number_parse(const char *p, size_t len, nm_decimal *out);

/**
 * Like nm__number_parse, but the whole of p[0..len) must be a number, optionally a fraction
 * "3/4" with an exactly representable decimal value (0.75; "1/3" fails). Returns 1 or 0.
 */
int nm__number_parse_all(const char *p, size_t len, nm_decimal *out);

/**
 * The power of ten a magnitude word or suffix stands for, given its lowercased key: "thousand"/
 * "k"/"grand" 3, "lakh"/"lakhs" 5, "million"/"m"/"mn"/"mln"/"mio" 6, "crore" 7, "billion"/"bn"/
 * "b"/"mrd"/"bln" 9, "trillion"/"tn"/"trn" 12 (plurals accepted). 0 when key is none of them.
 */
int nm__number_magnitude(const char *key, size_t len);

/**
 * Reads a written number from tokens tok[0..n) (their norm keys): "five", "twenty-five",
 * "one hundred and twenty", "two thousand five hundred", "half a" / "half" (0.5), "a dozen"
 * (12), "dozens" is not a number, "one point three" (1.3), "a quarter" (0.25), and numerals
 * followed by written scales are left to the caller. Magnitude words "million", "billion"... are
 * included when they follow a written number ("five million"). A lone "a"/"an" is not a number.
 * Returns the number of tokens consumed (0 when tok[0] does not start a written number) and the
 * value in *out.
 */
size_t nm__number_words(const nm_token *tok, size_t n, nm_decimal *out);

/** The value of one number word key ("five" 5, "twenty" 20, "hundred" 100, "dozen" 12), or -1. */
int64_t nm__number_word_value(const char *key, size_t len);

/**
 * The value of a digit group that continues a numeral split by spaces or apostrophes
 * ("1 250 000", "1'250'000"): p[0..n) is exactly three ASCII digits, or three and a decimal
 * part ("000.50", "000,5": after such groups either mark is decimal), which then ends the
 * numeral (*last = 1, else 0). Returns 1, or 0 when p is no such group.
 */
int nm__number_group(const char *p, size_t n, nm_decimal *v, int *last);

/**
 * The token of the digit group that continues a numeral ending at token j - 1 of tok[0..n)
 * over text: j when it is a number one plain space after ("1 250"), j + 1 when it is a number
 * after an attached apostrophe (normalized "'") touching both ("1'250"); 0 when neither. *kind
 * is set to ' ' or '\'' (a numeral keeps one kind throughout: its callers compare).
 */
size_t nm__number_group_next(const char *text, const nm_token *tok, size_t n, size_t j,
                             int *kind);

/** *d *= 10^e (e >= 0) exactly. Returns 1, or 0 on overflow (d unchanged). */
int nm__decimal_scale(nm_decimal *d, int e);

/** *a += b exactly. Returns 1, or 0 on overflow (a unchanged). */
int nm__decimal_add(nm_decimal *a, nm_decimal b);

/** *a *= b exactly. Returns 1, or 0 on overflow (a unchanged). */
int nm__decimal_mul(nm_decimal *a, nm_decimal b);

/** Compares a and b: -1, 0 or 1. */
int nm__decimal_cmp(nm_decimal a, nm_decimal b);

/** Strips trailing zeros of the mantissa into the exponent (0 becomes {0, 0}). */
nm_decimal nm__decimal_norm(nm_decimal d);

#endif
