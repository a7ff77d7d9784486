#include "fleet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/results_input.h>

#include "run_dir.h"
#include "safe_name.h"
#include "per_syscall.h"

/* ---- one run ------------------------------------------------------------ */

int fleet_run_read(const char *dir, struct fleet_run *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    out->null_ns = NAN;
    if (snprintf(out->dir, sizeof(out->dir), "%s", dir) >= (int)sizeof(out->dir)) {
        snprintf(err, errlen, "%.200s...: path too long", dir);
        return -1;
    }
    struct run_dir r;
    if (run_dir_scan(dir, &r, err, errlen))
        return -1;
    int rc = -1;
    if (!r.demo_csv[0]) {
        snprintf(err, errlen, "%s: not a run folder: it has no demo.csv (make demo-09 writes one)",
                 dir);
        goto out;
    }
    char why[1024];
    if (sc_results_read(r.demo_csv, &out->set, why, sizeof(why))) {
        snprintf(err, errlen, "%s", why);
        goto out;
    }
    if (r.env_txt[0]) {
        if (env_txt_read(r.env_txt, &out->env, why, sizeof(why))) {
            snprintf(err, errlen, "%s", why);
            sc_result_set_free(&out->set);
            goto out;
        }
        out->has_env = true;
    }
    rc = 0;
out:
    run_dir_free(&r);
    return rc;
}

void fleet_run_free(struct fleet_run *r)
{
    sc_result_set_free(&r->set);
    if (r->has_env)
        env_txt_free(&r->env);
    r->has_env = false;
}

/* ---- labels ------------------------------------------------------------- */

/* The last `parts` components of dir, without trailing slashes. */
static void tail_of(const char *dir, int parts, char *buf, size_t len)
{
    size_t end = strlen(dir);
    while (end > 1 && dir[end - 1] == '/')
        end--;
    size_t start = end;
    for (int p = 0; p < parts && start > 0; p++) {
        if (p)
            start--; /* the slash between */
        while (start > 0 && dir[start - 1] != '/')
            start--;
    }
    snprintf(buf, len, "%.*s", (int)(end - start), dir + start);
}

static bool label_taken(const struct fleet_run *runs, size_t n, size_t self)
{
    for (size_t j = 0; j < n; j++)
        if (j != self && !strcmp(runs[j].label, runs[self].label))
            return true;
    return false;
}

/* The label: the folder's last `parts` components as a safe name, so it
 * reaches a table header, a JSON key and the chart as it is. */
static void label_of(struct fleet_run *r, int parts)
{
    char tail[4096];
    tail_of(r->dir, parts, tail, sizeof(tail));
    safe_name_make(tail, r->label, sizeof(r->label));
}

static void make_labels(struct fleet_run *runs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        label_of(&runs[i], 1);
    bool clash[FLEET_MAX_RUNS] = {0};
    for (size_t i = 0; i < n; i++)
        clash[i] = label_taken(runs, n, i);
    for (size_t i = 0; i < n; i++)
        if (clash[i])
            label_of(&runs[i], 2);
    for (size_t i = 0; i < n; i++)
        if (label_taken(runs, n, i)) {
            char suffix[24];
            int k = snprintf(suffix, sizeof(suffix), "-%zu", i + 1);
            size_t keep = sizeof(runs[i].label) - 1 - (size_t)k;
            if (strlen(runs[i].label) > keep)
                runs[i].label[keep] = '\0';
            strcat(runs[i].label, suffix);
        }
}

/* ---- alignment ---------------------------------------------------------- */

/* 0 the null syscall, 1 the rest of the Syscall suite, 2 everything else. */
static int group_of(const char *test)
{
    return !strcmp(test, FLEET_NULL_CASE) ? 0 : !strncmp(test, "Syscall.", 8) ? 1 : 2;
}

static bool seen_before(const struct fleet_run *runs, size_t i, const char *test)
{
    for (size_t j = 0; j < i; j++)
        if (sc_result_set_find(&runs[j].set, test) >= 0)
            return true;
    return false;
}

static int add_row(struct fleet *f, const char *test)
{
    struct fleet_row row = {0};
    row.cells = calloc(f->n_runs, sizeof(*row.cells));
    if (!row.cells || !(row.test = strdup(test))) {
        free(row.cells);
        return -1;
    }
    for (size_t i = 0; i < f->n_runs; i++) {
        struct fleet_run *r = &f->runs[i];
        struct fleet_cell *c = &row.cells[i];
        long k = sc_result_set_find(&r->set, test);
        c->null_ratio = NAN;
        if (k < 0)
            continue;
        c->present = true;
        c->syscalls = r->set.rows[k].syscalls_per_call;
        c->ns = per_syscall_ns(&r->set.rows[k], c->syscalls);
        row.n_present++;
    }
    if (row.n_present < 2) {
        free(row.test);
        free(row.cells);
        return 0;
    }
    f->rows[f->n_rows++] = row;
    if (row.n_present == f->n_runs)
        f->n_common++;
    return 0;
}

