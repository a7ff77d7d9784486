#include "profile_util.h"

#include <syscost/atomic_file.h>

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Older uapi headers lack the BPF-era capabilities. */
#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

/* The inode every kernel gives the initial PID namespace. */
#define SC_PROC_PID_INIT_INO 0xEFFFFFFCu

static int has_effective_cap(const struct __user_cap_data_struct data[2], int cap)
{
    return (data[cap / 32].effective >> (cap % 32)) & 1u;
}

int sc_trace_check_privileges(char *err, size_t errlen)
{
    if (geteuid() == 0)
        return 0;
    /* capget directly: libcap is not a dependency of the kit. */
    struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof(data));
    if (syscall(SYS_capget, &hdr, data) == 0 && has_effective_cap(data, CAP_BPF) &&
        has_effective_cap(data, CAP_PERFMON))
        return 0;
    snprintf(err, errlen, "--profile needs root or CAP_BPF+CAP_PERFMON: "
                          "run with sudo or in the dev-cuda container");
    return -1;
}

static int is_tracefs(const char *dir)
{
    char probe[128];
    snprintf(probe, sizeof(probe), "%s/events", dir);
    return access(probe, X_OK) == 0;
}

int sc_trace_ensure_tracefs(char *err, size_t errlen)
{
    if (is_tracefs("/sys/kernel/tracing") || is_tracefs("/sys/kernel/debug/tracing"))
        return 0;
    /* Boot did not mount it here; tracepoint-based bpftrace probes need it. */
    if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0 &&
        is_tracefs("/sys/kernel/tracing"))
        return 0;
    snprintf(err, errlen,
             "tracefs is not mounted at /sys/kernel/tracing and mounting it failed (%s): "
             "run 'sudo mount -t tracefs nodev /sys/kernel/tracing'",
             strerror(errno));
    return -1;
}

int sc_trace_in_init_pidns(void)
{
    struct stat st;
    return stat("/proc/self/ns/pid", &st) == 0 && st.st_ino == SC_PROC_PID_INIT_INO;
}

int sc_trace_artifact_path(char *buf, size_t len, const char *dir,
                           const char *case_name, const char *what, const char *ext)
{
    int n = snprintf(buf, len, "%s/%s.%s.%s", dir, case_name, what, ext);
    if (n < 0 || (size_t)n >= len)
        return -1;
    char *name = buf + strlen(dir) + 1;
    for (char *p = name; p < name + strlen(case_name); p++)
        if (*p == '/')
            *p = '_';
    return 0;
}

int sc_trace_publish_text(const struct sc_hist_set *set, const char *txt_path,
                          const char *case_name, const char *title,
                          char *err, size_t errlen)
{
    struct sc_atomic_file af;
    if (sc_atomic_open(&af, txt_path, err, errlen) != 0)
        return -1;
    sc_hist_write_text(af.f, set);
    if (sc_atomic_commit(&af, err, errlen) != 0)
        return -1;
    printf("\n%s (%s):\n", case_name, title);
    if (set->nmaps == 0)
        printf("(nothing traced: no measured call reached a traced syscall)\n");
    else
        sc_hist_write_text(stdout, set);
    fflush(stdout);
    return 0;
}
