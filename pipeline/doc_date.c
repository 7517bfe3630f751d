/*
 * doc_date.c — the record's date (meta.date) as year, month and day (doc_date.h).
 */
#include "doc_date.h"

#include <stdint.h>
#include <string.h>

#include "record.h"

/* Is p[0, n) month m's (0-11) full English name in any case? */
static int month_full(const char *p, size_t n, int m) {
    static const char *const NAMES[12] = {"january", "february", "march",     "april",
                                          "may",     "june",     "july",      "august",
                                          "september", "october", "november", "december"};
    if (n != strlen(NAMES[m]))
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((p[k] | 0x20) != NAMES[m][k])
            return 0;
    return 1;
}

/* The month (1-12) of an English month name p[0, n) in any case, full ("March"), of three
   letters ("Mar", "MAR") or "Sept", with a period after an abbreviation ("Mar."); else 0. */
static int month_word(const char *p, size_t n) {
#define M3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
    static const uint32_t abbr[12] = {M3('j', 'a', 'n'), M3('f', 'e', 'b'), M3('m', 'a', 'r'),
                                      M3('a', 'p', 'r'), M3('m', 'a', 'y'), M3('j', 'u', 'n'),
                                      M3('j', 'u', 'l'), M3('a', 'u', 'g'), M3('s', 'e', 'p'),
                                      M3('o', 'c', 't'), M3('n', 'o', 'v'), M3('d', 'e', 'c')};
    if (n > 0 && p[n - 1] == '.' && n <= 5)
        n--; /* "Mar.", "Sept." */
    if (n < 3 || n > 9)
        return 0;
    uint32_t key = M3(p[0] | 0x20, p[1] | 0x20, p[2] | 0x20);
#undef M3
    for (int m = 0; m < 12; m++)
        if (abbr[m] == key)
            return n == 3 || (m == 8 && n == 4 && (p[3] | 0x20) == 't') ||
                           month_full(p, n, m)
                       ? m + 1
                       : 0;
    return 0;
}

/* The length of the run of ASCII letters and '.' at p[0, n). */
static size_t word_run(const char *p, size_t n) {
    size_t k = 0;
    while (k < n && (((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z') || p[k] == '.'))
        k++;
    return k;
}

void nm__doc_date_parse(const char *dp, size_t len, int *y, int *m, int *d) {
    int yy = 0, mm = 0, dd = 0;
    while (len > 0 && dp[0] == ' ')
        dp++, len--;
    if (len >= 10 && dp[4] == '-' && dp[7] == '-') {
        yy = nm__digits_at(dp, 4), mm = nm__digits_at(dp + 5, 2), dd = nm__digits_at(dp + 8, 2);
    } else if (len >= 8 && nm__digits_run(dp, len) == 8 && (len == 8 || dp[8] == 'T')) {
        yy = nm__digits_at(dp, 4), mm = nm__digits_at(dp + 4, 2), dd = nm__digits_at(dp + 6, 2);
    } else if (len > 0) { /* no date: dp may be NULL, and NULL + 0 is undefined */
        size_t k = word_run(dp, len), w;
        if (k > 0 && k < len && dp[k] == ',') /* "Thu, ", "Thursday, " */
            for (k++; k < len && dp[k] == ' ';)
                k++;
        else
            k = 0;
        size_t dl = nm__digits_run(dp + k, len - k);
        if (dl >= 1 && dl <= 2 && k + dl < len && (dp[k + dl] == '-' || dp[k + dl] == ' ')) {
            /* "26-FEB-1987", "04 Sep 2025", "4 September 2025": day, month, year, one
               separator throughout */
            char sep = dp[k + dl];
            size_t mk = k + dl + 1, ml = word_run(dp + mk, len - mk), yk = mk + ml + 1;
            if (ml > 0 && yk + 4 <= len && dp[yk - 1] == sep &&
                nm__digits_run(dp + yk, len - yk) == 4) {
                dd = nm__digits_at(dp + k, dl);
                mm = month_word(dp + mk, ml);
                yy = nm__digits_at(dp + yk, 4);
            }
        } else if (dl == 0 && (w = word_run(dp + k, len - k)) > 0 && k + w < len &&
                   dp[k + w] == ' ') {
            /* "Sep 4, 2025", "September 4, 2025", "Sep 4 2025": month, day, year */
            size_t dk = k + w + 1;
            dl = nm__digits_run(dp + dk, len - dk);
            size_t yk = dk + dl + 1 + (dk + dl < len && dp[dk + dl] == ',');
            if (dl >= 1 && dl <= 2 && yk + 4 <= len && dp[yk - 1] == ' ' &&
                nm__digits_run(dp + yk, len - yk) == 4) {
                mm = month_word(dp + k, w);
                dd = nm__digits_at(dp + dk, dl);
                yy = nm__digits_at(dp + yk, 4);
            }
        }
    }
    if (yy >= 1000 && nm__valid_ymd(yy, mm, dd)) /* not "2025-02-30": nothing to count from */
        *y = yy, *m = mm, *d = dd;
}

int32_t nm__record_date_ymd(nm_record *rec) {
    if (rec->date_ymd == 0) {
        int y = 0, m = 0, d = 0;
        nm__doc_date_parse(rec->date.ptr, rec->date.len, &y, &m, &d);
        rec->date_ymd = y > 0 ? y * 10000 + m * 100 + d : -1;
    }
    return rec->date_ymd > 0 ? rec->date_ymd : 0;
}
