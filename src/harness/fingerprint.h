/* The machine's fingerprint: what sets a syscall's cost besides the code.
 * CPU microcode, the hypervisor, the kernel's speculative-execution
 * mitigations (sysfs and the command line), the process's seccomp filters,
 * its cgroup's CPU limit, and the time the hypervisor stole during the run.
 * Recorded with every run (env.txt, the JSON context), so runs on two
 * machines can be told apart by what differs, not guessed at.
 *
 * Every reader takes the root the files are under ("" for this machine,
 * a fixture tree in the tests), and every missing or unreadable file reads
 * as "unknown", never as a failure. The parsers work on text alone. */
#ifndef SYSCOST_FINGERPRINT_H
#define SYSCOST_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SC_FP_MAX_VULNS 48
#define SC_FP_UNKNOWN "unknown"
#define SC_FP_NOT_SET "(not set)"

/* One file of /sys/devices/system/cpu/vulnerabilities/ and its line. */
struct sc_fp_vuln {
    char name[64];
    char line[224];
};

/* The all-CPU line of /proc/stat, in USER_HZ ticks. */
struct sc_cpu_times {
    bool known;
    uint64_t total; /* user + nice + system + idle + iowait + irq + softirq + steal */
    uint64_t steal;
};

/* The kernel command line's settings that change a syscall's cost. */
enum sc_fp_cmdline_key { SC_FP_MITIGATIONS, SC_FP_PTI, SC_FP_ISOLCPUS, SC_FP_NOHZ_FULL,
                         SC_FP_CMDLINE_KEYS };
extern const char *const sc_fp_cmdline_keys[SC_FP_CMDLINE_KEYS];

struct sc_fingerprint {
    char microcode[32];  /* "0x1000065", or "unknown" */
    char hypervisor[64]; /* "KVM", "none", or "unknown" */
    struct sc_fp_vuln vulns[SC_FP_MAX_VULNS]; /* sorted by name */
    size_t n_vulns;
    bool vulns_known;    /* the folder exists (old kernels have none) */
    char cmdline[SC_FP_CMDLINE_KEYS][128]; /* value, "(not set)" or "unknown" */
    int seccomp_mode;    /* 0, 1, 2; -1 unknown */
    int seccomp_filters; /* -1 unknown (kernels before 5.9 have no count) */
    char cgroup_cpu_limit[96]; /* "max", "50000/100000 us = 0.50 CPUs", "unknown" */
    double cgroup_cpus;  /* the limit in CPUs; 0 when there is none or it is unknown */
    struct sc_cpu_times start, end; /* /proc/stat at the run's start and end */
    long ticks_per_second; /* USER_HZ */
};

/* ---- parsers, on text ---------------------------------------------------- */

/* /proc/cpuinfo: the first "microcode" value (buf "" when none), and
 * whether the "flags" line has "hypervisor": 1, 0, or -1 when there is no
 * flags line at all (not x86). */
void sc_fp_parse_cpuinfo(const char *text, char *microcode, size_t len, int *hypervisor_flag);

/* /proc/self/status: Seccomp and Seccomp_filters; -1 each when absent. */
void sc_fp_parse_status(const char *text, int *mode, int *filters);

/* /proc/stat: the "cpu " line. Returns -1 (t->known false) when absent. */
int sc_fp_parse_stat(const char *text, struct sc_cpu_times *t);

/* /proc/cmdline: the value of key as the kernel takes it (the last one
 * given wins; quotes removed; what follows a lone "--" is init's, not the
 * kernel's): "value", "(set)" for a bare key, "(not set)" when absent.
 * For pti, a "nopti" counts as "off (nopti)". */
void sc_fp_cmdline_value(const char *cmdline, const char *key, char *out, size_t len);

/* cgroup v2's cpu.max ("max 100000", "50000 100000"): *quota -1 for max.
 * Returns -1 when the text is neither. */
int sc_fp_parse_cpu_max(const char *text, long long *quota, long long *period);

/* The limit in words: "max", or "Q/P us = X CPUs"; *cpus 0 for max. */
void sc_fp_cpu_limit_text(long long quota, long long period, char *out, size_t len,
                          double *cpus);

/* /proc/self/cgroup: the cgroup of the v2 hierarchy ("0::/path") when
 * controller is NULL, else of the v1 hierarchy whose controllers include
 * it ("4:cpu,cpuacct:/path"). Returns -1 when there is no such line. */
int sc_fp_cgroup_path(const char *proc_self_cgroup, const char *controller, char *out,
                      size_t len);

/* /proc/self/mountinfo: where the cgroup2 hierarchy (controller NULL) or
 * the v1 hierarchy with that controller is mounted, and the cgroup that
 * mount shows as its root. Returns -1 when it is not mounted. */
int sc_fp_cgroup_mount(const char *mountinfo, const char *controller, char *mount_point,
                       size_t mlen, char *mount_root, size_t rlen);

/* The hypervisor named by a CPUID leaf 0x40000000 signature (12 bytes):
 * "KVM", "Microsoft Hyper-V", "VMware", "Xen", ... or "unknown (CPUID
 * signature 'XXXX')" with unprintable bytes as '?'. */
void sc_fp_hypervisor_name(const char signature[12], char *out, size_t len);

/* "120 ms (1.5% of CPU time)" between two /proc/stat samples; "unknown"
 * when either is. */
void sc_fp_steal_text(const struct sc_cpu_times *start, const struct sc_cpu_times *end,
                      long ticks_per_second, char *out, size_t len);
/* The stolen milliseconds and their share of all CPU time, in percent;
 * -1 each when unknown. */
void sc_fp_steal(const struct sc_cpu_times *start, const struct sc_cpu_times *end,
                 long ticks_per_second, double *ms, double *percent);

/* ---- collecting ---------------------------------------------------------- */

/* Reads everything but the end sample under root ("" for this machine;
 * CPUID is asked only then). */
void sc_fingerprint_collect(struct sc_fingerprint *fp, const char *root);

/* The end sample of /proc/stat, at the end of the run. */
void sc_fingerprint_finish(struct sc_fingerprint *fp, const char *root);

/* "0 (disabled)", "1 (strict)", "2 (filter)", or "unknown". */
const char *sc_fp_seccomp_text(int mode);

/* The env.txt lines, in three parts so that each sits by its kin (see
 * sc_env_write_txt): "microcode", "hypervisor" after the cpu line; one
 * "vulnerability NAME" line per sysfs file and the four "cmdline KEY"
 * lines; then "seccomp", "seccomp filters", "cgroup cpu limit" and "steal
 * during run". */
void sc_fingerprint_write_txt_cpu(const struct sc_fingerprint *fp, FILE *f);
void sc_fingerprint_write_txt_kernel(const struct sc_fingerprint *fp, FILE *f);
void sc_fingerprint_write_txt_process(const struct sc_fingerprint *fp, FILE *f);

#endif
