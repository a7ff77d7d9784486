/* The case tables of Demo 09, one per suite. */
#ifndef DEMO09_CASES_H
#define DEMO09_CASES_H

#include <syscost/harness.h>

/* The walkthrough's two canonical cases. */
extern const struct sc_case bpftrace_profiler_cases[];

#endif
