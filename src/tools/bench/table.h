/* A table of text cells printed as aligned text or as markdown, so every
 * bench command has a human format and a pull-request format of one shape. */
#ifndef BENCH_TABLE_H
#define BENCH_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum table_format { TABLE_TEXT, TABLE_MARKDOWN };

/* Cells are plain text, never markup: the markdown format escapes them
 * (md_escape.h), so a name with '|' or a newline keeps the table whole. */
struct table {
    size_t n_cols, n_rows, cap_rows;
    char **cells;          /* n_rows * n_cols, row-major; row 0 is the header */
    bool *right_align;     /* per column */
    bool *code;            /* per column: markdown shows its cells as `code` */
};

int table_init(struct table *t, size_t n_cols, const char *const *header,
               const bool *right_align);
/* Shows column col's cells (not its header) as code in markdown and HTML. */
void table_set_code(struct table *t, size_t col);
/* Adds a row; cells are copied. Returns -1 when out of memory. */
int table_add_row(struct table *t, const char *const *cells);
/* TABLE_TEXT with show_header false prints the rows alone. */
void table_print(const struct table *t, FILE *f, enum table_format fmt, bool show_header);
void table_free(struct table *t);

/* Parses "table", "markdown" (and accepts "md"); -1 for anything else. */
int table_parse_format(const char *s, enum table_format *out);

#endif
