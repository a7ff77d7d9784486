/* The tracers this build has, and why a known one is missing. */
#include <stddef.h>

#include <syscost/tracers.h>

extern const struct sc_profiler sc_profiler_bpftrace;
#ifdef SYSCOST_HAVE_LIBBPF
extern const struct sc_profiler sc_profiler_libbpf;
extern const struct sc_profiler sc_profiler_libbpf_count;
extern const struct sc_profiler sc_profiler_libbpf_floor;
#endif

static const struct sc_profiler *const built[] = {
    &sc_profiler_bpftrace,
#ifdef SYSCOST_HAVE_LIBBPF
    &sc_profiler_libbpf,
    &sc_profiler_libbpf_count,
    &sc_profiler_libbpf_floor,
#endif
    NULL,
};

static const struct sc_profiler_missing missing[] = {
#ifdef SYSCOST_LIBBPF_MISSING
    {"libbpf", SYSCOST_LIBBPF_MISSING " when this build was configured"},
    {"libbpf-count", SYSCOST_LIBBPF_MISSING " when this build was configured"},
    {"libbpf-floor", SYSCOST_LIBBPF_MISSING " when this build was configured"},
#endif
    {NULL, NULL},
};

const struct sc_profilers sc_tracers = {.built = built, .missing = missing};
