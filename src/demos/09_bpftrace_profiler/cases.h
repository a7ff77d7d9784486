/* The case tables of Demo 09, one per suite. */
#ifndef DEMO09_CASES_H
#define DEMO09_CASES_H

#include <syscost/harness.h>

/* The walkthrough's two canonical cases. */
extern const struct sc_case bpftrace_profiler_cases[];
/* Where one syscall's cost goes: the null syscall, the vDSO, read, write (issue 13). */
extern const struct sc_case syscall_cases[];
/* Beyond the walkthrough (issue 6); batching table pairs them by name. */
extern const struct sc_case write_size_cases[];
extern const struct sc_case batching_cases[];
extern const struct sc_case sink_cases[];
extern const struct sc_case telemetry_cases[];
extern const struct sc_case logging_cases[];

#endif
