#include "doc_markup.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_escape.h"

static void put_literal(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        if (s[i] == '\\' || s[i] == '`' || s[i] == '*')
            fputc('\\', f);
        fputc(s[i], f);
    }
}

/* One conversion: spec is "%...X" (NUL-terminated), ap its arguments.
 * Returns 0, or -1 for a conversion this formatter refuses. */
static int convert(FILE *f, const char *spec, size_t len, va_list *ap)
{
    char conv = spec[len - 1];
    int stars[2], n_stars = 0;
    for (size_t i = 1; i + 1 < len; i++)
        if (spec[i] == '*' && n_stars < 2)
            stars[n_stars++] = va_arg(*ap, int);
    /* Length modifier: what va_arg must read. */
    const char *mod = spec + len - 1;
    while (mod > spec && strchr("hljztL", mod[-1]))
        mod--;
    size_t mod_len = (size_t)(spec + len - 1 - mod);
    char text[512];
    text[0] = '\0';
#define FORMAT(value)                                                                  \
    (n_stars == 0   ? snprintf(text, sizeof(text), spec, value)                        \
     : n_stars == 1 ? snprintf(text, sizeof(text), spec, stars[0], value)              \
                    : snprintf(text, sizeof(text), spec, stars[0], stars[1], value))
    switch (conv) {
    case 's': {
        if (mod_len)
            return -1; /* %ls: wide strings are not the kit's */
        const char *s = va_arg(*ap, const char *);
        if (!s)
            s = "(null)";
        /* Width and precision count the text's bytes, as printf's do. */
        const char *dot = memchr(spec, '.', len);
        size_t n = strlen(s);
        if (dot) {
            long prec = dot[1] == '*' ? stars[n_stars - 1] : strtol(dot + 1, NULL, 10);
            if (prec >= 0 && (size_t)prec < n)
                n = (size_t)prec;
        }
        long width = 0;
        bool left = false;
        const char *p = spec + 1;
        for (; strchr("-+ #0", *p); p++)
            left |= *p == '-';
        width = *p == '*' ? stars[0] : strtol(p, NULL, 10);
        if (width < 0)
            left = true, width = -width;
        size_t gap = (size_t)width > n ? (size_t)width - n : 0;
        for (size_t i = 0; !left && i < gap; i++)
            fputc(' ', f);
        put_literal(f, s, n);
        for (size_t i = 0; left && i < gap; i++)
            fputc(' ', f);
        return 0;
    }
    case 'c':
        FORMAT(va_arg(*ap, int));
        put_literal(f, text, strlen(text));
        return 0;
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        if (mod_len == 0 || (mod_len <= 2 && mod[0] == 'h'))
            FORMAT(va_arg(*ap, int));
        else if (mod_len == 1 && mod[0] == 'l')
            FORMAT(va_arg(*ap, long));
        else if (mod_len == 2 && mod[0] == 'l')
            FORMAT(va_arg(*ap, long long));
        else if (mod[0] == 'z')
            FORMAT(va_arg(*ap, size_t));
        else if (mod[0] == 'j')
            FORMAT(va_arg(*ap, intmax_t));
        else if (mod[0] == 't')
            FORMAT(va_arg(*ap, ptrdiff_t));
        else
            return -1;
        break;
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
        if (mod_len == 1 && mod[0] == 'L')
            FORMAT(va_arg(*ap, long double));
        else if (mod_len == 0 || (mod_len == 1 && mod[0] == 'l'))
            FORMAT(va_arg(*ap, double));
        else
            return -1;
        break;
    default:
        return -1;
    }
#undef FORMAT
    fputs(text, f);
    return 0;
}

char *doc_markup_vformat(const char *fmt, va_list ap_in)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    va_list ap;
    va_copy(ap, ap_in);
    int bad = 0;
    for (const char *p = fmt; *p && !bad;) {
        if (*p != '%') {
            fputc(*p++, f);
            continue;
        }
        if (p[1] == '%') {
            fputc('%', f);
            p += 2;
            continue;
        }
        size_t n = 1 + strspn(p + 1, "-+ #0123456789.*hljztL");
        if (!p[n] || n + 1 >= 64) {
            bad = 1;
            break;
        }
        char spec[64];
        memcpy(spec, p, n + 1);
        spec[n + 1] = '\0';
        bad = convert(f, spec, n + 1, &ap);
        p += n + 1;
    }
    va_end(ap);
    if (fclose(f) || bad) {
        free(out);
        return NULL;
    }
    return out;
}

char *doc_markup_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = doc_markup_vformat(fmt, ap);
    va_end(ap);
    return s;
}

/* The unescaped position of the closing mark, or NULL. */
static const char *find_close(const char *s, const char *mark)
{
    size_t m = strlen(mark);
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            continue;
        }
        if (!strncmp(s, mark, m))
            return s;
    }
    return NULL;
}

/* Copies s[0..n) into buf without the escaping backslashes; returns the length. */
static size_t unescape(const char *s, size_t n, char *buf)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        buf[k++] = s[i];
    }
    return k;
}

int doc_markup_spans(const char *markup,
                     void (*fn)(void *ctx, enum doc_span kind, const char *text, size_t n),
                     void *ctx)
{
    char *buf = malloc(strlen(markup) + 1);
    if (!buf)
        return -1;
    size_t plain = 0; /* literal text gathered for the next plain span */
    const char *s = markup;
    while (*s) {
        const char *close;
        enum doc_span kind = DOC_SPAN_TEXT;
        size_t mark = 0;
        if (s[0] == '*' && s[1] == '*' && (close = find_close(s + 2, "**")))
            kind = DOC_SPAN_BOLD, mark = 2;
        else if (s[0] == '`' && (close = find_close(s + 1, "`")))
            kind = DOC_SPAN_CODE, mark = 1;
        if (kind == DOC_SPAN_TEXT) {
            if (s[0] == '\\' && s[1])
                s++;
            buf[plain++] = *s++;
            continue;
        }
        if (plain)
            fn(ctx, DOC_SPAN_TEXT, buf, plain);
        plain = 0;
        size_t n = unescape(s + mark, (size_t)(close - s - mark), buf);
        fn(ctx, kind, buf, n);
        s = close + mark;
    }
    if (plain)
        fn(ctx, DOC_SPAN_TEXT, buf, plain);
    free(buf);
    return 0;
}

struct md_ctx {
    FILE *f;
    unsigned first; /* the context of the first span, then 0 */
};

static void md_span(void *arg, enum doc_span kind, const char *text, size_t n)
{
    struct md_ctx *c = arg;
    switch (kind) {
    case DOC_SPAN_TEXT:
        md_put_text(c->f, text, n, MD_INLINE | c->first);
        break;
    case DOC_SPAN_BOLD:
        fputs("**", c->f);
        md_put_text(c->f, text, n, MD_INLINE);
        fputs("**", c->f);
        break;
    case DOC_SPAN_CODE:
        md_put_code(c->f, text, n, MD_INLINE);
        break;
    }
    c->first = 0;
}

int doc_markup_put_markdown(FILE *f, const char *markup, unsigned first)
{
    struct md_ctx c = {f, first};
    return doc_markup_spans(markup, md_span, &c);
}
