/*
 * cpus.h — how many CPUs this process may use: the default worker count.
 *
 * Online CPUs overstate it wherever a scheduler confines the process: `taskset -c 0,1`, a
 * container's or a Slurm job's cpuset (its affinity mask), a Kubernetes or Docker CPU limit (a
 * cgroup quota). One worker per online CPU of a 64-CPU host inside a 2-CPU limit ran 64
 * workers on 2 CPUs: Reuters took 0.77 s against 0.27 s with 2, at 346 MB peak RSS against 37.
 */
#ifndef NM_CPUS_H
#define NM_CPUS_H

/** CPUs this process may use: its affinity mask (else the online CPUs), lowered to its cgroup
 *  CPU quota rounded up (nm__cgroup_cpu_limit). At least 1. */
unsigned nm__usable_cpus(void);

/**
 * CPUs the cgroup CPU quota of this process allows, rounded up (quota 150000 per period 100000
 * gives 2), or 0 when no quota applies or none can be read. Reads root + "/proc/self/cgroup" and
 * the quota files under root + "/sys/fs/cgroup": cgroup v2 `cpu.max` ("150000 100000", "max
 * 100000") and cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us` (quota -1: none), in the
 * process's own group and every group above it, the lowest limit winning. A group path that
 * does not exist under the mount (a container that sees its own group as the root) is read
 * from the nearest existing level. root is "" for this system; tests give a directory tree.
 */
unsigned nm__cgroup_cpu_limit(const char *root);

#endif
