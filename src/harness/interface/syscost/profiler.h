/* Profiler hooks: a tracer that watches only the measured repeats of a case.
 *
 * The runner calls, for each selected case:
 *   setup -> warmup (untraced) -> begin() -> [comm = cfg->measure_comm]
 *   measured repeats [comm restored] -> end() -> teardown
 * begin() returns only once tracing is live, so no measured call escapes.
 * end() stops tracing, writes <artifact_dir>/<Suite.Case>.<script>.{txt,json}
 * and prints the histogram text to stdout.
 * abort() is called instead of end() when the run is interrupted or fails:
 * it stops every child process and removes partial files.
 *
 * With --profile-pairs the measured repeats come in pairs, one traced and
 * one untraced, in an order drawn per pair: detach() takes the tracer's
 * programs out of the kernel before an untraced repeat, attach() puts them
 * back before a traced one (both between repeats, never inside one; the
 * tracer's results keep counting from where they were). A tracer that
 * cannot do this leaves both NULL, and --profile-pairs refuses it. */
#ifndef SYSCOST_PROFILER_H
#define SYSCOST_PROFILER_H

#include <signal.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The harness names the measuring thread only while measured repeats run,
 * and tracers gate on that name, which also works inside a container's PID
 * namespace, where a tracer cannot tell the kit's pid. The name is new for
 * each run, so two runs on one host (one of them in a container) never count
 * each other's calls: SC_MEASURE_COMM_PREFIX then 12 random hex digits, 15
 * characters in all (the kernel's limit), e.g. "sc-3f9a0c41d2e7". To trace
 * by hand, match the prefix (the .bt scripts do when given no name). */
#define SC_MEASURE_COMM_PREFIX "sc-"
#define SC_MEASURE_COMM_LEN 15

struct sc_profile_config {
    const char *scripts;       /* bpftrace script names, comma separated ("syslat") */
    const char *scripts_dir;   /* directory holding <name>.bt */
    const char *artifact_dir;  /* existing directory for artifacts */
    const char *measure_comm;  /* this run's measuring-thread name */
    /* Set (to the signal's number) when the run must stop: a tracer that
     * waits for something gives up instead of holding the run. */
    const volatile sig_atomic_t *stop;
    int verbose;
    int bpf_stats;             /* libbpf tracers: BPF run-time statistics on (--bpf-stats) */
};

struct sc_profiler {
    const char *name; /* "bpftrace", "libbpf", "libbpf-count", "libbpf-floor" */
    /* Fails fast before any case runs: privileges, missing binary. */
    int (*check)(const struct sc_profile_config *cfg, char *err, size_t errlen);
    int (*begin)(void **state, const char *case_name,
                 const struct sc_profile_config *cfg, char *err, size_t errlen);
    int (*end)(void *state, const char *case_name,
               const struct sc_profile_config *cfg, char *err, size_t errlen);
    void (*abort)(void *state);
    int (*detach)(void *state, char *err, size_t errlen);
    int (*attach)(void *state, char *err, size_t errlen);
};

/* A tracer this build knows of but could not build, and why, for the error
 * line ("libbpf (libbpf-dev) was not found when this build was configured"). */
struct sc_profiler_missing {
    const char *name;
    const char *why;
};

/* The tracers a program offers to --profile. The harness knows none by
 * itself: the program hands its set to sc_main() (the kit's tracers are
 * sc_tracers, <syscost/tracers.h>). */
struct sc_profilers {
    const struct sc_profiler *const *built;     /* ends with NULL */
    const struct sc_profiler_missing *missing;  /* ends with {NULL, NULL}; may be NULL */
};

/* Looks a profiler up by name in `set` (which may be NULL); NULL when it
 * is unknown or not built in. */
const struct sc_profiler *sc_profiler_find(const struct sc_profilers *set, const char *name);

/* Why a known profiler is missing from `set`; NULL when it is built or unknown. */
const char *sc_profiler_why_missing(const struct sc_profilers *set, const char *name);

#ifdef __cplusplus
}
#endif

#endif
