/* The document the exporters write: cells, tables, blocks, and the choice
 * of exporter. */
#include "export.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/json_write.h>
#include <syscost/results.h>
#include <syscost/units.h>

#include "doc_markup.h"

const struct sc_opt_choice ex_format_choices[] = {
    {"table", EX_TABLE, false}, {"markdown", EX_MARKDOWN, false}, {"json", EX_JSON, false},
    {"csv", EX_CSV, false},     {"text", EX_TABLE, true},         {"md", EX_MARKDOWN, true},
    {NULL, 0, false},
};

/* ---- cells --------------------------------------------------------------- */

struct ex_cell ex_none(void)
{
    return (struct ex_cell){.kind = EX_NONE};
}

struct ex_cell ex_text(const char *s)
{
    return s ? (struct ex_cell){.kind = EX_TEXT, .text = s} : ex_none();
}

static struct ex_cell number(enum ex_kind kind, double v)
{
    return (struct ex_cell){.kind = kind, .num = v};
}

struct ex_cell ex_time(double us) { return number(EX_TIME_US, us); }
struct ex_cell ex_real(double v) { return number(EX_REAL, v); }
struct ex_cell ex_ratio(double v) { return number(EX_RATIO, v); }
struct ex_cell ex_pvalue(double p) { return number(EX_PVALUE, p); }
struct ex_cell ex_fraction(double f) { return number(EX_FRACTION, f); }

struct ex_cell ex_count(uint64_t n)
{
    return (struct ex_cell){.kind = EX_COUNT, .count = n};
}

struct ex_cell ex_bool(bool b)
{
    return (struct ex_cell){.kind = EX_BOOL, .flag = b};
}

struct ex_cell ex_shown(struct ex_cell c, const char *shown)
{
    c.shown = shown;
    return c;
}

const char *ex_cell_human(const struct ex_cell *c, char *buf, size_t len)
{
    if (c->shown)
        return c->shown;
    buf[0] = '\0';
    switch (c->kind) {
    case EX_NONE:
        break;
    case EX_TEXT:
        return c->text;
    case EX_TIME_US:
        sc_format_time_us(c->num, buf, len);
        break;
    case EX_COUNT:
        snprintf(buf, len, "%" PRIu64, c->count);
        break;
    case EX_REAL:
        snprintf(buf, len, "%.6g", c->num);
        break;
    case EX_RATIO:
        sc_format_factor(c->num, buf, len);
        break;
    case EX_PVALUE: /* three decimals, or two digits once that would show 0.000 */
        snprintf(buf, len, c->num >= 0.001 ? "%.3f" : "%.1e", c->num);
        break;
    case EX_FRACTION:
        snprintf(buf, len, "%.1f%%", c->num * 100);
        break;
    case EX_BOOL:
        snprintf(buf, len, "%s", c->flag ? "yes" : "no");
        break;
    }
    return buf;
}

bool ex_column_in(const struct ex_column *c, enum ex_format fmt)
{
    bool human = fmt == EX_TABLE || fmt == EX_MARKDOWN;
    if (c->only && !(c->only & (1u << fmt)))
        return false;
    return human ? c->title != NULL : c->key != NULL;
}

/* A cell whose strings belong to the table. */
static int own(struct ex_cell *dst, const struct ex_cell *src)
{
    *dst = *src;
    dst->text = src->text ? strdup(src->text) : NULL;
    dst->shown = src->shown ? strdup(src->shown) : NULL;
    if ((src->text && !dst->text) || (src->shown && !dst->shown)) {
        free((char *)dst->text);
        free((char *)dst->shown);
        *dst = ex_none();
        return -1;
    }
    return 0;
}

static void disown(struct ex_cell *c)
{
    free((char *)c->text);
    free((char *)c->shown);
}

/* ---- tables -------------------------------------------------------------- */

void ex_table_init(struct ex_table *t, const char *key, const struct ex_column *cols,
                   size_t n_cols)
{
    memset(t, 0, sizeof(*t));
    t->key = key;
    t->cols = cols;
    t->n_cols = n_cols;
}

void ex_table_add(struct ex_table *t, unsigned where, const struct ex_cell *cells, size_t n)
{
    if (n != t->n_cols) {
        /* A row that does not fit its columns is the kit's bug, not the input's. */
        fprintf(stderr, "bug: a row of %zu cells in a table of %zu columns\n", n, t->n_cols);
        abort();
    }
    if (t->n_rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        struct ex_cell *c = realloc(t->cells, cap * t->n_cols * sizeof(*c));
        if (c)
            t->cells = c;
        unsigned *w = c ? realloc(t->row_where, cap * sizeof(*w)) : NULL;
        if (w)
            t->row_where = w;
        if (!c || !w) {
            t->oom = true;
            return;
        }
        t->cap = cap;
    }
    struct ex_cell *row = &t->cells[t->n_rows * t->n_cols];
    for (size_t i = 0; i < n; i++)
        if (own(&row[i], &cells[i])) {
            for (size_t k = 0; k < i; k++)
                disown(&row[k]);
            t->oom = true;
            return;
        }
    t->row_where[t->n_rows++] = where;
}

void ex_table_add_texts(struct ex_table *t, const char *const *texts)
{
    struct ex_cell *row = calloc(t->n_cols ? t->n_cols : 1, sizeof(*row));
    if (!row) {
        t->oom = true;
        return;
    }
    for (size_t i = 0; i < t->n_cols; i++)
        row[i] = ex_text(texts[i] ? texts[i] : "");
    ex_table_add(t, EX_EVERYWHERE, row, t->n_cols);
    free(row);
}

