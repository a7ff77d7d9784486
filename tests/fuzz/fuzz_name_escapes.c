/* Every way a name from an artifact folder leaves bench, with a hostile
 * name: it must come out unable to be anything but text.
 *  - safe_name_make: only [A-Za-z0-9._-], not starting with '.' or '-',
 *    never empty, within its buffer; a safe name stays as it is;
 *  - plot_gnuplot_setup: the `gnuplot -e` line refuses a name that is not
 *    safe, and the one it makes holds no backtick, '"', '\\', '@', '$' or
 *    newline, with balanced single quotes;
 *  - plot_text_put / plot_text_comment: one quoted data field with no '"',
 *    '\\' or control byte inside, valid UTF-8; one comment line;
 *  - md_put_text / md_put_code (table cell): one line, no unescaped '|',
 *    and md_put_text no unescaped '<', ']', '`' or '*' next to a non-space,
 *    nor '[' outside a table cell.
 * Input: the name (a NUL ends it). Aborts on the first broken rule. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_escape.h"
#include "plot_gnuplot.h"
#include "plot_text.h"
#include "safe_name.h"

enum { MAX_INPUT = 4096 };

#define REQUIRE(cond, what)                                                              \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "name_escapes: %s (name %zu bytes)\n", what, strlen(name));  \
            abort();                                                                     \
        }                                                                                \
    } while (0)

static bool allowed(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
}

/* Length of the valid UTF-8 sequence at s, 0 when there is none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp;
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static char *capture(void (*put)(FILE *, const char *, void *), const char *name, void *arg,
                     size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        abort();
    put(f, name, arg);
    if (fclose(f))
        abort();
    return buf;
}

static void put_field(FILE *f, const char *name, void *arg)
{
    (void)arg;
    plot_text_put(f, name);
}

static void put_comment(FILE *f, const char *name, void *arg)
{
    (void)arg;
    plot_text_comment(f, "from %s: buckets", name);
}

static void put_md_text(FILE *f, const char *name, void *arg)
{
    md_put_text(f, name, strlen(name), *(unsigned *)arg);
}

static void put_md_code(FILE *f, const char *name, void *arg)
{
    md_put_code(f, name, strlen(name), *(unsigned *)arg);
}

static bool escaped(const char *s, size_t i)
{
    size_t slashes = 0;
    while (i > slashes && s[i - slashes - 1] == '\\')
        slashes++;
    return slashes % 2 == 1;
}

static void check_safe_names(const char *name)
{
    static const size_t lens[] = {2, 7, 64, 256};
    for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
        char out[256];
        safe_name_make(name, out, lens[k]);
        REQUIRE(strlen(out) > 0 && strlen(out) < lens[k], "safe name empty or too long");
        REQUIRE(safe_name_check(out), "safe_name_make made a name safe_name_check refuses");
        for (const char *p = out; *p; p++)
            REQUIRE(allowed((unsigned char)*p), "a byte outside [A-Za-z0-9._-] in a safe name");
        REQUIRE(out[0] != '.' && out[0] != '-', "a safe name starts with '.' or '-'");
    }
    if (safe_name_check(name) && strlen(name) < 256) {
        char out[256];
        safe_name_make(name, out, sizeof(out));
        REQUIRE(!strcmp(out, name), "a safe name was changed");
    }
}

static void check_setup(const char *name)
{
    char safe[128], err[256];
    safe_name_make(name, safe, sizeof(safe));
    const char *files[] = {safe, safe};
    for (int term = PLOT_TERM_PNG; term <= PLOT_TERM_DUMB; term++) {
        char *code = plot_gnuplot_setup((enum plot_term)term, 800, 600, 120, name, files, 2, safe,
                                        err, sizeof(err));
        REQUIRE(!code == !safe_name_check(name), "the -e line took an unsafe name, or refused a safe one");
        free(code);
        code = plot_gnuplot_setup((enum plot_term)term, 800, 600, 120, safe, files, 2, safe, err,
                                  sizeof(err));
        REQUIRE(code, "the -e line refused a safe name");
        size_t quotes = 0;
        for (const char *p = code; *p; p++) {
            REQUIRE(!strchr("`\"\\@$\n", *p), "a backtick, quote, backslash, @, $ or newline in the -e line");
            quotes += *p == '\'';
        }
        REQUIRE(quotes % 2 == 0, "unbalanced quotes in the -e line");
        free(code);
        const char *unsafe_files[] = {name};
        code = plot_gnuplot_setup((enum plot_term)term, 800, 600, 120, safe, unsafe_files, 1, NULL,
                                  err, sizeof(err));
        REQUIRE(!code == !safe_name_check(name), "the -e line took an unsafe data file name");
        free(code);
    }
}

static void check_data_text(const char *name)
{
    size_t n;
    char *field = capture(put_field, name, NULL, &n);
    REQUIRE(n >= 2 && field[0] == '"' && field[n - 1] == '"', "a data field is not one quoted string");
    for (size_t i = 1; i + 1 < n;) {
        unsigned char c = (unsigned char)field[i];
        REQUIRE(c >= 0x20 && c != 0x7F && c != '"' && c != '\\', "a quote, backslash or control byte in a data field");
        size_t len = utf8_len((const unsigned char *)field + i, n - 1 - i);
        REQUIRE(len, "invalid UTF-8 in a data field");
        i += len;
    }
    free(field);
    char *comment = capture(put_comment, name, NULL, &n);
    REQUIRE(n >= 3 && !strncmp(comment, "# ", 2) && comment[n - 1] == '\n', "not one comment line");
    REQUIRE(!memchr(comment, '\n', n - 1) && !memchr(comment, '\r', n), "a comment spans lines");
    free(comment);
}

static void check_markdown(const char *name)
{
    static const unsigned contexts[] = {MD_INLINE, MD_SPACED | MD_IN_TABLE, MD_LINE_START};
    for (size_t k = 0; k < sizeof(contexts) / sizeof(contexts[0]); k++) {
        unsigned ctx = contexts[k];
        size_t n;
        char *text = capture(put_md_text, name, &ctx, &n);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)text[i];
            REQUIRE(c >= 0x20 && c != 0x7F, "a control byte or newline in markdown text");
            if (c && strchr("|<]`", c))
                REQUIRE(escaped(text, i), "an unescaped |, <, ] or ` in markdown text");
            if (c == '[' && !(ctx & MD_IN_TABLE))
                REQUIRE(escaped(text, i), "an unescaped [ in inline markdown text");
            if (c == '*' && !escaped(text, i)) {
                bool edge = ctx & MD_SPACED; /* a table cell or heading: spaces outside */
                bool spaced_before = i == 0 ? edge : text[i - 1] == ' ';
                bool spaced_after = i + 1 == n ? edge : text[i + 1] == ' ';
                REQUIRE(spaced_before && spaced_after, "a '*' that could delimit emphasis");
            }
        }
        if (ctx & MD_LINE_START && n)
            REQUIRE(!strchr("#>-+=_`~<|*", text[0]), "a line starts a block");
        free(text);
        char *code = capture(put_md_code, name, &ctx, &n);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)code[i];
            REQUIRE(c >= 0x20 && c != 0x7F, "a control byte or newline in a code span");
            if (c == '|' && (ctx & MD_IN_TABLE))
                REQUIRE(escaped(code, i), "an unescaped | in a table cell");
        }
        free(code);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    char *name = malloc(size + 1);
    if (!name)
        return 0;
    memcpy(name, data, size);
    name[size] = '\0';
    check_safe_names(name);
    check_setup(name);
    check_data_text(name);
    check_markdown(name);
    free(name);
    return 0;
}
