/* The parser of declared option tables, and its one error format. */
#include <syscost/cli.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli_private.h"

/* Values come from the user's line, often pasted: shown with control
 * bytes escaped and cut short, the error stays one readable line. */
void sc_cli_quote(const char *s, char *buf, size_t len)
{
    size_t o = 0, i = 0;
    enum { SHOWN = 120 };
    for (; s[i] && i < SHOWN && o + 5 < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
        else
            buf[o++] = (char)c;
    }
    if (s[i] && o + 4 < len) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
}

static int verror(const struct sc_cli *cli, const char *fmt, va_list ap)
{
    fprintf(stderr, "error: %s: ", cli->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see %s --help)\n", cli->name);
    return SC_CLI_ERROR;
}

int sc_cli_error(const struct sc_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(cli, fmt, ap);
    va_end(ap);
    return SC_CLI_ERROR;
}

int sc_cli_bad_value(const struct sc_cli *cli, const char *flag, const char *value,
                     const char *why)
{
    char shown[512];
    sc_cli_quote(value, shown, sizeof(shown));
    return sc_cli_error(cli, "%s: '%s' %s", flag, shown, why);
}

/* "--name" or "-n", as the user wrote it, for messages. */
static void spelled(const struct sc_opt *o, bool as_short, char *buf, size_t len)
{
    if (as_short)
        snprintf(buf, len, "-%c", o->short_name);
    else
        snprintf(buf, len, "--%s", o->name);
}

/* Edits (insert, delete, replace, swap two) from a to b, at most 3 counted. */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

static int unknown_flag(const struct sc_cli *cli, const struct sc_opt *opts, const char *arg,
                        size_t len)
{
    char name[80], shown[512];
    snprintf(name, sizeof(name), "%.*s", (int)(len < 64 ? len : 64), arg);
    sc_cli_quote(len < 64 ? name : arg, shown, sizeof(shown));
    const struct sc_opt *near = NULL;
    int best = 3;
    if (arg[1] == '-')
        for (const struct sc_opt *o = opts; o->kind != SC_OPT_END; o++) {
            if (!o->name || o->kind == SC_OPT_GROUP || !o->help)
                continue;
            int d = distance(name + 2, o->name);
            if (d < best && d < (int)strlen(o->name)) {
                best = d;
                near = o;
            }
        }
    if (near)
        return sc_cli_error(cli, "%s: unknown flag; did you mean --%s?", shown, near->name);
    return sc_cli_error(cli, "%s: unknown flag", shown);
}

static int take_count(const struct sc_cli *cli, const struct sc_opt *o, const char *flag,
                      const char *v)
{
    char *end;
    if (*v < '0' || *v > '9')
        return sc_cli_bad_value(cli, flag, v, "is not a whole number");
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end)
        return sc_cli_bad_value(cli, flag, v, "is not a whole number");
    if (errno == ERANGE || n < o->min || n > o->max) {
        char why[96];
        snprintf(why, sizeof(why), "is out of range [%" PRIu64 ", %" PRIu64 "]", o->min, o->max);
        return sc_cli_bad_value(cli, flag, v, why);
    }
    *(uint64_t *)o->value = n;
    return SC_CLI_OK;
}

static int take_real(const struct sc_cli *cli, const struct sc_opt *o, const char *flag,
                     const char *v)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    bool above = o->lo_open ? d > o->lo : d >= o->lo;
    bool below = o->hi_open ? d < o->hi : d <= o->hi;
    if (end == v || *end || errno == ERANGE || !(above && below)) {
        char why[96];
        snprintf(why, sizeof(why), "is not a number in %c%g, %g%c", o->lo_open ? '(' : '[',
                 o->lo, o->hi, o->hi_open ? ')' : ']');
        return sc_cli_bad_value(cli, flag, v, why);
    }
    *(double *)o->value = d * (o->scale != 0 ? o->scale : 1);
    return SC_CLI_OK;
}

static int take_enum(const struct sc_cli *cli, const struct sc_opt *o, const char *flag,
                     const char *v)
{
    for (const struct sc_opt_choice *c = o->choices; c->name; c++)
        if (!strcmp(c->name, v)) {
            *(int *)o->value = c->value;
            return SC_CLI_OK;
        }
    char why[256];
    size_t n = (size_t)snprintf(why, sizeof(why), "is not one of ");
    for (const struct sc_opt_choice *c = o->choices; c->name && n < sizeof(why); c++)
        if (!c->alias)
            n += (size_t)snprintf(why + n, sizeof(why) - n, "%s%s", n > 14 ? ", " : "", c->name);
    return sc_cli_bad_value(cli, flag, v, why);
}

static int take_value(const struct sc_cli *cli, const struct sc_opt *o, const char *flag,
                      const char *v)
{
    char why[256];
    switch (o->kind) {
    case SC_OPT_COUNT:
        return take_count(cli, o, flag, v);
    case SC_OPT_REAL:
        return take_real(cli, o, flag, v);
    case SC_OPT_ENUM:
        return take_enum(cli, o, flag, v);
    case SC_OPT_STRING:
    case SC_OPT_CALL:
        why[0] = '\0';
        if (o->check && o->check(o, v, why, sizeof(why)))
            return sc_cli_bad_value(cli, flag, v, why[0] ? why : "is refused");
        if (o->kind == SC_OPT_STRING)
            *(const char **)o->value = v;
        return SC_CLI_OK;
    default:
        return SC_CLI_OK;
    }
}

