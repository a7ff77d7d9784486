/* The inline markup of report text: **bold** and `code`, written only by
 * the kit's own format strings. Text from anywhere else (an argument of
 * the format) is held escaped: '\\', '`' and '*' get a backslash, so it can
 * never open or close a mark. Writers read it back as spans of literal
 * text and escape those for their own format. */
#ifndef BENCH_DOC_MARKUP_H
#define BENCH_DOC_MARKUP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* printf, except that each %s argument becomes literal text (escaped as
 * above); marks can come from fmt only. Returns malloc'ed markup, or NULL
 * when out of memory or on a conversion it does not know (%n, %p). */
char *doc_markup_vformat(const char *fmt, va_list ap);
char *doc_markup_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

enum doc_span { DOC_SPAN_TEXT, DOC_SPAN_BOLD, DOC_SPAN_CODE };

/* Calls fn for each span of markup in order, with its literal text (not
 * NUL-terminated); adjacent plain text comes as one span. A mark without
 * its closing twin is plain text. Returns -1 when out of memory. */
int doc_markup_spans(const char *markup,
                     void (*fn)(void *ctx, enum doc_span kind, const char *text, size_t n),
                     void *ctx);

/* Markup as markdown: each span escaped (md_escape.h), bold and code
 * marked. `first` is the md_context of the first span: MD_LINE_START where
 * the text starts a line, where '#' or "1." would open a block. */
int doc_markup_put_markdown(FILE *f, const char *markup, unsigned first);

#endif
