/* bench compare's output: the result as a document, for any exporter. */
#include "compare.h"

#include <math.h>
#include <string.h>

#include <syscost/results.h>
#include <syscost/units.h>

#include "export/export.h"

/* "1041x faster", "-4.8% faster", "+12.3% slower", "2.50x slower": a factor
 * once the change is 2x or more, a percentage below. */
static void ratio_text(double ratio, char *buf, size_t len)
{
    char f[32];
    if (ratio == 1.0) {
        snprintf(buf, len, "same median");
    } else if (ratio < 1.0) {
        if (ratio > 0.5) {
            snprintf(buf, len, "-%.1f%% faster", (1.0 - ratio) * 100);
        } else {
            sc_format_factor(1.0 / ratio, f, sizeof(f));
            snprintf(buf, len, "%s faster", ratio > 0 ? f : "infinitely");
        }
    } else if (ratio < 2.0) {
        snprintf(buf, len, "+%.1f%% slower", (ratio - 1.0) * 100);
    } else {
        sc_format_factor(ratio, f, sizeof(f));
        snprintf(buf, len, "%s slower", isfinite(ratio) ? f : "infinitely");
    }
}

/* One end of a paired interval in the change's own words: "+3.2%",
 * "-1.0%", or a factor ("990x") once the change is 2x or more. */
static void bound_text(double ratio, bool factor, bool faster, char *buf, size_t len)
{
    if (factor)
        sc_format_factor(faster ? 1.0 / ratio : ratio, buf, len);
    else
        snprintf(buf, len, "%+.1f%%", (ratio - 1.0) * 100);
}

void compare_paired_text(const struct sc_paired_decision *pd, const char *what, char *buf,
                         size_t len)
{
    const struct sc_paired_ratio *r = &pd->r;
    char change[64], lo[32] = "?", hi[32] = "?", p[32], tmp[32];
    if (pd->significant)
        ratio_text(r->ratio, change, sizeof(change));
    else
        snprintf(change, sizeof(change), "~");
    /* Factors when the interval lies beyond 2x either way, else percentages. */
    bool faster = r->ratio < 1.0;
    bool factor = r->has_interval && (r->upper <= 0.5 || r->lower >= 2.0);
    if (r->has_interval) {
        /* A factor of "faster" counts the other way: its interval flips. */
        bound_text(factor && faster ? r->upper : r->lower, factor, faster, lo, sizeof(lo));
        bound_text(factor && faster ? r->lower : r->upper, factor, faster, hi, sizeof(hi));
    }
    struct ex_cell pc = ex_pvalue(r->p_value);
    snprintf(p, sizeof(p), "%s", ex_cell_human(&pc, tmp, sizeof(tmp)));
    snprintf(buf, len, "%s (CI %s..%s, p=%s, %s=%zu)", change, lo, hi, p, what, r->n);
}

void compare_verdict_text(const struct compare_row *row, char *buf, size_t len)
{
    if (!row->decided)
        snprintf(buf, len, "only in %s", row->base.res ? "baseline" : "candidate");
    else if (!row->d.significant)
        snprintf(buf, len, "~");
    else
        ratio_text(row->d.ratio, buf, len);
}

void compare_change_text(const struct compare_row *row, char *buf, size_t len)
{
    if (!row->decided) {
        snprintf(buf, len, "only in %s", row->base.res ? "baseline" : "candidate");
        return;
    }
    const struct sc_compare_decision *d = &row->d;
    char p[32], change[64];
    struct ex_cell pc = ex_pvalue(d->p_value);
    snprintf(p, sizeof(p), "%s", ex_cell_human(&pc, change, sizeof(change)));
    if (!d->significant) {
        snprintf(buf, len, "~ (p=%s n=%zu+%zu%s)", p, d->n1, d->n2,
                 d->reason == SC_REASON_TOO_FEW_SAMPLES ? ", too few samples" : "");
        return;
    }
    ratio_text(d->ratio, change, sizeof(change));
    snprintf(buf, len, "%s (p=%s n=%zu+%zu)", change, p, d->n1, d->n2);
}

/* Half the width of the interval's wider side, in percent of the median. */
static double ci_pct(const struct compare_side *s)
{
    const struct sc_median_ci *c = &s->centre;
    if (!c->has_interval || !(c->median > 0))
        return NAN;
    double hi = c->upper - c->median, lo = c->median - c->lower;
    return (hi > lo ? hi : lo) / c->median * 100;
}

