#include "md_escape.h"

#include <stdbool.h>
#include <string.h>

static bool is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || is_control(c); /* control bytes are written as spaces */
}

static bool is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* What opens a block at the start of a line: headings, quotes, lists,
 * rules, setext underlines, fences, HTML blocks, tables. */
static bool opens_block(unsigned char c)
{
    return c && strchr("#>-+*=_`~<|", c);
}

static size_t span_len(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k])
        k++;
    return k;
}

/* '*', '_' and '~' open or close emphasis only next to a non-space: one
 * with whitespace on both sides is plain (so "~ (p=0.4)" stays readable),
 * as is '_' inside a word. Outside the text counts as whitespace only in a
 * spaced context. */
static bool needs_escape(const unsigned char *s, size_t i, size_t n, unsigned ctx)
{
    unsigned char c = s[i];
    switch (c) {
    case '\\': case '`': case ']': case '<': case '&': case '|': case '$': case '#':
        return true;
    case '[': /* a link needs its ']', and every ']' of the text is escaped */
        return !(ctx & (MD_ALONE | MD_IN_TABLE));
    case '*': case '_': case '~': {
        bool edge_space = ctx & MD_SPACED;
        bool before_space = i == 0 ? edge_space : is_space(s[i - 1]);
        bool after_space = i + 1 == n ? edge_space : is_space(s[i + 1]);
        if (before_space && after_space)
            return false;
        return !(c == '_' && i > 0 && i + 1 < n && is_alnum(s[i - 1]) && is_alnum(s[i + 1]));
    }
    default:
        return false;
    }
}

void md_put_text(FILE *f, const char *text, size_t n, unsigned ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    n = span_len(text, n);
    size_t i = 0;
    if (ctx & MD_LINE_START) {
        /* Nothing at the start of a line may open a block: skip indentation,
         * escape a first '#', '>', '-', '+', '=', ... and the '.' or ')' of "1." */
        while (i < n && is_space(s[i]))
            i++;
        size_t digits = 0;
        while (i + digits < n && s[i + digits] >= '0' && s[i + digits] <= '9')
            digits++;
        if (digits && digits <= 9 && i + digits < n &&
            (s[i + digits] == '.' || s[i + digits] == ')')) {
            fwrite(s + i, 1, digits, f);
            fputc('\\', f);
            fputc(s[i + digits], f);
            i += digits + 1;
        } else if (i < n && opens_block(s[i])) {
            fputc('\\', f);
            fputc(s[i], f);
            i++;
        }
    }
    for (; i < n; i++) {
        if (is_control(s[i])) {
            fputc(' ', f);
            continue;
        }
        if (needs_escape(s, i, n, ctx))
            fputc('\\', f);
        fputc(s[i], f);
    }
}

void md_put_code(FILE *f, const char *text, size_t n, unsigned ctx)
{
    n = span_len(text, n);
    if (!n)
        return;
    if ((ctx & MD_IN_TABLE) && memchr(text, '|', n)) {
        md_put_text(f, text, n, ctx);
        return;
    }
    size_t run = 0, longest = 0;
    for (size_t i = 0; i < n; i++) {
        run = text[i] == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    bool all_space = true;
    for (size_t i = 0; i < n && all_space; i++)
        all_space = is_space((unsigned char)text[i]);
    /* A code span drops one space at each end when both ends have one, and
     * needs one between its fence and a backtick inside. */
    bool pad = text[0] == '`' || text[n - 1] == '`' ||
               (!all_space && is_space((unsigned char)text[0]) &&
                is_space((unsigned char)text[n - 1]));
    for (size_t i = 0; i <= longest; i++)
        fputc('`', f);
    if (pad)
        fputc(' ', f);
    for (size_t i = 0; i < n; i++)
        fputc(is_control((unsigned char)text[i]) ? ' ' : text[i], f);
    if (pad)
        fputc(' ', f);
    for (size_t i = 0; i <= longest; i++)
        fputc('`', f);
}

void md_put_code_block(FILE *f, const char *text, const char *info)
{
    size_t run = 0, longest = 0;
    for (const char *p = text; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    size_t fence = longest < 3 ? 3 : longest + 1;
    for (size_t i = 0; i < fence; i++)
        fputc('`', f);
    fprintf(f, "%s\n", info);
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        fputc(c == '\n' || c == '\t' || !is_control(c) ? c : ' ', f);
    }
    if (*text && text[strlen(text) - 1] != '\n')
        fputc('\n', f);
    for (size_t i = 0; i < fence; i++)
        fputc('`', f);
    fputc('\n', f);
}

void md_put_link_dest(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (is_alnum(*p) || strchr("._~/-", *p))
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    }
}
