/* --help, generated from the tables, so what a command says it takes is
 * what it takes. */
#include <syscost/cli.h>

#include <string.h>

#include "cli_private.h"

/* Where the help text of an option or argument starts. */
enum { HELP_COLUMN = 28 };

void sc_cli_synopsis(const struct sc_cli *cli, FILE *f)
{
    char names[256];
    cli_arg_names(cli->args, names, sizeof(names));
    fprintf(f, "%s%s[OPTIONS]", names, names[0] ? " " : "");
}

/* Text with '\n' in it, each further line indented to the help column. */
static void put_indented(FILE *f, const char *text)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, f);
        if (*p == '\n' && p[1])
            fprintf(f, "%*s", HELP_COLUMN, "");
    }
    fputc('\n', f);
}

/* "  NAME" padded to the help column, or on a line of its own when longer. */
static void put_entry(FILE *f, const char *left, const char *help)
{
    int n = fprintf(f, "  %s", left);
    if (n >= HELP_COLUMN - 1)
        fprintf(f, "\n%*s", HELP_COLUMN, "");
    else
        fprintf(f, "%*s", HELP_COLUMN - n, "");
    put_indented(f, help);
}

static void value_name(const struct sc_opt *o, char *buf, size_t len)
{
    buf[0] = '\0';
    if (o->arg) {
        snprintf(buf, len, "%s", o->arg);
        return;
    }
    if (o->kind != SC_OPT_ENUM)
        return;
    size_t n = 0;
    for (const struct sc_opt_choice *c = o->choices; c->name && n < len; c++)
        if (!c->alias)
            n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "|" : "", c->name);
}

static void put_option(FILE *f, const struct sc_opt *o)
{
    char left[160], value[128];
    value_name(o, value, sizeof(value));
    int n = o->short_name ? snprintf(left, sizeof(left), "-%c, ", o->short_name)
                          : snprintf(left, sizeof(left), "    ");
    snprintf(left + n, sizeof(left) - (size_t)n, "--%s%s%s", o->name, value[0] ? " " : "",
             value);
    put_entry(f, left, o->help);
}

/* Each line of the examples, indented, "{prog}" replaced. */
static void put_examples(FILE *f, const char *text, const char *prog)
{
    static const char token[] = "{prog}";
    bool line_start = true;
    for (const char *p = text; *p;) {
        if (line_start) {
            fputs("  ", f);
            line_start = false;
        }
        if (!strncmp(p, token, sizeof(token) - 1)) {
            fputs(prog, f);
            p += sizeof(token) - 1;
            continue;
        }
        fputc(*p, f);
        line_start = *p++ == '\n';
    }
    if (!line_start)
        fputc('\n', f);
}

void sc_cli_help(const struct sc_cli *cli, const struct sc_opt *opts, const char *invocation,
                 FILE *f)
{
    if (cli->title)
        fprintf(f, "%s\n\n", cli->title);
    fprintf(f, "Usage: %s ", invocation ? invocation : cli->name);
    sc_cli_synopsis(cli, f);
    fputc('\n', f);
    if (cli->about)
        fprintf(f, "\n%s%s", cli->about,
                cli->about[0] && cli->about[strlen(cli->about) - 1] == '\n' ? "" : "\n");
    if (cli->args && cli->args[0].name) {
        fputs("\nArguments\n", f);
        for (const struct sc_arg *a = cli->args; a->name; a++)
            put_entry(f, a->name, a->help ? a->help : "");
    }
    if (cli->more)
        cli->more(f);
    if (opts[0].kind != SC_OPT_GROUP)
        fputs("\nOptions\n", f);
    for (const struct sc_opt *o = opts; o->kind != SC_OPT_END; o++) {
        if (o->kind == SC_OPT_GROUP)
            fprintf(f, "\n%s\n", o->name);
        else if (o->help)
            put_option(f, o);
    }
    put_entry(f, "-h, --help", "show this help and exit");
    if (cli->examples) {
        fputs("\nExamples\n", f);
        put_examples(f, cli->examples, invocation ? invocation : cli->name);
    }
    if (cli->footer)
        fprintf(f, "\n%s%s", cli->footer,
                cli->footer[0] && cli->footer[strlen(cli->footer) - 1] == '\n' ? "" : "\n");
}
