/* A small document model with two writers, Markdown and self-contained
 * HTML, so REPORT.md and REPORT.html say the same thing from one source.
 *
 * Text blocks are made printf-style, and their format string alone may
 * carry the two inline marks, **bold** and `code`: every %s argument is
 * literal text (a test name, a file name), held escaped, and each writer
 * escapes it for its own format (md_escape.h, html_escape). So a name with
 * a backtick, '*', '|', '<' or a newline is shown as it is, in both files. */
#ifndef BENCH_REPORT_DOC_H
#define BENCH_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "export/export.h"

enum doc_kind { DOC_HEADING, DOC_PARA, DOC_ITEM, DOC_TABLE, DOC_CODE, DOC_IMAGE };

struct doc_block {
    enum doc_kind kind;
    int level;          /* headings: 1..3 */
    char *text;         /* heading, paragraph, item: marked-up text; code: plain;
                         * image: alt text, plain */
    char *path;         /* image: path relative to the report */
    const char *mime;   /* image: "image/png" or "image/svg+xml" */
    unsigned char *data; /* image: the file's bytes, inlined into the HTML */
    size_t size;
    struct ex_table table; /* DOC_TABLE: its human cells are shown */
};

struct doc {
    struct doc_block *blocks;
    size_t n, cap;
    bool oom; /* set by any add that ran out of memory; checked by writers */
};

/* fmt is the kit's own text, with marks; the arguments are shown literally.
 * Conversions: those of printf, bar %n and %p. */
void doc_heading(struct doc *d, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void doc_para(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_item(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_code(struct doc *d, const char *text);
/* Takes the table over; t is left empty. */
void doc_table(struct doc *d, struct ex_table *t);
/* An image whose bytes the caller has read (and checked: report_chart.h);
 * takes data over (malloc'ed), also on failure. */
void doc_image(struct doc *d, const char *rel_path, const char *alt, const char *mime,
               unsigned char *data, size_t size);

/* Moves every block of src to the end of dst; src is left empty. */
void doc_append(struct doc *dst, struct doc *src);

int doc_write_markdown(const struct doc *d, FILE *f);
/* Images are inlined as base64 data URIs; nothing is read from disk. */
int doc_write_html(const struct doc *d, FILE *f, const char *title, char *err, size_t errlen);

void doc_free(struct doc *d);

#endif
