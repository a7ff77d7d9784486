/* The markdown format: GitHub tables and paragraphs for pull-request
 * comments and REPORT.md, every word from a file escaped by md_escape. */
#include "export.h"

#include "doc_markup.h"
#include "md_escape.h"

static void count_span(void *ctx, enum doc_span kind, const char *text, size_t n)
{
    (void)kind, (void)text, (void)n;
    ++*(size_t *)ctx;
}

/* A line is a paragraph of its own: a '[' in it can find no ']' when it is
 * its one span of text. */
static void put_line(FILE *f, const char *markup)
{
    size_t spans = 0;
    doc_markup_spans(markup, count_span, &spans);
    doc_markup_put_markdown(f, markup, MD_LINE_START | (spans == 1 ? MD_ALONE : 0));
    fputc('\n', f);
}

/* Blocks are parted by an empty line, but for notes in a row (one
 * paragraph) and warnings in a row (one list). */
static void write_markdown(const struct ex_doc *d, FILE *out, FILE *msgs)
{
    (void)msgs;
    const struct ex_block *prev = NULL;
    bool blank_pending = false;
    for (size_t i = 0; i < d->n; i++) {
        const struct ex_block *b = &d->blocks[i];
        if (!(b->where & EX_IN_MARKDOWN))
            continue;
        if (b->kind == EX_BLOCK_BLANK) {
            blank_pending = prev != NULL;
            continue;
        }
        if (prev && (blank_pending || b->kind != prev->kind ||
                     (b->kind != EX_BLOCK_NOTE && b->kind != EX_BLOCK_WARNING)))
            fputc('\n', out);
        blank_pending = false;
        switch (b->kind) {
        case EX_BLOCK_NOTE:
            doc_markup_put_markdown(out, b->markup, MD_LINE_START);
            fputc('\n', out);
            break;
        case EX_BLOCK_WARNING:
            fputs("- warning: ", out);
            doc_markup_put_markdown(out, b->markup, MD_INLINE);
            fputc('\n', out);
            break;
        case EX_BLOCK_LINE:
            put_line(out, b->markup);
            break;
        case EX_BLOCK_TABLE:
            ex_table_write_human(b->table, EX_MARKDOWN, out);
            break;
        case EX_BLOCK_BLANK:
            break;
        }
        prev = b;
    }
    if (blank_pending)
        fputc('\n', out);
}

const struct ex_exporter ex_markdown_exporter = {"markdown", write_markdown};
