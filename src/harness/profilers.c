/* The profilers this build has, looked up by the name --profile gives.
 * bpftrace is always built (it is a separate program, checked at run time);
 * the libbpf tracer only when bpf/ found libbpf and clang at configure time. */
#include <stddef.h>
#include <string.h>

#include <syscost/profiler.h>

extern const struct sc_profiler sc_profiler_bpftrace;
#ifdef SYSCOST_HAVE_LIBBPF
extern const struct sc_profiler sc_profiler_libbpf;
#endif

static const struct sc_profiler *const profilers[] = {
    &sc_profiler_bpftrace,
#ifdef SYSCOST_HAVE_LIBBPF
    &sc_profiler_libbpf,
#endif
    NULL,
};

const struct sc_profiler *sc_profiler_find(const char *name)
{
    for (size_t i = 0; profilers[i]; i++)
        if (!strcmp(profilers[i]->name, name))
            return profilers[i];
    return NULL;
}

const char *sc_profiler_why_missing(const char *name)
{
#ifdef SYSCOST_LIBBPF_MISSING
    if (!strcmp(name, "libbpf"))
        return SYSCOST_LIBBPF_MISSING " when this build was configured";
#endif
    (void)name;
    return NULL;
}