static int align(struct fleet *f)
{
    size_t cap = 0;
    for (size_t i = 0; i < f->n_runs; i++)
        cap += f->runs[i].set.n;
    if (!(f->rows = calloc(cap ? cap : 1, sizeof(*f->rows))))
        return -1;
    /* Each case once, where it first appears, group by group. */
    for (int g = 0; g < 3; g++)
        for (size_t i = 0; i < f->n_runs; i++)
            for (size_t k = 0; k < f->runs[i].set.n; k++) {
                const char *test = f->runs[i].set.rows[k].test;
                if (group_of(test) != g || seen_before(f->runs, i, test) ||
                    sc_result_set_find(&f->runs[i].set, test) != (long)k)
                    continue;
                if (add_row(f, test))
                    return -1;
            }
    return 0;
}

static void normalise(struct fleet *f)
{
    for (size_t i = 0; i < f->n_runs; i++) {
        struct fleet_run *r = &f->runs[i];
        long k = sc_result_set_find(&r->set, FLEET_NULL_CASE);
        r->null_ns = NAN;
        if (k >= 0) {
            const struct sc_result *n = &r->set.rows[k];
            double ns = per_syscall_ns(n, n->syscalls_per_call);
            if (isfinite(ns) && ns > 0)
                r->null_ns = ns;
        }
        for (size_t j = 0; j < f->n_rows; j++) {
            struct fleet_cell *c = &f->rows[j].cells[i];
            c->null_ratio = c->present && isfinite(r->null_ns) ? c->ns / r->null_ns : NAN;
        }
    }
}

/* ---- fingerprints ------------------------------------------------------- */

/* Keys that change what a syscall costs: the CPU's mitigations, the
 * container's filter, the hypervisor and what it steals, the CPU itself. */
static bool key_explains(const char *key)
{
    static const char *const words[] = {
        "vulnerab", "mitigation", "pti",   "seccomp", "hypervisor", "steal",     "quota",
        "cgroup",   "microcode",  "cpu",   "kernel",  "isolcpus",   "nohz",      "clocksource",
        "runner",   "container",  "virt",  NULL,
    };
    for (const char *const *w = words; *w; w++)
        if (strstr(key, *w))
            return true;
    return false;
}

/* Every value of key in t, "; "-joined (a key may come more than once), or
 * NULL when t has none. Malloc'ed; *oom set when out of memory. */
static char *values_of(const struct env_txt *t, const char *key, bool *oom)
{
    size_t len = 0, n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->entries[i].key, key)) {
            len += strlen(t->entries[i].value) + 2;
            n++;
        }
    if (!n)
        return NULL;
    char *v = malloc(len + 1);
    if (!v) {
        *oom = true;
        return NULL;
    }
    v[0] = '\0';
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->entries[i].key, key)) {
            if (v[0])
                strcat(v, "; ");
            strcat(v, t->entries[i].value);
        }
    return v;
}

static bool key_listed(const struct fleet *f, const char *key)
{
    for (size_t d = 0; d < f->n_diffs; d++)
        if (!strcmp(f->diffs[d].key, key))
            return true;
    return false;
}

static void free_diff(struct fleet_diff *d, size_t n_runs)
{
    if (d->values)
        for (size_t i = 0; i < n_runs; i++)
            free(d->values[i]);
    free(d->values);
    free(d->key);
}

/* Adds key when its values differ between the runs that have a fingerprint. */
static int diff_key(struct fleet *f, const char *key, size_t cap)
{
    struct fleet_diff d = {0};
    bool oom = false, differs = false;
    const char *first = NULL;
    bool first_set = false;
    if (!(d.values = calloc(f->n_runs, sizeof(*d.values))))
        return -1;
    for (size_t i = 0; i < f->n_runs; i++) {
        if (!f->runs[i].has_env)
            continue;
        d.values[i] = values_of(&f->runs[i].env, key, &oom);
        if (!first_set) {
            first = d.values[i];
            first_set = true;
        } else if ((first == NULL) != (d.values[i] == NULL) ||
                   (first && strcmp(first, d.values[i]))) {
            differs = true;
        }
    }
    if (oom || !differs || f->n_diffs == cap || !(d.key = strdup(key))) {
        free_diff(&d, f->n_runs);
        return oom || (differs && f->n_diffs < cap) ? -1 : 0;
    }
    d.explains = key_explains(key);
    f->diffs[f->n_diffs++] = d;
    return 0;
}

