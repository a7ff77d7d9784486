/* bench compare's output: one result, four formats. */
#include "compare.h"

#include <math.h>
#include <string.h>

#include <syscost/json_write.h>
#include <syscost/results.h>
#include <syscost/units.h>

#include "md_escape.h"
#include "table.h"

int compare_parse_format(const char *s, enum compare_format *out)
{
    enum table_format tf;
    if (!table_parse_format(s, &tf))
        *out = tf == TABLE_MARKDOWN ? COMPARE_MARKDOWN : COMPARE_TABLE;
    else if (!strcmp(s, "json"))
        *out = COMPARE_JSON;
    else if (!strcmp(s, "csv"))
        *out = COMPARE_CSV;
    else
        return -1;
    return 0;
}

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

/* Three decimals, or two significant digits once that would show 0.000. */
static void p_text(double p, char *buf, size_t len)
{
    snprintf(buf, len, p >= 0.001 ? "%.3f" : "%.1e", p);
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
    p_text(d->p_value, p, sizeof(p));
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

static void print_lines(FILE *f, char *const *lines, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s\n", prefix, lines[i]);
}

/* Notes and warnings name cases: in markdown they are escaped text. */
static void print_md_lines(FILE *f, char *const *lines, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n; i++) {
        fputs(prefix, f);
        md_put_text(f, lines[i], strlen(lines[i]), *prefix ? MD_INLINE : MD_LINE_START);
        fputc('\n', f);
    }
}

static void print_table(const struct compare_result *r, enum table_format tf, FILE *out)
{
    static const char *const header[] = {"Test", "Baseline", "Candidate", "Change"};
    static const bool right[] = {false, true, true, false};
    struct table t;
    if (table_init(&t, 4, header, right))
        return;
    for (size_t i = 0; i < r->n_rows; i++) {
        char b[64], c[64], ch[128];
        side_cell(&r->rows[i].base, b, sizeof(b));
        side_cell(&r->rows[i].cand, c, sizeof(c));
        compare_change_text(&r->rows[i], ch, sizeof(ch));
        const char *row[] = {r->rows[i].name, b, c, ch};
        table_add_row(&t, row);
    }
    if (r->geomean_n) {
        char b[32], c[32], ch[64];
        sc_format_time_us(r->geomean_base, b, sizeof(b));
        sc_format_time_us(r->geomean_cand, c, sizeof(c));
        ratio_text(r->geomean_cand / r->geomean_base, ch, sizeof(ch));
        const char *row[] = {"geomean", b, c, ch};
        table_add_row(&t, row);
    }
    if (tf == TABLE_MARKDOWN) {
        print_md_lines(out, r->notes, r->n_notes, "");
        if (r->n_notes)
            fputc('\n', out);
        table_print(&t, out, tf, true);
        if (r->n_warnings)
            fputc('\n', out);
        print_md_lines(out, r->warnings, r->n_warnings, "- warning: ");
    } else {
        print_lines(out, r->notes, r->n_notes, "note: ");
        table_print(&t, out, tf, true);
        print_lines(out, r->warnings, r->n_warnings, "warning: ");
    }
    table_free(&t);
}

static void json_side(FILE *f, const struct compare_side *s)
{
    if (!s->res) {
        fputs("null", f);
        return;
    }
    const struct sc_median_ci *c = &s->centre;
    fputs("{\"median_us\": ", f);
    sc_json_put_number(f, c->median);
    fputs(", \"ci_low_us\": ", f);
    sc_json_put_number(f, c->has_interval ? c->lower : NAN);
    fputs(", \"ci_high_us\": ", f);
    sc_json_put_number(f, c->has_interval ? c->upper : NAN);
    fputs(", \"ci_pct\": ", f);
    sc_json_put_number(f, ci_pct(s));
    fprintf(f, ", \"n\": %zu, \"has_samples\": %s, \"cv\": ", s->n,
            s->has_samples ? "true" : "false");
    sc_json_put_number(f, s->cv_known ? s->cv : NAN);
    fputs(", \"cv_threshold\": ", f);
    sc_json_put_number(f, s->cv_threshold);
    fputc('}', f);
}

static void json_list(FILE *f, char *const *lines, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        sc_json_put_string(f, lines[i]);
    }
    fputc(']', f);
}

