/* The json format: the document as one object (its values, "notes", each
 * table's rows under its key, "warnings"), or a bare array of row objects
 * when the document is one table without a key. Strings and numbers go
 * through the JSON writer of src/results. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include <syscost/json_write.h>

/* One member: a key and its value. */
struct member {
    const char *key;
    const struct ex_cell *value;
};

/* Members as an object's inside: "a.b" and "a.c" in a row become
 * "a": {"b": ..., "c": ...}, or "a": null when all of a is none. */
static void put_members(FILE *f, const struct member *m, size_t n, const char *sep)
{
    for (size_t i = 0; i < n;) {
        const char *dot = strchr(m[i].key, '.');
        fputs(i ? sep : "", f);
        if (!dot) {
            sc_json_put_string(f, m[i].key);
            fputs(": ", f);
            ex_put_value(f, m[i].value, EX_JSON);
            i++;
            continue;
        }
        size_t plen = (size_t)(dot - m[i].key), end = i;
        bool all_none = true;
        while (end < n && !strncmp(m[end].key, m[i].key, plen + 1)) {
            all_none &= m[end].value->kind == EX_NONE;
            end++;
        }
        char group[64];
        snprintf(group, sizeof(group), "%.*s", (int)plen, m[i].key);
        sc_json_put_string(f, group);
        fputs(": ", f);
        if (all_none) {
            fputs("null", f);
        } else {
            fputc('{', f);
            for (size_t k = i; k < end; k++) {
                fputs(k > i ? ", " : "", f);
                sc_json_put_string(f, m[k].key + plen + 1);
                fputs(": ", f);
                ex_put_value(f, m[k].value, EX_JSON);
            }
            fputc('}', f);
        }
        i = end;
    }
}

static void put_row(FILE *f, const struct ex_table *t, size_t r, struct member *m)
{
    size_t n = 0;
    for (size_t c = 0; c < t->n_cols; c++)
        if (ex_column_in(&t->cols[c], EX_JSON))
            m[n++] = (struct member){t->cols[c].key, &t->cells[r * t->n_cols + c]};
    fputc('{', f);
    put_members(f, m, n, ", ");
    fputc('}', f);
}

/* The rows shown in json, one a line, indented. */
static void put_rows(FILE *f, const struct ex_table *t, const char *indent)
{
    struct member m[64];
    size_t shown = 0;
    fputc('[', f);
    for (size_t r = 0; r < t->n_rows; r++) {
        if (!(t->row_where[r] & EX_IN_JSON))
            continue;
        fprintf(f, "%s\n%s  ", shown++ ? "," : "", indent);
        put_row(f, t, r, m);
    }
    if (shown)
        fprintf(f, "\n%s", indent);
    fputc(']', f);
}

/* Returns how many fields it wrote. */
static size_t put_fields(FILE *f, const struct ex_field *fields, size_t n, const char *sep)
{
    struct member m[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++)
        if (fields[i].where & EX_IN_JSON)
            m[k++] = (struct member){fields[i].key, &fields[i].value};
    put_members(f, m, k, sep);
    return k;
}

/* Notes or warnings as a list of strings, their marks dropped. */
static void put_words(FILE *f, const struct ex_doc *d, enum ex_block_kind kind)
{
    size_t shown = 0;
    fputc('[', f);
    for (size_t i = 0; i < d->n; i++) {
        if (d->blocks[i].kind != kind)
            continue;
        char *plain = NULL;
        size_t len;
        FILE *m = open_memstream(&plain, &len);
        if (!m)
            continue;
        ex_put_plain(m, d->blocks[i].markup);
        if (fclose(m) == 0) {
            fputs(shown++ ? ", " : "", f);
            sc_json_put_string(f, plain);
        }
        free(plain);
    }
    fputc(']', f);
}

static bool is_json_table(const struct ex_block *b)
{
    return b->kind == EX_BLOCK_TABLE && (b->where & EX_IN_JSON);
}

/* Tables that share a key, or have fields, are objects in one array:
 * {fields..., "rows": [...]}. */
static void put_table_group(FILE *f, const struct ex_doc *d, size_t first)
{
    const char *key = d->blocks[first].table->key;
    size_t count = 0;
    bool fields = false;
    for (size_t i = first; i < d->n; i++)
        if (is_json_table(&d->blocks[i]) && !strcmp(d->blocks[i].table->key, key)) {
            count++;
            fields |= d->blocks[i].table->n_fields > 0;
        }
    fputs(",\n  ", f);
    sc_json_put_string(f, key);
    fputs(": ", f);
    if (count == 1 && !fields) {
        put_rows(f, d->blocks[first].table, "  ");
        return;
    }
    fputc('[', f);
    size_t shown = 0;
    for (size_t i = first; i < d->n; i++) {
        const struct ex_block *b = &d->blocks[i];
        if (!is_json_table(b) || strcmp(b->table->key, key))
            continue;
        fputs(shown++ ? ",\n    {" : "\n    {", f);
        size_t wrote = put_fields(f, b->table->fields, b->table->n_fields, ", ");
        fputs(wrote ? ", \"rows\": " : "\"rows\": ", f);
        put_rows(f, b->table, "    ");
        fputc('}', f);
    }
    fputs(shown ? "\n  ]" : "]", f);
}

static void write_json(const struct ex_doc *d, FILE *out, FILE *msgs)
{
    size_t n_tables = 0, only = 0;
    for (size_t i = 0; i < d->n; i++)
        if (is_json_table(&d->blocks[i]))
            n_tables++, only = i;
    if (n_tables == 1 && !d->blocks[only].table->key) {
        put_rows(out, d->blocks[only].table, "");
        fputc('\n', out);
        ex_write_messages(d, msgs);
        return;
    }
    fputs("{\n  ", out);
    if (put_fields(out, d->meta, d->n_meta, ",\n  "))
        fputs(",\n  ", out);
    fputs("\"notes\": ", out);
    put_words(out, d, EX_BLOCK_NOTE);
    for (size_t i = 0; i < d->n; i++) {
        if (!is_json_table(&d->blocks[i]) || !d->blocks[i].table->key)
            continue;
        bool seen = false; /* a key's tables go out at its first */
        for (size_t k = 0; k < i && !seen; k++)
            seen = is_json_table(&d->blocks[k]) && d->blocks[k].table->key &&
                   !strcmp(d->blocks[k].table->key, d->blocks[i].table->key);
        if (!seen)
            put_table_group(out, d, i);
    }
    fputs(",\n  \"warnings\": ", out);
    put_words(out, d, EX_BLOCK_WARNING);
    fputs("\n}\n", out);
    ex_write_messages(d, msgs);
}

const struct ex_exporter ex_json_exporter = {"json", write_json};