static int cmp_diff(const void *a, const void *b)
{
    const struct fleet_diff *x = a, *y = b;
    return (int)y->explains - (int)x->explains;
}

static int compare_fingerprints(struct fleet *f)
{
    size_t cap = 0, with_env = 0;
    for (size_t i = 0; i < f->n_runs; i++)
        if (f->runs[i].has_env) {
            cap += f->runs[i].env.n;
            with_env++;
        }
    if (with_env < 2)
        return 0;
    if (!(f->diffs = calloc(cap, sizeof(*f->diffs))))
        return -1;
    for (size_t i = 0; i < f->n_runs; i++)
        for (size_t k = 0; f->runs[i].has_env && k < f->runs[i].env.n; k++) {
            const char *key = f->runs[i].env.entries[k].key;
            /* The harness's warnings restate the lines (steal, a container)
             * in sentences whose numbers differ every run. */
            if (!strcmp(key, FLEET_SKIPPED_KEY))
                continue;
            if (!key_listed(f, key) && diff_key(f, key, cap))
                return -1;
        }
    /* The keys that explain first, each group in the files' order: a
     * stable sort by hand, qsort is not stable. */
    for (size_t i = 1; i < f->n_diffs; i++)
        for (size_t j = i; j > 0 && cmp_diff(&f->diffs[j - 1], &f->diffs[j]) > 0; j--) {
            struct fleet_diff t = f->diffs[j];
            f->diffs[j] = f->diffs[j - 1];
            f->diffs[j - 1] = t;
        }
    return 0;
}

/* ---- the whole ---------------------------------------------------------- */

int fleet_build(struct fleet_run *runs, size_t n, struct fleet *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    out->runs = runs;
    out->n_runs = n;
    if (n > FLEET_MAX_RUNS) {
        snprintf(err, errlen, "%zu run folders: at most %d", n, FLEET_MAX_RUNS);
        return -1;
    }
    make_labels(runs, n);
    if (align(out) || compare_fingerprints(out)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!out->n_rows) {
        snprintf(err, errlen, "no case is in two of the runs: nothing to set side by side "
                              "(are they runs of the same demo?)");
        return -1;
    }
    normalise(out);
    return 0;
}

int fleet_read(char *const *dirs, size_t n, FILE *notes, struct fleet *out, char *err,
               size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (n > FLEET_MAX_RUNS) {
        snprintf(err, errlen, "%zu run folders: at most %d", n, FLEET_MAX_RUNS);
        return -1;
    }
    struct fleet_run *runs = calloc(n ? n : 1, sizeof(*runs));
    if (!runs) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char why[1200];
        if (fleet_run_read(dirs[i], &runs[k], why, sizeof(why))) {
            if (notes)
                fprintf(notes, "warning: %s; left out\n", why);
            continue;
        }
        k++;
    }
    if (k < 2) {
        snprintf(err, errlen, "%zu of the %zu folders %s a run: bench fleet needs two or more", k,
                 n, k == 1 ? "is" : "are");
        for (size_t i = 0; i < k; i++)
            fleet_run_free(&runs[i]);
        free(runs);
        return -1;
    }
    return fleet_build(runs, k, out, err, errlen);
}

void fleet_free(struct fleet *f)
{
    for (size_t j = 0; j < f->n_rows; j++) {
        free(f->rows[j].test);
        free(f->rows[j].cells);
    }
    free(f->rows);
    for (size_t d = 0; d < f->n_diffs; d++)
        free_diff(&f->diffs[d], f->n_runs);
    free(f->diffs);
    for (size_t i = 0; i < f->n_runs; i++)
        fleet_run_free(&f->runs[i]);
    free(f->runs);
    memset(f, 0, sizeof(*f));
}

long fleet_find(const struct fleet *f, const char *test)
{
    for (size_t j = 0; j < f->n_rows; j++)
        if (!strcmp(f->rows[j].test, test))
            return (long)j;
    return -1;
}

void fleet_ratio_text(double ratio, char *buf, size_t len)
{
    snprintf(buf, len, ratio < 10 ? "%.2fx" : ratio < 100 ? "%.1fx" : "%.0fx", ratio);
}

void fleet_unnormalised(const struct fleet *f, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < f->n_runs && used < len; i++)
        if (!isfinite(f->runs[i].null_ns))
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
                                     f->runs[i].label);
}
