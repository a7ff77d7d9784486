#include "plot_text.h"

#include <stdarg.h>
#include <stdlib.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n;
    unsigned min;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void put_clean(FILE *f, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        unsigned char c = *s;
        if (c < 0x20 || c == 0x7F) {
            fputc(' ', f);
        } else if (c == '"') {
            fputc('\'', f);
        } else if (c == '\\') {
            fputc('/', f);
        } else if (c < 0x80) {
            fputc(c, f);
        } else {
            size_t n = utf8_len(s);
            if (!n) {
                fputc('?', f);
                s++;
                continue;
            }
            fwrite(s, 1, n, f);
            s += n;
            continue;
        }
        s++;
    }
}

void plot_text_put(FILE *f, const char *s)
{
    fputc('"', f);
    put_clean(f, s);
    fputc('"', f);
}

void plot_text_row(FILE *f, const char *const *texts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(' ', f);
        plot_text_put(f, texts[i]);
    }
    fputc('\n', f);
}

void plot_text_comment(FILE *f, const char *fmt, ...)
{
    char *line = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&line, fmt, ap);
    va_end(ap);
    fputs("# ", f);
    if (n >= 0)
        put_clean(f, line);
    fputc('\n', f);
    free(line);
}
