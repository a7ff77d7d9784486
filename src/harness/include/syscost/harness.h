/* The syscost benchmark harness: the one header a demo includes.
 *
 * A demo lists its cases in tables ending with an all-zero sentinel and hands
 * them to sc_main(). Each case runs `cycles` calls per timed repeat; the
 * harness times whole repeats (never single calls), keeps every repeat as a
 * sample and reports through its console, CSV and JSON reporters. */
#ifndef SYSCOST_HARNESS_H
#define SYSCOST_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sc_outcome { SC_OK = 0, SC_FAIL = 1, SC_SKIP = 2 };

/* What a case says when it fails or skips: one line, shown to the user. */
struct sc_status {
    char msg[256];
};

struct sc_case;

/* setup and teardown are optional. run performs `cycles` calls. */
typedef enum sc_outcome (*sc_setup_fn)(const struct sc_case *c, void **state,
                                       struct sc_status *st);
typedef enum sc_outcome (*sc_run_fn)(const struct sc_case *c, void *state,
                                     uint64_t cycles, struct sc_status *st);
typedef void (*sc_teardown_fn)(const struct sc_case *c, void *state);

struct sc_case {
    const char *name; /* "Suite.Case" or "Suite.Case/Param" */
    long arg;         /* parameter of parameterized cases */
    sc_setup_fn setup;
    sc_run_fn run;
    sc_teardown_fn teardown;
};

/* Fills st->msg and returns SC_FAIL (or SC_SKIP), for one-line error paths. */
enum sc_outcome sc_fail(struct sc_status *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum sc_outcome sc_skip(struct sc_status *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds n syscalls the case issued that the harness's kernel counter cannot
 * see. That counter is /proc/thread-self/io (syscr + syscw), which counts
 * only the read()/write() family: sendto, sendmmsg, io_uring_enter, ftruncate
 * and the like leave it untouched. A case calls this from run() next to each
 * such syscall; only calls made during the measured repeats, on the measuring
 * thread, count. Reports label the self-counted share. */
void sc_count_syscalls(uint64_t n);

struct sc_profilers;

/* Runs the program: parses argv, selects cases, measures, reports.
 * `tables` is a NULL-terminated list of case tables, each ending with a
 * case whose name is NULL. `profilers` are the tracers --profile may name
 * (the kit's are sc_tracers, <syscost/tracers.h>), or NULL for none.
 * Returns the process exit status. */
int sc_main(int argc, char **argv, const char *program_title,
            const struct sc_case *const *tables, const struct sc_profilers *profilers);

#ifdef __cplusplus
}
#endif

#endif
