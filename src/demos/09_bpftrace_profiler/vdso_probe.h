/* Does the vDSO answer clock_gettime here, or does it fall back to the
 * system call? It falls back when the clocksource has no vDSO mode (hpet,
 * acpi_pm, a kvm-clock the host marks unstable), and nothing in /proc says
 * so. The probe asks the kernel itself: a child process installs a seccomp
 * filter that fails that one syscall with a marker errno, then calls
 * clock_gettime through libc. A call the vDSO answers never reaches the
 * filter; one that falls back comes back with the marker. Needs no
 * privileges (no_new_privs), only fork() and seccomp filters. */
#ifndef DEMO09_VDSO_PROBE_H
#define DEMO09_VDSO_PROBE_H

#include <stddef.h>
#include <time.h>

enum vdso_answer {
    VDSO_ANSWERS,    /* every probe call was answered in user space */
    VDSO_FALLS_BACK, /* a probe call entered the kernel */
    VDSO_NOT_MAPPED, /* the process has no vDSO at all (AT_SYSINFO_EHDR is 0) */
    VDSO_UNKNOWN,    /* the probe could not run; why says why */
};

/* Probes clock_gettime(clock) as libc calls it. */
enum vdso_answer vdso_probe_clock_gettime(clockid_t clock, char *why, size_t whylen);

#endif
