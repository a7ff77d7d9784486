#include "report_doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "doc_markup.h"
#include "md_escape.h"

static struct doc_block *add(struct doc *d, enum doc_kind kind)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        struct doc_block *b = realloc(d->blocks, cap * sizeof(*b));
        if (!b) {
            d->oom = true;
            return NULL;
        }
        d->blocks = b;
        d->cap = cap;
    }
    struct doc_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    return b;
}

static void add_text(struct doc *d, enum doc_kind kind, int level, const char *fmt, va_list ap)
{
    struct doc_block *b = add(d, kind);
    if (!b)
        return;
    b->level = level;
    if (!(b->text = doc_markup_vformat(fmt, ap))) {
        d->oom = true;
        d->n--;
    }
}

void doc_heading(struct doc *d, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(d, DOC_HEADING, level, fmt, ap);
    va_end(ap);
}

void doc_para(struct doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(d, DOC_PARA, 0, fmt, ap);
    va_end(ap);
}

void doc_item(struct doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_text(d, DOC_ITEM, 0, fmt, ap);
    va_end(ap);
}

void doc_code(struct doc *d, const char *text)
{
    struct doc_block *b = add(d, DOC_CODE);
    if (b && !(b->text = strdup(text))) {
        d->oom = true;
        d->n--;
    }
}

void doc_table(struct doc *d, struct ex_table *t)
{
    struct doc_block *b = t->oom ? NULL : add(d, DOC_TABLE);
    if (!b) {
        d->oom = true;
        ex_table_free(t);
        return;
    }
    b->table = *t;
    memset(t, 0, sizeof(*t));
}

void doc_image(struct doc *d, const char *rel_path, const char *alt, const char *mime,
               unsigned char *data, size_t size)
{
    struct doc_block *b = add(d, DOC_IMAGE);
    if (!b) {
        free(data);
        return;
    }
    b->path = strdup(rel_path);
    b->text = strdup(alt);
    b->mime = mime;
    b->data = data;
    b->size = size;
    if (!b->path || !b->text) {
        free(b->path);
        free(b->text);
        free(b->data);
        d->oom = true;
        d->n--;
    }
}

void doc_append(struct doc *dst, struct doc *src)
{
    for (size_t i = 0; i < src->n; i++) {
        struct doc_block *b = add(dst, src->blocks[i].kind);
        if (!b) {
            dst->oom = true;
            break;
        }
        *b = src->blocks[i];
        memset(&src->blocks[i], 0, sizeof(src->blocks[i]));
    }
    dst->oom |= src->oom;
    doc_free(src);
}

/* ---- Markdown ---------------------------------------------------------- */

int doc_write_markdown(const struct doc *d, FILE *f)
{
    if (d->oom)
        return -1;
    enum doc_kind prev = DOC_HEADING;
    int rc = 0;
    for (size_t i = 0; i < d->n && !rc; i++) {
        const struct doc_block *b = &d->blocks[i];
        /* Consecutive items form one list: no blank line between them. */
        if (i && !(b->kind == DOC_ITEM && prev == DOC_ITEM))
            fputc('\n', f);
        switch (b->kind) {
        case DOC_HEADING:
            fprintf(f, "%.*s ", b->level, "######");
            rc = doc_markup_put_markdown(f, b->text, 0);
            fputc('\n', f);
            break;
        case DOC_PARA:
            rc = doc_markup_put_markdown(f, b->text, MD_LINE_START);
            fputc('\n', f);
            break;
        case DOC_ITEM:
            fputs("- ", f);
            rc = doc_markup_put_markdown(f, b->text, MD_LINE_START);
            fputc('\n', f);
            break;
        case DOC_CODE:
            md_put_code_block(f, b->text, "text");
            break;
        case DOC_TABLE:
            ex_table_write_human(&b->table, EX_MARKDOWN, f);
            break;
        case DOC_IMAGE:
            fputs("![", f);
            md_put_text(f, b->text, strlen(b->text), MD_INLINE);
            fputs("](", f);
            md_put_link_dest(f, b->path);
            fputs(")\n", f);
            break;
        }
        prev = b->kind;
    }
    return rc || ferror(f) ? -1 : 0;
}

