/* The progress line of a long run: which case, which repeat, how long so
 * far and how long to go, on stderr when it is a terminal, and nothing
 * otherwise. It is drawn only between repeats, never inside a timed one;
 * each draw is one write(2), counted in `writes` so the syscall counter can
 * take those out of a case's count. */
#ifndef SYSCOST_PROGRESS_H
#define SYSCOST_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sc_progress {
    bool on;
    size_t n_cases, case_no;    /* case_no counts from 1 */
    const char *name;
    size_t width;               /* the terminal's columns */
    size_t shown;               /* length of the line on screen, 0 when none */
    uint64_t start_ns, case_start_ns, last_draw_ns;
    uint64_t finished_ns;       /* time taken by the finished cases */
    size_t finished;
    uint64_t writes;            /* write(2) calls made to draw */
};

/* On when `want` and stderr is a terminal. */
void sc_progress_init(struct sc_progress *p, bool want, size_t n_cases);
/* A case begins: "case i/N NAME: warming up". */
void sc_progress_case(struct sc_progress *p, const char *name);
/* Between repeats: `done` of `total` repeats took `measured_ns` together.
 * Draws at most four times a second. */
void sc_progress_repeat(struct sc_progress *p, uint64_t done, uint64_t total, uint64_t measured_ns);
/* Between rounds (cases measured in shuffled rounds): `done` of `total`
 * rounds took `rounds_ns` together. Draws at most four times a second. */
void sc_progress_round(struct sc_progress *p, uint64_t done, uint64_t total, uint64_t rounds_ns);
/* The case is over: the line is cleared, before its result is printed. */
void sc_progress_case_done(struct sc_progress *p);
/* Clears the line (before another message on stderr); it comes back at the next draw. */
void sc_progress_clear(struct sc_progress *p);

#endif
