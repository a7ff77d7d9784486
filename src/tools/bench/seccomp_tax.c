#include "seccomp_tax.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <syscost/results_input.h>
#include <syscost/significance.h>
#include <syscost/stats.h>
#include <syscost/units.h>

#include "folder_links.h"
#include "run_layout.h"
#include "per_syscall.h"

static const enum run_file csv_of[2] = {RUN_FILE_SECCOMP_DEFAULT_CSV,
                                        RUN_FILE_SECCOMP_UNCONFINED_CSV};
static const enum run_file env_of[2] = {RUN_FILE_SECCOMP_DEFAULT_ENV,
                                        RUN_FILE_SECCOMP_UNCONFINED_ENV};

/* ---- reading ----------------------------------------------------------- */

struct found {
    long number;
    int side;
    char *path;
};

static int by_number(const void *a, const void *b)
{
    const struct found *x = a, *y = b;
    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return x->side - y->side;
}

static const char *last_part(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* dir/<the last part of f's path> */
static int join_last(const char *dir, enum run_file f, char *out, size_t len)
{
    return snprintf(out, len, "%s/%s", dir, last_part(run_layout_files[f].path)) < (int)len ? 0 : -1;
}

static int list_rounds(const char *dir, struct found **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot read the folder: %s", dir, strerror(errno));
        return -1;
    }
    size_t cap = 0;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        long number;
        int side = -1;
        for (int s = 0; s < 2 && side < 0; s++)
            if (run_layout_numbered(csv_of[s], e->d_name, &number))
                side = s;
        if (side < 0)
            continue;
        char *path;
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
        struct stat sb;
        if (folder_link_left_out(path) || lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            free(path);
            continue;
        }
        if (*n == cap) {
            size_t more = cap ? cap * 2 : 32;
            struct found *f = realloc(*out, more * sizeof(*f));
            if (!f) {
                free(path);
                snprintf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            *out = f;
            cap = more;
        }
        (*out)[(*n)++] = (struct found){number, side, path};
    }
    closedir(d);
    if (!rc && *n) /* none: *out is NULL, which qsort may not be given */
        qsort(*out, *n, sizeof(**out), by_number);
    return rc;
}

int seccomp_rounds_read(const char *dir, struct seccomp_rounds *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    snprintf(out->dir, sizeof(out->dir), "%s", dir);
    struct found *files;
    size_t n;
    if (list_rounds(dir, &files, &n, err, errlen))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        bool pair = i + 1 < n && files[i + 1].number == files[i].number;
        if (!pair) {
            fprintf(stderr, "note: %s: round %ld has no %s side: left out\n", files[i].path,
                    files[i].number, files[i].side == SECCOMP_DEFAULT ? "unconfined" : "default");
            out->n_unpaired++;
            i++;
            continue;
        }
        if (out->n == SECCOMP_MAX_ROUNDS) {
            snprintf(err, errlen, "%s: more than %d rounds", dir, SECCOMP_MAX_ROUNDS);
            rc = -1;
            break;
        }
        for (int s = 0; s < 2 && rc == 0; s++)
            rc = sc_results_read(files[i + (size_t)s].path, &out->sets[s][out->n], err, errlen);
        if (rc)
            break; /* what was read is freed with the rest */
        out->number[out->n++] = files[i].number;
        i += 2;
    }
    for (size_t i = 0; i < n; i++)
        free(files[i].path);
    free(files);
    if (!rc && !out->n) {
        snprintf(err, errlen, "%s: no round with both sides (default.<n>.csv and "
                              "unconfined.<n>.csv of one n)", dir);
        rc = -1;
    }
    for (int s = 0; s < 2 && rc == 0; s++) {
        char path[4200];
        struct stat sb;
        if (join_last(dir, env_of[s], path, sizeof(path)) || folder_link_left_out(path) ||
            lstat(path, &sb) != 0)
            continue;
        if (env_txt_read(path, &out->env[s], err, errlen))
            rc = -1;
        else
            out->have_env[s] = true;
    }
    if (rc)
        seccomp_rounds_free(out);
    return rc;
}

void seccomp_rounds_free(struct seccomp_rounds *r)
{
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < SECCOMP_MAX_ROUNDS; i++)
            sc_result_set_free(&r->sets[s][i]);
        if (r->have_env[s])
            env_txt_free(&r->env[s]);
        r->have_env[s] = false;
    }
    r->n = 0;
}

