/* bench's output: one model, four exporters (hyperfine's export/). A
 * command builds a document (notes, lines, tables of typed cells,
 * warnings, and values for machine formats only) and hands it to the
 * exporter --format names; no command prints a format itself.
 *
 *   table     aligned columns for a terminal        export/table.c
 *   markdown  GitHub tables, escaped (md_escape.h)   export/markdown.c
 *   json      one object (or a bare array)           export/json.c
 *   csv       one header, one row per table row      export/csv.c
 *
 * Each cell is typed (text, time, count, real, ratio, p-value, fraction,
 * yes/no, or none): the machine formats write its value, the human ones
 * what the command worded for people (`shown`) or, failing that, the value
 * in the kind's own words ("95.1 us", "1041x", "0.003"). Notes and
 * warnings are words about the data: before and after the table for
 * people, on the messages stream (and in the JSON) for tools. */
#ifndef BENCH_EXPORT_H
#define BENCH_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <syscost/cli.h>

enum ex_format { EX_TABLE, EX_MARKDOWN, EX_JSON, EX_CSV };

/* Where a column, row, table or line appears: a set of formats. */
enum {
    EX_IN_TABLE = 1u << EX_TABLE,
    EX_IN_MARKDOWN = 1u << EX_MARKDOWN,
    EX_IN_JSON = 1u << EX_JSON,
    EX_IN_CSV = 1u << EX_CSV,
    EX_HUMAN = EX_IN_TABLE | EX_IN_MARKDOWN,
    EX_MACHINE = EX_IN_JSON | EX_IN_CSV,
    EX_EVERYWHERE = EX_HUMAN | EX_MACHINE,
};

/* --format's choices: table, markdown, json, csv (and text, md). */
extern const struct sc_opt_choice ex_format_choices[];
#define EX_FORMAT_HELP "table (default), markdown, json or csv"

enum ex_kind {
    EX_NONE,     /* no value: null, an empty field */
    EX_TEXT,
    EX_TIME_US,  /* microseconds */
    EX_COUNT,    /* a whole number */
    EX_REAL,
    EX_RATIO,    /* how many times: "1041x" */
    EX_PVALUE,
    EX_FRACTION, /* 0.05 for "5.0%" */
    EX_BOOL,
};

struct ex_cell {
    enum ex_kind kind;
    double num;         /* TIME_US, REAL, RATIO, PVALUE, FRACTION: non-finite is null */
    uint64_t count;     /* COUNT */
    bool flag;          /* BOOL */
    const char *text;   /* TEXT */
    const char *shown;  /* what people read; NULL: the value in its kind's words */
};

struct ex_cell ex_none(void);
struct ex_cell ex_text(const char *s); /* NULL: none */
struct ex_cell ex_time(double us);
struct ex_cell ex_count(uint64_t n);
struct ex_cell ex_real(double v);
struct ex_cell ex_ratio(double v);
struct ex_cell ex_pvalue(double p);
struct ex_cell ex_fraction(double f);
struct ex_cell ex_bool(bool b);
/* The same cell, worded for people as `shown` (copied when the cell is added). */
struct ex_cell ex_shown(struct ex_cell c, const char *shown);

struct ex_column {
    const char *title; /* the header in table and markdown; NULL: machine formats only */
    const char *key;   /* the name in json and csv ("a.b": member b of object a in
                        * json, null when all of a is none); NULL: people only */
    bool right;        /* right-aligned */
    bool code;         /* markdown and HTML show its cells as code */
    unsigned only;     /* 0, or the formats it is kept to (EX_IN_CSV) */
};

/* A field: a named value of a table or of the whole document, for the
 * machine formats (json members; a table's also lead each csv row). */
struct ex_field {
    char *key;
    struct ex_cell value; /* text and shown owned */
    unsigned where;
};

