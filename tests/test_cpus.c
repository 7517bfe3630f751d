/*
 * test_cpus.c — the default worker count: the CPUs this process may use (pipeline/cpus.h).
 *
 * cgroup CPU quotas are read from directory trees built here in the shapes real systems have
 * (cgroup v2 alone or beside v1, v1 "cpu,cpuacct", a container that sees its own group as the
 * root, limits set on a parent), and from broken or missing files, which mean no limit. The
 * affinity mask is narrowed to one CPU for real: the library's default and the CLI then run one
 * worker.
 */
#define _GNU_SOURCE /* sched_setaffinity, CPU_SET */
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "cpus.h"
#include "newsmine.h"

/* A fresh tree per test: root/proc/self/cgroup and root/sys/fs/cgroup/... */
typedef struct tree {
    char root[64];
} tree;

static int tree_setup(void **state) {
    tree *t = calloc(1, sizeof *t);
    snprintf(t->root, sizeof t->root, "/tmp/nm-cpus.XXXXXX");
    if (t == NULL || mkdtemp(t->root) == NULL)
        return -1;
    *state = t;
    return 0;
}

static int tree_teardown(void **state) {
    tree *t = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->root);
    int rc = system(cmd);
    free(t);
    return rc == 0 ? 0 : -1;
}

/* Creates root/rel's directories and writes text to root/rel. */
static void put(const tree *t, const char *rel, const char *text) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", t->root, rel);
    for (char *s = path + strlen(t->root) + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        assert_true(mkdir(path, 0755) == 0 || access(path, F_OK) == 0);
        *s = '/';
    }
    assert_int_equal(nm_test_write_file(path, text, strlen(text)), 0);
}

/* Creates the directory root/rel (and those above it). */
static void dir(const tree *t, const char *rel) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/.keep", rel);
    put(t, path, "");
}

static void test_v2_group_quota_rounds_up(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "0::/kubepods/pod1/box\n");
    put(t, "sys/fs/cgroup/kubepods/pod1/box/cpu.max", "150000 100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 2);
    put(t, "sys/fs/cgroup/kubepods/pod1/box/cpu.max", "50000 100000\n"); /* half a CPU: 1 */
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 1);
    put(t, "sys/fs/cgroup/kubepods/pod1/box/cpu.max", "400000 100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 4);
}

static void test_v2_parent_limit_binds(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "0::/user.slice/job.scope\n");
    put(t, "sys/fs/cgroup/user.slice/cpu.max", "300000 100000\n");
    put(t, "sys/fs/cgroup/user.slice/job.scope/cpu.max", "max 100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 3);
    put(t, "sys/fs/cgroup/user.slice/job.scope/cpu.max", "200000 100000\n"); /* lower wins */
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 2);
}

static void test_v2_no_limit(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "0::/a\n");
    put(t, "sys/fs/cgroup/a/cpu.max", "max 100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
    put(t, "sys/fs/cgroup/a/cpu.max", ""); /* empty */
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
}

/* A container with its own cgroup namespace sees "0::/" and its limit at the mount. */
static void test_v2_namespaced_container(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "0::/\n");
    put(t, "sys/fs/cgroup/cpu.max", "250000 100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 3);
}

/* Hybrid systems mount v2 at sys/fs/cgroup/unified. */
static void test_v2_hybrid_unified(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "1:cpuset:/\n0::/x\n");
    put(t, "sys/fs/cgroup/unified/x/cpu.max", "100000 100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 1);
}

static void test_v1_cpu_controller(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "5:cpuset:/\n4:cpu,cpuacct:/batch/job7\n2:memory:/\n");
    put(t, "sys/fs/cgroup/cpu,cpuacct/batch/job7/cpu.cfs_quota_us", "200000\n");
    put(t, "sys/fs/cgroup/cpu,cpuacct/batch/job7/cpu.cfs_period_us", "100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 2);
    put(t, "sys/fs/cgroup/cpu,cpuacct/batch/job7/cpu.cfs_quota_us", "-1\n"); /* no quota */
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
}

/* Mounted as "cpu" alone (the listed name absent), and a group named "cpu" alone. */
static void test_v1_mounted_as_cpu(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "4:cpu,cpuacct:/g\n");
    put(t, "sys/fs/cgroup/cpu/g/cpu.cfs_quota_us", "150000\n");
    put(t, "sys/fs/cgroup/cpu/g/cpu.cfs_period_us", "100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 2);
    put(t, "proc/self/cgroup", "1:cpu:/g\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 2);
}

/* Docker on v1 without a cgroup namespace: /proc says /docker/<id>, but the mount shows the
 * container's own group as its root, where the quota is. */
static void test_v1_container_sees_own_group_as_root(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "4:cpu,cpuacct:/docker/ab12cd\n");
    put(t, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "100000\n");
    put(t, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 1);
}

