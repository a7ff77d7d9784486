/* The table of a measurement CSV (measure.h's columns, rows of any number
 * of runs): per variant, the median of its ns per write(), and of what it
 * adds: over "none" (untraced), as a multiple of what "floor" (the empty
 * sys_enter/sys_exit pair) adds, and above "floor". Each difference is
 * taken within a group (measurements made one right after another), then
 * the median over groups, so the machine's drift cancels. */
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VARIANTS 64
#define MAX_ROWS 2048
#define NAME_LEN 48

struct row {
    int group;
    double ns, bpf_ns;
    int counted_kind;  /* 0 "-", 1 "exact", 2 anything else */
};

struct series {
    char name[NAME_LEN];
    struct row rows[MAX_ROWS];
    int n;
    char first_problem[96];
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of v[0..n) (sorts v), interpolated between neighbours. */
static double quantile(double *v, int n, double q)
{
    if (n == 0)
        return NAN;
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    double pos = q * (n - 1);
    int lo = (int)pos;
    return lo + 1 < n ? v[lo] + (pos - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

static double median(double *v, int n)
{
    return quantile(v, n, 0.5);
}

static struct series *find(struct series *s, int *n, const char *name, int create)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp(s[i].name, name))
            return &s[i];
    if (!create || *n == MAX_VARIANTS)
        return NULL;
    memset(&s[*n], 0, sizeof(s[*n]));
    snprintf(s[*n].name, NAME_LEN, "%s", name);
    return &s[(*n)++];
}

static const struct row *in_group(const struct series *s, int group)
{
    for (int i = 0; i < s->n; i++)
        if (s->rows[i].group == group)
            return &s->rows[i];
    return NULL;
}

static int parse(FILE *in, struct series *s, int *n, char *err, size_t errlen)
{
    char line[512];
    int lineno = 0;

    while (fgets(line, sizeof(line), in)) {
        char name[NAME_LEN], counted[96];
        int group;
        double ns, bpf;

        lineno++;
        if (!strncmp(line, "round,", 6) || line[0] == '\n')
            continue;
        if (sscanf(line, "%*d,%d,%47[^,],%*u,%lf,%lf,%*f,%*f,%*f,%95[^\n]", &group, name, &ns,
                   &bpf, counted) != 5) {
            snprintf(err, errlen, "line %d: not a measurement row (%s): expected %s", lineno,
                     strtok(line, "\n"), "round,group,variant,writes,ns_per_write,...");
            return -1;
        }
        struct series *v = find(s, n, name, 1);
        if (!v || v->n == MAX_ROWS) {
            snprintf(err, errlen, "line %d: more than %d variants or %d rows of one", lineno,
                     MAX_VARIANTS, MAX_ROWS);
            return -1;
        }
        struct row *r = &v->rows[v->n++];
        r->group = group;
        r->ns = ns;
        r->bpf_ns = bpf;
        r->counted_kind = !strcmp(counted, "-") ? 0 : !strcmp(counted, "exact") ? 1 : 2;
        if (r->counted_kind == 2 && !v->first_problem[0])
            snprintf(v->first_problem, sizeof(v->first_problem), "%s", counted);
    }
    return 0;
}

static const char *counted_word(const struct series *v)
{
    int exact = 0;
    if (v->first_problem[0])
        return v->first_problem;
    for (int i = 0; i < v->n; i++)
        exact |= v->rows[i].counted_kind == 1;
    return exact ? "exact" : "-";
}

int summary_print(FILE *in, FILE *out, int markdown, char *err, size_t errlen)
{
    static struct series s[MAX_VARIANTS];
    int n = 0;

    if (parse(in, s, &n, err, errlen) != 0)
        return -1;
    const struct series *none = find(s, &n, "none", 0), *floor_ = find(s, &n, "floor", 0);
    if (!none || !floor_) {
        snprintf(err, errlen, "the rows need the variants \"none\" and \"floor\" measured "
                              "with the others");
        return -1;
    }
    if (markdown)
        fprintf(out, "| variant | ns per write() | ns added | x floor | ns above floor "
                     "(middle half) | BPF run time per write() (ns) | above the floor's | "
                     "counts |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    else
        fprintf(out, "%-26s %8s %15s %8s %6s %11s %13s %8s %9s  %s\n", "VARIANT", "NS/WRITE",
                "(MIN-MAX)", "ADDED", "xFLOOR", "ABOVE FLOOR", "(MIDDLE HALF)", "BPF NS",
                "BPF ABOVE", "COUNTS");
    for (int i = 0; i < n; i++) {
        const struct series *v = &s[i];
        static double ns[MAX_ROWS], added[MAX_ROWS], ratio[MAX_ROWS], above[MAX_ROWS],
            bpf[MAX_ROWS], bpf_above[MAX_ROWS];
        int n_ns = 0, n_d = 0, n_bpf = 0, n_bpf_above = 0;
        double lo = INFINITY, hi = -INFINITY;

        for (int k = 0; k < v->n; k++) {
            const struct row *r = &v->rows[k];
            const struct row *z = in_group(none, r->group), *f = in_group(floor_, r->group);
            ns[n_ns++] = r->ns;
            lo = fmin(lo, r->ns);
            hi = fmax(hi, r->ns);
            if (r->bpf_ns > 0)
                bpf[n_bpf++] = r->bpf_ns;
            if (!z || !f)
                continue;
            added[n_d] = r->ns - z->ns;
            ratio[n_d] = (r->ns - z->ns) / (f->ns - z->ns);
            above[n_d++] = r->ns - f->ns;
            if (r->bpf_ns > 0 && f->bpf_ns > 0)
                bpf_above[n_bpf_above++] = r->bpf_ns - f->bpf_ns;
        }
        double m_ns = median(ns, n_ns), m_added = median(added, n_d),
               m_ratio = median(ratio, n_d), m_above = median(above, n_d),
               q1 = quantile(above, n_d, 0.25), q3 = quantile(above, n_d, 0.75);
        char bpf_txt[24] = "-", bpf_above_txt[24] = "-", spread[40] = "";
        if (n_bpf)
            snprintf(bpf_txt, sizeof(bpf_txt), "%.1f", median(bpf, n_bpf));
        if (n_bpf_above)
            snprintf(bpf_above_txt, sizeof(bpf_above_txt), "%.1f",
                     median(bpf_above, n_bpf_above));
        if (v == none) {
            if (markdown)
                fprintf(out, "| %s | %.0f | - | - | - | - | - | %s |\n", v->name, m_ns,
                        counted_word(v));
            else
                fprintf(out, "%-26s %8.1f %7.1f-%-7.1f %8s %6s %11s %13s %8s %9s  %s\n",
                        v->name, m_ns, lo, hi, "-", "-", "-", "", "-", "-", counted_word(v));
            continue;
        }
        snprintf(spread, sizeof(spread), "%.0f to %.0f", q1, q3);
        if (markdown)
            fprintf(out, "| %s | %.0f | %.0f | %.2f | %.0f (%s) | %s | %s | %s |\n", v->name,
                    m_ns, m_added, m_ratio, m_above, spread, bpf_txt, bpf_above_txt,
                    counted_word(v));
        else
            fprintf(out, "%-26s %8.1f %7.1f-%-7.1f %8.1f %6.2f %11.1f %13s %8s %9s  %s\n",
                    v->name, m_ns, lo, hi, m_added, m_ratio, m_above, spread, bpf_txt,
                    bpf_above_txt, counted_word(v));
    }
    return 0;
}
