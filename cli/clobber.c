/*
 * clobber.c — refusing an output that is one of the inputs (see commands.h).
 */
#include <string.h>
#include <sys/stat.h>

#include "commands.h"

long nm_cli_output_clobbers(const char *output, char *const *inputs, size_t n) {
    struct stat out, in;
    if (output == NULL || stat(output, &out) != 0 || !S_ISREG(out.st_mode))
        return -1; /* a new file, a device (/dev/null) or a pipe: nothing of an input to lose */
    for (size_t i = 0; i < n; i++)
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &in) == 0 &&
            in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            return (long)i;
    return -1;
}