/* cpuacct and cpuset are other controllers: their files say nothing here. */
static void test_v1_other_controllers_ignored(void **state) {
    tree *t = *state;
    put(t, "proc/self/cgroup", "3:cpuacct:/g\n2:cpuset:/g\n");
    put(t, "sys/fs/cgroup/cpuacct/g/cpu.cfs_quota_us", "100000\n");
    put(t, "sys/fs/cgroup/cpuacct/g/cpu.cfs_period_us", "100000\n");
    put(t, "sys/fs/cgroup/cpuset/g/cpu.cfs_quota_us", "100000\n");
    put(t, "sys/fs/cgroup/cpuset/g/cpu.cfs_period_us", "100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
}

/* Anything unreadable or malformed is no limit, never a crash or a zero-worker pipeline. */
static void test_broken_files_mean_no_limit(void **state) {
    tree *t = *state;
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0); /* no /proc/self/cgroup */
    assert_int_equal(nm__cgroup_cpu_limit("/nonexistent/root"), 0);
    put(t, "proc/self/cgroup", "garbage\n:\n::\n0:\n0::relative\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
    put(t, "proc/self/cgroup", "0::/a\n1:cpu:/a\n");
    dir(t, "sys/fs/cgroup/a");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0); /* no quota files */
    put(t, "sys/fs/cgroup/a/cpu.max", "lots 100000\n");
    put(t, "sys/fs/cgroup/cpu/a/cpu.cfs_quota_us", "abc\n");
    put(t, "sys/fs/cgroup/cpu/a/cpu.cfs_period_us", "100000\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
    put(t, "sys/fs/cgroup/a/cpu.max", "100000 0\n"); /* zero period */
    put(t, "sys/fs/cgroup/cpu/a/cpu.cfs_quota_us", "0\n");
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
    put(t, "sys/fs/cgroup/a/cpu.max", "99999999999999999999999 100000\n"); /* overflows */
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
    /* a group path longer than any path buffer */
    char line[6000] = "0::/";
    memset(line + 4, 'x', sizeof line - 6);
    line[sizeof line - 2] = '\n';
    line[sizeof line - 1] = '\0';
    put(t, "proc/self/cgroup", line);
    assert_int_equal(nm__cgroup_cpu_limit(t->root), 0);
}

/* The mask narrowed to its first CPU: usable CPUs, the library's default, and the CLI's workers
 * are all one. The mask is restored afterwards. */
static void test_affinity_mask_sets_default_workers(void **state) {
    (void)state;
    cpu_set_t all, one;
    assert_int_equal(sched_getaffinity(0, sizeof all, &all), 0);
    unsigned n = nm__usable_cpus();
    assert_true(n >= 1 && n <= (unsigned)CPU_COUNT(&all));
    int first = 0;
    while (!CPU_ISSET(first, &all))
        first++;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);

    assert_int_equal(nm__usable_cpus(), 1);
    nm_options o;
    nm_options_default(&o);
    o.threads = 0;
    nm_error err;
    nm_pipeline *p = nm_pipeline_create(&o, &err);
    assert_non_null(p);
    assert_int_equal(nm_pipeline_workers(p), 1);
    nm_pipeline_destroy(p);
    o.threads = 3; /* asked for: kept, whatever the mask */
    p = nm_pipeline_create(&o, &err);
    assert_non_null(p);
    assert_int_equal(nm_pipeline_workers(p), 3);
    nm_pipeline_destroy(p);

    char *out = NULL;
    size_t len = 0;
    int rc = nm_test_run(NM_CLI " --stats -o /dev/null corpora/sample/articles.jsonl 2>&1", NULL,
                         0, &out, &len);
    assert_int_equal(sched_setaffinity(0, sizeof all, &all), 0);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, " limit, 1 worker\n"));
    free(out);
    rc = nm_test_run(NM_CLI " -j 2 --stats -o /dev/null corpora/sample/articles.jsonl 2>&1",
                     NULL, 0, &out, &len);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, " limit, 2 workers\n"));
    free(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_v2_group_quota_rounds_up, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v2_parent_limit_binds, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v2_no_limit, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v2_namespaced_container, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v2_hybrid_unified, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v1_cpu_controller, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v1_mounted_as_cpu, tree_setup, tree_teardown),
        cmocka_unit_test_setup_teardown(test_v1_container_sees_own_group_as_root, tree_setup,
                                        tree_teardown),
        cmocka_unit_test_setup_teardown(test_v1_other_controllers_ignored, tree_setup,
                                        tree_teardown),
        cmocka_unit_test_setup_teardown(test_broken_files_mean_no_limit, tree_setup,
                                        tree_teardown),
        cmocka_unit_test(test_affinity_mask_sets_default_workers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
