#include "env.h"

#include <linux/perf_event.h>
#include <pwd.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#ifndef SYSCOST_BUILD_TYPE
#define SYSCOST_BUILD_TYPE ""
#endif
#ifndef SYSCOST_GIT_HASH
#define SYSCOST_GIT_HASH "unknown"
#endif
#if defined(__clang__)
#define SYSCOST_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define SYSCOST_COMPILER "gcc " __VERSION__
#else
#define SYSCOST_COMPILER "unknown"
#endif

int sc_read_line(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *ok = fgets(buf, (int)len, f);
    fclose(f);
    if (!ok)
        return -1;
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

static void read_cpuinfo(struct sc_env *e)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        char *val = colon + 1;
        while (*val == ' ')
            val++;
        val[strcspn(val, "\n")] = '\0';
        if (!e->cpu_model[0] && !strncmp(line, "model name", 10))
            snprintf(e->cpu_model, sizeof(e->cpu_model), "%s", val);
        else if (e->mhz == 0 && !strncmp(line, "cpu MHz", 7))
            e->mhz = atof(val);
    }
    fclose(f);
}

static bool container_markers(void)
{
    return access("/.dockerenv", F_OK) == 0 || access("/run/.containerenv", F_OK) == 0;
}

static bool detect_container(void)
{
    if (container_markers())
        return true;
    const char *c = getenv("container");
    if (c && *c)
        return true;
    FILE *f = fopen("/proc/1/cgroup", "r");
    if (!f)
        return false;
    char line[512];
    bool found = false;
    while (fgets(line, sizeof(line), f))
        if (strstr(line, "docker") || strstr(line, "containerd") ||
            strstr(line, "kubepods") || strstr(line, "libpod"))
            found = true;
    fclose(f);
    return found;
}

/* A VM without a PMU refuses the cycles counter: say so, since perf stat
 * then shows "not supported" and a reader wonders why. */
static bool detect_hw_counters(void)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.size = sizeof(attr);
    attr.type = PERF_TYPE_HARDWARE;
    attr.config = PERF_COUNT_HW_CPU_CYCLES;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
    if (fd < 0)
        return false;
    close((int)fd);
    return true;
}

void sc_env_collect(struct sc_env *e)
{
    memset(e, 0, sizeof(*e));
    struct utsname u;
    if (uname(&u) == 0) {
        snprintf(e->hostname, sizeof(e->hostname), "%s", u.nodename);
        snprintf(e->platform, sizeof(e->platform), "%s %s %s", u.sysname,
                 u.release, u.machine);
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(e->timestamp, sizeof(e->timestamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    read_cpuinfo(e);
    e->num_cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
    cpu_set_t allowed;
    e->cpus_allowed = sched_getaffinity(0, sizeof(allowed), &allowed) == 0 ? CPU_COUNT(&allowed)
                                                                           : e->num_cpus;
    sc_read_line("/sys/devices/system/clocksource/clocksource0/current_clocksource",
                 e->clocksource, sizeof(e->clocksource));
    sc_read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
                 e->governor, sizeof(e->governor));
    e->in_container = detect_container();
    e->container_markers = container_markers();
    const char *compose = getenv("SYSCOST_IN_COMPOSE");
    e->in_compose = compose && *compose;
    e->uid = (unsigned)geteuid();
    const struct passwd *pw = getpwuid(e->uid);
    snprintf(e->user, sizeof(e->user), "%s", pw ? pw->pw_name : "?");
    e->hw_counters = detect_hw_counters();
    if (getloadavg(e->load_avg, 3) < 0)
        e->load_avg[0] = e->load_avg[1] = e->load_avg[2] = -1;
    e->build_type = SYSCOST_BUILD_TYPE;
    e->git_hash = SYSCOST_GIT_HASH;
    e->compiler = SYSCOST_COMPILER;
}

void sc_env_warn(const struct sc_env *e, FILE *f)
{
    if (!strcmp(e->build_type, "Debug") || !e->build_type[0])
        fprintf(f, "warning: this is a debug build; the cases' own loops run "
                   "unoptimized (use the release preset for final numbers)\n");
    if (e->governor[0] && strcmp(e->governor, "performance"))
        fprintf(f, "warning: CPU frequency scaling is on (governor '%s'); "
                   "numbers will be noisier (see docs/CPU_GUIDE.md)\n", e->governor);
    if (e->clocksource[0] && strcmp(e->clocksource, "tsc"))
        fprintf(f, "warning: the clocksource is '%s', not tsc; reading the "
                   "clock costs more and timings are coarser\n", e->clocksource);
    if (e->in_container)
        fprintf(f, "warning: running inside a container; its cgroup limits and "
                   "seccomp filter can change syscall costs\n");
    if (!e->hw_counters)
        fprintf(f, "warning: hardware performance counters are unavailable "
                   "(a VM without a PMU?); perf stat will show only software events\n");
}

int sc_env_write_txt(const struct sc_env *e, FILE *f)
{
    fprintf(f, "kernel: %s\n", e->platform[0] ? e->platform : "unknown");
    fprintf(f, "cpu: %s\n", e->cpu_model[0] ? e->cpu_model : "unknown");
    fprintf(f, "cores: %d\n", e->cpus_allowed);
    fprintf(f, "clocksource: %s\n", e->clocksource[0] ? e->clocksource : "unknown");
    fprintf(f, "governor: %s\n", e->governor[0] ? e->governor : "none (no cpufreq)");
    /* How the demo was started, and apart from it what the machine looks
     * like: a VM image built from a container image has /.dockerenv
     * without being a container. */
    fprintf(f, "runner: %s\n", e->in_compose ? "compose (dev container)" : "native");
    fprintf(f, "container markers: %s\n", e->container_markers
                                              ? "yes (/.dockerenv or /run/.containerenv present)"
                                              : "none");
    fprintf(f, "build: %s, git %s\n", e->build_type[0] ? e->build_type : "unknown", e->git_hash);
    size_t n = strlen(e->compiler); /* __clang_version__ ends in a space */
    while (n && e->compiler[n - 1] == ' ')
        n--;
    fprintf(f, "compiler: %.*s\n", (int)n, e->compiler);
    fprintf(f, "user: %s (uid %u)\n", e->user, e->uid);
    sc_env_warn(e, f);
    return ferror(f) ? -1 : 0;
}
