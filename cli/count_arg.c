/*
 * count_arg.c — the numbers the commands take as option values (see commands.h), parsed one
 * way for all of them: --threads, --queue-depth, --top-k, --min-df, and --max-doc-bytes with
 * its size suffixes; and the name of an option getopt refused, said one way by all of them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

int nm_cli_parse_count(const char *s, int suffixes, unsigned long long max,
                       unsigned long long *out) {
    char *end;
    errno = 0;
    if (*s == '-' || *s == '\0')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    unsigned long long mul = 1;
    if (suffixes && *end) {
        switch (*end) {
        case 'k': case 'K': mul = 1ull << 10; break;
        case 'm': case 'M': mul = 1ull << 20; break;
        case 'g': case 'G': mul = 1ull << 30; break;
        default: return -1;
        }
        end++;
        if (*end == 'i' || *end == 'I') /* MiB, as SPEC.md writes the default */
            end++;
        if (*end == 'B' || *end == 'b')
            end++;
    }
    if (*end || v > ~0ull / mul || v * mul > max)
        return -1;
    *out = v * mul;
    return 0;
}

const char *nm_cli_refused_option(const char *optstring, char **argv, char buf[3]) {
    /* A short option no command knows: optopt is it, and optind has not moved past its group
     * when more letters follow. Anything else (an unknown long option, optopt 0; a known
     * one given "=value" it takes none of) is the whole word before optind. */
    if (optopt > 0 && optopt < 256 && optopt != ':' && strchr(optstring, optopt) == NULL) {
        buf[0] = '-';
        buf[1] = (char)optopt;
        buf[2] = '\0';
        return buf;
    }
    return argv[optind - 1];
}
