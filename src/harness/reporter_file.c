/* What the reporters that write one file have in common: the file is
 * written to a temporary beside its target and appears whole at close. */
#include <stdlib.h>

#include "reporter.h"

struct sc_atomic_file *sc_reporter_file_open(struct sc_reporter *r, char *err, size_t errlen)
{
    struct sc_atomic_file *af = calloc(1, sizeof(*af));
    if (!af || sc_atomic_open(af, r->path, err, errlen)) {
        free(af);
        return NULL;
    }
    r->state = af;
    return af;
}

int sc_reporter_file_close(struct sc_reporter *r, char *err, size_t errlen)
{
    struct sc_atomic_file *af = r->state;
    int rc = sc_atomic_commit(af, err, errlen);
    free(af);
    r->state = NULL;
    return rc;
}

void sc_reporter_file_abort(struct sc_reporter *r)
{
    struct sc_atomic_file *af = r->state;
    if (af) {
        sc_atomic_abort(af);
        free(af);
    }
    r->state = NULL;
}
