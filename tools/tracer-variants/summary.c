/* The table of a measurement CSV (measure.h's columns, rows of any number
 * of runs): per variant, the median over rounds of its ns per write(), and
 * of what it adds per round: over "none" (untraced), as a multiple of what
 * "floor" (the empty sys_enter/sys_exit pair) adds, and above "floor". Each
 * difference is taken within a round, then the median over rounds, so
 * drift between rounds cancels. */
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VARIANTS 64
#define MAX_ROUNDS 256
#define NAME_LEN 48

struct row {
    int round;
    double ns, bpf_ns;
    int counted_kind;  /* 0 "-", 1 "exact", 2 anything else */
};

struct series {
    char name[NAME_LEN];
    struct row rows[MAX_ROUNDS];
    int n;
    char first_problem[96];
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    if (n == 0)
        return NAN;
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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

static const struct row *in_round(const struct series *s, int round)
{
    if (!s)
        return NULL;
    for (int i = 0; i < s->n; i++)
        if (s->rows[i].round == round)
            return &s->rows[i];
    return NULL;
}

static int parse(FILE *in, struct series *s, int *n, char *err, size_t errlen)
{
    char line[512];
    int lineno = 0;

    while (fgets(line, sizeof(line), in)) {
        char name[NAME_LEN], counted[96];
        int round;
        double ns, bpf;

        lineno++;
        if (!strncmp(line, "round,", 6) || line[0] == '\n')
            continue;
        if (sscanf(line, "%d,%47[^,],%*u,%lf,%lf,%*f,%*f,%*f,%95[^\n]", &round, name, &ns, &bpf,
                   counted) != 5) {
            snprintf(err, errlen, "line %d: not a measurement row (%s): expected %s", lineno,
                     strtok(line, "\n"), "round,variant,writes,ns_per_write,...");
            return -1;
        }
        struct series *v = find(s, n, name, 1);
        if (!v || v->n == MAX_ROUNDS) {
            snprintf(err, errlen, "line %d: more than %d variants or %d rounds", lineno,
                     MAX_VARIANTS, MAX_ROUNDS);
            return -1;
        }
        struct row *r = &v->rows[v->n++];
        r->round = round;
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
        snprintf(err, errlen, "the rows need the variants \"none\" and \"floor\" in the same "
                              "rounds as the others");
        return -1;
    }
    if (markdown)
        fprintf(out, "| variant | ns per write() | ns added | x floor | ns above floor | "
                     "BPF run time per write() above floor (ns) | counts |\n"
                     "| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    else
        fprintf(out, "%-22s %9s %17s %9s %7s %12s %17s %10s  %s\n", "VARIANT", "NS/WRITE",
                "(MIN-MAX)", "ADDED NS", "xFLOOR", "ABOVE FLOOR", "(MIN-MAX)",
                "BPF ABOVE", "COUNTS");
    for (int i = 0; i < n; i++) {
        const struct series *v = &s[i];
        double ns[MAX_ROUNDS], added[MAX_ROUNDS], ratio[MAX_ROUNDS], above[MAX_ROUNDS],
            bpf_above[MAX_ROUNDS];
        int n_ns = 0, n_d = 0, n_bpf = 0;
        double lo = INFINITY, hi = -INFINITY, above_lo = INFINITY, above_hi = -INFINITY;

        for (int k = 0; k < v->n; k++) {
            const struct row *r = &v->rows[k];
            const struct row *z = in_round(none, r->round), *f = in_round(floor_, r->round);
            ns[n_ns++] = r->ns;
            lo = fmin(lo, r->ns);
            hi = fmax(hi, r->ns);
            if (!z || !f)
                continue;
            added[n_d] = r->ns - z->ns;
            ratio[n_d] = (r->ns - z->ns) / (f->ns - z->ns);
            above[n_d] = r->ns - f->ns;
            above_lo = fmin(above_lo, above[n_d]);
            above_hi = fmax(above_hi, above[n_d]);
            n_d++;
            if (r->bpf_ns > 0 && f->bpf_ns > 0)
                bpf_above[n_bpf++] = r->bpf_ns - f->bpf_ns;
        }
        double m_ns = median(ns, n_ns), m_added = median(added, n_d),
               m_ratio = median(ratio, n_d), m_above = median(above, n_d),
               m_bpf = median(bpf_above, n_bpf);
        char bpf_txt[24] = "-";
        if (n_bpf && v != none)
            snprintf(bpf_txt, sizeof(bpf_txt), "%.1f", m_bpf);
        if (v == none) {
            if (markdown)
                fprintf(out, "| %s | %.0f | - | - | - | - | %s |\n", v->name, m_ns,
                        counted_word(v));
            else
                fprintf(out, "%-22s %9.1f %8.1f-%-8.1f %9s %7s %12s %17s %10s  %s\n", v->name,
                        m_ns, lo, hi, "-", "-", "-", "", "-", counted_word(v));
            continue;
        }
        if (markdown)
            fprintf(out, "| %s | %.0f | %.0f | %.2f | %.0f | %s | %s |\n", v->name, m_ns,
                    m_added, m_ratio, m_above, bpf_txt, counted_word(v));
        else
            fprintf(out, "%-22s %9.1f %8.1f-%-8.1f %9.1f %7.2f %12.1f %8.1f-%-8.1f %10s  %s\n",
                    v->name, m_ns, lo, hi, m_added, m_ratio, m_above, above_lo, above_hi,
                    bpf_txt, counted_word(v));
    }
    return 0;
}
