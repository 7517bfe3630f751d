/*
 * doc_date.h — the record's date (meta.date) read as year, month and day, and the small digit
 * and calendar helpers it shares with the entities stage's numeric rules. The entities stage
 * resolves relative DATEs against it; the money stage picks a currency's code of that time.
 */
#ifndef NM_DOC_DATE_H
#define NM_DOC_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Digits p[0, n) as an int, or -1 when any is not a digit. */
static inline int nm__digits_at(const char *p, size_t n) {
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (p[k] < '0' || p[k] > '9')
            return -1;
        v = v * 10 + (p[k] - '0');
    }
    return v;
}

/* The number of ASCII digits p[0, n) starts with. */
static inline size_t nm__digits_run(const char *p, size_t n) {
    size_t k = 0;
    while (k < n && p[k] >= '0' && p[k] <= '9')
        k++;
    return k;
}

/* Whether d is a day of month m in year y (proleptic Gregorian). */
static inline int nm__valid_ymd(int y, int m, int d) {
    static const int DAYS_IN[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > DAYS_IN[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/*
 * The record's date (meta.date) dp[0, len) in the forms news feeds use: ISO 8601 ("2025-09-04",
 * "2025-09-04T10:00:00Z", the basic "20250904" and "20250904T100000Z"), wire style
 * ("26-FEB-1987 15:01:01.79", Reuters), RFC 2822 ("Thu, 04 Sep 2025 10:00:00 +0000", RSS) and
 * the English forms it shares its parts with ("4 September 2025", "Sep 4, 2025", "Thursday,
 * September 4, 2025"). Sets *y, *m, *d; leaves them as they were when none fits (or the day
 * does not exist). Reads only; thread-safe.
 */
void nm__doc_date_parse(const char *dp, size_t len, int *y, int *m, int *d);

struct nm_record;
/* The record's date as yyyymmdd (nm__doc_date_parse of its meta.date), 0 when it has none. Read
 * once per record, by the first stage that asks (money or the entities' numeric rules), and
 * kept in the record until it is reset. */
int32_t nm__record_date_ymd(struct nm_record *rec);

#endif
