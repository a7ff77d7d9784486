#include <syscost/json.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>

/* Nesting deeper than this is rejected rather than risking the C stack on
 * hostile input (the fuzzers feed this parser). */
#define SC_JSON_MAX_DEPTH 256

struct parser {
    const char *p, *end;
    const char *line_start;
    int line;
    struct sc_json_error *err;
    int failed;
};

static void fail_at(struct parser *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(struct parser *ps, const char *at, const char *fmt, ...)
{
    if (ps->failed)
        return;
    ps->failed = 1;
    /* Columns count bytes from 1; `at` is always on the current line. */
    ps->err->line = ps->line;
    ps->err->col = (int)(at - ps->line_start) + 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
    va_end(ap);
}

static void skip_ws(struct parser *ps)
{
    while (ps->p < ps->end) {
        char c = *ps->p;
        if (c == '\n') {
            ps->line++;
            ps->line_start = ps->p + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        ps->p++;
    }
}

static struct sc_json *new_value(struct parser *ps, enum sc_json_type t)
{
    struct sc_json *v = calloc(1, sizeof(*v));
    if (!v) {
        fail_at(ps, ps->p, "out of memory");
        return NULL;
    }
    v->type = t;
    v->line = ps->line;
    v->col = (int)(ps->p - ps->line_start) + 1;
    return v;
}

/* Describes the byte at p for "unexpected ..." messages. */
static void describe(const struct parser *ps, const char *p, char *buf, size_t n)
{
    if (p >= ps->end)
        snprintf(buf, n, "end of input");
    else if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
        snprintf(buf, n, "'%c'", *p);
    else
        snprintf(buf, n, "byte 0x%02x", (unsigned char)*p);
}

static int literal(struct parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) {
        fail_at(ps, ps->p, "invalid literal, expected '%s'", word);
        return -1;
    }
    ps->p += n;
    return 0;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *dst, unsigned cp)
{
    if (cp < 0x80) {
        dst[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (char)(0xc0 | (cp >> 6));
        dst[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (char)(0xe0 | (cp >> 12));
        dst[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        dst[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    dst[0] = (char)(0xf0 | (cp >> 18));
    dst[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    dst[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    dst[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Parses a string starting at the opening quote. The decoded text is never
 * longer than the source, so one allocation of the source length suffices. */
static char *parse_string_raw(struct parser *ps, size_t *len_out)
{
    const char *start = ps->p;
    ps->p++; /* opening quote */
    const char *q = ps->p;
    while (q < ps->end && *q != '"') {
        if (*q == '\\' && q + 1 < ps->end)
            q++;
        q++;
    }
    if (q >= ps->end) {
        fail_at(ps, start, "unterminated string");
        return NULL;
    }
    char *out = malloc((size_t)(q - ps->p) + 1);
    if (!out) {
        fail_at(ps, start, "out of memory");
        return NULL;
    }
    size_t n = 0;
    while (*ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            fail_at(ps, ps->p, "control character (byte 0x%02x) in string; escape it", c);
            free(out);
            return NULL;
        }
        if (c != '\\') {
            out[n++] = (char)c;
            ps->p++;
            continue;
        }
        const char *esc = ps->p;
        ps->p++;
        switch (*ps->p) {
        case '"': out[n++] = '"'; break;
        case '\\': out[n++] = '\\'; break;
        case '/': out[n++] = '/'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            unsigned cp;
            if (q - ps->p < 5 || hex4(ps->p + 1, &cp) != 0) {
                fail_at(ps, esc, "invalid \\u escape, expected 4 hex digits");
                free(out);
                return NULL;
            }
            ps->p += 4;
            if (cp >= 0xd800 && cp <= 0xdbff) {
                unsigned lo;
                if (q - ps->p < 7 || ps->p[1] != '\\' || ps->p[2] != 'u' ||
                    hex4(ps->p + 3, &lo) != 0 || lo < 0xdc00 || lo > 0xdfff) {
                    fail_at(ps, esc, "unpaired UTF-16 surrogate in \\u escape");
                    free(out);
                    return NULL;
                }
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                fail_at(ps, esc, "unpaired UTF-16 surrogate in \\u escape");
                free(out);
                return NULL;
            }
            /* "\u0000" would cut the C string short: keep it visible. */
            if (cp == 0) {
                fail_at(ps, esc, "\\u0000 is not supported in strings");
                free(out);
                return NULL;
            }
            n += put_utf8(out + n, cp);
            break;
        }
        default: {
            char what[24];
            describe(ps, ps->p, what, sizeof(what));
            fail_at(ps, esc, "invalid escape \\%s in string", what);
            free(out);
            return NULL;
        }
        }
        ps->p++;
    }
    ps->p++; /* closing quote */
    out[n] = '\0';
    *len_out = n;
    return out;
}

/* Skips the one or more digits a fraction or an exponent must have at *q;
 * -1 (the error said, naming `where`) when there is none. */
static int need_digits(struct parser *ps, const char **q, const char *where)
{
    if (*q >= ps->end || **q < '0' || **q > '9') {
        fail_at(ps, *q, "invalid number, expected a digit %s", where);
        return -1;
    }
    while (*q < ps->end && **q >= '0' && **q <= '9')
        (*q)++;
    return 0;
}

static struct sc_json *parse_number(struct parser *ps)
{
    const char *start = ps->p, *q = ps->p;
    int integral = 1;
    if (q < ps->end && *q == '-')
        q++;
    if (q >= ps->end || *q < '0' || *q > '9') {
        fail_at(ps, start, "invalid number, expected a digit");
        return NULL;
    }
    if (*q == '0') {
        q++;
        if (q < ps->end && *q >= '0' && *q <= '9') {
            fail_at(ps, start, "invalid number, leading zeros are not allowed");
            return NULL;
        }
    } else {
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && *q == '.') {
        integral = 0;
        q++;
        if (need_digits(ps, &q, "after '.'"))
            return NULL;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        integral = 0;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (need_digits(ps, &q, "in the exponent"))
            return NULL;
    }
    /* The source is not NUL-terminated: convert from a bounded copy. */
    char buf[128];
    size_t n = (size_t)(q - start);
    if (n >= sizeof(buf)) {
        fail_at(ps, start, "number too long (%zu characters)", n);
        return NULL;
    }
    memcpy(buf, start, n);
    buf[n] = '\0';
    struct sc_json *v = new_value(ps, SC_JSON_NUMBER);
    if (!v)
        return NULL;
    v->number = strtod(buf, NULL);
    if (integral) {
        v->integral = 1;
        errno = 0;
        long long ll = strtoll(buf, NULL, 10);
        if (errno == 0) {
            v->is_integer = 1;
            v->integer = ll;
        }
        if (buf[0] != '-') {
            errno = 0;
            unsigned long long ull = strtoull(buf, NULL, 10);
            if (errno == 0) {
                v->is_unsigned = 1;
                v->uinteger = ull;
            }
        }
    }
    ps->p = q;
    return v;
}

static struct sc_json *parse_value(struct parser *ps, int depth);

static int grow(struct parser *ps, struct sc_json *v, size_t *cap, int with_keys)
{
    if (v->count < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 4;
    struct sc_json **items = realloc(v->items, ncap * sizeof(*items));
    if (!items)
        goto oom;
    v->items = items;
    if (with_keys) {
        char **keys = realloc(v->keys, ncap * sizeof(*keys));
        if (!keys)
            goto oom;
        v->keys = keys;
    }
    *cap = ncap;
    return 0;
oom:
    fail_at(ps, ps->p, "out of memory");
    return -1;
}

/* After a member of an array or object: 1 when a ',' says another
 * follows, 0 when `close` ends it, -1 (the error said) otherwise. */
static int next_member(struct parser *ps, char close, const char *in)
{
    skip_ws(ps);
    if (ps->p < ps->end && (*ps->p == ',' || *ps->p == close))
        return *ps->p++ == ',';
    char what[24];
    describe(ps, ps->p, what, sizeof(what));
    fail_at(ps, ps->p, "expected ',' or '%c' in %s, found %s", close, in, what);
    return -1;
}

/* An object member's key and the ':' after it; NULL (the error said) when
 * either is missing. */
static char *parse_key(struct parser *ps)
{
    char what[24];
    if (ps->p >= ps->end || *ps->p != '"') {
        describe(ps, ps->p, what, sizeof(what));
        fail_at(ps, ps->p, "expected a quoted key in object, found %s", what);
        return NULL;
    }
    size_t klen;
    char *key = parse_string_raw(ps, &klen);
    if (!key)
        return NULL;
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') {
        describe(ps, ps->p, what, sizeof(what));
        fail_at(ps, ps->p, "expected ':' after key \"%.40s\", found %s", key, what);
        free(key);
        return NULL;
    }
    ps->p++;
    skip_ws(ps);
    return key;
}

/* An array or an object (ps->p at its '[' or '{'): members a ',' apart,
 * each an object's with its key, then the closing bracket. */
static struct sc_json *parse_members(struct parser *ps, int depth, enum sc_json_type type)
{
    const int object = type == SC_JSON_OBJECT;
    const char close = object ? '}' : ']';
    struct sc_json *v = new_value(ps, type);
    if (!v)
        return NULL;
    size_t cap = 0;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return v;
    }
    for (;;) {
        skip_ws(ps);
        char *key = NULL;
        if (object && !(key = parse_key(ps)))
            break;
        struct sc_json *item = parse_value(ps, depth + 1);
        if (!item || grow(ps, v, &cap, object) != 0) {
            free(key);
            sc_json_free(item);
            break;
        }
        if (object)
            v->keys[v->count] = key;
        v->items[v->count++] = item;
        int more = next_member(ps, close, object ? "object" : "array");
        if (more == 0)
            return v;
        if (more < 0)
            break;
    }
    sc_json_free(v);
    return NULL;
}

static struct sc_json *parse_value(struct parser *ps, int depth)
{
    if (depth > SC_JSON_MAX_DEPTH) {
        fail_at(ps, ps->p, "nesting deeper than %d levels", SC_JSON_MAX_DEPTH);
        return NULL;
    }
    if (ps->p >= ps->end) {
        fail_at(ps, ps->p, "unexpected end of input, expected a value");
        return NULL;
    }
    struct sc_json *v;
    switch (*ps->p) {
    case '{':
        return parse_members(ps, depth, SC_JSON_OBJECT);
    case '[':
        return parse_members(ps, depth, SC_JSON_ARRAY);
    case '"': {
        v = new_value(ps, SC_JSON_STRING);
        if (!v)
            return NULL;
        v->string = parse_string_raw(ps, &v->len);
        if (!v->string) {
            free(v);
            return NULL;
        }
        return v;
    }
    case 't':
    case 'f':
        v = new_value(ps, SC_JSON_BOOL);
        if (!v)
            return NULL;
        v->boolean = *ps->p == 't';
        if (literal(ps, v->boolean ? "true" : "false") != 0) {
            free(v);
            return NULL;
        }
        return v;
    case 'n':
        v = new_value(ps, SC_JSON_NULL);
        if (!v)
            return NULL;
        if (literal(ps, "null") != 0) {
            free(v);
            return NULL;
        }
        return v;
    default:
        if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
            return parse_number(ps);
        char what[24];
        describe(ps, ps->p, what, sizeof(what));
        fail_at(ps, ps->p, "unexpected %s, expected a value", what);
        return NULL;
    }
}

struct sc_json *sc_json_parse(const char *text, size_t len, struct sc_json_error *err)
{
    struct sc_json_error scratch;
    struct parser ps = {
        .p = text, .end = text + len, .line_start = text, .line = 1,
        .err = err ? err : &scratch,
    };
    memset(ps.err, 0, sizeof(*ps.err));
    /* A byte order mark is not part of the text; columns start after it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.p = ps.line_start = text + 3;
    skip_ws(&ps);
    struct sc_json *v = parse_value(&ps, 0);
    if (!v)
        return NULL;
    skip_ws(&ps);
    if (ps.p < ps.end) {
        char what[24];
        describe(&ps, ps.p, what, sizeof(what));
        fail_at(&ps, ps.p, "unexpected %s after the value", what);
        sc_json_free(v);
        return NULL;
    }
    return v;
}

struct sc_json *sc_json_parse_file(const char *path, struct sc_json_error *err)
{
    struct sc_json_error scratch;
    if (!err)
        err = &scratch;
    memset(err, 0, sizeof(*err));
    char *buf = NULL;
    size_t len = 0;
    enum sc_read_status st = sc_read_file(path, &buf, &len);
    if (st != SC_READ_OK) {
        sc_read_status_text(st, SC_READ_MAX_BYTES, err->msg, sizeof(err->msg));
        return NULL;
    }
    struct sc_json *v = sc_json_parse(buf, len, err);
    free(buf);
    return v;
}

void sc_json_free(struct sc_json *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->count; i++) {
        sc_json_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    free(v);
}

const struct sc_json *sc_json_get(const struct sc_json *v, const char *key)
{
    if (!v || v->type != SC_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < v->count; i++)
        if (strcmp(v->keys[i], key) == 0)
            return v->items[i];
    return NULL;
}

const char *sc_json_type_name(enum sc_json_type t)
{
    switch (t) {
    case SC_JSON_NULL: return "null";
    case SC_JSON_BOOL: return "a boolean";
    case SC_JSON_NUMBER: return "a number";
    case SC_JSON_STRING: return "a string";
    case SC_JSON_ARRAY: return "an array";
    case SC_JSON_OBJECT: return "an object";
    }
    return "an unknown value";
}
