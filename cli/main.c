/*
 * main.c — the newsmine command-line program (placeholder while the foundation lands).
 */
#include <stdio.h>

#include "newsmine.h"

int main(void) {
    puts(NM_VERSION);
    return 0;
}
