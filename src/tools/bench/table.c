#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "md_escape.h"

int table_init(struct table *t, size_t n_cols, const char *const *header,
               const bool *right_align)
{
    memset(t, 0, sizeof(*t));
    t->n_cols = n_cols;
    t->right_align = calloc(n_cols, sizeof(bool));
    t->code = calloc(n_cols, sizeof(bool));
    if (!t->right_align || !t->code) {
        free(t->right_align);
        free(t->code);
        t->right_align = t->code = NULL;
        return -1;
    }
    if (right_align)
        memcpy(t->right_align, right_align, n_cols * sizeof(bool));
    return table_add_row(t, header);
}

void table_set_code(struct table *t, size_t col)
{
    if (col < t->n_cols)
        t->code[col] = true;
}

int table_add_row(struct table *t, const char *const *cells)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 8;
        char **c = realloc(t->cells, cap * t->n_cols * sizeof(char *));
        if (!c)
            return -1;
        t->cells = c;
        t->cap_rows = cap;
    }
    for (size_t i = 0; i < t->n_cols; i++) {
        char *s = strdup(cells[i] ? cells[i] : "");
        if (!s) {
            for (size_t k = 0; k < i; k++)
                free(t->cells[t->n_rows * t->n_cols + k]);
            return -1;
        }
        t->cells[t->n_rows * t->n_cols + i] = s;
    }
    t->n_rows++;
    return 0;
}

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

/* The markdown of every cell, escaped, so widths are measured on what is printed. */
static char **markdown_cells(const struct table *t)
{
    size_t n = t->n_rows * t->n_cols;
    char **out = calloc(n ? n : 1, sizeof(char *));
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        FILE *f = open_memstream(&out[i], &len);
        if (!f)
            goto fail;
        const char *cell = t->cells[i];
        unsigned ctx = MD_SPACED | MD_IN_TABLE;
        if (i >= t->n_cols && t->code[i % t->n_cols])
            md_put_code(f, cell, strlen(cell), ctx);
        else
            md_put_text(f, cell, strlen(cell), ctx);
        if (fclose(f) || !out[i])
            goto fail;
    }
    return out;
fail:
    for (size_t i = 0; i < n; i++)
        free(out[i]);
    free(out);
    return NULL;
}

void table_print(const struct table *t, FILE *f, enum table_format fmt, bool show_header)
{
    size_t *w = calloc(t->n_cols, sizeof(size_t));
    char **md = fmt == TABLE_MARKDOWN ? markdown_cells(t) : NULL;
    if (!w || (fmt == TABLE_MARKDOWN && !md)) {
        free(w);
        free(md);
        return;
    }
    char **cells = md ? md : t->cells;
    for (size_t r = show_header ? 0 : 1; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t cw = width(cells[r * t->n_cols + c]);
            if (cw > w[c])
                w[c] = cw;
        }
    for (size_t r = 0; r < t->n_rows; r++) {
        if (r == 0 && !show_header && fmt == TABLE_TEXT)
            continue;
        if (fmt == TABLE_MARKDOWN)
            fputs("| ", f);
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *s = cells[r * t->n_cols + c];
            size_t gap = w[c] - width(s);
            bool last = c + 1 == t->n_cols;
            if (t->right_align[c])
                pad(f, gap);
            fputs(s, f);
            if (!t->right_align[c] && (!last || fmt == TABLE_MARKDOWN))
                pad(f, gap);
            if (fmt == TABLE_MARKDOWN)
                fputs(last ? " |" : " | ", f);
            else if (!last)
                fputs("   ", f);
        }
        fputc('\n', f);
        if (r == 0 && fmt == TABLE_MARKDOWN) {
            fputc('|', f);
            for (size_t c = 0; c < t->n_cols; c++) {
                fputc(t->right_align[c] ? '-' : ':', f);
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', f);
                fputs(t->right_align[c] ? ":|" : "-|", f);
            }
            fputc('\n', f);
        } else if (r == 0) {
            for (size_t c = 0; c < t->n_cols; c++) {
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', f);
                if (c + 1 < t->n_cols)
                    fputs("   ", f);
            }
            fputc('\n', f);
        }
    }
    if (md) {
        for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
            free(md[i]);
        free(md);
    }
    free(w);
}

void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->right_align);
    free(t->code);
    memset(t, 0, sizeof(*t));
}

int table_parse_format(const char *s, enum table_format *out)
{
    if (!strcmp(s, "table") || !strcmp(s, "text"))
        *out = TABLE_TEXT;
    else if (!strcmp(s, "markdown") || !strcmp(s, "md"))
        *out = TABLE_MARKDOWN;
    else
        return -1;
    return 0;
}