static void print_json(const struct compare_result *r, FILE *f)
{
    fputs("{\n  \"alpha\": ", f);
    sc_json_put_number(f, r->alpha);
    fputs(",\n  \"threshold\": ", f);
    sc_json_put_number(f, r->threshold);
    fputs(",\n  \"ci_level\": ", f);
    sc_json_put_number(f, COMPARE_CI_LEVEL);
    fputs(",\n  \"notes\": ", f);
    json_list(f, r->notes, r->n_notes);
    fputs(",\n  \"cases\": [", f);
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct compare_row *row = &r->rows[i];
        const struct sc_compare_decision *d = &row->d;
        char ch[128];
        compare_change_text(row, ch, sizeof(ch));
        fputs(i ? ",\n    {\"test\": " : "\n    {\"test\": ", f);
        sc_json_put_string(f, row->name);
        fputs(", \"baseline_test\": ", f);
        if (row->base.res)
            sc_json_put_string(f, row->base.res->test);
        else
            fputs("null", f);
        fputs(", \"candidate_test\": ", f);
        if (row->cand.res)
            sc_json_put_string(f, row->cand.res->test);
        else
            fputs("null", f);
        fputs(",\n     \"baseline_us\": ", f);
        sc_json_put_number(f, row->base.res ? row->base.centre.median : NAN);
        fputs(", \"candidate_us\": ", f);
        sc_json_put_number(f, row->cand.res ? row->cand.centre.median : NAN);
        fputs(",\n     \"baseline\": ", f);
        json_side(f, &row->base);
        fputs(",\n     \"candidate\": ", f);
        json_side(f, &row->cand);
        fputs(",\n     \"ratio\": ", f);
        sc_json_put_number(f, row->decided ? d->ratio : NAN);
        fputs(", \"p_value\": ", f);
        sc_json_put_number(f, row->decided ? d->p_value : NAN);
        fputs(", \"min_p\": ", f);
        sc_json_put_number(f, row->decided ? d->min_p : NAN);
        fprintf(f, ", \"significant\": %s, \"too_few_samples\": %s,\n     \"change\": ",
                d->significant ? "true" : "false",
                d->reason == SC_REASON_TOO_FEW_SAMPLES ? "true" : "false");
        sc_json_put_string(f, ch);
        fprintf(f, ", \"regression\": %s}", d->regression ? "true" : "false");
    }
    fputs(r->n_rows ? "\n  ],\n  \"geomean\": " : "],\n  \"geomean\": ", f);
    if (r->geomean_n) {
        fprintf(f, "{\"cases\": %zu, \"baseline_us\": ", r->geomean_n);
        sc_json_put_number(f, r->geomean_base);
        fputs(", \"candidate_us\": ", f);
        sc_json_put_number(f, r->geomean_cand);
        fputs(", \"ratio\": ", f);
        sc_json_put_number(f, r->geomean_cand / r->geomean_base);
        fputc('}', f);
    } else {
        fputs("null", f);
    }
    fputs(",\n  \"warnings\": ", f);
    json_list(f, r->warnings, r->n_warnings);
    fprintf(f, ",\n  \"regressions\": %zu\n}\n", r->n_regressions);
}

static void csv_number(FILE *f, double v)
{
    fputc(',', f);
    if (isfinite(v))
        fprintf(f, "%.6g", v);
}

static void csv_side(FILE *f, const struct compare_side *s)
{
    csv_number(f, s->res ? s->centre.median : NAN);
    csv_number(f, s->res ? ci_pct(s) : NAN);
    fputc(',', f);
    if (s->res)
        fprintf(f, "%zu", s->n);
}

static void print_csv(const struct compare_result *r, FILE *f)
{
    fputs("test,baseline_test,candidate_test,baseline_us,baseline_ci_pct,baseline_n,"
          "candidate_us,candidate_ci_pct,candidate_n,ratio,p_value,significant,"
          "regression,change\n", f);
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct compare_row *row = &r->rows[i];
        char ch[128];
        compare_change_text(row, ch, sizeof(ch));
        sc_csv_put_field(f, row->name);
        fputc(',', f);
        sc_csv_put_field(f, row->base.res ? row->base.res->test : "");
        fputc(',', f);
        sc_csv_put_field(f, row->cand.res ? row->cand.res->test : "");
        csv_side(f, &row->base);
        csv_side(f, &row->cand);
        csv_number(f, row->decided ? row->d.ratio : NAN);
        csv_number(f, row->decided ? row->d.p_value : NAN);
        fprintf(f, ",%s,%s,", row->d.significant ? "true" : "false",
                row->d.regression ? "true" : "false");
        sc_csv_put_field(f, ch);
        fputc('\n', f);
    }
    if (r->geomean_n) {
        char ch[64];
        ratio_text(r->geomean_cand / r->geomean_base, ch, sizeof(ch));
        fputs("geomean,,", f);
        csv_number(f, r->geomean_base);
        fputs(",,", f);
        csv_number(f, r->geomean_cand);
        fputs(",,", f);
        csv_number(f, r->geomean_cand / r->geomean_base);
        fputs(",,,,", f);
        sc_csv_put_field(f, ch);
        fputc('\n', f);
    }
}

void compare_print(const struct compare_result *r, enum compare_format fmt, FILE *out,
                   FILE *msgs)
{
    switch (fmt) {
    case COMPARE_TABLE:
        print_table(r, TABLE_TEXT, out);
        return;
    case COMPARE_MARKDOWN:
        print_table(r, TABLE_MARKDOWN, out);
        return;
    case COMPARE_JSON:
        print_json(r, out);
        break;
    case COMPARE_CSV:
        print_csv(r, out);
        break;
    }
    print_lines(msgs, r->notes, r->n_notes, "note: ");
    print_lines(msgs, r->warnings, r->n_warnings, "warning: ");
}