/* ---- HTML -------------------------------------------------------------- */

static void html_escape(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t' ? ' ' : s[i], f);
        }
    }
}

static void html_span(void *arg, enum doc_span kind, const char *text, size_t n)
{
    FILE *f = arg;
    static const char *const tag[] = {NULL, "strong", "code"};
    if (tag[kind])
        fprintf(f, "<%s>", tag[kind]);
    html_escape(f, text, n);
    if (tag[kind])
        fprintf(f, "</%s>", tag[kind]);
}

static int html_inline(FILE *f, const char *markup)
{
    return doc_markup_spans(markup, html_span, f);
}

static void inline_image(FILE *f, const struct doc_block *b)
{
    fputs("<figure><img alt=\"", f);
    html_escape(f, b->text, strlen(b->text));
    fprintf(f, "\" src=\"data:%s;base64,", b->mime);
    base64_write(f, b->data, b->size);
    fputs("\"><figcaption>", f);
    html_escape(f, b->text, strlen(b->text));
    fputs("</figcaption></figure>\n", f);
}

static void html_table(FILE *f, const struct ex_table *t)
{
    fputs("<table>\n", f);
    for (size_t r = 0; r <= t->n_rows; r++) {
        fputs("<tr>", f);
        for (size_t c = 0; c < t->n_cols; c++) {
            const struct ex_column *col = &t->cols[c];
            const char *tag = r == 0 ? "th" : "td";
            char buf[128];
            const char *cell =
                r == 0 ? col->title : ex_cell_human(&t->cells[(r - 1) * t->n_cols + c], buf, sizeof(buf));
            bool code = r > 0 && col->code;
            fprintf(f, "<%s%s>%s", tag, col->right ? " class=\"num\"" : "",
                    code ? "<code>" : "");
            html_escape(f, cell, strlen(cell));
            fprintf(f, "%s</%s>", code ? "</code>" : "", tag);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static const char style[] =
    "body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;"
    "color:#222;line-height:1.45}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
    "th{background:#f2f2f2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
    "pre{background:#f7f7f7;border:1px solid #ddd;padding:.6em;overflow-x:auto}"
    "code{background:#f2f2f2;padding:0 .2em}"
    "figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}"
    "figcaption{color:#666;font-size:.9em}";

int doc_write_html(const struct doc *d, FILE *f, const char *title, char *err, size_t errlen)
{
    if (d->oom) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    html_escape(f, title, strlen(title));
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
    bool in_list = false;
    int rc = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (in_list && b->kind != DOC_ITEM) {
            fputs("</ul>\n", f);
            in_list = false;
        }
        switch (b->kind) {
        case DOC_HEADING:
            fprintf(f, "<h%d>", b->level);
            rc = html_inline(f, b->text);
            fprintf(f, "</h%d>\n", b->level);
            break;
        case DOC_PARA:
            fputs("<p>", f);
            rc = html_inline(f, b->text);
            fputs("</p>\n", f);
            break;
        case DOC_ITEM:
            if (!in_list)
                fputs("<ul>\n", f);
            in_list = true;
            fputs("<li>", f);
            rc = html_inline(f, b->text);
            fputs("</li>\n", f);
            break;
        case DOC_CODE:
            fputs("<pre>", f);
            html_escape(f, b->text, strlen(b->text));
            fputs("</pre>\n", f);
            break;
        case DOC_TABLE:
            html_table(f, &b->table);
            break;
        case DOC_IMAGE:
            inline_image(f, b);
            break;
        }
        if (rc) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    if (in_list)
        fputs("</ul>\n", f);
    fputs("</body>\n</html>\n", f);
    if (ferror(f)) {
        snprintf(err, errlen, "write error");
        return -1;
    }
    return 0;
}

void doc_free(struct doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->blocks[i].text);
        free(d->blocks[i].path);
        free(d->blocks[i].data);
        if (d->blocks[i].kind == DOC_TABLE)
            ex_table_free(&d->blocks[i].table);
    }
    free(d->blocks);
    memset(d, 0, sizeof(*d));
}
