/* The table format: aligned columns for a terminal, notes and warnings
 * around them; and the grid both human formats lay their tables out on. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "md_escape.h"

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

/* What one cell prints as in fmt: its human text, escaped for markdown. */
static char *grid_cell(const struct ex_cell *c, const struct ex_column *col, bool header,
                       enum ex_format fmt)
{
    char buf[128];
    const char *s = header ? col->title : ex_cell_human(c, buf, sizeof(buf));
    if (fmt != EX_MARKDOWN)
        return strdup(s ? s : "");
    char *out = NULL;
    size_t len;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    unsigned ctx = MD_SPACED | MD_IN_TABLE;
    if (!header && col->code)
        md_put_code(f, s, strlen(s), ctx);
    else
        md_put_text(f, s, strlen(s), ctx);
    if (fclose(f)) {
        free(out);
        return NULL;
    }
    return out;
}

/* The header and the rows of t that fmt shows, as text, columns aligned:
 * "   " between columns and a dashed rule (table), or GitHub's pipes and
 * alignment row (markdown). */
static void print_grid(const struct ex_table *t, FILE *f, enum ex_format fmt, bool header)
{
    size_t cols[64], nc = 0, rows = 0;
    for (size_t c = 0; c < t->n_cols && nc < 64; c++)
        if (ex_column_in(&t->cols[c], fmt))
            cols[nc++] = c;
    size_t *row_of = malloc((t->n_rows + 1) * sizeof(*row_of));
    char **cell = calloc((t->n_rows + 1) * (nc ? nc : 1), sizeof(*cell));
    size_t *w = calloc(nc ? nc : 1, sizeof(*w));
    if (!row_of || !cell || !w)
        goto out;
    for (size_t r = 0; r < t->n_rows; r++)
        if (t->row_where[r] & (1u << fmt))
            row_of[rows++] = r;
    for (size_t r = 0; r <= rows; r++)
        for (size_t c = 0; c < nc; c++) {
            const struct ex_cell *v = r ? &t->cells[row_of[r - 1] * t->n_cols + cols[c]] : NULL;
            if (!(cell[r * nc + c] = grid_cell(v, &t->cols[cols[c]], r == 0, fmt)))
                goto out;
            if ((r > 0 || header) && width(cell[r * nc + c]) > w[c])
                w[c] = width(cell[r * nc + c]);
        }
    bool md = fmt == EX_MARKDOWN;
    for (size_t r = header ? 0 : 1; r <= rows; r++) {
        if (md)
            fputs("| ", f);
        for (size_t c = 0; c < nc; c++) {
            const char *s = cell[r * nc + c];
            bool right = t->cols[cols[c]].right, last = c + 1 == nc;
            size_t gap = w[c] - width(s);
            if (right)
                pad(f, gap);
            fputs(s, f);
            if (!right && (!last || md))
                pad(f, gap);
            if (md)
                fputs(last ? " |" : " | ", f);
            else if (!last)
                fputs("   ", f);
        }
        fputc('\n', f);
        if (r > 0)
            continue;
        if (md)
            fputc('|', f);
        for (size_t c = 0; c < nc; c++) {
            bool right = t->cols[cols[c]].right;
            if (md)
                fputc(right ? '-' : ':', f);
            for (size_t k = 0; k < w[c]; k++)
                fputc('-', f);
            if (md)
                fputs(right ? ":|" : "-|", f);
            else if (c + 1 < nc)
                fputs("   ", f);
        }
        fputc('\n', f);
    }
out:
    if (cell)
        for (size_t i = 0; i < (rows + 1) * nc; i++)
            free(cell[i]);
    free(cell);
    free(row_of);
    free(w);
}

void ex_table_write_human(const struct ex_table *t, enum ex_format fmt, FILE *f)
{
    print_grid(t, f, fmt, true);
}

static void write_table(const struct ex_doc *d, FILE *out, FILE *msgs)
{
    (void)msgs;
    for (size_t i = 0; i < d->n; i++) {
        const struct ex_block *b = &d->blocks[i];
        if (!(b->where & EX_IN_TABLE))
            continue;
        switch (b->kind) {
        case EX_BLOCK_NOTE:
        case EX_BLOCK_WARNING:
        case EX_BLOCK_LINE:
            fputs(b->kind == EX_BLOCK_NOTE ? "note: " : b->kind == EX_BLOCK_WARNING ? "warning: " : "",
                  out);
            ex_put_plain(out, b->markup);
            fputc('\n', out);
            break;
        case EX_BLOCK_BLANK:
            fputc('\n', out);
            break;
        case EX_BLOCK_TABLE:
            print_grid(b->table, out, EX_TABLE, !b->table->no_text_header);
            break;
        }
    }
}

const struct ex_exporter ex_table_exporter = {"table", write_table};
