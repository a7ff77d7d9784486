/* The kit's CSV (--csv), one row per case as it finishes. When the run also
 * writes an env.txt, the rows name it in their last column (envTxt), so a
 * CSV leads to the machine it was measured on. */
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/atomic_file.h>

#include "reporter.h"

struct csv_state {
    struct sc_atomic_file af; /* first: see sc_reporter_file_close */
    char env_txt[PATH_MAX];   /* "" when the run writes none */
};

/* env_txt as seen from the CSV's folder: its name alone when both are in one
 * folder, else its absolute path (or the path as given, if that fails). */
static void env_txt_from_csv(const char *csv, const char *env_txt, char *out, size_t len)
{
    char a[PATH_MAX], b[PATH_MAX], csv_dir[PATH_MAX], env_dir[PATH_MAX];
    snprintf(a, sizeof(a), "%s", csv);
    snprintf(b, sizeof(b), "%s", env_txt);
    const char *name = strrchr(env_txt, '/') ? strrchr(env_txt, '/') + 1 : env_txt;
    if (!realpath(dirname(a), csv_dir) || !realpath(dirname(b), env_dir)) {
        snprintf(out, len, "%s", env_txt);
        return;
    }
    if (!strcmp(csv_dir, env_dir)) {
        snprintf(out, len, "%s", name);
        return;
    }
    size_t d = strcmp(env_dir, "/") ? strlen(env_dir) : 0, n = strlen(name);
    if (d + 1 + n >= len) {
        snprintf(out, len, "%s", env_txt);
        return;
    }
    memcpy(out, env_dir, d);
    out[d] = '/';
    memcpy(out + d + 1, name, n + 1);
}

static int csv_open(struct sc_reporter *r, const struct sc_run_info *info,
                    char *err, size_t errlen)
{
    struct csv_state *cs = calloc(1, sizeof(*cs));
    if (!cs || sc_atomic_open(&cs->af, r->path, err, errlen)) {
        free(cs);
        return -1;
    }
    r->state = cs;
    if (info->opt->env_txt_path)
        env_txt_from_csv(r->path, info->opt->env_txt_path, cs->env_txt, sizeof(cs->env_txt));
    /* Header now, rows as cases finish: an empty result set still reads. */
    return sc_results_write_csv_header(cs->af.f, cs->env_txt[0] != '\0');
}

static int csv_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    struct csv_state *cs = r->state;
    if (rep->outcome != SC_OK)
        return 0;
    struct sc_result row = *rep->res;
    row.env_txt = cs->env_txt[0] ? cs->env_txt : NULL;
    return sc_results_write_csv_row(cs->af.f, &row);
}

const struct sc_reporter sc_csv_reporter = {
    .name = "csv",
    .open = csv_open,
    .report = csv_report,
    .close = sc_reporter_file_close,
    .abort = sc_reporter_file_abort,
};