static const struct sc_opt *find_long(const struct sc_opt *opts, const char *name, size_t len)
{
    for (const struct sc_opt *o = opts; o->kind != SC_OPT_END; o++)
        if (o->kind != SC_OPT_GROUP && o->name && strlen(o->name) == len &&
            !strncmp(o->name, name, len))
            return o;
    return NULL;
}

static const struct sc_opt *find_short(const struct sc_opt *opts, char c)
{
    for (const struct sc_opt *o = opts; o->kind != SC_OPT_END; o++)
        if (o->kind != SC_OPT_GROUP && o->short_name == c)
            return o;
    return NULL;
}

/* The most positional arguments the table takes; -1 for no limit. */
static int most_args(const struct sc_arg *args)
{
    int most = 0;
    for (const struct sc_arg *a = args; a && a->name; a++) {
        if (a->max == SC_ARGS_MANY)
            return -1;
        most += a->max;
    }
    return most;
}

/* "FILE", "BASE CAND", "KIND INPUT...": the arguments a usage line names. */
void cli_arg_names(const struct sc_arg *args, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (const struct sc_arg *a = args; a && a->name && o < len; a++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s%s%s%s", o ? " " : "", a->min ? "" : "[",
                              a->name, a->max == SC_ARGS_MANY || a->max > 1 ? "..." : "",
                              a->min ? "" : "]");
}

static int too_many(const struct sc_cli *cli, const char *arg)
{
    char shown[512], names[256];
    sc_cli_quote(arg, shown, sizeof(shown));
    cli_arg_names(cli->args, names, sizeof(names));
    if (!names[0])
        return sc_cli_error(cli, "'%s': takes no arguments", shown);
    return sc_cli_error(cli, "'%s': one argument too many (it takes %s)", shown, names);
}

static int check_missing(const struct sc_cli *cli, int n)
{
    int need = 0;
    for (const struct sc_arg *a = cli->args; a && a->name; a++) {
        need += a->min;
        if (n < need)
            return sc_cli_error(cli, "%s is missing", a->name);
    }
    return SC_CLI_OK;
}

int sc_cli_parse(const struct sc_cli *cli, const struct sc_opt *opts, int argc, char **argv,
                 char **pos, int *n_pos)
{
    const int most = most_args(cli->args);
    uint64_t seen = 0; /* bit i: opts[i] given (tables hold fewer than 64) */
    const char *first_value[64] = {0};
    int n = 0;
    bool options_done = false;
    if (n_pos)
        *n_pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || !arg[1]) {
            if (most >= 0 && n >= most)
                return too_many(cli, arg);
            if (pos)
                pos[n] = argv[i];
            n++;
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_done = true;
            continue;
        }
        bool as_short = arg[1] != '-';
        const char *eq = as_short ? NULL : strchr(arg, '=');
        size_t name_len = as_short ? 1 : (eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
        const struct sc_opt *o = as_short ? find_short(opts, arg[1])
                                          : find_long(opts, arg + 2, name_len);
        if (!o && (as_short ? arg[1] == 'h' && !arg[2]
                            : name_len == 4 && !strncmp(arg + 2, "help", 4)))
            return SC_CLI_HELP;
        if (!o)
            return unknown_flag(cli, opts, arg, as_short ? strlen(arg) : name_len + 2);
        char flag[80];
        spelled(o, as_short, flag, sizeof(flag));
        const char *value = NULL;
        bool takes_value = o->kind != SC_OPT_FLAG && o->kind != SC_OPT_HELP;
        if (!takes_value) {
            if (eq) {
                char shown[512];
                sc_cli_quote(eq + 1, shown, sizeof(shown));
                return sc_cli_error(cli, "%s: takes no value, got '%s'", flag, shown);
            }
            if (as_short && arg[2])
                return unknown_flag(cli, opts, arg, strlen(arg));
            if (o->kind == SC_OPT_HELP)
                return SC_CLI_HELP;
        } else if (eq) {
            value = eq + 1;
        } else if (as_short && arg[2]) {
            value = arg + 2;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return sc_cli_error(cli, "%s: needs a value", flag);
        }
        size_t idx = (size_t)(o - opts);
        if (idx < 64 && (seen >> idx & 1) && o->once) {
            char before[512], now[512];
            sc_cli_quote(first_value[idx] ? first_value[idx] : "", before, sizeof(before));
            sc_cli_quote(value ? value : "", now, sizeof(now));
            return sc_cli_error(cli, "%s: given twice ('%s', then '%s'): give it once", flag,
                                before, now);
        }
        if (idx < 64) {
            seen |= UINT64_C(1) << idx;
            first_value[idx] = value;
        }
        if (o->kind == SC_OPT_FLAG)
            *(bool *)o->value = true;
        else if (take_value(cli, o, flag, value))
            return SC_CLI_ERROR;
        if (o->given)
            *o->given = true;
    }
    if (n_pos)
        *n_pos = n;
    return check_missing(cli, n);
}
