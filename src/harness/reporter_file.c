/* What the file reporters (CSV, JSON) share: their file is an atomic file
 * at the start of their state, published on close and removed on abort. */
#include <stdlib.h>

#include <syscost/atomic_file.h>

#include "reporter.h"

int sc_reporter_file_close(struct sc_reporter *r, char *err, size_t errlen)
{
    int rc = sc_atomic_commit(r->state, err, errlen);
    free(r->state);
    r->state = NULL;
    return rc;
}

void sc_reporter_file_abort(struct sc_reporter *r)
{
    if (r->state) {
        sc_atomic_abort(r->state);
        free(r->state);
    }
    r->state = NULL;
}