/* ---- the tax ------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_of(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return sc_percentile_sorted(v, n, 50);
}

static int build_row(const char *test, const struct sc_result_set *def,
                     const struct sc_result_set *unc, size_t n_rounds, struct seccomp_tax_row *row,
                     char *err, size_t errlen)
{
    memset(row, 0, sizeof(*row));
    snprintf(row->test, sizeof(row->test), "%s", test);
    row->syscalls = NAN;
    double d[SECCOMP_MAX_ROUNDS], a[SECCOMP_MAX_ROUNDS], b[SECCOMP_MAX_ROUNDS];
    size_t k = 0;
    for (size_t i = 0; i < n_rounds; i++) {
        long x = sc_result_set_find(&def[i], test), y = sc_result_set_find(&unc[i], test);
        if (x < 0 || y < 0)
            continue;
        const struct sc_result *rd = &def[i].rows[x], *ru = &unc[i].rows[y];
        if (isnan(row->syscalls))
            row->syscalls = rd->syscalls_per_call;
        if (!isfinite(rd->wall_median) || !isfinite(ru->wall_median)) {
            snprintf(err, errlen, "%s: round %zu: a median that is not a number", test, i + 1);
            return -1;
        }
        a[k] = per_syscall_ns(rd, row->syscalls);
        b[k] = per_syscall_ns(ru, row->syscalls);
        d[k] = a[k] - b[k];
        k++;
    }
    row->per_syscall = per_syscall_divides(row->syscalls);
    row->rounds = k;
    row->verdict = SECCOMP_TOO_FEW;
    if (!k)
        return 0;
    struct sc_median_ci ci;
    if (sc_median_with_ci(d, k, SECCOMP_TAX_LEVEL, &ci)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    row->tax_ns = ci.median;
    row->default_ns = median_of(a, k);
    row->unconfined_ns = median_of(b, k);
    if ((row->has_interval = ci.has_interval)) {
        row->lo_ns = ci.lower;
        row->hi_ns = ci.upper;
        row->confidence = ci.confidence;
        row->verdict = ci.lower > 0 ? SECCOMP_ADDS : ci.upper < 0 ? SECCOMP_FASTER : SECCOMP_NO_TAX;
    }
    return 0;
}

int seccomp_tax_build(const struct sc_result_set *def, const struct sc_result_set *unc,
                      size_t n_rounds, struct seccomp_tax *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (n_rounds > SECCOMP_MAX_ROUNDS) {
        snprintf(err, errlen, "more than %d rounds", SECCOMP_MAX_ROUNDS);
        return -1;
    }
    out->rounds = n_rounds;
    out->min_rounds = sc_median_ci_min_n(SECCOMP_TAX_LEVEL);
    /* Every case of any default round, in the order they first appear. */
    size_t cap = 0;
    for (size_t i = 0; i < n_rounds; i++)
        cap += def[i].n;
    if (!cap)
        return 0;
    if (!(out->rows = calloc(cap, sizeof(*out->rows)))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n_rounds; i++)
        for (size_t c = 0; c < def[i].n; c++) {
            const char *test = def[i].rows[c].test;
            bool seen = false;
            for (size_t j = 0; j < out->n && !seen; j++)
                seen = !strcmp(out->rows[j].test, test);
            if (seen)
                continue;
            if (build_row(test, def, unc, n_rounds, &out->rows[out->n], err, errlen)) {
                seccomp_tax_free(out);
                return -1;
            }
            if (out->rows[out->n].rounds)
                out->n++;
        }
    return 0;
}

void seccomp_tax_free(struct seccomp_tax *t)
{
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

const struct seccomp_tax_row *seccomp_tax_headline(const struct seccomp_tax *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->rows[i].test, SECCOMP_TAX_HEADLINE_CASE) && t->rows[i].per_syscall)
            return &t->rows[i];
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].per_syscall)
            return &t->rows[i];
    return NULL;
}

/* ---- which side is which ------------------------------------------------ */

/* The mode of a `seccomp` line: "2 (filter)" -> 2; -1 when not a number. */
static int seccomp_mode(const char *v)
{
    if (!v || *v < '0' || *v > '9')
        return -1;
    return (int)strtol(v, NULL, 10);
}

enum seccomp_proof seccomp_rounds_proof(const struct seccomp_rounds *r, char *why, size_t whylen)
{
    static const char *const side_name[2] = {"default", "unconfined"};
    const char *mode[2] = {NULL, NULL}, *filters[2] = {NULL, NULL};
    for (int s = 0; s < 2; s++)
        if (r->have_env[s]) {
            mode[s] = env_txt_get(&r->env[s], "seccomp");
            filters[s] = env_txt_get(&r->env[s], "seccomp filters");
        }
    for (int s = 0; s < 2; s++)
        if (!mode[s]) {
            snprintf(why, whylen, "the %s side's %s", side_name[s],
                     r->have_env[s] ? "env.txt has no seccomp line" : "env.txt is missing");
            return SECCOMP_UNRECORDED;
        }
    char said[2][160];
    for (int s = 0; s < 2; s++)
        snprintf(said[s], sizeof(said[s]), "%s: seccomp %s%s%s", side_name[s], mode[s],
                 filters[s] ? ", seccomp filters " : "", filters[s] ? filters[s] : "");
    snprintf(why, whylen, "%s; %s", said[0], said[1]);
    return seccomp_mode(mode[0]) == 2 && seccomp_mode(mode[1]) == 0 ? SECCOMP_PROVEN
                                                                     : SECCOMP_CONTRADICTED;
}