static void side_cell(const struct compare_side *s, char *buf, size_t len)
{
    if (!s->res) {
        snprintf(buf, len, "--");
        return;
    }
    char t[32];
    sc_format_time_us(s->centre.median, t, sizeof(t));
    double pct = ci_pct(s);
    if (isnan(pct))
        snprintf(buf, len, "%s ±?", t);
    else
        snprintf(buf, len, pct < 9.95 ? "%s ±%.1f%%" : "%s ±%.0f%%", t, pct);
}

/* One side's cells: people read "95.1 us ±1.2%"; tools get the median,
 * the interval and its width, the counts (json: as one object, null when
 * the case is not in that file). */
#define SIDE_CELLS(s, shown)                                                              \
    ex_shown((s)->res ? ex_time((s)->centre.median) : ex_none(), shown),                  \
        (s)->res ? ex_real(ci_pct(s)) : ex_none(), (s)->res ? ex_count((s)->n) : ex_none(), \
        (s)->res ? ex_time((s)->centre.median) : ex_none(),                               \
        (s)->res ? ex_time((s)->centre.has_interval ? (s)->centre.lower : NAN) : ex_none(),  \
        (s)->res ? ex_time((s)->centre.has_interval ? (s)->centre.upper : NAN) : ex_none(),  \
        (s)->res ? ex_real(ci_pct(s)) : ex_none(), (s)->res ? ex_count((s)->n) : ex_none(), \
        (s)->res ? ex_bool((s)->has_samples) : ex_none(),                                 \
        (s)->res ? ex_real((s)->cv_known ? (s)->cv : NAN) : ex_none(),                   \
        (s)->res ? ex_real((s)->cv_threshold) : ex_none()

#define SIDE_COLUMNS(title, side)                                                 \
    {title, side "_us", true, false, 0}, {NULL, side "_ci_pct", false, false, EX_IN_CSV}, \
        {NULL, side "_n", false, false, EX_IN_CSV},                                 \
        {NULL, side ".median_us", false, false, EX_IN_JSON},                        \
        {NULL, side ".ci_low_us", false, false, EX_IN_JSON},                        \
        {NULL, side ".ci_high_us", false, false, EX_IN_JSON},                       \
        {NULL, side ".ci_pct", false, false, EX_IN_JSON},                           \
        {NULL, side ".n", false, false, EX_IN_JSON},                                \
        {NULL, side ".has_samples", false, false, EX_IN_JSON},                      \
        {NULL, side ".cv", false, false, EX_IN_JSON},                               \
        {NULL, side ".cv_threshold", false, false, EX_IN_JSON}

/* Where each column is, for the rows that fill only some. */
enum { SIDE_N = 11 };
enum {
    COL_TEST, COL_BASE_TEST, COL_CAND_TEST, COL_BASE, COL_CAND = COL_BASE + SIDE_N,
    COL_RATIO = COL_CAND + SIDE_N, COL_P, COL_MIN_P, COL_SIGNIFICANT, COL_TOO_FEW,
    COL_REGRESSION, COL_CHANGE, N_COLUMNS,
    /* Only when some row is paired: the per-round verdict. */
    COL_PAIRED = N_COLUMNS, N_PAIRED_COLUMNS = COL_PAIRED + 9
};

static const struct ex_column columns[] = {
    {"Test", "test", false, false, 0},
    {NULL, "baseline_test", false, false, 0},
    {NULL, "candidate_test", false, false, 0},
    SIDE_COLUMNS("Baseline", "baseline"),
    SIDE_COLUMNS("Candidate", "candidate"),
    {NULL, "ratio", false, false, 0},
    {NULL, "p_value", false, false, 0},
    {NULL, "min_p", false, false, EX_IN_JSON},
    {NULL, "significant", false, false, 0},
    {NULL, "too_few_samples", false, false, EX_IN_JSON},
    {NULL, "regression", false, false, 0},
    {"Change", "change", false, false, 0},
    {"Paired (per round)", "paired.change", false, false, 0},
    {NULL, "paired.ratio", false, false, EX_MACHINE},
    {NULL, "paired.ci_low", false, false, EX_MACHINE},
    {NULL, "paired.ci_high", false, false, EX_MACHINE},
    {NULL, "paired.median", false, false, EX_MACHINE},
    {NULL, "paired.p_value", false, false, EX_MACHINE},
    {NULL, "paired.rounds", false, false, EX_MACHINE},
    {NULL, "paired.significant", false, false, EX_MACHINE},
    {NULL, "paired.regression", false, false, EX_MACHINE},
};
_Static_assert(sizeof(columns) / sizeof(columns[0]) == N_PAIRED_COLUMNS,
               "a column without its place");

