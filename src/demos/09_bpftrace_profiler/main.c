#include <syscost/tracers.h>

#include "cases.h"

static const struct sc_case *const suites[] = {
    bpftrace_profiler_cases,
    write_size_cases, batching_cases, sink_cases, telemetry_cases, logging_cases,
    NULL,
};

int main(int argc, char **argv)
{
    return sc_main(argc, argv,
                   "Demo 09: what a write() costs, and what batching saves",
                   suites, &sc_tracers);
}