/* "10.1..14.0 ns" when both ends share a unit, else "900 ns..1.20 us". */
static void range_text(double lo_ns, double hi_ns, char *buf, size_t len)
{
    char lo[32], hi[32];
    sc_format_time_us(lo_ns / 1e3, lo, sizeof(lo));
    sc_format_time_us(hi_ns / 1e3, hi, sizeof(hi));
    const char *lu = strrchr(lo, ' '), *hu = strrchr(hi, ' ');
    if (lu && hu && !strcmp(lu, hu))
        snprintf(buf, len, "%.*s..%s", (int)(lu - lo), lo, hi);
    else
        snprintf(buf, len, "%s..%s", lo, hi);
}

void seccomp_tax_interval_text(const struct seccomp_tax_row *row, char *buf, size_t len)
{
    char tax[32], range[80];
    sc_format_time_us(row->tax_ns / 1e3, tax, sizeof(tax));
    if (!row->has_interval) {
        snprintf(buf, len, "%s%s (%zu rounds: too few for a %.0f%% interval)",
                 row->tax_ns > 0 ? "+" : "", tax, row->rounds, SECCOMP_TAX_LEVEL * 100);
        return;
    }
    range_text(row->lo_ns, row->hi_ns, range, sizeof(range));
    snprintf(buf, len, "%s%s (%.0f%% CI %s)", row->tax_ns > 0 ? "+" : "", tax,
             SECCOMP_TAX_LEVEL * 100, range);
}

const char *seccomp_verdict_text(const struct seccomp_tax_row *row)
{
    switch (row->verdict) {
    case SECCOMP_ADDS:
        return "adds";
    case SECCOMP_NO_TAX:
        return "not distinguishable from zero";
    case SECCOMP_FASTER:
        return "faster under the filter";
    case SECCOMP_TOO_FEW:
        break;
    }
    return "too few rounds";
}

void seccomp_tax_row_text(const struct seccomp_tax_row *row, struct seccomp_row_text *out)
{
    out->per = per_syscall_text(row->syscalls);
    sc_format_time_us(row->default_ns / 1e3, out->def, sizeof(out->def));
    sc_format_time_us(row->unconfined_ns / 1e3, out->unc, sizeof(out->unc));
    seccomp_tax_interval_text(row, out->added, sizeof(out->added));
    out->verdict = seccomp_verdict_text(row);
}

void seccomp_tax_sentence(const struct seccomp_tax *t, enum seccomp_proof proof, const char *why,
                          char *buf, size_t len)
{
    const struct seccomp_tax_row *h = seccomp_tax_headline(t);
    if (proof == SECCOMP_CONTRADICTED) {
        snprintf(buf, len, "The rounds' fingerprints do not show a filter on the default side and "
                           "none on the unconfined side (%s): no seccomp tax is stated.", why);
        return;
    }
    if (!h) {
        snprintf(buf, len, "No case of the rounds makes a syscall: no seccomp tax per syscall is "
                           "stated.");
        return;
    }
    char range[80], tax[32], base[32], unproven[400] = "";
    range_text(h->lo_ns, h->hi_ns, range, sizeof(range));
    sc_format_time_us(fabs(h->tax_ns) / 1e3, tax, sizeof(tax));
    sc_format_time_us(h->unconfined_ns / 1e3, base, sizeof(base));
    if (proof == SECCOMP_UNRECORDED)
        snprintf(unproven, sizeof(unproven), " Which side ran under a filter is not recorded (%s).",
                 why);
    switch (h->verdict) {
    case SECCOMP_ADDS:
        snprintf(buf, len, "The container's seccomp filter adds %s per syscall (%.0f%% CI %s), "
                           "measured on %s over %zu paired rounds: %+.0f%% of its %s unconfined.%s",
                 tax, SECCOMP_TAX_LEVEL * 100, range, h->test, h->rounds,
                 h->unconfined_ns > 0 ? h->tax_ns / h->unconfined_ns * 100 : NAN, base, unproven);
        break;
    case SECCOMP_NO_TAX:
        snprintf(buf, len, "The container's seccomp filter adds no cost distinguishable from zero "
                           "per syscall: on %s the %.0f%% interval of the difference, %s, holds 0 "
                           "(%zu paired rounds).%s",
                 h->test, SECCOMP_TAX_LEVEL * 100, range, h->rounds, unproven);
        break;
    case SECCOMP_FASTER:
        snprintf(buf, len, "%s ran %s faster under the filter (%.0f%% CI %s, %zu paired rounds): "
                           "not the filter's doing but something else that differed between the "
                           "sides; no seccomp tax is stated.%s",
                 h->test, tax, SECCOMP_TAX_LEVEL * 100, range, h->rounds, unproven);
        break;
    case SECCOMP_TOO_FEW:
        snprintf(buf, len, "%zu paired rounds are too few for a %.0f%% interval (at least %zu): "
                           "no seccomp tax is stated.%s",
                 h->rounds, SECCOMP_TAX_LEVEL * 100, t->min_rounds, unproven);
        break;
    }
}
