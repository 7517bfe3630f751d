/*
 * cpus.c — the CPUs this process may use (see cpus.h): affinity mask, then cgroup CPU quota.
 *
 * /proc/self/cgroup names the process's group in each hierarchy, one "ID:CONTROLLERS:PATH" line
 * each: "0::/user.slice/job.scope" for cgroup v2, "4:cpu,cpuacct:/docker/ab12" for the v1 cpu
 * controller. The quota is read in that group under the hierarchy's mount, then in each group
 * above it up to the mount itself, and the lowest wins (a parent's limit binds its children).
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "cpus.h"

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PATH_BYTES = 4096, LINE_BYTES = 4096 };

/* Reads the first line of file into buf (size n). 1 when read, 0 when absent or empty. */
static int read_line(const char *file, char *buf, size_t n) {
    FILE *f = fopen(file, "r");
    if (f == NULL)
        return 0;
    int ok = fgets(buf, (int)n, f) != NULL;
    fclose(f);
    return ok;
}

/* Parses a non-negative decimal at s (leading blanks skipped); 1 with *v set, else 0. */
static int parse_u64(const char *s, uint64_t *v, const char **end) {
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s < '0' || *s > '9')
        return 0;
    uint64_t x = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (x > (UINT64_MAX - 9) / 10)
            return 0;
        x = x * 10 + (uint64_t)(*s - '0');
    }
    *v = x;
    if (end)
        *end = s;
    return 1;
}

/* CPUs that quota per period allows, rounded up (at least 1), or 0 for no limit. */
static unsigned cpus_of(uint64_t quota, uint64_t period) {
    if (period == 0 || quota == 0)
        return 0;
    uint64_t n = quota / period + (quota % period != 0);
    return n > 65536 ? 65536 : (unsigned)n;
}

/* The quota one group directory sets, as CPUs (cpus_of), or 0. v2: cpu.max; v1: cfs files. */
static unsigned group_limit(const char *dir, int v2) {
    char file[PATH_BYTES + 32], line[128];
    uint64_t quota, period;
    const char *rest;
    if (v2) {
        snprintf(file, sizeof file, "%s/cpu.max", dir);
        if (!read_line(file, line, sizeof line) || !parse_u64(line, &quota, &rest) ||
            !parse_u64(rest, &period, NULL))
            return 0; /* absent, or "max PERIOD": no limit */
        return cpus_of(quota, period);
    }
    snprintf(file, sizeof file, "%s/cpu.cfs_quota_us", dir);
    if (!read_line(file, line, sizeof line) || !parse_u64(line, &quota, NULL))
        return 0; /* absent, or -1: no limit */
    snprintf(file, sizeof file, "%s/cpu.cfs_period_us", dir);
    if (!read_line(file, line, sizeof line) || !parse_u64(line, &period, NULL))
        return 0;
    return cpus_of(quota, period);
}

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The lowest limit from mount + group up to mount itself (levels that do not exist skipped),
 * folded into *best (0: none yet). */
static void walk_up(const char *mount, const char *group, int v2, unsigned *best) {
    char dir[PATH_BYTES];
    if (!is_dir(mount))
        return;
    int n = snprintf(dir, sizeof dir, "%s%s", mount, group);
    if (n < 0 || (size_t)n >= sizeof dir)
        return;
    size_t base = strlen(mount);
    for (;;) {
        while ((size_t)n > base && dir[n - 1] == '/')
            dir[--n] = '\0';
        if (is_dir(dir)) {
            unsigned c = group_limit(dir, v2);
            if (c && (*best == 0 || c < *best))
                *best = c;
        }
        if ((size_t)n <= base)
            return;
        while ((size_t)n > base && dir[n - 1] != '/')
            n--;
        dir[n] = '\0';
    }
}

/* 1 when the comma list ctl names the v1 "cpu" controller ("cpu", "cpu,cpuacct"), not
 * "cpuacct" or "cpuset" alone. */
static int names_cpu(const char *ctl, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && ctl[j] != ',')
            j++;
        if (j - i == 3 && memcmp(ctl + i, "cpu", 3) == 0)
            return 1;
        i = j + 1;
    }
    return 0;
}

unsigned nm__cgroup_cpu_limit(const char *root) {
    char file[PATH_BYTES], line[LINE_BYTES], mount[PATH_BYTES];
    snprintf(file, sizeof file, "%s/proc/self/cgroup", root);
    FILE *f = fopen(file, "r");
    if (f == NULL)
        return 0;
    unsigned best = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *c1 = strchr(line, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (c2 == NULL || c2[1] != '/')
            continue;
        const char *ctl = c1 + 1, *group = c2 + 1;
        size_t ctl_len = (size_t)(c2 - ctl);
        if (ctl_len == 0 && strncmp(line, "0:", 2) == 0) { /* v2: pure, or hybrid's unified */
            snprintf(mount, sizeof mount, "%s/sys/fs/cgroup", root);
            walk_up(mount, group, 1, &best);
            snprintf(mount, sizeof mount, "%s/sys/fs/cgroup/unified", root);
            walk_up(mount, group, 1, &best);
        } else if (names_cpu(ctl, ctl_len)) { /* v1: mounted by its list, or as "cpu" */
            snprintf(mount, sizeof mount, "%s/sys/fs/cgroup/%.*s", root, (int)ctl_len, ctl);
            walk_up(mount, group, 0, &best);
            if (ctl_len != 3) {
                snprintf(mount, sizeof mount, "%s/sys/fs/cgroup/cpu", root);
                walk_up(mount, group, 0, &best);
            }
        }
    }
    fclose(f);
    return best;
}

unsigned nm__usable_cpus(void) {
    long n = 0;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        n = CPU_COUNT(&set);
    if (n <= 0) /* more CPUs than a cpu_set_t holds, or no such call: the online count */
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n <= 0)
        n = 1;
    unsigned limit = nm__cgroup_cpu_limit("");
    return limit && limit < (unsigned long)n ? limit : (unsigned)n;
}
