/* The kit's tracers behind the profiler interface: bpftrace (always built;
 * it runs the bpftrace program) and the in-process libbpf tracer (built
 * where libbpf and a clang that targets BPF were found). A program hands
 * this set to sc_main() so that --profile can name them. */
#ifndef SYSCOST_TRACERS_H
#define SYSCOST_TRACERS_H

#include <syscost/profiler.h>

#ifdef __cplusplus
extern "C" {
#endif

extern const struct sc_profilers sc_tracers;

#ifdef __cplusplus
}
#endif

#endif
