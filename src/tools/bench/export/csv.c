/* The csv format: one header, then one line per row of every table the
 * format shows; a table's fields lead its rows, and a column no table of
 * a row has stays empty. Notes and warnings go to the messages stream. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include <syscost/results.h>

/* The header: every key of the tables' csv fields and columns, in the
 * order they first appear. */
struct header {
    const char **keys;
    size_t n;
};

static long find(const struct header *h, const char *key)
{
    for (size_t i = 0; i < h->n; i++)
        if (!strcmp(h->keys[i], key))
            return (long)i;
    return -1;
}

static int add_key(struct header *h, const char *key, size_t cap)
{
    if (find(h, key) >= 0)
        return 0;
    if (h->n == cap)
        return -1;
    h->keys[h->n++] = key;
    return 0;
}

static bool is_csv_table(const struct ex_block *b)
{
    return b->kind == EX_BLOCK_TABLE && (b->where & EX_IN_CSV);
}

static void write_csv(const struct ex_doc *d, FILE *out, FILE *msgs)
{
    enum { MAX_KEYS = 128 };
    const char *keys[MAX_KEYS];
    const struct ex_cell *line[MAX_KEYS];
    struct header h = {keys, 0};
    for (size_t i = 0; i < d->n; i++) {
        const struct ex_table *t = d->blocks[i].table;
        if (!is_csv_table(&d->blocks[i]))
            continue;
        for (size_t k = 0; k < t->n_fields; k++)
            if (t->fields[k].where & EX_IN_CSV)
                add_key(&h, t->fields[k].key, MAX_KEYS);
        for (size_t c = 0; c < t->n_cols; c++)
            if (ex_column_in(&t->cols[c], EX_CSV))
                add_key(&h, t->cols[c].key, MAX_KEYS);
    }
    for (size_t k = 0; k < h.n; k++) {
        fputs(k ? "," : "", out);
        sc_csv_put_field(out, h.keys[k]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < d->n; i++) {
        const struct ex_table *t = d->blocks[i].table;
        if (!is_csv_table(&d->blocks[i]))
            continue;
        for (size_t r = 0; r < t->n_rows; r++) {
            if (!(t->row_where[r] & EX_IN_CSV))
                continue;
            memset(line, 0, sizeof(line));
            for (size_t k = 0; k < t->n_fields; k++) {
                long at = find(&h, t->fields[k].key);
                if (at >= 0 && (t->fields[k].where & EX_IN_CSV))
                    line[at] = &t->fields[k].value;
            }
            for (size_t c = 0; c < t->n_cols; c++) {
                long at = ex_column_in(&t->cols[c], EX_CSV) ? find(&h, t->cols[c].key) : -1;
                if (at >= 0)
                    line[at] = &t->cells[r * t->n_cols + c];
            }
            for (size_t k = 0; k < h.n; k++) {
                fputs(k ? "," : "", out);
                if (line[k])
                    ex_put_value(out, line[k], EX_CSV);
            }
            fputc('\n', out);
        }
    }
    ex_write_messages(d, msgs);
}

const struct ex_exporter ex_csv_exporter = {"csv", write_csv};
