/* Correctness checks of the fast tracers' kernel side (see check.c). */
#ifndef TRACER_VARIANTS_CHECK_H
#define TRACER_VARIANTS_CHECK_H

#include <stdio.h>

#include "variant.h"

/* Runs every check on each variant laid out like syslat_fast or syscount
 * (others are skipped, saying so); prints OK/FAIL/SKIP lines. Returns the
 * number of failed checks. comm: the measured thread's name. */
int check_run(struct variant *vs, int n, const char *comm, FILE *out);

#endif
