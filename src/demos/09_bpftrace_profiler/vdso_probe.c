#include "vdso_probe.h"

#include <errno.h>
#include <stddef.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* What the filter answers the probed syscall with: no real clock_gettime
 * returns it, so seeing it means the call reached the kernel. */
#define PROBE_ERRNO EMLINK
#define PROBE_CALLS 64

enum child_status { CHILD_ANSWERED, CHILD_FELL_BACK, CHILD_NO_NEW_PRIVS, CHILD_NO_SECCOMP,
                    CHILD_CLOCK_FAILED };

/* Runs in the forked child: async-signal-safe calls only. */
static void probe_child(clockid_t clock)
{
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clock_gettime, 2, 0),
#ifdef SYS_clock_gettime64 /* 32-bit ABIs: glibc calls the 64-bit-time one */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clock_gettime64, 1, 0),
#else
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clock_gettime, 1, 0),
#endif
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (PROBE_ERRNO & SECCOMP_RET_DATA)),
    };
    struct sock_fprog prog = {.len = sizeof(code) / sizeof(code[0]), .filter = code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        _exit(CHILD_NO_NEW_PRIVS);
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
        _exit(CHILD_NO_SECCOMP);
    for (int i = 0; i < PROBE_CALLS; i++) {
        struct timespec ts;
        if (clock_gettime(clock, &ts) != 0)
            _exit(errno == PROBE_ERRNO ? CHILD_FELL_BACK : CHILD_CLOCK_FAILED);
    }
    _exit(CHILD_ANSWERED);
}

enum vdso_answer vdso_probe_clock_gettime(clockid_t clock, char *why, size_t whylen)
{
    why[0] = '\0';
    if (getauxval(AT_SYSINFO_EHDR) == 0) {
        snprintf(why, whylen, "this process has no vDSO mapped (AT_SYSINFO_EHDR is 0)");
        return VDSO_NOT_MAPPED;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, whylen, "fork: %s", strerror(errno));
        return VDSO_UNKNOWN;
    }
    if (pid == 0)
        probe_child(clock);
    int status;
    pid_t got;
    while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    if (got != pid || !WIFEXITED(status)) {
        snprintf(why, whylen, "the probe process %s", got != pid ? "was lost" : "was killed");
        return VDSO_UNKNOWN;
    }
    switch (WEXITSTATUS(status)) {
    case CHILD_ANSWERED:
        return VDSO_ANSWERS;
    case CHILD_FELL_BACK:
        snprintf(why, whylen, "clock_gettime entered the kernel: the clocksource has no vDSO mode "
                              "here");
        return VDSO_FALLS_BACK;
    case CHILD_NO_NEW_PRIVS:
    case CHILD_NO_SECCOMP:
        snprintf(why, whylen, "no seccomp filter could be installed to watch for the syscall");
        return VDSO_UNKNOWN;
    default:
        snprintf(why, whylen, "clock_gettime failed in the probe");
        return VDSO_UNKNOWN;
    }
}