struct ex_table {
    const char *key;               /* json: the member holding its rows; NULL:
                                    * the document is this table's bare array */
    const struct ex_column *cols;  /* kept, not copied: they outlive the table */
    size_t n_cols;
    struct ex_cell *cells;         /* n_rows * n_cols, text and shown owned */
    unsigned *row_where;
    size_t n_rows, cap;
    struct ex_field *fields;       /* json: members beside "rows"; csv: first columns */
    size_t n_fields;
    bool no_text_header;           /* the table format leaves the header out */
    bool oom;
};

void ex_table_init(struct ex_table *t, const char *key, const struct ex_column *cols,
                   size_t n_cols);
/* Adds a row of n cells (n must be n_cols), shown where `where` says. */
void ex_table_add(struct ex_table *t, unsigned where, const struct ex_cell *cells, size_t n);
#define EX_ROW(t, where, ...)                                                   \
    ex_table_add((t), (where), (const struct ex_cell[]){__VA_ARGS__},           \
                 sizeof((const struct ex_cell[]){__VA_ARGS__}) / sizeof(struct ex_cell))
/* A row of text cells, shown everywhere. */
void ex_table_add_texts(struct ex_table *t, const char *const *texts);
void ex_table_field(struct ex_table *t, const char *key, struct ex_cell value, unsigned where);
void ex_table_free(struct ex_table *t);

/* What people read in a cell: its shown text, its text, or the value in
 * its kind's words (written into buf). */
const char *ex_cell_human(const struct ex_cell *c, char *buf, size_t len);
/* Whether column c is written in format fmt. */
bool ex_column_in(const struct ex_column *c, enum ex_format fmt);

enum ex_block_kind { EX_BLOCK_NOTE, EX_BLOCK_WARNING, EX_BLOCK_LINE, EX_BLOCK_BLANK,
                     EX_BLOCK_TABLE };

struct ex_block {
    enum ex_block_kind kind;
    unsigned where;
    char *markup;          /* notes, warnings, lines: doc_markup.h text */
    struct ex_table *table;
};

struct ex_doc {
    struct ex_block *blocks;
    size_t n, cap;
    struct ex_field *meta; /* json only: members of the document */
    size_t n_meta;
    bool oom;
};

void ex_doc_init(struct ex_doc *d);
/* A new table at this point of the document; NULL when out of memory. */
struct ex_table *ex_doc_table(struct ex_doc *d, const char *key, const struct ex_column *cols,
                              size_t n_cols, unsigned where);
/* Words about the data, made like doc_markup_format: `code` and **bold**
 * marks from fmt only, every %s argument literal. */
void ex_note(struct ex_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ex_warning(struct ex_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A line for people (a heading, a total, a verdict) in the formats `where` names. */
void ex_line(struct ex_doc *d, unsigned where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An empty line between parts, for the table format (markdown puts its own). */
void ex_blank(struct ex_doc *d);
void ex_meta(struct ex_doc *d, const char *key, struct ex_cell value);
void ex_doc_free(struct ex_doc *d);

/* One exporter per format, behind one interface. `out` takes the data;
 * `msgs` the notes and warnings where the format keeps data alone. */
struct ex_exporter {
    const char *name;
    void (*write)(const struct ex_doc *d, FILE *out, FILE *msgs);
};
extern const struct ex_exporter ex_table_exporter, ex_markdown_exporter, ex_json_exporter,
    ex_csv_exporter;

/* Writes d with the exporter of fmt. Returns -1 (saying nothing) when d ran
 * out of memory while it was built or out fails. */
int ex_write(const struct ex_doc *d, enum ex_format fmt, FILE *out, FILE *msgs);

/* For the exporters: markup as plain words (the marks dropped), and the
 * notes and warnings as "note: ..." and "warning: ..." lines. */
void ex_put_plain(FILE *f, const char *markup);
/* A cell's value as json (null for none and non-finite numbers) or as a
 * csv field (empty for those): one writer for both machine formats. */
void ex_put_value(FILE *f, const struct ex_cell *c, enum ex_format fmt);
void ex_write_messages(const struct ex_doc *d, FILE *msgs);

/* A human table alone, header first: for the report's documents. */
void ex_table_write_human(const struct ex_table *t, enum ex_format fmt, FILE *f);

#endif
