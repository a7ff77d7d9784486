/* Markdown (CommonMark + GitHub tables) out of untrusted text: test names,
 * file names, map keys and env.txt values. Every markdown bench writes goes
 * through here, the way every HTML byte goes through html_escape, so a name
 * with a newline, '|', '<script>', a backtick or '*' is shown as it is and
 * can neither end a table row or heading nor start a link, emphasis or raw
 * HTML. Control characters, newlines included, are shown as spaces. */
#ifndef BENCH_MD_ESCAPE_H
#define BENCH_MD_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

enum md_context {
    MD_INLINE = 0,         /* inside a line, next to other markdown */
    MD_SPACED = 1 << 0,    /* whitespace on both sides: a table cell, a heading */
    MD_IN_TABLE = 1 << 1,  /* a table cell: '|' ends the cell */
    MD_LINE_START = 1 << 2, /* the text starts a line: '#', '-', '1.' would open a block */
    MD_ALONE = 1 << 3       /* nothing else of markdown shares its line (a table cell is
                             * alone too): a '[' then needs no escape, as no ']' can close it */
};

/* Plain text: the first n bytes of s (or up to its NUL). */
void md_put_text(FILE *f, const char *s, size_t n, unsigned ctx);

/* A code span showing the first n bytes of s exactly (fenced with more
 * backticks than any run inside). In a table, text with a '|' goes out as
 * plain text instead: GitHub splits cells on '|' inside code spans too. */
void md_put_code(FILE *f, const char *s, size_t n, unsigned ctx);

/* A fenced code block ("```info") showing text exactly, whatever fences it holds. */
void md_put_code_block(FILE *f, const char *text, const char *info);

/* A link or image destination: bytes other than [A-Za-z0-9._~/-] percent-encoded. */
void md_put_link_dest(FILE *f, const char *s);

#endif