static int add_field(struct ex_field **list, size_t *n, const char *key, struct ex_cell value,
                     unsigned where)
{
    struct ex_field *more = realloc(*list, (*n + 1) * sizeof(*more));
    if (!more)
        return -1;
    *list = more;
    struct ex_field *f = &more[*n];
    f->where = where;
    if (!(f->key = strdup(key)))
        return -1;
    if (own(&f->value, &value)) {
        free(f->key);
        return -1;
    }
    (*n)++;
    return 0;
}

static void free_fields(struct ex_field *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].key);
        disown(&list[i].value);
    }
    free(list);
}

void ex_table_field(struct ex_table *t, const char *key, struct ex_cell value, unsigned where)
{
    if (add_field(&t->fields, &t->n_fields, key, value, where))
        t->oom = true;
}

void ex_table_free(struct ex_table *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        disown(&t->cells[i]);
    free(t->cells);
    free(t->row_where);
    free_fields(t->fields, t->n_fields);
    memset(t, 0, sizeof(*t));
}

/* ---- documents ----------------------------------------------------------- */

void ex_doc_init(struct ex_doc *d)
{
    memset(d, 0, sizeof(*d));
}

static struct ex_block *add_block(struct ex_doc *d, enum ex_block_kind kind, unsigned where)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        struct ex_block *b = realloc(d->blocks, cap * sizeof(*b));
        if (!b) {
            d->oom = true;
            return NULL;
        }
        d->blocks = b;
        d->cap = cap;
    }
    struct ex_block *b = &d->blocks[d->n++];
    *b = (struct ex_block){.kind = kind, .where = where};
    return b;
}

struct ex_table *ex_doc_table(struct ex_doc *d, const char *key, const struct ex_column *cols,
                              size_t n_cols, unsigned where)
{
    struct ex_table *t = malloc(sizeof(*t));
    struct ex_block *b = t ? add_block(d, EX_BLOCK_TABLE, where) : NULL;
    if (!b) {
        free(t);
        d->oom = true;
        return NULL;
    }
    ex_table_init(t, key, cols, n_cols);
    b->table = t;
    return t;
}

static void add_text(struct ex_doc *d, enum ex_block_kind kind, unsigned where, const char *fmt,
                     va_list ap)
{
    char *markup = doc_markup_vformat(fmt, ap);
    struct ex_block *b = markup ? add_block(d, kind, where) : NULL;
    if (!b) {
        free(markup);
        d->oom = true;
        return;
    }
    b->markup = markup;
}

void ex_note(struct ex_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(d, EX_BLOCK_NOTE, EX_EVERYWHERE, fmt, ap);
    va_end(ap);
}

void ex_warning(struct ex_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(d, EX_BLOCK_WARNING, EX_EVERYWHERE, fmt, ap);
    va_end(ap);
}

void ex_line(struct ex_doc *d, unsigned where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(d, EX_BLOCK_LINE, where, fmt, ap);
    va_end(ap);
}

void ex_blank(struct ex_doc *d)
{
    add_block(d, EX_BLOCK_BLANK, EX_HUMAN);
}

void ex_meta(struct ex_doc *d, const char *key, struct ex_cell value)
{
    if (add_field(&d->meta, &d->n_meta, key, value, EX_IN_JSON))
        d->oom = true;
}

void ex_doc_free(struct ex_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->blocks[i].markup);
        if (d->blocks[i].table) {
            ex_table_free(d->blocks[i].table);
            free(d->blocks[i].table);
        }
    }
    free(d->blocks);
    free_fields(d->meta, d->n_meta);
    memset(d, 0, sizeof(*d));
}

void ex_put_value(FILE *f, const struct ex_cell *c, enum ex_format fmt)
{
    bool json = fmt == EX_JSON;
    switch (c->kind) {
    case EX_NONE: /* null, or an empty field */
        fputs(json ? "null" : "", f);
        break;
    case EX_TEXT:
        if (json)
            sc_json_put_string(f, c->text);
        else
            sc_csv_put_field(f, c->text);
        break;
    case EX_COUNT:
        fprintf(f, "%" PRIu64, c->count);
        break;
    case EX_BOOL:
        fputs(c->flag ? "true" : "false", f);
        break;
    default: /* JSON has no NaN or infinity: null, or an empty field */
        if (json)
            sc_json_put_number(f, c->num);
        else if (isfinite(c->num))
            fprintf(f, "%.6g", c->num);
        break;
    }
}

static void plain_span(void *ctx, enum doc_span kind, const char *text, size_t n)
{
    (void)kind;
    fwrite(text, 1, n, ctx);
}

void ex_put_plain(FILE *f, const char *markup)
{
    doc_markup_spans(markup, plain_span, f);
}

void ex_write_messages(const struct ex_doc *d, FILE *msgs)
{
    for (size_t i = 0; i < d->n; i++) {
        enum ex_block_kind k = d->blocks[i].kind;
        if (k != EX_BLOCK_NOTE && k != EX_BLOCK_WARNING)
            continue;
        fputs(k == EX_BLOCK_NOTE ? "note: " : "warning: ", msgs);
        ex_put_plain(msgs, d->blocks[i].markup);
        fputc('\n', msgs);
    }
}

int ex_write(const struct ex_doc *d, enum ex_format fmt, FILE *out, FILE *msgs)
{
    static const struct ex_exporter *const exporters[] = {
        [EX_TABLE] = &ex_table_exporter,
        [EX_MARKDOWN] = &ex_markdown_exporter,
        [EX_JSON] = &ex_json_exporter,
        [EX_CSV] = &ex_csv_exporter,
    };
    bool oom = d->oom;
    for (size_t i = 0; i < d->n; i++)
        oom |= d->blocks[i].table && d->blocks[i].table->oom;
    if (oom)
        return -1;
    exporters[fmt]->write(d, out, msgs);
    return ferror(out) ? -1 : 0;
}
