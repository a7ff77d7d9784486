/* googletest-style case selection: POS[:POS...][-NEG[:NEG...]], with * and ?. */
#ifndef SYSCOST_FILTER_H
#define SYSCOST_FILTER_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* True when the whole of `name` matches `pattern` (* any run, ? one char). */
bool sc_glob_match(const char *pattern, const char *name);

/* True when `name` matches a positive pattern and no negative one.
 * An empty positive part means "*", as in googletest. A NULL filter selects all. */
bool sc_filter_match(const char *filter, const char *name);

#ifdef __cplusplus
}
#endif

#endif