void compare_document(const struct compare_result *r, struct ex_doc *doc)
{
    for (size_t i = 0; i < r->n_notes; i++)
        ex_note(doc, "%s", r->notes[i]);
    ex_meta(doc, "alpha", ex_real(r->alpha));
    ex_meta(doc, "threshold", ex_real(r->threshold));
    ex_meta(doc, "ci_level", ex_real(COMPARE_CI_LEVEL));
    size_t n_cols = r->n_paired ? N_PAIRED_COLUMNS : N_COLUMNS;
    struct ex_table *t = ex_doc_table(doc, "cases", columns, n_cols, EX_EVERYWHERE);
    if (!t)
        return;
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct compare_row *row = &r->rows[i];
        const struct sc_compare_decision *d = &row->d;
        char b[64], c[64], ch[128];
        side_cell(&row->base, b, sizeof(b));
        side_cell(&row->cand, c, sizeof(c));
        compare_change_text(row, ch, sizeof(ch));
        char pch[160] = "--";
        const struct sc_paired_decision *pd = &row->pd;
        if (row->paired)
            compare_paired_text(pd, "rounds", pch, sizeof(pch));
        const struct ex_cell cells[N_PAIRED_COLUMNS] = {
            ex_text(row->name), ex_text(row->base.res ? row->base.res->test : NULL),
            ex_text(row->cand.res ? row->cand.res->test : NULL), SIDE_CELLS(&row->base, b),
            SIDE_CELLS(&row->cand, c), ex_ratio(row->decided ? d->ratio : NAN),
            ex_pvalue(row->decided ? d->p_value : NAN),
            ex_pvalue(row->decided ? d->min_p : NAN), ex_bool(d->significant),
            ex_bool(d->reason == SC_REASON_TOO_FEW_SAMPLES), ex_bool(d->regression),
            ex_text(ch),
            row->paired ? ex_text(pch) : ex_shown(ex_none(), "--"),
            row->paired ? ex_ratio(pd->r.ratio) : ex_none(),
            row->paired && pd->r.has_interval ? ex_ratio(pd->r.lower) : ex_none(),
            row->paired && pd->r.has_interval ? ex_ratio(pd->r.upper) : ex_none(),
            row->paired ? ex_ratio(pd->r.median) : ex_none(),
            row->paired ? ex_pvalue(pd->r.p_value) : ex_none(),
            row->paired ? ex_count(pd->r.n) : ex_none(),
            row->paired ? ex_bool(pd->significant) : ex_none(),
            row->paired ? ex_bool(pd->regression) : ex_none()};
        ex_table_add(t, EX_EVERYWHERE, cells, n_cols);
    }
    /* The geometric means: a last row for people and csv, an object in json. */
    double ratio = r->geomean_n ? r->geomean_cand / r->geomean_base : NAN;
    if (r->geomean_n) {
        char ch[64];
        ratio_text(ratio, ch, sizeof(ch));
        struct ex_cell g[N_PAIRED_COLUMNS];
        for (size_t i = 0; i < N_PAIRED_COLUMNS; i++)
            g[i] = ex_none();
        g[COL_TEST] = ex_text("geomean");
        g[COL_BASE] = ex_time(r->geomean_base);
        g[COL_CAND] = ex_time(r->geomean_cand);
        g[COL_RATIO] = ex_ratio(ratio);
        g[COL_CHANGE] = ex_text(ch);
        ex_table_add(t, EX_HUMAN | EX_IN_CSV, g, n_cols);
    }
    ex_meta(doc, "geomean.cases", r->geomean_n ? ex_count(r->geomean_n) : ex_none());
    ex_meta(doc, "geomean.baseline_us", r->geomean_n ? ex_time(r->geomean_base) : ex_none());
    ex_meta(doc, "geomean.candidate_us", r->geomean_n ? ex_time(r->geomean_cand) : ex_none());
    ex_meta(doc, "geomean.ratio", r->geomean_n ? ex_ratio(ratio) : ex_none());
    ex_meta(doc, "regressions", ex_count(r->n_regressions));
    if (r->n_paired)
        ex_note(doc, "Paired (per round): the cases ran in the same rounds of one run, so "
                     "each round gives one ratio; the Hodges-Lehmann estimate of those ratios, "
                     "its %.0f%% interval and the signed-rank test's p. The machine's drift "
                     "between rounds cancels in it.", (1.0 - r->alpha) * 100);
    for (size_t i = 0; i < r->n_warnings; i++)
        ex_warning(doc, "%s", r->warnings[i]);
}

int compare_print(const struct compare_result *r, enum ex_format fmt, FILE *out, FILE *msgs)
{
    struct ex_doc doc;
    ex_doc_init(&doc);
    compare_document(r, &doc);
    int rc = ex_write(&doc, fmt, out, msgs);
    ex_doc_free(&doc);
    return rc;
}
